// SPDX-License-Identifier: MIT
// suitebench-emulator: the NetSuite emulator as a standalone loopback server.
#include "emulator/Emulator.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstdio>

#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // write() is async-signal-safe; the event loop reads the pipe and quits cleanly.
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

int fail(const QString &message)
{
    QTextStream(stderr) << "suitebench-emulator: " << message << '\n';
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("suitebench-emulator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SB_VERSION));

    using namespace Sb::Emulator;
    Settings settings;
    QJsonObject overrides;
    QJsonObject fromConfig;
    QStringList faults;
    const QStringList args = app.arguments().mid(1);
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        auto value = [&]() -> std::optional<QString> {
            if (i + 1 >= args.size()) {
                return std::nullopt;
            }
            return args[++i];
        };
        auto need = [&](const char *key, bool asNumber = false) -> bool {
            const auto v = value();
            if (!v) {
                return false;
            }
            if (asNumber) {
                bool ok = false;
                const qlonglong n = v->toLongLong(&ok);
                if (!ok) {
                    return false;
                }
                overrides.insert(QString::fromLatin1(key), n);
            } else {
                overrides.insert(QString::fromLatin1(key), *v);
            }
            return true;
        };
        bool ok = true;
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            QTextStream(stdout) << emulatorHelpText();
            return 0;
        } else if (a == QLatin1String("--version")) {
            QTextStream(stdout) << "suitebench-emulator " << SB_VERSION << '\n';
            return 0;
        } else if (a == QLatin1String("--host")) {
            ok = need("host");
        } else if (a == QLatin1String("--port")) {
            ok = need("port", true);
        } else if (a == QLatin1String("--tls")) {
            overrides.insert(QStringLiteral("tls"), true);
        } else if (a == QLatin1String("--account")) {
            ok = need("account");
        } else if (a == QLatin1String("--aud")) {
            ok = need("aud");
        } else if (a == QLatin1String("--demo")) {
            overrides.insert(QStringLiteral("seedDemoData"), true);
            overrides.insert(QStringLiteral("demoIntegration"), true);
        } else if (a == QLatin1String("--state-dir")) {
            ok = need("stateDir");
        } else if (a == QLatin1String("--seed")) {
            ok = need("seed", true);
        } else if (a == QLatin1String("--fault")) {
            const auto v = value();
            ok = v.has_value();
            if (v) {
                faults << *v;
            }
        } else if (a == QLatin1String("--config")) {
            const auto v = value();
            if (!v) {
                return fail(QStringLiteral("--config needs a file"));
            }
            QFile file(*v);
            if (!file.open(QIODevice::ReadOnly) || file.size() > 1024 * 1024) {
                return fail(QStringLiteral("cannot read %1").arg(*v));
            }
            QJsonParseError err{};
            const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &err);
            if (err.error != QJsonParseError::NoError || !doc.isObject()) {
                return fail(
                    QStringLiteral("%1 is not a JSON object: %2").arg(*v, err.errorString()));
            }
            fromConfig = doc.object();
        } else if (a == QLatin1String("--set")) {
            const auto v = value();
            const qsizetype eq = v ? v->indexOf(QLatin1Char('=')) : -1;
            if (eq <= 0) {
                return fail(QStringLiteral("--set needs NAME=VALUE"));
            }
            const QString raw = v->mid(eq + 1);
            const QJsonDocument doc = QJsonDocument::fromJson(
                QByteArrayLiteral("{\"v\":") + raw.toUtf8() + QByteArrayLiteral("}"));
            overrides.insert(v->left(eq), doc.isObject() ? doc.object().value(QLatin1String("v"))
                                                         : QJsonValue(raw));
        } else {
            return fail(QStringLiteral("unknown argument %1 (see --help)").arg(a));
        }
        if (!ok) {
            return fail(QStringLiteral("%1 needs a value (see --help)").arg(a));
        }
    }
    if (auto r = settings.applyJson(fromConfig); !r) {
        return fail(r.error().message);
    }
    if (auto r = settings.applyJson(overrides); !r) {
        return fail(r.error().message);
    }
    settings.faults << faults;

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) {
        return fail(QStringLiteral("cannot set up signal handling"));
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [] {
        char byte = 0;
        [[maybe_unused]] const auto r = ::read(g_signalPipe[0], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action
    {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    Emulator emulator(settings);
    const auto started = emulator.start();
    if (!started) {
        return fail(started.error().message);
    }
    const QByteArray line = QJsonDocument(started->toJson()).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);

    const int code = app.exec();
    emulator.stop();
    ::close(g_signalPipe[0]);
    ::close(g_signalPipe[1]);
    return code;
}
