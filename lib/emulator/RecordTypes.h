// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/EmulatorError.h"

#include <QList>
#include <QString>
#include <QVariantList>

namespace Sb::Emulator {

enum class FieldKind { Id, String, Bool, Float, Date, DateTime, Ref };

/** A REST field (camelCase, as NetSuite's REST names it) over a SuiteQL column. */
struct RestField
{
    QString name;   ///< e.g. "companyName"
    QString column; ///< e.g. "companyname"
    FieldKind kind = FieldKind::String;
    QString refType; ///< for Ref: the REST record type it points at
    bool readOnly = false;
    bool required = false; ///< on create ("Please enter value(s) for: …")
    QString label;         ///< NetSuite's UI label, for error messages
};

/** A REST record type the emulator serves, mapped onto a SuiteQL table. */
struct RestRecordType
{
    QString name;         ///< customer, contact, inventoryItem, salesOrder
    QString table;        ///< customer, contact, item, transaction
    QString filterColumn; ///< item.itemtype / transaction.type, or empty
    QString filterValue;  ///< "InvtPart" / "SalesOrd"
    QString permission;   ///< the role permission that guards it, e.g. "Customers"
    QString idPrefix;     ///< entityid / tranid / itemid prefix for new records
    QString numberField;  ///< the REST field that gets an automatic number, or empty
    QList<RestField> fields;
    bool hasItemSublist = false; ///< salesOrder: the item sublist (transactionline)

    [[nodiscard]] const RestField *field(const QString &name) const; ///< case-insensitive
};

/** customer, contact, inventoryItem, salesOrder. */
[[nodiscard]] const QList<RestRecordType> &restRecordTypes();
/** Case-insensitive lookup ("salesorder" finds salesOrder), as NetSuite's URLs allow. */
[[nodiscard]] const RestRecordType *restRecordType(const QString &name);

/** A `q` filter as an SQL WHERE fragment with bound values. */
struct SqlFilter
{
    QString where; ///< empty: no filter
    QVariantList binds;
};

/**
 * Parses the `q` parameter of a record collection GET: conditions `field OPERATOR value`
 * joined by AND / OR (AND binds tighter; no parentheses). Operators by field kind:
 * text IS, IS_NOT, CONTAIN, DOES_NOT_CONTAIN, START_WITH, END_WITH; numbers and IDs EQUAL,
 * NOT_EQUAL, GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL, BETWEEN [a, b], ANY_OF [a, …];
 * booleans IS true|false; dates ON, BEFORE, AFTER, ON_OR_BEFORE, ON_OR_AFTER, WITHIN [a, b];
 * any kind EMPTY, EMPTY_NOT. Values: "quoted", bare words or numbers. Pure.
 */
[[nodiscard]] Result<SqlFilter> parseRecordQuery(const QString &q,
                                                 const RestRecordType &type) noexcept;

/** The q subset, for --help. */
[[nodiscard]] QString recordQueryHelp();

} // namespace Sb::Emulator
