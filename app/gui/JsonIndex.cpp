// SPDX-License-Identifier: MIT
#include "gui/JsonIndex.h"

#include <QCoreApplication>
#include <QThreadPool>

#include <algorithm>
#include <array>
#include <cstring>
#include <new>

namespace Sb::App {

namespace {

Q_GLOBAL_STATIC(QThreadPool, indexingPool)

// DisplayLineState::flags
constexpr quint8 inStringFlag = 1;
constexpr quint8 escapedFlag = 2;
constexpr quint8 closePendingFlag = 4; // the line starts with the '}' or ']' at offset
constexpr quint8 continuationFlag = 8; // a wrapped line: no indentation

// A run of whitespace this long ends a display line, so no line costs more than this to
// produce; the empty-container look-ahead ("{ }" stays on one line) stops there too.
constexpr qint64 maxSourceBytesPerLine = 64 * 1024;

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isContinuationByte(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

class LineWriter
{
public:
    LineWriter(QByteArray *text, QList<qint64> *sources)
        : m_text(text)
        , m_sources(sources)
    {}
    void put(char c, qint64 source)
    {
        if (m_text) {
            m_text->append(c);
        }
        if (m_sources) {
            m_sources->append(source);
        }
        ++column;
    }
    void put(const char *from, qint64 count, qint64 source)
    {
        if (m_text) {
            m_text->append(from, qsizetype(count));
        }
        if (m_sources) {
            for (qint64 i = 0; i < count; ++i) {
                m_sources->append(source + i);
            }
        }
        column += count;
    }
    void spaces(qint64 count)
    {
        if (m_text) {
            m_text->append(qsizetype(count), ' ');
        }
        if (m_sources) {
            for (qint64 i = 0; i < count; ++i) {
                m_sources->append(-1);
            }
        }
        column += count;
    }
    qint64 column = 0;

private:
    QByteArray *m_text;
    QList<qint64> *m_sources;
};

bool rawLine(const char *data, qint64 size, int maxColumns, DisplayLineState &state,
             QByteArray *text, QList<qint64> *sources)
{
    const qint64 start = state.offset;
    if (start >= size) {
        return false;
    }
    const qint64 window = qMin<qint64>(maxColumns, size - start);
    const void *nl = std::memchr(data + start, '\n', size_t(window));
    qint64 next;
    qint64 contentEnd;
    if (nl) {
        next = static_cast<const char *>(nl) - data + 1;
        contentEnd = next - 1;
        if (contentEnd > start && data[contentEnd - 1] == '\r') {
            --contentEnd;
        }
    } else {
        next = start + window;
        // Never split a UTF-8 sequence (at most 3 continuation bytes; beyond that the
        // input is not UTF-8 and any split will do, which keeps this linear).
        qint64 back = next;
        while (back > start + 1 && back < size && next - back < 3
               && isContinuationByte(data[back])) {
            --back;
        }
        if (back < size && isContinuationByte(data[back]) && back != next) {
            back = next;
        }
        next = back;
        contentEnd = next;
    }
    LineWriter(text, sources).put(data + start, contentEnd - start, start);
    state.offset = next;
    return true;
}

bool prettyLine(const char *data, qint64 size, int maxColumns, DisplayLineState &state,
                QByteArray *text, QList<qint64> *sources)
{
    if (state.offset >= size) {
        return false;
    }
    LineWriter out(text, sources);
    if (!(state.flags & continuationFlag)) {
        out.spaces(2 * qBound(qint64(0), state.depth, qint64(DisplayLines::maxIndentDepth)));
    }
    state.flags &= quint8(~continuationFlag);
    if (state.flags & closePendingFlag) {
        out.put(data[state.offset], state.offset);
        ++state.offset;
        state.flags &= quint8(~closePendingFlag);
    }
    bool inString = state.flags & inStringFlag;
    bool escaped = state.flags & escapedFlag;
    const qint64 lineStart = state.offset;
    const qint64 wrapAt = out.column + maxColumns;
    qint64 &i = state.offset;
    bool ended = false;
    while (i < size && !ended) {
        const char c = data[i];
        const bool closes = !inString && (c == '}' || c == ']');
        if (!closes && (out.column >= wrapAt || i - lineStart >= maxSourceBytesPerLine)
            && !(isContinuationByte(c) && out.column < wrapAt + 3)) {
            state.flags |= continuationFlag;
            break;
        }
        if (inString) {
            if (!escaped) {
                // Copy a run of plain string bytes at once.
                const qint64 runEnd = qMin(size, i + qMax<qint64>(1, wrapAt - out.column));
                qint64 k = i;
                while (k < runEnd && data[k] != '"' && data[k] != '\\') {
                    ++k;
                }
                if (k > i) {
                    out.put(data + i, k - i, i);
                    i = k;
                    continue;
                }
            }
            out.put(c, i);
            ++i;
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
            out.put(c, i);
            ++i;
            break;
        case '{':
        case '[': {
            // Keep empty containers on one line.
            qint64 j = i + 1;
            const qint64 stop = qMin(size, j + maxSourceBytesPerLine);
            while (j < stop && isSpace(data[j])) {
                ++j;
            }
            if (j < size && (data[j] == '}' || data[j] == ']')) {
                out.put(c, i);
                out.put(data[j], j);
                i = j + 1;
                break;
            }
            out.put(c, i);
            ++state.depth;
            ++i;
            ended = true;
            break;
        }
        case '}':
        case ']':
            --state.depth;
            state.flags |= closePendingFlag;
            ended = true;
            break;
        case ',':
            out.put(c, i);
            ++i;
            ended = true;
            break;
        case ':':
            out.put(c, i);
            out.spaces(1);
            ++i;
            break;
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            ++i;
            break;
        default:
            out.put(c, i);
            ++i;
        }
    }
    state.flags = quint8((state.flags & ~(inStringFlag | escapedFlag))
                         | (inString ? inStringFlag : 0) | (escaped ? escapedFlag : 0));
    return true;
}

} // namespace

QThreadPool *bodyIndexingPool()
{
    return indexingPool();
}

DisplayLines::DisplayLines(DisplayMode mode, int maxColumns)
    : m_mode(mode)
    , m_maxColumns(qMax(8, maxColumns))
{}

int DisplayLines::maxLineWidth() const
{
    return m_mode == DisplayMode::Raw ? m_maxColumns : m_maxColumns + 2 * maxIndentDepth + 8;
}

bool DisplayLines::nextLine(const QByteArray &bytes, DisplayLineState &state, QByteArray *text,
                            QList<qint64> *sources) const
{
    if (m_mode == DisplayMode::Raw) {
        return rawLine(bytes.constData(), bytes.size(), m_maxColumns, state, text, sources);
    }
    return prettyLine(bytes.constData(), bytes.size(), m_maxColumns, state, text, sources);
}

bool DisplayLines::extend(const QByteArray &bytes, qint64 limitBytes,
                          const std::atomic_bool *cancelled)
{
    quint32 counter = 0;
    while (!m_complete) {
        if (cancelled && (++counter & 0x3F) == 0 && cancelled->load(std::memory_order_relaxed)) {
            return false;
        }
        if (limitBytes >= 0 && m_end.offset >= limitBytes && m_end.offset < bytes.size()) {
            break;
        }
        DisplayLineState next = m_end;
        if (!nextLine(bytes, next)) {
            if (m_lines == 0) { // an empty body still shows one (empty) line
                m_checkpoints.append(m_end);
                m_lines = 1;
            }
            m_complete = true;
            break;
        }
        if (m_lines % stride == 0) {
            m_checkpoints.append(m_end);
        }
        ++m_lines;
        m_end = next;
    }
    return true;
}

DisplayLineState DisplayLines::stateOf(const QByteArray &bytes, qint64 line) const
{
    if (m_checkpoints.isEmpty() || line <= 0) {
        return {};
    }
    line = qMin(line, m_lines - 1);
    DisplayLineState state = m_checkpoints.at(qsizetype(line / stride));
    for (qint64 l = line / stride * stride; l < line; ++l) {
        nextLine(bytes, state);
    }
    return state;
}

qint64 DisplayLines::lineContaining(const QByteArray &bytes, qint64 offset) const
{
    if (m_checkpoints.isEmpty()) {
        return 0;
    }
    const auto after = std::upper_bound(
        m_checkpoints.cbegin(), m_checkpoints.cend(), offset,
        [](qint64 value, const DisplayLineState &s) { return value < s.offset; });
    const qsizetype checkpoint = qMax<qsizetype>(0, (after - m_checkpoints.cbegin()) - 1);
    qint64 line = qint64(checkpoint) * stride;
    DisplayLineState state = m_checkpoints.at(checkpoint);
    while (line + 1 < m_lines) {
        DisplayLineState next = state;
        if (!nextLine(bytes, next) || next.offset > offset) {
            break;
        }
        state = next;
        ++line;
    }
    return line;
}

QByteArray DisplayLines::lineText(const QByteArray &bytes, qint64 line) const
{
    if (line < 0 || line >= m_lines) {
        return {};
    }
    DisplayLineState state = stateOf(bytes, line);
    QByteArray text;
    nextLine(bytes, state, &text);
    return text;
}

// ---------------------------------------------------------------------------------------------

namespace {

struct JsonTr
{
    Q_DECLARE_TR_FUNCTIONS(Sb::App::JsonIndex)
};

// Bytes the string scanner must look at: '"', '\\', control characters and non-ASCII.
constexpr std::array<bool, 256> stringStops = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c) {
        table[std::size_t(c)] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
    }
    return table;
}();

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/** Length of the valid UTF-8 sequence at @p p (RFC 3629: no overlongs, no surrogates), or 0. */
int utf8SequenceLength(const unsigned char *p, qint64 available)
{
    const unsigned char c = p[0];
    int length;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0) {
            low = 0xA0;
        } else if (c == 0xED) {
            high = 0x9F;
        }
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0) {
            low = 0x90;
        } else if (c == 0xF4) {
            high = 0x8F;
        }
    } else {
        return 0;
    }
    if (available < length || p[1] < low || p[1] > high) {
        return 0;
    }
    for (int k = 2; k < length; ++k) {
        if ((p[k] & 0xC0) != 0x80) {
            return 0;
        }
    }
    return length;
}

