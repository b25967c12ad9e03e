// SPDX-License-Identifier: MIT
#include "gui/SetupWizard.h"

#include "gui/DemoEmulator.h"
#include "gui/IconProvider.h"
#include "gui/Prompter.h"
#include "netsuite/AccountId.h"
#include "netsuite/DisplayText.h"
#include "netsuite/Endpoints.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace Sb::App {

namespace {

/** A page whose completeness is a function of the wizard's state. */
class CheckedPage final : public QWizardPage
{
public:
    explicit CheckedPage(std::function<bool()> complete)
        : m_complete(std::move(complete))
    {}
    [[nodiscard]] bool isComplete() const override { return m_complete(); }
    void changed() { emit completeChanged(); }

private:
    std::function<bool()> m_complete;
};

QLabel *textLabel(const QString &text, QWidget *parent, const QString &objectName = {})
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    if (!objectName.isEmpty()) {
        label->setObjectName(objectName);
    }
    return label;
}

QLabel *trapLabel(const QString &text, QWidget *parent, const QString &objectName)
{
    QLabel *label = textLabel(text, parent, objectName);
    label->setStyleSheet(
        QStringLiteral("QLabel { background: #fff8c5; color: #3b2300; "
                       "border: 1px solid #d4a72c; border-radius: 4px; padding: 6px; }"));
    return label;
}

/** A read-only, selectable path with a copy button. */
QWidget *copyablePath(const QString &path, const QString &objectName, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *edit = new QLineEdit(path, row);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setAccessibleName(path);
    auto *copy = new QPushButton(themedIcon(QStringLiteral("copy")), QString(), row);
    copy->setObjectName(objectName + QStringLiteral("CopyButton"));
    copy->setToolTip(QObject::tr("Copy the path"));
    copy->setAccessibleName(QObject::tr("Copy %1").arg(path));
    QObject::connect(copy, &QPushButton::clicked, row,
                     [path] { QApplication::clipboard()->setText(path); });
    layout->addWidget(edit, 1);
    layout->addWidget(copy);
    return row;
}

CheckedPage *checked(QWizardPage *page)
{
    return static_cast<CheckedPage *>(page);
}

bool validClientId(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-fA-F]{64}$"));
    return re.match(text.trimmed()).hasMatch();
}

bool validCertificateId(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]{16,128}$"));
    return re.match(text.trimmed()).hasMatch();
}

tl::expected<KeyMaterial, QString> makeKeyMaterial(Crypto::KeySpec spec, int days)
{
    auto key = Crypto::generateKey(spec);
    if (!key) {
        return tl::unexpected(key.error().message);
    }
    Crypto::CertificateRequest request;
    request.commonName = QStringLiteral("Suitebench M2M");
    request.validityDays = days;
    auto cert = Crypto::Certificate::createSelfSigned(*key, request);
    if (!cert) {
        return tl::unexpected(cert.error().message);
    }
    return KeyMaterial{*key, *cert};
}

} // namespace

