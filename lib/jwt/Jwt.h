// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "crypto/Jws.h"
#include "crypto/Keys.h"
#include "jwt/Base64Url.h"
#include "jwt/StrictJson.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace Sb::Jwt {

struct JwtError
{
    enum class Code {
        TooLarge,        ///< over the input cap (checked before anything else)
        SegmentCount,    ///< not 3 (JWS) or 5 (JWE) dot-separated segments
        Whitespace,      ///< whitespace inside the token
        Base64Url,       ///< a segment is not strict base64url
        HeaderJson,      ///< header is not a strict JSON object
        PayloadJson,     ///< payload is not a JSON object (raw bytes are still kept)
        IsJwe,           ///< an encrypted token: only its header can be shown
        AlgNone,         ///< "none" (any case) never verifies
        AlgUnsupported,  ///< HS*, unknown, or missing alg
        AlgNotAllowed,   ///< alg outside the caller's allow-list
        AlgKeyMismatch,  ///< alg outside the key's family
        CritUnsupported, ///< "crit" lists extensions we do not understand (RFC 7515 §4.1.11)
        SignatureInvalid,
        BadSignatureEncoding,
        Signing, ///< the signer failed
        InvalidArgument,
        Jwk, ///< a JSON Web Key is malformed or of a kind we do not support
    };
    Code code{};
    QString message;
};

template<typename T>
using Result = Core::Result<T, JwtError>;

/** What was trimmed from pasted input before decoding (shown to the user). */
struct InputCleanup
{
    bool trimmedWhitespace = false;
    bool strippedBearerPrefix = false;
    bool strippedQuotes = false;
};

/**
 * A decoded compact token. Keeps the raw segments so signatures are checked over the exact
 * bytes received. Decoding never verifies anything.
 */
struct DecodedJwt
{
    QByteArray compact;         ///< the token as decoded (after cleanup)
    QList<QByteArray> segments; ///< raw base64url segments (3 for JWS, 5 for JWE)
    bool isJwe = false;
    QByteArray headerBytes;  ///< decoded header JSON bytes
    QByteArray payloadBytes; ///< decoded payload bytes (may be non-JSON)
    QByteArray signature;    ///< decoded signature bytes (JWS only)
    StrictJsonResult header;
    StrictJsonResult payload; ///< ok == false when the payload is not a JSON object
    InputCleanup cleanup;

    [[nodiscard]] QByteArray signingInput() const; ///< segments[0] + '.' + segments[1]
    [[nodiscard]] QString alg() const;             ///< header "alg" or empty
};

struct DecodeOptions
{
    qsizetype maxInputBytes = 256 * 1024;
    bool allowPastedNoise = true; ///< trim outer whitespace, one "Bearer " prefix, quotes
};

/**
 * Strict decode of a compact JWS (3 segments) or the header of a JWE (5 segments; the
 * result has isJwe and no payload). The size cap and the dot count are checked in one
 * linear pass before any allocation proportional to the input.
 */
[[nodiscard]] Result<DecodedJwt> decode(QByteArrayView input, const DecodeOptions &options = {});

/**
 * Builds and signs a compact JWS. @p header must not set "alg" to anything but @p alg (it
 * is set from @p alg); the JSON is compact UTF-8 without a BOM. Members keep the order
 * QJsonObject gives them (sorted), which every JWS consumer accepts.
 */
[[nodiscard]] Result<QByteArray> sign(const Crypto::PrivateKey &key, Crypto::JwsAlgorithm alg,
                                      const QJsonObject &header, const QJsonObject &payload);

/** Signs already-serialised header and payload bytes (for exact vectors and fixtures). */
[[nodiscard]] Result<QByteArray> signRaw(const Crypto::PrivateKey &key, Crypto::JwsAlgorithm alg,
                                         QByteArrayView headerJson, QByteArrayView payloadJson);

/**
 * Verifies a decoded JWS with @p key. The header's alg must be a name we know (`none` and
 * HS* never verify), inside @p allowed (empty = every algorithm the key fits), and in the
 * key's family; unknown "crit" entries are refused. Returns the algorithm used.
 * Also refused: any "crit" at all and "b64" other than true (both CritUnsupported: we
 * implement no extension, and RFC 7797 unencoded payloads are not for JWTs), and a header
 * with duplicate member names (HeaderJson; RFC 7515 §5.2 allows rejecting them).
 */
[[nodiscard]] Result<Crypto::JwsAlgorithm> verify(const DecodedJwt &token,
                                                  const Crypto::PublicKey &key,
                                                  const QList<Crypto::JwsAlgorithm> &allowed = {});

} // namespace Sb::Jwt
