// SPDX-License-Identifier: MIT
#include "gui/EnvironmentSession.h"

#include "core/Redaction.h"
#include "http/Transport.h"
#include "netsuite/AssertionBuilder.h"
#include "netsuite/DisplayText.h"

#include <QNetworkAccessManager>

namespace Sb::App {

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

namespace {

QString attemptText(const Http::AttemptRecord &record)
{
    if (record.status > 0 && (record.error == Http::ErrorKind::None || record.status >= 400)) {
        return QStringLiteral("HTTP %1 in %2 ms")
            .arg(record.status)
            .arg(record.timings.done.count());
    }
    return record.errorMessage.isEmpty() ? Http::errorKindName(record.error) : record.errorMessage;
}

} // namespace

// ---------------------------------------------------------------------------------------------

SessionCall::SessionCall(EnvironmentSession &session, std::optional<NetSuite::RestRequest> request,
                         bool forceNewToken)
    : QObject(&session)
    , m_session(session)
    , m_request(std::move(request))
    , m_forceNewToken(forceNewToken)
{
    // The engine's timeline gets this call's own events; the shared token exchange is
    // reported there once, by the session.
    connect(this, &SessionCall::event, &session, [&session](const TimelineEvent &e) {
        if (!e.shared) {
            emit session.event(e);
        }
    });
}

SessionCall::~SessionCall()
{
    if (m_call) {
        delete m_call.data(); // before m_ownClient, which it may run on
    }
}

void SessionCall::emitEvent(TimelineEvent::Kind kind, const QString &text, bool ok, bool shared)
{
    // Redacted like every log line: a token pasted into a query string stays out of it.
    emit event(TimelineEvent{m_session.clock().now(), kind, Core::redact(text), ok, shared});
}

QString SessionCall::mintText() const
{
    const Environment &env = m_session.environment();
    return tr("assertion signed with the %1 key, aud %2")
        .arg(env.privateKey.isNull() ? QString() : env.privateKey.info().describe(),
             env.target.tokenUrlString());
}

void SessionCall::start()
{
    if (m_started) {
        return;
    }
    m_started = true;
    // From the event loop, so a caller can connect after start() and the key read (a
    // keychain answer) never runs inside a click handler's stack.
    QMetaObject::invokeMethod(this, &SessionCall::run, Qt::QueuedConnection);
}

void SessionCall::run()
{
    if (m_cancelled) {
        finish();
        return;
    }
    const bool usesToken = !m_request || m_request->auth == NetSuite::RestAuth::EnvironmentToken;
    if (!usesToken) {
        // A pasted bearer token or none: no key, no exchange, the same guards and retries.
        m_ownClient = m_session.makeKeylessClient();
        m_call = m_ownClient->newCall(*m_request, this);
        connectCall();
        m_call->start();
        return;
    }
    QString error;
    NetSuite::NetSuiteClient *client = m_session.client(&error);
    if (!client) {
        if (usesToken) {
            emit stepStarted(Step::Mint);
            emit stepFinished(Step::Mint, false, error);
        }
        m_outcome.errorText = error;
        m_outcome.status = NetSuite::RestStatus::TokenFailed;
        emitEvent(TimelineEvent::Kind::Error, error, false);
        finish();
        return;
    }
    if (m_forceNewToken) {
        client->tokens().clear();
        emit m_session.tokenChanged();
    }
    NetSuite::TokenProvider &tokens = client->tokens();
    connect(&tokens, &NetSuite::TokenProvider::exchangeStarted, this, [this] {
        if (!m_mintReported) {
            m_mintReported = true;
            const QString text = mintText();
            emit stepFinished(Step::Mint, true, text);
            emitEvent(TimelineEvent::Kind::Token, tr("Minted a client assertion: %1").arg(text),
                      true, true);
        }
        emit stepStarted(Step::Exchange);
        emitEvent(
            TimelineEvent::Kind::Send,
            tr("POST %1 (token exchange)").arg(m_session.environment().target.tokenUrlString()),
            true, true);
    });
    connect(&tokens, &NetSuite::TokenProvider::exchangeFinished, this,
            [this](int, bool ok, const QString &summary, std::chrono::milliseconds took) {
                const QString text = tr("%1 (%2 ms)").arg(summary).arg(took.count());
                if (ok) {
                    m_exchangeReported = true;
                    emit stepFinished(Step::Exchange, true, text);
                }
                emitEvent(ok ? TimelineEvent::Kind::Response : TimelineEvent::Kind::Error,
                          tr("Token exchange: %1").arg(text), ok, true);
            });

    if (!m_request) {
        emit stepStarted(Step::Mint);
        tokens.acquire(this,
                       [this](const NetSuite::TokenResult &result) { onTokenResult(result); });
        return;
    }
    m_call = client->newCall(*m_request, this);
    connectCall();
    m_call->start();
}

void SessionCall::connectCall()
{
    connect(m_call, &NetSuite::RestCall::tokenRequested, this, [this] {
        if (!m_mintReported && !m_exchangeReported) {
            emit stepStarted(Step::Mint);
        }
    });
    connect(m_call, &NetSuite::RestCall::tokenReady, this, [this](quint64 serial, bool fresh) {
        if (!fresh) {
            emitEvent(TimelineEvent::Kind::Token,
                      tr("Using the cached access token #%1 (reused until %2)")
                          .arg(serial)
                          .arg(QDateTime::fromSecsSinceEpoch(m_session.tokenExpiresAt())
                                   .toLocalTime()
                                   .toString(QStringLiteral("HH:mm:ss"))));
            emit stepFinished(Step::Mint, true, tr("cached token, no new assertion needed"));
            emit stepFinished(Step::Exchange, true, tr("cached token #%1").arg(serial));
        }
        m_session.markFailing(false);
    });
    connect(m_call, &NetSuite::RestCall::reminting, this, [this] {
        m_mintReported = false;
        m_exchangeReported = false;
        emitEvent(TimelineEvent::Kind::Retry,
                  tr("HTTP 401 with the cached token: minting a new one, once"));
    });
    connect(m_call, &NetSuite::RestCall::attemptStarted, this, [this](int attempt) {
        const QUrl url = m_request->url;
        if (attempt == 1) {
            emit stepStarted(Step::Call);
        }
        emitEvent(attempt == 1 ? TimelineEvent::Kind::Send : TimelineEvent::Kind::Retry,
                  tr("%1 %2 (attempt %3)")
                      .arg(QString::fromLatin1(Http::methodName(m_request->method)),
                           Core::redact(url.toDisplayString()))
                      .arg(attempt));
    });
    connect(m_call, &NetSuite::RestCall::attemptFinished, this,
            [this](const Http::AttemptRecord &record) {
                emitEvent(TimelineEvent::Kind::Response, attemptText(record),
                          record.error == Http::ErrorKind::None && record.status < 400);
            });
    connect(m_call, &NetSuite::RestCall::waiting, this,
            [this](int attempt, std::chrono::milliseconds delay, const QString &reason) {
                emitEvent(TimelineEvent::Kind::Wait,
                          tr("Attempt %1: %2; waiting %3 s before retrying")
                              .arg(attempt)
                              .arg(reason)
                              .arg(double(delay.count()) / 1000.0, 0, 'f', 1));
                emit waiting(delay, reason);
            });
    connect(m_call, &NetSuite::RestCall::finished, this, &SessionCall::onRestFinished);
}

void SessionCall::failToken(const NetSuite::TokenError &error)
{
    using Code = NetSuite::TokenError::Code;
    const bool mintFailed = error.code == Code::Assertion;
    if (mintFailed) {
        emit stepFinished(Step::Mint, false, error.message);
    } else if (error.code != Code::Cancelled) {
        if (!m_mintReported) {
            emit stepFinished(Step::Mint, true, mintText());
        }
        const QString title = error.diagnosis ? error.diagnosis->title : error.message;
        emit stepFinished(Step::Exchange, false,
                          error.record.status > 0
                              ? QStringLiteral("HTTP %1: %2").arg(error.record.status).arg(title)
                              : title);
    }
    m_outcome.failedPhase = NetSuite::FailurePhase::TokenExchange;
    m_outcome.diagnosis = error.diagnosis;
    if (error.rejectedAssertion) {
        m_outcome.assertion = error.rejectedAssertion->exposeForApi();
        m_outcome.assertionInspection = NetSuite::inspect(
            m_outcome.assertion, m_session.inspectionContext(), m_session.clock());
        if (error.diagnosis && !error.diagnosis->assertionFindings.isEmpty()) {
            // The library judged the assertion against the account that really answered.
            m_outcome.assertionInspection->findings = error.diagnosis->assertionFindings;
        }
    }
    m_outcome.errorText = error.diagnosis ? error.diagnosis->title : error.message;
    if (error.code != Code::Cancelled) {
        m_session.markFailing(true);
    }
}

void SessionCall::onTokenResult(const NetSuite::TokenResult &result)
{
    if (m_finished || m_finishedByCancel) {
        return;
    }
    if (result) {
        m_outcome.ok = true;
        m_outcome.status = NetSuite::RestStatus::Succeeded;
        m_session.markFailing(false);
        if (!m_exchangeReported) {
            emit stepFinished(Step::Mint, true, tr("cached token"));
            emit stepFinished(Step::Exchange, true, tr("cached token"));
        }
    } else {
        m_outcome.status = result.error().code == NetSuite::TokenError::Code::Cancelled
                               ? NetSuite::RestStatus::Cancelled
                               : NetSuite::RestStatus::TokenFailed;
        m_outcome.cancelled = result.error().code == NetSuite::TokenError::Code::Cancelled;
        failToken(result.error());
    }
    finish();
}

void SessionCall::onRestFinished(const NetSuite::RestResult &result)
{
    using NetSuite::RestStatus;
    if (m_call) {
        m_call->deleteLater();
    }
    m_outcome.status = result.status;
    m_outcome.request = m_request;
    m_outcome.idempotencyKey = result.idempotencyKey;
    m_outcome.cancelled = result.status == RestStatus::Cancelled || m_cancelled;
    if (result.status == RestStatus::TokenFailed && result.tokenError) {
        failToken(*result.tokenError);
        finish();
        return;
    }
    const bool answered = result.status == RestStatus::Succeeded
                          || result.status == RestStatus::HttpError
                          || result.status == RestStatus::AlreadyApplied;
    if (answered || result.status == RestStatus::NetworkError
        || result.status == RestStatus::OutcomeUnknown) {
        m_outcome.response = result.record;
    }
    m_outcome.diagnosis = result.diagnosis;
    m_outcome.failedPhase = NetSuite::FailurePhase::RestCall;
    m_outcome.ok = m_requireSuccess ? result.ok() : answered;
    if (!result.ok()) {
        m_outcome.errorText = result.diagnosis && !result.diagnosis->title.isEmpty()
                                  ? result.diagnosis->title
                                  : result.message;
    }
    if (m_outcome.cancelled) {
        m_outcome.errorText = tr("Cancelled");
        emit stepFinished(Step::Call, false, m_outcome.errorText);
    } else if (result.status == RestStatus::GuardRefused
               || result.status == RestStatus::InvalidRequest) {
        emit stepFinished(Step::Call, false, result.message);
        emitEvent(TimelineEvent::Kind::Error, tr("Not sent: %1").arg(result.message), false);
    } else {
        QString text = result.record.status > 0 ? QStringLiteral("HTTP %1, %2 bytes")
                                                      .arg(result.record.status)
                                                      .arg(result.record.responseBytes)
                                                : result.message;
        if (result.status == RestStatus::AlreadyApplied) {
            text += tr(" — an earlier write with this idempotency key already went through");
        } else if (result.status == RestStatus::OutcomeUnknown) {
            text = result.message;
        }
        emit stepFinished(Step::Call, result.ok(), result.ok() ? text : m_outcome.errorText);
        emitEvent(result.ok() ? TimelineEvent::Kind::Response : TimelineEvent::Kind::Error, text,
                  result.ok());
    }
    finish();
}

void SessionCall::cancel()
{
    if (m_finished) {
        return;
    }
    m_cancelled = true;
    m_outcome.cancelled = true;
    m_outcome.errorText = tr("Cancelled");
    if (m_call) {
        m_call->cancel(); // finished() follows from the event loop
    } else if (!m_request && m_started) {
        // Only this call's wait ends; an exchange other calls share keeps going.
        m_finishedByCancel = true;
        QMetaObject::invokeMethod(this, &SessionCall::finish, Qt::QueuedConnection);
    } else {
        QMetaObject::invokeMethod(this, &SessionCall::finish, Qt::QueuedConnection);
    }
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

EnvironmentSession::EnvironmentSession(Environment environment, QNetworkAccessManager &manager,
                                       const Core::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_env(std::move(environment))
    , m_manager(manager)
    , m_clock(clock)
{}

EnvironmentSession::~EnvironmentSession()
{
    // The calls run on m_client: they go first (each cancels its transfer as it is deleted).
    const auto calls = findChildren<SessionCall *>(Qt::FindDirectChildrenOnly);
    for (SessionCall *call : calls) {
        call->disconnect();
        delete call;
    }
}

NetSuite::NetSuiteClient *EnvironmentSession::client(QString *error)
{
    if (m_client) {
        return m_client.get();
    }
    if (m_env.privateKey.isNull() && m_env.stored.hasPrivateKey && m_loader) {
        if (m_loading) {
            if (error) {
                *error = tr("The private key of “%1” is being read; try again in a moment.")
                             .arg(m_env.name);
            }
            return nullptr;
        }
        // The keychain may run a local event loop meanwhile: m_loading keeps a second call
        // from reading (and building the client) twice.
        m_loading = true;
        QString problem;
        Environment loaded = m_env;
        const bool ok = m_loader(loaded, &problem);
        m_loading = false;
        if (m_client) {
            return m_client.get();
        }
        if (!ok) {
            m_keyError = problem;
            if (error) {
                *error
                    = tr("The private key of “%1” could not be read: %2").arg(m_env.name, problem);
            }
            return nullptr;
        }
        m_env = std::move(loaded);
        m_keyError.clear();
    }
    if (m_env.privateKey.isNull()) {
        if (error) {
            *error = tr("“%1” has no private key yet: run the setup wizard (File ▸ Set up an "
                        "environment), or use a manual bearer token.")
                         .arg(m_env.name);
        }
        return nullptr;
    }
    m_client = std::make_unique<NetSuite::NetSuiteClient>(
        makeConfig(true), Http::Transport(m_manager, transportOptions()), nullptr, &m_clock);
    for (const QString &warning : m_client->warnings()) {
        emit event(TimelineEvent{m_clock.now(), TimelineEvent::Kind::Info, warning, true});
    }
    // The shared exchange, once per exchange, on the engine's timeline (calls show it in
    // their own timelines too).
    connect(&m_client->tokens(), &NetSuite::TokenProvider::exchangeStarted, this, [this] {
        emit event(TimelineEvent{m_clock.now(), TimelineEvent::Kind::Send,
                                 tr("POST %1 (token exchange, a freshly minted assertion)")
                                     .arg(m_env.target.tokenUrlString()),
                                 true});
    });
    connect(&m_client->tokens(), &NetSuite::TokenProvider::exchangeFinished, this,
            [this](int, bool ok, const QString &summary, std::chrono::milliseconds took) {
                emit event(TimelineEvent{
                    m_clock.now(), ok ? TimelineEvent::Kind::Response : TimelineEvent::Kind::Error,
                    Core::redact(tr("Token exchange: %1 (%2 ms)").arg(summary).arg(took.count())),
                    ok});
                emit tokenChanged();
            });
    emit tokenChanged(); // the inspector can now verify signatures against the key
    return m_client.get();
}

std::unique_ptr<NetSuite::NetSuiteClient> EnvironmentSession::makeKeylessClient() const
{
    return std::make_unique<NetSuite::NetSuiteClient>(
        makeConfig(false), Http::Transport(m_manager, transportOptions()), nullptr, &m_clock);
}

QString EnvironmentSession::toCurl(const NetSuite::RestRequest &request, bool revealSecrets) const
{
    if (m_client) {
        return m_client->toCurl(request, revealSecrets);
    }
    return makeKeylessClient()->toCurl(request, revealSecrets);
}

Http::TransportOptions EnvironmentSession::transportOptions() const
{
    Http::TransportOptions transport;
    if (!m_env.stored.extraCaPem.isEmpty()) {
        if (auto cas = Http::loadCaCertificates(m_env.stored.extraCaPem)) {
            transport.extraCaCertificates = *cas;
        }
    }
    return transport;
}

NetSuite::ClientConfig EnvironmentSession::makeConfig(bool withKey) const
{
    NetSuite::ClientConfig config;
    config.target = m_env.target;
    if (auto stored = m_env.stored.assertionRequest()) {
        config.assertion = *stored;
    }
    config.assertion.clientId = m_env.clientId;
    config.assertion.certificateId = m_env.certificateId;
    config.assertion.scopes = m_env.scopes;
    if (withKey) {
        config.key = m_env.privateKey;
    }
    config.connectTo = m_env.connectTo;
    config.routedAccount = m_env.routedAccount;
    if (m_env.stored.concurrencyLimit > 0) {
        config.concurrencyLimit = m_env.stored.concurrencyLimit;
    }
    config.confirmProductionWrite = m_confirm;
    return config;
}

TokenState EnvironmentSession::tokenState() const
{
    if (m_failing) {
        return TokenState::Failing;
    }
    if (!m_client) {
        return TokenState::None;
    }
    if (m_client->tokens().cached()) {
        return TokenState::Valid;
    }
    return m_client->tokens().exchangeCount() > 0 ? TokenState::Expired : TokenState::None;
}

qint64 EnvironmentSession::tokenExpiresAt() const
{
    const NetSuite::TokenHandle token = m_client ? m_client->tokens().cached() : nullptr;
    if (!token) {
        return 0;
    }
    return m_clock.nowSeconds() + token->cacheLifetime().count() - token->ageMs() / 1000;
}

QByteArray EnvironmentSession::lastAccessToken() const
{
    const NetSuite::TokenHandle token = m_client ? m_client->tokens().cached() : nullptr;
    return token ? token->exposeForApi() : QByteArray();
}

QByteArray EnvironmentSession::mintAssertionForInspection(QString *error)
{
    NetSuite::NetSuiteClient *c = client(error);
    if (!c) {
        return {};
    }
    auto assertion = NetSuite::buildAssertion(c->tokens().config().assertion,
                                              c->tokens().config().key, m_clock);
    if (!assertion) {
        if (error) {
            *error = assertion.error().message;
        }
        return {};
    }
    return assertion->compact;
}

NetSuite::InspectionContext EnvironmentSession::inspectionContext() const
{
    NetSuite::InspectionContext context = NetSuite::InspectionContext::forTarget(m_env.target);
    if (m_env.routedAccount) {
        // The emulator plays this account: an assertion is right when it is right for it.
        context.account = m_env.routedAccount;
        context.tokenUrl.clear();
    }
    context.clientId = m_env.clientId;
    context.certificateId = m_env.certificateId;
    context.certificate = m_env.certificate;
    if (!m_env.certificate && !m_env.privateKey.isNull()) {
        context.publicKey = m_env.privateKey.publicKey();
    }
    return context;
}

SessionCall *EnvironmentSession::testConnection()
{
    NetSuite::RestRequest request;
    QUrl url = m_env.target.restRecordBase();
    url.setPath(url.path() + QStringLiteral("/customer"));
    url.setQuery(QStringLiteral("limit=1"));
    request.url = url;
    auto *call = new SessionCall(*this, std::move(request), true);
    call->setRequireSuccess(true);
    return call;
}

SessionCall *EnvironmentSession::execute(NetSuite::RestRequest request)
{
    return new SessionCall(*this, std::move(request), false);
}

SessionCall *EnvironmentSession::fetchToken()
{
    return new SessionCall(*this, std::nullopt, true);
}

void EnvironmentSession::forgetToken()
{
    if (m_client) {
        m_client->tokens().clear();
    }
    emit tokenChanged();
}

void EnvironmentSession::markFailing(bool failing)
{
    if (m_failing != failing) {
        m_failing = failing;
        emit tokenChanged();
    }
}

} // namespace Sb::App
