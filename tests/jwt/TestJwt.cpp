// SPDX-License-Identifier: MIT
// Compact JWS decode/sign/verify against RFC 7515 and RFC 7520 vectors, the inspector's bad
// inputs (reliability doc J1–J12) and the openssl command line as an outside implementation.
#include "crypto/SecureBytes.h"
#include "jwt/Jwk.h"
#include "jwt/Jwt.h"
#include "support/ResultTesting.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Sb;
using Alg = Crypto::JwsAlgorithm;
using Code = Jwt::JwtError::Code;

Q_DECLARE_METATYPE(Sb::Jwt::JwtError::Code)
Q_DECLARE_METATYPE(Sb::Crypto::JwsAlgorithm)

namespace {

QByteArray b64(QByteArrayView bytes)
{
    return Jwt::base64UrlEncode(bytes);
}

QJsonObject loadFixture(const QString &name)
{
    QFile file(QStringLiteral(SB_TEST_DATA_DIR "/jwt/") + name + QStringLiteral(".json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot open fixture %s", qPrintable(file.fileName()));
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

/** A token whose header and payload are exactly @p headerJson and @p payload. */
QByteArray unsignedToken(QByteArrayView headerJson, QByteArrayView payload,
                         QByteArrayView signature = {})
{
    return b64(headerJson) + '.' + b64(payload) + '.' + b64(signature);
}

/** Replaces segment @p index of a compact token. */
QByteArray withSegment(const QByteArray &compact, int index, const QByteArray &segment)
{
    QList<QByteArray> parts = compact.split('.');
    parts[index] = segment;
    return parts.join('.');
}

} // namespace

class TestJwt final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // Published vectors.
    void decodesRfcVectors_data();
    void decodesRfcVectors();
    void verifiesRfcVectors_data();
    void verifiesRfcVectors();
    void reproducesDeterministicVectors_data();
    void reproducesDeterministicVectors();

    // Sign → decode → verify.
    void roundTripsEveryAlgorithm_data();
    void roundTripsEveryAlgorithm();
    void signSetsAlgFromTheArgument();
    void signRefusesConflictingAlg();
    void signEmitsCompactUtf8();

    // Decode.
    void rejectsMalformed_data();
    void rejectsMalformed();
    void refusesTooLargeBeforeAnything();
    void refusesMillionDotsQuickly();
    void acceptsPastedNoise_data();
    void acceptsPastedNoise();
    void pastedNoiseCanBeDisabled();
    void keepsNonJsonPayload_data();
    void keepsNonJsonPayload();
    void decodesJweHeaderOnly();
    void reportsDuplicateAlgWithBothValues();

    // Verify.
    void refusesAlgNone_data();
    void refusesAlgNone();
    void refusesUnsupportedAlg_data();
    void refusesUnsupportedAlg();
    void refusesHmacKeyedWithThePublicKey();
    void refusesAlgOutsideAllowList();
    void refusesAlgOutsideKeyFamily_data();
    void refusesAlgOutsideKeyFamily();
    void refusesTamperedTokens_data();
    void refusesTamperedTokens();
    void refusesCritAndUnencodedPayload_data();
    void refusesCritAndUnencodedPayload();
    void refusesAmbiguousHeader();
    void refusesJwe();

    // Outside implementation.
    void verifiesTokenSignedByOpenSsl();
    void openSslVerifiesOurToken();

private:
    Crypto::PrivateKey keyFor(Alg alg) const;
    QByteArray signedToken(const Crypto::PrivateKey &key, Alg alg, QByteArrayView headerJson,
                           QByteArrayView payload = R"({"sub":"x"})") const;
    std::optional<QByteArray> runOpenSsl(const QStringList &arguments, int *exitCode = nullptr);

    Crypto::PrivateKey m_rsa;    // "RSA", 2048 bits: RS* and PS*
    Crypto::PrivateKey m_rsaPss; // "RSA-PSS", 3072 bits: PS* only
    Crypto::PrivateKey m_p256;
    Crypto::PrivateKey m_p384;
    Crypto::PrivateKey m_p521;
    QByteArray m_validPs256; // a correctly signed PS256 token
    QByteArray m_validEs256; // a correctly signed ES256 token
};

void TestJwt::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const auto generate = [](Crypto::KeySpec spec) {
        auto key = Crypto::generateKey(spec);
        if (!key) {
            qFatal("key generation failed: %s", qPrintable(key.error().message));
        }
        return *key;
    };
    m_rsa = generate({Crypto::KeyType::Rsa, 2048, Crypto::Curve::None});
    m_rsaPss = generate({Crypto::KeyType::RsaPss, 3072, Crypto::Curve::None});
    m_p256 = generate({Crypto::KeyType::Ec, 0, Crypto::Curve::P256});
    m_p384 = generate({Crypto::KeyType::Ec, 0, Crypto::Curve::P384});
    m_p521 = generate({Crypto::KeyType::Ec, 0, Crypto::Curve::P521});
    m_validPs256 = signedToken(m_rsa, Alg::PS256, R"({"alg":"PS256","typ":"JWT"})");
    m_validEs256 = signedToken(m_p256, Alg::ES256, R"({"alg":"ES256","typ":"JWT"})");
}

Crypto::PrivateKey TestJwt::keyFor(Alg alg) const
{
    switch (alg) {
    case Alg::RS256:
    case Alg::RS384:
    case Alg::RS512:
        return m_rsa;
    case Alg::PS256:
    case Alg::PS384:
    case Alg::PS512:
        return m_rsaPss;
    case Alg::ES256:
        return m_p256;
    case Alg::ES384:
        return m_p384;
    case Alg::ES512:
        return m_p521;
    }
    return {};
}

QByteArray TestJwt::signedToken(const Crypto::PrivateKey &key, Alg alg, QByteArrayView headerJson,
                                QByteArrayView payload) const
{
    const auto token = Jwt::signRaw(key, alg, headerJson, payload);
    if (!token) {
        qFatal("signRaw failed: %s", qPrintable(token.error().message));
    }
    return *token;
}

// ---------------------------------------------------------------------------------------------
// Published vectors

void TestJwt::decodesRfcVectors_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::newRow("RFC 7515 A.2 RS256") << QStringLiteral("rfc7515-a2");
    QTest::newRow("RFC 7515 A.3 ES256") << QStringLiteral("rfc7515-a3");
    QTest::newRow("RFC 7520 4.1 RS256") << QStringLiteral("rfc7520-4.1");
    QTest::newRow("RFC 7520 4.2 PS384") << QStringLiteral("rfc7520-4.2");
    QTest::newRow("RFC 7520 4.3 ES512") << QStringLiteral("rfc7520-4.3");
}

