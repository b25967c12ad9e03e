// SPDX-License-Identifier: MIT
// Request values: validation before sending, origins (RFC 6454), loopback detection.
#include "http/ErrorKind.h"
#include "http/Request.h"

#include <QSet>
#include <QTest>

using namespace Sb;

class TestRequest final : public QObject
{
    Q_OBJECT

private slots:
    void validateRequest_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QByteArray>("headerName");
        QTest::addColumn<QByteArray>("headerValue");
        QTest::addColumn<bool>("valid");
        const QString ok = QStringLiteral("https://example.com/x");
        QTest::newRow("ok") << ok << QByteArray("Accept") << QByteArray("*/*") << true;
        QTest::newRow("ok obs-text value")
            << ok << QByteArray("X-Name") << QByteArray("Z\xc3\xbc") << true;
        QTest::newRow("ok http loopback")
            << QStringLiteral("http://127.0.0.1:8080/") << QByteArray() << QByteArray() << true;
        QTest::newRow("relative") << QStringLiteral("/x") << QByteArray() << QByteArray() << false;
        QTest::newRow("ftp") << QStringLiteral("ftp://example.com/") << QByteArray() << QByteArray()
                             << false;
        QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << QByteArray()
                              << QByteArray() << false;
        QTest::newRow("user info") << QStringLiteral("https://user:pw@example.com/") << QByteArray()
                                   << QByteArray() << false;
        QTest::newRow("CRLF in value")
            << ok << QByteArray("X-A") << QByteArray("1\r\nAuthorization: x") << false;
        QTest::newRow("LF in value") << ok << QByteArray("X-A") << QByteArray("1\nB: 2") << false;
        QTest::newRow("NUL in value") << ok << QByteArray("X-A") << QByteArray("1\0", 2) << false;
        QTest::newRow("space in name") << ok << QByteArray("X A") << QByteArray("1") << false;
        QTest::newRow("colon in name") << ok << QByteArray("X:A") << QByteArray("1") << false;
        QTest::newRow("Host header") << ok << QByteArray("host") << QByteArray("evil") << false;
        QTest::newRow("Content-Length")
            << ok << QByteArray("Content-Length") << QByteArray("1") << false;
        QTest::newRow("Transfer-Encoding")
            << ok << QByteArray("Transfer-Encoding") << QByteArray("chunked") << false;
    }

    void validateRequest()
    {
        QFETCH(QString, url);
        QFETCH(QByteArray, headerName);
        QFETCH(QByteArray, headerValue);
        QFETCH(bool, valid);
        Http::Request request;
        request.url = QUrl(url);
        if (!headerName.isNull()) {
            request.headers.append({headerName, headerValue});
        }
        const QString problem = Http::validateRequest(request);
        QCOMPARE(problem.isEmpty(), valid);
    }

    void emptyHeaderNameIsInvalid()
    {
        Http::Request request;
        request.url = QUrl(QStringLiteral("https://example.com/"));
        request.headers.append({QByteArray(""), QByteArray("x")});
        QVERIFY(!Http::validateRequest(request).isEmpty());
    }

    void sameOrigin_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        QTest::newRow("same") << QStringLiteral("https://h.example/a")
                              << QStringLiteral("https://h.example/b?q") << true;
        QTest::newRow("explicit default port") << QStringLiteral("https://h.example/")
                                               << QStringLiteral("https://h.example:443/x") << true;
        QTest::newRow("host case")
            << QStringLiteral("https://H.Example/") << QStringLiteral("https://h.example/") << true;
        QTest::newRow("other port") << QStringLiteral("http://127.0.0.1:1000/")
                                    << QStringLiteral("http://127.0.0.1:1001/") << false;
        QTest::newRow("other host") << QStringLiteral("http://127.0.0.1:1000/")
                                    << QStringLiteral("http://127.0.0.2:1000/") << false;
        QTest::newRow("subdomain") << QStringLiteral("https://a.example/")
                                   << QStringLiteral("https://b.a.example/") << false;
        QTest::newRow("https to http")
            << QStringLiteral("https://h.example/") << QStringLiteral("http://h.example/") << false;
        QTest::newRow("https to http same port")
            << QStringLiteral("https://h.example:8443/") << QStringLiteral("http://h.example:8443/")
            << false;
        QTest::newRow("invalid") << QStringLiteral("https://h.example/") << QString() << false;
    }

    void sameOrigin()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        QCOMPARE(Http::isSameOrigin(QUrl(a), QUrl(b)), same);
        QCOMPARE(Http::isSameOrigin(QUrl(b), QUrl(a)), same);
    }

    void loopbackHosts_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
        QTest::newRow("127.255.0.9") << QStringLiteral("127.255.0.9") << true;
        QTest::newRow("::1") << QStringLiteral("::1") << true;
        QTest::newRow("[::1]") << QStringLiteral("[::1]") << true;
        QTest::newRow("localhost") << QStringLiteral("localhost") << true;
        QTest::newRow("Localhost") << QStringLiteral("Localhost") << true;
        QTest::newRow("x.localhost") << QStringLiteral("emulator.localhost") << true;
        QTest::newRow("localhost.example.com") << QStringLiteral("localhost.example.com") << false;
        QTest::newRow("128.0.0.1") << QStringLiteral("128.0.0.1") << false;
        QTest::newRow("0.0.0.0") << QStringLiteral("0.0.0.0") << false;
        QTest::newRow("example.com") << QStringLiteral("example.com") << false;
        QTest::newRow("empty") << QString() << false;
    }

    void loopbackHosts()
    {
        QFETCH(QString, host);
        QFETCH(bool, loopback);
        QCOMPARE(Http::isLoopbackHost(host), loopback);
    }

    void setHeaderReplacesCaseInsensitively()
    {
        Http::Request request;
        request.headers = {{"accept", "a"}, {"X-Other", "o"}, {"ACCEPT", "b"}};
        request.setHeader("Accept", "json");
        QCOMPARE(request.headers.size(), 2);
        QCOMPARE(request.header("aCCept").value_or(QByteArray()), QByteArray("json"));
        QCOMPARE(request.header("x-other").value_or(QByteArray()), QByteArray("o"));
        QVERIFY(!request.header("missing").has_value());
    }

    void namesAreStable()
    {
        QCOMPARE(Http::methodName(Http::Method::Patch), QByteArray("PATCH"));
        QCOMPARE(Http::methodName(Http::Method::Delete), QByteArray("DELETE"));
        QSet<QString> names;
        for (int k = int(Http::ErrorKind::None); k <= int(Http::ErrorKind::Other); ++k) {
            names.insert(Http::errorKindName(Http::ErrorKind(k)));
        }
        QCOMPARE(names.size(), int(Http::ErrorKind::Other) + 1);
        QCOMPARE(Http::errorKindName(Http::ErrorKind::TooLarge), QStringLiteral("too-large"));
    }

    void tokenLimits()
    {
        const Http::RequestLimits token = Http::RequestLimits::tokenRequest();
        QCOMPARE(token.maxResponseBytes, 64 * 1024);
        QCOMPARE(Http::RequestLimits{}.maxResponseBytes, 256LL * 1024 * 1024);
        QCOMPARE(Http::RequestLimits{}.redirects, Http::RedirectMode::Manual);
        QVERIFY(token.deadline < Http::RequestLimits{}.deadline);
    }
};

QTEST_GUILESS_MAIN(TestRequest)
#include "TestRequest.moc"