SetupWizard::SetupWizard(SetupWizardServices services, QWidget *parent)
    : QWizard(parent)
    , m_services(services)
{
    setObjectName(QStringLiteral("setupWizard"));
    setWindowTitle(tr("Set up NetSuite machine-to-machine access"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setMinimumSize(760, 620);
    setPage(IntroPage, createIntroPage());
    setPage(IntegrationPage, createIntegrationPage());
    setPage(KeyPage, createKeyPage());
    setPage(MappingPage, createMappingPage());
    setPage(AccountPage, createAccountPage());
    setPage(TestPage, createTestPage());
    connect(&m_keyWatcher, &QFutureWatcher<tl::expected<KeyMaterial, QString>>::finished, this,
            [this] {
                if (m_keyWatcher.property("generation").toInt() != m_keyGeneration) {
                    return; // cancelled: the result is ignored
                }
                m_keyProgress->setVisible(false);
                m_generateButton->setEnabled(true);
                m_cancelKeyButton->setEnabled(false);
                auto result = m_keyWatcher.result();
                if (!result) {
                    m_certificateInfoLabel->setText(
                        tr("Key generation failed: %1").arg(result.error()));
                    return;
                }
                m_keyMaterial = *result;
                showKeyMaterial();
            });
}

SetupWizard::~SetupWizard()
{
    ++m_keyGeneration;
    m_keyWatcher.waitForFinished();
}

QWizardPage *SetupWizard::createIntroPage()
{
    auto *page = new CheckedPage([] { return true; });
    page->setObjectName(QStringLiteral("introWizardPage"));
    page->setTitle(tr("1 · What you need"));
    page->setSubTitle(tr("An administrator role in the NetSuite account, about ten minutes, and "
                         "two features switched on."));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(
        textLabel(tr("Switch on these two features (Setup > Company > Enable Features, SuiteCloud "
                     "tab), then save; NetSuite may log you out:"),
                  page));
    layout->addWidget(textLabel(tr("• REST Web Services"), page));
    layout->addWidget(copyablePath(QStringLiteral("Setup > Company > Enable Features > SuiteCloud "
                                                  "> SuiteTalk (Web Services) > REST Web Services"),
                                   QStringLiteral("restFeaturePathLineEdit"), page));
    layout->addWidget(textLabel(tr("• OAuth 2.0"), page));
    layout->addWidget(copyablePath(
        QStringLiteral(
            "Setup > Company > Enable Features > SuiteCloud > Manage Authentication > OAuth 2.0"),
        QStringLiteral("oauthFeaturePathLineEdit"), page));
    layout->addWidget(
        textLabel(tr("Token-Based Authentication does not need to be enabled for this flow, "
                     "whatever some guides say: "
                     "Oracle's setup pages list only OAuth 2.0 and REST Web Services."),
                  page, QStringLiteral("tbaNoteLabel")));
    layout->addWidget(
        textLabel(tr("The app then does the rest with you: it checks the Client ID, makes the key "
                     "pair and certificate, "
                     "builds the token URL from your account ID, and tests the connection."),
                  page));
    if (m_services.emulator) {
        layout->addWidget(trapLabel(
            tr("Demo mode: the steps run against the built-in NetSuite emulator "
               "(account %1). Buttons marked “emulator” do what you would do in NetSuite.")
                .arg(m_services.emulator->info().account),
            page, QStringLiteral("demoModeLabel")));
    }
    layout->addStretch();
    return page;
}

QWizardPage *SetupWizard::createIntegrationPage()
{
    auto *page = new CheckedPage([this] { return validClientId(m_clientIdEdit->text()); });
    page->setObjectName(QStringLiteral("integrationWizardPage"));
    page->setTitle(tr("2 · The integration record"));
    page->setSubTitle(tr("Create one integration record for this connection."));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(
        copyablePath(QStringLiteral("Setup > Integration > Manage Integrations > New"),
                     QStringLiteral("integrationPathLineEdit"), page));
    layout->addWidget(
        textLabel(tr("On the Authentication tab:\n"
                     "  ✓ tick  Client Credentials (Machine to Machine) Grant\n"
                     "  ✗ untick  Token-Based Authentication, TBA: Authorization Flow\n"
                     "  ✗ untick  Authorization Code Grant and User Credentials (not used here)\n"
                     "Give it a name you will recognise in six months, then save."),
                  page));
    layout->addWidget(trapLabel(
        tr("Trap #1: NetSuite shows the Client ID and the Client Secret once, right after saving. "
           "Copy the Client ID now (you would have to reset the record otherwise). "
           "The machine-to-machine flow never uses the secret: you do not need to store it."),
        page, QStringLiteral("trapOneLabel")));
    auto *form = new QFormLayout;
    m_clientIdEdit = new QLineEdit(page);
    m_clientIdEdit->setObjectName(QStringLiteral("clientIdLineEdit"));
    m_clientIdEdit->setAccessibleName(tr("Client ID"));
    m_clientIdEdit->setPlaceholderText(tr("64 hexadecimal characters"));
    m_clientIdEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    form->addRow(tr("Client ID:"), m_clientIdEdit);
    layout->addLayout(form);
    m_clientIdStatus = textLabel(QString(), page, QStringLiteral("clientIdStatusLabel"));
    layout->addWidget(m_clientIdStatus);
    if (m_services.emulator) {
        auto *create = new QPushButton(themedIcon(QStringLiteral("wizard")),
                                       tr("Create the integration in the emulator"), page);
        create->setObjectName(QStringLiteral("createIntegrationButton"));
        layout->addWidget(create);
        connect(create, &QPushButton::clicked, this, &SetupWizard::createDemoIntegration);
        m_demoSecretLabel = textLabel(QString(), page, QStringLiteral("demoSecretLabel"));
        layout->addWidget(m_demoSecretLabel);
    }
    layout->addStretch();
    connect(m_clientIdEdit, &QLineEdit::textChanged, this, [this, page](const QString &text) {
        const QString t = text.trimmed();
        if (t.isEmpty()) {
            m_clientIdStatus->clear();
        } else if (validClientId(t)) {
            m_clientIdStatus->setText(tr("✓ looks like a Client ID"));
        } else if (t.size() != 64) {
            m_clientIdStatus->setText(tr("✗ a Client ID has 64 characters; this has %1. "
                                         "Not the Application ID, and not the secret.")
                                          .arg(t.size()));
        } else {
            m_clientIdStatus->setText(tr("✗ a Client ID holds only 0–9 and a–f"));
        }
        checked(page)->changed();
    });
    return page;
}

void SetupWizard::createDemoIntegration()
{
    auto created = m_services.emulator->createIntegration(QStringLiteral("Suitebench wizard"));
    if (!created) {
        m_demoSecretLabel->setText(tr("The emulator refused: %1").arg(created.error()));
        return;
    }
    m_clientIdEdit->setText(created->clientId);
    m_demoSecretLabel->setText(
        tr("The emulator, like NetSuite, showed the Client ID and a secret once. "
           "The secret is not kept: M2M never uses it."));
}

QWizardPage *SetupWizard::createKeyPage()
{
    auto *page = new CheckedPage([this] { return m_keyMaterial.has_value(); });
    page->setObjectName(QStringLiteral("keyWizardPage"));
    page->setTitle(tr("3 · Key pair and certificate"));
    page->setSubTitle(
        tr("You keep the private key; NetSuite gets the certificate. The key stays in this app's "
           "secret store and is never written to a plain file unless you ask."));
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout;
    m_keyTypeCombo = new QComboBox(page);
    m_keyTypeCombo->setObjectName(QStringLiteral("keyTypeComboBox"));
    m_keyTypeCombo->setAccessibleName(tr("Key type"));
    m_keyTypeCombo->addItem(tr("EC P-256 (ES256, fast)"), QStringLiteral("ec256"));
    m_keyTypeCombo->addItem(tr("EC P-384 (ES384)"), QStringLiteral("ec384"));
    m_keyTypeCombo->addItem(tr("EC P-521 (ES512)"), QStringLiteral("ec521"));
    m_keyTypeCombo->addItem(tr("RSA-PSS 3072-bit (PS256)"), QStringLiteral("pss3072"));
    m_keyTypeCombo->addItem(tr("RSA-PSS 4096-bit (PS256, takes seconds)"),
                            QStringLiteral("pss4096"));
    m_validitySpin = new QSpinBox(page);
    m_validitySpin->setObjectName(QStringLiteral("validityDaysSpinBox"));
    m_validitySpin->setAccessibleName(tr("Certificate validity in days"));
    m_validitySpin->setRange(1, 730); // NetSuite caps certificates at two years
    m_validitySpin->setValue(730);
    m_validitySpin->setSuffix(tr(" days"));
    form->addRow(tr("Key type:"), m_keyTypeCombo);
    form->addRow(tr("Valid for:"), m_validitySpin);
    layout->addLayout(form);
    auto *buttons = new QHBoxLayout;
    m_generateButton = new QPushButton(themedIcon(QStringLiteral("key")),
                                       tr("Generate key and certificate"), page);
    m_generateButton->setObjectName(QStringLiteral("generateKeyButton"));
    m_cancelKeyButton = new QPushButton(themedIcon(QStringLiteral("cancel")), tr("Cancel"), page);
    m_cancelKeyButton->setObjectName(QStringLiteral("cancelKeyButton"));
    m_cancelKeyButton->setEnabled(false);
    auto *import = new QPushButton(themedIcon(QStringLiteral("folder")),
                                   tr("Import key and certificate…"), page);
    import->setObjectName(QStringLiteral("importKeyButton"));
    m_keyProgress = new QProgressBar(page);
    m_keyProgress->setObjectName(QStringLiteral("keyProgressBar"));
    m_keyProgress->setRange(0, 0);
    m_keyProgress->setVisible(false);
    buttons->addWidget(m_generateButton);
    buttons->addWidget(m_cancelKeyButton);
    buttons->addWidget(import);
    buttons->addWidget(m_keyProgress, 1);
    layout->addLayout(buttons);
    m_certificateInfoLabel = textLabel(QString(), page, QStringLiteral("certificateInfoLabel"));
    m_certificateInfoLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_certificateInfoLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_certificateInfoLabel);
    auto *certButtons = new QHBoxLayout;
    m_saveCertificateButton = new QPushButton(themedIcon(QStringLiteral("save")),
                                              tr("Save certificate for upload…"), page);
    m_saveCertificateButton->setObjectName(QStringLiteral("saveCertificateButton"));
    m_copyCertificateButton
        = new QPushButton(themedIcon(QStringLiteral("copy")), tr("Copy certificate"), page);
    m_copyCertificateButton->setObjectName(QStringLiteral("copyCertificateButton"));
    m_saveCertificateButton->setEnabled(false);
    m_copyCertificateButton->setEnabled(false);
    certButtons->addWidget(m_saveCertificateButton);
    certButtons->addWidget(m_copyCertificateButton);
    certButtons->addStretch();
    layout->addLayout(certButtons);
    layout->addStretch();
    connect(m_generateButton, &QPushButton::clicked, this, &SetupWizard::generateKey);
    connect(m_cancelKeyButton, &QPushButton::clicked, this, [this] {
        ++m_keyGeneration; // the worker cannot be interrupted; its result is ignored
        m_keyProgress->setVisible(false);
        m_generateButton->setEnabled(true);
        m_cancelKeyButton->setEnabled(false);
        m_certificateInfoLabel->setText(tr("Cancelled."));
    });
    connect(import, &QPushButton::clicked, this, &SetupWizard::importKey);
    connect(m_saveCertificateButton, &QPushButton::clicked, this, [this] {
        const QString path = m_services.prompter.saveFileName(
            this, tr("Save the certificate"), QStringLiteral("suitebench-m2m.pem"),
            tr("Certificates (*.pem *.crt *.cer)"));
        if (path.isEmpty() || !m_keyMaterial) {
            return;
        }
        QFile file(path);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            file.write(m_keyMaterial->certificate.toPem());
        }
    });
    connect(m_copyCertificateButton, &QPushButton::clicked, this, [this] {
        if (m_keyMaterial) {
            QApplication::clipboard()->setText(
                QString::fromLatin1(m_keyMaterial->certificate.toPem()));
        }
    });
    return page;
}

