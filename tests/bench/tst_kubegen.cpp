// Smoke test of the benchmark's input: a kube-proxy-shaped dump (iptables mode, and nftables
// mode as `nft list ruleset` prints it) parses cleanly and a ClusterIP traces into one branch
// per endpoint, each DNATed to its endpoint.
#include "dumpparser.h"
#include "kubegen.h"
#include "nftruleset.h"
#include "scenario.h"
#include "simulator.h"

#include <QtTest>

#include <algorithm>

using namespace chainscope;

class TestKubeGen : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deterministic();
    void parsesAndTraces_data();
    void parsesAndTraces();
};

void TestKubeGen::deterministic()
{
    KubeGen::Options o;
    o.services = 20;
    o.endpoints = 3;
    o.seed = 7;
    QCOMPARE(KubeGen(o).dump(), KubeGen(o).dump());
    o.seed = 8;
    QVERIFY(KubeGen(o).dump() != KubeGen({20, 3, 7, false}).dump());
    QCOMPARE(KubeGen::probability(0.5), QByteArray("0.50000000000"));
    // What iptables-save prints for 1/3 after the kernel's 2^31 scaling.
    QCOMPARE(KubeGen::probability(1.0 / 3), QByteArray("0.33333333349"));
}

void TestKubeGen::parsesAndTraces_data()
{
    QTest::addColumn<bool>("nft");
    QTest::newRow("iptables-save") << false;
    QTest::newRow("nft list ruleset") << true;
}

void TestKubeGen::parsesAndTraces()
{
    QFETCH(bool, nft);
    KubeGen::Options o;
    o.services = 50;
    o.endpoints = 3;
    KubeGen gen(o);
    const QByteArray dump = nft ? gen.nftRuleset() : gen.dump();
    const Ruleset rs = DumpParser::parse(dump, nft ? QStringLiteral("kube-50.nft") : QStringLiteral("kube-50.dump"));
    for (const Diagnostic &d : rs.diagnostics)
        QVERIFY2(d.severity != Diagnostic::Error, qPrintable(d.toString()));

    int svc = 0, sep = 0;
    if (nft) {
        QVERIFY(rs.nft);
        QCOMPARE(KubeGen::nftChainName("service-", "default/kubernetes/tcp/https"),
                 QByteArray("service-2QRHZV4L-default/kubernetes/tcp/https"));   // as kube-proxy names it
        for (const nft::Chain &c : rs.nft->chains) {
            // service-HASH-NS/NAME/tcp/PORT (not kube-proxy's own service-endpoints-check)
            const bool port = c.name.find('/') != std::string_view::npos;
            svc += port && c.name.substr(0, 8) == "service-";
            sep += port && c.name.substr(0, 9) == "endpoint-";
        }
    } else {
        for (const Chain &c : rs.table(TableId::Nat).chains) {
            svc += c.name.substr(0, 9) == "KUBE-SVC-";
            sep += c.name.substr(0, 9) == "KUBE-SEP-";
        }
    }
    QCOMPARE(svc, 50);
    QCOMPARE(sep, 150);

    Scenario sc;
    Node node;
    node.name = QStringLiteral("node1");
    node.rules = rs;
    std::vector<Diagnostic> diags;
    QVERIFY(node.context.parseAddresses(KubeGen::ipAddr(), QStringLiteral("ip-addr"), diags));
    QVERIFY(node.context.parseRoutes(KubeGen::ipRoute(), QStringLiteral("ip-route"), diags));
    sc.nodes.push_back(std::move(node));

    const KubeGen::Service &s = gen.services()[17];
    PacketSpec spec;
    spec.fromNode = QStringLiteral("node1");
    spec.dst = Address::fromV4(s.clusterIp);
    spec.dport = s.port;
    const Trace t = Simulator::trace(sc, spec);
    QCOMPARE(t.branches.size(), size_t(3));

    std::vector<quint32> seen;
    double total = 0;
    for (const Branch &b : t.branches) {
        // As floats: the kernel keeps 1/3 as round(2^31/3), off from 1/3 by ~1e-10.
        QCOMPARE(float(b.probability), float(1.0 / 3));
        total += b.probability;
        // The DNAT destination is the packet after the last rewrite.
        QVERIFY(!b.packets.empty());
        const PacketState &last = b.packets.back();
        QCOMPARE(last.dport, s.targetPort);
        seen.push_back(last.dst.v4());
    }
    QVERIFY(qFuzzyCompare(total, 1.0));
    std::vector<quint32> want = s.endpoints;
    std::sort(want.begin(), want.end());
    std::sort(seen.begin(), seen.end());
    QCOMPARE(seen, want);
}

QTEST_GUILESS_MAIN(TestKubeGen)
#include "tst_kubegen.moc"
