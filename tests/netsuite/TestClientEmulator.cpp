// SPDX-License-Identifier: MIT
// The NetSuite client against the in-process emulator and its faults: token sharing and
// re-mint, 429/503 storms, dropped and trickling bodies, the concurrency limit, idempotent
// writes and "outcome unknown", guards, and fetching every page.
#include "emulator/EmulatorTestSupport.h"
#include "netsuite/AccountId.h"
#include "netsuite/CustomTokenEndpoint.h"
#include "netsuite/client/FetchAll.h"
#include "netsuite/client/NetSuiteClient.h"
#include "support/ResultTesting.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "ClientTestSupport.h"
#include <sys/stat.h>

using namespace Sb;
using namespace Sb::NetSuite;
using namespace SbTest;

namespace {

int modeOf(const QString &path)
{
    struct stat st
    {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

QStringList lines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QStringList out = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    if (!out.isEmpty() && out.last().isEmpty()) {
        out.removeLast();
    }
    return out;
}

} // namespace

class TestClientEmulator final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void concurrentRequestsShareOneExchange();
    void storm429WithRetryAfter();
    void storm429WithoutRetryAfter();
    void burst503IsRetriedEvenForWrites();
    void createThrough429StormMakesOneRecord();
    void tokenExpiryMidRunRemintsExactlyOnce();
    void persistent401StopsAfterOneRemint();
    void droppedBodyOfReadIsRetried();
    void tricklingBodyHitsDeadline();
    void concurrencyLimitNeverExceeded();
    void droppedWriteIsOutcomeUnknownAndExplicitRetryMakesOneRecord();
    void asyncWriteWithKeyIsRetriedAfterDrop();
    void sandboxEnvironmentRefusedAgainstProductionHost();
    void productionWriteNeedsPermission();
    void fetchAllPagesInParallelAndInOrder();
    void fetchAllWithoutUniqueOrderGoesSequentially();
    void fetchAllWritesCsv();
    void fetchAllRecordCollection();
    void fetchAllCancelLeavesNoFile();
    void fetchAllAtRowCapOffersKeyset();
    void curlIsRedactedUnlessAsked();
    void callerBearerAndNoAuthSkipTheExchange();
    void refusedExchangeKeepsAssertionAndJudgesAudByRealm();

private:
    ClientConfig config(const QString &account = QStringLiteral("1234567_SB1")) const;
    RestRequest get(NetSuiteClient &client, const QString &path) const;
    RestRequest createCustomer(NetSuiteClient &client, const QString &name) const;
    Emulator::Counters counters() { return m_emu->counters(); }
    /** Waits until the emulator has no answer pending (an earlier test's trickle). */
    bool waitUntilEmulatorIdle();

    std::unique_ptr<Emulator::EmulatorThread> m_emu;
    Emulator::StartInfo m_info;
    Crypto::PrivateKey m_key;
    QString m_clientId;
    QString m_certId;
    QString m_connectTo;
    QTemporaryDir m_dir;
};

void TestClientEmulator::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    auto key = Crypto::generateKey({Crypto::KeyType::Ec, 256, Crypto::Curve::P256});
    SB_VERIFY_RESULT(key);
    m_key = *key;
    Emulator::Settings settings;
    settings.seedDemoData = true;
    settings.seed = 7;
    m_emu = std::make_unique<Emulator::EmulatorThread>(settings);
    auto info = m_emu->start();
    SB_VERIFY_RESULT(info);
    m_info = *info;
    auto integration = m_emu->createIntegration();
    SB_VERIFY_RESULT(integration);
    auto mapping = m_emu->uploadCertificate(certificateFor(m_key), integration->clientId);
    SB_VERIFY_RESULT(mapping);
    m_clientId = integration->clientId;
    m_certId = mapping->certificateId;
    m_connectTo = CustomTokenEndpoint::originOf(m_info.baseUrl);
}

void TestClientEmulator::cleanup()
{
    m_emu->clearFaults();
}

ClientConfig TestClientEmulator::config(const QString &account) const
{
    ClientConfig c;
    c.target = Target::netSuite(*AccountId::parse(account));
    c.assertion.clientId = m_clientId;
    c.assertion.certificateId = m_certId;
    c.key = m_key;
    c.connectTo = m_connectTo; // the account's traffic goes to the emulator
    c.backoff = fastBackoff();
    return c;
}

RestRequest TestClientEmulator::get(NetSuiteClient &client, const QString &path) const
{
    RestRequest r;
    r.url = client.resolve(path);
    return r;
}

