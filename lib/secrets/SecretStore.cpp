// SPDX-License-Identifier: MIT
#include "secrets/SecretStore.h"

#include "secrets/Tr.h"

#include <QStandardPaths>

namespace Sb::Secrets {

Result<void> checkSecretName(const QString &name)
{
    if (name.isEmpty() || name.size() > MaxSecretNameLength) {
        return Core::fail<SecretError>(
            SecretError::Code::InvalidName,
            Tr::tr("A secret name must be 1 to %1 characters.").arg(MaxSecretNameLength));
    }
    for (const QChar c : name) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e) {
            return Core::fail<SecretError>(SecretError::Code::InvalidName,
                                           Tr::tr("A secret name is printable ASCII without "
                                                  "spaces."));
        }
    }
    return {};
}

QString MemorySecretStore::backendName() const
{
    return Tr::tr("memory");
}

Result<void> MemorySecretStore::write(const QString &name, const Crypto::SecureBytes &secret)
{
    if (auto ok = checkSecretName(name); !ok) {
        return ok;
    }
    m_secrets.insert_or_assign(name, secret.clone());
    return {};
}

Result<Crypto::SecureBytes> MemorySecretStore::read(const QString &name)
{
    const auto it = m_secrets.find(name);
    if (it == m_secrets.end()) {
        return Core::fail<SecretError>(SecretError::Code::NotFound,
                                       Tr::tr("No secret named %1 is stored.").arg(name));
    }
    return it->second.clone();
}

Result<void> MemorySecretStore::remove(const QString &name)
{
    m_secrets.erase(name);
    return {};
}

QStringList MemorySecretStore::names() const
{
    QStringList out;
    for (const auto &[name, value] : m_secrets) {
        out.append(name);
    }
    return out;
}

UnavailableSecretStore::UnavailableSecretStore(QString reason)
    : m_reason(std::move(reason))
{}

QString UnavailableSecretStore::backendName() const
{
    return Tr::tr("none");
}

namespace {
tl::unexpected<SecretError> unavailable(const QString &reason)
{
    return Core::fail<SecretError>(
        SecretError::Code::NoBackend,
        Tr::tr("No secret store is available: %1 Secrets are never written in plaintext; set a "
               "passphrase for the encrypted secret file or unlock the keychain.")
            .arg(reason.isEmpty() ? Tr::tr("no keychain answered.") : reason));
}
} // namespace

Result<void> UnavailableSecretStore::write(const QString &, const Crypto::SecureBytes &)
{
    return unavailable(m_reason);
}

Result<Crypto::SecureBytes> UnavailableSecretStore::read(const QString &)
{
    return unavailable(m_reason);
}

Result<void> UnavailableSecretStore::remove(const QString &)
{
    return unavailable(m_reason);
}

QString defaultSecretFileName()
{
    return QStringLiteral("secrets.age");
}

OpenedSecretStore openSecretStore(SecretStoreOptions options)
{
    OpenedSecretStore out;
    if (!options.keychainDisabled) {
        auto keychain
            = std::make_unique<KeychainSecretStore>(options.service, options.keychainTimeout);
        const auto probe = keychain->probe();
        if (probe) {
            out.store = std::move(keychain);
            return out;
        }
        out.fallbackReason = probe.error().message;
    } else {
        out.fallbackReason = Tr::tr("the keychain is turned off.");
    }
    if (!options.fallbackPassphrase.isEmpty() && !options.fallbackFile.isEmpty()) {
        out.store = std::make_unique<EncryptedFileSecretStore>(
            options.fallbackFile, std::move(options.fallbackPassphrase),
            options.fallbackWorkFactor);
    } else {
        out.store = std::make_unique<UnavailableSecretStore>(out.fallbackReason);
    }
    return out;
}

} // namespace Sb::Secrets
