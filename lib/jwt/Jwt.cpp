// SPDX-License-Identifier: MIT
// Compact JWS/JWE decoding, JWS building and verification (RFC 7515, RFC 7519, RFC 8725).
#include "jwt/Jwt.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <array>

namespace Sb::Jwt {

namespace {

tl::unexpected<JwtError> failWith(JwtError::Code code, QString message)
{
    return tl::unexpected<JwtError>(JwtError{code, std::move(message)});
}

bool isAsciiWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

QByteArrayView trimmed(QByteArrayView view, bool &changed)
{
    qsizetype begin = 0;
    qsizetype end = view.size();
    while (begin < end && isAsciiWhitespace(view[begin])) {
        ++begin;
    }
    while (end > begin && isAsciiWhitespace(view[end - 1])) {
        --end;
    }
    if (begin != 0 || end != view.size()) {
        changed = true;
    }
    return view.sliced(begin, end - begin);
}

bool stripQuotes(QByteArrayView &view)
{
    if (view.size() >= 2 && view.front() == '"' && view.back() == '"') {
        view = view.sliced(1, view.size() - 2);
        return true;
    }
    return false;
}

bool stripBearer(QByteArrayView &view)
{
    // One "Bearer" prefix, any case, followed by at least one blank (RFC 6750 §2.1 form).
    constexpr QByteArrayView kBearer("bearer");
    if (view.size() <= kBearer.size()) {
        return false;
    }
    for (qsizetype i = 0; i < kBearer.size(); ++i) {
        const char c = view[i];
        const char lower = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
        if (lower != kBearer[i]) {
            return false;
        }
    }
    qsizetype end = kBearer.size();
    if (view[end] != ' ' && view[end] != '\t') {
        return false;
    }
    while (end < view.size() && (view[end] == ' ' || view[end] == '\t')) {
        ++end;
    }
    view = view.sliced(end);
    return true;
}

QString describeByte(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x21 && byte < 0x7F) {
        return QStringLiteral("'%1'").arg(QLatin1Char(c));
    }
    return QStringLiteral("byte 0x%1").arg(int(byte), 2, 16, QLatin1Char('0'));
}

QString describeProblem(const Base64UrlResult &decoded, QByteArrayView segment)
{
    switch (decoded.problem) {
    case Base64UrlProblem::BadCharacter:
        return QStringLiteral("%1 at position %2 is not in the base64url alphabet "
                              "(A-Z a-z 0-9 - _, no padding)")
            .arg(describeByte(segment[decoded.position]))
            .arg(decoded.position);
    case Base64UrlProblem::BadLength:
        return QStringLiteral("its length %1 leaves one character over, which encodes no byte")
            .arg(segment.size());
    case Base64UrlProblem::NonCanonical:
        return QStringLiteral("non-canonical encoding: the unused bits of the last character "
                              "are not zero");
    case Base64UrlProblem::None:
        break;
    }
    return QString();
}

constexpr std::array<const char *, 3> kJwsSegmentNames{"header", "payload", "signature"};
constexpr std::array<const char *, 5> kJweSegmentNames{
    "header", "encrypted key", "initialization vector", "ciphertext", "authentication tag"};

JwtError::Code mapCryptoError(Crypto::CryptoError::Code code, JwtError::Code fallback)
{
    switch (code) {
    case Crypto::CryptoError::Code::AlgorithmKeyMismatch:
        return JwtError::Code::AlgKeyMismatch;
    case Crypto::CryptoError::Code::UnsupportedAlgorithm:
        return JwtError::Code::AlgUnsupported;
    case Crypto::CryptoError::Code::BadSignatureEncoding:
        return fallback == JwtError::Code::Signing ? fallback
                                                   : JwtError::Code::BadSignatureEncoding;
    case Crypto::CryptoError::Code::SignatureInvalid:
        return fallback == JwtError::Code::Signing ? fallback : JwtError::Code::SignatureInvalid;
    default:
        return fallback;
    }
}

} // namespace

QByteArray DecodedJwt::signingInput() const
{
    if (segments.size() < 2) {
        return QByteArray();
    }
    return segments.at(0) + '.' + segments.at(1);
}

QString DecodedJwt::alg() const
{
    return header.object.value(QLatin1String("alg")).toString();
}

