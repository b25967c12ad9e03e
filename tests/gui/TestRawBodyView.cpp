// SPDX-License-Identifier: MIT
#include "gui/RawBodyView.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace Sb;

class TestRawBodyView final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void prettyFormatsWithoutParsing();
    void lineIndexWrapsLongLinesAtCharacterBoundaries();
    void largeBodyShowsAtOnceAndNeverBlocks();
};

void TestRawBodyView::prettyFormatsWithoutParsing()
{
    const QByteArray out = App::prettyFormatJson(R"({"a":[1,2,{}],"b":"x,{y}:z","c":[]})");
    QCOMPARE(
        out,
        QByteArray(
            "{\n  \"a\": [\n    1,\n    2,\n    {}\n  ],\n  \"b\": \"x,{y}:z\",\n  \"c\": []\n}"));
}

void TestRawBodyView::lineIndexWrapsLongLinesAtCharacterBoundaries()
{
    QByteArray body = QString(1000, QChar(0x00E9)).toUtf8(); // 2 bytes each
    body.append("\nend");
    const App::LineIndex index = App::buildLineIndex(body, -1, 401);
    QVERIFY(index.complete);
    for (qint64 start : index.starts) {
        QVERIFY((static_cast<unsigned char>(body.at(start)) & 0xC0) != 0x80);
    }
    App::RawBodyView view;
    view.setBody(body);
    QCOMPARE(view.lineText(view.lineCount() - 1), QStringLiteral("end"));
}

void TestRawBodyView::largeBodyShowsAtOnceAndNeverBlocks()
{
    // ~40 MB of NetSuite-shaped JSON on one line (minified), the worst case for a text view.
    QByteArray row
        = R"({"links":[],"id":"12345","companyname":"Example & Co <b>","email":"a@example.com"},)";
    QByteArray body = "{\"items\":[";
    while (body.size() < 40 * 1024 * 1024) {
        body.append(row);
    }
    body.append("{}]}");
    App::RawBodyView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    qint64 worstLateness = 0;
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.elapsed();
    QTimer heartbeat;
    heartbeat.setInterval(10);
    QObject::connect(&heartbeat, &QTimer::timeout, &view, [&] {
        const qint64 now = clock.elapsed();
        worstLateness = qMax(worstLateness, now - last - 10);
        last = now;
    });
    heartbeat.start();
    QElapsedTimer firstScreen;
    firstScreen.start();
    view.setBody(body);
    view.repaint();
    const qint64 firstScreenMs = firstScreen.elapsed();
    QVERIFY(view.lineText(0).startsWith(QStringLiteral("{\"items\":[")));
    QTRY_VERIFY_WITH_TIMEOUT(view.indexComplete(), 30000);
    heartbeat.stop();
    qInfo("40 MB body: first screen %lld ms, %lld display lines, worst heartbeat lateness %lld ms",
          firstScreenMs, view.lineCount(), worstLateness);
    QVERIFY2(firstScreenMs < 1000, "first screen under a second");
    QVERIFY2(worstLateness < 100, "the GUI thread was never blocked for 100 ms");
    QVERIFY(view.find(QStringLiteral("Example & Co <b>")));
    QVERIFY(view.find(QStringLiteral("{}]}")));
    QVERIFY(view.firstVisibleLine() > 1000);
}

QTEST_MAIN(TestRawBodyView)
#include "TestRawBodyView.moc"
