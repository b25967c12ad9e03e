// SPDX-License-Identifier: MIT
#include "gui/MainWindow.h"

#include "gui/EnvironmentDialogs.h"
#include "gui/EnvironmentModel.h"
#include "gui/IconProvider.h"
#include "gui/JwtInspectorPanel.h"
#include "gui/Prompter.h"
#include "gui/RequestPane.h"
#include "gui/SetupWizard.h"
#include "gui/SuiteQlPane.h"
#include "gui/ThemeManager.h"
#include "netsuite/DisplayText.h"
#include "workspace/History.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QShortcut>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Sb::App {

namespace {
const QString geometryKey = QStringLiteral("mainWindow/geometry");
const QString stateKey = QStringLiteral("mainWindow/state");
const QString tabKey = QStringLiteral("mainWindow/tab");

void setBadge(QLabel *label, const QString &text, const QString &background,
              const QString &foreground)
{
    label->setText(text);
    label->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border-radius: 4px; "
                                        "padding: 2px 8px; font-weight: 600; }")
                             .arg(background, foreground));
}
} // namespace

MainWindow::MainWindow(MainWindowServices services, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Suitebench"));
    setWindowIcon(themedIcon(QStringLiteral("suitebench")));

    auto *envBar = new QToolBar(tr("Environment"), this);
    envBar->setObjectName(QStringLiteral("environmentToolBar"));
    envBar->setMovable(false);
    addToolBar(Qt::TopToolBarArea, envBar);
    auto *envIcon = new QLabel(envBar);
    envIcon->setPixmap(themedIcon(QStringLiteral("environment")).pixmap(18, 18));
    envBar->addWidget(envIcon);
    m_envCombo = new QComboBox(envBar);
    m_envCombo->setObjectName(QStringLiteral("environmentComboBox"));
    m_envCombo->setAccessibleName(tr("Environment"));
    m_envCombo->setToolTip(tr("Switch environment (Ctrl+E)"));
    m_envCombo->setModel(&m_services.environments);
    m_envCombo->setMinimumContentsLength(28);
    m_envCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    envBar->addWidget(m_envCombo);
    m_kindLabel = new QLabel(envBar);
    m_kindLabel->setObjectName(QStringLiteral("environmentKindLabel"));
    m_kindLabel->setTextFormat(Qt::PlainText);
    m_kindLabel->setAccessibleName(tr("Environment kind"));
    envBar->addWidget(m_kindLabel);
    envBar->addSeparator();
    m_tokenLabel = new QLabel(envBar);
    m_tokenLabel->setObjectName(QStringLiteral("tokenBadgeLabel"));
    m_tokenLabel->setTextFormat(Qt::PlainText);
    m_tokenLabel->setAccessibleName(tr("Access token state"));
    envBar->addWidget(m_tokenLabel);

    m_historyList = new QListWidget(this);
    m_historyList->setObjectName(QStringLiteral("historyListWidget"));
    m_historyList->setAccessibleName(tr("History"));
    m_savedTree = new QTreeWidget(this);
    m_savedTree->setObjectName(QStringLiteral("savedRequestsTreeWidget"));
    m_savedTree->setAccessibleName(tr("Saved requests"));
    m_savedTree->setHeaderHidden(true);
    m_savedTree->setEditTriggers(QAbstractItemView::EditKeyPressed
                                 | QAbstractItemView::SelectedClicked);
    m_savedTree->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *sidebar = new QTabWidget(this);
    sidebar->setObjectName(QStringLiteral("sidebarTabWidget"));
    sidebar->setDocumentMode(true);
    sidebar->addTab(m_savedTree, tr("Saved"));
    sidebar->addTab(m_historyList, tr("History"));
    sidebar->setCurrentWidget(m_historyList);
    auto *dock = new QDockWidget(tr("Requests"), this);
    dock->setObjectName(QStringLiteral("sidebarDockWidget"));
    dock->setWidget(sidebar);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mainTabWidget"));
    m_tabs->setDocumentMode(true);
    m_requestPane = new RequestPane(m_services.prompter, m_tabs);
    // The SuiteQL console and the inspector are built when first shown (start-up time).
    m_suiteQlPage = new QWidget(m_tabs);
    m_suiteQlPage->setObjectName(QStringLiteral("suiteQlPage"));
    new QVBoxLayout(m_suiteQlPage);
    m_suiteQlPage->layout()->setContentsMargins(0, 0, 0, 0);
    m_inspectorPage = new QWidget(m_tabs);
    m_inspectorPage->setObjectName(QStringLiteral("inspectorPage"));
    new QVBoxLayout(m_inspectorPage);
    m_inspectorPage->layout()->setContentsMargins(0, 0, 0, 0);
    m_timelineTree = new QTreeWidget(m_tabs);
    m_timelineTree->setObjectName(QStringLiteral("timelineTreeWidget"));
    m_timelineTree->setAccessibleName(tr("Timeline of what the engine did"));
    m_timelineTree->setHeaderLabels({tr("Time"), tr("Step"), tr("What happened")});
    m_timelineTree->setRootIsDecorated(false);
    m_timelineTree->header()->setStretchLastSection(true);
    m_tabs->addTab(m_requestPane, themedIcon(QStringLiteral("request")), tr("Request"));
    m_tabs->addTab(m_suiteQlPage, themedIcon(QStringLiteral("suiteql")), tr("SuiteQL"));
    m_tabs->addTab(m_inspectorPage, themedIcon(QStringLiteral("inspector")), tr("JWT inspector"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_suiteQlPage) {
            suiteQl();
        } else if (m_tabs->currentWidget() == m_inspectorPage) {
            inspector();
        }
    });
    m_tabs->addTab(m_timelineTree, themedIcon(QStringLiteral("timeline")), tr("Timeline"));
    setCentralWidget(m_tabs);

    buildActions();
    statusBar()->showMessage(tr("Ready"));

    m_badgeTimer = new QTimer(this);
    m_badgeTimer->setInterval(1000);
    connect(m_badgeTimer, &QTimer::timeout, this, &MainWindow::updateBadges);
    m_badgeTimer->start();

    connect(m_envCombo, &QComboBox::currentIndexChanged, this, &MainWindow::selectEnvironment);
    connect(m_requestPane, &RequestPane::requestFinished, this, &MainWindow::recordHistory);
    connect(m_historyList, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        HistoryEntry entry;
        entry.method = item->data(Qt::UserRole).toString();
        entry.url = item->data(Qt::UserRole + 1).toString();
        entry.body = item->data(Qt::UserRole + 2).toString();
        m_requestPane->load(entry);
        m_tabs->setCurrentWidget(m_requestPane);
    });
    connect(m_savedTree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QTreeWidgetItem *collection = item->parent();
        if (!collection) {
            return;
        }
        const QList<Workspace::Collection> collections = currentCollections();
        const int c = m_savedTree->indexOfTopLevelItem(const_cast<QTreeWidgetItem *>(collection));
        const int r = collection->indexOfChild(item);
        if (c >= 0 && c < collections.size() && r >= 0 && r < collections.at(c).requests.size()) {
            m_requestPane->load(collections.at(c).requests.at(r));
            m_tabs->setCurrentWidget(m_requestPane);
        }
    });
    connect(m_savedTree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item) {
        QTreeWidgetItem *collection = item->parent();
        if (!collection) {
            return;
        }
        QList<Workspace::Collection> collections = currentCollections();
        const int c = m_savedTree->indexOfTopLevelItem(collection);
        const int r = collection->indexOfChild(item);
        const QString name = item->text(0).trimmed();
        if (c < 0 || c >= collections.size() || r < 0 || r >= collections.at(c).requests.size()
            || name.isEmpty() || collections.at(c).requests.at(r).name == name) {
            return;
        }
        collections[c].requests[r].name = name;
        storeCollections(collections);
    });
    connect(&m_services.theme, &ThemeManager::paletteChanged, this,
            &MainWindow::applyPaletteDependentStyles);
    applyPaletteDependentStyles(m_services.theme.isDark());

    resize(1280, 820);
    restoreGeometry(m_services.settings.value(geometryKey).toByteArray());
    restoreState(m_services.settings.value(stateKey).toByteArray());
    m_tabs->setCurrentIndex(m_services.settings.value(tabKey, 0).toInt());
    if (m_services.environments.count() > 0) {
        selectEnvironment(0);
    } else {
        updateBadges();
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    auto *newAction = fileMenu->addAction(themedIcon(QStringLiteral("new")), tr("&New request"));
    newAction->setObjectName(QStringLiteral("newRequestAction"));
    newAction->setShortcut(QKeySequence::New);
    connect(newAction, &QAction::triggered, this, [this] {
        m_requestPane->newRequest();
        m_tabs->setCurrentWidget(m_requestPane);
        m_requestPane->focusUrl();
    });
    auto *openBodyAction
        = fileMenu->addAction(themedIcon(QStringLiteral("folder")), tr("&Open a response file…"));
    openBodyAction->setObjectName(QStringLiteral("openBodyFileAction"));
    openBodyAction->setShortcut(QKeySequence::Open);
    connect(openBodyAction, &QAction::triggered, this, [this] {
        const QString path = m_services.prompter.openFileName(
            this, tr("Open a response file"), tr("JSON (*.json *.jsonl);;All files (*)"));
        if (path.isEmpty()) {
            return;
        }
        QString error;
        m_tabs->setCurrentWidget(m_requestPane);
        if (!m_requestPane->openBodyFile(path, &error)) {
            m_services.prompter.inform(this, tr("Cannot open the file"),
                                       tr("%1: %2").arg(path, error));
        }
    });
    auto *saveAction = fileMenu->addAction(themedIcon(QStringLiteral("save")), tr("&Save request"));
    saveAction->setObjectName(QStringLiteral("saveRequestAction"));
    saveAction->setShortcut(QKeySequence::Save);
    connect(saveAction, &QAction::triggered, this, &MainWindow::saveCurrentRequest);
    auto *renameSaved = new QAction(tr("Rename"), m_savedTree);
    renameSaved->setObjectName(QStringLiteral("renameSavedRequestAction"));
    connect(renameSaved, &QAction::triggered, this, [this] {
        if (QTreeWidgetItem *item = m_savedTree->currentItem(); item && item->parent()) {
            m_savedTree->editItem(item, 0);
        }
    });
    auto *deleteSaved = new QAction(tr("Delete"), m_savedTree);
    deleteSaved->setObjectName(QStringLiteral("deleteSavedRequestAction"));
    deleteSaved->setShortcut(QKeySequence::Delete);
    deleteSaved->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteSaved, &QAction::triggered, this, [this] {
        QTreeWidgetItem *item = m_savedTree->currentItem();
        if (!item || !item->parent()) {
            return;
        }
        QList<Workspace::Collection> collections = currentCollections();
        const int c = m_savedTree->indexOfTopLevelItem(item->parent());
        const int r = item->parent()->indexOfChild(item);
        if (c >= 0 && c < collections.size() && r >= 0 && r < collections.at(c).requests.size()) {
            collections[c].requests.removeAt(r);
            if (collections.at(c).requests.isEmpty()) {
                collections.removeAt(c);
            }
            if (storeCollections(collections)) {
                loadSavedRequests();
            }
        }
    });
    m_savedTree->addAction(renameSaved);
    m_savedTree->addAction(deleteSaved);
    auto *manageAction = fileMenu->addAction(themedIcon(QStringLiteral("environment")),
                                             tr("&Manage environments…"));
    manageAction->setObjectName(QStringLiteral("manageEnvironmentsAction"));
    connect(manageAction, &QAction::triggered, this, [this] { openEnvironmentDialog(0); });
    auto *importAction = fileMenu->addAction(tr("&Import environment…"));
    importAction->setObjectName(QStringLiteral("importEnvironmentAction"));
    connect(importAction, &QAction::triggered, this, [this] { openEnvironmentDialog(1); });
    auto *exportAction = fileMenu->addAction(tr("&Export environment…"));
    exportAction->setObjectName(QStringLiteral("exportEnvironmentAction"));
    connect(exportAction, &QAction::triggered, this, [this] { openEnvironmentDialog(2); });
    fileMenu->addSeparator();
    auto *wizardAction
        = fileMenu->addAction(themedIcon(QStringLiteral("wizard")), tr("&Set up an environment…"));
    wizardAction->setObjectName(QStringLiteral("setupWizardAction"));
    connect(wizardAction, &QAction::triggered, this, &MainWindow::openSetupWizard);
    fileMenu->addSeparator();
    auto *quitAction = fileMenu->addAction(tr("&Quit"));
    quitAction->setShortcut(QKeySequence::Quit);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    auto *requestMenu = menuBar()->addMenu(tr("&Request"));
    auto *sendAction = requestMenu->addAction(themedIcon(QStringLiteral("send")), tr("&Send"));
    sendAction->setObjectName(QStringLiteral("sendAction"));
    sendAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    sendAction->setShortcutContext(Qt::WindowShortcut);
    connect(sendAction, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_requestPane);
        m_requestPane->send();
    });
    auto *cancelAction
        = requestMenu->addAction(themedIcon(QStringLiteral("cancel")), tr("&Cancel"));
    cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(cancelAction, &QAction::triggered, m_requestPane, &RequestPane::cancel);
    auto *focusUrlAction = requestMenu->addAction(tr("Focus &URL"));
    focusUrlAction->setObjectName(QStringLiteral("focusUrlAction"));
    focusUrlAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(focusUrlAction, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_requestPane);
        m_requestPane->focusUrl();
    });
    auto *switchAction = requestMenu->addAction(themedIcon(QStringLiteral("environment")),
                                                tr("Switch &environment"));
    switchAction->setObjectName(QStringLiteral("switchEnvironmentAction"));
    switchAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(switchAction, &QAction::triggered, this, [this] {
        m_envCombo->setFocus(Qt::ShortcutFocusReason);
        m_envCombo->showPopup();
    });
    auto *tokenAction
        = requestMenu->addAction(themedIcon(QStringLiteral("token")), tr("Get a new &token"));
    tokenAction->setObjectName(QStringLiteral("fetchTokenAction"));
    connect(tokenAction, &QAction::triggered, this, [this] {
        if (m_session) {
            auto *call = m_session->fetchToken();
            connect(call, &SessionCall::finished, this, [this](const CallOutcome &outcome) {
                if (!outcome.ok && !outcome.cancelled) {
                    statusBar()->showMessage(tr("No token: %1").arg(outcome.errorText), 15000);
                }
            });
            connect(call, &SessionCall::finished, call, &QObject::deleteLater);
            call->start();
        }
    });

    auto *viewMenu = menuBar()->addMenu(tr("&View"));
    auto *inspectorAction
        = viewMenu->addAction(themedIcon(QStringLiteral("inspector")), tr("JWT &inspector"));
    inspectorAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(inspectorAction, &QAction::triggered, this, &MainWindow::showInspector);
    auto *themeMenu = viewMenu->addMenu(tr("&Appearance"));
    auto *group = new QActionGroup(this);
    const QList<QPair<Theme, QString>> themes{
        {Theme::System, tr("&System")}, {Theme::Light, tr("&Light")}, {Theme::Dark, tr("&Dark")}};
    for (const auto &[theme, label] : themes) {
        QAction *action = themeMenu->addAction(label);
        action->setObjectName(ThemeManager::themeName(theme) + QStringLiteral("ThemeAction"));
        action->setCheckable(true);
        action->setChecked(m_services.theme.theme() == theme);
        group->addAction(action);
        const Theme chosen = theme;
        connect(action, &QAction::triggered, this,
                [this, chosen] { m_services.theme.setTheme(chosen); });
    }

    auto *toolbar = addToolBar(tr("Actions"));
    toolbar->setObjectName(QStringLiteral("actionsToolBar"));
    toolbar->addAction(newAction);
    toolbar->addAction(sendAction);
    toolbar->addAction(tokenAction);
    toolbar->addAction(wizardAction);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
}

