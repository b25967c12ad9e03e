// SPDX-License-Identifier: MIT
#include "emulator/SuiteQl.h"

#include "emulator/Schema.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

#include <optional>

namespace Sb::Emulator {

namespace {

enum class Kind { Ident, QuotedIdent, String, Number, Symbol };

struct Token
{
    Kind kind;
    QString text;
    QString upper; ///< for Ident: upper case
};

constexpr int kMaxQueryChars = 100000;
constexpr int kMaxDepth = 50;

EmulatorError bad(const QString &detail)
{
    return EmulatorError{EmulatorError::Code::SuiteQl,
                         QStringLiteral("Invalid search query. Detailed unprocessed description "
                                        "follows. Search error occurred: %1")
                             .arg(detail)};
}

bool isIdentStart(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
           || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_');
}

bool isIdentPart(QChar c)
{
    return isIdentStart(c) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
           || c == QLatin1Char('$') || c == QLatin1Char('#');
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

Result<QList<Token>> tokenize(const QString &q)
{
    QList<Token> out;
    const qsizetype n = q.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = q[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('-') && i + 1 < n && q[i + 1] == QLatin1Char('-')) {
            while (i < n && q[i] != QLatin1Char('\n')) {
                ++i;
            }
            continue;
        }
        if (c == QLatin1Char('/') && i + 1 < n && q[i + 1] == QLatin1Char('*')) {
            const qsizetype end = q.indexOf(QStringLiteral("*/"), i + 2);
            if (end < 0) {
                return tl::unexpected(bad(QStringLiteral("Unterminated comment.")));
            }
            i = end + 2;
            continue;
        }
        if (isIdentStart(c)) {
            const qsizetype start = i;
            while (i < n && isIdentPart(q[i])) {
                ++i;
            }
            const QString text = q.mid(start, i - start);
            out.append({Kind::Ident, text, text.toUpper()});
            continue;
        }
        if (isDigit(c) || (c == QLatin1Char('.') && i + 1 < n && isDigit(q[i + 1]))) {
            const qsizetype start = i;
            while (i < n && (isDigit(q[i]) || q[i] == QLatin1Char('.'))) {
                ++i;
            }
            if (i < n && (q[i] == QLatin1Char('e') || q[i] == QLatin1Char('E'))) {
                ++i;
                if (i < n && (q[i] == QLatin1Char('+') || q[i] == QLatin1Char('-'))) {
                    ++i;
                }
                while (i < n && isDigit(q[i])) {
                    ++i;
                }
            }
            const QString text = q.mid(start, i - start);
            if (text.count(QLatin1Char('.')) > 1) {
                return tl::unexpected(bad(QStringLiteral("Invalid number %1.").arg(text)));
            }
            out.append({Kind::Number, text, text});
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            const QChar quote = c;
            QString text(quote);
            ++i;
            bool closed = false;
            while (i < n) {
                if (q[i] == quote) {
                    if (i + 1 < n && q[i + 1] == quote) {
                        text += quote;
                        text += quote;
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                text += q[i];
                ++i;
            }
            if (!closed) {
                return tl::unexpected(bad(QStringLiteral("Unterminated quoted text.")));
            }
            text += quote;
            out.append({quote == QLatin1Char('\'') ? Kind::String : Kind::QuotedIdent, text,
                        text.toUpper()});
            continue;
        }
        static const QStringList twoChar{QStringLiteral("<="), QStringLiteral(">="),
                                         QStringLiteral("<>"), QStringLiteral("!="),
                                         QStringLiteral("||")};
        const QString two = q.mid(i, 2);
        if (twoChar.contains(two)) {
            out.append({Kind::Symbol, two, two});
            i += 2;
            continue;
        }
        if (QStringLiteral("(),.+-*/%=<>").contains(c)) {
            out.append({Kind::Symbol, QString(c), QString(c)});
            ++i;
            continue;
        }
        if (c == QLatin1Char(';')) {
            return tl::unexpected(bad(
                QStringLiteral("Only one SELECT statement per request; remove the semicolon.")));
        }
        if (c == QLatin1Char('?') || c == QLatin1Char(':') || c == QLatin1Char('@')) {
            return tl::unexpected(bad(QStringLiteral(
                "Bind parameters are not supported; put the values into the query text.")));
        }
        return tl::unexpected(bad(QStringLiteral("Unexpected character '%1'.").arg(c)));
    }
    return out;
}

// Keywords that may be followed by "(" without being a function call.
const QSet<QString> &nonFunctionKeywords()
{
    static const QSet<QString> s{
        QStringLiteral("IN"),    QStringLiteral("EXISTS"),    QStringLiteral("AND"),
        QStringLiteral("OR"),    QStringLiteral("NOT"),       QStringLiteral("ON"),
        QStringLiteral("FROM"),  QStringLiteral("SELECT"),    QStringLiteral("WHERE"),
        QStringLiteral("AS"),    QStringLiteral("THEN"),      QStringLiteral("ELSE"),
        QStringLiteral("WHEN"),  QStringLiteral("CASE"),      QStringLiteral("BY"),
        QStringLiteral("JOIN"),  QStringLiteral("UNION"),     QStringLiteral("ALL"),
        QStringLiteral("OVER"),  QStringLiteral("HAVING"),    QStringLiteral("DISTINCT"),
        QStringLiteral("MINUS"), QStringLiteral("INTERSECT"), QStringLiteral("IS"),
        QStringLiteral("LIKE"),  QStringLiteral("BETWEEN"),   QStringLiteral("END")};
    return s;
}

// Words that end a FROM list item or may not be an alias.
const QSet<QString> &clauseKeywords()
{
    static const QSet<QString> s{
        QStringLiteral("WHERE"),   QStringLiteral("JOIN"),    QStringLiteral("LEFT"),
        QStringLiteral("RIGHT"),   QStringLiteral("INNER"),   QStringLiteral("OUTER"),
        QStringLiteral("FULL"),    QStringLiteral("CROSS"),   QStringLiteral("ON"),
        QStringLiteral("GROUP"),   QStringLiteral("ORDER"),   QStringLiteral("HAVING"),
        QStringLiteral("UNION"),   QStringLiteral("MINUS"),   QStringLiteral("INTERSECT"),
        QStringLiteral("AS"),      QStringLiteral("FROM"),    QStringLiteral("SELECT"),
        QStringLiteral("AND"),     QStringLiteral("OR"),      QStringLiteral("NOT"),
        QStringLiteral("END"),     QStringLiteral("ELSE"),    QStringLiteral("THEN"),
        QStringLiteral("WHEN"),    QStringLiteral("IS"),      QStringLiteral("IN"),
        QStringLiteral("LIKE"),    QStringLiteral("BETWEEN"), QStringLiteral("CASE"),
        QStringLiteral("DESC"),    QStringLiteral("ASC"),     QStringLiteral("NULL"),
        QStringLiteral("NATURAL"), QStringLiteral("USING")};
    return s;
}

// SQLite-only or non-SELECT words that SuiteQL does not have.
const QSet<QString> &refusedWords()
{
    static const QSet<QString> s{
        QStringLiteral("LIMIT"),     QStringLiteral("OFFSET"),  QStringLiteral("PRAGMA"),
        QStringLiteral("ATTACH"),    QStringLiteral("DETACH"),  QStringLiteral("INSERT"),
        QStringLiteral("UPDATE"),    QStringLiteral("DELETE"),  QStringLiteral("CREATE"),
        QStringLiteral("DROP"),      QStringLiteral("ALTER"),   QStringLiteral("VACUUM"),
        QStringLiteral("GLOB"),      QStringLiteral("REGEXP"),  QStringLiteral("MATCH"),
        QStringLiteral("RETURNING"), QStringLiteral("INDEXED"), QStringLiteral("WITH"),
        QStringLiteral("RECURSIVE"), QStringLiteral("FETCH"),   QStringLiteral("ESCAPE"),
        QStringLiteral("COLLATE"),   QStringLiteral("REINDEX"), QStringLiteral("ANALYZE"),
        QStringLiteral("EXPLAIN"),   QStringLiteral("TEMP"),    QStringLiteral("TEMPORARY")};
    return s;
}

// SuiteQL function → SQLite function, for functions that translate one to one.
const QHash<QString, QString> &plainFunctions()
{
    static const QHash<QString, QString> h{
        {QStringLiteral("COUNT"), QStringLiteral("COUNT")},
        {QStringLiteral("SUM"), QStringLiteral("SUM")},
        {QStringLiteral("AVG"), QStringLiteral("AVG")},
        {QStringLiteral("MIN"), QStringLiteral("MIN")},
        {QStringLiteral("MAX"), QStringLiteral("MAX")},
        {QStringLiteral("NVL"), QStringLiteral("IFNULL")},
        {QStringLiteral("COALESCE"), QStringLiteral("COALESCE")},
        {QStringLiteral("UPPER"), QStringLiteral("UPPER")},
        {QStringLiteral("LOWER"), QStringLiteral("LOWER")},
        {QStringLiteral("SUBSTR"), QStringLiteral("SUBSTR")},
        {QStringLiteral("LENGTH"), QStringLiteral("LENGTH")},
        {QStringLiteral("TRIM"), QStringLiteral("TRIM")},
        {QStringLiteral("LTRIM"), QStringLiteral("LTRIM")},
        {QStringLiteral("RTRIM"), QStringLiteral("RTRIM")},
        {QStringLiteral("ROUND"), QStringLiteral("ROUND")},
        {QStringLiteral("ABS"), QStringLiteral("ABS")},
        {QStringLiteral("INSTR"), QStringLiteral("INSTR")},
        {QStringLiteral("REPLACE"), QStringLiteral("REPLACE")},
        {QStringLiteral("CAST"), QStringLiteral("CAST")},
    };
    return h;
}

QString sqlString(const QString &value)
{
    QString v = value;
    v.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

// Oracle date format → strftime, for the handful of formats the subset accepts.
std::optional<QString> strftimeFormat(const QString &oracleLiteral)
{
    QString fmt = oracleLiteral.mid(1, oracleLiteral.size() - 2).toUpper();
    const QList<QPair<QString, QString>> parts{{QStringLiteral("YYYY"), QStringLiteral("%Y")},
                                               {QStringLiteral("HH24"), QStringLiteral("%H")},
                                               {QStringLiteral("MM"), QStringLiteral("%m")},
                                               {QStringLiteral("DD"), QStringLiteral("%d")},
                                               {QStringLiteral("MI"), QStringLiteral("%M")},
                                               {QStringLiteral("SS"), QStringLiteral("%S")}};
    QString out;
    qsizetype i = 0;
    while (i < fmt.size()) {
        bool matched = false;
        for (const auto &p : parts) {
            if (fmt.mid(i, p.first.size()) == p.first) {
                out += p.second;
                i += p.first.size();
                matched = true;
                break;
            }
        }
        if (!matched) {
            const QChar c = fmt[i];
            if (!QStringLiteral("-/: .T").contains(c)) {
                return std::nullopt;
            }
            out += c;
            ++i;
        }
    }
    return out;
}

class Translator
{
public:
    Translator(const QList<Token> &tokens, qint64 now)
        : m_t(tokens)
        , m_now(now)
    {}

    Result<SuiteQlTranslation> run()
    {
        if (m_t.isEmpty() || m_t[0].kind != Kind::Ident
            || m_t[0].upper != QLatin1String("SELECT")) {
            return tl::unexpected(bad(QStringLiteral(
                "A SuiteQL query starts with SELECT (other statements are not supported).")));
        }
        if (auto r = collectTables(); !r) {
            return tl::unexpected(r.error());
        }
        auto sql = range(0, int(m_t.size()), 0);
        if (!sql) {
            return tl::unexpected(sql.error());
        }
        return SuiteQlTranslation{*sql, m_tables};
    }

private:
    const QList<Token> &m_t;
    qint64 m_now;
    QHash<QString, QString> m_aliases; // alias or table (lower) → table (lower)
    QStringList m_tables;
    int m_exprCounter = 0;

    [[nodiscard]] bool isIdent(int i, const char *upper) const
    {
        return i >= 0 && i < m_t.size() && m_t[i].kind == Kind::Ident
               && m_t[i].upper == QLatin1String(upper);
    }
    [[nodiscard]] bool isSym(int i, const char *s) const
    {
        return i >= 0 && i < m_t.size() && m_t[i].kind == Kind::Symbol
               && m_t[i].text == QLatin1String(s);
    }

    int matchParen(int open) const
    {
        int depth = 0;
        for (int i = open; i < m_t.size(); ++i) {
            if (isSym(i, "(")) {
                ++depth;
            } else if (isSym(i, ")")) {
                if (--depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    Result<void> collectTables()
    {
        int depth = 0;
        for (int i = 0; i < m_t.size(); ++i) {
            if (isSym(i, "(")) {
                ++depth;
            } else if (isSym(i, ")")) {
                if (--depth < 0) {
                    return tl::unexpected(bad(QStringLiteral("Unbalanced parentheses.")));
                }
            }
            if (!(isIdent(i, "FROM") || isIdent(i, "JOIN"))) {
                continue;
            }
            int j = i + 1;
            for (;;) {
                if (isSym(j, "(")) {
                    break; // a subquery: its own FROM is found by the scan
                }
                if (j >= m_t.size() || m_t[j].kind != Kind::Ident) {
                    return tl::unexpected(
                        bad(QStringLiteral("Expected a record type after %1.").arg(m_t[i].upper)));
                }
                const SchemaTable *table = suiteQlTable(m_t[j].text);
                if (!table) {
                    return tl::unexpected(
                        bad(QStringLiteral("Record '%1' was not found.").arg(m_t[j].text)));
                }
                if (!m_tables.contains(table->name)) {
                    m_tables.append(table->name);
                }
                m_aliases.insert(table->name, table->name);
                ++j;
                if (isIdent(j, "AS")) {
                    ++j;
                }
                if (j < m_t.size() && m_t[j].kind == Kind::Ident
                    && !clauseKeywords().contains(m_t[j].upper)) {
                    m_aliases.insert(m_t[j].text.toLower(), table->name);
                    ++j;
                }
                if (isIdent(i, "FROM") && isSym(j, ",")) {
                    ++j;
                    continue;
                }
                break;
            }
        }
        if (depth != 0) {
            return tl::unexpected(bad(QStringLiteral("Unbalanced parentheses.")));
        }
        if (m_tables.isEmpty()) {
            return tl::unexpected(bad(QStringLiteral("A query needs FROM <record type>.")));
        }
        return {};
    }

    // Splits [b, e) at depth-0 commas.
    QList<QPair<int, int>> splitArgs(int b, int e) const
    {
        QList<QPair<int, int>> out;
        int depth = 0;
        int start = b;
        for (int i = b; i < e; ++i) {
            if (isSym(i, "(")) {
                ++depth;
            } else if (isSym(i, ")")) {
                --depth;
            } else if (depth == 0 && isSym(i, ",")) {
                out.append({start, i});
                start = i + 1;
            }
        }
        if (e > b) {
            out.append({start, e});
        }
        return out;
    }

    static bool needsSpace(const QString &prev, const QString &next)
    {
        if (prev.isEmpty()) {
            return false;
        }
        return !(prev.endsWith(QLatin1Char('.')) || next.startsWith(QLatin1Char('.'))
                 || prev.endsWith(QLatin1Char('(')) || next.startsWith(QLatin1Char(')'))
                 || next.startsWith(QLatin1Char(',')));
    }

    static void put(QString &out, const QString &piece)
    {
        if (needsSpace(out, piece)) {
            out += QLatin1Char(' ');
        }
        out += piece;
    }

    // A select item needs an exprN alias unless it is *, x.*, a column, x.column or aliased.
    bool selectItemNeedsAlias(int b, int e) const
    {
        const int n = e - b;
        if (n <= 0) {
            return false;
        }
        if (n == 1
            && (m_t[b].kind == Kind::Ident || m_t[b].kind == Kind::QuotedIdent || isSym(b, "*"))) {
            return false;
        }
        if (n == 3 && m_t[b].kind == Kind::Ident && isSym(b + 1, ".")
            && (m_t[b + 2].kind == Kind::Ident || isSym(b + 2, "*"))) {
            return false;
        }
        if (n >= 2 && isIdent(e - 2, "AS")) {
            return false;
        }
        const int last = e - 1;
        if (n >= 2
            && (m_t[last].kind == Kind::QuotedIdent
                || (m_t[last].kind == Kind::Ident && !clauseKeywords().contains(m_t[last].upper)))
            && !isSym(last - 1, ".") && (m_t[last - 1].kind != Kind::Symbol || isSym(last - 1, ")"))
            && !(m_t[last - 1].kind == Kind::Ident
                 && clauseKeywords().contains(m_t[last - 1].upper))) {
            return false; // "expr alias"
        }
        return true;
    }

    Result<QString> range(int b, int e, int depth)
    {
        if (depth > kMaxDepth) {
            return tl::unexpected(bad(QStringLiteral("The query is nested too deeply.")));
        }
        QSet<int> skip;
        QHash<int, QString> aliasAfter; // token index → " AS exprN"
        std::optional<qint64> limit;
        QHash<int, bool> rownumInSelect; // token index → the item is ROWNUM alone

        if (isIdent(b, "SELECT")) {
            // Select list: from after SELECT [DISTINCT|ALL] to the depth-0 FROM.
            int listStart = b + 1;
            if (isIdent(listStart, "DISTINCT") || isIdent(listStart, "ALL")) {
                ++listStart;
            }
            int fromAt = -1;
            int d = 0;
            for (int i = listStart; i < e; ++i) {
                if (isSym(i, "(")) {
                    ++d;
                } else if (isSym(i, ")")) {
                    --d;
                } else if (d == 0 && isIdent(i, "FROM")) {
                    fromAt = i;
                    break;
                }
            }
            if (fromAt < 0) {
                return tl::unexpected(bad(QStringLiteral("A query needs FROM <record type>.")));
            }
            for (const auto &[ib, ie] : splitArgs(listStart, fromAt)) {
                if (isIdent(ib, "ROWNUM")) {
                    rownumInSelect.insert(ib, ie - ib == 1);
                }
                if (selectItemNeedsAlias(ib, ie)) {
                    aliasAfter.insert(ie - 1, QStringLiteral("AS expr%1").arg(++m_exprCounter));
                }
            }
            // ROWNUM <= n / < n / = 1 as a depth-0 conjunct of WHERE becomes LIMIT.
            d = 0;
            for (int i = fromAt; i < e; ++i) {
                if (isSym(i, "(")) {
                    ++d;
                    continue;
                }
                if (isSym(i, ")")) {
                    --d;
                    continue;
                }
                if (d != 0 || !isIdent(i, "ROWNUM")) {
                    continue;
                }
                const bool afterWhere = isIdent(i - 1, "WHERE");
                const bool afterAnd = isIdent(i - 1, "AND");
                const bool opOk = isSym(i + 1, "<=") || isSym(i + 1, "<") || isSym(i + 1, "=");
                const bool numOk = i + 2 < e && m_t[i + 2].kind == Kind::Number;
                const int after = i + 3;
                const bool endOk = after >= e || isIdent(after, "AND") || isIdent(after, "ORDER")
                                   || isIdent(after, "GROUP") || isIdent(after, "HAVING");
                if (!(afterWhere || afterAnd) || !opOk || !numOk || !endOk) {
                    return tl::unexpected(bad(QStringLiteral(
                        "The emulator supports ROWNUM only as \"WHERE ROWNUM <= n\" (or < n, = 1) "
                        "joined to the rest of WHERE by AND, or as a selected column.")));
                }
                bool ok = false;
                const qint64 n = m_t[i + 2].text.toLongLong(&ok);
                if (!ok || n < 0) {
                    return tl::unexpected(bad(QStringLiteral("ROWNUM needs a whole number.")));
                }
                qint64 lim = n;
                if (isSym(i + 1, "<")) {
                    lim = n - 1;
                } else if (isSym(i + 1, "=")) {
                    if (n != 1) {
                        return tl::unexpected(
                            bad(QStringLiteral("ROWNUM = n only makes sense for n = 1.")));
                    }
                    lim = 1;
                }
                limit
                    = limit ? std::min(*limit, std::max<qint64>(lim, 0)) : std::max<qint64>(lim, 0);
                if (afterWhere && isIdent(after, "AND")) {
                    skip << i << i + 1 << i + 2 << after; // "ROWNUM <= n AND" → keep WHERE
                } else {
                    skip << i - 1 << i << i + 1 << i + 2; // "WHERE|AND ROWNUM <= n"
                }
            }
        }

        QString out;
        for (int i = b; i < e; ++i) {
            if (skip.contains(i)) {
                continue;
            }
            const Token &tok = m_t[i];
            if (tok.kind == Kind::Symbol && tok.text == QLatin1String("(")) {
                const int close = matchParen(i);
                if (close < 0 || close > e) {
                    return tl::unexpected(bad(QStringLiteral("Unbalanced parentheses.")));
                }
                auto inner = range(i + 1, close, depth + 1);
                if (!inner) {
                    return inner;
                }
                put(out, QLatin1Char('(') + *inner + QLatin1Char(')'));
                i = close;
            } else if (tok.kind == Kind::Ident) {
                auto piece = ident(i, e, depth, rownumInSelect.contains(i),
                                   rownumInSelect.value(i, false));
                if (!piece) {
                    return tl::unexpected(piece.error());
                }
                put(out, piece->first);
                i = piece->second;
            } else {
                put(out, tok.text);
            }
            if (aliasAfter.contains(i)) {
                put(out, aliasAfter.value(i));
            }
        }
        if (limit) {
            put(out, QStringLiteral("LIMIT %1").arg(*limit));
        }
        return out;
    }

    // Translates the identifier at @p i; returns the SQL and the last token index consumed.
    Result<QPair<QString, int>> ident(int i, int e, int depth, bool rownumColumn, bool rownumAlone)
    {
        const Token &tok = m_t[i];
        const QString &u = tok.upper;
        const bool afterDot = isSym(i - 1, ".");
        if (!afterDot && refusedWords().contains(u)) {
            return tl::unexpected(
                bad(QStringLiteral("%1 is not part of SuiteQL%2.")
                        .arg(u, u == QLatin1String("LIMIT") || u == QLatin1String("OFFSET")
                                    ? QStringLiteral("; page with the limit and offset URL "
                                                     "parameters or WHERE ROWNUM <= n")
                                    : QString())));
        }
        if (!afterDot && u == QLatin1String("ROWNUM")) {
            if (!rownumColumn) {
                return tl::unexpected(bad(QStringLiteral(
                    "The emulator supports ROWNUM only as \"WHERE ROWNUM <= n\" or as a selected "
                    "column.")));
            }
            return QPair<QString, int>{rownumAlone
                                           ? QStringLiteral("ROW_NUMBER() OVER () AS rownum")
                                           : QStringLiteral("ROW_NUMBER() OVER ()"),
                                       i};
        }
        if (!afterDot && u == QLatin1String("SYSDATE")) {
            return QPair<QString, int>{
                sqlString(QDateTime::fromSecsSinceEpoch(m_now, Qt::UTC)
                              .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))),
                i};
        }
        if (!afterDot && (u == QLatin1String("CURRENT_DATE"))) {
            return QPair<QString, int>{sqlString(QDateTime::fromSecsSinceEpoch(m_now, Qt::UTC)
                                                     .toString(QStringLiteral("yyyy-MM-dd"))),
                                       i};
        }
        if (!afterDot
            && (u == QLatin1String("CURRENT_TIMESTAMP") || u == QLatin1String("CURRENT_TIME"))) {
            return tl::unexpected(bad(QStringLiteral("Use SYSDATE.")));
        }
        if (!afterDot && u == QLatin1String("BUILTIN")) {
            return builtin(i, e, depth);
        }
        if (!afterDot && isSym(i + 1, "(") && !nonFunctionKeywords().contains(u)) {
            return function(i, e, depth);
        }
        if (u == QLatin1String("TRANSACTION")) {
            return QPair<QString, int>{QStringLiteral("\"transaction\""), i};
        }
        return QPair<QString, int>{tok.text, i};
    }

    Result<QList<QString>> args(int open, int close, int depth)
    {
        QList<QString> out;
        for (const auto &[b, e] : splitArgs(open + 1, close)) {
            if (b == e) {
                return tl::unexpected(bad(QStringLiteral("Empty function argument.")));
            }
            auto a = range(b, e, depth + 1);
            if (!a) {
                return tl::unexpected(a.error());
            }
            out.append(*a);
        }
        return out;
    }

    Result<QPair<QString, int>> function(int i, int e, int depth)
    {
        const QString u = m_t[i].upper;
        const int open = i + 1;
        const int close = matchParen(open);
        if (close < 0 || close > e) {
            return tl::unexpected(bad(QStringLiteral("Unbalanced parentheses.")));
        }
        if (plainFunctions().contains(u)) {
            auto inner = range(open + 1, close, depth + 1);
            if (!inner) {
                return tl::unexpected(inner.error());
            }
            if (u == QLatin1String("NVL") && splitArgs(open + 1, close).size() != 2) {
                return tl::unexpected(bad(QStringLiteral("NVL takes two arguments.")));
            }
            return QPair<QString, int>{
                plainFunctions().value(u) + QLatin1Char('(') + *inner + QLatin1Char(')'), close};
        }
        auto a = args(open, close, depth);
        if (!a) {
            return tl::unexpected(a.error());
        }
        const QList<QString> &v = *a;
        if (u == QLatin1String("NVL2")) {
            if (v.size() != 3) {
                return tl::unexpected(bad(QStringLiteral("NVL2 takes three arguments.")));
            }
            return QPair<QString, int>{
                QStringLiteral("(CASE WHEN (%1) IS NOT NULL THEN (%2) ELSE (%3) END)")
                    .arg(v[0], v[1], v[2]),
                close};
        }
        if (u == QLatin1String("DECODE")) {
            if (v.size() < 3) {
                return tl::unexpected(
                    bad(QStringLiteral("DECODE takes at least three arguments.")));
            }
            QString sql = QStringLiteral("(CASE (%1)").arg(v[0]);
            int k = 1;
            for (; k + 1 < v.size(); k += 2) {
                sql += QStringLiteral(" WHEN (%1) THEN (%2)").arg(v[k], v[k + 1]);
            }
            if (k < v.size()) {
                sql += QStringLiteral(" ELSE (%1)").arg(v[k]);
            }
            sql += QStringLiteral(" END)");
            return QPair<QString, int>{sql, close};
        }
        if (u == QLatin1String("TO_NUMBER")) {
            if (v.size() != 1) {
                return tl::unexpected(bad(QStringLiteral("TO_NUMBER takes one argument here.")));
            }
            return QPair<QString, int>{QStringLiteral("CAST((%1) AS REAL)").arg(v[0]), close};
        }
        if (u == QLatin1String("TO_CHAR") || u == QLatin1String("TO_DATE")) {
            if (v.size() == 1 && u == QLatin1String("TO_CHAR")) {
                return QPair<QString, int>{QStringLiteral("CAST((%1) AS TEXT)").arg(v[0]), close};
            }
            const auto parts = splitArgs(open + 1, close);
            if (v.size() != 2 || parts[1].second - parts[1].first != 1
                || m_t[parts[1].first].kind != Kind::String) {
                return tl::unexpected(
                    bad(QStringLiteral("%1 takes a value and a format literal here.").arg(u)));
            }
            const auto fmt = strftimeFormat(m_t[parts[1].first].text);
            if (!fmt) {
                return tl::unexpected(
                    bad(QStringLiteral(
                            "The emulator's %1 knows the formats YYYY MM DD HH24 MI SS only.")
                            .arg(u)));
            }
            return QPair<QString, int>{
                QStringLiteral("strftime(%1, %2)").arg(sqlString(*fmt), v[0]), close};
        }
        return tl::unexpected(
            bad(QStringLiteral(
                    "Unknown function %1 (the emulator supports a subset of SuiteQL; see --help).")
                    .arg(u)));
    }

    Result<QPair<QString, int>> builtin(int i, int e, int depth)
    {
        if (!isSym(i + 1, ".") || i + 2 >= e || m_t[i + 2].kind != Kind::Ident
            || !isSym(i + 3, "(")) {
            return tl::unexpected(
                bad(QStringLiteral("BUILTIN needs a function, e.g. BUILTIN.DF(x).")));
        }
        const QString fn = m_t[i + 2].upper;
        if (fn != QLatin1String("DF")) {
            return tl::unexpected(bad(QStringLiteral("The emulator supports BUILTIN.DF only.")));
        }
        const int open = i + 3;
        const int close = matchParen(open);
        if (close < 0 || close > e) {
            return tl::unexpected(bad(QStringLiteral("Unbalanced parentheses.")));
        }
        auto a = args(open, close, depth);
        if (!a) {
            return tl::unexpected(a.error());
        }
        if (a->size() != 1) {
            return tl::unexpected(bad(QStringLiteral("BUILTIN.DF takes one field.")));
        }
        // Resolve "alias.column" or "column" to a schema column with a reference.
        QString table;
        QString column;
        const int n = close - open - 1;
        if (n == 3 && m_t[open + 1].kind == Kind::Ident && isSym(open + 2, ".")
            && m_t[open + 3].kind == Kind::Ident) {
            table = m_aliases.value(m_t[open + 1].text.toLower());
            column = m_t[open + 3].text.toLower();
        } else if (n == 1 && m_t[open + 1].kind == Kind::Ident) {
            column = m_t[open + 1].text.toLower();
            for (const QString &t : m_tables) {
                if (suiteQlTable(t)->column(column)) {
                    table = t;
                    break;
                }
            }
        }
        const SchemaTable *st = table.isEmpty() ? nullptr : suiteQlTable(table);
        const SchemaColumn *sc = st ? st->column(column) : nullptr;
        if (!sc || sc->refTable.isEmpty()) {
            return QPair<QString, int>{QLatin1Char('(') + a->at(0) + QLatin1Char(')'), close};
        }
        return QPair<QString, int>{
            QStringLiteral("(SELECT df__.%1 FROM %2 df__ WHERE df__.id = %3)")
                .arg(sc->refDisplay, quoteIdentifier(sc->refTable), a->at(0)),
            close};
    }
};

} // namespace

Result<SuiteQlTranslation> translateSuiteQl(const QString &query, qint64 nowSeconds) noexcept
{
    try {
        if (query.trimmed().isEmpty()) {
            return tl::unexpected(bad(QStringLiteral("The query is empty.")));
        }
        if (query.size() > kMaxQueryChars) {
            return tl::unexpected(
                bad(QStringLiteral("The query is longer than 100,000 characters.")));
        }
        auto tokens = tokenize(query);
        if (!tokens) {
            return tl::unexpected(tokens.error());
        }
        Translator t(*tokens, nowSeconds);
        return t.run();
    } catch (...) {
        return tl::unexpected(bad(QStringLiteral("The query could not be read.")));
    }
}

const QStringList &suiteQlSqliteFunctions()
{
    static const QStringList names{
        QStringLiteral("count"),    QStringLiteral("sum"),        QStringLiteral("avg"),
        QStringLiteral("min"),      QStringLiteral("max"),        QStringLiteral("ifnull"),
        QStringLiteral("coalesce"), QStringLiteral("upper"),      QStringLiteral("lower"),
        QStringLiteral("substr"),   QStringLiteral("length"),     QStringLiteral("trim"),
        QStringLiteral("ltrim"),    QStringLiteral("rtrim"),      QStringLiteral("round"),
        QStringLiteral("abs"),      QStringLiteral("instr"),      QStringLiteral("replace"),
        QStringLiteral("strftime"), QStringLiteral("row_number"), QStringLiteral("like")};
    return names;
}

QString suiteQlSubsetHelp()
{
    return QStringLiteral(
        "SuiteQL subset (POST /services/rest/query/v1/suiteql, Prefer: transient, {\"q\":…}):\n"
        "  tables     customer contact item transaction transactionline transactionstatus\n"
        "  clauses    SELECT [DISTINCT] … FROM … [[LEFT|INNER] JOIN … ON …] [WHERE …]\n"
        "             [GROUP BY …] [HAVING …] [ORDER BY …], subqueries, UNION, CASE, IN,\n"
        "             BETWEEN, LIKE (case-sensitive, as in Oracle), IS [NOT] NULL, ||\n"
        "  ROWNUM     WHERE ROWNUM <= n (or < n, = 1) as an AND conjunct; ROWNUM as a column\n"
        "  functions  NVL NVL2 COALESCE DECODE UPPER LOWER SUBSTR INSTR LENGTH TRIM LTRIM RTRIM\n"
        "             REPLACE ROUND ABS COUNT SUM AVG MIN MAX CAST TO_NUMBER TO_CHAR TO_DATE\n"
        "             (formats YYYY MM DD HH24 MI SS) SYSDATE CURRENT_DATE BUILTIN.DF\n"
        "  refused    other statements, a second statement (;), bind parameters (? :x and a\n"
        "             \"params\" member), LIMIT/OFFSET, SQLite-only syntax, other tables and\n"
        "             functions: 400 with NetSuite's \"Invalid search query\" shape\n"
        "  caps       read-only SQLite connection with an authorizer (SELECT on these tables\n"
        "             and the functions above only), suiteQlTimeoutMs per query (SQLite\n"
        "             progress handler), suiteQlMaxResults rows in total, 1000 per page\n"
        "  output     lower-case column names; unaliased expressions are named expr1, expr2…\n");
}

} // namespace Sb::Emulator
