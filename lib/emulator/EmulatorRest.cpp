// SPDX-License-Identifier: MIT
// REST web services: bearer check, records, SuiteQL, async jobs, metadata, governance.
#include "emulator/EmulatorPrivate.h"
#include "emulator/RecordTypes.h"
#include "emulator/Schema.h"
#include "emulator/SuiteQl.h"
#include "jwt/Jwt.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Sb::Emulator {

namespace {

const QString kInvalidLogin = QStringLiteral(
    "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at "
    "Setup > Users/Roles > User Management > View Login Audit Trail.");

QString idText(const QVariant &v)
{
    return QString::number(v.toLongLong());
}

QJsonValue numberValue(const QVariant &v)
{
    const double d = v.toDouble();
    if (d == double(qint64(d)) && std::abs(d) < 9e15) {
        return qint64(d);
    }
    return d;
}

QString numberText(const QVariant &v)
{
    if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int) {
        return QString::number(v.toLongLong());
    }
    const double d = v.toDouble();
    if (d == double(qint64(d)) && std::abs(d) < 9e15) {
        return QString::number(qint64(d));
    }
    return QString::number(d, 'g', 15);
}

HttpResponse badParam(const QString &param, const QString &detail)
{
    return netSuiteError(400, QStringLiteral("INVALID_PARAMETER"), detail,
                         QJsonObject{{QStringLiteral("o:errorQueryParam"), param}});
}

HttpResponse invalidContent(const QString &detail, const QString &path = {})
{
    QJsonObject extra;
    if (!path.isEmpty()) {
        extra.insert(QStringLiteral("o:errorPath"), path);
    }
    return netSuiteError(400, QStringLiteral("INVALID_CONTENT"), detail, extra);
}

HttpResponse notFound(
    const QString &detail
    = QStringLiteral("The record instance does not exist. Provide a valid record instance ID."))
{
    return netSuiteError(404, QStringLiteral("NONEXISTENT_ID"), detail);
}

struct Paging
{
    int limit = 1000;
    qint64 offset = 0;
};

std::variant<Paging, HttpResponse> readPaging(const HttpRequest &r, qint64 maxResults)
{
    Paging p;
    bool ok = true;
    const QString limit = r.queryValue(QStringLiteral("limit"));
    const QString offset = r.queryValue(QStringLiteral("offset"));
    if (!limit.isEmpty()) {
        p.limit = limit.toInt(&ok);
        if (!ok || p.limit < 1 || p.limit > 1000) {
            return badParam(QStringLiteral("limit"),
                            QStringLiteral("Invalid value for the limit parameter: it must be a "
                                           "whole number from 1 to 1000."));
        }
    }
    if (!offset.isEmpty()) {
        p.offset = offset.toLongLong(&ok);
        if (!ok || p.offset < 0) {
            return badParam(QStringLiteral("offset"),
                            QStringLiteral("Invalid value for the offset parameter: it must be a "
                                           "whole number of 0 or more."));
        }
    }
    if (p.offset >= maxResults) {
        return badParam(QStringLiteral("offset"),
                        QStringLiteral("The offset is beyond the %1 results that can be paged.")
                            .arg(maxResults));
    }
    return p;
}

QJsonArray pageLinks(const QString &base, const Paging &p, qint64 total, const QString &extraQuery)
{
    auto href = [&](qint64 offset) {
        QString url = base + QStringLiteral("?limit=%1&offset=%2").arg(p.limit).arg(offset);
        if (!extraQuery.isEmpty()) {
            url += QLatin1Char('&') + extraQuery;
        }
        return url;
    };
    auto link = [&](const char *rel, qint64 offset) {
        return QJsonObject{{QStringLiteral("rel"), QString::fromLatin1(rel)},
                           {QStringLiteral("href"), href(offset)}};
    };
    QJsonArray links;
    const qint64 lastOffset = total > 0 ? ((total - 1) / p.limit) * p.limit : 0;
    if (p.offset > 0) {
        links.append(link("previous", std::max<qint64>(0, p.offset - p.limit)));
        links.append(link("first", 0));
    }
    if (p.offset + p.limit < total) {
        links.append(link("next", p.offset + p.limit));
    }
    links.append(link("last", lastOffset));
    links.append(link("self", p.offset));
    return links;
}

} // namespace

std::variant<Emulator::Private::Caller, HttpResponse>
Emulator::Private::authenticate(const HttpRequest &request)
{
    auto fail
        = [&](const QString &detail, const QString &reason, const IssuedToken *t) -> HttpResponse {
        ++counters.restRejections;
        HttpResponse r = netSuiteError(401, QStringLiteral("INVALID_LOGIN"), kInvalidLogin);
        r.withHeader(
            "WWW-Authenticate",
            QByteArrayLiteral("Bearer realm=\"") + account.toLatin1()
                + "\", error=\"invalid_token\", error_description=\"Invalid login attempt.\"");
        recordAudit(QStringLiteral("rest"), detail, reason, t ? t->clientId : QString(),
                    t ? t->certificateId : QString(), t ? t->roleId : 0, t ? t->entityId : 0, 401,
                    request);
        return r;
    };
    const QByteArray auth = request.header("Authorization");
    if (!auth.left(7).toLower().startsWith("bearer ")) {
        return fail(QStringLiteral("MissingToken"),
                    QStringLiteral("no Authorization: Bearer access token"), nullptr);
    }
    const QByteArray compact = auth.mid(7).trimmed();
    Jwt::DecodeOptions options;
    options.allowPastedNoise = false;
    options.maxInputBytes = 16 * 1024;
    const auto decoded = Jwt::decode(compact, options);
    if (!decoded || decoded->isJwe || !decoded->payload.ok) {
        return fail(QStringLiteral("InvalidToken"), QStringLiteral("the access token is malformed"),
                    nullptr);
    }
    if (!Jwt::verify(*decoded, issuerPublic, {Crypto::JwsAlgorithm::PS256})) {
        return fail(QStringLiteral("InvalidSignature"),
                    QStringLiteral("the access token was not issued by this account"), nullptr);
    }
    const QJsonObject claims = decoded->payload.object;
    const QString jti = claims.value(QLatin1String("jti")).toString();
    const auto it = tokensByJti.constFind(jti);
    if (it == tokensByJti.cend()) {
        const QString aud0 = claims.value(QLatin1String("aud")).toArray().at(0).toString();
        return fail(QStringLiteral("InvalidToken"),
                    aud0.endsWith(QLatin1Char(';') + account)
                        ? QStringLiteral("the access token is unknown")
                        : QStringLiteral("the access token was issued for another account"),
                    nullptr);
    }
    const IssuedToken &token = *it;
    if (token.revoked) {
        return fail(QStringLiteral("TokenRejected"), QStringLiteral("the access token was revoked"),
                    &token);
    }
    if (now() >= token.exp) {
        return fail(QStringLiteral("AccessTokenExpired"),
                    QStringLiteral("the access token expired %1 s ago").arg(now() - token.exp),
                    &token);
    }
    const auto integ = integration(token.clientId);
    if (!integ || !integ->enabled) {
        return fail(QStringLiteral("InvalidIntegration"),
                    QStringLiteral("the integration record is blocked"), &token);
    }
    if (!roleEnabled(token.roleId) || !entityEnabled(token.entityId)) {
        return fail(QStringLiteral("EntityOrRoleDisabled"),
                    QStringLiteral("the token's role or entity is inactive"), &token);
    }
    if (!token.scopes.contains(QStringLiteral("rest_webservices"))) {
        return fail(QStringLiteral("ScopeMismatched"),
                    QStringLiteral("the token's scope (%1) does not include rest_webservices")
                        .arg(token.scopes.join(QLatin1Char(','))),
                    &token);
    }
    return Caller{token, rolesById.value(token.roleId)};
}