void SetupWizard::generateKey()
{
    if (m_keyWatcher.isRunning()) {
        return;
    }
    Crypto::KeySpec spec;
    const QString choice = m_keyTypeCombo->currentData().toString();
    if (choice.startsWith(QLatin1String("ec"))) {
        spec.type = Crypto::KeyType::Ec;
        spec.curve = choice == QLatin1String("ec384")   ? Crypto::Curve::P384
                     : choice == QLatin1String("ec521") ? Crypto::Curve::P521
                                                        : Crypto::Curve::P256;
    } else {
        spec.type = Crypto::KeyType::RsaPss;
        spec.bits = choice == QLatin1String("pss4096") ? 4096 : 3072;
    }
    const int days = m_validitySpin->value();
    m_keyProgress->setVisible(true);
    m_generateButton->setEnabled(false);
    m_cancelKeyButton->setEnabled(true);
    m_certificateInfoLabel->setText(tr("Generating…"));
    ++m_keyGeneration;
    m_keyWatcher.setProperty("generation", m_keyGeneration);
    m_keyWatcher.setFuture(QtConcurrent::run([spec, days] { return makeKeyMaterial(spec, days); }));
}

void SetupWizard::importKey()
{
    const QString keyPath
        = m_services.prompter.openFileName(this, tr("Private key (PEM)"), tr("Keys (*.pem *.key)"));
    if (keyPath.isEmpty()) {
        return;
    }
    auto key = Crypto::PrivateKey::fromFile(keyPath);
    if (!key) {
        m_certificateInfoLabel->setText(tr("Cannot use this key: %1").arg(key.error().message));
        return;
    }
    // A combined file (certificate + key) is common; otherwise ask for the certificate.
    auto cert = Crypto::Certificate::fromFile(keyPath);
    if (!cert) {
        const QString certPath = m_services.prompter.openFileName(
            this, tr("Its certificate (PEM)"), tr("Certificates (*.pem *.crt *.cer)"));
        if (certPath.isEmpty()) {
            return;
        }
        cert = Crypto::Certificate::fromFile(certPath);
    }
    if (!cert) {
        m_certificateInfoLabel->setText(
            tr("Cannot read the certificate: %1").arg(cert.error().message));
        return;
    }
    if (!cert->belongsTo(*key)) {
        m_certificateInfoLabel->setText(tr("This certificate is for a different key."));
        return;
    }
    m_keyMaterial = KeyMaterial{*key, *cert};
    showKeyMaterial();
}

