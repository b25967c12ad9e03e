// SPDX-License-Identifier: MIT
#include "cli/AuthOptions.h"
#include "cli/Commands.h"
#include "core/Clock.h"
#include "crypto/Certificate.h"
#include "netsuite/AccountId.h"
#include "netsuite/AssertionBuilder.h"
#include "netsuite/CustomTokenEndpoint.h"
#include "netsuite/Endpoints.h"
#include "netsuite/Inspector.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Cli {

namespace {

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

int exitCodeFor(NetSuite::AssertionError::Code code)
{
    using Code = NetSuite::AssertionError::Code;
    switch (code) {
    case Code::NullKey:
    case Code::NoAlgorithmForKey:
    case Code::AlgorithmRefused:
    case Code::KeyRefused:
    case Code::Signing:
        return BadInput;
    default:
        return Usage;
    }
}

std::optional<QJsonObject> parseClaims(CliContext &ctx, const QStringList &values)
{
    QJsonObject claims;
    for (const QString &item : values) {
        const auto claim = NetSuite::parseExtraClaim(item);
        if (!claim) {
            ctx.fail(Usage, QStringLiteral("--claim: ") + claim.error().message);
            return std::nullopt;
        }
        claims.insert(claim->first, claim->second);
    }
    return claims;
}

} // namespace

int runAccount(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    parser.addOption(json);
    parser.addPositionalArgument(QStringLiteral("ID"),
                                 QStringLiteral("An account ID (1234567, 1234567_SB1, "
                                                "1234567-sb1, TSTDRV1234567) or a Company URL."));
    if (auto stop = ctx.parse(parser, QStringLiteral("suitebench-cli account ID [--json]"),
                              QStringLiteral("Validates an account ID and shows its canonical "
                                             "form, kind, host label, token URL and REST base. "
                                             "Exit 1 with the reason when it is not an account "
                                             "ID."))) {
        return *stop;
    }
    if (parser.positionalArguments().size() != 1) {
        return ctx.fail(Usage, QStringLiteral("account takes exactly one ID."));
    }
    const auto account = NetSuite::AccountId::parse(parser.positionalArguments().first());
    if (!account) {
        if (parser.isSet(json)) {
            ctx.out() << compactJson({{QStringLiteral("valid"), false},
                                      {QStringLiteral("error"), account.error().message}})
                      << u'\n';
            ctx.out().flush();
        }
        return ctx.fail(Negative, account.error().message);
    }
    QJsonObject description = NetSuite::describeAccount(*account);
    if (parser.isSet(json)) {
        description.insert(QStringLiteral("valid"), true);
        ctx.out() << compactJson(description) << u'\n';
    } else {
        const auto field = [&description](const char *name) {
            return description.value(QLatin1String(name)).toString();
        };
        ctx.out() << QStringLiteral("Account:     %1\n").arg(field("account"))
                  << QStringLiteral("Kind:        %1\n").arg(field("kind_name"))
                  << QStringLiteral("Host label:  %1\n").arg(field("host_label"))
                  << QStringLiteral("Token URL:   %1\n").arg(field("token_url"))
                  << QStringLiteral("REST base:   %1\n").arg(field("rest_base"))
                  << QStringLiteral("SuiteQL:     %1\n").arg(field("suiteql_url"));
        if (account->parsedFromUrl()) {
            ctx.out() << QStringLiteral("(taken from the URL you pasted)\n");
        }
    }
    ctx.out().flush();
    return Success;
}

int runMint(CliContext &ctx)
{
    QCommandLineParser parser;
    const AuthOptions auth;
    auth.addTo(parser);
    const QCommandLineOption claim(QStringLiteral("claim"),
                                   QStringLiteral("An extra claim; VALUE is JSON when it parses "
                                                  "as JSON, else text. Repeatable."),
                                   QStringLiteral("NAME=VALUE"));
    parser.addOption(claim);
    if (auto stop = ctx.parse(parser,
                              QStringLiteral("suitebench-cli jwt mint ") + AuthOptions::synopsis()
                                  + QStringLiteral(" [--claim NAME=VALUE]..."),
                              QStringLiteral("Prints a signed client assertion for NetSuite's "
                                             "token endpoint: typ JWT, kid = --cert-id, iss = "
                                             "--client-id, scope, aud = the account's exact "
                                             "token URL, iat and exp (300 s by default). With "
                                             "--profile rfc7523 it adds sub and a fresh jti. "
                                             "Warnings go to standard error. The assertion is a "
                                             "credential until it expires: do not paste it into "
                                             "tickets."))) {
        return *stop;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return ctx.fail(Usage, QStringLiteral("jwt mint takes no positional arguments."));
    }
    int exitCode = Success;
    auto resolved = auth.resolve(ctx, parser, AuthOptions::Needs::Signing, exitCode);
    if (!resolved) {
        return exitCode;
    }
    const auto extra = parseClaims(ctx, parser.values(claim));
    if (!extra) {
        return Usage;
    }
    resolved->request.extraClaims = *extra;
    const Core::SystemClock clock;
    const auto assertion = NetSuite::buildAssertion(resolved->request, resolved->key, clock);
    if (!assertion) {
        return ctx.fail(exitCodeFor(assertion.error().code), assertion.error().message);
    }
    for (const QString &warning : assertion->warnings) {
        ctx.err() << QStringLiteral("warning: ") << warning << u'\n';
    }
    ctx.err().flush();
    ctx.out() << QString::fromLatin1(assertion->compact) << u'\n';
    ctx.out().flush();
    return Success;
}

