// SPDX-License-Identifier: MIT
#include "gui/RequestPane.h"

#include "core/Variables.h"
#include "gui/IconProvider.h"
#include "gui/JsonHighlighter.h"
#include "gui/JsonIndexModel.h"
#include "gui/Prompter.h"
#include "gui/RawBodyView.h"
#include "gui/VariableLineEdit.h"
#include "http/Curl.h"
#include "netsuite/DisplayText.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QTreeView>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace Sb::App {

namespace {

QLabel *plainLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

Http::Method methodFromText(const QString &text)
{
    static const QList<QPair<QString, Http::Method>> methods{
        {QStringLiteral("GET"), Http::Method::Get},
        {QStringLiteral("POST"), Http::Method::Post},
        {QStringLiteral("PATCH"), Http::Method::Patch},
        {QStringLiteral("PUT"), Http::Method::Put},
        {QStringLiteral("DELETE"), Http::Method::Delete},
        {QStringLiteral("HEAD"), Http::Method::Head},
        {QStringLiteral("OPTIONS"), Http::Method::Options}};
    for (const auto &m : methods) {
        if (m.first == text) {
            return m.second;
        }
    }
    return Http::Method::Get;
}

QString humanSize(qint64 bytes)
{
    if (bytes < 1024) {
        return QObject::tr("%1 B").arg(bytes);
    }
    if (bytes < 1024 * 1024) {
        return QObject::tr("%1 KiB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    }
    return QObject::tr("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

} // namespace

RequestPane::RequestPane(Prompter &prompter, QWidget *parent)
    : QWidget(parent)
    , m_prompter(prompter)
{
    setObjectName(QStringLiteral("requestPane"));
    auto *layout = new QVBoxLayout(this);

    auto *lineRow = new QHBoxLayout;
    m_methodCombo = new QComboBox(this);
    m_methodCombo->setObjectName(QStringLiteral("methodComboBox"));
    m_methodCombo->setAccessibleName(tr("HTTP method"));
    m_methodCombo->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PATCH"),
                             QStringLiteral("PUT"), QStringLiteral("DELETE"),
                             QStringLiteral("HEAD"), QStringLiteral("OPTIONS")});
    m_urlEdit = new VariableLineEdit(this); // {{variables}} coloured in place
    m_urlEdit->setObjectName(QStringLiteral("urlLineEdit"));
    m_urlEdit->setAccessibleName(tr("Request URL"));
    m_urlEdit->setPlaceholderText(tr("{{restBase}}/customer?limit=5"));
    m_urlEdit->setClearButtonEnabled(true);
    m_sendButton = new QPushButton(themedIcon(QStringLiteral("send")), tr("Send"), this);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setToolTip(tr("Send the request (Ctrl+Enter)"));
    m_sendButton->setDefault(true);
    m_cancelButton = new QPushButton(themedIcon(QStringLiteral("cancel")), tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setEnabled(false);
    lineRow->addWidget(m_methodCombo);
    lineRow->addWidget(m_urlEdit, 1);
    lineRow->addWidget(m_sendButton);
    lineRow->addWidget(m_cancelButton);
    layout->addLayout(lineRow);
    m_urlPreviewLabel = plainLabel(QStringLiteral("urlPreviewLabel"), this);
    m_urlPreviewLabel->setAccessibleName(tr("Expanded URL"));
    layout->addWidget(m_urlPreviewLabel);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("requestSplitter"));
    layout->addWidget(splitter, 1);

    m_requestTabs = new QTabWidget(splitter);
    m_requestTabs->setObjectName(QStringLiteral("requestTabWidget"));
    m_paramsTable = new QTableWidget(4, 2, m_requestTabs);
    m_paramsTable->setObjectName(QStringLiteral("paramsTableWidget"));
    m_paramsTable->setAccessibleName(tr("Query parameters"));
    m_paramsTable->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_paramsTable->horizontalHeader()->setStretchLastSection(true);
    m_paramsTable->verticalHeader()->hide();
    m_requestTabs->addTab(m_paramsTable, tr("Params"));
    m_headersEdit = new QPlainTextEdit(m_requestTabs);
    m_headersEdit->setObjectName(QStringLiteral("headersPlainTextEdit"));
    m_headersEdit->setAccessibleName(tr("Request headers, one Name: value per line"));
    m_headersEdit->setPlaceholderText(tr("Accept: application/json\nPrefer: transient"));
    m_headersEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_headersEdit->setTabChangesFocus(true);
    m_requestTabs->addTab(m_headersEdit, tr("Headers"));
    auto *bodyPage = new QWidget(m_requestTabs);
    auto *bodyLayout = new QVBoxLayout(bodyPage);
    m_bodyEdit = new QPlainTextEdit(bodyPage);
    m_bodyEdit->setObjectName(QStringLiteral("bodyPlainTextEdit"));
    m_bodyEdit->setAccessibleName(tr("Request body"));
    m_bodyEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_bodyEdit->setTabChangesFocus(true);
    m_bodyHighlighter = new JsonHighlighter(m_bodyEdit->document());
    m_bodyStatusLabel = plainLabel(QStringLiteral("bodyStatusLabel"), bodyPage);
    bodyLayout->addWidget(m_bodyEdit, 1);
    bodyLayout->addWidget(m_bodyStatusLabel);
    m_requestTabs->addTab(bodyPage, tr("Body"));
    auto *authPage = new QWidget(m_requestTabs);
    auto *authLayout = new QFormLayout(authPage);
    m_authCombo = new QComboBox(authPage);
    m_authCombo->setObjectName(QStringLiteral("authComboBox"));
    m_authCombo->setAccessibleName(tr("Authentication"));
    m_authCombo->addItem(tr("The environment's M2M token"), int(AuthMode::EnvironmentToken));
    m_authCombo->addItem(tr("Manual bearer token"), int(AuthMode::ManualBearer));
    m_authCombo->addItem(tr("None"), int(AuthMode::None));
    m_bearerEdit = new QLineEdit(authPage);
    m_bearerEdit->setObjectName(QStringLiteral("bearerLineEdit"));
    m_bearerEdit->setAccessibleName(tr("Bearer token"));
    m_bearerEdit->setEchoMode(QLineEdit::Password);
    m_bearerEdit->setEnabled(false);
    authLayout->addRow(tr("Auth:"), m_authCombo);
    authLayout->addRow(tr("Bearer token:"), m_bearerEdit);
    m_requestTabs->addTab(authPage, tr("Auth"));

    auto *responsePage = new QWidget(splitter);
    auto *responseLayout = new QVBoxLayout(responsePage);
    responseLayout->setContentsMargins(0, 0, 0, 0);
    auto *infoRow = new QHBoxLayout;
    m_statusLabel = plainLabel(QStringLiteral("responseStatusLabel"), responsePage);
    m_statusLabel->setAccessibleName(tr("Response status"));
    QFont bold = m_statusLabel->font();
    bold.setBold(true);
    m_statusLabel->setFont(bold);
    m_timeLabel = plainLabel(QStringLiteral("responseTimeLabel"), responsePage);
    m_sizeLabel = plainLabel(QStringLiteral("responseSizeLabel"), responsePage);
    m_idempotencyLabel = plainLabel(QStringLiteral("idempotencyKeyLabel"), responsePage);
    m_waitLabel = plainLabel(QStringLiteral("waitCountdownLabel"), responsePage);
    m_progress = new QProgressBar(responsePage);
    m_progress->setObjectName(QStringLiteral("responseProgressBar"));
    m_progress->setMaximumWidth(140);
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    infoRow->addWidget(m_statusLabel);
    infoRow->addWidget(m_timeLabel);
    infoRow->addWidget(m_sizeLabel);
    infoRow->addWidget(m_idempotencyLabel);
    infoRow->addWidget(m_waitLabel);
    infoRow->addStretch(1);
    infoRow->addWidget(m_progress);
    m_searchEdit = new QLineEdit(responsePage);
    m_searchEdit->setObjectName(QStringLiteral("responseSearchLineEdit"));
    m_searchEdit->setAccessibleName(tr("Search in the response"));
    m_searchEdit->setPlaceholderText(tr("Search the response"));
    m_searchEdit->addAction(themedIcon(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_searchEdit->setMaximumWidth(220);
    m_copyCurlButton
        = new QPushButton(themedIcon(QStringLiteral("copy")), tr("Copy as cURL"), responsePage);
    m_copyCurlButton->setObjectName(QStringLiteral("copyCurlButton"));
    m_copyCurlButton->setToolTip(tr("Copy the request as a curl command; secrets are redacted "
                                    "unless you tick “Reveal secrets”"));
    m_revealCheck = new QCheckBox(tr("Reveal secrets"), responsePage);
    m_revealCheck->setObjectName(QStringLiteral("revealSecretsCheckBox"));
    infoRow->addWidget(m_searchEdit);
    infoRow->addWidget(m_copyCurlButton);
    infoRow->addWidget(m_revealCheck);
    responseLayout->addLayout(infoRow);

    m_responseTabs = new QTabWidget(responsePage);
    m_responseTabs->setObjectName(QStringLiteral("responseTabWidget"));
    m_prettyView = new RawBodyView(m_responseTabs);
    m_prettyView->setObjectName(QStringLiteral("prettyBodyView"));
    m_prettyView->setAccessibleName(tr("Response body, formatted"));
    m_prettyView->setJsonColoring(true);
    m_rawView = new RawBodyView(m_responseTabs);
    m_rawView->setObjectName(QStringLiteral("rawBodyView"));
    m_rawView->setAccessibleName(tr("Response body, raw"));
    m_treeModel = new JsonIndexModel(this);
    m_tree = new QTreeView(m_responseTabs);
    m_tree->setObjectName(QStringLiteral("responseTreeView"));
    m_tree->setAccessibleName(tr("Response body as a tree"));
    m_tree->setUniformRowHeights(true);
    m_tree->setModel(m_treeModel);
    m_headersView = new QPlainTextEdit(m_responseTabs);
    m_headersView->setObjectName(QStringLiteral("responseHeadersPlainTextEdit"));
    m_headersView->setReadOnly(true);
    m_headersView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_timelineList = new QListWidget(m_responseTabs);
    m_timelineList->setObjectName(QStringLiteral("responseTimelineListWidget"));
    m_timelineList->setAccessibleName(tr("What happened while sending"));
    m_diagnosisView = new QPlainTextEdit(m_responseTabs);
    m_diagnosisView->setObjectName(QStringLiteral("diagnosisPlainTextEdit"));
    m_diagnosisView->setReadOnly(true);
    m_responseTabs->addTab(m_prettyView, tr("Pretty"));
    m_responseTabs->addTab(m_tree, tr("Tree"));
    m_responseTabs->addTab(m_rawView, tr("Raw"));
    m_responseTabs->addTab(m_headersView, tr("Headers"));
    m_responseTabs->addTab(m_timelineList, themedIcon(QStringLiteral("timeline")), tr("Timeline"));
    m_responseTabs->addTab(m_diagnosisView, tr("Diagnosis"));
    responseLayout->addWidget(m_responseTabs, 1);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);

    m_countdown = new QTimer(this);
    m_countdown->setInterval(100);
    connect(m_countdown, &QTimer::timeout, this, [this] {
        const qint64 left = m_waitUntilMs - QDateTime::currentMSecsSinceEpoch();
        if (left <= 0) {
            m_countdown->stop();
            m_waitLabel->clear();
            return;
        }
        m_waitLabel->setText(tr("retrying in %1 s").arg(double(left) / 1000.0, 0, 'f', 1));
    });

    connect(m_sendButton, &QPushButton::clicked, this, &RequestPane::send);
    connect(m_cancelButton, &QPushButton::clicked, this, &RequestPane::cancel);
    connect(m_urlEdit, &QLineEdit::textChanged, this, &RequestPane::updatePreview);
    connect(m_urlEdit, &QLineEdit::returnPressed, this, &RequestPane::send);
    connect(m_bodyEdit, &QPlainTextEdit::textChanged, this, &RequestPane::validateBody);
    connect(m_authCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_bearerEdit->setEnabled(AuthMode(m_authCombo->currentData().toInt())
                                 == AuthMode::ManualBearer);
    });
    connect(m_copyCurlButton, &QPushButton::clicked, this, &RequestPane::copyCurl);
    connect(m_searchEdit, &QLineEdit::returnPressed, this, &RequestPane::search);
    connect(m_treeModel, &JsonIndexModel::indexReady, this, [this] {
        m_tree->expand(m_treeModel->index(0, 0));
        m_tree->resizeColumnToContents(0); // the root's member names, fully readable
        m_progress->setVisible(isBusy());
        m_cancelButton->setEnabled(isBusy());
    });

    setTabOrder(m_methodCombo, m_urlEdit);
    setTabOrder(m_urlEdit, m_sendButton);
    setTabOrder(m_sendButton, m_cancelButton);
    setTabOrder(m_cancelButton, m_requestTabs);
    newRequest();
}

RequestPane::~RequestPane() = default; // the views and the tree model stop their workers

void RequestPane::setSession(EnvironmentSession *session)
{
    if (m_call) {
        // The call belongs to the old session and ends with it; nothing of it reaches this
        // pane (or the new environment's history) any more.
        m_call->disconnect(this);
        m_call->cancel();
        m_call = nullptr;
        m_countdown->stop();
        m_waitLabel->clear();
        m_sendButton->setEnabled(true);
        m_cancelButton->setEnabled(false);
        m_progress->setVisible(false);
        m_statusLabel->setText(tr("Cancelled: the environment changed"));
        m_statusLabel->setStyleSheet(QString());
    }
    m_last = {}; // "Copy as cURL" must not pair the old request with the new environment
    m_session = session;
    m_urlEdit->setVariables(m_session ? m_session->environment().variables : Core::VariableSet());
    updatePreview();
}

void RequestPane::newRequest()
{
    m_methodCombo->setCurrentIndex(0);
    m_urlEdit->setText(QStringLiteral("{{restBase}}/customer?limit=5"));
    m_headersEdit->setPlainText(QStringLiteral("Accept: application/json"));
    m_bodyEdit->clear();
    m_paramsTable->clearContents();
    m_authCombo->setCurrentIndex(0);
}

void RequestPane::load(const HistoryEntry &entry)
{
    m_methodCombo->setCurrentText(entry.method);
    m_urlEdit->setText(entry.url);
    m_bodyEdit->setPlainText(entry.body);
}

void RequestPane::load(const Workspace::SavedRequest &request)
{
    m_methodCombo->setCurrentText(request.method);
    m_urlEdit->setText(request.url);
    QString headers;
    for (const Workspace::Header &h : request.headers) {
        headers += h.name + QStringLiteral(": ") + h.value + QLatin1Char('\n');
    }
    m_headersEdit->setPlainText(headers);
    m_bodyEdit->setPlainText(request.body);
    m_paramsTable->clearContents();
}

Workspace::SavedRequest RequestPane::toSavedRequest(const QString &name) const
{
    Workspace::SavedRequest saved;
    saved.name = name;
    saved.method = m_methodCombo->currentText();
    saved.url = m_urlEdit->text().trimmed();
    const QStringList lines = m_headersEdit->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const qsizetype colon = line.indexOf(u':');
        if (colon > 0) {
            saved.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
    }
    saved.body = m_bodyEdit->toPlainText();
    return saved;
}

void RequestPane::focusUrl()
{
    m_urlEdit->setFocus(Qt::ShortcutFocusReason);
    m_urlEdit->selectAll();
}

void RequestPane::setDark(bool dark)
{
    m_bodyHighlighter->setDark(dark);
    m_prettyView->setDark(dark);
}

void RequestPane::updatePreview()
{
    const QString text = m_urlEdit->text();
    const QStringList names = Core::referencedVariables(text);
    if (names.isEmpty()) {
        m_urlPreviewLabel->setText(QString());
        return;
    }
    const Core::VariableSet variables
        = m_session ? m_session->environment().variables : Core::VariableSet();
    auto expanded = Core::expandVariables(text, variables, Core::ExpansionTarget::Url);
    if (expanded) {
        m_urlPreviewLabel->setStyleSheet(QString());
        m_urlPreviewLabel->setText(tr("→ %1").arg(*expanded));
    } else {
        m_urlPreviewLabel->setStyleSheet(QStringLiteral("color: #cf222e"));
        m_urlPreviewLabel->setText(tr("⚠ %1").arg(expanded.error().message));
    }
}

void RequestPane::validateBody()
{
    const QByteArray body = m_bodyEdit->toPlainText().toUtf8().trimmed();
    if (body.isEmpty()) {
        m_bodyStatusLabel->clear();
        return;
    }
    if (!Core::referencedVariables(QString::fromUtf8(body)).isEmpty()) {
        m_bodyStatusLabel->setText(tr("JSON is checked after {{variables}} are expanded"));
        return;
    }
    QJsonParseError error{};
    QJsonDocument::fromJson(body, &error);
    m_bodyStatusLabel->setText(
        error.error == QJsonParseError::NoError
            ? tr("✓ valid JSON")
            : tr("✗ %1 at offset %2").arg(error.errorString()).arg(error.offset));
}

std::optional<NetSuite::RestRequest> RequestPane::buildRequest(QString *error) const
{
    const Core::VariableSet variables
        = m_session ? m_session->environment().variables : Core::VariableSet();
    auto url
        = Core::expandVariables(m_urlEdit->text().trimmed(), variables, Core::ExpansionTarget::Url);
    if (!url) {
        *error = url.error().message;
        return std::nullopt;
    }
    Http::Request request;
    request.method = methodFromText(m_methodCombo->currentText());
    request.url = QUrl(*url, QUrl::StrictMode);
    if (!request.url.isValid() || request.url.host().isEmpty()) {
        *error = tr("Not a valid URL: %1").arg(NetSuite::escapeForDisplay(*url));
        return std::nullopt;
    }
    QUrlQuery query(request.url);
    for (int row = 0; row < m_paramsTable->rowCount(); ++row) {
        const QTableWidgetItem *name = m_paramsTable->item(row, 0);
        const QTableWidgetItem *value = m_paramsTable->item(row, 1);
        if (name && !name->text().trimmed().isEmpty()) {
            auto v = Core::expandVariables(value ? value->text() : QString(), variables,
                                           Core::ExpansionTarget::Url);
            if (!v) {
                *error = v.error().message;
                return std::nullopt;
            }
            query.addQueryItem(name->text().trimmed(), *v);
        }
    }
    request.url.setQuery(query);
    const QStringList lines = m_headersEdit->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0) {
            *error
                = tr("A header line needs “Name: value”: %1").arg(NetSuite::escapeForDisplay(line));
            return std::nullopt;
        }
        const QString name = line.left(colon).trimmed();
        const bool isAuth = name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0;
        auto value = Core::expandVariables(line.mid(colon + 1).trimmed(), variables,
                                           isAuth ? Core::ExpansionTarget::AuthorizationHeader
                                                  : Core::ExpansionTarget::Header);
        if (!value) {
            *error = value.error().message;
            return std::nullopt;
        }
        request.headers.append({name.toUtf8(), value->toUtf8()});
    }
    const QString bodyText = m_bodyEdit->toPlainText();
    if (!bodyText.trimmed().isEmpty()) {
        auto body = Core::expandVariables(bodyText, variables, Core::ExpansionTarget::Body);
        if (!body) {
            *error = body.error().message;
            return std::nullopt;
        }
        request.body = body->toUtf8();
        if (!request.header("Content-Type")) {
            request.setHeader("Content-Type", "application/json");
        }
    }
    const QString invalid = Http::validateRequest(request);
    if (!invalid.isEmpty()) {
        *error = invalid;
        return std::nullopt;
    }
    NetSuite::RestRequest rest;
    rest.method = request.method;
    rest.url = request.url;
    for (const Http::Header &header : std::as_const(request.headers)) {
        if (header.name.compare("Authorization", Qt::CaseInsensitive) == 0) {
            *error = tr("Authorization comes from the Auth tab (the environment's token, a "
                        "manual bearer token, or none), not from a header line.");
            return std::nullopt;
        }
        rest.headers.append(header);
    }
    rest.body = request.body;
    switch (AuthMode(m_authCombo->currentData().toInt())) {
    case AuthMode::EnvironmentToken:
        rest.auth = NetSuite::RestAuth::EnvironmentToken;
        break;
    case AuthMode::ManualBearer: {
        QByteArray token = m_bearerEdit->text().trimmed().toLatin1();
        if (token.startsWith("Bearer ")) {
            token = token.mid(7).trimmed();
        }
        rest.auth = NetSuite::RestAuth::CallerBearer;
        rest.callerToken
            = std::make_shared<const Crypto::SecureBytes>(Crypto::SecureBytes::takeFrom(token));
        break;
    }
    case AuthMode::None:
        rest.auth = NetSuite::RestAuth::None;
        break;
    }
    rest.deadline = std::chrono::minutes{15}; // NetSuite's own request timeout
    rest.maxResponseBytes = 1024LL * 1024 * 1024;
    return rest;
}

