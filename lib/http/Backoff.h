// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "http/ResponseRecord.h"
#include "http/RetryAfter.h"

#include <QString>

#include <chrono>
#include <functional>

namespace Sb::Http {

/** A uniform random number in [0, 1). Injectable so tests get exact delays. */
using RandomSource = std::function<double()>;

/** QRandomGenerator::global() as a RandomSource. */
[[nodiscard]] RandomSource systemRandom();

/** How much of the exponential delay is randomised (AWS Architecture Blog, "Exponential
 *  Backoff And Jitter", 2015). Jitter spreads a 429 storm instead of re-synchronising it. */
enum class Jitter {
    None,  ///< exactly min(cap, base * 2^(n-1))
    Full,  ///< uniform in [0, d]
    Equal, ///< d/2 + uniform in [0, d/2]
};

/** Exponential backoff with jitter, bounded in attempts and delay. A plain value. */
struct BackoffPolicy
{
    std::chrono::milliseconds base{std::chrono::milliseconds{500}};
    std::chrono::milliseconds cap{std::chrono::seconds{30}};
    /** Attempts in total, including the first; 1 means "never retry". */
    int maxAttempts = 3;
    Jitter jitter = Jitter::Full;
    /** The clamp for a server's Retry-After (S10). */
    RetryAfterLimits retryAfter;
};

/** The delay before attempt @p failedAttempt + 1 (failedAttempt is 1-based). Pure. */
[[nodiscard]] std::chrono::milliseconds backoffDelay(const BackoffPolicy &policy, int failedAttempt,
                                                     const RandomSource &random);

/** Retry after `delay`, or stop. */
struct RetryDecision
{
    bool retry = false;
    std::chrono::milliseconds delay{0};
    QString reason; ///< shown with the countdown, e.g. "HTTP 429, Retry-After 5 s"

    [[nodiscard]] static RetryDecision stop(QString why = {})
    {
        return {false, std::chrono::milliseconds{0}, std::move(why)};
    }
};

/**
 * The retry mechanism's default rules. Whether a request is *safe to repeat* is the
 * caller's judgement (lib/netsuite decides it from the method and idempotency keys); this
 * function only combines it with what happened:
 *
 * - stop after policy.maxAttempts attempts;
 * - never retry Cancelled, Tls, HostNotFound (S14: no retry storm), TooLarge, Redirect,
 *   Decompression, InvalidRequest, or any status other than those below;
 * - 429: retry even when not safe to repeat - the server refused the request without
 *   processing it (RFC 6585 §4) - honouring Retry-After if present and valid;
 * - 502, 503, 504: retry only when safe to repeat, honouring Retry-After;
 * - ConnectionRefused, RemoteClosed, Truncated, Timeout, TransferTimeout: retry only when
 *   safe to repeat (the server may have acted on the request).
 * The delay is the clamped Retry-After when present and valid, else backoffDelay().
 */
[[nodiscard]] RetryDecision planRetry(const BackoffPolicy &policy, int attempt,
                                      const AttemptRecord &last, bool safeToRepeat,
                                      const Core::Clock &clock, const RandomSource &random);

/** What HttpCall asks after each attempt. `attempt` is the 1-based attempt just finished. */
using ShouldRetry = std::function<RetryDecision(int attempt, const AttemptRecord &last)>;

/**
 * planRetry() bound to its inputs, ready for RetryPolicy::shouldRetry. @p clock must outlive
 * every call that uses the result.
 */
[[nodiscard]] ShouldRetry makeRetryPlanner(BackoffPolicy policy, bool safeToRepeat,
                                           const Core::Clock &clock,
                                           RandomSource random = systemRandom());

} // namespace Sb::Http
