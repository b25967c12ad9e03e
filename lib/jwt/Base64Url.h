// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace Sb::Jwt {

/** Unpadded base64url (RFC 4648 §5, as JWS uses it, RFC 7515 §2). */
[[nodiscard]] QByteArray base64UrlEncode(QByteArrayView bytes);

enum class Base64UrlProblem {
    None,
    BadCharacter, ///< outside A–Z a–z 0–9 '-' '_' (includes '+', '/', '=' and whitespace)
    BadLength,    ///< length % 4 == 1 can encode no byte string
    NonCanonical, ///< unused trailing bits are not zero ("YR" for "a")
};

struct Base64UrlResult
{
    QByteArray bytes;
    Base64UrlProblem problem = Base64UrlProblem::None;
    qsizetype position = -1; ///< index of the first bad character, for BadCharacter
};

/**
 * Strict decode: alphabet, no padding, length, and canonical trailing bits (checked by
 * re-encoding and comparing). Linear time; never throws. On a problem, bytes is empty.
 */
[[nodiscard]] Base64UrlResult base64UrlDecode(QByteArrayView text);

} // namespace Sb::Jwt
