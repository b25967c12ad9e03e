// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "gui/EnvironmentModel.h"
#include "http/ResponseRecord.h"
#include "http/Transport.h"
#include "netsuite/Diagnosis.h"
#include "netsuite/Inspector.h"
#include "netsuite/client/NetSuiteClient.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace Sb::App {

/** One line of the engine's timeline. Text never contains a token or an assertion. */
struct TimelineEvent
{
    enum class Kind { Token, Send, Wait, Retry, Response, Error, Info };
    QDateTime at;
    Kind kind = Kind::Info;
    QString text;
    bool ok = true;
    /** About the token exchange calls share: the session reports it once, not per call. */
    bool shared = false;
};
[[nodiscard]] QString timelineKindName(TimelineEvent::Kind kind);

enum class AuthMode { EnvironmentToken, ManualBearer, None };

enum class TokenState { None, Valid, Expired, Failing };

/** What a finished SessionCall reports. */
struct CallOutcome
{
    bool ok = false; ///< test connection: everything 2xx; execute: a response arrived
    bool cancelled = false;
    NetSuite::FailurePhase failedPhase = NetSuite::FailurePhase::TokenExchange;
    std::optional<Http::ResponseRecord> response;
    std::optional<NetSuite::Diagnosis> diagnosis;
    /** The assertion the token endpoint refused (only for the inspector, never logged). */
    QByteArray assertion;
    std::optional<NetSuite::Inspection> assertionInspection;
    QString idempotencyKey;
    /** The request as the client sent it (account URLs; Authorization is added by the client
     *  and never kept here): for "Copy as cURL". */
    std::optional<NetSuite::RestRequest> request;
    NetSuite::RestStatus status = NetSuite::RestStatus::Cancelled;
    QString errorText; ///< a one-line summary when !ok
};

class EnvironmentSession;

/**
 * One operation through the environment's NetSuiteClient: a RestCall (token from the cache
 * or one shared exchange, guards, production-write confirmation, NetSuite's retry rules,
 * one re-mint on 401), or a token exchange alone. It translates the call's signals into the
 * three steps the GUI shows (mint, exchange, call) and timeline events. finished() once.
 */
class SessionCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionCall)

public:
    enum class Step { Mint, Exchange, Call };

    /** @p request empty: only a token (forced fresh). A child of @p session: it never
     *  outlives the client it runs on. */
    SessionCall(EnvironmentSession &session, std::optional<NetSuite::RestRequest> request,
                bool forceNewToken);
    ~SessionCall() override;

    void start();
    void cancel();
    /** The call counts as ok only with a 2xx answer (test connection, --smoke). */
    void setRequireSuccess(bool require) { m_requireSuccess = require; }
    [[nodiscard]] bool isFinished() const { return m_finished; }
    [[nodiscard]] const CallOutcome &outcome() const { return m_outcome; }

signals:
    void stepStarted(Sb::App::SessionCall::Step step);
    void stepFinished(Sb::App::SessionCall::Step step, bool ok, const QString &detail);
    void event(const Sb::App::TimelineEvent &event);
    /** Waiting before a retry: a countdown for the GUI. */
    void waiting(std::chrono::milliseconds delay, const QString &reason);
    void finished(const Sb::App::CallOutcome &outcome);

private:
    void run();
    void connectCall();
    void onRestFinished(const NetSuite::RestResult &result);
    void onTokenResult(const NetSuite::TokenResult &result);
    void failToken(const NetSuite::TokenError &error);
    void finish();
    void emitEvent(TimelineEvent::Kind kind, const QString &text, bool ok = true,
                   bool shared = false);
    [[nodiscard]] QString mintText() const;

    EnvironmentSession &m_session;
    /** A keyless client of its own for a manual bearer or no auth: those need no key. */
    std::unique_ptr<NetSuite::NetSuiteClient> m_ownClient;
    std::optional<NetSuite::RestRequest> m_request;
    bool m_forceNewToken;
    bool m_requireSuccess = false;
    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_finishedByCancel = false;
    bool m_mintReported = false;
    bool m_exchangeReported = false;
    QPointer<NetSuite::RestCall> m_call;
    CallOutcome m_outcome;
};

