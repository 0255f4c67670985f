// nftables: the importers (text as pasted, -a handles, JSON), errors as FILE:LINE:COL, and the
// one pipeline per hook (priorities, accept-then-drop, nat, vmaps, numgen, mixed hosts).

#include "blastradius.h"
#include "dumpparser.h"
#include "explain.h"
#include "nftexplain.h"
#include "nftparser.h"
#include "nftruleset.h"
#include "scenario.h"
#include "simulator.h"
#include "whatif.h"
#include "tracejson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace chainscope;

namespace {
const QString kData = QStringLiteral(CHAINSCOPE_TEST_DATA "/nft/");
// The mixed host is bundled: lesson 07's scenario (an accept is not the end).
const QString kMixed = QStringLiteral("../../../resources/scenarios/firewalld-mixed");

Scenario load(const QString &path)
{
    std::vector<Diagnostic> diags;
    auto sc = Scenario::load(kData + path, diags);
    if (!sc) {
        for (const auto &d : diags)
            qWarning("%s", qPrintable(d.toString()));
        return {};
    }
    return *sc;
}

/** A pasted file, saved under `name` and loaded as the window and the CLI load it (one node). */
std::optional<Scenario> loadPaste(const QString &name, const QByteArray &text)
{
    QTemporaryDir dir;
    QFile f(dir.filePath(name));
    if (!dir.isValid() || !f.open(QIODevice::WriteOnly))
        return std::nullopt;
    f.write(text);
    f.close();
    std::vector<Diagnostic> diags;
    return Scenario::load(f.fileName(), diags);
}

PacketSpec packet(const QString &from, const char *dst, quint16 dport, const char *src = nullptr, quint8 proto = ProtoTcp)
{
    PacketSpec p;
    const int colon = from.indexOf(QLatin1Char(':'));
    p.fromNode = colon < 0 ? from : from.left(colon);
    p.inIface = colon < 0 ? QString() : from.mid(colon + 1);
    p.dst = *Address::parse(dst);
    if (src)
        p.src = *Address::parse(src);
    p.dport = dport;
    p.proto = proto;
    return p;
}

QString verdictText(const Scenario &sc, const Branch &b)
{
    const Verdict &v = b.verdict;
    QString where;
    if (v.nftChain >= 0) {
        const auto &n = *sc.nodes[size_t(v.node)].rules.nft;
        where = n.tableTitle(n.chains[size_t(v.nftChain)].table) + QLatin1Char(':')
                + QString::fromUtf8(n.chains[size_t(v.nftChain)].name.data(), qsizetype(n.chains[size_t(v.nftChain)].name.size()));
    } else if (v.chain >= 0) {
        where = QLatin1String("iptables ") + tableTitle(v.table) + QLatin1Char(':')
                + QString::fromUtf8(sc.nodes[size_t(v.node)].rules.table(v.table).chains[size_t(v.chain)].name.data(),
                                    qsizetype(sc.nodes[size_t(v.node)].rules.table(v.table).chains[size_t(v.chain)].name.size()));
    }
    return verdictKindName(v.kind) + QLatin1Char(' ') + sc.nodes[size_t(v.node)].name + QLatin1Char(' ') + where
            + QLatin1Char(':') + QString::number(v.rule);
}

bool hasNote(const Branch &b, const QString &part)
{
    for (const QString &n : b.notes)
        if (n.contains(part))
            return true;
    return false;
}
} // namespace

class TestNft : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void errors_data();
    void errors();
    void verdicts_data();
    void verdicts();
    void numgenBranches();
    void jsonMatchesText();
    void jsonAsPeoplePasteIt();
    void pairCountedOnce();
    void xtFromTheIptablesDump();
    void traceJsonFields();
    void whyNotSeesConntrack();
    void missesOfTheDecidingPass();
    void fragmentsAreKept();
    void ownersFromWhatAChainDoes();
    void iptablesAndNftInOnePaste_data();
    void iptablesAndNftInOnePaste();
    void jsonReadsAsText_data();
    void jsonReadsAsText();
    void candidateRules_data();
    void candidateRules();
    void refusedCandidates_data();
    void refusedCandidates();
    void nftCommands();
    void bundledIncidentMatchesThePaste();
    void kernelOrder_data();
    void kernelOrder();
};

void TestNft::parse_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("tables");
    QTest::addColumn<int>("chains");
    QTest::addColumn<int>("baseChains");
    QTest::addColumn<int>("rules");
    QTest::addColumn<int>("namedSets");
    QTest::addColumn<int>("iptablesNft");
    QTest::newRow("kube-proxy + flannel + docker, -a, prompt") << QStringLiteral("incident/master.nft") << 4 << 36 << 14 << 59 << 6 << 2;
    QTest::newRow("fenced") << QStringLiteral("incident/node02.nft") << 4 << 36 << 14 << 59 << 6 << 2;
    QTest::newRow("firewalld inet") << QStringLiteral("firewalld-inet.nft") << 1 << 18 << 4 << 40 << 0 << 0;
    QTest::newRow("json") << QStringLiteral("kube-proxy.json") << 1 << 6 << 2 << 7 << 3 << 0;
}

