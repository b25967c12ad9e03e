// SPDX-License-Identifier: MIT
#include "workspace/History.h"

#include "core/Redaction.h"
#include "workspace/SafeFile.h"
#include "workspace/Tr.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>

#include <algorithm>

namespace Sb::Workspace {

using Code = WorkspaceError::Code;

namespace {

constexpr qint64 MaxHistoryBytes = 256 * 1024 * 1024;
constexpr qsizetype MaxLineBytes = 32 * 1024 * 1024;

bool isSecretHeader(const QString &name)
{
    static const QStringList names{
        QStringLiteral("authorization"),
        QStringLiteral("proxy-authorization"),
        QStringLiteral("cookie"),
        QStringLiteral("set-cookie"),
        QStringLiteral("x-api-key"),
        QStringLiteral("x-auth-token"),
        QStringLiteral("x-amz-security-token"),
    };
    return names.contains(name.toLower());
}

QList<QPair<QString, QString>> redactHeaders(const QList<QPair<QString, QString>> &headers)
{
    QList<QPair<QString, QString>> out;
    for (const auto &[name, value] : headers) {
        if (isSecretHeader(name)) {
            const QString scheme = value.section(u' ', 0, 0, QString::SectionSkipEmpty);
            const bool hasScheme = value.trimmed().contains(u' ') && scheme.size() <= 16;
            out.append({name, hasScheme ? scheme + QStringLiteral(" [redacted]")
                                        : QStringLiteral("[redacted]")});
        } else {
            out.append({name, Core::redact(value)});
        }
    }
    return out;
}

QJsonArray headersToJson(const QList<QPair<QString, QString>> &headers)
{
    QJsonArray out;
    for (const auto &[name, value] : headers) {
        out.append(QJsonArray{name, value});
    }
    return out;
}

QList<QPair<QString, QString>> headersFromJson(const QJsonArray &array)
{
    QList<QPair<QString, QString>> out;
    for (const QJsonValue &value : array) {
        const QJsonArray pair = value.toArray();
        out.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    return out;
}

QByteArray toLine(const HistoryRecord &r)
{
    QJsonObject o;
    o.insert(QStringLiteral("v"), 1);
    o.insert(QStringLiteral("time"), r.time.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("env"), r.environmentId);
    o.insert(QStringLiteral("method"), r.method);
    o.insert(QStringLiteral("url"), r.url);
    o.insert(QStringLiteral("status"), r.status);
    if (!r.error.isEmpty()) {
        o.insert(QStringLiteral("error"), r.error);
    }
    o.insert(QStringLiteral("totalMs"), r.totalMs);
    o.insert(QStringLiteral("ttfbMs"), r.ttfbMs);
    o.insert(QStringLiteral("requestHeaders"), headersToJson(r.requestHeaders));
    o.insert(QStringLiteral("responseHeaders"), headersToJson(r.responseHeaders));
    if (!r.responseBody.isEmpty()) {
        o.insert(QStringLiteral("body"), QString::fromUtf8(r.responseBody));
        o.insert(QStringLiteral("bodyTruncated"), r.bodyTruncated);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

std::optional<HistoryRecord> fromLine(QByteArrayView line)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("v")).toInt() != 1) {
        return std::nullopt;
    }
    HistoryRecord r;
    r.time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    if (!r.time.isValid()) {
        return std::nullopt;
    }
    r.environmentId = o.value(QStringLiteral("env")).toString();
    r.method = o.value(QStringLiteral("method")).toString();
    r.url = o.value(QStringLiteral("url")).toString();
    r.status = o.value(QStringLiteral("status")).toInt();
    r.error = o.value(QStringLiteral("error")).toString();
    r.totalMs = o.value(QStringLiteral("totalMs")).toInteger();
    r.ttfbMs = o.value(QStringLiteral("ttfbMs")).toInteger(-1);
    r.requestHeaders = headersFromJson(o.value(QStringLiteral("requestHeaders")).toArray());
    r.responseHeaders = headersFromJson(o.value(QStringLiteral("responseHeaders")).toArray());
    r.responseBody = o.value(QStringLiteral("body")).toString().toUtf8();
    r.bodyTruncated = o.value(QStringLiteral("bodyTruncated")).toBool();
    return r;
}

} // namespace

History::History(QString path)
    : m_path(std::move(path))
{}

HistoryRecord History::redacted(HistoryRecord r, const HistoryPolicy &policy)
{
    r.url = Core::redact(r.url);
    r.error = Core::redact(r.error);
    r.requestHeaders = redactHeaders(r.requestHeaders);
    r.responseHeaders = redactHeaders(r.responseHeaders);
    if (!policy.storeBodies || policy.bodyCapBytes <= 0) {
        r.responseBody.clear();
        r.bodyTruncated = false;
    } else {
        if (r.responseBody.size() > policy.bodyCapBytes) {
            r.responseBody.truncate(policy.bodyCapBytes);
            r.bodyTruncated = true;
        }
        r.responseBody = Core::redact(QString::fromUtf8(r.responseBody)).toUtf8();
    }
    return r;
}

Result<void> History::append(HistoryRecord record, const HistoryPolicy &policy)
{
    const QByteArray line = toLine(redacted(std::move(record), policy));
    if (auto dir = makePrivateDirectory(QFileInfo(m_path).absolutePath()); !dir) {
        return dir;
    }
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!lock.tryLock(10'000)) {
        return fail(Code::Locked, Tr::tr("Another Suitebench process holds the history lock."));
    }
    QFile file(m_path);
    const bool existed = file.exists();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        return fail(Code::Io, Tr::tr("Cannot append to %1: %2").arg(m_path, file.errorString()));
    }
    if (!existed || (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))) {
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    // A previous crash may have left a torn last line; start ours on a fresh line.
    QByteArray prefix;
    if (file.size() > 0) {
        QFile reader(m_path);
        if (reader.open(QIODevice::ReadOnly) && reader.seek(reader.size() - 1)
            && reader.read(1) != "\n") {
            prefix = "\n";
        }
    }
    const QByteArray bytes = prefix + line;
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        return fail(Code::Io, Tr::tr("Appending to %1 failed: %2").arg(m_path, file.errorString()));
    }
    return {};
}

