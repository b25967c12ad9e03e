// SPDX-License-Identifier: MIT
#include "workspace/Exchange.h"

#include "crypto/Age.h"
#include "jwt/StrictJson.h"
#include "netsuite/AccountId.h"
#include "workspace/SafeFile.h"
#include "workspace/Tr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

namespace Sb::Workspace {

using Code = WorkspaceError::Code;

namespace {

constexpr QLatin1String SuitebenchFormat{"suitebench-environment"};
constexpr QLatin1String BundleFormat{"suitebench-bundle"};

QByteArray toBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

bool looksLikePrivateKey(const QString &value)
{
    return value.contains(QStringLiteral("PRIVATE KEY-----"));
}

bool looksLikeToken(const QString &value)
{
    static const QRegularExpression jws(
        QStringLiteral("^(Bearer\\s+)?eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$"));
    return jws.match(value.trimmed()).hasMatch();
}

// Postman keys that carry our own fields, compared case-insensitively without '_' or '-'.
enum class Field {
    None,
    Account,
    TokenUrl,
    ClientId,
    CertificateId,
    Algorithm,
    Profile,
    Scopes,
    Concurrency,
    PrivateKey,
    Token
};

Field fieldFor(const QString &key)
{
    QString k = key.toLower();
    k.remove(u'_');
    k.remove(u'-');
    if (k == QLatin1String("accountid") || k == QLatin1String("account")
        || k == QLatin1String("realm") || k == QLatin1String("netsuiteaccountid")) {
        return Field::Account;
    }
    if (k == QLatin1String("tokenurl") || k == QLatin1String("tokenendpoint")) {
        return Field::TokenUrl;
    }
    if (k == QLatin1String("clientid")) {
        return Field::ClientId;
    }
    if (k == QLatin1String("certificateid") || k == QLatin1String("certid")
        || k == QLatin1String("kid")) {
        return Field::CertificateId;
    }
    if (k == QLatin1String("algorithm") || k == QLatin1String("alg")) {
        return Field::Algorithm;
    }
    if (k == QLatin1String("profile")) {
        return Field::Profile;
    }
    if (k == QLatin1String("scope") || k == QLatin1String("scopes")) {
        return Field::Scopes;
    }
    if (k == QLatin1String("concurrencylimit")) {
        return Field::Concurrency;
    }
    if (k == QLatin1String("privatekey") || k == QLatin1String("privatekeypem")
        || k == QLatin1String("key") || k == QLatin1String("pem")) {
        return Field::PrivateKey;
    }
    if (k == QLatin1String("accesstoken") || k == QLatin1String("token")
        || k == QLatin1String("bearertoken") || k == QLatin1String("clientassertion")
        || k == QLatin1String("assertion") || k == QLatin1String("refreshtoken")) {
        return Field::Token;
    }
    return Field::None;
}

QString jsonScalarText(const QJsonValue &value, bool *ok)
{
    *ok = true;
    if (value.isString()) {
        return value.toString();
    }
    if (value.isDouble()) {
        return QString::number(value.toDouble(), 'g', 17);
    }
    if (value.isBool()) {
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    if (value.isNull() || value.isUndefined()) {
        return {};
    }
    *ok = false;
    return {};
}

Result<ImportedEnvironment> fromPostman(const QJsonObject &root)
{
    ImportedEnvironment out;
    out.format = ExchangeFormat::Postman;
    Environment &env = out.environment;
    const QString scope = root.value(QStringLiteral("_postman_variable_scope")).toString();
    if (scope != QLatin1String("environment") && scope != QLatin1String("globals")
        && scope != QLatin1String("global")) {
        return fail(Code::NotImportable,
                    Tr::tr("Unknown Postman variable scope \"%1\".").arg(scope.left(40)));
    }
    if (!root.value(QStringLiteral("name")).isString()
        || !root.value(QStringLiteral("values")).isArray()) {
        return fail(Code::NotImportable, Tr::tr("A Postman environment needs a name and values."));
    }
    env.name = root.value(QStringLiteral("name")).toString();
    for (auto it = root.begin(); it != root.end(); ++it) {
        static const QStringList known{
            QStringLiteral("id"),
            QStringLiteral("name"),
            QStringLiteral("values"),
            QStringLiteral("_postman_variable_scope"),
            QStringLiteral("_postman_exported_at"),
            QStringLiteral("_postman_exported_using"),
            QStringLiteral("timestamp"),
            QStringLiteral("color"),
            QStringLiteral("isPublic"),
            QStringLiteral("owner"),
        };
        if (!known.contains(it.key())) {
            out.unmapped.append(Tr::tr("%1: not a Postman environment field we know; ignored.")
                                    .arg(it.key().left(64)));
        }
    }
    const QJsonArray values = root.value(QStringLiteral("values")).toArray();
    if (values.size() > Limits::MaxVariables) {
        return fail(Code::TooLarge,
                    Tr::tr("Too many variables (at most %1).").arg(Limits::MaxVariables));
    }
    bool heldSecrets = false;
    for (const QJsonValue &item : values) {
        if (!item.isObject()) {
            return fail(Code::NotImportable, Tr::tr("A Postman value is not an object."));
        }
        const QJsonObject v = item.toObject();
        const QString key = v.value(QStringLiteral("key")).toString();
        bool ok = false;
        const QString value = jsonScalarText(v.value(QStringLiteral("value")), &ok);
        if (key.isEmpty() || !ok) {
            out.unmapped.append(Tr::tr("A value without a key or with a non-text value; ignored."));
            continue;
        }
        const bool typedSecret
            = v.value(QStringLiteral("type")).toString() == QLatin1String("secret");
        const bool enabled = v.value(QStringLiteral("enabled")).toBool(true);
        switch (fieldFor(key)) {
        case Field::Account: {
            const auto account = NetSuite::AccountId::parse(value);
            if (!account) {
                return fail(Code::Invalid, Tr::tr("%1: %2").arg(key, account.error().message));
            }
            env.accountId = account->canonical();
            continue;
        }
        case Field::TokenUrl:
            env.tokenUrl = value;
            continue;
        case Field::ClientId:
            env.clientId = value;
            heldSecrets = heldSecrets || (typedSecret && !value.isEmpty());
            continue;
        case Field::CertificateId:
            env.certificateId = value;
            continue;
        case Field::Algorithm:
            env.algorithm = value.toUpper();
            continue;
        case Field::Profile:
            env.profile = value.toLower();
            continue;
        case Field::Scopes:
            env.scopes
                = value.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
            continue;
        case Field::Concurrency:
            env.concurrencyLimit = value.toInt();
            continue;
        case Field::PrivateKey:
            if (looksLikePrivateKey(value)) {
                QByteArray bytes = value.toUtf8();
                out.privateKeyPem = Crypto::SecureBytes::takeFrom(bytes);
                out.warnings.append(Tr::tr("The file held a private key in plaintext (%1). It "
                                           "goes to the secret store, not into the workspace; "
                                           "delete or rotate the file's copy.")
                                        .arg(key));
                heldSecrets = true;
            } else if (!value.isEmpty()) {
                out.unmapped.append(Tr::tr("%1: not a PEM private key; attach the key with "
                                           "--key instead.")
                                        .arg(key));
            }
            continue;
        case Field::Token:
            if (!value.isEmpty()) {
                out.warnings.append(Tr::tr("%1 held a token; tokens are never stored (they live "
                                           "in memory), so it was dropped.")
                                        .arg(key));
            }
            out.unmapped.append(Tr::tr("%1: tokens are not imported.").arg(key));
            continue;
        case Field::None:
            break;
        }
        Variable variable{key, value, typedSecret, enabled};
        if (!typedSecret && !value.isEmpty()
            && (looksLikePrivateKey(value) || looksLikeToken(value))) {
            variable.secret = true;
            out.warnings.append(Tr::tr("Variable %1 looks like a key or token; it is kept as a "
                                       "secret variable (in the secret store).")
                                    .arg(key));
        }
        heldSecrets = heldSecrets || (variable.secret && !value.isEmpty());
        env.variables.append(variable);
    }
    if (heldSecrets) {
        out.warnings.append(Tr::tr("This Postman file carried secret values in plaintext."));
    }
    return out;
}

Result<ImportedEnvironment> fromSuitebench(const QJsonObject &root, bool bundle)
{
    const QJsonValue version = root.value(QStringLiteral("formatVersion"));
    if (!version.isDouble() || version.toInteger() < 1) {
        return fail(Code::NotImportable, Tr::tr("The file has no valid formatVersion."));
    }
    if (version.toInteger() > ExportFormatVersion) {
        return fail(Code::NewerVersion,
                    Tr::tr("The file was made by a newer version of Suitebench (format %1; this "
                           "version reads up to %2). Nothing was imported.")
                        .arg(version.toInteger())
                        .arg(ExportFormatVersion));
    }
    ImportedEnvironment out;
    out.format = bundle ? ExchangeFormat::AgeBundle : ExchangeFormat::Suitebench;
    for (auto it = root.begin(); it != root.end(); ++it) {
        static const QStringList known{QStringLiteral("format"), QStringLiteral("formatVersion"),
                                       QStringLiteral("environment"),
                                       QStringLiteral("privateKeyPem"),
                                       QStringLiteral("exportedAt")};
        if (!known.contains(it.key())) {
            out.unmapped.append(Tr::tr("%1: unknown field; ignored.").arg(it.key().left(64)));
        }
    }
    if (!root.value(QStringLiteral("environment")).isObject()) {
        return fail(Code::NotImportable, Tr::tr("The file holds no environment."));
    }
    QStringList ignored;
    auto env = fromJson(root.value(QStringLiteral("environment")).toObject(), &ignored);
    if (!env) {
        return tl::unexpected(env.error());
    }
    for (const QString &field : ignored) {
        out.unmapped.append(Tr::tr("%1: unknown field; ignored.").arg(field.left(80)));
    }
    out.environment = *env;
    const QJsonValue key = root.value(QStringLiteral("privateKeyPem"));
    if (!key.isUndefined()) {
        if (!bundle) {
            return fail(Code::NotImportable,
                        Tr::tr("A plaintext export must not carry a private key; ask for an "
                               "encrypted bundle instead."));
        }
        QByteArray bytes = key.toString().toUtf8();
        out.privateKeyPem = Crypto::SecureBytes::takeFrom(bytes);
    }
    if (!bundle) {
        for (const Variable &variable : out.environment.variables) {
            if (variable.secret && !variable.value.isEmpty()) {
                out.warnings.append(Tr::tr("Variable %1 is marked secret but the file carried its "
                                           "value in plaintext.")
                                        .arg(variable.name));
            }
        }
    }
    return out;
}

} // namespace

std::optional<ExchangeFormat> exchangeFormatFromName(QStringView name)
{
    if (name == QLatin1String("suitebench")) {
        return ExchangeFormat::Suitebench;
    }
    if (name == QLatin1String("postman")) {
        return ExchangeFormat::Postman;
    }
    if (name == QLatin1String("age")) {
        return ExchangeFormat::AgeBundle;
    }
    return std::nullopt;
}

QByteArray exportSuitebench(const Environment &environment)
{
    Environment clean = environment.withoutSecretValues();
    clean.hasPrivateKey = false; // the recipient attaches their own key
    QJsonObject root;
    root.insert(QStringLiteral("format"), SuitebenchFormat);
    root.insert(QStringLiteral("formatVersion"), ExportFormatVersion);
    root.insert(QStringLiteral("environment"), toJson(clean, false));
    return toBytes(root);
}

QByteArray exportPostman(const Environment &env, const Core::Clock &clock)
{
    QJsonArray values;
    const auto add = [&values](const QString &key, const QString &value, bool secret) {
        values.append(QJsonObject{
            {QStringLiteral("key"), key},
            {QStringLiteral("value"), secret ? QString() : value},
            {QStringLiteral("type"), secret ? QStringLiteral("secret") : QStringLiteral("default")},
            {QStringLiteral("enabled"), true}});
    };
    if (!env.accountId.isEmpty()) {
        add(QStringLiteral("accountId"), env.accountId, false);
    }
    if (!env.tokenUrl.isEmpty()) {
        add(QStringLiteral("tokenUrl"), env.tokenUrl, false);
    }
    add(QStringLiteral("clientId"), env.clientId, false);
    add(QStringLiteral("certificateId"), env.certificateId, false);
    if (!env.algorithm.isEmpty()) {
        add(QStringLiteral("algorithm"), env.algorithm, false);
    }
    add(QStringLiteral("profile"), env.profile, false);
    if (!env.scopes.isEmpty()) {
        add(QStringLiteral("scope"), env.scopes.join(u','), false);
    }
    if (env.concurrencyLimit > 0) {
        add(QStringLiteral("concurrencyLimit"), QString::number(env.concurrencyLimit), false);
    }
    for (const Variable &variable : env.variables) {
        QJsonObject v{{QStringLiteral("key"), variable.name},
                      {QStringLiteral("value"), variable.secret ? QString() : variable.value},
                      {QStringLiteral("type"),
                       variable.secret ? QStringLiteral("secret") : QStringLiteral("default")},
                      {QStringLiteral("enabled"), variable.enabled}};
        values.append(v);
    }
    QJsonObject root;
    root.insert(QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    root.insert(QStringLiteral("name"), env.name);
    root.insert(QStringLiteral("values"), values);
    root.insert(QStringLiteral("_postman_variable_scope"), QStringLiteral("environment"));
    root.insert(QStringLiteral("_postman_exported_at"),
                clock.now().toUTC().toString(QStringLiteral("yyyy-MM-ddThh:mm:ss.zzzZ")));
    root.insert(QStringLiteral("_postman_exported_using"), QStringLiteral("Suitebench"));
    return toBytes(root);
}

Result<QByteArray> exportAgeBundle(const Environment &environment,
                                   const Crypto::SecureBytes &privateKeyPem,
                                   const Crypto::SecureBytes &passphrase, int workFactor)
{
    QJsonObject root;
    root.insert(QStringLiteral("format"), BundleFormat);
    root.insert(QStringLiteral("formatVersion"), ExportFormatVersion);
    Environment copy = environment;
    copy.hasPrivateKey = !privateKeyPem.isEmpty();
    root.insert(QStringLiteral("environment"), toJson(copy, true));
    if (!privateKeyPem.isEmpty()) {
        root.insert(QStringLiteral("privateKeyPem"), QString::fromUtf8(privateKeyPem.view()));
    }
    QByteArray plain = QJsonDocument(root).toJson(QJsonDocument::Compact);
    const Crypto::SecureBytes secretPlain = Crypto::SecureBytes::takeFrom(plain);
    auto encrypted = Crypto::Age::encrypt(secretPlain.view(), passphrase, workFactor);
    if (!encrypted) {
        return fail(Code::Invalid, encrypted.error().message);
    }
    return std::move(*encrypted);
}

Result<ImportedEnvironment> parseImport(QByteArrayView bytes, const Crypto::SecureBytes &passphrase)
{
    if (bytes.size() > Limits::MaxImportBytes) {
        return fail(
            Code::TooLarge,
            Tr::tr("The file is larger than %1 MiB.").arg(Limits::MaxImportBytes / (1024 * 1024)));
    }
    Crypto::SecureBytes decrypted;
    bool bundle = false;
    if (Crypto::Age::looksLikeAge(bytes)) {
        if (passphrase.isEmpty()) {
            return fail(Code::NeedsPassphrase,
                        Tr::tr("This is an encrypted bundle; give its passphrase."));
        }
        auto plain = Crypto::Age::decrypt(bytes, passphrase);
        if (!plain) {
            const bool wrong = plain.error().code == Crypto::Age::AgeError::Code::WrongPassphrase;
            return fail(wrong ? Code::WrongPassphrase : Code::NotImportable, plain.error().message);
        }
        decrypted = std::move(*plain);
        bundle = true;
        bytes = decrypted.view();
        if (bytes.size() > Limits::MaxImportBytes) {
            return fail(Code::TooLarge, Tr::tr("The bundle's content is too large."));
        }
    }
    Jwt::JsonLimits limits;
    limits.maxBytes = Limits::MaxImportBytes;
    limits.maxDepth = Limits::MaxJsonDepth;
    const auto json = Jwt::parseStrictJsonObject(bytes, limits);
    if (!json.ok) {
        return fail(Code::NotImportable, Tr::tr("Not a valid JSON file: %1").arg(json.error));
    }
    if (!json.duplicates.isEmpty()) {
        return fail(Code::NotImportable, Tr::tr("The member \"%1\" appears twice; refusing an "
                                                "ambiguous file.")
                                             .arg(json.duplicates.first().name.left(64)));
    }
    const QJsonObject &root = json.object;
    Result<ImportedEnvironment> parsed = fail(Code::NotImportable, QString());
    const QString format = root.value(QStringLiteral("format")).toString();
    if (bundle) {
        if (format != BundleFormat) {
            return fail(Code::NotImportable,
                        Tr::tr("The age file does not hold a Suitebench bundle."));
        }
        parsed = fromSuitebench(root, true);
    } else if (format == SuitebenchFormat) {
        parsed = fromSuitebench(root, false);
    } else if (format == BundleFormat) {
        return fail(Code::NotImportable, Tr::tr("A bundle must be encrypted."));
    } else if (root.contains(QStringLiteral("_postman_variable_scope"))
               || root.contains(QStringLiteral("values"))) {
        parsed = fromPostman(root);
    } else if (root.contains(QStringLiteral("format"))) {
        return fail(
            Code::NotImportable,
            Tr::tr("Unknown format \"%1\" (made by a newer version?).").arg(format.left(64)));
    } else {
        return fail(Code::NotImportable, Tr::tr("Not a Suitebench export, bundle or Postman "
                                                "environment file."));
    }
    if (!parsed) {
        return parsed;
    }
    ImportedEnvironment &out = *parsed;
    // A fresh id: never trust an imported one (secret names derive from it).
    out.environment.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    out.environment.hasPrivateKey = !out.privateKeyPem.isEmpty();
    if (auto ok = validate(out.environment, &out.warnings); !ok) {
        return tl::unexpected(ok.error());
    }
    out.hosts = out.environment.hosts();
    for (const QString &host : out.hosts) {
        const QUrl url(host);
        if (!NetSuite::AccountId::parseHost(url.host())) {
            out.hasNonNetSuiteHosts = true;
        }
    }
    return parsed;
}

Result<ImportedEnvironment> readImportFile(const QString &path,
                                           const Crypto::SecureBytes &passphrase)
{
    auto bytes = readRegularFile(path, Limits::MaxImportBytes);
    if (!bytes) {
        return tl::unexpected(bytes.error());
    }
    return parseImport(*bytes, passphrase);
}

} // namespace Sb::Workspace
