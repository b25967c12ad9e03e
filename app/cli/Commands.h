// SPDX-License-Identifier: MIT
#pragma once

#include "cli/CliContext.h"

namespace Sb::Cli {

/** Runs suitebench-cli with @p arguments (arguments[0] is the program name). */
int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

int runKeygen(CliContext &ctx);
int runJwt(CliContext &ctx);
int runAccount(CliContext &ctx);
int runMint(CliContext &ctx);
int runInspect(CliContext &ctx);

} // namespace Sb::Cli
