// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/Keys.h"
#include "jwt/Jwt.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

namespace Sb::Jwt {

/**
 * Turns a JSON Web Key (RFC 7517 §4, RFC 7518 §6) into a key we can verify or sign with.
 *
 * Supported: "kty":"RSA" (n, e; private: d with all or none of p, q, dp, dq, qi; no "oth")
 * and "kty":"EC" with "crv" P-256, P-384 or P-521 (x, y; private: d). Every member is a
 * strict, canonical base64url string (RFC 7515 §2); RSA integers must use the minimum
 * number of octets (RFC 7518 §2 Base64urlUInt, so n and e have no leading zero octet),
 * and EC coordinates and d must be exactly the curve's size (RFC 7518 §6.2.1.2, §6.2.2.1):
 * 32, 48 or 66 octets.
 *
 * What it does NOT do: it never fetches anything (no "x5u"/"jku"), ignores "x5c", "use",
 * "key_ops", "alg" and "kid" (the caller decides the algorithm, RFC 8725 §3.1), and does
 * not support "oct" (HMAC) or "OKP" keys. Errors use JwtError::Code::Jwk.
 */
[[nodiscard]] Result<Crypto::PublicKey> publicKeyFromJwk(const QJsonObject &jwk);

/** As above, from JSON text parsed strictly (duplicate member names are an error). */
[[nodiscard]] Result<Crypto::PublicKey> publicKeyFromJwk(QByteArrayView json);

/** The private key of an RSA or EC JWK ("d" required). */
[[nodiscard]] Result<Crypto::PrivateKey> privateKeyFromJwk(const QJsonObject &jwk);

/** As above, from JSON text parsed strictly (duplicate member names are an error). */
[[nodiscard]] Result<Crypto::PrivateKey> privateKeyFromJwk(QByteArrayView json);

} // namespace Sb::Jwt
