// Node context parsing (ip addr / ip route in their three forms) and the lookups the
// simulator makes: longest prefix, metrics, source selection, addrtype.
#include "nodecontext.h"
#include "ruleset.h"

#include <QtTest>

using namespace chainscope;

class TstNodeContext : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addressForms_data();
    void addressForms();
    void routeForms_data();
    void routeForms();
    void lookup_data();
    void lookup();
    void errorsNameLine();
};

static const char *kOneLine =
        "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
        "2: eth0    inet 192.168.56.12/24 brd 192.168.56.255 scope global eth0\\       valid_lft forever preferred_lft forever\n"
        "4: flannel.1    inet 10.224.2.0/32 scope global flannel.1\\       valid_lft forever preferred_lft forever\n"
        "5: cni0    inet 10.224.2.1/24 brd 10.224.2.255 scope global cni0\\       valid_lft forever preferred_lft forever\n";
static const char *kFull =
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n"
        "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
        "    inet 127.0.0.1/8 scope host lo\n"
        "       valid_lft forever preferred_lft forever\n"
        "2: eth0@if9: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n"
        "    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
        "    inet 192.168.56.12/24 brd 192.168.56.255 scope global eth0\n"
        "       valid_lft forever preferred_lft forever\n"
        "    inet6 fe80::5054:ff:fe12:3456/64 scope link\n"
        "4: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default\n"
        "    inet 10.224.2.0/32 scope global flannel.1\n"
        "5: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default qlen 1000\n"
        "    inet 10.224.2.1/24 brd 10.224.2.255 scope global cni0\n";
static const char *kJson =
        R"([{"ifindex":1,"ifname":"lo","operstate":"UNKNOWN","addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host"}]},)"
        R"({"ifindex":2,"ifname":"eth0","operstate":"UP","addr_info":[{"family":"inet","local":"192.168.56.12","prefixlen":24,"broadcast":"192.168.56.255","scope":"global"},{"family":"inet6","local":"fe80::1","prefixlen":64}]},)"
        R"({"ifindex":4,"ifname":"flannel.1","operstate":"UNKNOWN","addr_info":[{"family":"inet","local":"10.224.2.0","prefixlen":32,"scope":"global"}]},)"
        R"({"ifindex":5,"ifname":"cni0","operstate":"UP","addr_info":[{"family":"inet","local":"10.224.2.1","prefixlen":24,"broadcast":"10.224.2.255","scope":"global"}]}])";

static const char *kRoutes =
        "default via 192.168.56.1 dev eth0 proto static metric 100\n"
        "10.224.0.0/24 via 10.224.0.0 dev flannel.1 onlink\n"
        "10.224.2.0/24 dev cni0 proto kernel scope link src 10.224.2.1\n"
        "172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown\n"
        "192.168.56.0/24 dev eth0 proto kernel scope link src 192.168.56.12\n"
        "blackhole 10.99.0.0/16\n";
static const char *kRoutesJson =
        R"([{"dst":"default","gateway":"192.168.56.1","dev":"eth0","protocol":"static","metric":100,"flags":[]},)"
        R"({"dst":"10.224.0.0/24","gateway":"10.224.0.0","dev":"flannel.1","flags":["onlink"]},)"
        R"({"dst":"10.224.2.0/24","dev":"cni0","protocol":"kernel","scope":"link","prefsrc":"10.224.2.1","flags":[]},)"
        R"({"dst":"172.17.0.0/16","dev":"docker0","protocol":"kernel","scope":"link","prefsrc":"172.17.0.1","flags":["linkdown"]},)"
        R"({"dst":"192.168.56.0/24","dev":"eth0","protocol":"kernel","scope":"link","prefsrc":"192.168.56.12","flags":[]},)"
        R"({"type":"blackhole","dst":"10.99.0.0/16","flags":[]}])";

void TstNodeContext::addressForms_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("ip -o addr") << QByteArray(kOneLine);
    QTest::newRow("ip addr") << QByteArray(kFull);
    QTest::newRow("ip -j addr") << QByteArray(kJson);
}

