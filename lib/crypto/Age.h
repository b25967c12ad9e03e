// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>

namespace Sb::Crypto::Age {

/**
 * age v1 files (C2SP age.md) with one scrypt (passphrase) recipient: the format the `age -p`
 * command writes and reads, so a bundle we write opens with `age -d` and the reverse. Only
 * the binary (unarmored) form is handled. Built from our own scrypt, HKDF-SHA256,
 * HMAC-SHA256 and ChaCha20-Poly1305 (Kdf.h, Aead.h, SecureBytes.h).
 */

/** The work factor (log2 N) we write, as `age` does. */
inline constexpr int DefaultWorkFactor = 18;
/** The largest work factor we agree to read (checked before any derivation). */
inline constexpr int MaxWorkFactor = 20;
/** Largest file we decrypt in memory. */
inline constexpr qsizetype MaxFileSize = 64 * 1024 * 1024;

struct AgeError
{
    enum class Code {
        EmptyPassphrase,   ///< age refuses an empty passphrase; so do we
        InvalidArgument,   ///< a work factor outside 1…MaxWorkFactor when writing
        NotAge,            ///< no "age-encryption.org/v1" intro (or an armored file)
        Malformed,         ///< a header that breaks the spec's strict rules
        NotPassphrase,     ///< recipients other than exactly one scrypt stanza
        WorkFactorTooHigh, ///< the file asks for more scrypt work than we allow
        WrongPassphrase,   ///< wrong passphrase or a damaged file: one message for both
        TooLarge,          ///< over MaxFileSize
        Internal,
    };
    Code code{};
    QString message;
};

template<typename T>
using Result = Core::Result<T, AgeError>;

/** Encrypts @p plaintext to a passphrase. @p workFactor 1…MaxWorkFactor (tests use low ones). */
[[nodiscard]] Result<QByteArray> encrypt(QByteArrayView plaintext, const SecureBytes &passphrase,
                                         int workFactor = DefaultWorkFactor);

/**
 * Decrypts an age v1 file with a passphrase. The header is checked strictly (canonical
 * unpadded base64, 64-column body lines, exactly one scrypt stanza, 16-byte salt, a decimal
 * work factor) and the work factor is compared with @p maxWorkFactor before scrypt runs.
 * A wrong passphrase, a bad header MAC or any damaged chunk gives WrongPassphrase.
 */
[[nodiscard]] Result<SecureBytes> decrypt(QByteArrayView file, const SecureBytes &passphrase,
                                          int maxWorkFactor = MaxWorkFactor);

/** True when @p data starts with the age v1 intro line. */
[[nodiscard]] bool looksLikeAge(QByteArrayView data);

/** The work factor a file's scrypt stanza asks for, or -1 when the header is not readable. */
[[nodiscard]] int workFactorOf(QByteArrayView file);

} // namespace Sb::Crypto::Age
