// SPDX-License-Identifier: MIT
#include "jwt/Jwt.h"
#include "netsuite/AssertionBuilder.h"
#include "netsuite/DisplayText.h"
#include "netsuite/FindingCodes.h"
#include "netsuite/Inspector.h"
#include "support/ResultTesting.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include "NetSuiteTestSupport.h"

using namespace Sb;
using namespace Sb::NetSuite;
using Crypto::JwsAlgorithm;

Q_DECLARE_METATYPE(Sb::NetSuite::Severity)

namespace {

QJsonObject baseHeader()
{
    return {{QStringLiteral("alg"), QStringLiteral("PS256")},
            {QStringLiteral("typ"), QStringLiteral("JWT")},
            {QStringLiteral("kid"), NsTest::certificateId}};
}

QJsonObject basePayload()
{
    return {{QStringLiteral("iss"), NsTest::clientId},
            {QStringLiteral("scope"), QJsonArray{QStringLiteral("rest_webservices")}},
            {QStringLiteral("aud"), NsTest::sandboxTokenUrl},
            {QStringLiteral("iat"), NsTest::now - 10},
            {QStringLiteral("exp"), NsTest::now + 290}};
}

InspectionContext sandboxContext()
{
    InspectionContext context;
    context.account = NsTest::account(QStringLiteral("1234567_SB1"));
    context.clientId = NsTest::clientId;
    context.certificateId = NsTest::certificateId;
    return context;
}

QSet<QString> &seenCodes()
{
    static QSet<QString> codes;
    return codes;
}

} // namespace

class TestInspector final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void goodAssertionHasNoErrors();
    void findings_data();
    void findings();
    void connectHostIsOnlyAWarning();
    void commaSeparatedScopeStringIsAccepted();
    void audArrayHoldingTheTokenUrlIsOnlyAWarning();
    void audIsCheckedForShapeWithoutAnExpectedAccount();
    void customTokenUrlIsComparedExactly();
    void issShapeHintsWithoutAClientId_data();
    void issShapeHintsWithoutAClientId();
    void issMismatchHintSaysApplicationId();
    void clockSkewSaysHowFarTheClocksDiffer();
    void decodingProblemsAreFindings_data();
    void decodingProblemsAreFindings();
    void duplicateMembersShowBothValues();
    void nonCanonicalBase64UrlIsAFinding();
    void controlAndBidiCharactersAreShownEscaped();
    void bearerPrefixIsTrimmedAndReported();
    void signature_data();
    void signature();
    void keyRules_data();
    void keyRules();
    void certificateDates();
    void certificateValidOverTwoYearsGivesTheCutDate();
    void unsupportedCurveIsAKeyFinding();
    void recognisesNetSuiteAccessTokens();
    void expiredAccessTokenForAnotherAccount();
    void rfc7523ProfileRules_data();
    void rfc7523ProfileRules();
    void messagesNeverContainTheToken();
    void jsonHasExactlyTheCliShape();
    void textReportShowsTimesAndFindings();
    void hostileInputNeverCrashes();
    void codeTableIsWellFormed();
    void cleanupTestCase();

private:
    Inspection run(const QByteArray &token, const InspectionContext &context);

    Core::FakeClock m_clock{QDateTime::fromSecsSinceEpoch(NsTest::now, Qt::UTC)};
};

Inspection TestInspector::run(const QByteArray &token, const InspectionContext &context)
{
    const Inspection inspection = inspect(token, context, m_clock);
    for (const Finding &f : inspection.findings) {
        // Every emitted code is in the one table (FindingCodes.h), and every finding is complete.
        if (!FindingCode::isKnownFindingCode(f.code)) {
            qWarning("unknown finding code %s", qPrintable(f.code));
        }
        seenCodes().insert(f.code);
        if (f.path.isEmpty() || f.message.isEmpty()) {
            qWarning("incomplete finding %s", qPrintable(f.code));
        }
    }
    return inspection;
}

void TestInspector::initTestCase()
{
    (void)NsTest::keys();
}

void TestInspector::goodAssertionHasNoErrors()
{
    const Inspection inspection
        = run(NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(basePayload())),
              sandboxContext());
    QVERIFY2(!inspection.hasErrors(), qPrintable(inspection.toText()));
    QCOMPARE(inspection.header.value(QStringLiteral("kid")).toString(), NsTest::certificateId);
    QCOMPARE(inspection.payload.value(QStringLiteral("aud")).toString(), NsTest::sandboxTokenUrl);
    QCOMPARE(inspection.signatureStatus, SignatureStatus::Unchecked);
    QVERIFY(inspection.find(FindingCode::SignatureUnchecked));
    QVERIFY(!inspection.isNetSuiteAccessToken);
}

