// SPDX-License-Identifier: MIT
// The strict JSON object parser: RFC 8259 grammar plus the inspector rules J6–J9.
#include "jwt/StrictJson.h"
#include "support/ResultTesting.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Sb;

class TestStrictJson final : public QObject
{
    Q_OBJECT

private slots:
    void parsesEmptyObject_data();
    void parsesEmptyObject();
    void agreesWithQtOnValidDocuments_data();
    void agreesWithQtOnValidDocuments();
    void reportsTopLevelDuplicates();
    void reportsNestedDuplicates();
    void reportsEveryRepeatedValue();
    void escapesDuplicatePaths();
    void rejectsByteOrderMark();
    void acceptsValidUtf8_data();
    void acceptsValidUtf8();
    void rejectsInvalidUtf8_data();
    void rejectsInvalidUtf8();
    void flagsNulAndLoneSurrogates_data();
    void flagsNulAndLoneSurrogates();
    void decodesEscapes_data();
    void decodesEscapes();
    void keepsIntegersExact_data();
    void keepsIntegersExact();
    void keepsLargeIntegersAsText_data();
    void keepsLargeIntegersAsText();
    void parsesFractionsAsDouble_data();
    void parsesFractionsAsDouble();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void allowsNestingUpToTheCap();
    void refusesNestingBeyondTheCap();
    void refusesHugeNestingQuickly();
    void honoursCustomDepthCap();
    void enforcesSizeCap();
    void errorLeavesNothingHalfParsed();
};

void TestStrictJson::parsesEmptyObject_data()
{
    QTest::addColumn<QByteArray>("json");
    // RFC 8259 §4: object = begin-object [ member *( value-separator member ) ] end-object
    QTest::newRow("RFC 8259 §4 {}") << QByteArray("{}");
    // RFC 8259 §2: insignificant whitespace around structural characters.
    QTest::newRow("RFC 8259 §2 whitespace") << QByteArray(" \t\r\n{ \t\r\n} \t\r\n");
}

void TestStrictJson::parsesEmptyObject()
{
    QFETCH(QByteArray, json);
    const auto result = Jwt::parseStrictJsonObject(json);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.object.isEmpty());
    QVERIFY(result.duplicates.isEmpty());
    QVERIFY(result.largeNumbers.isEmpty());
    QVERIFY(!result.hadByteOrderMark);
    QVERIFY(!result.hasNulOrLoneSurrogate);
}

void TestStrictJson::agreesWithQtOnValidDocuments_data()
{
    QTest::addColumn<QByteArray>("json");
    // Documents without duplicates or huge integers: QJsonDocument is an independent oracle.
    // RFC 7519 §3.1 example claims set (with its CRLF line breaks).
    QTest::newRow("RFC 7519 §3.1 claims")
        << QByteArray("{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n "
                      "\"http://example.com/is_root\":true}");
    // RFC 8259 §13 first example (an object with nested object and array).
    QTest::newRow("RFC 8259 §13 image") << QByteArray(R"({
        "Image": {
            "Width":  800,
            "Height": 600,
            "Title":  "View from 15th Floor",
            "Thumbnail": {
                "Url":    "http://www.example.com/image/481989943",
                "Height": 125,
                "Width":  100
            },
            "Animated" : false,
            "IDs": [116, 943, 234, 38793]
        }
    })");
    QTest::newRow("RFC 8259 all value kinds")
        << QByteArray(R"({"s":"x","n":-12,"f":0.25,"e":6.02e23,"t":true,"F":false,"z":null,)"
                      R"("a":[],"o":{},"m":[1,"2",[3,{"4":[null]}]]})");
    QTest::newRow("RFC 8259 §8 UTF-8 text")
        << QByteArray("{\"name\":\"Ren\xc3\xa9\",\"\xe2\x82\xac\":1}");
}

void TestStrictJson::agreesWithQtOnValidDocuments()
{
    QFETCH(QByteArray, json);
    const auto result = Jwt::parseStrictJsonObject(json);
    QVERIFY2(result.ok, qPrintable(result.error));
    QJsonParseError qtError;
    const QJsonDocument qt = QJsonDocument::fromJson(json, &qtError);
    QCOMPARE(qtError.error, QJsonParseError::NoError);
    QCOMPARE(result.object, qt.object());
}

