// SPDX-License-Identifier: MIT
#include "workspace/Environment.h"

#include "crypto/Jws.h"
#include "netsuite/AccountId.h"
#include "netsuite/AssertionProfile.h"
#include "netsuite/CustomTokenEndpoint.h"
#include "workspace/Tr.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace Sb::Workspace {

using Code = WorkspaceError::Code;

QString Environment::privateKeySecretName() const
{
    return QStringLiteral("suitebench/env/%1/private-key").arg(id);
}

QString Environment::variableSecretName(const QString &variable) const
{
    return QStringLiteral("suitebench/env/%1/var/%2").arg(id, variable);
}

Result<NetSuite::Target> Environment::target() const
{
    if (!accountId.isEmpty() && !tokenUrl.isEmpty()) {
        return fail(Code::Invalid, Tr::tr("Environment %1 has both an account ID and a token URL; "
                                          "keep one.")
                                       .arg(name));
    }
    if (!accountId.isEmpty()) {
        const auto account = NetSuite::AccountId::parse(accountId);
        if (!account) {
            return fail(Code::Invalid, Tr::tr("Account ID: %1").arg(account.error().message));
        }
        return NetSuite::Target::netSuite(*account);
    }
    if (!tokenUrl.isEmpty()) {
        const auto endpoint = NetSuite::CustomTokenEndpoint::parse(tokenUrl);
        if (!endpoint) {
            return fail(Code::Invalid, Tr::tr("Token URL: %1").arg(endpoint.error().message));
        }
        return NetSuite::Target::custom(*endpoint);
    }
    return fail(Code::Invalid,
                Tr::tr("Environment %1 has neither an account ID nor a token URL.").arg(name));
}

Result<NetSuite::AssertionRequest> Environment::assertionRequest() const
{
    const auto where = target();
    if (!where) {
        return tl::unexpected(where.error());
    }
    NetSuite::AssertionRequest request;
    const auto parsedProfile = NetSuite::profileFromName(profile);
    if (!parsedProfile) {
        return fail(Code::Invalid, Tr::tr("Profile must be netsuite or rfc7523."));
    }
    request.profile = *parsedProfile;
    request.clientId = clientId;
    request.certificateId = certificateId;
    if (!algorithm.isEmpty()) {
        const auto alg = Crypto::algorithmFromName(algorithm.toLatin1());
        if (!alg) {
            return fail(Code::Invalid, Tr::tr("Unknown algorithm %1.").arg(algorithm));
        }
        request.algorithm = alg;
    }
    request.scopes = scopes;
    request.tokenUrl = where->tokenUrlString();
    return request;
}

QStringList Environment::hosts() const
{
    QStringList out;
    if (const auto where = target(); where) {
        out.append(where->origin());
        const QString tokenOrigin = NetSuite::CustomTokenEndpoint::originOf(where->tokenUrl());
        if (!out.contains(tokenOrigin) && !tokenOrigin.isEmpty()) {
            out.append(tokenOrigin);
        }
    }
    for (const Collection &collection : collections) {
        for (const SavedRequest &request : collection.requests) {
            // Templates may start with {{base}}; only literal hosts are shown.
            const QUrl url(request.url, QUrl::StrictMode);
            const QString origin = NetSuite::CustomTokenEndpoint::originOf(url);
            if (!origin.isEmpty() && !request.url.startsWith(QStringLiteral("{{"))
                && !out.contains(origin)) {
                out.append(origin);
            }
        }
    }
    return out;
}

Environment Environment::withoutSecretValues() const
{
    Environment out = *this;
    for (Variable &variable : out.variables) {
        if (variable.secret) {
            variable.value.clear();
        }
    }
    return out;
}

Result<void> checkDisplayName(const QString &name, const QString &what)
{
    if (name.trimmed().isEmpty()) {
        return fail(Code::Invalid, Tr::tr("%1 is empty.").arg(what));
    }
    if (name.size() > Limits::MaxNameLength) {
        return fail(
            Code::TooLarge,
            Tr::tr("%1 is longer than %2 characters.").arg(what).arg(Limits::MaxNameLength));
    }
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool bidi = (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069)
                          || u == 0x200e || u == 0x200f || u == 0x061c;
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format || bidi) {
            return fail(Code::Invalid,
                        Tr::tr("%1 contains a control or text-direction character (U+%2).")
                            .arg(what)
                            .arg(uint(u), 4, 16, QLatin1Char('0')));
        }
    }
    return {};
}