RestRequest TestClientEmulator::createCustomer(NetSuiteClient &client, const QString &name) const
{
    RestRequest r;
    r.method = Http::Method::Post;
    r.url = client.resolve(QStringLiteral("record/v1/customer"));
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("companyName"), name}})
                 .toJson(QJsonDocument::Compact);
    return r;
}

bool TestClientEmulator::waitUntilEmulatorIdle()
{
    QNetworkAccessManager nam;
    QUrl url = m_info.baseUrl;
    url.setPath(QStringLiteral("/__emulator/counters"));
    for (int i = 0; i < 50; ++i) {
        const Reply r = send(nam, "GET", url);
        if (r.status == 200 && r.json().value(QLatin1String("in_flight")).toInt() == 0) {
            return true;
        }
        QTest::qWait(100);
    }
    return false;
}

void TestClientEmulator::concurrentRequestsShareOneExchange()
{
    ClientBox box = makeClient(config());
    const auto before = counters();
    QList<RestCall *> calls;
    for (int i = 0; i < 20; ++i) {
        calls << box.client->newCall(
            get(*box.client, QStringLiteral("record/v1/customer?limit=2")));
    }
    const auto outcomes = runCalls(calls);
    for (const CallOutcome &o : outcomes) {
        QVERIFY2(o.result.status == RestStatus::Succeeded, qPrintable(o.result.message));
        QCOMPARE(o.result.record.status, 200);
        // Records show the account's own URL, not the emulator's.
        QCOMPARE(o.result.record.url.host(),
                 QStringLiteral("1234567-sb1.suitetalk.api.netsuite.com"));
    }
    QCOMPARE(box.client->tokens().exchangeCount(), 1);
    QCOMPARE(counters().tokensIssued - before.tokensIssued, 1);
    // A later call reuses the cached token: no exchange at all.
    const CallOutcome again = runCall(
        box.client->newCall(get(*box.client, QStringLiteral("record/v1/customer?limit=1"))));
    QVERIFY(again.result.ok());
    QCOMPARE(again.result.tokenExchanges, 0);
    QCOMPARE(box.client->tokens().exchangeCount(), 1);
}

void TestClientEmulator::storm429WithRetryAfter()
{
    ClientBox box = makeClient(config());
    SB_VERIFY_RESULT(m_emu->addFault(
        QStringLiteral("status=429,count=2,retry-after=1,path=/services/rest/record/v1/customer")));
    const CallOutcome o = runCall(
        box.client->newCall(get(*box.client, QStringLiteral("record/v1/customer?limit=1"))));
    QVERIFY2(o.result.status == RestStatus::Succeeded, qPrintable(o.result.message));
    QCOMPARE(o.result.record.attemptCount(), 3);
    QCOMPARE(o.waits, 2);
    QCOMPARE(o.result.record.attempts.at(0).status, 429);
    QVERIFY2(o.result.record.attempts.at(0).retryReason.contains(QLatin1String("Retry-After")),
             qPrintable(o.result.record.attempts.at(0).retryReason));
    // Retry-After 1 s is clamped by the test's policy (150 ms): honoured, but bounded.
    QCOMPARE(o.result.record.attempts.at(0).retryDelay.value_or(std::chrono::milliseconds{0}),
             std::chrono::milliseconds{150});
}

void TestClientEmulator::storm429WithoutRetryAfter()
{
    ClientBox box = makeClient(config());
    SB_VERIFY_RESULT(m_emu->addFault(
        QStringLiteral("status=429,count=3,path=/services/rest/record/v1/customer")));
    const CallOutcome o = runCall(
        box.client->newCall(get(*box.client, QStringLiteral("record/v1/customer?limit=1"))));
    QVERIFY2(o.result.status == RestStatus::Succeeded, qPrintable(o.result.message));
    QCOMPARE(o.result.record.attemptCount(), 4);
    QVERIFY(o.result.record.attempts.at(0).retryReason.contains(QLatin1String("backing off")));

    // A storm longer than the attempt limit stops and reports the 429 with a diagnosis.
    SB_VERIFY_RESULT(m_emu->addFault(
        QStringLiteral("status=429,count=10,path=/services/rest/record/v1/customer")));
    const CallOutcome storm = runCall(
        box.client->newCall(get(*box.client, QStringLiteral("record/v1/customer?limit=1"))));
    QCOMPARE(storm.result.status, RestStatus::HttpError);
    QCOMPARE(storm.result.record.status, 429);
    QCOMPARE(storm.result.record.attemptCount(), 4);
    QVERIFY(storm.result.diagnosis.has_value());
}

