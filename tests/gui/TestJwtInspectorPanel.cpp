// SPDX-License-Identifier: MIT
#include "gui/JwtInspectorPanel.h"
#include "jwt/Jwt.h"
#include "netsuite/AccountId.h"
#include "netsuite/FindingCodes.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace Sb;

class TestJwtInspectorPanel final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void badAudAndRs256AreFound();
    void htmlInClaimsIsShownLiterally();
    void readableTimesAndCopyJson();
    void selectedFindingIsReadableInFull();

private:
    QByteArray token(Crypto::JwsAlgorithm alg, const QJsonObject &extra, const QString &aud) const;
    static QStringList findingCodes(const App::JwtInspectorPanel &panel);

    Core::SystemClock m_clock;
    Crypto::PrivateKey m_rsa;
};

void TestJwtInspectorPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Crypto::KeySpec spec;
    spec.type = Crypto::KeyType::Rsa;
    spec.bits = 3072;
    auto key = Crypto::generateKey(spec);
    QVERIFY(key);
    m_rsa = *key;
}

QByteArray TestJwtInspectorPanel::token(Crypto::JwsAlgorithm alg, const QJsonObject &extra,
                                        const QString &aud) const
{
    const qint64 now = m_clock.nowSeconds();
    QJsonObject payload{{QStringLiteral("iss"), QString(64, u'a')},
                        {QStringLiteral("aud"), aud},
                        {QStringLiteral("scope"), QJsonArray{QStringLiteral("rest_webservices")}},
                        {QStringLiteral("iat"), now},
                        {QStringLiteral("exp"), now + 240}};
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        payload.insert(it.key(), it.value());
    }
    QJsonObject header{
        {QStringLiteral("typ"), QStringLiteral("JWT")},
        {QStringLiteral("kid"), QStringLiteral("test-only-certificate-id-0123456789")}};
    auto signedToken = Jwt::sign(m_rsa, alg, header, payload);
    return signedToken ? *signedToken : QByteArray();
}

QStringList TestJwtInspectorPanel::findingCodes(const App::JwtInspectorPanel &panel)
{
    auto *tree = panel.findChild<QTreeWidget *>(QStringLiteral("findingsTreeWidget"));
    QStringList codes;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        codes.append(tree->topLevelItem(i)->text(0));
        if (tree->topLevelItem(i)->icon(0).isNull()) {
            return {QStringLiteral("missing severity icon")};
        }
    }
    return codes;
}

void TestJwtInspectorPanel::badAudAndRs256AreFound()
{
    App::JwtInspectorPanel panel(m_clock);
    NetSuite::InspectionContext context;
    context.account = *NetSuite::AccountId::parse(QStringLiteral("1234567_SB1"));
    panel.setContext(context, QStringLiteral("Sandbox 1"));
    // The seed guide's two mistakes at once: RS256 and the aud without the sandbox suffix.
    const QByteArray jwt = token(
        Crypto::JwsAlgorithm::RS256, {},
        QStringLiteral(
            "https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"));
    QVERIFY(!jwt.isEmpty());
    auto *input = panel.findChild<QPlainTextEdit *>(QStringLiteral("tokenPlainTextEdit"));
    input->setPlainText(QString::fromLatin1(jwt));
    QTRY_VERIFY(!findingCodes(panel).isEmpty()); // debounced inspection
    const QStringList codes = findingCodes(panel);
    QVERIFY2(codes.contains(QString(NetSuite::FindingCode::AlgRs256)),
             qPrintable(codes.join(u',')));
    QVERIFY2(codes.contains(QString(NetSuite::FindingCode::AudSandboxSuffixMissing)),
             qPrintable(codes.join(u',')));
    auto *header = panel.findChild<QPlainTextEdit *>(QStringLiteral("headerPlainTextEdit"));
    QVERIFY(header->toPlainText().contains(QStringLiteral("\"RS256\"")));
    auto *tree = panel.findChild<QTreeWidget *>(QStringLiteral("findingsTreeWidget"));
    // Each finding points at its claim and says what to do.
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->text(0)
            == QString(NetSuite::FindingCode::AudSandboxSuffixMissing)) {
            QCOMPARE(tree->topLevelItem(i)->text(1), QStringLiteral("payload.aud"));
            QVERIFY(!tree->topLevelItem(i)->text(3).isEmpty());
            tree->setCurrentItem(tree->topLevelItem(i));
            auto *claims = panel.findChild<QTableWidget *>(QStringLiteral("claimsTableWidget"));
            QCOMPARE(claims->item(claims->currentRow(), 0)->text(), QStringLiteral("aud"));
        }
    }
}

