// SPDX-License-Identifier: MIT
#pragma once

#include "workspace/Environment.h"
#include "workspace/SafeFile.h"

#include <QList>
#include <QString>

#include <chrono>
#include <functional>

namespace Sb::Workspace {

/** Everything in workspace.json. */
struct WorkspaceData
{
    QList<Environment> environments;

    [[nodiscard]] const Environment *find(const QString &name) const;
    [[nodiscard]] Environment *find(const QString &name);
};

/**
 * The workspace file: `<dir>/workspace.json`, versioned JSON
 * (`{"format":"suitebench-workspace","formatVersion":1,"environments":[…]}`), 0600 in a
 * 0700 folder, with `workspace.json.bak` (the previous good version) and
 * `workspace.json.lock` (QLockFile: the CLI and the app may run at once).
 *
 * A missing file is an empty workspace. A damaged file or one from a newer version is an
 * error (Damaged / NewerVersion, with hasBackup) and is never overwritten: update() refuses
 * until the user restores the backup or moves the file away.
 */
class WorkspaceStore final
{
public:
    static constexpr int FormatVersion = 1;

    explicit WorkspaceStore(QString directory = defaultDirectory());

    /** $SUITEBENCH_HOME, else <generic data location>/suitebench (shared by CLI and app). */
    [[nodiscard]] static QString defaultDirectory();

    [[nodiscard]] QString directory() const { return m_directory; }
    [[nodiscard]] QString filePath() const;
    [[nodiscard]] QString backupPath() const;
    [[nodiscard]] QString lockPath() const;
    [[nodiscard]] QString historyPath() const;
    [[nodiscard]] QString secretFilePath() const;

    /** Reads the workspace (no lock needed: writes replace the file atomically). */
    [[nodiscard]] Result<WorkspaceData> load() const;
    /** Reads the backup, e.g. to show what restoring it would bring back. */
    [[nodiscard]] Result<WorkspaceData> loadBackup() const;
    /** Puts the backup in place of a damaged file (under the lock; the damaged file is kept
     * as workspace.json.damaged-<time>). */
    [[nodiscard]] Result<void> restoreBackup();

    /**
     * Read-modify-write under the lock: load, apply @p change, validate, keep the previous
     * file as the backup, write. Nothing is written when @p change or validation fails.
     */
    [[nodiscard]] Result<WorkspaceData>
    update(const std::function<Result<void>(WorkspaceData &)> &change);

    /** How long update() waits for another process's lock. */
    void setLockTimeout(std::chrono::milliseconds timeout) { m_lockTimeout = timeout; }
    /** Test seam: the device the workspace file is written through. */
    void setDeviceWrapper(DeviceWrapper wrapper) { m_wrapper = std::move(wrapper); }

    /** Serialises @p data (secret variable values always empty). */
    [[nodiscard]] static QByteArray serialize(const WorkspaceData &data);
    /** Parses workspace bytes with the strict JSON reader and validates every environment. */
    [[nodiscard]] static Result<WorkspaceData> parse(QByteArrayView bytes);

private:
    [[nodiscard]] Result<WorkspaceData> loadFile(const QString &path, bool isBackup) const;

    QString m_directory;
    std::chrono::milliseconds m_lockTimeout{10'000};
    DeviceWrapper m_wrapper;
};

} // namespace Sb::Workspace
