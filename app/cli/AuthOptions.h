// SPDX-License-Identifier: MIT
#pragma once

#include "cli/CliContext.h"
#include "crypto/Keys.h"
#include "netsuite/AssertionBuilder.h"
#include "netsuite/Target.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <optional>

namespace Sb::Cli {

/**
 * The authentication flags, defined once and accepted by every command that talks to a
 * token endpoint or signs an assertion: --account | --token-url, --client-id, --cert-id,
 * --key, --passphrase-file, --alg, --legacy-rs256, --profile, --scope, --lifetime, --ca,
 * --connect-to, and --env NAME (a stored environment: its values are used and explicit flags
 * override them; its private key comes from the secret store unless --key is given).
 * resolve() validates them into a Target, an AssertionRequest and a key.
 */
class AuthOptions final
{
public:
    AuthOptions();
    void addTo(QCommandLineParser &parser) const;
    /** The flags as help text for a command's synopsis. */
    static QString synopsis();

    struct Resolved
    {
        NetSuite::Target target;
        NetSuite::AssertionRequest request;
        Crypto::PrivateKey key;
        QString caFile;
        QString connectTo; ///< an origin, validated (https, or http on loopback)
    };

    enum class Needs { TargetOnly, Signing };

    /** Validates the flags; on a problem prints it and returns nullopt with @p exitCode set. */
    [[nodiscard]] std::optional<Resolved> resolve(CliContext &ctx, const QCommandLineParser &parser,
                                                  Needs needs, int &exitCode) const;

private:
    QCommandLineOption m_account;
    QCommandLineOption m_tokenUrl;
    QCommandLineOption m_clientId;
    QCommandLineOption m_certId;
    QCommandLineOption m_key;
    QCommandLineOption m_passphraseFile;
    QCommandLineOption m_alg;
    QCommandLineOption m_legacyRs256;
    QCommandLineOption m_profile;
    QCommandLineOption m_scope;
    QCommandLineOption m_lifetime;
    QCommandLineOption m_ca;
    QCommandLineOption m_connectTo;
    QCommandLineOption m_env;
};

} // namespace Sb::Cli
