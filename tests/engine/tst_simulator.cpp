// Table-driven semantics of the simulator: small rule sets, one packet each, the matched
// rules and the verdict. The kernel behaviours these rows pin down are documented in
// DESIGN.md (hook order, nat for new connections only, OUTPUT's -o after DNAT...).
#include "dumpparser.h"
#include "explain.h"
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
        else if (k == QLatin1String("src")) p.src = Address::parse(v);
        else if (k == QLatin1String("dst")) p.dst = Address::parse(v).value_or(Address());
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

/** A kubeadm-like node: eth0, eth1, the cni0 bridge with ports veth1 and veth2 (or more). */
Scenario bridgeNode(const QByteArray &rules, const QByteArray &sysctls, const QByteArray &links)
{
    Scenario sc = oneNode(rules);
    NodeContext &ctx = sc.nodes.front().context;
    std::vector<Diagnostic> diags;
    ctx.interfaces.clear();
    ctx.routes.clear();
    ctx.parseAddresses(QByteArray(kAddr) + "4: cni0    inet 10.244.1.1/24 brd 10.244.1.255 scope global cni0\n",
                       QStringLiteral("addr"), diags);
    ctx.parseRoutes(QByteArray(kRoutes) + "10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1\n", QStringLiteral("route"), diags);
    if (!sysctls.isEmpty() && !ctx.sysctls.parse(sysctls, QStringLiteral("sysctl"), diags))
        qWarning("sysctls not read");
    if (!links.isEmpty() && !ctx.bridges.parse(links, QStringLiteral("links"), diags))
        qWarning("links not read");
    return sc;
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
    void recent_data();
    void recent();
    void set_data();
    void set();
    void assumedRoutes_data();
    void assumedRoutes();
    void node_data();
    void node();
    void physdevOutOfSeveralPorts();
    void sysctlDefaultsSaidOnce();
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
    QTest::newRow("nfacct counts and matches")
            << QByteArray("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                          "-A OUTPUT -m nfacct --nfacct-name localhost_nps_accepted_pkts -j DROP\nCOMMIT\n")
            << QStringLiteral("dst=192.168.1.20 proto=tcp dport=22")
            << QStringLiteral("filter:OUTPUT:1") << QStringLiteral("drop") << QStringLiteral("192.168.1.20");
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
    QCOMPARE((b.packets.back().dst).toString(), finalDst);
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
        ends << (b.packets.back().dst).toString();
    }
    QCOMPARE(ends, QStringList({QStringLiteral("10.1.0.11"), QStringLiteral("10.1.0.12"), QStringLiteral("10.1.0.13")}));
    // Pinning the second rule keeps only the branches that take it.
    TraceOptions pin;
    pin.pins.push_back({QString(), QStringLiteral("SVC"), 2});
    const Trace pinned = Simulator::trace(sc, packet(QStringLiteral("dst=10.96.0.10 proto=udp dport=53")), pin);
    QCOMPARE((pinned.branches.back().packets.back().dst).toString(), QStringLiteral("10.1.0.12"));
}

