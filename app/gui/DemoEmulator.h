// SPDX-License-Identifier: MIT
#pragma once

#include "emulator/EmulatorThread.h"
#include "gui/EnvironmentModel.h"

#include <memory>

#include <tl/expected.hpp>

namespace Sb::App {

/**
 * Demo mode's emulator: lib/emulator's EmulatorThread (its own thread, a temporary state
 * folder) plus the two admin steps a NetSuite administrator does in the UI: create an
 * integration record and upload a certificate. The wizard uses them in demo mode; the app
 * uses makeDemoEnvironment() for `--demo`.
 */
class DemoEmulator final
{
    Q_DISABLE_COPY_MOVE(DemoEmulator)

public:
    /** @p demoScale: how much demo data to seed (1.0 ≈ 2,500 customers). */
    explicit DemoEmulator(double demoScale = 0.2);
    ~DemoEmulator();

    [[nodiscard]] tl::expected<Emulator::StartInfo, QString> start();
    void stop();
    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] Emulator::StartInfo info() const;
    /** "http://127.0.0.1:<port>" */
    [[nodiscard]] QUrl origin() const;
    /** The account the emulator plays (1234567_SB1). */
    [[nodiscard]] NetSuite::AccountId account() const;

    [[nodiscard]] tl::expected<Emulator::IntegrationCreated, QString>
    createIntegration(const QString &name);
    [[nodiscard]] tl::expected<Emulator::CertificateMapping, QString>
    uploadCertificate(const QByteArray &pem, const QString &clientId);

    /**
     * A ready environment for the emulated account, routed to the emulator: a fresh EC P-256
     * key (the app saves it to the demo's in-memory secret store), a new integration and an
     * uploaded certificate.
     */
    [[nodiscard]] tl::expected<Environment, QString> makeDemoEnvironment();

    /** The origin every environment's traffic goes to in demo mode ("--connect-to"): the
     *  targets, hence `aud` and the URLs shown, stay the accounts' own. */
    [[nodiscard]] QString connectTo() const;

    [[nodiscard]] Emulator::EmulatorThread &thread() { return *m_thread; }

private:
    std::unique_ptr<Emulator::EmulatorThread> m_thread;
    Emulator::StartInfo m_info;
    bool m_started = false;
};

} // namespace Sb::App
