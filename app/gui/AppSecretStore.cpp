// SPDX-License-Identifier: MIT
#include "gui/AppSecretStore.h"

#include "gui/Prompter.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace Sb::App {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Sb::App::AppSecretStore", text);
}
} // namespace

AppSecretStore::AppSecretStore(Options options, Prompter &prompter)
    : m_options(std::move(options))
    , m_prompter(prompter)
{}

QString AppSecretStore::backendName() const
{
    return m_store ? m_store->backendName() : tr("OS keychain");
}

Secrets::SecretStore *AppSecretStore::store(Secrets::SecretError *error)
{
    if (m_store) {
        return m_store.get();
    }
    if (m_opening) { // a keychain answer or a dialog runs a local event loop meanwhile
        *error = {Secrets::SecretError::Code::Backend, tr("The secret store is being opened.")};
        return nullptr;
    }
    m_opening = true;
    if (m_keychainProblem.isEmpty()) {
        Secrets::SecretStoreOptions options;
        options.keychainDisabled = m_options.keychainDisabled;
        auto opened = Secrets::openSecretStore(std::move(options));
        if (opened.fallbackReason.isEmpty()) {
            m_store = std::move(opened.store);
            m_opening = false;
            return m_store.get();
        }
        m_keychainProblem = opened.fallbackReason;
    }
    const bool exists = QFileInfo::exists(m_options.fallbackFile);
    const QString intro
        = tr("No keychain answers here (%1).\n\nSuitebench keeps private keys in an encrypted "
             "file instead:\n%2\n\n")
              .arg(m_keychainProblem, m_options.fallbackFile);
    for (int attempt = 0; attempt < 3; ++attempt) {
        Crypto::SecureBytes passphrase = m_prompter.passphrase(
            nullptr, tr("Secret file passphrase"),
            intro
                + (exists ? tr("Its passphrase:")
                          : tr("Choose a passphrase for it (at least 12 characters):")),
            !exists);
        if (passphrase.isEmpty()) {
            m_opening = false;
            *error = {Secrets::SecretError::Code::NeedsPassphrase,
                      tr("No keychain answers here and the secret file's passphrase was not "
                         "given.")};
            return nullptr;
        }
        if (!exists && passphrase.size() < 12) {
            m_prompter.inform(nullptr, tr("Secret file passphrase"),
                              tr("Use at least 12 characters."));
            continue;
        }
        auto file = std::make_unique<Secrets::EncryptedFileSecretStore>(
            m_options.fallbackFile, std::move(passphrase), m_options.workFactor);
        if (auto unlocked = file->unlock(); !unlocked) {
            if (unlocked.error().code == Secrets::SecretError::Code::WrongPassphrase) {
                continue; // asked again
            }
            m_opening = false;
            *error = unlocked.error();
            return nullptr;
        }
        m_store = std::move(file);
        m_opening = false;
        return m_store.get();
    }
    m_opening = false;
    *error = {Secrets::SecretError::Code::WrongPassphrase,
              tr("The secret file did not open: wrong passphrase or a damaged file.")};
    return nullptr;
}

Secrets::Result<void> AppSecretStore::write(const QString &name, const Crypto::SecureBytes &secret)
{
    Secrets::SecretError error;
    Secrets::SecretStore *s = store(&error);
    return s ? s->write(name, secret) : Secrets::Result<void>(tl::unexpected(error));
}

Secrets::Result<Crypto::SecureBytes> AppSecretStore::read(const QString &name)
{
    Secrets::SecretError error;
    Secrets::SecretStore *s = store(&error);
    return s ? s->read(name) : Secrets::Result<Crypto::SecureBytes>(tl::unexpected(error));
}

Secrets::Result<void> AppSecretStore::remove(const QString &name)
{
    Secrets::SecretError error;
    Secrets::SecretStore *s = store(&error);
    return s ? s->remove(name) : Secrets::Result<void>(tl::unexpected(error));
}

} // namespace Sb::App
