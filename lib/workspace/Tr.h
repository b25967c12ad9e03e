// SPDX-License-Identifier: MIT
// Internal: translatable text for lib/workspace (not installed, not part of the API).
#pragma once

#include <QCoreApplication>

namespace Sb::Workspace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Workspace)
};

} // namespace Sb::Workspace