void TestClientEmulator::burst503IsRetriedEvenForWrites()
{
    ClientBox box = makeClient(config());
    SB_VERIFY_RESULT(m_emu->addFault(
        QStringLiteral("status=503,count=2,path=/services/rest/record/v1/customer")));
    const CallOutcome read = runCall(
        box.client->newCall(get(*box.client, QStringLiteral("record/v1/customer?limit=1"))));
    QVERIFY2(read.result.status == RestStatus::Succeeded, qPrintable(read.result.message));
    QCOMPARE(read.result.record.attemptCount(), 3);

    // A 503 is answered before processing: even a synchronous POST is repeated, once.
    const auto before = counters();
    SB_VERIFY_RESULT(m_emu->addFault(
        QStringLiteral("status=503,count=1,method=POST,path=/services/rest/record/v1/customer")));
    const CallOutcome write
        = runCall(box.client->newCall(createCustomer(*box.client, QStringLiteral("Burst Co"))));
    QVERIFY2(write.result.status == RestStatus::Succeeded, qPrintable(write.result.message));
    QCOMPARE(write.result.record.attemptCount(), 2);
    QCOMPARE(counters().recordsCreated - before.recordsCreated, 1);
}

void TestClientEmulator::createThrough429StormMakesOneRecord()
{
    ClientBox box = makeClient(config());
    const auto before = counters();
    SB_VERIFY_RESULT(m_emu->addFault(
        QStringLiteral("status=429,count=3,method=POST,path=/services/rest/record/v1/customer")));
    const CallOutcome o
        = runCall(box.client->newCall(createCustomer(*box.client, QStringLiteral("Storm Co"))));
    QVERIFY2(o.result.status == RestStatus::Succeeded, qPrintable(o.result.message));
    QCOMPARE(o.result.record.status, 204);
    QCOMPARE(o.result.record.attemptCount(), 4);
    QCOMPARE(counters().recordsCreated - before.recordsCreated, 1);
    QVERIFY(!o.result.idempotencyKey.isEmpty());
    // The new record's Location is shown on the account's host (routing undone).
    QCOMPARE(o.result.location.host(), QStringLiteral("1234567-sb1.suitetalk.api.netsuite.com"));
    QVERIFY(
        o.result.location.path().startsWith(QLatin1String("/services/rest/record/v1/customer/")));
}

void TestClientEmulator::tokenExpiryMidRunRemintsExactlyOnce()
{
    // The client's clock moves with the emulator's, so the re-minted assertion is current.
    Core::FakeClock clock(QDateTime::fromSecsSinceEpoch(m_emu->nowSeconds(), Qt::UTC));
    auto nam = Http::makeNetworkAccessManager();
    NetSuiteClient client(config(), Http::Transport(*nam), nullptr, &clock);
    const auto before = counters();
    const CallOutcome first
        = runCall(client.newCall(get(client, QStringLiteral("record/v1/customer?limit=1"))));
    QVERIFY2(first.result.ok(), qPrintable(first.result.message));

    // An hour later (for NetSuite) the cached token has expired mid-run.
    m_emu->advanceClock(3700);
    clock.advance(3700);
    QList<RestCall *> calls;
    for (int i = 0; i < 5; ++i) {
        calls << client.newCall(get(client, QStringLiteral("record/v1/customer?limit=1")));
    }
    const auto outcomes = runCalls(calls);
    m_emu->advanceClock(-3700);
    int reminted = 0;
    for (const CallOutcome &o : outcomes) {
        QVERIFY2(o.result.ok(), qPrintable(o.result.message));
        reminted += o.result.reminted ? 1 : 0;
    }
    QVERIFY(reminted >= 1);
    // Five calls saw the 401, but there was exactly one re-mint.
    QCOMPARE(client.tokens().exchangeCount(), 2);
    QCOMPARE(counters().tokensIssued - before.tokensIssued, 2);
    bool expiredSeen = false;
    for (const auto &entry : m_emu->auditTrail()) {
        expiredSeen = expiredSeen || entry.detail == QLatin1String("AccessTokenExpired");
    }
    QVERIFY(expiredSeen);
}

