// SPDX-License-Identifier: MIT
// JWS signatures (RFC 7515/7518) over OpenSSL's EVP_DigestSign/Verify. The algorithm is bound
// to the key's family here, never to a token header; ECDSA signatures cross this boundary as
// raw R‖S only, and PSS always uses salt = digest length with MGF1 over the same digest.
#include "crypto/Jws.h"

#include "crypto/KeyAccess.h"
#include "crypto/OpenSslInternal.h"

#include <QStringList>

#include <array>
#include <memory>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

namespace Sb::Crypto {

namespace {

using Code = CryptoError::Code;

using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, FreeWith<&ECDSA_SIG_free>>;

enum class Scheme { Pkcs1, Pss, Ecdsa };

struct AlgorithmTraits
{
    const char *name;
    Scheme scheme;
    Digest digest;
    Curve curve;        ///< ECDSA only
    int componentBytes; ///< ECDSA only: bytes of R (and of S) in the raw signature
};

constexpr std::array<AlgorithmTraits, 9> kTraits{{
    {"RS256", Scheme::Pkcs1, Digest::Sha256, Curve::None, 0},
    {"RS384", Scheme::Pkcs1, Digest::Sha384, Curve::None, 0},
    {"RS512", Scheme::Pkcs1, Digest::Sha512, Curve::None, 0},
    {"PS256", Scheme::Pss, Digest::Sha256, Curve::None, 0},
    {"PS384", Scheme::Pss, Digest::Sha384, Curve::None, 0},
    {"PS512", Scheme::Pss, Digest::Sha512, Curve::None, 0},
    {"ES256", Scheme::Ecdsa, Digest::Sha256, Curve::P256, 32},
    {"ES384", Scheme::Ecdsa, Digest::Sha384, Curve::P384, 48},
    {"ES512", Scheme::Ecdsa, Digest::Sha512, Curve::P521, 66}, // P-521: 521 bits → 66 bytes
}};

const AlgorithmTraits &traits(JwsAlgorithm alg)
{
    return kTraits[static_cast<size_t>(alg)];
}

const EVP_MD *evpDigest(Digest digest)
{
    switch (digest) {
    case Digest::Sha1:
        return EVP_sha1();
    case Digest::Sha256:
        return EVP_sha256();
    case Digest::Sha384:
        return EVP_sha384();
    case Digest::Sha512:
        return EVP_sha512();
    }
    return nullptr;
}

int digestBytes(Digest digest)
{
    switch (digest) {
    case Digest::Sha1:
        return 20;
    case Digest::Sha256:
        return 32;
    case Digest::Sha384:
        return 48;
    case Digest::Sha512:
        return 64;
    }
    return 0;
}

/** The family rule (see algorithmsForKey), without building a list. */
bool fits(JwsAlgorithm alg, const KeyInfo &key)
{
    const AlgorithmTraits &t = traits(alg);
    switch (key.type) {
    case KeyType::Rsa:
        return t.scheme == Scheme::Pkcs1 || t.scheme == Scheme::Pss;
    case KeyType::RsaPss:
        if (t.scheme != Scheme::Pss) {
            return false; // OpenSSL refuses PKCS#1 v1.5 with an id-RSASSA-PSS key, rightly
        }
        if (key.pssRestricted) {
            // A restricted key signs with one hash, MGF1 over that hash, and a salt of at
            // least its minimum; JWS fixes salt = digest length.
            return key.pssDigest == t.digest
                   && (!key.pssMgf1Digest || key.pssMgf1Digest == t.digest)
                   && key.pssMinSaltLength <= digestBytes(t.digest);
        }
        return true;
    case KeyType::Ec:
        return t.scheme == Scheme::Ecdsa && key.curve == t.curve;
    case KeyType::Other:
        return false;
    }
    return false;
}

/** Sets padding, salt and MGF1 for RS* and PS* on a freshly initialised context. */
bool configureRsa(EVP_PKEY_CTX *keyContext, const AlgorithmTraits &t, const EVP_MD *md)
{
    if (t.scheme == Scheme::Pkcs1) {
        return EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) == 1;
    }
    if (t.scheme == Scheme::Pss) {
        // RFC 7518 §3.5: salt length = hash length, MGF1 with the same hash. OpenSSL's default
        // salt (the maximum) would not verify under a strict verifier. On verification the
        // same setting makes OpenSSL require exactly that salt length.
        return EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1
               && EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) == 1
               && EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, md) == 1;
    }
    return true;
}

} // namespace

