#include "ruleparser.h"
#include "text.h"

#include "packet.h"
#include "services.h"
#include "targetoptions.h"

#include <cctype>
#include <bit>
#include <charconv>
#include <cstring>
#include <cmath>
#include <algorithm>
#include <functional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace chainscope {

namespace {

using Token = RuleParser::Token;

using text::q;

bool parseUInt(std::string_view s, quint64 &out, int base = 0)
{
    if (s.empty())
        return false;
    if (base == 0) {
        if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
            s.remove_prefix(2);
            base = 16;
        } else {
            base = 10;
        }
    }
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out, base);
    return ec == std::errc() && ptr == s.data() + s.size();
}

bool parseU32(std::string_view s, quint32 &out)
{
    quint64 v = 0;
    if (!parseUInt(s, v) || v > 0xffffffffull)
        return false;
    out = quint32(v);
    return true;
}

/** "value[/mask]" as the mark modules take it; a missing mask is all ones. */
bool parseValueMask(std::string_view s, quint32 &value, quint32 &mask, bool &hadMask)
{
    const auto slash = s.find('/');
    hadMask = slash != std::string_view::npos;
    if (!parseU32(s.substr(0, slash), value))
        return false;
    mask = 0xffffffffu;
    if (hadMask && !parseU32(s.substr(slash + 1), mask))
        return false;
    return true;
}

bool isPortProto(quint8 p)
{
    return p == ProtoTcp || p == ProtoUdp || p == ProtoSctp || p == ProtoDccp || p == 136;
}

struct ModuleState
{
    quint16 index = 0;
    std::string_view name;
    enum Kind { Tcp, Udp, Sctp, Dccp, Icmp, Multiport, Conntrack, State, MarkM, ConnmarkM, Addrtype,
                CommentM, Statistic, Iprange, Physdev, Pkttype, LengthM, LimitM, Owner, SetM, Mac,
                TtlM, RecentM, NfacctM, Icmp6, HlM, Other } kind = Other;
    int firstCriterion = 0;
    // statistic needs its options gathered before it can be checked
    int statMode = -1;        // 0 random, 1 nth
    bool hasProbability = false, hasEvery = false, hasPacket = false;
    double probability = 0;
    quint32 every = 0, packet = 0;
    bool statNeg = false;
    int statColumn = 0;
    bool sawOption = false;
    std::string_view statText;
    int unknownCriterion = -1;
    const Token *unknownFrom = nullptr;   // the -m of an unknown module, for its verbatim text
    quint8 limitIface = 0;    // addrtype: 1 in, 2 out
    bool gidOwner = false;    // owner: --suppl-groups needs --gid-owner first
    quint8 setFlags = 0;      // set: SetFlags given around --match-set
    // recent: gathered, then checked and made one criterion as libxt_recent does
    int recentCommand = -1;   // RecentFlags::Set..Remove
    bool recentTwice = false;
    bool recentNeg = false;
    quint8 recentFlags = 0;   // Reap, Ttl, Dest
    quint32 recentSeconds = 0, recentHits = 0;
    Address recentMask = Address(~0ull, ~0ull);
    std::string_view recentName = "DEFAULT";
};

ModuleState::Kind moduleKind(std::string_view n)
{
    struct { std::string_view name; ModuleState::Kind kind; } static const table[] = {
        {"tcp", ModuleState::Tcp}, {"udp", ModuleState::Udp}, {"sctp", ModuleState::Sctp},
        {"dccp", ModuleState::Dccp}, {"icmp", ModuleState::Icmp}, {"multiport", ModuleState::Multiport},
        {"conntrack", ModuleState::Conntrack}, {"state", ModuleState::State}, {"mark", ModuleState::MarkM},
        {"connmark", ModuleState::ConnmarkM}, {"addrtype", ModuleState::Addrtype},
        {"comment", ModuleState::CommentM}, {"statistic", ModuleState::Statistic},
        {"iprange", ModuleState::Iprange}, {"physdev", ModuleState::Physdev},
        {"pkttype", ModuleState::Pkttype}, {"length", ModuleState::LengthM}, {"limit", ModuleState::LimitM},
        {"owner", ModuleState::Owner}, {"set", ModuleState::SetM}, {"mac", ModuleState::Mac},
        {"ttl", ModuleState::TtlM}, {"recent", ModuleState::RecentM}, {"nfacct", ModuleState::NfacctM},
        {"icmp6", ModuleState::Icmp6}, {"hl", ModuleState::HlM},
    };
    for (const auto &e : table) {
        // Size and first letter before the bytes: this runs for every -m of a dump.
        if (e.name.size() == n.size() && !n.empty() && e.name[0] == n[0] && e.name == n)
            return e.kind;
    }
    return ModuleState::Other;
}

bool ctStateBits(std::string_view list, quint32 &bits)
{
    bits = 0;
    while (!list.empty()) {
        const auto comma = list.find(',');
        const text::Word w = list.substr(0, comma);
        if (w == "INVALID") bits |= CtBits::Invalid;
        else if (w == "ESTABLISHED") bits |= CtBits::Established;
        else if (w == "RELATED") bits |= CtBits::Related;
        else if (w == "NEW") bits |= CtBits::New;
        else if (w == "UNTRACKED") bits |= CtBits::Untracked;
        else if (w == "SNAT") bits |= CtBits::Snat;
        else if (w == "DNAT") bits |= CtBits::Dnat;
        else return false;
        if (comma == std::string_view::npos)
            break;
        list.remove_prefix(comma + 1);
    }
    return true;
}

bool ctStatusBits(std::string_view list, quint32 &bits)
{
    bits = 0;
    while (!list.empty()) {
        const auto comma = list.find(',');
        const text::Word w = list.substr(0, comma);
        if (w == "NONE") {}
        else if (w == "EXPECTED") bits |= CtStatusBits::Expected;
        else if (w == "SEEN_REPLY") bits |= CtStatusBits::SeenReply;
        else if (w == "ASSURED") bits |= CtStatusBits::Assured;
        else if (w == "CONFIRMED") bits |= CtStatusBits::Confirmed;
        else return false;
        if (comma == std::string_view::npos)
            break;
        list.remove_prefix(comma + 1);
    }
    return true;
}

bool addrTypeBits(std::string_view list, quint32 &bits)
{
    static const std::string_view names[] = {"UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST",
                                             "MULTICAST", "BLACKHOLE", "UNREACHABLE", "PROHIBIT",
                                             "THROW", "NAT", "XRESOLVE"};
    bits = 0;
    while (!list.empty()) {
        const auto comma = list.find(',');
        const text::Word w = list.substr(0, comma);
        bool found = false;
        for (int i = 0; i < 12; ++i) {
            if (names[i].size() == w.size()
                && std::equal(w.begin(), w.end(), names[i].begin(),
                              [](char a, char b) { return (a & ~0x20) == b || a == b; })) {
                bits |= 1u << i;
                found = true;
            }
        }
        if (!found)
            return false;
        if (comma == std::string_view::npos)
            break;
        list.remove_prefix(comma + 1);
    }
    return true;
}

/** What getopt takes as the next option rather than as a value. */
bool looksLikeOption(const Token &t)
{
    const std::string_view s = t.text;
    if (t.quoted)
        return false;
    if (s == "!" || (s.size() > 2 && s[0] == '-' && s[1] == '-'))
        return true;
    return s.size() >= 2 && s[0] == '-' && std::string_view("sdiopjgmcf46").find(s[1]) != std::string_view::npos;
}

class OptionParser
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::RuleParser)
public:
    /** Vectors kept between rules, so a parse does not allocate them per rule. */
    struct Scratch
    {
        std::vector<Criterion> criteria;
        std::vector<ModuleState> modules;
        std::vector<std::string_view> seenOptions;
    };

    OptionParser(Ruleset &rs, TableId table, std::string_view chain, const Token *b, const Token *e,
                 Rule &rule, ParseError &err, Scratch &scratch)
        : m_rs(rs), m_table(table), m_chain(chain), m_it(b), m_end(e), m_rule(rule), m_err(err),
          m_modules(scratch.modules), m_seenOptions(scratch.seenOptions)
    {
        m_modules.clear();
        m_seenOptions.clear();
    }

    bool run();

private:
    void splitOption(const Token *opt);
    bool dispatch(const Token *opt);
    bool finish();
    bool fail(const Token *at, const QString &message)
    {
        const std::less<const Token *> before;
        if (at && (at == &m_cur || (!before(at, m_first) && before(at, m_end))))
            m_err.column = at->column;
        else
            m_err.column = m_end != m_first ? (m_end - 1)->column : 1;
        m_err.message = message;
        return false;
    }

    bool takeValue(const Token *opt, std::string_view &value)
    {
        if (m_hasInline) {   // --option=value, -svalue
            value = m_inline;
            m_hasInline = false;
            return true;
        }
        if (m_it == m_end)
            return fail(opt, tr("option \"%1\" requires an argument").arg(q(opt->text)));
        value = m_it->text;
        ++m_it;
        return true;
    }

    Criterion &add(Criterion::Kind kind, quint16 module)
    {
        Criterion c;
        c.kind = kind;
        c.neg = m_neg;
        c.module = module;
        m_neg = false;
        // One allocation for a kube-proxy rule's tests (-d, -p, comment, tcp, ...) rather
        // than a reallocation at each.
        if (m_rule.criteria.capacity() == 0)
            m_rule.criteria.reserve(6);
        m_rule.criteria.push_back(c);
        return m_rule.criteria.back();
    }

    bool parsePort(const Token *at, std::string_view s, quint16 &port);
    bool parsePortRange(const Token *at, std::string_view s, quint32 &lo, quint32 &hi);
    bool natPortRange(const Token *at, std::string_view s, quint32 min, quint16 &lo, quint16 &hi, bool range = true);
    bool parseBaseOption(const Token *opt, bool &handled);
    bool startModule(const Token *opt);
    bool moduleOption(ModuleState &m, const Token *opt, bool &handled);
    bool finishModule(ModuleState &m);
    void insertCriterion(const ModuleState &m, const Criterion &c);
    bool parseTarget(const Token *opt, bool isGoto);
    bool targetOption(const Token *opt, bool &handled);
    bool finishTarget();
    bool checkHookTable();

    Ruleset &m_rs;
    TableId m_table;
    Family family() const { return tableFamily(m_table); }
    std::string_view m_chain;
    const Token *m_it;
    const Token *m_end;
    const Token *m_first = m_it;
    Rule &m_rule;
    ParseError &m_err;
    bool m_neg = false;
    const Token *m_negToken = nullptr;
    quint8 m_proto = 0;
    bool m_protoNeg = false;
    bool m_hasProto = false;
    std::vector<ModuleState> &m_modules;
    bool m_hasTarget = false;
    const Token *m_targetToken = nullptr;
    // target option bookkeeping
    int m_markMode = -1;
    bool m_natTo = false;
    bool m_natPorts = false;
    int m_ctNotrack = 0;
    const TargetOptions::Spec *m_kept = nullptr;   // checks for TTL, DSCP, NFQUEUE, ...
    quint32 m_keptSeen = 0;
    bool m_targetIsChain = false;   // a declared chain named like a target: no target options
    std::vector<std::string_view> &m_seenOptions;
    const Token *m_targetArgsBegin = nullptr;
    // The option being handled, its name split from an inline value as getopt does.
    Token m_cur;
    const Token *m_curTok = nullptr;
    const Token *m_inTok = nullptr;    // -i and -o, for hook errors
    const Token *m_outTok = nullptr;
    std::string_view m_inline;
    bool m_hasInline = false;
};

bool OptionParser::parsePort(const Token *at, std::string_view s, quint16 &port)
{
    quint64 v = 0;
    if (parseUInt(s, v, 10)) {
        if (v > 65535)
            return fail(at, tr("invalid port/service \"%1\" specified").arg(q(s)));
        port = quint16(v);
        return true;
    }
    const auto p = serviceToPort(s, m_proto == ProtoUdp);
    if (!p)
        return fail(at, tr("invalid port/service \"%1\" specified").arg(q(s)));
    port = *p;
    return true;
}

