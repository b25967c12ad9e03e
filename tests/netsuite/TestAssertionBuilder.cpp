// SPDX-License-Identifier: MIT
#include "jwt/Jwt.h"
#include "netsuite/AssertionBuilder.h"
#include "netsuite/Endpoints.h"
#include "netsuite/Inspector.h"
#include "support/ResultTesting.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

#include "NetSuiteTestSupport.h"

using namespace Sb;
using namespace Sb::NetSuite;
using Crypto::JwsAlgorithm;

Q_DECLARE_METATYPE(Sb::NetSuite::AssertionError::Code)
Q_DECLARE_METATYPE(Sb::Crypto::JwsAlgorithm)

namespace {

enum class KeyChoice { Rsa3072, RsaPss3072, Rsa2048, Ec256, Ec384, Ec521 };

const Crypto::PrivateKey &pick(KeyChoice choice)
{
    const NsTest::KeySet &k = NsTest::keys();
    switch (choice) {
    case KeyChoice::Rsa3072:
        return k.rsa3072;
    case KeyChoice::RsaPss3072:
        return k.rsaPss3072;
    case KeyChoice::Rsa2048:
        return k.rsa2048;
    case KeyChoice::Ec256:
        return k.ec256;
    case KeyChoice::Ec384:
        return k.ec384;
    case KeyChoice::Ec521:
        break;
    }
    return k.ec521;
}

AssertionRequest netSuiteRequest()
{
    AssertionRequest request;
    request.clientId = NsTest::clientId;
    request.certificateId = NsTest::certificateId;
    request.tokenUrl = tokenUrl(NsTest::account(QStringLiteral("1234567_SB1"))).toString();
    return request;
}

} // namespace

Q_DECLARE_METATYPE(KeyChoice)

class TestAssertionBuilder final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void buildsTheNetSuiteAssertion();
    void builtAssertionPassesTheInspector();
    void signsWithEveryNetSuiteAlgorithm_data();
    void signsWithEveryNetSuiteAlgorithm();
    void refuses_data();
    void refuses();
    void legacySwitchAllowsRs256WithAWarning();
    void scopeCanBeACommaSeparatedString();
    void extraClaimsAreAddedButNeverOverride();
    void lifetimeOfExactly3600IsAllowedWithAWarning();
    void rfc7523AddsSubAndAFreshJti();
    void rfc7523TakesAnIssuerAsAudience();
    void rfc7523AcceptsRsa2048AndRs256();
    void defaultAlgorithmFollowsTheKey();
    void profileNamesRoundTrip();
    void parsesScopeLists();
    void parsesExtraClaimArguments();

private:
    Core::FakeClock m_clock{QDateTime::fromSecsSinceEpoch(NsTest::now, Qt::UTC)};
};

void TestAssertionBuilder::initTestCase()
{
    (void)NsTest::keys(); // generate once, outside the timed test functions
}

void TestAssertionBuilder::buildsTheNetSuiteAssertion()
{
    // ns-help/section_162790605110.html ("The Request Token Structure"), facts §2.
    const auto assertion = buildAssertion(netSuiteRequest(), NsTest::keys().rsaPss3072, m_clock);
    SB_VERIFY_RESULT(assertion);
    QCOMPARE(assertion->header.value(QStringLiteral("alg")).toString(), QStringLiteral("PS256"));
    QCOMPARE(assertion->header.value(QStringLiteral("typ")).toString(), QStringLiteral("JWT"));
    QCOMPARE(assertion->header.value(QStringLiteral("kid")).toString(), NsTest::certificateId);
    QCOMPARE(assertion->header.size(), 3);
    const QJsonObject &c = assertion->claims;
    QCOMPARE(c.value(QStringLiteral("iss")).toString(), NsTest::clientId);
    QCOMPARE(c.value(QStringLiteral("aud")).toString(), NsTest::sandboxTokenUrl);
    QCOMPARE(c.value(QStringLiteral("scope")).toArray(),
             QJsonArray({QStringLiteral("rest_webservices")})); // array by default
    QCOMPARE(c.value(QStringLiteral("iat")).toInteger(), NsTest::now);
    QCOMPARE(c.value(QStringLiteral("exp")).toInteger(), NsTest::now + 300); // default 300 s
    QVERIFY(!c.contains(QStringLiteral("sub")));                             // not in Oracle's list
    QVERIFY(!c.contains(QStringLiteral("jti")));
    QCOMPARE(c.size(), 5);
    QVERIFY(assertion->warnings.isEmpty());
    QCOMPARE(assertion->algorithm, JwsAlgorithm::PS256);

    const auto decoded = Jwt::decode(assertion->compact);
    SB_VERIFY_RESULT(decoded);
    const auto verified = Jwt::verify(*decoded, NsTest::keys().rsaPss3072.publicKey());
    SB_VERIFY_RESULT(verified);
}

