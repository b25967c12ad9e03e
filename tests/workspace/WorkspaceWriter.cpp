// SPDX-License-Identifier: MIT
// Test-only helper for TestWriteFailures: calls the library's workspace writer in a child
// process, so a test can put it on a full tmpfs, a read-only mount or under `ulimit -f`.
//   workspace_writer DIR write NAME BODYBYTES   → "ok" or "error: <message>" (exit 1)
//   workspace_writer DIR list                   → one environment name per line
#include "workspace/WorkspaceStore.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace Sb;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    QTextStream out(stdout);
    if (args.size() < 3) {
        out << "usage: workspace_writer DIR write NAME BYTES | DIR list\n";
        return 2;
    }
    Workspace::WorkspaceStore store(args.at(1));
    if (args.at(2) == QStringLiteral("list")) {
        const auto data = store.load();
        if (!data) {
            out << "error: " << data.error().message << '\n';
            return 1;
        }
        for (const auto &env : data->environments) {
            out << env.name << '\n';
        }
        return 0;
    }
    if (args.at(2) != QStringLiteral("write") || args.size() != 5) {
        return 2;
    }
    Workspace::Environment env;
    env.id = args.at(3);
    env.name = args.at(3);
    env.accountId = QStringLiteral("1234567");
    env.clientId = QStringLiteral("c");
    env.certificateId = QStringLiteral("k");
    Workspace::SavedRequest request;
    request.name = QStringLiteral("r");
    request.url = QStringLiteral("https://1234567.suitetalk.api.netsuite.com/x");
    request.body = QString(args.at(4).toInt(), u'x');
    env.collections = {{QStringLiteral("c"), {request}}};
    const auto result
        = store.update([&](Workspace::WorkspaceData &data) -> Workspace::Result<void> {
              data.environments.append(env);
              return {};
          });
    if (!result) {
        out << "error: " << result.error().message << '\n';
        return 1;
    }
    out << "ok\n";
    return 0;
}
