// SPDX-License-Identifier: MIT
// X.509 certificates: reading (PEM anywhere in a file, or DER), describing, and making the
// self-signed certificate NetSuite's M2M setup asks the user to upload.
#include "crypto/Certificate.h"

#include "crypto/KeyAccess.h"
#include "crypto/OpenSslInternal.h"
#include "crypto/Pem.h"

#include <QRegularExpression>
#include <QScopeGuard>

#include <ctime>
#include <memory>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace Sb::Crypto {

namespace {

using Code = CryptoError::Code;

using ExtensionPtr = std::unique_ptr<X509_EXTENSION, FreeWith<&X509_EXTENSION_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, FreeWith<&GENERAL_NAMES_free>>;
using GeneralNamePtr = std::unique_ptr<GENERAL_NAME, FreeWith<&GENERAL_NAME_free>>;
using OctetStringPtr = std::unique_ptr<ASN1_OCTET_STRING, FreeWith<&ASN1_OCTET_STRING_free>>;
using Ia5StringPtr = std::unique_ptr<ASN1_IA5STRING, FreeWith<&ASN1_IA5STRING_free>>;

constexpr int kMaxValidityDays = 730; // NetSuite shortens longer certificates to two years

template<typename T>
T *stackValue(const STACK_OF(GENERAL_NAME) * stack, int index)
{
    return static_cast<T *>(
        OPENSSL_sk_value(reinterpret_cast<const OPENSSL_STACK *>(stack), index));
}

int stackCount(const STACK_OF(GENERAL_NAME) * stack)
{
    return OPENSSL_sk_num(reinterpret_cast<const OPENSSL_STACK *>(stack));
}

X509Ptr parseDer(QByteArrayView der, bool trusted = false)
{
    const unsigned char *cursor = bytesOf(der);
    const long length = static_cast<long>(der.size());
    X509Ptr cert(trusted ? d2i_X509_AUX(nullptr, &cursor, length)
                         : d2i_X509(nullptr, &cursor, length));
    if (!cert || cursor != bytesOf(der) + der.size()) {
        return {};
    }
    return cert;
}

/** DER PKCS#8 (plain or encrypted), PKCS#1 or SEC1: whatever the key loader recognises. */
bool isDerPrivateKey(QByteArrayView der)
{
    const auto key = PrivateKey::fromData(der);
    return key || key.error().code == Code::NeedsPassphrase;
}

QString nameToString(const X509_NAME *name)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    // RFC 2253 order ("CN=…,O=…,C=…"), but UTF-8 kept readable instead of \XX escapes.
    if (!bio
        || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) {
        return {};
    }
    char *data = nullptr;
    const long length = BIO_ctrl(bio.get(), BIO_CTRL_INFO, 0, &data);
    return length > 0 ? QString::fromUtf8(data, static_cast<qsizetype>(length)) : QString();
}

QString asn1StringToQString(const ASN1_STRING *string)
{
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, string);
    if (length < 0) {
        return {};
    }
    QString text = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return text;
}

QDateTime toDateTime(const ASN1_TIME *time)
{
    std::tm parts = {};
    if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) {
        return {};
    }
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

/** Textual IP address: dotted quad, or RFC 5952 compressed IPv6. */
QString ipToString(const ASN1_OCTET_STRING *octets)
{
    const unsigned char *bytes = ASN1_STRING_get0_data(octets);
    const int length = ASN1_STRING_length(octets);
    if (length == 4) {
        return QStringLiteral("%1.%2.%3.%4")
            .arg(bytes[0])
            .arg(bytes[1])
            .arg(bytes[2])
            .arg(bytes[3]);
    }
    if (length != 16) {
        return QStringLiteral("(%1-byte address)").arg(length);
    }
    quint16 groups[8];
    for (int i = 0; i < 8; ++i) {
        groups[i] = static_cast<quint16>((bytes[2 * i] << 8) | bytes[2 * i + 1]);
    }
    // The longest run (of at least two) of zero groups becomes "::", the first on a tie.
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8;) {
        if (groups[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && groups[j] == 0) {
            ++j;
        }
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j;
    }
    QString text;
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            text += QStringLiteral("::");
            i += bestLength - 1;
            continue;
        }
        if (!text.isEmpty() && !text.endsWith(QLatin1Char(':'))) {
            text += QLatin1Char(':');
        }
        text += QString::number(groups[i], 16);
    }
    return text;
}

bool isValidDnsName(const QString &name)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\*\\.)?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                       "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"));
    return name.size() <= 253 && pattern.match(name).hasMatch();
}

