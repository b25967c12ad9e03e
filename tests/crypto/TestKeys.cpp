// SPDX-License-Identifier: MIT
// Key loading, import, generation and export. The bad-input rows follow the K1–K10 table of
// docs/security-and-reliability.md §2.2; fixtures come from tests/data/keys/generate-test-keys.sh
// (the openssl CLI), and exports are read back by the openssl CLI.
#include "crypto/Jws.h"
#include "crypto/Keys.h"
#include "support/ResultTesting.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include "CryptoTestSupport.h"
#include "RfcVectors.h"
#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <sys/types.h>
#endif

using namespace Sb;
using CryptoTest::keyPath;
using CryptoTest::readFixture;
using Code = Crypto::CryptoError::Code;

Q_DECLARE_METATYPE(Sb::Crypto::CryptoError::Code)
Q_DECLARE_METATYPE(Sb::Crypto::KeyType)
Q_DECLARE_METATYPE(Sb::Crypto::Curve)
Q_DECLARE_METATYPE(Sb::Crypto::KdfCaps)

namespace {

const QByteArray kPassphrase("test-only-passphrase");

Crypto::SecureBytes pass(const QByteArray &text)
{
    return Crypto::SecureBytes(text);
}

/** The RFC 7515 A.2 RS256 signature: deterministic, so any import path must reproduce it. */
void verifyReproducesA2(const Crypto::PrivateKey &key)
{
    const auto signature
        = Crypto::sign(key, Crypto::JwsAlgorithm::RS256, QByteArray(RfcVectors::kA2Input));
    SB_VERIFY_RESULT(signature);
    QCOMPARE(*signature, CryptoTest::b64u(RfcVectors::kA2Signature));
}

} // namespace

class TestKeys final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loadsSupportedForms_data();
    void loadsSupportedForms();
    void normalisesPastedText_data();
    void normalisesPastedText();
    void refusesWrongInputs_data();
    void refusesWrongInputs();
    void refusesSpecialFilesWithoutHanging_data();
    void refusesSpecialFilesWithoutHanging();
    void readSmallFileHonoursTheCap();
    void checksKdfCostBeforeDeriving_data();
    void checksKdfCostBeforeDeriving();
    void describesKeys_data();
    void describesKeys();
    void loadsPublicKeys_data();
    void loadsPublicKeys();
    void refusesWrongPublicInputs_data();
    void refusesWrongPublicInputs();
    void importsRsaComponents();
    void refusesBadRsaComponents_data();
    void refusesBadRsaComponents();
    void importsEcComponents();
    void refusesBadEcComponents_data();
    void refusesBadEcComponents();
    void generatesKeys_data();
    void generatesKeys();
    void refusesBadKeySpecs_data();
    void refusesBadKeySpecs();
    void exportsPkcs8ThatOpenSslReads_data();
    void exportsPkcs8ThatOpenSslReads();
    void exportsEncryptedPkcs8ThatOpenSslReads_data();
    void exportsEncryptedPkcs8ThatOpenSslReads();
    void refusesWeakEncryptedExport_data();
    void refusesWeakEncryptedExport();
    void loadsRsaPssKeyFromOpenSslGenpkey();
    void secureHeapInitialisesOnce();

private:
    QTemporaryDir m_dir;
    Crypto::PublicKey m_rsa2048Public;
    QString m_fifoPath;
};

