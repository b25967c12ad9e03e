// SPDX-License-Identifier: MIT
// Certificates: reading from every container, the facts info() reports (checked against the
// openssl command line), self-signed creation for the NetSuite upload, and key pairing.
#include "crypto/Certificate.h"
#include "crypto/Jws.h"
#include "support/ResultTesting.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "CryptoTestSupport.h"

using namespace Sb;
using CryptoTest::keyPath;
using CryptoTest::readFixture;
using Code = Crypto::CryptoError::Code;

Q_DECLARE_METATYPE(Sb::Crypto::CryptoError::Code)
Q_DECLARE_METATYPE(Sb::Crypto::PrivateKey)
Q_DECLARE_METATYPE(Sb::Crypto::CertificateRequest)

namespace {

/** The value `openssl x509 -noout <options>` prints after the '='. */
QByteArray cliField(const QString &certPath, const QStringList &options)
{
    const auto result
        = CryptoTest::openssl(QStringList{QStringLiteral("x509"), QStringLiteral("-in"), certPath,
                                          QStringLiteral("-noout")}
                              + options);
    const QByteArray line = result.out.trimmed();
    return line.mid(line.indexOf('=') + 1);
}

QDateTime fromOpenSslDate(const QByteArray &text)
{
    // e.g. "Nov 29 15:33:00 2026 GMT" (two spaces before a one-digit day)
    QDateTime parsed = QDateTime::fromString(QString::fromLatin1(text).simplified(),
                                             QStringLiteral("MMM d HH:mm:ss yyyy 'GMT'"));
    parsed.setTimeSpec(Qt::UTC);
    return parsed;
}

} // namespace

class TestCertificate final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readsCertificates_data();
    void readsCertificates();
    void refusesNonCertificates_data();
    void refusesNonCertificates();
    void infoMatchesOpenSsl();
    void createsSelfSigned_data();
    void createsSelfSigned();
    void openSslAcceptsOurCertificates_data();
    void openSslAcceptsOurCertificates();
    void validatesRequests_data();
    void validatesRequests();
    void pairsCertificatesWithKeys();
    void loadsNetSuiteRecipeOutput();
    void formatsFingerprints();

private:
    QTemporaryDir m_dir;
    Crypto::PrivateKey m_rsa;
    Crypto::PrivateKey m_rsaPss;
    Crypto::PrivateKey m_p256;
    Crypto::PrivateKey m_p384;
    Crypto::Certificate m_fixture;
};

void TestCertificate::initTestCase()
{
    QVERIFY2(!CryptoTest::opensslProgram().isEmpty(), "the openssl command line is needed");
    QVERIFY(m_dir.isValid());
    auto rsa = Crypto::PrivateKey::fromFile(keyPath(QStringLiteral("test-only-rsa2048-pkcs8.pem")));
    auto rsaPss = Crypto::generateKey({Crypto::KeyType::RsaPss, 2048, Crypto::Curve::None});
    auto p256 = Crypto::generateKey({Crypto::KeyType::Ec, 0, Crypto::Curve::P256});
    auto p384 = Crypto::generateKey({Crypto::KeyType::Ec, 0, Crypto::Curve::P384});
    auto fixture
        = Crypto::Certificate::fromFile(keyPath(QStringLiteral("test-only-rsa2048-cert.pem")));
    QVERIFY(rsa && rsaPss && p256 && p384);
    SB_VERIFY_RESULT(fixture);
    m_rsa = *rsa;
    m_rsaPss = *rsaPss;
    m_p256 = *p256;
    m_p384 = *p384;
    m_fixture = *fixture;
}

void TestCertificate::readsCertificates_data()
{
    QTest::addColumn<QString>("file");
    // K5: the certificate is found wherever it sits in the file, in PEM or DER, CRLF or not.
    QTest::newRow("PEM") << QStringLiteral("test-only-rsa2048-cert.pem");
    QTest::newRow("DER") << QStringLiteral("test-only-rsa2048-cert.der");
    QTest::newRow("K5 CRLF") << QStringLiteral("test-only-rsa2048-cert-crlf.pem");
    QTest::newRow("K5 certificate after the key")
        << QStringLiteral("test-only-rsa2048-key-then-cert.pem");
    QTest::newRow("K5 certificate before the key")
        << QStringLiteral("test-only-rsa2048-cert-then-key.pem");
}

