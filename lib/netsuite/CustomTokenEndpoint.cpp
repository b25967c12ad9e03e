// SPDX-License-Identifier: MIT
#include "netsuite/CustomTokenEndpoint.h"

#include "netsuite/DisplayText.h"
#include "netsuite/Tr.h"

namespace Sb::NetSuite {

namespace {

tl::unexpected<EndpointError> refuse(EndpointError::Code code, const QString &message)
{
    return Core::fail<EndpointError>(code, message);
}

bool isDottedQuadIn127(const QString &host)
{
    const QStringList parts = host.split(QLatin1Char('.'));
    if (parts.size() != 4) {
        return false;
    }
    for (const QString &part : parts) {
        if (part.isEmpty() || part.size() > 3) {
            return false;
        }
        for (const QChar c : part) {
            if (c.unicode() < u'0' || c.unicode() > u'9') {
                return false;
            }
        }
        if (part.toInt() > 255) {
            return false;
        }
    }
    return parts.front() == QStringLiteral("127");
}

} // namespace

Core::Result<CustomTokenEndpoint, EndpointError> CustomTokenEndpoint::parse(QStringView input)
{
    const QString text = input.trimmed().toString();
    if (text.isEmpty()) {
        return refuse(EndpointError::Code::Empty, Tr::tr("No token endpoint URL was given."));
    }
    if (text.size() > 2048) {
        return refuse(EndpointError::Code::Malformed,
                      Tr::tr("The token endpoint URL is longer than 2048 characters."));
    }
    for (const QChar c : text) {
        // Non-ASCII hosts go through IDNA inside QUrl (look-alike hosts); control characters
        // and spaces have no place in a URL that becomes a signed `aud`.
        if (c.unicode() >= 0x80 || c.unicode() <= 0x20 || c.unicode() == 0x7F) {
            return refuse(EndpointError::Code::NonAscii,
                          Tr::tr("The token endpoint URL \"%1\" contains a space, a control or a "
                                 "non-ASCII character; write an international host in its xn-- "
                                 "form.")
                              .arg(escapeForDisplay(text, 100)));
        }
    }
    const QUrl url(text, QUrl::StrictMode);
    const QString shown = escapeForDisplay(text, 100);
    if (!url.isValid() || url.isRelative()) {
        return refuse(EndpointError::Code::Malformed,
                      Tr::tr("\"%1\" is not an absolute URL such as "
                             "https://127.0.0.1:8443/services/rest/auth/oauth2/v1/token.")
                          .arg(shown));
    }
    if (url.host().isEmpty()) {
        return refuse(EndpointError::Code::NoHost, Tr::tr("\"%1\" has no host.").arg(shown));
    }
    if (!url.userInfo().isEmpty() || text.contains(QLatin1Char('@'))) {
        return refuse(EndpointError::Code::UserInfo,
                      Tr::tr("\"%1\" carries a user name or password (\"…@\"); credentials never "
                             "go in the token URL, and \"@\" can hide the real host.")
                          .arg(shown));
    }
    if (url.hasFragment()) {
        return refuse(
            EndpointError::Code::Fragment,
            Tr::tr("\"%1\" has a fragment (\"#…\"), which is never sent to a server.").arg(shown));
    }
    const QString scheme = url.scheme();
    const bool loopback = isLoopbackHost(url.host());
    // The assertion and the access token travel in this request: plain http is allowed only
    // where nothing leaves the machine (the emulator on loopback).
    if (scheme != QStringLiteral("https") && !(scheme == QStringLiteral("http") && loopback)) {
        return refuse(EndpointError::Code::NotHttps,
                      scheme == QStringLiteral("http")
                          ? Tr::tr("\"%1\" uses http:// to a host that is not loopback; use "
                                   "https:// (http is only allowed to 127.0.0.1, ::1 and "
                                   "localhost).")
                                .arg(shown)
                          : Tr::tr("\"%1\" is not an https:// URL.").arg(shown));
    }
    CustomTokenEndpoint endpoint;
    endpoint.m_url = url;
    return endpoint;
}

QString CustomTokenEndpoint::originOf(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty()) {
        return {};
    }
    QUrl origin;
    origin.setScheme(url.scheme().toLower());
    origin.setHost(url.host().toLower());
    const int port = url.port();
    const bool defaultPort = (origin.scheme() == QStringLiteral("https") && port == 443)
                             || (origin.scheme() == QStringLiteral("http") && port == 80);
    if (port != -1 && !defaultPort) {
        origin.setPort(port);
    }
    return origin.toString(QUrl::FullyEncoded);
}

QString CustomTokenEndpoint::origin() const
{
    return originOf(m_url);
}

bool CustomTokenEndpoint::isLoopbackHost(const QString &host)
{
    const QString h = host.toLower();
    return h == QStringLiteral("localhost") || h == QStringLiteral("::1")
           || h == QStringLiteral("[::1]") || isDottedQuadIn127(h);
}

bool CustomTokenEndpoint::isLoopback() const
{
    return !isNull() && isLoopbackHost(m_url.host());
}

QUrl CustomTokenEndpoint::restRecordBase() const
{
    if (isNull()) {
        return {};
    }
    QUrl url = QUrl(origin());
    url.setPath(QStringLiteral("/services/rest/record/v1"));
    return url;
}

QUrl CustomTokenEndpoint::suiteQlUrl() const
{
    if (isNull()) {
        return {};
    }
    QUrl url = QUrl(origin());
    url.setPath(QStringLiteral("/services/rest/query/v1/suiteql"));
    return url;
}

} // namespace Sb::NetSuite
