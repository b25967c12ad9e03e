// SPDX-License-Identifier: MIT
#include "gui/JwtInspectorPanel.h"

#include "gui/IconProvider.h"
#include "gui/JsonHighlighter.h"
#include "netsuite/DisplayText.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QTextDocument>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Sb::App {

namespace {

QLabel *plainLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText); // token-derived text is never rich text (J15)
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// Tool tips render anything that looks like HTML as rich text; token-derived text must not
// be (J15), so it is escaped into a paragraph that shows it literally.
QString plainToolTip(const QString &text)
{
    return text.isEmpty() ? QString() : Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal);
}

// Rows sized to their wrapped contents would sit text against the grid; give them air.
class PaddedItemDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        return QStyledItemDelegate::sizeHint(option, index) + QSize(0, 8);
    }
};

QString cappedText(const QString &text, qsizetype max)
{
    return text.size() <= max ? text : text.left(max) + QChar(0x2026);
}

QPlainTextEdit *jsonView(const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    return edit;
}

QString claimValueText(const QJsonValue &value)
{
    QString text;
    if (value.isString()) {
        text = value.toString();
    } else if (value.isDouble()) {
        text = QString::number(value.toDouble(), 'g', 16);
    } else if (value.isBool()) {
        text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    } else if (value.isNull()) {
        text = QStringLiteral("null");
    } else if (value.isArray()) {
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    } else if (value.isObject()) {
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    // Bidi and control characters are made visible; HTML needs no escaping in plain views.
    return NetSuite::hasSuspiciousCharacters(text) ? NetSuite::escapeForDisplay(text, 4096) : text;
}

QString timeMeaning(const QString &claim, qint64 when, qint64 now)
{
    const qint64 delta = when - now;
    const QString at = NetSuite::formatUtc(when);
    if (claim == QLatin1String("exp")) {
        return delta >= 0
                   ? QObject::tr("expires in %2 (%1)").arg(at, NetSuite::humanDuration(delta))
                   : QObject::tr("expired %2 ago (%1)").arg(at, NetSuite::humanDuration(delta));
    }
    if (claim == QLatin1String("iat")) {
        return delta > 0
                   ? QObject::tr("issued %2 in the future (%1)")
                         .arg(at, NetSuite::humanDuration(delta))
                   : QObject::tr("issued %2 ago (%1)").arg(at, NetSuite::humanDuration(delta));
    }
    return delta > 0
               ? QObject::tr("valid in %2 (%1)").arg(at, NetSuite::humanDuration(delta))
               : QObject::tr("valid since %2 ago (%1)").arg(at, NetSuite::humanDuration(delta));
}

QIcon severityIcon(NetSuite::Severity severity)
{
    switch (severity) {
    case NetSuite::Severity::Error:
        return themedIcon(QStringLiteral("error"));
    case NetSuite::Severity::Warning:
        return themedIcon(QStringLiteral("warning"));
    case NetSuite::Severity::Info:
        return themedIcon(QStringLiteral("info"));
    }
    return {};
}

} // namespace

