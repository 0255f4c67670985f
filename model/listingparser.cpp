#include "listingparser.h"
#include "text.h"

#include "dumpparser.h"
#include "packet.h"
#include "ruleparser.h"
#include "pastescanner.h"
#include "services.h"
#include "tableevidence.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <set>
#include <unordered_map>

namespace chainscope {

namespace {

using text::q;

using text::trimmed;

struct Row
{
    Rule rule;
    int line = 0;
    int targetColumn = 0;   // 1-based column of the target name, 0 when there is none
    bool isGoto = false;
};

struct Block
{
    std::string_view name;
    int line = 0;
    bool hasPolicy = false;
    bool policyDrop = false;
    quint64 policyPackets = 0, policyBytes = 0;
    std::optional<TableId> hint;
    int hintLine = 0;
    std::vector<Row> rows;
};

/** Splits on blanks, remembering where each word starts. */
struct Words
{
    std::string_view text;
    size_t pos = 0;
    bool next(std::string_view &w)
    {
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t'))
            ++pos;
        if (pos >= text.size())
            return false;
        const size_t start = pos;
        while (pos < text.size() && text[pos] != ' ' && text[pos] != '\t')
            ++pos;
        w = text.substr(start, pos - start);
        return true;
    }
    bool peek(std::string_view &w)
    {
        const size_t save = pos;
        const bool ok = next(w);
        pos = save;
        return ok;
    }
};

bool parseNum(std::string_view s, quint32 &v, int base = 10)
{
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s.remove_prefix(2);
        base = 16;
    }
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
    return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

bool isOpt(std::string_view s)
{
    return s == "--" || s == "-f" || s == "!f";
}

class RowParser
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::ListingParser)
public:
    RowParser(Ruleset &rs, std::vector<Diagnostic> &diags, const QString &path, Family family, bool watchIpv6)
        : m_rs(rs), m_diags(diags), m_path(path), m_family(family), m_watchIpv6(watchIpv6)
    {}

    /** False when the line is not a rule row at all (noise). */
    bool parse(std::string_view line, int lineNo, bool verbose, bool numbered, Row &row);
    /** A row whose address showed IPv6, or 0. */
    int ipv6Line() const { return m_ipv6Line; }

private:
    void warn(int lineNo, std::string_view line, std::string_view at, const QString &msg)
    {
        m_diags.push_back({Diagnostic::Warning, m_path, lineNo, int(at.data() - line.data()) + 1, msg});
    }
    bool address(Rule &rule, Criterion::Kind kind, std::string_view w, int lineNo, std::string_view line);
    void iface(Rule &rule, Criterion::Kind kind, std::string_view w);
    bool extensions(Row &row, std::string_view rest, int lineNo, std::string_view line);

    Ruleset &m_rs;
    std::vector<Diagnostic> &m_diags;
    QString m_path;
    Family m_family;
    bool m_watchIpv6;         // an IPv4 reading that may turn out to be ip6tables output
    int m_ipv6Line = 0;
};

bool RowParser::address(Rule &rule, Criterion::Kind kind, std::string_view w, int lineNo, std::string_view line)
{
    Criterion c;
    c.kind = kind;
    if (!w.empty() && w.front() == '!') {
        c.neg = true;
        w.remove_prefix(1);
    }
    if (w == "anywhere" || w == (m_family == Family::Ipv4 ? "0.0.0.0/0" : "::/0"))
        return true;
    c.text = w;
    Address addr, mask;
    if (!parsePrefix(w, m_family, addr, mask)) {
        if (w == "localhost" || w.starts_with("localhost/")) {
            parsePrefix(m_family == Family::Ipv4 ? "127.0.0.1" : "::1", m_family, addr, mask);
        } else if (m_watchIpv6 && w.find(':') != std::string_view::npos) {
            m_ipv6Line = lineNo;   // "::/0", "fe80::/64": ip6tables output
            return false;
        } else {
            // A host name resolved by the machine that printed it: kept, undecidable here.
            c.kind = Criterion::Unknown;
            warn(lineNo, line, w, tr("\"%1\" is a host name; list with -n so addresses are numeric").arg(q(w)));
        }
    }
    if (c.kind != Criterion::Unknown)
        m_rs.setAddresses(c, addr, mask);
    rule.criteria.push_back(c);
    return true;
}

void RowParser::iface(Rule &rule, Criterion::Kind kind, std::string_view w)
{
    Criterion c;
    c.kind = kind;
    if (!w.empty() && w.front() == '!') {
        c.neg = true;
        w.remove_prefix(1);
    }
    if (w == "*" || w == "any" || (w == "+" && !c.neg))
        return;
    c.c = !w.empty() && w.back() == '+';
    c.text = c.c ? w.substr(0, w.size() - 1) : w;
    rule.criteria.push_back(c);
}

