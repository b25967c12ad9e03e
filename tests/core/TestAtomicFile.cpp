// SPDX-License-Identifier: MIT
#include "core/AtomicFile.h"
#include "support/ResultTesting.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Sb;

class TestAtomicFile final : public QObject
{
    Q_OBJECT

private slots:
    void privateFilesAre0600EvenUnderUmask022();
    void publicFilesAre0644();
    void refusesToOverwriteWhenAsked();
    void failedWriteLeavesPreviousFileWhole();

private:
    static int modeOf(const QString &path)
    {
        struct stat st
        {};
        if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
            return -1;
        }
        return int(st.st_mode & 0777);
    }
};

void TestAtomicFile::privateFilesAre0600EvenUnderUmask022()
{
    const mode_t old = ::umask(022);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("key.pem"));
    SB_VERIFY_RESULT(Core::writeFileAtomically(path, "secret", Core::FileMode::PrivateToOwner));
    ::umask(old);
    QCOMPARE(modeOf(path), 0600);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("secret"));
}

void TestAtomicFile::publicFilesAre0644()
{
    const mode_t old = ::umask(022);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cert.pem"));
    SB_VERIFY_RESULT(Core::writeFileAtomically(path, "cert", Core::FileMode::Public));
    ::umask(old);
    QCOMPARE(modeOf(path), 0644);
}

void TestAtomicFile::refusesToOverwriteWhenAsked()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a"));
    SB_VERIFY_RESULT(Core::writeFileAtomically(path, "first", Core::FileMode::PrivateToOwner));
    SB_VERIFY_ERROR(Core::writeFileAtomically(path, "second", Core::FileMode::PrivateToOwner,
                                              Core::Overwrite::Refuse),
                    Core::FileError::Code::Exists);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("first"));
}

void TestAtomicFile::failedWriteLeavesPreviousFileWhole()
{
    // The target is a directory: QSaveFile cannot replace it, and nothing may be left behind.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("taken"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("taken")));
    const auto result = Core::writeFileAtomically(path, "data", Core::FileMode::PrivateToOwner);
    QVERIFY(!result);
    QVERIFY(!result.error().message.isEmpty());
    QVERIFY(QFileInfo(path).isDir());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
}

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "TestAtomicFile.moc"
