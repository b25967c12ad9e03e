// SPDX-License-Identifier: MIT
#include "gui/EnvironmentDialogs.h"
#include "gui/EnvironmentModel.h"
#include "gui/IconProvider.h"
#include "gui/MainWindow.h"
#include "gui/RequestPane.h"
#include "gui/ThemeManager.h"
#include "http/Transport.h"
#include "netsuite/AccountId.h"
#include "secrets/SecretStore.h"
#include "workspace/Environments.h"
#include "workspace/WorkspaceStore.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "ScriptedPrompter.h"

using namespace Sb;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void switcherShowsKindAndProductionInWarningColour();
    void tokenBadgeStartsAtNone();
    void tabsAndAccessibleNames();
    void shortcutsFocusUrlAndStartNewRequest();
    void themePreferenceSwitchesPaletteAndIsSaved();
    void layoutIsRestoredBetweenRuns();
    void iconsRenderCrispAtAnySize();
    void newEnvironmentKeyGoesToTheSecretStoreOnly();
    void savedRequestsPersistInTheWorkspace();

private:
    static App::Environment makeEnvironment(const QString &id, const QString &account);
    std::unique_ptr<App::MainWindow> makeWindow();

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<QNetworkAccessManager> m_network;
    Core::SystemClock m_clock;
    SbTest::ScriptedPrompter m_prompter;
    std::unique_ptr<App::EnvironmentModel> m_envs;
    std::unique_ptr<App::ThemeManager> m_theme;
};

App::Environment TestMainWindow::makeEnvironment(const QString &id, const QString &account)
{
    App::Environment env;
    env.id = id;
    env.name = id;
    env.target = NetSuite::Target::netSuite(*NetSuite::AccountId::parse(account));
    env.variables.insert(QStringLiteral("restBase"),
                         Core::Variable{env.restRecordBase().toString(), false});
    return env;
}

std::unique_ptr<App::MainWindow> TestMainWindow::makeWindow()
{
    return std::make_unique<App::MainWindow>(App::MainWindowServices{
        *m_envs, *m_network, m_clock, m_prompter, *m_settings, *m_theme, nullptr});
}

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("s.ini")),
                                             QSettings::IniFormat);
    m_network = Http::makeNetworkAccessManager();
    m_envs = std::make_unique<App::EnvironmentModel>();
    m_theme = std::make_unique<App::ThemeManager>(*m_settings);
    m_envs->upsert(makeEnvironment(QStringLiteral("Sandbox"), QStringLiteral("1234567_SB1")));
    m_envs->upsert(makeEnvironment(QStringLiteral("Production"), QStringLiteral("1234567")));
}

void TestMainWindow::switcherShowsKindAndProductionInWarningColour()
{
    auto window = makeWindow();
    window->show();
    auto *combo = window->findChild<QComboBox *>(QStringLiteral("environmentComboBox"));
    auto *kind = window->findChild<QLabel *>(QStringLiteral("environmentKindLabel"));
    QVERIFY(combo && kind);
    QCOMPARE(combo->count(), 2);
    QVERIFY(kind->text().contains(QStringLiteral("SANDBOX 1")));
    QVERIFY(kind->text().contains(QStringLiteral("1234567_SB1")));
    QVERIFY(!kind->styleSheet().contains(QStringLiteral("#cf222e")));
    combo->setCurrentIndex(1);
    QVERIFY(kind->text().startsWith(QStringLiteral("PRODUCTION")));
    QVERIFY(kind->styleSheet().contains(QStringLiteral("#cf222e"))); // the warning colour
    QCOMPARE(kind->textFormat(), Qt::PlainText);
    QCOMPARE(window->currentSession()->environment().id, QStringLiteral("Production"));
}

void TestMainWindow::tokenBadgeStartsAtNone()
{
    auto window = makeWindow();
    auto *badge = window->findChild<QLabel *>(QStringLiteral("tokenBadgeLabel"));
    QVERIFY(badge);
    QVERIFY(badge->text().contains(QStringLiteral("none")));
}

void TestMainWindow::tabsAndAccessibleNames()
{
    auto window = makeWindow();
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("mainTabWidget"));
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 4);
    QVERIFY(window->findChild<QWidget *>(QStringLiteral("requestPane")));
    // The SuiteQL console and the inspector are built when their tab is first shown.
    QVERIFY(!window->findChild<QWidget *>(QStringLiteral("jwtInspectorPanel")));
    tabs->setCurrentIndex(1);
    QVERIFY(window->findChild<QWidget *>(QStringLiteral("suiteQlPane")));
    tabs->setCurrentIndex(2);
    QVERIFY(window->findChild<QWidget *>(QStringLiteral("jwtInspectorPanel")));
    tabs->setCurrentIndex(0);
    QVERIFY(window->findChild<QWidget *>(QStringLiteral("timelineTreeWidget")));
    QVERIFY(window->findChild<QListWidget *>(QStringLiteral("historyListWidget")));
    for (const char *name :
         {"environmentComboBox", "urlLineEdit", "methodComboBox", "tokenBadgeLabel",
          "environmentKindLabel", "bodyPlainTextEdit", "tokenPlainTextEdit", "claimsTableWidget",
          "findingsTreeWidget", "historyListWidget"}) {
        auto *w = window->findChild<QWidget *>(QString::fromLatin1(name));
        QVERIFY2(w, name);
        QVERIFY2(!w->accessibleName().isEmpty(), name);
    }
}

