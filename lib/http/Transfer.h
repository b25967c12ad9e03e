// SPDX-License-Identifier: MIT
// Internal to lib/http: one attempt of an HttpCall. Use HttpCall instead.
#pragma once

#include "http/Request.h"
#include "http/ResponseRecord.h"
#include "http/Transport.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

class QNetworkReply;

namespace Sb::Http {

/**
 * One attempt: sends the request (following same-origin redirects if asked), enforces the
 * deadline and the size cap, classifies the outcome and emits finished() exactly once -
 * possibly from inside start() or cancel(). Never calls ignoreSslErrors().
 */
class Transfer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Transfer)

public:
    /** @p origin is the call's monotonic clock; Timings offsets are measured from it. */
    Transfer(const Transport &transport, const Request &request, int attempt,
             const QElapsedTimer &origin, QObject *parent = nullptr);
    ~Transfer() override;

    void start();
    void cancel();
    [[nodiscard]] bool isDone() const { return m_done; }
    /** The record (without attempts); valid after finished(). */
    [[nodiscard]] ResponseRecord takeResult() { return std::move(m_record); }

signals:
    void finished();

private:
    void send(const QUrl &url, Method method, const QByteArray &body);
    void onMetaDataChanged();
    void onReadyRead();
    void onReplyFinished();
    void abortWith(ErrorKind kind, const QString &message);
    void complete(ErrorKind kind, const QString &message);
    [[nodiscard]] std::chrono::milliseconds elapsed() const;
    [[nodiscard]] bool followRedirect(const QUrl &target, QString *whyNot);

    Transport m_transport;
    Request m_request;
    int m_attempt;
    QElapsedTimer m_origin;

    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    QUrl m_currentUrl;
    Method m_currentMethod = Method::Get;
    QByteArray m_currentBody;
    QList<QUrl> m_hops;
    bool m_headersSeen = false;
    bool m_done = false;
    std::optional<ErrorKind> m_abortKind;
    QString m_abortMessage;
    QStringList m_tlsErrors;
    QByteArray m_body;
    qint64 m_bytes = 0;
    ResponseRecord m_record;
};

} // namespace Sb::Http
