// SPDX-License-Identifier: MIT
#pragma once

#include "gui/EnvironmentSession.h"
#include "netsuite/client/FetchAll.h"
#include "netsuite/client/RowSink.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Sb::App {

class Prompter;

/**
 * The SuiteQL console: a query editor, results one page at a time in a table (limit/offset,
 * `Prefer: transient`), and "fetch all" through lib/netsuite's FetchAll: every page (in
 * parallel when the ORDER BY is unique) streamed in order to a JSON Lines or CSV file that
 * appears only when complete (0600), with progress and cancel.
 */
class SuiteQlPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SuiteQlPane)

public:
    SuiteQlPane(Prompter &prompter, QWidget *parent = nullptr);
    ~SuiteQlPane() override;

    void setSession(EnvironmentSession *session);
    void run();
    void fetchAll();
    void cancel();
    [[nodiscard]] bool isFetching() const { return m_fetch != nullptr; }

signals:
    void fetchAllFinished(bool ok, qint64 rows);

private:
    void runPage(int offset);
    void onPage(const CallOutcome &outcome);
    void onFetchFinished(const NetSuite::FetchResult &result);

    Prompter &m_prompter;
    QPointer<EnvironmentSession> m_session;
    QPointer<SessionCall> m_call;
    QPlainTextEdit *m_queryEdit;
    QSpinBox *m_limitSpin;
    QPushButton *m_runButton;
    QPushButton *m_prevButton;
    QPushButton *m_nextButton;
    QPushButton *m_fetchAllButton;
    QPushButton *m_cancelButton;
    QLabel *m_pageLabel;
    QTableWidget *m_resultsTable;
    QProgressBar *m_progress;
    int m_offset = 0;
    bool m_hasMore = false;
    std::unique_ptr<NetSuite::RowOutput> m_fetchOutput;
    std::unique_ptr<NetSuite::RowSink> m_fetchSink;
    QPointer<NetSuite::FetchAll> m_fetch;
    QString m_fetchPath;
    QStringList m_fetchWarnings;
};

} // namespace Sb::App
