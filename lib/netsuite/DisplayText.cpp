// SPDX-License-Identifier: MIT
#include "netsuite/DisplayText.h"

#include "netsuite/Tr.h"

#include <QDateTime>

namespace Sb::NetSuite {

namespace {

// The latest NumericDate QDateTime::toString(Qt::ISODate) can render (9999-12-31T23:59:59Z);
// past it Qt returns "" (reliability doc J9), so we show the raw number instead.
constexpr qint64 maxRenderableSeconds = 253'402'300'799;

bool isInvisibleFormat(char32_t cp)
{
    // Zero-width space/joiners, word joiner, BOM/ZWNBSP, soft hyphen, Mongolian vowel separator:
    // they change what a value is without changing what it looks like.
    return cp == 0x00AD || cp == 0x180E || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060
           || cp == 0xFEFF;
}

bool needsEscape(char32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || isBidiControl(cp)
           || isInvisibleFormat(cp) || (cp >= 0xD800 && cp <= 0xDFFF);
}

QString escapeOne(char32_t cp)
{
    switch (cp) {
    case U'\n':
        return QStringLiteral("\\n");
    case U'\r':
        return QStringLiteral("\\r");
    case U'\t':
        return QStringLiteral("\\t");
    case U'\\':
        return QStringLiteral("\\\\");
    default:
        break;
    }
    const QString hex = QString::number(uint(cp), 16).toUpper();
    if (cp <= 0xFFFF) {
        return QStringLiteral("\\u") + hex.rightJustified(4, QLatin1Char('0'));
    }
    return QStringLiteral("\\u{") + hex + QLatin1Char('}');
}

// Walks code points; a lone surrogate comes back as itself so it can be escaped.
template<typename F>
void forEachCodePoint(QStringView text, F &&f)
{
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < n
            && QChar::isLowSurrogate(text[i + 1].unicode())) {
            if (!f(QChar::surrogateToUcs4(c, text[i + 1].unicode()), 2)) {
                return;
            }
            ++i;
            continue;
        }
        if (!f(char32_t(c), 1)) {
            return;
        }
    }
}

} // namespace

bool isBidiControl(char32_t cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
           || (cp >= 0x2066 && cp <= 0x2069);
}

bool hasSuspiciousCharacters(QStringView text)
{
    bool found = false;
    forEachCodePoint(text, [&found](char32_t cp, int) {
        if (needsEscape(cp)) {
            found = true;
            return false;
        }
        return true;
    });
    return found;
}

QString escapeForDisplay(QStringView text, qsizetype maxChars)
{
    QString out;
    out.reserve(std::min<qsizetype>(text.size(), maxChars) + 8);
    qsizetype shown = 0;
    qsizetype consumed = 0;
    forEachCodePoint(text, [&](char32_t cp, int units) {
        if (maxChars > 0 && shown >= maxChars) {
            return false;
        }
        if (needsEscape(cp) || cp == U'\\') {
            out += escapeOne(cp);
        } else if (units == 2) {
            const char32_t pair[1] = {cp};
            out += QString::fromUcs4(pair, 1);
        } else {
            out += QChar(char16_t(cp));
        }
        ++shown;
        consumed += units;
        return true;
    });
    if (consumed < text.size()) {
        out += Tr::tr("… (%n more characters)", nullptr,
                      int(std::min<qsizetype>(text.size() - consumed, 1 << 30)));
    }
    return out;
}

QString humanDuration(qint64 seconds)
{
    // Avoid overflow on negation of the most negative value.
    const quint64 s = seconds < 0 ? quint64(-(seconds + 1)) + 1 : quint64(seconds);
    if (s < 60) {
        return Tr::tr("%1 s").arg(s);
    }
    if (s < 3600) {
        return Tr::tr("%1 min").arg(s / 60);
    }
    if (s < 86400) {
        const quint64 h = s / 3600;
        const quint64 m = (s % 3600) / 60;
        return m == 0 ? Tr::tr("%1 h").arg(h) : Tr::tr("%1 h %2 min").arg(h).arg(m);
    }
    const quint64 days = s / 86400;
    if (days < 2) {
        const quint64 h = (s % 86400) / 3600;
        return h == 0 ? Tr::tr("1 day") : Tr::tr("1 day %1 h").arg(h);
    }
    if (days < 730) {
        return Tr::tr("%1 days").arg(days);
    }
    return Tr::tr("%1 years").arg(days / 365);
}

QString relativeTime(qint64 secondsFromNow)
{
    if (secondsFromNow == 0) {
        return Tr::tr("now");
    }
    if (secondsFromNow > 0) {
        return Tr::tr("in %1").arg(humanDuration(secondsFromNow));
    }
    return Tr::tr("%1 ago").arg(humanDuration(secondsFromNow));
}

QString formatUtc(qint64 secondsSinceEpoch)
{
    // Year 1 to 9999 only: outside that QDateTime prints nothing useful.
    constexpr qint64 minRenderableSeconds = -62'135'596'800; // 0001-01-01T00:00:00Z
    if (secondsSinceEpoch >= minRenderableSeconds && secondsSinceEpoch <= maxRenderableSeconds) {
        return QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, Qt::UTC)
                   .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
               + QStringLiteral(" UTC");
    }
    return QString::number(secondsSinceEpoch);
}

} // namespace Sb::NetSuite