void TestCertificate::readsCertificates()
{
    QFETCH(QString, file);
    const auto cert = Crypto::Certificate::fromFile(keyPath(file));
    SB_VERIFY_RESULT(cert);
    QCOMPARE(cert->toDer(), m_fixture.toDer());
    QCOMPARE(cert->toPem(), readFixture(QStringLiteral("test-only-rsa2048-cert.pem")));
    QVERIFY(cert->belongsTo(m_rsa));
}

void TestCertificate::refusesNonCertificates_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Code>("expected");
    // K4 in reverse: the user picked something that is not a certificate.
    // clang-format off
    QTest::newRow("private key PEM")  << "test-only-rsa2048-pkcs8.pem"   << Code::IsPrivateKey;
    QTest::newRow("private key DER")  << "test-only-rsa2048-pkcs8.der"   << Code::IsPrivateKey;
    QTest::newRow("PKCS#1 key DER")   << "test-only-rsa2048-pkcs1.der"   << Code::IsPrivateKey;
    QTest::newRow("enc. key DER")     << "test-only-rsa2048-enc-pkcs8.der" << Code::IsPrivateKey;
    QTest::newRow("encrypted key")    << "test-only-rsa2048-enc-pkcs8.pem" << Code::IsPrivateKey;
    QTest::newRow("public key")       << "test-only-rsa2048-pub.pem"     << Code::IsPublicKey;
    QTest::newRow("PKCS#12")          << "test-only-rsa2048.p12"         << Code::Pkcs12;
    QTest::newRow("OpenSSH key")      << "test-only-openssh-ed25519"     << Code::OpenSshKey;
    QTest::newRow("CSR")              << "test-only-rsa2048-csr.pem"     << Code::NotPem;
    QTest::newRow("PuTTY")            << "test-only-putty.ppk"           << Code::NotPem;
    QTest::newRow("a directory")      << "."                             << Code::NotRegularFile;
    QTest::newRow("missing")          << "no-such-cert.pem"              << Code::FileNotFound;
    // clang-format on
}

void TestCertificate::refusesNonCertificates()
{
    QFETCH(QString, file);
    QFETCH(Code, expected);
    SB_VERIFY_ERROR(Crypto::Certificate::fromFile(keyPath(file)), expected);
    if (expected != Code::NotRegularFile && expected != Code::FileNotFound) {
        SB_VERIFY_ERROR(Crypto::Certificate::fromData(readFixture(file)), expected);
    }
    SB_VERIFY_ERROR(Crypto::Certificate::fromData({}), Code::NotPem);
    QByteArray damaged = readFixture(QStringLiteral("test-only-rsa2048-cert.pem"));
    damaged.replace(300, 8, "AAAAAAAA");
    SB_VERIFY_ERROR(Crypto::Certificate::fromData(damaged), Code::Malformed);
}

void TestCertificate::infoMatchesOpenSsl()
{
    // The fixture was made by `openssl req -x509`; every fact must agree with `openssl x509`.
    const QString path = keyPath(QStringLiteral("test-only-rsa2048-cert.pem"));
    const Crypto::CertificateInfo info = m_fixture.info();
    QCOMPARE(info.subject, QStringLiteral("CN=test-only-rsa2048,O=Suitebench Tests,C=US"));
    QCOMPARE(info.issuer, info.subject);
    QCOMPARE(info.commonName, QStringLiteral("test-only-rsa2048"));
    QCOMPARE(info.serialHex.toLatin1(), cliField(path, {QStringLiteral("-serial")}));
    QCOMPARE(info.notBefore, fromOpenSslDate(cliField(path, {QStringLiteral("-startdate")})));
    QCOMPARE(info.notAfter, fromOpenSslDate(cliField(path, {QStringLiteral("-enddate")})));
    QCOMPARE(info.notBefore.timeSpec(), Qt::UTC);
    QCOMPARE(info.validityDays(), 3650);
    QCOMPARE(info.signatureAlgorithm, QStringLiteral("sha256WithRSAEncryption"));
    QCOMPARE(info.key.describe(), QStringLiteral("RSA 2048-bit"));
    QVERIFY(!info.key.hasPrivate);
    QCOMPARE(Crypto::CertificateInfo::formatFingerprint(info.sha256Fingerprint).toLatin1(),
             cliField(path, {QStringLiteral("-fingerprint"), QStringLiteral("-sha256")}));
    QCOMPARE(Crypto::CertificateInfo::formatFingerprint(info.sha1Fingerprint).toLatin1(),
             cliField(path, {QStringLiteral("-fingerprint"), QStringLiteral("-sha1")}));
    // Fingerprints are over the DER encoding.
    QCOMPARE(info.sha256Fingerprint, Crypto::hash(Crypto::Digest::Sha256, m_fixture.toDer()));
    QCOMPARE(info.sha1Fingerprint, Crypto::hash(Crypto::Digest::Sha1, m_fixture.toDer()));
    QVERIFY(info.selfSigned);
    QCOMPARE(info.version, 3);
    QVERIFY(info.dnsNames.isEmpty());
    QVERIFY(m_fixture.publicKey().equals(m_rsa.publicKey()));
}

