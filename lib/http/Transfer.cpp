// SPDX-License-Identifier: MIT
#include "http/Transfer.h"

#include "core/Redaction.h"
#include "http/Tr.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>

#include <algorithm>
#include <limits>

namespace Sb::Http {

namespace {

Q_LOGGING_CATEGORY(lcHttp, "sb.http", QtInfoMsg)

QString formatSize(qint64 bytes)
{
    constexpr qint64 kib = 1024;
    constexpr qint64 mib = kib * 1024;
    if (bytes >= mib && bytes % mib == 0) {
        return Tr::tr("%1 MiB").arg(bytes / mib);
    }
    if (bytes >= mib) {
        return Tr::tr("%1 MiB").arg(double(bytes) / double(mib), 0, 'f', 1);
    }
    if (bytes >= kib && bytes % kib == 0) {
        return Tr::tr("%1 KiB").arg(bytes / kib);
    }
    return Tr::tr("%1 bytes").arg(bytes);
}

QString formatSeconds(std::chrono::milliseconds duration)
{
    return QString::number(double(duration.count()) / 1000.0, 'g', 3);
}

int toQtMilliseconds(std::chrono::milliseconds duration)
{
    return int(std::clamp<qint64>(duration.count(), 0, std::numeric_limits<int>::max()));
}

bool hasContentEncoding(const QList<Header> &headers)
{
    const auto encoding = findHeader(headers, "Content-Encoding");
    return encoding && !encoding->trimmed().isEmpty()
           && encoding->trimmed().compare("identity", Qt::CaseInsensitive) != 0;
}

// Qt turns some HTTP statuses into QNetworkReply errors (404 → ContentNotFoundError, 500 →
// InternalServerError, …). Those are not transport failures: the response is complete.
// Qt reports an HTTP error status as a NetworkError too: 201-299 for 4xx content errors,
// 401-499 for 5xx, and ProtocolInvalidOperationError (302) for a plain 400 Bad Request.
bool isStatusDerivedError(QNetworkReply::NetworkError error)
{
    const int code = int(error);
    return (code >= 201 && code <= 299) || (code >= 401 && code <= 499)
           || error == QNetworkReply::ProtocolInvalidOperationError;
}

} // namespace

Transfer::Transfer(const Transport &transport, const Request &request, int attempt,
                   const QElapsedTimer &origin, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_request(request)
    , m_attempt(attempt)
    , m_origin(origin)
{
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        abortWith(ErrorKind::Timeout, Tr::tr("no complete response within the %1 s deadline")
                                          .arg(formatSeconds(m_request.limits.deadline)));
    });
}

