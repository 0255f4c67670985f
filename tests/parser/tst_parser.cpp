// Engine parser tests: iptables-save, iptables -S and iptables -L input, typed rules,
// errors with FILE:LINE:COL, the seed write-up's listings rule for rule, and robustness.
// Expectations are written as short descriptions of what the engine reads (see describe()),
// so a row says in one line what a rule means.

#include "dumpparser.h"
#include "listingparser.h"
#include "ruleparser.h"
#include "ruleset.h"

#include <QElapsedTimer>
#include <QFile>
#include <QtTest>

#include <random>

using namespace chainscope;

namespace {

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString hex(quint32 v)
{
    return QStringLiteral("0x") + QString::number(v, 16);
}

QString range(quint32 lo, quint32 hi)
{
    return QString::number(lo) + QLatin1Char(':') + QString::number(hi);
}

QString kindName(Criterion::Kind k)
{
    switch (k) {
    case Criterion::Src: return QStringLiteral("Src");
    case Criterion::Dst: return QStringLiteral("Dst");
    case Criterion::InIface: return QStringLiteral("InIface");
    case Criterion::OutIface: return QStringLiteral("OutIface");
    case Criterion::Proto: return QStringLiteral("Proto");
    case Criterion::Fragment: return QStringLiteral("Fragment");
    case Criterion::SrcPort: return QStringLiteral("SrcPort");
    case Criterion::DstPort: return QStringLiteral("DstPort");
    case Criterion::TcpFlags: return QStringLiteral("TcpFlags");
    case Criterion::TcpOption: return QStringLiteral("TcpOption");
    case Criterion::IcmpType: return QStringLiteral("IcmpType");
    case Criterion::MultiSrcPorts: return QStringLiteral("MultiSrcPorts");
    case Criterion::MultiDstPorts: return QStringLiteral("MultiDstPorts");
    case Criterion::MultiPorts: return QStringLiteral("MultiPorts");
    case Criterion::CtState: return QStringLiteral("CtState");
    case Criterion::CtProto: return QStringLiteral("CtProto");
    case Criterion::CtOrigSrc: return QStringLiteral("CtOrigSrc");
    case Criterion::CtOrigDst: return QStringLiteral("CtOrigDst");
    case Criterion::CtReplSrc: return QStringLiteral("CtReplSrc");
    case Criterion::CtReplDst: return QStringLiteral("CtReplDst");
    case Criterion::CtOrigSrcPort: return QStringLiteral("CtOrigSrcPort");
    case Criterion::CtOrigDstPort: return QStringLiteral("CtOrigDstPort");
    case Criterion::CtReplSrcPort: return QStringLiteral("CtReplSrcPort");
    case Criterion::CtReplDstPort: return QStringLiteral("CtReplDstPort");
    case Criterion::CtStatus: return QStringLiteral("CtStatus");
    case Criterion::CtDirection: return QStringLiteral("CtDirection");
    case Criterion::CtExpire: return QStringLiteral("CtExpire");
    case Criterion::Mark: return QStringLiteral("Mark");
    case Criterion::ConnMark: return QStringLiteral("ConnMark");
    case Criterion::AddrSrcType: return QStringLiteral("AddrSrcType");
    case Criterion::AddrDstType: return QStringLiteral("AddrDstType");
    case Criterion::Comment: return QStringLiteral("Comment");
    case Criterion::StatRandom: return QStringLiteral("StatRandom");
    case Criterion::StatNth: return QStringLiteral("StatNth");
    case Criterion::IpRangeSrc: return QStringLiteral("IpRangeSrc");
    case Criterion::IpRangeDst: return QStringLiteral("IpRangeDst");
    case Criterion::PhysdevIn: return QStringLiteral("PhysdevIn");
    case Criterion::PhysdevOut: return QStringLiteral("PhysdevOut");
    case Criterion::PhysdevIsIn: return QStringLiteral("PhysdevIsIn");
    case Criterion::PhysdevIsOut: return QStringLiteral("PhysdevIsOut");
    case Criterion::PhysdevIsBridged: return QStringLiteral("PhysdevIsBridged");
    case Criterion::PktType: return QStringLiteral("PktType");
    case Criterion::Length: return QStringLiteral("Length");
    case Criterion::Limit: return QStringLiteral("Limit");
    case Criterion::OwnerUid: return QStringLiteral("OwnerUid");
    case Criterion::OwnerGid: return QStringLiteral("OwnerGid");
    case Criterion::OwnerSocketExists: return QStringLiteral("OwnerSocketExists");
    case Criterion::Set: return QStringLiteral("Set");
    case Criterion::Recent: return QStringLiteral("Recent");
    case Criterion::Nfacct: return QStringLiteral("Nfacct");
    case Criterion::MacSource: return QStringLiteral("MacSource");
    case Criterion::Ttl: return QStringLiteral("Ttl");
    case Criterion::Unknown: return QStringLiteral("Unknown");
    }
    return QString::number(int(k));
}

/** "!tcp:DstPort 80:80": negation, module, kind and the values the engine uses. */
QString describe(const Ruleset &rs, const Rule &r, const Criterion &c)
{
    QString s = c.neg ? QStringLiteral("!") : QString();
    if (c.module != 0)
        s += qs(rs.moduleName(c.module)) + QLatin1Char(':');
    s += kindName(c.kind);
    QString v;
    switch (c.kind) {
    case Criterion::Src: case Criterion::Dst:
    case Criterion::CtOrigSrc: case Criterion::CtOrigDst: case Criterion::CtReplSrc: case Criterion::CtReplDst:
        v = prefixToString(rs.addresses(c).x, rs.addresses(c).y);
        break;
    case Criterion::InIface: case Criterion::OutIface: case Criterion::PhysdevIn: case Criterion::PhysdevOut:
        v = qs(c.text) + (c.c ? QStringLiteral("+") : QString());
        break;
    case Criterion::Proto: case Criterion::CtProto: case Criterion::TcpOption: case Criterion::CtDirection:
    case Criterion::PktType:
        v = QString::number(c.a);
        break;
    case Criterion::SrcPort: case Criterion::DstPort: case Criterion::CtOrigSrcPort: case Criterion::CtOrigDstPort:
    case Criterion::CtReplSrcPort: case Criterion::CtReplDstPort: case Criterion::CtExpire: case Criterion::Length:
    case Criterion::OwnerUid: case Criterion::OwnerGid:
        v = range(c.a, c.b);
        break;
    case Criterion::TcpFlags: case Criterion::Mark: case Criterion::ConnMark:
        v = hex(c.a) + QLatin1Char('/') + hex(c.b);
        break;
    case Criterion::IcmpType:
        v = QString::number(c.a) + QLatin1Char(' ') + range(c.b, c.c);
        break;
    case Criterion::MultiSrcPorts: case Criterion::MultiDstPorts: case Criterion::MultiPorts: {
        QStringList ports;
        for (quint32 i = 0; i < c.b; ++i) {
            const quint32 p = r.values.at(size_t(c.a + i));
            ports << ((p >> 16) == (p & 0xffff) ? QString::number(p >> 16) : range(p >> 16, p & 0xffff));
        }
        v = ports.join(QLatin1Char(','));
        break;
    }
    case Criterion::CtState: case Criterion::CtStatus: case Criterion::StatRandom:
        v = hex(c.a);
        break;
    case Criterion::AddrSrcType: case Criterion::AddrDstType:
        v = hex(c.a) + (c.c & 1 ? QStringLiteral(" in") : QString()) + (c.c & 2 ? QStringLiteral(" out") : QString());
        break;
    case Criterion::Comment: case Criterion::MacSource: case Criterion::Unknown:
        v = QLatin1Char('[') + qs(c.text) + QLatin1Char(']');
        break;
    case Criterion::StatNth: case Criterion::Limit: case Criterion::Ttl:
        v = QString::number(c.a) + QLatin1Char(' ') + QString::number(c.b);
        break;
    case Criterion::IpRangeSrc: case Criterion::IpRangeDst:
        v = rs.addresses(c).x.toString() + QLatin1Char('-') + rs.addresses(c).y.toString();
        break;
    case Criterion::Set:
        v = qs(c.text) + QLatin1Char(' ') + QString::number(c.a) + QLatin1Char(' ') + hex(c.b)
                + (c.c ? QStringLiteral(" flags=") + hex(c.c) : QString());
        break;
    case Criterion::Recent: {
        static const char *commands[] = {"set", "rcheck", "update", "remove"};
        v = QLatin1String(commands[c.c & RecentFlags::CommandMask]) + QLatin1Char(' ') + qs(c.text)
                + QStringLiteral(" seconds=") + QString::number(c.a) + QStringLiteral(" mask=") + maskToString(rs.addresses(c).y)
                + ((c.c & RecentFlags::Reap) ? QStringLiteral(" reap") : QString())
                + ((c.c & RecentFlags::Ttl) ? QStringLiteral(" rttl") : QString())
                + (c.d ? QStringLiteral(" hits=") + QString::number(c.d) : QString())
                + ((c.c & RecentFlags::Dest) ? QStringLiteral(" rdest") : QStringLiteral(" rsource"));
        break;
    }
    case Criterion::Nfacct:
        v = QLatin1Char('[') + qs(c.text) + QLatin1Char(']');
        break;
    case Criterion::Fragment: case Criterion::PhysdevIsIn: case Criterion::PhysdevIsOut:
    case Criterion::PhysdevIsBridged: case Criterion::OwnerSocketExists:
        break;
    }
    return v.isEmpty() ? s : s + QLatin1Char(' ') + v;
}

QString criteria(const Ruleset &rs, const Rule &r)
{
    QStringList parts;
    for (const Criterion &c : r.criteria)
        parts << describe(rs, r, c);
    return parts.join(QStringLiteral(" | "));
}

QString target(const Rule &r)
{
    const Target &t = r.target;
    const auto addrs = [&] {
        QString s;
        if (!t.addrLo.isNull() || !t.addrHi.isNull())
            s += QLatin1Char(' ') + t.addrLo.toString() + QLatin1Char('-') + t.addrHi.toString();
        if (t.portLo || t.portHi)
            s += QLatin1Char(' ') + range(t.portLo, t.portHi);
        return s;
    };
    const QString args = t.args.empty() ? QString() : QStringLiteral(" [") + qs(t.args) + QLatin1Char(']');
    switch (t.kind) {
    case Target::None: return QStringLiteral("None");
    case Target::Accept: return QStringLiteral("Accept");
    case Target::Drop: return QStringLiteral("Drop");
    case Target::Reject: return QStringLiteral("Reject") + args;
    case Target::Return: return QStringLiteral("Return");
    case Target::Queue: return QStringLiteral("Queue") + args;
    case Target::Jump: return QStringLiteral("Jump ") + qs(t.name) + (t.chain >= 0 ? QString() : QStringLiteral(" (unresolved)"));
    case Target::Goto: return QStringLiteral("Goto ") + qs(t.name) + (t.chain >= 0 ? QString() : QStringLiteral(" (unresolved)"));
    case Target::Log: return QStringLiteral("Log") + args;
    case Target::Nflog: return QStringLiteral("Nflog") + args;
    case Target::TraceTarget: return QStringLiteral("Trace");
    case Target::Mark: return QStringLiteral("Mark ") + hex(t.a) + QLatin1Char('/') + hex(t.b);
    case Target::ConnMark:
        return QStringLiteral("ConnMark mode=") + QString::number(t.mode) + QLatin1Char(' ') + hex(t.a) + QLatin1Char('/') + hex(t.b);
    case Target::Dnat: return QStringLiteral("Dnat") + addrs();
    case Target::Snat: return QStringLiteral("Snat") + addrs();
    case Target::Masquerade: return QStringLiteral("Masquerade") + addrs();
    case Target::Redirect: return QStringLiteral("Redirect") + addrs();
    case Target::Netmap: return QStringLiteral("Netmap") + addrs();
    case Target::Ct: return QStringLiteral("Ct mode=") + QString::number(t.mode);
    case Target::Notrack: return QStringLiteral("Notrack");
    case Target::Continue: return QStringLiteral("Continue ") + qs(t.name);
    case Target::Unknown: return QStringLiteral("Unknown ") + qs(t.name) + args;
    }
    return QString::number(int(t.kind));
}

QStringList messages(const Ruleset &rs, Diagnostic::Severity severity = Diagnostic::Error)
{
    QStringList out;
    for (const Diagnostic &d : rs.diagnostics) {
        if (d.severity == severity)
            out << d.toString();
    }
    return out;
}

/** The rule wrapped as the conformance corpus wraps its rows, plus a user chain USER. */
QByteArray wrap(const QByteArray &table, const QByteArray &chain, const QByteArray &options)
{
    return "*" + table + "\n:" + chain + " ACCEPT [0:0]\n:USER - [0:0]\n-A " + chain + " " + options + "\nCOMMIT\n";
}

const Rule *ruleAt(const Ruleset &rs, TableId table, std::string_view chain, int index)
{
    const Table &t = rs.table(table);
    const int ci = t.chainIndex(chain);
    if (ci < 0 || index >= int(t.chains[size_t(ci)].rules.size()))
        return nullptr;
    return &t.chains[size_t(ci)].rules[size_t(index)];
}

/** "PREROUTING 2, KUBE-SERVICES 8": chains of a table with their rule counts, in order. */
QString chainSizes(const Ruleset &rs, TableId table)
{
    QStringList parts;
    for (const Chain &c : rs.table(table).chains)
        parts << qs(c.name) + QLatin1Char(' ') + QString::number(c.rules.size());
    return parts.join(QStringLiteral(", "));
}

TableId tableOf(const QByteArray &name)
{
    TableId t = TableId::Filter;
    tableFromName(std::string_view(name.constData(), size_t(name.size())), t);
    return t;
}

} // namespace

class TestParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void saveCriteria_data();
    void saveCriteria();
    void saveTargets_data();
    void saveTargets();
    void counters();
    void quoting_data();
    void quoting();
    void specFormat_data();
    void specFormat();
    void detect_data();
    void detect();
    void listing_data();
    void listing();
    void listingCounts_data();
    void listingCounts();
    void errors_data();
    void errors();
    void ruleText_data();
    void ruleText();
    void unknownKept();
    void seedListing();
    void randomBytes();
    void chainIndex();
    void ruleGroupsOutOfOrder();
    void keptTargets_data();
    void keptTargets();
    void chainWinsOverTarget();
    void warningGroups();
};