void TestClientEmulator::persistent401StopsAfterOneRemint()
{
    ClientBox box = makeClient(config());
    SB_VERIFY_RESULT(
        m_emu->addFault(QStringLiteral("status=401,path=/services/rest/record/v1/customer")));
    const auto before = counters();
    const CallOutcome o = runCall(
        box.client->newCall(get(*box.client, QStringLiteral("record/v1/customer?limit=1"))));
    QCOMPARE(o.result.status, RestStatus::HttpError);
    QCOMPARE(o.result.record.status, 401);
    QVERIFY(o.result.reminted);
    QCOMPARE(o.remints, 1);
    QCOMPARE(o.result.record.attemptCount(), 2); // one try, one retry after the re-mint
    QCOMPARE(box.client->tokens().exchangeCount(), 2);
    QCOMPARE(counters().tokensIssued - before.tokensIssued, 2);
    QVERIFY(o.result.diagnosis.has_value());
    QVERIFY2(o.result.diagnosis->id.startsWith(QLatin1String("rest.invalid_login")),
             qPrintable(o.result.diagnosis->id));
    QVERIFY(!o.result.diagnosis->toText().contains(QLatin1String("Bearer ey")));
}

void TestClientEmulator::droppedBodyOfReadIsRetried()
{
    ClientBox box = makeClient(config());
    SB_VERIFY_RESULT(m_emu->addFault(
        QStringLiteral("drop-body=1,count=1,path=/services/rest/record/v1/customer")));
    const CallOutcome o = runCall(
        box.client->newCall(get(*box.client, QStringLiteral("record/v1/customer?limit=50"))));
    QVERIFY2(o.result.status == RestStatus::Succeeded, qPrintable(o.result.message));
    QCOMPARE(o.result.record.attemptCount(), 2);
    QVERIFY(o.result.record.attempts.at(0).error == Http::ErrorKind::Truncated
            || o.result.record.attempts.at(0).error == Http::ErrorKind::RemoteClosed);
    QVERIFY(!QJsonDocument::fromJson(o.result.record.body).isNull());
}

void TestClientEmulator::tricklingBodyHitsDeadline()
{
    ClientConfig c = config();
    c.backoff = fastBackoff(2);
    ClientBox box = makeClient(c);
    SB_VERIFY_RESULT(
        m_emu->addFault(QStringLiteral("slow-body=300,path=/services/rest/record/v1/customer")));
    RestRequest r = get(*box.client, QStringLiteral("record/v1/customer?limit=20"));
    r.deadline = std::chrono::milliseconds{700};
    QElapsedTimer timer;
    timer.start();
    const CallOutcome o = runCall(box.client->newCall(r));
    QCOMPARE(o.result.status, RestStatus::NetworkError);
    QCOMPARE(o.result.record.error, Http::ErrorKind::Timeout);
    QCOMPARE(o.result.record.attemptCount(), 2);
    QVERIFY(o.result.record.body.isEmpty()); // never half a body as a result
    QVERIFY(o.result.diagnosis.has_value());
    QCOMPARE(o.result.diagnosis->id, QString(DiagnosisId::NetworkTimeout));
    QVERIFY(timer.elapsed() < 5000);
}

void TestClientEmulator::concurrencyLimitNeverExceeded()
{
    QVERIFY(waitUntilEmulatorIdle());
    ClientConfig c = config();
    c.concurrencyLimit = 5;
    ClientBox box = makeClient(c);
    SB_VERIFY_RESULT(m_emu->addFault(QStringLiteral("concurrency=5,over=429")));
    SB_VERIFY_RESULT(m_emu->addFault(QStringLiteral("latency-ms=15")));
    QList<RestCall *> calls;
    for (int i = 0; i < 200; ++i) {
        calls << box.client->newCall(
            get(*box.client, QStringLiteral("record/v1/customer?limit=1")));
    }
    int now = 0;
    int peak = 0;
    for (RestCall *call : calls) {
        connect(call, &RestCall::attemptStarted, this, [&] { peak = std::max(peak, ++now); });
        connect(call, &RestCall::attemptFinished, this, [&] { --now; });
    }
    const auto outcomes = runCalls(calls, 60000);
    QCOMPARE(peak, 5);
    int over = 0;
    for (const CallOutcome &o : outcomes) {
        QVERIFY2(o.result.status == RestStatus::Succeeded, qPrintable(o.result.message));
        for (const auto &attempt : o.result.record.attempts) {
            over += attempt.status == 429 ? 1 : 0;
        }
    }
    QCOMPARE(over, 0);
    const QJsonArray faults = m_emu->call([](Emulator::Emulator &e) { return e.faults(); });
    for (const QJsonValue &fault : faults) {
        if (fault.toObject()
                .value(QLatin1String("spec"))
                .toString()
                .contains(QLatin1String("concurrency"))
            || fault.toObject().contains(QLatin1String("concurrency"))) {
            QCOMPARE(fault.toObject().value(QLatin1String("fired")).toInt(), 0);
        }
    }
    QCOMPARE(box.client->limiter().inFlight(box.client->limiterKey()), 0);
}

void TestClientEmulator::droppedWriteIsOutcomeUnknownAndExplicitRetryMakesOneRecord()
{
    ClientBox box = makeClient(config());
    const auto before = counters();
    SB_VERIFY_RESULT(m_emu->addFault(
        QStringLiteral("drop-body=1,method=POST,path=/services/rest/record/v1/customer")));
    const CallOutcome first
        = runCall(box.client->newCall(createCustomer(*box.client, QStringLiteral("Unknown Co"))));
    QCOMPARE(first.result.status, RestStatus::OutcomeUnknown);
    const QString key = first.result.idempotencyKey;
    QVERIFY(!key.isEmpty());
    QVERIFY2(first.result.message.contains(key), qPrintable(first.result.message));
    QCOMPARE(first.waits, 0); // never repeated silently
    QCOMPARE(counters().recordsCreated - before.recordsCreated, 1);

    // The user repeats it explicitly with the same key: NetSuite recognises the key and
    // answers with the first write's Location; no second record.
    m_emu->clearFaults();
    RestRequest again = createCustomer(*box.client, QStringLiteral("Unknown Co"));
    again.idempotencyKey = key;
    const CallOutcome second = runCall(box.client->newCall(again));
    QVERIFY2(second.result.status == RestStatus::AlreadyApplied, qPrintable(second.result.message));
    QCOMPARE(second.result.idempotencyKey, key);
    QVERIFY(second.result.location.path().startsWith(
        QLatin1String("/services/rest/record/v1/customer/")));
    QCOMPARE(second.result.location.host(),
             QStringLiteral("1234567-sb1.suitetalk.api.netsuite.com"));
    QCOMPARE(counters().recordsCreated - before.recordsCreated, 1);
}

void TestClientEmulator::asyncWriteWithKeyIsRetriedAfterDrop()
{
    ClientBox box = makeClient(config());
    const auto before = counters();
    SB_VERIFY_RESULT(m_emu->addFault(
        QStringLiteral("drop-body=1,count=1,method=POST,path=/services/rest/record/v1/customer")));
    RestRequest r = createCustomer(*box.client, QStringLiteral("Async Co"));
    r.async = true;
    const CallOutcome o = runCall(box.client->newCall(r));
    QVERIFY2(o.result.ok(), qPrintable(o.result.message));
    QVERIFY(o.result.location.path().contains(QLatin1String("/async/v1/job/")));
    QCOMPARE(counters().recordsCreated - before.recordsCreated, 1);
}

void TestClientEmulator::sandboxEnvironmentRefusedAgainstProductionHost()
{
    ClientBox box = makeClient(config(QStringLiteral("1234567_SB1")));
    const auto before = counters();
    RestRequest r;
    r.url = QUrl(QStringLiteral(
        "https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1/customer"));
    const CallOutcome o = runCall(box.client->newCall(r));
    QCOMPARE(o.result.status, RestStatus::GuardRefused);
    QVERIFY(o.result.guard.has_value());
    QCOMPARE(o.result.guard->code, GuardRefusal::Code::OtherTarget);
    QCOMPARE(box.client->tokens().exchangeCount(), 0); // not even the assertion left
    QCOMPARE(counters().requests, before.requests);

    // And the reverse: a production environment never sends to a sandbox host.
    ClientBox prod = makeClient(config(QStringLiteral("1234567")));
    r.url = QUrl(QStringLiteral(
        "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer"));
    const CallOutcome reverse = runCall(prod.client->newCall(r));
    QCOMPARE(reverse.result.status, RestStatus::GuardRefused);
    QCOMPARE(counters().requests, before.requests);
}

