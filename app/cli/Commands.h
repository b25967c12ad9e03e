// SPDX-License-Identifier: MIT
#pragma once

#include "cli/CliContext.h"
#include "crypto/SecureBytes.h"
#include "workspace/Environment.h"

#include <optional>

namespace Sb::Cli {

/** Runs suitebench-cli with @p arguments (arguments[0] is the program name). */
int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

int runKeygen(CliContext &ctx);
int runJwt(CliContext &ctx);
int runAccount(CliContext &ctx);
int runMint(CliContext &ctx);
int runInspect(CliContext &ctx);
// RequestCommands.cpp: the NetSuite client from a terminal.
int runToken(CliContext &ctx);
int runRequest(CliContext &ctx);
int runSuiteQl(CliContext &ctx);
int runEnv(CliContext &ctx);

/**
 * For --env NAME (EnvCommand.cpp): the stored environment and, when @p needKey, its private
 * key PEM from the secret store. Prints the problem and sets @p exitCode on failure.
 */
std::optional<Workspace::Environment> loadEnvironmentForAuth(CliContext &ctx, const QString &name,
                                                             bool needKey,
                                                             Crypto::SecureBytes &keyPem,
                                                             int &exitCode);
/** Writes an environment's inline CA to a private temporary file; returns its path. */
std::optional<QString> writeTemporaryCaFile(CliContext &ctx, const QByteArray &pem);

} // namespace Sb::Cli
