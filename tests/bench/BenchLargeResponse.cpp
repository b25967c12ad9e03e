// SPDX-License-Identifier: MIT
// A 100 MiB SuiteQL response (an "items" array of about 250,000 NetSuite-shaped rows) shown
// by the request pane's response views, each path in a fresh child process (this binary
// re-executed with --child <path>) so that peak RSS (VmHWM) belongs to that path alone:
//   fromJson - the baseline: QJsonDocument::fromJson on the same bytes;
//   copy     - the pane's former path: the raw view, then the pretty text materialised by
//              prettyFormatJson on a worker and shown when done (no tree above 16 MB);
//   index    - the path built for this: the raw view and the pretty view (DisplayMode::
//              PrettyJson) lay out lines off the GUI thread over the same bytes, and the tree
//              is a JsonIndexModel over a JsonIndex built off the GUI thread.
// Measured for the views: time from handing over the body to the first painted screen of
// the Pretty tab (the pane's first tab), time until every index is complete, the worst
// lateness of a 10 ms heartbeat timer on the GUI thread meanwhile, and peak RSS / body size.
// For index, expanding the 250,000-item array in the tree is measured as well.
// Targets (from the issue): first screen < 1 s, lateness <= 100 ms, peak <= 3x the body.
// It prints a table and exits 0 when every path worked and showed the right data; it is not
// a pass/fail timing test.
#include "gui/JsonIndexModel.h"
#include "gui/RawBodyView.h"
#include "support/ProcStatus.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>
#include <QtConcurrent/QtConcurrentRun>

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

using namespace Sb;

namespace {

constexpr qint64 targetBytes = 100 * 1024 * 1024;

QByteArray itemId(qint64 row)
{
    return QByteArray::number(100000 + row);
}

/** One SuiteQL row; NetSuite returns most values as strings, a few as numbers or null. */
void appendItem(QByteArray &out, qint64 row)
{
    const quint32 h = quint32(row) * 2654435761u;
    static const char *const statuses[]
        = {"Pending Fulfillment", "Billed", "Closed", "Pending Approval"};
    out += R"({"links":[],"id":")" + itemId(row) + R"(","tranid":"SO)" + QByteArray::number(row + 1)
           + R"(","entity":")" + QByteArray::number(h % 90000 + 100)
           + R"(","companyname":"Example Customer )" + QByteArray::number(h % 5000)
           + (h % 7 == 0 ? R"( & S\u00f6hne \"GmbH\")" : ", Inc.") + R"(","email":"buyer)"
           + QByteArray::number(h % 5000) + R"(@example.com","trandate":")"
           + QByteArray::number(h % 12 + 1) + '/' + QByteArray::number(h % 28 + 1) + "/2024"
           + R"(","status":")" + statuses[h % 4] + R"(","amount":")"
           + QByteArray::number(double(h % 1000000) / 100.0, 'f', 2) + R"(","quantity":)"
           + QByteArray::number(h % 50 + 1) + R"(,"isinactive":"F","memo":)"
           + (h % 3 == 0 ? QByteArray("null")
                         : QByteArray(R"("Rush order – call the buyer before delivery")"))
           + R"(,"custbody_priority":)" + QByteArray::number(h % 10) + '}';
}

struct Body
{
    QByteArray bytes;
    qint64 rows = 0;
};

/** About targetBytes of a SuiteQL response, allocated once (no growth slack in the peak). */
Body makeBody()
{
    const QByteArray head = R"({"links":[{"rel":"next","href":"https://1234567.suitetalk.api.)"
                            R"(netsuite.com/services/rest/query/v1/suiteql?limit=1000&offset=)"
                            R"(1000"}],"count":)";
    Body body;
    QByteArray scratch;
    qint64 size = head.size() + 200;
    while (size < targetBytes) {
        scratch.clear();
        appendItem(scratch, body.rows++);
        size += scratch.size() + 1;
    }
    const QByteArray rows = QByteArray::number(body.rows);
    body.bytes.reserve(size + 64);
    body.bytes += head + rows + R"(,"hasMore":false,"items":[)";
    for (qint64 row = 0; row < body.rows; ++row) {
        if (row > 0) {
            body.bytes += ',';
        }
        appendItem(body.bytes, row);
    }
    body.bytes += R"(],"offset":0,"totalResults":)" + rows + '}';
    return body;
}

