// SPDX-License-Identifier: MIT
// The environment manager, export and import dialogs over a real workspace in a temporary
// folder and a memory secret store, driven through their widgets by object name.
#include "crypto/Keys.h"
#include "gui/EnvironmentDialogs.h"
#include "netsuite/AccountId.h"
#include "secrets/SecretStore.h"
#include "support/ResultTesting.h"
#include "workspace/Environments.h"
#include "workspace/Exchange.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QTreeWidget>

#include "ScriptedPrompter.h"
#include <sys/stat.h>

using namespace Sb;

namespace {

const QString SecretValue = QStringLiteral("S3NTINEL-secret-value-7f3a9c");
const QString EnvName = QStringLiteral("SB1 tests");
const QString EnvHost = QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com");

int modeOf(const QString &path)
{
    struct stat st
    {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

/** Every text a person (or a screen reader) could read off @p root and its children. */
QStringList visibleTexts(const QWidget &root)
{
    QStringList out{root.windowTitle()};
    QList<QWidget *> widgets = root.findChildren<QWidget *>();
    for (const QWidget *widget : std::as_const(widgets)) {
        out << widget->toolTip() << widget->accessibleName();
        if (const auto *label = qobject_cast<const QLabel *>(widget)) {
            out << label->text();
        } else if (const auto *edit = qobject_cast<const QLineEdit *>(widget)) {
            out << edit->text() << edit->placeholderText();
        } else if (const auto *text = qobject_cast<const QTextEdit *>(widget)) {
            out << text->toPlainText();
        } else if (const auto *plain = qobject_cast<const QPlainTextEdit *>(widget)) {
            out << plain->toPlainText();
        } else if (const auto *list = qobject_cast<const QListWidget *>(widget)) {
            for (int i = 0; i < list->count(); ++i) {
                out << list->item(i)->text();
            }
        } else if (const auto *combo = qobject_cast<const QComboBox *>(widget)) {
            for (int i = 0; i < combo->count(); ++i) {
                out << combo->itemText(i);
            }
        } else if (const auto *table = qobject_cast<const QTableWidget *>(widget)) {
            for (int r = 0; r < table->rowCount(); ++r) {
                for (int c = 0; c < table->columnCount(); ++c) {
                    if (const QTableWidgetItem *item = table->item(r, c)) {
                        out << item->text() << item->toolTip();
                    }
                }
            }
        } else if (const auto *tree = qobject_cast<const QTreeWidget *>(widget)) {
            for (int r = 0; r < tree->topLevelItemCount(); ++r) {
                for (int c = 0; c < tree->columnCount(); ++c) {
                    out << tree->topLevelItem(r)->text(c);
                }
            }
        } else if (const auto *button = qobject_cast<const QAbstractButton *>(widget)) {
            out << button->text();
        }
    }
    out.removeAll(QString());
    return out;
}

void saveScreenshot(QWidget &widget, const char *name)
{
    const QString dir = qEnvironmentVariable("SB_ENVDLG_SCREENSHOTS");
    if (dir.isEmpty()) {
        return;
    }
    QTest::qWait(50);
    widget.grab().save(dir + QStringLiteral("/envdlg-") + QString::fromLatin1(name)
                       + QStringLiteral(".png"));
}

/** Opens the cell's editor (the real delegate), types @p text and presses Return. */
bool editCell(QTableWidget *table, int row, int column, const QString &text,
              QLineEdit::EchoMode *echoMode = nullptr)
{
    QTableWidgetItem *item = table->item(row, column);
    if (!item) {
        return false;
    }
    const auto openEditor = [table]() -> QLineEdit * {
        const QList<QLineEdit *> editors = table->viewport()->findChildren<QLineEdit *>();
        for (QLineEdit *candidate : editors) {
            if (candidate->isVisible()) {
                return candidate;
            }
        }
        return nullptr;
    };
    const bool alreadyOpen
        = table->currentRow() == row && table->currentColumn() == column && openEditor();
    if (!alreadyOpen) {
        table->setCurrentCell(row, column);
        table->editItem(item);
    }
    QLineEdit *editor = openEditor();
    if (!editor) {
        return false;
    }
    if (echoMode) {
        *echoMode = editor->echoMode();
    }
    editor->setText(text);
    QTest::keyClick(editor, Qt::Key_Return);
    QCoreApplication::processEvents(); // the delegate commits on Return through a queued call
    return true;
}

} // namespace

class TestEnvironmentDialogs final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void exportDialogAndFileCarryNoSecret();
    void postmanExportCarriesNoSecret();
    void bundleNeedsMatchingPassphrasesAndRoundTrips();
    void importShowsHostsAndWritesNothingWhenCancelled();
    void importOfCustomHostWarnsAndNeedsAcknowledgement();
    void damagedOrNewerImportShowsErrorAndWritesNothing();
    void managerNewWithInvalidAccountSavesNothing();
    void managerCreatesEditsDuplicatesAndDeletes();
    void managerRenameKeepsKeyAndSecrets();

private:
    template<typename T>
    static T *child(const QWidget &parent, const char *name)
    {
        auto *found = parent.findChild<T *>(QString::fromLatin1(name));
        if (!found) {
            qWarning("no child %s", name);
        }
        return found;
    }
    /** The workspace file and the secret names: "nothing written" compares these. */
    [[nodiscard]] std::pair<QByteArray, QStringList> snapshot() const
    {
        return {readAll(m_store->filePath()), m_secrets->names()};
    }
    void verifyNoSecretIn(const QStringList &texts, const QByteArray &bytes = {}) const;

    QByteArray m_keyPem;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace::WorkspaceStore> m_store;
    std::unique_ptr<Secrets::MemorySecretStore> m_secrets;
    std::unique_ptr<Workspace::Environments> m_environments;
    SbTest::ScriptedPrompter m_prompter;
};

void TestEnvironmentDialogs::initTestCase()
{
    const auto key = Crypto::generateKey({Crypto::KeyType::Ec, 0, Crypto::Curve::P256});
    SB_VERIFY_RESULT(key);
    const auto pem = key->toPkcs8Pem();
    SB_VERIFY_RESULT(pem);
    m_keyPem = pem->exposeForApi();
}

void TestEnvironmentDialogs::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<Workspace::WorkspaceStore>(m_dir->filePath(QStringLiteral("ws")));
    m_secrets = std::make_unique<Secrets::MemorySecretStore>();
    m_environments = std::make_unique<Workspace::Environments>(*m_store, *m_secrets);
    m_prompter = SbTest::ScriptedPrompter();

