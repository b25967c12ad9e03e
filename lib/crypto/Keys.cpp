// SPDX-License-Identifier: MIT
// Private and public keys: loading from untrusted files, JWK-style components, generation and
// export. Every OpenSSL object lives in a std::unique_ptr so each early return frees it, and
// every buffer that held key text is cleansed before it is released.
#include "crypto/Keys.h"

#include "crypto/KeyAccess.h"
#include "crypto/OpenSslInternal.h"
#include "crypto/Pem.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>

#include <cerrno>
#include <cstring>
#include <memory>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace Sb::Crypto {

namespace {

using Code = CryptoError::Code;

/** A stateless deleter for OpenSSL's *_free functions. */
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, FreeWith<&EVP_PKEY_CTX_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, FreeWith<&BN_CTX_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, FreeWith<&OSSL_PARAM_BLD_free>>;
using ParamsPtr = std::unique_ptr<OSSL_PARAM, FreeWith<&OSSL_PARAM_free>>;
using X509SigPtr = std::unique_ptr<X509_SIG, FreeWith<&X509_SIG_free>>;
using P8InfoPtr = std::unique_ptr<PKCS8_PRIV_KEY_INFO, FreeWith<&PKCS8_PRIV_KEY_INFO_free>>;
using AlgorPtr = std::unique_ptr<X509_ALGOR, FreeWith<&X509_ALGOR_free>>;
using Pbe2ParamPtr = std::unique_ptr<PBE2PARAM, FreeWith<&PBE2PARAM_free>>;
using Pbkdf2ParamPtr = std::unique_ptr<PBKDF2PARAM, FreeWith<&PBKDF2PARAM_free>>;
using ScryptParamsPtr = std::unique_ptr<SCRYPT_PARAMS, FreeWith<&SCRYPT_PARAMS_free>>;
using PbeParamPtr = std::unique_ptr<PBEPARAM, FreeWith<&PBEPARAM_free>>;
using DecoderCtxPtr = std::unique_ptr<OSSL_DECODER_CTX, FreeWith<&OSSL_DECODER_CTX_free>>;

constexpr qint64 kMiB = 1024 * 1024;
/** OpenSSL's scrypt memory ceiling on the PKCS#8 path (SCRYPT_MAX_MEM): it refuses more. */
constexpr quint64 kOpenSslScryptMaxMem = 32 * kMiB;

QString wrongPassphraseMessage()
{
    return Tr::tr("Wrong passphrase or damaged key.");
}

// ---- passphrase callback --------------------------------------------------------------------

struct PassphraseRequest
{
    const SecureBytes *passphrase = nullptr;
};

/**
 * The pem_password_cb we hand to every OpenSSL reader. OpenSSL must never be given a NULL
 * callback: it then prompts on the controlling terminal and blocks (a GUI started from a shell
 * would hang invisibly). Returning -1 means "no passphrase", which fails the read instead.
 */
int passphraseCallback(char *buffer, int size, int /*rwflag*/, void *userData)
{
    auto *request = static_cast<PassphraseRequest *>(userData);
    if (request == nullptr) {
        return -1;
    }
    const SecureBytes *passphrase = request->passphrase;
    if (passphrase == nullptr || passphrase->isEmpty() || passphrase->size() > size) {
        return -1;
    }
    std::memcpy(buffer, passphrase->constData(), static_cast<size_t>(passphrase->size()));
    return static_cast<int>(passphrase->size());
}

// ---- key description ------------------------------------------------------------------------

std::optional<Digest> digestFromName(QByteArray name)
{
    name = name.toUpper().replace("SHA2-", "SHA").replace("SHA-", "SHA");
    if (name == "SHA1") {
        return Digest::Sha1;
    }
    if (name == "SHA256") {
        return Digest::Sha256;
    }
    if (name == "SHA384") {
        return Digest::Sha384;
    }
    if (name == "SHA512") {
        return Digest::Sha512;
    }
    return std::nullopt;
}

QByteArray utf8Param(const EVP_PKEY *pkey, const char *name, bool *found)
{
    char buffer[80] = {};
    size_t length = 0;
    *found = EVP_PKEY_get_utf8_string_param(pkey, name, buffer, sizeof buffer, &length) == 1;
    return *found ? QByteArray(buffer, static_cast<qsizetype>(length)) : QByteArray();
}

// ---- reading keys ---------------------------------------------------------------------------

PkeyPtr publicOnlyCopy(const EVP_PKEY *pkey)
{
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(pkey, &der);
    if (length <= 0) {
        return {};
    }
    const unsigned char *cursor = der;
    PkeyPtr copy(d2i_PUBKEY(nullptr, &cursor, length));
    OPENSSL_free(der);
    return copy;
}

bool isDerCertificate(QByteArrayView der)
{
    const unsigned char *cursor = bytesOf(der);
    X509Ptr cert(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
    return cert && cursor == bytesOf(der) + der.size();
}

bool isDerPublicKey(QByteArrayView der)
{
    const unsigned char *cursor = bytesOf(der);
    PkeyPtr key(d2i_PUBKEY(nullptr, &cursor, static_cast<long>(der.size())));
    return key && cursor == bytesOf(der) + der.size();
}

/** Best effort: a structure that parses as a whole PKCS#12 PFX. */
bool isPkcs12(QByteArrayView der)
{
    const unsigned char *cursor = bytesOf(der);
    Pkcs12Ptr p12(d2i_PKCS12(nullptr, &cursor, static_cast<long>(der.size())));
    return p12 && cursor == bytesOf(der) + der.size();
}

tl::unexpected<CryptoError> certificateNotKey()
{
    return failure(Code::IsCertificate,
                   Tr::tr("This file is a certificate; pick the private key file instead."));
}

tl::unexpected<CryptoError> publicNotPrivate()
{
    return failure(Code::IsPublicKey,
                   Tr::tr("This file holds a public key; pick the private key file instead."));
}

tl::unexpected<CryptoError> openSshKey()
{
    return failure(Code::OpenSshKey, Tr::tr("This is an OpenSSH private key; convert it with: "
                                            "ssh-keygen -p -m PKCS8 -f FILE"));
}

tl::unexpected<CryptoError> puttyKey()
{
    return failure(Code::PuttyKey,
                   Tr::tr("This is a PuTTY key (.ppk); export it from PuTTYgen with "
                          "Conversions → Export OpenSSH key, then convert that with: "
                          "ssh-keygen -p -m PKCS8 -f FILE"));
}

tl::unexpected<CryptoError> pkcs12Container()
{
    return failure(Code::Pkcs12,
                   Tr::tr("This is a PKCS#12 (.p12/.pfx) container; extract the key with: "
                          "openssl pkcs12 -in FILE -nocerts -out key.pem"));
}

/** Refuses an encrypted PKCS#8 key whose KDF would cost more than @p caps allow (K3). */
Result<void> checkKdfCost(const X509_SIG *sig, const KdfCaps &caps)
{
    const X509_ALGOR *algorithm = nullptr;
    X509_SIG_get0(sig, &algorithm, nullptr);
    const ASN1_OBJECT *oid = nullptr;
    int parameterType = 0;
    const void *parameter = nullptr;
    X509_ALGOR_get0(&oid, &parameterType, &parameter, algorithm);
    if (parameterType != V_ASN1_SEQUENCE || parameter == nullptr) {
        return failure(Code::Malformed, Tr::tr("The encrypted key has no encryption parameters."));
    }
    const auto *sequence = static_cast<const ASN1_STRING *>(parameter);

    auto tooCostly = [](const QString &what) {
        return failure(Code::KdfTooCostly,
                       Tr::tr("The key file asks for %1, more work than we allow before the "
                              "passphrase can even be checked. Re-encrypt it with fewer "
                              "iterations, e.g.: openssl pkcs8 -topk8 -v2 aes-256-cbc "
                              "-v2prf hmacWithSHA256 -iter 600000 -in FILE -out NEW")
                           .arg(what));
    };

    if (OBJ_obj2nid(oid) != NID_pbes2) {
        // PBES1 and the PKCS#12 PBE schemes carry {salt, iterations}.
        PbeParamPtr pbe(
            static_cast<PBEPARAM *>(ASN1_item_unpack(sequence, ASN1_ITEM_rptr(PBEPARAM))));
        int64_t iterations = 0;
        if (!pbe || ASN1_INTEGER_get_int64(&iterations, pbe->iter) != 1 || iterations < 1) {
            return failure(Code::Malformed,
                           Tr::tr("The key is encrypted with a scheme we cannot read."));
        }
        if (iterations > caps.maxPbkdf2Iterations) {
            return tooCostly(Tr::tr("%1 iterations").arg(iterations));
        }
        return {};
    }

    Pbe2ParamPtr pbe2(
        static_cast<PBE2PARAM *>(ASN1_item_unpack(sequence, ASN1_ITEM_rptr(PBE2PARAM))));
    if (!pbe2 || pbe2->keyfunc == nullptr) {
        return failure(Code::Malformed, Tr::tr("The key's PBES2 parameters are damaged."));
    }
    const ASN1_OBJECT *kdfOid = nullptr;
    int kdfType = 0;
    const void *kdfParameter = nullptr;
    X509_ALGOR_get0(&kdfOid, &kdfType, &kdfParameter, pbe2->keyfunc);
    if (kdfType != V_ASN1_SEQUENCE || kdfParameter == nullptr) {
        return failure(Code::Malformed, Tr::tr("The key's KDF parameters are damaged."));
    }
    const auto *kdfSequence = static_cast<const ASN1_STRING *>(kdfParameter);

    switch (OBJ_obj2nid(kdfOid)) {
    case NID_id_pbkdf2: {
        Pbkdf2ParamPtr kdf(
            static_cast<PBKDF2PARAM *>(ASN1_item_unpack(kdfSequence, ASN1_ITEM_rptr(PBKDF2PARAM))));
        int64_t iterations = 0;
        if (!kdf || ASN1_INTEGER_get_int64(&iterations, kdf->iter) != 1 || iterations < 1) {
            return failure(Code::Malformed, Tr::tr("The key's PBKDF2 parameters are damaged."));
        }
        if (iterations > caps.maxPbkdf2Iterations) {
            return tooCostly(Tr::tr("%1 PBKDF2 iterations").arg(iterations));
        }
        return {};
    }
    case NID_id_scrypt: {
        ScryptParamsPtr kdf(static_cast<SCRYPT_PARAMS *>(
            ASN1_item_unpack(kdfSequence, ASN1_ITEM_rptr(SCRYPT_PARAMS))));
        uint64_t n = 0;
        uint64_t r = 0;
        uint64_t p = 0;
        if (!kdf || ASN1_INTEGER_get_uint64(&n, kdf->costParameter) != 1
            || ASN1_INTEGER_get_uint64(&r, kdf->blockSize) != 1
            || ASN1_INTEGER_get_uint64(&p, kdf->parallelizationParameter) != 1 || n < 2
            || (n & (n - 1)) != 0 || r == 0 || p == 0) {
            return failure(Code::Malformed, Tr::tr("The key's scrypt parameters are damaged."));
        }
        int logN = 0;
        while ((uint64_t{1} << logN) < n) {
            ++logN;
        }
        if (logN > caps.maxScryptLogN) {
            return tooCostly(Tr::tr("scrypt N = 2^%1").arg(logN));
        }
        // The same formula OpenSSL uses; above its ceiling it would fail with a confusing
        // "memory limit exceeded" that we would otherwise report as a wrong passphrase.
        const long double memory = 128.0L * r * (n + 2) + 128.0L * r * p;
        if (memory > static_cast<long double>(kOpenSslScryptMaxMem)) {
            return tooCostly(Tr::tr("scrypt memory above OpenSSL's 32 MiB limit"));
        }
        return {};
    }
    default:
        return failure(Code::Malformed,
                       Tr::tr("The key uses a key-derivation function we do not support."));
    }
}

/**
 * Proves a loaded key is internally consistent before anyone signs with it: a damaged file can
 * still parse (a flipped byte inside the modulus is valid DER) and would then sign garbage.
 * EC and other types: OpenSSL's pairwise check (public = private × G). RSA: OpenSSL's pairwise
 * check is SP 800-56B strict (it refuses e = 3 or unusual primes), so sign and verify once
 * instead, with the key's own default padding and hash.
 */
Result<PrivateKey> adoptCheckedKey(PkeyPtr pkey)
{
    const KeyInfo info = KeyAccess::describe(pkey.get(), true);
    bool consistent = false;
    if (info.type == KeyType::Rsa || info.type == KeyType::RsaPss) {
        // No digest given: OpenSSL then uses the key's default one, which for a restricted
        // RSA-PSS key is the hash it is bound to.
        const EVP_MD *md = nullptr;
        static constexpr unsigned char probe[] = "suitebench key consistency check";
        QByteArray signature(EVP_PKEY_get_size(pkey.get()), Qt::Uninitialized);
        size_t length = static_cast<size_t>(signature.size());
        auto *out = reinterpret_cast<unsigned char *>(signature.data());
        MdCtxPtr signer(EVP_MD_CTX_new());
        MdCtxPtr verifier(EVP_MD_CTX_new());
        consistent = signer && verifier
                     && EVP_DigestSignInit(signer.get(), nullptr, md, nullptr, pkey.get()) == 1
                     && EVP_DigestSign(signer.get(), out, &length, probe, sizeof probe) == 1
                     && EVP_DigestVerifyInit(verifier.get(), nullptr, md, nullptr, pkey.get()) == 1
                     && EVP_DigestVerify(verifier.get(), out, length, probe, sizeof probe) == 1;
    } else {
        PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
        const int result = check ? EVP_PKEY_pairwise_check(check.get()) : 0;
        consistent = result == 1 || result == -2; // -2: this key type has no such check
    }
    ERR_clear_error();
    if (!consistent) {
        return failure(Code::Malformed, Tr::tr("The private key is damaged: its parts do not "
                                               "belong together."));
    }
    return KeyAccess::adoptPrivate(pkey.release());
}

Result<PrivateKey> loadEncryptedPkcs8Der(QByteArrayView der, const SecureBytes &passphrase,
                                         const KdfCaps &caps)
{
    const unsigned char *cursor = bytesOf(der);
    X509SigPtr sig(d2i_X509_SIG(nullptr, &cursor, static_cast<long>(der.size())));
    if (!sig || cursor != bytesOf(der) + der.size()) {
        ERR_clear_error();
        return failure(Code::Malformed, Tr::tr("The encrypted private key is damaged."));
    }
    if (passphrase.isEmpty()) {
        return failure(Code::NeedsPassphrase,
                       Tr::tr("This private key is encrypted; enter its passphrase."));
    }
    // The KDF runs before anything is authenticated, so the file decides the work: check the
    // cost first, and only then derive.
    if (auto cost = checkKdfCost(sig.get(), caps); !cost) {
        return tl::unexpected(cost.error());
    }
    ERR_clear_error();
    P8InfoPtr info(PKCS8_decrypt_ex(sig.get(), passphrase.constData(),
                                    static_cast<int>(passphrase.size()), nullptr, nullptr));
    if (!info) {
        // PKCS#12 "cipherfinal error" and friends: one message for wrong passphrase and damage.
        ERR_clear_error();
        return failure(Code::WrongPassphrase, wrongPassphraseMessage());
    }
    PkeyPtr pkey(EVP_PKCS82PKEY_ex(info.get(), nullptr, nullptr));
    if (!pkey) {
        ERR_clear_error();
        return failure(Code::WrongPassphrase, wrongPassphraseMessage());
    }
    return adoptCheckedKey(std::move(pkey));
}

Result<PrivateKey> loadPemPrivateBlock(const Pem::Block &block, const SecureBytes &passphrase,
                                       const KdfCaps &caps)
{
    if (!block.complete) {
        return failure(Code::Malformed, Tr::tr("The private key's PEM block has no END line; "
                                               "the file looks truncated."));
    }
    if (block.label == "ENCRYPTED PRIVATE KEY") {
        QByteArray der = block.der();
        const auto scrub = qScopeGuard([&der] { cleanse(der); });
        if (der.isEmpty()) {
            return failure(Code::Malformed, Tr::tr("The encrypted private key is damaged "
                                                   "(its body is not valid base64)."));
        }
        return loadEncryptedPkcs8Der(der, passphrase, caps);
    }
    const bool legacyEncrypted = block.isLegacyEncrypted();
    if (legacyEncrypted && passphrase.isEmpty()) {
        return failure(Code::NeedsPassphrase,
                       Tr::tr("This private key is encrypted; enter its passphrase."));
    }

    QByteArray pem = block.canonicalText();
    const auto scrub = qScopeGuard([&pem] { cleanse(pem); });
    BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    if (!bio) {
        return internalFailure("reading the key");
    }
    PassphraseRequest request{&passphrase};
    ERR_clear_error();
    EVP_PKEY *pkey = PEM_read_bio_PrivateKey_ex(bio.get(), nullptr, &passphraseCallback, &request,
                                                nullptr, nullptr);
    if (pkey == nullptr) {
        ERR_clear_error();
        if (legacyEncrypted) {
            // "bad decrypt", or an ASN.1 error when the CBC padding check passed by chance.
            return failure(Code::WrongPassphrase, wrongPassphraseMessage());
        }
        return failure(Code::Malformed,
                       Tr::tr("The private key (%1) is damaged or in a form we cannot read.")
                           .arg(QString::fromLatin1(block.label)));
    }
    return adoptCheckedKey(PkeyPtr(pkey));
}

Result<PrivateKey> loadDerPrivate(QByteArrayView der, const SecureBytes &passphrase,
                                  const KdfCaps &caps)
{
    const unsigned char *const end = bytesOf(der) + der.size();
    const long length = static_cast<long>(der.size());
    {
        const unsigned char *cursor = bytesOf(der);
        X509SigPtr sig(d2i_X509_SIG(nullptr, &cursor, length));
        if (sig && cursor == end) {
            return loadEncryptedPkcs8Der(der, passphrase, caps);
        }
    }
    {
        const unsigned char *cursor = bytesOf(der);
        P8InfoPtr info(d2i_PKCS8_PRIV_KEY_INFO(nullptr, &cursor, length));
        if (info && cursor == end) {
            PkeyPtr pkey(EVP_PKCS82PKEY_ex(info.get(), nullptr, nullptr));
            ERR_clear_error();
            if (!pkey) {
                return failure(Code::UnsupportedKey,
                               Tr::tr("The PKCS#8 key is damaged or of a type we cannot read."));
            }
            return adoptCheckedKey(std::move(pkey));
        }
    }
    ERR_clear_error();
    if (isPkcs12(der)) {
        ERR_clear_error();
        return pkcs12Container();
    }
    if (isDerCertificate(der)) {
        ERR_clear_error();
        return certificateNotKey();
    }
    if (isDerPublicKey(der)) {
        ERR_clear_error();
        return publicNotPrivate();
    }
    {
        // PKCS#1 / SEC1 DER. A decoder context of our own, so the passphrase callback is ours
        // too and OpenSSL can never fall back to prompting on a terminal.
        EVP_PKEY *pkey = nullptr;
        DecoderCtxPtr decoder(OSSL_DECODER_CTX_new_for_pkey(&pkey, "DER", "type-specific", nullptr,
                                                            EVP_PKEY_KEYPAIR, nullptr, nullptr));
        PassphraseRequest request{&passphrase};
        if (decoder
            && OSSL_DECODER_CTX_set_pem_password_cb(decoder.get(), &passphraseCallback, &request)
                   == 1) {
            const unsigned char *cursor = bytesOf(der);
            size_t left = static_cast<size_t>(der.size());
            if (OSSL_DECODER_from_data(decoder.get(), &cursor, &left) == 1 && pkey != nullptr
                && left == 0) {
                ERR_clear_error();
                return adoptCheckedKey(PkeyPtr(pkey));
            }
        }
        EVP_PKEY_free(pkey);
    }
    ERR_clear_error();
    return failure(Code::NotPem, Tr::tr("This is neither a PEM key file nor a DER key we can "
                                        "read."));
}

/** Says what a PEM file without a usable private-key block holds instead. */
tl::unexpected<CryptoError> explainNotPrivateKey(const QList<Pem::Block> &blocks)
{
    for (const auto &block : blocks) {
        if (block.label == "OPENSSH PRIVATE KEY") {
            return openSshKey();
        }
    }
    for (const auto &block : blocks) {
        if (Pem::isCertificateLabel(block.label) || block.label == "PKCS7") {
            return certificateNotKey();
        }
        if (Pem::isPublicKeyLabel(block.label)) {
            return publicNotPrivate();
        }
        if (block.label.contains("CERTIFICATE REQUEST")) {
            return failure(Code::NotPem, Tr::tr("This is a certificate signing request (CSR); "
                                                "pick the private key file instead."));
        }
    }
    const QString label
        = blocks.isEmpty() ? QString() : QString::fromLatin1(blocks.first().label.left(40));
    return failure(Code::NotPem, Tr::tr("The file holds a PEM block labelled “%1”, which is not "
                                        "a private key.")
                                     .arg(label));
}

bool looksLikeOpenSshPublicKey(QByteArrayView text)
{
    const QByteArrayView trimmed = text.trimmed();
    return trimmed.startsWith("ssh-rsa ") || trimmed.startsWith("ssh-ed25519 ")
           || trimmed.startsWith("ecdsa-sha2-") || trimmed.startsWith("---- BEGIN SSH2 PUBLIC KEY");
}

/** Builds a BIGNUM from big-endian bytes; @p secret puts it in the secure heap. */
BnPtr bignumFrom(QByteArrayView bytes, bool secret)
{
    BnPtr bn(secret ? BN_secure_new() : BN_new());
    if (bn && BN_bin2bn(bytesOf(bytes), static_cast<int>(bytes.size()), bn.get()) == nullptr) {
        return {};
    }
    return bn;
}

Result<PkeyPtr> pkeyFromParams(const char *type, int selection, OSSL_PARAM_BLD *builder)
{
    ParamsPtr params(OSSL_PARAM_BLD_to_param(builder));
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) {
        return internalFailure("preparing the key import");
    }
    EVP_PKEY *pkey = nullptr;
    if (EVP_PKEY_fromdata(ctx.get(), &pkey, selection, params.get()) != 1 || pkey == nullptr) {
        ERR_clear_error();
        return failure(Code::Malformed, Tr::tr("The key components do not form a valid key."));
    }
    return PkeyPtr(pkey);
}

struct CurveParams
{
    const char *groupName;
    int coordinateBytes;
};

std::optional<CurveParams> curveParams(Curve curve)
{
    switch (curve) {
    case Curve::P256:
        return CurveParams{"prime256v1", 32};
    case Curve::P384:
        return CurveParams{"secp384r1", 48};
    case Curve::P521:
        return CurveParams{"secp521r1", 66};
    case Curve::None:
    case Curve::Other:
        break;
    }
    return std::nullopt;
}

/** Left-pads a big-endian integer to @p size bytes; false when it does not fit. */
bool padInto(QByteArrayView value, int size, char *out)
{
    qsizetype skip = 0;
    while (skip < value.size() && value[skip] == '\0') {
        ++skip;
    }
    const qsizetype length = value.size() - skip;
    if (length > size) {
        return false;
    }
    std::memset(out, 0, static_cast<size_t>(size - length));
    std::memcpy(out + (size - length), value.data() + skip, static_cast<size_t>(length));
    return true;
}

Result<PkeyPtr> ecFromComponents(Curve curve, QByteArrayView x, QByteArrayView y, QByteArrayView d)
{
    const auto params = curveParams(curve);
    if (!params) {
        return failure(Code::UnsupportedKey,
                       Tr::tr("Only the P-256, P-384 and P-521 curves can be imported."));
    }
    const int size = params->coordinateBytes;
    QByteArray point(1 + 2 * size, Qt::Uninitialized);
    point[0] = 0x04; // uncompressed SEC1 point
    if (x.isEmpty() || y.isEmpty() || !padInto(x, size, point.data() + 1)
        || !padInto(y, size, point.data() + 1 + size)) {
        return failure(Code::InvalidArgument,
                       Tr::tr("The EC coordinates do not fit the curve's size."));
    }
    const bool hasPrivate = !d.isEmpty();
    if (hasPrivate && d.size() > size + 1) {
        return failure(Code::InvalidArgument,
                       Tr::tr("The EC private value does not fit the curve's size."));
    }
    ParamBldPtr builder(OSSL_PARAM_BLD_new());
    BnPtr privateValue = hasPrivate ? bignumFrom(d, true) : BnPtr();
    if (!builder || (hasPrivate && !privateValue)
        || OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                           params->groupName, 0)
               != 1
        || OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                            point.constData(), static_cast<size_t>(point.size()))
               != 1
        || (hasPrivate
            && OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, privateValue.get())
                   != 1)) {
        return internalFailure("preparing the EC key import");
    }
    auto pkey
        = pkeyFromParams("EC", hasPrivate ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, builder.get());
    if (!pkey) {
        return pkey;
    }
    // The point decoder already refuses points off the curve; for a key pair also prove that
    // d really is the private half of (x, y).
    PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey->get(), nullptr));
    const int ok = !check       ? 0
                   : hasPrivate ? EVP_PKEY_pairwise_check(check.get())
                                : EVP_PKEY_public_check(check.get());
    ERR_clear_error();
    if (ok != 1) {
        return failure(Code::Malformed,
                       hasPrivate ? Tr::tr("The EC private value does not match the public point.")
                                  : Tr::tr("The EC point is not valid for the curve."));
    }
    return pkey;
}