void TestKeys::initTestCase()
{
    // Key BIGNUMs go to OpenSSL's locked heap from here on, as in the app.
    Crypto::initSecureHeap();
    QVERIFY2(!CryptoTest::opensslProgram().isEmpty(), "the openssl command line is needed");
    QVERIFY(m_dir.isValid());
    auto reference
        = Crypto::PublicKey::fromFile(keyPath(QStringLiteral("test-only-rsa2048-pub.pem")));
    SB_VERIFY_RESULT(reference);
    m_rsa2048Public = *reference;
#ifdef Q_OS_UNIX
    m_fifoPath = m_dir.filePath(QStringLiteral("key.fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(m_fifoPath).constData(), 0600), 0);
#endif
}

void TestKeys::loadsSupportedForms_data()
{
    using Crypto::Curve;
    using Crypto::KeyType;
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<KeyType>("type");
    QTest::addColumn<int>("bits");
    QTest::addColumn<Curve>("curve");
    QTest::addColumn<bool>("isRsa2048Fixture"); // same key as test-only-rsa2048-pub.pem

    const QByteArray none;
    const QByteArray pw = kPassphrase;
    // clang-format off
    // K1: the three unencrypted PEM forms, plus DER PKCS#8 (K4 lists DER as an input).
    QTest::newRow("K1 PKCS#8 PEM")        << "test-only-rsa2048-pkcs8.pem" << none << KeyType::Rsa << 2048 << Curve::None << true;
    QTest::newRow("K1 PKCS#1 PEM")        << "test-only-rsa2048-pkcs1.pem" << none << KeyType::Rsa << 2048 << Curve::None << true;
    QTest::newRow("K1 SEC1 EC PEM")       << "test-only-ec-p256-sec1.pem"  << none << KeyType::Ec  << 256  << Curve::P256 << false;
    QTest::newRow("K1 EC PKCS#8 PEM")     << "test-only-ec-p256-pkcs8.pem" << none << KeyType::Ec  << 256  << Curve::P256 << false;
    QTest::newRow("K4 PKCS#8 DER")        << "test-only-rsa2048-pkcs8.der" << none << KeyType::Rsa << 2048 << Curve::None << true;
    QTest::newRow("K4 PKCS#1 DER")        << "test-only-rsa2048-pkcs1.der" << none << KeyType::Rsa << 2048 << Curve::None << true;
    // K2: encrypted PKCS#8 (PBKDF2 and scrypt, PEM and DER) and legacy Proc-Type PEM.
    QTest::newRow("K2 enc PKCS#8 PBKDF2") << "test-only-rsa2048-enc-pkcs8.pem"  << pw << KeyType::Rsa << 2048 << Curve::None << true;
    QTest::newRow("K2 enc PKCS#8 DER")    << "test-only-rsa2048-enc-pkcs8.der"  << pw << KeyType::Rsa << 2048 << Curve::None << true;
    QTest::newRow("K2 enc PKCS#8 scrypt") << "test-only-rsa2048-enc-scrypt.pem" << pw << KeyType::Rsa << 2048 << Curve::None << true;
    QTest::newRow("K2 legacy RSA")        << "test-only-rsa2048-enc-legacy.pem" << pw << KeyType::Rsa << 2048 << Curve::None << true;
    QTest::newRow("K2 legacy EC")         << "test-only-ec-p256-enc-legacy.pem" << pw << KeyType::Ec  << 256  << Curve::P256 << false;
    QTest::newRow("plain key, passphrase given anyway") << "test-only-rsa2048-pkcs8.pem" << pw << KeyType::Rsa << 2048 << Curve::None << true;
    // K5: certificate and key in one file (either order), CRLF, JSON-escaped one-liner.
    QTest::newRow("K5 cert then key")     << "test-only-rsa2048-cert-then-key.pem" << none << KeyType::Rsa << 2048 << Curve::None << true;
    QTest::newRow("K5 key then cert")     << "test-only-rsa2048-key-then-cert.pem" << none << KeyType::Rsa << 2048 << Curve::None << true;
    QTest::newRow("K5 CRLF")              << "test-only-rsa2048-crlf.pem"          << none << KeyType::Rsa << 2048 << Curve::None << true;
    QTest::newRow("K5 JSON \\n escapes")  << "test-only-rsa2048-escaped.json"      << none << KeyType::Rsa << 2048 << Curve::None << true;
    // K6: keys that load and must be judged elsewhere (NetSuite rules live in lib/netsuite).
    QTest::newRow("K6 RSA 1024")          << "test-only-rsa1024.pem"        << none << KeyType::Rsa   << 1024 << Curve::None  << false;
    QTest::newRow("K6 P-384")             << "test-only-ec-p384.pem"        << none << KeyType::Ec    << 384  << Curve::P384  << false;
    QTest::newRow("K6 P-521")             << "test-only-ec-p521.pem"        << none << KeyType::Ec    << 521  << Curve::P521  << false;
    QTest::newRow("K6 secp256k1")         << "test-only-ec-secp256k1.pem"   << none << KeyType::Ec    << 256  << Curve::Other << false;
    QTest::newRow("K6 Ed25519")           << "test-only-ed25519.pem"        << none << KeyType::Other << 256  << Curve::None  << false;
    // K7: RSA-PSS typed keys (id-RSASSA-PSS), unrestricted and restricted to SHA-384.
    QTest::newRow("K7 RSA-PSS")           << "test-only-rsa-pss-2048.pem"        << none << KeyType::RsaPss << 2048 << Curve::None << false;
    QTest::newRow("K7 RSA-PSS SHA-384")   << "test-only-rsa-pss-sha384-2048.pem" << none << KeyType::RsaPss << 2048 << Curve::None << false;
    // clang-format on
}

void TestKeys::loadsSupportedForms()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, passphrase);
    QFETCH(Crypto::KeyType, type);
    QFETCH(int, bits);
    QFETCH(Crypto::Curve, curve);
    QFETCH(bool, isRsa2048Fixture);

    const auto key = Crypto::PrivateKey::fromFile(keyPath(file), pass(passphrase));
    SB_VERIFY_RESULT(key);
    QVERIFY(!key->isNull());
    const Crypto::KeyInfo info = key->info();
    QCOMPARE(info.type, type);
    QCOMPARE(info.bits, bits);
    QCOMPARE(info.curve, curve);
    QVERIFY(info.hasPrivate);
    QVERIFY(!key->publicKey().info().hasPrivate);
    if (isRsa2048Fixture) {
        QVERIFY(key->publicKey().equals(m_rsa2048Public));
    }
    // Whatever it loaded from, it is usable: sign with the key's first algorithm, if any.
    const auto algorithms = Crypto::algorithmsForKey(info);
    if (!algorithms.isEmpty()) {
        const auto signature = Crypto::sign(*key, algorithms.first(), "input");
        SB_VERIFY_RESULT(signature);
        SB_VERIFY_RESULT(Crypto::verify(key->publicKey(), algorithms.first(), "input", *signature));
    }
}

void TestKeys::normalisesPastedText_data()
{
    QTest::addColumn<QByteArray>("data");
    const QByteArray pem = readFixture(QStringLiteral("test-only-rsa2048-pkcs8.pem"));
    QByteArray oneLine = pem;
    oneLine.replace('\n', "");
    QByteArray indented = pem;
    indented.replace("\n", "\n    ");
    QByteArray jsonEscaped = pem;
    jsonEscaped.replace("/", "\\/").replace("\n", "\\n");
    QByteArray crOnly = pem;
    crOnly.replace('\n', '\r');
    const QString asText = QString::fromLatin1(pem);
    QByteArray utf16le("\xFF\xFE", 2);
    utf16le.append(reinterpret_cast<const char *>(asText.utf16()), asText.size() * 2);

    // K5 and K4 ("UTF-16 text", "a missing final newline", one-line PEM).
    QTest::newRow("K5 one line, no newlines") << oneLine;
    QTest::newRow("K5 missing final newline") << pem.chopped(1);
    QTest::newRow("indented lines") << indented;
    QTest::newRow("K5 JSON with \\/ and \\n") << ("\"" + jsonEscaped + "\"");
    QTest::newRow("K5 CR line ends") << crOnly;
    QTest::newRow("UTF-8 BOM") << ("\xEF\xBB\xBF" + pem);
    QTest::newRow("K4 UTF-16LE with BOM") << utf16le;
    QTest::newRow("text around the block") << ("Here is my key:\n" + pem + "\nThanks!\n");
}

void TestKeys::normalisesPastedText()
{
    QFETCH(QByteArray, data);
    const auto key = Crypto::PrivateKey::fromData(data);
    SB_VERIFY_RESULT(key);
    QVERIFY(key->publicKey().equals(m_rsa2048Public));
}

