#include "nfteval.h"

#include "scenario.h"

namespace chainscope::nft {

namespace {
bool hasPorts(quint8 proto)
{
    return proto == ProtoTcp || proto == ProtoUdp || proto == ProtoSctp || proto == ProtoDccp || proto == 136;
}

quint64 addrType(const Node &node, const PacketState &p, const Address &a, bool &decided)
{
    if (a.isMulticast())
        return AddrType::Multicast;
    if (a.isV4() && (a.v4() == 0xffffffffu))
        return AddrType::Broadcast;
    if (a.isNull() || (a.isV4() && a.v4() == 0))
        return AddrType::Unspec;
    if (a.isLoopback())
        return AddrType::Local;
    const NodeContext &ctx = node.context;
    if (ctx.routesAssumed())
        return ctx.assumed.lookup(a, p.inIface).local ? AddrType::Local : AddrType::Unicast;
    if (!ctx.hasAddresses) {
        decided = false;
        return AddrType::Unicast;
    }
    return ctx.isLocal(a) ? AddrType::Local : AddrType::Unicast;
}
} // namespace

bool readField(Field f, const Node &node, const PacketState &p, Hook hook, Val &out, bool &decided)
{
    decided = true;
    const bool v4 = p.family() == chainscope::Family::Ipv4;
    switch (f) {
    case Field::IpSaddr: if (!v4) return false; out = Val::addr(p.src); return true;
    case Field::IpDaddr: if (!v4) return false; out = Val::addr(p.dst); return true;
    case Field::Ip6Saddr: if (v4) return false; out = Val::addr(p.src); return true;
    case Field::Ip6Daddr: if (v4) return false; out = Val::addr(p.dst); return true;
    case Field::IpProtocol: if (!v4) return false; out = Val::num(p.proto); return true;
    case Field::Ip6Nexthdr: if (v4) return false; out = Val::num(p.proto); return true;
    case Field::MetaL4proto: out = Val::num(p.proto); return true;
    case Field::IpLength: case Field::MetaLength: out = Val::num(p.length); return true;
    case Field::TcpSport: if (p.proto != ProtoTcp) return false; out = Val::num(p.sport); return true;
    case Field::TcpDport: if (p.proto != ProtoTcp) return false; out = Val::num(p.dport); return true;
    case Field::UdpSport: if (p.proto != ProtoUdp) return false; out = Val::num(p.sport); return true;
    case Field::UdpDport: if (p.proto != ProtoUdp) return false; out = Val::num(p.dport); return true;
    case Field::SctpSport: if (p.proto != ProtoSctp) return false; out = Val::num(p.sport); return true;
    case Field::SctpDport: if (p.proto != ProtoSctp) return false; out = Val::num(p.dport); return true;
    case Field::ThSport: if (!hasPorts(p.proto)) return false; out = Val::num(p.sport); return true;
    case Field::ThDport: if (!hasPorts(p.proto)) return false; out = Val::num(p.dport); return true;
    case Field::TcpFlags: if (p.proto != ProtoTcp) return false; out = Val::num(p.tcpFlags); return true;
    case Field::IcmpType: if (p.proto != ProtoIcmp) return false; out = Val::num(p.icmpType); return true;
    case Field::IcmpCode: if (p.proto != ProtoIcmp) return false; out = Val::num(p.icmpCode); return true;
    case Field::Icmpv6Type: if (p.proto != ProtoIcmpv6) return false; out = Val::num(p.icmpType); return true;
    case Field::Icmpv6Code: if (p.proto != ProtoIcmpv6) return false; out = Val::num(p.icmpCode); return true;
    case Field::MetaIifname:
        // the kernel stores "" when there is no input device (nft_meta_store_ifname)
        out = Val::name(p.inIface.toStdString());
        return true;
    case Field::MetaOifname:
        out = Val::name(p.outIface.toStdString());
        return true;
    case Field::MetaIif:
        if (p.inIface.isEmpty()) return false;
        out = Val::name(p.inIface.toStdString());
        return true;
    case Field::MetaOif:
        if (p.outIface.isEmpty()) return false;
        out = Val::name(p.outIface.toStdString());
        return true;
    case Field::MetaNfproto: out = Val::num(v4 ? 2 : 10); return true;
    case Field::MetaProtocol: out = Val::num(v4 ? 0x0800 : 0x86dd); return true;
    case Field::MetaMark: out = Val::num(p.mark); return true;
    case Field::MetaPkttype: out = Val::num(p.pktType); return true;
    case Field::MetaSkuid:
        if (hook != Hook::Output && hook != Hook::Postrouting) return false;
        if (!p.uid) { decided = false; return true; }
        out = Val::num(*p.uid);
        return true;
    case Field::CtState:
        // nft_ct_get_eval: no entry is invalid, a notrack'd packet untracked
        if (p.ctstate & CtBits::Untracked) out = Val::num(CtBits::Untracked);
        else if (!p.tracked) out = Val::num(CtBits::Invalid);
        else out = Val::num(p.ctstate & (CtBits::Invalid | CtBits::Established | CtBits::Related | CtBits::New));
        return true;
    case Field::CtStatus:
        if (!p.tracked || (p.ctstate & CtBits::Untracked)) return false;
        out = Val::num(p.ctstatus | ((p.ctstate & CtBits::Snat) ? 16u : 0u) | ((p.ctstate & CtBits::Dnat) ? 32u : 0u));
        return true;
    case Field::CtMark:
        if (!p.tracked || (p.ctstate & CtBits::Untracked)) return false;
        out = Val::num(p.ctmark);
        return true;
    case Field::CtDirection:
        if (!p.tracked || (p.ctstate & CtBits::Untracked)) return false;
        out = Val::num(0);
        return true;
    case Field::CtOrigSaddr: if (!p.tracked) return false; out = Val::addr(p.origSrc); return true;
    case Field::CtOrigDaddr: if (!p.tracked) return false; out = Val::addr(p.origDst); return true;
    case Field::CtReplySaddr: if (!p.tracked) return false; out = Val::addr(p.dst); return true;
    case Field::CtReplyDaddr: if (!p.tracked) return false; out = Val::addr(p.src); return true;
    case Field::CtOrigProtoSrc: if (!p.tracked) return false; out = Val::num(p.origSport); return true;
    case Field::CtOrigProtoDst: if (!p.tracked) return false; out = Val::num(p.origDport); return true;
    case Field::FibDaddrType: out = Val::num(addrType(node, p, p.dst, decided)); return true;
    case Field::FibSaddrType: out = Val::num(addrType(node, p, p.src, decided)); return true;
    case Field::FibDaddrOif:
    case Field::FibSaddrOif: {
        const NodeContext &ctx = node.context;
        if (!ctx.routesAssumed() && !ctx.hasAddresses) {
            decided = false;
            return true;
        }
        const Address a = f == Field::FibDaddrOif ? p.dst : p.src;
        const NodeContext::Lookup r = ctx.lookup(a, f == Field::FibSaddrOif ? QString() : p.inIface);
        QString dev = r.result == NodeContext::Lookup::Forward || r.result == NodeContext::Lookup::Local ? r.dev : QString();
        if (r.result == NodeContext::Lookup::Local && dev.isEmpty())
            dev = QStringLiteral("lo");
        // `fib saddr . iif oif` (rpfilter): the answer is iif when the reverse route leaves by it, else none
        if (f == Field::FibSaddrOif && dev != p.inIface)
            dev.clear();
        out = Val::name(dev.toStdString());
        return true;
    }
    default:
        decided = false;
        return true;
    }
}

bool compare(const Item &it, Val x)
{
    if (it.lhs.hasAnd) {
        x.lo &= it.lhs.andMask;
        x.hi = 0;
    }
    switch (it.op) {
    case Item::Eq: return x == it.v;
    case Item::Ne: return !(x == it.v);
    case Item::Lt: return x < it.v;
    case Item::Gt: return it.v < x;
    case Item::Le: return x <= it.v;
    case Item::Ge: return it.v <= x;
    case Item::Range: case Item::Prefix: case Item::WildEq: return it.v <= x && x <= it.w;
    case Item::NotRange: case Item::NotPrefix: case Item::WildNe: return !(it.v <= x && x <= it.w);
    case Item::BitAny: return ((x.lo & it.v.lo) | (x.hi & it.v.hi)) != 0;
    case Item::BitNone: return ((x.lo & it.v.lo) | (x.hi & it.v.hi)) == 0;
    case Item::InSet: case Item::NotInSet: break;
    }
    return false;
}

Holds holds(const NftRuleset &n, const Item &it, const Node &node, const PacketState &p, Hook hook)
{
    if (it.kind != Item::Match)
        return Holds::Unknown;
    Val key[Expr::kMax];
    for (int i = 0; i < it.lhs.n; ++i) {
        const Field f = it.lhs.f[i];
        if (f == Field::NumgenRandom || f == Field::NumgenInc || f == Field::Jhash || f == Field::Symhash)
            return Holds::Unknown;
        bool decided = true;
        if (!readField(f, node, p, hook, key[i], decided))
            return Holds::No;
        if (!decided)
            return Holds::Unknown;
    }
    bool ok;
    if (it.op == Item::InSet || it.op == Item::NotInSet) {
        if (it.set < 0 || size_t(it.set) >= n.sets.size() || !n.sets[size_t(it.set)].elementsKnown)
            return Holds::Unknown;
        if (it.lhs.hasAnd && it.lhs.n == 1) {
            key[0].lo &= it.lhs.andMask;
            key[0].hi = 0;
        }
        ok = (n.sets[size_t(it.set)].lookup(key, it.lhs.n) >= 0) == (it.op == Item::InSet);
    } else {
        ok = compare(it, key[0]);
    }
    return ok ? Holds::Yes : Holds::No;
}

QString fieldName(Field f)
{
    static const char *const names[] = {
        "", "ip saddr", "ip daddr", "ip protocol", "ip length", "ip ttl",
        "ip6 saddr", "ip6 daddr", "ip6 nexthdr", "ip6 hoplimit",
        "th sport", "th dport", "tcp sport", "tcp dport", "udp sport", "udp dport", "sctp sport", "sctp dport", "tcp flags",
        "icmp type", "icmp code", "icmpv6 type", "icmpv6 code",
        "iifname", "oifname", "iif", "oif", "meta l4proto", "meta nfproto", "meta mark", "meta pkttype", "meta protocol",
        "meta length", "meta skuid",
        "ct state", "ct status", "ct mark", "ct direction", "ct original saddr", "ct original daddr", "ct reply saddr",
        "ct reply daddr", "ct original proto-src", "ct original proto-dst",
        "fib daddr type", "fib saddr type", "fib daddr oif", "fib saddr . iif oif",
        "numgen random", "numgen inc", "jhash", "symhash", "expression"};
    const int i = int(f);
    return i < int(sizeof names / sizeof *names) ? QLatin1String(names[i]) : QString();
}

QString valueText(ValType t, const Val &v)
{
    switch (t) {
    case ValType::Ipv4: case ValType::Ipv6: return v.toAddress().toString();
    case ValType::IfName: {
        QByteArray b;
        for (int i = 7; i >= 0; --i) b.append(char((v.hi >> (8 * i)) & 0xff));
        for (int i = 7; i >= 0; --i) b.append(char((v.lo >> (8 * i)) & 0xff));
        const int z = b.indexOf('\0');
        return QLatin1Char('"') + QString::fromUtf8(z >= 0 ? b.left(z) : b) + QLatin1Char('"');
    }
    case ValType::Proto: return protoName(quint8(v.lo));
    case ValType::Mark: return QStringLiteral("0x%1").arg(v.lo, 8, 16, QLatin1Char('0'));
    case ValType::CtState: {
        QStringList s;
        static const std::pair<quint64, const char *> bits[] = {{CtBits::Invalid, "invalid"}, {CtBits::Established, "established"},
                                                                {CtBits::Related, "related"}, {CtBits::New, "new"},
                                                                {CtBits::Untracked, "untracked"}};
        for (const auto &[b, n] : bits)
            if (v.lo & b) s << QLatin1String(n);
        return s.join(QLatin1Char(','));
    }
    case ValType::AddrType: {
        static const std::pair<quint64, const char *> bits[] = {{AddrType::Unspec, "unspec"}, {AddrType::Unicast, "unicast"},
                                                                {AddrType::Local, "local"}, {AddrType::Broadcast, "broadcast"},
                                                                {AddrType::Multicast, "multicast"}};
        for (const auto &[b, n] : bits)
            if (v.lo == b) return QLatin1String(n);
        return QString::number(v.lo);
    }
    default: return QString::number(v.lo);
    }
}

} // namespace chainscope::nft
