// SPDX-License-Identifier: MIT
#include "gui/Application.h"
#include "gui/DemoEmulator.h"
#include "gui/EnvironmentModel.h"
#include "gui/MainWindow.h"
#include "gui/RawBodyView.h"
#include "gui/RequestPane.h"
#include "gui/SuiteQlPane.h"
#include "netsuite/AccountId.h"
#include "workspace/History.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include "ScriptedPrompter.h"

using namespace Sb;

class TestRequestPane final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void demoOpensReadyAndSmokePasses();
    void requestIsSentAndResponseShown();
    void searchAndCopyAsCurlRedacted();
    void writeShowsIdempotencyKey();
    void responseFileOpensInTheViews();
    void sandboxTokenNeverGoesToAnotherAccount();
    void suiteQlFetchAllWritesEveryRowToAFile();
    void switchingEnvironmentMidRequestIsSafe();
    void manualBearerNeedsNoKey();
    void sharedExchangeIsLoggedOnce();
    void productionWriteAsksForConfirmation();

private:
    template<typename T>
    T *child(const char *name) const
    {
        return m_app->mainWindow()->findChild<T *>(QString::fromLatin1(name));
    }

    std::unique_ptr<App::Application> m_app;
    SbTest::ScriptedPrompter *m_prompter = nullptr;
};

void TestRequestPane::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    App::AppOptions options;
    options.demo = true;
    options.smoke = true; // the smoke verdict is checked in the first test
    options.demoScale = 0.05;
    m_app = std::make_unique<App::Application>(options);
    auto prompter = std::make_unique<SbTest::ScriptedPrompter>();
    m_prompter = prompter.get();
    m_app->setPrompter(std::move(prompter));
}

void TestRequestPane::cleanupTestCase()
{
    m_app.reset(); // stops the emulator thread
}

void TestRequestPane::demoOpensReadyAndSmokePasses()
{
    QSignalSpy smoke(m_app.get(), &App::Application::smokeFinished);
    QString error;
    QVERIFY2(m_app->start(&error), qPrintable(error));
    QVERIFY(smoke.wait(30000));
    QCOMPARE(smoke.at(0).at(0).toInt(), 0);
    auto *kind = child<QLabel>("environmentKindLabel");
    QVERIFY(kind->text().contains(QStringLiteral("1234567_SB1")));
    QTRY_VERIFY(child<QLabel>("tokenBadgeLabel")->text().contains(QStringLiteral("valid")));
}