bool OptionParser::parsePortRange(const Token *at, std::string_view s, quint32 &lo, quint32 &hi)
{
    const auto colon = s.find(':');
    quint16 a = 0, b = 65535;
    if (colon == std::string_view::npos) {
        if (!parsePort(at, s, a))
            return false;
        b = a;
    } else {
        if (colon > 0 && !parsePort(at, s.substr(0, colon), a))
            return false;
        if (colon + 1 < s.size() && !parsePort(at, s.substr(colon + 1), b))
            return false;
        if (a > b)
            return fail(at, tr("invalid portrange (min > max): \"%1\"").arg(q(s)));
    }
    lo = a;
    hi = b;
    return true;
}

bool OptionParser::natPortRange(const Token *at, std::string_view s, quint32 min, quint16 &lo, quint16 &hi, bool range)
{
    // A number, or one service name even with a dash in it (ftp-data); a range is numeric.
    const auto number = [&](std::string_view t, quint16 &p) {
        quint64 n = 0;
        if (!parseUInt(t, n, 10) || n < min || n > 65535)
            return false;
        p = quint16(n);
        return true;
    };
    if (number(s, lo)) {
        hi = lo;
        return true;
    }
    if (const auto sp = serviceToPort(s, m_proto == ProtoUdp); sp && *sp >= min) {
        lo = hi = *sp;
        return true;
    }
    const auto dash = range ? s.find('-') : std::string_view::npos;
    if (dash == std::string_view::npos || !number(s.substr(0, dash), lo))
        return fail(at, tr("Port \"%1\" not valid").arg(q(s)));
    if (!number(s.substr(dash + 1), hi))
        return fail(at, tr("Port \"%1\" not valid").arg(q(s.substr(dash + 1))));
    if (lo > hi)
        return fail(at, tr("Port range \"%1\" not valid (min > max)").arg(q(s)));
    return true;
}

bool OptionParser::run()
{
    while (m_it != m_end) {
        const Token *opt = m_it++;
        const text::Word t = opt->text;
        if (t == "!" && !opt->quoted) {
            if (m_neg)
                return fail(opt, tr("multiple \"!\" flags not allowed"));
            m_neg = true;
            m_negToken = opt;
            continue;
        }
        splitOption(opt);
        if (!dispatch(&m_cur))
            return false;
        if (m_hasInline)   // --syn=x: the option takes no value
            return fail(opt, tr("option \"%1\" doesn't allow an argument").arg(q(m_cur.text)));
    }
    return finish();
}

void OptionParser::splitOption(const Token *opt)
{
    m_cur = *opt;
    m_curTok = opt;
    m_hasInline = false;
    const text::Word t = opt->text;
    if (opt->quoted)
        return;
    if (t.size() > 2 && t[0] == '-' && t[1] == '-') {
        // A plain loop: options are short, and find() is a library call per option.
        size_t eq = 2;
        while (eq < t.size() && t[eq] != '=')
            ++eq;
        if (eq < t.size()) {
            m_cur.text = t.substr(0, eq);
            m_inline = t.substr(eq + 1);
            m_hasInline = true;
        }
    } else if (t.size() > 2 && t[0] == '-' && std::string_view("sdiopjgmc").find(t[1]) != std::string_view::npos) {
        // getopt's -ptcp, -s1.2.3.4, -jACCEPT
        m_cur.text = t.substr(0, 2);
        m_inline = t.substr(2);
        m_hasInline = true;
    }
}

bool OptionParser::dispatch(const Token *opt)
{
    const text::Word t = opt->text;
    bool handled = false;
    if (!parseBaseOption(opt, handled))
        return false;
    if (handled)
        return true;
    if (t == "-m" || t == "--match") {
        if (m_neg)
            return fail(m_negToken, tr("unexpected \"!\" before -m"));
        return startModule(opt);
    }
    if (t == "-j" || t == "--jump" || t == "-g" || t == "--goto") {
        if (m_neg)
            return fail(m_negToken, tr("cannot have ! before -j"));
        return parseTarget(opt, t == "-g" || t == "--goto");
    }
    if (t.size() > 2 && t[0] == '-' && t[1] == '-') {
        // A module option: the newest loaded module that knows it takes it, as getopt
        // sees the merged option table of every loaded module.
        for (auto it = m_modules.rbegin(); it != m_modules.rend() && !handled; ++it) {
            if (!moduleOption(*it, opt, handled))
                return false;
            it->sawOption = it->sawOption || handled;
        }
        if (handled)
            return true;
        // An implicit protocol match: -p tcp --dport 80 loads tcp on its own.
        const std::string_view name = !m_hasProto || m_protoNeg ? std::string_view()
                : m_proto == ProtoTcp ? "tcp" : m_proto == ProtoUdp ? "udp"
                : m_proto == ProtoIcmp && family() == Family::Ipv4 ? "icmp"
                : m_proto == ProtoIcmpv6 && family() == Family::Ipv6 ? "icmp6"
                : m_proto == ProtoSctp ? "sctp" : m_proto == ProtoDccp ? "dccp" : std::string_view();
        if (!name.empty()) {
            bool already = false;
            for (const auto &m : m_modules)
                already = already || m.name == name;
            if (!already) {
                ModuleState m;
                m.name = name;
                m.index = m_rs.moduleIndex(name);
                m.kind = moduleKind(name);
                m.firstCriterion = int(m_rule.criteria.size());
                m_modules.push_back(m);
                if (!moduleOption(m_modules.back(), opt, handled))
                    return false;
                if (handled)
                    return true;
                m_modules.pop_back();
            }
        }
        if (m_hasTarget) {
            if (!targetOption(opt, handled))
                return false;
            if (handled)
                return true;
        }
        if (!m_modules.empty() && m_modules.back().kind == ModuleState::Other) {
            // An unknown module keeps every option that follows it, verbatim.
            ModuleState &m = m_modules.back();
            Criterion &c = m_rule.criteria[size_t(m.unknownCriterion)];
            m_neg = false;
            m_hasInline = false;
            while (m_it != m_end && !looksLikeOption(*m_it))
                ++m_it;
            c.text = RuleParser::span(*m.unknownFrom, *(m_it - 1));
            return true;
        }
    }
    if (!t.empty() && t[0] != '-')
        return fail(opt, tr("Bad argument \"%1\"").arg(q(t)));
    return fail(opt, tr("unknown option \"%1\"").arg(q(t)));
}

bool OptionParser::finish()
{
    if (m_neg)
        return fail(m_negToken, tr("\"!\" at the end of the rule negates nothing"));
    for (auto &m : m_modules) {
        if (!finishModule(m))
            return false;
    }
    if (!finishTarget())
        return false;
    // Base criteria first in the kernel's order (-s -d -i -o -p -f), whatever order they were
    // typed in; module criteria keep the order written.
    // An insertion sort: stable, and rules are short, where std::stable_sort would allocate
    // a buffer for every rule.
    const auto key = [](const Criterion &x) { return x.module == 0 ? int(x.kind) : 1000; };
    auto &cr = m_rule.criteria;
    for (size_t i = 1; i < cr.size(); ++i) {
        if (key(cr[i - 1]) <= key(cr[i]))
            continue;
        const Criterion moving = cr[i];
        size_t j = i;
        for (; j > 0 && key(cr[j - 1]) > key(moving); --j)
            cr[j] = cr[j - 1];
        cr[j] = moving;
    }
    return checkHookTable();
}

bool OptionParser::parseBaseOption(const Token *opt, bool &handled)
{
    const text::Word t = opt->text;
    // Most options belong to a match or the target: rule the base ones out by their first letter.
    const char key = t.size() == 2 && t[0] == '-' ? t[1] : t.size() > 3 && t[0] == '-' && t[1] == '-' ? t[2] : '\0';
    switch (key) {
    case 's': case 'd': case 'i': case 'o': case 'p': case 'f': case 'c': case '4': case '6':
        break;
    default:
        return true;
    }
    enum { None, Src, Dst, In, Out, Proto, Frag, Counters } which = None;
    if (t == "-s" || t == "--source" || t == "--src") which = Src;
    else if (t == "-d" || t == "--destination" || t == "--dst") which = Dst;
    else if (t == "-i" || t == "--in-interface") which = In;
    else if (t == "-o" || t == "--out-interface") which = Out;
    else if (t == "-p" || t == "--protocol") which = Proto;
    else if (t == "-f" || t == "--fragment") which = Frag;
    else if (t == "-c" || t == "--set-counters") which = Counters;
    else if (t == "-4" || t == "--ipv4") {
        handled = true;
        return true;
        if (family() == Family::Ipv6)
            return fail(opt, tr("this is an IPv6 rule set; -4 rules belong to iptables"));
    } else if (t == "-6" || t == "--ipv6") {
        handled = true;
        if (family() == Family::Ipv4)
            return fail(opt, tr("this is an IPv4 rule set; -6 rules belong to ip6tables"));
        return true;
    }
    if (which == None)
        return true;
    handled = true;
    if (which == Frag) {
        if (family() == Family::Ipv6)
            return fail(opt, tr("-f is not supported by ip6tables: match fragments with -m frag"));
        for (const auto &c : m_rule.criteria) {
            if (c.kind == Criterion::Fragment)
                return fail(opt, tr("multiple -f flags not allowed"));
        }
        add(Criterion::Fragment, 0);
        return true;
    }
    std::string_view value;
    const bool inlineValue = m_hasInline;
    if (!takeValue(opt, value))
        return false;
    // Old intrapositioned negation: -s ! 1.2.3.4
    if (value == "!" && !inlineValue) {
        if (m_neg)
            return fail(opt, tr("multiple \"!\" flags not allowed"));
        m_neg = true;
        if (!takeValue(opt, value))
            return false;
    }
    const Token *valueTok = m_it - 1;   // the option itself when the value was inline
    auto duplicate = [&](Criterion::Kind k) {
        for (const auto &c : m_rule.criteria) {
            if (c.kind == k && c.module == 0)
                return true;
        }
        return false;
    };
    switch (which) {
    case Src:
    case Dst: {
        const auto kind = which == Src ? Criterion::Src : Criterion::Dst;
        if (duplicate(kind))
            return fail(opt, tr("multiple %1 flags not allowed").arg(which == Src ? QStringLiteral("-s") : QStringLiteral("-d")));
        if (value.find(',') != std::string_view::npos)
            return fail(valueTok, tr("an address list makes one rule per address; write one rule for each"));
        const Family f = family();
        Address addr, mask;
        std::string_view v = value;
        if (v == "anywhere")
            v = f == Family::Ipv4 ? "0.0.0.0/0" : "::/0";
        if (!parsePrefix(v, f, addr, mask)) {
            if (v.substr(0, v.find('/')) == "localhost") {
                parsePrefix(f == Family::Ipv4 ? "127.0.0.1" : "::1", f, addr, mask);
            } else if (Address::parse(v.substr(0, v.find('/')), f == Family::Ipv4 ? Family::Ipv6 : Family::Ipv4)) {
                // the other family's address: iptables' own words, then why
                return fail(valueTok, f == Family::Ipv4
                                    ? tr("host/network \"%1\" not found: an IPv6 address belongs in ip6tables").arg(q(value))
                                    : tr("host/network \"%1\" not found: an IPv4 address belongs in iptables").arg(q(value)));
            } else {
                return fail(valueTok, tr("host/network \"%1\" not found").arg(q(value)));
            }
        }
        Criterion &c = add(kind, 0);
        m_rs.setAddresses(c, addr, mask);
        c.text = value;
        return true;
    }
    case In:
    case Out: {
        const auto kind = which == In ? Criterion::InIface : Criterion::OutIface;
        if (duplicate(kind))
            return fail(opt, tr("multiple %1 flags not allowed").arg(which == In ? QStringLiteral("-i") : QStringLiteral("-o")));
        if (value.size() >= 16)
            return fail(valueTok, tr("interface name \"%1\" must be shorter than IFNAMSIZ (15)").arg(q(value)));
        (which == In ? m_inTok : m_outTok) = m_curTok;
        Criterion &c = add(kind, 0);
        const bool wildcard = !value.empty() && value.back() == '+';
        c.c = wildcard ? 1 : 0;
        c.text = wildcard ? value.substr(0, value.size() - 1) : value;
        if (wildcard && c.text.empty() && !c.neg) {
            // "-i +" matches every interface: iptables drops it from the rule.
            m_rule.criteria.pop_back();
        }
        return true;
    }
    case Proto: {
        if (m_hasProto)
            return fail(opt, tr("multiple -p flags not allowed"));
        quint8 p = 0;
        if (!RuleParser::parseProtocol(value, p))
            return fail(valueTok, tr("unknown protocol \"%1\" specified").arg(q(value)));
        m_hasProto = true;
        m_protoNeg = m_neg;
        m_proto = p;
        if (p == 0) {
            if (m_neg)
                return fail(valueTok, tr("rule would never match protocol"));
            return true;
        }
        Criterion &c = add(Criterion::Proto, 0);
        c.a = p;
        c.text = value;
        return true;
    }
    case Counters: {
        // -c PACKETS BYTES, or -c PACKETS,BYTES as iptables 1.8.11 also takes
        std::string_view packets = value, bytes;
        const Token *bytesTok = valueTok;
        const auto comma = value.find(',');
        if (comma != std::string_view::npos) {
            packets = value.substr(0, comma);
            bytes = value.substr(comma + 1);
        } else if (m_it != m_end && !looksLikeOption(*m_it)) {
            bytesTok = m_it++;
            bytes = bytesTok->text;
        } else {
            return fail(valueTok, tr("-c requires packet and byte counter"));
        }
        if (packets.empty())
            return fail(valueTok, tr("-c requires packet and byte counter"));
        quint64 pk = 0, by = 0;
        if (!parseUInt(packets, pk, 10))
            return fail(valueTok, tr("-c packet counter not numeric"));
        if (!parseUInt(bytes, by, 10))
            return fail(bytesTok, tr("-c byte counter not numeric"));
        m_rule.packets = pk;
        m_rule.bytes = by;
        return true;
    }
    default:
        return true;
    }
}

