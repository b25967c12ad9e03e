// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/EmulatorError.h"

#include <QString>
#include <QStringList>

namespace Sb::Emulator {

/** A SuiteQL query rewritten for SQLite. */
struct SuiteQlTranslation
{
    QString sql;        ///< one SELECT statement, no trailing semicolon
    QStringList tables; ///< the SuiteQL tables it reads (lower case)
};

/**
 * Translates the emulator's SuiteQL subset (suiteQlSubsetHelp()) into SQLite SQL. Pure and
 * total: anything outside the subset (another statement kind, a second statement, bind
 * parameters, unknown tables or functions, LIMIT/OFFSET, SQLite-only syntax) is an
 * EmulatorError::Code::SuiteQl whose message reads like NetSuite's "Invalid search query".
 * Column names are checked later by SQLite itself. @p nowSeconds feeds SYSDATE and
 * CURRENT_DATE, so the emulator's clock (and a test's fake clock) decides them.
 */
[[nodiscard]] Result<SuiteQlTranslation> translateSuiteQl(const QString &query,
                                                          qint64 nowSeconds) noexcept;

/** The SQLite functions a translated query may call (the read-only connection's allow-list). */
[[nodiscard]] const QStringList &suiteQlSqliteFunctions();

/** The supported subset, for --help and README. */
[[nodiscard]] QString suiteQlSubsetHelp();

} // namespace Sb::Emulator