void TestAssertionBuilder::builtAssertionPassesTheInspector()
{
    // The builder and the inspector share the rules: what one makes, the other accepts.
    const Crypto::PrivateKey &key = NsTest::keys().ec256;
    const auto assertion = buildAssertion(netSuiteRequest(), key, m_clock);
    SB_VERIFY_RESULT(assertion);
    InspectionContext context;
    context.account = NsTest::account(QStringLiteral("1234567_SB1"));
    context.clientId = NsTest::clientId;
    context.certificateId = NsTest::certificateId;
    context.certificate = NsTest::certificate(key, 365, m_clock.now().addDays(-1));
    const Inspection inspection = inspect(assertion->compact, context, m_clock);
    for (const Finding &f : inspection.findings) {
        QVERIFY2(f.severity != Severity::Error, qPrintable(f.code + QLatin1Char(' ') + f.message));
        QVERIFY2(f.severity != Severity::Warning,
                 qPrintable(f.code + QLatin1Char(' ') + f.message));
    }
    QCOMPARE(inspection.signatureStatus, SignatureStatus::Verified);
}

void TestAssertionBuilder::signsWithEveryNetSuiteAlgorithm_data()
{
    QTest::addColumn<KeyChoice>("key");
    QTest::addColumn<JwsAlgorithm>("alg");
    // clang-format off
    // Facts §2/§3: PS256/384/512 with RSA 3072/4096; ES256↔P-256, ES384↔P-384, ES512↔P-521.
    QTest::newRow("PS256 rsa")      << KeyChoice::Rsa3072    << JwsAlgorithm::PS256;
    QTest::newRow("PS384 rsa")      << KeyChoice::Rsa3072    << JwsAlgorithm::PS384;
    QTest::newRow("PS512 rsa")      << KeyChoice::Rsa3072    << JwsAlgorithm::PS512;
    // Reliability doc §0 item 7: Oracle's recipe makes RSA-PSS typed keys.
    QTest::newRow("PS256 rsa-pss")  << KeyChoice::RsaPss3072 << JwsAlgorithm::PS256;
    QTest::newRow("ES256 P-256")    << KeyChoice::Ec256      << JwsAlgorithm::ES256;
    QTest::newRow("ES384 P-384")    << KeyChoice::Ec384      << JwsAlgorithm::ES384;
    QTest::newRow("ES512 P-521")    << KeyChoice::Ec521      << JwsAlgorithm::ES512;
    // clang-format on
}

void TestAssertionBuilder::signsWithEveryNetSuiteAlgorithm()
{
    QFETCH(KeyChoice, key);
    QFETCH(JwsAlgorithm, alg);
    AssertionRequest request = netSuiteRequest();
    request.algorithm = alg;
    const auto assertion = buildAssertion(request, pick(key), m_clock);
    SB_VERIFY_RESULT(assertion);
    QCOMPARE(assertion->header.value(QStringLiteral("alg")).toString(),
             QString::fromLatin1(Crypto::algorithmName(alg)));
    QVERIFY(assertion->warnings.isEmpty());
}

