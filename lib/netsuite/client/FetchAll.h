// SPDX-License-Identifier: MIT
#pragma once

#include "netsuite/client/RestCall.h"
#include "netsuite/client/RowSink.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QPointer>

#include <optional>

namespace Sb::NetSuite {

class NetSuiteClient;

/** NetSuite's cap on rows reachable by offset paging (facts §5). */
inline constexpr qint64 offsetPagingRowCap = 100000;
/** NetSuite's largest page (facts §5). */
inline constexpr int maxPageSize = 1000;

/** What a query's ORDER BY says about paging it in parallel. */
struct OrderAnalysis
{
    enum class Kind {
        Unique,    ///< a top-level ORDER BY with an id-like key (id, x.id, uniquekey)
        NotUnique, ///< ORDER BY without such a key
        None,      ///< no top-level ORDER BY
    };
    Kind kind = Kind::None;
    QString reason; ///< for people, when not Unique
};

/**
 * Heuristic, pure: finds the last ORDER BY outside parentheses, quotes and comments and calls
 * it unique when one of its keys is `id`, `<alias>.id`, `uniquekey` or `<alias>.uniquekey`.
 * Offset pages of one query only fit together when every page sees the same order, and only a
 * unique key makes that order total (facts §5: "use a unique ORDER BY when paging").
 * An alias of id is not recognised (PagingOrder::Stable overrides).
 */
[[nodiscard]] OrderAnalysis analyzeOrderBy(const QString &query);

/** How pages are fetched. */
enum class PagingOrder {
    Auto,       ///< parallel when the order is known to be stable, else sequential with a warning
    Stable,     ///< the caller vouches for a stable order: parallel
    Sequential, ///< one page after the other
};

struct FetchOptions
{
    bool all = false;           ///< false: the first page only
    int pageSize = maxPageSize; ///< NetSuite's limit parameter, 1…1000
    qint64 maxRows = 0;         ///< stop after this many rows (0: no limit)
    int concurrency = 0;        ///< pages in flight; 0 or more than the client's: its limit
    PagingOrder order = PagingOrder::Auto;
    /** Refuse (instead of fetching sequentially) when the order is not known to be stable. */
    bool refuseUnstableOrder = false;
    /** Rows reachable by offset paging; NetSuite's 100,000 (an emulator may use less). */
    qint64 rowCap = offsetPagingRowCap;
};

/** A SuiteQL query or a record collection ("record/v1/customer?q=…"). */
struct FetchSource
{
    enum class Kind { SuiteQl, Records };
    Kind kind = Kind::SuiteQl;
    QString query; ///< SuiteQL text
    QUrl url;      ///< a record collection URL (its limit/offset are replaced)

    [[nodiscard]] static FetchSource suiteQl(const QString &query);
    [[nodiscard]] static FetchSource records(const QUrl &collectionUrl);
};

struct FetchResult
{
    enum class Status { Ok, Failed, Refused, Cancelled };
    Status status = Status::Ok;
    qint64 rows = 0;
    std::optional<qint64> totalResults; ///< as NetSuite reported it
    int pages = 0;
    bool parallel = false;
    bool hitRowCap = false; ///< the result is larger than offset paging can reach
    QString lastId;         ///< the last row's id (keyset continuation), when it has one
    QStringList warnings;
    std::optional<RestResult> failure; ///< the page request that failed
    QString message;
};

/**
 * Fetches every page of a SuiteQL query or record collection through a NetSuiteClient and
 * streams the rows to a RowSink in order.
 *
 * - The first page tells totalResults; with a stable order the remaining pages go out in
 *   parallel, at most `concurrency` in flight (the client's limiter enforces the account
 *   limit), and at most twice that many pages are requested or held in memory ahead of the
 *   next page to write, so memory does not grow with the result.
 * - Without a stable order pages are fetched one after another (or refused), with a warning.
 * - At NetSuite's 100,000-row cap it stops there, warns and offers keyset paging
 *   (WHERE id > lastId ORDER BY id).
 * - A page whose body is not complete JSON fails the fetch (lib/http's truncation caveat).
 * - cancel() stops every page and discards the output; finished() is emitted once.
 * It does not outlive the client.
 */
class FetchAll final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FetchAll)

public:
    FetchAll(NetSuiteClient &client, FetchSource source, RowSink &sink, FetchOptions options,
             QObject *parent = nullptr);
    ~FetchAll() override;

    void start();
    void cancel();
    [[nodiscard]] bool isFinished() const { return m_finished; }
    [[nodiscard]] const FetchResult &result() const { return m_result; }

signals:
    /** After each page written; @p expectedRows and @p expectedPages are 0 while unknown. */
    void progress(qint64 rows, qint64 expectedRows, int pagesDone, int expectedPages);
    void warning(const QString &text);
    void finished(const Sb::NetSuite::FetchResult &result);

private:
    [[nodiscard]] RestRequest pageRequest(qint64 offset) const;
    void requestPage(int index);
    void onPage(int index, const RestResult &page);
    void plan(const QJsonObject &first);
    void drain();
    void dispatch();
    void fail(const QString &message, std::optional<RestResult> page = std::nullopt);
    void warn(const QString &text);
    void complete();
    void finish(FetchResult::Status status);

    NetSuiteClient &m_client;
    FetchSource m_source;
    RowSink &m_sink;
    FetchOptions m_options;
    int m_concurrency = 1;
    int m_window = 2;
    bool m_parallel = false;
    bool m_planned = false;
    int m_expectedPages = 0; ///< 0: unknown (sequential until hasMore is false)
    qint64 m_expectedRows = 0;
    int m_nextToDispatch = 0;
    int m_nextToWrite = 0;
    bool m_lastPageSeen = false;
    QHash<int, QPointer<RestCall>> m_inFlight;
    QHash<int, QJsonArray> m_ready;
    QHash<int, bool> m_readyHasMore;
    FetchResult m_result;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Sb::NetSuite
