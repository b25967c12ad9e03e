// SPDX-License-Identifier: MIT
#pragma once

#include "http/Request.h"
#include "netsuite/Target.h"

#include <QString>
#include <QUrl>

#include <optional>

namespace Sb::NetSuite {

/** Why a guard refused to send something. The message names the flag or setting to change. */
struct GuardRefusal
{
    enum class Code {
        NoTarget,        ///< the environment has no target
        OtherTarget,     ///< the URL is not on the environment's own account or origin
        ProductionWrite, ///< a write to a production account without permission
    };
    Code code{};
    QString message;
};

/**
 * Every URL a credential goes to must belong to the environment's target: the token URL
 * (which receives the assertion) and every REST URL (which receives the access token). A
 * sandbox environment can therefore never send its assertion or token to the production
 * account's hosts, nor the reverse (Target::matchesUrl compares by account, custom targets by
 * origin). Checked on the URL as the user sees it, before any --connect-to routing. Pure.
 */
[[nodiscard]] std::optional<GuardRefusal> checkUrlGuard(const Target &target, const QUrl &url);

/** POST, PUT, PATCH or DELETE on a production account: needs explicit permission. Pure. */
[[nodiscard]] bool needsProductionWritePermission(const Target &target, Http::Method method);

/** The refusal for needsProductionWritePermission() without permission. */
[[nodiscard]] GuardRefusal productionWriteRefusal(const Target &target, Http::Method method,
                                                  const QUrl &url);

/**
 * "--connect-to": sends an account's traffic to another origin (the emulator) while
 * everything NetSuite-derived stays the account's - the assertion's aud, the guards and the
 * URLs in records and history, like curl's --connect-to. route() rewrites scheme, host and
 * port of an outgoing URL at the last moment (Qt then sends Host for the new origin, which
 * is what a loopback emulator accepts); unroute() maps a URL the routed server returned
 * (a Location, a followed redirect) back to the logical origin. A null Routing changes
 * nothing.
 */
class Routing final
{
public:
    Routing() = default;
    /** @p origin "scheme://host[:port]" (validated by the caller, e.g. CustomTokenEndpoint). */
    explicit Routing(const QString &origin);

    [[nodiscard]] bool isNull() const { return m_origin.isEmpty(); }
    [[nodiscard]] QString origin() const;
    [[nodiscard]] QUrl route(const QUrl &logical) const;
    /** Maps @p url back when it is on the routed origin; else returns it unchanged. */
    [[nodiscard]] QUrl unroute(const QUrl &url, const QUrl &logicalOrigin) const;

private:
    QUrl m_origin;
};

} // namespace Sb::NetSuite
