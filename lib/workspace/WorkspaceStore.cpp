// SPDX-License-Identifier: MIT
#include "workspace/WorkspaceStore.h"

#include "jwt/StrictJson.h"
#include "workspace/Tr.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QSet>
#include <QStandardPaths>

namespace Sb::Workspace {

using Code = WorkspaceError::Code;

namespace {
constexpr qint64 MaxWorkspaceBytes = 32 * 1024 * 1024;

tl::unexpected<WorkspaceError> lockFailure(const QLockFile &lock, const QString &path)
{
    if (lock.error() == QLockFile::LockFailedError) {
        return fail(Code::Locked, Tr::tr("Another Suitebench process is changing the workspace "
                                         "(%1); try again.")
                                      .arg(path));
    }
    return fail(Code::Io, Tr::tr("Cannot create the lock file %1 (is the folder read-only or "
                                 "full?). Nothing was changed.")
                              .arg(path));
}
} // namespace

const Environment *WorkspaceData::find(const QString &name) const
{
    for (const Environment &env : environments) {
        if (env.name == name) {
            return &env;
        }
    }
    return nullptr;
}

Environment *WorkspaceData::find(const QString &name)
{
    for (Environment &env : environments) {
        if (env.name == name) {
            return &env;
        }
    }
    return nullptr;
}

WorkspaceStore::WorkspaceStore(QString directory)
    : m_directory(std::move(directory))
{}

QString WorkspaceStore::defaultDirectory()
{
    const QString overridden = qEnvironmentVariable("SUITEBENCH_HOME");
    if (!overridden.isEmpty()) {
        return overridden;
    }
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
           + QStringLiteral("/suitebench");
}

QString WorkspaceStore::filePath() const
{
    return m_directory + QStringLiteral("/workspace.json");
}

QString WorkspaceStore::backupPath() const
{
    return filePath() + QStringLiteral(".bak");
}

QString WorkspaceStore::lockPath() const
{
    return filePath() + QStringLiteral(".lock");
}

QString WorkspaceStore::historyPath() const
{
    return m_directory + QStringLiteral("/history.jsonl");
}

QString WorkspaceStore::secretFilePath() const
{
    return m_directory + QStringLiteral("/secrets.age");
}

QByteArray WorkspaceStore::serialize(const WorkspaceData &data)
{
    QJsonArray environments;
    for (const Environment &env : data.environments) {
        environments.append(toJson(env, false));
    }
    QJsonObject root;
    root.insert(QStringLiteral("format"), QStringLiteral("suitebench-workspace"));
    root.insert(QStringLiteral("formatVersion"), FormatVersion);
    root.insert(QStringLiteral("environments"), environments);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<WorkspaceData> WorkspaceStore::parse(QByteArrayView bytes)
{
    Jwt::JsonLimits limits;
    limits.maxBytes = MaxWorkspaceBytes;
    limits.maxDepth = Limits::MaxJsonDepth;
    const auto json = Jwt::parseStrictJsonObject(bytes, limits);
    if (!json.ok) {
        return fail(Code::Damaged, Tr::tr("not valid JSON (%1)").arg(json.error));
    }
    if (!json.duplicates.isEmpty()) {
        return fail(Code::Damaged,
                    Tr::tr("the member %1 appears twice").arg(json.duplicates.first().name));
    }
    const QJsonObject &root = json.object;
    if (root.value(QStringLiteral("format")).toString() != QStringLiteral("suitebench-workspace")) {
        return fail(Code::Damaged, Tr::tr("not a Suitebench workspace file"));
    }
    const QJsonValue version = root.value(QStringLiteral("formatVersion"));
    if (!version.isDouble() || version.toInteger() < 1) {
        return fail(Code::Damaged, Tr::tr("no valid formatVersion"));
    }
    if (version.toInteger() > FormatVersion) {
        return fail(Code::NewerVersion,
                    Tr::tr("made by a newer version of Suitebench (format %1; this version "
                           "reads up to %2)")
                        .arg(version.toInteger())
                        .arg(FormatVersion));
    }
    const QJsonValue list = root.value(QStringLiteral("environments"));
    if (!list.isArray() || list.toArray().size() > Limits::MaxEnvironments) {
        return fail(Code::Damaged, Tr::tr("the environment list is missing or too long"));
    }
    WorkspaceData data;
    QSet<QString> names;
    QSet<QString> ids;
    for (const QJsonValue &value : list.toArray()) {
        auto env = fromJson(value.toObject());
        if (!env) {
            return fail(Code::Damaged, env.error().message);
        }
        if (auto ok = validate(*env); !ok) {
            return fail(Code::Damaged, ok.error().message);
        }
        if (names.contains(env->name) || ids.contains(env->id)) {
            return fail(Code::Damaged, Tr::tr("environment %1 appears twice").arg(env->name));
        }
        names.insert(env->name);
        ids.insert(env->id);
        data.environments.append(*env);
    }
    return data;
}

Result<WorkspaceData> WorkspaceStore::loadFile(const QString &path, bool isBackup) const
{
    if (!QFileInfo::exists(path)) {
        if (isBackup) {
            return fail(Code::NotFound, Tr::tr("There is no backup (%1).").arg(path));
        }
        return WorkspaceData{};
    }
    auto bytes = readRegularFile(path, MaxWorkspaceBytes);
    if (!bytes) {
        return tl::unexpected(bytes.error());
    }
    auto data = parse(*bytes);
    if (!data) {
        WorkspaceError error = data.error();
        error.hasBackup = !isBackup && QFileInfo::exists(backupPath());
        error.message
            = Tr::tr("%1 cannot be used: %2. Nothing was changed.").arg(path, error.message);
        if (error.hasBackup) {
            error.message += u' '
                             + Tr::tr("The previous version is kept in %1; restore it with "
                                      "'suitebench-cli env restore-backup' or from the app.")
                                   .arg(backupPath());
        }
        return tl::unexpected(error);
    }
    return data;
}

Result<WorkspaceData> WorkspaceStore::load() const
{
    return loadFile(filePath(), false);
}

Result<WorkspaceData> WorkspaceStore::loadBackup() const
{
    return loadFile(backupPath(), true);
}

Result<void> WorkspaceStore::restoreBackup()
{
    if (auto dir = makePrivateDirectory(m_directory); !dir) {
        return dir;
    }
    QLockFile lock(lockPath());
    if (!lock.tryLock(int(m_lockTimeout.count()))) {
        return lockFailure(lock, lockPath());
    }
    auto backup = readRegularFile(backupPath(), MaxWorkspaceBytes);
    if (!backup && backup.error().code == Code::NotFound) {
        return fail(Code::NotFound, Tr::tr("There is no backup (%1).").arg(backupPath()));
    }
    if (!backup) {
        return tl::unexpected(backup.error());
    }
    if (auto parsed = parse(*backup); !parsed) {
        return fail(Code::Damaged,
                    Tr::tr("The backup cannot be used either: %1").arg(parsed.error().message));
    }
    if (QFileInfo::exists(filePath())) {
        const QString kept
            = filePath() + QStringLiteral(".damaged-")
              + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddThhmmss"));
        if (!QFile::rename(filePath(), kept)) {
            return fail(Code::Io, Tr::tr("Cannot move the damaged file aside."));
        }
    }
    return writeFileSafely(filePath(), *backup, m_wrapper);
}

Result<WorkspaceData>
WorkspaceStore::update(const std::function<Result<void>(WorkspaceData &)> &change)
{
    if (auto dir = makePrivateDirectory(m_directory); !dir) {
        return tl::unexpected(dir.error());
    }
    QLockFile lock(lockPath());
    lock.setStaleLockTime(60'000);
    if (!lock.tryLock(int(m_lockTimeout.count()))) {
        return lockFailure(lock, lockPath());
    }
    auto data = load();
    if (!data) {
        return data; // damaged or newer: never overwrite it
    }
    WorkspaceData changed = *data;
    if (auto ok = change(changed); !ok) {
        return tl::unexpected(ok.error());
    }
    if (changed.environments.size() > Limits::MaxEnvironments) {
        return fail(
            Code::TooLarge,
            Tr::tr("A workspace holds at most %1 environments.").arg(Limits::MaxEnvironments));
    }
    for (const Environment &env : changed.environments) {
        if (auto ok = validate(env); !ok) {
            return tl::unexpected(ok.error());
        }
    }
    const QByteArray bytes = serialize(changed);
    if (auto ok = parse(bytes); !ok) { // what we write must read back
        return fail(Code::Invalid, ok.error().message);
    }
    if (QFileInfo::exists(filePath())) {
        auto previous = readRegularFile(filePath(), MaxWorkspaceBytes);
        if (!previous) {
            return tl::unexpected(previous.error());
        }
        if (auto kept = writeFileSafely(backupPath(), *previous); !kept) {
            return tl::unexpected(kept.error());
        }
    }
    if (auto written = writeFileSafely(filePath(), bytes, m_wrapper); !written) {
        return tl::unexpected(written.error());
    }
    return changed;
}

} // namespace Sb::Workspace
