// SPDX-License-Identifier: MIT
// The token endpoint in-process, through a plain QNetworkAccessManager: every algorithm,
// every rejection (status, body, audit entry), certificate rules, bearer checks on REST,
// and an assertion made by the openssl command line rather than our signer.
#include "netsuite/AccountId.h"
#include "netsuite/Endpoints.h"
#include "support/ResultTesting.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "EmulatorTestSupport.h"

using namespace Sb;
using namespace Sb::Emulator;
using namespace SbTest;
using Emu = Sb::Emulator::Emulator;
using Alg = Crypto::JwsAlgorithm;

class TestEmulatorToken final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void startLineHasTheAccountsTokenUrlAsAud();
    void happyPathEachAlgorithm_data();
    void happyPathEachAlgorithm();
    void rejections_data();
    void rejections();
    void disabledRoleIsEntityOrRoleDisabled();
    void expiredCertificateIsRefused();
    void certificateRules();
    void legacyRs256Settings();
    void audienceModes();
    void assertionFromOpensslCli();
    void accessTokenExpiresOnRest();
    void tokenFromAnotherAccountIsRefused();
    void roleWithoutRestGetsPermissionError();
    void restletsOnlyTokenIsScopeMismatched();
    void revokedCertificateKillsItsTokens();
    void adminApiOverHttp();

private:
    struct Client
    {
        QString clientId;
        QString certId;
        Crypto::PrivateKey key;
    };
    Client makeClient(const Crypto::PrivateKey &key,
                      int role = Sb::Emulator::Emulator::IntegrationRole);
    Claims claimsFor(const Client &c);
    Reply postToken(const QByteArray &assertion, EmulatorThread *emu = nullptr);

    std::unique_ptr<EmulatorThread> m_emu;
    StartInfo m_info;
    QNetworkAccessManager m_nam;
    Crypto::PrivateKey m_rsa;
    Crypto::PrivateKey m_p256;
    Crypto::PrivateKey m_p384;
    Crypto::PrivateKey m_p521;
    Client m_client;
};

void TestEmulatorToken::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    auto rsa = Crypto::generateKey({Crypto::KeyType::Rsa, 3072, {}});
    auto p256 = Crypto::generateKey({Crypto::KeyType::Ec, 256, Crypto::Curve::P256});
    auto p384 = Crypto::generateKey({Crypto::KeyType::Ec, 384, Crypto::Curve::P384});
    auto p521 = Crypto::generateKey({Crypto::KeyType::Ec, 521, Crypto::Curve::P521});
    SB_VERIFY_RESULT(rsa);
    SB_VERIFY_RESULT(p256);
    SB_VERIFY_RESULT(p384);
    SB_VERIFY_RESULT(p521);
    m_rsa = *rsa;
    m_p256 = *p256;
    m_p384 = *p384;
    m_p521 = *p521;
    m_emu = std::make_unique<EmulatorThread>();
    auto info = m_emu->start();
    SB_VERIFY_RESULT(info);
    m_info = *info;
    m_client = makeClient(m_rsa);
    QVERIFY(!m_client.certId.isEmpty());
}

void TestEmulatorToken::cleanupTestCase()
{
    m_emu.reset();
}

TestEmulatorToken::Client TestEmulatorToken::makeClient(const Crypto::PrivateKey &key, int role)
{
    auto integ = m_emu->createIntegration();
    if (!integ) {
        return {};
    }
    auto cert = m_emu->uploadCertificate(certificateFor(key), integ->clientId, role);
    if (!cert) {
        qWarning() << cert.error().message;
        return {};
    }
    return Client{integ->clientId, cert->certificateId, key};
}

Claims TestEmulatorToken::claimsFor(const Client &c)
{
    Claims claims;
    claims.iss = c.clientId;
    claims.kid = c.certId;
    claims.aud = m_info.audience;
    claims.iat = m_emu->nowSeconds();
    claims.exp = claims.iat + 3600;
    return claims;
}