class Builder
{
public:
    Builder(const QByteArray &bytes, const std::atomic_bool *cancelled)
        : m_data(bytes.constData())
        , m_size(bytes.size())
        , m_cancelled(cancelled)
    {}

    std::optional<JsonIndexError> run(QList<JsonIndex::Container> &containers,
                                      QList<quint32> &checkpointWords, qint64 &root);

private:
    struct Open
    {
        quint32 id;
        quint32 lastCheckpoint; ///< offset of the last child with a checkpoint
        bool object;
    };

    JsonIndexError error(JsonIndexError::Code code, const QString &message, qint64 offset) const
    {
        return JsonIndexError{code, message, offset};
    }
    JsonIndexError syntax(const QString &what, qint64 offset) const
    {
        return error(JsonIndexError::Code::Syntax,
                     JsonTr::tr("%1 at offset %2").arg(what).arg(offset), offset);
    }
    void skipSpace()
    {
        while (m_i < m_size && isSpace(m_data[m_i])) {
            ++m_i;
        }
    }
    std::optional<JsonIndexError> scanString();
    std::optional<JsonIndexError> scanNumber();
    std::optional<JsonIndexError> scanLiteral();

    const char *m_data;
    qint64 m_size;
    const std::atomic_bool *m_cancelled;
    qint64 m_i = 0;
};

