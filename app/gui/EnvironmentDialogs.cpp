// SPDX-License-Identifier: MIT
#include "gui/EnvironmentDialogs.h"

#include "core/Clock.h"
#include "crypto/Keys.h"
#include "gui/EnvironmentModel.h"
#include "gui/Prompter.h"
#include "netsuite/AccountId.h"
#include "netsuite/CustomTokenEndpoint.h"
#include "netsuite/Target.h"
#include "workspace/SafeFile.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace Sb::App {

namespace {

using Workspace::ExchangeFormat;
using Workspace::Variable;

const QString ScopeRest = QStringLiteral("rest_webservices");
const QString ScopeRestlets = QStringLiteral("restlets");
const QString ScopeAnalytics = QStringLiteral("suite_analytics");

constexpr auto ErrorStyle = "QLabel { color: #cf222e; }";
constexpr auto OkStyle = "QLabel { color: #1a7f37; }";

/** Gives @p widget its object name (for tests) and accessible name (for screen readers). */
template<typename W>
W *named(W *widget, const char *objectName, const QString &accessibleName)
{
    widget->setObjectName(QString::fromLatin1(objectName));
    widget->setAccessibleName(accessibleName);
    return widget;
}

/** A label for text that may come from a file or another person: never rich text (J15). */
QLabel *plainLabel(QWidget *parent, const char *objectName = nullptr)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (objectName) {
        label->setObjectName(QString::fromLatin1(objectName));
    }
    return label;
}

void setLabelState(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    label->setStyleSheet(QString::fromLatin1(error ? ErrorStyle : OkStyle));
    label->setVisible(!text.isEmpty());
}

std::optional<NetSuite::EnvironmentKind> kindOf(const Workspace::Environment &environment)
{
    const auto target = environment.target();
    if (!target) {
        return std::nullopt;
    }
    return target->kind();
}

/** "1234567_SB1" or the custom token URL. */
QString whereText(const Workspace::Environment &environment)
{
    return environment.accountId.isEmpty() ? environment.tokenUrl : environment.accountId;
}

/** "SANDBOX 1 · 1234567_SB1" */
QString badgeText(const NetSuite::EnvironmentKind &kind, const QString &where)
{
    const QString kindName = kind.isCustom() ? QObject::tr("Custom") : kind.displayName();
    return where.isEmpty() ? kindName.toUpper()
                           : QString(kindName.toUpper() + QStringLiteral(" · ") + where);
}

/** A file name stem from an environment name (which may hold any printable character). */
QString fileStem(const QString &name)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._ ()-]+"));
    QString stem = name;
    stem.replace(unsafe, QStringLiteral("_"));
    stem = stem.trimmed();
    while (stem.startsWith(u'.')) {
        stem.remove(0, 1);
    }
    return stem.isEmpty() ? QStringLiteral("environment") : stem.left(80);
}

QString bulletList(const QStringList &lines)
{
    QStringList out;
    for (const QString &line : lines) {
        out.append(QStringLiteral("  • ") + line);
    }
    return out.join(u'\n');
}

Workspace::ImportedEnvironment cloneImported(const Workspace::ImportedEnvironment &imported)
{
    Workspace::ImportedEnvironment copy;
    copy.format = imported.format;
    copy.environment = imported.environment;
    copy.privateKeyPem = imported.privateKeyPem.clone();
    copy.hosts = imported.hosts;
    copy.hasNonNetSuiteHosts = imported.hasNonNetSuiteHosts;
    copy.warnings = imported.warnings;
    copy.unmapped = imported.unmapped;
    return copy;
}

QString formatName(ExchangeFormat format)
{
    switch (format) {
    case ExchangeFormat::Suitebench:
        return QObject::tr("Suitebench environment (JSON, no secrets)");
    case ExchangeFormat::Postman:
        return QObject::tr("Postman environment");
    case ExchangeFormat::AgeBundle:
        return QObject::tr("Encrypted Suitebench bundle (age)");
    }
    return {};
}

// Variables table: column 0 holds the row's bookkeeping, column 1 shows a mask for secret
// values and keeps the value typed in this dialog in ValueRole, column 2 is the secret flag.
enum VariableColumn { NameColumn, ValueColumn, SecretColumn };
constexpr int ValueRole = Qt::UserRole;            // on ValueColumn: the value as typed
constexpr int OriginalNameRole = Qt::UserRole + 1; // on NameColumn: name when loaded
constexpr int StoredSecretRole = Qt::UserRole + 2; // on NameColumn: a value is in the store
constexpr int EnabledRole = Qt::UserRole + 3;      // on NameColumn: Variable::enabled
const QString NewSecretMask = QStringLiteral("••••••••");

bool rowIsSecret(const QModelIndex &index)
{
    return index.siblingAtColumn(SecretColumn).data(Qt::CheckStateRole).toInt() == Qt::Checked;
}

/**
 * Edits values; a secret value is typed into a password field and never shown again (the
 * editor of a secret row starts empty: typing replaces, leaving it empty keeps the old value).
 */
class VariableValueDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        Q_UNUSED(option)
        auto *editor = new QLineEdit(parent);
        editor->setFrame(false);
        editor->setObjectName(QStringLiteral("envEditVariableValueEditor"));
        if (rowIsSecret(index)) {
            editor->setEchoMode(QLineEdit::Password);
            editor->setPlaceholderText(QObject::tr("type a new secret value"));
        }
        return editor;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        auto *line = qobject_cast<QLineEdit *>(editor);
        if (!line) {
            return;
        }
        line->setText(rowIsSecret(index) ? QString() : index.data(ValueRole).toString());
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override
    {
        const auto *line = qobject_cast<QLineEdit *>(editor);
        if (!line) {
            return;
        }
        const QString text = line->text();
        if (rowIsSecret(index)) {
            if (text.isEmpty()) {
                return; // keeps the stored (or previously typed) value
            }
            model->setData(index, text, ValueRole);
            model->setData(index, NewSecretMask, Qt::DisplayRole);
        } else {
            model->setData(index, text, ValueRole);
            model->setData(index, text, Qt::DisplayRole);
        }
    }
};

} // namespace

void setKindBadge(QLabel *label, const NetSuite::EnvironmentKind &kind, const QString &text)
{
    const KindColors colors = kindColors(kind);
    label->setTextFormat(Qt::PlainText);
    label->setText(text);
    label->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border-radius: 4px; "
                                        "padding: 2px 8px; font-weight: 600; }")
                             .arg(colors.background, colors.foreground));
    label->setToolTip(kind.isProduction()
                          ? QObject::tr("A production account: writes ask for confirmation")
                          : kind.displayName());
}

// ---------------------------------------------------------------------------------------------
// EnvironmentEditDialog

EnvironmentEditDialog::EnvironmentEditDialog(Workspace::Environments &environments,
                                             Prompter &prompter,
                                             std::optional<Workspace::Environment> existing,
                                             QWidget *parent)
    : QDialog(parent)
    , m_environments(environments)
    , m_prompter(prompter)
    , m_original(std::move(existing))
{
    setObjectName(QStringLiteral("environmentEditDialog"));
    buildUi();
    if (m_original) {
        setWindowTitle(tr("Edit environment"));
        load(*m_original);
    } else {
        setWindowTitle(tr("New environment"));
        Workspace::Environment fresh;
        fresh.scopes = {ScopeRest};
        load(fresh);
    }
}

EnvironmentEditDialog::~EnvironmentEditDialog() = default;

