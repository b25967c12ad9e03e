// SPDX-License-Identifier: MIT
// Internal to lib/emulator: the engine behind Emulator. Not part of the public API.
#pragma once

#include "crypto/Keys.h"
#include "emulator/Emulator.h"
#include "emulator/TokenRequest.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QRandomGenerator64>
#include <QSqlDatabase>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <atomic>
#include <functional>
#include <memory>
#include <variant>

namespace Sb::Emulator {

/** A request copied out of Qt's (non-copyable) request object. */
struct HttpRequest
{
    QByteArray method; ///< upper case
    QString path;      ///< decoded path
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress remote;

    [[nodiscard]] QByteArray header(QByteArrayView name) const;
    [[nodiscard]] bool hasHeader(QByteArrayView name) const;
    [[nodiscard]] QString queryValue(const QString &name) const;
};

/** A response to write. */
struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    [[nodiscard]] static HttpResponse json(int status, const QJsonObject &object);
    [[nodiscard]] static HttpResponse json(int status, const QJsonArray &array);
    [[nodiscard]] static HttpResponse empty(int status);
    HttpResponse &withHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
        return *this;
    }
};

/** QAbstractHttpServer with one handler for every request (we route ourselves). */
class HttpFrontend final : public QAbstractHttpServer
{
public:
    using Handler = std::function<void(const QHttpServerRequest &, QTcpSocket *)>;
    explicit HttpFrontend(Handler handler, QObject *parent = nullptr)
        : QAbstractHttpServer(parent)
        , m_handler(std::move(handler))
    {}
    static QHttpServerResponder responderFor(const QHttpServerRequest &request, QTcpSocket *socket)
    {
        return makeResponder(request, socket);
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        m_handler(request, socket);
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}

private:
    Handler m_handler;
};

/** Writes @p response on @p responder (status line, headers, Content-Length, body). */
void writeResponse(QHttpServerResponder &responder, const HttpResponse &response);

/**
 * An answer that is not written at once (latency, trickle, cut). It owns the responder and
 * watches the socket: every write checks that the client is still there, and if it is
 * destroyed unanswered it answers 500 (or closes a half-written reply) so no client hangs.
 */
class PendingReply final : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Whole, Cut, Trickle };
    PendingReply(QHttpServerResponder &&responder, QTcpSocket *socket, HttpResponse response,
                 std::function<void()> onFinished, QObject *parent);
    ~PendingReply() override;

    void start(int delayMs, Mode mode, int trickleMs, int chunkBytes);

private:
    [[nodiscard]] bool alive() const;
    void writeNow();
    void writeHead();
    void trickle();
    void finish();

    std::unique_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
    HttpResponse m_response;
    std::function<void()> m_onFinished;
    Mode m_mode = Mode::Whole;
    int m_trickleMs = 200;
    int m_chunkBytes = 16;
    qsizetype m_sent = 0;
    bool m_headWritten = false;
    bool m_done = false;
};

struct IntegrationRecord
{
    QString applicationId;
    QString clientId;
    QString name;
    bool enabled = true;
    bool clientCredentialsGrant = true;
    QDateTime created;
};

struct CertificateRecord
{
    CertificateMapping mapping;
    Crypto::PublicKey publicKey;
    QByteArray pem;
};

struct IssuedToken
{
    QString jti;
    QString clientId;
    QString certificateId;
    int roleId = 0;
    int entityId = 0;
    QStringList scopes;
    qint64 iat = 0;
    qint64 exp = 0;
    bool revoked = false;
};

struct ActiveFault
{
    int id = 0;
    FaultSpec spec;
    int remaining = -1; ///< -1: unlimited
    qint64 fired = 0;
};

struct IdempotencyEntry
{
    QByteArray location;
    bool async = false;
};

struct AsyncJob
{
    QString id;
    qint64 readyAtMs = 0;
    HttpResponse result;
};

/** What the faults decided for one request. */
struct FaultDecision
{
    std::optional<HttpResponse> answer; ///< a status fault or the concurrency limit
    int latencyMs = 0;
    bool cut = false;
    int trickleMs = 0;
    int chunkBytes = 16;
    std::optional<int> tokenTtl;
};

class Emulator::Private final : public AssertionLookup
{
public:
    Private(Emulator *q, Settings settings);
    ~Private() override;

