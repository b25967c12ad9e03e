// SPDX-License-Identifier: MIT
#include "cli/Commands.h"
#include "crypto/Jws.h"

#include <QCoreApplication>

namespace Sb::Cli {

namespace {

QString topLevelHelp()
{
    return QStringLiteral(
               "Usage: suitebench-cli COMMAND [options]\n\n"
               "NetSuite OAuth 2.0 client credentials (M2M) from a terminal or a CI script.\n\n"
               "Commands:\n"
               "  account      validate an account ID and show its hosts and token URL\n"
               "  keygen       generate a key pair and a self-signed certificate for NetSuite\n"
               "  jwt mint     sign a NetSuite client assertion\n"
               "  jwt inspect  decode a token and report what is wrong for NetSuite\n"
               "  jwt sign     sign a header and payload with a private key\n"
               "  jwt verify   verify a token's signature with a certificate or key\n"
               "  jwt decode   decode a token strictly, without verifying it\n"
               "  token        exchange a fresh client assertion for an access token\n"
               "  request      send one REST request (token, retries, guards, idempotency)\n"
               "  suiteql      run a SuiteQL query: one page, or --all pages as JSONL or CSV\n"
               "  env          list, show, create, delete, export and import environments\n\n"
               "Options:\n"
               "  -h, --help     show this help; 'COMMAND --help' shows a command's options\n"
               "  -v, --version  show the version\n\n"
               "The CLI never prompts: an encrypted key needs --passphrase-file FILE.\n\n")
           + QString::fromLatin1(ExitCodeTable);
}

} // namespace

int run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    CliContext ctx(arguments, out, err);
    const QString command = arguments.size() > 1 ? arguments.at(1) : QString();
    if (command.isEmpty()) {
        err << topLevelHelp();
        err.flush();
        return Usage;
    }
    if (command == QStringLiteral("-h") || command == QStringLiteral("--help")
        || command == QStringLiteral("help")) {
        out << topLevelHelp();
        out.flush();
        return Success;
    }
    if (command == QStringLiteral("-v") || command == QStringLiteral("--version")) {
        out << QStringLiteral("suitebench-cli %1\n").arg(QCoreApplication::applicationVersion());
        out.flush();
        return Success;
    }

    // Known-answer self-test before any command can sign or verify (KeePassXC's Crypto::init).
    if (const auto selfTest = Crypto::runSelfTest(); !selfTest) {
        return ctx.fail(BadInput, QStringLiteral("the crypto self-test failed, so nothing will be "
                                                 "signed or verified: ")
                                      + selfTest.error().message);
    }
    QStringList rest = arguments;
    rest.removeAt(1);
    if (command == QStringLiteral("keygen")) {
        CliContext sub(rest, out, err);
        return runKeygen(sub);
    }
    if (command == QStringLiteral("account")) {
        CliContext sub(rest, out, err);
        return runAccount(sub);
    }
    if (command == QStringLiteral("jwt")) {
        return runJwt(ctx);
    }
    if (command == QStringLiteral("token") || command == QStringLiteral("request")
        || command == QStringLiteral("suiteql")) {
        CliContext sub(rest, out, err);
        return command == QStringLiteral("token")     ? runToken(sub)
               : command == QStringLiteral("request") ? runRequest(sub)
                                                      : runSuiteQl(sub);
    }
    if (command == QStringLiteral("env")) {
        return runEnv(ctx);
    }
    return ctx.fail(Usage, QStringLiteral("unknown command '%1'. Run 'suitebench-cli --help' for "
                                          "the list.")
                               .arg(command));
}

} // namespace Sb::Cli