void TestJwt::decodesRfcVectors()
{
    QFETCH(QString, fixture);
    const QJsonObject vector = loadFixture(fixture);
    const QByteArray compact = vector.value(QLatin1String("compact")).toString().toLatin1();
    const QByteArray headerJson = vector.value(QLatin1String("headerJson")).toString().toUtf8();
    const QByteArray payload = vector.value(QLatin1String("payload")).toString().toUtf8();
    const QString alg = vector.value(QLatin1String("alg")).toString();

    const auto decoded = Jwt::decode(compact);
    SB_VERIFY_RESULT(decoded);
    QCOMPARE(decoded->compact, compact);
    QCOMPARE(decoded->segments.size(), 3);
    QVERIFY(!decoded->isJwe);
    QCOMPARE(decoded->headerBytes, headerJson);
    QCOMPARE(decoded->payloadBytes, payload);
    QVERIFY(decoded->header.ok);
    QCOMPARE(decoded->alg(), alg);
    QCOMPARE(decoded->signingInput(), compact.left(compact.lastIndexOf('.')));
    QCOMPARE(b64(decoded->signature), compact.mid(compact.lastIndexOf('.') + 1));
    const auto cleanup = decoded->cleanup;
    QVERIFY(!cleanup.trimmedWhitespace && !cleanup.strippedBearerPrefix && !cleanup.strippedQuotes);

    if (fixture.startsWith(QLatin1String("rfc7515"))) {
        // RFC 7515 A.2.1/A.3.1: the JWT claims of RFC 7519 §3.1.
        QVERIFY(decoded->payload.ok);
        QCOMPARE(decoded->payload.object.value(QLatin1String("iss")).toString(),
                 QStringLiteral("joe"));
        QCOMPARE(decoded->payload.object.value(QLatin1String("exp")).toInteger(),
                 qint64(1300819380));
        QCOMPARE(decoded->payload.object.value(QLatin1String("http://example.com/is_root")),
                 QJsonValue(true));
    } else {
        // RFC 7520 §4: the payload is prose, not JSON; decode keeps it and flags it.
        QVERIFY(!decoded->payload.ok);
        QCOMPARE(decoded->header.object.value(QLatin1String("kid")).toString(),
                 QStringLiteral("bilbo.baggins@hobbiton.example"));
    }
    // RFC 7518 §3.4: ECDSA signatures are R‖S of twice the coordinate size.
    if (alg == QLatin1String("ES256")) {
        QCOMPARE(decoded->signature.size(), 64);
    } else if (alg == QLatin1String("ES512")) {
        QCOMPARE(decoded->signature.size(), 132);
    } else {
        QCOMPARE(decoded->signature.size(), 256);
    }
}

void TestJwt::verifiesRfcVectors_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<Alg>("alg");
    QTest::newRow("RFC 7515 A.2.2 RS256") << QStringLiteral("rfc7515-a2") << Alg::RS256;
    QTest::newRow("RFC 7515 A.3.2 ES256") << QStringLiteral("rfc7515-a3") << Alg::ES256;
    QTest::newRow("RFC 7520 4.1.4 RS256") << QStringLiteral("rfc7520-4.1") << Alg::RS256;
    QTest::newRow("RFC 7520 4.2.4 PS384") << QStringLiteral("rfc7520-4.2") << Alg::PS384;
    QTest::newRow("RFC 7520 4.3.4 ES512") << QStringLiteral("rfc7520-4.3") << Alg::ES512;
}

void TestJwt::verifiesRfcVectors()
{
    QFETCH(QString, fixture);
    QFETCH(Alg, alg);
    const QJsonObject vector = loadFixture(fixture);
    const QJsonObject jwk = vector.value(QLatin1String("jwk")).toObject();
    const QByteArray compact = vector.value(QLatin1String("compact")).toString().toLatin1();

    // The public key from the RFC's JWK, through our own JWK import.
    const auto publicKey = Jwt::publicKeyFromJwk(jwk);
    SB_VERIFY_RESULT(publicKey);
    const auto decoded = Jwt::decode(compact);
    SB_VERIFY_RESULT(decoded);

    const auto verified = Jwt::verify(*decoded, *publicKey);
    SB_VERIFY_RESULT(verified);
    QCOMPARE(*verified, alg);
    // With an explicit allow-list holding only this algorithm, too.
    SB_VERIFY_RESULT(Jwt::verify(*decoded, *publicKey, {alg}));

    // The private half of the same JWK has the same public key.
    const auto privateKey = Jwt::privateKeyFromJwk(jwk);
    SB_VERIFY_RESULT(privateKey);
    QVERIFY(privateKey->publicKey().equals(*publicKey));

    // One flipped bit in the signature and the RFC's own token no longer verifies.
    QByteArray signature = decoded->signature;
    signature[signature.size() / 2] = char(signature.at(signature.size() / 2) ^ 0x01);
    const auto tampered = Jwt::decode(withSegment(compact, 2, b64(signature)));
    SB_VERIFY_RESULT(tampered);
    SB_VERIFY_ERROR(Jwt::verify(*tampered, *publicKey), Code::SignatureInvalid);
}

void TestJwt::reproducesDeterministicVectors_data()
{
    QTest::addColumn<QString>("fixture");
    // RSASSA-PKCS1-v1_5 is deterministic: the exact header and payload bytes of the RFC with
    // the RFC's private key must give the RFC's token byte for byte.
    QTest::newRow("RFC 7515 A.2.1 RS256") << QStringLiteral("rfc7515-a2");
    QTest::newRow("RFC 7520 4.1.3 RS256") << QStringLiteral("rfc7520-4.1");
}

void TestJwt::reproducesDeterministicVectors()
{
    QFETCH(QString, fixture);
    const QJsonObject vector = loadFixture(fixture);
    const auto key = Jwt::privateKeyFromJwk(vector.value(QLatin1String("jwk")).toObject());
    SB_VERIFY_RESULT(key);
    const auto token = Jwt::signRaw(*key, Alg::RS256,
                                    vector.value(QLatin1String("headerJson")).toString().toUtf8(),
                                    vector.value(QLatin1String("payload")).toString().toUtf8());
    SB_VERIFY_RESULT(token);
    QCOMPARE(*token, vector.value(QLatin1String("compact")).toString().toLatin1());
}

// ---------------------------------------------------------------------------------------------
// Sign → decode → verify

void TestJwt::roundTripsEveryAlgorithm_data()
{
    QTest::addColumn<Alg>("alg");
    QTest::addColumn<int>("signatureSize"); // 0: the RSA modulus size
    // RFC 7518 §3.1 algorithm names; §3.3 RS*, §3.5 PS*, §3.4 ES* (R‖S sizes 64/96/132).
    QTest::newRow("RFC 7518 §3.3 RS256") << Alg::RS256 << 256;
    QTest::newRow("RFC 7518 §3.3 RS384") << Alg::RS384 << 256;
    QTest::newRow("RFC 7518 §3.3 RS512") << Alg::RS512 << 256;
    QTest::newRow("RFC 7518 §3.5 PS256") << Alg::PS256 << 384;
    QTest::newRow("RFC 7518 §3.5 PS384") << Alg::PS384 << 384;
    QTest::newRow("RFC 7518 §3.5 PS512") << Alg::PS512 << 384;
    QTest::newRow("RFC 7518 §3.4 ES256") << Alg::ES256 << 64;
    QTest::newRow("RFC 7518 §3.4 ES384") << Alg::ES384 << 96;
    QTest::newRow("RFC 7518 §3.4 ES512") << Alg::ES512 << 132;
}

