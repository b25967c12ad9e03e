// SPDX-License-Identifier: MIT
#include "emulator/Emulator.h"

#include "core/AtomicFile.h"
#include "crypto/Certificate.h"
#include "crypto/SecureBytes.h"
#include "emulator/DemoData.h"
#include "emulator/EmulatorPrivate.h"
#include "emulator/RecordTypes.h"
#include "emulator/Schema.h"
#include "emulator/SuiteQl.h"
#include "jwt/Base64Url.h"
#include "netsuite/AccountId.h"
#include "netsuite/Endpoints.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QSslKey>
#include <QTimer>
#include <QUuid>

#include <mutex>

#include <sqlite3.h>

namespace Sb::Emulator {

Q_LOGGING_CATEGORY(lcEmulator, "sb.emulator")

namespace {

constexpr int kMaxAuditEntries = 10000;
const QString kTokenPath = QStringLiteral("/services/rest/auth/oauth2/v1/token");

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 421:
        return "Misdirected Request";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return status < 500 ? "Client Error" : "Server Error";
    }
}

// One issuer key per process: RSA key generation is slow and every emulator in a test
// binary may share it (tokens carry the account, so one emulator's token is still refused
// by another).
Crypto::Result<Crypto::PrivateKey> sharedIssuerKey()
{
    static std::mutex mutex;
    static Crypto::PrivateKey key;
    std::lock_guard<std::mutex> lock(mutex);
    if (key.isNull()) {
        auto generated = Crypto::generateKey(Crypto::KeySpec{Crypto::KeyType::Rsa, 2048, {}});
        if (!generated) {
            return tl::unexpected(generated.error());
        }
        key = *generated;
    }
    return key;
}

int sqliteAuthorizer(void *, int action, const char *a1, const char *a2, const char *, const char *)
{
    // The read-only SuiteQL connection may only SELECT from the SuiteQL tables and call the
    // allow-listed functions: no PRAGMA, ATTACH, internal tables or other side doors.
    switch (action) {
    case SQLITE_SELECT:
        return SQLITE_OK;
    case SQLITE_READ:
        return a1 && suiteQlTable(QString::fromUtf8(a1)) ? SQLITE_OK : SQLITE_DENY;
    case SQLITE_FUNCTION:
        return a2 && suiteQlSqliteFunctions().contains(QString::fromUtf8(a2).toLower())
                   ? SQLITE_OK
                   : SQLITE_DENY;
    default:
        return SQLITE_DENY;
    }
}

int sqliteProgress(void *context)
{
    auto *d = static_cast<Emulator::Private *>(context);
    return d->uptime.elapsed() > d->queryDeadlineMs ? 1 : 0;
}

QString hexId()
{
    return QString::fromLatin1(Crypto::randomBytes(32).toHex());
}

} // namespace

// ---------------------------------------------------------------- small value types

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            return h.second;
        }
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

QString HttpRequest::queryValue(const QString &name) const
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    return HttpResponse{status,
                        "application/json; charset=UTF-8",
                        {},
                        QJsonDocument(object).toJson(QJsonDocument::Compact)};
}

HttpResponse HttpResponse::json(int status, const QJsonArray &array)
{
    return HttpResponse{status,
                        "application/json; charset=UTF-8",
                        {},
                        QJsonDocument(array).toJson(QJsonDocument::Compact)};
}

HttpResponse HttpResponse::empty(int status)
{
    return HttpResponse{status, {}, {}, {}};
}

HttpResponse netSuiteError(int status, const QString &code, const QString &detail,
                           const QJsonObject &extra)
{
    QJsonObject item{{QStringLiteral("detail"), detail}, {QStringLiteral("o:errorCode"), code}};
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        item.insert(it.key(), it.value());
    }
    static const QHash<int, QString> anchors{{400, QStringLiteral("#sec10.4.1")},
                                             {403, QStringLiteral("#sec10.4.4")},
                                             {404, QStringLiteral("#sec10.4.5")},
                                             {405, QStringLiteral("#sec10.4.6")},
                                             {500, QStringLiteral("#sec10.5.1")}};
    return HttpResponse::json(
        status,
        QJsonObject{
            {QStringLiteral("type"),
             QString(QStringLiteral("https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html")
                     + anchors.value(status))},
            {QStringLiteral("title"), QString::fromLatin1(reasonPhrase(status))},
            {QStringLiteral("status"), status},
            {QStringLiteral("o:errorDetails"), QJsonArray{item}}});
}

void writeResponse(QHttpServerResponder &responder, const HttpResponse &response)
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    if (!response.contentType.isEmpty()) {
        responder.writeHeader("Content-Type", response.contentType);
    }
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    for (const auto &h : response.headers) {
        responder.writeHeader(h.first, h.second);
    }
    responder.writeBody(response.body);
}

QJsonObject StartInfo::toJson() const
{
    QJsonObject o{{QStringLiteral("base_url"), baseUrl.toString()},
                  {QStringLiteral("token_url"), tokenUrl.toString()},
                  {QStringLiteral("rest_url"), restUrl.toString()},
                  {QStringLiteral("suiteql_url"), suiteQlUrl.toString()},
                  {QStringLiteral("account"), account},
                  {QStringLiteral("aud"), audience},
                  {QStringLiteral("state_dir"), stateDir}};
    if (!caFile.isEmpty()) {
        o.insert(QStringLiteral("ca_file"), caFile);
    }
    if (demo) {
        o.insert(QStringLiteral("client_id"), demo->clientId);
        o.insert(QStringLiteral("cert_id"), demo->certificateId);
        o.insert(QStringLiteral("private_key_file"), demo->privateKeyFile);
        o.insert(QStringLiteral("certificate_file"), demo->certificateFile);
    }
    return o;
}

QJsonObject CertificateMapping::toJson() const
{
    return QJsonObject{{QStringLiteral("certificate_id"), certificateId},
                       {QStringLiteral("client_id"), clientId},
                       {QStringLiteral("role"), roleId},
                       {QStringLiteral("entity"), entityId},
                       {QStringLiteral("valid_from"), validFrom.toString(Qt::ISODate)},
                       {QStringLiteral("valid_until"), validUntil.toString(Qt::ISODate)},
                       {QStringLiteral("shortened"), shortened},
                       {QStringLiteral("revoked"), revoked},
                       {QStringLiteral("key"), keyDescription}};
}

