// SPDX-License-Identifier: MIT
#include "core/Redaction.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRegularExpression>

#include <cstdio>

namespace Sb::Core {

namespace {

// Every pattern is linear (no nested quantifiers), so hostile text cannot make a log line slow.
const QRegularExpression &pemPattern()
{
    // A PEM block, complete or cut off; the body may hold real or escaped ("\n") line breaks.
    static const QRegularExpression re(
        QStringLiteral("-----BEGIN ([A-Z0-9 ]{1,64})-----[A-Za-z0-9+/=\\s\\\\:,\\-]*?"
                       "(?:-----END [A-Z0-9 ]{1,64}-----|(?=[\"'}\\]]|$))"),
        QRegularExpression::DotMatchesEverythingOption);
    return re;
}

const QRegularExpression &jwtPattern()
{
    // Compact JWS (3 segments) or JWE (5 segments) whose header starts with '{"' (eyJ).
    static const QRegularExpression re(
        QStringLiteral("eyJ[A-Za-z0-9_-]{2,}(?:\\.[A-Za-z0-9_-]*){2}(?:\\.[A-Za-z0-9_-]*){0,2}"));
    return re;
}

const QRegularExpression &schemePattern()
{
    static const QRegularExpression re(
        QStringLiteral("\\b(Bearer|Basic)(\\s+)(?!\\[redacted)([A-Za-z0-9._~+/=-]+)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QString &secretNames()
{
    static const QString names = QStringLiteral(
        "client_assertion|assertion|access_token|refresh_token|id_token|client_secret|password|"
        "passphrase");
    return names;
}

const QRegularExpression &formPattern()
{
    // name=value in forms and query strings, up to the next separator.
    static const QRegularExpression re(
        QStringLiteral("(?<![A-Za-z0-9_])(%1)=(?!\\[redacted)([^&\\s\"']+)").arg(secretNames()),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &jsonPattern()
{
    // "name": "value" in JSON (escaped quotes inside the value are honoured).
    static const QRegularExpression re(
        QStringLiteral("(\"(?:%1)\"\\s*:\\s*\")(?!\\[redacted)((?:[^\"\\\\]|\\\\.)*)\"")
            .arg(secretNames()),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

QString lastFour(const QString &secret)
{
    return secret.size() >= 16 ? QStringLiteral("…") + secret.right(4) : QString();
}

QString describeJwt(const QString &token)
{
    const qsizetype dot = token.indexOf(u'.');
    const QByteArray header
        = QByteArray::fromBase64(token.left(dot).toLatin1(), QByteArray::Base64UrlEncoding);
    const QJsonObject object = QJsonDocument::fromJson(header).object();
    QString alg = object.value(QStringLiteral("alg")).toString().left(16);
    for (QChar &c : alg) {
        if (!c.isLetterOrNumber()) {
            c = u'?';
        }
    }
    const bool jwe = token.count(u'.') == 4;
    return QStringLiteral("[redacted %1%2]")
        .arg(jwe ? QStringLiteral("JWE") : QStringLiteral("JWT"),
             alg.isEmpty() ? QString() : QStringLiteral(", alg=") + alg);
}

template<typename Replace>
QString replaceAll(const QString &text, const QRegularExpression &re, Replace replace)
{
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += replace(m);
        last = m.capturedEnd();
    }
    if (last == 0) {
        return text;
    }
    out += QStringView(text).mid(last);
    return out;
}

LogSink &currentSink()
{
    static LogSink sink;
    return sink;
}

QMutex &sinkMutex()
{
    static QMutex mutex;
    return mutex;
}

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "log";
}

void redactingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString category = QString::fromLatin1(context.category ? context.category : "default");
    const QString line = QStringLiteral("%1 %2: %3")
                             .arg(category, QString::fromLatin1(levelName(type)), redact(message));
    const QMutexLocker lock(&sinkMutex());
    if (currentSink()) {
        currentSink()(type, line);
    } else {
        const QByteArray bytes = line.toLocal8Bit();
        std::fprintf(stderr, "%s\n", bytes.constData());
        std::fflush(stderr);
    }
}

} // namespace

QString redact(const QString &text)
{
    QString out = replaceAll(text, pemPattern(), [](const QRegularExpressionMatch &m) -> QString {
        return QStringLiteral("[redacted PEM %1]").arg(m.captured(1));
    });
    out = replaceAll(out, jwtPattern(), [](const QRegularExpressionMatch &m) -> QString {
        return describeJwt(m.captured(0));
    });
    out = replaceAll(out, schemePattern(), [](const QRegularExpressionMatch &m) -> QString {
        return m.captured(1) + m.captured(2) + QStringLiteral("[redacted") + lastFour(m.captured(3))
               + u']';
    });
    out = replaceAll(out, formPattern(), [](const QRegularExpressionMatch &m) -> QString {
        return m.captured(1) + QStringLiteral("=[redacted]");
    });
    out = replaceAll(out, jsonPattern(), [](const QRegularExpressionMatch &m) -> QString {
        return m.captured(1) + QStringLiteral("[redacted]\"");
    });
    return out;
}

QtMessageHandler installRedactingMessageHandler(LogSink sink)
{
    {
        const QMutexLocker lock(&sinkMutex());
        currentSink() = std::move(sink);
    }
    return qInstallMessageHandler(redactingHandler);
}

} // namespace Sb::Core
