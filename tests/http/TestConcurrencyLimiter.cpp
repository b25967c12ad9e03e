// SPDX-License-Identifier: MIT
// Per-key concurrency (security doc S10: requests queued for one account never exceed its
// limit): FIFO, cancellation-safe, a slot released exactly once.
#include "http/ConcurrencyLimiter.h"
#include "http/HttpCall.h"

#include <QTest>

#include "CallRunner.h"
#include "FaultServer.h"

using namespace Sb;
using namespace std::chrono_literals;
using SbTest::FaultServer;

class TestConcurrencyLimiter final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FaultServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_manager;

    /** Answers every request after @p delayMs, so requests overlap at the server. */
    void answerAfter(int delayMs)
    {
        m_server->setHandler([this, delayMs](QTcpSocket *socket, const SbTest::ReceivedRequest &) {
            QPointer<QTcpSocket> s(socket);
            QTimer::singleShot(delayMs, socket, [this, s] { m_server->respond(s, 200, "ok"); });
        });
    }

    Http::Request get(int i) const
    {
        Http::Request r;
        r.url = m_server->url(QStringLiteral("/r%1").arg(i));
        return r;
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

    void grantsAreFifoAndNeverSynchronous()
    {
        Http::ConcurrencyLimiter limiter(1);
        QObject context;
        QList<int> order;
        QList<Http::ConcurrencyLimiter::Ticket> tickets;
        for (int i = 0; i < 5; ++i) {
            tickets.append(limiter.acquire(QStringLiteral("acct"), &context,
                                           [&order, i] { order.append(i); }));
        }
        QVERIFY(order.isEmpty()); // never from inside acquire()
        QCOMPARE(limiter.inFlight(QStringLiteral("acct")), 1);
        QCOMPARE(limiter.queued(QStringLiteral("acct")), 4);
        for (int i = 0; i < 5; ++i) {
            QTRY_COMPARE_WITH_TIMEOUT(order.size(), i + 1, 1000);
            QCOMPARE(order.last(), i);
            limiter.release(tickets.at(i));
        }
        QCOMPARE(limiter.inFlight(QStringLiteral("acct")), 0);
        QCOMPARE(limiter.queued(QStringLiteral("acct")), 0);
    }

    void releaseIsIdempotentAndQueuedTicketsLeave()
    {
        Http::ConcurrencyLimiter limiter(1);
        QObject context;
        int grantedB = 0;
        int grantedC = 0;
        const auto a = limiter.acquire(QStringLiteral("k"), &context, [] {});
        const auto b = limiter.acquire(QStringLiteral("k"), &context, [&grantedB] { ++grantedB; });
        const auto c = limiter.acquire(QStringLiteral("k"), &context, [&grantedC] { ++grantedC; });
        limiter.release(b); // a queued ticket leaves the queue
        QCOMPARE(limiter.queued(QStringLiteral("k")), 1);
        limiter.release(a);
        limiter.release(a);                                 // twice: no effect
        limiter.release(b);                                 // unknown by now: no effect
        limiter.release(987654);                            // never issued: no effect
        QCOMPARE(limiter.inFlight(QStringLiteral("k")), 1); // c holds it, counted once
        QTRY_COMPARE_WITH_TIMEOUT(grantedC, 1, 1000);
        QCOMPARE(grantedB, 0);
        limiter.release(c);
        QCOMPARE(limiter.inFlight(QStringLiteral("k")), 0);
    }

    void releaseBeforeDeliveryDropsTheCallback()
    {
        Http::ConcurrencyLimiter limiter(1);
        QObject context;
        int granted = 0;
        const auto t = limiter.acquire(QStringLiteral("k"), &context, [&granted] { ++granted; });
        limiter.release(t);
        QTest::qWait(20);
        QCOMPARE(granted, 0);
        QCOMPARE(limiter.inFlight(QStringLiteral("k")), 0);
    }

    void aDeadContextGivesItsSlotBack()
    {
        Http::ConcurrencyLimiter limiter(1);
        int granted = 0;
        auto holder = std::make_unique<QObject>();
        QObject waiter;
        limiter.acquire(QStringLiteral("k"), holder.get(), [] {});
        limiter.acquire(QStringLiteral("k"), &waiter, [&granted] { ++granted; });
        QTest::qWait(10);
        QCOMPARE(granted, 0);
        holder.reset();
        QTRY_COMPARE_WITH_TIMEOUT(granted, 1, 1000);
        QCOMPARE(limiter.inFlight(QStringLiteral("k")), 1);
    }

    void keysAreIndependent()
    {
        Http::ConcurrencyLimiter limiter(1);
        limiter.setLimit(QStringLiteral("b"), 2);
        QCOMPARE(limiter.limit(QStringLiteral("a")), 1);
        QCOMPARE(limiter.limit(QStringLiteral("b")), 2);
        QObject context;
        int grantedB = 0;
        limiter.acquire(QStringLiteral("a"), &context, [] {});
        limiter.acquire(QStringLiteral("a"), &context, [] {});
        limiter.acquire(QStringLiteral("b"), &context, [&grantedB] { ++grantedB; });
        limiter.acquire(QStringLiteral("b"), &context, [&grantedB] { ++grantedB; });
        QTRY_COMPARE_WITH_TIMEOUT(grantedB, 2, 1000);
        QCOMPARE(limiter.queued(QStringLiteral("a")), 1);
    }

    void twoHundredRequestsNeverExceedFiveInFlight()
    {
        answerAfter(5);
        Http::ConcurrencyLimiter limiter(5);
        Http::CallContext context(Http::Transport{*m_manager});
        context.limiter = &limiter;
        context.limiterKey = QStringLiteral("acct-1234567");
        std::vector<std::unique_ptr<Http::HttpCall>> calls;
        std::vector<SbTest::Outcome> outcomes(200);
        int finished = 0;
        int maxInFlightSeen = 0;
        for (int i = 0; i < 200; ++i) {
            calls.push_back(std::make_unique<Http::HttpCall>(context, get(i)));
            SbTest::observe(*calls.back(), outcomes[std::size_t(i)]);
            connect(calls.back().get(), &Http::HttpCall::finished, this,
                    [&finished] { ++finished; });
            connect(calls.back().get(), &Http::HttpCall::attemptStarted, this, [&] {
                maxInFlightSeen = std::max(maxInFlightSeen, limiter.inFlight(context.limiterKey));
            });
        }
        for (auto &call : calls) {
            call->start();
        }
        QCOMPARE(limiter.queued(context.limiterKey), 195);
        QTRY_COMPARE_WITH_TIMEOUT(finished, 200, 30000);
        for (const auto &out : outcomes) {
            QCOMPARE(out.finishedCount, 1);
            QCOMPARE(out.record.status, 200);
            QVERIFY(out.record.timings.started >= 0ms);
        }
        QCOMPARE(m_server->requests().size(), 200);
        QVERIFY2(m_server->maxInFlight() <= 5,
                 qPrintable(QString::number(m_server->maxInFlight())));
        QCOMPARE(m_server->maxInFlight(), 5); // and the limit is actually used
        QCOMPARE(maxInFlightSeen, 5);
        QCOMPARE(limiter.inFlight(context.limiterKey), 0);
        QCOMPARE(limiter.queued(context.limiterKey), 0);
        // The last requests waited in the queue, and their timings say so.
        QVERIFY(outcomes.back().record.timings.started > 0ms);
    }

    void cancelledQueuedCallsLeaveTheQueue()
    {
        answerAfter(5);
        Http::ConcurrencyLimiter limiter(5);
        Http::CallContext context(Http::Transport{*m_manager});
        context.limiter = &limiter;
        context.limiterKey = QStringLiteral("acct");
        std::vector<std::unique_ptr<Http::HttpCall>> calls;
        std::vector<SbTest::Outcome> outcomes(100);
        int finished = 0;
        for (int i = 0; i < 100; ++i) {
            calls.push_back(std::make_unique<Http::HttpCall>(context, get(i)));
            SbTest::observe(*calls.back(), outcomes[std::size_t(i)]);
            connect(calls.back().get(), &Http::HttpCall::finished, this,
                    [&finished] { ++finished; });
            calls.back()->start();
        }
        for (int i = 10; i < 100; i += 10) {
            calls[std::size_t(i)]->cancel(); // still queued: 5 run, 95 wait
        }
        QCOMPARE(limiter.queued(context.limiterKey), 95 - 9);
        QTRY_COMPARE_WITH_TIMEOUT(finished, 100, 30000);
        int cancelled = 0;
        for (const auto &out : outcomes) {
            QCOMPARE(out.finishedCount, 1);
            if (out.record.error == Http::ErrorKind::Cancelled) {
                ++cancelled;
                QCOMPARE(out.record.attemptCount(), 0);
            } else {
                QCOMPARE(out.record.status, 200);
            }
        }
        QCOMPARE(cancelled, 9);
        QCOMPARE(m_server->requests().size(), 91);
        QVERIFY(m_server->maxInFlight() <= 5);
        QCOMPARE(limiter.inFlight(context.limiterKey), 0);
        QCOMPARE(limiter.queued(context.limiterKey), 0);
    }

    void cancellingTheSlotHolderLetsTheNextOneIn()
    {
        m_server->setHandler([](QTcpSocket *, const SbTest::ReceivedRequest &) {}); // hang
        Http::ConcurrencyLimiter limiter(1);
        Http::CallContext context(Http::Transport{*m_manager});
        context.limiter = &limiter;
        context.limiterKey = QStringLiteral("acct");
        Http::HttpCall first(context, get(1));
        Http::HttpCall second(context, get(2));
        SbTest::Outcome firstOut;
        SbTest::observe(first, firstOut);
        first.start();
        second.start();
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 1, 5000);
        QCOMPARE(limiter.queued(context.limiterKey), 1);
        first.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 2, 5000);
        QCOMPARE(limiter.inFlight(context.limiterKey), 1);
        QTRY_COMPARE_WITH_TIMEOUT(firstOut.finishedCount, 1, 1000);
        QCOMPARE(firstOut.record.error, Http::ErrorKind::Cancelled);
        second.cancel();
        QCOMPARE(limiter.inFlight(context.limiterKey), 0);
    }

    void destroyedCallsReleaseTheirSlots()
    {
        m_server->setHandler([](QTcpSocket *, const SbTest::ReceivedRequest &) {}); // hang
        Http::ConcurrencyLimiter limiter(2);
        Http::CallContext context(Http::Transport{*m_manager});
        context.limiter = &limiter;
        {
            Http::HttpCall a(context, get(1));
            Http::HttpCall b(context, get(2));
            Http::HttpCall c(context, get(3));
            a.start();
            b.start();
            c.start();
            QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 2, 5000);
            QCOMPARE(limiter.queued(QString()), 1);
        }
        QCOMPARE(limiter.inFlight(QString()), 0);
        QCOMPARE(limiter.queued(QString()), 0);
    }

    void qtItselfCapsAHostAtSixConnections()
    {
        // The documented constant: with no limiter, Qt still runs at most 6 at once (HTTP/1.1).
        QCOMPARE(Http::maxHttp1ConnectionsPerHost, 6);
        answerAfter(40);
        Http::CallContext context(Http::Transport{*m_manager});
        std::vector<std::unique_ptr<Http::HttpCall>> calls;
        int finished = 0;
        for (int i = 0; i < 24; ++i) {
            calls.push_back(std::make_unique<Http::HttpCall>(context, get(i)));
            connect(calls.back().get(), &Http::HttpCall::finished, this,
                    [&finished] { ++finished; });
            calls.back()->start();
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished, 24, 20000);
        QCOMPARE(m_server->maxInFlight(), Http::maxHttp1ConnectionsPerHost);
        QVERIFY(m_server->connectionCount() <= Http::maxHttp1ConnectionsPerHost);
    }
};

QTEST_GUILESS_MAIN(TestConcurrencyLimiter)
#include "TestConcurrencyLimiter.moc"
