// SPDX-License-Identifier: MIT
#include "emulator/FaultSpec.h"

#include <QJsonArray>
#include <QStringList>

namespace Sb::Emulator {

namespace {

EmulatorError bad(const QString &message)
{
    return EmulatorError{EmulatorError::Code::InvalidFaultSpec, message};
}

bool parseInt(const QString &text, int lo, int hi, int *out)
{
    bool ok = false;
    const qlonglong v = text.toLongLong(&ok);
    if (!ok || v < lo || v > hi) {
        return false;
    }
    *out = int(v);
    return true;
}

bool parseRate(const QString &text, double *out)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !(v >= 0.0 && v <= 1.0)) {
        return false;
    }
    *out = v;
    return true;
}

} // namespace

bool FaultSpec::matches(const QString &requestMethod, const QString &requestPath) const
{
    if (!method.isEmpty() && requestMethod.compare(method, Qt::CaseInsensitive) != 0) {
        return false;
    }
    if (!path.isEmpty()) {
        if (requestPath == path) {
            return true;
        }
        const QString prefix = path.endsWith(QLatin1Char('/')) ? path : path + QLatin1Char('/');
        return requestPath.startsWith(prefix);
    }
    return true;
}

Result<FaultSpec> parseFaultSpec(const QString &spec) noexcept
{
    FaultSpec f;
    const QString trimmed = spec.trimmed();
    if (trimmed.isEmpty()) {
        return tl::unexpected(bad(QStringLiteral("empty fault spec")));
    }
    if (trimmed.size() > 1000) {
        return tl::unexpected(bad(QStringLiteral("fault spec longer than 1000 characters")));
    }
    QStringList seen;
    bool hasEffect = false;
    for (const QString &rawPart : trimmed.split(QLatin1Char(','))) {
        const QString part = rawPart.trimmed();
        if (part.isEmpty()) {
            return tl::unexpected(bad(QStringLiteral("empty setting in \"%1\"").arg(trimmed)));
        }
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        const QString key = (eq < 0 ? part : part.left(eq)).trimmed().toLower();
        const QString value = eq < 0 ? QString() : part.mid(eq + 1).trimmed();
        const bool hasValue = eq >= 0;
        if (seen.contains(key)) {
            return tl::unexpected(bad(QStringLiteral("\"%1\" given twice").arg(key)));
        }
        seen.append(key);
        auto needValue = [&]() -> bool { return hasValue && !value.isEmpty(); };
        int n = 0;
        if (key == QLatin1String("status")) {
            if (!needValue() || !parseInt(value, 100, 599, &n)) {
                return tl::unexpected(bad(QStringLiteral("status=N needs an HTTP status 100-599")));
            }
            f.status = n;
            hasEffect = true;
        } else if (key == QLatin1String("count")) {
            if (!needValue() || !parseInt(value, 1, 1000000, &n)) {
                return tl::unexpected(bad(QStringLiteral("count=N needs 1-1000000")));
            }
            f.count = n;
        } else if (key == QLatin1String("rate")) {
            if (!needValue() || !parseRate(value, &f.rate)) {
                return tl::unexpected(bad(QStringLiteral("rate=P needs a probability 0-1")));
            }
        } else if (key == QLatin1String("retry-after")) {
            if (!needValue() || !parseInt(value, 0, 86400, &n)) {
                return tl::unexpected(bad(QStringLiteral("retry-after=S needs 0-86400 seconds")));
            }
            f.retryAfter = n;
        } else if (key == QLatin1String("latency-ms")) {
            if (!needValue() || !parseInt(value, 0, 600000, &n)) {
                return tl::unexpected(bad(QStringLiteral("latency-ms=N needs 0-600000")));
            }
            f.latencyMs = n;
            hasEffect = true;
        } else if (key == QLatin1String("drop-body")) {
            f.dropBody = 1.0;
            if (hasValue && !parseRate(value, &f.dropBody)) {
                return tl::unexpected(bad(QStringLiteral("drop-body[=P] needs a probability 0-1")));
            }
            hasEffect = true;
        } else if (key == QLatin1String("slow-body")) {
            f.slowBodyMs = 200;
            if (hasValue && !parseInt(value, 1, 60000, &f.slowBodyMs)) {
                return tl::unexpected(bad(QStringLiteral("slow-body[=MS] needs 1-60000 ms")));
            }
            hasEffect = true;
        } else if (key == QLatin1String("chunk-bytes")) {
            if (!needValue() || !parseInt(value, 1, 1 << 20, &f.chunkBytes)) {
                return tl::unexpected(bad(QStringLiteral("chunk-bytes=N needs 1-1048576")));
            }
        } else if (key == QLatin1String("token-ttl")) {
            if (!needValue() || !parseInt(value, 1, 86400, &n)) {
                return tl::unexpected(bad(QStringLiteral("token-ttl=S needs 1-86400 seconds")));
            }
            f.tokenTtl = n;
            hasEffect = true;
        } else if (key == QLatin1String("concurrency")) {
            if (!needValue() || !parseInt(value, 0, 100000, &n)) {
                return tl::unexpected(bad(QStringLiteral("concurrency=N needs 0-100000")));
            }
            f.concurrency = n;
            hasEffect = true;
        } else if (key == QLatin1String("over")) {
            if (!needValue() || !parseInt(value, 400, 599, &n)
                || (n != 429 && n != 401 && n != 400)) {
                return tl::unexpected(bad(QStringLiteral("over= is 429, 401 or 400")));
            }
            f.over = n;
        } else if (key == QLatin1String("method")) {
            static const QStringList methods{QStringLiteral("GET"),    QStringLiteral("POST"),
                                             QStringLiteral("PUT"),    QStringLiteral("PATCH"),
                                             QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                                             QStringLiteral("OPTIONS")};
            if (!needValue() || !methods.contains(value.toUpper())) {
                return tl::unexpected(bad(
                    QStringLiteral("method= is one of %1").arg(methods.join(QLatin1Char('|')))));
            }
            f.method = value.toUpper();
        } else if (key == QLatin1String("path")) {
            if (!needValue() || !value.startsWith(QLatin1Char('/'))
                || value.contains(QLatin1Char('?')) || value.contains(QLatin1Char(' '))) {
                return tl::unexpected(
                    bad(QStringLiteral("path= is an absolute path without query, e.g. "
                                       "/services/rest/record/v1/customer")));
            }
            f.path = value;
        } else {
            return tl::unexpected(bad(QStringLiteral("unknown fault setting \"%1\"").arg(key)));
        }
    }
    if (!hasEffect) {
        return tl::unexpected(bad(QStringLiteral(
            "a fault needs an effect: status, latency-ms, drop-body, slow-body, token-ttl or "
            "concurrency")));
    }
    if (f.over && !f.concurrency) {
        return tl::unexpected(bad(QStringLiteral("over= only goes with concurrency=")));
    }
    if (f.retryAfter && !f.status && !f.concurrency) {
        return tl::unexpected(
            bad(QStringLiteral("retry-after= only goes with status= or concurrency=")));
    }
    if (f.concurrency && (f.count || f.rate < 1.0)) {
        return tl::unexpected(bad(QStringLiteral("concurrency= takes no count= or rate=")));
    }
    if (seen.contains(QStringLiteral("chunk-bytes")) && f.slowBodyMs == 0) {
        return tl::unexpected(bad(QStringLiteral("chunk-bytes= only goes with slow-body")));
    }
    return f;
}

