// SPDX-License-Identifier: MIT
#include "emulator/EmulatorThread.h"

#include <QMetaObject>

namespace Sb::Emulator {

EmulatorThread::EmulatorThread(Settings settings)
    : m_settings(std::move(settings))
{}

EmulatorThread::~EmulatorThread()
{
    stop();
}

Result<StartInfo> EmulatorThread::start()
{
    if (m_thread) {
        return m_info;
    }
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("sb-emulator"));
    m_thread->start();
    // The emulator is a QObject of its own thread, and start() (which opens the SQLite
    // connections, bound to the thread that opens them) runs there.
    std::optional<Result<StartInfo>> result;
    m_emulator = new Emulator(m_settings);
    m_emulator->moveToThread(m_thread.get());
    Emulator *emulator = m_emulator;
    QMetaObject::invokeMethod(
        emulator, [emulator, &result] { result.emplace(emulator->start()); },
        Qt::BlockingQueuedConnection);
    if (!*result) {
        const EmulatorError error = result->error();
        stop();
        return tl::unexpected(error);
    }
    m_info = **result;
    return m_info;
}

void EmulatorThread::stop()
{
    if (!m_thread) {
        return;
    }
    if (m_emulator) {
        Emulator *emulator = m_emulator;
        m_emulator = nullptr;
        QMetaObject::invokeMethod(
            emulator, [emulator] { delete emulator; }, Qt::BlockingQueuedConnection);
    }
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
}

bool EmulatorThread::isRunning() const
{
    return m_emulator != nullptr;
}

void EmulatorThread::invoke(const std::function<void(Emulator &)> &fn)
{
    Q_ASSERT(m_emulator);
    if (!m_emulator) {
        return;
    }
    Emulator *emulator = m_emulator;
    QMetaObject::invokeMethod(
        emulator, [&fn, emulator] { fn(*emulator); }, Qt::BlockingQueuedConnection);
}

Result<IntegrationCreated> EmulatorThread::createIntegration(const IntegrationOptions &options)
{
    return call([&](Emulator &e) { return e.createIntegration(options); });
}

Result<CertificateMapping> EmulatorThread::uploadCertificate(const QByteArray &pem,
                                                             const QString &clientId, int roleId,
                                                             int entityId)
{
    return call([&](Emulator &e) { return e.uploadCertificate(pem, clientId, roleId, entityId); });
}

Result<int> EmulatorThread::addFault(const QString &spec)
{
    return call([&](Emulator &e) { return e.addFault(spec); });
}

void EmulatorThread::clearFaults()
{
    call([](Emulator &e) { e.clearFaults(); });
}

QList<AuditEntry> EmulatorThread::auditTrail()
{
    return call([](Emulator &e) { return e.auditTrail(); });
}

Counters EmulatorThread::counters()
{
    return call([](Emulator &e) { return e.counters(); });
}

void EmulatorThread::advanceClock(qint64 seconds)
{
    call([seconds](Emulator &e) { e.advanceClock(seconds); });
}

qint64 EmulatorThread::nowSeconds()
{
    return call([](Emulator &e) { return e.nowSeconds(); });
}

} // namespace Sb::Emulator