void RequestPane::send()
{
    if (m_call) {
        return;
    }
    if (!m_session) {
        m_statusLabel->setText(tr("Choose an environment first"));
        return;
    }
    QString error;
    auto request = buildRequest(&error);
    if (!request) {
        m_statusLabel->setText(tr("Not sent: %1").arg(error));
        return;
    }
    // A write to a production account is confirmed through the client's question (the
    // session's ConfirmWrite), naming the account, before any token is fetched.
    m_timelineList->clear();
    m_diagnosisView->clear();
    m_idempotencyLabel->clear();
    m_statusLabel->setText(tr("Sending…"));
    m_statusLabel->setStyleSheet(QString());
    m_timeLabel->clear();
    m_sizeLabel->clear();
    m_progress->setVisible(true);
    m_sendButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_call = m_session->execute(std::move(*request));
    connect(m_call, &SessionCall::event, this, [this](const TimelineEvent &event) {
        auto *item = new QListWidgetItem(
            event.at.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")) + QStringLiteral("  ")
                + timelineKindName(event.kind) + QStringLiteral("  ") + event.text,
            m_timelineList);
        if (!event.ok) {
            item->setIcon(themedIcon(QStringLiteral("error")));
        }
    });
    connect(m_call, &SessionCall::waiting, this,
            [this](std::chrono::milliseconds delay, const QString &) {
                m_waitUntilMs = QDateTime::currentMSecsSinceEpoch() + delay.count();
                m_countdown->start();
            });
    connect(m_call, &SessionCall::stepFinished, this, [this](SessionCall::Step step, bool ok) {
        if (step == SessionCall::Step::Exchange && ok) {
            emit assertionAvailable();
        }
    });
    connect(m_call, &SessionCall::finished, this, &RequestPane::onFinished);
    m_call->start();
}

