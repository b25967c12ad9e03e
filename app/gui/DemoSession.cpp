// SPDX-License-Identifier: MIT
#include "gui/DemoSession.h"

#include "netsuite/AssertionBuilder.h"
#include "netsuite/DisplayText.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrlQuery>

namespace Sb::App {

namespace {

NetSuite::NetworkErrorKind networkKind(Http::ErrorKind kind)
{
    using K = Http::ErrorKind;
    using N = NetSuite::NetworkErrorKind;
    switch (kind) {
    case K::None:
        return N::None;
    case K::HostNotFound:
        return N::HostNotFound;
    case K::Tls:
        return N::Tls;
    case K::Timeout:
    case K::TransferTimeout:
        return N::Timeout;
    case K::ConnectionRefused:
        return N::ConnectionRefused;
    default:
        return N::Other;
    }
}

/**
 * True when an HTTP status line arrived, even if the transport marked the attempt as failed.
 * WORKAROUND: lib/http (in progress) reports a 400 as ErrorKind::Other because Qt maps it to
 * ProtocolInvalidOperationError; the response is complete and must be diagnosed as one.
 */
bool answered(const Http::AttemptRecord &record)
{
    return record.ok() || (record.status >= 400 && record.error == Http::ErrorKind::Other);
}

QByteArray answerBody(const Http::ResponseRecord &record)
{
    return record.ok() ? record.body : record.partialBody;
}

bool isWrite(Http::Method method)
{
    return method != Http::Method::Get && method != Http::Method::Head
           && method != Http::Method::Options;
}

QString statusText(const Http::AttemptRecord &record)
{
    if (!answered(record)) {
        return record.errorMessage.isEmpty() ? Http::errorKindName(record.error)
                                             : record.errorMessage;
    }
    return QStringLiteral("HTTP %1 in %2 ms").arg(record.status).arg(record.timings.done.count());
}

} // namespace

QString timelineKindName(TimelineEvent::Kind kind)
{
    switch (kind) {
    case TimelineEvent::Kind::Token:
        return QStringLiteral("token");
    case TimelineEvent::Kind::Send:
        return QStringLiteral("send");
    case TimelineEvent::Kind::Wait:
        return QStringLiteral("wait");
    case TimelineEvent::Kind::Retry:
        return QStringLiteral("retry");
    case TimelineEvent::Kind::Response:
        return QStringLiteral("response");
    case TimelineEvent::Kind::Error:
        return QStringLiteral("error");
    case TimelineEvent::Kind::Info:
        return QStringLiteral("info");
    }
    return QStringLiteral("info");
}

// ---------------------------------------------------------------------------------------------

SessionCall::SessionCall(DemoSession &session, std::optional<Http::Request> request, AuthMode auth,
                         bool forceNewToken, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_request(std::move(request))
    , m_auth(auth)
    , m_forceNewToken(forceNewToken)
{
    connect(this, &SessionCall::event, &session, &DemoSession::event);
}

SessionCall::~SessionCall()
{
    if (m_call) {
        delete m_call.data();
    }
}

void SessionCall::start()
{
    if (m_started) {
        return;
    }
    m_started = true;
    const bool needToken = !m_request || m_auth == AuthMode::EnvironmentToken;
    if (needToken && (m_forceNewToken || !m_session.hasUsableToken())) {
        mintAndExchange();
    } else {
        if (needToken) {
            emitEvent(TimelineEvent::Kind::Token,
                      tr("Using the cached access token (expires %1)")
                          .arg(NetSuite::relativeTime(m_session.tokenExpiresAt()
                                                      - m_session.clock().nowSeconds())));
        }
        QMetaObject::invokeMethod(this, &SessionCall::sendRequest, Qt::QueuedConnection);
    }
}

void SessionCall::cancel()
{
    if (m_finished) {
        return;
    }
    m_outcome.cancelled = true;
    m_outcome.errorText = tr("Cancelled");
    if (m_call) {
        m_call->cancel(); // finished() follows from the event loop
    } else {
        QMetaObject::invokeMethod(this, &SessionCall::finish, Qt::QueuedConnection);
    }
}

void SessionCall::emitEvent(TimelineEvent::Kind kind, const QString &text, bool ok)
{
    emit event(TimelineEvent{m_session.clock().now(), kind, text, ok});
}

void SessionCall::mintAndExchange()
{
    const Environment &env = m_session.environment();
    emit stepStarted(Step::Mint);
    if (!env.canMint()) {
        m_outcome.errorText = tr("This environment has no private key, Client ID or Certificate ID "
                                 "yet; run the setup wizard.");
        emit stepFinished(Step::Mint, false, m_outcome.errorText);
        emitEvent(TimelineEvent::Kind::Error, m_outcome.errorText, false);
        QMetaObject::invokeMethod(this, &SessionCall::finish, Qt::QueuedConnection);
        return;
    }
    NetSuite::AssertionRequest request;
    request.clientId = env.clientId;
    request.certificateId = env.certificateId;
    request.scopes = env.scopes;
    request.tokenUrl = env.target.tokenUrlString();
    auto assertion = NetSuite::buildAssertion(request, env.privateKey, m_session.clock());
    if (!assertion) {
        m_outcome.errorText = assertion.error().message;
        emit stepFinished(Step::Mint, false, m_outcome.errorText);
        emitEvent(TimelineEvent::Kind::Error, tr("Minting failed: %1").arg(m_outcome.errorText),
                  false);
        m_session.markFailing();
        QMetaObject::invokeMethod(this, &SessionCall::finish, Qt::QueuedConnection);
        return;
    }
    m_outcome.assertion = assertion->compact;
    m_session.m_lastAssertion = assertion->compact;
    m_outcome.assertionInspection
        = NetSuite::inspect(assertion->compact, m_session.inspectionContext(), m_session.clock());
    const QString mintText
        = tr("Assertion %1 signed, aud %2, expires %3")
              .arg(QString::fromLatin1(Crypto::algorithmName(assertion->algorithm)),
                   request.tokenUrl,
                   NetSuite::relativeTime(assertion->expiresAt - m_session.clock().nowSeconds()));
    emit stepFinished(Step::Mint, true, mintText);
    emitEvent(TimelineEvent::Kind::Token, mintText);

    emit stepStarted(Step::Exchange);
    Http::Request post;
    post.method = Http::Method::Post;
    post.url = env.tokenEndpoint();
    post.limits = Http::RequestLimits::tokenRequest();
    post.setHeader("Content-Type", "application/x-www-form-urlencoded");
    post.setHeader("Accept", "application/json");
    post.body = QByteArrayLiteral("grant_type=client_credentials&client_assertion_type=")
                + QUrl::toPercentEncoding(
                    QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"))
                + QByteArrayLiteral("&client_assertion=") + assertion->compact;
    emitEvent(TimelineEvent::Kind::Send, tr("POST %1 (token exchange)").arg(post.url.toString()));
    Http::CallContext context{Http::Transport(m_session.manager())};
    context.clock = &m_session.clock();
    m_call = new Http::HttpCall(context, std::move(post), Http::RetryPolicy::none(), this);
    connect(m_call, &Http::HttpCall::finished, this, &SessionCall::onTokenFinished);
    m_call->start();
}

void SessionCall::onTokenFinished(const Http::ResponseRecord &record)
{
    if (m_call) {
        m_call->deleteLater();
    }
    if (record.error == Http::ErrorKind::Cancelled || m_outcome.cancelled) {
        m_outcome.cancelled = true;
        emit stepFinished(Step::Exchange, false, tr("Cancelled"));
        finish();
        return;
    }
    const Environment &env = m_session.environment();
    if (record.succeeded()) {
        QJsonParseError parseError{};
        const QJsonObject json = QJsonDocument::fromJson(record.body, &parseError).object();
        const QString token = json.value(QLatin1String("access_token")).toString();
        const QJsonValue expiresValue = json.value(QLatin1String("expires_in"));
        qint64 expiresIn = expiresValue.isString() ? expiresValue.toString().toLongLong()
                                                   : qint64(expiresValue.toDouble());
        if (!token.isEmpty()) {
            if (expiresIn <= 0) {
                expiresIn = 3600;
            }
            QByteArray bytes = token.toLatin1();
            m_session.storeToken(Crypto::SecureBytes::takeFrom(bytes),
                                 m_session.clock().nowSeconds() + expiresIn);
            m_freshToken = true;
            const QString text = tr("%1, access token valid for %2")
                                     .arg(statusText(record), NetSuite::humanDuration(expiresIn));
            emit stepFinished(Step::Exchange, true, text);
            emitEvent(TimelineEvent::Kind::Response, tr("Token exchange: %1").arg(text));
            if (m_request) {
                sendRequest();
            } else {
                m_outcome.ok = true;
                finish();
            }
            return;
        }
    }
    // Failure: diagnose with the rejected assertion inspected first.
    NetSuite::FailureInput input;
    input.phase = NetSuite::FailurePhase::TokenExchange;
    input.httpStatus = record.status;
    input.body = answerBody(record);
    input.wwwAuthenticate = record.header("WWW-Authenticate").value_or(QByteArray());
    input.networkError
        = answered(record) ? NetSuite::NetworkErrorKind::None : networkKind(record.error);
    input.networkErrorText = answered(record) ? QString() : record.errorMessage;
    input.target = env.target;
    input.assertion = m_outcome.assertion;
    NetSuite::InspectionContext context = m_session.inspectionContext();
    const NetSuite::ServerError server
        = NetSuite::parseServerError(input.body, input.wwwAuthenticate);
    if (!env.routedAccount && !server.realm.isEmpty()) {
        // NetSuite names the account it answered for; judge aud against that account.
        if (auto realm = NetSuite::AccountId::parse(server.realm)) {
            context.account = *realm;
        }
    }
    input.context = context;
    if (const auto date = record.header("Date")) {
        const QDateTime when = QDateTime::fromString(QString::fromLatin1(*date), Qt::RFC2822Date);
        if (when.isValid()) {
            input.serverDate = when;
        }
    }
    m_outcome.failedPhase = NetSuite::FailurePhase::TokenExchange;
    m_outcome.diagnosis = NetSuite::diagnose(input, m_session.clock());
    m_outcome.assertionInspection
        = NetSuite::inspect(m_outcome.assertion, context, m_session.clock());
    m_outcome.errorText = m_outcome.diagnosis->title;
    m_session.markFailing();
    const QString text = statusText(record) + QStringLiteral(": ") + m_outcome.diagnosis->title;
    emit stepFinished(Step::Exchange, false, text);
    emitEvent(TimelineEvent::Kind::Error, tr("Token exchange failed: %1").arg(text), false);
    finish();
}

void SessionCall::sendRequest()
{
    if (m_outcome.cancelled) {
        finish();
        return;
    }
    if (!m_request) {
        m_outcome.ok = true;
        finish();
        return;
    }
    const Environment &env = m_session.environment();
    emit stepStarted(Step::Call);
    Http::Request request = *m_request;
    request.url = env.route(request.url);
    if (m_auth == AuthMode::EnvironmentToken) {
        request.setHeader("Authorization",
                          QByteArrayLiteral("Bearer ") + m_session.m_accessToken.exposeForApi());
    }
    if (isWrite(request.method) && !request.header("X-NetSuite-Idempotency-Key")) {
        request.setHeader("X-NetSuite-Idempotency-Key", Crypto::randomUuid().toLatin1());
    }
    m_outcome.idempotencyKey
        = QString::fromLatin1(request.header("X-NetSuite-Idempotency-Key").value_or(QByteArray()));
    m_outcome.sentRequest = request;
    // Writes carry an idempotency key, so a retry after 429/503 cannot create a duplicate.
    const bool safeToRepeat = !isWrite(request.method) || !m_outcome.idempotencyKey.isEmpty();
    Http::BackoffPolicy backoff;
    backoff.maxAttempts = 4;
    auto policy = Http::RetryPolicy::planned(backoff, safeToRepeat, m_session.clock());
    emitEvent(TimelineEvent::Kind::Send,
              QStringLiteral("%1 %2").arg(QString::fromLatin1(Http::methodName(request.method)),
                                          request.url.toString()));
    Http::CallContext context{Http::Transport(m_session.manager())};
    context.clock = &m_session.clock();
    m_call = new Http::HttpCall(context, std::move(request), std::move(policy), this);
    connect(m_call, &Http::HttpCall::waiting, this,
            [this](int attempt, std::chrono::milliseconds delay, const QString &reason) {
                emitEvent(TimelineEvent::Kind::Wait,
                          tr("Attempt %1: %2; waiting %3 s before retrying")
                              .arg(attempt)
                              .arg(reason)
                              .arg(double(delay.count()) / 1000.0, 0, 'f', 1));
                emit waiting(delay, reason);
            });
    connect(m_call, &Http::HttpCall::attemptStarted, this, [this](int attempt) {
        if (attempt > 1) {
            emitEvent(TimelineEvent::Kind::Retry, tr("Attempt %1").arg(attempt));
        }
    });
    connect(m_call, &Http::HttpCall::finished, this, &SessionCall::onRequestFinished);
    m_call->start();
}

void SessionCall::onRequestFinished(const Http::ResponseRecord &record)
{
    if (m_call) {
        m_call->deleteLater();
    }
    if (record.error == Http::ErrorKind::Cancelled || m_outcome.cancelled) {
        m_outcome.cancelled = true;
        emit stepFinished(Step::Call, false, tr("Cancelled"));
        finish();
        return;
    }
    // Re-mint once on a 401 with a cached token (the token may have been revoked early).
    if (answered(record) && record.status == 401 && m_auth == AuthMode::EnvironmentToken
        && !m_freshToken && !m_reMinted) {
        m_reMinted = true;
        emitEvent(TimelineEvent::Kind::Retry,
                  tr("HTTP 401 with a cached token: minting a new one"));
        m_session.forgetToken();
        mintAndExchange();
        return;
    }
    m_outcome.response = record;
    const bool ok = record.succeeded();
    m_outcome.ok = m_requireSuccess ? ok : answered(record);
    if (!ok) {
        NetSuite::FailureInput input;
        input.phase = NetSuite::FailurePhase::RestCall;
        input.httpStatus = record.status;
        input.body = answerBody(record);
        input.wwwAuthenticate = record.header("WWW-Authenticate").value_or(QByteArray());
        input.networkError
            = answered(record) ? NetSuite::NetworkErrorKind::None : networkKind(record.error);
        input.networkErrorText = answered(record) ? QString() : record.errorMessage;
        input.tokenFreshlyMinted = m_freshToken;
        input.target = m_session.environment().target;
        input.previouslySucceeded = true;
        m_outcome.failedPhase = NetSuite::FailurePhase::RestCall;
        m_outcome.diagnosis = NetSuite::diagnose(input, m_session.clock());
        m_outcome.errorText
            = statusText(record) + QStringLiteral(": ") + m_outcome.diagnosis->title;
    }
    const QString text
        = statusText(record) + QStringLiteral(", %1 bytes").arg(record.responseBytes);
    emit stepFinished(Step::Call, ok, ok ? text : m_outcome.errorText);
    emitEvent(ok ? TimelineEvent::Kind::Response : TimelineEvent::Kind::Error, text, ok);
    finish();
}

void SessionCall::finish()
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    emit finished(m_outcome);
}

// ---------------------------------------------------------------------------------------------

DemoSession::DemoSession(Environment environment, QNetworkAccessManager &manager,
                         const Core::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_env(std::move(environment))
    , m_manager(manager)
    , m_clock(clock)
{}

TokenState DemoSession::tokenState() const
{
    if (m_failing) {
        return TokenState::Failing;
    }
    if (m_accessToken.isEmpty()) {
        return TokenState::None;
    }
    return m_clock.nowSeconds() < m_expiresAt ? TokenState::Valid : TokenState::Expired;
}

bool DemoSession::hasUsableToken() const
{
    // Refresh a little early so a request never leaves with a token about to expire.
    return !m_accessToken.isEmpty() && m_clock.nowSeconds() + 60 < m_expiresAt;
}

NetSuite::InspectionContext DemoSession::inspectionContext() const
{
    NetSuite::InspectionContext context = NetSuite::InspectionContext::forTarget(m_env.target);
    if (m_env.routedAccount) {
        context.account = m_env.routedAccount;
        context.tokenUrl.clear();
    }
    context.clientId = m_env.clientId;
    context.certificateId = m_env.certificateId;
    context.certificate = m_env.certificate;
    return context;
}

SessionCall *DemoSession::testConnection(QObject *parent)
{
    Http::Request request;
    request.method = Http::Method::Get;
    QUrl url = m_env.target.restRecordBase();
    url.setPath(url.path() + QStringLiteral("/customer"));
    url.setQuery(QStringLiteral("limit=1"));
    request.url = url;
    request.setHeader("Accept", "application/json");
    auto *call = new SessionCall(*this, std::move(request), AuthMode::EnvironmentToken, true,
                                 parent ? parent : this);
    call->setRequireSuccess(true);
    return call;
}

SessionCall *DemoSession::execute(Http::Request request, AuthMode auth, QObject *parent)
{
    return new SessionCall(*this, std::move(request), auth, false, parent ? parent : this);
}

SessionCall *DemoSession::fetchToken(QObject *parent)
{
    return new SessionCall(*this, std::nullopt, AuthMode::EnvironmentToken, true,
                           parent ? parent : this);
}

void DemoSession::forgetToken()
{
    m_accessToken.clear();
    m_expiresAt = 0;
    emit tokenChanged();
}

void DemoSession::storeToken(Crypto::SecureBytes token, qint64 expiresAt)
{
    m_accessToken = std::move(token);
    m_expiresAt = expiresAt;
    m_failing = false;
    emit tokenChanged();
}

void DemoSession::markFailing()
{
    m_failing = true;
    emit tokenChanged();
}

} // namespace Sb::App