Result<DecodedJwt> decode(QByteArrayView input, const DecodeOptions &options)
{
    // J1: the cap comes before any work proportional to the input.
    if (input.size() > options.maxInputBytes) {
        return failWith(JwtError::Code::TooLarge,
                        QStringLiteral("the token is %1 bytes, over the %2-byte limit")
                            .arg(input.size())
                            .arg(options.maxInputBytes));
    }

    // J2: undo copy-paste noise, and say what was undone.
    InputCleanup cleanup;
    QByteArrayView view = input;
    if (options.allowPastedNoise) {
        view = trimmed(view, cleanup.trimmedWhitespace);
        cleanup.strippedQuotes = stripQuotes(view);
        view = trimmed(view, cleanup.trimmedWhitespace);
        cleanup.strippedBearerPrefix = stripBearer(view);
        view = trimmed(view, cleanup.trimmedWhitespace);
        if (!cleanup.strippedQuotes) {
            cleanup.strippedQuotes = stripQuotes(view);
            view = trimmed(view, cleanup.trimmedWhitespace);
        }
    }

    // One linear pass: dot positions and inner whitespace. It stops at the fifth dot, so a
    // million dots cost nothing and never become a million-element list (CVE-2025-30204).
    std::array<qsizetype, 4> dots{};
    int dotCount = 0;
    for (qsizetype i = 0; i < view.size(); ++i) {
        const char c = view[i];
        if (c == '.') {
            if (dotCount == int(dots.size())) {
                return failWith(JwtError::Code::SegmentCount,
                                QStringLiteral("not a compact JWT: more than 5 dot-separated "
                                               "segments (a JWS has 3, a JWE 5)"));
            }
            dots[std::size_t(dotCount++)] = i;
        } else if (isAsciiWhitespace(c)) {
            return failWith(JwtError::Code::Whitespace,
                            QStringLiteral("whitespace (%1) at position %2 inside the token")
                                .arg(describeByte(c))
                                .arg(i));
        }
    }
    if (dotCount != 2 && dotCount != 4) {
        return failWith(JwtError::Code::SegmentCount,
                        QStringLiteral("not a compact JWT: %1 dot-separated segment(s), but a "
                                       "JWS has 3 and a JWE 5")
                            .arg(view.isEmpty() ? 0 : dotCount + 1));
    }

    DecodedJwt token;
    token.cleanup = cleanup;
    token.compact = view.toByteArray();
    token.isJwe = dotCount == 4;

    QList<QByteArray> decodedSegments;
    qsizetype begin = 0;
    for (int s = 0; s <= dotCount; ++s) {
        const qsizetype end = s < dotCount ? dots[std::size_t(s)] : view.size();
        const QByteArrayView segment = view.sliced(begin, end - begin);
        const Base64UrlResult decoded = base64UrlDecode(segment);
        if (decoded.problem != Base64UrlProblem::None) {
            const char *name
                = token.isJwe ? kJweSegmentNames[std::size_t(s)] : kJwsSegmentNames[std::size_t(s)];
            return failWith(JwtError::Code::Base64Url,
                            QStringLiteral("the %1 segment is not strict base64url: %2")
                                .arg(QLatin1String(name), describeProblem(decoded, segment)));
        }
        token.segments.append(segment.toByteArray());
        decodedSegments.append(decoded.bytes);
        begin = end + 1;
    }

    JsonLimits limits;
    limits.maxBytes = options.maxInputBytes;
    token.headerBytes = decodedSegments.at(0);
    token.header = parseStrictJsonObject(token.headerBytes, limits);
    if (!token.header.ok) {
        // RFC 7515 §4: the JOSE header is a JSON object; without it nothing can be trusted.
        return failWith(JwtError::Code::HeaderJson,
                        QStringLiteral("the header is not a strict JSON object: %1 (byte %2)")
                            .arg(token.header.error)
                            .arg(token.header.errorOffset));
    }
    if (token.isJwe) {
        // J3: never decrypt; the inspector shows the protected header only.
        return token;
    }

    // A JWS may carry any bytes (RFC 7515 §3); a non-object payload is shown, not refused.
    token.payloadBytes = decodedSegments.at(1);
    token.payload = parseStrictJsonObject(token.payloadBytes, limits);
    token.signature = decodedSegments.at(2);
    return token;
}

Result<QByteArray> sign(const Crypto::PrivateKey &key, Crypto::JwsAlgorithm alg,
                        const QJsonObject &header, const QJsonObject &payload)
{
    const QString name = QString::fromLatin1(Crypto::algorithmName(alg));
    QJsonObject fullHeader = header;
    const auto existing = fullHeader.constFind(QLatin1String("alg"));
    if (existing != fullHeader.constEnd() && existing.value() != QJsonValue(name)) {
        // The algorithm comes from the caller's choice of key and alg, never from a template.
        return failWith(JwtError::Code::InvalidArgument,
                        QStringLiteral("the header asks for alg %1, but the token is signed "
                                       "with %2")
                            .arg(existing.value().toVariant().toString(), name));
    }
    fullHeader.insert(QLatin1String("alg"), name);
    // Compact UTF-8, no BOM (RFC 8725 §3.7).
    return signRaw(key, alg, QJsonDocument(fullHeader).toJson(QJsonDocument::Compact),
                   QJsonDocument(payload).toJson(QJsonDocument::Compact));
}

