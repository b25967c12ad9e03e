// SPDX-License-Identifier: MIT
// JWS sign/verify against published vectors (RFC 7515 Appendix A, RFC 7520 §4) and against the
// openssl command line in both directions, so a bug shared by our signer and our verifier
// cannot pass unnoticed.
#include "crypto/Jws.h"
#include "crypto/Keys.h"
#include "support/ResultTesting.h"

#include <QTemporaryDir>
#include <QTest>

#include "CryptoTestSupport.h"
#include "RfcVectors.h"

using namespace Sb;
using Crypto::JwsAlgorithm;
using CryptoTest::b64u;
using Code = Crypto::CryptoError::Code;

Q_DECLARE_METATYPE(Sb::Crypto::JwsAlgorithm)
Q_DECLARE_METATYPE(Sb::Crypto::CryptoError::Code)
Q_DECLARE_METATYPE(Sb::Crypto::PrivateKey)
Q_DECLARE_METATYPE(Sb::Crypto::PublicKey)

namespace {

/** About the size of a NetSuite client assertion's signing input. */
QByteArray assertionLikeInput()
{
    QByteArray input = "eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6InRlc3Qtb25seSJ9.";
    while (input.size() < 600) {
        input += "eyJpc3MiOiJ0ZXN0LW9ubHkiLCJzY29wZSI6WyJyZXN0bGV0cyIsInJlc3Rfd2Vic2VydmljZXMiXX0";
    }
    return input;
}

QByteArray flipBit(QByteArray bytes, qsizetype index)
{
    bytes[index] = static_cast<char>(bytes[index] ^ 0x01);
    return bytes;
}

QString digestOption(JwsAlgorithm alg)
{
    const QByteArray name = Crypto::algorithmName(alg);
    return QStringLiteral("-sha") + QString::fromLatin1(name.right(3));
}

int componentBytes(JwsAlgorithm alg)
{
    switch (alg) {
    case JwsAlgorithm::ES256:
        return 32;
    case JwsAlgorithm::ES384:
        return 48;
    case JwsAlgorithm::ES512:
        return 66;
    default:
        return 0;
    }
}

} // namespace

class TestJws final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void namesAreExactCase_data();
    void namesAreExactCase();
    void algorithmsFollowTheKeyFamily_data();
    void algorithmsFollowTheKeyFamily();
    void reproducesDeterministicVectors_data();
    void reproducesDeterministicVectors();
    void verifiesPublishedVectors_data();
    void verifiesPublishedVectors();
    void roundTrips_data();
    void roundTrips();
    void refusesWrongFamily_data();
    void refusesWrongFamily();
    void refusesBadEcdsaEncoding_data();
    void refusesBadEcdsaEncoding();
    void refusesZeroEcdsaComponents_data();
    void refusesZeroEcdsaComponents();
    void pssVerificationIsStrictAboutSalt();
    void opensslVerifiesOurSignatures_data();
    void opensslVerifiesOurSignatures();
    void weVerifyOpenSslSignatures_data();
    void weVerifyOpenSslSignatures();
    void refusesPssWithTooSmallKey();
    void refusesNullKeys();

private:
    QTemporaryDir m_dir;
    Crypto::PrivateKey m_rsa2048;
    Crypto::PrivateKey m_rsaPss3072;
    Crypto::PrivateKey m_p256;
    Crypto::PrivateKey m_p384;
    Crypto::PrivateKey m_p521;
    Crypto::PrivateKey m_pssSha384; // RSA-PSS key restricted to SHA-384 (fixture)
};

