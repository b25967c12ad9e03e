// SPDX-License-Identifier: MIT
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace Sb::App {

/**
 * Colours JSON in a QPlainTextEdit: keys, strings, numbers, literals, punctuation. It only
 * sets character formats on plain text (never HTML), so token and response text stays
 * literal (security doc J15). Works on malformed JSON too (it is a lexer, not a parser).
 */
class JsonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonHighlighter)

public:
    explicit JsonHighlighter(QTextDocument *document, bool dark = false);
    void setDark(bool dark);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_punctuation;
};

} // namespace Sb::App