void MainWindow::selectEnvironment(int row)
{
    const Environment *env = m_services.environments.at(row);
    if (m_envCombo->currentIndex() != row) {
        m_envCombo->setCurrentIndex(row);
        return; // currentIndexChanged calls back
    }
    if (m_session) {
        m_session->deleteLater();
    }
    m_session = nullptr;
    if (env) {
        m_session = new EnvironmentSession(*env, m_services.network, m_services.clock, this);
        const QString id = env->id;
        m_session->setSecretLoader([this, id](Environment &environment, QString *error) {
            // The key is read from the secret store on first use, never while listing.
            const int at = m_services.environments.rowOf(id);
            if (at < 0 || !m_services.environments.loadSecrets(at, error)) {
                return false;
            }
            environment = *m_services.environments.at(at);
            return true;
        });
        m_session->setConfirmWrite([this](const NetSuite::WriteConfirmation &question,
                                          const std::function<void(bool)> &reply) {
            reply(m_services.prompter.confirm(
                this, tr("Write to production"),
                tr("%1\n\nThis changes data in the PRODUCTION account.\n\n%2 %3")
                    .arg(question.message, QString::fromLatin1(Http::methodName(question.method)),
                         question.url.toDisplayString()),
                tr("Send to %1").arg(question.accountText)));
        });
        connect(m_session, &EnvironmentSession::tokenChanged, this, [this] {
            updateBadges();
            if (m_session && m_inspector) {
                m_inspector->setContext(m_session->inspectionContext(),
                                        m_session->environment().name);
            }
        });
        connect(m_session, &EnvironmentSession::event, this, &MainWindow::addTimelineEvent);
        if (m_inspector) {
            m_inspector->setContext(m_session->inspectionContext(), env->name);
        }
        const KindColors colors = kindColors(env->kind());
        setBadge(m_kindLabel,
                 env->kindText().toUpper() + QStringLiteral(" · ") + env->accountText(),
                 colors.background, colors.foreground);
        m_kindLabel->setToolTip(env->kind().isProduction()
                                    ? tr("A production account: writes ask for confirmation")
                                    : env->kindText());
        setWindowTitle(tr("Suitebench — %1").arg(env->name));
    } else {
        setBadge(m_kindLabel, tr("NO ENVIRONMENT"), QStringLiteral("#6e7781"),
                 QStringLiteral("#ffffff"));
        if (m_inspector) {
            m_inspector->setContext({}, QString());
        }
    }
    m_requestPane->setSession(m_session);
    if (m_suiteQlPane) {
        m_suiteQlPane->setSession(m_session);
    }
    loadHistory();
    loadSavedRequests();
    updateBadges();
    emit environmentChanged();
}

