// SPDX-License-Identifier: MIT
#include "netsuite/Inspector.h"

#include "jwt/Base64Url.h"
#include "jwt/Jwt.h"
#include "jwt/StrictJson.h"
#include "netsuite/DisplayText.h"
#include "netsuite/Endpoints.h"
#include "netsuite/FindingCodes.h"
#include "netsuite/Tr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Sb::NetSuite {

namespace {

namespace FC = FindingCode;

// The last NumericDate a person can read as a date (9999-12-31T23:59:59Z).
constexpr qint64 maxReadableDate = 253'402'300'799;
constexpr int maxCharacterFindings = 10;
constexpr int maxWalkDepth = 16;
constexpr QLatin1String netSuiteIssuer("https://system.netsuite.com");

QString shown(const QString &value, qsizetype max = 100)
{
    return escapeForDisplay(value, max);
}

/** A JSON value as compact text, escaped for display. */
QString shownJson(const QJsonValue &value, qsizetype max = 100)
{
    if (value.isString()) {
        return QLatin1Char('"') + shown(value.toString(), max) + QLatin1Char('"');
    }
    QByteArray text;
    if (value.isArray()) {
        text = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    } else if (value.isObject()) {
        text = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    } else if (value.isBool()) {
        text = value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    } else if (value.isNull()) {
        text = QByteArrayLiteral("null");
    } else if (value.isDouble()) {
        const double d = value.toDouble();
        text = (d == std::floor(d) && std::fabs(d) < 9.0e15) ? QByteArray::number(value.toInteger())
                                                             : QByteArray::number(d, 'g', 17);
    }
    return shown(QString::fromUtf8(text), max);
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

bool isUuid(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(
        "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"));
    return re.match(text).hasMatch();
}

bool isHex(const QString &text, qsizetype length)
{
    if (text.size() != length) {
        return false;
    }
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F'))) {
            return false;
        }
    }
    return true;
}

bool looksLikeAccountId(const QString &text)
{
    // Only a bare ID counts: a URL is not "shaped like an account ID".
    if (text.contains(QLatin1Char('.')) || text.contains(QLatin1Char('/'))) {
        return false;
    }
    return AccountId::parse(text).has_value();
}

/** A NumericDate read defensively (reliability doc J9). */
struct NumericDate
{
    bool present = false;
    bool isNumber = false;
    bool beyondRange = false; ///< larger than 64 bits, or past year 9999
    qint64 seconds = 0;
};

NumericDate readNumericDate(const QJsonObject &object, const QString &name,
                            const QList<Jwt::LargeNumber> &largeNumbers)
{
    NumericDate date;
    const QJsonValue value = object.value(name);
    if (value.isUndefined()) {
        return date;
    }
    date.present = true;
    // Clamp far outside any sensible date, so later arithmetic (exp - iat, exp - now) cannot
    // overflow whatever the token says.
    constexpr qint64 limit = 1'000'000'000'000'000;
    for (const Jwt::LargeNumber &large : largeNumbers) {
        if (large.path == QLatin1Char('/') + name) {
            // Beyond 64 bits: kept as raw text by the strict parser, never as 0 (J9).
            date.isNumber = true;
            date.beyondRange = true;
            date.seconds = large.rawText.startsWith(QLatin1Char('-')) ? -limit : limit;
            return date;
        }
    }
    if (!value.isDouble()) {
        return date;
    }
    date.isNumber = true;
    const double d = value.toDouble();
    if (d >= double(limit)) {
        date.seconds = limit;
    } else if (d <= -double(limit)) {
        date.seconds = -limit;
    } else if (d == std::floor(d)) {
        date.seconds = value.toInteger(qint64(d));
    } else {
        date.seconds = qint64(std::floor(d)); // fractional NumericDates are legal (RFC 7519 §2)
    }
    date.beyondRange = date.seconds > maxReadableDate || date.seconds < -maxReadableDate;
    return date;
}

/** A URL split by hand so its pieces are seen exactly as written. */
struct RawUrl
{
    bool ok = false;
    QString scheme;
    QString host;
    QString port; ///< with the colon, or empty
    QString path;
    QString rest; ///< query and fragment, with their '?' / '#'
    bool userInfo = false;
};

