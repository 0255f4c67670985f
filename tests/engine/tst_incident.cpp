// The incident's traces against what a real kernel did (tests/golden/incident/*.kernel.json,
// made by tests/oracle/incident.sh in network namespaces): the rules that matched, in order,
// node by node, and the outcome.
#include "scenario.h"
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

class TstIncident : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void kernelAgrees_data();
    void kernelAgrees();
    void presetsLoad();

private:
    std::optional<Scenario> m_scenario;
    QString m_goldenDir;
};


void TstIncident::initTestCase()
{
    std::vector<Diagnostic> diags;
    m_scenario = Scenario::load(QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/incident"), diags);
    for (const auto &d : diags) {
        if (d.severity == Diagnostic::Error)
            qWarning().noquote() << d.toString();
    }
    QVERIFY(m_scenario.has_value());
    QCOMPARE(int(m_scenario->nodes.size()), 3);
    m_goldenDir = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/tests/golden/incident");
}

void TstIncident::presetsLoad()
{
    QVERIFY(m_scenario->packets.size() >= 5);
    QCOMPARE(int(m_scenario->fixes.size()), 6);
}

void TstIncident::kernelAgrees_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(m_goldenDir).entryList({QStringLiteral("*.kernel.json")}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 11, "the kernel's golden files are missing");
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << f;
}


void TstIncident::kernelAgrees()
{
    QFETCH(QString, file);
    QFile f(m_goldenDir + QLatin1Char('/') + file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject golden = QJsonDocument::fromJson(f.readAll()).object();
    QVERIFY(!golden.isEmpty());

    Scenario sc = *m_scenario;
    for (const QJsonValue &fv : golden.value(QLatin1String("fixes")).toArray()) {
        const QJsonObject fo = fv.toObject();
        const QString node = fo.value(QLatin1String("node")).toString();
        Edit e;
        QString error;
        const bool parsed = fo.contains(QLatin1String("insert"))
                ? WhatIf::parseInsert(node + QLatin1Char(':') + fo.value(QLatin1String("insert")).toString(), sc, e, error)
                : WhatIf::parsePolicy(node + QLatin1Char(':') + fo.value(QLatin1String("policy")).toString(), sc, e, error);
        QVERIFY2(parsed, qPrintable(error));
        QVERIFY2(WhatIf::apply(sc, e, error), qPrintable(error));
    }
    PacketSpec spec;
    QString error;
    QVERIFY2(packetFromJson(golden.value(QLatin1String("packet")).toObject(), spec, error), qPrintable(error));
    const Trace trace = Simulator::trace(sc, spec);

    kernelcompare::compare(sc, trace, golden.value(QLatin1String("branches")).toArray());
}

QTEST_GUILESS_MAIN(TstIncident)
#include "tst_incident.moc"
