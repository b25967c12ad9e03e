// SPDX-License-Identifier: MIT
// Start-up of the desktop app against a bare Qt Widgets window, both offscreen:
//   baseline - this binary re-executed with --label-window: a QApplication and one QLabel,
//              exiting right after the label's first paint;
//   app      - `suitebench --smoke --settings <temp file>` without --demo, which exits 0 right
//              after the main window's first paint. SUITEBENCH_HOME and the XDG folders point
//              into a fresh temporary folder for every run, so no user data is read or written.
// Each is started N times, interleaved, after one unmeasured warm-up run of each. Reported:
// the median wall time from spawn to the "... first paint" line on stderr and to exit, and the
// peak RSS of each process (wait4's ru_maxrss). The app's peak RSS during --smoke stands for
// its idle memory (the window is up and nothing else has happened yet).
// Targets (from the issue): app/baseline time <= 2, idle memory < 100 MiB.
// It prints its numbers and exits 0 when every run worked; it is not a pass/fail timing test.
#include <QApplication>
#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <optional>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace {

constexpr int runs = 7;
constexpr int timeoutMs = 30000;

int labelWindow(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QLabel label(QStringLiteral("Suitebench"));
    struct PaintWatch final : QObject
    {
        bool eventFilter(QObject *watched, QEvent *event) override
        {
            if (!painted && event->type() == QEvent::Paint) {
                painted = true;
                QTimer::singleShot(0, qApp, [] {
                    std::fputs("baseline: first paint\n", stderr);
                    std::fflush(stderr);
                    QApplication::quit();
                });
            }
            return QObject::eventFilter(watched, event);
        }
        bool painted = false;
    } watch;
    label.installEventFilter(&watch);
    label.show();
    return QApplication::exec();
}

struct Run
{
    double firstLineMs = -1; ///< spawn to the "... first paint" line on stderr
    double exitMs = -1;      ///< spawn to exit
    long maxRssKib = -1;
    int exitCode = -1;
    QByteArray output;
};

/** Spawns @p argv with @p env, reads its stderr, and always reaps it (killing it on timeout). */
std::optional<Run> spawnAndMeasure(const QList<QByteArray> &args, const QList<QByteArray> &env)
{
    std::vector<char *> argv;
    for (const QByteArray &a : args) {
        argv.push_back(const_cast<char *>(a.constData()));
    }
    argv.push_back(nullptr);
    std::vector<char *> envp;
    for (const QByteArray &e : env) {
        envp.push_back(const_cast<char *>(e.constData()));
    }
    envp.push_back(nullptr);

    int pipeFds[2];
    if (pipe2(pipeFds, O_CLOEXEC) != 0) {
        return std::nullopt;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    QElapsedTimer clock;
    clock.start();
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(pipeFds[1]);
    if (spawned != 0) {
        close(pipeFds[0]);
        std::fprintf(stderr, "cannot start %s: %s\n", argv[0], std::strerror(spawned));
        return std::nullopt;
    }
    Run run;
    bool timedOut = false;
    while (true) {
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0) {
            timedOut = true;
            break;
        }
        pollfd p{pipeFds[0], POLLIN, 0};
        const int ready = poll(&p, 1, int(left));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            timedOut = ready == 0;
            break;
        }
        char buffer[4096];
        const ssize_t got = read(pipeFds[0], buffer, sizeof buffer);
        if (got <= 0) {
            break; // EOF: the child closed stderr (it is exiting)
        }
        run.output.append(buffer, qsizetype(got));
        if (run.firstLineMs < 0 && run.output.contains("first paint\n")) {
            run.firstLineMs = double(clock.nsecsElapsed()) / 1e6;
        }
    }
    close(pipeFds[0]);
    if (timedOut) {
        kill(pid, SIGKILL);
    }
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {}
    run.exitMs = double(clock.nsecsElapsed()) / 1e6;
    run.maxRssKib = usage.ru_maxrss; // KiB on Linux
    run.exitCode = timedOut ? -2 : (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return run;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values.at(values.size() / 2);
}

/** SB_BENCH_QPA=xcb (under xvfb-run) measures on a real X server; default offscreen. */
QByteArray platform()
{
    const QByteArray chosen = qgetenv("SB_BENCH_QPA");
    return chosen.isEmpty() ? QByteArrayLiteral("offscreen") : chosen;
}

