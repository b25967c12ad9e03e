// SPDX-License-Identifier: MIT
#include "emulator/RecordTypes.h"

#include "emulator/Schema.h"

#include <QDate>
#include <QStringList>

namespace Sb::Emulator {

namespace {

RestField f(const char *name, const char *column, FieldKind kind, bool readOnly = false,
            bool required = false, const char *label = "", const char *refType = "")
{
    return RestField{QString::fromLatin1(name),
                     QString::fromLatin1(column),
                     kind,
                     QString::fromLatin1(refType),
                     readOnly,
                     required,
                     QString::fromLatin1(label)};
}

QList<RestRecordType> build()
{
    using K = FieldKind;
    return {
        {QStringLiteral("customer"),
         QStringLiteral("customer"),
         {},
         {},
         QStringLiteral("Customers"),
         QStringLiteral("CUST"),
         QStringLiteral("entityId"),
         {f("id", "id", K::Id, true), f("entityId", "entityid", K::String),
          f("companyName", "companyname", K::String, false, true, "Company Name"),
          f("isPerson", "isperson", K::Bool), f("firstName", "firstname", K::String),
          f("lastName", "lastname", K::String), f("email", "email", K::String),
          f("phone", "phone", K::String), f("comments", "comments", K::String),
          f("balance", "balance", K::Float, true), f("isInactive", "isinactive", K::Bool),
          f("dateCreated", "datecreated", K::DateTime, true),
          f("lastModifiedDate", "lastmodifieddate", K::DateTime, true)},
         false},
        {QStringLiteral("contact"),
         QStringLiteral("contact"),
         {},
         {},
         QStringLiteral("Contacts"),
         QString(),
         QString(),
         {f("id", "id", K::Id, true), f("entityId", "entityid", K::String),
          f("firstName", "firstname", K::String, false, true, "First Name"),
          f("lastName", "lastname", K::String), f("email", "email", K::String),
          f("phone", "phone", K::String), f("title", "title", K::String),
          f("company", "company", K::Ref, false, false, "Company", "customer"),
          f("isInactive", "isinactive", K::Bool),
          f("dateCreated", "datecreated", K::DateTime, true),
          f("lastModifiedDate", "lastmodifieddate", K::DateTime, true)},
         false},
        {QStringLiteral("inventoryItem"),
         QStringLiteral("item"),
         QStringLiteral("itemtype"),
         QStringLiteral("InvtPart"),
         QStringLiteral("Items"),
         QString(),
         QString(),
         {f("id", "id", K::Id, true),
          f("itemId", "itemid", K::String, false, true, "Item Name/Number"),
          f("displayName", "displayname", K::String),
          f("salesDescription", "description", K::String), f("basePrice", "baseprice", K::Float),
          f("isInactive", "isinactive", K::Bool),
          f("dateCreated", "datecreated", K::DateTime, true),
          f("lastModifiedDate", "lastmodifieddate", K::DateTime, true)},
         false},
        {QStringLiteral("salesOrder"),
         QStringLiteral("transaction"),
         QStringLiteral("type"),
         QStringLiteral("SalesOrd"),
         QStringLiteral("Sales Order"),
         QStringLiteral("SO"),
         QStringLiteral("tranId"),
         {f("id", "id", K::Id, true), f("tranId", "tranid", K::String),
          f("entity", "entity", K::Ref, false, true, "Customer", "customer"),
          f("tranDate", "trandate", K::Date), f("status", "status", K::String, true),
          f("memo", "memo", K::String), f("total", "foreigntotal", K::Float, true),
          f("dateCreated", "datecreated", K::DateTime, true),
          f("lastModifiedDate", "lastmodifieddate", K::DateTime, true)},
         true},
    };
}

EmulatorError bad(const QString &message)
{
    return EmulatorError{EmulatorError::Code::Invalid, message};
}

struct QToken
{
    enum Kind { Word, Quoted, Open, Close, Comma } kind;
    QString text;
};

Result<QList<QToken>> lex(const QString &q)
{
    QList<QToken> out;
    qsizetype i = 0;
    while (i < q.size()) {
        const QChar c = q[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('[')) {
            out.append(QToken{QToken::Open, {}});
            ++i;
        } else if (c == QLatin1Char(']')) {
            out.append(QToken{QToken::Close, {}});
            ++i;
        } else if (c == QLatin1Char(',')) {
            out.append(QToken{QToken::Comma, {}});
            ++i;
        } else if (c == QLatin1Char('"')) {
            QString text;
            ++i;
            bool closed = false;
            while (i < q.size()) {
                if (q[i] == QLatin1Char('\\') && i + 1 < q.size()) {
                    text += q[i + 1];
                    i += 2;
                    continue;
                }
                if (q[i] == QLatin1Char('"')) {
                    closed = true;
                    ++i;
                    break;
                }
                text += q[i++];
            }
            if (!closed) {
                return tl::unexpected(bad(QStringLiteral("unterminated quoted value in q")));
            }
            out.append(QToken{QToken::Quoted, text});
        } else {
            QString text;
            while (i < q.size() && !q[i].isSpace() && q[i] != QLatin1Char('[')
                   && q[i] != QLatin1Char(']') && q[i] != QLatin1Char(',')
                   && q[i] != QLatin1Char('"')) {
                text += q[i++];
            }
            out.append(QToken{QToken::Word, text});
        }
    }
    return out;
}

std::optional<QString> isoDate(const QString &v)
{
    QDate d = QDate::fromString(v, Qt::ISODate);
    if (!d.isValid()) {
        d = QDate::fromString(v, QStringLiteral("M/d/yyyy"));
    }
    if (!d.isValid()) {
        return std::nullopt;
    }
    return d.toString(Qt::ISODate);
}

} // namespace

const RestField *RestRecordType::field(const QString &fieldName) const
{
    for (const auto &fl : fields) {
        if (fl.name.compare(fieldName, Qt::CaseInsensitive) == 0) {
            return &fl;
        }
    }
    return nullptr;
}

const QList<RestRecordType> &restRecordTypes()
{
    static const QList<RestRecordType> types = build();
    return types;
}

const RestRecordType *restRecordType(const QString &name)
{
    for (const auto &t : restRecordTypes()) {
        if (t.name.compare(name, Qt::CaseInsensitive) == 0) {
            return &t;
        }
    }
    return nullptr;
}

Result<SqlFilter> parseRecordQuery(const QString &q, const RestRecordType &type) noexcept
{
    try {
        if (q.size() > 10000) {
            return tl::unexpected(bad(QStringLiteral("q is longer than 10,000 characters")));
        }
        auto lexed = lex(q);
        if (!lexed) {
            return tl::unexpected(lexed.error());
        }
        const QList<QToken> &t = *lexed;
        SqlFilter out;
        QStringList orGroups;
        QStringList andTerms;
        qsizetype i = 0;
        auto word = [&](qsizetype k) { return k < t.size() && t[k].kind == QToken::Word; };
        while (i < t.size()) {
            if (!word(i)) {
                return tl::unexpected(bad(QStringLiteral("q: expected a field name")));
            }
            const RestField *field = type.field(t[i].text);
            if (!field) {
                return tl::unexpected(bad(QStringLiteral("q: unknown field \"%1\" for %2")
                                              .arg(t[i].text.left(64), type.name)));
            }
            ++i;
            if (!word(i)) {
                return tl::unexpected(
                    bad(QStringLiteral("q: expected an operator after %1").arg(field->name)));
            }
            const QString op = t[i].text.toUpper();
            ++i;
            const QString colSql = quoteIdentifier(field->column);
            // Values: one value, or a [list].
            QStringList values;
            auto oneValue = [&]() -> bool {
                if (i < t.size() && (t[i].kind == QToken::Word || t[i].kind == QToken::Quoted)) {
                    values.append(t[i].text);
                    ++i;
                    return true;
                }
                return false;
            };
            auto listValue = [&]() -> bool {
                if (i >= t.size() || t[i].kind != QToken::Open) {
                    return oneValue();
                }
                ++i;
                while (i < t.size() && t[i].kind != QToken::Close) {
                    if (t[i].kind == QToken::Comma) {
                        ++i;
                        continue;
                    }
                    if (!oneValue()) {
                        return false;
                    }
                }
                if (i >= t.size()) {
                    return false;
                }
                ++i;
                return !values.isEmpty();
            };
            QString term;
            const FieldKind k = field->kind;
            const bool text = k == FieldKind::String;
            const bool number = k == FieldKind::Id || k == FieldKind::Float || k == FieldKind::Ref;
            const bool date = k == FieldKind::Date || k == FieldKind::DateTime;
            auto numberValue = [&](const QString &v, QVariant *outValue) -> bool {
                bool ok = false;
                const double d = v.toDouble(&ok);
                *outValue = d;
                return ok;
            };
            if (op == QLatin1String("EMPTY") || op == QLatin1String("EMPTY_NOT")) {
                term = op == QLatin1String("EMPTY")
                           ? QStringLiteral("(%1 IS NULL OR %1 = '')").arg(colSql)
                           : QStringLiteral("(%1 IS NOT NULL AND %1 <> '')").arg(colSql);
            } else if (text
                       && (op == QLatin1String("IS") || op == QLatin1String("IS_NOT")
                           || op == QLatin1String("CONTAIN")
                           || op == QLatin1String("DOES_NOT_CONTAIN")
                           || op == QLatin1String("START_WITH")
                           || op == QLatin1String("END_WITH"))) {
                if (!oneValue()) {
                    return tl::unexpected(bad(QStringLiteral("q: %1 needs a value").arg(op)));
                }
                // NetSuite text filters are case-insensitive.
                const QString v = values[0].toLower();
                if (op == QLatin1String("IS")) {
                    term = QStringLiteral("lower(%1) = ?").arg(colSql);
                    out.binds << v;
                } else if (op == QLatin1String("IS_NOT")) {
                    term = QStringLiteral("(%1 IS NULL OR lower(%1) <> ?)").arg(colSql);
                    out.binds << v;
                } else {
                    QString pattern = v;
                    pattern.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
                    pattern.replace(QLatin1Char('%'), QStringLiteral("\\%"));
                    pattern.replace(QLatin1Char('_'), QStringLiteral("\\_"));
                    if (op == QLatin1String("CONTAIN") || op == QLatin1String("DOES_NOT_CONTAIN")) {
                        pattern = QLatin1Char('%') + pattern + QLatin1Char('%');
                    } else if (op == QLatin1String("START_WITH")) {
                        pattern += QLatin1Char('%');
                    } else {
                        pattern = QLatin1Char('%') + pattern;
                    }
                    term = op == QLatin1String("DOES_NOT_CONTAIN")
                               ? QStringLiteral("(%1 IS NULL OR lower(%1) NOT LIKE ? ESCAPE '\\')")
                                     .arg(colSql)
                               : QStringLiteral("lower(%1) LIKE ? ESCAPE '\\'").arg(colSql);
                    out.binds << pattern;
                }
            } else if (k == FieldKind::Bool
                       && (op == QLatin1String("IS") || op == QLatin1String("IS_NOT"))) {
                if (!oneValue()
                    || !(values[0].toLower() == QLatin1String("true")
                         || values[0].toLower() == QLatin1String("false"))) {
                    return tl::unexpected(
                        bad(QStringLiteral("q: %1 %2 needs true or false").arg(field->name, op)));
                }
                bool truth = values[0].toLower() == QLatin1String("true");
                if (op == QLatin1String("IS_NOT")) {
                    truth = !truth;
                }
                term = QStringLiteral("IFNULL(%1, 'F') = ?").arg(colSql);
                out.binds << (truth ? QStringLiteral("T") : QStringLiteral("F"));
            } else if (number) {
                static const QHash<QString, QString> cmp{
                    {QStringLiteral("EQUAL"), QStringLiteral("=")},
                    {QStringLiteral("NOT_EQUAL"), QStringLiteral("<>")},
                    {QStringLiteral("GREATER"), QStringLiteral(">")},
                    {QStringLiteral("GREATER_OR_EQUAL"), QStringLiteral(">=")},
                    {QStringLiteral("LESS"), QStringLiteral("<")},
                    {QStringLiteral("LESS_OR_EQUAL"), QStringLiteral("<=")}};
                if (cmp.contains(op)) {
                    QVariant v;
                    if (!oneValue() || !numberValue(values[0], &v)) {
                        return tl::unexpected(bad(QStringLiteral("q: %1 needs a number").arg(op)));
                    }
                    term = QStringLiteral("%1 %2 ?").arg(colSql, cmp.value(op));
                    out.binds << v;
                } else if (op == QLatin1String("BETWEEN") || op == QLatin1String("BETWEEN_NOT")
                           || op == QLatin1String("ANY_OF") || op == QLatin1String("NONE_OF")) {
                    if (!listValue()) {
                        return tl::unexpected(bad(QStringLiteral("q: %1 needs [values]").arg(op)));
                    }
                    QVariantList nums;
                    for (const QString &s : values) {
                        QVariant v;
                        if (!numberValue(s, &v)) {
                            return tl::unexpected(
                                bad(QStringLiteral("q: %1 needs numbers").arg(op)));
                        }
                        nums << v;
                    }
                    if (op.startsWith(QLatin1String("BETWEEN"))) {
                        if (nums.size() != 2) {
                            return tl::unexpected(
                                bad(QStringLiteral("q: %1 needs [a, b]").arg(op)));
                        }
                        term = QStringLiteral("%1 %2BETWEEN ? AND ?")
                                   .arg(colSql, op == QLatin1String("BETWEEN_NOT")
                                                    ? QStringLiteral("NOT ")
                                                    : QString());
                    } else {
                        QStringList marks;
                        for (qsizetype m = 0; m < nums.size(); ++m) {
                            marks << QStringLiteral("?");
                        }
                        term = QStringLiteral("%1 %2IN (%3)")
                                   .arg(colSql,
                                        op == QLatin1String("NONE_OF") ? QStringLiteral("NOT ")
                                                                       : QString(),
                                        marks.join(QStringLiteral(", ")));
                    }
                    out.binds << nums;
                } else {
                    return tl::unexpected(bad(QStringLiteral("q: operator %1 does not apply to %2")
                                                  .arg(op.left(32), field->name)));
                }
            } else if (date) {
                static const QHash<QString, QString> cmp{
                    {QStringLiteral("ON"), QStringLiteral("=")},
                    {QStringLiteral("BEFORE"), QStringLiteral("<")},
                    {QStringLiteral("AFTER"), QStringLiteral(">")},
                    {QStringLiteral("ON_OR_BEFORE"), QStringLiteral("<=")},
                    {QStringLiteral("ON_OR_AFTER"), QStringLiteral(">=")}};
                const QString dayOf = QStringLiteral("substr(%1, 1, 10)").arg(colSql);
                if (cmp.contains(op)) {
                    if (!oneValue() || !isoDate(values[0])) {
                        return tl::unexpected(bad(QStringLiteral("q: %1 needs a date").arg(op)));
                    }
                    term = QStringLiteral("%1 %2 ?").arg(dayOf, cmp.value(op));
                    out.binds << *isoDate(values[0]);
                } else if (op == QLatin1String("WITHIN")) {
                    if (!listValue() || values.size() != 2 || !isoDate(values[0])
                        || !isoDate(values[1])) {
                        return tl::unexpected(bad(QStringLiteral("q: WITHIN needs [date, date]")));
                    }
                    term = QStringLiteral("%1 BETWEEN ? AND ?").arg(dayOf);
                    out.binds << *isoDate(values[0]) << *isoDate(values[1]);
                } else {
                    return tl::unexpected(bad(QStringLiteral("q: operator %1 does not apply to %2")
                                                  .arg(op.left(32), field->name)));
                }
            } else {
                return tl::unexpected(bad(QStringLiteral("q: operator %1 does not apply to %2")
                                              .arg(op.left(32), field->name)));
            }
            andTerms << term;
            if (i < t.size()) {
                if (!word(i)) {
                    return tl::unexpected(bad(QStringLiteral("q: expected AND or OR")));
                }
                const QString joiner = t[i].text.toUpper();
                ++i;
                if (joiner == QLatin1String("OR")) {
                    orGroups << andTerms.join(QStringLiteral(" AND "));
                    andTerms.clear();
                } else if (joiner != QLatin1String("AND")) {
                    return tl::unexpected(bad(
                        QStringLiteral("q: expected AND or OR, got \"%1\"").arg(joiner.left(32))));
                }
                if (i >= t.size()) {
                    return tl::unexpected(bad(QStringLiteral("q ends with %1").arg(joiner)));
                }
            }
        }
        if (!andTerms.isEmpty()) {
            orGroups << andTerms.join(QStringLiteral(" AND "));
        }
        if (!orGroups.isEmpty()) {
            out.where
                = QLatin1Char('(') + orGroups.join(QStringLiteral(") OR (")) + QLatin1Char(')');
        }
        return out;
    } catch (...) {
        return tl::unexpected(bad(QStringLiteral("q could not be read")));
    }
}

QString recordQueryHelp()
{
    return QStringLiteral(
        "Record list filter (?q=…): FIELD OPERATOR VALUE joined by AND / OR (AND first):\n"
        "  text     IS IS_NOT CONTAIN DOES_NOT_CONTAIN START_WITH END_WITH (case-insensitive)\n"
        "  number   EQUAL NOT_EQUAL GREATER GREATER_OR_EQUAL LESS LESS_OR_EQUAL\n"
        "           BETWEEN [a, b] BETWEEN_NOT [a, b] ANY_OF [a, …] NONE_OF [a, …]\n"
        "  boolean  IS true|false, IS_NOT\n"
        "  date     ON BEFORE AFTER ON_OR_BEFORE ON_OR_AFTER WITHIN [a, b] (YYYY-MM-DD or "
        "M/D/YYYY)\n"
        "  any      EMPTY EMPTY_NOT\n"
        "  values   \"quoted\" or bare; no match is 200 with totalResults 0\n");
}

} // namespace Sb::Emulator
