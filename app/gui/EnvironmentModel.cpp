// SPDX-License-Identifier: MIT
#include "gui/EnvironmentModel.h"

#include "netsuite/CustomTokenEndpoint.h"

namespace Sb::App {

namespace {
QUrl rerouted(const QUrl &url, const QUrl &origin)
{
    if (origin.isEmpty() || url.isEmpty()) {
        return url;
    }
    QUrl out = url;
    out.setScheme(origin.scheme());
    out.setHost(origin.host());
    out.setPort(origin.port());
    return out;
}
} // namespace

QUrl Environment::tokenEndpoint() const
{
    return rerouted(target.tokenUrl(), routeOrigin);
}

QUrl Environment::restRecordBase() const
{
    return rerouted(target.restRecordBase(), routeOrigin);
}

QUrl Environment::suiteQlUrl() const
{
    return rerouted(target.suiteQlUrl(), routeOrigin);
}

QUrl Environment::route(const QUrl &url) const
{
    if (routeOrigin.isEmpty() || !target.matchesUrl(url)) {
        return url;
    }
    return rerouted(url, routeOrigin);
}

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
    const int existing = rowOf(environment.id);
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

} // namespace Sb::App
