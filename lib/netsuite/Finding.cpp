// SPDX-License-Identifier: MIT
#include "netsuite/Finding.h"

#include "netsuite/FindingCodes.h"

#include <algorithm>

namespace Sb::NetSuite {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return QStringLiteral("error");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Info:
        return QStringLiteral("info");
    }
    return {};
}

QJsonObject Finding::toJson() const
{
    return QJsonObject{
        {QStringLiteral("severity"), severityName(severity)},
        {QStringLiteral("code"), code},
        {QStringLiteral("path"), path},
        {QStringLiteral("message"), message},
        {QStringLiteral("hint"), hint},
    };
}

QList<Finding> sortedBySeverity(QList<Finding> findings)
{
    // Severity's enum order is the display order (Error < Warning < Info).
    std::stable_sort(findings.begin(), findings.end(), [](const Finding &a, const Finding &b) {
        return int(a.severity) < int(b.severity);
    });
    return findings;
}

namespace FindingCode {

const QList<Info> &allFindingCodes()
{
    using S = Severity;
    // clang-format off
    static const QList<Info> table {
        {TokenEmpty, S::Error, QLatin1String("nothing to inspect")},
        {TokenTooLarge, S::Error, QLatin1String("input over the size cap; not decoded")},
        {TokenMalformed, S::Error, QLatin1String("not a compact JWS (three dot-separated parts)")},
        {TokenWhitespace, S::Error, QLatin1String("whitespace inside the token")},
        {TokenEncrypted, S::Error, QLatin1String("a JWE (five parts): only the header is shown")},
        {TokenCleaned, S::Info, QLatin1String("surrounding whitespace, quotes or a Bearer prefix were removed")},
        {EncodingBase64UrlInvalid, S::Error, QLatin1String("a part is not base64url (bad character, padding or length)")},
        {EncodingBase64UrlNonCanonical, S::Error, QLatin1String("non-canonical base64url (unused bits set)")},
        {EncodingBom, S::Error, QLatin1String("a UTF-8 byte order mark before the JSON")},
        {JsonNotObject, S::Error, QLatin1String("header or payload is not a JSON object")},
        {JsonDuplicateMember, S::Error, QLatin1String("a member name appears twice; parsers disagree on which wins")},
        {JsonNulOrSurrogate, S::Warning, QLatin1String("a \\u0000 or lone surrogate escape in a string")},
        {JsonSuspiciousCharacters, S::Warning, QLatin1String("control, bidi or invisible characters in a value")},
        {ClaimWrongType, S::Error, QLatin1String("a member has the wrong JSON type")},
        {AlgMissing, S::Error, QLatin1String("header.alg missing")},
        {AlgNone, S::Error, QLatin1String("alg none: unsigned")},
        {AlgHmac, S::Error, QLatin1String("HS* (shared secret): NetSuite needs a certificate-based algorithm")},
        {AlgRs256, S::Error, QLatin1String("RS256: refused by NetSuite since 1 March 2025")},
        {AlgNotAllowed, S::Error, QLatin1String("an algorithm outside the profile's list")},
        {AlgUnknown, S::Error, QLatin1String("an algorithm name nobody defines")},
        {TypMissing, S::Error, QLatin1String("header.typ missing (NetSuite: always JWT)")},
        {TypNotJwt, S::Error, QLatin1String("header.typ is not JWT")},
        {KidMissing, S::Error, QLatin1String("header.kid missing (NetSuite: the Certificate ID)")},
        {KidMismatch, S::Error, QLatin1String("kid is not the environment's Certificate ID")},
        {HeaderKeyReference, S::Warning, QLatin1String("jku/x5u/jwk/x5c in the header: never fetched or trusted")},
        {HeaderCrit, S::Warning, QLatin1String("crit lists extensions")},
        {KeyAlgMismatch, S::Error, QLatin1String("the certificate's key cannot make this algorithm's signatures")},
        {KeyRsaSize, S::Error, QLatin1String("RSA size outside the profile's rule (NetSuite: 3072 or 4096)")},
        {KeyUnsupported, S::Error, QLatin1String("a key type or curve the profile does not allow")},
        {CertExpired, S::Error, QLatin1String("the certificate has expired")},
        {CertNotYetValid, S::Error, QLatin1String("the certificate is not valid yet")},
        {CertExpiringSoon, S::Warning, QLatin1String("the certificate expires within 60 days")},
        {CertValidityTooLong, S::Warning, QLatin1String("validity over two years: NetSuite cuts it to two years from upload")},
        {SignatureVerified, S::Info, QLatin1String("the signature verifies with the given certificate")},
        {SignatureInvalid, S::Error, QLatin1String("the signature does not verify with the given certificate")},
        {SignatureUnchecked, S::Info, QLatin1String("the signature was not checked")},
        {IssMissing, S::Error, QLatin1String("payload.iss missing (NetSuite: the Client ID)")},
        {IssMismatch, S::Error, QLatin1String("iss is not the environment's Client ID")},
        {IssLooksLikeApplicationId, S::Warning, QLatin1String("iss is a UUID: probably the Application ID, not the Client ID")},
        {IssLooksLikeAccountId, S::Warning, QLatin1String("iss looks like an account ID, not a Client ID")},
        {SubMissing, S::Error, QLatin1String("payload.sub missing (RFC 7523: the client ID)")},
        {SubMismatch, S::Error, QLatin1String("sub differs from iss (RFC 7523 client authentication)")},
        {JtiMissing, S::Error, QLatin1String("payload.jti missing (servers refuse reuse; needs a fresh one)")},
        {AudMissing, S::Error, QLatin1String("payload.aud missing")},
        {AudArray, S::Warning, QLatin1String("aud is an array; NetSuite documents one URL string")},
        {AudAccountLabelForm, S::Error, QLatin1String("upper case or underscore in the account label of the aud host")},
        {AudSandboxSuffixMissing, S::Error, QLatin1String("aud names the production account instead of the sandbox")},
        {AudSandboxSuffixWrong, S::Error, QLatin1String("aud has another sandbox or release-preview suffix")},
        {AudOtherAccount, S::Error, QLatin1String("aud names another account")},
        {AudWrongServiceHost, S::Error, QLatin1String("aud uses the app. or restlets. host instead of suitetalk.api")},
        {AudConnectHost, S::Warning, QLatin1String("aud uses the connect. host (Oracle's sample; acceptance undocumented)")},
        {AudNotNetSuiteHost, S::Error, QLatin1String("aud host is not a NetSuite host")},
        {AudTrailingSlash, S::Error, QLatin1String("aud has a trailing slash")},
        {AudHttpScheme, S::Error, QLatin1String("aud uses http: instead of https:")},
        {AudWrongPath, S::Error, QLatin1String("aud has another path (or query, port)")},
        {AudMismatch, S::Error, QLatin1String("aud differs from the expected token URL")},
        {AudUnchecked, S::Info, QLatin1String("no expected account or token URL given")},
        {ScopeMissing, S::Error, QLatin1String("payload.scope missing")},
        {ScopeEmpty, S::Error, QLatin1String("scope has no values")},
        {ScopeUnknownValue, S::Error, QLatin1String("a scope value NetSuite does not define")},
        {ScopeSpaceSeparated, S::Error, QLatin1String("space-separated scope string (NetSuite: comma or array)")},
        {ScopeMcpCombined, S::Error, QLatin1String("mcp combined with other scopes")},
        {ScopeMcp, S::Warning, QLatin1String("mcp is documented for the auth-code flow")},
        {ExpMissing, S::Error, QLatin1String("payload.exp missing")},
        {ExpNotNumber, S::Error, QLatin1String("exp is not a NumericDate")},
        {ExpExpired, S::Error, QLatin1String("exp is in the past")},
        {ExpFarFuture, S::Error, QLatin1String("exp is far in the future")},
        {IatMissing, S::Error, QLatin1String("payload.iat missing")},
        {IatNotNumber, S::Error, QLatin1String("iat is not a NumericDate")},
        {IatInFuture, S::Error, QLatin1String("iat is ahead of this clock beyond the skew allowance")},
        {NbfNotNumber, S::Error, QLatin1String("nbf is not a NumericDate")},
        {NbfInFuture, S::Error, QLatin1String("nbf is in the future: not valid yet")},
        {LifetimeTooLong, S::Error, QLatin1String("exp - iat over 3600 s")},
        {LifetimeNotPositive, S::Error, QLatin1String("exp is not after iat")},
        {LifetimeAtLimit, S::Info, QLatin1String("exp - iat is exactly 3600 s")},
        {AccessTokenNetSuite, S::Info, QLatin1String("a NetSuite-issued access token, not an assertion")},
        {AccessTokenExpired, S::Warning, QLatin1String("the access token has expired")},
        {AccessTokenOtherAccount, S::Warning, QLatin1String("the access token is for another account")},
        {AccessTokenOtherClient, S::Warning, QLatin1String("the access token is for another Client ID")},
    };
    // clang-format on
    return table;
}

bool isKnownFindingCode(const QString &code)
{
    const auto &table = allFindingCodes();
    return std::any_of(table.cbegin(), table.cend(),
                       [&code](const Info &info) { return code == info.code; });
}

} // namespace FindingCode

} // namespace Sb::NetSuite
