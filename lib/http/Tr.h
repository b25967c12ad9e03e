// SPDX-License-Identifier: MIT
// Internal: translatable text for lib/http (not part of the API).
#pragma once

#include <QCoreApplication>

namespace Sb::Http {

/** Translation context for lib/http messages (style doc c.6: a per-module Tr struct). */
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Sb::Http)
};

} // namespace Sb::Http
