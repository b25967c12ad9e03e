// SPDX-License-Identifier: MIT
// Real write failures, created for real (CI runs as root, and root writes into a read-only
// folder anyway): a tiny tmpfs (ENOSPC) and a read-only remount (EROFS) in a private mount
// namespace (`unshare -m`), and a file-size limit (`ulimit -f`, EFBIG) in a child shell. Each
// leaves the previous workspace file intact with a clear error. When the condition cannot be
// created (no unshare, no mount permission) the test FAILS; it never skips.
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
};

Run shell(const QStringList &command, const QString &script)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QStringList args = command;
    args << QStringLiteral("sh") << QStringLiteral("-c") << script << QStringLiteral("sh")
         << QStringLiteral(SB_WRITER_PATH);
    p.start(args.takeFirst(), args);
    if (!p.waitForStarted(10000) || !p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromLocal8Bit(p.readAll())};
}

// Runs inside the new mount namespace; $1 is the writer. Prints markers the test checks.
const char *const NamespaceScript = R"SH(
set -u
W="$1"
M="$(mktemp -d)"
mount -t tmpfs -o size=64k,mode=0700 tmpfs "$M" || { echo "MOUNT-FAILED"; exit 90; }
D="$M/ws"
"$W" "$D" write before 100 || exit 91
sum1="$(sha256sum "$D/workspace.json")"
echo "FULL: $("$W" "$D" write big 200000)"
sum2="$(sha256sum "$D/workspace.json")"
[ "$sum1" = "$sum2" ] && echo "FULL-INTACT"
echo "FULL-LIST: $("$W" "$D" list | tr '\n' ' ')"
ls -a "$D" | tr '\n' ' '; echo
mount -o remount,ro "$M" || { echo "REMOUNT-FAILED"; exit 92; }
echo "RO: $("$W" "$D" write other 10)"
sum3="$(sha256sum "$D/workspace.json")"
[ "$sum1" = "$sum3" ] && echo "RO-INTACT"
echo "RO-LIST: $("$W" "$D" list | tr '\n' ' ')"
umount "$M"
)SH";

} // namespace

class TestWriteFailures final : public QObject
{
    Q_OBJECT

private slots:
    void fullDiskAndReadOnlyMountKeepThePreviousFile();
    void fileSizeLimitKeepsThePreviousFile();
};

void TestWriteFailures::fullDiskAndReadOnlyMountKeepThePreviousFile()
{
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("unshare")).isEmpty(),
             "unshare (util-linux) is required to create the failures; not skipping");
    const Run run = shell({QStringLiteral("unshare"), QStringLiteral("-m"),
                           QStringLiteral("--propagation"), QStringLiteral("private")},
                          QString::fromLatin1(NamespaceScript));
    QVERIFY2(run.exitCode == 0, qPrintable(QStringLiteral("could not create the failure "
                                                          "conditions (rc %1):\n%2")
                                               .arg(run.exitCode)
                                               .arg(run.out)));
    qInfo().noquote() << run.out;
    QVERIFY2(run.out.contains(QStringLiteral("FULL: error:")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("No space left on device")), qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("previous file is unchanged")));
    QVERIFY(run.out.contains(QStringLiteral("FULL-INTACT")));
    QVERIFY(run.out.contains(QStringLiteral("FULL-LIST: before \n"))
            || run.out.contains(QStringLiteral("FULL-LIST: before ")));
    QVERIFY2(run.out.contains(QStringLiteral("RO: error:")), qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("RO-INTACT")));
    QVERIFY(run.out.contains(QStringLiteral("RO-LIST: before ")));
}

void TestWriteFailures::fileSizeLimitKeepsThePreviousFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString script = QStringLiteral(R"SH(
set -u
W="$1"; D="%1"
"$W" "$D" write before 100 || exit 91
sum1="$(sha256sum "$D/workspace.json")"
echo "LIMIT: $(ulimit -f 16 && "$W" "$D" write big 200000)"
sum2="$(sha256sum "$D/workspace.json")"
[ "$sum1" = "$sum2" ] && echo "LIMIT-INTACT"
echo "LIMIT-LIST: $("$W" "$D" list | tr '\n' ' ')"
)SH")
                               .arg(dir.filePath(QStringLiteral("ws")));
    const Run run = shell({}, script);
    QVERIFY2(run.exitCode == 0, qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("LIMIT: error:")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("unchanged")), qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("LIMIT-INTACT")));
    QVERIFY(run.out.contains(QStringLiteral("LIMIT-LIST: before ")));
}

QTEST_GUILESS_MAIN(TestWriteFailures)
#include "TestWriteFailures.moc"