void RequestPane::cancel()
{
    if (m_call) {
        m_call->cancel();
    } else if (m_treeModel->state() == JsonIndexModel::State::Indexing) {
        // The tree's index of a large body: stop building it (the raw and pretty views stay).
        m_treeModel->clear();
        m_progress->setVisible(false);
        m_cancelButton->setEnabled(false);
    }
}

void RequestPane::onFinished(const CallOutcome &outcome)
{
    if (m_call) {
        m_call->deleteLater();
        m_call = nullptr;
    }
    m_last = outcome;
    m_countdown->stop();
    m_waitLabel->clear();
    m_sendButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    m_progress->setVisible(false);
    if (!outcome.idempotencyKey.isEmpty()) {
        m_idempotencyLabel->setText(tr("Idempotency key: %1").arg(outcome.idempotencyKey));
    }
    HistoryEntry entry;
    entry.method = m_methodCombo->currentText();
    entry.url = m_urlEdit->text();
    entry.body = m_bodyEdit->toPlainText();
    if (outcome.request) {
        entry.sentUrl = outcome.request->url;
    }
    const bool notSent = outcome.status == NetSuite::RestStatus::GuardRefused
                         || outcome.status == NetSuite::RestStatus::InvalidRequest;
    if (notSent) {
        m_statusLabel->setText(tr("Not sent: %1").arg(outcome.errorText));
        m_statusLabel->setStyleSheet(QStringLiteral("color: #cf222e"));
        return; // nothing left the app: no history entry
    }
    if (outcome.cancelled) {
        m_statusLabel->setText(tr("Cancelled"));
    } else if (outcome.response) {
        showResponse(*outcome.response);
        entry.status = outcome.response->status;
        entry.elapsedMs = outcome.response->timings.done.count();
    } else {
        m_statusLabel->setText(tr("Failed: %1").arg(outcome.errorText));
        m_statusLabel->setStyleSheet(QStringLiteral("color: #cf222e"));
        entry.error = outcome.errorText;
    }
    if (outcome.diagnosis) {
        m_diagnosisView->setPlainText(outcome.diagnosis->toText());
        if (!outcome.response || outcome.response->status == 0) {
            m_responseTabs->setCurrentWidget(m_diagnosisView);
        }
    }
    emit requestFinished(entry);
}