void TestKeys::refusesWrongInputs_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<Code>("expected");
    QTest::addColumn<QString>("messagePart");

    const QByteArray none;
    const QByteArray wrong("not-the-passphrase");
    const QByteArray pkcs8 = readFixture(QStringLiteral("test-only-rsa2048-pkcs8.pem"));
    QByteArray truncated = pkcs8.left(pkcs8.indexOf("-----END"));
    QByteArray badBase64 = pkcs8;
    badBase64.replace(200, 8, "********");
    QByteArray badDer = pkcs8;
    badDer.replace(100, 8, "AAAAAAAA");
    const QString pick = QStringLiteral("pick the private key");
    const QString wrongPass = QStringLiteral("Wrong passphrase or damaged key.");
    const QString convert = QStringLiteral("ssh-keygen -p -m PKCS8 -f FILE");

    auto fixture = [](const char *name) { return readFixture(QString::fromLatin1(name)); };
    // clang-format off
    // K4: wrong file types, each with its own hint.
    QTest::newRow("K4 certificate PEM")   << fixture("test-only-rsa2048-cert.pem")   << none << Code::IsCertificate << QStringLiteral("This file is a certificate; pick the private key file instead.");
    QTest::newRow("K4 certificate DER")   << fixture("test-only-rsa2048-cert.der")   << none << Code::IsCertificate << pick;
    QTest::newRow("K4 public key")        << fixture("test-only-rsa2048-pub.pem")    << none << Code::IsPublicKey   << pick;
    QTest::newRow("K4 RSA PUBLIC KEY")    << fixture("test-only-rsa2048-rsapub.pem") << none << Code::IsPublicKey   << pick;
    QTest::newRow("K4 OpenSSH private")   << fixture("test-only-openssh-ed25519")    << none << Code::OpenSshKey    << convert;
    QTest::newRow("K4 OpenSSH public")    << fixture("test-only-openssh-ed25519.pub") << none << Code::IsPublicKey  << pick;
    QTest::newRow("K4 PuTTY .ppk")        << fixture("test-only-putty.ppk")          << none << Code::PuttyKey      << QStringLiteral("PuTTYgen");
    QTest::newRow("K4 PKCS#12")           << fixture("test-only-rsa2048.p12")        << none << Code::Pkcs12        << QStringLiteral("openssl pkcs12");
    QTest::newRow("CSR")                  << fixture("test-only-rsa2048-csr.pem")    << none << Code::NotPem        << QStringLiteral("signing request");
    QTest::newRow("K4 garbage text")      << QByteArray("hello, world\n")            << none << Code::NotPem        << QString();
    QTest::newRow("K4 garbage DER-ish")   << QByteArray("\x30\x03\x02\x01\x05", 5)   << none << Code::NotPem        << QString();
    QTest::newRow("empty")                << QByteArray()                            << none << Code::NotPem        << QStringLiteral("empty");
    QTest::newRow("whitespace only")      << QByteArray(" \r\n\t\n")                 << none << Code::NotPem        << QStringLiteral("empty");
    QTest::newRow("unknown PEM label")    << QByteArray("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n") << none << Code::NotPem << QStringLiteral("FOO");
    // K2: encrypted without a passphrase (never a terminal prompt), and wrong passphrases.
    QTest::newRow("K2 PKCS#8 no passphrase")   << fixture("test-only-rsa2048-enc-pkcs8.pem")  << none  << Code::NeedsPassphrase << QStringLiteral("passphrase");
    QTest::newRow("K2 DER no passphrase")      << fixture("test-only-rsa2048-enc-pkcs8.der")  << none  << Code::NeedsPassphrase << QStringLiteral("passphrase");
    QTest::newRow("K2 legacy no passphrase")   << fixture("test-only-rsa2048-enc-legacy.pem") << none  << Code::NeedsPassphrase << QStringLiteral("passphrase");
    QTest::newRow("K2 scrypt no passphrase")   << fixture("test-only-rsa2048-enc-scrypt.pem") << none  << Code::NeedsPassphrase << QStringLiteral("passphrase");
    QTest::newRow("K2 PKCS#8 wrong passphrase") << fixture("test-only-rsa2048-enc-pkcs8.pem") << wrong << Code::WrongPassphrase << wrongPass;
    QTest::newRow("K2 DER wrong passphrase")   << fixture("test-only-rsa2048-enc-pkcs8.der")  << wrong << Code::WrongPassphrase << wrongPass;
    QTest::newRow("K2 scrypt wrong passphrase") << fixture("test-only-rsa2048-enc-scrypt.pem") << wrong << Code::WrongPassphrase << wrongPass;
    QTest::newRow("K2 legacy wrong passphrase") << fixture("test-only-rsa2048-enc-legacy.pem") << wrong << Code::WrongPassphrase << wrongPass;
    QTest::newRow("K2 legacy EC wrong passphrase") << fixture("test-only-ec-p256-enc-legacy.pem") << wrong << Code::WrongPassphrase << wrongPass;
    // Damage.
    QTest::newRow("truncated (no END line)")  << truncated << none << Code::Malformed << QStringLiteral("truncated");
    QTest::newRow("body not base64")          << badBase64 << none << Code::Malformed << QString();
    QTest::newRow("damaged DER in the body")  << badDer    << none << Code::Malformed << QString();
    // clang-format on
}

void TestKeys::refusesWrongInputs()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, passphrase);
    QFETCH(Code, expected);
    QFETCH(QString, messagePart);

    const auto key = Crypto::PrivateKey::fromData(data, pass(passphrase));
    SB_VERIFY_ERROR(key, expected);
    const QString message = key.error().message;
    QVERIFY2(messagePart.isEmpty() || message.contains(messagePart), qPrintable(message));
    // A person's message, not a bare OpenSSL string, and never the passphrase.
    QVERIFY2(!message.contains(QStringLiteral("routines")), qPrintable(message));
    QVERIFY(passphrase.isEmpty() || !message.contains(QString::fromLatin1(passphrase)));
}

void TestKeys::refusesSpecialFilesWithoutHanging_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<Code>("expected");
    const QString big
        = CryptoTest::writeFile(m_dir, QStringLiteral("big.pem"), QByteArray(1024 * 1024 + 1, 'A'));
    const QString justFits
        = CryptoTest::writeFile(m_dir, QStringLiteral("1mib.bin"), QByteArray(1024 * 1024, 'A'));
    const QString empty = CryptoTest::writeFile(m_dir, QStringLiteral("empty.pem"), {});
    // K4: "a 500 MB file, a FIFO or device"; only regular files up to 1 MiB are read.
    QTest::newRow("K4 directory") << m_dir.path() << Code::NotRegularFile;
#ifdef Q_OS_UNIX
    QTest::newRow("K4 FIFO") << m_fifoPath << Code::NotRegularFile;
    QTest::newRow("K4 device") << QStringLiteral("/dev/zero") << Code::NotRegularFile;
#endif
    QTest::newRow("K4 over 1 MiB") << big << Code::FileTooLarge;
    QTest::newRow("exactly 1 MiB of junk") << justFits << Code::NotPem;
    QTest::newRow("empty file") << empty << Code::NotPem;
    QTest::newRow("missing") << m_dir.filePath(QStringLiteral("nope.pem")) << Code::FileNotFound;
}

void TestKeys::refusesSpecialFilesWithoutHanging()
{
    QFETCH(QString, path);
    QFETCH(Code, expected);
    QElapsedTimer timer;
    timer.start();
    const auto key = Crypto::PrivateKey::fromFile(path);
    SB_VERIFY_ERROR(key, expected);
    const auto pub = Crypto::PublicKey::fromFile(path);
    SB_VERIFY_ERROR(pub, expected);
    QVERIFY2(timer.elapsed() < 5000, "a special file made the loader wait");
    if (expected == Code::FileTooLarge) {
        QVERIFY2(key.error().message.contains(QStringLiteral("File too large (over 1 MiB)")),
                 qPrintable(key.error().message));
    }
    if (expected == Code::NotRegularFile) {
        QVERIFY2(key.error().message.contains(QStringLiteral("Not a regular file")),
                 qPrintable(key.error().message));
    }
}