RawUrl splitUrl(const QString &text)
{
    RawUrl url;
    const qsizetype schemeEnd = text.indexOf(QStringLiteral("://"));
    if (schemeEnd <= 0) {
        return url;
    }
    url.scheme = text.left(schemeEnd);
    const QString afterScheme = text.mid(schemeEnd + 3);
    qsizetype authorityEnd = afterScheme.size();
    for (const QChar stop : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype at = afterScheme.indexOf(stop);
        if (at >= 0 && at < authorityEnd) {
            authorityEnd = at;
        }
    }
    QString authority = afterScheme.left(authorityEnd);
    QString tail = afterScheme.mid(authorityEnd);
    if (authority.contains(QLatin1Char('@'))) {
        url.userInfo = true;
        authority = authority.mid(authority.lastIndexOf(QLatin1Char('@')) + 1);
    }
    const qsizetype colon = authority.lastIndexOf(QLatin1Char(':'));
    if (colon >= 0 && !authority.contains(QLatin1Char(']'))) {
        url.port = authority.mid(colon);
        authority = authority.left(colon);
    }
    url.host = authority;
    qsizetype pathEnd = tail.size();
    for (const QChar stop : {QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype at = tail.indexOf(stop);
        if (at >= 0 && at < pathEnd) {
            pathEnd = at;
        }
    }
    url.path = tail.left(pathEnd);
    url.rest = tail.mid(pathEnd);
    url.ok = !url.host.isEmpty();
    return url;
}

std::optional<AccountId::Host> hostOf(const RawUrl &url)
{
    if (!url.ok || url.userInfo) {
        return std::nullopt;
    }
    auto host = AccountId::parseHost(url.host);
    if (!host) {
        return std::nullopt;
    }
    return *host;
}

class Inspector
{
public:
    Inspector(const InspectionContext &context, const Core::Clock &clock)
        : m_context(context)
        , m_now(clock.nowSeconds())
        , m_nowDateTime(clock.now())
        , m_netSuite(context.profile == AssertionProfile::NetSuite)
    {
        m_result.inspectedAt = m_now;
    }

    Inspection run(QByteArrayView input);

private:
    void add(Severity severity, QLatin1String code, const QString &path, const QString &message,
             const QString &hint = {})
    {
        Q_ASSERT(FC::isKnownFindingCode(QString(code)));
        m_result.findings.append({severity, QString(code), path, message, hint});
    }

    QByteArray clean(QByteArrayView input);
    std::optional<QByteArray> decodeSegment(const QByteArray &segment, const QString &path);
    std::optional<QJsonObject> parseJsonPart(QByteArray bytes, const QString &path,
                                             QList<Jwt::LargeNumber> *largeNumbers);
    void walkForCharacters(const QJsonValue &value, const QString &path, int depth);

    void checkAccessToken();
    void checkHeader();
    void checkAlgorithmAndKey();
    void checkCertificate();
    void checkIssuer();
    void checkRfc7523Claims();
    void checkAudience();
    void judgeAudience(const QString &candidate, const QString &expected,
                       const std::optional<AccountId> &expectedAccount, bool expectationGiven);
    void checkScope();
    void checkTimes();
    void checkSignature(const QByteArray &compact);

    std::optional<Crypto::PublicKey> verificationKey() const;
    QString expectedAudience() const;

    const InspectionContext &m_context;
    const qint64 m_now;
    const QDateTime m_nowDateTime;
    const bool m_netSuite;
    Inspection m_result;
    QList<Jwt::LargeNumber> m_payloadLargeNumbers;
    int m_characterFindings = 0;
};

QByteArray Inspector::clean(QByteArrayView input)
{
    // J2: trim surrounding ASCII whitespace, one "Bearer " prefix and matching quotes, and say so.
    QByteArray text = input.toByteArray();
    const qsizetype before = text.size();
    text = text.trimmed();
    bool changed = text.size() != before;
    if (text.size() > 7 && text.left(7).toLower() == QByteArrayLiteral("bearer ")) {
        text = text.mid(7).trimmed();
        changed = true;
    }
    if (text.size() >= 2
        && ((text.front() == '"' && text.back() == '"')
            || (text.front() == '\'' && text.back() == '\''))) {
        text = text.mid(1, text.size() - 2).trimmed();
        changed = true;
    }
    if (changed && !text.isEmpty()) {
        add(Severity::Info, FC::TokenCleaned, QStringLiteral("token"),
            Tr::tr("Surrounding whitespace, quotes or a \"Bearer \" prefix were removed before "
                   "decoding."));
    }
    return text;
}

std::optional<QByteArray> Inspector::decodeSegment(const QByteArray &segment, const QString &path)
{
    const Jwt::Base64UrlResult strict = Jwt::base64UrlDecode(segment);
    switch (strict.problem) {
    case Jwt::Base64UrlProblem::None:
        return strict.bytes;
    case Jwt::Base64UrlProblem::NonCanonical:
        // J4: "YR" decodes to the same bytes as "YQ"; two spellings of one token is how
        // signature-stripping and cache-confusion tricks start, so say so but still show it.
        add(Severity::Error, FC::EncodingBase64UrlNonCanonical, path,
            Tr::tr("The %1 is not canonical base64url: its last character has unused bits set, "
                   "so the same bytes have another, canonical spelling.")
                .arg(path),
            Tr::tr("Encode with a standard base64url encoder (unpadded, RFC 7515 §2); strict "
                   "servers refuse this spelling."));
        return QByteArray::fromBase64(segment, QByteArray::Base64UrlEncoding);
    case Jwt::Base64UrlProblem::BadLength:
        add(Severity::Error, FC::EncodingBase64UrlInvalid, path,
            Tr::tr("The %1 has a length no base64url text can have (%2 characters); it was "
                   "probably cut off when copying.")
                .arg(path)
                .arg(segment.size()),
            Tr::tr("Copy the whole token again."));
        return std::nullopt;
    case Jwt::Base64UrlProblem::BadCharacter:
        break;
    }
    // Classify the bad character to give a useful hint, and still show what we can.
    bool onlyPadding = true;
    bool standardAlphabet = true;
    const qsizetype firstPad = segment.indexOf('=');
    for (qsizetype i = 0; i < segment.size(); ++i) {
        const char c = segment[i];
        const bool url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                         || c == '-' || c == '_';
        if (c == '=') {
            continue;
        }
        if (firstPad >= 0 && i > firstPad) {
            onlyPadding = false;
        }
        if (!url) {
            onlyPadding = false;
            if (c != '+' && c != '/') {
                standardAlphabet = false;
            }
        }
    }
    if (firstPad >= 0 && onlyPadding) {
        add(Severity::Error, FC::EncodingBase64UrlInvalid, path,
            Tr::tr("The %1 ends in \"=\" padding, which JWS base64url does not use.").arg(path),
            Tr::tr("Strip the \"=\" characters, or better, let a JWT library encode the token."));
        return QByteArray::fromBase64(segment, QByteArray::Base64UrlEncoding);
    }
    if (standardAlphabet) {
        add(Severity::Error, FC::EncodingBase64UrlInvalid, path,
            Tr::tr("The %1 uses \"+\" or \"/\": that is standard base64, not base64url.").arg(path),
            Tr::tr("Encode with the URL-safe alphabet (\"-\" and \"_\") and no padding."));
        return QByteArray::fromBase64(segment, QByteArray::Base64Encoding);
    }
    const qsizetype at = strict.position;
    const QString character = at >= 0 && at < segment.size()
                                  ? escapeForDisplay(QString::fromLatin1(segment.mid(at, 1)))
                                  : QString();
    add(Severity::Error, FC::EncodingBase64UrlInvalid, path,
        Tr::tr("The %1 contains the character \"%2\" at position %3, which base64url does not use.")
            .arg(path, character)
            .arg(at + 1),
        Tr::tr("Copy the token again; line breaks, quotes or e-mail formatting may have been "
               "pasted with it."));
    return std::nullopt;
}

std::optional<QJsonObject> Inspector::parseJsonPart(QByteArray bytes, const QString &path,
                                                    QList<Jwt::LargeNumber> *largeNumbers)
{
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        // J6 / RFC 8259 §8.1: a BOM must not be sent; some parsers choke, others skip it.
        add(Severity::Error, FC::EncodingBom, path,
            Tr::tr("The %1 JSON starts with a UTF-8 byte order mark (EF BB BF).").arg(path),
            Tr::tr("Serialise the JSON without a BOM; NetSuite's parser may refuse it."));
        bytes = bytes.mid(3);
    }
    const Jwt::StrictJsonResult parsed = Jwt::parseStrictJsonObject(bytes);
    if (!parsed.ok) {
        add(Severity::Error, FC::JsonNotObject, path,
            Tr::tr("The %1 is not a JSON object: %2").arg(path, shown(parsed.error, 160)),
            Tr::tr("A JWT's header and payload are JSON objects; check how the token was built."));
        return std::nullopt;
    }
    for (const Jwt::DuplicateMember &duplicate : parsed.duplicates) {
        // J7: Qt keeps the last value, other parsers the first: show every value.
        QStringList values;
        for (const QString &raw : duplicate.rawValues) {
            values << shown(raw, 60);
        }
        QString where = duplicate.path;
        where.replace(QLatin1Char('/'), QLatin1Char('.'));
        add(Severity::Error, FC::JsonDuplicateMember,
            path + where + QLatin1Char('.') + shown(duplicate.name, 40),
            Tr::tr("The member \"%1\" appears %2 times, with the values %3. This tool shows the "
                   "last one; other parsers take the first.")
                .arg(shown(duplicate.name, 40))
                .arg(duplicate.rawValues.size())
                .arg(values.join(QStringLiteral(" and "))),
            Tr::tr("Build the JSON so that each member name appears once."));
    }
    if (parsed.hasNulOrLoneSurrogate) {
        add(Severity::Warning, FC::JsonNulOrSurrogate, path,
            Tr::tr("The %1 contains a \\u0000 escape or an unpaired surrogate (\\uD800-\\uDFFF); "
                   "strings may be cut short or mangled by other parsers.")
                .arg(path),
            Tr::tr("Remove NUL characters and broken surrogate escapes from the claims."));
    }
    if (largeNumbers) {
        *largeNumbers = parsed.largeNumbers;
    }
    walkForCharacters(parsed.object, path, 0);
    return parsed.object;
}

void Inspector::walkForCharacters(const QJsonValue &value, const QString &path, int depth)
{
    if (depth > maxWalkDepth || m_characterFindings >= maxCharacterFindings) {
        return;
    }
    auto report = [this](const QString &where, const QString &text) {
        if (m_characterFindings >= maxCharacterFindings) {
            return;
        }
        ++m_characterFindings;
        add(Severity::Warning, FC::JsonSuspiciousCharacters, where,
            Tr::tr("The text contains control, bidi or invisible characters, shown escaped: %1")
                .arg(shown(text, 120)),
            Tr::tr("Such characters make a value look different from what it is (a bidi override "
                   "can reverse how a URL reads); remove them."));
    };
    if (value.isString()) {
        if (hasSuspiciousCharacters(value.toString())) {
            report(path, value.toString());
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            walkForCharacters(array.at(i), path + QStringLiteral("[%1]").arg(i), depth + 1);
        }
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString where = path + QLatin1Char('.') + shown(it.key(), 40);
            if (hasSuspiciousCharacters(it.key())) {
                report(where, it.key());
            }
            walkForCharacters(it.value(), where, depth + 1);
        }
    }
}

std::optional<Crypto::PublicKey> Inspector::verificationKey() const
{
    if (m_context.certificate && !m_context.certificate->isNull()) {
        return m_context.certificate->publicKey();
    }
    if (m_context.publicKey && !m_context.publicKey->isNull()) {
        return m_context.publicKey;
    }
    return std::nullopt;
}

QString Inspector::expectedAudience() const
{
    if (!m_netSuite && !m_context.audience.isEmpty()) {
        return m_context.audience;
    }
    if (!m_context.tokenUrl.isEmpty()) {
        return m_context.tokenUrl;
    }
    if (m_context.account && !m_context.account->isNull()) {
        return tokenUrl(*m_context.account).toString(QUrl::FullyEncoded);
    }
    return {};
}

