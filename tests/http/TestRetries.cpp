// SPDX-License-Identifier: MIT
// The retrying executor against a 429/503 storm (security doc S10, §5 "429 storm"): bounded
// attempts, clamped waits, a waiting() event before each wait, cancellable waits.
#include "http/HttpCall.h"

#include <QTest>

#include "CallRunner.h"
#include "FaultServer.h"

using namespace Sb;
using namespace std::chrono_literals;
using SbTest::FaultServer;
using SbTest::Outcome;

namespace {

QByteArray imfFixdate(const QDateTime &when)
{
    return QLocale::c()
        .toString(when.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

} // namespace

class TestRetries final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FaultServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_manager;
    Core::FakeClock m_clock;

    /** Small clamps so the storm runs in milliseconds (the production clamp is [1 s, 300 s]). */
    static Http::BackoffPolicy fastPolicy()
    {
        Http::BackoffPolicy policy;
        policy.base = 20ms;
        policy.cap = 100ms;
        policy.maxAttempts = 3;
        policy.jitter = Http::Jitter::None;
        policy.retryAfter = {50ms, 200ms};
        return policy;
    }

    Http::CallContext context() const
    {
        Http::CallContext ctx(Http::Transport{*m_manager});
        ctx.clock = &m_clock;
        return ctx;
    }

    Http::Request get() const
    {
        Http::Request r;
        r.url = m_server->url(QStringLiteral("/storm"));
        return r;
    }

    void answerAlways(int status, QByteArray retryAfter)
    {
        m_server->setHandler(
            [this, status, retryAfter](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
                QList<std::pair<QByteArray, QByteArray>> headers;
                if (!retryAfter.isNull()) {
                    headers.append({"Retry-After", retryAfter});
                }
                m_server->respond(socket, status, "slow down", headers);
            });
    }

private slots:
    void init()
    {
        m_server = std::make_unique<FaultServer>();
        QVERIFY(m_server->listen());
        m_manager = Http::makeNetworkAccessManager();
    }

    void cleanup()
    {
        m_manager.reset();
        m_server.reset();
    }

    void tooManyRequestsStormIsBoundedAndClamped_data()
    {
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<qint64>("firstWait");
        QTest::addColumn<qint64>("secondWait");
        const QDateTime now = Core::FakeClock().now();
        // Clamp [50 ms, 200 ms]; backoff 20 ms, 40 ms (no jitter).
        QTest::newRow("0 -> min") << QByteArray("0") << qint64(50) << qint64(50);
        QTest::newRow("-5 ignored -> backoff") << QByteArray("-5") << qint64(20) << qint64(40);
        QTest::newRow("huge -> max") << QByteArray("99999999999") << qint64(200) << qint64(200);
        QTest::newRow("1 s -> max") << QByteArray("1") << qint64(200) << qint64(200);
        QTest::newRow("garbage -> backoff") << QByteArray("soon") << qint64(20) << qint64(40);
        QTest::newRow("no header -> backoff") << QByteArray() << qint64(20) << qint64(40);
        QTest::newRow("date in 2099 -> max")
            << imfFixdate(QDateTime(QDate(2099, 1, 1), QTime(0, 0), Qt::UTC)) << qint64(200)
            << qint64(200);
        QTest::newRow("date 2 min ahead -> max")
            << imfFixdate(now.addSecs(120)) << qint64(200) << qint64(200);
        QTest::newRow("date in the past -> min")
            << imfFixdate(now.addSecs(-3600)) << qint64(50) << qint64(50);
    }

    void tooManyRequestsStormIsBoundedAndClamped()
    {
        QFETCH(QByteArray, retryAfter);
        QFETCH(qint64, firstWait);
        QFETCH(qint64, secondWait);
        answerAlways(429, retryAfter);
        // A 429 is retried even for a request that is not safe to repeat (RFC 6585 §4).
        Http::HttpCall call(context(), get(),
                            Http::RetryPolicy::planned(fastPolicy(), false, m_clock));
        Outcome out;
        SbTest::runCall(call, out, 10000);
        QVERIFY(!out.testTimedOut);
        QCOMPARE(m_server->requests().size(), 3);
        QCOMPARE(out.record.attemptCount(), 3);
        QCOMPARE(out.record.status, 429);
        QCOMPARE(out.record.error, Http::ErrorKind::None);
        QCOMPARE(out.record.body, QByteArray("slow down"));
        QCOMPARE(out.waits.size(), 2);
        QCOMPARE(out.waits.at(0).attempt, 1);
        QCOMPARE(out.waits.at(1).attempt, 2);
        QCOMPARE(out.waits.at(0).delay.count(), firstWait);
        QCOMPARE(out.waits.at(1).delay.count(), secondWait);
        QVERIFY(!out.waits.at(0).reason.isEmpty());
        QCOMPARE(out.record.attempts.at(0).retryDelay.value_or(-1ms).count(), firstWait);
        QVERIFY(!out.record.attempts.at(2).retryDelay.has_value());
        QVERIFY(out.elapsedMs >= firstWait + secondWait - 5);
        QVERIFY2(out.elapsedMs < firstWait + secondWait + 2000,
                 qPrintable(QString::number(out.elapsedMs)));
        QTest::qWait(30);
        QCOMPARE(out.finishedCount, 1);
    }

    void serviceUnavailableIsRetriedOnlyWhenSafe()
    {
        answerAlways(503, "0");
        {
            Http::HttpCall call(context(), get(),
                                Http::RetryPolicy::planned(fastPolicy(), false, m_clock));
            Outcome out;
            SbTest::runCall(call, out, 5000);
            QCOMPARE(out.record.attemptCount(), 1);
            QCOMPARE(out.waits.size(), 0);
            QCOMPARE(out.record.status, 503);
        }
        {
            Http::HttpCall call(context(), get(),
                                Http::RetryPolicy::planned(fastPolicy(), true, m_clock));
            Outcome out;
            SbTest::runCall(call, out, 5000);
            QCOMPARE(out.record.attemptCount(), 3);
            QCOMPARE(out.waits.size(), 2);
        }
        QCOMPARE(m_server->requests().size(), 4);
    }

    void retriesRecoverAndKeepEveryAttempt()
    {
        m_server->setHandler([this](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            if (m_server->requests().size() < 3) {
                m_server->respond(socket, 503, "busy", {{"Retry-After", "0"}});
            } else {
                m_server->respond(socket, 200, "done");
            }
        });
        Http::HttpCall call(context(), get(),
                            Http::RetryPolicy::planned(fastPolicy(), true, m_clock));
        QList<int> started;
        connect(&call, &Http::HttpCall::attemptStarted, this,
                [&started](int attempt) { started.append(attempt); });
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.error, Http::ErrorKind::None);
        QCOMPARE(out.record.status, 200);
        QCOMPARE(out.record.body, QByteArray("done"));
        QCOMPARE(out.record.attempt, 3);
        QCOMPARE(out.record.attemptCount(), 3);
        QCOMPARE(out.record.attempts.at(0).status, 503);
        QCOMPARE(out.record.attempts.at(1).status, 503);
        QCOMPARE(out.record.attempts.at(2).status, 200);
        QCOMPARE(started, (QList<int>{1, 2, 3}));
    }

