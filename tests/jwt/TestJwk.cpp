// SPDX-License-Identifier: MIT
// JSON Web Key import (RFC 7517, RFC 7518 §6) for the RFC vectors and the inspector.
#include "jwt/Base64Url.h"
#include "jwt/Jwk.h"
#include "support/ResultTesting.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Sb;
using Code = Jwt::JwtError::Code;

namespace {

QJsonObject loadJwk(const QString &fixture)
{
    QFile file(QStringLiteral(SB_TEST_DATA_DIR "/jwt/") + fixture + QStringLiteral(".json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot open fixture %s", qPrintable(file.fileName()));
    }
    return QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("jwk")).toObject();
}

QJsonObject rsaJwk()
{
    return loadJwk(QStringLiteral("rfc7515-a2")); // RFC 7515 A.2.1, RSA 2048 with CRT values
}

QJsonObject p256Jwk()
{
    return loadJwk(QStringLiteral("rfc7515-a3")); // RFC 7515 A.3.1, P-256
}

QJsonObject p521Jwk()
{
    return loadJwk(QStringLiteral("rfc7520-4.3")); // RFC 7520 §3.2, P-521
}

QJsonObject with(QJsonObject jwk, const QString &name, const QJsonValue &value)
{
    jwk.insert(name, value);
    return jwk;
}

QJsonObject without(QJsonObject jwk, const QStringList &names)
{
    for (const QString &name : names) {
        jwk.remove(name);
    }
    return jwk;
}

QByteArray memberBytes(const QJsonObject &jwk, const QString &name)
{
    return Jwt::base64UrlDecode(jwk.value(name).toString().toLatin1()).bytes;
}

QByteArray withLeadingZero(QByteArray bytes)
{
    bytes.prepend('\0');
    return bytes;
}

QString encoded(const QByteArray &bytes)
{
    return QString::fromLatin1(Jwt::base64UrlEncode(bytes));
}

QJsonObject publicOnly(const QJsonObject &jwk)
{
    return without(jwk, {QStringLiteral("d"), QStringLiteral("p"), QStringLiteral("q"),
                         QStringLiteral("dp"), QStringLiteral("dq"), QStringLiteral("qi")});
}

} // namespace

class TestJwk final : public QObject
{
    Q_OBJECT

private slots:
    void importsRfcKeys_data();
    void importsRfcKeys();
    void rsaWithoutCrtSignsTheSame();
    void ignoresInformationalMembers();
    void rejectsBadPublicJwk_data();
    void rejectsBadPublicJwk();
    void rejectsBadPrivateJwk_data();
    void rejectsBadPrivateJwk();
    void parsesJwkTextStrictly_data();
    void parsesJwkTextStrictly();
};

void TestJwk::importsRfcKeys_data()
{
    QTest::addColumn<QJsonObject>("jwk");
    QTest::addColumn<int>("keyType");
    QTest::addColumn<int>("bits");
    // clang-format off
    QTest::newRow("RFC 7515 A.2.1 RSA")    << rsaJwk()  << int(Crypto::KeyType::Rsa) << 2048;
    QTest::newRow("RFC 7515 A.3.1 P-256")  << p256Jwk() << int(Crypto::KeyType::Ec)  << 256;
    QTest::newRow("RFC 7520 §3.4 RSA")     << loadJwk(QStringLiteral("rfc7520-4.1")) << int(Crypto::KeyType::Rsa) << 2048;
    QTest::newRow("RFC 7520 §3.2 P-521 (x and d start with a zero octet)") << p521Jwk() << int(Crypto::KeyType::Ec) << 521;
    // clang-format on
}

