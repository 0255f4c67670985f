#include "kubegen.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

namespace chainscope {

namespace {

const char PodCidr[] = "10.244.0.0/16";
const char PodCidr6[] = "fd00:10:244::/56";

QByteArray ip(quint32 a)
{
    return QByteArray::number(a >> 24) + '.' + QByteArray::number((a >> 16) & 255) + '.'
            + QByteArray::number((a >> 8) & 255) + '.' + QByteArray::number(a & 255);
}

constexpr quint32 addr(quint32 a, quint32 b, quint32 c, quint32 d) { return a << 24 | b << 16 | c << 8 | d; }

/** RFC 5952 text of eight groups: lower-case hex, the longest run of two or more zero groups as "::". */
QByteArray ip6(const quint16 (&g)[8])
{
    int best = -1, bestLen = 1;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && g[j] == 0)
            ++j;
        if (j - i > bestLen) {
            best = i;
            bestLen = j - i;
        }
        i = j > i ? j : i + 1;
    }
    QByteArray out;
    for (int i = 0; i < 8; ++i) {
        if (i == best) {
            out += "::";
            i += bestLen - 1;
            continue;
        }
        if (!out.isEmpty() && !out.endsWith(':'))
            out += ':';
        out += QByteArray::number(g[i], 16);
    }
    return out;
}

/** The address in the dump's family. */
QByteArray ipOf(quint32 a, bool v6)
{
    return v6 ? KubeGen::ipv6Of(a) : ip(a);
}

/** What ip6tables-save writes for a DNAT destination: [addr]:port. */
QByteArray hostPort(quint32 a, quint16 port, bool v6)
{
    return (v6 ? '[' + KubeGen::ipv6Of(a) + ']' : ip(a)) + ':' + QByteArray::number(port);
}

struct PortKind
{
    const char *name;
    quint16 port;
    quint16 target;
};
// Common service ports, so comments and --dport values look like a real cluster's.
const PortKind Ports[] = {
    {"http", 80, 8080}, {"https", 443, 8443}, {"metrics", 9090, 9090}, {"grpc", 50051, 50051},
    {"postgres", 5432, 5432}, {"redis", 6379, 6379}, {"web", 8080, 8080}, {"dns-tcp", 53, 53},
};
const char *const Namespaces[] = {"default", "kube-system", "monitoring", "payments", "shop",
                                  "auth", "ingress", "logging", "data", "ci"};
const char *const Words[] = {"api", "web", "cart", "user", "order", "search", "cache", "queue",
                             "report", "billing", "gateway", "auth", "media", "stats", "mail", "feed"};

// One table being written: declarations first, then each chain's rules, builtins in hook
// order and user chains sorted, which is how iptables-save (libiptc) lists them.
class TableOut
{
public:
    TableOut(const char *name, std::vector<std::pair<QByteArray, QByteArray>> builtins, KubeGen *gen,
             QByteArray (KubeGen::*counters)())
        : m_name(name), m_builtins(std::move(builtins)), m_gen(gen), m_counters(counters)
    {
        for (const auto &b : m_builtins)
            m_rules[b.first];
    }
    void chain(const QByteArray &name) { m_rules[name]; }
    void rule(const QByteArray &chain, const QByteArray &body)
    {
        QByteArray &out = m_rules[chain];
        if (m_counters)
            out += (m_gen->*m_counters)() + ' ';
        out += "-A " + chain + ' ' + body + '\n';
    }
    void write(QByteArray &out)
    {
        out += "*" + m_name + '\n';
        for (const auto &b : m_builtins)
            out += ':' + b.first + ' ' + b.second + ' ' + (m_counters ? (m_gen->*m_counters)() : QByteArray("[0:0]")) + '\n';
        std::vector<const QByteArray *> user;
        for (const auto &[name, rules] : m_rules) {
            if (!isBuiltin(name))
                user.push_back(&name);
        }
        // std::map keeps them sorted by bytes already.
        for (const QByteArray *name : user)
            out += ':' + *name + " - [0:0]\n";
        for (const auto &b : m_builtins)
            out += m_rules[b.first];
        for (const QByteArray *name : user)
            out += m_rules[*name];
        out += "COMMIT\n";
    }

private:
    bool isBuiltin(const QByteArray &name) const
    {
        return std::any_of(m_builtins.begin(), m_builtins.end(), [&](const auto &b) { return b.first == name; });
    }
    QByteArray m_name;
    std::vector<std::pair<QByteArray, QByteArray>> m_builtins;
    std::map<QByteArray, QByteArray> m_rules;
    KubeGen *m_gen;
    QByteArray (KubeGen::*m_counters)();
};

} // namespace

