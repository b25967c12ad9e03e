// SPDX-License-Identifier: MIT
// token, request and suiteql: the NetSuite client (lib/netsuite/client) from a terminal.
#include "cli/AuthOptions.h"
#include "cli/Commands.h"
#include "core/Redaction.h"
#include "crypto/Keys.h"
#include "http/Transport.h"
#include "netsuite/client/FetchAll.h"
#include "netsuite/client/NetSuiteClient.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>

#include <memory>

#include <unistd.h>

namespace Sb::Cli {

namespace {

using NetSuite::RestResult;
using NetSuite::RestStatus;
using NetSuite::TokenError;

/** A client plus the manager it runs on, for one command. */
struct Session
{
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<NetSuite::NetSuiteClient> client;
};

struct SessionOptions
{
    int concurrency = 5;
    bool allowProductionWrites = false;
};

std::optional<Session> makeSession(CliContext &ctx, const AuthOptions::Resolved &resolved,
                                   const SessionOptions &options, int &exitCode)
{
    Http::TransportOptions transport;
    if (!resolved.caFile.isEmpty()) {
        const auto bytes = Crypto::readSmallFile(resolved.caFile);
        const auto certificates
            = bytes ? Http::loadCaCertificates(*bytes) : Http::HttpResult<QList<QSslCertificate>>();
        if (!bytes || !certificates) {
            exitCode
                = ctx.fail(BadInput, QStringLiteral("--ca %1: %2")
                                         .arg(resolved.caFile, bytes ? certificates.error().message
                                                                     : bytes.error().message));
            return std::nullopt;
        }
        transport.extraCaCertificates = *certificates;
    }
    Session session;
    session.nam = Http::makeNetworkAccessManager();
    NetSuite::ClientConfig config;
    config.target = resolved.target;
    config.assertion = resolved.request;
    config.key = resolved.key;
    config.connectTo = resolved.connectTo;
    config.concurrencyLimit = options.concurrency;
    config.allowProductionWrites = options.allowProductionWrites;
    session.client = std::make_unique<NetSuite::NetSuiteClient>(
        std::move(config), Http::Transport(*session.nam, transport));
    for (const QString &warning : session.client->warnings()) {
        ctx.err() << QStringLiteral("warning: ") << warning << u'\n';
    }
    ctx.err().flush();
    return session;
}

int assertionExit(NetSuite::AssertionError::Code code)
{
    using Code = NetSuite::AssertionError::Code;
    switch (code) {
    case Code::NullKey:
    case Code::NoAlgorithmForKey:
    case Code::AlgorithmRefused:
    case Code::KeyRefused:
    case Code::Signing:
        return BadInput;
    default:
        return Usage;
    }
}

int tokenExit(const TokenError &error)
{
    switch (error.code) {
    case TokenError::Code::Assertion:
        return error.assertionCode ? assertionExit(*error.assertionCode) : BadInput;
    case TokenError::Code::Guard:
        return GuardRefused;
    case TokenError::Code::Network:
        return Network;
    case TokenError::Code::Refused:
    case TokenError::Code::BadResponse:
        return TokenRefused;
    case TokenError::Code::Cancelled:
        return Negative;
    }
    return TokenRefused;
}

int exitFor(const RestResult &result)
{
    switch (result.status) {
    case RestStatus::Succeeded:
    case RestStatus::AlreadyApplied:
        return Success;
    case RestStatus::HttpError:
    case RestStatus::Cancelled:
        return Negative;
    case RestStatus::OutcomeUnknown:
    case RestStatus::NetworkError:
        return Network;
    case RestStatus::TokenFailed:
        return result.tokenError ? tokenExit(*result.tokenError) : TokenRefused;
    case RestStatus::GuardRefused:
        return GuardRefused;
    case RestStatus::InvalidRequest:
        return Usage;
    }
    return Negative;
}

/** The diagnosis after an error line: title, causes, what to check. Never a secret. */
void printDiagnosis(CliContext &ctx, const std::optional<NetSuite::Diagnosis> &diagnosis)
{
    if (diagnosis) {
        ctx.err() << Core::redact(diagnosis->toText());
        if (!diagnosis->toText().endsWith(u'\n')) {
            ctx.err() << u'\n';
        }
    }
    ctx.err().flush();
}

int reportTokenFailure(CliContext &ctx, const TokenError &error)
{
    const int code = tokenExit(error);
    ctx.fail(code, error.message);
    printDiagnosis(ctx, error.diagnosis);
    return code;
}

int reportFailure(CliContext &ctx, const RestResult &result)
{
    const int code = exitFor(result);
    ctx.fail(code, result.message);
    printDiagnosis(ctx, result.diagnosis);
    return code;
}

/** "-v": the call's timeline on standard error. */
class Timeline final
{
public:
    explicit Timeline(CliContext &ctx)
        : m_ctx(ctx)
    {
        m_clock.start();
    }

