// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArrayView>
#include <QString>

namespace Sb::Core {

struct FileError
{
    enum class Code { Exists, OpenFailed, WriteFailed, CommitFailed };
    Code code{};
    QString message;
};

enum class FileMode {
    PrivateToOwner, ///< 0600: keys, environments, history, anything that may hold a secret
    Public,         ///< 0644: certificates and other public material
};

enum class Overwrite { Refuse, Allow };

/**
 * Writes @p data to @p path all or nothing: QSaveFile into a temporary file in the same
 * folder, the mode set before the first byte is written (QSaveFile would otherwise create
 * it 0644 under umask 022), then fdatasync and rename. On any failure the previous file,
 * if any, is left untouched and nothing half-written remains.
 */
[[nodiscard]] Result<void, FileError> writeFileAtomically(const QString &path, QByteArrayView data,
                                                          FileMode mode,
                                                          Overwrite overwrite = Overwrite::Allow);

} // namespace Sb::Core
