// SPDX-License-Identifier: MIT
#include "gui/DemoEmulator.h"
#include "gui/EnvironmentSession.h"
#include "gui/SetupWizard.h"
#include "http/Transport.h"
#include "netsuite/FindingCodes.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "ScriptedPrompter.h"

using namespace Sb;

class TestSetupWizard final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void clientIdIsValidated();
    void wholeRunEndsInAWorkingEnvironment();
    void wrongSandboxSuffixShowsTheAudTrap();

private:
    std::unique_ptr<App::SetupWizard> makeWizard();
    void walkToAccountPage(App::SetupWizard &wizard);
    template<typename T>
    static T *child(const App::SetupWizard &wizard, const char *name)
    {
        return wizard.findChild<T *>(QString::fromLatin1(name));
    }

    std::unique_ptr<App::DemoEmulator> m_emulator;
    std::unique_ptr<QNetworkAccessManager> m_network;
    Core::SystemClock m_clock;
    SbTest::ScriptedPrompter m_prompter;
};

void TestSetupWizard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_emulator = std::make_unique<App::DemoEmulator>(0.0);
    auto started = m_emulator->start();
    QVERIFY2(started, qPrintable(started ? QString() : started.error()));
    m_network = Http::makeNetworkAccessManager();
}

void TestSetupWizard::cleanupTestCase()
{
    m_emulator.reset();
}

std::unique_ptr<App::SetupWizard> TestSetupWizard::makeWizard()
{
    auto wizard = std::make_unique<App::SetupWizard>(
        App::SetupWizardServices{*m_network, m_clock, m_prompter, m_emulator.get()});
    wizard->show();
    return wizard;
}

void TestSetupWizard::clientIdIsValidated()
{
    auto wizard = makeWizard();
    wizard->next();
    QCOMPARE(wizard->currentId(), int(App::SetupWizard::IntegrationPage));
    QVERIFY(child<QLabel>(*wizard, "trapOneLabel")->text().contains(QStringLiteral("once")));
    auto *clientId = child<QLineEdit>(*wizard, "clientIdLineEdit");
    QTest::keyClicks(clientId, QStringLiteral("1234567"));
    QVERIFY(child<QLabel>(*wizard, "clientIdStatusLabel")->text().startsWith(QStringLiteral("✗")));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    clientId->setText(QString(64, u'g'));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    clientId->setText(QString(64, u'a'));
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
}

