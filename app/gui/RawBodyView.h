// SPDX-License-Identifier: MIT
#pragma once

#include "gui/JsonIndex.h"

#include <QAbstractScrollArea>
#include <QByteArray>
#include <QFutureWatcher>
#include <QList>

#include <atomic>
#include <memory>

namespace Sb::App {

/** Display-line starts over a body: a line ends at '\n' or after maxColumns bytes. */
struct LineIndex
{
    QList<qint64> starts;
    bool complete = false;
};

/** Builds the line index of @p bytes (runs on a worker thread for big bodies). */
[[nodiscard]] LineIndex buildLineIndex(const QByteArray &bytes, qint64 limitBytes = -1,
                                       int maxColumns = 400);

/**
 * Re-indents JSON text in one pass without parsing it (strings kept byte for byte).
 * Malformed input is formatted as far as it goes; indentation stops growing after 100
 * levels. Cancelled (empty result) when @p cancelled becomes true. This materialises the
 * whole text (about 1.5x the body); RawBodyView's PrettyJson mode shows the same lines
 * without doing so.
 */
[[nodiscard]] QByteArray prettyFormatJson(const QByteArray &bytes,
                                          const std::atomic_bool *cancelled = nullptr);

/**
 * A read-only, virtualised text view over bytes: it paints only the visible lines, so a
 * 100 MB body shows its first screen at once. The line layout (DisplayLines: the bytes as
 * they are, or re-indented JSON) is built off the GUI thread, after the first 64 KiB are
 * laid out synchronously; it stores a checkpoint per 64 lines, never a copy of the text.
 * Optional JSON colouring of the visible lines. Search over the body bytes with find().
 */
class RawBodyView final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RawBodyView)

public:
    explicit RawBodyView(QWidget *parent = nullptr);
    ~RawBodyView() override;

    /** Shows @p body; PrettyJson re-indents it on the fly (the body itself is not copied). */
    void setBody(const QByteArray &body, DisplayMode mode = DisplayMode::Raw);
    [[nodiscard]] const QByteArray &body() const { return m_body; }
    [[nodiscard]] DisplayMode mode() const { return m_layout.mode(); }
    void setJsonColoring(bool on);
    void setDark(bool dark);
    [[nodiscard]] qint64 lineCount() const { return m_layout.lineCount(); }
    [[nodiscard]] bool indexComplete() const { return m_layout.isComplete(); }
    /** The text of display line @p line (for tests and copy). */
    [[nodiscard]] QString lineText(qint64 line) const;
    /** Finds @p needle after the current match (wrapping); false when absent. */
    bool find(const QString &needle);
    [[nodiscard]] qint64 matchOffset() const { return m_matchOffset; }
    [[nodiscard]] qint64 firstVisibleLine() const;

signals:
    void indexReady();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void cancelLayout();
    void updateScrollBars();

    QByteArray m_body;
    DisplayLines m_layout;
    QFutureWatcher<DisplayLines> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    int m_generation = 0;
    bool m_json = false;
    bool m_dark = false;
    qint64 m_matchOffset = -1;
    qint64 m_matchLength = 0;
};

} // namespace Sb::App
