// SPDX-License-Identifier: MIT
// Helpers for the NetSuite client tests: run a RestCall or FetchAll to completion (bounded),
// and build a client for a target.
#pragma once

#include "http/Transport.h"
#include "netsuite/client/FetchAll.h"
#include "netsuite/client/NetSuiteClient.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTimer>

#include <memory>

namespace SbTest {

/** A client plus the manager it runs on (one per environment, as Http::Transport asks). */
struct ClientBox
{
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<Sb::NetSuite::NetSuiteClient> client;
};

inline ClientBox makeClient(Sb::NetSuite::ClientConfig config)
{
    ClientBox box;
    box.nam = Sb::Http::makeNetworkAccessManager();
    box.client = std::make_unique<Sb::NetSuite::NetSuiteClient>(std::move(config),
                                                                Sb::Http::Transport(*box.nam));
    return box;
}

/** Small waits, so storms and backoff cost milliseconds in tests. */
inline Sb::Http::BackoffPolicy fastBackoff(int maxAttempts = 4)
{
    Sb::Http::BackoffPolicy policy;
    policy.base = std::chrono::milliseconds{10};
    policy.cap = std::chrono::milliseconds{100};
    policy.maxAttempts = maxAttempts;
    policy.retryAfter.min = std::chrono::milliseconds{20};
    policy.retryAfter.max = std::chrono::milliseconds{150};
    return policy;
}

struct CallOutcome
{
    Sb::NetSuite::RestResult result;
    int finishedCount = 0;
    int remints = 0;
    int waits = 0;
    bool timedOut = false;
};

/** Runs every call to completion (or @p timeoutMs); results in the order given. */
inline QList<CallOutcome> runCalls(const QList<Sb::NetSuite::RestCall *> &calls,
                                   int timeoutMs = 20000)
{
    QList<CallOutcome> outcomes(calls.size());
    int open = int(calls.size());
    QEventLoop loop;
    for (qsizetype i = 0; i < calls.size(); ++i) {
        Sb::NetSuite::RestCall *call = calls.at(i);
        QObject::connect(call, &Sb::NetSuite::RestCall::finished, &loop,
                         [&outcomes, &open, &loop, i](const Sb::NetSuite::RestResult &r) {
                             outcomes[i].result = r;
                             if (++outcomes[i].finishedCount == 1 && --open == 0) {
                                 loop.quit();
                             }
                         });
        QObject::connect(call, &Sb::NetSuite::RestCall::reminting, &loop,
                         [&outcomes, i] { ++outcomes[i].remints; });
        QObject::connect(call, &Sb::NetSuite::RestCall::waiting, &loop,
                         [&outcomes, i] { ++outcomes[i].waits; });
    }
    QTimer guard;
    guard.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(&guard, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        loop.quit();
    });
    guard.start(timeoutMs);
    for (Sb::NetSuite::RestCall *call : calls) {
        call->start();
    }
    if (open > 0) {
        loop.exec();
    }
    for (CallOutcome &o : outcomes) {
        o.timedOut = timedOut && o.finishedCount == 0;
    }
    return outcomes;
}

inline CallOutcome runCall(Sb::NetSuite::RestCall *call, int timeoutMs = 20000)
{
    return runCalls({call}, timeoutMs).first();
}

/** Runs @p fetch to completion; @p afterPage runs after each progress report. */
inline Sb::NetSuite::FetchResult runFetch(Sb::NetSuite::FetchAll &fetch, int timeoutMs = 30000,
                                          const std::function<void(qint64 rows)> &afterPage = {})
{
    Sb::NetSuite::FetchResult out;
    out.status = Sb::NetSuite::FetchResult::Status::Failed;
    out.message = QStringLiteral("test timed out");
    bool done = false;
    QEventLoop loop;
    QObject::connect(&fetch, &Sb::NetSuite::FetchAll::finished, &loop,
                     [&](const Sb::NetSuite::FetchResult &r) {
                         out = r;
                         done = true;
                         loop.quit();
                     });
    if (afterPage) {
        QObject::connect(&fetch, &Sb::NetSuite::FetchAll::progress, &loop,
                         [&afterPage](qint64 rows) { afterPage(rows); });
    }
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    fetch.start();
    if (!done) {
        loop.exec();
    }
    return out;
}

} // namespace SbTest