Result<void> validate(const Environment &env, QStringList *warnings)
{
    if (auto ok = checkDisplayName(env.name, Tr::tr("The environment name")); !ok) {
        return ok;
    }
    if (warnings) {
        for (const QChar c : env.name) {
            if (c.unicode() > 0x7e) {
                warnings->append(Tr::tr("The name \"%1\" contains non-ASCII characters; check "
                                        "it is not a look-alike of another name.")
                                     .arg(env.name));
                break;
            }
        }
    }
    const auto where = env.target();
    if (!where) {
        return tl::unexpected(where.error());
    }
    if (const auto request = env.assertionRequest(); !request) {
        return tl::unexpected(request.error());
    }
    const auto tooLong = [](const QString &value, qsizetype cap) { return value.size() > cap; };
    if (tooLong(env.clientId, Limits::MaxNameLength)
        || tooLong(env.certificateId, Limits::MaxNameLength)
        || tooLong(env.id, Limits::MaxNameLength)) {
        return fail(
            Code::TooLarge,
            Tr::tr("An identifier is longer than %1 characters.").arg(Limits::MaxNameLength));
    }
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9-]{1,64}$"));
    if (!idPattern.match(env.id).hasMatch()) {
        return fail(Code::Invalid, Tr::tr("The environment id must be letters, digits and '-'."));
    }
    if (env.concurrencyLimit < 0 || env.concurrencyLimit > 100) {
        return fail(Code::Invalid, Tr::tr("The concurrency limit must be 0 (default) to 100."));
    }
    for (const QString &scope : env.scopes) {
        if (scope.isEmpty() || tooLong(scope, 64)) {
            return fail(Code::Invalid, Tr::tr("Empty or over-long scope value."));
        }
    }
    if (env.extraCaPem.size() > Limits::MaxCaPemLength) {
        return fail(Code::TooLarge, Tr::tr("The extra CA certificate is too large."));
    }
    if (env.variables.size() > Limits::MaxVariables
        || env.collections.size() > Limits::MaxCollections) {
        return fail(Code::TooLarge, Tr::tr("Too many variables or collections."));
    }
    static const QRegularExpression variablePattern(QStringLiteral("^[A-Za-z0-9_.-]{1,128}$"));
    QSet<QString> seen;
    for (const Variable &variable : env.variables) {
        if (!variablePattern.match(variable.name).hasMatch()) {
            return fail(Code::Invalid, Tr::tr("Variable name \"%1\" must be 1 to 128 letters, "
                                              "digits, '_', '.' or '-'.")
                                           .arg(variable.name.left(40)));
        }
        if (seen.contains(variable.name)) {
            return fail(Code::Invalid, Tr::tr("Variable %1 is defined twice.").arg(variable.name));
        }
        seen.insert(variable.name);
        if (tooLong(variable.value, Limits::MaxValueLength)) {
            return fail(Code::TooLarge, Tr::tr("The value of %1 is longer than %2 characters.")
                                            .arg(variable.name)
                                            .arg(Limits::MaxValueLength));
        }
    }
    for (const Collection &collection : env.collections) {
        if (auto ok = checkDisplayName(collection.name, Tr::tr("A collection name")); !ok) {
            return ok;
        }
        if (collection.requests.size() > Limits::MaxRequests) {
            return fail(Code::TooLarge,
                        Tr::tr("Too many saved requests in %1.").arg(collection.name));
        }
        for (const SavedRequest &request : collection.requests) {
            if (auto ok = checkDisplayName(request.name, Tr::tr("A request name")); !ok) {
                return ok;
            }
            if (request.headers.size() > Limits::MaxHeaders
                || tooLong(request.url, Limits::MaxValueLength)
                || tooLong(request.body, Limits::MaxBodyLength) || tooLong(request.method, 16)) {
                return fail(Code::TooLarge,
                            Tr::tr("Saved request %1 is too large.").arg(request.name));
            }
            for (const Header &header : request.headers) {
                if (tooLong(header.name, Limits::MaxNameLength)
                    || tooLong(header.value, Limits::MaxValueLength)) {
                    return fail(Code::TooLarge,
                                Tr::tr("A header of %1 is too large.").arg(request.name));
                }
            }
        }
    }
    if (env.history.bodyCapBytes < 0 || env.history.bodyCapBytes > 16 * 1024 * 1024) {
        return fail(Code::Invalid, Tr::tr("The history body cap must be 0 to 16 MiB."));
    }
    return {};
}

