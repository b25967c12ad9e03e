// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "crypto/Keys.h"
#include "http/Backoff.h"
#include "http/ConcurrencyLimiter.h"
#include "http/Transport.h"
#include "netsuite/AssertionBuilder.h"
#include "netsuite/Target.h"
#include "netsuite/client/Guards.h"
#include "netsuite/client/RestCall.h"
#include "netsuite/client/TokenProvider.h"

#include <QObject>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>

namespace Sb::NetSuite {

/** What a production write asks the user (GUI: a confirmation dialog). */
struct WriteConfirmation
{
    Http::Method method = Http::Method::Post;
    QUrl url;            ///< the account URL, as shown everywhere
    QString accountText; ///< "Production account 1234567"
    QString message;     ///< one sentence for the dialog
};

/**
 * Asked before a write to a production account when permission was not given up front.
 * Answer once through @p reply (true: send it), from any later point of the event loop.
 */
using ConfirmWrite = std::function<void(const WriteConfirmation &question,
                                        std::function<void(bool allowed)> reply)>;

/** One environment's client settings. Defaults are NetSuite's safest choices. */
struct ClientConfig
{
    Target target;
    AssertionRequest assertion; ///< tokenUrl is filled from target
    Crypto::PrivateKey key;
    /** "--connect-to": an origin that receives the account's traffic (empty: none). */
    QString connectTo;
    /**
     * The account the server at connectTo really plays (the emulator's), when known. A
     * refused assertion is judged against it, so a mistyped account shows as the `aud` trap.
     */
    std::optional<AccountId> routedAccount;
    /**
     * Requests in flight per account (facts §5: shared by web services and RESTlets; 5 is
     * the smallest tier). Clamped to [1, 6]: Qt opens at most 6 connections per host and
     * queues the rest inside itself, with their deadlines already running.
     */
    int concurrencyLimit = 5;
    Http::BackoffPolicy backoff = defaultBackoffPolicy();
    /** Response body cap for REST calls (S4); token responses keep lib/http's 64 KiB. */
    qint64 maxResponseBytes = 256LL * 1024 * 1024;
    std::chrono::milliseconds deadline{std::chrono::seconds{60}};
    std::chrono::milliseconds transferTimeout{std::chrono::seconds{30}};
    /** Writes to production go out without asking (CLI --allow-production-writes). */
    bool allowProductionWrites = false;
    /** Otherwise they are asked here; without it they are refused. */
    ConfirmWrite confirmProductionWrite;
    Http::RandomSource random; ///< empty: the system's
};

/**
 * The NetSuite client of one environment: token provider (cache, one shared exchange,
 * re-mint once on 401), guards (own target only, production writes), idempotency keys on
 * POST/PATCH, NetSuite's retry rules, the per-account concurrency limit, --connect-to
 * routing and response caps. Requests are values (RestRequest); each runs as a RestCall
 * that reports once through finished().
 *
 * It does not own the QNetworkAccessManager (the Transport's owner keeps one per
 * environment, see Http::Transport), and does not store anything on disk.
 */
class NetSuiteClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetSuiteClient)

public:
    /**
     * @p clock mints assertion times (nullptr: the system clock; must outlive the client).
     * @p sharedLimiter lets several environments of one account share its limit
     * (nullptr: the client owns one).
     */
    NetSuiteClient(ClientConfig config, Http::Transport transport, QObject *parent = nullptr,
                   const Core::Clock *clock = nullptr,
                   Http::ConcurrencyLimiter *sharedLimiter = nullptr);
    ~NetSuiteClient() override;

    [[nodiscard]] const ClientConfig &config() const { return m_config; }
    [[nodiscard]] const Target &target() const { return m_config.target; }
    [[nodiscard]] const Routing &routing() const { return m_routing; }
    [[nodiscard]] TokenProvider &tokens() { return *m_tokens; }
    [[nodiscard]] Http::ConcurrencyLimiter &limiter() { return *m_limiter; }
    [[nodiscard]] QString limiterKey() const { return m_limiterKey; }
    [[nodiscard]] int concurrencyLimit() const { return m_limit; }
    [[nodiscard]] const Core::Clock &clock() const { return *m_clock; }
    /** Settings that were adjusted (a clamped concurrency limit), for the user. */
    [[nodiscard]] QStringList warnings() const { return m_warnings; }

    /**
     * A URL on this target from an absolute URL, an absolute path ("/services/rest/…") or a
     * path below /services/rest ("record/v1/customer/1", "query/v1/suiteql"), resolved
     * against the target's origin (the account's SuiteTalk host, or the custom origin).
     * An absolute URL is returned as given; the guards judge it when it is sent.
     */
    [[nodiscard]] QUrl resolve(const QString &pathOrUrl) const;

    /** A SuiteQL page request: POST …/query/v1/suiteql?limit&offset, Prefer: transient. */
    [[nodiscard]] RestRequest suiteQlRequest(const QString &query, int limit, qint64 offset) const;

    /** Creates a call for @p request (not started; connect, then start()). Its parent is
     *  @p parent or the client; it must not outlive the client. */
    [[nodiscard]] RestCall *newCall(RestRequest request, QObject *parent = nullptr);

    /** The Http::Request a call would send (physical URL, headers incl. a placeholder
     *  Authorization), for "Copy as cURL". */
    [[nodiscard]] Http::Request wireRequest(const RestRequest &request,
                                            const TokenHandle &token = {}) const;
    /** Copy as cURL (lib/http toCurl): redacted unless @p revealSecrets. */
    [[nodiscard]] QString toCurl(const RestRequest &request, bool revealSecrets = false) const;

private:
    friend class RestCall;

    ClientConfig m_config;
    Http::Transport m_transport;
    const Core::Clock *m_clock;
    Routing m_routing;
    std::unique_ptr<Http::ConcurrencyLimiter> m_ownLimiter;
    Http::ConcurrencyLimiter *m_limiter;
    QString m_limiterKey;
    int m_limit = 5;
    QStringList m_warnings;
    TokenProvider *m_tokens = nullptr;
};

} // namespace Sb::NetSuite
