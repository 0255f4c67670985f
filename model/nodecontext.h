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
    int line = 0;           // where it was read
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
    /** The node's ipsets (`ipset save` / `ipset list`), for `-m set`. */
    Ipsets ipsets;
    /** Routing read from the rules, used when neither addresses nor routes were given. */
    AssumedRoutes assumed;
    bool routesAssumed() const { return assumed.active && !hasAddresses && !hasRoutes; }

    /** `ip -o addr`, `ip addr` or `ip -j addr`, detected from content. Appends diagnostics. */
    bool parseAddresses(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags);
    /** `ip route` or `ip -j route`. */
    bool parseRoutes(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags);

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
    };
    /**
     * Longest prefix, then lowest metric; local addresses first, as the local table does.
     * `inIface`: where the packet arrived (empty when locally generated), which only the
     * assumed routes look at.
     */
    Lookup lookup(quint32 dst, const QString &inIface = {}) const;
};

} // namespace chainscope