QJsonObject toJson(const Environment &env, bool includeSecretValues)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), env.id);
    o.insert(QStringLiteral("name"), env.name);
    if (!env.accountId.isEmpty()) {
        o.insert(QStringLiteral("accountId"), env.accountId);
    }
    if (!env.tokenUrl.isEmpty()) {
        o.insert(QStringLiteral("tokenUrl"), env.tokenUrl);
    }
    o.insert(QStringLiteral("clientId"), env.clientId);
    o.insert(QStringLiteral("certificateId"), env.certificateId);
    o.insert(QStringLiteral("algorithm"), env.algorithm);
    o.insert(QStringLiteral("profile"), env.profile);
    o.insert(QStringLiteral("scopes"), QJsonArray::fromStringList(env.scopes));
    o.insert(QStringLiteral("concurrencyLimit"), env.concurrencyLimit);
    if (!env.extraCaPem.isEmpty()) {
        o.insert(QStringLiteral("extraCaPem"), QString::fromLatin1(env.extraCaPem));
    }
    QJsonArray variables;
    for (const Variable &v : env.variables) {
        QJsonObject vo;
        vo.insert(QStringLiteral("name"), v.name);
        vo.insert(QStringLiteral("value"), v.secret && !includeSecretValues ? QString() : v.value);
        vo.insert(QStringLiteral("secret"), v.secret);
        vo.insert(QStringLiteral("enabled"), v.enabled);
        variables.append(vo);
    }
    o.insert(QStringLiteral("variables"), variables);
    QJsonArray collections;
    for (const Collection &c : env.collections) {
        QJsonArray requests;
        for (const SavedRequest &r : c.requests) {
            QJsonArray headers;
            for (const Header &h : r.headers) {
                headers.append(QJsonObject{{QStringLiteral("name"), h.name},
                                           {QStringLiteral("value"), h.value}});
            }
            requests.append(QJsonObject{{QStringLiteral("name"), r.name},
                                        {QStringLiteral("method"), r.method},
                                        {QStringLiteral("url"), r.url},
                                        {QStringLiteral("headers"), headers},
                                        {QStringLiteral("body"), r.body}});
        }
        collections.append(
            QJsonObject{{QStringLiteral("name"), c.name}, {QStringLiteral("requests"), requests}});
    }
    o.insert(QStringLiteral("collections"), collections);
    o.insert(QStringLiteral("history"),
             QJsonObject{{QStringLiteral("storeBodies"), env.history.storeBodies},
                         {QStringLiteral("bodyCapBytes"), env.history.bodyCapBytes}});
    o.insert(QStringLiteral("hasPrivateKey"), env.hasPrivateKey);
    return o;
}

namespace {

/** Typed reading with a path for messages; the first type error sticks. */
class Reader
{
public:
    explicit Reader(QStringList *ignored)
        : m_ignored(ignored)
    {}

    QString string(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull()) {
            return {};
        }
        if (!v.isString()) {
            typeError(path + u'/' + key, Tr::tr("text"));
            return {};
        }
        return v.toString();
    }
    bool boolean(const QJsonObject &o, const QString &key, const QString &path, bool fallback)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            return fallback;
        }
        if (!v.isBool()) {
            typeError(path + u'/' + key, Tr::tr("true or false"));
            return fallback;
        }
        return v.toBool();
    }
    qint64 integer(const QJsonObject &o, const QString &key, const QString &path, qint64 fallback)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            return fallback;
        }
        if (!v.isDouble() || v.toDouble() != double(v.toInteger())) {
            typeError(path + u'/' + key, Tr::tr("a whole number"));
            return fallback;
        }
        return v.toInteger();
    }
    QJsonArray array(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull()) {
            return {};
        }
        if (!v.isArray()) {
            typeError(path + u'/' + key, Tr::tr("a list"));
            return {};
        }
        return v.toArray();
    }
    QJsonObject object(const QJsonValue &v, const QString &path)
    {
        if (!v.isObject()) {
            typeError(path, Tr::tr("an object"));
            return {};
        }
        return v.toObject();
    }
    void known(const QJsonObject &o, const QString &path, std::initializer_list<const char *> keys)
    {
        if (!m_ignored) {
            return;
        }
        for (auto it = o.begin(); it != o.end(); ++it) {
            bool found = false;
            for (const char *k : keys) {
                found = found || it.key() == QLatin1String(k);
            }
            if (!found) {
                m_ignored->append(path + u'/' + it.key());
            }
        }
    }
    [[nodiscard]] const QString &error() const { return m_error; }

private:
    void typeError(const QString &path, const QString &expected)
    {
        if (m_error.isEmpty()) {
            m_error = Tr::tr("%1 must be %2.").arg(path, expected);
        }
    }
    QStringList *m_ignored;
    QString m_error;
};

} // namespace

