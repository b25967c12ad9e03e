// SPDX-License-Identifier: MIT
#pragma once

#include "gui/DemoSession.h"

#include <QFile>
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
 * `Prefer: transient`), and "fetch all" that streams every page to a JSON Lines file with
 * progress and cancel.
 */
class SuiteQlPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SuiteQlPane)

public:
    SuiteQlPane(Prompter &prompter, QWidget *parent = nullptr);
    ~SuiteQlPane() override;

    void setSession(DemoSession *session);
    void run();
    void fetchAll();
    void cancel();

signals:
    void fetchAllFinished(bool ok, qint64 rows);

private:
    void runPage(int offset);
    void onPage(const CallOutcome &outcome);
    void onFetchPage(const CallOutcome &outcome);
    [[nodiscard]] Http::Request pageRequest(int offset, int limit) const;

    Prompter &m_prompter;
    QPointer<DemoSession> m_session;
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
    std::unique_ptr<QFile> m_fetchFile;
    qint64 m_fetchedRows = 0;
    int m_fetchOffset = 0;
};

} // namespace Sb::App
