// SPDX-License-Identifier: MIT
#include "http/ConcurrencyLimiter.h"

#include <algorithm>

namespace Sb::Http {

ConcurrencyLimiter::ConcurrencyLimiter(int defaultLimit, QObject *parent)
    : QObject(parent)
    , m_defaultLimit(std::max(defaultLimit, 1))
{}

ConcurrencyLimiter::~ConcurrencyLimiter()
{
    for (const TicketInfo &info : std::as_const(m_tickets)) {
        disconnect(info.contextWatch);
    }
}

ConcurrencyLimiter::Lane &ConcurrencyLimiter::lane(const QString &key)
{
    auto it = m_lanes.find(key);
    if (it == m_lanes.end()) {
        it = m_lanes.insert(key, Lane{m_defaultLimit, 0, {}});
    }
    return *it;
}

void ConcurrencyLimiter::setLimit(const QString &key, int limit)
{
    lane(key).limit = std::max(limit, 1);
    pump(key);
}

int ConcurrencyLimiter::limit(const QString &key) const
{
    const auto it = m_lanes.constFind(key);
    return it == m_lanes.constEnd() ? m_defaultLimit : it->limit;
}

ConcurrencyLimiter::Ticket ConcurrencyLimiter::acquire(const QString &key, QObject *context,
                                                       std::function<void()> onGranted)
{
    const Ticket ticket = m_next++;
    TicketInfo info;
    info.key = key;
    if (context) {
        // A holder that dies without releasing would leak its slot forever.
        info.contextWatch
            = connect(context, &QObject::destroyed, this, [this, ticket] { release(ticket); });
    }
    m_tickets.insert(ticket, info);
    lane(key).queue.push_back(Waiter{ticket, context, std::move(onGranted)});
    pump(key);
    return ticket;
}

void ConcurrencyLimiter::release(Ticket ticket)
{
    const auto it = m_tickets.find(ticket);
    if (it == m_tickets.end()) {
        return; // unknown or already released: exactly-once by construction
    }
    const QString key = it->key;
    const State state = it->state;
    disconnect(it->contextWatch);
    m_tickets.erase(it);

    Lane &l = lane(key);
    if (state == State::Granted) {
        --l.inFlight;
        Q_ASSERT(l.inFlight >= 0);
    } else {
        const auto pos = std::find_if(l.queue.begin(), l.queue.end(),
                                      [ticket](const Waiter &w) { return w.ticket == ticket; });
        if (pos != l.queue.end()) {
            l.queue.erase(pos);
        }
    }
    pump(key);
}

void ConcurrencyLimiter::pump(const QString &key)
{
    Lane &l = lane(key);
    while (l.inFlight < l.limit && !l.queue.empty()) {
        Waiter waiter = std::move(l.queue.front());
        l.queue.pop_front();
        const auto info = m_tickets.find(waiter.ticket);
        if (info == m_tickets.end()) {
            continue;
        }
        info->state = State::Granted;
        ++l.inFlight;
        QObject *target = waiter.context ? waiter.context.data() : this;
        // Delivered from the event loop, so acquire() has returned the ticket before the
        // callback runs; dropped if the ticket was released in the meantime.
        QMetaObject::invokeMethod(
            target,
            [self = QPointer<ConcurrencyLimiter>(this), ticket = waiter.ticket,
             callback = std::move(waiter.onGranted)] {
                if (!self) {
                    return;
                }
                const auto found = self->m_tickets.constFind(ticket);
                if (found != self->m_tickets.constEnd() && found->state == State::Granted
                    && callback) {
                    callback();
                }
            },
            Qt::QueuedConnection);
    }
}

int ConcurrencyLimiter::inFlight(const QString &key) const
{
    const auto it = m_lanes.constFind(key);
    return it == m_lanes.constEnd() ? 0 : it->inFlight;
}

int ConcurrencyLimiter::queued(const QString &key) const
{
    const auto it = m_lanes.constFind(key);
    return it == m_lanes.constEnd() ? 0 : int(it->queue.size());
}

} // namespace Sb::Http