bool RowParser::parse(std::string_view line, int lineNo, bool verbose, bool numbered, Row &row)
{
    // Columns: [num] [pkts bytes] [target] prot opt [in out] source destination [extensions].
    // The target column is blank for a rule without -j, so the words are read one by one
    // and the opt column ("--", "-f", "!f") tells where the target was.
    Words words{line};
    Rule &rule = row.rule;
    std::string_view w;
    if (numbered) {
        quint32 num = 0;
        if (!words.next(w) || !parseNum(w, num))
            return false;
    }
    if (verbose) {
        std::string_view pk, by;
        if (!words.next(pk) || !words.next(by) || !ListingParser::parseCount(pk, rule.packets)
            || !ListingParser::parseCount(by, rule.bytes))
            return false;
    }
    std::string_view first, second, target, prot, opt;
    if (!words.next(first) || !words.next(second))
        return false;
    if (isOpt(second)) {
        prot = first;
        opt = second;
    } else {
        target = first;
        prot = second;
        std::string_view peek;
        if (m_family == Family::Ipv6 && words.peek(peek) && !isOpt(peek)) {
            opt = "--";   // ip6tables-legacy leaves the opt column blank
        } else if (!words.next(opt) || !isOpt(opt)) {
            return false;
        }
    }
    std::string_view in, out, src, dst;
    if (verbose && (!words.next(in) || !words.next(out)))
        return false;
    if (!words.next(src) || !words.next(dst))
        return false;
    const size_t endOfColumns = words.pos;
    bool protNeg = false;
    if (!prot.empty() && prot.front() == '!') {
        protNeg = true;
        prot.remove_prefix(1);
    }
    quint8 proto = 0;
    if (!RuleParser::parseProtocol(prot, proto))
        return false;
    if (verbose) {
        iface(rule, Criterion::InIface, in);
        iface(rule, Criterion::OutIface, out);
    }
    if (!address(rule, Criterion::Src, src, lineNo, line) || !address(rule, Criterion::Dst, dst, lineNo, line))
        return false;
    // kernel order: src, dst, in, out, proto, frag
    std::stable_sort(rule.criteria.begin(), rule.criteria.end(), [](const Criterion &a, const Criterion &b) {
        return int(a.kind) < int(b.kind);
    });
    if (proto != 0) {
        Criterion c;
        c.kind = Criterion::Proto;
        c.neg = protNeg;
        c.a = proto;
        c.text = prot;
        rule.criteria.push_back(c);
    }
    if (opt != "--") {
        Criterion c;
        c.kind = Criterion::Fragment;
        c.neg = opt == "!f";
        rule.criteria.push_back(c);
    }
    rule.target.name = target;
    if (!target.empty())
        row.targetColumn = int(target.data() - line.data()) + 1;
    if (!target.empty()) {
        struct { std::string_view name; Target::Kind kind; } static const known[] = {
            {"ACCEPT", Target::Accept}, {"DROP", Target::Drop}, {"REJECT", Target::Reject},
            {"RETURN", Target::Return}, {"QUEUE", Target::Queue}, {"NFQUEUE", Target::Queue},
            {"LOG", Target::Log}, {"NFLOG", Target::Nflog}, {"TRACE", Target::TraceTarget},
            {"MARK", Target::Mark}, {"CONNMARK", Target::ConnMark}, {"DNAT", Target::Dnat},
            {"SNAT", Target::Snat}, {"MASQUERADE", Target::Masquerade}, {"REDIRECT", Target::Redirect},
            {"NETMAP", Target::Netmap}, {"CT", Target::Ct}, {"NOTRACK", Target::Notrack},
            {"TCPMSS", Target::Continue}, {"CLASSIFY", Target::Continue}, {"DSCP", Target::Continue},
            {"TOS", Target::Continue}, {"TTL", Target::Continue}, {"CHECKSUM", Target::Continue},
        };
        rule.target.kind = Target::Jump;
        for (const auto &k : known) {
            if (k.name == target)
                rule.target.kind = k.kind;
        }
    }
    const std::string_view rest = trimmed(line.substr(std::min(endOfColumns, line.size())));
    return extensions(row, rest, lineNo, line);
}

