// SPDX-License-Identifier: MIT
// suitebench-cli env: list | show | create | delete | export | import | restore-backup.
// Secrets go to the OS keychain, or to the passphrase-encrypted secret file when no keychain
// answers (its passphrase from $SUITEBENCH_SECRETS_PASSPHRASE_FILE); never to plaintext.
#include "cli/AuthOptions.h"
#include "cli/Commands.h"
#include "core/AtomicFile.h"
#include "crypto/Keys.h"
#include "netsuite/AccountId.h"
#include "secrets/SecretStore.h"
#include "workspace/Environments.h"
#include "workspace/SafeFile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

namespace Sb::Cli {

namespace {

struct Session
{
    Workspace::WorkspaceStore store;
    std::unique_ptr<Secrets::SecretStore> secrets;
    QString fallbackReason;
};

/** The workspace and the secret store, chosen as documented in `env --help`. */
std::optional<Session> openSession(CliContext &ctx, int &exitCode)
{
    Session session{Workspace::WorkspaceStore(), nullptr, {}};
    Secrets::SecretStoreOptions options;
    options.fallbackFile = session.store.secretFilePath();
    options.keychainDisabled
        = qEnvironmentVariable("SUITEBENCH_NO_KEYCHAIN") == QStringLiteral("1");
    const QString passphraseFile = qEnvironmentVariable("SUITEBENCH_SECRETS_PASSPHRASE_FILE");
    if (!passphraseFile.isEmpty()) {
        auto passphrase = ctx.readPassphraseFile(passphraseFile);
        if (!passphrase) {
            exitCode = BadInput;
            return std::nullopt;
        }
        options.fallbackPassphrase = std::move(*passphrase);
    }
    auto opened = Secrets::openSecretStore(std::move(options));
    session.secrets = std::move(opened.store);
    session.fallbackReason = opened.fallbackReason;
    return session;
}

int failWith(CliContext &ctx, const Workspace::WorkspaceError &error)
{
    using Code = Workspace::WorkspaceError::Code;
    switch (error.code) {
    case Code::NotFound:
    case Code::Exists:
    case Code::Invalid:
        return ctx.fail(Usage, error.message);
    default:
        return ctx.fail(BadInput, error.message);
    }
}

QString describeTarget(const Workspace::Environment &env)
{
    return env.accountId.isEmpty() ? env.tokenUrl : env.accountId;
}

std::optional<std::pair<QString, QString>> splitAssignment(const QString &text)
{
    const qsizetype eq = text.indexOf(u'=');
    if (eq <= 0) {
        return std::nullopt;
    }
    return std::make_pair(text.left(eq), text.mid(eq + 1));
}

int runList(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    CliContext sub(args, ctx.out(), ctx.err());
    if (auto stop = sub.parse(parser, QStringLiteral("suitebench-cli env list"))) {
        return *stop;
    }
    int exitCode = Success;
    auto session = openSession(ctx, exitCode);
    if (!session) {
        return exitCode;
    }
    Workspace::Environments environments(session->store, *session->secrets);
    const auto list = environments.list();
    if (!list) {
        return failWith(ctx, list.error());
    }
    for (const auto &env : *list) {
        ctx.out() << env.name << u'\t' << describeTarget(env) << u'\t'
                  << (env.hasPrivateKey ? QStringLiteral("key") : QStringLiteral("no key"))
                  << u'\n';
    }
    ctx.out().flush();
    return Success;
}

int runShow(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The environment."));
    CliContext sub(args, ctx.out(), ctx.err());
    if (auto stop = sub.parse(parser, QStringLiteral("suitebench-cli env show NAME"))) {
        return *stop;
    }
    if (parser.positionalArguments().size() != 1) {
        return ctx.fail(Usage, QStringLiteral("env show takes one NAME."));
    }
    int exitCode = Success;
    auto session = openSession(ctx, exitCode);
    if (!session) {
        return exitCode;
    }
    Workspace::Environments environments(session->store, *session->secrets);
    const auto env = environments.get(parser.positionalArguments().first());
    if (!env) {
        return failWith(ctx, env.error());
    }
    QTextStream &out = ctx.out();
    out << QStringLiteral("name:            ") << env->name << u'\n';
    if (!env->accountId.isEmpty()) {
        out << QStringLiteral("account:         ") << env->accountId << u'\n';
    } else {
        out << QStringLiteral("token URL:       ") << env->tokenUrl << u'\n';
    }
    out << QStringLiteral("client ID:       ") << env->clientId << u'\n'
        << QStringLiteral("certificate ID:  ") << env->certificateId << u'\n'
        << QStringLiteral("algorithm:       ")
        << (env->algorithm.isEmpty() ? QStringLiteral("(from the key)") : env->algorithm) << u'\n'
        << QStringLiteral("profile:         ") << env->profile << u'\n'
        << QStringLiteral("scopes:          ")
        << (env->scopes.isEmpty() ? QStringLiteral("(default)") : env->scopes.join(u',')) << u'\n'
        << QStringLiteral("private key:     ")
        << (env->hasPrivateKey ? QStringLiteral("in the secret store") : QStringLiteral("none"))
        << u'\n' << QStringLiteral("hosts:           ") << env->hosts().join(QStringLiteral(", "))
        << u'\n';
    for (const auto &variable : env->variables) {
        out << QStringLiteral("var ") << variable.name << QStringLiteral(" = ")
            << (variable.secret ? QStringLiteral("(secret)") : variable.value)
            << (variable.enabled ? QString() : QStringLiteral("  [disabled]")) << u'\n';
    }
    out.flush();
    return Success;
}

int runCreate(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    const AuthOptions auth;
    auth.addTo(parser);
    const QCommandLineOption var(QStringLiteral("var"), QStringLiteral("A variable. Repeatable."),
                                 QStringLiteral("NAME=VALUE"));
    const QCommandLineOption secretVar(QStringLiteral("secret-var"),
                                       QStringLiteral("A secret variable (kept in the secret "
                                                      "store). Repeatable."),
                                       QStringLiteral("NAME=VALUE"));
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("Replace an environment of the same name."));
    parser.addOptions({var, secretVar, force});
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The environment's name."));
    CliContext sub(args, ctx.out(), ctx.err());
    if (auto stop
        = sub.parse(parser,
                    QStringLiteral("suitebench-cli env create NAME ") + AuthOptions::synopsis()
                        + QStringLiteral(" [--var NAME=VALUE]... [--secret-var "
                                         "NAME=VALUE]... [--force]"),
                    QStringLiteral("Stores an environment. --key imports the private "
                                   "key into the secret store (the OS keychain, or the "
                                   "encrypted secret file); the key file itself is not "
                                   "referenced afterwards."))) {
        return *stop;
    }
    if (parser.positionalArguments().size() != 1) {
        return ctx.fail(Usage, QStringLiteral("env create takes one NAME."));
    }
    const auto value = [&](const char *name) { return parser.value(QString::fromLatin1(name)); };
    const auto isSet = [&](const char *name) { return parser.isSet(QString::fromLatin1(name)); };
    Workspace::Environment env;
    env.name = parser.positionalArguments().first();
    if (isSet("account") == isSet("token-url")) {
        return ctx.fail(Usage,
                        QStringLiteral("give exactly one of --account ID or --token-url URL."));
    }
    if (isSet("account")) {
        const auto account = NetSuite::AccountId::parse(value("account"));
        if (!account) {
            return ctx.fail(Usage, QStringLiteral("--account: ") + account.error().message);
        }
        env.accountId = account->canonical();
    } else {
        env.tokenUrl = value("token-url");
    }
    env.clientId = value("client-id");
    env.certificateId = value("cert-id");
    env.algorithm = value("alg").toUpper();
    env.profile = value("profile");
    env.scopes = NetSuite::parseScopeList(value("scope"));
    if (isSet("ca")) {
        const auto ca = Crypto::readSmallFile(value("ca"), 64 * 1024);
        if (!ca) {
            return ctx.fail(BadInput, QStringLiteral("--ca: ") + ca.error().message);
        }
        env.extraCaPem = *ca;
    }
    for (const auto &[option, secret] : {std::pair{&var, false}, std::pair{&secretVar, true}}) {
        for (const QString &assignment : parser.values(*option)) {
            const auto pair = splitAssignment(assignment);
            if (!pair) {
                return ctx.fail(
                    Usage, QStringLiteral("--%1 takes NAME=VALUE.").arg(option->names().first()));
            }
            env.variables.append({pair->first, pair->second, secret, true});
        }
    }
    Crypto::SecureBytes keyPem;
    if (isSet("key")) {
        const auto passphrase = ctx.readPassphraseFile(value("passphrase-file"));
        if (!passphrase) {
            return BadInput;
        }
        auto key = Crypto::PrivateKey::fromFile(value("key"), *passphrase);
        if (!key) {
            return ctx.fail(BadInput,
                            QStringLiteral("--key %1: %2").arg(value("key"), key.error().message));
        }
        auto pem = key->toPkcs8Pem();
        if (!pem) {
            return ctx.fail(BadInput, pem.error().message);
        }
        keyPem = std::move(*pem);
    }
    int exitCode = Success;
    auto session = openSession(ctx, exitCode);
    if (!session) {
        return exitCode;
    }
    Workspace::Environments environments(session->store, *session->secrets);
    const auto created = environments.create(env, keyPem, parser.isSet(force));
    if (!created) {
        return failWith(ctx, created.error());
    }
    ctx.out() << QStringLiteral("created environment %1 (%2)")
                     .arg(created->name, describeTarget(*created));
    if (created->hasPrivateKey) {
        ctx.out() << QStringLiteral("; private key in the %1").arg(session->secrets->backendName());
    }
    ctx.out() << u'\n';
    ctx.out().flush();
    return Success;
}

int runDelete(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The environment."));
    CliContext sub(args, ctx.out(), ctx.err());
    if (auto stop = sub.parse(parser, QStringLiteral("suitebench-cli env delete NAME"))) {
        return *stop;
    }
    if (parser.positionalArguments().size() != 1) {
        return ctx.fail(Usage, QStringLiteral("env delete takes one NAME."));
    }
    int exitCode = Success;
    auto session = openSession(ctx, exitCode);
    if (!session) {
        return exitCode;
    }
    Workspace::Environments environments(session->store, *session->secrets);
    if (const auto removed = environments.remove(parser.positionalArguments().first()); !removed) {
        return failWith(ctx, removed.error());
    }
    ctx.out()
        << QStringLiteral("deleted environment %1\n").arg(parser.positionalArguments().first());
    ctx.out().flush();
    return Success;
}

int runExport(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("suitebench (default, no secrets), postman (no "
                                                   "secrets) or age (encrypted, with the key)."),
                                    QStringLiteral("FORMAT"), QStringLiteral("suitebench"));
    const QCommandLineOption outFile(QStringLiteral("out"),
                                     QStringLiteral("Write to FILE (0600) instead of standard "
                                                    "output."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption passphraseFile(QStringLiteral("passphrase-file"),
                                            QStringLiteral("The bundle passphrase (age only)."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("Replace an existing --out file."));
    parser.addOptions({format, outFile, passphraseFile, force});
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The environment."));
    CliContext sub(args, ctx.out(), ctx.err());
    if (auto stop = sub.parse(parser,
                              QStringLiteral("suitebench-cli env export NAME [--format "
                                             "suitebench|postman|age] [--out FILE] "
                                             "[--passphrase-file FILE]"),
                              QStringLiteral("The default export holds no secret: structure, "
                                             "account, Client ID, Certificate ID and variables, "
                                             "with secret variables left empty. Teammates import "
                                             "it and attach their own key. --format age writes an "
                                             "age v1 file (scrypt passphrase) holding the private "
                                             "key and secret values too; 'age -d' opens it."))) {
        return *stop;
    }
    if (parser.positionalArguments().size() != 1) {
        return ctx.fail(Usage, QStringLiteral("env export takes one NAME."));
    }
    const auto chosen = Workspace::exchangeFormatFromName(parser.value(format));
    if (!chosen) {
        return ctx.fail(Usage, QStringLiteral("--format must be suitebench, postman or age."));
    }
    Crypto::SecureBytes passphrase;
    if (*chosen == Workspace::ExchangeFormat::AgeBundle) {
        if (!parser.isSet(passphraseFile)) {
            return ctx.fail(Usage, QStringLiteral("--format age needs --passphrase-file FILE (the "
                                                  "CLI never prompts)."));
        }
        auto read = ctx.readPassphraseFile(parser.value(passphraseFile));
        if (!read) {
            return BadInput;
        }
        passphrase = std::move(*read);
        if (passphrase.isEmpty()) {
            return ctx.fail(BadInput, QStringLiteral("the bundle passphrase is empty."));
        }
    } else if (parser.isSet(passphraseFile)) {
        return ctx.fail(Usage, QStringLiteral("--passphrase-file is for --format age only."));
    }
    int exitCode = Success;
    auto session = openSession(ctx, exitCode);
    if (!session) {
        return exitCode;
    }
    Workspace::Environments environments(session->store, *session->secrets);
    const auto exported
        = environments.exportEnvironment(parser.positionalArguments().first(), *chosen, passphrase);
    if (!exported) {
        return failWith(ctx, exported.error());
    }
    if (!parser.isSet(outFile)) {
        QFile stdoutFile;
        ctx.out().flush();
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly)
            || stdoutFile.write(*exported) != exported->size()) {
            return ctx.fail(BadInput, QStringLiteral("cannot write to standard output."));
        }
        return Success;
    }
    const auto written = Core::writeFileAtomically(
        parser.value(outFile), *exported, Core::FileMode::PrivateToOwner,
        parser.isSet(force) ? Core::Overwrite::Allow : Core::Overwrite::Refuse);
    if (!written) {
        return ctx.fail(BadInput, written.error().message);
    }
    ctx.err() << QStringLiteral("wrote %1\n").arg(parser.value(outFile));
    ctx.err().flush();
    return Success;
}

int runImport(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption passphraseFile(QStringLiteral("passphrase-file"),
                                            QStringLiteral("The passphrase of an encrypted "
                                                           "bundle."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("Store under another name."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption replace(QStringLiteral("replace"),
                                     QStringLiteral("Replace an environment of the same name."));
    const QCommandLineOption yes(QStringLiteral("yes"),
                                 QStringLiteral("Accept hosts outside netsuite.com (shown "
                                                "first)."));
    parser.addOptions({passphraseFile, name, replace, yes});
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A Suitebench export, an age bundle or a Postman "
                                                "environment file."));
    CliContext sub(args, ctx.out(), ctx.err());
    if (auto stop = sub.parse(parser,
                              QStringLiteral("suitebench-cli env import FILE [--passphrase-file "
                                             "FILE] [--name NAME] [--replace] [--yes]"),
                              QStringLiteral("Validates the whole file before anything is "
                                             "written (size and depth caps, format version, "
                                             "every field) and prints the hosts the environment "
                                             "talks to. Hosts outside netsuite.com need --yes. "
                                             "Nothing is imported on any error."))) {
        return *stop;
    }
    if (parser.positionalArguments().size() != 1) {
        return ctx.fail(Usage, QStringLiteral("env import takes one FILE."));
    }
    auto passphrase = ctx.readPassphraseFile(parser.value(passphraseFile));
    if (!passphrase) {
        return BadInput;
    }
    auto imported = Workspace::readImportFile(parser.positionalArguments().first(), *passphrase);
    if (!imported) {
        return ctx.fail(BadInput, imported.error().message);
    }
    QTextStream &err = ctx.err();
    err << QStringLiteral("hosts: ") << imported->hosts.join(QStringLiteral(", ")) << u'\n';
    for (const QString &warning : imported->warnings) {
        err << QStringLiteral("warning: ") << warning << u'\n';
    }
    for (const QString &note : imported->unmapped) {
        err << QStringLiteral("not imported: ") << note << u'\n';
    }
    err.flush();
    if (imported->hasNonNetSuiteHosts && !parser.isSet(yes)) {
        return ctx.fail(GuardRefused, QStringLiteral("the environment talks to hosts outside "
                                                     "netsuite.com (listed above); check them and "
                                                     "repeat with --yes. Nothing was imported."));
    }
    int exitCode = Success;
    auto session = openSession(ctx, exitCode);
    if (!session) {
        return exitCode;
    }
    Workspace::Environments environments(session->store, *session->secrets);
    const auto stored = environments.importEnvironment(std::move(*imported), parser.value(name),
                                                       parser.isSet(replace));
    if (!stored) {
        return failWith(ctx, stored.error());
    }
    ctx.out() << QStringLiteral("imported environment %1 (%2)%3\n")
                     .arg(stored->name, describeTarget(*stored),
                          stored->hasPrivateKey ? QStringLiteral("; private key in the ")
                                                      + session->secrets->backendName()
                                                : QStringLiteral("; attach a key with 'env "
                                                                 "create NAME … --key FILE "
                                                                 "--force'"));
    ctx.out().flush();
    return Success;
}

int runRestoreBackup(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser parser;
    CliContext sub(args, ctx.out(), ctx.err());
    if (auto stop = sub.parse(parser, QStringLiteral("suitebench-cli env restore-backup"))) {
        return *stop;
    }
    Workspace::WorkspaceStore store;
    if (const auto restored = store.restoreBackup(); !restored) {
        return failWith(ctx, restored.error());
    }
    ctx.out() << QStringLiteral("restored %1 from %2\n").arg(store.filePath(), store.backupPath());
    ctx.out().flush();
    return Success;
}

QString envHelp()
{
    return QStringLiteral(
        "Usage: suitebench-cli env SUBCOMMAND [options]\n\n"
        "  list                       the stored environments\n"
        "  show NAME                  one environment (secret values never shown)\n"
        "  create NAME AUTH-FLAGS [--var NAME=VALUE]... [--secret-var NAME=VALUE]...\n"
        "  delete NAME\n"
        "  export NAME [--format suitebench|postman|age] [--out FILE] [--passphrase-file FILE]\n"
        "  import FILE [--passphrase-file FILE] [--name NAME] [--replace] [--yes]\n"
        "  restore-backup             put workspace.json.bak back after damage\n\n"
        "Environments live in $SUITEBENCH_HOME or ~/.local/share/suitebench. Private keys and\n"
        "secret variables go to the OS keychain; where none answers, to an encrypted file\n"
        "whose passphrase is read from $SUITEBENCH_SECRETS_PASSPHRASE_FILE. Set\n"
        "SUITEBENCH_NO_KEYCHAIN=1 to use the encrypted file only. Every auth-taking command\n"
        "accepts --env NAME.\n");
}

} // namespace

int runEnv(CliContext &ctx)
{
    const QStringList &all = ctx.arguments();
    const QString subcommand = all.size() > 2 ? all.at(2) : QString();
    if (subcommand.isEmpty() || subcommand == QStringLiteral("--help")
        || subcommand == QStringLiteral("-h")) {
        (subcommand.isEmpty() ? ctx.err() : ctx.out()) << envHelp();
        ctx.out().flush();
        ctx.err().flush();
        return subcommand.isEmpty() ? Usage : Success;
    }
    QStringList args = all;
    args.removeAt(1); // "env": the sub-parser sees "suitebench-cli SUBCOMMAND …"
    args.removeAt(1);
    if (subcommand == QStringLiteral("list")) {
        return runList(ctx, args);
    }
    if (subcommand == QStringLiteral("show")) {
        return runShow(ctx, args);
    }
    if (subcommand == QStringLiteral("create")) {
        return runCreate(ctx, args);
    }
    if (subcommand == QStringLiteral("delete")) {
        return runDelete(ctx, args);
    }
    if (subcommand == QStringLiteral("export")) {
        return runExport(ctx, args);
    }
    if (subcommand == QStringLiteral("import")) {
        return runImport(ctx, args);
    }
    if (subcommand == QStringLiteral("restore-backup")) {
        return runRestoreBackup(ctx, args);
    }
    return ctx.fail(Usage, QStringLiteral("unknown env subcommand '%1'. Run 'suitebench-cli env "
                                          "--help'.")
                               .arg(subcommand));
}

std::optional<Workspace::Environment> loadEnvironmentForAuth(CliContext &ctx, const QString &name,
                                                             bool needKey,
                                                             Crypto::SecureBytes &keyPem,
                                                             int &exitCode)
{
    auto session = openSession(ctx, exitCode);
    if (!session) {
        return std::nullopt;
    }
    Workspace::Environments environments(session->store, *session->secrets);
    auto env = environments.get(name);
    if (!env) {
        exitCode = failWith(ctx, env.error());
        return std::nullopt;
    }
    if (needKey) {
        auto pem = environments.privateKeyPem(*env);
        if (!pem) {
            exitCode
                = ctx.fail(BadInput, QStringLiteral("--env %1: %2").arg(name, pem.error().message));
            return std::nullopt;
        }
        keyPem = std::move(*pem);
    }
    return *env;
}

std::optional<QString> writeTemporaryCaFile(CliContext &ctx, const QByteArray &pem)
{
    // A content-addressed cache of the public CA next to the workspace (0600; not a secret).
    const Workspace::WorkspaceStore store;
    const QString path
        = store.directory() + QStringLiteral("/ca-cache/")
          + QString::fromLatin1(
              QCryptographicHash::hash(pem, QCryptographicHash::Sha256).toHex().left(32))
          + QStringLiteral(".pem");
    if (!QFile::exists(path)) {
        if (const auto written = Workspace::writeFileSafely(path, pem); !written) {
            ctx.fail(BadInput, written.error().message);
            return std::nullopt;
        }
    }
    return path;
}

} // namespace Sb::Cli