void RequestPane::showResponse(const Http::ResponseRecord &record)
{
    const bool answered = record.ok() || record.status >= 400;
    if (!answered) {
        m_statusLabel->setText(tr("Failed: %1")
                                   .arg(record.errorMessage.isEmpty()
                                            ? Http::errorKindName(record.error)
                                            : record.errorMessage));
        m_statusLabel->setStyleSheet(QStringLiteral("color: #cf222e"));
    } else {
        m_statusLabel->setText(QStringLiteral("%1 %2")
                                   .arg(record.status)
                                   .arg(QString::fromLatin1(record.reasonPhrase)));
        const bool good = record.status >= 200 && record.status < 300;
        m_statusLabel->setStyleSheet(good ? QStringLiteral("color: #1a7f37")
                                          : QStringLiteral("color: #cf222e"));
    }
    m_timeLabel->setText(tr("%1 ms").arg(record.timings.done.count()));
    m_sizeLabel->setText(humanSize(record.responseBytes));
    QString headers;
    for (const Http::Header &h : record.headers) {
        headers += QString::fromLatin1(h.name) + QStringLiteral(": ") + QString::fromLatin1(h.value)
                   + QLatin1Char('\n');
    }
    m_headersView->setPlainText(headers);

    showBody(record.ok() ? record.body : record.partialBody);
}

