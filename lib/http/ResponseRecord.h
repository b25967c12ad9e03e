// SPDX-License-Identifier: MIT
#pragma once

#include "http/ErrorKind.h"
#include "http/Request.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

namespace Sb::Http {

/**
 * When an attempt passed each stage. `queuedAt` is wall-clock UTC (from the injected
 * Core::Clock); the offsets are monotonic (QElapsedTimer) and measured from `queuedAt`, so
 * they are immune to clock changes. A stage that never happened is std::nullopt.
 */
struct Timings
{
    QDateTime queuedAt;
    std::chrono::milliseconds started{0};          ///< handed to Qt (after the limiter's queue)
    std::optional<std::chrono::milliseconds> sent; ///< request fully written (requestSent)
    std::optional<std::chrono::milliseconds> firstByte; ///< response headers arrived
    std::chrono::milliseconds done{0};                  ///< finished, whatever the outcome
};

/**
 * Everything known about one attempt except its body. ResponseRecord::attempts keeps one
 * per attempt for the history and the timeline.
 */
struct AttemptRecord
{
    int attempt = 1;               ///< 1-based
    QUrl url;                      ///< the URL last requested (after same-origin hops)
    QList<QUrl> redirectsFollowed; ///< same-origin hops, in order
    int status = 0;                ///< 0 when no status line arrived
    QByteArray reasonPhrase;
    QList<Header> headers; ///< response headers as received
    ErrorKind error = ErrorKind::None;
    QString errorMessage;  ///< empty for None; never contains request secrets
    QStringList tlsErrors; ///< for ErrorKind::Tls: QSslError texts
    QUrl location;         ///< for ErrorKind::Redirect: the resolved Location
    Timings timings;
    qint64 requestBytes = 0;  ///< request body bytes
    qint64 responseBytes = 0; ///< response body bytes received (decompressed)
    bool http2 = false;
    std::optional<std::chrono::milliseconds> retryDelay; ///< waited before the next attempt
    QString retryReason;                                 ///< why that next attempt was made

    [[nodiscard]] bool ok() const { return error == ErrorKind::None; }
    /** ok() and a 2xx status. */
    [[nodiscard]] bool succeeded() const { return ok() && status >= 200 && status < 300; }
    [[nodiscard]] std::optional<QByteArray> header(QByteArrayView name) const
    {
        return findHeader(headers, name);
    }
};

/**
 * The outcome of a whole call: the last attempt's record plus its body, and every attempt.
 *
 * Guarantee: `body` is filled only when error == None. After any failure (a truncated body
 * with status 200, a size cap, a timeout) the bytes that did arrive are in `partialBody`,
 * so code that forgets to look at `error` still never parses half a response (S8).
 * With a BodySink the body goes to the sink instead and both stay empty.
 */
struct ResponseRecord : AttemptRecord
{
    QByteArray body;
    QByteArray partialBody;
    QList<AttemptRecord> attempts;

    [[nodiscard]] int attemptCount() const { return int(attempts.size()); }
};

} // namespace Sb::Http