Inspection Inspector::run(QByteArrayView input)
{
    // J1: the cap comes before anything that allocates in proportion to the input.
    if (input.size() > m_context.maxInputBytes) {
        add(Severity::Error, FC::TokenTooLarge, QStringLiteral("token"),
            Tr::tr("The input is %1 bytes, over the %2-byte limit; it was not decoded.")
                .arg(input.size())
                .arg(m_context.maxInputBytes),
            Tr::tr("Paste only the token. Client assertions are well under 4 KiB."));
        return m_result;
    }
    const QByteArray compact = clean(input);
    if (compact.isEmpty()) {
        add(Severity::Error, FC::TokenEmpty, QStringLiteral("token"),
            Tr::tr("There is no token to inspect."),
            Tr::tr("Paste a compact JWT (three base64url parts separated by dots)."));
        return m_result;
    }
    // One linear scan: dots and whitespace/control bytes, without splitting into a list first.
    qsizetype dots = 0;
    for (qsizetype i = 0; i < compact.size(); ++i) {
        const char c = compact[i];
        if (c == '.') {
            ++dots;
        } else if (uchar(c) <= 0x20 || c == 0x7F) {
            add(Severity::Error, FC::TokenWhitespace, QStringLiteral("token"),
                Tr::tr("The token contains whitespace or a control character at position %1.")
                    .arg(i + 1),
                Tr::tr("A JWT has no spaces or line breaks inside; remove the ones added by "
                       "wrapping or copying."));
            return m_result;
        }
    }
    if (dots != 2 && dots != 4) {
        add(Severity::Error, FC::TokenMalformed, QStringLiteral("token"),
            Tr::tr("This is not a compact JWT: it has %1 parts, a signed JWT has three "
                   "(header.payload.signature).")
                .arg(dots + 1),
            Tr::tr("Check that the whole token was copied, and that it is the assertion or the "
                   "access_token value, not the whole JSON response."));
        return m_result;
    }
    const QList<QByteArray> segments = compact.split('.');

    const auto headerBytes = decodeSegment(segments.at(0), QStringLiteral("header"));
    if (headerBytes) {
        if (const auto header = parseJsonPart(*headerBytes, QStringLiteral("header"), nullptr)) {
            m_result.header = *header;
            m_result.headerDecoded = true;
        }
    }
    if (dots == 4) {
        // J3: an encrypted token; never decrypted here.
        add(Severity::Error, FC::TokenEncrypted, QStringLiteral("token"),
            Tr::tr("This is an encrypted JWT (JWE, five parts); only its header can be shown."),
            Tr::tr(
                "NetSuite client assertions and access tokens are signed JWTs with three parts."));
        m_result.findings = sortedBySeverity(m_result.findings);
        return m_result;
    }
    if (const auto payloadBytes = decodeSegment(segments.at(1), QStringLiteral("payload"))) {
        if (const auto payload
            = parseJsonPart(*payloadBytes, QStringLiteral("payload"), &m_payloadLargeNumbers)) {
            m_result.payload = *payload;
            m_result.payloadDecoded = true;
        }
    }
    const std::optional<QByteArray> signatureBytes
        = decodeSegment(segments.at(2), QStringLiteral("signature"));

    if (m_result.payloadDecoded
        && m_result.payload.value(QStringLiteral("iss")).toString() == netSuiteIssuer) {
        m_result.isNetSuiteAccessToken = true;
        checkAccessToken();
        m_result.findings = sortedBySeverity(m_result.findings);
        return m_result;
    }

    if (m_result.headerDecoded) {
        checkHeader();
    }
    checkAlgorithmAndKey();
    checkCertificate();
    if (m_result.payloadDecoded) {
        checkIssuer();
        if (!m_netSuite) {
            checkRfc7523Claims();
        }
        checkAudience();
        if (m_netSuite) {
            checkScope();
        }
        checkTimes();
    }
    if (signatureBytes && signatureBytes->isEmpty() && !verificationKey()) {
        // An empty signature is worth its own word even without a key (alg none tokens).
        add(Severity::Error, FC::SignatureInvalid, QStringLiteral("signature"),
            Tr::tr("The signature part is empty: the token is unsigned."),
            Tr::tr("Sign the assertion with the private key that belongs to the uploaded "
                   "certificate."));
        m_result.signatureStatus = SignatureStatus::Invalid;
    } else {
        checkSignature(compact);
    }
    m_result.findings = sortedBySeverity(m_result.findings);
    return m_result;
}

void Inspector::checkAccessToken()
{
    const QJsonObject &p = m_result.payload;
    AccessTokenInfo info;
    const QString sub = p.value(QStringLiteral("sub")).toString();
    const qsizetype semicolon = sub.indexOf(QLatin1Char(';'));
    if (semicolon > 0) {
        info.role = sub.left(semicolon);
        info.entity = sub.mid(semicolon + 1);
    }
    const QJsonValue aud = p.value(QStringLiteral("aud"));
    QStringList audValues;
    if (aud.isArray()) {
        for (const QJsonValue &v : aud.toArray()) {
            audValues << v.toString();
        }
    } else if (aud.isString()) {
        audValues << aud.toString();
    }
    for (const QString &value : std::as_const(audValues)) {
        const qsizetype sep = value.indexOf(QLatin1Char(';'));
        if (sep > 0 && info.applicationId.isEmpty()) {
            info.applicationId = value.left(sep);
            info.account = value.mid(sep + 1);
        } else if (sep < 0 && info.clientId.isEmpty()) {
            info.clientId = value;
        }
    }
    const QJsonValue scope = p.value(QStringLiteral("scope"));
    if (scope.isArray()) {
        for (const QJsonValue &v : scope.toArray()) {
            info.scopes << v.toString();
        }
    } else if (scope.isString()) {
        info.scopes = scope.toString().split(QRegularExpression(QStringLiteral("[ ,]+")),
                                             Qt::SkipEmptyParts);
    }
    const NumericDate exp = readNumericDate(p, QStringLiteral("exp"), m_payloadLargeNumbers);
    if (exp.isNumber) {
        info.expiresAt = exp.seconds;
    }

    QStringList parts;
    if (!info.account.isEmpty()) {
        parts << Tr::tr("account %1").arg(shown(info.account, 40));
    }
    if (!info.role.isEmpty()) {
        parts << Tr::tr("role %1, entity %2").arg(shown(info.role, 20), shown(info.entity, 20));
    }
    if (!info.applicationId.isEmpty()) {
        parts << Tr::tr("application ID %1").arg(shown(info.applicationId, 60));
    }
    if (!info.clientId.isEmpty()) {
        parts << Tr::tr("Client ID %1").arg(shown(info.clientId, 80));
    }
    if (!info.scopes.isEmpty()) {
        parts << Tr::tr("scope %1").arg(shown(info.scopes.join(QLatin1Char(',')), 80));
    }
    QString lifetime;
    if (info.expiresAt) {
        const qint64 remaining = *info.expiresAt - m_now;
        lifetime = remaining > 0 ? Tr::tr("It is valid for another %1 (until %2).")
                                       .arg(humanDuration(remaining), formatUtc(*info.expiresAt))
                                 : Tr::tr("It expired %1 ago (at %2).")
                                       .arg(humanDuration(remaining), formatUtc(*info.expiresAt));
    }
    add(Severity::Info, FC::AccessTokenNetSuite, QStringLiteral("payload.iss"),
        Tr::tr("This is an access token issued by NetSuite (%1), not a client assertion, so it is "
               "described rather than judged. %2")
            .arg(parts.isEmpty() ? Tr::tr("no details") : parts.join(QStringLiteral("; ")),
                 lifetime)
            .trimmed(),
        Tr::tr("Send it as \"Authorization: Bearer …\" to REST web services or RESTlets. Access "
               "tokens from client credentials last 60 minutes and have no refresh token: mint a "
               "new assertion and exchange it again."));
    if (info.expiresAt && *info.expiresAt <= m_now) {
        add(Severity::Warning, FC::AccessTokenExpired, QStringLiteral("payload.exp"),
            Tr::tr("The access token expired %1 ago.").arg(humanDuration(m_now - *info.expiresAt)),
            Tr::tr("Run the token exchange again; NetSuite answers an expired token with 401 "
                   "INVALID_LOGIN (Login Audit Trail detail AccessTokenExpired)."));
    }
    if (m_context.account && !m_context.account->isNull() && !info.account.isEmpty()) {
        const auto tokenAccount = AccountId::parse(info.account);
        if (!tokenAccount || *tokenAccount != *m_context.account) {
            add(Severity::Warning, FC::AccessTokenOtherAccount, QStringLiteral("payload.aud"),
                Tr::tr("The access token is for account %1, but the environment is %2.")
                    .arg(shown(info.account, 40), m_context.account->canonical()),
                Tr::tr("Tokens work only on the account that issued them; exchange an assertion "
                       "at this account's token endpoint."));
        }
    }
    if (!m_context.clientId.isEmpty() && !info.clientId.isEmpty()
        && info.clientId != m_context.clientId) {
        add(Severity::Warning, FC::AccessTokenOtherClient, QStringLiteral("payload.aud"),
            Tr::tr("The access token was issued to Client ID %1, not to the environment's %2.")
                .arg(shown(info.clientId, 80), shown(m_context.clientId, 80)),
            Tr::tr("Check that the right integration record's credentials were used."));
    }
    m_result.accessToken = info;
    m_result.signatureStatus = SignatureStatus::Unchecked;
    add(Severity::Info, FC::SignatureUnchecked, QStringLiteral("signature"),
        Tr::tr("NetSuite signs access tokens with its own keys, which this tool does not fetch; "
               "the signature was not checked."),
        Tr::tr("NetSuite checks it on every call; a 401 tells you when it does not accept it."));
}