Reply TestEmulatorToken::postToken(const QByteArray &assertion, EmulatorThread *emu)
{
    return send(m_nam, "POST", (emu ? emu->info() : m_info).tokenUrl, tokenForm(assertion),
                formHeaders());
}

void TestEmulatorToken::startLineHasTheAccountsTokenUrlAsAud()
{
    const QJsonObject line = m_info.toJson();
    QCOMPARE(line.value(QLatin1String("account")).toString(), QStringLiteral("1234567_SB1"));
    QCOMPARE(
        line.value(QLatin1String("aud")).toString(),
        QStringLiteral(
            "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"));
    QCOMPARE(m_info.baseUrl.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(m_info.baseUrl.port() > 0);
    for (const char *key : {"base_url", "token_url", "rest_url"}) {
        QVERIFY(line.contains(QLatin1String(key)));
    }
}

void TestEmulatorToken::happyPathEachAlgorithm_data()
{
    QTest::addColumn<int>("alg");
    QTest::addColumn<QString>("keyName");
    QTest::newRow("PS256") << int(Alg::PS256) << QStringLiteral("rsa");
    QTest::newRow("PS384") << int(Alg::PS384) << QStringLiteral("rsa");
    QTest::newRow("PS512") << int(Alg::PS512) << QStringLiteral("rsa");
    QTest::newRow("ES256") << int(Alg::ES256) << QStringLiteral("p256");
    QTest::newRow("ES384") << int(Alg::ES384) << QStringLiteral("p384");
    QTest::newRow("ES512") << int(Alg::ES512) << QStringLiteral("p521");
}

void TestEmulatorToken::happyPathEachAlgorithm()
{
    QFETCH(int, alg);
    QFETCH(QString, keyName);
    static QHash<QString, Client> clients;
    if (!clients.contains(keyName)) {
        const Crypto::PrivateKey key = keyName == QLatin1String("rsa")    ? m_rsa
                                       : keyName == QLatin1String("p256") ? m_p256
                                       : keyName == QLatin1String("p384") ? m_p384
                                                                          : m_p521;
        clients.insert(keyName, keyName == QLatin1String("rsa") ? m_client : makeClient(key));
    }
    const Client c = clients.value(keyName);
    QVERIFY(!c.certId.isEmpty());
    const Reply r = postToken(mint(c.key, Alg(alg), claimsFor(c)));
    QCOMPARE(r.status, 200);
    const QJsonObject body = r.json();
    QCOMPARE(body.value(QLatin1String("expires_in")).toString(), QStringLiteral("3600"));
    QCOMPARE(body.value(QLatin1String("token_type")).toString(), QStringLiteral("Bearer"));
    const auto token = Jwt::decode(body.value(QLatin1String("access_token")).toString().toLatin1());
    SB_VERIFY_RESULT(token);
    const QJsonObject claims = token->payload.object;
    QCOMPARE(claims.value(QLatin1String("sub")).toString(),
             QStringLiteral("%1;%2").arg(Emu::IntegrationRole).arg(Emu::IntegrationEntity));
    QCOMPARE(claims.value(QLatin1String("iss")).toString(),
             QStringLiteral("https://system.netsuite.com"));
    QCOMPARE(claims.value(QLatin1String("aud")).toArray().at(1).toString(), c.clientId);
    QVERIFY(claims.value(QLatin1String("aud"))
                .toArray()
                .at(0)
                .toString()
                .endsWith(QLatin1String(";1234567_SB1")));
    QCOMPARE(claims.value(QLatin1String("exp")).toInteger()
                 - claims.value(QLatin1String("iat")).toInteger(),
             3600);
    // The token works on REST.
    const Reply list
        = send(m_nam, "GET", QUrl(m_info.restUrl.toString() + QStringLiteral("/customer")), {},
               {{"Authorization",
                 "Bearer " + body.value(QLatin1String("access_token")).toString().toLatin1()}});
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json().value(QLatin1String("totalResults")).toInt(), 0);
}

