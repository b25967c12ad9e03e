// SPDX-License-Identifier: MIT
// The manager helpers: no cookies in either direction, loopback never through a proxy, and
// the settings configureNetworkAccessManager() promises.
#include "http/HttpCall.h"

#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTest>

#include "CallRunner.h"
#include "FaultServer.h"

using namespace Sb;
using namespace std::chrono_literals;
using SbTest::FaultServer;
using SbTest::Outcome;

class TestNetworkAccess final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FaultServer> m_server;

    void serveCookies()
    {
        m_server->setHandler([this](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            m_server->respond(socket, 200, "ok",
                              {{"Set-Cookie", "JSESSIONID=stale-session; Path=/"},
                               {"Set-Cookie", "NS_ROUTING=x; Path=/; Max-Age=3600"}});
        });
    }

    Outcome get(QNetworkAccessManager &manager, const QString &path)
    {
        Http::Request request;
        request.url = m_server->url(path);
        Http::HttpCall call(Http::CallContext(Http::Transport(manager)), request);
        Outcome out;
        SbTest::runCall(call, out, 5000);
        return out;
    }

private slots:
    void init()
    {
        m_server = std::make_unique<FaultServer>();
        QVERIFY(m_server->listen());
    }

    void cleanup()
    {
        QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::DefaultProxy));
        qunsetenv("http_proxy");
        m_server.reset();
    }

    void configuredManagerIsSafeForCredentials()
    {
        const auto manager = Http::makeNetworkAccessManager();
        QCOMPARE(manager->redirectPolicy(), QNetworkRequest::ManualRedirectPolicy);
        QVERIFY(!manager->autoDeleteReplies());
        QVERIFY(!manager->isStrictTransportSecurityEnabled());
        QVERIFY(manager->proxyFactory() != nullptr);
        QNetworkCookieJar *jar = manager->cookieJar();
        const QUrl url(QStringLiteral("https://example.com/"));
        QVERIFY(!jar->setCookiesFromUrl({QNetworkCookie("a", "b")}, url));
        QVERIFY(jar->cookiesForUrl(url).isEmpty());
    }

    void noCookieIsReplayedByAConfiguredManager()
    {
        serveCookies();
        const auto manager = Http::makeNetworkAccessManager();
        QCOMPARE(get(*manager, QStringLiteral("/one")).record.status, 200);
        QCOMPARE(get(*manager, QStringLiteral("/two")).record.status, 200);
        QCOMPARE(m_server->requests().size(), 2);
        QVERIFY(!m_server->requests().at(1).hasHeader("Cookie"));
    }

    void noCookieIsReplayedEvenByAPlainManager()
    {
        // HttpCall turns cookies off per request, so an unconfigured manager is safe too.
        serveCookies();
        QNetworkAccessManager plain;
        QCOMPARE(get(plain, QStringLiteral("/one")).record.status, 200);
        QCOMPARE(get(plain, QStringLiteral("/two")).record.status, 200);
        QVERIFY(!m_server->requests().at(1).hasHeader("Cookie"));
        QVERIFY(plain.cookieJar()->cookiesForUrl(m_server->url()).isEmpty());
    }

    void controlAPlainManagerWouldReplayTheCookie()
    {
        // Proves the fixture sees a replay: Qt's default jar stores and resends cookies.
        serveCookies();
        QNetworkAccessManager plain;
        for (const QString &path : {QStringLiteral("/one"), QStringLiteral("/two")}) {
            QNetworkReply *reply = plain.get(QNetworkRequest(m_server->url(path)));
            QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
            reply->deleteLater();
        }
        QVERIFY(m_server->requests().at(1).header("Cookie").contains("JSESSIONID=stale-session"));
    }

    void loopbackBypassesABrokenApplicationProxy()
    {
        // Nothing listens on 127.0.0.1:1; a request sent through it would fail. (Qt 6.4's
        // global proxy code skips loopback too; the factory does not rely on that.)
        QNetworkProxy::setApplicationProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), 1));
        m_server->setHandler([this](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            m_server->respond(socket, 200, "direct");
        });
        const auto manager = Http::makeNetworkAccessManager();
        const Outcome out = get(*manager, QStringLiteral("/"));
        QCOMPARE(out.record.error, Http::ErrorKind::None);
        QCOMPARE(out.record.body, QByteArray("direct"));
    }

    void loopbackBypassesABrokenSystemProxy()
    {
        // QNetworkProxyFactory::systemProxyForQuery() itself would send 127.0.0.1 to
        // http_proxy (Qt 6.4); the factory keeps loopback direct.
        qputenv("http_proxy", "http://127.0.0.1:1");
        m_server->setHandler([this](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            m_server->respond(socket, 200, "direct");
        });
        const auto manager = Http::makeNetworkAccessManager();
        const Outcome out = get(*manager, QStringLiteral("/"));
        QCOMPARE(out.record.error, Http::ErrorKind::None);
        QCOMPARE(out.record.body, QByteArray("direct"));
    }

    void proxyFactoryDecisions_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("direct");
        QTest::newRow("127.0.0.1") << QStringLiteral("http://127.0.0.1:8080/") << true;
        QTest::newRow("127.8.9.10") << QStringLiteral("https://127.8.9.10/") << true;
        QTest::newRow("localhost") << QStringLiteral("http://localhost/") << true;
        QTest::newRow("LOCALHOST") << QStringLiteral("http://LOCALHOST/") << true;
        QTest::newRow("sub.localhost") << QStringLiteral("http://ns.localhost/") << true;
        QTest::newRow("::1") << QStringLiteral("http://[::1]:9/") << true;
        QTest::newRow("public host") << QStringLiteral("https://example.com/") << false;
        QTest::newRow("128.0.0.1") << QStringLiteral("http://128.0.0.1/") << false;
    }

    void proxyFactoryDecisions()
    {
        QFETCH(QString, url);
        QFETCH(bool, direct);
        const QNetworkProxy appProxy(QNetworkProxy::HttpProxy, QStringLiteral("proxy.test"), 3128);
        QNetworkProxy::setApplicationProxy(appProxy);
        for (const bool system : {true, false}) {
            Http::LoopbackBypassProxyFactory factory(system);
            const QList<QNetworkProxy> proxies = factory.queryProxy(QNetworkProxyQuery(QUrl(url)));
            QVERIFY(!proxies.isEmpty());
            if (direct) {
                QCOMPARE(proxies.first().type(), QNetworkProxy::NoProxy);
            } else {
                QCOMPARE(proxies.first().hostName(), QStringLiteral("proxy.test"));
                QCOMPARE(proxies.first().port(), 3128);
            }
        }
    }

    void systemProxyIsHonouredForPublicHostsOnly()
    {
        qputenv("http_proxy", "http://sysproxy.test:8888");
        Http::LoopbackBypassProxyFactory factory(true);
        const auto publicProxies
            = factory.queryProxy(QNetworkProxyQuery(QUrl(QStringLiteral("http://example.com/"))));
        const auto loopback
            = factory.queryProxy(QNetworkProxyQuery(QUrl(QStringLiteral("http://127.0.0.1/"))));
        QCOMPARE(loopback.first().type(), QNetworkProxy::NoProxy);
        if (publicProxies.first().hostName() != QLatin1String("sysproxy.test")) {
            QSKIP("this Qt build does not read http_proxy for its system proxy");
        }
        QCOMPARE(publicProxies.first().port(), 8888);
    }
};

QTEST_GUILESS_MAIN(TestNetworkAccess)
#include "TestNetworkAccess.moc"