void TestInspector::findings_data()
{
    QTest::addColumn<QByteArray>("headerPatch");
    QTest::addColumn<QByteArray>("payloadPatch");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("path");
    QTest::addColumn<Severity>("severity");

    const auto E = Severity::Error;
    const auto W = Severity::Warning;
    const auto I = Severity::Info;
    const QByteArray tokenPath("/services/rest/auth/oauth2/v1/token");
    auto aud = [&](const char *origin,
                   const QByteArray &path = QByteArray("/services/rest/auth/oauth2/v1/token")) {
        return QByteArray(QByteArray("{\"aud\":\"") + origin + path + "\"}");
    };
    // now = 1800000000 (NsTest::now); the base token has iat = now-10, exp = now+290.
    // clang-format off
    // --- aud (facts §2: the exact token URL; §7 trap #2; seed guide Step 4; §10 item 5) ---
    QTest::newRow("aud missing")          << QByteArray() << QByteArray("{\"aud\":null}") << QStringLiteral("aud.missing") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud canonical id in host") << QByteArray() << aud("https://1234567_SB1.suitetalk.api.netsuite.com") << QStringLiteral("aud.account_label_form") << QStringLiteral("payload.aud") << E;
    // Airbyte replaces '_' by '-' but does not lowercase (facts §1).
    QTest::newRow("aud upper-case label") << QByteArray() << aud("https://1234567-SB1.suitetalk.api.netsuite.com") << QStringLiteral("aud.account_label_form") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud sandbox suffix missing") << QByteArray() << aud("https://1234567.suitetalk.api.netsuite.com") << QStringLiteral("aud.sandbox_suffix_missing") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud other sandbox")    << QByteArray() << aud("https://1234567-sb2.suitetalk.api.netsuite.com") << QStringLiteral("aud.sandbox_suffix_wrong") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud release preview")  << QByteArray() << aud("https://1234567-rp.suitetalk.api.netsuite.com") << QStringLiteral("aud.sandbox_suffix_wrong") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud other account")    << QByteArray() << aud("https://7654321-sb1.suitetalk.api.netsuite.com") << QStringLiteral("aud.other_account") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud app host")         << QByteArray() << aud("https://1234567-sb1.app.netsuite.com") << QStringLiteral("aud.wrong_service_host") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud restlets host")    << QByteArray() << aud("https://1234567-sb1.restlets.api.netsuite.com") << QStringLiteral("aud.wrong_service_host") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud connect host")     << QByteArray() << aud("https://1234567-sb1.connect.api.netsuite.com") << QStringLiteral("aud.connect_host") << QStringLiteral("payload.aud") << W;
    QTest::newRow("aud trailing slash")   << QByteArray() << aud("https://1234567-sb1.suitetalk.api.netsuite.com", QByteArray(tokenPath + '/')) << QStringLiteral("aud.trailing_slash") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud http")             << QByteArray() << aud("http://1234567-sb1.suitetalk.api.netsuite.com") << QStringLiteral("aud.http_scheme") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud record path")      << QByteArray() << aud("https://1234567-sb1.suitetalk.api.netsuite.com", "/services/rest/record/v1") << QStringLiteral("aud.wrong_path") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud host only")        << QByteArray() << aud("https://1234567-sb1.suitetalk.api.netsuite.com", "") << QStringLiteral("aud.wrong_path") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud query")            << QByteArray() << aud("https://1234567-sb1.suitetalk.api.netsuite.com", QByteArray(tokenPath + "?x=1")) << QStringLiteral("aud.wrong_path") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud not netsuite")     << QByteArray() << aud("https://attacker.example") << QStringLiteral("aud.not_netsuite_host") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud system host")      << QByteArray() << aud("https://system.netsuite.com") << QStringLiteral("aud.mismatch") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud explicit port")    << QByteArray() << aud("https://1234567-sb1.suitetalk.api.netsuite.com:443") << QStringLiteral("aud.mismatch") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud not a url")        << QByteArray() << QByteArray("{\"aud\":\"1234567_SB1\"}") << QStringLiteral("aud.mismatch") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud number")           << QByteArray() << QByteArray("{\"aud\":5}") << QStringLiteral("claim.wrong_type") << QStringLiteral("payload.aud") << E;
    QTest::newRow("aud array of numbers") << QByteArray() << QByteArray("{\"aud\":[1]}") << QStringLiteral("claim.wrong_type") << QStringLiteral("payload.aud") << E;
    // --- alg (facts §2; reliability doc J10; RFC 8725 §3.1) ---
    QTest::newRow("alg RS256")            << QByteArray("{\"alg\":\"RS256\"}") << QByteArray() << QStringLiteral("alg.rs256") << QStringLiteral("header.alg") << E;
    QTest::newRow("alg RS384")            << QByteArray("{\"alg\":\"RS384\"}") << QByteArray() << QStringLiteral("alg.not_allowed") << QStringLiteral("header.alg") << E;
    QTest::newRow("alg none")             << QByteArray("{\"alg\":\"none\"}") << QByteArray() << QStringLiteral("alg.none") << QStringLiteral("header.alg") << E;
    QTest::newRow("alg NONE")             << QByteArray("{\"alg\":\"NONE\"}") << QByteArray() << QStringLiteral("alg.none") << QStringLiteral("header.alg") << E;
    QTest::newRow("alg HS256")            << QByteArray("{\"alg\":\"HS256\"}") << QByteArray() << QStringLiteral("alg.hmac") << QStringLiteral("header.alg") << E;
    QTest::newRow("alg lower case")       << QByteArray("{\"alg\":\"ps256\"}") << QByteArray() << QStringLiteral("alg.unknown") << QStringLiteral("header.alg") << E;
    QTest::newRow("alg unknown")          << QByteArray("{\"alg\":\"EdDSA\"}") << QByteArray() << QStringLiteral("alg.unknown") << QStringLiteral("header.alg") << E;
    QTest::newRow("alg missing")          << QByteArray("{\"alg\":null}") << QByteArray() << QStringLiteral("alg.missing") << QStringLiteral("header.alg") << E;
    QTest::newRow("alg number")           << QByteArray("{\"alg\":256}") << QByteArray() << QStringLiteral("claim.wrong_type") << QStringLiteral("header.alg") << E;
    // --- typ (facts §2: "typ is always JWT") ---
    QTest::newRow("typ missing")          << QByteArray("{\"typ\":null}") << QByteArray() << QStringLiteral("typ.missing") << QStringLiteral("header.typ") << E;
    QTest::newRow("typ JOSE")             << QByteArray("{\"typ\":\"JOSE\"}") << QByteArray() << QStringLiteral("typ.not_jwt") << QStringLiteral("header.typ") << E;
    QTest::newRow("typ lower case")       << QByteArray("{\"typ\":\"jwt\"}") << QByteArray() << QStringLiteral("typ.not_jwt") << QStringLiteral("header.typ") << W;
    // --- kid (facts §2: kid = Certificate ID) ---
    QTest::newRow("kid missing")          << QByteArray("{\"kid\":null}") << QByteArray() << QStringLiteral("kid.missing") << QStringLiteral("header.kid") << E;
    QTest::newRow("kid other")            << QByteArray("{\"kid\":\"another-certificate\"}") << QByteArray() << QStringLiteral("kid.mismatch") << QStringLiteral("header.kid") << E;
    QTest::newRow("kid number")           << QByteArray("{\"kid\":1}") << QByteArray() << QStringLiteral("claim.wrong_type") << QStringLiteral("header.kid") << E;
    // Reliability doc J13 and RFC 8725 §3.10: named keys are never fetched.
    QTest::newRow("jku")                  << QByteArray("{\"jku\":\"https://attacker.example/keys\"}") << QByteArray() << QStringLiteral("header.key_reference") << QStringLiteral("header.jku") << W;
    QTest::newRow("crit")                 << QByteArray("{\"crit\":[\"exp\"]}") << QByteArray() << QStringLiteral("header.crit") << QStringLiteral("header.crit") << W;
    // --- iss (facts §2: iss = Client ID) ---
    QTest::newRow("iss missing")          << QByteArray() << QByteArray("{\"iss\":null}") << QStringLiteral("iss.missing") << QStringLiteral("payload.iss") << E;
    QTest::newRow("iss other")            << QByteArray() << QByteArray("{\"iss\":\"someone-else\"}") << QStringLiteral("iss.mismatch") << QStringLiteral("payload.iss") << E;
    QTest::newRow("iss array")            << QByteArray() << QByteArray("{\"iss\":[\"x\"]}") << QStringLiteral("claim.wrong_type") << QStringLiteral("payload.iss") << E;
    // --- scope (facts §2) ---
    QTest::newRow("scope missing")        << QByteArray() << QByteArray("{\"scope\":null}") << QStringLiteral("scope.missing") << QStringLiteral("payload.scope") << E;
    QTest::newRow("scope empty array")    << QByteArray() << QByteArray("{\"scope\":[]}") << QStringLiteral("scope.empty") << QStringLiteral("payload.scope") << E;
    QTest::newRow("scope empty string")   << QByteArray() << QByteArray("{\"scope\":\"\"}") << QStringLiteral("scope.empty") << QStringLiteral("payload.scope") << E;
    QTest::newRow("scope space separated") << QByteArray() << QByteArray("{\"scope\":\"rest_webservices restlets\"}") << QStringLiteral("scope.space_separated") << QStringLiteral("payload.scope") << E;
    // Oracle's Connect Python sample uses 'SuiteAnalytics' (facts §8, §10 item 5).
    QTest::newRow("scope SuiteAnalytics") << QByteArray() << QByteArray("{\"scope\":[\"SuiteAnalytics\"]}") << QStringLiteral("scope.unknown_value") << QStringLiteral("payload.scope") << E;
    QTest::newRow("scope upper case")     << QByteArray() << QByteArray("{\"scope\":[\"REST_WEBSERVICES\"]}") << QStringLiteral("scope.unknown_value") << QStringLiteral("payload.scope") << E;
    QTest::newRow("scope mcp combined")   << QByteArray() << QByteArray("{\"scope\":[\"mcp\",\"rest_webservices\"]}") << QStringLiteral("scope.mcp_combined") << QStringLiteral("payload.scope") << E;
    QTest::newRow("scope mcp alone")      << QByteArray() << QByteArray("{\"scope\":[\"mcp\"]}") << QStringLiteral("scope.mcp") << QStringLiteral("payload.scope") << W;
    QTest::newRow("scope number")         << QByteArray() << QByteArray("{\"scope\":5}") << QStringLiteral("claim.wrong_type") << QStringLiteral("payload.scope") << E;
    QTest::newRow("scope array of num")   << QByteArray() << QByteArray("{\"scope\":[5]}") << QStringLiteral("claim.wrong_type") << QStringLiteral("payload.scope") << E;
    // --- time (facts §2: exp - iat under 60 min; reliability doc J9, J16) ---
    QTest::newRow("exp missing")          << QByteArray() << QByteArray("{\"exp\":null}") << QStringLiteral("exp.missing") << QStringLiteral("payload.exp") << E;
    QTest::newRow("exp string")           << QByteArray() << QByteArray("{\"exp\":\"1800000290\"}") << QStringLiteral("exp.not_number") << QStringLiteral("payload.exp") << E;
    QTest::newRow("exp expired")          << QByteArray() << QByteArray("{\"iat\":1799999000,\"exp\":1799999300}") << QStringLiteral("exp.expired") << QStringLiteral("payload.exp") << E;
    QTest::newRow("exp equals now")       << QByteArray() << QByteArray("{\"iat\":1799999700,\"exp\":1800000000}") << QStringLiteral("exp.expired") << QStringLiteral("payload.exp") << E;
    QTest::newRow("exp far future")       << QByteArray() << QByteArray("{\"iat\":null,\"exp\":1800100000}") << QStringLiteral("exp.far_future") << QStringLiteral("payload.exp") << E;
    QTest::newRow("exp year 5138, no iat") << QByteArray() << QByteArray("{\"iat\":null,\"exp\":99999999999}") << QStringLiteral("exp.far_future") << QStringLiteral("payload.exp") << E;
    QTest::newRow("exp past year 9999")   << QByteArray() << QByteArray("{\"exp\":999999999999}") << QStringLiteral("exp.far_future") << QStringLiteral("payload.exp") << E;
    QTest::newRow("iat missing")          << QByteArray() << QByteArray("{\"iat\":null}") << QStringLiteral("iat.missing") << QStringLiteral("payload.iat") << E;
    QTest::newRow("iat bool")             << QByteArray() << QByteArray("{\"iat\":true}") << QStringLiteral("iat.not_number") << QStringLiteral("payload.iat") << E;
    QTest::newRow("iat in future")        << QByteArray() << QByteArray("{\"iat\":1800007200,\"exp\":1800007500}") << QStringLiteral("iat.in_future") << QStringLiteral("payload.iat") << E;
    QTest::newRow("lifetime 3601")        << QByteArray() << QByteArray("{\"iat\":1799999990,\"exp\":1800003591}") << QStringLiteral("lifetime.too_long") << QStringLiteral("payload.exp") << E;
    QTest::newRow("lifetime one day")     << QByteArray() << QByteArray("{\"iat\":1799999990,\"exp\":1800086390}") << QStringLiteral("lifetime.too_long") << QStringLiteral("payload.exp") << E;
    QTest::newRow("lifetime 3600")        << QByteArray() << QByteArray("{\"iat\":1799999990,\"exp\":1800003590}") << QStringLiteral("lifetime.at_limit") << QStringLiteral("payload.exp") << I;
    QTest::newRow("exp before iat")       << QByteArray() << QByteArray("{\"iat\":1800000100,\"exp\":1800000050}") << QStringLiteral("lifetime.not_positive") << QStringLiteral("payload.exp") << E;
    QTest::newRow("nbf string")           << QByteArray() << QByteArray("{\"nbf\":\"soon\"}") << QStringLiteral("nbf.not_number") << QStringLiteral("payload.nbf") << E;
    QTest::newRow("nbf in future")        << QByteArray() << QByteArray("{\"nbf\":1800003600}") << QStringLiteral("nbf.in_future") << QStringLiteral("payload.nbf") << E;
    // --- decoded text (reliability doc J6) ---
    QTest::newRow("bidi in a claim")      << QByteArray() << QByteArray("{\"note\":\"abc\\u202Egnp.exe\"}") << QStringLiteral("json.suspicious_characters") << QStringLiteral("payload.note") << W;
    QTest::newRow("control in header")    << QByteArray("{\"kid\":\"a\\u0007b\"}") << QByteArray() << QStringLiteral("json.suspicious_characters") << QStringLiteral("header.kid") << W;
    QTest::newRow("nul escape")           << QByteArray() << QByteArray("{\"note\":\"a\\u0000b\"}") << QStringLiteral("json.nul_or_surrogate") << QStringLiteral("payload") << W;
    // clang-format on
}

