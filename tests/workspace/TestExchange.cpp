// SPDX-License-Identifier: MIT
// Export and import: round trips for the Suitebench JSON, Postman and age-bundle formats;
// hostile and broken imports refused with nothing written; a sentinel private key, secret
// variable and bearer token pushed through every path and proven absent from every file.
#include "core/Redaction.h"
#include "crypto/Age.h"
#include "support/ResultTesting.h"
#include "workspace/Environments.h"
#include "workspace/Exchange.h"
#include "workspace/History.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "WorkspaceTestSupport.h"

using namespace Sb;
using namespace WorkspaceTest;
using Code = Workspace::WorkspaceError::Code;
using Crypto::SecureBytes;

namespace {

const QString DataDir = QStringLiteral(SB_TEST_DATA_DIR "/workspace/");
const QByteArray SecretVariable = "SENTINEL-SECRET-VARIABLE-5d2e";
const QByteArray BearerToken = "SENTINEL-BEARER-TOKEN-e1f2a3b4c5d6e7f8";

QByteArray keyPem()
{
    return readAll(QStringLiteral(SB_TEST_DATA_DIR "/keys/test-only-ec-p256-pkcs8.pem"));
}

/** A line of the key's base64 body: a sentinel that is part of a real PEM key. */
QByteArray keySentinel()
{
    return keyPem().split('\n').at(2);
}

QByteArray jsonOf(const QJsonObject &o)
{
    return QJsonDocument(o).toJson();
}

int runAge(const QString &command, const QByteArray &typed)
{
    QProcess p;
    p.start(QStringLiteral("script"),
            {QStringLiteral("-qec"), command, QStringLiteral("/dev/null")});
    if (!p.waitForStarted(10000)) {
        return -1;
    }
    p.write(typed);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestExchange final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void defaultExportIsSecretFreeAndRoundTrips();
    void postmanExportHasTheShapePostmanWrites();
    void postmanRoundTrip();
    void importsARealPostmanFileAndReportsWhatDoesNotMap();
    void postmanPrivateKeyMovesToTheSecretStore();
    void ageBundleRoundTripCarriesKeyAndSecrets();
    void ageBundleWrongPassphraseOrDamageImportsNothing();
    void ageCliOpensOurBundleAndWeImportItsFile();
    void hostileImportsAreRefusedWithNothingWritten_data();
    void hostileImportsAreRefusedWithNothingWritten();
    void pathsInImportsAreNeverFollowed();
    void hostsAreReportedForConfirmation();
    void importFileMustBeARegularFileUnderTheCap();
    void sentinelsNeverReachAnyFileOrLog();

private:
    QStringList m_logLines;
};

void TestExchange::initTestCase()
{
    // Every log line goes through the one redaction sink, as in the app and the CLI.
    Core::installRedactingMessageHandler(
        [this](QtMsgType, const QString &line) { m_logLines.append(line); });
}

void TestExchange::defaultExportIsSecretFreeAndRoundTrips()
{
    auto env = sampleEnvironment();
    env.id = QStringLiteral("e1");
    env.hasPrivateKey = true;
    env.variables[1].value = QString::fromLatin1(SecretVariable);
    const QByteArray exported = Workspace::exportSuitebench(env);
    QVERIFY(!exported.contains(SecretVariable));
    QVERIFY(!exported.contains("PRIVATE KEY"));
    const auto imported = Workspace::parseImport(exported);
    SB_VERIFY_RESULT(imported);
    QCOMPARE(imported->format, Workspace::ExchangeFormat::Suitebench);
    QVERIFY(imported->privateKeyPem.isEmpty());
    QVERIFY(!imported->environment.hasPrivateKey);
    QVERIFY(imported->environment.id != env.id); // a fresh id, never the file's
    Workspace::Environment expected = env.withoutSecretValues();
    expected.id = imported->environment.id;
    expected.hasPrivateKey = false;
    QVERIFY(imported->environment == expected);
    QVERIFY(imported->warnings.isEmpty());
}

void TestExchange::postmanExportHasTheShapePostmanWrites()
{
    auto env = sampleEnvironment();
    env.id = QStringLiteral("e1");
    env.variables[1].value = QString::fromLatin1(SecretVariable);
    Core::FakeClock clock;
    const QByteArray exported = Workspace::exportPostman(env, clock);
    QVERIFY(!exported.contains(SecretVariable));
    const QJsonObject root = QJsonDocument::fromJson(exported).object();
    QCOMPARE(root.value(QStringLiteral("_postman_variable_scope")).toString(),
             QStringLiteral("environment"));
    QCOMPARE(root.value(QStringLiteral("name")).toString(), env.name);
    QVERIFY(!root.value(QStringLiteral("id")).toString().isEmpty());
    QCOMPARE(root.value(QStringLiteral("_postman_exported_at")).toString(),
             QStringLiteral("2023-11-14T22:13:20.000Z"));
    bool sawSecret = false;
    for (const QJsonValue &value : root.value(QStringLiteral("values")).toArray()) {
        const QJsonObject v = value.toObject();
        QVERIFY(v.contains(QStringLiteral("key")) && v.contains(QStringLiteral("value"))
                && v.contains(QStringLiteral("type")) && v.contains(QStringLiteral("enabled")));
        if (v.value(QStringLiteral("key")).toString() == QStringLiteral("apiSecret")) {
            sawSecret = true;
            QCOMPARE(v.value(QStringLiteral("type")).toString(), QStringLiteral("secret"));
            QCOMPARE(v.value(QStringLiteral("value")).toString(), QString());
        }
    }
    QVERIFY(sawSecret);
}

void TestExchange::postmanRoundTrip()
{
    auto env = sampleEnvironment();
    env.collections.clear(); // Postman environments carry no requests
    env.id = QStringLiteral("e1");
    const auto imported
        = Workspace::parseImport(Workspace::exportPostman(env, Core::SystemClock()));
    SB_VERIFY_RESULT(imported);
    QCOMPARE(imported->format, Workspace::ExchangeFormat::Postman);
    Workspace::Environment expected = env;
    expected.id = imported->environment.id;
    QCOMPARE(imported->environment.accountId, expected.accountId);
    QCOMPARE(imported->environment.clientId, expected.clientId);
    QCOMPARE(imported->environment.certificateId, expected.certificateId);
    QCOMPARE(imported->environment.scopes, expected.scopes);
    QCOMPARE(imported->environment.algorithm, expected.algorithm);
    QCOMPARE(imported->environment.concurrencyLimit, expected.concurrencyLimit);
    QCOMPARE(imported->environment.variables, expected.variables);
    QVERIFY(imported->environment == expected);
}

void TestExchange::importsARealPostmanFileAndReportsWhatDoesNotMap()
{
    const auto imported = Workspace::readImportFile(
        DataDir + QStringLiteral("netsuite-sb1.postman_environment.json"));
    SB_VERIFY_RESULT(imported);
    const auto &env = imported->environment;
    QCOMPARE(env.name, QStringLiteral("NetSuite SB1"));
    QCOMPARE(env.accountId, QStringLiteral("1234567_SB1"));
    QCOMPARE(env.clientId, QStringLiteral("c1d2e3f4a5b6"));
    QCOMPARE(env.certificateId, QStringLiteral("cert-abc123"));
    QCOMPARE(env.scopes,
             (QStringList{QStringLiteral("rest_webservices"), QStringLiteral("restlets")}));
    QCOMPARE(env.variables.size(), 3); // baseUrl, apiKey (secret), old (number → text)
    QVERIFY(env.variables.at(1).secret);
    QCOMPARE(env.variables.at(2).value, QStringLiteral("42"));
    QVERIFY(!env.variables.at(2).enabled);
    QVERIFY(imported->unmapped.join(u'\n').contains(QStringLiteral("access_token")));
    QVERIFY(!imported->hasNonNetSuiteHosts);
}

void TestExchange::postmanPrivateKeyMovesToTheSecretStore()
{
    QTemporaryDir dir;
    QJsonObject root{
        {QStringLiteral("id"), QStringLiteral("1")},
        {QStringLiteral("name"), QStringLiteral("leaky")},
        {QStringLiteral("_postman_variable_scope"), QStringLiteral("environment")},
        {QStringLiteral("values"),
         QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("accountId")},
                                {QStringLiteral("value"), QStringLiteral("1234567")}},
                    QJsonObject{{QStringLiteral("key"), QStringLiteral("privateKey")},
                                {QStringLiteral("value"), QString::fromLatin1(keyPem())},
                                {QStringLiteral("type"), QStringLiteral("default")}},
                    QJsonObject{{QStringLiteral("key"), QStringLiteral("token")},
                                {QStringLiteral("value"), QString::fromLatin1(BearerToken)}},
                    QJsonObject{{QStringLiteral("key"), QStringLiteral("jwt")},
                                {QStringLiteral("value"),
                                 QStringLiteral("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig")}}}},
    };
    auto imported = Workspace::parseImport(jsonOf(root));
    SB_VERIFY_RESULT(imported);
    QCOMPARE(imported->privateKeyPem.exposeForApi(), keyPem());
    QVERIFY(imported->warnings.join(u'\n').contains(QStringLiteral("private key in plaintext")));
    bool jwtIsSecret = false;
    for (const auto &v : imported->environment.variables) {
        QVERIFY(v.value != QString::fromLatin1(BearerToken));
        jwtIsSecret = jwtIsSecret || (v.name == QStringLiteral("jwt") && v.secret);
    }
    QVERIFY(jwtIsSecret);

    Workspace::WorkspaceStore store(dir.filePath(QStringLiteral("ws")));
    Secrets::MemorySecretStore secrets;
    Workspace::Environments environments(store, secrets);
    const auto stored = environments.importEnvironment(std::move(*imported));
    SB_VERIFY_RESULT(stored);
    QVERIFY(stored->hasPrivateKey);
    QVERIFY(filesContaining(dir.path(), keySentinel()).isEmpty());
    QVERIFY(filesContaining(dir.path(), BearerToken).isEmpty());
    QVERIFY(filesContaining(dir.path(), "eyJzdWIiOiIxIn0").isEmpty());
}

