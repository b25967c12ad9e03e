// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <functional>

namespace Sb::Core {

/**
 * Masks secrets in any text bound for a log, a history record, an error message or a copied
 * command line. It is the one redaction function: every logging sink calls it, and Qt's own
 * messages reach it through installRedactingMessageHandler().
 *
 * Masked: `Bearer`/`Basic` credentials (last 4 characters kept), anything shaped like a
 * compact JWS or JWE (kept: its `alg`), `client_assertion=`, `assertion=`, `access_token=`,
 * `refresh_token=`, `client_secret=`, `password=` and `passphrase=` values in forms and
 * query strings, the same names as JSON members, and PEM blocks (also with `\n` escapes
 * as found in JSON). Identifiers (account ID, Client ID, Certificate ID) are not masked.
 * The function is idempotent: redacting redacted text changes nothing.
 */
[[nodiscard]] QString redact(const QString &text);

/** Where redacted log lines go. The default writes to standard error. */
using LogSink = std::function<void(QtMsgType type, const QString &line)>;

/**
 * Installs a Qt message handler that formats each message (category, level), redacts it
 * with redact() and hands it to @p sink. Returns the handler that was installed before, so a
 * test can restore it. Call once, early in main(), before anything can log.
 */
QtMessageHandler installRedactingMessageHandler(LogSink sink = {});

} // namespace Sb::Core