void TestInspector::findings()
{
    QFETCH(QByteArray, headerPatch);
    QFETCH(QByteArray, payloadPatch);
    QFETCH(QString, code);
    QFETCH(QString, path);
    QFETCH(Severity, severity);

    const QByteArray token
        = NsTest::rawToken(NsTest::json(NsTest::patched(baseHeader(), headerPatch)),
                           NsTest::json(NsTest::patched(basePayload(), payloadPatch)));
    const Inspection inspection = run(token, sandboxContext());
    const Finding *finding = inspection.find(code);
    QVERIFY2(finding,
             qPrintable(QStringLiteral("expected %1, got:\n").arg(code) + inspection.toText()));
    QCOMPARE(finding->path, path);
    QCOMPARE(finding->severity, severity);
    QVERIFY(!finding->message.isEmpty());
    QVERIFY2(!finding->hint.isEmpty() || finding->code == QStringLiteral("claim.wrong_type"),
             qPrintable(finding->code));
    QCOMPARE(inspection.hasErrors(),
             std::any_of(inspection.findings.cbegin(), inspection.findings.cend(),
                         [](const Finding &f) { return f.severity == Severity::Error; }));
    // Errors come first.
    bool seenNonError = false;
    for (const Finding &f : inspection.findings) {
        if (f.severity != Severity::Error) {
            seenNonError = true;
        } else {
            QVERIFY2(!seenNonError, "errors must come first");
        }
    }
}

void TestInspector::connectHostIsOnlyAWarning()
{
    // Issue #3 / facts §10 item 5: Oracle's own sample uses the connect host; undocumented.
    const QJsonObject payload = NsTest::patched(
        basePayload(), "{\"aud\":\"https://1234567-sb1.connect.api.netsuite.com/services/rest/auth/"
                       "oauth2/v1/token\"}");
    const Inspection inspection = run(
        NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(payload)), sandboxContext());
    QVERIFY2(!inspection.hasErrors(), qPrintable(inspection.toText()));
    QVERIFY(inspection.find(FindingCode::AudConnectHost));
}

void TestInspector::commaSeparatedScopeStringIsAccepted()
{
    // Oracle's prose: "separated by a comma" (facts §2).
    const QJsonObject payload
        = NsTest::patched(basePayload(), "{\"scope\":\"rest_webservices,restlets\"}");
    const Inspection inspection = run(
        NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(payload)), sandboxContext());
    QVERIFY2(!inspection.hasErrors(), qPrintable(inspection.toText()));
}

void TestInspector::audArrayHoldingTheTokenUrlIsOnlyAWarning()
{
    QJsonObject payload = basePayload();
    payload.insert(QStringLiteral("aud"), QJsonArray{NsTest::sandboxTokenUrl});
    const Inspection inspection = run(
        NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(payload)), sandboxContext());
    QVERIFY2(!inspection.hasErrors(), qPrintable(inspection.toText()));
    QVERIFY(inspection.find(FindingCode::AudArray));
}

void TestInspector::audIsCheckedForShapeWithoutAnExpectedAccount()
{
    InspectionContext context; // no account, no token URL
    const QJsonObject bad = NsTest::patched(
        basePayload(),
        "{\"aud\":\"https://1234567_SB1.suitetalk.api.netsuite.com/services/rest/auth/"
        "oauth2/v1/token\"}");
    const Inspection shapeOnly
        = run(NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(bad)), context);
    QVERIFY(shapeOnly.find(FindingCode::AudAccountLabelForm));
    QVERIFY(shapeOnly.find(FindingCode::AudUnchecked));
    QVERIFY(!shapeOnly.find(FindingCode::AudSandboxSuffixMissing));

    const Inspection good
        = run(NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(basePayload())), context);
    QVERIFY2(!good.hasErrors(), qPrintable(good.toText()));
    QVERIFY(good.find(FindingCode::AudUnchecked));
    QCOMPARE(good.find(FindingCode::AudUnchecked)->severity, Severity::Info);
}

