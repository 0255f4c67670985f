#include "nftvalues.h"

#include "packet.h"

#include <array>

namespace chainscope::nft {

bool parseNumber(std::string_view s, quint64 &out)
{
    if (s.empty())
        return false;
    quint64 v = 0;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        for (size_t i = 2; i < s.size(); ++i) {
            const char c = s[i];
            int d;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
            else return false;
            v = v * 16 + quint64(d);
        }
        out = v;
        return true;
    }
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + quint64(c - '0');
    }
    out = v;
    return true;
}

namespace {

template<size_t N>
bool lookupName(const std::array<std::pair<std::string_view, quint64>, N> &table, std::string_view w, quint64 &out)
{
    for (const auto &[n, v] : table) {
        if (n == w) {
            out = v;
            return true;
        }
    }
    return false;
}

constexpr std::array<std::pair<std::string_view, quint64>, 5> kCtState{{
    {"invalid", CtBits::Invalid}, {"established", CtBits::Established}, {"related", CtBits::Related},
    {"new", CtBits::New}, {"untracked", CtBits::Untracked}}};
// ct status as Chainscope reads it: the CtStatusBits, then snat and dnat (from ctstate).
constexpr std::array<std::pair<std::string_view, quint64>, 7> kCtStatus{{
    {"expected", 1}, {"seen-reply", 2}, {"assured", 4}, {"confirmed", 8}, {"snat", 16}, {"dnat", 32}, {"dying", 64}}};
constexpr std::array<std::pair<std::string_view, quint64>, 8> kTcpFlags{{
    {"fin", 1}, {"syn", 2}, {"rst", 4}, {"psh", 8}, {"ack", 16}, {"urg", 32}, {"ecn", 64}, {"cwr", 128}}};
constexpr std::array<std::pair<std::string_view, quint64>, 14> kIcmp{{
    {"echo-reply", 0}, {"destination-unreachable", 3}, {"source-quench", 4}, {"redirect", 5},
    {"echo-request", 8}, {"router-advertisement", 9}, {"router-solicitation", 10}, {"time-exceeded", 11},
    {"parameter-problem", 12}, {"timestamp-request", 13}, {"timestamp-reply", 14}, {"info-request", 15},
    {"info-reply", 16}, {"address-mask-request", 17}}};
constexpr std::array<std::pair<std::string_view, quint64>, 16> kIcmp6{{
    {"destination-unreachable", 1}, {"packet-too-big", 2}, {"time-exceeded", 3}, {"parameter-problem", 4},
    {"echo-request", 128}, {"echo-reply", 129}, {"mld-listener-query", 130}, {"mld-listener-report", 131},
    {"mld-listener-done", 132}, {"mld-listener-reduction", 132}, {"nd-router-solicit", 133},
    {"nd-router-advert", 134}, {"nd-neighbor-solicit", 135}, {"nd-neighbor-advert", 136}, {"nd-redirect", 137},
    {"mld2-listener-report", 143}}};
constexpr std::array<std::pair<std::string_view, quint64>, 5> kPkt{{
    {"host", 0}, {"unicast", 0}, {"broadcast", 1}, {"multicast", 2}, {"other", 3}}};
constexpr std::array<std::pair<std::string_view, quint64>, 4> kNfProto{{
    {"ipv4", 2}, {"ipv6", 10}, {"arp", 3}, {"bridge", 7}}};
constexpr std::array<std::pair<std::string_view, quint64>, 10> kAddrType{{
    {"unspec", AddrType::Unspec}, {"unicast", AddrType::Unicast}, {"local", AddrType::Local},
    {"broadcast", AddrType::Broadcast}, {"anycast", AddrType::Anycast}, {"multicast", AddrType::Multicast},
    {"blackhole", AddrType::Blackhole}, {"unreachable", AddrType::Unreachable}, {"prohibit", AddrType::Prohibit},
    {"nat", AddrType::Nat}}};
constexpr std::array<std::pair<std::string_view, quint64>, 2> kCtDir{{{"original", 0}, {"reply", 1}}};
constexpr std::array<std::pair<std::string_view, quint64>, 12> kServices{{
    {"ssh", 22}, {"http", 80}, {"https", 443}, {"domain", 53}, {"smtp", 25}, {"ntp", 123}, {"bootps", 67},
    {"bootpc", 68}, {"dhcpv6-client", 546}, {"dhcpv6-server", 547}, {"mdns", 5353}, {"telnet", 23}}};

} // namespace

