// SPDX-License-Identifier: MIT
// Strict base64url: RFC 4648 vectors, round trips, and every lenient form Qt accepts (J4).
#include "jwt/Base64Url.h"
#include "support/ResultTesting.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace Sb;

Q_DECLARE_METATYPE(Sb::Jwt::Base64UrlProblem)

class TestBase64Url final : public QObject
{
    Q_OBJECT

private slots:
    void encodesRfc4648Vectors_data();
    void encodesRfc4648Vectors();
    void decodesRfc4648Vectors_data();
    void decodesRfc4648Vectors();
    void roundTripsEveryLength();
    void rejectsLenientForms_data();
    void rejectsLenientForms();
    void rejectsEveryNonCanonicalTail();
    void decodesLargeInputInLinearTime();
};

void TestBase64Url::encodesRfc4648Vectors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("encoded");

    // RFC 4648 §10 test vectors, with the padding removed as RFC 7515 §2 requires.
    QTest::newRow("RFC 4648 §10 empty") << QByteArray() << QByteArray();
    QTest::newRow("RFC 4648 §10 f") << QByteArray("f") << QByteArray("Zg");
    QTest::newRow("RFC 4648 §10 fo") << QByteArray("fo") << QByteArray("Zm8");
    QTest::newRow("RFC 4648 §10 foo") << QByteArray("foo") << QByteArray("Zm9v");
    QTest::newRow("RFC 4648 §10 foob") << QByteArray("foob") << QByteArray("Zm9vYg");
    QTest::newRow("RFC 4648 §10 fooba") << QByteArray("fooba") << QByteArray("Zm9vYmE");
    QTest::newRow("RFC 4648 §10 foobar") << QByteArray("foobar") << QByteArray("Zm9vYmFy");
    // RFC 4648 §5 table: values 62 and 63 are '-' and '_' (not '+' and '/').
    QTest::newRow("RFC 4648 §5 62/63") << QByteArray("\xfb\xff\xbf") << QByteArray("-_-_");
    QTest::newRow("RFC 4648 §5 0xFF") << QByteArray("\xff") << QByteArray("_w");
    // RFC 7515 §A.2.1: BASE64URL(UTF8({"alg":"RS256"})).
    QTest::newRow("RFC 7515 A.2.1 header")
        << QByteArray(R"({"alg":"RS256"})") << QByteArray("eyJhbGciOiJSUzI1NiJ9");
    // RFC 7515 §A.1.1: the JWS Payload with CRLF line breaks.
    QTest::newRow("RFC 7515 A.1.1 payload")
        << QByteArray("{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n "
                      "\"http://example.com/is_root\":true}")
        << QByteArray("eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
                      "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ");
}

void TestBase64Url::encodesRfc4648Vectors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, encoded);
    QCOMPARE(Jwt::base64UrlEncode(bytes), encoded);
}

void TestBase64Url::decodesRfc4648Vectors_data()
{
    encodesRfc4648Vectors_data();
}

void TestBase64Url::decodesRfc4648Vectors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, encoded);
    const auto decoded = Jwt::base64UrlDecode(encoded);
    QCOMPARE(decoded.problem, Jwt::Base64UrlProblem::None);
    QCOMPARE(decoded.position, qsizetype(-1));
    QCOMPARE(decoded.bytes, bytes);
}

void TestBase64Url::roundTripsEveryLength()
{
    // Every length 0..64 covers all three tail shapes many times; Qt's encoder is the
    // independent oracle for the encoding itself.
    QRandomGenerator random(20240607);
    for (int length = 0; length <= 64; ++length) {
        for (int round = 0; round < 8; ++round) {
            QByteArray bytes(length, Qt::Uninitialized);
            for (char &b : bytes) {
                b = char(random.bounded(256));
            }
            const QByteArray encoded = Jwt::base64UrlEncode(bytes);
            QCOMPARE(encoded, bytes.toBase64(QByteArray::Base64UrlEncoding
                                             | QByteArray::OmitTrailingEquals));
            const auto decoded = Jwt::base64UrlDecode(encoded);
            QCOMPARE(decoded.problem, Jwt::Base64UrlProblem::None);
            QCOMPARE(decoded.bytes, bytes);
        }
    }
}

