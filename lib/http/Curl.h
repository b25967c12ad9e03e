// SPDX-License-Identifier: MIT
#pragma once

#include "http/Request.h"

#include <QString>

namespace Sb::Http {

/**
 * "Copy as cURL": a POSIX-shell command that sends the same request. Every argument is
 * single-quoted ('\'' for a quote inside), so nothing in a URL, header or body is expanded
 * by the shell. A body that is not printable UTF-8 is piped in through printf with octal
 * escapes.
 *
 * Unless @p revealSecrets, the URL, Authorization / Proxy-Authorization / Cookie values and
 * the body go through Core::redact() (a header value it does not recognise is replaced
 * whole), so the text is safe for a clipboard, a ticket or a log; it is then no longer a
 * working command. No -L: curl, like HttpCall, does not follow redirects.
 */
[[nodiscard]] QString toCurl(const Request &request, bool revealSecrets = false);

/** Single-quotes @p text for a POSIX shell. */
[[nodiscard]] QString shellQuote(const QString &text);

} // namespace Sb::Http