void TestClientEmulator::productionWriteNeedsPermission()
{
    const auto before = counters();
    ClientBox prod = makeClient(config(QStringLiteral("1234567")));
    const CallOutcome refused
        = runCall(prod.client->newCall(createCustomer(*prod.client, QStringLiteral("Prod Co"))));
    QCOMPARE(refused.result.status, RestStatus::GuardRefused);
    QCOMPARE(refused.result.guard->code, GuardRefusal::Code::ProductionWrite);
    QVERIFY(refused.result.message.contains(QLatin1String("--allow-production-writes")));
    QCOMPARE(counters().requests, before.requests);

    // With a confirmation callback (the GUI's dialog): "no" refuses, "yes" sends.
    QList<WriteConfirmation> asked;
    bool answer = false;
    ClientConfig c = config(QStringLiteral("1234567"));
    c.confirmProductionWrite = [&](const WriteConfirmation &q, std::function<void(bool)> reply) {
        asked << q;
        QTimer::singleShot(1, [reply, answer] { reply(answer); });
    };
    ClientBox asking = makeClient(c);
    const CallOutcome no = runCall(
        asking.client->newCall(createCustomer(*asking.client, QStringLiteral("Prod Co"))));
    QCOMPARE(no.result.status, RestStatus::GuardRefused);
    QCOMPARE(asked.size(), 1);
    QVERIFY(asked.first().accountText.contains(QLatin1String("1234567")));
    answer = true;
    const CallOutcome yes = runCall(
        asking.client->newCall(createCustomer(*asking.client, QStringLiteral("Prod Co"))));
    // Past the guard it asks for a token; the emulator plays the sandbox, so the exchange is
    // refused (aud is the production token URL) - which proves the write was let through.
    QCOMPARE(yes.result.status, RestStatus::TokenFailed);
    QCOMPARE(asked.size(), 2);
    QCOMPARE(counters().recordsCreated, before.recordsCreated);

    // A read to production needs no permission.
    const CallOutcome read
        = runCall(prod.client->newCall(get(*prod.client, QStringLiteral("record/v1/customer"))));
    QCOMPARE(read.result.status, RestStatus::TokenFailed);
    QVERIFY(read.result.tokenError.has_value());
    QCOMPARE(read.result.tokenError->code, TokenError::Code::Refused);
    QVERIFY(read.result.diagnosis.has_value());
}

void TestClientEmulator::fetchAllPagesInParallelAndInOrder()
{
    ClientBox box = makeClient(config());
    const QString path = m_dir.filePath(QStringLiteral("customers.jsonl"));
    auto output = RowOutput::openFile(path);
    SB_VERIFY_RESULT(output);
    JsonLinesSink sink(**output);
    FetchOptions options;
    options.all = true;
    options.pageSize = 250;
    FetchAll fetch(
        *box.client,
        FetchSource::suiteQl(QStringLiteral("SELECT id, companyname FROM customer ORDER BY id")),
        sink, options);
    int progressReports = 0;
    const FetchResult r = runFetch(fetch, 30000, [&](qint64) { ++progressReports; });
    QVERIFY2(r.status == FetchResult::Status::Ok, qPrintable(r.message));
    QVERIFY(r.parallel);
    QVERIFY(r.totalResults.has_value());
    QCOMPARE(r.rows, *r.totalResults);
    QCOMPARE(r.pages, int((*r.totalResults + 249) / 250));
    QCOMPARE(progressReports, r.pages);
    QCOMPARE(modeOf(path), 0600);
    const QStringList rows = lines(path);
    QCOMPARE(rows.size(), int(r.rows));
    qint64 previous = -1;
    for (const QString &line : rows) {
        const QJsonObject row = QJsonDocument::fromJson(line.toUtf8()).object();
        QVERIFY(!row.contains(QLatin1String("links")));
        const qint64 id = row.value(QLatin1String("id")).toString().toLongLong();
        QVERIFY2(id > previous, "rows out of order or repeated");
        previous = id;
    }
    QCOMPARE(box.client->tokens().exchangeCount(), 1);
}

void TestClientEmulator::fetchAllWithoutUniqueOrderGoesSequentially()
{
    ClientBox box = makeClient(config());
    QByteArray buffer;
    QBuffer device(&buffer);
    QVERIFY(device.open(QIODevice::WriteOnly));
    auto output = RowOutput::wrap(device);
    JsonLinesSink sink(*output);
    FetchOptions options;
    options.all = true;
    options.pageSize = 1000;
    FetchAll fetch(
        *box.client,
        FetchSource::suiteQl(QStringLiteral("SELECT id FROM customer ORDER BY companyname")), sink,
        options);
    const FetchResult r = runFetch(fetch);
    QVERIFY2(r.status == FetchResult::Status::Ok, qPrintable(r.message));
    QVERIFY(!r.parallel);
    QVERIFY(!r.warnings.isEmpty());
    QVERIFY(r.warnings.first().contains(QLatin1String("unique")));
    QCOMPARE(r.rows, *r.totalResults);
    QCOMPARE(qint64(buffer.count(QByteArrayView("\n"))), r.rows);

    // Asked to refuse instead, it refuses with the reason and sends nothing.
    options.refuseUnstableOrder = true;
    const auto before = counters();
    FetchAll refused(*box.client, FetchSource::suiteQl(QStringLiteral("SELECT id FROM customer")),
                     sink, options);
    const FetchResult no = runFetch(refused);
    QCOMPARE(no.status, FetchResult::Status::Refused);
    QVERIFY(no.message.contains(QLatin1String("ORDER BY")));
    QCOMPARE(counters().suiteQlQueries, before.suiteQlQueries);
}

