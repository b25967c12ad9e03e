// SPDX-License-Identifier: MIT
// Oracle: an accepted object, serialised by Qt and parsed again, is accepted with the same
// value (decode → encode → decode).
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
    if (!second.ok || second.object != first.object || !second.duplicates.isEmpty()) {
        std::abort();
    }
    return 0;
}