void TestParser::saveCriteria_data()
{
    QTest::addColumn<QByteArray>("table");
    QTest::addColumn<QByteArray>("chain");
    QTest::addColumn<QByteArray>("options");
    QTest::addColumn<QString>("expected");

    const QByteArray f = "filter";
    QTest::addRow("addresses and masks") << f << QByteArray("INPUT") << QByteArray("-s 10.11.12.13/8 ! -d 192.168.1.7/255.255.255.0")
                                         << QStringLiteral("Src 10.0.0.0/8 | !Dst 192.168.1.0/24");
    QTest::addRow("mask with holes") << f << QByteArray("INPUT") << QByteArray("-s 10.11.12.13/255.0.255.0")
                                     << QStringLiteral("Src 10.0.12.0/255.0.255.0");
    QTest::addRow("bare address is /32") << f << QByteArray("INPUT") << QByteArray("! -s 0.0.0.0")
                                         << QStringLiteral("!Src 0.0.0.0/32");
    QTest::addRow("interfaces") << f << QByteArray("FORWARD") << QByteArray("-i eth+ ! -o docker0")
                                << QStringLiteral("InIface eth+ | !OutIface docker0");
    QTest::addRow("-i + matches all") << f << QByteArray("FORWARD") << QByteArray("-i + -p tcp")
                                      << QStringLiteral("Proto 6");
    QTest::addRow("! -i + kept") << f << QByteArray("FORWARD") << QByteArray("! -i +")
                                 << QStringLiteral("!InIface +");
    QTest::addRow("protocol name case") << f << QByteArray("INPUT") << QByteArray("-p UDP") << QStringLiteral("Proto 17");
    QTest::addRow("protocol number") << f << QByteArray("INPUT") << QByteArray("-p 47") << QStringLiteral("Proto 47");
    QTest::addRow("protocol from /etc/protocols") << f << QByteArray("INPUT") << QByteArray("-p ipcomp")
                                                  << QStringLiteral("Proto 108");
    QTest::addRow("protocol all") << f << QByteArray("INPUT") << QByteArray("-p all -j ACCEPT") << QString();
    QTest::addRow("negated protocol") << f << QByteArray("INPUT") << QByteArray("! -p icmp") << QStringLiteral("!Proto 1");
    QTest::addRow("fragment") << f << QByteArray("INPUT") << QByteArray("! -f") << QStringLiteral("!Fragment");
    QTest::addRow("base criteria first") << f << QByteArray("INPUT") << QByteArray("-p tcp -m tcp --dport 80 -s 1.2.3.4")
                                         << QStringLiteral("Src 1.2.3.4/32 | Proto 6 | tcp:DstPort 80:80");
    QTest::addRow("implicit tcp, services") << f << QByteArray("INPUT") << QByteArray("-p tcp --dport http --sport 1024:")
                                            << QStringLiteral("Proto 6 | tcp:DstPort 80:80 | tcp:SrcPort 1024:65535");
    QTest::addRow("udp service, negated") << f << QByteArray("INPUT") << QByteArray("-p udp -m udp ! --dport domain")
                                          << QStringLiteral("Proto 17 | !udp:DstPort 53:53");
    QTest::addRow("irdmi is 8000") << f << QByteArray("INPUT") << QByteArray("-p tcp -m tcp --dport irdmi")
                                   << QStringLiteral("Proto 6 | tcp:DstPort 8000:8000");
    QTest::addRow("open port range") << f << QByteArray("INPUT") << QByteArray("-p tcp -m tcp --sport :1023")
                                     << QStringLiteral("Proto 6 | tcp:SrcPort 0:1023");
    QTest::addRow("full port range dropped") << f << QByteArray("INPUT") << QByteArray("-p tcp -m tcp --sport :")
                                             << QStringLiteral("Proto 6");
    QTest::addRow("tcp flags") << f << QByteArray("INPUT") << QByteArray("-p tcp -m tcp --tcp-flags SYN,RST,ACK,FIN SYN")
                               << QStringLiteral("Proto 6 | tcp:TcpFlags 0x17/0x2");
    QTest::addRow("syn") << f << QByteArray("INPUT") << QByteArray("-p tcp -m tcp ! --syn")
                         << QStringLiteral("Proto 6 | !tcp:TcpFlags 0x17/0x2");
    QTest::addRow("tcp flags ALL NONE") << f << QByteArray("INPUT") << QByteArray("-p tcp --tcp-flags ALL NONE")
                                        << QStringLiteral("Proto 6 | tcp:TcpFlags 0x3f/0x0");
    QTest::addRow("tcp option") << f << QByteArray("INPUT") << QByteArray("-p tcp -m tcp --tcp-option 2")
                                << QStringLiteral("Proto 6 | tcp:TcpOption 2");
    QTest::addRow("icmp name") << f << QByteArray("INPUT") << QByteArray("-p icmp -m icmp --icmp-type echo-request")
                               << QStringLiteral("Proto 1 | icmp:IcmpType 8 0:255");
    QTest::addRow("icmp name with code") << f << QByteArray("INPUT") << QByteArray("-p icmp --icmp-type port-unreachable")
                                         << QStringLiteral("Proto 1 | icmp:IcmpType 3 3:3");
    QTest::addRow("icmp type/code") << f << QByteArray("INPUT") << QByteArray("-p icmp -m icmp --icmp-type 3/4")
                                    << QStringLiteral("Proto 1 | icmp:IcmpType 3 4:4");
    QTest::addRow("icmp code range is any") << f << QByteArray("INPUT") << QByteArray("-p icmp -m icmp --icmp-type 255/0:255")
                                            << QStringLiteral("Proto 1 | icmp:IcmpType 255 0:255");
    QTest::addRow("multiport") << f << QByteArray("INPUT") << QByteArray("-p tcp -m multiport --dports 22,http,8000:8100")
                               << QStringLiteral("Proto 6 | multiport:MultiDstPorts 22,80,8000:8100");
    QTest::addRow("multiport either, udplite") << f << QByteArray("INPUT") << QByteArray("-p udplite -m multiport ! --ports 53,1024:65535")
                                               << QStringLiteral("Proto 136 | !multiport:MultiPorts 53,1024:65535");
    QTest::addRow("conntrack") << f << QByteArray("FORWARD")
                               << QByteArray("-m conntrack --ctstate RELATED,ESTABLISHED --ctproto tcp ! --ctorigdst 10.96.0.0/12 "
                                             "--ctorigdstport 80 --ctstatus ASSURED,CONFIRMED --ctdir REPLY --ctexpire 10:20")
                               << QStringLiteral("conntrack:CtState 0x6 | conntrack:CtProto 6 | !conntrack:CtOrigDst 10.96.0.0/12 | "
                                                 "conntrack:CtOrigDstPort 80:80 | conntrack:CtStatus 0xc | conntrack:CtDirection 1 | "
                                                 "conntrack:CtExpire 10:20");
    QTest::addRow("ctstate snat dnat untracked") << f << QByteArray("INPUT") << QByteArray("-m conntrack ! --ctstate SNAT,DNAT,UNTRACKED")
                                                 << QStringLiteral("!conntrack:CtState 0x70");
    QTest::addRow("state") << f << QByteArray("INPUT") << QByteArray("-m state --state NEW,INVALID")
                           << QStringLiteral("state:CtState 0x9");
    QTest::addRow("mark with mask") << f << QByteArray("FORWARD") << QByteArray("-m mark ! --mark 0x4000/0x4000")
                                    << QStringLiteral("!mark:Mark 0x4000/0x4000");
    QTest::addRow("mark decimal, no mask") << f << QByteArray("FORWARD") << QByteArray("-m mark --mark 5")
                                           << QStringLiteral("mark:Mark 0x5/0xffffffff");
    QTest::addRow("connmark") << QByteArray("mangle") << QByteArray("PREROUTING") << QByteArray("-m connmark --mark 0x1/0xff")
                              << QStringLiteral("connmark:ConnMark 0x1/0xff");
    QTest::addRow("addrtype") << f << QByteArray("INPUT") << QByteArray("-m addrtype --src-type LOCAL,BROADCAST --dst-type ! UNICAST --limit-iface-in")
                              << QStringLiteral("addrtype:AddrSrcType 0xc in | !addrtype:AddrDstType 0x2 in");
    QTest::addRow("addrtype limit before type") << f << QByteArray("OUTPUT") << QByteArray("-m addrtype --limit-iface-out --dst-type LOCAL")
                                                << QStringLiteral("addrtype:AddrDstType 0x4 out");
    QTest::addRow("comment") << f << QByteArray("INPUT") << QByteArray("-m comment --comment \"kubernetes service portals\"")
                             << QStringLiteral("comment:Comment [kubernetes service portals]");
    QTest::addRow("statistic random") << f << QByteArray("INPUT") << QByteArray("-m statistic --mode random --probability 0.50000000000")
                                      << QStringLiteral("statistic:StatRandom 0x40000000");
    QTest::addRow("statistic random negated") << f << QByteArray("INPUT") << QByteArray("-m statistic --mode random ! --probability 0.25")
                                              << QStringLiteral("!statistic:StatRandom 0x20000000");
    QTest::addRow("statistic nth") << f << QByteArray("INPUT") << QByteArray("-m statistic --mode nth --every 3 --packet 1")
                                   << QStringLiteral("statistic:StatNth 3 1");
    QTest::addRow("statistic keeps its place") << f << QByteArray("INPUT")
                                               << QByteArray("-m statistic --mode random --probability 1 -m comment --comment x")
                                               << QStringLiteral("statistic:StatRandom 0x80000000 | comment:Comment [x]");
    QTest::addRow("iprange") << f << QByteArray("INPUT") << QByteArray("-m iprange ! --src-range 1.1.1.1-1.1.1.10 --dst-range 2.2.2.2-2.2.2.3")
                             << QStringLiteral("!iprange:IpRangeSrc 1.1.1.1-1.1.1.10 | iprange:IpRangeDst 2.2.2.2-2.2.2.3");
    QTest::addRow("physdev") << f << QByteArray("FORWARD") << QByteArray("-m physdev --physdev-in veth+ ! --physdev-out eth0 --physdev-is-bridged")
                             << QStringLiteral("physdev:PhysdevIn veth+ | !physdev:PhysdevOut eth0 | physdev:PhysdevIsBridged");
    QTest::addRow("pkttype") << f << QByteArray("INPUT") << QByteArray("-m pkttype ! --pkt-type broadcast")
                             << QStringLiteral("!pkttype:PktType 1");
    QTest::addRow("length open") << f << QByteArray("INPUT") << QByteArray("-m length --length :100")
                                 << QStringLiteral("length:Length 0:100");
    QTest::addRow("length from") << f << QByteArray("INPUT") << QByteArray("-m length ! --length 4:")
                                 << QStringLiteral("!length:Length 4:65535");
    QTest::addRow("limit") << f << QByteArray("INPUT") << QByteArray("-m limit --limit 5/min --limit-burst 10")
                           << QStringLiteral("limit:Limit 833 10");
    QTest::addRow("limit defaults") << f << QByteArray("INPUT") << QByteArray("-m limit")
                                    << QStringLiteral("limit:Limit 8 5");
    QTest::addRow("owner") << f << QByteArray("OUTPUT") << QByteArray("-m owner --uid-owner 0-10 ! --gid-owner root --socket-exists")
                           << QStringLiteral("owner:OwnerUid 0:10 | !owner:OwnerGid 0:0 | owner:OwnerSocketExists");
    QTest::addRow("owner by name is undecidable") << f << QByteArray("OUTPUT") << QByteArray("-m owner --uid-owner www-data")
                                                  << QStringLiteral("owner:Unknown [--uid-owner www-data]");
    QTest::addRow("set") << f << QByteArray("INPUT") << QByteArray("-m set ! --match-set blocklist src,dst --return-nomatch")
                         << QStringLiteral("!set:Set blocklist 2 0x1 flags=0x1");
    QTest::addRow("mac") << f << QByteArray("INPUT") << QByteArray("-m mac --mac-source 02:42:AC:11:00:02")
                         << QStringLiteral("mac:MacSource [02:42:AC:11:00:02]");
    QTest::addRow("ttl") << f << QByteArray("INPUT") << QByteArray("-m ttl --ttl-lt 5") << QStringLiteral("ttl:Ttl 1 5");
    QTest::addRow("unknown module kept verbatim") << f << QByteArray("INPUT")
                                                  << QByteArray("-m hashlimit --hashlimit-upto 10/sec --hashlimit-name x -j ACCEPT")
                                                  << QStringLiteral("hashlimit:Unknown [-m hashlimit --hashlimit-upto 10/sec --hashlimit-name x]");
    QTest::addRow("unknown module with negation") << f << QByteArray("INPUT")
                                                  << QByteArray("-m time ! --weekdays Sat,Sun --timestart 09:00 -p tcp")
                                                  << QStringLiteral("Proto 6 | time:Unknown [-m time ! --weekdays Sat,Sun --timestart 09:00]");
    // kube-proxy's session affinity, as iptables-save writes it
    QTest::addRow("recent --rcheck (kube-proxy)") << QByteArray("nat") << QByteArray("OUTPUT")
            << QByteArray("-m comment --comment \"default/sticky -> 10.244.1.5:8080\" -m recent --rcheck --seconds 10800 --reap "
                          "--name KUBE-SEP-AAAAAAAAAAAAAAAA --mask 255.255.255.255 --rsource -j USER")
            << QStringLiteral("comment:Comment [default/sticky -> 10.244.1.5:8080] | recent:Recent rcheck KUBE-SEP-AAAAAAAAAAAAAAAA "
                              "seconds=10800 mask=255.255.255.255 reap rsource");
    QTest::addRow("recent --set before DNAT") << QByteArray("nat") << QByteArray("PREROUTING")
            << QByteArray("-p tcp -m recent --set --name KUBE-SEP-AAAAAAAAAAAAAAAA --mask 255.255.255.255 --rsource -m tcp "
                          "-j DNAT --to-destination 10.244.1.5:8080")
            << QStringLiteral("Proto 6 | recent:Recent set KUBE-SEP-AAAAAAAAAAAAAAAA seconds=0 mask=255.255.255.255 rsource");
    QTest::addRow("recent defaults, negation, --rdest") << f << QByteArray("INPUT")
            << QByteArray("-m recent ! --update --seconds 60 --hitcount 4 --rttl --rdest -j DROP")
            << QStringLiteral("!recent:Recent update DEFAULT seconds=60 mask=255.255.255.255 rttl hits=4 rdest");
    QTest::addRow("two recent matches") << f << QByteArray("INPUT")
            << QByteArray("-m recent --rcheck --hitcount 3 --name foo --mask 255.255.255.255 --rsource "
                          "-m recent --rcheck --hitcount 4 --name foo --mask 255.255.255.0 --rsource")
            << QStringLiteral("recent:Recent rcheck foo seconds=0 mask=255.255.255.255 hits=3 rsource | "
                              "recent:Recent rcheck foo seconds=0 mask=255.255.255.0 hits=4 rsource");
    QTest::addRow("nfacct (kube-proxy since 2024)") << f << QByteArray("INPUT")
            << QByteArray("-m nfacct --nfacct-name localhost_nps_accepted_pkts -j USER")
            << QStringLiteral("nfacct:Nfacct [localhost_nps_accepted_pkts]");
    QTest::addRow("set flags") << f << QByteArray("INPUT")
            << QByteArray("-m set ! --match-set cali40masq-ipam-pools dst --return-nomatch ! --update-counters ! --update-subcounters")
            << QStringLiteral("!set:Set cali40masq-ipam-pools 1 0x0 flags=0xd");
    QTest::addRow("set counter tests") << f << QByteArray("INPUT")
            << QByteArray("-m set --match-set f2b-sshd src,dst --packets-gt 10 ! --bytes-eq 0 -j REJECT --reject-with icmp-port-unreachable")
            << QStringLiteral("set:Set f2b-sshd 2 0x1 flags=0x2");
    QTest::addRow("sctp chunk types kept") << f << QByteArray("INPUT") << QByteArray("-p sctp -m sctp --dport 5000 --chunk-types any INIT")
                                           << QStringLiteral("Proto 132 | sctp:DstPort 5000:5000 | sctp:Unknown [--chunk-types any INIT]");
    QTest::addRow("getopt long =") << f << QByteArray("FORWARD")
                                   << QByteArray("--protocol=tcp --source=1.2.3.4 --destination=5.6.7.8/32 --in-interface=eth0 --jump=ACCEPT")
                                   << QStringLiteral("Src 1.2.3.4/32 | Dst 5.6.7.8/32 | InIface eth0 | Proto 6");
    QTest::addRow("getopt short joined") << f << QByteArray("FORWARD") << QByteArray("-ptcp -s1.2.3.4 -oeth1 -mtcp --dport=22 -jACCEPT")
                                         << QStringLiteral("Src 1.2.3.4/32 | OutIface eth1 | Proto 6 | tcp:DstPort 22:22");
    QTest::addRow("intrapositioned negation") << f << QByteArray("INPUT") << QByteArray("-s ! 10.0.0.0/8 -p tcp --dport ! 22")
                                              << QStringLiteral("!Src 10.0.0.0/8 | Proto 6 | !tcp:DstPort 22:22");
}