void TestNft::parse()
{
    QFETCH(QString, file);
    QFile f(kData + file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const Ruleset rs = DumpParser::parse(f.readAll(), file);
    for (const auto &d : rs.diagnostics)
        QVERIFY2(d.severity != Diagnostic::Error, qPrintable(d.toString()));
    QVERIFY(rs.nft);
    const nft::NftRuleset &n = *rs.nft;
    QFETCH(int, tables);
    QFETCH(int, chains);
    QFETCH(int, baseChains);
    QFETCH(int, rules);
    QFETCH(int, namedSets);
    QFETCH(int, iptablesNft);
    QCOMPARE(int(n.tables.size()), tables);
    QCOMPARE(int(n.chains.size()), chains);
    QCOMPARE(int(std::count_if(n.chains.begin(), n.chains.end(), [](const nft::Chain &c) { return c.base; })), baseChains);
    QCOMPARE(n.ruleCount(), rules);
    QCOMPARE(int(std::count_if(n.sets.begin(), n.sets.end(), [](const nft::Set &s) { return !s.name.empty(); })), namedSets);
    QCOMPARE(int(std::count_if(n.tables.begin(), n.tables.end(), [](const nft::Table &t) { return t.iptablesNft; })), iptablesNft);
    // every jump and goto resolved
    for (const nft::Item &it : n.items)
        if (it.verdict.kind == nft::Verdict::Jump || it.verdict.kind == nft::Verdict::Goto)
            QVERIFY2(it.verdict.chain >= 0, qPrintable(QString::fromUtf8(it.text.data(), qsizetype(it.text.size()))));
    for (const nft::Set &s : n.sets)
        for (const nft::Element &e : s.elements)
            if (e.verdict.kind == nft::Verdict::Goto)
                QVERIFY(e.verdict.chain >= 0);
}

void TestNft::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("where");   // FILE:LINE:COL
    QTest::addColumn<QString>("message");
    QTest::newRow("bad family") << QByteArray("table ip t {\n}\ntable ipx t {\n}\n") << QStringLiteral("x.nft:3:7") << QStringLiteral("expected a family");
    QTest::newRow("bad hook")
            << QByteArray("table ip t {\n\tchain c {\n\t\ttype filter hook inptu priority 0; policy accept;\n\t}\n}\n")
            << QStringLiteral("x.nft:3:20") << QStringLiteral("unknown hook");
    QTest::newRow("bad priority")
            << QByteArray("table ip t {\n\tchain c {\n\t\ttype filter hook input priority filtr; policy accept;\n\t}\n}\n")
            << QStringLiteral("x.nft:3:35") << QStringLiteral("unknown priority");
    QTest::newRow("bad address")
            << QByteArray("table ip t {\n\tchain c {\n\t\tip saddr 10.0.0.300 drop\n\t}\n}\n") << QStringLiteral("x.nft:3:12") << QStringLiteral("is not a value");
    QTest::newRow("unknown set")
            << QByteArray("table ip t {\n\tchain c {\n\t\tip saddr @nope drop\n\t}\n}\n") << QStringLiteral("x.nft:3:12") << QStringLiteral("no set named nope");
    QTest::newRow("unclosed") << QByteArray("table inet t {\n\tchain c {\n") << QStringLiteral("x.nft:2:2") << QStringLiteral("not closed");
    // Typos a hand-edited paste has: nft refuses them; the reader names the word.
    QTest::newRow("verdict typo")
            << QByteArray("table inet t {\n\tchain c {\n\t\ttcp dport 9090 ct state new,untracked acept # handle 44\n\t}\n}\n")
            << QStringLiteral("x.nft:3:41") << QStringLiteral("unknown statement acept (accept?)");
    QTest::newRow("tcp field typo")
            << QByteArray("table inet t {\n\tchain c {\n\t\ttcp dprot 9090 accept\n\t}\n}\n") << QStringLiteral("x.nft:3:7")
            << QStringLiteral("tcp has no field dprot");
    QTest::newRow("ct key typo")
            << QByteArray("table inet t {\n\tchain c {\n\t\tct statsu dnat accept\n\t}\n}\n") << QStringLiteral("x.nft:3:6")
            << QStringLiteral("ct has no field statsu");
    QTest::newRow("vmap to a misspelt chain")
            << QByteArray("table inet t {\n\tmap m {\n\t\ttype inet_service : verdict\n\t\telements = { 23 : drop,\n"
                          "\t\t\t     9100 : jump metrix }\n\t}\n\tchain metrics {\n\t}\n\tchain c {\n\t\ttcp dport vmap @m\n\t}\n}\n")
            << QStringLiteral("x.nft:5:21") << QStringLiteral("jump to chain metrix, which table inet t does not have (metrics?)");
    QTest::newRow("goto a misspelt chain")
            << QByteArray("table ip t {\n\tchain allow {\n\t}\n\tchain c {\n\t\tiifname \"eth0\" goto alow\n\t}\n}\n")
            << QStringLiteral("x.nft:5:23") << QStringLiteral("goto to chain alow, which table ip t does not have (allow?)");
    // `nft -j` prints one line: the column names the object.
    QTest::newRow("json, one line")
            << QByteArray(R"({"nftables": [{"metainfo": {"json_schema_version": 1}}, {"table": {"family": "ip", "name": "t", "handle": 1}}, )"
                          R"({"chain": {"family": "ip", "table": "t", "name": "c", "handle": 1}}, )"
                          R"({"rule": {"family": "ip", "table": "t", "chain": "c", "handle": 2, "expr": [{"match": {"op": "==", )"
                          R"("left": {"payload": {"protocol": "ip", "field": "saddr"}}, "right": "10.0.0.300"}}, {"drop": null}]}}]})" "\n")
            << QStringLiteral("x.nft:1:181") << QStringLiteral("\"10.0.0.300\" is not a value");
}

void TestNft::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, where);
    QFETCH(QString, message);
    const Ruleset rs = DumpParser::parse(text, QStringLiteral("x.nft"));
    const auto it = std::find_if(rs.diagnostics.begin(), rs.diagnostics.end(),
                                 [](const Diagnostic &d) { return d.severity == Diagnostic::Error; });
    QVERIFY(it != rs.diagnostics.end());
    QVERIFY2(it->toString().startsWith(where + QLatin1Char(':')), qPrintable(it->toString()));
    QVERIFY2(it->message.contains(message), qPrintable(it->message));
}

void TestNft::fragmentsAreKept()
{
    // `nft list chain` prints one chain: its jumps name chains the paste does not hold. Kept,
    // a warning, not an error; and `jump { ... }` (a chain binding) is not a name at all.
    const Ruleset rs = DumpParser::parse(QByteArray("$ nft list chain inet firewalld filter_INPUT\n"
                                                    "table inet firewalld {\n\tchain filter_INPUT {\n"
                                                    "\t\ttype filter hook input priority filter + 10; policy accept;\n"
                                                    "\t\tjump filter_INPUT_ZONES\n\t\treject with icmpx admin-prohibited\n\t}\n}\n"),
                                         QStringLiteral("chain.txt"));
    for (const auto &d : rs.diagnostics)
        QVERIFY2(d.severity != Diagnostic::Error, qPrintable(d.toString()));
    const auto w = std::find_if(rs.diagnostics.begin(), rs.diagnostics.end(),
                                [](const Diagnostic &d) { return d.kind == QLatin1String("nft-missing-chain"); });
    QVERIFY(w != rs.diagnostics.end());
    QCOMPARE(w->toString().section(QLatin1Char(':'), 0, 2), QStringLiteral("chain.txt:5:8"));
    QVERIFY(rs.nft && rs.nft->ruleCount() == 2);
}

void TestNft::iptablesAndNftInOnePaste_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("nftRuleLine");   // the line of the nft rule `tcp dport 22 accept`
    const QByteArray save = "[root@web-04 ~]# iptables-save\n"
                            "# Generated by iptables-save v1.8.7 (nf_tables) on Sun Dec  6 10:00:00 2026\n"
                            "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                            "-A INPUT -p tcp -m tcp --dport 9000 -j ACCEPT\nCOMMIT\n# Completed on Sun Dec  6 10:00:00 2026\n";
    const QByteArray list = "[root@web-04 ~]# nft list table inet custom\n"
                            "table inet custom {\n\tchain input {\n\t\ttype filter hook input priority filter + 10; policy drop;\n"
                            "\t\tct state established,related accept\n\t\ttcp dport 22 accept\n\t}\n}\n";
    const QByteArray json = "[root@web-04 ~]# nft -j list table inet custom\n"
                            R"({"nftables": [{"metainfo": {"json_schema_version": 1}}, {"table": {"family": "inet", "name": "custom", "handle": 2}}, )"
                            R"({"chain": {"family": "inet", "table": "custom", "name": "input", "handle": 1, "type": "filter", "hook": "input", "prio": 10, "policy": "drop"}}, )"
                            R"({"rule": {"family": "inet", "table": "custom", "chain": "input", "handle": 2, "expr": [{"match": {"op": "in", "left": {"ct": {"key": "state"}}, "right": ["established", "related"]}}, {"accept": null}]}}, )"
                            R"({"rule": {"family": "inet", "table": "custom", "chain": "input", "handle": 3, "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 22}}, {"accept": null}]}}]})" "\n";
    QTest::newRow("iptables-save, then nft list") << QByteArray("Here is web-04:\n\n```\n" + save + list + "```\n") << 18;
    QTest::newRow("nft list, then iptables-save") << QByteArray("```\n" + list + save + "```\n") << 7;
    QTest::newRow("iptables-save, then nft -j") << QByteArray(save + json) << 11;
}

void TestNft::iptablesAndNftInOnePaste()
{
    // One paste, both commands' output: neither is skipped as prose, lines stay the file's.
    QFETCH(QByteArray, text);
    QFETCH(int, nftRuleLine);
    const Ruleset rs = DumpParser::parse(text, QStringLiteral("web04.md"));
    for (const auto &d : rs.diagnostics)
        QVERIFY2(d.severity != Diagnostic::Error, qPrintable(d.toString()));
    QVERIFY(rs.table(TableId::Filter).present);
    QCOMPARE(rs.table(TableId::Filter).chains[size_t(rs.table(TableId::Filter).chainIndex("INPUT"))].rules.size(), size_t(1));
    QVERIFY(rs.nft);
    QCOMPARE(rs.nft->ruleCount(), 2);
    const nft::Chain &in = rs.nft->chains[size_t(rs.nft->chainIndex(rs.nft->tableIndex(QStringLiteral("inet custom")), QStringLiteral("input")))];
    QCOMPARE(QString::fromUtf8(in.rules[1].text.data(), qsizetype(in.rules[1].text.size())), QStringLiteral("tcp dport 22 accept"));
    QCOMPARE(in.rules[1].loc.line, nftRuleLine);   // JSON: the line of its object
    // iptables accepts 9000, the custom table's policy drops it: both ran.
    const auto sc = loadPaste(QStringLiteral("web04.md"), text);
    QVERIFY(sc);
    const Trace t = Simulator::trace(*sc, packet(sc->nodes[0].name + QStringLiteral(":eth0"), "10.0.0.5", 9000, "10.0.0.2"));
    QCOMPARE(t.branches.front().verdict.kind, Verdict::Drop);
    QCOMPARE(Explain::acceptedBefore(*sc, t.branches.front()).size(), size_t(1));
}

