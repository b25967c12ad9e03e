// SPDX-License-Identifier: MIT
#include "gui/RawBodyView.h"

#include <QFontDatabase>
#include <QPainter>
#include <QScrollBar>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>
#include <cstring>

namespace Sb::App {

LineIndex buildLineIndex(const QByteArray &bytes, qint64 limitBytes, int maxColumns)
{
    LineIndex index;
    const qint64 size = bytes.size();
    const qint64 end = limitBytes < 0 ? size : qMin(size, limitBytes);
    const char *data = bytes.constData();
    index.starts.reserve(qsizetype(end / 64 + 1));
    qint64 start = 0;
    index.starts.append(0);
    while (start < end) {
        const qint64 window = qMin<qint64>(maxColumns, size - start);
        const void *nl = std::memchr(data + start, '\n', size_t(window));
        qint64 next;
        if (nl) {
            next = static_cast<const char *>(nl) - data + 1;
        } else {
            next = start + window;
            // Never split a UTF-8 sequence: back up over continuation bytes.
            qint64 back = next;
            while (back > start + 1 && back < size
                   && (static_cast<unsigned char>(data[back]) & 0xC0) == 0x80) {
                --back;
            }
            next = back;
        }
        if (next >= size) {
            break;
        }
        index.starts.append(next);
        start = next;
    }
    index.complete = end >= size;
    return index;
}

QByteArray prettyFormatJson(const QByteArray &bytes, const std::atomic_bool *cancelled)
{
    QByteArray out;
    out.reserve(bytes.size() + bytes.size() / 2);
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    auto newline = [&out, &depth] {
        out.append('\n');
        out.append(QByteArray(qMax(0, depth) * 2, ' '));
    };
    const qsizetype n = bytes.size();
    const char *data = bytes.constData();
    for (qsizetype i = 0; i < n; ++i) {
        if ((i & 0xFFFFF) == 0 && cancelled && cancelled->load()) {
            return {};
        }
        const char c = data[i];
        if (inString) {
            out.append(c);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out.append(c);
            break;
        case '{':
        case '[': {
            // Keep empty containers on one line.
            qsizetype j = i + 1;
            while (j < n
                   && (data[j] == ' ' || data[j] == '\n' || data[j] == '\r' || data[j] == '\t')) {
                ++j;
            }
            if (j < n && (data[j] == '}' || data[j] == ']')) {
                out.append(c);
                out.append(data[j]);
                i = j;
                break;
            }
            out.append(c);
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out.append(c);
            break;
        case ',':
            out.append(c);
            newline();
            break;
        case ':':
            out.append(": ");
            break;
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            break;
        default:
            out.append(c);
        }
    }
    return out;
}

RawBodyView::RawBodyView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    viewport()->setAutoFillBackground(true);
    viewport()->setBackgroundRole(QPalette::Base);
    setFocusPolicy(Qt::StrongFocus);
    connect(&m_watcher, &QFutureWatcher<LineIndex>::finished, this, [this] {
        if (m_watcher.property("generation").toInt() != m_generation) {
            return; // a newer body replaced the one this index was for
        }
        m_index = m_watcher.result();
        updateScrollBars();
        viewport()->update();
        emit indexReady();
    });
}

RawBodyView::~RawBodyView()
{
    m_watcher.waitForFinished();
}

void RawBodyView::setBody(const QByteArray &body)
{
    m_body = body;
    ++m_generation;
    m_matchOffset = -1;
    // The first screen: index the first 64 KiB now (microseconds), the rest on a worker.
    m_index = buildLineIndex(m_body, 64 * 1024);
    if (!m_index.complete) {
        m_watcher.waitForFinished();
        m_watcher.setProperty("generation", m_generation);
        const QByteArray copy = m_body; // implicitly shared, no copy of the bytes
        m_watcher.setFuture(QtConcurrent::run([copy] { return buildLineIndex(copy); }));
    } else {
        emit indexReady();
    }
    verticalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
}

void RawBodyView::setJsonColoring(bool on)
{
    m_json = on;
    viewport()->update();
}

void RawBodyView::setDark(bool dark)
{
    m_dark = dark;
    viewport()->update();
}

qint64 RawBodyView::lineEnd(qint64 line) const
{
    if (line + 1 < m_index.starts.size()) {
        return m_index.starts.at(line + 1);
    }
    if (m_index.complete) {
        return m_body.size();
    }
    return qMin<qint64>(m_body.size(), m_index.starts.at(line) + 400);
}

QString RawBodyView::lineText(qint64 line) const
{
    if (line < 0 || line >= m_index.starts.size()) {
        return {};
    }
    const qint64 start = m_index.starts.at(line);
    qint64 end = lineEnd(line);
    QByteArrayView bytes(m_body.constData() + start, end - start);
    while (!bytes.isEmpty() && (bytes.back() == '\n' || bytes.back() == '\r')) {
        bytes.chop(1);
    }
    return QString::fromUtf8(bytes);
}

qint64 RawBodyView::firstVisibleLine() const
{
    return verticalScrollBar()->value();
}

qint64 RawBodyView::lineOf(qint64 offset) const
{
    const auto it = std::upper_bound(m_index.starts.cbegin(), m_index.starts.cend(), offset);
    return qMax<qint64>(0, (it - m_index.starts.cbegin()) - 1);
}

bool RawBodyView::find(const QString &needle)
{
    if (needle.isEmpty() || m_body.isEmpty()) {
        return false;
    }
    const QByteArray n = needle.toUtf8();
    qint64 from = m_matchOffset < 0 ? 0 : m_matchOffset + 1;
    qint64 at = m_body.indexOf(n, from);
    if (at < 0 && from > 0) {
        at = m_body.indexOf(n, 0);
    }
    if (at < 0) {
        m_matchOffset = -1;
        viewport()->update();
        return false;
    }
    m_matchOffset = at;
    m_matchLength = n.size();
    const qint64 line = lineOf(at);
    const int visible = qMax(1, viewport()->height() / fontMetrics().height());
    verticalScrollBar()->setValue(int(qMax<qint64>(0, line - visible / 3)));
    viewport()->update();
    return true;
}

void RawBodyView::updateScrollBars()
{
    const int lineHeight = fontMetrics().height();
    const int visible = qMax(1, viewport()->height() / lineHeight);
    verticalScrollBar()->setRange(0, int(qMax<qint64>(0, m_index.starts.size() - visible)));
    verticalScrollBar()->setPageStep(visible);
    const int charWidth = fontMetrics().horizontalAdvance(QLatin1Char('m'));
    horizontalScrollBar()->setRange(0, qMax(0, 402 * charWidth - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

void RawBodyView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void RawBodyView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QFontMetrics fm = fontMetrics();
    const int lineHeight = fm.height();
    const int charWidth = fm.horizontalAdvance(QLatin1Char('m'));
    const qint64 first = verticalScrollBar()->value();
    const int rows = viewport()->height() / lineHeight + 2;
    const int x0 = 4 - horizontalScrollBar()->value();
    const QColor text = palette().color(QPalette::Text);
    const QColor keyColor(m_dark ? 0x79c0ff : 0x0550ae);
    const QColor stringColor(m_dark ? 0xa5d6ff : 0x0a3069);
    const QColor numberColor(m_dark ? 0xffa657 : 0x953800);
    const QColor matchColor(m_dark ? 0x9e6a03 : 0xfff8c5);
    for (int r = 0; r < rows; ++r) {
        const qint64 line = first + r;
        if (line >= m_index.starts.size()) {
            break;
        }
        const int y = r * lineHeight;
        const qint64 start = m_index.starts.at(line);
        const qint64 end = lineEnd(line);
        if (m_matchOffset >= 0 && m_matchOffset < end && m_matchOffset + m_matchLength > start) {
            const qint64 from = qMax(m_matchOffset, start) - start;
            const qint64 to = qMin(m_matchOffset + m_matchLength, end) - start;
            painter.fillRect(
                QRect(x0 + int(from) * charWidth, y, int(to - from) * charWidth, lineHeight),
                matchColor);
        }
        const QString s = lineText(line);
        if (!m_json) {
            painter.setPen(text);
            painter.drawText(x0, y + fm.ascent(), s);
            continue;
        }
        // A light lexer over the visible line only.
        int x = x0;
        qsizetype i = 0;
        while (i < s.size()) {
            qsizetype j = i + 1;
            QColor color = text;
            if (s.at(i) == u'"') {
                while (j < s.size() && s.at(j) != u'"') {
                    j += s.at(j) == u'\\' ? 2 : 1;
                }
                j = qMin(j + 1, s.size());
                qsizetype k = j;
                while (k < s.size() && s.at(k) == u' ') {
                    ++k;
                }
                color = (k < s.size() && s.at(k) == u':') ? keyColor : stringColor;
            } else if (s.at(i).isDigit() || s.at(i) == u'-') {
                while (j < s.size() && (s.at(j).isDigit() || s.at(j) == u'.')) {
                    ++j;
                }
                color = numberColor;
            } else {
                while (j < s.size() && s.at(j) != u'"' && !s.at(j).isDigit()) {
                    ++j;
                }
            }
            const QString part = s.mid(i, j - i);
            painter.setPen(color);
            painter.drawText(x, y + fm.ascent(), part);
            x += fm.horizontalAdvance(part);
            i = j;
        }
    }
}

} // namespace Sb::App