    void line(const QString &text)
    {
        m_ctx.err() << QStringLiteral("[%1 ms] ").arg(m_clock.elapsed(), 6) << Core::redact(text)
                    << u'\n';
        m_ctx.err().flush();
    }

    void watch(NetSuite::TokenProvider &tokens, QObject *context)
    {
        QObject::connect(&tokens, &NetSuite::TokenProvider::exchangeStarted, context,
                         [this, &tokens](int number) {
                             line(QStringLiteral("token: exchange #%1, POST %2")
                                      .arg(number)
                                      .arg(tokens.config().target.tokenUrlString()));
                         });
        QObject::connect(
            &tokens, &NetSuite::TokenProvider::exchangeFinished, context,
            [this](int number, bool, const QString &summary, std::chrono::milliseconds took) {
                line(QStringLiteral("token: exchange #%1 done in %2 ms: %3")
                         .arg(number)
                         .arg(took.count())
                         .arg(summary));
            });
    }

    void watch(NetSuite::RestCall &call)
    {
        const QString method = QString::fromLatin1(Http::methodName(call.request().method));
        const QString url = call.request().url.toDisplayString();
        QObject::connect(
            &call, &NetSuite::RestCall::tokenReady, &call, [this](quint64 serial, bool fresh) {
                line(QStringLiteral("token: using #%1 (%2)")
                         .arg(serial)
                         .arg(fresh ? QStringLiteral("just issued") : QStringLiteral("cached")));
            });
        QObject::connect(&call, &NetSuite::RestCall::reminting, &call, [this] {
            line(QStringLiteral("token: HTTP 401, dropping the token and minting once more"));
        });
        QObject::connect(
            &call, &NetSuite::RestCall::attemptStarted, &call, [this, method, url](int attempt) {
                line(QStringLiteral("send: attempt %1 %2 %3").arg(attempt).arg(method, url));
            });
        QObject::connect(
            &call, &NetSuite::RestCall::attemptFinished, &call,
            [this](const Http::AttemptRecord &r) {
                const qint64 ms = (r.timings.done - r.timings.started).count();
                if (r.error == Http::ErrorKind::None) {
                    line(QStringLiteral("recv: attempt %1: HTTP %2 %3, %4 bytes in %5 ms")
                             .arg(r.attempt)
                             .arg(r.status)
                             .arg(QString::fromLatin1(r.reasonPhrase))
                             .arg(r.responseBytes)
                             .arg(ms));
                } else {
                    line(QStringLiteral("recv: attempt %1: %2 (%3) after %4 ms")
                             .arg(r.attempt)
                             .arg(Http::errorKindName(r.error), r.errorMessage)
                             .arg(ms));
                }
            });
        QObject::connect(&call, &NetSuite::RestCall::waiting, &call,
                         [this](int attempt, std::chrono::milliseconds delay, const QString &why) {
                             line(QStringLiteral("wait: %1 ms before attempt %2: %3")
                                      .arg(delay.count())
                                      .arg(attempt + 1)
                                      .arg(why));
                         });
    }

private:
    CliContext &m_ctx;
    QElapsedTimer m_clock;
};

/** Runs @p call until it finishes. */
RestResult runToEnd(NetSuite::RestCall &call)
{
    RestResult out;
    QEventLoop loop;
    QObject::connect(&call, &NetSuite::RestCall::finished, &loop, [&](const RestResult &result) {
        out = result;
        loop.quit();
    });
    call.start();
    loop.exec();
    return out;
}

std::optional<Http::Method> parseMethod(const QString &text)
{
    const QString upper = text.toUpper();
    using M = Http::Method;
    for (M m : {M::Get, M::Head, M::Post, M::Put, M::Patch, M::Delete, M::Options}) {
        if (upper == QString::fromLatin1(Http::methodName(m))) {
            return m;
        }
    }
    return std::nullopt;
}

/** Standard output as a device for the row sinks (the stream itself for in-process runs). */
QIODevice *outputDevice(CliContext &ctx, QFile &fallback)
{
    ctx.out().flush();
    if (ctx.out().device()) {
        return ctx.out().device();
    }
    if (!fallback.open(stdout, QIODevice::WriteOnly)) {
        return nullptr;
    }
    return &fallback;
}

} // namespace

int runToken(CliContext &ctx)
{
    QCommandLineParser parser;
    const AuthOptions auth;
    auth.addTo(parser);
    const QCommandLineOption verbose({QStringLiteral("v"), QStringLiteral("verbose")},
                                     QStringLiteral("Print the exchange's timeline to standard "
                                                    "error."));
    parser.addOption(verbose);
    if (auto stop = ctx.parse(
            parser, QStringLiteral("suitebench-cli token ") + AuthOptions::synopsis(),
            QStringLiteral("Mints a fresh client assertion, exchanges it at the token endpoint "
                           "and prints {\"access_token\",\"expires_in\",\"token_type\"} as one "
                           "JSON line. The access token is a credential until it expires: "
                           "standard output is the only place it is written. Exit 4 when the "
                           "endpoint refuses the exchange (with the diagnosis on standard "
                           "error), 3 on network, TLS or timeout."))) {
        return *stop;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return ctx.fail(Usage, QStringLiteral("token takes no positional arguments."));
    }
    int exitCode = Success;
    auto resolved = auth.resolve(ctx, parser, AuthOptions::Needs::Signing, exitCode);
    if (!resolved) {
        return exitCode;
    }
    auto session = makeSession(ctx, *resolved, {}, exitCode);
    if (!session) {
        return exitCode;
    }
    QObject context;
    Timeline timeline(ctx);
    if (parser.isSet(verbose)) {
        timeline.watch(session->client->tokens(), &context);
    }
    std::optional<NetSuite::TokenResult> result;
    QEventLoop loop;
    session->client->tokens().acquire(&context, [&](const NetSuite::TokenResult &r) {
        result = r;
        loop.quit();
    });
    loop.exec();
    if (!result || !*result) {
        return result ? reportTokenFailure(ctx, result->error()) : Negative;
    }
    const NetSuite::TokenHandle &token = **result;
    QJsonObject out{{QStringLiteral("access_token"), QString::fromLatin1(token->exposeForApi())},
                    {QStringLiteral("token_type"), token->tokenType()}};
    out.insert(QStringLiteral("expires_in"),
               token->expiresIn() ? QJsonValue(double(*token->expiresIn())) : QJsonValue());
    // Standard output is the secret the user asked for; nothing else prints it.
    ctx.out() << QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact)) << u'\n';
    ctx.out().flush();
    return Success;
}