void TestInspector::customTokenUrlIsComparedExactly()
{
    InspectionContext context = sandboxContext();
    context.account.reset();
    context.tokenUrl = QStringLiteral("https://127.0.0.1:8443/services/rest/auth/oauth2/v1/token");
    QJsonObject payload = basePayload();
    payload.insert(QStringLiteral("aud"), context.tokenUrl);
    const Inspection same
        = run(NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(payload)), context);
    QVERIFY2(!same.hasErrors(), qPrintable(same.toText()));

    payload.insert(QStringLiteral("aud"),
                   QStringLiteral("https://127.0.0.1:9443/services/rest/auth/oauth2/v1/token"));
    const Inspection otherPort
        = run(NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(payload)), context);
    QVERIFY(otherPort.find(FindingCode::AudMismatch));

    payload.insert(QStringLiteral("aud"), QString(context.tokenUrl + QLatin1Char('/')));
    const Inspection slash
        = run(NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(payload)), context);
    QVERIFY(slash.find(FindingCode::AudTrailingSlash));
    QVERIFY(!slash.find(FindingCode::AudMismatch));
}

void TestInspector::issShapeHintsWithoutAClientId_data()
{
    QTest::addColumn<QString>("iss");
    QTest::addColumn<QString>("code");
    // clang-format off
    // Facts §2: iss is the Client ID "not the Application ID"; the App-ID mix-up is a reported pitfall.
    QTest::newRow("uuid")        << QStringLiteral("5E2A6A2C-2B0B-4B7C-9E7F-0A1B2C3D4E5F") << QStringLiteral("iss.looks_like_application_id");
    QTest::newRow("account")     << QStringLiteral("1234567_SB1")  << QStringLiteral("iss.looks_like_account_id");
    QTest::newRow("test drive")  << QStringLiteral("TSTDRV1234567") << QStringLiteral("iss.looks_like_account_id");
    QTest::newRow("client id")   << NsTest::clientId               << QString();
    QTest::newRow("other text")  << QStringLiteral("my-integration") << QString();
    // clang-format on
}

void TestInspector::issShapeHintsWithoutAClientId()
{
    QFETCH(QString, iss);
    QFETCH(QString, code);
    InspectionContext context = sandboxContext();
    context.clientId.clear();
    QJsonObject payload = basePayload();
    payload.insert(QStringLiteral("iss"), iss);
    const Inspection inspection
        = run(NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(payload)), context);
    const bool any = inspection.find(FindingCode::IssLooksLikeApplicationId)
                     || inspection.find(FindingCode::IssLooksLikeAccountId);
    if (code.isEmpty()) {
        QVERIFY(!any); // shape says nothing: no hint
    } else {
        QVERIFY(inspection.find(code));
        QCOMPARE(inspection.find(code)->severity, Severity::Warning);
    }
    QVERIFY(!inspection.find(FindingCode::IssMismatch));
}

void TestInspector::issMismatchHintSaysApplicationId()
{
    QJsonObject payload = basePayload();
    payload.insert(QStringLiteral("iss"), QStringLiteral("5e2a6a2c-2b0b-4b7c-9e7f-0a1b2c3d4e5f"));
    const Inspection inspection = run(
        NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(payload)), sandboxContext());
    const Finding *f = inspection.find(FindingCode::IssMismatch);
    QVERIFY(f);
    QVERIFY(f->hint.contains(QStringLiteral("Application ID")));
}

void TestInspector::clockSkewSaysHowFarTheClocksDiffer()
{
    const QJsonObject payload
        = NsTest::patched(basePayload(), "{\"iat\":1800007200,\"exp\":1800007500}");
    const Inspection inspection = run(
        NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(payload)), sandboxContext());
    const Finding *f = inspection.find(FindingCode::IatInFuture);
    QVERIFY(f);
    QVERIFY2(f->message.contains(QStringLiteral("2 h")), qPrintable(f->message));
    // Within the allowance (60 s) it is not a finding.
    const QJsonObject close
        = NsTest::patched(basePayload(), "{\"iat\":1800000030,\"exp\":1800000330}");
    QVERIFY(
        !run(NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(close)), sandboxContext())
             .find(FindingCode::IatInFuture));
    // The expired message says how long ago.
    const QJsonObject old
        = NsTest::patched(basePayload(), "{\"iat\":1799999000,\"exp\":1799999760}");
    const Inspection expired
        = run(NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(old)), sandboxContext());
    QVERIFY(expired.find(FindingCode::ExpExpired)->message.contains(QStringLiteral("4 min ago")));
}

void TestInspector::decodingProblemsAreFindings_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("payloadShown");

    const QByteArray h = NsTest::b64(NsTest::json(baseHeader()));
    const QByteArray p = NsTest::b64(NsTest::json(basePayload()));
    const QByteArray s = NsTest::b64("sig");
    // clang-format off
    // Reliability doc §2.1 J1–J7.
    QTest::newRow("empty")            << QByteArray(QByteArray()) << QStringLiteral("token.empty")     << QStringLiteral("token") << false;
    QTest::newRow("two parts")        << QByteArray(h + '.' + p) << QStringLiteral("token.malformed") << QStringLiteral("token") << false;
    QTest::newRow("four parts")       << QByteArray(h + '.' + p + '.' + s + '.' + s) << QStringLiteral("token.malformed") << QStringLiteral("token") << false;
    QTest::newRow("million dots")     << QByteArray(QByteArray(100000, '.')) << QStringLiteral("token.malformed") << QStringLiteral("token") << false;
    QTest::newRow("jwe")              << QByteArray(h + ".a.b.c.d") << QStringLiteral("token.encrypted") << QStringLiteral("token") << false;
    QTest::newRow("inner newline")    << QByteArray(h + ".\n" + p + '.' + s) << QStringLiteral("token.whitespace") << QStringLiteral("token") << false;
    QTest::newRow("too large")        << QByteArray(QByteArray(300 * 1024, 'a')) << QStringLiteral("token.too_large") << QStringLiteral("token") << false;
    QTest::newRow("padding")          << QByteArray(h + '.' + p + "==." + s) << QStringLiteral("encoding.base64url_invalid") << QStringLiteral("payload") << true;
    QTest::newRow("bad character")    << QByteArray(h + '.' + p + "*." + s) << QStringLiteral("encoding.base64url_invalid") << QStringLiteral("payload") << false;
    QTest::newRow("bad length")       << QByteArray(h + ".eyJhI." + s) << QStringLiteral("encoding.base64url_invalid") << QStringLiteral("payload") << false;
    QTest::newRow("standard base64")  << QByteArray(NsTest::b64("{\"alg\":\"PS256\"}") + '.' + QByteArray("eyJpc3MiOiI/Pz8ifQ") + '.' + s) << QStringLiteral("encoding.base64url_invalid") << QStringLiteral("payload") << true;
    QTest::newRow("bom in payload")   << QByteArray(h + '.' + NsTest::b64("\xEF\xBB\xBF{\"iss\":\"x\"}") + '.' + s) << QStringLiteral("encoding.bom") << QStringLiteral("payload") << true;
    QTest::newRow("payload not json") << QByteArray(h + '.' + NsTest::b64("hello") + '.' + s) << QStringLiteral("json.not_object") << QStringLiteral("payload") << false;
    QTest::newRow("payload array")    << QByteArray(h + '.' + NsTest::b64("[1,2]") + '.' + s) << QStringLiteral("json.not_object") << QStringLiteral("payload") << false;
    QTest::newRow("header not json")  << QByteArray(NsTest::b64("nope") + '.' + p + '.' + s) << QStringLiteral("json.not_object") << QStringLiteral("header") << true;
    QTest::newRow("invalid utf-8")    << QByteArray(h + '.' + NsTest::b64("{\"iss\":\"\xC0\xAF\"}") + '.' + s) << QStringLiteral("json.not_object") << QStringLiteral("payload") << false;
    QTest::newRow("signature padded") << QByteArray(h + '.' + p + '.' + s + "==") << QStringLiteral("encoding.base64url_invalid") << QStringLiteral("signature") << true;
    // clang-format on
}