void TestSetupWizard::walkToAccountPage(App::SetupWizard &wizard)
{
    QVERIFY(child<QLabel>(wizard, "tbaNoteLabel"));
    wizard.next();
    child<QPushButton>(wizard, "createIntegrationButton")->click();
    QCOMPARE(child<QLineEdit>(wizard, "clientIdLineEdit")->text().size(), 64);
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    wizard.next();
    QCOMPARE(wizard.currentId(), int(App::SetupWizard::KeyPage));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    child<QComboBox>(wizard, "keyTypeComboBox")->setCurrentIndex(0); // EC P-256: fast
    child<QPushButton>(wizard, "generateKeyButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 20000);
    QVERIFY(
        child<QLabel>(wizard, "certificateInfoLabel")->text().contains(QStringLiteral("SHA-256")));
    QVERIFY(child<QPushButton>(wizard, "copyCertificateButton")->isEnabled());
    wizard.next();
    QCOMPARE(wizard.currentId(), int(App::SetupWizard::MappingPage));
    QVERIFY(child<QLabel>(wizard, "trapThreeLabel")
                ->text()
                .contains(QStringLiteral("Log in using OAuth 2.0 Access Tokens")));
    child<QPushButton>(wizard, "uploadCertificateButton")->click();
    QVERIFY2(!child<QLineEdit>(wizard, "certificateIdLineEdit")->text().isEmpty(),
             qPrintable(child<QLabel>(wizard, "uploadStatusLabel")->text()));
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    wizard.next();
    QCOMPARE(wizard.currentId(), int(App::SetupWizard::AccountPage));
}

void TestSetupWizard::wholeRunEndsInAWorkingEnvironment()
{
    auto wizard = makeWizard();
    walkToAccountPage(*wizard);
    if (QTest::currentTestFailed()) {
        return;
    }
    QTest::keyClicks(child<QLineEdit>(*wizard, "accountIdLineEdit"), QStringLiteral("1234567_SB1"));
    QCOMPARE(
        child<QLabel>(*wizard, "tokenUrlLabel")->text(),
        QStringLiteral(
            "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"));
    QCOMPARE(child<QLabel>(*wizard, "hostLabelLabel")->text(), QStringLiteral("1234567-sb1"));
    QCOMPARE(child<QLabel>(*wizard, "detectedKindLabel")->text(), QStringLiteral("Sandbox 1"));
    QVERIFY(child<QLabel>(*wizard, "audTrapLabel")->isHidden());
    wizard->next();
    QCOMPARE(wizard->currentId(), int(App::SetupWizard::TestPage));
    QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
    child<QPushButton>(*wizard, "testConnectionButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(wizard->testPassed(), 20000);
    for (const char *step : {"mintStepLabel", "exchangeStepLabel", "callStepLabel"}) {
        QCOMPARE(child<QLabel>(*wizard, step)->property("state").toString(), QStringLiteral("ok"));
    }
    QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
    QSignalSpy created(wizard.get(), &App::SetupWizard::environmentCreated);
    wizard->button(QWizard::FinishButton)->click();
    QCOMPARE(created.size(), 1);
    const auto env = created.at(0).at(0).value<App::Environment>();
    QVERIFY(env.canMint());
    QCOMPARE(env.target.account()->canonical(), QStringLiteral("1234567_SB1"));
    // The environment the wizard handed over works on its own.
    App::EnvironmentSession session(env, *m_network, m_clock);
    auto *call = session.testConnection();
    QSignalSpy finished(call, &App::SessionCall::finished);
    call->start();
    QVERIFY(finished.wait(20000));
    QVERIFY(call->outcome().ok);
}

void TestSetupWizard::wrongSandboxSuffixShowsTheAudTrap()
{
    auto wizard = makeWizard();
    walkToAccountPage(*wizard);
    if (QTest::currentTestFailed()) {
        return;
    }
    QTest::keyClicks(child<QLineEdit>(*wizard, "accountIdLineEdit"), QStringLiteral("1234567"));
    auto *trap = child<QLabel>(*wizard, "audTrapLabel");
    QVERIFY(!trap->isHidden()); // visible as you type
    QVERIFY(trap->text().contains(QStringLiteral("1234567_SB1")));
    QCOMPARE(child<QLabel>(*wizard, "audLabel")->text(),
             QStringLiteral(
                 "https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"));
    wizard->next();
    child<QPushButton>(*wizard, "testConnectionButton")->click();
    auto *exchange = child<QLabel>(*wizard, "exchangeStepLabel");
    QTRY_VERIFY_WITH_TIMEOUT(exchange->property("state").toString() == QStringLiteral("error"),
                             20000);
    QCOMPARE(child<QLabel>(*wizard, "mintStepLabel")->property("state").toString(),
             QStringLiteral("ok"));
    QVERIFY(!wizard->testPassed());
    const QString diagnosis
        = child<QPlainTextEdit>(*wizard, "testDiagnosisPlainTextEdit")->toPlainText();
    QVERIFY2(diagnosis.startsWith(QStringLiteral("[error] ")
                                  + QString(NetSuite::FindingCode::AudSandboxSuffixMissing)),
             qPrintable(diagnosis));
    QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
    auto *open = child<QPushButton>(*wizard, "openInInspectorButton");
    QVERIFY(open->isEnabled());
    QSignalSpy inspect(wizard.get(), &App::SetupWizard::inspectRequested);
    open->click();
    QCOMPARE(inspect.size(), 1);
    QCOMPARE(inspect.at(0).at(0).toByteArray().count('.'), 2);
}

QTEST_MAIN(TestSetupWizard)
#include "TestSetupWizard.moc"