void TestJwk::importsRfcKeys()
{
    QFETCH(QJsonObject, jwk);
    QFETCH(int, keyType);
    QFETCH(int, bits);

    const auto publicKey = Jwt::publicKeyFromJwk(jwk);
    SB_VERIFY_RESULT(publicKey);
    QCOMPARE(int(publicKey->info().type), keyType);
    QCOMPARE(publicKey->info().bits, bits);
    QVERIFY(!publicKey->info().hasPrivate);

    const auto privateKey = Jwt::privateKeyFromJwk(jwk);
    SB_VERIFY_RESULT(privateKey);
    QVERIFY(privateKey->info().hasPrivate);
    QVERIFY(privateKey->publicKey().equals(*publicKey));

    // The public members alone give the same key.
    const auto fromPublicMembers = Jwt::publicKeyFromJwk(publicOnly(jwk));
    SB_VERIFY_RESULT(fromPublicMembers);
    QVERIFY(fromPublicMembers->equals(*publicKey));

    // And the text form gives the same key as the object form.
    const QByteArray text = QJsonDocument(jwk).toJson();
    const auto fromText = Jwt::publicKeyFromJwk(QByteArrayView(text));
    SB_VERIFY_RESULT(fromText);
    QVERIFY(fromText->equals(*publicKey));
    SB_VERIFY_RESULT(Jwt::privateKeyFromJwk(QByteArrayView(text)));
}

void TestJwk::rsaWithoutCrtSignsTheSame()
{
    // RFC 7518 §6.3.2: p, q, dp, dq, qi are optional. PKCS#1 v1.5 is deterministic, so the
    // key built from n, e, d alone must sign exactly like the one with CRT values.
    const QJsonObject full = rsaJwk();
    const QJsonObject minimal
        = without(full, {QStringLiteral("p"), QStringLiteral("q"), QStringLiteral("dp"),
                         QStringLiteral("dq"), QStringLiteral("qi")});
    const auto withCrt = Jwt::privateKeyFromJwk(full);
    const auto withoutCrt = Jwt::privateKeyFromJwk(minimal);
    SB_VERIFY_RESULT(withCrt);
    SB_VERIFY_RESULT(withoutCrt);
    const auto a = Jwt::signRaw(*withCrt, Crypto::JwsAlgorithm::RS256, R"({"alg":"RS256"})", "x");
    const auto b
        = Jwt::signRaw(*withoutCrt, Crypto::JwsAlgorithm::RS256, R"({"alg":"RS256"})", "x");
    SB_VERIFY_RESULT(a);
    SB_VERIFY_RESULT(b);
    QCOMPARE(*a, *b);
}

void TestJwk::ignoresInformationalMembers()
{
    // RFC 7517 §4: use, key_ops, alg, kid, x5* are informational here; the caller picks the
    // algorithm (RFC 8725 §3.1) and nothing is fetched (J13).
    QJsonObject jwk = p256Jwk();
    jwk.insert(QLatin1String("use"), QStringLiteral("enc"));
    jwk.insert(QLatin1String("alg"), QStringLiteral("RS256"));
    jwk.insert(QLatin1String("kid"), QStringLiteral("../../etc/passwd"));
    jwk.insert(QLatin1String("x5u"), QStringLiteral("https://attacker.example/cert"));
    jwk.insert(QLatin1String("key_ops"), QJsonArray({QStringLiteral("sign")}));
    SB_VERIFY_RESULT(Jwt::publicKeyFromJwk(jwk));
}

