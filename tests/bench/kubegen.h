#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <vector>

namespace chainscope {

/**
 * Writes `iptables-save` dumps shaped like a kube-proxy (iptables mode, ~1.19) node that
 * also runs Docker and flannel, so parser and simulator can be measured on realistic sizes
 * without real clusters. The same options always give the same bytes (own PRNG, no
 * std::*_distribution whose output differs between standard libraries).
 */
class KubeGen
{
public:
    struct Options
    {
        int services = 100;
        int endpoints = 2;        // per service port
        quint64 seed = 1;
        bool counters = false;    // iptables-save -c form
        /**
         * 0: one node's dump, endpoints anywhere in 10.244.0.0/16 (the benchmarks' default).
         * N: a cluster of N nodes (node1..nodeN, pod subnets 10.244.0.0/24 ..): endpoints in
         * those subnets (.10 to .249, so the first addresses stay free for client pods); see
         * dump(int), ipAddr(int, int), ipRoute(int, int) and writeScenario().
         */
        int nodes = 0;
        /**
         * IPv6, as kube-proxy writes it into ip6tables-save (or `table ip6 kube-proxy` with
         * nftRuleset()) on an IPv6 or dual-stack node: ClusterIPs in fd00:10:96::/112, pods in
         * fd00:10:244::/56 (node N's subnet fd00:10:244:N::/64), nodes in fd00:192:168::/64.
         * The draws are IPv4's, mapped (10.244.N.H -> fd00:10:244:N::H), so a seed gives the
         * same services, ports and endpoint choices in both families.
         */
        bool ipv6 = false;
    };

    struct Service
    {
        QByteArray ns, name, portName;
        quint32 clusterIp = 0;
        quint16 port = 0;
        quint16 targetPort = 0;
        quint16 nodePort = 0;     // 0: ClusterIP only
        std::vector<quint32> endpoints;
        QByteArray svcChain;      // KUBE-SVC-...
        std::vector<QByteArray> sepChains;  // KUBE-SEP-..., one per endpoint, same order
        bool ipv6 = false;        // the addresses below as Options::ipv6 maps them
        QByteArray portId() const { return ns + '/' + name + ':' + portName; }
        /** The ClusterIP as the dump writes it: "10.96.0.18" or "fd00:10:96::12". */
        QByteArray clusterAddress() const;
        /** Endpoint `e` as the dump writes it: "10.244.3.17" or "fd00:10:244:3::11". */
        QByteArray endpointAddress(size_t e) const;
    };

    explicit KubeGen(const Options &options);

    const std::vector<Service> &services() const { return m_services; }
    /** The whole dump: *filter then *nat, as iptables-save (ip6tables-save) prints them. */
    QByteArray dump();

    /**
     * The same services as kube-proxy's nftables mode writes them (1.31+), as `nft list
     * ruleset` prints them: table ip kube-proxy with the cluster-ips and nodeport-ips sets,
     * the service-ips map keyed `ip daddr . meta l4proto . th dport` and service-nodeports,
     * a service-HASH-NS/NAME/tcp/PORT chain per service port choosing its endpoint by
     * `numgen random mod N vmap`, an endpoint-HASH-...__IP/PORT chain per endpoint; then
     * flannel's table ip flannel-ipv4 (EnableNFTables). Node `node` as in dump(int). With
     * Options::ipv6, kube-proxy's IPv6 proxier's: table ip6 kube-proxy, ipv6_addr, ip6 daddr,
     * `dnat to [addr]:port`, endpoint chains named with the address's ':' as '.'; flannel-ipv6.
     */
    QByteArray nftRuleset(int node = 1);
    /** kube-proxy nftables' chain name: PREFIX + 8 base32 chars of SHA-256(base) + '-' + base. */
    static QByteArray nftChainName(const char *prefix, const QByteArray &base);

    /** `ip -o addr` and `ip route` of the node the dump belongs to (routes for tracing). */
    static QByteArray ipAddr();
    static QByteArray ipRoute();

    /** Node `node` (0-based) of a cluster of `nodes`: its dump (flannel's RETURN names its subnet). */
    QByteArray dump(int node);
    static QByteArray ipAddr(int node, int nodes);
    static QByteArray ipRoute(int node, int nodes);
    /**
     * The IPv6 side of a dual-stack node: `ip -o addr` lines with inet6 only (parse them
     * beside ipAddr()) and `ip -6 route`. No arguments: node 1 of 2, as ipAddr().
     */
    static QByteArray ipAddr6(int node = 1, int nodes = 2);
    static QByteArray ipRoute6(int node = 1, int nodes = 2);
    /** The IPv6 address kube-proxy's IPv6 dumps use for an IPv4 one of the generator's ranges. */
    static QByteArray ipv6Of(quint32 v4);
    /** A scenario folder: scenario.json and nodeN.rules/.addr/.route for each node; false on write errors. */
    bool writeScenario(const QString &dir);

    /** kube-proxy's chain name: PREFIX + 16 base32 chars of SHA-256(key). */
    static QByteArray chainName(const char *prefix, const QByteArray &key);
    /** What iptables-save prints for --probability p: the kernel keeps p * 2^31 rounded. */
    static QByteArray probability(double p);

private:
    quint64 next();
    quint32 below(quint32 n) { return quint32(next() % n); }
    QByteArray counters();

    Options m_options;
    quint64 m_state;
    std::vector<Service> m_services;
};

} // namespace chainscope