void EnvironmentEditDialog::buildUi()
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_nameEdit = named(new QLineEdit(this), "envEditName", tr("Name"));
    m_nameEdit->setMaxLength(int(Workspace::Limits::MaxNameLength));
    m_nameEdit->setPlaceholderText(tr("e.g. Sandbox 1 — integration tests"));
    form->addRow(tr("&Name:"), m_nameEdit);

    m_useAccount = named(new QRadioButton(tr("NetSuite &account"), this), "envEditUseAccount",
                         tr("Authenticate against a NetSuite account"));
    m_useTokenUrl = named(new QRadioButton(tr("Custom &token URL"), this), "envEditUseTokenUrl",
                          tr("Authenticate against a custom token URL"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_useAccount);
    group->addButton(m_useTokenUrl);
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_useAccount);
    targetRow->addWidget(m_useTokenUrl);
    targetRow->addStretch();
    form->addRow(tr("Sign in at:"), targetRow);

    m_accountEdit = named(new QLineEdit(this), "envEditAccount", tr("Account ID"));
    m_accountEdit->setPlaceholderText(tr("1234567, 1234567_SB1 or a NetSuite URL"));
    form->addRow(tr("Account &ID:"), m_accountEdit);
    m_tokenUrlEdit = named(new QLineEdit(this), "envEditTokenUrl", tr("Custom token URL"));
    m_tokenUrlEdit->setPlaceholderText(tr("https://auth.example.com/oauth2/token"));
    form->addRow(tr("Token &URL:"), m_tokenUrlEdit);

    m_kindBadge = named(plainLabel(this), "envEditKindBadge", tr("Environment kind"));
    m_kindBadge->setWordWrap(false);
    m_targetStatus = named(plainLabel(this), "envEditTargetStatus", tr("Where tokens come from"));
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_kindBadge, 0, Qt::AlignTop);
    statusRow->addWidget(m_targetStatus, 1);
    form->addRow(QString(), statusRow);

    m_clientIdEdit = named(new QLineEdit(this), "envEditClientId", tr("Client ID"));
    m_clientIdEdit->setPlaceholderText(tr("the integration record's Client ID"));
    form->addRow(tr("&Client ID:"), m_clientIdEdit);
    m_certificateIdEdit = named(new QLineEdit(this), "envEditCertificateId", tr("Certificate ID"));
    m_certificateIdEdit->setPlaceholderText(tr("from the M2M setup's certificate mapping"));
    form->addRow(tr("C&ertificate ID:"), m_certificateIdEdit);

    m_scopeRest = named(new QCheckBox(ScopeRest, this), "envEditScopeRestWebServices",
                        tr("Scope rest_webservices"));
    m_scopeRestlets
        = named(new QCheckBox(ScopeRestlets, this), "envEditScopeRestlets", tr("Scope restlets"));
    m_scopeAnalytics = named(new QCheckBox(ScopeAnalytics, this), "envEditScopeSuiteAnalytics",
                             tr("Scope suite_analytics"));
    auto *scopeRow = new QHBoxLayout;
    for (QCheckBox *box : {m_scopeRest, m_scopeRestlets, m_scopeAnalytics}) {
        box->setToolTip(tr("None ticked means rest_webservices (the default)."));
        scopeRow->addWidget(box);
    }
    scopeRow->addStretch();
    form->addRow(tr("Scopes:"), scopeRow);

    m_concurrency = named(new QSpinBox(this), "envEditConcurrency", tr("Concurrency limit"));
    m_concurrency->setRange(0, 100);
    m_concurrency->setSpecialValueText(tr("Default"));
    m_concurrency->setToolTip(tr("Requests sent at once to this account (0: the default)."));
    form->addRow(tr("Concurrency &limit:"), m_concurrency);

    m_keyStatus = named(plainLabel(this), "envEditKeyStatus", tr("Private key"));
    m_chooseKey = named(new QPushButton(tr("Attach &key file…"), this), "envEditChooseKey",
                        tr("Attach a private key file"));
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyStatus, 1);
    keyRow->addWidget(m_chooseKey);
    form->addRow(tr("Private key:"), keyRow);

    m_variables = named(new QTableWidget(0, 3, this), "envEditVariables", tr("Variables"));
    m_variables->setHorizontalHeaderLabels({tr("Name"), tr("Value"), tr("Secret")});
    m_variables->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    m_variables->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_variables->horizontalHeader()->setSectionResizeMode(SecretColumn,
                                                          QHeaderView::ResizeToContents);
    m_variables->setColumnWidth(NameColumn, 160);
    m_variables->verticalHeader()->hide();
    m_variables->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_variables->setSelectionMode(QAbstractItemView::SingleSelection);
    m_variables->setItemDelegateForColumn(ValueColumn, new VariableValueDelegate(m_variables));
    m_variables->setMinimumHeight(120);
    m_variables->setTabKeyNavigation(false);
    connect(m_variables, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() != SecretColumn) {
            return;
        }
        // Flipping the flag re-masks or reveals only what was typed here; a stored secret's
        // value is never read back into the form.
        const int row = item->row();
        QTableWidgetItem *value = m_variables->item(row, ValueColumn);
        if (!value) {
            return;
        }
        const QSignalBlocker blocker(m_variables);
        const QString typed = value->data(ValueRole).toString();
        const bool stored = m_variables->item(row, NameColumn)->data(StoredSecretRole).toBool();
        if (item->checkState() == Qt::Checked) {
            value->setData(Qt::DisplayRole, typed.isEmpty()
                                                ? (stored ? tr("•••••• (stored)") : QString())
                                                : NewSecretMask);
        } else {
            value->setData(Qt::DisplayRole, typed);
        }
    });
    m_addVariable = named(new QPushButton(tr("A&dd variable"), this), "envEditAddVariable",
                          tr("Add a variable"));
    m_removeVariable = named(new QPushButton(tr("Remo&ve variable"), this), "envEditRemoveVariable",
                             tr("Remove the selected variable"));
    connect(m_addVariable, &QPushButton::clicked, this, [this] {
        addVariableRow(Variable{}, false);
        const int row = m_variables->rowCount() - 1;
        m_variables->setCurrentCell(row, NameColumn);
        m_variables->editItem(m_variables->item(row, NameColumn));
    });
    connect(m_removeVariable, &QPushButton::clicked, this, [this] {
        const int row = m_variables->currentRow();
        if (row >= 0) {
            m_variables->removeRow(row);
        }
    });
    auto *variableButtons = new QHBoxLayout;
    variableButtons->addWidget(m_addVariable);
    variableButtons->addWidget(m_removeVariable);
    variableButtons->addStretch();
    auto *variablesHint
        = new QLabel(tr("Secret values go to the secret store, not to the workspace file, and are "
                        "not shown again."),
                     this);
    variablesHint->setWordWrap(true);
    variablesHint->setEnabled(false);
    auto *variablesBox = new QVBoxLayout;
    variablesBox->addWidget(m_variables);
    variablesBox->addLayout(variableButtons);
    variablesBox->addWidget(variablesHint);
    form->addRow(tr("Variables:"), variablesBox);

    m_error = named(plainLabel(this), "envEditError", tr("Error"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_saveButton = named(buttons->addButton(tr("&Save"), QDialogButtonBox::AcceptRole),
                         "envEditSave", tr("Save the environment"));
    m_saveButton->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    named(cancel, "envEditCancel", tr("Cancel"));
    connect(m_saveButton, &QPushButton::clicked, this, [this] { (void)save(); });
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_useAccount, &QRadioButton::toggled, this, &EnvironmentEditDialog::updateTarget);
    connect(m_accountEdit, &QLineEdit::textChanged, this, &EnvironmentEditDialog::updateTarget);
    connect(m_tokenUrlEdit, &QLineEdit::textChanged, this, &EnvironmentEditDialog::updateTarget);
    connect(m_chooseKey, &QPushButton::clicked, this, &EnvironmentEditDialog::onChooseKeyClicked);

    setTabOrder(m_nameEdit, m_useAccount);
    setTabOrder(m_useAccount, m_useTokenUrl);
    setTabOrder(m_useTokenUrl, m_accountEdit);
    setTabOrder(m_accountEdit, m_tokenUrlEdit);
    setTabOrder(m_tokenUrlEdit, m_clientIdEdit);
    setTabOrder(m_clientIdEdit, m_certificateIdEdit);
    setTabOrder(m_certificateIdEdit, m_scopeRest);
    setTabOrder(m_scopeRest, m_scopeRestlets);
    setTabOrder(m_scopeRestlets, m_scopeAnalytics);
    setTabOrder(m_scopeAnalytics, m_concurrency);
    setTabOrder(m_concurrency, m_chooseKey);
    setTabOrder(m_chooseKey, m_variables);
    setTabOrder(m_variables, m_addVariable);
    setTabOrder(m_addVariable, m_removeVariable);
    setTabOrder(m_removeVariable, m_saveButton);
    setTabOrder(m_saveButton, cancel);
    resize(640, 640);
}

