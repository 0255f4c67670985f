#include "audit.h"
#include "text.h"

#include "nftruleset.h"
#include "simulator.h"

#include <QElapsedTimer>
#include <QHash>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <thread>

// The words are filed under chainscope::Audit by QCoreApplication::translate(): lupdate
// does not resolve the structs of audit.h as contexts of their own.
namespace chainscope {

namespace {

using text::q;

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

/** What a KUBE-SERVICES or KUBE-NODEPORTS rule names: an address (/32, /128), a protocol, a port. */
struct RuleService
{
    Address address;
    bool hasAddress = false;
    quint8 proto = 0;
    quint16 port = 0;
    QString comment;
};

bool readServiceRule(const Ruleset &rules, const Rule &rule, RuleService &out)
{
    bool port = false;
    for (const Criterion &c : rule.criteria) {
        switch (c.kind) {
        case Criterion::Dst: {
            const AddressPair &ad = rules.addresses(c);
            if (c.neg || ad.y != Address::mask(ad.x.family(), ad.x.isV4() ? 32 : 128))
                return false;
            out.address = ad.x;
            out.hasAddress = true;
            break;
        }
        case Criterion::Proto:
            if (c.neg)
                return false;
            out.proto = quint8(c.a);
            break;
        case Criterion::DstPort:
            if (c.neg || c.a != c.b)
                return false;
            out.port = quint16(c.a);
            port = true;
            break;
        case Criterion::Comment:
            out.comment = q(c.text);
            break;
        case Criterion::Src:
        case Criterion::InIface:
        case Criterion::OutIface:
        case Criterion::AddrSrcType:
        case Criterion::AddrDstType:
            break;   // kube-proxy's variants (localhost nodeports, --nodeport-addresses); the port decides
        default:
            break;
        }
    }
    return port && (out.proto == ProtoTcp || out.proto == ProtoUdp || out.proto == ProtoSctp);
}

/** "ns/name:port" from kube-proxy's comment, without " cluster IP" or " has no endpoints". */
QString serviceName(QString comment)
{
    for (const QLatin1String suffix : {QLatin1String(" cluster IP"), QLatin1String(" has no endpoints")}) {
        if (comment.endsWith(suffix)) {
            comment.chop(suffix.size());
            break;
        }
    }
    return comment;
}

int endpointCount(const Table &t, int chain)
{
    if (chain < 0)
        return 0;
    int n = 0;
    for (const Rule &r : t.chains[size_t(chain)].rules) {
        if ((r.target.kind == Target::Jump || r.target.kind == Target::Goto) && r.target.chain >= 0
            && startsWith(t.chains[size_t(r.target.chain)].name, "KUBE-SEP-"))
            ++n;
    }
    return n;
}

/** "default/nginx/tcp/" of "service-ULMVA6XW-default/nginx/tcp/" (and of endpoint-, external- chains). */
std::string_view nftServicePart(std::string_view chain)
{
    const size_t dash = chain.find('-');
    if (dash == std::string_view::npos)
        return {};
    const size_t second = chain.find('-', dash + 1);
    return second == std::string_view::npos ? std::string_view() : chain.substr(second + 1);
}

/** "ns/name:port" of kube-proxy's nft chain part "ns/name/proto/port" (the port name may be empty). */
QString nftServiceName(std::string_view part)
{
    const QString s = QString::fromUtf8(part.data(), qsizetype(part.size()));
    const QStringList f = s.split(QLatin1Char('/'));
    if (f.size() < 4)
        return s;
    return f[0] + QLatin1Char('/') + f[1] + (f[3].isEmpty() ? QString() : QLatin1Char(':') + f[3]);
}

/**
 * kube-proxy's nft mode (table ip/ip6 kube-proxy): ClusterIPs in map service-ips
 * (addr . proto . port : goto service-*), NodePorts in service-nodeports (proto . port : goto
 * external-* or service-*), one endpoint-*-ns/name/proto/port__ADDR/PORT chain per endpoint.
 */
void readNftServices(const nft::NftRuleset &ns, bool nodePorts, AuditResult &r, std::set<Address> &endpoints,
                     std::map<std::tuple<Address, quint8, quint16>, int> &serviceIndex,
                     std::map<std::pair<quint8, quint16>, int> &nodePortIndex)
{
    for (const nft::Table &t : ns.tables) {
        if (t.name != "kube-proxy" || (t.family != nft::Family::Ip && t.family != nft::Family::Ip6))
            continue;
        // Endpoints per service part, and their addresses.
        std::map<std::string_view, int> endpointsOf;
        for (int ci : t.chains) {
            const std::string_view name = ns.chains[size_t(ci)].name;
            if (!startsWith(name, "endpoint-"))
                continue;
            const std::string_view part = nftServicePart(name);
            const size_t sep = part.rfind("__");
            if (sep == std::string_view::npos)
                continue;
            ++endpointsOf[part.substr(0, sep)];
            std::string_view addr = part.substr(sep + 2);
            addr = addr.substr(0, addr.rfind('/'));
            if (const auto a = Address::parse(addr))
                endpoints.insert(*a);
        }
        auto lookupSet = [&](std::string_view name) -> const nft::Set * {
            const auto it = t.setByName.find(name);
            return it == t.setByName.end() ? nullptr : &ns.sets[size_t(it->second)];
        };
        auto chainPart = [&](const nft::Verdict &v) {
            std::string_view name = v.chain >= 0 ? ns.chains[size_t(v.chain)].name : v.chainName;
            return nftServicePart(name);
        };
        if (const nft::Set *m = lookupSet("service-ips"); m && m->isVmap() && m->keyTypes.size() == 3) {
            for (const nft::Element &e : m->elements) {
                const Address addr = m->keys[e.key].toAddress();
                const quint8 proto = quint8(m->keys[e.key + 2].lo);
                const quint16 port = quint16(m->keys[e.key + 4].lo);
                const auto key = std::make_tuple(addr, proto, port);
                if (serviceIndex.count(key))
                    continue;
                const std::string_view part = chainPart(e.verdict);
                AuditTarget target;
                target.kind = AuditTarget::Service;
                target.name = part.empty() ? addr.toString() : nftServiceName(part);
                target.address = addr;
                target.proto = proto;
                target.port = port;
                const auto ep = endpointsOf.find(part);
                target.endpoints = ep == endpointsOf.end() ? 0 : ep->second;
                serviceIndex[key] = int(r.targets.size());
                r.targets.push_back(target);
            }
        }
        const nft::Set *np = nodePorts && t.family == nft::Family::Ip ? lookupSet("service-nodeports") : nullptr;
        if (np && np->isVmap() && np->keyTypes.size() == 2) {
            for (const nft::Element &e : np->elements) {
                const quint8 proto = quint8(np->keys[e.key].lo);
                const quint16 port = quint16(np->keys[e.key + 2].lo);
                const auto key = std::make_pair(proto, port);
                if (nodePortIndex.count(key))
                    continue;
                const std::string_view part = chainPart(e.verdict);
                AuditTarget target;
                target.kind = AuditTarget::NodePort;
                target.name = nftServiceName(part);
                target.proto = proto;
                target.port = port;
                const auto ep = endpointsOf.find(part);
                target.endpoints = ep == endpointsOf.end() ? 0 : ep->second;
                nodePortIndex[key] = int(r.targets.size());
                r.targets.push_back(target);
            }
        }
    }
}

/** The pod bridge of a node (cni0, cbr0) and its IPv4 subnet. */
const InterfaceAddress *podBridge(const NodeContext &ctx, QString &name)
{
    for (const char *bridge : {"cni0", "cbr0"}) {
        if (const Interface *i = ctx.interface(QLatin1String(bridge))) {
            for (const InterfaceAddress &a : i->addresses) {
                if (a.address.isV4() && a.prefixLength < 31) {
                    name = i->name;
                    return &a;
                }
            }
        }
    }
    return nullptr;
}

/** The IPv4 default route of the main table, or nullptr. */
const Route *defaultRoute(const NodeContext &ctx)
{
    const Route *best = nullptr;
    for (const Route &r : ctx.routes) {
        if (r.family() == Family::Ipv4 && r.prefixLength == 0 && r.type == Route::Unicast && r.table == RouteTables::Main
            && (!best || r.metric < best->metric))
            best = &r;
    }
    return best;
}

/** The node's own address (Kubernetes' InternalIP): its default route's source, else its first global IPv4. */
Address nodeAddress(const NodeContext &ctx)
{
    if (const Route *r = defaultRoute(ctx)) {
        if (r->hasSrc)
            return r->src;
        const Address a = ctx.primaryAddress(r->dev, r->gateway);
        if (!a.isNull())
            return a;
    }
    for (const Interface &i : ctx.interfaces) {
        if (i.name == QLatin1String("lo") || i.name.startsWith(QLatin1String("cni")) || i.name.startsWith(QLatin1String("docker"))
            || i.name.startsWith(QLatin1String("flannel")) || i.name == QLatin1String("cbr0"))
            continue;
        for (const InterfaceAddress &a : i.addresses) {
            if (a.address.isV4() && a.scope == QLatin1String("global"))
                return a.address;
        }
    }
    return {};
}

bool rankable(Fate f) { return f == Fate::All || f == Fate::Some || f == Fate::None; }
int rank(Fate f) { return f == Fate::All ? 2 : f == Fate::Some ? 1 : 0; }

Fate fateOf(const std::vector<AuditBranch> &branches)
{
    int ok = 0, failed = 0, unsure = 0;
    for (const AuditBranch &b : branches) {
        if (b.ok())
            ++ok;
        else if (b.failed())
            ++failed;
        else
            ++unsure;
    }
    if (unsure || branches.empty())
        return Fate::Uncertain;
    if (!failed)
        return Fate::All;
    return ok ? Fate::Some : Fate::None;
}

/** Where a branch that did not deliver ended, until the deciders are numbered (after the threads). */
struct Ending
{
    int flow = 0;
    int branch = 0;
    int node = 0;
    TableId table = TableId::Filter;
    int chain = -1;
    int rule = 0;
    int nftChain = -1;
    QString reason;     // when no chain decided
};

} // namespace

QString AuditSource::key(const Scenario &sc) const
{
    const QString n = sc.nodes[size_t(node)].name;
    switch (kind) {
    case Host: return n;
    case Pod: return n + QLatin1String("/pod");
    case Outside: return n + QLatin1String("/outside");
    }
    return n;
}

QString AuditTarget::key(const Scenario &sc) const
{
    switch (kind) {
    case Service:
        return (address.isV4() ? address.toString() : QLatin1Char('[') + address.toString() + QLatin1Char(']'))
                + QLatin1Char(':') + QString::number(port) + QLatin1Char('/') + protoName(proto);
    case NodePort:
        return QLatin1String("nodeport:") + QString::number(port) + QLatin1Char('/') + protoName(proto);
    case Pod:
        return QLatin1String("pod:") + sc.nodes[size_t(node)].name;
    }
    return {};
}

QString fateName(Fate f)
{
    switch (f) {
    case Fate::All: return QStringLiteral("all");
    case Fate::Some: return QStringLiteral("some");
    case Fate::None: return QStringLiteral("none");
    case Fate::Uncertain: return QStringLiteral("uncertain");
    case Fate::NotApplicable: return QStringLiteral("n/a");
    }
    return {};
}

QString changeKindName(AuditChange::Kind k)
{
    switch (k) {
    case AuditChange::Fixed: return QStringLiteral("fixed");
    case AuditChange::Opened: return QStringLiteral("opened");
    case AuditChange::Broken: return QStringLiteral("broken");
    case AuditChange::Changed: return QStringLiteral("changed");
    case AuditChange::Added: return QStringLiteral("added");
    case AuditChange::Removed: return QStringLiteral("removed");
    }
    return {};
}

QString AuditDecider::text(const Scenario &sc) const
{
    const QString n = node >= 0 && size_t(node) < sc.nodes.size() ? sc.nodes[size_t(node)].name : QString();
    const QString verdictWord = kind == Verdict::Reject ? QStringLiteral("REJECT")
                              : kind == Verdict::Drop   ? QStringLiteral("DROP")
                              : kind == Verdict::Queue  ? QStringLiteral("QUEUE")
                                                        : verdictKindName(kind);
    if (nftChain >= 0 && size_t(node) < sc.nodes.size()) {
        const nft::NftRuleset *ns = sc.nodes[size_t(node)].rules.nft.get();
        if (ns && size_t(nftChain) < ns->chains.size()) {
            const nft::Chain &c = ns->chains[size_t(nftChain)];
            const QString where = ns->tableTitle(c.table) + QLatin1Char(':') + q(c.name);
            if (rule <= 0)
                return QCoreApplication::translate("chainscope::Audit", "%1 %2 policy %3").arg(n, where, verdictWord);
            const QString ruleText = size_t(rule - 1) < c.rules.size() ? q(c.rules[size_t(rule - 1)].text).trimmed() : QString();
            return QCoreApplication::translate("chainscope::Audit", "%1 %2:%3 %4").arg(n, where).arg(rule).arg(ruleText.isEmpty() ? verdictWord : ruleText);
        }
    }
    if (chain < 0)
        return QCoreApplication::translate("chainscope::Audit", "%1: %2").arg(n, reason);
    const Node &nd = sc.nodes[size_t(node)];
    const Table &t = nd.rules.table(table);
    if (size_t(chain) >= t.chains.size())
        return QCoreApplication::translate("chainscope::Audit", "%1: %2").arg(n, reason);
    const Chain &c = t.chains[size_t(chain)];
    const QString where = tableKey(table) + QLatin1Char(':') + q(c.name);
    const QString verdict = kind == Verdict::Reject ? QStringLiteral("REJECT")
                          : kind == Verdict::Drop   ? QStringLiteral("DROP")
                          : kind == Verdict::Queue  ? QStringLiteral("QUEUE")
                                                    : verdictKindName(kind);
    if (rule <= 0)
        return QCoreApplication::translate("chainscope::Audit", "%1 %2 policy %3").arg(n, where, verdict);
    QString ruleText;
    if (size_t(rule - 1) < c.rules.size())
        ruleText = q(c.rules[size_t(rule - 1)].text).trimmed();
    return QCoreApplication::translate("chainscope::Audit", "%1 %2:%3 %4").arg(n, where).arg(rule).arg(ruleText.isEmpty() ? verdict : ruleText);
}

int AuditResult::branchCount() const
{
    int n = 0;
    for (const AuditFlow &f : flows)
        n += int(f.branches.size());
    return n;
}

std::vector<int> AuditResult::cellFlows(int target, int source) const
{
    std::vector<int> out;
    const size_t cell = size_t(target) * sources.size() + size_t(source);
    if (cell >= cellFlow.size() || cellFlow[cell] < 0)
        return out;
    for (int i = cellFlow[cell]; i < int(flows.size()) && flows[size_t(i)].target == target && flows[size_t(i)].source == source; ++i)
        out.push_back(i);
    return out;
}

Fate AuditResult::cellFate(int target, int source) const
{
    const std::vector<int> fl = cellFlows(target, source);
    if (fl.empty())
        return Fate::NotApplicable;
    std::vector<AuditBranch> all;
    for (int i : fl) {
        const AuditFlow &f = flows[size_t(i)];
        if (f.fate == Fate::Uncertain)
            return Fate::Uncertain;
        all.insert(all.end(), f.branches.begin(), f.branches.end());
    }
    return fateOf(all);
}

PacketSpec AuditResult::packet(const Scenario &sc, const AuditFlow &flow) const
{
    const AuditSource &s = sources[size_t(flow.source)];
    const AuditTarget &t = targets[size_t(flow.target)];
    PacketSpec p;
    p.fromNode = sc.nodes[size_t(s.node)].name;
    if (s.kind != AuditSource::Host) {
        p.inIface = s.iface;
        p.src = s.address;
    }
    p.proto = t.proto;
    switch (t.kind) {
    case AuditTarget::Service:
        p.dst = t.address;
        p.dport = t.port;
        break;
    case AuditTarget::NodePort:
        p.dst = nodeAddress(sc.nodes[size_t(flow.viaNode)].context);
        p.dport = t.port;
        break;
    case AuditTarget::Pod:
        p.dst = t.address;
        p.proto = ProtoIcmp;
        p.icmpType = 8;
        break;
    }
    return p;
}

QString AuditResult::sourceLabel(const Scenario &sc, int source) const
{
    const AuditSource &s = sources[size_t(source)];
    const QString n = sc.nodes[size_t(s.node)].name;
    switch (s.kind) {
    case AuditSource::Host: return QCoreApplication::translate("chainscope::Audit", "%1 host").arg(n);
    case AuditSource::Pod: return QCoreApplication::translate("chainscope::Audit", "%1 pod %2").arg(n, s.address.toString());
    case AuditSource::Outside: return QCoreApplication::translate("chainscope::Audit", "outside %1 via %2").arg(s.address.toString(), n);
    }
    return n;
}

QString AuditResult::targetLabel(int target) const
{
    const AuditTarget &t = targets[size_t(target)];
    switch (t.kind) {
    case AuditTarget::Service:
        return QCoreApplication::translate("chainscope::Audit", "%1 %2:%3/%4").arg(t.name, t.address.toString()).arg(t.port).arg(protoName(t.proto));
    case AuditTarget::NodePort:
        return QCoreApplication::translate("chainscope::Audit", "%1 NodePort %2/%3").arg(t.name).arg(t.port).arg(protoName(t.proto));
    case AuditTarget::Pod:
        return t.name;
    }
    return t.name;
}

QString AuditResult::describe(const Scenario &sc, const AuditFlow &flow) const
{
    QString s = sourceLabel(sc, flow.source) + QStringLiteral(" -> ") + targetLabel(flow.target);
    if (flow.viaNode >= 0)
        s += QLatin1Char(' ') + QCoreApplication::translate("chainscope::Audit", "at %1 %2").arg(sc.nodes[size_t(flow.viaNode)].name,
                                                         nodeAddress(sc.nodes[size_t(flow.viaNode)].context).toString());
    return s;
}

AuditResult Audit::plan(const Scenario &sc, const AuditOptions &options)
{
    AuditResult r;
    // Endpoints (DNAT targets of every node): pod addresses the audit must not take as its own.
    std::set<Address> endpoints;
    for (const Node &n : sc.nodes) {
        for (TableId tid : {TableId::Nat, TableId::Nat6}) {
            const Table &t = n.rules.table(tid);
            for (const Chain &c : t.chains) {
                if (!startsWith(c.name, "KUBE-SEP-"))
                    continue;
                for (const Rule &rule : c.rules) {
                    if (rule.target.kind == Target::Dnat && !rule.target.addrLo.isNull())
                        endpoints.insert(rule.target.addrLo);
                }
            }
        }
    }

    // Services: ClusterIPs (and external IPs) of KUBE-SERVICES, nat and filter ("has no endpoints").
    std::map<std::tuple<Address, quint8, quint16>, int> serviceIndex;
    std::map<std::pair<quint8, quint16>, int> nodePortIndex;
    for (const Node &n : sc.nodes) {
        for (TableId tid : {TableId::Nat, TableId::Nat6, TableId::Filter, TableId::Filter6}) {
            const Table &t = n.rules.table(tid);
            if (!t.present)
                continue;
            const bool nat = tableBase(tid) == TableId::Nat;
            const int ci = t.chainIndex("KUBE-SERVICES");
            if (ci >= 0) {
                for (const Rule &rule : t.chains[size_t(ci)].rules) {
                    const bool jump = rule.target.kind == Target::Jump || rule.target.kind == Target::Goto;
                    if (nat ? !jump : rule.target.kind != Target::Reject)
                        continue;
                    RuleService rs;
                    if (!readServiceRule(n.rules, rule, rs) || !rs.hasAddress)
                        continue;
                    const auto key = std::make_tuple(rs.address, rs.proto, rs.port);
                    if (serviceIndex.count(key))
                        continue;
                    AuditTarget target;
                    target.kind = AuditTarget::Service;
                    target.name = serviceName(rs.comment);
                    if (target.name.isEmpty())
                        target.name = rs.address.toString();
                    target.address = rs.address;
                    target.proto = rs.proto;
                    target.port = rs.port;
                    target.endpoints = nat ? endpointCount(t, rule.target.chain) : 0;
                    serviceIndex[key] = int(r.targets.size());
                    r.targets.push_back(target);
                }
            }
            const int np = nat && options.nodePorts ? t.chainIndex("KUBE-NODEPORTS") : -1;
            if (np >= 0 && tid == TableId::Nat) {
                for (const Rule &rule : t.chains[size_t(np)].rules) {
                    if ((rule.target.kind != Target::Jump && rule.target.kind != Target::Goto) || rule.target.chain < 0
                        || t.chains[size_t(rule.target.chain)].name == "KUBE-MARK-MASQ")
                        continue;
                    RuleService rs;
                    if (!readServiceRule(n.rules, rule, rs) || rs.hasAddress)
                        continue;
                    const auto key = std::make_pair(rs.proto, rs.port);
                    if (nodePortIndex.count(key))
                        continue;
                    AuditTarget target;
                    target.kind = AuditTarget::NodePort;
                    target.name = serviceName(rs.comment);
                    target.proto = rs.proto;
                    target.port = rs.port;
                    // KUBE-EXT-* (newer kube-proxy) jumps on to KUBE-SVC-*: count there
                    int svc = rule.target.chain;
                    if (!startsWith(t.chains[size_t(svc)].name, "KUBE-SVC-")) {
                        for (const Rule &er : t.chains[size_t(svc)].rules) {
                            if (er.target.kind == Target::Jump && er.target.chain >= 0
                                && startsWith(t.chains[size_t(er.target.chain)].name, "KUBE-SVC-"))
                                svc = er.target.chain;
                        }
                    }
                    target.endpoints = endpointCount(t, svc);
                    nodePortIndex[key] = int(r.targets.size());
                    r.targets.push_back(target);
                }
            }
        }
    }

    // kube-proxy's nft mode: services are the elements of its maps, endpoints its endpoint-* chains.
    for (const Node &n : sc.nodes) {
        if (!n.rules.nft)
            continue;
        readNftServices(*n.rules.nft, options.nodePorts, r, endpoints, serviceIndex, nodePortIndex);
    }

    // Sources: each node's host; a pod on its pod bridge; a host on its uplink's subnet.
    std::set<Address> nodeAddresses;
    for (const Node &n : sc.nodes) {
        for (const Interface &i : n.context.interfaces) {
            for (const InterfaceAddress &a : i.addresses)
                nodeAddresses.insert(a.address);
        }
    }
    std::vector<int> podSource(sc.nodes.size(), -1), outsideSource(sc.nodes.size(), -1);
    std::vector<Address> viaAddress(sc.nodes.size());
    for (size_t ni = 0; ni < sc.nodes.size(); ++ni) {
        const NodeContext &ctx = sc.nodes[ni].context;
        viaAddress[ni] = nodeAddress(ctx);
        AuditSource host;
        host.kind = AuditSource::Host;
        host.node = int(ni);
        r.sources.push_back(host);
        QString bridge;
        if (const InterfaceAddress *pa = options.pods ? podBridge(ctx, bridge) : nullptr) {
            // The first host address of the subnet that is neither the bridge's nor an endpoint's:
            // a client pod, not a backend (a backend calling its own service is hairpin traffic).
            const Address mask = Address::mask(Family::Ipv4, pa->prefixLength);
            const Address net = pa->address & mask;
            const quint32 size = quint32(1) << (32 - pa->prefixLength);
            for (quint32 h = 2; h + 1 < size; ++h) {
                const Address cand = Address::fromV4(net.v4() + h);
                if (cand == pa->address || endpoints.count(cand) || nodeAddresses.count(cand))
                    continue;
                AuditSource pod;
                pod.kind = AuditSource::Pod;
                pod.node = int(ni);
                pod.address = cand;
                pod.iface = bridge;
                podSource[ni] = int(r.sources.size());
                r.sources.push_back(pod);
                break;
            }
        }
        const Route *def = options.outside ? defaultRoute(ctx) : nullptr;
        const Interface *up = def ? ctx.interface(def->dev) : nullptr;
        if (up) {
            for (const InterfaceAddress &a : up->addresses) {
                if (!a.address.isV4() || a.prefixLength >= 31)
                    continue;
                // The highest host of the uplink's subnet that is no node's and not the gateway.
                const Address net = a.address & Address::mask(Family::Ipv4, a.prefixLength);
                const quint32 size = quint32(1) << (32 - a.prefixLength);
                for (quint32 h = size - 2; h >= 1; --h) {
                    const Address cand = Address::fromV4(net.v4() + h);
                    if (nodeAddresses.count(cand) || (def->hasGateway && cand == def->gateway))
                        continue;
                    AuditSource out;
                    out.kind = AuditSource::Outside;
                    out.node = int(ni);
                    out.address = cand;
                    out.iface = up->name;
                    outsideSource[ni] = int(r.sources.size());
                    r.sources.push_back(out);
                    break;
                }
                break;
            }
        }
    }

    // Pods as targets: each node's audit pod, pinged.
    if (options.pods) {
        for (size_t ni = 0; ni < sc.nodes.size(); ++ni) {
            if (podSource[ni] < 0)
                continue;
            AuditTarget t;
            t.kind = AuditTarget::Pod;
            t.node = int(ni);
            t.address = r.sources[size_t(podSource[ni])].address;
            t.proto = ProtoIcmp;
            t.name = QCoreApplication::translate("chainscope::Audit", "pod %1 on %2").arg(t.address.toString(), sc.nodes[ni].name);
            t.endpoints = 1;
            r.targets.push_back(t);
        }
    }

    // Flows, by target, then source, then the node addressed.
    r.cellFlow.assign(r.targets.size() * r.sources.size(), -1);
    for (size_t ti = 0; ti < r.targets.size(); ++ti) {
        const AuditTarget &t = r.targets[ti];
        for (size_t si = 0; si < r.sources.size(); ++si) {
            const AuditSource &s = r.sources[si];
            auto add = [&](int via) {
                if (r.cellFlow[ti * r.sources.size() + si] < 0)
                    r.cellFlow[ti * r.sources.size() + si] = int(r.flows.size());
                AuditFlow f;
                f.source = int(si);
                f.target = int(ti);
                f.viaNode = via;
                r.flows.push_back(std::move(f));
            };
            switch (t.kind) {
            case AuditTarget::Service:
                // From the hosts (either family) and from pods (IPv4 pods, IPv4 services)
                if (s.kind == AuditSource::Host || (s.kind == AuditSource::Pod && t.address.isV4()))
                    add(-1);
                break;
            case AuditTarget::NodePort:
                if (s.kind == AuditSource::Outside) {
                    if (!viaAddress[size_t(s.node)].isNull())
                        add(s.node);
                } else {
                    for (size_t via = 0; via < sc.nodes.size(); ++via) {
                        if (!viaAddress[via].isNull())
                            add(int(via));
                    }
                }
                break;
            case AuditTarget::Pod:
                if (s.kind == AuditSource::Host || (s.kind == AuditSource::Pod && s.node != t.node)
                    || (s.kind == AuditSource::Outside && s.node == t.node))
                    add(-1);
                break;
            }
        }
    }
    return r;
}

AuditResult Audit::run(const Scenario &sc, const AuditOptions &options)
{
    QElapsedTimer timer;
    timer.start();
    AuditResult r = plan(sc, options);
    const size_t total = r.flows.size();
    int threads = options.threads > 0 ? options.threads : QThread::idealThreadCount();
    threads = std::max(1, std::min<int>(threads, int((total + 63) / 64)));
    r.threads = threads;

    // Per worker: where the branches that did not deliver ended (most flows deliver).
    const int workers = threads;
    std::vector<std::vector<Ending>> endings(size_t(workers) + 1);
    std::atomic<size_t> next{0};
    std::atomic<size_t> done{0};
    std::atomic<bool> cancel{false};
    TraceOptions topt;
    // kube-proxy's cascade gives one branch per endpoint; more than this is not a service's
    topt.maxBranches = 1024;
    auto work = [&](int worker) {
        std::vector<Ending> &mine = endings[size_t(worker)];
        constexpr size_t Chunk = 32;
        for (;;) {
            if (cancel.load(std::memory_order_relaxed))
                return;
            const size_t begin = next.fetch_add(Chunk);
            if (begin >= total)
                return;
            const size_t end = std::min(total, begin + Chunk);
            for (size_t i = begin; i < end; ++i) {
                AuditFlow &f = r.flows[i];
                const Trace t = Simulator::trace(sc, r.packet(sc, f), topt);
                f.branches.reserve(t.branches.size() + (t.truncated ? 1 : 0));
                for (const Branch &b : t.branches) {
                    AuditBranch ab;
                    ab.verdict = b.verdict.kind;
                    ab.uncertain = b.uncertain;
                    ab.probability = float(b.probability);
                    if (!b.packets.empty()) {
                        ab.endpoint = b.packets.back().dst;
                        ab.endpointPort = b.packets.back().dport;
                    }
                    if (!ab.ok()) {
                        Ending e;
                        e.flow = int(i);
                        e.branch = int(f.branches.size());
                        e.node = b.verdict.node;
                        e.table = b.verdict.table;
                        e.chain = b.verdict.chain;
                        e.rule = b.verdict.rule;
                        e.nftChain = b.verdict.nftChain;
                        if (b.verdict.chain < 0 && b.verdict.nftChain < 0)
                            e.reason = b.verdict.reason;
                        mine.push_back(std::move(e));
                    }
                    f.branches.push_back(ab);
                }
                if (t.truncated)
                    f.branches.push_back(AuditBranch{});   // an uncertain rest
                f.fate = fateOf(f.branches);
            }
            done.fetch_add(end - begin, std::memory_order_relaxed);
        }
    };
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i)
        pool.emplace_back(work, i);
    if (options.progress) {
        // This thread reports; the workers trace.
        pool.emplace_back(work, 0);
        while (done.load() < total && !cancel.load()) {
            if (!options.progress(qint64(std::min(done.load(), total)), qint64(total)))
                cancel = true;
            for (int k = 0; k < 50 && done.load() < total; ++k)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    } else {
        work(0);
    }
    for (std::thread &t : pool)
        t.join();
    r.cancelled = cancel.load();
    if (options.progress && !r.cancelled)
        options.progress(qint64(total), qint64(total));

    // Deciders: the rule (or policy, or routing) each branch that did not deliver ended at.
    struct Key
    {
        int node;
        int kind;
        int table;
        int chain;
        int rule;
        int nftChain;
        QString reason;
        bool operator<(const Key &o) const
        {
            return std::tie(node, kind, table, chain, rule, nftChain, reason)
                 < std::tie(o.node, o.kind, o.table, o.chain, o.rule, o.nftChain, o.reason);
        }
    };
    std::map<Key, int> index;
    for (const std::vector<Ending> &list : endings) {
        for (const Ending &e : list) {
            AuditBranch &ab = r.flows[size_t(e.flow)].branches[size_t(e.branch)];
            const Key k{e.node, int(ab.verdict), int(e.table), e.chain, e.rule, e.nftChain, e.reason};
            auto it = index.find(k);
            if (it == index.end()) {
                AuditDecider d;
                d.node = e.node;
                d.kind = ab.verdict;
                d.table = e.table;
                d.chain = e.chain;
                d.rule = e.rule;
                d.nftChain = e.nftChain;
                d.reason = e.reason;
                it = index.emplace(k, int(r.deciders.size())).first;
                r.deciders.push_back(d);
            }
            ab.decider = it->second;
            ++r.deciders[size_t(it->second)].branches;
        }
    }
    endings.clear();
    // Most branches first; the branches follow their decider's new place.
    std::vector<int> order(r.deciders.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return r.deciders[size_t(a)].branches > r.deciders[size_t(b)].branches; });
    std::vector<int> newIndex(order.size());
    std::vector<AuditDecider> sorted;
    sorted.reserve(order.size());
    for (size_t i = 0; i < order.size(); ++i) {
        newIndex[size_t(order[i])] = int(i);
        sorted.push_back(r.deciders[size_t(order[i])]);
    }
    r.deciders = std::move(sorted);
    for (AuditFlow &f : r.flows) {
        for (AuditBranch &b : f.branches) {
            if (b.decider >= 0)
                b.decider = newIndex[size_t(b.decider)];
        }
    }
    r.milliseconds = double(timer.nsecsElapsed()) / 1e6;
    return r;
}

