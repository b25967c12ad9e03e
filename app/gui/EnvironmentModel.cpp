// SPDX-License-Identifier: MIT
#include "gui/EnvironmentModel.h"

#include "workspace/Environments.h"

namespace Sb::App {

namespace {
const QString restBaseName = QStringLiteral("restBase");
const QString suiteQlName = QStringLiteral("suiteqlUrl");
} // namespace

QString Environment::kindText() const
{
    return kind().displayName();
}

QString Environment::accountText() const
{
    if (const auto account = target.account()) {
        return account->canonical();
    }
    return target.origin();
}

void Environment::addBuiltInVariables()
{
    variables.insert(restBaseName, Core::Variable{restRecordBase().toString(), false});
    variables.insert(suiteQlName, Core::Variable{suiteQlUrl().toString(), false});
}

std::optional<Environment> Environment::fromStored(const Workspace::Environment &stored,
                                                   QString *error)
{
    auto target = stored.target();
    if (!target) {
        if (error) {
            *error = target.error().message;
        }
        return std::nullopt;
    }
    Environment env;
    env.id = stored.id;
    env.name = stored.name;
    env.target = *target;
    env.clientId = stored.clientId;
    env.certificateId = stored.certificateId;
    env.scopes = stored.scopes;
    env.stored = stored;
    for (const Workspace::Variable &v : stored.variables) {
        if (v.enabled) {
            env.variables.insert(v.name, Core::Variable{v.value, v.secret});
        }
    }
    env.addBuiltInVariables();
    return env;
}

Workspace::Environment Environment::toStored() const
{
    Workspace::Environment out = stored;
    out.id = id;
    out.name = name;
    if (const auto account = target.account()) {
        out.accountId = account->canonical();
        out.tokenUrl.clear();
    } else {
        out.accountId.clear();
        out.tokenUrl = target.tokenUrlString();
    }
    out.clientId = clientId;
    out.certificateId = certificateId;
    out.scopes = scopes;
    // Variables: the stored ones with the values in memory (built-ins are derived, not stored).
    QList<Workspace::Variable> variablesOut;
    for (auto it = variables.cbegin(); it != variables.cend(); ++it) {
        if (it.key() == restBaseName || it.key() == suiteQlName) {
            continue;
        }
        variablesOut.append(Workspace::Variable{it.key(), it->value, it->secret, true});
    }
    for (const Workspace::Variable &v : stored.variables) {
        if (!v.enabled) {
            variablesOut.append(v);
        }
    }
    std::sort(
        variablesOut.begin(), variablesOut.end(),
        [](const Workspace::Variable &a, const Workspace::Variable &b) { return a.name < b.name; });
    out.variables = variablesOut;
    return out;
}

KindColors kindColors(const NetSuite::EnvironmentKind &kind)
{
    using Type = NetSuite::EnvironmentKind::Type;
    switch (kind.type()) {
    case Type::Production:
        return {QStringLiteral("#cf222e"), QStringLiteral("#ffffff")};
    case Type::Sandbox:
        return {QStringLiteral("#1a7f37"), QStringLiteral("#ffffff")};
    case Type::ReleasePreview:
        return {QStringLiteral("#8250df"), QStringLiteral("#ffffff")};
    case Type::TestDrive:
        return {QStringLiteral("#0969da"), QStringLiteral("#ffffff")};
    case Type::Custom:
        return {QStringLiteral("#6e7781"), QStringLiteral("#ffffff")};
    }
    return {QStringLiteral("#cf222e"), QStringLiteral("#ffffff")};
}

EnvironmentModel::EnvironmentModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void EnvironmentModel::setRouting(const QString &connectTo,
                                  std::optional<NetSuite::AccountId> account)
{
    m_connectTo = connectTo;
    m_routedAccount = std::move(account);
    for (Environment &env : m_items) {
        applyRouting(env);
    }
}

void EnvironmentModel::applyRouting(Environment &environment) const
{
    if (!m_connectTo.isEmpty()) {
        environment.connectTo = m_connectTo;
        environment.routedAccount = m_routedAccount;
        environment.demo = true;
    }
}

bool EnvironmentModel::reload(QString *error)
{
    if (!m_backend) {
        return true;
    }
    auto listed = m_backend->list();
    if (!listed) {
        if (error) {
            *error = listed.error().message;
        }
        return false;
    }
    QList<Environment> items;
    QStringList problems;
    for (const Workspace::Environment &stored : *listed) {
        QString problem;
        auto env = Environment::fromStored(stored, &problem);
        if (!env) {
            problems << QStringLiteral("%1: %2").arg(stored.name, problem);
            continue;
        }
        // Keep what is already in memory (key, certificate) for an unchanged environment.
        if (const Environment *old = byId(stored.id); old && old->stored == stored) {
            env->privateKey = old->privateKey;
            env->certificate = old->certificate;
            env->variables = old->variables;
        }
        applyRouting(*env);
        items.append(std::move(*env));
    }
    beginResetModel();
    m_items = std::move(items);
    endResetModel();
    if (!problems.isEmpty() && error) {
        *error = problems.join(u'\n');
    }
    return problems.isEmpty();
}

int EnvironmentModel::save(Environment environment, bool replace, QString *error)
{
    applyRouting(environment);
    if (!m_backend) {
        return upsert(std::move(environment));
    }
    Crypto::SecureBytes keyPem;
    if (!environment.privateKey.isNull()) {
        auto pem = environment.privateKey.toPkcs8Pem();
        if (!pem) {
            *error = pem.error().message;
            return -1;
        }
        keyPem = std::move(*pem);
    }
    Workspace::Environment stored = environment.toStored();
    if (!replace) {
        stored.id.clear(); // a new environment: the library gives it a fresh id
    }
    auto created = m_backend->create(stored, keyPem, replace);
    if (!created) {
        *error = created.error().message;
        return -1;
    }
    environment.id = created->id;
    environment.stored = *created;
    return upsert(std::move(environment));
}

bool EnvironmentModel::updateStored(int row, const Workspace::Environment &stored, QString *error)
{
    if (row < 0 || row >= m_items.size()) {
        *error = tr("No such environment.");
        return false;
    }
    if (m_backend) {
        // create(replace) matches by name: make sure that name is still this environment
        // (the CLI shares the workspace and may have renamed or replaced it meanwhile).
        auto current = m_backend->get(stored.name);
        if (!current || current->id != stored.id) {
            *error = tr("“%1” was changed outside this window; reopen it and try again.")
                         .arg(stored.name);
            return false;
        }
        auto saved = m_backend->create(stored, {}, true);
        if (!saved) {
            *error = saved.error().message;
            return false;
        }
        m_items[row].stored = *saved;
    } else {
        m_items[row].stored = stored;
    }
    emit dataChanged(index(row), index(row));
    return true;
}

bool EnvironmentModel::loadSecrets(int row, QString *error)
{
    if (row < 0 || row >= m_items.size()) {
        *error = tr("No such environment.");
        return false;
    }
    Environment &env = m_items[row];
    if (!m_backend || !env.privateKey.isNull()) {
        return true;
    }
    auto withSecrets = m_backend->withSecretValues(env.stored);
    if (!withSecrets) {
        *error = withSecrets.error().message;
        return false;
    }
    for (const Workspace::Variable &v : withSecrets->variables) {
        if (v.enabled && v.secret) {
            env.variables.insert(v.name, Core::Variable{v.value, true});
        }
    }
    if (env.stored.hasPrivateKey) {
        auto pem = m_backend->privateKeyPem(env.stored);
        if (!pem) {
            *error = pem.error().message;
            return false;
        }
        auto key = Crypto::PrivateKey::fromData(pem->view());
        if (!key) {
            *error = tr("The stored private key of “%1” cannot be read: %2")
                         .arg(env.name, key.error().message);
            return false;
        }
        env.privateKey = std::move(*key);
    }
    return true;
}

int EnvironmentModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant EnvironmentModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size()) {
        return {};
    }
    const Environment &env = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return env.name;
    case Qt::ToolTipRole:
        return QString(env.kindText() + QStringLiteral(" · ") + env.accountText());
    case Qt::UserRole:
        return env.id;
    default:
        return {};
    }
}

int EnvironmentModel::upsert(Environment environment)
{
    applyRouting(environment);
    int existing = environment.id.isEmpty() ? -1 : rowOf(environment.id);
    if (existing < 0) {
        existing = rowOfName(environment.name);
    }
    if (existing >= 0) {
        m_items[existing] = std::move(environment);
        emit dataChanged(index(existing), index(existing));
        return existing;
    }
    const int row = int(m_items.size());
    beginInsertRows({}, row, row);
    m_items.append(std::move(environment));
    endInsertRows();
    return row;
}

const Environment *EnvironmentModel::at(int row) const
{
    return row >= 0 && row < m_items.size() ? &m_items.at(row) : nullptr;
}

const Environment *EnvironmentModel::byId(const QString &id) const
{
    return at(rowOf(id));
}

int EnvironmentModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).id == id) {
            return i;
        }
    }
    return -1;
}

int EnvironmentModel::rowOfName(const QString &name) const
{
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).name == name) {
            return i;
        }
    }
    return -1;
}

} // namespace Sb::App