void EnvironmentEditDialog::load(const Workspace::Environment &environment)
{
    m_nameEdit->setText(environment.name);
    const bool custom = environment.accountId.isEmpty() && !environment.tokenUrl.isEmpty();
    m_accountEdit->setText(environment.accountId);
    m_tokenUrlEdit->setText(environment.tokenUrl);
    (custom ? m_useTokenUrl : m_useAccount)->setChecked(true);
    m_clientIdEdit->setText(environment.clientId);
    m_certificateIdEdit->setText(environment.certificateId);
    const QStringList scopes
        = environment.scopes.isEmpty() ? QStringList{ScopeRest} : environment.scopes;
    m_scopeRest->setChecked(scopes.contains(ScopeRest));
    m_scopeRestlets->setChecked(scopes.contains(ScopeRestlets));
    m_scopeAnalytics->setChecked(scopes.contains(ScopeAnalytics));
    m_concurrency->setValue(environment.concurrencyLimit);
    m_keyStatus->setText(environment.hasPrivateKey
                             ? tr("A private key is stored in the secret store.")
                             : tr("No private key yet: attach one to sign in."));
    m_variables->setRowCount(0);
    for (const Variable &variable : environment.variables) {
        addVariableRow(variable, variable.secret && m_original.has_value());
    }
    updateTarget();
}

void EnvironmentEditDialog::addVariableRow(const Workspace::Variable &variable, bool storedSecret)
{
    const QSignalBlocker blocker(m_variables);
    const int row = m_variables->rowCount();
    m_variables->insertRow(row);
    auto *name = new QTableWidgetItem(variable.name);
    name->setData(OriginalNameRole, storedSecret ? variable.name : QString());
    name->setData(StoredSecretRole, storedSecret);
    name->setData(EnabledRole, variable.enabled);
    auto *value = new QTableWidgetItem;
    if (variable.secret) {
        // A stored secret's value is not read into the dialog at all.
        value->setData(ValueRole, QString());
        value->setData(Qt::DisplayRole, storedSecret ? tr("•••••• (stored)") : QString());
        value->setToolTip(tr("Secret: double-click to type a new value."));
    } else {
        value->setData(ValueRole, variable.value);
        value->setData(Qt::DisplayRole, variable.value);
    }
    auto *secret = new QTableWidgetItem;
    secret->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    secret->setCheckState(variable.secret ? Qt::Checked : Qt::Unchecked);
    m_variables->setItem(row, NameColumn, name);
    m_variables->setItem(row, ValueColumn, value);
    m_variables->setItem(row, SecretColumn, secret);
}

void EnvironmentEditDialog::updateTarget()
{
    const bool account = m_useAccount->isChecked();
    m_accountEdit->setEnabled(account);
    m_tokenUrlEdit->setEnabled(!account);
    QString status;
    bool error = false;
    std::optional<NetSuite::Target> target;
    if (account) {
        const QString text = m_accountEdit->text().trimmed();
        if (text.isEmpty()) {
            status = NetSuite::AccountId::formHelp();
        } else if (const auto parsed = NetSuite::AccountId::parse(text); parsed) {
            target = NetSuite::Target::netSuite(*parsed);
            status = parsed->parsedFromUrl()
                         ? tr("Account %1 (taken from the URL). Token URL: %2")
                               .arg(parsed->canonical(), target->tokenUrlString())
                         : tr("Token URL: %1").arg(target->tokenUrlString());
        } else {
            status = parsed.error().message;
            error = true;
        }
    } else {
        const QString text = m_tokenUrlEdit->text().trimmed();
        if (text.isEmpty()) {
            status = tr("An https URL (http only to this computer), e.g. the emulator's.");
        } else if (const auto parsed = NetSuite::CustomTokenEndpoint::parse(text); parsed) {
            target = NetSuite::Target::custom(*parsed);
            status = tr("Token URL: %1 (not a NetSuite host: the assertion's audience is this URL)")
                         .arg(parsed->tokenUrlString());
        } else {
            status = parsed.error().message;
            error = true;
        }
    }
    if (target) {
        setKindBadge(m_kindBadge, target->kind(), badgeText(target->kind(), QString()));
        m_kindBadge->show();
    } else {
        m_kindBadge->hide();
    }
    m_targetStatus->setText(status);
    m_targetStatus->setStyleSheet(error ? QString::fromLatin1(ErrorStyle) : QString());
}