/** The worst lateness of a 10 ms timer on the GUI thread. */
class Heartbeat final : public QObject
{
public:
    Heartbeat()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            worstMs = qMax(worstMs, double(now - m_last) / 1e6 - 10.0);
            m_last = now;
        });
    }
    void start()
    {
        worstMs = 0;
        m_clock.start();
        m_last = m_clock.nsecsElapsed();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double worstMs = 0;

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
};

/** Runs the event loop until @p done; false on timeout. */
bool waitUntil(const std::function<bool()> &done, int timeoutMs = 60000)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
    }
    return true;
}

/** Notes when a widget has been painted after arm(). */
class PaintWatch final : public QObject
{
public:
    explicit PaintWatch(QWidget *widget) { widget->installEventFilter(this); }
    void arm() { painted = false; }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            painted = true;
        }
        return QObject::eventFilter(watched, event);
    }
    bool painted = false;
};

void print(const QJsonObject &result)
{
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

int childFromJson()
{
    const Body body = makeBody();
    const qint64 before = SbTest::procStatusKib("VmHWM:");
    QElapsedTimer clock;
    clock.start();
    const QJsonDocument document = QJsonDocument::fromJson(body.bytes);
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    const QJsonArray items = document.object().value(QLatin1String("items")).toArray();
    if (items.size() != body.rows
        || items.at(body.rows / 2).toObject().value(QLatin1String("id")).toString()
               != QString::fromLatin1(itemId(body.rows / 2))) {
        std::fprintf(stderr, "fromJson: wrong result\n");
        return 1;
    }
    print({{QStringLiteral("body"), double(body.bytes.size())},
           {QStringLiteral("rows"), double(body.rows)},
           {QStringLiteral("loaded_ms"), ms},
           {QStringLiteral("late_ms"), ms}, // it would block the GUI thread for all of it
           {QStringLiteral("hwm_before_kib"), double(before)},
           {QStringLiteral("hwm_kib"), double(SbTest::procStatusKib("VmHWM:"))}});
    return 0;
}

struct Views
{
    QTabWidget tabs;
    App::RawBodyView *pretty;
    App::RawBodyView *raw;
    Views()
    {
        pretty = new App::RawBodyView(&tabs);
        pretty->setJsonColoring(true);
        raw = new App::RawBodyView(&tabs);
    }
};

int childCopy(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const Body body = makeBody();
    Views views;
    auto *tree = new QTreeWidget(&views.tabs);
    views.tabs.addTab(views.pretty, QStringLiteral("Pretty"));
    views.tabs.addTab(tree, QStringLiteral("Tree"));
    views.tabs.addTab(views.raw, QStringLiteral("Raw"));
    views.tabs.resize(1000, 700);
    views.tabs.show();
    PaintWatch painted(views.pretty->viewport());
    if (!waitUntil([&] { return painted.painted; })) {
        return 2;
    }
    const qint64 before = SbTest::procStatusKib("VmHWM:");
    QFutureWatcher<QByteArray> watcher;
    QObject::connect(&watcher, &QFutureWatcher<QByteArray>::finished, &views.tabs,
                     [&] { views.pretty->setBody(watcher.result()); });
    Heartbeat heartbeat;
    heartbeat.start();
    QElapsedTimer clock;
    clock.start();
    // What RequestPane::showResponse did: raw view, empty pretty view, format on a worker.
    views.raw->setBody(body.bytes);
    tree->clear();
    views.pretty->setBody({});
    const QByteArray bytes = body.bytes;
    watcher.setFuture(QtConcurrent::run([bytes] { return App::prettyFormatJson(bytes); }));
    (new QTreeWidgetItem(tree))
        ->setText(0, QStringLiteral("The tree view holds bodies up to 16 MB"));
    painted.arm();
    double firstScreenMs = -1;
    if (!waitUntil([&] {
            if (painted.painted && views.pretty->lineCount() > 1 && firstScreenMs < 0) {
                firstScreenMs = double(clock.nsecsElapsed()) / 1e6;
            }
            return firstScreenMs >= 0 && views.pretty->indexComplete()
                   && views.raw->indexComplete();
        })) {
        return 2;
    }
    const double loadedMs = double(clock.nsecsElapsed()) / 1e6;
    heartbeat.stop();
    if (views.pretty->lineText(0) != QLatin1String("{")
        || !views.raw->lineText(0).startsWith(QLatin1String("{\"links\""))) {
        std::fprintf(stderr, "copy: wrong first screen\n");
        return 1;
    }
    print({{QStringLiteral("body"), double(body.bytes.size())},
           {QStringLiteral("rows"), double(body.rows)},
           {QStringLiteral("first_screen_ms"), firstScreenMs},
           {QStringLiteral("loaded_ms"), loadedMs},
           {QStringLiteral("late_ms"), heartbeat.worstMs},
           {QStringLiteral("pretty_lines"), double(views.pretty->lineCount())},
           {QStringLiteral("hwm_before_kib"), double(before)},
           {QStringLiteral("hwm_kib"), double(SbTest::procStatusKib("VmHWM:"))}});
    return 0;
}

QModelIndex childNamed(const QAbstractItemModel &model, const QModelIndex &parent,
                       const QString &key)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data().toString() == key) {
            return index;
        }
    }
    return {};
}

