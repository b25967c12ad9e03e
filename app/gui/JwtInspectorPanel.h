// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "netsuite/Inspector.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QTableWidget;
class QTreeWidget;
class QTimer;

namespace Sb::App {

class JsonHighlighter;

/**
 * The JWT inspector: paste any token (or open the one the app minted or received) and see
 * the header, payload and signature, a claims table with readable times, and
 * NetSuite::inspect()'s findings with severity icons. Every piece of token text is shown as
 * plain text (QPlainTextEdit, table items, labels with Qt::PlainText): a claim holding
 * `<img src=…>` is shown literally (security doc J15). It renders what lib/netsuite computes.
 */
class JwtInspectorPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JwtInspectorPanel)

public:
    explicit JwtInspectorPanel(const Core::Clock &clock, QWidget *parent = nullptr);

    /** What tokens are judged against, and a name for it ("Demo (emulated 1234567_SB1)"). */
    void setContext(const NetSuite::InspectionContext &context, const QString &environmentName);
    /** Puts @p token into the input and inspects it at once. */
    void showToken(const QByteArray &token);
    [[nodiscard]] const NetSuite::Inspection &inspection() const { return m_inspection; }
    void setDark(bool dark);

signals:
    void openAssertionRequested();
    void openAccessTokenRequested();

private:
    void inspectNow();
    void render();
    void copyJson();
    void selectClaimForFinding(int findingRow);
    void showFindingDetails(int findingRow);

    const Core::Clock &m_clock;
    NetSuite::InspectionContext m_context;
    NetSuite::Inspection m_inspection;
    QPlainTextEdit *m_tokenEdit;
    QLabel *m_contextLabel;
    QPlainTextEdit *m_headerEdit;
    QPlainTextEdit *m_payloadEdit;
    QLabel *m_signatureLabel;
    QTableWidget *m_claimsTable;
    QLabel *m_claimDetailLabel;
    QTreeWidget *m_findingsTree;
    QScrollArea *m_findingDetails;
    QLabel *m_findingIconLabel;
    QLabel *m_findingTitleLabel;
    QLabel *m_findingMessageLabel;
    QLabel *m_findingHintCaption;
    QLabel *m_findingHintLabel;
    QLabel *m_summaryLabel;
    QPushButton *m_copyButton;
    JsonHighlighter *m_headerHighlighter;
    JsonHighlighter *m_payloadHighlighter;
    QTimer *m_debounce;
};

} // namespace Sb::App