void EnvironmentEditDialog::onChooseKeyClicked()
{
    const QString path = m_prompter.openFileName(
        this, tr("Attach a private key"), tr("PEM private keys (*.pem *.key *.p8);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    const auto key = Crypto::PrivateKey::fromFile(path);
    if (!key) {
        showError(tr("Private key: %1").arg(key.error().message));
        return;
    }
    auto pem = key->toPkcs8Pem();
    if (!pem) {
        showError(tr("Private key: %1").arg(pem.error().message));
        return;
    }
    m_pendingKeyPem = std::move(*pem);
    m_keyStatus->setText(tr("%1 from %2: goes to the secret store when you save.")
                             .arg(key->info().describe(), QFileInfo(path).fileName()));
    showError(QString());
}

void EnvironmentEditDialog::showError(const QString &message)
{
    setLabelState(m_error, message, true);
}

std::optional<Workspace::Environment>
EnvironmentEditDialog::environmentFromForm(QString &error, QStringList &storedSecretNames)
{
    Workspace::Environment env = m_original ? *m_original : Workspace::Environment{};
    env.name = m_nameEdit->text().trimmed();
    if (m_useAccount->isChecked()) {
        const auto account = NetSuite::AccountId::parse(m_accountEdit->text().trimmed());
        if (!account) {
            error = tr("Account ID: %1").arg(account.error().message);
            return std::nullopt;
        }
        env.accountId = account->canonical();
        env.tokenUrl.clear();
    } else {
        const QString url = m_tokenUrlEdit->text().trimmed();
        if (const auto parsed = NetSuite::CustomTokenEndpoint::parse(url); !parsed) {
            error = tr("Token URL: %1").arg(parsed.error().message);
            return std::nullopt;
        }
        env.tokenUrl = url;
        env.accountId.clear();
    }
    env.clientId = m_clientIdEdit->text().trimmed();
    env.certificateId = m_certificateIdEdit->text().trimmed();

    // Scopes the form has no box for (e.g. mcp) are kept as they were.
    QStringList scopes;
    for (const QString &scope : std::as_const(env.scopes)) {
        if (scope != ScopeRest && scope != ScopeRestlets && scope != ScopeAnalytics) {
            scopes.append(scope);
        }
    }
    const std::pair<QCheckBox *, QString> boxes[] = {{m_scopeRest, ScopeRest},
                                                     {m_scopeRestlets, ScopeRestlets},
                                                     {m_scopeAnalytics, ScopeAnalytics}};
    for (const auto &[box, scope] : boxes) {
        if (box->isChecked()) {
            scopes.append(scope);
        }
    }
    env.scopes = scopes;
    env.concurrencyLimit = m_concurrency->value();

    env.variables.clear();
    for (int row = 0; row < m_variables->rowCount(); ++row) {
        const QTableWidgetItem *name = m_variables->item(row, NameColumn);
        const QTableWidgetItem *value = m_variables->item(row, ValueColumn);
        const QTableWidgetItem *secret = m_variables->item(row, SecretColumn);
        if (!name || !value || !secret) {
            continue;
        }
        Variable variable;
        variable.name = name->text().trimmed();
        variable.value = value->data(ValueRole).toString();
        variable.secret = secret->checkState() == Qt::Checked;
        variable.enabled
            = name->data(EnabledRole).isValid() ? name->data(EnabledRole).toBool() : true;
        if (variable.name.isEmpty() && variable.value.isEmpty()) {
            continue; // an added row left blank
        }
        env.variables.append(variable);
        storedSecretNames.append(name->data(StoredSecretRole).toBool()
                                     ? name->data(OriginalNameRole).toString()
                                     : QString());
    }
    return env;
}

bool EnvironmentEditDialog::save()
{
    showError(QString());
    QString error;
    QStringList storedSecretNames; // per variable: its name in the store, or empty
    auto env = environmentFromForm(error, storedSecretNames);
    if (!env) {
        showError(error);
        return false;
    }
    const bool renamed = m_original && env->name != m_original->name;

    // Secret values are written only when typed here. When the secret's name changes (the
    // variable's or, through a fresh id, the environment's), carry the stored value over.
    std::optional<Workspace::Environment> storedValues;
    for (qsizetype i = 0; i < env->variables.size(); ++i) {
        Variable &variable = env->variables[i];
        const QString &storedName = storedSecretNames.at(i);
        if (!variable.secret || !variable.value.isEmpty() || storedName.isEmpty()
            || (!renamed && storedName == variable.name)) {
            continue;
        }
        if (!storedValues) {
            auto read = m_environments.withSecretValues(*m_original);
            if (!read) {
                showError(read.error().message);
                return false;
            }
            storedValues = std::move(*read);
        }
        for (const Variable &stored : std::as_const(storedValues->variables)) {
            if (stored.secret && stored.name == storedName) {
                variable.value = stored.value;
            }
        }
    }

    Workspace::Result<Workspace::Environment> created;
    if (renamed) {
        // A fresh id, so the new name never replaces another environment and the old secret
        // names can be removed with the old entry.
        Crypto::SecureBytes key = m_pendingKeyPem.clone();
        if (key.isEmpty() && m_original->hasPrivateKey) {
            auto pem = m_environments.privateKeyPem(*m_original);
            if (!pem) {
                showError(pem.error().message);
                return false;
            }
            key = std::move(*pem);
        }
        env->id.clear();
        env->hasPrivateKey = false;
        created = m_environments.create(*env, key, false);
    } else {
        created = m_environments.create(*env, m_pendingKeyPem, m_original.has_value());
    }
    if (!created) {
        showError(created.error().message);
        return false;
    }
    if (renamed) {
        if (const auto removed = m_environments.remove(m_original->name); !removed) {
            showError(tr("Saved as \"%1\", but the old environment \"%2\" could not be removed: %3")
                          .arg(created->name, m_original->name, removed.error().message));
            m_original = *created;
            m_pendingKeyPem.clear();
            emit environmentSaved(created->name);
            return false;
        }
    }
    m_pendingKeyPem.clear();
    emit environmentSaved(created->name);
    accept();
    return true;
}

// ---------------------------------------------------------------------------------------------
// ExportDialog

ExportDialog::ExportDialog(Workspace::Environments &environments, Prompter &prompter,
                           const QString &initialName, QWidget *parent)
    : QDialog(parent)
    , m_environments(environments)
    , m_prompter(prompter)
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export environment"));

    m_environment = named(new QComboBox(this), "exportEnvironment", tr("Environment to export"));
    m_kindBadge = named(plainLabel(this), "exportKindBadge", tr("Environment kind"));
    m_kindBadge->setWordWrap(false);
    auto *envRow = new QHBoxLayout;
    envRow->addWidget(m_environment, 1);
    envRow->addWidget(m_kindBadge);

    m_format = named(new QComboBox(this), "exportFormat", tr("File format"));
    m_format->addItem(tr("Suitebench JSON — no secrets (recommended)"),
                      int(ExchangeFormat::Suitebench));
    m_format->addItem(tr("Postman environment — no secrets"), int(ExchangeFormat::Postman));
    m_format->addItem(tr("Encrypted bundle — with the private key, needs a passphrase"),
                      int(ExchangeFormat::AgeBundle));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *envLabel = new QLabel(tr("&Environment:"), this);
    envLabel->setBuddy(m_environment);
    form->addRow(envLabel, envRow);
    form->addRow(tr("&Format:"), m_format);

    m_summary = named(plainLabel(this), "exportSummary", tr("What the file will hold"));
    auto *summaryFrame = new QFrame(this);
    summaryFrame->setFrameShape(QFrame::StyledPanel);
    auto *summaryLayout = new QVBoxLayout(summaryFrame);
    summaryLayout->addWidget(m_summary);

    m_passphraseBox = new QWidget(this);
    auto *passForm = new QFormLayout(m_passphraseBox);
    passForm->setContentsMargins(0, 0, 0, 0);
    m_passphrase = named(new QLineEdit(m_passphraseBox), "exportPassphrase", tr("Passphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setPlaceholderText(tr("at least %1 characters").arg(MinPassphraseLength));
    m_passphraseConfirm = named(new QLineEdit(m_passphraseBox), "exportPassphraseConfirm",
                                tr("Repeat the passphrase"));
    m_passphraseConfirm->setEchoMode(QLineEdit::Password);
    m_passphraseStatus
        = named(plainLabel(m_passphraseBox), "exportPassphraseStatus", tr("Passphrase check"));
    passForm->addRow(tr("&Passphrase:"), m_passphrase);
    passForm->addRow(tr("&Repeat:"), m_passphraseConfirm);
    passForm->addRow(QString(), m_passphraseStatus);

    m_status = named(plainLabel(this), "exportStatus", tr("Export result"));
    m_status->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_exportButton = named(buttons->addButton(tr("E&xport…"), QDialogButtonBox::ActionRole),
                           "exportSaveButton", tr("Choose a file and export"));
    m_exportButton->setDefault(true);
    m_closeButton
        = named(buttons->addButton(QDialogButtonBox::Close), "exportCloseButton", tr("Close"));
    connect(m_exportButton, &QPushButton::clicked, this, [this] { (void)exportToFile(); });
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(summaryFrame);
    layout->addWidget(m_passphraseBox);
    layout->addWidget(m_status);
    layout->addStretch();
    layout->addWidget(buttons);

    if (auto list = m_environments.list(); list) {
        m_list = *list;
    } else {
        setLabelState(m_status, list.error().message, true);
    }
    for (const Workspace::Environment &env : std::as_const(m_list)) {
        m_environment->addItem(env.name);
    }
    if (const int index = m_environment->findText(initialName, Qt::MatchExactly); index >= 0) {
        m_environment->setCurrentIndex(index);
    }

    connect(m_environment, &QComboBox::currentIndexChanged, this, &ExportDialog::updateSummary);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateSummary);
    connect(m_passphrase, &QLineEdit::textChanged, this, &ExportDialog::updatePassphraseState);
    connect(m_passphraseConfirm, &QLineEdit::textChanged, this,
            &ExportDialog::updatePassphraseState);

    setTabOrder(m_environment, m_format);
    setTabOrder(m_format, m_passphrase);
    setTabOrder(m_passphrase, m_passphraseConfirm);
    setTabOrder(m_passphraseConfirm, m_exportButton);
    setTabOrder(m_exportButton, m_closeButton);
    updateSummary();
    resize(560, 480);
}

Workspace::ExchangeFormat ExportDialog::format() const
{
    return ExchangeFormat(m_format->currentData().toInt());
}

std::optional<Workspace::Environment> ExportDialog::currentEnvironment() const
{
    const int index = m_environment->currentIndex();
    if (index < 0 || index >= m_list.size()) {
        return std::nullopt;
    }
    return m_list.at(index);
}

void ExportDialog::updateSummary()
{
    const auto env = currentEnvironment();
    const ExchangeFormat chosen = format();
    m_passphraseBox->setVisible(chosen == ExchangeFormat::AgeBundle);
    if (!env) {
        m_kindBadge->hide();
        m_summary->setText(tr("There is no environment to export."));
        updatePassphraseState();
        return;
    }
    if (const auto kind = kindOf(*env)) {
        setKindBadge(m_kindBadge, *kind, badgeText(*kind, whereText(*env)));
        m_kindBadge->show();
    } else {
        m_kindBadge->hide();
    }

    int plain = 0;
    int secret = 0;
    for (const Variable &variable : env->variables) {
        ++(variable.secret ? secret : plain);
    }
    int requests = 0;
    for (const auto &collection : env->collections) {
        requests += int(collection.requests.size());
    }

    // Plain singular and plural (the app ships no plural translations yet).
    const auto count
        = [](int n, const QString &one, const QString &many) { return n == 1 ? one : many.arg(n); };
    QStringList in;
    QStringList out;
    in << (env->accountId.isEmpty() ? tr("the token URL (%1)").arg(env->tokenUrl)
                                    : tr("the account ID (%1)").arg(env->accountId))
       << tr("the Client ID and the Certificate ID")
       << tr("the scopes, the signing algorithm and the concurrency limit");
    if (chosen == ExchangeFormat::AgeBundle) {
        in << count(plain + secret, tr("1 variable with its value"),
                    tr("%1 variables with their values"));
        if (secret > 0) {
            in << count(secret, tr("the value of the secret variable"),
                        tr("the values of the %1 secret variables"));
        }
        in << count(requests, tr("1 saved request"), tr("%1 saved requests"));
        in << (env->hasPrivateKey ? tr("the private key")
                                  : tr("no private key (this environment has none)"));
        out << tr("access tokens (they are fetched again when needed)");
    } else {
        in << count(plain, tr("1 variable with its value"), tr("%1 variables with their values"));
        if (secret > 0) {
            in << count(secret, tr("the name of 1 secret variable, with an empty value"),
                        tr("the names of %1 secret variables, with empty values"));
        }
        if (chosen == ExchangeFormat::Suitebench) {
            in << count(requests, tr("1 saved request"), tr("%1 saved requests"));
        }
        out << (env->hasPrivateKey ? tr("the private key (it stays in your secret store)")
                                   : tr("the private key (this environment has none)"))
            << tr("the values of secret variables") << tr("access tokens");
        if (chosen == ExchangeFormat::Postman) {
            out << tr("saved requests (a Postman environment has no place for them)");
        }
    }

    QString text = tr("Will be in the file:") + u'\n' + bulletList(in) + QStringLiteral("\n\n")
                   + tr("Will NOT be in the file:") + u'\n' + bulletList(out)
                   + QStringLiteral("\n\n");
    switch (chosen) {
    case ExchangeFormat::Suitebench:
        text += tr("Safe to share with your team: whoever imports it attaches their own private "
                   "key.");
        break;
    case ExchangeFormat::Postman:
        text += tr("Suitebench's fields become Postman variables (accountId, clientId, …). Postman "
                   "cannot sign NetSuite's client assertion by itself.");
        break;
    case ExchangeFormat::AgeBundle:
        text += tr("Everything above is encrypted with the passphrase below (age format; 'age -d' "
                   "opens it too). Whoever has the file and the passphrase can sign in as this "
                   "integration: send the passphrase another way than the file.");
        break;
    }
    m_summary->setText(text);
    updatePassphraseState();
}

void ExportDialog::updatePassphraseState()
{
    bool ready = currentEnvironment().has_value();
    if (format() == ExchangeFormat::AgeBundle) {
        const QString pass = m_passphrase->text();
        const QString confirm = m_passphraseConfirm->text();
        if (pass.size() < MinPassphraseLength) {
            setLabelState(m_passphraseStatus,
                          tr("The passphrase needs at least %1 characters (%2 so far).")
                              .arg(MinPassphraseLength)
                              .arg(pass.size()),
                          true);
            ready = false;
        } else if (pass != confirm) {
            setLabelState(m_passphraseStatus, tr("The two passphrases do not match."), true);
            ready = false;
        } else {
            setLabelState(m_passphraseStatus, tr("✓ The passphrases match."), false);
        }
    }
    m_exportButton->setEnabled(ready);
}

bool ExportDialog::exportToFile()
{
    updatePassphraseState();
    const auto env = currentEnvironment();
    if (!env || !m_exportButton->isEnabled()) {
        return false;
    }
    const ExchangeFormat chosen = format();
    QString suggested = fileStem(env->name);
    QString filter;
    switch (chosen) {
    case ExchangeFormat::Suitebench:
        suggested += QStringLiteral(".suitebench.json");
        filter = tr("Suitebench environment (*.json)");
        break;
    case ExchangeFormat::Postman:
        suggested += QStringLiteral(".postman_environment.json");
        filter = tr("Postman environment (*.json)");
        break;
    case ExchangeFormat::AgeBundle:
        suggested += QStringLiteral(".suitebench.age");
        filter = tr("Encrypted bundle (*.age)");
        break;
    }
    const QString path = m_prompter.saveFileName(this, tr("Export environment"), suggested, filter);
    if (path.isEmpty()) {
        return false;
    }

    Crypto::SecureBytes passphrase;
    if (chosen == ExchangeFormat::AgeBundle) {
        QByteArray bytes = m_passphrase->text().toUtf8();
        passphrase = Crypto::SecureBytes::takeFrom(bytes);
    }
    QApplication::setOverrideCursor(Qt::WaitCursor); // scrypt takes about a second
    const auto bytes = m_environments.exportEnvironment(env->name, chosen, passphrase,
                                                        Core::SystemClock(), m_workFactor);
    QApplication::restoreOverrideCursor();
    if (!bytes) {
        setLabelState(m_status, bytes.error().message, true);
        return false;
    }
    if (const auto written = Workspace::writeFileSafely(path, *bytes); !written) {
        setLabelState(m_status, written.error().message, true);
        return false;
    }
    m_passphrase->clear();
    m_passphraseConfirm->clear();
    m_writtenPath = path;
    setLabelState(m_status,
                  tr("Exported \"%1\" to %2 (readable by you only).").arg(env->name, path), false);
    emit exported(path);
    return true;
}

// ---------------------------------------------------------------------------------------------
// ImportDialog

ImportDialog::ImportDialog(Workspace::Environments &environments, Prompter &prompter,
                           QWidget *parent)
    : QDialog(parent)
    , m_environments(environments)
    , m_prompter(prompter)
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import environment"));

    m_fileLabel = named(plainLabel(this), "importFile", tr("File to import"));
    m_fileLabel->setText(tr("Choose a Suitebench export, an encrypted bundle or a Postman "
                            "environment file. Nothing is stored until you press Import."));
    m_chooseButton = named(new QPushButton(tr("&Choose file…"), this), "importChooseButton",
                           tr("Choose the file to import"));
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fileLabel, 1);
    fileRow->addWidget(m_chooseButton, 0, Qt::AlignTop);

    m_passphraseBox = new QWidget(this);
    auto *passRow = new QHBoxLayout(m_passphraseBox);
    passRow->setContentsMargins(0, 0, 0, 0);
    m_passphrase
        = named(new QLineEdit(m_passphraseBox), "importPassphrase", tr("Bundle passphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_openButton = named(new QPushButton(tr("&Open"), m_passphraseBox), "importOpenButton",
                         tr("Open the bundle with this passphrase"));
    auto *passLabel = new QLabel(tr("Bundle &passphrase:"), m_passphraseBox);
    passLabel->setBuddy(m_passphrase);
    passRow->addWidget(passLabel);
    passRow->addWidget(m_passphrase, 1);
    passRow->addWidget(m_openButton);
    m_passphraseBox->hide();

    m_error = named(plainLabel(this), "importError", tr("Error"));
    m_error->hide();

    m_preview = new QWidget(this);
    auto *form = new QFormLayout(m_preview);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_nameEdit = named(new QLineEdit(m_preview), "importName", tr("Name to store it under"));
    m_nameEdit->setMaxLength(int(Workspace::Limits::MaxNameLength));
    m_formatLabel = named(plainLabel(m_preview), "importFormat", tr("File format"));
    m_kindBadge = named(plainLabel(m_preview), "importKindBadge", tr("Environment kind"));
    m_kindBadge->setWordWrap(false);
    m_accountLabel = named(plainLabel(m_preview), "importAccount", tr("Account or token URL"));
    m_hosts = named(new QListWidget(m_preview), "importHosts",
                    tr("Hosts this environment sends requests to"));
    m_hosts->setMaximumHeight(100);
    m_hostWarning = named(plainLabel(m_preview), "importHostWarning", tr("Host warning"));
    m_hostsConfirm = named(new QCheckBox(tr("I checked these hosts and trust them"), m_preview),
                           "importHostsConfirm", tr("I checked these hosts and trust them"));
    m_warnings = named(new QListWidget(m_preview), "importWarnings", tr("Warnings"));
    m_warnings->setMaximumHeight(90);
    m_warnings->setWordWrap(true);
    m_unmapped = named(new QListWidget(m_preview), "importUnmapped", tr("Not imported"));
    m_unmapped->setMaximumHeight(90);
    m_unmapped->setWordWrap(true);
    m_keyLabel = named(plainLabel(m_preview), "importKey", tr("Private key"));
    auto *kindRow = new QHBoxLayout;
    kindRow->addWidget(m_kindBadge);
    kindRow->addStretch();
    form->addRow(tr("&Name:"), m_nameEdit);
    form->addRow(tr("Format:"), m_formatLabel);
    form->addRow(tr("Kind:"), kindRow);
    form->addRow(tr("Account:"), m_accountLabel);
    form->addRow(tr("&Hosts:"), m_hosts);
    form->addRow(QString(), m_hostWarning);
    form->addRow(QString(), m_hostsConfirm);
    form->addRow(tr("&Warnings:"), m_warnings);
    form->addRow(tr("Not imported:"), m_unmapped);
    form->addRow(tr("Private key:"), m_keyLabel);
    m_preview->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_acceptButton = named(buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole),
                           "importAccept", tr("Import the environment"));
    m_acceptButton->setEnabled(false);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    named(cancel, "importCancel", tr("Cancel"));
    // Return never imports from the passphrase field: while the passphrase is asked, Open is
    // the default button (Return there must not also accept the preview it opens).
    for (QPushButton *button : {m_chooseButton, m_openButton, m_acceptButton, cancel}) {
        button->setAutoDefault(false);
    }
    connect(m_acceptButton, &QPushButton::clicked, this, [this] { (void)importEnvironment(); });
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_chooseButton, &QPushButton::clicked, this, [this] { (void)chooseFile(); });
    connect(m_openButton, &QPushButton::clicked, this, &ImportDialog::onOpenWithPassphraseClicked);
    connect(m_hostsConfirm, &QCheckBox::toggled, this, &ImportDialog::updateAcceptState);
    connect(m_nameEdit, &QLineEdit::textChanged, this, &ImportDialog::updateAcceptState);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fileRow);
    layout->addWidget(m_passphraseBox);
    layout->addWidget(m_error);
    layout->addWidget(m_preview, 1);
    layout->addStretch();
    layout->addWidget(buttons);

    setTabOrder(m_chooseButton, m_passphrase);
    setTabOrder(m_passphrase, m_openButton);
    setTabOrder(m_openButton, m_nameEdit);
    setTabOrder(m_nameEdit, m_hosts);
    setTabOrder(m_hosts, m_hostsConfirm);
    setTabOrder(m_hostsConfirm, m_warnings);
    setTabOrder(m_warnings, m_unmapped);
    setTabOrder(m_unmapped, m_acceptButton);
    setTabOrder(m_acceptButton, cancel);
    setMinimumWidth(520);
    resize(620, 200);
}

