#pragma once

#include "assumedroutes.h"
#include "bridges.h"
#include "diagnostic.h"
#include "ipset.h"
#include "sysctls.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace chainscope {

struct InterfaceAddress
{
    Address address;        // either family
    int prefixLength = 32;  // in the family's bits
    Address broadcast;      // null when none (IPv6 has none)
    QString scope;          // "global", "link", "host"
    Family family() const { return address.family(); }
};

struct Interface
{
    QString name;
    int index = 0;
    bool up = true;
    std::vector<InterfaceAddress> addresses;
};

struct Route
{
    enum Type : quint8 { Unicast, Local, Broadcast, Blackhole, Unreachable, Prohibit, Throw };
    Type type = Unicast;
    Address dst;            // masked; its family is the route's (a default route: 0.0.0.0 or ::)
    int prefixLength = 0;
    Address gateway;
    bool hasGateway = false;
    QString dev;
    Address src;
    bool hasSrc = false;
    int metric = 0;
    bool onlink = false;
    bool linkdown = false;
    int table = 254;        // routing table id (RouteTables); 254 is main
    int line = 0;           // where it was read
    Family family() const { return dst.family(); }
};

/** Routing table ids as the kernel numbers them; named tables get ids above kNamedBase. */
namespace RouteTables {
constexpr int Default = 253;
constexpr int Main = 254;
constexpr int Local = 255;
constexpr int kNamedBase = 1 << 30;
}

/** One `ip rule`: selectors, then an action (a table lookup or a route type). */
struct RoutingRule
{
    enum Action : quint8 { Lookup, Blackhole, Unreachable, Prohibit, Goto, Nop };
    int priority = 0;
    bool invert = false;        // "not": the selectors as a whole are negated
    Family family = Family::Ipv4;   // `ip rule` or `ip -6 rule`
    Address from;
    int fromLength = 0;         // 0: from all
    Address to;
    int toLength = 0;
    QString iif;                // empty: any
    QString oif;
    bool hasFwmark = false;
    quint32 fwmark = 0;
    quint32 fwmask = 0xffffffffu;
    bool unmodelled = false;    // a selector the engine does not model (tos, uidrange, ...): never matches
    bool detached = false;      // iif/oif names a device that is gone ("[detached]"): never matches
    Action action = Lookup;
    int table = RouteTables::Main;
    int suppressPrefixLength = -1;
    int gotoPriority = 0;
    int line = 0;
    /** "fwmark 0x1 lookup 100", as `ip rule` prints it (without the priority). */
    QString text;
};

/**
 * What a node knows besides its rules: interfaces with addresses, routes, sysctls, bridges.
 * Missing pieces get defaults (see `warnings`), so a lone dump still traces.
 */
class NodeContext
{
public:
    std::vector<Interface> interfaces;
    std::vector<Route> routes;
    /** Kernel parameters (forwarding, rp_filter, br_netfilter...); kubeadm defaults when missing. */
    Sysctls sysctls;
    /** Bridge ports (`ip -j link`, `bridge link`, or the "master" of `ip addr`). */
    Bridges bridges;
    bool hasAddresses = false;
    bool hasRoutes = false;
    /**
     * `ip rule` and `ip -6 rule`, sorted by priority. A family without any: the kernel's
     * defaults (local, main, default), which is what a node without an ip rule file gets.
     */
    std::vector<RoutingRule> ipRules;
    bool hasIpRules = false;
    bool hasIpRulesOf(Family f) const;
    /**
     * Rules besides the kernel's three (0 lookup local, 32766 main, 32767 default): with them
     * the kernel validates every source by a reverse route lookup, rp_filter or not.
     */
    bool hasCustomIpRules(Family f) const;
    /** Names of the named tables (id - RouteTables::kNamedBase indexes it). */
    std::vector<QString> tableNames;
    /** The node's ipsets (`ipset save` / `ipset list`), for `-m set`. */
    Ipsets ipsets;
    /** Routing read from the rules, used when neither addresses nor routes were given. */
    AssumedRoutes assumed;
    bool routesAssumed() const { return assumed.active && !hasAddresses && !hasRoutes; }