Result<Environment> fromJson(const QJsonObject &o, QStringList *ignored)
{
    Reader r(ignored);
    const QString p = QStringLiteral("environment");
    r.known(o, p,
            {"id", "name", "accountId", "tokenUrl", "clientId", "certificateId", "algorithm",
             "profile", "scopes", "concurrencyLimit", "extraCaPem", "variables", "collections",
             "history", "hasPrivateKey"});
    Environment env;
    env.id = r.string(o, QStringLiteral("id"), p);
    env.name = r.string(o, QStringLiteral("name"), p);
    env.accountId = r.string(o, QStringLiteral("accountId"), p);
    env.tokenUrl = r.string(o, QStringLiteral("tokenUrl"), p);
    env.clientId = r.string(o, QStringLiteral("clientId"), p);
    env.certificateId = r.string(o, QStringLiteral("certificateId"), p);
    env.algorithm = r.string(o, QStringLiteral("algorithm"), p);
    env.profile = r.string(o, QStringLiteral("profile"), p);
    if (env.profile.isEmpty()) {
        env.profile = QStringLiteral("netsuite");
    }
    for (const QJsonValue &scope : r.array(o, QStringLiteral("scopes"), p)) {
        env.scopes.append(scope.isString() ? scope.toString() : QString());
    }
    env.concurrencyLimit = int(r.integer(o, QStringLiteral("concurrencyLimit"), p, 0));
    env.extraCaPem = r.string(o, QStringLiteral("extraCaPem"), p).toLatin1();
    env.hasPrivateKey = r.boolean(o, QStringLiteral("hasPrivateKey"), p, false);
    const QJsonArray variables = r.array(o, QStringLiteral("variables"), p);
    if (variables.size() > Limits::MaxVariables) {
        return fail(Code::TooLarge,
                    Tr::tr("Too many variables (at most %1).").arg(Limits::MaxVariables));
    }
    for (const QJsonValue &value : variables) {
        const QString vp = p + QStringLiteral("/variables");
        const QJsonObject vo = r.object(value, vp);
        r.known(vo, vp, {"name", "value", "secret", "enabled"});
        env.variables.append(Variable{r.string(vo, QStringLiteral("name"), vp),
                                      r.string(vo, QStringLiteral("value"), vp),
                                      r.boolean(vo, QStringLiteral("secret"), vp, false),
                                      r.boolean(vo, QStringLiteral("enabled"), vp, true)});
    }
    const QJsonArray collections = r.array(o, QStringLiteral("collections"), p);
    if (collections.size() > Limits::MaxCollections) {
        return fail(Code::TooLarge, Tr::tr("Too many collections."));
    }
    for (const QJsonValue &value : collections) {
        const QString cp = p + QStringLiteral("/collections");
        const QJsonObject co = r.object(value, cp);
        r.known(co, cp, {"name", "requests"});
        Collection collection;
        collection.name = r.string(co, QStringLiteral("name"), cp);
        const QJsonArray requests = r.array(co, QStringLiteral("requests"), cp);
        if (requests.size() > Limits::MaxRequests) {
            return fail(Code::TooLarge, Tr::tr("Too many saved requests."));
        }
        for (const QJsonValue &rv : requests) {
            const QString rp = cp + QStringLiteral("/requests");
            const QJsonObject ro = r.object(rv, rp);
            r.known(ro, rp, {"name", "method", "url", "headers", "body"});
            SavedRequest request;
            request.name = r.string(ro, QStringLiteral("name"), rp);
            request.method = r.string(ro, QStringLiteral("method"), rp);
            request.url = r.string(ro, QStringLiteral("url"), rp);
            request.body = r.string(ro, QStringLiteral("body"), rp);
            const QJsonArray headers = r.array(ro, QStringLiteral("headers"), rp);
            if (headers.size() > Limits::MaxHeaders) {
                return fail(Code::TooLarge, Tr::tr("Too many headers in a saved request."));
            }
            for (const QJsonValue &hv : headers) {
                const QJsonObject ho = r.object(hv, rp + QStringLiteral("/headers"));
                request.headers.append(Header{r.string(ho, QStringLiteral("name"), rp),
                                              r.string(ho, QStringLiteral("value"), rp)});
            }
            collection.requests.append(request);
        }
        env.collections.append(collection);
    }
    const QJsonValue history = o.value(QStringLiteral("history"));
    if (!history.isUndefined()) {
        const QJsonObject ho = r.object(history, p + QStringLiteral("/history"));
        env.history.storeBodies = r.boolean(ho, QStringLiteral("storeBodies"), p, false);
        env.history.bodyCapBytes = r.integer(ho, QStringLiteral("bodyCapBytes"), p, 64 * 1024);
    }
    if (!r.error().isEmpty()) {
        return fail(Code::Invalid, r.error());
    }
    return env;
}

} // namespace Sb::Workspace
