// SPDX-License-Identifier: MIT
// The admin API under /__emulator/ (loopback only, like everything the emulator serves).
#include "emulator/EmulatorPrivate.h"

#include <QJsonDocument>

namespace Sb::Emulator {

namespace {

HttpResponse adminError(int status, const QString &code, const QString &message)
{
    return HttpResponse::json(
        status, QJsonObject{{QStringLiteral("error"), code}, {QStringLiteral("message"), message}});
}

HttpResponse fromError(const EmulatorError &e)
{
    switch (e.code) {
    case EmulatorError::Code::NotFound:
        return adminError(404, QStringLiteral("not_found"), e.message);
    case EmulatorError::Code::LimitReached:
        return adminError(409, QStringLiteral("limit_reached"), e.message);
    case EmulatorError::Code::CertificateRefused:
        return adminError(400, QStringLiteral("certificate_refused"), e.message);
    case EmulatorError::Code::InvalidFaultSpec:
        return adminError(400, QStringLiteral("invalid_fault_spec"), e.message);
    default:
        return adminError(400, QStringLiteral("invalid"), e.message);
    }
}

} // namespace

HttpResponse Emulator::Private::handleAdmin(const HttpRequest &request)
{
    // Loopback only: the server binds loopback, and this re-checks the peer.
    if (!request.remote.isLoopback()) {
        return adminError(403, QStringLiteral("forbidden"), QStringLiteral("loopback only"));
    }
    const QStringList parts
        = request.path.mid(int(qstrlen("/__emulator"))).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const QByteArray &m = request.method;
    QJsonParseError perr{};
    const QJsonDocument doc = request.body.isEmpty() ? QJsonDocument(QJsonObject{})
                                                     : QJsonDocument::fromJson(request.body, &perr);
    const QJsonObject body = doc.object();
    const bool bodyOk
        = request.body.isEmpty() || (perr.error == QJsonParseError::NoError && doc.isObject());
    auto needBody = [&]() -> std::optional<HttpResponse> {
        if (!bodyOk) {
            return adminError(400, QStringLiteral("invalid_json"),
                              QStringLiteral("the body must be a JSON object"));
        }
        return std::nullopt;
    };
    const QString what = parts.value(0);

    if (parts.isEmpty() && m == "GET") {
        QJsonObject o = info.toJson();
        o.insert(QStringLiteral("settings"), settings.toJson());
        o.insert(QStringLiteral("now"), now());
        return HttpResponse::json(200, o);
    }
    if (what == QLatin1String("integrations")) {
        if (parts.size() == 1 && m == "GET") {
            return HttpResponse::json(200, q->integrations());
        }
        if (parts.size() == 1 && m == "POST") {
            if (auto bad = needBody()) {
                return *bad;
            }
            IntegrationOptions o;
            o.name = body.value(QLatin1String("name")).toString(o.name);
            o.clientCredentialsGrant
                = body.value(QLatin1String("client_credentials_grant")).toBool(true);
            o.enabled = body.value(QLatin1String("enabled")).toBool(true);
            auto created = q->createIntegration(o);
            if (!created) {
                return fromError(created.error());
            }
            return HttpResponse::json(
                201,
                QJsonObject{
                    {QStringLiteral("application_id"), created->applicationId},
                    {QStringLiteral("client_id"), created->clientId},
                    {QStringLiteral("client_secret"), created->clientSecret},
                    {QStringLiteral("name"), created->name},
                    {QStringLiteral("note"),
                     QStringLiteral("The Client ID and secret are shown once, as in NetSuite.")}});
        }
        if (parts.size() == 2 && m == "PATCH") {
            if (auto bad = needBody()) {
                return *bad;
            }
            if (!body.value(QLatin1String("enabled")).isBool()) {
                return adminError(400, QStringLiteral("invalid"),
                                  QStringLiteral("send {\"enabled\": true|false}"));
            }
            auto r
                = q->setIntegrationEnabled(parts[1], body.value(QLatin1String("enabled")).toBool());
            return r ? HttpResponse::empty(204) : fromError(r.error());
        }
    }
    if (what == QLatin1String("certificates")) {
        if (parts.size() == 1 && m == "GET") {
            QJsonArray out;
            for (const auto &c : q->certificates(request.queryValue(QStringLiteral("client_id")))) {
                out.append(c.toJson());
            }
            return HttpResponse::json(200, out);
        }
        if (parts.size() == 1 && m == "POST") {
            if (auto bad = needBody()) {
                return *bad;
            }
            auto intOf = [&](const char *key) {
                const QJsonValue v = body.value(QLatin1String(key));
                return v.isString() ? v.toString().toInt() : int(v.toInteger());
            };
            auto mapping = q->uploadCertificate(
                body.value(QLatin1String("certificate")).toString().toUtf8(),
                body.value(QLatin1String("client_id")).toString(),
                body.contains(QLatin1String("role")) ? intOf("role") : IntegrationRole,
                body.contains(QLatin1String("entity")) ? intOf("entity") : IntegrationEntity);
            if (!mapping) {
                return fromError(mapping.error());
            }
            return HttpResponse::json(201, mapping->toJson());
        }
        if ((parts.size() == 3 && parts[2] == QLatin1String("revoke") && m == "POST")
            || (parts.size() == 2 && m == "DELETE")) {
            auto r = q->revokeCertificate(parts[1]);
            return r ? HttpResponse::empty(204) : fromError(r.error());
        }
    }
    if (what == QLatin1String("roles")) {
        if (parts.size() == 1 && m == "GET") {
            QJsonArray out;
            for (const Role &r : q->roles()) {
                out.append(r.toJson());
            }
            return HttpResponse::json(200, out);
        }
        if ((parts.size() == 1 && m == "POST") || (parts.size() == 2 && m == "PATCH")) {
            if (auto bad = needBody()) {
                return *bad;
            }
            Role base;
            if (parts.size() == 2) {
                const int id = parts[1].toInt();
                if (!rolesById.contains(id)) {
                    return adminError(404, QStringLiteral("not_found"),
                                      QStringLiteral("no role %1").arg(parts[1]));
                }
                base = rolesById.value(id);
            }
            auto role = Role::fromJson(body, base);
            if (!role) {
                return fromError(role.error());
            }
            auto stored = q->putRole(*role);
            return stored ? HttpResponse::json(parts.size() == 1 ? 201 : 200, stored->toJson())
                          : fromError(stored.error());
        }
    }
    if (what == QLatin1String("entities")) {
        if (parts.size() == 1 && m == "GET") {
            QJsonArray out;
            for (const Entity &e : q->entities()) {
                out.append(QJsonObject{{QStringLiteral("id"), e.id},
                                       {QStringLiteral("name"), e.name},
                                       {QStringLiteral("enabled"), e.enabled}});
            }
            return HttpResponse::json(200, out);
        }
        if (parts.size() == 2 && m == "PATCH") {
            if (auto bad = needBody()) {
                return *bad;
            }
            auto r = q->setEntityEnabled(parts[1].toInt(),
                                         body.value(QLatin1String("enabled")).toBool(true));
            return r ? HttpResponse::empty(204) : fromError(r.error());
        }
    }
    if (what == QLatin1String("faults")) {
        if (parts.size() == 1 && m == "GET") {
            return HttpResponse::json(200, q->faults());
        }
        if (parts.size() == 1 && m == "POST") {
            // {"spec": "..."} or the spec as the plain body.
            QString spec;
            if (request.header("Content-Type").contains("json")) {
                if (auto bad = needBody()) {
                    return *bad;
                }
                spec = body.value(QLatin1String("spec")).toString();
            } else {
                spec = QString::fromUtf8(request.body);
            }
            auto id = q->addFault(spec);
            if (!id) {
                return fromError(id.error());
            }
            return HttpResponse::json(
                201, QJsonObject{{QStringLiteral("id"), *id},
                                 {QStringLiteral("spec"), parseFaultSpec(spec)->toSpec()}});
        }
        if (parts.size() == 1 && m == "DELETE") {
            q->clearFaults();
            return HttpResponse::empty(204);
        }
        if (parts.size() == 2 && m == "DELETE") {
            return q->removeFault(parts[1].toInt()) ? HttpResponse::empty(204)
                                                    : adminError(404, QStringLiteral("not_found"),
                                                                 QStringLiteral("no such fault"));
        }
    }
    if (what == QLatin1String("audit-trail")) {
        if (m == "GET") {
            QJsonArray out;
            for (const AuditEntry &e : std::as_const(audit)) {
                out.append(e.toJson());
            }
            return HttpResponse::json(200, out);
        }
        if (m == "DELETE") {
            audit.clear();
            return HttpResponse::empty(204);
        }
    }
    if (what == QLatin1String("counters") && m == "GET") {
        QJsonObject o = counters.toJson();
        o.insert(QStringLiteral("in_flight"), inFlight);
        return HttpResponse::json(200, o);
    }
    if (what == QLatin1String("clock")) {
        if (m == "POST") {
            if (auto bad = needBody()) {
                return *bad;
            }
            if (!body.value(QLatin1String("advance_seconds")).isDouble()) {
                return adminError(400, QStringLiteral("invalid"),
                                  QStringLiteral("send {\"advance_seconds\": N}"));
            }
            q->advanceClock(body.value(QLatin1String("advance_seconds")).toInteger());
        }
        if (m == "POST" || m == "GET") {
            return HttpResponse::json(200, QJsonObject{{QStringLiteral("now"), now()}});
        }
    }
    if (what == QLatin1String("tokens") && parts.value(1) == QLatin1String("revoke")
        && m == "POST") {
        if (auto bad = needBody()) {
            return *bad;
        }
        return q->revokeAccessToken(body.value(QLatin1String("jti")).toString())
                   ? HttpResponse::empty(204)
                   : adminError(404, QStringLiteral("not_found"),
                                QStringLiteral("no token with that jti"));
    }
    return adminError(404, QStringLiteral("not_found"), QStringLiteral("no such admin endpoint"));
}

} // namespace Sb::Emulator
