// SPDX-License-Identifier: MIT
#pragma once

#include "secrets/SecretStore.h"

#include <functional>
#include <memory>

namespace Sb::App {

class Prompter;

/**
 * The app's secret store: the OS keychain, opened on the first use of a secret (never before
 * the first paint). Where no keychain answers (no Secret Service, a headless session,
 * SUITEBENCH_NO_KEYCHAIN=1), it asks through the Prompter for the passphrase of the
 * encrypted secret file (the CLI's too) and uses that; never plaintext. A cancelled question
 * leaves it closed for that call only; a wrong passphrase is asked again (three tries).
 */
class AppSecretStore final : public Secrets::SecretStore
{
public:
    struct Options
    {
        QString fallbackFile;          ///< the encrypted secret file (WorkspaceStore's)
        bool keychainDisabled = false; ///< skip the keychain (SUITEBENCH_NO_KEYCHAIN=1)
        int workFactor = 18;           ///< scrypt work factor of a new file (tests: lower)
    };
    AppSecretStore(Options options, Prompter &prompter);

    [[nodiscard]] QString backendName() const override;
    [[nodiscard]] Secrets::Result<void> write(const QString &name,
                                              const Crypto::SecureBytes &secret) override;
    [[nodiscard]] Secrets::Result<Crypto::SecureBytes> read(const QString &name) override;
    [[nodiscard]] Secrets::Result<void> remove(const QString &name) override;

private:
    /** The open store, or nullptr with @p error (the user cancelled, three wrong tries). */
    Secrets::SecretStore *store(Secrets::SecretError *error);

    Options m_options;
    Prompter &m_prompter;
    std::unique_ptr<Secrets::SecretStore> m_store;
    QString m_keychainProblem; ///< why the keychain did not answer, once known
    bool m_opening = false;
};

} // namespace Sb::App