int runInspect(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption account(QStringLiteral("account"),
                                     QStringLiteral("The expected account (its token URL is the "
                                                    "expected aud)."),
                                     QStringLiteral("ID"));
    const QCommandLineOption tokenUrl(QStringLiteral("token-url"),
                                      QStringLiteral("The expected token URL, for a custom "
                                                     "endpoint."),
                                      QStringLiteral("URL"));
    const QCommandLineOption clientId(QStringLiteral("client-id"),
                                      QStringLiteral("The expected Client ID (iss)."),
                                      QStringLiteral("ID"));
    const QCommandLineOption certId(QStringLiteral("cert-id"),
                                    QStringLiteral("The expected Certificate ID (kid)."),
                                    QStringLiteral("ID"));
    const QCommandLineOption cert(QStringLiteral("cert"),
                                  QStringLiteral("The certificate (or public key) to verify the "
                                                 "signature with; it is checked itself too."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("netsuite (default) or rfc7523."),
                                     QStringLiteral("NAME"), QStringLiteral("netsuite"));
    const QCommandLineOption legacy(QStringLiteral("legacy-rs256"),
                                    QStringLiteral("Judge RS256 as the pre-2025 NetSuite did."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print one JSON object: header, payload, "
                                                 "findings, signature_status."));
    parser.addOptions({account, tokenUrl, clientId, certId, cert, profile, legacy, json});
    parser.addPositionalArgument(QStringLiteral("TOKEN"),
                                 QStringLiteral("The token, or - to read standard input."));
    if (auto stop = ctx.parse(parser,
                              QStringLiteral("suitebench-cli jwt inspect [--account ID | "
                                             "--token-url URL] [--client-id ID] [--cert-id ID] "
                                             "[--cert FILE] [--json] TOKEN|-"),
                              QStringLiteral("Decodes any token strictly and reports what is "
                                             "wrong for NetSuite: aud against the account's "
                                             "token URL, algorithm, kid, iss, scope, lifetime, "
                                             "clock skew, and the signature against the "
                                             "certificate. A NetSuite-issued access token is "
                                             "described instead of judged. Exit 0 when no "
                                             "finding is an error, 1 when one is."))) {
        return *stop;
    }
    if (parser.positionalArguments().size() != 1) {
        return ctx.fail(Usage, QStringLiteral("jwt inspect takes exactly one TOKEN (or -)."));
    }
    if (parser.isSet(account) && parser.isSet(tokenUrl)) {
        return ctx.fail(Usage, QStringLiteral("give --account or --token-url, not both."));
    }
    NetSuite::InspectionContext context;
    const auto profileValue = NetSuite::profileFromName(parser.value(profile));
    if (!profileValue) {
        return ctx.fail(Usage, QStringLiteral("--profile must be netsuite or rfc7523."));
    }
    context.profile = *profileValue;
    context.allowLegacyRs256 = parser.isSet(legacy);
    if (parser.isSet(account)) {
        const auto parsed = NetSuite::AccountId::parse(parser.value(account));
        if (!parsed) {
            return ctx.fail(Usage, QStringLiteral("--account: ") + parsed.error().message);
        }
        context.account = *parsed;
    }
    if (parser.isSet(tokenUrl)) {
        const auto endpoint = NetSuite::CustomTokenEndpoint::parse(parser.value(tokenUrl));
        if (!endpoint) {
            return ctx.fail(Usage, QStringLiteral("--token-url: ") + endpoint.error().message);
        }
        context.tokenUrl = endpoint->tokenUrlString();
    }
    context.clientId = parser.value(clientId);
    context.certificateId = parser.value(certId);
    if (parser.isSet(cert)) {
        if (auto certificate = Crypto::Certificate::fromFile(parser.value(cert))) {
            context.certificate = std::move(*certificate);
        } else if (auto key = Crypto::PublicKey::fromFile(parser.value(cert))) {
            context.publicKey = std::move(*key);
        } else {
            return ctx.fail(BadInput, QStringLiteral("--cert %1: %2")
                                          .arg(parser.value(cert), certificate.error().message));
        }
    }
    const auto token = ctx.readTokenArgument(parser.positionalArguments().first());
    if (!token) {
        return BadInput;
    }
    const Core::SystemClock clock;
    const NetSuite::Inspection inspection = NetSuite::inspect(*token, context, clock);
    if (parser.isSet(json)) {
        ctx.out() << compactJson(inspection.toJson()) << u'\n';
    } else {
        ctx.out() << inspection.toText();
    }
    ctx.out().flush();
    return inspection.hasErrors() ? Negative : Success;
}

} // namespace Sb::Cli
