// SPDX-License-Identifier: MIT
#pragma once
// Benchmarks' memory readings: a field of /proc/self/status (Linux), e.g. "VmHWM:" (peak RSS).

#include <QByteArray>
#include <QFile>

namespace SbTest {

/** The field's value in KiB, or -1 when it cannot be read. */
inline qint64 procStatusKib(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field)) {
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong();
        }
    }
    return -1;
}

} // namespace SbTest
