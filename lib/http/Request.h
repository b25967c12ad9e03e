// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

namespace Sb::Http {

/** HTTP methods. PATCH, DELETE with a body and OPTIONS go through sendCustomRequest. */
enum class Method { Get, Head, Post, Put, Patch, Delete, Options };

/** "GET", "PATCH", … */
[[nodiscard]] QByteArray methodName(Method method);

/** One request header, in the order given. Names compare case-insensitively. */
struct Header
{
    QByteArray name;
    QByteArray value;
    friend bool operator==(const Header &, const Header &) = default;
};

/** Finds a header by name, case-insensitively; the first one wins. */
[[nodiscard]] std::optional<QByteArray> findHeader(const QList<Header> &headers,
                                                   QByteArrayView name);

/** What happens when the server answers with a 3xx. */
enum class RedirectMode {
    /**
     * Return the 3xx to the caller as ErrorKind::Redirect with its Location. The default,
     * because Qt 6's own default follows a redirect to another host *with* the caller's
     * Authorization header (security doc §0 item 1, S1).
     */
    Manual,
    /**
     * Follow a redirect only when scheme, host and port are all equal (isSameOrigin), up to
     * RequestLimits::maxRedirects hops; nothing is stripped because the origin is the same.
     * A cross-origin redirect is still returned, never followed.
     */
    FollowSameOrigin,
};

/** Per-request limits. The defaults suit REST calls; tokenRequest() suits token requests. */
struct RequestLimits
{
    /** Hard deadline per attempt, enforced by our own QTimer + abort(): a body trickling one
     *  byte per second keeps Qt's transfer timeout happy forever (S6). */
    std::chrono::milliseconds deadline{std::chrono::seconds{60}};
    /** No-progress timeout (QNetworkRequest::setTransferTimeout); fires when headers never come. */
    std::chrono::milliseconds transferTimeout{std::chrono::seconds{30}};
    /** The response body (after decompression) may not exceed this (S4). */
    qint64 maxResponseBytes = 256LL * 1024 * 1024;
    RedirectMode redirects = RedirectMode::Manual;
    /** Hops followed in FollowSameOrigin mode; clamped to [0, 3]. */
    int maxRedirects = 3;

    /** 20 s deadline, 10 s transfer timeout, 64 KiB cap: a token response is a few KiB. */
    [[nodiscard]] static RequestLimits tokenRequest();
};

/**
 * Receives the response body in chunks instead of ResponseRecord::body, so a caller can
 * stream a large body to a file. @p attempt is 1-based: after a retry the sink sees the
 * next attempt's body from its start and should discard what it kept of the earlier one.
 * Return false to abort the transfer (ErrorKind::Other).
 */
using BodySink = std::function<bool(int attempt, QByteArrayView chunk)>;

/** A request as a value: nothing here is sent until an HttpCall runs it. */
struct Request
{
    Method method = Method::Get;
    QUrl url;
    QList<Header> headers;
    QByteArray body;
    RequestLimits limits;
    BodySink bodySink; ///< optional; see BodySink

    /** Replaces every header called @p name (case-insensitively) with one new value. */
    void setHeader(const QByteArray &name, const QByteArray &value);
    [[nodiscard]] std::optional<QByteArray> header(QByteArrayView name) const
    {
        return findHeader(headers, name);
    }
};

/**
 * Checks what Qt would otherwise send blindly: an absolute http(s) URL with a host, no user
 * info, and header names that are RFC 9110 tokens with values free of CR, LF and NUL (a
 * value built from user variables must not be able to inject a second header).
 * Returns an empty string when the request is fine, else a message.
 */
[[nodiscard]] QString validateRequest(const Request &request);

/** Scheme, host (case-insensitively) and effective port are equal (RFC 6454 origin). */
[[nodiscard]] bool isSameOrigin(const QUrl &a, const QUrl &b);

/** 127.0.0.0/8, ::1, "localhost" and "*.localhost" (RFC 6761). */
[[nodiscard]] bool isLoopbackHost(const QString &host);

} // namespace Sb::Http