Transfer::~Transfer()
{
    if (m_reply) {
        // Abort silently: nobody is listening for this attempt any more.
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

std::chrono::milliseconds Transfer::elapsed() const
{
    return std::chrono::milliseconds{m_origin.elapsed()};
}

void Transfer::start()
{
    m_record.attempt = m_attempt;
    m_record.url = m_request.url;
    m_record.requestBytes = m_request.body.size();
    m_record.timings.started = elapsed();

    if (const QString problem = validateRequest(m_request); !problem.isEmpty()) {
        complete(ErrorKind::InvalidRequest, problem);
        return;
    }
    if (!m_transport.manager()) {
        complete(ErrorKind::Other, Tr::tr("the network manager of this environment is gone"));
        return;
    }
    m_deadline.start(std::max<qint64>(m_request.limits.deadline.count(), 1));
    send(m_request.url, m_request.method, m_request.body);
}

void Transfer::send(const QUrl &url, Method method, const QByteArray &body)
{
    m_currentUrl = url;
    m_currentMethod = method;
    m_currentBody = body;
    m_headersSeen = false;
    m_body.clear();
    m_bytes = 0;

    QNetworkRequest request(url);
    for (const Header &header : std::as_const(m_request.headers)) {
        request.setRawHeader(header.name, header.value);
    }
    // Redirects are ours to judge (RedirectMode): Qt 6's default policy would follow a
    // cross-host redirect and send Authorization along (security doc §0 item 1).
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    // No cookies in either direction, whatever jar the manager has: a replayed session cookie
    // makes NetSuite reject a fresh token with INVALID_LOGIN.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    // Never let Qt answer a 401 challenge with cached credentials of an earlier request.
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, m_transport.http2Allowed());
    request.setTransferTimeout(toQtMilliseconds(m_request.limits.transferTimeout));
    if (url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0) {
        // The environment's CA list, for every request of it (see Transport).
        request.setSslConfiguration(m_transport.sslConfiguration());
    }

    QNetworkAccessManager *manager = m_transport.manager();
    if (!manager) {
        complete(ErrorKind::Other, Tr::tr("the network manager of this environment is gone"));
        return;
    }
    QNetworkReply *reply = nullptr;
    switch (method) {
    case Method::Get:
        reply = body.isEmpty() ? manager->get(request)
                               : manager->sendCustomRequest(request, "GET", body);
        break;
    case Method::Head:
        reply = manager->head(request);
        break;
    case Method::Post:
        reply = manager->post(request, body);
        break;
    case Method::Put:
        reply = manager->put(request, body);
        break;
    case Method::Delete:
        reply = body.isEmpty() ? manager->deleteResource(request)
                               : manager->sendCustomRequest(request, "DELETE", body);
        break;
    case Method::Patch:
    case Method::Options:
        reply = manager->sendCustomRequest(request, methodName(method), body);
        break;
    }
    m_reply = reply;
    qCDebug(lcHttp).noquote() << "attempt" << m_attempt << methodName(method)
                              << Core::redact(url.toDisplayString());

    connect(reply, &QNetworkReply::requestSent, this, [this] {
        if (!m_record.timings.sent) {
            m_record.timings.sent = elapsed();
        }
    });
    connect(reply, &QNetworkReply::metaDataChanged, this, &Transfer::onMetaDataChanged);
    connect(reply, &QNetworkReply::readyRead, this, &Transfer::onReadyRead);
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Recorded for the user, never ignored: an untrusted certificate is a failure.
        for (const QSslError &error : errors) {
            m_tlsErrors.append(error.errorString());
        }
    });
    connect(reply, &QNetworkReply::finished, this, &Transfer::onReplyFinished);
    // Replies are children of the manager: if it dies mid-transfer, say so at once instead of
    // waiting for the deadline. (Our own deletions disconnect first.)
    connect(reply, &QObject::destroyed, this, [this] {
        if (!m_done) {
            m_reply = nullptr;
            complete(ErrorKind::Other, Tr::tr("the network manager of this environment is gone"));
        }
    });
}

void Transfer::onMetaDataChanged()
{
    if (!m_reply || m_done) {
        return;
    }
    if (!m_record.timings.firstByte) {
        m_record.timings.firstByte = elapsed();
    }
    m_headersSeen = true;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool encoded = m_reply->hasRawHeader("Content-Encoding")
                         && m_reply->rawHeader("Content-Encoding")
                                    .trimmed()
                                    .compare("identity", Qt::CaseInsensitive)
                                != 0;
    bool lengthOk = false;
    const qint64 length = m_reply->rawHeader("Content-Length").trimmed().toLongLong(&lengthOk);
    // Refuse early what is announced too large, without downloading it. Only for an identity
    // encoding: with gzip the announced length is not the size we cap.
    if (status > 0 && !encoded && lengthOk && length > m_request.limits.maxResponseBytes
        && m_currentMethod != Method::Head) {
        abortWith(ErrorKind::TooLarge,
                  Tr::tr("response of %1 refused: the limit is %2")
                      .arg(formatSize(length), formatSize(m_request.limits.maxResponseBytes)));
    }
}

