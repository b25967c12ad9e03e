// SPDX-License-Identifier: MIT
// Retry-After: any header value gives nothing or a delay inside the clamp.
#include "core/Clock.h"
#include "http/RetryAfter.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Sb::Core::FakeClock clock;
    const Sb::Http::RetryAfterLimits limits;
    const auto delay = Sb::Http::parseRetryAfter(
        QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)), clock, limits);
    if (delay && (*delay < limits.min || *delay > limits.max)) {
        std::abort();
    }
    return 0;
}
