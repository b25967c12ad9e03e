// SPDX-License-Identifier: MIT
// The client's pure rules: token response validation and cache lifetime (S15), which
// requests may be repeated, guards, --connect-to routing, ORDER BY analysis, CSV fields.
#include "netsuite/AccountId.h"
#include "netsuite/CustomTokenEndpoint.h"
#include "netsuite/client/FetchAll.h"
#include "netsuite/client/Guards.h"
#include "netsuite/client/RetryRules.h"
#include "netsuite/client/RowSink.h"
#include "netsuite/client/TokenProvider.h"

#include <QJsonArray>
#include <QTest>

using namespace Sb;
using namespace Sb::NetSuite;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(Sb::NetSuite::TokenResponseError::Code)
Q_DECLARE_METATYPE(Sb::NetSuite::OrderAnalysis::Kind)

class TestClientRules final : public QObject
{
    Q_OBJECT

private slots:
    void acceptsTokenResponses_data();
    void acceptsTokenResponses();
    void refusesTokenResponses_data();
    void refusesTokenResponses();
    void cacheLifetimeIsClamped();
    void safeToRepeat();
    void notProcessedAnswersAllowRetryingWrites();
    void retryDecisions();
    void outcomeUnknownOnlyForUnsafeWrites();
    void networkErrorsMapToDiagnosisKinds();
    void guardsKeepCredentialsOnTheTarget();
    void productionWritesNeedPermission();
    void routingRewritesOnlyTheOrigin();
    void orderByAnalysis_data();
    void orderByAnalysis();
    void csvFieldsAreQuoted();
};

void TestClientRules::acceptsTokenResponses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("cachedSeconds");
    QTest::addColumn<QString>("type");
    // Facts §4 / §10 item 6: both spellings and both expires_in forms are seen in the wild.
    // clang-format off
    QTest::newRow("string 3600") << QByteArray(R"({"access_token":"a.b.c","expires_in":"3600","token_type":"Bearer"})") << qint64(3540) << QStringLiteral("Bearer");
    QTest::newRow("number, bearer") << QByteArray(R"({"access_token":"a.b.c","expires_in":3600,"token_type":"bearer"})") << qint64(3540) << QStringLiteral("bearer");
    // S15: 0, negative, huge and missing values are clamped, never trusted.
    QTest::newRow("zero") << QByteArray(R"({"access_token":"x","expires_in":0,"token_type":"Bearer"})") << qint64(50) << QStringLiteral("Bearer");
    QTest::newRow("negative") << QByteArray(R"({"access_token":"x","expires_in":-5,"token_type":"Bearer"})") << qint64(50) << QStringLiteral("Bearer");
    QTest::newRow("10^12") << QByteArray(R"({"access_token":"x","expires_in":1000000000000,"token_type":"Bearer"})") << qint64(3540) << QStringLiteral("Bearer");
    QTest::newRow("1e300") << QByteArray(R"({"access_token":"x","expires_in":1e300,"token_type":"Bearer"})") << qint64(3540) << QStringLiteral("Bearer");
    QTest::newRow("missing") << QByteArray(R"({"access_token":"x","token_type":"BEARER"})") << qint64(50) << QStringLiteral("BEARER");
    QTest::newRow("garbage string") << QByteArray(R"({"access_token":"x","expires_in":"soon","token_type":"Bearer"})") << qint64(50) << QStringLiteral("Bearer");
    QTest::newRow("extra fields") << QByteArray(R"({"access_token":"x","expires_in":600,"token_type":"Bearer","scope":["a"],"junk":")") + QByteArray(1000, 'j') + "\"}" << qint64(540) << QStringLiteral("Bearer");
    // clang-format on
}

void TestClientRules::acceptsTokenResponses()
{
    QFETCH(QByteArray, body);
    QFETCH(qint64, cachedSeconds);
    QFETCH(QString, type);
    const auto parsed = parseTokenResponse(body);
    QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
    QCOMPARE(parsed->cacheLifetime.count(), cachedSeconds);
    QCOMPARE(parsed->tokenType, type);
    QVERIFY(!parsed->accessToken.isEmpty());
}