void TestJws::initTestCase()
{
    QVERIFY2(!CryptoTest::opensslProgram().isEmpty(), "the openssl command line is needed");
    QVERIFY(m_dir.isValid());
    auto make = [](Crypto::KeySpec spec, Crypto::PrivateKey *out) {
        auto key = Crypto::generateKey(spec);
        QVERIFY2(key.has_value(), "key generation failed");
        *out = *key;
    };
    make({Crypto::KeyType::Rsa, 2048, Crypto::Curve::None}, &m_rsa2048);
    make({Crypto::KeyType::RsaPss, 3072, Crypto::Curve::None}, &m_rsaPss3072);
    make({Crypto::KeyType::Ec, 0, Crypto::Curve::P256}, &m_p256);
    make({Crypto::KeyType::Ec, 0, Crypto::Curve::P384}, &m_p384);
    make({Crypto::KeyType::Ec, 0, Crypto::Curve::P521}, &m_p521);
    auto restricted = Crypto::PrivateKey::fromFile(
        CryptoTest::keyPath(QStringLiteral("test-only-rsa-pss-sha384-2048.pem")));
    SB_VERIFY_RESULT(restricted);
    m_pssSha384 = *restricted;
}

void TestJws::namesAreExactCase_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("known");
    // RFC 7515 §4.1.1: "alg" values are case-sensitive; RFC 7518 §3.1 lists the names.
    for (const JwsAlgorithm alg : Crypto::allAlgorithms()) {
        QTest::newRow(Crypto::algorithmName(alg).constData()) << Crypto::algorithmName(alg) << true;
    }
    QTest::newRow("lower case rs256") << QByteArray("rs256") << false;
    QTest::newRow("mixed case Ps256") << QByteArray("Ps256") << false;
    QTest::newRow("none") << QByteArray("none") << false;
    QTest::newRow("HS256 (never with an RSA key)") << QByteArray("HS256") << false;
    QTest::newRow("EdDSA") << QByteArray("EdDSA") << false;
    QTest::newRow("trailing space") << QByteArray("RS256 ") << false;
    QTest::newRow("embedded NUL") << QByteArray("RS256\0", 6) << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestJws::namesAreExactCase()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, known);
    const auto alg = Crypto::algorithmFromName(name);
    QCOMPARE(alg.has_value(), known);
    if (alg) {
        QCOMPARE(Crypto::algorithmName(*alg), name);
    }
}

void TestJws::algorithmsFollowTheKeyFamily_data()
{
    QTest::addColumn<Crypto::PrivateKey>("key");
    QTest::addColumn<QList<JwsAlgorithm>>("expected");
    using A = JwsAlgorithm;
    auto fixture = [](const char *name) {
        auto key = Crypto::PrivateKey::fromFile(CryptoTest::keyPath(QString::fromLatin1(name)));
        return key ? *key : Crypto::PrivateKey();
    };
    // clang-format off
    QTest::newRow("RSA: RS* and PS*")     << m_rsa2048    << QList<A>{A::RS256, A::RS384, A::RS512, A::PS256, A::PS384, A::PS512};
    QTest::newRow("RSA-PSS: PS* only")    << m_rsaPss3072 << QList<A>{A::PS256, A::PS384, A::PS512};
    QTest::newRow("RSA-PSS SHA-384 only") << m_pssSha384  << QList<A>{A::PS384};
    QTest::newRow("P-256: ES256")         << m_p256       << QList<A>{A::ES256};
    QTest::newRow("P-384: ES384")         << m_p384       << QList<A>{A::ES384};
    QTest::newRow("P-521: ES512")         << m_p521       << QList<A>{A::ES512};
    QTest::newRow("secp256k1: none")      << fixture("test-only-ec-secp256k1.pem") << QList<A>{};
    QTest::newRow("Ed25519: none")        << fixture("test-only-ed25519.pem")      << QList<A>{};
    QTest::newRow("null key: none")       << Crypto::PrivateKey()                  << QList<A>{};
    // clang-format on
}