void MainWindow::updateBadges()
{
    if (!m_session) {
        setBadge(m_tokenLabel, tr("Token: none"), QStringLiteral("#6e7781"),
                 QStringLiteral("#ffffff"));
        return;
    }
    switch (m_session->tokenState()) {
    case TokenState::None:
        setBadge(m_tokenLabel, tr("Token: none yet"), QStringLiteral("#6e7781"),
                 QStringLiteral("#ffffff"));
        break;
    case TokenState::Valid: {
        const qint64 left = m_session->tokenExpiresAt() - m_services.clock.nowSeconds();
        setBadge(m_tokenLabel, tr("Token: valid, expires in %1").arg(NetSuite::humanDuration(left)),
                 QStringLiteral("#1a7f37"), QStringLiteral("#ffffff"));
        break;
    }
    case TokenState::Expired:
        setBadge(m_tokenLabel, tr("Token: expired"), QStringLiteral("#9a6700"),
                 QStringLiteral("#ffffff"));
        break;
    case TokenState::Failing:
        setBadge(m_tokenLabel, tr("Token: failing"), QStringLiteral("#cf222e"),
                 QStringLiteral("#ffffff"));
        break;
    }
}

void MainWindow::addTimelineEvent(const TimelineEvent &event)
{
    auto *item = new QTreeWidgetItem(m_timelineTree);
    item->setText(0, event.at.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")));
    item->setText(1, timelineKindName(event.kind));
    item->setText(2, event.text);
    item->setIcon(1, themedIcon(event.ok ? QStringLiteral("ok") : QStringLiteral("error")));
    m_timelineTree->scrollToItem(item);
    statusBar()->showMessage(event.text, 8000);
}

void MainWindow::addHistoryItem(const HistoryEntry &entry, const QDateTime &when, bool front)
{
    const QString shown = entry.sentUrl.isEmpty() ? entry.url : entry.sentUrl.toDisplayString();
    const QString outcome = entry.status > 0        ? QString::number(entry.status)
                            : entry.error.isEmpty() ? tr("no answer")
                                                    : entry.error;
    auto *item = new QListWidgetItem(
        QStringLiteral("%1  %2\n%3 · %4 · %5 ms")
            .arg(entry.method, shown, when.toLocalTime().toString(QStringLiteral("HH:mm:ss")),
                 outcome)
            .arg(entry.elapsedMs));
    item->setData(Qt::UserRole, entry.method);
    item->setData(Qt::UserRole + 1, entry.url);
    item->setData(Qt::UserRole + 2, entry.body);
    item->setToolTip(Qt::convertFromPlainText(shown)); // a URL is untrusted text
    if (front) {
        m_historyList->insertItem(0, item);
    } else {
        m_historyList->addItem(item);
    }
}

void MainWindow::recordHistory(const HistoryEntry &entry)
{
    const QDateTime now = m_services.clock.now().toUTC();
    addHistoryItem(entry, now, true);
    if (!m_services.history || !m_session) {
        return;
    }
    Workspace::HistoryRecord record;
    record.time = now;
    record.environmentId = m_session->environment().id;
    record.method = entry.method;
    record.url = (entry.sentUrl.isEmpty() ? QUrl(entry.url) : entry.sentUrl).toString();
    record.status = entry.status;
    record.error = entry.error;
    record.totalMs = entry.elapsedMs;
    // History::append redacts URLs, headers and any stored body before writing (0600).
    if (auto appended = m_services.history->append(record, m_session->environment().stored.history);
        !appended) {
        statusBar()->showMessage(tr("History not saved: %1").arg(appended.error().message), 8000);
    }
}

void MainWindow::loadHistory()
{
    m_historyList->clear();
    if (!m_services.history || !m_session) {
        return;
    }
    auto read = m_services.history->read();
    if (!read) {
        statusBar()->showMessage(tr("History unreadable: %1").arg(read.error().message), 8000);
        return;
    }
    const QString id = m_session->environment().id;
    int shown = 0;
    for (auto it = read->records.crbegin(); it != read->records.crend() && shown < 500; ++it) {
        if (it->environmentId != id) {
            continue;
        }
        HistoryEntry entry;
        entry.method = it->method;
        entry.url = it->url; // expanded and redacted: sent as it reads
        entry.sentUrl = QUrl(it->url);
        entry.status = it->status;
        entry.error = it->error;
        entry.elapsedMs = it->totalMs;
        addHistoryItem(entry, it->time, false);
        ++shown;
    }
}

QList<Workspace::Collection> MainWindow::currentCollections() const
{
    if (!m_session) {
        return {};
    }
    const Environment *env = m_services.environments.byId(m_session->environment().id);
    return env ? env->stored.collections : QList<Workspace::Collection>();
}

bool MainWindow::storeCollections(const QList<Workspace::Collection> &collections)
{
    const int row = m_session ? m_services.environments.rowOf(m_session->environment().id) : -1;
    if (row < 0) {
        statusBar()->showMessage(tr("Choose an environment first"), 8000);
        return false;
    }
    Workspace::Environment stored = m_services.environments.at(row)->stored;
    stored.collections = collections;
    QString error;
    if (!m_services.environments.updateStored(row, stored, &error)) {
        statusBar()->showMessage(tr("Not saved: %1").arg(error), 10000);
        return false;
    }
    return true;
}

void MainWindow::loadSavedRequests()
{
    const QSignalBlocker blocker(m_savedTree);
    m_savedTree->clear();
    for (const Workspace::Collection &collection : currentCollections()) {
        auto *top = new QTreeWidgetItem(m_savedTree, {collection.name});
        top->setFlags(Qt::ItemIsEnabled);
        for (const Workspace::SavedRequest &request : collection.requests) {
            auto *item = new QTreeWidgetItem(top, {request.name});
            item->setToolTip(
                0, Qt::convertFromPlainText(request.method + QLatin1Char(' ') + request.url));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable);
        }
        top->setExpanded(true);
    }
}