void TestAssertionBuilder::refuses_data()
{
    QTest::addColumn<KeyChoice>("key");
    QTest::addColumn<QByteArray>("change");
    QTest::addColumn<AssertionError::Code>("code");
    using C = AssertionError::Code;
    // clang-format off
    // Facts §2: RS256 refused since 1 March 2025 unless the legacy switch is on.
    QTest::newRow("RS256 without switch") << KeyChoice::Rsa3072 << QByteArray("alg=RS256")      << C::AlgorithmRefused;
    QTest::newRow("RS384 never")          << KeyChoice::Rsa3072 << QByteArray("alg=RS384")      << C::AlgorithmRefused;
    QTest::newRow("RS512 never")          << KeyChoice::Rsa3072 << QByteArray("alg=RS512")      << C::AlgorithmRefused;
    // Facts §3 / §10 item 8: the curve must match the algorithm.
    QTest::newRow("ES256 with P-384")     << KeyChoice::Ec384   << QByteArray("alg=ES256")      << C::AlgorithmRefused;
    QTest::newRow("ES512 with P-256")     << KeyChoice::Ec256   << QByteArray("alg=ES512")      << C::AlgorithmRefused;
    QTest::newRow("PS256 with EC")        << KeyChoice::Ec256   << QByteArray("alg=PS256")      << C::AlgorithmRefused;
    QTest::newRow("ES256 with RSA")       << KeyChoice::Rsa3072 << QByteArray("alg=ES256")      << C::AlgorithmRefused;
    // Reliability doc §0 item 7: an RSA-PSS key cannot make RS256 even with the switch.
    QTest::newRow("RS256 with PSS key")   << KeyChoice::RsaPss3072 << QByteArray("legacy;alg=RS256") << C::AlgorithmRefused;
    // Facts §3: RSA 3072 or 4096 only (Nango's 2048 advice conflicts, facts §7).
    QTest::newRow("RSA 2048")             << KeyChoice::Rsa2048 << QByteArray()                 << C::KeyRefused;
    // Facts §2: exp - iat at most 3600; issue #3: never more than 3600.
    QTest::newRow("lifetime 0")           << KeyChoice::Ec256   << QByteArray("lifetime=0")     << C::LifetimeOutOfRange;
    QTest::newRow("lifetime -5")          << KeyChoice::Ec256   << QByteArray("lifetime=-5")    << C::LifetimeOutOfRange;
    QTest::newRow("lifetime 3601")        << KeyChoice::Ec256   << QByteArray("lifetime=3601")  << C::LifetimeOutOfRange;
    QTest::newRow("no client id")         << KeyChoice::Ec256   << QByteArray("client=")        << C::MissingClientId;
    QTest::newRow("client id bidi")       << KeyChoice::Ec256   << QByteArray("client=abc\xE2\x80\xAE") << C::BadIdentifier;
    QTest::newRow("client id space")      << KeyChoice::Ec256   << QByteArray("client=abc def") << C::BadIdentifier;
    QTest::newRow("no certificate id")    << KeyChoice::Ec256   << QByteArray("cert=")          << C::MissingCertificateId;
    QTest::newRow("cert id newline")      << KeyChoice::Ec256   << QByteArray("cert=abc\n")     << C::BadIdentifier;
    QTest::newRow("no token url")         << KeyChoice::Ec256   << QByteArray("url=")           << C::MissingTokenUrl;
    QTest::newRow("relative token url")   << KeyChoice::Ec256   << QByteArray("url=/services/rest/auth/oauth2/v1/token") << C::BadTokenUrl;
    QTest::newRow("http token url")       << KeyChoice::Ec256   << QByteArray("url=http://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token") << C::BadTokenUrl;
    QTest::newRow("userinfo token url")   << KeyChoice::Ec256   << QByteArray("url=https://u@login.example.com/token") << C::BadTokenUrl;
    QTest::newRow("audience on netsuite") << KeyChoice::Ec256   << QByteArray("audience=https://issuer.example") << C::AudienceNotAllowed;
    // Facts §2: scope values; mcp cannot be combined.
    QTest::newRow("unknown scope")        << KeyChoice::Ec256   << QByteArray("scope=SuiteAnalytics") << C::BadScope;
    QTest::newRow("mcp combined")         << KeyChoice::Ec256   << QByteArray("scope=mcp|rest_webservices") << C::BadScope;
    QTest::newRow("comma inside value")   << KeyChoice::Ec256   << QByteArray("scope=restlets,rest_webservices") << C::BadScope;
    QTest::newRow("space inside value")   << KeyChoice::Ec256   << QByteArray("scope=rest_webservices restlets") << C::BadScope;
    // Issue #3: the profile's own claims cannot be silently overridden.
    QTest::newRow("override aud")         << KeyChoice::Ec256   << QByteArray("claim=aud")      << C::ClaimOverride;
    QTest::newRow("override iss")         << KeyChoice::Ec256   << QByteArray("claim=iss")      << C::ClaimOverride;
    QTest::newRow("override exp")         << KeyChoice::Ec256   << QByteArray("claim=exp")      << C::ClaimOverride;
    QTest::newRow("override iat")         << KeyChoice::Ec256   << QByteArray("claim=iat")      << C::ClaimOverride;
    QTest::newRow("override scope")       << KeyChoice::Ec256   << QByteArray("claim=scope")    << C::ClaimOverride;
    QTest::newRow("claim name bidi")      << KeyChoice::Ec256   << QByteArray("claim=x\xE2\x80\xAE") << C::ClaimOverride;
    // clang-format on
}

