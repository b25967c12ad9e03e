// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/CryptoError.h"
#include "crypto/SecureBytes.h"

#include <QByteArrayView>

namespace Sb::Crypto {

/**
 * scrypt (RFC 7914) through OpenSSL's EVP_KDF "SCRYPT". @p n must be a power of two > 1;
 * the memory limit is set from the parameters, so callers must cap them BEFORE calling
 * (an untrusted file's work factor is checked against a cap first; reliability doc K3/E9).
 * Gives InvalidArgument for parameters out of range and Internal when OpenSSL refuses.
 */
[[nodiscard]] Result<SecureBytes> scrypt(QByteArrayView password, QByteArrayView salt, quint64 n,
                                         quint32 r, quint32 p, qsizetype length);

/** HKDF-SHA256 (RFC 5869), extract and expand. An empty @p salt means HashLen zero bytes. */
[[nodiscard]] Result<SecureBytes> hkdfSha256(QByteArrayView inputKey, QByteArrayView salt,
                                             QByteArrayView info, qsizetype length);

} // namespace Sb::Crypto
