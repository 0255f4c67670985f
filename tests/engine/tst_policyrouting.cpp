// Policy routing: `ip rule` in its text and JSON forms (pasted with prompts, fences, CRLF),
// `ip route show table all`, the lookup through rules and tables as the kernel's
// fib_rules_lookup does, and the simulator's use of it: the mark at routing time and the
// re-route after mangle OUTPUT changed it (ip_route_me_harder), and rp_filter's reverse
// lookup through the same rules (fib_validate_source).
#include "dumpparser.h"
#include "nodecontext.h"
#include "scenario.h"
#include "simulator.h"

#include <QtTest>

using namespace chainscope;

class TstPolicyRouting : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ruleForms_data();
    void ruleForms();
    void ruleErrors();
    void detached();
    void tablesAll();
    void lookup_data();
    void lookup();
    void noRulesIsMainOnly();
    void awsVpcCni_data();
    void awsVpcCni();
    void simulator_data();
    void simulator();
    void reversePath_data();
    void reversePath();
    void looseWithoutAddress();
};

namespace {

const char *kAddr = "1: lo    inet 127.0.0.1/8 scope host lo\n"
                    "2: eth0    inet 192.168.1.10/24 brd 192.168.1.255 scope global eth0\n"
                    "3: eth1    inet 10.1.0.2/24 brd 10.1.0.255 scope global eth1\n"
                    "4: eth2    inet 10.2.0.2/24 brd 10.2.0.255 scope global eth2\n";

// `ip route show table all` as a node with an AWS-VPC-CNI-like secondary ENI table and a
// Calico-like named table prints it (main table without a table word, IPv4 only).
const char *kRoutesAll =
        "root@node-1:~# ip route show table all\r\n"
        "default via 10.1.0.1 dev eth1 table 100 \r\n"
        "10.1.0.0/24 dev eth1 table 100 proto kernel scope link \r\n"
        "throw 10.99.0.0/16 table 100 \r\n"
        "default via 10.2.0.1 dev eth2 table cali proto static \r\n"
        "unreachable 172.16.0.0/12 table 200 \r\n"
        "blackhole default table 200 \r\n"
        "prohibit 10.50.0.0/16 table 200 \r\n"
        "default via 192.168.1.1 dev eth0 proto dhcp src 192.168.1.10 metric 100 \r\n"
        "10.1.0.0/24 dev eth1 proto kernel scope link src 10.1.0.2 \r\n"
        "10.2.0.0/24 dev eth2 proto kernel scope link src 10.2.0.2 \r\n"
        "10.99.0.0/16 via 192.168.1.254 dev eth0 \r\n"
        "192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.10 metric 100 \r\n"
        "local 10.1.0.2 dev eth1 table local proto kernel scope host src 10.1.0.2 \r\n"
        "broadcast 10.1.0.255 dev eth1 table local proto kernel scope link src 10.1.0.2 \r\n"
        "local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 \r\n"
        "multicast ff00::/8 dev eth0 table local proto kernel metric 256 pref medium\r\n";

const char *kRulesText =
        "```\n"
        "$ ip rule show\n"
        "0:\tfrom all lookup local\n"
        "100:\tfrom all fwmark 0x1 lookup 100\n"
        "110:\tfrom all fwmark 0x200/0xf00 lookup 200\n"
        "120:\tnot from all fwmark 0x80/0x80 lookup cali\n"
        "512:\tfrom all to 10.50.0.0/16 lookup main suppress_prefixlength 0\n"
        "1000:\tfrom 10.1.0.0/24 iif eth1 lookup 100\n"
        "1100:\tfrom all oif eth2 lookup cali\n"
        "1200:\tfrom all tos 0x10 lookup 200\n"
        "32766:\tfrom all lookup main\n"
        "32767:\tfrom all lookup default\n"
        "```\n";

// The same rules as `ip -j rule` prints them (iproute2 6.1).
const char *kRulesJson =
        "root@node-1:~# ip -j rule\n"
        "[{\"priority\":0,\"src\":\"all\",\"table\":\"local\"},{\"priority\":100,\"src\":\"all\",\"fwmark\":\"0x1\","
        "\"table\":\"100\"},{\"priority\":110,\"src\":\"all\",\"fwmark\":\"0x200\",\"fwmask\":\"0xf00\",\"table\":\"200\"},"
        "{\"priority\":120,\"not\":null,\"src\":\"all\",\"fwmark\":\"0x80\",\"fwmask\":\"0x80\",\"table\":\"cali\"},"
        "{\"priority\":512,\"src\":\"all\",\"dst\":\"10.50.0.0\",\"dstlen\":16,\"table\":\"main\",\"suppress_prefixlen\":0},"
        "{\"priority\":1000,\"src\":\"10.1.0.0\",\"srclen\":24,\"iif\":\"eth1\",\"table\":\"100\"},"
        "{\"priority\":1100,\"src\":\"all\",\"oif\":\"eth2\",\"table\":\"cali\"},"
        "{\"priority\":1200,\"src\":\"all\",\"tos\":\"0x10\",\"table\":\"200\"},"
        "{\"priority\":32766,\"src\":\"all\",\"table\":\"main\"},{\"priority\":32767,\"src\":\"all\",\"table\":\"default\"}]\n";

NodeContext context(const char *rules)
{
    NodeContext c;
    std::vector<Diagnostic> diags;
    c.parseAddresses(kAddr, QStringLiteral("addr"), diags);
    c.parseRoutes(kRoutesAll, QStringLiteral("route"), diags);
    if (rules)
        c.parseIpRules(rules, QStringLiteral("rule"), diags);
    for (const auto &d : diags) {
        if (d.severity == Diagnostic::Error)
            qWarning().noquote() << d.toString();
    }
    return c;
}

/** A TCP packet on n1: arriving on `iface` from `src`, or locally generated (both empty). */
PacketSpec tcpPacket(const QString &iface, const QString &src, const QString &dst, quint16 dport)
{
    PacketSpec p;
    p.fromNode = QStringLiteral("n1");
    p.inIface = iface;
    if (!src.isEmpty())
        p.src = *Address::parse(src);
    p.dst = *Address::parse(dst);
    p.proto = ProtoTcp;
    p.dport = dport;
    return p;
}

} // namespace