    Emulator *q;
    Settings settings;
    std::shared_ptr<const Core::Clock> clock;
    std::atomic<qint64> clockOffset{0};
    bool running = false;
    StartInfo info;
    std::unique_ptr<QTemporaryDir> tempDir;
    QString stateDir;
    QString account;  ///< canonical
    QString audience; ///< expected aud
    HttpFrontend *server = nullptr;
    quint16 port = 0;
    QStringList allowedHosts; ///< "127.0.0.1:<port>", "localhost:<port>"
    QString rwName;
    QString roName;
    void *roHandle = nullptr; ///< sqlite3* of the read-only connection
    qint64 queryDeadlineMs = 0;
    Crypto::PrivateKey issuerKey;
    Crypto::PublicKey issuerPublic;
    QString issuerKid;
    QRandomGenerator64 rng;
    QElapsedTimer uptime;

    QHash<QString, IntegrationRecord> integrationsByClient;
    QList<QString> integrationOrder;
    QHash<QString, CertificateRecord> certificatesById;
    QList<QString> certificateOrder;
    QMap<int, Role> rolesById;
    QMap<int, Entity> entitiesById;
    QHash<QString, IssuedToken> tokensByJti;
    QList<ActiveFault> activeFaults;
    int nextFaultId = 1;
    QList<AuditEntry> audit;
    Counters counters;
    QHash<QString, IdempotencyEntry> idempotency;
    QHash<QString, AsyncJob> jobs;
    int inFlight = 0;
    qint64 tokenSerial = 0;

    // AssertionLookup
    [[nodiscard]] std::optional<IntegrationView>
    integration(const QString &clientId) const override;
    [[nodiscard]] std::optional<CertificateView>
    certificate(const QString &certificateId) const override;
    [[nodiscard]] bool roleEnabled(int roleId) const override;
    [[nodiscard]] bool entityEnabled(int entityId) const override;

    [[nodiscard]] qint64 now() const;
    [[nodiscard]] QDateTime nowDateTime() const;
    [[nodiscard]] QSqlDatabase rw() const;
    [[nodiscard]] QSqlDatabase ro() const;

    // Lifecycle (Emulator.cpp)
    Result<void> openStorage();
    Result<void> seedRolesAndEntities();
    Result<DemoIntegration> createDemoIntegration();
    Result<void> setUpTls();
    void onRequest(const QHttpServerRequest &request, QTcpSocket *socket);
    FaultDecision decideFaults(const HttpRequest &request);
    HttpResponse faultAnswer(const HttpRequest &request, int status,
                             std::optional<int> retryAfter) const;
    HttpResponse overLimitAnswer(int status, std::optional<int> retryAfter) const;
    void recordAudit(const QString &endpoint, const QString &detail, const QString &reason,
                     const QString &clientId, const QString &certId, int roleId, int entityId,
                     int status, const HttpRequest &request);
    [[nodiscard]] bool isTokenPath(const QString &path) const;

    // Token endpoint (EmulatorToken.cpp)
    HttpResponse handleToken(const HttpRequest &request, std::optional<int> ttlOverride);
    HttpResponse tokenError(TokenRejection reason, const QString &explanation) const;

    // REST (EmulatorRest.cpp)
    HttpResponse handleNetSuite(const HttpRequest &request, std::optional<int> ttlOverride);
    struct Caller
    {
        IssuedToken token;
        Role role;
    };
    std::variant<Caller, HttpResponse> authenticate(const HttpRequest &request);
    HttpResponse handleRecords(const HttpRequest &request, const Caller &caller,
                               const QStringList &parts);
    HttpResponse handleSuiteQl(const HttpRequest &request, const Caller &caller);
    HttpResponse handleAsync(const HttpRequest &request, const QStringList &parts);
    HttpResponse handleMetadata(const HttpRequest &request, const QStringList &parts);
    HttpResponse handleGovernance(const Caller &caller);
    HttpResponse handleRotation(const HttpRequest &request, const Caller &caller,
                                const QStringList &parts);
    [[nodiscard]] QString origin() const;

    // Admin (EmulatorAdmin.cpp)
    HttpResponse handleAdmin(const HttpRequest &request);
};

/** NetSuite's RFC 7807 error body (facts §5). */
[[nodiscard]] HttpResponse netSuiteError(int status, const QString &code, const QString &detail,
                                         const QJsonObject &extra = {});

} // namespace Sb::Emulator
