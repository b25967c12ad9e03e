// SPDX-License-Identifier: MIT
// A strict, iterative JSON object parser for untrusted token headers and claims.
//
// Why our own parser instead of QJsonDocument (reliability doc §0 item 8, J6–J9):
//  - Qt keeps the last of duplicate member names silently; other parsers keep the first,
//    which makes {"alg":"RS256","alg":"none"} a confusion vector. We report every value.
//  - Qt turns an integer beyond 64 bits into 0 via toInteger(); we keep the raw text.
//  - Qt accepts a BOM; RFC 8259 §8.1 says a BOM must not be added, so we reject it.
//  - Our own tree building must not recurse (Nimbus CVE-2025-53864): this parser uses an
//    explicit stack and a depth cap, so no input can overflow the call stack.
#include "jwt/StrictJson.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QtNumeric>

#include <algorithm>
#include <vector>

namespace Sb::Jwt {

namespace {

struct Span
{
    qsizetype begin = 0;
    qsizetype end = 0;
};

/** One open container on the explicit stack. */
struct Frame
{
    enum class Expect {
        FirstKeyOrEnd, ///< just after '{'
        Key,           ///< after ','
        Colon,
        FirstValueOrEnd, ///< just after '['
        Value,           ///< after ':' in an object or ',' in an array
        CommaOrEnd,
    };

    bool isObject = true;
    Expect expect = Expect::FirstKeyOrEnd;
    QJsonObject object;
    QJsonArray array;
    QString path;                            ///< JSON-pointer-like path of this container
    QString pendingKey;                      ///< member name whose value is being parsed
    qsizetype valueBegin = 0;                ///< offset where the pending value starts
    QHash<QString, QList<Span>> memberSpans; ///< every occurrence of every member name
};

struct PendingDuplicate
{
    qsizetype firstOffset = 0;
    DuplicateMember member;
};

/** RFC 6901 escaping so a member name containing '/' or '~' gives an unambiguous path. */
QString escapePointerToken(const QString &name)
{
    QString escaped = name;
    escaped.replace(QLatin1Char('~'), QLatin1String("~0"));
    escaped.replace(QLatin1Char('/'), QLatin1String("~1"));
    return escaped;
}

bool isJsonWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

class Parser
{
public:
    Parser(QByteArrayView bytes, const JsonLimits &limits, StrictJsonResult &result)
        : m_data(bytes.data())
        , m_size(bytes.size())
        , m_limits(limits)
        , m_result(result)
    {}

    bool run();

private:
    bool fail(qsizetype offset, const QString &message)
    {
        m_result.ok = false;
        m_result.error = message;
        m_result.errorOffset = offset;
        return false;
    }

    [[nodiscard]] unsigned char byteAt(qsizetype i) const
    {
        return static_cast<unsigned char>(m_data[i]);
    }

    void skipWhitespace()
    {
        while (m_pos < m_size && isJsonWhitespace(m_data[m_pos])) {
            ++m_pos;
        }
    }

    [[nodiscard]] QString childPath(const Frame &frame) const
    {
        if (frame.isObject) {
            return frame.path + QLatin1Char('/') + escapePointerToken(frame.pendingKey);
        }
        return frame.path + QLatin1Char('/') + QString::number(frame.array.size());
    }

