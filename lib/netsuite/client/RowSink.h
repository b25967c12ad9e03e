// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>

class QSaveFile;

namespace Sb::NetSuite {

struct SinkError
{
    enum class Code { OpenFailed, WriteFailed, CommitFailed };
    Code code{};
    QString message;
};

template<typename T>
using SinkResult = Core::Result<T, SinkError>;

/**
 * Where fetched rows go, one page at a time and in order, so no caller holds a whole result
 * in memory. A row is a SuiteQL item or a record-collection item without its "links".
 */
class RowSink
{
public:
    virtual ~RowSink() = default;
    /** Writes @p rows (in order); an error stops the fetch. */
    [[nodiscard]] virtual SinkResult<void> writeRows(const QJsonArray &rows) = 0;
    /** All rows written: flush (and for a file, commit). */
    [[nodiscard]] virtual SinkResult<void> finish() = 0;
    /** Something failed: discard (a file keeps its previous content). */
    virtual void abort() = 0;
    /** Non-fatal problems, e.g. a CSV column that appeared after the header. */
    [[nodiscard]] virtual QStringList warnings() const { return {}; }
};

/**
 * An output that is either a file written atomically - QSaveFile into a temporary file in the
 * same folder, mode 0600 set before the first byte (QSaveFile alone would create it 0644),
 * renamed over the target on commit() only - or an already open device such as standard
 * output. cancel() leaves an existing file untouched.
 */
class RowOutput final
{
public:
    /** Opens @p path for atomic writing. */
    [[nodiscard]] static SinkResult<std::unique_ptr<RowOutput>> openFile(const QString &path);
    /** Wraps @p device (not owned; must stay open). */
    [[nodiscard]] static std::unique_ptr<RowOutput> wrap(QIODevice &device);
    ~RowOutput();

    [[nodiscard]] QIODevice &device();
    [[nodiscard]] SinkResult<void> commit();
    void cancel();

private:
    RowOutput() = default;
    std::unique_ptr<QSaveFile> m_file;
    QIODevice *m_device = nullptr;
    QString m_path;
    bool m_done = false;
};

/** JSON Lines (jsonlines.org): one compact JSON object per line, LF-terminated. */
class JsonLinesSink final : public RowSink
{
public:
    explicit JsonLinesSink(RowOutput &output);
    [[nodiscard]] SinkResult<void> writeRows(const QJsonArray &rows) override;
    [[nodiscard]] SinkResult<void> finish() override;
    void abort() override;

private:
    RowOutput &m_output;
};

/**
 * CSV (RFC 4180: CRLF, fields with a comma, quote, CR or LF quoted, quotes doubled). The
 * columns are the members of the first page's rows (SuiteQL leaves NULL columns out, so a
 * column missing from one row is an empty field); a column first seen in a later page cannot
 * join the header that is already written and is reported as a warning instead.
 * Strings are written as they are; spreadsheets may treat a leading = + - @ as a formula.
 */
class CsvSink final : public RowSink
{
public:
    explicit CsvSink(RowOutput &output);
    [[nodiscard]] SinkResult<void> writeRows(const QJsonArray &rows) override;
    [[nodiscard]] SinkResult<void> finish() override;
    void abort() override;
    [[nodiscard]] QStringList warnings() const override { return m_warnings; }
    [[nodiscard]] QStringList columns() const { return m_columns; }

    /** One CSV field (RFC 4180 quoting). */
    [[nodiscard]] static QByteArray field(const QJsonValue &value);

private:
    [[nodiscard]] SinkResult<void> put(const QByteArray &bytes);

    RowOutput &m_output;
    QStringList m_columns;
    QSet<QString> m_known;
    QSet<QString> m_dropped;
    QStringList m_warnings;
    bool m_headerWritten = false;
};

/** A row as written: the item without its "links" member. */
[[nodiscard]] QJsonObject rowOf(const QJsonValue &item);

} // namespace Sb::NetSuite