void TestAssertionBuilder::refuses()
{
    QFETCH(KeyChoice, key);
    QFETCH(QByteArray, change);
    QFETCH(AssertionError::Code, code);

    AssertionRequest request = netSuiteRequest();
    for (const QByteArray &item : change.split(';')) {
        const qsizetype eq = item.indexOf('=');
        const QByteArray name = eq < 0 ? item : item.left(eq);
        const QString value = QString::fromUtf8(eq < 0 ? QByteArray() : item.mid(eq + 1));
        if (name == "alg") {
            request.algorithm = Crypto::algorithmFromName(value.toLatin1());
        } else if (name == "legacy") {
            request.allowLegacyRs256 = true;
        } else if (name == "lifetime") {
            request.lifetimeSeconds = value.toLongLong();
        } else if (name == "client") {
            request.clientId = value;
        } else if (name == "cert") {
            request.certificateId = value;
        } else if (name == "url") {
            request.tokenUrl = value;
        } else if (name == "audience") {
            request.audience = value;
        } else if (name == "scope") {
            request.scopes = value.split(QLatin1Char('|'));
        } else if (name == "claim") {
            request.extraClaims.insert(value, QStringLiteral("x"));
        }
    }
    SB_VERIFY_ERROR(buildAssertion(request, pick(key), m_clock), code);
}

