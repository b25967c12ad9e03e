// SPDX-License-Identifier: MIT
#include "netsuite/AssertionProfile.h"

#include "netsuite/Tr.h"

namespace Sb::NetSuite {

namespace {

using Crypto::Curve;
using Crypto::JwsAlgorithm;
using Crypto::KeyType;

QString algName(JwsAlgorithm alg)
{
    return QString::fromLatin1(Crypto::algorithmName(alg));
}

bool isRsaFamily(JwsAlgorithm alg)
{
    switch (alg) {
    case JwsAlgorithm::RS256:
    case JwsAlgorithm::RS384:
    case JwsAlgorithm::RS512:
    case JwsAlgorithm::PS256:
    case JwsAlgorithm::PS384:
    case JwsAlgorithm::PS512:
        return true;
    default:
        return false;
    }
}

std::optional<Curve> curveFor(JwsAlgorithm alg)
{
    switch (alg) {
    case JwsAlgorithm::ES256:
        return Curve::P256;
    case JwsAlgorithm::ES384:
        return Curve::P384;
    case JwsAlgorithm::ES512:
        return Curve::P521;
    default:
        return std::nullopt;
    }
}

QString curveName(Curve curve)
{
    switch (curve) {
    case Curve::P256:
        return QStringLiteral("P-256");
    case Curve::P384:
        return QStringLiteral("P-384");
    case Curve::P521:
        return QStringLiteral("P-521");
    default:
        return QStringLiteral("?");
    }
}

} // namespace

QString profileName(AssertionProfile profile)
{
    return profile == AssertionProfile::Rfc7523 ? QStringLiteral("rfc7523")
                                                : QStringLiteral("netsuite");
}

std::optional<AssertionProfile> profileFromName(QStringView name)
{
    if (name.compare(QStringLiteral("netsuite"), Qt::CaseInsensitive) == 0) {
        return AssertionProfile::NetSuite;
    }
    if (name.compare(QStringLiteral("rfc7523"), Qt::CaseInsensitive) == 0) {
        return AssertionProfile::Rfc7523;
    }
    return std::nullopt;
}

QStringList netSuiteScopes()
{
    return {Scope::RestWebServices, Scope::Restlets, Scope::SuiteAnalytics};
}

QString rs256LegacyWarning()
{
    return Tr::tr("RS256 (RSA PKCS#1 v1.5) is used only because the legacy switch is on: "
                  "NetSuite stopped accepting it for client credentials on 1 March 2025. Sign "
                  "with PS256 instead; the same RSA key and certificate work.");
}

std::optional<JwsAlgorithm> defaultAlgorithmForKey(const Crypto::KeyInfo &key)
{
    switch (key.type) {
    case KeyType::Rsa:
    case KeyType::RsaPss:
        return JwsAlgorithm::PS256;
    case KeyType::Ec:
        switch (key.curve) {
        case Curve::P256:
            return JwsAlgorithm::ES256;
        case Curve::P384:
            return JwsAlgorithm::ES384;
        case Curve::P521:
            return JwsAlgorithm::ES512;
        default:
            return std::nullopt;
        }
    case KeyType::Other:
        break;
    }
    return std::nullopt;
}

QList<ProfileRuleIssue> checkAlgorithmAndKey(AssertionProfile profile, JwsAlgorithm algorithm,
                                             const std::optional<Crypto::KeyInfo> &key,
                                             bool allowLegacyRs256)
{
    QList<ProfileRuleIssue> issues;
    const bool netSuite = profile == AssertionProfile::NetSuite;
    const QString alg = algName(algorithm);

    if (netSuite) {
        if (algorithm == JwsAlgorithm::RS256) {
            // Facts §2: from 1 March 2025 NetSuite no longer supports PKCS#1 v1.5 signing for
            // client credentials; the switch exists for accounts or emulators that still do.
            issues.append({ProfileRuleIssue::Kind::AlgRs256, !allowLegacyRs256,
                           allowLegacyRs256
                               ? rs256LegacyWarning()
                               : Tr::tr("RS256 is refused by NetSuite for client credentials "
                                        "since 1 March 2025."),
                           Tr::tr("Use PS256 with the same RSA key (or ES256/384/512 with an EC "
                                  "key). Only for a pre-2025 setup, allow it with "
                                  "--legacy-rs256.")});
        } else if (algorithm == JwsAlgorithm::RS384 || algorithm == JwsAlgorithm::RS512) {
            issues.append({ProfileRuleIssue::Kind::AlgNotAllowed, true,
                           Tr::tr("%1 is not one of NetSuite's algorithms (PS256, PS384, PS512, "
                                  "ES256, ES384, ES512).")
                               .arg(alg),
                           Tr::tr("Use the PS variant with the same hash: PS%1.").arg(alg.mid(2))});
        }
    }

    if (!key) {
        return issues;
    }

    const bool rsaKey = key->type == KeyType::Rsa || key->type == KeyType::RsaPss;
    const bool ecKey = key->type == KeyType::Ec;
    const QString described = key->describe();

    // Key type and size rules first (facts §3: RSA 3072 or 4096, EC 256/384/521).
    if (rsaKey) {
        const bool sizeOk = netSuite ? (key->bits == 3072 || key->bits == 4096) : key->bits >= 2048;
        if (!sizeOk) {
            issues.append({ProfileRuleIssue::Kind::RsaSize, true,
                           netSuite ? Tr::tr("The key is %1; NetSuite accepts RSA keys of 3072 or "
                                             "4096 bits only.")
                                          .arg(described)
                                    : Tr::tr("The key is %1; RSA keys for RFC 7523 must have at "
                                             "least 2048 bits.")
                                          .arg(described),
                           Tr::tr("Generate a new key (suitebench-cli keygen: RSA-PSS 3072 or "
                                  "EC P-256) and upload its certificate.")});
        }
    } else if (ecKey) {
        if (key->curve != Curve::P256 && key->curve != Curve::P384 && key->curve != Curve::P521) {
            issues.append({ProfileRuleIssue::Kind::KeyUnsupported, true,
                           Tr::tr("The key is %1; only the curves P-256, P-384 and P-521 are "
                                  "accepted.")
                               .arg(described),
                           Tr::tr("Generate an EC key on P-256, P-384 or P-521, or an RSA key "
                                  "of 3072 or 4096 bits.")});
            return issues;
        }
    } else {
        issues.append({ProfileRuleIssue::Kind::KeyUnsupported, true,
                       Tr::tr("The key is %1; only RSA and EC (P-256, P-384, P-521) keys can "
                              "sign these assertions.")
                           .arg(described),
                       Tr::tr("Generate an RSA (3072 or 4096 bits) or EC P-256 key.")});
        return issues;
    }

    // Algorithm ↔ key: the family, and for ES* the exact curve (ES256↔P-256, ES384↔P-384,
    // ES512↔P-521; facts §10 item 8 on "P-512").
    if (rsaKey && !isRsaFamily(algorithm)) {
        const auto suggestion = defaultAlgorithmForKey(*key);
        issues.append({ProfileRuleIssue::Kind::AlgKeyMismatch, true,
                       Tr::tr("%1 needs an EC key, but the key is %2.").arg(alg, described),
                       Tr::tr("Use %1 with this key, or pick the EC key.")
                           .arg(suggestion ? algName(*suggestion) : QStringLiteral("PS256"))});
    } else if (ecKey) {
        const auto wanted = curveFor(algorithm);
        if (!wanted) {
            const auto suggestion = defaultAlgorithmForKey(*key);
            issues.append({ProfileRuleIssue::Kind::AlgKeyMismatch, true,
                           Tr::tr("%1 needs an RSA key, but the key is %2.").arg(alg, described),
                           Tr::tr("Use %1 with this key.")
                               .arg(suggestion ? algName(*suggestion) : QStringLiteral("ES256"))});
        } else if (*wanted != key->curve) {
            const auto suggestion = defaultAlgorithmForKey(*key);
            issues.append({ProfileRuleIssue::Kind::AlgKeyMismatch, true,
                           Tr::tr("%1 needs a %2 key, but the key is %3.")
                               .arg(alg, curveName(*wanted), described),
                           Tr::tr("Use %1 with this key (ES256 ↔ P-256, ES384 ↔ P-384, ES512 ↔ "
                                  "P-521).")
                               .arg(suggestion ? algName(*suggestion) : QStringLiteral("ES256"))});
        }
    }
    if (key->type == KeyType::RsaPss
        && (algorithm == JwsAlgorithm::RS256 || algorithm == JwsAlgorithm::RS384
            || algorithm == JwsAlgorithm::RS512)) {
        // Reliability doc §0 item 7: an RSA-PSS-typed key cannot make PKCS#1 v1.5 signatures.
        issues.append({ProfileRuleIssue::Kind::AlgKeyMismatch, true,
                       Tr::tr("The key is %1, which can only make PSS signatures; %2 needs a "
                              "plain RSA key.")
                           .arg(described, alg),
                       Tr::tr("Use PS256 with this key.")});
    }
    return issues;
}

} // namespace Sb::NetSuite