void TestStrictJson::reportsTopLevelDuplicates()
{
    // RFC 7515 §5.2 / reliability doc J7: Qt silently keeps the last "alg". We keep the last
    // as well (so values agree with Qt) but report both raw values.
    const auto result = Jwt::parseStrictJsonObject(R"({"alg":"RS256","typ":"JWT","alg":"none"})");
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.object.value(QLatin1String("alg")).toString(), QStringLiteral("none"));
    QCOMPARE(result.duplicates.size(), 1);
    const auto &duplicate = result.duplicates.first();
    QCOMPARE(duplicate.path, QString());
    QCOMPARE(duplicate.name, QStringLiteral("alg"));
    QCOMPARE(duplicate.rawValues,
             QStringList({QStringLiteral("\"RS256\""), QStringLiteral("\"none\"")}));
}

void TestStrictJson::reportsNestedDuplicates()
{
    // RFC 8259 §4: names within an object SHOULD be unique, at every nesting level.
    const auto result = Jwt::parseStrictJsonObject(
        R"({"a":{"x":1,"x":[2, 3]},"b":[{"y":true,"y":null}],"c":{"x":1}})");
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.duplicates.size(), 2);
    QCOMPARE(result.duplicates.at(0).path, QStringLiteral("/a"));
    QCOMPARE(result.duplicates.at(0).name, QStringLiteral("x"));
    QCOMPARE(result.duplicates.at(0).rawValues,
             QStringList({QStringLiteral("1"), QStringLiteral("[2, 3]")}));
    QCOMPARE(result.duplicates.at(1).path, QStringLiteral("/b/0"));
    QCOMPARE(result.duplicates.at(1).name, QStringLiteral("y"));
    QCOMPARE(result.duplicates.at(1).rawValues,
             QStringList({QStringLiteral("true"), QStringLiteral("null")}));
    // The last value is the one kept.
    QCOMPARE(result.object.value(QLatin1String("a")).toObject().value(QLatin1String("x")),
             QJsonValue(QJsonArray({2, 3})));
}

void TestStrictJson::reportsEveryRepeatedValue()
{
    // RFC 7515 §5.2: three occurrences are three raw values, objects kept verbatim.
    const auto result
        = Jwt::parseStrictJsonObject(R"({"exp":1,"exp":{"n":2},"other":0,"exp":"3"})");
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.duplicates.size(), 1);
    QCOMPARE(
        result.duplicates.first().rawValues,
        QStringList({QStringLiteral("1"), QStringLiteral("{\"n\":2}"), QStringLiteral("\"3\"")}));
    QCOMPARE(result.object.value(QLatin1String("exp")).toString(), QStringLiteral("3"));
}

void TestStrictJson::escapesDuplicatePaths()
{
    // RFC 6901 §3: '~' → "~0", '/' → "~1" in a JSON pointer token.
    const auto result = Jwt::parseStrictJsonObject(R"({"a/b~c":{"k":1,"k":2}})");
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.duplicates.size(), 1);
    QCOMPARE(result.duplicates.first().path, QStringLiteral("/a~1b~0c"));
}

void TestStrictJson::rejectsByteOrderMark()
{
    // RFC 8259 §8.1: implementations MUST NOT add a BOM (Qt accepts one, J6).
    const auto result = Jwt::parseStrictJsonObject("\xEF\xBB\xBF{}");
    QVERIFY(!result.ok);
    QVERIFY(result.hadByteOrderMark);
    QCOMPARE(result.errorOffset, qsizetype(0));
    QVERIFY(!result.error.isEmpty());
}

void TestStrictJson::acceptsValidUtf8_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<uint>("codePoint");
    // RFC 3629 §4 well-formed sequences, including the edges of each range.
    // clang-format off
    QTest::newRow("RFC 3629 U+0080")   << QByteArray("\xc2\x80")         << 0x80U;
    QTest::newRow("RFC 3629 U+00E9")   << QByteArray("\xc3\xa9")         << 0xE9U;
    QTest::newRow("RFC 3629 U+07FF")   << QByteArray("\xdf\xbf")         << 0x7FFU;
    QTest::newRow("RFC 3629 U+0800")   << QByteArray("\xe0\xa0\x80")     << 0x800U;
    QTest::newRow("RFC 3629 U+20AC")   << QByteArray("\xe2\x82\xac")     << 0x20ACU;
    QTest::newRow("RFC 3629 U+D7FF")   << QByteArray("\xed\x9f\xbf")     << 0xD7FFU;
    QTest::newRow("RFC 3629 U+E000")   << QByteArray("\xee\x80\x80")     << 0xE000U;
    QTest::newRow("RFC 3629 U+202E")   << QByteArray("\xe2\x80\xae")     << 0x202EU;
    QTest::newRow("RFC 3629 U+FFFF")   << QByteArray("\xef\xbf\xbf")     << 0xFFFFU;
    QTest::newRow("RFC 3629 U+10000")  << QByteArray("\xf0\x90\x80\x80") << 0x10000U;
    QTest::newRow("RFC 3629 U+1F600")  << QByteArray("\xf0\x9f\x98\x80") << 0x1F600U;
    QTest::newRow("RFC 3629 U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << 0x10FFFFU;
    // clang-format on
}

