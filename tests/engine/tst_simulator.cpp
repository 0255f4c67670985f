// Table-driven semantics of the simulator: small rule sets, one packet each, the matched
// rules and the verdict. The kernel behaviours these rows pin down are documented in
// DESIGN.md (hook order, nat for new connections only, OUTPUT's -o after DNAT...).
#include "dumpparser.h"
#include "explain.h"
#include "ipv4.h"
#include "scenario.h"
#include "simulator.h"
#include "tracejson.h"

#include <QJsonArray>

#include <QtTest>

using namespace chainscope;

namespace {

const char *kAddr = "1: lo    inet 127.0.0.1/8 scope host lo\n"
                    "2: eth0    inet 192.168.1.10/24 brd 192.168.1.255 scope global eth0\n"
                    "3: eth1    inet 10.1.0.1/16 brd 10.1.255.255 scope global eth1\n";
const char *kRoutes = "default via 192.168.1.1 dev eth0\n"
                      "10.1.0.0/16 dev eth1 proto kernel scope link src 10.1.0.1\n"
                      "192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.10\n";

Scenario oneNode(const QByteArray &rules)
{
    Scenario sc;
    Node n;
    n.name = QStringLiteral("n1");
    std::vector<Diagnostic> diags;
    DumpParser::parseInto(n.rules, rules, QStringLiteral("test.rules"), {});
    for (const auto &d : n.rules.diagnostics) {
        if (d.severity == Diagnostic::Error)
            qWarning().noquote() << d.toString();
    }
    n.context.parseAddresses(kAddr, QStringLiteral("addr"), diags);
    n.context.parseRoutes(kRoutes, QStringLiteral("route"), diags);
    sc.nodes.push_back(std::move(n));
    return sc;
}

/** "in=eth1 src=10.1.0.5 dst=8.8.8.8 proto=tcp dport=80 ct=ESTABLISHED" */
PacketSpec packet(const QString &text)
{
    PacketSpec p;
    p.fromNode = QStringLiteral("n1");
    for (const QString &kv : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString k = kv.section(QLatin1Char('='), 0, 0), v = kv.section(QLatin1Char('='), 1);
        if (k == QLatin1String("in")) p.inIface = v;
        else if (k == QLatin1String("src")) p.src = ipv4::parseAddress(v.toStdString());
        else if (k == QLatin1String("dst")) p.dst = ipv4::parseAddress(v.toStdString()).value_or(0);
        else if (k == QLatin1String("proto")) protoFromName(v.toStdString(), p.proto);
        else if (k == QLatin1String("dport")) p.dport = quint16(v.toUInt());
        else if (k == QLatin1String("ct")) p.ctstate = v == QLatin1String("ESTABLISHED") ? CtBits::Established : CtBits::New;
    }
    return p;
}

QString q(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

/** "filter:OUTPUT:1;filter:A:2;filter:OUTPUT:policy" for the matched steps. */
QString matched(const Scenario &sc, const Branch &b)
{
    QStringList out;
    for (const Step &s : b.steps) {
        if ((s.kind == Step::RuleEval && s.matched) || (s.kind == Step::Policy && s.table != TableId::Raw)) {
            const Chain &c = sc.nodes[s.node].rules.table(s.table).chains[size_t(s.chain)];
            out << q(tableName(s.table)) + QLatin1Char(':') + q(c.name) + QLatin1Char(':')
                            + (s.kind == Step::Policy ? QStringLiteral("policy") : QString::number(s.rule + 1));
        }
    }
    return out.join(QLatin1Char(';'));
}

} // namespace

class TstSimulator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void trace_data();
    void trace();
    void statisticCascade();
    void unknownMatchBranches();
    void freshRuleSetFirst_data();
    void freshRuleSetFirst();
    void explainsNearestMiss();
    void destinationRunsAreExact();
};