Result<void> addExtension(X509 *cert, X509V3_CTX *context, int nid, const char *value)
{
    ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, context, nid, value));
    if (!extension || X509_add_ext(cert, extension.get(), -1) != 1) {
        return internalFailure("adding a certificate extension");
    }
    return {};
}

Result<void> addEntry(X509_NAME *name, int nid, const QString &value)
{
    if (value.isEmpty()) {
        return {};
    }
    const QByteArray utf8 = value.toUtf8();
    if (X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8, bytesOf(utf8),
                                   static_cast<int>(utf8.size()), -1, 0)
        != 1) {
        ERR_clear_error();
        return failure(Code::InvalidArgument,
                       Tr::tr("“%1” cannot be used in a certificate name.").arg(value));
    }
    return {};
}

/** The subjectAltName list, built as values (no config-string parsing of user text). */
Result<GeneralNamesPtr> buildSubjectAltNames(const CertificateRequest &request)
{
    GeneralNamesPtr names(GENERAL_NAMES_new());
    if (!names) {
        return internalFailure("building the subject alternative names");
    }
    for (const QString &dns : request.dnsNames) {
        if (!isValidDnsName(dns)) {
            return failure(Code::InvalidArgument, Tr::tr("“%1” is not a valid DNS name.").arg(dns));
        }
        const QByteArray ascii = dns.toLatin1();
        Ia5StringPtr ia5(ASN1_IA5STRING_new());
        GeneralNamePtr entry(GENERAL_NAME_new());
        if (!ia5 || !entry
            || ASN1_STRING_set(ia5.get(), ascii.constData(), static_cast<int>(ascii.size())) != 1) {
            return internalFailure("building a DNS name");
        }
        GENERAL_NAME_set0_value(entry.get(), GEN_DNS, ia5.release());
        if (OPENSSL_sk_push(reinterpret_cast<OPENSSL_STACK *>(names.get()), entry.get()) <= 0) {
            return internalFailure("building a DNS name");
        }
        (void)entry.release();
    }
    for (const QString &ip : request.ipAddresses) {
        const QByteArray ascii = ip.trimmed().toLatin1();
        OctetStringPtr octets(a2i_IPADDRESS(ascii.constData()));
        ERR_clear_error();
        if (!octets) {
            return failure(Code::InvalidArgument,
                           Tr::tr("“%1” is not a valid IP address.").arg(ip));
        }
        GeneralNamePtr entry(GENERAL_NAME_new());
        if (!entry) {
            return internalFailure("building an IP address entry");
        }
        GENERAL_NAME_set0_value(entry.get(), GEN_IPADD, octets.release());
        if (OPENSSL_sk_push(reinterpret_cast<OPENSSL_STACK *>(names.get()), entry.get()) <= 0) {
            return internalFailure("building an IP address entry");
        }
        (void)entry.release();
    }
    return names;
}

const EVP_MD *evpDigest(Digest digest)
{
    switch (digest) {
    case Digest::Sha1:
        return nullptr; // never sign a new certificate with SHA-1
    case Digest::Sha256:
        return EVP_sha256();
    case Digest::Sha384:
        return EVP_sha384();
    case Digest::Sha512:
        return EVP_sha512();
    }
    return nullptr;
}

} // namespace

// ---- CertificateInfo ------------------------------------------------------------------------

QString CertificateInfo::formatFingerprint(const QByteArray &raw)
{
    return QString::fromLatin1(raw.toHex(':').toUpper());
}

qint64 CertificateInfo::validityDays() const
{
    if (!notBefore.isValid() || !notAfter.isValid()) {
        return 0;
    }
    return notBefore.secsTo(notAfter) / 86'400;
}

// ---- Certificate ----------------------------------------------------------------------------

struct Certificate::Data
{
    X509Ptr x509;
};

Certificate::Certificate() = default;
Certificate::~Certificate() = default;
Certificate::Certificate(const Certificate &) = default;
Certificate &Certificate::operator=(const Certificate &) = default;
Certificate::Certificate(Certificate &&) noexcept = default;
Certificate &Certificate::operator=(Certificate &&) noexcept = default;

