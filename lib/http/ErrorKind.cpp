// SPDX-License-Identifier: MIT
#include "http/ErrorKind.h"

namespace Sb::Http {

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return QStringLiteral("none");
    case ErrorKind::Timeout:
        return QStringLiteral("timeout");
    case ErrorKind::TransferTimeout:
        return QStringLiteral("transfer-timeout");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorKind::ConnectionRefused:
        return QStringLiteral("connection-refused");
    case ErrorKind::HostNotFound:
        return QStringLiteral("host-not-found");
    case ErrorKind::Tls:
        return QStringLiteral("tls");
    case ErrorKind::RemoteClosed:
        return QStringLiteral("remote-closed");
    case ErrorKind::Truncated:
        return QStringLiteral("truncated");
    case ErrorKind::TooLarge:
        return QStringLiteral("too-large");
    case ErrorKind::Redirect:
        return QStringLiteral("redirect");
    case ErrorKind::Decompression:
        return QStringLiteral("decompression");
    case ErrorKind::InvalidRequest:
        return QStringLiteral("invalid-request");
    case ErrorKind::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

} // namespace Sb::Http
