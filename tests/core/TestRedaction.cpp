// SPDX-License-Identifier: MIT
#include "core/Redaction.h"

#include <QLoggingCategory>
#include <QTest>

using namespace Sb;

namespace {
Q_LOGGING_CATEGORY(lcTest, "sb.test")

// Sentinels: each must never survive redaction. The JWT is a real compact shape.
const QString SentinelToken = QStringLiteral("SENTINELtok3n-abcdefghijklmnop-QRSTUV");
const QString SentinelJwt = QStringLiteral(
    "eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJTRU5USU5FTCJ9.SENTINELsignatureAAAA");
const QString SentinelKeyBody = QStringLiteral("MIIEvQSENTINELKEYBODYAgEAMA0GCSqGSIb3DQEBAQUAB");
} // namespace

class TestRedaction final : public QObject
{
    Q_OBJECT

private slots:
    void masks_data();
    void masks();
    void keepsIdentifiersAndPlainText();
    void isIdempotent();
    void sentinelNeverReachesAnyLoggingPath();
    void hostileTextStaysFast();
};

void TestRedaction::masks_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("mustContain");

    const QString pem = QStringLiteral("-----BEGIN PRIVATE KEY-----\n") + SentinelKeyBody
                        + QStringLiteral("\n-----END PRIVATE KEY-----\n");
    // clang-format off
    QTest::newRow("bearer header") << QStringLiteral("Authorization: Bearer ") + SentinelToken
                                   << SentinelToken << QStringLiteral("Bearer [redacted…STUV]");
    QTest::newRow("bearer lower")  << QStringLiteral("authorization: bearer ") + SentinelToken
                                   << SentinelToken << QStringLiteral("[redacted");
    QTest::newRow("basic")         << QStringLiteral("Authorization: Basic ") + SentinelToken
                                   << SentinelToken << QStringLiteral("Basic [redacted");
    QTest::newRow("bare jwt")      << QStringLiteral("token is ") + SentinelJwt + QStringLiteral(" ok")
                                   << QStringLiteral("SENTINEL") << QStringLiteral("[redacted JWT, alg=PS256] ok");
    QTest::newRow("jwe")           << QStringLiteral("eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d")
                                   << QStringLiteral("eyJhbGciOiJSU0EtT0FFUCJ9") << QStringLiteral("[redacted JWE");
    QTest::newRow("form assertion") << QStringLiteral("grant_type=client_credentials&client_assertion=") + SentinelToken + QStringLiteral("&x=1")
                                    << SentinelToken << QStringLiteral("client_assertion=[redacted]&x=1");
    QTest::newRow("query token")   << QStringLiteral("https://h/x?access_token=") + SentinelToken
                                   << SentinelToken << QStringLiteral("access_token=[redacted]");
    QTest::newRow("json token")    << QStringLiteral("{\"access_token\": \"") + SentinelToken + QStringLiteral("\",\"expires_in\":3600}")
                                   << SentinelToken << QStringLiteral("\"access_token\": \"[redacted]\"");
    QTest::newRow("json escaped quote") << QStringLiteral("{\"client_secret\":\"ab\\\"") + SentinelToken + QStringLiteral("\"}")
                                        << SentinelToken << QStringLiteral("[redacted]");
    QTest::newRow("pem")           << QStringLiteral("key:\n") + pem
                                   << SentinelKeyBody << QStringLiteral("[redacted PEM PRIVATE KEY]");
    QTest::newRow("pem crlf")      << QString(pem).replace(QStringLiteral("\n"), QStringLiteral("\r\n"))
                                   << SentinelKeyBody << QStringLiteral("[redacted PEM PRIVATE KEY]");
    QTest::newRow("pem in json")   << QStringLiteral("{\"key\":\"") + QString(pem).replace(QStringLiteral("\n"), QStringLiteral("\\n")) + QStringLiteral("\"}")
                                   << SentinelKeyBody << QStringLiteral("[redacted PEM PRIVATE KEY]");
    QTest::newRow("pem cut off")   << QStringLiteral("-----BEGIN ENCRYPTED PRIVATE KEY-----\n") + SentinelKeyBody
                                   << SentinelKeyBody << QStringLiteral("[redacted PEM ENCRYPTED PRIVATE KEY]");
    QTest::newRow("legacy pem")    << QStringLiteral("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00FF\n\n") + SentinelKeyBody + QStringLiteral("\n-----END RSA PRIVATE KEY-----")
                                   << SentinelKeyBody << QStringLiteral("[redacted PEM RSA PRIVATE KEY]");
    QTest::newRow("passphrase")    << QStringLiteral("passphrase=") + SentinelToken
                                   << SentinelToken << QStringLiteral("passphrase=[redacted]");
    // clang-format on
}