Result<Certificate> Certificate::fromData(QByteArrayView data)
{
    ERR_clear_error(); // stale errors from other callers must not leak into our messages
    if (data.trimmed().isEmpty()) {
        return failure(Code::NotPem, Tr::tr("The file is empty."));
    }
    // The file may also hold a private key (NetSuite's docs `cat` them together): scrub.
    QByteArray text = Pem::normalize(data);
    const auto scrub = qScopeGuard([&text] { cleanse(text); });
    Certificate certificate;

    if (Pem::containsPem(text)) {
        const QList<Pem::Block> blocks = Pem::blocks(text);
        for (const auto &block : blocks) {
            if (!Pem::isCertificateLabel(block.label)) {
                continue;
            }
            X509Ptr cert = parseDer(block.der(), block.label == "TRUSTED CERTIFICATE");
            ERR_clear_error();
            if (!cert || !block.complete) {
                return failure(Code::Malformed, Tr::tr("The certificate is damaged."));
            }
            certificate.d = std::make_shared<Data>(Data{std::move(cert)});
            return certificate;
        }
        for (const auto &block : blocks) {
            if (Pem::isPrivateKeyLabel(block.label)) {
                return failure(Code::IsPrivateKey,
                               Tr::tr("This file holds a private key, not a certificate; pick "
                                      "the certificate file instead."));
            }
            if (Pem::isPublicKeyLabel(block.label)) {
                return failure(Code::IsPublicKey,
                               Tr::tr("This file holds a bare public key, not a certificate."));
            }
            if (block.label == "OPENSSH PRIVATE KEY") {
                return failure(Code::OpenSshKey,
                               Tr::tr("This is an OpenSSH private key, not a certificate."));
            }
            if (block.label.contains("CERTIFICATE REQUEST")) {
                return failure(Code::NotPem,
                               Tr::tr("This is a certificate signing request (CSR), not a "
                                      "certificate."));
            }
        }
        return failure(Code::NotPem, Tr::tr("The file holds no certificate."));
    }

    if (static_cast<unsigned char>(data.front()) == 0x30) {
        if (X509Ptr cert = parseDer(data)) {
            ERR_clear_error();
            certificate.d = std::make_shared<Data>(Data{std::move(cert)});
            return certificate;
        }
        ERR_clear_error();
        Pkcs12Ptr p12;
        {
            const unsigned char *cursor = bytesOf(data);
            p12.reset(d2i_PKCS12(nullptr, &cursor, static_cast<long>(data.size())));
            if (cursor != bytesOf(data) + data.size()) {
                p12.reset();
            }
        }
        const bool isPrivate = !p12 && isDerPrivateKey(data);
        ERR_clear_error();
        if (p12) {
            return failure(Code::Pkcs12,
                           Tr::tr("This is a PKCS#12 (.p12/.pfx) container; extract the "
                                  "certificate with: openssl pkcs12 -in FILE -nokeys -out "
                                  "cert.pem"));
        }
        if (isPrivate) {
            return failure(Code::IsPrivateKey,
                           Tr::tr("This file holds a private key, not a certificate."));
        }
    }
    return failure(Code::NotPem, Tr::tr("This is neither a PEM nor a DER certificate."));
}

Result<Certificate> Certificate::fromFile(const QString &path)
{
    auto bytes = readSmallFile(path);
    if (!bytes) {
        return tl::unexpected(bytes.error());
    }
    auto certificate = fromData(*bytes);
    cleanse(*bytes);
    return certificate;
}

