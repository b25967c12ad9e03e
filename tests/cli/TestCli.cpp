// SPDX-License-Identifier: MIT
// Drives the real suitebench-cli binary: exit codes, files written, and what it prints.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runProgram(const QString &program, const QStringList &args, const QByteArray &input = {},
               bool closeStdin = true)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        return {};
    }
    if (!input.isEmpty()) {
        p.write(input);
    }
    if (closeStdin) {
        p.closeWriteChannel();
    }
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

Run cli(const QStringList &args, const QByteArray &input = {})
{
    return runProgram(QStringLiteral(SB_CLI_PATH), args, input);
}

int modeOf(const QString &path)
{
    struct stat st
    {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

} // namespace

class TestCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helpAndVersion_data();
    void helpAndVersion();
    void usageErrorsExit2_data();
    void usageErrorsExit2();
    void keygenWritesPrivateKeyAndCertificateOpensslAccepts_data();
    void keygenWritesPrivateKeyAndCertificateOpensslAccepts();
    void keygenRefusesToOverwrite();
    void signVerifyDecodeRoundTrip();
    void verifyReportsTamperingWithExit1();
    void verifyAcceptsCertificateAndOpensslSignedToken();
    void encryptedKeyNeedsPassphraseFileAndNeverPrompts();
    void decodeRefusesMalformedTokens();
    void badKeyFileExits6();
    void errorsNeverEchoSecrets();
    void accountShowsCanonicalFormsAndUrls_data();
    void accountShowsCanonicalFormsAndUrls();
    void accountRefusesHostileInput_data();
    void accountRefusesHostileInput();
    void mintThenInspectIsClean();
    void inspectNamesTheAudTrap();
    void mintRefusesRs256WithoutLegacySwitch();
    void mintRefusesOverridingProfileClaims();

private:
    QTemporaryDir m_dir;
    QString m_key;
    QString m_cert;
    QString path(const QString &name) const { return m_dir.filePath(name); }
};

void TestCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_key = path(QStringLiteral("ec.key"));
    m_cert = path(QStringLiteral("ec.crt"));
    const Run r = cli({QStringLiteral("keygen"), QStringLiteral("--type"), QStringLiteral("ec"),
                       QStringLiteral("--key-out"), m_key, QStringLiteral("--cert-out"), m_cert});
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

void TestCli::helpAndVersion_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("top") << QStringList{QStringLiteral("--help")} << QStringLiteral("Exit codes");
    QTest::newRow("version") << QStringList{QStringLiteral("--version")}
                             << QStringLiteral("suitebench-cli 0.");
    QTest::newRow("keygen") << QStringList{QStringLiteral("keygen"), QStringLiteral("--help")}
                            << QStringLiteral("--passphrase-file");
    QTest::newRow("jwt") << QStringList{QStringLiteral("jwt"), QStringLiteral("--help")}
                         << QStringLiteral("decode");
    QTest::newRow("jwt sign") << QStringList{QStringLiteral("jwt"), QStringLiteral("sign"),
                                             QStringLiteral("--help")}
                              << QStringLiteral("--payload");
    QTest::newRow("jwt verify") << QStringList{QStringLiteral("jwt"), QStringLiteral("verify"),
                                               QStringLiteral("--help")}
                                << QStringLiteral("never taken from");
    QTest::newRow("jwt decode") << QStringList{QStringLiteral("jwt"), QStringLiteral("decode"),
                                               QStringLiteral("--help")}
                                << QStringLiteral("base64url");
}

void TestCli::helpAndVersion()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const Run r = cli(args);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(QString::fromUtf8(r.out).contains(expected), r.out.constData());
    if (args.last() == QStringLiteral("--help") && args.size() > 1) {
        QVERIFY(r.out.contains("6  bad local input"));
    }
}

