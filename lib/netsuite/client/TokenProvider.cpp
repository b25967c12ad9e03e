// SPDX-License-Identifier: MIT
#include "netsuite/client/TokenProvider.h"

#include "core/Redaction.h"
#include "netsuite/Inspector.h"
#include "netsuite/Tr.h"
#include "netsuite/client/RetryRules.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

namespace Sb::NetSuite {

namespace {

Q_LOGGING_CATEGORY(lcToken, "sb.netsuite.token", QtInfoMsg)

constexpr qsizetype maxAccessTokenBytes = 16 * 1024;

bool isVisibleAscii(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(),
                       [](char c) { return uchar(c) >= 0x21 && uchar(c) <= 0x7e; });
}

std::optional<qint64> readExpiresIn(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (!std::isfinite(number)) {
            return std::nullopt;
        }
        // Clamp before converting: 1e300 must not overflow the integer.
        return qint64(std::clamp(std::floor(number), -1e12, 1e12));
    }
    if (value.isString()) {
        const QString text = value.toString().trimmed();
        if (text.isEmpty() || text.size() > 12
            || !std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); })) {
            return std::nullopt;
        }
        bool ok = false;
        const qint64 number = text.toLongLong(&ok);
        return ok ? std::optional<qint64>(number) : std::nullopt;
    }
    return std::nullopt;
}

std::optional<QDateTime> dateHeader(const Http::AttemptRecord &record)
{
    const auto value = record.header("Date");
    if (!value) {
        return std::nullopt;
    }
    const QDateTime date
        = QDateTime::fromString(QString::fromLatin1(value->trimmed()), Qt::RFC2822Date);
    return date.isValid() ? std::optional<QDateTime>(date.toUTC()) : std::nullopt;
}

} // namespace

std::chrono::seconds cacheLifetimeFor(std::optional<qint64> expiresIn)
{
    const qint64 clamped = std::clamp<qint64>(expiresIn.value_or(minTokenLifetime.count()),
                                              minTokenLifetime.count(), maxTokenLifetime.count());
    // A token used in its last seconds can expire in flight; a sixth (at most a minute) early
    // costs one exchange an hour and avoids that 401.
    const qint64 margin = std::min<qint64>(60, clamped / 6);
    return std::chrono::seconds{clamped - margin};
}

Core::Result<TokenResponse, TokenResponseError> parseTokenResponse(QByteArrayView body)
{
    using Code = TokenResponseError::Code;
    const auto fail = [](Code code, QString message) {
        return tl::unexpected<TokenResponseError>(TokenResponseError{code, std::move(message)});
    };
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        // A truncated chunked body can reach us as a "complete" 200 (lib/http's caveat).
        return fail(Code::NotJson, Tr::tr("the token response is not a JSON object (%1 bytes; "
                                          "truncated or not a token endpoint)")
                                       .arg(body.size()));
    }
    const QJsonObject object = document.object();
    const QJsonValue token = object.value(QLatin1String("access_token"));
    if (!token.isString() || token.toString().isEmpty()) {
        return fail(Code::MissingAccessToken,
                    Tr::tr("the token response has no access_token string"));
    }
    QByteArray tokenBytes = token.toString().toUtf8();
    if (tokenBytes.size() > maxAccessTokenBytes || !isVisibleAscii(tokenBytes)) {
        Crypto::cleanse(tokenBytes);
        return fail(Code::BadAccessToken,
                    Tr::tr("the access_token is not a printable ASCII token of at most 16 KiB"));
    }
    const QJsonValue type = object.value(QLatin1String("token_type"));
    if (!type.isString()
        || type.toString().compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0) {
        Crypto::cleanse(tokenBytes);
        return fail(Code::BadTokenType, Tr::tr("token_type is %1, not Bearer")
                                            .arg(type.isString() ? QStringLiteral("\"%1\"").arg(
                                                     type.toString().left(32))
                                                                 : Tr::tr("missing")));
    }
    TokenResponse out;
    out.accessToken = Crypto::SecureBytes::takeFrom(tokenBytes);
    out.tokenType = type.toString();
    const QJsonValue expires = object.value(QLatin1String("expires_in"));
    out.expiresIn = readExpiresIn(expires);
    out.cacheLifetime = cacheLifetimeFor(out.expiresIn);
    if (!out.expiresIn) {
        out.notes << Tr::tr("expires_in %1: the token is reused for %2 s only")
                         .arg(expires.isUndefined() ? Tr::tr("missing") : Tr::tr("unreadable"))
                         .arg(out.cacheLifetime.count());
    } else if (*out.expiresIn < minTokenLifetime.count()
               || *out.expiresIn > maxTokenLifetime.count()) {
        out.notes << Tr::tr("expires_in %1 is outside 60…3600 s: the token is reused for %2 s")
                         .arg(*out.expiresIn)
                         .arg(out.cacheLifetime.count());
    }
    return out;
}