void TestNft::ownersFromWhatAChainDoes()
{
    // Docker added DOCKER-USER to iptables-nft's filter table; the host's own INPUT rule there
    // is not Docker's. FORWARD jumps to DOCKER-USER: that one is.
    const Ruleset rs = DumpParser::parse(QByteArray("# Warning: table ip filter is managed by iptables-nft, do not touch!\n"
                                                    "table ip filter {\n\tchain FORWARD {\n\t\ttype filter hook forward priority filter; policy drop;\n"
                                                    "\t\tcounter packets 0 bytes 0 jump DOCKER-USER\n\t}\n"
                                                    "\tchain DOCKER-USER {\n\t\tcounter packets 0 bytes 0 return\n\t}\n"
                                                    "\tchain INPUT {\n\t\ttype filter hook input priority filter; policy accept;\n"
                                                    "\t\ttcp dport 9000 counter packets 0 bytes 0 accept\n\t}\n}\n"
                                                    "table inet firewalld {\n\tchain filter_INPUT {\n"
                                                    "\t\ttype filter hook input priority filter + 10; policy accept;\n\t\treject\n\t}\n}\n"),
                                         QStringLiteral("web.nft"));
    QVERIFY(rs.nft);
    const nft::NftRuleset &n = *rs.nft;
    const int filter = n.tableIndex(QStringLiteral("ip filter"));
    QCOMPARE(n.owner(n.chainIndex(filter, QStringLiteral("INPUT"))), QStringLiteral("iptables-nft"));
    QCOMPARE(n.owner(n.chainIndex(filter, QStringLiteral("FORWARD"))), QStringLiteral("Docker via iptables-nft"));
    QCOMPARE(n.owner(n.chainIndex(filter, QStringLiteral("DOCKER-USER"))), QStringLiteral("Docker via iptables-nft"));
    QCOMPARE(n.owner(n.chainIndex(n.tableIndex(QStringLiteral("inet firewalld")), QStringLiteral("filter_INPUT"))), QStringLiteral("firewalld"));
}

void TestNft::verdicts_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("src");
    QTest::addColumn<QString>("dst");
    QTest::addColumn<int>("dport");
    QTest::addColumn<QString>("verdicts");   // every branch, in order
    QTest::addColumn<QString>("note");           // a note the first branch must carry
    QTest::newRow("incident: ClusterIP from master, nft mode")
            << QStringLiteral("incident") << QStringLiteral("master") << QStringLiteral("") << QStringLiteral("10.108.94.160") << 80
            << QStringLiteral("delivered master :0|drop node02 ip filter:FORWARD:0") << QStringLiteral("");
    QTest::newRow("incident: pod on node02, flannel accepts, Docker drops")
            << QStringLiteral("incident") << QStringLiteral("master") << QStringLiteral("") << QStringLiteral("10.224.2.16") << 80
            << QStringLiteral("drop node02 ip filter:FORWARD:0") << QStringLiteral("an accept is not the end");
    QTest::newRow("incident: into node02's pod from flannel.1")
            << QStringLiteral("incident") << QStringLiteral("node02:flannel.1") << QStringLiteral("10.224.0.0") << QStringLiteral("10.224.2.16") << 80
            << QStringLiteral("drop node02 ip filter:FORWARD:0") << QStringLiteral("ip flannel-ipv4, chain forward (flannel), rule 1 accepted");
    QTest::newRow("mixed host: legacy accepts 9000, firewalld rejects")
            << kMixed << QStringLiteral("host:eth0") << QStringLiteral("192.168.56.1") << QStringLiteral("192.168.56.20") << 9000
            << QStringLiteral("reject host inet firewalld:filter_INPUT_POLICIES:2") << QStringLiteral("iptables-legacy table filter, chain INPUT, rule 1");
    QTest::newRow("mixed host: ssh allowed by the public zone")
            << kMixed << QStringLiteral("host:eth0") << QStringLiteral("192.168.56.1") << QStringLiteral("192.168.56.20") << 22 << QStringLiteral("accept-local host :0") << QStringLiteral("");
    QTest::newRow("pair: FORWARD policy drop, evaluated once")
            << QStringLiteral("pair") << QStringLiteral("node:cni0") << QStringLiteral("10.0.0.5") << QStringLiteral("8.8.8.8") << 53 << QStringLiteral("drop node iptables filter:FORWARD:0") << QStringLiteral("");
}

void TestNft::verdicts()
{
    QFETCH(QString, scenario);
    QFETCH(QString, from);
    QFETCH(QString, src);
    QFETCH(QString, dst);
    QFETCH(int, dport);
    QFETCH(QString, verdicts);
    QFETCH(QString, note);
    const Scenario sc = load(scenario);
    QVERIFY(!sc.nodes.empty());
    const QByteArray s = src.toLatin1(), d = dst.toLatin1();
    const Trace t = Simulator::trace(sc, packet(from, d.constData(), quint16(dport), src.isEmpty() ? nullptr : s.constData()));
    QStringList got;
    for (const Branch &b : t.branches)
        got << verdictText(sc, b);
    QCOMPARE(got.join(QLatin1Char('|')), verdicts);
    if (!note.isEmpty())
        QVERIFY2(hasNote(t.branches.front(), note), qPrintable(QStringList(t.branches.front().notes.begin(), t.branches.front().notes.end()).join(QLatin1Char('\n'))));
}

void TestNft::numgenBranches()
{
    const Scenario sc = load(QStringLiteral("incident"));
    const Trace t = Simulator::trace(sc, packet(QStringLiteral("master"), "10.108.94.160", 80));
    QCOMPARE(int(t.branches.size()), 2);
    QCOMPARE(t.branches[0].probability, 0.5);
    QCOMPARE(t.branches[1].probability, 0.5);
    // the first branch goes to 10.224.1.14 (value 0), the second to 10.224.2.16
    QCOMPARE(t.branches[0].packets.back().dst.toString(), QStringLiteral("10.224.1.14"));
    QVERIFY(std::any_of(t.branches[1].packets.begin(), t.branches[1].packets.end(),
                        [](const PacketState &p) { return p.dst.toString() == QLatin1String("10.224.2.16"); }));
    // master's masquerade took flannel.1's address
    QCOMPARE(t.branches[0].packets.back().src.toString(), QStringLiteral("10.224.0.0"));
}

void TestNft::jsonMatchesText()
{
    std::vector<Diagnostic> diags;
    const auto sc = Scenario::load(kData + QStringLiteral("kube-proxy.json"), diags);
    QVERIFY(sc);
    const Trace t = Simulator::trace(*sc, packet(QStringLiteral("kube-proxy"), "10.108.94.160", 80));
    QCOMPARE(int(t.branches.size()), 2);
    QCOMPARE(t.branches[0].packets.back().dst.toString(), QStringLiteral("10.224.1.14"));
    QCOMPARE(t.branches[1].packets.back().dst.toString(), QStringLiteral("10.224.2.16"));
    // interval set from JSON prefix and range
    const Trace blocked = Simulator::trace(*sc, packet(QStringLiteral("kube-proxy"), "10.99.3.3", 80));
    QCOMPARE(blocked.branches.front().verdict.kind, Verdict::Drop);
    const Trace range = Simulator::trace(*sc, packet(QStringLiteral("kube-proxy"), "10.98.0.5", 80));
    QCOMPARE(range.branches.front().verdict.kind, Verdict::Drop);
    const Trace outside = Simulator::trace(*sc, packet(QStringLiteral("kube-proxy"), "10.98.0.10", 80));
    QVERIFY(outside.branches.front().verdict.kind != Verdict::Drop);
}