Result<Certificate> Certificate::createSelfSigned(const PrivateKey &key,
                                                  const CertificateRequest &request)
{
    EVP_PKEY *pkey = KeyAccess::handle(key);
    if (pkey == nullptr) {
        return failure(Code::InvalidArgument, Tr::tr("There is no key to certify."));
    }
    if (request.validityDays < 1 || request.validityDays > kMaxValidityDays) {
        return failure(Code::InvalidArgument,
                       Tr::tr("Validity must be 1 to %1 days (NetSuite accepts certificates "
                              "of at most two years); %2 was asked.")
                           .arg(kMaxValidityDays)
                           .arg(request.validityDays));
    }
    const QString commonName = request.commonName.trimmed();
    if (commonName.isEmpty() || commonName.size() > 64) {
        return failure(Code::InvalidArgument,
                       Tr::tr("The common name must be 1 to 64 characters long."));
    }
    if (request.organization.size() > 64) {
        return failure(Code::InvalidArgument,
                       Tr::tr("The organization must be at most 64 characters long."));
    }
    const QString country = request.country.trimmed().toUpper();
    if (!country.isEmpty()
        && (country.size() != 2 || country[0] < QLatin1Char('A') || country[0] > QLatin1Char('Z')
            || country[1] < QLatin1Char('A') || country[1] > QLatin1Char('Z'))) {
        return failure(Code::InvalidArgument,
                       Tr::tr("The country must be a two-letter ISO 3166 code such as US."));
    }

    const KeyInfo &keyInfo = KeyAccess::info(key);
    const EVP_MD *md = EVP_sha256();
    switch (keyInfo.type) {
    case KeyType::Rsa:
    case KeyType::Ec:
        break;
    case KeyType::RsaPss:
        // A key restricted to one hash must be used with that hash, or OpenSSL refuses it.
        if (keyInfo.pssRestricted) {
            md = keyInfo.pssDigest ? evpDigest(*keyInfo.pssDigest) : nullptr;
            if (md == nullptr) {
                return failure(Code::UnsupportedKey,
                               Tr::tr("This RSA-PSS key is restricted to a hash we do not sign "
                                      "certificates with."));
            }
        }
        break;
    case KeyType::Other:
        return failure(Code::UnsupportedKey,
                       Tr::tr("Certificates can be made for RSA, RSA-PSS and EC keys only; "
                              "this key is %1.")
                           .arg(keyInfo.describe()));
    }

    auto altNames = buildSubjectAltNames(request);
    if (!altNames) {
        return tl::unexpected(altNames.error());
    }

    ERR_clear_error();
    X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) {
        return internalFailure("creating the certificate");
    }

    // 128 random bits: positive by construction (an unsigned big-endian number), never zero.
    QByteArray serialBytes;
    do {
        serialBytes = randomBytes(16);
    } while (serialBytes.count('\0') == serialBytes.size());
    BnPtr serial(BN_bin2bn(bytesOf(serialBytes), static_cast<int>(serialBytes.size()), nullptr));
    if (!serial || BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr) {
        return internalFailure("setting the serial number");
    }

    const QDateTime start
        = request.notBefore.isValid() ? request.notBefore.toUTC() : QDateTime::currentDateTimeUtc();
    const auto startSeconds = static_cast<time_t>(start.toSecsSinceEpoch());
    const auto endSeconds
        = static_cast<time_t>(startSeconds + time_t{86'400} * request.validityDays);
    if (ASN1_TIME_set(X509_getm_notBefore(cert.get()), startSeconds) == nullptr
        || ASN1_TIME_set(X509_getm_notAfter(cert.get()), endSeconds) == nullptr) {
        return internalFailure("setting the validity period");
    }

    X509_NAME *name = X509_get_subject_name(cert.get());
    for (const auto &[nid, value] : {std::pair{NID_countryName, country},
                                     std::pair{NID_organizationName, request.organization},
                                     std::pair{NID_commonName, commonName}}) {
        if (auto added = addEntry(name, nid, value); !added) {
            return tl::unexpected(added.error());
        }
    }
    if (X509_set_issuer_name(cert.get(), name) != 1 || X509_set_pubkey(cert.get(), pkey) != 1) {
        return internalFailure("setting the certificate's names and key");
    }

    X509V3_CTX context;
    X509V3_set_ctx(&context, cert.get(), cert.get(), nullptr, nullptr, 0);
    const bool encipherment = keyInfo.type == KeyType::Rsa && request.serverAuth;
    for (const auto &[nid, value] :
         {std::pair{NID_basic_constraints, "critical,CA:FALSE"},
          std::pair{NID_subject_key_identifier, "hash"},
          std::pair{NID_authority_key_identifier, "keyid:always"},
          std::pair{NID_key_usage, encipherment ? "critical,digitalSignature,keyEncipherment"
                                                : "critical,digitalSignature"}}) {
        if (auto added = addExtension(cert.get(), &context, nid, value); !added) {
            return tl::unexpected(added.error());
        }
    }
    if (request.serverAuth) {
        if (auto added = addExtension(cert.get(), &context, NID_ext_key_usage, "serverAuth");
            !added) {
            return tl::unexpected(added.error());
        }
    }
    if (stackCount(altNames->get()) > 0
        && X509_add1_ext_i2d(cert.get(), NID_subject_alt_name, altNames->get(), 0,
                             X509V3_ADD_DEFAULT)
               != 1) {
        return internalFailure("adding the subject alternative names");
    }

    MdCtxPtr signContext(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyContext = nullptr;
    if (!signContext
        || EVP_DigestSignInit(signContext.get(), &keyContext, md, nullptr, pkey) != 1) {
        return internalFailure("preparing to sign the certificate");
    }
    if (keyInfo.type == KeyType::RsaPss
        && (EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) != 1
            || EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) != 1
            || EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, md) != 1)) {
        return internalFailure("setting the RSA-PSS parameters");
    }
    if (X509_sign_ctx(cert.get(), signContext.get()) <= 0) {
        return internalFailure("signing the certificate");
    }

    Certificate certificate;
    certificate.d = std::make_shared<Data>(Data{std::move(cert)});
    return certificate;
}

