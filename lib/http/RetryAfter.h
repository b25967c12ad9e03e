// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"

#include <QByteArrayView>

#include <chrono>
#include <optional>

namespace Sb::Http {

/** The range a server-requested wait is clamped to (S10). */
struct RetryAfterLimits
{
    std::chrono::milliseconds min{std::chrono::seconds{1}};
    std::chrono::milliseconds max{std::chrono::seconds{300}};
};

/**
 * Parses a Retry-After value (RFC 9110 §10.2.3): delay-seconds (1*DIGIT) or an HTTP-date in
 * any of the three forms of RFC 9110 §5.6.7 - IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"),
 * obsolete RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT", two-digit years read as at most 50
 * years ahead of @p clock) and asctime ("Sun Nov  6 08:49:37 1994").
 *
 * - A date is measured against @p clock.
 * - The result is clamped to [limits.min, limits.max]: "0" and a date in the past give
 *   limits.min (never a hot retry loop), "99999999999" and a date in 2099 give limits.max.
 * - Invalid input returns std::nullopt, and the caller falls back to its own backoff:
 *   a sign ("-5", "+5"), a fraction, garbage, an impossible date (31 Feb, hour 25), a
 *   date not in GMT, an empty value.
 * Surrounding spaces and tabs are ignored. Never throws; pure.
 */
[[nodiscard]] std::optional<std::chrono::milliseconds>
parseRetryAfter(QByteArrayView value, const Core::Clock &clock, RetryAfterLimits limits = {});

} // namespace Sb::Http