void TestJws::algorithmsFollowTheKeyFamily()
{
    QFETCH(Crypto::PrivateKey, key);
    QFETCH(QList<JwsAlgorithm>, expected);
    QCOMPARE(Crypto::algorithmsForKey(key.info()), expected);
    QCOMPARE(Crypto::algorithmsForKey(key.publicKey().info()), expected);
    for (const JwsAlgorithm alg : Crypto::allAlgorithms()) {
        const auto fits = Crypto::checkAlgorithmFitsKey(alg, key.info());
        QCOMPARE(fits.has_value(), expected.contains(alg));
        if (!fits) {
            QCOMPARE(fits.error().code, Code::AlgorithmKeyMismatch);
            QVERIFY(fits.error().message.contains(QString::fromLatin1(Crypto::algorithmName(alg))));
        }
    }
}

void TestJws::reproducesDeterministicVectors_data()
{
    using namespace RfcVectors;
    QTest::addColumn<Crypto::PrivateKey>("key");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("signature");
    const auto a2
        = Crypto::PrivateKey::fromRsaComponents(b64u(kA2N), b64u(kA2E), b64u(kA2D), b64u(kA2P),
                                                b64u(kA2Q), b64u(kA2Dp), b64u(kA2Dq), b64u(kA2Qi));
    const auto bilbo = Crypto::PrivateKey::fromRsaComponents(
        b64u(kBilboRsaN), b64u(kBilboRsaE), b64u(kBilboRsaD), b64u(kBilboRsaP), b64u(kBilboRsaQ),
        b64u(kBilboRsaDp), b64u(kBilboRsaDq), b64u(kBilboRsaQi));
    QVERIFY(a2 && bilbo);
    // RSASSA-PKCS1-v1_5 is deterministic: the published signature must come out byte for byte.
    QTest::newRow("RFC 7515 A.2 RS256") << *a2 << QByteArray(kA2Input) << b64u(kA2Signature);
    QTest::newRow("RFC 7520 4.1 RS256")
        << *bilbo << QByteArray(QByteArray(kRs256Protected) + '.' + kPayload)
        << b64u(kRs256Signature);
}

void TestJws::reproducesDeterministicVectors()
{
    QFETCH(Crypto::PrivateKey, key);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, signature);
    const auto signed_ = Crypto::sign(key, JwsAlgorithm::RS256, input);
    SB_VERIFY_RESULT(signed_);
    QCOMPARE(signed_->toHex(), signature.toHex());
    SB_VERIFY_RESULT(Crypto::verify(key.publicKey(), JwsAlgorithm::RS256, input, signature));
}

void TestJws::verifiesPublishedVectors_data()
{
    using namespace RfcVectors;
    QTest::addColumn<Crypto::PublicKey>("key");
    QTest::addColumn<JwsAlgorithm>("alg");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("signature");
    const auto a2 = Crypto::PublicKey::fromRsaComponents(b64u(kA2N), b64u(kA2E));
    const auto a3
        = Crypto::PublicKey::fromEcComponents(Crypto::Curve::P256, b64u(kA3X), b64u(kA3Y));
    const auto bilboRsa = Crypto::PublicKey::fromRsaComponents(b64u(kBilboRsaN), b64u(kBilboRsaE));
    const auto bilboEc = Crypto::PublicKey::fromEcComponents(Crypto::Curve::P521, b64u(kBilboEcX),
                                                             b64u(kBilboEcY));
    QVERIFY(a2 && a3 && bilboRsa && bilboEc);
    const QByteArray payload(kPayload);
    // clang-format off
    QTest::newRow("RFC 7515 A.2 RS256") << *a2 << JwsAlgorithm::RS256 << QByteArray(kA2Input) << b64u(kA2Signature);
    QTest::newRow("RFC 7515 A.3 ES256") << *a3 << JwsAlgorithm::ES256 << QByteArray(kA3Input) << b64u(kA3Signature);
    QTest::newRow("RFC 7520 4.1 RS256") << *bilboRsa << JwsAlgorithm::RS256 << QByteArray(kRs256Protected + ('.' + payload)) << b64u(kRs256Signature);
    QTest::newRow("RFC 7520 4.2 PS384") << *bilboRsa << JwsAlgorithm::PS384 << QByteArray(kPs384Protected + ('.' + payload)) << b64u(kPs384Signature);
    QTest::newRow("RFC 7520 4.3 ES512") << *bilboEc  << JwsAlgorithm::ES512 << QByteArray(kEs512Protected + ('.' + payload)) << b64u(kEs512Signature);
    // clang-format on
}

