// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/Emulator.h"

#include <QThread>

#include <functional>
#include <memory>

namespace Sb::Emulator {

/**
 * Runs an Emulator on its own QThread, for tests and the GUI's demo mode. start() blocks
 * until the server listens (or failed); call() runs a function on the emulator's thread and
 * waits for it, so every Emulator method is reachable from the caller's thread:
 *
 *     EmulatorThread emu(settings);
 *     auto info = emu.start();                               // StartInfo: URLs, aud
 *     auto integ = emu.call([](Emulator &e) { return e.createIntegration(); });
 *     auto cert = emu.call([&](Emulator &e) { return e.uploadCertificate(pem, integ->clientId,
 *                                                     Emulator::IntegrationRole,
 *                                                     Emulator::IntegrationEntity); });
 *
 * The destructor stops the emulator and joins the thread. Never call() from a slot that
 * the emulator thread itself waits on.
 */
class EmulatorThread final
{
    Q_DISABLE_COPY_MOVE(EmulatorThread)

public:
    explicit EmulatorThread(Settings settings = {});
    ~EmulatorThread();

    [[nodiscard]] Result<StartInfo> start();
    void stop();
    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] StartInfo info() const { return m_info; }

    /** Runs @p fn on the emulator thread with the Emulator and returns its result. */
    template<typename Fn>
    auto call(Fn fn) -> decltype(fn(std::declval<Emulator &>()))
    {
        using R = decltype(fn(std::declval<Emulator &>()));
        if constexpr (std::is_void_v<R>) {
            invoke([&](Emulator &e) { fn(e); });
        } else {
            std::optional<R> out;
            invoke([&](Emulator &e) { out.emplace(fn(e)); });
            return std::move(*out);
        }
    }

    // Convenience wrappers over call().
    [[nodiscard]] Result<IntegrationCreated> createIntegration(const IntegrationOptions &options
                                                               = {});
    [[nodiscard]] Result<CertificateMapping>
    uploadCertificate(const QByteArray &pem, const QString &clientId,
                      int roleId = Emulator::IntegrationRole,
                      int entityId = Emulator::IntegrationEntity);
    [[nodiscard]] Result<int> addFault(const QString &spec);
    void clearFaults();
    [[nodiscard]] QList<AuditEntry> auditTrail();
    [[nodiscard]] Counters counters();
    void advanceClock(qint64 seconds);
    [[nodiscard]] qint64 nowSeconds();

private:
    void invoke(const std::function<void(Emulator &)> &fn);

    Settings m_settings;
    std::unique_ptr<QThread> m_thread;
    Emulator *m_emulator = nullptr; // lives on m_thread
    StartInfo m_info;
};

} // namespace Sb::Emulator
