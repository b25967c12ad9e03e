// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>
#include <optional>

class QThreadPool;

namespace Sb::App {

/**
 * The threads that lay out and index response bodies. Not QThreadPool::globalInstance():
 * Qt's raster paint engine runs its fills on the global pool and waits for them, so a long
 * index there would hold up every paint until it finished.
 */
[[nodiscard]] QThreadPool *bodyIndexingPool();

enum class DisplayMode {
    Raw,        ///< the bytes as they are; a line ends at '\n' or after maxColumns bytes
    PrettyJson, ///< re-indented as prettyFormatJson() does, without parsing
};

/** The formatter's state where a display line starts (opaque outside DisplayLines). */
struct DisplayLineState
{
    qint64 offset = 0; ///< the next body byte to read
    qint64 depth = 0;  ///< nesting depth (PrettyJson; may go negative on malformed input)
    quint8 flags = 0;
};

/**
 * The display lines of a body, kept sparse: only the formatter's state at every 64th line is
 * stored, so the layout of a 100 MB body costs kilobytes, not a copy. Visible lines are
 * regenerated from the nearest checkpoint when painted. In PrettyJson mode the re-indented
 * text is therefore never materialised; indentation stops growing after 100 levels, and
 * lines are wrapped after maxColumns bytes (never inside a UTF-8 sequence), so painting any
 * line costs a bounded amount of work whatever the input (one 100 MB line, 100 MB of '[').
 * Build it with extend() on a worker thread; reading is const and thread-safe.
 */
class DisplayLines
{
public:
    static constexpr qint64 stride = 64;
    static constexpr int maxIndentDepth = 100;

    explicit DisplayLines(DisplayMode mode = DisplayMode::Raw, int maxColumns = 400);

    /**
     * Lays out lines that start before @p limitBytes (-1: to the end). Continues where the
     * previous call stopped. Returns false when @p cancelled became true (the layout is then
     * incomplete but consistent).
     */
    bool extend(const QByteArray &bytes, qint64 limitBytes = -1,
                const std::atomic_bool *cancelled = nullptr);

    [[nodiscard]] DisplayMode mode() const { return m_mode; }
    [[nodiscard]] int maxColumns() const { return m_maxColumns; }
    /** The widest line in characters this layout can produce (for a horizontal scroll bar). */
    [[nodiscard]] int maxLineWidth() const;
    [[nodiscard]] qint64 lineCount() const { return m_lines; }
    [[nodiscard]] bool isComplete() const { return m_complete; }
    /** Byte offset up to which lines are laid out. */
    [[nodiscard]] qint64 laidOutBytes() const { return m_end.offset; }

    /** The state where @p line starts (clamped to the laid-out lines). */
    [[nodiscard]] DisplayLineState stateOf(const QByteArray &bytes, qint64 line) const;
    /** The last laid-out line that starts at or before body byte @p offset. */
    [[nodiscard]] qint64 lineContaining(const QByteArray &bytes, qint64 offset) const;
    /** The text of @p line (UTF-8, no line break). */
    [[nodiscard]] QByteArray lineText(const QByteArray &bytes, qint64 line) const;

    /**
     * Produces the line that starts at @p state and moves @p state to the next line; false
     * when there is no further line. @p text receives the line (UTF-8) and @p sources the
     * body offset of each of its bytes (-1 for inserted indentation and spaces).
     */
    bool nextLine(const QByteArray &bytes, DisplayLineState &state, QByteArray *text = nullptr,
                  QList<qint64> *sources = nullptr) const;

private:
    DisplayMode m_mode;
    int m_maxColumns;
    QList<DisplayLineState> m_checkpoints; ///< the state at line k * stride
    DisplayLineState m_end;                ///< where the next line to lay out starts
    qint64 m_lines = 0;
    bool m_complete = false;
};

struct JsonIndexError
{
    enum class Code { Empty, Syntax, TooDeep, TooLarge, TooManyValues, Cancelled, OutOfMemory };
    Code code = Code::Syntax;
    QString message;
    qint64 offset = -1; ///< the byte where the problem was found, when there is one
};

/**
 * A structural index over a JSON body for a lazy tree: one strict pass (RFC 8259 grammar,
 * UTF-8 validated, depth at most 1024, no recursion) records every object and array with its
 * extent, parent and child count, plus a sparse table to reach any child quickly (one entry
 * per 64 children or per 4 KiB of body). Scalars are not stored: they are read from the
 * body when shown. It costs 20 bytes per container (about a fifth of the body for SuiteQL
 * results), against about 7x the body for QJsonDocument. Bodies of 4 GiB and more, and
 * bodies denser than one container per 16 bytes beyond 64 Ki containers, are refused.
 * The index keeps a shared reference to the bytes; reading is const and thread-safe.
 */
class JsonIndex
{
public:
    enum class Kind { Object, Array, String, Number, Bool, Null, Invalid };

    struct Container
    {
        quint32 start = 0;    ///< offset of '{' or '['
        quint32 end = 0;      ///< offset of the matching '}' or ']'
        quint32 parent = 0;   ///< containing container, noParent for the root
        quint32 row = 0;      ///< index among the parent's children
        quint32 children = 0; ///< members or items
    };

    /** A child of a container: where its key (objects) and its value start. */
    struct Child
    {
        qint64 keyOffset = -1; ///< -1 for array items
        qint64 valueOffset = -1;
    };

    static constexpr quint32 noParent = 0xFFFFFFFFu;
    static constexpr int maxDepth = 1024;

    JsonIndex() = default;

    [[nodiscard]] static Core::Result<JsonIndex, JsonIndexError>
    build(const QByteArray &bytes, const std::atomic_bool *cancelled = nullptr) noexcept;

    [[nodiscard]] const QByteArray &bytes() const { return m_bytes; }
    [[nodiscard]] qint64 rootOffset() const { return m_root; }
    [[nodiscard]] qsizetype containerCount() const { return m_containers.size(); }
    [[nodiscard]] const Container &container(quint32 id) const { return m_containers.at(id); }
    /** The container whose '{' or '[' is at @p offset. */
    [[nodiscard]] std::optional<quint32> containerAt(qint64 offset) const;
    [[nodiscard]] std::optional<Child> child(quint32 container, quint32 row) const;
    [[nodiscard]] Kind kindAt(qint64 offset) const;
    /** The decoded string starting at @p offset (its opening quote), cut after @p maxChars. */
    [[nodiscard]] QString stringAt(qint64 offset, int maxChars = 1000) const;
    /** Numbers, true, false and null exactly as written. */
    [[nodiscard]] QString literalAt(qint64 offset, int maxChars = 1000) const;

private:
    struct Checkpoint
    {
        quint32 container;
        quint32 child;
        quint32 offset; ///< where that child (its key, for objects) starts
    };

    [[nodiscard]] qint64 skipValue(qint64 offset) const;
    [[nodiscard]] qint64 skipWhitespace(qint64 offset) const;

    QByteArray m_bytes;
    qint64 m_root = -1;
    QList<Container> m_containers; ///< in document order: sorted by start
    QList<Checkpoint> m_checkpoints;
};

} // namespace Sb::App