void TestJws::verifiesPublishedVectors()
{
    QFETCH(Crypto::PublicKey, key);
    QFETCH(JwsAlgorithm, alg);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, signature);
    SB_VERIFY_RESULT(Crypto::verify(key, alg, input, signature));
    // Any change to the input or the signature breaks it.
    SB_VERIFY_ERROR(Crypto::verify(key, alg, flipBit(input, input.size() - 1), signature),
                    Code::SignatureInvalid);
    SB_VERIFY_ERROR(Crypto::verify(key, alg, input, flipBit(signature, signature.size() / 2)),
                    Code::SignatureInvalid);
    SB_VERIFY_ERROR(Crypto::verify(key, alg, input, flipBit(signature, signature.size() - 1)),
                    Code::SignatureInvalid);
}

void TestJws::roundTrips_data()
{
    QTest::addColumn<Crypto::PrivateKey>("key");
    QTest::addColumn<JwsAlgorithm>("alg");
    QTest::addColumn<int>("signatureBytes");
    // RFC 7518 §3.3–3.5: RSA signatures are the modulus size; ES* are 64/96/132 bytes.
    // clang-format off
    QTest::newRow("RS256 RSA 2048")     << m_rsa2048    << JwsAlgorithm::RS256 << 256;
    QTest::newRow("RS384 RSA 2048")     << m_rsa2048    << JwsAlgorithm::RS384 << 256;
    QTest::newRow("RS512 RSA 2048")     << m_rsa2048    << JwsAlgorithm::RS512 << 256;
    QTest::newRow("PS256 RSA 2048")     << m_rsa2048    << JwsAlgorithm::PS256 << 256;
    QTest::newRow("PS384 RSA 2048")     << m_rsa2048    << JwsAlgorithm::PS384 << 256;
    QTest::newRow("PS512 RSA 2048")     << m_rsa2048    << JwsAlgorithm::PS512 << 256;
    QTest::newRow("PS256 RSA-PSS 3072") << m_rsaPss3072 << JwsAlgorithm::PS256 << 384;
    QTest::newRow("PS384 RSA-PSS 3072") << m_rsaPss3072 << JwsAlgorithm::PS384 << 384;
    QTest::newRow("PS512 RSA-PSS 3072") << m_rsaPss3072 << JwsAlgorithm::PS512 << 384;
    QTest::newRow("PS384 RSA-PSS SHA-384 only") << m_pssSha384 << JwsAlgorithm::PS384 << 256;
    QTest::newRow("ES256 P-256")        << m_p256       << JwsAlgorithm::ES256 << 64;
    QTest::newRow("ES384 P-384")        << m_p384       << JwsAlgorithm::ES384 << 96;
    QTest::newRow("ES512 P-521")        << m_p521       << JwsAlgorithm::ES512 << 132;
    // clang-format on
}

