// SPDX-License-Identifier: MIT
#pragma once

#include "gui/EnvironmentSession.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QComboBox;
class QLabel;
class QListWidget;
class QSettings;
class QTabWidget;
class QTimer;
class QTreeWidget;
class QNetworkAccessManager;

namespace Sb::Workspace {
class History;
struct Collection;
} // namespace Sb::Workspace

namespace Sb::App {

class DemoEmulator;
class EnvironmentModel;
class JwtInspectorPanel;
class Prompter;
class RequestPane;
struct HistoryEntry;
class SuiteQlPane;
class ThemeManager;

/** What the main window needs from the composition root (Application). */
struct MainWindowServices
{
    EnvironmentModel &environments;
    QNetworkAccessManager &network;
    const Core::Clock &clock;
    Prompter &prompter;
    QSettings &settings;
    ThemeManager &theme;
    DemoEmulator *emulator = nullptr; ///< demo mode only
    /** Where sent requests are remembered, redacted (nullptr: this session only). */
    Workspace::History *history = nullptr;
    /** Where keys go, for messages ("OS keychain", "memory (demo)"). */
    QString secretStoreName = QStringLiteral("secret store");
};

/**
 * The main window: environment switcher with the kind badge (production in a warning colour)
 * and a token badge, a history sidebar, and tabs for the request pane, the SuiteQL console,
 * the JWT inspector and the engine's timeline. Geometry and dock state are restored.
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(MainWindowServices services, QWidget *parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] EnvironmentSession *currentSession() const { return m_session; }
    [[nodiscard]] RequestPane *requestPane() const { return m_requestPane; }
    /** The inspector and the SuiteQL console, built on first use (start-up time). */
    JwtInspectorPanel *inspector();
    SuiteQlPane *suiteQl();
    void selectEnvironment(int row);
    void showInspector();
    void openSetupWizard();
    /**
     * Saves a new environment (the wizard's) through the environments library: the key goes
     * to the secret store, the rest to the workspace. An existing name is replaced only after
     * the Prompter's confirmation. Selects it; false (and a message) when not saved.
     */
    bool addEnvironment(const Environment &environment);
    /** 0: the environment manager, 1: import (asks for the file), 2: export. */
    void openEnvironmentDialog(int which);
    /** Re-reads the workspace after the manager or an import changed it; keeps the current
     *  environment (or @p preferredName when it was renamed or replaced), and its session
     *  when its settings did not change. */
    void reloadEnvironments(const QString &preferredName = {});

signals:
    void environmentChanged();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void updateBadges();
    void addTimelineEvent(const TimelineEvent &event);
    void addHistoryItem(const HistoryEntry &entry, const QDateTime &when, bool front);
    void loadHistory();
    void loadSavedRequests();
    void saveCurrentRequest();
    bool storeCollections(const QList<Workspace::Collection> &collections);
    [[nodiscard]] QList<Workspace::Collection> currentCollections() const;
    void recordHistory(const HistoryEntry &entry);
    void applyPaletteDependentStyles(bool dark);

    MainWindowServices m_services;
    QPointer<EnvironmentSession> m_session;
    QComboBox *m_envCombo;
    QLabel *m_kindLabel;
    QLabel *m_tokenLabel;
    QListWidget *m_historyList;
    QTreeWidget *m_savedTree;
    QTabWidget *m_tabs;
    RequestPane *m_requestPane;
    QWidget *m_suiteQlPage;
    QWidget *m_inspectorPage;
    SuiteQlPane *m_suiteQlPane = nullptr;
    JwtInspectorPanel *m_inspector = nullptr;
    QTreeWidget *m_timelineTree;
    QTimer *m_badgeTimer;
};

} // namespace Sb::App