void TestStrictJson::acceptsValidUtf8()
{
    QFETCH(QByteArray, encoded);
    QFETCH(uint, codePoint);
    const auto result = Jwt::parseStrictJsonObject(QByteArray("{\"a\":\"" + encoded + "\"}"));
    QVERIFY2(result.ok, qPrintable(result.error));
    const char32_t expected[] = {char32_t(codePoint)};
    QCOMPARE(result.object.value(QLatin1String("a")).toString(), QString::fromUcs4(expected, 1));
    QVERIFY(!result.hasNulOrLoneSurrogate);
}

void TestStrictJson::rejectsInvalidUtf8_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qsizetype>("offset");
    // RFC 3629 §3/§4 and RFC 8259 §8.1; RFC 7519 §7.2 (panva/jose's C0 AF case).
    // `{"a":"` is 6 bytes, so the bad sequence starts at offset 6.
    // clang-format off
    QTest::newRow("RFC 3629 §10 overlong C0 AF")     << QByteArray("{\"a\":\"\xc0\xaf\"}")         << qsizetype(6);
    QTest::newRow("RFC 3629 §10 overlong C1 BF")     << QByteArray("{\"a\":\"\xc1\xbf\"}")         << qsizetype(6);
    QTest::newRow("RFC 3629 §10 overlong E0 80 AF")  << QByteArray("{\"a\":\"\xe0\x80\xaf\"}")     << qsizetype(6);
    QTest::newRow("RFC 3629 §10 overlong F0 80 80 AF") << QByteArray("{\"a\":\"\xf0\x80\x80\xaf\"}") << qsizetype(6);
    QTest::newRow("RFC 3629 §3 surrogate ED A0 80")  << QByteArray("{\"a\":\"\xed\xa0\x80\"}")     << qsizetype(6);
    QTest::newRow("RFC 3629 §3 surrogate ED BF BF")  << QByteArray("{\"a\":\"\xed\xbf\xbf\"}")     << qsizetype(6);
    QTest::newRow("RFC 3629 §3 pair as CESU-8")      << QByteArray("{\"a\":\"\xed\xa0\xbd\xed\xb8\x80\"}") << qsizetype(6);
    QTest::newRow("RFC 3629 §3 above U+10FFFF F4 90") << QByteArray("{\"a\":\"\xf4\x90\x80\x80\"}") << qsizetype(6);
    QTest::newRow("RFC 3629 §3 lead F5")             << QByteArray("{\"a\":\"\xf5\x80\x80\x80\"}") << qsizetype(6);
    QTest::newRow("RFC 3629 §3 lead F8")             << QByteArray("{\"a\":\"\xf8\x88\x80\x80\x80\"}") << qsizetype(6);
    QTest::newRow("RFC 3629 §3 byte FE")             << QByteArray("{\"a\":\"\xfe\"}")             << qsizetype(6);
    QTest::newRow("RFC 3629 §3 byte FF")             << QByteArray("{\"a\":\"\xff\"}")             << qsizetype(6);
    QTest::newRow("RFC 3629 §3 lone continuation")   << QByteArray("{\"a\":\"\x80\"}")             << qsizetype(6);
    QTest::newRow("RFC 3629 §3 truncated 2 of 3")    << QByteArray("{\"a\":\"\xe2\x82\"}")         << qsizetype(6);
    QTest::newRow("RFC 3629 §3 truncated 1 of 2")    << QByteArray("{\"a\":\"\xc3\"}")             << qsizetype(6);
    QTest::newRow("RFC 3629 §3 truncated 3 of 4")    << QByteArray("{\"a\":\"\xf0\x9f\x98\"}")     << qsizetype(6);
    QTest::newRow("RFC 3629 §3 truncated at end")    << QByteArray("{\"a\":\"\xe2")                << qsizetype(6);
    QTest::newRow("RFC 3629 §3 ASCII after lead")    << QByteArray("{\"a\":\"\xc3(\"}")            << qsizetype(6);
    QTest::newRow("RFC 3629 §10 overlong in a name") << QByteArray("{\"\xc0\xaf\":1}")             << qsizetype(2);
    QTest::newRow("RFC 8259 §2 non-ASCII outside strings") << QByteArray("{\"a\":1\xc2\xa0}")     << qsizetype(6);
    // clang-format on
}

