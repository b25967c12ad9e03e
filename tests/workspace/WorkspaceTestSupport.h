// SPDX-License-Identifier: MIT
#pragma once

#include "workspace/Environment.h"

#include <QDirIterator>
#include <QFile>
#include <QStringList>

#include <sys/stat.h>

namespace WorkspaceTest {

inline Sb::Workspace::Environment sampleEnvironment(const QString &name = QStringLiteral("SB1"))
{
    Sb::Workspace::Environment env;
    env.name = name;
    env.accountId = QStringLiteral("1234567_SB1");
    env.clientId = QStringLiteral("client-123");
    env.certificateId = QStringLiteral("cert-456");
    env.algorithm = QStringLiteral("ES256");
    env.scopes = {QStringLiteral("rest_webservices"), QStringLiteral("restlets")};
    env.concurrencyLimit = 5;
    env.variables = {{QStringLiteral("customer"), QStringLiteral("42"), false, true},
                     {QStringLiteral("apiSecret"), QString(), true, true}};
    Sb::Workspace::SavedRequest request;
    request.name = QStringLiteral("Get customer");
    request.url = QStringLiteral("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/"
                                 "record/v1/customer/{{customer}}");
    request.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json")}};
    env.collections = {{QStringLiteral("Customers"), {request}}};
    return env;
}

inline QStringList filesContaining(const QString &root, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle)) {
            hits.append(path);
        }
    }
    return hits;
}

inline int modeOf(const QString &path)
{
    struct stat st
    {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace WorkspaceTest
