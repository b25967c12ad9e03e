// SPDX-License-Identifier: MIT
#include "netsuite/client/FetchAll.h"

#include "netsuite/Tr.h"
#include "netsuite/client/NetSuiteClient.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

#include <algorithm>
#include <limits>

namespace Sb::NetSuite {

namespace {

/** The query with everything below the top level (parentheses, quotes, comments) blanked. */
QString topLevelOnly(const QString &query)
{
    QString out(query.size(), QLatin1Char(' '));
    int depth = 0;
    enum class In { Code, Single, Double, Line, Block } in = In::Code;
    for (qsizetype i = 0; i < query.size(); ++i) {
        const QChar c = query.at(i);
        const QChar next = i + 1 < query.size() ? query.at(i + 1) : QChar();
        switch (in) {
        case In::Code:
            if (c == QLatin1Char('\'')) {
                in = In::Single;
            } else if (c == QLatin1Char('"')) {
                in = In::Double;
            } else if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
                in = In::Line;
            } else if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
                in = In::Block;
            } else if (c == QLatin1Char('(')) {
                ++depth;
            } else if (c == QLatin1Char(')')) {
                depth = std::max(0, depth - 1);
            } else if (depth == 0) {
                out[i] = c;
            }
            break;
        case In::Single:
            if (c == QLatin1Char('\'')) {
                in = In::Code; // '' re-enters at once: an escaped quote
            }
            break;
        case In::Double:
            if (c == QLatin1Char('"')) {
                in = In::Code;
            }
            break;
        case In::Line:
            if (c == QLatin1Char('\n')) {
                in = In::Code;
            }
            break;
        case In::Block:
            if (c == QLatin1Char('*') && next == QLatin1Char('/')) {
                in = In::Code;
                ++i;
            }
            break;
        }
    }
    return out;
}

QString idOf(const QJsonValue &item)
{
    const QJsonValue id = item.toObject().value(QLatin1String("id"));
    if (id.isString()) {
        return id.toString().left(64);
    }
    if (id.isDouble()) {
        return QString::number(qint64(id.toDouble()));
    }
    return {};
}

} // namespace

OrderAnalysis analyzeOrderBy(const QString &query)
{
    const QString top = topLevelOnly(query);
    static const QRegularExpression orderBy(QStringLiteral("\\bORDER\\s+BY\\b"),
                                            QRegularExpression::CaseInsensitiveOption);
    qsizetype at = -1;
    qsizetype end = -1;
    for (auto it = orderBy.globalMatch(top); it.hasNext();) {
        const auto match = it.next();
        at = match.capturedStart();
        end = match.capturedEnd();
    }
    if (at < 0) {
        return {OrderAnalysis::Kind::None,
                Tr::tr("the query has no ORDER BY, so offset pages may overlap or miss rows")};
    }
    static const QRegularExpression direction(
        QStringLiteral("\\s+(ASC|DESC)?(\\s+NULLS\\s+(FIRST|LAST))?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression uniqueKey(
        QStringLiteral("^([A-Za-z_][A-Za-z0-9_$]*\\.)?(id|uniquekey)$"),
        QRegularExpression::CaseInsensitiveOption);
    const QStringList terms = top.mid(end).split(QLatin1Char(','));
    for (QString term : terms) {
        term = term.trimmed();
        term.remove(direction);
        if (uniqueKey.match(term.trimmed()).hasMatch()) {
            return {OrderAnalysis::Kind::Unique, {}};
        }
    }
    return {OrderAnalysis::Kind::NotUnique,
            Tr::tr("the ORDER BY has no unique key such as id, so offset pages may overlap or "
                   "miss rows")};
}

FetchSource FetchSource::suiteQl(const QString &query)
{
    FetchSource source;
    source.kind = Kind::SuiteQl;
    source.query = query;
    return source;
}

FetchSource FetchSource::records(const QUrl &collectionUrl)
{
    FetchSource source;
    source.kind = Kind::Records;
    source.url = collectionUrl;
    return source;
}

FetchAll::FetchAll(NetSuiteClient &client, FetchSource source, RowSink &sink, FetchOptions options,
                   QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_source(std::move(source))
    , m_sink(sink)
    , m_options(options)
{}

FetchAll::~FetchAll()
{
    for (const QPointer<RestCall> &call : std::as_const(m_inFlight)) {
        if (call) {
            call->disconnect(this);
            delete call.data();
        }
    }
}

void FetchAll::start()
{
    if (m_started) {
        return;
    }
    m_started = true;
    m_options.pageSize = std::clamp(m_options.pageSize, 1, maxPageSize);
    const int clientLimit = m_client.concurrencyLimit();
    m_concurrency
        = m_options.concurrency <= 0 ? clientLimit : std::min(m_options.concurrency, clientLimit);
    m_window = 2 * m_concurrency;

    if (m_options.all) {
        switch (m_options.order) {
        case PagingOrder::Stable:
            m_parallel = true;
            break;
        case PagingOrder::Sequential:
            m_parallel = false;
            break;
        case PagingOrder::Auto:
            if (m_source.kind == FetchSource::Kind::SuiteQl) {
                const OrderAnalysis order = analyzeOrderBy(m_source.query);
                m_parallel = order.kind == OrderAnalysis::Kind::Unique;
                if (!m_parallel) {
                    if (m_options.refuseUnstableOrder) {
                        m_result.message
                            = Tr::tr("refused to page: %1. Add ORDER BY id (or another unique "
                                     "key).")
                                  .arg(order.reason);
                        QMetaObject::invokeMethod(
                            this, [this] { finish(FetchResult::Status::Refused); },
                            Qt::QueuedConnection);
                        m_finished = true;
                        return;
                    }
                    warn(Tr::tr("%1; fetching one page after the other. Add ORDER BY id for "
                                "parallel pages.")
                             .arg(order.reason));
                }
            } else {
                // NetSuite documents no order for record collections: page by page unless
                // the caller knows better (PagingOrder::Stable).
                m_parallel = false;
            }
            break;
        }
    }
    m_result.parallel = m_parallel;
    m_nextToDispatch = 1;
    requestPage(0);
}

RestRequest FetchAll::pageRequest(qint64 offset) const
{
    if (m_source.kind == FetchSource::Kind::SuiteQl) {
        return m_client.suiteQlRequest(m_source.query, m_options.pageSize, offset);
    }
    RestRequest request;
    request.method = Http::Method::Get;
    QUrl url = m_source.url;
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("limit"));
    query.removeAllQueryItems(QStringLiteral("offset"));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_options.pageSize));
    query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    url.setQuery(query);
    request.url = url;
    return request;
}

void FetchAll::requestPage(int index)
{
    RestCall *call = m_client.newCall(pageRequest(qint64(index) * m_options.pageSize), this);
    m_inFlight.insert(index, call);
    connect(call, &RestCall::finished, this, [this, index, call](const RestResult &page) {
        call->deleteLater();
        onPage(index, page);
    });
    call->start();
}

void FetchAll::onPage(int index, const RestResult &page)
{
    m_inFlight.remove(index);
    if (m_finished) {
        return;
    }
    const qint64 offset = qint64(index) * m_options.pageSize;
    if (page.ok() && m_planned) {
        dispatch(); // refill the freed slot before spending time on this page's rows
    }
    if (!page.ok()) {
        fail(Tr::tr("page at offset %1: %2").arg(offset).arg(page.message), page);
        return;
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(page.record.body, &error);
    const QJsonValue items = document.object().value(QLatin1String("items"));
    if (error.error != QJsonParseError::NoError || !document.isObject() || !items.isArray()) {
        // Qt 6.4 can hand over a truncated chunked body as complete (lib/http's caveat):
        // a page that does not parse is a failed page, never a short one.
        fail(Tr::tr("page at offset %1 is not a complete result page (%2 bytes): truncated or "
                    "not JSON")
                 .arg(offset)
                 .arg(page.record.body.size()),
             page);
        return;
    }
    if (index == 0) {
        plan(document.object());
    }
    m_ready.insert(index, items.toArray());
    m_readyHasMore.insert(index, document.object().value(QLatin1String("hasMore")).toBool());
    drain();
    dispatch();
}

void FetchAll::plan(const QJsonObject &first)
{
    m_planned = true;
    const QJsonValue total = first.value(QLatin1String("totalResults"));
    if (total.isDouble()) {
        m_result.totalResults = qint64(total.toDouble());
    }
    if (!m_options.all) {
        m_expectedPages = 1;
        m_expectedRows = first.value(QLatin1String("items")).toArray().size();
        if (m_options.maxRows > 0) {
            m_expectedRows = std::min(m_expectedRows, m_options.maxRows);
        }
        return;
    }
    if (!m_result.totalResults) {
        m_parallel = false; // nothing to plan with: follow hasMore
        m_result.parallel = false;
        return;
    }
    const qint64 reported = std::max<qint64>(0, *m_result.totalResults);
    qint64 reachable = std::min(reported, m_options.rowCap);
    if (reported >= m_options.rowCap
        && (m_options.maxRows <= 0 || m_options.maxRows > m_options.rowCap)) {
        m_result.hitRowCap = true;
    }
    if (m_options.maxRows > 0) {
        reachable = std::min(reachable, m_options.maxRows);
    }
    m_expectedRows = reachable;
    m_expectedPages
        = int(std::max<qint64>(1, (reachable + m_options.pageSize - 1) / m_options.pageSize));
}

void FetchAll::drain()
{
    while (!m_finished && !m_lastPageSeen && m_ready.contains(m_nextToWrite)) {
        QJsonArray items = m_ready.take(m_nextToWrite);
        const bool hasMore = m_readyHasMore.take(m_nextToWrite);
        const qsizetype received = items.size();
        if (m_options.maxRows > 0) {
            const qint64 room = std::max<qint64>(0, m_options.maxRows - m_result.rows);
            while (items.size() > room) {
                items.removeLast();
            }
        }
        if (!items.isEmpty()) {
            if (auto written = m_sink.writeRows(items); !written) {
                fail(written.error().message);
                return;
            }
            m_result.rows += items.size();
            const QString id = idOf(items.last());
            if (!id.isEmpty()) {
                m_result.lastId = id;
            }
        }
        ++m_result.pages;
        const bool lastExpected = m_expectedPages > 0 && m_nextToWrite >= m_expectedPages - 1;
        if (m_options.all && !lastExpected && received < m_options.pageSize
            && m_expectedPages > 0) {
            warn(Tr::tr("the page at offset %1 had %2 rows instead of %3: the data changed "
                        "while paging, so rows may be missing or repeated")
                     .arg(qint64(m_nextToWrite) * m_options.pageSize)
                     .arg(received)
                     .arg(m_options.pageSize));
        }
        ++m_nextToWrite;
        emit progress(m_result.rows, m_expectedRows, m_result.pages, m_expectedPages);
        if (!m_options.all || (m_options.maxRows > 0 && m_result.rows >= m_options.maxRows)
            || (m_expectedPages > 0 && m_nextToWrite >= m_expectedPages)
            || (m_expectedPages == 0 && (!hasMore || received == 0))) {
            m_lastPageSeen = true;
        } else if (m_expectedPages == 0
                   && qint64(m_nextToWrite) * m_options.pageSize >= m_options.rowCap) {
            m_result.hitRowCap = true;
            m_lastPageSeen = true;
        }
    }
    if (m_lastPageSeen && !m_finished) {
        complete();
    }
}

void FetchAll::dispatch()
{
    if (m_finished || m_lastPageSeen) {
        return;
    }
    if (m_parallel) {
        // With the client's full limit, up to a window of pages wait in its limiter, so a
        // freed slot is refilled at once; with a lower limit of our own, we hold them back.
        const int outstanding
            = m_concurrency < m_client.concurrencyLimit() ? m_concurrency : m_window;
        while (m_inFlight.size() < outstanding && m_nextToDispatch < m_expectedPages
               && m_nextToDispatch < m_nextToWrite + m_window) {
            requestPage(m_nextToDispatch++);
        }
        return;
    }
    if (m_inFlight.isEmpty() && m_nextToWrite == m_nextToDispatch
        && (m_expectedPages == 0 || m_nextToDispatch < m_expectedPages)) {
        requestPage(m_nextToDispatch++);
    }
}

void FetchAll::warn(const QString &text)
{
    if (m_result.warnings.contains(text)) {
        return;
    }
    m_result.warnings << text;
    emit warning(text);
}

void FetchAll::complete()
{
    if (m_result.hitRowCap) {
        warn(Tr::tr("NetSuite pages at most %1 rows by offset; the result has %2. Continue "
                    "with keyset paging: add WHERE id > %3 (with ORDER BY id) and run again.")
                 .arg(m_options.rowCap)
                 .arg(m_result.totalResults ? QString::number(*m_result.totalResults)
                                            : Tr::tr("more"))
                 .arg(m_result.lastId.isEmpty() ? Tr::tr("<last id>") : m_result.lastId));
    }
    if (auto done = m_sink.finish(); !done) {
        fail(done.error().message);
        return;
    }
    for (const QString &text : m_sink.warnings()) {
        warn(text);
    }
    m_result.message = Tr::tr("%1 rows in %2 pages").arg(m_result.rows).arg(m_result.pages);
    finish(FetchResult::Status::Ok);
}

void FetchAll::fail(const QString &message, std::optional<RestResult> page)
{
    if (m_finished) {
        return;
    }
    m_result.message = message;
    m_result.failure = std::move(page);
    finish(FetchResult::Status::Failed);
}

void FetchAll::cancel()
{
    if (m_finished) {
        return;
    }
    m_result.message = Tr::tr("cancelled after %1 rows").arg(m_result.rows);
    finish(FetchResult::Status::Cancelled);
}

void FetchAll::finish(FetchResult::Status status)
{
    m_finished = true;
    m_result.status = status;
    const auto calls = std::exchange(m_inFlight, {});
    for (const QPointer<RestCall> &call : calls) {
        if (call) {
            call->disconnect(this);
            call->cancel();
            call->deleteLater();
        }
    }
    m_ready.clear();
    if (status != FetchResult::Status::Ok) {
        m_sink.abort();
    }
    QMetaObject::invokeMethod(
        this, [this] { emit finished(m_result); }, Qt::QueuedConnection);
}

} // namespace Sb::NetSuite
