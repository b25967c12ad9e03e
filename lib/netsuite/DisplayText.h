// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringView>

namespace Sb::NetSuite {

/**
 * Makes untrusted text (claim values, server bodies, pasted input) safe to show in a
 * message, a terminal or a plain-text label: C0/C1 control characters, DEL, bidi controls
 * (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), zero-width characters, U+FEFF, lone
 * surrogates and the backslash are written as visible escapes (`\u202E`, `\n`, `\\`), and
 * the result is cut at @p maxChars characters with an ellipsis and a count. It does not
 * escape HTML: widgets must still use Qt::PlainText.
 */
[[nodiscard]] QString escapeForDisplay(QStringView text, qsizetype maxChars = 120);

/** True when @p text holds a character that escapeForDisplay() would escape (besides '\\'). */
[[nodiscard]] bool hasSuspiciousCharacters(QStringView text);

/** True for bidi formatting and isolate controls, which can make text read differently. */
[[nodiscard]] bool isBidiControl(char32_t codePoint);

/**
 * A short, readable length of time for @p seconds (sign ignored): "42 s", "4 min",
 * "2 h 5 min", "3 days". Rounds down; never empty.
 */
[[nodiscard]] QString humanDuration(qint64 seconds);

/** "in 4 min" for a positive offset from now, "4 min ago" for a negative one, "now" for 0. */
[[nodiscard]] QString relativeTime(qint64 secondsFromNow);

/** A NumericDate as "2026-11-29 15:04:05 UTC"; the raw number when beyond year 9999. */
[[nodiscard]] QString formatUtc(qint64 secondsSinceEpoch);

} // namespace Sb::NetSuite
