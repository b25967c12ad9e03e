// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "crypto/Jws.h"
#include "crypto/Keys.h"
#include "netsuite/AssertionProfile.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <optional>
#include <utility>

namespace Sb::NetSuite {

/** How the netsuite profile writes `scope` (facts §2, §10 item 3). */
enum class ScopeFormat {
    Array,       ///< ["rest_webservices","restlets"]: Oracle's own sample and every surveyed client
    CommaString, ///< "rest_webservices,restlets": Oracle's prose
};

/** What to put into a client assertion. Defaults are the safe NetSuite choices. */
struct AssertionRequest
{
    AssertionProfile profile = AssertionProfile::NetSuite;
    QString clientId;      ///< iss (and sub for rfc7523): the integration record's Client ID
    QString certificateId; ///< kid: required for netsuite, optional for rfc7523
    /** nullopt: from the key (PS256 for RSA, ES256/384/512 by curve). */
    std::optional<Crypto::JwsAlgorithm> algorithm;
    bool allowLegacyRs256 = false; ///< --legacy-rs256: RS256 for netsuite, with a warning
    /** netsuite: empty means rest_webservices. rfc7523: empty means no scope claim. */
    QStringList scopes;
    ScopeFormat scopeFormat = ScopeFormat::Array;
    qint64 lifetimeSeconds = defaultAssertionLifetimeSeconds; ///< 1…3600
    QString tokenUrl; ///< the exact URL the assertion is POSTed to (Target::tokenUrlString())
    QString audience; ///< rfc7523 only: an issuer identifier to use as aud instead of tokenUrl
    QJsonObject extraClaims; ///< added to the payload; may not touch the profile's own claims
};

/** Why no assertion was built; the message names the option to change. */
struct AssertionError
{
    enum class Code {
        NullKey, ///< no private key
        MissingClientId,
        MissingCertificateId,
        BadIdentifier, ///< control, bidi or whitespace characters in an ID
        MissingTokenUrl,
        BadTokenUrl,        ///< not an absolute http(s) URL
        AudienceNotAllowed, ///< audience set for the netsuite profile (aud is the token URL there)
        LifetimeOutOfRange, ///< outside 1…3600 s
        BadScope,           ///< unknown value, mcp combined, empty value, comma/space inside
        NoAlgorithmForKey,  ///< no algorithm given and the key suggests none
        AlgorithmRefused,   ///< a blocking ProfileRuleIssue about the algorithm
        KeyRefused,         ///< a blocking ProfileRuleIssue about the key
        ClaimOverride,      ///< an extra claim would replace one of the profile's claims
        Signing,            ///< signing or the self-check failed
    };
    Code code{};
    QString message;
};

/** A signed assertion and what went into it. compact is secret-ish: never log it. */
struct Assertion
{
    QByteArray compact;
    QJsonObject header;
    QJsonObject claims;
    Crypto::JwsAlgorithm algorithm = Crypto::JwsAlgorithm::PS256;
    qint64 issuedAt = 0;
    qint64 expiresAt = 0;
    QStringList warnings; ///< e.g. the RS256 legacy warning; show them, they are not errors
};

/**
 * Builds and signs a client assertion for @p request with @p key, taking iat/exp from
 * @p clock (a fresh jti from the CSPRNG for rfc7523). Validates everything first (IDs,
 * token URL, lifetime, scopes, algorithm against profile and key) and refuses extra claims
 * that would replace a profile claim (netsuite: iss scope aud iat exp; rfc7523: iss sub aud
 * jti iat exp, and scope when it sets one). After signing it verifies its own signature
 * with the key's public half. It does not send anything and does not check that NetSuite
 * knows the Client ID or Certificate ID.
 */
[[nodiscard]] Core::Result<Assertion, AssertionError>
buildAssertion(const AssertionRequest &request, const Crypto::PrivateKey &key,
               const Core::Clock &clock);

/** The claim names @p profile sets itself (for help texts and the CLI's --claim check). */
[[nodiscard]] QStringList profileClaimNames(AssertionProfile profile, bool withScope = true);

/**
 * Parses one `--claim NAME=VALUE` argument. VALUE is taken as JSON when it is a JSON
 * literal (a number, true, false, null, a "quoted string", an array or an object) and as a
 * plain string otherwise, so `--claim tenant=acme` and `--claim level=3` both do what one
 * expects. An empty or missing NAME is an error (code BadIdentifier); whether NAME is one of
 * the profile's own claims is checked later by buildAssertion().
 */
[[nodiscard]] Core::Result<std::pair<QString, QJsonValue>, AssertionError>
parseExtraClaim(QStringView nameEqualsValue);

/**
 * Parses the CLI's scope list ("rest_webservices,restlets" or with spaces after commas)
 * into values; empty items are dropped.
 */
[[nodiscard]] QStringList parseScopeList(QStringView text);

} // namespace Sb::NetSuite