int runRequest(CliContext &ctx)
{
    QCommandLineParser parser;
    const AuthOptions auth;
    auth.addTo(parser);
    const QCommandLineOption header({QStringLiteral("H"), QStringLiteral("header")},
                                    QStringLiteral("A request header 'Name: value'. Repeatable."),
                                    QStringLiteral("HEADER"));
    const QCommandLineOption data(QStringLiteral("data"),
                                  QStringLiteral("The request body, inline or @FILE (JSON; "
                                                 "Content-Type defaults to application/json)."),
                                  QStringLiteral("JSON|@FILE"));
    const QCommandLineOption key(QStringLiteral("idempotency-key"),
                                 QStringLiteral("X-NetSuite-Idempotency-Key for POST/PATCH: "
                                                "auto (default, a fresh UUID) or your own KEY."),
                                 QStringLiteral("KEY|auto"), QStringLiteral("auto"));
    const QCommandLineOption allowProd(QStringLiteral("allow-production-writes"),
                                       QStringLiteral("Allow POST/PUT/PATCH/DELETE to a "
                                                      "production account."));
    const QCommandLineOption retryUnknown(
        QStringLiteral("retry-unknown"),
        QStringLiteral("Repeat a write whose outcome was unknown, with the key it printed "
                       "(needs --idempotency-key KEY); also retries this write after a "
                       "dropped connection."));
    const QCommandLineOption async(QStringLiteral("async"),
                                   QStringLiteral("Send Prefer: respond-async (202 + job "
                                                  "Location)."));
    const QCommandLineOption verbose({QStringLiteral("v"), QStringLiteral("verbose")},
                                     QStringLiteral("Print the timeline (token, send, waits, "
                                                    "retries) and the status to standard "
                                                    "error."));
    const QCommandLineOption curl(QStringLiteral("curl"),
                                  QStringLiteral("Print the request as a curl command (token "
                                                 "redacted) to standard error first."));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     QStringLiteral("Deadline per attempt in seconds (default "
                                                    "60)."),
                                     QStringLiteral("S"), QStringLiteral("60"));
    const QCommandLineOption maxMib(QStringLiteral("max-response-mib"),
                                    QStringLiteral("Response size cap in MiB (default 256)."),
                                    QStringLiteral("N"), QStringLiteral("256"));
    parser.addOptions(
        {header, data, key, allowProd, retryUnknown, async, verbose, curl, timeout, maxMib});
    parser.addPositionalArgument(QStringLiteral("METHOD"),
                                 QStringLiteral("GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS."));
    parser.addPositionalArgument(QStringLiteral("PATH|URL"),
                                 QStringLiteral("A path below /services/rest (record/v1/customer/"
                                                "42), an absolute path, or a URL on the same "
                                                "account."));
    if (auto stop = ctx.parse(
            parser,
            QStringLiteral("suitebench-cli request ") + AuthOptions::synopsis()
                + QStringLiteral(" [-H 'Name: value']... [--data JSON|@FILE] [--idempotency-key "
                                 "KEY|auto] [--allow-production-writes] [--retry-unknown] "
                                 "[--async] [-v] METHOD PATH|URL"),
            QStringLiteral(
                "Sends one REST request with a fresh (or cached) access token and prints the "
                "response body to standard output. 429, 503 and the concurrency error are "
                "retried with backoff; reads also after dropped connections; a synchronous write "
                "whose connection dropped is reported as 'outcome unknown' with its idempotency "
                "key instead of being repeated. A 401 re-mints the token once. Exit 1 on HTTP "
                ">= 400 (diagnosis on standard error), 3 network, 4 token refused, 5 guard."))) {
        return *stop;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        return ctx.fail(Usage, QStringLiteral("request takes METHOD and PATH|URL."));
    }
    const auto method = parseMethod(positional.at(0));
    if (!method) {
        return ctx.fail(Usage,
                        QStringLiteral("unknown method '%1'.").arg(positional.at(0).left(20)));
    }
    NetSuite::RestRequest request;
    request.method = *method;
    for (const QString &value : parser.values(header)) {
        const qsizetype colon = value.indexOf(u':');
        if (colon <= 0) {
            return ctx.fail(Usage, QStringLiteral("-H takes 'Name: value'."));
        }
        const QByteArray name = value.left(colon).trimmed().toLatin1();
        if (name.compare("Authorization", Qt::CaseInsensitive) == 0
            || name.compare("X-NetSuite-Idempotency-Key", Qt::CaseInsensitive) == 0) {
            return ctx.fail(Usage, QStringLiteral("-H %1: suitebench-cli sets this header itself%2")
                                       .arg(QString::fromLatin1(name),
                                            name.startsWith('X')
                                                ? QStringLiteral("; use --idempotency-key")
                                                : QString()));
        }
        request.headers.append({name, value.mid(colon + 1).trimmed().toUtf8()});
    }
    if (parser.isSet(data)) {
        const auto body = ctx.readInlineOrFile(parser.value(data), QStringLiteral("--data"));
        if (!body) {
            return BadInput;
        }
        request.body = *body;
    }
    const bool keyed = *method == Http::Method::Post || *method == Http::Method::Patch;
    const QString keyValue = parser.value(key);
    if (parser.isSet(key) && keyValue != QLatin1String("auto")) {
        static const QRegularExpression keyShape(
            QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"));
        if (!keyed) {
            return ctx.fail(Usage, QStringLiteral("--idempotency-key applies to POST and PATCH."));
        }
        if (!keyShape.match(keyValue).hasMatch()) {
            return ctx.fail(Usage, QStringLiteral("--idempotency-key: letters, digits and . _ : - "
                                                  "only (at most 128), or auto."));
        }
        request.idempotencyKey = keyValue;
    }
    if (parser.isSet(retryUnknown)) {
        if (!keyed || request.idempotencyKey.isEmpty()) {
            return ctx.fail(Usage, QStringLiteral("--retry-unknown repeats a POST or PATCH whose "
                                                  "outcome was unknown: give the key it printed "
                                                  "with --idempotency-key KEY."));
        }
        request.retryUnknownOutcome = true;
    }
    request.async = parser.isSet(async);
    bool ok = false;
    const double seconds = parser.value(timeout).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 900) {
        return ctx.fail(Usage, QStringLiteral("--timeout takes seconds, up to 900."));
    }
    request.deadline = std::chrono::milliseconds{qint64(seconds * 1000)};
    const qint64 mib = parser.value(maxMib).toLongLong(&ok);
    if (!ok || mib < 1 || mib > 4096) {
        return ctx.fail(Usage, QStringLiteral("--max-response-mib takes 1 to 4096."));
    }
    request.maxResponseBytes = mib * 1024 * 1024;

    int exitCode = Success;
    auto resolved = auth.resolve(ctx, parser, AuthOptions::Needs::Signing, exitCode);
    if (!resolved) {
        return exitCode;
    }
    SessionOptions options;
    options.allowProductionWrites = parser.isSet(allowProd);
    auto session = makeSession(ctx, *resolved, options, exitCode);
    if (!session) {
        return exitCode;
    }
    NetSuite::NetSuiteClient &client = *session->client;
    request.url = client.resolve(positional.at(1));
    if (!request.url.isValid()) {
        return ctx.fail(Usage,
                        QStringLiteral("not a path or URL: %1").arg(positional.at(1).left(200)));
    }
    if (parser.isSet(curl)) {
        ctx.err() << client.toCurl(request) << u'\n';
        ctx.err().flush();
    }
    Timeline timeline(ctx);
    std::unique_ptr<NetSuite::RestCall> call(client.newCall(request));
    call->setParent(nullptr);
    if (parser.isSet(verbose)) {
        timeline.watch(client.tokens(), call.get());
        timeline.watch(*call);
    }
    const RestResult result = runToEnd(*call);
    if (parser.isSet(verbose) && result.record.status > 0) {
        timeline.line(QStringLiteral("status: HTTP %1 %2 (%3)")
                          .arg(result.record.status)
                          .arg(QString::fromLatin1(result.record.reasonPhrase),
                               NetSuite::restStatusName(result.status)));
    }
    if (!result.record.body.isEmpty()) {
        ctx.out() << QString::fromUtf8(result.record.body);
        if (!result.record.body.endsWith('\n')) {
            ctx.out() << u'\n';
        }
        ctx.out().flush();
    }
    if (!result.location.isEmpty() && result.ok()) {
        ctx.err() << QStringLiteral("location: ") << result.location.toDisplayString() << u'\n';
    }
    if (result.status == RestStatus::AlreadyApplied) {
        ctx.err() << QStringLiteral("suitebench-cli: ") << result.message << u'\n';
        ctx.err().flush();
        return Success;
    }
    if (result.status == RestStatus::OutcomeUnknown) {
        const int code = reportFailure(ctx, result);
        ctx.err() << QStringLiteral("To find out safely, send it again with the same key:\n  "
                                    "suitebench-cli request ... --idempotency-key %1 "
                                    "--retry-unknown %2 %3\n")
                         .arg(result.idempotencyKey, positional.at(0).toUpper(), positional.at(1));
        ctx.err().flush();
        return code;
    }
    if (!result.ok()) {
        return reportFailure(ctx, result);
    }
    ctx.err().flush();
    return Success;
}