void SetupWizard::showKeyMaterial()
{
    const Crypto::CertificateInfo info = m_keyMaterial->certificate.info();
    const qint64 daysLeft = m_services.clock.now().daysTo(info.notAfter);
    m_certificateInfoLabel->setText(
        tr("Key:          %1\nSubject:      %2\nValid until:  %3 (%n day(s))\nSHA-256:      %4",
           nullptr, int(daysLeft))
            .arg(info.key.describe(), info.subject, info.notAfter.toString(Qt::ISODate),
                 Crypto::CertificateInfo::formatFingerprint(info.sha256Fingerprint)));
    m_saveCertificateButton->setEnabled(true);
    m_copyCertificateButton->setEnabled(true);
    checked(page(KeyPage))->changed();
}

QWizardPage *SetupWizard::createMappingPage()
{
    auto *page
        = new CheckedPage([this] { return validCertificateId(m_certificateIdEdit->text()); });
    page->setObjectName(QStringLiteral("mappingWizardPage"));
    page->setTitle(tr("4 · The M2M mapping"));
    page->setSubTitle(tr("Tie the integration, an entity, a role and your certificate together."));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(
        copyablePath(QStringLiteral("Setup > Integration > Manage Authentication > OAuth 2.0 "
                                    "Client Credentials (M2M) Setup > Create New"),
                     QStringLiteral("mappingPathLineEdit"), page));
    layout->addWidget(textLabel(
        tr("Entity: a dedicated integration employee, not a person's login.\n"
           "Role: a dedicated integration role. Application: the integration record from step 2.\n"
           "Certificate: the file you saved (or pasted) in step 3."),
        page));
    layout->addWidget(trapLabel(
        tr("Trap #3: the role must have “Log in using OAuth 2.0 Access Tokens” or it will not even "
           "appear in the list, plus “REST Web Services” (Full), the record permissions you need, "
           "and “SuiteAnalytics Workbook” for SuiteQL and record lists. Missing permissions "
           "often come back as HTTP 400, not 403."),
        page, QStringLiteral("trapThreeLabel")));
    if (m_services.emulator) {
        auto *upload = new QPushButton(themedIcon(QStringLiteral("send")),
                                       tr("Upload the certificate to the emulator"), page);
        upload->setObjectName(QStringLiteral("uploadCertificateButton"));
        layout->addWidget(upload);
        connect(upload, &QPushButton::clicked, this, &SetupWizard::uploadCertificate);
    }
    m_uploadStatus = textLabel(QString(), page, QStringLiteral("uploadStatusLabel"));
    layout->addWidget(m_uploadStatus);
    auto *form = new QFormLayout;
    m_certificateIdEdit = new QLineEdit(page);
    m_certificateIdEdit->setObjectName(QStringLiteral("certificateIdLineEdit"));
    m_certificateIdEdit->setAccessibleName(tr("Certificate ID"));
    m_certificateIdEdit->setPlaceholderText(
        tr("the Certificate ID NetSuite shows after the upload"));
    m_certificateIdEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    form->addRow(tr("Certificate ID:"), m_certificateIdEdit);
    layout->addLayout(form);
    m_certificateIdStatus = textLabel(QString(), page, QStringLiteral("certificateIdStatusLabel"));
    layout->addWidget(m_certificateIdStatus);
    layout->addStretch();
    connect(m_certificateIdEdit, &QLineEdit::textChanged, this, [this, page](const QString &text) {
        m_certificateIdStatus->setText(
            text.trimmed().isEmpty() ? QString()
            : validCertificateId(text)
                ? tr("✓ looks like a Certificate ID (it becomes the assertion's kid)")
                : tr("✗ a Certificate ID holds only letters, digits, “-” and “_”"));
        checked(page)->changed();
    });
    return page;
}

