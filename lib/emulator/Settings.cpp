// SPDX-License-Identifier: MIT
#include "emulator/Settings.h"

#include "netsuite/AccountId.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QUrl>

namespace Sb::Emulator {

namespace {

struct RejectionRow
{
    TokenRejection reason;
    const char *key;
    const char *detail;
    bool oracle;
    int status;
    const char *error;
};

// Detail codes: Oracle's list (facts §4) where one fits; otherwise the emulator's own name.
// Responses: NetSuite documents no mapping (facts §10 item 2); this is the default table.
constexpr RejectionRow kRows[] = {
    {TokenRejection::MalformedRequest, "malformed_request", "InvalidRequest", false, 400,
     "invalid_request"},
    {TokenRejection::UnknownIntegration, "unknown_integration", "UnknownIntegration", true, 401,
     "invalid_client"},
    {TokenRejection::IntegrationDisabled, "integration_disabled", "InvalidIntegration", true, 401,
     "invalid_client"},
    {TokenRejection::UnknownCertificate, "unknown_certificate", "ClientAuthenticationFailed", true,
     401, "invalid_client"},
    {TokenRejection::CertificateRevoked, "certificate_revoked", "ClientAuthenticationFailed", true,
     401, "invalid_client"},
    {TokenRejection::CertificateExpired, "certificate_expired", "ClientAuthenticationFailed", true,
     401, "invalid_client"},
    {TokenRejection::BadSignature, "bad_signature", "InvalidSignature", true, 401,
     "invalid_client"},
    {TokenRejection::AlgRs256, "alg_rs256", "InvalidAlgorithm", false, 401, "invalid_client"},
    {TokenRejection::AlgUnsupported, "alg_unsupported", "InvalidAlgorithm", false, 401,
     "invalid_client"},
    {TokenRejection::BadTyp, "typ", "InvalidTokenType", false, 400, "invalid_grant"},
    {TokenRejection::BadAudience, "aud", "InvalidAudience", false, 400, "invalid_grant"},
    {TokenRejection::LifetimeTooLong, "lifetime", "InvalidTokenLifetime", false, 400,
     "invalid_grant"},
    {TokenRejection::AssertionExpired, "expired", "AssertionExpired", false, 400, "invalid_grant"},
    {TokenRejection::IssuedInFuture, "iat_future", "InvalidIssuedAt", false, 400, "invalid_grant"},
    {TokenRejection::MissingClaim, "missing_claim", "MissingClaim", false, 400, "invalid_grant"},
    {TokenRejection::BadScope, "scope", "InvalidScope", true, 400, "invalid_grant"},
    {TokenRejection::EntityOrRoleDisabled, "entity_or_role_disabled", "EntityOrRoleDisabled", true,
     400, "invalid_grant"},
};

const RejectionRow &row(TokenRejection reason)
{
    for (const auto &r : kRows) {
        if (r.reason == reason) {
            return r;
        }
    }
    return kRows[0];
}

EmulatorError invalid(const QString &message)
{
    return EmulatorError{EmulatorError::Code::InvalidSetting, message};
}

template<typename E>
struct EnumName
{
    E value;
    const char *name;
};

constexpr EnumName<AudienceMode> kAudienceModes[] = {{AudienceMode::Account, "account"},
                                                     {AudienceMode::Own, "own"},
                                                     {AudienceMode::Custom, "custom"}};
constexpr EnumName<DenialStyle> kDenials[]
    = {{DenialStyle::Forbidden403, "403"}, {DenialStyle::UserError400, "400"}};
constexpr EnumName<ConcurrencyOver> kOvers[] = {{ConcurrencyOver::TooManyRequests429, "429"},
                                                {ConcurrencyOver::InvalidLogin401, "401"},
                                                {ConcurrencyOver::RestletStyle400, "400"}};

template<typename E, size_t N>
QString enumName(const EnumName<E> (&table)[N], E value)
{
    for (const auto &e : table) {
        if (e.value == value) {
            return QString::fromLatin1(e.name);
        }
    }
    return {};
}

template<typename E, size_t N>
bool enumFromName(const EnumName<E> (&table)[N], const QString &name, E *out)
{
    for (const auto &e : table) {
        if (name.compare(QLatin1String(e.name), Qt::CaseInsensitive) == 0) {
            *out = e.value;
            return true;
        }
    }
    return false;
}

QString jsonText(const QJsonValue &v)
{
    if (v.isString()) {
        return v.toString();
    }
    if (v.isDouble()) {
        return QString::number(v.toInteger());
    }
    return {};
}

} // namespace

QList<TokenRejection> allTokenRejections()
{
    QList<TokenRejection> out;
    for (const auto &r : kRows) {
        out.append(r.reason);
    }
    return out;
}

QString rejectionKey(TokenRejection reason)
{
    return QString::fromLatin1(row(reason).key);
}

QString detailCode(TokenRejection reason)
{
    return QString::fromLatin1(row(reason).detail);
}

bool isOracleDetailCode(TokenRejection reason)
{
    return row(reason).oracle;
}

QMap<TokenRejection, TokenErrorResponse> Settings::defaultTokenErrors()
{
    QMap<TokenRejection, TokenErrorResponse> map;
    for (const auto &r : kRows) {
        map.insert(r.reason, TokenErrorResponse{r.status, QString::fromLatin1(r.error)});
    }
    return map;
}

Result<TokenErrorResponse> parseTokenErrorResponse(const QString &text)
{
    const QStringList parts = text.simplified().split(QLatin1Char(' '));
    bool ok = false;
    const int status = parts.value(0).toInt(&ok);
    if (parts.size() != 2 || !ok || status < 400 || status > 599 || parts[1].isEmpty()) {
        return tl::unexpected(
            invalid(QStringLiteral("a token error row is \"<status 400-599> <error>\", e.g. "
                                   "\"401 invalid_client\"; got \"%1\"")
                        .arg(text)));
    }
    for (const QChar c : parts[1]) {
        if (!(c.isLower() || c == QLatin1Char('_'))) {
            return tl::unexpected(
                invalid(QStringLiteral("an OAuth error value is lower-case letters and '_': \"%1\"")
                            .arg(parts[1])));
        }
    }
    return TokenErrorResponse{status, parts[1]};
}

Result<void> Settings::applyJson(const QJsonObject &o)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString k = it.key();
        const QJsonValue v = it.value();
        auto needBool = [&](bool *out) -> Result<void> {
            if (!v.isBool()) {
                return tl::unexpected(invalid(QStringLiteral("%1 must be true or false").arg(k)));
            }
            *out = v.toBool();
            return {};
        };
        auto needInt = [&](int *out, int lo, int hi) -> Result<void> {
            if (!v.isDouble() || v.toDouble() != double(v.toInteger()) || v.toInteger() < lo
                || v.toInteger() > hi) {
                return tl::unexpected(
                    invalid(QStringLiteral("%1 must be a whole number from %2 to %3")
                                .arg(k)
                                .arg(lo)
                                .arg(hi)));
            }
            *out = int(v.toInteger());
            return {};
        };
        auto needString = [&](QString *out) -> Result<void> {
            if (!v.isString()) {
                return tl::unexpected(invalid(QStringLiteral("%1 must be a string").arg(k)));
            }
            *out = v.toString();
            return {};
        };
        Result<void> r;
        if (k == QLatin1String("host")) {
            r = needString(&host);
        } else if (k == QLatin1String("port")) {
            int p = 0;
            r = needInt(&p, 0, 65535);
            port = quint16(p);
        } else if (k == QLatin1String("tls")) {
            r = needBool(&tls);
        } else if (k == QLatin1String("account")) {
            r = needString(&account);
        } else if (k == QLatin1String("aud")) {
            const QString s = v.toString();
            if (!enumFromName(kAudienceModes, s, &audienceMode)
                || audienceMode == AudienceMode::Custom) {
                audienceMode = AudienceMode::Custom;
                customAudience = s;
            }
        } else if (k == QLatin1String("audienceCaseInsensitive")) {
            r = needBool(&audienceCaseInsensitive);
        } else if (k == QLatin1String("allowRs256")) {
            r = needBool(&allowRs256);
        } else if (k == QLatin1String("errorDescription")) {
            r = needBool(&errorDescription);
        } else if (k == QLatin1String("clockSkewSeconds")) {
            r = needInt(&clockSkewSeconds, 0, 3600);
        } else if (k == QLatin1String("maxAssertionLifetimeSeconds")) {
            r = needInt(&maxAssertionLifetimeSeconds, 1, 86400);
        } else if (k == QLatin1String("accessTokenLifetimeSeconds")) {
            r = needInt(&accessTokenLifetimeSeconds, 1, 86400);
        } else if (k == QLatin1String("expiresInAsString")) {
            r = needBool(&expiresInAsString);
        } else if (k == QLatin1String("tokenType")) {
            r = needString(&tokenType);
        } else if (k == QLatin1String("revokeTokensWithCertificate")) {
            r = needBool(&revokeTokensWithCertificate);
        } else if (k == QLatin1String("tokenErrors")) {
            if (!v.isObject()) {
                return tl::unexpected(invalid(QStringLiteral("tokenErrors must be an object")));
            }
            const QJsonObject rows = v.toObject();
            for (auto rit = rows.begin(); rit != rows.end(); ++rit) {
                bool found = false;
                for (const auto &rr : kRows) {
                    if (rit.key() == QLatin1String(rr.key)) {
                        auto parsed = parseTokenErrorResponse(rit.value().toString());
                        if (!parsed) {
                            return tl::unexpected(parsed.error());
                        }
                        tokenErrors[rr.reason] = *parsed;
                        found = true;
                    }
                }
                if (!found) {
                    return tl::unexpected(
                        invalid(QStringLiteral("unknown token error row \"%1\"").arg(rit.key())));
                }
            }
        } else if (k == QLatin1String("restPermissionDenial")) {
            if (!enumFromName(kDenials, jsonText(v), &restPermissionDenial)) {
                return tl::unexpected(invalid(QStringLiteral("%1 is 403 or 400").arg(k)));
            }
        } else if (k == QLatin1String("workbookDenial")) {
            if (!enumFromName(kDenials, jsonText(v), &workbookDenial)) {
                return tl::unexpected(invalid(QStringLiteral("%1 is 403 or 400").arg(k)));
            }
        } else if (k == QLatin1String("idempotencyOnSync")) {
            r = needBool(&idempotencyOnSync);
        } else if (k == QLatin1String("idempotencyDuplicateStatus")) {
            r = needInt(&idempotencyDuplicateStatus, 400, 499);
        } else if (k == QLatin1String("concurrencyLimit")) {
            r = needInt(&concurrencyLimit, 1, 100000);
        } else if (k == QLatin1String("concurrencyOver")) {
            if (!enumFromName(kOvers, jsonText(v), &concurrencyOver)) {
                return tl::unexpected(invalid(QStringLiteral("%1 is 429, 401 or 400").arg(k)));
            }
        } else if (k == QLatin1String("concurrencyRetryAfter")) {
            r = needInt(&concurrencyRetryAfter, -1, 86400);
        } else if (k == QLatin1String("suiteQlRequireTransient")) {
            r = needBool(&suiteQlRequireTransient);
        } else if (k == QLatin1String("suiteQlValuesAsStrings")) {
            r = needBool(&suiteQlValuesAsStrings);
        } else if (k == QLatin1String("suiteQlTimeoutMs")) {
            r = needInt(&suiteQlTimeoutMs, 1, 900000);
        } else if (k == QLatin1String("suiteQlMaxResults")) {
            r = needInt(&suiteQlMaxResults, 1, 10000000);
        } else if (k == QLatin1String("asyncJobDelayMs")) {
            r = needInt(&asyncJobDelayMs, 0, 3600000);
        } else if (k == QLatin1String("maxActiveCertificates")) {
            r = needInt(&maxActiveCertificates, 1, 1000);
        } else if (k == QLatin1String("maxCertificateValidityDays")) {
            r = needInt(&maxCertificateValidityDays, 1, 36500);
        } else if (k == QLatin1String("seedDemoData")) {
            r = needBool(&seedDemoData);
        } else if (k == QLatin1String("demoIntegration")) {
            r = needBool(&demoIntegration);
        } else if (k == QLatin1String("demoScale")) {
            if (!v.isDouble() || v.toDouble() <= 0 || v.toDouble() > 1000) {
                return tl::unexpected(
                    invalid(QStringLiteral("demoScale is a number in (0, 1000]")));
            }
            demoScale = v.toDouble();
        } else if (k == QLatin1String("seed")) {
            if (!v.isDouble() || v.toInteger() < 0) {
                return tl::unexpected(invalid(QStringLiteral("seed is a whole number >= 0")));
            }
            seed = quint64(v.toInteger());
        } else if (k == QLatin1String("stateDir")) {
            r = needString(&stateDir);
        } else if (k == QLatin1String("faults")) {
            if (!v.isArray()) {
                return tl::unexpected(invalid(QStringLiteral("faults is an array of specs")));
            }
            for (const auto &f : v.toArray()) {
                faults.append(f.toString());
            }
        } else {
            return tl::unexpected(invalid(QStringLiteral("unknown setting \"%1\"").arg(k)));
        }
        if (!r) {
            return r;
        }
    }
    return {};
}

