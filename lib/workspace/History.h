// SPDX-License-Identifier: MIT
#pragma once

#include "core/Clock.h"
#include "workspace/Environment.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace Sb::Workspace {

/** One request as history keeps it. record() redacts; what is stored is safe to show. */
struct HistoryRecord
{
    QDateTime time; ///< UTC, when the request started
    QString environmentId;
    QString method;
    QString url;    ///< redacted (tokens in query strings masked)
    int status = 0; ///< HTTP status, 0 when no response
    QString error;  ///< transport error text (redacted), empty on success
    qint64 totalMs = 0;
    qint64 ttfbMs = -1;                             ///< time to first byte, -1 when unknown
    QList<QPair<QString, QString>> requestHeaders;  ///< redacted
    QList<QPair<QString, QString>> responseHeaders; ///< redacted
    QByteArray responseBody; ///< only with HistoryPolicy::storeBodies; capped; redacted
    bool bodyTruncated = false;
};

/**
 * Request history as JSON Lines in `<workspace>/history.jsonl` (0600). One record per line,
 * appended under a lock; a torn last line after a crash is skipped, not fatal. Secrets never
 * reach it: `Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie` and other secret
 * headers keep only their scheme, and every other value, the URL and any stored body go
 * through Core::redact.
 */
class History final
{
public:
    explicit History(QString path);

    [[nodiscard]] QString path() const { return m_path; }

    /** Redacts @p record (applying @p policy to the body) and appends it. */
    [[nodiscard]] Result<void> append(HistoryRecord record, const HistoryPolicy &policy);

    struct ReadResult
    {
        QList<HistoryRecord> records; ///< oldest first
        int skippedLines = 0;         ///< torn or unreadable lines
    };
    [[nodiscard]] Result<ReadResult> read() const;

    /**
     * Drops records older than @p maxAgeDays (by @p clock) and then the oldest until the file
     * is at most @p maxBytes; rewrites the file atomically.
     */
    [[nodiscard]] Result<void> trim(int maxAgeDays, qint64 maxBytes, const Core::Clock &clock);

    /** What append() does to a record before writing it (exposed for the GUI's preview). */
    [[nodiscard]] static HistoryRecord redacted(HistoryRecord record, const HistoryPolicy &policy);

private:
    QString m_path;
};

} // namespace Sb::Workspace