void TstPolicyRouting::ruleForms_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("text with prompt and fence") << QByteArray(kRulesText);
    QTest::newRow("text CRLF") << QByteArray(kRulesText).replace("\n", "\r\n");
    QTest::newRow("json after prompt") << QByteArray(kRulesJson);
}

void TstPolicyRouting::ruleForms()
{
    QFETCH(QByteArray, text);
    NodeContext c;
    std::vector<Diagnostic> diags;
    QVERIFY(c.parseIpRules(text, QStringLiteral("rule"), diags));
    QVERIFY(c.hasIpRules);
    QCOMPARE(c.ipRules.size(), size_t(10));
    int warnings = 0;
    for (const auto &d : diags) {
        QCOMPARE(d.severity, Diagnostic::Warning);
        QVERIFY2(d.message.contains(QLatin1String("tos")), qPrintable(d.toString()));
        ++warnings;
    }
    QCOMPARE(warnings, 1);   // tos: kept, never matches
    const RoutingRule &mark = c.ipRules[1];
    QCOMPARE(mark.priority, 100);
    QVERIFY(mark.hasFwmark);
    QCOMPARE(mark.fwmark, 0x1u);
    QCOMPARE(mark.fwmask, 0xffffffffu);
    QCOMPARE(mark.table, 100);
    QCOMPARE(mark.text, QStringLiteral("from all fwmark 0x1 lookup 100"));
    QCOMPARE(c.ipRules[2].fwmask, 0xf00u);
    QVERIFY(c.ipRules[3].invert);
    QCOMPARE(c.tableName(c.ipRules[3].table), QStringLiteral("cali"));
    QCOMPARE(c.ipRules[4].suppressPrefixLength, 0);
    QCOMPARE(c.ipRules[4].toLength, 16);
    QCOMPARE(c.ipRules[5].from, *Address::parse("10.1.0.0"));
    QCOMPARE(c.ipRules[5].fromLength, 24);
    QCOMPARE(c.ipRules[5].iif, QStringLiteral("eth1"));
    QCOMPARE(c.ipRules[6].oif, QStringLiteral("eth2"));
    QVERIFY(c.ipRules[7].unmodelled);
    QCOMPARE(c.ipRules[0].table, RouteTables::Local);
    QCOMPARE(c.ipRules[9].table, RouteTables::Default);
}