void TestJws::roundTrips()
{
    QFETCH(Crypto::PrivateKey, key);
    QFETCH(JwsAlgorithm, alg);
    QFETCH(int, signatureBytes);
    const QByteArray input = assertionLikeInput();
    const Crypto::PublicKey pub = key.publicKey();

    // ES* sizes are fixed even when R or S has leading zero bytes (1 in 256 per component),
    // so sign several times; PSS and ECDSA are randomised, so signatures differ.
    QByteArray previous;
    for (int i = 0; i < 8; ++i) {
        const auto signature = Crypto::sign(key, alg, input);
        SB_VERIFY_RESULT(signature);
        QCOMPARE(signature->size(), signatureBytes);
        SB_VERIFY_RESULT(Crypto::verify(pub, alg, input, *signature));
        const bool deterministic = Crypto::algorithmName(alg).startsWith("RS");
        QCOMPARE(*signature == previous, deterministic && i > 0);
        previous = *signature;
    }
    SB_VERIFY_ERROR(Crypto::verify(pub, alg, flipBit(input, 10), previous), Code::SignatureInvalid);
    SB_VERIFY_ERROR(Crypto::verify(pub, alg, QByteArray(input + "x"), previous),
                    Code::SignatureInvalid);
    SB_VERIFY_ERROR(Crypto::verify(pub, alg, input, flipBit(previous, 0)), Code::SignatureInvalid);
    SB_VERIFY_ERROR(Crypto::verify(pub, alg, input, flipBit(previous, previous.size() - 1)),
                    Code::SignatureInvalid);
    if (signatureBytes > 132) { // RSA: a signature of the wrong length never verifies
        SB_VERIFY_ERROR(Crypto::verify(pub, alg, input, previous.chopped(1)),
                        Code::SignatureInvalid);
        SB_VERIFY_ERROR(Crypto::verify(pub, alg, input, QByteArray()), Code::SignatureInvalid);
    }
    // Another key of the same kind does not verify it.
    if (key.info().type == Crypto::KeyType::Ec) {
        const auto other = Crypto::generateKey({Crypto::KeyType::Ec, 0, key.info().curve});
        SB_VERIFY_RESULT(other);
        SB_VERIFY_ERROR(Crypto::verify(other->publicKey(), alg, input, previous),
                        Code::SignatureInvalid);
    }
}

void TestJws::refusesWrongFamily_data()
{
    QTest::addColumn<Crypto::PrivateKey>("key");
    QTest::addColumn<JwsAlgorithm>("alg");
    // Verification binds the algorithm to the key (style.md c.7 item 4), never to a header.
    // clang-format off
    QTest::newRow("ES256 with an RSA key")        << m_rsa2048    << JwsAlgorithm::ES256;
    QTest::newRow("RS256 with an RSA-PSS key")    << m_rsaPss3072 << JwsAlgorithm::RS256;
    QTest::newRow("RS512 with an RSA-PSS key")    << m_rsaPss3072 << JwsAlgorithm::RS512;
    QTest::newRow("ES384 with a P-256 key")       << m_p256       << JwsAlgorithm::ES384;
    QTest::newRow("ES256 with a P-521 key")       << m_p521       << JwsAlgorithm::ES256;
    QTest::newRow("PS256 with a P-256 key")       << m_p256       << JwsAlgorithm::PS256;
    QTest::newRow("RS256 with a P-256 key")       << m_p256       << JwsAlgorithm::RS256;
    QTest::newRow("PS256 with a SHA-384-only key") << m_pssSha384 << JwsAlgorithm::PS256;
    QTest::newRow("PS512 with a SHA-384-only key") << m_pssSha384 << JwsAlgorithm::PS512;
    // clang-format on
}

void TestJws::refusesWrongFamily()
{
    QFETCH(Crypto::PrivateKey, key);
    QFETCH(JwsAlgorithm, alg);
    SB_VERIFY_ERROR(Crypto::sign(key, alg, "input"), Code::AlgorithmKeyMismatch);
    SB_VERIFY_ERROR(Crypto::verify(key.publicKey(), alg, "input", QByteArray(64, 'x')),
                    Code::AlgorithmKeyMismatch);
    SB_VERIFY_ERROR(Crypto::checkAlgorithmFitsKey(alg, key.info()), Code::AlgorithmKeyMismatch);
}