    /** `ip -o addr`, `ip addr` or `ip -j addr` (both families), detected from content. Appends diagnostics. */
    bool parseAddresses(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags);
    /**
     * `ip route`, `ip -6 route` or their `-j` forms, including `show table all` (each route
     * keeps its table). A route's family comes from its addresses; "default dev X" from the
     * prompt's command (`ip -6 route`), `family` (the scenario's "routes6"), or the other
     * routes of the file.
     */
    bool parseRoutes(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags,
                     std::optional<Family> family = {});
    /**
     * `ip rule show` (prompts and blank lines tolerated) or `ip -j rule`, and their `-6`
     * forms (family from `family` (the scenario's "ip_rules6"), the prompt's command or the
     * rules' addresses: `ip -6 -j rule` looks like `ip -j rule`). Rules the engine
     * cannot model are kept and never match, with a warning. Adds to the rules already read.
     */
    bool parseIpRules(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags,
                      std::optional<Family> family = {});
    /** Table id of a name as `ip` prints it ("local", "main", "100", "cali"); adds names. */
    int tableId(const QString &name);
    /** "main", "100", "cali": a table id as `ip` prints it. */
    QString tableName(int id) const;

    const Interface *interface(const QString &name) const;
    /** Interface holding this address, or nullptr. */
    const Interface *owner(const Address &address) const;
    bool isLocal(const Address &address) const;
    /** addrtype bits (AddrType) of an address as the kernel's local and main tables see it. */
    quint32 addressType(const Address &address, const QString &limitDev = {}) const;
    /**
     * `-m addrtype` with these AddrType bits: for IPv4 the address's one type is one of
     * them (inet_dev_addr_type); for IPv6 as ip6t addrtype does, every class named
     * (multicast, unicast, unspecified) holds and, of local, anycast and unreachable, the
     * route lookup gives one.
     */
    bool addressTypeMatches(const Address &address, quint32 mask, const QString &limitDev = {}) const;
    /**
     * The source address the kernel picks on a device towards an address (of its family):
     * one on the same subnet first, then one of the destination's scope (a link-local
     * source for a link-local destination), then a global one. Null if none.
     */
    Address primaryAddress(const QString &dev, const Address &towards) const;
    /**
     * The address MASQUERADE takes, as the kernel's inet_select_addr(dev, nexthop,
     * RT_SCOPE_UNIVERSE): a global address of the device (one on the next hop's subnet
     * first); failing that (lo has only host-scope 127.0.0.1) the first global address of
     * any interface; a null nextHop means the destination is on the link. IPv6
     * (nf_nat_masquerade_ipv6) selects a source for the destination as selectSource6 does.
     * Null if none.
     */
    Address masqueradeSource(const QString &dev, const Address &dst, const Address &nextHop) const;
    /**
     * IPv6 source address selection as ipv6_dev_get_saddr does it (RFC 6724, the rules a
     * dump can decide): the destination itself if the node has it; a scope at least the
     * destination's, the smallest such; the outgoing device's addresses before others'; the
     * longest prefix shared with the destination. A link-local or multicast destination
     * takes only the device's addresses; others any interface's. Null if none.
     */
    Address selectSource6(const Address &dst, const QString &dev) const;

    struct Lookup
    {
        enum Result { Local, Forward, NoRoute, Blackhole, Unreachable, Prohibit };
        Result result = NoRoute;
        const Route *route = nullptr;
        QString dev;
        Address nextHop;       // gateway, or the destination on a connected subnet
        Address src;           // preferred source
        bool assumed = false;  // from AssumedRoutes: no addresses or routes were given
        int table = RouteTables::Main;          // the table that answered
        const RoutingRule *rule = nullptr;      // the ip rule that chose it (explicit rules only)
    };
    /** What the routing decision looks at besides the destination. */
    struct Query
    {
        Address dst;
        Address src;            // null when not chosen yet (a local packet's first lookup)
        QString inIface;        // empty when locally generated (rules see iif lo)
        quint32 mark = 0;
    };
    /**
     * As `ip route get`: the ip rules in priority order (from, to, iif, oif, fwmark/mask,
     * not), each lookup in its table (throw and suppress_prefixlength go on to the next
     * rule); without rules the kernel's defaults. Routes assumed from the rules ignore rules.
     */
    Lookup lookup(const Query &q) const;
    /** "via 10.1.0.1 dev eth1 table 100 (rule 100: fwmark 0x1 lookup 100)", for trace steps. */
    QString describe(const Lookup &l) const;
    /**
     * Longest prefix, then lowest metric; local addresses first, as the local table does.
     * `inIface`: where the packet arrived (empty when locally generated), which only the
     * assumed routes look at.
     */
    Lookup lookup(const Address &dst, const QString &inIface = {}) const;

private:
    /** Longest prefix, then lowest metric, in one table (the local table from the addresses). */
    Lookup lookupTable(int table, const Address &dst, int suppressPrefixLength, bool &found) const;
};

} // namespace chainscope