void TestJwt::roundTripsEveryAlgorithm()
{
    QFETCH(Alg, alg);
    QFETCH(int, signatureSize);
    const Crypto::PrivateKey key = keyFor(alg);

    QJsonObject header;
    header.insert(QLatin1String("typ"), QStringLiteral("JWT"));
    header.insert(QLatin1String("kid"), QStringLiteral("test-only-key"));
    QJsonObject payload;
    payload.insert(QLatin1String("iss"), QStringLiteral("client-id"));
    payload.insert(QLatin1String("aud"),
                   QStringLiteral("https://1234567.suitetalk.api.netsuite.com/token"));
    payload.insert(QLatin1String("exp"), qint64(9007199254740993LL)); // 2^53 + 1 stays exact
    payload.insert(QLatin1String("scope"), QJsonArray({QStringLiteral("restlets")}));
    payload.insert(QLatin1String("name"), QString::fromUtf8("Ren\xc3\xa9 \xf0\x9f\x98\x80"));

    const auto token = Jwt::sign(key, alg, header, payload);
    SB_VERIFY_RESULT(token);
    const auto decoded = Jwt::decode(*token);
    SB_VERIFY_RESULT(decoded);
    QCOMPARE(decoded->alg(), QString::fromLatin1(Crypto::algorithmName(alg)));
    QCOMPARE(decoded->header.object.value(QLatin1String("kid")).toString(),
             QStringLiteral("test-only-key"));
    QVERIFY(decoded->payload.ok);
    QCOMPARE(decoded->payload.object, payload);
    QCOMPARE(decoded->payload.object.value(QLatin1String("exp")).toInteger(),
             qint64(9007199254740993LL));
    QCOMPARE(decoded->signature.size(), signatureSize);

    const auto verified = Jwt::verify(*decoded, key.publicKey());
    SB_VERIFY_RESULT(verified);
    QCOMPARE(*verified, alg);
    SB_VERIFY_RESULT(Jwt::verify(*decoded, key.publicKey(), Crypto::allAlgorithms()));
}

void TestJwt::signSetsAlgFromTheArgument()
{
    // RFC 8725 §3.1: alg comes from the key and the caller, never from a template. A header
    // without alg gets it; a header with the same alg keeps it.
    const QJsonObject payload{{QStringLiteral("sub"), QStringLiteral("x")}};
    const auto withoutAlg = Jwt::sign(m_p256, Alg::ES256, {}, payload);
    SB_VERIFY_RESULT(withoutAlg);
    const auto decoded = Jwt::decode(*withoutAlg);
    SB_VERIFY_RESULT(decoded);
    QCOMPARE(decoded->headerBytes, QByteArray(R"({"alg":"ES256"})"));

    const QJsonObject sameAlg{{QStringLiteral("alg"), QStringLiteral("ES256")}};
    SB_VERIFY_RESULT(Jwt::sign(m_p256, Alg::ES256, sameAlg, payload));
}

void TestJwt::signRefusesConflictingAlg()
{
    const QJsonObject payload{{QStringLiteral("sub"), QStringLiteral("x")}};
    // clang-format off
    SB_VERIFY_ERROR(Jwt::sign(m_p256, Alg::ES256, {{QStringLiteral("alg"), QStringLiteral("none")}}, payload), Code::InvalidArgument);
    SB_VERIFY_ERROR(Jwt::sign(m_p256, Alg::ES256, {{QStringLiteral("alg"), QStringLiteral("es256")}}, payload), Code::InvalidArgument);
    SB_VERIFY_ERROR(Jwt::sign(m_p256, Alg::ES256, {{QStringLiteral("alg"), QStringLiteral("RS256")}}, payload), Code::InvalidArgument);
    SB_VERIFY_ERROR(Jwt::sign(m_p256, Alg::ES256, {{QStringLiteral("alg"), 256}}, payload), Code::InvalidArgument);
    // The key must fit the algorithm (the signer maps crypto's refusal).
    SB_VERIFY_ERROR(Jwt::sign(m_p256, Alg::PS256, {}, payload), Code::AlgKeyMismatch);
    SB_VERIFY_ERROR(Jwt::sign(m_rsaPss, Alg::RS256, {}, payload), Code::AlgKeyMismatch);
    SB_VERIFY_ERROR(Jwt::sign(m_p256, Alg::ES384, {}, payload), Code::AlgKeyMismatch);
    SB_VERIFY_ERROR(Jwt::signRaw(Crypto::PrivateKey(), Alg::ES256, "{}", "{}"), Code::InvalidArgument);
    // clang-format on
}

void TestJwt::signEmitsCompactUtf8()
{
    // RFC 8725 §3.7 and RFC 8259 §8.1: UTF-8, no BOM; compact serialisation, no whitespace.
    const QJsonObject header{{QStringLiteral("typ"), QStringLiteral("JWT")}};
    const QJsonObject payload{{QStringLiteral("name"), QString::fromUtf8("\xc3\xa9")},
                              {QStringLiteral("n"), 1}};
    const auto token = Jwt::sign(m_p256, Alg::ES256, header, payload);
    SB_VERIFY_RESULT(token);
    const auto decoded = Jwt::decode(*token);
    SB_VERIFY_RESULT(decoded);
    QCOMPARE(decoded->headerBytes, QByteArray(R"({"alg":"ES256","typ":"JWT"})"));
    QCOMPARE(decoded->payloadBytes, QByteArray("{\"n\":1,\"name\":\"\xc3\xa9\"}"));
}

// ---------------------------------------------------------------------------------------------
// Decode

