// SPDX-License-Identifier: MIT
#include "netsuite/AssertionBuilder.h"
#include "netsuite/Diagnosis.h"
#include "netsuite/FindingCodes.h"
#include "support/ResultTesting.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

#include "NetSuiteTestSupport.h"

using namespace Sb;
using namespace Sb::NetSuite;

Q_DECLARE_METATYPE(Sb::NetSuite::FailurePhase)
Q_DECLARE_METATYPE(Sb::NetSuite::NetworkErrorKind)

namespace {

QSet<QString> &seenIds()
{
    static QSet<QString> ids;
    return ids;
}

// Bodies as Oracle documents them (facts §4, §5).
const QByteArray restUnauthorized(
    R"({"type":"https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html","title":"Unauthorized","status":401,"o:errorDetails":[{"detail":"Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.","o:errorCode":"INVALID_LOGIN"}]})");
const QByteArray restForbidden(
    R"({"title":"Forbidden","status":403,"o:errorDetails":[{"detail":"You need the 'Custom Lists' permission to access this page.","o:errorCode":"INSUFFICIENT_PERMISSION"}]})");
const QByteArray restUserErrorPermission(
    R"({"title":"Bad Request","status":400,"o:errorDetails":[{"detail":"Your current role does not have permission to perform this action.","o:errorCode":"USER_ERROR"}]})");
const QByteArray restUserErrorOther(
    R"({"title":"Bad Request","status":400,"o:errorDetails":[{"detail":"Please enter value(s) for: Subsidiary","o:errorCode":"USER_ERROR"}]})");
const QByteArray idempotency(
    R"({"type":"https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.10","title":"Conflict","status":400,"o:errorDetails":[{"detail":"The request with the same idempotency key has already been processed.","o:errorCode":"IDEMPOTENCY_ERROR"}]})");
const QByteArray restletLimit(
    R"({"error" : {"code" : "SSS_REQUEST_LIMIT_EXCEEDED","message" : "Request limit exceeded"}})");

} // namespace

class TestDiagnosis final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void diagnoses_data();
    void diagnoses();
    void invalidClientNamesTheAuditTrailAndItsDetails();
    void rejectedAssertionErrorsComeFirst();
    void assertionWithoutErrorsPointsAtNetSuite();
    void sandboxRefreshComesFirstWhenItWorkedBefore();
    void realmOfAnotherAccountLeadsTheCauses();
    void freshTokenMakesExpiryUnlikely();
    void clockSkewFromTheDateHeader();
    void hostNotFoundBlamesTheAccountIdFirst();
    void parsesServerErrors();
    void untrustedBodiesAreCappedAndEscaped();
    void jsonAndTextCarryEverything();
    void everyIdIsCovered();

private:
    Diagnosis run(const FailureInput &input);

    Core::FakeClock m_clock{QDateTime::fromSecsSinceEpoch(NsTest::now, Qt::UTC)};
};

Diagnosis TestDiagnosis::run(const FailureInput &input)
{
    const Diagnosis d = diagnose(input, m_clock);
    seenIds().insert(d.id);
    return d;
}

void TestDiagnosis::initTestCase()
{
    (void)NsTest::keys();
}