HttpResponse Emulator::Private::handleNetSuite(const HttpRequest &request,
                                               std::optional<int> ttlOverride)
{
    if (isTokenPath(request.path)) {
        return handleToken(request, ttlOverride);
    }
    const QString prefix = QStringLiteral("/services/rest/");
    if (!request.path.startsWith(prefix)) {
        return netSuiteError(404, QStringLiteral("NONEXISTENT_ID"),
                             QStringLiteral("The requested URL does not exist."));
    }
    const QStringList parts
        = request.path.mid(prefix.size()).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    ++counters.restCalls;
    auto authed = authenticate(request);
    if (auto *response = std::get_if<HttpResponse>(&authed)) {
        return *response;
    }
    const Caller caller = std::get<Caller>(authed);
    if (!caller.role.restWebServices) {
        // The token works, the call does not: the trap of a role without REST Web Services.
        if (settings.restPermissionDenial == DenialStyle::UserError400) {
            return netSuiteError(400, QStringLiteral("USER_ERROR"),
                                 QStringLiteral("Your current role does not have permission to "
                                                "perform this action. Assign the REST Web "
                                                "Services permission to the role."));
        }
        return netSuiteError(
            403, QStringLiteral("INSUFFICIENT_PERMISSION"),
            QStringLiteral("Permission Violation: You need the 'REST Web Services' "
                           "permission to access this page. Please contact your "
                           "account administrator."));
    }
    auto starts = [&](std::initializer_list<const char *> words) {
        if (parts.size() < qsizetype(words.size())) {
            return false;
        }
        qsizetype i = 0;
        for (const char *w : words) {
            if (parts[i++] != QLatin1String(w)) {
                return false;
            }
        }
        return true;
    };
    if (starts({"record", "v1", "metadata-catalog"})) {
        return handleMetadata(request, parts.mid(3));
    }
    if (starts({"record", "v1"}) && parts.size() >= 3) {
        return handleRecords(request, caller, parts.mid(2));
    }
    if (starts({"query", "v1", "suiteql"}) && parts.size() == 3) {
        return handleSuiteQl(request, caller);
    }
    if (starts({"async", "v1", "job"})) {
        return handleAsync(request, parts.mid(3));
    }
    if (starts({"system", "v1", "governanceLimits"}) && parts.size() == 3) {
        return handleGovernance(caller);
    }
    if (starts({"auth", "oauth2", "v1", "clients"})) {
        return handleRotation(request, caller, parts.mid(4));
    }
    return netSuiteError(404, QStringLiteral("NONEXISTENT_ID"),
                         QStringLiteral("The requested URL does not exist."));
}

// ---------------------------------------------------------------- records

namespace {

HttpResponse workbookDenied(DenialStyle style)
{
    if (style == DenialStyle::Forbidden403) {
        return netSuiteError(403, QStringLiteral("INSUFFICIENT_PERMISSION"),
                             QStringLiteral("Permission Violation: You need the 'SuiteAnalytics "
                                            "Workbook' permission to access this page."));
    }
    return netSuiteError(400, QStringLiteral("USER_ERROR"),
                         QStringLiteral("Your current role does not have permission to perform "
                                        "this action. Ask your administrator for the "
                                        "SuiteAnalytics Workbook permission."));
}

struct TypeSql
{
    QString table;
    QString baseWhere; ///< e.g. "type = 'SalesOrd'" or "1=1"
};

TypeSql typeSql(const RestRecordType &t)
{
    TypeSql s{quoteIdentifier(t.table), QStringLiteral("1=1")};
    if (!t.filterColumn.isEmpty()) {
        s.baseWhere
            = QStringLiteral("%1 = '%2'").arg(quoteIdentifier(t.filterColumn), t.filterValue);
    }
    return s;
}

} // namespace