int runSuiteQl(CliContext &ctx)
{
    QCommandLineParser parser;
    const AuthOptions auth;
    auth.addTo(parser);
    const QCommandLineOption all(QStringLiteral("all"),
                                 QStringLiteral("Fetch every page (in parallel when the query "
                                                "has ORDER BY id), with progress on standard "
                                                "error."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("jsonl (default) or csv."),
                                    QStringLiteral("FORMAT"), QStringLiteral("jsonl"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 QStringLiteral("Write the rows to FILE (atomically, mode 0600) "
                                                "instead of standard output."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption limit(QStringLiteral("limit"),
                                   QStringLiteral("Rows per page, 1 to 1000 (default 1000)."),
                                   QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption maxRows(QStringLiteral("max-rows"),
                                     QStringLiteral("Stop after N rows."), QStringLiteral("N"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"),
                                         QStringLiteral("Requests in flight, 1 to 6 (default 5, "
                                                        "NetSuite's smallest account limit)."),
                                         QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption sequential(QStringLiteral("sequential"),
                                        QStringLiteral("Fetch one page after the other."));
    const QCommandLineOption stable(QStringLiteral("stable-order"),
                                    QStringLiteral("The query's order is unique even without "
                                                   "ORDER BY id: fetch pages in parallel."));
    const QCommandLineOption verbose({QStringLiteral("v"), QStringLiteral("verbose")},
                                     QStringLiteral("Print the token exchange to standard "
                                                    "error."));
    parser.addOptions({all, format, out, limit, maxRows, concurrency, sequential, stable, verbose});
    parser.addPositionalArgument(QStringLiteral("QUERY"),
                                 QStringLiteral("The SuiteQL query, or @FILE."));
    if (auto stop = ctx.parse(
            parser,
            QStringLiteral("suitebench-cli suiteql ") + AuthOptions::synopsis()
                + QStringLiteral(" [--all] [--format jsonl|csv] [--out FILE] [--limit N] "
                                 "[--concurrency N] QUERY"),
            QStringLiteral(
                "Runs a SuiteQL query and writes its rows as JSON Lines or CSV, one page by "
                "default. With --all it fetches every page, streaming rows in order without "
                "holding the result in memory; pages go out in parallel only when a unique "
                "ORDER BY (id) makes offset paging stable. NetSuite pages at most 100,000 rows; "
                "past that it says how to continue with WHERE id > LAST."))) {
        return *stop;
    }
    if (parser.positionalArguments().size() != 1) {
        return ctx.fail(Usage, QStringLiteral("suiteql takes exactly one QUERY."));
    }
    const auto query
        = ctx.readInlineOrFile(parser.positionalArguments().first(), QStringLiteral("QUERY"));
    if (!query) {
        return BadInput;
    }
    const QString formatName = parser.value(format).toLower();
    if (formatName != QLatin1String("jsonl") && formatName != QLatin1String("csv")) {
        return ctx.fail(Usage, QStringLiteral("--format takes jsonl or csv."));
    }
    NetSuite::FetchOptions options;
    options.all = parser.isSet(all);
    bool ok = false;
    options.pageSize = parser.value(limit).toInt(&ok);
    if (!ok || options.pageSize < 1 || options.pageSize > NetSuite::maxPageSize) {
        return ctx.fail(Usage, QStringLiteral("--limit takes 1 to 1000 rows per page."));
    }
    if (parser.isSet(maxRows)) {
        options.maxRows = parser.value(maxRows).toLongLong(&ok);
        if (!ok || options.maxRows < 1) {
            return ctx.fail(Usage, QStringLiteral("--max-rows takes a positive number."));
        }
    }
    SessionOptions sessionOptions;
    sessionOptions.concurrency = parser.value(concurrency).toInt(&ok);
    if (!ok || sessionOptions.concurrency < 1
        || sessionOptions.concurrency > Http::maxHttp1ConnectionsPerHost) {
        return ctx.fail(Usage, QStringLiteral("--concurrency takes 1 to %1 (Qt opens at most %1 "
                                              "connections per host).")
                                   .arg(Http::maxHttp1ConnectionsPerHost));
    }
    if (parser.isSet(sequential) && parser.isSet(stable)) {
        return ctx.fail(Usage, QStringLiteral("give --sequential or --stable-order, not both."));
    }
    options.order = parser.isSet(sequential) ? NetSuite::PagingOrder::Sequential
                    : parser.isSet(stable)   ? NetSuite::PagingOrder::Stable
                                             : NetSuite::PagingOrder::Auto;

    int exitCode = Success;
    auto resolved = auth.resolve(ctx, parser, AuthOptions::Needs::Signing, exitCode);
    if (!resolved) {
        return exitCode;
    }
    auto session = makeSession(ctx, *resolved, sessionOptions, exitCode);
    if (!session) {
        return exitCode;
    }
    std::unique_ptr<NetSuite::RowOutput> output;
    QFile stdoutFile;
    if (parser.isSet(out)) {
        auto opened = NetSuite::RowOutput::openFile(parser.value(out));
        if (!opened) {
            return ctx.fail(BadInput, opened.error().message);
        }
        output = std::move(*opened);
    } else {
        QIODevice *device = outputDevice(ctx, stdoutFile);
        if (!device) {
            return ctx.fail(BadInput, QStringLiteral("cannot write to standard output."));
        }
        output = NetSuite::RowOutput::wrap(*device);
    }
    std::unique_ptr<NetSuite::RowSink> sink;
    if (formatName == QLatin1String("csv")) {
        sink = std::make_unique<NetSuite::CsvSink>(*output);
    } else {
        sink = std::make_unique<NetSuite::JsonLinesSink>(*output);
    }

    NetSuite::FetchAll fetch(*session->client,
                             NetSuite::FetchSource::suiteQl(QString::fromUtf8(*query)), *sink,
                             options);
    Timeline timeline(ctx);
    if (parser.isSet(verbose)) {
        timeline.watch(session->client->tokens(), &fetch);
    }
    QObject::connect(&fetch, &NetSuite::FetchAll::warning, &fetch, [&ctx](const QString &text) {
        ctx.err() << QStringLiteral("warning: ") << text << u'\n';
        ctx.err().flush();
    });
    const bool tty = ::isatty(STDERR_FILENO) == 1;
    QElapsedTimer lastReport;
    lastReport.start();
    if (options.all) {
        QObject::connect(&fetch, &NetSuite::FetchAll::progress, &fetch,
                         [&](qint64 rows, qint64 expected, int pages, int expectedPages) {
                             const bool last = expectedPages > 0 && pages >= expectedPages;
                             if (!tty && !last && lastReport.elapsed() < 1000) {
                                 return;
                             }
                             lastReport.restart();
                             ctx.err() << (tty ? QStringLiteral("\r") : QString())
                                       << QStringLiteral("suiteql: %1 / %2 rows, %3 / %4 pages")
                                              .arg(rows)
                                              .arg(expected)
                                              .arg(pages)
                                              .arg(expectedPages)
                                       << (tty && !last ? QString() : QStringLiteral("\n"));
                             ctx.err().flush();
                         });
    }
    NetSuite::FetchResult result;
    QEventLoop loop;
    QObject::connect(&fetch, &NetSuite::FetchAll::finished, &loop,
                     [&](const NetSuite::FetchResult &r) {
                         result = r;
                         loop.quit();
                     });
    fetch.start();
    loop.exec();
    ctx.out().flush();
    switch (result.status) {
    case NetSuite::FetchResult::Status::Ok:
        if (!options.all && result.totalResults && *result.totalResults > result.rows) {
            ctx.err() << QStringLiteral("suiteql: %1 of %2 rows (one page); --all fetches "
                                        "every page\n")
                             .arg(result.rows)
                             .arg(*result.totalResults);
        }
        ctx.err().flush();
        return Success;
    case NetSuite::FetchResult::Status::Failed:
        if (result.failure && !result.failure->ok()) {
            return reportFailure(ctx, *result.failure);
        }
        // A page that arrived but is not complete JSON was cut short on the way.
        return ctx.fail(result.failure ? Network : BadInput, result.message);
    case NetSuite::FetchResult::Status::Refused:
        return ctx.fail(Usage, result.message);
    case NetSuite::FetchResult::Status::Cancelled:
        return ctx.fail(Negative, result.message);
    }
    return Negative;
}

} // namespace Sb::Cli