bool RowParser::extensions(Row &row, std::string_view rest, int lineNo, std::string_view line)
{
    Rule &rule = row.rule;
    Target &tg = rule.target;
    Words words{rest};
    std::string_view w;
    bool neg = false;
    quint8 proto = 0;
    for (const auto &c : rule.criteria) {
        if (c.kind == Criterion::Proto)
            proto = quint8(c.a);
    }
    auto add = [&](Criterion::Kind k, std::string_view module, std::string_view text) -> Criterion & {
        Criterion c;
        c.kind = k;
        c.neg = neg;
        neg = false;
        c.module = module.empty() ? 0 : m_rs.moduleIndex(module);
        c.text = text;
        rule.criteria.push_back(c);
        return rule.criteria.back();
    };
    auto portRange = [&](std::string_view s, quint32 &lo, quint32 &hi) {
        auto one = [&](std::string_view p, quint32 &v) {
            if (parseNum(p, v))
                return v <= 65535;
            const auto sp = serviceToPort(p, proto == ProtoUdp);
            if (!sp)
                return false;
            v = *sp;
            return true;
        };
        const auto colon = s.find(':');
        if (colon == std::string_view::npos) {
            if (!one(s, lo))
                return false;
            hi = lo;
            return true;
        }
        return one(s.substr(0, colon), lo) && one(s.substr(colon + 1), hi);
    };
    auto unknownFrom = [&](std::string_view from) {
        const std::string_view text = trimmed(rest.substr(size_t(from.data() - rest.data())));
        if (text.empty())
            return;
        if (tg.kind == Target::Unknown || (tg.kind == Target::Jump && !tg.name.empty() && false)) {
            tg.args = text;
            return;
        }
        add(Criterion::Unknown, {}, text);
        warn(lineNo, line, text, tr("\"%1\" is kept but not understood; traces through this rule are uncertain")
                                         .arg(q(text.substr(0, 60))));
        // Grouped by the extension's first word ("recent:", "match-set"), as `parse` counts them.
        std::string_view first = text.substr(0, text.find_first_of(" \t"));
        if (first.size() > 1 && first.back() == ':')
            first.remove_suffix(1);
        m_diags.back().kind = QStringLiteral("listing-kept");
        m_diags.back().subject = q(first);
        words.pos = rest.size();
    };
    while (words.next(w)) {
        const std::string_view start = w;
        if (w == "!") {
            neg = !neg;
            continue;
        }
        if (w.starts_with("/*")) {
            const size_t from = size_t(w.data() - rest.data());
            const size_t end = rest.find("*/", from + 2);
            if (end == std::string_view::npos) {
                unknownFrom(start);
                break;
            }
            add(Criterion::Comment, "comment", trimmed(rest.substr(from + 2, end - from - 2)));
            words.pos = end + 2;
            continue;
        }
        if (w == "[goto]") {
            row.isGoto = true;
            continue;
        }
        if (w == "tcp" || w == "udp" || w == "sctp" || w == "dccp") {
            const std::string_view module = w;
            std::string_view a;
            while (words.peek(a)) {
                bool inv = false;
                std::string_view v;
                auto opt = [&](std::string_view prefix) {
                    if (!a.starts_with(prefix))
                        return false;
                    v = a.substr(prefix.size());
                    if (!v.empty() && v.front() == '!') {
                        inv = true;
                        v.remove_prefix(1);
                    }
                    return true;
                };
                Criterion::Kind kind;
                if (opt("spt:") || opt("spts:")) kind = Criterion::SrcPort;
                else if (opt("dpt:") || opt("dpts:")) kind = Criterion::DstPort;
                else if (opt("flags:")) kind = Criterion::TcpFlags;
                else if (opt("option=")) kind = Criterion::TcpOption;
                else break;
                words.next(a);
                neg = inv;
                Criterion &c = add(kind, module, v);
                if (kind == Criterion::TcpFlags) {
                    const auto slash = v.find('/');
                    auto flags = [](std::string_view s, quint32 &out) {
                        if (s.starts_with("0x"))
                            return parseNum(s, out);
                        out = 0;
                        while (!s.empty()) {
                            const auto comma = s.find(',');
                            const std::string_view f = s.substr(0, comma);
                            if (f == "FIN") out |= 1; else if (f == "SYN") out |= 2; else if (f == "RST") out |= 4;
                            else if (f == "PSH") out |= 8; else if (f == "ACK") out |= 16; else if (f == "URG") out |= 32;
                            else if (f == "ALL") out |= 63; else if (f != "NONE") return false;
                            if (comma == std::string_view::npos) break;
                            s.remove_prefix(comma + 1);
                        }
                        return true;
                    };
                    if (slash == std::string_view::npos || !flags(v.substr(0, slash), c.a) || !flags(v.substr(slash + 1), c.b))
                        c.kind = Criterion::Unknown;
                } else if (kind == Criterion::TcpOption) {
                    if (!parseNum(v, c.a))
                        c.kind = Criterion::Unknown;
                } else if (!portRange(v, c.a, c.b)) {
                    c.kind = Criterion::Unknown;
                }
            }
            continue;
        }
        if (w == "icmptype" || w == "icmp" || w == "ipv6-icmptype") {
            std::string_view v;
            if (!words.next(v)) {
                unknownFrom(start);
                break;
            }
            if (v == "!") {
                neg = !neg;
                words.next(v);
            }
            if (w == "icmp" && v == "type") {   // "icmp type 8" from some versions
                words.next(v);
            }
            Criterion &c = add(Criterion::IcmpType, w == "ipv6-icmptype" ? "icmp6" : "icmp", v);
            c.b = 0;
            c.c = 255;
            if (v == "any") {
                c.a = 255;
            } else if (!parseNum(v, c.a)) {
                // names as iptables prints them without -n
                static const struct { std::string_view n; quint8 t, lo, hi; } names[] = {
                    {"echo-reply", 0, 0, 255}, {"destination-unreachable", 3, 0, 255},
                    {"port-unreachable", 3, 3, 3}, {"host-unreachable", 3, 1, 1},
                    {"network-unreachable", 3, 0, 0}, {"fragmentation-needed", 3, 4, 4},
                    {"source-quench", 4, 0, 255}, {"redirect", 5, 0, 255}, {"echo-request", 8, 0, 255},
                    {"time-exceeded", 11, 0, 255}, {"parameter-problem", 12, 0, 255},
                    {"timestamp-request", 13, 0, 255}, {"timestamp-reply", 14, 0, 255}};
                bool found = false;
                for (const auto &e : names) {
                    if (e.n == v) {
                        c.a = e.t; c.b = e.lo; c.c = e.hi;
                        found = true;
                    }
                }
                if (!found)
                    c.kind = Criterion::Unknown;
            }
            std::string_view a;
            if (words.peek(a) && (a == "code" || a == "codes")) {
                words.next(a);
                std::string_view v2;
                words.next(v2);
                const auto dash = v2.find('-');
                quint32 lo = 0, hi = 0;
                if (parseNum(v2.substr(0, dash), lo)) {
                    hi = lo;
                    if (dash != std::string_view::npos)
                        parseNum(v2.substr(dash + 1), hi);
                    c.b = lo;
                    c.c = quint8(hi);
                }
            }
            continue;
        }
        if (w == "multiport") {
            std::string_view kindWord, list;
            words.next(kindWord);
            if (!words.next(list)) {
                unknownFrom(start);
                break;
            }
            if (list == "!") {
                neg = !neg;
                words.next(list);
            }
            const Criterion::Kind kind = kindWord == "sports" ? Criterion::MultiSrcPorts
                    : kindWord == "dports" ? Criterion::MultiDstPorts : Criterion::MultiPorts;
            Criterion &c = add(kind, "multiport", list);
            c.a = quint32(rule.values.size());
            std::string_view l = list;
            while (!l.empty()) {
                const auto comma = l.find(',');
                quint32 lo = 0, hi = 0;
                if (!portRange(l.substr(0, comma), lo, hi)) {
                    c.kind = Criterion::Unknown;
                    break;
                }
                rule.values.push_back(lo << 16 | hi);
                if (comma == std::string_view::npos)
                    break;
                l.remove_prefix(comma + 1);
            }
            c.b = quint32(rule.values.size()) - c.a;
            continue;
        }
        if (w == "ctstate" || w == "state") {
            std::string_view v;
            words.next(v);
            Criterion &c = add(Criterion::CtState, w == "state" ? "state" : "conntrack", v);
            quint32 bits = 0;
            for (std::string_view l = v; !l.empty();) {
                const auto comma = l.find(',');
                const auto s = l.substr(0, comma);
                if (s == "INVALID") bits |= CtBits::Invalid; else if (s == "ESTABLISHED") bits |= CtBits::Established;
                else if (s == "RELATED") bits |= CtBits::Related; else if (s == "NEW") bits |= CtBits::New;
                else if (s == "UNTRACKED") bits |= CtBits::Untracked; else if (s == "SNAT") bits |= CtBits::Snat;
                else if (s == "DNAT") bits |= CtBits::Dnat; else { c.kind = Criterion::Unknown; break; }
                if (comma == std::string_view::npos) break;
                l.remove_prefix(comma + 1);
            }
            c.a = bits;
            continue;
        }
        if (w == "ctorigsrc" || w == "ctorigdst" || w == "ctreplsrc" || w == "ctrepldst") {
            std::string_view v;
            words.next(v);
            const Criterion::Kind k = w == "ctorigsrc" ? Criterion::CtOrigSrc : w == "ctorigdst" ? Criterion::CtOrigDst
                    : w == "ctreplsrc" ? Criterion::CtReplSrc : Criterion::CtReplDst;
            Criterion &c = add(k, "conntrack", v);
            Address addr, mask;
            if (parsePrefix(v, m_family, addr, mask))
                m_rs.setAddresses(c, addr, mask);
            else
                c.kind = Criterion::Unknown;
            continue;
        }
        if (w == "ctorigsrcport" || w == "ctorigdstport" || w == "ctreplsrcport" || w == "ctrepldstport") {
            std::string_view v;
            words.next(v);
            const Criterion::Kind k = w == "ctorigsrcport" ? Criterion::CtOrigSrcPort : w == "ctorigdstport" ? Criterion::CtOrigDstPort
                    : w == "ctreplsrcport" ? Criterion::CtReplSrcPort : Criterion::CtReplDstPort;
            Criterion &c = add(k, "conntrack", v);
            if (!portRange(v, c.a, c.b))
                c.kind = Criterion::Unknown;
            continue;
        }
        if (w == "ctproto") {
            std::string_view v;
            words.next(v);
            Criterion &c = add(Criterion::CtProto, "conntrack", v);
            quint8 p = 0;
            if (RuleParser::parseProtocol(v, p)) c.a = p; else c.kind = Criterion::Unknown;
            continue;
        }
        if (w == "ctdir") {
            std::string_view v;
            words.next(v);
            Criterion &c = add(Criterion::CtDirection, "conntrack", v);
            c.a = v == "REPLY" ? 1 : 0;
            continue;
        }
        if (w == "ctstatus" || w == "ctexpire") {
            std::string_view v;
            words.next(v);
            Criterion &c = add(w == "ctstatus" ? Criterion::CtStatus : Criterion::CtExpire, "conntrack", v);
            if (w == "ctstatus") {
                quint32 bits = 0;
                for (std::string_view l = v; !l.empty();) {
                    const auto comma = l.find(',');
                    const auto s = l.substr(0, comma);
                    if (s == "EXPECTED") bits |= CtStatusBits::Expected; else if (s == "SEEN_REPLY") bits |= CtStatusBits::SeenReply;
                    else if (s == "ASSURED") bits |= CtStatusBits::Assured; else if (s == "CONFIRMED") bits |= CtStatusBits::Confirmed;
                    else if (s != "NONE") { c.kind = Criterion::Unknown; break; }
                    if (comma == std::string_view::npos) break;
                    l.remove_prefix(comma + 1);
                }
                c.a = bits;
            }
            continue;
        }
        if ((w == "mark" || w == "connmark")) {
            std::string_view m, v;
            words.next(m);   // "match"
            words.next(v);
            if (v == "!") {
                neg = !neg;
                words.next(v);
            } else if (v.starts_with("!")) {
                neg = !neg;
                v.remove_prefix(1);
            }
            Criterion &c = add(w == "mark" ? Criterion::Mark : Criterion::ConnMark, w, v);
            const auto slash = v.find('/');
            c.b = 0xffffffffu;
            if (!parseNum(v.substr(0, slash), c.a, 16) || (slash != std::string_view::npos && !parseNum(v.substr(slash + 1), c.b, 16)))
                c.kind = Criterion::Unknown;
            continue;
        }
        if (w == "ADDRTYPE") {
            std::string_view m;
            words.next(m);   // "match"
            std::string_view a;
            while (words.peek(a) && (a == "src-type" || a == "dst-type" || a == "limit-in" || a == "limit-out")) {
                words.next(a);
                if (a == "limit-in" || a == "limit-out") {
                    for (auto &c : rule.criteria) {
                        if (c.kind == Criterion::AddrSrcType || c.kind == Criterion::AddrDstType)
                            c.c |= a == "limit-in" ? 1 : 2;
                    }
                    continue;
                }
                std::string_view v;
                words.next(v);
                bool inv = false;
                if (v == "!") { inv = true; words.next(v); }
                else if (v.starts_with("!")) { inv = true; v.remove_prefix(1); }
                neg = inv;
                Criterion &c = add(a == "src-type" ? Criterion::AddrSrcType : Criterion::AddrDstType, "addrtype", v);
                static const std::string_view names[] = {"UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST",
                                                         "BLACKHOLE", "UNREACHABLE", "PROHIBIT", "THROW", "NAT", "XRESOLVE"};
                for (std::string_view l = v; !l.empty();) {
                    const auto comma = l.find(',');
                    const auto s = l.substr(0, comma);
                    bool found = false;
                    for (int k = 0; k < 12; ++k) {
                        if (names[k] == s) { c.a |= 1u << k; found = true; }
                    }
                    if (!found) { c.kind = Criterion::Unknown; break; }
                    if (comma == std::string_view::npos) break;
                    l.remove_prefix(comma + 1);
                }
            }
            continue;
        }
        if (w == "statistic") {
            std::string_view m, mode;
            words.next(m);       // "mode"
            words.next(mode);
            std::string_view a;
            if (words.peek(a) && a == "!") {
                words.next(a);
                neg = !neg;
            }
            if (mode == "random") {
                std::string_view p, v;
                words.next(p);
                words.next(v);
                Criterion &c = add(Criterion::StatRandom, "statistic", v);
                bool ok = false;
                const double prob = QByteArray(v.data(), qsizetype(v.size())).toDouble(&ok);
                if (ok && prob >= 0 && prob <= 1)
                    c.a = quint32(std::lround(prob * double(0x80000000u)));
                else
                    c.kind = Criterion::Unknown;
            } else {
                std::string_view e, ev, p, pv;
                words.next(e); words.next(ev);
                Criterion &c = add(Criterion::StatNth, "statistic", ev);
                if (!parseNum(ev, c.a)) c.kind = Criterion::Unknown;
                if (words.peek(p) && p == "packet") {
                    words.next(p);
                    words.next(pv);
                    parseNum(pv, c.b);
                }
            }
            continue;
        }
        if ((w == "source" || w == "destination")) {
            std::string_view ip, range, v;
            words.next(ip); words.next(range); words.next(v);
            Criterion &c = add(w == "source" ? Criterion::IpRangeSrc : Criterion::IpRangeDst, "iprange", v);
            const auto dash = v.find('-');
            const auto lo = Address::parse(v.substr(0, dash), m_family);
            const auto hi = dash == std::string_view::npos ? lo : Address::parse(v.substr(dash + 1), m_family);
            if (lo && hi) m_rs.setAddresses(c, *lo, *hi); else c.kind = Criterion::Unknown;
            continue;
        }
        if (w == "PHYSDEV") {
            std::string_view m;
            words.next(m);
            std::string_view a;
            while (words.peek(a) && (a.starts_with("--physdev") || a == "!")) {
                words.next(a);
                if (a == "!") { neg = !neg; continue; }
                if (a == "--physdev-in" || a == "--physdev-out") {
                    std::string_view v;
                    words.next(v);
                    Criterion &c = add(a == "--physdev-in" ? Criterion::PhysdevIn : Criterion::PhysdevOut, "physdev", v);
                    c.c = !v.empty() && v.back() == '+';
                    if (c.c) c.text = v.substr(0, v.size() - 1);
                } else if (a == "--physdev-is-in") add(Criterion::PhysdevIsIn, "physdev", a);
                else if (a == "--physdev-is-out") add(Criterion::PhysdevIsOut, "physdev", a);
                else if (a == "--physdev-is-bridged") add(Criterion::PhysdevIsBridged, "physdev", a);
            }
            continue;
        }
        if (w == "PKTTYPE") {
            std::string_view op, v;
            words.next(op); words.next(v);
            if (op == "!=") neg = !neg;
            Criterion &c = add(Criterion::PktType, "pkttype", v);
            c.a = v == "broadcast" ? 1 : v == "multicast" ? 2 : 0;
            continue;
        }
        if (w == "length") {
            std::string_view v;
            words.next(v);
            if (v == "!") { neg = !neg; words.next(v); }
            Criterion &c = add(Criterion::Length, "length", v);
            const auto colon = v.find(':');
            if (!parseNum(v.substr(0, colon), c.a)) c.kind = Criterion::Unknown;
            c.b = c.a;
            if (colon != std::string_view::npos) parseNum(v.substr(colon + 1), c.b);
            continue;
        }
        if (w == "limit:") {
            std::string_view avg, rate, b, burst;
            words.next(avg); words.next(rate); words.next(b); words.next(burst);
            Criterion &c = add(Criterion::Limit, "limit", rate);
            // "avg 3/hour burst 5": per second * 10000, as the rule parser keeps it
            const auto slash = rate.find('/');
            const std::string_view unit = slash == std::string_view::npos ? std::string_view() : rate.substr(slash + 1);
            const quint64 seconds = unit.starts_with("min") ? 60 : unit.starts_with("hour") ? 3600 : unit.starts_with("day") ? 86400 : 1;
            quint32 n = 0;
            if (parseNum(rate.substr(0, slash), n) && n > 0 && n <= 10000 * seconds)
                c.a = quint32(std::max<quint64>(1, quint64(n) * 10000 / seconds));
            else
                c.kind = Criterion::Unknown;
            c.b = 5;
            if (b == "burst")
                parseNum(burst, c.b);
            continue;
        }
        if (w == "owner") {
            std::string_view kind, m, v;
            words.next(kind);
            words.next(m);
            if (kind == "socket") {
                add(Criterion::OwnerSocketExists, "owner", m);
                continue;
            }
            words.next(v);
            if (v == "!") { neg = !neg; words.next(v); }
            Criterion &c = add(kind == "UID" ? Criterion::OwnerUid : Criterion::OwnerGid, "owner", v);
            if (!parseNum(v, c.a)) c.kind = Criterion::Unknown;
            c.b = c.a;
            continue;
        }
        if (w == "match-set") {
            std::string_view name, dirs;
            words.next(name); words.next(dirs);
            Criterion &c = add(Criterion::Set, "set", name);
            int n = 0;
            for (std::string_view l = dirs; !l.empty(); ++n) {
                const auto comma = l.find(',');
                if (l.substr(0, comma) == "src") c.b |= 1u << n;
                if (comma == std::string_view::npos) { ++n; break; }
                l.remove_prefix(comma + 1);
            }
            c.a = quint32(n);
            continue;
        }
        if (w == "return-nomatch" || w == "update-counters" || w == "update-subcounters" || w == "packets-eq"
            || w == "packets-lt" || w == "packets-gt" || w == "bytes-eq" || w == "bytes-lt" || w == "bytes-gt") {
            // libxt_set's flags after "match-set NAME DIRS", on the set criterion just read.
            Criterion *set = nullptr;
            for (auto &c : rule.criteria)
                set = c.kind == Criterion::Set ? &c : set;
            if (!set) {
                unknownFrom(start);
                break;
            }
            if (w == "return-nomatch")
                set->c |= SetFlags::ReturnNomatch;
            else if (w == "update-counters")
                set->c |= neg ? SetFlags::NoCounterUpdate : 0;
            else if (w == "update-subcounters")
                set->c |= neg ? SetFlags::NoSubcounterUpdate : 0;
            else {
                std::string_view v;
                words.next(v);
                set->c |= SetFlags::CounterTest;
            }
            neg = false;
            continue;
        }
        if (w == "recent:") {
            // libxt_recent: "recent: CHECK seconds: 10800 reap name: NAME side: source mask: M"
            Criterion &c = add(Criterion::Recent, "recent", "DEFAULT");
            Address mask(~0ull, ~0ull);   // the module's default: the whole address
            std::string_view a;
            while (words.peek(a)) {
                std::string_view v;
                if (a == "SET" || a == "CHECK" || a == "UPDATE" || a == "REMOVE") {
                    c.c = quint8((c.c & ~RecentFlags::CommandMask)
                                 | (a == "SET" ? RecentFlags::Set : a == "CHECK" ? RecentFlags::Check
                                    : a == "UPDATE" ? RecentFlags::Update : RecentFlags::Remove));
                } else if (a == "reap") {
                    c.c |= RecentFlags::Reap;
                } else if (a == "TTL-Match") {
                    c.c |= RecentFlags::Ttl;
                } else if (a == "seconds:" || a == "hit_count:" || a == "name:" || a == "side:" || a == "mask:") {
                    words.next(a);
                    words.next(v);
                    quint32 n = 0;
                    if (a == "seconds:") { if (parseNum(v, n)) c.a = n; else c.kind = Criterion::Unknown; }
                    else if (a == "hit_count:") { if (parseNum(v, n) && n <= 65535) c.d = quint16(n); else c.kind = Criterion::Unknown; }
                    else if (a == "name:") c.text = v;
                    else if (a == "side:") c.c = quint8(v == "dest" ? (c.c | RecentFlags::Dest) : (c.c & ~RecentFlags::Dest));
                    else if (const auto m = Address::parse(v, m_family)) mask = m_family == Family::Ipv4 ? Address::v4Mask(m->v4()) : *m;
                    else c.kind = Criterion::Unknown;
                    continue;
                } else {
                    break;
                }
                words.next(a);
            }
            if (c.kind == Criterion::Unknown)
                warn(lineNo, line, start, tr("this recent print-out is not understood; traces through this rule are uncertain"));
            else
                m_rs.setAddresses(c, Address(), mask);
            continue;
        }
        if (w == "nfacct-name") {
            std::string_view v;
            words.next(v);
            add(Criterion::Nfacct, "nfacct", v);
            continue;
        }
        if (w == "MAC") {
            std::string_view v;
            words.next(v);
            if (v == "!") { neg = !neg; words.next(v); }
            add(Criterion::MacSource, "mac", v);
            continue;
        }
        // Target print-outs.
        if ((tg.kind == Target::Dnat || tg.kind == Target::Snat || tg.kind == Target::Netmap) && w.starts_with("to:")) {
            std::string_view v = w.substr(3);
            if (tg.kind == Target::Netmap) {
                Address mask;
                parsePrefix(v, m_family, tg.addrLo, mask);
                tg.addrHi = tg.addrLo | ~mask;
            } else {
                // ip6tables prints "to:[fd00::5]:8080" or "to:fd00::6" (no port, no brackets)
                const bool v6 = m_family == Family::Ipv6;
                const auto colon = v6 ? (v.rfind("]:") == std::string_view::npos ? std::string_view::npos : v.rfind("]:") + 1)
                                      : v.find(':');
                std::string_view addrs = v.substr(0, colon);
                const auto dash = v6 ? (addrs.find("]-[") == std::string_view::npos ? addrs.find('-') : addrs.find("]-[") + 1)
                                     : addrs.find('-');
                auto unbracket = [](std::string_view a) {
                    return a.size() >= 2 && a.front() == '[' && a.back() == ']' ? a.substr(1, a.size() - 2) : a;
                };
                const auto lo = Address::parse(unbracket(addrs.substr(0, dash)), m_family);
                const auto hi = dash == std::string_view::npos ? lo : Address::parse(unbracket(addrs.substr(dash + 1)), m_family);
                if (lo && hi) { tg.addrLo = *lo; tg.addrHi = *hi; }
                if (colon != std::string_view::npos) {
                    const std::string_view ports = v.substr(colon + 1);
                    const auto pd = ports.find('-');
                    quint32 plo = 0, phi = 0;
                    parseNum(ports.substr(0, pd), plo);
                    phi = plo;
                    if (pd != std::string_view::npos) parseNum(ports.substr(pd + 1), phi);
                    tg.portLo = quint16(plo);
                    tg.portHi = quint16(phi);
                }
            }
            tg.args = w;
            continue;
        }
        if ((tg.kind == Target::Masquerade && w == "masq") || (tg.kind == Target::Redirect && w == "redir")) {
            std::string_view ports, v;
            words.next(ports);
            words.next(v);
            const auto dash = v.find('-');
            quint32 lo = 0, hi = 0;
            parseNum(v.substr(0, dash), lo);
            hi = lo;
            if (dash != std::string_view::npos) parseNum(v.substr(dash + 1), hi);
            tg.portLo = quint16(lo);
            tg.portHi = quint16(hi);
            continue;
        }
        if (w == "random" || w == "persistent" || w == "random-fully")
            continue;
        if ((tg.kind == Target::Mark && w == "MARK") || (tg.kind == Target::ConnMark && w == "CONNMARK")) {
            std::string_view op, v;
            words.next(op);
            if (tg.kind == Target::ConnMark && (op == "save" || op == "restore")) {
                tg.mode = op == "save" ? 1 : 2;
                tg.a = tg.b = 0xffffffffu;
                std::string_view a;
                while (words.peek(a) && (a == "mask" || a == "nfmask" || a == "ctmask")) {
                    words.next(a);
                    words.next(v);
                    if (v.starts_with("~")) v.remove_prefix(1);
                    quint32 m = 0;
                    parseNum(v, m, 16);
                    if (a != "ctmask") tg.a = m;
                    if (a != "nfmask") tg.b = m;
                }
                continue;
            }
            words.next(v);
            const auto slash = v.find('/');
            quint32 val = 0, mask = 0;
            parseNum(v.substr(0, slash), val, 16);
            if (slash != std::string_view::npos) parseNum(v.substr(slash + 1), mask, 16);
            tg.mode = 0;
            if (op == "set") { tg.a = val; tg.b = 0xffffffffu; }
            else if (op == "xset") { tg.a = val; tg.b = mask; }
            else if (op == "or") { tg.a = val; tg.b = val; }
            else if (op == "and") { tg.a = 0; tg.b = ~val; }
            else if (op == "xor") { tg.a = val; tg.b = 0; }
            else { unknownFrom(start); break; }
            continue;
        }
        if (tg.kind == Target::Log && w == "LOG") {
            // LOG flags N level N [prefix "..."]
            const size_t p = rest.find("prefix \"", size_t(w.data() - rest.data()));
            if (p != std::string_view::npos) {
                const size_t e = rest.rfind('"');
                if (e > p + 8)
                    tg.args = rest.substr(p + 8, e - p - 8);
            }
            words.pos = rest.size();
            continue;
        }
        if (tg.kind == Target::Reject && w == "reject-with") {
            std::string_view v;
            words.next(v);
            tg.args = v;
            continue;
        }
        if ((tg.kind == Target::Ct || tg.kind == Target::Notrack) && (w == "CT" || w == "notrack" || w == "NOTRACK")) {
            if (w == "notrack") tg.mode = 1;
            continue;
        }
        if (tg.kind == Target::Nflog || tg.kind == Target::Queue || tg.kind == Target::Continue
            || tg.kind == Target::TraceTarget) {
            tg.args = trimmed(rest.substr(size_t(start.data() - rest.data())));
            break;
        }
        unknownFrom(start);
        break;
    }
    if (row.isGoto && tg.kind == Target::Jump)
        tg.kind = Target::Goto;
    return true;
}

} // namespace

