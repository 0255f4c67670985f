// The semantic diff: chains paired by meaning (not by kube-proxy's hashes), rules by text,
// counter deltas between snapshots.
#include "diff.h"
#include "dumpparser.h"
#include "scenario.h"

#include <QtTest>

using namespace chainscope;

class TstDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void incidentMasterAgainstNode02();
    void servicesAlignAcrossHashes();
    void snapshotDeltas();
};

static QStringList differences(const DiffResult &d)
{
    QStringList out;
    for (const ChainPair &c : d.chains) {
        if (c.left < 0 || c.right < 0)
            out << (c.left < 0 ? QStringLiteral("+chain ") : QStringLiteral("-chain ")) + c.key;
    }
    for (const RuleDiff &r : d.rules) {
        if (r.kind == RuleDiff::OnlyLeft) out << QStringLiteral("- ") + r.leftText;
        if (r.kind == RuleDiff::OnlyRight) out << QStringLiteral("+ ") + r.rightText;
        if (r.kind == RuleDiff::Changed) out << QStringLiteral("~ ") + r.leftText + QStringLiteral(" => ") + r.rightText;
    }
    return out;
}

void TstDiff::incidentMasterAgainstNode02()
{
    std::vector<Diagnostic> diags;
    const auto sc = Scenario::load(QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/incident"), diags);
    QVERIFY(sc);
    const DiffResult d = Diff::compare(sc->nodes[size_t(sc->nodeIndex(QStringLiteral("master")))].rules,
                                       sc->nodes[size_t(sc->nodeIndex(QStringLiteral("node02")))].rules);
    QCOMPARE(differences(d), QStringList({
            QStringLiteral("~ ! -s 10.244.0.0/16 -d 10.224.0.0/24 -j RETURN => ! -s 10.244.0.0/16 -d 10.224.2.0/24 -j RETURN"),
            QStringLiteral("+ -d 10.224.2.16/32 -j LOG --log-prefix \"[iptables 3:]\""),
            QStringLiteral("+ -d 10.224.2.16/32 -j LOG --log-prefix \"[iptables 4:]\""),
            QStringLiteral("+ -d 10.224.2.16/32 -j LOG --log-prefix \"[iptables forward-end]\""),
    }));
    QVERIFY(d.policyChanges.empty());
}

/** A kube-proxy nat table for the given services, hash names made from `salt`. */
static QByteArray kubeNat(const QString &salt, const QList<QPair<QString, QStringList>> &services)
{
    QByteArray decl = "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:KUBE-SERVICES - [0:0]\n";
    QByteArray rules = "-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\n";
    int n = 0;
    for (const auto &[svc, endpoints] : services) {
        ++n;
        const QByteArray hash = QCryptographicHash::hash((salt + svc).toUtf8(), QCryptographicHash::Sha1).toHex().toUpper().left(16);
        const QByteArray chain = "KUBE-SVC-" + hash;
        decl += ":" + chain + " - [0:0]\n";
        rules += "-A KUBE-SERVICES -d 10.96.0." + QByteArray::number(n) + "/32 -p tcp -m comment --comment \"" + svc.toUtf8()
                + " cluster IP\" -m tcp --dport 80 -j " + chain + "\n";
        for (int e = 0; e < endpoints.size(); ++e) {
            const QByteArray sep = "KUBE-SEP-" + QCryptographicHash::hash((salt + endpoints[e]).toUtf8(), QCryptographicHash::Sha1).toHex().toUpper().left(16);
            decl += ":" + sep + " - [0:0]\n";
            const QByteArray prob = e + 1 < endpoints.size() ? " -m statistic --mode random --probability " + QByteArray::number(1.0 / double(endpoints.size() - e), 'f', 11) : QByteArray();
            rules += "-A " + chain + " -m comment --comment \"" + svc.toUtf8() + "\"" + prob + " -j " + sep + "\n";
            rules += "-A " + sep + " -p tcp -m comment --comment \"" + svc.toUtf8() + "\" -m tcp -j DNAT --to-destination "
                    + endpoints[e].toUtf8() + ":80\n";
        }
    }
    return decl + rules + "COMMIT\n";
}

void TstDiff::servicesAlignAcrossHashes()
{
    const Ruleset a = DumpParser::parse(kubeNat(QStringLiteral("cluster-a"), {{QStringLiteral("web/front"), {QStringLiteral("10.244.1.5"), QStringLiteral("10.244.2.7")}},
                                                                              {QStringLiteral("web/api"), {QStringLiteral("10.244.1.9")}}}),
                                        QStringLiteral("a.rules"));
    const Ruleset b = DumpParser::parse(kubeNat(QStringLiteral("cluster-b"), {{QStringLiteral("web/front"), {QStringLiteral("10.244.1.5"), QStringLiteral("10.244.3.3")}},
                                                                              {QStringLiteral("web/api"), {QStringLiteral("10.244.1.9")}}}),
                                        QStringLiteral("b.rules"));
    QVERIFY(a.diagnostics.empty());
    const DiffResult d = Diff::compare(a, b);
    // Both services pair although every hash differs; only the changed endpoint shows.
    int servicesPaired = 0;
    for (const ChainPair &c : d.chains)
        servicesPaired += c.key.startsWith(QLatin1String("service ")) && c.left >= 0 && c.right >= 0 ? 1 : 0;
    QCOMPARE(servicesPaired, 2);
    QCOMPARE(differences(d), QStringList({
            QStringLiteral("-chain endpoint web/front -> 10.244.2.7:80"),
            QStringLiteral("+chain endpoint web/front -> 10.244.3.3:80"),
            QStringLiteral("~ -m comment --comment web/front -j <endpoint web/front -> 10.244.2.7:80> => -m comment --comment web/front -j <endpoint web/front -> 10.244.3.3:80>"),
            QStringLiteral("- -p tcp -m comment --comment web/front -j DNAT --to-destination 10.244.2.7:80"),
            QStringLiteral("+ -p tcp -m comment --comment web/front -j DNAT --to-destination 10.244.3.3:80"),
    }));
}

void TstDiff::snapshotDeltas()
{
    const QByteArray before = "*filter\n:INPUT ACCEPT [10:1000]\n:FORWARD DROP [5:300]\n:OUTPUT ACCEPT [0:0]\n"
                              "[100:8000] -A FORWARD -i flannel.1 -j ACCEPT\n[7:700] -A FORWARD -d 10.244.0.0/16 -j ACCEPT\nCOMMIT\n";
    const QByteArray after = "*filter\n:INPUT ACCEPT [10:1000]\n:FORWARD DROP [65:3900]\n:OUTPUT ACCEPT [0:0]\n"
                             "[130:9800] -A FORWARD -i flannel.1 -j ACCEPT\n[7:700] -A FORWARD -d 10.244.0.0/16 -j ACCEPT\nCOMMIT\n";
    DiffOptions o;
    o.snapshots = true;
    const DiffResult d = Diff::compare(DumpParser::parse(before, QStringLiteral("t0")), DumpParser::parse(after, QStringLiteral("t1")), o);
    QCOMPARE(d.differences(), 0);
    QCOMPARE(int(d.deltas.size()), 2);
    QCOMPARE(d.deltas[0].right, -1);           // FORWARD's policy gained most: 60 packets
    QCOMPARE(d.deltas[0].packets, quint64(60));
    QCOMPARE(d.deltas[0].bytes, quint64(3600));
    QCOMPARE(d.deltas[1].right, 0);
    QCOMPARE(d.deltas[1].packets, quint64(30));
}

QTEST_GUILESS_MAIN(TstDiff)
#include "tst_diff.moc"