void TstSimulator::trace_data()
{
    QTest::addColumn<QByteArray>("rules");
    QTest::addColumn<QString>("packet");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("finalDst");

    QTest::newRow("jump, return, policy")
            << QByteArray("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT DROP [0:0]\n:A - [0:0]\n"
                          "-A OUTPUT -j A\n-A A -p udp -j DROP\n-A A -j RETURN\n-A A -j ACCEPT\nCOMMIT\n")
            << QStringLiteral("dst=192.168.1.20 proto=tcp dport=22")
            << QStringLiteral("filter:OUTPUT:1;filter:A:2;filter:OUTPUT:policy") << QStringLiteral("drop") << QStringLiteral("192.168.1.20");
    QTest::newRow("goto returns past the caller")
            << QByteArray("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT DROP [0:0]\n:A - [0:0]\n"
                          "-A OUTPUT -g A\n-A OUTPUT -j ACCEPT\n-A A -p udp -j ACCEPT\nCOMMIT\n")
            << QStringLiteral("dst=192.168.1.20 proto=tcp dport=22")
            << QStringLiteral("filter:OUTPUT:1;filter:OUTPUT:policy") << QStringLiteral("drop") << QStringLiteral("192.168.1.20");
    QTest::newRow("negated source, interface wildcard")
            << QByteArray("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                          "-A FORWARD ! -s 10.0.0.0/8 -i eth+ -j DROP\n-A FORWARD -i eth+ -o eth0 -j ACCEPT\nCOMMIT\n")
            << QStringLiteral("in=eth1 src=10.1.0.5 dst=8.8.8.8 proto=tcp dport=443")
            << QStringLiteral("filter:FORWARD:2") << QStringLiteral("delivered") << QStringLiteral("8.8.8.8");
    QTest::newRow("filter OUTPUT -o sees the first route's device after DNAT")
            << QByteArray("*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                          "-A OUTPUT -d 10.96.0.1/32 -p tcp -j DNAT --to-destination 10.1.0.5:8080\nCOMMIT\n"
                          "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                          "-A OUTPUT -o eth1 -j ACCEPT\n-A OUTPUT -o eth0 -j DROP\nCOMMIT\n")
            << QStringLiteral("dst=10.96.0.1 proto=tcp dport=80")
            << QStringLiteral("nat:OUTPUT:1;filter:OUTPUT:2") << QStringLiteral("drop") << QStringLiteral("10.1.0.5");
    // A later packet does not traverse nat, but conntrack rewrites it with its connection's binding.
    QTest::newRow("nat only for the first packet, binding kept")
            << QByteArray("*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                          "-A PREROUTING -d 192.168.1.10/32 -p tcp -j DNAT --to-destination 10.1.0.5\n"
                          "-A PREROUTING -j MARK --set-xmark 0x1/0xffffffff\nCOMMIT\n"
                          "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                          "-A FORWARD -m conntrack --ctstate DNAT -m mark --mark 0x1 -j DROP\n"
                          "-A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT\nCOMMIT\n")
            << QStringLiteral("in=eth0 src=192.168.1.50 dst=192.168.1.10 proto=tcp dport=80 ct=ESTABLISHED")
            << QStringLiteral("filter:FORWARD:2") << QStringLiteral("delivered") << QStringLiteral("10.1.0.5");
    QTest::newRow("DNAT then FORWARD with MASQUERADE")
            << QByteArray("*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                          "-A PREROUTING -d 192.168.1.10/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.1.0.5:8080\n"
                          "-A POSTROUTING -o eth1 -j MASQUERADE\nCOMMIT\n"
                          "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                          "-A FORWARD -m conntrack --ctstate DNAT -p tcp -m multiport --dports 22,8000:8100 -j ACCEPT\nCOMMIT\n")
            << QStringLiteral("in=eth0 src=192.168.1.50 dst=192.168.1.10 proto=tcp dport=80")
            << QStringLiteral("nat:PREROUTING:1;filter:FORWARD:1;nat:POSTROUTING:1") << QStringLiteral("delivered") << QStringLiteral("10.1.0.5");
    QTest::newRow("marks with masks")
            << QByteArray("*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                          "-A PREROUTING -j MARK --set-xmark 0x4001/0xffff\n-A PREROUTING -j MARK --set-xmark 0x1/0x0\nCOMMIT\n"
                          "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                          "-A FORWARD -m mark --mark 0x4001/0xffff -j DROP\n-A FORWARD -m mark --mark 0x4000/0x4000 -j REJECT\nCOMMIT\n")
            << QStringLiteral("in=eth0 src=192.168.1.50 dst=10.1.0.9 proto=udp dport=53")
            << QStringLiteral("mangle:PREROUTING:1;mangle:PREROUTING:2;mangle:PREROUTING:policy;mangle:FORWARD:policy;filter:FORWARD:2")
            << QStringLiteral("reject") << QStringLiteral("10.1.0.9");
    QTest::newRow("addrtype LOCAL goes to INPUT")
            << QByteArray("*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                          "-A INPUT -m addrtype --dst-type LOCAL -p icmp -m icmp --icmp-type 8 -j ACCEPT\nCOMMIT\n")
            << QStringLiteral("in=eth0 src=192.168.1.50 dst=10.1.0.1 proto=icmp")
            << QStringLiteral("filter:INPUT:1") << QStringLiteral("accept-local") << QStringLiteral("10.1.0.1");
    QTest::newRow("no route")
            << QByteArray("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n")
            << QStringLiteral("in=eth1 src=10.1.0.5 dst=172.16.0.1 proto=tcp dport=80 in=eth1")
            << QString() << QStringLiteral("delivered") << QStringLiteral("172.16.0.1");
}

void TstSimulator::trace()
{
    QFETCH(QByteArray, rules);
    QFETCH(QString, packet);
    QFETCH(QString, path);
    QFETCH(QString, verdict);
    QFETCH(QString, finalDst);
    const Scenario sc = oneNode(rules);
    const Trace t = Simulator::trace(sc, ::packet(packet));
    QCOMPARE(int(t.branches.size()), 1);
    const Branch &b = t.branches.front();
    QStringList withoutAcceptPolicies;
    for (const QString &s : matched(sc, b).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        // Only policies that decide something are part of the expectation.
        if (!s.endsWith(QLatin1String(":policy")) || path.contains(s))
            withoutAcceptPolicies << s;
    }
    QCOMPARE(withoutAcceptPolicies.join(QLatin1Char(';')), path);
    QCOMPARE(verdictKindName(b.verdict.kind), verdict);
    QCOMPARE(ipv4::toString(b.packets.back().dst), finalDst);
}

void TstSimulator::statisticCascade()
{
    const Scenario sc = oneNode(
            "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:SVC - [0:0]\n"
            "-A OUTPUT -d 10.96.0.10/32 -j SVC\n"
            "-A SVC -m statistic --mode random --probability 0.33333333349 -j DNAT --to-destination 10.1.0.11\n"
            "-A SVC -m statistic --mode random --probability 0.50000000000 -j DNAT --to-destination 10.1.0.12\n"
            "-A SVC -j DNAT --to-destination 10.1.0.13\nCOMMIT\n");
    const Trace t = Simulator::trace(sc, packet(QStringLiteral("dst=10.96.0.10 proto=udp dport=53")));
    QCOMPARE(int(t.branches.size()), 3);
    QStringList ends;
    for (const Branch &b : t.branches) {
        QVERIFY(qAbs(b.probability - 1.0 / 3.0) < 1e-6);
        QVERIFY(!b.uncertain);
        ends << ipv4::toString(b.packets.back().dst);
    }
    QCOMPARE(ends, QStringList({QStringLiteral("10.1.0.11"), QStringLiteral("10.1.0.12"), QStringLiteral("10.1.0.13")}));
    // Pinning the second rule keeps only the branches that take it.
    TraceOptions pin;
    pin.pins.push_back({QString(), QStringLiteral("SVC"), 2});
    const Trace pinned = Simulator::trace(sc, packet(QStringLiteral("dst=10.96.0.10 proto=udp dport=53")), pin);
    QCOMPARE(ipv4::toString(pinned.branches.back().packets.back().dst), QStringLiteral("10.1.0.12"));
}

void TstSimulator::unknownMatchBranches()
{
    const Scenario sc = oneNode("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                                "-A OUTPUT -m recent --rcheck --seconds 60 -j DROP\nCOMMIT\n");
    const Trace t = Simulator::trace(sc, packet(QStringLiteral("dst=192.168.1.20 proto=tcp dport=22")));
    QCOMPARE(int(t.branches.size()), 2);
    QVERIFY(t.branches[0].uncertain);
    QVERIFY(t.branches[1].uncertain);
    QCOMPARE(verdictKindName(t.branches[0].verdict.kind), QStringLiteral("drop"));
    QCOMPARE(verdictKindName(t.branches[1].verdict.kind), QStringLiteral("delivered"));
}

void TstSimulator::freshRuleSetFirst_data()
{
    // Found by the kernel (tests/oracle/disagreements/008.txt, 009.txt). `branches`: each
    // branch's verdict, the first being what a freshly loaded rule set does; `uncertain`:
    // whether the branches are marked so.
    QTest::addColumn<QByteArray>("rules");
    QTest::addColumn<QString>("branches");
    QTest::addColumn<bool>("uncertain");
    const QByteArray head = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n";
    // The counter starts at every-1-packet, legacy and nft alike: the first packet matches
    // `--packet 0` only. The counter is not in the dump, so both outcomes stay, uncertain.
    QTest::newRow("nth packet 1 skips the first packet")
            << head + "-A OUTPUT -p tcp -m statistic --mode nth --every 2 --packet 1 -j DROP\nCOMMIT\n"
            << QStringLiteral("delivered,drop") << true;
    QTest::newRow("nth packet 0 takes the first packet")
            << head + "-A OUTPUT -p tcp -m statistic --mode nth --every 2 --packet 0 -j DROP\nCOMMIT\n"
            << QStringLiteral("drop,delivered") << true;
    QTest::newRow("nth negated")
            << head + "-A OUTPUT -m statistic --mode nth ! --every 3 --packet 0 -j DROP\nCOMMIT\n"
            << QStringLiteral("delivered,drop") << true;
    QTest::newRow("nth, legacy header: the same counter")
            << "# Generated by iptables-save v1.8.7 on Mon Nov 30 08:00:00 2026\n" + head
                       + "-A OUTPUT -m statistic --mode nth --every 4 --packet 3 -j REJECT\nCOMMIT\n"
            << QStringLiteral("delivered,reject") << true;
    QTest::newRow("nth, nft header: the same counter")
            << "# Generated by iptables-nft-save v1.8.9 (nf_tables) on Mon Nov 30 08:00:00 2026\n" + head
                       + "-A OUTPUT -m statistic --mode nth --every 4 --packet 3 -j REJECT\nCOMMIT\n"
            << QStringLiteral("delivered,reject") << true;
    // A chain declared with a target's name is jumped to, as the kernel does.
    QTest::newRow("chain named CLASSIFY")
            << QByteArray("*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                          ":POSTROUTING ACCEPT [0:0]\n:CLASSIFY - [0:0]\n-A OUTPUT -j CLASSIFY\n-A CLASSIFY -p tcp -j DROP\nCOMMIT\n")
            << QStringLiteral("drop") << false;
    QTest::newRow("chain named TTL, goto")
            << head + ":TTL - [0:0]\n-A OUTPUT -g TTL\n-A OUTPUT -j DROP\n-A TTL -p tcp -j RETURN\nCOMMIT\n"
            << QStringLiteral("delivered") << false;
}

void TstSimulator::freshRuleSetFirst()
{
    QFETCH(QByteArray, rules);
    QFETCH(QString, branches);
    QFETCH(bool, uncertain);
    const Scenario sc = oneNode(rules);
    QCOMPARE(sc.nodes.front().rules.diagnostics.size(), size_t(0));
    const Trace t = Simulator::trace(sc, packet(QStringLiteral("dst=192.168.1.20 proto=tcp dport=22")));
    QStringList got;
    for (const Branch &b : t.branches) {
        got << verdictKindName(b.verdict.kind);
        QCOMPARE(b.uncertain, uncertain);
    }
    QCOMPARE(got.join(QLatin1Char(',')), branches);
}

void TstSimulator::explainsNearestMiss()
{
    const Scenario sc = oneNode("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                                "-A FORWARD -i docker0 -o docker0 -j ACCEPT\n-A FORWARD -d 10.244.0.0/16 -j ACCEPT\nCOMMIT\n");
    const Trace t = Simulator::trace(sc, packet(QStringLiteral("in=eth0 src=192.168.1.5 dst=10.1.0.16 proto=tcp dport=80")));
    const Branch &b = t.branches.front();
    QCOMPARE(verdictKindName(b.verdict.kind), QStringLiteral("drop"));
    QCOMPARE(b.verdict.rule, 0);
    const auto misses = Explain::nearestMisses(sc, b);
    QCOMPARE(int(misses.size()), 2);
    QCOMPARE(misses.front().rule, 1);
    QCOMPARE(misses.front().reasons.front(),
             QStringLiteral("-d 10.244.0.0/16: destination 10.1.0.16 is not in 10.244.0.0/16"));
}

void TstSimulator::destinationRunsAreExact()
{
    // 40 "-d ADDR/32" rules are indexed (a range step stands for those that cannot match);
    // the JSON still lists every rule evaluated, each with its reason, as testing each would.
    QByteArray rules = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT DROP [0:0]\n";
    for (int i = 1; i <= 40; ++i)
        rules += "-A OUTPUT -d 10.9.0." + QByteArray::number(i) + "/32 -p tcp -m tcp --dport " + QByteArray::number(i == 30 ? 81 : 80) + " -j ACCEPT\n";
    rules += "COMMIT\n";
    const Scenario sc = oneNode(rules);
    const Table &filter = sc.nodes.front().rules.table(TableId::Filter);
    QCOMPARE(int(filter.chains[size_t(filter.chainIndex("OUTPUT"))].dstRuns.size()), 1);
    for (const int target : {30, 31}) {
        const Trace t = Simulator::trace(sc, packet(QStringLiteral("dst=10.9.0.%1 proto=tcp dport=80").arg(target)));
        const QJsonObject o = TraceJson::trace(sc, t, false);
        QStringList seen;
        for (const QJsonValue &v : o.value(QLatin1String("branches")).toArray().first().toObject().value(QLatin1String("steps")).toArray()) {
            const QJsonObject st = v.toObject();
            if (st.value(QLatin1String("kind")).toString() == QLatin1String("rule") && st.value(QLatin1String("table")).toString() == QLatin1String("filter"))
                seen << QString::number(st.value(QLatin1String("rule")).toInt()) + (st.value(QLatin1String("matched")).toBool() ? QStringLiteral("+") : QStringLiteral("-"));
        }
        QStringList expected;
        for (int i = 1; i < target; ++i)
            expected << QString::number(i) + QLatin1Char('-');
        // rule 30 names the destination but wants port 81: evaluated and failed; rule 31 matches
        if (target == 30)
            for (int i = 30; i <= 40; ++i)
                expected << QString::number(i) + QLatin1Char('-');
        else
            expected << QStringLiteral("31+");
        QCOMPARE(seen, expected);
        const QJsonObject fifth = o.value(QLatin1String("branches")).toArray().first().toObject().value(QLatin1String("steps")).toArray()[5].toObject();
        QVERIFY(fifth.value(QLatin1String("why_not")).toString().startsWith(QLatin1String("destination 10.9.0.")));
    }
}

QTEST_GUILESS_MAIN(TstSimulator)
#include "tst_simulator.moc"
