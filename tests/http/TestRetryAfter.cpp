// SPDX-License-Identifier: MIT
// parseRetryAfter(): RFC 9110 §10.2.3 (delay-seconds or HTTP-date, §5.6.7 for the three date
// forms), clamped per security doc S10.
#include "http/RetryAfter.h"

#include <QTest>

using namespace Sb;
using namespace std::chrono_literals;

using OptionalMs = std::optional<std::chrono::milliseconds>;
Q_DECLARE_METATYPE(OptionalMs)

class TestRetryAfter final : public QObject
{
    Q_OBJECT

private slots:
    void table_data()
    {
        // The fake clock stands at 1'700'000'000 = Tue, 14 Nov 2023 22:13:20 GMT.
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<OptionalMs>("expected");
        const OptionalMs none = std::nullopt;
        // delay-seconds = 1*DIGIT (RFC 9110 §10.2.3)
        QTest::newRow("120 s") << QByteArray("120") << OptionalMs(120s);
        QTest::newRow("0 -> min 1 s") << QByteArray("0") << OptionalMs(1s);
        QTest::newRow("leading zeros") << QByteArray("007") << OptionalMs(7s);
        QTest::newRow("OWS around") << QByteArray(" \t5 ") << OptionalMs(5s);
        QTest::newRow("300 = max") << QByteArray("300") << OptionalMs(300s);
        QTest::newRow("301 -> max") << QByteArray("301") << OptionalMs(300s);
        QTest::newRow("99999999999 -> max") << QByteArray("99999999999") << OptionalMs(300s);
        QTest::newRow("40 digits, no overflow")
            << QByteArray("9999999999999999999999999999999999999999") << OptionalMs(300s);
        QTest::newRow("negative ignored") << QByteArray("-5") << none;
        QTest::newRow("plus sign ignored") << QByteArray("+5") << none;
        QTest::newRow("fraction ignored") << QByteArray("1.5") << none;
        QTest::newRow("unit ignored") << QByteArray("5s") << none;
        QTest::newRow("inner space ignored") << QByteArray("1 0") << none;
        QTest::newRow("empty ignored") << QByteArray("") << none;
        QTest::newRow("blank ignored") << QByteArray("   ") << none;
        QTest::newRow("garbage ignored") << QByteArray("soon, please") << none;
        QTest::newRow("NUL ignored") << QByteArray("5\0", 2) << none;
        // IMF-fixdate (RFC 9110 §5.6.7), the preferred form
        QTest::newRow("IMF +60 s")
            << QByteArray("Tue, 14 Nov 2023 22:14:20 GMT") << OptionalMs(60s);
        QTest::newRow("IMF now -> min")
            << QByteArray("Tue, 14 Nov 2023 22:13:20 GMT") << OptionalMs(1s);
        QTest::newRow("IMF past (RFC example) -> min")
            << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << OptionalMs(1s);
        QTest::newRow("IMF 2099 -> max")
            << QByteArray("Thu, 01 Jan 2099 00:00:00 GMT") << OptionalMs(300s);
        QTest::newRow("IMF leap second")
            << QByteArray("Tue, 14 Nov 2023 22:14:60 GMT") << OptionalMs(99s);
        QTest::newRow("IMF lower-case names accepted")
            << QByteArray("tue, 14 nov 2023 22:14:20 GMT") << OptionalMs(60s);
        QTest::newRow("IMF 31 Feb ignored") << QByteArray("Thu, 31 Feb 2024 10:00:00 GMT") << none;
        QTest::newRow("IMF hour 25 ignored") << QByteArray("Tue, 14 Nov 2023 25:00:00 GMT") << none;
        QTest::newRow("IMF not GMT ignored") << QByteArray("Tue, 14 Nov 2023 22:14:20 UTC") << none;
        QTest::newRow("IMF offset ignored")
            << QByteArray("Tue, 14 Nov 2023 22:14:20 +0000") << none;
        QTest::newRow("IMF trailing garbage")
            << QByteArray("Tue, 14 Nov 2023 22:14:20 GMTx") << none;
        QTest::newRow("IMF one-digit day ignored")
            << QByteArray("Tue, 7 Nov 2023 22:14:20 GMT") << none;
        QTest::newRow("IMF bad month")
            << QByteArray("Tue, 14 Nov 2023 22:14:20 GMT").replace("Nov", "Nox") << none;
        // obsolete RFC 850 form; two-digit years at most 50 years ahead (RFC 9110 §5.6.7)
        QTest::newRow("RFC 850 +120 s")
            << QByteArray("Tuesday, 14-Nov-23 22:15:20 GMT") << OptionalMs(120s);
        QTest::newRow("RFC 850 RFC example 94 -> 1994 past")
            << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << OptionalMs(1s);
        QTest::newRow("RFC 850 70 -> 2070 future")
            << QByteArray("Thursday, 01-Jan-70 00:00:00 GMT") << OptionalMs(300s);
        QTest::newRow("RFC 850 short day name ignored")
            << QByteArray("Tue, 14-Nov-23 22:15:20 GMT") << none;
        // asctime form
        QTest::newRow("asctime +40 s") << QByteArray("Tue Nov 14 22:14:00 2023") << OptionalMs(40s);
        QTest::newRow("asctime RFC example (space-padded day)")
            << QByteArray("Sun Nov  6 08:49:37 1994") << OptionalMs(1s);
        QTest::newRow("asctime unpadded day ignored")
            << QByteArray("Sun Nov 6 08:49:37 1994") << none;
        QTest::newRow("asctime with GMT ignored")
            << QByteArray("Tue Nov 14 22:14:00 2023 GMT") << none;
    }

    void table()
    {
        QFETCH(QByteArray, value);
        QFETCH(OptionalMs, expected);
        const Core::FakeClock clock;
        const OptionalMs actual = Http::parseRetryAfter(value, clock);
        QCOMPARE(actual.has_value(), expected.has_value());
        if (expected) {
            QCOMPARE(actual->count(), expected->count());
        }
    }

    void customLimits()
    {
        const Core::FakeClock clock;
        const Http::RetryAfterLimits limits{10ms, 200ms};
        QCOMPARE(Http::parseRetryAfter("0", clock, limits), OptionalMs(10ms));
        QCOMPARE(Http::parseRetryAfter("1", clock, limits), OptionalMs(200ms));
        QCOMPARE(Http::parseRetryAfter("99999999999", clock, limits), OptionalMs(200ms));
        QCOMPARE(Http::parseRetryAfter("-1", clock, limits), OptionalMs());
        // Inverted limits: max is raised to min.
        QCOMPARE(Http::parseRetryAfter("0", clock, {5s, 1s}), OptionalMs(5s));
    }

    void dateIsMeasuredAgainstTheInjectedClock()
    {
        Core::FakeClock clock;
        const QByteArray date = "Tue, 14 Nov 2023 22:15:20 GMT"; // now + 120 s
        QCOMPARE(Http::parseRetryAfter(date, clock), OptionalMs(120s));
        clock.advance(100);
        QCOMPARE(Http::parseRetryAfter(date, clock), OptionalMs(20s));
        clock.advance(3600);
        QCOMPARE(Http::parseRetryAfter(date, clock), OptionalMs(1s));
    }
};

QTEST_GUILESS_MAIN(TestRetryAfter)
#include "TestRetryAfter.moc"
