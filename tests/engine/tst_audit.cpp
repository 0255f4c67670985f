// The audit (issue 19): the incident's flows and their fates, the deciding rules, what a fix
// changes for the whole cluster, two snapshots compared (engine and chainscope-cli), threads,
// cancel, NodePorts on a generated cluster and the KUBE-NODEPORTS index.
#include "audit.h"
#include "explain.h"
#include "kubegen.h"
#include "scenario.h"
#include "simulator.h"
#include "whatif.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace chainscope;

namespace {

int targetByKey(const Scenario &sc, const AuditResult &r, const QString &key)
{
    for (size_t i = 0; i < r.targets.size(); ++i)
        if (r.targets[i].key(sc) == key)
            return int(i);
    return -1;
}

int sourceByKey(const Scenario &sc, const AuditResult &r, const QString &key)
{
    for (size_t i = 0; i < r.sources.size(); ++i)
        if (r.sources[i].key(sc) == key)
            return int(i);
    return -1;
}

Scenario withEdits(const Scenario &sc, const QStringList &inserts, const QStringList &policies)
{
    Scenario out = sc;
    for (const QString &a : inserts) {
        Edit e;
        QString error;
        if (!WhatIf::parseInsert(a, out, e, error) || !WhatIf::apply(out, e, error))
            qFatal("%s", qPrintable(error));
    }
    for (const QString &a : policies) {
        Edit e;
        QString error;
        if (!WhatIf::parsePolicy(a, out, e, error) || !WhatIf::apply(out, e, error))
            qFatal("%s", qPrintable(error));
    }
    return out;
}

bool copyFolder(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QString &f : QDir(from).entryList(QDir::Files)) {
        if (!QFile::copy(from + QLatin1Char('/') + f, to + QLatin1Char('/') + f))
            return false;
    }
    return true;
}

bool rewrite(const QString &file, const std::function<QByteArray(QByteArray)> &change)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray bytes = change(f.readAll());
    f.close();
    QFile::remove(file);   // copies from a read-only tree keep its permissions
    QFile o(file);
    return o.open(QIODevice::WriteOnly) && o.write(bytes) == bytes.size();
}

} // namespace

class TstAudit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void plan();
    void fates_data();
    void fates();
    void deciders();
    void fixes_data();
    void fixes();
    void snapshots();
    void cliAgainst();
    void cliJson();
    void threadsAgree();
    void cancel();
    void nodePorts();
    void portRunExplained();
    void nftMode();

private:
    std::optional<Scenario> m_sc;
    AuditResult m_audit;
};

