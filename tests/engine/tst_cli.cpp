// chainscope-cli as scripts use it: exit codes, FILE:LINE:COL errors, the JSON contract.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TstCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void traceJsonContract();
    void whatIfFix();
    void badArguments_data();
    void badArguments();
    void malformedDumpNamesLine();
    void parseGroupsWarnings();
    void inputIsNeverWritten();
    void affinityAndIpsets();
    void bridgedNode_data();
    void bridgedNode();
    void diffSaysTheFamily();
    void diffNft();
    void diffMixedNode();
    void helpAndTextAgainstJson();

private:
    struct Result
    {
        int code = -1;
        QByteArray out, err;
    };
    Result run(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(CHAINSCOPE_CLI), args);
        p.waitForFinished(60000);
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    const QString m_incident = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/incident");
};

void TstCli::traceJsonContract()
{
    const Result r = run({QStringLiteral("trace"), m_incident, QStringLiteral("--from"), QStringLiteral("master"),
                          QStringLiteral("--dst"), QStringLiteral("10.108.94.160"), QStringLiteral("--dport"), QStringLiteral("80"),
                          QStringLiteral("--json")});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const QJsonArray branches = o.value(QLatin1String("branches")).toArray();
    QCOMPARE(branches.size(), 2);
    for (const QJsonValue &bv : branches) {
        const QJsonObject b = bv.toObject();
        QCOMPARE(b.value(QLatin1String("probability")).toDouble(), 0.5);
        const QJsonObject v = b.value(QLatin1String("verdict")).toObject();
        QCOMPARE(v.value(QLatin1String("kind")).toString(), QStringLiteral("drop"));
        QCOMPARE(v.value(QLatin1String("table")).toString(), QStringLiteral("filter"));
        QCOMPARE(v.value(QLatin1String("chain")).toString(), QStringLiteral("FORWARD"));
        QCOMPARE(v.value(QLatin1String("rule")).toInt(), 0);
        QCOMPARE(v.value(QLatin1String("reason")).toString(), QStringLiteral("policy"));
        // every evaluated rule is a step; those that did not match say why
        bool sawWhyNot = false;
        for (const QJsonValue &sv : b.value(QLatin1String("steps")).toArray()) {
            const QJsonObject s = sv.toObject();
            if (s.value(QLatin1String("kind")).toString() == QLatin1String("rule") && !s.value(QLatin1String("matched")).toBool()) {
                QVERIFY(!s.value(QLatin1String("why_not")).toString().isEmpty());
                sawWhyNot = true;
            }
        }
        QVERIFY(sawWhyNot);
    }
    QCOMPARE(branches[1].toObject().value(QLatin1String("verdict")).toObject().value(QLatin1String("node")).toString(),
             QStringLiteral("node02"));
}

void TstCli::whatIfFix()
{
    const Result r = run({QStringLiteral("trace"), m_incident, QStringLiteral("--from"), QStringLiteral("master"),
                          QStringLiteral("--dst"), QStringLiteral("10.224.2.16"), QStringLiteral("--dport"), QStringLiteral("80"),
                          QStringLiteral("--insert"), QStringLiteral("node02:filter:DOCKER-USER:1:-i flannel.1 -o cni0 -j ACCEPT"),
                          QStringLiteral("--json")});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QLatin1String("branches")).toArray().first().toObject().value(QLatin1String("verdict")).toObject()
                     .value(QLatin1String("kind")).toString(), QStringLiteral("delivered"));
    QCOMPARE(o.value(QLatin1String("before")).toArray().first().toObject().value(QLatin1String("verdict")).toObject()
                     .value(QLatin1String("kind")).toString(), QStringLiteral("drop"));
}

