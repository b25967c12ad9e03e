// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/CryptoError.h"
#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>

namespace Sb::Crypto {

/** ChaCha20-Poly1305 (RFC 8439): 32-byte key, 12-byte nonce, 16-byte tag. */
inline constexpr qsizetype ChaChaKeySize = 32;
inline constexpr qsizetype ChaChaNonceSize = 12;
inline constexpr qsizetype Poly1305TagSize = 16;

/** Encrypts @p plaintext; returns ciphertext || tag. */
[[nodiscard]] Result<QByteArray> chaCha20Poly1305Seal(QByteArrayView key, QByteArrayView nonce,
                                                      QByteArrayView plaintext,
                                                      QByteArrayView aad = {});

/**
 * Decrypts ciphertext || tag. A wrong key, nonce, AAD or any flipped bit gives
 * SignatureInvalid ("authentication failed") and no plaintext at all.
 */
[[nodiscard]] Result<SecureBytes> chaCha20Poly1305Open(QByteArrayView key, QByteArrayView nonce,
                                                       QByteArrayView sealed,
                                                       QByteArrayView aad = {});

} // namespace Sb::Crypto
