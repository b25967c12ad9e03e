// SPDX-License-Identifier: MIT
#include "netsuite/AssertionBuilder.h"

#include "crypto/SecureBytes.h"
#include "jwt/Jwt.h"
#include "netsuite/CustomTokenEndpoint.h"
#include "netsuite/DisplayText.h"
#include "netsuite/Tr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Sb::NetSuite {

namespace {

using Code = AssertionError::Code;

tl::unexpected<AssertionError> refuse(Code code, const QString &message)
{
    return Core::fail<AssertionError>(code, message);
}

bool hasWhitespaceOrSuspicious(const QString &text)
{
    for (const QChar c : text) {
        if (c.isSpace()) {
            return true;
        }
    }
    return hasSuspiciousCharacters(text);
}

} // namespace

QStringList profileClaimNames(AssertionProfile profile, bool withScope)
{
    QStringList names{QStringLiteral("iss"), QStringLiteral("aud"), QStringLiteral("iat"),
                      QStringLiteral("exp")};
    if (profile == AssertionProfile::Rfc7523) {
        names << QStringLiteral("sub") << QStringLiteral("jti");
    }
    if (withScope) {
        names << QStringLiteral("scope");
    }
    return names;
}

Core::Result<std::pair<QString, QJsonValue>, AssertionError>
parseExtraClaim(QStringView nameEqualsValue)
{
    const qsizetype eq = nameEqualsValue.indexOf(QLatin1Char('='));
    const QString name = (eq < 0 ? nameEqualsValue : nameEqualsValue.left(eq)).trimmed().toString();
    if (eq <= 0 || name.isEmpty() || hasWhitespaceOrSuspicious(name)) {
        return refuse(Code::BadIdentifier,
                      Tr::tr("\"%1\" is not NAME=VALUE with a plain claim name.")
                          .arg(escapeForDisplay(nameEqualsValue, 60)));
    }
    const QString text = nameEqualsValue.mid(eq + 1).toString();
    // Wrap the value in an array so QJsonDocument accepts scalars too; anything that is not a
    // single JSON value stays a string.
    QJsonParseError error{};
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray("[" + text.toUtf8() + "]"), &error);
    if (error.error == QJsonParseError::NoError && document.isArray()
        && document.array().size() == 1 && !text.trimmed().isEmpty()) {
        return std::pair<QString, QJsonValue>(name, document.array().first());
    }
    return std::pair<QString, QJsonValue>(name, QJsonValue(text));
}

QStringList parseScopeList(QStringView text)
{
    QStringList values;
    for (const QStringView part : text.split(QLatin1Char(','))) {
        const QStringView trimmed = part.trimmed();
        if (!trimmed.isEmpty()) {
            values << trimmed.toString();
        }
    }
    return values;
}