void TestEmulatorToken::rejections_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("detail");
    // clang-format off
    QTest::newRow("unknown iss")        << "iss"       << 401 << "invalid_client"  << "UnknownIntegration";
    QTest::newRow("unknown kid")        << "kid"       << 401 << "invalid_client"  << "ClientAuthenticationFailed";
    QTest::newRow("bad signature")      << "signature" << 401 << "invalid_client"  << "InvalidSignature";
    QTest::newRow("RS256")              << "rs256"     << 401 << "invalid_client"  << "InvalidAlgorithm";
    QTest::newRow("aud without _SB1")   << "aud-prod"  << 400 << "invalid_grant"   << "InvalidAudience";
    QTest::newRow("aud with underscore")<< "aud-under" << 400 << "invalid_grant"   << "InvalidAudience";
    QTest::newRow("aud upper case")     << "aud-case"  << 400 << "invalid_grant"   << "InvalidAudience";
    QTest::newRow("aud other account")  << "aud-other" << 400 << "invalid_grant"   << "InvalidAudience";
    QTest::newRow("lifetime 3601 s")    << "lifetime"  << 400 << "invalid_grant"   << "InvalidTokenLifetime";
    QTest::newRow("expired")            << "expired"   << 400 << "invalid_grant"   << "AssertionExpired";
    QTest::newRow("iat in future")      << "future"    << 400 << "invalid_grant"   << "InvalidIssuedAt";
    QTest::newRow("unknown scope")      << "scope"     << 400 << "invalid_grant"   << "InvalidScope";
    QTest::newRow("no scope")           << "noscope"   << 400 << "invalid_grant"   << "InvalidScope";
    QTest::newRow("typ JWS")            << "typ"       << 400 << "invalid_grant"   << "InvalidTokenType";
    QTest::newRow("not a JWT")          << "garbage"   << 400 << "invalid_request" << "InvalidRequest";
    QTest::newRow("wrong grant_type")   << "grant"     << 400 << "invalid_request" << "InvalidRequest";
    // clang-format on
}

void TestEmulatorToken::rejections()
{
    QFETCH(QString, what);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QString, detail);
    Claims c = claimsFor(m_client);
    Alg alg = Alg::PS256;
    Crypto::PrivateKey key = m_rsa;
    QByteArray form;
    if (what == QLatin1String("iss")) {
        c.iss = QString(64, QLatin1Char('a'));
    } else if (what == QLatin1String("kid")) {
        c.kid = QStringLiteral("NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA");
    } else if (what == QLatin1String("signature")) {
        key = *Crypto::generateKey({Crypto::KeyType::Rsa, 3072, {}});
    } else if (what == QLatin1String("rs256")) {
        alg = Alg::RS256;
    } else if (what == QLatin1String("aud-prod")) {
        c.aud = QStringLiteral(
            "https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token");
    } else if (what == QLatin1String("aud-under")) {
        c.aud = QStringLiteral(
            "https://1234567_sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token");
    } else if (what == QLatin1String("aud-case")) {
        c.aud = QStringLiteral(
            "https://1234567-SB1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token");
    } else if (what == QLatin1String("aud-other")) {
        c.aud = QStringLiteral(
            "https://7654321-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token");
    } else if (what == QLatin1String("lifetime")) {
        c.exp = c.iat + 3601;
    } else if (what == QLatin1String("expired")) {
        c.iat -= 4000;
        c.exp = c.iat + 3000;
    } else if (what == QLatin1String("future")) {
        c.iat += 600;
        c.exp = c.iat + 600;
    } else if (what == QLatin1String("scope")) {
        c.scope = QStringLiteral("SuiteAnalytics");
    } else if (what == QLatin1String("noscope")) {
        c.scope = QJsonValue(QJsonValue::Undefined);
    } else if (what == QLatin1String("typ")) {
        c.typ = QStringLiteral("JWS");
    } else if (what == QLatin1String("garbage")) {
        form = tokenForm("not-a-jwt");
    } else if (what == QLatin1String("grant")) {
        form = tokenForm(mint(key, alg, c)).replace("client_credentials", "authorization_code");
    }
    if (form.isEmpty()) {
        form = tokenForm(mint(key, alg, c));
    }
    m_emu->call([](Emu &e) { e.clearAuditTrail(); });
    const Reply r = send(m_nam, "POST", m_info.tokenUrl, form, formHeaders());
    QCOMPARE(r.status, status);
    // NetSuite's minimal body: only "error".
    QCOMPARE(r.json(), (QJsonObject{{QStringLiteral("error"), error}}));
    if (status == 401) {
        QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Basic realm=\"1234567_SB1\""));
    }
    const auto audit = m_emu->auditTrail();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0].detail, detail);
    QCOMPARE(audit[0].endpoint, QStringLiteral("token"));
    QCOMPARE(audit[0].httpStatus, status);
    QVERIFY(!audit[0].reason.isEmpty());
}

