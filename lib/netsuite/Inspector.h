// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "crypto/Certificate.h"
#include "crypto/Keys.h"
#include "netsuite/AccountId.h"
#include "netsuite/AssertionProfile.h"
#include "netsuite/Finding.h"
#include "netsuite/Target.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Sb::NetSuite {

enum class SignatureStatus { Verified, Invalid, Unchecked };

/** "verified", "invalid" or "unchecked" (the CLI's signature_status). */
[[nodiscard]] QString signatureStatusName(SignatureStatus status);

/** What the token is judged against. Every field is optional; less context, fewer findings. */
struct InspectionContext
{
    AssertionProfile profile = AssertionProfile::NetSuite;
    /** The expected account; the expected aud is its token URL (unless tokenUrl is set). */
    std::optional<AccountId> account;
    /** The expected token URL as an exact string (a custom endpoint, the emulator). */
    QString tokenUrl;
    /** rfc7523 only: an issuer identifier expected in aud instead of the token URL. */
    QString audience;
    QString clientId;      ///< expected iss (the integration record's Client ID)
    QString certificateId; ///< expected kid
    /** The environment's certificate: verifies the signature and is checked itself. */
    std::optional<Crypto::Certificate> certificate;
    /** A bare public key, used when no certificate is given. */
    std::optional<Crypto::PublicKey> publicKey;
    bool allowLegacyRs256 = false;
    /** How far iat/nbf may be ahead of this clock before it is a finding. */
    qint64 clockSkewSeconds = 60;
    qsizetype maxInputBytes = 256 * 1024;

    /** account, or tokenUrl for a custom target (an emulator's account is kept too). */
    [[nodiscard]] static InspectionContext forTarget(const Target &target);
};

/** What a NetSuite-issued access token says about itself (facts §4, "Shape of the issued token").
 */
struct AccessTokenInfo
{
    QString role; ///< from sub "<role>;<entity>"
    QString entity;
    QString applicationId; ///< from aud[0] "<AppID>;<account>"
    QString account;
    QString clientId; ///< aud[1]
    QStringList scopes;
    std::optional<qint64> expiresAt;
};

/**
 * The result of inspect(): the decoded header and payload (empty objects when they could
 * not be decoded), the findings with errors first, and the signature status.
 */
struct Inspection
{
    QJsonObject header;
    QJsonObject payload;
    bool headerDecoded = false;
    bool payloadDecoded = false;
    QList<Finding> findings;
    SignatureStatus signatureStatus = SignatureStatus::Unchecked;
    bool isNetSuiteAccessToken = false;
    std::optional<AccessTokenInfo> accessToken;
    qint64 inspectedAt = 0; ///< the clock's time, for relative times in toText()

    [[nodiscard]] bool hasErrors() const;
    /** The first finding with @p code, or nullptr. */
    [[nodiscard]] const Finding *find(const QString &code) const;
    [[nodiscard]] const Finding *find(QLatin1String code) const { return find(QString(code)); }
    [[nodiscard]] QList<Finding> errors() const;

    /**
     * Exactly the CLI's --json shape: {"header":{…},"payload":{…},"findings":[{"severity",
     * "code","path","message","hint"}…],"signature_status":"verified|invalid|unchecked"}.
     */
    [[nodiscard]] QJsonObject toJson() const;
    /** A readable report: header and payload (times annotated), signature, findings. */
    [[nodiscard]] QString toText() const;
};

/**
 * Inspects any compact token: our assertion, a colleague's, or an access token NetSuite
 * issued (recognised by iss https://system.netsuite.com and described instead of judged).
 *
 * Never throws and never crashes on hostile input (reliability doc §2.1): the size cap is
 * checked first, decoding problems (bad or non-canonical base64url, a BOM, duplicate member
 * names, control or bidi characters) become findings while whatever can be shown is shown.
 * The signature is verified only with context.certificate or context.publicKey, with the
 * algorithm bound to that key; `none` and HS* never verify; nothing named in the token
 * (jku, x5u, jwk, x5c) is fetched or trusted. Messages never contain the token itself.
 */
[[nodiscard]] Inspection inspect(QByteArrayView token, const InspectionContext &context,
                                 const Core::Clock &clock);

} // namespace Sb::NetSuite