void SetupWizard::uploadCertificate()
{
    if (!m_keyMaterial) {
        m_uploadStatus->setText(tr("Make or import a key and certificate first (step 3)."));
        return;
    }
    auto mapping = m_services.emulator->uploadCertificate(m_keyMaterial->certificate.toPem(),
                                                          m_clientIdEdit->text().trimmed());
    if (!mapping) {
        m_uploadStatus->setText(tr("The emulator refused the upload: %1").arg(mapping.error()));
        return;
    }
    m_certificateIdEdit->setText(mapping->certificateId);
    m_uploadStatus->setText(
        tr("Uploaded: mapped to role %1 and entity %2, valid until %3%4.")
            .arg(mapping->roleId)
            .arg(mapping->entityId)
            .arg(mapping->validUntil.toString(Qt::ISODate),
                 mapping->shortened ? tr(" (shortened to two years)") : QString()));
}

QWizardPage *SetupWizard::createAccountPage()
{
    auto *page = new CheckedPage([this] {
        return NetSuite::AccountId::parse(m_accountEdit->text()).has_value()
               && (m_scopeRest->isChecked() || m_scopeRestlets->isChecked()
                   || m_scopeAnalytics->isChecked());
    });
    page->setObjectName(QStringLiteral("accountWizardPage"));
    page->setTitle(tr("5 · Account and scopes"));
    page->setSubTitle(tr(
        "Type the account ID exactly as NetSuite shows it (Setup > Company > Company Information), "
        "or paste any URL from the account."));
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout;
    m_accountEdit = new QLineEdit(page);
    m_accountEdit->setObjectName(QStringLiteral("accountIdLineEdit"));
    m_accountEdit->setAccessibleName(tr("Account ID"));
    m_accountEdit->setPlaceholderText(QStringLiteral("1234567_SB1"));
    form->addRow(tr("Account ID:"), m_accountEdit);
    m_accountStatus = textLabel(QString(), page, QStringLiteral("accountStatusLabel"));
    form->addRow(QString(), m_accountStatus);
    m_kindLabel = textLabel(QString(), page, QStringLiteral("detectedKindLabel"));
    m_hostLabel = textLabel(QString(), page, QStringLiteral("hostLabelLabel"));
    m_tokenUrlLabel = textLabel(QString(), page, QStringLiteral("tokenUrlLabel"));
    m_audLabel = textLabel(QString(), page, QStringLiteral("audLabel"));
    for (QLabel *l : {m_hostLabel, m_tokenUrlLabel, m_audLabel}) {
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }
    form->addRow(tr("Kind:"), m_kindLabel);
    form->addRow(tr("Host label:"), m_hostLabel);
    form->addRow(tr("Token URL:"), m_tokenUrlLabel);
    form->addRow(tr("aud claim:"), m_audLabel);
    layout->addLayout(form);
    m_audTrapLabel = trapLabel(QString(), page, QStringLiteral("audTrapLabel"));
    m_audTrapLabel->setVisible(false);
    layout->addWidget(m_audTrapLabel);
    auto *scopes = new QHBoxLayout;
    m_scopeRest = new QCheckBox(QStringLiteral("rest_webservices"), page);
    m_scopeRest->setObjectName(QStringLiteral("scopeRestWebServicesCheckBox"));
    m_scopeRest->setChecked(true);
    m_scopeRestlets = new QCheckBox(QStringLiteral("restlets"), page);
    m_scopeRestlets->setObjectName(QStringLiteral("scopeRestletsCheckBox"));
    m_scopeAnalytics = new QCheckBox(QStringLiteral("suite_analytics"), page);
    m_scopeAnalytics->setObjectName(QStringLiteral("scopeSuiteAnalyticsCheckBox"));
    scopes->addWidget(new QLabel(tr("Scopes:"), page));
    scopes->addWidget(m_scopeRest);
    scopes->addWidget(m_scopeRestlets);
    scopes->addWidget(m_scopeAnalytics);
    scopes->addStretch();
    layout->addLayout(scopes);
    auto *nameForm = new QFormLayout;
    m_envNameEdit = new QLineEdit(page);
    m_envNameEdit->setObjectName(QStringLiteral("environmentNameLineEdit"));
    m_envNameEdit->setAccessibleName(tr("Environment name"));
    m_envNameEdit->setPlaceholderText(tr("e.g. Sandbox 1 (integration)"));
    nameForm->addRow(tr("Environment name:"), m_envNameEdit);
    layout->addLayout(nameForm);
    layout->addStretch();
    connect(m_accountEdit, &QLineEdit::textChanged, this, [this, page] {
        updateAccountPreview();
        checked(page)->changed();
    });
    for (QCheckBox *box : {m_scopeRest, m_scopeRestlets, m_scopeAnalytics}) {
        connect(box, &QCheckBox::toggled, this, [page] { checked(page)->changed(); });
    }
    return page;
}