void TestJwt::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("compact");
    QTest::addColumn<Code>("expected");
    QTest::addColumn<QString>("mentions"); // a word the message must contain, or ""

    const QByteArray e30 = b64("{}"); // "e30"
    const QByteArray sig = b64("sig");
    // clang-format off
    // J1 / RFC 7515 §7.1: three segments (JWS) or five (RFC 7516 §7.1, JWE).
    QTest::newRow("J1 empty")               << QByteArray()                     << Code::SegmentCount << QString();
    QTest::newRow("J1 one segment")         << e30                              << Code::SegmentCount << QString();
    QTest::newRow("J1 two segments")        << QByteArray(e30 + '.' + e30)      << Code::SegmentCount << QString();
    QTest::newRow("J1 four segments")       << QByteArray("e30.e30.e30.e30")    << Code::SegmentCount << QString();
    QTest::newRow("J1 six segments")        << QByteArray("a.b.c.d.e.f")        << Code::SegmentCount << QString();
    QTest::newRow("J1 many dots")           << QByteArray(1000, '.')            << Code::SegmentCount << QString();
    // RFC 7515 §4: an empty header is not a JSON object.
    QTest::newRow("RFC 7515 §4 all empty")  << QByteArray("..")                 << Code::HeaderJson << QString();
    QTest::newRow("RFC 7516 §4 empty JWE")  << QByteArray("....")               << Code::HeaderJson << QString();
    // J2: whitespace inside is refused (outer whitespace is noise, see acceptsPastedNoise).
    QTest::newRow("J2 space inside")        << QByteArray("e30. e30." + sig)    << Code::Whitespace << QString();
    QTest::newRow("J2 newline inside")      << QByteArray("e30.e30\n." + sig)   << Code::Whitespace << QString();
    QTest::newRow("J2 tab inside")          << QByteArray("e3\t0.e30." + sig)   << Code::Whitespace << QString();
    QTest::newRow("J2 two Bearer prefixes") << QByteArray("Bearer Bearer e30.e30." + sig) << Code::Whitespace << QString();
    // J4: each segment is strict base64url (RFC 7515 §2) and the error names the segment.
    QTest::newRow("J4 '+' in header")       << QByteArray("e3+.e30." + sig)     << Code::Base64Url << QStringLiteral("header");
    QTest::newRow("J4 '/' in payload")      << QByteArray("e30.e3/." + sig)     << Code::Base64Url << QStringLiteral("payload");
    QTest::newRow("J4 '=' in signature")    << QByteArray("e30.e30.c2lnYQ==")   << Code::Base64Url << QStringLiteral("signature");
    QTest::newRow("J4 padded header")       << QByteArray("e30=.e30." + sig)    << Code::Base64Url << QStringLiteral("header");
    QTest::newRow("J4 non-canonical header") << QByteArray("e31.e30." + sig)    << Code::Base64Url << QStringLiteral("non-canonical");
    QTest::newRow("J4 non-canonical payload") << QByteArray("e30.e31." + sig)   << Code::Base64Url << QStringLiteral("payload");
    QTest::newRow("J4 non-canonical signature") << QByteArray("e30.e30.YR")     << Code::Base64Url << QStringLiteral("signature");
    QTest::newRow("J4 length%4==1 signature") << QByteArray("e30.e30.A")        << Code::Base64Url << QStringLiteral("signature");
    QTest::newRow("J4 non-ASCII payload")   << QByteArray("e30.e3\xc3\xa9." + sig) << Code::Base64Url << QStringLiteral("payload");
    QTest::newRow("J4 NUL in header")       << QByteArray("e3\0" "0.e30.", 9)  << Code::Base64Url << QStringLiteral("header");
    QTest::newRow("J4 bad JWE ciphertext")  << QByteArray("e30.AA.AA.A+.AA")    << Code::Base64Url << QStringLiteral("ciphertext");
    // J5 / RFC 7515 §4: the header must be a (strict) JSON object.
    QTest::newRow("J5 header not JSON")     << QByteArray(b64("nope") + ".e30." + sig)  << Code::HeaderJson << QString();
    QTest::newRow("J5 header array")        << QByteArray(b64("[]") + ".e30." + sig)    << Code::HeaderJson << QString();
    QTest::newRow("J5 header null")         << QByteArray(b64("null") + ".e30." + sig)  << Code::HeaderJson << QString();
    QTest::newRow("J5 header string")       << QByteArray(b64("\"PS256\"") + ".e30." + sig) << Code::HeaderJson << QString();
    QTest::newRow("J5 header trailing garbage") << QByteArray(b64("{}x") + ".e30." + sig) << Code::HeaderJson << QString();
    QTest::newRow("J6 header with BOM")     << QByteArray(b64("\xef\xbb\xbf{\"alg\":\"PS256\"}") + ".e30." + sig) << Code::HeaderJson << QStringLiteral("byte order mark");
    QTest::newRow("J6 header overlong UTF-8") << QByteArray(b64("{\"a\":\"\xc0\xaf\"}") + ".e30." + sig) << Code::HeaderJson << QString();
    QTest::newRow("J8 header nested 65 deep") << QByteArray(b64(QByteArray("{\"a\":" + QByteArray(64, '[') + QByteArray(64, ']') + "}")) + ".e30." + sig) << Code::HeaderJson << QString();
    QTest::newRow("J9 header 1e400")        << QByteArray(b64("{\"alg\":1e400}") + ".e30." + sig) << Code::HeaderJson << QString();
    // clang-format on
}

void TestJwt::rejectsMalformed()
{
    QFETCH(QByteArray, compact);
    QFETCH(Code, expected);
    QFETCH(QString, mentions);
    const auto decoded = Jwt::decode(compact);
    SB_VERIFY_ERROR(decoded, expected);
    if (!mentions.isEmpty()) {
        QVERIFY2(decoded.error().message.contains(mentions), qPrintable(decoded.error().message));
    }
}

void TestJwt::refusesTooLargeBeforeAnything()
{
    // J1: over the cap is TooLarge, even when the content would also be wrong otherwise.
    const QByteArray big(256 * 1024 + 1, 'A');
    SB_VERIFY_ERROR(Jwt::decode(big), Code::TooLarge);
    SB_VERIFY_ERROR(Jwt::decode(QByteArray(300 * 1024, '.')), Code::TooLarge);
    // Exactly at the cap is decoded (and here fails for its content instead).
    SB_VERIFY_ERROR(Jwt::decode(QByteArray(256 * 1024, 'A')), Code::SegmentCount);
    Jwt::DecodeOptions small;
    small.maxInputBytes = 10;
    SB_VERIFY_ERROR(Jwt::decode(m_validPs256, small), Code::TooLarge);
}

void TestJwt::refusesMillionDotsQuickly()
{
    // J1 / golang-jwt CVE-2025-30204: "Bearer " and a million dots. With the default cap it
    // is too large; with a 4 MiB cap the dot scan stops at the fifth dot.
    const QByteArray dots = "Bearer " + QByteArray(1000 * 1000, '.');
    QElapsedTimer timer;
    timer.start();
    SB_VERIFY_ERROR(Jwt::decode(dots), Code::TooLarge);
    Jwt::DecodeOptions options;
    options.maxInputBytes = 4 * 1024 * 1024;
    SB_VERIFY_ERROR(Jwt::decode(dots, options), Code::SegmentCount);
    const QByteArray almost = QByteArray(1000 * 1000, 'A') + "....."; // dots only at the end
    SB_VERIFY_ERROR(Jwt::decode(almost, options), Code::SegmentCount);
    QVERIFY2(timer.elapsed() < 2000, "a million dots took more than 2 s");
}