std::optional<JsonIndexError> Builder::scanString()
{
    const qint64 start = m_i;
    ++m_i; // the opening quote
    const auto *data = reinterpret_cast<const unsigned char *>(m_data);
    while (true) {
        while (m_i < m_size && !stringStops[data[m_i]]) {
            ++m_i;
        }
        if (m_i >= m_size) {
            return syntax(JsonTr::tr("Unterminated string"), start);
        }
        const unsigned char c = data[m_i];
        if (c == '"') {
            ++m_i;
            return std::nullopt;
        }
        if (c == '\\') {
            if (m_i + 1 >= m_size) {
                return syntax(JsonTr::tr("Unterminated string"), start);
            }
            const char e = m_data[m_i + 1];
            if (e == 'u') {
                if (m_i + 6 > m_size || !isHex(m_data[m_i + 2]) || !isHex(m_data[m_i + 3])
                    || !isHex(m_data[m_i + 4]) || !isHex(m_data[m_i + 5])) {
                    return syntax(JsonTr::tr("Invalid \\u escape"), m_i);
                }
                m_i += 6;
            } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n'
                       || e == 'r' || e == 't') {
                m_i += 2;
            } else {
                return syntax(JsonTr::tr("Invalid escape"), m_i);
            }
            continue;
        }
        if (c < 0x20) {
            return syntax(JsonTr::tr("Control character in a string"), m_i);
        }
        const int length = utf8SequenceLength(data + m_i, m_size - m_i);
        if (length == 0) {
            return syntax(JsonTr::tr("Invalid UTF-8"), m_i);
        }
        m_i += length;
    }
}

