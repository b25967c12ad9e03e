// SPDX-License-Identifier: MIT
#include "netsuite/client/NetSuiteClient.h"

#include "http/Curl.h"
#include "netsuite/Tr.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <algorithm>

namespace Sb::NetSuite {

namespace {

const Core::Clock &systemClock()
{
    static const Core::SystemClock clock;
    return clock;
}

QString limiterKeyFor(const Target &target)
{
    // NetSuite governs concurrency per account, whatever host or route the requests take.
    if (const auto account = target.account()) {
        return QStringLiteral("account:") + account->canonical();
    }
    return QStringLiteral("origin:") + target.origin();
}

} // namespace

NetSuiteClient::NetSuiteClient(ClientConfig config, Http::Transport transport, QObject *parent,
                               const Core::Clock *clock, Http::ConcurrencyLimiter *sharedLimiter)
    : QObject(parent)
    , m_config(std::move(config))
    , m_transport(std::move(transport))
    , m_clock(clock ? clock : &systemClock())
{
    if (!m_config.connectTo.isEmpty()) {
        if (m_config.target.isCustom()) {
            m_warnings << Tr::tr("connect-to ignored: a custom token URL is already where the "
                                 "requests go");
        } else {
            m_routing = Routing(m_config.connectTo);
            if (m_routing.isNull()) {
                m_warnings << Tr::tr("connect-to ignored: '%1' is not an origin")
                                  .arg(m_config.connectTo.left(100));
            }
        }
    }
    m_limit = std::clamp(m_config.concurrencyLimit, 1, Http::maxHttp1ConnectionsPerHost);
    if (m_limit != m_config.concurrencyLimit) {
        m_warnings << Tr::tr("concurrency limit %1 adjusted to %2 (Qt opens at most %3 "
                             "connections per host)")
                          .arg(m_config.concurrencyLimit)
                          .arg(m_limit)
                          .arg(Http::maxHttp1ConnectionsPerHost);
    }
    m_limiterKey = limiterKeyFor(m_config.target);
    if (sharedLimiter) {
        m_limiter = sharedLimiter;
    } else {
        m_ownLimiter = std::make_unique<Http::ConcurrencyLimiter>(m_limit);
        m_limiter = m_ownLimiter.get();
    }
    m_limiter->setLimit(m_limiterKey, m_limit);
    if (!m_config.random) {
        m_config.random = Http::systemRandom();
    }

    TokenProviderConfig tokenConfig;
    tokenConfig.target = m_config.target;
    tokenConfig.assertion = m_config.assertion;
    tokenConfig.assertion.tokenUrl = m_config.target.tokenUrlString();
    tokenConfig.key = m_config.key;
    tokenConfig.routing = m_routing;
    tokenConfig.routedAccount = m_config.routedAccount;
    Http::CallContext context(m_transport);
    context.limiter = m_limiter;
    context.limiterKey = m_limiterKey;
    context.clock = m_clock;
    m_tokens = new TokenProvider(std::move(tokenConfig), context, *m_clock, this);
}

NetSuiteClient::~NetSuiteClient()
{
    // Calls hold limiter slots: they go before the limiter (a member) does. Calls parented
    // elsewhere must not outlive the client (documented on newCall()).
    qDeleteAll(findChildren<RestCall *>(Qt::FindDirectChildrenOnly));
    delete m_tokens;
    m_tokens = nullptr;
}

QUrl NetSuiteClient::resolve(const QString &pathOrUrl) const
{
    const QString text = pathOrUrl.trimmed();
    QUrl given(text, QUrl::StrictMode);
    if (given.isValid() && !given.scheme().isEmpty() && !given.host().isEmpty()) {
        return given;
    }
    QUrl base(m_config.target.origin() + QStringLiteral("/services/rest/"), QUrl::StrictMode);
    const QUrl relative(text, QUrl::StrictMode);
    if (!relative.isValid() || !relative.scheme().isEmpty()) {
        return QUrl();
    }
    return base.resolved(relative);
}

RestRequest NetSuiteClient::suiteQlRequest(const QString &query, int limit, qint64 offset) const
{
    RestRequest request;
    request.method = Http::Method::Post;
    QUrl url = m_config.target.suiteQlUrl();
    QUrlQuery paging;
    paging.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    paging.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    url.setQuery(paging);
    request.url = url;
    // SuiteQL needs Prefer: transient (facts §5).
    request.headers = {{"Prefer", "transient"}, {"Content-Type", "application/json"}};
    request.body
        = QJsonDocument(QJsonObject{{QStringLiteral("q"), query}}).toJson(QJsonDocument::Compact);
    request.readOnly = true;
    return request;
}

RestCall *NetSuiteClient::newCall(RestRequest request, QObject *parent)
{
    return new RestCall(*this, std::move(request), parent ? parent : this);
}

Http::Request NetSuiteClient::wireRequest(const RestRequest &request,
                                          const TokenHandle &token) const
{
    Http::Request http;
    http.method = request.method;
    http.url = m_routing.route(request.url);
    for (const Http::Header &header : request.headers) {
        // The client owns these: a caller's own Authorization or key would bypass the token
        // cache and the idempotency rules.
        if (header.name.compare("Authorization", Qt::CaseInsensitive) == 0
            || header.name.compare("X-NetSuite-Idempotency-Key", Qt::CaseInsensitive) == 0) {
            continue;
        }
        http.headers.append(header);
    }
    switch (request.auth) {
    case RestAuth::EnvironmentToken:
        http.setHeader("Authorization",
                       token ? token->authorizationValue() : QByteArray("Bearer <access token>"));
        break;
    case RestAuth::CallerBearer:
        http.setHeader(
            "Authorization",
            "Bearer " + (request.callerToken ? request.callerToken->exposeForApi() : QByteArray()));
        break;
    case RestAuth::None:
        break;
    }
    if (!http.header("Accept")) {
        http.headers.append(Http::Header{"Accept", "application/json"});
    }
    if (!request.body.isEmpty() && !http.header("Content-Type")) {
        http.headers.append(Http::Header{"Content-Type", "application/json"});
    }
    const bool keyed
        = (request.method == Http::Method::Post || request.method == Http::Method::Patch)
          && !request.readOnly;
    if (keyed) {
        http.headers.append({"X-NetSuite-Idempotency-Key",
                             (request.idempotencyKey.isEmpty() ? QStringLiteral("<new UUID>")
                                                               : request.idempotencyKey)
                                 .toLatin1()});
    }
    if (request.async) {
        const QByteArray prefer = http.header("Prefer").value_or(QByteArray());
        http.setHeader("Prefer",
                       prefer.isEmpty() ? QByteArray("respond-async") : prefer + ", respond-async");
    }
    http.body = request.body;
    http.limits.deadline = request.deadline.value_or(m_config.deadline);
    http.limits.transferTimeout = m_config.transferTimeout;
    http.limits.maxResponseBytes = request.maxResponseBytes.value_or(m_config.maxResponseBytes);
    http.limits.redirects = Http::RedirectMode::Manual;
    return http;
}

QString NetSuiteClient::toCurl(const RestRequest &request, bool revealSecrets) const
{
    const TokenHandle token = revealSecrets ? m_tokens->cached() : TokenHandle();
    return Http::toCurl(wireRequest(request, token), revealSecrets);
}

} // namespace Sb::NetSuite
