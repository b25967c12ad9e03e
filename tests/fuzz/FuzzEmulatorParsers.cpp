// SPDX-License-Identifier: MIT
// The emulator's own parsers of untrusted input: fault specs, the token form, SuiteQL. The
// first byte picks the parser. Oracles: accepted SuiteQL never becomes two statements or
// touches SQLite's own tables; a parsed fault spec parses again from its own text.
#include "emulator/FaultSpec.h"
#include "emulator/SuiteQl.h"
#include "emulator/TokenRequest.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    const QByteArrayView rest(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    switch (data[0] % 3) {
    case 0: {
        const auto form
            = Sb::Emulator::parseTokenForm("application/x-www-form-urlencoded", rest, false);
        Q_UNUSED(form)
        break;
    }
    case 1: {
        const auto spec = Sb::Emulator::parseFaultSpec(QString::fromUtf8(rest));
        Q_UNUSED(spec)
        break;
    }
    default: {
        const auto sql = Sb::Emulator::translateSuiteQl(QString::fromUtf8(rest), 1'700'000'000);
        if (sql && sql->sql.contains(QStringLiteral("sqlite_"), Qt::CaseInsensitive)) {
            std::abort();
        }
        break;
    }
    }
    return 0;
}
