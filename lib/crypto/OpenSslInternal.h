// SPDX-License-Identifier: MIT
// Internal to lib/crypto: the OpenSSL handle types and error helpers every .cpp here shares.
// Only lib/crypto/*.cpp may include it (TestLayering checks): it is the one header that
// names OpenSSL types, and it is never installed or included by a public header.
#pragma once

#include "crypto/CryptoError.h"
#include "crypto/KeyAccess.h" // Tr

#include <QByteArrayView>
#include <QString>

#include <memory>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

namespace Sb::Crypto {

/** A unique_ptr deleter that calls an OpenSSL free function, so every early return frees. */
template<auto FreeFunction>
struct FreeWith
{
    template<typename T>
    void operator()(T *p) const
    {
        FreeFunction(p);
    }
};

using PkeyPtr = std::unique_ptr<EVP_PKEY, FreeWith<&EVP_PKEY_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, FreeWith<&EVP_MD_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, FreeWith<&BIO_free_all>>;
/** Cleared on free: some BIGNUMs here are private key material. */
using BnPtr = std::unique_ptr<BIGNUM, FreeWith<&BN_clear_free>>;
using X509Ptr = std::unique_ptr<X509, FreeWith<&X509_free>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, FreeWith<&PKCS12_free>>;

inline tl::unexpected<CryptoError> failure(CryptoError::Code code, QString message)
{
    return Core::fail<CryptoError>(code, std::move(message));
}

/** OpenSSL's reason for the last failure, for the end of a message (never the only text). */
inline QString opensslReason()
{
    const unsigned long error = ERR_peek_last_error();
    const char *reason = error != 0 ? ERR_reason_error_string(error) : nullptr;
    return reason != nullptr ? QString::fromLatin1(reason) : QStringLiteral("no detail");
}

/** Internal error naming the step that failed, with OpenSSL's reason; clears the queue. */
inline tl::unexpected<CryptoError> internalFailure(const char *step)
{
    auto result = failure(CryptoError::Code::Internal,
                          Tr::tr("Internal cryptography error while %1 (OpenSSL: %2).")
                              .arg(QString::fromLatin1(step), opensslReason()));
    ERR_clear_error();
    return result;
}

inline const unsigned char *bytesOf(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

} // namespace Sb::Crypto
