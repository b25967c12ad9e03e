// SPDX-License-Identifier: MIT
#include "http/Backoff.h"

#include "http/Tr.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace Sb::Http {

using std::chrono::milliseconds;

RandomSource systemRandom()
{
    return [] { return QRandomGenerator::global()->generateDouble(); };
}

milliseconds backoffDelay(const BackoffPolicy &policy, int failedAttempt,
                          const RandomSource &random)
{
    const qint64 cap = std::max<qint64>(policy.cap.count(), 0);
    const qint64 base = std::clamp<qint64>(policy.base.count(), 0, cap);
    // base * 2^(n-1), saturating at the cap (no shift overflow for any attempt number).
    qint64 delay = base;
    for (int i = 1; i < failedAttempt && delay < cap; ++i) {
        delay = std::min(delay * 2, cap);
    }
    double r = random ? random() : 0.0;
    if (!(r >= 0.0)) { // also catches NaN
        r = 0.0;
    }
    r = std::min(r, 1.0);
    switch (policy.jitter) {
    case Jitter::None:
        break;
    case Jitter::Full:
        delay = qint64(std::floor(r * double(delay)));
        break;
    case Jitter::Equal:
        delay = delay / 2 + qint64(std::floor(r * double(delay - delay / 2)));
        break;
    }
    return milliseconds{std::clamp<qint64>(delay, 0, cap)};
}

namespace {

QString describe(const AttemptRecord &last)
{
    if (last.error == ErrorKind::None) {
        return Tr::tr("HTTP %1").arg(last.status);
    }
    return errorKindName(last.error);
}

QString formatDelay(milliseconds delay)
{
    return delay.count() % 1000 == 0 ? Tr::tr("%1 s").arg(delay.count() / 1000)
                                     : Tr::tr("%1 ms").arg(delay.count());
}

} // namespace

RetryDecision planRetry(const BackoffPolicy &policy, int attempt, const AttemptRecord &last,
                        bool safeToRepeat, const Core::Clock &clock, const RandomSource &random)
{
    if (attempt >= policy.maxAttempts) {
        return RetryDecision::stop(Tr::tr("attempt limit (%1) reached").arg(policy.maxAttempts));
    }
    bool retryable = false;
    bool refusedUnprocessed = false;
    switch (last.error) {
    case ErrorKind::None:
        if (last.status == 429) {
            refusedUnprocessed = true;
            retryable = true;
        } else if (last.status == 502 || last.status == 503 || last.status == 504) {
            retryable = true;
        }
        break;
    case ErrorKind::Timeout:
    case ErrorKind::TransferTimeout:
    case ErrorKind::ConnectionRefused:
    case ErrorKind::RemoteClosed:
    case ErrorKind::Truncated:
        retryable = true;
        break;
    case ErrorKind::Cancelled:
    case ErrorKind::HostNotFound:
    case ErrorKind::Tls:
    case ErrorKind::TooLarge:
    case ErrorKind::Redirect:
    case ErrorKind::Decompression:
    case ErrorKind::InvalidRequest:
    case ErrorKind::Other:
        break;
    }
    if (!retryable) {
        return RetryDecision::stop(Tr::tr("%1 is not retried").arg(describe(last)));
    }
    // Repeating a write the server may have carried out could duplicate it; a 429 is a
    // refusal before processing (RFC 6585 §4), so it is the one exception.
    if (!safeToRepeat && !refusedUnprocessed) {
        return RetryDecision::stop(
            Tr::tr("%1: the request is not safe to repeat").arg(describe(last)));
    }
    if (last.error == ErrorKind::None) {
        if (const auto header = last.header("Retry-After")) {
            if (const auto delay = parseRetryAfter(*header, clock, policy.retryAfter)) {
                return {true, *delay,
                        Tr::tr("%1, Retry-After %2")
                            .arg(describe(last), QString::fromLatin1(header->left(64)))};
            }
        }
    }
    const milliseconds delay = backoffDelay(policy, attempt, random);
    return {true, delay, Tr::tr("%1, backing off %2").arg(describe(last), formatDelay(delay))};
}

ShouldRetry makeRetryPlanner(BackoffPolicy policy, bool safeToRepeat, const Core::Clock &clock,
                             RandomSource random)
{
    return [policy, safeToRepeat, &clock, random = std::move(random)](int attempt,
                                                                      const AttemptRecord &last) {
        return planRetry(policy, attempt, last, safeToRepeat, clock, random);
    };
}

} // namespace Sb::Http
