// SPDX-License-Identifier: MIT
// suitebench: the desktop app. Everything lives in sb_gui; this is the one-file executable.
#include "core/Redaction.h"
#include "crypto/Jws.h"
#include "crypto/Keys.h"
#include "gui/Application.h"

#include <QApplication>
#include <QTextStream>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

#include <cstdio>
#include <future>

int main(int argc, char *argv[])
{
#ifdef Q_OS_LINUX
    // Decision: no core dumps. A dump would hold the in-memory private key and access token.
    prctl(PR_SET_DUMPABLE, 0);
#endif
    Sb::Core::installRedactingMessageHandler();
    Sb::Crypto::initSecureHeap();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Suitebench"));
    QApplication::setApplicationName(QStringLiteral("suitebench"));
    QApplication::setApplicationDisplayName(QStringLiteral("Suitebench"));
    QApplication::setApplicationVersion(QStringLiteral(SB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.suitebench.Suitebench"));

    // --help and --version end the process inside parseOptions() (exit()), so the self-test
    // thread starts after it: exit() must never run OpenSSL's cleanup under a running thread.
    const Sb::App::AppOptions options = Sb::App::parseOptions(QApplication::arguments());
    // The cryptography self-test (RFC 7515 vectors; a third of start-up's instructions) runs on
    // its own thread while the window is built; nothing signs before it has passed (below).
    auto selfTest = std::async(std::launch::async, [] { return Sb::Crypto::runSelfTest(); });
    QTextStream err(stderr);
    Sb::App::Application application(options);
    // Checked before anything can sign: before demo mode makes its key, else at the first
    // paint (keys are only used after a user's action). A failure ends the app with exit 2.
    application.setStartupCheck([&selfTest]() -> QString {
        const auto result = selfTest.get();
        return result ? QString()
                      : QStringLiteral("the cryptography self-test failed; refusing to sign "
                                       "anything: ")
                            + result.error().message;
    });
    QObject::connect(&application, &Sb::App::Application::smokeFinished, &app,
                     [&err](int code, const QString &message) {
                         err << message << Qt::endl;
                         QApplication::exit(code);
                     });
    QString error;
    if (!application.start(&error)) {
        err << "suitebench: " << error << Qt::endl;
        return 2;
    }
    return QApplication::exec();
}