void TestExchange::ageBundleRoundTripCarriesKeyAndSecrets()
{
    QTemporaryDir dir;
    Workspace::WorkspaceStore store(dir.filePath(QStringLiteral("ws")));
    Secrets::MemorySecretStore secrets;
    Workspace::Environments environments(store, secrets);
    auto env = sampleEnvironment();
    env.variables[1].value = QString::fromLatin1(SecretVariable);
    SB_VERIFY_RESULT(environments.create(env, SecureBytes(keyPem())));

    SB_VERIFY_ERROR(environments.exportEnvironment(env.name, Workspace::ExchangeFormat::AgeBundle),
                    Code::NeedsPassphrase);
    const auto bundle
        = environments.exportEnvironment(env.name, Workspace::ExchangeFormat::AgeBundle,
                                         SecureBytes("bundle pass"), Core::SystemClock(), 6);
    SB_VERIFY_RESULT(bundle);
    QVERIFY(Crypto::Age::looksLikeAge(*bundle));
    QVERIFY(!bundle->contains(SecretVariable));
    QVERIFY(!bundle->contains(keySentinel()));

    SB_VERIFY_ERROR(Workspace::parseImport(*bundle), Code::NeedsPassphrase);
    auto imported = Workspace::parseImport(*bundle, SecureBytes("bundle pass"));
    SB_VERIFY_RESULT(imported);
    QCOMPARE(imported->format, Workspace::ExchangeFormat::AgeBundle);
    QCOMPARE(imported->privateKeyPem.exposeForApi(), keyPem());
    QCOMPARE(imported->environment.variables[1].value, QString::fromLatin1(SecretVariable));

    // A teammate imports it into their own workspace and secret store.
    QTemporaryDir other;
    Workspace::WorkspaceStore otherStore(other.filePath(QStringLiteral("ws")));
    Secrets::MemorySecretStore otherSecrets;
    Workspace::Environments teammate(otherStore, otherSecrets);
    const auto stored = teammate.importEnvironment(std::move(*imported));
    SB_VERIFY_RESULT(stored);
    QCOMPARE(teammate.privateKeyPem(*stored)->exposeForApi(), keyPem());
    QCOMPARE(teammate.withSecretValues(*stored)->variables[1].value,
             QString::fromLatin1(SecretVariable));
    QVERIFY(filesContaining(other.path(), SecretVariable).isEmpty());
    QVERIFY(filesContaining(other.path(), keySentinel()).isEmpty());
}

