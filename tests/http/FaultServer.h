// SPDX-License-Identifier: MIT
// An in-process HTTP/1.1 fault server for lib/http tests: loopback only, port 0, keep-alive,
// one handler per test. Header-only and without Q_OBJECT so each test file can include it.
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <functional>
#include <memory>

namespace SbTest {

/** One request as the server parsed it. */
struct ReceivedRequest
{
    QByteArray method;
    QByteArray target;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    [[nodiscard]] bool hasHeader(QByteArrayView name) const
    {
        return std::any_of(headers.begin(), headers.end(), [name](const auto &h) {
            return QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0;
        });
    }
    [[nodiscard]] QByteArray header(QByteArrayView name) const
    {
        for (const auto &h : headers) {
            if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0) {
                return h.second;
            }
        }
        return {};
    }
};

/**
 * Accepts connections, parses requests (Content-Length bodies only) and hands each to the
 * handler, which writes whatever it likes - including nothing, or half a response.
 * Counts requests in flight: a request is in flight from parsing until respond() or the
 * socket closing.
 */
class FaultServer
{
public:
    using Handler = std::function<void(QTcpSocket *socket, const ReceivedRequest &request)>;

    explicit FaultServer(std::unique_ptr<QTcpServer> server = std::make_unique<QTcpServer>())
        : m_server(std::move(server))
    {
        // pendingConnectionAvailable (Qt 6.4) is emitted by QTcpServer and, after the
        // handshake, by QSslServer.
        QObject::connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, m_server.get(),
                         [this] { acceptAll(); });
    }

    ~FaultServer() { close(); }

    FaultServer(const FaultServer &) = delete;
    FaultServer &operator=(const FaultServer &) = delete;

    bool listen(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost))
    {
        m_address = address;
        return m_server->listen(address, 0); // never a fixed port
    }

    void close()
    {
        if (!m_server) {
            return;
        }
        m_server->close();
        const auto sockets = m_server->findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
        for (QTcpSocket *socket : sockets) {
            socket->disconnect();
            socket->abort();
            delete socket;
        }
        m_buffers.clear();
    }

    [[nodiscard]] QTcpServer *server() const { return m_server.get(); }
    [[nodiscard]] quint16 port() const { return m_server->serverPort(); }
    [[nodiscard]] QUrl url(const QString &path = QStringLiteral("/"),
                           const QString &scheme = QStringLiteral("http"),
                           const QString &host = {}) const
    {
        QUrl url;
        url.setScheme(scheme);
        url.setHost(host.isEmpty() ? m_address.toString() : host);
        url.setPort(port());
        url.setPath(path);
        return url;
    }

    void setHandler(Handler handler) { m_handler = std::move(handler); }

    [[nodiscard]] const QList<ReceivedRequest> &requests() const { return m_requests; }
    [[nodiscard]] int connectionCount() const { return m_connections; }
    [[nodiscard]] int inFlight() const { return m_inFlight; }
    [[nodiscard]] int maxInFlight() const { return m_maxInFlight; }

    /** Writes a complete response and ends the request's time in flight. */
    void respond(QTcpSocket *socket, int status, const QByteArray &body = {},
                 const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                 bool closeAfter = false)
    {
        if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
            return;
        }
        QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " " + reason(status) + "\r\n";
        bool hasLength = false;
        for (const auto &[name, value] : headers) {
            out += name + ": " + value + "\r\n";
            hasLength = hasLength || name.compare("Content-Length", Qt::CaseInsensitive) == 0;
        }
        if (!hasLength) {
            out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        }
        if (closeAfter) {
            out += "Connection: close\r\n";
        }
        out += "\r\n" + body;
        socket->write(out);
        done();
        if (closeAfter) {
            socket->disconnectFromHost();
        }
    }

    /** Ends a request's time in flight without a complete response (a fault was sent). */
    void done() { m_inFlight = std::max(m_inFlight - 1, 0); }

    static QByteArray reason(int status)
    {
        switch (status) {
        case 200:
            return "OK";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 303:
            return "See Other";
        case 307:
            return "Temporary Redirect";
        case 404:
            return "Not Found";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Status";
        }
    }

private:
    void acceptAll()
    {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            ++m_connections;
            QPointer<QTcpSocket> guard(socket);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, guard] {
                if (guard) {
                    onReadyRead(guard);
                }
            });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, [this, guard] {
                if (guard) {
                    m_buffers.remove(guard.data());
                    guard->deleteLater();
                }
            });
            if (socket->bytesAvailable() > 0) {
                onReadyRead(socket);
            }
        }
    }

    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (int guard = 0; guard < 1000; ++guard) { // bounded: at most 1000 pipelined requests
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            ReceivedRequest request;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.target = first.value(1);
            qint64 length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                const QByteArray name = line.left(colon).trimmed();
                const QByteArray value = line.mid(colon + 1).trimmed();
                request.headers.append({name, value});
                if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
                    length = value.toLongLong();
                }
            }
            if (buffer.size() < end + 4 + length) {
                return; // wait for the rest of the body
            }
            request.body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            m_requests.append(request);
            ++m_inFlight;
            m_maxInFlight = std::max(m_maxInFlight, m_inFlight);
            if (m_handler) {
                m_handler(socket, request);
            }
            if (!m_buffers.contains(socket)) {
                return; // the handler closed the socket
            }
        }
    }

    std::unique_ptr<QTcpServer> m_server;
    QHostAddress m_address;
    Handler m_handler;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<ReceivedRequest> m_requests;
    int m_connections = 0;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
};

/** Streams @p total bytes of 'x' in 64 KiB chunks as the socket drains (a generator, not a
 *  buffer); stops when the peer goes away. */
inline void streamBytes(QTcpSocket *socket, qint64 total)
{
    auto sent = std::make_shared<qint64>(0);
    auto pump = [socket, total, sent] {
        static const QByteArray chunk(64 * 1024, 'x');
        while (*sent < total && socket->state() == QAbstractSocket::ConnectedState
               && socket->bytesToWrite() < 256 * 1024) {
            const qint64 n = std::min<qint64>(chunk.size(), total - *sent);
            socket->write(chunk.constData(), n);
            *sent += n;
        }
    };
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, pump);
    pump();
}

} // namespace SbTest
