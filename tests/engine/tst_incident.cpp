// The incident's traces against what a real kernel did (tests/golden/incident/*.kernel.json,
// made by tests/oracle/incident.sh in network namespaces): the rules that matched, in order,
// node by node, and the outcome.
#include "ipv4.h"
#include "scenario.h"
#include "simulator.h"
#include "whatif.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

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

static QString q(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

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

/** The engine's branch as the kernel reports it: matched rules and policies, skipping the raw table the oracle traces from. */
static QStringList engineEvents(const Scenario &sc, const Branch &b)
{
    QStringList out;
    for (const Step &s : b.steps) {
        if (s.table == TableId::Raw)
            continue;
        const Node &node = sc.nodes[s.node];
        if (s.kind == Step::RuleEval && s.matched) {
            const Chain &ch = node.rules.table(s.table).chains[size_t(s.chain)];
            const Target &t = ch.rules[size_t(s.rule)].target;
            QString verdict;
            switch (t.kind) {
            case Target::Jump: verdict = QLatin1String("jump ") + q(t.name); break;
            case Target::Goto: verdict = QLatin1String("goto ") + q(t.name); break;
            case Target::Accept: case Target::Dnat: case Target::Snat: case Target::Masquerade:
            case Target::Redirect: case Target::Netmap:
                verdict = QStringLiteral("accept"); break;
            case Target::Drop: verdict = QStringLiteral("drop"); break;
            case Target::Reject: verdict = QStringLiteral("drop"); break;
            case Target::Return: verdict = QStringLiteral("return"); break;
            default: verdict = QStringLiteral("continue"); break;
            }
            out << QStringLiteral("%1 %2 %3 %4 %5").arg(node.name, q(tableName(s.table)), q(ch.name)).arg(s.rule + 1).arg(verdict);
        } else if (s.kind == Step::Policy) {
            const Chain &ch = node.rules.table(s.table).chains[size_t(s.chain)];
            out << QStringLiteral("%1 %2 %3 0 policy %4").arg(node.name, q(tableName(s.table)), q(ch.name),
                                                               ch.policyDrop ? QStringLiteral("drop") : QStringLiteral("accept"));
        }
    }
    return out;
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

    const QJsonArray kernelBranches = golden.value(QLatin1String("branches")).toArray();
    QVERIFY(!kernelBranches.isEmpty());
    // Every engine branch must be one the kernel took, and the other way round.
    QCOMPARE(int(trace.branches.size()), int(kernelBranches.size()));
    for (const QJsonValue &kv : kernelBranches) {
        const QJsonObject kb = kv.toObject();
        const QString endpoint = kb.value(QLatin1String("endpoint")).toString();
        QStringList expected;
        for (const QJsonValue &ev : kb.value(QLatin1String("events")).toArray()) {
            const QJsonObject e = ev.toObject();
            if (e.value(QLatin1String("table")).toString() == QLatin1String("raw"))
                continue;
            expected << QStringLiteral("%1 %2 %3 %4 %5").arg(e.value(QLatin1String("node")).toString(),
                                                               e.value(QLatin1String("table")).toString(),
                                                               e.value(QLatin1String("chain")).toString())
                                .arg(e.value(QLatin1String("rule")).toInt())
                                .arg(e.value(QLatin1String("verdict")).toString());
        }
        // The engine branch whose packet ends at this endpoint.
        const Branch *match = nullptr;
        for (const Branch &b : trace.branches) {
            if (endpoint.isEmpty() || ipv4::toString(b.packets.back().dst) == endpoint)
                match = &b;
        }
        QVERIFY2(match, qPrintable(QStringLiteral("no engine branch reaches %1").arg(endpoint)));
        QCOMPARE(engineEvents(sc, *match), expected);
        const QString outcome = kb.value(QLatin1String("outcome")).toString();
        const Verdict::Kind kind = match->verdict.kind;
        const QString engineOutcome = kind == Verdict::Delivered ? QStringLiteral("delivered")
                : kind == Verdict::AcceptLocal ? QStringLiteral("accept-local")
                : (kind == Verdict::Drop || kind == Verdict::Reject) ? QStringLiteral("dropped") : verdictKindName(kind);
        QCOMPARE(engineOutcome, outcome);
    }
}

QTEST_GUILESS_MAIN(TstIncident)
#include "tst_incident.moc"