void TestParser::saveCriteria()
{
    QFETCH(QByteArray, table);
    QFETCH(QByteArray, chain);
    QFETCH(QByteArray, options);
    QFETCH(QString, expected);
    Ruleset rs;
    const bool ok = DumpParser::parseInto(rs, wrap(table, chain, options), QStringLiteral("t.rules"), {});
    QCOMPARE(messages(rs), QStringList());
    QVERIFY(ok);
    const Rule *r = ruleAt(rs, tableOf(table), std::string_view(chain.constData(), size_t(chain.size())), 0);
    QVERIFY(r);
    QCOMPARE(criteria(rs, *r), expected);
}

void TestParser::saveTargets_data()
{
    QTest::addColumn<QByteArray>("table");
    QTest::addColumn<QByteArray>("chain");
    QTest::addColumn<QByteArray>("options");
    QTest::addColumn<QString>("expected");

    const QByteArray f = "filter", nat = "nat", mangle = "mangle", raw = "raw";
    QTest::addRow("none") << f << QByteArray("INPUT") << QByteArray("-p tcp") << QStringLiteral("None");
    QTest::addRow("accept") << f << QByteArray("INPUT") << QByteArray("-j ACCEPT") << QStringLiteral("Accept");
    QTest::addRow("drop") << f << QByteArray("INPUT") << QByteArray("-j DROP") << QStringLiteral("Drop");
    QTest::addRow("return") << f << QByteArray("INPUT") << QByteArray("-j RETURN") << QStringLiteral("Return");
    QTest::addRow("reject default") << f << QByteArray("INPUT") << QByteArray("-j REJECT") << QStringLiteral("Reject");
    QTest::addRow("reject tcp-reset") << f << QByteArray("INPUT") << QByteArray("-p tcp -j REJECT --reject-with tcp-reset")
                                      << QStringLiteral("Reject [tcp-reset]");
    QTest::addRow("jump") << f << QByteArray("INPUT") << QByteArray("-j USER") << QStringLiteral("Jump USER");
    QTest::addRow("goto") << f << QByteArray("INPUT") << QByteArray("-g USER") << QStringLiteral("Goto USER");
    QTest::addRow("log") << f << QByteArray("FORWARD") << QByteArray("-j LOG --log-prefix \"[iptables 3:]\" --log-level 4")
                         << QStringLiteral("Log [[iptables 3:]]");
    QTest::addRow("nflog") << f << QByteArray("INPUT") << QByteArray("-j NFLOG --nflog-group 3 --nflog-prefix drops")
                           << QStringLiteral("Nflog [drops]");
    QTest::addRow("nfqueue") << f << QByteArray("INPUT") << QByteArray("-j NFQUEUE --queue-num 3 --queue-bypass")
                             << QStringLiteral("Queue [--queue-num 3 --queue-bypass]");
    QTest::addRow("mark set-xmark") << f << QByteArray("INPUT") << QByteArray("-j MARK --set-xmark 0x4000/0x4000")
                                    << QStringLiteral("Mark 0x4000/0x4000");
    QTest::addRow("mark set-mark") << f << QByteArray("INPUT") << QByteArray("-j MARK --set-mark 0x1")
                                   << QStringLiteral("Mark 0x1/0xffffffff");
    QTest::addRow("mark set-mark masked") << f << QByteArray("INPUT") << QByteArray("-j MARK --set-mark 0x1/0xf0")
                                          << QStringLiteral("Mark 0x1/0xf1");
    QTest::addRow("mark or") << nat << QByteArray("OUTPUT") << QByteArray("-j MARK --or-mark 0x4000")
                             << QStringLiteral("Mark 0x4000/0x4000");
    QTest::addRow("mark and") << f << QByteArray("INPUT") << QByteArray("-j MARK --and-mark 0xff")
                              << QStringLiteral("Mark 0x0/0xffffff00");
    QTest::addRow("mark xor") << f << QByteArray("INPUT") << QByteArray("-j MARK --xor-mark 0x4000")
                              << QStringLiteral("Mark 0x4000/0x0");
    QTest::addRow("connmark save") << mangle << QByteArray("PREROUTING") << QByteArray("-j CONNMARK --save-mark")
                                   << QStringLiteral("ConnMark mode=1 0xffffffff/0xffffffff");
    QTest::addRow("connmark restore masks") << mangle << QByteArray("PREROUTING")
                                            << QByteArray("-j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xf")
                                            << QStringLiteral("ConnMark mode=2 0xff/0xf");
    QTest::addRow("connmark set") << mangle << QByteArray("PREROUTING") << QByteArray("-j CONNMARK --set-xmark 0x1/0x3")
                                  << QStringLiteral("ConnMark mode=0 0x1/0x3");
    QTest::addRow("dnat") << nat << QByteArray("PREROUTING") << QByteArray("-p tcp -j DNAT --to-destination 10.224.1.14:80")
                          << QStringLiteral("Dnat 10.224.1.14-10.224.1.14 80:80");
    QTest::addRow("dnat ranges") << nat << QByteArray("OUTPUT") << QByteArray("-p udp -j DNAT --to-destination 10.0.0.1-10.0.0.9:1000-2000")
                                 << QStringLiteral("Dnat 10.0.0.1-10.0.0.9 1000:2000");
    QTest::addRow("dnat service port") << nat << QByteArray("PREROUTING") << QByteArray("-p tcp -j DNAT --to-destination 1.1.1.1:ftp-data")
                                       << QStringLiteral("Dnat 1.1.1.1-1.1.1.1 20:20");
    QTest::addRow("dnat address only") << nat << QByteArray("PREROUTING") << QByteArray("-j DNAT --to-destination 1.1.1.1")
                                       << QStringLiteral("Dnat 1.1.1.1-1.1.1.1");
    QTest::addRow("snat") << nat << QByteArray("POSTROUTING") << QByteArray("-j SNAT --to-source 1.2.3.4 --random --persistent")
                          << QStringLiteral("Snat 1.2.3.4-1.2.3.4");
    QTest::addRow("masquerade") << nat << QByteArray("POSTROUTING") << QByteArray("-j MASQUERADE --random-fully")
                                << QStringLiteral("Masquerade");
    QTest::addRow("masquerade ports") << nat << QByteArray("POSTROUTING") << QByteArray("-p tcp -j MASQUERADE --to-ports 1024-2048")
                                      << QStringLiteral("Masquerade 1024:2048");
    QTest::addRow("redirect") << nat << QByteArray("PREROUTING") << QByteArray("-p tcp -j REDIRECT --to-ports 3128")
                              << QStringLiteral("Redirect 3128:3128");
    QTest::addRow("netmap") << nat << QByteArray("PREROUTING") << QByteArray("-j NETMAP --to 10.2.0.0/16")
                            << QStringLiteral("Netmap 10.2.0.0-10.2.255.255");
    QTest::addRow("ct notrack") << raw << QByteArray("PREROUTING") << QByteArray("-j CT --notrack") << QStringLiteral("Ct mode=1");
    QTest::addRow("ct zone") << raw << QByteArray("OUTPUT") << QByteArray("-j CT --zone 3 --helper ftp") << QStringLiteral("Ct mode=0");
    QTest::addRow("notrack") << raw << QByteArray("PREROUTING") << QByteArray("-j NOTRACK") << QStringLiteral("Notrack");
    QTest::addRow("trace") << raw << QByteArray("OUTPUT") << QByteArray("-j TRACE") << QStringLiteral("Trace");
    QTest::addRow("tcpmss continues") << mangle << QByteArray("FORWARD") << QByteArray("-p tcp -j TCPMSS --clamp-mss-to-pmtu")
                                      << QStringLiteral("Continue TCPMSS");
    QTest::addRow("hmark continues") << mangle << QByteArray("PREROUTING")
                                     << QByteArray("-j HMARK --hmark-tuple src,dst --hmark-mod 10 --hmark-rnd 0xcafe")
                                     << QStringLiteral("Continue HMARK");
    QTest::addRow("unknown target kept") << f << QByteArray("INPUT")
                                         << QByteArray("-p tcp -m tcp --dport 443 -m conntrack --ctstate INVALID,UNTRACKED -j SYNPROXY --sack-perm --timestamp --wscale 7 --mss 1460")
                                         << QStringLiteral("Unknown SYNPROXY [--sack-perm --timestamp --wscale 7 --mss 1460]");
}

void TestParser::saveTargets()
{
    QFETCH(QByteArray, table);
    QFETCH(QByteArray, chain);
    QFETCH(QByteArray, options);
    QFETCH(QString, expected);
    Ruleset rs;
    const bool ok = DumpParser::parseInto(rs, wrap(table, chain, options), QStringLiteral("t.rules"), {});
    QCOMPARE(messages(rs), QStringList());
    QVERIFY(ok);
    const Rule *r = ruleAt(rs, tableOf(table), std::string_view(chain.constData(), size_t(chain.size())), 0);
    QVERIFY(r);
    QCOMPARE(target(*r), expected);
}

void TestParser::counters()
{
    const QByteArray doc = "*filter\n"
                           ":INPUT DROP [1286:57870]\n"
                           ":FORWARD ACCEPT [0:0]\n"
                           ":OUTPUT ACCEPT\n"
                           "[15727:709000] -A INPUT -j ACCEPT\n"
                           "-A FORWARD -c 7 420 -j ACCEPT\n"
                           "-A FORWARD -c 8,480 -j ACCEPT\n"
                           "COMMIT\n";
    Ruleset rs;
    QVERIFY(DumpParser::parseInto(rs, doc, QStringLiteral("c.rules"), {}));
    QCOMPARE(rs.formats, std::vector<QString>{QStringLiteral("iptables-save")});
    const Table &t = rs.table(TableId::Filter);
    const Chain &input = t.chains[size_t(t.chainIndex("INPUT"))];
    QCOMPARE(input.policyDrop, true);
    QCOMPARE(input.policyPackets, quint64(1286));
    QCOMPARE(input.policyBytes, quint64(57870));
    QCOMPARE(input.rules.at(0).packets, quint64(15727));
    QCOMPARE(input.rules.at(0).bytes, quint64(709000));
    QCOMPARE(input.rules.at(0).loc.line, 5);
    QCOMPARE(qs(input.rules.at(0).text), QStringLiteral("[15727:709000] -A INPUT -j ACCEPT"));
    const Chain &fwd = t.chains[size_t(t.chainIndex("FORWARD"))];
    QCOMPARE(fwd.rules.at(0).packets, quint64(7));
    QCOMPARE(fwd.rules.at(0).bytes, quint64(420));
    QCOMPARE(fwd.rules.at(1).packets, quint64(8));
    QCOMPARE(fwd.rules.at(1).bytes, quint64(480));
    const Chain &output = t.chains[size_t(t.chainIndex("OUTPUT"))];
    QCOMPARE(output.policyPackets, quint64(0));
}

void TestParser::quoting_data()
{
    QTest::addColumn<QByteArray>("options");
    QTest::addColumn<QString>("expected");
    QTest::addRow("double quotes") << QByteArray("-m comment --comment \"a b  c\"") << QStringLiteral("comment:Comment [a b  c]");
    QTest::addRow("escaped quote") << QByteArray("-m comment --comment \"say \\\"hi\\\"\"") << QStringLiteral("comment:Comment [say \"hi\"]");
    QTest::addRow("escaped backslash") << QByteArray("-m comment --comment \"a\\\\b\"") << QStringLiteral("comment:Comment [a\\b]");
    QTest::addRow("single quotes") << QByteArray("-m comment --comment 'x \"y\"'") << QStringLiteral("comment:Comment [x \"y\"]");
    QTest::addRow("empty quoted") << QByteArray("-m comment --comment \"\"") << QStringLiteral("comment:Comment []");
    QTest::addRow("quoted negation is a value") << QByteArray("-m comment --comment \"!\"") << QStringLiteral("comment:Comment [!]");
    QTest::addRow("tabs between words") << QByteArray("-s\t10.0.0.1 \t -m comment --comment x") << QStringLiteral("Src 10.0.0.1/32 | comment:Comment [x]");
    QTest::addRow("utf-8 comment") << QByteArray("-m comment --comment \"\xe6\xb3\xa8\"") << QStringLiteral("comment:Comment [%1]").arg(QChar(0x6ce8));
}

void TestParser::quoting()
{
    QFETCH(QByteArray, options);
    QFETCH(QString, expected);
    Ruleset rs;
    QVERIFY(DumpParser::parseInto(rs, wrap("filter", "INPUT", options), QStringLiteral("q.rules"), {}));
    const Rule *r = ruleAt(rs, TableId::Filter, "INPUT", 0);
    QVERIFY(r);
    QCOMPARE(criteria(rs, *r), expected);
    QCOMPARE(messages(rs, Diagnostic::Warning), QStringList());
}

void TestParser::specFormat_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("table");      // forced table, empty for inference
    QTest::addColumn<QString>("readAs");
    QTest::addColumn<QString>("chains");
    QTest::addColumn<QString>("firstRule");

    QTest::addRow("filter") << QByteArray("-P INPUT ACCEPT\n-P FORWARD DROP\n-P OUTPUT ACCEPT\n-N KUBE-FORWARD\n"
                                          "-A FORWARD -m comment --comment \"kubernetes forwarding rules\" -j KUBE-FORWARD\n"
                                          "-A KUBE-FORWARD -m mark --mark 0x4000/0x4000 -j ACCEPT\n")
                            << QString() << QStringLiteral("filter")
                            << QStringLiteral("INPUT 0, FORWARD 1, OUTPUT 0, KUBE-FORWARD 1")
                            << QStringLiteral("comment:Comment [kubernetes forwarding rules] -> Jump KUBE-FORWARD");
    QTest::addRow("nat inferred from DNAT") << QByteArray("-P PREROUTING ACCEPT\n-N KUBE-SEP-X\n"
                                                          "-A KUBE-SEP-X -p tcp -m tcp -j DNAT --to-destination 10.224.2.16:80\n")
                                            << QString() << QStringLiteral("nat")
                                            << QStringLiteral("PREROUTING 0, KUBE-SEP-X 1")
                                            << QStringLiteral("Proto 6 -> Dnat 10.224.2.16-10.224.2.16 80:80");
    QTest::addRow("table from comment") << QByteArray("# iptables -t mangle -S\n-P PREROUTING ACCEPT\n-A PREROUTING -j MARK --set-mark 1\n")
                                        << QString() << QStringLiteral("mangle")
                                        << QStringLiteral("PREROUTING 1")
                                        << QStringLiteral(" -> Mark 0x1/0xffffffff");
    QTest::addRow("table given") << QByteArray("-P OUTPUT ACCEPT\n-A OUTPUT -j CT --notrack\n")
                                 << QStringLiteral("raw") << QStringLiteral("raw")
                                 << QStringLiteral("OUTPUT 1")
                                 << QStringLiteral(" -> Ct mode=1");
    QTest::addRow("-S -v counters") << QByteArray("-P INPUT DROP -c 10 20\n-A INPUT -s 10.0.0.0/8 -c 5 300 -j ACCEPT\n")
                                    << QString() << QStringLiteral("filter")
                                    << QStringLiteral("INPUT 1")
                                    << QStringLiteral("Src 10.0.0.0/8 -> Accept");
}

