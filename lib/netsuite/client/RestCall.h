// SPDX-License-Identifier: MIT
#pragma once

#include "http/HttpCall.h"
#include "http/Request.h"
#include "http/ResponseRecord.h"
#include "netsuite/Diagnosis.h"
#include "netsuite/client/Guards.h"
#include "netsuite/client/RetryRules.h"
#include "netsuite/client/TokenProvider.h"

#include <QObject>
#include <QPointer>

#include <chrono>
#include <memory>
#include <optional>

namespace Sb::NetSuite {

class NetSuiteClient;

/** Who authorises a request. */
enum class RestAuth {
    EnvironmentToken, ///< the environment's M2M token (cache, exchange, one re-mint on 401)
    CallerBearer,     ///< RestRequest::callerToken as "Bearer <token>" (a pasted token)
    None,             ///< no Authorization header (to see what NetSuite says without one)
};

/** A REST web services, SuiteQL or RESTlet request as a value. */
struct RestRequest
{
    Http::Method method = Http::Method::Get;
    /** Absolute URL on the environment's target (NetSuiteClient::resolve builds one). */
    QUrl url;
    QList<Http::Header> headers; ///< Authorization is set by the client, never here
    RestAuth auth = RestAuth::EnvironmentToken;
    /** CallerBearer only: the token itself (a secret; never logged, redacted in cURL). */
    std::shared_ptr<const Crypto::SecureBytes> callerToken;
    QByteArray body;
    /**
     * For POST and PATCH: the X-NetSuite-Idempotency-Key. Empty: a fresh UUID per logical
     * write, kept across its retries and its re-mint. Ignored for other methods and for
     * readOnly requests.
     */
    QString idempotencyKey;
    bool async = false;    ///< Prefer: respond-async (202 + job Location)
    bool readOnly = false; ///< a POST that only reads (SuiteQL): safe to repeat, no key
    /** The caller accepts that its idempotency key protects a synchronous write, so a
     *  dropped connection may be retried with the same key (CLI --retry-unknown). */
    bool retryUnknownOutcome = false;
    /** Permission for this one write to production (beside ClientConfig's). */
    bool allowProductionWrite = false;
    std::optional<qint64> maxResponseBytes;            ///< default: the client's
    std::optional<std::chrono::milliseconds> deadline; ///< per attempt; default: the client's
};

/** How a RestCall ended. */
enum class RestStatus {
    Succeeded,      ///< a 2xx (or 3xx returned as such is NOT this; see Redirect in the record)
    HttpError,      ///< a complete answer with status >= 300 (diagnosis set)
    AlreadyApplied, ///< IDEMPOTENCY_ERROR: an earlier write with this key went through (location)
    OutcomeUnknown, ///< a write whose connection failed after sending; repeat with the same key
    NetworkError,   ///< no complete answer (diagnosis set)
    TokenFailed,    ///< no token (tokenError set)
    GuardRefused,   ///< a guard refused before anything was sent (guard set)
    InvalidRequest, ///< refused locally (bad URL or header)
    Cancelled,
};

/** A stable lower-case name ("succeeded", "outcome-unknown") for logs and JSON. */
[[nodiscard]] QString restStatusName(RestStatus status);

/** The outcome of one RestCall. URLs are the account's own, whatever --connect-to did. */
struct RestResult
{
    RestStatus status = RestStatus::Cancelled;
    /** The final attempt with its body (only when complete); attempts lists every attempt,
     *  including the one before a re-mint. */
    Http::ResponseRecord record;
    QString idempotencyKey; ///< the key sent with a write (empty otherwise)
    QUrl location;          ///< Location of a created record, an async job or the earlier write
    std::optional<Diagnosis> diagnosis;
    std::optional<TokenError> tokenError;
    std::optional<GuardRefusal> guard;
    int tokenExchanges = 0; ///< exchanges this call waited for (0: a cached token)
    bool reminted = false;  ///< a 401 made it re-mint once
    QString message;        ///< one line for people, no secrets

    [[nodiscard]] bool ok() const
    {
        return status == RestStatus::Succeeded || status == RestStatus::AlreadyApplied;
    }
};

/**
 * One request through a NetSuiteClient: guards → (production-write confirmation) → token →
 * HttpCall with NetSuite's retry rules → on 401 one re-mint and one retry → RestResult.
 *
 * Guarantees: finished() exactly once, from the event loop; cancel() works in every phase
 * (a write cancelled mid-transfer reports OutcomeUnknown); the access token and assertion
 * never appear in messages; every attempt of a write carries the same idempotency key.
 */
class RestCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestCall)

public:
    RestCall(NetSuiteClient &client, RestRequest request, QObject *parent = nullptr);
    ~RestCall() override;

    void start();
    void cancel();
    [[nodiscard]] bool isFinished() const { return m_finished; }
    [[nodiscard]] const RestResult &result() const { return m_result; }
    [[nodiscard]] const RestRequest &request() const { return m_request; }
    /** The key this call sends (after start() for an automatic one). */
    [[nodiscard]] QString idempotencyKey() const { return m_key; }

signals:
    /** Waiting for a token (a cached one arrives at once). */
    void tokenRequested();
    /** @p serial of the token used; @p fresh when it came from an exchange meanwhile. */
    void tokenReady(quint64 serial, bool fresh);
    /** A 401 came back: the token is dropped and minted once more. */
    void reminting();
    void attemptStarted(int attempt);
    void attemptFinished(const Sb::Http::AttemptRecord &record);
    void waiting(int attempt, std::chrono::milliseconds delay, const QString &reason);
    void finished(const Sb::NetSuite::RestResult &result);

private:
    void askToken();
    void onToken(const TokenResult &token);
    void send();
    void onHttpFinished(const Http::ResponseRecord &record);
    void finish(RestResult result);
    void finishRefused(const GuardRefusal &refusal);
    [[nodiscard]] RetrySubject subject() const;
    [[nodiscard]] Diagnosis diagnoseFailure(const Http::ResponseRecord &record) const;
    [[nodiscard]] Http::ResponseRecord shownRecord(Http::ResponseRecord record) const;

    NetSuiteClient &m_client;
    RestRequest m_request;
    QString m_key;
    TokenHandle m_token;
    int m_exchangesSeen = 0;
    bool m_freshToken = false;
    bool m_reminted = false;
    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_awaitingToken = false;
    QPointer<Http::HttpCall> m_http;
    QList<Http::AttemptRecord> m_earlierAttempts; ///< before a re-mint
    QByteArray m_attemptBody;                     ///< body of the current attempt (sink)
    int m_attemptOfBody = 0;
    RestResult m_result;
};

} // namespace Sb::NetSuite