void TestDiagnosis::diagnoses_data()
{
    QTest::addColumn<FailurePhase>("phase");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("wwwAuthenticate");
    QTest::addColumn<NetworkErrorKind>("network");
    QTest::addColumn<bool>("fresh");
    QTest::addColumn<int>("inFlight");
    QTest::addColumn<QString>("id");

    using P = FailurePhase;
    using N = NetworkErrorKind;
    // clang-format off
    // Token endpoint: ns-help/subsect_158521832417.html (facts §4); §10 item 2 for the rest.
    QTest::newRow("invalid_client")     << P::TokenExchange << 401 << QByteArray(R"({"error":"invalid_client"})") << QByteArray(R"(Basic realm="1234567_SB1")") << N::None << false << 1 << QStringLiteral("token.invalid_client");
    QTest::newRow("401 without body")   << P::TokenExchange << 401 << QByteArray() << QByteArray() << N::None << false << 1 << QStringLiteral("token.invalid_client");
    QTest::newRow("invalid_grant")      << P::TokenExchange << 400 << QByteArray(R"({"error":"invalid_grant"})") << QByteArray() << N::None << false << 1 << QStringLiteral("token.invalid_grant");
    QTest::newRow("invalid_request")    << P::TokenExchange << 400 << QByteArray(R"({"error":"invalid_request"})") << QByteArray() << N::None << false << 1 << QStringLiteral("token.invalid_request");
    QTest::newRow("server_error body")  << P::TokenExchange << 400 << QByteArray(R"({"error":"server_error"})") << QByteArray() << N::None << false << 1 << QStringLiteral("token.server_error");
    // Facts §7: RS256 reported as HTTP 500.
    QTest::newRow("http 500")           << P::TokenExchange << 500 << QByteArray("<html>error</html>") << QByteArray() << N::None << false << 1 << QStringLiteral("token.server_error");
    QTest::newRow("unsupported grant")  << P::TokenExchange << 400 << QByteArray(R"({"error":"unsupported_grant_type"})") << QByteArray() << N::None << false << 1 << QStringLiteral("token.other_error");
    QTest::newRow("invalid_scope")      << P::TokenExchange << 400 << QByteArray(R"({"error":"invalid_scope"})") << QByteArray() << N::None << false << 1 << QStringLiteral("token.other_error");
    // REST: ns-help/section_156570709583.html, subsect_158521885412.html (facts §4).
    QTest::newRow("rest 401")           << P::RestCall << 401 << restUnauthorized << QByteArray(R"(Bearer realm="1234567_SB1", error="invalid_token", error_description="Invalid login attempt.")") << N::None << false << 1 << QStringLiteral("rest.invalid_login");
    QTest::newRow("restlet 401")        << P::RestletCall << 401 << QByteArray(R"({"error":{"code":"INVALID_LOGIN_ATTEMPT","message":"Invalid login attempt."}})") << QByteArray() << N::None << false << 1 << QStringLiteral("rest.invalid_login");
    // Facts §5/§7: 401 INVALID_LOGIN over the concurrency limit (julbrs/netsuite-api-client #26).
    QTest::newRow("401 fresh, busy")    << P::RestCall << 401 << restUnauthorized << QByteArray() << N::None << true << 12 << QStringLiteral("rest.invalid_login_concurrency");
    QTest::newRow("401 fresh, quiet")   << P::RestCall << 401 << restUnauthorized << QByteArray() << N::None << true << 1 << QStringLiteral("rest.invalid_login");
    QTest::newRow("401 stale, busy")    << P::RestCall << 401 << restUnauthorized << QByteArray() << N::None << false << 12 << QStringLiteral("rest.invalid_login");
    // Trap #3 (seed guide; facts §5): 403 and the 400 USER_ERROR variant.
    QTest::newRow("403")                << P::RestCall << 403 << restForbidden << QByteArray() << N::None << false << 1 << QStringLiteral("rest.insufficient_permission");
    QTest::newRow("400 permission")     << P::RestCall << 400 << restUserErrorPermission << QByteArray() << N::None << false << 1 << QStringLiteral("rest.permission_denied_400");
    QTest::newRow("400 user error")     << P::RestCall << 400 << restUserErrorOther << QByteArray() << N::None << false << 1 << QStringLiteral("rest.user_error");
    // Concurrency: 429 (third parties) and RESTlet SSS_REQUEST_LIMIT_EXCEEDED (Oracle), facts §5.
    QTest::newRow("429")                << P::RestCall << 429 << QByteArray() << QByteArray() << N::None << false << 20 << QStringLiteral("concurrency.limit_exceeded");
    QTest::newRow("restlet limit")      << P::RestletCall << 400 << restletLimit << QByteArray() << N::None << false << 20 << QStringLiteral("concurrency.limit_exceeded");
    QTest::newRow("limit in html")      << P::RestletCall << 400 << QByteArray("<error><code>SSS_REQUEST_LIMIT_EXCEEDED</code></error>") << QByteArray() << N::None << false << 20 << QStringLiteral("concurrency.limit_exceeded");
    // Oracle's "HTTP 400 Conflict" idempotency example (facts §5, §10 item 9).
    QTest::newRow("idempotency")        << P::RestCall << 400 << idempotency << QByteArray() << N::None << false << 1 << QStringLiteral("rest.idempotency_conflict");
    QTest::newRow("idempotency 409")    << P::RestCall << 409 << idempotency << QByteArray() << N::None << false << 1 << QStringLiteral("rest.idempotency_conflict");
    QTest::newRow("bearer bad request") << P::RestCall << 400 << QByteArray() << QByteArray(R"(Bearer realm="1234567_SB1", error="invalid_request", error_description="The request could not be understood by the server due to malformed syntax.")") << N::None << false << 1 << QStringLiteral("rest.invalid_request");
    QTest::newRow("404")                << P::RestCall << 404 << QByteArray() << QByteArray() << N::None << false << 1 << QStringLiteral("rest.not_found");
    QTest::newRow("502")                << P::RestCall << 502 << QByteArray() << QByteArray() << N::None << false << 1 << QStringLiteral("rest.server_error");
    QTest::newRow("418")                << P::RestCall << 418 << QByteArray() << QByteArray() << N::None << false << 1 << QStringLiteral("http.unexpected");
    // Transport failures (reliability doc §2.4; facts §1: the host comes from the account ID).
    QTest::newRow("host not found")     << P::TokenExchange << 0 << QByteArray() << QByteArray() << N::HostNotFound << false << 1 << QStringLiteral("network.host_not_found");
    QTest::newRow("tls")                << P::RestCall << 0 << QByteArray() << QByteArray() << N::Tls << false << 1 << QStringLiteral("network.tls");
    QTest::newRow("timeout")            << P::RestCall << 0 << QByteArray() << QByteArray() << N::Timeout << false << 1 << QStringLiteral("network.timeout");
    QTest::newRow("refused")            << P::TokenExchange << 0 << QByteArray() << QByteArray() << N::ConnectionRefused << false << 1 << QStringLiteral("network.connection_refused");
    QTest::newRow("other")              << P::RestCall << 0 << QByteArray() << QByteArray() << N::Other << false << 1 << QStringLiteral("network.other");
    // clang-format on
}