void TestKeys::readSmallFileHonoursTheCap()
{
    const QString path
        = CryptoTest::writeFile(m_dir, QStringLiteral("hundred.bin"), QByteArray(100, 'x'));
    const auto exact = Crypto::readSmallFile(path, 100);
    SB_VERIFY_RESULT(exact);
    QCOMPARE(exact->size(), 100);
    SB_VERIFY_ERROR(Crypto::readSmallFile(path, 99), Code::FileTooLarge);
    SB_VERIFY_ERROR(Crypto::readSmallFile(QString()), Code::FileNotFound);
#ifdef Q_OS_UNIX
    SB_VERIFY_ERROR(Crypto::readSmallFile(m_fifoPath), Code::NotRegularFile);
#endif
}

void TestKeys::checksKdfCostBeforeDeriving_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<Crypto::KdfCaps>("caps");
    QTest::addColumn<Code>("expected");

    // Encrypted PKCS#8 files with absurd KDF costs, built as ASN.1 by the openssl CLI (running
    // the KDF to make them for real would take hours). The ciphertext is junk: if the cost
    // check failed, the loader would first spend the hours and only then fail.
    auto build = [this](const QString &name, const QByteArray &kdf) {
        const QByteArray conf
            = "asn1=SEQUENCE:epki\n"
              "[epki]\nalg=SEQUENCE:pbes2alg\n"
              "data=FORMAT:HEX,OCTETSTRING:"
              + QByteArray(64, 'a')
              + "\n"
                "[pbes2alg]\noid=OID:1.2.840.113549.1.5.13\nparams=SEQUENCE:pbes2params\n"
                "[pbes2params]\nkdf=SEQUENCE:kdf\nenc=SEQUENCE:enc\n"
                "[enc]\noid=OID:2.16.840.1.101.3.4.1.42\n"
                "iv=FORMAT:HEX,OCTETSTRING:00112233445566778899aabbccddeeff\n"
              + kdf;
        const QString confPath = CryptoTest::writeFile(m_dir, name + QStringLiteral(".cnf"), conf);
        const QString derPath = m_dir.filePath(name + QStringLiteral(".der"));
        const auto made = CryptoTest::openssl(
            {QStringLiteral("asn1parse"), QStringLiteral("-genconf"), confPath,
             QStringLiteral("-out"), derPath, QStringLiteral("-noout")});
        QFile file(derPath);
        if (!made.ok() || !file.open(QIODevice::ReadOnly)) {
            qFatal("asn1parse failed: %s", made.err.constData());
        }
        return file.readAll();
    };
    const QByteArray pbkdf2Billion
        = build(QStringLiteral("pbkdf2-1e9"),
                "[kdf]\noid=OID:1.2.840.113549.1.5.12\nparams=SEQUENCE:kdfparams\n"
                "[kdfparams]\nsalt=FORMAT:HEX,OCTETSTRING:0011223344556677\n"
                "iter=INTEGER:1000000000\nprf=SEQUENCE:prf\n"
                "[prf]\noid=OID:1.2.840.113549.2.9\nnull=NULL\n");
    const QByteArray scryptHuge
        = build(QStringLiteral("scrypt-2e30"),
                "[kdf]\noid=OID:1.3.6.1.4.1.11591.4.11\nparams=SEQUENCE:kdfparams\n"
                "[kdfparams]\nsalt=FORMAT:HEX,OCTETSTRING:0011223344556677\n"
                "n=INTEGER:1073741824\nr=INTEGER:8\np=INTEGER:1\n");
    const QByteArray scryptOverOpenSslMemory
        = build(QStringLiteral("scrypt-2e15"),
                "[kdf]\noid=OID:1.3.6.1.4.1.11591.4.11\nparams=SEQUENCE:kdfparams\n"
                "[kdfparams]\nsalt=FORMAT:HEX,OCTETSTRING:0011223344556677\n"
                "n=INTEGER:32768\nr=INTEGER:8\np=INTEGER:1\n");
    const QByteArray unknownKdf
        = build(QStringLiteral("unknown-kdf"), "[kdf]\noid=OID:1.2.3.4\nparams=SEQUENCE:kdfparams\n"
                                               "[kdfparams]\nx=INTEGER:1\n");

    const Crypto::KdfCaps defaults;
    Crypto::KdfCaps lowIterations;
    lowIterations.maxPbkdf2Iterations = 1000;
    Crypto::KdfCaps lowScrypt;
    lowScrypt.maxScryptLogN = 10;
    auto fixture = [](const char *name) { return readFixture(QString::fromLatin1(name)); };
    // clang-format off
    // K3: PBKDF2 iterations 10^9 and scrypt N = 2^30 are refused with the default caps.
    QTest::newRow("K3 PBKDF2 1e9 iterations")  << pbkdf2Billion << defaults << Code::KdfTooCostly;
    QTest::newRow("K3 scrypt N=2^30")          << scryptHuge    << defaults << Code::KdfTooCostly;
    QTest::newRow("scrypt above OpenSSL's 32 MiB") << scryptOverOpenSslMemory << defaults << Code::KdfTooCostly;
    QTest::newRow("unknown KDF")               << unknownKdf    << defaults << Code::Malformed;
    // Real files made by `openssl pkcs8 -topk8` under deliberately low caps.
    QTest::newRow("K3 2048 iterations, cap 1000")     << fixture("test-only-rsa2048-enc-pkcs8.pem") << lowIterations << Code::KdfTooCostly;
    QTest::newRow("K3 DER 2048 iterations, cap 1000") << fixture("test-only-rsa2048-enc-pkcs8.der") << lowIterations << Code::KdfTooCostly;
    QTest::newRow("K3 scrypt 2^14, cap 2^10")         << fixture("test-only-rsa2048-enc-scrypt.pem") << lowScrypt   << Code::KdfTooCostly;
    // clang-format on
}

void TestKeys::checksKdfCostBeforeDeriving()
{
    QFETCH(QByteArray, data);
    QFETCH(Crypto::KdfCaps, caps);
    QFETCH(Code, expected);
    QElapsedTimer timer;
    timer.start();
    const auto key = Crypto::PrivateKey::fromData(data, pass(kPassphrase), caps);
    SB_VERIFY_ERROR(key, expected);
    QVERIFY2(timer.elapsed() < 2000, "the KDF seems to have run before the cost check");
    // PEM or DER: the same check, also for an armoured copy of DER input.
    if (data.startsWith('\x30')) {
        const QByteArray pem = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + data.toBase64()
                               + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
        SB_VERIFY_ERROR(Crypto::PrivateKey::fromData(pem, pass(kPassphrase), caps), expected);
    }
}