QJsonObject Settings::toJson() const
{
    QJsonObject rows;
    for (auto it = tokenErrors.begin(); it != tokenErrors.end(); ++it) {
        rows.insert(rejectionKey(it.key()),
                    QStringLiteral("%1 %2").arg(it.value().status).arg(it.value().error));
    }
    QJsonObject o{
        {QStringLiteral("host"), host},
        {QStringLiteral("port"), int(port)},
        {QStringLiteral("tls"), tls},
        {QStringLiteral("account"), account},
        {QStringLiteral("aud"), audienceMode == AudienceMode::Custom
                                    ? customAudience
                                    : enumName(kAudienceModes, audienceMode)},
        {QStringLiteral("audienceCaseInsensitive"), audienceCaseInsensitive},
        {QStringLiteral("allowRs256"), allowRs256},
        {QStringLiteral("errorDescription"), errorDescription},
        {QStringLiteral("clockSkewSeconds"), clockSkewSeconds},
        {QStringLiteral("maxAssertionLifetimeSeconds"), maxAssertionLifetimeSeconds},
        {QStringLiteral("accessTokenLifetimeSeconds"), accessTokenLifetimeSeconds},
        {QStringLiteral("expiresInAsString"), expiresInAsString},
        {QStringLiteral("tokenType"), tokenType},
        {QStringLiteral("revokeTokensWithCertificate"), revokeTokensWithCertificate},
        {QStringLiteral("tokenErrors"), rows},
        {QStringLiteral("restPermissionDenial"), enumName(kDenials, restPermissionDenial)},
        {QStringLiteral("workbookDenial"), enumName(kDenials, workbookDenial)},
        {QStringLiteral("idempotencyOnSync"), idempotencyOnSync},
        {QStringLiteral("idempotencyDuplicateStatus"), idempotencyDuplicateStatus},
        {QStringLiteral("concurrencyLimit"), concurrencyLimit},
        {QStringLiteral("concurrencyOver"), enumName(kOvers, concurrencyOver)},
        {QStringLiteral("concurrencyRetryAfter"), concurrencyRetryAfter},
        {QStringLiteral("suiteQlRequireTransient"), suiteQlRequireTransient},
        {QStringLiteral("suiteQlValuesAsStrings"), suiteQlValuesAsStrings},
        {QStringLiteral("suiteQlTimeoutMs"), suiteQlTimeoutMs},
        {QStringLiteral("suiteQlMaxResults"), suiteQlMaxResults},
        {QStringLiteral("asyncJobDelayMs"), asyncJobDelayMs},
        {QStringLiteral("maxActiveCertificates"), maxActiveCertificates},
        {QStringLiteral("maxCertificateValidityDays"), maxCertificateValidityDays},
        {QStringLiteral("seedDemoData"), seedDemoData},
        {QStringLiteral("demoIntegration"), demoIntegration},
        {QStringLiteral("demoScale"), demoScale},
        {QStringLiteral("seed"), qint64(seed)},
        {QStringLiteral("stateDir"), stateDir},
        {QStringLiteral("faults"), QJsonArray::fromStringList(faults)},
    };
    return o;
}