bool flagFromName(ValType type, std::string_view w, quint64 &out)
{
    switch (type) {
    case ValType::CtState: return lookupName(kCtState, w, out);
    case ValType::CtStatus: return lookupName(kCtStatus, w, out);
    case ValType::TcpFlags: return lookupName(kTcpFlags, w, out);
    default: return false;
    }
}

bool typeFromName(std::string_view n, ValType &out)
{
    static constexpr std::pair<std::string_view, ValType> names[] = {
        {"ipv4_addr", ValType::Ipv4}, {"ipv6_addr", ValType::Ipv6}, {"inet_proto", ValType::Proto},
        {"inet_service", ValType::Service}, {"ifname", ValType::IfName}, {"iface_index", ValType::IfName},
        {"mark", ValType::Mark}, {"ct_state", ValType::CtState}, {"ct_status", ValType::CtStatus},
        {"verdict", ValType::Verdict}, {"integer", ValType::Int}, {"icmp_type", ValType::IcmpType},
        {"icmpv6_type", ValType::Icmpv6Type}, {"pkttype", ValType::PktType}, {"nf_proto", ValType::NfProto},
        {"fib_addrtype", ValType::AddrType}, {"tcp_flag", ValType::TcpFlags}, {"ct_dir", ValType::CtDir}};
    for (const auto &[k, v] : names) {
        if (k == n) {
            out = v;
            return true;
        }
    }
    out = ValType::Opaque;
    return false;
}

