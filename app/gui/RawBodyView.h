// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractScrollArea>
#include <QByteArray>
#include <QFutureWatcher>
#include <QList>

#include <atomic>

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
 * Re-indents JSON text in one pass without parsing it (strings kept byte for byte), so even a
 * 100 MB body gets a pretty view without a DOM. Malformed input is formatted as far as it
 * goes. Cancelled (empty result) when @p cancelled becomes true.
 */
[[nodiscard]] QByteArray prettyFormatJson(const QByteArray &bytes,
                                          const std::atomic_bool *cancelled = nullptr);

/**
 * A read-only, virtualised text view over bytes: it paints only the visible lines, so a
 * 100 MB body shows its first screen at once. The line index is built off the GUI thread
 * (the first screen is indexed synchronously from the first 64 KiB). Plain text only;
 * optional JSON colouring of the visible lines. Search over the bytes with find().
 */
class RawBodyView final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RawBodyView)

public:
    explicit RawBodyView(QWidget *parent = nullptr);
    ~RawBodyView() override;

    void setBody(const QByteArray &body);
    [[nodiscard]] const QByteArray &body() const { return m_body; }
    void setJsonColoring(bool on);
    void setDark(bool dark);
    [[nodiscard]] qint64 lineCount() const { return m_index.starts.size(); }
    [[nodiscard]] bool indexComplete() const { return m_index.complete; }
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
    void updateScrollBars();
    [[nodiscard]] qint64 lineOf(qint64 offset) const;
    [[nodiscard]] qint64 lineEnd(qint64 line) const;

    QByteArray m_body;
    LineIndex m_index;
    QFutureWatcher<LineIndex> m_watcher;
    int m_generation = 0;
    bool m_json = false;
    bool m_dark = false;
    qint64 m_matchOffset = -1;
    qint64 m_matchLength = 0;
};

} // namespace Sb::App
