// SPDX-License-Identifier: MIT
#include "core/Variables.h"

namespace Sb::Core {

namespace {

constexpr qsizetype MaxExpandedLength = 16 * 1024 * 1024;

bool isNameChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
           || u == u'_' || u == u'-' || u == u'.';
}

bool secretAllowed(ExpansionTarget target)
{
    return target == ExpansionTarget::AuthorizationHeader || target == ExpansionTarget::Assertion;
}

QString targetName(ExpansionTarget target)
{
    switch (target) {
    case ExpansionTarget::Url:
        return QStringLiteral("a URL");
    case ExpansionTarget::Header:
        return QStringLiteral("a header");
    case ExpansionTarget::Body:
        return QStringLiteral("a request body");
    case ExpansionTarget::AuthorizationHeader:
        return QStringLiteral("the Authorization header");
    case ExpansionTarget::Assertion:
        return QStringLiteral("the client assertion");
    }
    return {};
}

// Finds the next {{name}} at or after @p from. Returns the start index or -1; sets @p end
// to one past the closing braces and @p name to the trimmed name.
qsizetype findReference(const QString &text, qsizetype from, qsizetype &end, QString &name,
                        bool &unterminated)
{
    unterminated = false;
    const qsizetype open = text.indexOf(QStringLiteral("{{"), from);
    if (open < 0) {
        return -1;
    }
    const qsizetype close = text.indexOf(QStringLiteral("}}"), open + 2);
    if (close < 0) {
        unterminated = true;
        return open;
    }
    const QString inner = text.mid(open + 2, close - open - 2).trimmed();
    bool valid = !inner.isEmpty();
    for (const QChar c : inner) {
        valid = valid && isNameChar(c);
    }
    if (!valid) {
        // Not a variable reference (e.g. literal JSON "{{" in a body); skip past "{{".
        end = open + 2;
        name.clear();
        return open;
    }
    end = close + 2;
    name = inner;
    return open;
}

} // namespace

Result<QString, VariableError> expandVariables(const QString &text, const VariableSet &variables,
                                               ExpansionTarget target)
{
    QString out;
    out.reserve(text.size());
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype end = 0;
        QString name;
        bool unterminated = false;
        const qsizetype start = findReference(text, pos, end, name, unterminated);
        if (start < 0) {
            out += QStringView(text).mid(pos);
            break;
        }
        if (unterminated) {
            return tl::unexpected(
                VariableError{VariableError::Code::Unterminated,
                              QStringLiteral("'{{' at position %1 has no closing '}}'.").arg(start),
                              {}});
        }
        out += QStringView(text).mid(pos, start - pos);
        if (name.isEmpty()) {
            out += QStringView(text).mid(start, end - start);
            pos = end;
            continue;
        }
        const auto it = variables.constFind(name);
        if (it == variables.constEnd()) {
            return tl::unexpected(VariableError{
                VariableError::Code::UnknownVariable,
                QStringLiteral("The variable {{%1}} is not defined in this environment.").arg(name),
                name});
        }
        if (it->secret && !secretAllowed(target)) {
            return tl::unexpected(VariableError{
                VariableError::Code::SecretNotAllowedHere,
                QStringLiteral("The variable {{%1}} is secret and cannot be used in %2; secrets "
                               "expand only into the Authorization header and the assertion.")
                    .arg(name, targetName(target)),
                name});
        }
        out += it->value;
        if (out.size() > MaxExpandedLength) {
            return tl::unexpected(VariableError{VariableError::Code::TooLong,
                                                QStringLiteral("The expanded text is too long."),
                                                name});
        }
        pos = end;
    }
    return out;
}

QStringList referencedVariables(const QString &text)
{
    QStringList names;
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype end = 0;
        QString name;
        bool unterminated = false;
        const qsizetype start = findReference(text, pos, end, name, unterminated);
        if (start < 0 || unterminated) {
            break;
        }
        if (!name.isEmpty() && !names.contains(name)) {
            names.append(name);
        }
        pos = end;
    }
    return names;
}

} // namespace Sb::Core
