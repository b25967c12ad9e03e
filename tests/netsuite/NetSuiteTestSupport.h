// SPDX-License-Identifier: MIT
// Shared fixtures for the lib/netsuite tests: keys generated once per process (no private
// key is stored in the repository), hand-built tokens, and the facts sheet's sample IDs.
#pragma once

#include "core/Clock.h"
#include "crypto/Certificate.h"
#include "crypto/Keys.h"
#include "jwt/Base64Url.h"
#include "netsuite/AccountId.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace NsTest {

// Facts §3: Client IDs are 64 hex characters; Certificate IDs look like 43-character
// base64url strings (ns-help/article_0209112818.html sample).
inline const QString clientId
    = QStringLiteral("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
inline const QString certificateId = QStringLiteral("NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA");
inline const QString sandboxTokenUrl = QStringLiteral(
    "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token");
/** 2027-01-15T08:00:00Z: the tests' "now". */
constexpr qint64 now = 1'800'000'000;

inline Sb::NetSuite::AccountId account(const QString &text)
{
    const auto parsed = Sb::NetSuite::AccountId::parse(text);
    return parsed ? *parsed : Sb::NetSuite::AccountId();
}

inline QByteArray b64(QByteArrayView bytes)
{
    return Sb::Jwt::base64UrlEncode(bytes);
}

inline QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/** header.payload.signature from raw JSON bytes; the signature is arbitrary bytes. */
inline QByteArray rawToken(QByteArrayView headerJson, QByteArrayView payloadJson,
                           QByteArrayView signature = "not-a-signature")
{
    return b64(headerJson) + '.' + b64(payloadJson) + '.' + b64(signature);
}

/** Applies @p patch to @p base: members with a null value are removed, others replaced. */
inline QJsonObject patched(QJsonObject base, const QByteArray &patch)
{
    if (patch.isEmpty()) {
        return base;
    }
    const QJsonDocument document = QJsonDocument::fromJson(patch);
    if (!document.isObject()) {
        qFatal("bad patch in test data: %s", patch.constData());
    }
    const QJsonObject changes = document.object();
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        if (it.value().isNull()) {
            base.remove(it.key());
        } else {
            base.insert(it.key(), it.value());
        }
    }
    return base;
}

struct KeySet
{
    Sb::Crypto::PrivateKey rsa3072;    ///< plain RSA: PS* and (legacy) RS*
    Sb::Crypto::PrivateKey rsaPss3072; ///< RSA-PSS typed, as Oracle's openssl recipe makes
    Sb::Crypto::PrivateKey rsa2048;
    Sb::Crypto::PrivateKey ec256;
    Sb::Crypto::PrivateKey ec384;
    Sb::Crypto::PrivateKey ec521;
};

inline Sb::Crypto::PrivateKey generate(Sb::Crypto::KeyType type, int bits,
                                       Sb::Crypto::Curve curve = Sb::Crypto::Curve::None)
{
    Sb::Crypto::KeySpec spec;
    spec.type = type;
    spec.bits = bits;
    spec.curve = curve;
    auto key = Sb::Crypto::generateKey(spec);
    if (!key) {
        qFatal("key generation failed: %s", qPrintable(key.error().message));
    }
    return *key;
}

/** Keys are generated on first use and shared by every test in the process. */
inline const KeySet &keys()
{
    using Sb::Crypto::Curve;
    using Sb::Crypto::KeyType;
    static const KeySet set{
        generate(KeyType::Rsa, 3072),
        generate(KeyType::RsaPss, 3072),
        generate(KeyType::Rsa, 2048),
        generate(KeyType::Ec, 256, Curve::P256),
        generate(KeyType::Ec, 384, Curve::P384),
        generate(KeyType::Ec, 521, Curve::P521),
    };
    return set;
}

/** A self-signed certificate for @p key, valid @p days from @p notBefore (null: now). */
inline Sb::Crypto::Certificate certificate(const Sb::Crypto::PrivateKey &key, int days = 365,
                                           const QDateTime &notBefore = {})
{
    Sb::Crypto::CertificateRequest request;
    request.commonName = QStringLiteral("test-only");
    request.validityDays = days;
    request.notBefore = notBefore;
    auto cert = Sb::Crypto::Certificate::createSelfSigned(key, request);
    if (!cert) {
        qFatal("certificate creation failed: %s", qPrintable(cert.error().message));
    }
    return *cert;
}

inline QString dataPath(const QString &name)
{
    return QStringLiteral(SB_TEST_DATA_DIR "/netsuite/") + name;
}

} // namespace NsTest
