// What-if edits as the CLI and the window make them: parsing of --insert/--policy, the
// candidate rule checked by the dump parser, commands to copy, and the blast radius.
#include "blastradius.h"
#include "scenario.h"
#include "simulator.h"
#include "whatif.h"

#include <QtTest>

using namespace chainscope;

class TstWhatIf : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void refusedEdits_data();
    void refusedEdits();
    void commands();
    void oneNodeArguments_data();
    void oneNodeArguments();
    void blastRadius_data();
    void blastRadius();

private:
    std::optional<Scenario> m_sc;
};

void TstWhatIf::initTestCase()
{
    std::vector<Diagnostic> diags;
    m_sc = Scenario::load(QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/incident"), diags);
    QVERIFY(m_sc);
}

void TstWhatIf::refusedEdits_data()
{
    QTest::addColumn<QString>("insert");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown chain") << "node02:filter:NOPE:1:-j ACCEPT" << "chain NOPE does not exist in table filter of node02";
    QTest::newRow("position past the end") << "node02:filter:DOCKER-USER:3:-j ACCEPT" << "position 3 is out of range: chain DOCKER-USER has 1 rules";
    QTest::newRow("typo in target") << "node02:filter:FORWARD:1:-i flannel.1 -j ACCPT" << "target ACCPT is neither a built-in target nor a chain of table filter";
    QTest::newRow("typo in target, with options") << "node02:filter:FORWARD:1:-j ACCEPTT --bogus" << "target ACCEPTT is neither a built-in target nor a chain of table filter";
    QTest::newRow("options after a chain") << "node02:filter:FORWARD:1:-j DOCKER-USER --bogus" << "DOCKER-USER is a chain: a jump takes no options (--bogus)";
    QTest::newRow("bad option of a known target") << "node02:filter:FORWARD:1:-j ACCEPT --bogus" << "--bogus";
    QTest::newRow("DNAT in filter") << "node02:filter:FORWARD:1:-p tcp -j DNAT --to-destination 1.2.3.4" << "DNAT target: only valid in nat table, not filter";
    QTest::newRow("-o in PREROUTING") << "node02:nat:PREROUTING:1:-o eth0 -j ACCEPT" << "Can't use -o with PREROUTING";
}

void TstWhatIf::refusedEdits()
{
    QFETCH(QString, insert);
    QFETCH(QString, error);
    Scenario sc = *m_sc;
    Edit e;
    QString message;
    QVERIFY2(WhatIf::parseInsert(insert, sc, e, message), qPrintable(message));
    const auto before = sc.nodes[2].rules.table(TableId::Filter).chains.size();
    QVERIFY(!WhatIf::apply(sc, e, message));
    QVERIFY2(message.contains(error), qPrintable(message));
    // nothing changed
    QCOMPARE(sc.nodes[2].rules.table(TableId::Filter).chains.size(), before);
    QCOMPARE(sc.nodes[2].rules.table(TableId::Filter).chains[size_t(sc.nodes[2].rules.table(TableId::Filter).chainIndex("DOCKER-USER"))].rules.size(), size_t(1));
}

void TstWhatIf::commands()
{
    Edit e;
    QString error;
    QVERIFY(WhatIf::parseInsert(QStringLiteral("node02:filter:DOCKER-USER:1:-i flannel.1 -o cni0 -j ACCEPT"), *m_sc, e, error));
    QCOMPARE(WhatIf::command(e), QStringLiteral("iptables -t filter -I DOCKER-USER 1 -i flannel.1 -o cni0 -j ACCEPT"));
    const QString unit = WhatIf::systemdUnit({e}, QStringLiteral("Accept flannel to pods"));
    QVERIFY(unit.contains(QLatin1String("After=docker.service")));
    QVERIFY(unit.contains(QLatin1String("ExecStart=/bin/sh -c '/usr/sbin/iptables -t filter -C DOCKER-USER -i flannel.1 -o cni0 -j ACCEPT || /usr/sbin/iptables -t filter -I DOCKER-USER 1 -i flannel.1 -o cni0 -j ACCEPT'")));
    Edit p;
    QVERIFY(WhatIf::parsePolicy(QStringLiteral("node02:filter:FORWARD:ACCEPT"), *m_sc, p, error));
    QCOMPARE(WhatIf::command(p), QStringLiteral("iptables -t filter -P FORWARD ACCEPT"));
}

void TstWhatIf::oneNodeArguments_data()
{
    QTest::addColumn<QString>("arg");
    QTest::addColumn<bool>("policy");
    QTest::addColumn<QString>("expect");   // node|table|chain|position|rule, or "error: ..."
    QTest::newRow("node named") << "node02:filter:FORWARD:1:-j ACCEPT" << false << "node02|filter|FORWARD|1|-j ACCEPT";
    QTest::newRow("node omitted") << "filter:FORWARD:1:-j ACCEPT" << false << "node02|filter|FORWARD|1|-j ACCEPT";
    QTest::newRow("node omitted, colon in the rule") << "nat:PREROUTING:2:-p tcp -j DNAT --to-destination 10.0.0.1:80" << false
                                                     << "node02|nat|PREROUTING|2|-p tcp -j DNAT --to-destination 10.0.0.1:80";
    QTest::newRow("wrong node") << "node9:filter:FORWARD:1:-j ACCEPT" << false << "error: no node named \"node9\"";
    QTest::newRow("no position") << "filter:FORWARD:-j ACCEPT" << false << "error: expected NODE:TABLE:CHAIN:POS:'RULE'";
    QTest::newRow("policy, node omitted") << "filter:FORWARD:accept" << true << "node02|filter|FORWARD|accept";
    QTest::newRow("policy typo") << "filter:FORWARD:acept" << true << "error: policy \"acept\" must be ACCEPT or DROP";
}

void TstWhatIf::oneNodeArguments()
{
    QFETCH(QString, arg);
    QFETCH(bool, policy);
    QFETCH(QString, expect);
    // A dump loaded alone is one node: its name may be left out.
    Scenario sc;
    sc.nodes.push_back(m_sc->nodes[2]);
    Edit e;
    QString error;
    const bool ok = policy ? WhatIf::parsePolicy(arg, sc, e, error) : WhatIf::parseInsert(arg, sc, e, error);
    if (expect.startsWith(QLatin1String("error: "))) {
        QVERIFY(!ok);
        QVERIFY2(error.startsWith(expect.mid(7)), qPrintable(error));
        return;
    }
    QVERIFY2(ok, qPrintable(error));
    const QString got = policy ? QStringList{e.node, e.tableText(), e.chain, e.policyDrop ? QStringLiteral("drop") : QStringLiteral("accept")}.join(QLatin1Char('|'))
                               : QStringList{e.node, e.tableText(), e.chain, QString::number(e.position), e.ruleText}.join(QLatin1Char('|'));
    QCOMPARE(got, expect);
}

void TstWhatIf::blastRadius_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<bool>("broad");
    QTest::addColumn<int>("minAccepted");
    QTest::addColumn<int>("maxAccepted");
    // The narrow fixes let through pod traffic only; policy ACCEPT lets through everything.
    QTest::newRow("docker-user in/out") << "insert:node02:filter:DOCKER-USER:1:-i flannel.1 -o cni0 -j ACCEPT" << false << 1 << 200;
    QTest::newRow("author's rule") << "insert:node02:filter:FORWARD:15:-i flannel.1 -d 10.224.2.0/24 -j ACCEPT" << false << 1 << 200;
    QTest::newRow("policy accept") << "policy:node02:filter:FORWARD:ACCEPT" << true << 400 << 100000;
}

void TstWhatIf::blastRadius()
{
    QFETCH(QString, edit);
    QFETCH(bool, broad);
    QFETCH(int, minAccepted);
    QFETCH(int, maxAccepted);
    Scenario after = *m_sc;
    Edit e;
    QString error;
    const QString arg = edit.section(QLatin1Char(':'), 1);
    QVERIFY(edit.startsWith(QLatin1String("insert")) ? WhatIf::parseInsert(arg, after, e, error) : WhatIf::parsePolicy(arg, after, e, error));
    QVERIFY2(WhatIf::apply(after, e, error), qPrintable(error));
    const BlastRadius r = BlastRadiusCalculator::compute(*m_sc, after, e);
    QCOMPARE(r.broad, broad);
    QVERIFY2(r.newlyAccepted >= minAccepted && r.newlyAccepted <= maxAccepted, qPrintable(r.summary()));
    QCOMPARE(r.newlyDropped, 0);
    QVERIFY(r.probes > 1000);
}

QTEST_GUILESS_MAIN(TstWhatIf)
#include "tst_whatif.moc"