bool OptionParser::startModule(const Token *opt)
{
    std::string_view name;
    if (!takeValue(opt, name))
        return false;
    ModuleState m;
    m.name = name;
    m.index = m_rs.moduleIndex(name);
    m.kind = moduleKind(name);
    m.firstCriterion = int(m_rule.criteria.size());
    m.statColumn = opt->column;
    // icmp and ttl exist for IPv4 only, icmp6 and hl for IPv6 only
    const bool v4Only = m.kind == ModuleState::Icmp || m.kind == ModuleState::TtlM;
    const bool v6Only = m.kind == ModuleState::Icmp6 || m.kind == ModuleState::HlM;
    if ((v4Only && family() == Family::Ipv6) || (v6Only && family() == Family::Ipv4))
        return fail(m_it - 1, tr("Couldn't load match \"%1\": it is an %2 match, and this is an %3 rule set")
                                      .arg(q(name), familyName(v4Only ? Family::Ipv4 : Family::Ipv6), familyName(family())));
    if (m.kind == ModuleState::Other) {
        Criterion &c = add(Criterion::Unknown, m.index);
        c.text = RuleParser::span(*m_curTok, *(m_it - 1));   // "-m name", or "-mname" alone
        m.unknownFrom = m_curTok;
        m.unknownCriterion = int(m_rule.criteria.size() - 1);
    }
    m_modules.push_back(m);
    return true;
}

