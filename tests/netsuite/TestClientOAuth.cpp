// SPDX-License-Identifier: MIT
// The client's token flow against servers that are not the emulator: a minimal, strict
// OAuth 2.0 server following RFC 7523 §3 and OpenID Connect Core §9 (private_key_jwt), token
// endpoint failures, and a cross-host redirect that must not carry the access token.
// Test-only servers on loopback, port 0.
#include "crypto/Keys.h"
#include "http/FaultServer.h"
#include "jwt/Jwt.h"
#include "netsuite/CustomTokenEndpoint.h"
#include "netsuite/client/NetSuiteClient.h"
#include "support/ResultTesting.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

#include "ClientTestSupport.h"

using namespace Sb;
using namespace Sb::NetSuite;
using namespace SbTest;

namespace {

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

const QList<std::pair<QByteArray, QByteArray>> jsonType{{"Content-Type", "application/json"}};

/**
 * A strict client-credentials token endpoint with private_key_jwt client authentication:
 * - form POST with grant_type=client_credentials and the jwt-bearer assertion type;
 * - signature checked with the registered public key (Sb::Jwt::verify, algorithm bound to
 *   the key, never to the header);
 * - iss = sub = the client ID (RFC 7523 §3 items 1-2, OIDC Core §9);
 * - aud exactly the token endpoint URL as a string (item 3);
 * - exp required and in the future (item 4); nbf, if present, not in the future;
 * - jti required and single-use: a replayed assertion is refused (item 7, OIDC §9).
 * Also a protected resource that accepts only tokens this server issued.
 */
class StrictOAuthServer
{
public:
    StrictOAuthServer(Crypto::PublicKey key, QString clientId)
        : m_key(std::move(key))
        , m_clientId(std::move(clientId))
    {
        m_server.setHandler([this](QTcpSocket *socket, const ReceivedRequest &request) {
            handle(socket, request);
        });
    }

    bool listen() { return m_server.listen(); }
    QString tokenUrl() const
    {
        return m_server.url(QStringLiteral("/oauth2/token")).toString(QUrl::FullyEncoded);
    }
    QString origin() const { return CustomTokenEndpoint::originOf(m_server.url()); }

    QStringList refusals;
    QList<QByteArray> acceptedAssertions;
    int issued = 0;
    /** Replays @p assertion as a fresh token request would; returns the status. */
    int replayStatus = 0;

    int check(const QByteArray &form) { return exchange(form).first; }

private:
    std::pair<int, QByteArray> refuse(int status, const char *error, const QString &why)
    {
        refusals << why;
        return {status, json({{QStringLiteral("error"), QLatin1String(error)}})};
    }

    std::pair<int, QByteArray> exchange(const QByteArray &body)
    {
        const QUrlQuery form{QString::fromLatin1(body)};
        if (form.queryItemValue(QStringLiteral("grant_type"))
            != QLatin1String("client_credentials")) {
            return refuse(400, "unsupported_grant_type", QStringLiteral("grant_type"));
        }
        if (form.queryItemValue(QStringLiteral("client_assertion_type"), QUrl::FullyDecoded)
            != QLatin1String("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")) {
            return refuse(400, "invalid_request", QStringLiteral("client_assertion_type"));
        }
        const QByteArray assertion
            = form.queryItemValue(QStringLiteral("client_assertion"), QUrl::FullyDecoded)
                  .toLatin1();
        const auto decoded = Jwt::decode(assertion, {256 * 1024, false});
        if (!decoded || decoded->isJwe) {
            return refuse(400, "invalid_request", QStringLiteral("not a JWS"));
        }
        if (!Jwt::verify(*decoded, m_key)) {
            return refuse(401, "invalid_client", QStringLiteral("signature"));
        }
        const QJsonObject claims = QJsonDocument::fromJson(decoded->payloadBytes).object();
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        if (claims.value(QLatin1String("iss")).toString() != m_clientId
            || claims.value(QLatin1String("sub")).toString() != m_clientId) {
            return refuse(401, "invalid_client", QStringLiteral("iss/sub"));
        }
        if (!claims.value(QLatin1String("aud")).isString()
            || claims.value(QLatin1String("aud")).toString() != tokenUrl()) {
            return refuse(401, "invalid_client", QStringLiteral("aud"));
        }
        if (!claims.value(QLatin1String("exp")).isDouble()
            || qint64(claims.value(QLatin1String("exp")).toDouble()) <= now) {
            return refuse(401, "invalid_client", QStringLiteral("exp"));
        }
        if (claims.contains(QLatin1String("nbf"))
            && qint64(claims.value(QLatin1String("nbf")).toDouble()) > now + 5) {
            return refuse(401, "invalid_client", QStringLiteral("nbf"));
        }
        const QString jti = claims.value(QLatin1String("jti")).toString();
        if (jti.isEmpty()) {
            return refuse(401, "invalid_client", QStringLiteral("jti missing"));
        }
        if (m_seenJti.contains(jti)) {
            return refuse(401, "invalid_client", QStringLiteral("jti replayed"));
        }
        m_seenJti.insert(jti);
        acceptedAssertions << assertion;
        const QString token = QStringLiteral("strict-token-%1").arg(++issued);
        m_tokens.insert(token);
        // Lower-case "bearer" and a numeric expires_in: what many servers send (facts §4).
        return {200, json({{QStringLiteral("access_token"), token},
                           {QStringLiteral("token_type"), QStringLiteral("bearer")},
                           {QStringLiteral("expires_in"), 3600}})};
    }