void TestInspector::decodingProblemsAreFindings()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, code);
    QFETCH(QString, path);
    QFETCH(bool, payloadShown);
    const Inspection inspection = run(token, sandboxContext());
    const Finding *f = inspection.find(code);
    QVERIFY2(f, qPrintable(QStringLiteral("expected %1, got:\n").arg(code) + inspection.toText()));
    QCOMPARE(f->path, path);
    QCOMPARE(f->severity, Severity::Error);
    QVERIFY(inspection.hasErrors());
    QCOMPARE(inspection.payloadDecoded, payloadShown);
    QCOMPARE(!inspection.payload.isEmpty(), payloadShown);
}

void TestInspector::duplicateMembersShowBothValues()
{
    // Reliability doc J7: Qt keeps the last, other parsers the first; show both.
    const QByteArray header("{\"alg\":\"PS256\",\"typ\":\"JWT\",\"kid\":\"K\",\"alg\":\"none\"}");
    const Inspection inspection
        = run(NsTest::rawToken(header, NsTest::json(basePayload())), sandboxContext());
    const Finding *f = inspection.find(FindingCode::JsonDuplicateMember);
    QVERIFY2(f, qPrintable(inspection.toText()));
    QCOMPARE(f->path, QStringLiteral("header.alg"));
    QVERIFY(f->message.contains(QStringLiteral("\"PS256\"")));
    QVERIFY(f->message.contains(QStringLiteral("\"none\"")));
    // The header is still shown, with the value the last-wins parse kept.
    QVERIFY(inspection.headerDecoded);
}

void TestInspector::nonCanonicalBase64UrlIsAFinding()
{
    // "YR" decodes like "YQ" ("a"): the unused low bits of the last character are set (J4).
    static const QByteArray alphabet(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    QJsonObject payload = basePayload();
    QByteArray segment;
    for (int pad = 0; pad < 4; ++pad) {
        payload.insert(QStringLiteral("x"), QString(pad, QLatin1Char('p')));
        segment = NsTest::b64(NsTest::json(payload));
        if (segment.size() % 4 != 0) {
            break;
        }
    }
    QVERIFY(segment.size() % 4 != 0);
    const qsizetype index = alphabet.indexOf(segment.back());
    QVERIFY((index & 1) == 0);
    segment.back() = alphabet.at(index | 1);
    const QByteArray token
        = NsTest::b64(NsTest::json(baseHeader())) + '.' + segment + '.' + NsTest::b64("sig");
    const Inspection inspection = run(token, sandboxContext());
    const Finding *f = inspection.find(FindingCode::EncodingBase64UrlNonCanonical);
    QVERIFY2(f, qPrintable(inspection.toText()));
    QCOMPARE(f->path, QStringLiteral("payload"));
    QVERIFY(inspection.payloadDecoded); // still shown
    QCOMPARE(inspection.payload.value(QStringLiteral("iss")).toString(), NsTest::clientId);
}

void TestInspector::controlAndBidiCharactersAreShownEscaped()
{
    QJsonObject payload = basePayload();
    payload.insert(QStringLiteral("iss"), QStringLiteral("evil\u202Ecod.exe"));
    const Inspection inspection = run(
        NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(payload)), sandboxContext());
    const Finding *chars = inspection.find(FindingCode::JsonSuspiciousCharacters);
    QVERIFY(chars);
    QVERIFY(chars->message.contains(QStringLiteral("\\u202E")));
    for (const Finding &f : inspection.findings) {
        QVERIFY2(!f.message.contains(QChar(0x202E)), qPrintable(f.code));
        QVERIFY2(!f.hint.contains(QChar(0x202E)), qPrintable(f.code));
    }
    QVERIFY(!inspection.toText().contains(QChar(0x202E)));
    QVERIFY(inspection.toText().contains(QStringLiteral("\\u202E")));
}

void TestInspector::bearerPrefixIsTrimmedAndReported()
{
    const QByteArray token
        = NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(basePayload()));
    const Inspection inspection = run("  Bearer " + token + "\n", sandboxContext());
    QVERIFY(inspection.find(FindingCode::TokenCleaned));
    QVERIFY2(!inspection.hasErrors(), qPrintable(inspection.toText()));
    const Inspection quoted = run('"' + token + '"', sandboxContext());
    QVERIFY(quoted.find(FindingCode::TokenCleaned));
    QVERIFY(!quoted.hasErrors());
}

void TestInspector::signature_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("code");
    // clang-format off
    QTest::newRow("verified")          << QStringLiteral("good")          << QStringLiteral("verified")  << QStringLiteral("signature.verified");
    QTest::newRow("other key")         << QStringLiteral("otherKey")      << QStringLiteral("invalid")   << QStringLiteral("signature.invalid");
    QTest::newRow("tampered payload")  << QStringLiteral("tampered")      << QStringLiteral("invalid")   << QStringLiteral("signature.invalid");
    QTest::newRow("no key")            << QStringLiteral("noKey")         << QStringLiteral("unchecked") << QStringLiteral("signature.unchecked");
    // RFC 8725 §3.1: none and HS* never verify, whatever the key.
    QTest::newRow("alg none")          << QStringLiteral("none")          << QStringLiteral("invalid")   << QStringLiteral("signature.invalid");
    QTest::newRow("alg none no key")   << QStringLiteral("noneNoKey")     << QStringLiteral("invalid")   << QStringLiteral("signature.invalid");
    QTest::newRow("hs256")             << QStringLiteral("hs256")         << QStringLiteral("invalid")   << QStringLiteral("signature.invalid");
    QTest::newRow("public key only")   << QStringLiteral("publicKey")     << QStringLiteral("verified")  << QStringLiteral("signature.verified");
    QTest::newRow("non-canonical")     << QStringLiteral("nonCanonical")  << QStringLiteral("unchecked") << QStringLiteral("signature.unchecked");
    // clang-format on
}

