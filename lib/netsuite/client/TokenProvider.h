// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "crypto/Keys.h"
#include "crypto/SecureBytes.h"
#include "http/HttpCall.h"
#include "netsuite/AssertionBuilder.h"
#include "netsuite/Diagnosis.h"
#include "netsuite/Target.h"
#include "netsuite/client/Guards.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace Sb::NetSuite {

/** The bounds of the in-memory token cache (S15). */
inline constexpr std::chrono::seconds minTokenLifetime{60};
inline constexpr std::chrono::seconds maxTokenLifetime{3600};

/**
 * How long a token with this `expires_in` is reused: clamped to [60 s, 3600 s], minus a
 * safety margin of a sixth (at most 60 s) so a token is never sent in its last moments.
 * Missing or unreadable values count as 60 s. Pure.
 */
[[nodiscard]] std::chrono::seconds cacheLifetimeFor(std::optional<qint64> expiresIn);

/** A validated token response. accessToken is the secret; nothing here is ever logged. */
struct TokenResponse
{
    Crypto::SecureBytes accessToken;
    QString tokenType;               ///< as the server wrote it ("Bearer", "bearer")
    std::optional<qint64> expiresIn; ///< as the server said, number or digit string
    std::chrono::seconds cacheLifetime{0};
    QStringList notes; ///< e.g. "expires_in missing: cached for 30 s"
};

struct TokenResponseError
{
    enum class Code { NotJson, MissingAccessToken, BadAccessToken, BadTokenType };
    Code code{};
    QString message; ///< never contains the response's values
};

/**
 * Validates a token endpoint's 200 body (S15, facts §4): a JSON object with a non-empty
 * access_token of visible ASCII (it becomes a header value), token_type "Bearer" in any
 * case, and expires_in as a number or a string of digits (anything else is clamped by
 * cacheLifetimeFor, never trusted). A parse error means a truncated or foreign body and is a
 * failure. Pure; the error message never quotes the body.
 */
[[nodiscard]] Core::Result<TokenResponse, TokenResponseError>
parseTokenResponse(QByteArrayView body);

/** An access token in the cache; immutable, shared by the calls that use it. */
class AccessToken final
{
public:
    AccessToken(Crypto::SecureBytes value, QString tokenType, std::optional<qint64> expiresIn,
                std::chrono::seconds cacheLifetime, QDateTime obtainedAt, quint64 serial);

    /** "Bearer <token>" for the Authorization header. A copy of the secret: keep it short-lived. */
    [[nodiscard]] QByteArray authorizationValue() const;
    /** The token itself (the CLI's `token` command prints it; nothing else should). */
    [[nodiscard]] QByteArray exposeForApi() const { return m_value.exposeForApi(); }
    [[nodiscard]] QString tokenType() const { return m_tokenType; }
    [[nodiscard]] std::optional<qint64> expiresIn() const { return m_expiresIn; }
    [[nodiscard]] std::chrono::seconds cacheLifetime() const { return m_cacheLifetime; }
    [[nodiscard]] QDateTime obtainedAt() const { return m_obtainedAt; }
    /** 1 for the first token of a provider, 2 for the next, … */
    [[nodiscard]] quint64 serial() const { return m_serial; }
    /** Milliseconds since it arrived (monotonic). */
    [[nodiscard]] qint64 ageMs() const { return m_age.elapsed(); }
    [[nodiscard]] bool usable() const { return !m_cacheDeadline.hasExpired(); }

private:
    Crypto::SecureBytes m_value;
    QString m_tokenType;
    std::optional<qint64> m_expiresIn;
    std::chrono::seconds m_cacheLifetime;
    QDateTime m_obtainedAt;
    quint64 m_serial;
    QElapsedTimer m_age;
    QDeadlineTimer m_cacheDeadline;
};

using TokenHandle = std::shared_ptr<const AccessToken>;

/** Why no token was obtained. */
struct TokenError
{
    enum class Code {
        Assertion,   ///< the assertion could not be built (key, IDs, algorithm)
        Guard,       ///< the token URL is not the environment's
        Network,     ///< no answer: DNS, TLS, refused, timeout, dropped
        Refused,     ///< the token endpoint answered with an error status
        BadResponse, ///< a 2xx whose body is not a usable token response
        Cancelled,
    };
    Code code{};
    QString message; ///< one line, no secrets
    std::optional<AssertionError::Code> assertionCode;
    std::optional<GuardRefusal> guard;
    /** For Network and Refused (and BadResponse): what to check. */
    std::optional<Diagnosis> diagnosis;
    /** The exchange as recorded; the body is dropped for 2xx answers. */
    Http::ResponseRecord record;
    /**
     * Refused only: the assertion the server refused, so an inspector can show it. It is
     * spent (single-use, minutes to live) but still a credential: never log or store it.
     */
    std::shared_ptr<const Crypto::SecureBytes> rejectedAssertion;
};