void TestDiagnosis::diagnoses()
{
    QFETCH(FailurePhase, phase);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, wwwAuthenticate);
    QFETCH(NetworkErrorKind, network);
    QFETCH(bool, fresh);
    QFETCH(int, inFlight);
    QFETCH(QString, id);

    FailureInput input;
    input.phase = phase;
    input.httpStatus = status;
    input.body = body;
    input.wwwAuthenticate = wwwAuthenticate;
    input.networkError = network;
    input.tokenFreshlyMinted = fresh;
    input.requestsInFlight = inFlight;
    input.target = Target::netSuite(NsTest::account(QStringLiteral("1234567_SB1")));
    const Diagnosis d = run(input);
    QCOMPARE(d.id, id);
    QVERIFY(!d.title.isEmpty());
    QVERIFY2(!d.causes.isEmpty(), qPrintable(d.toText()));
    QVERIFY(DiagnosisId::all().contains(QLatin1String(d.id.toLatin1())));
    // Realm 1234567_SB1 is the environment's own account: no realm-mismatch cause.
    QVERIFY(!d.causes.first().contains(QStringLiteral("realm")));
}

void TestDiagnosis::invalidClientNamesTheAuditTrailAndItsDetails()
{
    FailureInput input;
    input.httpStatus = 401;
    input.body = R"({"error":"invalid_client"})";
    input.wwwAuthenticate = R"(Basic realm="1234567_SB1")";
    input.target = Target::netSuite(NsTest::account(QStringLiteral("1234567_SB1")));
    const Diagnosis d = run(input);
    // Facts §4: the real reason is in the Login Audit Trail's Detail column.
    QVERIFY(std::any_of(d.whereToLook.cbegin(), d.whereToLook.cend(), [](const QString &s) {
        return s.contains(
            QStringLiteral("Setup > Users/Roles > User Management > View Login Audit Trail"));
    }));
    for (const QString &detail :
         {QStringLiteral("InvalidSignature"), QStringLiteral("UnknownIntegration"),
          QStringLiteral("ScopeMismatched")}) {
        QVERIFY2(d.auditTrailDetails.contains(detail), qPrintable(detail));
    }
    // Every cause the facts allow, not only the one the emulator produces.
    const QString all = d.causes.join(QLatin1Char('\n'));
    for (const QString &word : {QStringLiteral("aud"), QStringLiteral("kid"), QStringLiteral("iss"),
                                QStringLiteral("RS256"), QStringLiteral("signature"),
                                QStringLiteral("Client Credentials"), QStringLiteral("refresh")}) {
        QVERIFY2(all.contains(word, Qt::CaseInsensitive), qPrintable(word));
    }
    QCOMPARE(d.server.realm, QStringLiteral("1234567_SB1"));
    QCOMPARE(d.server.authScheme, QStringLiteral("Basic"));
}

