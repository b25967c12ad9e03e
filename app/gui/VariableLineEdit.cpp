// SPDX-License-Identifier: MIT
#include "gui/VariableLineEdit.h"

#include <QColor>
#include <QEvent>
#include <QHelpEvent>
#include <QInputMethodEvent>
#include <QPalette>
#include <QScopedValueRollback>
#include <QTextCharFormat>
#include <QTextDocument>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <vector>

namespace Sb::App {

namespace {

// The same name alphabet as lib/core/Variables.cpp (keep the two in step; the test compares
// this widget's reading with Core::referencedVariables() and Core::expandVariables()).
bool isNameChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
           || u == u'_' || u == u'-' || u == u'.';
}

/**
 * Finds the references like Core's findReference(), but in linear time: the library searches
 * for "}}" and re-reads the braces' content from every "{{", which is quadratic on text like
 * "{{ {{ {{ … }}", and this runs on every keystroke. Prefix tables answer "is the content
 * between these braces a name with optional surrounding spaces" in O(1).
 */
QList<VariableSpan> scanReferences(const QString &text, const Core::VariableSet &variables,
                                   bool secretsAllowed)
{
    QList<VariableSpan> spans;
    const qsizetype n = text.size();
    if (n < 2 || !text.contains(QStringLiteral("{{"))) {
        return spans;
    }
    std::vector<qsizetype> nextClose(size_t(n + 1), -1); // first "}}" starting at >= i
    std::vector<qsizetype> names(size_t(n + 1), 0);      // name characters in [0, i)
    std::vector<qsizetype> others(size_t(n + 1), 0);     // neither name nor space in [0, i)
    std::vector<qsizetype> nextName(size_t(n + 1), n);   // first name character at >= i
    std::vector<qsizetype> prevName(size_t(n + 1), -1);  // last name character at < i
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        const bool name = isNameChar(c);
        names[size_t(i + 1)] = names[size_t(i)] + (name ? 1 : 0);
        others[size_t(i + 1)] = others[size_t(i)] + (!name && !c.isSpace() ? 1 : 0);
        prevName[size_t(i + 1)] = name ? i : prevName[size_t(i)];
    }
    for (qsizetype i = n - 1; i >= 0; --i) {
        nextName[size_t(i)] = isNameChar(text.at(i)) ? i : nextName[size_t(i + 1)];
        const bool closeHere = i + 1 < n && text.at(i) == u'}' && text.at(i + 1) == u'}';
        nextClose[size_t(i)] = closeHere ? i : nextClose[size_t(i + 1)];
    }

    qsizetype pos = 0;
    while (pos < n) {
        const qsizetype open = text.indexOf(QStringLiteral("{{"), pos);
        if (open < 0) {
            break;
        }
        const qsizetype close = nextClose[size_t(open + 2)];
        if (close < 0) {
            // Core::expandVariables() refuses the whole text here; show where and stop.
            spans.append({int(open), int(n - open), {}, VariableSpan::State::Unterminated});
            break;
        }
        // QString::trimmed() semantics: spaces around one run of name characters.
        const qsizetype first = nextName[size_t(open + 2)];
        const qsizetype last = prevName[size_t(close)];
        const bool valid = others[size_t(close)] == others[size_t(open + 2)] && first < close
                           && names[size_t(last + 1)] - names[size_t(first)] == last - first + 1;
        if (!valid) {
            pos = open + 2; // literal "{{" (e.g. JSON), as the library treats it
            continue;
        }
        VariableSpan span;
        span.start = int(open);
        span.length = int(close + 2 - open);
        span.name = text.mid(first, last - first + 1);
        const auto it = variables.constFind(span.name);
        if (it == variables.constEnd()) {
            span.state = VariableSpan::State::Unknown;
        } else if (it->secret) {
            span.state = secretsAllowed ? VariableSpan::State::Secret
                                        : VariableSpan::State::SecretNotAllowed;
        } else {
            span.state = VariableSpan::State::Known;
        }
        spans.append(span);
        pos = close + 2;
    }
    return spans;
}