Core::Result<Assertion, AssertionError> buildAssertion(const AssertionRequest &request,
                                                       const Crypto::PrivateKey &key,
                                                       const Core::Clock &clock)
{
    const bool netSuite = request.profile == AssertionProfile::NetSuite;
    if (key.isNull()) {
        return refuse(Code::NullKey, Tr::tr("No private key was given."));
    }

    // --- Identifiers: they go verbatim into signed claims, so refuse invisible surprises.
    if (request.clientId.isEmpty()) {
        return refuse(Code::MissingClientId,
                      Tr::tr("The Client ID is missing. It is shown once when the integration "
                             "record is saved (Setup > Integration > Manage Integrations); "
                             "without it, reset the credentials on that record."));
    }
    if (hasWhitespaceOrSuspicious(request.clientId) || request.clientId.size() > 512) {
        return refuse(Code::BadIdentifier,
                      Tr::tr("The Client ID \"%1\" contains whitespace, control or invisible "
                             "characters (or is too long); copy it again.")
                          .arg(escapeForDisplay(request.clientId, 80)));
    }
    if (netSuite && request.certificateId.isEmpty()) {
        return refuse(Code::MissingCertificateId,
                      Tr::tr("The Certificate ID is missing. NetSuite shows it after the "
                             "certificate upload at Setup > Integration > Manage Authentication "
                             "> OAuth 2.0 Client Credentials (M2M) Setup."));
    }
    if (hasWhitespaceOrSuspicious(request.certificateId) || request.certificateId.size() > 512) {
        return refuse(Code::BadIdentifier,
                      Tr::tr("The Certificate ID \"%1\" contains whitespace, control or "
                             "invisible characters (or is too long); copy it again.")
                          .arg(escapeForDisplay(request.certificateId, 80)));
    }

    // --- Audience.
    if (request.tokenUrl.isEmpty()) {
        return refuse(Code::MissingTokenUrl,
                      Tr::tr("The token URL is missing: give an account ID or a token URL."));
    }
    // The same rules as a custom endpoint: https (http only to loopback), no user info, no
    // fragment. NetSuite's own token URLs pass them too.
    if (const auto endpoint = CustomTokenEndpoint::parse(request.tokenUrl); !endpoint) {
        return refuse(Code::BadTokenUrl, endpoint.error().message);
    }
    if (netSuite && !request.audience.isEmpty()) {
        return refuse(Code::AudienceNotAllowed,
                      Tr::tr("The netsuite profile's aud is always the exact token URL; an "
                             "audience can only be given with --profile rfc7523."));
    }
    if (hasWhitespaceOrSuspicious(request.audience)) {
        return refuse(Code::BadIdentifier,
                      Tr::tr("The audience \"%1\" contains whitespace, control or invisible "
                             "characters.")
                          .arg(escapeForDisplay(request.audience, 100)));
    }
    const QString audience = request.audience.isEmpty() ? request.tokenUrl : request.audience;

    // --- Lifetime: NetSuite wants exp - iat under 60 minutes (facts §2); 3600 is Oracle's own
    // sample value, so it is the inclusive cap here.
    if (request.lifetimeSeconds < 1 || request.lifetimeSeconds > maxAssertionLifetimeSeconds) {
        return refuse(Code::LifetimeOutOfRange,
                      Tr::tr("The lifetime must be between 1 and %1 seconds (NetSuite refuses "
                             "exp - iat over 60 minutes); %2 was given.")
                          .arg(maxAssertionLifetimeSeconds)
                          .arg(request.lifetimeSeconds));
    }

    QStringList warnings;

    // --- Scopes.
    QStringList scopes = request.scopes;
    if (netSuite && scopes.isEmpty()) {
        scopes << QString(Scope::RestWebServices);
    }
    for (const QString &value : std::as_const(scopes)) {
        if (value.isEmpty() || value.contains(QLatin1Char(','))
            || hasWhitespaceOrSuspicious(value)) {
            return refuse(Code::BadScope,
                          Tr::tr("The scope value \"%1\" is empty or contains a comma, whitespace "
                                 "or control characters; give one value per list item.")
                              .arg(escapeForDisplay(value, 60)));
        }
    }
    if (netSuite) {
        const QStringList known = netSuiteScopes();
        for (const QString &value : std::as_const(scopes)) {
            if (value == Scope::Mcp) {
                continue;
            }
            if (!known.contains(value)) {
                return refuse(Code::BadScope,
                              Tr::tr("\"%1\" is not a NetSuite scope; use rest_webservices, "
                                     "restlets or suite_analytics.")
                                  .arg(escapeForDisplay(value, 60)));
            }
        }
        if (scopes.contains(QString(Scope::Mcp))) {
            if (scopes.size() > 1) {
                return refuse(Code::BadScope,
                              Tr::tr("The mcp scope cannot be combined with other scopes "
                                     "(NetSuite AI Connector)."));
            }
            warnings << Tr::tr("The mcp scope is documented for the authorization-code flow; "
                               "NetSuite may refuse it for client credentials.");
        }
    }
    scopes.removeDuplicates();

    // --- Algorithm and key.
    const Crypto::KeyInfo keyInfo = key.info();
    std::optional<Crypto::JwsAlgorithm> algorithm = request.algorithm;
    if (!algorithm) {
        algorithm = defaultAlgorithmForKey(keyInfo);
        if (!algorithm) {
            return refuse(Code::NoAlgorithmForKey,
                          Tr::tr("The key is %1; no algorithm can sign with it. Use an RSA or EC "
                                 "(P-256, P-384, P-521) key.")
                              .arg(keyInfo.describe()));
        }
    }
    for (const ProfileRuleIssue &issue :
         checkAlgorithmAndKey(request.profile, *algorithm, keyInfo, request.allowLegacyRs256)) {
        if (!issue.blocking) {
            warnings << issue.message;
            continue;
        }
        const bool aboutKey = issue.kind == ProfileRuleIssue::Kind::RsaSize
                              || issue.kind == ProfileRuleIssue::Kind::KeyUnsupported;
        return refuse(aboutKey ? Code::KeyRefused : Code::AlgorithmRefused,
                      issue.message + QLatin1Char(' ') + issue.hint);
    }
    // The crypto layer has the last word on algorithm/key (e.g. an RSA-PSS key restricted to
    // SHA-256 cannot make PS384 signatures).
    if (const auto fits = Crypto::checkAlgorithmFitsKey(*algorithm, keyInfo); !fits) {
        return refuse(Code::AlgorithmRefused, fits.error().message);
    }

    // --- Extra claims may add, never replace (a silent override of aud or iss would produce an
    // assertion that looks right in the form and fails at NetSuite).
    const bool emitsScope = !scopes.isEmpty();
    const QStringList reserved = profileClaimNames(request.profile, emitsScope);
    for (auto it = request.extraClaims.constBegin(); it != request.extraClaims.constEnd(); ++it) {
        if (reserved.contains(it.key())) {
            return refuse(Code::ClaimOverride,
                          Tr::tr("The claim \"%1\" is set by the %2 profile and cannot be "
                                 "overridden with an extra claim; change the option that sets it "
                                 "(client ID, token URL, audience, scope or lifetime) instead.")
                              .arg(escapeForDisplay(it.key(), 40), profileName(request.profile)));
        }
        if (hasSuspiciousCharacters(it.key()) || it.key().isEmpty()) {
            return refuse(Code::ClaimOverride,
                          Tr::tr("The extra claim name \"%1\" is empty or contains control or "
                                 "invisible characters.")
                              .arg(escapeForDisplay(it.key(), 40)));
        }
    }

    // --- Build.
    const qint64 now = clock.nowSeconds();
    QJsonObject header{
        {QStringLiteral("alg"), QString::fromLatin1(Crypto::algorithmName(*algorithm))},
        {QStringLiteral("typ"), QStringLiteral("JWT")},
    };
    if (!request.certificateId.isEmpty()) {
        header.insert(QStringLiteral("kid"), request.certificateId);
    }
    QJsonObject claims = request.extraClaims;
    claims.insert(QStringLiteral("iss"), request.clientId);
    claims.insert(QStringLiteral("aud"), audience);
    claims.insert(QStringLiteral("iat"), now);
    claims.insert(QStringLiteral("exp"), now + request.lifetimeSeconds);
    if (emitsScope) {
        if (request.scopeFormat == ScopeFormat::CommaString) {
            claims.insert(QStringLiteral("scope"), scopes.join(QLatin1Char(',')));
        } else {
            claims.insert(QStringLiteral("scope"), QJsonArray::fromStringList(scopes));
        }
    }
    if (!netSuite) {
        // RFC 7523 §3: sub = client_id for client authentication; servers that follow OpenID
        // Connect's private_key_jwt rules refuse a reused jti, so every assertion gets a new one.
        claims.insert(QStringLiteral("sub"), request.clientId);
        claims.insert(QStringLiteral("jti"), Crypto::randomUuid());
    }
    if (request.lifetimeSeconds == maxAssertionLifetimeSeconds) {
        warnings << Tr::tr("exp - iat is exactly 3600 s. Oracle's text says \"less than 60 "
                           "minutes\" while its own sample uses 3600; a shorter lifetime avoids "
                           "the question.");
    }

    auto signedToken = Jwt::sign(key, *algorithm, header, claims);
    if (!signedToken) {
        return refuse(Code::Signing, Tr::tr("Signing failed: %1").arg(signedToken.error().message));
    }
    // Verify our own signature before anyone sends it (RFC 8725 §3.3; reliability doc §1.5).
    const auto decoded = Jwt::decode(*signedToken);
    if (!decoded) {
        return refuse(
            Code::Signing,
            Tr::tr("The signed assertion did not decode: %1").arg(decoded.error().message));
    }
    const auto verified = Jwt::verify(*decoded, key.publicKey(), {*algorithm});
    if (!verified) {
        return refuse(Code::Signing, Tr::tr("The signed assertion did not verify with the key's "
                                            "public half: %1")
                                         .arg(verified.error().message));
    }

    Assertion assertion;
    assertion.compact = *signedToken;
    assertion.header = decoded->header.object;
    assertion.claims = decoded->payload.object;
    assertion.algorithm = *algorithm;
    assertion.issuedAt = now;
    assertion.expiresAt = now + request.lifetimeSeconds;
    assertion.warnings = warnings;
    return assertion;
}

} // namespace Sb::NetSuite