void SetupWizard::updateAccountPreview()
{
    const QString text = m_accountEdit->text();
    auto parsed = NetSuite::AccountId::parse(text);
    m_audTrapLabel->setVisible(false);
    if (!parsed) {
        m_accountStatus->setText(
            text.trimmed().isEmpty() ? QString() : QStringLiteral("✗ ") + parsed.error().message);
        for (QLabel *l : {m_kindLabel, m_hostLabel, m_tokenUrlLabel, m_audLabel}) {
            l->clear();
        }
        return;
    }
    const NetSuite::AccountId &account = *parsed;
    m_accountStatus->setText(tr("✓ %1").arg(account.canonical()));
    m_kindLabel->setText(account.kind().displayName());
    m_hostLabel->setText(account.hostLabel());
    const QString tokenUrl = NetSuite::tokenUrl(account).toString();
    m_tokenUrlLabel->setText(tokenUrl);
    m_audLabel->setText(tokenUrl);
    if (m_envNameEdit->text().isEmpty() || m_envNameEdit->property("auto").toBool()) {
        m_envNameEdit->setText(account.kind().displayName() + QStringLiteral(" ")
                               + account.canonical());
        m_envNameEdit->setProperty("auto", true);
    }
    // Trap #2 made visible as you type.
    if (m_services.emulator) {
        const NetSuite::AccountId emulated = m_services.emulator->account();
        if (emulated.baseId() == account.baseId() && emulated != account) {
            m_audTrapLabel->setText(
                tr("Trap #2: the account you are connecting to is %1, but this ID makes aud end in "
                   "“%2”. NetSuite compares aud exactly: the token request will be refused.")
                    .arg(emulated.canonical(), account.hostLabel()));
            m_audTrapLabel->setVisible(true);
            return;
        }
    }
    if (account.kind().isProduction() && !account.parsedFromUrl()) {
        m_audTrapLabel->setText(
            tr("Trap #2: this is a PRODUCTION account ID. If you are setting up a sandbox, its ID "
               "ends in _SB1, _SB2…; the host label and aud must include it (%1-sb1).")
                .arg(account.hostLabel()));
        m_audTrapLabel->setVisible(true);
    }
}

