// SPDX-License-Identifier: MIT
// One attempt against a hostile or broken loopback server (security doc §2.4 S4-S8, S14; §5).
#include "http/HttpCall.h"

#include <QTest>

#include <array>

#include "CallRunner.h"
#include "FaultServer.h"

using namespace Sb;
using namespace std::chrono_literals;
using SbTest::FaultServer;
using SbTest::Outcome;

namespace {

// A gzip member (RFC 1952) around the raw deflate data inside qCompress()'s zlib stream:
// qCompress = 4-byte length + 2-byte zlib header + deflate + 4-byte Adler-32.
quint32 crc32(const QByteArray &data)
{
    static const auto table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k) {
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            t[i] = c;
        }
        return t;
    }();
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : data) {
        crc = table[(crc ^ quint8(byte)) & 0xFFu] ^ (crc >> 8);
    }
    return crc ^ 0xFFFFFFFFu;
}

QByteArray littleEndian32(quint32 value)
{
    QByteArray out(4, '\0');
    for (int i = 0; i < 4; ++i) {
        out[i] = char((value >> (8 * i)) & 0xFFu);
    }
    return out;
}

QByteArray gzip(const QByteArray &plain)
{
    const QByteArray zlib = qCompress(plain, 9);
    const QByteArray deflate = zlib.mid(6, zlib.size() - 6 - 4);
    QByteArray out = QByteArray::fromHex("1f8b0800000000000003"); // deflate, no name, Unix
    out += deflate;
    out += littleEndian32(crc32(plain));
    out += littleEndian32(quint32(plain.size() & 0xFFFFFFFFu));
    return out;
}

} // namespace

class TestTransferFaults final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FaultServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_manager;
    Core::FakeClock m_clock;

    Http::CallContext context() const
    {
        Http::CallContext ctx(Http::Transport{*m_manager});
        ctx.clock = &m_clock;
        return ctx;
    }
    Http::Request get(const QString &path) const
    {
        Http::Request request;
        request.url = m_server->url(path);
        return request;
    }