void Inspector::checkHeader()
{
    const QJsonObject &h = m_result.header;
    const QString hp = QStringLiteral("header.");

    // typ (facts §2: "always JWT" for NetSuite; optional elsewhere, RFC 7519 §5.1).
    const QJsonValue typ = h.value(QStringLiteral("typ"));
    if (typ.isUndefined()) {
        if (m_netSuite) {
            add(Severity::Error, FC::TypMissing, hp + QStringLiteral("typ"),
                Tr::tr("The header has no typ; NetSuite's assertion header has typ \"JWT\"."),
                Tr::tr("Add \"typ\": \"JWT\" to the header."));
        }
    } else if (!typ.isString()) {
        add(Severity::Error, FC::ClaimWrongType, hp + QStringLiteral("typ"),
            Tr::tr("typ is %1; it must be the string \"JWT\".").arg(typeName(typ)),
            Tr::tr("Set \"typ\": \"JWT\"."));
    } else if (typ.toString() != QStringLiteral("JWT")) {
        const bool caseOnly
            = typ.toString().compare(QStringLiteral("JWT"), Qt::CaseInsensitive) == 0;
        add(caseOnly || !m_netSuite ? Severity::Warning : Severity::Error, FC::TypNotJwt,
            hp + QStringLiteral("typ"), Tr::tr("typ is %1, not \"JWT\".").arg(shownJson(typ)),
            caseOnly ? Tr::tr("RFC 7519 recommends the upper-case \"JWT\"; NetSuite documents "
                              "exactly that.")
                     : Tr::tr("Set \"typ\": \"JWT\"."));
    }

    // kid = Certificate ID (facts §2).
    const QJsonValue kid = h.value(QStringLiteral("kid"));
    if (kid.isUndefined()) {
        if (m_netSuite) {
            add(Severity::Error, FC::KidMissing, hp + QStringLiteral("kid"),
                Tr::tr("The header has no kid; NetSuite finds the certificate by it."),
                Tr::tr("Set kid to the Certificate ID shown at Setup > Integration > Manage "
                       "Authentication > OAuth 2.0 Client Credentials (M2M) Setup."));
        }
    } else if (!kid.isString()) {
        add(Severity::Error, FC::ClaimWrongType, hp + QStringLiteral("kid"),
            Tr::tr("kid is %1; it must be a string (the Certificate ID).").arg(typeName(kid)));
    } else if (!m_context.certificateId.isEmpty() && kid.toString() != m_context.certificateId) {
        const QString value = kid.toString();
        QString hint;
        if (!m_context.clientId.isEmpty() && value == m_context.clientId) {
            hint = Tr::tr("kid holds the Client ID; it needs the Certificate ID from the M2M "
                          "setup page.");
        } else if (isHex(value, 40) || isHex(value, 64)) {
            hint = Tr::tr("The value looks like a certificate fingerprint; NetSuite wants the "
                          "Certificate ID it assigned at upload (Setup > Integration > Manage "
                          "Authentication > OAuth 2.0 Client Credentials (M2M) Setup).");
        } else if (value.compare(m_context.certificateId, Qt::CaseInsensitive) == 0) {
            hint = Tr::tr("They differ only in letter case; Certificate IDs are case-sensitive.");
        } else {
            hint = Tr::tr("Use the Certificate ID of the mapping for this integration, role and "
                          "entity; after a sandbox refresh or a new upload it changes.");
        }
        add(Severity::Error, FC::KidMismatch, hp + QStringLiteral("kid"),
            Tr::tr("kid is \"%1\", but the environment's Certificate ID is \"%2\".")
                .arg(shown(value, 80), shown(m_context.certificateId, 80)),
            hint);
    }

    // J13: keys named in the token are shown, never fetched or trusted (RFC 8725 §3.10).
    for (const QString &name : {QStringLiteral("jku"), QStringLiteral("x5u"), QStringLiteral("jwk"),
                                QStringLiteral("x5c")}) {
        if (h.contains(name)) {
            add(Severity::Warning, FC::HeaderKeyReference, hp + name,
                Tr::tr("The header names a key or certificate (%1). It is never fetched or used; "
                       "only the certificate you give verifies the signature.")
                    .arg(name),
                Tr::tr("NetSuite ignores it too: it uses the certificate uploaded for the kid."));
        }
    }
    if (h.contains(QStringLiteral("crit"))) {
        add(Severity::Warning, FC::HeaderCrit, hp + QStringLiteral("crit"),
            Tr::tr("The header has crit %1: a verifier must refuse the token unless it "
                   "understands every listed extension (RFC 7515 §4.1.11).")
                .arg(shownJson(h.value(QStringLiteral("crit")))),
            Tr::tr("Remove crit; NetSuite assertions need no header extensions."));
    }
}

void Inspector::checkAlgorithmAndKey()
{
    const QString path = QStringLiteral("header.alg");
    const std::optional<Crypto::PublicKey> key = verificationKey();
    const std::optional<Crypto::KeyInfo> keyInfo = key ? std::optional(key->info()) : std::nullopt;

    std::optional<Crypto::JwsAlgorithm> algorithm;
    if (m_result.headerDecoded) {
        const QJsonValue alg = m_result.header.value(QStringLiteral("alg"));
        const QString name = alg.toString();
        if (alg.isUndefined()) {
            add(Severity::Error, FC::AlgMissing, path, Tr::tr("The header has no alg."),
                Tr::tr("Sign with PS256 (RSA) or ES256/384/512 (EC) and put it in alg."));
        } else if (!alg.isString()) {
            add(Severity::Error, FC::ClaimWrongType, path,
                Tr::tr("alg is %1; it must be a string such as \"PS256\".").arg(typeName(alg)));
        } else if (name.compare(QStringLiteral("none"), Qt::CaseInsensitive) == 0) {
            add(Severity::Error, FC::AlgNone, path,
                Tr::tr("alg is %1: the token claims to be unsigned, and never verifies.")
                    .arg(shownJson(alg)),
                Tr::tr("Sign the assertion with the private key of the uploaded certificate "
                       "(PS256 or ES256/384/512)."));
        } else if (name.startsWith(QStringLiteral("HS"))) {
            add(Severity::Error, FC::AlgHmac, path,
                Tr::tr("alg is %1, an HMAC with a shared secret. NetSuite's client credentials "
                       "flow verifies a signature against the uploaded certificate.")
                    .arg(shownJson(alg)),
                Tr::tr("Sign with the private key (PS256 or ES256/384/512); the client secret is "
                       "not used in this flow."));
        } else if (const auto known = Crypto::algorithmFromName(name.toLatin1()); known) {
            algorithm = *known;
        } else {
            const auto upper = Crypto::algorithmFromName(name.toUpper().toLatin1());
            add(Severity::Error, FC::AlgUnknown, path,
                Tr::tr("alg is %1, which is not a JWS algorithm this tool or NetSuite knows.")
                    .arg(shownJson(alg)),
                upper ? Tr::tr("Algorithm names are case-sensitive: write %1.")
                            .arg(QString::fromLatin1(Crypto::algorithmName(*upper)))
                      : Tr::tr("Use PS256, PS384, PS512, ES256, ES384 or ES512."));
        }
    }

    // Algorithm rules come from the profile, key rules from the certificate; the header only
    // says what the signer claims (RFC 8725 §3.1).
    if (algorithm) {
        for (const ProfileRuleIssue &issue : NetSuite::checkAlgorithmAndKey(
                 m_context.profile, *algorithm, keyInfo, m_context.allowLegacyRs256)) {
            const Severity severity = issue.blocking ? Severity::Error : Severity::Warning;
            switch (issue.kind) {
            case ProfileRuleIssue::Kind::AlgRs256:
                add(severity, FC::AlgRs256, path, issue.message, issue.hint);
                break;
            case ProfileRuleIssue::Kind::AlgNotAllowed:
                add(severity, FC::AlgNotAllowed, path, issue.message, issue.hint);
                break;
            case ProfileRuleIssue::Kind::AlgKeyMismatch:
                add(severity, FC::KeyAlgMismatch, path, issue.message, issue.hint);
                break;
            case ProfileRuleIssue::Kind::RsaSize:
                add(severity, FC::KeyRsaSize, QStringLiteral("certificate"), issue.message,
                    issue.hint);
                break;
            case ProfileRuleIssue::Kind::KeyUnsupported:
                add(severity, FC::KeyUnsupported, QStringLiteral("certificate"), issue.message,
                    issue.hint);
                break;
            }
        }
    } else if (keyInfo) {
        // No usable alg: still judge the key against the profile's key rules.
        const auto fallback
            = defaultAlgorithmForKey(*keyInfo).value_or(Crypto::JwsAlgorithm::PS256);
        for (const ProfileRuleIssue &issue :
             NetSuite::checkAlgorithmAndKey(m_context.profile, fallback, keyInfo, true)) {
            if (issue.kind == ProfileRuleIssue::Kind::RsaSize) {
                add(Severity::Error, FC::KeyRsaSize, QStringLiteral("certificate"), issue.message,
                    issue.hint);
            } else if (issue.kind == ProfileRuleIssue::Kind::KeyUnsupported) {
                add(Severity::Error, FC::KeyUnsupported, QStringLiteral("certificate"),
                    issue.message, issue.hint);
            }
        }
    }
}