void TestDiagnosis::rejectedAssertionErrorsComeFirst()
{
    // Issue #3: with the rejected assertion at hand, the inspector's errors lead.
    AssertionRequest request;
    request.clientId = NsTest::clientId;
    request.certificateId = NsTest::certificateId;
    request.tokenUrl
        = QStringLiteral("https://1234567.suitetalk.api.netsuite.com/services/rest/auth/"
                         "oauth2/v1/token"); // trap #2: the sandbox suffix is missing
    const auto assertion = buildAssertion(request, NsTest::keys().ec256, m_clock);
    SB_VERIFY_RESULT(assertion);

    FailureInput input;
    input.httpStatus = 401;
    input.body = R"({"error":"invalid_client"})";
    input.target = Target::netSuite(NsTest::account(QStringLiteral("1234567_SB1")));
    input.assertion = assertion->compact;
    InspectionContext context;
    context.clientId = NsTest::clientId;
    context.certificateId = NsTest::certificateId;
    input.context = context; // the account comes from the target
    const Diagnosis d = run(input);
    QCOMPARE(d.id, QString(DiagnosisId::TokenInvalidClient));
    QVERIFY(!d.assertionFindings.isEmpty());
    QCOMPARE(d.assertionFindings.first().code, QString(FindingCode::AudSandboxSuffixMissing));
    QCOMPARE(d.assertionFindings.first().severity, Severity::Error);
    QVERIFY2(d.causes.first().contains(QStringLiteral("aud.sandbox_suffix_missing")),
             qPrintable(d.causes.first()));
    QVERIFY(!d.toText().contains(QString::fromLatin1(assertion->compact)));
}

void TestDiagnosis::assertionWithoutErrorsPointsAtNetSuite()
{
    AssertionRequest request;
    request.clientId = NsTest::clientId;
    request.certificateId = NsTest::certificateId;
    request.tokenUrl = NsTest::sandboxTokenUrl;
    const auto assertion = buildAssertion(request, NsTest::keys().ec256, m_clock);
    SB_VERIFY_RESULT(assertion);
    FailureInput input;
    input.httpStatus = 401;
    input.body = R"({"error":"invalid_client"})";
    input.target = Target::netSuite(NsTest::account(QStringLiteral("1234567_SB1")));
    input.assertion = assertion->compact;
    const Diagnosis d = run(input);
    QVERIFY(d.assertionFindings.isEmpty());
    QVERIFY(d.checks.first().contains(QStringLiteral("passed every offline check")));
}

void TestDiagnosis::sandboxRefreshComesFirstWhenItWorkedBefore()
{
    // Facts §3: "A sandbox refresh clears them" (ns-help/section_162686838198.html).
    FailureInput input;
    input.httpStatus = 401;
    input.body = R"({"error":"invalid_client"})";
    input.previouslySucceeded = true;
    input.target = Target::netSuite(NsTest::account(QStringLiteral("1234567_SB2")));
    const Diagnosis sandbox = run(input);
    QCOMPARE(sandbox.id, QString(DiagnosisId::TokenMappingClearedByRefresh));
    QVERIFY(sandbox.causes.first().contains(QStringLiteral("refreshed")));

    input.target = Target::netSuite(NsTest::account(QStringLiteral("1234567")));
    const Diagnosis production = run(input);
    QCOMPARE(production.id, QString(DiagnosisId::TokenInvalidClient));
    QVERIFY(production.causes.first().contains(QStringLiteral("expired")));
}

