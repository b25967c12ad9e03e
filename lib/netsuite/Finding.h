// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Sb::NetSuite {

enum class Severity { Error, Warning, Info };

/** "error", "warning" or "info": the JSON spelling (an interface, like the codes). */
[[nodiscard]] QString severityName(Severity severity);

/**
 * One thing the inspector (or a diagnosis) found about a token. code is stable (see
 * FindingCodes.h); path names the part it is about ("header.alg", "payload.aud",
 * "signature", "certificate"); message says what is wrong and hint what to do. Both are
 * plain text with untrusted parts escaped (escapeForDisplay) and never hold the token.
 */
struct Finding
{
    Severity severity = Severity::Info;
    QString code;
    QString path;
    QString message;
    QString hint;

    /** {"severity","code","path","message","hint"} as the CLI's --json prints it. */
    [[nodiscard]] QJsonObject toJson() const;
};

/** Errors first, then warnings, then info; the order within a severity is kept. */
[[nodiscard]] QList<Finding> sortedBySeverity(QList<Finding> findings);

} // namespace Sb::NetSuite