QJsonObject Role::toJson() const
{
    QJsonObject levels;
    for (auto it = recordLevels.begin(); it != recordLevels.end(); ++it) {
        levels.insert(it.key(), it.value());
    }
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("enabled"), enabled},
                       {QStringLiteral("rest_web_services"), restWebServices},
                       {QStringLiteral("suiteanalytics_workbook"), suiteAnalyticsWorkbook},
                       {QStringLiteral("manage_own_certificates"), manageOwnCertificates},
                       {QStringLiteral("administrator"), administrator},
                       {QStringLiteral("record_level"), recordLevel},
                       {QStringLiteral("record_levels"), levels}};
}

Result<Role> Role::fromJson(const QJsonObject &o, const Role &base)
{
    Role r = base;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString k = it.key();
        const QJsonValue v = it.value();
        auto boolean = [&](bool *out) -> bool {
            if (!v.isBool()) {
                return false;
            }
            *out = v.toBool();
            return true;
        };
        bool ok = true;
        if (k == QLatin1String("id")) {
            ok = v.isDouble();
            r.id = int(v.toInteger());
        } else if (k == QLatin1String("name")) {
            ok = v.isString();
            r.name = v.toString();
        } else if (k == QLatin1String("enabled")) {
            ok = boolean(&r.enabled);
        } else if (k == QLatin1String("rest_web_services")) {
            ok = boolean(&r.restWebServices);
        } else if (k == QLatin1String("suiteanalytics_workbook")) {
            ok = boolean(&r.suiteAnalyticsWorkbook);
        } else if (k == QLatin1String("manage_own_certificates")) {
            ok = boolean(&r.manageOwnCertificates);
        } else if (k == QLatin1String("administrator")) {
            ok = boolean(&r.administrator);
        } else if (k == QLatin1String("record_level")) {
            ok = v.isDouble() && v.toInteger() >= 0 && v.toInteger() <= 4;
            r.recordLevel = int(v.toInteger());
        } else if (k == QLatin1String("record_levels")) {
            ok = v.isObject();
            const QJsonObject levels = v.toObject();
            for (auto l = levels.begin(); ok && l != levels.end(); ++l) {
                const RestRecordType *type = restRecordType(l.key());
                ok = type && l.value().isDouble() && l.value().toInteger() >= 0
                     && l.value().toInteger() <= 4;
                if (ok) {
                    r.recordLevels.insert(type->name, int(l.value().toInteger()));
                }
            }
        } else {
            ok = false;
        }
        if (!ok) {
            return tl::unexpected(EmulatorError{EmulatorError::Code::Invalid,
                                                QStringLiteral("role field \"%1\" is unknown or "
                                                               "has the wrong type")
                                                    .arg(k)});
        }
    }
    return r;
}

QJsonObject AuditEntry::toJson() const
{
    return QJsonObject{{QStringLiteral("date"), time.toString(Qt::ISODate)},
                       {QStringLiteral("status"), QStringLiteral("Failure")},
                       {QStringLiteral("endpoint"), endpoint},
                       {QStringLiteral("detail"), detail},
                       {QStringLiteral("reason"), reason},
                       {QStringLiteral("client_id"), clientId},
                       {QStringLiteral("certificate_id"), certificateId},
                       {QStringLiteral("role"), roleId},
                       {QStringLiteral("entity"), entityId},
                       {QStringLiteral("http_status"), httpStatus},
                       {QStringLiteral("ip_address"), remoteAddress}};
}

QJsonObject Counters::toJson() const
{
    return QJsonObject{{QStringLiteral("requests"), requests},
                       {QStringLiteral("tokens_issued"), tokensIssued},
                       {QStringLiteral("token_rejections"), tokenRejections},
                       {QStringLiteral("rest_calls"), restCalls},
                       {QStringLiteral("rest_rejections"), restRejections},
                       {QStringLiteral("records_created"), recordsCreated},
                       {QStringLiteral("records_updated"), recordsUpdated},
                       {QStringLiteral("records_deleted"), recordsDeleted},
                       {QStringLiteral("suiteql_queries"), suiteQlQueries},
                       {QStringLiteral("faults_fired"), faultsFired},
                       {QStringLiteral("token_handling_ns_total"), tokenHandlingNsTotal},
                       {QStringLiteral("token_handling_ns_max"), tokenHandlingNsMax}};
}

// ---------------------------------------------------------------- PendingReply

PendingReply::PendingReply(QHttpServerResponder &&responder, QTcpSocket *socket,
                           HttpResponse response, std::function<void()> onFinished, QObject *parent)
    : QObject(parent)
    , m_responder(std::make_unique<QHttpServerResponder>(std::move(responder)))
    , m_socket(socket)
    , m_response(std::move(response))
    , m_onFinished(std::move(onFinished))
{}

PendingReply::~PendingReply()
{
    // RAII guard: a reply dropped unanswered (emulator stopping) answers 500, or closes a
    // half-written reply, so that no client waits forever.
    if (!m_done && alive()) {
        if (!m_headWritten) {
            writeResponse(*m_responder, netSuiteError(500, QStringLiteral("UNEXPECTED_ERROR"),
                                                      QStringLiteral("The emulator stopped.")));
        } else {
            m_socket->disconnectFromHost();
        }
    }
    finish();
}

