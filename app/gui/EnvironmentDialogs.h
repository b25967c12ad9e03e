// SPDX-License-Identifier: MIT
#pragma once

#include "crypto/SecureBytes.h"
#include "workspace/Environments.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableWidget;
class QTreeWidget;

namespace Sb::NetSuite {
class EnvironmentKind;
}

namespace Sb::App {

class Prompter;

/**
 * Shows @p kind as a coloured badge (kindColors) with @p text as plain text. The one badge
 * the environment dialogs use, so production looks the same in every list and preview.
 */
void setKindBadge(QLabel *label, const NetSuite::EnvironmentKind &kind, const QString &text);

/**
 * Creates or edits one environment of the library: name, account ID (kind and token URL shown
 * live, the parser's own error when invalid) or a custom token URL, Client ID, Certificate ID,
 * scopes, concurrency limit, variables (secret ones masked and written to the secret store by
 * the library, never read back into the form) and an optional private key file. Save keeps the
 * dialog open with the library's message when anything is refused; nothing is lost.
 *
 * A rename moves the environment to a fresh id together with its key and secret values, so it
 * never replaces another environment of the new name.
 */
class EnvironmentEditDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentEditDialog)

public:
    /** @p existing: the stored environment to edit; nullopt creates a new one. */
    EnvironmentEditDialog(Workspace::Environments &environments, Prompter &prompter,
                          std::optional<Workspace::Environment> existing,
                          QWidget *parent = nullptr);
    ~EnvironmentEditDialog() override;

    [[nodiscard]] bool isEditing() const { return m_original.has_value(); }

public slots:
    /** Validates and stores; closes the dialog (accept) only on success. */
    bool save();

signals:
    /** After a successful save, with the stored name. */
    void environmentSaved(const QString &name);

private:
    void buildUi();
    void load(const Workspace::Environment &environment);
    void addVariableRow(const Workspace::Variable &variable, bool storedSecret);
    void updateTarget();
    void onChooseKeyClicked();
    void showError(const QString &message);
    /** The form as an environment; @p storedSecretNames gets, per variable, the name its value
     * is stored under (empty when none). */
    [[nodiscard]] std::optional<Workspace::Environment>
    environmentFromForm(QString &error, QStringList &storedSecretNames);

    Workspace::Environments &m_environments;
    Prompter &m_prompter;
    std::optional<Workspace::Environment> m_original;
    Crypto::SecureBytes m_pendingKeyPem; ///< a key chosen in this dialog, not yet stored

    QLineEdit *m_nameEdit = nullptr;
    QRadioButton *m_useAccount = nullptr;
    QRadioButton *m_useTokenUrl = nullptr;
    QLineEdit *m_accountEdit = nullptr;
    QLineEdit *m_tokenUrlEdit = nullptr;
    QLabel *m_kindBadge = nullptr;
    QLabel *m_targetStatus = nullptr;
    QLineEdit *m_clientIdEdit = nullptr;
    QLineEdit *m_certificateIdEdit = nullptr;
    QCheckBox *m_scopeRest = nullptr;
    QCheckBox *m_scopeRestlets = nullptr;
    QCheckBox *m_scopeAnalytics = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QTableWidget *m_variables = nullptr;
    QPushButton *m_addVariable = nullptr;
    QPushButton *m_removeVariable = nullptr;
    QLabel *m_keyStatus = nullptr;
    QPushButton *m_chooseKey = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_saveButton = nullptr;
};

/**
 * Exports one environment: Suitebench JSON (the default) and Postman hold no secret; the
 * encrypted bundle (age, scrypt passphrase) holds the private key and secret values too. The
 * summary says in plain words what will and will not be in the file for the chosen format.
 * The file is written 0600, all or nothing (Workspace::writeFileSafely).
 */
class ExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)

public:
    static constexpr int MinPassphraseLength = 12;

    /** @p initialName preselects that environment (empty: the first). */
    ExportDialog(Workspace::Environments &environments, Prompter &prompter,
                 const QString &initialName = {}, QWidget *parent = nullptr);

    /** The scrypt work factor of bundles (default 18; tests use a low one). */
    void setWorkFactor(int workFactor) { m_workFactor = workFactor; }
    /** The file written by the last successful export, or empty. */
    [[nodiscard]] QString writtenPath() const { return m_writtenPath; }

public slots:
    /** Asks for the file and writes it; false when cancelled or refused (reason shown). */
    bool exportToFile();

signals:
    void exported(const QString &path);