void MainWindow::saveCurrentRequest()
{
    QList<Workspace::Collection> collections = currentCollections();
    const QString collectionName = tr("Saved");
    qsizetype c = 0;
    while (c < collections.size() && collections.at(c).name != collectionName) {
        ++c;
    }
    if (c == collections.size()) {
        collections.append(Workspace::Collection{collectionName, {}});
    }
    // "GET customer", then "GET customer (2)": rename in place with F2.
    Workspace::SavedRequest request = m_requestPane->toSavedRequest(QString());
    const QString path = request.url.section(u'?', 0, 0).section(u'/', -1);
    const QString base = request.method + QLatin1Char(' ') + (path.isEmpty() ? request.url : path);
    QString name = base;
    for (int n = 2;; ++n) {
        const auto &existing = collections.at(c).requests;
        if (std::none_of(existing.cbegin(), existing.cend(),
                         [&name](const Workspace::SavedRequest &r) { return r.name == name; })) {
            break;
        }
        name = QStringLiteral("%1 (%2)").arg(base).arg(n);
    }
    request.name = name;
    collections[c].requests.append(request);
    if (storeCollections(collections)) {
        loadSavedRequests();
        statusBar()->showMessage(tr("Saved “%1” (F2 renames it)").arg(name), 8000);
    }
}

