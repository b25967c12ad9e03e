// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "netsuite/Finding.h"
#include "netsuite/Inspector.h"
#include "netsuite/Target.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QLatin1String>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sb::NetSuite {

/** Which request failed. */
enum class FailurePhase {
    TokenExchange, ///< POST …/auth/oauth2/v1/token with the client assertion
    RestCall,      ///< REST web services or SuiteQL with the access token
    RestletCall,   ///< a RESTlet with the access token
};

/**
 * Transport failures, in lib/netsuite's own terms so this part needs no Qt Network types.
 * The HTTP layer maps QNetworkReply errors onto these.
 */
enum class NetworkErrorKind { None, HostNotFound, Tls, Timeout, ConnectionRefused, Other };

/** Everything known about one failed exchange or call. Only phase is required. */
struct FailureInput
{
    FailurePhase phase = FailurePhase::TokenExchange;
    int httpStatus = 0;         ///< 0 when no HTTP response arrived
    QByteArray body;            ///< response body; only the first 256 KiB are parsed
    QByteArray wwwAuthenticate; ///< the WWW-Authenticate header value, if any
    NetworkErrorKind networkError = NetworkErrorKind::None;
    QString networkErrorText; ///< the transport's own words (shown escaped)
    /** The access token used was obtained moments ago (REST calls). */
    bool tokenFreshlyMinted = false;
    /** Requests in flight on this account when it failed (this one included). */
    int requestsInFlight = 0;
    /** The account's concurrency limit when known (Setup > Integration > Integration Governance).
     */
    int concurrencyLimit = 0;
    /** A token was issued with these credentials on this target before. */
    bool previouslySucceeded = false;
    std::optional<Target> target;
    /** The rejected client assertion (token exchange), inspected with context. */
    std::optional<QByteArray> assertion;
    std::optional<InspectionContext> context;
    /** The response's Date header, to measure clock skew against NetSuite. */
    std::optional<QDateTime> serverDate;
};

/** What the body and WWW-Authenticate said, parsed defensively (untrusted, size-capped). */
struct ServerError
{
    QString oauthError;       ///< {"error":"invalid_client"}
    QString oauthDescription; ///< error_description, if any (undocumented for NetSuite)
    QString restErrorCode;    ///< o:errorDetails[0]["o:errorCode"]
    QString restDetail;       ///< o:errorDetails[0].detail
    QString restTitle;        ///< title
    QString restletCode;      ///< {"error":{"code":…}}
    QString restletMessage;
    QString authScheme;  ///< "Basic" / "Bearer"
    QString realm;       ///< the account ID NetSuite answered for
    QString bearerError; ///< error="invalid_token"
    QString bearerDescription;
    /** The most specific code found, in the order above (for titles and logs). */
    [[nodiscard]] QString primaryCode() const;
};

/** Parses a NetSuite error body (OAuth, REST o:errorDetails, RESTlet) and WWW-Authenticate. */
[[nodiscard]] ServerError parseServerError(const QByteArray &body,
                                           const QByteArray &wwwAuthenticate);

/** Stable diagnosis ids. AN INTERFACE like the finding codes: never rename, only add. */
namespace DiagnosisId {
inline constexpr QLatin1String NetworkHostNotFound{"network.host_not_found"};
inline constexpr QLatin1String NetworkTls{"network.tls"};
inline constexpr QLatin1String NetworkTimeout{"network.timeout"};
inline constexpr QLatin1String NetworkConnectionRefused{"network.connection_refused"};
inline constexpr QLatin1String NetworkOther{"network.other"};
inline constexpr QLatin1String TokenInvalidClient{"token.invalid_client"};
inline constexpr QLatin1String TokenMappingClearedByRefresh{"token.mapping_cleared_by_refresh"};
inline constexpr QLatin1String TokenInvalidGrant{"token.invalid_grant"};
inline constexpr QLatin1String TokenInvalidRequest{"token.invalid_request"};
inline constexpr QLatin1String TokenServerError{"token.server_error"};
inline constexpr QLatin1String TokenOtherError{"token.other_error"};
inline constexpr QLatin1String RestInvalidLogin{"rest.invalid_login"};
inline constexpr QLatin1String RestInvalidLoginConcurrency{"rest.invalid_login_concurrency"};
inline constexpr QLatin1String RestInsufficientPermission{"rest.insufficient_permission"};
inline constexpr QLatin1String RestPermissionDenied400{"rest.permission_denied_400"};
inline constexpr QLatin1String RestUserError{"rest.user_error"};
inline constexpr QLatin1String RestInvalidRequest{"rest.invalid_request"};
inline constexpr QLatin1String RestNotFound{"rest.not_found"};
inline constexpr QLatin1String RestIdempotencyConflict{"rest.idempotency_conflict"};
inline constexpr QLatin1String RestServerError{"rest.server_error"};
inline constexpr QLatin1String ConcurrencyLimitExceeded{"concurrency.limit_exceeded"};
inline constexpr QLatin1String HttpUnexpected{"http.unexpected"};

/** Every id above, in this order. */
[[nodiscard]] QList<QLatin1String> all();
} // namespace DiagnosisId

/**
 * A diagnosis: a title, the likely causes with the most likely first, what to check, where
 * in NetSuite to look (Login Audit Trail path and the Detail codes to look for), and, when a
 * rejected assertion was given, the inspector's findings about it with errors first (their
 * messages also lead the causes). Plain text; server text is escaped.
 */
struct Diagnosis
{
    QString id;
    QString title;
    QStringList causes;
    QStringList checks;
    QStringList whereToLook;
    QStringList auditTrailDetails;
    QList<Finding> assertionFindings;
    ServerError server;
    int httpStatus = 0;

    /** {"id","title","http_status","server":{…},"causes":[…],"checks":[…],"where_to_look":[…],
     *   "audit_trail_details":[…],"assertion_findings":[…]} */
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] QString toText() const;
};

/**
 * Maps a failed exchange or call to a diagnosis. Pure: no network, no files; @p clock is
 * used for the assertion inspection and the Date-header skew. It lists every cause the
 * facts sheet allows, not only the one the emulator produces, because NetSuite's answers
 * are deliberately generic (facts §4: "the real reason is in the Detail column").
 */
[[nodiscard]] Diagnosis diagnose(const FailureInput &input, const Core::Clock &clock);

/** "Setup > Users/Roles > User Management > View Login Audit Trail" (facts §4). */
[[nodiscard]] QString loginAuditTrailPath();

} // namespace Sb::NetSuite
