// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "netsuite/Endpoints.h"

#include <QString>
#include <QUrl>

namespace Sb::NetSuite {

/**
 * A token endpoint given by URL instead of derived from an account: the emulator, or any
 * OAuth 2.0 server. parse() guarantees an absolute https URL (http only to a loopback host:
 * 127.0.0.0/8, ::1 or localhost), with a host, no user info and no fragment, written in
 * ASCII. The assertion's `aud` is tokenUrlString(), the same string the request goes to
 * (reliability doc A5). It does not check that anything listens there.
 */
class CustomTokenEndpoint final
{
public:
    CustomTokenEndpoint() = default; ///< null

    [[nodiscard]] static Core::Result<CustomTokenEndpoint, EndpointError> parse(QStringView url);

    [[nodiscard]] bool isNull() const { return m_url.isEmpty(); }
    [[nodiscard]] QUrl tokenUrl() const { return m_url; }
    /** The URL as the string an `aud` must equal (QUrl::FullyEncoded). */
    [[nodiscard]] QString tokenUrlString() const { return m_url.toString(QUrl::FullyEncoded); }
    /** "scheme://host[:port]", lower-case host, default port omitted. */
    [[nodiscard]] QString origin() const;
    [[nodiscard]] bool isLoopback() const;
    /** The same origin's `/services/rest/record/v1` (how the emulator lays out its REST API). */
    [[nodiscard]] QUrl restRecordBase() const;
    /** The same origin's `/services/rest/query/v1/suiteql`. */
    [[nodiscard]] QUrl suiteQlUrl() const;

    /** The origin of any URL in the same form as origin(); empty when it has no host. */
    [[nodiscard]] static QString originOf(const QUrl &url);
    /** localhost, 127.0.0.0/8 (dotted quad) or ::1. */
    [[nodiscard]] static bool isLoopbackHost(const QString &host);

    friend bool operator==(const CustomTokenEndpoint &a, const CustomTokenEndpoint &b)
    {
        return a.m_url == b.m_url;
    }

private:
    QUrl m_url;
};

} // namespace Sb::NetSuite
