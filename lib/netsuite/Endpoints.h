// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "netsuite/AccountId.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace Sb::NetSuite {

/** Why a URL could not be built or accepted. */
struct EndpointError
{
    enum class Code {
        NullAccount,    ///< an empty AccountId was passed
        Empty,          ///< no URL given
        NonAscii,       ///< non-ASCII text (write an IDN host in its xn-- form)
        Malformed,      ///< not a valid absolute URL
        NotHttps,       ///< http:// to a host that is not loopback, or another scheme
        UserInfo,       ///< "user:pass@" in the URL
        Fragment,       ///< "#…" in the URL
        NoHost,         ///< no host
        BadIdentifier,  ///< a Client ID, Certificate ID or script ID with characters outside
                        ///< [A-Za-z0-9_-]
        HostCheckFailed ///< the built host is not the expected NetSuite host (a bug guard)
    };
    Code code{};
    QString message;
};

/** The NetSuite services that have account-specific hosts (facts §1). */
enum class Service {
    SuiteTalk, ///< <label>.suitetalk.api.netsuite.com: token endpoint, REST web services, SuiteQL
    Restlets,  ///< <label>.restlets.api.netsuite.com: RESTlets, certificate rotation (2026.1+)
    App,       ///< <label>.app.netsuite.com: the UI
};

/** "suitetalk.api", "restlets.api" or "app": the part between the label and netsuite.com. */
[[nodiscard]] QString serviceHostPart(Service service);

// The URL builders. Every host is set with QUrl::setHost() from AccountId::hostLabel()
// (never by string concatenation) and checked afterwards to be exactly
// "<label>.<service>.netsuite.com"; for a null AccountId (or if that check ever failed) the
// result is an empty QUrl. They do not check that the account exists.

/** `https://<label>.suitetalk.api.netsuite.com` (no path). */
[[nodiscard]] QUrl serviceOrigin(const AccountId &account, Service service);
/** `https://<label>.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token` (facts §1). */
[[nodiscard]] QUrl tokenUrl(const AccountId &account);
/** `…/services/rest/auth/oauth2/v1/revoke` on the SuiteTalk host (facts §1, [C]). */
[[nodiscard]] QUrl revokeUrl(const AccountId &account);
/** `…/services/rest/record/v1` on the SuiteTalk host (facts §5). */
[[nodiscard]] QUrl restRecordBase(const AccountId &account);
/** `…/services/rest/query/v1/suiteql` on the SuiteTalk host (facts §5). */
[[nodiscard]] QUrl suiteQlUrl(const AccountId &account);
/** `…/services/rest/system/v1/governanceLimits` (facts §5; administrators only). */
[[nodiscard]] QUrl governanceLimitsUrl(const AccountId &account);
/** `https://<label>.restlets.api.netsuite.com/app/site/hosting/restlet.nl` (no query). */
[[nodiscard]] QUrl restletBase(const AccountId &account);
/** A RESTlet: restletBase() with `?script=<id>&deploy=<id>` (IDs: [A-Za-z0-9_], e.g. 123 or
 * customscript_x). */
[[nodiscard]] Core::Result<QUrl, EndpointError>
restletUrl(const AccountId &account, const QString &scriptId, const QString &deployId);
/** `https://<label>.app.netsuite.com` (the UI). */
[[nodiscard]] QUrl uiBase(const AccountId &account);
/**
 * Certificate rotation (2026.1+), on the RESTlets host as Oracle's examples show (facts §1):
 * `…/services/rest/auth/oauth2/v1/clients/<ClientID>/certificates`.
 */
[[nodiscard]] Core::Result<QUrl, EndpointError> certificatesUrl(const AccountId &account,
                                                                const QString &clientId);
/** `…/clients/<ClientID>/certificates/<CertificateID>/revoke` on the RESTlets host. */
[[nodiscard]] Core::Result<QUrl, EndpointError> certificateRevokeUrl(const AccountId &account,
                                                                     const QString &clientId,
                                                                     const QString &certificateId);
/** `https://rest.netsuite.com/rest/datacenterurls?account=<canonical>` (facts §1; no auth). */
[[nodiscard]] QUrl dataCenterUrlsUrl(const AccountId &account);

/**
 * What the CLI's `account ID --json` prints: {"account","kind","kind_name","sandbox",
 * "host_label","token_url","rest_base","suiteql_url","restlet_base","ui_base"}; "sandbox" is
 * 0 unless the kind is a sandbox. Empty for a null account.
 */
[[nodiscard]] QJsonObject describeAccount(const AccountId &account);

/** True when @p url is https, on "<label>.<service>.netsuite.com" for @p account. */
[[nodiscard]] bool isNetSuiteUrlFor(const QUrl &url, const AccountId &account, Service service);

} // namespace Sb::NetSuite