bool OptionParser::moduleOption(ModuleState &m, const Token *opt, bool &handled)
{
    text::Word t = opt->text;
    std::string_view value;
    const quint16 mi = m.index;
    auto need = [&]() -> bool {
        if (!takeValue(opt, value))
            return false;
        if (value == "!") {   // intrapositioned negation
            m_neg = !m_neg;
            return takeValue(opt, value);
        }
        return true;
    };
    auto ports = [&](Criterion::Kind kind) -> bool {
        if (!need())
            return false;
        Criterion &c = add(kind, mi);
        c.text = value;
        if (!parsePortRange(m_it - 1, value, c.a, c.b))
            return false;
        if (c.a == 0 && c.b == 0xffff && !c.neg && (kind == Criterion::SrcPort || kind == Criterion::DstPort))
            m_rule.criteria.pop_back();   // "--sport :" matches every port; iptables drops it too
        return true;
    };
    auto address = [&](Criterion::Kind kind) -> bool {
        if (!need())
            return false;
        Address a, mk;
        if (!parsePrefix(value, family(), a, mk))
            return fail(m_it - 1, tr("host/network \"%1\" not found").arg(q(value)));
        Criterion &c = add(kind, mi);
        m_rs.setAddresses(c, a, mk);
        c.text = value;
        return true;
    };
    handled = true;
    switch (m.kind) {
    case ModuleState::Tcp:
    case ModuleState::Udp:
    case ModuleState::Sctp:
    case ModuleState::Dccp:
        if (t == "--sport" || t == "--source-port")
            return ports(Criterion::SrcPort);
        if (t == "--dport" || t == "--destination-port")
            return ports(Criterion::DstPort);
        if (m.kind == ModuleState::Tcp && t == "--syn") {
            Criterion &c = add(Criterion::TcpFlags, mi);
            c.a = 0x17;   // FIN,SYN,RST,ACK
            c.b = 0x02;
            c.text = t;
            return true;
        }
        if (m.kind == ModuleState::Tcp && t == "--tcp-flags") {
            std::string_view maskText, setText;
            if (!need())
                return false;
            maskText = value;
            if (!takeValue(opt, setText))
                return false;
            auto flags = [](std::string_view s, quint32 &out) {
                out = 0;
                while (!s.empty()) {
                    const auto comma = s.find(',');
                    const text::Word w = s.substr(0, comma);
                    if (w == "FIN") out |= 0x01;
                    else if (w == "SYN") out |= 0x02;
                    else if (w == "RST") out |= 0x04;
                    else if (w == "PSH") out |= 0x08;
                    else if (w == "ACK") out |= 0x10;
                    else if (w == "URG") out |= 0x20;
                    else if (w == "ALL") out |= 0x3f;
                    else if (w == "NONE") {}
                    else return false;
                    if (comma == std::string_view::npos)
                        break;
                    s.remove_prefix(comma + 1);
                }
                return true;
            };
            Criterion &c = add(Criterion::TcpFlags, mi);
            c.text = maskText;
            if (!flags(maskText, c.a))
                return fail(m_it - 2, tr("Unknown TCP flag \"%1\"").arg(q(maskText)));
            if (!flags(setText, c.b))
                return fail(m_it - 1, tr("Unknown TCP flag \"%1\"").arg(q(setText)));
            return true;
        }
        if (m.kind == ModuleState::Tcp && t == "--tcp-option") {
            if (!need())
                return false;
            quint64 v = 0;
            if (!parseUInt(value, v, 10) || v > 255)
                return fail(m_it - 1, tr("Unable to parse TCP option \"%1\"").arg(q(value)));
            Criterion &c = add(Criterion::TcpOption, mi);
            c.a = quint32(v);
            c.text = value;
            return true;
        }
        if ((m.kind == ModuleState::Sctp || m.kind == ModuleState::Dccp) && t.size() > 2) {
            // Chunk types, DCCP packet types and options: kept verbatim, undecidable.
            const Token *from = m_curTok;
            if (m_hasInline)
                m_hasInline = false;
            else
                while (m_it != m_end && !looksLikeOption(*m_it))
                    ++m_it;
            Criterion &c = add(Criterion::Unknown, mi);
            c.text = RuleParser::span(*from, *(m_it - 1));
            return true;
        }
        break;
    case ModuleState::Icmp6:
        if (t == "--icmpv6-type") {
            if (!need())
                return false;
            static const struct { std::string_view name; quint8 type, lo, hi; } names[] = {
                {"destination-unreachable", 1, 0, 255}, {"no-route", 1, 0, 0},
                {"communication-prohibited", 1, 1, 1}, {"beyond-scope", 1, 2, 2},
                {"address-unreachable", 1, 3, 3}, {"port-unreachable", 1, 4, 4},
                {"failed-policy", 1, 5, 5}, {"reject-route", 1, 6, 6},
                {"packet-too-big", 2, 0, 255}, {"time-exceeded", 3, 0, 255}, {"ttl-exceeded", 3, 0, 255},
                {"ttl-zero-during-transit", 3, 0, 0}, {"ttl-zero-during-reassembly", 3, 1, 1},
                {"parameter-problem", 4, 0, 255}, {"bad-header", 4, 0, 0},
                {"unknown-header-type", 4, 1, 1}, {"unknown-option", 4, 2, 2},
                {"echo-request", 128, 0, 255}, {"ping", 128, 0, 255},
                {"echo-reply", 129, 0, 255}, {"pong", 129, 0, 255},
                {"mld-listener-query", 130, 0, 255}, {"mld-listener-report", 131, 0, 255},
                {"mld-listener-done", 132, 0, 255}, {"mld-listener-reduction", 132, 0, 255},
                {"router-solicitation", 133, 0, 255}, {"router-advertisement", 134, 0, 255},
                {"neighbour-solicitation", 135, 0, 255}, {"neighbor-solicitation", 135, 0, 255},
                {"neighbour-advertisement", 136, 0, 255}, {"neighbor-advertisement", 136, 0, 255},
                {"redirect", 137, 0, 255},
            };
            Criterion &c = add(Criterion::IcmpType, mi);
            c.text = value;
            for (const auto &n : names) {
                if (n.name == value) {
                    c.a = n.type;
                    c.b = n.lo;
                    c.c = n.hi;
                    return true;
                }
            }
            // TYPE or TYPE/CODE, as ip6tables-save writes them
            const auto slash = value.find('/');
            quint64 type = 0, code = 0;
            if (!parseUInt(value.substr(0, slash), type, 10) || type > 255)
                return fail(m_it - 1, tr("Invalid ICMPv6 type \"%1\"").arg(q(value)));
            c.a = quint32(type);
            c.b = 0;
            c.c = 255;
            if (slash != std::string_view::npos) {
                if (!parseUInt(value.substr(slash + 1), code, 10) || code > 255)
                    return fail(m_it - 1, tr("Invalid ICMPv6 code \"%1\"").arg(q(value)));
                c.b = quint32(code);
                c.c = quint8(code);
            }
            return true;
        }
        break;
    case ModuleState::HlM:
        if (t == "--hl-eq" || t == "--hl-lt" || t == "--hl-gt") {
            if (!need())
                return false;
            Criterion &c = add(Criterion::Ttl, mi);
            c.text = value;
            c.a = t == "--hl-eq" ? 0 : t == "--hl-lt" ? 1 : 2;
            quint64 v = 0;
            if (!parseUInt(value, v, 10) || v > 255)
                return fail(m_it - 1, tr("hl: bad value for option \"%1\", or out of range (0-255).").arg(q(t)));
            c.b = quint32(v);
            return true;
        }
        break;
    case ModuleState::Icmp:
        if (t == "--icmp-type") {
            if (!need())
                return false;
            static const struct { std::string_view name; quint8 type, lo, hi; } names[] = {
                {"any", 255, 0, 255}, {"echo-reply", 0, 0, 255}, {"pong", 0, 0, 255},
                {"destination-unreachable", 3, 0, 255}, {"network-unreachable", 3, 0, 0},
                {"host-unreachable", 3, 1, 1}, {"protocol-unreachable", 3, 2, 2},
                {"port-unreachable", 3, 3, 3}, {"fragmentation-needed", 3, 4, 4},
                {"source-route-failed", 3, 5, 5}, {"network-unknown", 3, 6, 6},
                {"host-unknown", 3, 7, 7}, {"network-prohibited", 3, 9, 9},
                {"host-prohibited", 3, 10, 10}, {"TOS-network-unreachable", 3, 11, 11},
                {"TOS-host-unreachable", 3, 12, 12}, {"communication-prohibited", 3, 13, 13},
                {"host-precedence-violation", 3, 14, 14}, {"precedence-cutoff", 3, 15, 15},
                {"source-quench", 4, 0, 255}, {"redirect", 5, 0, 255}, {"network-redirect", 5, 0, 0},
                {"host-redirect", 5, 1, 1}, {"TOS-network-redirect", 5, 2, 2},
                {"TOS-host-redirect", 5, 3, 3}, {"echo-request", 8, 0, 255}, {"ping", 8, 0, 255},
                {"router-advertisement", 9, 0, 255}, {"router-solicitation", 10, 0, 255},
                {"time-exceeded", 11, 0, 255}, {"ttl-exceeded", 11, 0, 255},
                {"ttl-zero-during-transit", 11, 0, 0}, {"ttl-zero-during-reassembly", 11, 1, 1},
                {"parameter-problem", 12, 0, 255}, {"ip-header-bad", 12, 0, 0},
                {"required-option-missing", 12, 1, 1}, {"timestamp-request", 13, 0, 255},
                {"timestamp-reply", 14, 0, 255}, {"address-mask-request", 17, 0, 255},
                {"address-mask-reply", 18, 0, 255},
            };
            Criterion &c = add(Criterion::IcmpType, mi);
            c.text = value;
            for (const auto &n : names) {
                if (n.name == value) {
                    c.a = n.type;
                    c.b = n.lo;
                    c.c = n.hi;
                    return true;
                }
            }
            // TYPE, TYPE/CODE or TYPE/MIN:MAX (iptables 1.8.11 prints 255/0:255 as "any")
            const auto slash = value.find('/');
            quint64 type = 0, lo = 0, hi = 255;
            if (!parseUInt(value.substr(0, slash), type, 10) || type > 255)
                return fail(m_it - 1, tr("Invalid ICMP type \"%1\"").arg(q(value)));
            if (slash != std::string_view::npos) {
                const std::string_view codes = value.substr(slash + 1);
                const auto colon = codes.find(':');
                if (!parseUInt(codes.substr(0, colon), lo, 10) || lo > 255)
                    return fail(m_it - 1, tr("Invalid ICMP code \"%1\"").arg(q(value)));
                hi = lo;
                if (colon != std::string_view::npos && (!parseUInt(codes.substr(colon + 1), hi, 10) || hi > 255 || hi < lo))
                    return fail(m_it - 1, tr("Invalid ICMP code \"%1\"").arg(q(value)));
            }
            c.a = quint32(type);
            c.b = quint32(lo);
            c.c = quint8(hi);
            return true;
        }
        break;
    case ModuleState::Multiport: {
        Criterion::Kind kind;
        if (t == "--sports" || t == "--source-ports") kind = Criterion::MultiSrcPorts;
        else if (t == "--dports" || t == "--destination-ports") kind = Criterion::MultiDstPorts;
        else if (t == "--ports") kind = Criterion::MultiPorts;
        else break;
        if (!need())
            return false;
        for (auto i = size_t(m.firstCriterion); i < m_rule.criteria.size(); ++i) {
            if (m_rule.criteria[i].module == mi)
                return fail(opt, tr("multiport can only have one option"));
        }
        Criterion &c = add(kind, mi);
        c.text = value;
        c.a = quint32(m_rule.values.size());
        int slots = 0;
        std::string_view list = value;
        while (true) {
            const auto comma = list.find(',');
            quint32 lo = 0, hi = 0;
            if (!parsePortRange(m_it - 1, list.substr(0, comma), lo, hi))
                return false;
            slots += lo == hi ? 1 : 2;
            m_rule.values.push_back(lo << 16 | hi);
            if (comma == std::string_view::npos)
                break;
            list.remove_prefix(comma + 1);
        }
        if (slots > 15)
            return fail(m_it - 1, tr("too many ports specified"));
        c.b = quint32(m_rule.values.size()) - c.a;
        return true;
    }
    case ModuleState::Conntrack:
    case ModuleState::State: {
        if ((m.kind == ModuleState::State && t == "--state") || (m.kind == ModuleState::Conntrack && t == "--ctstate")) {
            if (!need())
                return false;
            Criterion &c = add(Criterion::CtState, mi);
            c.text = value;
            if (!ctStateBits(value, c.a))
                return fail(m_it - 1, tr("Bad ctstate \"%1\"").arg(q(value)));
            return true;
        }
        if (m.kind == ModuleState::State)
            break;
        if (t == "--ctproto") {
            if (!need())
                return false;
            quint8 p = 0;
            if (!RuleParser::parseProtocol(value, p))
                return fail(m_it - 1, tr("unknown protocol \"%1\" specified").arg(q(value)));
            if (p == 0)
                return fail(m_it - 1, tr("rule would never match protocol"));
            Criterion &c = add(Criterion::CtProto, mi);
            c.a = p;
            c.text = value;
            return true;
        }
        if (t == "--ctorigsrc") return address(Criterion::CtOrigSrc);
        if (t == "--ctorigdst") return address(Criterion::CtOrigDst);
        if (t == "--ctreplsrc") return address(Criterion::CtReplSrc);
        if (t == "--ctrepldst") return address(Criterion::CtReplDst);
        if (t == "--ctorigsrcport") return ports(Criterion::CtOrigSrcPort);
        if (t == "--ctorigdstport") return ports(Criterion::CtOrigDstPort);
        if (t == "--ctreplsrcport") return ports(Criterion::CtReplSrcPort);
        if (t == "--ctrepldstport") return ports(Criterion::CtReplDstPort);
        if (t == "--ctstatus") {
            if (!need())
                return false;
            Criterion &c = add(Criterion::CtStatus, mi);
            c.text = value;
            if (!ctStatusBits(value, c.a))
                return fail(m_it - 1, tr("Bad ctstatus \"%1\"").arg(q(value)));
            return true;
        }
        if (t == "--ctexpire") {
            if (!need())
                return false;
            Criterion &c = add(Criterion::CtExpire, mi);
            c.text = value;
            const auto colon = value.find(':');
            if (!parseU32(value.substr(0, colon), c.a))
                return fail(m_it - 1, tr("conntrack: bad value for option \"--ctexpire\" near \"%1\", or out of range (0-4294967295).").arg(q(value)));
            c.b = c.a;
            if (colon != std::string_view::npos && !parseU32(value.substr(colon + 1), c.b))
                return fail(m_it - 1, tr("conntrack: bad value for option \"--ctexpire\" near \"%1\", or out of range (0-4294967295).").arg(q(value)));
            if (c.a > c.b)
                return fail(m_it - 1, tr("expire min value %1 is greater than max value %2").arg(c.a).arg(c.b));
            return true;
        }
        if (t == "--ctdir") {
            if (!takeValue(opt, value))
                return false;
            Criterion &c = add(Criterion::CtDirection, mi);
            c.text = value;
            if (value == "ORIGINAL") c.a = 0;
            else if (value == "REPLY") c.a = 1;
            else return fail(m_it - 1, tr("Unknown --ctdir \"%1\"").arg(q(value)));
            return true;
        }
        break;
    }
    case ModuleState::MarkM:
    case ModuleState::ConnmarkM:
        if (t == "--mark") {
            if (!need())
                return false;
            Criterion &c = add(m.kind == ModuleState::MarkM ? Criterion::Mark : Criterion::ConnMark, mi);
            c.text = value;
            bool hadMask = false;
            if (!parseValueMask(value, c.a, c.b, hadMask))
                return fail(m_it - 1, tr("%1: bad integer value for option \"--mark\", or out of range: \"%2\"")
                                              .arg(q(m.name), q(value)));
            return true;
        }
        break;
    case ModuleState::Addrtype:
        if (t == "--src-type" || t == "--dst-type") {
            if (!need())
                return false;
            Criterion &c = add(t == "--src-type" ? Criterion::AddrSrcType : Criterion::AddrDstType, mi);
            c.text = value;
            c.c = m.limitIface;
            if (!addrTypeBits(value, c.a))
                return fail(m_it - 1, tr("addrtype: bad type \"%1\"").arg(q(value)));
            if (family() == Family::Ipv6) {
                // the kernel's checkentry for ip6tables, with its words
                if (c.a & AddrType::Blackhole)
                    return fail(m_it - 1, tr("ipv6 BLACKHOLE matching not supported"));
                if (c.a >= AddrType::Prohibit)
                    return fail(m_it - 1, tr("ipv6 PROHIBIT (THROW, NAT ..) matching not supported"));
                if (c.a & AddrType::Broadcast)
                    return fail(m_it - 1, tr("ipv6 does not support BROADCAST matching"));
            }
            return true;
        }
        if (t == "--limit-iface-in" || t == "--limit-iface-out") {
            const quint8 flag = t == "--limit-iface-in" ? 1 : 2;
            for (auto i = size_t(m.firstCriterion); i < m_rule.criteria.size(); ++i) {
                if (m_rule.criteria[i].module == mi)
                    m_rule.criteria[i].c |= flag;
            }
            m.limitIface |= flag;   // for the types given after it too; both at once is refused at the end
            return true;
        }
        break;
    case ModuleState::CommentM:
        if (t == "--comment") {
            if (!takeValue(opt, value))
                return false;
            if (value.size() > 255)
                return fail(m_it - 1, tr("COMMENT must be shorter than 256 characters"));
            Criterion &c = add(Criterion::Comment, mi);
            c.text = value;
            return true;
        }
        break;
    case ModuleState::Statistic:
        if (t == "--mode") {
            if (!takeValue(opt, value))
                return false;
            if (value == "random") m.statMode = 0;
            else if (value == "nth") m.statMode = 1;
            else return fail(m_it - 1, tr("statistic: bad mode \"%1\"").arg(q(value)));
            return true;
        }
        if (t == "--probability") {
            if (!need())
                return false;
            m.statNeg = m.statNeg || m_neg;
            m_neg = false;
            bool ok = false;
            m.probability = QByteArray(value.data(), qsizetype(value.size())).toDouble(&ok);
            if (!ok || !(m.probability >= 0 && m.probability <= 1))   // NaN too
                return fail(m_it - 1, tr("statistic: bad value for option \"--probability\", or out of range (0-1)."));
            m.hasProbability = true;
            m.statText = value;
            return true;
        }
        if (t == "--every" || t == "--packet") {
            if (!need())
                return false;
            m.statNeg = m.statNeg || m_neg;
            m_neg = false;
            quint32 v = 0;
            if (!parseU32(value, v) || (t == "--every" && v == 0))
                return fail(m_it - 1, tr("statistic: bad value for option \"%1\", or out of range (%2-4294967295).")
                                              .arg(q(t)).arg(t == "--every" ? 1 : 0));
            if (t == "--every") {
                m.every = v;
                m.hasEvery = true;
                m.statText = value;
            } else {
                m.packet = v;
                m.hasPacket = true;
            }
            return true;
        }
        break;
    case ModuleState::Iprange:
        if (t == "--src-range" || t == "--dst-range") {
            if (!need())
                return false;
            Criterion &c = add(t == "--src-range" ? Criterion::IpRangeSrc : Criterion::IpRangeDst, mi);
            c.text = value;
            const auto dash = value.find('-');
            const auto lo = Address::parse(value.substr(0, dash), family());
            const auto hi = dash == std::string_view::npos ? lo : Address::parse(value.substr(dash + 1), family());
            if (!lo || !hi)
                return fail(m_it - 1, tr("iprange: bad address range \"%1\"").arg(q(value)));
            m_rs.setAddresses(c, *lo, *hi);
            return true;
        }
        break;
    case ModuleState::Physdev:
        if (t == "--physdev-in" || t == "--physdev-out") {
            if (!need())
                return false;
            Criterion &c = add(t == "--physdev-in" ? Criterion::PhysdevIn : Criterion::PhysdevOut, mi);
            const bool wildcard = !value.empty() && value.back() == '+';
            c.c = wildcard ? 1 : 0;
            c.text = wildcard ? value.substr(0, value.size() - 1) : value;
            return true;
        }
        if (t == "--physdev-is-in") { add(Criterion::PhysdevIsIn, mi).text = t; return true; }
        if (t == "--physdev-is-out") { add(Criterion::PhysdevIsOut, mi).text = t; return true; }
        if (t == "--physdev-is-bridged") { add(Criterion::PhysdevIsBridged, mi).text = t; return true; }
        break;
    case ModuleState::Pkttype:
        if (t == "--pkt-type") {
            if (!need())
                return false;
            Criterion &c = add(Criterion::PktType, mi);
            c.text = value;
            if (value == "unicast" || value == "host") c.a = 0;
            else if (value == "broadcast") c.a = 1;
            else if (value == "multicast") c.a = 2;
            else if (value == "otherhost") c.a = 3;
            else return fail(m_it - 1, tr("Bad packet type \"%1\"").arg(q(value)));
            return true;
        }
        break;
    case ModuleState::LengthM:
        if (t == "--length") {
            if (!need())
                return false;
            Criterion &c = add(Criterion::Length, mi);
            c.text = value;
            const auto colon = value.find(':');
            quint64 lo = 0, hi = 0xffff;
            if (colon != 0 && !parseUInt(value.substr(0, colon), lo, 10))
                return fail(m_it - 1, tr("length: bad value for option \"--length\" near \"%1\", or out of range (0-65535).").arg(q(value)));
            if (colon == std::string_view::npos)
                hi = lo;
            else if (colon + 1 < value.size() && !parseUInt(value.substr(colon + 1), hi, 10))
                return fail(m_it - 1, tr("length: bad value for option \"--length\" near \"%1\", or out of range (0-65535).").arg(q(value)));
            if (lo > 0xffff || hi > 0xffff)
                return fail(m_it - 1, tr("length: bad value for option \"--length\" near \"%1\", or out of range (0-65535).").arg(q(value)));
            if (lo > hi)   // iptables 1.8.11 refuses what older versions let through
                return fail(m_it - 1, tr("length: invalid range \"%1\" (min > max)").arg(q(value)));
            c.a = quint32(lo);
            c.b = quint32(hi);
            return true;
        }
        break;
    case ModuleState::LimitM:
        if (t == "--limit" || t == "--limit-burst") {
            if (!takeValue(opt, value))
                return false;
            if (m_neg)
                return fail(opt, tr("limit does not support invert"));
            Criterion *c = nullptr;
            for (auto i = size_t(m.firstCriterion); i < m_rule.criteria.size(); ++i) {
                if (m_rule.criteria[i].kind == Criterion::Limit)
                    c = &m_rule.criteria[i];
            }
            if (!c) {
                c = &add(Criterion::Limit, mi);
                c->a = 3 * 10000 / 3600;
                c->b = 5;
                c->text = value;
            }
            if (t == "--limit-burst") {
                quint64 v = 0;
                if (!parseUInt(value, v, 10) || v > 10000)
                    return fail(m_it - 1, tr("bad --limit-burst \"%1\"").arg(q(value)));
                c->b = quint32(v);
            } else {
                const auto slash = value.find('/');
                quint64 n = 0;
                if (!parseUInt(value.substr(0, slash), n, 10) || n == 0)
                    return fail(m_it - 1, tr("bad rate \"%1\"").arg(q(value)));
                quint64 seconds = 1;
                if (slash != std::string_view::npos) {
                    const std::string_view unit = value.substr(slash + 1);
                    if (unit.empty() || std::string_view("second").substr(0, unit.size()) == unit) {}
                    else if (std::string_view("minute").substr(0, unit.size()) == unit) seconds = 60;
                    else if (std::string_view("hour").substr(0, unit.size()) == unit) seconds = 3600;
                    else if (std::string_view("day").substr(0, unit.size()) == unit) seconds = 86400;
                    else return fail(m_it - 1, tr("bad rate \"%1\"").arg(q(value)));
                }
                // iptables keeps the interval in 1/10000 s: a faster rate cannot be expressed.
                if (n > 10000 * seconds)
                    return fail(m_it - 1, tr("Rate too fast \"%1\"").arg(q(value)));
                c->text = value;
                c->a = quint32(std::max<quint64>(1, n * 10000 / seconds));
            }
            return true;
        }
        break;
    case ModuleState::Owner:
        if (t == "--uid-owner" || t == "--gid-owner") {
            if (!need())
                return false;
            Criterion &c = add(t == "--uid-owner" ? Criterion::OwnerUid : Criterion::OwnerGid, mi);
            c.text = value;
            m.gidOwner = m.gidOwner || t == "--gid-owner";
            const auto dash = value.find('-');
            if (!parseU32(value.substr(0, dash), c.a)) {
                if (value == "root") {
                    c.a = 0;
                } else {
                    // A user name needs the node's passwd: kept, but undecidable.
                    c.kind = Criterion::Unknown;
                    c.text = RuleParser::span(*m_curTok, *(m_it - 1));
                    return true;
                }
            }
            c.b = c.a;
            if ((dash != std::string_view::npos && !parseU32(value.substr(dash + 1), c.b)) || c.a > c.b)
                return fail(m_it - 1, tr("owner: bad value for option \"%1\": \"%2\"").arg(q(t), q(value)));
            return true;
        }
        if (t == "--socket-exists") { add(Criterion::OwnerSocketExists, mi).text = t; return true; }
        if (t == "--suppl-groups") {
            if (m_neg)
                return fail(m_negToken, tr("owner: option \"--suppl-groups\" cannot be inverted."));
            if (!m.gidOwner)
                return fail(opt, tr("owner: Bad value for \"--suppl-groups\" option: \"you need to use --gid-owner first\""));
            return true;
        }
        break;
    case ModuleState::SetM:
        if (t == "--match-set" || t == "--set") {
            std::string_view flags;
            if (!need())
                return false;
            if (m_it == m_end || looksLikeOption(*m_it))
                return fail(opt, tr("--match-set requires two args."));
            flags = m_it++->text;
            Criterion &c = add(Criterion::Set, mi);
            c.text = value;
            int n = 0;
            quint32 dirs = 0;
            for (std::string_view f = flags; !f.empty();) {
                const auto comma = f.find(',');
                const text::Word w = f.substr(0, comma);
                if (w == "src") dirs |= 1u << n;
                else if (w != "dst")
                    return fail(m_it - 1, tr("You must specify (the comma separated list of) 'src' or 'dst'"));
                ++n;
                if (comma == std::string_view::npos)
                    break;
                f.remove_prefix(comma + 1);
            }
            c.a = quint32(n);
            c.b = dirs;
            return true;
        }
        // Counter conditions and flags: kept in the rule text; the set's contents decide
        // the match and the engine treats a set without them as undecidable anyway.
        if (t == "--return-nomatch" || t == "--update-counters" || t == "--update-subcounters") {
            if (t == "--return-nomatch")
                m.setFlags |= SetFlags::ReturnNomatch;
            else if (m_neg)
                m.setFlags |= t == "--update-counters" ? SetFlags::NoCounterUpdate : SetFlags::NoSubcounterUpdate;
            m_neg = false;
            return true;
        }
        if (t == "--packets-eq" || t == "--packets-lt" || t == "--packets-gt" || t == "--bytes-eq"
            || t == "--bytes-lt" || t == "--bytes-gt") {
            if (!need())
                return false;
            m_neg = false;
            m.setFlags |= SetFlags::CounterTest;
            quint64 n = 0;
            if (!parseUInt(value, n, 10))
                return fail(m_it - 1, tr("set: bad value for option \"%1\": \"%2\"").arg(q(t), q(value)));
            return true;
        }
        break;
    case ModuleState::Mac:
        if (t == "--mac-source") {
            if (!need())
                return false;
            Criterion &c = add(Criterion::MacSource, mi);
            c.text = value;
            bool ok = value.size() == 17;
            for (size_t i = 0; ok && i < value.size(); ++i)
                ok = i % 3 == 2 ? value[i] == ':' : std::isxdigit(static_cast<unsigned char>(value[i])) != 0;
            if (!ok)
                return fail(m_it - 1, tr("Invalid MAC address specified: \"%1\"").arg(q(value)));
            return true;
        }
        break;
    case ModuleState::TtlM:
        if (t == "--ttl-eq" || t == "--ttl-lt" || t == "--ttl-gt") {
            if (!need())
                return false;
            Criterion &c = add(Criterion::Ttl, mi);
            c.text = value;
            c.a = t == "--ttl-eq" ? 0 : t == "--ttl-lt" ? 1 : 2;
            quint64 v = 0;
            if (!parseUInt(value, v, 10) || v > 255)
                return fail(m_it - 1, tr("ttl: bad value for option \"%1\", or out of range (0-255).").arg(q(t)));
            c.b = quint32(v);
            return true;
        }
        break;
    case ModuleState::RecentM: {
        int command = -1;
        if (t == "--set") command = RecentFlags::Set;
        else if (t == "--rcheck") command = RecentFlags::Check;
        else if (t == "--update") command = RecentFlags::Update;
        else if (t == "--remove") command = RecentFlags::Remove;
        if (command >= 0) {
            m.recentTwice = m.recentTwice || m.recentCommand >= 0;
            m.recentCommand = command;
            m.recentNeg = m_neg;
            m_neg = false;
            return true;
        }
        if (t == "--seconds" || t == "--hitcount") {
            if (!takeValue(opt, value))
                return false;
            quint32 v = 0;
            if (!parseU32(value, v))
                return fail(m_it - 1, tr("recent: bad value for option \"%1\", or out of range (0-4294967295).").arg(q(t)));
            (t == "--seconds" ? m.recentSeconds : m.recentHits) = v;
            return true;
        }
        if (t == "--reap") { m.recentFlags |= RecentFlags::Reap; return true; }
        if (t == "--rttl") { m.recentFlags |= RecentFlags::Ttl; return true; }
        if (t == "--rsource") { m.recentFlags &= quint8(~RecentFlags::Dest); return true; }
        if (t == "--rdest") { m.recentFlags |= RecentFlags::Dest; return true; }
        if (t == "--name") {
            if (!takeValue(opt, value))
                return false;
            if (value.empty() || value.size() >= 200)
                return fail(m_it - 1, tr("recent: the name must be 1 to 199 characters long"));
            m.recentName = value;
            return true;
        }
        if (t == "--mask") {
            if (!takeValue(opt, value))
                return false;
            const auto mask = Address::parse(value, family());
            if (!mask)
                return fail(m_it - 1, tr("host/network \"%1\" not found").arg(q(value)));
            m.recentMask = family() == Family::Ipv4 ? Address::v4Mask(mask->v4()) : *mask;
            return true;
        }
        break;
    }
    case ModuleState::NfacctM:
        if (t == "--nfacct-name") {
            if (m_neg)
                return fail(m_negToken, tr("nfacct: option \"--nfacct-name\" cannot be inverted."));
            if (!takeValue(opt, value))
                return false;
            if (value.empty() || value.size() >= 32)
                return fail(m_it - 1, tr("nfacct: name \"%1\" must be 1 to 31 characters long").arg(q(value)));
            add(Criterion::Nfacct, mi).text = value;
            return true;
        }
        break;
    case ModuleState::Other:
        break;
    }
    handled = false;
    return true;
}

