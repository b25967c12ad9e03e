// SPDX-License-Identifier: MIT
#pragma once

#include "cli/ExitCode.h"
#include "crypto/SecureBytes.h"

#include <QByteArray>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace Sb::Cli {

/**
 * What every command gets: its arguments, the output streams and helpers for the common
 * chores (parsing flags with usage errors, reading secrets from files, reading a token from
 * an argument or standard input). Error text goes through Core::redact before printing.
 */
class CliContext final
{
public:
    CliContext(QStringList arguments, QTextStream &out, QTextStream &err);

    [[nodiscard]] const QStringList &arguments() const { return m_arguments; }
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    /**
     * Parses the command's flags. Returns nullopt to continue, or the exit code to stop with:
     * Success after printing --help, Usage after printing the parser's error.
     * @p usage is the one-line synopsis, @p details the text after the options.
     */
    [[nodiscard]] std::optional<int> parse(QCommandLineParser &parser, const QString &usage,
                                           const QString &details = {});

    /** Prints "suitebench-cli: <message>" (redacted) and returns @p code. */
    int fail(int code, const QString &message);

    /**
     * Reads a passphrase file: regular file, at most 4 KiB, one trailing newline (LF or CRLF)
     * removed, as `openssl -passin file:` does. Empty path → empty passphrase.
     */
    [[nodiscard]] std::optional<Crypto::SecureBytes> readPassphraseFile(const QString &path);

    /** A token from an argument, or from standard input when it is "-" (size-capped). */
    [[nodiscard]] std::optional<QByteArray> readTokenArgument(const QString &argument);

    /** Text given inline or as @FILE (size-capped regular file). */
    [[nodiscard]] std::optional<QByteArray> readInlineOrFile(const QString &value,
                                                             const QString &what);

private:
    QStringList m_arguments;
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace Sb::Cli