JwtInspectorPanel::JwtInspectorPanel(const Core::Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("jwtInspectorPanel"));
    auto *layout = new QVBoxLayout(this);

    auto *inputRow = new QHBoxLayout;
    m_tokenEdit = new QPlainTextEdit(this);
    m_tokenEdit->setObjectName(QStringLiteral("tokenPlainTextEdit"));
    m_tokenEdit->setAccessibleName(tr("Token to inspect"));
    m_tokenEdit->setPlaceholderText(tr("Paste a JWT (a client assertion or an access token); "
                                       "it is decoded here and never sent anywhere."));
    m_tokenEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tokenEdit->setMaximumHeight(90);
    inputRow->addWidget(m_tokenEdit, 1);
    auto *sourceColumn = new QVBoxLayout;
    auto *assertionButton
        = new QPushButton(themedIcon(QStringLiteral("key")), tr("Its assertion"), this);
    assertionButton->setObjectName(QStringLiteral("openAssertionButton"));
    assertionButton->setToolTip(
        tr("Mint a client assertion of this environment, exactly as the token exchange does, "
           "and open it here (it is not sent anywhere)"));
    auto *accessButton
        = new QPushButton(themedIcon(QStringLiteral("token")), tr("Access token"), this);
    accessButton->setObjectName(QStringLiteral("openAccessTokenButton"));
    accessButton->setToolTip(tr("Open the access token this environment holds now"));
    m_copyButton = new QPushButton(themedIcon(QStringLiteral("copy")), tr("Copy JSON"), this);
    m_copyButton->setObjectName(QStringLiteral("copyJsonButton"));
    m_copyButton->setToolTip(tr("Copy the decoded header, payload and findings as JSON"));
    sourceColumn->addWidget(assertionButton);
    sourceColumn->addWidget(accessButton);
    sourceColumn->addWidget(m_copyButton);
    sourceColumn->addStretch();
    inputRow->addLayout(sourceColumn);
    layout->addLayout(inputRow);

    m_contextLabel = plainLabel(QStringLiteral("inspectorContextLabel"), this);
    m_summaryLabel = plainLabel(QStringLiteral("inspectorSummaryLabel"), this);
    layout->addWidget(m_contextLabel);
    layout->addWidget(m_summaryLabel);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("inspectorSplitter"));
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Header"), left));
    m_headerEdit = jsonView(QStringLiteral("headerPlainTextEdit"), tr("Decoded header"), left);
    m_headerEdit->setMaximumHeight(120);
    leftLayout->addWidget(m_headerEdit);
    leftLayout->addWidget(new QLabel(tr("Payload"), left));
    m_payloadEdit = jsonView(QStringLiteral("payloadPlainTextEdit"), tr("Decoded payload"), left);
    leftLayout->addWidget(m_payloadEdit, 1);
    m_signatureLabel = plainLabel(QStringLiteral("signatureLabel"), left);
    leftLayout->addWidget(m_signatureLabel);
    m_headerHighlighter = new JsonHighlighter(m_headerEdit->document());
    m_payloadHighlighter = new JsonHighlighter(m_payloadEdit->document());

    // Right: claims above findings, in a vertical splitter so either can be given the room.
    auto *rightSplitter = new QSplitter(Qt::Vertical, splitter);
    rightSplitter->setObjectName(QStringLiteral("inspectorRightSplitter"));
    rightSplitter->setChildrenCollapsible(false);
    auto *claimsPart = new QWidget(rightSplitter);
    auto *claimsLayout = new QVBoxLayout(claimsPart);
    claimsLayout->setContentsMargins(0, 0, 0, 0);
    claimsLayout->addWidget(new QLabel(tr("Claims"), claimsPart));
    m_claimsTable = new QTableWidget(0, 3, claimsPart);
    m_claimsTable->setObjectName(QStringLiteral("claimsTableWidget"));
    m_claimsTable->setAccessibleName(tr("Claims"));
    m_claimsTable->setHorizontalHeaderLabels({tr("Claim"), tr("Value"), tr("Meaning")});
    m_claimsTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    // Value and meaning share the width and wrap, rows growing to fit: a long aud or iss
    // never pushes the readable times out of view.
    m_claimsTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_claimsTable->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_claimsTable->verticalHeader()->hide();
    m_claimsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_claimsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_claimsTable->setWordWrap(true);
    m_claimsTable->setItemDelegate(new PaddedItemDelegate(m_claimsTable));
    m_claimsTable->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    connect(m_claimsTable->horizontalHeader(), &QHeaderView::sectionResized, m_claimsTable,
            &QTableView::resizeRowsToContents);
    claimsLayout->addWidget(m_claimsTable, 1);
    m_claimDetailLabel = plainLabel(QStringLiteral("claimDetailLabel"), claimsPart);
    m_claimDetailLabel->setAccessibleName(tr("Selected claim value"));
    claimsLayout->addWidget(m_claimDetailLabel);

    auto *findingsPart = new QWidget(rightSplitter);
    auto *findingsLayout = new QVBoxLayout(findingsPart);
    findingsLayout->setContentsMargins(0, 0, 0, 0);
    findingsLayout->addWidget(new QLabel(tr("Findings"), findingsPart));
    m_findingsTree = new QTreeWidget(findingsPart);
    m_findingsTree->setObjectName(QStringLiteral("findingsTreeWidget"));
    m_findingsTree->setAccessibleName(tr("Findings"));
    m_findingsTree->setColumnCount(4);
    m_findingsTree->setHeaderLabels(
        {tr("Finding"), tr("Claim"), tr("What is wrong"), tr("What to do")});
    m_findingsTree->setRootIsDecorated(false);
    // One line per finding for scanning; the selected one is read in full below.
    m_findingsTree->setWordWrap(false);
    m_findingsTree->setUniformRowHeights(true);
    m_findingsTree->setTextElideMode(Qt::ElideRight);
    m_findingsTree->header()->setStretchLastSection(false);
    m_findingsTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_findingsTree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_findingsTree->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_findingsTree->header()->setSectionResizeMode(3, QHeaderView::Stretch);
    // "What to do" is read in the details pane; in the list it only squeezed both texts to a
    // few words. The column stays in the model (copy, accessibility, tests).
    m_findingsTree->header()->hideSection(3);
    findingsLayout->addWidget(m_findingsTree, 3);

    // The selected finding in full: word-wrapped, selectable, plain text (it quotes token
    // content), in a scroll area so even a very long message is never clipped.
    m_findingDetails = new QScrollArea(findingsPart);
    m_findingDetails->setObjectName(QStringLiteral("findingDetailsScrollArea"));
    m_findingDetails->setWidgetResizable(true);
    m_findingDetails->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_findingDetails->setFrameShape(QFrame::StyledPanel);
    auto *details = new QWidget(m_findingDetails);
    details->setObjectName(QStringLiteral("findingDetailsWidget"));
    details->setBackgroundRole(QPalette::Base);
    details->setAutoFillBackground(true);
    auto *detailsLayout = new QGridLayout(details);
    detailsLayout->setColumnStretch(1, 1);
    m_findingIconLabel = plainLabel(QStringLiteral("findingSeverityLabel"), details);
    m_findingIconLabel->setWordWrap(false);
    m_findingIconLabel->setTextInteractionFlags(Qt::NoTextInteraction);
    m_findingTitleLabel = plainLabel(QStringLiteral("findingTitleLabel"), details);
    QFont bold = m_findingTitleLabel->font();
    bold.setBold(true);
    m_findingTitleLabel->setFont(bold);
    m_findingMessageLabel = plainLabel(QStringLiteral("findingMessageLabel"), details);
    m_findingMessageLabel->setAccessibleName(tr("What is wrong"));
    m_findingHintCaption = plainLabel(QStringLiteral("findingHintCaptionLabel"), details);
    m_findingHintCaption->setText(tr("What to do"));
    m_findingHintCaption->setFont(bold);
    m_findingHintLabel = plainLabel(QStringLiteral("findingHintLabel"), details);
    m_findingHintLabel->setAccessibleName(tr("What to do"));
    detailsLayout->addWidget(m_findingIconLabel, 0, 0, Qt::AlignTop);
    detailsLayout->addWidget(m_findingTitleLabel, 0, 1);
    detailsLayout->addWidget(m_findingMessageLabel, 1, 1);
    detailsLayout->addWidget(m_findingHintCaption, 2, 1);
    detailsLayout->addWidget(m_findingHintLabel, 3, 1);
    detailsLayout->setRowStretch(4, 1);
    m_findingDetails->setWidget(details);
    findingsLayout->addWidget(m_findingDetails, 2);

    rightSplitter->setStretchFactor(0, 2);
    rightSplitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({420, 700});
    layout->addWidget(splitter, 1);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    connect(m_debounce, &QTimer::timeout, this, &JwtInspectorPanel::inspectNow);
    connect(m_tokenEdit, &QPlainTextEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_copyButton, &QPushButton::clicked, this, &JwtInspectorPanel::copyJson);
    connect(assertionButton, &QPushButton::clicked, this,
            &JwtInspectorPanel::openAssertionRequested);
    connect(accessButton, &QPushButton::clicked, this,
            &JwtInspectorPanel::openAccessTokenRequested);
    connect(m_claimsTable, &QTableWidget::currentCellChanged, this, [this](int row) {
        const QTableWidgetItem *item = m_claimsTable->item(row, 1);
        m_claimDetailLabel->setText(item ? item->data(Qt::UserRole).toString() : QString());
    });
    connect(m_findingsTree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        const int row = item ? m_findingsTree->indexOfTopLevelItem(item) : -1;
        showFindingDetails(row);
        if (item) {
            selectClaimForFinding(row);
        }
    });
    setContext({}, QString());
    render();
}