void TestCli::usageErrorsExit2_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("nothing") << QStringList{};
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("keygen"), QStringLiteral("--nope")};
    QTest::newRow("keygen no outputs") << QStringList{QStringLiteral("keygen")};
    QTest::newRow("keygen 2048 bits") << QStringList{
        QStringLiteral("keygen"),    QStringLiteral("--bits"), QStringLiteral("2048"),
        QStringLiteral("--key-out"), QStringLiteral("k"),      QStringLiteral("--cert-out"),
        QStringLiteral("c")};
    QTest::newRow("keygen 731 days") << QStringList{
        QStringLiteral("keygen"),    QStringLiteral("--days"), QStringLiteral("731"),
        QStringLiteral("--key-out"), QStringLiteral("k"),      QStringLiteral("--cert-out"),
        QStringLiteral("c")};
    QTest::newRow("keygen bad curve") << QStringList{
        QStringLiteral("keygen"),  QStringLiteral("--type"),     QStringLiteral("ec"),
        QStringLiteral("--curve"), QStringLiteral("secp256k1"),  QStringLiteral("--key-out"),
        QStringLiteral("k"),       QStringLiteral("--cert-out"), QStringLiteral("c")};
    QTest::newRow("sign unknown alg") << QStringList{
        QStringLiteral("jwt"),       QStringLiteral("sign"),  QStringLiteral("--key"),
        QStringLiteral("k"),         QStringLiteral("--alg"), QStringLiteral("HS256"),
        QStringLiteral("--payload"), QStringLiteral("{}")};
    QTest::newRow("verify without key")
        << QStringList{QStringLiteral("jwt"), QStringLiteral("verify"), QStringLiteral("a.b.c")};
    QTest::newRow("decode two tokens") << QStringList{
        QStringLiteral("jwt"), QStringLiteral("decode"), QStringLiteral("a"), QStringLiteral("b")};
}

void TestCli::usageErrorsExit2()
{
    QFETCH(QStringList, args);
    const Run r = cli(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!r.err.isEmpty());
}

void TestCli::keygenWritesPrivateKeyAndCertificateOpensslAccepts_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("expectedKey");
    QTest::newRow("rsa-pss 3072 default") << QStringList{} << QStringLiteral("RSA-PSS 3072");
    QTest::newRow("ec P-384") << QStringList{QStringLiteral("--type"), QStringLiteral("ec"),
                                             QStringLiteral("--curve"), QStringLiteral("P-384")}
                              << QStringLiteral("P-384");
}