void TstCli::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("bad address") << QStringList{QStringLiteral("--dst"), QStringLiteral("10.1.2.300"), QStringLiteral("--dport"), QStringLiteral("80")}
                                 << QStringLiteral("--dst: expected an IPv4 or IPv6 address");
    QTest::newRow("bad port") << QStringList{QStringLiteral("--dst"), QStringLiteral("10.1.2.3"), QStringLiteral("--dport"), QStringLiteral("70000")}
                              << QStringLiteral("--dport: expected a number");
    QTest::newRow("invalid candidate") << QStringList{QStringLiteral("--dst"), QStringLiteral("10.1.2.3"), QStringLiteral("--dport"), QStringLiteral("80"),
                                                      QStringLiteral("--insert"), QStringLiteral("node02:filter:FORWARD:1:-p tcp --dport 99999 -j ACCEPT")}
                                       << QStringLiteral("--insert: column 16: invalid port/service \"99999\" specified");
    QTest::newRow("unknown node") << QStringList{QStringLiteral("--dst"), QStringLiteral("10.1.2.3"), QStringLiteral("--dport"), QStringLiteral("80"),
                                                 QStringLiteral("--policy"), QStringLiteral("node9:filter:FORWARD:ACCEPT")}
                                  << QStringLiteral("--policy: no node named \"node9\"");
    QTest::newRow("unknown --from lists the nodes")
            << QStringList{QStringLiteral("--from"), QStringLiteral("worker1"), QStringLiteral("--dst"), QStringLiteral("10.1.2.3"),
                           QStringLiteral("--dport"), QStringLiteral("80")}
            << QStringLiteral("--from: no node named \"worker1\" in the scenario; its nodes are: master, node01, node02");
}

void TstCli::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Result r = run(QStringList{QStringLiteral("trace"), m_incident, QStringLiteral("--from"), QStringLiteral("master")} + args);
    QCOMPARE(r.code, 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
}

void TstCli::malformedDumpNamesLine()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.rules"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 80 -j ACCEPT\n-A INPUT -s 10.0.0.300 -j DROP\nCOMMIT\n");
    f.close();
    const Result r = run({QStringLiteral("parse"), path});
    QCOMPARE(r.code, 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(path + QLatin1String(":4:13: host/network \"10.0.0.300\" not found")), r.err.constData());
}

void TstCli::parseGroupsWarnings()
{
    // A router's dump pasted from a forum (CRLF): MSS clamping and a TTL rule on every uplink.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("router.rules"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QByteArray text = "# Generated by iptables-save v1.8.7 on Sat Nov 28 21:04:19 2026\r\n*mangle\r\n:PREROUTING ACCEPT [0:0]\r\n"
                      ":INPUT ACCEPT [0:0]\r\n:FORWARD ACCEPT [0:0]\r\n:OUTPUT ACCEPT [0:0]\r\n:POSTROUTING ACCEPT [0:0]\r\n";
    for (int i = 0; i < 4; ++i)
        text += QStringLiteral("-A POSTROUTING -o wwan%1 -j TTL --ttl-set 65\r\n").arg(i).toLatin1();
    text += "-A FORWARD -o pppoe-wan -p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu\r\nCOMMIT\r\n";
    f.write(text);
    f.close();
    const Result r = run({QStringLiteral("parse"), path});
    QCOMPARE(r.code, 0);
    QCOMPARE(QString::fromUtf8(r.err),
             QStringLiteral("warning: 4 rules use target TTL: kept, the rules continue; what they change in the packet is not modelled; "
                            "first at %1:8\n"
                            "warning: 1 rule uses target TCPMSS: kept, the rule continues; what it changes in the packet is not modelled; "
                            "at %1:12\n").arg(path));
    const Result v = run({QStringLiteral("parse"), QStringLiteral("--verbose"), path});
    QCOMPARE(v.code, 0);
    const QStringList lines = QString::fromUtf8(v.err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines[1], path + QStringLiteral(":9:28: warning: target TTL: the rule continues; its change to the packet is not modelled"));

    // Errors stay FILE:LINE:COL: message, one each, with exit 1.
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Append));
    f.write("*filter\r\n:INPUT ACCEPT [0:0]\r\n-A INPUT -j DSCP --set-dscp 0x40\r\nCOMMIT\r\n");
    f.close();
    const Result e = run({QStringLiteral("parse"), path});
    QCOMPARE(e.code, 1);
    QVERIFY2(QString::fromUtf8(e.err).startsWith(path + QStringLiteral(":16:29: DSCP: bad value for option \"--set-dscp\", or out of range (0-63).\n")),
             e.err.constData());
}

void TstCli::inputIsNeverWritten()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("x.rules"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray text = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n";
    f.write(text);
    f.close();
    QCOMPARE(run({QStringLiteral("parse"), path}).code, 0);
    QCOMPARE(run({QStringLiteral("trace"), path, QStringLiteral("--from"), QStringLiteral("x"), QStringLiteral("--dst"),
                  QStringLiteral("1.2.3.4"), QStringLiteral("--dport"), QStringLiteral("80"), QStringLiteral("--policy"),
                  QStringLiteral("x:filter:INPUT:DROP")}).code, 0);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), text);
}