/**
 * RSA from components. With n, e, d only, OpenSSL 3 signs without the CRT (slower, correct);
 * with p and q but no CRT values we derive dp, dq and qi; partial CRT sets are refused.
 */
Result<PkeyPtr> rsaFromComponents(QByteArrayView nBytes, QByteArrayView eBytes,
                                  QByteArrayView dBytes, QByteArrayView pBytes,
                                  QByteArrayView qBytes, QByteArrayView dpBytes,
                                  QByteArrayView dqBytes, QByteArrayView qiBytes)
{
    if (nBytes.isEmpty() || eBytes.isEmpty()) {
        return failure(Code::InvalidArgument, Tr::tr("An RSA key needs both n and e."));
    }
    BnPtr n = bignumFrom(nBytes, false);
    BnPtr e = bignumFrom(eBytes, false);
    BnCtxPtr bnCtx(BN_CTX_secure_new());
    if (!n || !e || !bnCtx) {
        return internalFailure("reading the RSA components");
    }
    const int bits = BN_num_bits(n.get());
    if (bits < 512 || bits > 16384 || !BN_is_odd(n.get()) || !BN_is_odd(e.get())
        || BN_is_one(e.get()) || BN_cmp(e.get(), n.get()) >= 0) {
        return failure(
            Code::InvalidArgument,
            Tr::tr("The RSA modulus or exponent is not valid (modulus of %1 bits).").arg(bits));
    }
    ParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1
        || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
        return internalFailure("preparing the RSA key import");
    }
    if (dBytes.isEmpty()) {
        if (!pBytes.isEmpty() || !qBytes.isEmpty() || !dpBytes.isEmpty() || !dqBytes.isEmpty()
            || !qiBytes.isEmpty()) {
            return failure(Code::InvalidArgument,
                           Tr::tr("RSA CRT values were given without the private exponent d."));
        }
        return pkeyFromParams("RSA", EVP_PKEY_PUBLIC_KEY, builder.get());
    }

    BnPtr d = bignumFrom(dBytes, true);
    if (!d) {
        return internalFailure("reading the RSA private exponent");
    }
    if (BN_is_zero(d.get()) || BN_cmp(d.get(), n.get()) >= 0) {
        return failure(Code::InvalidArgument, Tr::tr("The RSA private exponent is out of range."));
    }
    if (OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_D, d.get()) != 1) {
        return internalFailure("preparing the RSA key import");
    }

    const bool hasFactors = !pBytes.isEmpty() && !qBytes.isEmpty();
    const bool anyFactor = !pBytes.isEmpty() || !qBytes.isEmpty();
    const int crtGiven
        = int(!dpBytes.isEmpty()) + int(!dqBytes.isEmpty()) + int(!qiBytes.isEmpty());
    if (anyFactor != hasFactors || (!hasFactors && crtGiven != 0)
        || (crtGiven != 0 && crtGiven != 3)) {
        return failure(Code::InvalidArgument,
                       Tr::tr("Give p and q together, and dp, dq and qi all or none."));
    }
    // Kept alive until the parameters are built.
    BnPtr p;
    BnPtr q;
    BnPtr dp;
    BnPtr dq;
    BnPtr qi;
    if (hasFactors) {
        p = bignumFrom(pBytes, true);
        q = bignumFrom(qBytes, true);
        BnPtr product(BN_new());
        if (!p || !q || !product || BN_mul(product.get(), p.get(), q.get(), bnCtx.get()) != 1) {
            return internalFailure("checking the RSA factors");
        }
        if (BN_cmp(product.get(), n.get()) != 0) {
            return failure(Code::Malformed,
                           Tr::tr("The RSA factors p and q do not multiply to n."));
        }
        if (crtGiven == 3) {
            dp = bignumFrom(dpBytes, true);
            dq = bignumFrom(dqBytes, true);
            qi = bignumFrom(qiBytes, true);
        } else {
            // dp = d mod (p-1), dq = d mod (q-1), qi = q^-1 mod p (RFC 8017 §3.2).
            dp.reset(BN_secure_new());
            dq.reset(BN_secure_new());
            BnPtr pMinus1(BN_secure_new());
            BnPtr qMinus1(BN_secure_new());
            if (!dp || !dq || !pMinus1 || !qMinus1
                || BN_sub(pMinus1.get(), p.get(), BN_value_one()) != 1
                || BN_sub(qMinus1.get(), q.get(), BN_value_one()) != 1
                || BN_mod(dp.get(), d.get(), pMinus1.get(), bnCtx.get()) != 1
                || BN_mod(dq.get(), d.get(), qMinus1.get(), bnCtx.get()) != 1) {
                return internalFailure("deriving the RSA CRT values");
            }
            qi.reset(BN_mod_inverse(BN_secure_new(), q.get(), p.get(), bnCtx.get()));
        }
        if (!dp || !dq || !qi
            || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_FACTOR1, p.get()) != 1
            || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_FACTOR2, q.get()) != 1
            || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1, dp.get()) != 1
            || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2, dq.get()) != 1
            || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1, qi.get())
                   != 1) {
            ERR_clear_error();
            return failure(Code::Malformed, Tr::tr("The RSA CRT values are not valid."));
        }
    }

    // Prove d belongs to (n, e) before anyone signs with it: (2^e)^d mod n must give 2 back.
    {
        BnPtr two(BN_new());
        BnPtr c(BN_new());
        BnPtr m(BN_secure_new());
        if (!two || !c || !m || BN_set_word(two.get(), 2) != 1
            || BN_mod_exp(c.get(), two.get(), e.get(), n.get(), bnCtx.get()) != 1
            || BN_mod_exp_mont_consttime(m.get(), c.get(), d.get(), n.get(), bnCtx.get(), nullptr)
                   != 1) {
            return internalFailure("checking the RSA private exponent");
        }
        if (BN_cmp(m.get(), two.get()) != 0) {
            return failure(Code::Malformed,
                           Tr::tr("The RSA private exponent does not belong to this modulus."));
        }
    }
    return pkeyFromParams("RSA", EVP_PKEY_KEYPAIR, builder.get());
}