KubeGen::KubeGen(const Options &options)
    : m_options(options), m_state(options.seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E5ull)
{
    const int n = std::max(0, options.services);
    const int m = std::max(1, options.endpoints);
    m_services.reserve(size_t(n));
    int nodePorts = 0;
    for (int i = 0; i < n; ++i) {
        Service s;
        if (i == 0) {
            // Every cluster has the API server first, its endpoints on the control plane.
            s.ns = "default";
            s.name = "kubernetes";
            s.portName = "https";
            s.port = 443;
            s.targetPort = 6443;
        } else {
            const PortKind &pk = Ports[below(std::size(Ports))];
            s.ns = Namespaces[below(std::size(Namespaces))];
            // The index keeps names unique; the words make them look like services.
            s.name = QByteArray(Words[below(std::size(Words))]) + '-' + QByteArray::number(i);
            s.portName = pk.name;
            s.port = pk.port;
            s.targetPort = pk.target;
        }
        s.clusterIp = addr(10, 96, 0, 1) + quint32(i);
        // A third are NodePorts, as long as the 30000-32767 range lasts.
        if (i % 3 == 1 && nodePorts < 2768)
            s.nodePort = quint16(30000 + nodePorts++);
        std::set<quint32> seen;
        while (int(s.endpoints.size()) < m) {
            const quint32 ep = i == 0 ? addr(192, 168, 0, 10) + quint32(s.endpoints.size())
                             : options.nodes > 0 ? addr(10, 244, below(quint32(options.nodes)), 10 + below(240))
                                                 : addr(10, 244, below(256), 2 + below(252));
            if (seen.insert(ep).second)
                s.endpoints.push_back(ep);
        }
        s.ipv6 = options.ipv6;
        const QByteArray id = s.portId();
        // kube-proxy hashes the port's name and protocol, and for an endpoint its
        // net.JoinHostPort text too ("[fd00:10:244:3::11]:8080"); the family is in no hash.
        s.svcChain = chainName("KUBE-SVC-", id + "tcp");
        for (quint32 ep : s.endpoints)
            s.sepChains.push_back(chainName("KUBE-SEP-", id + "tcp" + hostPort(ep, s.targetPort, s.ipv6)));
        m_services.push_back(std::move(s));
    }
}

QByteArray KubeGen::Service::clusterAddress() const
{
    return ipOf(clusterIp, ipv6);
}

QByteArray KubeGen::Service::endpointAddress(size_t e) const
{
    return ipOf(endpoints[e], ipv6);
}

QByteArray KubeGen::ipv6Of(quint32 a)
{
    quint16 g[8] = {0xfd00, 0, 0, 0, 0, 0, 0, 0};
    if ((a & 0xfff00000u) == addr(10, 96, 0, 0)) {
        // The service range: the offset in the /12 becomes the offset in fd00:10:96::/112
        // (a /112 holds 65,536 ClusterIPs; past that the addresses go on in the /64).
        const quint32 off = a - addr(10, 96, 0, 0);
        g[1] = 0x10, g[2] = 0x96, g[6] = quint16(off >> 16), g[7] = quint16(off);
    } else if ((a & 0xffff0000u) == addr(10, 244, 0, 0)) {
        g[1] = 0x10, g[2] = 0x244, g[3] = quint16((a >> 8) & 255), g[7] = quint16(a & 255);
    } else if ((a & 0xffff0000u) == addr(192, 168, 0, 0)) {
        g[1] = 0x192, g[2] = 0x168, g[3] = quint16((a >> 8) & 255), g[7] = quint16(a & 255);
    } else {
        // Not one of the generator's ranges: the v4-mapped form, which no IPv6 rule matches.
        return "::ffff:" + ip(a);
    }
    return ip6(g);
}