void OptionParser::insertCriterion(const ModuleState &m, const Criterion &c)
{
    // Modules finish after every option is read; their criterion goes where the module was
    // written, so explanations follow the rule's order.
    size_t pos = m_rule.criteria.size();
    bool later = false;
    for (ModuleState &o : m_modules) {
        if (later) {
            if (pos == m_rule.criteria.size())
                pos = size_t(o.firstCriterion);
            ++o.firstCriterion;
            if (o.unknownCriterion >= 0)
                ++o.unknownCriterion;
        }
        later = later || &o == &m;
    }
    m_rule.criteria.insert(m_rule.criteria.begin() + qsizetype(pos), c);
}

bool OptionParser::finishModule(ModuleState &m)
{
    // The -m token, for messages: found only when there is one to give.
    const auto at = [&] {
        const Token *found = m_first;
        for (const Token *t = m_first; t != m_end; ++t) {
            if (t->column == m.statColumn)
                found = t;
        }
        return found;
    };
    const auto protoOk = [&](quint8 want) { return m_hasProto && !m_protoNeg && m_proto == want; };
    bool any = false;   // a criterion of this module was given
    for (auto i = size_t(m.firstCriterion); i < m_rule.criteria.size(); ++i)
        any = any || m_rule.criteria[i].module == m.index;
    // Required options first, as iptables checks them before the kernel sees the protocol.
    const auto required = [&](const char *option) {
        return fail(at(), tr("%1: option \"%2\" must be specified").arg(q(m.name), QLatin1String(option)));
    };
    switch (m.kind) {
    case ModuleState::Tcp:
        if (!protoOk(ProtoTcp))
            return fail(at(), tr("tcp match: only valid for protocol 6 (use -p tcp)"));
        break;
    case ModuleState::Udp:
        if (!protoOk(ProtoUdp))
            return fail(at(), tr("udp match: only valid for protocol 17 (use -p udp)"));
        break;
    case ModuleState::Sctp:
        if (!protoOk(ProtoSctp))
            return fail(at(), tr("sctp match: only valid for protocol 132 (use -p sctp)"));
        break;
    case ModuleState::Dccp:
        if (!protoOk(ProtoDccp))
            return fail(at(), tr("dccp match: only valid for protocol 33 (use -p dccp)"));
        break;
    case ModuleState::Icmp:
        if (!any)
            return required("--icmp-type");
        if (!protoOk(ProtoIcmp))
            return fail(at(), tr("icmp match: only valid for protocol 1 (use -p icmp)"));
        break;
    case ModuleState::Icmp6:
        if (!any)
            return required("--icmpv6-type");
        if (!protoOk(ProtoIcmpv6))
            return fail(at(), tr("icmp6 match: only valid for protocol 58 (use -p ipv6-icmp)"));
        break;
    case ModuleState::HlM:
        if (!any)
            return fail(at(), tr("hl match: You must specify one of \"--hl-eq\", \"--hl-lt\", \"--hl-gt\""));
        break;
    case ModuleState::Multiport:
        if (!m.sawOption)
            return fail(at(), tr("multiport expects an option"));
        if (!(m_hasProto && !m_protoNeg && isPortProto(m_proto)))
            return fail(at(), tr("multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP"));
        break;
    case ModuleState::State:
        if (!any)
            return required("--state");
        break;
    case ModuleState::MarkM:
    case ModuleState::ConnmarkM:
        if (!any)
            return required("--mark");
        break;
    case ModuleState::Pkttype:
        if (!any)
            return required("--pkt-type");
        break;
    case ModuleState::LengthM:
        if (!any)
            return required("--length");
        break;
    case ModuleState::SetM:
        if (!any)
            return required("--match-set");
        for (auto i = size_t(m.firstCriterion); i < m_rule.criteria.size(); ++i) {
            if (m_rule.criteria[i].module == m.index && m_rule.criteria[i].kind == Criterion::Set)
                m_rule.criteria[i].c = m.setFlags;
        }
        break;
    case ModuleState::NfacctM:
        if (!any)
            return required("--nfacct-name");
        break;
    case ModuleState::RecentM: {
        // libxt_recent's checks, then the kernel's (recent_mt_check).
        if (m.recentCommand < 0)
            return fail(at(), tr("recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'"));
        if (m.recentTwice)
            return fail(at(), tr("recent: only one of `--set', `--rcheck' `--update' or `--remove' may be set"));
        const bool setOrRemove = m.recentCommand == RecentFlags::Set || m.recentCommand == RecentFlags::Remove;
        if ((m.recentFlags & RecentFlags::Ttl) && setOrRemove)
            return fail(at(), tr("recent: --rttl may only be used with --rcheck or --update"));
        if (setOrRemove && (m.recentSeconds || m.recentHits || (m.recentFlags & RecentFlags::Reap)))
            return fail(at(), tr("xt_recent: --seconds, --hitcount and --reap need --rcheck or --update"));
        if ((m.recentFlags & RecentFlags::Reap) && !m.recentSeconds)
            return fail(at(), tr("xt_recent: --reap needs --seconds"));
        if (m.recentHits > 65535)
            return fail(at(), tr("xt_recent: hitcount (%1) is larger than allowed maximum (65535)").arg(m.recentHits));
        Criterion c;
        c.kind = Criterion::Recent;
        c.neg = m.recentNeg;
        c.module = m.index;
        c.text = m.recentName;
        c.a = m.recentSeconds;
        m_rs.setAddresses(c, Address(), m.recentMask);
        c.c = quint8(m.recentCommand) | m.recentFlags;
        c.d = quint16(m.recentHits);
        insertCriterion(m, c);
        break;
    }
    case ModuleState::Mac:
        if (!any)
            return required("--mac-source");
        break;
    case ModuleState::CommentM:
        if (!any)
            return required("--comment");
        break;
    case ModuleState::Iprange:
        if (!any)
            return fail(at(), tr("iprange match: You must specify \"--src-range\" or \"--dst-range\""));
        break;
    case ModuleState::TtlM:
        if (!any)
            return fail(at(), tr("TTL match: You must specify one of \"--ttl-eq\", \"--ttl-lt\", \"--ttl-gt\""));
        break;
    case ModuleState::Conntrack:
        if (!any)
            return fail(at(), tr("conntrack: At least one option is required"));
        break;
    case ModuleState::Physdev:
        if (!any)
            return fail(at(), tr("PHYSDEV: no physdev option specified"));
        break;
    case ModuleState::Addrtype:
        if (!any)
            return fail(at(), tr("addrtype: you must specify --src-type or --dst-type"));
        if (m.limitIface == 3)
            return fail(at(), tr("addrtype: option \"--limit-iface-in\" cannot be used together with \"--limit-iface-out\"."));
        break;
    case ModuleState::Statistic: {
        if (m.statMode < 0) {
            // iptables defaults to random mode only when nothing at all was given
            if (m.hasProbability || m.hasEvery || m.hasPacket)
                return fail(at(), tr("statistic: option \"--mode\" must be specified"));
            return fail(at(), tr("--probability must be specified when using random mode"));
        }
        Criterion c;
        c.neg = m.statNeg;
        c.module = m.index;
        c.text = m.statText;
        if (m.statMode == 0) {
            if (m.hasEvery || m.hasPacket)
                return fail(at(), tr("--every and --packet can only be used in nth mode"));
            if (!m.hasProbability)
                return fail(at(), tr("--probability must be specified when using random mode"));
            c.kind = Criterion::StatRandom;
            // The kernel keeps the probability as a 31-bit threshold.
            c.a = quint32(std::lround(m.probability * double(0x80000000u)));
        } else {
            if (m.hasProbability)
                return fail(at(), tr("--probability can only be used in random mode"));
            if (!m.hasEvery)
                return fail(at(), tr("--every must be specified in nth mode"));
            if (!m.hasPacket)
                return fail(at(), tr("statistic: option \"--every\" also requires \"--packet\"."));
            if (m.packet > m.every - 1)
                return fail(at(), tr("the --packet p must be 0 <= p <= n-1"));
            c.kind = Criterion::StatNth;
            c.a = m.every;
            c.b = m.packet;
        }
        insertCriterion(m, c);
        break;
    }
    case ModuleState::LimitM: {
        bool any = false;
        for (auto i = size_t(m.firstCriterion); i < m_rule.criteria.size(); ++i)
            any = any || m_rule.criteria[i].kind == Criterion::Limit;
        if (!any) {
            Criterion c;
            c.kind = Criterion::Limit;
            c.module = m.index;
            c.a = 3 * 10000 / 3600;
            c.b = 5;
            insertCriterion(m, c);
        }
        break;
    }
    case ModuleState::Owner:
        if (tableBase(m_table) != TableId::Raw) {
            Hook h;
            if (hookFromChainName(m_chain, h) && h != Hook::Output && h != Hook::Postrouting)
                return fail(at(), tr("owner match: only valid in the OUTPUT and POSTROUTING chains"));
        }
        break;
    default:
        break;
    }
    return true;
}

