// The semantic diff: chains paired by meaning (not by kube-proxy's hashes), rules by text,
// counter deltas between snapshots.
#include "diff.h"
#include "dumpparser.h"
#include "nftdiff.h"
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
    void rowsAlignAsADiffTool_data();
    void rowsAlignAsADiffTool();
    void longChainsAlign();
    void nftDiffs_data();
    void nftDiffs();
    void nftJson();
    void nftElementCap();
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

namespace {
/**
 * A filter FORWARD chain from letters: `a` is a rule commented "a" for 10.0.0.97; `A` is the
 * same rule changed (same comment, another address), so it pairs with `a` as "changed".
 */
Ruleset forwardOf(const QString &letters)
{
    QByteArray dump = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n";
    for (const QChar c : letters) {
        const QByteArray low = QByteArray(1, char(c.toLower().toLatin1()));
        dump += "-A FORWARD -s 10." + QByteArray(c.isUpper() ? "1" : "0") + ".0." + QByteArray::number(int(low[0]))
                + "/32 -m comment --comment \"" + low + "\" -j ACCEPT\n";
    }
    return DumpParser::parse(dump + "COMMIT\n", QStringLiteral("forward.rules"));
}

/** The rows of the FORWARD pair: "=a" same, "~b" changed (left letter), "-c" left only, "+d" right only. */
QString rowsOf(const DiffResult &d, const QString &left, const QString &right)
{
    QStringList rows;
    int lastLeft = -1, lastRight = -1;
    for (const RuleDiff &r : d.rules) {
        if (d.chains[size_t(r.pair)].key != QLatin1String("FORWARD"))
            continue;
        // Rows are in chain order on both sides.
        if (r.left >= 0) {
            if (r.left != lastLeft + 1)
                return QStringLiteral("left row %1 after %2").arg(r.left).arg(lastLeft);
            lastLeft = r.left;
        }
        if (r.right >= 0) {
            if (r.right != lastRight + 1)
                return QStringLiteral("right row %1 after %2").arg(r.right).arg(lastRight);
            lastRight = r.right;
        }
        switch (r.kind) {
        case RuleDiff::Same: rows << QLatin1Char('=') + left[r.left]; break;
        case RuleDiff::Changed: rows << QLatin1Char('~') + left[r.left]; break;
        case RuleDiff::OnlyLeft: rows << QLatin1Char('-') + left[r.left]; break;
        case RuleDiff::OnlyRight: rows << QLatin1Char('+') + right[r.right]; break;
        }
    }
    if (lastLeft + 1 != left.size() || lastRight + 1 != right.size())
        return QStringLiteral("rules missing");
    return rows.join(QLatin1Char(' '));
}
} // namespace

void TstDiff::rowsAlignAsADiffTool_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<QString>("rows");
    QTest::newRow("equal") << "abcd" << "abcd" << "=a =b =c =d";
    QTest::newRow("inserted on the right (node02's LOG rules)") << "abcd" << "axbcyd" << "=a +x =b =c +y =d";
    QTest::newRow("removed on the right") << "abcde" << "ace" << "=a -b =c -d =e";
    QTest::newRow("changed in place") << "abcd" << "aBcd" << "=a ~b =c =d";
    QTest::newRow("changed beside an insertion") << "abc" << "axBc" << "=a +x ~b =c";
    // A greedy pairing takes x first and loses a and b; the longest common subsequence keeps them.
    QTest::newRow("moved to the end") << "xab" << "abx" << "-x =a =b +x";
    // The same purpose across an equal rule is not "changed": it would cross the rows.
    QTest::newRow("no change across an anchor") << "aBc" << "acb" << "=a -B =c +b";
    QTest::newRow("all new") << "abc" << "xyz" << "-a -b -c +x +y +z";
    QTest::newRow("left empty") << "" << "ab" << "+a +b";
    QTest::newRow("right empty") << "ab" << "" << "-a -b";
}

void TstDiff::rowsAlignAsADiffTool()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(QString, rows);
    const Ruleset a = forwardOf(left), b = forwardOf(right);
    QVERIFY(a.diagnostics.empty() && b.diagnostics.empty());
    QCOMPARE(rowsOf(Diff::compare(a, b), left, right), rows);
}