void TestKeys::describesKeys_data()
{
    using Crypto::Curve;
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("description");
    QTest::addColumn<QString>("curveName");
    QTest::addColumn<QString>("typeName");
    QTest::addColumn<int>("algorithmCount");
    // clang-format off
    QTest::newRow("RSA")          << "test-only-rsa2048-pkcs8.pem"    << "RSA 2048-bit"     << ""           << "RSA"     << 6;
    QTest::newRow("RSA 1024")     << "test-only-rsa1024.pem"          << "RSA 1024-bit"     << ""           << "RSA"     << 6;
    QTest::newRow("RSA-PSS")      << "test-only-rsa-pss-2048.pem"     << "RSA-PSS 2048-bit" << ""           << "RSA-PSS" << 3;
    QTest::newRow("RSA-PSS SHA-384 only") << "test-only-rsa-pss-sha384-2048.pem" << "RSA-PSS 2048-bit, PSS with SHA-384 only" << "" << "RSA-PSS" << 1;
    QTest::newRow("P-256 (prime256v1)") << "test-only-ec-p256-pkcs8.pem" << "EC P-256" << "prime256v1" << "EC" << 1;
    QTest::newRow("P-384 (secp384r1)")  << "test-only-ec-p384.pem"       << "EC P-384" << "secp384r1"  << "EC" << 1;
    QTest::newRow("P-521 (secp521r1)")  << "test-only-ec-p521.pem"       << "EC P-521" << "secp521r1"  << "EC" << 1;
    // K6: loads, but fits no JWS algorithm we sign with.
    QTest::newRow("K6 secp256k1") << "test-only-ec-secp256k1.pem" << "EC secp256k1" << "secp256k1" << "EC"      << 0;
    QTest::newRow("K6 Ed25519")   << "test-only-ed25519.pem"      << "ED25519"      << ""          << "ED25519" << 0;
    // clang-format on
}

void TestKeys::describesKeys()
{
    QFETCH(QString, file);
    QFETCH(QString, description);
    QFETCH(QString, curveName);
    QFETCH(QString, typeName);
    QFETCH(int, algorithmCount);
    const auto key = Crypto::PrivateKey::fromFile(keyPath(file));
    SB_VERIFY_RESULT(key);
    const Crypto::KeyInfo info = key->info();
    QCOMPARE(info.describe(), description);
    QCOMPARE(info.curveName, curveName);
    QCOMPARE(info.typeName, typeName);
    QCOMPARE(Crypto::algorithmsForKey(info).size(), algorithmCount);
    QCOMPARE(key->publicKey().info().describe(), description);
}

void TestKeys::loadsPublicKeys_data()
{
    QTest::addColumn<QString>("file");
    // One public key, every form PublicKey::fromData accepts.
    QTest::newRow("PUBLIC KEY") << QStringLiteral("test-only-rsa2048-pub.pem");
    QTest::newRow("RSA PUBLIC KEY") << QStringLiteral("test-only-rsa2048-rsapub.pem");
    QTest::newRow("certificate PEM") << QStringLiteral("test-only-rsa2048-cert.pem");
    QTest::newRow("certificate DER") << QStringLiteral("test-only-rsa2048-cert.der");
    QTest::newRow("certificate CRLF") << QStringLiteral("test-only-rsa2048-cert-crlf.pem");
    QTest::newRow("private PKCS#8 PEM") << QStringLiteral("test-only-rsa2048-pkcs8.pem");
    QTest::newRow("private PKCS#1 PEM") << QStringLiteral("test-only-rsa2048-pkcs1.pem");
    QTest::newRow("private PKCS#8 DER") << QStringLiteral("test-only-rsa2048-pkcs8.der");
    QTest::newRow("private PKCS#1 DER") << QStringLiteral("test-only-rsa2048-pkcs1.der");
    QTest::newRow("cert then key") << QStringLiteral("test-only-rsa2048-cert-then-key.pem");
    QTest::newRow("key then cert") << QStringLiteral("test-only-rsa2048-key-then-cert.pem");
}

void TestKeys::loadsPublicKeys()
{
    QFETCH(QString, file);
    const auto key = Crypto::PublicKey::fromFile(keyPath(file));
    SB_VERIFY_RESULT(key);
    QVERIFY(key->equals(m_rsa2048Public));
    QVERIFY(!key->info().hasPrivate);
    QCOMPARE(key->toPem(), readFixture(QStringLiteral("test-only-rsa2048-pub.pem")));
}

void TestKeys::refusesWrongPublicInputs_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Code>("expected");
    // clang-format off
    QTest::newRow("encrypted PKCS#8") << "test-only-rsa2048-enc-pkcs8.pem"  << Code::NeedsPassphrase;
    QTest::newRow("legacy encrypted") << "test-only-rsa2048-enc-legacy.pem" << Code::NeedsPassphrase;
    QTest::newRow("OpenSSH public")   << "test-only-openssh-ed25519.pub"    << Code::OpenSshKey;
    QTest::newRow("OpenSSH private")  << "test-only-openssh-ed25519"        << Code::OpenSshKey;
    QTest::newRow("PuTTY")            << "test-only-putty.ppk"              << Code::PuttyKey;
    QTest::newRow("PKCS#12")          << "test-only-rsa2048.p12"            << Code::Pkcs12;
    QTest::newRow("CSR")              << "test-only-rsa2048-csr.pem"        << Code::NotPem;
    QTest::newRow("script")           << "generate-test-keys.sh"            << Code::NotPem;
    // clang-format on
}

void TestKeys::refusesWrongPublicInputs()
{
    QFETCH(QString, file);
    QFETCH(Code, expected);
    SB_VERIFY_ERROR(Crypto::PublicKey::fromFile(keyPath(file)), expected);
}

