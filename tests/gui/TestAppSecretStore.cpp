// SPDX-License-Identifier: MIT
// The app's secret store where no keychain answers: the passphrase question, the encrypted
// file, wrong passphrases and a cancelled question.
#include "gui/AppSecretStore.h"
#include "secrets/SecretStore.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "ScriptedPrompter.h"

using namespace Sb;

class TestAppSecretStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void noKeychainAsksForTheFilePassphrase();
    void cancelledQuestionFailsThatCallOnly();
};

namespace {
App::AppSecretStore::Options options(const QTemporaryDir &dir)
{
    App::AppSecretStore::Options o;
    o.fallbackFile = dir.filePath(QStringLiteral("secrets.age"));
    o.keychainDisabled = true; // as SUITEBENCH_NO_KEYCHAIN=1, or a session without one
    o.workFactor = 10;
    return o;
}
const QByteArray sentinel("-----BEGIN PRIVATE KEY----- SENTINEL-KEY-7f3a");
} // namespace

void TestAppSecretStore::noKeychainAsksForTheFilePassphrase()
{
    QTemporaryDir dir;
    SbTest::ScriptedPrompter prompter;
    {
        App::AppSecretStore store(options(dir), prompter);
        // A new file: a short passphrase is refused and asked again.
        prompter.passphrases = {QStringLiteral("short"), QStringLiteral("correct horse battery")};
        QVERIFY(store
                    .write(QStringLiteral("suitebench/env/x/private-key"),
                           Crypto::SecureBytes(sentinel))
                    .has_value());
        QCOMPARE(prompter.passphrases.size(), 0);
        QVERIFY(prompter.asked.first().contains(QStringLiteral("secrets.age")));
        QCOMPARE(
            store.backendName(),
            Secrets::EncryptedFileSecretStore(QString(), Crypto::SecureBytes("x")).backendName());
        // Asked once per session: the next call does not ask again.
        const qsizetype asked = prompter.asked.size();
        QVERIFY(store.read(QStringLiteral("suitebench/env/x/private-key")).has_value());
        QCOMPARE(prompter.asked.size(), asked);
    }
    QFile file(dir.filePath(QStringLiteral("secrets.age")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("SENTINEL-KEY"));
    QCOMPARE(file.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());

    // The next session: a wrong passphrase is asked again, the right one opens it.
    App::AppSecretStore again(options(dir), prompter);
    prompter.asked.clear();
    prompter.passphrases
        = {QStringLiteral("wrong passphrase!"), QStringLiteral("correct horse battery")};
    const auto read = again.read(QStringLiteral("suitebench/env/x/private-key"));
    QVERIFY(read.has_value());
    QCOMPARE(read->exposeForApi(), sentinel);
    QCOMPARE(prompter.asked.size(), 2);
}

void TestAppSecretStore::cancelledQuestionFailsThatCallOnly()
{
    QTemporaryDir dir;
    SbTest::ScriptedPrompter prompter;
    App::AppSecretStore store(options(dir), prompter);
    const auto refused = store.write(QStringLiteral("n"), Crypto::SecureBytes(sentinel));
    QVERIFY(!refused.has_value());
    QCOMPARE(refused.error().code, Secrets::SecretError::Code::NeedsPassphrase);
    QVERIFY(!refused.error().message.contains(QStringLiteral("SENTINEL")));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("secrets.age"))));
    prompter.passphrases = {QStringLiteral("correct horse battery")};
    QVERIFY(store.write(QStringLiteral("n"), Crypto::SecureBytes(sentinel)).has_value());
}

QTEST_MAIN(TestAppSecretStore)
#include "TestAppSecretStore.moc"