void TestParser::specFormat()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, table);
    QFETCH(QString, readAs);
    QFETCH(QString, chains);
    QFETCH(QString, firstRule);
    DumpParser::Options opt;
    if (!table.isEmpty())
        opt.table = tableOf(table.toUtf8());
    QCOMPARE(DumpParser::detect(text), DumpParser::Format::Spec);
    Ruleset rs;
    QVERIFY(DumpParser::parseInto(rs, text, QStringLiteral("s.txt"), opt));
    QCOMPARE(messages(rs), QStringList());
    const TableId id = tableOf(readAs.toUtf8());
    QVERIFY(rs.table(id).present);
    QCOMPARE(chainSizes(rs, id), chains);
    const Rule *r = nullptr;
    for (const Chain &c : rs.table(id).chains) {
        if (!r && !c.rules.empty())
            r = &c.rules.front();
    }
    QVERIFY(r);
    QCOMPARE(criteria(rs, *r) + QStringLiteral(" -> ") + target(*r), firstRule);
    if (text.contains("-c 10 20")) {
        const Chain &input = rs.table(id).chains.front();
        QCOMPARE(input.policyDrop, true);
        QCOMPARE(input.policyPackets, quint64(10));
        QCOMPARE(input.policyBytes, quint64(20));
        QCOMPARE(r->packets, quint64(5));
        QCOMPARE(r->bytes, quint64(300));
    }
    // Without a forced table the guess is shown to the user.
    if (table.isEmpty())
        QVERIFY(!messages(rs, Diagnostic::Warning).isEmpty());
}

void TestParser::detect_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("format");
    using F = DumpParser::Format;
    QTest::addRow("save") << QByteArray("# Generated by iptables-save\n*filter\n") << int(F::Save);
    QTest::addRow("save -c") << QByteArray("[1:2] -A INPUT -j ACCEPT\n") << int(F::Save);
    QTest::addRow("spec") << QByteArray("\n-P INPUT ACCEPT\n") << int(F::Spec);
    QTest::addRow("listing") << QByteArray("Chain INPUT (policy ACCEPT)\n") << int(F::Listing);
    QTest::addRow("listing after prose") << QByteArray("* a markdown bullet\n: a colon line\n- a dash\nChain X (1 references)\n") << int(F::Listing);
    QTest::addRow("nothing") << QByteArray("hello\nworld\n") << int(F::Unknown);
    QTest::addRow("empty") << QByteArray() << int(F::Unknown);
}

void TestParser::detect()
{
    QFETCH(QByteArray, text);
    QFETCH(int, format);
    QCOMPARE(int(DumpParser::detect(text)), format);
}

void TestParser::listing_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("chains");    // table: chain rules, ...
    QTest::addColumn<QString>("rules");     // every rule: criteria -> target, one per line

    // kube-proxy's session affinity and nfacct, as `iptables -t nat -L -n` prints them
    QTest::addRow("-L recent, nfacct, set flags")
            << QByteArray("# iptables -t nat -L -n\n"
                          "Chain KUBE-SVC-AFF (1 references)\n"
                          "target     prot opt source               destination\n"
                          "KUBE-SEP-AAAA  all  --  0.0.0.0/0            0.0.0.0/0            /* default/sticky -> 10.244.1.5:8080 */ "
                          "recent: CHECK seconds: 10800 reap name: KUBE-SEP-AAAA side: source mask: 255.255.255.255\n"
                          "\n"
                          "Chain KUBE-SEP-AAAA (2 references)\n"
                          "target     prot opt source               destination\n"
                          "DNAT       tcp  --  0.0.0.0/0            0.0.0.0/0            /* default/sticky */ "
                          "recent: SET name: KUBE-SEP-AAAA side: source mask: 255.255.255.255 tcp to:10.244.1.5:8080\n"
                          "\n"
                          "Chain KUBE-NODEPORTS (1 references)\n"
                          "target     prot opt source               destination\n"
                          "ACCEPT     all  --  0.0.0.0/0            0.0.0.0/0            nfacct-name  localhost_nps_accepted_pkts\n"
                          "DROP       all  --  0.0.0.0/0            0.0.0.0/0            ! recent: UPDATE seconds: 60 hit_count: 4 TTL-Match name: SSH side: dest mask: 255.255.255.0\n"
                          "RETURN     all  --  0.0.0.0/0            0.0.0.0/0            ! match-set cali40all-hosts-net dst return-nomatch ! update-counters packets-gt 3\n")
            << QStringLiteral("nat: KUBE-SVC-AFF 1, KUBE-SEP-AAAA 1, KUBE-NODEPORTS 3")
            << QStringLiteral("comment:Comment [default/sticky -> 10.244.1.5:8080] | recent:Recent rcheck KUBE-SEP-AAAA seconds=10800 "
                              "mask=255.255.255.255 reap rsource -> Jump KUBE-SEP-AAAA\n"
                              "Proto 6 | comment:Comment [default/sticky] | recent:Recent set KUBE-SEP-AAAA seconds=0 mask=255.255.255.255 rsource "
                              "-> Dnat 10.244.1.5-10.244.1.5 8080:8080\n"
                              "nfacct:Nfacct [localhost_nps_accepted_pkts] -> Accept\n"
                              "!recent:Recent update SSH seconds=60 mask=255.255.255.0 rttl hits=4 rdest -> Drop\n"
                              "!set:Set cali40all-hosts-net 1 0x0 flags=0x7 -> Return");
    QTest::addRow("plain -L") << QByteArray("Chain INPUT (policy ACCEPT)\n"
                                            "target     prot opt source               destination\n"
                                            "ACCEPT     all  --  anywhere             anywhere             state RELATED,ESTABLISHED\n"
                                            "ACCEPT     tcp  --  anywhere             10.0.0.1             tcp dpt:http\n"
                                            "DROP       icmp --  10.0.0.0/8           anywhere             icmp echo-request\n")
                              << QStringLiteral("filter: INPUT 3")
                              << QStringLiteral("state:CtState 0x6 -> Accept\n"
                                                "Dst 10.0.0.1/32 | Proto 6 | tcp:DstPort 80:80 -> Accept\n"
                                                "Src 10.0.0.0/8 | Proto 1 | icmp:IcmpType 8 0:255 -> Drop");
    QTest::addRow("-n with protocol numbers") << QByteArray("Chain OUTPUT (policy DROP)\n"
                                                            "target     prot opt source               destination\n"
                                                            "ACCEPT     6    --  0.0.0.0/0            0.0.0.0/0            tcp spts:1024:65535 dpt:443\n"
                                                            "ACCEPT     0    --  127.0.0.0/8          0.0.0.0/0\n")
                                              << QStringLiteral("filter: OUTPUT 2")
                                              << QStringLiteral("Proto 6 | tcp:SrcPort 1024:65535 | tcp:DstPort 443:443 -> Accept\n"
                                                                "Src 127.0.0.0/8 -> Accept");
    QTest::addRow("-v -n with interfaces") << QByteArray("Chain FORWARD (policy DROP 0 packets, 0 bytes)\n"
                                                         " pkts bytes target     prot opt in     out     source               destination\n"
                                                         "    0     0 ACCEPT     all  --  docker0 !docker0  0.0.0.0/0            0.0.0.0/0\n"
                                                         "    0     0 ACCEPT     all  --  *      flannel+  0.0.0.0/0          !10.244.0.0/16\n")
                                           << QStringLiteral("filter: FORWARD 2")
                                           << QStringLiteral("InIface docker0 | !OutIface docker0 -> Accept\n"
                                                             "!Dst 10.244.0.0/16 | OutIface flannel+ -> Accept");
    QTest::addRow("empty target column") << QByteArray("Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)\n"
                                                       " pkts bytes target     prot opt in     out     source               destination\n"
                                                       "   12   720            all  --  *      *       10.0.0.0/8           0.0.0.0/0\n"
                                                       "    3   180            tcp  -f  *      *       0.0.0.0/0            0.0.0.0/0\n")
                                         << QStringLiteral("filter: FORWARD 2")
                                         << QStringLiteral("Src 10.0.0.0/8 -> None\nProto 6 | Fragment -> None");
    QTest::addRow("--line-numbers -v -x") << QByteArray("Chain KUBE-FORWARD (1 references)\n"
                                                        "num      pkts      bytes target     prot opt in     out     source               destination\n"
                                                        "1           0        0 DROP       all  --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate INVALID\n"
                                                        "2      123456 98765432 ACCEPT     all  --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes forwarding rules */ mark match 0x4000/0x4000\n")
                                          << QStringLiteral("filter: KUBE-FORWARD 2")
                                          << QStringLiteral("conntrack:CtState 0x1 -> Drop\n"
                                                            "comment:Comment [kubernetes forwarding rules] | mark:Mark 0x4000/0x4000 -> Accept");
    QTest::addRow("--line-numbers without -v") << QByteArray("Chain INPUT (policy ACCEPT)\n"
                                                             "num  target     prot opt source               destination\n"
                                                             "1    ACCEPT     udp  --  0.0.0.0/0            0.0.0.0/0            udp dpt:53\n"
                                                             "2    REJECT     tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:25 reject-with tcp-reset\n")
                                               << QStringLiteral("filter: INPUT 2")
                                               << QStringLiteral("Proto 17 | udp:DstPort 53:53 -> Accept\n"
                                                                 "Proto 6 | tcp:DstPort 25:25 -> Reject [tcp-reset]");
    QTest::addRow("nat print-outs") << QByteArray("Chain KUBE-SEP-X (1 references)\n"
                                                  "target     prot opt source               destination\n"
                                                  "KUBE-MARK-MASQ  all  --  10.224.1.14          0.0.0.0/0            /* ns/svc */\n"
                                                  "DNAT       tcp  --  0.0.0.0/0            0.0.0.0/0            /* ns/svc */ tcp to:10.224.1.14:80\n"
                                                  "\n"
                                                  "Chain KUBE-MARK-MASQ (3 references)\n"
                                                  "target     prot opt source               destination\n"
                                                  "MARK       all  --  0.0.0.0/0            0.0.0.0/0            MARK or 0x4000\n"
                                                  "\n"
                                                  "Chain POSTROUTING (policy ACCEPT)\n"
                                                  "target     prot opt source               destination\n"
                                                  "MASQUERADE  tcp  --  10.0.0.0/8           0.0.0.0/0            masq ports: 1024-2048\n"
                                                  "REDIRECT   tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:80 redir ports 3128\n")
                                    << QStringLiteral("nat: KUBE-SEP-X 2, KUBE-MARK-MASQ 1, POSTROUTING 2")
                                    << QStringLiteral("Src 10.224.1.14/32 | comment:Comment [ns/svc] -> Jump KUBE-MARK-MASQ\n"
                                                      "Proto 6 | comment:Comment [ns/svc] -> Dnat 10.224.1.14-10.224.1.14 80:80\n"
                                                      "-> Mark 0x4000/0x4000\n"
                                                      "Src 10.0.0.0/8 | Proto 6 -> Masquerade 1024:2048\n"
                                                      "Proto 6 | tcp:DstPort 80:80 -> Redirect 3128:3128");
    QTest::addRow("extension print-outs") << QByteArray("Chain INPUT (policy ACCEPT)\n"
                                                        "target     prot opt source               destination\n"
                                                        "ACCEPT     all  --  0.0.0.0/0            0.0.0.0/0            ADDRTYPE match dst-type LOCAL\n"
                                                        "ACCEPT     all  --  0.0.0.0/0            0.0.0.0/0            statistic mode random probability 0.50000000000\n"
                                                        "ACCEPT     all  --  0.0.0.0/0            0.0.0.0/0            statistic mode nth every 3 packet 1\n"
                                                        "ACCEPT     tcp  --  0.0.0.0/0            0.0.0.0/0            multiport dports 22,80,8000:8100\n"
                                                        "ACCEPT     all  --  0.0.0.0/0            0.0.0.0/0            source IP range 1.1.1.1-1.1.1.9\n"
                                                        "LOG        all  --  0.0.0.0/0            10.224.2.16          LOG flags 0 level 4 prefix \"[iptables 3:]\"\n")
                                          << QStringLiteral("filter: INPUT 6")
                                          << QStringLiteral("addrtype:AddrDstType 0x4 -> Accept\n"
                                                            "statistic:StatRandom 0x40000000 -> Accept\n"
                                                            "statistic:StatNth 3 1 -> Accept\n"
                                                            "Proto 6 | multiport:MultiDstPorts 22,80,8000:8100 -> Accept\n"
                                                            "iprange:IpRangeSrc 1.1.1.1-1.1.1.9 -> Accept\n"
                                                            "Dst 10.224.2.16/32 -> Log [[iptables 3:]]");
}

void TestParser::listing()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, chains);
    QFETCH(QString, rules);
    QCOMPARE(DumpParser::detect(text), DumpParser::Format::Listing);
    Ruleset rs;
    QVERIFY(DumpParser::parseInto(rs, text, QStringLiteral("l.txt"), {}));
    QCOMPARE(messages(rs), QStringList());
    QStringList tables, lines;
    for (int t = 0; t < TableCount; ++t) {
        if (!rs.table(TableId(t)).present)
            continue;
        tables << qs(tableName(TableId(t))) + QStringLiteral(": ") + chainSizes(rs, TableId(t));
        for (const Chain &c : rs.table(TableId(t)).chains) {
            for (const Rule &r : c.rules) {
                const QString crit = criteria(rs, r);
                lines << (crit.isEmpty() ? QString() : crit + QLatin1Char(' ')) + QStringLiteral("-> ") + target(r);
            }
        }
    }
    QCOMPARE(tables.join(QStringLiteral("; ")), chains);
    QCOMPARE(lines.join(QLatin1Char('\n')), rules);
}