void TestCertificate::createsSelfSigned_data()
{
    QTest::addColumn<Crypto::PrivateKey>("key");
    QTest::addColumn<Crypto::CertificateRequest>("request");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("signatureAlgorithm");

    Crypto::CertificateRequest plain; // defaults: CN=Suitebench, 730 days
    Crypto::CertificateRequest full;
    full.commonName = QStringLiteral("Suitebench Müller"); // UTF-8 survives
    full.organization = QStringLiteral("Example, Inc.");
    full.country = QStringLiteral("de");
    full.validityDays = 30;
    full.notBefore = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
    full.dnsNames = {QStringLiteral("localhost"), QStringLiteral("*.example.test")};
    full.ipAddresses = {QStringLiteral("127.0.0.1"), QStringLiteral("::1"),
                        QStringLiteral("2001:db8:0:0:1:0:0:1")};
    full.serverAuth = true;
    Crypto::CertificateRequest oneDay;
    oneDay.validityDays = 1;
    // clang-format off
    QTest::newRow("RSA, defaults")         << m_rsa    << plain  << "CN=Suitebench" << "sha256WithRSAEncryption";
    QTest::newRow("RSA, everything")       << m_rsa    << full   << "CN=Suitebench Müller,O=Example\\, Inc.,C=DE" << "sha256WithRSAEncryption";
    QTest::newRow("RSA-PSS (NetSuite's recipe)") << m_rsaPss << plain << "CN=Suitebench" << "rsassaPss";
    QTest::newRow("RSA-PSS, everything")   << m_rsaPss << full   << "CN=Suitebench Müller,O=Example\\, Inc.,C=DE" << "rsassaPss";
    QTest::newRow("EC P-256")              << m_p256   << oneDay << "CN=Suitebench" << "ecdsa-with-SHA256";
    QTest::newRow("EC P-384, everything")  << m_p384   << full   << "CN=Suitebench Müller,O=Example\\, Inc.,C=DE" << "ecdsa-with-SHA256";
    // clang-format on
}

void TestCertificate::createsSelfSigned()
{
    QFETCH(Crypto::PrivateKey, key);
    QFETCH(Crypto::CertificateRequest, request);
    QFETCH(QString, subject);
    QFETCH(QString, signatureAlgorithm);

    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const auto cert = Crypto::Certificate::createSelfSigned(key, request);
    SB_VERIFY_RESULT(cert);
    const Crypto::CertificateInfo info = cert->info();
    QCOMPARE(info.subject, subject);
    QCOMPARE(info.issuer, subject);
    QCOMPARE(info.commonName, request.commonName);
    QCOMPARE(info.version, 3);
    QVERIFY(info.selfSigned);
    QCOMPARE(info.signatureAlgorithm, signatureAlgorithm);
    QCOMPARE(info.validityDays(), request.validityDays);
    if (request.notBefore.isValid()) {
        QCOMPARE(info.notBefore, request.notBefore);
    } else {
        QVERIFY(info.notBefore >= before.addSecs(-1));
        QVERIFY(info.notBefore <= QDateTime::currentDateTimeUtc());
    }
    QCOMPARE(info.notAfter, info.notBefore.addDays(request.validityDays));
    // A positive serial of at most 128 bits, in upper-case hex.
    static const QRegularExpression hex(QStringLiteral("^[0-9A-F]{1,32}$"));
    QVERIFY2(hex.match(info.serialHex).hasMatch(), qPrintable(info.serialHex));
    QCOMPARE(info.dnsNames, request.dnsNames);
    const QStringList expectedIps
        = request.ipAddresses.isEmpty()
              ? QStringList()
              : QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("::1"),
                            QStringLiteral("2001:db8::1:0:0:1")};
    QCOMPARE(info.ipAddresses, expectedIps);
    QCOMPARE(info.key.describe(), key.info().describe());
    QVERIFY(cert->belongsTo(key));
    QVERIFY(cert->publicKey().equals(key.publicKey()));
    QCOMPARE(info.sha256Fingerprint, Crypto::hash(Crypto::Digest::Sha256, cert->toDer()));

    // Round trip through PEM and DER.
    const auto fromPem = Crypto::Certificate::fromData(cert->toPem());
    SB_VERIFY_RESULT(fromPem);
    QCOMPARE(fromPem->toDer(), cert->toDer());
    // Serial numbers are random: two certificates for the same request differ.
    const auto again = Crypto::Certificate::createSelfSigned(key, request);
    SB_VERIFY_RESULT(again);
    QVERIFY(again->info().serialHex != info.serialHex);
}