ImportDialog::~ImportDialog() = default;

bool ImportDialog::chooseFile()
{
    const QString path = m_prompter.openFileName(
        this, tr("Import environment"), tr("Environment files (*.json *.age);;All files (*)"));
    if (path.isEmpty()) {
        return false;
    }
    return openFile(path);
}

bool ImportDialog::openFile(const QString &path)
{
    m_path = path;
    clearPreview();
    m_passphrase->clear();
    m_fileLabel->setText(QDir::toNativeSeparators(path));
    auto imported = Workspace::readImportFile(path);
    if (!imported) {
        if (imported.error().code == Workspace::WorkspaceError::Code::NeedsPassphrase) {
            m_passphraseBox->show();
            m_acceptButton->setDefault(false);
            m_openButton->setDefault(true);
            setLabelState(m_error, imported.error().message, false);
            m_error->setStyleSheet(QString());
            m_passphrase->setFocus();
        } else {
            m_passphraseBox->hide();
            showError(imported.error().message);
        }
        return false;
    }
    m_passphraseBox->hide();
    m_imported = std::move(*imported);
    showPreview();
    return true;
}

void ImportDialog::onOpenWithPassphraseClicked()
{
    if (m_path.isEmpty()) {
        return;
    }
    QByteArray bytes = m_passphrase->text().toUtf8();
    const auto passphrase = Crypto::SecureBytes::takeFrom(bytes);
    m_passphrase->clear();
    if (passphrase.isEmpty()) {
        showError(tr("Type the bundle's passphrase first."));
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor); // scrypt takes about a second
    auto imported = Workspace::readImportFile(m_path, passphrase);
    QApplication::restoreOverrideCursor();
    if (!imported) {
        showError(imported.error().message);
        m_passphrase->setFocus();
        return;
    }
    m_passphraseBox->hide();
    m_imported = std::move(*imported);
    showPreview();
}

