// SPDX-License-Identifier: MIT
#include "cli/AuthOptions.h"

#include "cli/Commands.h"
#include "crypto/Certificate.h"
#include "netsuite/AccountId.h"
#include "netsuite/AssertionProfile.h"
#include "netsuite/CustomTokenEndpoint.h"

namespace Sb::Cli {

AuthOptions::AuthOptions()
    : m_account(QStringLiteral("account"),
                QStringLiteral("NetSuite account ID (1234567, 1234567_SB1, TSTDRV1234567) or a "
                               "pasted Company URL."),
                QStringLiteral("ID"))
    , m_tokenUrl(QStringLiteral("token-url"),
                 QStringLiteral("A custom token endpoint instead of an account's (https; http "
                                "only on loopback)."),
                 QStringLiteral("URL"))
    , m_clientId(QStringLiteral("client-id"),
                 QStringLiteral("The integration record's Client ID (the assertion's iss)."),
                 QStringLiteral("ID"))
    , m_certId(QStringLiteral("cert-id"),
               QStringLiteral("The Certificate ID NetSuite showed after the upload (kid)."),
               QStringLiteral("ID"))
    , m_key(QStringLiteral("key"), QStringLiteral("Private key file (PEM)."),
            QStringLiteral("FILE"))
    , m_passphraseFile(QStringLiteral("passphrase-file"),
                       QStringLiteral("Passphrase of an encrypted key."), QStringLiteral("FILE"))
    , m_alg(QStringLiteral("alg"),
            QStringLiteral("PS256/384/512 or ES256/384/512 (default: from the key)."),
            QStringLiteral("ALG"))
    , m_legacyRs256(QStringLiteral("legacy-rs256"),
                    QStringLiteral("Allow RS256, which NetSuite stopped accepting on 1 March "
                                   "2025."))
    , m_profile(QStringLiteral("profile"),
                QStringLiteral("netsuite (default) or rfc7523 for other OAuth 2.0 servers."),
                QStringLiteral("NAME"), QStringLiteral("netsuite"))
    , m_scope(QStringLiteral("scope"),
              QStringLiteral("Comma-separated: rest_webservices (default), restlets, "
                             "suite_analytics."),
              QStringLiteral("LIST"))
    , m_lifetime(QStringLiteral("lifetime"),
                 QStringLiteral("Assertion lifetime in seconds, 1 to 3600 (default 300)."),
                 QStringLiteral("S"), QStringLiteral("300"))
    , m_ca(QStringLiteral("ca"),
           QStringLiteral("An extra CA certificate to trust for this endpoint only (e.g. the "
                          "emulator's --tls)."),
           QStringLiteral("FILE"))
    , m_connectTo(QStringLiteral("connect-to"),
                  QStringLiteral("Send the account's traffic to ORIGIN (e.g. the emulator); aud "
                                 "and guards stay the account's."),
                  QStringLiteral("ORIGIN"))
    , m_env(QStringLiteral("env"),
            QStringLiteral("Use a stored environment (see 'suitebench-cli env'); explicit flags "
                           "override its values."),
            QStringLiteral("NAME"))
{}

void AuthOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_account, m_tokenUrl, m_clientId, m_certId, m_key, m_passphraseFile, m_alg,
                       m_legacyRs256, m_profile, m_scope, m_lifetime, m_ca, m_connectTo, m_env});
}

QString AuthOptions::synopsis()
{
    return QStringLiteral(
        "[--env NAME] (--account ID | --token-url URL) --client-id ID [--cert-id ID] "
        "--key FILE [--passphrase-file FILE] [--alg ALG] [--legacy-rs256] "
        "[--profile netsuite|rfc7523] [--scope LIST] [--lifetime S] "
        "[--ca FILE] [--connect-to ORIGIN]");
}