void TestJwt::acceptsPastedNoise_data()
{
    QTest::addColumn<QByteArray>("pasted");
    QTest::addColumn<bool>("whitespace");
    QTest::addColumn<bool>("bearer");
    QTest::addColumn<bool>("quotes");

    const QByteArray t = m_validPs256;
    // J2: copy-paste noise from headers, JSON strings and terminals (RFC 6750 §2.1 "Bearer").
    // clang-format off
    QTest::newRow("J2 clean")                << t                                   << false << false << false;
    QTest::newRow("J2 Bearer and newline")   << QByteArray("Bearer " + t + "\n")    << true  << true  << false;
    QTest::newRow("J2 quoted")               << QByteArray("\"" + t + "\"")         << false << false << true;
    QTest::newRow("J2 lower-case bearer, tab") << QByteArray("  bearer\t" + t)      << true  << true  << false;
    QTest::newRow("J2 BEARER, two spaces")   << QByteArray("BEARER  " + t)          << false << true  << false;
    QTest::newRow("J2 quoted Bearer, CRLF")  << QByteArray("\"Bearer " + t + "\"\r\n") << true << true << true;
    QTest::newRow("J2 Bearer then quotes")   << QByteArray("Bearer \"" + t + "\"")  << false << true  << true;
    QTest::newRow("J2 whitespace in quotes") << QByteArray("\" " + t + " \"")       << true  << false << true;
    // clang-format on
}

void TestJwt::acceptsPastedNoise()
{
    QFETCH(QByteArray, pasted);
    QFETCH(bool, whitespace);
    QFETCH(bool, bearer);
    QFETCH(bool, quotes);
    const auto decoded = Jwt::decode(pasted);
    SB_VERIFY_RESULT(decoded);
    QCOMPARE(decoded->compact, m_validPs256);
    QCOMPARE(decoded->cleanup.trimmedWhitespace, whitespace);
    QCOMPARE(decoded->cleanup.strippedBearerPrefix, bearer);
    QCOMPARE(decoded->cleanup.strippedQuotes, quotes);
    SB_VERIFY_RESULT(Jwt::verify(*decoded, m_rsa.publicKey()));
}

void TestJwt::pastedNoiseCanBeDisabled()
{
    Jwt::DecodeOptions strict;
    strict.allowPastedNoise = false;
    SB_VERIFY_RESULT(Jwt::decode(m_validPs256, strict));
    SB_VERIFY_ERROR(Jwt::decode(QByteArray(m_validPs256 + "\n"), strict), Code::Whitespace);
    SB_VERIFY_ERROR(Jwt::decode(QByteArray("Bearer " + m_validPs256), strict), Code::Whitespace);
    SB_VERIFY_ERROR(Jwt::decode(QByteArray("\"" + m_validPs256 + "\""), strict), Code::Base64Url);
}

void TestJwt::keepsNonJsonPayload_data()
{
    QTest::addColumn<QByteArray>("payload");
    // J5 / RFC 7515 §3: a JWS payload may be any octets; decode keeps them and reports
    // payload.ok == false instead of failing (the inspector shows text or hex).
    QTest::newRow("RFC 7515 §3 empty payload") << QByteArray();
    QTest::newRow("RFC 7515 A.4 'Payload'") << QByteArray("Payload");
    QTest::newRow("RFC 7519 §7.2 JSON array") << QByteArray("[1,2]");
    QTest::newRow("RFC 7519 §7.2 JSON null") << QByteArray("null");
    QTest::newRow("RFC 7519 §7.2 JSON string") << QByteArray("\"claims\"");
    QTest::newRow("RFC 7519 §7.2 binary") << QByteArray("\x00\xff\x10", 3);
    QTest::newRow("RFC 8259 §8.1 payload BOM") << QByteArray("\xef\xbb\xbf{}");
}

void TestJwt::keepsNonJsonPayload()
{
    QFETCH(QByteArray, payload);
    const QByteArray token = signedToken(m_p256, Alg::ES256, R"({"alg":"ES256"})", payload);
    const auto decoded = Jwt::decode(token);
    SB_VERIFY_RESULT(decoded);
    QCOMPARE(decoded->payloadBytes, payload);
    QVERIFY(!decoded->payload.ok);
    QVERIFY(!decoded->payload.error.isEmpty());
    // The signature still covers the bytes, so it verifies.
    SB_VERIFY_RESULT(Jwt::verify(*decoded, m_p256.publicKey()));
}

void TestJwt::decodesJweHeaderOnly()
{
    // J3: RFC 7516 Appendix A.3.7 (A128KW + A128CBC-HS256). Only the header is decoded.
    const QByteArray jwe = "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0."
                           "6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ."
                           "AxY8DCtDaGlsbGljb3RoZQ."
                           "KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY."
                           "U0m_YmjN04DJvceFICbCVQ";
    const auto decoded = Jwt::decode(jwe);
    SB_VERIFY_RESULT(decoded);
    QVERIFY(decoded->isJwe);
    QCOMPARE(decoded->segments.size(), 5);
    QCOMPARE(decoded->headerBytes, QByteArray(R"({"alg":"A128KW","enc":"A128CBC-HS256"})"));
    QCOMPARE(decoded->alg(), QStringLiteral("A128KW"));
    QCOMPARE(decoded->header.object.value(QLatin1String("enc")).toString(),
             QStringLiteral("A128CBC-HS256"));
    QVERIFY(decoded->payloadBytes.isEmpty());
    QVERIFY(decoded->signature.isEmpty());
    QVERIFY(!decoded->payload.ok);
}

void TestJwt::reportsDuplicateAlgWithBothValues()
{
    // J7 / RFC 7515 §5.2: decode succeeds and reports both values; the object keeps the last.
    const QByteArray token = signedToken(
        m_rsa, Alg::PS256, R"({"alg":"PS256","typ":"JWT","alg":"none"})", R"({"exp":1,"exp":2})");
    const auto decoded = Jwt::decode(token);
    SB_VERIFY_RESULT(decoded);
    QCOMPARE(decoded->header.duplicates.size(), 1);
    QCOMPARE(decoded->header.duplicates.first().name, QStringLiteral("alg"));
    QCOMPARE(decoded->header.duplicates.first().rawValues,
             QStringList({QStringLiteral("\"PS256\""), QStringLiteral("\"none\"")}));
    QCOMPARE(decoded->alg(), QStringLiteral("none"));
    QCOMPARE(decoded->payload.duplicates.size(), 1);
    QCOMPARE(decoded->payload.duplicates.first().rawValues,
             QStringList({QStringLiteral("1"), QStringLiteral("2")}));
}

// ---------------------------------------------------------------------------------------------
// Verify

void TestJwt::refusesAlgNone_data()
{
    QTest::addColumn<QByteArray>("compact");
    // J10 / RFC 8725 §3.1 / CVE-2015-9235: "none" in any case never verifies, with or
    // without a signature segment, and even when the key would fit everything else.
    const QByteArray payload = R"({"sub":"x"})";
    // clang-format off
    QTest::newRow("RFC 7519 §6.1 none, empty signature") << unsignedToken(R"({"alg":"none"})", payload);
    QTest::newRow("J10 None")                   << unsignedToken(R"({"alg":"None"})", payload);
    QTest::newRow("J10 NONE")                   << unsignedToken(R"({"alg":"NONE"})", payload);
    QTest::newRow("J10 nOnE")                   << unsignedToken(R"({"alg":"nOnE"})", payload);
    QTest::newRow("J10 none with a signature")  << signedToken(m_rsa, Alg::PS256, R"({"alg":"none"})", payload);
    // clang-format on
}