void TstPolicyRouting::ruleErrors()
{
    NodeContext c;
    std::vector<Diagnostic> diags;
    QVERIFY(!c.parseIpRules("0:\tfrom all lookup local\n100:\tfrom all fwmark 0xzz lookup 100\n", QStringLiteral("r.txt"), diags));
    QCOMPARE(diags.size(), size_t(1));
    QCOMPARE(diags[0].file, QStringLiteral("r.txt"));
    QCOMPARE(diags[0].line, 2);
    QCOMPARE(diags[0].column, 22);   // the value "0xzz"
    diags.clear();
    QVERIFY(!c.parseIpRules("[{\"priority\":0,\"src\":\"all\"", QStringLiteral("r.json"), diags));
    QCOMPARE(diags.size(), size_t(1));
    QCOMPARE(diags[0].severity, Diagnostic::Error);
    diags.clear();
    QVERIFY(!c.parseIpRules("root@node:~# ip rule\n", QStringLiteral("empty"), diags));
    QVERIFY(diags.back().message.contains(QLatin1String("no rules found")));
    // an IPv6 rule pasted along (ip -6 rule) is read as one, for IPv6 lookups only
    diags.clear();
    QVERIFY(c.parseIpRules("0:\tfrom all lookup local\n100:\tfrom 2001:db8::/32 lookup 100\n", QStringLiteral("r"), diags));
    QCOMPARE(c.ipRules.size(), size_t(2));
    QCOMPARE(c.ipRules[1].family, Family::Ipv6);
    QCOMPARE(c.ipRules[1].fromLength, 32);
    QVERIFY(c.hasIpRulesOf(Family::Ipv6));
}

void TstPolicyRouting::detached()
{
    // An iif whose device is gone ("[detached]", "iif_detached"): the rule stays, matches nothing.
    for (const char *rules : {"0:\tfrom all lookup local\n50:\tfrom all iif eth0 [detached] lookup 200\n"
                              "32766:\tfrom all lookup main\n",
                              "[{\"priority\":0,\"src\":\"all\",\"table\":\"local\"},{\"priority\":50,\"src\":\"all\","
                              "\"iif\":\"eth0\",\"iif_detached\":null,\"table\":\"200\"},"
                              "{\"priority\":32766,\"src\":\"all\",\"table\":\"main\"}]"}) {
        const NodeContext c = context(rules);
        QCOMPARE(c.ipRules.size(), size_t(3));
        QVERIFY(c.ipRules[1].detached);
        NodeContext::Query q;
        q.dst = *Address::parse("8.8.8.8");
        q.inIface = QStringLiteral("eth0");
        QCOMPARE(c.describe(c.lookup(q)), QStringLiteral("via 192.168.1.1 dev eth0 table main (rule 32766: lookup main)"));
        const NodeContext live = context(QByteArray(rules).replace(" [detached]", "").replace(",\"iif_detached\":null", "").constData());
        QCOMPARE(live.lookup(q).result, NodeContext::Lookup::Blackhole);   // table 200's blackhole default
    }
}

void TstPolicyRouting::tablesAll()
{
    const NodeContext c = context(nullptr);
    QVERIFY(c.hasRoutes);
    QCOMPARE(c.routes.size(), size_t(15));   // the IPv6 multicast line is not a unicast route
    int inTable100 = 0, named = 0;
    for (const Route &r : c.routes) {
        inTable100 += r.table == 100;
        named += c.tableName(r.table) == QLatin1String("cali");
    }
    QCOMPARE(inTable100, 3);
    QCOMPARE(named, 1);
    QCOMPARE(c.routes[2].type, Route::Throw);
    QCOMPARE(c.routes[12].table, RouteTables::Local);

    // ip -j route show table all
    NodeContext j;
    std::vector<Diagnostic> diags;
    QVERIFY(j.parseRoutes("[{\"type\":\"unicast\",\"dst\":\"default\",\"gateway\":\"10.1.0.1\",\"dev\":\"eth1\",\"table\":\"100\","
                          "\"flags\":[]},{\"type\":\"throw\",\"dst\":\"10.99.0.0/16\",\"table\":\"100\",\"flags\":[]},"
                          "{\"dst\":\"default\",\"gateway\":\"192.168.1.1\",\"dev\":\"eth0\",\"flags\":[]},"
                          "{\"type\":\"local\",\"dst\":\"10.1.0.2\",\"dev\":\"eth1\",\"table\":\"local\",\"protocol\":\"kernel\","
                          "\"scope\":\"host\",\"prefsrc\":\"10.1.0.2\",\"flags\":[]}]",
                          QStringLiteral("r.json"), diags));
    QCOMPARE(j.routes.size(), size_t(4));
    QCOMPARE(j.routes[0].table, 100);
    QCOMPARE(j.routes[1].type, Route::Throw);
    QCOMPARE(j.routes[2].table, RouteTables::Main);
    QCOMPARE(j.routes[3].table, RouteTables::Local);
}