void TestKeys::importsRsaComponents()
{
    using CryptoTest::b64u;
    using namespace RfcVectors;
    // RFC 7515 A.2 with all CRT values; with n, e, d only (OpenSSL 3 then signs without the
    // CRT); and with p and q but no CRT values (we derive them). RS256 is deterministic, so
    // each must reproduce the published signature.
    const auto full
        = Crypto::PrivateKey::fromRsaComponents(b64u(kA2N), b64u(kA2E), b64u(kA2D), b64u(kA2P),
                                                b64u(kA2Q), b64u(kA2Dp), b64u(kA2Dq), b64u(kA2Qi));
    SB_VERIFY_RESULT(full);
    verifyReproducesA2(*full);
    const auto noCrt = Crypto::PrivateKey::fromRsaComponents(b64u(kA2N), b64u(kA2E), b64u(kA2D));
    SB_VERIFY_RESULT(noCrt);
    verifyReproducesA2(*noCrt);
    const auto derived = Crypto::PrivateKey::fromRsaComponents(b64u(kA2N), b64u(kA2E), b64u(kA2D),
                                                               b64u(kA2P), b64u(kA2Q));
    SB_VERIFY_RESULT(derived);
    verifyReproducesA2(*derived);

    const auto pub = Crypto::PublicKey::fromRsaComponents(b64u(kA2N), b64u(kA2E));
    SB_VERIFY_RESULT(pub);
    QVERIFY(pub->equals(full->publicKey()));
    QVERIFY(pub->equals(noCrt->publicKey()));
    QCOMPARE(pub->info().type, Crypto::KeyType::Rsa);
    QCOMPARE(pub->info().bits, 2048);
    // Leading zero bytes in a component are harmless (JWK forbids them; be lenient on input).
    const auto padded = Crypto::PublicKey::fromRsaComponents(
        QByteArray(QByteArray(2, '\0') + b64u(kA2N)), QByteArray(QByteArray(1, '\0') + b64u(kA2E)));
    SB_VERIFY_RESULT(padded);
    QVERIFY(padded->equals(*pub));
}

void TestKeys::refusesBadRsaComponents_data()
{
    using CryptoTest::b64u;
    using namespace RfcVectors;
    QTest::addColumn<QByteArray>("n");
    QTest::addColumn<QByteArray>("e");
    QTest::addColumn<QByteArray>("d");
    QTest::addColumn<QByteArray>("p");
    QTest::addColumn<QByteArray>("q");
    QTest::addColumn<QByteArray>("dp");
    QTest::addColumn<Code>("expected");
    const QByteArray n = b64u(kA2N);
    const QByteArray e = b64u(kA2E);
    const QByteArray d = b64u(kA2D);
    QByteArray wrongD = d;
    wrongD[wrongD.size() - 1] = static_cast<char>(wrongD.back() ^ 0x02);
    QByteArray evenN = n;
    evenN[evenN.size() - 1] = static_cast<char>(evenN.back() & ~1);
    const QByteArray none;
    // clang-format off
    QTest::newRow("no d")              << n << e << none   << none << none << none << Code::InvalidArgument;
    QTest::newRow("d of another key")  << n << e << wrongD << none << none << none << Code::Malformed;
    QTest::newRow("p*q != n")          << n << e << d << b64u(kA2P) << b64u(kA2Dp) << none << Code::Malformed;
    QTest::newRow("p without q")       << n << e << d << b64u(kA2P) << none << none << Code::InvalidArgument;
    QTest::newRow("dp without dq, qi") << n << e << d << b64u(kA2P) << b64u(kA2Q) << b64u(kA2Dp) << Code::InvalidArgument;
    QTest::newRow("even modulus")      << evenN << e << d << none << none << none << Code::InvalidArgument;
    QTest::newRow("e = 1")             << n << QByteArray("\x01") << d << none << none << none << Code::InvalidArgument;
    QTest::newRow("512-bit floor")     << QByteArray(32, '\xff') << e << QByteArray("\x01") << none << none << none << Code::InvalidArgument;
    QTest::newRow("empty n")           << none << e << d << none << none << none << Code::InvalidArgument;
    // clang-format on
}

void TestKeys::refusesBadRsaComponents()
{
    QFETCH(QByteArray, n);
    QFETCH(QByteArray, e);
    QFETCH(QByteArray, d);
    QFETCH(QByteArray, p);
    QFETCH(QByteArray, q);
    QFETCH(QByteArray, dp);
    QFETCH(Code, expected);
    SB_VERIFY_ERROR(Crypto::PrivateKey::fromRsaComponents(n, e, d, p, q, dp), expected);
}

void TestKeys::importsEcComponents()
{
    using CryptoTest::b64u;
    using namespace RfcVectors;
    // RFC 7515 A.3 (P-256) and RFC 7520 §3.2 (P-521).
    const auto p256 = Crypto::PrivateKey::fromEcComponents(Crypto::Curve::P256, b64u(kA3X),
                                                           b64u(kA3Y), b64u(kA3D));
    SB_VERIFY_RESULT(p256);
    QCOMPARE(p256->info().curve, Crypto::Curve::P256);
    QCOMPARE(p256->info().curveName, QStringLiteral("prime256v1"));
    const auto p256Public
        = Crypto::PublicKey::fromEcComponents(Crypto::Curve::P256, b64u(kA3X), b64u(kA3Y));
    SB_VERIFY_RESULT(p256Public);
    QVERIFY(p256Public->equals(p256->publicKey()));

    const auto p521 = Crypto::PrivateKey::fromEcComponents(Crypto::Curve::P521, b64u(kBilboEcX),
                                                           b64u(kBilboEcY), b64u(kBilboEcD));
    SB_VERIFY_RESULT(p521);
    QCOMPARE(p521->info().bits, 521);
    QCOMPARE(p521->info().curve, Crypto::Curve::P521);
    // The P-521 x starts with a zero byte; a JWK that dropped it is padded back.
    QVERIFY(b64u(kBilboEcX).startsWith('\0'));
    const auto shortX = Crypto::PublicKey::fromEcComponents(
        Crypto::Curve::P521, b64u(kBilboEcX).mid(1), b64u(kBilboEcY));
    SB_VERIFY_RESULT(shortX);
    QVERIFY(shortX->equals(p521->publicKey()));
}

void TestKeys::refusesBadEcComponents_data()
{
    using CryptoTest::b64u;
    using namespace RfcVectors;
    using Crypto::Curve;
    QTest::addColumn<Curve>("curve");
    QTest::addColumn<QByteArray>("x");
    QTest::addColumn<QByteArray>("y");
    QTest::addColumn<QByteArray>("d");
    QTest::addColumn<Code>("expected");
    const QByteArray x = b64u(kA3X);
    const QByteArray y = b64u(kA3Y);
    const QByteArray d = b64u(kA3D);
    QByteArray offCurveY = y;
    offCurveY[31] = static_cast<char>(offCurveY[31] ^ 0x01);
    QByteArray otherD = d;
    otherD[31] = static_cast<char>(otherD[31] ^ 0x01);
    // clang-format off
    QTest::newRow("point off the curve")     << Curve::P256 << x << offCurveY << d << Code::Malformed;
    QTest::newRow("d of another key")        << Curve::P256 << x << y << otherD << Code::Malformed;
    QTest::newRow("coordinates for P-256 on P-384") << Curve::P384 << x << y << d << Code::Malformed;
    QTest::newRow("x too long")              << Curve::P256 << ("\x01" + x) << y << d << Code::InvalidArgument;
    QTest::newRow("empty x")                 << Curve::P256 << QByteArray() << y << d << Code::InvalidArgument;
    QTest::newRow("curve Other")             << Curve::Other << x << y << d << Code::UnsupportedKey;
    QTest::newRow("curve None")              << Curve::None  << x << y << d << Code::UnsupportedKey;
    // clang-format on
}