void TestJwt::refusesAlgNone()
{
    QFETCH(QByteArray, compact);
    const auto decoded = Jwt::decode(compact);
    SB_VERIFY_RESULT(decoded);
    SB_VERIFY_ERROR(Jwt::verify(*decoded, m_rsa.publicKey()), Code::AlgNone);
    SB_VERIFY_ERROR(Jwt::verify(*decoded, m_rsa.publicKey(), Crypto::allAlgorithms()),
                    Code::AlgNone);
}

void TestJwt::refusesUnsupportedAlg_data()
{
    QTest::addColumn<QByteArray>("headerJson");
    // J10: missing, not a string, unknown, wrong case (RFC 7515 §4.1.1 values are
    // case-sensitive), HMAC, EdDSA. The token is otherwise correctly PS256-signed.
    // clang-format off
    QTest::newRow("RFC 7515 §4.1.1 missing alg")  << QByteArray(R"({"typ":"JWT"})");
    QTest::newRow("RFC 7515 §4.1.1 alg number")   << QByteArray(R"({"alg":256})");
    QTest::newRow("RFC 7515 §4.1.1 alg null")     << QByteArray(R"({"alg":null})");
    QTest::newRow("RFC 7515 §4.1.1 alg array")    << QByteArray(R"({"alg":["PS256"]})");
    QTest::newRow("RFC 7515 §4.1.1 empty alg")    << QByteArray(R"({"alg":""})");
    QTest::newRow("RFC 7515 §4.1.1 lower case")   << QByteArray(R"({"alg":"ps256"})");
    QTest::newRow("RFC 7515 §4.1.1 trailing space") << QByteArray(R"({"alg":"PS256 "})");
    QTest::newRow("RFC 7518 §3.1 unknown RS255")  << QByteArray(R"({"alg":"RS255"})");
    QTest::newRow("RFC 7518 §3.2 HS256")          << QByteArray(R"({"alg":"HS256"})");
    QTest::newRow("RFC 7518 §3.2 HS512")          << QByteArray(R"({"alg":"HS512"})");
    QTest::newRow("RFC 8037 EdDSA")               << QByteArray(R"({"alg":"EdDSA"})");
    // clang-format on
}

void TestJwt::refusesUnsupportedAlg()
{
    QFETCH(QByteArray, headerJson);
    const QByteArray token = signedToken(m_rsa, Alg::PS256, headerJson);
    const auto decoded = Jwt::decode(token);
    SB_VERIFY_RESULT(decoded);
    SB_VERIFY_ERROR(Jwt::verify(*decoded, m_rsa.publicKey()), Code::AlgUnsupported);
}

void TestJwt::refusesHmacKeyedWithThePublicKey()
{
    // J10 / RFC 8725 §2.1 / CVE-2016-10555: the classic algorithm confusion. An attacker HMACs
    // the token with the verifier's public key PEM as the secret; a verifier that takes alg
    // from the header and "the key" as bytes accepts it. Ours must refuse, whatever the list.
    const QByteArray publicPem = m_rsa.publicKey().toPem();
    QVERIFY(publicPem.startsWith("-----BEGIN PUBLIC KEY-----"));
    const QByteArray signingInput
        = b64(R"({"alg":"HS256","typ":"JWT"})") + '.' + b64(R"({"sub":"admin"})");
    const QByteArray mac = Crypto::hmac(Crypto::Digest::Sha256, publicPem, signingInput);
    QCOMPARE(mac.size(), 32);
    const auto decoded = Jwt::decode(QByteArray(signingInput + '.' + b64(mac)));
    SB_VERIFY_RESULT(decoded);
    SB_VERIFY_ERROR(Jwt::verify(*decoded, m_rsa.publicKey()), Code::AlgUnsupported);
    SB_VERIFY_ERROR(Jwt::verify(*decoded, m_rsa.publicKey(), Crypto::allAlgorithms()),
                    Code::AlgUnsupported);
    // The same with an EC public key.
    const QByteArray ecMac
        = Crypto::hmac(Crypto::Digest::Sha256, m_p256.publicKey().toPem(), signingInput);
    const auto ecDecoded = Jwt::decode(QByteArray(signingInput + '.' + b64(ecMac)));
    SB_VERIFY_RESULT(ecDecoded);
    SB_VERIFY_ERROR(Jwt::verify(*ecDecoded, m_p256.publicKey()), Code::AlgUnsupported);
}

void TestJwt::refusesAlgOutsideAllowList()
{
    const auto decoded = Jwt::decode(m_validPs256);
    SB_VERIFY_RESULT(decoded);
    // clang-format off
    SB_VERIFY_ERROR(Jwt::verify(*decoded, m_rsa.publicKey(), {Alg::ES256}), Code::AlgNotAllowed);
    SB_VERIFY_ERROR(Jwt::verify(*decoded, m_rsa.publicKey(), {Alg::RS256, Alg::PS384}), Code::AlgNotAllowed);
    SB_VERIFY_RESULT(Jwt::verify(*decoded, m_rsa.publicKey(), {Alg::PS384, Alg::PS256}));
    // clang-format on
}

void TestJwt::refusesAlgOutsideKeyFamily_data()
{
    QTest::addColumn<QByteArray>("compact");
    QTest::addColumn<QString>("keyName");
    // RFC 8725 §3.1: the key fixes the algorithm family; the header cannot widen it.
    // clang-format off
    QTest::newRow("RFC 8725 §3.1 ES256 token, RSA key")     << m_validEs256 << QStringLiteral("rsa");
    QTest::newRow("RFC 8725 §3.1 PS256 token, P-256 key")   << m_validPs256 << QStringLiteral("p256");
    QTest::newRow("RFC 8725 §3.1 RS256 token, RSA-PSS key")
        << signedToken(m_rsa, Alg::RS256, R"({"alg":"RS256"})") << QStringLiteral("rsaPss");
    QTest::newRow("RFC 7518 §3.4 ES384 token, P-256 key")
        << signedToken(m_p384, Alg::ES384, R"({"alg":"ES384"})") << QStringLiteral("p256");
    QTest::newRow("RFC 7518 §3.4 ES256 token, P-521 key")   << m_validEs256 << QStringLiteral("p521");
    // clang-format on
}

void TestJwt::refusesAlgOutsideKeyFamily()
{
    QFETCH(QByteArray, compact);
    QFETCH(QString, keyName);
    const QHash<QString, Crypto::PrivateKey> keys{{QStringLiteral("rsa"), m_rsa},
                                                  {QStringLiteral("rsaPss"), m_rsaPss},
                                                  {QStringLiteral("p256"), m_p256},
                                                  {QStringLiteral("p521"), m_p521}};
    const auto decoded = Jwt::decode(compact);
    SB_VERIFY_RESULT(decoded);
    SB_VERIFY_ERROR(Jwt::verify(*decoded, keys.value(keyName).publicKey()), Code::AlgKeyMismatch);
}