void TestJws::refusesBadEcdsaEncoding_data()
{
    QTest::addColumn<Crypto::PrivateKey>("key");
    QTest::addColumn<JwsAlgorithm>("alg");
    QTest::addColumn<int>("delta"); // bytes added to (or removed from) a valid raw signature
    QTest::addColumn<bool>("der");  // send the DER form (made by the openssl CLI) instead
    // RFC 7518 §3.4: exactly 2 × 32/48/66 bytes; the DER form is not a JWS signature.
    // clang-format off
    QTest::newRow("ES256 DER")          << m_p256 << JwsAlgorithm::ES256 << 0  << true;
    QTest::newRow("ES384 DER")          << m_p384 << JwsAlgorithm::ES384 << 0  << true;
    QTest::newRow("ES512 DER")          << m_p521 << JwsAlgorithm::ES512 << 0  << true;
    QTest::newRow("ES256 63 bytes")     << m_p256 << JwsAlgorithm::ES256 << -1 << false;
    QTest::newRow("ES256 65 bytes")     << m_p256 << JwsAlgorithm::ES256 << 1  << false;
    QTest::newRow("ES512 131 bytes")    << m_p521 << JwsAlgorithm::ES512 << -1 << false;
    QTest::newRow("ES512 128 bytes (P-521 as if 64-byte halves)") << m_p521 << JwsAlgorithm::ES512 << -4 << false;
    QTest::newRow("ES256 empty")        << m_p256 << JwsAlgorithm::ES256 << -64 << false;
    // clang-format on
}

void TestJws::refusesBadEcdsaEncoding()
{
    QFETCH(Crypto::PrivateKey, key);
    QFETCH(JwsAlgorithm, alg);
    QFETCH(int, delta);
    QFETCH(bool, der);
    const QByteArray input = assertionLikeInput();
    const auto raw = Crypto::sign(key, alg, input);
    SB_VERIFY_RESULT(raw);
    QByteArray signature = *raw;
    if (der) {
        signature = CryptoTest::derFromRawWithCli(m_dir, *raw);
        QVERIFY(!signature.isEmpty());
        QCOMPARE(static_cast<unsigned char>(signature.front()), 0x30);
    } else if (delta < 0) {
        signature.chop(-delta);
    } else {
        signature.append(QByteArray(delta, '\0'));
    }
    SB_VERIFY_ERROR(Crypto::verify(key.publicKey(), alg, input, signature),
                    Code::BadSignatureEncoding);
}

void TestJws::refusesZeroEcdsaComponents_data()
{
    QTest::addColumn<QByteArray>("signature");
    const QByteArray zero(32, '\0');
    QByteArray one(32, '\0');
    one[31] = 1;
    // SEC 1 §4.1.4 step 1: r and s must be in [1, n-1]; 0 must never verify (the "psychic
    // signatures" bug, CVE-2022-21449, accepted r = s = 0).
    QTest::newRow("r = s = 0") << QByteArray(zero + zero);
    QTest::newRow("r = 0, s = 1") << QByteArray(zero + one);
    QTest::newRow("r = 1, s = 0") << QByteArray(one + zero);
    QTest::newRow("r = s = 0xff…") << QByteArray(64, '\xff'); // >= the group order
}

void TestJws::refusesZeroEcdsaComponents()
{
    QFETCH(QByteArray, signature);
    SB_VERIFY_ERROR(Crypto::verify(m_p256.publicKey(), JwsAlgorithm::ES256, "input", signature),
                    Code::SignatureInvalid);
}

