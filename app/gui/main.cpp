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

    const Sb::App::AppOptions options = Sb::App::parseOptions(QApplication::arguments());
    QTextStream err(stderr);
    if (auto selfTest = Sb::Crypto::runSelfTest(); !selfTest) {
        err << "suitebench: the cryptography self-test failed; refusing to sign anything: "
            << selfTest.error().message << Qt::endl;
        return 2;
    }
    Sb::App::Application application(options);
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
