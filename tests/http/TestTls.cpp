// SPDX-License-Identifier: MIT
// TLS per environment (security doc S12, S13): an untrusted certificate is a Tls failure with
// its reasons; a per-environment extra CA is the only way to trust it.
#include "http/HttpCall.h"

#include <QProcess>
#include <QSslKey>
#include <QSslServer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "CallRunner.h"
#include "FaultServer.h"

using namespace Sb;
using namespace std::chrono_literals;
using SbTest::FaultServer;
using SbTest::Outcome;

namespace {

struct TestCert
{
    QSslCertificate certificate;
    QSslKey key;
};

/** A self-signed P-256 certificate made with the openssl command line, test-only. */
std::optional<TestCert> makeCertificate(const QString &dir, const QString &name,
                                        const QString &subjectAltName)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        return std::nullopt;
    }
    const QString keyPath = dir + u'/' + name + QStringLiteral(".key");
    const QString certPath = dir + u'/' + name + QStringLiteral(".crt");
    QProcess process;
    process.start(openssl,
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=") + name, QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=") + subjectAltName, QStringLiteral("-keyout"),
                   keyPath, QStringLiteral("-out"), certPath});
    if (!process.waitForFinished(20000) || process.exitCode() != 0) {
        qWarning() << process.readAllStandardError();
        return std::nullopt;
    }
    QFile keyFile(keyPath);
    QFile certFile(certPath);
    if (!keyFile.open(QIODevice::ReadOnly) || !certFile.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    TestCert cert{QSslCertificate(certFile.readAll(), QSsl::Pem),
                  QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem)};
    if (cert.certificate.isNull() || cert.key.isNull()) {
        return std::nullopt;
    }
    return cert;
}

} // namespace

