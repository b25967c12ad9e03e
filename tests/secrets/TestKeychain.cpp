// SPDX-License-Identifier: MIT
// The real OS keychain path: QtKeychain → libsecret → a throw-away gnome-keyring in a private
// D-Bus session (run-with-keyring.sh). Fails, never skips, when the keychain does not answer.
#include "secrets/SecretStore.h"
#include "support/ResultTesting.h"

#include <QTest>

#include "SecretsTestSupport.h"

using namespace Sb;
using Crypto::SecureBytes;
using Code = Secrets::SecretError::Code;

class TestKeychain final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void writeReadDeleteRoundTrip();
    void binarySecretsSurvive();
    void openSecretStorePrefersTheKeychain();
    void secretNeverInPlaintextOnDisk();
};

namespace {
const QByteArray Sentinel = "SENTINEL-PRIVATE-KEY-keychain-4c1d";
}

void TestKeychain::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "run through tests/secrets/run-with-keyring.sh (CTest does)");
    Secrets::KeychainSecretStore store(QStringLiteral("suitebench-test"));
    const auto probe = store.probe();
    QVERIFY2(probe, qPrintable(probe ? QString() : probe.error().message));
}

void TestKeychain::writeReadDeleteRoundTrip()
{
    Secrets::KeychainSecretStore store(QStringLiteral("suitebench-test"));
    const QString name = QStringLiteral("env/roundtrip/private-key");
    SB_VERIFY_RESULT(store.write(name, SecureBytes(Sentinel)));
    const auto read = store.read(name);
    SB_VERIFY_RESULT(read);
    QCOMPARE(read->exposeForApi(), Sentinel);
    SB_VERIFY_RESULT(store.write(name, SecureBytes("replaced")));
    QCOMPARE(store.read(name)->exposeForApi(), QByteArray("replaced"));
    SB_VERIFY_RESULT(store.remove(name));
    SB_VERIFY_ERROR(store.read(name), Code::NotFound);
    SB_VERIFY_RESULT(store.remove(name)); // absent: still fine
}

void TestKeychain::binarySecretsSurvive()
{
    Secrets::KeychainSecretStore store(QStringLiteral("suitebench-test"));
    QByteArray bytes;
    for (int i = 0; i < 256; ++i) {
        bytes.append(char(i));
    }
    SB_VERIFY_RESULT(store.write(QStringLiteral("binary"), SecureBytes(bytes)));
    const auto read = store.read(QStringLiteral("binary"));
    SB_VERIFY_RESULT(read);
    QCOMPARE(read->exposeForApi(), bytes);
    SB_VERIFY_RESULT(store.remove(QStringLiteral("binary")));
}

void TestKeychain::openSecretStorePrefersTheKeychain()
{
    Secrets::SecretStoreOptions options;
    options.service = QStringLiteral("suitebench-test");
    options.fallbackFile = QDir::home().filePath(QStringLiteral("never-written.age"));
    options.fallbackPassphrase = SecureBytes("unused");
    auto opened = Secrets::openSecretStore(std::move(options));
    QVERIFY(opened.store);
    QVERIFY2(opened.fallbackReason.isEmpty(), qPrintable(opened.fallbackReason));
    QCOMPARE(opened.store->backendName(), QStringLiteral("OS keychain"));
    SB_VERIFY_RESULT(
        opened.store->write(QStringLiteral("env/sentinel/private-key"), SecureBytes(Sentinel)));
    QVERIFY(!QFile::exists(QDir::home().filePath(QStringLiteral("never-written.age"))));
}

void TestKeychain::secretNeverInPlaintextOnDisk()
{
    // The keyring file lives in the wrapper's private XDG_DATA_HOME; it is encrypted.
    const QString data = qEnvironmentVariable("XDG_DATA_HOME");
    QVERIFY(!data.isEmpty());
    QVERIFY2(filesContaining(QDir::homePath(), Sentinel).isEmpty(),
             "the sentinel secret was found in a file under the test HOME");
    QVERIFY(filesContaining(data, Sentinel).isEmpty());
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "TestKeychain.moc"