void TestClientEmulator::fetchAllWritesCsv()
{
    ClientBox box = makeClient(config());
    const QString path = m_dir.filePath(QStringLiteral("customers.csv"));
    auto output = RowOutput::openFile(path);
    SB_VERIFY_RESULT(output);
    CsvSink sink(**output);
    FetchOptions options;
    options.all = true;
    options.pageSize = 100;
    options.maxRows = 333;
    FetchAll fetch(*box.client,
                   FetchSource::suiteQl(
                       QStringLiteral("SELECT id, companyname, email FROM customer ORDER BY id")),
                   sink, options);
    const FetchResult r = runFetch(fetch);
    QVERIFY2(r.status == FetchResult::Status::Ok, qPrintable(r.message));
    QCOMPARE(r.rows, qint64(333));
    QCOMPARE(r.pages, 4);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    QVERIFY(csv.startsWith("companyname,email,id\r\n"));
    QCOMPARE(csv.count("\r\n"), 334);
    QCOMPARE(modeOf(path), 0600);
}

void TestClientEmulator::fetchAllRecordCollection()
{
    ClientBox box = makeClient(config());
    QByteArray buffer;
    QBuffer device(&buffer);
    QVERIFY(device.open(QIODevice::WriteOnly));
    auto output = RowOutput::wrap(device);
    JsonLinesSink sink(*output);
    FetchOptions options;
    options.all = true;
    FetchAll fetch(*box.client,
                   FetchSource::records(box.client->resolve(QStringLiteral("record/v1/contact"))),
                   sink, options);
    const FetchResult r = runFetch(fetch);
    QVERIFY2(r.status == FetchResult::Status::Ok, qPrintable(r.message));
    QVERIFY(!r.parallel); // NetSuite documents no order for collections
    QCOMPARE(r.rows, *r.totalResults);
    QCOMPARE(qint64(buffer.count(QByteArrayView("\n"))), r.rows);
}

void TestClientEmulator::fetchAllCancelLeavesNoFile()
{
    ClientBox box = makeClient(config());
    const QString path = m_dir.filePath(QStringLiteral("cancelled.jsonl"));
    auto output = RowOutput::openFile(path);
    SB_VERIFY_RESULT(output);
    JsonLinesSink sink(**output);
    FetchOptions options;
    options.all = true;
    options.pageSize = 100;
    FetchAll fetch(*box.client,
                   FetchSource::suiteQl(QStringLiteral("SELECT id FROM customer ORDER BY id")),
                   sink, options);
    const FetchResult r = runFetch(fetch, 30000, [&](qint64) { fetch.cancel(); });
    QCOMPARE(r.status, FetchResult::Status::Cancelled);
    QVERIFY(!QFile::exists(path));
    QTest::qWait(50);
    QCOMPARE(box.client->limiter().inFlight(box.client->limiterKey()), 0);
}

void TestClientEmulator::fetchAllAtRowCapOffersKeyset()
{
    ClientBox box = makeClient(config());
    QByteArray buffer;
    QBuffer device(&buffer);
    QVERIFY(device.open(QIODevice::WriteOnly));
    auto output = RowOutput::wrap(device);
    JsonLinesSink sink(*output);
    FetchOptions options;
    options.all = true;
    options.pageSize = 100;
    options.rowCap = 500; // stands in for NetSuite's 100,000
    FetchAll fetch(*box.client,
                   FetchSource::suiteQl(QStringLiteral("SELECT id FROM customer ORDER BY id")),
                   sink, options);
    const FetchResult r = runFetch(fetch);
    QVERIFY2(r.status == FetchResult::Status::Ok, qPrintable(r.message));
    QCOMPARE(r.rows, qint64(500));
    QVERIFY(r.hitRowCap);
    QVERIFY(!r.lastId.isEmpty());
    QVERIFY(r.warnings.join(u'\n').contains(QStringLiteral("WHERE id > ") + r.lastId));
}