QByteArray algorithmName(JwsAlgorithm alg)
{
    return QByteArray(traits(alg).name);
}

std::optional<JwsAlgorithm> algorithmFromName(QByteArrayView name)
{
    // Exact and case-sensitive (RFC 7515 §4.1.1): "rs256", "none" and HS* are not ours.
    for (size_t i = 0; i < kTraits.size(); ++i) {
        if (name == QByteArrayView(kTraits[i].name)) {
            return static_cast<JwsAlgorithm>(i);
        }
    }
    return std::nullopt;
}

QList<JwsAlgorithm> allAlgorithms()
{
    QList<JwsAlgorithm> all;
    all.reserve(static_cast<qsizetype>(kTraits.size()));
    for (size_t i = 0; i < kTraits.size(); ++i) {
        all.append(static_cast<JwsAlgorithm>(i));
    }
    return all;
}

QList<JwsAlgorithm> algorithmsForKey(const KeyInfo &key)
{
    QList<JwsAlgorithm> result;
    for (const JwsAlgorithm alg : allAlgorithms()) {
        if (fits(alg, key)) {
            result.append(alg);
        }
    }
    return result;
}

Result<void> checkAlgorithmFitsKey(JwsAlgorithm alg, const KeyInfo &key)
{
    if (fits(alg, key)) {
        return {};
    }
    QStringList names;
    for (const JwsAlgorithm possible : algorithmsForKey(key)) {
        names.append(QString::fromLatin1(traits(possible).name));
    }
    const QString algName = QString::fromLatin1(traits(alg).name);
    const QString keyName = key.describe();
    if (names.isEmpty()) {
        return failure(Code::AlgorithmKeyMismatch,
                       Tr::tr("%1 cannot be used with this key (%2), which fits no JWS algorithm "
                              "we support.")
                           .arg(algName, keyName));
    }
    return failure(Code::AlgorithmKeyMismatch,
                   Tr::tr("%1 cannot be used with this key (%2); it can do %3.")
                       .arg(algName, keyName, names.join(QStringLiteral(", "))));
}

Result<QByteArray> sign(const PrivateKey &key, JwsAlgorithm alg, QByteArrayView signingInput)
{
    EVP_PKEY *pkey = KeyAccess::handle(key);
    if (pkey == nullptr) {
        return failure(Code::InvalidArgument, Tr::tr("There is no key to sign with."));
    }
    const KeyInfo &info = KeyAccess::info(key);
    if (!fits(alg, info)) {
        return tl::unexpected(checkAlgorithmFitsKey(alg, info).error());
    }
    const AlgorithmTraits &t = traits(alg);
    const EVP_MD *md = evpDigest(t.digest);
    if (t.scheme == Scheme::Pss) {
        // RFC 8017 §9.1.1: the encoded message needs hLen + sLen + 2 bytes, and sLen = hLen.
        const int encodedBytes = (info.bits - 1 + 7) / 8;
        const int needed = 2 * digestBytes(t.digest) + 2;
        if (encodedBytes < needed) {
            return failure(Code::InvalidArgument,
                           Tr::tr("%1 needs an RSA key of at least %2 bits; this key is %3.")
                               .arg(QString::fromLatin1(t.name))
                               .arg(8 * (needed - 1) + 2)
                               .arg(info.describe()));
        }
    }

    ERR_clear_error();
    MdCtxPtr context(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyContext = nullptr;
    if (!context || EVP_DigestSignInit(context.get(), &keyContext, md, nullptr, pkey) != 1
        || !configureRsa(keyContext, t, md)) {
        return internalFailure("preparing to sign");
    }

    if (t.scheme != Scheme::Ecdsa) {
        // The RSA signature is exactly the modulus size: write it straight into the result.
        QByteArray signature(EVP_PKEY_get_size(pkey), Qt::Uninitialized);
        size_t length = static_cast<size_t>(signature.size());
        if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()),
                           &length, bytesOf(signingInput), static_cast<size_t>(signingInput.size()))
            != 1) {
            return internalFailure("signing");
        }
        signature.truncate(static_cast<qsizetype>(length));
        return signature;
    }

    // ECDSA: OpenSSL gives DER (SEQUENCE of two INTEGERs, ~70 bytes for P-256); JWS wants
    // R‖S, each left-padded to the curve size (RFC 7518 §3.4), so 64/96/132 bytes.
    unsigned char der[160];
    size_t derLength = sizeof der;
    if (EVP_PKEY_get_size(pkey) > static_cast<int>(sizeof der)
        || EVP_DigestSign(context.get(), der, &derLength, bytesOf(signingInput),
                          static_cast<size_t>(signingInput.size()))
               != 1) {
        return internalFailure("signing");
    }
    const unsigned char *cursor = der;
    EcdsaSigPtr parsed(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(derLength)));
    if (!parsed) {
        return internalFailure("reading the ECDSA signature");
    }
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(parsed.get(), &r, &s);
    const int n = t.componentBytes;
    QByteArray raw(2 * n, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(r, out, n) != n || BN_bn2binpad(s, out + n, n) != n) {
        return internalFailure("encoding the ECDSA signature");
    }
    return raw;
}

