#include "blastradius.h"
#include "text.h"

#include "assumedroutes.h"
#include "nftruleset.h"
#include "simulator.h"

#include <QLocale>

#include <algorithm>
#include <bit>
#include <cmath>
#include <set>

namespace chainscope {

namespace {

using text::q;

struct Space
{
    double size = 4294967296.0;
    QString words;
};

Space addressSpace(const Ruleset &rs, const Rule *rule, Criterion::Kind kind)
{
    Space s;
    s.words = BlastRadiusCalculator::tr("any");
    if (!rule)
        return s;
    for (const Criterion &c : rule->criteria) {
        if (c.kind != kind)
            continue;
        // 2^(host bits): a hole-y mask counts its zero bits too
        const AddressPair &ad = rs.addresses(c);
        const bool v4 = ad.x.isV4();
        const int hostBits = v4 ? 32 - std::popcount(quint32(ad.y.lo())) : 128 - std::popcount(ad.y.hi()) - std::popcount(ad.y.lo());
        const double inside = std::ldexp(1.0, hostBits);
        s.size = c.neg ? std::ldexp(1.0, v4 ? 32 : 128) - inside : inside;
        s.words = (c.neg ? QStringLiteral("not ") : QString()) + prefixToString(ad.x, ad.y)
                + QStringLiteral(" (%1)").arg(QLocale::c().toString(s.size, 'f', 0));
    }
    return s;
}

bool fateOk(const Branch &b, int node)
{
    // Through this node: anything but a drop, reject or missing route here.
    if (b.verdict.node != node)
        return true;
    return b.verdict.kind == Verdict::Delivered || b.verdict.kind == Verdict::AcceptLocal;
}

} // namespace

QString BlastRadius::summary() const
{
    QString s = matchSpace;
    if (probes > 0)
        s += QLatin1String("; ") + BlastRadiusCalculator::tr("%1 of %2 probe flows that were dropped now pass").arg(newlyAccepted).arg(probes);
    if (newlyDropped > 0)
        s += QLatin1String("; ") + BlastRadiusCalculator::tr("%1 that passed are now dropped").arg(newlyDropped);
    if (broad)
        s += QLatin1String("; ") + BlastRadiusCalculator::tr("BROAD: this lets through far more than one subnet's traffic");
    return s;
}

BlastRadius BlastRadiusCalculator::compute(const Scenario &before, const Scenario &after, const Edit &edit)
{
    BlastRadius r;
    const int node = after.nodeIndex(edit.node);
    if (node < 0)
        return r;
    const Node &n = after.nodes[size_t(node)];
    const Rule *rule = nullptr;
    if (!edit.isNft() && (edit.kind == Edit::Insert || edit.kind == Edit::Replace)) {
        const QByteArray chain = edit.chain.toUtf8();
        const Table &t = n.rules.table(edit.table);
        const int ci = t.chainIndex(std::string_view(chain.constData(), size_t(chain.size())));
        if (ci >= 0 && edit.position >= 1 && size_t(edit.position) <= t.chains[size_t(ci)].rules.size())
            rule = &t.chains[size_t(ci)].rules[size_t(edit.position - 1)];
    }
    // The match space.
    const Space src = addressSpace(n.rules, rule, Criterion::Src);
    const Space dst = addressSpace(n.rules, rule, Criterion::Dst);
    r.sourceAddresses = src.size;
    r.destinationAddresses = dst.size;
    QString proto = tr("any protocol"), ports = tr("any port");
    if (rule) {
        for (const Criterion &c : rule->criteria) {
            switch (c.kind) {
            case Criterion::Proto:
                r.protocols = c.neg ? 255 : 1;
                proto = (c.neg ? QStringLiteral("not ") : QString()) + protoName(quint8(c.a));
                break;
            case Criterion::DstPort:
                r.ports = c.neg ? 65536 - int(c.b - c.a + 1) : int(c.b - c.a + 1);
                ports = tr("destination ports %1%2").arg(c.neg ? QStringLiteral("not ") : QString(),
                                                          c.a == c.b ? QString::number(c.a) : QStringLiteral("%1-%2").arg(c.a).arg(c.b));
                break;
            case Criterion::MultiDstPorts:
            case Criterion::MultiPorts:
                r.ports = int(c.b);
                ports = tr("ports %1").arg(q(c.text));
                break;
            case Criterion::InIface:
                r.inInterfaces << (c.neg ? QStringLiteral("!") : QString()) + q(c.text) + (c.c ? QStringLiteral("+") : QString());
                break;
            case Criterion::OutIface:
                r.outInterfaces << (c.neg ? QStringLiteral("!") : QString()) + q(c.text) + (c.c ? QStringLiteral("+") : QString());
                break;
            default:
                break;
            }
        }
    }
    const QString ifIn = r.inInterfaces.isEmpty() ? tr("any") : r.inInterfaces.join(QLatin1Char(','));
    const QString ifOut = r.outInterfaces.isEmpty() ? tr("any") : r.outInterfaces.join(QLatin1Char(','));
    if (edit.kind == Edit::Policy) {
        r.matchSpace = edit.policyDrop ? tr("policy DROP: everything no rule of %1 accepts is dropped").arg(edit.chain)
                                       : tr("policy ACCEPT: every packet no rule of %1 drops goes through: "
                                            "any source, any destination, any protocol, any port, every interface").arg(edit.chain);
        r.broad = !edit.policyDrop;
    } else if (edit.isNft()) {
        // nft statements are not reduced to address spaces here: the probes say what it opens.
        r.matchSpace = tr("nft rule \"%1\" in %2 %3: what it matches is read off the probes").arg(edit.ruleText, edit.nftTable, edit.chain);
        r.broad = false;
    } else {
        r.matchSpace = tr("sources %1, destinations %2, %3, %4, in %5, out %6")
                               .arg(src.words, dst.words, proto, ports, ifIn, ifOut);
        // Broad: no interface limit and more than a /16 on both ends.
        r.broad = r.inInterfaces.isEmpty() && r.outInterfaces.isEmpty() && r.sourceAddresses > 65536.0
                && r.destinationAddresses > 65536.0;
    }

    // Probes from what the node knows: its interfaces, every subnet of every node, outside.
    std::set<Address> addrs;
    for (const Node &other : after.nodes) {
        for (const Interface &i : other.context.interfaces) {
            for (const auto &a : i.addresses) {
                if (a.address.isLoopback() || a.address.isLinkLocal())
                    continue;
                addrs.insert(a.address);
                if (a.prefixLength < (a.address.isV4() ? 31 : 127))
                    addrs.insert((a.address & Address::mask(a.family(), a.prefixLength)) | Address(0, 0x10u));
            }
        }
        for (const Route &rt : other.context.routes) {
            if (rt.prefixLength > 0 && rt.prefixLength < (rt.family() == Family::Ipv4 ? 31 : 127) && !rt.dst.isLinkLocal())
                addrs.insert(rt.dst | Address(0, 0x10u));
        }
    }
    addrs.insert(Address::fromV4(0xcb007107u));   // 203.0.113.7, outside everything
    addrs.insert(Address::fromV4(0x08080808u));
    if (std::any_of(addrs.begin(), addrs.end(), [](const Address &a) { return !a.isV4(); })) {
        addrs.insert(*Address::parse(std::string_view("2001:db8:ffff::7")));   // documentation prefix, outside everything
        addrs.insert(*Address::parse(std::string_view("2606:4700::1111")));
    }
    std::vector<QString> ins;
    for (const Interface &i : n.context.interfaces) {
        if (i.name != QLatin1String("lo"))
            ins.push_back(i.name);
    }
    if (ins.empty()) {
        // A dump given alone: the interfaces its rules name and the uplink the trace assumes.
        const AssumedRoutes ar = AssumedRoutes::fromRules(n.rules);
        for (const QString &i : ar.interfaces)
            if (i != QLatin1String("lo") && ins.size() < 4)
                ins.push_back(i);
    }
    ins.push_back(QString());    // locally generated
    struct Flow
    {
        quint8 proto;
        quint16 port;
        bool operator==(const Flow &) const = default;
    };
    std::vector<Flow> flows = {{ProtoTcp, 80}, {ProtoTcp, 443}, {ProtoTcp, 22}, {ProtoUdp, 53}, {ProtoIcmp, 0}};
    // The ports the change itself names: a rule for tcp/9000 opens nothing the common ports show.
    const auto addFlow = [&](quint8 proto, quint64 port) {
        const Flow f{proto, quint16(port)};
        if (port <= 65535 && flows.size() < 12 && std::find(flows.begin(), flows.end(), f) == flows.end())
            flows.push_back(f);
    };
    if (rule) {
        quint8 proto = ProtoTcp;
        for (const Criterion &c : rule->criteria)
            if (c.kind == Criterion::Proto && !c.neg && (c.a == ProtoTcp || c.a == ProtoUdp))
                proto = quint8(c.a);
        for (const Criterion &c : rule->criteria)
            if (c.kind == Criterion::DstPort && !c.neg)
                addFlow(proto, c.a);
    } else if (edit.isNft() && edit.kind != Edit::Policy && n.rules.nft) {
        const nft::NftRuleset &nr = *n.rules.nft;
        const int t = nr.tableIndex(edit.nftTable);
        const int ci = t >= 0 ? nr.chainIndex(t, edit.chain) : -1;
        if (ci >= 0) {
            for (const nft::Rule &cr : nr.chains[size_t(ci)].rules) {
                if (!cr.candidate)
                    continue;
                for (quint32 k = cr.first; k < cr.first + cr.count; ++k) {
                    const nft::Item &it = nr.items[k];
                    if (it.kind != nft::Item::Match || it.lhs.n != 1)
                        continue;
                    const nft::Field f = it.lhs.f[0];
                    const quint8 proto = f == nft::Field::UdpDport ? quint8(ProtoUdp) : quint8(ProtoTcp);
                    if (f != nft::Field::TcpDport && f != nft::Field::UdpDport && f != nft::Field::ThDport)
                        continue;
                    if (it.op == nft::Item::Eq || it.op == nft::Item::Range) {
                        addFlow(proto, it.v.lo);
                    } else if (it.op == nft::Item::InSet && it.set >= 0) {
                        const nft::Set &set = nr.sets[size_t(it.set)];
                        for (size_t e = 0; e < set.elements.size() && e < 4; ++e)
                            addFlow(proto, set.keys[size_t(set.elements[e].key)].lo);
                    }
                }
            }
        }
    }
    // One node is enough and keeps probing fast: the fate on this node is what changed.
    Scenario b1, a1;
    b1.nodes.push_back(before.nodes[size_t(node)]);
    a1.nodes.push_back(n);
    TraceOptions opt;
    opt.maxBranches = 4;
    for (const QString &in : ins) {
        for (const Address &s : addrs) {
            for (const Address &d : addrs) {
                if (s == d || s.family() != d.family())
                    continue;
                if (in.isEmpty() && !n.context.isLocal(s))
                    continue;   // locally generated flows come from the node's own addresses
                for (const Flow &f : flows) {
                    PacketSpec p;
                    p.fromNode = n.name;
                    p.inIface = in;
                    p.src = s;
                    p.dst = d;
                    p.proto = f.proto == ProtoIcmp && !d.isV4() ? quint8(ProtoIcmpv6) : f.proto;
                    p.dport = f.port;
                    const Trace tb = Simulator::trace(b1, p, opt);
                    const Trace ta = Simulator::trace(a1, p, opt);
                    if (tb.branches.empty() || ta.branches.empty())
                        continue;
                    ++r.probes;
                    const bool okBefore = fateOk(tb.branches.front(), 0);
                    const bool okAfter = fateOk(ta.branches.front(), 0);
                    if (!okBefore && okAfter) {
                        ++r.newlyAccepted;
                        if (r.examples.size() < 6)
                            r.examples << p.describe() + (in.isEmpty() ? tr(" (local)") : tr(" in %1").arg(in));
                    } else if (okBefore && !okAfter) {
                        ++r.newlyDropped;
                    }
                }
            }
        }
    }
    return r;
}

} // namespace chainscope