void TestClientEmulator::curlIsRedactedUnlessAsked()
{
    ClientBox box = makeClient(config());
    const CallOutcome o = runCall(
        box.client->newCall(get(*box.client, QStringLiteral("record/v1/customer?limit=1"))));
    QVERIFY(o.result.ok());
    const TokenHandle token = box.client->tokens().cached();
    QVERIFY(token);
    const RestRequest r = createCustomer(*box.client, QStringLiteral("Curl Co"));
    const QString redacted = box.client->toCurl(r);
    QVERIFY(redacted.startsWith(QLatin1String("curl")));
    QVERIFY(!redacted.contains(QString::fromLatin1(token->exposeForApi())));
    QVERIFY(redacted.contains(QLatin1String("X-NetSuite-Idempotency-Key")));
    const QString revealed = box.client->toCurl(r, true);
    QVERIFY(revealed.contains(QString::fromLatin1(token->exposeForApi())));
}

void TestClientEmulator::callerBearerAndNoAuthSkipTheExchange()
{
    // A token obtained by one client, pasted into another as a manual bearer.
    ClientBox source = makeClient(config());
    QEventLoop loop;
    TokenHandle token;
    source.client->tokens().acquire(&loop, [&](const TokenResult &result) {
        if (result) {
            token = *result;
        }
        loop.quit();
    });
    loop.exec();
    QVERIFY(token);

    ClientBox box = makeClient(config());
    RestRequest manual = get(*box.client, QStringLiteral("record/v1/customer?limit=1"));
    manual.auth = RestAuth::CallerBearer;
    QByteArray raw = token->exposeForApi();
    manual.callerToken
        = std::make_shared<const Crypto::SecureBytes>(Crypto::SecureBytes::takeFrom(raw));
    const QString curl = box.client->toCurl(manual);
    QVERIFY(!curl.contains(QString::fromLatin1(token->exposeForApi())));
    const CallOutcome ok = runCall(box.client->newCall(manual));
    QVERIFY2(ok.result.ok(), qPrintable(ok.result.message));
    QCOMPARE(box.client->tokens().exchangeCount(), 0);

    RestRequest none = get(*box.client, QStringLiteral("record/v1/customer?limit=1"));
    none.auth = RestAuth::None;
    QVERIFY(!box.client->wireRequest(none).header("Authorization"));
    const CallOutcome refused = runCall(box.client->newCall(none));
    QCOMPARE(refused.result.status, RestStatus::HttpError);
    QCOMPARE(refused.result.record.status, 401);
    QCOMPARE(refused.remints, 0); // a 401 without the environment's token is no reason to mint
    QCOMPARE(box.client->tokens().exchangeCount(), 0);
}

void TestClientEmulator::refusedExchangeKeepsAssertionAndJudgesAudByRealm()
{
    // The account typed without its sandbox suffix, routed to the emulator playing 1234567_SB1:
    // the assertion is judged against the account that answered, so the finding is the trap.
    ClientConfig typo = config(QStringLiteral("1234567"));
    typo.routedAccount = *AccountId::parse(QStringLiteral("1234567_SB1"));
    ClientBox box = makeClient(std::move(typo));
    const CallOutcome o = runCall(
        box.client->newCall(get(*box.client, QStringLiteral("record/v1/customer?limit=1"))));
    QCOMPARE(o.result.status, RestStatus::TokenFailed);
    QVERIFY(o.result.tokenError.has_value());
    QCOMPARE(o.result.tokenError->code, TokenError::Code::Refused);
    QVERIFY(o.result.tokenError->rejectedAssertion);
    const QByteArray assertion = o.result.tokenError->rejectedAssertion->exposeForApi();
    QCOMPARE(assertion.count('.'), 2);
    QVERIFY(o.result.diagnosis.has_value());
    QStringList codes;
    for (const Finding &f : o.result.diagnosis->assertionFindings) {
        codes << f.code;
    }
    QVERIFY2(codes.contains(QStringLiteral("aud.sandbox_suffix_missing")),
             qPrintable(codes.join(u',')));
    QVERIFY(!o.result.message.contains(QString::fromLatin1(assertion)));
}

QTEST_GUILESS_MAIN(TestClientEmulator)
#include "TestClientEmulator.moc"