void JwtInspectorPanel::setContext(const NetSuite::InspectionContext &context,
                                   const QString &environmentName)
{
    m_context = context;
    QString expected;
    if (context.account) {
        expected = tr("account %1").arg(context.account->canonical());
    } else if (!context.tokenUrl.isEmpty()) {
        expected = context.tokenUrl;
    }
    m_contextLabel->setText(
        environmentName.isEmpty() ? tr(
            "Judged without an environment: select one to check aud, iss, kid and the signature.")
                                  : tr("Judged against the environment “%1” (%2)%3")
                                        .arg(environmentName, expected,
                                             context.certificate
                                                 ? tr("; signature checked with its certificate")
                                                 : tr("; no certificate, signature not checked")));
    if (!m_tokenEdit->toPlainText().trimmed().isEmpty()) {
        inspectNow();
    }
}

void JwtInspectorPanel::showToken(const QByteArray &token)
{
    m_tokenEdit->setPlainText(QString::fromLatin1(token));
    m_debounce->stop();
    inspectNow();
}

void JwtInspectorPanel::setDark(bool dark)
{
    m_headerHighlighter->setDark(dark);
    m_payloadHighlighter->setDark(dark);
}

void JwtInspectorPanel::inspectNow()
{
    const QByteArray token = m_tokenEdit->toPlainText().toUtf8();
    if (token.trimmed().isEmpty()) {
        m_inspection = {};
    } else {
        m_inspection = NetSuite::inspect(token, m_context, m_clock);
    }
    render();
}