void TestStrictJson::rejectsInvalidUtf8()
{
    QFETCH(QByteArray, json);
    QFETCH(qsizetype, offset);
    const auto result = Jwt::parseStrictJsonObject(json);
    QVERIFY(!result.ok);
    QVERIFY(!result.error.isEmpty());
    QCOMPARE(result.errorOffset, offset);
}

void TestStrictJson::flagsNulAndLoneSurrogates_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    // RFC 8259 §8.2: escapes may form unpaired surrogates and U+0000; the text is legal JSON
    // but not a safe string (J6). Qt accepts these silently; we accept and flag.
    // clang-format off
    QTest::newRow("RFC 8259 §7 \\u0000")        << QByteArray(R"({"a":"x\u0000y"})")
        << QString(QString(QLatin1Char('x')) + QChar(0) + QLatin1Char('y'));
    QTest::newRow("RFC 8259 §8.2 lone high")     << QByteArray(R"({"a":"\uD800"})")
        << QString(QChar(0xD800));
    QTest::newRow("RFC 8259 §8.2 lone low")      << QByteArray(R"({"a":"\uDC00"})")
        << QString(QChar(0xDC00));
    QTest::newRow("RFC 8259 §8.2 high then BMP") << QByteArray(R"({"a":"\uD800\u0041"})")
        << QString(QString(QChar(0xD800)) + QLatin1Char('A'));
    QTest::newRow("RFC 8259 §8.2 high then text") << QByteArray(R"({"a":"\ud83dz"})")
        << QString(QString(QChar(0xD83D)) + QLatin1Char('z'));
    QTest::newRow("RFC 8259 §8.2 swapped pair")  << QByteArray(R"({"a":"\uDE00\uD83D"})")
        << QString(QString(QChar(0xDE00)) + QChar(0xD83D));
    QTest::newRow("RFC 8259 §8.2 lone in a name") << QByteArray(R"({"\uD800":1})")
        << QString();
    // clang-format on
}

void TestStrictJson::flagsNulAndLoneSurrogates()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const auto result = Jwt::parseStrictJsonObject(json);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.hasNulOrLoneSurrogate);
    if (!expected.isEmpty()) {
        QCOMPARE(result.object.value(QLatin1String("a")).toString(), expected);
    }
}

void TestStrictJson::decodesEscapes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    // RFC 8259 §7 escapes.
    // clang-format off
    QTest::newRow("RFC 8259 §7 two-character escapes") << QByteArray(R"({"a":"\"\\\/\b\f\n\r\t"})")
        << QStringLiteral("\"\\/\b\f\n\r\t");
    QTest::newRow("RFC 8259 §7 \\u00e9")      << QByteArray(R"({"a":"caf\u00e9"})")
        << QString::fromUtf8("caf\xc3\xa9");
    QTest::newRow("RFC 8259 §7 upper-case hex") << QByteArray(R"({"a":"\u00E9\u20AC"})")
        << QString::fromUtf8("\xc3\xa9\xe2\x82\xac");
    QTest::newRow("RFC 8259 §7 pair U+1F600") << QByteArray(R"({"a":"\uD83D\uDE00"})")
        << QString::fromUtf8("\xf0\x9f\x98\x80");
    QTest::newRow("RFC 8259 §7 pair U+1D11E") << QByteArray(R"({"a":"\ud834\udd1e"})")
        << QString::fromUtf8("\xf0\x9d\x84\x9e");
    QTest::newRow("RFC 8259 §7 escaped name") << QByteArray(R"({"\u0061":"b"})")
        << QString();
    QTest::newRow("RFC 8259 §7 raw DEL is fine") << QByteArray("{\"a\":\"\x7f\"}")
        << QString(QChar(0x7F));
    // clang-format on
}

void TestStrictJson::decodesEscapes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const auto result = Jwt::parseStrictJsonObject(json);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(!result.hasNulOrLoneSurrogate);
    if (expected.isEmpty()) {
        QCOMPARE(result.object.value(QLatin1String("a")).toString(), QStringLiteral("b"));
    } else {
        QCOMPARE(result.object.value(QLatin1String("a")).toString(), expected);
    }
}