QList<QByteArray> childEnvironment(const QTemporaryDir &home)
{
    QList<QByteArray> env;
    if (platform() != "offscreen" && qEnvironmentVariableIsSet("DISPLAY")) {
        env.append("DISPLAY=" + qgetenv("DISPLAY"));
    }
    const QList<QByteArray> replaced
        = {"QT_QPA_PLATFORM=", "SUITEBENCH_HOME=", "XDG_CONFIG_HOME=", "XDG_DATA_HOME=",
           "XDG_CACHE_HOME=",  "XDG_STATE_HOME=",  "XDG_RUNTIME_DIR=", "DISPLAY=",
           "WAYLAND_DISPLAY=", "DBUS_SESSION_BUS_"};
    for (char **e = environ; *e; ++e) {
        const QByteArray entry(*e);
        if (std::none_of(replaced.cbegin(), replaced.cend(),
                         [&entry](const QByteArray &prefix) { return entry.startsWith(prefix); })) {
            env.append(entry);
        }
    }
    const QByteArray root = QFile::encodeName(home.path());
    QDir(home.path()).mkpath(QStringLiteral("runtime"));
    QFile::setPermissions(home.filePath(QStringLiteral("runtime")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    env.append("QT_QPA_PLATFORM=" + platform());
    env.append("SUITEBENCH_HOME=" + root + "/workspace");
    env.append("XDG_CONFIG_HOME=" + root + "/config");
    env.append("XDG_DATA_HOME=" + root + "/data");
    env.append("XDG_CACHE_HOME=" + root + "/cache");
    env.append("XDG_STATE_HOME=" + root + "/state");
    env.append("XDG_RUNTIME_DIR=" + root + "/runtime");
    return env;
}

struct Subject
{
    const char *name;
    QList<QByteArray> args; ///< the settings path is appended per run for the app
    bool app;
    std::vector<double> firstLine, exit, rss;
    bool paintLineMissing = false;
};

bool measureOnce(Subject &subject, bool keep)
{
    QTemporaryDir home;
    if (!home.isValid()) {
        return false;
    }
    QList<QByteArray> args = subject.args;
    if (subject.app) {
        args << "--smoke"
             << "--settings" << QFile::encodeName(home.filePath(QStringLiteral("suitebench.ini")));
    }
    auto run = spawnAndMeasure(args, childEnvironment(home));
    if (!run || run->exitCode != 0) {
        std::fprintf(stderr, "%s failed (exit code %d): %s\n", subject.name,
                     run ? run->exitCode : -1, run ? run->output.constData() : "not started");
        return false;
    }
    if (run->firstLineMs < 0) { // no "first paint" line: count to exit
        run->firstLineMs = run->exitMs;
        subject.paintLineMissing = true;
    }
    if (keep) {
        subject.firstLine.push_back(run->firstLineMs);
        subject.exit.push_back(run->exitMs);
        subject.rss.push_back(double(run->maxRssKib) / 1024.0);
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 2 && std::strcmp(argv[1], "--label-window") == 0) {
        return labelWindow(argc, argv);
    }
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <path to suitebench>\n", argv[0]);
        return 2;
    }
    char self[4096];
    const ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
    if (length <= 0) {
        return 2;
    }
    self[length] = '\0';
    Subject baseline{
        "QLabel baseline", {QByteArray(self), "--label-window"}, false, {}, {}, {}, false};
    Subject app{"suitebench --smoke", {QByteArray(argv[1])}, true, {}, {}, {}, false};
    // One unmeasured warm-up each (page cache, font cache), then interleaved runs.
    if (!measureOnce(baseline, false) || !measureOnce(app, false)) {
        return 1;
    }
    for (int i = 0; i < runs; ++i) {
        if (!measureOnce(baseline, true) || !measureOnce(app, true)) {
            return 1;
        }
    }
    std::printf("GUI start-up, %s, %d interleaved runs each (medians; min in brackets)\n",
                platform().constData(), runs);
    std::printf("%-22s %16s %16s %14s\n", "", "to first paint", "to exit", "peak RSS");
    for (const Subject *s : {&baseline, &app}) {
        std::printf("%-22s %9.1f ms [%4.0f] %9.1f ms [%4.0f] %9.1f MiB\n", s->name,
                    median(s->firstLine),
                    *std::min_element(s->firstLine.cbegin(), s->firstLine.cend()), median(s->exit),
                    *std::min_element(s->exit.cbegin(), s->exit.cend()), median(s->rss));
    }
    if (app.paintLineMissing || baseline.paintLineMissing) {
        std::printf("(a run printed no \"first paint\" line; its time to exit was used)\n");
    }
    const double paintRatio = median(app.firstLine) / median(baseline.firstLine);
    const double exitRatio = median(app.exit) / median(baseline.exit);
    std::printf("%-22s %13.2fx %16.2fx %13.2fx\n", "ratio app/baseline", paintRatio, exitRatio,
                median(app.rss) / median(baseline.rss));
    std::printf("start-up ratio (to first paint) = %.2f (target <= 2): %s\n", paintRatio,
                paintRatio <= 2.0 ? "met" : "NOT met");
    std::printf("idle memory = peak RSS of the --smoke run = %.1f MiB (target < 100 MiB): %s\n",
                median(app.rss), median(app.rss) < 100.0 ? "met" : "NOT met");
    return 0;
}