void TestExchange::ageBundleWrongPassphraseOrDamageImportsNothing()
{
    auto env = sampleEnvironment();
    env.id = QStringLiteral("e1");
    const auto bundle
        = Workspace::exportAgeBundle(env, SecureBytes(keyPem()), SecureBytes("pw"), 6);
    SB_VERIFY_RESULT(bundle);
    SB_VERIFY_ERROR(Workspace::parseImport(*bundle, SecureBytes("wrong")), Code::WrongPassphrase);
    QByteArray flipped = *bundle;
    flipped[flipped.size() - 3] = char(flipped[flipped.size() - 3] ^ 1);
    SB_VERIFY_ERROR(Workspace::parseImport(flipped, SecureBytes("pw")), Code::WrongPassphrase);
    SB_VERIFY_ERROR(Workspace::parseImport(bundle->first(bundle->size() - 20), SecureBytes("pw")),
                    Code::WrongPassphrase);
    QByteArray costly = *bundle;
    costly.replace(" 6\n", " 25\n");
    SB_VERIFY_ERROR(Workspace::parseImport(costly, SecureBytes("pw")), Code::NotImportable);
    // An age file that is not a Suitebench bundle.
    const auto foreign = Crypto::Age::encrypt("{\"hello\":1}", SecureBytes("pw"), 4);
    SB_VERIFY_ERROR(Workspace::parseImport(*foreign, SecureBytes("pw")), Code::NotImportable);
}