void TestCertificate::openSslAcceptsOurCertificates_data()
{
    createsSelfSigned_data();
}

void TestCertificate::openSslAcceptsOurCertificates()
{
    QFETCH(Crypto::PrivateKey, key);
    QFETCH(Crypto::CertificateRequest, request);
    QFETCH(QString, signatureAlgorithm);
    const auto cert = Crypto::Certificate::createSelfSigned(key, request);
    SB_VERIFY_RESULT(cert);
    const QString path = CryptoTest::writeFile(m_dir, QStringLiteral("ours.pem"), cert->toPem());

    // `openssl verify` with the certificate as its own trust anchor, and -check_ss_sig so the
    // self-signature is really checked (OpenSSL skips it for trust anchors otherwise). The
    // check runs at a time inside the validity window (some rows start in the past).
    const QString atTime = QString::number(cert->info().notBefore.toSecsSinceEpoch() + 3600);
    const auto verified = CryptoTest::openssl(
        {QStringLiteral("verify"), QStringLiteral("-check_ss_sig"), QStringLiteral("-x509_strict"),
         QStringLiteral("-attime"), atTime, QStringLiteral("-CAfile"), path, path});
    QVERIFY2(verified.ok() && verified.out.contains(": OK"),
             QByteArray(verified.describe() + verified.out).constData());

    const auto text = CryptoTest::openssl({QStringLiteral("x509"), QStringLiteral("-in"), path,
                                           QStringLiteral("-noout"), QStringLiteral("-text")});
    QVERIFY2(text.ok(), text.describe().constData());
    const QByteArray &t = text.out;
    QVERIFY(t.contains("Version: 3 (0x2)"));
    QVERIFY(t.contains("X509v3 Basic Constraints: critical\n                CA:FALSE"));
    QVERIFY(t.contains("X509v3 Subject Key Identifier"));
    QVERIFY(t.contains("X509v3 Authority Key Identifier"));
    QVERIFY(t.contains("X509v3 Key Usage: critical\n                Digital Signature"));
    const bool rsaServer = key.info().type == Crypto::KeyType::Rsa && request.serverAuth;
    QCOMPARE(t.contains("Digital Signature, Key Encipherment"), rsaServer);
    QCOMPARE(
        t.contains("X509v3 Extended Key Usage: \n                TLS Web Server Authentication"),
        request.serverAuth);
    if (!request.dnsNames.isEmpty()) {
        QVERIFY2(t.contains("DNS:localhost, DNS:*.example.test, IP Address:127.0.0.1, "
                            "IP Address:0:0:0:0:0:0:0:1, IP Address:2001:DB8:0:0:1:0:0:1"),
                 t.constData());
    } else {
        QVERIFY(!t.contains("Subject Alternative Name"));
    }
    QVERIFY2(t.contains(QByteArray("Signature Algorithm: " + signatureAlgorithm.toLatin1())),
             t.constData());
    if (signatureAlgorithm == QLatin1String("rsassaPss")) {
        // RSA-PSS certificates carry SHA-256, MGF1-SHA-256 and a 32-byte salt.
        QVERIFY2(t.contains("Hash Algorithm: sha256"), t.constData());
        QVERIFY(t.contains("Mask Algorithm: mgf1 with sha256"));
        QVERIFY(t.contains("Salt Length: 0x20"));
    }
    // The serial the CLI sees is ours.
    QCOMPARE(cliField(path, {QStringLiteral("-serial")}), cert->info().serialHex.toLatin1());
}

