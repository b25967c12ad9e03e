// SPDX-License-Identifier: MIT
#include "gui/JsonHighlighter.h"

namespace Sb::App {

JsonHighlighter::JsonHighlighter(QTextDocument *document, bool dark)
    : QSyntaxHighlighter(document)
{
    setDark(dark);
}

void JsonHighlighter::setDark(bool dark)
{
    m_key.setForeground(QColor(dark ? 0x79c0ff : 0x0550ae));
    m_string.setForeground(QColor(dark ? 0xa5d6ff : 0x0a3069));
    m_number.setForeground(QColor(dark ? 0xffa657 : 0x953800));
    m_literal.setForeground(QColor(dark ? 0xff7b72 : 0xcf222e));
    m_literal.setFontWeight(QFont::DemiBold);
    m_punctuation.setForeground(QColor(dark ? 0x8b949e : 0x6e7781));
    rehighlight();
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    const qsizetype n = text.size();
    // Very long lines (minified bodies) are left plain: colouring them costs more than it helps.
    if (n > 20000) {
        return;
    }
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == u'"') {
            qsizetype j = i + 1;
            while (j < n && text.at(j) != u'"') {
                j += text.at(j) == u'\\' ? 2 : 1;
            }
            j = qMin(j + 1, n);
            qsizetype k = j;
            while (k < n && text.at(k).isSpace()) {
                ++k;
            }
            const bool isKey = k < n && text.at(k) == u':';
            setFormat(int(i), int(j - i), isKey ? m_key : m_string);
            i = j;
        } else if (c.isDigit() || c == u'-') {
            qsizetype j = i + 1;
            while (j < n
                   && (text.at(j).isDigit() || text.at(j) == u'.' || text.at(j) == u'e'
                       || text.at(j) == u'E' || text.at(j) == u'+' || text.at(j) == u'-')) {
                ++j;
            }
            setFormat(int(i), int(j - i), m_number);
            i = j;
        } else if (c.isLetter()) {
            qsizetype j = i + 1;
            while (j < n && text.at(j).isLetter()) {
                ++j;
            }
            const QStringView word = QStringView(text).mid(i, j - i);
            if (word == u"true" || word == u"false" || word == u"null") {
                setFormat(int(i), int(j - i), m_literal);
            }
            i = j;
        } else {
            if (c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u',' || c == u':') {
                setFormat(int(i), 1, m_punctuation);
            }
            ++i;
        }
    }
}

} // namespace Sb::App