void TestExchange::ageCliOpensOurBundleAndWeImportItsFile()
{
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("age")).isEmpty(),
             "the age command is required (packaging/setup-debian.sh installs it)");
    QTemporaryDir dir;
    auto env = sampleEnvironment();
    env.id = QStringLiteral("e1");
    env.variables[1].value = QString::fromLatin1(SecretVariable);
    const auto bundle
        = Workspace::exportAgeBundle(env, SecureBytes(keyPem()), SecureBytes("team pass"));
    SB_VERIFY_RESULT(bundle);
    QCOMPARE(Crypto::Age::workFactorOf(*bundle), 18);
    const QString bundlePath = dir.filePath(QStringLiteral("env.age"));
    const QString plainPath = dir.filePath(QStringLiteral("env.json"));
    QFile file(bundlePath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(*bundle);
    file.close();
    QCOMPARE(
        runAge(QStringLiteral("age -d -o '%1' '%2'").arg(plainPath, bundlePath), "team pass\n"), 0);
    const QJsonObject opened = QJsonDocument::fromJson(readAll(plainPath)).object();
    QCOMPARE(opened.value(QStringLiteral("format")).toString(),
             QStringLiteral("suitebench-bundle"));
    QCOMPARE(opened.value(QStringLiteral("privateKeyPem")).toString().toLatin1(), keyPem());

    // The reverse: age -p encrypts the (edited) bundle JSON and we import it.
    const QString reencrypted = dir.filePath(QStringLiteral("again.age"));
    QCOMPARE(runAge(QStringLiteral("age -p -o '%1' '%2'").arg(reencrypted, plainPath),
                    "other pass\nother pass\n"),
             0);
    const auto imported = Workspace::readImportFile(reencrypted, SecureBytes("other pass"));
    SB_VERIFY_RESULT(imported);
    QCOMPARE(imported->privateKeyPem.exposeForApi(), keyPem());
    QCOMPARE(imported->environment.name, env.name);
}