JwtInspectorPanel *MainWindow::inspector()
{
    if (m_inspector) {
        return m_inspector;
    }
    m_inspector = new JwtInspectorPanel(m_services.clock, m_inspectorPage);
    m_inspectorPage->layout()->addWidget(m_inspector);
    connect(m_inspector, &JwtInspectorPanel::openAssertionRequested, this, [this] {
        if (m_session) {
            QString error;
            const QByteArray assertion = m_session->mintAssertionForInspection(&error);
            if (assertion.isEmpty()) {
                statusBar()->showMessage(error, 10000);
            } else {
                m_inspector->showToken(assertion);
            }
        }
    });
    connect(m_inspector, &JwtInspectorPanel::openAccessTokenRequested, this, [this] {
        if (m_session) {
            m_inspector->showToken(m_session->lastAccessToken());
        }
    });
    m_inspector->setDark(m_services.theme.isDark());
    if (m_session) {
        m_inspector->setContext(m_session->inspectionContext(), m_session->environment().name);
    }
    return m_inspector;
}

SuiteQlPane *MainWindow::suiteQl()
{
    if (!m_suiteQlPane) {
        m_suiteQlPane = new SuiteQlPane(m_services.prompter, m_suiteQlPage);
        m_suiteQlPage->layout()->addWidget(m_suiteQlPane);
        if (m_suiteQlPane) {
            m_suiteQlPane->setSession(m_session);
        }
    }
    return m_suiteQlPane;
}