void TestParser::listingCounts_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<quint64>("policyPackets");
    QTest::addColumn<quint64>("policyBytes");
    QTest::addColumn<quint64>("packets");
    QTest::addColumn<quint64>("bytes");
    const QByteArray head = " pkts bytes target     prot opt in     out     source               destination\n";
    QTest::addRow("plain numbers") << QByteArray("Chain INPUT (policy ACCEPT 4660 packets, 57870 bytes)\n" + head
                                                 + "  695 58480 ACCEPT     all  --  *      *       0.0.0.0/0            0.0.0.0/0\n")
                                   << quint64(4660) << quint64(57870) << quint64(695) << quint64(58480);
    QTest::addRow("K") << QByteArray("Chain INPUT (policy ACCEPT 4660 packets, 212K bytes)\n" + head
                                     + "14362  654K ACCEPT     all  --  any    any     anywhere             anywhere\n")
                       << quint64(4660) << quint64(212000) << quint64(14362) << quint64(654000);
    QTest::addRow("M and G") << QByteArray("Chain INPUT (policy DROP 12M packets, 3G bytes)\n" + head
                                           + " 100M   42G ACCEPT     all  --  *      *       0.0.0.0/0            0.0.0.0/0\n")
                             << quint64(12000000) << quint64(3000000000ull) << quint64(100000000) << quint64(42000000000ull);
    QTest::addRow("T") << QByteArray("Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n" + head
                                     + "    1    2T ACCEPT     all  --  *      *       0.0.0.0/0            0.0.0.0/0\n")
                       << quint64(0) << quint64(0) << quint64(1) << quint64(2000000000000ull);
    QTest::addRow("-x exact") << QByteArray("Chain INPUT (policy ACCEPT 123456789 packets, 98765432101 bytes)\n" + head
                                            + "123456789012 98765432101234 ACCEPT     all  --  *      *       0.0.0.0/0            0.0.0.0/0\n")
                              << quint64(123456789) << quint64(98765432101ull) << quint64(123456789012ull) << quint64(98765432101234ull);
}

void TestParser::listingCounts()
{
    QFETCH(QByteArray, text);
    QFETCH(quint64, policyPackets);
    QFETCH(quint64, policyBytes);
    QFETCH(quint64, packets);
    QFETCH(quint64, bytes);
    Ruleset rs;
    QVERIFY(DumpParser::parseInto(rs, text, QStringLiteral("l.txt"), {TableId::Filter, {}, {}}));
    const Chain &c = rs.table(TableId::Filter).chains.at(0);
    QCOMPARE(c.policyPackets, policyPackets);
    QCOMPARE(c.policyBytes, policyBytes);
    QCOMPARE(c.rules.size(), size_t(1));
    QCOMPARE(c.rules[0].packets, packets);
    QCOMPARE(c.rules[0].bytes, bytes);
    quint64 n = 0;
    QVERIFY(ListingParser::parseCount("654K", n));
    QCOMPARE(n, quint64(654000));
    QVERIFY(!ListingParser::parseCount("1.2K", n));
    QVERIFY(!ListingParser::parseCount("K", n));
}

void TestParser::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");    // the first error, as FILE:LINE:COL: message

    const QByteArray head = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n";
    const auto rule = [&](const char *r) { return head + r + "\nCOMMIT\n"; };
    // Document structure
    QTest::addRow("recent without a command") << rule("-A INPUT -m recent --name x --rsource -j DROP")
            << QStringLiteral("e.rules:5:10: recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'");
    QTest::addRow("recent with two commands") << rule("-A INPUT -m recent --set --rcheck --name x -j DROP")
            << QStringLiteral("e.rules:5:10: recent: only one of `--set', `--rcheck' `--update' or `--remove' may be set");
    QTest::addRow("recent --rttl with --set") << rule("-A INPUT -m recent --set --rttl -j DROP")
            << QStringLiteral("e.rules:5:10: recent: --rttl may only be used with --rcheck or --update");
    QTest::addRow("recent --reap without --seconds") << rule("-A INPUT -m recent --rcheck --reap -j DROP")
            << QStringLiteral("e.rules:5:10: xt_recent: --reap needs --seconds");
    QTest::addRow("recent hitcount too large") << rule("-A INPUT -m recent --rcheck --hitcount 65536 --name foo -j DROP")
            << QStringLiteral("e.rules:5:10: xt_recent: hitcount (65536) is larger than allowed maximum (65535)");
    QTest::addRow("nfacct without a name") << rule("-A INPUT -m nfacct -j ACCEPT")
            << QStringLiteral("e.rules:5:10: nfacct: option \"--nfacct-name\" must be specified");
    QTest::addRow("unknown table") << QByteArray("*filtr\nCOMMIT\n")
                                   << QStringLiteral("e.rules:1:2: unknown table \"filtr\"; expected raw, mangle, nat, filter or security");
    QTest::addRow("missing COMMIT") << QByteArray("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\n")
                                    << QStringLiteral("e.rules:3: COMMIT expected at the end of table filter (opened at line 1)");
    QTest::addRow("new table before COMMIT") << QByteArray("*filter\n:INPUT ACCEPT [0:0]\n*nat\nCOMMIT\n")
                                             << QStringLiteral("e.rules:3:1: COMMIT expected before a new table (table filter opened at line 1)");
    QTest::addRow("COMMIT without table") << QByteArray("*filter\nCOMMIT\nCOMMIT\n")
                                          << QStringLiteral("e.rules:3:1: COMMIT without a table (expected a *table line first)");
    QTest::addRow("rule outside a table") << QByteArray("*filter\nCOMMIT\n  -A INPUT -j ACCEPT\n")
                                          << QStringLiteral("e.rules:3:3: expected a *table line before this");
    QTest::addRow("chain not declared") << rule("-A FOO -j ACCEPT")
                                        << QStringLiteral("e.rules:5:4: chain FOO does not exist in table filter (declare it with :FOO - [0:0])");
    QTest::addRow("chain declared twice") << QByteArray(head + ":INPUT ACCEPT [0:0]\nCOMMIT\n")
                                          << QStringLiteral("e.rules:5:2: chain INPUT is declared twice");
    QTest::addRow("bad policy") << QByteArray("*filter\n:INPUT REJECT [0:0]\nCOMMIT\n")
                                << QStringLiteral("e.rules:2:8: bad built-in chain policy \"REJECT\"; expected ACCEPT or DROP");
    QTest::addRow("user chain with policy") << QByteArray("*filter\n:USER ACCEPT [0:0]\nCOMMIT\n")
                                            << QStringLiteral("e.rules:2:7: USER is not a built-in chain of table filter, so its policy must be \"-\"");
    QTest::addRow("built-in of another table") << QByteArray("*filter\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n")
                                               << QStringLiteral("e.rules:2:13: PREROUTING is not a built-in chain of table filter, so its policy must be \"-\"");
    QTest::addRow("bad counters") << QByteArray("*filter\n:INPUT ACCEPT [x:0]\nCOMMIT\n")
                                  << QStringLiteral("e.rules:2:15: expected counters as [packets:bytes]");
    QTest::addRow("bad rule counters") << rule("[1:] -A INPUT -j ACCEPT")
                                       << QStringLiteral("e.rules:5:1: expected counters as [packets:bytes]");
    QTest::addRow("not a command") << rule("-X INPUT")
                                   << QStringLiteral("e.rules:5:1: expected :CHAIN, -A, COMMIT or *table, found \"-X\"");
    QTest::addRow("insert out of range") << rule("-I INPUT 3 -j ACCEPT")
                                         << QStringLiteral("e.rules:5:10: index of insertion 3 is out of range (chain has 0 rules)");
    QTest::addRow("unterminated quote") << rule("-A INPUT -m comment --comment \"open -j ACCEPT")
                                        << QStringLiteral("e.rules:5:31: unterminated quoted string");
    QTest::addRow("binary") << QByteArray("*filter\n\0\nCOMMIT\n", 17)
                            << QStringLiteral("e.rules:1: this is a binary file, not a rule dump");
    QTest::addRow("not a dump") << QByteArray("hello\nworld\n")
                                << QStringLiteral("e.rules:1:1: not a rule dump: expected iptables-save (*table, :CHAIN, -A), "
                                                  "iptables -S (-P, -N, -A) or iptables -L (Chain NAME (...)) output");
    // Options
    QTest::addRow("missing argument") << rule("-A INPUT -p tcp --dport")
                                      << QStringLiteral("e.rules:5:17: option \"--dport\" requires an argument");
    QTest::addRow("unknown option") << rule("-A INPUT --bogus 1 -j ACCEPT")
                                    << QStringLiteral("e.rules:5:10: unknown option \"--bogus\"");
    QTest::addRow("bad argument") << rule("-A INPUT -m state wrong")
                                  << QStringLiteral("e.rules:5:19: Bad argument \"wrong\"");
    QTest::addRow("option takes no value") << rule("-A INPUT -p tcp --syn=1")
                                           << QStringLiteral("e.rules:5:17: option \"--syn\" doesn't allow an argument");
    QTest::addRow("double negation") << rule("-A INPUT ! ! -s 1.2.3.4")
                                     << QStringLiteral("e.rules:5:12: multiple \"!\" flags not allowed");
    QTest::addRow("dangling negation") << rule("-A INPUT -j ACCEPT !")
                                       << QStringLiteral("e.rules:5:20: \"!\" at the end of the rule negates nothing");
    QTest::addRow("two -p") << rule("-A INPUT -p tcp -p udp")
                            << QStringLiteral("e.rules:5:17: multiple -p flags not allowed");
    QTest::addRow("two targets") << rule("-A INPUT -j ACCEPT -j DROP")
                                 << QStringLiteral("e.rules:5:20: multiple -j flags not allowed");
    QTest::addRow("ip6tables rule") << rule("-A INPUT -6 -j ACCEPT")
                                    << QStringLiteral("e.rules:5:10: this is an IPv4 rule set; -6 rules belong to ip6tables");
    // Values iptables refuses
    QTest::addRow("prefix /33") << rule("-A INPUT -s 1.2.3.4/33")
                                << QStringLiteral("e.rules:5:13: host/network \"1.2.3.4/33\" not found");
    QTest::addRow("host name") << rule("-A INPUT -d example.com")
                               << QStringLiteral("e.rules:5:13: host/network \"example.com\" not found");
    QTest::addRow("interface too long") << rule("-A FORWARD -i thisinterfaceistoolong0")
                                        << QStringLiteral("e.rules:5:15: interface name \"thisinterfaceistoolong0\" must be shorter than IFNAMSIZ (15)");
    QTest::addRow("unknown protocol") << rule("-A INPUT -p tcpx")
                                      << QStringLiteral("e.rules:5:13: unknown protocol \"tcpx\" specified");
    QTest::addRow("never matching protocol") << rule("-A INPUT ! -p all")
                                             << QStringLiteral("e.rules:5:15: rule would never match protocol");
    QTest::addRow("port out of range") << rule("-A INPUT -p tcp -m tcp --dport 65536")
                                       << QStringLiteral("e.rules:5:32: invalid port/service \"65536\" specified");
    QTest::addRow("port range reversed") << rule("-A INPUT -p udp --sport 4:3")
                                         << QStringLiteral("e.rules:5:25: invalid portrange (min > max): \"4:3\"");
    QTest::addRow("tcp without -p tcp") << rule("-A INPUT -m tcp --dport 1")
                                        << QStringLiteral("e.rules:5:10: tcp match: only valid for protocol 6 (use -p tcp)");
    QTest::addRow("tcp flag") << rule("-A INPUT -p tcp --tcp-flags SYN,BOGUS SYN")
                              << QStringLiteral("e.rules:5:29: Unknown TCP flag \"SYN,BOGUS\"");
    QTest::addRow("icmp type") << rule("-A INPUT -p icmp --icmp-type 256")
                               << QStringLiteral("e.rules:5:30: Invalid ICMP type \"256\"");
    QTest::addRow("multiport too many") << rule("-A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16")
                                        << QStringLiteral("e.rules:5:39: too many ports specified");
    QTest::addRow("multiport without option") << rule("-A INPUT -p tcp -m multiport")
                                              << QStringLiteral("e.rules:5:17: multiport expects an option");
    QTest::addRow("ctstate") << rule("-A INPUT -m conntrack --ctstate NEW,OLD")
                             << QStringLiteral("e.rules:5:33: Bad ctstate \"NEW,OLD\"");
    QTest::addRow("conntrack without option") << rule("-A INPUT -m conntrack")
                                              << QStringLiteral("e.rules:5:10: conntrack: At least one option is required");
    QTest::addRow("mark out of range") << rule("-A INPUT -m mark --mark 4294967296")
                                       << QStringLiteral("e.rules:5:25: mark: bad integer value for option \"--mark\", or out of range: \"4294967296\"");
    QTest::addRow("mark required") << rule("-A INPUT -m mark")
                                   << QStringLiteral("e.rules:5:10: mark: option \"--mark\" must be specified");
    QTest::addRow("addrtype type") << rule("-A INPUT -m addrtype --src-type wrong")
                                   << QStringLiteral("e.rules:5:33: addrtype: bad type \"wrong\"");
    QTest::addRow("addrtype in and out") << rule("-A INPUT -m addrtype --src-type LOCAL --limit-iface-in --limit-iface-out")
                                         << QStringLiteral("e.rules:5:10: addrtype: option \"--limit-iface-in\" cannot be used together with \"--limit-iface-out\".");
    QTest::addRow("comment too long") << rule("-A INPUT -m comment --comment " + QByteArray(256, 'x'))
                                      << QStringLiteral("e.rules:5:31: COMMENT must be shorter than 256 characters");
    QTest::addRow("probability") << rule("-A INPUT -m statistic --mode random --probability 1.1")
                                 << QStringLiteral("e.rules:5:51: statistic: bad value for option \"--probability\", or out of range (0-1).");
    QTest::addRow("nth packet") << rule("-A INPUT -m statistic --mode nth --every 5 --packet 5")
                                << QStringLiteral("e.rules:5:10: the --packet p must be 0 <= p <= n-1");
    QTest::addRow("nth needs packet") << rule("-A INPUT -m statistic --mode nth --every 5")
                                      << QStringLiteral("e.rules:5:10: statistic: option \"--every\" also requires \"--packet\".");
    QTest::addRow("length range") << rule("-A INPUT -m length --length 0:65536")
                                  << QStringLiteral("e.rules:5:29: length: bad value for option \"--length\" near \"0:65536\", or out of range (0-65535).");
    QTest::addRow("limit invert") << rule("-A INPUT -m limit ! --limit 1/s")
                                  << QStringLiteral("e.rules:5:21: limit does not support invert");
    QTest::addRow("owner in INPUT") << rule("-A INPUT -m owner --uid-owner 0")
                                    << QStringLiteral("e.rules:5:10: owner match: only valid in the OUTPUT and POSTROUTING chains");
    QTest::addRow("suppl-groups first") << rule("-A OUTPUT -m owner --suppl-groups --gid-owner 0")
                                        << QStringLiteral("e.rules:5:20: owner: Bad value for \"--suppl-groups\" option: \"you need to use --gid-owner first\"");
    QTest::addRow("set one arg") << rule("-A INPUT -m set --match-set foo")
                                 << QStringLiteral("e.rules:5:17: --match-set requires two args.");
    QTest::addRow("mac") << rule("-A INPUT -m mac --mac-source 42:01:02:03:04")
                         << QStringLiteral("e.rules:5:30: Invalid MAC address specified: \"42:01:02:03:04\"");
    QTest::addRow("ttl") << rule("-A INPUT -m ttl --ttl-eq 256")
                         << QStringLiteral("e.rules:5:26: ttl: bad value for option \"--ttl-eq\", or out of range (0-255).");
    // Targets
    QTest::addRow("DNAT in filter") << rule("-A INPUT -j DNAT --to-destination 1.1.1.1")
                                    << QStringLiteral("e.rules:5:10: DNAT target: only valid in nat table, not filter");
    QTest::addRow("DNAT port needs protocol") << QByteArray("*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j DNAT --to-destination 1.1.1.1:80\nCOMMIT\n")
                                              << QStringLiteral("e.rules:3:40: Need TCP, UDP, SCTP or DCCP with port specification");
    QTest::addRow("DNAT twice") << QByteArray("*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j DNAT --to-destination 1.1.1.1 --to-destination 2.2.2.2\nCOMMIT\n")
                                << QStringLiteral("e.rules:3:48: DNAT: option \"--to-destination\" can only be used once.");
    QTest::addRow("DNAT required") << QByteArray("*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j DNAT\nCOMMIT\n")
                                   << QStringLiteral("e.rules:3:15: DNAT: option \"--to-destination\" must be specified");
    QTest::addRow("DNAT port") << QByteArray("*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1:echo-ssh\nCOMMIT\n")
                               << QStringLiteral("e.rules:3:47: Port \"echo-ssh\" not valid");
    QTest::addRow("SNAT in PREROUTING") << QByteArray("*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j SNAT --to-source 1.1.1.1\nCOMMIT\n")
                                        << QStringLiteral("e.rules:3:15: SNAT target: not valid in the PREROUTING chain");
    QTest::addRow("REDIRECT port") << QByteArray("*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp -j REDIRECT --to-ports 10-ssh\nCOMMIT\n")
                                   << QStringLiteral("e.rules:3:45: Port \"ssh\" not valid");
    QTest::addRow("-i in OUTPUT") << rule("-A OUTPUT -p tcp -i eth0")
                                  << QStringLiteral("e.rules:5:18: Can't use -i with OUTPUT");
    QTest::addRow("MARK without operation") << rule("-A INPUT -j MARK")
                                            << QStringLiteral("e.rules:5:10: MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required");
    QTest::addRow("MARK value") << rule("-A INPUT -j MARK --set-xmark -1")
                                << QStringLiteral("e.rules:5:30: MARK: bad integer value for option \"--set-xmark\", or out of range.");
    QTest::addRow("REJECT type") << rule("-A INPUT -j REJECT --reject-with bogus")
                                 << QStringLiteral("e.rules:5:34: unknown reject type \"bogus\"");
    QTest::addRow("tcp-reset needs tcp") << rule("-A INPUT -j REJECT --reject-with tcp-reset")
                                         << QStringLiteral("e.rules:5:34: REJECT: TCP_RESET invalid for non-tcp");
    QTest::addRow("log level") << rule("-A INPUT -j LOG --log-level bad")
                               << QStringLiteral("e.rules:5:29: log level \"bad\" unknown");
    QTest::addRow("log prefix") << rule("-A INPUT -j LOG --log-prefix 012345678901234567890123456789")
                                << QStringLiteral("e.rules:5:30: Maximum prefix length 29 for --log-prefix");
    QTest::addRow("CT outside raw") << rule("-A INPUT -j CT --notrack")
                                    << QStringLiteral("e.rules:5:10: CT target: only valid in raw table, not filter");
    QTest::addRow("CT zone") << QByteArray("*raw\n:OUTPUT ACCEPT [0:0]\n-A OUTPUT -j CT --zone 65536\nCOMMIT\n")
                             << QStringLiteral("e.rules:3:24: Cannot parse 65536 as a zone ID");
    QTest::addRow("NFLOG group") << rule("-A INPUT -j NFLOG --nflog-group 65536")
                                 << QStringLiteral("e.rules:5:33: NFLOG: bad value for option \"--nflog-group\", or out of range (0-65535).");
    QTest::addRow("option for another target") << rule("-A INPUT -j ACCEPT --log-prefix x")
                                               << QStringLiteral("e.rules:5:20: unknown option \"--log-prefix\"");
    QTest::addRow("goto missing chain") << rule("-A INPUT -g MISSING")
                                        << QStringLiteral("e.rules:5:13: goto MISSING is not a chain of table filter");
    QTest::addRow("-c needs two") << rule("-A INPUT -c 3, -j ACCEPT")
                                  << QStringLiteral("e.rules:5:13: -c byte counter not numeric");
}