void TestExchange::hostileImportsAreRefusedWithNothingWritten_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<Code>("expected");
    const auto file = [](const char *name) { return readAll(DataDir + QLatin1String(name)); };
    QByteArray deep = "{\"format\":\"suitebench-environment\",\"formatVersion\":1,\"x\":";
    deep += QByteArray(100, '[') + QByteArray(100, ']') + '}';
    QByteArray many
        = "{\"id\":\"1\",\"name\":\"n\",\"_postman_variable_scope\":\"environment\",\"values\":[";
    for (int i = 0; i < 600; ++i) {
        many += QByteArray(i ? "," : "") + "{\"key\":\"k" + QByteArray::number(i)
                + "\",\"value\":\"v\"}";
    }
    many += "]}";
    QByteArray longValue
        = "{\"id\":\"1\",\"name\":\"n\",\"_postman_variable_scope\":\"environment\","
          "\"values\":[{\"key\":\"accountId\",\"value\":\"1234567\"},{\"key\":\"k\",\"value\":\"";
    longValue += QByteArray(20000, 'v') + "\"}]}";
    // reliability doc §2.5: E2 newer version, duplicates, type confusion, depth; E3 counts
    // and lengths; E5 plain http; E7 bidi names; E9 a bundle in plaintext
    QTest::newRow("E2 newer version") << file("newer-version.json") << Code::NewerVersion;
    QTest::newRow("E2 duplicate members") << file("duplicate-members.json") << Code::NotImportable;
    QTest::newRow("E2 type confusion") << file("type-confusion.json") << Code::Invalid;
    QTest::newRow("E2 deep nesting") << deep << Code::NotImportable;
    QTest::newRow("E3 600 variables") << many << Code::TooLarge;
    QTest::newRow("E3 20k value") << longValue << Code::TooLarge;
    QTest::newRow("E5 http token url")
        << file("http-token-url.postman_environment.json") << Code::Invalid;
    QTest::newRow("E7 bidi name") << file("bidi-name.json") << Code::Invalid;
    QTest::newRow("plaintext bundle") << file("plaintext-bundle.json") << Code::NotImportable;
    QTest::newRow("unknown format")
        << QByteArray("{\"format\":\"suitebench-environment-v2\"}") << Code::NotImportable;
    QTest::newRow("not json") << QByteArray("PK\x03\x04 zip") << Code::NotImportable;
    QTest::newRow("array") << QByteArray("[1,2]") << Code::NotImportable;
    QTest::newRow("too large") << QByteArray(5 * 1024 * 1024, ' ') << Code::TooLarge;
}

void TestExchange::hostileImportsAreRefusedWithNothingWritten()
{
    QFETCH(QByteArray, content);
    QFETCH(Code, expected);
    QTemporaryDir dir;
    const auto imported = Workspace::parseImport(content, SecureBytes("pw"));
    SB_VERIFY_ERROR(imported, expected);
    QVERIFY(QDir(dir.path()).isEmpty());
}

void TestExchange::pathsInImportsAreNeverFollowed()
{
    const auto imported
        = Workspace::readImportFile(DataDir + QStringLiteral("key-path-trick.json"));
    SB_VERIFY_RESULT(imported);
    QVERIFY(imported->privateKeyPem.isEmpty());
    QVERIFY(!imported->environment.hasPrivateKey);
    const QString unmapped = imported->unmapped.join(u'\n');
    QVERIFY(unmapped.contains(QStringLiteral("keyFile")));
    QVERIFY(unmapped.contains(QStringLiteral("privateKeyPath")));
}