quint64 KubeGen::next()
{
    // splitmix64: tiny, well mixed, the same everywhere.
    quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

QByteArray KubeGen::counters()
{
    const quint64 packets = next() % 5000;
    return '[' + QByteArray::number(packets) + ':' + QByteArray::number(packets * (60 + next() % 1400)) + ']';
}

QByteArray KubeGen::chainName(const char *prefix, const QByteArray &key)
{
    // As kube-proxy: SHA-256, base32 (RFC 4648), the first 16 characters (80 bits = 10 bytes).
    static const char Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const QByteArray h = QCryptographicHash::hash(key, QCryptographicHash::Sha256);
    QByteArray out(prefix);
    quint64 bits = 0;
    int have = 0;
    for (int i = 0; i < 10; ++i) {
        bits = bits << 8 | quint8(h[i]);
        have += 8;
        while (have >= 5) {
            have -= 5;
            out += Alphabet[(bits >> have) & 31];
        }
    }
    return out;
}

QByteArray KubeGen::probability(double p)
{
    const double stored = double(std::lround(p * 2147483648.0)) / 2147483648.0;
    return QByteArray::number(stored, 'f', 11);
}

QByteArray KubeGen::dump()
{
    return dump(1);
}

QByteArray KubeGen::dump(int node)
{
    KubeGen *self = this;
    QByteArray (KubeGen::*cnt)() = m_options.counters ? &KubeGen::counters : nullptr;
    TableOut nat("nat", {{"PREROUTING", "ACCEPT"}, {"INPUT", "ACCEPT"}, {"OUTPUT", "ACCEPT"}, {"POSTROUTING", "ACCEPT"}},
                 self, cnt);
    const bool v6 = m_options.ipv6;
    const QByteArray pods(v6 ? PodCidr6 : PodCidr);
    const QByteArray host = v6 ? "/128" : "/32";
    const QByteArray loopback = v6 ? "::1/128" : "127.0.0.0/8";
    const QByteArray nodeSubnet = v6 ? "fd00:10:244:" + QByteArray::number(node, 16) + "::/64"
                                     : "10.244." + QByteArray::number(node) + ".0/24";

    // Fixed part: hooks into kube-proxy's and Docker's chains, flannel's masquerading.
    nat.rule("PREROUTING", R"(-m comment --comment "kubernetes service portals" -j KUBE-SERVICES)");
    nat.rule("PREROUTING", "-m addrtype --dst-type LOCAL -j DOCKER");
    nat.rule("OUTPUT", R"(-m comment --comment "kubernetes service portals" -j KUBE-SERVICES)");
    nat.rule("OUTPUT", "! -d " + loopback + " -m addrtype --dst-type LOCAL -j DOCKER");
    nat.rule("POSTROUTING", R"(-m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING)");
    // docker0 has no IPv6 network unless the daemon runs with --ipv6: nothing to masquerade.
    if (!v6)
        nat.rule("POSTROUTING", "-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE");
    nat.rule("POSTROUTING", "-s " + pods + " -d " + pods + " -j RETURN");
    nat.rule("POSTROUTING", "-s " + pods + " ! -d " + (v6 ? "ff00::/8" : "224.0.0.0/4") + " -j MASQUERADE --random-fully");
    nat.rule("POSTROUTING", "! -s " + pods + " -d " + nodeSubnet + " -j RETURN");
    nat.rule("POSTROUTING", "! -s " + pods + " -d " + pods + " -j MASQUERADE --random-fully");
    nat.rule("DOCKER", "-i docker0 -j RETURN");
    nat.rule("KUBE-MARK-DROP", "-j MARK --set-xmark 0x8000/0x8000");
    nat.rule("KUBE-MARK-MASQ", "-j MARK --set-xmark 0x4000/0x4000");
    nat.rule("KUBE-POSTROUTING", "-m mark ! --mark 0x4000/0x4000 -j RETURN");
    nat.rule("KUBE-POSTROUTING", "-j MARK --set-xmark 0x4000/0x0");
    nat.rule("KUBE-POSTROUTING",
             R"(-m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully)");
    nat.chain("KUBE-NODEPORTS");

    for (const Service &s : m_services) {
        const QByteArray id = s.portId();
        const QByteArray comment = "-m comment --comment \"" + id + '"';
        const QByteArray cip = s.clusterAddress() + host;
        const QByteArray port = QByteArray::number(s.port);
        nat.rule("KUBE-SERVICES", "-d " + cip + " -p tcp -m comment --comment \"" + id + " cluster IP\" -m tcp --dport "
                         + port + " -j " + s.svcChain);
        // Traffic to a ClusterIP from outside the pod network is masqueraded.
        nat.rule(s.svcChain, "! -s " + pods + " -d " + cip + " -p tcp -m comment --comment \"" + id
                         + " cluster IP\" -m tcp --dport " + port + " -j KUBE-MARK-MASQ");
        if (s.nodePort) {
            const QByteArray np = " -m tcp --dport " + QByteArray::number(s.nodePort);
            nat.rule("KUBE-NODEPORTS", "-p tcp " + comment + np + " -j KUBE-MARK-MASQ");
            nat.rule("KUBE-NODEPORTS", "-p tcp " + comment + np + " -j " + s.svcChain);
        }
        const size_t m = s.endpoints.size();
        for (size_t e = 0; e < m; ++e) {
            // Cascade: 1/M of all, then 1/(M-1) of the rest, ..., the last takes what is left.
            const QByteArray stat = e + 1 < m ? "-m statistic --mode random --probability " + probability(1.0 / double(m - e)) + ' '
                                              : QByteArray();
            nat.rule(s.svcChain, comment + ' ' + stat + "-j " + s.sepChains[e]);
            nat.rule(s.sepChains[e], "-s " + s.endpointAddress(e) + host + ' ' + comment + " -j KUBE-MARK-MASQ");
            nat.rule(s.sepChains[e], "-p tcp " + comment + " -m tcp -j DNAT --to-destination "
                             + hostPort(s.endpoints[e], s.targetPort, v6));
        }
    }
    nat.rule("KUBE-SERVICES", R"(-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS)");

    TableOut filter("filter", {{"INPUT", "ACCEPT"}, {"FORWARD", "DROP"}, {"OUTPUT", "ACCEPT"}}, self, cnt);
    for (const char *c : {"DOCKER", "KUBE-EXTERNAL-SERVICES", "KUBE-KUBELET-CANARY", "KUBE-PROXY-CANARY", "KUBE-SERVICES"})
        filter.chain(c);
    filter.rule("INPUT", R"(-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES)");
    filter.rule("INPUT", R"(-m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES)");
    filter.rule("INPUT", "-j KUBE-FIREWALL");
    filter.rule("FORWARD", R"(-m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD)");
    filter.rule("FORWARD", R"(-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES)");
    filter.rule("FORWARD", "-j DOCKER-USER");
    filter.rule("FORWARD", "-j DOCKER-ISOLATION-STAGE-1");
    filter.rule("FORWARD", "-o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
    filter.rule("FORWARD", "-o docker0 -j DOCKER");
    filter.rule("FORWARD", "-i docker0 ! -o docker0 -j ACCEPT");
    filter.rule("FORWARD", "-i docker0 -o docker0 -j ACCEPT");
    filter.rule("FORWARD", "-s " + pods + " -j ACCEPT");
    filter.rule("FORWARD", "-d " + pods + " -j ACCEPT");
    filter.rule("OUTPUT", R"(-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES)");
    filter.rule("OUTPUT", "-j KUBE-FIREWALL");
    filter.rule("DOCKER-ISOLATION-STAGE-1", "-i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2");
    filter.rule("DOCKER-ISOLATION-STAGE-1", "-j RETURN");
    filter.rule("DOCKER-ISOLATION-STAGE-2", "-o docker0 -j DROP");
    filter.rule("DOCKER-ISOLATION-STAGE-2", "-j RETURN");
    filter.rule("DOCKER-USER", "-j RETURN");
    filter.rule("KUBE-FIREWALL", R"(-m comment --comment "kubernetes firewall for dropping marked packets" -m mark --mark 0x8000/0x8000 -j DROP)");
    // route_localnet is IPv4's: the localnet rule is in iptables only.
    if (!v6)
        filter.rule("KUBE-FIREWALL", R"(! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP)");
    filter.rule("KUBE-FORWARD", "-m conntrack --ctstate INVALID -j DROP");
    filter.rule("KUBE-FORWARD", R"(-m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT)");
    filter.rule("KUBE-FORWARD", R"(-m comment --comment "kubernetes forwarding conntrack pod source rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT)");
    filter.rule("KUBE-FORWARD", R"(-m comment --comment "kubernetes forwarding conntrack pod destination rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT)");

    QByteArray out;
    out.reserve(qsizetype(m_services.size()) * 1200 + 8192);
    const QByteArray generated = v6 ? "# Generated by ip6tables-save v1.8.4 on Thu Jan  1 00:00:00 2026\n"
                                    : "# Generated by iptables-save v1.8.4 on Thu Jan  1 00:00:00 2026\n";
    out += generated;
    // filter first: the order iptables-save printed when these dumps were loaded into a kernel.
    filter.write(out);
    out += "# Completed on Thu Jan  1 00:00:00 2026\n" + generated;
    nat.write(out);
    out += "# Completed on Thu Jan  1 00:00:00 2026\n";
    return out;
}

QByteArray KubeGen::nftChainName(const char *prefix, const QByteArray &base)
{
    return prefix + chainName("", base).left(8) + '-' + base;
}

QByteArray KubeGen::nftRuleset(int node)
{
    // kube-proxy's IPv6 proxier writes the same table in family ip6 with ip6 and ipv6_addr.
    const bool v6 = m_options.ipv6;
    const QByteArray ipx = v6 ? "ip6" : "ip";
    const QByteArray addrType = v6 ? "ipv6_addr" : "ipv4_addr";
    const QByteArray pods(v6 ? PodCidr6 : PodCidr);
    const QByteArray nodeIp = ipOf(addr(192, 168, 0, 20 + quint32(node)), v6);
    const QByteArray subnet = v6 ? "fd00:10:244:" + QByteArray::number(node, 16) + "::/64"
                                 : "10.244." + QByteArray::number(node) + ".0/24";
    const QByteArray serviceRange = v6 ? "fd00:10:96::/112" : "10.96.0.0/12";
    const QByteArray multicast = v6 ? "ff00::/8" : "224.0.0.0/4";
    const QByteArray flannelName = v6 ? "ipv6" : "ipv4";
    // nft prints a set's elements comma-separated, wrapped under the first one.
    const auto elements = [](const std::vector<QByteArray> &items) {
        QByteArray out = "\t\telements = { ";
        for (size_t i = 0; i < items.size(); ++i)
            out += items[i] + (i + 1 < items.size() ? ",\n\t\t\t     " : " }\n");
        return out;
    };
    std::vector<QByteArray> clusterIps, serviceIps, nodePorts;
    QByteArray chains;
    chains.reserve(qsizetype(m_services.size()) * 900);
    for (const Service &s : m_services) {
        const QByteArray base = s.ns + '/' + s.name + "/tcp/" + s.portName;
        const QByteArray svc = nftChainName("service-", base);
        const QByteArray cip = s.clusterAddress();
        const QByteArray port = QByteArray::number(s.port);
        clusterIps.push_back(cip);
        serviceIps.push_back(cip + " . tcp . " + port + " : goto " + svc);
        QByteArray vmap;
        QByteArray endpointChains;
        for (size_t e = 0; e < s.endpoints.size(); ++e) {
            const QByteArray ep = s.endpointAddress(e);
            // A chain name takes no ':': kube-proxy writes an IPv6 endpoint with dots.
            const QByteArray epChain = nftChainName("endpoint-", base + "__" + QByteArray(ep).replace(':', '.') + '/'
                                                                     + QByteArray::number(s.targetPort));
            vmap += (e ? ", " : "") + QByteArray::number(qulonglong(e)) + " : goto " + epChain;
            endpointChains += "\tchain " + epChain + " {\n\t\t" + ipx + " saddr " + ep + " jump mark-for-masquerade\n\t\tmeta l4proto tcp dnat to "
                    + hostPort(s.endpoints[e], s.targetPort, v6) + "\n\t}\n";
        }
        chains += "\tchain " + svc + " {\n\t\t" + ipx + " daddr " + cip + " tcp dport " + port + ' ' + ipx + " saddr != " + pods
                + " jump mark-for-masquerade\n\t\tnumgen random mod " + QByteArray::number(qulonglong(s.endpoints.size()))
                + " vmap { " + vmap + " }\n\t}\n";
        if (s.nodePort) {
            const QByteArray ext = nftChainName("external-", base);
            nodePorts.push_back("tcp . " + QByteArray::number(s.nodePort) + " : goto " + ext);
            chains += "\tchain " + ext + " {\n\t\tjump mark-for-masquerade\n\t\tgoto " + svc + "\n\t}\n";
        }
        chains += endpointChains;
    }
    QByteArray out;
    out.reserve(chains.size() + qsizetype(m_services.size()) * 160 + 8192);
    out += "table " + ipx + " kube-proxy {\n\tcomment \"rules for kube-proxy\"\n";
    out += "\tset cluster-ips {\n\t\ttype " + addrType + "\n\t\tcomment \"Active ClusterIPs\"\n" + elements(clusterIps) + "\t}\n";
    out += "\tset nodeport-ips {\n\t\ttype " + addrType + "\n\t\tcomment \"IPs that accept NodePort traffic\"\n\t\telements = { " + nodeIp
            + " }\n\t}\n";
    out += "\tmap no-endpoint-services {\n\t\ttype " + addrType + " . inet_proto . inet_service : verdict\n"
           "\t\tcomment \"vmap to drop or reject packets to services with no endpoints\"\n\t}\n";
    out += "\tmap no-endpoint-nodeports {\n\t\ttype inet_proto . inet_service : verdict\n"
           "\t\tcomment \"vmap to drop or reject packets to service nodeports with no endpoints\"\n\t}\n";
    out += "\tmap service-ips {\n\t\ttype " + addrType + " . inet_proto . inet_service : verdict\n"
           "\t\tcomment \"ClusterIP, ExternalIP and LoadBalancer IP traffic\"\n" + elements(serviceIps) + "\t}\n";
    out += "\tmap service-nodeports {\n\t\ttype inet_proto . inet_service : verdict\n\t\tcomment \"NodePort traffic\"\n"
            + (nodePorts.empty() ? QByteArray() : elements(nodePorts)) + "\t}\n";
    out += "\tchain filter-prerouting {\n\t\ttype filter hook prerouting priority dstnat - 10; policy accept;\n"
           "\t\tct state new jump firewall-check\n\t}\n"
           "\tchain filter-input {\n\t\ttype filter hook input priority -110; policy accept;\n"
           "\t\tct state new jump nodeport-endpoints-check\n\t\tct state new jump service-endpoints-check\n\t}\n"
           "\tchain filter-forward {\n\t\ttype filter hook forward priority -110; policy accept;\n"
           "\t\tct state new jump service-endpoints-check\n\t\tct state new jump cluster-ips-check\n\t}\n"
           "\tchain filter-output {\n\t\ttype filter hook output priority -110; policy accept;\n"
           "\t\tct state new jump service-endpoints-check\n\t\tct state new jump firewall-check\n\t}\n"
           "\tchain filter-output-post-dnat {\n\t\ttype filter hook output priority -90; policy accept;\n"
           "\t\tct state new jump cluster-ips-check\n\t}\n"
           "\tchain nat-output {\n\t\ttype nat hook output priority -100; policy accept;\n\t\tjump services\n\t}\n"
           "\tchain nat-postrouting {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t\tjump masquerading\n\t}\n"
           "\tchain nat-prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\tjump services\n\t}\n"
           "\tchain nodeport-endpoints-check {\n\t\t" + ipx + " daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports\n\t}\n"
           "\tchain service-endpoints-check {\n\t\t" + ipx + " daddr . meta l4proto . th dport vmap @no-endpoint-services\n\t}\n"
           "\tchain firewall-check {\n\t}\n"
           "\tchain cluster-ips-check {\n"
           "\t\t" + ipx + " daddr @cluster-ips reject comment \"Reject traffic to invalid ports of ClusterIPs\"\n"
           "\t\t" + ipx + " daddr " + serviceRange + " drop comment \"Drop traffic to unallocated ClusterIPs\"\n\t}\n"
           "\tchain masquerading {\n\t\tmeta mark & 0x00004000 == 0x00000000 return\n"
           "\t\tmeta mark set meta mark ^ 0x00004000\n\t\tmasquerade fully-random\n\t}\n"
           "\tchain mark-for-masquerade {\n\t\tmeta mark set meta mark | 0x00004000\n\t}\n"
           "\tchain services {\n\t\t" + ipx + " daddr . meta l4proto . th dport vmap @service-ips\n"
           "\t\t" + ipx + " daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports\n\t}\n";
    out += chains;
    out += "}\n";
    out += "table " + ipx + " flannel-" + flannelName + " {\n\tcomment \"rules for flannel-" + flannelName + "\"\n\tchain postrtg {\n"
           "\t\tcomment \"chain to manage traffic masquerading by flannel\"\n"
           "\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t\tmeta mark 0x00004000 return\n"
           "\t\t" + ipx + " saddr " + subnet + " " + ipx + " daddr " + pods + " return\n\t\t" + ipx + " saddr " + pods + " " + ipx + " daddr " + subnet + " return\n"
           "\t\t" + ipx + " saddr != " + subnet + " " + ipx + " daddr " + pods + " return\n\t\t" + ipx + " saddr " + pods
            + " " + ipx + " daddr != " + multicast + " masquerade fully-random\n\t\t" + ipx + " saddr != " + pods + " " + ipx + " daddr " + pods
            + " masquerade fully-random\n\t}\n\tchain forward {\n\t\tcomment \"chain to accept flannel traffic\"\n"
              "\t\ttype filter hook forward priority filter; policy accept;\n\t\t" + ipx + " saddr " + pods + " accept\n\t\t" + ipx + " daddr " + pods
            + " accept\n\t}\n}\n";
    return out;
}

QByteArray KubeGen::ipAddr()
{
    return "1: lo    inet 127.0.0.1/8 scope host lo\n"
           "2: eth0    inet 192.168.0.20/24 brd 192.168.0.255 scope global eth0\n"
           "3: docker0    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n"
           "4: flannel.1    inet 10.244.1.0/32 scope global flannel.1\n"
           "5: cni0    inet 10.244.1.1/24 brd 10.244.1.255 scope global cni0\n";
}

QByteArray KubeGen::ipRoute()
{
    return "default via 192.168.0.1 dev eth0 proto dhcp src 192.168.0.20 metric 100\n"
           "10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink\n"
           "10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1\n"
           "172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown\n"
           "192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0.20\n";
}

QByteArray KubeGen::ipAddr(int node, int nodes)
{
    Q_UNUSED(nodes);
    const QByteArray n = QByteArray::number(node);
    return "1: lo    inet 127.0.0.1/8 scope host lo\n"
           "2: eth0    inet 192.168.0." + QByteArray::number(20 + node) + "/24 brd 192.168.0.255 scope global eth0\n"
           "3: docker0    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n"
           "4: flannel.1    inet 10.244." + n + ".0/32 scope global flannel.1\n"
           "5: cni0    inet 10.244." + n + ".1/24 brd 10.244." + n + ".255 scope global cni0\n";
}

QByteArray KubeGen::ipRoute(int node, int nodes)
{
    QByteArray out = "default via 192.168.0.1 dev eth0 proto dhcp src 192.168.0." + QByteArray::number(20 + node) + " metric 100\n";
    for (int j = 0; j < nodes; ++j) {
        const QByteArray n = QByteArray::number(j);
        if (j == node)
            out += "10.244." + n + ".0/24 dev cni0 proto kernel scope link src 10.244." + n + ".1\n";
        else
            out += "10.244." + n + ".0/24 via 10.244." + n + ".0 dev flannel.1 onlink\n";
    }
    out += "172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown\n"
           "192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0." + QByteArray::number(20 + node) + "\n";
    return out;
}

QByteArray KubeGen::ipAddr6(int node, int nodes)
{
    Q_UNUSED(nodes);
    // flannel's IPv6 VXLAN device is flannel-v6.1; its address is the subnet's first (::0).
    const QByteArray n = QByteArray::number(node, 16);
    return "1: lo    inet6 ::1/128 scope host \n"
           "2: eth0    inet6 " + ipv6Of(addr(192, 168, 0, 20 + quint32(node))) + "/64 scope global \n"
           "4: flannel-v6.1    inet6 fd00:10:244:" + n + "::/128 scope global \n"
           "5: cni0    inet6 fd00:10:244:" + n + "::1/64 scope global \n";
}

QByteArray KubeGen::ipRoute6(int node, int nodes)
{
    QByteArray out;
    for (int j = 0; j < std::max(nodes, node + 1); ++j) {
        const QByteArray n = QByteArray::number(j, 16);
        if (j == node)
            out += "fd00:10:244:" + n + "::/64 dev cni0 proto kernel metric 256 pref medium\n";
        else
            out += "fd00:10:244:" + n + "::/64 via fd00:10:244:" + n + ":: dev flannel-v6.1 metric 1024 onlink pref medium\n";
    }
    out += "fd00:192:168::/64 dev eth0 proto kernel metric 256 pref medium\n"
           "default via fd00:192:168::1 dev eth0 metric 1024 pref medium\n";
    return out;
}

bool KubeGen::writeScenario(const QString &dir)
{
    const int nodes = std::max(1, m_options.nodes);
    if (!QDir().mkpath(dir))
        return false;
    auto write = [&](const QString &name, const QByteArray &bytes) {
        QFile f(dir + QLatin1Char('/') + name);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
    };
    QByteArray json = "{\n  \"name\": \"kubegen: " + QByteArray::number(qulonglong(m_services.size())) + " services, "
            + QByteArray::number(nodes) + " nodes\",\n  \"nodes\": [\n";
    for (int i = 0; i < nodes; ++i) {
        const QByteArray n = "node" + QByteArray::number(i + 1);
        // IPv6: the dump says its family (ip6tables-save); the node is dual-stack, its IPv6
        // addresses and `ip -6 route` in files of their own beside the IPv4 ones.
        const bool v6 = m_options.ipv6;
        json += "    {\"name\": \"" + n + "\", \"rules\": [\"" + n + ".rules\"], \"addresses\": "
                + (v6 ? "[\"" + n + ".addr\", \"" + n + ".addr6\"]" : '"' + n + ".addr\"") + ", \"routes\": "
                + (v6 ? "[\"" + n + ".route\", \"" + n + ".route6\"]" : '"' + n + ".route\"") + '}' + (i + 1 < nodes ? "," : "") + '\n';
        if (!write(QString::fromLatin1(n + ".rules"), dump(i)) || !write(QString::fromLatin1(n + ".addr"), ipAddr(i, nodes))
            || !write(QString::fromLatin1(n + ".route"), ipRoute(i, nodes)))
            return false;
        if (v6 && (!write(QString::fromLatin1(n + ".addr6"), ipAddr6(i, nodes)) || !write(QString::fromLatin1(n + ".route6"), ipRoute6(i, nodes))))
            return false;
    }
    json += "  ]\n}\n";
    return write(QStringLiteral("scenario.json"), json);
}

} // namespace chainscope
