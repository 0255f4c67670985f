#include "assumedroutes.h"


#include <algorithm>

namespace chainscope {

namespace {

QString name(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

bool AssumedRoutes::isVirtual(const QString &iface)
{
    // Docker, libvirt, CNI plugins (flannel, Calico, Weave, Cilium, Antrea), tunnels, WireGuard.
    static const char *prefixes[] = {"lo", "docker", "br-", "cni", "flannel", "cali", "vxlan", "veth", "tunl",
                                     "kube-", "virbr", "weave", "vethwe", "cilium", "lxc", "tap", "tun", "wg",
                                     "vnet", "genev", "antrea", "ovn", "podman", "lxdbr", "nodelocaldns", "datapath"};
    for (const char *p : prefixes) {
        if (iface.startsWith(QLatin1String(p)))
            return true;
    }
    return false;
}

QStringList AssumedRoutes::namedInterfaces(const Ruleset &rs)
{
    QStringList out;
    for (int t = 0; t < TableCount; ++t) {
        for (const Chain &ch : rs.table(TableId(t)).chains) {
            for (const Rule &r : ch.rules) {
                for (const Criterion &c : r.criteria) {
                    if ((c.kind == Criterion::InIface || c.kind == Criterion::OutIface) && !c.c && !c.text.empty()) {
                        const QString n = name(c.text);
                        if (!out.contains(n))
                            out << n;
                    }
                }
            }
        }
    }
    out.sort();
    return out;
}

AssumedRoutes AssumedRoutes::fromRules(const Ruleset &rs)
{
    AssumedRoutes a;
    a.active = true;
    auto place = [&](const Criterion &c, TableId t, const std::string_view dev) {
        const Family f = tableFamily(t);
        const Address addr = rs.addresses(c).x, mask = rs.addresses(c).y;
        if (mask == Address::any(f) || dev.empty() || addr.isLoopback())
            return;
        const QString d = name(dev);
        if (d == QLatin1String("lo"))
            return;
        for (const Net &n : a.connected) {
            if (n.addr == addr && n.mask == mask)
                return;
        }
        a.connected.push_back({addr, mask, d, f});
    };
    QStringList order;   // interfaces in the order the rules name them, for the uplink
    for (int t = 0; t < TableCount; ++t) {
        for (const Chain &ch : rs.table(TableId(t)).chains) {
            const bool forward = ch.builtin && ch.name == "FORWARD";
            for (const Rule &r : ch.rules) {
                const Criterion *src = nullptr, *dst = nullptr, *in = nullptr, *out = nullptr;
                for (const Criterion &c : r.criteria) {
                    if (c.module != 0)
                        continue;
                    if (c.kind == Criterion::Src) src = &c;
                    else if (c.kind == Criterion::Dst) dst = &c;
                    else if (c.kind == Criterion::InIface) in = &c;
                    else if (c.kind == Criterion::OutIface) out = &c;
                    if ((c.kind == Criterion::InIface || c.kind == Criterion::OutIface) && !c.c && !order.contains(name(c.text)))
                        order << name(c.text);
                }
                const TableId tid = TableId(t);
                if (dst && !dst->neg && out && !out->neg && !out->c)
                    place(*dst, tid, out->text);
                if (src && !src->neg && in && !in->neg && !in->c)
                    place(*src, tid, in->text);
                if (src && !src->neg && out && out->neg && !out->c && r.target.kind == Target::Masquerade)
                    place(*src, tid, out->text);   // Docker: -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
                if (forward && dst && !dst->neg && rs.addresses(*dst).y != Address::any(tableFamily(tid)))
                    a.forwarded.push_back({rs.addresses(*dst).x, rs.addresses(*dst).y});
                if (r.target.kind == Target::Dnat && !r.target.addrLo.isNull() && !r.target.addrLo.isLoopback()) {
                    Address x = r.target.addrLo;
                    const Address last = std::max(r.target.addrLo, r.target.addrHi);
                    for (int n = 0; n < 256 && x <= last; ++n, x = x.next())
                        a.forwarded.push_back({x, Address(~0ull, ~0ull)});
                }
            }
        }
    }
    // Longest prefix first, so lookup takes the first that holds.
    std::stable_sort(a.connected.begin(), a.connected.end(), [](const Net &x, const Net &y) { return x.mask > y.mask; });
    for (const QString &i : order) {
        bool placed = false;
        for (const Net &n : a.connected)
            placed = placed || n.dev == i;
        if (!placed && !isVirtual(i)) {
            a.uplink = i;
            break;
        }
    }
    if (a.uplink.isEmpty())
        a.uplink = QStringLiteral("eth0");
    a.interfaces = namedInterfaces(rs);
    if (!a.interfaces.contains(a.uplink)) {
        a.interfaces << a.uplink;
        a.interfaces.sort();
    }
    return a;
}

AssumedRoutes::Answer AssumedRoutes::lookup(const Address &dst, const QString &inIface) const
{
    Answer r;
    const bool arriving = !inIface.isEmpty() && inIface != QLatin1String("lo");
    if (dst.isLoopback() || (arriving && (dst == Address::fromV4(0xffffffffu) || dst.isMulticast()))) {
        r.local = true;
        r.dev = arriving ? inIface : QStringLiteral("lo");
        return r;
    }
    for (const Net &n : connected) {
        if (n.family == dst.family() && dst.in(n.addr, n.mask)) {
            r.dev = n.dev;
            return r;
        }
    }
    r.dev = uplink;
    if (!arriving)
        return r;
    // Arriving on a bridge or container link: a container talking out, forwarded.
    if (isVirtual(inIface))
        return r;
    for (const Net &n : connected) {
        if (n.dev == inIface)
            return r;
    }
    for (const auto &[addr, mask] : forwarded) {
        if (dst.in(addr, mask))
            return r;
    }
    r.local = true;   // arrived from outside for no network the rules know: for this host
    r.dev = inIface;
    return r;
}

QString AssumedRoutes::describe(const QString &node) const
{
    QStringList nets;
    for (const Net &n : connected)
        nets << tr("%1 on %2").arg(prefixToString(n.addr, n.mask, n.family), n.dev);
    const QString placed = nets.isEmpty() ? tr("the rules place no subnet behind an interface")
                                          : tr("the rules place %1").arg(nets.join(QStringLiteral(", ")));
    return tr("%1 has no addresses or routes, so routes are assumed: %2; every other destination leaves by %3; "
              "a packet arriving from outside for an address the rules do not forward or translate is taken as "
              "addressed to %1 (give `ip addr` and `ip route` output to replace this)")
            .arg(node, placed, uplink);
}

} // namespace chainscope
