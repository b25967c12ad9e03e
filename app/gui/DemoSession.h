// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "crypto/SecureBytes.h"
#include "gui/EnvironmentModel.h"
#include "http/HttpCall.h"
#include "netsuite/Diagnosis.h"
#include "netsuite/Inspector.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <optional>

class QNetworkAccessManager;

namespace Sb::App {

/*
 * INTERIM ADAPTER (issue #7, first pass). Everything NetSuite-client-shaped the GUI needs
 * lives in this one file pair so the lead can swap it for the real lib/netsuite client
 * (token cache with re-mint on 401, retry policy, idempotency keys, guards) without touching
 * the widgets. It only composes library calls: buildAssertion, inspect, diagnose and
 * Http::HttpCall. It holds the access token in memory only and never logs it.
 */

/** One line of the engine's timeline. Text never contains a token or an assertion. */
struct TimelineEvent
{
    enum class Kind { Token, Send, Wait, Retry, Response, Error, Info };
    QDateTime at;
    Kind kind = Kind::Info;
    QString text;
    bool ok = true;
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
    /** The assertion minted for this call (secret-ish: only for the inspector, never logged). */
    QByteArray assertion;
    std::optional<NetSuite::Inspection> assertionInspection;
    QString idempotencyKey;
    Http::Request sentRequest; ///< as sent, Authorization included (copy it with toCurl only)
    QString errorText;         ///< a one-line summary when !ok
};

class DemoSession;

/** One operation: (mint, exchange,) send. Emits finished() once; cancel() any time. */
class SessionCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionCall)

public:
    enum class Step { Mint, Exchange, Call };

    SessionCall(DemoSession &session, std::optional<Http::Request> request, AuthMode auth,
                bool forceNewToken, QObject *parent = nullptr);
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
    void mintAndExchange();
    void onTokenFinished(const Http::ResponseRecord &record);
    void sendRequest();
    void onRequestFinished(const Http::ResponseRecord &record);
    void finish();
    void emitEvent(TimelineEvent::Kind kind, const QString &text, bool ok = true);

    DemoSession &m_session;
    std::optional<Http::Request> m_request;
    AuthMode m_auth;
    bool m_forceNewToken;
    bool m_reMinted = false;
    bool m_requireSuccess = false;
    bool m_freshToken = false;
    QPointer<Http::HttpCall> m_call;
    CallOutcome m_outcome;
    bool m_finished = false;
    bool m_started = false;
};

/**
 * The GUI's view of one environment's NetSuite session (interim; see the file comment).
 * Owns the in-memory access token; SessionCall objects run the work.
 */
class DemoSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoSession)

public:
    DemoSession(Environment environment, QNetworkAccessManager &manager, const Core::Clock &clock,
                QObject *parent = nullptr);

    [[nodiscard]] const Environment &environment() const { return m_env; }
    [[nodiscard]] const Core::Clock &clock() const { return m_clock; }
    [[nodiscard]] QNetworkAccessManager &manager() const { return m_manager; }

    [[nodiscard]] TokenState tokenState() const;
    /** Seconds since epoch; 0 without a token. */
    [[nodiscard]] qint64 tokenExpiresAt() const { return m_expiresAt; }
    [[nodiscard]] bool hasUsableToken() const;
    /** For the inspector's "open the token the app received" (never logged). */
    [[nodiscard]] QByteArray lastAccessToken() const { return m_accessToken.exposeForApi(); }
    [[nodiscard]] QByteArray lastAssertion() const { return m_lastAssertion; }
    /** The context the inspector judges this environment's assertions with. */
    [[nodiscard]] NetSuite::InspectionContext inspectionContext() const;

    /** Mint + exchange + GET record/v1/customer?limit=1 (the wizard's and --smoke's check). */
    [[nodiscard]] SessionCall *testConnection(QObject *parent = nullptr);
    /** Runs @p request with the chosen auth (the token is fetched first when needed). */
    [[nodiscard]] SessionCall *execute(Http::Request request, AuthMode auth,
                                       QObject *parent = nullptr);
    /** Just mint + exchange (forces a new token). */
    [[nodiscard]] SessionCall *fetchToken(QObject *parent = nullptr);

    void forgetToken();

signals:
    void tokenChanged();
    void event(const Sb::App::TimelineEvent &event);

private:
    friend class SessionCall;
    void storeToken(Crypto::SecureBytes token, qint64 expiresAt);
    void markFailing();

    Environment m_env;
    QNetworkAccessManager &m_manager;
    const Core::Clock &m_clock;
    Crypto::SecureBytes m_accessToken;
    QByteArray m_lastAssertion;
    qint64 m_expiresAt = 0;
    bool m_failing = false;
};

} // namespace Sb::App

Q_DECLARE_METATYPE(Sb::App::CallOutcome)