QWizardPage *SetupWizard::createTestPage()
{
    auto *page = new CheckedPage([this] { return m_testPassed; });
    page->setObjectName(QStringLiteral("testWizardPage"));
    page->setTitle(tr("6 · Test the connection"));
    page->setSubTitle(
        tr("Mint an assertion, exchange it for an access token, and call record/v1/customer."));
    page->setFinalPage(true);
    auto *layout = new QVBoxLayout(page);
    m_testButton = new QPushButton(themedIcon(QStringLiteral("send")), tr("Test connection"), page);
    m_testButton->setObjectName(QStringLiteral("testConnectionButton"));
    layout->addWidget(m_testButton);
    auto *grid = new QGridLayout;
    m_mintStep = textLabel(QString(), page, QStringLiteral("mintStepLabel"));
    m_exchangeStep = textLabel(QString(), page, QStringLiteral("exchangeStepLabel"));
    m_callStep = textLabel(QString(), page, QStringLiteral("callStepLabel"));
    grid->addWidget(m_mintStep, 0, 0);
    grid->addWidget(m_exchangeStep, 1, 0);
    grid->addWidget(m_callStep, 2, 0);
    layout->addLayout(grid);
    m_diagnosisEdit = new QPlainTextEdit(page);
    m_diagnosisEdit->setObjectName(QStringLiteral("testDiagnosisPlainTextEdit"));
    m_diagnosisEdit->setAccessibleName(tr("Diagnosis"));
    m_diagnosisEdit->setReadOnly(true);
    layout->addWidget(m_diagnosisEdit, 1);
    m_openInspectorButton = new QPushButton(themedIcon(QStringLiteral("inspector")),
                                            tr("Open the assertion in the inspector"), page);
    m_openInspectorButton->setObjectName(QStringLiteral("openInInspectorButton"));
    m_openInspectorButton->setEnabled(false);
    layout->addWidget(m_openInspectorButton);
    setStep(m_mintStep, QStringLiteral("pending"), tr("Mint the client assertion"));
    setStep(m_exchangeStep, QStringLiteral("pending"), tr("Exchange it for an access token"));
    setStep(m_callStep, QStringLiteral("pending"), tr("GET record/v1/customer"));
    connect(m_testButton, &QPushButton::clicked, this, &SetupWizard::runTest);
    connect(m_openInspectorButton, &QPushButton::clicked, this,
            [this] { emit inspectRequested(m_failedAssertion); });
    return page;
}

void SetupWizard::setStep(QLabel *label, const QString &state, const QString &text)
{
    const QString symbol = state == QLatin1String("ok")        ? QStringLiteral("✓")
                           : state == QLatin1String("error")   ? QStringLiteral("✗")
                           : state == QLatin1String("running") ? QStringLiteral("…")
                                                               : QStringLiteral("○");
    label->setText(symbol + QStringLiteral("  ") + text);
    label->setProperty("state", state);
    label->setStyleSheet(state == QLatin1String("ok")      ? QStringLiteral("color: #1a7f37")
                         : state == QLatin1String("error") ? QStringLiteral("color: #cf222e")
                                                           : QString());
}