void TestAssertionBuilder::legacySwitchAllowsRs256WithAWarning()
{
    AssertionRequest request = netSuiteRequest();
    request.algorithm = JwsAlgorithm::RS256;
    request.allowLegacyRs256 = true;
    const auto assertion = buildAssertion(request, NsTest::keys().rsa3072, m_clock);
    SB_VERIFY_RESULT(assertion);
    QCOMPARE(assertion->header.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
    QCOMPARE(assertion->warnings.size(), 1);
    QVERIFY(assertion->warnings.first().contains(QStringLiteral("1 March 2025")));
}

void TestAssertionBuilder::scopeCanBeACommaSeparatedString()
{
    // Oracle's prose: "separated by a comma" (facts §2, §10 item 3).
    AssertionRequest request = netSuiteRequest();
    request.scopes = {QStringLiteral("rest_webservices"), QStringLiteral("restlets")};
    request.scopeFormat = ScopeFormat::CommaString;
    const auto asString = buildAssertion(request, NsTest::keys().ec256, m_clock);
    SB_VERIFY_RESULT(asString);
    QCOMPARE(asString->claims.value(QStringLiteral("scope")).toString(),
             QStringLiteral("rest_webservices,restlets"));
    request.scopeFormat = ScopeFormat::Array;
    request.scopes << QStringLiteral("restlets"); // duplicates are dropped
    const auto asArray = buildAssertion(request, NsTest::keys().ec256, m_clock);
    SB_VERIFY_RESULT(asArray);
    QCOMPARE(asArray->claims.value(QStringLiteral("scope")).toArray(),
             QJsonArray({QStringLiteral("rest_webservices"), QStringLiteral("restlets")}));
}

void TestAssertionBuilder::extraClaimsAreAddedButNeverOverride()
{
    AssertionRequest request = netSuiteRequest();
    request.extraClaims.insert(QStringLiteral("nbf"), NsTest::now);
    request.extraClaims.insert(QStringLiteral("x-trace"), QStringLiteral("abc"));
    const auto assertion = buildAssertion(request, NsTest::keys().ec256, m_clock);
    SB_VERIFY_RESULT(assertion);
    QCOMPARE(assertion->claims.value(QStringLiteral("x-trace")).toString(), QStringLiteral("abc"));
    QCOMPARE(assertion->claims.value(QStringLiteral("nbf")).toInteger(), NsTest::now);
    QCOMPARE(assertion->claims.value(QStringLiteral("aud")).toString(), NsTest::sandboxTokenUrl);
    QVERIFY(profileClaimNames(AssertionProfile::NetSuite).contains(QStringLiteral("scope")));
    QVERIFY(profileClaimNames(AssertionProfile::Rfc7523).contains(QStringLiteral("jti")));
}

void TestAssertionBuilder::lifetimeOfExactly3600IsAllowedWithAWarning()
{
    // Oracle's sample has exp - iat = 3600 exactly (facts §2, §10 item 4).
    AssertionRequest request = netSuiteRequest();
    request.lifetimeSeconds = 3600;
    const auto assertion = buildAssertion(request, NsTest::keys().ec256, m_clock);
    SB_VERIFY_RESULT(assertion);
    QCOMPARE(assertion->expiresAt - assertion->issuedAt, 3600);
    QCOMPARE(assertion->warnings.size(), 1);
}

void TestAssertionBuilder::rfc7523AddsSubAndAFreshJti()
{
    // RFC 7523 §3: sub = client_id; OpenID Connect Core §9: jti must not be reused.
    AssertionRequest request;
    request.profile = AssertionProfile::Rfc7523;
    request.clientId = QStringLiteral("my-client");
    request.tokenUrl = QStringLiteral("https://login.example.com/oauth2/token");
    const auto first = buildAssertion(request, NsTest::keys().ec256, m_clock);
    const auto second = buildAssertion(request, NsTest::keys().ec256, m_clock);
    SB_VERIFY_RESULT(first);
    SB_VERIFY_RESULT(second);
    const QJsonObject &c = first->claims;
    QCOMPARE(c.value(QStringLiteral("sub")).toString(), QStringLiteral("my-client"));
    QCOMPARE(c.value(QStringLiteral("iss")).toString(), QStringLiteral("my-client"));
    QCOMPARE(c.value(QStringLiteral("aud")).toString(), request.tokenUrl);
    QVERIFY(!c.contains(QStringLiteral("scope"))); // none asked for
    QVERIFY(!first->header.contains(QStringLiteral("kid")));
    const QString jti = c.value(QStringLiteral("jti")).toString();
    QVERIFY(
        QRegularExpression(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                          "[0-9a-f]{12}$"))
            .match(jti)
            .hasMatch());
    QVERIFY(jti != second->claims.value(QStringLiteral("jti")).toString());

    request.extraClaims.insert(QStringLiteral("jti"), QStringLiteral("fixed"));
    SB_VERIFY_ERROR(buildAssertion(request, NsTest::keys().ec256, m_clock),
                    AssertionError::Code::ClaimOverride);
    request.extraClaims = {{QStringLiteral("sub"), QStringLiteral("other")}};
    SB_VERIFY_ERROR(buildAssertion(request, NsTest::keys().ec256, m_clock),
                    AssertionError::Code::ClaimOverride);
    // A scope claim is not the rfc7523 profile's own when it sets none.
    request.extraClaims = {{QStringLiteral("scope"), QStringLiteral("openid")}};
    SB_VERIFY_RESULT(buildAssertion(request, NsTest::keys().ec256, m_clock));

    // The inspector, told the rfc7523 rules, finds nothing wrong with it.
    InspectionContext context;
    context.profile = AssertionProfile::Rfc7523;
    context.tokenUrl = request.tokenUrl;
    context.clientId = QStringLiteral("my-client");
    const Inspection inspection = inspect(first->compact, context, m_clock);
    QVERIFY2(!inspection.hasErrors(), qPrintable(inspection.toText()));
}

void TestAssertionBuilder::rfc7523TakesAnIssuerAsAudience()
{
    AssertionRequest request;
    request.profile = AssertionProfile::Rfc7523;
    request.clientId = QStringLiteral("my-client");
    request.tokenUrl = QStringLiteral("https://login.example.com/oauth2/token");
    request.audience = QStringLiteral("https://login.example.com");
    const auto assertion = buildAssertion(request, NsTest::keys().ec256, m_clock);
    SB_VERIFY_RESULT(assertion);
    QCOMPARE(assertion->claims.value(QStringLiteral("aud")).toString(), request.audience);
}

