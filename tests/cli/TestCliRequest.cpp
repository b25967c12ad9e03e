// SPDX-License-Identifier: MIT
// Drives suitebench-cli token / request / suiteql against the in-process emulator (routed with
// --connect-to, so aud and guards stay the sandbox account's): output, exit codes, files.
#include "crypto/Keys.h"
#include "emulator/EmulatorTestSupport.h"
#include "emulator/EmulatorThread.h"
#include "netsuite/CustomTokenEndpoint.h"
#include "support/ResultTesting.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Sb;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(SB_CLI_PATH), args);
    if (!p.waitForStarted(10000)) {
        return {};
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

int modeOf(const QString &path)
{
    struct stat st
    {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

} // namespace

class TestCliRequest final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void tokenPrintsOnlyTheRequestedJson();
    void requestPrintsTheBody();
    void verboseShowsTheTimelineWithoutSecrets();
    void httpErrorExits1WithDiagnosis();
    void createPrintsLocation();
    void droppedWriteIsOutcomeUnknownThenRetryUnknownFindsIt();
    void guardsExit5();
    void tokenRefusedExits4();
    void networkFailureExits3();
    void usageErrorsExit2_data();
    void usageErrorsExit2();
    void suiteQlOnePageByDefault();
    void suiteQlAllToCsvFile();

private:
    QStringList auth(const QString &account = QStringLiteral("1234567_SB1")) const;

    std::unique_ptr<Emulator::EmulatorThread> m_emu;
    Emulator::StartInfo m_info;
    QTemporaryDir m_dir;
    QString m_keyFile;
    QString m_clientId;
    QString m_certId;
    QString m_connectTo;
};

void TestCliRequest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    auto key = Crypto::generateKey({Crypto::KeyType::Ec, 256, Crypto::Curve::P256});
    SB_VERIFY_RESULT(key);
    m_keyFile = m_dir.filePath(QStringLiteral("test-only-client.key"));
    QFile file(m_keyFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(key->toPkcs8Pem()->exposeForApi());
    file.close();
    Emulator::Settings settings;
    settings.seedDemoData = true;
    settings.demoScale = 0.4; // 1,000 customers
    m_emu = std::make_unique<Emulator::EmulatorThread>(settings);
    auto info = m_emu->start();
    SB_VERIFY_RESULT(info);
    m_info = *info;
    auto integration = m_emu->createIntegration();
    SB_VERIFY_RESULT(integration);
    auto mapping = m_emu->uploadCertificate(SbTest::certificateFor(*key), integration->clientId);
    SB_VERIFY_RESULT(mapping);
    m_clientId = integration->clientId;
    m_certId = mapping->certificateId;
    m_connectTo = NetSuite::CustomTokenEndpoint::originOf(m_info.baseUrl);
}

void TestCliRequest::cleanup()
{
    m_emu->clearFaults();
}

QStringList TestCliRequest::auth(const QString &account) const
{
    return {QStringLiteral("--account"),    account,    QStringLiteral("--client-id"), m_clientId,
            QStringLiteral("--cert-id"),    m_certId,   QStringLiteral("--key"),       m_keyFile,
            QStringLiteral("--connect-to"), m_connectTo};
}

void TestCliRequest::tokenPrintsOnlyTheRequestedJson()
{
    const Run r = cli(QStringList{QStringLiteral("token")} + auth());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject token = QJsonDocument::fromJson(r.out).object();
    const QString access = token.value(QLatin1String("access_token")).toString();
    QVERIFY(!access.isEmpty());
    QCOMPARE(token.value(QLatin1String("token_type")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(token.value(QLatin1String("expires_in")).toInt(), 3600);
    QVERIFY(!r.err.contains(access.toLatin1()));
}

void TestCliRequest::requestPrintsTheBody()
{
    const Run r
        = cli(QStringList{QStringLiteral("request")} + auth()
              + QStringList{QStringLiteral("GET"), QStringLiteral("record/v1/customer?limit=2")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject body = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(body.value(QLatin1String("count")).toInt(), 2);
}

void TestCliRequest::verboseShowsTheTimelineWithoutSecrets()
{
    SB_VERIFY_RESULT(m_emu->addFault(
        QStringLiteral("status=429,count=1,path=/services/rest/record/v1/customer")));
    const Run r
        = cli(QStringList{QStringLiteral("request"), QStringLiteral("-v"), QStringLiteral("--curl")}
              + auth()
              + QStringList{QStringLiteral("GET"), QStringLiteral("record/v1/customer?limit=1")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    for (const char *expected : {"token: exchange #1", "send: attempt 1", "HTTP 429",
                                 "wait: ", "send: attempt 2", "status: HTTP 200", "curl "}) {
        QVERIFY2(r.err.contains(expected), qPrintable(QString::fromUtf8(r.err)));
    }
    // The URLs shown are the account's, and no token or assertion appears.
    QVERIFY(r.err.contains("1234567-sb1.suitetalk.api.netsuite.com"));
    QVERIFY(!r.err.contains("eyJ"));
}

void TestCliRequest::httpErrorExits1WithDiagnosis()
{
    const Run r
        = cli(QStringList{QStringLiteral("request")} + auth()
              + QStringList{QStringLiteral("GET"), QStringLiteral("record/v1/customer/987654321")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("HTTP 404"), r.err.constData());
    QVERIFY(!r.out.isEmpty()); // the body still goes to stdout for scripts
}

void TestCliRequest::createPrintsLocation()
{
    const Run r
        = cli(QStringList{QStringLiteral("request")} + auth()
              + QStringList{QStringLiteral("--data"), QStringLiteral(R"({"companyName":"CLI Co"})"),
                            QStringLiteral("POST"), QStringLiteral("record/v1/customer")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(
        r.err.contains(
            "location: "
            "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/"),
        r.err.constData());
}

void TestCliRequest::droppedWriteIsOutcomeUnknownThenRetryUnknownFindsIt()
{
    const auto before = m_emu->counters();
    SB_VERIFY_RESULT(m_emu->addFault(
        QStringLiteral("drop-body=1,method=POST,path=/services/rest/record/v1/customer")));
    const QStringList write{QStringLiteral("--data"),
                            QStringLiteral(R"({"companyName":"Maybe Co"})"), QStringLiteral("POST"),
                            QStringLiteral("record/v1/customer")};
    const Run first = cli(QStringList{QStringLiteral("request")} + auth() + write);
    QCOMPARE(first.exitCode, 3);
    QVERIFY2(first.err.contains("outcome unknown"), first.err.constData());
    const auto match
        = QRegularExpression(QStringLiteral("--idempotency-key (\\S+) --retry-unknown"))
              .match(QString::fromUtf8(first.err));
    QVERIFY2(match.hasMatch(), first.err.constData());
    const QString key = match.captured(1);
    QCOMPARE(m_emu->counters().recordsCreated - before.recordsCreated, 1);

    m_emu->clearFaults();
    const Run again
        = cli(QStringList{QStringLiteral("request"), QStringLiteral("--idempotency-key"), key,
                          QStringLiteral("--retry-unknown")}
              + auth() + write);
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.err.contains("already applied"), again.err.constData());
    QVERIFY(again.err.contains("location: https://1234567-sb1.suitetalk.api.netsuite.com/"));
    QCOMPARE(m_emu->counters().recordsCreated - before.recordsCreated, 1);
}

void TestCliRequest::guardsExit5()
{
    const auto before = m_emu->counters();
    const Run other = cli(
        QStringList{QStringLiteral("request")} + auth()
        + QStringList{
            QStringLiteral("GET"),
            QStringLiteral(
                "https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1/customer")});
    QCOMPARE(other.exitCode, 5);
    QVERIFY(other.err.contains("refused"));
    const Run prodWrite
        = cli(QStringList{QStringLiteral("request")} + auth(QStringLiteral("1234567"))
              + QStringList{QStringLiteral("--data"), QStringLiteral("{}"),
                            QStringLiteral("DELETE"), QStringLiteral("record/v1/customer/1")});
    QCOMPARE(prodWrite.exitCode, 5);
    QVERIFY(prodWrite.err.contains("--allow-production-writes"));
    QCOMPARE(m_emu->counters().requests, before.requests);
}

void TestCliRequest::tokenRefusedExits4()
{
    QStringList args = auth();
    args[args.indexOf(QStringLiteral("--cert-id")) + 1]
        = QStringLiteral("unknownCertificateIdxxxxxxxxxxxxxxxxxxxxxx");
    const Run r = cli(QStringList{QStringLiteral("request")} + args
                      + QStringList{QStringLiteral("GET"), QStringLiteral("record/v1/customer")});
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(r.err.contains("refused the exchange"), r.err.constData());
    QVERIFY(r.err.contains("Login Audit Trail")); // the diagnosis says where to look
    QVERIFY(!r.err.contains("eyJ"));
}

void TestCliRequest::networkFailureExits3()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QStringList args = auth();
    args[args.indexOf(QStringLiteral("--connect-to")) + 1]
        = QStringLiteral("http://127.0.0.1:%1").arg(port);
    const Run r = cli(QStringList{QStringLiteral("token")} + args);
    QCOMPARE(r.exitCode, 3);
    QVERIFY(r.out.isEmpty());
}

void TestCliRequest::usageErrorsExit2_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("retry-unknown without key")
        << QStringList{QStringLiteral("--retry-unknown"), QStringLiteral("POST"),
                       QStringLiteral("record/v1/customer")};
    QTest::newRow("bad method") << QStringList{QStringLiteral("FETCH"),
                                               QStringLiteral("record/v1/customer")};
    QTest::newRow("own Authorization")
        << QStringList{QStringLiteral("-H"), QStringLiteral("Authorization: Bearer x"),
                       QStringLiteral("GET"), QStringLiteral("record/v1/customer")};
    QTest::newRow("key on GET") << QStringList{QStringLiteral("--idempotency-key"),
                                               QStringLiteral("abc"), QStringLiteral("GET"),
                                               QStringLiteral("record/v1/customer")};
    QTest::newRow("bad key") << QStringList{QStringLiteral("--idempotency-key"),
                                            QStringLiteral("a b"), QStringLiteral("POST"),
                                            QStringLiteral("record/v1/customer")};
}

void TestCliRequest::usageErrorsExit2()
{
    QFETCH(QStringList, args);
    const Run r = cli(QStringList{QStringLiteral("request")} + auth() + args);
    QCOMPARE(r.exitCode, 2);
}

void TestCliRequest::suiteQlOnePageByDefault()
{
    const Run r
        = cli(QStringList{QStringLiteral("suiteql")} + auth()
              + QStringList{QStringLiteral("--limit"), QStringLiteral("5"),
                            QStringLiteral("SELECT id, companyname FROM customer ORDER BY id")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<QByteArray> rows = r.out.trimmed().split('\n');
    QCOMPARE(rows.size(), 5);
    QVERIFY(QJsonDocument::fromJson(rows.first()).object().contains(QLatin1String("companyname")));
    QVERIFY(r.err.contains("--all"));
}

void TestCliRequest::suiteQlAllToCsvFile()
{
    const QString out = m_dir.filePath(QStringLiteral("customers.csv"));
    const Run r
        = cli(QStringList{QStringLiteral("suiteql")} + auth()
              + QStringList{QStringLiteral("--all"), QStringLiteral("--format"),
                            QStringLiteral("csv"), QStringLiteral("--out"), out,
                            QStringLiteral("--limit"), QStringLiteral("150"),
                            QStringLiteral("SELECT id, companyname FROM customer ORDER BY id")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.isEmpty());
    // 1,000 seeded customers plus those the other tests created.
    const auto progress
        = QRegularExpression(QStringLiteral("suiteql: (\\d+) / \\1 rows, 7 / 7 pages"))
              .match(QString::fromUtf8(r.err));
    QVERIFY2(progress.hasMatch(), r.err.constData());
    const int rows = progress.captured(1).toInt();
    QVERIFY(rows >= 1000);
    QCOMPARE(modeOf(out), 0600);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    QVERIFY(csv.startsWith("companyname,id\r\n"));
    QCOMPARE(csv.count("\r\n"), qsizetype(rows + 1));
}

QTEST_GUILESS_MAIN(TestCliRequest)
#include "TestCliRequest.moc"
