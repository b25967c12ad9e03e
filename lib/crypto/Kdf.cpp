// SPDX-License-Identifier: MIT
#include "crypto/Kdf.h"

#include "crypto/KeyAccess.h"

#include <memory>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

namespace Sb::Crypto {

namespace {

using KdfPtr = std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)>;
using KdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)>;

// OSSL_PARAM wants a non-null pointer even for an empty octet string (RFC 7914 §12 has
// an empty password and salt); this byte is never read when the length is zero.
unsigned char emptyByte = 0;

void *octets(QByteArrayView view)
{
    return view.isEmpty() ? static_cast<void *>(&emptyByte)
                          : const_cast<char *>(view.data()); // OpenSSL only reads it
}

tl::unexpected<CryptoError> internal(const QString &step)
{
    return Core::fail<CryptoError>(CryptoError::Code::Internal,
                                   Tr::tr("Internal cryptography error while %1.").arg(step));
}

Result<SecureBytes> derive(const char *name, OSSL_PARAM *params, qsizetype length)
{
    KdfPtr kdf(EVP_KDF_fetch(nullptr, name, nullptr), &EVP_KDF_free);
    if (!kdf) {
        return internal(QStringLiteral("loading %1").arg(QLatin1String(name)));
    }
    KdfCtxPtr ctx(EVP_KDF_CTX_new(kdf.get()), &EVP_KDF_CTX_free);
    if (!ctx) {
        return internal(QStringLiteral("creating a %1 context").arg(QLatin1String(name)));
    }
    QByteArray out(length, Qt::Uninitialized);
    if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char *>(out.data()),
                       static_cast<size_t>(length), params)
        != 1) {
        cleanse(out);
        return internal(QStringLiteral("deriving a key with %1").arg(QLatin1String(name)));
    }
    return SecureBytes::takeFrom(out);
}

} // namespace

Result<SecureBytes> scrypt(QByteArrayView password, QByteArrayView salt, quint64 n, quint32 r,
                           quint32 p, qsizetype length)
{
    if (n < 2 || (n & (n - 1)) != 0 || r == 0 || p == 0 || length <= 0 || length > 1024
        || n > (quint64{1} << 30)) {
        return Core::fail<CryptoError>(CryptoError::Code::InvalidArgument,
                                       Tr::tr("scrypt parameters out of range."));
    }
    uint64_t costN = n;
    uint32_t blockR = r;
    uint32_t parallelP = p;
    // OpenSSL's own estimate is 128·r·(N + p + 2) bytes; leave a little room on top.
    uint64_t maxMemory = 128ULL * r * (n + p + 2) + (1ULL << 20);
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, octets(password),
                                          static_cast<size_t>(password.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, octets(salt),
                                          static_cast<size_t>(salt.size())),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &costN),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &blockR),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &parallelP),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxMemory),
        OSSL_PARAM_construct_end(),
    };
    return derive("SCRYPT", params, length);
}

Result<SecureBytes> hkdfSha256(QByteArrayView inputKey, QByteArrayView salt, QByteArrayView info,
                               qsizetype length)
{
    if (length <= 0 || length > 255 * 32) {
        return Core::fail<CryptoError>(CryptoError::Code::InvalidArgument,
                                       Tr::tr("HKDF output length out of range."));
    }
    char digest[] = "SHA256";
    OSSL_PARAM params[5];
    int count = 0;
    params[count++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
    params[count++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, octets(inputKey),
                                                        static_cast<size_t>(inputKey.size()));
    // An absent salt is HashLen zeros (RFC 5869 §2.2), which is also what HMAC makes of an
    // empty key; leave it unset rather than pass a zero-length parameter.
    if (!salt.isEmpty()) {
        params[count++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, octets(salt),
                                                            static_cast<size_t>(salt.size()));
    }
    if (!info.isEmpty()) {
        params[count++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, octets(info),
                                                            static_cast<size_t>(info.size()));
    }
    params[count] = OSSL_PARAM_construct_end();
    return derive("HKDF", params, length);
}

} // namespace Sb::Crypto