void TestClientRules::refusesTokenResponses_data()
{
    using Code = TokenResponseError::Code;
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Code>("code");
    // clang-format off
    QTest::newRow("truncated") << QByteArray(R"({"access_token":"a.b.c","expires_in":"36)") << Code::NotJson;
    QTest::newRow("html") << QByteArray("<html>maintenance</html>") << Code::NotJson;
    QTest::newRow("array") << QByteArray("[]") << Code::NotJson;
    QTest::newRow("no token") << QByteArray(R"({"expires_in":3600,"token_type":"Bearer"})") << Code::MissingAccessToken;
    QTest::newRow("empty token") << QByteArray(R"({"access_token":"","token_type":"Bearer"})") << Code::MissingAccessToken;
    QTest::newRow("number token") << QByteArray(R"({"access_token":5,"token_type":"Bearer"})") << Code::MissingAccessToken;
    // A CR/LF in the token would become a second header line.
    QTest::newRow("header injection") << QByteArray(R"({"access_token":"a\r\nX-Evil: 1","token_type":"Bearer"})") << Code::BadAccessToken;
    QTest::newRow("space") << QByteArray(R"({"access_token":"a b","token_type":"Bearer"})") << Code::BadAccessToken;
    QTest::newRow("mac") << QByteArray(R"({"access_token":"x","token_type":"mac"})") << Code::BadTokenType;
    QTest::newRow("no type") << QByteArray(R"({"access_token":"x"})") << Code::BadTokenType;
    // clang-format on
}

void TestClientRules::refusesTokenResponses()
{
    QFETCH(QByteArray, body);
    QFETCH(TokenResponseError::Code, code);
    const auto parsed = parseTokenResponse(body);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, code);
    QVERIFY(!parsed.error().message.isEmpty());
    // Messages never quote the token.
    QVERIFY(!parsed.error().message.contains(QLatin1String("X-Evil")));
}

void TestClientRules::cacheLifetimeIsClamped()
{
    QCOMPARE(cacheLifetimeFor(3600), 3540s);
    QCOMPARE(cacheLifetimeFor(60), 50s);
    QCOMPARE(cacheLifetimeFor(5), 50s);
    QCOMPARE(cacheLifetimeFor(std::nullopt), 50s);
    QCOMPARE(cacheLifetimeFor(7200), 3540s);
    QCOMPARE(cacheLifetimeFor(300), 250s);
}

void TestClientRules::safeToRepeat()
{
    using M = Http::Method;
    for (M m : {M::Get, M::Head, M::Put, M::Delete, M::Options}) {
        QVERIFY(isSafeToRepeat({m}));
    }
    QVERIFY(!isSafeToRepeat({M::Post}));
    QVERIFY(!isSafeToRepeat({M::Patch}));
    QVERIFY(!isSafeToRepeat({M::Post, false, false, true}));       // key, but synchronous
    QVERIFY(isSafeToRepeat({M::Post, false, true, true}));         // async + key (facts §5)
    QVERIFY(!isSafeToRepeat({M::Post, false, true, false}));       // async without key
    QVERIFY(isSafeToRepeat({M::Post, true}));                      // SuiteQL reads
    QVERIFY(isSafeToRepeat({M::Patch, false, false, true, true})); // --retry-unknown
    QVERIFY(isWriteMethod(M::Delete));
    QVERIFY(!isWriteMethod(M::Get));
}

