// SPDX-License-Identifier: MIT
#include "gui/Application.h"

#include "gui/AppSecretStore.h"
#include "gui/DemoEmulator.h"
#include "gui/EnvironmentDialogs.h"
#include "gui/EnvironmentModel.h"
#include "gui/EnvironmentSession.h"
#include "gui/JwtInspectorPanel.h"
#include "gui/MainWindow.h"
#include "gui/Prompter.h"
#include "gui/RequestPane.h"
#include "gui/SetupWizard.h"
#include "gui/ThemeManager.h"
#include "http/Transport.h"
#include "jwt/Jwt.h"
#include "secrets/SecretStore.h"
#include "workspace/Environments.h"
#include "workspace/History.h"
#include "workspace/WorkspaceStore.h"

#include <QAbstractButton>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPixmap>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QWizard>

#include <utility>

namespace Sb::App {

AppOptions parseOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Suitebench: set up, test and use NetSuite OAuth 2.0 machine-to-machine access."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QCoreApplication::translate(
            "main", "Start the built-in NetSuite emulator and open a ready demo environment."));
    const QCommandLineOption smoke(
        QStringLiteral("smoke"),
        QCoreApplication::translate(
            "main",
            "Exit 0 after the first paint (with --demo: after one token exchange and REST call)."));
    const QCommandLineOption settings(
        QStringLiteral("settings"), QCoreApplication::translate("main", "Use this settings file."),
        QStringLiteral("file"));
    parser.addOption(demo);
    parser.addOption(smoke);
    parser.addOption(settings);
    QCommandLineOption screenshots(
        QStringLiteral("screenshots"),
        QCoreApplication::translate(
            "main",
            "Save a screenshot of each main screen into this folder, then quit (for the README)."),
        QStringLiteral("dir"));
    screenshots.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshots);
    parser.process(arguments);
    AppOptions options;
    options.demo = parser.isSet(demo);
    options.smoke = parser.isSet(smoke);
    options.settingsFile = parser.value(settings);
    options.screenshotDir = parser.value(screenshots);
    return options;
}

