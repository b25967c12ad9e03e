// SPDX-License-Identifier: MIT
#include "workspace/SafeFile.h"

#include "workspace/Tr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <csignal>

namespace Sb::Workspace {

using Code = WorkspaceError::Code;

Result<void> makePrivateDirectory(const QString &directory)
{
    if (!QDir().mkpath(directory)) {
        return fail(Code::Io, Tr::tr("Cannot create the folder %1.").arg(directory));
    }
    QFile::setPermissions(directory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return {};
}

Result<void> writeFileSafely(const QString &path, QByteArrayView data, const DeviceWrapper &wrapper)
{
    if (auto dir = makePrivateDirectory(QFileInfo(path).absolutePath()); !dir) {
        return dir;
    }
#ifdef SIGXFSZ
    // Past RLIMIT_FSIZE the kernel sends SIGXFSZ, whose default action kills the process;
    // ignored, the write fails with EFBIG and the old file is kept like any other failure.
    std::signal(SIGXFSZ, SIG_IGN);
#endif
    QSaveFile file(path);
    file.setDirectWriteFallback(false); // never in place: a failure must leave the old file whole
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(Code::Io, Tr::tr("Cannot write %1: %2. The previous file is unchanged.")
                                  .arg(path, file.errorString()));
    }
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.cancelWriting();
        return fail(Code::Io, Tr::tr("Cannot make %1 private (mode 0600).").arg(path));
    }
    std::unique_ptr<QIODevice> wrapped = wrapper ? wrapper(file) : nullptr;
    QIODevice &device = wrapped ? *wrapped : static_cast<QIODevice &>(file);
    constexpr qsizetype Chunk = 64 * 1024;
    for (qsizetype offset = 0; offset < data.size(); offset += Chunk) {
        const qsizetype size = std::min(Chunk, data.size() - offset);
        errno = 0;
        if (device.write(data.data() + offset, size) != size) {
            const int savedErrno = errno;
            QString reason = wrapped ? device.errorString() : file.errorString();
            if (file.error() == QFileDevice::NoError || reason == QStringLiteral("Unknown error")) {
                // QSaveFile does not always keep the OS reason; errno still holds it.
                reason = savedErrno != 0 ? qt_error_string(savedErrno) : reason;
            }
            file.cancelWriting();
            return fail(Code::Io, Tr::tr("Writing %1 failed (%2). The previous file is unchanged.")
                                      .arg(path, reason));
        }
    }
    wrapped.reset();
    if (!file.commit()) {
        return fail(Code::Io, Tr::tr("Saving %1 failed (%2). The previous file is unchanged.")
                                  .arg(path, file.errorString()));
    }
    return {};
}

Result<QByteArray> readRegularFile(const QString &path, qint64 maxBytes)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return fail(Code::NotFound, Tr::tr("%1 does not exist.").arg(path));
    }
    if (!info.isFile()) {
        return fail(Code::NotImportable,
                    Tr::tr("%1 is not a regular file (a folder, FIFO or device).").arg(path));
    }
    if (info.size() > maxBytes) {
        return fail(Code::TooLarge,
                    Tr::tr("%1 is larger than %2 KiB.").arg(path).arg(maxBytes / 1024));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(Code::Io, Tr::tr("Cannot read %1: %2").arg(path, file.errorString()));
    }
    QByteArray data = file.read(maxBytes + 1);
    if (data.size() > maxBytes) {
        return fail(Code::TooLarge,
                    Tr::tr("%1 is larger than %2 KiB.").arg(path).arg(maxBytes / 1024));
    }
    return data;
}

} // namespace Sb::Workspace
