// SPDX-License-Identifier: MIT
#include "netsuite/client/Guards.h"

#include "netsuite/AccountId.h"
#include "netsuite/CustomTokenEndpoint.h"
#include "netsuite/Tr.h"
#include "netsuite/client/RetryRules.h"

namespace Sb::NetSuite {

namespace {

QString describeTarget(const Target &target)
{
    if (const auto account = target.account(); account && !target.isCustom()) {
        return Tr::tr("%1 account %2").arg(target.kind().displayName(), account->canonical());
    }
    return target.kind().displayName();
}

QString describeUrlOwner(const QUrl &url)
{
    if (const auto host = AccountId::parseHost(url.host())) {
        return Tr::tr("the %1 account %2")
            .arg(host->account.kind().displayName(), host->account.canonical());
    }
    const QString origin = CustomTokenEndpoint::originOf(url);
    return origin.isEmpty() ? Tr::tr("an unusable URL") : origin;
}

} // namespace

std::optional<GuardRefusal> checkUrlGuard(const Target &target, const QUrl &url)
{
    if (target.isNull()) {
        return GuardRefusal{GuardRefusal::Code::NoTarget,
                            Tr::tr("refused: the environment has no account or token URL")};
    }
    if (target.matchesUrl(url)) {
        return std::nullopt;
    }
    // Security: the access token (and for the token URL the assertion) is a credential of
    // this target only; another account's host - above all production for a sandbox
    // environment - must never receive it.
    return GuardRefusal{GuardRefusal::Code::OtherTarget,
                        Tr::tr("refused: %1 belongs to %2, but this environment is %3 (%4); "
                               "its credentials are never sent elsewhere. Use a path, or an "
                               "environment for that account.")
                            .arg(url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo),
                                 describeUrlOwner(url), describeTarget(target), target.origin())};
}

bool needsProductionWritePermission(const Target &target, Http::Method method)
{
    return isWriteMethod(method) && target.kind().isProduction();
}

GuardRefusal productionWriteRefusal(const Target &target, Http::Method method, const QUrl &url)
{
    return GuardRefusal{
        GuardRefusal::Code::ProductionWrite,
        Tr::tr("refused: %1 %2 would change data in %3. Writes to a production account need "
               "explicit permission (suitebench-cli: --allow-production-writes).")
            .arg(QString::fromLatin1(Http::methodName(method)),
                 url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo),
                 describeTarget(target))};
}

Routing::Routing(const QString &origin)
    : m_origin(QUrl(origin, QUrl::StrictMode))
{
    if (!m_origin.isValid() || m_origin.host().isEmpty()) {
        m_origin = QUrl();
    }
}

QString Routing::origin() const
{
    return CustomTokenEndpoint::originOf(m_origin);
}

QUrl Routing::route(const QUrl &logical) const
{
    if (isNull()) {
        return logical;
    }
    QUrl out = logical;
    out.setScheme(m_origin.scheme());
    out.setHost(m_origin.host());
    out.setPort(m_origin.port());
    return out;
}

QUrl Routing::unroute(const QUrl &url, const QUrl &logicalOrigin) const
{
    if (isNull() || !Http::isSameOrigin(url, m_origin)) {
        return url;
    }
    QUrl out = url;
    out.setScheme(logicalOrigin.scheme());
    out.setHost(logicalOrigin.host());
    out.setPort(logicalOrigin.port());
    return out;
}

} // namespace Sb::NetSuite