int childIndex(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const Body body = makeBody();
    Views views;
    App::JsonIndexModel model;
    auto *tree = new QTreeView(&views.tabs);
    tree->setUniformRowHeights(true);
    tree->setModel(&model);
    views.tabs.addTab(views.pretty, QStringLiteral("Pretty"));
    views.tabs.addTab(tree, QStringLiteral("Tree"));
    views.tabs.addTab(views.raw, QStringLiteral("Raw"));
    views.tabs.resize(1000, 700);
    views.tabs.show();
    PaintWatch painted(views.pretty->viewport());
    if (!waitUntil([&] { return painted.painted; })) {
        return 2;
    }
    const qint64 before = SbTest::procStatusKib("VmHWM:");
    Heartbeat heartbeat;
    heartbeat.start();
    QElapsedTimer clock;
    clock.start();
    views.raw->setBody(body.bytes);
    views.pretty->setBody(body.bytes, App::DisplayMode::PrettyJson);
    model.setBody(body.bytes);
    painted.arm();
    double firstScreenMs = -1;
    if (!waitUntil([&] {
            if (painted.painted && firstScreenMs < 0) {
                firstScreenMs = double(clock.nsecsElapsed()) / 1e6;
            }
            return firstScreenMs >= 0 && views.pretty->indexComplete() && views.raw->indexComplete()
                   && model.state() != App::JsonIndexModel::State::Indexing;
        })) {
        return 2;
    }
    const double loadedMs = double(clock.nsecsElapsed()) / 1e6;
    const double loadLateMs = heartbeat.worstMs;
    if (views.pretty->lineText(0) != QLatin1String("{")
        || views.pretty->lineText(1) != QLatin1String("  \"links\": [")
        || !views.raw->lineText(0).startsWith(QLatin1String("{\"links\""))
        || model.state() != App::JsonIndexModel::State::Ready) {
        std::fprintf(stderr, "index: wrong first screen or no tree (%s)\n",
                     qPrintable(model.error().message));
        return 1;
    }

    // Open the tree and the 250,000-item array, as a user would.
    heartbeat.start();
    QElapsedTimer expandClock;
    expandClock.start();
    views.tabs.setCurrentWidget(tree);
    const QModelIndex root = model.index(0, 0);
    tree->expand(root);
    const QModelIndex items = childNamed(model, root, QStringLiteral("items"));
    if (!items.isValid()) {
        std::fprintf(stderr, "index: no items member\n");
        return 1;
    }
    tree->expand(items);
    PaintWatch treePainted(tree->viewport());
    if (!waitUntil([&] { return treePainted.painted; })) {
        return 2;
    }
    const double expandMs = double(expandClock.nsecsElapsed()) / 1e6;
    const double expandLateMs = heartbeat.worstMs;
    heartbeat.stop();
    const QString itemsText = model.index(items.row(), 1, items.parent()).data().toString();
    const QModelIndex row = model.index(1234, 0, items);
    const QModelIndex id = childNamed(model, row, QStringLiteral("id"));
    qint64 soehne = 0; // the first row whose company name has escapes (see appendItem)
    while (quint32(soehne) * 2654435761u % 7 != 0) {
        ++soehne;
    }
    const QModelIndex company
        = childNamed(model, model.index(int(soehne), 0, items), QStringLiteral("companyname"));
    while (model.canFetchMore(items)) {
        model.fetchMore(items);
    }
    const bool allRows = model.rowCount(items) == body.rows;
    if (!itemsText.contains(QString::number(body.rows)) || !id.isValid()
        || model.index(id.row(), 1, row).data().toString()
               != QString(QLatin1Char('"') + QString::fromLatin1(itemId(1234)) + QLatin1Char('"'))
        || !company.isValid()
        || !model.index(company.row(), 1, company.parent())
                .data()
                .toString()
                .contains(QStringLiteral("Söhne \"GmbH\""))
        || !allRows || !views.pretty->find(QStringLiteral("SO200000"))) {
        std::fprintf(stderr, "index: wrong tree content\n");
        return 1;
    }
    print({{QStringLiteral("body"), double(body.bytes.size())},
           {QStringLiteral("rows"), double(body.rows)},
           {QStringLiteral("first_screen_ms"), firstScreenMs},
           {QStringLiteral("loaded_ms"), loadedMs},
           {QStringLiteral("late_ms"), loadLateMs},
           {QStringLiteral("expand_ms"), expandMs},
           {QStringLiteral("expand_late_ms"), expandLateMs},
           {QStringLiteral("pretty_lines"), double(views.pretty->lineCount())},
           {QStringLiteral("hwm_before_kib"), double(before)},
           {QStringLiteral("hwm_kib"), double(SbTest::procStatusKib("VmHWM:"))}});
    return 0;
}

