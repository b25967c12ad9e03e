// SPDX-License-Identifier: MIT
// Helpers shared by the lib/crypto tests: fixture paths, scratch files and the `openssl`
// command line, which is our outside verifier (a bug shared by our signer and our verifier
// would otherwise be invisible).
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace CryptoTest {

/** A fixture under tests/data/keys (see generate-test-keys.sh there). */
inline QString keyPath(const QString &name)
{
    return QStringLiteral(SB_TEST_DATA_DIR "/keys/") + name;
}

inline QByteArray readFixture(const QString &name)
{
    QFile file(keyPath(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing fixture %s", qPrintable(name));
    }
    return file.readAll();
}

inline QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(bytes) != bytes.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

/** Base64url without padding (RFC 7515 §2), decoded leniently: test vectors are trusted. */
inline QByteArray b64u(const char *text)
{
    return QByteArray::fromBase64(QByteArray(text), QByteArray::Base64UrlEncoding);
}

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    [[nodiscard]] bool ok() const { return exitCode == 0; }
    [[nodiscard]] QByteArray describe() const
    {
        return "exit " + QByteArray::number(exitCode) + ": " + err;
    }
};

inline QString opensslProgram()
{
    return QStandardPaths::findExecutable(QStringLiteral("openssl"));
}

/** Runs `openssl <args>` with @p input on stdin; never waits for a terminal. */
inline CliResult openssl(const QStringList &args, const QByteArray &input = {})
{
    CliResult result;
    QProcess process;
    process.setProgram(opensslProgram());
    process.setArguments(args);
    process.start();
    if (!process.waitForStarted(10'000)) {
        result.err = "could not start openssl";
        return result;
    }
    if (!input.isEmpty()) {
        process.write(input);
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(120'000)) {
        process.kill();
        process.waitForFinished();
        result.err = "openssl timed out";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

/** DER ECDSA-Sig-Value for raw R‖S, built by `openssl asn1parse -genconf` (not by our code). */
inline QByteArray derFromRawWithCli(const QTemporaryDir &dir, const QByteArray &raw)
{
    const qsizetype half = raw.size() / 2;
    const QByteArray conf = "asn1=SEQUENCE:sig\n[sig]\nr=INTEGER:0x" + raw.left(half).toHex()
                            + "\ns=INTEGER:0x" + raw.mid(half).toHex() + "\n";
    const QString confPath = writeFile(dir, QStringLiteral("sig.cnf"), conf);
    const QString derPath = dir.filePath(QStringLiteral("sig-from-cli.der"));
    const CliResult made
        = openssl({QStringLiteral("asn1parse"), QStringLiteral("-genconf"), confPath,
                   QStringLiteral("-out"), derPath, QStringLiteral("-noout")});
    QFile der(derPath);
    if (!made.ok() || !der.open(QIODevice::ReadOnly)) {
        return {};
    }
    return der.readAll();
}

/**
 * R‖S (each left-padded to @p componentBytes) from an openssl DER ECDSA signature, by
 * parsing `openssl asn1parse` text output (again: not by our converter).
 */
inline QByteArray rawFromDerWithCli(const QString &derPath, int componentBytes)
{
    const CliResult parsed = openssl({QStringLiteral("asn1parse"), QStringLiteral("-inform"),
                                      QStringLiteral("DER"), QStringLiteral("-in"), derPath});
    if (!parsed.ok()) {
        return {};
    }
    QByteArray raw;
    for (const QByteArray &line : parsed.out.split('\n')) {
        if (!line.contains("INTEGER")) {
            continue;
        }
        QByteArray hex = line.mid(line.lastIndexOf(':') + 1).trimmed();
        if (hex.size() % 2 != 0) {
            hex.prepend('0');
        }
        QByteArray value = QByteArray::fromHex(hex);
        while (value.size() > componentBytes && value.startsWith('\0')) {
            value.remove(0, 1);
        }
        if (value.size() > componentBytes) {
            return {};
        }
        raw += QByteArray(componentBytes - value.size(), '\0') + value;
    }
    return raw.size() == 2 * componentBytes ? raw : QByteArray();
}

} // namespace CryptoTest