private slots:
    void init()
    {
        m_server = std::make_unique<FaultServer>();
        QVERIFY(m_server->listen());
        m_manager = Http::makeNetworkAccessManager();
    }

    void cleanup()
    {
        m_manager.reset();
        m_server.reset(); // closes every socket and timer of the test
    }

    void successRecordsStatusBodyTimingsAndSizes()
    {
        m_server->setHandler([this](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            QPointer<QTcpSocket> s(socket);
            QTimer::singleShot(60, socket, [this, s] {
                m_server->respond(s, 200, "pong", {{"X-Test", "1"}});
            });
        });
        Http::Request request = get(QStringLiteral("/ping"));
        request.method = Http::Method::Post;
        request.body = "hello";
        request.setHeader("Content-Type", "text/plain");
        Http::HttpCall call(context(), request);
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QVERIFY(!out.testTimedOut);
        const Http::ResponseRecord &r = out.record;
        QCOMPARE(r.error, Http::ErrorKind::None);
        QVERIFY(r.succeeded());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.reasonPhrase, QByteArray("OK"));
        QCOMPARE(r.body, QByteArray("pong"));
        QVERIFY(r.partialBody.isEmpty());
        QCOMPARE(r.header("x-test").value_or(QByteArray()), QByteArray("1"));
        QCOMPARE(r.requestBytes, 5);
        QCOMPARE(r.responseBytes, 4);
        QCOMPARE(r.attemptCount(), 1);
        QCOMPARE(r.attempts.first().status, 200);
        QCOMPARE(r.timings.queuedAt, m_clock.now()); // the injected clock
        QVERIFY(r.timings.sent.has_value());
        QVERIFY(r.timings.firstByte.has_value());
        QVERIFY(r.timings.started <= *r.timings.sent);
        QVERIFY(*r.timings.sent <= *r.timings.firstByte);
        QVERIFY(*r.timings.firstByte <= r.timings.done);
        QVERIFY2(*r.timings.firstByte >= 50ms, "the server waited 60 ms before answering");
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(m_server->requests().first().method, QByteArray("POST"));
        QCOMPARE(m_server->requests().first().body, QByteArray("hello"));
        QTest::qWait(30);
        QCOMPARE(out.finishedCount, 1);
    }

    void methodsAndBodiesReachTheServer_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("expectedVerb");
        QTest::newRow("GET") << int(Http::Method::Get) << QByteArray() << QByteArray("GET");
        QTest::newRow("HEAD") << int(Http::Method::Head) << QByteArray() << QByteArray("HEAD");
        QTest::newRow("PUT") << int(Http::Method::Put) << QByteArray("{}") << QByteArray("PUT");
        QTest::newRow("PATCH") << int(Http::Method::Patch) << QByteArray("{\"a\":1}")
                               << QByteArray("PATCH");
        QTest::newRow("DELETE") << int(Http::Method::Delete) << QByteArray()
                                << QByteArray("DELETE");
        QTest::newRow("DELETE with body")
            << int(Http::Method::Delete) << QByteArray("[1]") << QByteArray("DELETE");
        QTest::newRow("OPTIONS") << int(Http::Method::Options) << QByteArray()
                                 << QByteArray("OPTIONS");
    }

    void methodsAndBodiesReachTheServer()
    {
        QFETCH(int, method);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, expectedVerb);
        m_server->setHandler([this](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            m_server->respond(socket, 200, "ok");
        });
        Http::Request request = get(QStringLiteral("/m"));
        request.method = Http::Method(method);
        request.body = body;
        if (!body.isEmpty()) {
            request.setHeader("Content-Type", "application/json");
        }
        Http::HttpCall call(context(), request);
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.error, Http::ErrorKind::None);
        QCOMPARE(out.record.status, 200);
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(m_server->requests().first().method, expectedVerb);
        QCOMPARE(m_server->requests().first().body, body);
        QCOMPARE(out.record.requestBytes, body.size());
        QCOMPARE(out.record.body,
                 request.method == Http::Method::Head ? QByteArray() : QByteArray("ok"));
    }

    void httpErrorStatusesAreCompleteResponses_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("400") << 400; // Qt: ProtocolInvalidOperationError, not a content error
        QTest::newRow("401") << 401;
        QTest::newRow("403") << 403;
        QTest::newRow("404") << 404;
        QTest::newRow("409") << 409;
        QTest::newRow("429") << 429;
        QTest::newRow("500") << 500;
        QTest::newRow("502") << 502;
        QTest::newRow("503") << 503;
        QTest::newRow("504") << 504;
    }

    void httpErrorStatusesAreCompleteResponses()
    {
        // Qt maps these statuses to QNetworkReply errors; they are still complete answers.
        QFETCH(int, status);
        m_server->setHandler([this, status](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            m_server->respond(socket, status, "<html>maintenance</html>",
                              {{"Content-Type", "text/html"}});
        });
        Http::HttpCall call(context(), get(QStringLiteral("/e")));
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.error, Http::ErrorKind::None);
        QCOMPARE(out.record.status, status);
        QVERIFY(!out.record.succeeded());
        QCOMPARE(out.record.body, QByteArray("<html>maintenance</html>"));
    }

    void slowLorisIsStoppedByTheOverallDeadline()
    {
        // S6: every byte restarts Qt's transfer timeout, so only our deadline can stop this.
        m_server->setHandler([](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
            auto *trickle = new QTimer(socket);
            auto count = std::make_shared<int>(0);
            QObject::connect(trickle, &QTimer::timeout, socket, [socket, trickle, count] {
                socket->write("x");
                if (++(*count) >= 100) { // bounded
                    trickle->stop();
                }
            });
            trickle->start(300);
        });
        Http::Request request = get(QStringLiteral("/slow"));
        request.limits.deadline = 1500ms;
        request.limits.transferTimeout = 1000ms;
        Http::HttpCall call(context(), request);
        Outcome out;
        SbTest::runCall(call, out, 10000);
        QVERIFY(!out.testTimedOut);
        QCOMPARE(out.record.error, Http::ErrorKind::Timeout);
        QVERIFY(out.elapsedMs >= 1400);
        QVERIFY2(out.elapsedMs < 4000, qPrintable(QString::number(out.elapsedMs)));
        QCOMPARE(out.record.status, 200);
        QVERIFY(out.record.body.isEmpty());
        QVERIFY(!out.record.partialBody.isEmpty());
        QVERIFY(!out.record.errorMessage.isEmpty());
    }

    void headersThatNeverArriveAreATransferTimeoutNotACancel()
    {
        // S7: Qt reports its transfer timeout as OperationCanceledError.
        m_server->setHandler([](QTcpSocket *, const SbTest::ReceivedRequest &) {});
        Http::Request request = get(QStringLiteral("/silent"));
        request.limits.transferTimeout = 500ms;
        request.limits.deadline = 5000ms;
        Http::HttpCall call(context(), request);
        Outcome out;
        SbTest::runCall(call, out, 10000);
        QCOMPARE(out.record.error, Http::ErrorKind::TransferTimeout);
        QVERIFY2(out.elapsedMs < 3000, qPrintable(QString::number(out.elapsedMs)));
        QCOMPARE(out.record.status, 0);
        QVERIFY(!out.record.timings.firstByte.has_value());
    }

    void truncatedContentLengthBodyIsAFailureDespiteStatus200()
    {
        // S8: Qt says RemoteHostClosedError with status 200 and a partial body.
        m_server->setHandler([this](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: 1000\r\n\r\n");
            socket->write(QByteArray(100, '{'));
            socket->flush();
            m_server->done();
            socket->disconnectFromHost();
        });
        Http::HttpCall call(context(), get(QStringLiteral("/short")));
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.error, Http::ErrorKind::Truncated);
        QCOMPARE(out.record.status, 200);
        QVERIFY(!out.record.ok());
        QVERIFY2(out.record.body.isEmpty(), "a partial body must never look like a result");
        QCOMPARE(out.record.partialBody.size(), 100);
        QCOMPARE(out.record.responseBytes, 100);
    }

    void truncatedChunkedBodyIsAFailure()
    {
        m_server->setHandler([this](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "a\r\n0123456789\r\n");
            socket->flush();
            m_server->done();
            socket->disconnectFromHost(); // no 0\r\n\r\n terminator
        });
        Http::HttpCall call(context(), get(QStringLiteral("/chunked")));
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.status, 200);
        if (out.record.error == Http::ErrorKind::None) {
            // Known Qt 6.4 race (see ErrorKind::Truncated): when it reads the close in a
            // particular order, Qt finishes a chunked reply as complete, and nothing in
            // QNetworkReply's API tells the difference. Reported as XFAIL, not hidden.
            QCOMPARE(out.record.body, QByteArray("0123456789"));
            QEXPECT_FAIL("", "Qt 6.4 reported a truncated chunked body as complete", Abort);
        }
        QCOMPARE(out.record.error, Http::ErrorKind::Truncated);
        QVERIFY(out.record.body.isEmpty());
        QCOMPARE(out.record.partialBody, QByteArray("0123456789"));
    }

    void connectionClosedBeforeAnyHeaderIsRemoteClosed()
    {
        m_server->setHandler([this](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            m_server->done();
            socket->disconnectFromHost();
        });
        Http::HttpCall call(context(), get(QStringLiteral("/drop")));
        Outcome out;
        SbTest::runCall(call, out, 10000);
        // Qt may retry once on a fresh connection before giving up; the outcome is the same.
        QCOMPARE(out.record.error, Http::ErrorKind::RemoteClosed);
        QCOMPARE(out.record.status, 0);
    }

    void oversizedStreamIsCutAtTheCap()
    {
        // S4: 20 MiB streamed without Content-Length, cap 1 MiB.
        m_server->setHandler([](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            socket->write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            SbTest::streamBytes(socket, 20LL * 1024 * 1024);
        });
        Http::Request request = get(QStringLiteral("/big"));
        request.limits.maxResponseBytes = 1024 * 1024;
        Http::HttpCall call(context(), request);
        Outcome out;
        SbTest::runCall(call, out, 10000);
        QCOMPARE(out.record.error, Http::ErrorKind::TooLarge);
        QVERIFY2(out.record.errorMessage.contains(QStringLiteral("response truncated at 1 MiB")),
                 qPrintable(out.record.errorMessage));
        QVERIFY(out.record.body.isEmpty());
        QCOMPARE(out.record.partialBody.size(), 1024 * 1024);
        QCOMPARE(out.record.responseBytes, 1024 * 1024);
    }

    void announcedOversizedBodyIsRefusedBeforeDownload()
    {
        m_server->setHandler([](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 20971520\r\n\r\n");
            SbTest::streamBytes(socket, 20LL * 1024 * 1024);
        });
        Http::Request request = get(QStringLiteral("/big"));
        request.limits.maxResponseBytes = 1024 * 1024;
        Http::HttpCall call(context(), request);
        Outcome out;
        SbTest::runCall(call, out, 10000);
        QCOMPARE(out.record.error, Http::ErrorKind::TooLarge);
        QVERIFY(out.record.responseBytes <= 1024 * 1024);
        QVERIFY(out.record.errorMessage.contains(QStringLiteral("20 MiB")));
    }

    void tokenLimitsCapAt64KiB()
    {
        m_server->setHandler([this](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            m_server->respond(socket, 200, QByteArray(100 * 1024, 'a'));
        });
        Http::Request request = get(QStringLiteral("/token"));
        request.limits = Http::RequestLimits::tokenRequest();
        QCOMPARE(request.limits.maxResponseBytes, 64 * 1024);
        Http::HttpCall call(context(), request);
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.error, Http::ErrorKind::TooLarge);
        QVERIFY(out.record.errorMessage.contains(QStringLiteral("64 KiB")));
    }

    void gzipBodyIsDecoded()
    {
        // Control for the bomb below: the hand-made gzip stream is valid.
        const QByteArray plain = QByteArray(200 * 1024, 'z') + "end";
        const QByteArray compressed = gzip(plain);
        m_server->setHandler(
            [this, compressed](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
                m_server->respond(socket, 200, compressed, {{"Content-Encoding", "gzip"}});
            });
        Http::HttpCall call(context(), get(QStringLiteral("/gz")));
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.error, Http::ErrorKind::None);
        QCOMPARE(out.record.body, plain);
        QVERIFY(m_server->requests().first().header("Accept-Encoding").contains("gzip"));
    }

    void gzipBombIsRejected()
    {
        // S5: 64 MiB of zeros in about 64 KiB of gzip; Qt's safety check stops it.
        const QByteArray bomb = gzip(QByteArray(64 * 1024 * 1024, '\0'));
        QVERIFY(bomb.size() < 1024 * 1024);
        m_server->setHandler([this, bomb](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            m_server->respond(socket, 200, bomb, {{"Content-Encoding", "gzip"}});
        });
        Http::HttpCall call(context(), get(QStringLiteral("/bomb")));
        Outcome out;
        SbTest::runCall(call, out, 10000);
        QCOMPARE(out.record.error, Http::ErrorKind::Decompression);
        QVERIFY(out.record.body.isEmpty());
        QVERIFY(out.record.responseBytes < 64 * 1024 * 1024);
    }

    void connectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        Http::Request request;
        request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port));
        Http::HttpCall call(context(), request);
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.error, Http::ErrorKind::ConnectionRefused);
        QVERIFY(!out.record.errorMessage.isEmpty());
    }

    void unresolvableHostIsHostNotFound()
    {
        // RFC 6761: .invalid never resolves. Generous deadline for a slow CI resolver.
        Http::Request request;
        request.url = QUrl(QStringLiteral("http://nsworkbench-test.invalid/"));
        request.limits.deadline = 20s;
        Http::HttpCall call(context(), request);
        Outcome out;
        SbTest::runCall(call, out, 25000);
        if (out.record.error == Http::ErrorKind::Timeout) {
            QSKIP("the resolver did not answer within 20 s");
        }
        QCOMPARE(out.record.error, Http::ErrorKind::HostNotFound);
    }

    void cancelDuringTransferIsCancelledPromptly()
    {
        m_server->setHandler([](QTcpSocket *, const SbTest::ReceivedRequest &) {});
        Http::Request request = get(QStringLiteral("/hang"));
        request.limits.transferTimeout = 10s;
        Http::HttpCall call(context(), request);
        QTimer::singleShot(200, &call, [&call] { call.cancel(); });
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.error, Http::ErrorKind::Cancelled);
        QVERIFY2(out.elapsedMs < 1000, qPrintable(QString::number(out.elapsedMs)));
        QCOMPARE(m_server->requests().size(), 1);
        call.cancel(); // after finishing: nothing
        QTest::qWait(30);
        QCOMPARE(out.finishedCount, 1);
    }

    void headerInjectionIsRefusedBeforeSending()
    {
        m_server->setHandler([this](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            m_server->respond(socket, 200);
        });
        Http::Request request = get(QStringLiteral("/x"));
        request.setHeader("X-From-Variable", "a\r\nAuthorization: Bearer evil");
        Http::HttpCall call(context(), request);
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.error, Http::ErrorKind::InvalidRequest);
        QCOMPARE(m_server->requests().size(), 0);
        QCOMPARE(out.finishedCount, 1);
    }

    void bodySinkReceivesTheBodyInstead()
    {
        const QByteArray payload(300 * 1024, 'q');
        m_server->setHandler([this, payload](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            m_server->respond(socket, 200, payload);
        });
        QByteArray sunk;
        int lastAttempt = 0;
        Http::Request request = get(QStringLiteral("/sink"));
        request.bodySink = [&sunk, &lastAttempt](int attempt, QByteArrayView chunk) {
            lastAttempt = attempt;
            sunk.append(chunk.data(), chunk.size());
            return true;
        };
        Http::HttpCall call(context(), request);
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.error, Http::ErrorKind::None);
        QVERIFY(out.record.body.isEmpty());
        QCOMPARE(sunk, payload);
        QCOMPARE(lastAttempt, 1);
        QCOMPARE(out.record.responseBytes, payload.size());
    }

    void managerDestroyedMidTransferEndsTheCallAtOnce()
    {
        m_server->setHandler([](QTcpSocket *, const SbTest::ReceivedRequest &) {});
        auto doomed = Http::makeNetworkAccessManager();
        const Http::Transport transport(*doomed);
        Http::Request request = get(QStringLiteral("/hang"));
        request.limits.transferTimeout = 10s;
        Http::HttpCall call{Http::CallContext(transport), request};
        Outcome out;
        SbTest::runCall(call, out, 5000, [&] {
            QTimer::singleShot(200, m_server->server(), [&doomed] { doomed.reset(); });
        });
        QCOMPARE(out.record.error, Http::ErrorKind::Other);
        QVERIFY2(out.elapsedMs < 1500, qPrintable(QString::number(out.elapsedMs)));
        // A call started afterwards on the same Transport fails at once too.
        Http::HttpCall late{Http::CallContext(transport), request};
        Outcome lateOut;
        SbTest::runCall(late, lateOut, 5000);
        QCOMPARE(lateOut.record.error, Http::ErrorKind::Other);
        QCOMPARE(m_server->requests().size(), 1);
    }

    void destroyingACallMidTransferIsSilent()
    {
        m_server->setHandler([](QTcpSocket *, const SbTest::ReceivedRequest &) {});
        Outcome out;
        {
            Http::HttpCall call(context(), get(QStringLiteral("/hang")));
            SbTest::observe(call, out);
            call.start();
            QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 1, 5000);
        }
        QTest::qWait(50);
        QCOMPARE(out.finishedCount, 0);
    }
};

QTEST_GUILESS_MAIN(TestTransferFaults)
#include "TestTransferFaults.moc"
