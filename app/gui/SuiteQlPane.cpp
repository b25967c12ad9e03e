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

SuiteQlPane::~SuiteQlPane()
{
    delete m_fetch.data(); // before the sink and the output it writes to
}

void SuiteQlPane::setSession(EnvironmentSession *session)
{
    if (m_call) {
        m_call->disconnect(this); // it belongs to the old session and ends with it
        m_call->cancel();
        m_call = nullptr;
        m_runButton->setEnabled(true);
        m_cancelButton->setEnabled(false);
        m_pageLabel->setText(tr("Cancelled: the environment changed"));
    }
    if (m_fetch) {
        // FetchAll runs on the old session's client: stop it now, while that client lives.
        m_fetch->disconnect(this);
        delete m_fetch.data();
        m_fetch = nullptr;
        if (m_fetchSink) {
            m_fetchSink->abort(); // no partial file is left behind
        }
        m_fetchSink.reset();
        m_fetchOutput.reset();
        m_progress->setVisible(false);
        m_fetchAllButton->setEnabled(true);
        m_runButton->setEnabled(true);
        m_cancelButton->setEnabled(false);
        m_pageLabel->setText(tr("Fetch cancelled: the environment changed; no file written"));
        emit fetchAllFinished(false, 0);
    }
    m_session = session;
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
    QString error;
    NetSuite::NetSuiteClient *client = m_session->client(&error);
    if (!client) {
        m_pageLabel->setText(tr("Failed: %1").arg(error));
        m_runButton->setEnabled(true);
        m_cancelButton->setEnabled(false);
        return;
    }
    m_call = m_session->execute(
        client->suiteQlRequest(m_queryEdit->toPlainText(), m_limitSpin->value(), offset));
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
    if (!m_session || m_call || m_fetch) {
        return;
    }
    QString error;
    NetSuite::NetSuiteClient *client = m_session->client(&error);
    if (!client) {
        m_pageLabel->setText(tr("Failed: %1").arg(error));
        return;
    }
    const QString path
        = m_prompter.saveFileName(this, tr("Fetch all rows to"), QStringLiteral("suiteql.jsonl"),
                                  tr("JSON Lines (*.jsonl);;CSV (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    auto output = NetSuite::RowOutput::openFile(path);
    if (!output) {
        m_pageLabel->setText(tr("Cannot write %1: %2").arg(path, output.error().message));
        return;
    }
    m_fetchOutput = std::move(*output);
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
        m_fetchSink = std::make_unique<NetSuite::CsvSink>(*m_fetchOutput);
    } else {
        m_fetchSink = std::make_unique<NetSuite::JsonLinesSink>(*m_fetchOutput);
    }
    m_fetchPath = path;
    NetSuite::FetchOptions options;
    options.all = true;
    m_fetch = new NetSuite::FetchAll(*client,
                                     NetSuite::FetchSource::suiteQl(m_queryEdit->toPlainText()),
                                     *m_fetchSink, options, this);
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_fetchAllButton->setEnabled(false);
    m_runButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_pageLabel->setText(tr("Fetching…"));
    m_fetchWarnings.clear();
    m_pageLabel->setToolTip(QString());
    connect(m_fetch, &NetSuite::FetchAll::progress, this,
            [this](qint64 rows, qint64 expectedRows, int pagesDone, int expectedPages) {
                if (expectedRows > 0) {
                    m_progress->setRange(0, 1000);
                    m_progress->setValue(int(1000 * rows / expectedRows));
                }
                m_pageLabel->setText(expectedPages > 0
                                         ? tr("%1 of %2 rows (page %3 of %4)")
                                               .arg(rows)
                                               .arg(expectedRows)
                                               .arg(pagesDone)
                                               .arg(expectedPages)
                                         : tr("%1 rows (page %2)").arg(rows).arg(pagesDone));
            });
    connect(m_fetch, &NetSuite::FetchAll::warning, this, [this](const QString &text) {
        m_fetchWarnings << text; // column names come from the server: shown as plain text
        m_pageLabel->setToolTip(Qt::convertFromPlainText(m_fetchWarnings.join(u'\n')));
    });
    connect(m_fetch, &NetSuite::FetchAll::finished, this, &SuiteQlPane::onFetchFinished);
    m_fetch->start();
}

void SuiteQlPane::onFetchFinished(const NetSuite::FetchResult &result)
{
    if (m_fetch) {
        m_fetch->deleteLater();
        m_fetch = nullptr;
    }
    m_progress->setVisible(false);
    m_fetchAllButton->setEnabled(true);
    m_runButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    const bool ok = result.status == NetSuite::FetchResult::Status::Ok;
    QString text;
    switch (result.status) {
    case NetSuite::FetchResult::Status::Ok:
        text = tr("Wrote %n row(s) to ", nullptr, int(result.rows)) + m_fetchPath;
        break;
    case NetSuite::FetchResult::Status::Cancelled:
        text = tr("Cancelled: no file written");
        break;
    default:
        text = tr("Failed, no file written: %1").arg(result.message);
        break;
    }
    if (!result.warnings.isEmpty()) {
        text += QStringLiteral(" — ") + result.warnings.join(QStringLiteral("; "));
    }
    m_pageLabel->setText(text);
    m_fetchSink.reset();
    m_fetchOutput.reset();
    emit fetchAllFinished(ok, result.rows);
}

void SuiteQlPane::cancel()
{
    if (m_call) {
        m_call->cancel();
    }
    if (m_fetch) {
        m_fetch->cancel();
    }
}

} // namespace Sb::App
