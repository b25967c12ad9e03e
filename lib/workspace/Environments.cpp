// SPDX-License-Identifier: MIT
#include "workspace/Environments.h"

#include "crypto/Keys.h"
#include "workspace/Tr.h"

#include <QUuid>

#include <algorithm>

namespace Sb::Workspace {

using Code = WorkspaceError::Code;

namespace {

tl::unexpected<WorkspaceError> secretFailure(const Secrets::SecretError &error)
{
    return fail(Code::Secret, Tr::tr("Secret store: %1").arg(error.message));
}

/** Secrets to write for @p env, removed again unless commit() is called. */
class SecretTransaction final
{
public:
    explicit SecretTransaction(Secrets::SecretStore &store)
        : m_store(store)
    {}
    ~SecretTransaction()
    {
        if (!m_committed) {
            for (const QString &name : m_written) {
                (void)m_store.remove(name);
            }
        }
    }
    SecretTransaction(const SecretTransaction &) = delete;
    SecretTransaction &operator=(const SecretTransaction &) = delete;

    Result<void> write(const QString &name, const Crypto::SecureBytes &value)
    {
        if (auto ok = m_store.write(name, value); !ok) {
            return secretFailure(ok.error());
        }
        m_written.append(name);
        return {};
    }
    void commit() { m_committed = true; }

private:
    Secrets::SecretStore &m_store;
    QStringList m_written;
    bool m_committed = false;
};

void removeSecretsOf(Secrets::SecretStore &store, const Environment &env)
{
    (void)store.remove(env.privateKeySecretName());
    for (const Variable &variable : env.variables) {
        if (variable.secret) {
            (void)store.remove(env.variableSecretName(variable.name));
        }
    }
}

} // namespace

Environments::Environments(WorkspaceStore &store, Secrets::SecretStore &secrets)
    : m_store(store)
    , m_secrets(secrets)
{}

Result<QList<Environment>> Environments::list() const
{
    auto data = m_store.load();
    if (!data) {
        return tl::unexpected(data.error());
    }
    return data->environments;
}

Result<Environment> Environments::get(const QString &name) const
{
    auto data = m_store.load();
    if (!data) {
        return tl::unexpected(data.error());
    }
    if (const Environment *env = data->find(name)) {
        return *env;
    }
    return fail(Code::NotFound, Tr::tr("There is no environment named \"%1\".").arg(name));
}

Result<Environment> Environments::withSecretValues(Environment environment) const
{
    for (Variable &variable : environment.variables) {
        if (!variable.secret) {
            continue;
        }
        auto value = m_secrets.read(environment.variableSecretName(variable.name));
        if (value) {
            variable.value = QString::fromUtf8(value->view());
        } else if (value.error().code != Secrets::SecretError::Code::NotFound) {
            return secretFailure(value.error());
        }
    }
    return environment;
}

Result<Crypto::SecureBytes> Environments::privateKeyPem(const Environment &environment) const
{
    if (!environment.hasPrivateKey) {
        return fail(Code::NotFound, Tr::tr("Environment \"%1\" has no private key; attach one "
                                           "with 'env create … --key FILE'.")
                                        .arg(environment.name));
    }
    auto key = m_secrets.read(environment.privateKeySecretName());
    if (!key) {
        return secretFailure(key.error());
    }
    return std::move(*key);
}

Result<Environment> Environments::create(Environment environment,
                                         const Crypto::SecureBytes &privateKeyPem, bool replace)
{
    if (environment.id.isEmpty()) {
        environment.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    if (!privateKeyPem.isEmpty()) {
        const auto key = Crypto::PrivateKey::fromData(privateKeyPem.view());
        if (!key) {
            return fail(Code::Invalid, Tr::tr("Private key: %1").arg(key.error().message));
        }
        environment.hasPrivateKey = true;
    }
    QStringList warnings;
    if (auto ok = validate(environment, &warnings); !ok) {
        return tl::unexpected(ok.error());
    }
    // Refuse a taken name before any secret is touched.
    auto current = m_store.load();
    if (!current) {
        return tl::unexpected(current.error());
    }
    const Environment *existing = current->find(environment.name);
    if (existing && !replace) {
        return fail(Code::Exists,
                    Tr::tr("An environment named \"%1\" exists already.").arg(environment.name));
    }
    std::optional<Environment> replaced;
    if (existing) {
        replaced = *existing;
        if (!privateKeyPem.isEmpty() || existing->id == environment.id) {
            // keep going; secrets under the new id are written below
        }
    }
    SecretTransaction transaction(m_secrets);
    if (!privateKeyPem.isEmpty()) {
        if (auto ok = transaction.write(environment.privateKeySecretName(), privateKeyPem); !ok) {
            return tl::unexpected(ok.error());
        }
    }
    for (const Variable &variable : environment.variables) {
        if (variable.secret && !variable.value.isEmpty()) {
            QByteArray bytes = variable.value.toUtf8();
            const auto value = Crypto::SecureBytes::takeFrom(bytes);
            if (auto ok = transaction.write(environment.variableSecretName(variable.name), value);
                !ok) {
                return tl::unexpected(ok.error());
            }
        }
    }
    const Environment stored = environment.withoutSecretValues();
    auto updated = m_store.update([&](WorkspaceData &data) -> Result<void> {
        Environment *slot = data.find(stored.name);
        if (slot && !replace) {
            return fail(Code::Exists,
                        Tr::tr("An environment named \"%1\" exists already.").arg(stored.name));
        }
        if (slot) {
            *slot = stored;
        } else {
            data.environments.append(stored);
        }
        return {};
    });
    if (!updated) {
        return tl::unexpected(updated.error()); // the transaction removes the new secrets
    }
    transaction.commit();
    if (replaced && replaced->id != stored.id) {
        removeSecretsOf(m_secrets, *replaced);
    } else if (replaced) {
        // Same id: secret values of variables that are gone or no longer secret would
        // otherwise stay in the store with nothing pointing at them.
        for (const Variable &old : replaced->variables) {
            const bool stillSecret
                = std::any_of(stored.variables.cbegin(), stored.variables.cend(),
                              [&old](const Variable &v) { return v.name == old.name && v.secret; });
            if (old.secret && !stillSecret) {
                (void)m_secrets.remove(stored.variableSecretName(old.name));
            }
        }
    }
    return stored;
}

Result<void> Environments::remove(const QString &name)
{
    std::optional<Environment> removed;
    auto updated = m_store.update([&](WorkspaceData &data) -> Result<void> {
        for (qsizetype i = 0; i < data.environments.size(); ++i) {
            if (data.environments.at(i).name == name) {
                removed = data.environments.takeAt(i);
                return {};
            }
        }
        return fail(Code::NotFound, Tr::tr("There is no environment named \"%1\".").arg(name));
    });
    if (!updated) {
        return tl::unexpected(updated.error());
    }
    if (removed) {
        removeSecretsOf(m_secrets, *removed);
    }
    return {};
}

Result<Environment> Environments::importEnvironment(ImportedEnvironment imported,
                                                    const QString &newName, bool replace)
{
    Environment env = imported.environment;
    if (!newName.isEmpty()) {
        env.name = newName;
    }
    env.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    env.hasPrivateKey = false;
    return create(std::move(env), imported.privateKeyPem, replace);
}

Result<QByteArray> Environments::exportEnvironment(const QString &name, ExchangeFormat format,
                                                   const Crypto::SecureBytes &passphrase,
                                                   const Core::Clock &clock, int workFactor) const
{
    auto env = get(name);
    if (!env) {
        return tl::unexpected(env.error());
    }
    switch (format) {
    case ExchangeFormat::Suitebench:
        return exportSuitebench(*env);
    case ExchangeFormat::Postman:
        return exportPostman(*env, clock);
    case ExchangeFormat::AgeBundle:
        break;
    }
    if (passphrase.isEmpty()) {
        return fail(Code::NeedsPassphrase,
                    Tr::tr("An encrypted bundle needs a passphrase (--passphrase-file FILE)."));
    }
    auto full = withSecretValues(*env);
    if (!full) {
        return tl::unexpected(full.error());
    }
    Crypto::SecureBytes key;
    if (env->hasPrivateKey) {
        auto pem = privateKeyPem(*env);
        if (!pem) {
            return tl::unexpected(pem.error());
        }
        key = std::move(*pem);
    }
    return exportAgeBundle(*full, key, passphrase, workFactor);
}

} // namespace Sb::Workspace
