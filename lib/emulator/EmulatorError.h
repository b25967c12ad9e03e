// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

namespace Sb::Emulator {

/** Why an emulator operation failed. Messages never quote keys, tokens or assertions. */
struct EmulatorError
{
    enum class Code {
        InvalidSetting,     ///< a setting, config file or command-line value is out of range
        InvalidFaultSpec,   ///< a --fault / POST /__emulator/faults spec does not parse
        Listen,             ///< the server could not bind
        Storage,            ///< SQLite failed (open, schema, seed)
        Crypto,             ///< key or certificate generation failed
        NotFound,           ///< an integration, certificate, role or entity does not exist
        CertificateRefused, ///< an upload that breaks NetSuite's certificate rules
        LimitReached,       ///< e.g. the sixth active certificate of an integration
        Invalid,            ///< any other bad argument
        SuiteQl,            ///< a query outside the supported SuiteQL subset
    };
    Code code{};
    QString message;
};

template<typename T>
using Result = Core::Result<T, EmulatorError>;

} // namespace Sb::Emulator
