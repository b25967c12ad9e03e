// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QSettings;
class QTemporaryDir;

namespace Sb::Secrets {
class SecretStore;
}
namespace Sb::Workspace {
class Environments;
class History;
class WorkspaceStore;
} // namespace Sb::Workspace

namespace Sb::App {

class DemoEmulator;
class EnvironmentModel;
class MainWindow;
class Prompter;
class ThemeManager;

/** Command-line options of `suitebench`. */
struct AppOptions
{
    bool demo = false;  ///< --demo: in-process emulator and a ready demo environment
    bool smoke = false; ///< --smoke: exit 0 after the first paint (and, with --demo, one call)
    int smokeTimeoutMs = 60000;
    double demoScale = 0.2;
    QString screenshotDir; ///< --screenshots DIR: walk the main screens and save PNGs (docs)
    QString settingsFile;  ///< empty: <AppConfigLocation>/suitebench.ini (a temp dir in demo mode)
};

/** Parses @p arguments (argv); prints help/version and exits through QCommandLineParser. */
[[nodiscard]] AppOptions parseOptions(const QStringList &arguments);

/**
 * The composition root: owns the services (clock, network manager, the workspace and secret
 * store behind the environments, prompter, settings, theme, the demo emulator) and the main
 * window, and runs --smoke. No singletons: everything is passed down by reference.
 *
 * Demo mode keeps its workspace in a temporary folder and its secrets in memory (a keychain
 * prompt would hang a headless run). Otherwise the workspace is $SUITEBENCH_HOME or the
 * shared data folder (the CLI's too), and the OS keychain is opened on first use of a secret,
 * which is never before the first paint.
 */
class Application final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Application)

public:
    explicit Application(AppOptions options, QObject *parent = nullptr);
    ~Application() override;

    /** Builds and shows the main window; false (with @p error) when demo mode cannot start. */
    [[nodiscard]] bool start(QString *error);
    [[nodiscard]] MainWindow *mainWindow() const { return m_window.get(); }
    [[nodiscard]] EnvironmentModel &environments() const { return *m_environments; }
    [[nodiscard]] DemoEmulator *emulator() const { return m_emulator.get(); }
    [[nodiscard]] Workspace::History *history() const { return m_history.get(); }
    /** Replaces the prompter (tests: a ScriptedPrompter). Call before start(). */
    void setPrompter(std::unique_ptr<Prompter> prompter);
    /**
     * A check that must pass before anything signs (main: the crypto self-test, running on
     * its own thread meanwhile); it returns an error text or nothing. Run once: in start()
     * for demo mode (which makes a key at once), else at the first paint. On failure start()
     * fails, or the app exits with code 2.
     */
    void setStartupCheck(std::function<QString()> check) { m_startupCheck = std::move(check); }

signals:
    /** --smoke: the verdict (0 passed) and a line for the log. */
    void smokeFinished(int exitCode, const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onFirstPaint();
    void runScreenshotTour();
    void finishSmoke(int code, const QString &message);

    AppOptions m_options;
    Core::SystemClock m_clock;
    std::unique_ptr<QTemporaryDir> m_stateDir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Workspace::WorkspaceStore> m_workspace;
    std::unique_ptr<Secrets::SecretStore> m_secrets;
    std::unique_ptr<Workspace::Environments> m_store;
    std::unique_ptr<Workspace::History> m_history;
    std::unique_ptr<EnvironmentModel> m_environments;
    std::unique_ptr<Prompter> m_prompter;
    std::unique_ptr<ThemeManager> m_theme;
    std::unique_ptr<DemoEmulator> m_emulator;
    std::unique_ptr<MainWindow> m_window;
    [[nodiscard]] QString runStartupCheck();

    std::function<QString()> m_startupCheck;
    bool m_painted = false;
    bool m_smokeDone = false;
};

} // namespace Sb::App