void TestStrictJson::keepsIntegersExact_data()
{
    QTest::addColumn<QByteArray>("number");
    QTest::addColumn<qint64>("expected");
    // RFC 8259 §6 and RFC 7519 §2 NumericDate; J9 (2^53 + 1 must not round).
    // clang-format off
    QTest::newRow("RFC 7519 §2 NumericDate")     << QByteArray("1300819380")           << qint64(1300819380);
    QTest::newRow("J9 2^53+1 exact")             << QByteArray("9007199254740993")     << qint64(9007199254740993LL);
    QTest::newRow("RFC 8259 §6 zero")            << QByteArray("0")                    << qint64(0);
    QTest::newRow("RFC 8259 §6 minus zero")      << QByteArray("-0")                   << qint64(0);
    QTest::newRow("RFC 8259 §6 negative")        << QByteArray("-1")                   << qint64(-1);
    QTest::newRow("RFC 8259 §6 int64 max")       << QByteArray("9223372036854775807")  << std::numeric_limits<qint64>::max();
    QTest::newRow("RFC 8259 §6 int64 min")       << QByteArray("-9223372036854775808") << std::numeric_limits<qint64>::min();
    // clang-format on
}

void TestStrictJson::keepsIntegersExact()
{
    QFETCH(QByteArray, number);
    QFETCH(qint64, expected);
    const auto result = Jwt::parseStrictJsonObject(QByteArray("{\"exp\":" + number + "}"));
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.largeNumbers.isEmpty());
    const QJsonValue value = result.object.value(QLatin1String("exp"));
    QVERIFY(value.isDouble()); // Qt's type for every number
    QCOMPARE(value.toInteger(), expected);
}

void TestStrictJson::keepsLargeIntegersAsText_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("raw");
    // J9: Qt's toInteger() gives 0 for 99999999999999999999 ("expired in 1970").
    // clang-format off
    QTest::newRow("J9 20 nines")        << QByteArray(R"({"exp":99999999999999999999})")
        << QStringLiteral("/exp") << QStringLiteral("99999999999999999999");
    QTest::newRow("J9 negative")        << QByteArray(R"({"nbf":-99999999999999999999})")
        << QStringLiteral("/nbf") << QStringLiteral("-99999999999999999999");
    QTest::newRow("RFC 8259 §6 int64 max + 1") << QByteArray(R"({"n":9223372036854775808})")
        << QStringLiteral("/n") << QStringLiteral("9223372036854775808");
    QTest::newRow("RFC 8259 §6 int64 min - 1") << QByteArray(R"({"n":-9223372036854775809})")
        << QStringLiteral("/n") << QStringLiteral("-9223372036854775809");
    QTest::newRow("RFC 8259 §6 uint64 max + 1") << QByteArray(R"({"n":18446744073709551616})")
        << QStringLiteral("/n") << QStringLiteral("18446744073709551616");
    QTest::newRow("RFC 8259 §6 in an array") << QByteArray(R"({"a":{"b":[1,123456789012345678901234567890]}})")
        << QStringLiteral("/a/b/1") << QStringLiteral("123456789012345678901234567890");
    // clang-format on
}

void TestStrictJson::keepsLargeIntegersAsText()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(QString, raw);
    const auto result = Jwt::parseStrictJsonObject(json);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.largeNumbers.size(), 1);
    QCOMPARE(result.largeNumbers.first().path, path);
    QCOMPARE(result.largeNumbers.first().rawText, raw);
    // Held as a string in the object, never as 0 or a rounded double.
    const QString key = path.section(QLatin1Char('/'), 1, 1);
    QJsonValue value = result.object.value(key);
    if (value.isObject()) {
        value = value.toObject().value(QLatin1String("b")).toArray().at(1);
    } else if (value.isArray()) {
        value = value.toArray().at(1);
    }
    QVERIFY(value.isString());
    QCOMPARE(value.toString(), raw);
}

void TestStrictJson::parsesFractionsAsDouble_data()
{
    QTest::addColumn<QByteArray>("number");
    QTest::addColumn<double>("expected");
    // RFC 8259 §6 frac and exp; RFC 7519 §2 allows fractional NumericDates.
    // clang-format off
    QTest::newRow("RFC 7519 §2 1.5")      << QByteArray("1.5")     << 1.5;
    QTest::newRow("RFC 8259 §6 -0.0")     << QByteArray("-0.0")    << 0.0;
    QTest::newRow("RFC 8259 §6 exponent") << QByteArray("1e20")    << 1e20;
    QTest::newRow("RFC 8259 §6 E+")       << QByteArray("1E+2")    << 100.0;
    QTest::newRow("RFC 8259 §6 e-")       << QByteArray("25e-1")   << 2.5;
    QTest::newRow("RFC 8259 §6 frac+exp") << QByteArray("-1.25e3") << -1250.0;
    QTest::newRow("RFC 8259 §6 0.1")      << QByteArray("0.1")     << 0.1;
    QTest::newRow("RFC 8259 §6 max")      << QByteArray("1.7976931348623157e308") << 1.7976931348623157e308;
    // clang-format on
}