HttpResponse Emulator::Private::handleRecords(const HttpRequest &request, const Caller &caller,
                                              const QStringList &parts)
{
    const RestRecordType *type = restRecordType(parts[0]);
    if (!type) {
        return netSuiteError(
            404, QStringLiteral("NONEXISTENT_ID"),
            QStringLiteral("The record type '%1' does not exist.").arg(parts[0].left(64)));
    }
    const int needed = request.method == "GET"      ? 1
                       : request.method == "POST"   ? 2
                       : request.method == "DELETE" ? 4
                                                    : 3;
    if (caller.role.levelFor(type->name) < needed) {
        return netSuiteError(403, QStringLiteral("INSUFFICIENT_PERMISSION"),
                             QStringLiteral("Permission Violation: You need a higher level of the "
                                            "'%1' permission to access this page. Please contact "
                                            "your account administrator.")
                                 .arg(type->permission));
    }
    const QString typeBase = origin() + QStringLiteral("/services/rest/record/v1/") + type->name;
    const TypeSql ts = typeSql(*type);
    QSqlDatabase db = rw();
    const bool async = request.header("Prefer").toLower().contains("respond-async");
    const QByteArray idemKey = request.header("X-NetSuite-Idempotency-Key").trimmed();
    const bool write = request.method != "GET";
    const bool useIdem = write && !idemKey.isEmpty() && (async || settings.idempotencyOnSync);
    if (useIdem) {
        const auto seen = idempotency.constFind(QString::fromLatin1(idemKey));
        if (seen != idempotency.cend()) {
            HttpResponse r = netSuiteError(settings.idempotencyDuplicateStatus,
                                           QStringLiteral("IDEMPOTENCY_ERROR"),
                                           QStringLiteral("A request with the same idempotency key "
                                                          "has already been processed."));
            // Oracle's example reads "HTTP 400 Conflict" (facts §5, §10 item 9).
            r.body.replace("\"title\":\"Bad Request\"", "\"title\":\"Conflict\"");
            if (!seen->location.isEmpty()) {
                r.withHeader("Location", seen->location);
            }
            if (seen->async) {
                r.withHeader("Preference-Applied", "respond-async");
            }
            return r;
        }
    }

    HttpResponse result;
    if (request.method == "GET" && parts.size() == 1) {
        // ---- list
        if (!caller.role.suiteAnalyticsWorkbook) {
            return workbookDenied(settings.workbookDenial);
        }
        auto paging = readPaging(request, settings.suiteQlMaxResults);
        if (auto *bad = std::get_if<HttpResponse>(&paging)) {
            return *bad;
        }
        const Paging p = std::get<Paging>(paging);
        QString where = ts.baseWhere;
        QVariantList binds;
        QString qText = request.queryValue(QStringLiteral("q"));
        qText.replace(QLatin1Char('+'), QLatin1Char(' '));
        if (!qText.isEmpty()) {
            auto filter = parseRecordQuery(qText, *type);
            if (!filter) {
                return badParam(QStringLiteral("q"), filter.error().message);
            }
            if (!filter->where.isEmpty()) {
                where += QStringLiteral(" AND ") + filter->where;
                binds = filter->binds;
            }
        }
        QSqlQuery count(db);
        count.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2").arg(ts.table, where));
        for (const QVariant &b : binds) {
            count.addBindValue(b);
        }
        if (!count.exec() || !count.next()) {
            return netSuiteError(500, QStringLiteral("UNEXPECTED_ERROR"), count.lastError().text());
        }
        const qint64 total = count.value(0).toLongLong();
        QSqlQuery rows(db);
        rows.prepare(QStringLiteral("SELECT id FROM %1 WHERE %2 ORDER BY id LIMIT ? OFFSET ?")
                         .arg(ts.table, where));
        for (const QVariant &b : binds) {
            rows.addBindValue(b);
        }
        rows.addBindValue(p.limit);
        rows.addBindValue(p.offset);
        if (!rows.exec()) {
            return netSuiteError(500, QStringLiteral("UNEXPECTED_ERROR"), rows.lastError().text());
        }
        QJsonArray items;
        while (rows.next()) {
            const QString id = idText(rows.value(0));
            items.append(
                QJsonObject{{QStringLiteral("links"),
                             QJsonArray{QJsonObject{{QStringLiteral("rel"), QStringLiteral("self")},
                                                    {QStringLiteral("href"),
                                                     QString(typeBase + QLatin1Char('/') + id)}}}},
                            {QStringLiteral("id"), id}});
        }
        const QString extra = qText.isEmpty()
                                  ? QString()
                                  : QString(QStringLiteral("q=")
                                            + QString::fromLatin1(QUrl::toPercentEncoding(qText)));
        result = HttpResponse::json(
            200, QJsonObject{{QStringLiteral("links"), pageLinks(typeBase, p, total, extra)},
                             {QStringLiteral("count"), items.size()},
                             {QStringLiteral("hasMore"), p.offset + items.size() < total},
                             {QStringLiteral("items"), items},
                             {QStringLiteral("offset"), p.offset},
                             {QStringLiteral("totalResults"), total}});
        return result;
    }

    // Everything else addresses one record (or creates one).
    bool idOk = true;
    const qint64 id = parts.size() >= 2 ? parts[1].toLongLong(&idOk) : 0;
    if (parts.size() >= 2 && !idOk) {
        return notFound();
    }
    auto exists = [&](qint64 recordId) {
        QSqlQuery e(db);
        e.prepare(
            QStringLiteral("SELECT 1 FROM %1 WHERE id = ? AND %2").arg(ts.table, ts.baseWhere));
        e.addBindValue(recordId);
        return e.exec() && e.next();
    };
    auto refExists = [&](const QString &refType, qint64 refId) {
        const RestRecordType *rt = restRecordType(refType);
        if (!rt) {
            return false;
        }
        const TypeSql rs = typeSql(*rt);
        QSqlQuery e(db);
        e.prepare(
            QStringLiteral("SELECT 1 FROM %1 WHERE id = ? AND %2").arg(rs.table, rs.baseWhere));
        e.addBindValue(refId);
        return e.exec() && e.next();
    };
    auto refName = [&](const QString &refType, qint64 refId) -> QString {
        const RestRecordType *rt = restRecordType(refType);
        if (!rt) {
            return {};
        }
        const QString column
            = rt->name == QLatin1String("customer")        ? QStringLiteral("companyname")
              : rt->name == QLatin1String("inventoryItem") ? QStringLiteral("itemid")
              : rt->name == QLatin1String("salesOrder")    ? QStringLiteral("tranid")
                                                           : QStringLiteral("entityid");
        QSqlQuery e(db);
        e.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE id = ?").arg(column, typeSql(*rt).table));
        e.addBindValue(refId);
        return e.exec() && e.next() ? e.value(0).toString() : QString();
    };
    auto refObject = [&](const QString &refType, qint64 refId) {
        const QString rid = QString::number(refId);
        QJsonObject o{
            {QStringLiteral("links"),
             QJsonArray{QJsonObject{{QStringLiteral("rel"), QStringLiteral("self")},
                                    {QStringLiteral("href"),
                                     QString(origin() + QStringLiteral("/services/rest/record/v1/")
                                             + refType + QLatin1Char('/') + rid)}}}},
            {QStringLiteral("id"), rid}};
        const QString name = refName(refType, refId);
        if (!name.isEmpty()) {
            o.insert(QStringLiteral("refName"), name);
        }
        return o;
    };
    auto lineItems = [&](qint64 orderId) {
        QJsonArray items;
        QSqlQuery l(db);
        l.prepare(QStringLiteral("SELECT id, item, quantity, rate, netamount FROM transactionline "
                                 "WHERE \"transaction\" = ? ORDER BY linesequencenumber"));
        l.addBindValue(orderId);
        if (l.exec()) {
            while (l.next()) {
                items.append(
                    QJsonObject{{QStringLiteral("links"), QJsonArray{}},
                                {QStringLiteral("line"), l.value(0).toLongLong()},
                                {QStringLiteral("item"), refObject(QStringLiteral("inventoryItem"),
                                                                   l.value(1).toLongLong())},
                                {QStringLiteral("quantity"), numberValue(l.value(2))},
                                {QStringLiteral("rate"), numberValue(l.value(3))},
                                {QStringLiteral("amount"), numberValue(l.value(4))}});
            }
        }
        return items;
    };

    if (request.method == "GET") {
        if (!exists(id)) {
            return notFound();
        }
        if (parts.size() == 3 && type->hasItemSublist
            && parts[2].compare(QLatin1String("item"), Qt::CaseInsensitive) == 0) {
            const QJsonArray items = lineItems(id);
            return HttpResponse::json(
                200, QJsonObject{{QStringLiteral("links"),
                                  QJsonArray{QJsonObject{
                                      {QStringLiteral("rel"), QStringLiteral("self")},
                                      {QStringLiteral("href"),
                                       QString(typeBase + QStringLiteral("/%1/item").arg(id))}}}},
                                 {QStringLiteral("count"), items.size()},
                                 {QStringLiteral("hasMore"), false},
                                 {QStringLiteral("items"), items},
                                 {QStringLiteral("offset"), 0},
                                 {QStringLiteral("totalResults"), items.size()}});
        }
        if (parts.size() != 2) {
            return notFound(QStringLiteral("The requested URL does not exist."));
        }
        QStringList cols;
        for (const RestField &f : type->fields) {
            cols << quoteIdentifier(f.column);
        }
        QSqlQuery g(db);
        g.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE id = ?")
                      .arg(cols.join(QStringLiteral(", ")), ts.table));
        g.addBindValue(id);
        if (!g.exec() || !g.next()) {
            return notFound();
        }
        QJsonObject o{
            {QStringLiteral("links"),
             QJsonArray{QJsonObject{{QStringLiteral("rel"), QStringLiteral("self")},
                                    {QStringLiteral("href"), QString(typeBase + QLatin1Char('/')
                                                                     + QString::number(id))}}}}};
        for (int i = 0; i < type->fields.size(); ++i) {
            const RestField &f = type->fields[i];
            const QVariant v = g.value(i);
            if (v.isNull() || (v.typeId() == QMetaType::QString && v.toString().isEmpty())) {
                continue;
            }
            switch (f.kind) {
            case FieldKind::Id:
                o.insert(f.name, idText(v));
                break;
            case FieldKind::Bool:
                o.insert(f.name, v.toString() == QLatin1String("T"));
                break;
            case FieldKind::Float:
                o.insert(f.name, numberValue(v));
                break;
            case FieldKind::Ref:
                o.insert(f.name, refObject(f.refType, v.toLongLong()));
                break;
            case FieldKind::DateTime: {
                QDateTime dt = QDateTime::fromString(v.toString(), Qt::ISODate);
                dt.setTimeSpec(Qt::UTC);
                o.insert(f.name, dt.toString(Qt::ISODate));
                break;
            }
            default:
                if (type->name == QLatin1String("salesOrder")
                    && f.name == QLatin1String("status")) {
                    QSqlQuery s(db);
                    s.prepare(QStringLiteral("SELECT name FROM transactionstatus WHERE id = ?"));
                    s.addBindValue(v.toString());
                    o.insert(f.name, QJsonObject{{QStringLiteral("id"), v.toString()},
                                                 {QStringLiteral("refName"),
                                                  s.exec() && s.next() ? s.value(0).toString()
                                                                       : QString()}});
                } else {
                    o.insert(f.name, v.toString());
                }
            }
        }
        if (type->hasItemSublist) {
            QJsonObject item{{QStringLiteral("links"),
                              QJsonArray{QJsonObject{
                                  {QStringLiteral("rel"), QStringLiteral("self")},
                                  {QStringLiteral("href"),
                                   QString(typeBase + QStringLiteral("/%1/item").arg(id))}}}}};
            if (request.queryValue(QStringLiteral("expandSubResources")).toLower()
                == QLatin1String("true")) {
                const QJsonArray items = lineItems(id);
                item.insert(QStringLiteral("items"), items);
                item.insert(QStringLiteral("totalResults"), items.size());
            }
            o.insert(QStringLiteral("item"), item);
        }
        return HttpResponse::json(200, o);
    }

    if (!(request.method == "POST" && parts.size() == 1)
        && !((request.method == "PATCH" || request.method == "DELETE") && parts.size() == 2)) {
        return netSuiteError(405, QStringLiteral("INVALID_METHOD"),
                             QStringLiteral("The %1 method is not supported on this URL.")
                                 .arg(QString::fromLatin1(request.method)));
    }

    if (request.method == "DELETE") {
        if (!exists(id)) {
            return notFound();
        }
        QSqlQuery del(db);
        db.transaction();
        del.prepare(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(ts.table));
        del.addBindValue(id);
        bool ok = del.exec();
        if (ok && type->hasItemSublist) {
            QSqlQuery dl(db);
            dl.prepare(QStringLiteral("DELETE FROM transactionline WHERE \"transaction\" = ?"));
            dl.addBindValue(id);
            ok = dl.exec();
        }
        if (!ok) {
            db.rollback();
            return netSuiteError(500, QStringLiteral("UNEXPECTED_ERROR"), del.lastError().text());
        }
        db.commit();
        ++counters.recordsDeleted;
        result = HttpResponse::empty(204);
    } else {
        // ---- create (POST) or update (PATCH)
        const bool create = request.method == "POST";
        if (!create && !exists(id)) {
            return notFound();
        }
        QJsonParseError perr{};
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &perr);
        if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
            return invalidContent(
                QStringLiteral("Invalid content in the request body: it must be a JSON object."));
        }
        const QJsonObject body = doc.object();
        QStringList columns;
        QVariantList values;
        struct Line
        {
            qint64 item;
            double quantity;
            double rate;
        };
        std::optional<QList<Line>> lines;
        for (auto it = body.begin(); it != body.end(); ++it) {
            const QString name = it.key();
            const QJsonValue v = it.value();
            if (name == QLatin1String("links")) {
                continue;
            }
            if (type->hasItemSublist && name == QLatin1String("item")) {
                const QJsonArray arr = v.toObject().value(QLatin1String("items")).toArray();
                QList<Line> parsed;
                for (int li = 0; li < arr.size(); ++li) {
                    const QJsonObject lo = arr[li].toObject();
                    const QJsonValue itemRef
                        = lo.value(QLatin1String("item")).toObject().value(QLatin1String("id"));
                    const qint64 itemId = itemRef.isString() ? itemRef.toString().toLongLong()
                                                             : itemRef.toInteger();
                    if (itemId <= 0 || !refExists(QStringLiteral("inventoryItem"), itemId)) {
                        return netSuiteError(
                            400, QStringLiteral("USER_ERROR"),
                            QStringLiteral("Invalid item reference key %1.").arg(itemId),
                            QJsonObject{{QStringLiteral("o:errorPath"),
                                         QStringLiteral("item.items[%1].item").arg(li)}});
                    }
                    double rate = lo.value(QLatin1String("rate")).toDouble(-1);
                    if (rate < 0) {
                        QSqlQuery p(db);
                        p.prepare(QStringLiteral("SELECT baseprice FROM item WHERE id = ?"));
                        p.addBindValue(itemId);
                        rate = p.exec() && p.next() ? p.value(0).toDouble() : 0.0;
                    }
                    parsed.append(
                        Line{itemId, lo.value(QLatin1String("quantity")).toDouble(1.0), rate});
                }
                lines = parsed;
                continue;
            }
            const RestField *f = type->field(name);
            if (!f) {
                return invalidContent(
                    QStringLiteral("Invalid content in the request body: the field "
                                   "'%1' does not exist on the %2 record.")
                        .arg(name.left(64), type->name),
                    name);
            }
            if (f->readOnly) {
                continue;
            }
            QVariant value;
            bool ok = true;
            switch (f->kind) {
            case FieldKind::String:
                ok = v.isString() || v.isNull();
                value = v.toString();
                break;
            case FieldKind::Bool:
                ok = v.isBool();
                value = v.toBool() ? QStringLiteral("T") : QStringLiteral("F");
                break;
            case FieldKind::Float:
                ok = v.isDouble();
                value = v.toDouble();
                break;
            case FieldKind::Date: {
                const QDate dte = QDate::fromString(v.toString(), Qt::ISODate);
                ok = dte.isValid();
                value = dte.toString(Qt::ISODate);
                break;
            }
            case FieldKind::Ref: {
                const QJsonValue rid = v.toObject().value(QLatin1String("id"));
                const qint64 refId = rid.isString() ? rid.toString().toLongLong() : rid.toInteger();
                if (refId <= 0 || !refExists(f->refType, refId)) {
                    return netSuiteError(
                        400, QStringLiteral("USER_ERROR"),
                        QStringLiteral("Invalid %1 reference key %2.").arg(f->name).arg(refId),
                        QJsonObject{{QStringLiteral("o:errorPath"), f->name}});
                }
                value = refId;
                break;
            }
            default:
                ok = false;
            }
            if (!ok) {
                return invalidContent(
                    QStringLiteral("Invalid content in the request body: the value of "
                                   "'%1' has the wrong type.")
                        .arg(f->name),
                    f->name);
            }
            columns << f->column;
            values << value;
        }
        if (create) {
            QStringList missing;
            for (const RestField &f : type->fields) {
                if (f.required && !columns.contains(f.column)) {
                    // A person customer needs no company name.
                    if (type->name == QLatin1String("customer")
                        && f.column == QLatin1String("companyname")
                        && body.value(QLatin1String("isPerson")).toBool()) {
                        continue;
                    }
                    missing << f.label;
                }
            }
            if (!missing.isEmpty()) {
                return netSuiteError(400, QStringLiteral("USER_ERROR"),
                                     QStringLiteral("Please enter value(s) for: %1")
                                         .arg(missing.join(QStringLiteral(", "))));
            }
            if (type->hasItemSublist && (!lines || lines->isEmpty())) {
                return netSuiteError(
                    400, QStringLiteral("USER_ERROR"),
                    QStringLiteral("You must enter at least one line item for this transaction."));
            }
        }
        const QString stamp = nowDateTime().toString(Qt::ISODate);
        db.transaction();
        qint64 recordId = id;
        bool ok = true;
        QString sqlError;
        if (create) {
            QSqlQuery next(db);
            ok = next.exec(QStringLiteral("SELECT IFNULL(MAX(id), 0) + 1 FROM %1").arg(ts.table))
                 && next.next();
            recordId = next.value(0).toLongLong();
            if (!type->filterColumn.isEmpty()) {
                columns << type->filterColumn;
                values << type->filterValue;
            }
            if (!type->numberField.isEmpty()) {
                const RestField *nf = type->field(type->numberField);
                if (!columns.contains(nf->column)) {
                    columns << nf->column;
                    values << QStringLiteral("%1%2").arg(type->idPrefix).arg(recordId);
                }
            }
            if (type->table == QLatin1String("transaction")) {
                if (!columns.contains(QStringLiteral("trandate"))) {
                    columns << QStringLiteral("trandate");
                    values << nowDateTime().date().toString(Qt::ISODate);
                }
                columns << QStringLiteral("status");
                values << QStringLiteral("B");
            }
            if (type->field(QStringLiteral("isInactive"))
                && !columns.contains(QStringLiteral("isinactive"))) {
                columns << QStringLiteral("isinactive");
                values << QStringLiteral("F");
            }
            if (type->name == QLatin1String("customer")
                && !columns.contains(QStringLiteral("isperson"))) {
                columns << QStringLiteral("isperson");
                values << QStringLiteral("F");
            }
            columns << QStringLiteral("id") << QStringLiteral("datecreated")
                    << QStringLiteral("lastmodifieddate");
            values << recordId << stamp << stamp;
            QStringList quoted;
            QStringList marks;
            for (const QString &c : std::as_const(columns)) {
                quoted << quoteIdentifier(c);
                marks << QStringLiteral("?");
            }
            QSqlQuery ins(db);
            ins.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                            .arg(ts.table, quoted.join(QStringLiteral(", ")),
                                 marks.join(QStringLiteral(", "))));
            for (const QVariant &v : std::as_const(values)) {
                ins.addBindValue(v);
            }
            ok = ok && ins.exec();
            sqlError = ins.lastError().text();
        } else {
            columns << QStringLiteral("lastmodifieddate");
            values << stamp;
            QStringList sets;
            for (const QString &c : std::as_const(columns)) {
                sets << quoteIdentifier(c) + QStringLiteral(" = ?");
            }
            QSqlQuery up(db);
            up.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE id = ?")
                           .arg(ts.table, sets.join(QStringLiteral(", "))));
            for (const QVariant &v : std::as_const(values)) {
                up.addBindValue(v);
            }
            up.addBindValue(recordId);
            ok = up.exec();
            sqlError = up.lastError().text();
        }
        if (ok && lines) {
            QSqlQuery dl(db);
            dl.prepare(QStringLiteral("DELETE FROM transactionline WHERE \"transaction\" = ?"));
            dl.addBindValue(recordId);
            ok = dl.exec();
            QSqlQuery key(db);
            ok = ok
                 && key.exec(
                     QStringLiteral("SELECT IFNULL(MAX(uniquekey), 0) FROM transactionline"))
                 && key.next();
            qint64 unique = key.value(0).toLongLong();
            double total = 0;
            int seq = 0;
            for (const Line &l : std::as_const(*lines)) {
                QSqlQuery li(db);
                li.prepare(
                    QStringLiteral("INSERT INTO transactionline (uniquekey, id, \"transaction\", "
                                   "linesequencenumber, mainline, item, quantity, rate, netamount) "
                                   "VALUES (?, ?, ?, ?, 'F', ?, ?, ?, ?)"));
                ++seq;
                li.addBindValue(++unique);
                li.addBindValue(seq);
                li.addBindValue(recordId);
                li.addBindValue(seq);
                li.addBindValue(l.item);
                li.addBindValue(l.quantity);
                li.addBindValue(l.rate);
                li.addBindValue(l.quantity * l.rate);
                total += l.quantity * l.rate;
                ok = ok && li.exec();
            }
            QSqlQuery tot(db);
            tot.prepare(QStringLiteral("UPDATE \"transaction\" SET foreigntotal = ? WHERE id = ?"));
            tot.addBindValue(qRound64(total * 100) / 100.0);
            tot.addBindValue(recordId);
            ok = ok && tot.exec();
        }
        if (!ok) {
            db.rollback();
            return netSuiteError(500, QStringLiteral("UNEXPECTED_ERROR"), sqlError);
        }
        db.commit();
        if (create) {
            ++counters.recordsCreated;
            result = HttpResponse::empty(204);
            result.withHeader("Location",
                              (typeBase + QLatin1Char('/') + QString::number(recordId)).toUtf8());
        } else {
            ++counters.recordsUpdated;
            result = HttpResponse::empty(204);
        }
    }

    QByteArray location;
    for (const auto &h : result.headers) {
        if (h.first == "Location") {
            location = h.second;
        }
    }
    if (async) {
        AsyncJob job;
        job.id = QString::number(jobs.size() + 1);
        job.readyAtMs = uptime.elapsed() + settings.asyncJobDelayMs;
        job.result = result;
        jobs.insert(job.id, job);
        location = (origin() + QStringLiteral("/services/rest/async/v1/job/") + job.id).toUtf8();
        result = HttpResponse::empty(202);
        result.withHeader("Location", location).withHeader("Preference-Applied", "respond-async");
    }
    if (useIdem) {
        idempotency.insert(QString::fromLatin1(idemKey), IdempotencyEntry{location, async});
    }
    return result;
}

