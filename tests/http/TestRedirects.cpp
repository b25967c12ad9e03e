// SPDX-License-Identifier: MIT
// Redirect policy (security doc §0 item 1, S1-S3): a credential never follows a redirect to
// another origin; same-origin hops are followed only when asked, and bounded.
#include "http/HttpCall.h"

#include <QNetworkReply>
#include <QTest>

#include "CallRunner.h"
#include "FaultServer.h"

using namespace Sb;
using namespace std::chrono_literals;
using SbTest::FaultServer;
using SbTest::Outcome;

namespace {
const QByteArray sentinelToken = "Bearer SENTINEL-redirect-token-0123456789";
}

class TestRedirects final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FaultServer> m_origin;   // 127.0.0.1
    std::unique_ptr<FaultServer> m_other;    // 127.0.0.2: another origin on this machine
    std::unique_ptr<FaultServer> m_samePort; // 127.0.0.1, another port
    std::unique_ptr<QNetworkAccessManager> m_manager;

    Http::Request request(const QString &path, Http::RedirectMode mode) const
    {
        Http::Request r;
        r.url = m_origin->url(path);
        r.setHeader("Authorization", sentinelToken);
        r.limits.redirects = mode;
        return r;
    }

    Outcome run(const Http::Request &r)
    {
        Http::HttpCall call(Http::CallContext(Http::Transport(*m_manager)), r);
        Outcome out;
        SbTest::runCall(call, out, 5000);
        return out;
    }

    void redirectTo(const QUrl &target, int status = 302)
    {
        m_origin->setHandler(
            [this, target, status](QTcpSocket *socket, const SbTest::ReceivedRequest &req) {
                if (req.target == "/final") {
                    m_origin->respond(socket, 200, "final");
                } else {
                    m_origin->respond(socket, status, "moved", {{"Location", target.toEncoded()}});
                }
            });
    }