Result<void> verify(const PublicKey &key, JwsAlgorithm alg, QByteArrayView signingInput,
                    QByteArrayView signature)
{
    EVP_PKEY *pkey = KeyAccess::handle(key);
    if (pkey == nullptr) {
        return failure(Code::InvalidArgument, Tr::tr("There is no key to verify with."));
    }
    const KeyInfo &info = KeyAccess::info(key);
    if (!fits(alg, info)) {
        return tl::unexpected(checkAlgorithmFitsKey(alg, info).error());
    }
    const AlgorithmTraits &t = traits(alg);
    const EVP_MD *md = evpDigest(t.digest);

    // ECDSA arrives as raw R‖S of exactly the curve size; anything else (DER, trimmed
    // leading zeros) is refused instead of being guessed at.
    unsigned char der[160];
    const unsigned char *toVerify = bytesOf(signature);
    size_t toVerifyLength = static_cast<size_t>(signature.size());
    if (t.scheme == Scheme::Ecdsa) {
        const int n = t.componentBytes;
        if (signature.size() != 2 * n) {
            return failure(Code::BadSignatureEncoding,
                           Tr::tr("%1 signatures are %2 bytes (R‖S); this one has %3%4.")
                               .arg(QString::fromLatin1(t.name))
                               .arg(2 * n)
                               .arg(signature.size())
                               .arg(!signature.isEmpty() && signature.front() == '\x30'
                                        ? Tr::tr(" and looks DER-encoded")
                                        : QString()));
        }
        BnPtr r(BN_bin2bn(bytesOf(signature), n, nullptr));
        BnPtr s(BN_bin2bn(bytesOf(signature) + n, n, nullptr));
        if (!r || !s) {
            return internalFailure("reading the ECDSA signature");
        }
        // r = 0 or s = 0 never verifies (OpenSSL checks too); say so without asking it.
        if (BN_is_zero(r.get()) || BN_is_zero(s.get())) {
            return failure(Code::SignatureInvalid, Tr::tr("The signature does not verify."));
        }
        EcdsaSigPtr parsed(ECDSA_SIG_new());
        if (!parsed || ECDSA_SIG_set0(parsed.get(), r.get(), s.get()) != 1) {
            return internalFailure("encoding the ECDSA signature");
        }
        (void)r.release(); // owned by parsed now
        (void)s.release();
        const int derLength = i2d_ECDSA_SIG(parsed.get(), nullptr);
        if (derLength <= 0 || derLength > static_cast<int>(sizeof der)) {
            return internalFailure("encoding the ECDSA signature");
        }
        unsigned char *write = der;
        if (i2d_ECDSA_SIG(parsed.get(), &write) != derLength) {
            return internalFailure("encoding the ECDSA signature");
        }
        toVerify = der;
        toVerifyLength = static_cast<size_t>(derLength);
    }

    ERR_clear_error();
    MdCtxPtr context(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyContext = nullptr;
    if (!context || EVP_DigestVerifyInit(context.get(), &keyContext, md, nullptr, pkey) != 1
        || !configureRsa(keyContext, t, md)) {
        return internalFailure("preparing to verify");
    }
    const int verified
        = EVP_DigestVerify(context.get(), toVerify, toVerifyLength, bytesOf(signingInput),
                           static_cast<size_t>(signingInput.size()));
    // 0 is "does not verify"; a negative value is a malformed signature (e.g. wrong length for
    // the RSA modulus). Both mean the same to the caller.
    ERR_clear_error();
    if (verified != 1) {
        return failure(Code::SignatureInvalid, Tr::tr("The signature does not verify."));
    }
    return {};
}

} // namespace Sb::Crypto
