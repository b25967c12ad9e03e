// SPDX-License-Identifier: MIT
// Drives the real suitebench-emulator binary: its start-up line, --demo, --tls, the Host
// guard, a full token exchange with an assertion minted by suitebench-cli, and SIGTERM.
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <csignal>

#include <sys/stat.h>

namespace {

struct Reply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
};

Reply send(QNetworkAccessManager &nam, QNetworkRequest request, const QByteArray &body = {},
           bool post = false)
{
    request.setTransferTimeout(10000);
    QNetworkReply *reply = post ? nam.post(request, body) : nam.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    loop.exec();
    Reply out{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->error(),
              reply->readAll()};
    reply->deleteLater();
    return out;
}

} // namespace

class TestEmulatorExecutable final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void helpAndVersion();
    void demoPrintsStartLineAndServesARealTokenExchange();
    void refusesForeignHostHeader();
    void tlsServesWithItsOwnCa();
    void refusesNonLoopbackBind();

private:
    QJsonObject start(const QStringList &args);
    QProcess *m_process = nullptr;
    QTemporaryDir *m_dir = nullptr;
};

void TestEmulatorExecutable::init()
{
    m_dir = new QTemporaryDir;
    QVERIFY(m_dir->isValid());
}

void TestEmulatorExecutable::cleanup()
{
    if (m_process) {
        if (m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
        delete m_process;
        m_process = nullptr;
    }
    delete m_dir;
    m_dir = nullptr;
}

QJsonObject TestEmulatorExecutable::start(const QStringList &args)
{
    m_process = new QProcess;
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->start(QStringLiteral(SB_EMULATOR_PATH), args);
    if (!m_process->waitForStarted(10000)) {
        return {};
    }
    // The first line of stdout is the start-up JSON; wait for it (key generation can take a
    // moment in --demo).
    QByteArray line;
    for (int i = 0; i < 300 && !line.endsWith('\n'); ++i) {
        if (!m_process->waitForReadyRead(100) && m_process->state() == QProcess::NotRunning) {
            break;
        }
        line += m_process->readLine();
    }
    return QJsonDocument::fromJson(line).object();
}

void TestEmulatorExecutable::helpAndVersion()
{
    QProcess p;
    p.start(QStringLiteral(SB_EMULATOR_PATH), {QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    const QByteArray help = p.readAllStandardOutput();
    QVERIFY(help.contains("--fault"));
    QVERIFY(help.contains("invalid_client"));
    p.start(QStringLiteral(SB_EMULATOR_PATH), {QStringLiteral("--version")});
    QVERIFY(p.waitForFinished(10000));
    QVERIFY(p.readAllStandardOutput().startsWith("suitebench-emulator "));
}

void TestEmulatorExecutable::demoPrintsStartLineAndServesARealTokenExchange()
{
    const QJsonObject info
        = start({QStringLiteral("--demo"), QStringLiteral("--port"), QStringLiteral("0"),
                 QStringLiteral("--state-dir"), m_dir->path()});
    QVERIFY2(!info.isEmpty(), m_process->readAllStandardError().constData());
    const QUrl base(info.value(QStringLiteral("base_url")).toString());
    QCOMPARE(base.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(base.port() > 0);
    QCOMPARE(info.value(QStringLiteral("account")).toString(), QStringLiteral("1234567_SB1"));
    // It plays the account: the audience is the account's real token URL, not its own.
    QCOMPARE(info.value(QStringLiteral("aud")).toString(),
             QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/"
                            "oauth2/v1/token"));
    const QString clientId = info.value(QStringLiteral("client_id")).toString();
    QCOMPARE(clientId.size(), 64);
    const QString certId = info.value(QStringLiteral("cert_id")).toString();
    QVERIFY(!certId.isEmpty());
    const QString keyFile = info.value(QStringLiteral("private_key_file")).toString();
    struct stat st
    {};
    QCOMPARE(::stat(QFile::encodeName(keyFile).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0600);
    QVERIFY(QFile::exists(info.value(QStringLiteral("certificate_file")).toString()));

    // Mint with the other executable, exchange over plain HTTP as any client would.
    QProcess cli;
    cli.start(QStringLiteral(SB_CLI_PATH),
              {QStringLiteral("jwt"), QStringLiteral("mint"), QStringLiteral("--account"),
               QStringLiteral("1234567_SB1"), QStringLiteral("--client-id"), clientId,
               QStringLiteral("--cert-id"), certId, QStringLiteral("--key"), keyFile});
    QVERIFY(cli.waitForFinished(20000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QByteArray assertion = cli.readAllStandardOutput().trimmed();

    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(info.value(QStringLiteral("token_url")).toString()));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QStringLiteral("application/x-www-form-urlencoded"));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    form.addQueryItem(QStringLiteral("client_assertion_type"),
                      QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
    form.addQueryItem(QStringLiteral("client_assertion"), QString::fromLatin1(assertion));
    const Reply token = send(nam, request, form.query(QUrl::FullyEncoded).toLatin1(), true);
    QCOMPARE(token.status, 200);
    const QJsonObject tokenJson = QJsonDocument::fromJson(token.body).object();
    const QString accessToken = tokenJson.value(QStringLiteral("access_token")).toString();
    QVERIFY(!accessToken.isEmpty());

    QNetworkRequest rest(QUrl(info.value(QStringLiteral("rest_url")).toString()
                              + QStringLiteral("/customer?limit=5")));
    rest.setRawHeader("Authorization", "Bearer " + accessToken.toLatin1());
    const Reply list = send(nam, rest);
    QCOMPARE(list.status, 200);
    QCOMPARE(QJsonDocument::fromJson(list.body).object().value(QStringLiteral("count")).toInt(), 5);

    // SIGTERM stops it cleanly and promptly.
    ::kill(pid_t(m_process->processId()), SIGTERM);
    QVERIFY(m_process->waitForFinished(10000));
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 0);
}

void TestEmulatorExecutable::refusesForeignHostHeader()
{
    const QJsonObject info = start({QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY(!info.isEmpty());
    QNetworkAccessManager nam;
    QNetworkRequest request(
        QUrl(info.value(QStringLiteral("rest_url")).toString() + QStringLiteral("/customer")));
    request.setRawHeader("Host", "attacker.example");
    const Reply reply = send(nam, request);
    QCOMPARE(reply.status, 421);
}

void TestEmulatorExecutable::tlsServesWithItsOwnCa()
{
    const QJsonObject info
        = start({QStringLiteral("--tls"), QStringLiteral("--port"), QStringLiteral("0"),
                 QStringLiteral("--state-dir"), m_dir->path()});
    QVERIFY2(!info.isEmpty(), m_process->readAllStandardError().constData());
    const QUrl base(info.value(QStringLiteral("base_url")).toString());
    QCOMPARE(base.scheme(), QStringLiteral("https"));
    const QString caFile = info.value(QStringLiteral("ca_file")).toString();
    QFile ca(caFile);
    QVERIFY(ca.open(QIODevice::ReadOnly));
    const auto certificates = QSslCertificate::fromData(ca.readAll(), QSsl::Pem);
    QVERIFY(!certificates.isEmpty());

    QNetworkRequest request(
        QUrl(info.value(QStringLiteral("rest_url")).toString() + QStringLiteral("/customer")));
    {
        // Without the CA: refused by TLS, never silently trusted.
        QNetworkAccessManager nam;
        const Reply reply = send(nam, request);
        QCOMPARE(reply.error, QNetworkReply::SslHandshakeFailedError);
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates(certificates);
    request.setSslConfiguration(tls);
    QNetworkAccessManager nam;
    const Reply reply = send(nam, request);
    // TLS works; the call itself is refused for want of a token, in NetSuite's shape.
    QCOMPARE(reply.status, 401);
    QVERIFY(reply.body.contains("INVALID_LOGIN"));
}

void TestEmulatorExecutable::refusesNonLoopbackBind()
{
    QProcess p;
    p.start(QStringLiteral(SB_EMULATOR_PATH),
            {QStringLiteral("--host"), QStringLiteral("0.0.0.0")});
    QVERIFY(p.waitForFinished(10000));
    QVERIFY(p.exitCode() != 0);
    QVERIFY(p.readAllStandardError().toLower().contains("loopback"));
}

QTEST_GUILESS_MAIN(TestEmulatorExecutable)
#include "TestEmulatorExecutable.moc"