void JwtInspectorPanel::render()
{
    const NetSuite::Inspection &in = m_inspection;
    const bool empty = m_tokenEdit->toPlainText().trimmed().isEmpty();
    m_headerEdit->setPlainText(in.headerDecoded ? QString::fromUtf8(
                                   QJsonDocument(in.header).toJson(QJsonDocument::Indented))
                                                : QString());
    m_payloadEdit->setPlainText(in.payloadDecoded ? QString::fromUtf8(
                                    QJsonDocument(in.payload).toJson(QJsonDocument::Indented))
                                                  : QString());
    m_copyButton->setEnabled(!empty);

    QString signature;
    switch (in.signatureStatus) {
    case NetSuite::SignatureStatus::Verified:
        signature = tr("Signature: verified with the environment's certificate");
        break;
    case NetSuite::SignatureStatus::Invalid:
        signature = tr("Signature: INVALID for the environment's certificate");
        break;
    case NetSuite::SignatureStatus::Unchecked:
        signature = tr("Signature: not verified (no certificate for this environment)");
        break;
    }
    m_signatureLabel->setText(empty ? QString() : signature);

    m_claimsTable->setRowCount(0);
    const qint64 now = m_clock.nowSeconds();
    for (auto it = in.payload.constBegin(); it != in.payload.constEnd(); ++it) {
        const int row = m_claimsTable->rowCount();
        m_claimsTable->insertRow(row);
        auto *name = new QTableWidgetItem(it.key());
        // Rows wrap to fit, so a huge claim is cut in the cell; the detail label has it all.
        const QString fullValue = claimValueText(it.value());
        auto *value = new QTableWidgetItem(cappedText(fullValue, 300));
        value->setData(Qt::UserRole, fullValue);
        value->setToolTip(plainToolTip(cappedText(fullValue, 1000)));
        QString meaning;
        const QString key = it.key();
        if ((key == QLatin1String("exp") || key == QLatin1String("iat")
             || key == QLatin1String("nbf"))
            && it.value().isDouble()) {
            meaning = timeMeaning(key, qint64(it.value().toDouble()), now);
        } else if (key == QLatin1String("aud")) {
            meaning = tr("who the token is for: must be the exact token URL");
        } else if (key == QLatin1String("iss")) {
            meaning = tr("who issued it: the integration's Client ID");
        } else if (key == QLatin1String("scope")) {
            meaning = tr("what the token may call");
        }
        m_claimsTable->setItem(row, 0, name);
        m_claimsTable->setItem(row, 1, value);
        m_claimsTable->setItem(row, 2, new QTableWidgetItem(meaning));
    }
    m_claimsTable->resizeRowsToContents();
    if (m_claimsTable->rowCount() > 0) {
        m_claimsTable->setCurrentCell(0, 1);
    } else {
        m_claimDetailLabel->clear();
    }

    m_findingsTree->clear();
    int errors = 0;
    int warnings = 0;
    for (const NetSuite::Finding &finding : in.findings) {
        auto *item = new QTreeWidgetItem(m_findingsTree);
        item->setIcon(0, severityIcon(finding.severity));
        item->setText(0, finding.code);
        item->setData(0, Qt::UserRole, finding.code);
        item->setData(0, Qt::AccessibleTextRole,
                      QString(NetSuite::severityName(finding.severity) + QStringLiteral(": ")
                              + finding.code));
        item->setText(1, finding.path);
        item->setText(2, finding.message);
        item->setText(3, finding.hint);
        const QString tip = finding.hint.isEmpty()
                                ? finding.message
                                : tr("%1\n\nWhat to do: %2").arg(finding.message, finding.hint);
        for (int column = 0; column < 4; ++column) {
            item->setToolTip(column, plainToolTip(tip));
        }
        errors += finding.severity == NetSuite::Severity::Error ? 1 : 0;
        warnings += finding.severity == NetSuite::Severity::Warning ? 1 : 0;
    }
    if (m_findingsTree->topLevelItemCount() > 0) {
        // The most severe finding is shown in full at once; the claims selection stays put.
        const QSignalBlocker blocker(m_findingsTree);
        m_findingsTree->setCurrentItem(m_findingsTree->topLevelItem(0));
    }
    showFindingDetails(m_findingsTree->topLevelItemCount() > 0 ? 0 : -1);
    m_findingDetails->setVisible(!empty);

    QString summary;
    if (!empty) {
        summary = tr("%n error(s), ", nullptr, errors) + tr("%n warning(s)", nullptr, warnings);
        if (in.isNetSuiteAccessToken) {
            summary += tr(" · a NetSuite-issued access token");
        }
    }
    m_summaryLabel->setText(summary);
}

