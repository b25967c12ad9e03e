// SPDX-License-Identifier: MIT
// "Copy as cURL": POSIX shell quoting proven by running the text through /bin/sh with a fake
// curl, and redaction of credentials unless revealed.
#include "http/Curl.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Sb;

namespace {

const QByteArray sentinel = "SENTINEL0bearer0token0abcdefghijklmnop";

struct ShellRun
{
    bool ok = false;
    QList<QByteArray> args; // the arguments curl would have received
    QByteArray stdinBytes;  // what was piped into curl
};

/** Runs @p command in sh with `curl` defined as a function that records its arguments. */
ShellRun runInShell(const QString &command)
{
    ShellRun run;
    QTemporaryDir dir;
    const QString sh = QStandardPaths::findExecutable(QStringLiteral("sh"));
    if (!dir.isValid() || sh.isEmpty()) {
        return run;
    }
    const QString script
        = QStringLiteral("curl() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done > \"$D/args\"; "
                         "cat > \"$D/stdin\"; }\n")
          + command + u'\n';
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("D"), dir.path());
    process.setProcessEnvironment(env);
    process.start(sh, {QStringLiteral("-c"), script});
    process.closeWriteChannel();
    if (!process.waitForFinished(10000) || process.exitCode() != 0) {
        qWarning() << process.readAllStandardError();
        return run;
    }
    QFile args(dir.path() + QStringLiteral("/args"));
    QFile input(dir.path() + QStringLiteral("/stdin"));
    if (!args.open(QIODevice::ReadOnly) || !input.open(QIODevice::ReadOnly)) {
        return run;
    }
    run.args = args.readAll().split('\0');
    run.args.removeLast(); // after the final NUL
    run.stdinBytes = input.readAll();
    run.ok = true;
    return run;
}

Http::Request sampleRequest()
{
    Http::Request request;
    request.method = Http::Method::Post;
    request.url = QUrl(QStringLiteral("https://1234567.suitetalk.api.netsuite.com/services/rest/"
                                      "auth/oauth2/v1/token"));
    request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    request.setHeader("Authorization", "Bearer " + sentinel);
    request.body = "grant_type=client_credentials&client_assertion_type=urn%3Aietf&"
                   "client_assertion=eyJhbGciOiJQUzI1NiJ9.eyJpc3MiOiJ4In0."
                   + sentinel + "&scope=rest_webservices";
    return request;
}

} // namespace