    void handle(QTcpSocket *socket, const ReceivedRequest &request)
    {
        if (request.method == "POST" && request.target == "/oauth2/token") {
            if (!request.header("Content-Type").startsWith("application/x-www-form-urlencoded")) {
                m_server.respond(
                    socket, 400,
                    json({{QStringLiteral("error"), QStringLiteral("invalid_request")}}), jsonType);
                return;
            }
            const auto [status, body] = exchange(request.body);
            m_server.respond(socket, status, body, jsonType);
            return;
        }
        const QByteArray auth = request.header("Authorization");
        const QString token = QString::fromLatin1(auth.mid(7));
        if (!auth.startsWith("Bearer ") || !m_tokens.contains(token)) {
            m_server.respond(socket, 401,
                             json({{QStringLiteral("error"), QStringLiteral("invalid_token")}}),
                             {{"Content-Type", "application/json"},
                              {"WWW-Authenticate", "Bearer error=\"invalid_token\""}});
            return;
        }
        m_server.respond(socket, 200, json({{QStringLiteral("ok"), true}}), jsonType);
    }

    FaultServer m_server;
    Crypto::PublicKey m_key;
    QString m_clientId;
    QSet<QString> m_seenJti;
    QSet<QString> m_tokens;
};

} // namespace

class TestClientOAuth final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rfc7523ServerIssuesTokenAndServesRequests();
    void everyExchangeCarriesAFreshJti();
    void strictServerRefusesNetSuiteProfile();
    void refusedExchangeIsSharedAndNotRetried();
    void badTokenResponsesAreRefused_data();
    void badTokenResponsesAreRefused();
    void tokenEndpointDownIsNetworkError();
    void redirectToAnotherHostCarriesNoToken();

private:
    ClientConfig customConfig(const QString &tokenUrl, AssertionProfile profile) const;

    Crypto::PrivateKey m_key;
    const QString m_clientId = QStringLiteral("strict-client-1");
};

void TestClientOAuth::initTestCase()
{
    auto key = Crypto::generateKey({Crypto::KeyType::Ec, 256, Crypto::Curve::P256});
    SB_VERIFY_RESULT(key);
    m_key = *key;
}

ClientConfig TestClientOAuth::customConfig(const QString &tokenUrl, AssertionProfile profile) const
{
    ClientConfig c;
    auto endpoint = CustomTokenEndpoint::parse(tokenUrl);
    c.target = Target::custom(*endpoint);
    c.assertion.profile = profile;
    c.assertion.clientId = m_clientId;
    c.assertion.certificateId = QStringLiteral("kid-1");
    c.key = m_key;
    c.backoff = fastBackoff();
    return c;
}

void TestClientOAuth::rfc7523ServerIssuesTokenAndServesRequests()
{
    StrictOAuthServer server(m_key.publicKey(), m_clientId);
    QVERIFY(server.listen());
    ClientBox box = makeClient(customConfig(server.tokenUrl(), AssertionProfile::Rfc7523));
    RestRequest r;
    r.url = box.client->resolve(QStringLiteral("record/v1/ping"));
    QCOMPARE(r.url.toString(), server.origin() + QStringLiteral("/services/rest/record/v1/ping"));
    const CallOutcome o = runCall(box.client->newCall(r));
    QVERIFY2(o.result.status == RestStatus::Succeeded,
             qPrintable(o.result.message + server.refusals.join(u',')));
    QCOMPARE(server.issued, 1);
    const TokenHandle token = box.client->tokens().cached();
    QVERIFY(token);
    QCOMPARE(token->tokenType(), QStringLiteral("bearer"));
    QCOMPARE(token->expiresIn().value_or(0), qint64(3600));
    QVERIFY(o.result.record.body.contains("\"ok\":true"));
}

