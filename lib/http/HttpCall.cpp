// SPDX-License-Identifier: MIT
#include "http/HttpCall.h"

#include "http/Tr.h"
#include "http/Transfer.h"

#include <algorithm>
#include <limits>

namespace Sb::Http {

namespace {

const Core::Clock &systemClock()
{
    static const Core::SystemClock clock;
    return clock;
}

} // namespace

RetryPolicy RetryPolicy::planned(const BackoffPolicy &backoff, bool safeToRepeat,
                                 const Core::Clock &clock, RandomSource random)
{
    return {backoff.maxAttempts, makeRetryPlanner(backoff, safeToRepeat, clock, std::move(random))};
}

HttpCall::HttpCall(CallContext context, Request request, RetryPolicy policy, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_request(std::move(request))
    , m_policy(std::move(policy))
    , m_clock(m_context.clock ? m_context.clock : &systemClock())
{
    // A runaway policy callback cannot turn one request into a storm.
    m_policy.maxAttempts = std::clamp(m_policy.maxAttempts, 1, 10);
    m_waitTimer.setSingleShot(true);
    m_waitTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_waitTimer, &QTimer::timeout, this, &HttpCall::onWaitOver);
}

HttpCall::~HttpCall()
{
    m_waitTimer.stop();
    if (m_transfer) {
        m_transfer->disconnect(this);
        m_transfer.reset(); // aborts the reply without signalling
    }
    releaseSlot();
}

void HttpCall::start()
{
    if (m_phase != Phase::Idle) {
        return;
    }
    queueAttempt();
}

void HttpCall::queueAttempt()
{
    ++m_attempt;
    m_phase = Phase::Queued;
    m_queuedMonotonic.start();
    m_queuedAt = m_clock->now().toUTC();
    if (m_context.limiter) {
        m_ticket = m_context.limiter->acquire(m_context.limiterKey, this, [this] { runAttempt(); });
    } else {
        QMetaObject::invokeMethod(this, &HttpCall::runAttempt, Qt::QueuedConnection);
    }
}

void HttpCall::runAttempt()
{
    if (m_phase != Phase::Queued) {
        return;
    }
    m_phase = Phase::Transferring;
    emit attemptStarted(m_attempt);
    if (m_phase != Phase::Transferring) {
        return; // cancelled from a slot
    }
    m_transfer
        = std::make_unique<Transfer>(m_context.transport, m_request, m_attempt, m_queuedMonotonic);
    connect(m_transfer.get(), &Transfer::finished, this, &HttpCall::onTransferFinished);
    m_transfer->start(); // may finish synchronously (an invalid request)
}

void HttpCall::onTransferFinished()
{
    if (!m_transfer) {
        return;
    }
    ResponseRecord record = m_transfer->takeResult();
    // We are inside the transfer's own signal: delete it later, not now.
    m_transfer->disconnect(this);
    m_transfer.release()->deleteLater();
    releaseSlot();

    record.timings.queuedAt = m_queuedAt;
    m_attempts.append(record); // slices off the body
    m_phase = Phase::Deciding;
    emit attemptFinished(m_attempts.constLast());
    if (m_phase != Phase::Deciding) {
        return; // finished by a slot
    }

    if (m_cancelRequested || record.error == ErrorKind::Cancelled) {
        m_last = std::move(record);
        finish(cancelledRecord());
        return;
    }
    RetryDecision decision;
    if (m_attempt < m_policy.maxAttempts && m_policy.shouldRetry) {
        decision = m_policy.shouldRetry(m_attempt, m_attempts.constLast());
    }
    if (m_cancelRequested) { // the callback may cancel too
        m_last = std::move(record);
        finish(cancelledRecord());
        return;
    }
    if (!decision.retry) {
        finish(std::move(record));
        return;
    }
    const std::chrono::milliseconds delay = std::max(decision.delay, std::chrono::milliseconds{0});
    m_attempts.last().retryDelay = delay;
    m_attempts.last().retryReason = decision.reason;
    record.retryDelay = delay;
    record.retryReason = decision.reason;
    m_last = std::move(record);
    m_phase = Phase::Waiting;
    emit waiting(m_attempt, delay, decision.reason);
    if (m_phase != Phase::Waiting) {
        return; // cancelled from a slot
    }
    m_waitTimer.start(std::chrono::milliseconds{
        std::min<qint64>(delay.count(), std::numeric_limits<int>::max())});
}

void HttpCall::onWaitOver()
{
    if (m_phase != Phase::Waiting) {
        return;
    }
    queueAttempt();
}

void HttpCall::cancel()
{
    switch (m_phase) {
    case Phase::Done:
        return;
    case Phase::Idle:
    case Phase::Queued:
    case Phase::Waiting:
        m_cancelRequested = true;
        m_waitTimer.stop();
        finish(cancelledRecord()); // also leaves the limiter's queue
        return;
    case Phase::Transferring:
        m_cancelRequested = true;
        if (m_transfer) {
            m_transfer->cancel(); // → onTransferFinished → finish(Cancelled)
        }
        return;
    case Phase::Deciding:
        m_cancelRequested = true; // onTransferFinished finishes after its signal returns
        return;
    }
}

ResponseRecord HttpCall::cancelledRecord() const
{
    ResponseRecord record = m_last;
    if (m_attempts.isEmpty()) {
        record = ResponseRecord{};
        record.attempt = 0;
        record.url = m_request.url;
        record.requestBytes = m_request.body.size();
        record.timings.queuedAt = m_queuedAt.isValid() ? m_queuedAt : m_clock->now().toUTC();
    }
    if (record.error != ErrorKind::Cancelled) {
        record.error = ErrorKind::Cancelled;
        if (m_attempts.isEmpty()) {
            record.errorMessage = Tr::tr("cancelled before it was sent");
        } else if (m_phase == Phase::Waiting) {
            record.errorMessage = Tr::tr("cancelled while waiting to retry");
        } else {
            record.errorMessage = Tr::tr("cancelled after attempt %1").arg(m_attempts.size());
        }
    }
    // Whatever arrived before is not a result any more (ResponseRecord's guarantee).
    if (!record.body.isEmpty()) {
        record.partialBody = record.body;
        record.body.clear();
    }
    record.retryDelay.reset();
    record.retryReason.clear();
    return record;
}

void HttpCall::releaseSlot()
{
    if (m_context.limiter && m_ticket != 0) {
        m_context.limiter->release(m_ticket);
    }
    m_ticket = 0;
}

void HttpCall::finish(ResponseRecord record)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_phase = Phase::Done;
    m_waitTimer.stop();
    releaseSlot();
    record.attempts = m_attempts;
    m_result = std::move(record);
    // Always from the event loop: a caller may delete the call in its slot, and must not be
    // re-entered from inside its own start() or cancel().
    QMetaObject::invokeMethod(
        this, [this] { emit finished(m_result); }, Qt::QueuedConnection);
}

} // namespace Sb::Http
