// SPDX-License-Identifier: MIT
// SecureBytes, constant-time comparison, randomness and the hash/HMAC wrappers, the latter
// against published known answers.
#include "crypto/SecureBytes.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Sb;

Q_DECLARE_METATYPE(Sb::Crypto::Digest)

class TestSecureBytes final : public QObject
{
    Q_OBJECT

private slots:
    void holdsAndClears();
    void moveLeavesSourceEmpty();
    void takeFromEmptiesTheCallersBuffer();
    void appendKeepsContents();
    void cleanseZeroesBuffer();
    void constantTimeEquals_data();
    void constantTimeEquals();
    void randomBytesHaveRequestedSizeAndVary();
    void randomUuidIsVersion4();
    void hashKnownAnswers_data();
    void hashKnownAnswers();
    void hmacKnownAnswers_data();
    void hmacKnownAnswers();
};

void TestSecureBytes::holdsAndClears()
{
    Crypto::SecureBytes secret(QByteArrayView("hunter2"));
    QCOMPARE(secret.size(), 7);
    QCOMPARE(secret.view(), QByteArrayView("hunter2"));
    QCOMPARE(secret.exposeForApi(), QByteArray("hunter2"));
    const Crypto::SecureBytes copy = secret.clone();
    secret.clear();
    QVERIFY(secret.isEmpty());
    QCOMPARE(copy.view(), QByteArrayView("hunter2")); // a clone is independent
}

void TestSecureBytes::moveLeavesSourceEmpty()
{
    Crypto::SecureBytes a(QByteArrayView("abc"));
    Crypto::SecureBytes b(std::move(a));
    QVERIFY(a.isEmpty()); // NOLINT(bugprone-use-after-move): the contract says so
    QCOMPARE(b.view(), QByteArrayView("abc"));
    Crypto::SecureBytes c(QByteArrayView("old"));
    c = std::move(b);
    QVERIFY(b.isEmpty()); // NOLINT(bugprone-use-after-move)
    QCOMPARE(c.view(), QByteArrayView("abc"));
}

void TestSecureBytes::takeFromEmptiesTheCallersBuffer()
{
    QByteArray sole("passphrase");
    sole.detach();
    const Crypto::SecureBytes taken = Crypto::SecureBytes::takeFrom(sole);
    QVERIFY(sole.isEmpty());
    QCOMPARE(taken.view(), QByteArrayView("passphrase"));

    QByteArray shared("shared secret");
    const QByteArray otherHolder = shared; // implicitly shared: must not be corrupted
    const Crypto::SecureBytes fromShared = Crypto::SecureBytes::takeFrom(shared);
    QVERIFY(shared.isEmpty());
    QCOMPARE(fromShared.view(), QByteArrayView("shared secret"));
    QCOMPARE(otherHolder, QByteArray("shared secret"));
}

void TestSecureBytes::appendKeepsContents()
{
    Crypto::SecureBytes bytes;
    bytes.append("-----BEGIN ");
    bytes.append("PRIVATE KEY-----");
    bytes.append({});
    QCOMPARE(bytes.view(), QByteArrayView("-----BEGIN PRIVATE KEY-----"));
}

void TestSecureBytes::cleanseZeroesBuffer()
{
    QByteArray buffer("secret");
    const QByteArray sharer = buffer;
    Crypto::cleanse(buffer);
    QCOMPARE(buffer, QByteArray(6, '\0'));
    QCOMPARE(sharer, QByteArray("secret")); // detached first, the other holder is untouched
    QByteArray empty;
    Crypto::cleanse(empty); // no crash on an empty array
    QVERIFY(empty.isEmpty());
}

void TestSecureBytes::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    // clang-format off
    QTest::newRow("both empty")          << QByteArray()        << QByteArray()        << true;
    QTest::newRow("same")                << QByteArray("abcd")  << QByteArray("abcd")  << true;
    QTest::newRow("last byte differs")   << QByteArray("abcd")  << QByteArray("abce")  << false;
    QTest::newRow("first byte differs")  << QByteArray("xbcd")  << QByteArray("abcd")  << false;
    QTest::newRow("prefix, shorter")     << QByteArray("abc")   << QByteArray("abcd")  << false;
    QTest::newRow("prefix, longer")      << QByteArray("abcd")  << QByteArray("abc")   << false;
    QTest::newRow("empty vs non-empty")  << QByteArray()        << QByteArray("a")     << false;
    QTest::newRow("embedded NUL")        << QByteArray("a\0b", 3) << QByteArray("a\0c", 3) << false;
    // clang-format on
}

void TestSecureBytes::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(Crypto::constantTimeEquals(a, b), equal);
}