void TestStrictJson::parsesFractionsAsDouble()
{
    QFETCH(QByteArray, number);
    QFETCH(double, expected);
    const auto result = Jwt::parseStrictJsonObject(QByteArray("{\"iat\":" + number + "}"));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.object.value(QLatin1String("iat")).toDouble(), expected);
}

void TestStrictJson::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qsizetype>("offset");
    // clang-format off
    // J9: numbers outside double range, and non-numbers.
    QTest::newRow("J9 1e400")             << QByteArray(R"({"exp":1e400})")     << qsizetype(7);
    QTest::newRow("J9 -1e400")            << QByteArray(R"({"exp":-1e400})")    << qsizetype(7);
    QTest::newRow("J9 1e-400")            << QByteArray(R"({"exp":1e-400})")    << qsizetype(7);
    QTest::newRow("RFC 8259 §6 NaN")      << QByteArray(R"({"exp":NaN})")       << qsizetype(7);
    QTest::newRow("RFC 8259 §6 Infinity") << QByteArray(R"({"exp":Infinity})")  << qsizetype(7);
    QTest::newRow("RFC 8259 §6 -Infinity") << QByteArray(R"({"exp":-Infinity})") << qsizetype(7);
    // RFC 8259 §6 number grammar.
    QTest::newRow("RFC 8259 §6 leading zero")     << QByteArray(R"({"n":01})")   << qsizetype(5);
    QTest::newRow("RFC 8259 §6 -01")              << QByteArray(R"({"n":-01})")  << qsizetype(5);
    QTest::newRow("RFC 8259 §6 00")               << QByteArray(R"({"n":00})")   << qsizetype(5);
    QTest::newRow("RFC 8259 §6 plus sign")        << QByteArray(R"({"n":+1})")   << qsizetype(5);
    QTest::newRow("RFC 8259 §6 bare fraction")    << QByteArray(R"({"n":.5})")   << qsizetype(5);
    QTest::newRow("RFC 8259 §6 trailing dot")     << QByteArray(R"({"n":1.})")   << qsizetype(7);
    QTest::newRow("RFC 8259 §6 empty exponent")   << QByteArray(R"({"n":1e})")   << qsizetype(7);
    QTest::newRow("RFC 8259 §6 exponent sign only") << QByteArray(R"({"n":1e+})") << qsizetype(8);
    QTest::newRow("RFC 8259 §6 lone minus")       << QByteArray(R"({"n":-})")    << qsizetype(6);
    QTest::newRow("RFC 8259 §6 hex")              << QByteArray(R"({"n":0x10})") << qsizetype(6);
    // RFC 8259 §2: exactly one value; RFC 7515 §4 / RFC 7519 §7.2: it must be an object.
    QTest::newRow("RFC 8259 §2 trailing garbage") << QByteArray("{} x")          << qsizetype(3);
    QTest::newRow("RFC 8259 §2 two objects")      << QByteArray("{}{}")          << qsizetype(2);
    QTest::newRow("RFC 8259 §2 trailing comma after") << QByteArray("{},")       << qsizetype(2);
    QTest::newRow("RFC 8259 §2 trailing NUL")     << QByteArray("{}\0", 3)       << qsizetype(2);
    QTest::newRow("RFC 7515 §4 top-level array")  << QByteArray("[]")            << qsizetype(0);
    QTest::newRow("RFC 7515 §4 top-level null")   << QByteArray("null")          << qsizetype(0);
    QTest::newRow("RFC 7515 §4 top-level string") << QByteArray(R"("alg")")      << qsizetype(0);
    QTest::newRow("RFC 7515 §4 top-level number") << QByteArray("1")             << qsizetype(0);
    QTest::newRow("RFC 8259 §2 empty text")       << QByteArray()                << qsizetype(0);
    QTest::newRow("RFC 8259 §2 whitespace only")  << QByteArray(" \n")           << qsizetype(2);
    QTest::newRow("RFC 8259 §2 form feed is not whitespace") << QByteArray("\f{}") << qsizetype(0);
    // RFC 8259 §4 object grammar.
    QTest::newRow("RFC 8259 §4 trailing comma")   << QByteArray(R"({"a":1,})")   << qsizetype(7);
    QTest::newRow("RFC 8259 §4 missing colon")    << QByteArray(R"({"a" 1})")    << qsizetype(5);
    QTest::newRow("RFC 8259 §4 unquoted name")    << QByteArray("{a:1}")         << qsizetype(1);
    QTest::newRow("RFC 8259 §4 single quotes")    << QByteArray("{'a':1}")       << qsizetype(1);
    QTest::newRow("RFC 8259 §4 missing comma")    << QByteArray(R"({"a":1 "b":2})") << qsizetype(7);
    QTest::newRow("RFC 8259 §4 missing value")    << QByteArray(R"({"a":})")     << qsizetype(5);
    QTest::newRow("RFC 8259 §4 unclosed object")  << QByteArray(R"({"a":1)")     << qsizetype(6);
    QTest::newRow("RFC 8259 §4 name not string")  << QByteArray(R"({1:2})")      << qsizetype(1);
    QTest::newRow("RFC 8259 §5 array trailing comma") << QByteArray(R"({"a":[1,]})") << qsizetype(8);
    QTest::newRow("RFC 8259 §5 unclosed array")   << QByteArray(R"({"a":[1})")   << qsizetype(7);
    QTest::newRow("RFC 8259 §5 mismatched close") << QByteArray(R"({"a":[1}])")  << qsizetype(7);
    QTest::newRow("RFC 8259 §3 misspelt true")    << QByteArray(R"({"a":tru})")  << qsizetype(5);
    QTest::newRow("RFC 8259 §3 capital True")     << QByteArray(R"({"a":True})") << qsizetype(5);
    QTest::newRow("RFC 8259 §3 undefined")        << QByteArray(R"({"a":undefined})") << qsizetype(5);
    QTest::newRow("RFC 8259 §2 comment")          << QByteArray("{/*c*/}")       << qsizetype(1);
    // RFC 8259 §7 strings: control characters must be escaped; escapes are a closed set.
    QTest::newRow("RFC 8259 §7 raw newline")      << QByteArray("{\"a\":\"x\ny\"}") << qsizetype(7);
    QTest::newRow("RFC 8259 §7 raw tab")          << QByteArray("{\"a\":\"\t\"}")   << qsizetype(6);
    QTest::newRow("RFC 8259 §7 raw 0x01")         << QByteArray("{\"a\":\"\x01\"}") << qsizetype(6);
    QTest::newRow("RFC 8259 §7 raw NUL")          << QByteArray("{\"a\":\"\0\"}", 9) << qsizetype(6);
    QTest::newRow("RFC 8259 §7 raw 0x1F in name") << QByteArray("{\"\x1f\":1}")    << qsizetype(2);
    QTest::newRow("RFC 8259 §7 bad escape \\x")   << QByteArray(R"({"a":"\x41"})")  << qsizetype(6);
    QTest::newRow("RFC 8259 §7 bad escape \\'")   << QByteArray(R"({"a":"\'"})")    << qsizetype(6);
    QTest::newRow("RFC 8259 §7 short \\u")        << QByteArray(R"({"a":"\u12"})")  << qsizetype(10);
    QTest::newRow("RFC 8259 §7 \\u at end")       << QByteArray(R"({"a":"\u12)")    << qsizetype(8);
    QTest::newRow("RFC 8259 §7 non-hex \\u")      << QByteArray(R"({"a":"\uZZZZ"})") << qsizetype(8);
    QTest::newRow("RFC 8259 §7 bad low after high") << QByteArray(R"({"a":"\uD83D\uZZZZ"})") << qsizetype(14);
    QTest::newRow("RFC 8259 §7 unterminated")     << QByteArray(R"({"a":"abc)")     << qsizetype(9);
    QTest::newRow("RFC 8259 §7 backslash at end") << QByteArray(R"({"a":"\)")       << qsizetype(6);
    // clang-format on
}