void TstDiff::longChainsAlign()
{
    // 6000 rules with three inserted: every equal rule pairs (exact alignment, few edits) ...
    auto chain = [](int n, const QList<int> &extra, int salt) {
        QByteArray dump = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n";
        for (int i = 0; i < n; ++i) {
            if (extra.contains(i))
                dump += "-A FORWARD -d 10.224.2.16/32 -j LOG --log-prefix \"extra " + QByteArray::number(i) + "\"\n";
            dump += "-A FORWARD -s 10." + QByteArray::number(salt + i / 65536) + "." + QByteArray::number(i / 256 % 256) + "."
                    + QByteArray::number(i % 256) + "/32 -j ACCEPT\n";
        }
        return DumpParser::parse(dump + "COMMIT\n", QStringLiteral("long.rules"));
    };
    const Ruleset a = chain(6000, {}, 0);
    const Ruleset b = chain(6000, {10, 3000, 5999}, 0);
    DiffResult d = Diff::compare(a, b);
    int same = 0, right = 0;
    for (const RuleDiff &r : d.rules) {
        same += r.kind == RuleDiff::Same ? 1 : 0;
        right += r.kind == RuleDiff::OnlyRight ? 1 : 0;
    }
    QCOMPARE(same, 6000);
    QCOMPARE(right, 3);
    // ... and two unrelated chains (every rule differs: far past the edit bound) still give
    // every rule a row, in order, without an exact (quadratic) search.
    const Ruleset c = chain(6000, {}, 100);
    d = Diff::compare(a, c);
    int lastLeft = -1, lastRight = -1, rows = 0;
    for (const RuleDiff &r : d.rules) {
        if (r.left >= 0) {
            QCOMPARE(r.left, lastLeft + 1);
            lastLeft = r.left;
        }
        if (r.right >= 0) {
            QCOMPARE(r.right, lastRight + 1);
            lastRight = r.right;
        }
        ++rows;
    }
    QCOMPARE(lastLeft, 5999);
    QCOMPARE(lastRight, 5999);
    QVERIFY(rows >= 6000);
}