void ImportDialog::clearPreview()
{
    m_imported.reset();
    m_preview->hide();
    m_error->hide();
    m_hosts->clear();
    m_warnings->clear();
    m_unmapped->clear();
    m_hostsConfirm->setChecked(false);
    updateAcceptState();
}

void ImportDialog::showPreview()
{
    m_error->hide();
    Q_ASSERT(m_imported);
    const Workspace::ImportedEnvironment &imported = *m_imported;
    const Workspace::Environment &env = imported.environment;
    m_nameEdit->setText(env.name);
    m_formatLabel->setText(formatName(imported.format));
    if (const auto kind = kindOf(env)) {
        setKindBadge(m_kindBadge, *kind, badgeText(*kind, QString()));
        m_kindBadge->show();
    } else {
        m_kindBadge->hide();
    }
    m_accountLabel->setText(env.accountId.isEmpty() ? tr("custom token URL %1").arg(env.tokenUrl)
                                                    : env.accountId);

    m_hosts->clear();
    for (const QString &host : imported.hosts) {
        const bool netSuite = NetSuite::AccountId::parseHost(QUrl(host).host()).has_value();
        auto *item = new QListWidgetItem(netSuite ? host : QStringLiteral("⚠ ") + host, m_hosts);
        if (!netSuite) {
            item->setForeground(QColor(QStringLiteral("#cf222e")));
            item->setToolTip(tr("Not a NetSuite host"));
        }
    }
    if (imported.hosts.isEmpty()) {
        new QListWidgetItem(tr("(none)"), m_hosts);
    }
    setLabelState(m_hostWarning,
                  imported.hasNonNetSuiteHosts
                      ? tr("Some hosts are outside netsuite.com (marked ⚠). The signed client "
                           "assertion and your requests would go there: import only if you "
                           "trust them.")
                      : QString(),
                  true);
    m_hostsConfirm->setVisible(imported.hasNonNetSuiteHosts);
    m_hostsConfirm->setChecked(false);

    auto *form = qobject_cast<QFormLayout *>(m_preview->layout());
    m_warnings->clear();
    m_warnings->addItems(imported.warnings);
    m_unmapped->clear();
    m_unmapped->addItems(imported.unmapped);
    if (form) {
        form->setRowVisible(m_hostWarning, imported.hasNonNetSuiteHosts);
        form->setRowVisible(m_hostsConfirm, imported.hasNonNetSuiteHosts);
        form->setRowVisible(m_warnings, !imported.warnings.isEmpty());
        form->setRowVisible(m_unmapped, !imported.unmapped.isEmpty());
    }
    m_keyLabel->setText(imported.privateKeyPem.isEmpty()
                            ? tr("None in the file: attach your own key after importing.")
                            : tr("The file carries a private key; it goes to your secret store."));
    m_preview->show();
    m_openButton->setDefault(false);
    m_acceptButton->setDefault(true);
    updateAcceptState();
    // Grow to fit the preview (wrapped labels need the width first, then their height).
    const int width = std::max(this->width(), 620);
    const int height
        = layout()->hasHeightForWidth() ? layout()->heightForWidth(width) : sizeHint().height();
    resize(width, std::max(this->height(), height));
}

