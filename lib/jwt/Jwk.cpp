// SPDX-License-Identifier: MIT
// JSON Web Key import (RFC 7517, RFC 7518 §6) for RSA and EC keys.
#include "jwt/Jwk.h"

#include "crypto/SecureBytes.h"
#include "jwt/Base64Url.h"
#include "jwt/StrictJson.h"

#include <QJsonValue>

#include <optional>

namespace Sb::Jwt {

namespace {

tl::unexpected<JwtError> jwkError(QString message)
{
    return tl::unexpected<JwtError>(JwtError{JwtError::Code::Jwk, std::move(message)});
}

/** A decoded member: absent (nullopt bytes, no error) or present and valid, or an error. */
struct Member
{
    std::optional<QByteArray> bytes;
    QString error;
};

Member readMember(const QJsonObject &jwk, const char *name)
{
    Member member;
    const QString key = QLatin1String(name);
    const auto it = jwk.constFind(key);
    if (it == jwk.constEnd()) {
        return member;
    }
    if (!it.value().isString()) {
        member.error = QStringLiteral("JWK member \"%1\" is not a string").arg(key);
        return member;
    }
    const QByteArray text = it.value().toString().toUtf8();
    const Base64UrlResult decoded = base64UrlDecode(text);
    switch (decoded.problem) {
    case Base64UrlProblem::None:
        break;
    case Base64UrlProblem::BadCharacter:
        member.error = QStringLiteral("JWK member \"%1\" has a character outside base64url at "
                                      "position %2")
                           .arg(key)
                           .arg(decoded.position);
        return member;
    case Base64UrlProblem::BadLength:
        member.error
            = QStringLiteral("JWK member \"%1\" has an impossible base64url length").arg(key);
        return member;
    case Base64UrlProblem::NonCanonical:
        member.error = QStringLiteral("JWK member \"%1\" is non-canonical base64url").arg(key);
        return member;
    }
    if (decoded.bytes.isEmpty()) {
        member.error = QStringLiteral("JWK member \"%1\" is empty").arg(key);
        return member;
    }
    member.bytes = decoded.bytes;
    return member;
}

/** RFC 7518 §2 Base64urlUInt: the minimum number of octets (no leading zero octet). */
QString checkUnsignedInteger(const char *name, const QByteArray &bytes)
{
    if (bytes.size() > 1 && bytes.at(0) == '\0') {
        return QStringLiteral("JWK member \"%1\" has a leading zero octet (RFC 7518 §2 asks "
                              "for the minimum number of octets)")
            .arg(QLatin1String(name));
    }
    return QString();
}

QString keyRefused(const Crypto::CryptoError &error)
{
    return QStringLiteral("the key in the JWK was refused: %1").arg(error.message);
}

// The private members are scrubbed when the parts go away (style c.7: our own buffers that
// held a secret are cleansed). Move-only, so a scrub never hits a still-shared buffer.
struct RsaParts
{
    QByteArray n, e, d, p, q, dp, dq, qi;
    bool hasPrivate = false;
    bool hasCrt = false;

    RsaParts() = default;
    RsaParts(RsaParts &&) noexcept = default;
    RsaParts &operator=(RsaParts &&) noexcept = default;
    RsaParts(const RsaParts &) = delete;
    RsaParts &operator=(const RsaParts &) = delete;
    ~RsaParts()
    {
        for (QByteArray *secret : {&d, &p, &q, &dp, &dq, &qi}) {
            Crypto::cleanse(*secret);
        }
    }
};

struct EcParts
{
    Crypto::Curve curve = Crypto::Curve::None;
    QByteArray x, y, d;
    bool hasPrivate = false;

    EcParts() = default;
    EcParts(EcParts &&) noexcept = default;
    EcParts &operator=(EcParts &&) noexcept = default;
    EcParts(const EcParts &) = delete;
    EcParts &operator=(const EcParts &) = delete;
    ~EcParts() { Crypto::cleanse(d); }
};

/** Reads "kty" and returns "RSA" or "EC", or an error. */
Result<QString> readKty(const QJsonObject &jwk)
{
    const QJsonValue kty = jwk.value(QLatin1String("kty"));
    if (!kty.isString()) {
        return jwkError(kty.isUndefined() ? QStringLiteral("the JWK has no \"kty\"")
                                          : QStringLiteral("the JWK's \"kty\" is not a string"));
    }
    const QString type = kty.toString();
    // Member values are case-sensitive (RFC 7517 §4.1).
    if (type == QLatin1String("RSA") || type == QLatin1String("EC")) {
        return type;
    }
    if (type == QLatin1String("oct")) {
        return jwkError(QStringLiteral("symmetric (\"oct\") JWKs are not supported: HMAC "
                                       "tokens are never verified here"));
    }
    return jwkError(
        QStringLiteral("JWK key type \"%1\" is not supported (only RSA and EC)").arg(type));
}

Result<RsaParts> readRsa(const QJsonObject &jwk, bool requirePrivate)
{
    RsaParts parts;
    const auto required = [&jwk](const char *name, QByteArray &out) -> QString {
        Member member = readMember(jwk, name);
        if (!member.error.isEmpty()) {
            return member.error;
        }
        if (!member.bytes) {
            return QStringLiteral("the RSA JWK has no \"%1\"").arg(QLatin1String(name));
        }
        out = *member.bytes;
        return checkUnsignedInteger(name, out);
    };
    for (const auto &[name, target] :
         {std::pair<const char *, QByteArray *>{"n", &parts.n}, {"e", &parts.e}}) {
        if (const QString problem = required(name, *target); !problem.isEmpty()) {
            return jwkError(problem);
        }
    }

    Member d = readMember(jwk, "d");
    if (!d.error.isEmpty()) {
        return jwkError(d.error);
    }
    parts.hasPrivate = d.bytes.has_value();
    if (!parts.hasPrivate) {
        if (requirePrivate) {
            return jwkError(QStringLiteral("the RSA JWK has no private exponent \"d\""));
        }
        return parts;
    }
    parts.d = *d.bytes;
    if (const QString problem = checkUnsignedInteger("d", parts.d); !problem.isEmpty()) {
        return jwkError(problem);
    }
    if (jwk.contains(QLatin1String("oth"))) {
        return jwkError(QStringLiteral("multi-prime RSA JWKs (\"oth\") are not supported"));
    }
    // RFC 7518 §6.3.2: if any of p, q, dp, dq, qi is present, all of them must be.
    const std::pair<const char *, QByteArray *> crt[] = {
        {"p", &parts.p}, {"q", &parts.q}, {"dp", &parts.dp}, {"dq", &parts.dq}, {"qi", &parts.qi}};
    int present = 0;
    for (const auto &[name, target] : crt) {
        Member member = readMember(jwk, name);
        if (!member.error.isEmpty()) {
            return jwkError(member.error);
        }
        if (member.bytes) {
            ++present;
            *target = *member.bytes;
            if (const QString problem = checkUnsignedInteger(name, *target); !problem.isEmpty()) {
                return jwkError(problem);
            }
        }
    }
    if (present != 0 && present != 5) {
        return jwkError(QStringLiteral("the RSA JWK has only some of p, q, dp, dq, qi; RFC 7518 "
                                       "§6.3.2 requires all or none"));
    }
    parts.hasCrt = present == 5;
    return parts;
}

Result<EcParts> readEc(const QJsonObject &jwk, bool requirePrivate)
{
    EcParts parts;
    const QJsonValue crv = jwk.value(QLatin1String("crv"));
    if (!crv.isString()) {
        return jwkError(QStringLiteral("the EC JWK has no \"crv\" string"));
    }
    qsizetype size = 0;
    const QString curveName = crv.toString();
    if (curveName == QLatin1String("P-256")) {
        parts.curve = Crypto::Curve::P256;
        size = 32;
    } else if (curveName == QLatin1String("P-384")) {
        parts.curve = Crypto::Curve::P384;
        size = 48;
    } else if (curveName == QLatin1String("P-521")) {
        parts.curve = Crypto::Curve::P521;
        size = 66;
    } else {
        return jwkError(
            QStringLiteral("curve \"%1\" is not supported (P-256, P-384, P-521)").arg(curveName));
    }

    // RFC 7518 §6.2.1.2/§6.2.1.3/§6.2.2.1: x, y and d are exactly the curve's octet length,
    // leading zeros included (a 65-octet P-521 "x" is wrong, not "close enough").
    const auto exact = [&jwk, size](const char *name, QByteArray &out, bool &present) -> QString {
        Member member = readMember(jwk, name);
        if (!member.error.isEmpty()) {
            return member.error;
        }
        present = member.bytes.has_value();
        if (!present) {
            return QString();
        }
        out = *member.bytes;
        if (out.size() != size) {
            return QStringLiteral("EC JWK member \"%1\" is %2 octets; the curve needs exactly %3")
                .arg(QLatin1String(name))
                .arg(out.size())
                .arg(size);
        }
        return QString();
    };
    bool present = false;
    for (const auto &[name, target] :
         {std::pair<const char *, QByteArray *>{"x", &parts.x}, {"y", &parts.y}}) {
        if (const QString problem = exact(name, *target, present); !problem.isEmpty()) {
            return jwkError(problem);
        }
        if (!present) {
            return jwkError(QStringLiteral("the EC JWK has no \"%1\"").arg(QLatin1String(name)));
        }
    }
    if (const QString problem = exact("d", parts.d, parts.hasPrivate); !problem.isEmpty()) {
        return jwkError(problem);
    }
    if (requirePrivate && !parts.hasPrivate) {
        return jwkError(QStringLiteral("the EC JWK has no private key \"d\""));
    }
    return parts;
}

Result<QJsonObject> parseJwkText(QByteArrayView json)
{
    StrictJsonResult parsed = parseStrictJsonObject(json);
    if (!parsed.ok) {
        return jwkError(QStringLiteral("the JWK is not a strict JSON object: %1 (byte %2)")
                            .arg(parsed.error)
                            .arg(parsed.errorOffset));
    }
    if (!parsed.duplicates.isEmpty()) {
        // A key with two "n" values is ambiguous; refuse instead of picking one.
        return jwkError(
            QStringLiteral("the JWK repeats member \"%1\"").arg(parsed.duplicates.first().name));
    }
    return std::move(parsed.object);
}

} // namespace

Result<Crypto::PublicKey> publicKeyFromJwk(const QJsonObject &jwk)
{
    const auto kty = readKty(jwk);
    if (!kty) {
        return tl::unexpected(kty.error());
    }
    Crypto::Result<Crypto::PublicKey> key;
    if (*kty == QLatin1String("RSA")) {
        const auto parts = readRsa(jwk, false);
        if (!parts) {
            return tl::unexpected(parts.error());
        }
        key = Crypto::PublicKey::fromRsaComponents(parts->n, parts->e);
    } else {
        const auto parts = readEc(jwk, false);
        if (!parts) {
            return tl::unexpected(parts.error());
        }
        key = Crypto::PublicKey::fromEcComponents(parts->curve, parts->x, parts->y);
    }
    if (!key) {
        return jwkError(keyRefused(key.error()));
    }
    return std::move(*key);
}

Result<Crypto::PublicKey> publicKeyFromJwk(QByteArrayView json)
{
    const auto object = parseJwkText(json);
    if (!object) {
        return tl::unexpected(object.error());
    }
    return publicKeyFromJwk(*object);
}

Result<Crypto::PrivateKey> privateKeyFromJwk(const QJsonObject &jwk)
{
    const auto kty = readKty(jwk);
    if (!kty) {
        return tl::unexpected(kty.error());
    }
    Crypto::Result<Crypto::PrivateKey> key;
    if (*kty == QLatin1String("RSA")) {
        const auto parts = readRsa(jwk, true);
        if (!parts) {
            return tl::unexpected(parts.error());
        }
        key = parts->hasCrt ? Crypto::PrivateKey::fromRsaComponents(
                  parts->n, parts->e, parts->d, parts->p, parts->q, parts->dp, parts->dq, parts->qi)
                            : Crypto::PrivateKey::fromRsaComponents(parts->n, parts->e, parts->d);
    } else {
        const auto parts = readEc(jwk, true);
        if (!parts) {
            return tl::unexpected(parts.error());
        }
        key = Crypto::PrivateKey::fromEcComponents(parts->curve, parts->x, parts->y, parts->d);
    }
    if (!key) {
        return jwkError(keyRefused(key.error()));
    }
    return std::move(*key);
}

Result<Crypto::PrivateKey> privateKeyFromJwk(QByteArrayView json)
{
    const auto object = parseJwkText(json);
    if (!object) {
        return tl::unexpected(object.error());
    }
    return privateKeyFromJwk(*object);
}

} // namespace Sb::Jwt