QString FaultSpec::toSpec() const
{
    QStringList parts;
    if (status) {
        parts << QStringLiteral("status=%1").arg(*status);
    }
    if (concurrency) {
        parts << QStringLiteral("concurrency=%1").arg(*concurrency);
    }
    if (over) {
        parts << QStringLiteral("over=%1").arg(*over);
    }
    if (count) {
        parts << QStringLiteral("count=%1").arg(*count);
    }
    if (rate < 1.0) {
        parts << QStringLiteral("rate=%1").arg(rate);
    }
    if (retryAfter) {
        parts << QStringLiteral("retry-after=%1").arg(*retryAfter);
    }
    if (latencyMs > 0) {
        parts << QStringLiteral("latency-ms=%1").arg(latencyMs);
    }
    if (dropBody > 0) {
        parts << (dropBody >= 1.0 ? QStringLiteral("drop-body")
                                  : QStringLiteral("drop-body=%1").arg(dropBody));
    }
    if (slowBodyMs > 0) {
        parts << QStringLiteral("slow-body=%1").arg(slowBodyMs);
        parts << QStringLiteral("chunk-bytes=%1").arg(chunkBytes);
    }
    if (tokenTtl) {
        parts << QStringLiteral("token-ttl=%1").arg(*tokenTtl);
    }
    if (!method.isEmpty()) {
        parts << QStringLiteral("method=%1").arg(method);
    }
    if (!path.isEmpty()) {
        parts << QStringLiteral("path=%1").arg(path);
    }
    return parts.join(QLatin1Char(','));
}

QJsonObject FaultSpec::toJson() const
{
    QJsonObject o{{QStringLiteral("spec"), toSpec()}};
    if (count) {
        o.insert(QStringLiteral("count"), *count);
    }
    return o;
}

QString faultGrammarHelp()
{
    return QStringLiteral(
        "Fault specs (--fault SPEC, repeatable; POST /__emulator/faults {\"spec\":SPEC}):\n"
        "  SPEC := SETTING[,SETTING]...   e.g. status=429,count=5,retry-after=2\n"
        "  status=N          answer N instead of NetSuite (NetSuite-shaped body: o:errorDetails\n"
        "                    on REST paths, {\"error\":…} on the token path)\n"
        "  count=N           only the next N matching requests, then the fault is spent\n"
        "  rate=P            each matching request fires with probability P (drawn from --seed)\n"
        "  retry-after=S     add Retry-After: S to status (and concurrency) answers\n"
        "  latency-ms=N      answer N ms after the request arrived (the emulator's own work\n"
        "                    included; a timer: the request counts as in flight)\n"
        "  drop-body[=P]     send the headers and half the body, then close the connection\n"
        "  slow-body[=MS]    trickle the body, chunk-bytes (default 16) every MS (default 200) ms\n"
        "  token-ttl=S       access tokens issued while active live S seconds\n"
        "  concurrency=N     at most N requests in flight; over=429|401|400 says what the rest "
        "get\n"
        "                    (default: the concurrencyOver setting)\n"
        "  method=M          only requests with method M\n"
        "  path=P            only path P and paths below it (P/…)\n"
        "Faults apply to token and REST calls alike unless limited by path; never to\n"
        "/__emulator/. Several faults combine in the order they were added: concurrency limits\n"
        "are checked first (the smallest matching limit wins); then the first status fault that\n"
        "fires answers, and later status faults are not counted; the real answer then gets the\n"
        "sum of all firing latencies, the shortest token-ttl, and is cut (drop-body) or\n"
        "trickled (slow-body) if any firing fault says so (cut wins over trickle). A fault with\n"
        "count is spent only by requests it fired on.\n");
}

} // namespace Sb::Emulator
