// SPDX-License-Identifier: MIT
// Key loading must never crash, hang or prompt on any input; a loaded key must describe itself.
#include "crypto/Keys.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    // Low KDF caps: the fuzzer must not be able to make one input take seconds.
    const Sb::Crypto::KdfCaps caps{2048, 14};
    const auto key = Sb::Crypto::PrivateKey::fromData(input, Sb::Crypto::SecureBytes("fuzz"), caps);
    if (key && key->info().typeName.isEmpty()) {
        std::abort();
    }
    const auto pub = Sb::Crypto::PublicKey::fromData(input);
    if (pub && pub->isNull()) {
        std::abort();
    }
    return 0;
}
