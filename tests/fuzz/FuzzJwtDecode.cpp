// SPDX-License-Identifier: MIT
// Oracle: a decoded JWS rebuilt from its decoded parts decodes to the same parts.
#include "jwt/Jwt.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto decoded = Sb::Jwt::decode(input);
    if (!decoded || decoded->isJwe) {
        return 0;
    }
    const QByteArray rebuilt = Sb::Jwt::base64UrlEncode(decoded->headerBytes) + '.'
                               + Sb::Jwt::base64UrlEncode(decoded->payloadBytes) + '.'
                               + Sb::Jwt::base64UrlEncode(decoded->signature);
    if (rebuilt != decoded->compact) {
        std::abort();
    }
    const auto again = Sb::Jwt::decode(rebuilt);
    if (!again || again->headerBytes != decoded->headerBytes
        || again->payloadBytes != decoded->payloadBytes || again->signature != decoded->signature) {
        std::abort();
    }
    return 0;
}