void TestClientRules::notProcessedAnswersAllowRetryingWrites()
{
    Http::AttemptRecord a;
    a.status = 429;
    QVERIFY(certainlyNotProcessed(a, {}));
    a.status = 503;
    QVERIFY(certainlyNotProcessed(a, {}));
    a.status = 400;
    QVERIFY(!certainlyNotProcessed(a, R"({"o:errorDetails":[{"o:errorCode":"INVALID_CONTENT"}]})"));
    QVERIFY(certainlyNotProcessed(
        a, R"({"error":{"code":"SSS_REQUEST_LIMIT_EXCEEDED","message":"x"}})"));
    a.status = 500;
    QVERIFY(!certainlyNotProcessed(a, {}));
    a.status = 0;
    a.error = Http::ErrorKind::ConnectionRefused;
    QVERIFY(certainlyNotProcessed(a, {}));
    a.error = Http::ErrorKind::RemoteClosed;
    QVERIFY(!certainlyNotProcessed(a, {}));
}

void TestClientRules::retryDecisions()
{
    const Core::FakeClock clock;
    Http::BackoffPolicy policy;
    policy.base = 100ms;
    policy.cap = 1s;
    policy.maxAttempts = 4;
    policy.jitter = Http::Jitter::None;
    const Http::RandomSource random = [] { return 0.5; };
    const RetrySubject post{Http::Method::Post};
    const RetrySubject get{Http::Method::Get};

    Http::AttemptRecord a;
    a.status = 401;
    QVERIFY(!decideRetry(policy, 1, a, {}, get, clock, random).retry); // the client re-mints

    a.status = 429;
    a.headers = {{"Retry-After", "2"}};
    auto d = decideRetry(policy, 1, a, {}, post, clock, random);
    QVERIFY(d.retry);
    QCOMPARE(d.delay, 2000ms);

    a.headers.clear();
    a.status = 400;
    d = decideRetry(policy, 2, a, R"({"error":{"code":"SSS_REQUEST_LIMIT_EXCEEDED"}})", post, clock,
                    random);
    QVERIFY(d.retry); // RESTlet-style concurrency refusal
    QCOMPARE(d.delay, 200ms);
    QVERIFY(!decideRetry(policy, 4, a, R"({"error":{"code":"SSS_REQUEST_LIMIT_EXCEEDED"}})", post,
                         clock, random)
                 .retry); // attempt limit

    a.status = 502;
    QVERIFY(!decideRetry(policy, 1, a, {}, post, clock, random).retry); // may have run
    QVERIFY(decideRetry(policy, 1, a, {}, get, clock, random).retry);

    a.status = 0;
    a.error = Http::ErrorKind::RemoteClosed;
    QVERIFY(!decideRetry(policy, 1, a, {}, post, clock, random).retry); // outcome unknown
    QVERIFY(decideRetry(policy, 1, a, {}, get, clock, random).retry);
    QVERIFY(decideRetry(policy, 1, a, {}, {Http::Method::Post, false, true, true}, clock, random)
                .retry);
    a.error = Http::ErrorKind::ConnectionRefused;
    QVERIFY(decideRetry(policy, 1, a, {}, post, clock, random).retry);
    a.error = Http::ErrorKind::HostNotFound;
    QVERIFY(!decideRetry(policy, 1, a, {}, get, clock, random).retry); // S14: no storm
}

void TestClientRules::outcomeUnknownOnlyForUnsafeWrites()
{
    Http::ResponseRecord r;
    r.attempt = 1;
    r.error = Http::ErrorKind::RemoteClosed;
    r.attempts = {r};
    QVERIFY(isOutcomeUnknown({Http::Method::Post}, r));
    QVERIFY(isOutcomeUnknown({Http::Method::Patch}, r));
    QVERIFY(!isOutcomeUnknown({Http::Method::Get}, r));
    QVERIFY(!isOutcomeUnknown({Http::Method::Post, true}, r)); // SuiteQL
    r.error = Http::ErrorKind::ConnectionRefused;
    r.attempts = {r};
    QVERIFY(!isOutcomeUnknown({Http::Method::Post}, r));
    r.error = Http::ErrorKind::Cancelled; // cancelled before anything was sent
    r.attempts = {r};
    QVERIFY(!isOutcomeUnknown({Http::Method::Post}, r));
    r.timings.sent = 5ms; // cancelled after sending
    r.attempts = {r};
    QVERIFY(isOutcomeUnknown({Http::Method::Post}, r));
}