void TestClientOAuth::everyExchangeCarriesAFreshJti()
{
    StrictOAuthServer server(m_key.publicKey(), m_clientId);
    QVERIFY(server.listen());
    ClientBox box = makeClient(customConfig(server.tokenUrl(), AssertionProfile::Rfc7523));
    RestRequest r;
    r.url = box.client->resolve(QStringLiteral("record/v1/ping"));
    for (int i = 0; i < 3; ++i) {
        box.client->tokens().clear(); // force a new exchange each time
        const CallOutcome o = runCall(box.client->newCall(r));
        QVERIFY2(o.result.ok(), qPrintable(o.result.message + server.refusals.join(u',')));
    }
    QCOMPARE(server.issued, 3);
    QCOMPARE(server.refusals.size(), 0);
    // The server really is strict: the first assertion, replayed, is refused.
    const QByteArray replay = "grant_type=client_credentials&client_assertion_type="
                              + QUrl::toPercentEncoding(QStringLiteral(
                                  "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"))
                              + "&client_assertion=" + server.acceptedAssertions.first();
    QCOMPARE(server.check(replay), 401);
    QCOMPARE(server.refusals.last(), QStringLiteral("jti replayed"));
}

void TestClientOAuth::strictServerRefusesNetSuiteProfile()
{
    // The netsuite profile has no sub and no jti: a strict RFC 7523 server says no, and the
    // client reports it once, with a diagnosis, as a refused exchange.
    StrictOAuthServer server(m_key.publicKey(), m_clientId);
    QVERIFY(server.listen());
    ClientBox box = makeClient(customConfig(server.tokenUrl(), AssertionProfile::NetSuite));
    RestRequest r;
    r.url = box.client->resolve(QStringLiteral("record/v1/ping"));
    const CallOutcome o = runCall(box.client->newCall(r));
    QCOMPARE(o.result.status, RestStatus::TokenFailed);
    QCOMPARE(o.result.tokenError->code, TokenError::Code::Refused);
    QCOMPARE(o.result.tokenError->record.status, 401);
    QVERIFY(o.result.diagnosis.has_value());
    QCOMPARE(o.result.diagnosis->id, QString(DiagnosisId::TokenInvalidClient));
    QCOMPARE(server.refusals, QStringList{QStringLiteral("iss/sub")});
}

void TestClientOAuth::refusedExchangeIsSharedAndNotRetried()
{
    FaultServer server;
    QVERIFY(server.listen());
    int tokenRequests = 0;
    server.setHandler([&](QTcpSocket *socket, const ReceivedRequest &request) {
        if (request.target.endsWith("/token")) {
            ++tokenRequests;
            server.respond(socket, 401, R"({"error":"invalid_client"})",
                           {{"Content-Type", "application/json"},
                            {"WWW-Authenticate", "Basic realm=\"1234567\""}});
            return;
        }
        server.respond(socket, 500);
    });
    ClientBox box = makeClient(
        customConfig(server.url(QStringLiteral("/services/rest/auth/oauth2/v1/token")).toString(),
                     AssertionProfile::NetSuite));
    QList<RestCall *> calls;
    for (int i = 0; i < 3; ++i) {
        RestRequest r;
        r.url = box.client->resolve(QStringLiteral("record/v1/customer"));
        calls << box.client->newCall(r);
    }
    const auto outcomes = runCalls(calls);
    for (const CallOutcome &o : outcomes) {
        QCOMPARE(o.result.status, RestStatus::TokenFailed);
        QCOMPARE(o.result.diagnosis->id, QString(DiagnosisId::TokenInvalidClient));
        // The diagnosis never carries the assertion.
        QVERIFY(!o.result.diagnosis->toText().contains(QLatin1String("eyJ")));
    }
    QCOMPARE(tokenRequests, 1); // one shared exchange, no retry loop
    QCOMPARE(box.client->tokens().exchangeCount(), 1);
}