void TestMainWindow::shortcutsFocusUrlAndStartNewRequest()
{
    auto window = makeWindow();
    window->show();
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    auto *url = window->findChild<QLineEdit *>(QStringLiteral("urlLineEdit"));
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("mainTabWidget"));
    tabs->setCurrentIndex(2);
    QTest::keyClick(window.get(), Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(tabs->currentIndex(), 0);
    QTRY_VERIFY(url->hasFocus());
    url->setText(QStringLiteral("https://example.invalid/x"));
    QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(url->text(), QStringLiteral("{{restBase}}/customer?limit=5"));
    QTest::keyClick(window.get(), Qt::Key_E, Qt::ControlModifier);
    auto *combo = window->findChild<QComboBox *>(QStringLiteral("environmentComboBox"));
    QTRY_VERIFY(combo->view()->isVisible()); // the switcher opened
    combo->hidePopup();
    auto *send = window->findChild<QAction *>(QStringLiteral("sendAction"));
    QVERIFY(send);
    QVERIFY(send->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Return)));
}

void TestMainWindow::themePreferenceSwitchesPaletteAndIsSaved()
{
    auto window = makeWindow();
    auto *dark = window->findChild<QAction *>(QStringLiteral("darkThemeAction"));
    auto *light = window->findChild<QAction *>(QStringLiteral("lightThemeAction"));
    auto *system = window->findChild<QAction *>(QStringLiteral("systemThemeAction"));
    QVERIFY(dark && light && system);
    dark->trigger();
    QVERIFY(m_theme->isDark());
    QVERIFY(App::ThemeManager::isDarkPalette(QApplication::palette()));
    QCOMPARE(m_settings->value(QStringLiteral("appearance/theme")).toString(),
             QStringLiteral("dark"));
    light->trigger();
    QVERIFY(!m_theme->isDark());
    system->trigger();
    QCOMPARE(m_settings->value(QStringLiteral("appearance/theme")).toString(),
             QStringLiteral("system"));
}

void TestMainWindow::layoutIsRestoredBetweenRuns()
{
    {
        auto window = makeWindow();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->resize(900, 640);
        window->findChild<QTabWidget *>(QStringLiteral("mainTabWidget"))->setCurrentIndex(2);
        QTRY_COMPARE(window->size(), QSize(900, 640));
        window->close();
    }
    auto again = makeWindow();
    QCOMPARE(again->findChild<QTabWidget *>(QStringLiteral("mainTabWidget"))->currentIndex(), 2);
    again->show();
    QVERIFY(QTest::qWaitForWindowExposed(again.get()));
    QCOMPARE(again->size(), QSize(900, 640));
}

void TestMainWindow::iconsRenderCrispAtAnySize()
{
    for (int size : {16, 24, 48, 128}) {
        const QImage image = App::themedIcon(QStringLiteral("send")).pixmap(size, size).toImage();
        QCOMPARE(image.size(), QSize(size, size));
        int opaque = 0;
        for (int y = 0; y < size; ++y) {
            for (int x = 0; x < size; ++x) {
                opaque += qAlpha(image.pixel(x, y)) > 0 ? 1 : 0;
            }
        }
        QVERIFY2(opaque > size, "the icon drew something");
    }
    QVERIFY(!App::themedIcon(QStringLiteral("error")).isNull());
}

void TestMainWindow::newEnvironmentKeyGoesToTheSecretStoreOnly()
{
    // What the wizard hands over: an environment with its key in memory.
    QTemporaryDir dir;
    Workspace::WorkspaceStore store(dir.filePath(QStringLiteral("ws")));
    Secrets::MemorySecretStore secrets;
    Workspace::Environments library(store, secrets);
    App::EnvironmentModel model;
    model.setBackend(&library);
    auto window = std::make_unique<App::MainWindow>(App::MainWindowServices{
        model, *m_network, m_clock, m_prompter, *m_settings, *m_theme, nullptr});

    auto key = Crypto::generateKey({Crypto::KeyType::Ec, 256, Crypto::Curve::P256});
    QVERIFY(key.has_value());
    App::Environment env
        = makeEnvironment(QStringLiteral("Wizard made"), QStringLiteral("1234567_SB1"));
    env.id.clear();
    env.clientId = QStringLiteral("a").repeated(64);
    env.certificateId = QStringLiteral("b").repeated(43);
    env.privateKey = *key;
    QVERIFY(window->addEnvironment(env));
    QCOMPARE(model.count(), 1);
    const App::Environment *saved = model.at(0);
    QVERIFY(!saved->id.isEmpty());
    QVERIFY(saved->stored.hasPrivateKey);

    // The key is in the secret store under the environment's name, not in the workspace file.
    const auto pem = key->toPkcs8Pem();
    QVERIFY(pem.has_value());
    QVERIFY(secrets.names().contains(saved->stored.privateKeySecretName()));
    QFile workspace(store.filePath());
    QVERIFY(workspace.open(QIODevice::ReadOnly));
    const QByteArray onDisk = workspace.readAll();
    QVERIFY(onDisk.contains("Wizard made"));
    const QList<QByteArray> pemLines = pem->exposeForApi().split('\n');
    QVERIFY(!onDisk.contains(pemLines.at(1)));

    // A fresh model (the next start) lists it without the key and reads the key on demand.
    App::EnvironmentModel next;
    next.setBackend(&library);
    QVERIFY(next.reload());
    QCOMPARE(next.count(), 1);
    QVERIFY(next.at(0)->privateKey.isNull());
    QString error;
    QVERIFY2(next.loadSecrets(0, &error), qPrintable(error));
    QVERIFY(next.at(0)->privateKey.publicKey().equals(key->publicKey()));

    // The same name again asks before replacing; "no" keeps the first one.
    m_prompter.confirmAnswers = {false};
    QVERIFY(!window->addEnvironment(env));
    QCOMPARE(model.count(), 1);
    QVERIFY(m_prompter.asked.last().contains(QStringLiteral("Wizard made")));
}