bool PendingReply::alive() const
{
    // Qt HTTP Server 6.4 crashes when a kept responder writes after the client left.
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void PendingReply::start(int delayMs, Mode mode, int trickleMs, int chunkBytes)
{
    m_mode = mode;
    m_trickleMs = std::max(1, trickleMs);
    m_chunkBytes = std::max(1, chunkBytes);
    QTimer::singleShot(std::max(0, delayMs), this, [this] { writeNow(); });
}

void PendingReply::writeHead()
{
    m_responder->writeStatusLine(QHttpServerResponder::StatusCode(m_response.status));
    if (!m_response.contentType.isEmpty()) {
        m_responder->writeHeader("Content-Type", m_response.contentType);
    }
    m_responder->writeHeader("Content-Length", QByteArray::number(m_response.body.size()));
    for (const auto &h : m_response.headers) {
        m_responder->writeHeader(h.first, h.second);
    }
    m_headWritten = true;
}

void PendingReply::writeNow()
{
    if (!alive()) {
        finish();
        deleteLater();
        return;
    }
    switch (m_mode) {
    case Mode::Whole:
        writeResponse(*m_responder, m_response);
        m_headWritten = true;
        finish();
        deleteLater();
        return;
    case Mode::Cut:
        if (!m_response.body.isEmpty()) {
            writeHead();
            m_responder->writeBody(m_response.body.left(m_response.body.size() / 2));
        }
        m_headWritten = true;
        m_socket->disconnectFromHost(); // the client gets a short body and a closed connection
        finish();
        deleteLater();
        return;
    case Mode::Trickle:
        writeHead();
        m_responder->writeBody(QByteArray());
        trickle();
        return;
    }
}

void PendingReply::trickle()
{
    if (!alive()) {
        finish();
        deleteLater();
        return;
    }
    const QByteArray chunk = m_response.body.mid(m_sent, m_chunkBytes);
    if (!chunk.isEmpty()) {
        m_responder->writeBody(chunk);
        m_sent += chunk.size();
    }
    if (m_sent >= m_response.body.size()) {
        finish();
        deleteLater();
        return;
    }
    QTimer::singleShot(m_trickleMs, this, [this] { trickle(); });
}

void PendingReply::finish()
{
    if (m_done) {
        return;
    }
    m_done = true;
    if (m_onFinished) {
        auto callback = std::move(m_onFinished);
        m_onFinished = nullptr;
        callback();
    }
}

// ---------------------------------------------------------------- Private

Emulator::Private::Private(Emulator *owner, Settings s)
    : q(owner)
    , settings(std::move(s))
    , clock(std::make_shared<Core::SystemClock>())
    , rng(settings.seed)
{
    uptime.start();
    const QString unique = QUuid::createUuid().toString(QUuid::WithoutBraces);
    rwName = QStringLiteral("sb-emulator-rw-") + unique;
    roName = QStringLiteral("sb-emulator-ro-") + unique;
}

Emulator::Private::~Private() = default;

qint64 Emulator::Private::now() const
{
    return clock->nowSeconds() + clockOffset.load();
}

QDateTime Emulator::Private::nowDateTime() const
{
    return QDateTime::fromSecsSinceEpoch(now(), Qt::UTC);
}

QSqlDatabase Emulator::Private::rw() const
{
    return QSqlDatabase::database(rwName, false);
}

QSqlDatabase Emulator::Private::ro() const
{
    return QSqlDatabase::database(roName, false);
}

std::optional<IntegrationView> Emulator::Private::integration(const QString &clientId) const
{
    const auto it = integrationsByClient.constFind(clientId);
    if (it == integrationsByClient.cend()) {
        return std::nullopt;
    }
    return IntegrationView{it->clientId, it->applicationId, it->name, it->enabled,
                           it->clientCredentialsGrant};
}

std::optional<CertificateView> Emulator::Private::certificate(const QString &certificateId) const
{
    const auto it = certificatesById.constFind(certificateId);
    if (it == certificatesById.cend()) {
        return std::nullopt;
    }
    const CertificateMapping &m = it->mapping;
    return CertificateView{m.certificateId,
                           m.clientId,
                           m.roleId,
                           m.entityId,
                           it->publicKey,
                           m.validFrom.toSecsSinceEpoch(),
                           m.validUntil.toSecsSinceEpoch(),
                           m.revoked};
}

bool Emulator::Private::roleEnabled(int roleId) const
{
    return rolesById.contains(roleId) && rolesById.value(roleId).enabled;
}

bool Emulator::Private::entityEnabled(int entityId) const
{
    return entitiesById.contains(entityId) && entitiesById.value(entityId).enabled;
}

bool Emulator::Private::isTokenPath(const QString &path) const
{
    return path == kTokenPath || path == kTokenPath + QLatin1Char('/');
}

QString Emulator::Private::origin() const
{
    return settings.linkOrigin.isEmpty() ? info.baseUrl.toString() : settings.linkOrigin;
}

Result<void> Emulator::Private::openStorage()
{
    if (settings.stateDir.isEmpty()) {
        tempDir = std::make_unique<QTemporaryDir>(QDir::tempPath()
                                                  + QStringLiteral("/suitebench-emulator-XXXXXX"));
        if (!tempDir->isValid()) {
            return tl::unexpected(EmulatorError{EmulatorError::Code::Storage,
                                                QStringLiteral("cannot create a temporary state "
                                                               "directory: %1")
                                                    .arg(tempDir->errorString())});
        }
        stateDir = tempDir->path();
    } else {
        stateDir = QDir(settings.stateDir).absolutePath();
        if (!QDir().mkpath(stateDir)) {
            return tl::unexpected(EmulatorError{
                EmulatorError::Code::Storage,
                QStringLiteral("cannot create the state directory %1").arg(stateDir)});
        }
        QFile::setPermissions(stateDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                            | QFileDevice::ExeOwner);
    }
    const QString path = stateDir + QStringLiteral("/records.sqlite");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), rwName);
        db.setDatabaseName(path);
        if (!db.open()) {
            return tl::unexpected(EmulatorError{
                EmulatorError::Code::Storage,
                QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text())});
        }
        QSqlQuery pragma(db);
        pragma.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        pragma.exec(QStringLiteral("PRAGMA synchronous=OFF"));
        if (auto r = createSchema(db); !r) {
            return r;
        }
        if (settings.seedDemoData) {
            QSqlQuery count(db);
            if (count.exec(QStringLiteral("SELECT COUNT(*) FROM customer")) && count.next()
                && count.value(0).toLongLong() == 0) {
                auto seeded = seedDemoData(db, settings.demoScale, settings.seed, nowDateTime());
                if (!seeded) {
                    return tl::unexpected(seeded.error());
                }
            }
        }
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), roName);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            return tl::unexpected(EmulatorError{
                EmulatorError::Code::Storage,
                QStringLiteral("cannot open %1 read-only: %2").arg(path, db.lastError().text())});
        }
        QSqlQuery pragma(db);
        pragma.exec(QStringLiteral("PRAGMA case_sensitive_like=ON")); // Oracle's LIKE
        pragma.exec(QStringLiteral("PRAGMA query_only=ON"));
        const QVariant handle = db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
            auto *sqlite = *static_cast<sqlite3 *const *>(handle.data());
            if (sqlite) {
                roHandle = sqlite;
                sqlite3_set_authorizer(sqlite, &sqliteAuthorizer, nullptr);
                sqlite3_progress_handler(sqlite, 1000, &sqliteProgress, this);
            }
        }
        if (!roHandle) {
            return tl::unexpected(EmulatorError{EmulatorError::Code::Storage,
                                                QStringLiteral("the SQLite driver gives no "
                                                               "handle; SuiteQL cannot be "
                                                               "sandboxed")});
        }
    }
    return {};
}