void Inspector::checkCertificate()
{
    if (!m_context.certificate || m_context.certificate->isNull()) {
        return;
    }
    const Crypto::CertificateInfo info = m_context.certificate->info();
    const QString path = QStringLiteral("certificate");
    const QString upload = Tr::tr("Setup > Integration > Manage Authentication > OAuth 2.0 Client "
                                  "Credentials (M2M) Setup");
    if (info.notAfter.isValid() && info.notAfter < m_nowDateTime) {
        add(Severity::Error, FC::CertExpired, path,
            Tr::tr("The certificate expired on %1 (%2 ago); NetSuite no longer accepts "
                   "assertions checked against it.")
                .arg(formatUtc(info.notAfter.toSecsSinceEpoch()),
                     humanDuration(m_now - info.notAfter.toSecsSinceEpoch())),
            Tr::tr("Create a new key and certificate, upload it at %1 as a new mapping, and use "
                   "the new Certificate ID as kid.")
                .arg(upload));
    } else if (info.notBefore.isValid() && info.notBefore > m_nowDateTime) {
        add(Severity::Error, FC::CertNotYetValid, path,
            Tr::tr("The certificate is valid only from %1 (%2 from now).")
                .arg(formatUtc(info.notBefore.toSecsSinceEpoch()),
                     humanDuration(info.notBefore.toSecsSinceEpoch() - m_now)),
            Tr::tr("Check this computer's clock, or create the certificate with a start date of "
                   "today."));
    } else if (info.notAfter.isValid() && info.notAfter <= m_nowDateTime.addDays(60)) {
        // NetSuite mails administrators 2 months, 1 month and 14 days ahead (facts §3).
        add(Severity::Warning, FC::CertExpiringSoon, path,
            Tr::tr("The certificate expires on %1, in %2.")
                .arg(formatUtc(info.notAfter.toSecsSinceEpoch()),
                     humanDuration(info.notAfter.toSecsSinceEpoch() - m_now)),
            Tr::tr("Upload a new certificate at %1 before then (at most 5 may be active per "
                   "integration record) and switch to its Certificate ID.")
                .arg(upload));
    }
    if (info.notBefore.isValid() && info.notAfter.isValid()
        && info.notAfter > info.notBefore.addYears(2)) {
        // Facts §3: "Maximum validity is 2 years. A longer certificate is silently shortened."
        const QDateTime cut = m_nowDateTime.addYears(2);
        add(Severity::Warning, FC::CertValidityTooLong, path,
            Tr::tr("The certificate is valid for %1 (until %2). NetSuite cuts certificates to "
                   "two years from the upload: uploaded today, it stops working on %3, not %4.")
                .arg(humanDuration(info.notAfter.toSecsSinceEpoch()
                                   - info.notBefore.toSecsSinceEpoch()),
                     formatUtc(info.notAfter.toSecsSinceEpoch()),
                     cut.toString(QStringLiteral("yyyy-MM-dd")),
                     info.notAfter.toString(QStringLiteral("yyyy-MM-dd"))),
            Tr::tr("Plan the renewal for the earlier date, or create certificates valid for at "
                   "most 730 days."));
    }
}

void Inspector::checkIssuer()
{
    const QJsonValue iss = m_result.payload.value(QStringLiteral("iss"));
    const QString path = QStringLiteral("payload.iss");
    const QString whereClientId = Tr::tr("The Client ID is shown once when the integration record "
                                         "is saved (Setup > Integration > Manage Integrations); if "
                                         "it was lost, reset the credentials there.");
    if (iss.isUndefined()) {
        add(Severity::Error, FC::IssMissing, path, Tr::tr("The payload has no iss."),
            Tr::tr("Set iss to the integration record's Client ID. %1").arg(whereClientId));
        return;
    }
    if (!iss.isString()) {
        add(Severity::Error, FC::ClaimWrongType, path,
            Tr::tr("iss is %1; it must be a string (the Client ID).").arg(typeName(iss)));
        return;
    }
    const QString value = iss.toString();
    // Shape says something only in two cases: a UUID is how the integration record's
    // Application ID looks, and an account-ID pattern is an account ID (facts §2).
    const bool uuid = isUuid(value);
    const bool account = !uuid && looksLikeAccountId(value);
    if (!m_context.clientId.isEmpty()) {
        if (value == m_context.clientId) {
            return;
        }
        QString hint;
        if (uuid) {
            hint = Tr::tr("The value is a UUID, the shape of the integration record's Application "
                          "ID; iss needs the Client ID. %1")
                       .arg(whereClientId);
        } else if (account) {
            hint = Tr::tr("The value looks like an account ID; iss needs the Client ID. %1")
                       .arg(whereClientId);
        } else if (value.compare(m_context.clientId, Qt::CaseInsensitive) == 0) {
            hint = Tr::tr("They differ only in letter case; compare the copied Client ID.");
        } else {
            hint = Tr::tr("Use the Client ID of the integration record the certificate is mapped "
                          "to. %1")
                       .arg(whereClientId);
        }
        add(Severity::Error, FC::IssMismatch, path,
            Tr::tr("iss is \"%1\", but the environment's Client ID is \"%2\".")
                .arg(shown(value, 80), shown(m_context.clientId, 80)),
            hint);
        return;
    }
    if (uuid) {
        add(Severity::Warning, FC::IssLooksLikeApplicationId, path,
            Tr::tr("iss is a UUID (\"%1\"), the shape of an integration record's Application ID, "
                   "not of a Client ID.")
                .arg(shown(value, 60)),
            Tr::tr("Set iss to the Client ID. %1").arg(whereClientId));
    } else if (account) {
        add(Severity::Warning, FC::IssLooksLikeAccountId, path,
            Tr::tr("iss is \"%1\", which looks like an account ID, not a Client ID.")
                .arg(shown(value, 60)),
            Tr::tr("Set iss to the Client ID. %1").arg(whereClientId));
    }
}

void Inspector::checkRfc7523Claims()
{
    const QJsonObject &p = m_result.payload;
    const QJsonValue sub = p.value(QStringLiteral("sub"));
    const QJsonValue iss = p.value(QStringLiteral("iss"));
    if (sub.isUndefined()) {
        add(Severity::Error, FC::SubMissing, QStringLiteral("payload.sub"),
            Tr::tr("The payload has no sub; RFC 7523 §3 requires it, and for client "
                   "authentication it is the client ID."),
            Tr::tr("Set sub to the same client ID as iss."));
    } else if (!sub.isString()) {
        add(Severity::Error, FC::ClaimWrongType, QStringLiteral("payload.sub"),
            Tr::tr("sub is %1; it must be a string (the client ID).").arg(typeName(sub)));
    } else if (iss.isString() && sub.toString() != iss.toString()) {
        add(Severity::Error, FC::SubMismatch, QStringLiteral("payload.sub"),
            Tr::tr("sub is \"%1\" but iss is \"%2\"; for client authentication both are the "
                   "client ID (RFC 7523 §3, OpenID Connect private_key_jwt).")
                .arg(shown(sub.toString(), 80), shown(iss.toString(), 80)),
            Tr::tr("Set sub and iss to the client ID."));
    }
    const QJsonValue jti = p.value(QStringLiteral("jti"));
    if (jti.isUndefined()) {
        add(Severity::Error, FC::JtiMissing, QStringLiteral("payload.jti"),
            Tr::tr("The payload has no jti; servers following OpenID Connect's private_key_jwt "
                   "rules require one and refuse a reused one."),
            Tr::tr("Add a fresh random jti (a UUID) to every assertion."));
    } else if (!jti.isString()) {
        add(Severity::Error, FC::ClaimWrongType, QStringLiteral("payload.jti"),
            Tr::tr("jti is %1; it must be a string.").arg(typeName(jti)));
    }
}

