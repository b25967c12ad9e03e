// SPDX-License-Identifier: MIT
#include "gui/RawBodyView.h"

#include <QFontDatabase>
#include <QPainter>
#include <QScrollBar>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <climits>
#include <limits>

namespace Sb::App {

LineIndex buildLineIndex(const QByteArray &bytes, qint64 limitBytes, int maxColumns)
{
    LineIndex index;
    const qint64 size = bytes.size();
    const qint64 end = limitBytes < 0 ? size : qMin(size, limitBytes);
    const DisplayLines layout(DisplayMode::Raw, maxColumns);
    index.starts.append(0);
    DisplayLineState state;
    while (state.offset < end && layout.nextLine(bytes, state) && state.offset < size) {
        index.starts.append(state.offset);
    }
    index.complete = end >= size;
    return index;
}

QByteArray prettyFormatJson(const QByteArray &bytes, const std::atomic_bool *cancelled)
{
    QByteArray out;
    out.reserve(bytes.size() + bytes.size() / 2);
    // One display line per logical line: no wrapping short of the 64 KiB whitespace rule.
    const DisplayLines layout(DisplayMode::PrettyJson, std::numeric_limits<int>::max() / 4);
    DisplayLineState state;
    quint32 counter = 0;
    bool first = true;
    while (true) {
        if ((++counter & 0x3FF) == 0 && cancelled && cancelled->load()) {
            return {};
        }
        if (!first) {
            out.append('\n');
        }
        if (!layout.nextLine(bytes, state, &out)) {
            if (!first) {
                out.chop(1);
            }
            break;
        }
        first = false;
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
    m_layout.extend(m_body);
    connect(&m_watcher, &QFutureWatcher<DisplayLines>::finished, this, [this] {
        if (m_watcher.isCanceled() || m_watcher.property("generation").toInt() != m_generation) {
            return; // a newer body replaced the one this layout was for
        }
        m_layout = m_watcher.result();
        updateScrollBars();
        viewport()->update();
        emit indexReady();
    });
}

RawBodyView::~RawBodyView()
{
    cancelLayout();
}

void RawBodyView::cancelLayout()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
    m_watcher.waitForFinished(); // returns soon: the layout polls the flag
}

void RawBodyView::setBody(const QByteArray &body, DisplayMode mode)
{
    cancelLayout();
    m_body = body;
    ++m_generation;
    m_matchOffset = -1;
    // The first screen: lay out the first 64 KiB now (well under a millisecond), the rest on a
    // worker thread.
    m_layout = DisplayLines(mode);
    m_layout.extend(m_body, 64 * 1024);
    if (!m_layout.isComplete()) {
        m_cancel = std::make_shared<std::atomic_bool>(false);
        m_watcher.setProperty("generation", m_generation);
        m_watcher.setFuture(QtConcurrent::run(
            bodyIndexingPool(), [layout = m_layout, bytes = m_body, cancel = m_cancel]() mutable {
                layout.extend(bytes, -1, cancel.get());
                return layout;
            }));
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

QString RawBodyView::lineText(qint64 line) const
{
    return QString::fromUtf8(m_layout.lineText(m_body, line));
}

qint64 RawBodyView::firstVisibleLine() const
{
    return verticalScrollBar()->value();
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
    const qint64 line = m_layout.lineContaining(m_body, at);
    const int visible = qMax(1, viewport()->height() / fontMetrics().height());
    verticalScrollBar()->setValue(int(qMin<qint64>(INT_MAX, qMax<qint64>(0, line - visible / 3))));
    viewport()->update();
    return true;
}

void RawBodyView::updateScrollBars()
{
    const int lineHeight = fontMetrics().height();
    const int visible = qMax(1, viewport()->height() / lineHeight);
    verticalScrollBar()->setRange(
        0, int(qBound(qint64(0), m_layout.lineCount() - visible, qint64(INT_MAX))));
    verticalScrollBar()->setPageStep(visible);
    const int charWidth = fontMetrics().horizontalAdvance(QLatin1Char('m'));
    horizontalScrollBar()->setRange(
        0, qMax(0, (m_layout.maxLineWidth() + 2) * charWidth - viewport()->width()));
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
    const qint64 first = verticalScrollBar()->value();
    const int rows = viewport()->height() / lineHeight + 2;
    const int x0 = 4 - horizontalScrollBar()->value();
    const QColor text = palette().color(QPalette::Text);
    const QColor keyColor(m_dark ? 0x79c0ff : 0x0550ae);
    const QColor stringColor(m_dark ? 0xa5d6ff : 0x0a3069);
    const QColor numberColor(m_dark ? 0xffa657 : 0x953800);
    const QColor matchColor(m_dark ? 0x9e6a03 : 0xfff8c5);
    DisplayLineState state = m_layout.stateOf(m_body, first);
    QByteArray bytes;
    QList<qint64> sources;
    for (int r = 0; r < rows; ++r) {
        const qint64 line = first + r;
        if (line >= m_layout.lineCount()) {
            break;
        }
        bytes.clear();
        sources.clear();
        if (!m_layout.nextLine(m_body, state, &bytes, m_matchOffset >= 0 ? &sources : nullptr)) {
            break;
        }
        const int y = r * lineHeight;
        if (m_matchOffset >= 0) {
            // The line's bytes that come from the match (pretty lines insert spaces).
            qsizetype from = -1;
            qsizetype to = -1;
            for (qsizetype k = 0; k < sources.size(); ++k) {
                const qint64 source = sources.at(k);
                if (source >= m_matchOffset && source < m_matchOffset + m_matchLength) {
                    from = from < 0 ? k : from;
                    to = k + 1;
                }
            }
            if (from >= 0) {
                const int left = fm.horizontalAdvance(QString::fromUtf8(bytes.left(from)));
                const int width
                    = fm.horizontalAdvance(QString::fromUtf8(bytes.mid(from, to - from)));
                painter.fillRect(QRect(x0 + left, y, width, lineHeight), matchColor);
            }
        }
        const QString s = QString::fromUtf8(bytes);
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
