// SPDX-License-Identifier: MIT
// The workspace file: versioned JSON, 0600 in a 0700 folder, atomic writes with a backup,
// a lock around read-modify-write, damaged and newer files refused (never overwritten),
// a device failing after N bytes leaving the previous file intact; history in JSON Lines.
#include "support/ResultTesting.h"
#include "workspace/Environments.h"
#include "workspace/History.h"
#include "workspace/WorkspaceStore.h"

#include <QLockFile>
#include <QTemporaryDir>
#include <QTest>

#include "WorkspaceTestSupport.h"

using namespace Sb;
using namespace WorkspaceTest;
using Code = Workspace::WorkspaceError::Code;

namespace {

/** Forwards writes to the real file until @p budget bytes, then fails (reliability §3.4). */
class FailDevice final : public QIODevice
{
public:
    FailDevice(QIODevice &target, qint64 budget)
        : m_target(target)
        , m_budget(budget)
    {
        open(QIODevice::WriteOnly);
    }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        if (m_written + size > m_budget) {
            const qint64 part = m_budget - m_written;
            if (part > 0) {
                m_target.write(data, part); // a partial write reaches the temporary file
                m_written += part;
            }
            setErrorString(QStringLiteral("simulated I/O error after %1 bytes").arg(m_budget));
            return -1;
        }
        m_written += size;
        return m_target.write(data, size);
    }

private:
    QIODevice &m_target;
    qint64 m_budget;
    qint64 m_written = 0;
};

} // namespace

class TestWorkspaceStore final : public QObject
{
    Q_OBJECT

private slots:
    void missingFileIsAnEmptyWorkspace();
    void saveLoadRoundTripWithModes();
    void secretValuesNeverReachTheFile();
    void previousVersionIsKeptAsBackup();
    void damagedFileIsRefusedAndOffersBackup_data();
    void damagedFileIsRefusedAndOffersBackup();
    void restoreBackupBringsThePreviousVersionBack();
    void newerVersionIsRefused();
    void failingDeviceLeavesPreviousFileIntact_data();
    void failingDeviceLeavesPreviousFileIntact();
    void lockHeldByAnotherProcessBlocksWrites();
    void invalidEnvironmentsAreRefused_data();
    void invalidEnvironmentsAreRefused();
    void environmentsKeepSecretsInTheStore();
    void historyRedactsAndSkipsTornLines();
    void historyStoresBodiesOnlyWhenAskedWithCap();
    void historyTrimsByAgeAndSize();
};

void TestWorkspaceStore::missingFileIsAnEmptyWorkspace()
{
    QTemporaryDir dir;
    Workspace::WorkspaceStore store(dir.filePath(QStringLiteral("ws")));
    const auto data = store.load();
    SB_VERIFY_RESULT(data);
    QVERIFY(data->environments.isEmpty());
}

void TestWorkspaceStore::saveLoadRoundTripWithModes()
{
    QTemporaryDir dir;
    Workspace::WorkspaceStore store(dir.filePath(QStringLiteral("ws")));
    auto env = sampleEnvironment();
    env.id = QStringLiteral("11111111-2222-4333-8444-555555555555");
    env.extraCaPem = readAll(QStringLiteral(SB_TEST_DATA_DIR "/keys/test-only-rsa2048-cert.pem"));
    env.history.storeBodies = true;
    env.history.bodyCapBytes = 1000;
    env.hasPrivateKey = true;
    const auto saved = store.update([&](Workspace::WorkspaceData &data) -> Workspace::Result<void> {
        data.environments.append(env);
        return {};
    });
    SB_VERIFY_RESULT(saved);
    QCOMPARE(modeOf(store.filePath()), 0600);
    QCOMPARE(modeOf(store.directory()), 0700);
    const auto loaded = store.load();
    SB_VERIFY_RESULT(loaded);
    QCOMPARE(loaded->environments.size(), 1);
    QVERIFY(loaded->environments.first() == env);
    QVERIFY(readAll(store.filePath()).contains("\"formatVersion\": 1"));
}