bool OptionParser::parseTarget(const Token *opt, bool isGoto)
{
    if (m_hasTarget)
        return fail(opt, tr("multiple -j flags not allowed"));
    std::string_view name;
    if (!takeValue(opt, name))
        return false;
    if (name.empty())
        return fail(m_it - 1, tr("a target name is required after %1").arg(q(opt->text)));
    m_hasTarget = true;
    m_targetToken = m_curTok;
    Target &tg = m_rule.target;
    tg.name = name;
    m_targetArgsBegin = m_it;
    if (isGoto) {
        tg.kind = Target::Goto;
        return true;
    }
    struct { std::string_view name; Target::Kind kind; } static const known[] = {
        {"ACCEPT", Target::Accept}, {"DROP", Target::Drop}, {"REJECT", Target::Reject},
        {"RETURN", Target::Return}, {"QUEUE", Target::Queue}, {"NFQUEUE", Target::Queue},
        {"LOG", Target::Log}, {"NFLOG", Target::Nflog}, {"ULOG", Target::Nflog},
        {"TRACE", Target::TraceTarget}, {"MARK", Target::Mark}, {"CONNMARK", Target::ConnMark},
        {"DNAT", Target::Dnat}, {"SNAT", Target::Snat}, {"MASQUERADE", Target::Masquerade},
        {"REDIRECT", Target::Redirect}, {"NETMAP", Target::Netmap}, {"CT", Target::Ct},
        {"NOTRACK", Target::Notrack},
        {"TCPMSS", Target::Continue}, {"CLASSIFY", Target::Continue}, {"DSCP", Target::Continue},
        {"TOS", Target::Continue}, {"ECN", Target::Continue}, {"TTL", Target::Continue},
        {"SECMARK", Target::Continue}, {"CONNSECMARK", Target::Continue}, {"AUDIT", Target::Continue},
        {"CHECKSUM", Target::Continue}, {"IDLETIMER", Target::Continue}, {"LED", Target::Continue},
        {"RATEEST", Target::Continue}, {"TEE", Target::Continue}, {"SET", Target::Continue},
        {"TCPOPTSTRIP", Target::Continue}, {"NFACCT", Target::Continue}, {"HMARK", Target::Continue},
        // They answer or divert the packet themselves: kept, options checked, traces uncertain.
        {"SYNPROXY", Target::Unknown}, {"TPROXY", Target::Unknown},
    };
    tg.kind = Target::Jump;   // a user chain unless the name is a target we know
    for (const auto &k : known) {
        if (k.name == name) {
            tg.kind = k.kind;
            break;
        }
    }
    // A chain declared with a target's name wins, as in iptables and the kernel (`:CLASSIFY
    // - [0:0]` ... `-j CLASSIFY` jumps to the chain). The standard verdicts cannot be chains.
    const bool standard = tg.kind == Target::Jump || tg.kind == Target::Accept || tg.kind == Target::Drop
            || tg.kind == Target::Return || name == "QUEUE";
    if (!standard && m_rs.table(m_table).chainIndex(name) >= 0) {
        tg.kind = Target::Jump;
        m_targetIsChain = true;
        return true;
    }
    m_kept = TargetOptions::find(name);
    if (tg.kind == Target::Mark || tg.kind == Target::ConnMark) {
        tg.a = 0;
        tg.b = 0;
    }
    return true;
}