std::optional<AuthOptions::Resolved> AuthOptions::resolve(CliContext &ctx,
                                                          const QCommandLineParser &parser,
                                                          Needs needs, int &exitCode) const
{
    const auto usage = [&](const QString &message) {
        exitCode = ctx.fail(Usage, message);
        return std::nullopt;
    };
    const auto badInput = [&](const QString &message) {
        exitCode = ctx.fail(BadInput, message);
        return std::nullopt;
    };

    Resolved out;
    std::optional<Workspace::Environment> env;
    Crypto::SecureBytes envKeyPem;
    if (parser.isSet(m_env)) {
        env = loadEnvironmentForAuth(ctx, parser.value(m_env),
                                     needs == Needs::Signing && !parser.isSet(m_key), envKeyPem,
                                     exitCode);
        if (!env) {
            return std::nullopt;
        }
    }
    const bool fromEnv = env && !parser.isSet(m_account) && !parser.isSet(m_tokenUrl);
    if (parser.isSet(m_account) && parser.isSet(m_tokenUrl)) {
        return usage(QStringLiteral("give exactly one of --account ID or --token-url URL."));
    }
    if (!fromEnv && !parser.isSet(m_account) && !parser.isSet(m_tokenUrl)) {
        return usage(QStringLiteral("give exactly one of --account ID or --token-url URL (or "
                                    "--env NAME)."));
    }
    if (fromEnv) {
        const auto target = env->target();
        if (!target) {
            return badInput(QStringLiteral("--env %1: %2").arg(env->name, target.error().message));
        }
        out.target = *target;
    } else if (parser.isSet(m_account)) {
        const auto account = NetSuite::AccountId::parse(parser.value(m_account));
        if (!account) {
            return usage(QStringLiteral("--account: ") + account.error().message);
        }
        out.target = NetSuite::Target::netSuite(*account);
    } else {
        const auto endpoint = NetSuite::CustomTokenEndpoint::parse(parser.value(m_tokenUrl));
        if (!endpoint) {
            return usage(QStringLiteral("--token-url: ") + endpoint.error().message);
        }
        out.target = NetSuite::Target::custom(*endpoint);
    }
    if (parser.isSet(m_connectTo)) {
        if (!parser.isSet(m_account)) {
            return usage(QStringLiteral("--connect-to routes an account's traffic elsewhere; "
                                        "with --token-url, give the real URL instead."));
        }
        const auto origin = NetSuite::CustomTokenEndpoint::parse(parser.value(m_connectTo));
        if (!origin || !origin->tokenUrl().path().isEmpty()) {
            return usage(
                QStringLiteral("--connect-to takes an origin such as "
                               "http://127.0.0.1:8080 (https, or http on loopback; no "
                               "path)%1")
                    .arg(origin ? QString() : QStringLiteral(": ") + origin.error().message));
        }
        out.connectTo = origin->origin();
    }
    if (!parser.isSet(m_ca) && env && !env->extraCaPem.isEmpty()) {
        // The environment carries its CA inline; hand the HTTP layer a private temporary file.
        auto caFile = writeTemporaryCaFile(ctx, env->extraCaPem);
        if (!caFile) {
            exitCode = BadInput;
            return std::nullopt;
        }
        out.caFile = *caFile;
    }
    if (parser.isSet(m_ca)) {
        const auto ca = Crypto::Certificate::fromFile(parser.value(m_ca));
        if (!ca) {
            return badInput(
                QStringLiteral("--ca %1: %2").arg(parser.value(m_ca), ca.error().message));
        }
        out.caFile = parser.value(m_ca);
    }
    if (needs == Needs::TargetOnly) {
        return out;
    }

    auto &request = out.request;
    const auto profile = NetSuite::profileFromName(
        env && !parser.isSet(m_profile) ? env->profile : parser.value(m_profile));
    if (!profile) {
        return usage(QStringLiteral("--profile must be netsuite or rfc7523."));
    }
    request.profile = *profile;
    const auto pick = [&](const QCommandLineOption &option, const QString &fallback) {
        return parser.isSet(option) || !env ? parser.value(option) : fallback;
    };
    request.clientId = pick(m_clientId, env ? env->clientId : QString());
    request.certificateId = pick(m_certId, env ? env->certificateId : QString());
    request.tokenUrl = out.target.tokenUrlString();
    request.allowLegacyRs256 = parser.isSet(m_legacyRs256);
    if (parser.isSet(m_scope)) {
        request.scopes = NetSuite::parseScopeList(parser.value(m_scope));
    } else if (env) {
        request.scopes = env->scopes;
    }
    bool lifetimeOk = false;
    request.lifetimeSeconds = parser.value(m_lifetime).toLongLong(&lifetimeOk);
    if (!lifetimeOk) {
        return usage(QStringLiteral("--lifetime takes whole seconds, 1 to 3600."));
    }
    if (parser.isSet(m_alg)) {
        const auto alg = Crypto::algorithmFromName(parser.value(m_alg).toLatin1());
        if (!alg) {
            return usage(QStringLiteral("--alg: unknown algorithm '%1'; NetSuite takes PS256, "
                                        "PS384, PS512, ES256, ES384 or ES512.")
                             .arg(parser.value(m_alg)));
        }
        request.algorithm = alg;
    } else if (env && !env->algorithm.isEmpty()) {
        request.algorithm = Crypto::algorithmFromName(env->algorithm.toLatin1());
    }
    if (!parser.isSet(m_key) && env) {
        auto key = Crypto::PrivateKey::fromData(envKeyPem.view());
        if (!key) {
            return badInput(QStringLiteral("--env %1: the stored private key: %2")
                                .arg(env->name, key.error().message));
        }
        out.key = std::move(*key);
        return out;
    }
    if (!parser.isSet(m_key)) {
        return usage(QStringLiteral("--key FILE is needed to sign the assertion."));
    }
    const auto passphrase = ctx.readPassphraseFile(parser.value(m_passphraseFile));
    if (!passphrase) {
        exitCode = BadInput;
        return std::nullopt;
    }
    auto key = Crypto::PrivateKey::fromFile(parser.value(m_key), *passphrase);
    if (!key) {
        QString message
            = QStringLiteral("--key %1: %2").arg(parser.value(m_key), key.error().message);
        if (key.error().code == Crypto::CryptoError::Code::NeedsPassphrase) {
            message += QStringLiteral(" Give it with --passphrase-file FILE.");
        }
        return badInput(message);
    }
    out.key = std::move(*key);
    return out;
}

} // namespace Sb::Cli
