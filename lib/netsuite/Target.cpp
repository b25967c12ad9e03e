// SPDX-License-Identifier: MIT
#include "netsuite/Target.h"

namespace Sb::NetSuite {

Target Target::netSuite(const AccountId &account)
{
    Target target;
    target.m_account = account;
    return target;
}

Target Target::custom(const CustomTokenEndpoint &endpoint, std::optional<AccountId> emulatedAccount)
{
    Target target;
    target.m_custom = endpoint;
    if (emulatedAccount) {
        target.m_account = *emulatedAccount;
    }
    return target;
}

std::optional<AccountId> Target::account() const
{
    if (m_account.isNull()) {
        return std::nullopt;
    }
    return m_account;
}

EnvironmentKind Target::kind() const
{
    if (!m_account.isNull()) {
        return m_account.kind();
    }
    if (!m_custom.isNull()) {
        return EnvironmentKind::custom(m_custom.origin());
    }
    return EnvironmentKind::production();
}

QString Target::origin() const
{
    if (isCustom()) {
        return m_custom.origin();
    }
    return CustomTokenEndpoint::originOf(serviceOrigin(m_account, Service::SuiteTalk));
}

QUrl Target::tokenUrl() const
{
    return isCustom() ? m_custom.tokenUrl() : NetSuite::tokenUrl(m_account);
}

QString Target::tokenUrlString() const
{
    return tokenUrl().toString(QUrl::FullyEncoded);
}

QUrl Target::restRecordBase() const
{
    return isCustom() ? m_custom.restRecordBase() : NetSuite::restRecordBase(m_account);
}

QUrl Target::suiteQlUrl() const
{
    return isCustom() ? m_custom.suiteQlUrl() : NetSuite::suiteQlUrl(m_account);
}

bool Target::matchesUrl(const QUrl &url) const
{
    if (isNull() || !url.isValid() || !url.userInfo().isEmpty()) {
        return false;
    }
    if (isCustom()) {
        return CustomTokenEndpoint::originOf(url) == m_custom.origin();
    }
    if (url.scheme() != QStringLiteral("https") || (url.port() != -1 && url.port() != 443)) {
        return false;
    }
    const auto host = AccountId::parseHost(url.host());
    return host && host->account == m_account;
}

bool Target::sameTarget(const Target &a, const Target &b)
{
    if (a.isNull() || b.isNull() || a.isCustom() != b.isCustom()) {
        return false;
    }
    if (a.isCustom()) {
        return a.m_custom.origin() == b.m_custom.origin();
    }
    return a.m_account == b.m_account;
}

} // namespace Sb::NetSuite
