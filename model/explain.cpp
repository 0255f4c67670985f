#include "explain.h"
#include "nftexplain.h"
#include "nfteval.h"
#include "nftruleset.h"
#include "text.h"

#include "simulator.h"

#include <algorithm>
#include <bit>
#include <map>

namespace chainscope {

namespace {

using text::q;

QString hex(quint32 v)
{
    return QLatin1String("0x") + QString::number(v, 16);
}

QString ctNames(quint32 bits)
{
    static const char *names[] = {"INVALID", "ESTABLISHED", "RELATED", "NEW", "UNTRACKED", "SNAT", "DNAT"};
    QStringList out;
    for (int i = 0; i < 7; ++i) {
        if (bits & (1u << i))
            out << QLatin1String(names[i]);
    }
    return out.join(QLatin1Char(','));
}

QString addrTypeNames(quint32 bits)
{
    static const char *names[] = {"UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST",
                                  "BLACKHOLE", "UNREACHABLE", "PROHIBIT", "THROW", "NAT", "XRESOLVE"};
    QStringList out;
    for (int i = 0; i < 12; ++i) {
        if (bits & (1u << i))
            out << QLatin1String(names[i]);
    }
    return out.join(QLatin1Char(','));
}

QString portRange(quint32 lo, quint32 hi)
{
    return lo == hi ? QString::number(lo) : QString::number(lo) + QLatin1Char(':') + QString::number(hi);
}

QString quoteIfNeeded(std::string_view s)
{
    const QString t = q(s);
    if (t.isEmpty() || t.contains(QLatin1Char(' ')) || t.contains(QLatin1Char('"')))
        return QLatin1Char('"') + QString(t).replace(QLatin1Char('"'), QLatin1String("\\\"")) + QLatin1Char('"');
    return t;
}

const Rule *ruleOf(const Scenario &sc, const Step &s)
{
    if ((s.kind != Step::RuleEval && s.kind != Step::RuleRange) || s.node >= sc.nodes.size())
        return nullptr;
    const Table &t = sc.nodes[s.node].rules.table(s.table);
    if (s.chain < 0 || size_t(s.chain) >= t.chains.size())
        return nullptr;
    const Chain &c = t.chains[size_t(s.chain)];
    return s.rule >= 0 && size_t(s.rule) < c.rules.size() ? &c.rules[size_t(s.rule)] : nullptr;
}

} // namespace

QString Explain::criterionText(const Ruleset &rs, const Rule &rule, const Criterion &c)
{
    const AddressPair ad = Criterion::hasAddresses(c.kind) ? rs.addresses(c) : AddressPair();
    const QString neg = c.neg ? QStringLiteral("! ") : QString();
    const QString mod = c.module ? QLatin1String("-m ") + q(rs.moduleName(c.module)) + QLatin1Char(' ') : QString();
    switch (c.kind) {
    case Criterion::Src: return neg + QLatin1String("-s ") + prefixToString(ad.x, ad.y);
    case Criterion::Dst: return neg + QLatin1String("-d ") + prefixToString(ad.x, ad.y);
    case Criterion::InIface: return neg + QLatin1String("-i ") + q(c.text) + (c.c ? QStringLiteral("+") : QString());
    case Criterion::OutIface: return neg + QLatin1String("-o ") + q(c.text) + (c.c ? QStringLiteral("+") : QString());
    case Criterion::Proto: return neg + QLatin1String("-p ") + protoName(quint8(c.a));
    case Criterion::Fragment: return neg + QLatin1String("-f");
    case Criterion::SrcPort: return mod + neg + QLatin1String("--sport ") + portRange(c.a, c.b);
    case Criterion::DstPort: return mod + neg + QLatin1String("--dport ") + portRange(c.a, c.b);
    case Criterion::TcpFlags: return mod + neg + QLatin1String("--tcp-flags ") + hex(c.a) + QLatin1Char(' ') + hex(c.b);
    case Criterion::TcpOption: return mod + neg + QLatin1String("--tcp-option ") + QString::number(c.a);
    case Criterion::IcmpType:
        return mod + neg + QLatin1String("--icmp-type ")
                + (c.a == 255 ? QStringLiteral("any") : QString::number(c.a) + (c.b == c.c ? QLatin1Char('/') + QString::number(c.b) : QString()));
    case Criterion::MultiSrcPorts:
    case Criterion::MultiDstPorts:
    case Criterion::MultiPorts: {
        QStringList ports;
        for (quint32 i = c.a; i < c.a + c.b && i < rule.values.size(); ++i)
            ports << portRange(rule.values[i] >> 16, rule.values[i] & 0xffff);
        const char *opt = c.kind == Criterion::MultiSrcPorts ? "--sports " : c.kind == Criterion::MultiDstPorts ? "--dports " : "--ports ";
        return mod + neg + QLatin1String(opt) + ports.join(QLatin1Char(','));
    }
    case Criterion::CtState:
        return mod + neg + (rs.moduleName(c.module) == "state" ? QLatin1String("--state ") : QLatin1String("--ctstate ")) + ctNames(c.a);
    case Criterion::CtProto: return mod + neg + QLatin1String("--ctproto ") + protoName(quint8(c.a));
    case Criterion::CtOrigSrc: return mod + neg + QLatin1String("--ctorigsrc ") + prefixToString(ad.x, ad.y);
    case Criterion::CtOrigDst: return mod + neg + QLatin1String("--ctorigdst ") + prefixToString(ad.x, ad.y);
    case Criterion::CtReplSrc: return mod + neg + QLatin1String("--ctreplsrc ") + prefixToString(ad.x, ad.y);
    case Criterion::CtReplDst: return mod + neg + QLatin1String("--ctrepldst ") + prefixToString(ad.x, ad.y);
    case Criterion::CtOrigSrcPort: return mod + neg + QLatin1String("--ctorigsrcport ") + portRange(c.a, c.b);
    case Criterion::CtOrigDstPort: return mod + neg + QLatin1String("--ctorigdstport ") + portRange(c.a, c.b);
    case Criterion::CtReplSrcPort: return mod + neg + QLatin1String("--ctreplsrcport ") + portRange(c.a, c.b);
    case Criterion::CtReplDstPort: return mod + neg + QLatin1String("--ctrepldstport ") + portRange(c.a, c.b);
    case Criterion::CtStatus: return mod + neg + QLatin1String("--ctstatus ") + q(c.text);
    case Criterion::CtDirection: return mod + neg + QLatin1String("--ctdir ") + (c.a ? QStringLiteral("REPLY") : QStringLiteral("ORIGINAL"));
    case Criterion::CtExpire: return mod + neg + QLatin1String("--ctexpire ") + portRange(c.a, c.b);
    case Criterion::Mark:
    case Criterion::ConnMark:
        return mod + neg + QLatin1String("--mark ") + hex(c.a) + (c.b != 0xffffffffu ? QLatin1Char('/') + hex(c.b) : QString());
    case Criterion::AddrSrcType:
    case Criterion::AddrDstType:
        return mod + neg + (c.kind == Criterion::AddrSrcType ? QLatin1String("--src-type ") : QLatin1String("--dst-type "))
                + addrTypeNames(c.a) + ((c.c & 1) ? QStringLiteral(" --limit-iface-in") : QString())
                + ((c.c & 2) ? QStringLiteral(" --limit-iface-out") : QString());
    case Criterion::Comment: return mod + QLatin1String("--comment ") + quoteIfNeeded(c.text);
    case Criterion::StatRandom:
        return mod + QLatin1String("--mode random ") + neg + QLatin1String("--probability ")
                + QString::number(double(c.a) / double(0x80000000u), 'f', 11);
    case Criterion::StatNth:
        return mod + QLatin1String("--mode nth ") + neg + QLatin1String("--every ") + QString::number(c.a)
                + QLatin1String(" --packet ") + QString::number(c.b);
    case Criterion::IpRangeSrc: return mod + neg + QLatin1String("--src-range ") + ad.x.toString() + QLatin1Char('-') + ad.y.toString();
    case Criterion::IpRangeDst: return mod + neg + QLatin1String("--dst-range ") + ad.x.toString() + QLatin1Char('-') + ad.y.toString();
    case Criterion::PhysdevIn: return mod + neg + QLatin1String("--physdev-in ") + q(c.text) + (c.c ? QStringLiteral("+") : QString());
    case Criterion::PhysdevOut: return mod + neg + QLatin1String("--physdev-out ") + q(c.text) + (c.c ? QStringLiteral("+") : QString());
    case Criterion::PhysdevIsIn: return mod + neg + QLatin1String("--physdev-is-in");
    case Criterion::PhysdevIsOut: return mod + neg + QLatin1String("--physdev-is-out");
    case Criterion::PhysdevIsBridged: return mod + neg + QLatin1String("--physdev-is-bridged");
    case Criterion::PktType: {
        static const char *names[] = {"unicast", "broadcast", "multicast", "otherhost"};
        return mod + neg + QLatin1String("--pkt-type ") + QLatin1String(names[std::min<quint32>(c.a, 3)]);
    }
    case Criterion::Length: return mod + neg + QLatin1String("--length ") + portRange(c.a, c.b);
    case Criterion::Limit: return mod + QLatin1String("--limit ") + q(c.text) + QLatin1String(" --limit-burst ") + QString::number(c.b);
    case Criterion::OwnerUid: return mod + neg + QLatin1String("--uid-owner ") + (c.a == c.b ? QString::number(c.a) : QString::number(c.a) + QLatin1Char('-') + QString::number(c.b));
    case Criterion::OwnerGid: return mod + neg + QLatin1String("--gid-owner ") + (c.a == c.b ? QString::number(c.a) : QString::number(c.a) + QLatin1Char('-') + QString::number(c.b));
    case Criterion::OwnerSocketExists: return mod + neg + QLatin1String("--socket-exists");
    case Criterion::Set: {
        QStringList dirs;
        for (quint32 i = 0; i < c.a; ++i)
            dirs << ((c.b >> i) & 1 ? QStringLiteral("src") : QStringLiteral("dst"));
        QString t = mod + neg + QLatin1String("--match-set ") + q(c.text) + QLatin1Char(' ') + dirs.join(QLatin1Char(','));
        if (c.c & SetFlags::ReturnNomatch)
            t += QLatin1String(" --return-nomatch");
        if (c.c & SetFlags::NoCounterUpdate)
            t += QLatin1String(" ! --update-counters");
        if (c.c & SetFlags::NoSubcounterUpdate)
            t += QLatin1String(" ! --update-subcounters");
        return t;
    }
    case Criterion::Recent: {
        static const char *commands[] = {"--set", "--rcheck", "--update", "--remove"};
        QString t = mod + neg + QLatin1String(commands[c.c & RecentFlags::CommandMask]);
        if (c.a)
            t += QLatin1String(" --seconds ") + QString::number(c.a);
        if (c.c & RecentFlags::Reap)
            t += QLatin1String(" --reap");
        if (c.d)
            t += QLatin1String(" --hitcount ") + QString::number(c.d);
        if (c.c & RecentFlags::Ttl)
            t += QLatin1String(" --rttl");
        return t + QLatin1String(" --name ") + q(c.text) + QLatin1String(" --mask ") + maskToString(ad.y)
                + ((c.c & RecentFlags::Dest) ? QLatin1String(" --rdest") : QLatin1String(" --rsource"));
    }
    case Criterion::Nfacct: return mod + QLatin1String("--nfacct-name ") + quoteIfNeeded(c.text);
    case Criterion::MacSource: return mod + neg + QLatin1String("--mac-source ") + q(c.text);
    case Criterion::Ttl: {
        static const char *ops[] = {"--ttl-eq ", "--ttl-lt ", "--ttl-gt "};
        return mod + neg + QLatin1String(ops[std::min<quint32>(c.a, 2)]) + QString::number(c.b);
    }
    case Criterion::Unknown: return q(c.text);
    }
    return q(c.text);
}

QString Explain::targetText(const Ruleset &, const Rule &rule)
{
    const Target &t = rule.target;
    const QString name = q(t.name);
    auto nat = [&](bool withAddr) {
        QString s;
        // ip6tables brackets an address that a port follows: "[fd00::1]:80"
        const bool brackets = withAddr && !t.addrLo.isNull() && !t.addrLo.isV4() && t.portLo;
        auto addr = [&](const Address &x) { return brackets ? QLatin1Char('[') + x.toString() + QLatin1Char(']') : x.toString(); };
        if (withAddr && !t.addrLo.isNull())
            s = addr(t.addrLo) + (t.addrHi != t.addrLo ? QLatin1Char('-') + addr(t.addrHi) : QString());
        if (t.portLo)
            s += (withAddr ? QStringLiteral(":") : QString()) + QString::number(t.portLo)
                    + (t.portHi != t.portLo ? QLatin1Char('-') + QString::number(t.portHi) : QString());
        return s;
    };
    switch (t.kind) {
    case Target::None: return {};
    case Target::Goto: return QLatin1String("-g ") + name;
    case Target::Mark:
        return QLatin1String("-j MARK --set-xmark ") + hex(t.a) + QLatin1Char('/') + hex(t.b);
    case Target::ConnMark:
        if (t.mode == 0)
            return QLatin1String("-j CONNMARK --set-xmark ") + hex(t.a) + QLatin1Char('/') + hex(t.b);
        return QLatin1String("-j CONNMARK ") + (t.mode == 1 ? QLatin1String("--save-mark") : QLatin1String("--restore-mark"))
                + QLatin1String(" --nfmask ") + hex(t.a) + QLatin1String(" --ctmask ") + hex(t.b);
    case Target::Dnat: return QLatin1String("-j DNAT --to-destination ") + nat(true);
    case Target::Snat: return QLatin1String("-j SNAT --to-source ") + nat(true);
    case Target::Masquerade: return QLatin1String("-j MASQUERADE") + (t.portLo ? QLatin1String(" --to-ports ") + nat(false) : QString());
    case Target::Redirect: return QLatin1String("-j REDIRECT") + (t.portLo ? QLatin1String(" --to-ports ") + nat(false) : QString());
    case Target::Netmap: return QLatin1String("-j NETMAP --to ") + prefixToString(t.addrLo, t.netmapMask());
    case Target::Log:
        return QLatin1String("-j LOG") + (t.args.empty() ? QString() : QLatin1String(" --log-prefix ") + quoteIfNeeded(t.args));
    case Target::Reject:
        return QLatin1String("-j REJECT") + (t.args.empty() ? QString() : QLatin1String(" --reject-with ") + q(t.args));
    default:
        return QLatin1String("-j ") + name + (t.args.empty() ? QString() : QLatin1Char(' ') + q(t.args));
    }
}

QString Explain::ruleText(const Ruleset &rs, const Rule &rule)
{
    QStringList parts;
    quint16 lastModule = 0;
    for (const Criterion &c : rule.criteria) {
        QString t = criterionText(rs, rule, c);
        // one "-m name" for consecutive options of the same module, as iptables-save prints
        if (c.module && c.module == lastModule && c.kind != Criterion::Unknown) {
            const QString prefix = QLatin1String("-m ") + q(rs.moduleName(c.module)) + QLatin1Char(' ');
            if (t.startsWith(prefix))
                t = t.mid(prefix.size());
        }
        lastModule = c.module;
        parts << t;
    }
    const QString target = targetText(rs, rule);
    if (!target.isEmpty())
        parts << target;
    return parts.join(QLatin1Char(' '));
}

QString Explain::whyNot(const Node &node, const Ruleset &rs, const Rule &rule, const Criterion &c, const PacketState &p)
{
    const AddressPair ad = Criterion::hasAddresses(c.kind) ? rs.addresses(c) : AddressPair();
    const bool neg = c.neg;
    auto inOrNot = [&](const QString &what, const QString &value, const QString &set) {
        return neg ? tr("%1 %2 is in %3, which the rule excludes").arg(what, value, set)
                   : tr("%1 %2 is not in %3").arg(what, value, set);
    };
    auto isOrNot = [&](const QString &what, const QString &value, const QString &want) {
        return neg ? tr("%1 is %2, which the rule excludes").arg(what, value)
                   : tr("%1 is %2, not %3").arg(what, value, want);
    };
    const QString none = tr("(none)");
    switch (c.kind) {
    case Criterion::Src: return inOrNot(tr("source"), p.src.toString(), prefixToString(ad.x, ad.y));
    case Criterion::Dst: return inOrNot(tr("destination"), p.dst.toString(), prefixToString(ad.x, ad.y));
    case Criterion::InIface:
        if (p.inIface.isEmpty() && !neg)
            return tr("the packet has no in-interface here (it is locally generated), the rule wants %1").arg(q(c.text) + (c.c ? QStringLiteral("+") : QString()));
        return isOrNot(tr("in-interface"), p.inIface.isEmpty() ? none : p.inIface, q(c.text) + (c.c ? QStringLiteral("+") : QString()));
    case Criterion::OutIface:
        if (p.outIface.isEmpty() && !neg)
            return tr("the packet has no out-interface yet, the rule wants %1").arg(q(c.text) + (c.c ? QStringLiteral("+") : QString()));
        return isOrNot(tr("out-interface"), p.outIface.isEmpty() ? none : p.outIface, q(c.text) + (c.c ? QStringLiteral("+") : QString()));
    case Criterion::Proto: return isOrNot(tr("protocol"), protoName(p.proto), protoName(quint8(c.a)));
    case Criterion::Fragment: return tr("the packet is not a later fragment");
    case Criterion::SrcPort:
    case Criterion::DstPort: {
        const bool src = c.kind == Criterion::SrcPort;
        if (p.proto != ProtoTcp && p.proto != ProtoUdp && p.proto != ProtoSctp && p.proto != ProtoDccp)
            return tr("protocol %1 has no ports").arg(protoName(p.proto));
        return inOrNot(src ? tr("source port") : tr("destination port"), QString::number(src ? p.sport : p.dport), portRange(c.a, c.b));
    }
    case Criterion::TcpFlags: return tr("TCP flags %1 under mask %2 are not %3").arg(hex(p.tcpFlags & c.a), hex(c.a), hex(c.b));
    case Criterion::IcmpType:
        if (p.proto != ProtoIcmp)
            return tr("protocol %1 is not icmp").arg(protoName(p.proto));
        return isOrNot(tr("ICMP type"), QString::number(p.icmpType), QString::number(c.a));
    case Criterion::MultiSrcPorts:
    case Criterion::MultiDstPorts:
    case Criterion::MultiPorts:
        return tr("ports %1 -> %2 are not in %3").arg(p.sport).arg(p.dport).arg(criterionText(rs, rule, c));
    case Criterion::CtState:
        return neg ? tr("conntrack state %1 is one of %2, which the rule excludes").arg(ctNames(p.ctstate), ctNames(c.a))
                   : tr("conntrack state %1 is not %2").arg(ctNames(p.ctstate), ctNames(c.a));
    case Criterion::CtProto: return isOrNot(tr("conntrack protocol"), protoName(p.proto), protoName(quint8(c.a)));
    case Criterion::CtOrigSrc: return inOrNot(tr("original source"), p.origSrc.toString(), prefixToString(ad.x, ad.y));
    case Criterion::CtOrigDst: return inOrNot(tr("original destination"), p.origDst.toString(), prefixToString(ad.x, ad.y));
    case Criterion::CtReplSrc: return inOrNot(tr("reply source"), p.dst.toString(), prefixToString(ad.x, ad.y));
    case Criterion::CtReplDst: return inOrNot(tr("reply destination"), p.src.toString(), prefixToString(ad.x, ad.y));
    case Criterion::CtOrigSrcPort: return inOrNot(tr("original source port"), QString::number(p.origSport), portRange(c.a, c.b));
    case Criterion::CtOrigDstPort: return inOrNot(tr("original destination port"), QString::number(p.origDport), portRange(c.a, c.b));
    case Criterion::CtReplSrcPort: return inOrNot(tr("reply source port"), QString::number(p.dport), portRange(c.a, c.b));
    case Criterion::CtReplDstPort: return inOrNot(tr("reply destination port"), QString::number(p.sport), portRange(c.a, c.b));
    case Criterion::CtStatus: return tr("conntrack status of a first packet is not %1").arg(q(c.text));
    case Criterion::CtDirection: return tr("the packet goes in the original direction");
    case Criterion::Mark:
    case Criterion::ConnMark: {
        const quint32 v = c.kind == Criterion::Mark ? p.mark : p.ctmark;
        const QString what = c.kind == Criterion::Mark ? tr("mark") : tr("connmark");
        return neg ? tr("%1 %2 & %3 is %4, which the rule excludes").arg(what, hex(v), hex(c.b), hex(c.a))
                   : tr("%1 %2 & %3 is %4, not %5").arg(what, hex(v), hex(c.b), hex(v & c.b), hex(c.a));
    }
    case Criterion::AddrSrcType:
    case Criterion::AddrDstType: {
        const Address addr = c.kind == Criterion::AddrSrcType ? p.src : p.dst;
        const quint32 type = node.context.addressType(addr);
        const QString what = c.kind == Criterion::AddrSrcType ? tr("source") : tr("destination");
        return neg ? tr("%1 %2 is %3 on %4, which the rule excludes").arg(what, addr.toString(), addrTypeNames(type), node.name)
                   : tr("%1 %2 is %3 on %4, not %5").arg(what, addr.toString(), addrTypeNames(type), node.name, addrTypeNames(c.a));
    }
    case Criterion::StatRandom:
        return tr("statistic: this branch takes the other %1%").arg(QString::number((1.0 - double(c.a) / double(0x80000000u)) * 100, 'g', 4));
    case Criterion::StatNth: return tr("statistic nth: the first packet is not number %1 of every %2").arg(c.b).arg(c.a);
    case Criterion::IpRangeSrc: return inOrNot(tr("source"), p.src.toString(), ad.x.toString() + QLatin1Char('-') + ad.y.toString());
    case Criterion::IpRangeDst: return inOrNot(tr("destination"), p.dst.toString(), ad.x.toString() + QLatin1Char('-') + ad.y.toString());
    case Criterion::PktType: return tr("packet type is unicast");
    case Criterion::Length: return inOrNot(tr("length"), QString::number(p.length), portRange(c.a, c.b));
    case Criterion::OwnerUid:
    case Criterion::OwnerGid:
    case Criterion::OwnerSocketExists: return tr("owner matches only locally generated packets in OUTPUT and POSTROUTING");
    case Criterion::Recent: {
        const QString list = q(c.text);
        const QString addr = (((c.c & RecentFlags::Dest) ? p.dst : p.src) & ad.y).toString();
        if (neg)
            return tr("recent list %1 holds %2, which the rule excludes").arg(list, addr);
        if ((c.c & RecentFlags::CommandMask) == RecentFlags::Set)
            break;
        return tr("recent list %1 holds no entry for %2: a new client (trace with --affinity %1 for one that has it)")
                .arg(list, addr);
    }
    case Criterion::Set: {
        const Ipset *set = node.context.ipsets.find(c.text);
        if (!set || node.context.ipsets.test(c, p) == Ipsets::Result::Unknown)
            break;
        // What the set was asked, part by part: "source 10.0.0.1, destination port tcp/80".
        QStringList asked;
        for (size_t i = 0; i < set->parts.size() && i < c.a; ++i) {
            const bool src = (c.b >> i) & 1;
            switch (set->parts[i]) {
            case Ipset::Part::Ip:
            case Ipset::Part::Net:
                asked << (src ? tr("source %1") : tr("destination %1")).arg((src ? p.src : p.dst).toString());
                break;
            case Ipset::Part::Port:
                asked << (src ? tr("source port %1/%2") : tr("destination port %1/%2"))
                                 .arg(protoName(p.proto)).arg(src ? p.sport : p.dport);
                break;
            case Ipset::Part::Iface:
                asked << (src ? tr("in interface %1") : tr("out interface %1")).arg(src ? p.inIface : p.outIface);
                break;
            default:
                break;
            }
        }
        if (c.a < set->parts.size())
            return neg ? tr("set %1 (%2) is tested with fewer directions than it has dimensions, so it matches nothing, which the rule excludes")
                                 .arg(q(c.text), set->type)
                       : tr("set %1 (%2) has %3 dimensions but the rule gives %4 directions: it matches nothing")
                                 .arg(q(c.text), set->type).arg(set->parts.size()).arg(c.a);
        const QString what = asked.join(QStringLiteral(", "));
        return neg ? tr("%1 is in set %2 (%3), which the rule excludes").arg(what, q(c.text), set->type)
                   : tr("%1 is not in set %2 (%3)").arg(what, q(c.text), set->type);
    }
    default:
        break;
    }
    switch (c.kind) {
    default:
        return tr("%1 does not hold (assumed in this branch: Chainscope cannot decide it)").arg(criterionText(rs, rule, c));
    }
}

QString Explain::whyNot(const Scenario &sc, const Branch &b, const Step &s)
{
    const Rule *rule = ruleOf(sc, s);
    if (!rule || s.failed < 0 || size_t(s.failed) >= rule->criteria.size())
        return {};
    const Node &node = sc.nodes[s.node];
    return whyNot(node, node.rules, *rule, rule->criteria[size_t(s.failed)], b.packets[size_t(s.packet)]);
}

QString Explain::action(const Scenario &sc, const Branch &b, const Step &s)
{
    switch (s.kind) {
    case Step::Policy: {
        const Chain &c = sc.nodes[s.node].rules.table(s.table).chains[size_t(s.chain)];
        return c.policyDrop ? tr("policy DROP") : tr("policy ACCEPT");
    }
    case Step::ChainEnd: return tr("end of chain, return");
    case Step::RuleRange: return tr("no match");
    case Step::Routing:
    case Step::Handoff:
    case Step::Note: return s.note >= 0 ? b.notes[size_t(s.note)] : QString();
    case Step::RuleEval: break;
    case Step::NftRule:
    case Step::NftPolicy:
    case Step::NftChainEnd: return NftExplain::action(sc, b, s);
    }
    const Rule *rule = ruleOf(sc, s);
    if (!rule)
        return {};
    if (!s.matched)
        return tr("no match");
    const Target &t = rule->target;
    switch (t.kind) {
    case Target::None: return tr("continue");
    case Target::Jump: return QLatin1String("jump ") + q(t.name);
    case Target::Goto: return QLatin1String("goto ") + q(t.name);
    case Target::Accept: return QStringLiteral("accept");
    case Target::Drop: return QStringLiteral("drop");
    case Target::Reject: return QStringLiteral("reject");
    case Target::Return: return QStringLiteral("return");
    case Target::Queue: return QStringLiteral("queue");
    default: {
        const QString target = targetText(sc.nodes[s.node].rules, *rule);
        return target.startsWith(QLatin1String("-j ")) ? target.mid(3) : target;
    }
    }
}

QString Explain::stepLine(const Scenario &sc, const Branch &b, const Step &s)
{
    const Node &node = sc.nodes[s.node];
    const QString hook = q(hookName(s.hook));
    if (s.kind == Step::Routing || s.kind == Step::Handoff || s.kind == Step::Note)
        return node.name + QLatin1Char(' ') + hook + QLatin1String(": ") + action(sc, b, s);
    if (NftExplain::isNft(s))
        return NftExplain::stepLine(sc, b, s);
    const Chain &c = node.rules.table(s.table).chains[size_t(s.chain)];
    QString where = node.name + QLatin1Char(' ') + q(tableName(s.table)) + QLatin1Char(':') + q(c.name);
    if (s.kind == Step::Policy)
        where += QLatin1String(":policy");
    else if (s.kind == Step::ChainEnd)
        where += QLatin1String(":return");
    else if (s.kind == Step::RuleRange)
        where += QLatin1String(":rules:") + QString::number(s.rule + 1) + QLatin1Char('-') + QString::number(s.ruleEnd + 1);
    else
        where += QLatin1String(":rule:") + QString::number(s.rule + 1);
    QString line = where + QLatin1String(" => ") + action(sc, b, s);
    const Rule *first = s.kind == Step::RuleRange ? ruleOf(sc, s) : nullptr;
    const Criterion::Kind failedKind = first && s.failed >= 0 && size_t(s.failed) < first->criteria.size()
            ? first->criteria[size_t(s.failed)].kind : Criterion::Dst;
    if (s.kind == Step::RuleRange && failedKind == Criterion::DstPort) {
        // a PortRun (KUBE-NODEPORTS)
        line += QLatin1String(" (") + tr("destination port %1 is none of their %2 ports")
                        .arg(b.packets[size_t(s.packet)].dport).arg(s.ruleEnd - s.rule + 1) + QLatin1Char(')');
    } else if (s.kind == Step::RuleRange && failedKind == Criterion::Proto) {
        line += QLatin1String(" (") + tr("protocol %1 is not theirs (%2 rules)")
                        .arg(protoName(b.packets[size_t(s.packet)].proto)).arg(s.ruleEnd - s.rule + 1) + QLatin1Char(')');
    } else if (s.kind == Step::RuleRange) {
        line += QLatin1String(" (") + tr("destination %1 is none of their %2 addresses")
                        .arg(b.packets[size_t(s.packet)].dst.toString()).arg(s.ruleEnd - s.rule + 1) + QLatin1Char(')');
    } else if (s.kind == Step::RuleEval && !s.matched) {
        const QString why = whyNot(sc, b, s);
        if (!why.isEmpty())
            line += QLatin1String(" (") + why + QLatin1Char(')');
    }
    if (s.uncertain)
        line += tr(" [branch]");
    return line;
}

QString Explain::verdictLine(const Scenario &sc, const Verdict &v)
{
    const QString node = size_t(v.node) < sc.nodes.size() ? sc.nodes[size_t(v.node)].name : QString();
    const QString kind = verdictKindName(v.kind).toUpper();
    if (v.nftChain >= 0)
        return NftExplain::verdictLine(sc, v);
    if (v.chain >= 0) {
        const Chain &c = sc.nodes[size_t(v.node)].rules.table(v.table).chains[size_t(v.chain)];
        const QString where = node + QLatin1Char(' ') + q(tableName(v.table)) + QLatin1Char(':') + q(c.name)
                + (v.rule == 0 ? QStringLiteral(":policy") : QLatin1String(":rule:") + QString::number(v.rule));
        return where + QLatin1String(" => ") + kind + (v.rule == 0 ? tr(" (by the chain's policy)") : QString());
    }
    return node + QLatin1String(" => ") + kind + (v.where.isEmpty() ? QString() : QLatin1String(": ") + v.where)
            + (v.reason.isEmpty() || v.kind == Verdict::Delivered || v.kind == Verdict::AcceptLocal ? QString() : QLatin1String(" (") + v.reason + QLatin1Char(')'));
}

QString Explain::rewrite(const Scenario &sc, const Branch &b, int k, RewriteForm form)
{
    if (k < 0 || k + 1 >= int(b.steps.size()))
        return {};
    const Step &s = b.steps[size_t(k)];
    const Step &n = b.steps[size_t(k + 1)];
    if (s.node != n.node || s.packet == n.packet)
        return {};
    const PacketState &before = b.packets[size_t(s.packet)];
    const PacketState &after = b.packets[size_t(n.packet)];
    const auto hostPort = [](const Address &a, quint16 p) {
        return p ? QStringLiteral("%1:%2").arg(a.toString()).arg(p) : a.toString();
    };
    QStringList parts;
    if (before.dst != after.dst || before.dport != after.dport)
        parts << tr("destination %1 \u2192 %2").arg(hostPort(before.dst, before.dport), hostPort(after.dst, after.dport));
    if (before.src != after.src || before.sport != after.sport)
        parts << tr("source %1 \u2192 %2").arg(hostPort(before.src, before.sport), hostPort(after.src, after.sport));
    if (before.mark != after.mark)
        parts << tr("mark 0x%1 \u2192 0x%2").arg(QString::number(before.mark, 16), QString::number(after.mark, 16));
    if (parts.isEmpty())
        return {};
    QString target;
    if (s.kind == Step::RuleEval && s.chain >= 0 && s.rule >= 0 && size_t(s.node) < sc.nodes.size()) {
        const Chain &c = sc.nodes[size_t(s.node)].rules.table(s.table).chains[size_t(s.chain)];
        if (size_t(s.rule) < c.rules.size())
            target = q(c.rules[size_t(s.rule)].target.name);
    }
    QString change = parts.join(QLatin1Char('\n'));
    if (form == RewriteForm::Packets) {
        // Without interfaces: they are the hooks', not the rewrite's.
        const auto bare = [](PacketState p) {
            p.inIface.clear();
            p.outIface.clear();
            return p.describe();
        };
        change = tr("%1 \u2192 %2").arg(bare(before), bare(after));
    }
    return target.isEmpty() ? change : tr("%1: %2").arg(target, change);
}

namespace {
/**
 * The first step of the nft base chain pass that decided a drop: walking back from the
 * verdict, the pass ends at another base chain's step, a policy, an accept, a matched nat
 * statement, an iptables step or another hook.
 */
int nftPassStart(const nft::NftRuleset &n, const Branch &b)
{
    const int root = b.verdict.nftChain;
    int k = int(b.steps.size()) - 1;
    while (k >= 0 && b.steps[size_t(k)].kind == Step::Note)
        --k;
    if (k < 0)
        return 0;
    const Hook hook = b.steps[size_t(k)].hook;
    const int node = b.steps[size_t(k)].node;
    for (int i = k - 1; i >= 0; --i) {
        const Step &s = b.steps[size_t(i)];
        if (s.kind == Step::Note && s.node == node && s.hook == hook)
            continue;
        if (s.node != node || s.hook != hook || (s.kind != Step::NftRule && s.kind != Step::NftChainEnd))
            return i + 1;
        const nft::Chain &c = n.chains[size_t(s.chain)];
        if ((c.base && s.chain != root) || NftExplain::accepted(n, s))
            return i + 1;
        if (s.kind == Step::NftRule && s.matched) {
            const nft::Rule &r = c.rules[size_t(s.rule)];
            for (quint32 j = r.first; j < r.first + r.count; ++j)
                if (n.items[j].kind == nft::Item::Nat)
                    return i + 1;
        }
    }
    return 0;
}

/** As for iptables' -s/-d: an address that shares most of the rule's prefix is a typo-sized miss. */
double nftAddressDistance(const nft::Item &it, const PacketState &p)
{
    if (it.lhs.n != 1 || (it.op != nft::Item::Eq && it.op != nft::Item::Prefix))
        return 1.0;
    const nft::Field f = it.lhs.f[0];
    Address addr;
    if (f == nft::Field::IpSaddr || f == nft::Field::Ip6Saddr)
        addr = p.src;
    else if (f == nft::Field::IpDaddr || f == nft::Field::Ip6Daddr)
        addr = p.dst;
    else
        return 1.0;
    const auto lead = [](quint64 hi, quint64 lo) { return hi ? std::countl_zero(hi) : 64 + std::countl_zero(lo); };
    const Address net = it.v.toAddress();
    const Address top = it.op == nft::Item::Prefix ? it.w.toAddress() : net;
    const int skip = addr.isV4() ? 96 : 0;
    const int len = lead(net.hi() ^ top.hi(), net.lo() ^ top.lo()) - skip;
    const int common = lead(addr.hi() ^ net.hi(), addr.lo() ^ net.lo()) - skip;
    return len > 0 ? 1.0 - double(std::min(common, len)) / double(len) : 1.0;
}
} // namespace

std::vector<Miss> Explain::acceptedBefore(const Scenario &sc, const Branch &b)
{
    std::vector<Miss> out;
    if ((b.verdict.kind != Verdict::Drop && b.verdict.kind != Verdict::Reject) || b.steps.empty())
        return out;
    const int node = b.verdict.node;
    const Node &n = sc.nodes[size_t(node)];
    int last = int(b.steps.size()) - 1;
    while (last > 0 && b.steps[size_t(last)].kind == Step::Note)
        --last;
    const Hook hook = b.steps[size_t(last)].hook;
    for (int i = last - 1; i >= 0; --i) {
        const Step &s = b.steps[size_t(i)];
        if (s.node != node || (s.hook != hook && s.kind != Step::Note && s.kind != Step::Routing))
            break;
        if (s.hook != hook || !s.matched)
            continue;
        Miss m;
        m.node = node;
        m.rule = s.rule;
        if (s.kind == Step::NftRule && n.rules.nft && NftExplain::accepted(*n.rules.nft, s)) {
            m.nftChain = s.chain;
        } else if (s.kind == Step::RuleEval && s.chain >= 0 && s.rule >= 0) {
            const Rule *rule = ruleOf(sc, s);
            if (!rule || rule->target.kind != Target::Accept)
                continue;
            m.table = s.table;
            m.chain = s.chain;
        } else {
            continue;
        }
        out.insert(out.begin(), std::move(m));
    }
    return out;
}

QString Explain::missPlace(const Scenario &sc, const Miss &m)
{
    const Node &node = sc.nodes[size_t(m.node)];
    if (m.nftChain >= 0 && node.rules.nft) {
        const nft::NftRuleset &n = *node.rules.nft;
        const nft::Chain &c = n.chains[size_t(m.nftChain)];
        return tr("%1:%2 rule %3").arg(n.tableTitle(c.table), q(c.name)).arg(m.rule + 1);
    }
    const Chain &c = node.rules.table(m.table).chains[size_t(m.chain)];
    return tr("%1:%2 rule %3").arg(q(tableName(m.table)), q(c.name)).arg(m.rule + 1);
}

QString Explain::missRule(const Scenario &sc, const Miss &m)
{
    const Node &node = sc.nodes[size_t(m.node)];
    if (m.nftChain >= 0 && node.rules.nft)
        return q(node.rules.nft->chains[size_t(m.nftChain)].rules[size_t(m.rule)].text);
    const Chain &c = node.rules.table(m.table).chains[size_t(m.chain)];
    return QStringLiteral("-A %1 %2").arg(q(c.name), ruleText(node.rules, c.rules[size_t(m.rule)]));
}

std::vector<Miss> Explain::nearestMisses(const Scenario &sc, const Branch &b, int max)
{
    std::vector<Miss> out;
    if (b.verdict.kind != Verdict::Drop && b.verdict.kind != Verdict::Reject)
        return out;
    const int node = b.verdict.node;
    int from = 0;
    for (const auto &e : b.nodeEntries) {
        if (e.first == node)
            from = e.second;
    }
    const Node &n = sc.nodes[size_t(node)];
    const nft::NftRuleset *nr = n.rules.nft.get();
    const bool nftDecided = b.verdict.nftChain >= 0 && nr;
    if (nftDecided)
        from = std::max(from, nftPassStart(*nr, b));
    for (size_t i = size_t(from); i < b.steps.size(); ++i) {
        const Step &range = b.steps[i];
        if (range.kind == Step::NftRule && nftDecided && !range.matched && range.node == node) {
            const nft::Rule &rule = nr->chains[size_t(range.chain)].rules[size_t(range.rule)];
            if (!NftExplain::ruleAccepts(*nr, rule))
                continue;
            Miss m;
            m.node = node;
            m.nftChain = range.chain;
            m.rule = range.rule;
            const PacketState &p = b.packets[size_t(range.packet)];
            for (quint32 k = 0; k < rule.count; ++k) {
                const nft::Item &it = nr->items[rule.first + k];
                if (it.kind != nft::Item::Match && it.kind != nft::Item::Xt && it.kind != nft::Item::Unknown)
                    continue;
                if (nft::holds(*nr, it, n, p, range.hook) == nft::Holds::Yes)
                    continue;
                m.failed.push_back(int(k));
                m.reasons.push_back(NftExplain::whyNotItem(n, p, range.hook, it));
                m.distance += nftAddressDistance(it, p);
            }
            if (!m.failed.empty())
                out.push_back(std::move(m));
            continue;
        }
        if ((range.kind != Step::RuleEval && range.kind != Step::RuleRange) || range.matched || range.node != node || nftDecided)
            continue;
      // A range stands for each of its rules.
      for (int ri = range.rule; ri <= (range.kind == Step::RuleRange ? range.ruleEnd : range.rule); ++ri) {
        Step s = range;
        s.rule = ri;
        const Rule *rule = ruleOf(sc, s);
        if (!rule || rule->target.kind != Target::Accept)
            continue;
        Miss m;
        m.node = node;
        m.table = s.table;
        m.chain = s.chain;
        m.rule = s.rule;
        const PacketState &p = b.packets[size_t(s.packet)];
        for (size_t ci = 0; ci < rule->criteria.size(); ++ci) {
            bool decided = true;
            const Criterion &c = rule->criteria[ci];
            if (c.kind == Criterion::StatRandom)
                continue;
            if (!Simulator::evaluate(n, n.rules, *rule, c, p, s.hook, decided) || !decided) {
                m.failed.push_back(int(ci));
                m.reasons.push_back(criterionText(n.rules, *rule, c) + QLatin1String(": ") + whyNot(n, n.rules, *rule, c, p));
                // An address that shares most of the network's prefix is a typo-sized miss
                // (10.224 against 10.244): it counts less than a wrong interface or state.
                double d = 1.0;
                if ((c.kind == Criterion::Src || c.kind == Criterion::Dst) && !c.neg) {
                    const Address addr = c.kind == Criterion::Src ? p.src : p.dst;
                    const AddressPair &ad = n.rules.addresses(c);
                    const Family f = ad.x.family();
                    const int len = prefixLength(ad.y, f);
                    const Address diff = Address(addr.hi() ^ ad.x.hi(), addr.lo() ^ ad.x.lo()) | ~ad.y;
                    const int common = (diff.hi() ? std::countl_zero(diff.hi()) : 64 + std::countl_zero(diff.lo()))
                            - (f == Family::Ipv4 ? 96 : 0);
                    if (len > 0)
                        d = 1.0 - double(std::min(common, len)) / double(len);
                }
                m.distance += d;
            }
        }
        if (!m.failed.empty())
            out.push_back(std::move(m));
      }
    }
    // The chain whose policy decided comes first; then the closest misses.
    const auto deciding = [&](const Miss &m) {
        return b.verdict.rule == 0 && (nftDecided ? m.nftChain == b.verdict.nftChain : m.chain == b.verdict.chain);
    };
    std::stable_sort(out.begin(), out.end(), [&](const Miss &a, const Miss &c) {
        if (a.failed.size() != c.failed.size())
            return a.failed.size() < c.failed.size();
        if (a.distance != c.distance)
            return a.distance < c.distance;
        return deciding(a) > deciding(c);
    });
    if (int(out.size()) > max)
        out.resize(size_t(max));
    return out;
}

std::vector<Lint> Explain::lints(const Scenario &sc)
{
    std::vector<Lint> out;
    // The pod network: subnets on the CNI bridge and the overlay, and their common /16.
    // IPv4 pod networks only: the lint looks for the 10.224-for-10.244 typo.
    std::vector<std::pair<Address, int>> podNets;
    for (const Node &n : sc.nodes) {
        for (const Interface &i : n.context.interfaces) {
            if (!(i.name == QLatin1String("cni0") || i.name == QLatin1String("cbr0") || i.name.startsWith(QLatin1String("flannel"))))
                continue;
            for (const auto &a : i.addresses) {
                if (a.address.isV4())
                    podNets.push_back({a.address & Address::mask(Family::Ipv4, 16), 16});
            }
        }
    }
    std::sort(podNets.begin(), podNets.end());
    podNets.erase(std::unique(podNets.begin(), podNets.end()), podNets.end());
    auto inPodNet = [&](const Address &addr, const Address &mask) {
        for (const auto &pn : podNets) {
            const Address m = Address::mask(Family::Ipv4, pn.second) & mask;
            if ((addr & m) == (pn.first & m))
                return true;
        }
        return false;
    };
    auto anyNodeUses = [&](const Address &addr, const Address &mask) {
        for (const Node &n : sc.nodes) {
            for (const Interface &i : n.context.interfaces) {
                for (const auto &a : i.addresses) {
                    if ((a.address & mask) == addr)
                        return true;
                }
            }
            for (const Route &r : n.context.routes) {
                if (r.family() == Family::Ipv4 && r.prefixLength >= prefixLength(mask, Family::Ipv4) && (r.dst & mask) == addr)
                    return true;
            }
        }
        return false;
    };
    if (!podNets.empty()) {
        for (size_t ni = 0; ni < sc.nodes.size(); ++ni) {
            const Node &n = sc.nodes[ni];
            std::map<std::pair<Address, Address>, std::pair<int, Lint>> byNet;
            for (int t = 0; t < TablesPerFamily; ++t) {
                const Table &tab = n.rules.table(TableId(t));
                for (size_t c = 0; c < tab.chains.size(); ++c) {
                    for (size_t r = 0; r < tab.chains[c].rules.size(); ++r) {
                        for (const Criterion &cr : tab.chains[c].rules[r].criteria) {
                            if (cr.kind != Criterion::Src && cr.kind != Criterion::Dst)
                                continue;
                            const AddressPair &ad = n.rules.addresses(cr);
                            const int len = prefixLength(ad.y, Family::Ipv4);
                            // private /12../16 networks are what pod CIDRs look like
                            if (len < 12 || len > 16 || (ad.x.v4() >> 24) != 10)
                                continue;
                            if (inPodNet(ad.x, ad.y) || anyNodeUses(ad.x, ad.y))
                                continue;
                            auto &entry = byNet[{ad.x, ad.y}];
                            if (entry.first++ == 0) {
                                entry.second.id = QStringLiteral("cidr-mismatch");
                                entry.second.node = int(ni);
                                entry.second.table = TableId(t);
                                entry.second.chain = int(c);
                                entry.second.rule = int(r);
                            }
                        }
                    }
                }
            }
            QStringList pods;
            for (const auto &pn : podNets)
                pods << prefixToString(pn.first, Address::mask(Family::Ipv4, pn.second), Family::Ipv4);
            for (auto &[net, entry] : byNet) {
                Lint l = entry.second;
                l.message = tr("%1: %n rule(s) name %2, but every pod subnet and route is in %3; "
                               "no interface or route of any node is in %2", nullptr, entry.first)
                                    .arg(n.name, prefixToString(net.first, net.second, Family::Ipv4), pods.join(QStringLiteral(", ")));
                out.push_back(l);
            }
        }
    }
    // FORWARD policy DROP with nothing that accepts traffic into this node's pods.
    for (size_t ni = 0; ni < sc.nodes.size(); ++ni) {
        const Node &n = sc.nodes[ni];
        const Table &filter = n.rules.table(TableId::Filter);
        const int fwd = filter.chainIndex("FORWARD");
        if (fwd < 0 || !filter.chains[size_t(fwd)].policyDrop)
            continue;
        const Interface *cni = n.context.interface(QStringLiteral("cni0"));
        const Interface *overlay = nullptr;
        for (const Interface &i : n.context.interfaces) {
            if (i.name.startsWith(QLatin1String("flannel")))
                overlay = &i;
        }
        if (!cni || !overlay || cni->addresses.empty() || overlay->addresses.empty() || !cni->addresses.front().address.isV4()
            || !overlay->addresses.front().address.isV4())
            continue;
        PacketSpec spec;
        spec.fromNode = n.name;
        spec.inIface = overlay->name;
        const auto &ca = cni->addresses.front();
        spec.dst = Address::fromV4((ca.address.v4() & Address::mask(Family::Ipv4, ca.prefixLength).v4()) | 2u);
        // from another node's overlay address
        for (size_t other = 0; other < sc.nodes.size() && !spec.src; ++other) {
            if (other == ni)
                continue;
            if (const Interface *o = sc.nodes[other].context.interface(overlay->name); o && !o->addresses.empty())
                spec.src = o->addresses.front().address;
            if (spec.src && !spec.src->isV4())
                spec.src.reset();
        }
        if (!spec.src)
            spec.src = Address::fromV4(overlay->addresses.front().address.v4() ^ 0x100u);
        spec.dport = 80;
        Scenario one;
        one.nodes.push_back(n);
        spec.fromNode = n.name;
        const Trace t = Simulator::trace(one, spec);
        for (const Branch &b : t.branches) {
            if (b.verdict.kind == Verdict::Drop && b.verdict.rule == 0) {
                Lint l;
                l.id = QStringLiteral("forward-drop");
                l.severity = Diagnostic::Error;
                l.node = int(ni);
                l.table = TableId::Filter;
                l.chain = fwd;
                l.rule = -1;
                l.message = tr("%1: filter FORWARD has policy DROP and no rule accepts pod traffic from %2 to %3 "
                               "(in %4, out cni0): cross-node pod traffic dies here")
                                    .arg(n.name, spec.src->toString(), spec.dst.toString(), overlay->name);
                out.push_back(l);
                break;
            }
        }
    }
    // Rules no packet can reach: an earlier rule of the chain with only address, interface
    // and protocol tests covers all of it and ends the packet.
    for (size_t ni = 0; ni < sc.nodes.size(); ++ni) {
        const Node &n = sc.nodes[ni];
        for (int t = 0; t < TableCount; ++t) {
            const Table &tab = n.rules.table(TableId(t));
            for (size_t c = 0; c < tab.chains.size(); ++c) {
                const auto &rules = tab.chains[c].rules;
                // Only terminal rules made of base tests can shadow; chains hold few of them,
                // so this stays linear in practice.
                std::vector<size_t> shadows;
                for (size_t r = 0; r < rules.size(); ++r) {
                    const auto k = rules[r].target.kind;
                    bool base = k == Target::Accept || k == Target::Drop || k == Target::Reject;
                    for (const Criterion &ec : rules[r].criteria)
                        base = base && ec.kind <= Criterion::Proto && !ec.neg;
                    if (base)
                        shadows.push_back(r);
                }
                if (shadows.size() > 64)
                    shadows.resize(64);
                for (size_t r = 1; r < rules.size() && !shadows.empty(); ++r) {
                    for (size_t e : shadows) {
                        if (e >= r)
                            break;
                        const Rule &early = rules[e];
                        bool covers = true;
                        for (const Criterion &ec : early.criteria) {
                            if (ec.kind > Criterion::Proto || ec.neg) {
                                covers = false;
                                break;
                            }
                            bool found = false;
                            for (const Criterion &lc : rules[r].criteria) {
                                if (lc.kind != ec.kind || lc.neg)
                                    continue;
                                if (ec.kind == Criterion::Src || ec.kind == Criterion::Dst) {
                                    const AddressPair &e = n.rules.addresses(ec), &l = n.rules.addresses(lc);
                                    found = (e.y & l.y) == e.y && (l.x & e.y) == e.x;
                                } else if (ec.kind == Criterion::InIface || ec.kind == Criterion::OutIface) {
                                    found = ec.c ? lc.text.starts_with(ec.text) : (!lc.c && lc.text == ec.text);
                                } else {
                                    found = lc.a == ec.a;
                                }
                            }
                            if (!found) {
                                covers = false;
                                break;
                            }
                        }
                        if (covers) {
                            Lint l;
                            l.id = QStringLiteral("shadowed");
                            l.node = int(ni);
                            l.table = TableId(t);
                            l.chain = int(c);
                            l.rule = int(r);
                            l.message = tr("%1 %2:%3 rule %4 is never reached: rule %5 before it takes every packet it would")
                                                .arg(n.name, tableTitle(TableId(t)), q(tab.chains[c].name)).arg(r + 1).arg(e + 1);
                            out.push_back(l);
                            break;
                        }
                    }
                }
            }
        }
    }
    return out;
}

QString verdictKindName(Verdict::Kind k)
{
    switch (k) {
    case Verdict::Delivered: return QStringLiteral("delivered");
    case Verdict::AcceptLocal: return QStringLiteral("accept-local");
    case Verdict::Drop: return QStringLiteral("drop");
    case Verdict::Reject: return QStringLiteral("reject");
    case Verdict::NoRoute: return QStringLiteral("no-route");
    case Verdict::Queue: return QStringLiteral("queue");
    case Verdict::Uncertain: return QStringLiteral("uncertain");
    }
    return {};
}

} // namespace chainscope