// WCAG 2 relative luminance and contrast ratio.
double luminance(const QColor &color)
{
    const auto channel
        = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    const QColor rgb = color.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF())
           + 0.0722 * channel(rgb.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor blend(const QColor &over, const QColor &under, double alpha)
{
    const QColor o = over.toRgb();
    const QColor u = under.toRgb();
    return QColor::fromRgbF(float(o.redF() * alpha + u.redF() * (1 - alpha)),
                            float(o.greenF() * alpha + u.greenF() * (1 - alpha)),
                            float(o.blueF() * alpha + u.blueF() * (1 - alpha)));
}

/**
 * @p preferred if it reads well on @p base (WCAG AA, 4.5:1), else the fallback for a light or
 * dark base, else the palette's text colour. A system palette may keep Qt's default pure blue
 * link on a dark base, which would be unreadable.
 */
QColor readable(const QColor &preferred, const QColor &onLight, const QColor &onDark,
                const QColor &base, const QColor &text)
{
    constexpr double MinContrast = 4.5;
    if (contrast(preferred, base) >= MinContrast) {
        return preferred;
    }
    const QColor fallback = luminance(base) < 0.18 ? onDark : onLight;
    return contrast(fallback, base) >= MinContrast ? fallback : text;
}

// A URL has no spaces to wrap at: cut it into lines for a tool tip, and stop after a few.
QString wrappedForToolTip(const QString &text, qsizetype lineLength, int maxLines)
{
    QStringList lines;
    for (qsizetype pos = 0; pos < text.size() && lines.size() < maxLines; pos += lineLength) {
        lines.append(text.mid(pos, lineLength));
    }
    if (text.size() > lineLength * maxLines) {
        lines.last() += QChar(0x2026);
    }
    return lines.join(u'\n');
}

} // namespace

VariableLineEdit::VariableLineEdit(QWidget *parent)
    : QLineEdit(parent)
{
    connect(this, &QLineEdit::textChanged, this, &VariableLineEdit::refresh);
}

QString VariableLineEdit::secretMask()
{
    return QString(8, QChar(0x2022)); // "••••••••"
}

void VariableLineEdit::setVariables(const Core::VariableSet &variables)
{
    m_variables = variables;
    refresh();
}

void VariableLineEdit::setExpansionTarget(Core::ExpansionTarget target)
{
    m_target = target;
    refresh();
}

QString VariableLineEdit::previewText() const
{
    const QString source = text();
    QString out;
    out.reserve(source.size());
    qsizetype pos = 0;
    for (const VariableSpan &span : m_spans) {
        out += QStringView(source).mid(pos, span.start - pos);
        switch (span.state) {
        case VariableSpan::State::Known:
            out += m_variables.value(span.name).value;
            break;
        case VariableSpan::State::Secret:
        case VariableSpan::State::SecretNotAllowed:
            out += secretMask(); // never the value, not even its length
            break;
        case VariableSpan::State::Unknown:
        case VariableSpan::State::Unterminated:
            out += QStringView(source).mid(span.start, span.length);
            break;
        }
        pos = span.start + span.length;
    }
    out += QStringView(source).mid(pos);
    return out;
}

void VariableLineEdit::refresh()
{
    if (m_composing && !hasFocus()) {
        m_composing = false; // the composition ended with the focus, without a final event
    }
    const bool secretsAllowed = m_target == Core::ExpansionTarget::AuthorizationHeader
                                || m_target == Core::ExpansionTarget::Assertion;
    m_spans = scanReferences(text(), m_variables, secretsAllowed);
    QStringList unknown;
    for (const VariableSpan &span : std::as_const(m_spans)) {
        if (span.state == VariableSpan::State::Unknown && !unknown.contains(span.name)) {
            unknown.append(span.name);
        }
    }
    rebuildFormats();
    applyFormats();
    if (unknown != m_unknown) {
        m_unknown = unknown;
        emit unknownVariablesChanged(m_unknown);
    }
}

void VariableLineEdit::rebuildFormats()
{
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Active, QPalette::Base);
    const QColor plain = pal.color(QPalette::Active, QPalette::Text);
    const bool darkBase = luminance(base) < 0.18;
    // Link colour for references, red for problems (the JSON highlighter's and the dark
    // palette's reds); both checked against the actual base so any palette stays readable.
    const QColor link = readable(pal.color(QPalette::Active, QPalette::Link), QColor(0x0550ae),
                                 QColor(0x79c0ff), base, plain);
    const QColor warning = readable(darkBase ? QColor(0xff7b72) : QColor(0xcf222e),
                                    QColor(0xa40e26), QColor(0xffa198), base, plain);

    QTextCharFormat known;
    known.setForeground(link);
    known.setBackground(blend(link, base, 0.12));
    QTextCharFormat secret = known;
    secret.setFontItalic(true);
    QTextCharFormat problem;
    problem.setForeground(warning);
    problem.setBackground(blend(warning, base, 0.10));
    problem.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    problem.setUnderlineColor(warning);
    QTextCharFormat secretProblem = problem;
    secretProblem.setFontItalic(true);

    m_formats.clear();
    if (!isEnabled()) {
        return; // disabled text is uniformly grey, like every other disabled field
    }
    m_formats.reserve(m_spans.size());
    for (const VariableSpan &span : std::as_const(m_spans)) {
        QTextLayout::FormatRange range;
        range.start = span.start;
        range.length = span.length;
        switch (span.state) {
        case VariableSpan::State::Known:
            range.format = known;
            break;
        case VariableSpan::State::Secret:
            range.format = secret;
            break;
        case VariableSpan::State::SecretNotAllowed:
            range.format = secretProblem;
            break;
        case VariableSpan::State::Unknown:
        case VariableSpan::State::Unterminated:
            range.format = problem;
            break;
        }
        m_formats.append(range);
    }
}