void TstPolicyRouting::lookup_data()
{
    QTest::addColumn<QByteArray>("rules");
    QTest::addColumn<QString>("dst");
    QTest::addColumn<QString>("src");
    QTest::addColumn<QString>("iif");
    QTest::addColumn<uint>("mark");
    QTest::addColumn<QString>("expected");   // describe()

    for (const char *form : {"text", "json"}) {
        const QByteArray rules = qstrcmp(form, "text") == 0 ? kRulesText : kRulesJson;
        auto row = [&](const char *name) -> QTestData & { return QTest::addRow("%s: %s", form, name); };
        // mark 0x80 is set: rule 120 (not fwmark 0x80/0x80) is skipped
        row("no mark: cali by the inverted rule") << rules << "8.8.8.8" << "" << "" << 0u
                << "via 10.2.0.1 dev eth2 table cali (rule 120: not fwmark 0x80/0x80 lookup cali)";
        row("fwmark 0x81 is not 0x1: main") << rules << "8.8.8.8" << "" << "" << 0x81u
                << "via 192.168.1.1 dev eth0 table main (rule 32766: lookup main)";
        row("fwmark exactly 0x1") << rules << "8.8.8.8" << "" << "" << 0x1u
                << "via 10.1.0.1 dev eth1 table 100 (rule 100: fwmark 0x1 lookup 100)";
        row("fwmark/mask: 0x2a0 matches 0x200/0xf00, table 200 blackhole") << rules << "8.8.8.8" << "" << "" << 0x2a0u
                << "blackhole table 200 (rule 110: fwmark 0x200/0xf00 lookup 200)";
        row("table 200 unreachable") << rules << "172.16.5.5" << "" << "" << 0x2a0u
                << "unreachable table 200 (rule 110: fwmark 0x200/0xf00 lookup 200)";
        row("table 200 prohibit") << rules << "10.50.1.1" << "" << "" << 0x2a0u
                << "prohibit table 200 (rule 110: fwmark 0x200/0xf00 lookup 200)";
        row("throw in 100 goes on to the next rule") << rules << "10.99.1.1" << "" << "" << 0x1u
                << "via 10.2.0.1 dev eth2 table cali (rule 120: not fwmark 0x80/0x80 lookup cali)";
        row("throw in 100, then main") << rules << "10.99.1.1" << "" << "" << 0x81u
                << "via 192.168.1.254 dev eth0 table main (rule 32766: lookup main)";
        row("local table first, whatever the mark") << rules << "10.1.0.2" << "" << "" << 0x1u
                << "local dev lo table local (rule 0: lookup local)";
        row("suppress_prefixlength 0 refuses main's default route: the next rule decides") << rules << "10.50.0.0"
                << "" << "" << 0x80u << "via 192.168.1.1 dev eth0 table main (rule 32766: lookup main)";
        row("from and iif: forwarded from eth1's subnet") << rules << "8.8.8.8" << "10.1.0.7" << "eth1" << 0x80u
                << "via 10.1.0.1 dev eth1 table 100 (rule 1000: from 10.1.0.0/24 iif eth1 lookup 100)";
        row("from matches, iif does not") << rules << "8.8.8.8" << "10.1.0.7" << "eth0" << 0x80u
                << "via 192.168.1.1 dev eth0 table main (rule 32766: lookup main)";
    }
}

void TstPolicyRouting::lookup()
{
    QFETCH(QByteArray, rules);
    QFETCH(QString, dst);
    QFETCH(QString, src);
    QFETCH(QString, iif);
    QFETCH(uint, mark);
    QFETCH(QString, expected);
    const NodeContext c = context(rules.constData());
    NodeContext::Query q;
    q.dst = *Address::parse(dst);
    q.src = src.isEmpty() ? Address() : *Address::parse(src);
    q.inIface = iif;
    q.mark = mark;
    const NodeContext::Lookup l = c.lookup(q);
    QCOMPARE(c.describe(l), expected);
}

