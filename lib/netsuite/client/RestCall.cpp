// SPDX-License-Identifier: MIT
#include "netsuite/client/RestCall.h"

#include "core/Redaction.h"
#include "crypto/SecureBytes.h"
#include "netsuite/Tr.h"
#include "netsuite/client/NetSuiteClient.h"

#include <memory>

namespace Sb::NetSuite {

namespace {

constexpr QLatin1String idempotencyCode{"IDEMPOTENCY_ERROR"};

std::optional<QDateTime> dateOf(const Http::AttemptRecord &record)
{
    const auto value = record.header("Date");
    if (!value) {
        return std::nullopt;
    }
    const QDateTime date
        = QDateTime::fromString(QString::fromLatin1(value->trimmed()), Qt::RFC2822Date);
    return date.isValid() ? std::optional<QDateTime>(date.toUTC()) : std::nullopt;
}

QUrl originOf(const QUrl &url)
{
    QUrl origin;
    origin.setScheme(url.scheme());
    origin.setHost(url.host());
    origin.setPort(url.port());
    return origin;
}

} // namespace

QString restStatusName(RestStatus status)
{
    switch (status) {
    case RestStatus::Succeeded:
        return QStringLiteral("succeeded");
    case RestStatus::HttpError:
        return QStringLiteral("http-error");
    case RestStatus::AlreadyApplied:
        return QStringLiteral("already-applied");
    case RestStatus::OutcomeUnknown:
        return QStringLiteral("outcome-unknown");
    case RestStatus::NetworkError:
        return QStringLiteral("network-error");
    case RestStatus::TokenFailed:
        return QStringLiteral("token-failed");
    case RestStatus::GuardRefused:
        return QStringLiteral("guard-refused");
    case RestStatus::InvalidRequest:
        return QStringLiteral("invalid-request");
    case RestStatus::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

RestCall::RestCall(NetSuiteClient &client, RestRequest request, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_request(std::move(request))
{}

RestCall::~RestCall()
{
    if (m_http) {
        m_http->disconnect(this);
        delete m_http.data(); // aborts the transfer and frees its limiter slot
    }
    Crypto::cleanse(m_attemptBody);
}

RetrySubject RestCall::subject() const
{
    RetrySubject s;
    s.method = m_request.method;
    s.readOnly = m_request.readOnly;
    s.async = m_request.async;
    s.hasIdempotencyKey = !m_key.isEmpty();
    s.keyProtectsSyncWrite = m_request.retryUnknownOutcome;
    return s;
}

void RestCall::start()
{
    if (m_started) {
        return;
    }
    m_started = true;
    const Target &target = m_client.target();
    if (!m_request.url.isValid() || m_request.url.isRelative() || m_request.url.host().isEmpty()) {
        RestResult result;
        result.status = RestStatus::InvalidRequest;
        result.message
            = Tr::tr("not an absolute URL: %1").arg(m_request.url.toDisplayString().left(200));
        finish(std::move(result));
        return;
    }
    if (auto refusal = checkUrlGuard(target, m_request.url)) {
        finishRefused(*refusal);
        return;
    }
    if ((m_request.method == Http::Method::Post || m_request.method == Http::Method::Patch)
        && !m_request.readOnly) {
        // One key per logical write, kept across retries and the re-mint, so NetSuite can
        // recognise a repeat (facts §5).
        m_key
            = m_request.idempotencyKey.isEmpty() ? Crypto::randomUuid() : m_request.idempotencyKey;
    }
    if (needsProductionWritePermission(target, m_request.method)
        && !(m_client.config().allowProductionWrites || m_request.allowProductionWrite)) {
        const GuardRefusal refusal
            = productionWriteRefusal(target, m_request.method, m_request.url);
        if (!m_client.config().confirmProductionWrite) {
            finishRefused(refusal);
            return;
        }
        WriteConfirmation question;
        question.method = m_request.method;
        question.url = m_request.url;
        question.accountText
            = target.kind().displayName()
              + (target.account() ? QStringLiteral(" ") + target.account()->canonical()
                                  : QString());
        question.message
            = Tr::tr("%1 %2 changes data in %3. Send it?")
                  .arg(QString::fromLatin1(Http::methodName(m_request.method)),
                       m_request.url.toDisplayString(QUrl::RemoveQuery), question.accountText);
        QPointer<RestCall> self(this);
        auto answered = std::make_shared<bool>(false);
        m_client.config().confirmProductionWrite(question, [self, answered, refusal](bool allowed) {
            if (!self || *answered || self->m_finished) {
                return;
            }
            *answered = true;
            if (allowed) {
                self->askToken();
            } else {
                self->finishRefused(refusal);
            }
        });
        return;
    }
    askToken();
}

void RestCall::finishRefused(const GuardRefusal &refusal)
{
    RestResult result;
    result.status = RestStatus::GuardRefused;
    result.guard = refusal;
    result.message = refusal.message;
    result.record.url = m_request.url;
    finish(std::move(result));
}

void RestCall::askToken()
{
    if (m_finished) {
        return;
    }
    if (m_request.auth != RestAuth::EnvironmentToken) {
        send(); // the caller's own bearer, or none: no exchange, no re-mint
        return;
    }
    m_awaitingToken = true;
    emit tokenRequested();
    const int before = m_client.tokens().exchangeCount();
    const bool running = m_client.tokens().exchangeRunning();
    m_client.tokens().acquire(this, [this, before, running](const TokenResult &token) {
        const int after = m_client.tokens().exchangeCount();
        const int waitedFor = after - before + (running ? 1 : 0);
        m_exchangesSeen += waitedFor;
        m_freshToken = waitedFor > 0;
        onToken(token);
    });
}

void RestCall::onToken(const TokenResult &token)
{
    m_awaitingToken = false;
    if (m_finished) {
        return;
    }
    if (!token) {
        RestResult result;
        const TokenError &error = token.error();
        result.status = error.code == TokenError::Code::Guard       ? RestStatus::GuardRefused
                        : error.code == TokenError::Code::Cancelled ? RestStatus::Cancelled
                                                                    : RestStatus::TokenFailed;
        result.tokenError = error;
        result.guard = error.guard;
        result.diagnosis = error.diagnosis;
        result.message = error.message;
        result.record.url = m_request.url;
        result.reminted = m_reminted;
        finish(std::move(result));
        return;
    }
    m_token = *token;
    emit tokenReady(m_token->serial(), m_freshToken);
    if (!m_finished) {
        send();
    }
}

void RestCall::send()
{
    RestRequest keyed = m_request;
    keyed.idempotencyKey = m_key;
    Http::Request http = m_client.wireRequest(keyed, m_token);
    m_attemptBody.clear();
    m_attemptOfBody = 0;
    // The body arrives through a sink so the retry rules can read a failed attempt's body
    // (the RESTlet-style 400 SSS_REQUEST_LIMIT_EXCEEDED); lib/http still enforces the cap.
    QPointer<RestCall> self(this);
    http.bodySink = [self](int attempt, QByteArrayView chunk) {
        if (!self) {
            return false;
        }
        if (attempt != self->m_attemptOfBody) {
            Crypto::cleanse(self->m_attemptBody);
            self->m_attemptBody.clear();
            self->m_attemptOfBody = attempt;
        }
        self->m_attemptBody.append(chunk.data(), chunk.size());
        return true;
    };
    const Http::BackoffPolicy policy = m_client.config().backoff;
    Http::RetryPolicy retry;
    retry.maxAttempts = policy.maxAttempts;
    retry.shouldRetry = [self, policy](int attempt, const Http::AttemptRecord &last) {
        if (!self) {
            return Http::RetryDecision::stop();
        }
        const QByteArrayView body = self->m_attemptOfBody == attempt
                                        ? QByteArrayView(self->m_attemptBody)
                                        : QByteArrayView();
        return decideRetry(policy, attempt, last, body, self->subject(), self->m_client.clock(),
                           self->m_client.config().random);
    };
    Http::CallContext context(m_client.m_transport);
    context.limiter = m_client.m_limiter;
    context.limiterKey = m_client.m_limiterKey;
    context.clock = m_client.m_clock;
    auto *call = new Http::HttpCall(context, std::move(http), std::move(retry), this);
    m_http = call;
    connect(call, &Http::HttpCall::attemptStarted, this, &RestCall::attemptStarted);
    connect(call, &Http::HttpCall::attemptFinished, this, [this](const Http::AttemptRecord &r) {
        Http::AttemptRecord shown = r;
        shown.url = m_client.routing().unroute(r.url, originOf(m_request.url));
        emit attemptFinished(shown);
    });
    connect(call, &Http::HttpCall::waiting, this, &RestCall::waiting);
    connect(call, &Http::HttpCall::finished, this, &RestCall::onHttpFinished);
    call->start();
}

Http::ResponseRecord RestCall::shownRecord(Http::ResponseRecord record) const
{
    const Routing &routing = m_client.routing();
    const QUrl origin = originOf(m_request.url);
    const auto fix = [&](Http::AttemptRecord &a) {
        a.url = routing.unroute(a.url, origin);
        a.location = routing.unroute(a.location, origin);
        for (QUrl &hop : a.redirectsFollowed) {
            hop = routing.unroute(hop, origin);
        }
        for (Http::Header &h : a.headers) {
            if (h.name.compare("Location", Qt::CaseInsensitive) == 0
                || h.name.compare("Content-Location", Qt::CaseInsensitive) == 0) {
                const QUrl shown = routing.unroute(
                    QUrl(QString::fromLatin1(h.value.trimmed()), QUrl::StrictMode), origin);
                if (shown.isValid()) {
                    h.value = shown.toString(QUrl::FullyEncoded).toLatin1();
                }
            }
        }
    };
    fix(record);
    for (Http::AttemptRecord &a : record.attempts) {
        fix(a);
    }
    return record;
}

Diagnosis RestCall::diagnoseFailure(const Http::ResponseRecord &record) const
{
    FailureInput input;
    const bool restlet
        = m_request.url.path().contains(QLatin1String("/app/site/hosting/restlet.nl"));
    input.phase = restlet ? FailurePhase::RestletCall : FailurePhase::RestCall;
    input.httpStatus
        = record.error == Http::ErrorKind::None || record.error == Http::ErrorKind::Redirect
              ? record.status
              : 0;
    input.body = record.body;
    input.wwwAuthenticate = record.header("WWW-Authenticate").value_or(QByteArray());
    input.networkError = toNetworkErrorKind(record.error);
    input.networkErrorText = record.errorMessage;
    input.tokenFreshlyMinted = m_freshToken || m_reminted;
    input.requestsInFlight = m_client.m_limiter->inFlight(m_client.m_limiterKey) + 1;
    input.concurrencyLimit = m_client.concurrencyLimit();
    input.previouslySucceeded = true; // a token was issued for this call
    input.target = m_client.target();
    input.serverDate = dateOf(record);
    return diagnose(input, m_client.clock());
}

void RestCall::onHttpFinished(const Http::ResponseRecord &finished)
{
    Http::ResponseRecord record = finished;
    if (m_http) {
        m_http->disconnect(this);
        m_http->deleteLater();
        m_http = nullptr;
    }
    // The body came through the sink: it belongs to the final attempt only when that attempt
    // completed (ResponseRecord's guarantee, kept here).
    const bool bodyIsFinal = m_attemptOfBody == record.attempt;
    if (record.error == Http::ErrorKind::None) {
        record.body = bodyIsFinal ? m_attemptBody : QByteArray();
    } else if (bodyIsFinal) {
        record.partialBody = m_attemptBody;
    }
    Crypto::cleanse(m_attemptBody);
    m_attemptBody.clear();
    m_attemptOfBody = 0;

    if (record.error == Http::ErrorKind::None && record.status == 401 && !m_reminted && !m_cancelled
        && m_request.auth == RestAuth::EnvironmentToken) {
        // S11: one re-mint and one retry, never a loop. The token is dropped only if it is
        // still the cached one; another call may have re-minted already.
        m_reminted = true;
        m_earlierAttempts += record.attempts;
        m_client.tokens().invalidate(m_token);
        m_token.reset();
        emit reminting();
        askToken();
        return;
    }

    record.attempts = m_earlierAttempts + record.attempts;
    record = shownRecord(std::move(record));
    RestResult result;
    result.idempotencyKey = m_key;
    result.tokenExchanges = m_exchangesSeen;
    result.reminted = m_reminted;
    if (const auto location = record.header("Location")) {
        result.location = QUrl(QString::fromLatin1(location->trimmed()), QUrl::StrictMode);
    }
    const RetrySubject what = subject();
    const QString method = QString::fromLatin1(Http::methodName(m_request.method));

    if (record.error == Http::ErrorKind::None && record.status >= 200 && record.status < 300) {
        result.status = RestStatus::Succeeded;
        result.message = Tr::tr("HTTP %1").arg(record.status);
    } else if (record.error == Http::ErrorKind::None || record.error == Http::ErrorKind::Redirect) {
        const ServerError server = parseServerError(record.body, {});
        if (!m_key.isEmpty() && server.restErrorCode == idempotencyCode
            && !result.location.isEmpty()) {
            // NetSuite answers a repeated key with the earlier request's Location (facts §5):
            // that write went through, so this one is reported as done, not as an error.
            result.status = RestStatus::AlreadyApplied;
            result.message = Tr::tr("already applied: an earlier %1 with idempotency key %2 "
                                    "went through (%3)")
                                 .arg(method, m_key, result.location.toDisplayString());
        } else {
            result.status = RestStatus::HttpError;
            result.diagnosis = diagnoseFailure(record);
            result.message
                = record.error == Http::ErrorKind::Redirect
                      ? Tr::tr("HTTP %1: redirected to %2, not followed (credentials stay on the "
                               "account)")
                            .arg(QString::number(record.status), record.location.toDisplayString())
                      : Tr::tr("HTTP %1: %2")
                            .arg(QString::number(record.status), result.diagnosis->title);
        }
    } else if (record.error == Http::ErrorKind::InvalidRequest) {
        result.status = RestStatus::InvalidRequest;
        result.message = Core::redact(record.errorMessage);
    } else if (isOutcomeUnknown(what, record)) {
        result.status = RestStatus::OutcomeUnknown;
        result.diagnosis = diagnoseFailure(record);
        result.message = Tr::tr("outcome unknown: the %1 was sent but no complete answer came "
                                "back (%2), so NetSuite may or may not have applied it. Its "
                                "idempotency key was %3: repeat it with that same key to find "
                                "out safely.")
                             .arg(method, Core::redact(record.errorMessage), m_key);
    } else if (record.error == Http::ErrorKind::Cancelled) {
        result.status = RestStatus::Cancelled;
        result.message = Core::redact(record.errorMessage);
    } else {
        result.status = RestStatus::NetworkError;
        result.diagnosis = diagnoseFailure(record);
        result.message = Core::redact(record.errorMessage);
    }
    result.record = std::move(record);
    finish(std::move(result));
}

void RestCall::cancel()
{
    if (m_finished || m_cancelled) {
        return;
    }
    m_cancelled = true;
    if (m_http) {
        m_http->cancel(); // → onHttpFinished with Cancelled (or OutcomeUnknown for a write)
        return;
    }
    RestResult result;
    result.status = RestStatus::Cancelled;
    result.message = Tr::tr("cancelled before it was sent");
    result.record.url = m_request.url;
    result.idempotencyKey = m_key;
    finish(std::move(result));
}

void RestCall::finish(RestResult result)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_token.reset();
    m_result = std::move(result);
    // Always from the event loop, like HttpCall: a caller may delete the call in its slot.
    QMetaObject::invokeMethod(
        this, [this] { emit finished(m_result); }, Qt::QueuedConnection);
}

} // namespace Sb::NetSuite