namespace {
QByteArray nftData(const QString &name)
{
    QFile f(QStringLiteral(CHAINSCOPE_TEST_DATA "/nft/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** The same listing with every kube-proxy hash changed (as another kube-proxy version might hash). */
QByteArray rehashed(QByteArray d)
{
    for (const QByteArray &prefix : {QByteArray("service-"), QByteArray("endpoint-"), QByteArray("external-")}) {
        for (qsizetype at = d.indexOf(prefix); at >= 0; at = d.indexOf(prefix, at + 1)) {
            const qsizetype h = at + prefix.size();
            if (h + 9 > d.size() || d[h + 8] != '-')
                continue;
            std::reverse(d.begin() + h, d.begin() + h + 8);   // still 8 base32 characters
        }
    }
    return d;
}

QByteArray source(const QString &spec)
{
    // FILE, FILE+FILE (one listing after the other), rehash:FILE
    if (spec.startsWith(QLatin1String("rehash:")))
        return rehashed(nftData(spec.mid(7)));
    QByteArray out;
    for (const QString &part : spec.split(QLatin1Char('+')))
        out += nftData(part);
    return out;
}

/** One line per difference: "+table T", "-chain KEY", "~chain KEY FIELD a -> b", "+ RULE", "~ A => B", "+element SET KEY : DATA". */
QStringList nftDifferences(const NftDiffResult &d)
{
    QStringList out;
    for (const NftTablePair &t : d.tables)
        if (t.left < 0 || t.right < 0)
            out << (t.left < 0 ? QStringLiteral("+table ") : QStringLiteral("-table ")) + t.title;
    for (const NftChainPair &c : d.chains)
        if (c.left < 0 || c.right < 0)
            out << (c.left < 0 ? QStringLiteral("+chain ") : QStringLiteral("-chain ")) + c.key;
    for (const NftChainChange &c : d.chainChanges)
        out << QStringLiteral("~chain %1 %2 %3 -> %4").arg(d.chains[size_t(c.pair)].key, QLatin1String(NftChainChange::fieldName(c.field)), c.left, c.right);
    for (const NftRuleDiff &r : d.rules) {
        if (r.kind == RuleDiff::OnlyLeft) out << QStringLiteral("- ") + r.leftText;
        if (r.kind == RuleDiff::OnlyRight) out << QStringLiteral("+ ") + r.rightText;
        if (r.kind == RuleDiff::Changed) out << QStringLiteral("~ ") + r.leftText + QStringLiteral(" => ") + r.rightText;
    }
    for (const NftSetPair &s : d.sets) {
        if (s.left < 0 || s.right < 0)
            out << (s.left < 0 ? QStringLiteral("+set ") : QStringLiteral("-set ")) + s.key;
        if (s.typeChanged())
            out << QStringLiteral("~set %1 type %2 -> %3").arg(s.key, s.leftType, s.rightType);
    }
    for (const NftElementDiff &e : d.elements) {
        const QString set = d.sets[size_t(e.set)].key;
        if (e.kind == RuleDiff::OnlyLeft || e.kind == RuleDiff::OnlyRight) {
            const QString &data = e.kind == RuleDiff::OnlyLeft ? e.leftData : e.rightData;
            out << (e.kind == RuleDiff::OnlyLeft ? QStringLiteral("-element ") : QStringLiteral("+element ")) + set + QLatin1Char(' ') + e.key
                            + (data.isEmpty() ? QString() : QStringLiteral(" : ") + data);
        } else {
            out << QStringLiteral("~element %1 %2 : %3 -> %4").arg(set, e.key, e.leftData, e.rightData);
        }
    }
    return out;
}
} // namespace

void TstDiff::nftDiffs_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<QStringList>("expected");
    // `firewall-cmd --add-port=8080/tcp`, listed again with `nft -a` (handles are not the rules).
    QTest::newRow("firewalld --add-port") << "diff/firewalld-before.nft" << "diff/firewalld-after.nft"
                                          << QStringList{QStringLiteral("+ tcp dport 8080 accept")};
    QTest::newRow("firewalld --remove-port") << "diff/firewalld-after.nft" << "diff/firewalld-before.nft"
                                             << QStringList{QStringLiteral("- tcp dport 8080 accept")};
    QTest::newRow("same listing") << "diff/kube-proxy-before.nft" << "diff/kube-proxy-before.nft" << QStringList();
    // Every chain renamed by its hash: kube-proxy's chains pair by service and endpoint, the
    // jumps, gotos and vmap elements name them by key.
    QTest::newRow("kube-proxy hashes only") << "diff/kube-proxy-before.nft" << "rehash:diff/kube-proxy-before.nft" << QStringList();
    // A web pod rescheduled (10.244.1.5 -> 10.244.1.9) and shop/cart added, every hash different.
    QTest::newRow("kube-proxy service and endpoint")
            << "diff/kube-proxy-before.nft" << "diff/kube-proxy-after.nft"
            << QStringList{
                   QStringLiteral("-chain endpoint default/web/tcp/http__10.244.1.5/8080"),
                   QStringLiteral("+chain endpoint default/web/tcp/http__10.244.1.9/8080"),
                   QStringLiteral("+chain service shop/cart/tcp/http"),
                   QStringLiteral("+chain endpoint shop/cart/tcp/http__10.244.2.11/8080"),
                   QStringLiteral("~ numgen random mod 2 vmap { 0 : goto <endpoint default/web/tcp/http__10.244.1.5/8080>, 1 : goto "
                                  "<endpoint default/web/tcp/http__10.244.2.7/8080> } => numgen random mod 2 vmap { 0 : goto "
                                  "<endpoint default/web/tcp/http__10.244.1.9/8080>, 1 : goto <endpoint default/web/tcp/http__10.244.2.7/8080> }"),
                   QStringLiteral("- ip saddr 10.244.1.5 jump mark-for-masquerade"),
                   QStringLiteral("- meta l4proto tcp dnat to 10.244.1.5:8080"),
                   QStringLiteral("+ ip saddr 10.244.1.9 jump mark-for-masquerade"),
                   QStringLiteral("+ meta l4proto tcp dnat to 10.244.1.9:8080"),
                   QStringLiteral("+ ip daddr 10.96.88.3 tcp dport 80 ip saddr != 10.244.0.0/16 jump mark-for-masquerade"),
                   QStringLiteral("+ numgen random mod 1 vmap { 0 : goto <endpoint shop/cart/tcp/http__10.244.2.11/8080> }"),
                   QStringLiteral("+ ip saddr 10.244.2.11 jump mark-for-masquerade"),
                   QStringLiteral("+ meta l4proto tcp dnat to 10.244.2.11:8080"),
                   QStringLiteral("+element cluster-ips 10.96.88.3"),
                   QStringLiteral("+element service-ips 10.96.88.3 . tcp . 80 : goto <service shop/cart/tcp/http>"),
               };
    // Input policy turned to drop, an address allowed SSH, a forward moved, srcnat + 10;
    // every counter grew, which is no difference.
    QTest::newRow("host policy, set element, map data")
            << "diff/host-before.nft" << "diff/host-after.nft"
            << QStringList{
                   QStringLiteral("~chain input policy accept -> drop"),
                   QStringLiteral("~chain postrouting priority srcnat -> srcnat + 10"),
                   QStringLiteral("+element ssh_allowed 198.51.100.20"),
                   QStringLiteral("~element port_zone 443 : 10.0.0.80 -> 10.0.0.81"),
               };
    // firewalld started on the host: one table more, one difference (its contents are not listed).
    QTest::newRow("table on one side") << "diff/host-before.nft" << "diff/host-before.nft+diff/firewalld-before.nft"
                                       << QStringList{QStringLiteral("+table inet firewalld")};
}

void TstDiff::nftDiffs()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(QStringList, expected);
    const QByteArray a = source(left), b = source(right);
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    if (right.startsWith(QLatin1String("rehash:")))
        QVERIFY(a != b);   // the copy really has other names
    const Ruleset ra = DumpParser::parse(a, QStringLiteral("left.nft")), rb = DumpParser::parse(b, QStringLiteral("right.nft"));
    QVERIFY(ra.nft && rb.nft);
    QVERIFY2(ra.diagnostics.empty(), qPrintable(ra.diagnostics.empty() ? QString() : ra.diagnostics.front().toString()));
    QVERIFY2(rb.diagnostics.empty(), qPrintable(rb.diagnostics.empty() ? QString() : rb.diagnostics.front().toString()));
    const NftDiffResult d = NftDiff::compare(*ra.nft, *rb.nft);
    QCOMPARE(nftDifferences(d), expected);
    QCOMPARE(d.differences(), int(expected.size()));
    // The iptables diff sees none of it: the dumps have no iptables tables.
    QCOMPARE(Diff::compare(ra, rb).differences(), 0);
}

void TstDiff::nftJson()
{
    // nft -j: a ClusterIP added to cluster-ips, endpoint B's pod moved, the service chain
    // rehashed and the counters and handles changed (no differences).
    const QByteArray before = nftData(QStringLiteral("kube-proxy.json"));
    QByteArray after = before;
    after.replace("\"elem\": [\"10.96.0.1\", \"10.108.94.160\"]", "\"elem\": [\"10.96.0.1\", \"10.108.94.160\", \"10.96.0.50\"]");
    after.replace("\"addr\": \"10.224.2.16\"", "\"addr\": \"10.224.2.18\"");
    after.replace("ULMVA6XW", "WX6AVMLU");
    after.replace("{\"counter\": {\"packets\": 3, \"bytes\": 180}}", "{\"counter\": {\"packets\": 9, \"bytes\": 540}}");
    after.replace("\"handle\": 39,", "\"handle\": 139,");
    for (const char *edit : {"\"10.96.0.50\"", "10.224.2.18", "WX6AVMLU", "\"packets\": 9", "\"handle\": 139,"})
        QVERIFY2(after.contains(edit), edit);   // each edit took
    QVERIFY(!after.contains("ULMVA6XW"));
    const Ruleset ra = DumpParser::parse(before, QStringLiteral("a.json")), rb = DumpParser::parse(after, QStringLiteral("b.json"));
    QVERIFY(ra.nft && rb.nft);
    const NftDiffResult d = NftDiff::compare(*ra.nft, *rb.nft);
    const QStringList lines = nftDifferences(d);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].startsWith(QLatin1String("~ ")) && lines[0].section(QLatin1String(" => "), 0, 0).contains(QLatin1String("10.224.2.16")),
             qPrintable(lines[0]));
    QVERIFY2(lines[0].section(QLatin1String(" => "), 1).contains(QLatin1String("10.224.2.18")), qPrintable(lines[0]));
    QCOMPARE(lines[1], QStringLiteral("+element cluster-ips 10.96.0.50"));
    QCOMPARE(d.differences(), 2);
}