void TestWorkspaceStore::secretValuesNeverReachTheFile()
{
    QTemporaryDir dir;
    Workspace::WorkspaceStore store(dir.filePath(QStringLiteral("ws")));
    auto env = sampleEnvironment();
    env.id = QStringLiteral("a1");
    env.variables[1].value = QStringLiteral("SENTINEL-SECRET-VARIABLE-91");
    SB_VERIFY_RESULT(store.update([&](Workspace::WorkspaceData &data) -> Workspace::Result<void> {
        data.environments.append(env);
        return {};
    }));
    QVERIFY(filesContaining(dir.path(), "SENTINEL-SECRET-VARIABLE-91").isEmpty());
}

void TestWorkspaceStore::previousVersionIsKeptAsBackup()
{
    QTemporaryDir dir;
    Workspace::WorkspaceStore store(dir.filePath(QStringLiteral("ws")));
    for (const QString &name : {QStringLiteral("one"), QStringLiteral("two")}) {
        auto env = sampleEnvironment(name);
        env.id = name;
        SB_VERIFY_RESULT(
            store.update([&](Workspace::WorkspaceData &data) -> Workspace::Result<void> {
                data.environments.append(env);
                return {};
            }));
    }
    const auto backup = store.loadBackup();
    SB_VERIFY_RESULT(backup);
    QCOMPARE(backup->environments.size(), 1);
    QCOMPARE(backup->environments.first().name, QStringLiteral("one"));
    QCOMPARE(modeOf(store.backupPath()), 0600);
}

void TestWorkspaceStore::damagedFileIsRefusedAndOffersBackup_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("truncated") << QByteArray("{\"format\":\"suitebench-workspace\",\"formatVer");
    QTest::newRow("not json") << QByteArray("\x00\x01garbage", 9);
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("wrong format") << QByteArray("{\"format\":\"other\",\"formatVersion\":1}");
    QTest::newRow("duplicate member")
        << QByteArray("{\"format\":\"suitebench-workspace\",\"formatVersion\":1,"
                      "\"environments\":[],\"environments\":[]}");
    QTest::newRow("invalid environment") << QByteArray(
        "{\"format\":\"suitebench-workspace\",\"formatVersion\":1,"
        "\"environments\":[{\"id\":\"x\",\"name\":\"n\",\"accountId\":\"evil.com/\"}]}");
}

void TestWorkspaceStore::damagedFileIsRefusedAndOffersBackup()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    Workspace::WorkspaceStore store(dir.filePath(QStringLiteral("ws")));
    for (const QString &name : {QStringLiteral("one"), QStringLiteral("two")}) {
        auto env = sampleEnvironment(name);
        env.id = name;
        SB_VERIFY_RESULT(
            store.update([&](Workspace::WorkspaceData &data) -> Workspace::Result<void> {
                data.environments.append(env);
                return {};
            }));
    }
    QFile file(store.filePath());
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
    file.close();

    const auto loaded = store.load();
    SB_VERIFY_ERROR(loaded, Code::Damaged);
    QVERIFY(loaded.error().hasBackup);
    QVERIFY(loaded.error().message.contains(store.backupPath()));
    // No "empty start that then overwrites it": an update is refused and the file untouched.
    const auto update
        = store.update([](Workspace::WorkspaceData &) -> Workspace::Result<void> { return {}; });
    SB_VERIFY_ERROR(update, Code::Damaged);
    QCOMPARE(readAll(store.filePath()), content);
}