void TstAudit::initTestCase()
{
    std::vector<Diagnostic> diags;
    m_sc = Scenario::load(QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/incident"), diags);
    QVERIFY(m_sc);
    m_audit = Audit::run(*m_sc);
    QVERIFY(!m_audit.cancelled);
}

void TstAudit::plan()
{
    const AuditResult &r = m_audit;
    QStringList sources;
    for (const AuditSource &s : r.sources)
        sources << s.key(*m_sc) + QLatin1Char('=') + s.address.toString() + QLatin1Char('@') + s.iface;
    QCOMPARE(sources.join(QLatin1Char(' ')),
             QStringLiteral("master=::@ master/pod=10.224.0.4@cni0 master/outside=192.168.56.254@eth0 "
                            "node01=::@ node01/pod=10.224.1.2@cni0 node01/outside=192.168.56.254@eth0 "
                            "node02=::@ node02/pod=10.224.2.2@cni0 node02/outside=192.168.56.254@eth0"));
    QStringList targets;
    for (const AuditTarget &t : r.targets)
        targets << t.key(*m_sc);
    QCOMPARE(targets.join(QLatin1Char(' ')),
             QStringLiteral("10.108.94.160:80/tcp 10.96.0.1:443/tcp 10.96.0.10:53/udp 10.96.0.10:53/tcp 10.96.0.10:9153/tcp "
                            "10.97.195.35:8000/tcp 10.111.207.171:443/tcp pod:master pod:node01 pod:node02"));
    QCOMPARE(r.targets.front().name, QStringLiteral("nginx-test/nginx-service"));
    QCOMPARE(r.targets.front().endpoints, 2);
    // 7 services from 6 sources, 3 pods from 3 hosts, 2 other pods and their node's outside
    QCOMPARE(int(r.flows.size()), 7 * 6 + 3 * (3 + 2 + 1));
    QCOMPARE(r.branchCount(), 84);
    // no flow from outside to a ClusterIP
    QCOMPARE(r.cellFate(0, sourceByKey(*m_sc, r, QStringLiteral("node02/outside"))), Fate::NotApplicable);
}

void TstAudit::fates_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("fate");
    QTest::addColumn<QString>("decider");   // of the first branch that does not deliver
    // The incident: master's connection to the ClusterIP dies on both endpoints' nodes.
    QTest::newRow("master -> nginx") << "10.108.94.160:80/tcp" << "master" << int(Fate::None) << "node01 filter:FORWARD policy DROP";
    // node02's host reaches its own endpoint (OUTPUT to cni0), not node01's
    QTest::newRow("node02 -> nginx") << "10.108.94.160:80/tcp" << "node02" << int(Fate::Some) << "node01 filter:FORWARD policy DROP";
    QTest::newRow("node01 -> nginx") << "10.108.94.160:80/tcp" << "node01" << int(Fate::Some) << "node02 filter:FORWARD policy DROP";
    // a pod's own node forwards it, and drops it there
    QTest::newRow("node02 pod -> nginx") << "10.108.94.160:80/tcp" << "node02/pod" << int(Fate::None) << "node02 filter:FORWARD policy DROP";
    // the API server: master accepts locally; from the other hosts over eth0
    QTest::newRow("master -> kubernetes") << "10.96.0.1:443/tcp" << "master" << int(Fate::All) << "";
    QTest::newRow("node01 -> kubernetes") << "10.96.0.1:443/tcp" << "node01" << int(Fate::All) << "";
    QTest::newRow("node01 pod -> kubernetes") << "10.96.0.1:443/tcp" << "node01/pod" << int(Fate::None) << "node01 filter:FORWARD policy DROP";
    // kube-dns runs on master: from master's host over cni0, from the others forwarded by master
    QTest::newRow("master -> dns") << "10.96.0.10:53/udp" << "master" << int(Fate::All) << "";
    QTest::newRow("node02 -> dns") << "10.96.0.10:53/udp" << "node02" << int(Fate::None) << "master filter:FORWARD policy DROP";
    QTest::newRow("master -> pod on node02") << "pod:node02" << "master" << int(Fate::None) << "node02 filter:FORWARD policy DROP";
    QTest::newRow("node02 -> its pod") << "pod:node02" << "node02" << int(Fate::All) << "";
    QTest::newRow("outside -> pod on node02") << "pod:node02" << "node02/outside" << int(Fate::None) << "node02 filter:FORWARD policy DROP";
}

void TstAudit::fates()
{
    QFETCH(QString, target);
    QFETCH(QString, source);
    QFETCH(int, fate);
    QFETCH(QString, decider);
    const int t = targetByKey(*m_sc, m_audit, target);
    const int s = sourceByKey(*m_sc, m_audit, source);
    QVERIFY(t >= 0 && s >= 0);
    QCOMPARE(int(m_audit.cellFate(t, s)), fate);
    const std::vector<int> flows = m_audit.cellFlows(t, s);
    QCOMPARE(int(flows.size()), 1);
    QString first;
    for (const AuditBranch &b : m_audit.flows[size_t(flows.front())].branches) {
        if (!b.ok()) {
            QVERIFY(b.decider >= 0);
            first = m_audit.deciders[size_t(b.decider)].text(*m_sc);
            break;
        }
    }
    QCOMPARE(first, decider);
}

void TstAudit::deciders()
{
    // Every failure of the incident is one of three FORWARD policies, most branches first.
    QStringList texts;
    int total = 0;
    for (const AuditDecider &d : m_audit.deciders) {
        texts << QStringLiteral("%1 %2").arg(d.branches).arg(d.text(*m_sc));
        total += d.branches;
    }
    QCOMPARE(texts.join(QLatin1String("; ")), QStringLiteral("27 master filter:FORWARD policy DROP; "
                                                             "20 node01 filter:FORWARD policy DROP; "
                                                             "20 node02 filter:FORWARD policy DROP"));
    int failing = 0;
    for (const AuditFlow &f : m_audit.flows)
        for (const AuditBranch &b : f.branches)
            failing += !b.ok();
    QCOMPARE(total, failing);
}