void TstPolicyRouting::noRulesIsMainOnly()
{
    // Without ip rules: local, then main, then default, as the kernel's default rules; the
    // numbered and named tables are not consulted, and the mark changes nothing.
    const NodeContext c = context(nullptr);
    QVERIFY(!c.hasIpRules);
    for (const quint32 mark : {0u, 1u, 0x200u}) {
        NodeContext::Query q;
        q.dst = *Address::parse("8.8.8.8");
        q.mark = mark;
        const NodeContext::Lookup l = c.lookup(q);
        QCOMPARE(l.result, NodeContext::Lookup::Forward);
        QCOMPARE(l.dev, QStringLiteral("eth0"));
        QCOMPARE(l.nextHop, *Address::parse("192.168.1.1"));
        QCOMPARE(l.table, RouteTables::Main);
        QVERIFY(!l.rule);
    }
    QCOMPARE(c.lookup(*Address::parse("10.99.3.3")).dev, QStringLiteral("eth0"));
    QCOMPARE(c.lookup(*Address::parse("172.16.0.1")).dev, QStringLiteral("eth0"));   // table 200 unused
    QCOMPARE(c.lookup(*Address::parse("10.1.0.2")).result, NodeContext::Lookup::Local);
}

void TstPolicyRouting::awsVpcCni_data()
{
    QTest::addColumn<QString>("dst");
    QTest::addColumn<QString>("src");
    QTest::addColumn<QString>("iif");
    QTest::addColumn<uint>("mark");
    QTest::addColumn<QString>("expected");
    QTest::newRow("pod on the secondary ENI to the internet: table 2") << "8.8.8.8" << "10.0.97.30" << "eni3a1b" << 0u
            << "via 10.0.96.1 dev eth1 table 2 (rule 1536: from 10.0.97.30 lookup 2)";
    QTest::newRow("reply of a connection that came in on eth0 (connmark 0x80 restored): main") << "192.168.7.7"
            << "10.0.97.30" << "eni3a1b" << 0x80u << "via 10.0.64.1 dev eth0 table main (rule 1024: fwmark 0x80/0x80 lookup main)";
    QTest::newRow("to the pod: main's scope link route to its veth") << "10.0.97.30" << "10.0.64.5" << "eth0" << 0u
            << "dev eni3a1b table main (rule 512: to 10.0.97.30 lookup main)";
    QTest::newRow("the node itself: main") << "8.8.8.8" << "" << "" << 0u
            << "via 10.0.64.1 dev eth0 table main (rule 32766: lookup main)";
}

void TstPolicyRouting::awsVpcCni()
{
    QFETCH(QString, dst);
    QFETCH(QString, src);
    QFETCH(QString, iif);
    QFETCH(uint, mark);
    QFETCH(QString, expected);
    // An EKS node as the AWS VPC CNI sets it up: pods on a secondary ENI (eth1) leave by it
    // through a per-ENI table, except replies to connections that came in by eth0, which
    // mangle marks 0x80 (CONNMARK --restore-mark) so they go back the way they came.
    NodeContext c;
    std::vector<Diagnostic> diags;
    QVERIFY(c.parseAddresses("1: lo    inet 127.0.0.1/8 scope host lo\n"
                             "2: eth0    inet 10.0.64.5/19 brd 10.0.95.255 scope global dynamic eth0\n"
                             "3: eth1    inet 10.0.97.120/19 brd 10.0.127.255 scope global eth1\n",
                             QStringLiteral("addr"), diags));
    QVERIFY(c.parseRoutes("[ec2-user@ip-10-0-64-5 ~]$ ip route show table all\n"
                          "default via 10.0.96.1 dev eth1 table 2 \n"
                          "10.0.96.1 dev eth1 table 2 scope link \n"
                          "default via 10.0.64.1 dev eth0 \n"
                          "10.0.64.0/19 dev eth0 proto kernel scope link src 10.0.64.5 \n"
                          "10.0.97.30 dev eni3a1b scope link \n"
                          "169.254.169.254 dev eth0 \n"
                          "local 10.0.64.5 dev eth0 table local proto kernel scope host src 10.0.64.5 \n",
                          QStringLiteral("route"), diags));
    QVERIFY(c.parseIpRules("[ec2-user@ip-10-0-64-5 ~]$ ip rule\n"
                           "0:\tfrom all lookup local \n"
                           "512:\tfrom all to 10.0.97.30 lookup main \n"
                           "1024:\tfrom all fwmark 0x80/0x80 lookup main \n"
                           "1536:\tfrom 10.0.97.30 lookup 2 \n"
                           "32766:\tfrom all lookup main \n"
                           "32767:\tfrom all lookup default \n",
                           QStringLiteral("rule"), diags));
    for (const auto &d : diags)
        QVERIFY2(d.severity != Diagnostic::Error, qPrintable(d.toString()));
    NodeContext::Query q;
    q.dst = *Address::parse(dst);
    q.src = src.isEmpty() ? Address() : *Address::parse(src);
    q.inIface = iif;
    q.mark = mark;
    QCOMPARE(c.describe(c.lookup(q)), expected);
}