Result<void> Emulator::Private::seedRolesAndEntities()
{
    Role admin{
        AdministratorRole, QStringLiteral("Administrator"), true, true, true, true, true, 4, {}};
    Role integration{IntegrationRole,
                     QStringLiteral("Suitebench Integration"),
                     true,
                     true,
                     true,
                     true,
                     false,
                     4,
                     {}};
    Role noRest{NoRestRole, QStringLiteral("Integration without REST Web Services"),
                true,       false,
                true,       false,
                false,      4,
                {}};
    Role noWorkbook{NoWorkbookRole,
                    QStringLiteral("Integration without SuiteAnalytics Workbook"),
                    true,
                    true,
                    false,
                    false,
                    false,
                    4,
                    {}};
    Role viewOnly{ViewOnlyRole,
                  QStringLiteral("Integration (view only)"),
                  true,
                  true,
                  true,
                  false,
                  false,
                  1,
                  {}};
    for (const Role &r : {admin, integration, noRest, noWorkbook, viewOnly}) {
        rolesById.insert(r.id, r);
    }
    entitiesById.insert(AdministratorEntity,
                        Entity{AdministratorEntity, QStringLiteral("Administrator"), true});
    entitiesById.insert(IntegrationEntity,
                        Entity{IntegrationEntity, QStringLiteral("Integration User"), true});
    return {};
}

Result<void> Emulator::Private::setUpTls()
{
    auto key = Crypto::generateKey(Crypto::KeySpec{Crypto::KeyType::Ec, 256, Crypto::Curve::P256});
    if (!key) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::Crypto, key.error().message});
    }
    Crypto::CertificateRequest request;
    request.commonName = QStringLiteral("Suitebench emulator (loopback)");
    request.validityDays = 30;
    request.dnsNames = {QStringLiteral("localhost")};
    request.ipAddresses = {QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    request.serverAuth = true;
    auto cert = Crypto::Certificate::createSelfSigned(*key, request);
    if (!cert) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::Crypto, cert.error().message});
    }
    const QString caFile = stateDir + QStringLiteral("/emulator-ca.pem");
    if (auto w = Core::writeFileAtomically(caFile, cert->toPem(), Core::FileMode::Public); !w) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::Storage, w.error().message});
    }
    auto pem = key->toPkcs8Pem();
    if (!pem) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::Crypto, pem.error().message});
    }
    const QSslKey sslKey(pem->exposeForApi(), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    const QSslCertificate sslCert(cert->toPem(), QSsl::Pem);
    if (sslKey.isNull() || sslCert.isNull()) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::Crypto,
                                            QStringLiteral("Qt cannot load the generated TLS key "
                                                           "or certificate (is the OpenSSL TLS "
                                                           "backend installed?)")});
    }
    server->sslSetup(sslCert, sslKey);
    info.caFile = caFile;
    return {};
}

Result<DemoIntegration> Emulator::Private::createDemoIntegration()
{
    auto key = Crypto::generateKey(Crypto::KeySpec{Crypto::KeyType::Rsa, 3072, {}});
    if (!key) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::Crypto, key.error().message});
    }
    Crypto::CertificateRequest request;
    request.commonName = QStringLiteral("Suitebench demo integration");
    request.validityDays = 730;
    request.notBefore = nowDateTime().addSecs(-60);
    auto cert = Crypto::Certificate::createSelfSigned(*key, request);
    if (!cert) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::Crypto, cert.error().message});
    }
    auto created
        = q->createIntegration(IntegrationOptions{QStringLiteral("Suitebench demo"), true, true});
    if (!created) {
        return tl::unexpected(created.error());
    }
    auto mapping = q->uploadCertificate(cert->toPem(), created->clientId, IntegrationRole,
                                        IntegrationEntity);
    if (!mapping) {
        return tl::unexpected(mapping.error());
    }
    DemoIntegration demo{created->clientId, mapping->certificateId,
                         stateDir + QStringLiteral("/demo-private-key.pem"),
                         stateDir + QStringLiteral("/demo-certificate.pem")};
    auto pem = key->toPkcs8Pem();
    if (!pem) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::Crypto, pem.error().message});
    }
    if (auto w = Core::writeFileAtomically(demo.privateKeyFile, pem->view(),
                                           Core::FileMode::PrivateToOwner);
        !w) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::Storage, w.error().message});
    }
    if (auto w
        = Core::writeFileAtomically(demo.certificateFile, cert->toPem(), Core::FileMode::Public);
        !w) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::Storage, w.error().message});
    }
    return demo;
}

void Emulator::Private::recordAudit(const QString &endpoint, const QString &detail,
                                    const QString &reason, const QString &clientId,
                                    const QString &certId, int roleId, int entityId, int status,
                                    const HttpRequest &request)
{
    if (audit.size() >= kMaxAuditEntries) {
        audit.removeFirst();
    }
    audit.append(AuditEntry{nowDateTime(), endpoint, detail, reason, clientId, certId, roleId,
                            entityId, status, request.remote.toString()});
}

HttpResponse Emulator::Private::faultAnswer(const HttpRequest &request, int status,
                                            std::optional<int> retryAfter) const
{
    HttpResponse r;
    if (isTokenPath(request.path)) {
        const QString error = status == 401 ? QStringLiteral("invalid_client")
                              : (status >= 400 && status < 500 && status != 429)
                                  ? QStringLiteral("invalid_request")
                                  : QStringLiteral("server_error");
        r = HttpResponse::json(status, QJsonObject{{QStringLiteral("error"), error}});
        if (status == 401) {
            r.withHeader("WWW-Authenticate",
                         QByteArrayLiteral("Basic realm=\"") + account.toLatin1() + '"');
        }
    } else {
        static const QHash<int, QString> codes{{400, QStringLiteral("USER_ERROR")},
                                               {401, QStringLiteral("INVALID_LOGIN")},
                                               {403, QStringLiteral("INSUFFICIENT_PERMISSION")},
                                               {404, QStringLiteral("NONEXISTENT_ID")},
                                               {429, QStringLiteral("SSS_REQUEST_LIMIT_EXCEEDED")}};
        const QString code = codes.value(status, QStringLiteral("UNEXPECTED_ERROR"));
        r = netSuiteError(
            status, code,
            status == 401
                ? QStringLiteral("Invalid login attempt. For more details, see "
                                 "the Login Audit Trail in the NetSuite UI at "
                                 "Setup > Users/Roles > User Management > View "
                                 "Login Audit Trail.")
                : QStringLiteral("An injected fault (emulator) answered %1.").arg(status));
        if (status == 401) {
            r.withHeader(
                "WWW-Authenticate",
                QByteArrayLiteral("Bearer realm=\"") + account.toLatin1()
                    + "\", error=\"invalid_token\", error_description=\"Invalid login attempt.\"");
        }
    }
    if (retryAfter) {
        r.withHeader("Retry-After", QByteArray::number(*retryAfter));
    }
    return r;
}