void TestNft::pairCountedOnce()
{
    const Scenario sc = load(QStringLiteral("pair"));
    QCOMPARE(int(sc.nodes.size()), 1);
    const auto &n = *sc.nodes[0].rules.nft;
    QCOMPARE(int(n.tables.size()), 2);
    QVERIFY(n.tables[0].iptablesNft);
    QVERIFY(n.tables[0].duplicate);
    QVERIFY(!n.tables[1].duplicate);
    const Trace t = Simulator::trace(sc, packet(QStringLiteral("node:cni0"), "8.8.8.8", 53, "10.0.0.5"));
    int forwardPolicies = 0;
    for (const Step &s : t.branches.front().steps)
        forwardPolicies += (s.kind == Step::Policy || s.kind == Step::NftPolicy) ? 1 : 0;
    QCOMPARE(forwardPolicies, 1);   // iptables FORWARD; the nft copy is not run again, inet filter never reached
}

void TestNft::xtFromTheIptablesDump()
{
    // iptables-nft writes -m multiport and -m conntrack as xt compat expressions, printed without
    // their options. With the host's iptables-nft-save beside the listing, the iptables rules
    // decide (the nft copy is the same table); with the listing alone, they cannot be decided.
    std::vector<Diagnostic> diags;
    const auto both = Scenario::load(kData + QStringLiteral("xt/both.json"), diags);
    QVERIFY(both);
    const auto alone = Scenario::load(kData + QStringLiteral("xt/nftonly.json"), diags);
    QVERIFY(alone);
    QVERIFY(both->nodes[0].rules.nft->tables[0].duplicate);
    QVERIFY(!alone->nodes[0].rules.nft->tables[0].duplicate);
    const struct { quint16 port; Verdict::Kind kind; } rows[] = {{53, Verdict::Delivered}, {123, Verdict::Delivered}, {54, Verdict::Drop}};
    for (const auto &row : rows) {
        const Trace t = Simulator::trace(*both, packet(QStringLiteral("node:cni0"), "1.1.1.1", row.port, "10.244.0.7", ProtoUdp));
        QCOMPARE(int(t.branches.size()), 1);
        QCOMPARE(t.branches[0].verdict.kind, row.kind);
        for (const Step &s : t.branches[0].steps)
            QVERIFY(!s.uncertain);
        // alone: the xt matches branch, and the step says why and what decides them
        const Trace u = Simulator::trace(*alone, packet(QStringLiteral("node:cni0"), "1.1.1.1", row.port, "10.244.0.7", ProtoUdp));
        QVERIFY(u.branches.size() > 1 || std::any_of(u.branches[0].steps.begin(), u.branches[0].steps.end(),
                                                      [](const Step &s) { return s.uncertain; }));
        bool said = false;
        for (const Branch &b : u.branches)
            for (const Step &s : b.steps)
                if (s.kind == Step::NftRule && !s.matched)
                    said = said || NftExplain::whyNot(*alone, b, s).contains(QLatin1String("iptables-save"));
        QVERIFY(said);
    }
}

void TestNft::jsonAsPeoplePasteIt()
{
    // firewalld's rpfilter rule as `nft -j` writes it ("right": false is `missing`), on one
    // line, and the same through `jq .` (the key on the line after the brace): both read, and
    // the rule is the match the text form gives.
    const QByteArray oneLine = QByteArrayLiteral(
            R"({"nftables": [{"metainfo": {"version": "1.0.9", "release_name": "Old Doc Yak #3", "json_schema_version": 1}}, )"
            R"({"table": {"family": "inet", "name": "firewalld", "handle": 1}}, )"
            R"({"chain": {"family": "inet", "table": "firewalld", "name": "filter_PREROUTING", "handle": 1, "type": "filter", )"
            R"("hook": "prerouting", "prio": 10, "policy": "accept"}}, )"
            R"({"rule": {"family": "inet", "table": "firewalld", "chain": "filter_PREROUTING", "handle": 5, "expr": [)"
            R"({"match": {"op": "==", "left": {"meta": {"key": "nfproto"}}, "right": "ipv6"}}, )"
            R"({"match": {"op": "==", "left": {"fib": {"result": "oif", "flags": ["saddr", "mark"]}}, "right": false}}, )"
            R"({"drop": null}]}}, )"
            R"({"rule": {"family": "inet", "table": "firewalld", "chain": "filter_PREROUTING", "handle": 6, "expr": [)"
            R"({"match": {"op": "==", "left": {"fib": {"result": "oif", "flags": ["daddr"]}}, "right": true}}, )"
            R"({"match": {"op": "==", "left": {"exthdr": {"name": "frag"}}, "right": true}}, )"
            R"({"counter": {"packets": 0, "bytes": 0}}]}}]})" "\n");
    const QByteArray jq = QJsonDocument::fromJson(oneLine).toJson(QJsonDocument::Indented);
    QVERIFY(jq.startsWith("{\n"));
    const QByteArray text = QByteArrayLiteral(
            "table inet firewalld {\n\tchain filter_PREROUTING {\n"
            "\t\ttype filter hook prerouting priority filter + 10; policy accept;\n"
            "\t\tmeta nfproto ipv6 fib saddr . mark oif missing drop\n"
            "\t\tfib daddr oif exists exthdr frag exists counter packets 0 bytes 0\n\t}\n}\n");
    const Ruleset fromText = DumpParser::parse(text, QStringLiteral("fw.nft"));
    QVERIFY(fromText.nft);
    // ... and as pasted: the prompt, a Markdown fence around it, a line of prose after.
    const QByteArray pasted = "[root@web-03 ~]# nft -j list ruleset | jq .\n```json\n" + jq + "```\nthat is the whole ruleset\n";
    for (const QByteArray &data : {oneLine, jq, pasted}) {
        QCOMPARE(nft::NftParser::detect(std::string_view(data.constData(), size_t(data.size()))), nft::NftParser::Format::Json);
        const Ruleset rs = DumpParser::parse(data, QStringLiteral("fw.json"));
        for (const auto &d : rs.diagnostics)
            QVERIFY2(d.severity != Diagnostic::Error, qPrintable(d.toString()));
        QVERIFY(rs.nft);
        QCOMPARE(rs.nft->chains.size(), size_t(1));
        const auto &rules = rs.nft->chains.front().rules;
        QCOMPARE(rules.size(), size_t(2));
        for (size_t r = 0; r < 2; ++r) {
            const nft::Rule &a = rules[r];
            const nft::Rule &b = fromText.nft->chains.front().rules[r];
            QCOMPARE(a.count, b.count);
            for (quint32 i = 0; i < a.count; ++i) {
                const nft::Item &x = rs.nft->items[a.first + i];
                const nft::Item &y = fromText.nft->items[b.first + i];
                QCOMPARE(int(x.kind), int(y.kind));
                if (x.kind == nft::Item::Match) {
                    QCOMPARE(int(x.op), int(y.op));
                    QCOMPARE(int(x.lhs.f[0]), int(y.lhs.f[0]));
                }
            }
        }
        // `fib ... oif missing` is the one that drops: equal to "no interface".
        QCOMPARE(int(rs.nft->items[rules[0].first + 1].kind), int(nft::Item::Match));
        QCOMPARE(int(rs.nft->items[rules[0].first + 1].op), int(nft::Item::Eq));
    }
}

