// SPDX-License-Identifier: MIT
#include "gui/SuiteQlPane.h"

#include "gui/IconProvider.h"
#include "gui/JsonHighlighter.h"
#include "gui/Prompter.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace Sb::App {

SuiteQlPane::SuiteQlPane(Prompter &prompter, QWidget *parent)
    : QWidget(parent)
    , m_prompter(prompter)
{
    setObjectName(QStringLiteral("suiteQlPane"));
    auto *layout = new QVBoxLayout(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_queryEdit = new QPlainTextEdit(splitter);
    m_queryEdit->setObjectName(QStringLiteral("suiteQlPlainTextEdit"));
    m_queryEdit->setAccessibleName(tr("SuiteQL query"));
    m_queryEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_queryEdit->setTabChangesFocus(true);
    m_queryEdit->setPlainText(
        QStringLiteral("SELECT id, companyname, email FROM customer ORDER BY id"));
    auto *bottom = new QWidget(splitter);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    m_runButton = new QPushButton(themedIcon(QStringLiteral("send")), tr("Run"), bottom);
    m_runButton->setObjectName(QStringLiteral("runQueryButton"));
    m_limitSpin = new QSpinBox(bottom);
    m_limitSpin->setObjectName(QStringLiteral("pageSizeSpinBox"));
    m_limitSpin->setAccessibleName(tr("Rows per page"));
    m_limitSpin->setRange(1, 1000); // NetSuite's SuiteQL page maximum
    m_limitSpin->setValue(100);
    m_prevButton = new QPushButton(tr("◀ Previous"), bottom);
    m_prevButton->setObjectName(QStringLiteral("previousPageButton"));
    m_nextButton = new QPushButton(tr("Next ▶"), bottom);
    m_nextButton->setObjectName(QStringLiteral("nextPageButton"));
    m_pageLabel = new QLabel(bottom);
    m_pageLabel->setObjectName(QStringLiteral("pageLabel"));
    m_pageLabel->setTextFormat(Qt::PlainText);
    m_fetchAllButton
        = new QPushButton(themedIcon(QStringLiteral("save")), tr("Fetch all to file…"), bottom);
    m_fetchAllButton->setObjectName(QStringLiteral("fetchAllButton"));
    m_cancelButton = new QPushButton(themedIcon(QStringLiteral("cancel")), tr("Cancel"), bottom);
    m_cancelButton->setObjectName(QStringLiteral("cancelQueryButton"));
    m_cancelButton->setEnabled(false);
    m_progress = new QProgressBar(bottom);
    m_progress->setObjectName(QStringLiteral("fetchAllProgressBar"));
    m_progress->setVisible(false);
    row->addWidget(m_runButton);
    row->addWidget(new QLabel(tr("Rows per page:"), bottom));
    row->addWidget(m_limitSpin);
    row->addWidget(m_prevButton);
    row->addWidget(m_nextButton);
    row->addWidget(m_pageLabel, 1);
    row->addWidget(m_progress);
    row->addWidget(m_fetchAllButton);
    row->addWidget(m_cancelButton);
    bottomLayout->addLayout(row);
    m_resultsTable = new QTableWidget(bottom);
    m_resultsTable->setObjectName(QStringLiteral("resultsTableWidget"));
    m_resultsTable->setAccessibleName(tr("Query results"));
    m_resultsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_resultsTable->horizontalHeader()->setStretchLastSection(true);
    bottomLayout->addWidget(m_resultsTable, 1);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter);
    m_prevButton->setEnabled(false);
    m_nextButton->setEnabled(false);

    connect(m_runButton, &QPushButton::clicked, this, &SuiteQlPane::run);
    connect(m_prevButton, &QPushButton::clicked, this,
            [this] { runPage(qMax(0, m_offset - m_limitSpin->value())); });
    connect(m_nextButton, &QPushButton::clicked, this,
            [this] { runPage(m_offset + m_limitSpin->value()); });
    connect(m_fetchAllButton, &QPushButton::clicked, this, &SuiteQlPane::fetchAll);
    connect(m_cancelButton, &QPushButton::clicked, this, &SuiteQlPane::cancel);
}

SuiteQlPane::~SuiteQlPane() = default;

void SuiteQlPane::setSession(DemoSession *session)
{
    cancel();
    m_session = session;
}

Http::Request SuiteQlPane::pageRequest(int offset, int limit) const
{
    Http::Request request;
    request.method = Http::Method::Post;
    QUrl url = m_session->environment().target.suiteQlUrl();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    url.setQuery(query);
    request.url = url;
    request.setHeader("Content-Type", "application/json");
    request.setHeader("Accept", "application/json");
    request.setHeader("Prefer", "transient"); // SuiteQL requires it (facts §5)
    request.body = QJsonDocument(QJsonObject{{QStringLiteral("q"), m_queryEdit->toPlainText()}})
                       .toJson(QJsonDocument::Compact);
    request.limits.deadline = std::chrono::minutes{15};
    return request;
}

void SuiteQlPane::run()
{
    runPage(0);
}