Field fieldFromWords(const std::string_view *w, int n, int &used)
{
    used = 0;
    if (n <= 0)
        return Field::None;
    const std::string_view a = w[0];
    const std::string_view b = n > 1 ? w[1] : std::string_view();
    const auto two = [&](Field f) { used = 2; return f; };
    if (a == "ip") {
        if (b == "saddr") return two(Field::IpSaddr);
        if (b == "daddr") return two(Field::IpDaddr);
        if (b == "protocol") return two(Field::IpProtocol);
        if (b == "length") return two(Field::IpLength);
        if (b == "ttl") return two(Field::IpTtl);
        return n > 1 ? two(Field::Unknown) : Field::None;
    }
    if (a == "ip6") {
        if (b == "saddr") return two(Field::Ip6Saddr);
        if (b == "daddr") return two(Field::Ip6Daddr);
        if (b == "nexthdr") return two(Field::Ip6Nexthdr);
        if (b == "hoplimit") return two(Field::Ip6Hoplimit);
        return n > 1 ? two(Field::Unknown) : Field::None;
    }
    if (a == "tcp" || a == "udp" || a == "th" || a == "sctp" || a == "udplite" || a == "dccp") {
        const bool tcp = a == "tcp", udp = a == "udp" || a == "udplite", th = a == "th" || a == "dccp";
        if (b == "dport") return two(tcp ? Field::TcpDport : udp ? Field::UdpDport : th ? Field::ThDport : Field::SctpDport);
        if (b == "sport") return two(tcp ? Field::TcpSport : udp ? Field::UdpSport : th ? Field::ThSport : Field::SctpSport);
        if (tcp && b == "flags") return two(Field::TcpFlags);
        return n > 1 && (b == "length" || b == "checksum" || b == "window" || b == "sequence" || b == "urgptr"
                         || b == "ackseq" || b == "doff" || b == "vtag")
                ? two(Field::Unknown) : Field::None;
    }
    if (a == "icmp" || a == "icmpv6") {
        const bool v6 = a == "icmpv6";
        if (b == "type") return two(v6 ? Field::Icmpv6Type : Field::IcmpType);
        if (b == "code") return two(v6 ? Field::Icmpv6Code : Field::IcmpCode);
        return n > 1 && (b == "id" || b == "sequence" || b == "mtu" || b == "checksum") ? two(Field::Unknown) : Field::None;
    }
    const auto metaKey = [](std::string_view k) {
        if (k == "iifname") return Field::MetaIifname;
        if (k == "oifname") return Field::MetaOifname;
        if (k == "iif") return Field::MetaIif;
        if (k == "oif") return Field::MetaOif;
        if (k == "l4proto") return Field::MetaL4proto;
        if (k == "nfproto") return Field::MetaNfproto;
        if (k == "mark") return Field::MetaMark;
        if (k == "pkttype") return Field::MetaPkttype;
        if (k == "protocol") return Field::MetaProtocol;
        if (k == "length") return Field::MetaLength;
        if (k == "skuid") return Field::MetaSkuid;
        if (k == "iiftype" || k == "oiftype" || k == "skgid" || k == "cpu" || k == "cgroup" || k == "priority"
            || k == "nftrace" || k == "rtclassid" || k == "iifgroup" || k == "oifgroup" || k == "ibrname"
            || k == "obrname" || k == "ibriport" || k == "obriport" || k == "secmark" || k == "random"
            || k == "ipsec" || k == "iifkind" || k == "oifkind" || k == "time" || k == "day" || k == "hour"
            || k == "sdif" || k == "sdifname" || k == "broute")
            return Field::Unknown;
        return Field::None;
    };
    if (a == "meta") {
        const Field f = metaKey(b);
        if (f != Field::None)
            used = 2;
        return f;
    }
    if (a == "iifname" || a == "oifname" || a == "iif" || a == "oif" || a == "mark" || a == "skuid" || a == "skgid"
        || a == "iiftype" || a == "oiftype" || a == "pkttype" || a == "cpu" || a == "cgroup" || a == "l4proto"
        || a == "nfproto" || a == "priority" || a == "nftrace") {
        const Field f = metaKey(a);
        if (f != Field::None)
            used = 1;
        return f;
    }
    if (a == "ct") {
        int i = 1;
        bool reply = false, dirGiven = false;
        if (b == "original" || b == "reply") {
            reply = b == "reply";
            dirGiven = true;
            ++i;
        }
        if (i >= n)
            return Field::None;
        std::string_view k = w[i];
        if ((k == "ip" || k == "ip6") && i + 1 < n) {
            ++i;
            k = w[i];
        }
        used = i + 1;
        if (k == "state") return Field::CtState;
        if (k == "status") return Field::CtStatus;
        if (k == "mark") return Field::CtMark;
        if (k == "direction") return Field::CtDirection;
        if (k == "saddr") return reply ? Field::CtReplySaddr : Field::CtOrigSaddr;
        if (k == "daddr") return reply ? Field::CtReplyDaddr : Field::CtOrigDaddr;
        if (k == "proto-src" && !reply) return Field::CtOrigProtoSrc;
        if (k == "proto-dst" && !reply) return Field::CtOrigProtoDst;
        (void)dirGiven;
        if (k == "expiration" || k == "helper" || k == "zone" || k == "label" || k == "l3proto" || k == "protocol"
            || k == "proto-src" || k == "proto-dst" || k == "bytes" || k == "packets" || k == "avgpkt" || k == "event"
            || k == "id" || k == "count" || k == "secmark")
            return Field::Unknown;
        used = 0;
        return Field::None;
    }
    return Field::None;
}

