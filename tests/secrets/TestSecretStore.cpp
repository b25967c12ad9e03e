// SPDX-License-Identifier: MIT
// The in-memory and encrypted-file stores, and the "no keychain" path: with no D-Bus session
// the keychain fails fast and openSecretStore() falls back to the encrypted file (or to
// nothing), never to plaintext. CTest runs this binary with DBUS_SESSION_BUS_ADDRESS unset.
#include "crypto/Age.h"
#include "secrets/SecretStore.h"
#include "support/ResultTesting.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "SecretsTestSupport.h"
#include <sys/stat.h>

using namespace Sb;
using Crypto::SecureBytes;
using Code = Secrets::SecretError::Code;

namespace {
const QByteArray Sentinel = "SENTINEL-PRIVATE-KEY-7f3a9c-secret-store";

int modeOf(const QString &path)
{
    struct stat st
    {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}
} // namespace

class TestSecretStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void memoryStoreRoundTrip();
    void namesAreChecked();
    void encryptedFileRoundTripIsPrivateAndOpaque();
    void encryptedFileWrongPassphraseChangesNothing();
    void encryptedFileIsAnAgeFile();
    void noKeychainFailsFastAndFallsBackToEncryptedFile();
    void noKeychainAndNoPassphraseStoresNothing();
};

void TestSecretStore::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "run through CTest, which unsets DBUS_SESSION_BUS_ADDRESS for this test");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
}

void TestSecretStore::memoryStoreRoundTrip()
{
    Secrets::MemorySecretStore store;
    SB_VERIFY_ERROR(store.read(QStringLiteral("a")), Code::NotFound);
    SB_VERIFY_RESULT(store.write(QStringLiteral("a"), SecureBytes(Sentinel)));
    const auto read = store.read(QStringLiteral("a"));
    SB_VERIFY_RESULT(read);
    QCOMPARE(read->exposeForApi(), Sentinel);
    QCOMPARE(store.names(), QStringList{QStringLiteral("a")});
    SB_VERIFY_RESULT(store.remove(QStringLiteral("a")));
    SB_VERIFY_RESULT(store.remove(QStringLiteral("a")));
    SB_VERIFY_ERROR(store.read(QStringLiteral("a")), Code::NotFound);
}

void TestSecretStore::namesAreChecked()
{
    Secrets::MemorySecretStore store;
    SB_VERIFY_ERROR(store.write(QString(), SecureBytes("x")), Code::InvalidName);
    SB_VERIFY_ERROR(store.write(QStringLiteral("a b"), SecureBytes("x")), Code::InvalidName);
    SB_VERIFY_ERROR(store.write(QString(300, u'a'), SecureBytes("x")), Code::InvalidName);
}

void TestSecretStore::encryptedFileRoundTripIsPrivateAndOpaque()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/secrets.age"));
    Secrets::EncryptedFileSecretStore store(path, SecureBytes("file pass"), 4);
    SB_VERIFY_ERROR(store.read(QStringLiteral("env/x/private-key")), Code::NotFound);
    SB_VERIFY_RESULT(store.write(QStringLiteral("env/x/private-key"), SecureBytes(Sentinel)));
    SB_VERIFY_RESULT(store.write(QStringLiteral("env/y/token"), SecureBytes("second")));
    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(modeOf(QFileInfo(path).absolutePath()), 0700);

    // A second instance (another process) with the same passphrase sees both.
    Secrets::EncryptedFileSecretStore other(path, SecureBytes("file pass"), 4);
    const auto key = other.read(QStringLiteral("env/x/private-key"));
    SB_VERIFY_RESULT(key);
    QCOMPARE(key->exposeForApi(), Sentinel);
    SB_VERIFY_RESULT(other.remove(QStringLiteral("env/y/token")));
    SB_VERIFY_ERROR(store.read(QStringLiteral("env/y/token")), Code::NotFound);
    QVERIFY2(filesContaining(dir.path(), Sentinel).isEmpty(), "secret found in plaintext");
    QVERIFY(filesContaining(dir.path(), "file pass").isEmpty());
}

void TestSecretStore::encryptedFileWrongPassphraseChangesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secrets.age"));
    Secrets::EncryptedFileSecretStore store(path, SecureBytes("right"), 4);
    SB_VERIFY_RESULT(store.write(QStringLiteral("k"), SecureBytes(Sentinel)));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();

    Secrets::EncryptedFileSecretStore wrong(path, SecureBytes("wrong"), 4);
    SB_VERIFY_ERROR(wrong.unlock(), Code::WrongPassphrase);
    SB_VERIFY_ERROR(wrong.write(QStringLiteral("k2"), SecureBytes("x")), Code::WrongPassphrase);
    SB_VERIFY_ERROR(wrong.read(QStringLiteral("k")), Code::WrongPassphrase);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);

    Secrets::EncryptedFileSecretStore none(path, SecureBytes(), 4);
    SB_VERIFY_ERROR(none.read(QStringLiteral("k")), Code::NeedsPassphrase);
}

void TestSecretStore::encryptedFileIsAnAgeFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secrets.age"));
    Secrets::EncryptedFileSecretStore store(path, SecureBytes("pw"), 18);
    SB_VERIFY_RESULT(store.write(QStringLiteral("k"), SecureBytes("v")));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(Crypto::Age::looksLikeAge(bytes));
    QCOMPARE(Crypto::Age::workFactorOf(bytes), 18);
}

void TestSecretStore::noKeychainFailsFastAndFallsBackToEncryptedFile()
{
    QTemporaryDir dir;
    Secrets::KeychainSecretStore keychain(QStringLiteral("suitebench-test"),
                                          std::chrono::milliseconds(5000));
    QElapsedTimer timer;
    timer.start();
    const auto probe = keychain.probe();
    QVERIFY2(!probe, "a keychain answered although no D-Bus session exists");
    QVERIFY2(probe.error().code == Code::NoBackend || probe.error().code == Code::Backend,
             qPrintable(probe.error().message));
    QVERIFY2(timer.elapsed() < 4000, "the no-backend path must fail fast, not time out");

    Secrets::SecretStoreOptions options;
    options.service = QStringLiteral("suitebench-test");
    options.fallbackFile = dir.filePath(QStringLiteral("secrets.age"));
    options.fallbackPassphrase = SecureBytes("session pass");
    options.fallbackWorkFactor = 4;
    auto opened = Secrets::openSecretStore(std::move(options));
    QVERIFY(opened.store);
    QVERIFY(!opened.fallbackReason.isEmpty());
    QCOMPARE(opened.store->backendName(), QStringLiteral("encrypted file"));
    SB_VERIFY_RESULT(
        opened.store->write(QStringLiteral("env/a/private-key"), SecureBytes(Sentinel)));
    QVERIFY(filesContaining(dir.path(), Sentinel).isEmpty());
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("secrets.age"))));
}

void TestSecretStore::noKeychainAndNoPassphraseStoresNothing()
{
    QTemporaryDir dir;
    Secrets::SecretStoreOptions options;
    options.fallbackFile = dir.filePath(QStringLiteral("secrets.age"));
    options.keychainTimeout = std::chrono::milliseconds(5000);
    auto opened = Secrets::openSecretStore(std::move(options));
    QVERIFY(opened.store);
    SB_VERIFY_ERROR(opened.store->write(QStringLiteral("k"), SecureBytes(Sentinel)),
                    Code::NoBackend);
    SB_VERIFY_ERROR(opened.store->read(QStringLiteral("k")), Code::NoBackend);
    QVERIFY(QDir(dir.path()).isEmpty());
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "TestSecretStore.moc"