    bool openContainer(bool isObject);
    bool closeContainer();
    void addValue(Frame &frame, const QJsonValue &value, Span span);
    bool parseString(QString &out);
    bool parseUtf8Sequence(QString &out);
    bool parseEscape(QString &out);
    bool parseHex4(qsizetype at, char16_t &unit);
    bool parseScalar(Frame &frame);
    bool parseNumber(Frame &frame);

    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    const JsonLimits &m_limits;
    StrictJsonResult &m_result;
    std::vector<Frame> m_stack;
    std::vector<PendingDuplicate> m_duplicates;
};

bool Parser::run()
{
    if (m_size > m_limits.maxBytes) {
        return fail(m_limits.maxBytes,
                    QStringLiteral("JSON text of %1 bytes is over the %2-byte limit")
                        .arg(m_size)
                        .arg(m_limits.maxBytes));
    }
    if (m_size >= 3 && byteAt(0) == 0xEF && byteAt(1) == 0xBB && byteAt(2) == 0xBF) {
        // RFC 8259 §8.1: implementations MUST NOT add a BOM; RFC 8725 §3.7 wants plain UTF-8.
        m_result.hadByteOrderMark = true;
        return fail(0, QStringLiteral("the JSON text starts with a UTF-8 byte order mark"));
    }
    skipWhitespace();
    if (m_pos >= m_size) {
        return fail(m_pos, QStringLiteral("empty JSON text"));
    }
    if (m_data[m_pos] != '{') {
        // RFC 7515 §4 and RFC 7519 §7.2: a JOSE header and a claims set are JSON objects.
        return fail(m_pos, QStringLiteral("the top-level JSON value is not an object"));
    }
    if (!openContainer(true)) {
        return false;
    }

    while (!m_stack.empty()) {
        skipWhitespace();
        if (m_pos >= m_size) {
            return fail(m_pos, QStringLiteral("unexpected end of JSON text"));
        }
        Frame &frame = m_stack.back();
        const char c = m_data[m_pos];
        switch (frame.expect) {
        case Frame::Expect::FirstKeyOrEnd:
            if (c == '}') {
                if (!closeContainer()) {
                    return false;
                }
                break;
            }
            [[fallthrough]];
        case Frame::Expect::Key: {
            if (c != '"') {
                return fail(m_pos, QStringLiteral("expected a member name in double quotes"));
            }
            QString key;
            if (!parseString(key)) {
                return false;
            }
            frame.pendingKey = std::move(key);
            frame.expect = Frame::Expect::Colon;
            break;
        }
        case Frame::Expect::Colon:
            if (c != ':') {
                return fail(m_pos, QStringLiteral("expected ':' after the member name"));
            }
            ++m_pos;
            frame.expect = Frame::Expect::Value;
            break;
        case Frame::Expect::FirstValueOrEnd:
            if (c == ']') {
                if (!closeContainer()) {
                    return false;
                }
                break;
            }
            [[fallthrough]];
        case Frame::Expect::Value:
            frame.valueBegin = m_pos;
            frame.expect = Frame::Expect::CommaOrEnd;
            if (c == '{' || c == '[') {
                // `frame` is invalidated by the push inside openContainer.
                if (!openContainer(c == '{')) {
                    return false;
                }
            } else if (!parseScalar(frame)) {
                return false;
            }
            break;
        case Frame::Expect::CommaOrEnd:
            if (c == ',') {
                ++m_pos;
                frame.expect = frame.isObject ? Frame::Expect::Key : Frame::Expect::Value;
            } else if (c == (frame.isObject ? '}' : ']')) {
                if (!closeContainer()) {
                    return false;
                }
            } else {
                return fail(m_pos, frame.isObject ? QStringLiteral("expected ',' or '}'")
                                                  : QStringLiteral("expected ',' or ']'"));
            }
            break;
        }
    }

    skipWhitespace();
    if (m_pos < m_size) {
        return fail(m_pos, QStringLiteral("unexpected characters after the JSON object"));
    }

    std::stable_sort(m_duplicates.begin(), m_duplicates.end(),
                     [](const PendingDuplicate &a, const PendingDuplicate &b) {
                         return a.firstOffset < b.firstOffset;
                     });
    for (auto &duplicate : m_duplicates) {
        m_result.duplicates.append(std::move(duplicate.member));
    }
    m_result.ok = true;
    return true;
}

bool Parser::openContainer(bool isObject)
{
    // The cap is checked before the push, so a 10^5-deep "[[[[" stops at maxDepth + 1.
    if (qsizetype(m_stack.size()) >= m_limits.maxDepth) {
        return fail(m_pos,
                    QStringLiteral("JSON nesting is deeper than %1 levels").arg(m_limits.maxDepth));
    }
    Frame child;
    child.isObject = isObject;
    child.expect = isObject ? Frame::Expect::FirstKeyOrEnd : Frame::Expect::FirstValueOrEnd;
    if (!m_stack.empty()) {
        child.path = childPath(m_stack.back());
    }
    ++m_pos;
    m_stack.push_back(std::move(child));
    return true;
}

bool Parser::closeContainer()
{
    ++m_pos; // past '}' or ']'
    Frame done = std::move(m_stack.back());
    m_stack.pop_back();

    if (done.isObject) {
        for (auto it = done.memberSpans.cbegin(); it != done.memberSpans.cend(); ++it) {
            if (it.value().size() < 2) {
                continue;
            }
            PendingDuplicate duplicate;
            duplicate.firstOffset = it.value().first().begin;
            duplicate.member.path = done.path;
            duplicate.member.name = it.key();
            for (const Span &span : it.value()) {
                duplicate.member.rawValues.append(
                    QString::fromUtf8(m_data + span.begin, span.end - span.begin));
            }
            m_duplicates.push_back(std::move(duplicate));
        }
    }

    if (m_stack.empty()) {
        m_result.object = std::move(done.object);
        return true;
    }
    Frame &parent = m_stack.back();
    const Span span{parent.valueBegin, m_pos};
    if (done.isObject) {
        addValue(parent, QJsonValue(std::move(done.object)), span);
    } else {
        addValue(parent, QJsonValue(std::move(done.array)), span);
    }
    return true;
}

void Parser::addValue(Frame &frame, const QJsonValue &value, Span span)
{
    if (frame.isObject) {
        // QJsonObject::insert replaces: the LAST duplicate wins, as in QJsonDocument (RFC 7515
        // §5.2 allows "lexically last"); every occurrence is still reported.
        frame.object.insert(frame.pendingKey, value);
        frame.memberSpans[frame.pendingKey].append(span);
    } else {
        frame.array.append(value);
    }
}

bool Parser::parseScalar(Frame &frame)
{
    const qsizetype begin = m_pos;
    const char c = m_data[m_pos];
    if (c == '"') {
        QString text;
        if (!parseString(text)) {
            return false;
        }
        addValue(frame, QJsonValue(text), {begin, m_pos});
        return true;
    }
    if (c == '-' || isDigit(c)) {
        return parseNumber(frame);
    }
    const auto matches = [this](QByteArrayView word) {
        return m_size - m_pos >= word.size() && QByteArrayView(m_data + m_pos, word.size()) == word;
    };
    if (matches("true")) {
        m_pos += 4;
        addValue(frame, QJsonValue(true), {begin, m_pos});
        return true;
    }
    if (matches("false")) {
        m_pos += 5;
        addValue(frame, QJsonValue(false), {begin, m_pos});
        return true;
    }
    if (matches("null")) {
        m_pos += 4;
        addValue(frame, QJsonValue(QJsonValue::Null), {begin, m_pos});
        return true;
    }
    if (matches("NaN") || matches("Infinity")) {
        return fail(m_pos, QStringLiteral("NaN and Infinity are not JSON numbers"));
    }
    return fail(m_pos, QStringLiteral("expected a JSON value"));
}

bool Parser::parseNumber(Frame &frame)
{
    // RFC 8259 §6: number = [ minus ] int [ frac ] [ exp ]; int = zero / ( digit1-9 *DIGIT )
    const qsizetype begin = m_pos;
    bool negative = false;
    if (m_data[m_pos] == '-') {
        negative = true;
        ++m_pos;
        if (m_size - m_pos >= 8 && QByteArrayView(m_data + m_pos, 8) == "Infinity") {
            return fail(begin, QStringLiteral("NaN and Infinity are not JSON numbers"));
        }
    }
    if (m_pos >= m_size || !isDigit(m_data[m_pos])) {
        return fail(m_pos, QStringLiteral("expected a digit in the number"));
    }
    if (m_data[m_pos] == '0') {
        ++m_pos;
        if (m_pos < m_size && isDigit(m_data[m_pos])) {
            return fail(begin, QStringLiteral("numbers must not have leading zeros"));
        }
    } else {
        while (m_pos < m_size && isDigit(m_data[m_pos])) {
            ++m_pos;
        }
    }
    const qsizetype integerEnd = m_pos;
    bool isInteger = true;
    if (m_pos < m_size && m_data[m_pos] == '.') {
        isInteger = false;
        ++m_pos;
        if (m_pos >= m_size || !isDigit(m_data[m_pos])) {
            return fail(m_pos, QStringLiteral("expected a digit after the decimal point"));
        }
        while (m_pos < m_size && isDigit(m_data[m_pos])) {
            ++m_pos;
        }
    }
    if (m_pos < m_size && (m_data[m_pos] == 'e' || m_data[m_pos] == 'E')) {
        isInteger = false;
        ++m_pos;
        if (m_pos < m_size && (m_data[m_pos] == '+' || m_data[m_pos] == '-')) {
            ++m_pos;
        }
        if (m_pos >= m_size || !isDigit(m_data[m_pos])) {
            return fail(m_pos, QStringLiteral("expected a digit in the exponent"));
        }
        while (m_pos < m_size && isDigit(m_data[m_pos])) {
            ++m_pos;
        }
    }
    const Span span{begin, m_pos};

    if (isInteger) {
        // Exact 64-bit accumulation: 2^53 + 1 stays exact (a double would round it).
        const quint64 limit = negative ? quint64(1) << 63 : (quint64(1) << 63) - 1;
        quint64 magnitude = 0;
        bool overflow = false;
        for (qsizetype i = negative ? begin + 1 : begin; i < integerEnd; ++i) {
            const auto digit = quint64(m_data[i] - '0');
            if (magnitude > (limit - digit) / 10) {
                overflow = true;
                break;
            }
            magnitude = magnitude * 10 + digit;
        }
        if (!overflow) {
            const qint64 value = negative ? qint64(0 - magnitude) : qint64(magnitude);
            addValue(frame, QJsonValue(value), span);
            return true;
        }
        // Beyond 64 bits: never 0 and never a rounded double (an `exp` of 99999999999999999999
        // must not read as "expired in 1970"). Keep the text, held as a string.
        const QString raw = QString::fromLatin1(m_data + begin, m_pos - begin);
        m_result.largeNumbers.append(LargeNumber{childPath(frame), raw});
        addValue(frame, QJsonValue(raw), span);
        return true;
    }

    bool ok = false;
    const double value = QByteArray::fromRawData(m_data + begin, m_pos - begin).toDouble(&ok);
    if (!ok || !qIsFinite(value)) {
        // 1e400 (and 1e-400) cannot be represented; Qt too refuses the whole document.
        return fail(begin, QStringLiteral("number %1 is out of range for a double")
                               .arg(QString::fromLatin1(m_data + begin, m_pos - begin)));
    }
    addValue(frame, QJsonValue(value), span);
    return true;
}

bool Parser::parseString(QString &out)
{
    ++m_pos; // opening quote
    out.clear();
    while (true) {
        if (m_pos >= m_size) {
            return fail(m_pos, QStringLiteral("unterminated string"));
        }
        const unsigned char c = byteAt(m_pos);
        if (c == '"') {
            ++m_pos;
            return true;
        }
        if (c == '\\') {
            if (!parseEscape(out)) {
                return false;
            }
            continue;
        }
        if (c < 0x20) {
            // RFC 8259 §7: control characters must be escaped.
            return fail(m_pos, QStringLiteral("unescaped control character 0x%1 in a string")
                                   .arg(int(c), 2, 16, QLatin1Char('0')));
        }
        if (c < 0x80) {
            // A run of plain ASCII is appended in one go.
            const qsizetype runBegin = m_pos;
            while (m_pos < m_size) {
                const unsigned char d = byteAt(m_pos);
                if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\') {
                    break;
                }
                ++m_pos;
            }
            out.append(QLatin1String(m_data + runBegin, m_pos - runBegin));
            continue;
        }
        if (!parseUtf8Sequence(out)) {
            return false;
        }
    }
}

bool Parser::parseUtf8Sequence(QString &out)
{
    // RFC 3629 §4 well-formed sequences. Every other lead/continuation combination is an
    // error with a specific message: overlong forms (C0 AF for '/'), UTF-16 surrogates
    // encoded in UTF-8 (ED A0 80), code points above U+10FFFF, and truncated sequences.
    const qsizetype begin = m_pos;
    const unsigned char lead = byteAt(m_pos);
    int length = 0;
    unsigned char secondMin = 0x80;
    unsigned char secondMax = 0xBF;
    char32_t codePoint = 0;
    if (lead >= 0x80 && lead <= 0xBF) {
        return fail(begin, QStringLiteral("invalid UTF-8: unexpected continuation byte"));
    }
    if (lead == 0xC0 || lead == 0xC1) {
        return fail(begin, QStringLiteral("invalid UTF-8: overlong encoding"));
    }
    if (lead >= 0xF5) {
        return fail(begin, lead <= 0xF7
                               ? QStringLiteral("invalid UTF-8: code point above U+10FFFF")
                               : QStringLiteral("invalid UTF-8: byte 0x%1 never appears in UTF-8")
                                     .arg(int(lead), 2, 16, QLatin1Char('0')));
    }
    if (lead < 0xE0) {
        length = 2;
        codePoint = lead & 0x1F;
    } else if (lead < 0xF0) {
        length = 3;
        codePoint = lead & 0x0F;
        if (lead == 0xE0) {
            secondMin = 0xA0;
        } else if (lead == 0xED) {
            secondMax = 0x9F;
        }
    } else {
        length = 4;
        codePoint = lead & 0x07;
        if (lead == 0xF0) {
            secondMin = 0x90;
        } else if (lead == 0xF4) {
            secondMax = 0x8F;
        }
    }
    for (int k = 1; k < length; ++k) {
        const qsizetype at = begin + k;
        if (at >= m_size) {
            return fail(begin, QStringLiteral("invalid UTF-8: truncated sequence"));
        }
        const unsigned char next = byteAt(at);
        if (next < 0x80 || next > 0xBF) {
            return fail(begin, QStringLiteral("invalid UTF-8: truncated sequence"));
        }
        if (k == 1 && (next < secondMin || next > secondMax)) {
            if (lead == 0xE0 || lead == 0xF0) {
                return fail(begin, QStringLiteral("invalid UTF-8: overlong encoding"));
            }
            if (lead == 0xED) {
                return fail(begin,
                            QStringLiteral("invalid UTF-8: UTF-16 surrogate encoded in UTF-8"));
            }
            return fail(begin, QStringLiteral("invalid UTF-8: code point above U+10FFFF"));
        }
        codePoint = (codePoint << 6) | (next & 0x3F);
    }
    m_pos = begin + length;
    if (codePoint >= 0x10000) {
        out.append(QChar::highSurrogate(codePoint));
        out.append(QChar::lowSurrogate(codePoint));
    } else {
        out.append(QChar(char16_t(codePoint)));
    }
    return true;
}

bool Parser::parseHex4(qsizetype at, char16_t &unit)
{
    if (m_size - at < 4) {
        return fail(at, QStringLiteral("truncated \\u escape"));
    }
    unsigned value = 0;
    for (int k = 0; k < 4; ++k) {
        const int h = hexValue(m_data[at + k]);
        if (h < 0) {
            return fail(at + k, QStringLiteral("invalid hex digit in a \\u escape"));
        }
        value = (value << 4) | unsigned(h);
    }
    unit = char16_t(value);
    return true;
}

bool Parser::parseEscape(QString &out)
{
    const qsizetype begin = m_pos;
    if (m_pos + 1 >= m_size) {
        return fail(begin, QStringLiteral("unterminated escape sequence"));
    }
    const char kind = m_data[m_pos + 1];
    m_pos += 2;
    switch (kind) {
    case '"':
        out.append(QLatin1Char('"'));
        return true;
    case '\\':
        out.append(QLatin1Char('\\'));
        return true;
    case '/':
        out.append(QLatin1Char('/'));
        return true;
    case 'b':
        out.append(QLatin1Char('\b'));
        return true;
    case 'f':
        out.append(QLatin1Char('\f'));
        return true;
    case 'n':
        out.append(QLatin1Char('\n'));
        return true;
    case 'r':
        out.append(QLatin1Char('\r'));
        return true;
    case 't':
        out.append(QLatin1Char('\t'));
        return true;
    case 'u':
        break;
    default:
        return fail(begin, QStringLiteral("invalid escape sequence"));
    }

    char16_t unit = 0;
    if (!parseHex4(m_pos, unit)) {
        return false;
    }
    m_pos += 4;
    if (QChar::isHighSurrogate(unit)) {
        // A pair "\uD83D\uDE00" is one code point (U+1F600); anything else leaves the high
        // half alone, which is legal JSON text but not a Unicode string: accept and flag.
        char16_t low = 0;
        if (m_size - m_pos >= 6 && m_data[m_pos] == '\\' && m_data[m_pos + 1] == 'u') {
            const bool isHex = parseHex4(m_pos + 2, low);
            if (!isHex) {
                return false;
            }
            if (QChar::isLowSurrogate(low)) {
                out.append(QChar(unit));
                out.append(QChar(low));
                m_pos += 6;
                return true;
            }
        }
        m_result.hasNulOrLoneSurrogate = true;
        out.append(QChar(unit));
        return true;
    }
    if (QChar::isLowSurrogate(unit) || unit == 0) {
        // A lone low half, or U+0000 (which truncates C strings downstream): flag them.
        m_result.hasNulOrLoneSurrogate = true;
    }
    out.append(QChar(unit));
    return true;
}

} // namespace

StrictJsonResult parseStrictJsonObject(QByteArrayView bytes, const JsonLimits &limits)
{
    StrictJsonResult result;
    Parser parser(bytes, limits, result);
    if (!parser.run()) {
        // The contract: on error the object is empty and nothing half-parsed is reported.
        result.ok = false;
        result.object = QJsonObject();
        result.duplicates.clear();
        result.largeNumbers.clear();
    }
    return result;
}

} // namespace Sb::Jwt
