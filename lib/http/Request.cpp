// SPDX-License-Identifier: MIT
#include "http/Request.h"

#include "http/Tr.h"

#include <QHostAddress>

namespace Sb::Http {

namespace {

bool isTokenChar(char c)
{
    // RFC 9110 §5.6.2 tchar
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

} // namespace

QByteArray methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return QByteArrayLiteral("GET");
    case Method::Head:
        return QByteArrayLiteral("HEAD");
    case Method::Post:
        return QByteArrayLiteral("POST");
    case Method::Put:
        return QByteArrayLiteral("PUT");
    case Method::Patch:
        return QByteArrayLiteral("PATCH");
    case Method::Delete:
        return QByteArrayLiteral("DELETE");
    case Method::Options:
        return QByteArrayLiteral("OPTIONS");
    }
    return QByteArrayLiteral("GET");
}

std::optional<QByteArray> findHeader(const QList<Header> &headers, QByteArrayView name)
{
    for (const Header &header : headers) {
        if (QByteArrayView(header.name).compare(name, Qt::CaseInsensitive) == 0) {
            return header.value;
        }
    }
    return std::nullopt;
}

RequestLimits RequestLimits::tokenRequest()
{
    RequestLimits limits;
    limits.deadline = std::chrono::seconds{20};
    limits.transferTimeout = std::chrono::seconds{10};
    limits.maxResponseBytes = 64 * 1024;
    return limits;
}

void Request::setHeader(const QByteArray &name, const QByteArray &value)
{
    headers.removeIf([&name](const Header &header) {
        return QByteArrayView(header.name).compare(name, Qt::CaseInsensitive) == 0;
    });
    headers.append({name, value});
}

QString validateRequest(const Request &request)
{
    const QUrl &url = request.url;
    if (!url.isValid() || url.isRelative()) {
        return Tr::tr("the URL is not a valid absolute URL");
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        return Tr::tr("only http and https URLs can be sent");
    }
    if (url.host().isEmpty()) {
        return Tr::tr("the URL has no host");
    }
    if (!url.userInfo().isEmpty()) {
        // Qt would turn user:pass@ into an Authorization header of its own.
        return Tr::tr("credentials in the URL (user:password@) are not sent");
    }
    for (const Header &header : request.headers) {
        if (header.name.isEmpty()) {
            return Tr::tr("a header has no name");
        }
        for (const char c : header.name) {
            if (!isTokenChar(c)) {
                return Tr::tr("the header name \"%1\" has invalid characters")
                    .arg(QString::fromLatin1(header.name.left(64).toPercentEncoding()));
            }
        }
        for (const char c : header.value) {
            // No CR/LF: a value built from a variable must not start a second header.
            if (c == '\r' || c == '\n' || c == '\0') {
                return Tr::tr("the value of header \"%1\" contains a line break or NUL")
                    .arg(QString::fromLatin1(header.name));
            }
        }
        const QByteArrayView name(header.name);
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0
            || name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0
            || name.compare("Host", Qt::CaseInsensitive) == 0) {
            return Tr::tr("the header \"%1\" is set by the HTTP layer")
                .arg(QString::fromLatin1(header.name));
        }
    }
    return {};
}

bool isSameOrigin(const QUrl &a, const QUrl &b)
{
    if (!a.isValid() || !b.isValid()) {
        return false;
    }
    const QString schemeA = a.scheme().toLower();
    const QString schemeB = b.scheme().toLower();
    if (schemeA != schemeB || schemeA.isEmpty()) {
        return false;
    }
    const int defaultPort = schemeA == QLatin1String("https")  ? 443
                            : schemeA == QLatin1String("http") ? 80
                                                               : -1;
    return !a.host().isEmpty() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
           && a.port(defaultPort) == b.port(defaultPort);
}

bool isLoopbackHost(const QString &host)
{
    const QString lower = host.toLower();
    if (lower == QLatin1String("localhost") || lower.endsWith(QLatin1String(".localhost"))) {
        return true;
    }
    QString bare = lower;
    if (bare.startsWith(u'[') && bare.endsWith(u']')) {
        bare = bare.mid(1, bare.size() - 2);
    }
    const QHostAddress address(bare);
    return !address.isNull() && address.isLoopback();
}

} // namespace Sb::Http