/**
 * The GUI's view of one environment: it owns the environment's NetSuiteClient (built on
 * first use, after the private key has been read from the secret store) and reports the
 * token state for the badge. No protocol logic of its own: everything NetSuite-shaped is
 * lib/netsuite/client's.
 */
class EnvironmentSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentSession)

public:
    /** Reads the key (and secret variable values) of an environment; false with @p error. */
    using SecretLoader = std::function<bool(Environment &environment, QString *error)>;

    EnvironmentSession(Environment environment, QNetworkAccessManager &manager,
                       const Core::Clock &clock, QObject *parent = nullptr);
    ~EnvironmentSession() override;

    void setSecretLoader(SecretLoader loader) { m_loader = std::move(loader); }
    /** Asked before a write to a production account (the GUI's confirmation dialog). */
    void setConfirmWrite(NetSuite::ConfirmWrite confirm) { m_confirm = std::move(confirm); }

    [[nodiscard]] const Environment &environment() const { return m_env; }
    [[nodiscard]] const Core::Clock &clock() const { return m_clock; }
    /**
     * The client with the environment's key, built on first use (the key is read from the
     * secret store then); nullptr with @p error when there is no key or it cannot be read.
     */
    [[nodiscard]] NetSuite::NetSuiteClient *client(QString *error = nullptr);
    /** The client as it is now (nullptr before first use); never reads a secret. */
    [[nodiscard]] NetSuite::NetSuiteClient *existingClient() const { return m_client.get(); }
    /** A client without the key, for requests that bring their own auth and for cURL. */
    [[nodiscard]] std::unique_ptr<NetSuite::NetSuiteClient> makeKeylessClient() const;
    /** Copy as cURL for @p request (redacted unless @p revealSecrets); needs no key. */
    [[nodiscard]] QString toCurl(const NetSuite::RestRequest &request, bool revealSecrets) const;

    [[nodiscard]] TokenState tokenState() const;
    /** Seconds since epoch when the cached token stops being reused; 0 without one. */
    [[nodiscard]] qint64 tokenExpiresAt() const;
    /** For the inspector's "open the token the app received" (never logged). */
    [[nodiscard]] QByteArray lastAccessToken() const;
    /**
     * A freshly minted assertion of this environment, for the inspector (never sent; empty
     * with @p error when it cannot be minted).
     */
    [[nodiscard]] QByteArray mintAssertionForInspection(QString *error = nullptr);
    /** The context the inspector judges this environment's tokens with. */
    [[nodiscard]] NetSuite::InspectionContext inspectionContext() const;

    // Calls are children of the session: deleting it cancels and deletes them first. A
    // caller that lets go of a call early disconnects and cancels it.
    /** Force a fresh token, then GET record/v1/customer?limit=1 (wizard, --smoke). */
    [[nodiscard]] SessionCall *testConnection();
    /** Runs @p request (account URLs; the client routes). */
    [[nodiscard]] SessionCall *execute(NetSuite::RestRequest request);
    /** Just a fresh token. */
    [[nodiscard]] SessionCall *fetchToken();

    void forgetToken();

signals:
    void tokenChanged();
    void event(const Sb::App::TimelineEvent &event);

private:
    friend class SessionCall;
    void markFailing(bool failing);
    [[nodiscard]] NetSuite::ClientConfig makeConfig(bool withKey) const;
    [[nodiscard]] Http::TransportOptions transportOptions() const;

    Environment m_env;
    QNetworkAccessManager &m_manager;
    const Core::Clock &m_clock;
    SecretLoader m_loader;
    NetSuite::ConfirmWrite m_confirm;
    std::unique_ptr<NetSuite::NetSuiteClient> m_client;
    QString m_keyError;     ///< why the key could not be read, for the next message
    bool m_loading = false; ///< the key is being read (the keychain runs a local event loop)
    bool m_failing = false;
};

} // namespace Sb::App

Q_DECLARE_METATYPE(Sb::App::CallOutcome)