void Inspector::checkAudience()
{
    const QString path = QStringLiteral("payload.aud");
    const QJsonValue aud = m_result.payload.value(QStringLiteral("aud"));
    const QString expected = expectedAudience();
    std::optional<AccountId> expectedAccount;
    if (m_context.account && !m_context.account->isNull()) {
        expectedAccount = m_context.account;
    }
    if (aud.isUndefined()) {
        add(Severity::Error, FC::AudMissing, path, Tr::tr("The payload has no aud."),
            expected.isEmpty()
                ? Tr::tr("Set aud to the account's token URL, "
                         "https://<account>.suitetalk.api.netsuite.com/services/rest/auth/oauth2/"
                         "v1/token.")
                : Tr::tr("Set aud to exactly %1").arg(shown(expected, 200)));
        return;
    }
    QString candidate;
    if (aud.isArray()) {
        const QJsonArray values = aud.toArray();
        QStringList strings;
        for (const QJsonValue &v : values) {
            if (v.isString()) {
                strings << v.toString();
            }
        }
        if (m_netSuite) {
            add(Severity::Warning, FC::AudArray, path,
                Tr::tr("aud is an array of %n value(s); NetSuite documents a single URL string.",
                       nullptr, int(values.size())),
                Tr::tr("Set aud to the token URL as a plain string."));
        }
        if (!expected.isEmpty() && strings.contains(expected)) {
            return;
        }
        if (strings.isEmpty()) {
            add(Severity::Error, FC::ClaimWrongType, path,
                Tr::tr("aud is an array without strings."), Tr::tr("Set aud to the token URL."));
            return;
        }
        candidate = strings.front();
    } else if (aud.isString()) {
        candidate = aud.toString();
    } else {
        add(Severity::Error, FC::ClaimWrongType, path,
            Tr::tr("aud is %1; it must be a string (the token URL).").arg(typeName(aud)),
            Tr::tr("Set aud to the token URL."));
        return;
    }
    judgeAudience(candidate, expected, expectedAccount, !expected.isEmpty());
}

void Inspector::judgeAudience(const QString &candidate, const QString &expectedIn,
                              const std::optional<AccountId> &expectedAccountIn,
                              bool expectationGiven)
{
    const QString path = QStringLiteral("payload.aud");
    if (expectationGiven && candidate == expectedIn) {
        return;
    }
    const RawUrl actual = splitUrl(candidate);
    const std::optional<AccountId::Host> actualHost = hostOf(actual);

    QString expected = expectedIn;
    std::optional<AccountId> expectedAccount = expectedAccountIn;
    if (!expectationGiven) {
        // No expectation: still check the shape against the account aud itself names.
        if (!actualHost) {
            add(Severity::Info, FC::AudUnchecked, path,
                Tr::tr("aud is \"%1\"; no account or token URL was given to compare it with.")
                    .arg(shown(candidate, 200)),
                Tr::tr("Pass --account or --token-url to check aud."));
            return;
        }
        expected = tokenUrl(actualHost->account).toString(QUrl::FullyEncoded);
        expectedAccount.reset();
        if (candidate != expected) {
            // fall through to the specific checks below
        } else {
            add(Severity::Info, FC::AudUnchecked, path,
                Tr::tr("aud is the well-formed token URL of account %1; no expected account was "
                       "given to compare it with.")
                    .arg(actualHost->account.canonical()),
                Tr::tr("Pass --account or --token-url to check it is the right account."));
            return;
        }
    }

    const RawUrl want = splitUrl(expected);
    const std::optional<AccountId::Host> wantHost = hostOf(want);
    if (!expectedAccount && wantHost) {
        expectedAccount = wantHost->account;
    }
    const QString expectedShown = shown(expected, 200);
    const QString fix = Tr::tr("Set aud to exactly %1").arg(expectedShown);
    bool reasonFound = false;

    if (!actual.ok) {
        add(Severity::Error, FC::AudMismatch, path,
            Tr::tr("aud is \"%1\", which is not a URL; the expected value is %2.")
                .arg(shown(candidate, 200), expectedShown),
            fix);
        return;
    }

    // Rebuild what aud would be once every reason found below is fixed; if that still differs
    // from the expected value, a generic aud.mismatch covers the rest.
    QString fixedScheme = actual.scheme;
    QString fixedHost = actual.host;
    QString fixedPath = actual.path;
    QString fixedRest = actual.rest;
    QString fixedPort = actual.port;

    if (actual.scheme.compare(QStringLiteral("http"), Qt::CaseInsensitive) == 0
        && want.scheme == QStringLiteral("https")) {
        add(Severity::Error, FC::AudHttpScheme, path,
            Tr::tr("aud starts with http:, but the token URL is https:."), fix);
        fixedScheme = want.scheme;
        reasonFound = true;
    }

    if (wantHost) {
        if (!actualHost) {
            const bool netSuiteDomain
                = actual.host.toLower().endsWith(QStringLiteral(".netsuite.com"));
            add(Severity::Error, netSuiteDomain ? FC::AudMismatch : FC::AudNotNetSuiteHost, path,
                netSuiteDomain
                    ? Tr::tr("aud's host \"%1\" names no account; the token URL's host is %2.")
                          .arg(shown(actual.host, 100), want.host)
                    : Tr::tr(
                          "aud's host \"%1\" is not a NetSuite host; the token URL's host is %2.")
                          .arg(shown(actual.host, 100), want.host),
                fix);
            fixedHost = want.host;
            reasonFound = true;
        } else {
            QString label = actualHost->label;
            QString service = actualHost->service;
            const AccountId &a = actualHost->account;
            // Trap #2 (facts §7): the label must be the lower-case, hyphenated form.
            if (actualHost->label != a.hostLabel()) {
                add(Severity::Error, FC::AudAccountLabelForm, path,
                    Tr::tr("aud's host uses the account label \"%1\"; NetSuite hosts use the lower "
                           "case, hyphenated form \"%2\". DNS ignores the difference, an exact "
                           "aud comparison does not.")
                        .arg(shown(actualHost->label, 40), a.hostLabel()),
                    fix);
                label = a.hostLabel();
                reasonFound = true;
            }
            if (expectedAccount && a != *expectedAccount) {
                const AccountId &e = *expectedAccount;
                if (a.baseId() == e.baseId() && a.suffix().isEmpty() && !e.suffix().isEmpty()) {
                    add(Severity::Error, FC::AudSandboxSuffixMissing, path,
                        Tr::tr("aud names account %1, but the environment is %2 (%3): the "
                               "\"-%4\" suffix is missing from the host.")
                            .arg(a.canonical(), e.canonical(), e.kind().displayName(),
                                 e.suffix().toLower()),
                        fix);
                } else if (a.baseId() == e.baseId()) {
                    add(Severity::Error, FC::AudSandboxSuffixWrong, path,
                        Tr::tr("aud names account %1, but the environment is %2: the suffix "
                               "differs.")
                            .arg(a.canonical(), e.canonical()),
                        fix);
                } else {
                    add(Severity::Error, FC::AudOtherAccount, path,
                        Tr::tr("aud names account %1, but the environment is account %2.")
                            .arg(a.canonical(), e.canonical()),
                        fix);
                }
                label = wantHost->label;
                reasonFound = true;
            }
            if (service != wantHost->service) {
                if (service == QStringLiteral("connect.api")) {
                    // Facts §10 item 5: Oracle's own Connect sample uses this host as aud;
                    // NetSuite's judgement is undocumented, so it is a warning.
                    add(Severity::Warning, FC::AudConnectHost, path,
                        Tr::tr("aud uses the connect.api host. Oracle's SuiteAnalytics Connect "
                               "sample does this, but whether NetSuite accepts it is not "
                               "documented; the documented value is the suitetalk.api token URL."),
                        fix);
                } else {
                    add(Severity::Error, FC::AudWrongServiceHost, path,
                        Tr::tr("aud uses the %1 host; the token endpoint is on the %2 host.")
                            .arg(shown(service, 40), wantHost->service),
                        fix);
                }
                service = wantHost->service;
                reasonFound = true;
            }
            fixedHost = label + QLatin1Char('.') + service + QStringLiteral(".netsuite.com");
        }
    }

    const bool extraParts = !actual.rest.isEmpty() && want.rest.isEmpty();
    if (actual.path == want.path + QLatin1Char('/')) {
        add(Severity::Error, FC::AudTrailingSlash, path,
            Tr::tr("aud ends in a slash; the token URL does not."), fix);
        fixedPath = want.path;
        reasonFound = true;
    } else if (actual.path != want.path || extraParts) {
        add(Severity::Error, FC::AudWrongPath, path,
            extraParts && actual.path == want.path
                ? Tr::tr("aud has a query or fragment (\"%1\") the token URL does not have.")
                      .arg(shown(actual.rest, 80))
                : Tr::tr("aud's path is \"%1\"; the token endpoint's path is %2.")
                      .arg(shown(actual.path, 120), want.path),
            fix);
        fixedPath = want.path;
        fixedRest = want.rest;
        reasonFound = true;
    }

    const QString rebuilt
        = fixedScheme + QStringLiteral("://") + fixedHost + fixedPort + fixedPath + fixedRest;
    if (!reasonFound || rebuilt != expected) {
        add(Severity::Error, FC::AudMismatch, path,
            Tr::tr("aud is \"%1\", but the expected value is %2.")
                .arg(shown(candidate, 200), expectedShown),
            expectationGiven ? fix
                             : Tr::tr("%1 (aud's own account, in NetSuite's URL form)").arg(fix));
    }
    if (!expectationGiven) {
        add(Severity::Info, FC::AudUnchecked, path,
            Tr::tr("No expected account or token URL was given; aud was checked against the "
                   "token URL of the account it names (%1).")
                .arg(actualHost ? actualHost->account.canonical() : QString()),
            Tr::tr("Pass --account or --token-url to check it is the right account."));
    }
}