void TestJwk::rejectsBadPublicJwk_data()
{
    QTest::addColumn<QJsonObject>("jwk");

    const QJsonObject rsa = publicOnly(rsaJwk());
    const QJsonObject ec = publicOnly(p256Jwk());
    const QJsonObject ec521 = publicOnly(p521Jwk());
    const QString n = rsa.value(QLatin1String("n")).toString();
    const QString x = ec.value(QLatin1String("x")).toString();
    QString nonCanonicalN = n;
    nonCanonicalN.back() = QLatin1Char('R'); // "…oQ" → "…oR": unused bits set (RFC 4648 §3.5)
    QString slashN = n;
    slashN.replace(QLatin1Char('_'), QLatin1Char('/'));
    const QByteArray x521 = memberBytes(ec521, QStringLiteral("x"));
    QVERIFY(x521.startsWith('\0'));

    // clang-format off
    // RFC 7517 §4.1: "kty" is required and case-sensitive; we support RSA and EC only.
    QTest::newRow("RFC 7517 §4.1 no kty")        << without(rsa, {QStringLiteral("kty")});
    QTest::newRow("RFC 7517 §4.1 kty number")    << with(rsa, QStringLiteral("kty"), 1);
    QTest::newRow("RFC 7517 §4.1 kty rsa")       << with(rsa, QStringLiteral("kty"), QStringLiteral("rsa"));
    QTest::newRow("RFC 7518 §6.4 kty oct")       << QJsonObject({{QStringLiteral("kty"), QStringLiteral("oct")}, {QStringLiteral("k"), QStringLiteral("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")}});
    QTest::newRow("RFC 8037 §2 kty OKP")         << QJsonObject({{QStringLiteral("kty"), QStringLiteral("OKP")}, {QStringLiteral("crv"), QStringLiteral("Ed25519")}, {QStringLiteral("x"), QStringLiteral("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")}});
    // RFC 7518 §6.3.1: n and e are required Base64urlUInt values.
    QTest::newRow("RFC 7518 §6.3.1 no n")        << without(rsa, {QStringLiteral("n")});
    QTest::newRow("RFC 7518 §6.3.1 no e")        << without(rsa, {QStringLiteral("e")});
    QTest::newRow("RFC 7518 §6.3.1 n number")    << with(rsa, QStringLiteral("n"), 65537);
    QTest::newRow("RFC 7518 §6.3.1 e empty")     << with(rsa, QStringLiteral("e"), QString());
    QTest::newRow("RFC 7515 §2 n padded")        << with(rsa, QStringLiteral("n"), QString(n + QStringLiteral("==")));
    QTest::newRow("RFC 7515 §2 n '/' alphabet")  << with(rsa, QStringLiteral("n"), slashN);
    QTest::newRow("RFC 7515 §2 n whitespace")    << with(rsa, QStringLiteral("n"), QString(n.left(10) + QLatin1Char(' ') + n.mid(10)));
    QTest::newRow("RFC 4648 §3.5 n non-canonical") << with(rsa, QStringLiteral("n"), nonCanonicalN);
    QTest::newRow("RFC 7518 §2 n leading zero")  << with(rsa, QStringLiteral("n"), encoded(withLeadingZero(memberBytes(rsa, QStringLiteral("n")))));
    QTest::newRow("RFC 7518 §2 e leading zero")  << with(rsa, QStringLiteral("e"), QStringLiteral("AAEAAQ"));
    // RFC 7518 §6.2.1: crv P-256/P-384/P-521; x and y exactly the coordinate size.
    QTest::newRow("RFC 7518 §6.2.1.1 no crv")    << without(ec, {QStringLiteral("crv")});
    QTest::newRow("RFC 7518 §6.2.1.1 secp256k1") << with(ec, QStringLiteral("crv"), QStringLiteral("secp256k1"));
    QTest::newRow("RFC 7518 §6.2.1.1 P-512 typo") << with(ec, QStringLiteral("crv"), QStringLiteral("P-512"));
    QTest::newRow("RFC 7518 §6.2.1.1 p-256 case") << with(ec, QStringLiteral("crv"), QStringLiteral("p-256"));
    QTest::newRow("RFC 7518 §6.2.1.2 no x")      << without(ec, {QStringLiteral("x")});
    QTest::newRow("RFC 7518 §6.2.1.3 no y")      << without(ec, {QStringLiteral("y")});
    QTest::newRow("RFC 7518 §6.2.1.2 x 31 octets") << with(ec, QStringLiteral("x"), encoded(memberBytes(ec, QStringLiteral("x")).mid(1)));
    QTest::newRow("RFC 7518 §6.2.1.2 x 33 octets") << with(ec, QStringLiteral("x"), encoded(withLeadingZero(memberBytes(ec, QStringLiteral("x")))));
    QTest::newRow("RFC 7518 §6.2.1.2 P-521 x without its zero octet") << with(ec521, QStringLiteral("x"), encoded(x521.mid(1)));
    QTest::newRow("RFC 7518 §6.2.1.2 P-256 x on P-384") << with(ec, QStringLiteral("crv"), QStringLiteral("P-384"));
    QTest::newRow("RFC 7518 §6.2.1.2 x not a string") << with(ec, QStringLiteral("x"), QJsonArray({x}));
    // SEC 1 §3.2.2: a point that is not on the curve is not a public key.
    QTest::newRow("SEC 1 §3.2.2 point off the curve") << with(ec, QStringLiteral("y"), encoded(QByteArray(32, '\x01')));
    // clang-format on
}

