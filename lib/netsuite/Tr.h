// SPDX-License-Identifier: MIT
// Internal: translatable text for lib/netsuite (not installed, not part of the API).
#pragma once

#include <QCoreApplication>

namespace Sb::NetSuite {

/** Translation context for lib/netsuite messages (style doc c.6: a per-module Tr struct). */
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Sb::NetSuite)
};

} // namespace Sb::NetSuite