void Inspector::checkScope()
{
    const QString path = QStringLiteral("payload.scope");
    const QJsonValue scope = m_result.payload.value(QStringLiteral("scope"));
    const QString example = Tr::tr("Set scope to [\"rest_webservices\"] (or restlets, "
                                   "suite_analytics; several in one array).");
    if (scope.isUndefined()) {
        add(Severity::Error, FC::ScopeMissing, path, Tr::tr("The payload has no scope."), example);
        return;
    }
    QStringList values;
    if (scope.isArray()) {
        for (const QJsonValue &v : scope.toArray()) {
            if (!v.isString()) {
                add(Severity::Error, FC::ClaimWrongType, path,
                    Tr::tr("scope holds %1; every item must be a string.").arg(typeName(v)),
                    example);
                return;
            }
            values << v.toString();
        }
    } else if (scope.isString()) {
        const QString text = scope.toString();
        if (!text.contains(QLatin1Char(',')) && text.trimmed().contains(QLatin1Char(' '))) {
            // Facts §2, §10 item 3: NetSuite documents a comma-separated string or an array;
            // space-separated is the auth-code (RFC 6749) form.
            add(Severity::Error, FC::ScopeSpaceSeparated, path,
                Tr::tr("scope is the space-separated string %1; NetSuite documents a comma-"
                       "separated string or a JSON array.")
                    .arg(shownJson(scope)),
                Tr::tr("Write [\"rest_webservices\", \"restlets\"] or "
                       "\"rest_webservices,restlets\"."));
            return;
        }
        for (const QString &part : text.split(QLatin1Char(','))) {
            if (!part.trimmed().isEmpty()) {
                values << part.trimmed();
            }
        }
    } else {
        add(Severity::Error, FC::ClaimWrongType, path,
            Tr::tr("scope is %1; it must be an array of strings or a comma-separated string.")
                .arg(typeName(scope)),
            example);
        return;
    }
    if (values.isEmpty()) {
        add(Severity::Error, FC::ScopeEmpty, path, Tr::tr("scope has no values."), example);
        return;
    }
    const QStringList known = netSuiteScopes();
    for (const QString &value : std::as_const(values)) {
        if (known.contains(value) || value == Scope::Mcp) {
            continue;
        }
        QString hint;
        const QString lower = value.toLower();
        if (known.contains(lower)) {
            hint = Tr::tr("Scope values are lower case: %1.").arg(lower);
        } else if (lower == QStringLiteral("suiteanalytics")) {
            hint = Tr::tr("Oracle's Connect sample writes 'SuiteAnalytics'; the documented value "
                          "is suite_analytics.");
        } else {
            hint = Tr::tr("NetSuite's values are rest_webservices, restlets and suite_analytics.");
        }
        add(Severity::Error, FC::ScopeUnknownValue, path,
            Tr::tr("\"%1\" is not a NetSuite scope.").arg(shown(value, 60)), hint);
    }
    if (values.contains(QString(Scope::Mcp))) {
        if (values.size() > 1) {
            add(Severity::Error, FC::ScopeMcpCombined, path,
                Tr::tr("scope combines mcp with other values; NetSuite does not allow mcp "
                       "together with other scopes."),
                Tr::tr("Request mcp alone, or drop it."));
        } else {
            add(Severity::Warning, FC::ScopeMcp, path,
                Tr::tr("scope is mcp (NetSuite AI Connector), which Oracle documents for the "
                       "authorization-code flow."),
                Tr::tr("If the exchange is refused, use rest_webservices for client credentials."));
        }
    }
}

void Inspector::checkTimes()
{
    const QJsonObject &p = m_result.payload;
    // A caller's allowance is clamped too (0 s to one year), for the same overflow reason.
    const qint64 skew = std::clamp<qint64>(m_context.clockSkewSeconds, 0, 365 * 86400);
    const NumericDate exp = readNumericDate(p, QStringLiteral("exp"), m_payloadLargeNumbers);
    const NumericDate iat = readNumericDate(p, QStringLiteral("iat"), m_payloadLargeNumbers);
    const NumericDate nbf = readNumericDate(p, QStringLiteral("nbf"), m_payloadLargeNumbers);
    const QString numericHint = Tr::tr("NumericDates are JSON numbers of seconds since 1970 "
                                       "(RFC 7519 §2), for example 1767225600, not strings.");

    auto notNumber = [&](QLatin1String code, const QString &name) {
        add(Severity::Error, code, QStringLiteral("payload.") + name,
            Tr::tr("%1 is %2 (%3), not a number.")
                .arg(name, typeName(p.value(name)), shownJson(p.value(name), 40)),
            numericHint);
    };

    if (!exp.present) {
        add(Severity::Error, FC::ExpMissing, QStringLiteral("payload.exp"),
            Tr::tr("The payload has no exp."),
            Tr::tr("Set exp to iat plus the lifetime (300 s is a good default, at most 3600)."));
    } else if (!exp.isNumber) {
        notNumber(FC::ExpNotNumber, QStringLiteral("exp"));
    }
    if (!iat.present) {
        if (m_netSuite) {
            add(Severity::Error, FC::IatMissing, QStringLiteral("payload.iat"),
                Tr::tr("The payload has no iat; NetSuite requires it."),
                Tr::tr("Set iat to the current time in seconds since 1970."));
        }
    } else if (!iat.isNumber) {
        notNumber(FC::IatNotNumber, QStringLiteral("iat"));
    }
    if (nbf.present && !nbf.isNumber) {
        notNumber(FC::NbfNotNumber, QStringLiteral("nbf"));
    }

    bool lifetimeTooLong = false;
    bool iatInFuture = false;
    if (iat.isNumber && iat.seconds > m_now + skew) {
        iatInFuture = true;
        const qint64 ahead = iat.seconds - m_now;
        add(Severity::Error, FC::IatInFuture, QStringLiteral("payload.iat"),
            iat.beyondRange
                ? Tr::tr("iat is %1, far beyond any real date.")
                      .arg(shownJson(p.value(QStringLiteral("iat")), 40))
                : Tr::tr("iat is %1 in the future (%2): the clock that minted this assertion runs "
                         "about %1 ahead of this one.")
                      .arg(humanDuration(ahead), formatUtc(iat.seconds)),
            Tr::tr("Synchronise the clocks (NTP). NetSuite judges iat with its own clock and "
                   "refuses assertions from the future."));
    }
    if (exp.isNumber && iat.isNumber && !exp.beyondRange && !iat.beyondRange) {
        const qint64 lifetime = exp.seconds - iat.seconds;
        if (lifetime <= 0) {
            add(Severity::Error, FC::LifetimeNotPositive, QStringLiteral("payload.exp"),
                Tr::tr("exp (%1) is not after iat (%2).")
                    .arg(formatUtc(exp.seconds), formatUtc(iat.seconds)),
                Tr::tr("Set exp to iat plus the lifetime, for example iat + 300."));
        } else if (lifetime > maxAssertionLifetimeSeconds) {
            lifetimeTooLong = true;
            add(m_netSuite ? Severity::Error : Severity::Warning, FC::LifetimeTooLong,
                QStringLiteral("payload.exp"),
                Tr::tr("exp - iat is %1 s (%2); NetSuite requires it to be under 60 minutes.")
                    .arg(lifetime)
                    .arg(humanDuration(lifetime)),
                Tr::tr("Use a short lifetime: 300 s is plenty for one token request."));
        } else if (lifetime == maxAssertionLifetimeSeconds && m_netSuite) {
            add(Severity::Info, FC::LifetimeAtLimit, QStringLiteral("payload.exp"),
                Tr::tr("exp - iat is exactly 3600 s. Oracle's text says \"less than 60 minutes\", "
                       "its own sample uses exactly 3600."),
                Tr::tr("A shorter lifetime (300 s) avoids the question."));
        }
    }
    if (exp.isNumber) {
        if (exp.seconds <= m_now) {
            add(Severity::Error, FC::ExpExpired, QStringLiteral("payload.exp"),
                Tr::tr("The token expired %1 ago (exp %2).")
                    .arg(humanDuration(m_now - exp.seconds), formatUtc(exp.seconds)),
                Tr::tr("Mint a new assertion right before each token request; assertions are "
                       "meant to live minutes."));
        } else if (exp.beyondRange
                   || (exp.seconds > m_now + maxAssertionLifetimeSeconds + skew && !lifetimeTooLong
                       && !iatInFuture)) {
            add(m_netSuite ? Severity::Error : Severity::Warning, FC::ExpFarFuture,
                QStringLiteral("payload.exp"),
                exp.beyondRange
                    ? Tr::tr("exp is %1, beyond any real date.")
                          .arg(shownJson(p.value(QStringLiteral("exp")), 40))
                    : Tr::tr("exp is %1 from now (%2); an assertion lives at most an hour.")
                          .arg(humanDuration(exp.seconds - m_now), formatUtc(exp.seconds)),
                Tr::tr("Set exp to the current time plus a few minutes, and check the minting "
                       "computer's clock."));
        }
    }
    if (nbf.isNumber && nbf.seconds > m_now + skew) {
        add(Severity::Error, FC::NbfInFuture, QStringLiteral("payload.nbf"),
            Tr::tr("nbf is %1 in the future (%2): the token is not valid yet.")
                .arg(humanDuration(nbf.seconds - m_now), formatUtc(nbf.seconds)),
            Tr::tr("Drop nbf (NetSuite does not list it) or set it to iat, and check the clocks."));
    }
}