void TestJwt::refusesTamperedTokens_data()
{
    QTest::addColumn<QByteArray>("compact");
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<Code>("expected");

    const QByteArray ps = m_validPs256;
    const QByteArray es = m_validEs256;
    const QByteArray otherPayload = b64(R"({"sub":"admin"})");
    const QByteArray otherHeader = b64(R"({"alg":"PS256","typ":"JWT","kid":"x"})");
    QByteArray flipped = Jwt::base64UrlDecode(ps.mid(ps.lastIndexOf('.') + 1)).bytes;
    flipped[0] = char(flipped.at(0) ^ 0x80);
    const QByteArray esSignature = Jwt::base64UrlDecode(es.mid(es.lastIndexOf('.') + 1)).bytes;
    // A DER ECDSA-Sig-Value (RFC 3279 §2.2.3) instead of R‖S: SEQUENCE { INTEGER r, INTEGER s }.
    const QByteArray der = QByteArray::fromHex("30440220") + esSignature.left(32)
                           + QByteArray::fromHex("0220") + esSignature.mid(32);
    // clang-format off
    QTest::newRow("RFC 7515 §5.2 tampered payload")   << withSegment(ps, 1, otherPayload) << QStringLiteral("rsa") << Code::SignatureInvalid;
    QTest::newRow("RFC 7515 §5.2 tampered header")    << withSegment(ps, 0, otherHeader)  << QStringLiteral("rsa") << Code::SignatureInvalid;
    QTest::newRow("RFC 7515 §5.2 flipped signature")  << withSegment(ps, 2, b64(flipped)) << QStringLiteral("rsa") << Code::SignatureInvalid;
    QTest::newRow("RFC 7515 §5.2 other key")          << ps                               << QStringLiteral("rsaPss") << Code::SignatureInvalid;
    QTest::newRow("RFC 7515 §5.2 ES256 tampered payload") << withSegment(es, 1, otherPayload) << QStringLiteral("p256") << Code::SignatureInvalid;
    // J11 / RFC 7518 §3.4: R‖S of exactly 64 bytes; DER or truncated is an encoding error.
    QTest::newRow("J11 ES256 63 bytes")   << withSegment(es, 2, b64(esSignature.left(63)))   << QStringLiteral("p256") << Code::BadSignatureEncoding;
    QTest::newRow("J11 ES256 65 bytes")   << withSegment(es, 2, b64(QByteArray(esSignature + '\0')))     << QStringLiteral("p256") << Code::BadSignatureEncoding;
    QTest::newRow("J11 ES256 DER")        << withSegment(es, 2, b64(der))                    << QStringLiteral("p256") << Code::BadSignatureEncoding;
    QTest::newRow("J11 ES256 empty")      << withSegment(es, 2, QByteArray())                << QStringLiteral("p256") << Code::BadSignatureEncoding;
    // J11 / CVE-2022-21449 "psychic signatures": r = s = 0 never verifies.
    QTest::newRow("J11 ES256 r=s=0")      << withSegment(es, 2, b64(QByteArray(64, '\0')))   << QStringLiteral("p256") << Code::SignatureInvalid;
    // clang-format on
}

void TestJwt::refusesTamperedTokens()
{
    QFETCH(QByteArray, compact);
    QFETCH(QString, keyName);
    QFETCH(Code, expected);
    const QHash<QString, Crypto::PrivateKey> keys{{QStringLiteral("rsa"), m_rsa},
                                                  {QStringLiteral("rsaPss"), m_rsaPss},
                                                  {QStringLiteral("p256"), m_p256}};
    const auto decoded = Jwt::decode(compact);
    SB_VERIFY_RESULT(decoded);
    SB_VERIFY_ERROR(Jwt::verify(*decoded, keys.value(keyName).publicKey()), expected);
}

void TestJwt::refusesCritAndUnencodedPayload_data()
{
    QTest::addColumn<QByteArray>("headerJson");
    QTest::addColumn<bool>("refused");
    // J12 / RFC 7515 §4.1.11: we understand no extension, so any "crit" is refused (an empty
    // list is invalid too). RFC 7797 §6/§7: "b64": false changes what is signed and is not
    // for JWTs; we refuse it with CritUnsupported, with or without "crit". "b64": true is the
    // default meaning and is accepted.
    // clang-format off
    QTest::newRow("RFC 7515 §4.1.11 crit exp")   << QByteArray(R"({"alg":"PS256","crit":["exp"],"exp":1})") << true;
    QTest::newRow("RFC 7515 §4.1.11 crit empty") << QByteArray(R"({"alg":"PS256","crit":[]})")              << true;
    QTest::newRow("RFC 7515 §4.1.11 crit not a list") << QByteArray(R"({"alg":"PS256","crit":"exp"})")      << true;
    QTest::newRow("RFC 7797 §6 b64 false + crit") << QByteArray(R"({"alg":"PS256","b64":false,"crit":["b64"]})") << true;
    QTest::newRow("RFC 7797 §6 b64 false alone") << QByteArray(R"({"alg":"PS256","b64":false})")           << true;
    QTest::newRow("RFC 7797 §3 b64 not boolean") << QByteArray(R"({"alg":"PS256","b64":"false"})")         << true;
    QTest::newRow("RFC 7797 §3 b64 true")        << QByteArray(R"({"alg":"PS256","b64":true})")            << false;
    QTest::newRow("RFC 7515 §4 no extensions")   << QByteArray(R"({"alg":"PS256"})")                       << false;
    // clang-format on
}

void TestJwt::refusesCritAndUnencodedPayload()
{
    QFETCH(QByteArray, headerJson);
    QFETCH(bool, refused);
    // Correctly signed, so a refusal can only come from the header check.
    const auto decoded = Jwt::decode(signedToken(m_rsa, Alg::PS256, headerJson));
    SB_VERIFY_RESULT(decoded);
    if (refused) {
        SB_VERIFY_ERROR(Jwt::verify(*decoded, m_rsa.publicKey()), Code::CritUnsupported);
    } else {
        SB_VERIFY_RESULT(Jwt::verify(*decoded, m_rsa.publicKey()));
    }
}

void TestJwt::refusesAmbiguousHeader()
{
    // J7 / RFC 7515 §5.2: "reject or use lexically last". Decode reports; verify rejects,
    // because another consumer may keep the first value. Both orders, correctly signed.
    for (const QByteArray &header : {QByteArray(R"({"alg":"none","alg":"PS256"})"),
                                     QByteArray(R"({"alg":"PS256","alg":"PS256"})"),
                                     QByteArray(R"({"alg":"PS256","kid":"a","kid":"b"})")}) {
        const auto decoded = Jwt::decode(signedToken(m_rsa, Alg::PS256, header));
        SB_VERIFY_RESULT(decoded);
        QCOMPARE(decoded->header.duplicates.size(), 1);
        SB_VERIFY_ERROR(Jwt::verify(*decoded, m_rsa.publicKey()), Code::HeaderJson);
    }
    // Duplicates in the payload do not block verification: the signature is over the bytes,
    // and the claims checks (netsuite findings) report them.
    const auto payloadDuplicates
        = Jwt::decode(signedToken(m_rsa, Alg::PS256, R"({"alg":"PS256"})", R"({"exp":1,"exp":2})"));
    SB_VERIFY_RESULT(payloadDuplicates);
    SB_VERIFY_RESULT(Jwt::verify(*payloadDuplicates, m_rsa.publicKey()));
}