HttpResponse Emulator::Private::overLimitAnswer(int status, std::optional<int> retryAfter) const
{
    HttpResponse r;
    const QString message = QStringLiteral(
        "Request limit exceeded: the account's concurrency limit is reached. Retry later.");
    if (status == 401) {
        r = netSuiteError(401, QStringLiteral("INVALID_LOGIN"),
                          QStringLiteral("Invalid login attempt. For more details, see the Login "
                                         "Audit Trail in the NetSuite UI at Setup > Users/Roles > "
                                         "User Management > View Login Audit Trail."));
        r.withHeader(
            "WWW-Authenticate",
            QByteArrayLiteral("Bearer realm=\"") + account.toLatin1()
                + "\", error=\"invalid_token\", error_description=\"Invalid login attempt.\"");
    } else if (status == 400) {
        r = HttpResponse::json(
            400, QJsonObject{{QStringLiteral("error"),
                              QJsonObject{{QStringLiteral("code"),
                                           QStringLiteral("SSS_REQUEST_LIMIT_EXCEEDED")},
                                          {QStringLiteral("message"), message}}}});
    } else {
        r = netSuiteError(429, QStringLiteral("SSS_REQUEST_LIMIT_EXCEEDED"), message);
    }
    if (retryAfter && *retryAfter >= 0) {
        r.withHeader("Retry-After", QByteArray::number(*retryAfter));
    }
    return r;
}

FaultDecision Emulator::Private::decideFaults(const HttpRequest &request)
{
    FaultDecision out;
    const QString method = QString::fromLatin1(request.method);
    const bool tokenCall = isTokenPath(request.path);

    // 1. Concurrency: the smallest matching limit wins.
    int limit = settings.concurrencyLimit;
    int over = settings.concurrencyOver == ConcurrencyOver::TooManyRequests429 ? 429
               : settings.concurrencyOver == ConcurrencyOver::InvalidLogin401  ? 401
                                                                               : 400;
    std::optional<int> retryAfter;
    if (settings.concurrencyRetryAfter >= 0) {
        retryAfter = settings.concurrencyRetryAfter;
    }
    ActiveFault *limiting = nullptr;
    for (ActiveFault &f : activeFaults) {
        if (f.spec.concurrency && f.spec.matches(method, request.path)
            && *f.spec.concurrency < limit) {
            limit = *f.spec.concurrency;
            limiting = &f;
        }
    }
    if (limiting) {
        if (limiting->spec.over) {
            over = *limiting->spec.over;
        }
        if (limiting->spec.retryAfter) {
            retryAfter = limiting->spec.retryAfter;
        }
    }
    if (inFlight >= limit) {
        if (limiting) {
            ++limiting->fired;
        }
        ++counters.faultsFired;
        out.answer = overLimitAnswer(over, over == 429 ? retryAfter : std::nullopt);
        return out;
    }

    // 2. Status faults and modifiers, in the order they were added.
    QList<int> spent;
    for (ActiveFault &f : activeFaults) {
        const FaultSpec &s = f.spec;
        const bool modifier = s.latencyMs > 0 || s.dropBody > 0 || s.slowBodyMs > 0 || s.tokenTtl;
        if ((!s.status && !modifier) || !s.matches(method, request.path) || f.remaining == 0) {
            continue;
        }
        if (s.status && out.answer) {
            continue; // an earlier status fault answered; later ones are not counted
        }
        if (!s.status && s.tokenTtl && !tokenCall && s.latencyMs == 0 && s.dropBody == 0
            && s.slowBodyMs == 0) {
            continue; // a pure token-ttl fault only concerns token calls
        }
        if (s.rate < 1.0 && rng.generateDouble() >= s.rate) {
            continue;
        }
        if (s.status) {
            out.answer = faultAnswer(request, *s.status, s.retryAfter);
        }
        out.latencyMs += s.latencyMs;
        if (s.dropBody > 0 && (s.dropBody >= 1.0 || rng.generateDouble() < s.dropBody)) {
            out.cut = true;
        }
        if (s.slowBodyMs > 0) {
            out.trickleMs = s.slowBodyMs;
            out.chunkBytes = s.chunkBytes;
        }
        if (s.tokenTtl && tokenCall) {
            out.tokenTtl = out.tokenTtl ? std::min(*out.tokenTtl, *s.tokenTtl) : *s.tokenTtl;
        }
        ++f.fired;
        ++counters.faultsFired;
        if (f.remaining > 0 && --f.remaining == 0) {
            spent.append(f.id);
        }
    }
    activeFaults.removeIf([&](const ActiveFault &f) { return spent.contains(f.id); });
    return out;
}

