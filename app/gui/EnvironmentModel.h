// SPDX-License-Identifier: MIT
#pragma once

#include "core/Variables.h"
#include "crypto/Certificate.h"
#include "crypto/Keys.h"
#include "netsuite/Target.h"
#include "workspace/Environment.h"

#include <QAbstractListModel>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Sb::Workspace {
class Environments;
}

namespace Sb::App {

/**
 * One environment as the app uses it: what lib/workspace stores (`stored`), plus what only
 * lives for the session: the private key once read from the secret store, the certificate
 * made in the wizard, and the demo routing to the in-process emulator.
 */
struct Environment
{
    QString id;   ///< the workspace id (a UUID); empty before it is saved
    QString name; ///< what the switcher shows
    NetSuite::Target target;
    /** "--connect-to": the origin that receives this account's traffic (the emulator); empty:
     *  the target's own hosts. URLs shown anywhere stay the account's. */
    QString connectTo;
    /** The account the server at connectTo plays (the emulator's), when routed. */
    std::optional<NetSuite::AccountId> routedAccount;
    QString clientId;
    QString certificateId;
    QStringList scopes;
    Crypto::PrivateKey privateKey; ///< read from the secret store when first needed
    std::optional<Crypto::Certificate> certificate;
    /** The stored variables (enabled ones; secret values once read) and the built-ins
     *  restBase and suiteqlUrl (the account's own URLs). */
    Core::VariableSet variables;
    bool demo = false;
    /** What the workspace holds for it (secret variable values empty). */
    Workspace::Environment stored;

    [[nodiscard]] NetSuite::EnvironmentKind kind() const { return target.kind(); }
    /** The account's REST record base and SuiteQL URL (never the routed origin). */
    [[nodiscard]] QUrl restRecordBase() const { return target.restRecordBase(); }
    [[nodiscard]] QUrl suiteQlUrl() const { return target.suiteQlUrl(); }
    /** A key is in memory, or the workspace says one is stored. */
    [[nodiscard]] bool hasKey() const { return !privateKey.isNull() || stored.hasPrivateKey; }
    [[nodiscard]] bool canMint() const
    {
        return hasKey() && !clientId.isEmpty() && !certificateId.isEmpty();
    }
    /** "Sandbox 1" */
    [[nodiscard]] QString kindText() const;
    /** The account for messages ("1234567_SB1"), or the origin. */
    [[nodiscard]] QString accountText() const;
    /** Re-derives the built-in variables (restBase, suiteqlUrl) from the target. */
    void addBuiltInVariables();

    /** The app's view of a stored environment (no key yet; secret values as given). */
    [[nodiscard]] static std::optional<Environment> fromStored(const Workspace::Environment &stored,
                                                               QString *error = nullptr);
    /** The workspace form of this environment (variables without the built-ins). */
    [[nodiscard]] Workspace::Environment toStored() const;
};

/** Palette-independent colours for a kind: production is the warning colour. */
struct KindColors
{
    QString background;
    QString foreground;
};
[[nodiscard]] KindColors kindColors(const NetSuite::EnvironmentKind &kind);

/**
 * The environments the switcher shows, backed by lib/workspace (workspace.json) and the
 * secret store through Workspace::Environments. Private keys are read only when an
 * environment is first used (loadSecrets), never while listing, so the keychain is not
 * touched before the first paint. Display role: name; ToolTip: kind and account;
 * UserRole: id.
 */
class EnvironmentModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentModel)

public:
    explicit EnvironmentModel(QObject *parent = nullptr);

    /** The store behind the model (nullptr: in memory only, as some tests use it). */
    void setBackend(Workspace::Environments *backend) { m_backend = backend; }
    [[nodiscard]] Workspace::Environments *backend() const { return m_backend; }
    /** Every environment gets this routing (demo mode: the emulator and its account). */
    void setRouting(const QString &connectTo, std::optional<NetSuite::AccountId> account);
    [[nodiscard]] QString routingOrigin() const { return m_connectTo; }

    /** Re-reads the workspace (keeps keys already in memory). False with @p error on failure. */
    bool reload(QString *error = nullptr);
    /**
     * Saves @p environment through the backend (its key, when in memory, to the secret
     * store) and shows it; returns its row, or -1 with @p error. An existing name is replaced
     * only with @p replace.
     */
    int save(Environment environment, bool replace, QString *error);
    /**
     * Saves @p stored (same id and name as row's: e.g. changed saved requests) without
     * touching its secrets; false with @p error.
     */
    bool updateStored(int row, const Workspace::Environment &stored, QString *error);
    /** Reads the private key and secret variable values of @p row if not yet in memory. */
    bool loadSecrets(int row, QString *error);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;

    /** Adds or replaces (same id) an environment in memory only; returns its row. */
    int upsert(Environment environment);
    [[nodiscard]] const Environment *at(int row) const;
    [[nodiscard]] const Environment *byId(const QString &id) const;
    [[nodiscard]] int rowOf(const QString &id) const;
    [[nodiscard]] int rowOfName(const QString &name) const;
    [[nodiscard]] int count() const { return int(m_items.size()); }

private:
    void applyRouting(Environment &environment) const;

    QList<Environment> m_items;
    Workspace::Environments *m_backend = nullptr;
    QString m_connectTo;
    std::optional<NetSuite::AccountId> m_routedAccount;
};

} // namespace Sb::App

Q_DECLARE_METATYPE(Sb::App::Environment)