void TestCertificate::validatesRequests_data()
{
    QTest::addColumn<Crypto::PrivateKey>("key");
    QTest::addColumn<Crypto::CertificateRequest>("request");
    QTest::addColumn<Code>("expected");
    auto with = [](auto change) {
        Crypto::CertificateRequest request;
        change(request);
        return request;
    };
    const auto ed25519
        = Crypto::PrivateKey::fromFile(keyPath(QStringLiteral("test-only-ed25519.pem")));
    QVERIFY(ed25519.has_value());
    using R = Crypto::CertificateRequest;
    // clang-format off
    // K9: NetSuite caps certificates at two years.
    QTest::newRow("K9 731 days")   << m_rsa << with([](R &r) { r.validityDays = 731; }) << Code::InvalidArgument;
    QTest::newRow("0 days")        << m_rsa << with([](R &r) { r.validityDays = 0; })   << Code::InvalidArgument;
    QTest::newRow("-1 days")       << m_rsa << with([](R &r) { r.validityDays = -1; })  << Code::InvalidArgument;
    QTest::newRow("country USA")   << m_rsa << with([](R &r) { r.country = QStringLiteral("USA"); }) << Code::InvalidArgument;
    QTest::newRow("country U1")    << m_rsa << with([](R &r) { r.country = QStringLiteral("U1"); })  << Code::InvalidArgument;
    QTest::newRow("country Ü")     << m_rsa << with([](R &r) { r.country = QStringLiteral("ÜS"); })  << Code::InvalidArgument;
    QTest::newRow("empty CN")      << m_rsa << with([](R &r) { r.commonName = QStringLiteral("  "); }) << Code::InvalidArgument;
    QTest::newRow("CN of 65")      << m_rsa << with([](R &r) { r.commonName = QString(65, QLatin1Char('a')); }) << Code::InvalidArgument;
    QTest::newRow("DNS with space") << m_rsa << with([](R &r) { r.dnsNames = {QStringLiteral("a b")}; }) << Code::InvalidArgument;
    QTest::newRow("DNS injection")  << m_rsa << with([](R &r) { r.dnsNames = {QStringLiteral("x,DNS:evil.example")}; }) << Code::InvalidArgument;
    QTest::newRow("bad IP")        << m_rsa << with([](R &r) { r.ipAddresses = {QStringLiteral("999.1.1.1")}; }) << Code::InvalidArgument;
    QTest::newRow("IP with text")  << m_rsa << with([](R &r) { r.ipAddresses = {QStringLiteral("localhost")}; }) << Code::InvalidArgument;
    QTest::newRow("null key")      << Crypto::PrivateKey() << R() << Code::InvalidArgument;
    QTest::newRow("Ed25519 key")   << *ed25519 << R() << Code::UnsupportedKey;
    // clang-format on
}

void TestCertificate::validatesRequests()
{
    QFETCH(Crypto::PrivateKey, key);
    QFETCH(Crypto::CertificateRequest, request);
    QFETCH(Code, expected);
    SB_VERIFY_ERROR(Crypto::Certificate::createSelfSigned(key, request), expected);
    // The edges that are allowed.
    Crypto::CertificateRequest edge;
    edge.validityDays = 730;
    edge.country = QStringLiteral("us");
    SB_VERIFY_RESULT(Crypto::Certificate::createSelfSigned(m_p256, edge));
}

