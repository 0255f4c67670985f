#pragma once

#include "assumedroutes.h"
#include "bridges.h"
#include "diagnostic.h"
#include "ipset.h"
#include "sysctls.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <vector>

namespace chainscope {

struct InterfaceAddress
{
    quint32 address = 0;
    int prefixLength = 32;
    quint32 broadcast = 0;  // 0 when none
    QString scope;          // "global", "link", "host"
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
    quint32 dst = 0;
    int prefixLength = 0;
    quint32 gateway = 0;
    bool hasGateway = false;
    QString dev;
    quint32 src = 0;
    bool hasSrc = false;
    int metric = 0;
    bool onlink = false;
    bool linkdown = false;
    int table = 254;        // routing table id (RouteTables); 254 is main
    int line = 0;           // where it was read
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
    quint32 from = 0;
    int fromLength = 0;         // 0: from all
    quint32 to = 0;
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
     * `ip rule`, sorted by priority. Empty: the kernel's defaults (local, main, default),
     * which is what a node without an ip rule file gets.
     */
    std::vector<RoutingRule> ipRules;
    bool hasIpRules = false;
    /** Names of the named tables (id - RouteTables::kNamedBase indexes it). */
    std::vector<QString> tableNames;
    /** The node's ipsets (`ipset save` / `ipset list`), for `-m set`. */
    Ipsets ipsets;
    /** Routing read from the rules, used when neither addresses nor routes were given. */
    AssumedRoutes assumed;
    bool routesAssumed() const { return assumed.active && !hasAddresses && !hasRoutes; }

    /** `ip -o addr`, `ip addr` or `ip -j addr`, detected from content. Appends diagnostics. */
    bool parseAddresses(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags);
    /** `ip route` or `ip -j route`, including `show table all` (each route keeps its table). */
    bool parseRoutes(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags);
    /**
     * `ip rule show` (prompts and blank lines tolerated) or `ip -j rule`. Rules the engine
     * cannot model are kept and never match, with a warning.
     */
    bool parseIpRules(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags);
    /** Table id of a name as `ip` prints it ("local", "main", "100", "cali"); adds names. */
    int tableId(const QString &name);
    /** "main", "100", "cali": a table id as `ip` prints it. */
    QString tableName(int id) const;

    const Interface *interface(const QString &name) const;
    /** Interface holding this address, or nullptr. */
    const Interface *owner(quint32 address) const;
    bool isLocal(quint32 address) const;
    /** addrtype bits (AddrType) of an address as the kernel's local and main tables see it. */
    quint32 addressType(quint32 address, const QString &limitDev = {}) const;
    /** Primary address of a device for source selection (0 if none). */
    quint32 primaryAddress(const QString &dev, quint32 towards = 0) const;
    /**
     * The address MASQUERADE takes, as the kernel's inet_select_addr(dev, nexthop,
     * RT_SCOPE_UNIVERSE): a global address of the device (one on the next hop's subnet
     * first); failing that (lo has only host-scope 127.0.0.1) the first global address of
     * any interface. 0 if there is none.
     */
    quint32 masqueradeSource(const QString &dev, quint32 nextHop) const;

    struct Lookup
    {
        enum Result { Local, Forward, NoRoute, Blackhole, Unreachable, Prohibit };
        Result result = NoRoute;
        const Route *route = nullptr;
        QString dev;
        quint32 nextHop = 0;   // gateway, or the destination on a connected subnet
        quint32 src = 0;       // preferred source
        bool assumed = false;  // from AssumedRoutes: no addresses or routes were given
        int table = RouteTables::Main;          // the table that answered
        const RoutingRule *rule = nullptr;      // the ip rule that chose it (explicit rules only)
    };
    /** What the routing decision looks at besides the destination. */
    struct Query
    {
        quint32 dst = 0;
        quint32 src = 0;        // 0 when not chosen yet (a local packet's first lookup)
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
    Lookup lookup(quint32 dst, const QString &inIface = {}) const;

private:
    /** Longest prefix, then lowest metric, in one table (the local table from the addresses). */
    Lookup lookupTable(int table, quint32 dst, int suppressPrefixLength, bool &found) const;
};

} // namespace chainscope
