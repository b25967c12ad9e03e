// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/Jws.h"
#include "crypto/Keys.h"

#include <QLatin1String>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sb::NetSuite {

/**
 * Which rules an assertion follows.
 *
 * NetSuite (default): header alg/typ "JWT"/kid = Certificate ID; claims iss = Client ID,
 * scope, aud = the exact token URL, iat, exp; exp - iat ≤ 3600 s; PS256/384/512 and
 * ES256/384/512 (RS256 only behind a legacy switch); RSA 3072 or 4096, EC P-256/384/521
 * matching the algorithm (facts §2, §3; ns-help/section_162790605110.html,
 * subsect_162755332391.html).
 *
 * Rfc7523: other OAuth 2.0 servers (RFC 7523 §3, OpenID Connect Core §9 private_key_jwt):
 * adds sub = client ID and a fresh jti; aud = the token URL or a given issuer, compared as
 * an exact string; RSA ≥ 2048; RS256/384/512 allowed.
 */
enum class AssertionProfile { NetSuite, Rfc7523 };

/** "netsuite" or "rfc7523" (the CLI's --profile values). */
[[nodiscard]] QString profileName(AssertionProfile profile);
/** Exact, case-insensitive "netsuite" / "rfc7523"; nullopt otherwise. */
[[nodiscard]] std::optional<AssertionProfile> profileFromName(QStringView name);

/** The scope values NetSuite defines for client credentials (facts §2). */
namespace Scope {
inline constexpr QLatin1String RestWebServices{"rest_webservices"};
inline constexpr QLatin1String Restlets{"restlets"};
inline constexpr QLatin1String SuiteAnalytics{"suite_analytics"};
/** NetSuite AI Connector; documented for auth-code flows and never combined (facts §2). */
inline constexpr QLatin1String Mcp{"mcp"};
} // namespace Scope

/** rest_webservices, restlets, suite_analytics (mcp is separate: it cannot be combined). */
[[nodiscard]] QStringList netSuiteScopes();

/** NetSuite's assertion lifetime cap: exp - iat at most 3600 s (facts §2, §10 item 4). */
inline constexpr qint64 maxAssertionLifetimeSeconds = 3600;
/** The builder's default lifetime: short, so a leaked assertion is useful briefly. */
inline constexpr qint64 defaultAssertionLifetimeSeconds = 300;

/** One broken (or, with blocking == false, merely risky) rule about algorithm and key. */
struct ProfileRuleIssue
{
    enum class Kind {
        AlgNotAllowed,  ///< outside the profile's algorithm list (RS384/512 for NetSuite)
        AlgRs256,       ///< RS256 for NetSuite: blocking unless the legacy switch is on
        AlgKeyMismatch, ///< the key cannot make this algorithm's signatures (family or curve)
        RsaSize,        ///< RSA size outside the profile's rule
        KeyUnsupported, ///< key type or curve the profile does not allow
    };
    Kind kind{};
    bool blocking = true;
    QString message;
    QString hint;
};

/**
 * Checks an algorithm (and, when given, a key's facts) against @p profile. Empty when
 * everything fits. The same rules serve the builder (blocking issues refuse to sign) and the
 * inspector (issues become findings). It never looks at a token header.
 */
[[nodiscard]] QList<ProfileRuleIssue>
checkAlgorithmAndKey(AssertionProfile profile, Crypto::JwsAlgorithm algorithm,
                     const std::optional<Crypto::KeyInfo> &key, bool allowLegacyRs256);

/** PS256 for RSA and RSA-PSS keys, ES256/384/512 for P-256/384/521; nullopt otherwise. */
[[nodiscard]] std::optional<Crypto::JwsAlgorithm>
defaultAlgorithmForKey(const Crypto::KeyInfo &key);

/** The warning text for RS256 with the legacy switch (also used by the CLI). */
[[nodiscard]] QString rs256LegacyWarning();

} // namespace Sb::NetSuite
