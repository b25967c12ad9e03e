// SPDX-License-Identifier: MIT
#include "emulator/Schema.h"

#include <QStringList>

namespace Sb::Emulator {

namespace {

SchemaColumn col(const char *name, const char *type, const char *refTable = "",
                 const char *refDisplay = "")
{
    return SchemaColumn{QString::fromLatin1(name), QString::fromLatin1(type),
                        QString::fromLatin1(refTable), QString::fromLatin1(refDisplay)};
}

QList<SchemaTable> buildTables()
{
    const char *const I = "INTEGER";
    const char *const T = "TEXT";
    const char *const R = "REAL";
    return {
        {QStringLiteral("customer"),
         QStringLiteral("id"),
         {col("id", I), col("entityid", T), col("companyname", T), col("isperson", T),
          col("firstname", T), col("lastname", T), col("email", T), col("phone", T),
          col("comments", T), col("balance", R), col("isinactive", T), col("datecreated", T),
          col("lastmodifieddate", T)}},
        {QStringLiteral("contact"),
         QStringLiteral("id"),
         {col("id", I), col("entityid", T), col("firstname", T), col("lastname", T),
          col("email", T), col("phone", T), col("title", T),
          col("company", I, "customer", "companyname"), col("isinactive", T), col("datecreated", T),
          col("lastmodifieddate", T)}},
        {QStringLiteral("item"),
         QStringLiteral("id"),
         {col("id", I), col("itemid", T), col("displayname", T), col("description", T),
          col("itemtype", T), col("baseprice", R), col("isinactive", T), col("datecreated", T),
          col("lastmodifieddate", T)}},
        {QStringLiteral("transaction"),
         QStringLiteral("id"),
         {col("id", I), col("tranid", T), col("type", T),
          col("entity", I, "customer", "companyname"), col("trandate", T),
          col("status", T, "transactionstatus", "fullname"), col("memo", T), col("foreigntotal", R),
          col("datecreated", T), col("lastmodifieddate", T)}},
        {QStringLiteral("transactionline"),
         QStringLiteral("uniquekey"),
         {col("uniquekey", I), col("id", I), col("transaction", I, "transaction", "tranid"),
          col("linesequencenumber", I), col("mainline", T), col("item", I, "item", "itemid"),
          col("quantity", R), col("rate", R), col("netamount", R), col("memo", T)}},
        {QStringLiteral("transactionstatus"),
         QStringLiteral("id"),
         {col("id", T), col("trantype", T), col("name", T), col("fullname", T)}},
    };
}

} // namespace

const SchemaColumn *SchemaTable::column(const QString &columnName) const
{
    for (const auto &c : columns) {
        if (c.name.compare(columnName, Qt::CaseInsensitive) == 0) {
            return &c;
        }
    }
    return nullptr;
}

QString SchemaTable::createSql() const
{
    QStringList defs;
    for (const auto &c : columns) {
        QString d = quoteIdentifier(c.name) + QLatin1Char(' ') + c.sqlType;
        if (c.name == primaryKey) {
            d += QStringLiteral(" PRIMARY KEY");
        }
        defs << d;
    }
    return QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (%2)")
        .arg(quoteIdentifier(name), defs.join(QStringLiteral(", ")));
}

const QList<SchemaTable> &suiteQlTables()
{
    static const QList<SchemaTable> tables = buildTables();
    return tables;
}

const SchemaTable *suiteQlTable(const QString &name)
{
    for (const auto &t : suiteQlTables()) {
        if (t.name.compare(name, Qt::CaseInsensitive) == 0) {
            return &t;
        }
    }
    return nullptr;
}

QString quoteIdentifier(const QString &name)
{
    QString inner = name;
    inner.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + inner + QLatin1Char('"');
}

} // namespace Sb::Emulator