// ---------------------------------------------------------------- async jobs

HttpResponse Emulator::Private::handleAsync(const HttpRequest &request, const QStringList &parts)
{
    if (request.method != "GET" || parts.isEmpty() || !jobs.contains(parts[0])) {
        return notFound();
    }
    const AsyncJob &job = jobs[parts[0]];
    const bool done = uptime.elapsed() >= job.readyAtMs;
    const QString base = origin() + QStringLiteral("/services/rest/async/v1/job/") + job.id;
    auto self = [](const QString &href) {
        return QJsonArray{QJsonObject{{QStringLiteral("rel"), QStringLiteral("self")},
                                      {QStringLiteral("href"), href}}};
    };
    const QString progress = !done                     ? QStringLiteral("pending")
                             : job.result.status < 400 ? QStringLiteral("succeeded")
                                                       : QStringLiteral("failed");
    if (parts.size() == 1) {
        return HttpResponse::json(
            200, QJsonObject{{QStringLiteral("links"), self(base)},
                             {QStringLiteral("completed"), done},
                             {QStringLiteral("id"), job.id},
                             {QStringLiteral("progress"), progress},
                             {QStringLiteral("task"),
                              QJsonObject{{QStringLiteral("links"),
                                           QJsonArray{QJsonObject{
                                               {QStringLiteral("rel"), QStringLiteral("related")},
                                               {QStringLiteral("href"),
                                                QString(base + QStringLiteral("/task"))}}}}}}});
    }
    if (parts.size() == 2 && parts[1] == QLatin1String("task")) {
        return HttpResponse::json(
            200,
            QJsonObject{{QStringLiteral("links"), self(base + QStringLiteral("/task"))},
                        {QStringLiteral("count"), 1},
                        {QStringLiteral("hasMore"), false},
                        {QStringLiteral("items"),
                         QJsonArray{QJsonObject{{QStringLiteral("links"),
                                                 self(base + QStringLiteral("/task/") + job.id)},
                                                {QStringLiteral("id"), job.id}}}},
                        {QStringLiteral("offset"), 0},
                        {QStringLiteral("totalResults"), 1}});
    }
    if (parts.size() == 3 && parts[1] == QLatin1String("task") && parts[2] == job.id) {
        return HttpResponse::json(
            200,
            QJsonObject{{QStringLiteral("links"), self(base + QStringLiteral("/task/") + job.id)},
                        {QStringLiteral("completed"), done},
                        {QStringLiteral("id"), job.id},
                        {QStringLiteral("progress"), progress},
                        {QStringLiteral("result"),
                         QJsonObject{{QStringLiteral("links"),
                                      QJsonArray{QJsonObject{
                                          {QStringLiteral("rel"), QStringLiteral("related")},
                                          {QStringLiteral("href"),
                                           QString(base + QStringLiteral("/task/") + job.id
                                                   + QStringLiteral("/result"))}}}}}}});
    }
    if (parts.size() == 4 && parts[1] == QLatin1String("task") && parts[2] == job.id
        && parts[3] == QLatin1String("result")) {
        if (!done) {
            return notFound(QStringLiteral("The job has not completed yet."));
        }
        return job.result;
    }
    return notFound();
}

