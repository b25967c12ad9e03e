// SPDX-License-Identifier: MIT
// Oracle: an accepted object, serialised by Qt and parsed again, is accepted without
// duplicates and serialises to the same text (a fixpoint after one round). Comparing the
// values instead would be wrong: Qt writes a double such as 99999999999999199.97 as
// "99999999999999200", which then parses back as an integer of equal value.
#include "jwt/StrictJson.h"

#include <QJsonDocument>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto first = Sb::Jwt::parseStrictJsonObject(input);
    if (!first.ok) {
        return 0;
    }
    const QByteArray again = QJsonDocument(first.object).toJson(QJsonDocument::Compact);
    const auto second = Sb::Jwt::parseStrictJsonObject(again);
    if (!second.ok || !second.duplicates.isEmpty()
        || QJsonDocument(second.object).toJson(QJsonDocument::Compact) != again) {
        std::abort();
    }
    return 0;
}