void TestEmulatorToken::disabledRoleIsEntityOrRoleDisabled()
{
    const Client c = makeClient(m_p256, Emu::ViewOnlyRole);
    QVERIFY(!c.certId.isEmpty());
    m_emu->call([](Emu &e) {
        for (Role role : e.roles()) {
            if (role.id == Emu::ViewOnlyRole) {
                role.enabled = false;
                (void)e.putRole(role);
            }
        }
    });
    const Reply r = postToken(mint(c.key, Alg::ES256, claimsFor(c)));
    QCOMPARE(r.status, 400);
    QCOMPARE(m_emu->auditTrail().last().detail, QStringLiteral("EntityOrRoleDisabled"));
    m_emu->call([](Emu &e) {
        for (Role role : e.roles()) {
            if (role.id == Emu::ViewOnlyRole) {
                role.enabled = true;
                (void)e.putRole(role);
            }
        }
    });
    QCOMPARE(postToken(mint(c.key, Alg::ES256, claimsFor(c))).status, 200);
}

void TestEmulatorToken::expiredCertificateIsRefused()
{
    EmulatorThread emu;
    SB_VERIFY_RESULT(emu.start());
    auto integ = emu.createIntegration();
    SB_VERIFY_RESULT(integ);
    auto cert = emu.uploadCertificate(certificateFor(m_p256, 1), integ->clientId);
    SB_VERIFY_RESULT(cert);
    emu.advanceClock(2 * 86400);
    Claims c;
    c.iss = integ->clientId;
    c.kid = cert->certificateId;
    c.aud = emu.info().audience;
    c.iat = emu.nowSeconds();
    c.exp = c.iat + 300;
    const Reply r = postToken(mint(m_p256, Alg::ES256, c), &emu);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_client"));
    QCOMPARE(emu.auditTrail().last().detail, QStringLiteral("ClientAuthenticationFailed"));
    QVERIFY(emu.auditTrail().last().reason.contains(QLatin1String("expired")));
}

