// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

namespace Sb::Emulator {

/** A column of a SuiteQL table, as the emulator stores it in SQLite. */
struct SchemaColumn
{
    QString name;       ///< lower case, as SuiteQL names it
    QString sqlType;    ///< "INTEGER", "TEXT", "REAL"
    QString refTable;   ///< for BUILTIN.DF: the table this column points at (id), or empty
    QString refDisplay; ///< the display column of refTable
};

/** A SuiteQL table under NetSuite's name, with the columns the emulator seeds. */
struct SchemaTable
{
    QString name;
    QString primaryKey; ///< "id" (transactionline: "uniquekey")
    QList<SchemaColumn> columns;

    [[nodiscard]] const SchemaColumn *column(const QString &name) const;
    /** CREATE TABLE statement (identifiers quoted: "transaction" is an SQLite keyword). */
    [[nodiscard]] QString createSql() const;
};

/** customer, contact, item, transaction, transactionline, transactionstatus. */
[[nodiscard]] const QList<SchemaTable> &suiteQlTables();
[[nodiscard]] const SchemaTable *suiteQlTable(const QString &name);

/** "\"name\"" with inner quotes doubled. */
[[nodiscard]] QString quoteIdentifier(const QString &name);

} // namespace Sb::Emulator