void TestJwk::rejectsBadPublicJwk()
{
    QFETCH(QJsonObject, jwk);
    SB_VERIFY_ERROR(Jwt::publicKeyFromJwk(jwk), Code::Jwk);
    SB_VERIFY_ERROR(Jwt::privateKeyFromJwk(jwk), Code::Jwk);
}

void TestJwk::rejectsBadPrivateJwk_data()
{
    QTest::addColumn<QJsonObject>("jwk");
    const QJsonObject rsa = rsaJwk();
    const QJsonObject ec = p256Jwk();
    // clang-format off
    QTest::newRow("RFC 7518 §6.3.2.1 no d")          << publicOnly(rsa);
    QTest::newRow("RFC 7518 §6.3.2 only p")          << without(rsa, {QStringLiteral("q"), QStringLiteral("dp"), QStringLiteral("dq"), QStringLiteral("qi")});
    QTest::newRow("RFC 7518 §6.3.2 no qi")           << without(rsa, {QStringLiteral("qi")});
    QTest::newRow("RFC 7518 §6.3.2.7 oth")           << with(rsa, QStringLiteral("oth"), QJsonArray());
    QTest::newRow("RFC 7518 §2 d leading zero")      << with(rsa, QStringLiteral("d"), encoded(withLeadingZero(memberBytes(rsa, QStringLiteral("d")))));
    QTest::newRow("RFC 7515 §2 d padded")            << with(rsa, QStringLiteral("d"), QString(rsa.value(QLatin1String("d")).toString() + QStringLiteral("==")));
    QTest::newRow("RFC 7518 §6.2.2.1 EC no d")       << publicOnly(ec);
    QTest::newRow("RFC 7518 §6.2.2.1 EC d 31 octets") << with(ec, QStringLiteral("d"), encoded(memberBytes(ec, QStringLiteral("d")).mid(1)));
    QTest::newRow("RFC 7518 §6.2.2.1 EC d 33 octets") << with(ec, QStringLiteral("d"), encoded(withLeadingZero(memberBytes(ec, QStringLiteral("d")))));
    QTest::newRow("RFC 7518 §6.2.2.1 EC d number")   << with(ec, QStringLiteral("d"), 7);
    // RFC 7517 §9.3 key integrity: the private half must belong to the public half.
    QTest::newRow("RFC 7517 §9.3 EC d of another key") << with(ec, QStringLiteral("d"), encoded(QByteArray(32, '\x01')));
    QTest::newRow("RFC 7517 §9.3 RSA p of another key") << with(rsa, QStringLiteral("p"), loadJwk(QStringLiteral("rfc7520-4.1")).value(QLatin1String("p")));
    // clang-format on
}

void TestJwk::rejectsBadPrivateJwk()
{
    QFETCH(QJsonObject, jwk);
    SB_VERIFY_ERROR(Jwt::privateKeyFromJwk(jwk), Code::Jwk);
}

void TestJwk::parsesJwkTextStrictly_data()
{
    QTest::addColumn<QByteArray>("text");
    const QByteArray ec = QJsonDocument(p256Jwk()).toJson(QJsonDocument::Compact);
    // clang-format off
    // RFC 7517 §4 / RFC 7515 §5.2: a repeated member makes the key ambiguous.
    QTest::newRow("RFC 7517 §4 duplicate x")  << QByteArray(ec.chopped(1) + R"(,"x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"})");
    QTest::newRow("RFC 8259 §4 not JSON")     << QByteArray("kty=EC");
    QTest::newRow("RFC 7517 §5 a JWK Set")    << QByteArray("{\"keys\":[" + ec + "]}");
    QTest::newRow("RFC 7517 §4 array")        << QByteArray("[" + ec + "]");
    QTest::newRow("RFC 8259 §8.1 BOM")        << QByteArray("\xef\xbb\xbf" + ec);
    QTest::newRow("RFC 8259 §2 trailing")     << QByteArray(ec + ",");
    // clang-format on
}

void TestJwk::parsesJwkTextStrictly()
{
    QFETCH(QByteArray, text);
    SB_VERIFY_ERROR(Jwt::publicKeyFromJwk(QByteArrayView(text)), Code::Jwk);
    SB_VERIFY_ERROR(Jwt::privateKeyFromJwk(QByteArrayView(text)), Code::Jwk);
}

QTEST_GUILESS_MAIN(TestJwk)
#include "TestJwk.moc"
