// SPDX-License-Identifier: MIT
// Errors as values: every fallible library call returns Result<T, ModuleError>.
#pragma once

#include <QString>

#include <tl/expected.hpp>

namespace Sb::Core {

/**
 * An error value: a stable machine-readable code (a module's own enum) and a message a
 * person can act on. Messages never contain secrets (tokens, assertions, key bytes).
 */
template<typename CodeEnum>
struct ErrorOf
{
    using Code = CodeEnum;
    Code code{};
    QString message;
};

template<typename T, typename E>
using Result = tl::expected<T, E>;

template<typename E>
[[nodiscard]] tl::unexpected<E> fail(typename E::Code code, QString message)
{
    return tl::unexpected<E>(E{code, std::move(message)});
}

} // namespace Sb::Core