Environment SetupWizard::draftEnvironment() const
{
    Environment env;
    auto account = NetSuite::AccountId::parse(m_accountEdit->text());
    env.name = m_envNameEdit->text().trimmed().isEmpty()
                   ? (account ? account->canonical() : tr("New environment"))
                   : m_envNameEdit->text().trimmed();
    if (account) {
        env.target = NetSuite::Target::netSuite(*account);
    }
    env.clientId = m_clientIdEdit->text().trimmed();
    env.certificateId = m_certificateIdEdit->text().trimmed();
    if (m_scopeRest->isChecked()) {
        env.scopes.append(QStringLiteral("rest_webservices"));
    }
    if (m_scopeRestlets->isChecked()) {
        env.scopes.append(QStringLiteral("restlets"));
    }
    if (m_scopeAnalytics->isChecked()) {
        env.scopes.append(QStringLiteral("suite_analytics"));
    }
    if (m_keyMaterial) {
        env.privateKey = m_keyMaterial->key;
        env.certificate = m_keyMaterial->certificate;
    }
    if (m_services.emulator) {
        // Demo mode: the account's traffic goes to the emulator, which plays its own account,
        // so a mistyped account ID meets the real aud trap there.
        env.connectTo = m_services.emulator->connectTo();
        env.routedAccount = m_services.emulator->account();
        env.demo = true;
    }
    env.addBuiltInVariables();
    return env;
}

void SetupWizard::runTest()
{
    if (m_testCall) {
        return;
    }
    m_testPassed = false;
    m_failedAssertion.clear();
    m_openInspectorButton->setEnabled(false);
    m_diagnosisEdit->clear();
    checked(page(TestPage))->changed();
    if (m_testSession) {
        m_testSession->deleteLater();
    }
    m_testSession
        = new EnvironmentSession(draftEnvironment(), m_services.network, m_services.clock, this);
    setStep(m_mintStep, QStringLiteral("pending"), tr("Mint the client assertion"));
    setStep(m_exchangeStep, QStringLiteral("pending"), tr("Exchange it for an access token"));
    setStep(m_callStep, QStringLiteral("pending"), tr("GET record/v1/customer"));
    m_testCall = m_testSession->testConnection();
    auto labelFor = [this](SessionCall::Step step) {
        return step == SessionCall::Step::Mint       ? m_mintStep
               : step == SessionCall::Step::Exchange ? m_exchangeStep
                                                     : m_callStep;
    };
    connect(m_testCall, &SessionCall::stepStarted, this, [this, labelFor](SessionCall::Step step) {
        QLabel *label = labelFor(step);
        setStep(label, QStringLiteral("running"), label->text().mid(3));
    });
    connect(m_testCall, &SessionCall::stepFinished, this,
            [this, labelFor](SessionCall::Step step, bool ok, const QString &detail) {
                const QString name = step == SessionCall::Step::Mint ? tr("Mint")
                                     : step == SessionCall::Step::Exchange
                                         ? tr("Exchange")
                                         : tr("GET record/v1/customer");
                setStep(labelFor(step), ok ? QStringLiteral("ok") : QStringLiteral("error"),
                        name + QStringLiteral(": ") + detail);
            });
    connect(m_testCall, &SessionCall::finished, this, [this](const CallOutcome &outcome) {
        m_testCall->deleteLater();
        m_testCall = nullptr;
        m_testPassed = outcome.ok;
        if (!outcome.ok) {
            QString text;
            // The assertion's own findings first: they name the cause when it is ours.
            if (outcome.assertionInspection) {
                for (const NetSuite::Finding &f : outcome.assertionInspection->findings) {
                    if (f.severity != NetSuite::Severity::Info) {
                        text += QStringLiteral("[%1] %2: %3\n    → %4\n")
                                    .arg(NetSuite::severityName(f.severity), f.code, f.message,
                                         f.hint);
                    }
                }
            }
            if (outcome.diagnosis) {
                text += QLatin1Char('\n') + outcome.diagnosis->toText();
            } else if (!outcome.errorText.isEmpty()) {
                text += outcome.errorText;
            }
            m_diagnosisEdit->setPlainText(text);
            m_failedAssertion = outcome.assertion;
            m_openInspectorButton->setEnabled(!m_failedAssertion.isEmpty());
        } else {
            m_diagnosisEdit->setPlainText(tr("Everything works. Finish to add the environment."));
        }
        checked(page(TestPage))->changed();
    });
    m_testCall->start();
}

void SetupWizard::done(int result)
{
    if (result == QDialog::Accepted && m_testPassed) {
        emit environmentCreated(draftEnvironment());
    }
    if (m_testCall) {
        m_testCall->cancel();
    }
    QWizard::done(result);
}

} // namespace Sb::App