class TestCurl final : public QObject
{
    Q_OBJECT

private slots:
    void shellQuoteSurvivesTheShell_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QStringLiteral("abc");
        QTest::newRow("single quote") << QStringLiteral("it's");
        QTest::newRow("only quotes") << QStringLiteral("'''");
        QTest::newRow("command substitution") << QStringLiteral("$(touch /tmp/pwned) `id`");
        QTest::newRow("variables and globs") << QStringLiteral("$HOME * ? [a] ~ !x");
        QTest::newRow("backslashes and double quotes") << QStringLiteral("a\\b\"c\\\\'");
        QTest::newRow("newline and tab") << QStringLiteral("line1\nline2\tend");
        QTest::newRow("empty") << QString();
        QTest::newRow("unicode") << QStringLiteral("Zürich — 東京");
    }

    void shellQuoteSurvivesTheShell()
    {
        QFETCH(QString, text);
        const ShellRun run = runInShell(QStringLiteral("curl ") + Http::shellQuote(text));
        QVERIFY(run.ok);
        QCOMPARE(run.args.size(), 1);
        QCOMPARE(QString::fromUtf8(run.args.first()), text);
    }

    void secretsAreRedactedByDefault()
    {
        const QString command = Http::toCurl(sampleRequest());
        QVERIFY2(!command.contains(QString::fromLatin1(sentinel)), qPrintable(command));
        QVERIFY(command.contains(QLatin1String("Authorization: Bearer [redacted")));
        QVERIFY(command.contains(QLatin1String("client_assertion=[redacted")));
        QVERIFY(command.contains(QLatin1String("grant_type=client_credentials")));
        QVERIFY(command.startsWith(QLatin1String("curl -X POST")));
        QVERIFY(!command.contains(QLatin1String(" -L")));
    }

    void revealedCommandIsExactAndRunnable()
    {
        const Http::Request request = sampleRequest();
        const QString command = Http::toCurl(request, true);
        QVERIFY(command.contains(QString::fromLatin1(sentinel)));
        const ShellRun run = runInShell(command);
        QVERIFY(run.ok);
        const QList<QByteArray> expected{"-X",
                                         "POST",
                                         request.url.toEncoded(),
                                         "-H",
                                         "Content-Type: application/x-www-form-urlencoded",
                                         "-H",
                                         "Authorization: Bearer " + sentinel,
                                         "--data-binary",
                                         request.body};
        QCOMPARE(run.args, expected);
    }

    void unknownCredentialSchemesAndKeyHeadersAreHiddenWhole()
    {
        Http::Request request;
        request.url = QUrl(QStringLiteral("https://example.com/"));
        request.setHeader("Authorization", "NLAuth nlauth_account=1, nlauth_signature=" + sentinel);
        request.setHeader("X-Api-Key", sentinel);
        request.setHeader("Cookie", "JSESSIONID=" + sentinel);
        request.setHeader("Accept", "application/json");
        const QString command = Http::toCurl(request);
        QVERIFY2(!command.contains(QString::fromLatin1(sentinel)), qPrintable(command));
        QCOMPARE(command.count(QLatin1String("[redacted]")), 3);
        QVERIFY(command.contains(QLatin1String("'Accept: application/json'")));
    }

    void secretsInTheQueryAreRedacted()
    {
        Http::Request request;
        request.url = QUrl(QStringLiteral("https://example.com/cb?access_token=%1&x=1")
                               .arg(QString::fromLatin1(sentinel)));
        QVERIFY(!Http::toCurl(request).contains(QString::fromLatin1(sentinel)));
        QVERIFY(Http::toCurl(request, true).contains(QString::fromLatin1(sentinel)));
    }

    void jsonBodySecretsAreRedacted()
    {
        Http::Request request;
        request.method = Http::Method::Patch;
        request.url = QUrl(QStringLiteral("https://example.com/record/v1/customer/1"));
        request.body = "{\"companyName\":\"O'Brien & Sons\",\"password\":\"" + sentinel + "\"}";
        const QString command = Http::toCurl(request);
        QVERIFY(!command.contains(QString::fromLatin1(sentinel)));
        QVERIFY(command.startsWith(QLatin1String("curl -X PATCH")));
        const ShellRun run = runInShell(command);
        QVERIFY(run.ok);
        QVERIFY(run.args.last().contains("O'Brien & Sons"));
    }

    void binaryBodyIsPipedThroughPrintfWhenRevealed()
    {
        Http::Request request;
        request.method = Http::Method::Put;
        request.url = QUrl(QStringLiteral("https://example.com/upload"));
        request.body = QByteArray("\x00\x01\xff'%s\\n\x7f end", 14);
        const QString hidden = Http::toCurl(request);
        QVERIFY(hidden.contains(QLatin1String("binary body of 14 bytes not shown")));
        const ShellRun run = runInShell(Http::toCurl(request, true));
        QVERIFY(run.ok);
        QCOMPARE(run.stdinBytes, request.body);
        QCOMPARE(run.args.last(), QByteArray("@-"));
    }

    void methodFlags()
    {
        Http::Request request;
        request.url = QUrl(QStringLiteral("https://example.com/"));
        QCOMPARE(Http::toCurl(request), QStringLiteral("curl 'https://example.com/'"));
        request.method = Http::Method::Head;
        QCOMPARE(Http::toCurl(request), QStringLiteral("curl --head 'https://example.com/'"));
        request.method = Http::Method::Delete;
        request.setHeader("Accept", "*/*");
        QCOMPARE(Http::toCurl(request),
                 QStringLiteral("curl -X DELETE 'https://example.com/' \\\n  -H 'Accept: */*'"));
    }
};

QTEST_GUILESS_MAIN(TestCurl)
#include "TestCurl.moc"