void TestEmulatorToken::certificateRules()
{
    auto integ = m_emu->createIntegration();
    SB_VERIFY_RESULT(integ);
    // RSA 2048 is below NetSuite's 3072/4096.
    auto rsa2048 = Crypto::generateKey({Crypto::KeyType::Rsa, 2048, {}});
    SB_VERIFY_RESULT(rsa2048);
    SB_VERIFY_ERROR(m_emu->uploadCertificate(certificateFor(*rsa2048), integ->clientId),
                    EmulatorError::Code::CertificateRefused);
    // Not a certificate; a private key is refused outright.
    SB_VERIFY_ERROR(m_emu->uploadCertificate("hello", integ->clientId),
                    EmulatorError::Code::CertificateRefused);
    SB_VERIFY_ERROR(m_emu->uploadCertificate(m_p256.toPkcs8Pem()->exposeForApi(), integ->clientId),
                    EmulatorError::Code::CertificateRefused);
    // Unknown integration.
    SB_VERIFY_ERROR(m_emu->uploadCertificate(certificateFor(m_p256), QString(64, QLatin1Char('0'))),
                    EmulatorError::Code::NotFound);
    // Five active certificates at most; a revoked one frees a slot.
    QStringList ids;
    for (int i = 0; i < 5; ++i) {
        auto key = Crypto::generateKey({Crypto::KeyType::Ec, 256, Crypto::Curve::P256});
        auto m = m_emu->uploadCertificate(certificateFor(*key), integ->clientId);
        SB_VERIFY_RESULT(m);
        QCOMPARE(m->certificateId.size(), 43);
        QVERIFY(!m->certificateId.contains(QLatin1Char('=')));
        ids << m->certificateId;
    }
    auto sixth = Crypto::generateKey({Crypto::KeyType::Ec, 256, Crypto::Curve::P256});
    SB_VERIFY_ERROR(m_emu->uploadCertificate(certificateFor(*sixth), integ->clientId),
                    EmulatorError::Code::LimitReached);
    const QString first = ids.first();
    SB_VERIFY_RESULT(m_emu->call([&](Emu &e) { return e.revokeCertificate(first); }));
    const QByteArray sixthPem = certificateFor(*sixth);
    SB_VERIFY_RESULT(m_emu->uploadCertificate(sixthPem, integ->clientId));
    // The same certificate cannot serve two mappings (checked before the limit).
    SB_VERIFY_ERROR(m_emu->uploadCertificate(sixthPem, integ->clientId),
                    EmulatorError::Code::CertificateRefused);
    QCOMPARE(integ->clientId.size(), 64);
}

void TestEmulatorToken::legacyRs256Settings()
{
    Settings s;
    s.allowRs256 = true;
    EmulatorThread legacy(s);
    SB_VERIFY_RESULT(legacy.start());
    auto integ = legacy.createIntegration();
    auto cert = legacy.uploadCertificate(certificateFor(m_rsa), integ->clientId);
    SB_VERIFY_RESULT(cert);
    Claims c;
    c.iss = integ->clientId;
    c.kid = cert->certificateId;
    c.aud = legacy.info().audience;
    c.iat = legacy.nowSeconds();
    c.exp = c.iat + 300;
    QCOMPARE(postToken(mint(m_rsa, Alg::RS256, c), &legacy).status, 200);

    // "Some report 500 server_error for RS256": one table row.
    Settings t;
    t.tokenErrors[TokenRejection::AlgRs256]
        = TokenErrorResponse{500, QStringLiteral("server_error")};
    t.errorDescription = true;
    EmulatorThread strict(t);
    SB_VERIFY_RESULT(strict.start());
    auto integ2 = strict.createIntegration();
    auto cert2 = strict.uploadCertificate(certificateFor(m_rsa), integ2->clientId);
    SB_VERIFY_RESULT(cert2);
    c.iss = integ2->clientId;
    c.kid = cert2->certificateId;
    const Reply r = postToken(mint(m_rsa, Alg::RS256, c), &strict);
    QCOMPARE(r.status, 500);
    QCOMPARE(r.json().value(QLatin1String("error")).toString(), QStringLiteral("server_error"));
    QVERIFY(!r.json().value(QLatin1String("error_description")).toString().isEmpty());
}