void VariableLineEdit::applyFormats()
{
    // QLineEdit has no public API for character formats, but it renders the TextFormat
    // attributes of an input method event over its text (positions relative to the cursor).
    // An event with no preedit and no commit string changes neither the text nor the undo
    // history nor the cursor. While a real input method composes, its own formats win; ours
    // come back with the commit.
    if (m_composing || echoMode() != QLineEdit::Normal) {
        return;
    }
    if (m_formats.isEmpty() && !m_formatsShown) {
        return; // nothing to draw and nothing stale to clear: spare the relayout
    }
    m_formatsShown = !m_formats.isEmpty();
    const int cursor = cursorPosition();
    QList<QInputMethodEvent::Attribute> attributes;
    attributes.reserve(m_formats.size());
    for (const QTextLayout::FormatRange &range : std::as_const(m_formats)) {
        attributes.append(QInputMethodEvent::Attribute(
            QInputMethodEvent::TextFormat, range.start - cursor, range.length, range.format));
    }
    QInputMethodEvent event(QString(), attributes);
    const QScopedValueRollback applying(m_applying, true);
    // Called directly rather than sent, so application event filters never see a fake event.
    QLineEdit::inputMethodEvent(&event);
}

void VariableLineEdit::inputMethodEvent(QInputMethodEvent *event)
{
    if (m_applying) {
        QLineEdit::inputMethodEvent(event);
        return;
    }
    m_composing = !event->preeditString().isEmpty();
    QLineEdit::inputMethodEvent(event);
    if (!m_composing) {
        applyFormats(); // a composition ended (committed or cancelled): restore ours
    }
}

void VariableLineEdit::changeEvent(QEvent *event)
{
    QLineEdit::changeEvent(event);
    switch (event->type()) {
    case QEvent::PaletteChange:
    case QEvent::StyleChange:
    case QEvent::EnabledChange:
    case QEvent::ReadOnlyChange:
        rebuildFormats();
        applyFormats();
        break;
    default:
        break;
    }
}

bool VariableLineEdit::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = toolTipAt(help->pos());
        if (!tip.isEmpty()) {
            // Values and the URL are user or server data: always escaped, never rich text.
            QToolTip::showText(help->globalPos(),
                               Qt::convertFromPlainText(tip, Qt::WhiteSpaceNormal), this);
            return true;
        }
    }
    return QLineEdit::event(event);
}

QString VariableLineEdit::toolTipAt(const QPoint &pos)
{
    if (m_spans.isEmpty()) {
        return {};
    }
    const int at = cursorPositionAt(pos);
    for (const VariableSpan &span : m_spans) {
        if (at < span.start || at > span.start + span.length) {
            continue;
        }
        switch (span.state) {
        case VariableSpan::State::Known: {
            const QString value = m_variables.value(span.name).value;
            return value.isEmpty()
                       ? tr("{{%1}} is defined but empty.").arg(span.name)
                       : tr("{{%1}} = %2").arg(span.name, wrappedForToolTip(value, 100, 2));
        }
        case VariableSpan::State::Secret:
            return tr("{{%1}} is secret: its value is never shown.").arg(span.name);
        case VariableSpan::State::SecretNotAllowed:
        case VariableSpan::State::Unknown: {
            // The library's own message, so the field and the send error say the same thing.
            const auto expanded
                = Core::expandVariables(text().mid(span.start, span.length), m_variables, m_target);
            return expanded ? QString() : expanded.error().message;
        }
        case VariableSpan::State::Unterminated:
            return tr("This '{{' has no closing '}}'.");
        }
    }
    const QString preview = tr("Expands to:\n%1").arg(wrappedForToolTip(previewText(), 100, 6));
    return toolTip().isEmpty() ? preview : toolTip() + u'\n' + preview;
}

} // namespace Sb::App