Result<void> Settings::validate() const
{
    const QHostAddress address(host);
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) != 0
        && (address.isNull() || !address.isLoopback())) {
        return tl::unexpected(invalid(
            QStringLiteral("--host must be a loopback address (127.0.0.1, ::1 or localhost): "
                           "the emulator never listens on the network; got \"%1\"")
                .arg(host)));
    }
    if (!NetSuite::AccountId::parse(account)) {
        return tl::unexpected(
            invalid(QStringLiteral("--account \"%1\" is not a NetSuite account ID. %2")
                        .arg(account, NetSuite::AccountId::formHelp())));
    }
    if (audienceMode == AudienceMode::Custom) {
        const QUrl url(customAudience, QUrl::StrictMode);
        if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()) {
            return tl::unexpected(invalid(
                QStringLiteral("--aud is \"account\", \"own\" or an absolute URL; got \"%1\"")
                    .arg(customAudience)));
        }
    }
    return {};
}

QString Settings::helpTable()
{
    // name, default, why it is a setting (facts references)
    static const char *const rows[][3] = {
        {"aud", "account",
         "expected `aud`: the account's real token URL; \"own\" = the emulator's "
         "loopback token URL; or any URL (facts §2)"},
        {"audienceCaseInsensitive", "false",
         "NetSuite's aud strictness is undocumented (facts §10.5); exact match by default"},
        {"allowRs256", "false",
         "RS256 refused since 1 March 2025 per third parties (facts §2, §10.1); true = pre-2025"},
        {"errorDescription", "false", "token errors carry only {\"error\"} in Oracle's tables"},
        {"clockSkewSeconds", "60",
         "tolerance for iat in the future / exp in the past: "
         "undocumented"},
        {"maxAssertionLifetimeSeconds", "3600",
         "exp - iat limit; Oracle says \"less than 60 minutes\", its samples use exactly 3600"},
        {"accessTokenLifetimeSeconds", "3600", "access tokens are valid 60 minutes (facts §4)"},
        {"expiresInAsString", "true",
         "expires_in literal unreadable in Oracle's page; clients disagree (facts §10.6)"},
        {"tokenType", "Bearer", "token_type literal unverified (facts §10.6)"},
        {"revokeTokensWithCertificate", "true",
         "whether revoking a certificate kills its access tokens is undocumented"},
        {"tokenErrors.<row>", "see below",
         "which rejection gets which body is undocumented (facts §10.2)"},
        {"restPermissionDenial", "403",
         "role without REST Web Services: 403 INSUFFICIENT_PERMISSION or 400 USER_ERROR"},
        {"workbookDenial", "400",
         "role without SuiteAnalytics Workbook on lists, q and SuiteQL: 400 USER_ERROR "
         "(observed) or 403"},
        {"idempotencyOnSync", "true",
         "Oracle documents X-NetSuite-Idempotency-Key for async requests only (facts §10.9)"},
        {"idempotencyDuplicateStatus", "400", "Oracle's example: \"HTTP 400 Conflict\""},
        {"concurrencyLimit", "15",
         "account-wide requests in flight (service tier + SuiteCloud "
         "Plus; developer accounts: 5)"},
        {"concurrencyOver", "429",
         "over the limit: 429, 401 INVALID_LOGIN or RESTlet-style 400 "
         "SSS_REQUEST_LIMIT_EXCEEDED (facts §10.10)"},
        {"concurrencyRetryAfter", "-1",
         "seconds of Retry-After with 429; -1 = none (no source "
         "says NetSuite sends it)"},
        {"suiteQlRequireTransient", "true", "Oracle says to send `Prefer: transient`"},
        {"suiteQlValuesAsStrings", "true", "SuiteQL rows as strings with NULLs left out"},
        {"suiteQlTimeoutMs", "5000", "emulator's per-query time cap (interrupts SQLite)"},
        {"suiteQlMaxResults", "100000", "SuiteQL results cap (facts §5)"},
        {"asyncJobDelayMs", "0", "time an async job stays pending before it completes"},
        {"maxActiveCertificates", "5", "per integration since 2026.1 (facts §3)"},
        {"maxCertificateValidityDays", "730",
         "2 years; longer certificates are silently shortened (facts §3)"},
        {"demoScale", "1.0", "multiplies the demo data set (100 = performance tests)"},
        {"seed", "1", "demo data and fault `rate` draws"},
    };
    QString out;
    for (const auto &r : rows) {
        out += QStringLiteral("  %1 %2 %3\n")
                   .arg(QString::fromLatin1(r[0]), -28)
                   .arg(QString::fromLatin1(r[1]), -10)
                   .arg(QString::fromUtf8(r[2]));
    }
    return out;
}

QString Settings::tokenErrorHelp()
{
    QString out;
    for (const auto &r : kRows) {
        out += QStringLiteral("  %1 %2 %3 %4\n")
                   .arg(QString::fromLatin1(r.key), -26)
                   .arg(QStringLiteral("%1 %2").arg(r.status).arg(QString::fromLatin1(r.error)),
                        -22)
                   .arg(QString::fromLatin1(r.detail), -28)
                   .arg(r.oracle ? QString() : QStringLiteral("(emulator's name)"));
    }
    return out;
}

} // namespace Sb::Emulator