std::optional<JsonIndexError> Builder::scanNumber()
{
    const qint64 start = m_i;
    auto digits = [this] {
        const qint64 from = m_i;
        while (m_i < m_size && m_data[m_i] >= '0' && m_data[m_i] <= '9') {
            ++m_i;
        }
        return m_i - from;
    };
    if (m_data[m_i] == '-') {
        ++m_i;
    }
    if (m_i < m_size && m_data[m_i] == '0') {
        ++m_i;
    } else if (digits() == 0) {
        return syntax(JsonTr::tr("Invalid number"), start);
    }
    if (m_i < m_size && m_data[m_i] == '.') {
        ++m_i;
        if (digits() == 0) {
            return syntax(JsonTr::tr("Invalid number"), start);
        }
    }
    if (m_i < m_size && (m_data[m_i] == 'e' || m_data[m_i] == 'E')) {
        ++m_i;
        if (m_i < m_size && (m_data[m_i] == '+' || m_data[m_i] == '-')) {
            ++m_i;
        }
        if (digits() == 0) {
            return syntax(JsonTr::tr("Invalid number"), start);
        }
    }
    return std::nullopt;
}

std::optional<JsonIndexError> Builder::scanLiteral()
{
    for (const char *word : {"true", "false", "null"}) {
        const qint64 length = qint64(std::strlen(word));
        if (m_i + length <= m_size && std::memcmp(m_data + m_i, word, size_t(length)) == 0) {
            m_i += length;
            return std::nullopt;
        }
    }
    return syntax(JsonTr::tr("Unexpected character"), m_i);
}