void TestExchange::hostsAreReportedForConfirmation()
{
    const auto hostile = Workspace::readImportFile(
        DataDir + QStringLiteral("hostile-host.postman_environment.json"));
    SB_VERIFY_RESULT(hostile);
    QVERIFY(hostile->hasNonNetSuiteHosts);
    QVERIFY(hostile->hosts.contains(QStringLiteral("https://attacker.example")));
    const auto netsuite = Workspace::readImportFile(
        DataDir + QStringLiteral("netsuite-sb1.postman_environment.json"));
    SB_VERIFY_RESULT(netsuite);
    QVERIFY(!netsuite->hasNonNetSuiteHosts);
    QCOMPARE(netsuite->hosts.first(),
             QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com"));
}

void TestExchange::importFileMustBeARegularFileUnderTheCap()
{
    QTemporaryDir dir;
    SB_VERIFY_ERROR(Workspace::readImportFile(dir.path()), Code::NotImportable);
    SB_VERIFY_ERROR(Workspace::readImportFile(QStringLiteral("/dev/zero")), Code::NotImportable);
    SB_VERIFY_ERROR(Workspace::readImportFile(dir.filePath(QStringLiteral("missing.json"))),
                    Code::NotFound);
    QFile big(dir.filePath(QStringLiteral("big.json")));
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize(5 * 1024 * 1024));
    big.close();
    SB_VERIFY_ERROR(Workspace::readImportFile(big.fileName()), Code::TooLarge);
}

void TestExchange::sentinelsNeverReachAnyFileOrLog()
{
    QTemporaryDir dir;
    Workspace::WorkspaceStore store(dir.filePath(QStringLiteral("ws")));
    Secrets::EncryptedFileSecretStore secrets(store.secretFilePath(), SecureBytes("file pass"), 4);
    Workspace::Environments environments(store, secrets);
    auto env = sampleEnvironment();
    env.variables[1].value = QString::fromLatin1(SecretVariable);
    const auto created = environments.create(env, SecureBytes(keyPem()));
    SB_VERIFY_RESULT(created);

    // History of a request that carried the token.
    Workspace::History history(store.historyPath());
    Workspace::HistoryRecord record;
    record.time = QDateTime::currentDateTimeUtc();
    record.method = QStringLiteral("POST");
    record.url = QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/"
                                "record/v1/customer");
    record.requestHeaders = {{QStringLiteral("Authorization"),
                              QStringLiteral("Bearer ") + QString::fromLatin1(BearerToken)}};
    record.responseBody = "{\"echo\":\"Bearer " + BearerToken + "\"}";
    SB_VERIFY_RESULT(history.append(record, {true, 4096}));

    // Every export format, written where a user would put them.
    for (const auto format :
         {Workspace::ExchangeFormat::Suitebench, Workspace::ExchangeFormat::Postman,
          Workspace::ExchangeFormat::AgeBundle}) {
        const auto exported = environments.exportEnvironment(
            env.name, format, SecureBytes("x pass"), Core::SystemClock(), 4);
        SB_VERIFY_RESULT(exported);
        QFile out(dir.filePath(QStringLiteral("export-%1").arg(int(format))));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(*exported);
    }
    // Logs: errors and debug output about the request go through the redacting handler.
    qWarning("request failed: Authorization: Bearer %s", BearerToken.constData());
    qWarning("key: %s", keyPem().constData());

    for (const QByteArray &sentinel : {keySentinel(), SecretVariable, BearerToken}) {
        const QStringList hits = filesContaining(dir.path(), sentinel);
        QVERIFY2(hits.isEmpty(), qPrintable(QString::fromLatin1(sentinel)
                                            + QStringLiteral(" found in ") + hits.join(u',')));
        for (const QString &line : m_logLines) {
            QVERIFY2(!line.contains(QString::fromLatin1(sentinel)), qPrintable(line));
        }
    }
    QVERIFY(!m_logLines.isEmpty());
    // Every file written is private.
    QDirIterator it(store.directory(), QDir::Files);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.endsWith(QStringLiteral(".lock"))) {
            QVERIFY2(modeOf(path) == 0600, qPrintable(path));
        }
    }
}

QTEST_GUILESS_MAIN(TestExchange)
#include "TestExchange.moc"
