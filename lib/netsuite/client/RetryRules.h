// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "http/Backoff.h"
#include "http/ErrorKind.h"
#include "http/Request.h"
#include "http/ResponseRecord.h"
#include "netsuite/Diagnosis.h"

#include <QByteArrayView>

namespace Sb::NetSuite {

/**
 * NetSuite's rules for repeating a request, on top of lib/http's generic planRetry().
 *
 * Safe to repeat whatever happened: GET, HEAD, OPTIONS, PUT and DELETE (idempotent by
 * RFC 9110 §9.2.2), a POST that only reads (SuiteQL), and an asynchronous write
 * (`Prefer: respond-async`) carrying an idempotency key - NetSuite answers a duplicate with
 * IDEMPOTENCY_ERROR and the first job's Location (facts §5). A synchronous POST or PATCH is
 * repeated only when the server certainly did not process it (see certainlyNotProcessed()).
 */
struct RetrySubject
{
    Http::Method method = Http::Method::Get;
    bool readOnly = false; ///< a POST that only reads (SuiteQL)
    bool async = false;    ///< sent with Prefer: respond-async
    bool hasIdempotencyKey = false;
    /** The caller accepted that its idempotency key protects a synchronous write
     *  (the CLI's --retry-unknown); NetSuite documents the key for async requests only. */
    bool keyProtectsSyncWrite = false;
};

/** True for the methods that change data: POST, PUT, PATCH, DELETE (guards use it). */
[[nodiscard]] bool isWriteMethod(Http::Method method);

/** See RetrySubject. */
[[nodiscard]] bool isSafeToRepeat(const RetrySubject &subject);

/**
 * True when a body names NetSuite's concurrency error SSS_REQUEST_LIMIT_EXCEEDED, in the REST
 * (o:errorDetails) or the RESTlet ({"error":{"code":…}}) shape (facts §5).
 */
[[nodiscard]] bool isConcurrencyLimitError(QByteArrayView body);

/**
 * The attempt was refused before any processing, so even a write may be sent again:
 * connection refused, HTTP 429, HTTP 503, or the concurrency error in any status.
 * @p body is that attempt's response body (may be empty).
 */
[[nodiscard]] bool certainlyNotProcessed(const Http::AttemptRecord &attempt, QByteArrayView body);

/**
 * The retry decision for one finished attempt: planRetry() with "safe to repeat" widened by
 * certainlyNotProcessed(), plus the concurrency error when it comes as a 400 (RESTlet style),
 * which planRetry() would not retry. A 401 is never retried here: the client re-mints the
 * token once itself. Pure apart from @p random.
 */
[[nodiscard]] Http::RetryDecision decideRetry(const Http::BackoffPolicy &policy, int attempt,
                                              const Http::AttemptRecord &last, QByteArrayView body,
                                              const RetrySubject &subject, const Core::Clock &clock,
                                              const Http::RandomSource &random);

/**
 * True when a write may or may not have been carried out: it is not safe to repeat and some
 * attempt ended after the request could have reached the server without a complete answer
 * (connection dropped, truncated body, timeout, cancelled mid-transfer).
 */
[[nodiscard]] bool isOutcomeUnknown(const RetrySubject &subject,
                                    const Http::ResponseRecord &record);

/** lib/http's transport outcome in Diagnosis's terms. */
[[nodiscard]] NetworkErrorKind toNetworkErrorKind(Http::ErrorKind kind);

/** Three retries after the first attempt, 500 ms base, 30 s cap, full jitter (S10). */
[[nodiscard]] Http::BackoffPolicy defaultBackoffPolicy();

} // namespace Sb::NetSuite