void TestParser::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    Ruleset rs;
    QVERIFY(!DumpParser::parseInto(rs, text, QStringLiteral("e.rules"), {}));
    const QStringList all = messages(rs);
    QVERIFY(!all.isEmpty());
    QCOMPARE(all.first(), error);
    // A rule that fails is kept, unknown, so the line still shows where it was.
    for (const Chain &c : rs.table(TableId::Filter).chains) {
        for (const Rule &r : c.rules)
            QVERIFY(r.loc.line > 0);
    }
}

void TestParser::ruleText_data()
{
    QTest::addColumn<QByteArray>("table");
    QTest::addColumn<QByteArray>("chain");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");   // criteria -> target, or "COL: message"

    QTest::addRow("options alone") << QByteArray("filter") << QByteArray("FORWARD") << QByteArray("-i flannel.1 -d 10.224.2.0/24 -j ACCEPT")
                                   << QStringLiteral("Dst 10.224.2.0/24 | InIface flannel.1 -> Accept");
    QTest::addRow("full command") << QByteArray("filter") << QByteArray("FORWARD")
                                  << QByteArray("iptables -t filter -A FORWARD -i flannel.1 -d 10.224.2.0/24 -j ACCEPT")
                                  << QStringLiteral("Dst 10.224.2.0/24 | InIface flannel.1 -> Accept");
    QTest::addRow("insert with position") << QByteArray("filter") << QByteArray("DOCKER-USER")
                                          << QByteArray("/usr/sbin/iptables -I DOCKER-USER 1 -i flannel.1 -o cni0 -j ACCEPT")
                                          << QStringLiteral("InIface flannel.1 | OutIface cni0 -> Accept");
    QTest::addRow("nat rule") << QByteArray("nat") << QByteArray("PREROUTING")
                              << QByteArray("-p tcp -d 10.108.94.160 --dport 80 -j DNAT --to-destination 10.224.2.16:80")
                              << QStringLiteral("Dst 10.108.94.160/32 | Proto 6 | tcp:DstPort 80:80 -> Dnat 10.224.2.16-10.224.2.16 80:80");
    QTest::addRow("empty") << QByteArray("filter") << QByteArray("INPUT") << QByteArray("") << QStringLiteral(" -> None");
    QTest::addRow("other table") << QByteArray("filter") << QByteArray("FORWARD") << QByteArray("-t nat -A FORWARD -j ACCEPT")
                                 << QStringLiteral("4: this rule names table nat but goes into table filter");
    QTest::addRow("unknown table") << QByteArray("filter") << QByteArray("FORWARD") << QByteArray("-t natt -A FORWARD -j ACCEPT")
                                   << QStringLiteral("4: can't initialize iptables table \"natt\": Table does not exist");
    QTest::addRow("other chain") << QByteArray("filter") << QByteArray("FORWARD") << QByteArray("-A INPUT -j ACCEPT")
                                 << QStringLiteral("4: this rule names chain INPUT but goes into chain FORWARD");
    QTest::addRow("bad value") << QByteArray("filter") << QByteArray("INPUT") << QByteArray("-p tcp --dport 99999")
                               << QStringLiteral("16: invalid port/service \"99999\" specified");
    QTest::addRow("unterminated") << QByteArray("filter") << QByteArray("INPUT") << QByteArray("-m comment --comment 'x")
                                  << QStringLiteral("22: unterminated quoted string");
}

void TestParser::ruleText()
{
    QFETCH(QByteArray, table);
    QFETCH(QByteArray, chain);
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    Ruleset rs;
    Rule r;
    ParseError err;
    const bool ok = RuleParser::parseRuleText(rs, tableOf(table), std::string_view(chain.constData(), size_t(chain.size())),
                                              std::string_view(text.constData(), size_t(text.size())), r, err);
    const QString got = ok ? criteria(rs, r) + QStringLiteral(" -> ") + target(r)
                           : QString::number(err.column) + QStringLiteral(": ") + err.message;
    QCOMPARE(got, expected);
    if (ok)
        QCOMPARE(qs(r.text), QString::fromUtf8(text));
}

void TestParser::unknownKept()
{
    const QByteArray doc = "*filter\n"
                           ":INPUT ACCEPT [0:0]\n"
                           ":OUTPUT ACCEPT [0:0]\n"
                           "-A INPUT -p tcp -m time --weekdays Sat,Sun -j DROP\n"
                           "-A INPUT -m string --string \"GET /\" --algo bm -j ACCEPT\n"
                           "-A OUTPUT -p tcp -j SYNPROXY --mss 1460\n"
                           "COMMIT\n";
    Ruleset rs;
    QVERIFY(DumpParser::parseInto(rs, doc, QStringLiteral("u.rules"), {}));
    QCOMPARE(messages(rs), QStringList());
    QCOMPARE(messages(rs, Diagnostic::Warning),
             QStringList({QStringLiteral("u.rules:4:17: warning: match \"-m time --weekdays Sat,Sun\" is kept but not evaluated; "
                                         "traces through this rule are uncertain"),
                          QStringLiteral("u.rules:5:10: warning: match \"-m string --string \"GET /\" --algo bm\" is kept but not evaluated; "
                                         "traces through this rule are uncertain"),
                          QStringLiteral("u.rules:6:21: warning: target SYNPROXY is kept but not evaluated; traces through this rule are uncertain")}));
    const Rule *r = ruleAt(rs, TableId::Filter, "INPUT", 0);
    QVERIFY(r);
    QCOMPARE(criteria(rs, *r), QStringLiteral("Proto 6 | time:Unknown [-m time --weekdays Sat,Sun]"));
    QCOMPARE(target(*r), QStringLiteral("Drop"));
    QVERIFY(r->uncertain());
    const Rule *t = ruleAt(rs, TableId::Filter, "OUTPUT", 0);
    QVERIFY(t);
    QCOMPARE(target(*t), QStringLiteral("Unknown SYNPROXY [--mss 1460]"));

    // In a listing: the part not understood is kept on the rule, with a warning.
    const QByteArray listing = "Chain INPUT (policy ACCEPT)\n"
                               "target     prot opt source               destination\n"
                               "DROP       tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:22 STRING match  \"GET /\" ALGO name bm TO 65535\n";
    Ruleset ls;
    QVERIFY(DumpParser::parseInto(ls, listing, QStringLiteral("u.txt"), {}));
    const Rule *lr = ruleAt(ls, TableId::Filter, "INPUT", 0);
    QVERIFY(lr);
    QCOMPARE(criteria(ls, *lr), QStringLiteral("Proto 6 | tcp:DstPort 22:22 | Unknown [STRING match  \"GET /\" ALGO name bm TO 65535]"));
    QVERIFY(messages(ls, Diagnostic::Warning).join(QLatin1Char('\n')).contains(QStringLiteral("u.txt:3:74: warning: \"STRING match")));
}