void ImportDialog::showError(const QString &message)
{
    setLabelState(m_error, message, true);
}

void ImportDialog::updateAcceptState()
{
    const bool ready = m_imported.has_value() && !m_nameEdit->text().trimmed().isEmpty()
                       && (!m_imported->hasNonNetSuiteHosts || m_hostsConfirm->isChecked());
    m_acceptButton->setEnabled(ready);
}

bool ImportDialog::importEnvironment()
{
    if (!m_imported) {
        return false;
    }
    if (m_imported->hasNonNetSuiteHosts && !m_hostsConfirm->isChecked()) {
        showError(tr("Check the hosts outside netsuite.com and tick the box first."));
        return false;
    }
    const QString name = m_nameEdit->text().trimmed();
    bool replace = false;
    const auto existing = m_environments.get(name);
    if (existing) {
        if (!m_prompter.confirm(this, tr("Replace environment"),
                                tr("An environment named \"%1\" exists already. Replace it? Its "
                                   "private key and secret values are replaced too.")
                                    .arg(name),
                                tr("Replace"))) {
            return false;
        }
        replace = true;
    } else if (existing.error().code != Workspace::WorkspaceError::Code::NotFound) {
        showError(existing.error().message);
        return false;
    }
    // A copy goes to the library, so the preview survives a refusal (nothing is lost).
    const auto stored = m_environments.importEnvironment(cloneImported(*m_imported), name, replace);
    if (!stored) {
        showError(stored.error().message);
        return false;
    }
    m_importedName = stored->name;
    m_imported.reset();
    emit environmentsChanged();
    accept();
    return true;
}

// ---------------------------------------------------------------------------------------------
// EnvironmentManagerDialog

EnvironmentManagerDialog::EnvironmentManagerDialog(Workspace::Environments &environments,
                                                   Prompter &prompter, QWidget *parent)
    : QDialog(parent)
    , m_environments(environments)
    , m_prompter(prompter)
{
    setObjectName(QStringLiteral("environmentManagerDialog"));
    setWindowTitle(tr("Environments"));

    m_list = named(new QTreeWidget(this), "envManagerList", tr("Environments"));
    m_list->setColumnCount(4);
    m_list->setHeaderLabels({tr("Name"), tr("Kind"), tr("Account or token URL"), tr("Key")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(3, QHeaderView::ResizeToContents);

    m_newButton = named(new QPushButton(tr("&New…"), this), "envNewButton", tr("New environment"));
    m_editButton = named(new QPushButton(tr("&Edit…"), this), "envEditButton",
                         tr("Edit the selected environment"));
    m_duplicateButton = named(new QPushButton(tr("D&uplicate"), this), "envDuplicateButton",
                              tr("Duplicate the selected environment"));
    m_deleteButton = named(new QPushButton(tr("&Delete…"), this), "envDeleteButton",
                           tr("Delete the selected environment"));
    m_exportButton = named(new QPushButton(tr("E&xport…"), this), "envExportButton",
                           tr("Export the selected environment"));
    m_importButton = named(new QPushButton(tr("&Import…"), this), "envImportButton",
                           tr("Import an environment file"));
    auto *side = new QVBoxLayout;
    side->addWidget(m_newButton);
    side->addWidget(m_editButton);
    side->addWidget(m_duplicateButton);
    side->addWidget(m_deleteButton);
    side->addSpacing(16);
    side->addWidget(m_exportButton);
    side->addWidget(m_importButton);
    side->addStretch();

    auto *top = new QHBoxLayout;
    top->addWidget(m_list, 1);
    top->addLayout(side);

    m_status = named(plainLabel(this), "envManagerStatus", tr("Status"));
    m_status->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    named(buttons->button(QDialogButtonBox::Close), "envManagerCloseButton", tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_newButton, &QPushButton::clicked, this, &EnvironmentManagerDialog::newEnvironment);
    connect(m_editButton, &QPushButton::clicked, this, &EnvironmentManagerDialog::editEnvironment);
    connect(m_duplicateButton, &QPushButton::clicked, this,
            &EnvironmentManagerDialog::duplicateEnvironment);
    connect(m_deleteButton, &QPushButton::clicked, this,
            &EnvironmentManagerDialog::deleteEnvironment);
    connect(m_exportButton, &QPushButton::clicked, this,
            &EnvironmentManagerDialog::exportEnvironment);
    connect(m_importButton, &QPushButton::clicked, this,
            &EnvironmentManagerDialog::importEnvironment);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this,
            &EnvironmentManagerDialog::updateButtons);
    connect(m_list, &QTreeWidget::itemActivated, this, &EnvironmentManagerDialog::editEnvironment);

    setTabOrder(m_list, m_newButton);
    setTabOrder(m_newButton, m_editButton);
    setTabOrder(m_editButton, m_duplicateButton);
    setTabOrder(m_duplicateButton, m_deleteButton);
    setTabOrder(m_deleteButton, m_exportButton);
    setTabOrder(m_exportButton, m_importButton);
    reload();
    resize(720, 400);
}

QString EnvironmentManagerDialog::currentName() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item && item->isSelected() ? item->data(0, Qt::UserRole).toString() : QString();
}