void TestNft::whyNotSeesConntrack()
{
    // A new connection's first packet at INPUT, after the conntrack hook: the reasons name the
    // state the rule read (new), not the raw table's view (no entry yet, "invalid").
    const auto sc = loadPaste(QStringLiteral("web.nft"),
                              "[root@web ~]# nft list ruleset\n"
            "table inet fw {\n\tchain raw_pre {\n\t\ttype filter hook prerouting priority raw; policy accept;\n"
            "\t\tct state invalid counter\n\t}\n"
            "\tchain inp {\n\t\ttype filter hook input priority filter; policy drop;\n"
            "\t\tct state established,related accept\n\t\tct status dnat accept\n\t\tct state invalid drop\n"
            "\t\ttcp dport 22 accept\n\t}\n}\n");
    QVERIFY(sc);
    const Trace t = Simulator::trace(*sc, packet(sc->nodes[0].name + QStringLiteral(":eth0"), "10.0.0.5", 22, "10.0.0.2"));
    const QJsonObject j = TraceJson::trace(*sc, t, false);
    QStringList why;
    int packets = 0;
    for (const QJsonValue &v : j.value(QLatin1String("branches")).toArray().first().toObject().value(QLatin1String("steps")).toArray()) {
        if (v.toObject().contains(QLatin1String("why_not")))
            why << v.toObject().value(QLatin1String("why_not")).toString();
        packets += v.toObject().contains(QLatin1String("packet"));
    }
    // raw's `ct state invalid counter` matched (no entry yet, as the kernel reads it): no reason.
    QCOMPARE(why, (QStringList{QStringLiteral("ct state is new: `ct state established,related` does not hold"),
                               QStringLiteral("ct status is 0: `ct status dnat` does not hold"),
                               QStringLiteral("ct state is new: `ct state invalid` does not hold")}));
    QCOMPARE(packets, 1);   // conntrack attaching changes nothing the trace prints
    // No iptables dump: no iptables table shares priority filter with inp, nothing uncertain.
    QVERIFY(!hasNote(t.branches.front(), QStringLiteral("share priority")));
    QVERIFY(!t.branches.front().steps.empty() && !t.branches.front().uncertain);
}

void TestNft::missesOfTheDecidingPass()
{
    // Port 9000 is accepted by the custom table, then rejected by the firewall table: the
    // explanation names the accept that did not save it, and its misses are the firewall
    // pass's accept rules only (an accept in another base chain would not have helped).
    const auto sc = loadPaste(QStringLiteral("web.nft.md"),
                              "web says port 9000 is refused:\n\n```\n[root@web ~]# nft -a list ruleset\n"
            "table inet custom { # handle 2\n\tchain input { # handle 1\n"
            "\t\ttype filter hook input priority filter - 5; policy drop;\n"
            "\t\ttcp dport 22 accept # handle 2\n\t\ttcp dport { 443, 9000 } accept # handle 3\n\t}\n}\n"
            "table inet fw { # handle 1\n\tchain filter_INPUT { # handle 1\n"
            "\t\ttype filter hook input priority filter + 10; policy accept;\n"
            "\t\tiifname \"lo\" accept # handle 4\n\t\tjump allow # handle 5\n"
            "\t\treject with icmpx admin-prohibited # handle 6\n\t}\n"
            "\tchain allow { # handle 2\n\t\tip saddr 10.0.0.9 tcp dport 22 accept # handle 7\n"
            "\t\tip saddr 10.0.0.9 tcp dport 9000 accept # handle 8\n\t\tcounter packets 3 bytes 180 # handle 9\n\t}\n}\n"
            "```\n");
    QVERIFY(sc);
    const Trace t = Simulator::trace(*sc, packet(sc->nodes[0].name + QStringLiteral(":eth0"), "10.0.0.5", 9000, "10.0.0.2"));
    QCOMPARE(t.branches.size(), size_t(1));
    const Branch &b = t.branches.front();
    QCOMPARE(b.verdict.kind, Verdict::Reject);

    const std::vector<Miss> accepted = Explain::acceptedBefore(*sc, b);
    QCOMPARE(accepted.size(), size_t(1));
    QCOMPARE(Explain::missPlace(*sc, accepted[0]), QStringLiteral("inet custom:input rule 2"));
    QCOMPARE(Explain::missRule(*sc, accepted[0]), QStringLiteral("tcp dport { 443, 9000 } accept"));

    const std::vector<Miss> misses = Explain::nearestMisses(*sc, b);
    QStringList got;
    for (const Miss &m : misses)
        got << Explain::missPlace(*sc, m) + QStringLiteral(": ") + QStringList(m.reasons.begin(), m.reasons.end()).join(QStringLiteral(" | "));
    QCOMPARE(got, (QStringList{
        QStringLiteral("inet fw:allow rule 2: ip saddr is 10.0.0.2: `ip saddr 10.0.0.9` does not hold"),
        QStringLiteral("inet fw:filter_INPUT rule 1: iifname is \"eth0\": `iifname \"lo\"` does not hold"),
        QStringLiteral("inet fw:allow rule 1: ip saddr is 10.0.0.2: `ip saddr 10.0.0.9` does not hold"
                       " | tcp dport is 9000: `tcp dport 22` does not hold")}));
    // The JSON names the nft rule as nft does.
    const QJsonObject j = TraceJson::trace(*sc, t, false);
    const QJsonObject m0 = j.value(QLatin1String("branches")).toArray().first().toObject()
                                   .value(QLatin1String("nearest_misses")).toArray().first().toObject();
    QCOMPARE(m0.value(QLatin1String("family")).toString(), QStringLiteral("inet"));
    QCOMPARE(m0.value(QLatin1String("table")).toString(), QStringLiteral("fw"));
    QCOMPARE(m0.value(QLatin1String("chain")).toString(), QStringLiteral("allow"));
    QCOMPARE(m0.value(QLatin1String("handle")).toInt(), 8);

    // A candidate for tcp/9000 opens tcp/9000: the probes try the port the rule names.
    Edit e;
    QString error;
    QVERIFY2(WhatIf::parseInsert(sc->nodes[0].name + QStringLiteral(":inet fw:allow:1:tcp dport 9000 accept"), *sc, e, error), qPrintable(error));
    Scenario after = *sc;
    QVERIFY2(WhatIf::apply(after, e, error), qPrintable(error));
    const BlastRadius r = BlastRadiusCalculator::compute(*sc, after, e);
    QVERIFY(r.probes > 0);
    QVERIFY2(r.newlyAccepted > 0, qPrintable(r.summary()));
    QVERIFY2(r.examples.join(QLatin1Char(' ')).contains(QLatin1String("tcp/9000")), qPrintable(r.examples.join(QLatin1Char(' '))));
}

void TestNft::jsonReadsAsText_data()
{
    // Pairs the kernel printed for one loaded ruleset: `nft [-a] list ruleset` and `nft -j list ruleset`
    // (shapes.source.nft is what was loaded: one of each statement the engine reads).
    QTest::addColumn<QString>("base");
    QTest::newRow("every statement, -a") << QStringLiteral("json/shapes");
    QTest::newRow("kube-proxy + iptables-nft") << QStringLiteral("json/kube-proxy");
}

