// SPDX-License-Identifier: MIT
#include "netsuite/client/RowSink.h"

#include "netsuite/Tr.h"

#include <QJsonDocument>
#include <QSaveFile>

#include <cmath>

namespace Sb::NetSuite {

namespace {

SinkResult<void> writeAll(QIODevice &device, const QByteArray &bytes)
{
    if (device.write(bytes) != bytes.size()) {
        return tl::unexpected<SinkError>(
            SinkError{SinkError::Code::WriteFailed,
                      Tr::tr("writing the rows failed: %1").arg(device.errorString())});
    }
    return {};
}

} // namespace

QJsonObject rowOf(const QJsonValue &item)
{
    QJsonObject row = item.toObject();
    row.remove(QLatin1String("links"));
    return row;
}

SinkResult<std::unique_ptr<RowOutput>> RowOutput::openFile(const QString &path)
{
    std::unique_ptr<RowOutput> out(new RowOutput);
    out->m_path = path;
    out->m_file = std::make_unique<QSaveFile>(path);
    // A failure must leave the previous file whole: no in-place fallback.
    out->m_file->setDirectWriteFallback(false);
    if (!out->m_file->open(QIODevice::WriteOnly)) {
        return tl::unexpected<SinkError>(
            SinkError{SinkError::Code::OpenFailed,
                      Tr::tr("cannot write %1: %2").arg(path, out->m_file->errorString())});
    }
    // Security: rows may be customer data. 0600 on the still-empty temporary file, before any
    // byte is written (QSaveFile would create it 0644 under umask 022; security doc §0 item 9).
    if (!out->m_file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        out->m_file->cancelWriting();
        return tl::unexpected<SinkError>(SinkError{
            SinkError::Code::OpenFailed, Tr::tr("cannot set the permissions of %1").arg(path)});
    }
    out->m_device = out->m_file.get();
    return out;
}

std::unique_ptr<RowOutput> RowOutput::wrap(QIODevice &device)
{
    std::unique_ptr<RowOutput> out(new RowOutput);
    out->m_device = &device;
    return out;
}

RowOutput::~RowOutput()
{
    cancel();
}

QIODevice &RowOutput::device()
{
    return *m_device;
}

SinkResult<void> RowOutput::commit()
{
    if (m_done) {
        return {};
    }
    m_done = true;
    if (!m_file) {
        if (auto *file = qobject_cast<QFileDevice *>(m_device)) {
            file->flush();
        }
        return {};
    }
    if (!m_file->commit()) {
        return tl::unexpected<SinkError>(
            SinkError{SinkError::Code::CommitFailed,
                      Tr::tr("saving %1 failed (%2); the previous file is unchanged")
                          .arg(m_path, m_file->errorString())});
    }
    return {};
}

void RowOutput::cancel()
{
    if (m_done) {
        return;
    }
    m_done = true;
    if (m_file) {
        m_file->cancelWriting();
        m_file->commit(); // with cancelWriting: removes the temporary file, keeps the old one
    }
}

JsonLinesSink::JsonLinesSink(RowOutput &output)
    : m_output(output)
{}

SinkResult<void> JsonLinesSink::writeRows(const QJsonArray &rows)
{
    QByteArray chunk;
    for (const QJsonValue &item : rows) {
        chunk += QJsonDocument(rowOf(item)).toJson(QJsonDocument::Compact);
        chunk += '\n';
    }
    return writeAll(m_output.device(), chunk);
}

SinkResult<void> JsonLinesSink::finish()
{
    return m_output.commit();
}

void JsonLinesSink::abort()
{
    m_output.cancel();
}

CsvSink::CsvSink(RowOutput &output)
    : m_output(output)
{}

QByteArray CsvSink::field(const QJsonValue &value)
{
    QByteArray text;
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        text = value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        const qint64 whole = qint64(number);
        text = double(whole) == number && std::abs(number) < 1e15
                   ? QByteArray::number(whole)
                   : QByteArray::number(number, 'g', 17);
        break;
    }
    case QJsonValue::String:
        text = value.toString().toUtf8();
        break;
    case QJsonValue::Array:
        text = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
        break;
    case QJsonValue::Object:
        text = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
        break;
    }
    const bool quote = text.contains(',') || text.contains('"') || text.contains('\r')
                       || text.contains('\n') || text.startsWith(' ') || text.endsWith(' ');
    if (!quote) {
        return text;
    }
    text.replace('"', "\"\"");
    return '"' + text + '"';
}

SinkResult<void> CsvSink::put(const QByteArray &bytes)
{
    return writeAll(m_output.device(), bytes);
}

SinkResult<void> CsvSink::writeRows(const QJsonArray &rows)
{
    if (!m_headerWritten) {
        for (const QJsonValue &item : rows) {
            const QJsonObject row = rowOf(item);
            for (auto it = row.begin(); it != row.end(); ++it) {
                if (!m_known.contains(it.key())) {
                    m_known.insert(it.key());
                    m_columns << it.key();
                }
            }
        }
        QByteArray header;
        for (qsizetype i = 0; i < m_columns.size(); ++i) {
            header += (i ? "," : "") + field(m_columns.at(i));
        }
        if (auto ok = put(header + "\r\n"); !ok) {
            return ok;
        }
        m_headerWritten = true;
    }
    QByteArray chunk;
    for (const QJsonValue &item : rows) {
        const QJsonObject row = rowOf(item);
        for (auto it = row.begin(); it != row.end(); ++it) {
            if (!m_known.contains(it.key()) && !m_dropped.contains(it.key())) {
                m_dropped.insert(it.key());
                m_warnings << Tr::tr("column '%1' first appeared after the CSV header was "
                                     "written; its values are left out (use JSON Lines to keep "
                                     "every column)")
                                  .arg(it.key().left(64));
            }
        }
        for (qsizetype i = 0; i < m_columns.size(); ++i) {
            if (i) {
                chunk += ',';
            }
            chunk += field(row.value(m_columns.at(i)));
        }
        chunk += "\r\n";
    }
    return put(chunk);
}

SinkResult<void> CsvSink::finish()
{
    if (!m_headerWritten) {
        if (auto ok = put(QByteArray()); !ok) {
            return ok;
        }
    }
    return m_output.commit();
}

void CsvSink::abort()
{
    m_output.cancel();
}

} // namespace Sb::NetSuite
