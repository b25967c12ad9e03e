// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QString>

namespace Sb::Workspace {

/** Why a workspace operation failed. Messages never contain secrets. */
struct WorkspaceError
{
    enum class Code {
        Io,              ///< reading or writing a file failed (the previous file is intact)
        Locked,          ///< another Suitebench process holds the lock
        Damaged,         ///< the workspace file is not valid; a backup may exist (hasBackup)
        NewerVersion,    ///< made by a newer Suitebench; nothing was changed
        Invalid,         ///< a value breaks a rule (name, account, URL, caps)
        NotFound,        ///< no environment of that name
        Exists,          ///< an environment of that name exists already
        TooLarge,        ///< over a size, depth or count cap
        NotImportable,   ///< not a format we import
        NeedsPassphrase, ///< an encrypted bundle and no passphrase
        WrongPassphrase, ///< wrong passphrase or damaged bundle
        Secret,          ///< the secret store failed (the workspace was not changed)
    };
    Code code{};
    QString message;
    bool hasBackup = false; ///< Damaged/NewerVersion: a backup file exists to restore
};

template<typename T>
using Result = Core::Result<T, WorkspaceError>;

[[nodiscard]] inline tl::unexpected<WorkspaceError> fail(WorkspaceError::Code code, QString message)
{
    return tl::unexpected<WorkspaceError>(WorkspaceError{code, std::move(message), false});
}

} // namespace Sb::Workspace
