// SPDX-License-Identifier: MIT
// Helpers for emulator tests: a plain QNetworkAccessManager client and assertion minting.
#pragma once

#include "crypto/Certificate.h"
#include "crypto/Jws.h"
#include "crypto/Keys.h"
#include "emulator/EmulatorThread.h"
#include "jwt/Jwt.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

namespace SbTest {

struct Reply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    [[nodiscard]] QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
                return h.second;
            }
        }
        return {};
    }
    [[nodiscard]] QString errorCode() const
    {
        return json()
            .value(QLatin1String("o:errorDetails"))
            .toArray()
            .at(0)
            .toObject()
            .value(QLatin1String("o:errorCode"))
            .toString();
    }
};

/** Sends one request and waits (bounded) for the answer. */
inline Reply send(QNetworkAccessManager &nam, const QByteArray &method, const QUrl &url,
                  const QByteArray &body = {},
                  const QList<QPair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 10000)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    for (const auto &h : headers) {
        request.setRawHeader(h.first, h.second);
    }
    QNetworkReply *reply = nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 2000, &loop, &QEventLoop::quit);
    loop.exec();
    Reply out;
    if (!reply->isFinished()) {
        reply->abort();
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.error = reply->error();
    out.body = reply->readAll();
    out.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return out;
}

struct Claims
{
    QString iss;
    QString kid;
    QString aud;
    qint64 iat = 0;
    qint64 exp = 0;
    QJsonValue scope = QJsonArray{QStringLiteral("rest_webservices")};
    QString typ = QStringLiteral("JWT");
};

inline QByteArray mint(const Sb::Crypto::PrivateKey &key, Sb::Crypto::JwsAlgorithm alg,
                       const Claims &c)
{
    QJsonObject header{{QStringLiteral("kid"), c.kid}};
    if (!c.typ.isEmpty()) {
        header.insert(QStringLiteral("typ"), c.typ);
    }
    QJsonObject payload{{QStringLiteral("iss"), c.iss},
                        {QStringLiteral("aud"), c.aud},
                        {QStringLiteral("iat"), c.iat},
                        {QStringLiteral("exp"), c.exp}};
    if (!c.scope.isUndefined()) {
        payload.insert(QStringLiteral("scope"), c.scope);
    }
    auto signedJwt = Sb::Jwt::sign(key, alg, header, payload);
    return signedJwt ? *signedJwt : QByteArray();
}

inline QByteArray tokenForm(const QByteArray &assertion)
{
    return QByteArrayLiteral("grant_type=client_credentials&client_assertion_type=")
           + QUrl::toPercentEncoding(
               QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"))
           + QByteArrayLiteral("&client_assertion=") + assertion;
}

inline QList<QPair<QByteArray, QByteArray>> formHeaders()
{
    return {{"Content-Type", "application/x-www-form-urlencoded"}};
}

/** A self-signed certificate for @p key (validity in days from @p notBefore). */
inline QByteArray certificateFor(const Sb::Crypto::PrivateKey &key, int days = 365,
                                 const QDateTime &notBefore = {})
{
    Sb::Crypto::CertificateRequest request;
    request.commonName = QStringLiteral("test-only emulator client");
    request.validityDays = days;
    request.notBefore = notBefore;
    auto cert = Sb::Crypto::Certificate::createSelfSigned(key, request);
    return cert ? cert->toPem() : QByteArray();
}

} // namespace SbTest
