// SPDX-License-Identifier: MIT
#include "emulator/TokenRequest.h"

#include "jwt/Jwt.h"

#include <QJsonArray>
#include <QSet>
#include <QUrl>

#include <cmath>

namespace Sb::Emulator {

namespace {

EmulatorError formError(const QString &message)
{
    return EmulatorError{EmulatorError::Code::Invalid, message};
}

QByteArray formDecode(QByteArrayView raw)
{
    QByteArray b = raw.toByteArray();
    b.replace('+', ' ');
    return QByteArray::fromPercentEncoding(b);
}

tl::unexpected<AssertionRejection> reject(TokenRejection reason, const QString &why,
                                          const QString &iss = {}, const QString &kid = {})
{
    return tl::unexpected(AssertionRejection{reason, why, iss, kid});
}

} // namespace

Result<TokenForm> parseTokenForm(QByteArrayView contentType, QByteArrayView body,
                                 bool hasAuthorizationHeader) noexcept
{
    try {
        const QByteArray type = contentType.toByteArray().split(';').value(0).trimmed().toLower();
        if (type != "application/x-www-form-urlencoded") {
            return tl::unexpected(
                formError(QStringLiteral("Content-Type is not application/x-www-form-urlencoded")));
        }
        if (hasAuthorizationHeader) {
            return tl::unexpected(formError(QStringLiteral(
                "an Authorization header and a client assertion: two client authentication "
                "methods")));
        }
        if (body.size() > 256 * 1024) {
            return tl::unexpected(formError(QStringLiteral("the form is larger than 256 KiB")));
        }
        QHash<QByteArray, QByteArray> fields;
        for (const QByteArray &pair : body.toByteArray().split('&')) {
            if (pair.isEmpty()) {
                continue;
            }
            const qsizetype eq = pair.indexOf('=');
            const QByteArray name
                = formDecode(eq < 0 ? QByteArrayView(pair) : QByteArrayView(pair).first(eq));
            const QByteArray value
                = eq < 0 ? QByteArray() : formDecode(QByteArrayView(pair).sliced(eq + 1));
            if (fields.contains(name)) {
                return tl::unexpected(
                    formError(QStringLiteral("the parameter %1 is given more than once")
                                  .arg(QString::fromLatin1(name.left(64).toPercentEncoding()))));
            }
            fields.insert(name, value);
        }
        if (fields.value("grant_type") != "client_credentials") {
            return tl::unexpected(
                formError(fields.contains("grant_type")
                              ? QStringLiteral("grant_type is not client_credentials")
                              : QStringLiteral("grant_type is missing")));
        }
        if (fields.value("client_assertion_type")
            != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") {
            return tl::unexpected(formError(
                QStringLiteral("client_assertion_type is not "
                               "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")));
        }
        if (fields.value("client_assertion").isEmpty()) {
            return tl::unexpected(formError(QStringLiteral("client_assertion is missing")));
        }
        if (fields.contains("client_secret")) {
            return tl::unexpected(formError(QStringLiteral(
                "client_secret and a client assertion: two client authentication methods")));
        }
        return TokenForm{fields.value("client_assertion")};
    } catch (...) {
        return tl::unexpected(formError(QStringLiteral("the form could not be read")));
    }
}

std::optional<QStringList> parseScopeClaim(const QJsonValue &scope, QString *why)
{
    static const QSet<QString> known{QStringLiteral("restlets"), QStringLiteral("rest_webservices"),
                                     QStringLiteral("suite_analytics"), QStringLiteral("mcp")};
    QStringList values;
    if (scope.isString()) {
        for (const QString &v : scope.toString().split(QLatin1Char(','))) {
            values.append(v.trimmed());
        }
    } else if (scope.isArray()) {
        for (const auto &v : scope.toArray()) {
            if (!v.isString()) {
                *why = QStringLiteral("scope array holds a non-string value");
                return std::nullopt;
            }
            values.append(v.toString());
        }
    } else {
        *why = scope.isUndefined() ? QStringLiteral("scope is missing")
                                   : QStringLiteral("scope is neither a string nor an array");
        return std::nullopt;
    }
    if (values.isEmpty()) {
        *why = QStringLiteral("scope is empty");
        return std::nullopt;
    }
    for (const QString &v : values) {
        if (!known.contains(v)) {
            *why = v.isEmpty() ? QStringLiteral("scope has an empty value")
                               : QStringLiteral("scope value \"%1\" is not one of restlets, "
                                                "rest_webservices, suite_analytics, mcp")
                                     .arg(v.left(64));
            return std::nullopt;
        }
    }
    if (values.contains(QStringLiteral("mcp")) && values.size() > 1) {
        *why = QStringLiteral("mcp cannot be combined with other scopes");
        return std::nullopt;
    }
    values.removeDuplicates();
    return values;
}

tl::expected<AcceptedAssertion, AssertionRejection>
checkAssertion(QByteArrayView compact, const QString &expectedAudience, qint64 now,
               const Settings &settings, const AssertionLookup &lookup)
{
    Jwt::DecodeOptions options;
    options.allowPastedNoise = false;
    options.maxInputBytes = 64 * 1024;
    const auto decoded = Jwt::decode(compact, options);
    if (!decoded) {
        return reject(TokenRejection::MalformedRequest,
                      QStringLiteral("client_assertion is not a compact JWS: %1")
                          .arg(decoded.error().message));
    }
    if (decoded->isJwe || !decoded->header.ok || !decoded->payload.ok) {
        return reject(TokenRejection::MalformedRequest,
                      QStringLiteral("client_assertion header or payload is not a JSON object"));
    }
    if (!decoded->header.duplicates.isEmpty() || !decoded->payload.duplicates.isEmpty()) {
        return reject(TokenRejection::MalformedRequest,
                      QStringLiteral("client_assertion repeats a member name"));
    }
    const QJsonObject &header = decoded->header.object;
    const QJsonObject &claims = decoded->payload.object;
    const QString iss = claims.value(QLatin1String("iss")).toString();
    const QString kid = header.value(QLatin1String("kid")).toString();

    // Identity first: which integration and which certificate.
    const auto integration = iss.isEmpty() ? std::nullopt : lookup.integration(iss);
    if (!integration) {
        return reject(TokenRejection::UnknownIntegration,
                      iss.isEmpty() ? QStringLiteral("iss is missing or not a string")
                                    : QStringLiteral("iss names no integration record (iss must "
                                                     "be the Client ID)"),
                      iss, kid);
    }
    if (!integration->enabled || !integration->clientCredentialsGrant) {
        return reject(TokenRejection::IntegrationDisabled,
                      integration->enabled
                          ? QStringLiteral("the integration record does not allow the Client "
                                           "Credentials (Machine to Machine) grant")
                          : QStringLiteral("the integration record is blocked"),
                      iss, kid);
    }
    const auto certificate = kid.isEmpty() ? std::nullopt : lookup.certificate(kid);
    if (!certificate || certificate->clientId != integration->clientId) {
        return reject(TokenRejection::UnknownCertificate,
                      kid.isEmpty() ? QStringLiteral("kid is missing from the header")
                                    : QStringLiteral("kid is not a Certificate ID of this "
                                                     "integration"),
                      iss, kid);
    }
    if (certificate->revoked) {
        return reject(TokenRejection::CertificateRevoked,
                      QStringLiteral("the certificate mapping was revoked"), iss, kid);
    }
    if (now >= certificate->notAfter || now < certificate->notBefore) {
        return reject(TokenRejection::CertificateExpired,
                      now >= certificate->notAfter
                          ? QStringLiteral("the certificate has expired (validity capped at %1 "
                                           "days)")
                                .arg(settings.maxCertificateValidityDays)
                          : QStringLiteral("the certificate is not yet valid"),
                      iss, kid);
    }

    // Algorithm and signature.
    const QString algName = header.value(QLatin1String("alg")).toString();
    const auto alg = Crypto::algorithmFromName(algName.toLatin1());
    QList<Crypto::JwsAlgorithm> allowed{Crypto::JwsAlgorithm::PS256, Crypto::JwsAlgorithm::PS384,
                                        Crypto::JwsAlgorithm::PS512, Crypto::JwsAlgorithm::ES256,
                                        Crypto::JwsAlgorithm::ES384, Crypto::JwsAlgorithm::ES512};
    if (settings.allowRs256) {
        allowed.append(Crypto::JwsAlgorithm::RS256);
    }
    if (alg == Crypto::JwsAlgorithm::RS256 && !settings.allowRs256) {
        return reject(TokenRejection::AlgRs256,
                      QStringLiteral("RS256 (RSA PKCS#1 v1.5) is no longer accepted for client "
                                     "credentials; use PS256 or ES256"),
                      iss, kid);
    }
    if (!alg || !allowed.contains(*alg)) {
        return reject(TokenRejection::AlgUnsupported,
                      QStringLiteral("alg \"%1\" is not one of PS256, PS384, PS512, ES256, "
                                     "ES384, ES512")
                          .arg(algName.left(32)),
                      iss, kid);
    }
    const auto verified = Jwt::verify(*decoded, certificate->publicKey, allowed);
    if (!verified) {
        return reject(TokenRejection::BadSignature,
                      QStringLiteral("the signature does not verify with the certificate's key: %1")
                          .arg(verified.error().message),
                      iss, kid);
    }

    // Header and claims.
    if (header.value(QLatin1String("typ")).toString() != QLatin1String("JWT")) {
        return reject(TokenRejection::BadTyp, QStringLiteral("typ must be \"JWT\""), iss, kid);
    }
    const QJsonValue aud = claims.value(QLatin1String("aud"));
    const Qt::CaseSensitivity cs
        = settings.audienceCaseInsensitive ? Qt::CaseInsensitive : Qt::CaseSensitive;
    if (!aud.isString() || aud.toString().compare(expectedAudience, cs) != 0) {
        return reject(
            TokenRejection::BadAudience,
            aud.isString()
                ? QStringLiteral("aud \"%1\" is not the token URL %2")
                      .arg(aud.toString().left(200), expectedAudience)
                : QStringLiteral("aud must be the token URL %1 as a string").arg(expectedAudience),
            iss, kid);
    }
    const QJsonValue iatValue = claims.value(QLatin1String("iat"));
    const QJsonValue expValue = claims.value(QLatin1String("exp"));
    if (!iatValue.isDouble() || !expValue.isDouble() || !std::isfinite(iatValue.toDouble())
        || !std::isfinite(expValue.toDouble())) {
        return reject(TokenRejection::MissingClaim,
                      QStringLiteral("iat and exp must be NumericDate numbers"), iss, kid);
    }
    const qint64 iat = qint64(std::floor(iatValue.toDouble()));
    const qint64 exp = qint64(std::floor(expValue.toDouble()));
    if (exp - iat > settings.maxAssertionLifetimeSeconds || exp <= iat) {
        return reject(TokenRejection::LifetimeTooLong,
                      QStringLiteral("exp - iat is %1 s; it must be from 1 to %2 s")
                          .arg(exp - iat)
                          .arg(settings.maxAssertionLifetimeSeconds),
                      iss, kid);
    }
    if (now >= exp + settings.clockSkewSeconds) {
        return reject(TokenRejection::AssertionExpired,
                      QStringLiteral("the assertion expired %1 s ago").arg(now - exp), iss, kid);
    }
    if (iat > now + settings.clockSkewSeconds) {
        return reject(TokenRejection::IssuedInFuture,
                      QStringLiteral("iat is %1 s in the future (allowed skew %2 s)")
                          .arg(iat - now)
                          .arg(settings.clockSkewSeconds),
                      iss, kid);
    }
    QString why;
    const auto scopes = parseScopeClaim(claims.value(QLatin1String("scope")), &why);
    if (!scopes) {
        return reject(TokenRejection::BadScope, why, iss, kid);
    }
    if (!lookup.roleEnabled(certificate->roleId) || !lookup.entityEnabled(certificate->entityId)) {
        return reject(TokenRejection::EntityOrRoleDisabled,
                      QStringLiteral("the mapping's role or entity is inactive"), iss, kid);
    }
    return AcceptedAssertion{*integration, *certificate, *scopes, *alg};
}

} // namespace Sb::Emulator