void TstDiff::nftElementCap()
{
    // A set that gained 250 addresses: 20 listed, all counted.
    const auto listing = [](int n) {
        QByteArray s = "table inet filter {\n\tset blocked {\n\t\ttype ipv4_addr\n\t\telements = { 192.0.2.1";
        for (int i = 0; i < n; ++i)
            s += ", 198.51." + QByteArray::number(100 + i / 200) + '.' + QByteArray::number(i % 200 + 1);
        return s + " }\n\t}\n\tchain input {\n\t\ttype filter hook input priority filter; policy accept;\n"
                   "\t\tip saddr @blocked drop\n\t}\n}\n";
    };
    const Ruleset a = DumpParser::parse(listing(0), QStringLiteral("a.nft")), b = DumpParser::parse(listing(250), QStringLiteral("b.nft"));
    QVERIFY(a.nft && b.nft && a.diagnostics.empty() && b.diagnostics.empty());
    NftDiffOptions o;
    const NftDiffResult d = NftDiff::compare(*a.nft, *b.nft, o);
    QCOMPARE(int(d.elements.size()), o.elementLimit);
    QCOMPARE(d.elements.front().key, QStringLiteral("198.51.100.1"));
    QCOMPARE(d.sets.size(), size_t(1));
    QCOMPARE(d.sets[0].added, 250);
    QCOMPARE(d.differences(), 250);
    o.elementLimit = 1000;
    QCOMPARE(int(NftDiff::compare(*b.nft, *a.nft, o).elements.size()), 250);
    QCOMPARE(NftDiff::compare(*b.nft, *a.nft, o).sets[0].removed, 250);
}

QTEST_GUILESS_MAIN(TstDiff)
#include "tst_diff.moc"
