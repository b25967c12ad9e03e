// SPDX-License-Identifier: MIT
#pragma once

#include "core/Variables.h"

#include <QLineEdit>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextLayout>

namespace Sb::App {

/** One `{{…}}` reference (or an unterminated `{{`) in a VariableLineEdit, by character range. */
struct VariableSpan
{
    enum class State {
        Known,            ///< defined in the variable set
        Secret,           ///< defined and secret, and the target accepts secrets
        SecretNotAllowed, ///< defined and secret, but the target refuses secrets (a URL)
        Unknown,          ///< not in the variable set
        Unterminated,     ///< a `{{` without a closing `}}`: runs to the end of the text
    };

    int start = 0;
    int length = 0;
    QString name; ///< the trimmed name; empty for Unterminated
    State state = State::Known;

    friend bool operator==(const VariableSpan &, const VariableSpan &) = default;
};

/**
 * A QLineEdit that colours each `{{name}}` in place: known variables in the palette's link
 * colour, secret ones in italics, unknown ones and an unterminated `{{` in a warning colour
 * with a wavy underline. It is a plain QLineEdit to its users (text(), setText(),
 * textChanged, returnPressed…): the highlighting is display formatting only and never
 * changes the text, the undo stack or the cursor.
 *
 * References are found with the same rules as Core::expandVariables() (names of letters,
 * digits, `_`, `-`, `.`; spaces inside the braces ignored; `{{` followed by something that is
 * not a name is literal text; an unterminated `{{` is an error), in linear time.
 *
 * Hovering a reference tells what it is (a known value, "secret, hidden", "not defined");
 * hovering elsewhere shows previewText(). A secret variable's value is never shown: not in
 * the preview, not in a tool tip.
 */
class VariableLineEdit final : public QLineEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VariableLineEdit)

public:
    explicit VariableLineEdit(QWidget *parent = nullptr);

    void setVariables(const Core::VariableSet &variables);
    [[nodiscard]] const Core::VariableSet &variables() const { return m_variables; }

    /** Where the text will be expanded; decides whether a secret is allowed. Default: Url. */
    void setExpansionTarget(Core::ExpansionTarget target);
    [[nodiscard]] Core::ExpansionTarget expansionTarget() const { return m_target; }

    /** The references in text(), in order. */
    [[nodiscard]] QList<VariableSpan> spans() const { return m_spans; }
    /** Names referenced but not defined, in order of appearance, without repeats. */
    [[nodiscard]] QStringList unknownVariables() const { return m_unknown; }
    /**
     * text() with known variables expanded, secret ones replaced by secretMask(), and unknown
     * or unterminated references left as typed. For showing, never for sending.
     */
    [[nodiscard]] QString previewText() const;
    /** The character formats applied to the text (absolute positions), for tests. */
    [[nodiscard]] QList<QTextLayout::FormatRange> appliedFormats() const { return m_formats; }

    /** What stands in for a secret value in previews: fixed, so it does not leak the length. */
    [[nodiscard]] static QString secretMask();

signals:
    /** The set of undefined names changed (after an edit or setVariables()). */
    void unknownVariablesChanged(const QStringList &names);

protected:
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void inputMethodEvent(QInputMethodEvent *event) override;

private:
    void refresh();
    void rebuildFormats();
    void applyFormats();
    [[nodiscard]] QString toolTipAt(const QPoint &pos); // cursorPositionAt() is not const

    Core::VariableSet m_variables;
    Core::ExpansionTarget m_target = Core::ExpansionTarget::Url;
    QList<VariableSpan> m_spans;
    QStringList m_unknown;
    QList<QTextLayout::FormatRange> m_formats;
    bool m_formatsShown = false;
    bool m_applying = false;
    bool m_composing = false;
};

} // namespace Sb::App