private:
    void updateSummary();
    void updatePassphraseState();
    [[nodiscard]] Workspace::ExchangeFormat format() const;
    [[nodiscard]] std::optional<Workspace::Environment> currentEnvironment() const;

    Workspace::Environments &m_environments;
    Prompter &m_prompter;
    QList<Workspace::Environment> m_list;
    int m_workFactor = 18;
    QString m_writtenPath;

    QComboBox *m_environment = nullptr;
    QLabel *m_kindBadge = nullptr;
    QComboBox *m_format = nullptr;
    QLabel *m_summary = nullptr;
    QWidget *m_passphraseBox = nullptr;
    QLineEdit *m_passphrase = nullptr;
    QLineEdit *m_passphraseConfirm = nullptr;
    QLabel *m_passphraseStatus = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_closeButton = nullptr;
};

/**
 * Imports an environment file (Suitebench export, encrypted bundle, Postman environment).
 * Parsing validates the whole file first; the dialog then shows what would be stored (name,
 * format, kind, account, the hosts its requests go to, warnings, ignored fields, whether it
 * carries a private key) and writes nothing until Import is pressed. Hosts outside
 * netsuite.com are highlighted and must be acknowledged; an existing name is replaced only
 * after a question.
 */
class ImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDialog)

public:
    ImportDialog(Workspace::Environments &environments, Prompter &prompter,
                 QWidget *parent = nullptr);
    ~ImportDialog() override;

    /** The name the environment was stored under after a successful import. */
    [[nodiscard]] QString importedName() const { return m_importedName; }

public slots:
    /** Asks for a file through the Prompter and reads it; false when cancelled or refused. */
    bool chooseFile();
    /** Reads @p path (asks for the passphrase in the dialog when it is a bundle). */
    bool openFile(const QString &path);
    /** Stores the previewed environment; closes the dialog only on success. */
    bool importEnvironment();

signals:
    void environmentsChanged();

private:
    void onOpenWithPassphraseClicked();
    void showPreview();
    void clearPreview();
    void showError(const QString &message);
    void updateAcceptState();

    Workspace::Environments &m_environments;
    Prompter &m_prompter;
    QString m_path;
    std::optional<Workspace::ImportedEnvironment> m_imported;
    QString m_importedName;

    QLabel *m_fileLabel = nullptr;
    QPushButton *m_chooseButton = nullptr;
    QWidget *m_passphraseBox = nullptr;
    QLineEdit *m_passphrase = nullptr;
    QPushButton *m_openButton = nullptr;
    QLabel *m_error = nullptr;
    QWidget *m_preview = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QLabel *m_formatLabel = nullptr;
    QLabel *m_kindBadge = nullptr;
    QLabel *m_accountLabel = nullptr;
    QListWidget *m_hosts = nullptr;
    QLabel *m_hostWarning = nullptr;
    QCheckBox *m_hostsConfirm = nullptr;
    QListWidget *m_warnings = nullptr;
    QListWidget *m_unmapped = nullptr;
    QLabel *m_keyLabel = nullptr;
    QPushButton *m_acceptButton = nullptr;
};

/**
 * The environment manager: every environment with its kind badge and account or host, and
 * New, Edit, Duplicate, Delete, Export…, Import…. Emits environmentsChanged() after any change
 * so the main window reloads its switcher.
 */
class EnvironmentManagerDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentManagerDialog)

public:
    EnvironmentManagerDialog(Workspace::Environments &environments, Prompter &prompter,
                             QWidget *parent = nullptr);

    /** The selected environment's name, or empty. */
    [[nodiscard]] QString currentName() const;
    /** Selects @p name; false when it is not listed. */
    bool selectEnvironment(const QString &name);
    /** Test seam, passed on to the export dialogs it opens. */
    void setExportWorkFactor(int workFactor) { m_exportWorkFactor = workFactor; }

public slots:
    /** Reads the library again (keeps the selection when the name still exists). */
    void reload();
    void newEnvironment();
    void editEnvironment();
    void duplicateEnvironment();
    void deleteEnvironment();
    void exportEnvironment();
    void importEnvironment();

signals:
    void environmentsChanged();

private:
    void updateButtons();
    void showStatus(const QString &message, bool error = false);
    void changed(const QString &selectName);
    /** The editor for a new (nullopt) or an existing environment, reporting in the status. */
    void openEditor(std::optional<Workspace::Environment> existing);
    /** The selected environment as stored; nullopt (with a status line on error) if none. */
    [[nodiscard]] std::optional<Workspace::Environment> selectedEnvironment();

    Workspace::Environments &m_environments;
    Prompter &m_prompter;
    int m_exportWorkFactor = 18;

    QTreeWidget *m_list = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_duplicateButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_importButton = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace Sb::App