void TestClientRules::networkErrorsMapToDiagnosisKinds()
{
    QCOMPARE(toNetworkErrorKind(Http::ErrorKind::None), NetworkErrorKind::None);
    QCOMPARE(toNetworkErrorKind(Http::ErrorKind::HostNotFound), NetworkErrorKind::HostNotFound);
    QCOMPARE(toNetworkErrorKind(Http::ErrorKind::Tls), NetworkErrorKind::Tls);
    QCOMPARE(toNetworkErrorKind(Http::ErrorKind::Timeout), NetworkErrorKind::Timeout);
    QCOMPARE(toNetworkErrorKind(Http::ErrorKind::TransferTimeout), NetworkErrorKind::Timeout);
    QCOMPARE(toNetworkErrorKind(Http::ErrorKind::ConnectionRefused),
             NetworkErrorKind::ConnectionRefused);
    QCOMPARE(toNetworkErrorKind(Http::ErrorKind::Truncated), NetworkErrorKind::Other);
}

void TestClientRules::guardsKeepCredentialsOnTheTarget()
{
    const Target sandbox = Target::netSuite(*AccountId::parse(QStringLiteral("1234567_SB1")));
    const Target production = Target::netSuite(*AccountId::parse(QStringLiteral("1234567")));
    const QUrl sandboxUrl(QStringLiteral(
        "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer"));
    const QUrl productionUrl(QStringLiteral(
        "https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1/customer"));
    QVERIFY(!checkUrlGuard(sandbox, sandboxUrl));
    QVERIFY(!checkUrlGuard(sandbox, sandbox.tokenUrl()));
    const auto refused = checkUrlGuard(sandbox, productionUrl);
    QVERIFY(refused);
    QCOMPARE(refused->code, GuardRefusal::Code::OtherTarget);
    QVERIFY(refused->message.contains(QLatin1String("1234567_SB1")));
    QVERIFY(checkUrlGuard(production, sandboxUrl));
    QVERIFY(checkUrlGuard(sandbox, QUrl(QStringLiteral("https://attacker.example/services/rest"))));
    QVERIFY(checkUrlGuard(sandbox,
                          QUrl(QStringLiteral("http://1234567-sb1.suitetalk.api.netsuite.com/x"))));
    QVERIFY(checkUrlGuard(Target(), sandboxUrl));

    const Target custom = Target::custom(*CustomTokenEndpoint::parse(
        QStringLiteral("http://127.0.0.1:8080/services/rest/auth/oauth2/v1/token")));
    QVERIFY(!checkUrlGuard(
        custom, QUrl(QStringLiteral("http://127.0.0.1:8080/services/rest/record/v1/x"))));
    QVERIFY(checkUrlGuard(custom,
                          QUrl(QStringLiteral("http://127.0.0.1:8081/services/rest/record/v1/x"))));
}

void TestClientRules::productionWritesNeedPermission()
{
    const Target sandbox = Target::netSuite(*AccountId::parse(QStringLiteral("1234567_SB1")));
    const Target production = Target::netSuite(*AccountId::parse(QStringLiteral("1234567")));
    using M = Http::Method;
    for (M m : {M::Post, M::Put, M::Patch, M::Delete}) {
        QVERIFY(needsProductionWritePermission(production, m));
        QVERIFY(!needsProductionWritePermission(sandbox, m));
    }
    QVERIFY(!needsProductionWritePermission(production, M::Get));
    const GuardRefusal r
        = productionWriteRefusal(production, M::Delete, production.restRecordBase());
    QCOMPARE(r.code, GuardRefusal::Code::ProductionWrite);
    QVERIFY(r.message.contains(QLatin1String("DELETE")));
}