void MainWindow::applyPaletteDependentStyles(bool dark)
{
    if (m_inspector) {
        m_inspector->setDark(dark);
    }
    m_requestPane->setDark(dark);
    update();
}

void MainWindow::showInspector()
{
    m_tabs->setCurrentWidget(m_inspectorPage);
}

void MainWindow::openSetupWizard()
{
    auto *wizard = new SetupWizard(SetupWizardServices{m_services.network, m_services.clock,
                                                       m_services.prompter, m_services.emulator},
                                   this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &SetupWizard::environmentCreated, this,
            [this](const Environment &env) { addEnvironment(env); });
    connect(wizard, &SetupWizard::inspectRequested, this, [this](const QByteArray &token) {
        inspector()->showToken(token);
        showInspector();
    });
    wizard->open();
}

bool MainWindow::addEnvironment(const Environment &environment)
{
    const int existing = m_services.environments.rowOfName(environment.name);
    if (existing >= 0
        && !m_services.prompter.confirm(
            this, tr("Replace environment"),
            tr("An environment named “%1” exists. Replace it (and its stored key)?")
                .arg(environment.name),
            tr("Replace"))) {
        statusBar()->showMessage(tr("Not saved: “%1” exists").arg(environment.name), 10000);
        return false;
    }
    QString error;
    Environment toSave = environment;
    if (existing >= 0) {
        // Replacing keeps what the wizard does not set: saved requests, history settings and
        // the environment's own variables.
        const Environment &old = *m_services.environments.at(existing);
        toSave.id = old.id;
        toSave.stored = old.stored;
        for (auto it = old.variables.cbegin(); it != old.variables.cend(); ++it) {
            if (!toSave.variables.contains(it.key())) {
                toSave.variables.insert(it.key(), it.value());
            }
        }
    }
    const int row = m_services.environments.save(std::move(toSave), existing >= 0, &error);
    if (row < 0) {
        // Nothing is lost: the wizard's key stays in memory in the session's environment.
        m_services.prompter.confirm(this, tr("Environment not saved"),
                                    tr("“%1” could not be saved: %2").arg(environment.name, error),
                                    tr("OK"));
        return false;
    }
    selectEnvironment(row);
    statusBar()->showMessage(tr("Saved “%1”; its private key is in the %2")
                                 .arg(environment.name, m_services.secretStoreName),
                             10000);
    return true;
}

