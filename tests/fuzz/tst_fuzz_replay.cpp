// Replays every fuzz corpus and crash input through the fuzzers' entry points, so CI
// (built without libFuzzer) keeps each past crash fixed. Built twice: plain, and with
// AddressSanitizer + UndefinedBehaviorSanitizer over a sanitized copy of the model.
#include "fuzzentries.h"

#include <QDir>
#include <QFile>
#include <QtTest>

class TestFuzzReplay : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replay_data();
    void replay();
    void foldersKnown();
};

namespace {
const QString kRoot = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/tests/fuzz");
const QStringList kKinds = {QStringLiteral("corpus"), QStringLiteral("crashes")};
}

void TestFuzzReplay::replay_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("path");
    for (const QString &kind : kKinds) {
        for (const QString &target : chainscope::fuzz::targets()) {
            const QDir dir(kRoot + QLatin1Char('/') + kind + QLatin1Char('/') + target);
            for (const QString &file : dir.entryList(QDir::Files, QDir::Name)) {
                QTest::addRow("%s/%s/%s", qPrintable(kind), qPrintable(target), qPrintable(file))
                        << target.toUtf8() << dir.filePath(file);
            }
        }
    }
}

void TestFuzzReplay::replay()
{
    QFETCH(QByteArray, target);
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray data = f.readAll();
    QVERIFY(chainscope::fuzz::run(target, data));
}

void TestFuzzReplay::foldersKnown()
{
    // A folder for a target this build does not have (its model part not there yet) is
    // reported, not silently skipped; a typo in a folder name would hide inputs.
    QStringList unknown;
    int files = 0;
    for (const QString &kind : kKinds) {
        const QDir dir(kRoot + QLatin1Char('/') + kind);
        for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            if (!chainscope::fuzz::targets().contains(sub))
                unknown << kind + QLatin1Char('/') + sub;
            else
                files += int(QDir(dir.filePath(sub)).entryList(QDir::Files).size());
        }
    }
    if (!unknown.isEmpty())
        qWarning("fuzz folders without a target in this build: %s", qPrintable(unknown.join(QStringLiteral(", "))));
    QVERIFY(files > 0);
}

QTEST_GUILESS_MAIN(TestFuzzReplay)
#include "tst_fuzz_replay.moc"