void TestKeys::refusesBadEcComponents()
{
    QFETCH(Crypto::Curve, curve);
    QFETCH(QByteArray, x);
    QFETCH(QByteArray, y);
    QFETCH(QByteArray, d);
    QFETCH(Code, expected);
    SB_VERIFY_ERROR(Crypto::PrivateKey::fromEcComponents(curve, x, y, d), expected);
    if (QTest::currentDataTag() != QByteArrayView("d of another key")) {
        SB_VERIFY_ERROR(Crypto::PublicKey::fromEcComponents(curve, x, y), expected);
    }
}

void TestKeys::generatesKeys_data()
{
    using Crypto::Curve;
    using Crypto::KeyType;
    QTest::addColumn<KeyType>("type");
    QTest::addColumn<int>("bits");
    QTest::addColumn<Curve>("curve");
    QTest::addColumn<int>("expectedBits");
    // clang-format off
    QTest::newRow("RSA 2048 (tests, RFC 7523)") << KeyType::Rsa    << 2048 << Curve::None << 2048;
    QTest::newRow("RSA-PSS 3072")               << KeyType::RsaPss << 3072 << Curve::None << 3072;
    QTest::newRow("RSA 4096 (the one 4096 key)") << KeyType::Rsa   << 4096 << Curve::None << 4096;
    QTest::newRow("EC P-256")                   << KeyType::Ec     << 0    << Curve::P256 << 256;
    QTest::newRow("EC P-384")                   << KeyType::Ec     << 0    << Curve::P384 << 384;
    QTest::newRow("EC P-521")                   << KeyType::Ec     << 0    << Curve::P521 << 521;
    // clang-format on
}

void TestKeys::generatesKeys()
{
    QFETCH(Crypto::KeyType, type);
    QFETCH(int, bits);
    QFETCH(Crypto::Curve, curve);
    QFETCH(int, expectedBits);
    const auto key = Crypto::generateKey({type, bits, curve});
    SB_VERIFY_RESULT(key);
    const Crypto::KeyInfo info = key->info();
    QCOMPARE(info.type, type);
    QCOMPARE(info.bits, expectedBits);
    QCOMPARE(info.curve, type == Crypto::KeyType::Ec ? curve : Crypto::Curve::None);
    QVERIFY(!info.pssRestricted);
    const auto algorithms = Crypto::algorithmsForKey(info);
    QVERIFY(!algorithms.isEmpty());
    const auto signature = Crypto::sign(*key, algorithms.last(), "payload");
    SB_VERIFY_RESULT(signature);
    SB_VERIFY_RESULT(Crypto::verify(key->publicKey(), algorithms.last(), "payload", *signature));
    // Two generations never give the same key.
    if (type == Crypto::KeyType::Ec) {
        const auto other = Crypto::generateKey({type, bits, curve});
        SB_VERIFY_RESULT(other);
        QVERIFY(!other->publicKey().equals(key->publicKey()));
    }
}

void TestKeys::refusesBadKeySpecs_data()
{
    using Crypto::Curve;
    using Crypto::KeyType;
    QTest::addColumn<KeyType>("type");
    QTest::addColumn<int>("bits");
    QTest::addColumn<Curve>("curve");
    // clang-format off
    QTest::newRow("RSA 1024")     << KeyType::Rsa    << 1024 << Curve::None;
    QTest::newRow("RSA 2047")     << KeyType::Rsa    << 2047 << Curve::None;
    QTest::newRow("RSA 8192")     << KeyType::Rsa    << 8192 << Curve::None;
    QTest::newRow("RSA-PSS 1024") << KeyType::RsaPss << 1024 << Curve::None;
    QTest::newRow("EC Other")     << KeyType::Ec     << 0    << Curve::Other;
    QTest::newRow("EC None")      << KeyType::Ec     << 0    << Curve::None;
    QTest::newRow("type Other")   << KeyType::Other  << 0    << Curve::None;
    // clang-format on
}

void TestKeys::refusesBadKeySpecs()
{
    QFETCH(Crypto::KeyType, type);
    QFETCH(int, bits);
    QFETCH(Crypto::Curve, curve);
    SB_VERIFY_ERROR(Crypto::generateKey({type, bits, curve}), Code::InvalidArgument);
}

void TestKeys::exportsPkcs8ThatOpenSslReads_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("RSA from PKCS#1") << QStringLiteral("test-only-rsa2048-pkcs1.pem");
    QTest::newRow("RSA-PSS") << QStringLiteral("test-only-rsa-pss-2048.pem");
    QTest::newRow("RSA-PSS restricted") << QStringLiteral("test-only-rsa-pss-sha384-2048.pem");
    QTest::newRow("EC from SEC1") << QStringLiteral("test-only-ec-p256-sec1.pem");
    QTest::newRow("Ed25519") << QStringLiteral("test-only-ed25519.pem");
}

void TestKeys::exportsPkcs8ThatOpenSslReads()
{
    QFETCH(QString, file);
    const auto key = Crypto::PrivateKey::fromFile(keyPath(file));
    SB_VERIFY_RESULT(key);
    const auto pem = key->toPkcs8Pem();
    SB_VERIFY_RESULT(pem);
    QVERIFY(pem->view().startsWith("-----BEGIN PRIVATE KEY-----\n"));

    const QString path
        = CryptoTest::writeFile(m_dir, QStringLiteral("export.pem"), pem->exposeForApi());
    const auto cli = CryptoTest::openssl(
        {QStringLiteral("pkey"), QStringLiteral("-in"), path, QStringLiteral("-pubout")});
    QVERIFY2(cli.ok(), cli.describe().constData());
    QCOMPARE(cli.out, key->publicKey().toPem());

    const auto reloaded = Crypto::PrivateKey::fromData(pem->view());
    SB_VERIFY_RESULT(reloaded);
    QVERIFY(reloaded->publicKey().equals(key->publicKey()));
    QCOMPARE(reloaded->info().describe(), key->info().describe());
}

