// SPDX-License-Identifier: MIT
#include "cli/Commands.h"
#include "core/Redaction.h"
#include "crypto/Keys.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

int main(int argc, char *argv[])
{
#if defined(Q_OS_LINUX) && defined(NDEBUG)
    // Release builds hold private keys and tokens in memory: no core dumps, and no same-user
    // ptrace or /proc/<pid>/mem reads (KeePassXC's Bootstrap does the same).
    const rlimit noCore{0, 0};
    setrlimit(RLIMIT_CORE, &noCore);
    prctl(PR_SET_DUMPABLE, 0);
#endif
    // Key BIGNUMs go to OpenSSL's locked, zeroed-on-free heap; set up before any key loads.
    Sb::Crypto::initSecureHeap();

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("suitebench-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Suitebench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SB_VERSION));
    // Every message, ours or Qt's, is redacted before it reaches standard error.
    Sb::Core::installRedactingMessageHandler();

    QTextStream out(stdout);
    QTextStream err(stderr);
    return Sb::Cli::run(QCoreApplication::arguments(), out, err);
}