Result<QByteArray> signRaw(const Crypto::PrivateKey &key, Crypto::JwsAlgorithm alg,
                           QByteArrayView headerJson, QByteArrayView payloadJson)
{
    if (key.isNull()) {
        return failWith(JwtError::Code::InvalidArgument, QStringLiteral("no signing key"));
    }
    QByteArray compact = base64UrlEncode(headerJson);
    compact.append('.');
    compact.append(base64UrlEncode(payloadJson));
    const auto signature = Crypto::sign(key, alg, compact);
    if (!signature) {
        return failWith(mapCryptoError(signature.error().code, JwtError::Code::Signing),
                        QStringLiteral("signing failed: %1").arg(signature.error().message));
    }
    compact.append('.');
    compact.append(base64UrlEncode(*signature));
    return compact;
}

Result<Crypto::JwsAlgorithm> verify(const DecodedJwt &token, const Crypto::PublicKey &key,
                                    const QList<Crypto::JwsAlgorithm> &allowed)
{
    if (token.isJwe) {
        return failWith(JwtError::Code::IsJwe,
                        QStringLiteral("this is an encrypted token (JWE); it has no signature "
                                       "to verify"));
    }
    if (token.segments.size() != 3) {
        return failWith(JwtError::Code::InvalidArgument,
                        QStringLiteral("not a decoded compact JWS"));
    }
    if (key.isNull()) {
        return failWith(JwtError::Code::InvalidArgument, QStringLiteral("no verification key"));
    }
    if (!token.header.ok) {
        return failWith(JwtError::Code::HeaderJson,
                        QStringLiteral("the header is not a strict JSON object"));
    }
    if (!token.header.duplicates.isEmpty()) {
        // RFC 7515 §5.2 lets a consumer reject duplicate header names; we do, because other
        // parsers keep the first value where we keep the last (J7).
        return failWith(JwtError::Code::HeaderJson,
                        QStringLiteral("the header repeats member \"%1\"; refusing to verify an "
                                       "ambiguous header")
                            .arg(token.header.duplicates.first().name));
    }

    const QJsonObject &header = token.header.object;
    const QJsonValue algValue = header.value(QLatin1String("alg"));
    if (!algValue.isString()) {
        return failWith(JwtError::Code::AlgUnsupported,
                        algValue.isUndefined()
                            ? QStringLiteral("the header has no \"alg\"")
                            : QStringLiteral("the header's \"alg\" is not a string"));
    }
    const QString algName = algValue.toString();
    if (algName.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        // RFC 8725 §3.1, CVE-2015-9235: an unsigned token never verifies, whatever the case.
        return failWith(
            JwtError::Code::AlgNone,
            QStringLiteral("alg \"%1\" means unsigned; it never verifies").arg(algName));
    }
    const auto alg = Crypto::algorithmFromName(algName.toUtf8());
    if (!alg) {
        // HS* lands here too: with a public key as the "secret" an HMAC token is trivially
        // forged (algorithm confusion, CVE-2016-10555), so HMAC is never an option.
        return failWith(JwtError::Code::AlgUnsupported,
                        algName.startsWith(QLatin1String("HS"), Qt::CaseInsensitive)
                            ? QStringLiteral("HMAC algorithm %1 is not supported for "
                                             "verification with a public key")
                                  .arg(algName)
                            : QStringLiteral("unknown algorithm \"%1\"").arg(algName));
    }
    if (header.contains(QLatin1String("crit"))) {
        // RFC 7515 §4.1.11: every extension named in "crit" must be understood. We understand
        // none, and an empty list is itself invalid, so any "crit" is refused.
        return failWith(JwtError::Code::CritUnsupported,
                        QStringLiteral("the header lists critical extensions (\"crit\") that "
                                       "this verifier does not implement"));
    }
    const auto b64 = header.constFind(QLatin1String("b64"));
    if (b64 != header.constEnd() && b64.value() != QJsonValue(true)) {
        // RFC 7797 unencoded payloads are not valid for JWTs (RFC 7797 §7) and would change
        // what the signature covers; refuse rather than verify the wrong bytes.
        return failWith(JwtError::Code::CritUnsupported,
                        QStringLiteral("unencoded payloads (\"b64\": false, RFC 7797) are not "
                                       "supported"));
    }
    if (!allowed.isEmpty() && !allowed.contains(*alg)) {
        return failWith(JwtError::Code::AlgNotAllowed,
                        QStringLiteral("algorithm %1 is not in the allowed list").arg(algName));
    }
    // The key decides which algorithms are possible (RFC 8725 §3.1); the header only picks
    // one of them.
    if (const auto fits = Crypto::checkAlgorithmFitsKey(*alg, key.info()); !fits) {
        return failWith(JwtError::Code::AlgKeyMismatch,
                        QStringLiteral("algorithm %1 does not fit the key: %2")
                            .arg(algName, fits.error().message));
    }
    if (const auto verified = Crypto::verify(key, *alg, token.signingInput(), token.signature);
        !verified) {
        return failWith(mapCryptoError(verified.error().code, JwtError::Code::SignatureInvalid),
                        QStringLiteral("the %1 signature does not verify: %2")
                            .arg(algName, verified.error().message));
    }
    return *alg;
}

} // namespace Sb::Jwt