void TestAssertionBuilder::rfc7523AcceptsRsa2048AndRs256()
{
    AssertionRequest request;
    request.profile = AssertionProfile::Rfc7523;
    request.clientId = QStringLiteral("my-client");
    request.tokenUrl = QStringLiteral("https://login.example.com/oauth2/token");
    request.algorithm = JwsAlgorithm::RS256;
    const auto assertion = buildAssertion(request, NsTest::keys().rsa2048, m_clock);
    SB_VERIFY_RESULT(assertion);
    QVERIFY(assertion->warnings.isEmpty());
}

void TestAssertionBuilder::defaultAlgorithmFollowsTheKey()
{
    QCOMPARE(defaultAlgorithmForKey(NsTest::keys().rsa3072.info()), JwsAlgorithm::PS256);
    QCOMPARE(defaultAlgorithmForKey(NsTest::keys().rsaPss3072.info()), JwsAlgorithm::PS256);
    QCOMPARE(defaultAlgorithmForKey(NsTest::keys().ec256.info()), JwsAlgorithm::ES256);
    QCOMPARE(defaultAlgorithmForKey(NsTest::keys().ec384.info()), JwsAlgorithm::ES384);
    QCOMPARE(defaultAlgorithmForKey(NsTest::keys().ec521.info()), JwsAlgorithm::ES512);
    for (const KeyChoice choice : {KeyChoice::Ec384, KeyChoice::Ec521, KeyChoice::Rsa3072}) {
        const auto assertion = buildAssertion(netSuiteRequest(), pick(choice), m_clock);
        SB_VERIFY_RESULT(assertion);
    }
}

void TestAssertionBuilder::profileNamesRoundTrip()
{
    QCOMPARE(profileFromName(QStringLiteral("netsuite")), AssertionProfile::NetSuite);
    QCOMPARE(profileFromName(QStringLiteral("RFC7523")), AssertionProfile::Rfc7523);
    QVERIFY(!profileFromName(QStringLiteral("jwt")));
    QCOMPARE(profileName(AssertionProfile::Rfc7523), QStringLiteral("rfc7523"));
}

void TestAssertionBuilder::parsesScopeLists()
{
    QCOMPARE(parseScopeList(QStringLiteral("rest_webservices, restlets,,")),
             QStringList({QStringLiteral("rest_webservices"), QStringLiteral("restlets")}));
    QVERIFY(parseScopeList(QString()).isEmpty());
}

void TestAssertionBuilder::parsesExtraClaimArguments()
{
    const auto text = parseExtraClaim(QStringLiteral("tenant=acme"));
    SB_VERIFY_RESULT(text);
    QCOMPARE(text->first, QStringLiteral("tenant"));
    QCOMPARE(text->second, QJsonValue(QStringLiteral("acme")));
    const auto number = parseExtraClaim(QStringLiteral("level=3"));
    SB_VERIFY_RESULT(number);
    QCOMPARE(number->second.toInteger(), 3);
    const auto array = parseExtraClaim(QStringLiteral("roles=[\"a\",\"b\"]"));
    SB_VERIFY_RESULT(array);
    QVERIFY(array->second.isArray());
    const auto quoted = parseExtraClaim(QStringLiteral("id=\"007\""));
    SB_VERIFY_RESULT(quoted);
    QCOMPARE(quoted->second, QJsonValue(QStringLiteral("007")));
    const auto two = parseExtraClaim(QStringLiteral("x=1,2"));
    SB_VERIFY_RESULT(two);
    QCOMPARE(two->second, QJsonValue(QStringLiteral("1,2"))); // not one JSON value: a string
    const auto empty = parseExtraClaim(QStringLiteral("x="));
    SB_VERIFY_RESULT(empty);
    QCOMPARE(empty->second, QJsonValue(QString()));
    SB_VERIFY_ERROR(parseExtraClaim(QStringLiteral("=1")), AssertionError::Code::BadIdentifier);
    SB_VERIFY_ERROR(parseExtraClaim(QStringLiteral("novalue")),
                    AssertionError::Code::BadIdentifier);
}

QTEST_GUILESS_MAIN(TestAssertionBuilder)
#include "TestAssertionBuilder.moc"