private slots:
    void init()
    {
        m_origin = std::make_unique<FaultServer>();
        QVERIFY(m_origin->listen(QHostAddress(QStringLiteral("127.0.0.1"))));
        m_other = std::make_unique<FaultServer>();
        if (!m_other->listen(QHostAddress(QStringLiteral("127.0.0.2")))) {
            QSKIP("cannot bind 127.0.0.2 on this machine");
        }
        m_samePort = std::make_unique<FaultServer>();
        QVERIFY(m_samePort->listen(QHostAddress(QStringLiteral("127.0.0.1"))));
        for (FaultServer *s : {m_other.get(), m_samePort.get()}) {
            s->setHandler([s](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
                s->respond(socket, 200, "you should not be here");
            });
        }
        m_manager = Http::makeNetworkAccessManager();
    }

    void cleanup()
    {
        m_manager.reset();
        m_origin.reset();
        m_other.reset();
        m_samePort.reset();
    }

    void crossOriginRedirectIsReturnedNotFollowed_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("status");
        QTest::newRow("manual 302") << int(Http::RedirectMode::Manual) << 302;
        QTest::newRow("same-origin mode 302") << int(Http::RedirectMode::FollowSameOrigin) << 302;
        QTest::newRow("same-origin mode 307") << int(Http::RedirectMode::FollowSameOrigin) << 307;
        QTest::newRow("same-origin mode 308") << int(Http::RedirectMode::FollowSameOrigin) << 308;
    }

    void crossOriginRedirectIsReturnedNotFollowed()
    {
        // S1: Qt 6's default policy would follow this and send the bearer token to .2.
        QFETCH(int, mode);
        QFETCH(int, status);
        const QUrl target = m_other->url(QStringLiteral("/steal"));
        redirectTo(target, status);
        const Outcome out = run(request(QStringLiteral("/start"), Http::RedirectMode(mode)));
        QCOMPARE(out.record.error, Http::ErrorKind::Redirect);
        QCOMPARE(out.record.status, status);
        QCOMPARE(out.record.location, target);
        QVERIFY(out.record.redirectsFollowed.isEmpty());
        QVERIFY(out.record.body.isEmpty());
        QTest::qWait(50); // give a wrongly followed request time to arrive
        QCOMPARE(m_other->requests().size(), 0);
        QCOMPARE(m_other->connectionCount(), 0);
        QVERIFY(!out.record.errorMessage.contains(QLatin1String("SENTINEL")));
    }

    void controlQtDefaultPolicyWouldLeakTheToken()
    {
        // Proves the fixture can see a leak: a plain manager with Qt 6's default redirect
        // policy carries the Authorization header to 127.0.0.2 (security doc §0 item 1).
        redirectTo(m_other->url(QStringLiteral("/steal")));
        QNetworkAccessManager plain;
        QNetworkRequest req(m_origin->url(QStringLiteral("/start")));
        req.setRawHeader("Authorization", sentinelToken);
        QNetworkReply *reply = plain.get(req);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        reply->deleteLater();
        if (m_other->requests().isEmpty()) {
            QSKIP("this Qt no longer follows a cross-origin redirect by default");
        }
        QCOMPARE(m_other->requests().first().header("Authorization"), sentinelToken);
    }

    void samehostOtherPortIsAnotherOrigin()
    {
        redirectTo(m_samePort->url(QStringLiteral("/x")));
        const Outcome out
            = run(request(QStringLiteral("/start"), Http::RedirectMode::FollowSameOrigin));
        QCOMPARE(out.record.error, Http::ErrorKind::Redirect);
        QTest::qWait(50);
        QCOMPARE(m_samePort->requests().size(), 0);
    }

    void httpsToHttpIsAnotherOrigin()
    {
        // S3: a scheme change is a different origin, so it is never followed.
        QVERIFY(!Http::isSameOrigin(QUrl(QStringLiteral("https://h.example/")),
                                    QUrl(QStringLiteral("http://h.example:443/"))));
    }

    void sameOriginRedirectIsFollowedWithItsHeaders()
    {
        redirectTo(m_origin->url(QStringLiteral("/final")), 307);
        const Outcome out
            = run(request(QStringLiteral("/start"), Http::RedirectMode::FollowSameOrigin));
        QCOMPARE(out.record.error, Http::ErrorKind::None);
        QCOMPARE(out.record.status, 200);
        QCOMPARE(out.record.body, QByteArray("final"));
        QCOMPARE(out.record.redirectsFollowed.size(), 1);
        QCOMPARE(out.record.url, m_origin->url(QStringLiteral("/final")));
        QCOMPARE(m_origin->requests().size(), 2);
        // Same origin: nothing stripped.
        QCOMPARE(m_origin->requests().at(1).header("Authorization"), sentinelToken);
    }

    void relativeLocationIsResolved()
    {
        m_origin->setHandler([this](QTcpSocket *socket, const SbTest::ReceivedRequest &req) {
            if (req.target == "/final") {
                m_origin->respond(socket, 200, "final");
            } else {
                m_origin->respond(socket, 302, {}, {{"Location", "final"}});
            }
        });
        const Outcome out
            = run(request(QStringLiteral("/start"), Http::RedirectMode::FollowSameOrigin));
        QCOMPARE(out.record.error, Http::ErrorKind::None);
        QCOMPARE(out.record.body, QByteArray("final"));
    }

    void manualModeReturnsEvenSameOriginRedirects()
    {
        redirectTo(m_origin->url(QStringLiteral("/final")));
        const Outcome out = run(request(QStringLiteral("/start"), Http::RedirectMode::Manual));
        QCOMPARE(out.record.error, Http::ErrorKind::Redirect);
        QCOMPARE(out.record.location, m_origin->url(QStringLiteral("/final")));
        QCOMPARE(m_origin->requests().size(), 1);
    }

    void redirectLoopIsBounded()
    {
        // S2: at most 3 hops, then the redirect comes back to the caller.
        redirectTo(m_origin->url(QStringLiteral("/loop")));
        const Outcome out
            = run(request(QStringLiteral("/loop"), Http::RedirectMode::FollowSameOrigin));
        QCOMPARE(out.record.error, Http::ErrorKind::Redirect);
        QCOMPARE(out.record.redirectsFollowed.size(), 3);
        QCOMPARE(m_origin->requests().size(), 4);
        QVERIFY(out.record.errorMessage.contains(QLatin1String("too many redirects")));
    }

    void maxRedirectsIsClampedToThree()
    {
        redirectTo(m_origin->url(QStringLiteral("/loop")));
        Http::Request r = request(QStringLiteral("/loop"), Http::RedirectMode::FollowSameOrigin);
        r.limits.maxRedirects = 50;
        const Outcome out = run(r);
        QCOMPARE(out.record.redirectsFollowed.size(), 3);
    }

    void seeOtherTurnsAPostIntoAGet()
    {
        redirectTo(m_origin->url(QStringLiteral("/final")), 303);
        Http::Request r = request(QStringLiteral("/start"), Http::RedirectMode::FollowSameOrigin);
        r.method = Http::Method::Post;
        r.body = "a=1";
        r.setHeader("Content-Type", "application/x-www-form-urlencoded");
        const Outcome out = run(r);
        QCOMPARE(out.record.error, Http::ErrorKind::None);
        QCOMPARE(m_origin->requests().size(), 2);
        QCOMPARE(m_origin->requests().at(1).method, QByteArray("GET"));
        QVERIFY(m_origin->requests().at(1).body.isEmpty());
    }

    void foundAfterAPostIsNotFollowed()
    {
        // 302 after a POST is ambiguous (browsers switch to GET); it goes back to the caller.
        redirectTo(m_origin->url(QStringLiteral("/final")), 302);
        Http::Request r = request(QStringLiteral("/start"), Http::RedirectMode::FollowSameOrigin);
        r.method = Http::Method::Post;
        r.body = "a=1";
        r.setHeader("Content-Type", "application/x-www-form-urlencoded");
        const Outcome out = run(r);
        QCOMPARE(out.record.error, Http::ErrorKind::Redirect);
        QCOMPARE(m_origin->requests().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRedirects)
#include "TestRedirects.moc"
