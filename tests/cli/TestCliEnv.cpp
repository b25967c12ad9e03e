// SPDX-License-Identifier: MIT
// suitebench-cli env … and --env NAME, driven through the real binary with a private
// SUITEBENCH_HOME and the encrypted secret file (no keychain): create with --key, list,
// show, export in three formats, import (with the hosts check), delete, and the sentinel key
// absent from every file and from everything printed.
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QStringList filesContaining(const QString &root, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle)) {
            hits.append(path);
        }
    }
    return hits;
}

} // namespace

class TestCliEnv final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void createListShowExportImportDelete();
    void envFlagFeedsJwtMintAndFlagsOverride();
    void importRefusesHostileFilesAndUnknownHostsWithoutYes();

private:
    Run cli(const QStringList &args);
    QTemporaryDir m_dir;
    QString m_home;
    QString m_keyPath;
    QByteArray m_keySentinel;
};

void TestCliEnv::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_home = m_dir.filePath(QStringLiteral("home"));
    m_keyPath = QStringLiteral(SB_TEST_DATA_DIR "/keys/test-only-ec-p256-pkcs8.pem");
    QFile key(m_keyPath);
    QVERIFY(key.open(QIODevice::ReadOnly));
    m_keySentinel = key.readAll().split('\n').at(2); // a line of the real key's body
    QFile pass(m_dir.filePath(QStringLiteral("secrets.pass")));
    QVERIFY(pass.open(QIODevice::WriteOnly));
    pass.write("store passphrase\n");
    QFile bundlePass(m_dir.filePath(QStringLiteral("bundle.pass")));
    QVERIFY(bundlePass.open(QIODevice::WriteOnly));
    bundlePass.write("bundle passphrase\n");
}

Run TestCliEnv::cli(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SUITEBENCH_HOME"), m_home);
    env.insert(QStringLiteral("SUITEBENCH_NO_KEYCHAIN"), QStringLiteral("1"));
    env.insert(QStringLiteral("SUITEBENCH_SECRETS_PASSPHRASE_FILE"),
               m_dir.filePath(QStringLiteral("secrets.pass")));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(SB_CLI_PATH), args);
    if (!p.waitForStarted(10000) || !p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

void TestCliEnv::createListShowExportImportDelete()
{
    Run run = cli(
        {QStringLiteral("env"), QStringLiteral("create"), QStringLiteral("sb1"),
         QStringLiteral("--account"), QStringLiteral("1234567-sb1"), QStringLiteral("--client-id"),
         QStringLiteral("client-1"), QStringLiteral("--cert-id"), QStringLiteral("cert-1"),
         QStringLiteral("--key"), m_keyPath, QStringLiteral("--var"), QStringLiteral("customer=42"),
         QStringLiteral("--secret-var"), QStringLiteral("apiSecret=SENTINEL-CLI-SECRET")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.contains("encrypted file"));

    run = cli({QStringLiteral("env"), QStringLiteral("list")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("sb1\t1234567_SB1\tkey"));

    run = cli({QStringLiteral("env"), QStringLiteral("show"), QStringLiteral("sb1")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("var apiSecret = (secret)"));
    QVERIFY(!run.out.contains("SENTINEL-CLI-SECRET"));

    // Default export to stdout: no secrets.
    run = cli({QStringLiteral("env"), QStringLiteral("export"), QStringLiteral("sb1")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!run.out.contains("SENTINEL-CLI-SECRET"));
    QVERIFY(!run.out.contains(m_keySentinel));
    QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("format")).toString(),
             QStringLiteral("suitebench-environment"));

    const QString postman = m_dir.filePath(QStringLiteral("out/sb1.postman_environment.json"));
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("out"))));
    run = cli({QStringLiteral("env"), QStringLiteral("export"), QStringLiteral("sb1"),
               QStringLiteral("--format"), QStringLiteral("postman"), QStringLiteral("--out"),
               postman});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    run = cli({QStringLiteral("env"), QStringLiteral("export"), QStringLiteral("sb1"),
               QStringLiteral("--format"), QStringLiteral("postman"), QStringLiteral("--out"),
               postman});
    QCOMPARE(run.exitCode, 6); // refuses to overwrite without --force

    const QString bundle = m_dir.filePath(QStringLiteral("out/sb1.age"));
    run = cli({QStringLiteral("env"), QStringLiteral("export"), QStringLiteral("sb1"),
               QStringLiteral("--format"), QStringLiteral("age"), QStringLiteral("--out"), bundle});
    QCOMPARE(run.exitCode, 2); // needs --passphrase-file
    run = cli({QStringLiteral("env"), QStringLiteral("export"), QStringLiteral("sb1"),
               QStringLiteral("--format"), QStringLiteral("age"), QStringLiteral("--out"), bundle,
               QStringLiteral("--passphrase-file"), m_dir.filePath(QStringLiteral("bundle.pass"))});
    QVERIFY2(run.exitCode == 0, run.err.constData());

    // Import the Postman file under a new name (no key), and the bundle (with the key).
    run = cli({QStringLiteral("env"), QStringLiteral("import"), postman, QStringLiteral("--name"),
               QStringLiteral("from-postman")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.err.contains("hosts: https://1234567-sb1.suitetalk.api.netsuite.com"));
    run = cli({QStringLiteral("env"), QStringLiteral("import"), bundle});
    QCOMPARE(run.exitCode, 6); // encrypted: needs the passphrase
    run = cli({QStringLiteral("env"), QStringLiteral("import"), bundle, QStringLiteral("--name"),
               QStringLiteral("from-bundle"), QStringLiteral("--passphrase-file"),
               m_dir.filePath(QStringLiteral("bundle.pass"))});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.contains("private key in the encrypted file"));
    run = cli({QStringLiteral("env"), QStringLiteral("list")});
    QVERIFY(run.out.contains("from-bundle\t1234567_SB1\tkey"));
    QVERIFY(run.out.contains("from-postman\t1234567_SB1\tno key"));

    // Nothing in plaintext anywhere we wrote (workspace, secrets file, exports).
    QVERIFY(filesContaining(m_dir.path(), m_keySentinel).isEmpty());
    QVERIFY(filesContaining(m_dir.path(), "SENTINEL-CLI-SECRET").isEmpty());

    run = cli({QStringLiteral("env"), QStringLiteral("delete"), QStringLiteral("from-postman")});
    QCOMPARE(run.exitCode, 0);
    run = cli({QStringLiteral("env"), QStringLiteral("show"), QStringLiteral("from-postman")});
    QCOMPARE(run.exitCode, 2);
}