void TestJws::pssVerificationIsStrictAboutSalt()
{
    // A PS256 signature made by the CLI with OpenSSL's default (maximum) salt is valid PSS but
    // not valid PS256 (RFC 7518 §3.5: salt = 32 bytes), so it must be refused; with salt 32 it
    // passes. This is finding 5 of docs/security-and-reliability.md §0.
    const QByteArray input = assertionLikeInput();
    const QString inputPath = CryptoTest::writeFile(m_dir, QStringLiteral("pss-input"), input);
    const auto pem = m_rsa2048.toPkcs8Pem();
    SB_VERIFY_RESULT(pem);
    const QString keyPath
        = CryptoTest::writeFile(m_dir, QStringLiteral("pss-key.pem"), pem->exposeForApi());
    for (const auto &[saltOption, accepted] :
         {std::pair{QStringLiteral("rsa_pss_saltlen:max"), false},
          std::pair{QStringLiteral("rsa_pss_saltlen:20"), false},
          std::pair{QStringLiteral("rsa_pss_saltlen:digest"), true}}) {
        const QString sigPath = m_dir.filePath(QStringLiteral("pss.sig"));
        const auto made = CryptoTest::openssl(
            {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-sign"), keyPath,
             QStringLiteral("-sigopt"), QStringLiteral("rsa_padding_mode:pss"),
             QStringLiteral("-sigopt"), saltOption, QStringLiteral("-out"), sigPath, inputPath});
        QVERIFY2(made.ok(), made.describe().constData());
        QFile sigFile(sigPath);
        QVERIFY(sigFile.open(QIODevice::ReadOnly));
        const auto result
            = Crypto::verify(m_rsa2048.publicKey(), JwsAlgorithm::PS256, input, sigFile.readAll());
        QVERIFY2(result.has_value() == accepted, qPrintable(saltOption));
    }
}

void TestJws::opensslVerifiesOurSignatures_data()
{
    QTest::addColumn<Crypto::PrivateKey>("key");
    QTest::addColumn<JwsAlgorithm>("alg");
    // clang-format off
    QTest::newRow("RS256")           << m_rsa2048    << JwsAlgorithm::RS256;
    QTest::newRow("RS512")           << m_rsa2048    << JwsAlgorithm::RS512;
    QTest::newRow("PS256")           << m_rsa2048    << JwsAlgorithm::PS256;
    QTest::newRow("PS256 RSA-PSS")   << m_rsaPss3072 << JwsAlgorithm::PS256;
    QTest::newRow("PS384 RSA-PSS")   << m_rsaPss3072 << JwsAlgorithm::PS384;
    QTest::newRow("PS512 RSA-PSS")   << m_rsaPss3072 << JwsAlgorithm::PS512;
    QTest::newRow("ES256")           << m_p256       << JwsAlgorithm::ES256;
    QTest::newRow("ES384")           << m_p384       << JwsAlgorithm::ES384;
    QTest::newRow("ES512")           << m_p521       << JwsAlgorithm::ES512;
    // clang-format on
}

void TestJws::opensslVerifiesOurSignatures()
{
    QFETCH(Crypto::PrivateKey, key);
    QFETCH(JwsAlgorithm, alg);
    const QByteArray input = assertionLikeInput();
    const auto signature = Crypto::sign(key, alg, input);
    SB_VERIFY_RESULT(signature);

    const QString inputPath = CryptoTest::writeFile(m_dir, QStringLiteral("input"), input);
    const QString pubPath
        = CryptoTest::writeFile(m_dir, QStringLiteral("pub.pem"), key.publicKey().toPem());
    QByteArray onDisk = *signature;
    const QByteArray name = Crypto::algorithmName(alg);
    QStringList args{QStringLiteral("dgst"), digestOption(alg), QStringLiteral("-verify"), pubPath};
    if (name.startsWith("PS")) {
        // Strict: the salt must be exactly the digest length (32/48/64).
        args << QStringLiteral("-sigopt") << QStringLiteral("rsa_padding_mode:pss")
             << QStringLiteral("-sigopt")
             << QStringLiteral("rsa_pss_saltlen:%1").arg(name.right(3).toInt() / 8);
    }
    if (name.startsWith("ES")) {
        // OpenSSL verifies DER; the DER is built from our R‖S by the CLI, not by our code.
        onDisk = CryptoTest::derFromRawWithCli(m_dir, *signature);
        QVERIFY(!onDisk.isEmpty());
    }
    const QString sigPath = CryptoTest::writeFile(m_dir, QStringLiteral("ours.sig"), onDisk);
    args << QStringLiteral("-signature") << sigPath << inputPath;
    const auto checked = CryptoTest::openssl(args);
    QVERIFY2(checked.ok(), checked.describe().constData());
    QVERIFY(checked.out.contains("Verified OK"));

    // And the CLI refuses it for a different input (the check above is not vacuous).
    const QString otherPath
        = CryptoTest::writeFile(m_dir, QStringLiteral("other-input"), input + "x");
    args.last() = otherPath;
    QVERIFY(!CryptoTest::openssl(args).ok());
}