void TestDiagnosis::realmOfAnotherAccountLeadsTheCauses()
{
    // Facts §4: realm is the account ID.
    FailureInput input;
    input.phase = FailurePhase::RestCall;
    input.httpStatus = 401;
    input.body = restUnauthorized;
    input.wwwAuthenticate = R"(Bearer realm="1234567", error="invalid_token")";
    input.target = Target::netSuite(NsTest::account(QStringLiteral("1234567_SB1")));
    const Diagnosis d = run(input);
    QVERIFY2(d.causes.first().contains(QStringLiteral("realm")), qPrintable(d.causes.first()));
    QVERIFY(d.causes.first().contains(QStringLiteral("1234567_SB1")));
}

void TestDiagnosis::freshTokenMakesExpiryUnlikely()
{
    FailureInput input;
    input.phase = FailurePhase::RestCall;
    input.httpStatus = 401;
    input.body = restUnauthorized;
    const Diagnosis stale = run(input);
    QVERIFY(stale.causes.first().contains(QStringLiteral("expired")));
    QVERIFY(stale.auditTrailDetails.contains(QStringLiteral("AccessTokenExpired")));
    input.tokenFreshlyMinted = true;
    const Diagnosis fresh = run(input);
    QVERIFY(!fresh.causes.first().contains(QStringLiteral("expired")));
    // With a known limit, "many in flight" means at the limit.
    input.requestsInFlight = 10;
    input.concurrencyLimit = 65;
    QCOMPARE(run(input).id, QString(DiagnosisId::RestInvalidLogin));
    input.requestsInFlight = 65;
    QCOMPARE(run(input).id, QString(DiagnosisId::RestInvalidLoginConcurrency));
}

void TestDiagnosis::clockSkewFromTheDateHeader()
{
    FailureInput input;
    input.httpStatus = 400;
    input.body = R"({"error":"invalid_grant"})";
    input.serverDate = QDateTime::fromSecsSinceEpoch(NsTest::now - 600, Qt::UTC);
    const Diagnosis d = run(input);
    QVERIFY2(d.causes.first().contains(QStringLiteral("10 min ahead")),
             qPrintable(d.causes.first()));
    input.serverDate = QDateTime::fromSecsSinceEpoch(NsTest::now - 5, Qt::UTC);
    QVERIFY(!run(input).causes.join(QLatin1Char(' ')).contains(QStringLiteral("Date header")));
}

void TestDiagnosis::hostNotFoundBlamesTheAccountIdFirst()
{
    FailureInput input;
    input.networkError = NetworkErrorKind::HostNotFound;
    input.networkErrorText
        = QStringLiteral("Host 1234567-sb9.suitetalk.api.netsuite.com not found");
    input.target = Target::netSuite(NsTest::account(QStringLiteral("1234567_SB9")));
    const Diagnosis d = run(input);
    QVERIFY(d.causes.first().contains(QStringLiteral("account ID")));
    QVERIFY(d.title.contains(QStringLiteral("1234567-sb9")));
    QVERIFY(std::any_of(d.whereToLook.cbegin(), d.whereToLook.cend(), [](const QString &s) {
        return s.contains(QStringLiteral("Company URLs"));
    }));
    // For a custom endpoint (the emulator) the account is not to blame.
    const auto emulator = CustomTokenEndpoint::parse(QStringLiteral("https://127.0.0.1:8443/t"));
    SB_VERIFY_RESULT(emulator);
    input.networkError = NetworkErrorKind::ConnectionRefused;
    input.target = Target::custom(*emulator);
    QVERIFY(run(input).causes.first().contains(QStringLiteral("https://127.0.0.1:8443")));
}

