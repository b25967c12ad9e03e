// SPDX-License-Identifier: MIT
#include "netsuite/client/RetryRules.h"

#include "netsuite/Tr.h"

namespace Sb::NetSuite {

namespace {

constexpr QLatin1String concurrencyCode{"SSS_REQUEST_LIMIT_EXCEEDED"};

} // namespace

bool isWriteMethod(Http::Method method)
{
    switch (method) {
    case Http::Method::Post:
    case Http::Method::Put:
    case Http::Method::Patch:
    case Http::Method::Delete:
        return true;
    case Http::Method::Get:
    case Http::Method::Head:
    case Http::Method::Options:
        return false;
    }
    return true;
}

bool isSafeToRepeat(const RetrySubject &subject)
{
    switch (subject.method) {
    case Http::Method::Get:
    case Http::Method::Head:
    case Http::Method::Options:
    case Http::Method::Put:
    case Http::Method::Delete:
        return true;
    case Http::Method::Post:
    case Http::Method::Patch:
        break;
    }
    if (subject.readOnly) {
        return true;
    }
    // NetSuite documents the idempotency key for asynchronous requests: a duplicate gets the
    // first job's Location instead of a second job (facts §5). For synchronous writes its
    // effect is undocumented (facts §10 item 9), so only the caller can accept that risk.
    return subject.hasIdempotencyKey && (subject.async || subject.keyProtectsSyncWrite);
}

bool isConcurrencyLimitError(QByteArrayView body)
{
    if (body.isEmpty() || !body.contains(QByteArrayView("SSS_REQUEST_LIMIT_EXCEEDED"))) {
        return false;
    }
    const ServerError error = parseServerError(body.toByteArray(), {});
    return error.restErrorCode == concurrencyCode || error.restletCode == concurrencyCode
           || error.oauthError == concurrencyCode;
}

bool certainlyNotProcessed(const Http::AttemptRecord &attempt, QByteArrayView body)
{
    if (attempt.error == Http::ErrorKind::ConnectionRefused) {
        return true; // nothing listened: the request never reached a server
    }
    if (attempt.error != Http::ErrorKind::None) {
        return false;
    }
    // 429 is a refusal before processing (RFC 6585 §4); NetSuite's 503 and its concurrency
    // error are answered at the front door, before the request runs (facts §5).
    return attempt.status == 429 || attempt.status == 503 || isConcurrencyLimitError(body);
}

Http::RetryDecision decideRetry(const Http::BackoffPolicy &policy, int attempt,
                                const Http::AttemptRecord &last, QByteArrayView body,
                                const RetrySubject &subject, const Core::Clock &clock,
                                const Http::RandomSource &random)
{
    if (last.error == Http::ErrorKind::None && last.status == 401) {
        return Http::RetryDecision::stop(
            Tr::tr("HTTP 401: the client re-mints the token once instead"));
    }
    const bool unprocessed = certainlyNotProcessed(last, body);
    const bool safe = isSafeToRepeat(subject) || unprocessed;
    const bool concurrency400 = last.error == Http::ErrorKind::None && last.status != 429
                                && last.status != 503 && last.status >= 400 && unprocessed;
    if (!concurrency400) {
        return Http::planRetry(policy, attempt, last, safe, clock, random);
    }
    if (attempt >= policy.maxAttempts) {
        return Http::RetryDecision::stop(
            Tr::tr("attempt limit (%1) reached").arg(policy.maxAttempts));
    }
    if (const auto header = last.header("Retry-After")) {
        if (const auto delay = Http::parseRetryAfter(*header, clock, policy.retryAfter)) {
            return {true, *delay,
                    Tr::tr("HTTP %1 %2, Retry-After %3")
                        .arg(QString::number(last.status), concurrencyCode,
                             QString::fromLatin1(header->left(64)))};
        }
    }
    const std::chrono::milliseconds delay = Http::backoffDelay(policy, attempt, random);
    return {
        true, delay,
        Tr::tr("HTTP %1 %2, backing off %3 ms")
            .arg(QString::number(last.status), concurrencyCode, QString::number(delay.count()))};
}

bool isOutcomeUnknown(const RetrySubject &subject, const Http::ResponseRecord &record)
{
    if (!isWriteMethod(subject.method) || isSafeToRepeat(subject)) {
        return false;
    }
    QList<Http::AttemptRecord> attempts = record.attempts;
    if (attempts.isEmpty() && record.attempt > 0) {
        attempts.append(record);
    }
    for (const Http::AttemptRecord &a : std::as_const(attempts)) {
        switch (a.error) {
        case Http::ErrorKind::RemoteClosed:
        case Http::ErrorKind::Truncated:
        case Http::ErrorKind::Timeout:
        case Http::ErrorKind::TransferTimeout:
        case Http::ErrorKind::TooLarge:
        case Http::ErrorKind::Decompression:
        case Http::ErrorKind::Other:
            return true;
        case Http::ErrorKind::Cancelled:
            // Cancelled mid-transfer: the request may have been written already.
            if (a.timings.sent || a.timings.firstByte) {
                return true;
            }
            break;
        case Http::ErrorKind::None:
        case Http::ErrorKind::ConnectionRefused:
        case Http::ErrorKind::HostNotFound:
        case Http::ErrorKind::Tls:
        case Http::ErrorKind::Redirect:
        case Http::ErrorKind::InvalidRequest:
            break;
        }
    }
    return false;
}

NetworkErrorKind toNetworkErrorKind(Http::ErrorKind kind)
{
    switch (kind) {
    case Http::ErrorKind::None:
        return NetworkErrorKind::None;
    case Http::ErrorKind::HostNotFound:
        return NetworkErrorKind::HostNotFound;
    case Http::ErrorKind::Tls:
        return NetworkErrorKind::Tls;
    case Http::ErrorKind::Timeout:
    case Http::ErrorKind::TransferTimeout:
        return NetworkErrorKind::Timeout;
    case Http::ErrorKind::ConnectionRefused:
        return NetworkErrorKind::ConnectionRefused;
    case Http::ErrorKind::Cancelled:
    case Http::ErrorKind::RemoteClosed:
    case Http::ErrorKind::Truncated:
    case Http::ErrorKind::TooLarge:
    case Http::ErrorKind::Redirect:
    case Http::ErrorKind::Decompression:
    case Http::ErrorKind::InvalidRequest:
    case Http::ErrorKind::Other:
        return NetworkErrorKind::Other;
    }
    return NetworkErrorKind::Other;
}

Http::BackoffPolicy defaultBackoffPolicy()
{
    Http::BackoffPolicy policy;
    policy.base = std::chrono::milliseconds{500};
    policy.cap = std::chrono::seconds{30};
    policy.maxAttempts = 4;
    policy.jitter = Http::Jitter::Full;
    return policy;
}

} // namespace Sb::NetSuite
