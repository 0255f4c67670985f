#pragma once

#include "address.h"

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace chainscope {

enum : quint8 { ProtoIcmp = 1, ProtoTcp = 6, ProtoUdp = 17, ProtoSctp = 132, ProtoDccp = 33, ProtoIcmpv6 = 58 };

/** What the user asks to trace. Unset fields are chosen as the kernel would. */
struct PacketSpec
{
    QString fromNode;
    QString inIface;            // empty: locally generated on fromNode
    std::optional<Address> src;
    Address dst;                // its family is the packet's: an IPv6 packet meets ip6tables
    quint8 proto = ProtoTcp;
    quint16 sport = 40000;
    quint16 dport = 0;
    quint8 icmpType = 8;
    quint8 icmpCode = 0;
    quint8 tcpFlags = 0x02;     // SYN
    quint32 ctstate = 8;        // CtBits::New
    quint32 mark = 0;
    quint32 length = 0;         // 0: the family's default, 60 bytes (IPv4) or 80 (IPv6: the same TCP SYN behind a 40-byte header)
    std::optional<quint32> uid;
    /**
     * xt_recent lists that already hold the client (the packet's source): kube-proxy's
     * session affinity to the endpoint whose KUBE-SEP chain names the list. Empty: a new
     * client, for which `--rcheck` finds nothing and `--set` records it.
     */
    QStringList affinity;

    Family family() const { return dst.family(); }
    QString describe() const;   // "10.224.0.0 -> 10.224.2.16 tcp/80"
};

/** An entry of an xt_recent list the trace knows of: the client's affinity, or a --set on its way. */
struct RecentEntry
{
    QString list;
    Address address;
    int node = -1;          // the node whose list it is; -1: the client's affinity, on every node
    bool affinity = false;  // given by the user: how many hits and which TTL it has are not known
};

/** The packet as it is at one point of the trace. */
struct PacketState
{
    Address src, dst;
    quint16 sport = 0, dport = 0;
    quint8 proto = 0;
    quint8 icmpType = 0, icmpCode = 0;
    quint8 tcpFlags = 0;
    quint32 length = 0;
    quint32 mark = 0;
    quint32 ctmark = 0;
    quint32 ctstate = 0;
    quint32 ctstatus = 0;
    quint8 pktType = 0;                 // link layer on arrival: 0 unicast, 1 broadcast, 2 multicast
    bool tracked = false;               // has a conntrack entry (false in raw, before the
                                        // conntrack hook, and when nothing enables conntrack)
    Address origSrc, origDst;           // conntrack original tuple on this node
    quint16 origSport = 0, origDport = 0;
    QString inIface, outIface;
    /**
     * br_netfilter's view, for `-m physdev`: `bridgeInfo` when the packet came in through a
     * port of a bridge and br_netfilter called iptables for it; `physIn` that port (empty:
     * one of the bridge's ports, which one not known). `bridgedOut` when it is bridged
     * out again rather than routed; `physOut` the port (empty: one of the bridge's other ports).
     */
    bool bridgeInfo = false;
    bool bridgedOut = false;
    QString physIn, physOut;
    std::optional<quint32> uid;
    std::vector<RecentEntry> recent;    // xt_recent entries for this packet's trace

    bool sameTuple(const PacketState &o) const
    {
        return src == o.src && dst == o.dst && sport == o.sport && dport == o.dport
                && mark == o.mark && inIface == o.inIface && outIface == o.outIface;
    }
    Family family() const { return dst.family(); }
    QString describe() const;
};

QString protoName(quint8 proto);
/** "tcp", "6", "all" (0); false on unknown names. Table built in, like /etc/protocols. */
bool protoFromName(std::string_view name, quint8 &out);

} // namespace chainscope