bool RequestPane::openBodyFile(const QString &path, QString *error)
{
    QFile file(path);
    constexpr qint64 maxBytes = 1024LL * 1024 * 1024; // the response cap
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    if (file.size() > maxBytes) {
        *error = tr("The file is larger than 1 GiB.");
        return false;
    }
    QByteArray body = file.readAll();
    if (body.size() != file.size()) {
        *error = file.errorString();
        return false;
    }
    m_last = {};
    m_statusLabel->setText(tr("File %1").arg(QFileInfo(path).fileName()));
    m_statusLabel->setStyleSheet(QString());
    m_timeLabel->clear();
    m_sizeLabel->setText(humanSize(body.size()));
    m_headersView->clear();
    m_diagnosisView->clear();
    showBody(body);
    return true;
}

void RequestPane::showBody(const QByteArray &body)
{
    // Every view shows its first screen at once: the line layouts and the tree's index are
    // built off the GUI thread over these same bytes (no copy, no DOM), so a 100 MB body
    // neither freezes the window nor needs several times its size in memory.
    m_rawView->setBody(body);
    const QByteArray trimmed = body.left(64).trimmed();
    const bool looksJson = trimmed.startsWith('{') || trimmed.startsWith('[');
    m_prettyView->setBody(body, looksJson ? DisplayMode::PrettyJson : DisplayMode::Raw);
    if (!looksJson) {
        m_treeModel->clear();
        return;
    }
    m_progress->setVisible(true);
    m_cancelButton->setEnabled(true); // Esc / Cancel stops building the tree
    m_treeModel->setBody(body);
}

void RequestPane::copyCurl()
{
    std::optional<NetSuite::RestRequest> request = m_last.request;
    QString error;
    if (!request) {
        request = buildRequest(&error);
    }
    if (!request || !m_session) {
        m_statusLabel->setText(
            tr("Cannot copy: %1").arg(error.isEmpty() ? tr("choose an environment first") : error));
        return;
    }
    // The URL the client would really use (routed), headers as sent; secrets redacted unless
    // the user ticked "reveal". No key is needed for it.
    QApplication::clipboard()->setText(m_session->toCurl(*request, m_revealCheck->isChecked()));
}

void RequestPane::search()
{
    RawBodyView *view = m_responseTabs->currentWidget() == m_rawView ? m_rawView : m_prettyView;
    if (view != m_rawView) {
        m_responseTabs->setCurrentWidget(m_prettyView);
    }
    const bool found = view->find(m_searchEdit->text());
    m_searchEdit->setStyleSheet(found || m_searchEdit->text().isEmpty()
                                    ? QString()
                                    : QStringLiteral("background: #ffebe9"));
}

} // namespace Sb::App