void TstNodeContext::addressForms()
{
    QFETCH(QByteArray, text);
    NodeContext ctx;
    std::vector<Diagnostic> diags;
    QVERIFY(ctx.parseAddresses(text, QStringLiteral("node02.addr"), diags));
    QCOMPARE(int(ctx.interfaces.size()), 4);
    QCOMPARE(ctx.interfaces[1].name, QStringLiteral("eth0"));
    QCOMPARE((ctx.interfaces[1].addresses.front().address).toString(), QStringLiteral("192.168.56.12"));
    QCOMPARE(ctx.interfaces[2].addresses.front().prefixLength, 32);
    QCOMPARE(ctx.owner(Address::parse("10.224.2.0").value())->name, QStringLiteral("flannel.1"));
    QCOMPARE(ctx.addressType(Address::parse("10.224.2.1").value()), quint32(AddrType::Local));
    QCOMPARE(ctx.addressType(Address::parse("10.224.2.255").value()), quint32(AddrType::Broadcast));
}

void TstNodeContext::routeForms_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("ip route") << QByteArray(kRoutes);
    QTest::newRow("ip -j route") << QByteArray(kRoutesJson);
}

void TstNodeContext::routeForms()
{
    QFETCH(QByteArray, text);
    NodeContext ctx;
    std::vector<Diagnostic> diags;
    QVERIFY(ctx.parseRoutes(text, QStringLiteral("node02.route"), diags));
    QCOMPARE(int(ctx.routes.size()), 6);
    QVERIFY(ctx.routes[1].onlink);
    QVERIFY(ctx.routes[3].linkdown);
    QCOMPARE(ctx.routes[0].metric, 100);
    QCOMPARE(int(ctx.routes[5].type), int(Route::Blackhole));
}

void TstNodeContext::lookup_data()
{
    QTest::addColumn<QString>("dst");
    QTest::addColumn<QString>("dev");
    QTest::addColumn<QString>("nextHop");
    QTest::addColumn<QString>("src");
    QTest::addColumn<int>("result");
    QTest::newRow("pod on this node") << "10.224.2.16" << "cni0" << "10.224.2.16" << "10.224.2.1" << int(NodeContext::Lookup::Forward);
    QTest::newRow("pod on master via flannel") << "10.224.0.4" << "flannel.1" << "10.224.0.0" << "10.224.2.0" << int(NodeContext::Lookup::Forward);
    QTest::newRow("default route") << "10.108.94.160" << "eth0" << "192.168.56.1" << "192.168.56.12" << int(NodeContext::Lookup::Forward);
    QTest::newRow("local address") << "192.168.56.12" << "eth0" << "0.0.0.0" << "192.168.56.12" << int(NodeContext::Lookup::Local);
    QTest::newRow("blackhole") << "10.99.1.1" << "" << "0.0.0.0" << "0.0.0.0" << int(NodeContext::Lookup::Blackhole);
}

void TstNodeContext::lookup()
{
    QFETCH(QString, dst);
    QFETCH(QString, dev);
    QFETCH(QString, nextHop);
    QFETCH(QString, src);
    QFETCH(int, result);
    NodeContext ctx;
    std::vector<Diagnostic> diags;
    QVERIFY(ctx.parseAddresses(kOneLine, QStringLiteral("a"), diags));
    QVERIFY(ctx.parseRoutes(kRoutes, QStringLiteral("r"), diags));
    const auto l = ctx.lookup(Address::parse(dst).value());
    QCOMPARE(int(l.result), result);
    QCOMPARE(l.dev, dev);
    QCOMPARE(l.nextHop.isNull() ? QStringLiteral("0.0.0.0") : l.nextHop.toString(), nextHop);   // null: none
    QCOMPARE(l.src.isNull() ? QStringLiteral("0.0.0.0") : l.src.toString(), src);   // null: none
}

void TstNodeContext::errorsNameLine()
{
    NodeContext ctx;
    std::vector<Diagnostic> diags;
    QVERIFY(!ctx.parseRoutes("default via 192.168.56.1 dev eth0\n10.0.0.0/33 dev eth0\n", QStringLiteral("x.route"), diags));
    QCOMPARE(int(diags.size()), 1);
    QCOMPARE(diags.front().toString(), QStringLiteral("x.route:2:1: expected \"default\" or a destination as A.B.C.D[/LEN] or an IPv6 prefix, found \"10.0.0.0/33\""));
    diags.clear();
    NodeContext ctx2;
    QVERIFY(!ctx2.parseAddresses("2: eth0    inet 10.0.0.300/24 scope global eth0\n", QStringLiteral("x.addr"), diags));
    QCOMPARE(diags.front().line, 1);
}

QTEST_GUILESS_MAIN(TstNodeContext)
#include "tst_nodecontext.moc"
