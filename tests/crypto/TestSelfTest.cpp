// SPDX-License-Identifier: MIT
// The start-up known-answer test (style.md c.7 item 5) passes on this platform, quickly, and
// also once the secure heap is in place (the order the app uses).
#include "crypto/Jws.h"
#include "crypto/Keys.h"
#include "support/ResultTesting.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Sb;

class TestSelfTest final : public QObject
{
    Q_OBJECT

private slots:
    void passesWithoutSecureHeap();
    void passesWithSecureHeap();
    void isRepeatable();
};

void TestSelfTest::passesWithoutSecureHeap()
{
    QElapsedTimer timer;
    timer.start();
    SB_VERIFY_RESULT(Crypto::runSelfTest());
    // Start-up budget: it runs before the first window appears.
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
}

void TestSelfTest::passesWithSecureHeap()
{
    const bool locked = Crypto::initSecureHeap();
    qInfo("secure heap locked in RAM: %s", locked ? "yes" : "no");
    QCOMPARE(Crypto::initSecureHeap(), locked); // once per process, same answer after
    SB_VERIFY_RESULT(Crypto::runSelfTest());
}

void TestSelfTest::isRepeatable()
{
    for (int i = 0; i < 3; ++i) {
        SB_VERIFY_RESULT(Crypto::runSelfTest());
    }
}

QTEST_GUILESS_MAIN(TestSelfTest)
#include "TestSelfTest.moc"