void TestNft::jsonReadsAsText()
{
    QFETCH(QString, base);
    QFile ft(kData + base + QStringLiteral(".txt")), fj(kData + base + QStringLiteral(".json"));
    QVERIFY(ft.open(QIODevice::ReadOnly) && fj.open(QIODevice::ReadOnly));
    const Ruleset text = DumpParser::parse(ft.readAll(), base + QStringLiteral(".txt"));
    const Ruleset json = DumpParser::parse(fj.readAll(), base + QStringLiteral(".json"));
    for (const Ruleset *rs : {&text, &json})
        for (const auto &d : rs->diagnostics)
            QVERIFY2(d.severity != Diagnostic::Error, qPrintable(d.toString()));
    QVERIFY(text.nft && json.nft);
    const nft::NftRuleset &a = *text.nft, &b = *json.nft;
    QCOMPARE(b.chains.size(), a.chains.size());
    QCOMPARE(b.ruleCount(), a.ruleCount());
    int rules = 0;
    for (size_t c = 0; c < a.chains.size(); ++c) {
        const nft::Chain &ca = a.chains[c];
        const int cb = b.chainIndex(b.tableIndex(a.tableTitle(ca.table)), QString::fromUtf8(ca.name.data(), qsizetype(ca.name.size())));
        QVERIFY(cb >= 0);
        QCOMPARE(b.chains[size_t(cb)].rules.size(), ca.rules.size());
        for (size_t r = 0; r < ca.rules.size(); ++r) {
            const nft::Rule &ra = ca.rules[r], &rb = b.chains[size_t(cb)].rules[r];
            // The same words as nft printed them; statement by statement too.
            QCOMPARE(QString::fromUtf8(rb.text.data(), qsizetype(rb.text.size())).simplified(),
                     QString::fromUtf8(ra.text.data(), qsizetype(ra.text.size())).simplified());
            QVERIFY2(rb.count == ra.count, qPrintable(QString::fromUtf8(ra.text.data(), qsizetype(ra.text.size()))));
            for (quint32 k = 0; k < ra.count; ++k) {
                const nft::Item &ia = a.items[ra.first + k], &ib = b.items[rb.first + k];
                QVERIFY2(ib.kind == ia.kind, qPrintable(QString::fromUtf8(ia.text.data(), qsizetype(ia.text.size()))));
                if (ia.kind != nft::Item::Counter)
                    QCOMPARE(QString::fromUtf8(ib.text.data(), qsizetype(ib.text.size())).simplified(),
                             QString::fromUtf8(ia.text.data(), qsizetype(ia.text.size())).simplified());
            }
            if (ra.handle >= 0)
                QCOMPARE(rb.handle, ra.handle);
            ++rules;
        }
    }
    QVERIFY(rules > 20);
    // Named maps with `addr . port` data keep both parts.
    for (const nft::Set &s : a.sets) {
        if (s.name.empty() || !s.map)
            continue;
        const auto &byName = b.tables[size_t(b.tableIndex(a.tableTitle(s.table)))].setByName;
        const auto f = byName.find(s.name);
        QVERIFY(f != byName.end());
        const nft::Set &sb = b.sets[size_t(f->second)];
        QCOMPARE(sb.dataTypes.size(), s.dataTypes.size());
        QCOMPARE(sb.elements.size(), s.elements.size());
        for (size_t e = 0; e < s.elements.size(); ++e) {
            QVERIFY(sb.elements[e].data[0] == s.elements[e].data[0]);
            QVERIFY(sb.elements[e].data[1] == s.elements[e].data[1]);
        }
    }
}

void TestNft::traceJsonFields()
{
    const Scenario sc = load(QStringLiteral("incident"));
    const Trace t = Simulator::trace(sc, packet(QStringLiteral("master"), "10.224.2.16", 80));
    const QJsonObject o = TraceJson::trace(sc, t, false);
    const QJsonObject b = o.value(QLatin1String("branches")).toArray().first().toObject();
    const QJsonObject v = b.value(QLatin1String("verdict")).toObject();
    QCOMPARE(v.value(QLatin1String("family")).toString(), QStringLiteral("ip"));
    QCOMPARE(v.value(QLatin1String("table")).toString(), QStringLiteral("filter"));
    QCOMPARE(v.value(QLatin1String("chain")).toString(), QStringLiteral("FORWARD"));
    QCOMPARE(v.value(QLatin1String("hook")).toString(), QStringLiteral("forward"));
    QCOMPARE(v.value(QLatin1String("priority")).toInt(), 0);
    QCOMPARE(v.value(QLatin1String("owner")).toString(), QStringLiteral("Docker via iptables-nft"));
    bool sawHandle = false;
    for (const QJsonValue &sv : b.value(QLatin1String("steps")).toArray()) {
        const QJsonObject so = sv.toObject();
        if (so.value(QLatin1String("chain")).toString() == QLatin1String("forward")
            && so.value(QLatin1String("table")).toString() == QLatin1String("flannel-ipv4")) {
            QCOMPARE(so.value(QLatin1String("handle")).toInt(), 9);
            QCOMPARE(so.value(QLatin1String("rule")).toInt(), 1);
            QCOMPARE(so.value(QLatin1String("owner")).toString(), QStringLiteral("flannel"));
            sawHandle = true;
        }
    }
    QVERIFY(sawHandle);
}


// Candidate rules in nft syntax (--insert NODE:FAMILY TABLE:CHAIN:POS:RULE, the window's nft
// dock): on the mixed host, legacy iptables accepts 9000 and firewalld's public zone rejects it.
void TestNft::candidateRules_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<int>("dport");
    QTest::addColumn<QString>("verdict");
    QTest::newRow("no edit: firewalld rejects 9000")
            << QString() << 9000 << QStringLiteral("reject host inet firewalld:filter_INPUT_POLICIES:2");
    QTest::newRow("port 9000 in the public zone's allow chain")
            << QStringLiteral("insert host:inet firewalld:filter_IN_public_allow:1:tcp dport 9000 accept") << 9000
            << QStringLiteral("accept-local host :0");
    QTest::newRow("at the end of a chain, as nft add rule")
            << QStringLiteral("insert host:inet firewalld:filter_IN_public_allow:4:tcp dport 9000 ct state new accept") << 9000
            << QStringLiteral("accept-local host :0");
    QTest::newRow("another port leaves 9000 rejected")
            << QStringLiteral("insert host:inet firewalld:filter_IN_public_allow:1:tcp dport 9100 accept") << 9000
            << QStringLiteral("reject host inet firewalld:filter_INPUT_POLICIES:2");
    QTest::newRow("a drop at the top of the base chain ends ssh")
            << QStringLiteral("insert host:inet firewalld:filter_INPUT:1:tcp dport 22 drop") << 22
            << QStringLiteral("drop host inet firewalld:filter_INPUT:1");
    QTest::newRow("base chain policy, lower case as nft writes it")
            << QStringLiteral("policy host:inet firewalld:filter_INPUT:drop") << 22 << QStringLiteral("accept-local host :0");
    QTest::newRow("removing the public zone's jump")
            << QStringLiteral("remove host:inet firewalld:filter_INPUT_POLICIES:1") << 22
            << QStringLiteral("reject host inet firewalld:filter_INPUT_POLICIES:1");
}

void TestNft::candidateRules()
{
    QFETCH(QString, edit);
    QFETCH(int, dport);
    QFETCH(QString, verdict);
    Scenario sc = load(kMixed);
    QVERIFY(!sc.nodes.empty());
    const Scenario original = sc;
    if (!edit.isEmpty()) {
        Edit e;
        QString error;
        const QString arg = edit.section(QLatin1Char(' '), 1);
        if (edit.startsWith(QLatin1String("policy"))) {
            QVERIFY2(WhatIf::parsePolicy(arg, sc, e, error), qPrintable(error));
        } else {
            QVERIFY2(WhatIf::parseInsert(edit.startsWith(QLatin1String("remove")) ? arg + QStringLiteral(":x") : arg, sc, e, error),
                     qPrintable(error));
            if (edit.startsWith(QLatin1String("remove")))
                e.kind = Edit::Remove;
        }
        QVERIFY(e.isNft());
        QCOMPARE(e.nftTable, QStringLiteral("inet firewalld"));
        QVERIFY2(WhatIf::apply(sc, e, error), qPrintable(error));
    }
    const Trace t = Simulator::trace(sc, packet(QStringLiteral("host:eth0"), "192.168.56.20", quint16(dport), "192.168.56.1"));
    QCOMPARE(int(t.branches.size()), 1);
    QCOMPARE(verdictText(sc, t.branches.front()), verdict);
    if (edit.startsWith(QLatin1String("insert"))) {
        // the candidate is marked in the trace, as iptables candidates are
        bool seen = false;
        for (const Step &st : t.branches.front().steps)
            if (st.kind == Step::NftRule)
                seen = seen || sc.nodes[0].rules.nft->chains[size_t(st.chain)].rules[size_t(st.rule)].candidate;
        QVERIFY(seen);
    }
    // the scenario it was copied from shares nothing that changed
    const Trace before = Simulator::trace(original, packet(QStringLiteral("host:eth0"), "192.168.56.20", 9000, "192.168.56.1"));
    QCOMPARE(verdictText(original, before.branches.front()), QStringLiteral("reject host inet firewalld:filter_INPUT_POLICIES:2"));
}