void TstCli::bridgedNode_data()
{
    QTest::addColumn<QByteArray>("sysctls");   // the node's "sysctls" in scenario.json
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("step");         // the bridge step's words
    QTest::addColumn<bool>("defaultsSaid");
    QTest::newRow("br_netfilter calls iptables")
            << QByteArray("\"node02.sysctl\"") << QStringLiteral("drop")
            << QStringLiteral("bridged on cni0: br_netfilter calls iptables (-i cni0, physdev-in veth1a2b3c4d)") << false;
    QTest::newRow("iptables not called")
            << QByteArray("{\"net.bridge.bridge-nf-call-iptables\": 0}") << QStringLiteral("delivered")
            << QStringLiteral("bridged on cni0: iptables not called (net.bridge.bridge-nf-call-iptables = 0): 10.224.2.16 from "
                              "veth1a2b3c4d to the port behind it") << false;   // the one sysctl consulted was given
    QTest::newRow("defaults: kubeadm's, said once")
            << QByteArray() << QStringLiteral("drop")
            << QStringLiteral("bridged on cni0: br_netfilter calls iptables (-i cni0, physdev-in veth1a2b3c4d)") << true;
}

void TstCli::bridgedNode()
{
    QFETCH(QByteArray, sysctls);
    QFETCH(QString, verdict);
    QFETCH(QString, step);
    QFETCH(bool, defaultsSaid);
    // The node02: a pod-to-pod packet across cni0 that FORWARD's policy drops when
    // br_netfilter shows it to iptables.
    QTemporaryDir dir;
    auto write = [&](const char *name, const QByteArray &text) {
        QFile f(dir.filePath(QLatin1String(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    };
    write("node02.rules", "# Generated by iptables-save v1.8.9 (nf_tables)\r\n*filter\r\n:INPUT ACCEPT [0:0]\r\n:FORWARD DROP [12:720]\r\n"
                          ":OUTPUT ACCEPT [0:0]\r\n-A FORWARD -s 10.224.0.0/16 -m physdev ! --physdev-is-bridged -j ACCEPT\r\nCOMMIT\r\n");
    write("node02.addr", "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
                         "2: eth0    inet 192.168.56.12/24 brd 192.168.56.255 scope global eth0\\       valid_lft forever preferred_lft forever\n"
                         "5: cni0    inet 10.224.2.1/24 brd 10.224.2.255 scope global cni0\\       valid_lft forever preferred_lft forever\n");
    write("node02.route", "default via 192.168.56.1 dev eth0\n10.224.2.0/24 dev cni0 proto kernel scope link src 10.224.2.1\n"
                          "192.168.56.0/24 dev eth0 proto kernel scope link src 192.168.56.12\n");
    write("node02.link.json", "[{\"ifindex\":5,\"ifname\":\"cni0\",\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\",\"LOWER_UP\"],\"mtu\":1450,"
                              "\"operstate\":\"UP\",\"linkmode\":\"DEFAULT\",\"group\":\"default\",\"link_type\":\"ether\"},"
                              "{\"ifindex\":6,\"link_index\":3,\"ifname\":\"veth1a2b3c4d\",\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\"],"
                              "\"mtu\":1450,\"master\":\"cni0\",\"operstate\":\"UP\",\"link_type\":\"ether\",\"link_netnsid\":0},"
                              "{\"ifindex\":7,\"link_index\":3,\"ifname\":\"veth9f8e7d6c\",\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\"],"
                              "\"mtu\":1450,\"master\":\"cni0\",\"operstate\":\"UP\",\"link_type\":\"ether\",\"link_netnsid\":1}]\n");
    write("node02.sysctl", "$ sudo sysctl -a 2>/dev/null | grep -E 'forward|bridge-nf|rp_filter|accept_local|route_localnet'\n"
                           "net.bridge.bridge-nf-call-ip6tables = 1\nnet.bridge.bridge-nf-call-iptables = 1\n"
                           "net.ipv4.conf.all.accept_local = 0\nnet.ipv4.conf.all.forwarding = 1\nnet.ipv4.conf.all.rp_filter = 0\n"
                           "net.ipv4.conf.all.route_localnet = 0\nnet.ipv4.conf.cni0.forwarding = 1\nnet.ipv4.conf.cni0.rp_filter = 2\n"
                           "net.ipv4.conf.default.accept_local = 0\nnet.ipv4.conf.default.rp_filter = 2\nnet.ipv4.ip_forward = 1\n");
    write("scenario.json", "{\"nodes\": [{\"name\": \"node02\", \"rules\": [\"node02.rules\"], \"addresses\": \"node02.addr\",\n"
                           "  \"routes\": \"node02.route\", \"links\": \"node02.link.json\""
                           + (sysctls.isEmpty() ? QByteArray() : ", \"sysctls\": " + sysctls) + "}]}\n");
    const Result r = run({QStringLiteral("trace"), dir.path(), QStringLiteral("--from"), QStringLiteral("node02:veth1a2b3c4d"),
                          QStringLiteral("--src"), QStringLiteral("10.224.2.15"), QStringLiteral("--dst"), QStringLiteral("10.224.2.16"),
                          QStringLiteral("--dport"), QStringLiteral("80"), QStringLiteral("--json")});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const QJsonArray branches = o.value(QLatin1String("branches")).toArray();
    QCOMPARE(branches.size(), 1);
    const QJsonObject b = branches.first().toObject();
    QCOMPARE(b.value(QLatin1String("verdict")).toObject().value(QLatin1String("kind")).toString(), verdict);
    QStringList texts;
    for (const QJsonValue &sv : b.value(QLatin1String("steps")).toArray())
        texts << sv.toObject().value(QLatin1String("text")).toString();
    QVERIFY2(texts.contains(step), qPrintable(texts.join(QLatin1Char('\n'))));
    int said = 0;
    for (const QJsonValue &w : o.value(QLatin1String("warnings")).toArray())
        said += w.toString().contains(QLatin1String("sysctls not given")) ? 1 : 0;
    QCOMPARE(said, defaultsSaid ? 1 : 0);
    // The text output names the step too.
    const Result text = run({QStringLiteral("trace"), dir.path(), QStringLiteral("--from"), QStringLiteral("node02:veth1a2b3c4d"),
                             QStringLiteral("--src"), QStringLiteral("10.224.2.15"), QStringLiteral("--dst"), QStringLiteral("10.224.2.16"),
                             QStringLiteral("--dport"), QStringLiteral("80")});
    QVERIFY(text.out.contains(step.toUtf8()));
}

void TstCli::affinityAndIpsets()
{
    // One kube node's iptables-save, pasted alone: session affinity and an ipset-guarded port.
    QTemporaryDir dir;
    const QString dump = dir.filePath(QStringLiteral("worker1.rules"));
    QFile f(dump);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# Generated by iptables-nft-save v1.8.9 (nf_tables) on Fri Dec  4 09:12:01 2026\r\n"
            "*nat\r\n:PREROUTING ACCEPT [0:0]\r\n:INPUT ACCEPT [0:0]\r\n:OUTPUT ACCEPT [0:0]\r\n:POSTROUTING ACCEPT [0:0]\r\n"
            ":KUBE-SERVICES - [0:0]\r\n:KUBE-SVC-STICKY - [0:0]\r\n:KUBE-SEP-AAAA - [0:0]\r\n:KUBE-SEP-BBBB - [0:0]\r\n"
            "-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\r\n"
            "-A KUBE-SERVICES -d 10.96.0.20/32 -p tcp -m comment --comment \"default/sticky cluster IP\" -m tcp --dport 80 -j KUBE-SVC-STICKY\r\n"
            "-A KUBE-SEP-AAAA -p tcp -m recent --set --name KUBE-SEP-AAAA --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.5:8080\r\n"
            "-A KUBE-SEP-BBBB -p tcp -m recent --set --name KUBE-SEP-BBBB --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.2.7:8080\r\n"
            "-A KUBE-SVC-STICKY -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-AAAA --mask 255.255.255.255 --rsource -j KUBE-SEP-AAAA\r\n"
            "-A KUBE-SVC-STICKY -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-BBBB --mask 255.255.255.255 --rsource -j KUBE-SEP-BBBB\r\n"
            "-A KUBE-SVC-STICKY -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-AAAA\r\n"
            "-A KUBE-SVC-STICKY -j KUBE-SEP-BBBB\r\n"
            "COMMIT\r\n"
            "*filter\r\n:INPUT ACCEPT [0:0]\r\n:FORWARD ACCEPT [0:0]\r\n:OUTPUT ACCEPT [0:0]\r\n"
            "-A INPUT -p tcp -m tcp --dport 22 -m set --match-set f2b-sshd src -j REJECT --reject-with icmp-port-unreachable\r\n"
            "COMMIT\r\n");
    f.close();
    const QString ipsets = dir.filePath(QStringLiteral("worker1.ipsets"));
    QFile g(ipsets);
    QVERIFY(g.open(QIODevice::WriteOnly));
    g.write("$ sudo ipset save\ncreate f2b-sshd hash:ip family inet hashsize 1024 maxelem 65536 timeout 600\n"
            "add f2b-sshd 198.51.100.23 timeout 540\n");
    g.close();

    // The summary says up front that the set's contents are not there.
    const Result parsed = run({QStringLiteral("parse"), dump});
    QCOMPARE(parsed.code, 0);
    QVERIFY2(parsed.out.contains("1 rule(s) use ipsets whose contents are not loaded: traces through them are uncertain"),
             parsed.out.constData());

    const QStringList base{QStringLiteral("trace"), dump, QStringLiteral("--from"), QStringLiteral("worker1"), QStringLiteral("--dst"),
                           QStringLiteral("10.96.0.20"), QStringLiteral("--dport"), QStringLiteral("80"), QStringLiteral("--json")};
    auto endpoints = [](const QJsonObject &o) {
        QStringList out;
        for (const QJsonValue &b : o.value(QLatin1String("branches")).toArray()) {
            const QJsonArray steps = b.toObject().value(QLatin1String("steps")).toArray();
            QString dst;
            for (const QJsonValue &s : steps)
                if (s.toObject().contains(QLatin1String("packet")))
                    dst = s.toObject().value(QLatin1String("packet")).toObject().value(QLatin1String("dst")).toString();
            out << dst + QLatin1Char(' ') + b.toObject().value(QLatin1String("verdict")).toObject().value(QLatin1String("kind")).toString();
        }
        return out;
    };
    // A new client: the random cascade decides, never an uncertain branch.
    const Result fresh = run(base);
    QCOMPARE(fresh.code, 0);
    const QJsonObject fo = QJsonDocument::fromJson(fresh.out).object();
    QCOMPARE(endpoints(fo), QStringList({QStringLiteral("10.244.1.5 delivered"), QStringLiteral("10.244.2.7 delivered")}));
    for (const QJsonValue &b : fo.value(QLatin1String("branches")).toArray())
        QVERIFY(!b.toObject().value(QLatin1String("uncertain")).toBool());
    // Routes were assumed (a lone dump): said on the step and once in "warnings".
    QCOMPARE(fo.value(QLatin1String("warnings")).toArray().size(), 1);
    bool assumedStep = false;
    for (const QJsonValue &s : fo.value(QLatin1String("branches")).toArray().first().toObject().value(QLatin1String("steps")).toArray())
        assumedStep = assumedStep || s.toObject().value(QLatin1String("assumed")).toBool();
    QVERIFY(assumedStep);

    // A client with affinity to the second endpoint goes there, and the packet says so.
    const Result sticky = run(base + QStringList{QStringLiteral("--affinity"), QStringLiteral("KUBE-SEP-BBBB")});
    QCOMPARE(sticky.code, 0);
    const QJsonObject so = QJsonDocument::fromJson(sticky.out).object();
    QCOMPARE(endpoints(so), QStringList({QStringLiteral("10.244.2.7 delivered")}));
    QCOMPARE(so.value(QLatin1String("packet")).toObject().value(QLatin1String("affinity")).toArray().first().toString(),
             QStringLiteral("KUBE-SEP-BBBB"));
    const Result text = run({QStringLiteral("trace"), dump, QStringLiteral("--from"), QStringLiteral("worker1"), QStringLiteral("--dst"),
                             QStringLiteral("10.96.0.20"), QStringLiteral("--dport"), QStringLiteral("80"), QStringLiteral("--affinity"),
                             QStringLiteral("KUBE-SEP-BBBB")});
    QVERIFY2(text.out.contains("session affinity: the client has an entry in KUBE-SEP-BBBB"), text.out.constData());

    // ssh from a banned address: uncertain without the set, rejected with it.
    const QStringList ssh{QStringLiteral("trace"), dump, QStringLiteral("--from"), QStringLiteral("worker1:eth0"), QStringLiteral("--src"),
                          QStringLiteral("198.51.100.23"), QStringLiteral("--dst"), QStringLiteral("192.0.2.10"), QStringLiteral("--dport"),
                          QStringLiteral("22"), QStringLiteral("--json")};
    const QJsonObject unknown = QJsonDocument::fromJson(run(ssh).out).object();
    QCOMPARE(unknown.value(QLatin1String("branches")).toArray().size(), 2);
    const Result banned = run(ssh + QStringList{QStringLiteral("--ipset"), ipsets});
    QCOMPARE(banned.code, 0);
    const QJsonObject bo = QJsonDocument::fromJson(banned.out).object();
    QCOMPARE(endpoints(bo), QStringList({QStringLiteral("192.0.2.10 reject")}));
    QVERIFY2(banned.err.contains("not part of `ipset save` or `ipset list` output, skipped: $ sudo ipset save"), banned.err.constData());
}

void TstCli::diffSaysTheFamily()
{
    // One host pasted twice as `iptables-save; ip6tables-save`: between the two, 8443 was
    // opened in iptables only and ip6tables' INPUT turned to DROP. Both families have a
    // filter:INPUT; the diff names the IPv6 one as --insert takes it (filter6).
    QTemporaryDir dir;
    const QByteArray before = "$ sudo iptables-save; sudo ip6tables-save\n"
                              "# Generated by iptables-save v1.8.9 on Sat Jun  1 08:00:00 2024\n"
                              "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                              "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n"
                              "# Generated by ip6tables-save v1.8.9 on Sat Jun  1 08:00:00 2024\n"
                              "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                              "-A INPUT -p ipv6-icmp -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n";
    QByteArray after = before;
    after.replace("--dport 22 -j ACCEPT\nCOMMIT\n# Generated by ip6",
                  "--dport 22 -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 8443 -j ACCEPT\nCOMMIT\n# Generated by ip6");
    const int v6 = after.indexOf("ip6tables-save v1.8.9");
    after.replace(after.indexOf(":INPUT ACCEPT", v6), 13, ":INPUT DROP  ");
    QVERIFY(after.contains("--dport 8443") && after.contains(":INPUT DROP"));
    const QString a = dir.filePath(QStringLiteral("before.txt")), b = dir.filePath(QStringLiteral("after.txt"));
    for (const auto &[path, bytes] : {std::pair{a, before}, std::pair{b, after}}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    const Result r = run({QStringLiteral("diff"), a, b});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("+ filter:INPUT:2 -p tcp -m tcp --dport 8443 -j ACCEPT\n"), r.out.constData());
    QVERIFY2(r.out.contains("~ filter (IPv6):INPUT policy ACCEPT -> DROP\n"), r.out.constData());
    QVERIFY2(!r.out.contains("filter6:INPUT:"), r.out.constData());   // no rule of IPv6's changed
    // the dual-stack scenario's two nodes: kube-proxy's KUBE-SERVICES in both families
    const QString ds = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/dualstack");
    const Result d = run({QStringLiteral("diff"), ds + QStringLiteral(":docker01"), ds + QStringLiteral(":node1")});
    QCOMPARE(d.code, 0);
    QVERIFY(d.out.contains("+ chain nat:KUBE-SERVICES "));
    QVERIFY(d.out.contains("+ chain nat6:KUBE-SERVICES "));
    QVERIFY(d.out.contains("+ nat6:KUBE-SERVICES:1 -d fd00:10:96::1/128 "));
    const Result j = run({QStringLiteral("diff"), ds + QStringLiteral(":docker01"), ds + QStringLiteral(":node1"), QStringLiteral("--json")});
    QCOMPARE(j.code, 0);
    QStringList families;
    for (const QJsonValue &c : QJsonDocument::fromJson(j.out).object().value(QLatin1String("chains")).toArray())
        if (const QString n = c.toObject().value(QLatin1String("chain")).toString();
            n.startsWith(QLatin1String("nat")) && n.endsWith(QLatin1String(":KUBE-SERVICES")))
            families << c.toObject().value(QLatin1String("chain")).toString() + QLatin1Char('=') + c.toObject().value(QLatin1String("family")).toString();
    families.sort();
    QCOMPARE(families, (QStringList{QStringLiteral("nat6:KUBE-SERVICES=ipv6"), QStringLiteral("nat:KUBE-SERVICES=ipv4")}));
}

void TstCli::diffNft()
{
    const QString data = QStringLiteral(CHAINSCOPE_TEST_DATA "/nft/diff/");
    // `firewall-cmd --add-port=8080/tcp` between two `nft list ruleset` (the second with -a)
    const Result r = run({QStringLiteral("diff"), data + QStringLiteral("firewalld-before.nft"), data + QStringLiteral("firewalld-after.nft")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(": 1 difference"), r.out.constData());
    QVERIFY2(r.out.contains("\n+ inet firewalld filter_IN_public_allow:4 tcp dport 8080 accept\n"), r.out.constData());
    QCOMPARE(r.out.count('\n'), 2);   // the summary and the rule
    // kube-proxy's nftables mode, every hash different: paired by service and endpoint
    const Result k = run({QStringLiteral("diff"), data + QStringLiteral("kube-proxy-before.nft"), data + QStringLiteral("kube-proxy-after.nft")});
    QCOMPARE(k.code, 0);
    QVERIFY2(k.out.contains(": 15 difference"), k.out.constData());
    QVERIFY2(k.out.contains("\n+ chain ip kube-proxy service-N7KUDVBG-shop/cart/tcp/http (service shop/cart/tcp/http)\n"), k.out.constData());
    QVERIFY2(k.out.contains("\n~ ip kube-proxy service-SUSTUHLJ-default/web/tcp/http|service-2Y3MUN3Z-default/web/tcp/http:2 numgen random mod 2 vmap"),
             k.out.constData());
    QVERIFY2(k.out.contains("\n+ element ip kube-proxy service-ips 10.96.88.3 . tcp . 80 : goto <service shop/cart/tcp/http>\n"), k.out.constData());
    QVERIFY(!k.out.contains("default/kubernetes"));   // unchanged, whatever its hash
    const Result j = run({QStringLiteral("diff"), data + QStringLiteral("kube-proxy-before.nft"), data + QStringLiteral("kube-proxy-after.nft"),
                          QStringLiteral("--json")});
    QCOMPARE(j.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(j.out).object();
    const QJsonObject n = o.value(QLatin1String("nft")).toObject();
    QCOMPARE(o.value(QLatin1String("differences")).toInt(), 15);
    QCOMPARE(n.value(QLatin1String("differences")).toInt(), 15);
    QCOMPARE(o.value(QLatin1String("rules")).toArray().size(), 0);   // no iptables
    QStringList chains;
    for (const QJsonValue &c : n.value(QLatin1String("chains")).toArray())
        chains << c.toObject().value(QLatin1String("kind")).toString() + QLatin1Char(' ') + c.toObject().value(QLatin1String("key")).toString();
    QCOMPARE(chains, (QStringList{QStringLiteral("only-left endpoint default/web/tcp/http__10.244.1.5/8080"),
                                  QStringLiteral("only-right endpoint default/web/tcp/http__10.244.1.9/8080"),
                                  QStringLiteral("only-right service shop/cart/tcp/http"),
                                  QStringLiteral("only-right endpoint shop/cart/tcp/http__10.244.2.11/8080")}));
    const QJsonArray rules = n.value(QLatin1String("rules")).toArray();
    QCOMPARE(rules.size(), 9);
    const QJsonObject changed = rules[0].toObject();
    QCOMPARE(changed.value(QLatin1String("kind")).toString(), QStringLiteral("changed"));
    QCOMPARE(changed.value(QLatin1String("table")).toString(), QStringLiteral("ip kube-proxy"));
    QCOMPARE(changed.value(QLatin1String("left_rule")).toInt(), 2);
    QVERIFY(changed.value(QLatin1String("right")).toString().contains(QLatin1String("<endpoint default/web/tcp/http__10.244.1.9/8080>")));
    const QJsonArray sets = n.value(QLatin1String("sets")).toArray();
    QCOMPARE(sets.size(), 2);   // cluster-ips and service-ips gained an element
    QCOMPARE(sets[1].toObject().value(QLatin1String("set")).toString(), QStringLiteral("service-ips"));
    QCOMPARE(sets[1].toObject().value(QLatin1String("added")).toInt(), 1);
    const QJsonArray elements = n.value(QLatin1String("elements")).toArray();
    QCOMPARE(elements.size(), 2);
    QCOMPARE(elements[1].toObject().value(QLatin1String("key")).toString(), QStringLiteral("10.96.88.3 . tcp . 80"));
    QCOMPARE(elements[1].toObject().value(QLatin1String("right")).toString(), QStringLiteral("goto <service shop/cart/tcp/http>"));
    // a policy turned to drop and a priority moved, counters grown (no difference)
    const Result h = run({QStringLiteral("diff"), data + QStringLiteral("host-before.nft"), data + QStringLiteral("host-after.nft")});
    QCOMPARE(h.code, 0);
    QVERIFY2(h.out.contains("\n~ inet filter input policy accept -> drop\n"), h.out.constData());
    QVERIFY2(h.out.contains("\n~ ip nat postrouting priority srcnat -> srcnat + 10\n"), h.out.constData());
    QVERIFY2(h.out.contains("\n+ element inet filter ssh_allowed 198.51.100.20\n"), h.out.constData());
    QVERIFY2(h.out.contains("\n~ element inet filter port_zone 443 : 10.0.0.80 -> 10.0.0.81\n"), h.out.constData());
}

void TstCli::diffMixedNode()
{
    // The mixed host (iptables-legacy accepts 9000, firewalld rejects it): the exporter moved
    // to 9100 in iptables and firewalld opened 9000. Both families of rules are diffed.
    QTemporaryDir dir;
    const QString src = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/firewalld-mixed/");
    for (const char *name : {"scenario.json", "host.legacy", "host.nft", "host.addr", "host.route"}) {
        QFile in(src + QLatin1String(name));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        if (qstrcmp(name, "host.legacy") == 0)
            bytes.replace("--dport 9000 -m comment", "--dport 9100 -m comment");
        if (qstrcmp(name, "host.nft") == 0)
            bytes.replace("\t\ttcp dport 9090 accept\n", "\t\ttcp dport 9090 accept\n\t\ttcp dport 9000 accept\n");
        QFile out(dir.filePath(QLatin1String(name)));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
    }
    const Result r = run({QStringLiteral("diff"), src + QStringLiteral(":host"), dir.path() + QStringLiteral(":host")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(": 2 difference"), r.out.constData());
    QVERIFY2(r.out.contains("\n~ filter:INPUT:1 -p tcp -m tcp --dport 9000 "), r.out.constData());
    QVERIFY2(r.out.contains("\n+ inet firewalld filter_IN_public_allow:4 tcp dport 9000 accept\n"), r.out.constData());
    // iptables first, then nft
    QVERIFY(r.out.indexOf("filter:INPUT:1") < r.out.indexOf("inet firewalld"));
    const QJsonObject o = QJsonDocument::fromJson(run({QStringLiteral("diff"), src + QStringLiteral(":host"), dir.path() + QStringLiteral(":host"),
                                                       QStringLiteral("--json")}).out).object();
    QCOMPARE(o.value(QLatin1String("differences")).toInt(), 2);
    QCOMPARE(o.value(QLatin1String("rules")).toArray().size(), 1);
    QCOMPARE(o.value(QLatin1String("nft")).toObject().value(QLatin1String("rules")).toArray().size(), 1);
}

QTEST_GUILESS_MAIN(TstCli)
void TstCli::helpAndTextAgainstJson()
{
    // --help is an answer: stdout, exit 0; no command is a mistake: stderr, exit 2.
    const Result h = run({QStringLiteral("--help")});
    QCOMPARE(h.code, 0);
    QVERIFY(h.out.startsWith("usage:"));
    QVERIFY(h.err.isEmpty());
    const Result none = run({});
    QCOMPARE(none.code, 2);
    QVERIFY(none.out.isEmpty() && none.err.startsWith("usage:"));
    // The kernel's `nft -a list ruleset` against its `nft -j list ruleset`: one ruleset, no difference.
    const QString data = QStringLiteral(CHAINSCOPE_TEST_DATA "/nft/json/");
    const Result d = run({QStringLiteral("diff"), data + QStringLiteral("shapes.txt"), data + QStringLiteral("shapes.json")});
    QCOMPARE(d.code, 0);
    QVERIFY2(d.out.contains(": 0 difference(s)"), d.out.constData());
    // A lone listing is one node: --insert may leave its name out; the rule reads as nft's.
    const Result t = run({QStringLiteral("trace"), data + QStringLiteral("shapes.json"), QStringLiteral("--dst"), QStringLiteral("10.0.0.5"),
                          QStringLiteral("--src"), QStringLiteral("10.9.9.9"), QStringLiteral("--from"), QStringLiteral("shapes:eth0"),
                          QStringLiteral("--proto"), QStringLiteral("tcp"), QStringLiteral("--dport"), QStringLiteral("7000"),
                          QStringLiteral("--insert"), QStringLiteral("inet shapes:input:1:tcp dport 7000 accept")});
    QVERIFY2(t.code == 0, t.err.constData());
    QVERIFY2(t.out.contains("inet shapes:input:rule:1 => accept"), t.out.constData());
    QVERIFY2(t.out.startsWith("the change:\n  shapes: nft insert rule inet shapes input tcp dport 7000 accept\nbefore the change:\n"),
             t.out.constData());
    QVERIFY2(t.out.contains("nat_pre:rule:8 => dnat ip to numgen inc mod 2 map { 0 : 10.0.0.11, 1 : 10.0.0.12 }"), t.out.constData());
    QVERIFY2(!t.out.contains("{\""), t.out.constData());   // no JSON in the words
}

#include "tst_cli.moc"
