// SPDX-License-Identifier: MIT
// The token endpoint: NetSuite's client-credentials grant (facts §2, §4).
#include "emulator/EmulatorPrivate.h"
#include "jwt/Jwt.h"

#include <QJsonArray>

namespace Sb::Emulator {

HttpResponse Emulator::Private::tokenError(TokenRejection reason, const QString &explanation) const
{
    const TokenErrorResponse row = settings.tokenErrors.value(
        reason, TokenErrorResponse{400, QStringLiteral("invalid_request")});
    QJsonObject body{{QStringLiteral("error"), row.error}};
    if (settings.errorDescription) {
        body.insert(QStringLiteral("error_description"), explanation);
    }
    HttpResponse r = HttpResponse::json(row.status, body);
    r.withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    if (row.status == 401) {
        r.withHeader("WWW-Authenticate",
                     QByteArrayLiteral("Basic realm=\"") + account.toLatin1() + '"');
    }
    return r;
}

HttpResponse Emulator::Private::handleToken(const HttpRequest &request,
                                            std::optional<int> ttlOverride)
{
    QElapsedTimer ownTime;
    ownTime.start();
    struct Measure
    {
        QElapsedTimer &timer;
        Counters &counters;
        ~Measure()
        {
            const qint64 ns = timer.nsecsElapsed();
            counters.tokenHandlingNsTotal += ns;
            counters.tokenHandlingNsMax = std::max(counters.tokenHandlingNsMax, ns);
        }
    } measure{ownTime, counters};
    auto refuse
        = [&](TokenRejection reason, const QString &why, const QString &iss, const QString &kid) {
              ++counters.tokenRejections;
              const auto cert = kid.isEmpty() ? std::nullopt : certificate(kid);
              HttpResponse r = tokenError(reason, why);
              recordAudit(QStringLiteral("token"), detailCode(reason), why, iss, kid,
                          cert ? cert->roleId : 0, cert ? cert->entityId : 0, r.status, request);
              return r;
          };
    if (request.method != "POST") {
        return refuse(TokenRejection::MalformedRequest,
                      QStringLiteral("the token endpoint takes POST only"), {}, {});
    }
    const auto form = parseTokenForm(request.header("Content-Type"), request.body,
                                     request.hasHeader("Authorization"));
    if (!form) {
        return refuse(TokenRejection::MalformedRequest, form.error().message, {}, {});
    }
    const auto accepted = checkAssertion(form->assertion, audience, now(), settings, *this);
    if (!accepted) {
        const AssertionRejection &why = accepted.error();
        return refuse(why.reason, why.explanation, why.clientId, why.certificateId);
    }

    const qint64 iat = now();
    const int ttl = ttlOverride ? *ttlOverride : settings.accessTokenLifetimeSeconds;
    IssuedToken token;
    token.jti = QStringLiteral("%1.a-c.null.%2_%3").arg(account).arg(iat * 1000).arg(++tokenSerial);
    token.clientId = accepted->integration.clientId;
    token.certificateId = accepted->certificate.certificateId;
    token.roleId = accepted->certificate.roleId;
    token.entityId = accepted->certificate.entityId;
    token.scopes = accepted->scopes;
    token.iat = iat;
    token.exp = iat + ttl;

    // Shaped like NetSuite's issued tokens (facts §4): sub role;entity, aud [app;account, client].
    const QJsonObject header{{QStringLiteral("kid"), issuerKid},
                             {QStringLiteral("typ"), QStringLiteral("JWT")}};
    const QJsonObject claims{
        {QStringLiteral("sub"), QStringLiteral("%1;%2").arg(token.roleId).arg(token.entityId)},
        {QStringLiteral("aud"),
         QJsonArray{QStringLiteral("%1;%2").arg(accepted->integration.applicationId, account),
                    token.clientId}},
        {QStringLiteral("scope"), QJsonArray::fromStringList(token.scopes)},
        {QStringLiteral("iss"), QStringLiteral("https://system.netsuite.com")},
        {QStringLiteral("oit"), iat},
        {QStringLiteral("exp"), token.exp},
        {QStringLiteral("iat"), iat},
        {QStringLiteral("jti"), token.jti}};
    const auto signedToken = Jwt::sign(issuerKey, Crypto::JwsAlgorithm::PS256, header, claims);
    if (!signedToken) {
        return HttpResponse::json(
            500, QJsonObject{{QStringLiteral("error"), QStringLiteral("server_error")}});
    }
    tokensByJti.insert(token.jti, token);
    ++counters.tokensIssued;

    QJsonObject body{{QStringLiteral("access_token"), QString::fromLatin1(*signedToken)},
                     {QStringLiteral("token_type"), settings.tokenType}};
    if (settings.expiresInAsString) {
        body.insert(QStringLiteral("expires_in"), QString::number(ttl));
    } else {
        body.insert(QStringLiteral("expires_in"), ttl);
    }
    HttpResponse r = HttpResponse::json(200, body);
    r.withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    return r;
}

} // namespace Sb::Emulator