Application::Application(AppOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_prompter(std::make_unique<DialogPrompter>())
{}

Application::~Application()
{
    m_window.reset(); // sessions and calls go before the emulator and the network manager
    if (m_emulator) {
        m_emulator->stop();
    }
}

void Application::setPrompter(std::unique_ptr<Prompter> prompter)
{
    m_prompter = std::move(prompter);
}

bool Application::start(QString *error)
{
    QString settingsPath = m_options.settingsFile;
    if (settingsPath.isEmpty() && m_options.demo) {
        // Demo mode leaves nothing behind: its state lives in a temporary folder.
        m_stateDir = std::make_unique<QTemporaryDir>();
        settingsPath = m_stateDir->filePath(QStringLiteral("suitebench.ini"));
    }
    if (settingsPath.isEmpty()) {
        settingsPath = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
                       + QStringLiteral("/suitebench.ini");
    }
    m_settings = std::make_unique<QSettings>(settingsPath, QSettings::IniFormat);
    m_network = Http::makeNetworkAccessManager();
    m_environments = std::make_unique<EnvironmentModel>();
    QString secretStoreName;
    if (m_options.demo) {
        m_workspace = std::make_unique<Workspace::WorkspaceStore>(
            m_stateDir->filePath(QStringLiteral("workspace")));
        m_secrets = std::make_unique<Secrets::MemorySecretStore>();
        secretStoreName = tr("demo's in-memory secret store");
    } else {
        m_workspace = std::make_unique<Workspace::WorkspaceStore>();
        AppSecretStore::Options secretOptions;
        secretOptions.fallbackFile = m_workspace->secretFilePath();
        secretOptions.keychainDisabled
            = qEnvironmentVariable("SUITEBENCH_NO_KEYCHAIN") == QStringLiteral("1");
        m_secrets = std::make_unique<AppSecretStore>(std::move(secretOptions), *m_prompter);
        secretStoreName = tr("OS keychain");
    }
    m_store = std::make_unique<Workspace::Environments>(*m_workspace, *m_secrets);
    m_history = std::make_unique<Workspace::History>(m_workspace->historyPath());
    m_environments->setBackend(m_store.get());
    m_theme = std::make_unique<ThemeManager>(*m_settings);
    m_theme->applySaved();

    if (m_options.demo) {
        if (const QString failed = runStartupCheck(); !failed.isEmpty()) {
            *error = failed;
            return false;
        }
        m_emulator = std::make_unique<DemoEmulator>(m_options.demoScale);
        auto started = m_emulator->start();
        if (!started) {
            *error = tr("The demo emulator did not start: %1").arg(started.error());
            return false;
        }
        m_environments->setRouting(m_emulator->connectTo(), m_emulator->account());
        auto env = m_emulator->makeDemoEnvironment();
        QString saveError;
        if (!env || m_environments->save(*env, false, &saveError) < 0) {
            *error = tr("The demo environment could not be created: %1")
                         .arg(env ? saveError : env.error());
            return false;
        }
    } else {
        // Only workspace.json is read here; keys wait in the keychain until first used.
        QString loadError;
        if (!m_environments->reload(&loadError)) {
            qWarning("suitebench: %s", qUtf8Printable(loadError));
        }
    }

    m_window = std::make_unique<MainWindow>(
        MainWindowServices{*m_environments, *m_network, m_clock, *m_prompter, *m_settings, *m_theme,
                           m_emulator.get(), m_history.get(), secretStoreName});
    m_window->installEventFilter(this);
    if (m_options.smoke) {
        QTimer::singleShot(m_options.smokeTimeoutMs, this,
                           [this] { finishSmoke(4, QStringLiteral("smoke: timed out")); });
    }
    m_window->show();
    return true;
}

bool Application::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window.get() && !m_painted
        && (event->type() == QEvent::Paint || event->type() == QEvent::UpdateRequest)) {
        m_painted = true;
        QMetaObject::invokeMethod(this, &Application::onFirstPaint, Qt::QueuedConnection);
    }
    return QObject::eventFilter(watched, event);
}

QString Application::runStartupCheck()
{
    if (!m_startupCheck) {
        return {};
    }
    const auto check = std::exchange(m_startupCheck, {});
    return check();
}

void Application::onFirstPaint()
{
    if (const QString failed = runStartupCheck(); !failed.isEmpty()) {
        qCritical("suitebench: %s", qUtf8Printable(failed));
        if (m_options.smoke) {
            finishSmoke(2, QStringLiteral("smoke: ") + failed);
        } else {
            m_prompter->inform(m_window.get(), tr("Suitebench cannot sign"), failed);
            QCoreApplication::exit(2);
        }
        return;
    }
    if (!m_options.demo && !m_options.smoke) {
        // Keep history bounded (30 days, 16 MiB), after the window is up.
        QTimer::singleShot(2000, this, [this] {
            if (auto trimmed = m_history->trim(30, 16LL * 1024 * 1024, m_clock); !trimmed) {
                qWarning("suitebench: history: %s", qUtf8Printable(trimmed.error().message));
            }
        });
    }
    if (!m_options.screenshotDir.isEmpty()) {
        runScreenshotTour();
        return;
    }
    if (!m_options.smoke) {
        return;
    }
    if (!m_options.demo) {
        finishSmoke(0, QStringLiteral("smoke: first paint"));
        return;
    }
    EnvironmentSession *session = m_window->currentSession();
    if (!session) {
        finishSmoke(3, QStringLiteral("smoke: no demo environment"));
        return;
    }
    SessionCall *call = session->testConnection();
    connect(call, &SessionCall::finished, this, [this, call](const CallOutcome &outcome) {
        call->deleteLater();
        if (outcome.ok) {
            finishSmoke(
                0, QStringLiteral("smoke: first paint, token exchange and record/v1/customer: OK"));
        } else {
            finishSmoke(3, QStringLiteral("smoke: failed: ") + outcome.errorText);
        }
    });
    call->start();
}