void TestCli::keygenWritesPrivateKeyAndCertificateOpensslAccepts()
{
    QFETCH(QStringList, flags);
    QFETCH(QString, expectedKey);
    const QString key
        = path(QStringLiteral("kg-%1.key")
                   .arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')));
    const QString cert
        = path(QStringLiteral("kg-%1.crt")
                   .arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')));
    const Run r = cli(QStringList{QStringLiteral("keygen"), QStringLiteral("--days"),
                                  QStringLiteral("365"), QStringLiteral("--cn"),
                                  QStringLiteral("CI Integration"), QStringLiteral("--key-out"),
                                  key, QStringLiteral("--cert-out"), cert, QStringLiteral("--json")}
                      + flags);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
    QVERIFY2(summary.value(QStringLiteral("key")).toString().contains(expectedKey),
             r.out.constData());
    QCOMPARE(modeOf(key), 0600);
    QVERIFY(QFile(key).size() > 0);

    // The outside implementation reads both files and agrees with us.
    const Run pkey = runProgram(QStringLiteral("openssl"),
                                {QStringLiteral("pkey"), QStringLiteral("-in"), key,
                                 QStringLiteral("-noout"), QStringLiteral("-text")});
    QVERIFY2(pkey.exitCode == 0, pkey.err.constData());
    const Run x509 = runProgram(QStringLiteral("openssl"),
                                {QStringLiteral("x509"), QStringLiteral("-in"), cert,
                                 QStringLiteral("-noout"), QStringLiteral("-subject"),
                                 QStringLiteral("-fingerprint"), QStringLiteral("-sha256")});
    QVERIFY2(x509.exitCode == 0, x509.err.constData());
    QVERIFY2(x509.out.contains("CN = CI Integration"), x509.out.constData());
    const QString fingerprint = summary.value(QStringLiteral("sha256_fingerprint")).toString();
    QVERIFY2(x509.out.contains(fingerprint.toLatin1()), x509.out.constData());
    const Run match = runProgram(QStringLiteral("openssl"),
                                 {QStringLiteral("x509"), QStringLiteral("-in"), cert,
                                  QStringLiteral("-noout"), QStringLiteral("-pubkey")});
    const Run keyPub
        = runProgram(QStringLiteral("openssl"), {QStringLiteral("pkey"), QStringLiteral("-in"), key,
                                                 QStringLiteral("-pubout")});
    QCOMPARE(match.out, keyPub.out);
}

void TestCli::keygenRefusesToOverwrite()
{
    const QByteArray before = [this] {
        QFile f(m_key);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    const Run r = cli({QStringLiteral("keygen"), QStringLiteral("--type"), QStringLiteral("ec"),
                       QStringLiteral("--key-out"), m_key, QStringLiteral("--cert-out"),
                       path(QStringLiteral("new.crt"))});
    QCOMPARE(r.exitCode, 6);
    QVERIFY(r.err.contains("--force"));
    QFile f(m_key);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    QVERIFY(!QFile::exists(path(QStringLiteral("new.crt"))));
}

void TestCli::signVerifyDecodeRoundTrip()
{
    const Run sign
        = cli({QStringLiteral("jwt"), QStringLiteral("sign"), QStringLiteral("--key"), m_key,
               QStringLiteral("--alg"), QStringLiteral("ES256"), QStringLiteral("--header"),
               QStringLiteral("{\"kid\":\"cert-1\"}"), QStringLiteral("--payload"),
               QStringLiteral("{\"iss\":\"client\",\"exp\":99999999999999999999}")});
    QVERIFY2(sign.exitCode == 0, sign.err.constData());
    const QByteArray token = sign.out.trimmed();
    QCOMPARE(token.count('.'), 2);

    const Run verify = cli({QStringLiteral("jwt"), QStringLiteral("verify"),
                            QStringLiteral("--key"), m_key, QString::fromLatin1(token)});
    QVERIFY2(verify.exitCode == 0, verify.err.constData());
    QVERIFY(verify.out.contains("signature valid (ES256"));

    // Through standard input, as a script would pipe it.
    const Run decode
        = cli({QStringLiteral("jwt"), QStringLiteral("decode"), QStringLiteral("-")}, token + '\n');
    QVERIFY2(decode.exitCode == 0, decode.err.constData());
    const QJsonObject decoded = QJsonDocument::fromJson(decode.out).object();
    QCOMPARE(decoded.value(QStringLiteral("header")).toObject().value(QStringLiteral("kid")),
             QStringLiteral("cert-1"));
    QCOMPARE(decoded.value(QStringLiteral("header")).toObject().value(QStringLiteral("alg")),
             QStringLiteral("ES256"));
    QCOMPARE(decoded.value(QStringLiteral("payload")).toObject().value(QStringLiteral("iss")),
             QStringLiteral("client"));
    QCOMPARE(decoded.value(QStringLiteral("signature")).toString().toLatin1(),
             token.mid(token.lastIndexOf('.') + 1));
}

void TestCli::verifyReportsTamperingWithExit1()
{
    const Run sign = cli({QStringLiteral("jwt"), QStringLiteral("sign"), QStringLiteral("--key"),
                          m_key, QStringLiteral("--alg"), QStringLiteral("ES256"),
                          QStringLiteral("--payload"), QStringLiteral("{\"sub\":\"a\"}")});
    QVERIFY2(sign.exitCode == 0, sign.err.constData());
    QByteArray token = sign.out.trimmed();
    const QList<QByteArray> parts = token.split('.');
    // {"sub":"b"} in place of {"sub":"a"}
    token = parts[0] + '.'
            + QByteArray("{\"sub\":\"b\"}")
                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
            + '.' + parts[2];
    const Run verify = cli({QStringLiteral("jwt"), QStringLiteral("verify"),
                            QStringLiteral("--key"), m_cert, QString::fromLatin1(token)});
    QCOMPARE(verify.exitCode, 1);
    QVERIFY(verify.out.contains("NOT valid"));

    // An ES256 token must not verify under an allow-list that excludes it.
    const Run restricted = cli({QStringLiteral("jwt"), QStringLiteral("verify"),
                                QStringLiteral("--key"), m_cert, QStringLiteral("--alg"),
                                QStringLiteral("PS256"), QString::fromLatin1(sign.out.trimmed())});
    QCOMPARE(restricted.exitCode, 1);
}

void TestCli::verifyAcceptsCertificateAndOpensslSignedToken()
{
    // A token signed entirely by the openssl command line (RSA-PSS key, PS256).
    const QString key = path(QStringLiteral("ossl.key"));
    const QString cert = path(QStringLiteral("ossl.crt"));
    Run r = runProgram(QStringLiteral("openssl"),
                       {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                        QStringLiteral("rsa-pss"), QStringLiteral("-pkeyopt"),
                        QStringLiteral("rsa_keygen_bits:3072"), QStringLiteral("-nodes"),
                        QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
                        QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-subj"),
                        QStringLiteral("/CN=openssl")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto b64 = [](const QByteArray &b) {
        return b.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    const QByteArray input
        = b64("{\"alg\":\"PS256\",\"typ\":\"JWT\"}") + '.' + b64("{\"iss\":\"openssl\"}");
    QFile in(path(QStringLiteral("input")));
    QVERIFY(in.open(QIODevice::WriteOnly));
    in.write(input);
    in.close();
    r = runProgram(QStringLiteral("openssl"),
                   {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-sign"), key,
                    QStringLiteral("-sigopt"), QStringLiteral("rsa_padding_mode:pss"),
                    QStringLiteral("-sigopt"), QStringLiteral("rsa_pss_saltlen:digest"),
                    in.fileName()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QByteArray token = input + '.' + b64(r.out);
    const Run verify
        = cli({QStringLiteral("jwt"), QStringLiteral("verify"), QStringLiteral("--key"), cert,
               QStringLiteral("--alg"), QStringLiteral("PS256"), QString::fromLatin1(token)});
    QVERIFY2(verify.exitCode == 0, QByteArray(verify.out + verify.err).constData());
}

void TestCli::encryptedKeyNeedsPassphraseFileAndNeverPrompts()
{
    const QString key = path(QStringLiteral("enc.key"));
    const QString pass = path(QStringLiteral("pass.txt"));
    QFile p(pass);
    QVERIFY(p.open(QIODevice::WriteOnly));
    p.write("correct horse\n");
    p.close();
    Run r = cli({QStringLiteral("keygen"), QStringLiteral("--type"), QStringLiteral("ec"),
                 QStringLiteral("--key-out"), key, QStringLiteral("--cert-out"),
                 path(QStringLiteral("enc.crt")), QStringLiteral("--passphrase-file"), pass});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile k(key);
    QVERIFY(k.open(QIODevice::ReadOnly));
    QVERIFY(k.readAll().contains("BEGIN ENCRYPTED PRIVATE KEY"));

    // openssl reads it back with the same passphrase (trailing newline stripped by both).
    const Run ossl
        = runProgram(QStringLiteral("openssl"),
                     {QStringLiteral("pkey"), QStringLiteral("-in"), key, QStringLiteral("-passin"),
                      QStringLiteral("file:") + pass, QStringLiteral("-noout")});
    QVERIFY2(ossl.exitCode == 0, ossl.err.constData());

    // Without the passphrase: exit 6, a message naming the flag, and no prompt (stdin is open
    // and empty; a prompt would hang until the harness timeout).
    QProcess proc;
    proc.start(QStringLiteral(SB_CLI_PATH),
               {QStringLiteral("jwt"), QStringLiteral("sign"), QStringLiteral("--key"), key,
                QStringLiteral("--alg"), QStringLiteral("ES256"), QStringLiteral("--payload"),
                QStringLiteral("{}")});
    QVERIFY(proc.waitForFinished(20000));
    QCOMPARE(proc.exitCode(), 6);
    QVERIFY(proc.readAllStandardError().contains("--passphrase-file"));

    r = cli({QStringLiteral("jwt"), QStringLiteral("sign"), QStringLiteral("--key"), key,
             QStringLiteral("--passphrase-file"), pass, QStringLiteral("--alg"),
             QStringLiteral("ES256"), QStringLiteral("--payload"), QStringLiteral("{}")});
    QVERIFY2(r.exitCode == 0, r.err.constData());

    QFile wrong(path(QStringLiteral("wrong.txt")));
    QVERIFY(wrong.open(QIODevice::WriteOnly));
    wrong.write("wrong");
    wrong.close();
    r = cli({QStringLiteral("jwt"), QStringLiteral("sign"), QStringLiteral("--key"), key,
             QStringLiteral("--passphrase-file"), wrong.fileName(), QStringLiteral("--alg"),
             QStringLiteral("ES256"), QStringLiteral("--payload"), QStringLiteral("{}")});
    QCOMPARE(r.exitCode, 6);
    QVERIFY2(r.err.toLower().contains("passphrase"), r.err.constData());
}

void TestCli::decodeRefusesMalformedTokens()
{
    for (const QString &bad : {QStringLiteral("a.b"), QStringLiteral("e30.e30.e30.e30"),
                               QStringLiteral("e30.*.x"), QString(10000, u'.')}) {
        const Run r = cli({QStringLiteral("jwt"), QStringLiteral("decode"), bad});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.startsWith("suitebench-cli: not a valid token"));
    }
}

void TestCli::badKeyFileExits6()
{
    const Run r = cli({QStringLiteral("jwt"), QStringLiteral("sign"), QStringLiteral("--key"),
                       m_cert, QStringLiteral("--alg"), QStringLiteral("ES256"),
                       QStringLiteral("--payload"), QStringLiteral("{}")});
    QCOMPARE(r.exitCode, 6);
    QVERIFY2(r.err.toLower().contains("certificate"), r.err.constData());
    const Run missing
        = cli({QStringLiteral("jwt"), QStringLiteral("verify"), QStringLiteral("--key"),
               path(QStringLiteral("nope.pem")), QStringLiteral("e30.e30.")});
    QCOMPARE(missing.exitCode, 6);
}

void TestCli::errorsNeverEchoSecrets()
{
    // A bearer token given where a command name goes is echoed back only redacted.
    const QString sentinel = QStringLiteral("Bearer SENTINELabcdefghijklmnopqrstuvwxyz");
    const Run r = cli({sentinel});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(!r.err.contains("SENTINEL"), r.err.constData());
    QVERIFY(r.err.contains("[redacted"));
}

void TestCli::accountShowsCanonicalFormsAndUrls_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("tokenUrl");
    // Host label rule: facts §1 (lower case, '-' for '_').
    QTest::newRow("sandbox typed with hyphen")
        << QStringLiteral("1234567-sb1") << QStringLiteral("1234567_SB1")
        << QStringLiteral("sandbox")
        << QStringLiteral(
               "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token");
    QTest::newRow("production")
        << QStringLiteral("1234567") << QStringLiteral("1234567") << QStringLiteral("production")
        << QStringLiteral(
               "https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token");
    QTest::newRow("company url")
        << QStringLiteral("https://tstdrv1234567.app.netsuite.com/app/center/card.nl")
        << QStringLiteral("TSTDRV1234567") << QStringLiteral("test_drive")
        << QStringLiteral("https://tstdrv1234567.suitetalk.api.netsuite.com/services/rest/auth/"
                          "oauth2/v1/token");
}

void TestCli::accountShowsCanonicalFormsAndUrls()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    QFETCH(QString, kind);
    QFETCH(QString, tokenUrl);
    const Run r = cli({QStringLiteral("account"), input, QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QStringLiteral("account")).toString(), canonical);
    QCOMPARE(o.value(QStringLiteral("kind")).toString(), kind);
    QCOMPARE(o.value(QStringLiteral("token_url")).toString(), tokenUrl);
    const Run text = cli({QStringLiteral("account"), input});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains(tokenUrl.toLatin1()));
}

void TestCli::accountRefusesHostileInput_data()
{
    QTest::addColumn<QString>("input");
    // Reliability doc A2/A3: URL injection and IDNA-mapped digits.
    QTest::newRow("path injection") << QStringLiteral("attacker.example/x?");
    QTest::newRow("dotted") << QStringLiteral("1234567.evil");
    QTest::newRow("full-width digits") << QStringLiteral("１２３４５６７");
    QTest::newRow("inner space") << QStringLiteral("1234 567");
}

void TestCli::accountRefusesHostileInput()
{
    QFETCH(QString, input);
    const Run r = cli({QStringLiteral("account"), input});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("Setup > Company > Company Information"), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void TestCli::mintThenInspectIsClean()
{
    const QString clientId(64, u'a');
    const Run mint
        = cli({QStringLiteral("jwt"), QStringLiteral("mint"), QStringLiteral("--account"),
               QStringLiteral("1234567_SB1"), QStringLiteral("--client-id"), clientId,
               QStringLiteral("--cert-id"), QStringLiteral("cert-123"), QStringLiteral("--key"),
               m_key, QStringLiteral("--scope"), QStringLiteral("rest_webservices,restlets"),
               QStringLiteral("--claim"), QStringLiteral("note=\"hello\"")});
    QVERIFY2(mint.exitCode == 0, mint.err.constData());
    const QByteArray token = mint.out.trimmed();

    const Run inspect
        = cli({QStringLiteral("jwt"), QStringLiteral("inspect"), QStringLiteral("--account"),
               QStringLiteral("1234567-sb1"), QStringLiteral("--client-id"), clientId,
               QStringLiteral("--cert-id"), QStringLiteral("cert-123"), QStringLiteral("--cert"),
               m_cert, QStringLiteral("--json"), QStringLiteral("-")},
              token);
    QVERIFY2(inspect.exitCode == 0, inspect.out.constData());
    const QJsonObject report = QJsonDocument::fromJson(inspect.out).object();
    QCOMPARE(report.value(QStringLiteral("signature_status")).toString(),
             QStringLiteral("verified"));
    const QJsonObject payload = report.value(QStringLiteral("payload")).toObject();
    QCOMPARE(
        payload.value(QStringLiteral("aud")).toString(),
        QStringLiteral(
            "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"));
    QCOMPARE(payload.value(QStringLiteral("iss")).toString(), clientId);
    QCOMPARE(payload.value(QStringLiteral("note")).toString(), QStringLiteral("hello"));
    QCOMPARE(payload.value(QStringLiteral("exp")).toInteger()
                 - payload.value(QStringLiteral("iat")).toInteger(),
             300);
    QCOMPARE(
        report.value(QStringLiteral("header")).toObject().value(QStringLiteral("kid")).toString(),
        QStringLiteral("cert-123"));
    for (const QJsonValue f : report.value(QStringLiteral("findings")).toArray()) {
        QVERIFY2(f.toObject().value(QStringLiteral("severity")).toString()
                     != QStringLiteral("error"),
                 qPrintable(f.toObject().value(QStringLiteral("code")).toString()));
    }
}

void TestCli::inspectNamesTheAudTrap()
{
    // Minted for the production account, judged against the sandbox: trap #2 (facts §7).
    const Run mint
        = cli({QStringLiteral("jwt"), QStringLiteral("mint"), QStringLiteral("--account"),
               QStringLiteral("1234567"), QStringLiteral("--client-id"), QString(64, u'b'),
               QStringLiteral("--cert-id"), QStringLiteral("c1"), QStringLiteral("--key"), m_key});
    QVERIFY2(mint.exitCode == 0, mint.err.constData());
    const Run inspect = cli({QStringLiteral("jwt"), QStringLiteral("inspect"),
                             QStringLiteral("--account"), QStringLiteral("1234567_SB1"),
                             QStringLiteral("--json"), QString::fromLatin1(mint.out.trimmed())});
    QCOMPARE(inspect.exitCode, 1);
    const QJsonObject report = QJsonDocument::fromJson(inspect.out).object();
    bool found = false;
    for (const QJsonValue f : report.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject finding = f.toObject();
        if (finding.value(QStringLiteral("code")).toString()
            == QStringLiteral("aud.sandbox_suffix_missing")) {
            found = true;
            QCOMPARE(finding.value(QStringLiteral("path")).toString(),
                     QStringLiteral("payload.aud"));
            QCOMPARE(finding.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
            QVERIFY(!finding.value(QStringLiteral("hint")).toString().isEmpty());
        }
    }
    QVERIFY2(found, inspect.out.constData());
    // The readable report names it too.
    const Run text
        = cli({QStringLiteral("jwt"), QStringLiteral("inspect"), QStringLiteral("--account"),
               QStringLiteral("1234567_SB1"), QString::fromLatin1(mint.out.trimmed())});
    QCOMPARE(text.exitCode, 1);
    QVERIFY(text.out.contains("aud.sandbox_suffix_missing"));
}

void TestCli::mintRefusesRs256WithoutLegacySwitch()
{
    const QString key = path(QStringLiteral("rsa.key"));
    Run r = cli({QStringLiteral("keygen"), QStringLiteral("--type"), QStringLiteral("rsa"),
                 QStringLiteral("--key-out"), key, QStringLiteral("--cert-out"),
                 path(QStringLiteral("rsa.crt"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QStringList base{QStringLiteral("jwt"),         QStringLiteral("mint"),
                           QStringLiteral("--account"),   QStringLiteral("1234567"),
                           QStringLiteral("--client-id"), QString(64, u'c'),
                           QStringLiteral("--cert-id"),   QStringLiteral("c1"),
                           QStringLiteral("--key"),       key,
                           QStringLiteral("--alg"),       QStringLiteral("RS256")};
    r = cli(base);
    QCOMPARE(r.exitCode, 6);
    QVERIFY2(r.err.contains("RS256"), r.err.constData());
    QVERIFY(r.out.isEmpty());
    r = cli(base + QStringList{QStringLiteral("--legacy-rs256")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("warning:") && r.err.contains("2025"), r.err.constData());
}

void TestCli::mintRefusesOverridingProfileClaims()
{
    const Run r
        = cli({QStringLiteral("jwt"), QStringLiteral("mint"), QStringLiteral("--account"),
               QStringLiteral("1234567"), QStringLiteral("--client-id"), QString(64, u'd'),
               QStringLiteral("--cert-id"), QStringLiteral("c1"), QStringLiteral("--key"), m_key,
               QStringLiteral("--claim"), QStringLiteral("aud=https://attacker.example/")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