    Workspace::Environment env;
    env.name = EnvName;
    env.accountId = QStringLiteral("1234567_SB1");
    env.clientId = QStringLiteral("client-123");
    env.certificateId = QStringLiteral("cert-456");
    env.algorithm = QStringLiteral("ES256");
    env.scopes = {QStringLiteral("rest_webservices"), QStringLiteral("restlets")};
    env.concurrencyLimit = 5;
    env.variables = {{QStringLiteral("customer"), QStringLiteral("42"), false, true},
                     {QStringLiteral("apiSecret"), SecretValue, true, true}};
    Workspace::SavedRequest request;
    request.name = QStringLiteral("Get customer");
    request.url = EnvHost + QStringLiteral("/services/rest/record/v1/customer/{{customer}}");
    env.collections = {{QStringLiteral("Customers"), {request}}};
    SB_VERIFY_RESULT(m_environments->create(env, Crypto::SecureBytes(m_keyPem)));
}

void TestEnvironmentDialogs::cleanup()
{
    m_environments.reset();
    m_secrets.reset();
    m_store.reset();
    m_dir.reset();
}

void TestEnvironmentDialogs::verifyNoSecretIn(const QStringList &texts,
                                              const QByteArray &bytes) const
{
    const QString all = texts.join(u'\n');
    QVERIFY2(!all.contains(SecretValue), "a secret variable value is shown");
    QVERIFY(!bytes.contains(SecretValue.toUtf8()));
    for (const QByteArray &line : m_keyPem.split('\n')) {
        if (line.trimmed().isEmpty()) {
            continue;
        }
        QVERIFY2(!all.contains(QString::fromLatin1(line)), line.constData());
        QVERIFY2(!bytes.contains(line), line.constData());
    }
}

