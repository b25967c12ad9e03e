// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/CryptoError.h"
#include "crypto/Keys.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace Sb::Crypto {

/** The JWS algorithms we sign and verify (RFC 7518 §3). HS* and `none` are deliberately absent. */
enum class JwsAlgorithm { RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512 };

[[nodiscard]] QByteArray algorithmName(JwsAlgorithm alg);
/** Exact, case-sensitive name ("PS256"); nullopt for anything else, including "none" and HS*. */
[[nodiscard]] std::optional<JwsAlgorithm> algorithmFromName(QByteArrayView name);
[[nodiscard]] QList<JwsAlgorithm> allAlgorithms();

/**
 * The algorithms a key can sign or verify, fixed by the key and never by a token header:
 * RSA → RS* and PS*; RSA-PSS → PS* (within the key's PSS restrictions); P-256 → ES256,
 * P-384 → ES384, P-521 → ES512; anything else → none.
 */
[[nodiscard]] QList<JwsAlgorithm> algorithmsForKey(const KeyInfo &key);

/** AlgorithmKeyMismatch with a message naming the key and what it can do, or success. */
[[nodiscard]] Result<void> checkAlgorithmFitsKey(JwsAlgorithm alg, const KeyInfo &key);

/**
 * Signs @p signingInput (ASCII "header.payload") and returns the raw JWS signature:
 * PKCS#1 v1.5 for RS*, PSS with salt = digest length and MGF1 with the same digest for PS*,
 * raw R‖S of exactly 64/96/132 bytes for ES256/384/512.
 */
[[nodiscard]] Result<QByteArray> sign(const PrivateKey &key, JwsAlgorithm alg,
                                      QByteArrayView signingInput);

/**
 * Verifies a raw JWS signature. The algorithm must fit the key (checkAlgorithmFitsKey); ES*
 * signatures must be exactly R‖S of the curve's size (a DER signature is
 * BadSignatureEncoding); PS* requires salt = digest length. SignatureInvalid otherwise.
 */
[[nodiscard]] Result<void> verify(const PublicKey &key, JwsAlgorithm alg,
                                  QByteArrayView signingInput, QByteArrayView signature);

/**
 * Known-answer self-test: SHA-256 and HMAC-SHA256 against published vectors, a fixed
 * RS256 signature reproduced byte for byte, and PS256 and ES256 sign/verify round trips on
 * built-in test keys. Run once at start-up; on failure the app refuses to sign.
 */
[[nodiscard]] Result<void> runSelfTest();

} // namespace Sb::Crypto