/** Reads the whole of a BIO_s_mem / BIO_s_secmem into secret bytes. */
SecureBytes bioContents(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &data);
    if (length <= 0 || data == nullptr) {
        return {};
    }
    return SecureBytes(QByteArrayView(data, static_cast<qsizetype>(length)));
}

QString humanSize(qint64 bytes)
{
    if (bytes % kMiB == 0) {
        return Tr::tr("%1 MiB").arg(bytes / kMiB);
    }
    if (bytes % 1024 == 0) {
        return Tr::tr("%1 KiB").arg(bytes / 1024);
    }
    return Tr::tr("%1 bytes").arg(bytes);
}

tl::unexpected<CryptoError> tooLarge(qint64 maxBytes)
{
    return failure(
        Code::FileTooLarge,
        Tr::tr("File too large (over %1) for a key or certificate.").arg(humanSize(maxBytes)));
}

} // namespace

// ---- KeyInfo --------------------------------------------------------------------------------

QString KeyInfo::describe() const
{
    QString text;
    switch (type) {
    case KeyType::Rsa:
        text = Tr::tr("RSA %1-bit").arg(bits);
        break;
    case KeyType::RsaPss:
        text = Tr::tr("RSA-PSS %1-bit").arg(bits);
        break;
    case KeyType::Ec:
        switch (curve) {
        case Curve::P256:
            text = QStringLiteral("EC P-256");
            break;
        case Curve::P384:
            text = QStringLiteral("EC P-384");
            break;
        case Curve::P521:
            text = QStringLiteral("EC P-521");
            break;
        case Curve::None:
        case Curve::Other:
            text = QStringLiteral("EC ")
                   + (curveName.isEmpty() ? Tr::tr("(unnamed curve)") : curveName);
            break;
        }
        break;
    case KeyType::Other:
        text = typeName.isEmpty() ? Tr::tr("unknown key type") : typeName;
        if (!curveName.isEmpty()) {
            text += QLatin1Char(' ') + curveName;
        }
        break;
    }
    if (pssRestricted) {
        static const char *const names[] = {"SHA-1", "SHA-256", "SHA-384", "SHA-512"};
        text += pssDigest ? Tr::tr(", PSS with %1 only")
                                .arg(QString::fromLatin1(names[static_cast<int>(*pssDigest)]))
                          : Tr::tr(", PSS with an unsupported hash only");
    }
    return text;
}

