// SPDX-License-Identifier: MIT
#pragma once

#include "gui/EnvironmentSession.h"
#include "workspace/Environment.h"

#include <QPointer>
#include <QUrl>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTimer;
class QTreeView;

namespace Sb::App {

class JsonHighlighter;
class JsonIndexModel;
class Prompter;
class RawBodyView;
class VariableLineEdit;

/** What the history sidebar keeps about one sent request (no secrets: no headers, no body). */
struct HistoryEntry
{
    QString method;
    QString url;  ///< as typed, with {{variables}} unexpanded
    QString body; ///< the request body as typed (variables unexpanded)
    QUrl sentUrl; ///< the account URL it went to (expanded; history redacts it)
    int status = 0;
    qint64 elapsedMs = 0;
    QString error; ///< no answer: why (one line, no secrets)
};

/**
 * The request pane: method, URL with {{variables}} previewed, query parameters, headers,
 * body (JSON highlighted and validated), auth (the environment's M2M token, a manual bearer,
 * or none); send (Ctrl+Enter) and cancel. The response: status, time and size, a pretty and a
 * raw view (virtualised, built off the GUI thread), a tree, headers, a timeline of what the
 * engine did (token, send, 429 waits with a countdown, retries), search, and copy as cURL
 * (redacted unless asked). Writes to a production account need the Prompter's confirmation.
 */
class RequestPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestPane)

public:
    RequestPane(Prompter &prompter, QWidget *parent = nullptr);
    ~RequestPane() override;

    void setSession(EnvironmentSession *session);
    void newRequest();
    void load(const HistoryEntry &entry);
    /** Fills the editor from a saved request (method, URL template, headers, body). */
    void load(const Workspace::SavedRequest &request);
    /** The editor as a saved request ({{variables}} kept), named @p name. */
    [[nodiscard]] Workspace::SavedRequest toSavedRequest(const QString &name) const;
    void focusUrl();
    /** Shows a JSON (or any text) file in the response views, as a response would be
     *  (up to 1 GiB; the views stay responsive). False with @p error. */
    bool openBodyFile(const QString &path, QString *error);
    void send();
    void cancel();
    [[nodiscard]] bool isBusy() const { return m_call != nullptr; }
    void setDark(bool dark);
    [[nodiscard]] RawBodyView *rawView() const { return m_rawView; }

signals:
    void requestFinished(const Sb::App::HistoryEntry &entry);
    void assertionAvailable();

private:
    void updatePreview();
    void validateBody();
    void onFinished(const CallOutcome &outcome);
    void showResponse(const Http::ResponseRecord &record);
    void showBody(const QByteArray &body);
    void copyCurl();
    void search();
    [[nodiscard]] std::optional<NetSuite::RestRequest> buildRequest(QString *error) const;

    Prompter &m_prompter;
    QPointer<EnvironmentSession> m_session;
    QPointer<SessionCall> m_call;
    CallOutcome m_last;

    QComboBox *m_methodCombo;
    VariableLineEdit *m_urlEdit;
    QLabel *m_urlPreviewLabel;
    QPushButton *m_sendButton;
    QPushButton *m_cancelButton;
    QTabWidget *m_requestTabs;
    QTableWidget *m_paramsTable;
    QPlainTextEdit *m_headersEdit;
    QPlainTextEdit *m_bodyEdit;
    QLabel *m_bodyStatusLabel;
    QComboBox *m_authCombo;
    QLineEdit *m_bearerEdit;
    JsonHighlighter *m_bodyHighlighter;

    QLabel *m_statusLabel;
    QLabel *m_timeLabel;
    QLabel *m_sizeLabel;
    QLabel *m_idempotencyLabel;
    QLabel *m_waitLabel;
    QProgressBar *m_progress;
    QLineEdit *m_searchEdit;
    QPushButton *m_copyCurlButton;
    QCheckBox *m_revealCheck;
    QTabWidget *m_responseTabs;
    RawBodyView *m_prettyView;
    RawBodyView *m_rawView;
    QTreeView *m_tree;
    JsonIndexModel *m_treeModel;
    QPlainTextEdit *m_headersView;
    QListWidget *m_timelineList;
    QPlainTextEdit *m_diagnosisView;
    QTimer *m_countdown;
    qint64 m_waitUntilMs = 0;
};

} // namespace Sb::App
