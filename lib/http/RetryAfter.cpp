// SPDX-License-Identifier: MIT
#include "http/RetryAfter.h"

#include <QDate>
#include <QDateTime>
#include <QTime>

#include <algorithm>
#include <array>

namespace Sb::Http {

namespace {

using std::chrono::milliseconds;

constexpr std::array<const char *, 7> shortDays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<const char *, 7> longDays{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                               "Friday", "Saturday", "Sunday"};
constexpr std::array<const char *, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/** A cursor over the value; every step either consumes exactly what it expects or fails. */
class Cursor
{
public:
    explicit Cursor(QByteArrayView text)
        : m_text(text)
    {}

    bool atEnd() const { return m_pos == m_text.size(); }

    bool literal(QByteArrayView expected)
    {
        if (m_text.sliced(m_pos).startsWith(expected)) {
            m_pos += expected.size();
            return true;
        }
        return false;
    }

    /** One of @p names (case-insensitively), longest first is not needed: names are exact. */
    template<std::size_t N>
    int oneOf(const std::array<const char *, N> &names)
    {
        for (std::size_t i = 0; i < N; ++i) {
            const QByteArrayView name(names[i]);
            if (m_text.size() - m_pos >= name.size()
                && m_text.sliced(m_pos, name.size()).compare(name, Qt::CaseInsensitive) == 0) {
                m_pos += name.size();
                return int(i);
            }
        }
        return -1;
    }

    /** Exactly @p count digits; -1 when not. */
    int digits(int count)
    {
        if (m_text.size() - m_pos < count) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < count; ++i) {
            const char c = m_text.at(m_pos + i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        m_pos += count;
        return value;
    }

private:
    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

struct Parts
{
    int year = -1;
    int month = -1; // 0-based
    int day = -1;
    int hour = -1;
    int minute = -1;
    int second = -1;
};

bool timeOfDay(Cursor &in, Parts &parts)
{
    parts.hour = in.digits(2);
    if (parts.hour < 0 || !in.literal(":")) {
        return false;
    }
    parts.minute = in.digits(2);
    if (parts.minute < 0 || !in.literal(":")) {
        return false;
    }
    parts.second = in.digits(2);
    return parts.second >= 0;
}

// IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
bool imfFixdate(QByteArrayView text, Parts &parts)
{
    Cursor in(text);
    if (in.oneOf(shortDays) < 0 || !in.literal(", ")) {
        return false;
    }
    parts.day = in.digits(2);
    if (parts.day < 0 || !in.literal(" ")) {
        return false;
    }
    parts.month = in.oneOf(months);
    if (parts.month < 0 || !in.literal(" ")) {
        return false;
    }
    parts.year = in.digits(4);
    if (parts.year < 0 || !in.literal(" ") || !timeOfDay(in, parts)) {
        return false;
    }
    return in.literal(" GMT") && in.atEnd();
}

// obsolete RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
bool rfc850(QByteArrayView text, Parts &parts, int currentYear)
{
    Cursor in(text);
    if (in.oneOf(longDays) < 0 || !in.literal(", ")) {
        return false;
    }
    parts.day = in.digits(2);
    if (parts.day < 0 || !in.literal("-")) {
        return false;
    }
    parts.month = in.oneOf(months);
    if (parts.month < 0 || !in.literal("-")) {
        return false;
    }
    const int twoDigits = in.digits(2);
    if (twoDigits < 0 || !in.literal(" ") || !timeOfDay(in, parts)) {
        return false;
    }
    // RFC 9110 §5.6.7: a two-digit year more than 50 years in the future means the most
    // recent past year with those digits.
    int year = currentYear - currentYear % 100 + twoDigits;
    if (year > currentYear + 50) {
        year -= 100;
    }
    parts.year = year;
    return in.literal(" GMT") && in.atEnd();
}

// asctime: Sun Nov  6 08:49:37 1994 (day as "SP 1DIGIT" or "2DIGIT")
bool asctime(QByteArrayView text, Parts &parts)
{
    Cursor in(text);
    if (in.oneOf(shortDays) < 0 || !in.literal(" ")) {
        return false;
    }
    parts.month = in.oneOf(months);
    if (parts.month < 0 || !in.literal(" ")) {
        return false;
    }
    if (in.literal(" ")) {
        parts.day = in.digits(1);
    } else {
        parts.day = in.digits(2);
    }
    if (parts.day < 0 || !in.literal(" ") || !timeOfDay(in, parts) || !in.literal(" ")) {
        return false;
    }
    parts.year = in.digits(4);
    return parts.year >= 0 && in.atEnd();
}

std::optional<QDateTime> toDateTime(const Parts &parts)
{
    const QDate date(parts.year, parts.month + 1, parts.day);
    // Second 60 is a leap second (RFC 9110 allows it); read it as :59.
    const QTime time(parts.hour, parts.minute, std::min(parts.second, 59));
    if (!date.isValid() || !time.isValid() || parts.second > 60) {
        return std::nullopt;
    }
    return QDateTime(date, time, Qt::UTC);
}

} // namespace

std::optional<milliseconds> parseRetryAfter(QByteArrayView value, const Core::Clock &clock,
                                            RetryAfterLimits limits)
{
    const milliseconds low = std::max(limits.min, milliseconds{0});
    const milliseconds high = std::max(limits.max, low);

    // Trim optional whitespace (RFC 9110 §5.5: OWS around field values).
    qsizetype begin = 0;
    qsizetype end = value.size();
    while (begin < end && (value.at(begin) == ' ' || value.at(begin) == '\t')) {
        ++begin;
    }
    while (end > begin && (value.at(end - 1) == ' ' || value.at(end - 1) == '\t')) {
        --end;
    }
    const QByteArrayView text = value.sliced(begin, end - begin);
    if (text.isEmpty()) {
        return std::nullopt;
    }

    if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        // delay-seconds = 1*DIGIT; saturate instead of overflowing on absurd values.
        const qint64 highSeconds = high.count() / 1000 + 1;
        qint64 seconds = 0;
        for (const char c : text) {
            seconds = seconds * 10 + (c - '0');
            if (seconds > highSeconds) {
                return high;
            }
        }
        return std::clamp(milliseconds{seconds * 1000}, low, high);
    }

    Parts parts;
    const QDateTime now = clock.now().toUTC();
    bool parsed = imfFixdate(text, parts);
    if (!parsed) {
        parts = Parts{};
        parsed = rfc850(text, parts, now.date().year());
    }
    if (!parsed) {
        parts = Parts{};
        parsed = asctime(text, parts);
    }
    if (!parsed) {
        return std::nullopt;
    }
    const std::optional<QDateTime> when = toDateTime(parts);
    if (!when) {
        return std::nullopt;
    }
    const qint64 delta = now.msecsTo(*when);
    return std::clamp(milliseconds{std::max<qint64>(delta, 0)}, low, high);
}

} // namespace Sb::Http