using TokenResult = Core::Result<TokenHandle, TokenError>;

/** Everything an environment needs to mint assertions and exchange them. */
struct TokenProviderConfig
{
    Target target;
    /** tokenUrl must be target.tokenUrlString(); the profile, IDs, scopes and lifetime. */
    AssertionRequest assertion;
    Crypto::PrivateKey key;
    Routing routing;
    /** The account the routed server plays (see ClientConfig::routedAccount). */
    std::optional<AccountId> routedAccount;
};

/**
 * The token side of the client, one per environment (style: a QObject worker that reports
 * through callbacks and signals).
 *
 * Guarantees:
 * - Every exchange mints a fresh assertion (a new jti for rfc7523); one is never reused.
 * - The form is grant_type=client_credentials, client_assertion_type=…:jwt-bearer,
 *   client_assertion (facts §4), POSTed with RequestLimits::tokenRequest() (20 s, 64 KiB).
 * - Concurrent acquire() calls share one exchange; a token is reused from memory until
 *   cacheLifetimeFor(expires_in) has passed. Nothing is written to disk.
 * - A failed exchange is reported to every waiter and never retried by the provider: the
 *   next acquire() starts a new exchange only when a caller asks again.
 * - The raw token response is never logged or kept (the record's body is cleansed).
 * - Callbacks run from the event loop, never from inside acquire().
 * Does not: retry on 401 (the client re-mints once through invalidate()), or refresh on a
 * timer.
 */
class TokenProvider final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenProvider)

public:
    using Callback = std::function<void(const TokenResult &)>;

    /** @p clock mints iat/exp; @p context's limiter makes the exchange count as a request
     *  in flight on the account. */
    TokenProvider(TokenProviderConfig config, Http::CallContext context, const Core::Clock &clock,
                  QObject *parent = nullptr);
    ~TokenProvider() override;

    /** Delivers a cached token or the result of the (shared) exchange to @p done, unless
     *  @p context died meanwhile. */
    void acquire(QObject *context, Callback done);
    /**
     * A REST call was refused with @p token: forget it if it is still the cached one, so the
     * next acquire() exchanges again. Returns true when it was dropped. A 401 with an older
     * token than the cached one changes nothing (another call already re-minted).
     */
    bool invalidate(const TokenHandle &token);
    /** Forgets the cached token. */
    void clear();
    /** Cancels a running exchange; its waiters get Code::Cancelled. */
    void cancel();

    /** The cached token if still usable, else null. */
    [[nodiscard]] TokenHandle cached() const;
    [[nodiscard]] bool exchangeRunning() const { return m_exchange != nullptr; }
    /** Exchanges started so far (each one a fresh assertion). */
    [[nodiscard]] int exchangeCount() const { return m_exchangeCount; }
    [[nodiscard]] const TokenProviderConfig &config() const { return m_config; }

signals:
    void exchangeStarted(int exchangeNumber);
    /** @p summary is one line without secrets ("issued, cached 3540 s" / the error). */
    void exchangeFinished(int exchangeNumber, bool ok, const QString &summary,
                          std::chrono::milliseconds took);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Callback done;
    };
    void startExchange();
    void onExchangeFinished(const Http::ResponseRecord &record);
    void finishAll(const TokenResult &result);
    [[nodiscard]] TokenError failure(TokenError::Code code, const QString &message,
                                     const Http::ResponseRecord &record,
                                     NetworkErrorKind network = NetworkErrorKind::None) const;

    TokenProviderConfig m_config;
    Http::CallContext m_context;
    const Core::Clock &m_clock;
    Http::HttpCall *m_exchange = nullptr;
    QByteArray m_assertion; ///< the one in flight, for the diagnosis; cleansed afterwards
    QElapsedTimer m_exchangeTimer;
    QList<Waiter> m_waiters;
    TokenHandle m_cached;
    quint64 m_serial = 0;
    int m_exchangeCount = 0;
    bool m_everSucceeded = false;
};

} // namespace Sb::NetSuite
