// SPDX-License-Identifier: MIT
// Bench: (1) 200 concurrent connections against the emulator's token endpoint and REST, with
// a bare Qt HTTP Server route returning a constant as the baseline; (2) the emulator's own
// time per token request (measured inside the server). Exits non-zero when a connection
// fails or the median own time is not well under 10 ms.
#include <QCoreApplication>
#include <QHttpServer>
#include <QTcpSocket>
#include <QTextStream>

#include <algorithm>

#include "EmulatorTestSupport.h"

using namespace Sb;
using namespace Sb::Emulator;

namespace {

struct Round
{
    int ok = 0;
    int failed = 0;
    qint64 wallMs = 0;
};

// Opens @p n raw connections first, then sends one request on each and waits for every
// complete answer (Content-Length), so all n are open at the same time.
Round hammer(const QUrl &base, const QByteArray &request, int n)
{
    Round round;
    QElapsedTimer wall;
    wall.start();
    QList<QTcpSocket *> sockets;
    QHash<QTcpSocket *, QByteArray> buffers;
    for (int i = 0; i < n; ++i) {
        auto *s = new QTcpSocket;
        s->connectToHost(base.host(), quint16(base.port()));
        sockets.append(s);
    }
    QElapsedTimer deadline;
    deadline.start();
    auto connectedCount = [&] {
        return std::count_if(sockets.begin(), sockets.end(), [](QTcpSocket *s) {
            return s->state() == QAbstractSocket::ConnectedState;
        });
    };
    while (connectedCount() < n && deadline.elapsed() < 20000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    for (QTcpSocket *s : sockets) {
        s->write(request);
    }
    auto complete = [&](QTcpSocket *s) {
        QByteArray &buf = buffers[s];
        buf += s->readAll();
        const qsizetype headEnd = buf.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        const qsizetype cl = buf.toLower().indexOf("content-length:");
        const qsizetype lineEnd = buf.indexOf("\r\n", cl);
        const qsizetype length
            = cl < 0 ? 0 : buf.mid(cl + 15, lineEnd - cl - 15).trimmed().toLongLong();
        return buf.size() >= headEnd + 4 + length;
    };
    QSet<QTcpSocket *> done;
    while (done.size() < n && deadline.elapsed() < 40000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        for (QTcpSocket *s : sockets) {
            if (!done.contains(s) && complete(s)) {
                done.insert(s);
            }
        }
    }
    for (QTcpSocket *s : sockets) {
        const QByteArray &buf = buffers[s];
        if (done.contains(s)
            && (buf.startsWith("HTTP/1.1 200") || buf.startsWith("HTTP/1.1 204"))) {
            ++round.ok;
        } else {
            ++round.failed;
        }
        s->abort();
        delete s;
    }
    round.wallMs = wall.elapsed();
    return round;
}

QByteArray httpRequest(const QByteArray &method, const QUrl &url, const QByteArray &body,
                       const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray r = method + ' ' + url.path().toLatin1()
                   + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(url.port())
                   + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &h : headers) {
        r += h.first + ": " + h.second + "\r\n";
    }
    return r + "\r\n" + body;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    constexpr int kConnections = 200;
    constexpr int kTokenRequests = 200;
    bool pass = true;

    // Baseline: a bare Qt HTTP Server route returning a constant.
    QHttpServer bare;
    bare.route(QStringLiteral("/"), [] { return QStringLiteral("ok"); });
    const quint16 barePort = bare.listen(QHostAddress::LocalHost, 0);
    QUrl bareUrl;
    bareUrl.setScheme(QStringLiteral("http"));
    bareUrl.setHost(QStringLiteral("127.0.0.1"));
    bareUrl.setPort(barePort);
    bareUrl.setPath(QStringLiteral("/"));
    const Round baseline = hammer(bareUrl, httpRequest("GET", bareUrl, {}, {}), kConnections);
    out << "baseline (bare QHttpServer constant route): " << kConnections
        << " concurrent connections: " << baseline.ok << " ok, " << baseline.failed << " failed, "
        << baseline.wallMs << " ms\n";

    Settings settings;
    settings.seedDemoData = true;
    settings.demoScale = 0.1;
    settings.concurrencyLimit = 100000;
    EmulatorThread emu(settings);
    const auto info = emu.start();
    if (!info) {
        out << "emulator failed to start: " << info.error().message << '\n';
        return 1;
    }
    auto key = Crypto::generateKey({Crypto::KeyType::Rsa, 3072, {}});
    auto integ = emu.createIntegration();
    auto cert = emu.uploadCertificate(SbTest::certificateFor(*key), integ->clientId);
    if (!cert) {
        out << "certificate upload failed\n";
        return 1;
    }
    SbTest::Claims claims;
    claims.iss = integ->clientId;
    claims.kid = cert->certificateId;
    claims.aud = info->audience;
    claims.iat = emu.nowSeconds();
    claims.exp = claims.iat + 3600;
    const QByteArray assertion = SbTest::mint(*key, Crypto::JwsAlgorithm::PS256, claims);
    const QByteArray tokenRequest
        = httpRequest("POST", info->tokenUrl, SbTest::tokenForm(assertion),
                      {{"Content-Type", "application/x-www-form-urlencoded"}});

    const Round tokens = hammer(info->tokenUrl, tokenRequest, kConnections);
    out << "emulator token endpoint (PS256, RSA 3072): " << kConnections
        << " concurrent connections: " << tokens.ok << " ok, " << tokens.failed << " failed, "
        << tokens.wallMs << " ms\n";
    pass = pass && tokens.failed == 0;

    // REST with a bearer, 200 concurrent connections.
    QNetworkAccessManager nam;
    const SbTest::Reply t = SbTest::send(nam, "POST", info->tokenUrl, SbTest::tokenForm(assertion),
                                         SbTest::formHeaders());
    const QByteArray bearer
        = "Bearer " + t.json().value(QLatin1String("access_token")).toString().toLatin1();
    const QUrl recordUrl(info->restUrl.toString() + QStringLiteral("/customer/101"));
    const Round rest = hammer(
        recordUrl, httpRequest("GET", recordUrl, {}, {{"Authorization", bearer}}), kConnections);
    out << "emulator REST GET customer/101: " << kConnections
        << " concurrent connections: " << rest.ok << " ok, " << rest.failed << " failed, "
        << rest.wallMs << " ms\n";
    pass = pass && rest.failed == 0;

    // Own time per token request, measured inside the emulator, sequential requests.
    QList<qint64> own;
    for (int i = 0; i < kTokenRequests; ++i) {
        const Counters before = emu.counters();
        const SbTest::Reply r = SbTest::send(nam, "POST", info->tokenUrl,
                                             SbTest::tokenForm(assertion), SbTest::formHeaders());
        const Counters after = emu.counters();
        if (r.status != 200) {
            pass = false;
        }
        own.append(after.tokenHandlingNsTotal - before.tokenHandlingNsTotal);
    }
    std::sort(own.begin(), own.end());
    const double median = double(own[own.size() / 2]) / 1e6;
    const double p95 = double(own[own.size() * 95 / 100]) / 1e6;
    const double worst = double(own.last()) / 1e6;
    out << "emulator token request own time over " << kTokenRequests << " requests: median "
        << QString::number(median, 'f', 3) << " ms, p95 " << QString::number(p95, 'f', 3)
        << " ms, max " << QString::number(worst, 'f', 3) << " ms (budget: well under 10 ms)\n";
    pass = pass && median < 5.0;
    out << (pass ? "PASS\n" : "FAIL\n");
    out.flush();
    emu.stop();
    return pass ? 0 : 1;
}
