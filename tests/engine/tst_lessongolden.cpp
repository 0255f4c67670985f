// The bundled lessons' packets against what a real kernel did (tests/golden/lessons/
// <lesson>--{unfixed,fixed}.kernel.json, made by tests/oracle/lessons.sh in network
// namespaces): unfixed, and with the lesson's narrowest fix, the rules that matched, in
// order, node by node, and the outcome.
#include "lesson.h"
#include "simulator.h"
#include "whatif.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "kernelcompare.h"

using namespace chainscope;

class TstLessonGolden : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyLessonHasGoldenFiles();
    void kernelAgrees_data();
    void kernelAgrees();
};

static const QString kLessons = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/lessons");
static const QString kGolden = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/tests/golden/lessons");


/** Lessons with a scenario of their own (the oracle builds those; 01 is the incident's). */
static QStringList ownScenarioLessons()
{
    QStringList out;
    for (const QString &d : QDir(kLessons).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        QFile f(kLessons + QLatin1Char('/') + d + QLatin1String("/lesson.json"));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QString ref = QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("scenario")).toString();
        if (ref == QLatin1String("scenario") || ref == QLatin1String("./scenario"))
            out << d;
    }
    return out;
}

void TstLessonGolden::everyLessonHasGoldenFiles()
{
    const QStringList lessons = ownScenarioLessons();
    QVERIFY(lessons.size() >= 5);
    for (const QString &l : lessons) {
        for (const char *c : {"unfixed", "fixed"}) {
            const QString path = kGolden + QLatin1Char('/') + l + QLatin1String("--") + QLatin1String(c) + QLatin1String(".kernel.json");
            QVERIFY2(QFile::exists(path), qPrintable(QStringLiteral("missing %1 (run tests/oracle/lessons.sh all as root)").arg(path)));
        }
    }
}

void TstLessonGolden::kernelAgrees_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<bool>("fixed");
    for (const QString &l : ownScenarioLessons()) {
        QTest::newRow(qPrintable(l + QLatin1String("--unfixed"))) << l << false;
        QTest::newRow(qPrintable(l + QLatin1String("--fixed"))) << l << true;
    }
}


void TstLessonGolden::kernelAgrees()
{
    QFETCH(QString, lesson);
    QFETCH(bool, fixed);
    std::vector<Diagnostic> diags;
    const auto les = Lesson::load(kLessons + QLatin1Char('/') + lesson, diags);
    for (const auto &d : diags) {
        if (d.severity == Diagnostic::Error)
            qWarning().noquote() << d.toString();
    }
    QVERIFY(les);
    QFile f(kGolden + QLatin1Char('/') + lesson + (fixed ? QLatin1String("--fixed") : QLatin1String("--unfixed")) + QLatin1String(".kernel.json"));
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    const QJsonObject golden = QJsonDocument::fromJson(f.readAll()).object();
    QVERIFY(!golden.isEmpty());

    // The kernel file must be about this lesson's packet and fix (else it is stale).
    PacketSpec kernelPacket;
    QString error;
    QVERIFY2(packetFromJson(golden.value(QLatin1String("packet")).toObject(), kernelPacket, error), qPrintable(error));
    QCOMPARE(kernelPacket.describe(), les->packet.describe());
    QCOMPARE(kernelPacket.fromNode, les->packet.fromNode);
    QCOMPARE(kernelPacket.inIface, les->packet.inIface);
    QCOMPARE(kernelPacket.ctstate, les->packet.ctstate);
    const QJsonArray kernelFixes = golden.value(QLatin1String("fixes")).toArray();
    QCOMPARE(int(kernelFixes.size()), fixed ? int(les->narrowestFix.size()) : 0);
    if (fixed) {
        QFile lf(les->folder + QLatin1String("/lesson.json"));
        QVERIFY(lf.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(lf.readAll()).object().value(QLatin1String("narrowest_fix")).toArray(), kernelFixes);
    }

    Scenario sc = les->scenario;
    if (fixed) {
        for (const Edit &e : les->narrowestFix)
            QVERIFY2(WhatIf::apply(sc, e, error), qPrintable(error));
    }
    const Trace trace = Simulator::trace(sc, les->packet);

    kernelcompare::compare(sc, trace, golden.value(QLatin1String("branches")).toArray());
}

QTEST_GUILESS_MAIN(TstLessonGolden)
#include "tst_lessongolden.moc"