// ---------------------------------------------------------------- SuiteQL

HttpResponse Emulator::Private::handleSuiteQl(const HttpRequest &request, const Caller &caller)
{
    if (request.method != "POST") {
        return netSuiteError(405, QStringLiteral("INVALID_METHOD"),
                             QStringLiteral("SuiteQL takes POST."));
    }
    if (settings.suiteQlRequireTransient
        && !request.header("Prefer").toLower().contains("transient")) {
        return netSuiteError(400, QStringLiteral("INVALID_HEADER"),
                             QStringLiteral("SuiteQL requests need the header Prefer: transient."));
    }
    if (!caller.role.suiteAnalyticsWorkbook) {
        return workbookDenied(settings.workbookDenial);
    }
    QJsonParseError perr{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
        return invalidContent(
            QStringLiteral("Invalid content in the request body: send {\"q\": \"SELECT …\"}."));
    }
    const QJsonObject body = doc.object();
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != QLatin1String("q")) {
            return invalidContent(
                it.key() == QLatin1String("params")
                    ? QStringLiteral("Invalid content in the request body: bind parameters "
                                     "are not supported; put the values into q.")
                    : QStringLiteral("Invalid content in the request body: unknown member "
                                     "'%1'.")
                          .arg(it.key().left(64)),
                it.key());
        }
    }
    if (!body.value(QLatin1String("q")).isString()) {
        return invalidContent(
            QStringLiteral("Invalid content in the request body: q must be a string."),
            QStringLiteral("q"));
    }
    auto paging = readPaging(request, settings.suiteQlMaxResults);
    if (auto *bad = std::get_if<HttpResponse>(&paging)) {
        return *bad;
    }
    const Paging p = std::get<Paging>(paging);
    const auto translated = translateSuiteQl(body.value(QLatin1String("q")).toString(), now());
    if (!translated) {
        return netSuiteError(400, QStringLiteral("INVALID_PARAMETER"), translated.error().message);
    }
    ++counters.suiteQlQueries;
    QSqlDatabase db = ro();
    auto sqlFailure = [](const QSqlQuery &query) {
        const QString text = query.lastError().databaseText();
        QString detail;
        if (text.contains(QLatin1String("interrupted"))) {
            detail = QStringLiteral(
                "Search timed out: the query ran longer than the emulator's limit.");
        } else if (text.startsWith(QLatin1String("no such column: "))) {
            detail = QStringLiteral("Field '%1' was not found.").arg(text.mid(16));
        } else if (text.contains(QLatin1String("not authorized"))
                   || text.contains(QLatin1String("prohibited"))) {
            detail
                = QStringLiteral("The query uses something outside the emulator's SuiteQL subset.");
        } else {
            detail = text;
        }
        return netSuiteError(
            400, QStringLiteral("INVALID_PARAMETER"),
            QStringLiteral("Invalid search query. Detailed unprocessed description "
                           "follows. Search error occurred: %1")
                .arg(detail));
    };
    queryDeadlineMs = uptime.elapsed() + settings.suiteQlTimeoutMs;
    QSqlQuery count(db);
    if (!count.exec(QStringLiteral("SELECT COUNT(*) FROM (%1)").arg(translated->sql))
        || !count.next()) {
        return sqlFailure(count);
    }
    const qint64 total = std::min<qint64>(count.value(0).toLongLong(), settings.suiteQlMaxResults);
    count.finish();
    const int limit = int(std::min<qint64>(p.limit, std::max<qint64>(0, total - p.offset)));
    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    rows.prepare(QStringLiteral("SELECT * FROM (%1) LIMIT ? OFFSET ?").arg(translated->sql));
    rows.addBindValue(limit);
    rows.addBindValue(p.offset);
    queryDeadlineMs = uptime.elapsed() + settings.suiteQlTimeoutMs;
    if (!rows.exec()) {
        return sqlFailure(rows);
    }
    QJsonArray items;
    const QSqlRecord rec = rows.record();
    QStringList names;
    for (int i = 0; i < rec.count(); ++i) {
        names << rec.fieldName(i).toLower();
    }
    while (rows.next()) {
        QJsonObject row{{QStringLiteral("links"), QJsonArray{}}};
        for (int i = 0; i < names.size(); ++i) {
            const QVariant v = rows.value(i);
            if (v.isNull()) {
                continue; // NetSuite leaves NULL columns out
            }
            const bool numeric = v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int
                                 || v.typeId() == QMetaType::Double;
            if (settings.suiteQlValuesAsStrings) {
                row.insert(names[i], numeric ? numberText(v) : v.toString());
            } else {
                row.insert(names[i], numeric ? numberValue(v) : QJsonValue(v.toString()));
            }
        }
        items.append(row);
    }
    if (rows.lastError().isValid() && rows.lastError().type() != QSqlError::NoError) {
        return sqlFailure(rows);
    }
    const QString base = origin() + QStringLiteral("/services/rest/query/v1/suiteql");
    return HttpResponse::json(
        200, QJsonObject{{QStringLiteral("links"), pageLinks(base, p, total, {})},
                         {QStringLiteral("count"), items.size()},
                         {QStringLiteral("hasMore"), p.offset + items.size() < total},
                         {QStringLiteral("items"), items},
                         {QStringLiteral("offset"), p.offset},
                         {QStringLiteral("totalResults"), total}});
}

