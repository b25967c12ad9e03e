// SPDX-License-Identifier: MIT
#pragma once

#include "netsuite/AssertionBuilder.h"
#include "netsuite/Target.h"
#include "workspace/WorkspaceError.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Sb::Workspace {

/**
 * A `{{name}}` variable. A secret variable's value lives in the SecretStore, never in the
 * workspace file or a default export; in an Environment value it is only transient (after
 * reading it from the store or from an encrypted bundle).
 */
struct Variable
{
    QString name;
    QString value;
    bool secret = false;
    bool enabled = true;
    friend bool operator==(const Variable &, const Variable &) = default;
};

struct Header
{
    QString name;
    QString value;
    friend bool operator==(const Header &, const Header &) = default;
};

/** A saved request (templates: `{{variables}}` are expanded when it is sent). */
struct SavedRequest
{
    QString name;
    QString method = QStringLiteral("GET");
    QString url;
    QList<Header> headers;
    QString body;
    friend bool operator==(const SavedRequest &, const SavedRequest &) = default;
};

struct Collection
{
    QString name;
    QList<SavedRequest> requests;
    friend bool operator==(const Collection &, const Collection &) = default;
};

/** Per-environment history settings (bodies only on request, with a cap). */
struct HistoryPolicy
{
    bool storeBodies = false;
    qint64 bodyCapBytes = 64 * 1024;
    friend bool operator==(const HistoryPolicy &, const HistoryPolicy &) = default;
};

/**
 * One environment: where to authenticate (a NetSuite account ID or a custom token URL),
 * with which identifiers and rules, its variables, saved requests, and the NAME of its
 * private key in the SecretStore (never the key itself).
 */
struct Environment
{
    QString id;        ///< a UUID; the secret names derive from it
    QString name;      ///< unique in a workspace, 1…256 characters
    QString accountId; ///< canonical ("1234567_SB1"), or empty when tokenUrl is set
    QString tokenUrl;  ///< a custom token endpoint, or empty
    QString clientId;
    QString certificateId;
    QString algorithm; ///< "PS256"…; empty means "from the key"
    QString profile = QStringLiteral("netsuite");
    QStringList scopes;       ///< empty means the profile's default
    int concurrencyLimit = 0; ///< 0: the default; otherwise 1…100
    QByteArray extraCaPem;    ///< an extra CA certificate (public), inline, never a path
    QList<Variable> variables;
    QList<Collection> collections;
    HistoryPolicy history;
    bool hasPrivateKey = false; ///< a key is stored under privateKeySecretName()

    friend bool operator==(const Environment &, const Environment &) = default;

    /** "suitebench/env/<id>/private-key" */
    [[nodiscard]] QString privateKeySecretName() const;
    /** "suitebench/env/<id>/var/<name>" */
    [[nodiscard]] QString variableSecretName(const QString &variable) const;

    /** The validated target (account or custom endpoint). */
    [[nodiscard]] Result<NetSuite::Target> target() const;
    /** The assertion request without key: profile, IDs, algorithm, scopes, token URL. */
    [[nodiscard]] Result<NetSuite::AssertionRequest> assertionRequest() const;
    /** The origins requests of this environment go to (token endpoint, saved requests). */
    [[nodiscard]] QStringList hosts() const;
    /** This environment with every secret variable's value emptied (what reaches disk). */
    [[nodiscard]] Environment withoutSecretValues() const;
};

/** Caps for environments read from files (reliability doc E2/E3). */
struct Limits
{
    static constexpr qsizetype MaxNameLength = 256;
    static constexpr qsizetype MaxValueLength = 8 * 1024;
    static constexpr qsizetype MaxCaPemLength = 64 * 1024;
    static constexpr qsizetype MaxBodyLength = 256 * 1024;
    static constexpr qsizetype MaxVariables = 500;
    static constexpr qsizetype MaxHeaders = 100;
    static constexpr qsizetype MaxCollections = 100;
    static constexpr qsizetype MaxRequests = 1000;
    static constexpr qsizetype MaxEnvironments = 200;
    static constexpr qsizetype MaxImportBytes = 4 * 1024 * 1024;
    static constexpr int MaxJsonDepth = 16;
};

/**
 * Checks every rule: a name without control or bidi characters, exactly one of account ID
 * (parsed by NetSuite::AccountId) and token URL (NetSuite::CustomTokenEndpoint), the profile,
 * algorithm, scopes, variable names ([A-Za-z0-9_.-]), lengths and counts. Fills @p warnings
 * with non-blocking findings (a non-ASCII name that may be a look-alike).
 */
[[nodiscard]] Result<void> validate(const Environment &environment,
                                    QStringList *warnings = nullptr);

/** Checks a name (environment, variable display): no controls, no bidi overrides, length. */
[[nodiscard]] Result<void> checkDisplayName(const QString &name, const QString &what);

/**
 * JSON form, as in the workspace file and the default export. Secret variable values are
 * never written. @p includeSecretValues is for the encrypted bundle only.
 */
[[nodiscard]] QJsonObject toJson(const Environment &environment, bool includeSecretValues = false);

/**
 * Reads the JSON form. Type confusion (a number where a string belongs), unknown fields
 * (reported in @p ignored), and invalid values are handled here; call validate() afterwards.
 */
[[nodiscard]] Result<Environment> fromJson(const QJsonObject &object,
                                           QStringList *ignored = nullptr);

} // namespace Sb::Workspace
