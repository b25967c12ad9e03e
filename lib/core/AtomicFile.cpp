// SPDX-License-Identifier: MIT
#include "core/AtomicFile.h"

#include <QFileInfo>
#include <QSaveFile>

namespace Sb::Core {

Result<void, FileError> writeFileAtomically(const QString &path, QByteArrayView data, FileMode mode,
                                            Overwrite overwrite)
{
    using Code = FileError::Code;
    if (overwrite == Overwrite::Refuse && QFileInfo::exists(path)) {
        return fail<FileError>(Code::Exists,
                               QStringLiteral("%1 already exists; choose another name or pass "
                                              "--force to replace it.")
                                   .arg(path));
    }
    QSaveFile file(path);
    // Never fall back to writing in place: a failure must leave the old file whole.
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail<FileError>(Code::OpenFailed,
                               QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    // Set the mode on the still-empty temporary file, before any byte exists on disk.
    const QFileDevice::Permissions permissions
        = mode == FileMode::PrivateToOwner ? (QFileDevice::ReadOwner | QFileDevice::WriteOwner)
                                           : (QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                              | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    if (!file.setPermissions(permissions)) {
        file.cancelWriting();
        return fail<FileError>(Code::OpenFailed,
                               QStringLiteral("cannot set the permissions of %1.").arg(path));
    }
    if (file.write(data.data(), data.size()) != data.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fail<FileError>(Code::WriteFailed, QStringLiteral("writing %1 failed (%2); the "
                                                                 "previous file is unchanged.")
                                                      .arg(path, reason));
    }
    if (!file.commit()) {
        return fail<FileError>(Code::CommitFailed, QStringLiteral("saving %1 failed (%2); the "
                                                                  "previous file is unchanged.")
                                                       .arg(path, file.errorString()));
    }
    return {};
}

} // namespace Sb::Core
