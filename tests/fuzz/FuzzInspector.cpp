// SPDX-License-Identifier: MIT
// The inspector takes any pasted text: it must never crash, and it must never echo a token
// back inside a finding (messages hold no secrets).
#include "core/Clock.h"
#include "netsuite/Inspector.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Sb::Core::FakeClock clock;
    static const Sb::NetSuite::InspectionContext context = [] {
        Sb::NetSuite::InspectionContext c;
        c.account = *Sb::NetSuite::AccountId::parse(QStringLiteral("1234567_SB1"));
        c.clientId = QString(64, u'a');
        c.certificateId = QStringLiteral("cert");
        return c;
    }();
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto inspection = Sb::NetSuite::inspect(input, context, clock);
    if (size > 40) {
        const QString whole = QString::fromLatin1(input);
        for (const auto &finding : inspection.findings) {
            if (finding.message.contains(whole) || finding.hint.contains(whole)) {
                std::abort();
            }
        }
    }
    return 0;
}