// ---------------------------------------------------------------- metadata, governance, rotation

HttpResponse Emulator::Private::handleMetadata(const HttpRequest &request, const QStringList &parts)
{
    if (request.method != "GET") {
        return netSuiteError(405, QStringLiteral("INVALID_METHOD"),
                             QStringLiteral("The metadata catalog takes GET."));
    }
    const QString base = origin() + QStringLiteral("/services/rest/record/v1/metadata-catalog");
    if (parts.isEmpty()) {
        const QStringList select = request.queryValue(QStringLiteral("select"))
                                       .split(QLatin1Char(','), Qt::SkipEmptyParts);
        QJsonArray items;
        for (const RestRecordType &t : restRecordTypes()) {
            if (!select.isEmpty() && !select.contains(t.name, Qt::CaseInsensitive)) {
                continue;
            }
            const QString href = base + QLatin1Char('/') + t.name;
            auto link = [&](const char *rel, const char *media) {
                return QJsonObject{{QStringLiteral("rel"), QString::fromLatin1(rel)},
                                   {QStringLiteral("href"), href},
                                   {QStringLiteral("mediaType"), QString::fromLatin1(media)}};
            };
            items.append(QJsonObject{{QStringLiteral("name"), t.name},
                                     {QStringLiteral("links"),
                                      QJsonArray{link("canonical", "application/json"),
                                                 link("alternate", "application/swagger+json"),
                                                 link("describes", "application/schema+json")}}});
        }
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items}});
    }
    const RestRecordType *t = restRecordType(parts[0]);
    if (!t) {
        return notFound(
            QStringLiteral("The record type '%1' does not exist.").arg(parts[0].left(64)));
    }
    QJsonObject properties;
    QJsonArray required;
    for (const RestField &f : t->fields) {
        static const QHash<int, QString> types{{int(FieldKind::Id), QStringLiteral("string")},
                                               {int(FieldKind::String), QStringLiteral("string")},
                                               {int(FieldKind::Bool), QStringLiteral("boolean")},
                                               {int(FieldKind::Float), QStringLiteral("number")},
                                               {int(FieldKind::Date), QStringLiteral("string")},
                                               {int(FieldKind::DateTime), QStringLiteral("string")},
                                               {int(FieldKind::Ref), QStringLiteral("object")}};
        QJsonObject p{{QStringLiteral("type"), types.value(int(f.kind))},
                      {QStringLiteral("title"), f.label.isEmpty() ? f.name : f.label}};
        if (f.readOnly) {
            p.insert(QStringLiteral("readOnly"), true);
        }
        if (f.kind == FieldKind::Date) {
            p.insert(QStringLiteral("format"), QStringLiteral("date"));
        } else if (f.kind == FieldKind::DateTime) {
            p.insert(QStringLiteral("format"), QStringLiteral("date-time"));
        }
        properties.insert(f.name, p);
        if (f.required) {
            required.append(f.name);
        }
    }
    const QJsonObject schema{{QStringLiteral("type"), QStringLiteral("object")},
                             {QStringLiteral("properties"), properties},
                             {QStringLiteral("required"), required}};
    if (request.header("Accept").contains("swagger")) {
        return HttpResponse::json(
            200, QJsonObject{
                     {QStringLiteral("openapi"), QStringLiteral("3.0.1")},
                     {QStringLiteral("info"),
                      QJsonObject{{QStringLiteral("title"),
                                   QStringLiteral("NetSuite REST Record API (emulator)")},
                                  {QStringLiteral("version"), QStringLiteral("v1")}}},
                     {QStringLiteral("paths"), QJsonObject{}},
                     {QStringLiteral("components"),
                      QJsonObject{{QStringLiteral("schemas"), QJsonObject{{t->name, schema}}}}}});
    }
    return HttpResponse::json(200, schema);
}