void TstSimulator::unknownMatchBranches()
{
    const Scenario sc = oneNode("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                                "-A OUTPUT -m time --timestart 09:00 --timestop 17:00 -j DROP\nCOMMIT\n");
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
    // The counter moves on every evaluation: a packet meeting the rule twice (two jumps to
    // its chain) is the second count (kernel: tests/oracle/disagreements/010.txt).
    QTest::newRow("nth met twice by one packet")
            << head + ":U - [0:0]\n-A OUTPUT -j U\n-A OUTPUT -j U\n"
                      "-A U -p tcp -m statistic --mode nth --every 2 --packet 1 -j DROP\nCOMMIT\n"
            << QStringLiteral("drop,delivered,drop") << true;
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

namespace {

/** Final destinations of the branches, "!" after an uncertain one, with their probability. */
QString outcomes(const Trace &t)
{
    QStringList out;
    for (const Branch &b : t.branches)
        out << verdictKindName(b.verdict.kind) + QLatin1Char(' ') + (b.packets.back().dst).toString()
                        + QLatin1Char(' ') + QString::number(b.probability * 100, 'g', 3) + QLatin1Char('%')
                        + (b.uncertain ? QStringLiteral("!") : QString());
    return out.join(QStringLiteral("; "));
}

// kube-proxy's session affinity, as it writes it (nat only; KUBE-MARK-MASQ left out).
const char *kAffinity =
        "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
        ":KUBE-SERVICES - [0:0]\n:KUBE-SVC-AFFINITY - [0:0]\n:KUBE-SEP-AAAA - [0:0]\n:KUBE-SEP-BBBB - [0:0]\n"
        "-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\n"
        "-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\n"
        "-A KUBE-SERVICES -d 10.96.0.20/32 -p tcp -m comment --comment \"default/sticky cluster IP\" -m tcp --dport 80 -j KUBE-SVC-AFFINITY\n"
        "-A KUBE-SEP-AAAA -p tcp -m comment --comment \"default/sticky\" -m recent --set --name KUBE-SEP-AAAA --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.1.0.11:8080\n"
        "-A KUBE-SEP-BBBB -p tcp -m comment --comment \"default/sticky\" -m recent --set --name KUBE-SEP-BBBB --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.1.0.12:8080\n"
        "-A KUBE-SVC-AFFINITY -m comment --comment \"default/sticky -> 10.1.0.11:8080\" -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-AAAA --mask 255.255.255.255 --rsource -j KUBE-SEP-AAAA\n"
        "-A KUBE-SVC-AFFINITY -m comment --comment \"default/sticky -> 10.1.0.12:8080\" -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-BBBB --mask 255.255.255.255 --rsource -j KUBE-SEP-BBBB\n"
        "-A KUBE-SVC-AFFINITY -m comment --comment \"default/sticky -> 10.1.0.11:8080\" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-AAAA\n"
        "-A KUBE-SVC-AFFINITY -m comment --comment \"default/sticky -> 10.1.0.12:8080\" -j KUBE-SEP-BBBB\n"
        "COMMIT\n";

} // namespace

void TstSimulator::recent_data()
{
    QTest::addColumn<QByteArray>("rules");
    QTest::addColumn<QString>("packet");
    QTest::addColumn<QStringList>("affinity");
    QTest::addColumn<QString>("expected");

    // A new client has no entry: both --rcheck fail, the random cascade picks, --set records.
    QTest::newRow("kube-proxy: new client")
            << QByteArray(kAffinity) << QStringLiteral("dst=10.96.0.20 proto=tcp dport=80") << QStringList()
            << QStringLiteral("delivered 10.1.0.11 50%; delivered 10.1.0.12 50%");
    QTest::newRow("kube-proxy: affinity to the second endpoint")
            << QByteArray(kAffinity) << QStringLiteral("dst=10.96.0.20 proto=tcp dport=80")
            << QStringList{QStringLiteral("KUBE-SEP-BBBB")} << QStringLiteral("delivered 10.1.0.12 100%");
    QTest::newRow("kube-proxy: affinity to the first endpoint, arriving")
            << QByteArray(kAffinity) << QStringLiteral("in=eth0 src=192.168.1.50 dst=10.96.0.20 proto=tcp dport=80")
            << QStringList{QStringLiteral("KUBE-SEP-AAAA")} << QStringLiteral("delivered 10.1.0.11 100%");
    QTest::newRow("kube-proxy: affinity to a list no rule checks")
            << QByteArray(kAffinity) << QStringLiteral("dst=10.96.0.20 proto=tcp dport=80")
            << QStringList{QStringLiteral("KUBE-SEP-GONE")} << QStringLiteral("delivered 10.1.0.11 50%; delivered 10.1.0.12 50%");
    // The ssh brute-force guard: --update with a hit count over an entry the user says exists;
    // how many hits it holds is not in the dump.
    const QByteArray ssh("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                         "-A INPUT -p tcp -m tcp --dport 22 -m conntrack --ctstate NEW -m recent --update --seconds 60 --hitcount 4 --name SSH --mask 255.255.255.255 --rsource -j DROP\n"
                         "-A INPUT -p tcp -m tcp --dport 22 -m conntrack --ctstate NEW -m recent --set --name SSH --mask 255.255.255.255 --rsource\n"
                         "-A INPUT -p tcp -m tcp --dport 22 -m recent --rcheck --name SSH --mask 255.255.255.255 --rsource -j ACCEPT\n"
                         "-A INPUT -j DROP\nCOMMIT\n");
    QTest::newRow("ssh guard: new client recorded, then checked")
            << ssh << QStringLiteral("in=eth0 src=192.168.1.50 dst=192.168.1.10 proto=tcp dport=22") << QStringList()
            << QStringLiteral("accept-local 192.168.1.10 100%");
    QTest::newRow("ssh guard: hit count over a known client is uncertain")
            << ssh << QStringLiteral("in=eth0 src=192.168.1.50 dst=192.168.1.10 proto=tcp dport=22")
            << QStringList{QStringLiteral("SSH")}
            << QStringLiteral("drop 192.168.1.10 100%!; accept-local 192.168.1.10 100%!");
    const QByteArray negated("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                             "-A INPUT -m recent ! --rcheck --name KNOWN --rsource -j DROP\n"
                             "-A INPUT -m recent --rcheck --name KNOWN --rdest -j REJECT\nCOMMIT\n");
    QTest::newRow("! --rcheck drops a stranger")
            << negated << QStringLiteral("in=eth0 src=192.168.1.50 dst=192.168.1.10 proto=tcp dport=443") << QStringList()
            << QStringLiteral("drop 192.168.1.10 100%");
    // --rdest compares the destination: the client's own entry does not hold it.
    QTest::newRow("--rdest looks at the destination")
            << negated << QStringLiteral("in=eth0 src=192.168.1.50 dst=192.168.1.10 proto=tcp dport=443")
            << QStringList{QStringLiteral("KNOWN")} << QStringLiteral("accept-local 192.168.1.10 100%");
}

void TstSimulator::recent()
{
    QFETCH(QByteArray, rules);
    QFETCH(QString, packet);
    QFETCH(QStringList, affinity);
    QFETCH(QString, expected);
    const Scenario sc = oneNode(rules);
    PacketSpec spec = ::packet(packet);
    spec.affinity = affinity;
    const Trace t = Simulator::trace(sc, spec);
    QCOMPARE(outcomes(t), expected);
    // Never an undecidable step for recent itself unless a hit count is asked of a known client.
    for (const Branch &b : t.branches) {
        for (const Decision &d : b.decisions) {
            const Step &s = b.steps[size_t(d.step)];
            const Rule &r = sc.nodes[s.node].rules.table(s.table).chains[size_t(s.chain)].rules[size_t(s.rule)];
            bool recentHits = false;
            for (const Criterion &c : r.criteria)
                recentHits = recentHits || (c.kind == Criterion::Recent && c.d > 1);
            QCOMPARE(d.uncertain, recentHits);
        }
    }
}

void TstSimulator::set_data()
{
    QTest::addColumn<QByteArray>("ipsets");
    QTest::addColumn<QString>("match");
    QTest::addColumn<QString>("packet");
    QTest::addColumn<QString>("expected");   // match, no match, uncertain

    const QByteArray save(
            "create blocked hash:ip family inet hashsize 1024 maxelem 65536 timeout 600\n"
            "add blocked 203.0.113.7 timeout 412\n"
            "add blocked 198.51.100.9 timeout 0\n"
            "create subnets hash:ip family inet hashsize 1024 maxelem 65536 netmask 24\n"
            "add subnets 192.168.1.0\n"
            "create nets hash:net family inet hashsize 1024 maxelem 65536\n"
            "add nets 10.0.0.0/8\n"
            "add nets 10.1.0.0/16 nomatch\n"
            "add nets 10.1.2.0/24\n"
            "create svc hash:ip,port family inet hashsize 1024 maxelem 65536\n"
            "add svc 10.1.0.5,tcp:80\n"
            "add svc 10.1.0.5,udp:53\n"
            "add svc 10.1.0.6,icmp:8/0\n"
            "create netport hash:net,port family inet hashsize 1024 maxelem 65536\n"
            "add netport 192.168.1.0/24,tcp:22\n"
            "create ifaces hash:net,iface family inet hashsize 1024 maxelem 65536\n"
            "add ifaces 192.168.1.0/24,eth0\n"
            "add ifaces 10.1.0.0/16,eth1\n"
            "add ifaces 172.16.0.0/12,physdev:vethab12\n"
            "create ports bitmap:port range 0-1024\n"
            "add ports 22\n"
            "add ports 443\n"
            "create v6 hash:ip family inet6 hashsize 1024 maxelem 65536\n"
            "add v6 2001:db8::1\n"
            "create all list:set size 8\n"
            "add all blocked\n"
            "add all ports\n"
            "create counted hash:ip family inet hashsize 1024 maxelem 65536 counters\n"
            "add counted 192.168.1.50 packets 12 bytes 720\n");
    const QString ssh = QStringLiteral("in=eth0 src=192.168.1.50 dst=10.1.0.5 proto=tcp dport=22");
    QTest::newRow("hash:ip src") << save << QStringLiteral("-m set --match-set blocked src")
                                  << QStringLiteral("in=eth0 src=203.0.113.7 dst=10.1.0.5 proto=tcp dport=80") << QStringLiteral("match");
    QTest::newRow("hash:ip src, permanent element") << save << QStringLiteral("-m set --match-set blocked src")
                                  << QStringLiteral("in=eth0 src=198.51.100.9 dst=10.1.0.5 proto=tcp dport=80") << QStringLiteral("match");
    QTest::newRow("hash:ip src, not there") << save << QStringLiteral("-m set --match-set blocked src") << ssh << QStringLiteral("no match");
    QTest::newRow("hash:ip negated") << save << QStringLiteral("-m set ! --match-set blocked src") << ssh << QStringLiteral("match");
    QTest::newRow("hash:ip dst") << save << QStringLiteral("-m set --match-set blocked dst")
                                  << QStringLiteral("in=eth1 src=10.1.0.5 dst=203.0.113.7 proto=tcp dport=80") << QStringLiteral("match");
    QTest::newRow("hash:ip netmask 24") << save << QStringLiteral("-m set --match-set subnets src") << ssh << QStringLiteral("match");
    QTest::newRow("hash:net") << save << QStringLiteral("-m set --match-set nets dst")
                               << QStringLiteral("in=eth0 src=192.168.1.50 dst=10.9.0.5 proto=tcp dport=80") << QStringLiteral("match");
    QTest::newRow("hash:net nomatch, more specific") << save << QStringLiteral("-m set --match-set nets dst") << ssh << QStringLiteral("no match");
    QTest::newRow("hash:net most specific wins over nomatch") << save << QStringLiteral("-m set --match-set nets dst")
                               << QStringLiteral("in=eth0 src=192.168.1.50 dst=10.1.2.3 proto=tcp dport=80") << QStringLiteral("match");
    QTest::newRow("hash:net --return-nomatch on a nomatch element") << save << QStringLiteral("-m set --match-set nets dst --return-nomatch")
                               << ssh << QStringLiteral("match");
    QTest::newRow("hash:net --return-nomatch on a plain element") << save << QStringLiteral("-m set --match-set nets dst --return-nomatch")
                               << QStringLiteral("in=eth0 src=192.168.1.50 dst=10.9.0.5 proto=tcp dport=80") << QStringLiteral("no match");
    QTest::newRow("hash:ip,port dst,dst") << save << QStringLiteral("-m set --match-set svc dst,dst")
                               << QStringLiteral("in=eth0 src=192.168.1.50 dst=10.1.0.5 proto=tcp dport=80") << QStringLiteral("match");
    QTest::newRow("hash:ip,port other protocol") << save << QStringLiteral("-m set --match-set svc dst,dst")
                               << QStringLiteral("in=eth0 src=192.168.1.50 dst=10.1.0.5 proto=udp dport=80") << QStringLiteral("no match");
    QTest::newRow("hash:ip,port udp") << save << QStringLiteral("-m set --match-set svc dst,dst")
                               << QStringLiteral("in=eth0 src=192.168.1.50 dst=10.1.0.5 proto=udp dport=53") << QStringLiteral("match");
    QTest::newRow("hash:ip,port icmp type") << save << QStringLiteral("-m set --match-set svc dst,dst")
                               << QStringLiteral("in=eth0 src=192.168.1.50 dst=10.1.0.6 proto=icmp") << QStringLiteral("match");
    QTest::newRow("hash:ip,port dst,src takes the source port") << save << QStringLiteral("-m set --match-set svc dst,src")
                               << QStringLiteral("in=eth0 src=192.168.1.50 dst=10.1.0.5 proto=tcp dport=80") << QStringLiteral("no match");
    QTest::newRow("fewer directions than dimensions") << save << QStringLiteral("-m set --match-set svc dst")
                               << QStringLiteral("in=eth0 src=192.168.1.50 dst=10.1.0.5 proto=tcp dport=80") << QStringLiteral("no match");
    QTest::newRow("fewer directions, negated") << save << QStringLiteral("-m set ! --match-set svc dst")
                               << QStringLiteral("in=eth0 src=192.168.1.50 dst=10.1.0.5 proto=tcp dport=80") << QStringLiteral("match");
    QTest::newRow("hash:net,port src,dst") << save << QStringLiteral("-m set --match-set netport src,dst") << ssh << QStringLiteral("match");
    QTest::newRow("hash:net,iface src,src: in device") << save << QStringLiteral("-m set --match-set ifaces src,src") << ssh << QStringLiteral("match");
    QTest::newRow("hash:net,iface dst,dst: out device") << save << QStringLiteral("-m set --match-set ifaces dst,dst") << ssh << QStringLiteral("match");
    QTest::newRow("hash:net,iface wrong device") << save << QStringLiteral("-m set --match-set ifaces src,dst") << ssh << QStringLiteral("no match");
    QTest::newRow("hash:net,iface physdev is uncertain") << save << QStringLiteral("-m set --match-set ifaces src,src")
                               << QStringLiteral("in=eth0 src=172.16.0.9 dst=10.1.0.5 proto=tcp dport=22") << QStringLiteral("uncertain");
    QTest::newRow("bitmap:port") << save << QStringLiteral("-m set --match-set ports dst") << ssh << QStringLiteral("match");
    QTest::newRow("bitmap:port, icmp has no port") << save << QStringLiteral("-m set --match-set ports dst")
                               << QStringLiteral("in=eth0 src=192.168.1.50 dst=10.1.0.5 proto=icmp") << QStringLiteral("no match");
    QTest::newRow("inet6 set never matches IPv4") << save << QStringLiteral("-m set --match-set v6 src") << ssh << QStringLiteral("no match");
    QTest::newRow("list:set, second member") << save << QStringLiteral("-m set --match-set all dst") << ssh << QStringLiteral("match");
    QTest::newRow("list:set, no member") << save << QStringLiteral("-m set --match-set all dst")
                               << QStringLiteral("in=eth0 src=192.168.1.50 dst=10.1.0.5 proto=tcp dport=80") << QStringLiteral("no match");
    QTest::newRow("counters tested: uncertain") << save << QStringLiteral("-m set --match-set counted src --packets-gt 10") << ssh << QStringLiteral("uncertain");
    QTest::newRow("! --update-counters still decides") << save << QStringLiteral("-m set --match-set counted src ! --update-counters") << ssh << QStringLiteral("match");
    QTest::newRow("set not in the file: uncertain") << save << QStringLiteral("-m set --match-set elsewhere src") << ssh << QStringLiteral("uncertain");
    QTest::newRow("no contents loaded: uncertain") << QByteArray() << QStringLiteral("-m set --match-set blocked src") << ssh << QStringLiteral("uncertain");
    // `ipset list`, pasted with its prompt and a Markdown fence.
    const QByteArray list("```\nroot@node:~# ipset list f2b-sshd\nName: f2b-sshd\nType: hash:ip\nRevision: 6\n"
                          "Header: family inet hashsize 1024 maxelem 65536 timeout 600 bucketsize 12 initval 0x5e2b1f0a\n"
                          "Size in memory: 312\nReferences: 1\nNumber of entries: 2\nMembers:\n"
                          "192.168.1.50 timeout 539\n203.0.113.80 timeout 12\n```\n");
    QTest::newRow("ipset list, pasted") << list << QStringLiteral("-m set --match-set f2b-sshd src") << ssh << QStringLiteral("match");
    const QByteArray broken("create weird hash:net family inet hashsize 1024 maxelem 65536\nadd weird 10.0.0.0/33\n");
    QTest::newRow("an element not understood: a miss is uncertain") << broken << QStringLiteral("-m set --match-set weird dst")
                               << ssh << QStringLiteral("uncertain");
}

void TstSimulator::set()
{
    QFETCH(QByteArray, ipsets);
    QFETCH(QString, match);
    QFETCH(QString, packet);
    QFETCH(QString, expected);
    Scenario sc = oneNode("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                          "-A FORWARD " + match.toUtf8() + " -j DROP\n-A INPUT " + match.toUtf8() + " -j DROP\nCOMMIT\n");
    QCOMPARE(sc.nodes.front().rules.table(TableId::Filter).chains[1].rules.front().criteria.front().kind, Criterion::Set);
    std::vector<Diagnostic> diags;
    if (!ipsets.isEmpty())
        QVERIFY(sc.nodes.front().context.ipsets.parse(ipsets, QStringLiteral("n1.ipsets"), diags));
    const Trace t = Simulator::trace(sc, ::packet(packet));
    QString got;
    if (t.branches.size() == 2 && t.branches[0].uncertain && t.branches[1].uncertain)
        got = QStringLiteral("uncertain");
    else if (t.branches.size() == 1 && !t.branches[0].uncertain)
        got = t.branches[0].verdict.kind == Verdict::Drop ? QStringLiteral("match") : QStringLiteral("no match");
    else
        got = outcomes(t);
    QCOMPARE(got, expected);
}

void TstSimulator::assumedRoutes_data()
{
    QTest::addColumn<QByteArray>("dump");
    QTest::addColumn<QString>("packet");
    QTest::addColumn<QString>("expected");   // outcomes()
    QTest::addColumn<QString>("route");      // the first routing step's words

    // A Docker host's iptables-save, alone: a published port and the default bridge.
    const QByteArray docker(
            "# Generated by iptables-save v1.8.9 (nf_tables) on Fri Dec  4 10:02:11 2026\n"
            "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n"
            "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n"
            "-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER\n"
            "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n"
            "-A DOCKER -i docker0 -j RETURN\n"
            "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\n"
            "COMMIT\n"
            "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n"
            "-A FORWARD -j DOCKER-USER\n"
            "-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"
            "-A FORWARD -o docker0 -j DOCKER\n"
            "-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n"
            "-A FORWARD -i docker0 -o docker0 -j ACCEPT\n"
            "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n"
            "-A DOCKER-USER -j RETURN\n"
            "COMMIT\n");
    QTest::newRow("docker: published port from outside")
            << docker << QStringLiteral("in=eth0 src=198.51.100.4 dst=203.0.113.5 proto=tcp dport=8080")
            << QStringLiteral("delivered 172.17.0.2 100%") << QStringLiteral("route: 172.17.0.2 out docker0 via 172.17.0.2: FORWARD (assumed: no routes given)");
    QTest::newRow("docker: a container talks out")
            << docker << QStringLiteral("in=docker0 src=172.17.0.2 dst=1.1.1.1 proto=udp dport=53")
            << QStringLiteral("delivered 1.1.1.1 100%") << QStringLiteral("route: 1.1.1.1 out eth0 via 1.1.1.1: FORWARD (assumed: no routes given)");
    QTest::newRow("docker: the host talks out")
            << docker << QStringLiteral("dst=1.1.1.1 proto=tcp dport=443")
            << QStringLiteral("delivered 1.1.1.1 100%") << QStringLiteral("route: 1.1.1.1 out eth0 via 1.1.1.1, source 0.0.0.0 (assumed: no routes given)");
    // ufw on a laptop: the uplink is the interface the rules name.
    const QByteArray ufw(
            "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:ufw-before-input - [0:0]\n:ufw-user-input - [0:0]\n"
            "-A INPUT -j ufw-before-input\n"
            "-A ufw-before-input -i lo -j ACCEPT\n"
            "-A ufw-before-input -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"
            "-A ufw-before-input -i wlp2s0 -p udp -m udp --sport 67 --dport 68 -j ACCEPT\n"
            "-A ufw-before-input -j ufw-user-input\n"
            "-A ufw-user-input -p tcp -m tcp --dport 22 -j ACCEPT\n"
            "COMMIT\n");
    QTest::newRow("ufw: ssh to the laptop")
            << ufw << QStringLiteral("in=wlp2s0 src=192.168.1.50 dst=192.168.1.20 proto=tcp dport=22")
            << QStringLiteral("accept-local 192.168.1.20 100%") << QStringLiteral("route: 192.168.1.20 is local: INPUT (assumed: no routes given)");
    QTest::newRow("ufw: anything else dropped")
            << ufw << QStringLiteral("in=wlp2s0 src=192.168.1.50 dst=192.168.1.20 proto=tcp dport=80")
            << QStringLiteral("drop 192.168.1.20 100%") << QStringLiteral("route: 192.168.1.20 is local: INPUT (assumed: no routes given)");
}

void TstSimulator::assumedRoutes()
{
    QFETCH(QByteArray, dump);
    QFETCH(QString, packet);
    QFETCH(QString, expected);
    QFETCH(QString, route);
    // Through the loader, as a user opens one file: no addresses, no routes.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("host.rules"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(dump);
    f.close();
    std::vector<Diagnostic> diags;
    const auto sc = Scenario::fromFiles({path}, diags);
    QVERIFY(sc);
    QVERIFY(sc->nodes.front().context.routesAssumed());
    PacketSpec spec = ::packet(packet);
    spec.fromNode = QStringLiteral("host");
    const Trace t = Simulator::trace(*sc, spec);
    QCOMPARE(outcomes(t), expected);
    const Branch &b = t.branches.front();
    const auto routing = std::find_if(b.steps.begin(), b.steps.end(), [](const Step &s) { return s.kind == Step::Routing; });
    QVERIFY(routing != b.steps.end());
    QVERIFY(routing->assumed);
    QCOMPARE(b.notes[size_t(routing->note)], route);
    // Said once in the explanation, naming the uplink (a forwarded packet also hears of the
    // sysctl defaults, once).
    const auto assumed = std::count_if(t.warnings.begin(), t.warnings.end(),
                                       [](const QString &w) { return w.contains(QLatin1String("routes are assumed")); });
    QCOMPARE(int(assumed), 1);
    const auto other = std::count_if(t.warnings.begin(), t.warnings.end(),
                                     [](const QString &w) { return !w.contains(QLatin1String("routes are assumed")); });
    QVERIFY(other == 0 || (other == 1 && t.warnings.back().contains(QLatin1String("sysctls not given"))));
}

void TstSimulator::node_data()
{
    QTest::addColumn<QByteArray>("rules");
    QTest::addColumn<QByteArray>("sysctls");
    QTest::addColumn<QString>("packet");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("note");   // a step's words the row is about

    const QByteArray filterHead("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n");
    const QByteArray open("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n");
    const QByteArray svc("*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                         "-A PREROUTING -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.244.1.6:8080\n"
                         "-A POSTROUTING -s 10.244.1.0/24 ! -o cni0 -j MASQUERADE\nCOMMIT\n");
    const QString podToPod = QStringLiteral("in=veth1 src=10.244.1.5 dst=10.244.1.6 proto=tcp dport=8080");
    const QString podToSvc = QStringLiteral("in=veth1 src=10.244.1.5 dst=10.96.0.10 proto=tcp dport=80");
    const QString eth1ToEth0 = QStringLiteral("in=eth1 src=10.1.0.5 dst=8.8.8.8 proto=tcp dport=443");
    const QString spoofed = QStringLiteral("in=eth0 src=10.1.0.5 dst=8.8.8.8 proto=tcp dport=443");

    // Item 2: bridged, not routed.
    QTest::newRow("bridged, br_netfilter calls iptables: FORWARD -i cni0 -o cni0")
            << filterHead + "-A FORWARD -i cni0 -o cni0 -j ACCEPT\nCOMMIT\n" << QByteArray("net.bridge.bridge-nf-call-iptables = 1\n")
            << podToPod << QStringLiteral("filter:FORWARD:1") << QStringLiteral("delivered")
            << QStringLiteral("bridged on cni0: br_netfilter calls iptables (-i cni0, physdev-in veth1)");
    QTest::newRow("bridged, bridge-nf-call-iptables 0: iptables not called")
            << filterHead + "COMMIT\n" << QByteArray("net.bridge.bridge-nf-call-iptables=0\n")
            << podToPod << QString() << QStringLiteral("delivered")
            << QStringLiteral("bridged on cni0: iptables not called (net.bridge.bridge-nf-call-iptables = 0): 10.244.1.6 from veth1 to the port behind it");
    QTest::newRow("bridged needs no ip_forward")
            << filterHead + "-A FORWARD -i cni0 -o cni0 -j ACCEPT\nCOMMIT\n" << QByteArray("net.ipv4.ip_forward = 0\n")
            << podToPod << QStringLiteral("filter:FORWARD:1") << QStringLiteral("delivered")
            << QStringLiteral("bridged on cni0, not routed: FORWARD -i cni0 -o cni0, then POSTROUTING");
    QTest::newRow("physdev-in, physdev-out, physdev-is-bridged on a bridged frame")
            << filterHead + "-A FORWARD -m physdev --physdev-in veth1 --physdev-out veth2 --physdev-is-bridged -j REJECT\nCOMMIT\n"
            << QByteArray() << podToPod << QStringLiteral("filter:FORWARD:1") << QStringLiteral("reject") << QString();
    QTest::newRow("physdev-in wildcard, negated physdev-out")
            << filterHead + "-A FORWARD -m physdev --physdev-out veth2 ! --physdev-in veth+ -j DROP\n"
                            "-A FORWARD -m physdev --physdev-in vet+ ! --physdev-out veth1 --physdev-is-out --physdev-is-in -j ACCEPT\nCOMMIT\n"
            << QByteArray() << podToPod << QStringLiteral("filter:FORWARD:2") << QStringLiteral("delivered") << QString();
    QTest::newRow("routed from the bridge: physdev-in holds, is-bridged not, physdev-out holds either way")
            << filterHead + "-A FORWARD -m physdev --physdev-is-bridged -j DROP\n-A FORWARD -m physdev --physdev-is-out -j DROP\n"
                            "-A FORWARD -m physdev --physdev-in veth1 --physdev-out nothere -j ACCEPT\nCOMMIT\n"
            << QByteArray() << QStringLiteral("in=veth1 src=10.244.1.5 dst=8.8.8.8 proto=udp dport=53")
            << QStringLiteral("filter:FORWARD:3") << QStringLiteral("delivered") << QString();
    QTest::newRow("not from a bridge: physdev options fail, negated ones hold")
            << filterHead + "-A FORWARD -m physdev --physdev-is-in -j DROP\n-A FORWARD -m physdev ! --physdev-in veth1 ! --physdev-is-bridged -j ACCEPT\nCOMMIT\n"
            << QByteArray() << eth1ToEth0 << QStringLiteral("filter:FORWARD:2") << QStringLiteral("delivered") << QString();
    QTest::newRow("bridge-nf-call-iptables 0, routed from the bridge: no physdev information")
            << filterHead + "-A FORWARD -m physdev --physdev-is-in -j DROP\n-A FORWARD -i cni0 -o eth0 -j ACCEPT\nCOMMIT\n"
            << QByteArray("net.bridge.bridge-nf-call-iptables = 0\n") << QStringLiteral("in=veth1 src=10.244.1.5 dst=8.8.8.8 proto=udp dport=53")
            << QStringLiteral("filter:FORWARD:2") << QStringLiteral("delivered")
            << QStringLiteral("enters bridge cni0 from veth1 addressed to the bridge itself: iptables not called on the bridge "
                              "(net.bridge.bridge-nf-call-iptables = 0); the node routes it from cni0");
    QTest::newRow("pod to ClusterIP, endpoint on the same bridge: bridged after DNAT")
            << svc + filterHead + "-A FORWARD -i cni0 -o cni0 -m physdev --physdev-is-bridged --physdev-out veth2 -j ACCEPT\nCOMMIT\n"
            << QByteArray("net.ipv4.ip_forward = 0\n") << podToSvc << QStringLiteral("nat:PREROUTING:1;filter:FORWARD:1")
            << QStringLiteral("delivered")
            << QStringLiteral("DNAT to 10.244.1.6, whose route leads back out cni0: br_netfilter bridges it to that port (no ip_forward "
                              "needed): FORWARD -i cni0 -o cni0, then POSTROUTING");
    QTest::newRow("pod to ClusterIP, bridge-nf-call-iptables 0: routed back out the bridge")
            << svc + filterHead + "-A FORWARD -m physdev --physdev-is-bridged -j DROP\n-A FORWARD -i cni0 -o cni0 -j ACCEPT\nCOMMIT\n"
            << QByteArray("net.bridge.bridge-nf-call-iptables = 0\n") << podToSvc << QStringLiteral("nat:PREROUTING:1;filter:FORWARD:2")
            << QStringLiteral("delivered") << QStringLiteral("route: 10.244.1.6 out cni0 via 10.244.1.6: FORWARD");
    QTest::newRow("pod to ClusterIP, bridge-nf-call-iptables 0, ip_forward 0")
            << svc + open << QByteArray("net.bridge.bridge-nf-call-iptables = 0\nnet.ipv4.ip_forward = 0\n") << podToSvc
            << QStringLiteral("nat:PREROUTING:1") << QStringLiteral("drop")
            << QStringLiteral("not forwarded: forwarding is off on cni0 of n1 (net.ipv4.ip_forward / net.ipv4.conf.cni0.forwarding = 0)");

    // Item 1: forwarding.
    QTest::newRow("ip_forward 0") << open << QByteArray("net.ipv4.ip_forward = 0\n") << eth1ToEth0 << QString()
                                  << QStringLiteral("drop") << QString();
    QTest::newRow("the input device's forwarding decides")
            << open << QByteArray("net.ipv4.ip_forward = 1\nnet.ipv4.conf.eth1.forwarding = 0\n") << eth1ToEth0 << QString()
            << QStringLiteral("drop") << QString();
    QTest::newRow("the output device's forwarding does not")
            << open << QByteArray("net.ipv4.ip_forward = 1\nnet.ipv4.conf.eth0.forwarding = 0\n") << eth1ToEth0 << QString()
            << QStringLiteral("delivered") << QString();
    QTest::newRow("/proc/sys path")
            << open << QByteArray("/proc/sys/net/ipv4/conf/eth1/forwarding = 0\n") << eth1ToEth0 << QString()
            << QStringLiteral("drop") << QString();
    // rp_filter: max(all, interface); strict wants the reply to leave by the input device.
    QTest::newRow("rp_filter strict drops")
            << open << QByteArray("net.ipv4.conf.all.rp_filter = 1\n") << spoofed << QString() << QStringLiteral("drop")
            << QStringLiteral("dropped by rp_filter: reply would leave by eth1, not eth0 (strict, net.ipv4.conf.eth0.rp_filter = 1)");
    QTest::newRow("rp_filter strict on the interface only")
            << open << QByteArray("net.ipv4.conf.all.rp_filter = 0\nnet.ipv4.conf.eth0.rp_filter = 1\n") << spoofed << QString()
            << QStringLiteral("drop") << QString();
    QTest::newRow("rp_filter: all 2 beats the interface's 1 (loose)")
            << open << QByteArray("net.ipv4.conf.all.rp_filter = 2\nnet.ipv4.conf.eth0.rp_filter = 1\n") << spoofed << QString()
            << QStringLiteral("delivered") << QString();
    QTest::newRow("rp_filter strict, symmetric path passes")
            << open << QByteArray("net.ipv4.conf.all.rp_filter = 1\n") << eth1ToEth0 << QString() << QStringLiteral("delivered") << QString();
    QTest::newRow("rp_filter strict before INPUT")
            << QByteArray("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n")
            << QByteArray("net.ipv4.conf.all.rp_filter = 1\n") << QStringLiteral("in=eth0 src=10.1.0.5 dst=192.168.1.10 proto=tcp dport=22")
            << QString() << QStringLiteral("drop") << QString();
    QTest::newRow("rp_filter loose, local destination")
            << open << QByteArray("net.ipv4.conf.all.rp_filter = 2\n")
            << QStringLiteral("in=eth1 src=10.1.0.5 dst=192.168.1.10 proto=tcp dport=22") << QString() << QStringLiteral("accept-local") << QString();
    // accept_local: the node's own address as a source.
    QTest::newRow("own address as source: martian")
            << open << QByteArray() << QStringLiteral("in=eth0 src=10.1.0.1 dst=8.8.8.8 proto=tcp dport=443") << QString()
            << QStringLiteral("drop") << QStringLiteral("dropped as a martian source: 10.1.0.1 is an address of n1 (accept_local is 0 on eth0)");
    QTest::newRow("own address as source, accept_local 1")
            << open << QByteArray("net.ipv4.conf.eth0.accept_local = 1\n") << QStringLiteral("in=eth0 src=10.1.0.1 dst=8.8.8.8 proto=tcp dport=443")
            << QString() << QStringLiteral("delivered") << QString();
    // route_localnet: 127.0.0.0/8 off the loopback.
    QTest::newRow("127.0.0.1 arriving on eth0: martian destination")
            << open << QByteArray() << QStringLiteral("in=eth0 src=192.168.1.50 dst=127.0.0.1 proto=tcp dport=80") << QString()
            << QStringLiteral("drop") << QStringLiteral("dropped as a martian destination: 127.0.0.1 may not arrive on eth0 (route_localnet is 0)");
    QTest::newRow("127.0.0.1 arriving on eth0, route_localnet 1")
            << open << QByteArray("net.ipv4.conf.all.route_localnet = 1\n")
            << QStringLiteral("in=eth0 src=192.168.1.50 dst=127.0.0.1 proto=tcp dport=80") << QString() << QStringLiteral("accept-local") << QString();
    const QByteArray nodePort("*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                              "-A OUTPUT -d 127.0.0.1/32 -p tcp -m tcp --dport 30080 -j DNAT --to-destination 10.1.0.5:80\n"
                              "-A POSTROUTING -s 127.0.0.0/8 -j MASQUERADE\nCOMMIT\n");
    QTest::newRow("NodePort on localhost without route_localnet")
            << nodePort + open << QByteArray() << QStringLiteral("dst=127.0.0.1 proto=tcp dport=30080") << QStringLiteral("nat:OUTPUT:1")
            << QStringLiteral("drop") << QStringLiteral("re-route after DNAT fails: source 127.0.0.1 may not leave by eth1 (route_localnet is 0 on eth1)");
    QTest::newRow("NodePort on localhost with route_localnet")
            << nodePort + open << QByteArray("net.ipv4.conf.all.route_localnet = 1\n") << QStringLiteral("dst=127.0.0.1 proto=tcp dport=30080")
            << QStringLiteral("nat:OUTPUT:1;nat:POSTROUTING:1") << QStringLiteral("delivered") << QString();
}

void TstSimulator::node()
{
    QFETCH(QByteArray, rules);
    QFETCH(QByteArray, sysctls);
    QFETCH(QString, packet);
    QFETCH(QString, path);
    QFETCH(QString, verdict);
    QFETCH(QString, note);
    // `bridge link` as pasted from a terminal, CRLF and all.
    const QByteArray links("$ bridge link\r\n"
                           "5: veth1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 master cni0 state forwarding priority 32 cost 2 \r\n"
                           "6: veth2@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 master cni0 state forwarding priority 32 cost 2 \r\n");
    const Scenario sc = bridgeNode(rules, sysctls, links);
    QCOMPARE(sc.nodes.front().context.bridges.ports(QStringLiteral("cni0")), (QStringList{QStringLiteral("veth1"), QStringLiteral("veth2")}));
    const Trace t = Simulator::trace(sc, ::packet(packet));
    QCOMPARE(int(t.branches.size()), 1);
    const Branch &b = t.branches.front();
    QVERIFY(!b.uncertain);
    QStringList decided;
    for (const QString &s : matched(sc, b).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        if (!s.endsWith(QLatin1String(":policy")) || path.contains(s))
            decided << s;
    }
    QCOMPARE(decided.join(QLatin1Char(';')), path);
    QCOMPARE(verdictKindName(b.verdict.kind), verdict);
    if (!note.isEmpty()) {
        QStringList notes(b.notes.begin(), b.notes.end());
        QVERIFY2(notes.contains(note), qPrintable(notes.join(QLatin1Char('\n'))));
    }
}

void TstSimulator::physdevOutOfSeveralPorts()
{
    // Three ports: which one leads to 10.244.1.6 is the bridge's FDB, not in the context.
    // A wildcard all remaining ports share decides; a single name cannot.
    const QByteArray links("[{\"ifindex\":5,\"ifname\":\"veth1\",\"master\":\"cni0\"},{\"ifindex\":6,\"ifname\":\"veth2\",\"master\":\"cni0\"},"
                           "{\"ifindex\":7,\"ifname\":\"veth3\",\"master\":\"cni0\"},{\"ifindex\":4,\"ifname\":\"cni0\"}]");
    const PacketSpec p = packet(QStringLiteral("in=veth1 src=10.244.1.5 dst=10.244.1.6 proto=tcp dport=8080"));
    const Scenario wild = bridgeNode("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                                     "-A FORWARD -m physdev --physdev-out veth+ -j ACCEPT\nCOMMIT\n", {}, links);
    Trace t = Simulator::trace(wild, p);
    QCOMPARE(int(t.branches.size()), 1);
    QCOMPARE(t.branches.front().verdict.kind, Verdict::Delivered);
    const Scenario named = bridgeNode("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                                      "-A FORWARD -m physdev --physdev-out veth2 -j ACCEPT\nCOMMIT\n", {}, links);
    t = Simulator::trace(named, p);
    QCOMPARE(int(t.branches.size()), 2);
    QVERIFY(t.branches[0].uncertain && t.branches[1].uncertain);
    // the in-port is excluded: veth1 is never the way out
    const Scenario notIn = bridgeNode("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                                      "-A FORWARD -m physdev --physdev-out veth1 -j ACCEPT\nCOMMIT\n", {}, links);
    t = Simulator::trace(notIn, p);
    QCOMPARE(int(t.branches.size()), 1);
    QCOMPARE(t.branches.front().verdict.kind, Verdict::Drop);
}

void TstSimulator::sysctlDefaultsSaidOnce()
{
    const Scenario sc = bridgeNode("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                                   "-A FORWARD -m statistic --mode random --probability 0.5 -j ACCEPT\nCOMMIT\n",
                                   {}, "5: veth1@if2: <UP> mtu 1450 master cni0\n6: veth2@if3: <UP> mtu 1450 master cni0\n");
    const Trace t = Simulator::trace(sc, packet(QStringLiteral("in=veth1 src=10.244.1.5 dst=8.8.8.8 proto=udp dport=53")));
    QCOMPARE(int(t.branches.size()), 2);
    QStringList said;
    for (const QString &w : t.warnings) {
        if (w.contains(QLatin1String("sysctls not given")))
            said << w;
    }
    QCOMPARE(said.size(), 1);
    QVERIFY2(said.front().startsWith(QLatin1String("n1: sysctls not given, a kubeadm node's defaults taken: ")), qPrintable(said.front()));
    QVERIFY(said.front().contains(QLatin1String("net.bridge.bridge-nf-call-iptables = 1")));
    QVERIFY(said.front().contains(QLatin1String("net.ipv4.ip_forward = 1")));
    QVERIFY(said.front().contains(QLatin1String("net.ipv4.conf.all.rp_filter = 0")));
    // Given in full (as `sysctl -a` prints them), nothing is said.
    Scenario full = sc;
    std::vector<Diagnostic> diags;
    QVERIFY(full.nodes.front().context.sysctls.parse(
            "net.bridge.bridge-nf-call-iptables = 1\nnet.ipv4.ip_forward = 1\nnet.ipv4.conf.all.rp_filter = 0\n"
            "net.ipv4.conf.default.rp_filter = 0\nnet.ipv4.conf.all.accept_local = 0\nnet.ipv4.conf.default.accept_local = 0\n"
            "sysctl: permission denied on key 'fs.protected_regular'\n",
            QStringLiteral("sysctl"), diags));
    const Trace quiet = Simulator::trace(full, packet(QStringLiteral("in=veth1 src=10.244.1.5 dst=8.8.8.8 proto=udp dport=53")));
    for (const QString &w : quiet.warnings)
        QVERIFY2(!w.contains(QLatin1String("sysctls not given")), qPrintable(w));
}

QTEST_GUILESS_MAIN(TstSimulator)
#include "tst_simulator.moc"