void TestSecureBytes::randomBytesHaveRequestedSizeAndVary()
{
    QCOMPARE(Crypto::randomBytes(0).size(), 0);
    QCOMPARE(Crypto::randomBytes(-5).size(), 0);
    QCOMPARE(Crypto::randomBytes(1).size(), 1);
    const QByteArray a = Crypto::randomBytes(32);
    const QByteArray b = Crypto::randomBytes(32);
    QCOMPARE(a.size(), 32);
    QVERIFY(a != b); // 2^-256 chance of a false failure
    QCOMPARE(Crypto::randomBytes(100'000).size(), 100'000);
}

void TestSecureBytes::randomUuidIsVersion4()
{
    // RFC 4122 §4.4: version nibble 4, variant bits 10.
    static const QRegularExpression v4(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString uuid = Crypto::randomUuid();
        QVERIFY2(v4.match(uuid).hasMatch(), qPrintable(uuid));
        seen.insert(uuid);
    }
    QCOMPARE(seen.size(), 200);
}

void TestSecureBytes::hashKnownAnswers_data()
{
    using Crypto::Digest;
    QTest::addColumn<Digest>("digest");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expectedHex");
    // FIPS 180-2 Appendix A.1 / B.1 / D.1 and C.1 ("abc"), and the empty-string digests
    // listed in NIST's SHA examples (csrc.nist.gov, "Examples with Intermediate Values").
    QTest::newRow("SHA-1 abc (FIPS 180-2 A.1)")
        << Digest::Sha1 << QByteArray("abc")
        << QByteArray("a9993e364706816aba3e25717850c26c9cd0d89d");
    QTest::newRow("SHA-256 abc (FIPS 180-2 B.1)")
        << Digest::Sha256 << QByteArray("abc")
        << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("SHA-256 empty (NIST)")
        << Digest::Sha256 << QByteArray()
        << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("SHA-256 448-bit (FIPS 180-2 B.2)")
        << Digest::Sha256 << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    QTest::newRow("SHA-384 abc (FIPS 180-2 D.1)")
        << Digest::Sha384 << QByteArray("abc")
        << QByteArray("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                      "8086072ba1e7cc2358baeca134c825a7");
    QTest::newRow("SHA-512 abc (FIPS 180-2 C.1)")
        << Digest::Sha512 << QByteArray("abc")
        << QByteArray("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                      "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

void TestSecureBytes::hashKnownAnswers()
{
    QFETCH(Crypto::Digest, digest);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expectedHex);
    QCOMPARE(Crypto::hash(digest, input).toHex(), expectedHex);
}

void TestSecureBytes::hmacKnownAnswers_data()
{
    using Crypto::Digest;
    QTest::addColumn<Digest>("digest");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("expectedHex");
    const QByteArray key1(20, '\x0b');
    const QByteArray key3(20, '\xaa');
    const QByteArray data3(50, '\xdd');
    const QByteArray key6(131, '\xaa');
    // RFC 4231 §4.2–4.8 (HMAC-SHA-256/384/512) and RFC 2202 §3 (HMAC-SHA-1).
    QTest::newRow("RFC 4231 case 1, SHA-256")
        << Digest::Sha256 << key1 << QByteArray("Hi There")
        << QByteArray("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    QTest::newRow("RFC 4231 case 2, SHA-256")
        << Digest::Sha256 << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
        << QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    QTest::newRow("RFC 4231 case 2, SHA-384")
        << Digest::Sha384 << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
        << QByteArray("af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
                      "8e2240ca5e69e2c78b3239ecfab21649");
    QTest::newRow("RFC 4231 case 2, SHA-512")
        << Digest::Sha512 << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
        << QByteArray("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                      "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
    QTest::newRow("RFC 4231 case 3, SHA-256")
        << Digest::Sha256 << key3 << data3
        << QByteArray("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    QTest::newRow("RFC 4231 case 6 (key > block), SHA-256")
        << Digest::Sha256 << key6
        << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
        << QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    QTest::newRow("RFC 2202 case 2, SHA-1")
        << Digest::Sha1 << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
        << QByteArray("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    // Empty key (allowed by RFC 2104); answer from Python's hmac module, independent of us.
    QTest::newRow("empty key, SHA-256")
        << Digest::Sha256 << QByteArray() << QByteArray()
        << QByteArray("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

void TestSecureBytes::hmacKnownAnswers()
{
    QFETCH(Crypto::Digest, digest);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, expectedHex);
    QCOMPARE(Crypto::hmac(digest, key, data).toHex(), expectedHex);
}

QTEST_GUILESS_MAIN(TestSecureBytes)
#include "TestSecureBytes.moc"