bool ListingParser::parseCount(std::string_view s, quint64 &out)
{
    if (s.empty())
        return false;
    quint64 mult = 1;
    switch (s.back()) {
    case 'K': mult = 1000ull; break;
    case 'M': mult = 1000ull * 1000; break;
    case 'G': mult = 1000ull * 1000 * 1000; break;
    case 'T': mult = 1000ull * 1000 * 1000 * 1000; break;
    default: break;
    }
    if (mult != 1)
        s.remove_suffix(1);
    quint64 v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size())
        return false;
    out = v * mult;
    return true;
}

ListingParser::Result ListingParser::parse(Ruleset &root, std::vector<Ruleset> *more, int &current, std::string_view data,
                                           int file, const QString &path, const Segment &seg,
                                           const std::function<bool(qint64, qint64)> &progress)
{
    Result result;
    std::vector<Diagnostic> diags;
    const bool v6 = seg.family == Family::Ipv6;
    RowParser rowParser(root, diags, path, seg.family, !v6 && !seg.familyForced);
    std::vector<Block> blocks;
    std::vector<int> groupOf;       // per block: which listing of the segment it belongs to
    Block *currentBlock = nullptr;
    bool verbose = false, numbered = false, headerSeen = false;
    std::optional<TableId> hint;
    int hintLine = 0;
    int noiseFrom = 0, noiseTo = 0;
    int group = 0;
    int lastHook = -1;              // the last built-in chain of the current group
    bool userInGroup = false;
    result.ipv6Line = v6 || seg.familyForced ? 0 : seg.ipv6Line;
    auto flushNoise = [&]() {
        if (noiseFrom == 0)
            return;
        diags.push_back({Diagnostic::Warning, path, noiseFrom, 1,
                         noiseFrom == noiseTo ? tr("line skipped: not part of a listing")
                                              : tr("lines %1-%2 skipped: not part of a listing").arg(noiseFrom).arg(noiseTo),
                         QStringLiteral("paste-noise")});
        noiseFrom = noiseTo = 0;
    };
    auto noise = [&](int lineNo) {
        if (noiseFrom == 0)
            noiseFrom = lineNo;
        noiseTo = lineNo;
    };
    PasteScanner::Command cmds[PasteScanner::kMaxCommands];
    size_t pos = seg.from;
    int lineNo = seg.linesBefore;
    qint64 lastReport = 0;
    while (pos < data.size()) {
        const char *start = data.data() + pos;
        const void *nl = std::memchr(start, '\n', data.size() - pos);
        const size_t len = nl ? size_t(static_cast<const char *>(nl) - start) : data.size() - pos;
        std::string_view line(start, len);
        const size_t lineStart = pos;
        pos += len + 1;
        ++lineNo;
        if (progress && qint64(pos) - lastReport > (1 << 20)) {
            lastReport = qint64(pos);
            if (!progress(lastReport, qint64(data.size()))) {
                root.diagnostics.push_back({Diagnostic::Error, path, lineNo, 0, tr("cancelled")});
                result.ok = false;
                result.cancelled = true;
                result.end = data.size();
                result.endLine = lineNo;
                return result;
            }
        }
        const std::string_view t = trimmed(line);
        // Blank lines, comments and noise do not end a chain: pasted listings often carry
        // them between rows; only the next "Chain" header does. A command line or another
        // format ends the segment.
        if (t.empty())
            continue;
        auto boundary = [&]() {
            pos = lineStart;
            --lineNo;
        };
        if (t.front() == '#') {
            if (PasteScanner::commands(t, cmds) > 0 || t.starts_with("# Generated by")) {
                boundary();
                break;
            }
            const auto p = t.find("-t ");
            TableId id;
            if (p != std::string_view::npos) {
                std::string_view name = trimmed(t.substr(p + 3));
                name = name.substr(0, name.find_first_of(" \t"));
                if (tableFromName(name, id)) {
                    hint = id;
                    hintLine = lineNo;
                }
            }
            continue;
        }
        if (result.ipv6Line) {
            if (PasteScanner::commands(t, cmds) > 0) {
                boundary();
                break;
            }
            continue;
        }
        if (t.starts_with("Chain ")) {
            const auto paren = t.find(" (");
            const std::string_view name = paren != std::string_view::npos && paren > 6 ? t.substr(6, paren - 6) : std::string_view();
            const std::string_view inner = !name.empty() && t.back() == ')' ? t.substr(paren + 2, t.size() - paren - 3) : std::string_view();
            // "(policy ACCEPT ...)" or "(N references)"; anything else is prose that starts with "Chain"
            quint64 refs = 0;
            const auto sp = inner.find(' ');
            const bool header = name.find_first_of(" \t") == std::string_view::npos
                    && (inner.starts_with("policy ")
                        || (sp != std::string_view::npos && parseCount(inner.substr(0, sp), refs)
                            && (inner.substr(sp + 1) == "references" || inner.substr(sp + 1) == "reference")));
            if (header) {
                flushNoise();
                // A listing of one table starts with its built-in chains in hook order; a
                // built-in chain after a user chain, or not after the last one, starts another.
                Hook h;
                if (hookFromChainName(name, h)) {
                    if (!blocks.empty() && (userInGroup || int(h) <= lastHook)) {
                        ++group;
                        userInGroup = false;
                    }
                    lastHook = int(h);
                } else {
                    userInGroup = true;
                }
                Block b;
                b.name = name;
                b.line = lineNo;
                b.hint = hint;
                b.hintLine = hintLine;
                if (inner.starts_with("policy ")) {
                    b.hasPolicy = true;
                    Words words{inner.substr(7)};
                    std::string_view pol, pk, pkw, by;
                    words.next(pol);
                    b.policyDrop = pol == "DROP";
                    if (words.next(pk) && words.next(pkw) && words.next(by)) {
                        parseCount(pk, b.policyPackets);
                        parseCount(by, b.policyBytes);
                    }
                }
                blocks.push_back(std::move(b));
                groupOf.push_back(group);
                currentBlock = &blocks.back();
                headerSeen = false;
                continue;
            }
        }
        if (currentBlock && !headerSeen && (t.starts_with("pkts ") || t.starts_with("num ") || t.starts_with("target "))) {
            verbose = t.find("pkts") != std::string_view::npos;
            numbered = t.starts_with("num ");
            headerSeen = true;
            continue;
        }
        if (currentBlock) {
            Row row;
            if (rowParser.parse(line, lineNo, verbose, numbered, row)) {
                flushNoise();
                row.line = lineNo;
                row.rule.loc = {file, lineNo};
                row.rule.text = t;
                currentBlock->rows.push_back(std::move(row));
                continue;
            }
            if (rowParser.ipv6Line()) {
                result.ipv6Line = rowParser.ipv6Line();
                continue;
            }
        }
        TableId id;
        if (PasteScanner::commands(t, cmds) > 0 || (t.front() == '*' && PasteScanner::tableLine(t, id))
            || t.starts_with("-P ") || t.starts_with("-N ") || t.starts_with("-A ")
            || (t.front() == ':' && t.find(" [") != std::string_view::npos)) {
            boundary();
            break;
        }
        if (!v6 && !seg.familyForced && PasteScanner::ipv6Evidence(t)) {
            result.ipv6Line = lineNo;
            continue;
        }
        noise(lineNo);
    }
    flushNoise();
    result.end = std::min(pos, data.size());
    result.endLine = lineNo;
    if (result.ipv6Line)
        return result;   // the caller sets the segment aside

    // Tables: given, from the command line, hinted, or inferred per chain.
    const size_t n = blocks.size();
    std::vector<std::optional<TableId>> fixed(n);
    std::vector<TableEvidence> evidence(n);
    std::vector<quint8> groupHooks(size_t(group) + 1, 0);
    for (size_t i = 0; i < n; ++i) {
        Hook h;
        if (hookFromChainName(blocks[i].name, h))
            groupHooks[size_t(groupOf[i])] |= quint8(1u << int(h));
    }
    for (size_t i = 0; i < n; ++i) {
        Block &b = blocks[i];
        const size_t g = size_t(groupOf[i]);
        if (!seg.tables.empty() && seg.tables[std::min(g, seg.tables.size() - 1)]) {
            fixed[i] = seg.tables[std::min(g, seg.tables.size() - 1)];
            continue;
        }
        if (seg.given) {
            fixed[i] = seg.given;
            continue;
        }
        if (b.hint) {
            fixed[i] = b.hint;
            continue;
        }
        TableEvidence &ev = evidence[i];
        Hook h;
        if (hookFromChainName(b.name, h)) {
            quint8 m = 0;
            for (int tI = 0; tI < TablesPerFamily; ++tI) {
                if (isBuiltinChain(TableId(tI), b.name))
                    m |= TableEvidence::bit(TableId(tI));
            }
            ev.add(m, TableEvidence::Kind::ChainName, b.name, b.line);
        }
        // The built-in chains of its listing, when they are exactly one table's set.
        TableEvidence groupEv;
        groupEv.addBuiltinSet(groupHooks[g], 0);
        if (groupEv.any() && std::popcount(unsigned(groupEv.tables() & ~TableEvidence::bit(TableId::Security))) == 1)
            ev.addBuiltinSet(groupHooks[g], 0);
        ev.addChainName(b.name, b.line);
        for (const Row &r : b.rows) {
            ev.addTarget(r.rule.target.name, r.line);
            if (r.rule.target.kind == Target::Jump && r.rule.target.name.starts_with("KUBE-SVC-"))
                ev.add(TableEvidence::bit(TableId::Nat), TableEvidence::Kind::KubeJump, r.rule.target.name, r.line);
        }
    }
    // A user chain with no evidence takes the table of the chains that jump to it, those of
    // its own listing first (by name through a map: a listing may hold many thousands of chains).
    std::unordered_map<std::string_view, std::vector<size_t>> byName;
    for (size_t i = 0; i < n; ++i)
        byName[blocks[i].name].push_back(i);
    auto known = [&](size_t j) { return fixed[j] || evidence[j].any(); };
    auto tablesOf = [&](size_t j) { return fixed[j] ? TableEvidence::bit(*fixed[j]) : evidence[j].tables(); };
    for (int round = 0; round < 4; ++round) {
        bool changed = false;
        for (size_t j = 0; j < n; ++j) {
            if (!known(j) || (!fixed[j] && evidence[j].conflict()))
                continue;
            for (const Row &r : blocks[j].rows) {
                const auto it = byName.find(r.rule.target.name);
                if (it == byName.end())
                    continue;
                bool sameGroup = false;
                for (size_t i : it->second)
                    sameGroup = sameGroup || groupOf[i] == groupOf[j];
                for (size_t i : it->second) {
                    if (i == j || known(i) || (sameGroup && groupOf[i] != groupOf[j]))
                        continue;
                    evidence[i].add(tablesOf(j), TableEvidence::Kind::Caller, blocks[j].name, blocks[j].line);
                    changed = true;
                }
            }
        }
        if (!changed)
            break;
    }
    struct Jump { int set; TableId table; std::string_view name; int line, column; };
    std::vector<Jump> jumps;
    if (more)
        more->reserve(more->size() + n);
    for (size_t i = 0; i < n; ++i) {
        Block &b = blocks[i];
        const TableEvidence &ev = evidence[i];
        const TableId tid = tableFor(fixed[i] ? *fixed[i] : ev.table(), seg.family);
        if (!fixed[i] && ev.conflict()) {
            QStringList choices;
            for (TableId c : ev.candidates())
                choices << q(tableName(c));
            diags.push_back({Diagnostic::Error, path, b.line, 1,
                             tr("cannot tell which table chain %1 is in: %2. Name it: \"table\" in scenario.json, "
                                "or a line \"iptables -t %3 -L\" before the listing")
                                     .arg(q(b.name), ev.conflictText(), choices.front()),
                             QStringLiteral("table-ambiguous"), {}, choices});
            result.ok = false;
        } else if (!fixed[i]) {
            diags.push_back({Diagnostic::Warning, path, b.line, 1,
                             !ev.settled() ? tr("chain %1 read as table %2, the first it can be in (a listing does not name its table; "
                                                "give \"table\" in scenario.json or an \"iptables -t TABLE -L\" line before it to choose)")
                                                     .arg(q(b.name), q(tableName(tid)))
                                       : tr("chain %1 read as table %2, from %3").arg(q(b.name), q(tableName(tid)), ev.reason()),
                             QStringLiteral("table-inferred"), {}, {q(tableName(tid))}});
        }
        Ruleset *target = current < 0 ? &root : &(*more)[size_t(current)];
        if (target->table(tid).chainIndex(b.name) >= 0) {
            if (!more) {
                diags.push_back({Diagnostic::Error, path, b.line, 1,
                                 tr("chain %1 is listed a second time").arg(q(b.name)), QStringLiteral("paste-repeat")});
                result.ok = false;
                continue;
            }
            diags.push_back({Diagnostic::Warning, path, b.line, 1,
                             tr("chain %1 is listed a second time: read as another listing (another node or a later snapshot)")
                                     .arg(q(b.name)),
                             QStringLiteral("paste-repeat")});
            more->push_back(root.emptyCopy());
            current = int(more->size()) - 1;
            target = &more->back();
        }
        Table &tab = target->table(tid);
        tab.present = true;
        const bool builtin = isBuiltinChain(tid, b.name);
        if (b.hasPolicy != builtin) {
            diags.push_back({Diagnostic::Warning, path, b.line, 1,
                             builtin ? tr("built-in chain %1 is listed without a policy").arg(q(b.name))
                                     : tr("chain %1 has a policy but is not a built-in chain of table %2").arg(q(b.name), q(tableName(tid)))});
        }
        const int ci = tab.addChain(b.name, builtin);
        Chain &ch = tab.chains[size_t(ci)];
        ch.loc = {file, b.line};
        ch.policyDrop = b.policyDrop;
        ch.policyPackets = b.policyPackets;
        ch.policyBytes = b.policyBytes;
        for (Row &r : b.rows) {
            r.rule.id = target->nextRuleId();
            if (r.rule.target.kind == Target::Jump || r.rule.target.kind == Target::Goto)
                jumps.push_back({current, tid, r.rule.target.name, r.line, r.targetColumn});
            target->adoptAddresses(r.rule, root);   // rows are read into root
            ch.rules.push_back(std::move(r.rule));
        }
    }
    // A chain jumped to but not listed in the same table of the same listing stays
    // unresolved: the trace is uncertain there.
    for (const Jump &j : jumps) {
        const Ruleset &set = j.set < 0 ? root : (*more)[size_t(j.set)];
        if (set.table(j.table).chainIndex(j.name) < 0)
            diags.push_back({Diagnostic::Warning, path, j.line, j.column,
                             tr("chain %1 is jumped to but not listed in table %2; traces that reach it are uncertain")
                                     .arg(q(j.name), q(tableName(j.table)))});
    }
    // In file order, so the list reads alongside the text.
    std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic &a, const Diagnostic &b) { return a.line < b.line; });
    for (auto &d : diags)
        root.diagnostics.push_back(d);
    return result;
}

} // namespace chainscope