void TestCliEnv::envFlagFeedsJwtMintAndFlagsOverride()
{
    Run run = cli({QStringLiteral("env"), QStringLiteral("create"), QStringLiteral("mint"),
                   QStringLiteral("--account"), QStringLiteral("7654321"),
                   QStringLiteral("--client-id"), QStringLiteral("env-client"),
                   QStringLiteral("--cert-id"), QStringLiteral("env-cert"), QStringLiteral("--key"),
                   m_keyPath});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    run = cli({QStringLiteral("jwt"), QStringLiteral("mint"), QStringLiteral("--env"),
               QStringLiteral("mint"), QStringLiteral("--cert-id"), QStringLiteral("flag-cert")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QList<QByteArray> parts = run.out.trimmed().split('.');
    QCOMPARE(parts.size(), 3);
    const QJsonObject header
        = QJsonDocument::fromJson(
              QByteArray::fromBase64(parts.at(0), QByteArray::Base64UrlEncoding))
              .object();
    const QJsonObject claims
        = QJsonDocument::fromJson(
              QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding))
              .object();
    QCOMPARE(header.value(QStringLiteral("kid")).toString(), QStringLiteral("flag-cert"));
    QCOMPARE(header.value(QStringLiteral("alg")).toString(), QStringLiteral("ES256"));
    QCOMPARE(claims.value(QStringLiteral("iss")).toString(), QStringLiteral("env-client"));
    QCOMPARE(claims.value(QStringLiteral("aud")).toString(),
             QStringLiteral(
                 "https://7654321.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"));
    run = cli({QStringLiteral("jwt"), QStringLiteral("mint"), QStringLiteral("--env"),
               QStringLiteral("no-such-env")});
    QCOMPARE(run.exitCode, 2);
}

void TestCliEnv::importRefusesHostileFilesAndUnknownHostsWithoutYes()
{
    const QString data = QStringLiteral(SB_TEST_DATA_DIR "/workspace/");
    const QByteArray before = [&] {
        QFile f(m_home + QStringLiteral("/workspace.json"));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    for (const char *name : {"newer-version.json", "duplicate-members.json", "bidi-name.json",
                             "type-confusion.json"}) {
        const Run run
            = cli({QStringLiteral("env"), QStringLiteral("import"), data + QLatin1String(name)});
        QVERIFY2(run.exitCode == 6, name);
    }
    Run run = cli({QStringLiteral("env"), QStringLiteral("import"),
                   data + QStringLiteral("hostile-host.postman_environment.json")});
    QCOMPARE(run.exitCode, 5);
    QVERIFY(run.err.contains("https://attacker.example"));
    QFile after(m_home + QStringLiteral("/workspace.json"));
    QVERIFY(!after.exists() || (after.open(QIODevice::ReadOnly) && after.readAll() == before));
    run = cli({QStringLiteral("env"), QStringLiteral("import"),
               data + QStringLiteral("hostile-host.postman_environment.json"),
               QStringLiteral("--yes")});
    QCOMPARE(run.exitCode, 0);
}

QTEST_MAIN(TestCliEnv)
#include "TestCliEnv.moc"
