// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/CryptoError.h"
#include "crypto/Keys.h"

#include <QDateTime>
#include <QStringList>

#include <memory>

namespace Sb::Crypto {

/** Readable facts about an X.509 certificate. */
struct CertificateInfo
{
    QString subject; ///< one line, e.g. "CN=Suitebench,O=Example,C=US"
    QString issuer;
    QString commonName;
    QString serialHex;   ///< upper-case hex, no separators
    QDateTime notBefore; ///< UTC
    QDateTime notAfter;  ///< UTC
    KeyInfo key;
    QString signatureAlgorithm;   ///< e.g. "sha256WithRSAEncryption", "ecdsa-with-SHA256"
    QByteArray sha1Fingerprint;   ///< raw 20 bytes of SHA-1 over the DER
    QByteArray sha256Fingerprint; ///< raw 32 bytes of SHA-256 over the DER
    QStringList dnsNames;         ///< subjectAltName DNS entries
    QStringList ipAddresses;      ///< subjectAltName IP entries, textual
    bool selfSigned = false;
    int version = 0; ///< 3 for X.509 v3

    /** "AB:CD:…" form of a fingerprint, as browsers and NetSuite show it. */
    [[nodiscard]] static QString formatFingerprint(const QByteArray &raw);
    /** Whole days from notBefore to notAfter. */
    [[nodiscard]] qint64 validityDays() const;
};

/** What to put in a self-signed certificate. */
struct CertificateRequest
{
    QString commonName = QStringLiteral("Suitebench");
    QString organization;
    QString country;         ///< two letters or empty
    int validityDays = 730;  ///< 1…730: NetSuite caps certificates at two years
    QDateTime notBefore;     ///< UTC; null means "now"
    QStringList dnsNames;    ///< subjectAltName DNS entries (e.g. "localhost")
    QStringList ipAddresses; ///< subjectAltName IP entries (e.g. "127.0.0.1")
    bool serverAuth = false; ///< add extendedKeyUsage serverAuth (emulator TLS)
};

/** An X.509 certificate held inside OpenSSL. Copyable (shared, immutable). */
class Certificate final
{
public:
    Certificate();
    ~Certificate();
    Certificate(const Certificate &);
    Certificate &operator=(const Certificate &);
    Certificate(Certificate &&) noexcept;
    Certificate &operator=(Certificate &&) noexcept;

    /** The first certificate in PEM (any position among other blocks) or DER @p data. */
    [[nodiscard]] static Result<Certificate> fromData(QByteArrayView data);
    [[nodiscard]] static Result<Certificate> fromFile(const QString &path);

    /**
     * A self-signed X.509 v3 certificate for @p key: random 128-bit positive serial,
     * SHA-256 (or the key's PSS parameters for RSA-PSS keys), basicConstraints CA:FALSE,
     * subject key identifier, optional SANs and serverAuth. validityDays outside 1…730 is
     * an InvalidArgument error.
     */
    [[nodiscard]] static Result<Certificate> createSelfSigned(const PrivateKey &key,
                                                              const CertificateRequest &request);

    [[nodiscard]] bool isNull() const;
    [[nodiscard]] CertificateInfo info() const;
    [[nodiscard]] PublicKey publicKey() const;
    [[nodiscard]] QByteArray toPem() const;
    [[nodiscard]] QByteArray toDer() const;
    /** True only when the certificate's key is @p key's public half (dates are not checked). */
    [[nodiscard]] bool belongsTo(const PrivateKey &key) const;

    [[nodiscard]] void *nativeHandle() const;

private:
    struct Data;
    std::shared_ptr<Data> d;
};

} // namespace Sb::Crypto
