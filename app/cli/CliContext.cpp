// SPDX-License-Identifier: MIT
#include "cli/CliContext.h"

#include "core/Redaction.h"
#include "crypto/Keys.h"

#include <QFile>

#include <cstdio>

namespace Sb::Cli {

namespace {
constexpr qint64 MaxTokenBytes = 4 * 1024 * 1024;
constexpr qint64 MaxPassphraseBytes = 4096;
constexpr qint64 MaxInlineFileBytes = 4 * 1024 * 1024;
// Wraps prose at word boundaries to @p width columns; blank lines stay paragraph breaks.
QString wrap(const QString &text, qsizetype width = 79)
{
    QStringList lines;
    for (const QString &paragraph : text.split(u'\n')) {
        QString line;
        for (const QString &word : paragraph.split(u' ', Qt::SkipEmptyParts)) {
            if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
                lines.append(line);
                line.clear();
            }
            line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
        }
        lines.append(line);
    }
    return lines.join(u'\n');
}

} // namespace

CliContext::CliContext(QStringList arguments, QTextStream &out, QTextStream &err)
    : m_arguments(std::move(arguments))
    , m_out(out)
    , m_err(err)
{}

std::optional<int> CliContext::parse(QCommandLineParser &parser, const QString &usage,
                                     const QString &details)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(m_arguments)) {
        return fail(Usage, parser.errorText() + QStringLiteral("\nTry: ")
                               + usage.section(u' ', 0, 1) + QStringLiteral(" --help"));
    }
    if (parser.isSet(help)) {
        // QCommandLineParser::helpText() starts with its own "Usage:" line; replace it.
        QString text = parser.helpText();
        const qsizetype firstBreak = text.indexOf(u'\n');
        text = QStringLiteral("Usage: ") + usage + text.mid(firstBreak);
        m_out << text;
        if (!details.isEmpty()) {
            m_out << u'\n' << wrap(details) << u'\n';
        }
        m_out << u'\n' << QString::fromLatin1(ExitCodeTable);
        m_out.flush();
        return Success;
    }
    return std::nullopt;
}

int CliContext::fail(int code, const QString &message)
{
    m_err << QStringLiteral("suitebench-cli: ") << Core::redact(message) << u'\n';
    m_err.flush();
    return code;
}

std::optional<Crypto::SecureBytes> CliContext::readPassphraseFile(const QString &path)
{
    if (path.isEmpty()) {
        return Crypto::SecureBytes();
    }
    auto bytes = Crypto::readSmallFile(path, MaxPassphraseBytes);
    if (!bytes) {
        fail(BadInput, QStringLiteral("passphrase file %1: %2").arg(path, bytes.error().message));
        return std::nullopt;
    }
    QByteArray data = std::move(*bytes);
    if (data.endsWith('\n')) {
        data.chop(1);
    }
    if (data.endsWith('\r')) {
        data.chop(1);
    }
    return Crypto::SecureBytes::takeFrom(data);
}

std::optional<QByteArray> CliContext::readTokenArgument(const QString &argument)
{
    if (argument != QStringLiteral("-")) {
        return argument.toUtf8();
    }
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        fail(BadInput, QStringLiteral("cannot read standard input."));
        return std::nullopt;
    }
    QByteArray data = in.read(MaxTokenBytes + 1);
    if (data.size() > MaxTokenBytes) {
        fail(BadInput, QStringLiteral("standard input is larger than %1 MiB; that is no token.")
                           .arg(MaxTokenBytes / (1024 * 1024)));
        return std::nullopt;
    }
    return data;
}

std::optional<QByteArray> CliContext::readInlineOrFile(const QString &value, const QString &what)
{
    if (!value.startsWith(u'@')) {
        return value.toUtf8();
    }
    const QString path = value.mid(1);
    auto bytes = Crypto::readSmallFile(path, MaxInlineFileBytes);
    if (!bytes) {
        fail(BadInput, QStringLiteral("%1 file %2: %3").arg(what, path, bytes.error().message));
        return std::nullopt;
    }
    return *bytes;
}

} // namespace Sb::Cli