bool Certificate::isNull() const
{
    return !d;
}

CertificateInfo Certificate::info() const
{
    CertificateInfo info;
    if (!d) {
        return info;
    }
    X509 *cert = d->x509.get();
    const X509_NAME *subject = X509_get_subject_name(cert);
    info.subject = nameToString(subject);
    info.issuer = nameToString(X509_get_issuer_name(cert));
    const int cnIndex = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
    if (cnIndex >= 0) {
        info.commonName
            = asn1StringToQString(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, cnIndex)));
    }
    if (BnPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr)); serial) {
        char *hex = BN_bn2hex(serial.get());
        if (hex != nullptr) {
            info.serialHex = QString::fromLatin1(hex);
            OPENSSL_free(hex);
        }
    }
    info.notBefore = toDateTime(X509_get0_notBefore(cert));
    info.notAfter = toDateTime(X509_get0_notAfter(cert));
    info.key = KeyAccess::describe(X509_get0_pubkey(cert), false);
    const int signatureNid = X509_get_signature_nid(cert);
    const char *signatureName = OBJ_nid2ln(signatureNid);
    info.signatureAlgorithm
        = signatureName != nullptr ? QString::fromLatin1(signatureName) : QString();

    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLength = 0;
    if (X509_digest(cert, EVP_sha1(), digest, &digestLength) == 1) {
        info.sha1Fingerprint = QByteArray(reinterpret_cast<const char *>(digest),
                                          static_cast<qsizetype>(digestLength));
    }
    if (X509_digest(cert, EVP_sha256(), digest, &digestLength) == 1) {
        info.sha256Fingerprint = QByteArray(reinterpret_cast<const char *>(digest),
                                            static_cast<qsizetype>(digestLength));
    }

    GeneralNamesPtr altNames(static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
    if (altNames) {
        const int count = stackCount(altNames.get());
        for (int i = 0; i < count; ++i) {
            const GENERAL_NAME *entry = stackValue<GENERAL_NAME>(altNames.get(), i);
            int type = 0;
            const void *value = GENERAL_NAME_get0_value(entry, &type);
            if (type == GEN_DNS) {
                const auto *ia5 = static_cast<const ASN1_IA5STRING *>(value);
                info.dnsNames.append(
                    QString::fromLatin1(reinterpret_cast<const char *>(ASN1_STRING_get0_data(ia5)),
                                        ASN1_STRING_length(ia5)));
            } else if (type == GEN_IPADD) {
                info.ipAddresses.append(ipToString(static_cast<const ASN1_OCTET_STRING *>(value)));
            }
        }
    }
    info.selfSigned = X509_self_signed(cert, 1) == 1;
    info.version = static_cast<int>(X509_get_version(cert)) + 1;
    ERR_clear_error();
    return info;
}

PublicKey Certificate::publicKey() const
{
    if (!d) {
        return {};
    }
    PkeyPtr pkey(X509_get_pubkey(d->x509.get()));
    ERR_clear_error();
    return KeyAccess::adoptPublic(pkey.release());
}

QByteArray Certificate::toPem() const
{
    if (!d) {
        return {};
    }
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), d->x509.get()) != 1) {
        ERR_clear_error();
        return {};
    }
    char *data = nullptr;
    const long length = BIO_ctrl(bio.get(), BIO_CTRL_INFO, 0, &data);
    return length > 0 ? QByteArray(data, static_cast<qsizetype>(length)) : QByteArray();
}

QByteArray Certificate::toDer() const
{
    if (!d) {
        return {};
    }
    unsigned char *der = nullptr;
    const int length = i2d_X509(d->x509.get(), &der);
    if (length <= 0) {
        ERR_clear_error();
        return {};
    }
    QByteArray bytes(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return bytes;
}

bool Certificate::belongsTo(const PrivateKey &key) const
{
    EVP_PKEY *pkey = KeyAccess::handle(key);
    if (!d || pkey == nullptr) {
        return false;
    }
    ERR_clear_error();
    // X509_check_private_key gives 0 for a wrong key; EVP_PKEY_eq gives -1 on a type mismatch
    // and -2 when it cannot compare. Only 1 from both means "this key's certificate".
    const bool matches = X509_check_private_key(d->x509.get(), pkey) == 1
                         && EVP_PKEY_eq(X509_get0_pubkey(d->x509.get()), pkey) == 1;
    ERR_clear_error();
    return matches;
}

void *Certificate::nativeHandle() const
{
    return d ? d->x509.get() : nullptr;
}

} // namespace Sb::Crypto