void TestEmulatorToken::audienceModes()
{
    Settings s;
    s.audienceMode = AudienceMode::Own;
    EmulatorThread own(s);
    SB_VERIFY_RESULT(own.start());
    QCOMPARE(own.info().audience, own.info().tokenUrl.toString());
    auto integ = own.createIntegration();
    auto cert = own.uploadCertificate(certificateFor(m_p384), integ->clientId);
    SB_VERIFY_RESULT(cert);
    Claims c;
    c.iss = integ->clientId;
    c.kid = cert->certificateId;
    c.aud = own.info().tokenUrl.toString();
    c.iat = own.nowSeconds();
    c.exp = c.iat + 300;
    QCOMPARE(postToken(mint(m_p384, Alg::ES384, c), &own).status, 200);

    // Case-insensitive aud as a setting.
    Settings ci;
    ci.audienceCaseInsensitive = true;
    EmulatorThread lenient(ci);
    SB_VERIFY_RESULT(lenient.start());
    auto integ2 = lenient.createIntegration();
    auto cert2 = lenient.uploadCertificate(certificateFor(m_p384), integ2->clientId);
    SB_VERIFY_RESULT(cert2);
    c.iss = integ2->clientId;
    c.kid = cert2->certificateId;
    c.aud = QStringLiteral(
        "https://1234567-SB1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token");
    QCOMPARE(postToken(mint(m_p384, Alg::ES384, c), &lenient).status, 200);
}

void TestEmulatorToken::assertionFromOpensslCli()
{
    // Key, certificate and signature made by the openssl command line, not by our signer.
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        QFAIL("the openssl command line is not installed; packaging/setup-debian.sh installs it");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto run = [&](const QStringList &args) {
        QProcess p;
        p.setWorkingDirectory(dir.path());
        p.start(openssl, args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished(5000);
            return false;
        }
        return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    };
    // A 1000-day certificate: NetSuite (and the emulator) silently shortens it to 2 years.
    QVERIFY(run({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                 QStringLiteral("rsa:3072"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                 QStringLiteral("key.pem"), QStringLiteral("-out"), QStringLiteral("cert.pem"),
                 QStringLiteral("-days"), QStringLiteral("1000"), QStringLiteral("-subj"),
                 QStringLiteral("/CN=test-only openssl client")}));
    QFile certFile(dir.filePath(QStringLiteral("cert.pem")));
    QVERIFY(certFile.open(QIODevice::ReadOnly));
    auto integ = m_emu->createIntegration();
    auto mapping = m_emu->uploadCertificate(certFile.readAll(), integ->clientId);
    SB_VERIFY_RESULT(mapping);
    QVERIFY(mapping->shortened);
    QCOMPARE(mapping->validFrom.daysTo(mapping->validUntil), 730);

    const qint64 now = m_emu->nowSeconds();
    const QByteArray headerJson = QByteArrayLiteral("{\"alg\":\"PS256\",\"typ\":\"JWT\",\"kid\":\"")
                                  + mapping->certificateId.toLatin1() + "\"}";
    const QByteArray header = Jwt::base64UrlEncode(headerJson);
    const QByteArray payloadJson = QByteArrayLiteral("{\"iss\":\"") + integ->clientId.toLatin1()
                                   + "\",\"scope\":\"rest_webservices,restlets\",\"aud\":\""
                                   + m_info.audience.toLatin1()
                                   + "\",\"iat\":" + QByteArray::number(now)
                                   + ",\"exp\":" + QByteArray::number(now + 3600) + "}";
    const QByteArray payload = Jwt::base64UrlEncode(payloadJson);
    QFile input(dir.filePath(QStringLiteral("input.txt")));
    QVERIFY(input.open(QIODevice::WriteOnly));
    input.write(header + '.' + payload);
    input.close();
    QVERIFY(run({QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-sign"),
                 QStringLiteral("key.pem"), QStringLiteral("-sigopt"),
                 QStringLiteral("rsa_padding_mode:pss"), QStringLiteral("-sigopt"),
                 QStringLiteral("rsa_pss_saltlen:32"), QStringLiteral("-out"),
                 QStringLiteral("sig.bin"), QStringLiteral("input.txt")}));
    QFile sig(dir.filePath(QStringLiteral("sig.bin")));
    QVERIFY(sig.open(QIODevice::ReadOnly));
    const QByteArray assertion = header + '.' + payload + '.' + Jwt::base64UrlEncode(sig.readAll());
    const Reply r = postToken(assertion);
    QCOMPARE(r.status, 200);
    QVERIFY(!r.json().value(QLatin1String("access_token")).toString().isEmpty());
}

void TestEmulatorToken::accessTokenExpiresOnRest()
{
    const Reply t = postToken(mint(m_rsa, Alg::PS256, claimsFor(m_client)));
    QCOMPARE(t.status, 200);
    const QByteArray bearer
        = "Bearer " + t.json().value(QLatin1String("access_token")).toString().toLatin1();
    const QUrl url(m_info.restUrl.toString() + QStringLiteral("/customer"));
    QCOMPARE(send(m_nam, "GET", url, {}, {{"Authorization", bearer}}).status, 200);
    m_emu->advanceClock(3600); // no sleeping: the emulator's clock moves
    const Reply r = send(m_nam, "GET", url, {}, {{"Authorization", bearer}});
    m_emu->advanceClock(-3600);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), QStringLiteral("INVALID_LOGIN"));
    QCOMPARE(r.header("WWW-Authenticate"),
             QByteArray("Bearer realm=\"1234567_SB1\", error=\"invalid_token\", "
                        "error_description=\"Invalid login attempt.\""));
    QCOMPARE(m_emu->auditTrail().last().detail, QStringLiteral("AccessTokenExpired"));
    // Malformed and missing tokens.
    QCOMPARE(send(m_nam, "GET", url, {}, {{"Authorization", "Bearer abc.def"}}).status, 401);
    QCOMPARE(send(m_nam, "GET", url).status, 401);
}