void Emulator::Private::onRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    ++counters.requests;
    HttpRequest r;
    switch (request.method()) {
    case QHttpServerRequest::Method::Get:
        r.method = "GET";
        break;
    case QHttpServerRequest::Method::Post:
        r.method = "POST";
        break;
    case QHttpServerRequest::Method::Put:
        r.method = "PUT";
        break;
    case QHttpServerRequest::Method::Patch:
        r.method = "PATCH";
        break;
    case QHttpServerRequest::Method::Delete:
        r.method = "DELETE";
        break;
    case QHttpServerRequest::Method::Head:
        r.method = "HEAD";
        break;
    case QHttpServerRequest::Method::Options:
        r.method = "OPTIONS";
        break;
    default:
        r.method = "OTHER";
        break;
    }
    const QUrl url = request.url();
    r.path = url.path(QUrl::FullyDecoded);
    r.query = QUrlQuery(url);
    r.headers = request.headers();
    r.body = request.body();
    r.remote = request.remoteAddress();

    QHttpServerResponder responder = HttpFrontend::responderFor(request, socket);

    // DNS-rebinding guard: only our own loopback names on our own port.
    const QString host = QString::fromLatin1(r.header("Host")).toLower();
    if (!allowedHosts.contains(host)) {
        writeResponse(responder,
                      HttpResponse{421,
                                   "text/plain; charset=UTF-8",
                                   {},
                                   "The emulator answers only Host 127.0.0.1 or localhost on its "
                                   "own port.\n"});
        return;
    }
    if (r.path.startsWith(QLatin1String("/__emulator"))) {
        writeResponse(responder, handleAdmin(r));
        return;
    }

    FaultDecision fault = decideFaults(r);
    if (fault.answer && fault.latencyMs == 0 && !fault.cut && fault.trickleMs == 0) {
        writeResponse(responder, *fault.answer);
        return;
    }
    ++inFlight;
    // latency-ms counts from the request's arrival, so the emulator's own work (a SuiteQL
    // page takes a few ms on this single thread) is part of the latency, not added to it.
    QElapsedTimer handling;
    handling.start();
    HttpResponse response = fault.answer ? *fault.answer : handleNetSuite(r, fault.tokenTtl);
    const int remainingLatencyMs
        = fault.latencyMs > 0 ? int(std::max<qint64>(0, fault.latencyMs - handling.elapsed())) : 0;
    if (fault.latencyMs == 0 && !fault.cut && fault.trickleMs == 0) {
        writeResponse(responder, response);
        --inFlight;
        return;
    }
    QPointer<Emulator> guard(q);
    auto *pending = new PendingReply(
        std::move(responder), socket, std::move(response),
        [this, guard] {
            if (guard) {
                --inFlight;
            }
        },
        q);
    pending->start(
        remainingLatencyMs,
        fault.cut ? PendingReply::Mode::Cut
                  : (fault.trickleMs > 0 ? PendingReply::Mode::Trickle : PendingReply::Mode::Whole),
        fault.trickleMs, fault.chunkBytes);
}

// ---------------------------------------------------------------- Emulator

Emulator::Emulator(Settings settings, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, std::move(settings)))
{}

Emulator::~Emulator()
{
    stop();
}

void Emulator::setClock(std::shared_ptr<const Core::Clock> clock)
{
    if (clock) {
        d->clock = std::move(clock);
    }
}

void Emulator::advanceClock(qint64 seconds)
{
    d->clockOffset.fetch_add(seconds);
}

qint64 Emulator::nowSeconds() const
{
    return d->now();
}

const Settings &Emulator::settings() const
{
    return d->settings;
}

bool Emulator::isRunning() const
{
    return d->running;
}

StartInfo Emulator::info() const
{
    return d->info;
}

Result<StartInfo> Emulator::start()
{
    if (d->running) {
        return d->info;
    }
    if (auto v = d->settings.validate(); !v) {
        return tl::unexpected(v.error());
    }
    const auto account = NetSuite::AccountId::parse(d->settings.account);
    d->account = account->canonical();
    d->info.account = d->account;

    auto issuer = sharedIssuerKey();
    if (!issuer) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::Crypto, issuer.error().message});
    }
    d->issuerKey = *issuer;
    d->issuerPublic = issuer->publicKey();
    d->issuerKid = QStringLiteral("c.%1.%2").arg(
        d->account, d->nowDateTime().toString(QStringLiteral("yyyy-MM-dd_HH-mm-ss")));

    if (auto r = d->openStorage(); !r) {
        return tl::unexpected(r.error());
    }
    d->info.stateDir = d->stateDir;
    if (auto r = d->seedRolesAndEntities(); !r) {
        return tl::unexpected(r.error());
    }
    for (const QString &spec : d->settings.faults) {
        auto added = addFault(spec);
        if (!added) {
            return tl::unexpected(added.error());
        }
    }

    d->server = new HttpFrontend([this](const QHttpServerRequest &request,
                                        QTcpSocket *socket) { d->onRequest(request, socket); },
                                 this);
    if (d->settings.tls) {
        if (auto r = d->setUpTls(); !r) {
            return tl::unexpected(r.error());
        }
    }
    const bool isLocalhost
        = d->settings.host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0;
    const QHostAddress address
        = isLocalhost ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(d->settings.host);
    d->port = d->server->listen(address, d->settings.port);
    if (d->port == 0) {
        delete d->server;
        d->server = nullptr;
        return tl::unexpected(
            EmulatorError{EmulatorError::Code::Listen, QStringLiteral("cannot listen on %1 port %2")
                                                           .arg(d->settings.host)
                                                           .arg(d->settings.port)});
    }
    const QString portText = QString::number(d->port);
    d->allowedHosts
        = {QStringLiteral("127.0.0.1:") + portText, QStringLiteral("localhost:") + portText,
           QStringLiteral("[::1]:") + portText};
    if (address != QHostAddress(QHostAddress::LocalHost)
        && address.protocol() == QAbstractSocket::IPv4Protocol) {
        d->allowedHosts << address.toString() + QLatin1Char(':') + portText;
    }

    QUrl base;
    base.setScheme(d->settings.tls ? QStringLiteral("https") : QStringLiteral("http"));
    base.setHost(isLocalhost ? QStringLiteral("127.0.0.1") : address.toString());
    base.setPort(d->port);
    d->info.baseUrl = base;
    d->info.tokenUrl = base.resolved(QUrl(kTokenPath));
    d->info.restUrl = base.resolved(QUrl(QStringLiteral("/services/rest/record/v1")));
    d->info.suiteQlUrl = base.resolved(QUrl(QStringLiteral("/services/rest/query/v1/suiteql")));
    switch (d->settings.audienceMode) {
    case AudienceMode::Account:
        d->audience = NetSuite::tokenUrl(*account).toString();
        break;
    case AudienceMode::Own:
        d->audience = d->info.tokenUrl.toString();
        break;
    case AudienceMode::Custom:
        d->audience = d->settings.customAudience;
        break;
    }
    d->info.audience = d->audience;
    d->running = true;

    if (d->settings.demoIntegration) {
        auto demo = d->createDemoIntegration();
        if (!demo) {
            stop();
            return tl::unexpected(demo.error());
        }
        d->info.demo = *demo;
    }
    return d->info;
}