void TestClientOAuth::badTokenResponsesAreRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code");
    // S15 and a truncated body that Qt may hand over as complete.
    QTest::newRow("no access_token") << QByteArray(R"({"token_type":"Bearer","expires_in":3600})")
                                     << int(TokenError::Code::BadResponse);
    QTest::newRow("token_type mac") << QByteArray(R"({"access_token":"x","token_type":"mac"})")
                                    << int(TokenError::Code::BadResponse);
    QTest::newRow("truncated") << QByteArray(R"({"access_token":"x","token_ty)")
                               << int(TokenError::Code::BadResponse);
    QTest::newRow("html 200") << QByteArray("<html><body>Maintenance</body></html>")
                              << int(TokenError::Code::BadResponse);
}

void TestClientOAuth::badTokenResponsesAreRefused()
{
    QFETCH(QByteArray, body);
    QFETCH(int, code);
    FaultServer server;
    QVERIFY(server.listen());
    server.setHandler([&](QTcpSocket *socket, const ReceivedRequest &) {
        server.respond(socket, 200, body, {{"Content-Type", "application/json"}});
    });
    ClientBox box = makeClient(
        customConfig(server.url(QStringLiteral("/services/rest/auth/oauth2/v1/token")).toString(),
                     AssertionProfile::NetSuite));
    RestRequest r;
    r.url = box.client->resolve(QStringLiteral("record/v1/customer"));
    const CallOutcome o = runCall(box.client->newCall(r));
    QCOMPARE(o.result.status, RestStatus::TokenFailed);
    QCOMPARE(int(o.result.tokenError->code), code);
    QVERIFY(o.result.tokenError->record.body.isEmpty()); // the raw response is not kept
    QCOMPARE(server.requests().size(), 1);
}

void TestClientOAuth::tokenEndpointDownIsNetworkError()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    } // closed: connection refused
    ClientBox box = makeClient(customConfig(
        QStringLiteral("http://127.0.0.1:%1/services/rest/auth/oauth2/v1/token").arg(port),
        AssertionProfile::NetSuite));
    RestRequest r;
    r.url = box.client->resolve(QStringLiteral("record/v1/customer"));
    const CallOutcome o = runCall(box.client->newCall(r));
    QCOMPARE(o.result.status, RestStatus::TokenFailed);
    QCOMPARE(o.result.tokenError->code, TokenError::Code::Network);
    QCOMPARE(o.result.diagnosis->id, QString(DiagnosisId::NetworkConnectionRefused));
}

void TestClientOAuth::redirectToAnotherHostCarriesNoToken()
{
    // 127.0.0.2 is another origin on the same machine (security doc §5).
    FaultServer other;
    QVERIFY(other.listen(QHostAddress(QStringLiteral("127.0.0.2"))));
    other.setHandler(
        [&](QTcpSocket *socket, const ReceivedRequest &) { other.respond(socket, 200, "stolen"); });
    FaultServer server;
    QVERIFY(server.listen());
    server.setHandler([&](QTcpSocket *socket, const ReceivedRequest &request) {
        if (request.target.endsWith("/token")) {
            server.respond(
                socket, 200,
                R"({"access_token":"secret-token-123","token_type":"Bearer","expires_in":3600})",
                {{"Content-Type", "application/json"}});
            return;
        }
        server.respond(
            socket, 302, {},
            {{"Location",
              other.url(QStringLiteral("/collect")).toString(QUrl::FullyEncoded).toLatin1()}});
    });
    ClientBox box = makeClient(
        customConfig(server.url(QStringLiteral("/services/rest/auth/oauth2/v1/token")).toString(),
                     AssertionProfile::NetSuite));
    RestRequest r;
    r.url = box.client->resolve(QStringLiteral("record/v1/customer"));
    const CallOutcome o = runCall(box.client->newCall(r));
    QCOMPARE(o.result.status, RestStatus::HttpError);
    QCOMPARE(o.result.record.error, Http::ErrorKind::Redirect);
    QCOMPARE(o.result.record.status, 302);
    QCOMPARE(o.result.record.location.host(), QStringLiteral("127.0.0.2"));
    QVERIFY(o.result.message.contains(QLatin1String("not followed")));
    QCOMPARE(other.requests().size(), 0); // the token never left for the other host
    QCOMPARE(other.connectionCount(), 0);
    QCOMPARE(server.requests().last().header("Authorization"),
             QByteArray("Bearer secret-token-123"));
}

QTEST_GUILESS_MAIN(TestClientOAuth)
#include "TestClientOAuth.moc"