void TestEnvironmentDialogs::exportDialogAndFileCarryNoSecret()
{
    App::ExportDialog dialog(*m_environments, m_prompter, EnvName);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *format = child<QComboBox>(dialog, "exportFormat");
    QCOMPARE(format->currentData().toInt(), int(Workspace::ExchangeFormat::Suitebench));
    QCOMPARE(child<QComboBox>(dialog, "exportEnvironment")->currentText(), EnvName);
    QVERIFY(!child<QLineEdit>(dialog, "exportPassphrase")->isVisible());
    QCOMPARE(child<QLabel>(dialog, "exportKindBadge")->text(),
             QStringLiteral("SANDBOX 1 · 1234567_SB1"));

    const QString summary = child<QLabel>(dialog, "exportSummary")->text();
    const qsizetype notIndex = summary.indexOf(QStringLiteral("Will NOT be in the file"));
    QVERIFY2(notIndex > 0, qPrintable(summary));
    QVERIFY(summary.indexOf(QStringLiteral("the private key"), notIndex) > notIndex);
    QVERIFY(summary.indexOf(QStringLiteral("the values of secret variables"), notIndex) > notIndex);
    QVERIFY(summary.indexOf(QStringLiteral("access tokens"), notIndex) > notIndex);
    QVERIFY(summary.left(notIndex).contains(QStringLiteral("1234567_SB1")));
    QVERIFY(summary.left(notIndex).contains(QStringLiteral("1 saved request")));
    QVERIFY(summary.left(notIndex).contains(QStringLiteral("name of 1 secret variable")));
    saveScreenshot(dialog, "export-default");

    const QString path = m_dir->filePath(QStringLiteral("out/sb1.suitebench.json"));
    m_prompter.fileNames = {path};
    QSignalSpy exported(&dialog, &App::ExportDialog::exported);
    QTest::mouseClick(child<QPushButton>(dialog, "exportSaveButton"), Qt::LeftButton);
    QCOMPARE(exported.count(), 1);
    QCOMPARE(dialog.writtenPath(), path);
    QVERIFY(QFile::exists(path));
    QCOMPARE(modeOf(path), 0600);
    const QByteArray bytes = readAll(path);
    QJsonParseError error{};
    const QJsonDocument json = QJsonDocument::fromJson(bytes, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(json.object().value(QStringLiteral("format")).toString(),
             QStringLiteral("suitebench-environment"));
    QVERIFY(bytes.contains("apiSecret")); // the secret variable is there by name
    QVERIFY(child<QLabel>(dialog, "exportStatus")->text().contains(path));
    QVERIFY(!m_prompter.asked.isEmpty());

    verifyNoSecretIn(visibleTexts(dialog), bytes);
    // What was written parses back without key and with the secret left empty.
    const auto parsed = Workspace::parseImport(bytes);
    SB_VERIFY_RESULT(parsed);
    QVERIFY(parsed->privateKeyPem.isEmpty());
}

void TestEnvironmentDialogs::postmanExportCarriesNoSecret()
{
    App::ExportDialog dialog(*m_environments, m_prompter, EnvName);
    dialog.show();
    auto *format = child<QComboBox>(dialog, "exportFormat");
    format->setCurrentIndex(format->findData(int(Workspace::ExchangeFormat::Postman)));
    const QString summary = child<QLabel>(dialog, "exportSummary")->text();
    const qsizetype notIndex = summary.indexOf(QStringLiteral("Will NOT be in the file"));
    QVERIFY(summary.indexOf(QStringLiteral("the private key"), notIndex) > notIndex);
    QVERIFY(summary.indexOf(QStringLiteral("saved requests"), notIndex) > notIndex);

    const QString path = m_dir->filePath(QStringLiteral("sb1.postman_environment.json"));
    m_prompter.fileNames = {path};
    QVERIFY(dialog.exportToFile());
    QCOMPARE(modeOf(path), 0600);
    const QByteArray bytes = readAll(path);
    QVERIFY(QJsonDocument::fromJson(bytes).object().contains(QStringLiteral("values")));
    verifyNoSecretIn(visibleTexts(dialog), bytes);
}

void TestEnvironmentDialogs::bundleNeedsMatchingPassphrasesAndRoundTrips()
{
    const QString passphrase = QStringLiteral("correct horse battery");
    QString bundlePath = m_dir->filePath(QStringLiteral("sb1.suitebench.age"));
    {
        App::ExportDialog dialog(*m_environments, m_prompter, EnvName);
        dialog.setWorkFactor(6);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *format = child<QComboBox>(dialog, "exportFormat");
        format->setCurrentIndex(format->findData(int(Workspace::ExchangeFormat::AgeBundle)));
        auto *pass = child<QLineEdit>(dialog, "exportPassphrase");
        auto *confirm = child<QLineEdit>(dialog, "exportPassphraseConfirm");
        auto *status = child<QLabel>(dialog, "exportPassphraseStatus");
        auto *save = child<QPushButton>(dialog, "exportSaveButton");
        QVERIFY(pass->isVisible());
        QCOMPARE(pass->echoMode(), QLineEdit::Password);
        QCOMPARE(confirm->echoMode(), QLineEdit::Password);
        const QString summary = child<QLabel>(dialog, "exportSummary")->text();
        const qsizetype notIndex = summary.indexOf(QStringLiteral("Will NOT be in the file"));
        QVERIFY(summary.left(notIndex).contains(QStringLiteral("the private key")));
        QVERIFY(summary.contains(QStringLiteral("passphrase")));
        QVERIFY(!save->isEnabled());

        QTest::keyClicks(pass, QStringLiteral("too short"));
        QVERIFY(status->text().contains(QStringLiteral("at least 12")));
        QVERIFY(!save->isEnabled());
        pass->setText(passphrase);
        QTest::keyClicks(confirm, QStringLiteral("correct horse battery!"));
        QVERIFY(status->text().contains(QStringLiteral("do not match")));
        QVERIFY(!save->isEnabled());
        m_prompter.fileNames = {bundlePath};
        QVERIFY(!dialog.exportToFile()); // refused while they differ; the file picker not asked
        QCOMPARE(m_prompter.fileNames.size(), 1);
        confirm->setText(passphrase);
        QVERIFY(save->isEnabled());
        saveScreenshot(dialog, "export-bundle");
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY2(QFile::exists(bundlePath),
                 qPrintable(child<QLabel>(dialog, "exportStatus")->text()));
        QCOMPARE(modeOf(bundlePath), 0600);
        QVERIFY(pass->text().isEmpty()); // cleared after use
        QVERIFY(confirm->text().isEmpty());
        verifyNoSecretIn(visibleTexts(dialog), readAll(bundlePath));
    }

    // The bundle round-trips through the import dialog into another workspace.
    QTemporaryDir other;
    Workspace::WorkspaceStore otherStore(other.filePath(QStringLiteral("ws")));
    Secrets::MemorySecretStore otherSecrets;
    Workspace::Environments teammate(otherStore, otherSecrets);
    App::ImportDialog dialog(teammate, m_prompter);
    dialog.show();
    m_prompter.fileNames = {bundlePath};
    QTest::mouseClick(child<QPushButton>(dialog, "importChooseButton"), Qt::LeftButton);
    auto *pass = child<QLineEdit>(dialog, "importPassphrase");
    QVERIFY(pass->isVisible());
    QCOMPARE(pass->echoMode(), QLineEdit::Password);
    QVERIFY(!child<QPushButton>(dialog, "importAccept")->isEnabled());

    QTest::keyClicks(pass, QStringLiteral("wrong passphrase!"));
    QTest::mouseClick(child<QPushButton>(dialog, "importOpenButton"), Qt::LeftButton);
    QVERIFY(child<QLabel>(dialog, "importError")->isVisible());
    QVERIFY(!child<QLabel>(dialog, "importError")->text().isEmpty());
    QVERIFY(!child<QPushButton>(dialog, "importAccept")->isEnabled());
    QVERIFY(!QFile::exists(otherStore.filePath()));

    QTest::keyClicks(pass, passphrase);
    QTest::keyClick(pass, Qt::Key_Return);
    QVERIFY(!pass->isVisible());
    QCOMPARE(child<QLineEdit>(dialog, "importName")->text(), EnvName);
    QVERIFY(child<QLabel>(dialog, "importKey")
                ->text()
                .contains(QStringLiteral("carries a private "
                                         "key")));
    QVERIFY(child<QLabel>(dialog, "importFormat")->text().contains(QStringLiteral("Encrypted")));
    auto *hosts = child<QListWidget>(dialog, "importHosts");
    QVERIFY(!hosts->findItems(EnvHost, Qt::MatchExactly).isEmpty());
    QVERIFY(!child<QLabel>(dialog, "importHostWarning")->isVisible());
    saveScreenshot(dialog, "import-bundle");
    // The preview shows no secret although the bundle carries them.
    verifyNoSecretIn(visibleTexts(dialog));
    QVERIFY(!QFile::exists(otherStore.filePath())); // nothing written before Import

    QSignalSpy changed(&dialog, &App::ImportDialog::environmentsChanged);
    QTest::mouseClick(child<QPushButton>(dialog, "importAccept"), Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const auto stored = teammate.get(EnvName);
    SB_VERIFY_RESULT(stored);
    QVERIFY(stored->hasPrivateKey);
    QCOMPARE(teammate.privateKeyPem(*stored)->exposeForApi(), m_keyPem);
    QCOMPARE(teammate.withSecretValues(*stored)->variables.at(1).value, SecretValue);
    QVERIFY(!readAll(otherStore.filePath()).contains(SecretValue.toUtf8()));
}

void TestEnvironmentDialogs::importShowsHostsAndWritesNothingWhenCancelled()
{
    const auto exported
        = m_environments->exportEnvironment(EnvName, Workspace::ExchangeFormat::Suitebench);
    SB_VERIFY_RESULT(exported);
    const QString path = m_dir->filePath(QStringLiteral("in.json"));
    writeFile(path, *exported);
    const auto before = snapshot();

    {
        App::ImportDialog dialog(*m_environments, m_prompter);
        dialog.show();
        m_prompter.fileNames = {path};
        QVERIFY(dialog.chooseFile());
        auto *hosts = child<QListWidget>(dialog, "importHosts");
        QVERIFY(hosts->isVisible());
        QVERIFY(!hosts->findItems(EnvHost, Qt::MatchExactly).isEmpty());
        QVERIFY(!child<QLabel>(dialog, "importHostWarning")->isVisible());
        QCOMPARE(child<QLabel>(dialog, "importAccount")->text(), QStringLiteral("1234567_SB1"));
        QCOMPARE(child<QLabel>(dialog, "importKindBadge")->text(), QStringLiteral("SANDBOX 1"));
        QVERIFY(child<QLabel>(dialog, "importKey")->text().contains(QStringLiteral("None")));
        QCOMPARE(child<QLabel>(dialog, "importHostWarning")->textFormat(), Qt::PlainText);

        // The name exists: the question comes first, and "no" writes nothing.
        auto *accept = child<QPushButton>(dialog, "importAccept");
        QVERIFY(accept->isEnabled());
        m_prompter.confirmAnswers = {false};
        QTest::mouseClick(accept, Qt::LeftButton);
        QVERIFY(m_prompter.asked.last().contains(EnvName));
        QVERIFY(m_prompter.asked.last().contains(QStringLiteral("exists")));
        QVERIFY(dialog.isVisible());
        QCOMPARE(snapshot(), before);

        QTest::mouseClick(child<QPushButton>(dialog, "importCancel"), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(snapshot(), before);
    }

    // Under another name it is stored next to the original.
    App::ImportDialog dialog(*m_environments, m_prompter);
    QVERIFY(dialog.openFile(path));
    child<QLineEdit>(dialog, "importName")->setText(QStringLiteral("SB1 imported"));
    QVERIFY(dialog.importEnvironment());
    QCOMPARE(dialog.importedName(), QStringLiteral("SB1 imported"));
    const auto imported = m_environments->get(QStringLiteral("SB1 imported"));
    SB_VERIFY_RESULT(imported);
    QVERIFY(!imported->hasPrivateKey);
    QCOMPARE(m_environments->list()->size(), 2);
}

void TestEnvironmentDialogs::importOfCustomHostWarnsAndNeedsAcknowledgement()
{
    Workspace::Environment env;
    env.id = QStringLiteral("e1");
    env.name = QStringLiteral("Elsewhere");
    env.tokenUrl = QStringLiteral("https://auth.example.com/oauth2/token");
    env.clientId = QStringLiteral("client-123");
    env.certificateId = QStringLiteral("cert-456");
    const QString path = m_dir->filePath(QStringLiteral("elsewhere.json"));
    writeFile(path, Workspace::exportSuitebench(env));
    const auto before = snapshot();

    App::ImportDialog dialog(*m_environments, m_prompter);
    dialog.show();
    m_prompter.fileNames = {path};
    QTest::mouseClick(child<QPushButton>(dialog, "importChooseButton"), Qt::LeftButton);
    auto *hosts = child<QListWidget>(dialog, "importHosts");
    QVERIFY(
        !hosts->findItems(QStringLiteral("https://auth.example.com"), Qt::MatchEndsWith).isEmpty());
    QVERIFY(hosts->item(0)->text().startsWith(QStringLiteral("⚠")));
    auto *warning = child<QLabel>(dialog, "importHostWarning");
    QVERIFY(warning->isVisible());
    QVERIFY(warning->text().contains(QStringLiteral("outside netsuite.com")));
    QCOMPARE(child<QLabel>(dialog, "importKindBadge")->text(), QStringLiteral("CUSTOM"));
    saveScreenshot(dialog, "import-custom-host");

    auto *accept = child<QPushButton>(dialog, "importAccept");
    auto *acknowledge = child<QCheckBox>(dialog, "importHostsConfirm");
    QVERIFY(acknowledge->isVisible());
    QVERIFY(!accept->isEnabled());
    QVERIFY(!dialog.importEnvironment());
    QCOMPARE(snapshot(), before);
    acknowledge->setChecked(true);
    QVERIFY(accept->isEnabled());
    QTest::mouseClick(accept, Qt::LeftButton);
    const auto stored = m_environments->get(QStringLiteral("Elsewhere"));
    SB_VERIFY_RESULT(stored);
    QCOMPARE(stored->tokenUrl, env.tokenUrl);
}

void TestEnvironmentDialogs::damagedOrNewerImportShowsErrorAndWritesNothing()
{
    const auto before = snapshot();
    const QString damaged = m_dir->filePath(QStringLiteral("damaged.json"));
    writeFile(damaged, "{\"format\":\"suitebench-environment\",\"formatVersion\":1,\"envir");
    const QString newer = m_dir->filePath(QStringLiteral("newer.json"));
    writeFile(newer, "{\"format\":\"suitebench-environment\",\"formatVersion\":99,"
                     "\"environment\":{}}");
    const QString bundle = m_dir->filePath(QStringLiteral("bad.age"));
    writeFile(bundle, "age-encryption.org/v1\n-> scrypt AAAA 6\nnot really\n--- x\n");

    App::ImportDialog dialog(*m_environments, m_prompter);
    dialog.show();
    for (const QString &path : {damaged, newer}) {
        m_prompter.fileNames = {path};
        QTest::mouseClick(child<QPushButton>(dialog, "importChooseButton"), Qt::LeftButton);
        auto *error = child<QLabel>(dialog, "importError");
        QVERIFY(error->isVisible());
        QCOMPARE(error->textFormat(), Qt::PlainText);
        const auto expected = Workspace::readImportFile(path);
        QVERIFY(!expected);
        QCOMPARE(error->text(), expected.error().message);
        QVERIFY(!child<QListWidget>(dialog, "importHosts")->isVisible());
        QVERIFY(!child<QPushButton>(dialog, "importAccept")->isEnabled());
        QVERIFY(!dialog.importEnvironment());
        if (path == newer) {
            QVERIFY(error->text().contains(QStringLiteral("newer")));
            saveScreenshot(dialog, "import-error");
        }
    }
    m_prompter.fileNames = {bundle};
    QTest::mouseClick(child<QPushButton>(dialog, "importChooseButton"), Qt::LeftButton);
    auto *pass = child<QLineEdit>(dialog, "importPassphrase");
    QTest::keyClicks(pass, QStringLiteral("some passphrase"));
    QTest::mouseClick(child<QPushButton>(dialog, "importOpenButton"), Qt::LeftButton);
    QVERIFY(!child<QLabel>(dialog, "importError")->text().isEmpty());
    QVERIFY(!child<QPushButton>(dialog, "importAccept")->isEnabled());
    QCOMPARE(snapshot(), before);
}

void TestEnvironmentDialogs::managerNewWithInvalidAccountSavesNothing()
{
    App::EnvironmentManagerDialog manager(*m_environments, m_prompter);
    manager.show();
    QVERIFY(QTest::qWaitForWindowExposed(&manager));
    QCOMPARE(child<QTreeWidget>(manager, "envManagerList")->topLevelItemCount(), 1);
    const auto before = snapshot();
    QSignalSpy changed(&manager, &App::EnvironmentManagerDialog::environmentsChanged);

    QTest::mouseClick(child<QPushButton>(manager, "envNewButton"), Qt::LeftButton);
    QPointer<App::EnvironmentEditDialog> editor = manager.findChild<App::EnvironmentEditDialog *>();
    QVERIFY(editor);
    QVERIFY(editor->isVisible());
    QTest::keyClicks(child<QLineEdit>(*editor, "envEditName"), QStringLiteral("Typo"));
    const QString badAccount = QStringLiteral("1234567.app");
    QTest::keyClicks(child<QLineEdit>(*editor, "envEditAccount"), badAccount);
    const auto parsed = NetSuite::AccountId::parse(badAccount);
    QVERIFY(!parsed);
    QCOMPARE(child<QLabel>(*editor, "envEditTargetStatus")->text(), parsed.error().message);
    QVERIFY(!child<QLabel>(*editor, "envEditKindBadge")->isVisible());
    QTest::keyClicks(child<QLineEdit>(*editor, "envEditClientId"), QStringLiteral("client-1"));
    QTest::keyClicks(child<QLineEdit>(*editor, "envEditCertificateId"), QStringLiteral("cert-1"));
    saveScreenshot(*editor, "edit-invalid-account");

    QTest::mouseClick(child<QPushButton>(*editor, "envEditSave"), Qt::LeftButton);
    QVERIFY(editor);
    QVERIFY(editor->isVisible());
    auto *error = child<QLabel>(*editor, "envEditError");
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(parsed.error().message));
    QCOMPARE(snapshot(), before);
    QCOMPARE(changed.count(), 0);
    // Nothing typed is lost.
    QCOMPARE(child<QLineEdit>(*editor, "envEditName")->text(), QStringLiteral("Typo"));

    // A name that is taken: the library's message, still nothing written.
    auto *account = child<QLineEdit>(*editor, "envEditAccount");
    account->setText(QStringLiteral("7654321"));
    child<QLineEdit>(*editor, "envEditName")->setText(EnvName);
    QVERIFY(!editor->save());
    QVERIFY(error->text().contains(QStringLiteral("exists")));
    QCOMPARE(snapshot(), before);
    editor->reject();
}

void TestEnvironmentDialogs::managerCreatesEditsDuplicatesAndDeletes()
{
    App::EnvironmentManagerDialog manager(*m_environments, m_prompter);
    manager.show();
    QVERIFY(QTest::qWaitForWindowExposed(&manager));
    auto *list = child<QTreeWidget>(manager, "envManagerList");
    auto *status = child<QLabel>(manager, "envManagerStatus");
    QSignalSpy changed(&manager, &App::EnvironmentManagerDialog::environmentsChanged);
    QCOMPARE(list->topLevelItem(0)->text(0), EnvName);
    QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("1234567_SB1"));
    QVERIFY(list->topLevelItem(0)->text(1).contains(QStringLiteral("Sandbox 1")));
    verifyNoSecretIn(visibleTexts(manager));

    // New: a production account, typed live; a secret variable entered through its masked editor.
    QTest::mouseClick(child<QPushButton>(manager, "envNewButton"), Qt::LeftButton);
    QPointer<App::EnvironmentEditDialog> editor = manager.findChild<App::EnvironmentEditDialog *>();
    QVERIFY(editor);
    QTest::keyClicks(child<QLineEdit>(*editor, "envEditName"), QStringLiteral("Production"));
    QTest::keyClicks(child<QLineEdit>(*editor, "envEditAccount"), QStringLiteral("7654321"));
    QCOMPARE(child<QLabel>(*editor, "envEditKindBadge")->text(), QStringLiteral("PRODUCTION"));
    QVERIFY(child<QLabel>(*editor, "envEditTargetStatus")
                ->text()
                .contains(QStringLiteral("https://7654321.suitetalk.api.netsuite.com/")));
    QTest::keyClicks(child<QLineEdit>(*editor, "envEditClientId"), QStringLiteral("client-9"));
    QTest::keyClicks(child<QLineEdit>(*editor, "envEditCertificateId"), QStringLiteral("cert-9"));
    child<QCheckBox>(*editor, "envEditScopeSuiteAnalytics")->setChecked(true);
    child<QSpinBox>(*editor, "envEditConcurrency")->setValue(3);
    const QString keyPath = m_dir->filePath(QStringLiteral("key.pem"));
    writeFile(keyPath, m_keyPem);
    m_prompter.fileNames = {keyPath};
    QTest::mouseClick(child<QPushButton>(*editor, "envEditChooseKey"), Qt::LeftButton);
    QVERIFY(child<QLabel>(*editor, "envEditKeyStatus")->text().contains(QStringLiteral("EC")));
    auto *table = child<QTableWidget>(*editor, "envEditVariables");
    QTest::mouseClick(child<QPushButton>(*editor, "envEditAddVariable"), Qt::LeftButton);
    QVERIFY(editCell(table, 0, 0, QStringLiteral("token")));
    table->item(0, 2)->setCheckState(Qt::Checked);
    QLineEdit::EchoMode echo = QLineEdit::Normal;
    const QString newSecret = QStringLiteral("typed-secret-0b5e");
    QVERIFY(editCell(table, 0, 1, newSecret, &echo));
    QCOMPARE(echo, QLineEdit::Password);
    QVERIFY(!table->item(0, 1)->text().contains(newSecret));
    QTest::mouseClick(child<QPushButton>(*editor, "envEditAddVariable"), Qt::LeftButton);
    QVERIFY(editCell(table, 1, 0, QStringLiteral("region")));
    QVERIFY(editCell(table, 1, 1, QStringLiteral("emea")));
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral("emea"));
    saveScreenshot(*editor, "edit-new");
    QTest::mouseClick(child<QPushButton>(*editor, "envEditSave"), Qt::LeftButton);
    QTRY_VERIFY(!editor);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(list->topLevelItemCount(), 2);
    QCOMPARE(manager.currentName(), QStringLiteral("Production"));
    auto created = m_environments->get(QStringLiteral("Production"));
    SB_VERIFY_RESULT(created);
    QCOMPARE(created->accountId, QStringLiteral("7654321"));
    QCOMPARE(created->scopes,
             (QStringList{QStringLiteral("rest_webservices"), QStringLiteral("suite_analytics")}));
    QCOMPARE(created->concurrencyLimit, 3);
    QVERIFY(created->hasPrivateKey);
    QCOMPARE(m_environments->privateKeyPem(*created)->exposeForApi(), m_keyPem);
    QCOMPARE(created->variables.size(), 2);
    QVERIFY(created->variables.at(0).secret);
    QCOMPARE(m_environments->withSecretValues(*created)->variables.at(0).value, newSecret);
    QVERIFY(!readAll(m_store->filePath()).contains(newSecret.toUtf8()));
    QVERIFY(status->text().contains(QStringLiteral("Production")));

    // Edit: the stored secret shows masked; the key and the secret survive a change.
    QVERIFY(manager.selectEnvironment(EnvName));
    QTest::mouseClick(child<QPushButton>(manager, "envEditButton"), Qt::LeftButton);
    editor = manager.findChild<App::EnvironmentEditDialog *>();
    QVERIFY(editor);
    QVERIFY(editor->isEditing());
    QCOMPARE(child<QLineEdit>(*editor, "envEditAccount")->text(), QStringLiteral("1234567_SB1"));
    QVERIFY(child<QLabel>(*editor, "envEditKeyStatus")->text().contains(QStringLiteral("stored")));
    table = child<QTableWidget>(*editor, "envEditVariables");
    QCOMPARE(table->rowCount(), 2);
    QVERIFY(table->item(1, 1)->text().contains(QStringLiteral("stored")));
    verifyNoSecretIn(visibleTexts(*editor));
    saveScreenshot(*editor, "edit-existing");
    auto *clientId = child<QLineEdit>(*editor, "envEditClientId");
    clientId->setText(QStringLiteral("client-edited"));
    QTest::mouseClick(child<QPushButton>(*editor, "envEditSave"), Qt::LeftButton);
    QTRY_VERIFY(!editor);
    QCOMPARE(changed.count(), 2);
    auto edited = m_environments->get(EnvName);
    SB_VERIFY_RESULT(edited);
    QCOMPARE(edited->clientId, QStringLiteral("client-edited"));
    QVERIFY(edited->hasPrivateKey);
    QCOMPARE(m_environments->privateKeyPem(*edited)->exposeForApi(), m_keyPem);
    QCOMPARE(m_environments->withSecretValues(*edited)->variables.at(1).value, SecretValue);
    QCOMPARE(edited->collections.size(), 1); // fields the form does not show are kept
    QCOMPARE(edited->algorithm, QStringLiteral("ES256"));

    // Duplicate: no key, and it says so.
    QVERIFY(manager.selectEnvironment(EnvName));
    QTest::mouseClick(child<QPushButton>(manager, "envDuplicateButton"), Qt::LeftButton);
    QCOMPARE(changed.count(), 3);
    const QString copyName = EnvName + QStringLiteral(" (copy)");
    auto copy = m_environments->get(copyName);
    SB_VERIFY_RESULT(copy);
    QVERIFY(!copy->hasPrivateKey);
    QVERIFY(copy->id != edited->id);
    QCOMPARE(copy->clientId, QStringLiteral("client-edited"));
    QVERIFY(status->text().contains(QStringLiteral("private key is not copied")));
    QCOMPARE(manager.currentName(), copyName);
    QCOMPARE(list->topLevelItemCount(), 3);
    QTest::mouseClick(child<QPushButton>(manager, "envDuplicateButton"), Qt::LeftButton);
    SB_VERIFY_RESULT(m_environments->get(EnvName + QStringLiteral(" (copy) (copy)")));
    saveScreenshot(manager, "manager");

    // Delete: asks first, naming the environment and its key; "no" keeps it.
    QVERIFY(manager.selectEnvironment(EnvName));
    const QStringList secretsBefore = m_secrets->names();
    m_prompter.confirmAnswers = {false};
    QTest::mouseClick(child<QPushButton>(manager, "envDeleteButton"), Qt::LeftButton);
    QVERIFY(m_prompter.asked.last().contains(EnvName));
    QVERIFY(m_prompter.asked.last().contains(QStringLiteral("private key")));
    SB_VERIFY_RESULT(m_environments->get(EnvName));
    QCOMPARE(changed.count(), 4);
    m_prompter.confirmAnswers = {true};
    QTest::mouseClick(child<QPushButton>(manager, "envDeleteButton"), Qt::LeftButton);
    SB_VERIFY_ERROR(m_environments->get(EnvName), Workspace::WorkspaceError::Code::NotFound);
    QCOMPARE(changed.count(), 5);
    for (const QString &name : m_secrets->names()) {
        QVERIFY2(!name.contains(edited->id), qPrintable(name));
    }
    QVERIFY(m_secrets->names().size() < secretsBefore.size());
    QVERIFY(status->text().contains(QStringLiteral("Deleted")));
    QCOMPARE(list->topLevelItemCount(), 3);

    // Export… and Import… open their dialogs for the selection.
    QVERIFY(manager.selectEnvironment(QStringLiteral("Production")));
    QTest::mouseClick(child<QPushButton>(manager, "envExportButton"), Qt::LeftButton);
    QPointer<App::ExportDialog> exportDialog = manager.findChild<App::ExportDialog *>();
    QVERIFY(exportDialog);
    QCOMPARE(child<QComboBox>(*exportDialog, "exportEnvironment")->currentText(),
             QStringLiteral("Production"));
    QCOMPARE(child<QLabel>(*exportDialog, "exportKindBadge")->text(),
             QStringLiteral("PRODUCTION · 7654321"));
    exportDialog->reject();
    m_prompter.fileNames.clear(); // the import dialog's file question is cancelled
    QTest::mouseClick(child<QPushButton>(manager, "envImportButton"), Qt::LeftButton);
    QPointer<App::ImportDialog> importDialog = manager.findChild<App::ImportDialog *>();
    QVERIFY(importDialog);
    importDialog->reject();
}