HttpResponse Emulator::Private::handleGovernance(const Caller &caller)
{
    if (!caller.role.administrator) {
        return netSuiteError(
            403, QStringLiteral("INSUFFICIENT_PERMISSION"),
            QStringLiteral("Permission Violation: governance limits are available to "
                           "administrators only."));
    }
    // Field names are the emulator's (facts §5 names the content, not the JSON shape).
    return HttpResponse::json(
        200, QJsonObject{
                 {QStringLiteral("accountConcurrencyLimit"), settings.concurrencyLimit},
                 {QStringLiteral("accountUnallocatedConcurrencyLimit"), settings.concurrencyLimit},
                 {QStringLiteral("limitType"), QStringLiteral("ACCOUNT")}});
}

HttpResponse Emulator::Private::handleRotation(const HttpRequest &request, const Caller &caller,
                                               const QStringList &parts)
{
    // 2026.1 certificate rotation (facts §1): GET/POST clients/<id>/certificates,
    // POST clients/<id>/certificates/<certId>/revoke. Own client only, with the permission.
    if (parts.size() < 2 || parts[1] != QLatin1String("certificates")) {
        return notFound(QStringLiteral("The requested URL does not exist."));
    }
    const QString clientId = parts[0];
    if (!caller.role.manageOwnCertificates || clientId != caller.token.clientId) {
        return netSuiteError(
            403, QStringLiteral("INSUFFICIENT_PERMISSION"),
            QStringLiteral("Permission Violation: You need the 'Manage own OAuth 2.0 "
                           "Client Credentials certificates' permission for this "
                           "client."));
    }
    if (parts.size() == 2 && request.method == "GET") {
        QJsonArray items;
        for (const CertificateMapping &m : q->certificates(clientId)) {
            items.append(
                QJsonObject{{QStringLiteral("certificateId"), m.certificateId},
                            {QStringLiteral("role"), QString::number(m.roleId)},
                            {QStringLiteral("entity"), QString::number(m.entityId)},
                            {QStringLiteral("validFrom"), m.validFrom.toString(Qt::ISODate)},
                            {QStringLiteral("validUntil"), m.validUntil.toString(Qt::ISODate)},
                            {QStringLiteral("revoked"), m.revoked}});
        }
        return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items}});
    }
    if (parts.size() == 2 && request.method == "POST") {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        const QString content = body.value(QLatin1String("fileContent")).toString();
        auto intOf = [&](const char *key, int fallback) {
            const QJsonValue v = body.value(QLatin1String(key));
            return v.isString()   ? v.toString().toInt()
                   : v.isDouble() ? int(v.toInteger())
                                  : fallback;
        };
        auto mapping
            = q->uploadCertificate(content.toUtf8(), clientId, intOf("role", caller.token.roleId),
                                   intOf("entity", caller.token.entityId));
        if (!mapping) {
            return netSuiteError(400, QStringLiteral("USER_ERROR"), mapping.error().message);
        }
        return HttpResponse::json(
            200,
            QJsonObject{{QStringLiteral("certificateId"), mapping->certificateId},
                        {QStringLiteral("validFrom"), mapping->validFrom.toString(Qt::ISODate)},
                        {QStringLiteral("validUntil"), mapping->validUntil.toString(Qt::ISODate)}});
    }
    if (parts.size() == 4 && parts[3] == QLatin1String("revoke") && request.method == "POST") {
        const auto cert = certificate(parts[2]);
        if (!cert || cert->clientId != clientId) {
            return notFound(QStringLiteral("No certificate with that ID for this client."));
        }
        if (auto r = q->revokeCertificate(parts[2]); !r) {
            return netSuiteError(400, QStringLiteral("USER_ERROR"), r.error().message);
        }
        return HttpResponse::empty(204);
    }
    return netSuiteError(405, QStringLiteral("INVALID_METHOD"),
                         QStringLiteral("Method not supported here."));
}

} // namespace Sb::Emulator