void TestStrictJson::rejectsMalformed()
{
    QFETCH(QByteArray, json);
    QFETCH(qsizetype, offset);
    const auto result = Jwt::parseStrictJsonObject(json);
    QVERIFY(!result.ok);
    QVERIFY(!result.error.isEmpty());
    QCOMPARE(result.errorOffset, offset);
    QVERIFY(result.object.isEmpty());
}

namespace {

/** {"a": [[…[]…]]} with @p arrays nested arrays: total depth arrays + 1. */
QByteArray nestedArrays(int arrays)
{
    return QByteArray("{\"a\":" + QByteArray(arrays, '[') + QByteArray(arrays, ']') + "}");
}

} // namespace

void TestStrictJson::allowsNestingUpToTheCap()
{
    // J8: 64 levels (the object plus 63 arrays) is the default cap and parses.
    const auto arrays = Jwt::parseStrictJsonObject(nestedArrays(63));
    QVERIFY2(arrays.ok, qPrintable(arrays.error));

    // The same depth through objects: {"a":{"a":…{}…}} with 64 objects.
    QByteArray objects;
    for (int i = 0; i < 63; ++i) {
        objects += "{\"a\":";
    }
    objects += "{}" + QByteArray(63, '}');
    const auto result = Jwt::parseStrictJsonObject(objects);
    QVERIFY2(result.ok, qPrintable(result.error));
    QJsonObject inner = result.object;
    int depth = 1;
    while (inner.contains(QLatin1String("a"))) {
        inner = inner.value(QLatin1String("a")).toObject();
        ++depth;
    }
    QCOMPARE(depth, 64);
}