void TstPolicyRouting::simulator_data()
{
    QTest::addColumn<QByteArray>("mangle");
    QTest::addColumn<QString>("from");   // "" locally generated, or the interface it arrives on
    QTest::addColumn<QString>("dev");    // where it leaves
    QTest::addColumn<QString>("routeStep");

    const QByteArray markOut = "*mangle\n:OUTPUT ACCEPT [0:0]\n-A OUTPUT -p tcp --dport 443 -j MARK --set-xmark 0x1/0xffffffff\nCOMMIT\n";
    const QByteArray markPre = "*mangle\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -i eth0 -p tcp --dport 443 -j MARK --set-mark 0x1\nCOMMIT\n";
    const QByteArray none = "*mangle\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n";
    QTest::newRow("local, mangle OUTPUT marks: re-routed by fwmark") << markOut << "" << "eth1"
            << "re-route after mangle OUTPUT set mark 0x1: 8.8.8.8 via 10.1.0.1 dev eth1 table 100 (rule 100: fwmark 0x1 lookup 100); "
               "filter OUTPUT still sees -o eth0, POSTROUTING sees eth1";
    QTest::newRow("local, no mark: main") << none << "" << "eth0"
            << "route: 8.8.8.8 via 192.168.1.1 dev eth0 table main (rule 32766: lookup main), source 192.168.1.10";
    QTest::newRow("forwarded, mangle PREROUTING marks before the lookup") << markPre << "eth0" << "eth1"
            << "route: 8.8.8.8 via 10.1.0.1 dev eth1 table 100 (rule 100: fwmark 0x1 lookup 100): FORWARD";
}

void TstPolicyRouting::simulator()
{
    QFETCH(QByteArray, mangle);
    QFETCH(QString, from);
    QFETCH(QString, dev);
    QFETCH(QString, routeStep);
    Scenario sc;
    Node n;
    n.name = QStringLiteral("n1");
    const QByteArray dump = mangle + "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                                     "-A OUTPUT -o eth1 -p tcp --dport 443 -j ACCEPT\n-A OUTPUT -p tcp --dport 443 -j ACCEPT\nCOMMIT\n";
    QVERIFY(DumpParser::parseInto(n.rules, dump, QStringLiteral("rules"), {}));
    std::vector<Diagnostic> diags;
    QVERIFY(n.context.parseAddresses(kAddr, QStringLiteral("addr"), diags));
    QVERIFY(n.context.parseRoutes(kRoutesAll, QStringLiteral("route"), diags));
    QVERIFY(n.context.parseIpRules("0:\tfrom all lookup local\n100:\tfrom all fwmark 0x1 lookup 100\n"
                                   "32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n",
                                   QStringLiteral("rule"), diags));
    sc.nodes.push_back(std::move(n));
    const Trace t = Simulator::trace(sc, tcpPacket(from, from.isEmpty() ? QString() : QStringLiteral("192.168.1.50"),
                                                   QStringLiteral("8.8.8.8"), 443));
    QCOMPARE(t.branches.size(), size_t(1));
    const Branch &b = t.branches.front();
    QCOMPARE(b.verdict.kind, Verdict::Delivered);
    QStringList routing;
    for (const Step &s : b.steps) {
        if (s.kind == Step::Routing)
            routing << b.notes[size_t(s.note)];
    }
    QVERIFY2(routing.contains(routeStep), qPrintable(routing.join(QLatin1Char('\n'))));
    QCOMPARE(b.packets[size_t(b.steps.back().packet)].outIface, dev);
}