// ---- KeyAccess ------------------------------------------------------------------------------

struct PrivateKey::Data
{
    PkeyPtr pkey;
    KeyInfo info;
};

struct PublicKey::Data
{
    PkeyPtr pkey;
    KeyInfo info;
};

PrivateKey KeyAccess::adoptPrivate(EVP_PKEY *pkey)
{
    PrivateKey key;
    if (pkey == nullptr) {
        return key;
    }
    auto data = std::make_shared<PrivateKey::Data>();
    data->pkey.reset(pkey);
    data->info = describe(pkey, true);
    key.d = std::move(data);
    return key;
}

PublicKey KeyAccess::adoptPublic(EVP_PKEY *pkey)
{
    PublicKey key;
    if (pkey == nullptr) {
        return key;
    }
    auto data = std::make_shared<PublicKey::Data>();
    data->pkey.reset(pkey);
    data->info = describe(pkey, false);
    key.d = std::move(data);
    return key;
}

EVP_PKEY *KeyAccess::handle(const PrivateKey &key)
{
    return key.d ? key.d->pkey.get() : nullptr;
}

EVP_PKEY *KeyAccess::handle(const PublicKey &key)
{
    return key.d ? key.d->pkey.get() : nullptr;
}

const KeyInfo &KeyAccess::info(const PrivateKey &key)
{
    static const KeyInfo none;
    return key.d ? key.d->info : none;
}

