#include "packet.h"

#include <QCoreApplication>

namespace chainscope {

namespace {
struct ProtoName
{
    std::string_view name;
    quint8 number;
};
// /etc/protocols' names for what rules commonly name, built in.
constexpr ProtoName kProtos[] = {
    {"all", 0}, {"icmp", 1}, {"igmp", 2}, {"ipencap", 4}, {"tcp", 6}, {"egp", 8}, {"udp", 17},
    {"ipv6", 41}, {"gre", 47}, {"esp", 50}, {"ah", 51}, {"ipv6-icmp", 58}, {"icmpv6", 58},
    {"ospf", 89}, {"pim", 103}, {"vrrp", 112}, {"l2tp", 115}, {"sctp", 132}, {"dccp", 33},
    {"udplite", 136}, {"mh", 135},
};
}

QString protoName(quint8 proto)
{
    for (const auto &p : kProtos) {
        if (p.number == proto)
            return QString::fromLatin1(p.name.data(), qsizetype(p.name.size()));
    }
    return QString::number(proto);
}

bool protoFromName(std::string_view name, quint8 &out)
{
    for (const auto &p : kProtos) {
        if (p.name == name) {
            out = p.number;
            return true;
        }
    }
    unsigned v = 0;
    if (name.empty() || name.size() > 3)
        return false;
    for (char c : name) {
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + unsigned(c - '0');
    }
    if (v > 255)
        return false;
    out = quint8(v);
    return true;
}

static QString tupleText(const Address &src, const Address &dst, quint8 proto, quint16 dport, quint8 icmpType)
{
    QString s = src.toString() + QLatin1String(" -> ") + dst.toString() + QLatin1Char(' ')
            + protoName(proto);
    if (proto == ProtoTcp || proto == ProtoUdp || proto == ProtoSctp || proto == ProtoDccp)
        s += QLatin1Char('/') + QString::number(dport);
    else if (proto == ProtoIcmp || proto == ProtoIcmpv6)
        s += QLatin1String(" type ") + QString::number(icmpType);
    return s;
}

QString PacketSpec::describe() const
{
    if (!src) {
        // The kernel picks the source from the route; say so instead of printing 0.0.0.0.
        QString s = tupleText(Address(), dst, proto, dport, icmpType);
        return QCoreApplication::translate("chainscope::PacketSpec", "(source from the route)")
                + s.mid(s.indexOf(QLatin1String(" -> ")));
    }
    return tupleText(*src, dst, proto, dport, icmpType);
}

QString PacketState::describe() const
{
    QString s = tupleText(src, dst, proto, dport, icmpType);
    if (!inIface.isEmpty())
        s += QLatin1String(" in ") + inIface;
    if (bridgeInfo && !physIn.isEmpty())
        s += QLatin1String(" (port ") + physIn + QLatin1Char(')');
    if (!outIface.isEmpty())
        s += QLatin1String(" out ") + outIface;
    if (bridgedOut && !physOut.isEmpty())
        s += QLatin1String(" (port ") + physOut + QLatin1Char(')');
    if (mark)
        s += QLatin1String(" mark 0x") + QString::number(mark, 16);
    return s;
}

} // namespace chainscope