void TestInspector::signature()
{
    QFETCH(QString, scenario);
    QFETCH(QString, status);
    QFETCH(QString, code);

    const NsTest::KeySet &k = NsTest::keys();
    InspectionContext context = sandboxContext();
    context.certificate = NsTest::certificate(k.ec256, 365, m_clock.now().addDays(-1));
    QJsonObject header = baseHeader();
    header.insert(QStringLiteral("alg"), QStringLiteral("ES256"));
    auto signedWith = [&](const Crypto::PrivateKey &key) {
        const auto token = Jwt::sign(key, JwsAlgorithm::ES256, header, basePayload());
        return token ? *token : QByteArray();
    };

    QByteArray token;
    if (scenario == QStringLiteral("good") || scenario == QStringLiteral("noKey")
        || scenario == QStringLiteral("publicKey")) {
        token = signedWith(k.ec256);
        if (scenario == QStringLiteral("noKey")) {
            context.certificate.reset();
        } else if (scenario == QStringLiteral("publicKey")) {
            context.certificate.reset();
            context.publicKey = k.ec256.publicKey();
        }
    } else if (scenario == QStringLiteral("otherKey")) {
        const Crypto::PrivateKey other
            = NsTest::generate(Crypto::KeyType::Ec, 256, Crypto::Curve::P256);
        token = signedWith(other);
    } else if (scenario == QStringLiteral("tampered")) {
        const QList<QByteArray> parts = signedWith(k.ec256).split('.');
        QJsonObject payload = basePayload();
        payload.insert(QStringLiteral("iss"), QStringLiteral("someone-else"));
        token = parts[0] + '.' + NsTest::b64(NsTest::json(payload)) + '.' + parts[2];
    } else if (scenario == QStringLiteral("none") || scenario == QStringLiteral("noneNoKey")) {
        header.insert(QStringLiteral("alg"), QStringLiteral("none"));
        token = NsTest::b64(NsTest::json(header)) + '.' + NsTest::b64(NsTest::json(basePayload()))
                + '.';
        if (scenario == QStringLiteral("noneNoKey")) {
            context.certificate.reset();
        }
    } else if (scenario == QStringLiteral("hs256")) {
        header.insert(QStringLiteral("alg"), QStringLiteral("HS256"));
        token = NsTest::rawToken(NsTest::json(header), NsTest::json(basePayload()), "mac");
    } else if (scenario == QStringLiteral("nonCanonical")) {
        token = signedWith(k.ec256);
        // ES256 signatures are 64 bytes: 86 base64url characters, the last with 2 unused bits.
        static const QByteArray alphabet(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
        const qsizetype index = alphabet.indexOf(token.back());
        token.back() = alphabet.at(index | 1);
    }
    QVERIFY(!token.isEmpty());
    const Inspection inspection = run(token, context);
    QCOMPARE(signatureStatusName(inspection.signatureStatus), status);
    QVERIFY2(inspection.find(code), qPrintable(inspection.toText()));
    QCOMPARE(inspection.find(code)->path, QStringLiteral("signature"));
    if (status == QStringLiteral("verified")) {
        QVERIFY2(!inspection.hasErrors(), qPrintable(inspection.toText()));
    }
}

void TestInspector::keyRules_data()
{
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<bool>("legacy");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("path");
    QTest::addColumn<Severity>("severity");
    // clang-format off
    // Facts §3: RSA 3072/4096; EC curve must fit the algorithm (ES256↔P-256, …).
    QTest::newRow("rsa 2048")          << QStringLiteral("rsa2048") << QStringLiteral("PS256") << false << QStringLiteral("key.rsa_size")     << QStringLiteral("certificate") << Severity::Error;
    QTest::newRow("ES384 with P-256")  << QStringLiteral("ec256")   << QStringLiteral("ES384") << false << QStringLiteral("key.alg_mismatch") << QStringLiteral("header.alg")  << Severity::Error;
    QTest::newRow("PS256 with EC")     << QStringLiteral("ec256")   << QStringLiteral("PS256") << false << QStringLiteral("key.alg_mismatch") << QStringLiteral("header.alg")  << Severity::Error;
    QTest::newRow("ES256 with RSA")    << QStringLiteral("rsa3072") << QStringLiteral("ES256") << false << QStringLiteral("key.alg_mismatch") << QStringLiteral("header.alg")  << Severity::Error;
    QTest::newRow("rsa 2048, alg none") << QStringLiteral("rsa2048") << QStringLiteral("none") << false << QStringLiteral("key.rsa_size")     << QStringLiteral("certificate") << Severity::Error;
    // Facts §2: RS256 only behind the legacy switch, then as a warning.
    QTest::newRow("RS256 legacy")      << QStringLiteral("rsa3072") << QStringLiteral("RS256") << true  << QStringLiteral("alg.rs256")        << QStringLiteral("header.alg")  << Severity::Warning;
    QTest::newRow("RS256 no legacy")   << QStringLiteral("rsa3072") << QStringLiteral("RS256") << false << QStringLiteral("alg.rs256")        << QStringLiteral("header.alg")  << Severity::Error;
    // clang-format on
}

void TestInspector::keyRules()
{
    QFETCH(QString, keyName);
    QFETCH(QString, alg);
    QFETCH(bool, legacy);
    QFETCH(QString, code);
    QFETCH(QString, path);
    QFETCH(Severity, severity);
    const NsTest::KeySet &k = NsTest::keys();
    const Crypto::PrivateKey &key = keyName == QStringLiteral("rsa2048") ? k.rsa2048
                                    : keyName == QStringLiteral("ec256") ? k.ec256
                                                                         : k.rsa3072;
    InspectionContext context = sandboxContext();
    context.allowLegacyRs256 = legacy;
    context.certificate = NsTest::certificate(key, 365, m_clock.now().addDays(-1));
    QJsonObject header = baseHeader();
    header.insert(QStringLiteral("alg"), alg);
    const Inspection inspection
        = run(NsTest::rawToken(NsTest::json(header), NsTest::json(basePayload())), context);
    const Finding *f = inspection.find(code);
    QVERIFY2(f, qPrintable(inspection.toText()));
    QCOMPARE(f->path, path);
    QCOMPARE(f->severity, severity);
    if (keyName == QStringLiteral("rsa2048")) {
        // The same key passes the rfc7523 rules (RSA ≥ 2048).
        context.profile = AssertionProfile::Rfc7523;
        QVERIFY(!run(NsTest::rawToken(NsTest::json(header), NsTest::json(basePayload())), context)
                     .find(FindingCode::KeyRsaSize));
    }
}

void TestInspector::certificateDates()
{
    const Crypto::PrivateKey &key = NsTest::keys().ec256;
    const Crypto::Certificate cert = NsTest::certificate(key, 100);
    const Crypto::CertificateInfo info = cert.info();
    InspectionContext context = sandboxContext();
    context.certificate = cert;
    QJsonObject header = baseHeader();
    header.insert(QStringLiteral("alg"), QStringLiteral("ES256"));
    const QByteArray token = NsTest::rawToken(NsTest::json(header), NsTest::json(basePayload()));

    auto judgeAt = [&](const QDateTime &when) {
        m_clock.set(when);
        const Inspection inspection = run(token, context);
        m_clock.setSeconds(NsTest::now);
        return inspection;
    };
    // Facts §3: after expiry NetSuite needs a new mapping.
    const Inspection expired = judgeAt(info.notAfter.addDays(1));
    QVERIFY(expired.find(FindingCode::CertExpired));
    QCOMPARE(expired.find(FindingCode::CertExpired)->path, QStringLiteral("certificate"));
    // Issue #3: expiring within 60 days is a warning (NetSuite mails at 2 months, facts §3).
    const Inspection soon = judgeAt(info.notAfter.addDays(-10));
    QVERIFY(soon.find(FindingCode::CertExpiringSoon));
    QCOMPARE(soon.find(FindingCode::CertExpiringSoon)->severity, Severity::Warning);
    QVERIFY(soon.find(FindingCode::CertExpiringSoon)->message.contains(QStringLiteral("days")));
    const Inspection notYet = judgeAt(info.notBefore.addDays(-1));
    QVERIFY(notYet.find(FindingCode::CertNotYetValid));
    const Inspection fine = judgeAt(info.notBefore.addDays(1));
    QVERIFY(!fine.find(FindingCode::CertExpiringSoon));
    QVERIFY(!fine.find(FindingCode::CertExpired));
}

void TestInspector::certificateValidOverTwoYearsGivesTheCutDate()
{
    // Facts §3: "Maximum validity is 2 years. A longer certificate is silently shortened."
    const auto cert = Crypto::Certificate::fromFile(
        NsTest::dataPath(QStringLiteral("test-only-ec256-ten-years.crt")));
    SB_VERIFY_RESULT(cert);
    InspectionContext context = sandboxContext();
    context.certificate = *cert;
    const QDateTime when = cert->info().notBefore.addDays(10);
    m_clock.set(when);
    QJsonObject header = baseHeader();
    header.insert(QStringLiteral("alg"), QStringLiteral("ES256"));
    const Inspection inspection
        = run(NsTest::rawToken(NsTest::json(header), NsTest::json(basePayload())), context);
    m_clock.setSeconds(NsTest::now);
    const Finding *f = inspection.find(FindingCode::CertValidityTooLong);
    QVERIFY2(f, qPrintable(inspection.toText()));
    QCOMPARE(f->severity, Severity::Warning);
    QVERIFY2(f->message.contains(when.addYears(2).toString(QStringLiteral("yyyy-MM-dd"))),
             qPrintable(f->message));
}

void TestInspector::unsupportedCurveIsAKeyFinding()
{
    // Facts §3: EC keys on P-256/384/521 only; secp256k1 (reliability doc K6) is refused.
    const auto cert = Crypto::Certificate::fromFile(
        NsTest::dataPath(QStringLiteral("test-only-secp256k1.crt")));
    SB_VERIFY_RESULT(cert);
    InspectionContext context = sandboxContext();
    context.certificate = *cert;
    for (const QString &alg : {QStringLiteral("ES256"), QStringLiteral("none")}) {
        QJsonObject header = baseHeader();
        header.insert(QStringLiteral("alg"), alg);
        const Inspection inspection
            = run(NsTest::rawToken(NsTest::json(header), NsTest::json(basePayload())), context);
        const Finding *f = inspection.find(FindingCode::KeyUnsupported);
        QVERIFY2(f, qPrintable(inspection.toText()));
        QCOMPARE(f->path, QStringLiteral("certificate"));
        QCOMPARE(f->severity, Severity::Error);
    }
}

void TestInspector::recognisesNetSuiteAccessTokens()
{
    // Facts §4: the issued token's shape (ns-help/section_158255317571.html samples, decoded).
    const QJsonObject header{
        {QStringLiteral("kid"), QStringLiteral("c.3829855.2026-01-18_02-18-17")},
        {QStringLiteral("typ"), QStringLiteral("JWT")},
        {QStringLiteral("alg"), QStringLiteral("RS256")}};
    const QJsonObject payload{
        {QStringLiteral("sub"), QStringLiteral("3;-5")},
        {QStringLiteral("aud"),
         QJsonArray{QStringLiteral("4A1B2C3D-0000-4000-8000-000000000000;1234567_SB1"),
                    NsTest::clientId}},
        {QStringLiteral("scope"), QJsonArray{QStringLiteral("rest_webservices")}},
        {QStringLiteral("iss"), QStringLiteral("https://system.netsuite.com")},
        {QStringLiteral("oit"), NsTest::now - 1800},
        {QStringLiteral("exp"), NsTest::now + 1800},
        {QStringLiteral("iat"), NsTest::now - 1800},
        {QStringLiteral("jti"), QStringLiteral("abc")}};
    const Inspection inspection
        = run(NsTest::rawToken(NsTest::json(header), NsTest::json(payload)), sandboxContext());
    QVERIFY(inspection.isNetSuiteAccessToken);
    QVERIFY2(!inspection.hasErrors(), qPrintable(inspection.toText())); // RS256 is not judged here
    QVERIFY(!inspection.find(FindingCode::AlgRs256));
    const Finding *f = inspection.find(FindingCode::AccessTokenNetSuite);
    QVERIFY(f);
    QVERIFY2(f->message.contains(QStringLiteral("30 min")), qPrintable(f->message));
    QVERIFY(inspection.accessToken);
    QCOMPARE(inspection.accessToken->role, QStringLiteral("3"));
    QCOMPARE(inspection.accessToken->entity, QStringLiteral("-5"));
    QCOMPARE(inspection.accessToken->account, QStringLiteral("1234567_SB1"));
    QCOMPARE(inspection.accessToken->clientId, NsTest::clientId);
    QCOMPARE(inspection.accessToken->applicationId,
             QStringLiteral("4A1B2C3D-0000-4000-8000-000000000000"));
    QCOMPARE(inspection.accessToken->expiresAt, NsTest::now + 1800);
    QCOMPARE(inspection.signatureStatus, SignatureStatus::Unchecked);
    QVERIFY(inspection.toText().contains(QStringLiteral("NetSuite access token")));
}

void TestInspector::expiredAccessTokenForAnotherAccount()
{
    const QJsonObject payload{
        {QStringLiteral("sub"), QStringLiteral("3;-5")},
        {QStringLiteral("aud"),
         QJsonArray{QStringLiteral("APP;1234567"), QStringLiteral("other-client")}},
        {QStringLiteral("iss"), QStringLiteral("https://system.netsuite.com")},
        {QStringLiteral("exp"), NsTest::now - 120},
        {QStringLiteral("iat"), NsTest::now - 3720}};
    const Inspection inspection = run(
        NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(payload)), sandboxContext());
    QVERIFY(inspection.isNetSuiteAccessToken);
    QVERIFY(inspection.find(FindingCode::AccessTokenExpired));
    QVERIFY(inspection.find(FindingCode::AccessTokenOtherAccount));
    QVERIFY(inspection.find(FindingCode::AccessTokenOtherClient));
    QVERIFY(
        inspection.find(FindingCode::AccessTokenNetSuite)->message.contains(QStringLiteral("ago")));
}