const KeyInfo &KeyAccess::info(const PublicKey &key)
{
    static const KeyInfo none;
    return key.d ? key.d->info : none;
}

KeyInfo KeyAccess::describe(const EVP_PKEY *pkey, bool hasPrivate)
{
    KeyInfo info;
    info.hasPrivate = hasPrivate;
    if (pkey == nullptr) {
        return info;
    }
    info.bits = EVP_PKEY_get_bits(pkey);
    if (EVP_PKEY_is_a(pkey, "RSA-PSS")) {
        info.type = KeyType::RsaPss;
        info.typeName = QStringLiteral("RSA-PSS");
        // Restricted keys (RFC 4055 parameters in the key) name one hash; unrestricted keys
        // report no digest parameter at all.
        bool restricted = false;
        const QByteArray digest = utf8Param(pkey, OSSL_PKEY_PARAM_RSA_DIGEST, &restricted);
        if (restricted) {
            info.pssRestricted = true;
            info.pssDigest = digestFromName(digest);
            bool hasMgf1 = false;
            const QByteArray mgf1 = utf8Param(pkey, OSSL_PKEY_PARAM_RSA_MGF1_DIGEST, &hasMgf1);
            info.pssMgf1Digest = hasMgf1 ? digestFromName(mgf1) : info.pssDigest;
            int saltLength = 0;
            if (EVP_PKEY_get_int_param(pkey, OSSL_PKEY_PARAM_RSA_PSS_SALTLEN, &saltLength) == 1) {
                info.pssMinSaltLength = saltLength;
            }
        }
    } else if (EVP_PKEY_is_a(pkey, "RSA")) {
        info.type = KeyType::Rsa;
        info.typeName = QStringLiteral("RSA");
    } else if (EVP_PKEY_is_a(pkey, "EC")) {
        info.type = KeyType::Ec;
        info.typeName = QStringLiteral("EC");
        char group[80] = {};
        size_t length = 0;
        if (EVP_PKEY_get_group_name(pkey, group, sizeof group, &length) == 1) {
            info.curveName = QString::fromLatin1(group, static_cast<qsizetype>(length));
        }
        const QString &name = info.curveName;
        if (name == QLatin1String("prime256v1") || name == QLatin1String("P-256")
            || name == QLatin1String("secp256r1")) {
            info.curve = Curve::P256;
        } else if (name == QLatin1String("secp384r1") || name == QLatin1String("P-384")) {
            info.curve = Curve::P384;
        } else if (name == QLatin1String("secp521r1") || name == QLatin1String("P-521")) {
            info.curve = Curve::P521;
        } else {
            info.curve = Curve::Other;
        }
    } else {
        info.type = KeyType::Other;
        const char *name = EVP_PKEY_get0_type_name(pkey);
        info.typeName = name != nullptr
                            ? QString::fromLatin1(name)
                            : QString::fromLatin1(OBJ_nid2sn(EVP_PKEY_get_base_id(pkey)));
    }
    ERR_clear_error();
    return info;
}

