// SPDX-License-Identifier: MIT
// The inspector's finding codes, all in one place.
//
// THESE STRINGS ARE AN INTERFACE: the CLI prints them in --json, scripts and CI jobs match
// on them, and the GUI keys help texts on them. Never rename or reuse a code; add a new one
// and leave the old one in allFindingCodes() with a note. Format: "<area>.<snake_case>".
// The severity listed in allFindingCodes() is the usual one; a few codes depend on the
// profile or context (for example alg.rs256 is a warning with the legacy switch on).
#pragma once

#include "netsuite/Finding.h"

#include <QLatin1String>
#include <QList>

namespace Sb::NetSuite::FindingCode {

// --- Reading the token (reliability doc §2.1 J1–J7) ---
inline constexpr QLatin1String TokenEmpty{"token.empty"};
inline constexpr QLatin1String TokenTooLarge{"token.too_large"};
inline constexpr QLatin1String TokenMalformed{"token.malformed"};
inline constexpr QLatin1String TokenWhitespace{"token.whitespace"};
inline constexpr QLatin1String TokenEncrypted{"token.encrypted"};
inline constexpr QLatin1String TokenCleaned{"token.cleaned"};
inline constexpr QLatin1String EncodingBase64UrlInvalid{"encoding.base64url_invalid"};
inline constexpr QLatin1String EncodingBase64UrlNonCanonical{"encoding.base64url_noncanonical"};
inline constexpr QLatin1String EncodingBom{"encoding.bom"};
inline constexpr QLatin1String JsonNotObject{"json.not_object"};
inline constexpr QLatin1String JsonDuplicateMember{"json.duplicate_member"};
inline constexpr QLatin1String JsonNulOrSurrogate{"json.nul_or_surrogate"};
inline constexpr QLatin1String JsonSuspiciousCharacters{"json.suspicious_characters"};
inline constexpr QLatin1String ClaimWrongType{"claim.wrong_type"};

// --- Header ---
inline constexpr QLatin1String AlgMissing{"alg.missing"};
inline constexpr QLatin1String AlgNone{"alg.none"};
inline constexpr QLatin1String AlgHmac{"alg.hmac"};
inline constexpr QLatin1String AlgRs256{"alg.rs256"};
inline constexpr QLatin1String AlgNotAllowed{"alg.not_allowed"};
inline constexpr QLatin1String AlgUnknown{"alg.unknown"};
inline constexpr QLatin1String TypMissing{"typ.missing"};
inline constexpr QLatin1String TypNotJwt{"typ.not_jwt"};
inline constexpr QLatin1String KidMissing{"kid.missing"};
inline constexpr QLatin1String KidMismatch{"kid.mismatch"};
inline constexpr QLatin1String HeaderKeyReference{"header.key_reference"};
inline constexpr QLatin1String HeaderCrit{"header.crit"};

// --- Key and certificate (facts §3) ---
inline constexpr QLatin1String KeyAlgMismatch{"key.alg_mismatch"};
inline constexpr QLatin1String KeyRsaSize{"key.rsa_size"};
inline constexpr QLatin1String KeyUnsupported{"key.unsupported"};
inline constexpr QLatin1String CertExpired{"cert.expired"};
inline constexpr QLatin1String CertNotYetValid{"cert.not_yet_valid"};
inline constexpr QLatin1String CertExpiringSoon{"cert.expiring_soon"};
inline constexpr QLatin1String CertValidityTooLong{"cert.validity_too_long"};

// --- Signature ---
inline constexpr QLatin1String SignatureVerified{"signature.verified"};
inline constexpr QLatin1String SignatureInvalid{"signature.invalid"};
inline constexpr QLatin1String SignatureUnchecked{"signature.unchecked"};

// --- iss / sub / jti ---
inline constexpr QLatin1String IssMissing{"iss.missing"};
inline constexpr QLatin1String IssMismatch{"iss.mismatch"};
inline constexpr QLatin1String IssLooksLikeApplicationId{"iss.looks_like_application_id"};
inline constexpr QLatin1String IssLooksLikeAccountId{"iss.looks_like_account_id"};
inline constexpr QLatin1String SubMissing{"sub.missing"};
inline constexpr QLatin1String SubMismatch{"sub.mismatch"};
inline constexpr QLatin1String JtiMissing{"jti.missing"};

// --- aud (facts §2, §7 trap #2, §10 item 5) ---
inline constexpr QLatin1String AudMissing{"aud.missing"};
inline constexpr QLatin1String AudArray{"aud.array"};
inline constexpr QLatin1String AudAccountLabelForm{"aud.account_label_form"};
inline constexpr QLatin1String AudSandboxSuffixMissing{"aud.sandbox_suffix_missing"};
inline constexpr QLatin1String AudSandboxSuffixWrong{"aud.sandbox_suffix_wrong"};
inline constexpr QLatin1String AudOtherAccount{"aud.other_account"};
inline constexpr QLatin1String AudWrongServiceHost{"aud.wrong_service_host"};
inline constexpr QLatin1String AudConnectHost{"aud.connect_host"};
inline constexpr QLatin1String AudNotNetSuiteHost{"aud.not_netsuite_host"};
inline constexpr QLatin1String AudTrailingSlash{"aud.trailing_slash"};
inline constexpr QLatin1String AudHttpScheme{"aud.http_scheme"};
inline constexpr QLatin1String AudWrongPath{"aud.wrong_path"};
inline constexpr QLatin1String AudMismatch{"aud.mismatch"};
inline constexpr QLatin1String AudUnchecked{"aud.unchecked"};

// --- scope (facts §2) ---
inline constexpr QLatin1String ScopeMissing{"scope.missing"};
inline constexpr QLatin1String ScopeEmpty{"scope.empty"};
inline constexpr QLatin1String ScopeUnknownValue{"scope.unknown_value"};
inline constexpr QLatin1String ScopeSpaceSeparated{"scope.space_separated"};
inline constexpr QLatin1String ScopeMcpCombined{"scope.mcp_combined"};
inline constexpr QLatin1String ScopeMcp{"scope.mcp"};

// --- Time (facts §2; reliability doc J9, J16) ---
inline constexpr QLatin1String ExpMissing{"exp.missing"};
inline constexpr QLatin1String ExpNotNumber{"exp.not_number"};
inline constexpr QLatin1String ExpExpired{"exp.expired"};
inline constexpr QLatin1String ExpFarFuture{"exp.far_future"};
inline constexpr QLatin1String IatMissing{"iat.missing"};
inline constexpr QLatin1String IatNotNumber{"iat.not_number"};
inline constexpr QLatin1String IatInFuture{"iat.in_future"};
inline constexpr QLatin1String NbfNotNumber{"nbf.not_number"};
inline constexpr QLatin1String NbfInFuture{"nbf.in_future"};
inline constexpr QLatin1String LifetimeTooLong{"lifetime.too_long"};
inline constexpr QLatin1String LifetimeNotPositive{"lifetime.not_positive"};
inline constexpr QLatin1String LifetimeAtLimit{"lifetime.at_limit"};

// --- A NetSuite-issued access token (facts §4) ---
inline constexpr QLatin1String AccessTokenNetSuite{"access_token.netsuite"};
inline constexpr QLatin1String AccessTokenExpired{"access_token.expired"};
inline constexpr QLatin1String AccessTokenOtherAccount{"access_token.other_account"};
inline constexpr QLatin1String AccessTokenOtherClient{"access_token.other_client"};

/** One row of the code table: the code, its usual severity and what it means. */
struct Info
{
    QLatin1String code;
    Severity usualSeverity;
    QLatin1String summary;
};

/** Every code above, in this order, with its usual severity and a one-line summary. */
[[nodiscard]] const QList<Info> &allFindingCodes();

/** True when @p code is in allFindingCodes(). */
[[nodiscard]] bool isKnownFindingCode(const QString &code);

} // namespace Sb::NetSuite::FindingCode