std::optional<JsonIndexError> Builder::run(QList<JsonIndex::Container> &containers,
                                           QList<quint32> &checkpointWords, qint64 &root)
{
    if (m_size >= qint64(JsonIndex::noParent)) {
        return error(JsonIndexError::Code::TooLarge,
                     JsonTr::tr("The body is too large for the tree view (4 GiB or more)"), -1);
    }
    const qint64 maxContainers = m_size / 16 + 65536;
    QList<Open> stack;
    stack.reserve(64);
    skipSpace();
    if (m_i >= m_size) {
        return error(JsonIndexError::Code::Empty, JsonTr::tr("The body is empty"), m_size);
    }
    root = m_i;
    quint32 counter = 0;
    // After a value (or an opening bracket), what may come next.
    enum class Expect { Value, FirstValueOrClose, FirstKeyOrClose, Key, CommaOrClose };
    Expect expect = Expect::Value;
    while (true) {
        if ((counter++ & 0xFFFF) == 0 && m_cancelled
            && m_cancelled->load(std::memory_order_relaxed)) {
            return error(JsonIndexError::Code::Cancelled, JsonTr::tr("Cancelled"), m_i);
        }
        skipSpace();
        if (m_i >= m_size) {
            if (stack.isEmpty() && expect == Expect::CommaOrClose) {
                return std::nullopt;
            }
            return syntax(JsonTr::tr("Unexpected end of the body"), m_size);
        }
        const char c = m_data[m_i];
        if (stack.isEmpty() && expect == Expect::CommaOrClose) {
            return syntax(JsonTr::tr("Unexpected data after the value"), m_i);
        }
        // A close bracket ends the innermost container.
        if ((c == '}' || c == ']')
            && (expect == Expect::CommaOrClose || expect == Expect::FirstValueOrClose
                || expect == Expect::FirstKeyOrClose)) {
            const Open &open = stack.constLast();
            if ((c == '}') != open.object) {
                return syntax(JsonTr::tr("Mismatched bracket"), m_i);
            }
            containers[open.id].end = quint32(m_i);
            stack.removeLast();
            ++m_i;
            expect = Expect::CommaOrClose;
            continue;
        }
        if (expect == Expect::CommaOrClose) {
            if (c != ',') {
                return syntax(JsonTr::tr("Expected ',' or a closing bracket"), m_i);
            }
            ++m_i;
            expect = stack.constLast().object ? Expect::Key : Expect::Value;
            continue;
        }
        // A new child of the innermost container starts here (its key, for objects).
        const bool keyed = expect == Expect::Key || expect == Expect::FirstKeyOrClose;
        if (!stack.isEmpty()) {
            Open &open = stack.last();
            JsonIndex::Container &parent = containers[open.id];
            if (parent.children == JsonIndex::noParent - 1) {
                return error(JsonIndexError::Code::TooManyValues,
                             JsonTr::tr("Too many values for the tree view"), m_i);
            }
            const quint32 childNumber = parent.children++;
            if (childNumber > 0
                && (childNumber % 64 == 0 || quint32(m_i) - open.lastCheckpoint > 4096)) {
                checkpointWords.append(open.id);
                checkpointWords.append(childNumber);
                checkpointWords.append(quint32(m_i));
                open.lastCheckpoint = quint32(m_i);
            }
        }
        if (keyed) {
            if (c != '"') {
                return syntax(JsonTr::tr("Expected a member name"), m_i);
            }
            if (auto failed = scanString()) {
                return failed;
            }
            skipSpace();
            if (m_i >= m_size || m_data[m_i] != ':') {
                return syntax(JsonTr::tr("Expected ':'"), qMin(m_i, m_size));
            }
            ++m_i;
            skipSpace();
            if (m_i >= m_size) {
                return syntax(JsonTr::tr("Unexpected end of the body"), m_size);
            }
        }
        // A value.
        const char v = m_data[m_i];
        if (v == '{' || v == '[') {
            if (stack.size() >= JsonIndex::maxDepth) {
                return error(JsonIndexError::Code::TooDeep,
                             JsonTr::tr("Nested more than %1 levels at offset %2")
                                 .arg(JsonIndex::maxDepth)
                                 .arg(m_i),
                             m_i);
            }
            if (containers.size() >= maxContainers) {
                return error(JsonIndexError::Code::TooManyValues,
                             JsonTr::tr("Too many objects and arrays for the tree view"), m_i);
            }
            JsonIndex::Container container;
            container.start = quint32(m_i);
            container.end = quint32(m_i);
            if (stack.isEmpty()) {
                container.parent = JsonIndex::noParent;
            } else {
                container.parent = stack.constLast().id;
                container.row = containers.at(container.parent).children - 1;
            }
            stack.append({quint32(containers.size()), quint32(m_i), v == '{'});
            containers.append(container);
            ++m_i;
            expect = v == '{' ? Expect::FirstKeyOrClose : Expect::FirstValueOrClose;
            continue;
        }
        std::optional<JsonIndexError> failed;
        if (v == '"') {
            failed = scanString();
        } else if (v == '-' || (v >= '0' && v <= '9')) {
            failed = scanNumber();
        } else {
            failed = scanLiteral();
        }
        if (failed) {
            return failed;
        }
        expect = Expect::CommaOrClose;
    }
}

} // namespace