// ---- PrivateKey -----------------------------------------------------------------------------

PrivateKey::PrivateKey() = default;
PrivateKey::~PrivateKey() = default;
PrivateKey::PrivateKey(const PrivateKey &) = default;
PrivateKey &PrivateKey::operator=(const PrivateKey &) = default;
PrivateKey::PrivateKey(PrivateKey &&) noexcept = default;
PrivateKey &PrivateKey::operator=(PrivateKey &&) noexcept = default;

Result<PrivateKey> PrivateKey::fromData(QByteArrayView data, const SecureBytes &passphrase,
                                        const KdfCaps &caps)
{
    ERR_clear_error(); // stale errors from other callers must not leak into our messages
    if (data.trimmed().isEmpty()) {
        return failure(Code::NotPem, Tr::tr("The file is empty."));
    }
    QByteArray text = Pem::normalize(data);
    const auto scrub = qScopeGuard([&text] { cleanse(text); });

    if (QByteArrayView(text).trimmed().startsWith("PuTTY-User-Key-File")) {
        return puttyKey();
    }
    if (Pem::containsPem(text)) {
        const QList<Pem::Block> blocks = Pem::blocks(text);
        for (const auto &block : blocks) {
            if (Pem::isPrivateKeyLabel(block.label)) {
                return loadPemPrivateBlock(block, passphrase, caps);
            }
        }
        return explainNotPrivateKey(blocks);
    }
    if (looksLikeOpenSshPublicKey(text)) {
        return publicNotPrivate();
    }
    if (static_cast<unsigned char>(data.front()) == 0x30) {
        return loadDerPrivate(data, passphrase, caps);
    }
    return failure(Code::NotPem, Tr::tr("This is neither a PEM key file nor a DER key."));
}

Result<PrivateKey> PrivateKey::fromFile(const QString &path, const SecureBytes &passphrase,
                                        const KdfCaps &caps)
{
    auto bytes = readSmallFile(path);
    if (!bytes) {
        return tl::unexpected(bytes.error());
    }
    auto key = fromData(*bytes, passphrase, caps);
    cleanse(*bytes);
    return key;
}

Result<PrivateKey> PrivateKey::fromRsaComponents(QByteArrayView n, QByteArrayView e,
                                                 QByteArrayView d, QByteArrayView p,
                                                 QByteArrayView q, QByteArrayView dp,
                                                 QByteArrayView dq, QByteArrayView qi)
{
    if (d.isEmpty()) {
        return failure(Code::InvalidArgument, Tr::tr("A private RSA key needs d."));
    }
    auto pkey = rsaFromComponents(n, e, d, p, q, dp, dq, qi);
    if (!pkey) {
        return tl::unexpected(pkey.error());
    }
    return KeyAccess::adoptPrivate(pkey->release());
}

Result<PrivateKey> PrivateKey::fromEcComponents(Curve curve, QByteArrayView x, QByteArrayView y,
                                                QByteArrayView d)
{
    if (d.isEmpty()) {
        return failure(Code::InvalidArgument, Tr::tr("A private EC key needs d."));
    }
    auto pkey = ecFromComponents(curve, x, y, d);
    if (!pkey) {
        return tl::unexpected(pkey.error());
    }
    return KeyAccess::adoptPrivate(pkey->release());
}

bool PrivateKey::isNull() const
{
    return !d;
}

KeyInfo PrivateKey::info() const
{
    return KeyAccess::info(*this);
}

PublicKey PrivateKey::publicKey() const
{
    if (!d) {
        return {};
    }
    PkeyPtr pub = publicOnlyCopy(d->pkey.get());
    ERR_clear_error();
    return KeyAccess::adoptPublic(pub.release());
}

Result<SecureBytes> PrivateKey::toPkcs8Pem() const
{
    if (!d) {
        return failure(Code::InvalidArgument, Tr::tr("There is no key to export."));
    }
    ERR_clear_error();
    // A secure-memory BIO: OpenSSL scrubs the PEM text when the BIO is freed.
    BioPtr bio(BIO_new(BIO_s_secmem()));
    if (!bio
        || PEM_write_bio_PKCS8PrivateKey(bio.get(), d->pkey.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr)
               != 1) {
        return internalFailure("writing the key as PKCS#8");
    }
    return bioContents(bio.get());
}