void MainWindow::openEnvironmentDialog(int which)
{
    Workspace::Environments *library = m_services.environments.backend();
    if (!library) {
        statusBar()->showMessage(tr("No workspace: environments live in memory only"), 8000);
        return;
    }
    QDialog *dialog = nullptr;
    const QString current = m_session ? m_session->environment().name : QString();
    if (which == 0) {
        auto *manager = new EnvironmentManagerDialog(*library, m_services.prompter, this);
        connect(manager, &EnvironmentManagerDialog::environmentsChanged, this,
                [this, manager] { reloadEnvironments(manager->currentName()); });
        if (!current.isEmpty()) {
            manager->selectEnvironment(current);
        }
        dialog = manager;
    } else if (which == 1) {
        auto *import = new ImportDialog(*library, m_services.prompter, this);
        connect(import, &ImportDialog::environmentsChanged, this,
                [this, import] { reloadEnvironments(import->importedName()); });
        dialog = import;
    } else {
        dialog = new ExportDialog(*library, m_services.prompter, current, this);
    }
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    if (auto *import = qobject_cast<ImportDialog *>(dialog)) {
        import->chooseFile();
    }
}

void MainWindow::reloadEnvironments(const QString &preferredName)
{
    const QString currentId = m_session ? m_session->environment().id : QString();
    // What the client depends on (saved requests do not count).
    auto clientPart = [](Workspace::Environment stored) {
        stored.collections.clear();
        return stored;
    };
    const Workspace::Environment before
        = m_session ? clientPart(m_session->environment().stored) : Workspace::Environment();
    QString error;
    {
        const QSignalBlocker blocker(m_envCombo); // the model reset must not switch by itself
        if (!m_services.environments.reload(&error)) {
            statusBar()->showMessage(tr("Some environments could not be read: %1").arg(error),
                                     15000);
        }
    }
    int row = m_services.environments.rowOf(currentId);
    if (row < 0 && !preferredName.isEmpty()) {
        row = m_services.environments.rowOfName(preferredName); // renamed or replaced
    }
    if (row < 0 && m_services.environments.count() > 0) {
        row = 0;
    }
    const Environment *target = m_services.environments.at(row);
    const bool unchanged
        = m_session && target && target->id == currentId && clientPart(target->stored) == before;
    {
        const QSignalBlocker blocker(m_envCombo);
        m_envCombo->setCurrentIndex(row);
    }
    if (unchanged) {
        // Same environment, same settings: keep the session, its token and running requests.
        loadSavedRequests();
        return;
    }
    selectEnvironment(row); // a fresh session: edited settings apply at once
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_suiteQlPane && m_suiteQlPane->isFetching()
        && !m_services.prompter.confirm(
            this, tr("Quit while fetching"),
            tr("“Fetch all” is still writing its file. Quit anyway? The file is not written."),
            tr("Quit"))) {
        event->ignore();
        return;
    }
    m_services.settings.setValue(geometryKey, saveGeometry());
    m_services.settings.setValue(stateKey, saveState());
    m_services.settings.setValue(tabKey, m_tabs->currentIndex());
    QMainWindow::closeEvent(event);
}

} // namespace Sb::App