void TestParser::seedListing()
{
    QFile f(QStringLiteral(CHAINSCOPE_TEST_DATA "/seed/000_49532e9a23f39cde.txt"));
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    Ruleset master;
    std::vector<Ruleset> more;
    QVERIFY(DumpParser::parseInto(master, f.readAll(), QStringLiteral("seed.txt"), {}, &more));
    QCOMPARE(messages(master), QStringList());
    QVERIFY(!messages(master, Diagnostic::Warning).isEmpty());   // the write-up's prose and "|" lines
    QCOMPARE(more.size(), size_t(1));
    const Ruleset &node02 = more[0];

    // Rule for rule: every listed chain with every rule.
    QCOMPARE(chainSizes(master, TableId::Nat),
             QStringLiteral("PREROUTING 2, KUBE-SERVICES 8, KUBE-SVC-PIU4JA5FNNNHNOAJ 3, KUBE-MARK-MASQ 1, "
                            "KUBE-SEP-ISOO2NXNTRU4Q4WM 2, KUBE-SEP-EKAXC3AGUDPBQ32C 2, POSTROUTING 6, KUBE-POSTROUTING 3"));
    QCOMPARE(chainSizes(master, TableId::Filter), QStringLiteral("FORWARD 11, KUBE-FORWARD 3"));
    QCOMPARE(chainSizes(node02, TableId::Filter), QStringLiteral("FORWARD 14"));
    QCOMPARE(chainSizes(node02, TableId::Nat), QString());

    // Nothing left unknown.
    for (const Ruleset *rs : {static_cast<const Ruleset *>(&master), &node02}) {
        for (int t = 0; t < TableCount; ++t) {
            for (const Chain &c : rs->table(TableId(t)).chains) {
                for (const Rule &r : c.rules) {
                    for (const Criterion &cr : r.criteria)
                        QVERIFY2(cr.kind != Criterion::Unknown, qPrintable(qs(r.text)));
                }
            }
        }
    }

    const auto rule = [](const Ruleset &rs, TableId t, std::string_view chain, int i) {
        const Rule *r = ruleAt(rs, t, chain, i);
        return r ? criteria(rs, *r) + QStringLiteral(" -> ") + target(*r) : QStringLiteral("(missing)");
    };
    const Table &nat = master.table(TableId::Nat);
    const Chain &pre = nat.chains[size_t(nat.chainIndex("PREROUTING"))];
    QCOMPARE(pre.policyPackets, quint64(4660));
    QCOMPARE(pre.policyBytes, quint64(212000));
    QCOMPARE(pre.rules[0].packets, quint64(14362));
    QCOMPARE(pre.rules[0].bytes, quint64(654000));
    QCOMPARE(rule(master, TableId::Nat, "PREROUTING", 0),
             QStringLiteral("comment:Comment [kubernetes service portals] -> Jump KUBE-SERVICES"));
    QCOMPARE(rule(master, TableId::Nat, "PREROUTING", 1),
             QStringLiteral("addrtype:AddrDstType 0x4 -> Unknown DOCKER"));   // DOCKER is not listed
    QCOMPARE(rule(master, TableId::Nat, "KUBE-SERVICES", 0),
             QStringLiteral("Dst 10.108.94.160/32 | Proto 6 | comment:Comment [nginx-test/nginx-service cluster IP] | "
                            "tcp:DstPort 80:80 -> Jump KUBE-SVC-PIU4JA5FNNNHNOAJ"));
    QCOMPARE(rule(master, TableId::Nat, "KUBE-SERVICES", 2),
             QStringLiteral("Dst 10.96.0.10/32 | Proto 17 | comment:Comment [kube-system/kube-dns:dns cluster IP] | "
                            "udp:DstPort 53:53 -> Unknown KUBE-SVC-TCOU7JCQXEZGVUNU"));
    QCOMPARE(rule(master, TableId::Nat, "KUBE-SERVICES", 5),
             QStringLiteral("Dst 10.97.195.35/32 | Proto 6 | comment:Comment [kubernetes-dashboard/dashboard-metrics-scraper cluster IP] | "
                            "tcp:DstPort 8000:8000 -> Unknown KUBE-SVC-Z6GDYMWE5TV2NNJN"));
    QCOMPARE(rule(master, TableId::Nat, "KUBE-SVC-PIU4JA5FNNNHNOAJ", 0),
             QStringLiteral("!Src 10.224.0.0/16 | Dst 10.108.94.160/32 | Proto 6 | comment:Comment [nginx-test/nginx-service cluster IP] | "
                            "tcp:DstPort 80:80 -> Jump KUBE-MARK-MASQ"));
    QCOMPARE(rule(master, TableId::Nat, "KUBE-SVC-PIU4JA5FNNNHNOAJ", 1),
             QStringLiteral("comment:Comment [nginx-test/nginx-service -> 10.224.1.14:80] | statistic:StatRandom 0x40000000 "
                            "-> Jump KUBE-SEP-ISOO2NXNTRU4Q4WM"));
    QCOMPARE(rule(master, TableId::Nat, "KUBE-MARK-MASQ", 0), QStringLiteral(" -> Mark 0x4000/0x4000"));
    QCOMPARE(rule(master, TableId::Nat, "KUBE-SEP-ISOO2NXNTRU4Q4WM", 0),
             QStringLiteral("Src 10.224.1.14/32 | comment:Comment [nginx-test/nginx-service] -> Jump KUBE-MARK-MASQ"));
    QCOMPARE(rule(master, TableId::Nat, "KUBE-SEP-ISOO2NXNTRU4Q4WM", 1),
             QStringLiteral("Proto 6 | comment:Comment [nginx-test/nginx-service] -> Dnat 10.224.1.14-10.224.1.14 80:80"));
    QCOMPARE(rule(master, TableId::Nat, "KUBE-SEP-EKAXC3AGUDPBQ32C", 1),
             QStringLiteral("Proto 6 | comment:Comment [nginx-test/nginx-service] -> Dnat 10.224.2.16-10.224.2.16 80:80"));
    QCOMPARE(rule(master, TableId::Nat, "POSTROUTING", 1),
             QStringLiteral("Src 172.17.0.0/16 | !OutIface docker0 -> Masquerade"));
    QCOMPARE(rule(master, TableId::Nat, "POSTROUTING", 3),
             QStringLiteral("Src 10.244.0.0/16 | !Dst 224.0.0.0/4 -> Masquerade"));
    QCOMPARE(rule(master, TableId::Nat, "KUBE-POSTROUTING", 0),
             QStringLiteral("!mark:Mark 0x4000/0x4000 -> Return"));
    QCOMPARE(rule(master, TableId::Nat, "KUBE-POSTROUTING", 1), QStringLiteral(" -> Mark 0x4000/0x0"));

    const Table &filter = master.table(TableId::Filter);
    const Chain &fwd = filter.chains[size_t(filter.chainIndex("FORWARD"))];
    QCOMPARE(fwd.policyDrop, true);
    QCOMPARE(fwd.policyPackets, quint64(1286));
    QCOMPARE(fwd.policyBytes, quint64(57870));
    QCOMPARE(rule(master, TableId::Filter, "FORWARD", 1),
             QStringLiteral("conntrack:CtState 0x8 | comment:Comment [kubernetes service portals] -> Unknown KUBE-SERVICES"));
    QCOMPARE(rule(master, TableId::Filter, "FORWARD", 5),
             QStringLiteral("OutIface docker0 | conntrack:CtState 0x6 -> Accept"));
    QCOMPARE(rule(master, TableId::Filter, "FORWARD", 7),
             QStringLiteral("InIface docker0 | !OutIface docker0 -> Accept"));
    QCOMPARE(rule(master, TableId::Filter, "FORWARD", 10), QStringLiteral("Dst 10.244.0.0/16 -> Accept"));
    QCOMPARE(rule(master, TableId::Filter, "KUBE-FORWARD", 1),
             QStringLiteral("comment:Comment [kubernetes forwarding rules] | mark:Mark 0x4000/0x4000 -> Accept"));
    QCOMPARE(rule(master, TableId::Filter, "KUBE-FORWARD", 2),
             QStringLiteral("comment:Comment [kubernetes forwarding conntrack rule] | conntrack:CtState 0x6 -> Accept"));

    // node02: the same FORWARD with the author's three LOG rules, counters showing the end.
    QCOMPARE(rule(node02, TableId::Filter, "FORWARD", 1), QStringLiteral("Dst 10.224.2.16/32 -> Log [[iptables 3:]]"));
    QCOMPARE(rule(node02, TableId::Filter, "FORWARD", 3), QStringLiteral("Dst 10.224.2.16/32 -> Log [[iptables 4:]]"));
    QCOMPARE(rule(node02, TableId::Filter, "FORWARD", 13), QStringLiteral("Dst 10.224.2.16/32 -> Log [[iptables forward-end]]"));
    const Chain &fwd2 = node02.table(TableId::Filter).chains.at(0);
    QCOMPARE(fwd2.rules[13].packets, quint64(554));
    QCOMPARE(fwd2.rules[13].bytes, quint64(46104));
    QCOMPARE(fwd2.policyDrop, true);
    // Rows point back to their lines in the write-up.
    QCOMPARE(fwd2.rules[0].loc.line, 223);
    QCOMPARE(pre.rules[0].loc.line, 21);
}

