// SPDX-License-Identifier: MIT
#pragma once

#include "netsuite/AccountId.h"
#include "netsuite/CustomTokenEndpoint.h"
#include "netsuite/EnvironmentKind.h"

#include <QUrl>

#include <optional>

namespace Sb::NetSuite {

/**
 * Where an environment sends its requests: a NetSuite account (its hosts are derived), or a
 * custom token endpoint (the emulator or another OAuth 2.0 server), optionally emulating a
 * NetSuite account.
 *
 * kind() is the emulated or real account's kind, and Custom(origin) only for a custom
 * endpoint with no account. Guards use sameTarget() and matchesUrl(): NetSuite targets are
 * compared by account, custom ones by origin. It does not decide policy (which writes need
 * confirmation); the client and the GUI do.
 */
class Target final
{
public:
    Target() = default; ///< null

    [[nodiscard]] static Target netSuite(const AccountId &account);
    [[nodiscard]] static Target custom(const CustomTokenEndpoint &endpoint,
                                       std::optional<AccountId> emulatedAccount = std::nullopt);

    [[nodiscard]] bool isNull() const { return m_account.isNull() && m_custom.isNull(); }
    [[nodiscard]] bool isCustom() const { return !m_custom.isNull(); }
    /** The real or emulated account, if any. */
    [[nodiscard]] std::optional<AccountId> account() const;
    [[nodiscard]] CustomTokenEndpoint customEndpoint() const { return m_custom; }
    [[nodiscard]] EnvironmentKind kind() const;
    /** The origin requests go to ("https://1234567.suitetalk.api.netsuite.com" or the custom one).
     */
    [[nodiscard]] QString origin() const;

    [[nodiscard]] QUrl tokenUrl() const;
    /** The exact string an assertion's `aud` must hold for this target. */
    [[nodiscard]] QString tokenUrlString() const;
    [[nodiscard]] QUrl restRecordBase() const;
    [[nodiscard]] QUrl suiteQlUrl() const;

    /**
     * Guard check: does @p url point at this target? NetSuite targets: an https URL on one of
     * the account's own hosts (any service, compared by account, not by spelling). Custom
     * targets: the same origin (scheme, host, port).
     */
    [[nodiscard]] bool matchesUrl(const QUrl &url) const;

    /** Same account for NetSuite targets, same origin for custom ones; never across the two. */
    [[nodiscard]] static bool sameTarget(const Target &a, const Target &b);

private:
    AccountId m_account;
    CustomTokenEndpoint m_custom;
};

} // namespace Sb::NetSuite
