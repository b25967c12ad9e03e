// SPDX-License-Identifier: MIT
// scrypt, HKDF-SHA256 and ChaCha20-Poly1305 against their RFC vectors, and our age v1
// passphrase files against the real `age` command (Debian's age 1.1.1) in both directions.
#include "crypto/Aead.h"
#include "crypto/Age.h"
#include "crypto/Kdf.h"
#include "support/ResultTesting.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Sb;
using Crypto::SecureBytes;

Q_DECLARE_METATYPE(Sb::Crypto::Age::AgeError::Code)

namespace {

QByteArray range(int from, int to)
{
    QByteArray out;
    for (int i = from; i < to; ++i) {
        out.append(char(i));
    }
    return out;
}

SecureBytes secret(QByteArrayView text)
{
    return SecureBytes(text);
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// `age -p` reads the passphrase from a terminal only; `script` gives it one (the brief's
// recipe), and the passphrase lines are typed into that terminal through standard input.
Run ageInTerminal(const QString &command, const QByteArray &typed)
{
    QProcess p;
    p.start(QStringLiteral("script"),
            {QStringLiteral("-qec"), command, QStringLiteral("/dev/null")});
    if (!p.waitForStarted(10000)) {
        return {};
    }
    p.write(typed);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QString quoted(const QString &path)
{
    QString escaped = path;
    escaped.replace(QStringLiteral("'"), QStringLiteral("'\\''"));
    return QStringLiteral("'") + escaped + QStringLiteral("'");
}

} // namespace

class TestKdfAead final : public QObject
{
    Q_OBJECT

private slots:
    void scryptMatchesRfc7914_data();
    void scryptMatchesRfc7914();
    void scryptRefusesBadParameters();
    void hkdfMatchesRfc5869_data();
    void hkdfMatchesRfc5869();
    void chaChaPolyMatchesRfc8439();
    void chaChaPolyRejectsTampering();
    void ageRoundTripsAtChunkBoundaries_data();
    void ageRoundTripsAtChunkBoundaries();
    void ageWrongPassphraseAndDamageGiveOneMessage();
    void ageRefusesExcessiveWorkFactorBeforeDeriving();
    void ageRejectsMalformedHeaders_data();
    void ageRejectsMalformedHeaders();
    void ageCliOpensOurFile();
    void weOpenAgeCliFile();
};

void TestKdfAead::scryptMatchesRfc7914_data()
{
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("salt");
    QTest::addColumn<quint64>("n");
    QTest::addColumn<quint32>("r");
    QTest::addColumn<quint32>("p");
    QTest::addColumn<QByteArray>("expected");
    // RFC 7914 §12, first vector: empty password and salt, N=16, r=1, p=1
    QTest::newRow("rfc7914 #1")
        << QByteArray() << QByteArray() << quint64(16) << quint32(1) << quint32(1)
        << QByteArray::fromHex("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede2"
                               "1442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c"
                               "38d18906");
    // RFC 7914 §12, second vector: "password"/"NaCl", N=1024, r=8, p=16
    QTest::newRow("rfc7914 #2")
        << QByteArray("password") << QByteArray("NaCl") << quint64(1024) << quint32(8)
        << quint32(16)
        << QByteArray::fromHex("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b37"
                               "31622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdf"
                               "a2cc0640");
    // RFC 7914 §12, third vector: "pleaseletmein"/"SodiumChloride", N=16384, r=8, p=1
    QTest::newRow("rfc7914 #3")
        << QByteArray("pleaseletmein") << QByteArray("SodiumChloride") << quint64(16384)
        << quint32(8) << quint32(1)
        << QByteArray::fromHex("7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545d"
                               "a1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b"
                               "45575887");
}

void TestKdfAead::scryptMatchesRfc7914()
{
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, salt);
    QFETCH(quint64, n);
    QFETCH(quint32, r);
    QFETCH(quint32, p);
    QFETCH(QByteArray, expected);
    const auto key = Crypto::scrypt(password, salt, n, r, p, 64);
    SB_VERIFY_RESULT(key);
    QCOMPARE(key->exposeForApi().toHex(), expected.toHex());
}

void TestKdfAead::scryptRefusesBadParameters()
{
    using Code = Crypto::CryptoError::Code;
    SB_VERIFY_ERROR(Crypto::scrypt("pw", "salt", 1000, 8, 1, 32), Code::InvalidArgument);
    SB_VERIFY_ERROR(Crypto::scrypt("pw", "salt", 1024, 0, 1, 32), Code::InvalidArgument);
    SB_VERIFY_ERROR(Crypto::scrypt("pw", "salt", quint64{1} << 31, 8, 1, 32),
                    Code::InvalidArgument);
}

void TestKdfAead::hkdfMatchesRfc5869_data()
{
    QTest::addColumn<QByteArray>("ikm");
    QTest::addColumn<QByteArray>("salt");
    QTest::addColumn<QByteArray>("info");
    QTest::addColumn<QByteArray>("okm");
    // RFC 5869 Appendix A.1, test case 1
    QTest::newRow("rfc5869 A.1") << QByteArray(22, '\x0b') << range(0x00, 0x0d) << range(0xf0, 0xfa)
                                 << QByteArray::fromHex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90c"
                                                        "f1a5a4c5db02d56ecc4c5bf34007208d5b887185"
                                                        "865");
    // RFC 5869 Appendix A.2, test case 2 (longer inputs and outputs)
    QTest::newRow("rfc5869 A.2") << range(0x00, 0x50) << range(0x60, 0xb0) << range(0xb0, 0x100)
                                 << QByteArray::fromHex(
                                        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19"
                                        "afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b83677"
                                        "93a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
    // RFC 5869 Appendix A.3, test case 3 (empty salt and info)
    QTest::newRow("rfc5869 A.3") << QByteArray(22, '\x0b') << QByteArray() << QByteArray()
                                 << QByteArray::fromHex("8da4e775a563c18f715f802a063c5a31b8a11f5c5"
                                                        "ee1879ec3454e5f3c738d2d9d201395faa4b61a9"
                                                        "6c8");
}

void TestKdfAead::hkdfMatchesRfc5869()
{
    QFETCH(QByteArray, ikm);
    QFETCH(QByteArray, salt);
    QFETCH(QByteArray, info);
    QFETCH(QByteArray, okm);
    const auto key = Crypto::hkdfSha256(ikm, salt, info, okm.size());
    SB_VERIFY_RESULT(key);
    QCOMPARE(key->exposeForApi().toHex(), okm.toHex());
}

void TestKdfAead::chaChaPolyMatchesRfc8439()
{
    // RFC 8439 §2.8.2: the "sunscreen" AEAD vector
    const QByteArray key = range(0x80, 0xa0);
    const QByteArray nonce = QByteArray::fromHex("070000004041424344454647");
    const QByteArray aad = QByteArray::fromHex("50515253c0c1c2c3c4c5c6c7");
    const QByteArray plaintext("Ladies and Gentlemen of the class of '99: If I could offer you "
                               "only one tip for the future, sunscreen would be it.");
    const QByteArray expected = QByteArray::fromHex(
        "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69"
        "da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad67594"
        "5585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116"
        "1ae10b594f09e26a7e902ecbd0600691");
    const auto sealed = Crypto::chaCha20Poly1305Seal(key, nonce, plaintext, aad);
    SB_VERIFY_RESULT(sealed);
    QCOMPARE(sealed->toHex(), expected.toHex());
    const auto opened = Crypto::chaCha20Poly1305Open(key, nonce, expected, aad);
    SB_VERIFY_RESULT(opened);
    QCOMPARE(opened->exposeForApi(), plaintext);
}

void TestKdfAead::chaChaPolyRejectsTampering()
{
    using Code = Crypto::CryptoError::Code;
    const QByteArray key(32, '\x42');
    const QByteArray nonce(12, '\0');
    const auto sealed = Crypto::chaCha20Poly1305Seal(key, nonce, "secret text");
    SB_VERIFY_RESULT(sealed);
    QByteArray flipped = *sealed;
    flipped[3] = char(flipped[3] ^ 1);
    SB_VERIFY_ERROR(Crypto::chaCha20Poly1305Open(key, nonce, flipped), Code::SignatureInvalid);
    SB_VERIFY_ERROR(Crypto::chaCha20Poly1305Open(key, nonce, *sealed, "aad"),
                    Code::SignatureInvalid);
    SB_VERIFY_ERROR(Crypto::chaCha20Poly1305Open(key, nonce, sealed->first(10)),
                    Code::SignatureInvalid);
    SB_VERIFY_ERROR(Crypto::chaCha20Poly1305Open(key.first(16), nonce, *sealed),
                    Code::InvalidArgument);
    // The empty plaintext is legal and authenticated too.
    const auto empty = Crypto::chaCha20Poly1305Seal(key, nonce, {});
    SB_VERIFY_RESULT(empty);
    QCOMPARE(empty->size(), 16);
    SB_VERIFY_RESULT(Crypto::chaCha20Poly1305Open(key, nonce, *empty));
}

void TestKdfAead::ageRoundTripsAtChunkBoundaries_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("empty") << 0;
    QTest::newRow("one byte") << 1;
    QTest::newRow("one full chunk") << 65536;
    QTest::newRow("chunk plus one") << 65537;
    QTest::newRow("two full chunks") << 131072;
}