std::vector<AuditChange> Audit::compare(const Scenario &scA, const AuditResult &a, const Scenario &scB, const AuditResult &b)
{
    auto keyOf = [](const Scenario &sc, const AuditResult &r, const AuditFlow &f) {
        return r.sources[size_t(f.source)].key(sc) + QLatin1Char('|') + r.targets[size_t(f.target)].key(sc) + QLatin1Char('|')
                + (f.viaNode >= 0 ? sc.nodes[size_t(f.viaNode)].name : QString());
    };
    QHash<QString, int> inB;
    inB.reserve(qsizetype(b.flows.size()));
    for (size_t i = 0; i < b.flows.size(); ++i)
        inB.insert(keyOf(scB, b, b.flows[i]), int(i));
    std::vector<bool> seenB(b.flows.size(), false);
    std::vector<AuditChange> out;
    for (size_t i = 0; i < a.flows.size(); ++i) {
        const AuditFlow &fa = a.flows[i];
        const auto it = inB.constFind(keyOf(scA, a, fa));
        AuditChange c;
        c.before = int(i);
        c.fateBefore = fa.fate;
        if (it == inB.constEnd()) {
            c.kind = AuditChange::Removed;
            out.push_back(c);
            continue;
        }
        seenB[size_t(*it)] = true;
        const AuditFlow &fb = b.flows[size_t(*it)];
        c.after = *it;
        c.fateAfter = fb.fate;
        if (fa.fate == fb.fate)
            continue;
        if (rankable(fa.fate) && rankable(fb.fate)) {
            if (rank(fb.fate) > rank(fa.fate))
                c.kind = a.sources[size_t(fa.source)].kind == AuditSource::Outside ? AuditChange::Opened : AuditChange::Fixed;
            else
                c.kind = AuditChange::Broken;
        } else {
            c.kind = AuditChange::Changed;
        }
        out.push_back(c);
    }
    for (size_t i = 0; i < b.flows.size(); ++i) {
        if (seenB[i])
            continue;
        AuditChange c;
        c.kind = AuditChange::Added;
        c.after = int(i);
        c.fateAfter = b.flows[i].fate;
        out.push_back(c);
    }
    std::stable_sort(out.begin(), out.end(), [](const AuditChange &x, const AuditChange &y) { return x.kind < y.kind; });
    return out;
}

} // namespace chainscope