void Transfer::onReadyRead()
{
    if (!m_reply || m_done) {
        return;
    }
    const qint64 cap = m_request.limits.maxResponseBytes;
    const qint64 available = m_reply->bytesAvailable();
    const qint64 room = std::max<qint64>(cap - m_bytes, 0);
    const bool over = available > room;
    const QByteArray chunk = over ? m_reply->read(room) : m_reply->readAll();
    m_bytes += chunk.size();

    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool redirectBody = status >= 300 && status < 400;
    if (m_request.bodySink && !redirectBody) {
        if (!chunk.isEmpty() && !m_request.bodySink(m_attempt, chunk)) {
            abortWith(ErrorKind::Other, Tr::tr("the response body could not be stored"));
            return;
        }
    } else {
        m_body.append(chunk);
    }
    if (over) {
        abortWith(ErrorKind::TooLarge, Tr::tr("response truncated at %1").arg(formatSize(cap)));
    }
}

bool Transfer::followRedirect(const QUrl &target, QString *whyNot)
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_request.limits.redirects != RedirectMode::FollowSameOrigin) {
        return false;
    }
    // Security: only the very same origin (scheme, host and port) may receive the request
    // again, credentials included. Anything else goes back to the caller (S1, S3).
    if (!isSameOrigin(m_currentUrl, target)) {
        *whyNot = Tr::tr("not followed: another origin");
        return false;
    }
    const int maxHops = std::clamp(m_request.limits.maxRedirects, 0, 3);
    if (m_hops.size() >= maxHops) {
        *whyNot = Tr::tr("not followed: too many redirects (limit %1)").arg(maxHops);
        return false;
    }
    Method method = m_currentMethod;
    QByteArray body = m_currentBody;
    if (status == 303) {
        if (method != Method::Head) {
            method = Method::Get;
        }
        body.clear();
    } else if (status == 301 || status == 302) {
        // Browsers turn these into GET for POST; RFC 9110 leaves it open. Ambiguous for a
        // write, so only GET and HEAD are followed.
        if (method != Method::Get && method != Method::Head) {
            *whyNot = Tr::tr("not followed: a %1 redirect of a %2 request is ambiguous")
                          .arg(status)
                          .arg(QString::fromLatin1(methodName(method)));
            return false;
        }
    } else if (status != 307 && status != 308) {
        *whyNot = Tr::tr("not followed: status %1").arg(status);
        return false;
    }

    m_hops.append(target);
    QNetworkReply *old = m_reply;
    m_reply = nullptr;
    old->disconnect(this);
    old->deleteLater();
    send(target, method, body);
    return true;
}