void TestRequestPane::requestIsSentAndResponseShown()
{
    auto *url = child<QLineEdit>("urlLineEdit");
    QCOMPARE(url->text(), QStringLiteral("{{restBase}}/customer?limit=5"));
    // The preview shows the account's own URL; the client routes it to the emulator.
    QVERIFY2(child<QLabel>("urlPreviewLabel")
                 ->text()
                 .contains(QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com/")),
             qPrintable(child<QLabel>("urlPreviewLabel")->text()));
    child<QPushButton>("sendButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        child<QLabel>("responseStatusLabel")->text().startsWith(QStringLiteral("200")), 20000);
    auto *raw = child<App::RawBodyView>("rawBodyView");
    QVERIFY(raw->body().contains("\"items\""));
    QVERIFY(!child<QLabel>("responseTimeLabel")->text().isEmpty());
    QVERIFY(!child<QLabel>("responseSizeLabel")->text().isEmpty());
    QCOMPARE(child<QListWidget>("historyListWidget")->count(), 1);
    QVERIFY(child<QListWidget>("responseTimelineListWidget")->count() >= 2);
    QVERIFY(child<QPlainTextEdit>("responseHeadersPlainTextEdit")
                ->toPlainText()
                .contains(QStringLiteral("Content-Type"), Qt::CaseInsensitive));
    auto *pretty = child<App::RawBodyView>("prettyBodyView");
    QTRY_VERIFY(pretty->lineCount() > 5);
    QCOMPARE(pretty->mode(), App::DisplayMode::PrettyJson);
    QCOMPARE(pretty->lineText(0), QStringLiteral("{"));
    // The tree comes from an index built off the GUI thread; its root opens by itself.
    auto *tree = child<QTreeView>("responseTreeView");
    QTRY_COMPARE(tree->model()->index(0, 0).data().toString(), QStringLiteral("{}"));
    QVERIFY(tree->isExpanded(tree->model()->index(0, 0)));
    QVERIFY(tree->model()->rowCount(tree->model()->index(0, 0)) > 0);

    // History on disk: the account's URL and the status; never the token.
    auto records = m_app->history()->read();
    QVERIFY(records.has_value());
    QVERIFY(!records->records.isEmpty());
    const Workspace::HistoryRecord &last = records->records.last();
    QCOMPARE(last.status, 200);
    QVERIFY2(last.url.startsWith(QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com/")),
             qPrintable(last.url));
    QCOMPARE(last.environmentId, m_app->mainWindow()->currentSession()->environment().id);
    QFile file(m_app->history()->path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray token = m_app->mainWindow()->currentSession()->lastAccessToken();
    QVERIFY(!token.isEmpty());
    QVERIFY(!file.readAll().contains(token.left(40)));
    QCOMPARE(file.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
}

void TestRequestPane::searchAndCopyAsCurlRedacted()
{
    auto *search = child<QLineEdit>("responseSearchLineEdit");
    search->setText(QStringLiteral("\"id\""));
    QTest::keyClick(search, Qt::Key_Return);
    QVERIFY(child<App::RawBodyView>("prettyBodyView")->matchOffset() >= 0);
    child<QPushButton>("copyCurlButton")->click();
    const QString curl = QApplication::clipboard()->text();
    QVERIFY(curl.startsWith(QStringLiteral("curl")));
    const QByteArray token = m_app->mainWindow()->currentSession()->lastAccessToken();
    QVERIFY(!token.isEmpty());
    QVERIFY2(!curl.contains(QString::fromLatin1(token)), "the access token must be redacted");
    QVERIFY(curl.contains(QStringLiteral("Authorization")));
}

void TestRequestPane::writeShowsIdempotencyKey()
{
    child<QComboBox>("methodComboBox")->setCurrentText(QStringLiteral("POST"));
    child<QLineEdit>("urlLineEdit")->setText(QStringLiteral("{{restBase}}/customer"));
    child<QPlainTextEdit>("bodyPlainTextEdit")
        ->setPlainText(QStringLiteral("{\"companyName\": \"Suitebench test\"}"));
    QVERIFY(child<QLabel>("bodyStatusLabel")->text().contains(QStringLiteral("valid JSON")));
    child<QPushButton>("sendButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        child<QLabel>("responseStatusLabel")->text().startsWith(QStringLiteral("2")), 20000);
    QVERIFY(child<QLabel>("idempotencyKeyLabel")
                ->text()
                .startsWith(QStringLiteral("Idempotency key: ")));
    QVERIFY(m_prompter->asked.isEmpty()); // a sandbox write asks nothing
}

void TestRequestPane::responseFileOpensInTheViews()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("saved.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"items":[{"id":"7","companyname":"<b>not bold</b>"}],"count":1})");
    file.close();
    m_prompter->fileNames = {path};
    m_app->mainWindow()->findChild<QAction *>(QStringLiteral("openBodyFileAction"))->trigger();
    QVERIFY(child<App::RawBodyView>("rawBodyView")->body().contains("not bold"));
    QVERIFY(child<QLabel>("responseStatusLabel")->text().contains(QStringLiteral("saved.json")));
    QTRY_VERIFY(child<App::RawBodyView>("prettyBodyView")->lineCount() > 3);
    // A large body's tree index is built off the GUI thread and can be stopped.
    const QString large = dir.filePath(QStringLiteral("large.json"));
    QFile big(large);
    QVERIFY(big.open(QIODevice::WriteOnly));
    big.write("[");
    for (int i = 0; i < 400000; ++i) {
        big.write(i == 0 ? "" : ",");
        big.write(R"({"id":"1","companyname":"Customer Ltd","email":"a@example.com"})");
    }
    big.write("]");
    big.close();
    m_prompter->fileNames = {large};
    m_app->mainWindow()->findChild<QAction *>(QStringLiteral("openBodyFileAction"))->trigger();
    auto *cancel = child<QPushButton>("cancelButton");
    QVERIFY(cancel->isEnabled());
    cancel->click();
    auto *tree = child<QTreeView>("responseTreeView");
    QCOMPARE(tree->model()->rowCount(), 0); // no tree, no index in memory
    QVERIFY(!cancel->isEnabled());
    QVERIFY(child<App::RawBodyView>("rawBodyView")->body().size() > 20 * 1024 * 1024);
    QTest::qWait(200); // a cancelled build reports nothing later
    QCOMPARE(tree->model()->rowCount(), 0);

    // A missing file says so and keeps what is shown.
    m_prompter->asked.clear();
    m_prompter->fileNames = {dir.filePath(QStringLiteral("missing.json"))};
    m_app->mainWindow()->findChild<QAction *>(QStringLiteral("openBodyFileAction"))->trigger();
    QVERIFY(m_prompter->asked.last().contains(QStringLiteral("missing.json")));
    QVERIFY(child<App::RawBodyView>("rawBodyView")->body().size() > 20 * 1024 * 1024);
}

void TestRequestPane::sandboxTokenNeverGoesToAnotherAccount()
{
    const int historyBefore = child<QListWidget>("historyListWidget")->count();
    child<QComboBox>("methodComboBox")->setCurrentText(QStringLiteral("GET"));
    child<QPlainTextEdit>("bodyPlainTextEdit")->clear();
    child<QLineEdit>("urlLineEdit")
        ->setText(QStringLiteral(
            "https://7654321.suitetalk.api.netsuite.com/services/rest/record/v1/customer"));
    child<QPushButton>("sendButton")->click();
    QTRY_VERIFY(
        child<QLabel>("responseStatusLabel")->text().startsWith(QStringLiteral("Not sent")));
    QVERIFY2(child<QLabel>("responseStatusLabel")->text().contains(QStringLiteral("7654321")),
             qPrintable(child<QLabel>("responseStatusLabel")->text()));
    QCOMPARE(child<QListWidget>("historyListWidget")->count(), historyBefore);
}

void TestRequestPane::suiteQlFetchAllWritesEveryRowToAFile()
{
    child<QTabWidget>("mainTabWidget")->setCurrentIndex(1);
    auto *pane = child<App::SuiteQlPane>("suiteQlPane");
    child<QPlainTextEdit>("suiteQlPlainTextEdit")
        ->setPlainText(QStringLiteral("SELECT id, companyname FROM customer ORDER BY id"));
    child<QPushButton>("runQueryButton")->click();
    auto *pageLabel = child<QLabel>("pageLabel");
    QTRY_VERIFY_WITH_TIMEOUT(pageLabel->text().startsWith(QStringLiteral("Rows")), 20000);
    const auto total = QRegularExpression(QStringLiteral("of (\\d+)")).match(pageLabel->text());
    QVERIFY2(total.hasMatch(), qPrintable(pageLabel->text()));
    const qint64 expected = total.captured(1).toLongLong();
    QVERIFY(expected > 0);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("customers.jsonl"));
    m_prompter->fileNames = {path};
    QSignalSpy finished(pane, &App::SuiteQlPane::fetchAllFinished);
    child<QPushButton>("fetchAllButton")->click();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(finished.at(0).at(1).toLongLong(), expected);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(qint64(lines.size() - 1), expected); // one object per line, LF-terminated
    QVERIFY(lines.first().startsWith("{"));
    QVERIFY(pageLabel->text().contains(path));
    child<QTabWidget>("mainTabWidget")->setCurrentIndex(0);
}

void TestRequestPane::switchingEnvironmentMidRequestIsSafe()
{
    // A slow answer, a switch to another environment while it is on the wire: the old
    // session's call ends with it (no use after free under ASan), nothing reaches the new
    // environment's history, and the pane is ready again.
    auto &emulator = m_app->emulator()->thread();
    QVERIFY(
        emulator.addFault(QStringLiteral("latency-ms=1500,path=/services/rest/record/v1/customer"))
            .has_value());
    const App::Environment *demo = m_app->environments().at(0);
    App::Environment second = *demo;
    second.id = QStringLiteral("second");
    second.name = QStringLiteral("Second sandbox");
    const int secondRow = m_app->environments().upsert(second);
    m_app->mainWindow()->selectEnvironment(0);
    child<QComboBox>("methodComboBox")->setCurrentText(QStringLiteral("GET"));
    child<QPlainTextEdit>("bodyPlainTextEdit")->clear();
    child<QLineEdit>("urlLineEdit")->setText(QStringLiteral("{{restBase}}/customer?limit=1"));
    const int historyBefore = child<QListWidget>("historyListWidget")->count();
    child<QPushButton>("sendButton")->click();
    QTRY_VERIFY(!child<QPushButton>("sendButton")->isEnabled());
    QTest::qWait(300); // on the wire, held by the emulator
    m_app->mainWindow()->selectEnvironment(secondRow);
    QVERIFY(child<QPushButton>("sendButton")->isEnabled());
    QVERIFY(child<QLabel>("responseStatusLabel")
                ->text()
                .contains(QStringLiteral("environment changed")));
    QTest::qWait(2000); // the held answer arrives for a session that is gone
    QCOMPARE(m_app->mainWindow()->currentSession()->environment().id, QStringLiteral("second"));
    QCOMPARE(child<QListWidget>("historyListWidget")->count(), 0); // "second" has none
    emulator.clearFaults();
    m_app->mainWindow()->selectEnvironment(0);
    QCOMPARE(child<QListWidget>("historyListWidget")->count(), historyBefore);
}

void TestRequestPane::manualBearerNeedsNoKey()
{
    // An environment without a key (imported, or its keychain locked) still sends with a
    // pasted token; the environment's own token is refused with the reason.
    m_app->mainWindow()->selectEnvironment(0);
    child<QComboBox>("methodComboBox")->setCurrentText(QStringLiteral("GET"));
    child<QLineEdit>("urlLineEdit")->setText(QStringLiteral("{{restBase}}/customer?limit=1"));
    child<QPushButton>("sendButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        child<QLabel>("responseStatusLabel")->text().startsWith(QStringLiteral("200")), 20000);
    const QByteArray token = m_app->mainWindow()->currentSession()->lastAccessToken();
    QVERIFY(!token.isEmpty());
    App::Environment keyless = *m_app->environments().at(0);
    keyless.id = QStringLiteral("keyless");
    keyless.name = QStringLiteral("Keyless");
    keyless.privateKey = {};
    keyless.stored.hasPrivateKey = false;
    m_app->mainWindow()->selectEnvironment(m_app->environments().upsert(keyless));
    auto *auth = child<QComboBox>("authComboBox");
    child<QPushButton>("sendButton")->click();
    QTRY_VERIFY(
        child<QLabel>("responseStatusLabel")->text().contains(QStringLiteral("no private key")));
    auth->setCurrentIndex(1); // manual bearer
    child<QLineEdit>("bearerLineEdit")->setText(QString::fromLatin1(token));
    child<QPushButton>("sendButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        child<QLabel>("responseStatusLabel")->text().startsWith(QStringLiteral("200")), 20000);
    auth->setCurrentIndex(0);
    child<QLineEdit>("bearerLineEdit")->clear();
    m_app->mainWindow()->selectEnvironment(0);
}

void TestRequestPane::sharedExchangeIsLoggedOnce()
{
    // "Get a new token" and a request at once share one exchange; the engine's timeline
    // says so once.
    m_app->mainWindow()->selectEnvironment(0);
    auto *timeline = child<QTreeWidget>("timelineTreeWidget");
    timeline->clear();
    child<QComboBox>("methodComboBox")->setCurrentText(QStringLiteral("GET"));
    child<QLineEdit>("urlLineEdit")->setText(QStringLiteral("{{restBase}}/customer?limit=1"));
    m_app->mainWindow()->findChild<QAction *>(QStringLiteral("fetchTokenAction"))->trigger();
    child<QPushButton>("sendButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        child<QLabel>("responseStatusLabel")->text().startsWith(QStringLiteral("200")), 20000);
    QTest::qWait(100);
    int exchanges = 0;
    for (int i = 0; i < timeline->topLevelItemCount(); ++i) {
        exchanges += timeline->topLevelItem(i)->text(2).contains(QStringLiteral("(token exchange"))
                         ? 1
                         : 0;
    }
    QCOMPARE(exchanges, 1);
    QCOMPARE(m_app->mainWindow()->currentSession()->existingClient()->tokens().exchangeCount(), 1);
}

void TestRequestPane::productionWriteAsksForConfirmation()
{
    const App::Environment *demo = m_app->environments().at(0);
    App::Environment production = *demo;
    production.id = QStringLiteral("prod");
    production.name = QStringLiteral("Production");
    production.target
        = NetSuite::Target::netSuite(*NetSuite::AccountId::parse(QStringLiteral("7654321")));
    production.addBuiltInVariables(); // {{restBase}} is this account's (the guard checks it)
    const int row = m_app->environments().upsert(production);
    m_app->mainWindow()->selectEnvironment(row);
    QVERIFY(child<QLabel>("environmentKindLabel")->text().startsWith(QStringLiteral("PRODUCTION")));
    child<QComboBox>("methodComboBox")->setCurrentText(QStringLiteral("PATCH"));
    child<QLineEdit>("urlLineEdit")->setText(QStringLiteral("{{restBase}}/customer/1"));
    child<QPlainTextEdit>("bodyPlainTextEdit")
        ->setPlainText(QStringLiteral("{\"companyName\": \"x\"}"));
    m_prompter->confirmAnswers = {false};
    m_prompter->asked.clear();
    const int historyBefore = child<QListWidget>("historyListWidget")->count();
    child<QPushButton>("sendButton")->click();
    // The client asks before it fetches a token or sends anything.
    QTRY_COMPARE_WITH_TIMEOUT(m_prompter->asked.size(), 1, 5000);
    QVERIFY2(m_prompter->asked.at(0).contains(QStringLiteral("7654321")),
             qPrintable(m_prompter->asked.at(0)));
    QVERIFY(m_prompter->asked.at(0).contains(QStringLiteral("PRODUCTION")));
    QTRY_VERIFY(
        child<QLabel>("responseStatusLabel")->text().startsWith(QStringLiteral("Not sent")));
    QCOMPARE(child<QListWidget>("historyListWidget")->count(), historyBefore);
    // A GET to production asks nothing.
    child<QComboBox>("methodComboBox")->setCurrentText(QStringLiteral("GET"));
    m_prompter->asked.clear();
    child<QPushButton>("sendButton")->click();
    QVERIFY(m_prompter->asked.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(child<QListWidget>("historyListWidget")->count() == historyBefore + 1,
                             20000);
}

QTEST_MAIN(TestRequestPane)
#include "TestRequestPane.moc"