void TestStrictJson::refusesNestingBeyondTheCap()
{
    // J8: depth 65 is refused (the error is at the 65th opening bracket, offset 5 + 63).
    const auto result = Jwt::parseStrictJsonObject(nestedArrays(64));
    QVERIFY(!result.ok);
    QCOMPARE(result.errorOffset, qsizetype(5 + 63));
}

void TestStrictJson::refusesHugeNestingQuickly()
{
    // J8 / Nimbus CVE-2025-53864: 10^5 levels neither recurse nor take long.
    QElapsedTimer timer;
    timer.start();
    Jwt::JsonLimits limits;
    limits.maxBytes = 1024 * 1024;
    const auto nested
        = Jwt::parseStrictJsonObject(QByteArray("{\"a\":" + QByteArray(100000, '[')), limits);
    QVERIFY(!nested.ok);
    QCOMPARE(nested.errorOffset, qsizetype(5 + 63));
    const auto bare = Jwt::parseStrictJsonObject(QByteArray(100000, '['), limits);
    QVERIFY(!bare.ok);
    QCOMPARE(bare.errorOffset, qsizetype(0));
    // With the cap raised, our explicit stack copes; the cap stays low by default because
    // Qt's own container destructors recurse once per level.
    limits.maxDepth = 1001;
    const auto lifted = Jwt::parseStrictJsonObject(nestedArrays(1000), limits);
    QVERIFY2(lifted.ok, qPrintable(lifted.error));
    QVERIFY2(timer.elapsed() < 10000, "deep nesting took more than 10 s");
}

void TestStrictJson::honoursCustomDepthCap()
{
    Jwt::JsonLimits limits;
    limits.maxDepth = 3;
    QVERIFY(Jwt::parseStrictJsonObject(R"({"a":{"b":[]}})", limits).ok);
    QVERIFY(!Jwt::parseStrictJsonObject(R"({"a":{"b":[[]]}})", limits).ok);
    limits.maxDepth = 1;
    QVERIFY(Jwt::parseStrictJsonObject(R"({"a":1})", limits).ok);
    QVERIFY(!Jwt::parseStrictJsonObject(R"({"a":[]})", limits).ok);
}

void TestStrictJson::enforcesSizeCap()
{
    // J1: the size cap is checked before parsing.
    Jwt::JsonLimits limits;
    limits.maxBytes = 16;
    const QByteArray sixteen = R"({"abc":"012345"})";
    QCOMPARE(sixteen.size(), 16);
    QVERIFY(Jwt::parseStrictJsonObject(sixteen, limits).ok);
    const auto tooBig = Jwt::parseStrictJsonObject(QByteArray(sixteen + ' '), limits);
    QVERIFY(!tooBig.ok);
    QVERIFY(!tooBig.error.isEmpty());
    // The default cap is 256 KiB.
    const QByteArray big = QByteArray("{\"a\":\"" + QByteArray(256 * 1024, 'x') + "\"}");
    QVERIFY(!Jwt::parseStrictJsonObject(big).ok);
}

void TestStrictJson::errorLeavesNothingHalfParsed()
{
    // The contract: on error, object, duplicates and largeNumbers are empty.
    const auto result
        = Jwt::parseStrictJsonObject(R"({"a":1,"a":2,"n":99999999999999999999,"b":{"c":1,"c":2},)");
    QVERIFY(!result.ok);
    QVERIFY(result.object.isEmpty());
    QVERIFY(result.duplicates.isEmpty());
    QVERIFY(result.largeNumbers.isEmpty());
}

QTEST_GUILESS_MAIN(TestStrictJson)
#include "TestStrictJson.moc"
