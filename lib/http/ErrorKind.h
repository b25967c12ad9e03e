// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QString>

namespace Sb::Http {

/**
 * How a request ended, from the transport's point of view. An HTTP error status (404, 429,
 * 500) is *not* an error kind: the exchange worked and the status says the rest. Every kind
 * other than None means "do not trust the body" (see ResponseRecord::body).
 */
enum class ErrorKind {
    None,              ///< a complete response arrived (any status except a returned 3xx)
    Timeout,           ///< the overall deadline of the attempt passed (RequestLimits::deadline)
    TransferTimeout,   ///< no progress for RequestLimits::transferTimeout (S7: headers never came)
    Cancelled,         ///< the caller cancelled; never used for a timeout
    ConnectionRefused, ///< nothing listens on that port
    HostNotFound,      ///< the name did not resolve
    Tls,               ///< handshake failed; ResponseRecord::tlsErrors lists why
    RemoteClosed,      ///< the server closed the connection before any response header
    /**
     * Headers arrived, the body did not complete (S8: Qt says 200 + RemoteHostClosedError).
     * Also set when an identity body is shorter than its Content-Length even though Qt said
     * NoError: Qt 6.4 finishes a reply as complete when it reads the peer's close together
     * with the last data (QHttpProtocolHandler::_q_receiveReply, "connection might be closed
     * to signal the end of data"). Known gap: for a chunked or compressed body that race is
     * not detectable through QNetworkReply's API (seen in about 2 of 100 loaded runs), so
     * callers that parse a body (JSON) must still treat a parse error as a failure.
     */
    Truncated,
    TooLarge,       ///< the response passed RequestLimits::maxResponseBytes and was aborted
    Redirect,       ///< a 3xx was returned to the caller, not followed (see Location)
    Decompression,  ///< Qt's decompression safety check (gzip bomb, S5) or a corrupt encoding
    InvalidRequest, ///< the request was refused before sending (bad URL, header injection)
    Other,          ///< anything else Qt reported; the message says what
};

/** A stable lower-case name ("timeout", "too-large") for logs, history files and the CLI. */
[[nodiscard]] QString errorKindName(ErrorKind kind);

/** Codes for the few synchronous, fallible calls of this module. */
enum class HttpErrorCode {
    BadCertificate, ///< a CA certificate could not be read
};

/** Error value for synchronous calls (Core::ErrorOf; messages never contain secrets). */
using HttpError = Core::ErrorOf<HttpErrorCode>;

template<typename T>
using HttpResult = Core::Result<T, HttpError>;

} // namespace Sb::Http