void TestKdfAead::ageRoundTripsAtChunkBoundaries()
{
    QFETCH(int, size);
    QByteArray plaintext(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i) {
        plaintext[i] = char(i * 7 + 3);
    }
    const auto file = Crypto::Age::encrypt(plaintext, secret("correct horse"), 10);
    SB_VERIFY_RESULT(file);
    QVERIFY(Crypto::Age::looksLikeAge(*file));
    QCOMPARE(Crypto::Age::workFactorOf(*file), 10);
    const auto opened = Crypto::Age::decrypt(*file, secret("correct horse"));
    SB_VERIFY_RESULT(opened);
    QCOMPARE(opened->exposeForApi(), plaintext);
    // The payload is 16 (nonce) + chunks, each with a 16-byte tag.
    const qsizetype chunks = size == 0 ? 1 : (size + 65535) / 65536;
    const qsizetype headerEnd = file->indexOf("\n---") + 1;
    const qsizetype payloadStart = file->indexOf('\n', headerEnd) + 1;
    QCOMPARE(file->size() - payloadStart, 16 + size + 16 * chunks);
}

void TestKdfAead::ageWrongPassphraseAndDamageGiveOneMessage()
{
    using Code = Crypto::Age::AgeError::Code;
    const QByteArray plaintext(70000, 'x');
    const auto file = Crypto::Age::encrypt(plaintext, secret("right"), 8);
    SB_VERIFY_RESULT(file);
    const auto wrong = Crypto::Age::decrypt(*file, secret("wrong"));
    SB_VERIFY_ERROR(wrong, Code::WrongPassphrase);

    QByteArray flipped = *file;
    flipped[flipped.size() - 5] = char(flipped[flipped.size() - 5] ^ 0x10); // last chunk
    const auto damaged = Crypto::Age::decrypt(flipped, secret("right"));
    SB_VERIFY_ERROR(damaged, Code::WrongPassphrase);
    QCOMPARE(damaged.error().message, wrong.error().message);

    // Truncated at the chunk boundary: the first chunk is not marked last, so it must fail.
    const qsizetype payloadStart = file->indexOf('\n', file->indexOf("\n---") + 1) + 1;
    SB_VERIFY_ERROR(
        Crypto::Age::decrypt(file->first(payloadStart + 16 + 65536 + 16), secret("right")),
        Code::WrongPassphrase);
    // Extra bytes after the final chunk.
    SB_VERIFY_ERROR(Crypto::Age::decrypt(QByteArray(*file + QByteArray(20, 'z')), secret("right")),
                    Code::WrongPassphrase);
    // A header edit (the work factor) breaks the MAC or the key.
    QByteArray edited = *file;
    edited.replace(" 8\n", " 9\n");
    SB_VERIFY_ERROR(Crypto::Age::decrypt(edited, secret("right")), Code::WrongPassphrase);
    SB_VERIFY_ERROR(Crypto::Age::decrypt(*file, SecureBytes()), Code::EmptyPassphrase);
    SB_VERIFY_ERROR(Crypto::Age::encrypt("x", SecureBytes()), Code::EmptyPassphrase);
    SB_VERIFY_ERROR(Crypto::Age::encrypt("x", secret("p"), 21), Code::InvalidArgument);
}