void JwtInspectorPanel::copyJson()
{
    const QByteArray json = QJsonDocument(m_inspection.toJson()).toJson(QJsonDocument::Indented);
    QApplication::clipboard()->setText(QString::fromUtf8(json));
}

void JwtInspectorPanel::showFindingDetails(int findingRow)
{
    if (findingRow < 0 || findingRow >= m_inspection.findings.size()) {
        m_findingIconLabel->clear();
        m_findingTitleLabel->setText(m_inspection.findings.isEmpty()
                                         ? tr("No findings.")
                                         : tr("Select a finding to read it in full."));
        m_findingMessageLabel->clear();
        m_findingHintCaption->hide();
        m_findingHintLabel->clear();
        return;
    }
    const NetSuite::Finding &finding = m_inspection.findings.at(findingRow);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_findingIconLabel->setPixmap(
        severityIcon(finding.severity).pixmap(QSize(iconSize, iconSize), devicePixelRatioF()));
    m_findingIconLabel->setAccessibleName(NetSuite::severityName(finding.severity));
    m_findingTitleLabel->setText(
        finding.path.isEmpty() ? finding.code : tr("%1 (%2)").arg(finding.code, finding.path));
    m_findingMessageLabel->setText(finding.message);
    m_findingHintCaption->setVisible(!finding.hint.isEmpty());
    m_findingHintLabel->setText(finding.hint);
}

void JwtInspectorPanel::selectClaimForFinding(int findingRow)
{
    if (findingRow < 0 || findingRow >= m_inspection.findings.size()) {
        return;
    }
    const QString path = m_inspection.findings.at(findingRow).path;
    if (!path.startsWith(QLatin1String("payload."))) {
        return;
    }
    const QString claim = path.mid(8).section(u'.', 0, 0).section(u'[', 0, 0);
    for (int row = 0; row < m_claimsTable->rowCount(); ++row) {
        if (m_claimsTable->item(row, 0)->text() == claim) {
            m_claimsTable->setCurrentCell(row, 1);
            return;
        }
    }
}

} // namespace Sb::App