Core::Result<JsonIndex, JsonIndexError> JsonIndex::build(const QByteArray &bytes,
                                                         const std::atomic_bool *cancelled) noexcept
{
    try {
        JsonIndex index;
        index.m_bytes = bytes;
        QList<quint32> words; // checkpoints as (container, child, offset) triples
        Builder builder(bytes, cancelled);
        if (auto failed = builder.run(index.m_containers, words, index.m_root)) {
            return tl::unexpected(*failed);
        }
        index.m_checkpoints.reserve(words.size() / 3);
        for (qsizetype k = 0; k + 2 < words.size(); k += 3) {
            index.m_checkpoints.append({words.at(k), words.at(k + 1), words.at(k + 2)});
        }
        std::sort(index.m_checkpoints.begin(), index.m_checkpoints.end(),
                  [](const Checkpoint &a, const Checkpoint &b) {
                      return a.container != b.container ? a.container < b.container
                                                        : a.child < b.child;
                  });
        index.m_containers.squeeze();
        return index;
    } catch (const std::bad_alloc &) {
        return tl::unexpected(JsonIndexError{
            JsonIndexError::Code::OutOfMemory,
            JsonTr::tr("Not enough memory to index the body for the tree view"), -1});
    }
}

std::optional<quint32> JsonIndex::containerAt(qint64 offset) const
{
    const auto it = std::lower_bound(
        m_containers.cbegin(), m_containers.cend(), offset,
        [](const Container &c, qint64 value) { return qint64(c.start) < value; });
    if (it == m_containers.cend() || qint64(it->start) != offset) {
        return std::nullopt;
    }
    return quint32(it - m_containers.cbegin());
}

qint64 JsonIndex::skipWhitespace(qint64 offset) const
{
    while (offset < m_bytes.size() && isSpace(m_bytes.at(offset))) {
        ++offset;
    }
    return offset;
}

qint64 JsonIndex::skipValue(qint64 offset) const
{
    const qint64 size = m_bytes.size();
    if (offset >= size) {
        return size;
    }
    const char *data = m_bytes.constData();
    const char c = data[offset];
    if (c == '{' || c == '[') {
        const auto id = containerAt(offset);
        return id ? qint64(m_containers.at(*id).end) + 1 : size;
    }
    if (c == '"') {
        qint64 i = offset + 1;
        while (i < size && data[i] != '"') {
            i += data[i] == '\\' ? 2 : 1;
        }
        return qMin(size, i + 1);
    }
    qint64 i = offset;
    while (i < size && !isSpace(data[i]) && data[i] != ',' && data[i] != '}' && data[i] != ']') {
        ++i;
    }
    return i;
}