bool OptionParser::targetOption(const Token *opt, bool &handled)
{
    Target &tg = m_rule.target;
    text::Word t = opt->text;
    std::string_view value;
    handled = true;
    auto once = [&]() -> bool {
        for (auto s : m_seenOptions) {
            if (s == t)
                return fail(opt, tr("%1: option \"%2\" can only be used once.").arg(q(tg.name), q(t)));
        }
        m_seenOptions.push_back(t);
        return true;
    };
    auto markValue = [&](quint32 &v, quint32 &mask, bool &hadMask) -> bool {
        if (!takeValue(opt, value))
            return false;
        if (!parseValueMask(value, v, mask, hadMask))
            return fail(m_it - 1, tr("%1: bad integer value for option \"%2\", or out of range.").arg(q(tg.name), q(t)));
        return true;
    };
    switch (tg.kind) {
    case Target::Mark:
    case Target::ConnMark: {
        quint32 v = 0, mask = 0;
        bool hadMask = false;
        const bool connmark = tg.kind == Target::ConnMark;
        if (t == "--set-xmark" || t == "--set-mark") {
            if (m_markMode >= 0)
                return fail(opt, tr("%1 target: Can't specify more than one mark operation").arg(q(tg.name)));
            if (!markValue(v, mask, hadMask))
                return false;
            m_markMode = 0;
            tg.mode = 0;
            tg.a = v;
            tg.b = t == "--set-xmark" ? mask : (hadMask ? (mask | v) : 0xffffffffu);
            return true;
        }
        if (t == "--and-mark" || t == "--or-mark" || t == "--xor-mark") {
            if (m_markMode >= 0)
                return fail(opt, tr("%1 target: Can't specify more than one mark operation").arg(q(tg.name)));
            if (!takeValue(opt, value))
                return false;
            if (!parseU32(value, v))
                return fail(m_it - 1, tr("%1: bad integer value for option \"%2\", or out of range.").arg(q(tg.name), q(t)));
            m_markMode = 0;
            tg.mode = 0;
            if (t == "--and-mark") { tg.a = 0; tg.b = ~v; }
            else if (t == "--or-mark") { tg.a = v; tg.b = v; }
            else { tg.a = v; tg.b = 0; }
            return true;
        }
        if (connmark && (t == "--save-mark" || t == "--restore-mark")) {
            if (m_markMode >= 0)
                return fail(opt, tr("CONNMARK target: Can't specify more than one mark operation"));
            m_markMode = t == "--save-mark" ? 1 : 2;
            tg.mode = quint8(m_markMode);
            tg.a = 0xffffffffu;   // nfmask
            tg.b = 0xffffffffu;   // ctmask
            return true;
        }
        if (connmark && (t == "--nfmask" || t == "--ctmask" || t == "--mask")) {
            if (!takeValue(opt, value))
                return false;
            if (!parseU32(value, v))
                return fail(m_it - 1, tr("%1: bad integer value for option \"%2\", or out of range.").arg(q(tg.name), q(t)));
            if (t != "--ctmask") tg.a = v;
            if (t != "--nfmask") tg.b = v;
            return true;
        }
        break;
    }
    case Target::Dnat:
    case Target::Snat:
    case Target::Netmap:
        if ((tg.kind == Target::Dnat && t == "--to-destination") || (tg.kind == Target::Snat && t == "--to-source")
            || (tg.kind == Target::Netmap && t == "--to")) {
            if (!once())
                return false;
            if (!takeValue(opt, value))
                return false;
            const Token *vt = m_it - 1;
            m_natTo = true;
            if (tg.kind == Target::Netmap) {
                Address mask;
                if (!parsePrefix(value, family(), tg.addrLo, mask))
                    return fail(vt, tr("Bad IP address \"%1\"").arg(q(value)));
                tg.addrHi = tg.addrLo | ~mask;
                return true;
            }
            std::string_view addrs = value, portsText;
            const auto colon = family() == Family::Ipv4 ? value.find(':') : value.rfind("]:");
            if (colon != std::string_view::npos) {
                addrs = value.substr(0, colon + (family() == Family::Ipv4 ? 0 : 1));
                portsText = value.substr(colon + (family() == Family::Ipv4 ? 1 : 2));
            }
            if (!addrs.empty()) {
                // ip6tables writes "[ADDR]:PORT" and "[LO]-[HI]"
                const auto dash = family() == Family::Ipv4 ? addrs.find('-') : addrs.find("]-[") != std::string_view::npos ? addrs.find("]-[") + 1 : addrs.find('-');
                auto unbracket = [](std::string_view a) {
                    if (a.size() >= 2 && a.front() == '[' && a.back() == ']')
                        return a.substr(1, a.size() - 2);
                    return a;
                };
                const auto lo = Address::parse(unbracket(addrs.substr(0, dash)), family());
                const auto hi = dash == std::string_view::npos ? lo : Address::parse(unbracket(addrs.substr(dash + 1)), family());
                if (!lo || !hi)
                    return fail(vt, tr("Bad IP address \"%1\"").arg(q(addrs)));
                if (*lo > *hi)
                    return fail(vt, tr("Bad IP range \"%1\"").arg(q(addrs)));
                tg.addrLo = *lo;
                tg.addrHi = *hi;
            }
            if (colon != std::string_view::npos) {
                if (!(m_hasProto && !m_protoNeg && isPortProto(m_proto)))
                    return fail(vt, tr("Need TCP, UDP, SCTP or DCCP with port specification"));
                const auto slash = portsText.find('/');
                quint16 lo = 0, hi = 0, shift = 0;
                if (!natPortRange(vt, portsText.substr(0, slash), 1, lo, hi))
                    return false;
                if (slash != std::string_view::npos && !natPortRange(vt, portsText.substr(slash + 1), 1, shift, shift, false))
                    return false;
                tg.portLo = lo;
                tg.portHi = hi;
            }
            return true;
        }
        if (t == "--random" || t == "--persistent" || (tg.kind == Target::Snat && t == "--random-fully"))
            return once();
        break;
    case Target::Masquerade:
    case Target::Redirect:
        if (t == "--to-ports") {
            if (!once())
                return false;
            if (!takeValue(opt, value))
                return false;
            if (!(m_hasProto && !m_protoNeg && isPortProto(m_proto)))
                return fail(m_it - 1, tr("Need TCP, UDP, SCTP or DCCP with port specification"));
            if (value.find('/') != std::string_view::npos)
                return fail(m_it - 1, tr("Shifted portmap ranges not supported with this kernel"));
            // REDIRECT and MASQUERADE take port 0 (keep the port), DNAT and SNAT do not
            if (!natPortRange(m_it - 1, value, 0, tg.portLo, tg.portHi))
                return false;
            m_natPorts = true;
            return true;
        }
        if (t == "--random" || (tg.kind == Target::Masquerade && t == "--random-fully"))
            return once();
        break;
    case Target::Reject:
        if (t == "--reject-with") {
            if (!takeValue(opt, value))
                return false;
            static const std::string_view types[] = {
                "icmp-net-unreachable", "net-unreach", "icmp-host-unreachable", "host-unreach",
                "icmp-proto-unreachable", "proto-unreach", "icmp-port-unreachable", "port-unreach",
                "icmp-net-prohibited", "net-prohib", "icmp-host-prohibited", "host-prohib",
                "tcp-reset", "tcp-rst", "icmp-admin-prohibited", "admin-prohib"};
            static const std::string_view types6[] = {
                "icmp6-no-route", "no-route", "icmp6-adm-prohibited", "adm-prohibited",
                "icmp6-addr-unreachable", "addr-unreach", "icmp6-port-unreachable", "port-unreach",
                "icmp6-policy-fail", "policy-fail", "icmp6-reject-route", "reject-route", "tcp-reset"};
            bool ok = false;
            if (family() == Family::Ipv4) {
                for (auto ty : types)
                    ok = ok || ty == value;
            } else {
                for (auto ty : types6)
                    ok = ok || ty == value;
            }
            if (!ok)
                return fail(m_it - 1, tr("unknown reject type \"%1\"").arg(q(value)));
            if ((value == "tcp-reset" || value == "tcp-rst") && !(m_hasProto && !m_protoNeg && m_proto == ProtoTcp))
                return fail(m_it - 1, tr("REJECT: TCP_RESET invalid for non-tcp"));
            tg.args = value;
            return true;
        }
        break;
    case Target::Log:
        if (t == "--log-prefix") {
            if (!takeValue(opt, value))
                return false;
            if (value.empty())
                return fail(m_it - 1, tr("No prefix specified for --log-prefix"));
            if (value.size() > 29)
                return fail(m_it - 1, tr("Maximum prefix length 29 for --log-prefix"));
            if (value.find('\n') != std::string_view::npos)
                return fail(m_it - 1, tr("Newlines not allowed in --log-prefix"));
            tg.args = value;
            return true;
        }
        if (t == "--log-level") {
            if (!takeValue(opt, value))
                return false;
            static const std::string_view levels[] = {"emerg", "alert", "crit", "error", "err", "warning",
                                                      "warn", "notice", "info", "debug", "panic"};
            quint64 n = 0;
            bool ok = parseUInt(value, n, 10) && n <= 7;
            for (auto l : levels)
                ok = ok || l == value;
            if (!ok)
                return fail(m_it - 1, tr("log level \"%1\" unknown").arg(q(value)));
            return true;
        }
        if (t == "--log-tcp-sequence" || t == "--log-tcp-options" || t == "--log-ip-options"
            || t == "--log-uid" || t == "--log-macdecode")
            return true;
        break;
    case Target::Ct: {
        if (t == "--notrack") {
            m_ctNotrack = 1;
            tg.mode = 1;
            return true;
        }
        if (t == "--zone" || t == "--zone-orig" || t == "--zone-reply") {
            if (!takeValue(opt, value))
                return false;
            quint64 zone = 0;
            if (value != "mark" && (!parseUInt(value, zone, 0) || zone > 65535))
                return fail(m_it - 1, tr("Cannot parse %1 as a zone ID").arg(q(value)));
            return true;
        }
        if (t == "--ctevents" || t == "--expevents") {
            if (!takeValue(opt, value))
                return false;
            static const std::string_view ct[] = {"new", "related", "destroy", "reply", "assured", "protoinfo",
                                                  "helper", "mark", "natseqinfo", "secmark"};
            for (std::string_view list = value;;) {
                const auto comma = list.find(',');
                const text::Word w = list.substr(0, comma);
                bool ok = t == "--expevents" ? w == "new" : false;
                for (auto e : ct)
                    ok = ok || (t == "--ctevents" && e == w);
                if (!ok)
                    return fail(m_it - 1, tr("CT: unknown event type \"%1\"").arg(q(w)));
                if (comma == std::string_view::npos)
                    break;
                list.remove_prefix(comma + 1);
            }
            return true;
        }
        if (t == "--helper" || t == "--timeout") {
            if (!takeValue(opt, value))
                return false;
            if (value.empty())
                return fail(m_it - 1, tr("CT: option \"%1\" requires a name").arg(q(t)));
            return true;
        }
        break;
    }
    case Target::Nflog: {
        // Kept for display; NFLOG continues like LOG. Ranges as iptables checks them.
        quint64 max = 0;
        if (t == "--nflog-group" || t == "--nflog-threshold")
            max = 65535;
        else if (t == "--nflog-range" || t == "--nflog-size")
            max = 0xffffffffull;
        if (max) {
            if (!takeValue(opt, value))
                return false;
            quint64 n = 0;
            if (!parseUInt(value, n, 10) || n > max)
                return fail(m_it - 1, tr("NFLOG: bad value for option \"%1\", or out of range (0-%2).").arg(q(t)).arg(max));
            return true;
        }
        if (t == "--nflog-prefix") {
            if (!takeValue(opt, value))
                return false;
            tg.args = value;   // iptables-legacy keeps 63 characters; the text is only shown
            return true;
        }
        break;
    }
    case Target::Queue:
    case Target::Continue:
    case Target::Unknown:
    case Target::Jump:
        if (m_targetIsChain)
            break;   // a chain takes no options: "unknown option", as iptables says
        if (m_kept) {
            const int o = TargetOptions::option(*m_kept, t);
            if (o < 0)
                break;
            if (m_neg)
                return fail(m_negToken, tr("%1: option \"%2\" cannot be inverted.").arg(q(tg.name), q(t)));
            QString message;
            if (!TargetOptions::admit(*m_kept, o, m_keptSeen, message))
                return fail(opt, message);
            if (TargetOptions::takesValue(*m_kept, o) && !takeValue(opt, value))
                return false;
            if (!TargetOptions::check(*m_kept, o, value, message))
                return fail(TargetOptions::takesValue(*m_kept, o) ? m_it - 1 : opt, message);
            m_keptSeen |= 1u << o;
            return true;
        }
        // Options of targets we pass through: taken verbatim with their values.
        if (tg.kind == Target::Jump)
            tg.kind = Target::Unknown;   // options after it: an extension target we do not know
        if (m_hasInline) {
            m_hasInline = false;
            return true;
        }
        while (m_it != m_end && !looksLikeOption(*m_it))   // SET --add-set NAME FLAGS takes two
            ++m_it;
        return true;
    default:
        break;
    }
    handled = false;
    return true;
}

