// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Sb::Jwt {

/** A member name that appeared more than once in one object, with every raw value seen. */
struct DuplicateMember
{
    QString path; ///< JSON-pointer-like path of the object, "" for the top level
    QString name;
    QStringList rawValues; ///< the values' raw JSON text, in order of appearance
};

/** An integer that does not fit in 64 bits (kept as its raw text, never as 0 or a double). */
struct LargeNumber
{
    QString path;    ///< e.g. "/exp"
    QString rawText; ///< the number exactly as written
};

struct JsonLimits
{
    qsizetype maxBytes = 256 * 1024;
    int maxDepth = 64;
};

/**
 * The result of a strict parse. When ok is false, error says why (with a byte offset) and
 * object is empty. Duplicates keep the LAST value in object (as Qt does) but are all
 * reported, so callers can show both values (reliability doc J7).
 */
struct StrictJsonResult
{
    bool ok = false;
    QString error;
    qsizetype errorOffset = -1;
    QJsonObject object;
    QList<DuplicateMember> duplicates;
    QList<LargeNumber> largeNumbers;
    bool hadByteOrderMark = false;      ///< a UTF-8 BOM was present (and is an error)
    bool hasNulOrLoneSurrogate = false; ///< "\u0000" or an unpaired "\uD800" escape
};

/**
 * Parses @p bytes as one JSON object with our own tokenizer (iterative, so nesting cannot
 * overflow the stack): size and depth caps, invalid UTF-8 and a BOM rejected, duplicate
 * member names detected at every level, integers kept exact as qint64; an integer beyond
 * 64 bits is reported in largeNumbers and held in the QJsonObject as its raw text (a
 * string). Non-object top-level values, trailing garbage, NaN/Infinity, numbers out of
 * double range (1e400) and invalid UTF-8 are errors.
 */
[[nodiscard]] StrictJsonResult parseStrictJsonObject(QByteArrayView bytes,
                                                     const JsonLimits &limits = {});

} // namespace Sb::Jwt