void TstAudit::fixes_data()
{
    QTest::addColumn<QStringList>("inserts");
    QTest::addColumn<QStringList>("policies");
    QTest::addColumn<QString>("counts");    // fixed opened broken changed added removed
    QTest::addColumn<QStringList>("opened");
    // Docker's way on both workers: the flows into their pods over flannel; nothing from outside
    QTest::newRow("fix 3") << QStringList{QStringLiteral("node01:filter:DOCKER-USER:1:-i flannel.1 -o cni0 -j ACCEPT"),
                                          QStringLiteral("node02:filter:DOCKER-USER:1:-i flannel.1 -o cni0 -j ACCEPT")}
                           << QStringList() << "11 0 0 0 0 0" << QStringList();
    // The author's fix on node02 only: what enters node02 by flannel.1 for its pods
    QTest::newRow("fix 2, node02") << QStringList{QStringLiteral("node02:filter:FORWARD:15:-i flannel.1 -d 10.224.2.0/24 -j ACCEPT")}
                                   << QStringList() << "6 0 0 0 0 0" << QStringList();
    // Policy ACCEPT fixes more and opens the workers' pods to the LAN: the blast radius
    QTest::newRow("fix 1") << QStringList()
                           << QStringList{QStringLiteral("node01:filter:FORWARD:ACCEPT"), QStringLiteral("node02:filter:FORWARD:ACCEPT")}
                           << "21 2 0 0 0 0"
                           << QStringList{QStringLiteral("node01/outside|pod:node01"), QStringLiteral("node02/outside|pod:node02")};
    // A DROP in front of everything breaks what worked
    QTest::newRow("breaks") << QStringList{QStringLiteral("node02:filter:OUTPUT:1:-o cni0 -j DROP")} << QStringList()
                            << "0 0 1 0 0 0" << QStringList();
}

void TstAudit::fixes()
{
    QFETCH(QStringList, inserts);
    QFETCH(QStringList, policies);
    QFETCH(QString, counts);
    QFETCH(QStringList, opened);
    const Scenario after = withEdits(*m_sc, inserts, policies);
    const AuditResult r = Audit::run(after);
    const std::vector<AuditChange> changes = Audit::compare(*m_sc, m_audit, after, r);
    int n[6] = {0, 0, 0, 0, 0, 0};
    QStringList open;
    for (const AuditChange &c : changes) {
        ++n[c.kind];
        if (c.kind == AuditChange::Opened) {
            const AuditFlow &f = r.flows[size_t(c.after)];
            open << r.sources[size_t(f.source)].key(after) + QLatin1Char('|') + r.targets[size_t(f.target)].key(after);
        }
        if (c.kind == AuditChange::Fixed)
            QVERIFY(c.fateBefore != Fate::All);
    }
    QCOMPARE(QStringLiteral("%1 %2 %3 %4 %5 %6").arg(n[0]).arg(n[1]).arg(n[2]).arg(n[3]).arg(n[4]).arg(n[5]), counts);
    QCOMPARE(open, opened);
}

void TstAudit::snapshots()
{
    // Two snapshots of the cluster: after an "upgrade" node02's FORWARD policy is ACCEPT and
    // the metrics scraper's service is gone (from every node).
    Scenario b = withEdits(*m_sc, {}, {QStringLiteral("node02:filter:FORWARD:ACCEPT")});
    for (Node &n : b.nodes) {
        Table &nat = n.rules.table(TableId::Nat);
        Chain &svc = nat.chains[size_t(nat.chainIndex("KUBE-SERVICES"))];
        const auto before = svc.rules.size();
        std::erase_if(svc.rules, [](const Rule &r) { return r.text.find("10.97.195.35") != std::string_view::npos; });
        QCOMPARE(svc.rules.size(), before - 1);
        n.rules.link();
    }
    const AuditResult rb = Audit::run(b);
    const std::vector<AuditChange> changes = Audit::compare(*m_sc, m_audit, b, rb);
    QStringList removed;
    int opened = 0, fixed = 0, added = 0;
    for (const AuditChange &c : changes) {
        if (c.kind == AuditChange::Removed) {
            const AuditFlow &f = m_audit.flows[size_t(c.before)];
            removed << m_audit.targets[size_t(f.target)].key(*m_sc);
            QCOMPARE(c.after, -1);
        }
        opened += c.kind == AuditChange::Opened;
        fixed += c.kind == AuditChange::Fixed;
        added += c.kind == AuditChange::Added;
    }
    removed.removeDuplicates();
    QCOMPARE(removed, QStringList{QStringLiteral("10.97.195.35:8000/tcp")});
    QCOMPARE(opened, 1);    // the LAN into node02's pods
    QCOMPARE(added, 0);
    QVERIFY(fixed > 0);
    // The same snapshot against itself: nothing changed
    QVERIFY(Audit::compare(*m_sc, m_audit, *m_sc, Audit::run(*m_sc)).empty());
}

