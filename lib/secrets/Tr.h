// SPDX-License-Identifier: MIT
// Internal: translatable text for lib/secrets (not installed, not part of the API).
#pragma once

#include <QCoreApplication>

namespace Sb::Secrets {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Secrets)
};

} // namespace Sb::Secrets