void TestKdfAead::ageRefusesExcessiveWorkFactorBeforeDeriving()
{
    using Code = Crypto::Age::AgeError::Code;
    const auto file = Crypto::Age::encrypt("data", secret("pw"), 4);
    SB_VERIFY_RESULT(file);
    for (const QByteArray &factor : {QByteArray("21"), QByteArray("30"), QByteArray("63")}) {
        QByteArray hostile = *file;
        hostile.replace(" 4\n", QByteArray(" " + factor + '\n'));
        QElapsedTimer timer;
        timer.start();
        SB_VERIFY_ERROR(Crypto::Age::decrypt(hostile, secret("pw")), Code::WorkFactorTooHigh);
        QVERIFY2(timer.elapsed() < 200, "the cap must be checked before scrypt runs");
    }
    // A caller may lower the cap further (e.g. for a fuzz target).
    SB_VERIFY_ERROR(Crypto::Age::decrypt(*file, secret("pw"), 3), Code::WorkFactorTooHigh);
}

void TestKdfAead::ageRejectsMalformedHeaders_data()
{
    using Code = Crypto::Age::AgeError::Code;
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<Code>("expected");
    // C2SP age.md: strict parsing rules for the header
    QTest::newRow("wrong intro") << QByteArray("age-encryption.org/v1\n")
                                 << QByteArray("age-encryption.org/v2\n") << Code::NotAge;
    QTest::newRow("padded salt") << QByteArray(" 4\n") << QByteArray("== 4\n") << Code::Malformed;
    QTest::newRow("leading zero factor")
        << QByteArray(" 4\n") << QByteArray(" 04\n") << Code::Malformed;
    QTest::newRow("zero factor") << QByteArray(" 4\n") << QByteArray(" 0\n") << Code::Malformed;
    QTest::newRow("x25519 stanza")
        << QByteArray("-> scrypt") << QByteArray("-> X25519") << Code::NotPassphrase;
    QTest::newRow("extra argument")
        << QByteArray(" 4\n") << QByteArray(" 4 x\n") << Code::Malformed;
    QTest::newRow("no MAC line") << QByteArray("\n---") << QByteArray("\n+++") << Code::Malformed;
}