void TestDiagnosis::parsesServerErrors()
{
    const ServerError oauth = parseServerError(
        R"({"error":"invalid_client","error_description":"x"})", R"(Basic realm="123456")");
    QCOMPARE(oauth.oauthError, QStringLiteral("invalid_client"));
    QCOMPARE(oauth.oauthDescription, QStringLiteral("x"));
    QCOMPARE(oauth.realm, QStringLiteral("123456"));
    QCOMPARE(oauth.primaryCode(), QStringLiteral("invalid_client"));

    const ServerError rest = parseServerError(
        restUnauthorized,
        R"(Bearer realm="123456", error="invalid_token", error_description="Invalid login attempt.")");
    QCOMPARE(rest.restErrorCode, QStringLiteral("INVALID_LOGIN"));
    QVERIFY(rest.restDetail.startsWith(QStringLiteral("Invalid login attempt.")));
    QCOMPARE(rest.restTitle, QStringLiteral("Unauthorized"));
    QCOMPARE(rest.authScheme, QStringLiteral("Bearer"));
    QCOMPARE(rest.bearerError, QStringLiteral("invalid_token"));
    QCOMPARE(rest.bearerDescription, QStringLiteral("Invalid login attempt."));

    const ServerError restlet = parseServerError(restletLimit, {});
    QCOMPARE(restlet.restletCode, QStringLiteral("SSS_REQUEST_LIMIT_EXCEEDED"));
    QCOMPARE(restlet.restletMessage, QStringLiteral("Request limit exceeded"));

    // Quoted strings with escapes and commas; unquoted tokens.
    const ServerError tricky
        = parseServerError({}, R"(Bearer error=invalid_token, realm="a\"b,c")");
    QCOMPARE(tricky.bearerError, QStringLiteral("invalid_token"));
    QCOMPARE(tricky.realm, QStringLiteral("a\"b,c"));

    QVERIFY(parseServerError("not json", "").primaryCode().isEmpty());
    QVERIFY(parseServerError(R"({"error":5})", "garbage").primaryCode().isEmpty());
}

void TestDiagnosis::untrustedBodiesAreCappedAndEscaped()
{
    FailureInput input;
    input.phase = FailurePhase::RestCall;
    input.httpStatus = 418;
    // A huge body is not parsed at all; a deep one is refused by the parser; neither crashes.
    input.body = QByteArray(10 * 1024 * 1024, '[');
    QCOMPARE(run(input).id, QString(DiagnosisId::HttpUnexpected));
    input.body = QByteArray(100000, '[') + QByteArray(100000, ']');
    QCOMPARE(run(input).id, QString(DiagnosisId::HttpUnexpected));
    // Bidi and control characters from the server are shown escaped.
    input.httpStatus = 400;
    input.body
        = "{\"o:errorDetails\":[{\"detail\":\"a\u202Eb\\u0007\",\"o:errorCode\":\"X\u202EY\"}]}";
    const Diagnosis d = run(input);
    QVERIFY(!d.toText().contains(QChar(0x202E)));
    QVERIFY(!d.title.contains(QChar(0x202E)));
    QVERIFY(d.toText().contains(QStringLiteral("\\u202E")));
}

void TestDiagnosis::jsonAndTextCarryEverything()
{
    FailureInput input;
    input.phase = FailurePhase::RestCall;
    input.httpStatus = 403;
    input.body = restForbidden;
    const Diagnosis d = run(input);
    const QJsonObject json = d.toJson();
    QCOMPARE(json.value(QStringLiteral("id")).toString(),
             QString(DiagnosisId::RestInsufficientPermission));
    QCOMPARE(json.value(QStringLiteral("http_status")).toInt(), 403);
    QCOMPARE(json.value(QStringLiteral("causes")).toArray().size(), d.causes.size());
    QCOMPARE(json.value(QStringLiteral("server"))
                 .toObject()
                 .value(QStringLiteral("o:errorCode"))
                 .toString(),
             QStringLiteral("INSUFFICIENT_PERMISSION"));
    for (const char *key :
         {"title", "checks", "where_to_look", "audit_trail_details", "assertion_findings"}) {
        QVERIFY2(json.contains(QLatin1String(key)), key);
    }
    const QString text = d.toText();
    QVERIFY(text.contains(QStringLiteral("rest.insufficient_permission")));
    QVERIFY(text.contains(QStringLiteral("INSUFFICIENT_PERMISSION")));
    QVERIFY(text.contains(QStringLiteral("Manage Roles")));
}

void TestDiagnosis::everyIdIsCovered()
{
    QStringList missing;
    for (const QLatin1String id : DiagnosisId::all()) {
        if (!seenIds().contains(QString(id))) {
            missing << QString(id);
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    const QList<QLatin1String> ids = DiagnosisId::all();
    QCOMPARE(QSet<QLatin1String>(ids.cbegin(), ids.cend()).size(), ids.size());
}

QTEST_GUILESS_MAIN(TestDiagnosis)
#include "TestDiagnosis.moc"