void TestWorkspaceStore::restoreBackupBringsThePreviousVersionBack()
{
    QTemporaryDir dir;
    Workspace::WorkspaceStore store(dir.filePath(QStringLiteral("ws")));
    for (const QString &name : {QStringLiteral("one"), QStringLiteral("two")}) {
        auto env = sampleEnvironment(name);
        env.id = name;
        SB_VERIFY_RESULT(
            store.update([&](Workspace::WorkspaceData &data) -> Workspace::Result<void> {
                data.environments.append(env);
                return {};
            }));
    }
    QFile file(store.filePath());
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{broken");
    file.close();
    SB_VERIFY_RESULT(store.restoreBackup());
    const auto loaded = store.load();
    SB_VERIFY_RESULT(loaded);
    QCOMPARE(loaded->environments.size(), 1);
    QCOMPARE(modeOf(store.filePath()), 0600);
    // The damaged file was moved aside, not deleted.
    QCOMPARE(QDir(store.directory()).entryList({QStringLiteral("workspace.json.damaged-*")}).size(),
             1);
}

void TestWorkspaceStore::newerVersionIsRefused()
{
    QTemporaryDir dir;
    Workspace::WorkspaceStore store(dir.filePath(QStringLiteral("ws")));
    QVERIFY(QDir().mkpath(store.directory()));
    const QByteArray future("{\"format\":\"suitebench-workspace\",\"formatVersion\":7,"
                            "\"environments\":[],\"newThing\":{}}");
    QFile file(store.filePath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(future);
    file.close();
    const auto loaded = store.load();
    SB_VERIFY_ERROR(loaded, Code::NewerVersion);
    QVERIFY(loaded.error().message.contains(QStringLiteral("newer version")));
    SB_VERIFY_ERROR(
        store.update([](Workspace::WorkspaceData &) -> Workspace::Result<void> { return {}; }),
        Code::NewerVersion);
    QCOMPARE(readAll(store.filePath()), future);
}

void TestWorkspaceStore::failingDeviceLeavesPreviousFileIntact_data()
{
    QTest::addColumn<qint64>("budget");
    QTest::newRow("fails at byte 0") << qint64(0);
    QTest::newRow("fails after 10 bytes") << qint64(10);
    QTest::newRow("fails mid-second chunk") << qint64(70000);
}

void TestWorkspaceStore::failingDeviceLeavesPreviousFileIntact()
{
    QFETCH(qint64, budget);
    QTemporaryDir dir;
    Workspace::WorkspaceStore store(dir.filePath(QStringLiteral("ws")));
    auto first = sampleEnvironment(QStringLiteral("first"));
    first.id = QStringLiteral("first");
    SB_VERIFY_RESULT(store.update([&](Workspace::WorkspaceData &data) -> Workspace::Result<void> {
        data.environments.append(first);
        return {};
    }));
    const QByteArray before = readAll(store.filePath());

    store.setDeviceWrapper(
        [budget](QIODevice &target) { return std::make_unique<FailDevice>(target, budget); });
    auto big = sampleEnvironment(QStringLiteral("big"));
    big.id = QStringLiteral("big");
    big.collections.first().requests.first().body = QString(200000, u'x');
    const auto result
        = store.update([&](Workspace::WorkspaceData &data) -> Workspace::Result<void> {
              data.environments.append(big);
              return {};
          });
    SB_VERIFY_ERROR(result, Code::Io);
    QVERIFY(result.error().message.contains(QStringLiteral("simulated I/O error")));
    QVERIFY(result.error().message.contains(QStringLiteral("unchanged")));
    QCOMPARE(readAll(store.filePath()), before);
    // No temporary file is left behind.
    const QStringList left = QDir(store.directory()).entryList(QDir::Files);
    for (const QString &name : left) {
        QVERIFY2(name.startsWith(QStringLiteral("workspace.json")), qPrintable(name));
    }
}

void TestWorkspaceStore::lockHeldByAnotherProcessBlocksWrites()
{
    QTemporaryDir dir;
    Workspace::WorkspaceStore store(dir.filePath(QStringLiteral("ws")));
    QVERIFY(QDir().mkpath(store.directory()));
    QLockFile other(store.lockPath());
    QVERIFY(other.tryLock(0));
    store.setLockTimeout(std::chrono::milliseconds(200));
    SB_VERIFY_ERROR(
        store.update([](Workspace::WorkspaceData &) -> Workspace::Result<void> { return {}; }),
        Code::Locked);
    other.unlock();
    SB_VERIFY_RESULT(
        store.update([](Workspace::WorkspaceData &) -> Workspace::Result<void> { return {}; }));
}

void TestWorkspaceStore::invalidEnvironmentsAreRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::newRow("hostile account") << QStringLiteral("accountId") << QStringLiteral("evil.com#");
    QTest::newRow("http token url")
        << QStringLiteral("tokenUrl") << QStringLiteral("http://attacker.example/token");
    QTest::newRow("bidi name") << QStringLiteral("name") << QStringLiteral("prod\u202Eevil");
    QTest::newRow("control in name") << QStringLiteral("name") << QStringLiteral("a\nb");
    QTest::newRow("bad variable name") << QStringLiteral("variable") << QStringLiteral("a b");
    QTest::newRow("unknown algorithm") << QStringLiteral("algorithm") << QStringLiteral("HS256");
}

void TestWorkspaceStore::invalidEnvironmentsAreRefused()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    auto env = sampleEnvironment();
    env.id = QStringLiteral("x");
    if (field == QStringLiteral("accountId")) {
        env.accountId = value;
    } else if (field == QStringLiteral("tokenUrl")) {
        env.accountId.clear();
        env.tokenUrl = value;
    } else if (field == QStringLiteral("name")) {
        env.name = value;
    } else if (field == QStringLiteral("variable")) {
        env.variables.first().name = value;
    } else {
        env.algorithm = value;
    }
    QVERIFY(!Workspace::validate(env));
}