void TestInspector::rfc7523ProfileRules_data()
{
    QTest::addColumn<QByteArray>("headerPatch");
    QTest::addColumn<QByteArray>("payloadPatch");
    QTest::addColumn<QString>("code"); // empty: no error expected
    // clang-format off
    // RFC 7523 §3 and OpenID Connect Core §9 (private_key_jwt).
    QTest::newRow("conforming")     << QByteArray() << QByteArray() << QString();
    QTest::newRow("RS256 is fine")  << QByteArray("{\"alg\":\"RS256\"}") << QByteArray() << QString();
    QTest::newRow("no kid, no typ") << QByteArray("{\"kid\":null,\"typ\":null}") << QByteArray() << QString();
    QTest::newRow("no scope")       << QByteArray() << QByteArray("{\"scope\":null}") << QString();
    QTest::newRow("no iat")         << QByteArray() << QByteArray("{\"iat\":null}") << QString();
    QTest::newRow("sub missing")    << QByteArray() << QByteArray("{\"sub\":null}") << QStringLiteral("sub.missing");
    QTest::newRow("sub differs")    << QByteArray() << QByteArray("{\"sub\":\"x\"}") << QStringLiteral("sub.mismatch");
    QTest::newRow("jti missing")    << QByteArray() << QByteArray("{\"jti\":null}") << QStringLiteral("jti.missing");
    QTest::newRow("aud other")      << QByteArray() << QByteArray("{\"aud\":\"https://login.example.com/other\"}") << QStringLiteral("aud.wrong_path");
    QTest::newRow("alg none")       << QByteArray("{\"alg\":\"none\"}") << QByteArray() << QStringLiteral("alg.none");
    // clang-format on
}

void TestInspector::rfc7523ProfileRules()
{
    QFETCH(QByteArray, headerPatch);
    QFETCH(QByteArray, payloadPatch);
    QFETCH(QString, code);
    InspectionContext context;
    context.profile = AssertionProfile::Rfc7523;
    context.tokenUrl = QStringLiteral("https://login.example.com/oauth2/token");
    context.clientId = QStringLiteral("my-client");
    QJsonObject payload{
        {QStringLiteral("iss"), QStringLiteral("my-client")},
        {QStringLiteral("sub"), QStringLiteral("my-client")},
        {QStringLiteral("aud"), context.tokenUrl},
        {QStringLiteral("jti"), QStringLiteral("8d3f0c1e-4b8a-4f6e-9a55-4f2b8e0c7a11")},
        {QStringLiteral("iat"), NsTest::now},
        {QStringLiteral("exp"), NsTest::now + 300},
        {QStringLiteral("scope"), QStringLiteral("anything at all")}};
    const Inspection inspection
        = run(NsTest::rawToken(NsTest::json(NsTest::patched(baseHeader(), headerPatch)),
                               NsTest::json(NsTest::patched(payload, payloadPatch))),
              context);
    if (code.isEmpty()) {
        QVERIFY2(!inspection.hasErrors(), qPrintable(inspection.toText()));
    } else {
        QVERIFY2(inspection.find(code), qPrintable(inspection.toText()));
        QCOMPARE(inspection.find(code)->severity, Severity::Error);
    }
}