void TstPolicyRouting::reversePath_data()
{
    QTest::addColumn<QByteArray>("sysctls");
    QTest::addColumn<QString>("src");
    QTest::addColumn<QString>("dst");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("note");   // a routing step the branch must have ("" none checked)

    // Strict on eth1, where every packet here arrives; kubeadm's 0 elsewhere.
    const QByteArray strict = "net.ipv4.conf.all.rp_filter = 0\nnet.ipv4.conf.eth1.rp_filter = 1\n";
    QTest::newRow("to-rule sends the route back by eth1: passes") << strict << "172.31.0.5" << "192.168.1.10" << "accept-local" << "";
    QTest::newRow("fwmark rule, src_valid_mark 0: the lookup runs without the mark")
            << strict << "172.30.0.5" << "192.168.1.10" << "drop"
            << "the route back is looked up without the packet's mark 0x1: net.ipv4.conf.eth1.src_valid_mark is 0";
    QTest::newRow("fwmark rule, src_valid_mark 0: the route back named")
            << strict << "172.30.0.5" << "192.168.1.10" << "drop"
            << "route back to 172.30.0.5 (from 192.168.1.10 iif lo mark 0x0): via 192.168.1.1 dev eth0 table main "
               "(rule 32766: lookup main)";
    QTest::newRow("fwmark rule, src_valid_mark 1 on eth1: passes")
            << strict + "net.ipv4.conf.eth1.src_valid_mark = 1\n" << "172.30.0.5" << "192.168.1.10" << "accept-local" << "";
    QTest::newRow("fwmark rule, src_valid_mark 1 on all: passes")
            << strict + "net.ipv4.conf.all.src_valid_mark = 1\n" << "172.30.0.5" << "192.168.1.10" << "accept-local" << "";
    QTest::newRow("iif eth1 rule: the reverse lookup is not from eth1")
            << strict << "172.29.0.5" << "192.168.1.10" << "drop"
            << "dropped by rp_filter: reply would leave by eth0, not eth1 (strict, net.ipv4.conf.eth1.rp_filter = 1)";
    QTest::newRow("iif eth2 rule, forwarded out eth2: the reverse lookup comes from eth2")
            << strict << "172.28.0.5" << "10.2.0.7" << "delivered" << "";
    QTest::newRow("iif eth2 rule, delivered locally: from lo")
            << strict << "172.28.0.5" << "192.168.1.10" << "drop"
            << "route back to 172.28.0.5 (from 192.168.1.10 iif lo mark 0x0): via 192.168.1.1 dev eth0 table main "
               "(rule 32766: lookup main)";
    QTest::newRow("blackhole route back, rp_filter 0: passes (custom rules look, only rp_filter drops)")
            << QByteArray("net.ipv4.conf.all.rp_filter = 0\n") << "198.18.5.5" << "192.168.1.10" << "accept-local" << "";
    QTest::newRow("blackhole route back, loose: dropped")
            << QByteArray("net.ipv4.conf.all.rp_filter = 2\n") << "198.18.5.5" << "192.168.1.10" << "drop"
            << "dropped by rp_filter (loose): the route back to 198.18.5.5 is not unicast";
    QTest::newRow("own address routed back by the rules, rp_filter 0: martian")
            << QByteArray("net.ipv4.conf.all.rp_filter = 0\n") << "10.2.0.2" << "192.168.1.10" << "drop"
            << "dropped as a martian source: 10.2.0.2 is an address of n1 (accept_local is 0 on eth1)";
}

