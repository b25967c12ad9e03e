// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/Jws.h"
#include "crypto/Keys.h"
#include "emulator/EmulatorError.h"
#include "emulator/Settings.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sb::Emulator {

/** The one field the emulator needs from a valid token form. */
struct TokenForm
{
    QByteArray assertion;
};

/**
 * Parses a client-credentials token request exactly as NetSuite takes it (facts §4):
 * `application/x-www-form-urlencoded` with `grant_type=client_credentials`,
 * `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer` and
 * `client_assertion`. A parameter given twice, a second client-authentication method (an
 * Authorization header or client_secret) or a wrong value is an error (invalid_request).
 * Unknown extra parameters are ignored (RFC 6749 §3.2). Pure; never throws.
 */
[[nodiscard]] Result<TokenForm> parseTokenForm(QByteArrayView contentType, QByteArrayView body,
                                               bool hasAuthorizationHeader) noexcept;

/**
 * Reads `scope` as NetSuite accepts it: a JSON array of strings or one comma-separated
 * string (facts §2, §10 item 3). Values: restlets, rest_webservices, suite_analytics, mcp
 * (mcp alone). nullopt, with @p why set, when the value is missing or invalid.
 */
[[nodiscard]] std::optional<QStringList> parseScopeClaim(const QJsonValue &scope, QString *why);

/** An integration record as the assertion check sees it. */
struct IntegrationView
{
    QString clientId;
    QString applicationId;
    QString name;
    bool enabled = true;
    bool clientCredentialsGrant = true;
};

/** A certificate mapping as the assertion check sees it. */
struct CertificateView
{
    QString certificateId;
    QString clientId;
    int roleId = 0;
    int entityId = 0;
    Crypto::PublicKey publicKey;
    qint64 notBefore = 0; ///< seconds since the epoch
    qint64 notAfter = 0;  ///< already capped at maxCertificateValidityDays
    bool revoked = false;
};

/** Where checkAssertion() looks things up (the emulator's store, or a test's table). */
class AssertionLookup
{
public:
    virtual ~AssertionLookup() = default;
    [[nodiscard]] virtual std::optional<IntegrationView>
    integration(const QString &clientId) const = 0;
    [[nodiscard]] virtual std::optional<CertificateView>
    certificate(const QString &certificateId) const = 0;
    [[nodiscard]] virtual bool roleEnabled(int roleId) const = 0;
    [[nodiscard]] virtual bool entityEnabled(int entityId) const = 0;
};

struct AcceptedAssertion
{
    IntegrationView integration;
    CertificateView certificate;
    QStringList scopes;
    Crypto::JwsAlgorithm algorithm = Crypto::JwsAlgorithm::PS256;
};

struct AssertionRejection
{
    TokenRejection reason = TokenRejection::MalformedRequest;
    QString explanation;   ///< for the audit trail; never quotes the assertion
    QString clientId;      ///< iss when readable (for the audit trail)
    QString certificateId; ///< kid when readable
};

/**
 * The emulator's own acceptance decision for a client assertion (facts §2, §3), in this
 * order: strict decode; `iss` names an enabled integration with the client-credentials
 * grant; `kid` is that integration's certificate, not revoked, inside its validity; `alg`
 * is PS256/384/512 or ES256/384/512 (RS256 only with allowRs256); the signature verifies
 * with the certificate's key; `typ` is JWT; `aud` equals @p expectedAudience; iat and exp
 * are numbers, exp - iat ≤ maxAssertionLifetimeSeconds, not expired and iat not in the
 * future (both with clockSkewSeconds); `scope` is valid; role and entity are enabled.
 * It does not use the client-side inspector.
 */
[[nodiscard]] tl::expected<AcceptedAssertion, AssertionRejection>
checkAssertion(QByteArrayView compact, const QString &expectedAudience, qint64 nowSeconds,
               const Settings &settings, const AssertionLookup &lookup);

} // namespace Sb::Emulator
