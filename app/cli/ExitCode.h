// SPDX-License-Identifier: MIT
#pragma once

namespace Sb::Cli {

/**
 * The one exit-code table of suitebench-cli, for every command now and later. Scripts
 * depend on it: never renumber. Documented in `suitebench-cli --help` and the README.
 */
enum ExitCode : int {
    Success = 0,  ///< the command did what was asked
    Negative = 1, ///< a negative verdict (signature invalid, findings with errors) or HTTP ≥ 400
    Usage = 2,    ///< wrong flags or arguments
    Network = 3,  ///< network, TLS or timeout
    TokenRefused = 4, ///< the token endpoint refused the exchange
    GuardRefused = 5, ///< refused by a guard (production write, sandbox credentials to production)
    BadInput = 6,     ///< bad local input: key, passphrase, certificate, file
};

/** The table as printed by --help. */
inline constexpr const char *ExitCodeTable
    = "Exit codes (the same for every command):\n"
      "  0  success (a write already applied counts as success)\n"
      "  1  negative verdict (signature invalid, inspection found errors) or HTTP status >= 400\n"
      "  2  usage error\n"
      "  3  network, TLS or timeout; also a write whose outcome is unknown\n"
      "  4  token exchange refused\n"
      "  5  refused by a guard\n"
      "  6  bad local input (key, passphrase, file)\n";

} // namespace Sb::Cli
