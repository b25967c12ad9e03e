// SPDX-License-Identifier: MIT
#pragma once

#include "core/Variables.h"
#include "crypto/Certificate.h"
#include "crypto/Keys.h"
#include "netsuite/Target.h"

#include <QAbstractListModel>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Sb::App {

/**
 * One environment as the app uses it in this first pass. INTERIM: lib/workspace will own
 * environments (on disk, with import/export) and lib/secrets the private key; until then the
 * app keeps them in memory only (EnvironmentModel) and never writes a key anywhere.
 */
struct Environment
{
    QString id;   ///< stable within the session
    QString name; ///< what the switcher shows
    NetSuite::Target target;
    /**
     * Where the traffic actually goes when it is not the target's own origin: the emulator
     * playing the target's account ("http://127.0.0.1:port"). Empty: the target's origin.
     * The assertion's `aud` stays target.tokenUrlString() either way.
     */
    QUrl routeOrigin;
    /** The account the server at routeOrigin plays (the emulator's), when routed. */
    std::optional<NetSuite::AccountId> routedAccount;
    QString clientId;
    QString certificateId;
    QStringList scopes;
    Crypto::PrivateKey privateKey; ///< in memory only (interim secret store)
    std::optional<Crypto::Certificate> certificate;
    Core::VariableSet variables;
    bool demo = false;

    [[nodiscard]] NetSuite::EnvironmentKind kind() const { return target.kind(); }
    /** The token URL the POST goes to (routed). */
    [[nodiscard]] QUrl tokenEndpoint() const;
    /** REST record base the traffic goes to (routed). */
    [[nodiscard]] QUrl restRecordBase() const;
    [[nodiscard]] QUrl suiteQlUrl() const;
    /** Maps a URL on the target's hosts onto routeOrigin (unchanged when not routed). */
    [[nodiscard]] QUrl route(const QUrl &url) const;
    [[nodiscard]] bool canMint() const
    {
        return !privateKey.isNull() && !clientId.isEmpty() && !certificateId.isEmpty();
    }
    /** "Sandbox 1 · 1234567_SB1" */
    [[nodiscard]] QString kindText() const;
    /** The account for messages ("1234567_SB1"), or the origin. */
    [[nodiscard]] QString accountText() const;
};

/** Palette-independent colours for a kind: production is the warning colour. */
struct KindColors
{
    QString background;
    QString foreground;
};
[[nodiscard]] KindColors kindColors(const NetSuite::EnvironmentKind &kind);

/**
 * The environments of this session (INTERIM seam for lib/workspace): a list model the
 * switcher shows. Display role: name; ToolTip: kind and account.
 */
class EnvironmentModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentModel)

public:
    explicit EnvironmentModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;

    /** Adds or replaces (same id) an environment; returns its row. */
    int upsert(Environment environment);
    [[nodiscard]] const Environment *at(int row) const;
    [[nodiscard]] const Environment *byId(const QString &id) const;
    [[nodiscard]] int rowOf(const QString &id) const;
    [[nodiscard]] int count() const { return int(m_items.size()); }

private:
    QList<Environment> m_items;
};

} // namespace Sb::App

Q_DECLARE_METATYPE(Sb::App::Environment)
