// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>

namespace Sb::Core {

/** The one source of "now" for everything that judges or mints time-bound claims. */
class Clock
{
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual QDateTime now() const = 0;
    /** Seconds since the Unix epoch (a JWT NumericDate). */
    [[nodiscard]] qint64 nowSeconds() const { return now().toSecsSinceEpoch(); }
};

/** The system's UTC wall clock. */
class SystemClock final : public Clock
{
public:
    [[nodiscard]] QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

/** A clock that stands still until told to move; for tests and the emulator's fault modes. */
class FakeClock final : public Clock
{
public:
    explicit FakeClock(QDateTime start = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC))
        : m_now(std::move(start))
    {}
    [[nodiscard]] QDateTime now() const override { return m_now; }
    void set(const QDateTime &when) { m_now = when; }
    void setSeconds(qint64 secondsSinceEpoch)
    {
        m_now = QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, Qt::UTC);
    }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now;
};

} // namespace Sb::Core