void TstPolicyRouting::reversePath()
{
    QFETCH(QByteArray, sysctls);
    QFETCH(QString, src);
    QFETCH(QString, dst);
    QFETCH(QString, verdict);
    QFETCH(QString, note);
    // A node whose rules send some sources back by eth1 (a "to" rule, a mark, an iif rule):
    // rp_filter looks the source up through them as the kernel does, from the packet's
    // destination, iif lo (or the forward route's device), mark only with src_valid_mark.
    Scenario sc;
    Node n;
    n.name = QStringLiteral("n1");
    QVERIFY(DumpParser::parseInto(n.rules,
                                  "*mangle\n:PREROUTING ACCEPT [0:0]\n"
                                  "-A PREROUTING -s 172.30.0.0/16 -j MARK --set-xmark 0x1/0xffffffff\nCOMMIT\n"
                                  "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n",
                                  QStringLiteral("rules"), {}));
    std::vector<Diagnostic> diags;
    QVERIFY(n.context.parseAddresses(kAddr, QStringLiteral("addr"), diags));
    QVERIFY(n.context.parseRoutes(kRoutesAll, QStringLiteral("route"), diags));
    QVERIFY(n.context.parseIpRules("root@n1:~# ip rule\n"
                                   "0:\tfrom all lookup local\n"
                                   "100:\tfrom all fwmark 0x1 lookup 100\n"
                                   "200:\tfrom all to 172.31.0.0/16 lookup 100\n"
                                   "210:\tfrom all to 198.18.0.0/15 lookup 200\n"
                                   "220:\tfrom all to 10.2.0.2 lookup local\n"
                                   "300:\tfrom all iif eth1 to 172.29.0.0/16 lookup 100\n"
                                   "400:\tfrom all iif eth2 to 172.28.0.0/16 lookup 100\n"
                                   "32766:\tfrom all lookup main\n"
                                   "32767:\tfrom all lookup default\n",
                                   QStringLiteral("rule"), diags));
    QVERIFY(n.context.sysctls.parse(sysctls, QStringLiteral("sysctl"), diags));
    for (const auto &d : diags)
        QVERIFY2(d.severity != Diagnostic::Error, qPrintable(d.toString()));
    QVERIFY(n.context.hasCustomIpRules(Family::Ipv4));
    sc.nodes.push_back(std::move(n));
    const Trace t = Simulator::trace(sc, tcpPacket(QStringLiteral("eth1"), src, dst, 443));
    QCOMPARE(t.branches.size(), size_t(1));
    const Branch &b = t.branches.front();
    QStringList routing;
    for (const Step &s : b.steps) {
        if (s.kind == Step::Routing)
            routing << b.notes[size_t(s.note)];
    }
    QCOMPARE(verdictKindName(b.verdict.kind), verdict);
    if (!note.isEmpty())
        QVERIFY2(routing.contains(note), qPrintable(routing.join(QLatin1Char('\n'))));
}

void TstPolicyRouting::looseWithoutAddress()
{
    // Loose rp_filter on a device without an IPv4 address of its own (eth3 has only its
    // link-local IPv6): what does not route back through eth3 is dropped
    // (__fib_validate_source's no_addr); with an address the same packet passes.
    for (const bool withAddress : {false, true}) {
        Scenario sc;
        Node n;
        n.name = QStringLiteral("n1");
        QVERIFY(DumpParser::parseInto(n.rules, "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n",
                                      QStringLiteral("rules"), {}));
        std::vector<Diagnostic> diags;
        QByteArray addr = QByteArray(kAddr) + "5: eth3    inet6 fe80::1/64 scope link \\       valid_lft forever preferred_lft forever\n";
        if (withAddress)
            addr += "5: eth3    inet 10.3.0.2/24 brd 10.3.0.255 scope global eth3\n";
        QVERIFY(n.context.parseAddresses(addr, QStringLiteral("addr"), diags));
        QVERIFY(n.context.parseRoutes(kRoutesAll, QStringLiteral("route"), diags));
        QVERIFY(n.context.sysctls.parse("net.ipv4.conf.all.rp_filter = 2\n", QStringLiteral("sysctl"), diags));
        QVERIFY(n.context.interface(QStringLiteral("eth3")));
        sc.nodes.push_back(std::move(n));
        const Trace t = Simulator::trace(sc, tcpPacket(QStringLiteral("eth3"), QStringLiteral("198.51.100.9"),
                                                       QStringLiteral("192.168.1.10"), 22));
        QCOMPARE(t.branches.size(), size_t(1));
        const Branch &b = t.branches.front();
        QCOMPARE(b.verdict.kind, withAddress ? Verdict::AcceptLocal : Verdict::Drop);
        if (!withAddress) {
            QStringList notes(b.notes.begin(), b.notes.end());
            QVERIFY2(notes.contains(QStringLiteral("dropped by rp_filter (loose): reply would leave by eth0, and eth3 has no IPv4 address")),
                     qPrintable(notes.join(QLatin1Char('\n'))));
        }
    }
}

QTEST_GUILESS_MAIN(TstPolicyRouting)
#include "tst_policyrouting.moc"