Result<SecureBytes> PrivateKey::toEncryptedPkcs8Pem(const SecureBytes &passphrase,
                                                    int iterations) const
{
    if (!d) {
        return failure(Code::InvalidArgument, Tr::tr("There is no key to export."));
    }
    if (passphrase.isEmpty()) {
        return failure(Code::InvalidArgument, Tr::tr("An encrypted export needs a passphrase."));
    }
    // OWASP's 2023 figure for PBKDF2-HMAC-SHA256; the upper bound keeps our own files loadable
    // under the default KdfCaps.
    if (iterations < 600'000 || iterations > KdfCaps{}.maxPbkdf2Iterations) {
        return failure(Code::InvalidArgument,
                       Tr::tr("PBKDF2 iterations must be between 600,000 and %1.")
                           .arg(KdfCaps{}.maxPbkdf2Iterations));
    }
    if (passphrase.size() > 1024) {
        return failure(Code::InvalidArgument, Tr::tr("The passphrase is too long."));
    }
    ERR_clear_error();
    P8InfoPtr info(EVP_PKEY2PKCS8(d->pkey.get()));
    // PBES2: PBKDF2 with hmacWithSHA256, a random 16-byte salt, AES-256-CBC with a random IV.
    AlgorPtr pbe(PKCS5_pbe2_set_iv_ex(EVP_aes_256_cbc(), iterations, nullptr, 16, nullptr,
                                      NID_hmacWithSHA256, nullptr));
    if (!info || !pbe) {
        return internalFailure("preparing the encrypted export");
    }
    X509SigPtr sig(PKCS8_set0_pbe_ex(passphrase.constData(), static_cast<int>(passphrase.size()),
                                     info.get(), pbe.get(), nullptr, nullptr));
    if (!sig) {
        return internalFailure("encrypting the key");
    }
    (void)pbe.release(); // owned by sig now
    BioPtr bio(BIO_new(BIO_s_secmem()));
    if (!bio || PEM_write_bio_PKCS8(bio.get(), sig.get()) != 1) {
        return internalFailure("writing the encrypted key");
    }
    return bioContents(bio.get());
}

void *PrivateKey::nativeHandle() const
{
    return KeyAccess::handle(*this);
}

// ---- PublicKey ------------------------------------------------------------------------------

PublicKey::PublicKey() = default;
PublicKey::~PublicKey() = default;
PublicKey::PublicKey(const PublicKey &) = default;
PublicKey &PublicKey::operator=(const PublicKey &) = default;
PublicKey::PublicKey(PublicKey &&) noexcept = default;
PublicKey &PublicKey::operator=(PublicKey &&) noexcept = default;

namespace {

Result<PublicKey> publicFromPemBlock(const Pem::Block &block)
{
    if (!block.complete) {
        return failure(Code::Malformed,
                       Tr::tr("The PEM block has no END line; the file looks truncated."));
    }
    QByteArray der = block.der();
    const auto scrub = qScopeGuard([&der] { cleanse(der); });
    if (der.isEmpty()) {
        return failure(Code::Malformed, Tr::tr("The PEM body is not valid base64."));
    }
    const unsigned char *cursor = bytesOf(der);
    const unsigned char *const end = cursor + der.size();
    const long length = static_cast<long>(der.size());
    ERR_clear_error();
    if (block.label == "PUBLIC KEY") {
        PkeyPtr pkey(d2i_PUBKEY(nullptr, &cursor, length));
        if (pkey && cursor == end) {
            return KeyAccess::adoptPublic(pkey.release());
        }
    } else if (block.label == "RSA PUBLIC KEY") {
        PkeyPtr pkey(d2i_PublicKey(EVP_PKEY_RSA, nullptr, &cursor, length));
        if (pkey && cursor == end) {
            return KeyAccess::adoptPublic(pkey.release());
        }
    } else if (Pem::isCertificateLabel(block.label)) {
        X509Ptr cert(block.label == "TRUSTED CERTIFICATE" ? d2i_X509_AUX(nullptr, &cursor, length)
                                                          : d2i_X509(nullptr, &cursor, length));
        if (cert) {
            PkeyPtr pkey(X509_get_pubkey(cert.get()));
            if (pkey) {
                return KeyAccess::adoptPublic(pkey.release());
            }
        }
    }
    ERR_clear_error();
    return failure(Code::Malformed,
                   Tr::tr("The %1 block is damaged.").arg(QString::fromLatin1(block.label)));
}

} // namespace

Result<PublicKey> PublicKey::fromData(QByteArrayView data)
{
    ERR_clear_error(); // stale errors from other callers must not leak into our messages
    if (data.trimmed().isEmpty()) {
        return failure(Code::NotPem, Tr::tr("The file is empty."));
    }
    QByteArray text = Pem::normalize(data);
    const auto scrub = qScopeGuard([&text] { cleanse(text); });
    if (QByteArrayView(text).trimmed().startsWith("PuTTY-User-Key-File")) {
        return puttyKey();
    }
    if (Pem::containsPem(text)) {
        const QList<Pem::Block> blocks = Pem::blocks(text);
        for (const auto &block : blocks) {
            if (Pem::isPublicKeyLabel(block.label) || Pem::isCertificateLabel(block.label)) {
                return publicFromPemBlock(block);
            }
            if (Pem::isPrivateKeyLabel(block.label)) {
                if (block.label == "ENCRYPTED PRIVATE KEY" || block.isLegacyEncrypted()) {
                    return failure(Code::NeedsPassphrase,
                                   Tr::tr("This is an encrypted private key; load it with its "
                                          "passphrase to get the public key."));
                }
                auto key = PrivateKey::fromData(block.canonicalText());
                if (!key) {
                    return tl::unexpected(key.error());
                }
                return key->publicKey();
            }
            if (block.label == "OPENSSH PRIVATE KEY") {
                return openSshKey();
            }
        }
        return failure(Code::NotPem, Tr::tr("The file holds no public key, certificate or "
                                            "private key."));
    }
    if (looksLikeOpenSshPublicKey(text)) {
        return failure(Code::OpenSshKey, Tr::tr("This is an OpenSSH public key; convert it with: "
                                                "ssh-keygen -e -m PKCS8 -f FILE"));
    }
    if (static_cast<unsigned char>(data.front()) == 0x30) {
        const unsigned char *const end = bytesOf(data) + data.size();
        const long length = static_cast<long>(data.size());
        ERR_clear_error();
        {
            const unsigned char *cursor = bytesOf(data);
            PkeyPtr pkey(d2i_PUBKEY(nullptr, &cursor, length));
            if (pkey && cursor == end) {
                return KeyAccess::adoptPublic(pkey.release());
            }
        }
        {
            const unsigned char *cursor = bytesOf(data);
            X509Ptr cert(d2i_X509(nullptr, &cursor, length));
            if (cert && cursor == end) {
                PkeyPtr pkey(X509_get_pubkey(cert.get()));
                ERR_clear_error();
                if (pkey) {
                    return KeyAccess::adoptPublic(pkey.release());
                }
            }
        }
        ERR_clear_error();
        if (isPkcs12(data)) {
            ERR_clear_error();
            return pkcs12Container();
        }
        auto key = PrivateKey::fromData(data);
        if (key) {
            return key->publicKey();
        }
        if (key.error().code == Code::NeedsPassphrase) {
            return tl::unexpected(key.error());
        }
    }
    ERR_clear_error();
    return failure(Code::NotPem, Tr::tr("This is neither a PEM file nor a DER public key."));
}

Result<PublicKey> PublicKey::fromFile(const QString &path)
{
    auto bytes = readSmallFile(path);
    if (!bytes) {
        return tl::unexpected(bytes.error());
    }
    auto key = fromData(*bytes);
    cleanse(*bytes); // the file might have been a private key
    return key;
}