Result<History::ReadResult> History::read() const
{
    ReadResult out;
    if (!QFileInfo::exists(m_path)) {
        return out;
    }
    auto bytes = readRegularFile(m_path, MaxHistoryBytes);
    if (!bytes) {
        return tl::unexpected(bytes.error());
    }
    for (const QByteArray &line : bytes->split('\n')) {
        if (line.trimmed().isEmpty()) {
            continue;
        }
        const auto record = line.size() <= MaxLineBytes ? fromLine(line) : std::nullopt;
        if (record) {
            out.records.append(*record);
        } else {
            ++out.skippedLines;
        }
    }
    return out;
}

Result<void> History::trim(int maxAgeDays, qint64 maxBytes, const Core::Clock &clock)
{
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!lock.tryLock(10'000)) {
        return fail(Code::Locked, Tr::tr("Another Suitebench process holds the history lock."));
    }
    auto current = read();
    if (!current) {
        return tl::unexpected(current.error());
    }
    const QDateTime cutoff = clock.now().addDays(-maxAgeDays);
    QList<HistoryRecord> records = current->records;
    std::stable_sort(
        records.begin(), records.end(),
        [](const HistoryRecord &a, const HistoryRecord &b) { return a.time < b.time; });
    QList<QByteArray> lines; // oldest first, so the size cap drops the oldest
    for (const HistoryRecord &record : records) {
        if (record.time >= cutoff) {
            lines.append(toLine(record));
        }
    }
    qint64 total = 0;
    for (const QByteArray &line : lines) {
        total += line.size();
    }
    qsizetype first = 0;
    while (total > maxBytes && first < lines.size()) {
        total -= lines.at(first++).size();
    }
    QByteArray out;
    for (qsizetype i = first; i < lines.size(); ++i) {
        out += lines.at(i);
    }
    return writeFileSafely(m_path, out);
}

} // namespace Sb::Workspace