void TestKeys::exportsEncryptedPkcs8ThatOpenSslReads_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("iterations");
    QTest::addColumn<QByteArray>("iterationsHex"); // as `openssl asn1parse` prints the INTEGER
    QTest::newRow("RSA-PSS, 600000")
        << QStringLiteral("test-only-rsa-pss-2048.pem") << 600'000 << QByteArray("0927C0");
    QTest::newRow("EC P-256, 700000")
        << QStringLiteral("test-only-ec-p256-pkcs8.pem") << 700'000 << QByteArray("0AAE60");
}

void TestKeys::exportsEncryptedPkcs8ThatOpenSslReads()
{
    QFETCH(QString, file);
    QFETCH(int, iterations);
    QFETCH(QByteArray, iterationsHex);
    const QByteArray passphrase("correct horse battery staple");
    const auto key = Crypto::PrivateKey::fromFile(keyPath(file));
    SB_VERIFY_RESULT(key);
    const auto pem = key->toEncryptedPkcs8Pem(pass(passphrase), iterations);
    SB_VERIFY_RESULT(pem);
    QVERIFY(pem->view().startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    const QString path
        = CryptoTest::writeFile(m_dir, QStringLiteral("export-enc.pem"), pem->exposeForApi());

    // The openssl CLI opens it with the passphrase and finds the same key…
    const auto cli = CryptoTest::openssl(
        {QStringLiteral("pkey"), QStringLiteral("-in"), path, QStringLiteral("-passin"),
         QStringLiteral("pass:") + QString::fromLatin1(passphrase), QStringLiteral("-pubout")});
    QVERIFY2(cli.ok(), cli.describe().constData());
    QCOMPARE(cli.out, key->publicKey().toPem());
    // …and not without it.
    const auto wrong = CryptoTest::openssl({QStringLiteral("pkey"), QStringLiteral("-in"), path,
                                            QStringLiteral("-passin"), QStringLiteral("pass:nope"),
                                            QStringLiteral("-pubout")});
    QVERIFY(!wrong.ok());

    // The parameters, as the CLI's ASN.1 dump shows them: PBES2, PBKDF2-HMAC-SHA256 with the
    // asked iterations and a 16-byte salt, AES-256-CBC.
    const auto dump
        = CryptoTest::openssl({QStringLiteral("asn1parse"), QStringLiteral("-in"), path});
    QVERIFY2(dump.ok(), dump.describe().constData());
    QVERIFY2(dump.out.contains(":PBES2"), dump.out.constData());
    QVERIFY(dump.out.contains(":PBKDF2"));
    QVERIFY(dump.out.contains(":hmacWithSHA256"));
    QVERIFY(dump.out.contains(":aes-256-cbc"));
    QVERIFY2(dump.out.contains(QByteArray("INTEGER           :" + iterationsHex)),
             dump.out.constData());
    const QList<QByteArray> lines = dump.out.split('\n');
    const auto pbkdf2 = std::find_if(lines.cbegin(), lines.cend(),
                                     [](const QByteArray &l) { return l.contains(":PBKDF2"); });
    QVERIFY(pbkdf2 != lines.cend() && std::next(pbkdf2, 2) < lines.cend());
    const QByteArray saltLine = *std::next(pbkdf2, 2);
    QVERIFY2(saltLine.contains("l=  16 prim: OCTET STRING"), saltLine.constData());

    // Ours reads it back, and a wrong passphrase is the one friendly message.
    const auto reloaded = Crypto::PrivateKey::fromData(pem->view(), pass(passphrase));
    SB_VERIFY_RESULT(reloaded);
    QVERIFY(reloaded->publicKey().equals(key->publicKey()));
    SB_VERIFY_ERROR(Crypto::PrivateKey::fromData(pem->view(), pass("Correct horse battery staple")),
                    Code::WrongPassphrase);
}

void TestKeys::refusesWeakEncryptedExport_data()
{
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<int>("iterations");
    const QByteArray pw("long enough passphrase");
    QTest::newRow("599999 iterations") << pw << 599'999;
    QTest::newRow("openssl's default 2048") << pw << 2048;
    QTest::newRow("zero") << pw << 0;
    QTest::newRow("negative") << pw << -1;
    QTest::newRow("above the loader's cap") << pw << 10'000'001;
    QTest::newRow("empty passphrase") << QByteArray() << 600'000;
}

void TestKeys::refusesWeakEncryptedExport()
{
    QFETCH(QByteArray, passphrase);
    QFETCH(int, iterations);
    const auto key
        = Crypto::PrivateKey::fromFile(keyPath(QStringLiteral("test-only-ec-p256-pkcs8.pem")));
    SB_VERIFY_RESULT(key);
    SB_VERIFY_ERROR(key->toEncryptedPkcs8Pem(pass(passphrase), iterations), Code::InvalidArgument);
    SB_VERIFY_ERROR(Crypto::PrivateKey().toPkcs8Pem(), Code::InvalidArgument);
}

void TestKeys::loadsRsaPssKeyFromOpenSslGenpkey()
{
    // K7, made now by the installed CLI rather than taken from a fixture.
    const QString path = m_dir.filePath(QStringLiteral("genpkey-rsa-pss.pem"));
    const auto made = CryptoTest::openssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"),
                                           QStringLiteral("RSA-PSS"), QStringLiteral("-pkeyopt"),
                                           QStringLiteral("rsa_keygen_bits:2048"),
                                           QStringLiteral("-out"), path});
    QVERIFY2(made.ok(), made.describe().constData());
    const auto key = Crypto::PrivateKey::fromFile(path);
    SB_VERIFY_RESULT(key);
    QCOMPARE(key->info().type, Crypto::KeyType::RsaPss);
    QCOMPARE(key->info().typeName, QStringLiteral("RSA-PSS"));
    const QList<Crypto::JwsAlgorithm> expected{
        Crypto::JwsAlgorithm::PS256, Crypto::JwsAlgorithm::PS384, Crypto::JwsAlgorithm::PS512};
    QCOMPARE(Crypto::algorithmsForKey(key->info()), expected);
}

void TestKeys::secureHeapInitialisesOnce()
{
    const bool first = Crypto::initSecureHeap();
    QCOMPARE(Crypto::initSecureHeap(), first);
    // Keys still load and sign with the secure heap in place (initTestCase turned it on).
    const auto key
        = Crypto::PrivateKey::fromFile(keyPath(QStringLiteral("test-only-ec-p256-pkcs8.pem")));
    SB_VERIFY_RESULT(key);
    SB_VERIFY_RESULT(Crypto::sign(*key, Crypto::JwsAlgorithm::ES256, "x"));
}

QTEST_GUILESS_MAIN(TestKeys)
#include "TestKeys.moc"