void TestNft::refusedCandidates_data()
{
    QTest::addColumn<QString>("insert");
    QTest::addColumn<QString>("error");
    QTest::newRow("misspelt verdict") << QStringLiteral("host:inet firewalld:filter_INPUT:1:tcp dport 9000 acept") << QStringLiteral("column 16: ");
    QTest::newRow("jump to a chain the table lacks")
            << QStringLiteral("host:inet firewalld:filter_INPUT:1:tcp dport 9000 jump nowhere") << QStringLiteral("chain nowhere does not exist in table inet firewalld");
    QTest::newRow("unknown nft table") << QStringLiteral("host:inet nope:filter_INPUT:1:accept") << QStringLiteral("node host has no nft table inet nope");
    QTest::newRow("unknown chain") << QStringLiteral("host:inet firewalld:NOPE:1:accept") << QStringLiteral("chain NOPE does not exist in table inet firewalld of host");
    QTest::newRow("position past the end") << QStringLiteral("host:inet firewalld:filter_IN_public_allow:9:accept") << QStringLiteral("position 9 is out of range");
    QTest::newRow("empty") << QStringLiteral("host:inet firewalld:filter_INPUT:1:  ") << QStringLiteral("the rule is empty");
    QTest::newRow("two rules") << QStringLiteral("host:inet firewalld:filter_INPUT:1:accept\ndrop") << QStringLiteral("one rule only");
}

void TestNft::refusedCandidates()
{
    QFETCH(QString, insert);
    QFETCH(QString, error);
    Scenario sc = load(kMixed);
    Edit e;
    QString message;
    QVERIFY2(WhatIf::parseInsert(insert, sc, e, message), qPrintable(message));
    const size_t rules = size_t(sc.nodes[0].rules.nft->ruleCount());
    QVERIFY(!WhatIf::apply(sc, e, message));
    QVERIFY2(message.contains(error), qPrintable(message));
    QCOMPARE(size_t(sc.nodes[0].rules.nft->ruleCount()), rules);
    QVERIFY(sc.nodes[0].rules.diagnostics.empty() || sc.nodes[0].rules.diagnostics.size() == load(kMixed).nodes[0].rules.diagnostics.size());
}

void TestNft::nftCommands()
{
    const Scenario sc = load(kMixed);
    Edit e;
    QString error;
    QVERIFY(WhatIf::parseInsert(QStringLiteral("host:inet firewalld:filter_INPUT:1:iifname \"cni0\" accept"), sc, e, error));
    QCOMPARE(WhatIf::command(e), QStringLiteral("nft insert rule inet firewalld filter_INPUT iifname \"cni0\" accept"));
    e.position = 3;
    QCOMPARE(WhatIf::command(e), QStringLiteral("nft add rule inet firewalld filter_INPUT index 1 iifname \"cni0\" accept"));
    const QString unit = WhatIf::systemdUnit({e}, QStringLiteral("fix"));
    QVERIFY2(unit.contains(QLatin1String("ExecStart=/usr/sbin/nft 'add rule inet firewalld filter_INPUT index 1 iifname \"cni0\" accept'\n")),
             qPrintable(unit));
    // firewalld's table: after firewalld, not Docker; the reload caveat said
    QVERIFY2(unit.contains(QLatin1String("\nAfter=firewalld.service\nPartOf=firewalld.service\n")), qPrintable(unit));
    QVERIFY2(!unit.contains(QLatin1String("docker")), qPrintable(unit));
    QVERIFY2(unit.contains(QLatin1String("`firewall-cmd --reload` rebuilds table inet firewalld")), qPrintable(unit));
    // an opened port: firewalld's own way to keep it
    Edit port;
    QVERIFY(WhatIf::parseInsert(QStringLiteral("host:inet firewalld:filter_IN_public_allow:1:tcp dport 9000 accept"), sc, port, error));
    QVERIFY2(WhatIf::systemdUnit({port}, QStringLiteral("fix")).contains(
                     QLatin1String("firewall-cmd --permanent --add-port=9000/tcp && firewall-cmd --reload")),
             qPrintable(WhatIf::systemdUnit({port}, QStringLiteral("fix"))));
    Edit p;
    QVERIFY(WhatIf::parsePolicy(QStringLiteral("host:inet firewalld:filter_INPUT:DROP"), sc, p, error));
    QCOMPARE(WhatIf::command(p), QStringLiteral("nft 'chain inet firewalld filter_INPUT { policy drop; }'"));
    QVERIFY(WhatIf::systemdUnit({p}, QStringLiteral("fix")).contains(QLatin1String("ExecStart=/usr/sbin/nft 'chain inet firewalld filter_INPUT { policy drop; }'\n")));
    Edit r;
    r.kind = Edit::Remove;
    r.node = QStringLiteral("host");
    r.nftTable = QStringLiteral("inet firewalld");
    r.chain = QStringLiteral("filter_INPUT");
    r.position = 2;
    r.nftHandle = 17;
    QCOMPARE(WhatIf::command(r), QStringLiteral("nft delete rule inet firewalld filter_INPUT handle 17"));
    // lesson 07's fix, at the end of the zone's allow chain: the command oracle_nft runs
    Edit fix;
    QVERIFY(WhatIf::parseInsert(QStringLiteral("host:inet firewalld:filter_IN_public_allow:4:tcp dport 9000 accept"), sc, fix, error));
    QCOMPARE(WhatIf::command(fix), QStringLiteral("nft add rule inet firewalld filter_IN_public_allow index 2 tcp dport 9000 accept"));
    // a regular chain has no policy
    Scenario copy = sc;
    QVERIFY(WhatIf::parsePolicy(QStringLiteral("host:inet firewalld:filter_IN_public:accept"), copy, p, error));
    QVERIFY(!WhatIf::apply(copy, p, error));
    QVERIFY(error.contains(QLatin1String("regular chain")));
}

// resources/scenarios/incident-nft is the paste of tests/data/nft/incident without its prompts
// and fences (the kernel oracle loads the paste): both must trace alike.
void TestNft::bundledIncidentMatchesThePaste()
{
    const Scenario paste = load(QStringLiteral("incident"));
    const Scenario bundled = load(QStringLiteral("../../../resources/scenarios/incident-nft"));
    QCOMPARE(bundled.nodes.size(), paste.nodes.size());
    for (const char *dst : {"10.108.94.160", "10.224.2.16"}) {
        const Trace a = Simulator::trace(paste, packet(QStringLiteral("master"), dst, 80));
        const Trace b = Simulator::trace(bundled, packet(QStringLiteral("master"), dst, 80));
        QCOMPARE(b.branches.size(), a.branches.size());
        for (size_t i = 0; i < a.branches.size(); ++i) {
            QCOMPARE(verdictText(bundled, b.branches[i]), verdictText(paste, a.branches[i]));
            QCOMPARE(b.branches[i].steps.size(), a.branches[i].steps.size());
        }
    }
    // node02's branch dies by Docker's iptables-nft FORWARD policy after flannel's accept
    const Trace t = Simulator::trace(bundled, packet(QStringLiteral("master"), "10.224.2.16", 80));
    QCOMPARE(verdictText(bundled, t.branches.back()), QStringLiteral("drop node02 ip filter:FORWARD:0"));
    QVERIFY(hasNote(t.branches.back(), QStringLiteral("an accept is not the end")));
}

