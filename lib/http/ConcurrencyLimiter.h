// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <deque>
#include <functional>

namespace Sb::Http {

/**
 * Never lets more than N holders per key (e.g. per NetSuite account, which governs
 * concurrency per account) hold a slot at once; the rest wait in FIFO order.
 *
 * Guarantees:
 * - A grant is delivered from the event loop, never from inside acquire(), so the caller
 *   always has its ticket before its callback runs.
 * - release(ticket) is idempotent: a queued ticket leaves the queue, a granted ticket
 *   frees its slot exactly once, an unknown or already released ticket does nothing.
 * - If the context object dies, its ticket is released (queued or granted).
 * Does not: time out waiters, or know anything about HTTP. Single-threaded (one thread's
 * event loop).
 */
class ConcurrencyLimiter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConcurrencyLimiter)

public:
    using Ticket = quint64;

    /** @p defaultLimit applies to keys without their own setLimit(); clamped to >= 1. */
    explicit ConcurrencyLimiter(int defaultLimit, QObject *parent = nullptr);
    ~ConcurrencyLimiter() override;

    void setLimit(const QString &key, int limit);
    [[nodiscard]] int limit(const QString &key) const;

    /**
     * Asks for a slot under @p key; @p onGranted runs (in @p context's thread, from the
     * event loop) once it is this ticket's turn. Returns a ticket (never 0).
     */
    Ticket acquire(const QString &key, QObject *context, std::function<void()> onGranted);
    /** Leaves the queue or frees the slot; see the class comment. */
    void release(Ticket ticket);

    [[nodiscard]] int inFlight(const QString &key) const;
    [[nodiscard]] int queued(const QString &key) const;

private:
    struct Waiter
    {
        Ticket ticket = 0;
        QPointer<QObject> context;
        std::function<void()> onGranted;
    };
    struct Lane
    {
        int limit = 0;
        int inFlight = 0;
        std::deque<Waiter> queue;
    };
    enum class State { Queued, Granted };
    struct TicketInfo
    {
        QString key;
        State state = State::Queued;
        QMetaObject::Connection contextWatch;
    };

    void pump(const QString &key);
    Lane &lane(const QString &key);

    int m_defaultLimit;
    Ticket m_next = 1;
    QHash<QString, Lane> m_lanes;
    QHash<Ticket, TicketInfo> m_tickets;
};

} // namespace Sb::Http
