// SPDX-License-Identifier: MIT
#include "core/Clock.h"

#include <QTest>

using namespace Sb;

class TestClock final : public QObject
{
    Q_OBJECT

private slots:
    void fakeClockStandsStillUntilMoved()
    {
        Core::FakeClock clock;
        QCOMPARE(clock.nowSeconds(), 1'700'000'000);
        QCOMPARE(clock.nowSeconds(), 1'700'000'000);
        clock.advance(301);
        QCOMPARE(clock.nowSeconds(), 1'700'000'301);
        clock.setSeconds(42);
        QCOMPARE(clock.now(), QDateTime::fromSecsSinceEpoch(42, Qt::UTC));
        QCOMPARE(clock.now().timeSpec(), Qt::UTC);
    }

    void systemClockIsUtcAndCurrent()
    {
        const Core::SystemClock clock;
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        const qint64 now = clock.nowSeconds();
        QVERIFY(now >= before && now <= before + 5);
        QCOMPARE(clock.now().timeSpec(), Qt::UTC);
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "TestClock.moc"