void Application::finishSmoke(int code, const QString &message)
{
    if (m_smokeDone) {
        return;
    }
    m_smokeDone = true;
    emit smokeFinished(code, message);
}

} // namespace Sb::App

namespace Sb::App {

// The README's screenshots: each main screen in turn, grabbed from the root window (the whole
// X screen, as `import -window root` would). Steps are spaced in time so answers and repaints land.
void Application::runScreenshotTour()
{
    QDir().mkpath(m_options.screenshotDir);
    auto grab = [this](const QString &name) {
        QScreen *screen = QGuiApplication::primaryScreen();
        const QPixmap shot = screen->grabWindow(0);
        shot.save(m_options.screenshotDir + QLatin1Char('/') + name + QStringLiteral(".png"));
    };
    MainWindow *w = m_window.get();
    w->setGeometry(QGuiApplication::primaryScreen()->availableGeometry()); // no window manager
    auto *tabs = w->findChild<QTabWidget *>(QStringLiteral("mainTabWidget"));
    // A 100 MiB SuiteQL-shaped response, opened in the response views.
    const QString path = m_stateDir->filePath(QStringLiteral("large-response.json"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write("{\"links\":[],\"hasMore\":false,\"items\":[");
        int rows = 0;
        for (; file.size() < 100LL * 1024 * 1024; ++rows) {
            file.write(QStringLiteral("%1{\"links\":[],\"id\":\"%2\",\"companyname\":\"Customer "
                                      "%2 Ltd\",\"email\":\"ap%2@example.com\",\"balance\":"
                                      "\"%3.50\",\"datecreated\":\"29/11/2026\"}")
                           .arg(rows == 0 ? QString() : QStringLiteral(","))
                           .arg(100000 + rows)
                           .arg(rows % 9973)
                           .toUtf8());
        }
        file.write(
            QStringLiteral("],\"count\":%1,\"offset\":0,\"totalResults\":%1}").arg(rows).toUtf8());
        file.close();
    }
    QList<std::pair<int, std::function<void()>>> steps;
    int t = 300;
    auto at = [&steps, &t](int delay, std::function<void()> fn) {
        t += delay;
        steps.append({t, std::move(fn)});
    };
    at(0, [w] { w->requestPane()->send(); });
    at(1500, [grab] { grab(QStringLiteral("01-request")); });
    at(100, [tabs, w] {
        tabs->setCurrentIndex(1);
        w->findChild<QPushButton *>(QStringLiteral("runQueryButton"))->click();
    });
    at(1500, [grab] { grab(QStringLiteral("02-suiteql")); });
    at(100, [w] {
        // A typical broken assertion for the demo account: the guide's RS256, no kid, aud
        // without -sb1, a lifetime of two hours. The inspector names each trap.
        const Environment &env = w->currentSession()->environment();
        auto key = Crypto::generateKey({Crypto::KeyType::Rsa, 2048});
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QJsonObject payload{
            {QStringLiteral("iss"), env.clientId},
            {QStringLiteral("scope"), QJsonArray{QStringLiteral("rest_webservices")}},
            {QStringLiteral("aud"), QStringLiteral("https://1234567.suitetalk.api.netsuite.com/"
                                                   "services/rest/auth/oauth2/v1/token")},
            {QStringLiteral("iat"), now},
            {QStringLiteral("exp"), now + 7200}};
        if (key) {
            if (auto token
                = Jwt::sign(*key, Crypto::JwsAlgorithm::RS256,
                            QJsonObject{{QStringLiteral("typ"), QStringLiteral("JWT")}}, payload)) {
                w->inspector()->showToken(*token);
            }
        }
        w->showInspector();
    });
    at(800, [grab] { grab(QStringLiteral("03-inspector")); });
    at(100, [tabs] { tabs->setCurrentIndex(3); });
    at(600, [grab] { grab(QStringLiteral("04-timeline")); });
    at(100, [this, tabs] {
        m_theme->setTheme(Theme::Dark);
        tabs->setCurrentIndex(0);
    });
    at(800, [grab] { grab(QStringLiteral("05-request-dark")); });
    at(100, [this, w] {
        m_theme->setTheme(Theme::System);
        w->openSetupWizard();
    });
    at(800, [grab] { grab(QStringLiteral("06-wizard-intro")); });
    at(100, [w] {
        if (auto *wizard = w->findChild<SetupWizard *>()) {
            wizard->next();
            if (auto *create
                = wizard->findChild<QPushButton *>(QStringLiteral("createIntegrationButton"))) {
                create->click();
            }
        }
    });
    at(700, [grab] { grab(QStringLiteral("07-wizard-integration")); });
    at(100, [w] {
        if (auto *wizard = w->findChild<SetupWizard *>()) {
            wizard->next();
            wizard->generateKey();
        }
    });
    at(1200, [grab] { grab(QStringLiteral("08-wizard-key")); });
    at(100, [w] {
        if (auto *wizard = w->findChild<SetupWizard *>()) {
            wizard->next();
            wizard->findChild<QPushButton *>(QStringLiteral("uploadCertificateButton"))->click();
        }
    });
    at(700, [grab] { grab(QStringLiteral("09-wizard-mapping")); });
    at(100, [w] {
        if (auto *wizard = w->findChild<SetupWizard *>()) {
            wizard->next();
            wizard->findChild<QLineEdit *>(QStringLiteral("accountIdLineEdit"))
                ->setText(QStringLiteral("1234567"));
        }
    });
    at(700, [grab] { grab(QStringLiteral("10-wizard-account-trap")); });
    at(100, [w] {
        if (auto *wizard = w->findChild<SetupWizard *>()) {
            wizard->next();
            wizard->runTest();
        }
    });
    at(1500, [grab] { grab(QStringLiteral("11-wizard-test-failed")); });
    at(100, [w] {
        if (auto *wizard = w->findChild<SetupWizard *>()) {
            wizard->back();
            wizard->findChild<QLineEdit *>(QStringLiteral("accountIdLineEdit"))
                ->setText(QStringLiteral("1234567_SB1"));
            wizard->next();
            wizard->runTest();
        }
    });
    at(1500, [grab] { grab(QStringLiteral("12-wizard-test-passed")); });
    at(100, [w, tabs, path] {
        if (auto *wizard = w->findChild<SetupWizard *>()) {
            wizard->close();
        }
        tabs->setCurrentIndex(0);
        QString error;
        (void)w->requestPane()->openBodyFile(path, &error);
    });
    at(2500, [grab] { grab(QStringLiteral("15-large-response")); });
    at(100, [w] {
        w->findChild<QTabWidget *>(QStringLiteral("responseTabWidget"))->setCurrentIndex(1);
    });
    at(2500, [grab] { grab(QStringLiteral("16-large-response-tree")); });
    at(100, [w] { w->openEnvironmentDialog(0); });
    at(700, [grab] { grab(QStringLiteral("13-environments")); });
    at(100, [w] {
        if (auto *manager = w->findChild<EnvironmentManagerDialog *>()) {
            manager->close();
        }
        w->openEnvironmentDialog(2);
    });
    at(700, [grab] { grab(QStringLiteral("14-export")); });
    at(100, [w] {
        if (auto *exporter = w->findChild<ExportDialog *>()) {
            exporter->close();
        }
    });
    at(100, [this] { finishSmoke(0, QStringLiteral("screenshots: done")); });
    for (const auto &[when, fn] : steps) {
        QTimer::singleShot(when, this, fn);
    }
}

} // namespace Sb::App