void TestBase64Url::rejectsLenientForms_data()
{
    using Problem = Jwt::Base64UrlProblem;
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<Problem>("problem");
    QTest::addColumn<qsizetype>("position");

    // RFC 4648 §5 alphabet only; RFC 7515 §2 forbids padding; RFC 4648 §3.5 canonical bits.
    // Qt's AbortOnBase64DecodingErrors accepts "YR", "YW==" and "Y" (reliability doc J4).
    // clang-format off
    QTest::newRow("RFC 4648 §4 '+' is standard alphabet") << QByteArray("Zm9+") << Problem::BadCharacter << qsizetype(3);
    QTest::newRow("RFC 4648 §4 '/' is standard alphabet") << QByteArray("Zm9/") << Problem::BadCharacter << qsizetype(3);
    QTest::newRow("RFC 7515 §2 padding YW==")  << QByteArray("YW==")   << Problem::BadCharacter << qsizetype(2);
    QTest::newRow("RFC 7515 §2 padding Zg=")   << QByteArray("Zg=")    << Problem::BadCharacter << qsizetype(2);
    QTest::newRow("RFC 7515 §2 lone '='")      << QByteArray("=")      << Problem::BadCharacter << qsizetype(0);
    QTest::newRow("RFC 4648 §3.3 space")       << QByteArray("Zm 9v")  << Problem::BadCharacter << qsizetype(2);
    QTest::newRow("RFC 4648 §3.3 newline")     << QByteArray("Zm9v\n") << Problem::BadCharacter << qsizetype(4);
    QTest::newRow("RFC 4648 §3.3 tab")         << QByteArray("\tZm9v") << Problem::BadCharacter << qsizetype(0);
    QTest::newRow("RFC 4648 §3.3 non-ASCII")   << QByteArray("Zm\xc3\xa9") << Problem::BadCharacter << qsizetype(2);
    QTest::newRow("RFC 4648 §3.3 embedded NUL") << QByteArray("Zm\0v", 4) << Problem::BadCharacter << qsizetype(2);
    QTest::newRow("RFC 4648 §3.3 '.'")         << QByteArray("Zm.v")   << Problem::BadCharacter << qsizetype(2);
    QTest::newRow("RFC 4648 §3.3 '!'")         << QByteArray("!")      << Problem::BadCharacter << qsizetype(0);
    QTest::newRow("RFC 4648 §4 len%4==1 Y")     << QByteArray("Y")      << Problem::BadLength << qsizetype(-1);
    QTest::newRow("RFC 4648 §4 len%4==1 Zm9vY") << QByteArray("Zm9vY") << Problem::BadLength << qsizetype(-1);
    QTest::newRow("RFC 4648 §3.5 YR is YQ")     << QByteArray("YR")     << Problem::NonCanonical << qsizetype(1);
    QTest::newRow("RFC 4648 §3.5 Zh is Zg")     << QByteArray("Zh")     << Problem::NonCanonical << qsizetype(1);
    QTest::newRow("RFC 4648 §3.5 Zm9 is Zm8")   << QByteArray("Zm9")    << Problem::NonCanonical << qsizetype(2);
    QTest::newRow("RFC 4648 §3.5 Zm9vYh")       << QByteArray("Zm9vYh") << Problem::NonCanonical << qsizetype(5);
    // clang-format on
}

void TestBase64Url::rejectsLenientForms()
{
    QFETCH(QByteArray, text);
    QFETCH(Jwt::Base64UrlProblem, problem);
    QFETCH(qsizetype, position);
    const auto decoded = Jwt::base64UrlDecode(text);
    QCOMPARE(decoded.problem, problem);
    QCOMPARE(decoded.position, position);
    QVERIFY(decoded.bytes.isEmpty());
}

void TestBase64Url::rejectsEveryNonCanonicalTail()
{
    // RFC 4648 §3.5: for every last character whose unused bits are not zero, decoding must
    // fail; for the canonical ones it must succeed. Exhaustive over the 64 characters for
    // both partial-quad lengths.
    const QByteArray alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int index = 0; index < 64; ++index) {
        const QByteArray two = QByteArray("Q") + alphabet.at(index);    // one byte, 4 spare bits
        const QByteArray three = QByteArray("QU") + alphabet.at(index); // two bytes, 2 spare bits
        const bool twoCanonical = (index & 0x0F) == 0;
        const bool threeCanonical = (index & 0x03) == 0;
        QCOMPARE(Jwt::base64UrlDecode(two).problem == Jwt::Base64UrlProblem::None, twoCanonical);
        QCOMPARE(Jwt::base64UrlDecode(three).problem == Jwt::Base64UrlProblem::None,
                 threeCanonical);
    }
}

void TestBase64Url::decodesLargeInputInLinearTime()
{
    // 8 MiB of text: a quadratic decoder would take minutes; ours takes milliseconds.
    const QByteArray bytes(6 * 1024 * 1024, '\x5a');
    const QByteArray encoded = Jwt::base64UrlEncode(bytes);
    QElapsedTimer timer;
    timer.start();
    const auto decoded = Jwt::base64UrlDecode(encoded);
    QCOMPARE(decoded.problem, Jwt::Base64UrlProblem::None);
    QCOMPARE(decoded.bytes.size(), bytes.size());
    QVERIFY2(timer.elapsed() < 5000, "decoding 8 MiB took more than 5 s");
}

QTEST_GUILESS_MAIN(TestBase64Url)
#include "TestBase64Url.moc"