void TestJws::weVerifyOpenSslSignatures_data()
{
    opensslVerifiesOurSignatures_data();
}

void TestJws::weVerifyOpenSslSignatures()
{
    QFETCH(Crypto::PrivateKey, key);
    QFETCH(JwsAlgorithm, alg);
    const QByteArray input = assertionLikeInput();
    const QString inputPath = CryptoTest::writeFile(m_dir, QStringLiteral("input"), input);
    const auto pem = key.toPkcs8Pem();
    SB_VERIFY_RESULT(pem);
    const QString keyPath
        = CryptoTest::writeFile(m_dir, QStringLiteral("key.pem"), pem->exposeForApi());
    const QString sigPath = m_dir.filePath(QStringLiteral("cli.sig"));
    const QByteArray name = Crypto::algorithmName(alg);
    QStringList args{QStringLiteral("dgst"), digestOption(alg), QStringLiteral("-sign"), keyPath};
    if (name.startsWith("PS")) {
        args << QStringLiteral("-sigopt") << QStringLiteral("rsa_padding_mode:pss")
             << QStringLiteral("-sigopt") << QStringLiteral("rsa_pss_saltlen:digest");
    }
    args << QStringLiteral("-out") << sigPath << inputPath;
    const auto made = CryptoTest::openssl(args);
    QVERIFY2(made.ok(), made.describe().constData());

    QByteArray signature;
    if (name.startsWith("ES")) {
        // The CLI writes DER; R‖S is extracted from `openssl asn1parse` output.
        signature = CryptoTest::rawFromDerWithCli(sigPath, componentBytes(alg));
    } else {
        QFile file(sigPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        signature = file.readAll();
    }
    QVERIFY(!signature.isEmpty());
    SB_VERIFY_RESULT(Crypto::verify(key.publicKey(), alg, input, signature));
    SB_VERIFY_ERROR(Crypto::verify(key.publicKey(), alg, QByteArray(input + "x"), signature),
                    Code::SignatureInvalid);
}

void TestJws::refusesPssWithTooSmallKey()
{
    // RFC 8017 §9.1.1 with sLen = hLen: PS512 needs a modulus of at least 1034 bits, so a
    // 1024-bit key (K6: it loads) can do PS384 but not PS512, and says so plainly.
    const auto rsa1024 = Crypto::PrivateKey::fromFile(
        CryptoTest::keyPath(QStringLiteral("test-only-rsa1024.pem")));
    SB_VERIFY_RESULT(rsa1024);
    const auto ps384 = Crypto::sign(*rsa1024, JwsAlgorithm::PS384, "input");
    SB_VERIFY_RESULT(ps384);
    SB_VERIFY_RESULT(Crypto::verify(rsa1024->publicKey(), JwsAlgorithm::PS384, "input", *ps384));
    const auto ps512 = Crypto::sign(*rsa1024, JwsAlgorithm::PS512, "input");
    SB_VERIFY_ERROR(ps512, Code::InvalidArgument);
    QVERIFY2(ps512.error().message.contains(QStringLiteral("1034")),
             qPrintable(ps512.error().message));
}

void TestJws::refusesNullKeys()
{
    SB_VERIFY_ERROR(Crypto::sign(Crypto::PrivateKey(), JwsAlgorithm::RS256, "x"),
                    Code::InvalidArgument);
    SB_VERIFY_ERROR(Crypto::verify(Crypto::PublicKey(), JwsAlgorithm::RS256, "x", "y"),
                    Code::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestJws)
#include "TestJws.moc"
