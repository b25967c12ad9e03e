// SPDX-License-Identifier: MIT
#include "cli/Commands.h"
#include "core/AtomicFile.h"
#include "crypto/Certificate.h"
#include "crypto/Keys.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sb::Cli {

namespace {

std::optional<Crypto::Curve> parseCurve(const QString &name)
{
    const QString n = name.toUpper();
    if (n == QStringLiteral("P-256") || n == QStringLiteral("P256")) {
        return Crypto::Curve::P256;
    }
    if (n == QStringLiteral("P-384") || n == QStringLiteral("P384")) {
        return Crypto::Curve::P384;
    }
    if (n == QStringLiteral("P-521") || n == QStringLiteral("P521")) {
        return Crypto::Curve::P521;
    }
    return std::nullopt;
}

} // namespace

int runKeygen(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption type(QStringLiteral("type"),
                                  QStringLiteral("Key type: rsa-pss (default; what Oracle's own "
                                                 "recipe makes), rsa, or ec."),
                                  QStringLiteral("TYPE"), QStringLiteral("rsa-pss"));
    const QCommandLineOption bits(QStringLiteral("bits"),
                                  QStringLiteral("RSA key size: 3072 (default) or 4096."),
                                  QStringLiteral("BITS"), QStringLiteral("3072"));
    const QCommandLineOption curve(QStringLiteral("curve"),
                                   QStringLiteral("EC curve: P-256 (default), P-384 or P-521."),
                                   QStringLiteral("CURVE"), QStringLiteral("P-256"));
    const QCommandLineOption days(QStringLiteral("days"),
                                  QStringLiteral("Certificate validity in days, 1 to 730 "
                                                 "(default 730; NetSuite's cap is two years)."),
                                  QStringLiteral("N"), QStringLiteral("730"));
    const QCommandLineOption cn(QStringLiteral("cn"),
                                QStringLiteral("Certificate common name (default Suitebench)."),
                                QStringLiteral("NAME"), QStringLiteral("Suitebench"));
    const QCommandLineOption keyOut(QStringLiteral("key-out"),
                                    QStringLiteral("Where to write the private key (PKCS#8 PEM, "
                                                   "mode 0600)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption certOut(QStringLiteral("cert-out"),
                                     QStringLiteral("Where to write the certificate to upload to "
                                                    "NetSuite (PEM)."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption passphraseFile(
        QStringLiteral("passphrase-file"),
        QStringLiteral("Encrypt the key with the passphrase in FILE (PBKDF2-HMAC-SHA256, "
                       "600,000 iterations, AES-256)."),
        QStringLiteral("FILE"));
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("Replace existing output files."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the summary as one JSON object."));
    parser.addOptions({type, bits, curve, days, cn, keyOut, certOut, passphraseFile, force, json});
    if (auto stop = ctx.parse(parser,
                              QStringLiteral("suitebench-cli keygen [--type rsa-pss|rsa|ec] "
                                             "[--bits 3072|4096] [--curve P-256|P-384|P-521] "
                                             "[--days N] [--cn NAME] --key-out FILE --cert-out "
                                             "FILE [--passphrase-file FILE] [--force] [--json]"),
                              QStringLiteral("Generates a key pair and a self-signed certificate "
                                             "for NetSuite's OAuth 2.0 client credentials (M2M) "
                                             "setup. Upload the certificate at Setup > Integration "
                                             "> Manage Authentication > OAuth 2.0 Client "
                                             "Credentials (M2M) Setup; keep the key."))) {
        return *stop;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return ctx.fail(Usage, QStringLiteral("keygen takes no positional arguments."));
    }
    if (!parser.isSet(keyOut) || !parser.isSet(certOut)) {
        return ctx.fail(Usage, QStringLiteral("keygen needs --key-out FILE and --cert-out FILE."));
    }

    Crypto::KeySpec spec;
    const QString typeName = parser.value(type).toLower();
    if (typeName == QStringLiteral("rsa-pss")) {
        spec.type = Crypto::KeyType::RsaPss;
    } else if (typeName == QStringLiteral("rsa")) {
        spec.type = Crypto::KeyType::Rsa;
    } else if (typeName == QStringLiteral("ec")) {
        spec.type = Crypto::KeyType::Ec;
    } else {
        return ctx.fail(
            Usage,
            QStringLiteral("--type must be rsa-pss, rsa or ec, not '%1'.").arg(parser.value(type)));
    }
    if (spec.type == Crypto::KeyType::Ec) {
        if (parser.isSet(bits)) {
            return ctx.fail(Usage, QStringLiteral("--bits is for RSA keys; use --curve for EC."));
        }
        const auto c = parseCurve(parser.value(curve));
        if (!c) {
            return ctx.fail(Usage, QStringLiteral("--curve must be P-256, P-384 or P-521 (the "
                                                  "curves NetSuite accepts), not '%1'.")
                                       .arg(parser.value(curve)));
        }
        spec.curve = *c;
    } else {
        if (parser.isSet(curve)) {
            return ctx.fail(Usage, QStringLiteral("--curve is for EC keys; use --bits for RSA."));
        }
        bool ok = false;
        spec.bits = parser.value(bits).toInt(&ok);
        if (!ok || (spec.bits != 3072 && spec.bits != 4096)) {
            return ctx.fail(Usage, QStringLiteral("--bits must be 3072 or 4096 (NetSuite accepts "
                                                  "no other RSA size), not '%1'.")
                                       .arg(parser.value(bits)));
        }
    }
    bool daysOk = false;
    const int validity = parser.value(days).toInt(&daysOk);
    if (!daysOk || validity < 1 || validity > 730) {
        return ctx.fail(Usage, QStringLiteral("--days must be 1 to 730: NetSuite accepts "
                                              "certificates valid for at most two years."));
    }
    const auto passphrase = ctx.readPassphraseFile(parser.value(passphraseFile));
    if (!passphrase) {
        return BadInput;
    }
    if (parser.isSet(passphraseFile) && passphrase->isEmpty()) {
        return ctx.fail(BadInput, QStringLiteral("the passphrase file is empty."));
    }
    const auto overwrite = parser.isSet(force) ? Core::Overwrite::Allow : Core::Overwrite::Refuse;
    for (const QString &path : {parser.value(keyOut), parser.value(certOut)}) {
        if (overwrite == Core::Overwrite::Refuse && QFileInfo::exists(path)) {
            return ctx.fail(BadInput, QStringLiteral("%1 already exists; choose another name or "
                                                     "pass --force to replace it.")
                                          .arg(path));
        }
    }

    const auto key = Crypto::generateKey(spec);
    if (!key) {
        return ctx.fail(BadInput, key.error().message);
    }
    Crypto::CertificateRequest request;
    request.commonName = parser.value(cn);
    request.validityDays = validity;
    const auto certificate = Crypto::Certificate::createSelfSigned(*key, request);
    if (!certificate) {
        return ctx.fail(BadInput, certificate.error().message);
    }
    const auto pem
        = passphrase->isEmpty() ? key->toPkcs8Pem() : key->toEncryptedPkcs8Pem(*passphrase);
    if (!pem) {
        return ctx.fail(BadInput, pem.error().message);
    }
    if (const auto written = Core::writeFileAtomically(parser.value(keyOut), pem->view(),
                                                       Core::FileMode::PrivateToOwner, overwrite);
        !written) {
        return ctx.fail(BadInput, written.error().message);
    }
    if (const auto written = Core::writeFileAtomically(parser.value(certOut), certificate->toPem(),
                                                       Core::FileMode::Public, overwrite);
        !written) {
        return ctx.fail(BadInput, written.error().message);
    }

    const Crypto::CertificateInfo info = certificate->info();
    const QString fingerprint = Crypto::CertificateInfo::formatFingerprint(info.sha256Fingerprint);
    if (parser.isSet(json)) {
        const QJsonObject summary{
            {QStringLiteral("key_file"), parser.value(keyOut)},
            {QStringLiteral("certificate_file"), parser.value(certOut)},
            {QStringLiteral("key"), key->info().describe()},
            {QStringLiteral("encrypted"), !passphrase->isEmpty()},
            {QStringLiteral("subject"), info.subject},
            {QStringLiteral("not_before"), info.notBefore.toString(Qt::ISODate)},
            {QStringLiteral("not_after"), info.notAfter.toString(Qt::ISODate)},
            {QStringLiteral("sha256_fingerprint"), fingerprint},
            {QStringLiteral("sha1_fingerprint"),
             Crypto::CertificateInfo::formatFingerprint(info.sha1Fingerprint)},
        };
        ctx.out() << QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Compact))
                  << u'\n';
    } else {
        ctx.out()
            << QStringLiteral("Key:          %1%2 → %3\n")
                   .arg(key->info().describe(),
                        passphrase->isEmpty() ? QString() : QStringLiteral(" (encrypted)"),
                        parser.value(keyOut))
            << QStringLiteral("Certificate:  %1 → %2\n").arg(info.subject, parser.value(certOut))
            << QStringLiteral("Valid:        %1 to %2 (%3 days)\n")
                   .arg(info.notBefore.toString(Qt::ISODate), info.notAfter.toString(Qt::ISODate))
                   .arg(info.validityDays())
            << QStringLiteral("SHA-256:      %1\n").arg(fingerprint)
            << QStringLiteral("\nNext: upload %1 at Setup > Integration > Manage "
                              "Authentication > OAuth 2.0 Client Credentials (M2M) Setup, "
                              "then use the Certificate ID NetSuite shows as --cert-id.\n")
                   .arg(parser.value(certOut));
    }
    ctx.out().flush();
    return Success;
}

} // namespace Sb::Cli
