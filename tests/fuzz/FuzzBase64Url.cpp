// SPDX-License-Identifier: MIT
// Oracle: whatever strict decode accepts must re-encode to exactly the input (canonical form),
// and encode → decode must give back any byte string.
#include "jwt/Base64Url.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto decoded = Sb::Jwt::base64UrlDecode(input);
    if (decoded.problem == Sb::Jwt::Base64UrlProblem::None
        && Sb::Jwt::base64UrlEncode(decoded.bytes) != input) {
        std::abort();
    }
    const QByteArray encoded = Sb::Jwt::base64UrlEncode(input);
    const auto back = Sb::Jwt::base64UrlDecode(encoded);
    if (back.problem != Sb::Jwt::Base64UrlProblem::None || back.bytes != input) {
        std::abort();
    }
    return 0;
}