void SuiteQlPane::runPage(int offset)
{
    if (!m_session || m_call) {
        return;
    }
    m_offset = offset;
    m_pageLabel->setText(tr("Running…"));
    m_runButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_call = m_session->execute(pageRequest(offset, m_limitSpin->value()),
                                AuthMode::EnvironmentToken, this);
    connect(m_call, &SessionCall::finished, this, &SuiteQlPane::onPage);
    m_call->start();
}

void SuiteQlPane::onPage(const CallOutcome &outcome)
{
    m_call->deleteLater();
    m_call = nullptr;
    m_runButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    if (!outcome.response || !outcome.response->succeeded()) {
        m_pageLabel->setText(outcome.cancelled ? tr("Cancelled")
                                               : tr("Failed: %1").arg(outcome.errorText));
        return;
    }
    const QJsonObject json = QJsonDocument::fromJson(outcome.response->body).object();
    const QJsonArray items = json.value(QLatin1String("items")).toArray();
    QStringList columns;
    for (const QJsonValue &item : items) {
        const QStringList keys = item.toObject().keys();
        for (const QString &key : keys) {
            if (key != QLatin1String("links") && !columns.contains(key)) {
                columns.append(key);
            }
        }
    }
    m_resultsTable->clear();
    m_resultsTable->setColumnCount(int(columns.size()));
    m_resultsTable->setHorizontalHeaderLabels(columns);
    m_resultsTable->setRowCount(int(items.size()));
    for (int r = 0; r < items.size(); ++r) {
        const QJsonObject row = items.at(r).toObject();
        for (int c = 0; c < columns.size(); ++c) {
            const QJsonValue v = row.value(columns.at(c));
            m_resultsTable->setItem(
                r, c,
                new QTableWidgetItem(v.isString()   ? v.toString()
                                     : v.isDouble() ? QString::number(v.toDouble(), 'g', 16)
                                                    : QString()));
        }
    }
    m_hasMore = json.value(QLatin1String("hasMore")).toBool();
    const qint64 total = qint64(json.value(QLatin1String("totalResults")).toDouble());
    m_pageLabel->setText(
        tr("Rows %1–%2 of %3").arg(m_offset + 1).arg(m_offset + items.size()).arg(total));
    m_prevButton->setEnabled(m_offset > 0);
    m_nextButton->setEnabled(m_hasMore);
}

void SuiteQlPane::fetchAll()
{
    if (!m_session || m_call) {
        return;
    }
    const QString path = m_prompter.saveFileName(
        this, tr("Fetch all rows to"), QStringLiteral("suiteql.jsonl"), tr("JSON Lines (*.jsonl)"));
    if (path.isEmpty()) {
        return;
    }
    m_fetchFile = std::make_unique<QFile>(path);
    if (!m_fetchFile->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_pageLabel->setText(tr("Cannot write %1").arg(path));
        m_fetchFile.reset();
        return;
    }
    m_fetchedRows = 0;
    m_fetchOffset = 0;
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_fetchAllButton->setEnabled(false);
    m_runButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_call = m_session->execute(pageRequest(0, 1000), AuthMode::EnvironmentToken, this);
    connect(m_call, &SessionCall::finished, this, &SuiteQlPane::onFetchPage);
    m_call->start();
}

void SuiteQlPane::onFetchPage(const CallOutcome &outcome)
{
    m_call->deleteLater();
    m_call = nullptr;
    auto done = [this](bool ok, const QString &text) {
        m_fetchFile.reset();
        m_progress->setVisible(false);
        m_fetchAllButton->setEnabled(true);
        m_runButton->setEnabled(true);
        m_cancelButton->setEnabled(false);
        m_pageLabel->setText(text);
        emit fetchAllFinished(ok, m_fetchedRows);
    };
    if (!outcome.response || !outcome.response->succeeded()) {
        done(false, outcome.cancelled ? tr("Cancelled after %n row(s)", nullptr, int(m_fetchedRows))
                                      : tr("Failed: %1").arg(outcome.errorText));
        return;
    }
    const QJsonObject json = QJsonDocument::fromJson(outcome.response->body).object();
    const QJsonArray items = json.value(QLatin1String("items")).toArray();
    for (const QJsonValue &item : items) {
        QJsonObject row = item.toObject();
        row.remove(QStringLiteral("links"));
        m_fetchFile->write(QJsonDocument(row).toJson(QJsonDocument::Compact));
        m_fetchFile->write("\n");
    }
    m_fetchedRows += items.size();
    const qint64 total = qint64(json.value(QLatin1String("totalResults")).toDouble());
    if (total > 0) {
        m_progress->setRange(0, int(total));
        m_progress->setValue(int(m_fetchedRows));
    }
    if (!json.value(QLatin1String("hasMore")).toBool() || items.isEmpty()) {
        done(true,
             tr("Wrote %n row(s) to ", nullptr, int(m_fetchedRows)) + m_fetchFile->fileName());
        return;
    }
    m_fetchOffset += int(items.size());
    m_call = m_session->execute(pageRequest(m_fetchOffset, 1000), AuthMode::EnvironmentToken, this);
    connect(m_call, &SessionCall::finished, this, &SuiteQlPane::onFetchPage);
    m_call->start();
}

void SuiteQlPane::cancel()
{
    if (m_call) {
        m_call->cancel();
    }
}

} // namespace Sb::App
