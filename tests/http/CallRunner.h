// SPDX-License-Identifier: MIT
// Runs an HttpCall to completion for a test, with a bounded event loop.
#pragma once

#include "http/HttpCall.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <chrono>
#include <functional>

namespace SbTest {

struct Wait
{
    int attempt = 0;
    std::chrono::milliseconds delay{0};
    QString reason;
};

struct Outcome
{
    Sb::Http::ResponseRecord record;
    int finishedCount = 0;
    QList<Wait> waits;
    qint64 elapsedMs = 0;
    bool testTimedOut = false;
};

/** Wires the counters; call before start(). */
inline void observe(Sb::Http::HttpCall &call, Outcome &outcome)
{
    QObject::connect(&call, &Sb::Http::HttpCall::finished, &call,
                     [&outcome](const Sb::Http::ResponseRecord &record) {
                         outcome.record = record;
                         ++outcome.finishedCount;
                     });
    QObject::connect(
        &call, &Sb::Http::HttpCall::waiting, &call,
        [&outcome](int attempt, std::chrono::milliseconds delay, const QString &reason) {
            outcome.waits.append({attempt, delay, reason});
        });
}

/**
 * Starts @p call and spins the event loop until finished() or @p timeoutMs. @p outcome must
 * outlive @p call: later emissions still count (for "exactly once" checks).
 */
inline void runCall(Sb::Http::HttpCall &call, Outcome &outcome, int timeoutMs,
                    const std::function<void()> &afterStart = {})
{
    observe(call, outcome);
    QEventLoop loop;
    QObject::connect(&call, &Sb::Http::HttpCall::finished, &loop, &QEventLoop::quit,
                     Qt::QueuedConnection);
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, [&] {
        outcome.testTimedOut = true;
        loop.quit();
    });
    guard.start(timeoutMs);
    QElapsedTimer clock;
    clock.start();
    call.start();
    if (afterStart) {
        afterStart();
    }
    if (outcome.finishedCount == 0) {
        loop.exec();
    }
    outcome.elapsedMs = clock.elapsed();
}

} // namespace SbTest