void TestJwtInspectorPanel::htmlInClaimsIsShownLiterally()
{
    App::JwtInspectorPanel panel(m_clock);
    const QString html = QStringLiteral("<img src=x><a href=y>click</a>");
    panel.showToken(token(
        Crypto::JwsAlgorithm::PS256, {{QStringLiteral("name"), html}},
        QStringLiteral(
            "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token")));
    auto *claims = panel.findChild<QTableWidget *>(QStringLiteral("claimsTableWidget"));
    int row = -1;
    for (int r = 0; r < claims->rowCount(); ++r) {
        if (claims->item(r, 0)->text() == QStringLiteral("name")) {
            row = r;
        }
    }
    QVERIFY(row >= 0);
    QCOMPARE(claims->item(row, 1)->text(), html);
    // Tool tips would render HTML: the value's is escaped, so it shows the markup literally.
    QVERIFY2(!claims->item(row, 1)->toolTip().contains(QStringLiteral("<img")),
             qPrintable(claims->item(row, 1)->toolTip()));
    QVERIFY(claims->item(row, 1)->toolTip().contains(QStringLiteral("&lt;img src=x&gt;")));
    claims->setCurrentCell(row, 1);
    auto *detail = panel.findChild<QLabel *>(QStringLiteral("claimDetailLabel"));
    QCOMPARE(detail->text(), html);
    QCOMPARE(detail->textFormat(), Qt::PlainText);
    auto *payload = panel.findChild<QPlainTextEdit *>(QStringLiteral("payloadPlainTextEdit"));
    QVERIFY(payload->toPlainText().contains(html));
    // Every label of the panel is plain text: none can render token content as HTML (J15).
    const QList<QLabel *> labels = panel.findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (!label->objectName().isEmpty()) {
            QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName()));
        }
    }
}

void TestJwtInspectorPanel::readableTimesAndCopyJson()
{
    App::JwtInspectorPanel panel(m_clock);
    const qint64 now = m_clock.nowSeconds();
    panel.showToken(token(
        Crypto::JwsAlgorithm::PS256, {{QStringLiteral("iat"), now + 7300}},
        QStringLiteral(
            "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token")));
    auto *claims = panel.findChild<QTableWidget *>(QStringLiteral("claimsTableWidget"));
    QString expMeaning;
    QString iatMeaning;
    for (int r = 0; r < claims->rowCount(); ++r) {
        if (claims->item(r, 0)->text() == QStringLiteral("exp")) {
            expMeaning = claims->item(r, 2)->text();
        }
        if (claims->item(r, 0)->text() == QStringLiteral("iat")) {
            iatMeaning = claims->item(r, 2)->text();
        }
    }
    QVERIFY2(expMeaning.contains(QStringLiteral("expires in 4 min"))
                 || expMeaning.contains(QStringLiteral("expires in 3 min")),
             qPrintable(expMeaning));
    QVERIFY2(iatMeaning.contains(QStringLiteral("issued 2 h"))
                 && iatMeaning.contains(QStringLiteral("in the future")),
             qPrintable(iatMeaning));
    panel.findChild<QPushButton *>(QStringLiteral("copyJsonButton"))->click();
    const QString copied = QApplication::clipboard()->text();
    QVERIFY(copied.contains(QStringLiteral("\"findings\"")));
    QVERIFY(copied.contains(QString(NetSuite::FindingCode::IatInFuture)));
    auto *signature = panel.findChild<QLabel *>(QStringLiteral("signatureLabel"));
    QVERIFY(signature->text().contains(QStringLiteral("not verified")));
}

void TestJwtInspectorPanel::selectedFindingIsReadableInFull()
{
    App::JwtInspectorPanel panel(m_clock);
    NetSuite::InspectionContext context;
    context.account = *NetSuite::AccountId::parse(QStringLiteral("1234567_SB1"));
    panel.setContext(context, QStringLiteral("Sandbox 1"));
    panel.resize(1280, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.showToken(token(
        Crypto::JwsAlgorithm::RS256, {},
        QStringLiteral(
            "https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token")));
    auto *tree = panel.findChild<QTreeWidget *>(QStringLiteral("findingsTreeWidget"));
    auto *message = panel.findChild<QLabel *>(QStringLiteral("findingMessageLabel"));
    auto *hint = panel.findChild<QLabel *>(QStringLiteral("findingHintLabel"));
    auto *title = panel.findChild<QLabel *>(QStringLiteral("findingTitleLabel"));
    auto *details = panel.findChild<QScrollArea *>(QStringLiteral("findingDetailsScrollArea"));
    QVERIFY(message && hint && title && details);
    const QList<NetSuite::Finding> &findings = panel.inspection().findings;
    QCOMPARE(tree->topLevelItemCount(), findings.size());
    QVERIFY(findings.size() >= 2);

    // The most severe finding is shown in full at once.
    QCOMPARE(message->text(), findings.first().message);
    bool sawLongMessage = false;
    for (int i = 0; i < findings.size(); ++i) {
        const NetSuite::Finding &finding = findings.at(i);
        tree->setCurrentItem(tree->topLevelItem(i));
        QCoreApplication::processEvents();
        QVERIFY(details->isVisible());
        QVERIFY(title->text().contains(finding.code));
        QCOMPARE(message->text(), finding.message); // all of it, not an elided copy
        QCOMPARE(hint->text(), finding.hint);
        QCOMPARE(message->textFormat(), Qt::PlainText);
        QCOMPARE(hint->textFormat(), Qt::PlainText);
        // Wrapped to the pane's width and given the height the wrapped text needs.
        for (QLabel *label : {message, hint}) {
            QVERIFY(label->wordWrap());
            QVERIFY2(label->width() <= details->viewport()->width(),
                     qPrintable(QString::number(label->width())));
            QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                     qPrintable(label->objectName()));
        }
        // The list's cell cannot show this message on one line: the pane is what makes it
        // readable.
        const int columnWidth = tree->header()->sectionSize(2);
        if (tree->fontMetrics().horizontalAdvance(finding.message) > columnWidth) {
            sawLongMessage = true;
            QVERIFY(!tree->topLevelItem(i)->toolTip(2).isEmpty());
        }
    }
    QVERIFY2(sawLongMessage, "expected at least one message longer than its column");
}

QTEST_MAIN(TestJwtInspectorPanel)
#include "TestJwtInspectorPanel.moc"