// Found by the generated nft oracle (tests/oracle/nftgenerated.py) on dut of its topology:
// each row is a rule set the kernel traced, with the base-chain decisions `nft monitor trace`
// reported (rules whose verdict is not `continue`, and policies) and the final verdict.
void TestNft::kernelOrder_data()
{
    QTest::addColumn<QByteArray>("nft");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("src");
    QTest::addColumn<QString>("dst");
    QTest::addColumn<int>("proto");
    QTest::addColumn<QString>("decisions");
    QTest::addColumn<QString>("verdict");
    // nat chains hang off the nat core's hook at -100: a nat chain declared at priority 0
    // runs before a filter chain at -10 (and is traversed, a ct expression enabling conntrack)
    QTest::newRow("nat chain at priority 0 runs at the nat core's -100")
            << QByteArray("table ip t {\n\tchain n {\n\t\ttype nat hook output priority 0; policy accept;\n\t}\n"
                          "\tchain f {\n\t\ttype filter hook output priority -10; policy accept;\n\t\tct state new accept\n\t}\n}\n")
            << QStringLiteral("dut") << QStringLiteral("10.1.0.1") << QStringLiteral("10.2.0.2") << int(ProtoTcp)
            << QStringLiteral("ip t n policy accept|ip t f accept") << QStringLiteral("delivered");
    QTest::newRow("postrouting nat chain at 0 runs at the nat core's 100, after a filter at 50")
            << QByteArray("table inet t {\n\tchain n {\n\t\ttype nat hook postrouting priority 0; policy accept;\n\t\tmasquerade\n\t}\n"
                          "\tchain f {\n\t\ttype filter hook postrouting priority 50; policy accept;\n\t\taccept\n\t}\n}\n")
            << QStringLiteral("dut:eth1") << QStringLiteral("10.1.0.2") << QStringLiteral("10.2.0.2") << int(ProtoUdp)
            << QStringLiteral("inet t f accept|inet t n accept") << QStringLiteral("delivered");
    // a nat chain alone does not turn conntrack on: no conntrack, no nat chain traversal
    QTest::newRow("nat chain without a nat statement or ct: not traversed")
            << QByteArray("table ip t {\n\tchain n {\n\t\ttype nat hook prerouting priority -100; policy accept;\n\t\taccept\n\t}\n"
                          "\tchain f {\n\t\ttype filter hook prerouting priority 0; policy drop;\n\t}\n}\n")
            << QStringLiteral("dut:eth1") << QStringLiteral("10.1.0.2") << QStringLiteral("10.1.0.1") << int(ProtoIcmp)
            << QStringLiteral("ip t f policy drop") << QStringLiteral("drop");
    // numgen inc moves on every evaluation: met twice by one packet, 0 then 1
    QTest::newRow("numgen inc met twice: 0, then 1")
            << QByteArray("table inet t1 {\n\tchain u1 {\n\t\tcounter\n\t}\n\tchain u0 {\n\t\tnumgen inc mod 2 vmap { 0 : jump u1, 1 : return }\n\t}\n"
                          "\tchain for4 {\n\t\ttype filter hook forward priority 0; policy accept;\n\t\tjump u0\n\t\tgoto u0\n\t}\n}\n")
            << QStringLiteral("dut:eth1") << QStringLiteral("10.1.0.2") << QStringLiteral("10.2.0.2") << int(ProtoUdp)
            << QStringLiteral("inet t1 for4 jump u0|inet t1 u0 jump u1|inet t1 for4 goto u0|inet t1 u0 return|inet t1 for4 policy accept")
            << QStringLiteral("delivered");
    // `reject with tcp reset` depends on tcp (nft adds `meta l4proto tcp`, the listing hides it)
    QTest::newRow("reject with tcp reset does not match udp")
            << QByteArray("table ip t0 {\n\tchain inp4 {\n\t\ttype filter hook input priority 0; policy accept;\n\t\treject with tcp reset\n\t}\n}\n")
            << QStringLiteral("dut:eth1") << QStringLiteral("10.1.0.3") << QStringLiteral("10.1.0.1") << int(ProtoUdp)
            << QStringLiteral("ip t0 inp4 policy accept") << QStringLiteral("accept-local");
    QTest::newRow("reject with tcp reset rejects tcp")
            << QByteArray("table inet t0 {\n\tchain inp4 {\n\t\ttype filter hook input priority 0; policy accept;\n\t\treject with tcp reset\n\t}\n}\n")
            << QStringLiteral("dut:eth1") << QStringLiteral("10.1.0.3") << QStringLiteral("10.1.0.1") << int(ProtoTcp)
            << QStringLiteral("inet t0 inp4 reject with tcp reset") << QStringLiteral("reject");
}

void TestNft::kernelOrder()
{
    QFETCH(QByteArray, nft);
    QFETCH(QString, from);
    QFETCH(QString, src);
    QFETCH(QString, dst);
    QFETCH(int, proto);
    QFETCH(QString, decisions);
    QFETCH(QString, verdict);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&](const char *name, const QByteArray &body) {
        QFile f(dir.filePath(QLatin1String(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(body);
    };
    // generated.py's dut: eth1 10.1.0.1/24 (host a), eth2 10.2.0.1/24 (host b, the default route), dummy0
    write("dut.nft", nft);
    write("dut.addr", "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
                      "2: eth1    inet 10.1.0.1/24 brd 10.1.0.255 scope global eth1\\       valid_lft forever preferred_lft forever\n"
                      "3: eth2    inet 10.2.0.1/24 brd 10.2.0.255 scope global eth2\\       valid_lft forever preferred_lft forever\n"
                      "4: dummy0    inet 10.3.0.1/24 brd 10.3.0.255 scope global dummy0\\       valid_lft forever preferred_lft forever\n");
    write("dut.route", "default via 10.2.0.2 dev eth2 \n10.1.0.0/24 dev eth1 proto kernel scope link src 10.1.0.1 \n"
                       "10.2.0.0/24 dev eth2 proto kernel scope link src 10.2.0.1 \n10.3.0.0/24 dev dummy0 proto kernel scope link src 10.3.0.1 \n");
    write("scenario.json", "{\"name\": \"oracle\", \"nodes\": [{\"name\": \"dut\", \"rules\": [\"dut.nft\"], "
                           "\"addresses\": \"dut.addr\", \"routes\": \"dut.route\"}]}\n");
    std::vector<Diagnostic> diags;
    const auto sc = Scenario::load(dir.path(), diags);
    QVERIFY(sc);
    const QByteArray s = src.toLatin1(), d = dst.toLatin1();
    PacketSpec p = packet(from, d.constData(), proto == ProtoIcmp ? 0 : 80, s.constData(), quint8(proto));
    if (proto != ProtoIcmp)
        p.sport = 40000;
    const Trace t = Simulator::trace(*sc, p);
    QVERIFY(!t.branches.empty());
    const QJsonObject j = TraceJson::trace(*sc, t, false);
    const QJsonObject b = j.value(QLatin1String("branches")).toArray().first().toObject();
    // the oracle's decisions: matched rules that do not continue (nat statements accept), policies
    QStringList got;
    for (const QJsonValue &v : b.value(QLatin1String("steps")).toArray()) {
        const QJsonObject st = v.toObject();
        const QString kind = st.value(QLatin1String("kind")).toString();
        QString action = st.value(QLatin1String("action")).toString();
        const bool rule = kind == QLatin1String("rule") && st.value(QLatin1String("matched")).toBool();
        if (!st.contains(QLatin1String("family")) || !(rule || kind == QLatin1String("policy")))
            continue;
        if (action.startsWith(QLatin1String("vmap ")))
            action = action.section(QLatin1String(": "), 1);
        const QString word = action.section(QLatin1Char(' '), 0, 0);
        if (rule && (word == QLatin1String("continue") || word == QLatin1String("meta") || word == QLatin1String("counter")))
            continue;
        const bool nat = word == QLatin1String("masquerade") || word == QLatin1String("dnat") || word == QLatin1String("snat");
        got << QStringList{st.value(QLatin1String("family")).toString(), st.value(QLatin1String("table")).toString(),
                           st.value(QLatin1String("chain")).toString(), nat ? QStringLiteral("accept") : action}
                       .join(QLatin1Char(' '));
    }
    QCOMPARE(got.join(QLatin1Char('|')), decisions);
    QCOMPARE(b.value(QLatin1String("verdict")).toObject().value(QLatin1String("kind")).toString(), verdict);
}

QTEST_GUILESS_MAIN(TestNft)
#include "tst_nft.moc"
