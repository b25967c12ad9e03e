// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "emulator/EmulatorError.h"
#include "emulator/FaultSpec.h"
#include "emulator/Settings.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

namespace Sb::Emulator {

/** The ready integration --demo creates (its key is in the state directory, mode 0600). */
struct DemoIntegration
{
    QString clientId;
    QString certificateId;
    QString privateKeyFile;
    QString certificateFile;
};

/** Where a started emulator listens and what it expects; toJson() is the start-up line. */
struct StartInfo
{
    QUrl baseUrl;     ///< http(s)://127.0.0.1:<port>
    QUrl tokenUrl;    ///< <base>/services/rest/auth/oauth2/v1/token
    QUrl restUrl;     ///< <base>/services/rest/record/v1
    QUrl suiteQlUrl;  ///< <base>/services/rest/query/v1/suiteql
    QString account;  ///< canonical, e.g. 1234567_SB1
    QString audience; ///< the `aud` the token endpoint expects
    QString caFile;   ///< with TLS: the certificate clients must trust
    QString stateDir;
    std::optional<DemoIntegration> demo;

    /** {"base_url","token_url","rest_url","account","aud"[,"ca_file"][,demo fields]}. */
    [[nodiscard]] QJsonObject toJson() const;
};

struct IntegrationOptions
{
    QString name = QStringLiteral("Suitebench integration");
    bool clientCredentialsGrant = true; ///< "Client Credentials (Machine to Machine) Grant"
    bool enabled = true;
};

/** What creating an integration returns. Client ID and secret are shown this once. */
struct IntegrationCreated
{
    QString applicationId;
    QString clientId;     ///< 64 hex characters
    QString clientSecret; ///< 64 hex characters; unused by the M2M flow (facts §4)
    QString name;
};

/** A certificate mapping (one integration, role and entity per certificate, facts §3). */
struct CertificateMapping
{
    QString certificateId; ///< 43-character base64url, NetSuite's format
    QString clientId;
    int roleId = 0;
    int entityId = 0;
    QDateTime validFrom;
    QDateTime validUntil;   ///< capped at maxCertificateValidityDays after validFrom
    bool shortened = false; ///< the certificate asked for more and was capped
    bool revoked = false;
    QString keyDescription; ///< e.g. "RSA 3072-bit"

    [[nodiscard]] QJsonObject toJson() const;
};

/** A role and the permissions the emulator checks (facts §5). */
struct Role
{
    int id = 0;
    QString name;
    bool enabled = true;
    bool restWebServices = true;        ///< Setup > REST Web Services
    bool suiteAnalyticsWorkbook = true; ///< Reports > SuiteAnalytics Workbook (lists, q, SuiteQL)
    bool manageOwnCertificates = false; ///< certificate rotation endpoints (2026.1)
    bool administrator = false;         ///< governance limits endpoint
    int recordLevel = 4;                ///< 0 none, 1 view, 2 create, 3 edit, 4 full
    QMap<QString, int> recordLevels;    ///< per record type name, overrides recordLevel

    [[nodiscard]] int levelFor(const QString &recordType) const
    {
        return recordLevels.value(recordType, recordLevel);
    }
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Role> fromJson(const QJsonObject &object, const Role &base);
};

struct Entity
{
    int id = 0;
    QString name;
    bool enabled = true;
};

/** One Login Audit Trail row (rejected logins; facts §4). */
struct AuditEntry
{
    QDateTime time;
    QString endpoint; ///< "token" or "rest"
    QString detail;   ///< e.g. InvalidSignature, AccessTokenExpired
    QString reason;   ///< the emulator's explanation
    QString clientId;
    QString certificateId;
    int roleId = 0;
    int entityId = 0;
    int httpStatus = 0;
    QString remoteAddress;

    [[nodiscard]] QJsonObject toJson() const;
};

struct Counters
{
    qint64 requests = 0;
    qint64 tokensIssued = 0;
    qint64 tokenRejections = 0;
    qint64 restCalls = 0;
    qint64 restRejections = 0;
    qint64 recordsCreated = 0;
    qint64 recordsUpdated = 0;
    qint64 recordsDeleted = 0;
    qint64 suiteQlQueries = 0;
    qint64 faultsFired = 0;
    qint64 tokenHandlingNsTotal = 0; ///< the emulator's own time on token requests
    qint64 tokenHandlingNsMax = 0;