bool parseValue(ValType type, std::string_view t, Value &out)
{
    out = Value();
    if (t.empty())
        return false;
    if (t.size() >= 2 && t.front() == '"' && t.back() == '"')
        t = t.substr(1, t.size() - 2);
    switch (type) {
    case ValType::Ipv4:
    case ValType::Ipv6: {
        const chainscope::Family fam = type == ValType::Ipv4 ? chainscope::Family::Ipv4 : chainscope::Family::Ipv6;
        if (const size_t slash = t.find('/'); slash != std::string_view::npos) {
            Address a, m;
            if (!parsePrefix(t, fam, a, m))
                return false;
            out.lo = Val::addr(a & m);
            out.hi = Val::addr((a & m) | ~m);
            out.range = out.prefix = true;
            return true;
        }
        if (const size_t dash = t.find('-'); dash != std::string_view::npos) {
            const auto a = Address::parse(t.substr(0, dash), fam);
            const auto b = Address::parse(t.substr(dash + 1), fam);
            if (!a || !b)
                return false;
            out.lo = Val::addr(*a);
            out.hi = Val::addr(*b);
            out.range = true;
            return true;
        }
        const auto a = Address::parse(t, fam);
        if (!a)
            return false;
        out.lo = out.hi = Val::addr(*a);
        return true;
    }
    case ValType::IfName: {
        if (!t.empty() && t.back() == '*' && t.size() <= 16) {
            const std::string_view stem = t.substr(0, t.size() - 1);
            out.lo = Val::name(stem);
            // every byte after the stem may be anything: fill with 0xff
            unsigned char b[16];
            for (int i = 0; i < 16; ++i)
                b[i] = i < int(stem.size()) ? static_cast<unsigned char>(stem[size_t(i)]) : 0xff;
            Val h;
            for (int i = 0; i < 8; ++i)
                h.hi = (h.hi << 8) | b[i];
            for (int i = 8; i < 16; ++i)
                h.lo = (h.lo << 8) | b[i];
            out.hi = h;
            out.range = out.wildcard = true;
            return true;
        }
        if (t.size() > 16)
            return false;
        out.lo = out.hi = Val::name(t);
        return true;
    }
    case ValType::Proto: {
        quint64 n;
        if (parseNumber(t, n)) {
            out.lo = out.hi = Val::num(n);
            return n < 256;
        }
        quint8 p;
        if (t == "icmpv6") {
            out.lo = out.hi = Val::num(58);
            return true;
        }
        if (!protoFromName(t, p))
            return false;
        out.lo = out.hi = Val::num(p);
        return true;
    }
    default:
        break;
    }
    // Numbers, names, and ranges of them.
    const auto one = [&](std::string_view w, quint64 &v) {
        if (parseNumber(w, v))
            return true;
        switch (type) {
        case ValType::Service: return lookupName(kServices, w, v);
        case ValType::CtState: return lookupName(kCtState, w, v);
        case ValType::CtStatus: return lookupName(kCtStatus, w, v);
        case ValType::TcpFlags: return lookupName(kTcpFlags, w, v);
        case ValType::IcmpType: return lookupName(kIcmp, w, v);
        case ValType::Icmpv6Type: return lookupName(kIcmp6, w, v);
        case ValType::PktType: return lookupName(kPkt, w, v);
        case ValType::NfProto: return lookupName(kNfProto, w, v);
        case ValType::AddrType: return lookupName(kAddrType, w, v);
        case ValType::CtDir: return lookupName(kCtDir, w, v);
        default: return false;
        }
    };
    quint64 v;
    if (one(t, v)) {
        out.lo = out.hi = Val::num(v);
        return true;
    }
    if (const size_t dash = t.find('-'); dash != std::string_view::npos && dash > 0) {
        quint64 a, b;
        if (one(t.substr(0, dash), a) && one(t.substr(dash + 1), b)) {
            out.lo = Val::num(a);
            out.hi = Val::num(b);
            out.range = true;
            return true;
        }
    }
    return false;
}

} // namespace chainscope::nft
