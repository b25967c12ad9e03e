// SPDX-License-Identifier: MIT
// Fetching a whole SuiteQL result through the NetSuite client from the emulator (on its own
// thread) with 200 ms injected latency and a concurrency limit of 5:
//   time   - measured against ideal = latency x (1 token call + 1 first page
//            + ceil((pages - 1) / limit)); target ratio <= 1.1;
//   memory - peak RSS (VmHWM) at 100,000 rows against 10,000 rows, each size in a fresh child
//            process (this binary re-executed with --child N); target ratio <= 1.1.
// It prints its numbers and exits 0 when the runs worked; it is not a pass/fail timing test.
#include "crypto/Keys.h"
#include "emulator/EmulatorTestSupport.h"
#include "emulator/EmulatorThread.h"
#include "http/Transport.h"
#include "netsuite/AccountId.h"
#include "netsuite/CustomTokenEndpoint.h"
#include "netsuite/client/FetchAll.h"
#include "netsuite/client/NetSuiteClient.h"
#include "support/ProcStatus.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>

using namespace Sb;

namespace {

const int latencyMs = qEnvironmentVariableIsSet("SB_BENCH_LATENCY_MS")
                          ? qEnvironmentVariableIntValue("SB_BENCH_LATENCY_MS")
                          : 200;
constexpr int limit = 5;
constexpr int pageSize = 1000;

int child(qint64 rows)
{
    QTemporaryDir dir;
    auto key = Crypto::generateKey({Crypto::KeyType::Ec, 256, Crypto::Curve::P256});
    if (!key || !dir.isValid()) {
        return 2;
    }
    Emulator::Settings settings;
    settings.seedDemoData = true;
    settings.demoScale = 14; // about 105,000 sales-order lines
    settings.seed = 3;
    settings.suiteQlTimeoutMs = 20000;
    Emulator::EmulatorThread emulator(settings);
    QElapsedTimer seedTimer;
    seedTimer.start();
    auto info = emulator.start();
    if (!info) {
        std::fprintf(stderr, "emulator: %s\n", qPrintable(info.error().message));
        return 2;
    }
    const qint64 seedMs = seedTimer.elapsed();
    auto integration = emulator.createIntegration();
    auto mapping = integration ? emulator.uploadCertificate(SbTest::certificateFor(*key),
                                                            integration->clientId)
                               : decltype(emulator.uploadCertificate({}, {}))();
    if (!mapping || !emulator.addFault(QStringLiteral("latency-ms=%1").arg(latencyMs))) {
        return 2;
    }

    auto nam = Http::makeNetworkAccessManager();
    NetSuite::ClientConfig config;
    config.target = NetSuite::Target::netSuite(*NetSuite::AccountId::parse(info->account));
    config.assertion.clientId = integration->clientId;
    config.assertion.certificateId = mapping->certificateId;
    config.key = *key;
    config.connectTo = NetSuite::CustomTokenEndpoint::originOf(info->baseUrl);
    config.concurrencyLimit = limit;
    NetSuite::NetSuiteClient client(config, Http::Transport(*nam));

    auto output = NetSuite::RowOutput::openFile(dir.filePath(QStringLiteral("rows.jsonl")));
    if (!output) {
        return 2;
    }
    NetSuite::JsonLinesSink sink(**output);
    NetSuite::FetchOptions options;
    options.all = true;
    options.pageSize = pageSize;
    options.maxRows = rows;
    NetSuite::FetchAll fetch(client,
                             NetSuite::FetchSource::suiteQl(
                                 QStringLiteral("SELECT uniquekey, transaction, quantity FROM "
                                                "transactionline ORDER BY uniquekey")),
                             sink, options);
    const qint64 hwmBefore = SbTest::procStatusKib("VmHWM:");
    NetSuite::FetchResult result;
    QEventLoop loop;
    QObject::connect(&fetch, &NetSuite::FetchAll::finished, &loop,
                     [&](const NetSuite::FetchResult &r) {
                         result = r;
                         loop.quit();
                     });
    QElapsedTimer timer;
    timer.start();
    fetch.start(); // no cached token: the token call is part of the measurement
    loop.exec();
    const qint64 measured = timer.elapsed();
    if (result.status != NetSuite::FetchResult::Status::Ok || result.rows != rows) {
        std::fprintf(stderr, "fetch failed: %s (%lld rows)\n", qPrintable(result.message),
                     static_cast<long long>(result.rows));
        return 1;
    }
    const int pages = result.pages;
    const qint64 ideal = qint64(latencyMs) * (1 + 1 + (pages - 1 + limit - 1) / limit);
    const QJsonObject line{{QStringLiteral("rows"), result.rows},
                           {QStringLiteral("pages"), pages},
                           {QStringLiteral("parallel"), result.parallel},
                           {QStringLiteral("seed_ms"), seedMs},
                           {QStringLiteral("ideal_ms"), ideal},
                           {QStringLiteral("measured_ms"), measured},
                           {QStringLiteral("vmhwm_before_kib"), hwmBefore},
                           {QStringLiteral("vmhwm_kib"), SbTest::procStatusKib("VmHWM:")}};
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() == 3 && args.at(1) == QLatin1String("--child")) {
        return child(args.at(2).toLongLong());
    }
    QJsonObject runs[2];
    const qint64 sizes[2] = {10000, 100000};
    for (int i = 0; i < 2; ++i) {
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(QCoreApplication::applicationFilePath(),
                      {QStringLiteral("--child"), QString::number(sizes[i])});
        if (!process.waitForFinished(240000) || process.exitCode() != 0) {
            std::fprintf(stderr, "child for %lld rows failed\n", static_cast<long long>(sizes[i]));
            return 1;
        }
        runs[i] = QJsonDocument::fromJson(process.readAllStandardOutput().trimmed()).object();
        const double ideal = runs[i].value(QLatin1String("ideal_ms")).toDouble();
        const double measured = runs[i].value(QLatin1String("measured_ms")).toDouble();
        std::printf("rows=%lld pages=%d parallel=%s seed_ms=%lld ideal_ms=%.0f measured_ms=%.0f "
                    "ratio=%.3f\n",
                    static_cast<long long>(sizes[i]), runs[i].value(QLatin1String("pages")).toInt(),
                    runs[i].value(QLatin1String("parallel")).toBool() ? "yes" : "no",
                    static_cast<long long>(runs[i].value(QLatin1String("seed_ms")).toDouble()),
                    ideal, measured, measured / ideal);
    }
    const double peak10 = runs[0].value(QLatin1String("vmhwm_kib")).toDouble();
    const double peak100 = runs[1].value(QLatin1String("vmhwm_kib")).toDouble();
    std::printf("ideal_ms=%.0f measured_ms=%.0f ratio=%.3f (100,000 rows; target <= 1.1)\n",
                runs[1].value(QLatin1String("ideal_ms")).toDouble(),
                runs[1].value(QLatin1String("measured_ms")).toDouble(),
                runs[1].value(QLatin1String("measured_ms")).toDouble()
                    / runs[1].value(QLatin1String("ideal_ms")).toDouble());
    std::printf("peak_10k_kib=%.0f peak_100k_kib=%.0f ratio=%.3f (target <= 1.1; before the "
                "fetch: %.0f / %.0f KiB, emulator and seed included in both)\n",
                peak10, peak100, peak100 / peak10,
                runs[0].value(QLatin1String("vmhwm_before_kib")).toDouble(),
                runs[1].value(QLatin1String("vmhwm_before_kib")).toDouble());
    return 0;
}