Result<PublicKey> PublicKey::fromRsaComponents(QByteArrayView n, QByteArrayView e)
{
    auto pkey = rsaFromComponents(n, e, {}, {}, {}, {}, {}, {});
    if (!pkey) {
        return tl::unexpected(pkey.error());
    }
    return KeyAccess::adoptPublic(pkey->release());
}

Result<PublicKey> PublicKey::fromEcComponents(Curve curve, QByteArrayView x, QByteArrayView y)
{
    auto pkey = ecFromComponents(curve, x, y, {});
    if (!pkey) {
        return tl::unexpected(pkey.error());
    }
    return KeyAccess::adoptPublic(pkey->release());
}

bool PublicKey::isNull() const
{
    return !d;
}

KeyInfo PublicKey::info() const
{
    return KeyAccess::info(*this);
}

QByteArray PublicKey::toPem() const
{
    if (!d) {
        return {};
    }
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), d->pkey.get()) != 1) {
        ERR_clear_error();
        return {};
    }
    char *data = nullptr;
    const long length = BIO_ctrl(bio.get(), BIO_CTRL_INFO, 0, &data);
    return length > 0 ? QByteArray(data, static_cast<qsizetype>(length)) : QByteArray();
}

bool PublicKey::equals(const PublicKey &other) const
{
    if (!d || !other.d) {
        return false;
    }
    // EVP_PKEY_eq: 1 same, 0 different, -1 different types, -2 unsupported. Only 1 is "same".
    const bool same = EVP_PKEY_eq(d->pkey.get(), other.d->pkey.get()) == 1;
    ERR_clear_error();
    return same;
}

void *PublicKey::nativeHandle() const
{
    return KeyAccess::handle(*this);
}

// ---- generation -----------------------------------------------------------------------------

Result<PrivateKey> generateKey(const KeySpec &spec)
{
    ERR_clear_error(); // stale errors from other callers must not leak into our messages
    PkeyCtxPtr ctx;
    switch (spec.type) {
    case KeyType::Rsa:
    case KeyType::RsaPss:
        // 2048 exists for tests and RFC 7523 interop only; NetSuite wants 3072 or 4096.
        if (spec.bits != 2048 && spec.bits != 3072 && spec.bits != 4096) {
            return failure(
                Code::InvalidArgument,
                Tr::tr("RSA keys can be 2048, 3072 or 4096 bits, not %1.").arg(spec.bits));
        }
        // "RSA-PSS" is what `openssl req -newkey rsa-pss` makes (NetSuite's recipe).
        ctx.reset(EVP_PKEY_CTX_new_from_name(
            nullptr, spec.type == KeyType::RsaPss ? "RSA-PSS" : "RSA", nullptr));
        if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1
            || EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), spec.bits) != 1) {
            return internalFailure("preparing RSA key generation");
        }
        break;
    case KeyType::Ec: {
        const auto params = curveParams(spec.curve);
        if (!params) {
            return failure(Code::InvalidArgument,
                           Tr::tr("EC keys can use P-256, P-384 or P-521 only."));
        }
        ctx.reset(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
        if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1
            || EVP_PKEY_CTX_set_group_name(ctx.get(), params->groupName) != 1) {
            return internalFailure("preparing EC key generation");
        }
        break;
    }
    case KeyType::Other:
        return failure(Code::InvalidArgument, Tr::tr("Choose RSA, RSA-PSS or EC."));
    }
    EVP_PKEY *pkey = nullptr;
    if (EVP_PKEY_generate(ctx.get(), &pkey) != 1 || pkey == nullptr) {
        return internalFailure("generating the key");
    }
    return KeyAccess::adoptPrivate(pkey);
}

// ---- files ----------------------------------------------------------------------------------

Result<QByteArray> readSmallFile(const QString &path, qint64 maxBytes)
{
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (path.isEmpty() || !info.exists()) {
        return failure(Code::FileNotFound, Tr::tr("No such file: %1").arg(shown));
    }
    // FIFOs, devices and sockets could block forever or never end: regular files only.
    if (info.isDir()) {
        return failure(Code::NotRegularFile,
                       Tr::tr("Not a regular file: %1 is a folder.").arg(shown));
    }
    if (!info.isFile()) {
        return failure(Code::NotRegularFile,
                       Tr::tr("Not a regular file: %1 (a pipe, device or socket cannot hold a "
                              "key).")
                           .arg(shown));
    }
    if (info.size() > maxBytes) {
        return tooLarge(maxBytes);
    }

#ifdef Q_OS_UNIX
    // The path could be swapped for a FIFO between the check and the open (or be one on a
    // filesystem QFileInfo misreads): O_NONBLOCK keeps open() from waiting for a writer, and
    // fstat on the open descriptor is the check that counts.
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        const int error = errno;
        return failure(
            Code::FileNotFound,
            Tr::tr("Cannot open %1: %2").arg(shown, QString::fromLocal8Bit(std::strerror(error))));
    }
    const auto closeFd = qScopeGuard([fd] { ::close(fd); });
    struct stat status = {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        return failure(Code::NotRegularFile, Tr::tr("Not a regular file: %1").arg(shown));
    }
    if (status.st_size > maxBytes) {
        return tooLarge(maxBytes);
    }
    // Read at most maxBytes + 1, so a file that grows after fstat is still caught.
    QByteArray bytes(static_cast<qsizetype>(status.st_size) + 1, Qt::Uninitialized);
    qsizetype total = 0;
    while (true) {
        if (total == bytes.size()) {
            if (total > maxBytes) {
                cleanse(bytes);
                return tooLarge(maxBytes);
            }
            // The file grew: move to a bigger buffer without leaving the old one unscrubbed.
            QByteArray bigger(std::min<qsizetype>(bytes.size() * 2, maxBytes + 1),
                              Qt::Uninitialized);
            std::memcpy(bigger.data(), bytes.constData(), static_cast<size_t>(total));
            cleanse(bytes);
            bytes = std::move(bigger);
        }
        const ssize_t got
            = ::read(fd, bytes.data() + total, static_cast<size_t>(bytes.size() - total));
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int error = errno;
            cleanse(bytes);
            return failure(Code::FileNotFound,
                           Tr::tr("Cannot read %1: %2")
                               .arg(shown, QString::fromLocal8Bit(std::strerror(error))));
        }
        if (got == 0) {
            break;
        }
        total += got;
    }
    if (total > maxBytes) {
        cleanse(bytes);
        return tooLarge(maxBytes);
    }
    bytes.truncate(total); // shrinking keeps the same buffer
    return bytes;
#else
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        return failure(Code::FileNotFound,
                       Tr::tr("Cannot open %1: %2").arg(shown, file.errorString()));
    }
    if (file.isSequential()) {
        return failure(Code::NotRegularFile, Tr::tr("Not a regular file: %1").arg(shown));
    }
    if (file.size() > maxBytes) {
        return tooLarge(maxBytes);
    }
    QByteArray bytes = file.read(maxBytes + 1);
    if (bytes.size() > maxBytes) {
        cleanse(bytes);
        return tooLarge(maxBytes);
    }
    return bytes;
#endif
}

} // namespace Sb::Crypto
