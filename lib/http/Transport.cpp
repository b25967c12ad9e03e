// SPDX-License-Identifier: MIT
#include "http/Transport.h"

#include "http/Request.h"
#include "http/Tr.h"

#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkProxy>
#include <QSslSocket>

namespace Sb::Http {

namespace {

/** A cookie jar that forgets everything (see configureNetworkAccessManager). */
class NeverStoringCookieJar final : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::QNetworkCookieJar;

    QList<QNetworkCookie> cookiesForUrl(const QUrl &) const override { return {}; }
    bool setCookiesFromUrl(const QList<QNetworkCookie> &, const QUrl &) override { return false; }
    bool insertCookie(const QNetworkCookie &) override { return false; }
    bool updateCookie(const QNetworkCookie &) override { return false; }
};

} // namespace

Transport::Transport(QNetworkAccessManager &manager, const TransportOptions &options)
    : m_manager(&manager)
    , m_ssl(QSslConfiguration::defaultConfiguration())
    , m_http2Allowed(options.http2Allowed)
{
    if (!options.extraCaCertificates.isEmpty()) {
        // Setting a CA list turns off Qt's on-demand loading of the system roots, so the
        // system roots are listed explicitly and the extra ones appended: an environment
        // with a private CA must still verify public hosts the ordinary way.
        QList<QSslCertificate> cas = QSslConfiguration::systemCaCertificates();
        for (const QSslCertificate &extra : options.extraCaCertificates) {
            if (!extra.isNull() && !cas.contains(extra)) {
                cas.append(extra);
            }
        }
        m_ssl.setCaCertificates(cas);
    }
    // Peer verification stays on (the default for clients); nothing here relaxes it.
    m_ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
}

std::unique_ptr<QNetworkAccessManager> makeNetworkAccessManager(QObject *parent)
{
    auto manager = std::make_unique<QNetworkAccessManager>(parent);
    configureNetworkAccessManager(*manager);
    return manager;
}

void configureNetworkAccessManager(QNetworkAccessManager &manager)
{
    auto *jar = new NeverStoringCookieJar(&manager);
    manager.setCookieJar(jar);
    manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    manager.setStrictTransportSecurityEnabled(false);
    manager.setAutoDeleteReplies(false);
    manager.setProxyFactory(new LoopbackBypassProxyFactory(true)); // the manager takes it
}

LoopbackBypassProxyFactory::LoopbackBypassProxyFactory(bool useSystemProxy)
    : m_useSystemProxy(useSystemProxy)
{}

QList<QNetworkProxy> LoopbackBypassProxyFactory::queryProxy(const QNetworkProxyQuery &query)
{
    // Loopback never goes through a proxy: the proxy would see the local emulator's
    // credentials, and a broken proxy setting would make local work impossible.
    if (isLoopbackHost(query.peerHostName()) || isLoopbackHost(query.url().host())) {
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    }
    QList<QNetworkProxy> proxies = QNetworkProxyFactory::proxyForQuery(query);
    const bool chosen = !proxies.isEmpty() && proxies.first().type() != QNetworkProxy::NoProxy
                        && proxies.first().type() != QNetworkProxy::DefaultProxy;
    if (chosen || !m_useSystemProxy) {
        return proxies.isEmpty() ? QList<QNetworkProxy>{QNetworkProxy(QNetworkProxy::NoProxy)}
                                 : proxies;
    }
    proxies = QNetworkProxyFactory::systemProxyForQuery(query);
    return proxies.isEmpty() ? QList<QNetworkProxy>{QNetworkProxy(QNetworkProxy::NoProxy)}
                             : proxies;
}

HttpResult<QList<QSslCertificate>> loadCaCertificates(const QByteArray &data)
{
    QList<QSslCertificate> certificates = QSslCertificate::fromData(data, QSsl::Pem);
    if (certificates.isEmpty()) {
        certificates = QSslCertificate::fromData(data, QSsl::Der);
    }
    certificates.removeIf([](const QSslCertificate &c) { return c.isNull(); });
    if (certificates.isEmpty()) {
        return Core::fail<HttpError>(HttpErrorCode::BadCertificate,
                                     Tr::tr("no certificate found (PEM or DER expected)"));
    }
    return certificates;
}

} // namespace Sb::Http
