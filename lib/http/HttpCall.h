// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "http/Backoff.h"
#include "http/ConcurrencyLimiter.h"
#include "http/Request.h"
#include "http/ResponseRecord.h"
#include "http/Transport.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <memory>

namespace Sb::Http {

class Transfer;

/** Retries: at most maxAttempts attempts, each after shouldRetry() said so. */
struct RetryPolicy
{
    /** Hard cap on attempts including the first, whatever shouldRetry says; clamped to
     *  [1, 10]. */
    int maxAttempts = 1;
    /** Asked after every attempt but the last allowed one; empty: never retry. */
    ShouldRetry shouldRetry;

    [[nodiscard]] static RetryPolicy none() { return {}; }
    /** makeRetryPlanner(backoff, safeToRepeat, clock) with maxAttempts = backoff.maxAttempts. */
    [[nodiscard]] static RetryPolicy planned(const BackoffPolicy &backoff, bool safeToRepeat,
                                             const Core::Clock &clock,
                                             RandomSource random = systemRandom());
};

/** Where and under which limits an HttpCall runs. */
struct CallContext
{
    explicit CallContext(Transport onTransport)
        : transport(std::move(onTransport))
    {}

    Transport transport;
    /** Optional: every attempt holds a slot of `limiterKey` while in flight (not while
     *  waiting to retry). Must outlive the call. */
    ConcurrencyLimiter *limiter = nullptr;
    QString limiterKey;
    /** Wall clock for Timings::queuedAt; nullptr: the system clock. Must outlive the call. */
    const Core::Clock *clock = nullptr;
};

/**
 * Runs one Request to completion: attempts, waits between them, redirects per the
 * request's RedirectMode, deadline, size cap. Single use: start() once.
 *
 * Guarantees:
 * - finished() is emitted exactly once, always from the event loop (never from inside
 *   start() or cancel()), with the complete record; there is no separate error signal.
 * - waiting() is emitted before every wait, with the 1-based number of the attempt that
 *   just ended, the delay and a reason, so a GUI can show a countdown.
 * - cancel() works while queued, during a transfer and during a wait: the record says
 *   ErrorKind::Cancelled (never a timeout kind) and no further attempt starts.
 * - Destroying the call aborts its transfer and releases its limiter slot; finished() is
 *   then not emitted.
 * - RequestLimits::deadline bounds each attempt (including time queued inside Qt behind
 *   its 6 connections per host); the whole call is bounded by maxAttempts x (deadline +
 *   the largest wait the policy allows).
 * Does not: decide which requests are safe to repeat (the caller's RetryPolicy does),
 * re-authenticate on a 401, follow cross-origin redirects, ignore TLS errors, or store
 * cookies. Lives in the thread of its manager (like QNetworkReply).
 */
class HttpCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpCall)

public:
    HttpCall(CallContext context, Request request, RetryPolicy policy = RetryPolicy::none(),
             QObject *parent = nullptr);
    ~HttpCall() override;

    /** Starts the first attempt (through the limiter, if any). Does nothing the second time. */
    void start();
    /** Stops whatever is happening; see the class comment. Does nothing once finished. */
    void cancel();

    [[nodiscard]] bool isFinished() const { return m_finished; }
    /** The final record; meaningful once isFinished(). */
    [[nodiscard]] const ResponseRecord &result() const { return m_result; }
    [[nodiscard]] const Request &request() const { return m_request; }

signals:
    /** An attempt is about to be handed to Qt (after any limiter queue). */
    void attemptStarted(int attempt);
    /** An attempt ended (before any retry decision). */
    void attemptFinished(const Sb::Http::AttemptRecord &record);
    /** Waiting @p delay before the next attempt; @p attempt is the one that just ended. */
    void waiting(int attempt, std::chrono::milliseconds delay, const QString &reason);
    void finished(const Sb::Http::ResponseRecord &record);

private:
    void queueAttempt();
    void runAttempt();
    void onTransferFinished();
    void onWaitOver();
    void finish(ResponseRecord record);
    void releaseSlot();
    [[nodiscard]] ResponseRecord cancelledRecord() const;

    CallContext m_context;
    Request m_request;
    RetryPolicy m_policy;
    const Core::Clock *m_clock;

    enum class Phase { Idle, Queued, Transferring, Deciding, Waiting, Done };
    Phase m_phase = Phase::Idle;
    int m_attempt = 0;
    ConcurrencyLimiter::Ticket m_ticket = 0;
    QElapsedTimer m_queuedMonotonic;
    QDateTime m_queuedAt;
    std::unique_ptr<Transfer> m_transfer;
    QTimer m_waitTimer;
    QList<AttemptRecord> m_attempts;
    ResponseRecord m_last;
    ResponseRecord m_result;
    bool m_finished = false;
    bool m_cancelRequested = false;
};

} // namespace Sb::Http
