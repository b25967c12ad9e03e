// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QHash>
#include <QString>

namespace Sb::Core {

/** One `{{name}}` variable of an environment. A secret one is masked in views and exports. */
struct Variable
{
    QString value;
    bool secret = false;
};

using VariableSet = QHash<QString, Variable>;

/**
 * Where an expanded text goes. Secret variables expand only into the Authorization header
 * and the client assertion: a secret in a URL, a free-form header or a body would land in
 * server logs, proxies, history and copied cURL lines (reliability doc E8).
 */
enum class ExpansionTarget { Url, Header, Body, AuthorizationHeader, Assertion };

struct VariableError
{
    enum class Code { UnknownVariable, SecretNotAllowedHere, Unterminated, TooLong };
    Code code{};
    QString message;
    QString variable; ///< the variable's name (never its value)
};

/**
 * Replaces every `{{name}}` in @p text from @p variables, for the given target.
 * Names may contain letters, digits, `_`, `-` and `.`; surrounding spaces inside the braces
 * are ignored. Values are not expanded again (no recursion, so no loops). An unknown name,
 * a secret variable outside the Authorization header or assertion, or an unterminated
 * `{{` is an error; nothing is half-expanded.
 */
[[nodiscard]] Result<QString, VariableError>
expandVariables(const QString &text, const VariableSet &variables, ExpansionTarget target);

/** The names referenced by `{{…}}` in @p text, in order of appearance, without repeats. */
[[nodiscard]] QStringList referencedVariables(const QString &text);

} // namespace Sb::Core
