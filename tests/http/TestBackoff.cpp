// SPDX-License-Identifier: MIT
// Backoff delays and the default retry rules (planRetry), as pure functions.
#include "http/Backoff.h"
#include "http/HttpCall.h"

#include <QTest>

#include <limits>

using namespace Sb;
using namespace std::chrono_literals;

namespace {

Http::RandomSource fixed(double value)
{
    return [value] { return value; };
}

Http::AttemptRecord status(int code, QByteArray retryAfter = {})
{
    Http::AttemptRecord record;
    record.status = code;
    if (!retryAfter.isNull()) {
        record.headers.append({"Retry-After", retryAfter});
    }
    return record;
}

Http::AttemptRecord failure(Http::ErrorKind kind)
{
    Http::AttemptRecord record;
    record.error = kind;
    return record;
}

} // namespace

class TestBackoff final : public QObject
{
    Q_OBJECT

private slots:
    void exponentialWithoutJitterIsCapped()
    {
        Http::BackoffPolicy policy; // 500 ms base, 30 s cap
        policy.jitter = Http::Jitter::None;
        const QList<qint64> expected{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (int attempt = 1; attempt <= expected.size(); ++attempt) {
            QCOMPARE(Http::backoffDelay(policy, attempt, fixed(0.5)).count(),
                     expected.at(attempt - 1));
        }
        QCOMPARE(Http::backoffDelay(policy, 1'000'000, fixed(0.5)), 30s); // no overflow
        QCOMPARE(Http::backoffDelay(policy, 0, fixed(0.5)), 500ms);
        QCOMPARE(Http::backoffDelay(policy, -3, fixed(0.5)), 500ms);
    }

    void fullJitterIsUniformBelowTheExponential()
    {
        Http::BackoffPolicy policy;
        policy.jitter = Http::Jitter::Full;
        QCOMPARE(Http::backoffDelay(policy, 3, fixed(0.0)), 0ms);
        QCOMPARE(Http::backoffDelay(policy, 3, fixed(0.5)), 1000ms);
        QCOMPARE(Http::backoffDelay(policy, 3, fixed(0.9999)), 1999ms);
    }

    void equalJitterKeepsHalf()
    {
        Http::BackoffPolicy policy;
        policy.jitter = Http::Jitter::Equal;
        QCOMPARE(Http::backoffDelay(policy, 3, fixed(0.0)), 1000ms);
        QCOMPARE(Http::backoffDelay(policy, 3, fixed(0.5)), 1500ms);
        QCOMPARE(Http::backoffDelay(policy, 3, fixed(0.9999)), 1999ms);
    }

    void hostileRandomSourcesAreClamped()
    {
        Http::BackoffPolicy policy;
        policy.jitter = Http::Jitter::Full;
        QCOMPARE(Http::backoffDelay(policy, 3, fixed(-4.0)), 0ms);
        QCOMPARE(Http::backoffDelay(policy, 3, fixed(7.0)), 2000ms);
        QCOMPARE(Http::backoffDelay(policy, 3, fixed(std::numeric_limits<double>::quiet_NaN())),
                 0ms);
        QCOMPARE(Http::backoffDelay(policy, 3, Http::RandomSource{}), 0ms);
    }

    void baseAboveCapIsTheCap()
    {
        Http::BackoffPolicy policy;
        policy.base = 10s;
        policy.cap = 2s;
        policy.jitter = Http::Jitter::None;
        QCOMPARE(Http::backoffDelay(policy, 1, fixed(0.5)), 2s);
    }

    void systemRandomIsInRange()
    {
        const Http::RandomSource random = Http::systemRandom();
        for (int i = 0; i < 1000; ++i) {
            const double r = random();
            QVERIFY(r >= 0.0 && r < 1.0);
        }
    }

    void planRetryRules_data()
    {
        QTest::addColumn<Http::AttemptRecord>("last");
        QTest::addColumn<bool>("safe");
        QTest::addColumn<bool>("retry");
        QTest::newRow("429 unsafe: refused unprocessed") << status(429) << false << true;
        QTest::newRow("429 safe") << status(429) << true << true;
        QTest::newRow("503 unsafe") << status(503) << false << false;
        QTest::newRow("503 safe") << status(503) << true << true;
        QTest::newRow("502 safe") << status(502) << true << true;
        QTest::newRow("504 safe") << status(504) << true << true;
        QTest::newRow("500 safe") << status(500) << true << false;
        QTest::newRow("200") << status(200) << true << false;
        QTest::newRow("401 (re-mint is the caller's)") << status(401) << true << false;
        QTest::newRow("404") << status(404) << true << false;
        QTest::newRow("timeout safe") << failure(Http::ErrorKind::Timeout) << true << true;
        QTest::newRow("timeout unsafe") << failure(Http::ErrorKind::Timeout) << false << false;
        QTest::newRow("transfer timeout safe")
            << failure(Http::ErrorKind::TransferTimeout) << true << true;
        QTest::newRow("refused safe")
            << failure(Http::ErrorKind::ConnectionRefused) << true << true;
        QTest::newRow("truncated safe") << failure(Http::ErrorKind::Truncated) << true << true;
        QTest::newRow("truncated unsafe") << failure(Http::ErrorKind::Truncated) << false << false;
        QTest::newRow("remote closed safe")
            << failure(Http::ErrorKind::RemoteClosed) << true << true;
        QTest::newRow("cancelled") << failure(Http::ErrorKind::Cancelled) << true << false;
        QTest::newRow("host not found: no storm")
            << failure(Http::ErrorKind::HostNotFound) << true << false;
        QTest::newRow("tls") << failure(Http::ErrorKind::Tls) << true << false;
        QTest::newRow("too large") << failure(Http::ErrorKind::TooLarge) << true << false;
        QTest::newRow("redirect") << failure(Http::ErrorKind::Redirect) << true << false;
        QTest::newRow("decompression") << failure(Http::ErrorKind::Decompression) << true << false;
        QTest::newRow("invalid request")
            << failure(Http::ErrorKind::InvalidRequest) << true << false;
        QTest::newRow("other") << failure(Http::ErrorKind::Other) << true << false;
    }

    void planRetryRules()
    {
        QFETCH(Http::AttemptRecord, last);
        QFETCH(bool, safe);
        QFETCH(bool, retry);
        const Core::FakeClock clock;
        Http::BackoffPolicy policy;
        const Http::RetryDecision decision
            = Http::planRetry(policy, 1, last, safe, clock, fixed(0.5));
        QCOMPARE(decision.retry, retry);
        QVERIFY(!decision.reason.isEmpty());
        if (retry) {
            QVERIFY(decision.delay >= 0ms && decision.delay <= policy.cap);
        }
    }

    void planRetryStopsAtMaxAttempts()
    {
        const Core::FakeClock clock;
        Http::BackoffPolicy policy;
        policy.maxAttempts = 3;
        QVERIFY(Http::planRetry(policy, 2, status(429), true, clock, fixed(0.5)).retry);
        QVERIFY(!Http::planRetry(policy, 3, status(429), true, clock, fixed(0.5)).retry);
        policy.maxAttempts = 1;
        QVERIFY(!Http::planRetry(policy, 1, status(429), true, clock, fixed(0.5)).retry);
    }

    void retryAfterWinsOverBackoff()
    {
        const Core::FakeClock clock;
        Http::BackoffPolicy policy;
        policy.jitter = Http::Jitter::None;
        auto d = Http::planRetry(policy, 1, status(429, "7"), false, clock, fixed(0.5));
        QVERIFY(d.retry);
        QCOMPARE(d.delay, 7s);
        QVERIFY(d.reason.contains(QLatin1String("Retry-After")));
        d = Http::planRetry(policy, 1, status(503, "Tue, 14 Nov 2023 22:14:20 GMT"), true, clock,
                            fixed(0.5));
        QCOMPARE(d.delay, 60s);
        d = Http::planRetry(policy, 1, status(429, "99999999999"), true, clock, fixed(0.5));
        QCOMPARE(d.delay, 300s);
        d = Http::planRetry(policy, 2, status(429, "-5"), true, clock, fixed(0.5));
        QCOMPARE(d.delay, 1000ms); // ignored: backoff for attempt 2
        QVERIFY(d.reason.contains(QLatin1String("backing off")));
    }

    void plannerAndPolicyBindTheirInputs()
    {
        const Core::FakeClock clock;
        Http::BackoffPolicy policy;
        policy.maxAttempts = 4;
        policy.jitter = Http::Jitter::None;
        const Http::ShouldRetry planner = Http::makeRetryPlanner(policy, false, clock, fixed(0.3));
        QVERIFY(planner(1, status(429)).retry);
        QVERIFY(!planner(1, status(503)).retry);
        const Http::RetryPolicy retry = Http::RetryPolicy::planned(policy, true, clock);
        QCOMPARE(retry.maxAttempts, 4);
        QVERIFY(retry.shouldRetry(1, status(503)).retry);
        QCOMPARE(Http::RetryPolicy::none().maxAttempts, 1);
        QVERIFY(!Http::RetryPolicy::none().shouldRetry);
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "TestBackoff.moc"