void TestJwt::refusesJwe()
{
    // J3: a JWE has no signature; verify says so instead of "invalid signature".
    const QByteArray jwe = b64(R"({"alg":"RSA-OAEP","enc":"A256GCM"})") + ".AA.AA.AA.AA";
    const auto decoded = Jwt::decode(jwe);
    SB_VERIFY_RESULT(decoded);
    QVERIFY(decoded->isJwe);
    SB_VERIFY_ERROR(Jwt::verify(*decoded, m_rsa.publicKey()), Code::IsJwe);
    // A default-constructed token is not a JWS either.
    SB_VERIFY_ERROR(Jwt::verify(Jwt::DecodedJwt(), m_rsa.publicKey()), Code::InvalidArgument);
    // Nor is a null key a key.
    SB_VERIFY_ERROR(Jwt::verify(*Jwt::decode(m_validPs256), Crypto::PublicKey()),
                    Code::InvalidArgument);
}

// ---------------------------------------------------------------------------------------------
// Outside implementation: the openssl command line

std::optional<QByteArray> TestJwt::runOpenSsl(const QStringList &arguments, int *exitCode)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        return std::nullopt;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(openssl, arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return std::nullopt;
    }
    if (exitCode) {
        *exitCode = process.exitCode();
    }
    return process.readAll();
}

void TestJwt::verifiesTokenSignedByOpenSsl()
{
    // Key and signature both made by openssl (RFC 7518 §3.5: PSS, MGF1 with the same hash,
    // salt = hash length); we only build the ASCII signing input and the compact form.
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
        QFAIL("the openssl command line is not installed; packaging/setup-debian.sh installs it");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString keyPath = dir.filePath(QStringLiteral("test-only-openssl.key"));
    const QString pubPath = dir.filePath(QStringLiteral("test-only-openssl.pub"));
    const QString inputPath = dir.filePath(QStringLiteral("input.txt"));
    const QString sigPath = dir.filePath(QStringLiteral("sig.bin"));

    int exitCode = -1;
    auto output
        = runOpenSsl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"),
                      QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
                      QStringLiteral("rsa_keygen_bits:2048"), QStringLiteral("-out"), keyPath},
                     &exitCode);
    QVERIFY2(output && exitCode == 0, output ? output->constData() : "openssl did not run");
    output = runOpenSsl({QStringLiteral("pkey"), QStringLiteral("-in"), keyPath,
                         QStringLiteral("-pubout"), QStringLiteral("-out"), pubPath},
                        &exitCode);
    QVERIFY2(output && exitCode == 0, output ? output->constData() : "openssl did not run");

    const QByteArray signingInput
        = b64(R"({"alg":"PS256","typ":"JWT"})") + '.' + b64(R"({"iss":"openssl","exp":1})");
    {
        QFile input(inputPath);
        QVERIFY(input.open(QIODevice::WriteOnly));
        input.write(signingInput);
    }
    output = runOpenSsl({QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-sign"),
                         keyPath, QStringLiteral("-sigopt"), QStringLiteral("rsa_padding_mode:pss"),
                         QStringLiteral("-sigopt"), QStringLiteral("rsa_pss_saltlen:digest"),
                         QStringLiteral("-out"), sigPath, inputPath},
                        &exitCode);
    QVERIFY2(output && exitCode == 0, output ? output->constData() : "openssl did not run");
    QFile sigFile(sigPath);
    QVERIFY(sigFile.open(QIODevice::ReadOnly));
    const QByteArray signature = sigFile.readAll();
    QCOMPARE(signature.size(), 256);

    const auto publicKey = Crypto::PublicKey::fromFile(pubPath);
    SB_VERIFY_RESULT(publicKey);
    const auto decoded = Jwt::decode(QByteArray(signingInput + '.' + b64(signature)));
    SB_VERIFY_RESULT(decoded);
    const auto verified = Jwt::verify(*decoded, *publicKey, {Alg::PS256});
    SB_VERIFY_RESULT(verified);
    QCOMPARE(*verified, Alg::PS256);
}

void TestJwt::openSslVerifiesOurToken()
{
    // Our PS256 token, checked by openssl with a strict salt length equal to the digest
    // (reliability doc §0 item 5: OpenSSL's default salt would not pass this).
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
        QFAIL("the openssl command line is not installed; packaging/setup-debian.sh installs it");
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString pubPath = dir.filePath(QStringLiteral("ours.pub"));
    const QString inputPath = dir.filePath(QStringLiteral("input.txt"));
    const QString sigPath = dir.filePath(QStringLiteral("sig.bin"));

    const auto token
        = Jwt::sign(m_rsaPss, Alg::PS256, {{QStringLiteral("typ"), QStringLiteral("JWT")}},
                    {{QStringLiteral("iss"), QStringLiteral("suitebench")}});
    SB_VERIFY_RESULT(token);
    const auto decoded = Jwt::decode(*token);
    SB_VERIFY_RESULT(decoded);

    const auto writeFile = [](const QString &path, const QByteArray &bytes) {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    };
    QVERIFY(writeFile(pubPath, m_rsaPss.publicKey().toPem()));
    QVERIFY(writeFile(inputPath, decoded->signingInput()));
    QVERIFY(writeFile(sigPath, decoded->signature));

    const QStringList verifyArguments = {QStringLiteral("dgst"),
                                         QStringLiteral("-sha256"),
                                         QStringLiteral("-verify"),
                                         pubPath,
                                         QStringLiteral("-sigopt"),
                                         QStringLiteral("rsa_padding_mode:pss"),
                                         QStringLiteral("-sigopt"),
                                         QStringLiteral("rsa_pss_saltlen:32"),
                                         QStringLiteral("-signature"),
                                         sigPath,
                                         inputPath};
    int exitCode = -1;
    auto output = runOpenSsl(verifyArguments, &exitCode);
    QVERIFY(output);
    QVERIFY2(exitCode == 0 && output->contains("Verified OK"), output->constData());

    // And the check is real: one changed byte of the signing input fails in openssl too.
    QByteArray tampered = decoded->signingInput();
    tampered[tampered.size() - 1] = tampered.endsWith('A') ? 'B' : 'A';
    QVERIFY(writeFile(inputPath, tampered));
    output = runOpenSsl(verifyArguments, &exitCode);
    QVERIFY(output);
    QVERIFY2(exitCode != 0 && output->contains("Verification failure"), output->constData());
}

QTEST_GUILESS_MAIN(TestJwt)
#include "TestJwt.moc"