void TstAudit::cliAgainst()
{
    // chainscope-cli audit A --against B on two folders: the flows whose fate changed.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString a = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/incident");
    const QString b = tmp.path() + QStringLiteral("/after");
    QVERIFY(copyFolder(a, b));
    QVERIFY(rewrite(b + QStringLiteral("/node02.rules"), [](QByteArray s) { return s.replace(":FORWARD DROP", ":FORWARD ACCEPT"); }));
    for (const char *n : {"master", "node01", "node02"}) {
        QVERIFY(rewrite(b + QLatin1Char('/') + QLatin1String(n) + QStringLiteral(".rules"), [](QByteArray s) {
            QList<QByteArray> lines = s.split('\n');
            lines.removeIf([](const QByteArray &l) { return l.contains("-A KUBE-SERVICES -d 10.97.195.35/32"); });
            return lines.join('\n');
        }));
    }
    QProcess p;
    p.start(QStringLiteral(CHAINSCOPE_CLI), {QStringLiteral("audit"), a, QStringLiteral("--against"), b, QStringLiteral("--json")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QVERIFY(!o.isEmpty());
    QMap<QString, int> kinds;
    for (const QJsonValue &v : o.value(QStringLiteral("changes")).toArray()) {
        const QJsonObject c = v.toObject();
        ++kinds[c.value(QStringLiteral("kind")).toString()];
        if (c.value(QStringLiteral("kind")).toString() == QLatin1String("removed"))
            QCOMPARE(c.value(QStringLiteral("target")).toString(), QStringLiteral("10.97.195.35:8000/tcp"));
        if (c.value(QStringLiteral("kind")).toString() == QLatin1String("opened")) {
            QCOMPARE(c.value(QStringLiteral("source")).toString(), QStringLiteral("node02/outside"));
            QCOMPARE(c.value(QStringLiteral("target")).toString(), QStringLiteral("pod:node02"));
        }
    }
    QCOMPARE(kinds.value(QStringLiteral("removed")), 6);   // 3 hosts + 3 pods to the scraper
    QCOMPARE(kinds.value(QStringLiteral("opened")), 1);
    QCOMPARE(kinds.value(QStringLiteral("broken")), 0);
    QVERIFY(kinds.value(QStringLiteral("fixed")) > 0);
    // the text form names the groups
    QProcess t;
    t.start(QStringLiteral(CHAINSCOPE_CLI), {QStringLiteral("audit"), a, QStringLiteral("--against"), b, QStringLiteral("--lang"), QStringLiteral("en")});
    QVERIFY(t.waitForFinished(60000));
    const QString out = QString::fromUtf8(t.readAllStandardOutput());
    QVERIFY2(out.contains(QStringLiteral("newly opened (from outside the cluster):")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("gone:")), qPrintable(out));
}

void TstAudit::cliJson()
{
    QProcess p;
    p.start(QStringLiteral(CHAINSCOPE_CLI), {QStringLiteral("audit"), QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/incident"),
                                             QStringLiteral("--json"), QStringLiteral("--insert"),
                                             QStringLiteral("node02:filter:DOCKER-USER:1:-i flannel.1 -o cni0 -j ACCEPT")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(o.value(QStringLiteral("flows")).toArray().size(), 60);
    const QJsonObject first = o.value(QStringLiteral("flows")).toArray().first().toObject();
    QCOMPARE(first.value(QStringLiteral("source")).toString(), QStringLiteral("master"));
    QCOMPARE(first.value(QStringLiteral("target")).toString(), QStringLiteral("10.108.94.160:80/tcp"));
    QCOMPARE(first.value(QStringLiteral("packet")).toObject().value(QStringLiteral("dst")).toString(), QStringLiteral("10.108.94.160"));
    QCOMPARE(first.value(QStringLiteral("branches")).toArray().size(), 2);
    const QJsonArray changes = o.value(QStringLiteral("changes")).toArray();
    QVERIFY(!changes.isEmpty());
    for (const QJsonValue &c : changes)
        QCOMPARE(c.toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("fixed"));
    // refused edits say so as trace does
    QProcess bad;
    bad.start(QStringLiteral(CHAINSCOPE_CLI), {QStringLiteral("audit"), QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/incident"),
                                               QStringLiteral("--policy"), QStringLiteral("node02:filter:NOPE:ACCEPT")});
    QVERIFY(bad.waitForFinished(60000));
    QCOMPARE(bad.exitCode(), 1);
}

void TstAudit::threadsAgree()
{
    AuditOptions one;
    one.threads = 1;
    AuditOptions two;
    two.threads = 2;
    const AuditResult a = Audit::run(*m_sc, one);
    const AuditResult b = Audit::run(*m_sc, two);
    QCOMPARE(a.flows.size(), b.flows.size());
    for (size_t i = 0; i < a.flows.size(); ++i) {
        QCOMPARE(a.flows[i].fate, b.flows[i].fate);
        QCOMPARE(a.flows[i].branches.size(), b.flows[i].branches.size());
    }
    QCOMPARE(a.deciders.size(), b.deciders.size());
}

void TstAudit::cancel()
{
    AuditOptions o;
    o.threads = 1;
    int calls = 0;
    o.progress = [&](qint64, qint64) { return ++calls < 1; };
    KubeGen::Options k;
    k.services = 300;
    k.nodes = 3;
    QTemporaryDir tmp;
    KubeGen gen(k);
    QVERIFY(gen.writeScenario(tmp.path()));
    std::vector<Diagnostic> diags;
    const auto sc = Scenario::load(tmp.path(), diags);
    QVERIFY(sc);
    const AuditResult r = Audit::run(*sc, o);
    QVERIFY(r.cancelled);
    QVERIFY(calls >= 1);
}

void TstAudit::nodePorts()
{
    KubeGen::Options k;
    k.services = 40;
    k.endpoints = 3;
    k.nodes = 3;
    QTemporaryDir tmp;
    KubeGen gen(k);
    QVERIFY(gen.writeScenario(tmp.path()));
    std::vector<Diagnostic> diags;
    const auto sc = Scenario::load(tmp.path(), diags);
    QVERIFY(sc);
    const AuditResult r = Audit::run(*sc);
    int services = 0, nodePorts = 0;
    for (const AuditTarget &t : r.targets) {
        services += t.kind == AuditTarget::Service;
        nodePorts += t.kind == AuditTarget::NodePort;
        if (t.kind != AuditTarget::Pod)
            QCOMPARE(t.endpoints, t.name == QLatin1String("default/kubernetes:https") ? 3 : 3);
    }
    QCOMPARE(services, 40);
    QCOMPARE(nodePorts, 13);    // every third service (i % 3 == 1)
    // a healthy generated cluster: everything delivers, every endpoint is a branch
    for (const AuditFlow &f : r.flows) {
        QCOMPARE(f.fate, Fate::All);
        if (r.targets[size_t(f.target)].kind != AuditTarget::Pod)
            QCOMPARE(int(f.branches.size()), 3);
    }
    // NodePort flows: each host and pod to each node's address, outside to its own node
    const int np = targetByKey(*sc, r, QStringLiteral("nodeport:30000/tcp"));
    QVERIFY(np >= 0);
    QCOMPARE(int(r.cellFlows(np, sourceByKey(*sc, r, QStringLiteral("node1"))).size()), 3);
    QCOMPARE(int(r.cellFlows(np, sourceByKey(*sc, r, QStringLiteral("node2/outside"))).size()), 1);
}

void TstAudit::portRunExplained()
{
    // KUBE-NODEPORTS with many ports is indexed: a trace skips to the rules of its port, and
    // says so in one range step.
    KubeGen::Options k;
    k.services = 120;
    k.nodes = 2;
    QTemporaryDir tmp;
    KubeGen gen(k);
    QVERIFY(gen.writeScenario(tmp.path()));
    std::vector<Diagnostic> diags;
    const auto sc = Scenario::load(tmp.path(), diags);
    QVERIFY(sc);
    const Chain &np = sc->nodes[0].rules.table(TableId::Nat).chains[size_t(sc->nodes[0].rules.table(TableId::Nat).chainIndex("KUBE-NODEPORTS"))];
    QCOMPARE(int(np.portRuns.size()), 1);
    QCOMPARE(np.portRuns.front().end - np.portRuns.front().begin, 80);
    PacketSpec p;
    p.fromNode = QStringLiteral("node1");
    p.dst = *Address::parse("192.168.0.21");
    p.dport = 30020;
    const Trace t = Simulator::trace(*sc, p);
    QVERIFY(!t.branches.empty());
    const Branch &b = t.branches.front();
    bool range = false;
    for (const Step &s : b.steps) {
        if (s.kind == Step::RuleRange && sc->nodes[s.node].rules.table(s.table).chains[size_t(s.chain)].name == "KUBE-NODEPORTS") {
            range = true;
            QVERIFY2(Explain::stepLine(*sc, b, s).contains(QStringLiteral("destination port 30020 is none of their 40 ports")),
                     qPrintable(Explain::stepLine(*sc, b, s)));
        }
    }
    QVERIFY(range);
    QCOMPARE(b.verdict.kind, Verdict::Delivered);
}


void TstAudit::nftMode()
{
    // kube-proxy's nft mode: services from the service-ips and service-nodeports maps, endpoints
    // from the endpoint-* chains, failures named by the nft chain that decided.
    const QString src = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/tests/data/nft/incident");
    QTemporaryDir tmp;
    for (const QString &f : QDir(src).entryList(QDir::Files))
        QVERIFY(QFile::copy(src + QLatin1Char('/') + f, tmp.filePath(f)));
    QFile node02(tmp.filePath(QStringLiteral("node02.nft")));
    QVERIFY(node02.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(node02.readAll());
    node02.close();
    const QString np = QStringLiteral("comment \"NodePort traffic\"\n");
    QVERIFY(text.contains(np));
    text.replace(np, np + QStringLiteral("\t\telements = { tcp . 30080 : goto service-ULMVA6XW-default/nginx/tcp/ }\n"));
    QVERIFY(node02.open(QIODevice::WriteOnly | QIODevice::Truncate));
    node02.write(text.toUtf8());
    node02.close();

    std::vector<Diagnostic> diags;
    const auto sc = Scenario::load(tmp.path(), diags);
    QVERIFY(sc);
    const AuditResult r = Audit::run(*sc);
    QStringList targets;
    for (const AuditTarget &t : r.targets) {
        if (t.kind != AuditTarget::Pod)
            targets << QStringLiteral("%1=%2x%3").arg(t.key(*sc), t.name).arg(t.endpoints);
    }
    QCOMPARE(targets.join(QLatin1Char(' ')),
             QStringLiteral("10.96.0.1:443/tcp=default/kubernetes:httpsx1 10.96.0.10:53/udp=kube-system/kube-dns:dnsx1 "
                            "10.108.94.160:80/tcp=default/nginxx2 nodeport:30080/tcp=default/nginxx2"));
    // the endpoints are not taken as client pods
    for (const AuditSource &s : r.sources)
        QVERIFY(s.address != Address::parse("10.224.2.16") && s.address != Address::parse("10.224.0.2"));
    QStringList deciders;
    for (const AuditDecider &d : r.deciders)
        deciders << d.text(*sc);
    QVERIFY2(!deciders.isEmpty() && deciders.front().contains(QLatin1String("ip filter:FORWARD policy DROP")),
             qPrintable(deciders.join(QLatin1String("; "))));
    // the ClusterIP from master's host: the endpoint on node02 is dropped by node02's FORWARD
    const int nginx = targetByKey(*sc, r, QStringLiteral("10.108.94.160:80/tcp"));
    QCOMPARE(r.cellFate(nginx, sourceByKey(*sc, r, QStringLiteral("master"))), Fate::Some);
}

QTEST_GUILESS_MAIN(TstAudit)
#include "tst_audit.moc"
