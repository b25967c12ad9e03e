// SPDX-License-Identifier: MIT
#pragma once

#include "secrets/SecretStore.h"
#include "workspace/Exchange.h"
#include "workspace/WorkspaceStore.h"

#include <QList>

namespace Sb::Workspace {

/**
 * Environments with their secrets: what the CLI's `env` commands and the GUI's environment
 * manager call. Secrets (the private key, secret variable values) go to the SecretStore
 * under names derived from the environment id; the workspace file holds only their names.
 * Every change is all or nothing: secrets are written first and removed again when the
 * workspace cannot be saved.
 */
class Environments final
{
public:
    Environments(WorkspaceStore &store, Secrets::SecretStore &secrets);

    [[nodiscard]] Result<QList<Environment>> list() const;
    /** The environment as stored (secret variable values empty). */
    [[nodiscard]] Result<Environment> get(const QString &name) const;
    /** @p environment with its secret variable values read from the store. */
    [[nodiscard]] Result<Environment> withSecretValues(Environment environment) const;
    [[nodiscard]] Result<Crypto::SecureBytes> privateKeyPem(const Environment &environment) const;

    /**
     * Adds @p environment (a fresh id when empty). @p privateKeyPem, when not empty, must be a
     * loadable private key; it goes to the secret store. Secret variable values in
     * @p environment go to the store too. Fails with Exists when the name is taken and
     * @p replace is false; with @p replace, the old environment and its secrets are replaced.
     */
    [[nodiscard]] Result<Environment> create(Environment environment,
                                             const Crypto::SecureBytes &privateKeyPem = {},
                                             bool replace = false);
    /** Deletes the environment and then its secrets. */
    [[nodiscard]] Result<void> remove(const QString &name);

    /**
     * Stores a validated import under @p newName (empty: its own name). The imported
     * environment gets a fresh id; nothing of it is written on any error.
     */
    [[nodiscard]] Result<Environment> importEnvironment(ImportedEnvironment imported,
                                                        const QString &newName = {},
                                                        bool replace = false);

    /** Exports @p name in @p format; AgeBundle includes the key and secret values. */
    [[nodiscard]] Result<QByteArray>
    exportEnvironment(const QString &name, ExchangeFormat format,
                      const Crypto::SecureBytes &passphrase = {},
                      const Core::Clock &clock = Core::SystemClock(), int workFactor = 18) const;

private:
    WorkspaceStore &m_store;
    Secrets::SecretStore &m_secrets;
};

} // namespace Sb::Workspace