void Emulator::stop()
{
    if (!d) {
        return;
    }
    // Pending replies first (their guards answer on sockets the server still owns).
    const auto pending = findChildren<PendingReply *>(QString(), Qt::FindDirectChildrenOnly);
    for (PendingReply *p : pending) {
        delete p;
    }
    if (d->server) {
        delete d->server;
        d->server = nullptr;
    }
    if (QSqlDatabase::contains(d->roName)) {
        QSqlDatabase::database(d->roName, false).close();
        QSqlDatabase::removeDatabase(d->roName);
    }
    if (QSqlDatabase::contains(d->rwName)) {
        QSqlDatabase::database(d->rwName, false).close();
        QSqlDatabase::removeDatabase(d->rwName);
    }
    d->roHandle = nullptr;
    d->running = false;
}

Result<IntegrationCreated> Emulator::createIntegration(const IntegrationOptions &options)
{
    IntegrationRecord rec;
    rec.applicationId = QUuid::createUuid().toString(QUuid::WithoutBraces).toUpper();
    rec.clientId = hexId();
    rec.name = options.name.isEmpty() ? QStringLiteral("Integration") : options.name.left(200);
    rec.enabled = options.enabled;
    rec.clientCredentialsGrant = options.clientCredentialsGrant;
    rec.created = d->nowDateTime();
    d->integrationsByClient.insert(rec.clientId, rec);
    d->integrationOrder.append(rec.clientId);
    return IntegrationCreated{rec.applicationId, rec.clientId, hexId(), rec.name};
}

Result<void> Emulator::setIntegrationEnabled(const QString &id, bool enabled)
{
    for (auto &rec : d->integrationsByClient) {
        if (rec.clientId == id || rec.applicationId.compare(id, Qt::CaseInsensitive) == 0) {
            rec.enabled = enabled;
            return {};
        }
    }
    return tl::unexpected(EmulatorError{EmulatorError::Code::NotFound,
                                        QStringLiteral("no integration with that Client ID or "
                                                       "Application ID")});
}

QJsonArray Emulator::integrations() const
{
    // Like NetSuite, the Client ID is not shown again after creation.
    QJsonArray out;
    for (const QString &clientId : d->integrationOrder) {
        const IntegrationRecord &rec = d->integrationsByClient[clientId];
        int active = 0;
        for (const auto &c : std::as_const(d->certificatesById)) {
            if (c.mapping.clientId == clientId && !c.mapping.revoked
                && c.mapping.validUntil > d->nowDateTime()) {
                ++active;
            }
        }
        out.append(
            QJsonObject{{QStringLiteral("application_id"), rec.applicationId},
                        {QStringLiteral("name"), rec.name},
                        {QStringLiteral("enabled"), rec.enabled},
                        {QStringLiteral("client_credentials_grant"), rec.clientCredentialsGrant},
                        {QStringLiteral("active_certificates"), active},
                        {QStringLiteral("created"), rec.created.toString(Qt::ISODate)}});
    }
    return out;
}

Result<CertificateMapping> Emulator::uploadCertificate(QByteArrayView pem, const QString &clientId,
                                                       int roleId, int entityId)
{
    auto refuse = [](const QString &message) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::CertificateRefused, message});
    };
    if (pem.size() > 64 * 1024) {
        return refuse(QStringLiteral("the certificate file is larger than 64 KiB"));
    }
    if (QByteArrayView(pem).toByteArray().contains("PRIVATE KEY")) {
        return refuse(QStringLiteral("the file holds a private key: upload only the public "
                                     "certificate (.cer, .pem or .crt)"));
    }
    if (!d->integrationsByClient.contains(clientId)) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::NotFound,
                                            QStringLiteral("no integration has that Client ID")});
    }
    if (!d->integrationsByClient.value(clientId).clientCredentialsGrant) {
        return refuse(QStringLiteral("the integration record does not have the Client Credentials "
                                     "(Machine to Machine) Grant, so it cannot be selected"));
    }
    if (!d->rolesById.contains(roleId)) {
        return tl::unexpected(
            EmulatorError{EmulatorError::Code::NotFound, QStringLiteral("no role %1").arg(roleId)});
    }
    if (!d->entitiesById.contains(entityId)) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::NotFound,
                                            QStringLiteral("no entity %1").arg(entityId)});
    }
    auto cert = Crypto::Certificate::fromData(pem);
    if (!cert) {
        return refuse(QStringLiteral("not an X.509 certificate: %1").arg(cert.error().message));
    }
    const Crypto::CertificateInfo ci = cert->info();
    const Crypto::KeyInfo &k = ci.key;
    const bool rsaOk = (k.type == Crypto::KeyType::Rsa || k.type == Crypto::KeyType::RsaPss)
                       && (k.bits == 3072 || k.bits == 4096);
    const bool ecOk = k.type == Crypto::KeyType::Ec
                      && (k.curve == Crypto::Curve::P256 || k.curve == Crypto::Curve::P384
                          || k.curve == Crypto::Curve::P521);
    if (!rsaOk && !ecOk) {
        return refuse(QStringLiteral("the certificate's key is %1; NetSuite accepts RSA 3072 or "
                                     "4096 bits, or EC 256, 384 or 521 bits")
                          .arg(k.describe()));
    }
    const QDateTime now = d->nowDateTime();
    if (ci.notAfter <= now) {
        return refuse(QStringLiteral("the certificate has expired"));
    }
    int active = 0;
    for (const auto &c : std::as_const(d->certificatesById)) {
        if (c.mapping.revoked || c.mapping.validUntil <= now) {
            continue;
        }
        if (c.mapping.clientId == clientId) {
            ++active;
        }
        if (Crypto::Certificate::fromData(c.pem)->info().sha256Fingerprint
            == ci.sha256Fingerprint) {
            return refuse(QStringLiteral("this certificate is already mapped (one certificate "
                                         "serves exactly one integration, role and entity)"));
        }
    }
    if (active >= d->settings.maxActiveCertificates) {
        return tl::unexpected(EmulatorError{
            EmulatorError::Code::LimitReached,
            QStringLiteral("the integration already has %1 active certificates (the limit); "
                           "revoke one first")
                .arg(active)});
    }
    CertificateMapping m;
    m.certificateId = QString::fromLatin1(Jwt::base64UrlEncode(Crypto::randomBytes(32)));
    m.clientId = clientId;
    m.roleId = roleId;
    m.entityId = entityId;
    m.validFrom = ci.notBefore;
    const QDateTime cap = ci.notBefore.addDays(d->settings.maxCertificateValidityDays);
    m.shortened = ci.notAfter > cap;
    m.validUntil = m.shortened ? cap : ci.notAfter; // NetSuite silently shortens (facts §3)
    m.keyDescription = k.describe();
    d->certificatesById.insert(m.certificateId,
                               CertificateRecord{m, cert->publicKey(), cert->toPem()});
    d->certificateOrder.append(m.certificateId);
    return m;
}