void TestWorkspaceStore::environmentsKeepSecretsInTheStore()
{
    QTemporaryDir dir;
    Workspace::WorkspaceStore store(dir.filePath(QStringLiteral("ws")));
    Secrets::MemorySecretStore secrets;
    Workspace::Environments environments(store, secrets);
    const QByteArray pem
        = readAll(QStringLiteral(SB_TEST_DATA_DIR "/keys/test-only-ec-p256-pkcs8.pem"));
    auto env = sampleEnvironment();
    env.variables[1].value = QStringLiteral("SENTINEL-SECRET-VARIABLE-22");
    const auto created = environments.create(env, Crypto::SecureBytes(pem));
    SB_VERIFY_RESULT(created);
    QVERIFY(created->hasPrivateKey);
    QCOMPARE(secrets.names().size(), 2);
    SB_VERIFY_ERROR(environments.create(env), Code::Exists);
    const auto key = environments.privateKeyPem(*created);
    SB_VERIFY_RESULT(key);
    QCOMPARE(key->exposeForApi(), pem);
    const auto full = environments.withSecretValues(*created);
    SB_VERIFY_RESULT(full);
    QCOMPARE(full->variables[1].value, QStringLiteral("SENTINEL-SECRET-VARIABLE-22"));
    QVERIFY(filesContaining(dir.path(), "SENTINEL-SECRET-VARIABLE-22").isEmpty());
    QVERIFY(filesContaining(dir.path(), pem.mid(40, 40)).isEmpty());

    // A key that does not load is refused before anything is written.
    SB_VERIFY_ERROR(environments.create(sampleEnvironment(QStringLiteral("bad")),
                                        Crypto::SecureBytes("not a key")),
                    Code::Invalid);
    QCOMPARE(secrets.names().size(), 2);

    // Replacing it (same id) with the secret variable made plain drops its stored value.
    auto edited = *created;
    edited.variables[1].secret = false;
    edited.variables[1].value = QStringLiteral("now public");
    SB_VERIFY_RESULT(environments.create(edited, {}, true));
    QCOMPARE(secrets.names().size(), 1); // the key only
    SB_VERIFY_RESULT(environments.privateKeyPem(*created));

    SB_VERIFY_RESULT(environments.remove(env.name));
    QVERIFY(secrets.names().isEmpty());
    SB_VERIFY_ERROR(environments.remove(env.name), Code::NotFound);
}

