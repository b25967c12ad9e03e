// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "gui/EnvironmentModel.h"
#include "gui/EnvironmentSession.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QWizard>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace Sb::App {

class DemoEmulator;
class Prompter;

struct SetupWizardServices
{
    QNetworkAccessManager &network;
    const Core::Clock &clock;
    Prompter &prompter;
    DemoEmulator *emulator = nullptr; ///< demo mode: creates the integration, takes the upload
};

/** A key pair and certificate made (or imported) on the key page. */
struct KeyMaterial
{
    Crypto::PrivateKey key;
    Crypto::Certificate certificate;
};

/**
 * The setup wizard: the seed guide's steps with the app doing the work — features to enable
 * (copyable paths), the integration record (Client ID validated, trap #1), key pair and
 * certificate generated off the GUI thread (or imported), the M2M mapping (trap #3; in demo
 * mode the certificate is really uploaded to the emulator), the account ID with a live preview
 * of host, token URL and `aud` (trap #2), and a connection test that ticks off mint, exchange
 * and a REST call, or shows the diagnosis with the assertion's findings first. It builds a
 * draft Environment and hands it over with environmentCreated() (KeePassXC's wizard pattern).
 */
class SetupWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SetupWizard)

public:
    enum PageId { IntroPage, IntegrationPage, KeyPage, MappingPage, AccountPage, TestPage };

    explicit SetupWizard(SetupWizardServices services, QWidget *parent = nullptr);
    ~SetupWizard() override;

    /** The environment as currently filled in (routed to the emulator in demo mode). */
    [[nodiscard]] Environment draftEnvironment() const;
    [[nodiscard]] bool keyGenerationRunning() const { return m_keyWatcher.isRunning(); }
    [[nodiscard]] bool testPassed() const { return m_testPassed; }

    void generateKey();
    void runTest();

signals:
    void environmentCreated(const Sb::App::Environment &environment);
    /** "Open in the inspector" on a failing test: the assertion and what to judge it by. */
    void inspectRequested(const QByteArray &token);

protected:
    void done(int result) override;

private:
    QWizardPage *createIntroPage();
    QWizardPage *createIntegrationPage();
    QWizardPage *createKeyPage();
    QWizardPage *createMappingPage();
    QWizardPage *createAccountPage();
    QWizardPage *createTestPage();
    void updateAccountPreview();
    void showKeyMaterial();
    void importKey();
    void uploadCertificate();
    void createDemoIntegration();
    void setStep(QLabel *label, const QString &state, const QString &text);

    SetupWizardServices m_services;
    std::optional<KeyMaterial> m_keyMaterial;
    QFutureWatcher<tl::expected<KeyMaterial, QString>> m_keyWatcher;
    int m_keyGeneration = 0;
    QPointer<EnvironmentSession> m_testSession;
    QPointer<SessionCall> m_testCall;
    bool m_testPassed = false;
    QByteArray m_failedAssertion;

    QLineEdit *m_clientIdEdit = nullptr;
    QLabel *m_clientIdStatus = nullptr;
    QLabel *m_demoSecretLabel = nullptr;
    QComboBox *m_keyTypeCombo = nullptr;
    QSpinBox *m_validitySpin = nullptr;
    QPushButton *m_generateButton = nullptr;
    QPushButton *m_cancelKeyButton = nullptr;
    QProgressBar *m_keyProgress = nullptr;
    QLabel *m_certificateInfoLabel = nullptr;
    QPushButton *m_saveCertificateButton = nullptr;
    QPushButton *m_copyCertificateButton = nullptr;
    QLineEdit *m_certificateIdEdit = nullptr;
    QLabel *m_certificateIdStatus = nullptr;
    QLabel *m_uploadStatus = nullptr;
    QLineEdit *m_accountEdit = nullptr;
    QLabel *m_accountStatus = nullptr;
    QLabel *m_hostLabel = nullptr;
    QLabel *m_tokenUrlLabel = nullptr;
    QLabel *m_audLabel = nullptr;
    QLabel *m_kindLabel = nullptr;
    QLabel *m_audTrapLabel = nullptr;
    QCheckBox *m_scopeRest = nullptr;
    QCheckBox *m_scopeRestlets = nullptr;
    QCheckBox *m_scopeAnalytics = nullptr;
    QLineEdit *m_envNameEdit = nullptr;
    QLabel *m_mintStep = nullptr;
    QLabel *m_exchangeStep = nullptr;
    QLabel *m_callStep = nullptr;
    QPlainTextEdit *m_diagnosisEdit = nullptr;
    QPushButton *m_testButton = nullptr;
    QPushButton *m_openInspectorButton = nullptr;
};

} // namespace Sb::App