bool EnvironmentManagerDialog::selectEnvironment(const QString &name)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(0, Qt::UserRole).toString() == name) {
            m_list->setCurrentItem(item);
            item->setSelected(true);
            return true;
        }
    }
    return false;
}

void EnvironmentManagerDialog::reload()
{
    const QString selected = currentName();
    m_list->clear();
    const auto list = m_environments.list();
    if (!list) {
        showStatus(list.error().message, true);
        updateButtons();
        return;
    }
    for (const Workspace::Environment &env : *list) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, env.name);
        item->setData(0, Qt::UserRole, env.name);
        if (const auto kind = kindOf(env)) {
            const KindColors colors = kindColors(*kind);
            item->setText(1, QStringLiteral(" ")
                                 + (kind->isCustom() ? tr("Custom") : kind->displayName())
                                 + QStringLiteral(" "));
            item->setBackground(1, QColor(colors.background));
            item->setForeground(1, QColor(colors.foreground));
            item->setToolTip(1, kind->displayName());
        } else {
            item->setText(1, tr("?"));
        }
        item->setText(2, whereText(env));
        item->setText(3, env.hasPrivateKey ? tr("stored") : tr("none"));
    }
    if (!selectEnvironment(selected) && m_list->topLevelItemCount() > 0) {
        selectEnvironment(m_list->topLevelItem(0)->data(0, Qt::UserRole).toString());
    }
    updateButtons();
}

void EnvironmentManagerDialog::updateButtons()
{
    const bool any = !currentName().isEmpty();
    m_editButton->setEnabled(any);
    m_duplicateButton->setEnabled(any);
    m_deleteButton->setEnabled(any);
    m_exportButton->setEnabled(any);
}

void EnvironmentManagerDialog::showStatus(const QString &message, bool error)
{
    setLabelState(m_status, message, error);
    if (!error) {
        m_status->setStyleSheet(QString());
    }
}

void EnvironmentManagerDialog::changed(const QString &selectName)
{
    reload();
    if (!selectName.isEmpty()) {
        selectEnvironment(selectName);
    }
    emit environmentsChanged();
}

void EnvironmentManagerDialog::openEditor(std::optional<Workspace::Environment> existing)
{
    const bool editing = existing.has_value();
    auto *dialog = new EnvironmentEditDialog(m_environments, m_prompter, std::move(existing), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EnvironmentEditDialog::environmentSaved, this,
            [this, editing](const QString &name) {
                changed(name);
                showStatus((editing ? tr("Saved \"%1\".") : tr("Created \"%1\".")).arg(name));
            });
    dialog->open();
}

std::optional<Workspace::Environment> EnvironmentManagerDialog::selectedEnvironment()
{
    const QString name = currentName();
    if (name.isEmpty()) {
        return std::nullopt;
    }
    auto env = m_environments.get(name);
    if (!env) {
        showStatus(env.error().message, true);
        return std::nullopt;
    }
    return *env;
}

void EnvironmentManagerDialog::newEnvironment()
{
    openEditor(std::nullopt);
}

void EnvironmentManagerDialog::editEnvironment()
{
    if (auto env = selectedEnvironment()) {
        openEditor(std::move(*env));
    }
}

void EnvironmentManagerDialog::duplicateEnvironment()
{
    auto env = selectedEnvironment();
    if (!env) {
        return;
    }
    const QString name = env->name;
    // Secret variable values are copied (they stay in this secret store); the key is not, so
    // one key is never silently shared by two environments.
    auto copy = m_environments.withSecretValues(*env);
    if (!copy) {
        showStatus(copy.error().message, true);
        return;
    }
    QStringList taken;
    if (const auto list = m_environments.list(); list) {
        for (const Workspace::Environment &other : *list) {
            taken.append(other.name);
        }
    }
    QString newName = tr("%1 (copy)").arg(name);
    for (int n = 2; taken.contains(newName) && n < 1000; ++n) {
        newName = tr("%1 (copy %2)").arg(name).arg(n);
    }
    copy->id.clear();
    copy->name = newName;
    const bool hadKey = copy->hasPrivateKey;
    copy->hasPrivateKey = false;
    const auto created = m_environments.create(*copy, {}, false);
    if (!created) {
        showStatus(created.error().message, true);
        return;
    }
    changed(created->name);
    showStatus(hadKey ? tr("Duplicated \"%1\" as \"%2\". The private key is not copied: attach "
                           "one with Edit.")
                            .arg(name, created->name)
                      : tr("Duplicated \"%1\" as \"%2\".").arg(name, created->name));
}

void EnvironmentManagerDialog::deleteEnvironment()
{
    const QString name = currentName();
    if (name.isEmpty()) {
        return;
    }
    if (!m_prompter.confirm(this, tr("Delete environment"),
                            tr("Delete the environment \"%1\"?\n\nIts stored private key and the "
                               "values of its secret variables are deleted from the secret store "
                               "too. This cannot be undone.")
                                .arg(name),
                            tr("Delete"))) {
        return;
    }
    if (const auto removed = m_environments.remove(name); !removed) {
        showStatus(removed.error().message, true);
        return;
    }
    changed(QString());
    showStatus(tr("Deleted \"%1\" and its secrets.").arg(name));
}

void EnvironmentManagerDialog::exportEnvironment()
{
    auto *dialog = new ExportDialog(m_environments, m_prompter, currentName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWorkFactor(m_exportWorkFactor);
    dialog->open();
}

void EnvironmentManagerDialog::importEnvironment()
{
    auto *dialog = new ImportDialog(m_environments, m_prompter, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::environmentsChanged, this, [this, dialog] {
        changed(dialog->importedName());
        showStatus(tr("Imported \"%1\".").arg(dialog->importedName()));
    });
    dialog->open();
    (void)dialog->chooseFile();
}

} // namespace Sb::App