void TestCertificate::pairsCertificatesWithKeys()
{
    // K8: a certificate for a different key is "no", whatever OpenSSL's reason code is.
    QVERIFY(m_fixture.belongsTo(m_rsa));
    const auto rsa1024
        = Crypto::PrivateKey::fromFile(keyPath(QStringLiteral("test-only-rsa1024.pem")));
    SB_VERIFY_RESULT(rsa1024);
    QVERIFY(!m_fixture.belongsTo(*rsa1024)); // same type: X509_check_private_key gives 0
    QVERIFY(!m_fixture.belongsTo(m_p256));   // other type: EVP_PKEY_eq gives -1
    QVERIFY(!m_fixture.belongsTo(m_rsaPss)); // RSA vs RSA-PSS
    QVERIFY(!m_fixture.belongsTo(Crypto::PrivateKey()));
    QVERIFY(!Crypto::Certificate().belongsTo(m_rsa));
    const auto ecCert
        = Crypto::Certificate::fromFile(keyPath(QStringLiteral("test-only-ec-p256-cert.pem")));
    SB_VERIFY_RESULT(ecCert);
    const auto ecKey
        = Crypto::PrivateKey::fromFile(keyPath(QStringLiteral("test-only-ec-p256-pkcs8.pem")));
    SB_VERIFY_RESULT(ecKey);
    QVERIFY(ecCert->belongsTo(*ecKey));
    QVERIFY(!ecCert->belongsTo(m_p256));
    QVERIFY(!ecCert->belongsTo(m_rsa));
    QVERIFY(!ecCert->publicKey().equals(m_fixture.publicKey()));
}

void TestCertificate::loadsNetSuiteRecipeOutput()
{
    // NetSuite's documented recipe makes an RSA-PSS key and a PSS-signed certificate
    // (netsuite-facts.md); 2048 bits here to keep the test quick.
    const QString keyFile = m_dir.filePath(QStringLiteral("recipe-key.pem"));
    const QString certFile = m_dir.filePath(QStringLiteral("recipe-cert.pem"));
    const auto made = CryptoTest::openssl({QStringLiteral("req"),
                                           QStringLiteral("-new"),
                                           QStringLiteral("-x509"),
                                           QStringLiteral("-newkey"),
                                           QStringLiteral("rsa-pss"),
                                           QStringLiteral("-pkeyopt"),
                                           QStringLiteral("rsa_keygen_bits:2048"),
                                           QStringLiteral("-sigopt"),
                                           QStringLiteral("rsa_padding_mode:pss"),
                                           QStringLiteral("-sha256"),
                                           QStringLiteral("-sigopt"),
                                           QStringLiteral("rsa_pss_saltlen:64"),
                                           QStringLiteral("-keyout"),
                                           keyFile,
                                           QStringLiteral("-out"),
                                           certFile,
                                           QStringLiteral("-nodes"),
                                           QStringLiteral("-days"),
                                           QStringLiteral("730"),
                                           QStringLiteral("-subj"),
                                           QStringLiteral("/CN=test-only-netsuite-recipe")});
    QVERIFY2(made.ok(), made.describe().constData());
    const auto key = Crypto::PrivateKey::fromFile(keyFile);
    SB_VERIFY_RESULT(key);
    QCOMPARE(key->info().type, Crypto::KeyType::RsaPss);
    const auto cert = Crypto::Certificate::fromFile(certFile);
    SB_VERIFY_RESULT(cert);
    QVERIFY(cert->belongsTo(*key));
    const Crypto::CertificateInfo info = cert->info();
    QCOMPARE(info.signatureAlgorithm, QStringLiteral("rsassaPss"));
    QCOMPARE(info.validityDays(), 730);
    QCOMPARE(info.key.type, Crypto::KeyType::RsaPss);
    QVERIFY(info.selfSigned);
    // The certificate's key verifies what the private key signs.
    const auto signature = Crypto::sign(*key, Crypto::JwsAlgorithm::PS256, "assertion");
    SB_VERIFY_RESULT(signature);
    SB_VERIFY_RESULT(
        Crypto::verify(cert->publicKey(), Crypto::JwsAlgorithm::PS256, "assertion", *signature));
}

void TestCertificate::formatsFingerprints()
{
    QCOMPARE(Crypto::CertificateInfo::formatFingerprint(QByteArray::fromHex("abcd01ff")),
             QStringLiteral("AB:CD:01:FF"));
    QCOMPARE(Crypto::CertificateInfo::formatFingerprint({}), QString());
    QCOMPARE(Crypto::Certificate().info().validityDays(), 0);
    QVERIFY(Crypto::Certificate().toDer().isEmpty());
    QVERIFY(Crypto::Certificate().isNull());
}

QTEST_GUILESS_MAIN(TestCertificate)
#include "TestCertificate.moc"
