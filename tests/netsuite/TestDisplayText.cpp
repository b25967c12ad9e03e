// SPDX-License-Identifier: MIT
#include "netsuite/DisplayText.h"

#include <QTest>

using namespace Sb::NetSuite;

class TestDisplayText final : public QObject
{
    Q_OBJECT

private slots:
    void escapesWhatCouldMislead_data();
    void escapesWhatCouldMislead();
    void truncatesWithACount();
    void detectsSuspiciousCharacters();
    void durationsReadLikeAPersonWouldSayThem_data();
    void durationsReadLikeAPersonWouldSayThem();
    void relativeTimes();
    void datesBeyondYear9999StayNumbers();
};

void TestDisplayText::escapesWhatCouldMislead_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    // clang-format off
    // Reliability doc J6: control and bidi characters shown as visible escapes.
    QTest::newRow("plain")          << QStringLiteral("PS256")            << QStringLiteral("PS256");
    QTest::newRow("newline tab")    << QStringLiteral("a\nb\tc\r")        << QStringLiteral("a\\nb\\tc\\r");
    QTest::newRow("bell")           << QStringLiteral("a\u0007b")         << QStringLiteral("a\\u0007b");
    QTest::newRow("del and c1")     << QStringLiteral("\u007F\u0085")     << QStringLiteral("\\u007F\\u0085");
    QTest::newRow("rlo")            << QStringLiteral("abc\u202Eexe")     << QStringLiteral("abc\\u202Eexe");
    QTest::newRow("isolates")       << QStringLiteral("\u2066x\u2069")    << QStringLiteral("\\u2066x\\u2069");
    QTest::newRow("zero width")     << QStringLiteral("a\u200Bb\uFEFF")   << QStringLiteral("a\\u200Bb\\uFEFF");
    QTest::newRow("backslash")      << QStringLiteral("a\\u202E")         << QStringLiteral("a\\\\u202E");
    QTest::newRow("lone surrogate") << QString(QChar(0xD800))             << QStringLiteral("\\uD800");
    QTest::newRow("emoji kept")     << QStringLiteral("ok \U0001F600")    << QStringLiteral("ok \U0001F600");
    QTest::newRow("accents kept")   << QStringLiteral("Zürich")           << QStringLiteral("Zürich");
    // clang-format on
}

void TestDisplayText::escapesWhatCouldMislead()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(escapeForDisplay(input), expected);
}

void TestDisplayText::truncatesWithACount()
{
    const QString shown = escapeForDisplay(QString(500, QLatin1Char('x')), 10);
    QVERIFY(shown.startsWith(QString(10, QLatin1Char('x'))));
    QVERIFY(shown.contains(QStringLiteral("490 more characters")));
    QCOMPARE(escapeForDisplay(QStringLiteral("abc"), 3), QStringLiteral("abc"));
}

void TestDisplayText::detectsSuspiciousCharacters()
{
    QVERIFY(hasSuspiciousCharacters(QStringLiteral("x\u202Ey")));
    QVERIFY(hasSuspiciousCharacters(QStringLiteral("x\ny")));
    QVERIFY(!hasSuspiciousCharacters(QStringLiteral("https://1234567.app.netsuite.com/")));
    QVERIFY(isBidiControl(0x202E));
    QVERIFY(!isBidiControl(U'a'));
}

void TestDisplayText::durationsReadLikeAPersonWouldSayThem_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("expected");
    // clang-format off
    QTest::newRow("0")       << qint64(0)         << QStringLiteral("0 s");
    QTest::newRow("42 s")    << qint64(42)        << QStringLiteral("42 s");
    QTest::newRow("4 min")   << qint64(290)       << QStringLiteral("4 min");
    QTest::newRow("2 h")     << qint64(7200)      << QStringLiteral("2 h");
    QTest::newRow("2 h 5")   << qint64(7500)      << QStringLiteral("2 h 5 min");
    QTest::newRow("1 day")   << qint64(86400)     << QStringLiteral("1 day");
    QTest::newRow("1 day 3") << qint64(97200)     << QStringLiteral("1 day 3 h");
    QTest::newRow("3 days")  << qint64(259200)    << QStringLiteral("3 days");
    QTest::newRow("years")   << qint64(63072000)  << QStringLiteral("2 years");
    QTest::newRow("negative") << qint64(-120)     << QStringLiteral("2 min");
    QTest::newRow("min int") << std::numeric_limits<qint64>::min() << QStringLiteral("292471208677 years");
    // clang-format on
}

void TestDisplayText::durationsReadLikeAPersonWouldSayThem()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, expected);
    QCOMPARE(humanDuration(seconds), expected);
}

void TestDisplayText::relativeTimes()
{
    QCOMPARE(relativeTime(240), QStringLiteral("in 4 min"));
    QCOMPARE(relativeTime(-7200), QStringLiteral("2 h ago"));
    QCOMPARE(relativeTime(0), QStringLiteral("now"));
}

void TestDisplayText::datesBeyondYear9999StayNumbers()
{
    // Reliability doc J9: QDateTime prints "" past year 9999; show the raw number instead.
    QCOMPARE(formatUtc(1'800'000'000), QStringLiteral("2027-01-15 08:00:00 UTC"));
    QCOMPARE(formatUtc(999'999'999'999), QStringLiteral("999999999999"));
    QCOMPARE(formatUtc(0), QStringLiteral("1970-01-01 00:00:00 UTC"));
}

QTEST_GUILESS_MAIN(TestDisplayText)
#include "TestDisplayText.moc"
