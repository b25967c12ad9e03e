// SPDX-License-Identifier: MIT
// Account IDs and pasted URLs: an accepted ID must give hosts that belong to it, and its
// canonical form must parse back to the same account (decode → encode → decode).
#include "netsuite/AccountId.h"
#include "netsuite/CustomTokenEndpoint.h"
#include "netsuite/Endpoints.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto account = Sb::NetSuite::AccountId::parse(input);
    if (account) {
        const auto again = Sb::NetSuite::AccountId::parse(account->canonical());
        if (!again || *again != *account) {
            std::abort();
        }
        const QUrl token = Sb::NetSuite::tokenUrl(*account);
        if (!Sb::NetSuite::isNetSuiteUrlFor(token, *account, Sb::NetSuite::Service::SuiteTalk)) {
            std::abort();
        }
    }
    const auto endpoint = Sb::NetSuite::CustomTokenEndpoint::parse(input);
    if (endpoint && endpoint->tokenUrl().scheme() != QStringLiteral("https")
        && !endpoint->isLoopback()) {
        std::abort(); // plain HTTP is allowed on loopback only
    }
    return 0;
}