void TestRedaction::masks()
{
    QFETCH(QString, text);
    QFETCH(QString, secret);
    QFETCH(QString, mustContain);
    const QString out = Core::redact(text);
    QVERIFY2(!out.contains(secret), qPrintable(out));
    QVERIFY2(out.contains(mustContain), qPrintable(out));
}

void TestRedaction::keepsIdentifiersAndPlainText()
{
    const QString text = QStringLiteral(
        "POST https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer "
        "kid=NPMnRyPg-WDWhPiAbisjKiH0fqnBpjOZ367wDTe0pqA status=401 INVALID_LOGIN");
    QCOMPARE(Core::redact(text), text);
}

void TestRedaction::isIdempotent()
{
    const QString once = Core::redact(QStringLiteral("Authorization: Bearer ") + SentinelToken
                                      + QStringLiteral(" client_assertion=") + SentinelJwt);
    QCOMPARE(Core::redact(once), once);
}

void TestRedaction::sentinelNeverReachesAnyLoggingPath()
{
    QStringList lines;
    const QtMessageHandler previous = Core::installRedactingMessageHandler(
        [&lines](QtMsgType, const QString &line) { lines.append(line); });

    const QString header = QStringLiteral("Authorization: Bearer ") + SentinelToken;
    qDebug() << header;
    qInfo("%s", qPrintable(QStringLiteral("client_assertion=") + SentinelJwt));
    qWarning().noquote() << QStringLiteral("{\"access_token\":\"") + SentinelToken
                                + QStringLiteral("\"}");
    qCritical().noquote() << QStringLiteral("-----BEGIN PRIVATE KEY-----\n") + SentinelKeyBody
                                 + QStringLiteral("\n-----END PRIVATE KEY-----");
    qCWarning(lcTest) << SentinelJwt;
    // One of Qt's own warnings, which quotes the offending string back.
    QString fromQt = QStringLiteral("Bearer ") + SentinelToken;
    fromQt = fromQt.arg(QStringLiteral("x"));
    Q_UNUSED(fromQt)

    qInstallMessageHandler(previous);

    QCOMPARE(lines.size(), 6);
    QVERIFY2(lines.at(4).startsWith(QStringLiteral("sb.test warning:")), qPrintable(lines.at(4)));
    QVERIFY2(lines.at(5).contains(QStringLiteral("QString::arg")), qPrintable(lines.at(5)));
    for (const QString &line : std::as_const(lines)) {
        QVERIFY2(!line.contains(QStringLiteral("SENTINEL")), qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("[redacted")), qPrintable(line));
    }
}

void TestRedaction::hostileTextStaysFast()
{
    // Long runs that partially match the patterns must stay linear.
    QString text = QStringLiteral("-----BEGIN PRIVATE KEY-----") + QString(200'000, u'A');
    text += QStringLiteral("eyJ") + QString(200'000, u'.');
    text += QStringLiteral("Bearer ") + QString(200'000, u'=');
    QElapsedTimer timer;
    timer.start();
    const QString out = Core::redact(text);
    QVERIFY(!out.isEmpty());
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestRedaction)
#include "TestRedaction.moc"