void TestWorkspaceStore::historyRedactsAndSkipsTornLines()
{
    QTemporaryDir dir;
    Workspace::History history(dir.filePath(QStringLiteral("ws/history.jsonl")));
    const QString token = QStringLiteral("SENTINEL-BEARER-TOKEN-abcdef0123456789");
    Workspace::HistoryRecord record;
    record.time = QDateTime::currentDateTimeUtc();
    record.method = QStringLiteral("GET");
    record.url
        = QStringLiteral("https://1234567.suitetalk.api.netsuite.com/x?access_token=") + token;
    record.status = 200;
    record.totalMs = 120;
    record.requestHeaders = {{QStringLiteral("Authorization"), QStringLiteral("Bearer ") + token},
                             {QStringLiteral("Accept"), QStringLiteral("application/json")}};
    record.responseHeaders
        = {{QStringLiteral("Set-Cookie"), QStringLiteral("JSESSIONID=") + token}};
    record.responseBody = "{\"access_token\":\"" + token.toUtf8() + "\"}";
    SB_VERIFY_RESULT(history.append(record, {}));
    QCOMPARE(modeOf(history.path()), 0600);

    // A crash mid-append leaves a torn last line; the next append and read cope.
    QFile file(history.path());
    QVERIFY(file.open(QIODevice::Append));
    file.write("{\"v\":1,\"time\":\"2026-01-0");
    file.close();
    SB_VERIFY_RESULT(history.append(record, {true, 1024}));
    const auto read = history.read();
    SB_VERIFY_RESULT(read);
    QCOMPARE(read->records.size(), 2);
    QCOMPARE(read->skippedLines, 1);
    QCOMPARE(read->records.first().requestHeaders.first().second,
             QStringLiteral("Bearer [redacted]"));
    QVERIFY(read->records.first().responseBody.isEmpty());
    QVERIFY(filesContaining(dir.path(), token.toUtf8()).isEmpty());
    QVERIFY(filesContaining(dir.path(), "SENTINEL-BEARER").isEmpty());
}

void TestWorkspaceStore::historyStoresBodiesOnlyWhenAskedWithCap()
{
    QTemporaryDir dir;
    Workspace::History history(dir.filePath(QStringLiteral("history.jsonl")));
    Workspace::HistoryRecord record;
    record.time = QDateTime::currentDateTimeUtc();
    record.method = QStringLiteral("GET");
    record.url = QStringLiteral("https://1234567.suitetalk.api.netsuite.com/x");
    record.responseBody = QByteArray(5000, 'b');
    SB_VERIFY_RESULT(history.append(record, {false, 1000}));
    SB_VERIFY_RESULT(history.append(record, {true, 1000}));
    const auto read = history.read();
    SB_VERIFY_RESULT(read);
    QVERIFY(read->records.at(0).responseBody.isEmpty());
    QCOMPARE(read->records.at(1).responseBody.size(), 1000);
    QVERIFY(read->records.at(1).bodyTruncated);
}

void TestWorkspaceStore::historyTrimsByAgeAndSize()
{
    QTemporaryDir dir;
    Workspace::History history(dir.filePath(QStringLiteral("history.jsonl")));
    Core::FakeClock clock;
    for (int day = 0; day < 10; ++day) {
        Workspace::HistoryRecord record;
        record.time = clock.now().addDays(-day);
        record.method = QStringLiteral("GET");
        record.url = QStringLiteral("https://1234567.suitetalk.api.netsuite.com/%1").arg(day);
        SB_VERIFY_RESULT(history.append(record, {}));
    }
    SB_VERIFY_RESULT(history.trim(5, 1'000'000, clock));
    auto read = history.read();
    SB_VERIFY_RESULT(read);
    QCOMPARE(read->records.size(), 6); // days 0…5
    const qint64 oneLine = QFileInfo(history.path()).size() / 6;
    SB_VERIFY_RESULT(history.trim(5, oneLine * 2 + 1, clock));
    read = history.read();
    SB_VERIFY_RESULT(read);
    QCOMPARE(read->records.size(), 2);
    QVERIFY(read->records.last().url.endsWith(QStringLiteral("/0"))); // the newest survive
    QCOMPARE(modeOf(history.path()), 0600);
}

QTEST_GUILESS_MAIN(TestWorkspaceStore)
#include "TestWorkspaceStore.moc"