void TestInspector::messagesNeverContainTheToken()
{
    // Style c.5: messages never contain the token or assertion.
    const auto assertion = [&] {
        AssertionRequest request;
        request.clientId = NsTest::clientId;
        request.certificateId = NsTest::certificateId;
        request.tokenUrl
            = QStringLiteral("https://1234567.suitetalk.api.netsuite.com/services/rest/"
                             "auth/oauth2/v1/token"); // wrong account on purpose
        request.lifetimeSeconds = 3600;
        return buildAssertion(request, NsTest::keys().ec256, m_clock);
    }();
    SB_VERIFY_RESULT(assertion);
    InspectionContext context = sandboxContext();
    context.certificate = NsTest::certificate(NsTest::keys().ec384, 365, m_clock.now().addDays(-1));
    const Inspection inspection = run(assertion->compact, context);
    QVERIFY(inspection.hasErrors());
    const QList<QByteArray> parts = assertion->compact.split('.');
    const QString text
        = inspection.toText() + QString::fromUtf8(QJsonDocument(inspection.toJson()).toJson());
    for (const Finding &f : inspection.findings) {
        for (const QByteArray &part : parts) {
            QVERIFY(!f.message.contains(QString::fromLatin1(part)));
            QVERIFY(!f.hint.contains(QString::fromLatin1(part)));
        }
    }
    QVERIFY(!inspection.toText().contains(QString::fromLatin1(parts[2])));
}

void TestInspector::jsonHasExactlyTheCliShape()
{
    // Issue #3:
    // {"header","payload","findings":[{severity,code,path,message,hint}],"signature_status"}.
    QJsonObject payload = basePayload();
    payload.remove(QStringLiteral("aud"));
    const Inspection inspection = run(
        NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(payload)), sandboxContext());
    const QJsonObject json = inspection.toJson();
    QStringList keys = json.keys();
    keys.sort();
    QCOMPARE(keys, QStringList({QStringLiteral("findings"), QStringLiteral("header"),
                                QStringLiteral("payload"), QStringLiteral("signature_status")}));
    QCOMPARE(json.value(QStringLiteral("signature_status")).toString(),
             QStringLiteral("unchecked"));
    QCOMPARE(json.value(QStringLiteral("header")).toObject(), inspection.header);
    const QJsonArray findings = json.value(QStringLiteral("findings")).toArray();
    QCOMPARE(findings.size(), inspection.findings.size());
    const QJsonObject first = findings.first().toObject();
    QStringList findingKeys = first.keys();
    findingKeys.sort();
    QCOMPARE(findingKeys,
             QStringList({QStringLiteral("code"), QStringLiteral("hint"), QStringLiteral("message"),
                          QStringLiteral("path"), QStringLiteral("severity")}));
    QCOMPARE(first.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
    QCOMPARE(first.value(QStringLiteral("code")).toString(), QStringLiteral("aud.missing"));
    QCOMPARE(first.value(QStringLiteral("path")).toString(), QStringLiteral("payload.aud"));
}

void TestInspector::textReportShowsTimesAndFindings()
{
    const QJsonObject payload = NsTest::patched(basePayload(), "{\"aud\":null}");
    const Inspection inspection = run(
        NsTest::rawToken(NsTest::json(baseHeader()), NsTest::json(payload)), sandboxContext());
    const QString text = inspection.toText();
    QVERIFY(text.contains(QStringLiteral("Header")));
    QVERIFY(text.contains(QStringLiteral("Payload")));
    QVERIFY(text.contains(QStringLiteral("aud.missing")));
    QVERIFY(text.contains(QStringLiteral("in 4 min"))); // exp = now + 290
    QVERIFY(text.contains(QStringLiteral("10 s ago"))); // iat = now - 10
    QVERIFY(text.contains(QStringLiteral("2027-01-15")));
    QVERIFY(text.contains(QStringLiteral("Signature: not checked")));
}

void TestInspector::hostileInputNeverCrashes()
{
    // Reliability doc §2.1: a bounded, linear, exception-free path for arbitrary bytes.
    const QList<QByteArray> inputs{
        QByteArray("..", 2),
        QByteArray(".a."),
        QByteArray("a.b.c"),
        QByteArray("\xFF\xFE.\x00.x", 7),
        NsTest::b64(QByteArray(70, '[')) + ".e30.",
        NsTest::b64("{\"alg\":\"PS256\"}") + '.'
            + NsTest::b64(QByteArray(QByteArray(2000, '[') + QByteArray(2000, ']'))) + ".x",
        NsTest::b64("{\"alg\":\"PS256\"}") + '.' + NsTest::b64("{\"exp\":1e400}") + ".x",
        NsTest::b64("{\"alg\":\"PS256\"}") + '.' + NsTest::b64("{\"exp\":99999999999999999999}")
            + ".x",
        NsTest::b64("{\"alg\":\"PS256\"}") + '.'
            + NsTest::b64("{\"exp\":-99999999999999999999,\"iat\":1e300}") + ".x",
        NsTest::b64("{\"alg\":\"PS256\"}") + '.'
            + NsTest::b64("{\"exp\":1.5,\"iat\":-1,\"nbf\":9007199254740993}") + ".x",
        NsTest::b64("{\"alg\":\"PS256\"}") + '.'
            + NsTest::b64("{\"aud\":\"https://\",\"iss\":\"\\ud800\"}") + ".x",
        NsTest::b64("{\"alg\":\"PS256\"}") + '.' + NsTest::b64("{\"aud\":\"https://@/?#\"}") + ".x",
        NsTest::b64("{\"alg\":\"PS256\"}") + '.' + NsTest::b64("{\"aud\":\"https://[::1]:x/\"}")
            + ".x",
    };
    InspectionContext context = sandboxContext();
    context.certificate = NsTest::certificate(NsTest::keys().ec256, 365, m_clock.now().addDays(-1));
    for (const QByteArray &input : inputs) {
        const Inspection inspection = run(input, context);
        QVERIFY(!inspection.findings.isEmpty());
        (void)inspection.toText();
        (void)inspection.toJson();
    }
    const Inspection large
        = run(NsTest::rawToken("{\"alg\":\"PS256\"}", "{\"exp\":99999999999999999999}"), context);
    QVERIFY2(large.find(FindingCode::ExpFarFuture), qPrintable(large.toText()));
}

void TestInspector::codeTableIsWellFormed()
{
    const QRegularExpression shape(QStringLiteral("^[a-z0-9_]+\\.[a-z0-9_]+$"));
    QSet<QString> unique;
    for (const FindingCode::Info &info : FindingCode::allFindingCodes()) {
        const QString code(info.code);
        QVERIFY2(shape.match(code).hasMatch(), qPrintable(code));
        QVERIFY2(!unique.contains(code), qPrintable(code));
        unique.insert(code);
        QVERIFY(info.summary.size() > 0);
    }
    QVERIFY(unique.size() >= 70);
}

void TestInspector::cleanupTestCase()
{
    // Every code the tests saw is in the table, and the table has no code no test produced.
    QSet<QString> table;
    for (const FindingCode::Info &info : FindingCode::allFindingCodes()) {
        table.insert(QString(info.code));
    }
    for (const QString &code : std::as_const(seenCodes())) {
        QVERIFY2(table.contains(code), qPrintable(code));
    }
    QStringList neverSeen;
    for (const QString &code : std::as_const(table)) {
        if (!seenCodes().contains(code)) {
            neverSeen << code;
        }
    }
    neverSeen.sort();
    QVERIFY2(neverSeen.isEmpty(), qPrintable(neverSeen.join(QStringLiteral(", "))));
}

QTEST_GUILESS_MAIN(TestInspector)
#include "TestInspector.moc"
