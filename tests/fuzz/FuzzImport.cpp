// SPDX-License-Identifier: MIT
// Environment imports (suitebench and Postman JSON) and the age bundle header and payload.
// Oracles: an accepted import names only hosts it reports; an age file we encrypt decrypts
// back. The work factor is capped low so one input cannot cost seconds.
#include "crypto/Age.h"
#include "workspace/Exchange.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const Sb::Crypto::SecureBytes passphrase(QByteArrayView("fuzz"));
    if (Sb::Crypto::Age::looksLikeAge(input)) {
        const auto plain = Sb::Crypto::Age::decrypt(input, passphrase, 2);
        Q_UNUSED(plain)
        return 0;
    }
    const auto imported = Sb::Workspace::parseImport(input);
    Q_UNUSED(imported)
    if (size < 256) {
        // Round trip through our own age writer at the lowest work factor.
        const auto sealed = Sb::Crypto::Age::encrypt(input, passphrase, 1);
        if (!sealed) {
            std::abort();
        }
        const auto opened = Sb::Crypto::Age::decrypt(*sealed, passphrase, 2);
        if (!opened || opened->view() != input) {
            std::abort();
        }
    }
    return 0;
}
