// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/CryptoError.h"
#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace Sb::Crypto {

enum class KeyType { Rsa, RsaPss, Ec, Other };
enum class Curve { None, P256, P384, P521, Other };

/** What a key is, for display, algorithm choice and NetSuite's key rules. */
struct KeyInfo
{
    KeyType type = KeyType::Other;
    int bits = 0; ///< modulus bits (RSA) or field bits (EC)
    Curve curve = Curve::None;
    QString curveName; ///< OpenSSL's group name, e.g. "prime256v1", "secp256k1"
    QString typeName;  ///< "RSA", "RSA-PSS", "EC", or OpenSSL's name for others
    bool hasPrivate = false;

    // Added by lib/crypto: RSA-PSS keys may carry RFC 4055 parameter restrictions (the one
    // hash they sign with, the MGF1 hash, a minimum salt). algorithmsForKey() honours them.
    bool pssRestricted = false;          ///< an RSA-PSS key bound to one hash
    std::optional<Digest> pssDigest;     ///< that hash, when it is one we know
    std::optional<Digest> pssMgf1Digest; ///< the MGF1 hash, when restricted and known
    int pssMinSaltLength = 0;            ///< the minimum salt length, when restricted

    /** E.g. "RSA-PSS 3072-bit", "EC P-256". */
    [[nodiscard]] QString describe() const;
};

/** Caps a loader applies to untrusted encrypted keys before running their KDF (K3). */
struct KdfCaps
{
    int maxPbkdf2Iterations = 10'000'000;
    int maxScryptLogN = 20;
};

class PublicKey;

/**
 * A private key held inside OpenSSL (its BIGNUMs in the secure heap when
 * initSecureHeap() ran). Copyable: copies share the same immutable key.
 */
class PrivateKey final
{
public:
    PrivateKey();
    ~PrivateKey();
    PrivateKey(const PrivateKey &);
    PrivateKey &operator=(const PrivateKey &);
    PrivateKey(PrivateKey &&) noexcept;
    PrivateKey &operator=(PrivateKey &&) noexcept;

    /**
     * Loads the first private key found in @p data: PEM (PKCS#8, PKCS#1, SEC1, encrypted
     * PKCS#8, legacy `Proc-Type: 4,ENCRYPTED`, RSA-PSS typed keys, CRLF line ends, several
     * blocks such as certificate + key) or DER PKCS#8. An encrypted key needs @p passphrase;
     * OpenSSL is never allowed to prompt on a terminal. Gives a specific error when the data
     * is a certificate, a public key, an OpenSSH or PuTTY key, or PKCS#12.
     */
    [[nodiscard]] static Result<PrivateKey>
    fromData(QByteArrayView data, const SecureBytes &passphrase = {}, const KdfCaps &caps = {});
    /** Reads a regular file of at most 1 MiB, then fromData(). */
    [[nodiscard]] static Result<PrivateKey>
    fromFile(const QString &path, const SecureBytes &passphrase = {}, const KdfCaps &caps = {});

    /** RSA from JWK-style big-endian components (RFC 7518 §6.3); CRT values optional. */
    [[nodiscard]] static Result<PrivateKey>
    fromRsaComponents(QByteArrayView n, QByteArrayView e, QByteArrayView d, QByteArrayView p = {},
                      QByteArrayView q = {}, QByteArrayView dp = {}, QByteArrayView dq = {},
                      QByteArrayView qi = {});
    /** EC from JWK-style components (RFC 7518 §6.2): curve, x, y, d (big-endian). */
    [[nodiscard]] static Result<PrivateKey> fromEcComponents(Curve curve, QByteArrayView x,
                                                             QByteArrayView y, QByteArrayView d);

    [[nodiscard]] bool isNull() const;
    [[nodiscard]] KeyInfo info() const;
    [[nodiscard]] PublicKey publicKey() const;

    /** Unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY"). */
    [[nodiscard]] Result<SecureBytes> toPkcs8Pem() const;
    /** Encrypted PKCS#8 PEM: PBKDF2-HMAC-SHA256, @p iterations (≥ 600,000), AES-256-CBC. */
    [[nodiscard]] Result<SecureBytes> toEncryptedPkcs8Pem(const SecureBytes &passphrase,
                                                          int iterations = 600'000) const;

    /** Backend handle for other lib/crypto .cpp files only (an EVP_PKEY*). */
    [[nodiscard]] void *nativeHandle() const;

private:
    struct Data;
    std::shared_ptr<Data> d;
    friend class KeyAccess;
};

/** A public key (from a certificate, a PEM `PUBLIC KEY`, or a private key). */
class PublicKey final
{
public:
    PublicKey();
    ~PublicKey();
    PublicKey(const PublicKey &);
    PublicKey &operator=(const PublicKey &);
    PublicKey(PublicKey &&) noexcept;
    PublicKey &operator=(PublicKey &&) noexcept;

    /**
     * Loads a public key from PEM `PUBLIC KEY` / `RSA PUBLIC KEY`, a certificate (PEM or DER),
     * or a private key (its public half), whichever @p data holds.
     */
    [[nodiscard]] static Result<PublicKey> fromData(QByteArrayView data);
    [[nodiscard]] static Result<PublicKey> fromFile(const QString &path);
    [[nodiscard]] static Result<PublicKey> fromRsaComponents(QByteArrayView n, QByteArrayView e);
    [[nodiscard]] static Result<PublicKey> fromEcComponents(Curve curve, QByteArrayView x,
                                                            QByteArrayView y);

    [[nodiscard]] bool isNull() const;
    [[nodiscard]] KeyInfo info() const;
    /** SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY"). */
    [[nodiscard]] QByteArray toPem() const;
    /** True when both hold the same key (EVP_PKEY_eq == 1; anything else is "no"). */
    [[nodiscard]] bool equals(const PublicKey &other) const;

    [[nodiscard]] void *nativeHandle() const;

private:
    struct Data;
    std::shared_ptr<Data> d;
    friend class KeyAccess;
};

/** What to generate. RSA bits: 2048 (tests and rfc7523 only), 3072 or 4096. */
struct KeySpec
{
    KeyType type = KeyType::RsaPss;
    int bits = 3072;
    Curve curve = Curve::P256;
};

/** Generates a key with the OpenSSL CSPRNG. Slow for RSA 4096 (seconds): call off the GUI thread.
 */
[[nodiscard]] Result<PrivateKey> generateKey(const KeySpec &spec);

/**
 * Puts OpenSSL's secure heap in place (CRYPTO_secure_malloc_init) so key BIGNUMs live in
 * locked, zeroed-on-free memory. Call once at start-up, before any key is loaded; false
 * when the platform refuses (keys then live in the normal heap).
 */
bool initSecureHeap();

/** Reads a regular file of at most @p maxBytes, with specific errors (shared by loaders). */
[[nodiscard]] Result<QByteArray> readSmallFile(const QString &path, qint64 maxBytes = 1024 * 1024);

} // namespace Sb::Crypto