std::optional<JsonIndex::Child> JsonIndex::child(quint32 container, quint32 row) const
{
    if (container >= quint32(m_containers.size())) {
        return std::nullopt;
    }
    const Container &parent = m_containers.at(container);
    if (row >= parent.children) {
        return std::nullopt;
    }
    const bool object = m_bytes.at(parent.start) == '{';
    // The nearest checkpoint at or before the row (child 0 starts after the bracket).
    const auto after = std::upper_bound(
        m_checkpoints.cbegin(), m_checkpoints.cend(), std::pair{container, row},
        [](const std::pair<quint32, quint32> &key, const Checkpoint &c) {
            return key.first != c.container ? key.first < c.container : key.second < c.child;
        });
    quint32 current = 0;
    qint64 i = qint64(parent.start) + 1;
    if (after != m_checkpoints.cbegin()) {
        const Checkpoint &cp = *(after - 1);
        if (cp.container == container) {
            current = cp.child;
            i = cp.offset;
        }
    }
    const qint64 size = m_bytes.size();
    while (true) {
        i = skipWhitespace(i);
        Child found;
        if (object) {
            found.keyOffset = i;
            i = skipWhitespace(skipValue(i)); // the key
            if (i >= size || m_bytes.at(i) != ':') {
                return std::nullopt;
            }
            i = skipWhitespace(i + 1);
        }
        found.valueOffset = i;
        if (current == row) {
            return found;
        }
        i = skipWhitespace(skipValue(i));
        if (i >= size || m_bytes.at(i) != ',') {
            return std::nullopt;
        }
        ++i;
        ++current;
    }
}

JsonIndex::Kind JsonIndex::kindAt(qint64 offset) const
{
    if (offset < 0 || offset >= m_bytes.size()) {
        return Kind::Invalid;
    }
    switch (m_bytes.at(offset)) {
    case '{':
        return Kind::Object;
    case '[':
        return Kind::Array;
    case '"':
        return Kind::String;
    case 't':
    case 'f':
        return Kind::Bool;
    case 'n':
        return Kind::Null;
    default:
        return Kind::Number;
    }
}

QString JsonIndex::stringAt(qint64 offset, int maxChars) const
{
    const qint64 size = m_bytes.size();
    if (offset < 0 || offset >= size || m_bytes.at(offset) != '"') {
        return {};
    }
    const char *data = m_bytes.constData();
    QString out;
    QByteArray run; // raw UTF-8 between escapes
    auto flush = [&] {
        out += QString::fromUtf8(run);
        run.clear();
    };
    qint64 i = offset + 1;
    while (i < size && data[i] != '"') {
        if (!isContinuationByte(data[i]) && out.size() + run.size() >= maxChars) {
            flush();
            out.truncate(maxChars);
            out += QChar(0x2026); // …
            return out;
        }
        if (data[i] != '\\') {
            run.append(data[i]);
            ++i;
            continue;
        }
        flush();
        const char e = i + 1 < size ? data[i + 1] : '\0';
        i += 2;
        switch (e) {
        case 'b':
            out += QLatin1Char('\b');
            break;
        case 'f':
            out += QLatin1Char('\f');
            break;
        case 'n':
            out += QLatin1Char('\n');
            break;
        case 'r':
            out += QLatin1Char('\r');
            break;
        case 't':
            out += QLatin1Char('\t');
            break;
        case 'u': {
            bool ok = false;
            const ushort unit
                = i + 4 <= size ? QByteArray(data + i, 4).toUShort(&ok, 16) : ushort(0);
            i += 4;
            out += ok ? QChar(unit) : QChar(QChar::ReplacementCharacter);
            break;
        }
        default:
            out += QLatin1Char(e);
        }
    }
    flush();
    // Lone surrogates from \u escapes become U+FFFD.
    for (qsizetype k = 0; k < out.size(); ++k) {
        const QChar ch = out.at(k);
        if (ch.isHighSurrogate() && k + 1 < out.size() && out.at(k + 1).isLowSurrogate()) {
            ++k;
        } else if (ch.isSurrogate()) {
            out[k] = QChar(QChar::ReplacementCharacter);
        }
    }
    return out;
}

QString JsonIndex::literalAt(qint64 offset, int maxChars) const
{
    if (offset < 0 || offset >= m_bytes.size()) {
        return {};
    }
    const qint64 end = qMin(skipValue(offset), offset + maxChars);
    return QString::fromLatin1(m_bytes.constData() + offset, end - offset);
}

} // namespace Sb::App