void TestEmulatorToken::tokenFromAnotherAccountIsRefused()
{
    Settings s;
    s.account = QStringLiteral("7654321");
    EmulatorThread other(s);
    SB_VERIFY_RESULT(other.start());
    auto integ = other.createIntegration();
    auto cert = other.uploadCertificate(certificateFor(m_p256), integ->clientId);
    SB_VERIFY_RESULT(cert);
    Claims c;
    c.iss = integ->clientId;
    c.kid = cert->certificateId;
    c.aud = QStringLiteral(
        "https://7654321.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token");
    QCOMPARE(other.info().audience, c.aud);
    c.iat = other.nowSeconds();
    c.exp = c.iat + 300;
    const Reply t = postToken(mint(m_p256, Alg::ES256, c), &other);
    QCOMPARE(t.status, 200);
    const QByteArray bearer
        = "Bearer " + t.json().value(QLatin1String("access_token")).toString().toLatin1();
    const Reply r
        = send(m_nam, "GET", QUrl(m_info.restUrl.toString() + QStringLiteral("/customer")), {},
               {{"Authorization", bearer}});
    QCOMPARE(r.status, 401);
    QVERIFY(m_emu->auditTrail().last().reason.contains(QLatin1String("another account")));
}

void TestEmulatorToken::roleWithoutRestGetsPermissionError()
{
    const Client c = makeClient(m_p521, Emu::NoRestRole);
    const Reply t = postToken(mint(c.key, Alg::ES512, claimsFor(c)));
    QCOMPARE(t.status, 200); // the token works…
    const Reply r
        = send(m_nam, "GET", QUrl(m_info.restUrl.toString() + QStringLiteral("/customer")), {},
               {{"Authorization",
                 "Bearer " + t.json().value(QLatin1String("access_token")).toString().toLatin1()}});
    QCOMPARE(r.status, 403); // …the call does not
    QCOMPARE(r.errorCode(), QStringLiteral("INSUFFICIENT_PERMISSION"));
}

void TestEmulatorToken::restletsOnlyTokenIsScopeMismatched()
{
    Claims c = claimsFor(m_client);
    c.scope = QStringLiteral("restlets");
    const Reply t = postToken(mint(m_rsa, Alg::PS256, c));
    QCOMPARE(t.status, 200);
    const Reply r
        = send(m_nam, "GET", QUrl(m_info.restUrl.toString() + QStringLiteral("/customer")), {},
               {{"Authorization",
                 "Bearer " + t.json().value(QLatin1String("access_token")).toString().toLatin1()}});
    QCOMPARE(r.status, 401);
    QCOMPARE(m_emu->auditTrail().last().detail, QStringLiteral("ScopeMismatched"));
}