    [[nodiscard]] QJsonObject toJson() const;
};

/**
 * The NetSuite emulator: an HTTP server on loopback that plays one account's token
 * endpoint, REST web services and SuiteQL, plus an admin API under /__emulator/. It is a
 * QObject of the thread it lives in (Qt HTTP Server is single-threaded; every delay is a
 * timer). Use EmulatorThread to run it on its own thread from tests or the GUI.
 *
 * It does not talk to the internet, never binds a non-loopback address, and refuses
 * requests whose Host header is not the loopback address or localhost on its port.
 */
class Emulator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Emulator)

public:
    explicit Emulator(Settings settings, QObject *parent = nullptr);
    ~Emulator() override;

    /** Opens the state, seeds, binds and applies --fault specs. Call once. */
    [[nodiscard]] Result<StartInfo> start();
    /** Stops listening; pending answers are answered 500 or cut. Idempotent. */
    void stop();
    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] StartInfo info() const;
    [[nodiscard]] const Settings &settings() const;

    /** Replaces the clock (before start(); for single-threaded tests with a FakeClock). */
    void setClock(std::shared_ptr<const Core::Clock> clock);
    /** Moves the emulator's time forward (or back) by @p seconds; thread-safe. */
    void advanceClock(qint64 seconds);
    [[nodiscard]] qint64 nowSeconds() const;

    // --- integrations and certificates (also under /__emulator/)
    [[nodiscard]] Result<IntegrationCreated> createIntegration(const IntegrationOptions &options
                                                               = {});
    [[nodiscard]] Result<void> setIntegrationEnabled(const QString &clientIdOrApplicationId,
                                                     bool enabled);
    [[nodiscard]] QJsonArray integrations() const;
    /**
     * Maps @p pem (an X.509 certificate) to an integration, role and entity, as the
     * OAuth 2.0 Client Credentials Setup page does: RSA 3072/4096 or EC P-256/384/521,
     * validity capped at maxCertificateValidityDays, at most maxActiveCertificates active
     * per integration.
     */
    [[nodiscard]] Result<CertificateMapping>
    uploadCertificate(QByteArrayView pem, const QString &clientId, int roleId, int entityId);
    [[nodiscard]] Result<void> revokeCertificate(const QString &certificateId);
    [[nodiscard]] QList<CertificateMapping> certificates(const QString &clientId = {}) const;

    // --- roles and entities
    [[nodiscard]] QList<Role> roles() const;
    /** Adds (id 0: next free id) or replaces a role. */
    [[nodiscard]] Result<Role> putRole(const Role &role);
    [[nodiscard]] QList<Entity> entities() const;
    [[nodiscard]] Result<void> setEntityEnabled(int entityId, bool enabled);

    // --- faults
    [[nodiscard]] Result<int> addFault(const QString &spec);
    int addFault(const FaultSpec &spec);
    bool removeFault(int faultId);
    void clearFaults();
    [[nodiscard]] QJsonArray faults() const;

    // --- observation
    [[nodiscard]] QList<AuditEntry> auditTrail() const;
    void clearAuditTrail();
    [[nodiscard]] Counters counters() const;
    /** Revokes an issued access token by its jti. */
    bool revokeAccessToken(const QString &jti);

    /** Well-known roles and entities seeded at start. */
    static constexpr int AdministratorRole = 3;
    static constexpr int IntegrationRole = 1001; ///< REST + Workbook + full records
    static constexpr int NoRestRole = 1002;      ///< lacks REST Web Services
    static constexpr int NoWorkbookRole = 1003;  ///< lacks SuiteAnalytics Workbook
    static constexpr int ViewOnlyRole = 1004;    ///< records: view only
    static constexpr int AdministratorEntity = -5;
    static constexpr int IntegrationEntity = 7;

    class Private;

private:
    std::unique_ptr<Private> d;
};

/** The --help text: usage, settings table, token error table, fault grammar, SuiteQL subset. */
[[nodiscard]] QString emulatorHelpText();

} // namespace Sb::Emulator