void TestClientRules::routingRewritesOnlyTheOrigin()
{
    const Routing none;
    const QUrl logical(QStringLiteral(
        "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer?limit=5"));
    QCOMPARE(none.route(logical), logical);
    const Routing routing(QStringLiteral("http://127.0.0.1:4567"));
    QVERIFY(!routing.isNull());
    const QUrl physical = routing.route(logical);
    QCOMPARE(physical.toString(),
             QStringLiteral("http://127.0.0.1:4567/services/rest/record/v1/customer?limit=5"));
    const QUrl location(
        QStringLiteral("http://127.0.0.1:4567/services/rest/record/v1/customer/42"));
    QCOMPARE(
        routing.unroute(location, logical).toString(),
        QStringLiteral(
            "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/42"));
    const QUrl elsewhere(QStringLiteral("http://127.0.0.2:4567/x"));
    QCOMPARE(routing.unroute(elsewhere, logical), elsewhere);
}

void TestClientRules::orderByAnalysis_data()
{
    using K = OrderAnalysis::Kind;
    QTest::addColumn<QString>("query");
    QTest::addColumn<K>("kind");
    // clang-format off
    QTest::newRow("by id") << QStringLiteral("SELECT id, companyname FROM customer ORDER BY id") << K::Unique;
    QTest::newRow("alias.id desc") << QStringLiteral("select c.id from customer c order by c.companyname, c.ID desc") << K::Unique;
    QTest::newRow("uniquekey") << QStringLiteral("SELECT * FROM transactionline ORDER BY uniquekey ASC NULLS LAST") << K::Unique;
    QTest::newRow("no order") << QStringLiteral("SELECT id FROM customer") << K::None;
    QTest::newRow("not unique") << QStringLiteral("SELECT id FROM customer ORDER BY companyname") << K::NotUnique;
    QTest::newRow("only in subquery") << QStringLiteral("SELECT x FROM (SELECT id x FROM customer ORDER BY id)") << K::None;
    QTest::newRow("in a string") << QStringLiteral("SELECT id FROM customer WHERE memo = 'ORDER BY id'") << K::None;
    QTest::newRow("in a comment") << QStringLiteral("SELECT id FROM customer -- ORDER BY id\n") << K::None;
    QTest::newRow("function of id") << QStringLiteral("SELECT id FROM customer ORDER BY NVL(id, 0)") << K::NotUnique;
    QTest::newRow("id-like name") << QStringLiteral("SELECT id FROM customer ORDER BY entityid") << K::NotUnique;
    // clang-format on
}

void TestClientRules::orderByAnalysis()
{
    QFETCH(QString, query);
    QFETCH(OrderAnalysis::Kind, kind);
    const OrderAnalysis analysis = analyzeOrderBy(query);
    QCOMPARE(analysis.kind, kind);
    QCOMPARE(analysis.reason.isEmpty(), kind == OrderAnalysis::Kind::Unique);
}

void TestClientRules::csvFieldsAreQuoted()
{
    // RFC 4180 §2 items 5-7.
    QCOMPARE(CsvSink::field(QStringLiteral("plain")), QByteArray("plain"));
    QCOMPARE(CsvSink::field(QStringLiteral("a,b")), QByteArray("\"a,b\""));
    QCOMPARE(CsvSink::field(QStringLiteral("say \"hi\"")), QByteArray("\"say \"\"hi\"\"\""));
    QCOMPARE(CsvSink::field(QStringLiteral("two\nlines")), QByteArray("\"two\nlines\""));
    QCOMPARE(CsvSink::field(QJsonValue()), QByteArray());
    QCOMPARE(CsvSink::field(42), QByteArray("42"));
    QCOMPARE(CsvSink::field(true), QByteArray("true"));
    QCOMPARE(CsvSink::field(QStringLiteral("Zoë")), QStringLiteral("Zoë").toUtf8());
}

QTEST_GUILESS_MAIN(TestClientRules)
#include "TestClientRules.moc"
