// SPDX-License-Identifier: MIT
#pragma once

#include "workspace/WorkspaceError.h"

#include <QByteArrayView>
#include <QIODevice>
#include <QString>

#include <functional>
#include <memory>

namespace Sb::Workspace {

/**
 * A test seam: wraps the device the writer writes through (the QSaveFile's temporary file),
 * e.g. with a device that fails after N bytes. Product code passes none.
 */
using DeviceWrapper = std::function<std::unique_ptr<QIODevice>(QIODevice &target)>;

/**
 * Writes @p data to @p path all or nothing, readable by the owner only: the folder is
 * created 0700, QSaveFile's temporary file is made 0600 before the first byte, written in
 * chunks (each checked), flushed and renamed over the old file. On any failure (full disk,
 * read-only folder, a device error, a file-size limit) the temporary file is discarded and
 * the previous file stays byte for byte as it was. Never writes in place.
 */
[[nodiscard]] Result<void> writeFileSafely(const QString &path, QByteArrayView data,
                                           const DeviceWrapper &wrapper = {});

/** Creates @p directory (and parents) and sets it to 0700. */
[[nodiscard]] Result<void> makePrivateDirectory(const QString &directory);

/**
 * Reads a regular file of at most @p maxBytes: refuses FIFOs, devices, directories and
 * symlinks to them, checks the size before reading and reads with a limit (reliability E1).
 */
[[nodiscard]] Result<QByteArray> readRegularFile(const QString &path, qint64 maxBytes);

} // namespace Sb::Workspace
