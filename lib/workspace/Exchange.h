// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "crypto/SecureBytes.h"
#include "workspace/Environment.h"

#include <QByteArray>
#include <QStringList>

namespace Sb::Workspace {

enum class ExchangeFormat {
    Suitebench, ///< secret-free JSON: {"format":"suitebench-environment","formatVersion":1,…}
    Postman,    ///< *.postman_environment.json (secret variables typed "secret", values empty)
    AgeBundle,  ///< age v1 (scrypt passphrase) holding the environment, secrets and the key
};

/** "suitebench", "postman", "age"; nullopt for anything else. */
[[nodiscard]] std::optional<ExchangeFormat> exchangeFormatFromName(QStringView name);

inline constexpr int ExportFormatVersion = 1;

/** The default export: no key, no token, secret variables present but empty. */
[[nodiscard]] QByteArray exportSuitebench(const Environment &environment);

/** A Postman environment file; Suitebench fields become variables (accountId, clientId, …). */
[[nodiscard]] QByteArray exportPostman(const Environment &environment, const Core::Clock &clock);

/**
 * An encrypted bundle (only on explicit request): the environment WITH its secret variable
 * values (fill them in first) and, when given, the private key PEM, encrypted to
 * @p passphrase as an age file that `age -d` opens too.
 */
[[nodiscard]] Result<QByteArray> exportAgeBundle(const Environment &environmentWithSecrets,
                                                 const Crypto::SecureBytes &privateKeyPem,
                                                 const Crypto::SecureBytes &passphrase,
                                                 int workFactor = 18);

/** An import, validated and ready to show for confirmation. Nothing has been written. */
struct ImportedEnvironment
{
    ExchangeFormat format = ExchangeFormat::Suitebench;
    Environment environment;           ///< validated; secret variable values may be set
    Crypto::SecureBytes privateKeyPem; ///< from a bundle (or moved out of a Postman value)
    QStringList hosts;                 ///< where requests of this environment would go
    bool hasNonNetSuiteHosts = false;  ///< a custom token URL or saved requests elsewhere
    QStringList warnings;              ///< e.g. "the file held a private key in plaintext"
    QStringList unmapped;              ///< fields ignored, with the reason
};

/**
 * Parses and validates import bytes of any supported format (detected from the content):
 * size cap (4 MiB), strict JSON (duplicate members refused, depth cap 16), unknown or newer
 * format versions refused with "made by a newer version", every field validated, no file
 * paths (the recipient attaches a key themselves), access tokens dropped. An age bundle
 * needs @p passphrase; its work factor is capped before deriving.
 */
[[nodiscard]] Result<ImportedEnvironment> parseImport(QByteArrayView bytes,
                                                      const Crypto::SecureBytes &passphrase = {});

/** readRegularFile() with the import cap, then parseImport(). */
[[nodiscard]] Result<ImportedEnvironment>
readImportFile(const QString &path, const Crypto::SecureBytes &passphrase = {});

} // namespace Sb::Workspace