void TestEnvironmentDialogs::managerRenameKeepsKeyAndSecrets()
{
    const auto original = m_environments->get(EnvName);
    SB_VERIFY_RESULT(original);
    App::EnvironmentManagerDialog manager(*m_environments, m_prompter);
    manager.show();
    QSignalSpy changed(&manager, &App::EnvironmentManagerDialog::environmentsChanged);
    QVERIFY(manager.selectEnvironment(EnvName));
    manager.editEnvironment();
    QPointer<App::EnvironmentEditDialog> editor = manager.findChild<App::EnvironmentEditDialog *>();
    QVERIFY(editor);
    child<QLineEdit>(*editor, "envEditName")->setText(QStringLiteral("SB1 renamed"));
    // The secret variable is renamed too; its stored value follows it.
    auto *table = child<QTableWidget>(*editor, "envEditVariables");
    QVERIFY(editCell(table, 1, 0, QStringLiteral("apiKey")));
    QVERIFY(editor->save());
    QTRY_VERIFY(!editor);
    QCOMPARE(changed.count(), 1);
    SB_VERIFY_ERROR(m_environments->get(EnvName), Workspace::WorkspaceError::Code::NotFound);
    const auto renamed = m_environments->get(QStringLiteral("SB1 renamed"));
    SB_VERIFY_RESULT(renamed);
    QVERIFY(renamed->hasPrivateKey);
    QCOMPARE(m_environments->privateKeyPem(*renamed)->exposeForApi(), m_keyPem);
    const auto values = m_environments->withSecretValues(*renamed);
    SB_VERIFY_RESULT(values);
    QCOMPARE(values->variables.at(1).name, QStringLiteral("apiKey"));
    QCOMPARE(values->variables.at(1).value, SecretValue);
    for (const QString &name : m_secrets->names()) {
        QVERIFY2(!name.contains(original->id), qPrintable(name)); // the old secrets are gone
    }
    QCOMPARE(manager.currentName(), QStringLiteral("SB1 renamed"));
}

QTEST_MAIN(TestEnvironmentDialogs)
#include "TestEnvironmentDialogs.moc"