void TestKdfAead::ageRejectsMalformedHeaders()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(Crypto::Age::AgeError::Code, expected);
    const auto file = Crypto::Age::encrypt("data", secret("pw"), 4);
    SB_VERIFY_RESULT(file);
    QByteArray bad = *file;
    QVERIFY(bad.contains(from));
    bad.replace(bad.indexOf(from), from.size(), to);
    SB_VERIFY_ERROR(Crypto::Age::decrypt(bad, secret("pw")), expected);
}

void TestKdfAead::ageCliOpensOurFile()
{
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("age")).isEmpty(),
             "the age command is required (packaging/setup-debian.sh installs it)");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("script")).isEmpty(),
             "script (util-linux) is required");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray plaintext = QByteArray("interop payload ") + QByteArray(70000, 'q');
    const auto file
        = Crypto::Age::encrypt(plaintext, secret("s3cret pass"), Crypto::Age::DefaultWorkFactor);
    SB_VERIFY_RESULT(file);
    QFile out(dir.filePath(QStringLiteral("ours.age")));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(*file);
    out.close();
    const QString decrypted = dir.filePath(QStringLiteral("ours.txt"));
    const Run run = ageInTerminal(
        QStringLiteral("age -d -o %1 %2").arg(quoted(decrypted), quoted(out.fileName())),
        "s3cret pass\n");
    QVERIFY2(run.exitCode == 0, run.out.constData());
    QFile in(decrypted);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QCOMPARE(in.readAll(), plaintext);
}

void TestKdfAead::weOpenAgeCliFile()
{
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("age")).isEmpty(),
             "the age command is required (packaging/setup-debian.sh installs it)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray plaintext = QByteArray(65536, 'b') + "tail";
    const QString plainPath = dir.filePath(QStringLiteral("theirs.txt"));
    const QString agePath = dir.filePath(QStringLiteral("theirs.age"));
    QFile plain(plainPath);
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.write(plaintext);
    plain.close();
    // age asks twice (enter, confirm) when encrypting.
    const Run run
        = ageInTerminal(QStringLiteral("age -p -o %1 %2").arg(quoted(agePath), quoted(plainPath)),
                        "their pass\ntheir pass\n");
    QVERIFY2(run.exitCode == 0, run.out.constData());
    QFile encrypted(agePath);
    QVERIFY(encrypted.open(QIODevice::ReadOnly));
    const QByteArray bytes = encrypted.readAll();
    QCOMPARE(Crypto::Age::workFactorOf(bytes), 18);
    const auto opened = Crypto::Age::decrypt(bytes, secret("their pass"));
    SB_VERIFY_RESULT(opened);
    QCOMPARE(opened->exposeForApi(), plaintext);
    SB_VERIFY_ERROR(Crypto::Age::decrypt(bytes, secret("not theirs")),
                    Crypto::Age::AgeError::Code::WrongPassphrase);
}

QTEST_GUILESS_MAIN(TestKdfAead)
#include "TestKdfAead.moc"
