// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/EmulatorError.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Sb::Emulator {

/**
 * Why the token endpoint refused an assertion. Each reason has a row in the response table
 * (Settings::tokenErrors) and an audit-trail Detail code (detailCode()).
 */
enum class TokenRejection {
    MalformedRequest,    ///< not the form NetSuite takes, or the assertion is not a JWS
    UnknownIntegration,  ///< `iss` names no integration
    IntegrationDisabled, ///< integration blocked or without the client-credentials grant
    UnknownCertificate,  ///< `kid` is not a certificate of that integration
    CertificateRevoked,
    CertificateExpired,
    BadSignature,
    AlgRs256,       ///< RS256 after NetSuite's 1 March 2025 cut-off
    AlgUnsupported, ///< anything outside PS256/384/512 and ES256/384/512
    BadTyp,
    BadAudience,
    LifetimeTooLong, ///< exp - iat > 3600
    AssertionExpired,
    IssuedInFuture,
    MissingClaim, ///< iat or exp missing or not a number
    BadScope,
    EntityOrRoleDisabled,
};

/** All reasons, in table order. */
[[nodiscard]] QList<TokenRejection> allTokenRejections();
/** Stable config key, e.g. "bad_signature". */
[[nodiscard]] QString rejectionKey(TokenRejection reason);
/** The Login Audit Trail Detail code recorded for @p reason (e.g. "InvalidSignature"). */
[[nodiscard]] QString detailCode(TokenRejection reason);
/** True when detailCode() is one Oracle lists; false for the emulator's own names. */
[[nodiscard]] bool isOracleDetailCode(TokenRejection reason);

/** One row of the token error table: HTTP status and the OAuth `error` value. */
struct TokenErrorResponse
{
    int status = 400;
    QString error; ///< invalid_request, invalid_client, invalid_grant, server_error, …

    friend bool operator==(const TokenErrorResponse &, const TokenErrorResponse &) = default;
};

/** Which audience the token endpoint expects. */
enum class AudienceMode {
    Account, ///< the real token URL of the emulated account (default: what clients send)
    Own,     ///< the emulator's own loopback token URL
    Custom,  ///< Settings::customAudience, verbatim
};

/** How REST answers when a role lacks a permission (facts §5: both are seen in the wild). */
enum class DenialStyle {
    Forbidden403, ///< 403 INSUFFICIENT_PERMISSION
    UserError400, ///< 400 USER_ERROR "Your current role does not have permission…"
};

/** What a request over the concurrency limit gets (facts §5 and §10 item 10). */
enum class ConcurrencyOver {
    TooManyRequests429, ///< third parties' claim
    InvalidLogin401,    ///< observed by a TBA user
    RestletStyle400,    ///< RESTlets' documented SSS_REQUEST_LIMIT_EXCEEDED
};

/**
 * Every behaviour of the emulator that NetSuite does not pin down, with the most likely
 * choice as default. helpTable() prints them; fromJson() reads a --config file (the same
 * names as toJson()). A default-constructed Settings is the documented default.
 */
struct Settings
{
    // --- network
    QString host = QStringLiteral("127.0.0.1"); ///< loopback only
    quint16 port = 0;                           ///< 0: pick a free port
    bool tls = false;
    /**
     * The origin written into response links and Location headers, as NetSuite writes its own
     * host there ("https://1234567-sb1.suitetalk.api.netsuite.com"). Empty: the emulator's own
     * base URL. Set it when every client routes the account's hosts here (the app's demo).
     */
    QString linkOrigin;

    // --- the account it plays
    QString account = QStringLiteral("1234567_SB1");
    AudienceMode audienceMode = AudienceMode::Account;
    QString customAudience; ///< with AudienceMode::Custom

    // --- token endpoint (facts §2, §4, §10 items 1–6)
    bool audienceCaseInsensitive = false;
    bool allowRs256 = false;       ///< pre-March-2025 behaviour
    bool errorDescription = false; ///< add error_description to token errors
    int clockSkewSeconds = 60;     ///< tolerance for iat in the future and exp in the past
    int maxAssertionLifetimeSeconds = 3600;
    int accessTokenLifetimeSeconds = 3600;
    bool expiresInAsString = true; ///< "3600" (string) vs 3600 (number)
    QString tokenType = QStringLiteral("Bearer");
    bool revokeTokensWithCertificate = true;
    QMap<TokenRejection, TokenErrorResponse> tokenErrors = defaultTokenErrors();

    // --- REST (facts §5, §9, §10 items 9–11)
    DenialStyle restPermissionDenial = DenialStyle::Forbidden403;
    DenialStyle workbookDenial = DenialStyle::UserError400;
    bool idempotencyOnSync = true;
    int idempotencyDuplicateStatus = 400; ///< Oracle's example reads "HTTP 400 Conflict"
    int concurrencyLimit = 15;            ///< account-wide requests in flight
    ConcurrencyOver concurrencyOver = ConcurrencyOver::TooManyRequests429;
    int concurrencyRetryAfter = -1;      ///< seconds; -1: no Retry-After (none documented)
    bool suiteQlRequireTransient = true; ///< refuse SuiteQL without `Prefer: transient`
    bool suiteQlValuesAsStrings = true;  ///< every value a JSON string, NULLs left out
    int suiteQlTimeoutMs = 5000;
    int suiteQlMaxResults = 100000;
    int asyncJobDelayMs = 0; ///< how long an async job stays "pending"

    // --- certificates (facts §3)
    int maxActiveCertificates = 5;
    int maxCertificateValidityDays = 730;

    // --- data
    bool seedDemoData = false;    ///< --demo: seed customers, contacts, items, sales orders
    bool demoIntegration = false; ///< --demo: generate a ready integration + key
    double demoScale = 1.0;       ///< multiplies the demo set (1.0 ≈ 2,500 customers)
    quint64 seed = 1;             ///< demo data and fault `rate` draws
    QString stateDir;             ///< empty: a temporary directory removed at exit
    QStringList faults;           ///< --fault specs applied at start

    [[nodiscard]] static QMap<TokenRejection, TokenErrorResponse> defaultTokenErrors();

    /** Reads @p object over this value (unknown keys are errors, to catch typos). */
    [[nodiscard]] Result<void> applyJson(const QJsonObject &object);
    [[nodiscard]] QJsonObject toJson() const;
    /** Checks ranges and the account ID. */
    [[nodiscard]] Result<void> validate() const;

    /** The settings table for --help: name, default, and why it is a setting. */
    [[nodiscard]] static QString helpTable();
    /** The token error table for --help. */
    [[nodiscard]] static QString tokenErrorHelp();
};

/** Parses "401 invalid_client" (the config form of a token error row). */
[[nodiscard]] Result<TokenErrorResponse> parseTokenErrorResponse(const QString &text);

} // namespace Sb::Emulator
