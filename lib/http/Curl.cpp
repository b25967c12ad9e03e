// SPDX-License-Identifier: MIT
#include "http/Curl.h"

#include "core/Redaction.h"

#include <QStringList>

namespace Sb::Http {

namespace {

bool isPrintableUtf8(const QByteArray &bytes, QString *decoded)
{
    *decoded = QString::fromUtf8(bytes);
    if (decoded->toUtf8() != bytes) {
        return false; // invalid UTF-8 (replacement characters appeared)
    }
    for (const QChar c : std::as_const(*decoded)) {
        if (c.unicode() < 0x20 && c != u'\n' && c != u'\r' && c != u'\t') {
            return false;
        }
        if (c.unicode() == 0x7f) {
            return false;
        }
    }
    return true;
}

bool isCredentialHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower == "authorization" || lower == "proxy-authorization" || lower == "cookie"
           || lower.contains("token") || lower.contains("secret") || lower.contains("api-key")
           || lower.contains("apikey") || lower.contains("password");
}

QString redactedHeaderValue(const QByteArray &name, const QByteArray &value)
{
    const QString text = QString::fromLatin1(value);
    const QString redacted = Core::redact(text);
    if (isCredentialHeader(name) && redacted == text && !text.isEmpty()) {
        // redact() did not recognise the shape (e.g. a custom scheme): hide it whole.
        return QStringLiteral("[redacted]");
    }
    return redacted;
}

QString octalEscaped(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size() * 4);
    for (const char c : bytes) {
        out += u'\\' + QStringLiteral("%1").arg(uint(uchar(c)), 3, 8, QLatin1Char('0'));
    }
    return out;
}

} // namespace

QString shellQuote(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += u'\'';
    for (const QChar c : text) {
        if (c == u'\'') {
            out += QStringLiteral("'\\''");
        } else {
            out += c;
        }
    }
    out += u'\'';
    return out;
}

QString toCurl(const Request &request, bool revealSecrets)
{
    QStringList args{QStringLiteral("curl")};
    QString prefix;

    switch (request.method) {
    case Method::Get:
        if (!request.body.isEmpty()) {
            args << QStringLiteral("-X GET");
        }
        break;
    case Method::Head:
        args << QStringLiteral("--head");
        break;
    default:
        args << QStringLiteral("-X ") + QString::fromLatin1(methodName(request.method));
        break;
    }

    const QString url = QString::fromLatin1(request.url.toEncoded());
    args << shellQuote(revealSecrets ? url : Core::redact(url));
    // The method and URL on the first line, then one option per line.
    const QString firstLine = args.join(u' ');
    args = QStringList{firstLine};

    for (const Header &header : request.headers) {
        const QString value = revealSecrets ? QString::fromLatin1(header.value)
                                            : redactedHeaderValue(header.name, header.value);
        args << QStringLiteral("-H ")
                    + shellQuote(QString::fromLatin1(header.name) + QStringLiteral(": ") + value);
    }

    if (!request.body.isEmpty()) {
        QString text;
        if (isPrintableUtf8(request.body, &text)) {
            args << QStringLiteral("--data-binary ")
                        + shellQuote(revealSecrets ? text : Core::redact(text));
        } else if (revealSecrets) {
            // printf's format understands \ooo escapes (POSIX), so NUL bytes survive.
            prefix = QStringLiteral("printf ") + shellQuote(octalEscaped(request.body))
                     + QStringLiteral(" | ");
            args << QStringLiteral("--data-binary @-");
        } else {
            args << QStringLiteral("--data-binary ")
                        + shellQuote(QStringLiteral("[binary body of %1 bytes not shown]")
                                         .arg(request.body.size()));
        }
    }
    return prefix + args.join(QStringLiteral(" \\\n  "));
}

} // namespace Sb::Http