void Transfer::onReplyFinished()
{
    if (!m_reply || m_done) {
        return;
    }
    QNetworkReply *reply = m_reply;
    m_record.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_record.reasonPhrase
        = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().toLatin1();
    m_record.headers.clear();
    for (const auto &pair : reply->rawHeaderPairs()) {
        m_record.headers.append({pair.first, pair.second});
    }
    m_record.http2 = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    m_record.url = m_currentUrl;

    // Drain what is left (finished can arrive with unread bytes); this may hit the cap.
    if (!m_abortKind && reply->bytesAvailable() > 0) {
        onReadyRead();
        if (m_done) {
            return;
        }
    }

    const int status = m_record.status;
    const QNetworkReply::NetworkError error = reply->error();
    const bool encoded = hasContentEncoding(m_record.headers);
    const QString qtMessage = Core::redact(reply->errorString());

    ErrorKind kind = ErrorKind::None;
    QString message;
    if (m_abortKind) {
        kind = *m_abortKind;
        message = m_abortMessage;
    } else {
        switch (error) {
        case QNetworkReply::NoError:
            break;
        case QNetworkReply::OperationCanceledError:
        case QNetworkReply::TimeoutError:
            // We never abort() without setting m_abortKind, so this is Qt's transfer timeout
            // (S7); it must not look like a user's cancel.
            kind = ErrorKind::TransferTimeout;
            message = Tr::tr("no progress for %1 s")
                          .arg(formatSeconds(m_request.limits.transferTimeout));
            break;
        case QNetworkReply::ConnectionRefusedError:
            kind = ErrorKind::ConnectionRefused;
            break;
        case QNetworkReply::HostNotFoundError:
            kind = ErrorKind::HostNotFound;
            break;
        case QNetworkReply::SslHandshakeFailedError:
            kind = ErrorKind::Tls;
            break;
        case QNetworkReply::RemoteHostClosedError:
            // S8: Qt reports this with status 200 and a partial body.
            kind = status > 0 ? ErrorKind::Truncated : ErrorKind::RemoteClosed;
            break;
        case QNetworkReply::UnknownContentError:
            if (encoded && (status < 400 || qtMessage.contains(QLatin1String("ecompress")))) {
                kind = ErrorKind::Decompression; // S5: Qt's bomb check, or a corrupt stream
            } else if (status < 400) {
                kind = ErrorKind::Other;
            }
            break;
        default:
            if (!(status >= 400 && isStatusDerivedError(error))) {
                kind = ErrorKind::Other;
            }
            break;
        }
        if (kind != ErrorKind::None && message.isEmpty()) {
            message = qtMessage;
        }
        // Belt and braces for S8: an identity body shorter than its Content-Length is never a
        // success, whatever Qt said.
        bool lengthOk = false;
        const auto lengthHeader = findHeader(m_record.headers, "Content-Length");
        const qint64 length = lengthHeader ? lengthHeader->trimmed().toLongLong(&lengthOk) : 0;
        if (kind == ErrorKind::None && lengthOk && !encoded && m_currentMethod != Method::Head
            && status != 204 && status != 304 && m_bytes < length) {
            kind = ErrorKind::Truncated;
            message = Tr::tr("body ended after %1 of %2 bytes").arg(m_bytes).arg(length);
        }
        if (kind == ErrorKind::Truncated && message == qtMessage) {
            message = Tr::tr("the connection closed before the body was complete (%1 bytes "
                             "received): %2")
                          .arg(m_bytes)
                          .arg(qtMessage);
        }
    }

    // 3xx with a target: follow (same origin, if asked) or hand back.
    if (kind == ErrorKind::None && status >= 300 && status < 400) {
        QUrl target = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
        if (!target.isValid() && reply->hasRawHeader("Location")) {
            target = QUrl::fromEncoded(reply->rawHeader("Location").trimmed());
        }
        if (target.isValid() && !target.isEmpty()) {
            target = m_currentUrl.resolved(target);
            QString whyNot;
            if (followRedirect(target, &whyNot)) {
                return;
            }
            kind = ErrorKind::Redirect;
            m_record.location = target;
            message = Tr::tr("redirected to %1").arg(Core::redact(target.toDisplayString()));
            if (!whyNot.isEmpty()) {
                message += QStringLiteral(" (") + whyNot + u')';
            }
        }
    }
    complete(kind, message);
}

void Transfer::abortWith(ErrorKind kind, const QString &message)
{
    if (m_done || m_abortKind) {
        return;
    }
    m_abortKind = kind;
    m_abortMessage = message;
    if (m_reply) {
        m_reply->abort(); // emits finished synchronously → onReplyFinished → complete
    }
    if (!m_done) {
        complete(kind, message);
    }
}

void Transfer::cancel()
{
    abortWith(ErrorKind::Cancelled, Tr::tr("cancelled"));
}

void Transfer::complete(ErrorKind kind, const QString &message)
{
    if (m_done) {
        return;
    }
    m_done = true;
    m_deadline.stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        if (!reply->isFinished()) {
            reply->abort();
        }
        reply->deleteLater();
    }
    m_record.error = kind;
    m_record.errorMessage = message;
    m_record.tlsErrors = m_tlsErrors;
    m_record.redirectsFollowed = m_hops;
    m_record.responseBytes = m_bytes;
    m_record.timings.done = elapsed();
    // The body is only a body when the exchange completed (see ResponseRecord).
    if (kind == ErrorKind::None) {
        m_record.body = std::move(m_body);
    } else {
        m_record.partialBody = std::move(m_body);
    }
    m_body.clear();
    qCDebug(lcHttp).noquote() << "attempt" << m_attempt << "done:" << m_record.status
                              << errorKindName(kind) << message << m_record.timings.done.count()
                              << "ms";
    emit finished();
}

} // namespace Sb::Http