void TestParser::randomBytes()
{
    // 10 MB from a fixed seed: as they are (NULs: refused as binary), and with the NULs
    // turned into newlines behind a first line that forces each format.
    std::mt19937 gen(20240601u);
    QByteArray bytes(10 * 1024 * 1024, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(gen() & 0xff);
    QElapsedTimer timer;
    timer.start();
    {
        Ruleset rs;
        QVERIFY(!DumpParser::parseInto(rs, bytes, QStringLiteral("r.bin"), {}));
        QCOMPARE(messages(rs).size(), qsizetype(1));
    }
    QByteArray text = bytes;
    text.replace('\0', '\n');
    const QByteArray prefixes[] = {"*filter\n", "-P INPUT ACCEPT\n", "Chain INPUT (policy ACCEPT)\n"};
    for (const QByteArray &prefix : prefixes) {
        Ruleset rs;
        std::vector<Ruleset> more;
        QVERIFY(!DumpParser::parseInto(rs, prefix + text, QStringLiteral("r.txt"), {}, &more)
                || messages(rs).isEmpty());
        QVERIFY(rs.diagnostics.size() < 2000);   // capped, not one per line
    }
    qDebug("40 MB of random input parsed in %lld ms", timer.elapsed());
}

void TestParser::chainIndex()
{
    // The index grows while chains are added; every name stays found, unknown ones are not,
    // and adding a name twice gives the first chain back.
    Table t;
    std::vector<QByteArray> names;
    for (int i = 0; i < 5000; ++i)
        names.push_back("KUBE-SEP-" + QByteArray::number(i * 7919, 36).toUpper());
    for (size_t i = 0; i < names.size(); ++i)
        QCOMPARE(t.addChain(std::string_view(names[i].constData(), size_t(names[i].size())), false), int(i));
    QCOMPARE(t.chains.size(), names.size());
    for (size_t i = 0; i < names.size(); ++i)
        QCOMPARE(t.chainIndex(std::string_view(names[i].constData(), size_t(names[i].size()))), int(i));
    QCOMPARE(t.addChain(std::string_view(names[17].constData(), size_t(names[17].size())), false), 17);
    QCOMPARE(t.chains.size(), names.size());
    QCOMPARE(t.chainIndex("KUBE-SEP-"), -1);
    QCOMPARE(t.chainIndex(""), -1);
    QCOMPARE(t.chainIndex("KUBE-SEP-0X"), -1);
    Table empty;
    QCOMPARE(empty.chainIndex("INPUT"), -1);
}

void TestParser::ruleGroupsOutOfOrder()
{
    // Rules in another order than the declarations, and a chain's rules split in two groups,
    // as a hand-edited file may have them: every rule lands in its own chain, in order.
    const QByteArray doc = "*filter\n"
                           ":INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                           ":A - [0:0]\n:B - [0:0]\n:C - [0:0]\n:D - [0:0]\n:E - [0:0]\n:F - [0:0]\n"
                           "-A F -s 10.0.0.6 -j RETURN\n"
                           "-A A -s 10.0.0.1 -j B\n"
                           "-A E -s 10.0.0.5 -j RETURN\n"
                           "-A A -s 10.0.0.11 -j F\n"
                           "-A INPUT -j A\n"
                           "-A C -j RETURN\n"
                           "COMMIT\n";
    Ruleset rs;
    QVERIFY(DumpParser::parseInto(rs, doc, QStringLiteral("o.rules"), {}));
    const Table &t = rs.table(TableId::Filter);
    const auto rules = [&](const char *name) { return t.chains[size_t(t.chainIndex(name))].rules.size(); };
    QCOMPARE(rules("A"), size_t(2));
    QCOMPARE(rules("B"), size_t(0));
    QCOMPARE(rules("C"), size_t(1));
    QCOMPARE(rules("E"), size_t(1));
    QCOMPARE(rules("F"), size_t(1));
    QCOMPARE(rules("INPUT"), size_t(1));
    const Chain &a = t.chains[size_t(t.chainIndex("A"))];
    QCOMPARE(rs.addresses(a.rules[1].criteria.front()).x, Address::fromV4(0x0a00000bu));
    QCOMPARE(a.rules[1].target.chain, t.chainIndex("F"));
    QCOMPARE(t.chains[size_t(t.chainIndex("F"))].references, 1);
    QCOMPARE(t.chains[size_t(t.chainIndex("B"))].references, 1);
    QCOMPARE(a.rules[0].loc.line, 12);
}

void TestParser::keptTargets_data()
{
    // Targets the engine keeps without modelling what they change: their options are checked
    // as iptables and the kernel check them, so a rule iptables refuses is refused with its
    // reason. `expected` is the target as read, or "COLUMN: message" (column in the -A line).
    QTest::addColumn<QByteArray>("table");
    QTest::addColumn<QByteArray>("chain");
    QTest::addColumn<QByteArray>("options");
    QTest::addColumn<QString>("expected");
    const QByteArray f = "filter", mangle = "mangle", security = "security";
    const QByteArray pre = "PREROUTING", post = "POSTROUTING", fwd = "FORWARD";

    // Taken: what routers, hypervisors and IDS hosts write.
    QTest::addRow("tethering ttl") << mangle << post << QByteArray("-o wwan0 -j TTL --ttl-set 65")
                                   << QStringLiteral("Continue TTL");
    QTest::addRow("ttl inc") << mangle << pre << QByteArray("-i br-lan -j TTL --ttl-inc 1") << QStringLiteral("Continue TTL");
    QTest::addRow("voip dscp class") << mangle << post << QByteArray("-p udp -m udp --dport 5060 -j DSCP --set-dscp-class ef")
                                     << QStringLiteral("Continue DSCP");
    QTest::addRow("dscp hex") << mangle << post << QByteArray("-j DSCP --set-dscp 0x2e") << QStringLiteral("Continue DSCP");
    QTest::addRow("tos name") << mangle << QByteArray("OUTPUT") << QByteArray("-p tcp --dport 22 -j TOS --set-tos Minimize-Delay")
                              << QStringLiteral("Continue TOS");
    QTest::addRow("tos masked") << mangle << QByteArray("OUTPUT") << QByteArray("-j TOS --set-tos 0x10/0x3f")
                                << QStringLiteral("Continue TOS");
    QTest::addRow("mss clamp") << mangle << fwd << QByteArray("-o ppp0 -p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu")
                               << QStringLiteral("Continue TCPMSS");
    QTest::addRow("mss set") << f << fwd << QByteArray("-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1360")
                             << QStringLiteral("Continue TCPMSS");
    QTest::addRow("libvirt checksum") << mangle << post << QByteArray("-o virbr0 -p udp -m udp --dport 68 -j CHECKSUM --checksum-fill")
                                      << QStringLiteral("Continue CHECKSUM");
    QTest::addRow("tc classify") << mangle << post << QByteArray("-o eth0 -p tcp --sport 80 -j CLASSIFY --set-class 1:10")
                                 << QStringLiteral("Continue CLASSIFY");
    QTest::addRow("ecn remove") << mangle << post << QByteArray("-p tcp -j ECN --ecn-tcp-remove")
                                << QStringLiteral("Continue ECN");
    QTest::addRow("suricata queue") << f << fwd << QByteArray("-j NFQUEUE --queue-balance 0:3 --queue-bypass --queue-cpu-fanout")
                                    << QStringLiteral("Queue [--queue-balance 0:3 --queue-bypass --queue-cpu-fanout]");
    QTest::addRow("queue open ends") << f << QByteArray("INPUT") << QByteArray("-j NFQUEUE --queue-balance 4:") << QStringLiteral("Queue [--queue-balance 4:]");
    QTest::addRow("selinux") << security << QByteArray("INPUT") << QByteArray("-p tcp --dport 443 -j SECMARK --selctx system_u:object_r:http_packet_t:s0")
                             << QStringLiteral("Continue SECMARK");
    QTest::addRow("connsecmark") << security << QByteArray("INPUT") << QByteArray("-m state --state NEW -j CONNSECMARK --save")
                                 << QStringLiteral("Continue CONNSECMARK");
    QTest::addRow("mirror tee") << mangle << pre << QByteArray("-i eth1 -j TEE --gateway 192.168.50.9")
                                << QStringLiteral("Continue TEE");
    QTest::addRow("strip options") << mangle << pre << QByteArray("-p tcp -j TCPOPTSTRIP --strip-options timestamp,sack-permitted,8")
                                   << QStringLiteral("Continue TCPOPTSTRIP");
    QTest::addRow("idletimer") << f << QByteArray("INPUT") << QByteArray("-i wlan0 -j IDLETIMER --timeout 300 --label wlan0-idle")
                               << QStringLiteral("Continue IDLETIMER");
    QTest::addRow("audit") << f << QByteArray("INPUT") << QByteArray("-p tcp --dport 23 -j AUDIT --type drop")
                           << QStringLiteral("Continue AUDIT");
    QTest::addRow("tproxy squid") << mangle << pre << QByteArray("-p tcp -m tcp --dport 80 -j TPROXY --on-port 3129 --tproxy-mark 0x1/0x1")
                                  << QStringLiteral("Unknown TPROXY [--on-port 3129 --tproxy-mark 0x1/0x1]");

    // Refused, with iptables' reason.
    // `at`: the token the message points at (its last occurrence); "-j" for what the whole
    // target lacks. The column counts in the "-A CHAIN OPTIONS" line.
    const auto bad = [&](const char *name, const QByteArray &table, const QByteArray &chain, const char *options, const char *at,
                         const char *message) {
        const QByteArray o(options);
        QTest::addRow("%s", name) << table << chain << o
                                  << QString::number(o.lastIndexOf(at) + chain.size() + 5) + QStringLiteral(": ") + QString::fromUtf8(message);
    };
    bad("ttl too big", mangle, post, "-o wwan0 -j TTL --ttl-set 300", "300",
        "TTL: bad value for option \"--ttl-set\", or out of range (0-255).");
    bad("ttl inc 0", mangle, pre, "-j TTL --ttl-inc 0", "0", "TTL: bad value for option \"--ttl-inc\", or out of range (1-255).");
    bad("ttl value missing", mangle, pre, "-j TTL --ttl-set --ttl-dec 1", "--ttl-dec",
        "TTL: bad value for option \"--ttl-set\", or out of range (0-255).");
    bad("ttl two actions", mangle, pre, "-j TTL --ttl-inc 2 --ttl-dec 1", "--ttl-dec",
        "TTL: option \"--ttl-inc\" cannot be used together with \"--ttl-dec\".");
    bad("ttl no action", mangle, pre, "-i eth0 -j TTL", "-j", "TTL: You must specify an action");
    bad("ttl in filter", f, fwd, "-o wwan0 -j TTL --ttl-set 65", "-j", "TTL target: only valid in table mangle, not filter");
    bad("dscp out of range", mangle, post, "-p udp -j DSCP --set-dscp 64", "64",
        "DSCP: bad value for option \"--set-dscp\", or out of range (0-63).");
    bad("dscp class", mangle, post, "-j DSCP --set-dscp-class AF51", "AF51", "Invalid DSCP value \"AF51\"");
    bad("dscp both", mangle, post, "-j DSCP --set-dscp 46 --set-dscp-class EF", "--set-dscp-class",
        "DSCP: option \"--set-dscp\" cannot be used together with \"--set-dscp-class\".");
    bad("dscp nothing", mangle, post, "-j DSCP", "-j", "DSCP target: Parameter --set-dscp is required");
    bad("tos nothing", mangle, post, "-o eth0 -j TOS", "-j", "TOS: An action is required");
    bad("tos too big", mangle, post, "-j TOS --set-tos 0x100", "0x100", "TOS: bad value for option \"--set-tos\", or out of range (0-255).");
    bad("ecn nothing", mangle, post, "-p tcp -j ECN", "-j", "ECN target: An operation is required");
    bad("ecn on udp", mangle, post, "-p udp -j ECN --ecn-tcp-remove", "-j",
        "ECN: cannot use option \"--ecn-tcp-remove\" on a non-tcp rule (-p tcp)");
    bad("mss nothing", mangle, fwd, "-p tcp -j TCPMSS", "-j", "TCPMSS target: At least one parameter is required");
    bad("mss both", mangle, fwd, "-p tcp -j TCPMSS --set-mss 1400 --clamp-mss-to-pmtu", "--clamp-mss-to-pmtu",
        "TCPMSS: option \"--set-mss\" cannot be used together with \"--clamp-mss-to-pmtu\".");
    bad("mss without tcp", mangle, fwd, "-o ppp0 -j TCPMSS --clamp-mss-to-pmtu", "-j",
        "TCPMSS target: only valid for protocol 6 (-p tcp)");
    bad("checksum nothing", mangle, post, "-o virbr0 -p udp --dport 68 -j CHECKSUM", "-j",
        "CHECKSUM: option \"--checksum-fill\" must be specified");
    bad("classify value", mangle, post, "-j CLASSIFY --set-class 1:10000", "1:10000", "Bad class value \"1:10000\"");
    bad("classify nothing", mangle, post, "-j CLASSIFY", "-j", "CLASSIFY: option \"--set-class\" must be specified");
    bad("hmark mod", f, fwd, "-j HMARK --hmark-tuple src --hmark-rnd 0x1", "-j", "--hmark-mod is mandatory");
    bad("hmark rnd", f, fwd, "-j HMARK --hmark-mod 4", "-j", "--hmark-rnd is mandatory");
    bad("hmark spi and port", f, fwd, "-j HMARK --hmark-sport-mask 0xff --hmark-spi-mask 0xff --hmark-mod 4 --hmark-rnd 1", "--hmark-spi-mask",
        "HMARK: option \"--hmark-sport-mask\" cannot be used together with \"--hmark-spi-mask\".");
    bad("queue number", f, "INPUT", "-j NFQUEUE --queue-num 70000", "70000",
        "NFQUEUE: bad value for option \"--queue-num\", or out of range (0-65535).");
    bad("queue range empty", f, "INPUT", "-j NFQUEUE --queue-balance 5:5", "5:5", "5 should be less than 5");
    bad("queue range alone", f, "INPUT", "-j NFQUEUE --queue-balance 5", "5", "Bad range \"5\"");
    bad("queue 65536 queues", f, "INPUT", "-j NFQUEUE --queue-balance 0:65535", "0:65535",
        "NFQUEUE: number of total queues is 0 (\"0:65535\" spans 65536 queues; the kernel refuses it)");
    bad("queue twice", f, "INPUT", "-j NFQUEUE --queue-num 1 --queue-balance 2:3", "--queue-balance",
        "NFQUEUE: option \"--queue-num\" cannot be used together with \"--queue-balance\".");
    bad("strip 1", mangle, pre, "-p tcp -j TCPOPTSTRIP --strip-options 2,1", "2,1", "Option value may not be 0 or 1");
    bad("strip without tcp", mangle, pre, "-j TCPOPTSTRIP --strip-options mss", "-j",
        "TCPOPTSTRIP target: only valid for protocol 6 (-p tcp)");
    bad("tee inverted", mangle, pre, "-j TEE ! --gateway 10.0.0.9", "!", "TEE: option \"--gateway\" cannot be inverted.");
    bad("tee nothing", mangle, pre, "-j TEE", "-j", "TEE: option \"--gateway\" must be specified");
    bad("tee address", mangle, pre, "-j TEE --gateway 10.0.0.300", "10.0.0.300",
        "TEE: invalid IP address \"10.0.0.300\" for option \"--gateway\"");
    bad("audit type", f, "INPUT", "-j AUDIT --type log", "log", "Bad action type value \"log\"");
    bad("idletimer label", f, "INPUT", "-j IDLETIMER --timeout 60", "-j", "IDLETIMER: option \"--label\" must be specified");
    bad("secmark in filter", f, "INPUT", "-j SECMARK --selctx system_u:object_r:http_packet_t:s0", "-j",
        "SECMARK target: only valid in table mangle or security, not filter");
    bad("tproxy without protocol", mangle, pre, "-j TPROXY --on-port 3129", "-j", "TPROXY: Can be used only with -p tcp or -p udp");
    bad("synproxy without tcp", f, "INPUT", "-j SYNPROXY --mss 1460", "-j",
        "SYNPROXY target: only valid for -p tcp (the kernel refuses it otherwise)");
    bad("unknown option", mangle, post, "-j TTL --ttl-set 64 --ttl-max 3", "--ttl-max", "unknown option \"--ttl-max\"");
}

void TestParser::keptTargets()
{
    QFETCH(QByteArray, table);
    QFETCH(QByteArray, chain);
    QFETCH(QByteArray, options);
    QFETCH(QString, expected);
    Ruleset rs;
    const bool ok = DumpParser::parseInto(rs, wrap(table, chain, options), QStringLiteral("k.rules"), {});
    const QStringList errors = messages(rs);
    if (expected.front().isDigit()) {
        QVERIFY(!ok);
        QCOMPARE(errors.value(0), QStringLiteral("k.rules:4:") + expected);
    } else {
        QCOMPARE(errors, QStringList());
        QVERIFY(ok);
        const Rule *r = ruleAt(rs, tableOf(table), std::string_view(chain.constData(), size_t(chain.size())), 0);
        QVERIFY(r);
        QCOMPARE(target(*r), expected);
        // Never silent: what is not modelled is said, once per rule, with a kind to group by.
        if (r->target.kind == Target::Continue || r->target.kind == Target::Unknown) {
            const auto &d = rs.diagnostics;
            QCOMPARE(d.size(), size_t(1));
            QCOMPARE(d.front().severity, Diagnostic::Warning);
            QCOMPARE(d.front().kind, r->target.kind == Target::Continue ? QStringLiteral("target-kept") : QStringLiteral("target-unknown"));
            QCOMPARE(d.front().subject, qs(r->target.name));
        }
    }

    // The same text typed in the window (a candidate rule) goes through the same checks.
    Ruleset typed;
    Rule rule;
    ParseError err;
    const bool typedOk = RuleParser::parseRuleText(typed, tableOf(table), std::string_view(chain.constData(), size_t(chain.size())),
                                                   std::string_view(options.constData(), size_t(options.size())), rule, err);
    if (expected.front().isDigit())
        QCOMPARE(QString::number(err.column + chain.size() + 4) + QStringLiteral(": ") + err.message, expected);
    else
        QVERIFY2(typedOk, qPrintable(err.message));
}

void TestParser::chainWinsOverTarget()
{
    // A user chain named like a target: the kernel jumps to the chain (iptables-nft and
    // -legacy alike), and target options after it are unknown options.
    const QByteArray doc = "# Generated by iptables-save v1.8.9 (nf_tables) on Thu Dec  3 09:12:44 2026\r\n"
                           "*mangle\r\n"
                           ":PREROUTING ACCEPT [0:0]\r\n"
                           ":INPUT ACCEPT [0:0]\r\n"
                           ":FORWARD ACCEPT [0:0]\r\n"
                           ":OUTPUT ACCEPT [0:0]\r\n"
                           ":POSTROUTING ACCEPT [0:0]\r\n"
                           ":CLASSIFY - [0:0]\r\n"
                           ":TTL - [0:0]\r\n"
                           "-A POSTROUTING -o eth0 -j CLASSIFY\r\n"
                           "-A POSTROUTING -o eth1 -g TTL\r\n"
                           "-A CLASSIFY -p tcp -m tcp --sport 22 -j MARK --set-xmark 0x10/0xffffffff\r\n"
                           "-A TTL -j RETURN\r\n"
                           "COMMIT\r\n";
    Ruleset rs;
    QVERIFY(DumpParser::parseInto(rs, doc, QStringLiteral("c.rules"), {}));
    QCOMPARE(messages(rs), QStringList());
    QCOMPARE(messages(rs, Diagnostic::Warning), QStringList());
    const Rule *r = ruleAt(rs, TableId::Mangle, "POSTROUTING", 0);
    QVERIFY(r);
    QCOMPARE(target(*r), QStringLiteral("Jump CLASSIFY"));
    QCOMPARE(r->target.chain, rs.table(TableId::Mangle).chainIndex("CLASSIFY"));
    QVERIFY(!r->uncertain());
    const Rule *g = ruleAt(rs, TableId::Mangle, "POSTROUTING", 1);
    QVERIFY(g);
    QCOMPARE(target(*g), QStringLiteral("Goto TTL"));

    Ruleset bad;
    QByteArray withOptions = doc;
    withOptions.replace("-A POSTROUTING -o eth0 -j CLASSIFY\r\n", "-A POSTROUTING -o eth0 -j CLASSIFY --set-class 1:10\r\n");
    QVERIFY(!DumpParser::parseInto(bad, withOptions, QStringLiteral("c.rules"), {}));
    QCOMPARE(messages(bad).value(0), QStringLiteral("c.rules:10:36: unknown option \"--set-class\""));

    // Typed in the window into a rule set that has the chain.
    Rule typed;
    ParseError err;
    QVERIFY(RuleParser::parseRuleText(rs, TableId::Mangle, "POSTROUTING", "-o eth2 -j CLASSIFY", typed, err));
    QCOMPARE(typed.target.kind, Target::Jump);
    Rule typed2;
    QVERIFY(!RuleParser::parseRuleText(rs, TableId::Mangle, "POSTROUTING", "-o eth2 -j TTL --ttl-set 64", typed2, err));
    QCOMPARE(err.message, QStringLiteral("unknown option \"--ttl-set\""));
}

void TestParser::warningGroups()
{
    // A kube-proxy node with a connection limit per service and a router's mangle rules: one
    // line per kind with its count and first place (what `parse` prints and the window's
    // Problems tab shows), every place kept for --verbose and for expanding the kind.
    QByteArray doc = "*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                     ":POSTROUTING ACCEPT [0:0]\n"
                     "-A FORWARD -p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu\n"
                     "-A POSTROUTING -o wwan0 -j TTL --ttl-set 65\n"
                     "COMMIT\n*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                     ":KUBE-SERVICES - [0:0]\n";
    const int services = 1200;   // more than the 1000 warnings a file once kept
    for (int i = 0; i < services; ++i)
        doc += QStringLiteral(":KUBE-SEP-%1 - [0:0]\n").arg(i, 6, 10, QLatin1Char('0')).toLatin1();
    for (int i = 0; i < services; ++i)
        doc += QStringLiteral("-A KUBE-SERVICES -d 10.96.%1.%2/32 -p tcp -m comment --comment \"shop/cart-%3 cluster IP\" -m tcp --dport 80 "
                              "-m connlimit --connlimit-upto 512 --connlimit-mask 32 --connlimit-saddr -j KUBE-SEP-%4\n")
                       .arg(i / 250).arg(i % 250 + 1).arg(i).arg(i, 6, 10, QLatin1Char('0')).toLatin1();
    doc += "-A KUBE-SERVICES -j KUBE-NODEPORTS-OLD\nCOMMIT\n";
    Ruleset rs;
    QVERIFY(DumpParser::parseInto(rs, doc, QStringLiteral("node.rules"), {}));
    QCOMPARE(rs.diagnostics.size(), size_t(services + 3));
    const std::vector<DiagnosticGroup> groups = DiagnosticGroups::group(rs.diagnostics);
    QStringList lines;
    for (const DiagnosticGroup &g : groups)
        lines << g.text(rs.diagnostics);
    const int firstService = 16 + services;   // after 9 mangle lines, 6 nat lines and the endpoint chains
    QCOMPARE(lines, QStringList({
        QStringLiteral("1 rule uses target TCPMSS: kept, the rule continues; what it changes in the packet is not modelled; at node.rules:7"),
        QStringLiteral("1 rule uses target TTL: kept, the rule continues; what it changes in the packet is not modelled; at node.rules:8"),
        QStringLiteral("1200 rules use `-m connlimit`: kept, not evaluated; traces through them "
                       "are uncertain; first at node.rules:%1").arg(firstService),
        QStringLiteral("1 rule jumps to KUBE-NODEPORTS-OLD, neither a chain of its table nor a target the engine knows: kept; traces "
                       "through it are uncertain; at node.rules:%1").arg(firstService + services)}));
    QCOMPARE(groups[2].members.size(), size_t(services));
    QCOMPARE(rs.diagnostics[size_t(groups[2].members.back())].line, firstService + services - 1);

    // Errors are never folded: each keeps its FILE:LINE:COL line, and comes first.
    std::vector<Diagnostic> mixed = rs.diagnostics;
    mixed.push_back({Diagnostic::Error, QStringLiteral("node.rules"), 3, 7, QStringLiteral("bad thing")});
    mixed.push_back({Diagnostic::Error, QStringLiteral("node.rules"), 4, 7, QStringLiteral("bad thing")});
    mixed.push_back({Diagnostic::Warning, QStringLiteral("node.rules"), 9, 1, QStringLiteral("line skipped")});
    const auto g2 = DiagnosticGroups::group(mixed);
    QCOMPARE(g2.size(), size_t(7));
    QCOMPARE(g2[0].text(mixed), QStringLiteral("node.rules:3:7: bad thing"));
    QCOMPARE(g2[1].text(mixed), QStringLiteral("node.rules:4:7: bad thing"));
    QCOMPARE(g2[6].text(mixed), QStringLiteral("node.rules:9:1: warning: line skipped"));
}

QTEST_GUILESS_MAIN(TestParser)
#include "tst_parser.moc"
