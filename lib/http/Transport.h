// SPDX-License-Identifier: MIT
#pragma once

#include "http/ErrorKind.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>

#include <memory>

namespace Sb::Http {

/**
 * Qt opens at most this many parallel HTTP/1.1 connections per host:port and queues the
 * rest inside QNetworkAccessManager (QHttpNetworkConnection's fixed channel count). A
 * ConcurrencyLimiter set above 6 for one host therefore only adds queueing inside Qt, not
 * parallelism; those queued requests already run their deadline timers.
 */
inline constexpr int maxHttp1ConnectionsPerHost = 6;

/** Per-environment transport settings. */
struct TransportOptions
{
    /**
     * Extra trust anchors for this environment only (a private emulator or a TLS-inspecting
     * corporate proxy). They are added to the system CAs, never replace them. This is the
     * only way to trust a private certificate: nothing in lib/http calls ignoreSslErrors().
     */
    QList<QSslCertificate> extraCaCertificates;
    /**
     * Off by default, for determinism: with HTTP/1.1 the per-host connection limit above is
     * exact and the behaviour is the one the loopback fault tests verify. HTTP/2 (over TLS,
     * by ALPN) works in Qt 6 and may be switched on, but is not covered by those tests.
     */
    bool http2Allowed = false;
};

/**
 * Binds a caller-owned QNetworkAccessManager to the TLS settings of one environment.
 *
 * Use one manager per environment: Qt pools connections per host:port, and a pooled
 * connection keeps the TLS configuration of the request that opened it, ignoring a later
 * request's (different) CA list - a stricter environment sharing the manager would reuse
 * a connection another environment's extra CA had trusted (TestTls shows it on Qt 6.4). Transport
 * does not own the manager and does not change it; an HttpCall started after the manager was
 * destroyed fails with ErrorKind::Other. Copyable; cheap.
 */
class Transport final
{
public:
    explicit Transport(QNetworkAccessManager &manager, const TransportOptions &options = {});

    [[nodiscard]] QNetworkAccessManager *manager() const { return m_manager.data(); }
    /** The configuration set on every https request of this environment. */
    [[nodiscard]] const QSslConfiguration &sslConfiguration() const { return m_ssl; }
    [[nodiscard]] bool http2Allowed() const { return m_http2Allowed; }

private:
    QPointer<QNetworkAccessManager> m_manager;
    QSslConfiguration m_ssl;
    bool m_http2Allowed = false;
};

/**
 * Makes a manager configured by configureNetworkAccessManager(). The caller owns it (and
 * keeps one per environment, see Transport).
 */
[[nodiscard]] std::unique_ptr<QNetworkAccessManager> makeNetworkAccessManager(QObject *parent
                                                                              = nullptr);

/**
 * Makes an existing manager safe for credentials:
 * - a cookie jar that never stores or returns cookies (a replayed session cookie makes
 *   NetSuite answer INVALID_LOGIN; HttpCall also turns cookies off per request);
 * - redirect policy Manual (HttpCall also sets it per request);
 * - strict transport security off (it would rewrite http:// to a local emulator);
 * - auto-delete of replies off (HttpCall deletes its replies);
 * - a LoopbackBypassProxyFactory.
 */
void configureNetworkAccessManager(QNetworkAccessManager &manager);

/**
 * Honours the proxy the application or system chose, except for loopback: requests to
 * 127.0.0.0/8, ::1 and localhost always go direct (QNetworkProxy::NoProxy), so a system
 * proxy can neither see nor break traffic to a local emulator.
 *
 * Otherwise it answers with QNetworkProxyFactory::proxyForQuery(): the application proxy,
 * the application's proxy factory, or - when the composition root called
 * QNetworkProxyFactory::setUseSystemConfiguration(true) - the system settings. With
 * `useSystemProxy` the system settings are asked directly (unless an application proxy is
 * set, which then wins).
 */
class LoopbackBypassProxyFactory final : public QNetworkProxyFactory
{
public:
    explicit LoopbackBypassProxyFactory(bool useSystemProxy = true);
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override;

private:
    bool m_useSystemProxy;
};

/** Reads one or more PEM (or one DER) certificates for TransportOptions::extraCaCertificates. */
[[nodiscard]] HttpResult<QList<QSslCertificate>> loadCaCertificates(const QByteArray &data);

} // namespace Sb::Http