    void policyCallbackCannotExceedMaxAttempts()
    {
        answerAlways(500, {});
        Http::RetryPolicy policy;
        policy.maxAttempts = 4;
        int asked = 0;
        policy.shouldRetry = [&asked](int, const Http::AttemptRecord &) {
            ++asked;
            return Http::RetryDecision{true, 1ms, QStringLiteral("always")};
        };
        Http::HttpCall call(context(), get(), policy);
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.attemptCount(), 4);
        QCOMPARE(asked, 3); // not asked after the last allowed attempt
        QCOMPARE(m_server->requests().size(), 4);
    }

    void absurdMaxAttemptsIsClampedToTen()
    {
        answerAlways(500, {});
        Http::RetryPolicy policy;
        policy.maxAttempts = 1000;
        policy.shouldRetry = [](int, const Http::AttemptRecord &) {
            return Http::RetryDecision{true, 0ms, QStringLiteral("always")};
        };
        Http::HttpCall call(context(), get(), policy);
        Outcome out;
        SbTest::runCall(call, out, 10000);
        QCOMPARE(out.record.attemptCount(), 10);
    }

    void cancelDuringAWaitStopsPromptly()
    {
        answerAlways(429, "5");
        Http::BackoffPolicy policy = fastPolicy();
        policy.retryAfter = {1s, 10s};
        Http::HttpCall call(context(), get(), Http::RetryPolicy::planned(policy, true, m_clock));
        connect(&call, &Http::HttpCall::waiting, this,
                [&call] { QTimer::singleShot(50, &call, [&call] { call.cancel(); }); });
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.error, Http::ErrorKind::Cancelled);
        QCOMPARE(out.waits.size(), 1);
        QCOMPARE(out.waits.first().delay, 5000ms);
        QVERIFY2(out.elapsedMs < 1000, qPrintable(QString::number(out.elapsedMs)));
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(out.record.status, 429); // what the last attempt saw
        QVERIFY(out.record.body.isEmpty());
        QCOMPARE(out.record.partialBody, QByteArray("slow down"));
        QCOMPARE(out.record.attemptCount(), 1);
        QTest::qWait(50);
        QCOMPARE(out.finishedCount, 1);
    }

    void cancelFromInsideTheWaitingSignal()
    {
        answerAlways(429, "0");
        Http::HttpCall call(context(), get(),
                            Http::RetryPolicy::planned(fastPolicy(), true, m_clock));
        connect(&call, &Http::HttpCall::waiting, this, [&call] { call.cancel(); });
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.error, Http::ErrorKind::Cancelled);
        QTest::qWait(150);
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(out.finishedCount, 1);
    }

    void cancelFromAttemptFinishedStopsBeforeTheNextAttempt()
    {
        answerAlways(503, "0");
        Http::HttpCall call(context(), get(),
                            Http::RetryPolicy::planned(fastPolicy(), true, m_clock));
        connect(&call, &Http::HttpCall::attemptFinished, this, [&call] { call.cancel(); });
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.error, Http::ErrorKind::Cancelled);
        QCOMPARE(out.record.errorMessage, QStringLiteral("cancelled after attempt 1"));
        QCOMPARE(out.waits.size(), 0);
        QTest::qWait(100);
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(out.finishedCount, 1);
    }

    void signalsWorkOverQueuedConnections()
    {
        // A GUI may connect across threads; the value types must survive a queued connection.
        answerAlways(429, "0");
        Http::HttpCall call(context(), get(),
                            Http::RetryPolicy::planned(fastPolicy(), true, m_clock));
        QList<qint64> delays;
        Http::ResponseRecord final;
        connect(
            &call, &Http::HttpCall::waiting, this,
            [&delays](int, std::chrono::milliseconds delay, const QString &) {
                delays.append(delay.count());
            },
            Qt::QueuedConnection);
        connect(
            &call, &Http::HttpCall::finished, this,
            [&final](const Http::ResponseRecord &record) { final = record; }, Qt::QueuedConnection);
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(final.attemptCount(), 3, 1000);
        QCOMPARE(delays, (QList<qint64>{50, 50}));
        QCOMPARE(final.status, 429);
    }

    void cancelDuringARetriedTransfer()
    {
        // Attempt 1 gets a 503; attempt 2 hangs and is cancelled: Cancelled, not a timeout.
        m_server->setHandler([this](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            if (m_server->requests().size() == 1) {
                m_server->respond(socket, 503, {}, {{"Retry-After", "0"}});
            }
        });
        Http::HttpCall call(context(), get(),
                            Http::RetryPolicy::planned(fastPolicy(), true, m_clock));
        connect(&call, &Http::HttpCall::attemptStarted, this, [&call](int attempt) {
            if (attempt == 2) {
                QTimer::singleShot(100, &call, [&call] { call.cancel(); });
            }
        });
        Outcome out;
        SbTest::runCall(call, out, 5000);
        QCOMPARE(out.record.error, Http::ErrorKind::Cancelled);
        QCOMPARE(out.record.attemptCount(), 2);
        QCOMPARE(out.record.attempts.at(0).status, 503);
        QCOMPARE(out.record.attempts.at(1).error, Http::ErrorKind::Cancelled);
    }

    void transportErrorsAreRetriedOnlyWhenSafe()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        Http::Request r;
        r.url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port));
        for (const bool safe : {false, true}) {
            Http::HttpCall call(context(), r,
                                Http::RetryPolicy::planned(fastPolicy(), safe, m_clock));
            Outcome out;
            SbTest::runCall(call, out, 5000);
            QCOMPARE(out.record.error, Http::ErrorKind::ConnectionRefused);
            QCOMPARE(out.record.attemptCount(), safe ? 3 : 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestRetries)
#include "TestRetries.moc"
