// SPDX-License-Identifier: MIT
#include "netsuite/Endpoints.h"

#include "netsuite/DisplayText.h"
#include "netsuite/Tr.h"

#include <QUrlQuery>

namespace Sb::NetSuite {

namespace {

QString expectedHost(const AccountId &account, Service service)
{
    return account.hostLabel() + QLatin1Char('.') + serviceHostPart(service)
           + QStringLiteral(".netsuite.com");
}

// Builds https://<label>.<service>.netsuite.com<path> with QUrl::setHost and then checks the
// host QUrl ended up with. AccountId already allow-lists the label; the check is the second
// lock on the door the activepieces review found open (facts §1, "Security").
QUrl build(const AccountId &account, Service service, const QString &path)
{
    if (account.isNull()) {
        return {};
    }
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(expectedHost(account, service), QUrl::StrictMode);
    if (!path.isEmpty()) {
        url.setPath(path, QUrl::StrictMode);
    }
    if (!url.isValid() || url.host() != expectedHost(account, service) || !url.userInfo().isEmpty()
        || url.port() != -1) {
        return {};
    }
    return url;
}

bool isIdentifier(const QString &text, bool allowHyphen)
{
    if (text.isEmpty() || text.size() > 256) {
        return false;
    }
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'0' && u <= u'9') || (u >= u'A' && u <= u'Z')
                        || (u >= u'a' && u <= u'z') || u == u'_' || (allowHyphen && u == u'-');
        if (!ok) {
            return false;
        }
    }
    return true;
}

tl::unexpected<EndpointError> badIdentifier(const QString &what, const QString &value)
{
    return Core::fail<EndpointError>(
        EndpointError::Code::BadIdentifier,
        Tr::tr("The %1 \"%2\" may contain only letters, digits, \"_\" and \"-\".")
            .arg(what, escapeForDisplay(value, 60)));
}

tl::unexpected<EndpointError> nullAccount()
{
    return Core::fail<EndpointError>(
        EndpointError::Code::NullAccount,
        Tr::tr("No account ID was given. %1").arg(AccountId::formHelp()));
}

} // namespace

QString serviceHostPart(Service service)
{
    switch (service) {
    case Service::SuiteTalk:
        return QStringLiteral("suitetalk.api");
    case Service::Restlets:
        return QStringLiteral("restlets.api");
    case Service::App:
        return QStringLiteral("app");
    }
    return {};
}

QUrl serviceOrigin(const AccountId &account, Service service)
{
    return build(account, service, {});
}

QUrl tokenUrl(const AccountId &account)
{
    return build(account, Service::SuiteTalk,
                 QStringLiteral("/services/rest/auth/oauth2/v1/token"));
}

QUrl revokeUrl(const AccountId &account)
{
    return build(account, Service::SuiteTalk,
                 QStringLiteral("/services/rest/auth/oauth2/v1/revoke"));
}

QUrl restRecordBase(const AccountId &account)
{
    return build(account, Service::SuiteTalk, QStringLiteral("/services/rest/record/v1"));
}

QUrl suiteQlUrl(const AccountId &account)
{
    return build(account, Service::SuiteTalk, QStringLiteral("/services/rest/query/v1/suiteql"));
}

QUrl governanceLimitsUrl(const AccountId &account)
{
    return build(account, Service::SuiteTalk,
                 QStringLiteral("/services/rest/system/v1/governanceLimits"));
}

QUrl restletBase(const AccountId &account)
{
    return build(account, Service::Restlets, QStringLiteral("/app/site/hosting/restlet.nl"));
}

Core::Result<QUrl, EndpointError> restletUrl(const AccountId &account, const QString &scriptId,
                                             const QString &deployId)
{
    if (account.isNull()) {
        return nullAccount();
    }
    if (!isIdentifier(scriptId, false)) {
        return badIdentifier(Tr::tr("script ID"), scriptId);
    }
    if (!isIdentifier(deployId, false)) {
        return badIdentifier(Tr::tr("deployment ID"), deployId);
    }
    QUrl url = restletBase(account);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("script"), scriptId);
    query.addQueryItem(QStringLiteral("deploy"), deployId);
    url.setQuery(query);
    return url;
}

QUrl uiBase(const AccountId &account)
{
    return build(account, Service::App, {});
}

Core::Result<QUrl, EndpointError> certificatesUrl(const AccountId &account, const QString &clientId)
{
    if (account.isNull()) {
        return nullAccount();
    }
    // The IDs become path segments: an allow-list keeps "/", "..", "?" and "%2F" out.
    if (!isIdentifier(clientId, true)) {
        return badIdentifier(Tr::tr("Client ID"), clientId);
    }
    const QUrl url = build(account, Service::Restlets,
                           QStringLiteral("/services/rest/auth/oauth2/v1/clients/") + clientId
                               + QStringLiteral("/certificates"));
    if (url.isEmpty()) {
        return Core::fail<EndpointError>(EndpointError::Code::HostCheckFailed,
                                         Tr::tr("Could not build the certificates URL."));
    }
    return url;
}

Core::Result<QUrl, EndpointError> certificateRevokeUrl(const AccountId &account,
                                                       const QString &clientId,
                                                       const QString &certificateId)
{
    auto base = certificatesUrl(account, clientId);
    if (!base) {
        return base;
    }
    if (!isIdentifier(certificateId, true)) {
        return badIdentifier(Tr::tr("Certificate ID"), certificateId);
    }
    QUrl url = *base;
    url.setPath(url.path() + QLatin1Char('/') + certificateId + QStringLiteral("/revoke"),
                QUrl::StrictMode);
    return url;
}

QUrl dataCenterUrlsUrl(const AccountId &account)
{
    if (account.isNull()) {
        return {};
    }
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(QStringLiteral("rest.netsuite.com"));
    url.setPath(QStringLiteral("/rest/datacenterurls"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("account"), account.canonical());
    url.setQuery(query);
    return url;
}

QJsonObject describeAccount(const AccountId &account)
{
    if (account.isNull()) {
        return {};
    }
    const EnvironmentKind kind = account.kind();
    return QJsonObject{
        {QStringLiteral("account"), account.canonical()},
        {QStringLiteral("kind"), kind.typeName()},
        {QStringLiteral("kind_name"), kind.displayName()},
        {QStringLiteral("sandbox"), kind.sandboxNumber()},
        {QStringLiteral("host_label"), account.hostLabel()},
        {QStringLiteral("token_url"), tokenUrl(account).toString(QUrl::FullyEncoded)},
        {QStringLiteral("rest_base"), restRecordBase(account).toString(QUrl::FullyEncoded)},
        {QStringLiteral("suiteql_url"), suiteQlUrl(account).toString(QUrl::FullyEncoded)},
        {QStringLiteral("restlet_base"), restletBase(account).toString(QUrl::FullyEncoded)},
        {QStringLiteral("ui_base"), uiBase(account).toString(QUrl::FullyEncoded)},
    };
}

bool isNetSuiteUrlFor(const QUrl &url, const AccountId &account, Service service)
{
    return !account.isNull() && url.isValid() && url.scheme() == QStringLiteral("https")
           && url.userInfo().isEmpty() && (url.port() == -1 || url.port() == 443)
           && url.host() == expectedHost(account, service);
}

} // namespace Sb::NetSuite