void TestMainWindow::savedRequestsPersistInTheWorkspace()
{
    QTemporaryDir dir;
    Workspace::WorkspaceStore store(dir.filePath(QStringLiteral("ws")));
    Secrets::MemorySecretStore secrets;
    Workspace::Environments library(store, secrets);
    App::EnvironmentModel model;
    model.setBackend(&library);
    QString error;
    App::Environment env
        = makeEnvironment(QStringLiteral("With requests"), QStringLiteral("1234567_SB1"));
    env.id.clear();
    QVERIFY2(model.save(env, false, &error) == 0, qPrintable(error));
    auto window = std::make_unique<App::MainWindow>(App::MainWindowServices{
        model, *m_network, m_clock, m_prompter, *m_settings, *m_theme, nullptr});
    window->selectEnvironment(0);
    auto *url = window->findChild<QLineEdit *>(QStringLiteral("urlLineEdit"));
    url->setText(QStringLiteral("{{restBase}}/salesorder?limit=3"));
    window->findChild<QAction *>(QStringLiteral("saveRequestAction"))->trigger();
    window->findChild<QAction *>(QStringLiteral("saveRequestAction"))->trigger();
    auto *tree = window->findChild<QTreeWidget *>(QStringLiteral("savedRequestsTreeWidget"));
    QCOMPARE(tree->topLevelItemCount(), 1);
    QCOMPARE(tree->topLevelItem(0)->childCount(), 2);
    QCOMPARE(tree->topLevelItem(0)->child(0)->text(0), QStringLiteral("GET salesorder"));
    QCOMPARE(tree->topLevelItem(0)->child(1)->text(0), QStringLiteral("GET salesorder (2)"));
    // Rename in place; it reaches workspace.json.
    tree->topLevelItem(0)->child(1)->setText(0, QStringLiteral("Three orders"));
    auto stored = library.get(QStringLiteral("With requests"));
    QVERIFY(stored.has_value());
    QCOMPARE(stored->collections.size(), 1);
    QCOMPARE(stored->collections.at(0).requests.at(1).name, QStringLiteral("Three orders"));
    QCOMPARE(stored->collections.at(0).requests.at(1).url,
             QStringLiteral("{{restBase}}/salesorder?limit=3")); // the template, unexpanded
    // Activating one loads it into the editor.
    url->setText(QStringLiteral("changed"));
    emit tree->itemActivated(tree->topLevelItem(0)->child(1), 0);
    QCOMPARE(url->text(), QStringLiteral("{{restBase}}/salesorder?limit=3"));
    // Delete removes it from the file too.
    tree->setCurrentItem(tree->topLevelItem(0)->child(0));
    window->findChild<QAction *>(QStringLiteral("deleteSavedRequestAction"))->trigger();
    stored = library.get(QStringLiteral("With requests"));
    QCOMPARE(stored->collections.at(0).requests.size(), 1);
    QCOMPARE(tree->topLevelItem(0)->childCount(), 1);

    // The environment manager opens over the same workspace; a change there (here: one made
    // through the library, as the dialog does) reaches the switcher, keeping the selection.
    window->findChild<QAction *>(QStringLiteral("manageEnvironmentsAction"))->trigger();
    auto *manager = window->findChild<App::EnvironmentManagerDialog *>();
    QVERIFY(manager);
    QVERIFY(manager->isVisible());
    App::Environment other = makeEnvironment(QStringLiteral("Another"), QStringLiteral("7654321"));
    other.id.clear();
    QVERIFY(library.create(other.toStored()).has_value());
    emit manager->environmentsChanged();
    auto *combo = window->findChild<QComboBox *>(QStringLiteral("environmentComboBox"));
    QCOMPARE(combo->count(), 2);
    QCOMPARE(window->currentSession()->environment().name, QStringLiteral("With requests"));
    manager->close();
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