std::optional<QJsonObject> runChild(const QString &path)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child"), path});
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished(5000);
        std::fprintf(stderr, "%s: timed out\n", qPrintable(path));
        return std::nullopt;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        std::fprintf(stderr, "%s: failed (exit code %d)\n", qPrintable(path), process.exitCode());
        return std::nullopt;
    }
    return QJsonDocument::fromJson(process.readAllStandardOutput().trimmed()).object();
}

double number(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toDouble(-1);
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 3 && qstrcmp(argv[1], "--child") == 0) {
        if (qstrcmp(argv[2], "fromJson") == 0) {
            return childFromJson();
        }
        if (qstrcmp(argv[2], "copy") == 0) {
            return childCopy(argc, argv);
        }
        if (qstrcmp(argv[2], "index") == 0) {
            return childIndex(argc, argv);
        }
        return 2;
    }
    QCoreApplication app(argc, argv);
    const char *paths[] = {"fromJson", "copy", "index"};
    QJsonObject results[3];
    for (int i = 0; i < 3; ++i) {
        auto result = runChild(QString::fromLatin1(paths[i]));
        if (!result) {
            return 1;
        }
        results[i] = *result;
    }
    const double body = number(results[0], "body");
    std::printf("Response of %.1f MiB (%.0f SuiteQL rows); each path in its own process\n",
                body / 1048576.0, number(results[0], "rows"));
    std::printf("%-34s %13s %12s %16s %11s %10s\n", "path", "first screen", "all built",
                "GUI worst block", "peak RSS", "peak/body");
    const char *labels[] = {"QJsonDocument::fromJson (baseline)", "pretty text copy (former path)",
                            "RawBodyView + JsonIndex (new path)"};
    for (int i = 0; i < 3; ++i) {
        const double first = number(results[i], "first_screen_ms");
        char firstText[32];
        if (first < 0) {
            std::snprintf(firstText, sizeof firstText, "%13s", "-");
        } else {
            std::snprintf(firstText, sizeof firstText, "%10.0f ms", first);
        }
        const double peak = number(results[i], "hwm_kib") * 1024.0;
        std::printf("%-34s %s %9.0f ms %13.0f ms %7.0f MiB %9.2fx\n", labels[i], firstText,
                    number(results[i], "loaded_ms"), number(results[i], "late_ms"),
                    peak / 1048576.0, peak / body);
    }
    std::printf("(peak RSS includes the body itself and the process's own start-up: %.0f MiB "
                "before the views got the body in the new path)\n",
                number(results[2], "hwm_before_kib") / 1024.0);
    std::printf("new path: tree opened and the %.0f-item array expanded in %.0f ms, GUI worst "
                "block %.0f ms\n",
                number(results[2], "rows"), number(results[2], "expand_ms"),
                number(results[2], "expand_late_ms"));
    const double first = number(results[2], "first_screen_ms");
    const double late = number(results[2], "late_ms");
    const double ratio = number(results[2], "hwm_kib") * 1024.0 / body;
    std::printf("targets for the new path: first screen %.0f ms < 1000: %s; GUI block %.0f ms "
                "<= 100: %s; peak %.2fx <= 3x: %s\n",
                first, first < 1000 ? "met" : "NOT met", late, late <= 100 ? "met" : "NOT met",
                ratio, ratio <= 3.0 ? "met" : "NOT met");
    std::printf("fromJson alone: %.0f ms and %.2fx the body\n", number(results[0], "loaded_ms"),
                number(results[0], "hwm_kib") * 1024.0 / body);
    return 0;
}
