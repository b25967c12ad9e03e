// SPDX-License-Identifier: MIT
// Certificate parsing (PEM or DER) must never crash; a parsed certificate round-trips via DER.
#include "crypto/Certificate.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto cert = Sb::Crypto::Certificate::fromData(input);
    if (!cert) {
        return 0;
    }
    const auto info = cert->info();
    const auto again = Sb::Crypto::Certificate::fromData(cert->toDer());
    if (!again || again->info().sha256Fingerprint != info.sha256Fingerprint) {
        std::abort();
    }
    return 0;
}
