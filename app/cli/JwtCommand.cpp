// SPDX-License-Identifier: MIT
#include "cli/Commands.h"
#include "crypto/Keys.h"
#include "jwt/Jwt.h"
#include "jwt/StrictJson.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Cli {

namespace {

QString jwtUsage()
{
    return QStringLiteral("suitebench-cli jwt mint|inspect|sign|verify|decode …");
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// Warnings about what the strict decoder saw, printed to stderr so stdout stays pure JSON.
void printDecodeWarnings(CliContext &ctx, const Jwt::DecodedJwt &token)
{
    const auto report = [&ctx](const QString &part, const Jwt::StrictJsonResult &json) {
        for (const auto &dup : json.duplicates) {
            ctx.err() << QStringLiteral("warning: %1 member \"%2\" appears %3 times (values: %4); "
                                        "parsers disagree on which one counts.\n")
                             .arg(part, dup.name)
                             .arg(dup.rawValues.size())
                             .arg(dup.rawValues.join(QStringLiteral(", ")));
        }
        for (const auto &big : json.largeNumbers) {
            ctx.err() << QStringLiteral("warning: %1 %2 is %3, too large for 64 bits; shown as "
                                        "text.\n")
                             .arg(part, big.path, big.rawText);
        }
    };
    report(QStringLiteral("header"), token.header);
    if (token.payload.ok) {
        report(QStringLiteral("payload"), token.payload);
    }
    if (token.cleanup.strippedBearerPrefix || token.cleanup.strippedQuotes
        || token.cleanup.trimmedWhitespace) {
        ctx.err() << QStringLiteral("note: removed surrounding whitespace, quotes or a 'Bearer ' "
                                    "prefix before decoding.\n");
    }
    ctx.err().flush();
}

std::optional<Jwt::DecodedJwt> decodeArgument(CliContext &ctx, const QStringList &positional,
                                              const QString &command)
{
    if (positional.size() != 1) {
        ctx.fail(Usage, QStringLiteral("jwt %1 takes exactly one TOKEN (or - for standard input).")
                            .arg(command));
        return std::nullopt;
    }
    const auto input = ctx.readTokenArgument(positional.first());
    if (!input) {
        return std::nullopt;
    }
    auto decoded = Jwt::decode(*input);
    if (!decoded) {
        ctx.fail(Negative, QStringLiteral("not a valid token: ") + decoded.error().message);
        return std::nullopt;
    }
    return std::move(*decoded);
}

std::optional<Crypto::JwsAlgorithm> parseAlgorithm(CliContext &ctx, const QString &name)
{
    const auto alg = Crypto::algorithmFromName(name.toLatin1());
    if (!alg) {
        QStringList names;
        for (const auto a : Crypto::allAlgorithms()) {
            names.append(QString::fromLatin1(Crypto::algorithmName(a)));
        }
        ctx.fail(Usage, QStringLiteral("unknown algorithm '%1'; use one of %2.")
                            .arg(name, names.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    return alg;
}

std::optional<QJsonObject> parseObjectOption(CliContext &ctx, const QString &value,
                                             const QString &what)
{
    const auto bytes = ctx.readInlineOrFile(value, what);
    if (!bytes) {
        return std::nullopt;
    }
    const auto parsed = Jwt::parseStrictJsonObject(*bytes);
    if (!parsed.ok) {
        ctx.fail(BadInput, QStringLiteral("%1 is not a JSON object: %2").arg(what, parsed.error));
        return std::nullopt;
    }
    if (!parsed.duplicates.isEmpty()) {
        ctx.fail(BadInput, QStringLiteral("%1 has the member \"%2\" more than once.")
                               .arg(what, parsed.duplicates.first().name));
        return std::nullopt;
    }
    return parsed.object;
}

int runSign(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption key(QStringLiteral("key"), QStringLiteral("Private key file (PEM)."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption passphraseFile(QStringLiteral("passphrase-file"),
                                            QStringLiteral("Passphrase of an encrypted key."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption alg(QStringLiteral("alg"),
                                 QStringLiteral("PS256, PS384, PS512, ES256, ES384, ES512, or "
                                                "RS256/RS384/RS512 (NetSuite refuses RS*)."),
                                 QStringLiteral("ALG"));
    const QCommandLineOption header(QStringLiteral("header"),
                                    QStringLiteral("Extra header members as a JSON object (or "
                                                   "@FILE); alg is set from --alg."),
                                    QStringLiteral("JSON"));
    const QCommandLineOption payload(QStringLiteral("payload"),
                                     QStringLiteral("The claims as a JSON object, or @FILE."),
                                     QStringLiteral("JSON"));
    parser.addOptions({key, passphraseFile, alg, header, payload});
    if (auto stop = ctx.parse(parser,
                              QStringLiteral("suitebench-cli jwt sign --key FILE "
                                             "[--passphrase-file FILE] --alg ALG [--header JSON] "
                                             "--payload JSON|@FILE"),
                              QStringLiteral("Prints the compact signed token. For a NetSuite "
                                             "client assertion with the right claims, use "
                                             "'jwt mint'."))) {
        return *stop;
    }
    if (!parser.isSet(key) || !parser.isSet(alg) || !parser.isSet(payload)) {
        return ctx.fail(Usage, QStringLiteral("jwt sign needs --key, --alg and --payload."));
    }
    if (!parser.positionalArguments().isEmpty()) {
        return ctx.fail(Usage, QStringLiteral("jwt sign takes no positional arguments."));
    }
    const auto algorithm = parseAlgorithm(ctx, parser.value(alg));
    if (!algorithm) {
        return Usage;
    }
    QJsonObject headerObject{{QStringLiteral("typ"), QStringLiteral("JWT")}};
    if (parser.isSet(header)) {
        const auto extra = parseObjectOption(ctx, parser.value(header), QStringLiteral("--header"));
        if (!extra) {
            return BadInput;
        }
        for (auto it = extra->begin(); it != extra->end(); ++it) {
            headerObject.insert(it.key(), it.value());
        }
    }
    const auto claims = parseObjectOption(ctx, parser.value(payload), QStringLiteral("--payload"));
    if (!claims) {
        return BadInput;
    }
    const auto passphrase = ctx.readPassphraseFile(parser.value(passphraseFile));
    if (!passphrase) {
        return BadInput;
    }
    const auto privateKey = Crypto::PrivateKey::fromFile(parser.value(key), *passphrase);
    if (!privateKey) {
        QString message
            = QStringLiteral("key %1: %2").arg(parser.value(key), privateKey.error().message);
        if (privateKey.error().code == Crypto::CryptoError::Code::NeedsPassphrase) {
            message += QStringLiteral(" Give it with --passphrase-file FILE.");
        }
        return ctx.fail(BadInput, message);
    }
    const auto token = Jwt::sign(*privateKey, *algorithm, headerObject, *claims);
    if (!token) {
        return ctx.fail(BadInput, token.error().message);
    }
    ctx.out() << QString::fromLatin1(*token) << u'\n';
    ctx.out().flush();
    return Success;
}

std::optional<Crypto::PublicKey> loadVerificationKey(CliContext &ctx, const QString &path,
                                                     const QString &passphrasePath)
{
    auto publicKey = Crypto::PublicKey::fromFile(path);
    if (publicKey) {
        return std::move(*publicKey);
    }
    // An encrypted private key has no readable public half without its passphrase.
    if (publicKey.error().code == Crypto::CryptoError::Code::NeedsPassphrase
        || !passphrasePath.isEmpty()) {
        const auto passphrase = ctx.readPassphraseFile(passphrasePath);
        if (!passphrase) {
            return std::nullopt;
        }
        const auto privateKey = Crypto::PrivateKey::fromFile(path, *passphrase);
        if (privateKey) {
            return privateKey->publicKey();
        }
        QString message = QStringLiteral("key %1: %2").arg(path, privateKey.error().message);
        if (privateKey.error().code == Crypto::CryptoError::Code::NeedsPassphrase) {
            message += QStringLiteral(" Give it with --passphrase-file FILE, or pass the "
                                      "certificate instead.");
        }
        ctx.fail(BadInput, message);
        return std::nullopt;
    }
    ctx.fail(BadInput, QStringLiteral("key %1: %2").arg(path, publicKey.error().message));
    return std::nullopt;
}

int runVerify(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption key(QStringLiteral("key"),
                                 QStringLiteral("Certificate, public key or private key (PEM; "
                                                "certificates also DER)."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption passphraseFile(QStringLiteral("passphrase-file"),
                                            QStringLiteral("Passphrase, when FILE is an "
                                                           "encrypted private key."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption alg(QStringLiteral("alg"),
                                 QStringLiteral("Accept only this algorithm (default: any the key "
                                                "can verify)."),
                                 QStringLiteral("ALG"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the verdict as one JSON object."));
    parser.addOptions({key, passphraseFile, alg, json});
    parser.addPositionalArgument(QStringLiteral("TOKEN"),
                                 QStringLiteral("The compact token, or - to read standard input."));
    if (auto stop = ctx.parse(parser,
                              QStringLiteral("suitebench-cli jwt verify --key FILE [--alg ALG] "
                                             "[--passphrase-file FILE] [--json] TOKEN|-"),
                              QStringLiteral("The algorithm is bound to the key, never taken from "
                                             "the token alone: 'none' and HS* never verify. Exit "
                                             "0 when the signature is valid, 1 when it is not."))) {
        return *stop;
    }
    if (!parser.isSet(key)) {
        return ctx.fail(Usage, QStringLiteral("jwt verify needs --key FILE."));
    }
    QList<Crypto::JwsAlgorithm> allowed;
    if (parser.isSet(alg)) {
        const auto algorithm = parseAlgorithm(ctx, parser.value(alg));
        if (!algorithm) {
            return Usage;
        }
        allowed.append(*algorithm);
    }
    const auto token = decodeArgument(ctx, parser.positionalArguments(), QStringLiteral("verify"));
    if (!token) {
        return parser.positionalArguments().size() == 1 ? Negative : Usage;
    }
    const auto publicKey
        = loadVerificationKey(ctx, parser.value(key), parser.value(passphraseFile));
    if (!publicKey) {
        return BadInput;
    }
    printDecodeWarnings(ctx, *token);
    const auto verdict = Jwt::verify(*token, *publicKey, allowed);
    if (parser.isSet(json)) {
        QJsonObject out{{QStringLiteral("valid"), bool(verdict)}};
        if (verdict) {
            out.insert(QStringLiteral("alg"), QString::fromLatin1(Crypto::algorithmName(*verdict)));
        } else {
            out.insert(QStringLiteral("reason"), verdict.error().message);
        }
        ctx.out() << compactJson(out) << u'\n';
    } else if (verdict) {
        ctx.out() << QStringLiteral("signature valid (%1, %2)\n")
                         .arg(QString::fromLatin1(Crypto::algorithmName(*verdict)),
                              publicKey->info().describe());
    } else {
        ctx.out() << QStringLiteral("signature NOT valid: %1\n").arg(verdict.error().message);
    }
    ctx.out().flush();
    return verdict ? Success : Negative;
}

int runDecode(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("TOKEN"),
                                 QStringLiteral("The compact token, or - to read standard input."));
    if (auto stop = ctx.parse(parser, QStringLiteral("suitebench-cli jwt decode TOKEN|-"),
                              QStringLiteral("Prints {\"header\":…,\"payload\":…,\"signature\":…} "
                                             "(the signature as its base64url text). Decoding is "
                                             "strict and verifies nothing; warnings (duplicate "
                                             "members, numbers beyond 64 bits) go to standard "
                                             "error."))) {
        return *stop;
    }
    const auto token = decodeArgument(ctx, parser.positionalArguments(), QStringLiteral("decode"));
    if (!token) {
        return parser.positionalArguments().size() == 1 ? Negative : Usage;
    }
    printDecodeWarnings(ctx, *token);
    QJsonObject out{{QStringLiteral("header"), token->header.object}};
    if (token->isJwe) {
        out.insert(QStringLiteral("encrypted"), true);
    } else {
        if (token->payload.ok) {
            out.insert(QStringLiteral("payload"), token->payload.object);
        } else {
            // A JWS may carry any bytes; show them as text rather than refusing.
            out.insert(QStringLiteral("payload"), QString::fromUtf8(token->payloadBytes));
            ctx.err() << QStringLiteral("warning: the payload is not a JSON object: %1\n")
                             .arg(token->payload.error);
            ctx.err().flush();
        }
        out.insert(QStringLiteral("signature"), QString::fromLatin1(token->segments.at(2)));
    }
    ctx.out() << compactJson(out) << u'\n';
    ctx.out().flush();
    return Success;
}

} // namespace

int runJwt(CliContext &ctx)
{
    const QStringList &args = ctx.arguments();
    // args: [program, "jwt", sub, ...]; each sub-command's parser sees [program, ...].
    const QString sub = args.size() > 2 ? args.at(2) : QString();
    QStringList rest = args.mid(3);
    rest.prepend(args.first());
    CliContext subCtx(rest, ctx.out(), ctx.err());
    if (sub == QStringLiteral("sign")) {
        return runSign(subCtx);
    }
    if (sub == QStringLiteral("verify")) {
        return runVerify(subCtx);
    }
    if (sub == QStringLiteral("decode")) {
        return runDecode(subCtx);
    }
    if (sub == QStringLiteral("mint")) {
        return runMint(subCtx);
    }
    if (sub == QStringLiteral("inspect")) {
        return runInspect(subCtx);
    }
    if (sub == QStringLiteral("--help") || sub == QStringLiteral("-h") || sub.isEmpty()) {
        ctx.out() << QStringLiteral(
            "Usage: suitebench-cli jwt COMMAND [options]\n\n"
            "Commands:\n"
            "  mint     sign a NetSuite client assertion (the authentication flags)\n"
            "  inspect  decode a token and report what is wrong for NetSuite\n"
            "  sign     sign a header and payload with a private key\n"
            "  verify   verify a token's signature with a certificate or key\n"
            "  decode   decode a token strictly, without verifying it\n\n"
            "Run 'suitebench-cli jwt COMMAND --help' for a command's options.\n\n")
                  << QString::fromLatin1(ExitCodeTable);
        ctx.out().flush();
        return sub.isEmpty() ? Usage : Success;
    }
    return ctx.fail(Usage,
                    QStringLiteral("unknown jwt command '%1'; try: %2").arg(sub, jwtUsage()));
}

} // namespace Sb::Cli