Result<void> Emulator::revokeCertificate(const QString &certificateId)
{
    auto it = d->certificatesById.find(certificateId);
    if (it == d->certificatesById.end()) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::NotFound,
                                            QStringLiteral("no certificate with that ID")});
    }
    it->mapping.revoked = true;
    if (d->settings.revokeTokensWithCertificate) {
        for (auto &t : d->tokensByJti) {
            if (t.certificateId == certificateId) {
                t.revoked = true;
            }
        }
    }
    return {};
}

QList<CertificateMapping> Emulator::certificates(const QString &clientId) const
{
    QList<CertificateMapping> out;
    for (const QString &id : d->certificateOrder) {
        const CertificateMapping &m = d->certificatesById[id].mapping;
        if (clientId.isEmpty() || m.clientId == clientId) {
            out.append(m);
        }
    }
    return out;
}

QList<Role> Emulator::roles() const
{
    return d->rolesById.values();
}

Result<Role> Emulator::putRole(const Role &role)
{
    Role r = role;
    if (r.id == 0) {
        r.id = std::max(2000, d->rolesById.lastKey() + 1);
    }
    if (r.name.isEmpty()) {
        r.name = QStringLiteral("Role %1").arg(r.id);
    }
    d->rolesById.insert(r.id, r);
    return r;
}

QList<Entity> Emulator::entities() const
{
    return d->entitiesById.values();
}

Result<void> Emulator::setEntityEnabled(int entityId, bool enabled)
{
    if (!d->entitiesById.contains(entityId)) {
        return tl::unexpected(EmulatorError{EmulatorError::Code::NotFound,
                                            QStringLiteral("no entity %1").arg(entityId)});
    }
    d->entitiesById[entityId].enabled = enabled;
    return {};
}

Result<int> Emulator::addFault(const QString &spec)
{
    auto parsed = parseFaultSpec(spec);
    if (!parsed) {
        return tl::unexpected(parsed.error());
    }
    return addFault(*parsed);
}

int Emulator::addFault(const FaultSpec &spec)
{
    ActiveFault f;
    f.id = d->nextFaultId++;
    f.spec = spec;
    f.remaining = spec.count ? *spec.count : -1;
    d->activeFaults.append(f);
    return f.id;
}

bool Emulator::removeFault(int faultId)
{
    return d->activeFaults.removeIf([faultId](const ActiveFault &f) { return f.id == faultId; })
           > 0;
}

void Emulator::clearFaults()
{
    d->activeFaults.clear();
}

QJsonArray Emulator::faults() const
{
    QJsonArray out;
    for (const ActiveFault &f : d->activeFaults) {
        QJsonObject o{{QStringLiteral("id"), f.id},
                      {QStringLiteral("spec"), f.spec.toSpec()},
                      {QStringLiteral("fired"), f.fired}};
        if (f.remaining >= 0) {
            o.insert(QStringLiteral("remaining"), f.remaining);
        }
        out.append(o);
    }
    return out;
}

QList<AuditEntry> Emulator::auditTrail() const
{
    return d->audit;
}

void Emulator::clearAuditTrail()
{
    d->audit.clear();
}

Counters Emulator::counters() const
{
    return d->counters;
}

bool Emulator::revokeAccessToken(const QString &jti)
{
    auto it = d->tokensByJti.find(jti);
    if (it == d->tokensByJti.end()) {
        return false;
    }
    it->revoked = true;
    return true;
}

QString emulatorHelpText()
{
    return QStringLiteral(
               "Usage: suitebench-emulator [--host 127.0.0.1] [--port 0] [--tls] [--account ID]\n"
               "         [--aud account|own|URL] [--demo] [--state-dir DIR] [--config FILE]\n"
               "         [--seed N] [--fault SPEC]... [--set NAME=VALUE]...\n\n"
               "A local NetSuite emulator for OAuth 2.0 client credentials (M2M), REST web\n"
               "services and SuiteQL. It binds loopback only and prints one JSON line on start:\n"
               "{\"base_url\",\"token_url\",\"rest_url\",\"account\",\"aud\"[,\"ca_file\"]\n"
               " [,\"client_id\",\"cert_id\",\"private_key_file\",\"certificate_file\"]}\n\n"
               "Options:\n"
               "  --host ADDR        loopback address to bind (127.0.0.1, ::1, localhost)\n"
               "  --port N           port; 0 picks a free one (default 0)\n"
               "  --tls              HTTPS with a generated loopback certificate (ca_file)\n"
               "  --account ID       the account it plays (default 1234567_SB1)\n"
               "  --aud MODE         expected aud: account (its real token URL, default), own\n"
               "                     (the emulator's loopback token URL) or a literal URL\n"
               "  --demo             seed demo data and a ready integration (PS256, RSA 3072)\n"
               "  --state-dir DIR    records database, keys, CA (default: temporary, removed)\n"
               "  --config FILE      JSON object of settings (names below)\n"
               "  --seed N           demo data and fault rate draws (default 1)\n"
               "  --fault SPEC       inject a fault (grammar below); repeatable\n"
               "  --set NAME=VALUE   one setting (JSON value, e.g. --set allowRs256=true)\n\n"
               "Settings (undocumented NetSuite behaviour is a setting; defaults are the most\n"
               "likely behaviour):\n")
           + Settings::helpTable()
           + QStringLiteral(
               "\nToken error table (tokenErrors.<row> = \"<status> <error>\"; the Login Audit\n"
               "Trail records the Detail code; NetSuite documents no mapping):\n")
           + Settings::tokenErrorHelp() + QLatin1Char('\n') + faultGrammarHelp() + QLatin1Char('\n')
           + suiteQlSubsetHelp() + QLatin1Char('\n') + recordQueryHelp()
           + QStringLiteral(
               "\nAdmin API (loopback only): /__emulator/ info, integrations, certificates\n"
               "(POST {certificate, client_id, role, entity}; POST …/<id>/revoke), roles, "
               "entities,\n"
               "faults (GET/POST/DELETE), audit-trail, counters, clock (POST {advance_seconds}),\n"
               "tokens/revoke. Integrations, certificates, roles, faults and the audit trail live "
               "in\n"
               "memory; records persist in the state directory.\n");
}

} // namespace Sb::Emulator