class TestTls final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<TestCert> m_cert;      // SAN IP:127.0.0.1, DNS:localhost
    std::optional<TestCert> m_otherHost; // SAN DNS:other.example only
    std::unique_ptr<FaultServer> m_server;

    void startServer(const TestCert &cert)
    {
        auto tls = std::make_unique<QSslServer>();
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(cert.certificate);
        config.setPrivateKey(cert.key);
        config.setPeerVerifyMode(QSslSocket::VerifyNone); // the server asks no client cert
        tls->setSslConfiguration(config);
        tls->setHandshakeTimeout(5000);
        m_server = std::make_unique<FaultServer>(std::move(tls));
        QVERIFY(m_server->listen());
        m_server->setHandler([this](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            m_server->respond(socket, 200, "secure");
        });
    }

    Outcome run(QNetworkAccessManager &manager, const Http::TransportOptions &options,
                const QString &host = QStringLiteral("127.0.0.1"))
    {
        Http::Request request;
        request.url = m_server->url(QStringLiteral("/"), QStringLiteral("https"), host);
        request.setHeader("Authorization", "Bearer not-for-untrusted-servers-0123456789");
        Http::HttpCall call(Http::CallContext(Http::Transport(manager, options)), request);
        Outcome out;
        SbTest::runCall(call, out, 10000);
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cert = makeCertificate(m_dir.path(), QStringLiteral("localhost"),
                                 QStringLiteral("IP:127.0.0.1,DNS:localhost"));
        if (!m_cert) {
            QFAIL("the openssl command line is not available; packaging/setup-debian.sh installs it");
        }
        m_otherHost = makeCertificate(m_dir.path(), QStringLiteral("other.example"),
                                      QStringLiteral("DNS:other.example"));
        QVERIFY(m_otherHost);
    }

    void cleanup() { m_server.reset(); }

    void untrustedCertificateIsATlsFailure()
    {
        startServer(*m_cert);
        const auto manager = Http::makeNetworkAccessManager();
        const Outcome out = run(*manager, {});
        QCOMPARE(out.record.error, Http::ErrorKind::Tls);
        QVERIFY(!out.record.tlsErrors.isEmpty());
        QVERIFY2(
            out.record.tlsErrors.join(u'\n').contains(QLatin1String("self"), Qt::CaseInsensitive),
            qPrintable(out.record.tlsErrors.join(u'\n')));
        QCOMPARE(m_server->requests().size(), 0); // the token never crossed the wire
    }

    void extraCaOfTheEnvironmentTrustsIt_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("IP") << QStringLiteral("127.0.0.1");
        QTest::newRow("localhost") << QStringLiteral("localhost");
    }

    void extraCaOfTheEnvironmentTrustsIt()
    {
        QFETCH(QString, host);
        startServer(*m_cert);
        const auto manager = Http::makeNetworkAccessManager();
        Http::TransportOptions options;
        options.extraCaCertificates = {m_cert->certificate};
        const Outcome out = run(*manager, options, host);
        QCOMPARE(out.record.error, Http::ErrorKind::None);
        QCOMPARE(out.record.status, 200);
        QCOMPARE(out.record.body, QByteArray("secure"));
        QVERIFY(out.record.tlsErrors.isEmpty());
    }

    void trustInOneEnvironmentDoesNotLeakIntoAnother()
    {
        startServer(*m_cert);
        const auto trusting = Http::makeNetworkAccessManager();
        const auto strict = Http::makeNetworkAccessManager(); // one manager per environment
        Http::TransportOptions options;
        options.extraCaCertificates = {m_cert->certificate};
        QCOMPARE(run(*trusting, options).record.error, Http::ErrorKind::None);
        QCOMPARE(run(*strict, {}).record.error, Http::ErrorKind::Tls);
    }

    void controlASharedManagerReusesTheTrustedConnection()
    {
        // Why Transport asks for one manager per environment: Qt pools the connection per
        // host:port and a later request's (stricter) TLS configuration is not re-checked.
        startServer(*m_cert);
        const auto shared = Http::makeNetworkAccessManager();
        Http::TransportOptions options;
        options.extraCaCertificates = {m_cert->certificate};
        QCOMPARE(run(*shared, options).record.error, Http::ErrorKind::None);
        const Outcome strictOnShared = run(*shared, {});
        if (strictOnShared.record.error == Http::ErrorKind::Tls) {
            QSKIP("this Qt re-checks TLS settings on a pooled connection");
        }
        QCOMPARE(strictOnShared.record.error, Http::ErrorKind::None);
        QCOMPARE(m_server->connectionCount(), 1);
    }

    void extraCaStillRequiresTheRightHostName()
    {
        startServer(*m_otherHost);
        const auto manager = Http::makeNetworkAccessManager();
        Http::TransportOptions options;
        options.extraCaCertificates = {m_otherHost->certificate};
        const Outcome out = run(*manager, options);
        QCOMPARE(out.record.error, Http::ErrorKind::Tls);
        QVERIFY2(out.record.tlsErrors.join(u'\n').contains(QLatin1String("host name"),
                                                           Qt::CaseInsensitive),
                 qPrintable(out.record.tlsErrors.join(u'\n')));
    }

    void plaintextServerOnAnHttpsUrlIsATlsFailure()
    {
        // S13: a server that does not speak TLS.
        m_server = std::make_unique<FaultServer>();
        QVERIFY(m_server->listen());
        m_server->setHandler([this](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            m_server->respond(socket, 200, "plain");
        });
        QTcpServer *plain = m_server->server();
        QObject::connect(plain, &QTcpServer::pendingConnectionAvailable, plain, [plain] {
            // Answer the ClientHello with plain HTTP, as a misconfigured port would.
            const auto sockets = plain->findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
            for (QTcpSocket *s : sockets) {
                s->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            }
        });
        const auto manager = Http::makeNetworkAccessManager();
        const Outcome out = run(*manager, {});
        QVERIFY2(out.record.error == Http::ErrorKind::Tls,
                 qPrintable(Http::errorKindName(out.record.error) + QStringLiteral(": ")
                            + out.record.errorMessage));
        QVERIFY(out.record.errorMessage.contains(QLatin1String("wrong version number")));
    }

    void extraCaKeepsTheSystemRoots()
    {
        const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
        if (system.isEmpty()) {
            QFAIL("no system CA certificates; packaging/setup-debian.sh installs ca-certificates");
        }
        QNetworkAccessManager manager;
        Http::TransportOptions options;
        options.extraCaCertificates = {m_cert->certificate};
        const Http::Transport transport(manager, options);
        const QList<QSslCertificate> cas = transport.sslConfiguration().caCertificates();
        QVERIFY(cas.contains(m_cert->certificate));
        QVERIFY(cas.contains(system.first()));
        QCOMPARE(cas.size(), system.size() + 1);
    }

    void loadCaCertificatesReadsPemAndRejectsGarbage()
    {
        const auto loaded = Http::loadCaCertificates(m_cert->certificate.toPem()
                                                     + m_otherHost->certificate.toPem());
        QVERIFY(loaded.has_value());
        QCOMPARE(loaded->size(), 2);
        const auto der = Http::loadCaCertificates(m_cert->certificate.toDer());
        QVERIFY(der.has_value());
        QCOMPARE(der->size(), 1);
        const auto garbage = Http::loadCaCertificates("-----BEGIN CERTIFICATE-----\nnope\n");
        QVERIFY(!garbage.has_value());
        QCOMPARE(garbage.error().code, Http::HttpErrorCode::BadCertificate);
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "TestTls.moc"