void Inspector::checkSignature(const QByteArray &compact)
{
    const QString path = QStringLiteral("signature");
    const std::optional<Crypto::PublicKey> key = verificationKey();
    if (!key) {
        m_result.signatureStatus = SignatureStatus::Unchecked;
        add(Severity::Info, FC::SignatureUnchecked, path,
            Tr::tr("The signature was not checked: no certificate was given."),
            Tr::tr("Pass the certificate uploaded to NetSuite (--cert) to verify it."));
        return;
    }
    const auto decoded = Jwt::decode(compact);
    if (!decoded) {
        m_result.signatureStatus = SignatureStatus::Unchecked;
        add(Severity::Info, FC::SignatureUnchecked, path,
            Tr::tr("The signature was not checked: the token does not decode strictly (%1).")
                .arg(shown(decoded.error().message, 160)),
            Tr::tr("Fix the encoding problems first."));
        return;
    }
    // The algorithm is bound to the key (RFC 8725 §3.1): verify() refuses none, HS* and any
    // alg outside the certificate key's family.
    const auto verified = Jwt::verify(*decoded, *key);
    if (verified) {
        m_result.signatureStatus = SignatureStatus::Verified;
        add(Severity::Info, FC::SignatureVerified, path,
            Tr::tr("The signature verifies with the given certificate (%1).")
                .arg(QString::fromLatin1(Crypto::algorithmName(*verified))));
        return;
    }
    m_result.signatureStatus = SignatureStatus::Invalid;
    QString hint;
    switch (verified.error().code) {
    case Jwt::JwtError::Code::SignatureInvalid:
        hint = Tr::tr("The assertion was signed with another key, or changed after signing. Sign "
                      "with the private key of this certificate; NetSuite records "
                      "InvalidSignature in the Login Audit Trail.");
        break;
    case Jwt::JwtError::Code::BadSignatureEncoding:
        hint = Tr::tr("ES256/384/512 signatures are raw R||S of 64/96/132 bytes (RFC 7518 §3.4), "
                      "not DER; use a JWT library to sign.");
        break;
    case Jwt::JwtError::Code::AlgKeyMismatch:
        hint = Tr::tr("The certificate's key cannot make this algorithm's signatures; use the "
                      "algorithm that fits the key.");
        break;
    default:
        hint = Tr::tr("Sign with PS256 or ES256/384/512 using the private key of this "
                      "certificate.");
        break;
    }
    add(Severity::Error, FC::SignatureInvalid, path,
        Tr::tr("The signature does not verify with the given certificate: %1")
            .arg(shown(verified.error().message, 200)),
        hint);
}

} // namespace

QString signatureStatusName(SignatureStatus status)
{
    switch (status) {
    case SignatureStatus::Verified:
        return QStringLiteral("verified");
    case SignatureStatus::Invalid:
        return QStringLiteral("invalid");
    case SignatureStatus::Unchecked:
        return QStringLiteral("unchecked");
    }
    return {};
}

InspectionContext InspectionContext::forTarget(const Target &target)
{
    InspectionContext context;
    context.account = target.account();
    if (target.isCustom()) {
        context.tokenUrl = target.tokenUrlString();
    }
    return context;
}

Inspection inspect(QByteArrayView token, const InspectionContext &context, const Core::Clock &clock)
{
    Inspector inspector(context, clock);
    return inspector.run(token);
}

bool Inspection::hasErrors() const
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [](const Finding &f) { return f.severity == Severity::Error; });
}

const Finding *Inspection::find(const QString &code) const
{
    for (const Finding &f : findings) {
        if (f.code == code) {
            return &f;
        }
    }
    return nullptr;
}

QList<Finding> Inspection::errors() const
{
    QList<Finding> out;
    for (const Finding &f : findings) {
        if (f.severity == Severity::Error) {
            out << f;
        }
    }
    return out;
}

QJsonObject Inspection::toJson() const
{
    QJsonArray list;
    for (const Finding &f : findings) {
        list.append(f.toJson());
    }
    return QJsonObject{
        {QStringLiteral("header"), header},
        {QStringLiteral("payload"), payload},
        {QStringLiteral("findings"), list},
        {QStringLiteral("signature_status"), signatureStatusName(signatureStatus)},
    };
}

QString Inspection::toText() const
{
    QString out;
    auto section = [&out](const QString &title, const QJsonObject &object, bool decoded,
                          qint64 now) {
        out += title + QLatin1Char('\n');
        if (!decoded) {
            out += QStringLiteral("  ") + Tr::tr("(could not be decoded)") + QLatin1Char('\n');
            return;
        }
        qsizetype width = 0;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            width = std::max(width, std::min<qsizetype>(escapeForDisplay(it.key(), 30).size(), 30));
        }
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            QString line = QStringLiteral("  ")
                           + escapeForDisplay(it.key(), 30).leftJustified(width)
                           + QStringLiteral("  ") + shownJson(it.value(), 200);
            const bool timeClaim
                = it.key() == QStringLiteral("exp") || it.key() == QStringLiteral("iat")
                  || it.key() == QStringLiteral("nbf") || it.key() == QStringLiteral("auth_time");
            if (timeClaim && it.value().isDouble()) {
                const double d = it.value().toDouble();
                if (std::fabs(d) < double(maxReadableDate)) {
                    const qint64 s = qint64(std::floor(d));
                    line += QStringLiteral("  (") + formatUtc(s) + QStringLiteral(", ")
                            + relativeTime(s - now) + QLatin1Char(')');
                }
            }
            out += line + QLatin1Char('\n');
        }
    };

    if (isNetSuiteAccessToken) {
        out += Tr::tr("NetSuite access token") + QLatin1Char('\n');
    }
    section(Tr::tr("Header"), header, headerDecoded, inspectedAt);
    section(Tr::tr("Payload"), payload, payloadDecoded, inspectedAt);
    QString signature;
    switch (signatureStatus) {
    case SignatureStatus::Verified:
        signature = Tr::tr("verified with the given certificate");
        break;
    case SignatureStatus::Invalid:
        signature = Tr::tr("INVALID");
        break;
    case SignatureStatus::Unchecked:
        signature = Tr::tr("not checked");
        break;
    }
    out += Tr::tr("Signature: %1").arg(signature) + QLatin1Char('\n');

    int counts[3] = {0, 0, 0};
    for (const Finding &f : findings) {
        ++counts[int(f.severity)];
    }
    out += Tr::tr("Findings: %1 error(s), %2 warning(s), %3 info")
               .arg(counts[0])
               .arg(counts[1])
               .arg(counts[2])
           + QLatin1Char('\n');
    for (const Finding &f : findings) {
        out += QStringLiteral("  ") + severityName(f.severity).toUpper().leftJustified(8) + f.code
               + QStringLiteral("  [") + f.path + QStringLiteral("]\n");
        out += QStringLiteral("          ") + f.message + QLatin1Char('\n');
        if (!f.hint.isEmpty()) {
            out += QStringLiteral("          → ") + f.hint + QLatin1Char('\n');
        }
    }
    return out;
}

} // namespace Sb::NetSuite