AccessToken::AccessToken(Crypto::SecureBytes value, QString tokenType,
                         std::optional<qint64> expiresIn, std::chrono::seconds cacheLifetime,
                         QDateTime obtainedAt, quint64 serial)
    : m_value(std::move(value))
    , m_tokenType(std::move(tokenType))
    , m_expiresIn(expiresIn)
    , m_cacheLifetime(cacheLifetime)
    , m_obtainedAt(std::move(obtainedAt))
    , m_serial(serial)
    , m_cacheDeadline(cacheLifetime)
{
    m_age.start();
}

QByteArray AccessToken::authorizationValue() const
{
    QByteArray value = "Bearer ";
    value.append(m_value.view());
    return value;
}

TokenProvider::TokenProvider(TokenProviderConfig config, Http::CallContext context,
                             const Core::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_context(std::move(context))
    , m_clock(clock)
{}

TokenProvider::~TokenProvider()
{
    if (m_exchange) {
        m_exchange->disconnect(this);
        delete m_exchange;
        m_exchange = nullptr;
    }
    Crypto::cleanse(m_assertion);
}

TokenHandle TokenProvider::cached() const
{
    return m_cached && m_cached->usable() ? m_cached : TokenHandle();
}

void TokenProvider::acquire(QObject *context, Callback done)
{
    if (TokenHandle token = cached()) {
        QPointer<QObject> guard(context);
        QMetaObject::invokeMethod(
            this,
            [guard, done = std::move(done), token] {
                if (guard) {
                    done(TokenResult(token));
                }
            },
            Qt::QueuedConnection);
        return;
    }
    m_waiters.append({QPointer<QObject>(context), std::move(done)});
    if (!m_exchange) {
        startExchange();
    }
}

bool TokenProvider::invalidate(const TokenHandle &token)
{
    if (token && m_cached == token) {
        m_cached.reset();
        return true;
    }
    return false;
}

void TokenProvider::clear()
{
    m_cached.reset();
}

void TokenProvider::cancel()
{
    if (m_exchange) {
        m_exchange->cancel(); // → finished(Cancelled) from the event loop
    }
}

TokenError TokenProvider::failure(TokenError::Code code, const QString &message,
                                  const Http::ResponseRecord &record,
                                  NetworkErrorKind network) const
{
    TokenError error;
    error.code = code;
    error.message = message;
    error.record = record;
    if (code == TokenError::Code::Network || code == TokenError::Code::Refused
        || code == TokenError::Code::BadResponse) {
        FailureInput input;
        input.phase = FailurePhase::TokenExchange;
        input.httpStatus = record.status;
        input.body = code == TokenError::Code::Refused ? record.body : QByteArray();
        input.wwwAuthenticate = record.header("WWW-Authenticate").value_or(QByteArray());
        input.networkError = network;
        input.networkErrorText = record.errorMessage;
        input.previouslySucceeded = m_everSucceeded;
        input.target = m_config.target;
        input.serverDate = dateHeader(record);
        if (code == TokenError::Code::Refused && !m_assertion.isEmpty()) {
            // The rejected assertion is inspected against what this environment expects, so
            // the diagnosis can name a wrong aud, kid or algorithm.
            input.assertion = m_assertion;
            InspectionContext context = InspectionContext::forTarget(m_config.target);
            context.profile = m_config.assertion.profile;
            context.clientId = m_config.assertion.clientId;
            context.certificateId = m_config.assertion.certificateId;
            context.audience = m_config.assertion.audience;
            context.allowLegacyRs256 = m_config.assertion.allowLegacyRs256;
            // The account that really answered: the routed server's, or the one NetSuite
            // names in WWW-Authenticate's realm (facts §4). Judging aud against it shows a
            // mistyped suffix as the aud trap it is.
            std::optional<AccountId> answered = m_config.routedAccount;
            if (!answered) {
                if (auto realm = AccountId::parse(
                        parseServerError(record.body, input.wwwAuthenticate).realm)) {
                    answered = *realm;
                }
            }
            if (answered && m_config.target.account() && *answered != *m_config.target.account()) {
                context.account = *answered;
                context.tokenUrl.clear();
            }
            input.context = context;
            QByteArray copy = m_assertion;
            error.rejectedAssertion
                = std::make_shared<const Crypto::SecureBytes>(Crypto::SecureBytes::takeFrom(copy));
        }
        error.diagnosis = diagnose(input, m_clock);
    }
    return error;
}

void TokenProvider::startExchange()
{
    ++m_exchangeCount;
    const int number = m_exchangeCount;
    m_exchangeTimer.start();
    emit exchangeStarted(number);

    const QUrl tokenUrl = m_config.target.tokenUrl();
    if (auto refusal = checkUrlGuard(m_config.target, tokenUrl)) {
        TokenError error = failure(TokenError::Code::Guard, refusal->message, {});
        error.guard = refusal;
        QMetaObject::invokeMethod(
            this, [this, error] { finishAll(TokenResult(tl::unexpected<TokenError>(error))); },
            Qt::QueuedConnection);
        return;
    }
    AssertionRequest request = m_config.assertion;
    request.tokenUrl = m_config.target.tokenUrlString(); // aud: always the target's own
    // A fresh assertion for every exchange (a new jti for rfc7523): an OAuth server may
    // treat a replayed jti as an attack (RFC 7523 §3 item 7).
    auto assertion = buildAssertion(request, m_config.key, m_clock);
    if (!assertion) {
        TokenError error = failure(TokenError::Code::Assertion, assertion.error().message, {});
        error.assertionCode = assertion.error().code;
        QMetaObject::invokeMethod(
            this, [this, error] { finishAll(TokenResult(tl::unexpected<TokenError>(error))); },
            Qt::QueuedConnection);
        return;
    }
    for (const QString &warning : std::as_const(assertion->warnings)) {
        qCWarning(lcToken).noquote() << warning;
    }
    m_assertion = assertion->compact;
    Crypto::cleanse(assertion->compact);

    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    form.addQueryItem(QStringLiteral("client_assertion_type"),
                      QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
    Http::Request http;
    http.method = Http::Method::Post;
    http.url = m_config.routing.route(tokenUrl);
    http.headers
        = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
    http.body = form.query(QUrl::FullyEncoded).toLatin1()
                + "&client_assertion=" + QUrl::toPercentEncoding(QString::fromLatin1(m_assertion));
    http.limits = Http::RequestLimits::tokenRequest();

    // No automatic retry: a refused exchange repeated in a loop only fills the Login Audit
    // Trail (S11); a network failure is reported and the caller decides.
    m_exchange = new Http::HttpCall(m_context, std::move(http), Http::RetryPolicy::none(), this);
    connect(m_exchange, &Http::HttpCall::finished, this, &TokenProvider::onExchangeFinished);
    qCDebug(lcToken).noquote() << "token exchange" << number << "to" << tokenUrl.toDisplayString();
    m_exchange->start();
}

void TokenProvider::onExchangeFinished(const Http::ResponseRecord &finished)
{
    Http::ResponseRecord record = finished;
    if (m_exchange) {
        m_exchange->disconnect(this);
        m_exchange->deleteLater();
        m_exchange = nullptr;
    }
    const QUrl logicalOrigin = m_config.target.tokenUrl();
    record.url = m_config.routing.unroute(record.url, logicalOrigin);
    for (Http::AttemptRecord &attempt : record.attempts) {
        attempt.url = m_config.routing.unroute(attempt.url, logicalOrigin);
    }
    const int number = m_exchangeCount;
    const auto took = std::chrono::milliseconds{m_exchangeTimer.elapsed()};

    TokenResult result = tl::unexpected<TokenError>(TokenError{});
    if (record.error == Http::ErrorKind::Cancelled) {
        result = tl::unexpected<TokenError>(
            failure(TokenError::Code::Cancelled, Tr::tr("token exchange cancelled"), record));
    } else if (record.error != Http::ErrorKind::None) {
        result = tl::unexpected<TokenError>(
            failure(TokenError::Code::Network,
                    Tr::tr("token exchange failed: %1").arg(Core::redact(record.errorMessage)),
                    record, toNetworkErrorKind(record.error)));
    } else if (record.status < 200 || record.status > 299) {
        const ServerError server = parseServerError(record.body, {});
        const QString code = server.primaryCode();
        result = tl::unexpected<TokenError>(failure(
            TokenError::Code::Refused,
            code.isEmpty()
                ? Tr::tr("the token endpoint refused the exchange: HTTP %1").arg(record.status)
                : Tr::tr("the token endpoint refused the exchange: HTTP %1 %2")
                      .arg(QString::number(record.status), code.left(64)),
            record));
    } else {
        auto parsed = parseTokenResponse(record.body);
        // Security: the raw response holds the token; it is never kept in a record.
        Crypto::cleanse(record.body);
        record.body.clear();
        if (!parsed) {
            result = tl::unexpected<TokenError>(
                failure(TokenError::Code::BadResponse, parsed.error().message, record));
        } else {
            for (const QString &note : std::as_const(parsed->notes)) {
                qCInfo(lcToken).noquote() << note;
            }
            m_cached = std::make_shared<const AccessToken>(
                std::move(parsed->accessToken), parsed->tokenType, parsed->expiresIn,
                parsed->cacheLifetime, m_clock.now().toUTC(), ++m_serial);
            m_everSucceeded = true;
            result = TokenResult(m_cached);
        }
    }
    Crypto::cleanse(m_assertion);
    m_assertion.clear();
    emit exchangeFinished(
        number, bool(result),
        result ? Tr::tr("token issued, reused for %1 s").arg((*result)->cacheLifetime().count())
               : result.error().message,
        took);
    finishAll(result);
}

void TokenProvider::finishAll(const TokenResult &result)
{
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &waiter : waiters) {
        if (waiter.context) {
            waiter.done(result);
        }
    }
}

} // namespace Sb::NetSuite
