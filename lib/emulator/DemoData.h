// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/EmulatorError.h"

#include <QDateTime>
#include <QSqlDatabase>

namespace Sb::Emulator {

/** How many rows a demo seed writes at scale 1.0. */
struct DemoSizes
{
    int customers = 2500;
    int contacts = 3000;
    int items = 1200;
    int salesOrders = 2500; ///< 1–5 lines each
};

/** Creates the SuiteQL tables (if missing) and NetSuite's sales-order statuses. */
[[nodiscard]] Result<void> createSchema(QSqlDatabase &db);

/**
 * Seeds customers, contacts, inventory items and sales orders (with lines) into @p db,
 * deterministically from @p seed: the same seed and scale give the same rows. One
 * transaction and prepared statements keep scale 1.0 well under a second.
 */
[[nodiscard]] Result<DemoSizes> seedDemoData(QSqlDatabase &db, double scale, quint64 seed,
                                             const QDateTime &now);

} // namespace Sb::Emulator