bool OptionParser::finishTarget()
{
    Target &tg = m_rule.target;
    if (!m_hasTarget)
        return true;
    if (m_targetArgsBegin && m_targetArgsBegin != m_end) {
        const Token *last = m_end - 1;
        if (last >= m_targetArgsBegin && tg.args.empty())
            tg.args = RuleParser::span(*m_targetArgsBegin, *last);
    }
    const Token *at = m_targetToken;
    const auto natOnly = [&]() -> bool {
        if (tableBase(m_table) != TableId::Nat)
            return fail(at, tr("%1 target: only valid in nat table, not %2").arg(q(tg.name), q(tableName(m_table))));
        return true;
    };
    switch (tg.kind) {
    case Target::Mark:
        if (m_markMode < 0)
            return fail(at, tr("MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required"));
        break;
    case Target::ConnMark:
        if (m_markMode < 0)
            return fail(at, tr("CONNMARK target: No operation specified"));
        break;
    case Target::Dnat:
    case Target::Snat:
        if (!natOnly())
            return false;
        if (!m_natTo)
            return fail(at, tr("%1: option \"%2\" must be specified").arg(q(tg.name),
                                                                   tg.kind == Target::Dnat ? QStringLiteral("--to-destination")
                                                                                          : QStringLiteral("--to-source")));
        break;
    case Target::Netmap:
        if (!natOnly())
            return false;
        if (!m_natTo)
            return fail(at, tr("NETMAP: option \"--to\" must be specified"));
        break;
    case Target::Masquerade:
    case Target::Redirect:
        if (!natOnly())
            return false;
        break;
    case Target::Queue:
    case Target::Continue:
    case Target::Unknown:
        if (m_kept) {
            QString message;
            if (!TargetOptions::finish(*m_kept, m_keptSeen, m_hasProto && !m_protoNeg ? m_proto : quint8(0), m_table, message))
                return fail(at, message);
        }
        break;
    case Target::Ct:
    case Target::Notrack:
    case Target::TraceTarget:
        if (tableBase(m_table) != TableId::Raw)
            return fail(at, tr("%1 target: only valid in raw table, not %2").arg(q(tg.name), q(tableName(m_table))));
        break;
    default:
        break;
    }
    return true;
}

bool OptionParser::checkHookTable()
{
    Hook hook;
    if (!hookFromChainName(m_chain, hook))
        return true;   // user chains are checked by the hooks that reach them
    for (const auto &c : m_rule.criteria) {
        if (c.module != 0)
            continue;
        if (c.kind == Criterion::InIface && (hook == Hook::Output || hook == Hook::Postrouting))
            return fail(m_inTok, tr("Can't use -i with %1").arg(q(m_chain)));
        if (c.kind == Criterion::OutIface && (hook == Hook::Prerouting || hook == Hook::Input))
            return fail(m_outTok, tr("Can't use -o with %1").arg(q(m_chain)));
    }
    const Target &tg = m_rule.target;
    const auto onlyHooks = [&](std::initializer_list<Hook> hooks) -> bool {
        for (Hook h : hooks) {
            if (h == hook)
                return true;
        }
        return fail(m_targetToken, tr("%1 target: not valid in the %2 chain").arg(q(tg.name), q(m_chain)));
    };
    switch (tg.kind) {
    case Target::Dnat:
    case Target::Redirect:
        return onlyHooks({Hook::Prerouting, Hook::Output});
    case Target::Snat:
        return onlyHooks({Hook::Postrouting, Hook::Input});
    case Target::Masquerade:
        return onlyHooks({Hook::Postrouting});
    case Target::Reject:
        return onlyHooks({Hook::Input, Hook::Forward, Hook::Output});
    default:
        return true;
    }
}

} // namespace

std::string_view RuleParser::span(const Token &first, const Token &last)
{
    const std::string_view a = first.raw.empty() ? first.text : first.raw;
    const std::string_view b = last.raw.empty() ? last.text : last.raw;
    const std::less_equal<const char *> le;
    if (!a.data() || !b.data() || !le(a.data(), b.data()))
        return a;
    return std::string_view(a.data(), size_t(b.data() + b.size() - a.data()));
}

bool RuleParser::parseProtocol(std::string_view name, quint8 &out)
{
    if (protoFromName(name, out))
        return true;
    // What iptables finds through getprotobyname() beyond the engine's own table:
    // /etc/protocols as netbase ships it (names are matched case-insensitively there too).
    static const struct { std::string_view name; quint8 number; } more[] = {
        {"ip", 0}, {"hopopt", 0}, {"ggp", 3}, {"st", 5}, {"igp", 9}, {"pup", 12}, {"hmp", 20},
        {"xns-idp", 22}, {"rdp", 27}, {"iso-tp4", 29}, {"xtp", 36}, {"ddp", 37}, {"idpr-cmtp", 38},
        {"ipv6-route", 43}, {"ipv6-frag", 44}, {"idrp", 45}, {"rsvp", 46}, {"skip", 57},
        {"ipv6-nonxt", 59}, {"ipv6-opts", 60}, {"rspf", 73}, {"vmtp", 81}, {"eigrp", 88},
        {"ax.25", 93}, {"ipip", 94}, {"etherip", 97}, {"encap", 98}, {"ipcomp", 108}, {"isis", 124},
        {"fc", 133}, {"mobility-header", 135}, {"ipv6-mh", 135}, {"mpls-in-ip", 137}, {"manet", 138},
        {"hip", 139}, {"shim6", 140}, {"wesp", 141}, {"rohc", 142}, {"ethernet", 143},
    };
    if (name.empty() || name.size() > 32)
        return false;
    char buf[33];
    for (size_t i = 0; i < name.size(); ++i)
        buf[i] = char(std::tolower(static_cast<unsigned char>(name[i])));
    const std::string_view lower(buf, name.size());
    if (protoFromName(lower, out))
        return true;
    for (const auto &e : more) {
        if (e.name == lower) {
            out = e.number;
            return true;
        }
    }
    return false;
}

namespace {
/**
 * The first ' ', '\t' or '\r' in s[i, n), or n. Sixteen or eight bytes a step: tokenizing was
 * a third of a parse's instructions when it went byte by byte, and a library call per token
 * is dearer than the few bytes a token has.
 */
size_t findBlank(const char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
    // Sixteen bytes a step where the line has them (x86-64 always has SSE2).
    const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), cr = _mm_set1_epi8('\r');
    for (; i + 16 <= n; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + i));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, tab)), _mm_cmpeq_epi8(v, cr));
        if (const unsigned mask = unsigned(_mm_movemask_epi8(hit)))
            return i + size_t(std::countr_zero(mask));
    }
#endif
    if constexpr (std::endian::native == std::endian::little) {
        constexpr quint64 ones = 0x0101010101010101ull;
        constexpr quint64 highs = 0x8080808080808080ull;
        // A byte of v is zero where the high bit of the result is set; borrows can only mark
        // bytes above a real zero, so the lowest mark is exact.
        const auto zeroBytes = [](quint64 v) { return (v - ones) & ~v & highs; };
        for (; i + 8 <= n; i += 8) {
            quint64 x;
            std::memcpy(&x, s + i, 8);
            const quint64 m = zeroBytes(x ^ (ones * ' ')) | zeroBytes(x ^ (ones * '\t')) | zeroBytes(x ^ (ones * '\r'));
            if (m)
                return i + size_t(std::countr_zero(m) >> 3);
        }
    }
    while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
        ++i;
    return i;
}
} // namespace

bool RuleParser::tokenize(std::string_view line, Ruleset &rs, std::vector<Token> &out, ParseError &err)
{
    out.clear();
    size_t i = 0;
    const size_t n = line.size();
    while (i < n) {
        while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
            ++i;
        if (i >= n)
            break;
        Token tok;
        tok.column = int(i) + 1;
        const char quote = line[i];
        if (quote == '"' || quote == '\'') {
            const size_t start = ++i;
            bool escaped = false;
            bool hasEscape = false;
            // Fast path: the closing quote with no backslash before it.
            if (const void *close = std::memchr(line.data() + i, quote, n - i)) {
                const size_t end = size_t(static_cast<const char *>(close) - line.data());
                if (!std::memchr(line.data() + i, '\\', end - i))
                    i = end;
            }
            while (i < n) {
                if (escaped) {
                    escaped = false;
                } else if (line[i] == '\\') {
                    escaped = true;
                    hasEscape = true;
                } else if (line[i] == quote) {
                    break;
                }
                ++i;
            }
            if (i >= n) {
                err.column = tok.column;
                err.message = RuleParser::tr("unterminated quoted string");
                return false;
            }
            std::string_view inner = line.substr(start, i - start);
            ++i;
            if (hasEscape) {
                std::string s;
                s.reserve(inner.size());
                for (size_t k = 0; k < inner.size(); ++k) {
                    if (inner[k] == '\\' && k + 1 < inner.size())
                        ++k;
                    s.push_back(inner[k]);
                }
                inner = rs.intern(s);
            }
            tok.text = inner;
            tok.quoted = true;
            if (i < n && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
                err.column = int(i) + 1;
                err.message = RuleParser::tr("expected a space after the closing quote");
                return false;
            }
            tok.raw = line.substr(size_t(tok.column - 1), i - size_t(tok.column - 1));
        } else {
            // Unquoted: the text is the token as written, so raw stays empty (see span()).
            const size_t start = i;
            i = findBlank(line.data(), i, n);
            tok.text = std::string_view(line.data() + start, i - start);
        }
        out.push_back(tok);
    }
    return true;
}

bool RuleParser::parseOptions(Ruleset &rs, TableId table, std::string_view chain, const Token *begin,
                              const Token *end, Rule &rule, ParseError &err)
{
    // The rule's criteria are gathered in a vector that keeps its capacity between rules and
    // then copied at their exact size: one allocation per rule instead of one per growth, and
    // no slack (a 30k-service dump has a quarter of a million rules). Not reentrant, hence
    // one per thread (scenarios load on a worker thread).
    thread_local OptionParser::Scratch scratch;
    scratch.criteria.assign(rule.criteria.begin(), rule.criteria.end());
    rule.criteria.swap(scratch.criteria);   // the parser fills the roomy vector
    OptionParser p(rs, table, chain, begin, end, rule, err, scratch);
    const bool ok = p.run();
    rule.criteria.swap(scratch.criteria);
    rule.criteria.assign(scratch.criteria.begin(), scratch.criteria.end());
    scratch.criteria.clear();
    return ok;
}

bool RuleParser::parseRuleText(Ruleset &rs, TableId table, std::string_view chain, std::string_view text,
                               Rule &rule, ParseError &err)
{
    std::vector<Token> tokens;
    const std::string_view kept = rs.keep(QByteArray(text.data(), qsizetype(text.size())));
    if (!tokenize(kept, rs, tokens, err))
        return false;
    size_t i = 0;
    if (i < tokens.size() && (tokens[i].text == "iptables" || tokens[i].text.ends_with("/iptables")))
        ++i;
    if (i + 1 < tokens.size() && (tokens[i].text == "-t" || tokens[i].text == "--table")) {
        TableId t;
        if (!tableFromName(tokens[i + 1].text, t)) {
            err.column = tokens[i + 1].column;
            err.message = tr("can't initialize iptables table \"%1\": Table does not exist").arg(q(tokens[i + 1].text));
            return false;
        }
        if (t != table) {
            err.column = tokens[i + 1].column;
            err.message = tr("this rule names table %1 but goes into table %2").arg(q(tokens[i + 1].text), q(tableName(table)));
            return false;
        }
        i += 2;
    }
    if (i < tokens.size() && (tokens[i].text == "-A" || tokens[i].text == "-I" || tokens[i].text == "--append"
                              || tokens[i].text == "--insert")) {
        const bool insert = tokens[i].text == "-I" || tokens[i].text == "--insert";
        if (i + 1 >= tokens.size()) {
            err.column = tokens[i].column;
            err.message = tr("option \"%1\" requires a chain name").arg(q(tokens[i].text));
            return false;
        }
        if (tokens[i + 1].text != chain) {
            err.column = tokens[i + 1].column;
            err.message = tr("this rule names chain %1 but goes into chain %2").arg(q(tokens[i + 1].text), q(chain));
            return false;
        }
        i += 2;
        quint64 pos = 0;
        if (insert && i < tokens.size() && parseUInt(tokens[i].text, pos, 10))
            ++i;
    }
    rule.text = kept;
    return parseOptions(rs, table, chain, tokens.data() + i, tokens.data() + tokens.size(), rule, err);
}

} // namespace chainscope