void TestEmulatorToken::revokedCertificateKillsItsTokens()
{
    const Client c = makeClient(m_p384);
    const Reply t = postToken(mint(c.key, Alg::ES384, claimsFor(c)));
    QCOMPARE(t.status, 200);
    const QString certId = c.certId;
    SB_VERIFY_RESULT(m_emu->call([&](Emu &e) { return e.revokeCertificate(certId); }));
    const Reply again = postToken(mint(c.key, Alg::ES384, claimsFor(c)));
    QCOMPARE(again.status, 401);
    QVERIFY(m_emu->auditTrail().last().reason.contains(QLatin1String("revoked")));
    const Reply r
        = send(m_nam, "GET", QUrl(m_info.restUrl.toString() + QStringLiteral("/customer")), {},
               {{"Authorization",
                 "Bearer " + t.json().value(QLatin1String("access_token")).toString().toLatin1()}});
    QCOMPARE(r.status, 401);
    QCOMPARE(m_emu->auditTrail().last().detail, QStringLiteral("TokenRejected"));
}

void TestEmulatorToken::adminApiOverHttp()
{
    const QString admin = m_info.baseUrl.toString() + QStringLiteral("/__emulator");
    const QList<QPair<QByteArray, QByteArray>> json{{"Content-Type", "application/json"}};
    const Reply created = send(m_nam, "POST", QUrl(admin + QStringLiteral("/integrations")),
                               "{\"name\":\"over http\"}", json);
    QCOMPARE(created.status, 201);
    const QString clientId = created.json().value(QLatin1String("client_id")).toString();
    QCOMPARE(clientId.size(), 64);
    // Listing does not show the Client ID again.
    const Reply list = send(m_nam, "GET", QUrl(admin + QStringLiteral("/integrations")));
    QVERIFY(!list.body.contains(clientId.toLatin1()));
    const QJsonObject upload{
        {QStringLiteral("certificate"), QString::fromLatin1(certificateFor(m_p256, 30))},
        {QStringLiteral("client_id"), clientId},
        {QStringLiteral("role"), Emu::IntegrationRole},
        {QStringLiteral("entity"), Emu::IntegrationEntity}};
    const Reply mapped = send(m_nam, "POST", QUrl(admin + QStringLiteral("/certificates")),
                              QJsonDocument(upload).toJson(), json);
    QCOMPARE(mapped.status, 201);
    const QString certId = mapped.json().value(QLatin1String("certificate_id")).toString();
    QCOMPARE(certId.size(), 43);
    Claims c;
    c.iss = clientId;
    c.kid = certId;
    c.aud = m_info.audience;
    c.iat = m_emu->nowSeconds();
    c.exp = c.iat + 60;
    QCOMPARE(postToken(mint(m_p256, Alg::ES256, c)).status, 200);
    QCOMPARE(
        send(m_nam, "POST",
             QUrl(admin + QStringLiteral("/certificates/") + certId + QStringLiteral("/revoke")))
            .status,
        204);
    QCOMPARE(postToken(mint(m_p256, Alg::ES256, c)).status, 401);
    const Reply audit = send(m_nam, "GET", QUrl(admin + QStringLiteral("/audit-trail")));
    QCOMPARE(audit.status, 200);
    QVERIFY(audit.body.contains("ClientAuthenticationFailed"));
    const Reply counters = send(m_nam, "GET", QUrl(admin + QStringLiteral("/counters")));
    QVERIFY(counters.json().value(QLatin1String("tokens_issued")).toInt() > 0);
    // Host header guard (DNS rebinding).
    QCOMPARE(send(m_nam, "GET", QUrl(admin + QStringLiteral("/counters")), {},
                  {{"Host", "evil.example"}})
                 .status,
             421);
}

QTEST_GUILESS_MAIN(TestEmulatorToken)
#include "TestEmulatorToken.moc"
