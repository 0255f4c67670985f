#include "nftparser.h"

#include "nftvalues.h"
#include "pastescanner.h"
#include "text.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <memory>

namespace chainscope::nft {

namespace {

using text::Word;

/** One token of `nft list ruleset` text: a word, a string, punctuation, or the end of a line. */
struct Tok
{
    enum Kind : quint8 { Word, Str, LBrace, RBrace, Semi, Comma, Colon, Dot, Newline, End };
    Kind k = End;
    std::string_view s;   // words and strings (without quotes); punctuation: itself
    int line = 0;
    int col = 0;
    int handle = -1;      // Newline: the `# handle N` comment of the line it ends
};

/**
 * Splits the bytes into tokens without copying: words end at blanks and at `{ } ; , "`;
 * a `#` starting a token comments out the rest of the line (`# handle 12` is kept for the
 * line's Newline; iptables-nft's warning names its table).
 */
class Lexer
{
public:
    explicit Lexer(std::string_view d) : m_d(d) {}

    Tok next()
    {
        if (m_hasPeek) {
            m_hasPeek = false;
            return m_peek;
        }
        return lex();
    }
    const Tok &peek()
    {
        if (!m_hasPeek) {
            m_peek = lex();
            m_hasPeek = true;
        }
        return m_peek;
    }
    /** Tables iptables-nft's warning comments named: "ip filter". */
    std::vector<std::string_view> managed;
    int line() const { return m_line; }
    std::string_view rest() const { return m_d.substr(m_pos); }

private:
    Tok lex()
    {
        while (m_pos < m_d.size()) {
            const char c = m_d[m_pos];
            if (c == ' ' || c == '\t' || c == '\r') {
                ++m_pos;
                continue;
            }
            if (c == '\\' && m_pos + 1 < m_d.size() && m_d[m_pos + 1] == '\n') {   // continuation
                m_pos += 2;
                ++m_line;
                m_lineStart = m_pos;
                continue;
            }
            if (c == '#') {
                const size_t e = m_d.find('\n', m_pos);
                const std::string_view comment = m_d.substr(m_pos, (e == std::string_view::npos ? m_d.size() : e) - m_pos);
                commentSeen(comment);
                m_pos = e == std::string_view::npos ? m_d.size() : e;
                continue;
            }
            Tok t;
            t.line = m_line;
            t.col = int(m_pos - m_lineStart) + 1;
            if (c == '\n') {
                t.k = Tok::Newline;
                t.handle = m_handle;
                m_handle = -1;
                ++m_pos;
                ++m_line;
                m_lineStart = m_pos;
                return t;
            }
            const auto punct = [&](Tok::Kind k) {
                t.k = k;
                t.s = m_d.substr(m_pos, 1);
                ++m_pos;
                return t;
            };
            if (c == '{') return punct(Tok::LBrace);
            if (c == '}') return punct(Tok::RBrace);
            if (c == ';') return punct(Tok::Semi);
            if (c == ',') return punct(Tok::Comma);
            if (c == '"') {
                size_t e = m_pos + 1;
                while (e < m_d.size() && m_d[e] != '"' && m_d[e] != '\n')
                    e += (m_d[e] == '\\' && e + 1 < m_d.size()) ? 2 : 1;
                t.k = Tok::Str;
                t.s = m_d.substr(m_pos + 1, std::min(e, m_d.size()) - m_pos - 1);
                m_pos = e < m_d.size() && m_d[e] == '"' ? e + 1 : e;
                return t;
            }
            size_t e = m_pos;
            while (e < m_d.size()) {
                const char d = m_d[e];
                if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == '{' || d == '}' || d == ';' || d == ','
                    || d == '"')
                    break;
                ++e;
            }
            t.s = m_d.substr(m_pos, e - m_pos);
            m_pos = e;
            t.k = t.s == ":" ? Tok::Colon : t.s == "." ? Tok::Dot : Tok::Word;
            return t;
        }
        Tok t;
        t.k = Tok::End;
        t.line = m_line;
        t.col = int(m_pos - m_lineStart) + 1;
        return t;
    }
    void commentSeen(std::string_view c)
    {
        // "# handle 12" (nft -a), "# Warning: table ip filter is managed by iptables-nft, do not touch!"
        if (const size_t h = c.find("handle "); h != std::string_view::npos) {
            quint64 n;
            std::string_view num = c.substr(h + 7);
            size_t k = 0;
            while (k < num.size() && num[k] >= '0' && num[k] <= '9')
                ++k;
            if (parseNumber(num.substr(0, k), n))
                m_handle = int(n);
        }
        if (c.find("managed by iptables-nft") != std::string_view::npos) {
            if (const size_t t = c.find("table "); t != std::string_view::npos) {
                std::string_view rest = c.substr(t + 6);
                const size_t is = rest.find(" is ");
                managed.push_back(rest.substr(0, is));
            }
        }
    }

    std::string_view m_d;
    size_t m_pos = 0;
    size_t m_lineStart = 0;
    int m_line = 1;
    int m_handle = -1;
    Tok m_peek;
    bool m_hasPeek = false;
};

bool isVerdictWord(Word w)
{
    return w == "accept" || w == "drop" || w == "reject" || w == "return" || w == "jump" || w == "goto"
            || w == "continue" || w == "queue";
}

/** Words that start a statement of their own: where an unknown statement ends. */
bool isStatementWord(Word w)
{
    return isVerdictWord(w) || w == "counter" || w == "log" || w == "limit" || w == "quota" || w == "notrack"
            || w == "comment" || w == "dnat" || w == "snat" || w == "masquerade" || w == "redirect" || w == "xt";
}

/**
 * Every word an nft statement or expression may start with (nft's grammar, 1.0.x): what is
 * not among them, nft refuses. Kept apart from what the engine evaluates.
 */
bool isNftWord(Word w)
{
    static constexpr std::string_view words[] = {
        "ip", "ip6", "inet", "tcp", "udp", "udplite", "sctp", "dccp", "icmp", "icmpv6", "icmpx", "igmp", "ah", "esp", "comp",
        "th", "ether", "vlan", "arp", "hbh", "rt", "rt0", "rt2", "srh", "frag", "dst", "mh", "exthdr", "meta", "ct", "fib",
        "numgen", "jhash", "symhash", "socket", "osf", "ipsec", "tunnel", "iif", "oif", "iifname", "oifname", "iiftype",
        "oiftype", "iifgroup", "oifgroup", "iifkind", "oifkind", "mark", "skuid", "skgid", "nfproto", "l4proto", "protocol",
        "priority", "length", "pkttype", "cpu", "cgroup", "rtclassid", "ibrname", "obrname", "ibriport", "obriport",
        "ibrvproto", "ibrpvid", "nftrace", "secmark", "secpath", "random", "time", "day", "hour", "sdif", "sdifname",
        "tproxy", "synproxy", "flow", "add", "update", "delete", "dup", "fwd", "queue", "meter", "limit", "quota",
        "counter", "log", "reject", "drop", "accept", "jump", "goto", "return", "continue", "notrack", "masquerade",
        "snat", "dnat", "redirect", "xt", "comment", "last", "vmap", "map", "set", "ct", "dscp", "ecn", "gre", "gretap",
        "geneve", "vxlan", "auth", "cluster", "broute"};
    if (!w.empty() && (w[0] == '@' || w[0] == '{' || w[0] == '$' || (w[0] >= '0' && w[0] <= '9')))
        return true;   // a raw payload `@th,16,16`, a set, a variable, a value
    for (const std::string_view k : words)
        if (w == k)
            return true;
    return false;
}

/** Whether two names are at most two edits apart (adjacent swaps count one), lengths within one. */
bool closeTo(std::string_view w, std::string_view kw)
{
    if ((kw.size() > w.size() ? kw.size() - w.size() : w.size() - kw.size()) > 1 || w.size() >= 48 || kw.size() >= 48)
        return false;
    size_t d[48][48];
    for (size_t a = 0; a <= w.size(); ++a)
        d[a][0] = a;
    for (size_t b = 0; b <= kw.size(); ++b)
        d[0][b] = b;
    for (size_t a = 1; a <= w.size(); ++a)
        for (size_t b = 1; b <= kw.size(); ++b) {
            d[a][b] = std::min({d[a - 1][b] + 1, d[a][b - 1] + 1, d[a - 1][b - 1] + (w[a - 1] == kw[b - 1] ? 0 : 1)});
            if (a > 1 && b > 1 && w[a - 1] == kw[b - 2] && w[a - 2] == kw[b - 1])
                d[a][b] = std::min(d[a][b], d[a - 2][b - 2] + 1);
        }
    return d[w.size()][kw.size()] <= 2;
}

/**
 * The statement word a typo was meant to be (`acept` for accept, `cuonter` for counter):
 * same first letter, at most two edits. Null when none is that close, since a word the
 * reader did not take may be the rest of a statement it read only in part (`... >> 8`,
 * `flags ip options`): that is kept, not refused.
 */
const char *typoOf(std::string_view w)
{
    static constexpr const char *words[] = {"accept", "drop", "reject", "return", "jump", "goto", "continue", "counter", "log",
                                            "limit", "quota", "notrack", "masquerade", "snat", "dnat", "redirect", "comment",
                                            "iifname", "oifname", "meta", "queue", "vmap", "tcp", "udp", "icmp", "icmpv6",
                                            "ip6", "ether", "fib", "numgen"};
    if (w.size() < 3)
        return nullptr;
    for (const char *k : words)
        if (k[0] == w[0] && closeTo(w, k))
            return k;
    return nullptr;
}

/** The fields nft knows after a header word; null for words not checked this way. */
const char *const *headerFields(Word w)
{
    static const char *const tcp[] = {"sport", "dport", "sequence", "ackseq", "doff", "reserved", "flags", "window",
                                      "checksum", "urgptr", "option", nullptr};
    static const char *const udp[] = {"sport", "dport", "length", "checksum", "csumcov", nullptr};
    static const char *const th[] = {"sport", "dport", nullptr};
    static const char *const sctp[] = {"sport", "dport", "vtag", "checksum", "chunk", nullptr};
    static const char *const icmp[] = {"type", "code", "checksum", "id", "sequence", "gateway", "mtu", "parameter-problem",
                                       "packet-too-big", "max-delay", "taddr", "daddr", nullptr};
    static const char *const ip[] = {"version", "hdrlength", "dscp", "ecn", "length", "id", "frag-off", "ttl", "protocol",
                                     "checksum", "saddr", "daddr", "option", nullptr};
    static const char *const ip6[] = {"version", "dscp", "ecn", "flowlabel", "length", "nexthdr", "hoplimit", "saddr", "daddr",
                                      nullptr};
    static const char *const ct[] = {"state", "direction", "status", "mark", "expiration", "helper", "l3proto", "protocol",
                                     "saddr", "daddr", "proto-src", "proto-dst", "original", "reply", "bytes", "packets",
                                     "avgpkt", "zone", "label", "event", "secmark", "id", "count", "ip", "ip6", "timeout",
                                     "expectation", nullptr};
    static const char *const meta[] = {"length", "protocol", "priority", "mark", "iif", "iifname", "iiftype", "oif", "oifname",
                                       "oiftype", "skuid", "skgid", "nftrace", "rtclassid", "ibriport", "obriport", "ibrname",
                                       "obrname", "pkttype", "cpu", "iifgroup", "oifgroup", "cgroup", "random", "ipsec",
                                       "iifkind", "oifkind", "nfproto", "l4proto", "secpath", "ibrpvid", "ibrvproto", "time",
                                       "day", "hour", "sdif", "sdifname", "broute", "secmark", nullptr};
    if (w == "tcp") return tcp;
    if (w == "udp" || w == "udplite") return udp;
    if (w == "th") return th;
    if (w == "sctp") return sctp;
    if (w == "icmp" || w == "icmpv6") return icmp;
    if (w == "ip") return ip;
    if (w == "ip6") return ip6;
    if (w == "ct") return ct;
    if (w == "meta") return meta;
    return nullptr;
}

bool knownField(const char *const *fields, std::string_view f)
{
    for (; *fields; ++fields)
        if (f == *fields)
            return true;
    return false;
}

class TextReader
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::nft::NftParser)
public:
    TextReader(Ruleset &rs, NftRuleset &n, std::string_view view, int fileIndex, const QString &file)
        : m_rs(rs), m_n(n), m_lx(view), m_view(view), m_fileIndex(fileIndex), m_file(file)
    {}

    bool run();
    /** One rule of chain `ci` from the whole view (see NftParser::parseRule). */
    bool oneRule(int ci, Rule &out);

private:
    void error(const Tok &t, const QString &msg)
    {
        m_rs.diagnostics.push_back({Diagnostic::Error, m_file, t.line, t.col, msg});
        m_ok = false;
    }
    void warn(const Tok &t, const QString &msg, const QString &kind = {}, const QString &subject = {})
    {
        m_rs.diagnostics.push_back({Diagnostic::Warning, m_file, t.line, t.col, msg, kind, subject});
    }
    void skipLine()
    {
        while (true) {
            const Tok &t = m_lx.peek();
            if (t.k == Tok::End)
                return;
            if (t.k == Tok::Newline) {
                m_lx.next();
                return;
            }
            m_lx.next();
        }
    }
    /** Skips a `{ ... }` block whose `{` was just read. */
    void skipBlock()
    {
        int depth = 1;
        while (depth > 0) {
            const Tok t = m_lx.next();
            if (t.k == Tok::End)
                return;
            if (t.k == Tok::LBrace)
                ++depth;
            else if (t.k == Tok::RBrace)
                --depth;
        }
    }
    /** Gathers the tokens of one statement line (to a newline or `;` outside braces) into m_toks. */
    int gather(bool stopAtSemi);
    std::string_view span(const Tok &a, const Tok &b) const
    {
        const char *s = a.k == Tok::Str ? a.s.data() - 1 : a.s.data();
        const char *e = b.s.data() + b.s.size() + (b.k == Tok::Str ? 1 : 0);
        return std::string_view(s, size_t(e - s));
    }

    void table(const Tok &kw);
    void chain(int table, const Tok &kw);
    void set(int table, bool map, const Tok &kw);
    void chainHeader(Chain &c, size_t from, size_t to);
    void rule(int chain, int handle);
    bool statement(size_t &i, Rule &r, int table);
    bool expr(size_t &i, Expr &e);
    bool rhs(size_t &i, const Expr &lhs, Item &it, int table, bool explicitOp);
    int anonSet(size_t &i, const std::vector<ValType> &keyTypes, const std::vector<ValType> &dataTypes, bool vmap,
                int table);
    bool elements(size_t &i, Set &s, int table);
    bool verdict(size_t &i, nft::Verdict &v);
    std::vector<ValType> typesOf(size_t &i, bool stopAtColon);
    SourceLoc loc(const Tok &t) const { return {m_fileIndex, t.line}; }

    Ruleset &m_rs;
    NftRuleset &m_n;
    Lexer m_lx;
    std::string_view m_view;
    int m_fileIndex;
    QString m_file;
    bool m_ok = true;
    std::vector<Tok> m_toks;   // reused for every line: no allocation per rule once grown
    int m_lineHandle = -1;
};

int TextReader::gather(bool stopAtSemi)
{
    m_toks.clear();
    m_lineHandle = -1;
    int depth = 0;
    while (true) {
        const Tok &t = m_lx.peek();
        if (t.k == Tok::End)
            break;
        if (t.k == Tok::Newline) {
            if (depth == 0) {
                m_lineHandle = t.handle;
                m_lx.next();
                break;
            }
            m_lx.next();
            continue;
        }
        if (t.k == Tok::RBrace && depth == 0)
            break;   // the container's end, left for the caller
        if (t.k == Tok::Semi && depth == 0 && stopAtSemi) {
            m_lx.next();
            break;
        }
        if (t.k == Tok::LBrace)
            ++depth;
        else if (t.k == Tok::RBrace)
            --depth;
        m_toks.push_back(m_lx.next());
    }
    return int(m_toks.size());
}

bool TextReader::run()
{
    bool any = false;
    while (true) {
        const Tok t = m_lx.next();
        if (t.k == Tok::End)
            break;
        if (t.k == Tok::Newline || t.k == Tok::Semi)
            continue;
        const Word w(t.s);
        if (t.k == Tok::Word && w == "table") {
            table(t);
            any = true;
            continue;
        }
        if (t.k == Tok::Word && (w == "flush" || w == "define" || w == "include")) {
            skipLine();
            continue;
        }
        // Prompts, fences, prose around the paste: skipped with a warning (as iptables pastes are).
        const size_t e = m_lx.rest().find('\n');
        warn(t, tr("not part of an nft ruleset, skipped: %1")
                        .arg(text::q(text::trimmed(std::string_view(t.s.data(), (e == std::string_view::npos ? m_lx.rest().size() : e)
                                                                                 + size_t(m_lx.rest().data() - t.s.data()))))),
             QStringLiteral("paste-noise"));
        skipLine();
    }
    if (!any && m_ok) {
        Tok t;
        t.line = 1;
        t.col = 1;
        error(t, tr("no nft table found: expected `table FAMILY NAME {`"));
    }
    return m_ok;
}

void TextReader::table(const Tok &kw)
{
    const Tok fam = m_lx.next();
    Family f;
    if (fam.k != Tok::Word || !familyFromName(fam.s, f)) {
        error(fam, tr("expected a family (ip, ip6, inet, arp, bridge, netdev) after `table`, found \"%1\"").arg(text::q(fam.s)));
        skipLine();
        return;
    }
    const Tok name = m_lx.next();
    if (name.k != Tok::Word && name.k != Tok::Str) {
        error(name, tr("expected a table name"));
        skipLine();
        return;
    }
    const Tok brace = m_lx.next();
    if (brace.k != Tok::LBrace) {
        error(brace, tr("expected `{` after `table %1 %2`").arg(text::q(fam.s), text::q(name.s)));
        skipLine();
        return;
    }
    int ti = m_n.tableIndex(f, name.s);
    if (ti < 0) {
        Table t;
        t.family = f;
        t.name = name.s;
        t.loc = loc(kw);
        m_n.tables.push_back(std::move(t));
        ti = int(m_n.tables.size()) - 1;
    }
    {
        Table &t = m_n.tables[size_t(ti)];
        std::string key(familyName(f));
        key += ' ';
        key += name.s;
        for (std::string_view m : m_lx.managed)
            if (m == key)
                t.iptablesNft = true;
    }
    while (true) {
        const Tok t = m_lx.next();
        if (t.k == Tok::End) {
            error(kw, tr("table %1 %2 is not closed: expected `}`").arg(text::q(fam.s), text::q(name.s)));
            return;
        }
        if (t.k == Tok::Newline) {
            if (t.handle >= 0 && t.line == kw.line)
                m_n.tables[size_t(ti)].handle = t.handle;
            continue;
        }
        if (t.k == Tok::Semi)
            continue;
        if (t.k == Tok::RBrace)
            return;
        const Word w(t.s);
        if (w == "chain") {
            chain(ti, t);
        } else if (w == "set" || w == "map") {
            set(ti, w == "map", t);
        } else if (w == "comment") {
            const Tok c = m_lx.next();
            m_n.tables[size_t(ti)].comment = c.s;
        } else if (w == "flags") {
            gather(true);
        } else if (w == "flowtable" || w == "counter" || w == "quota" || w == "ct" || w == "limit" || w == "secmark"
                   || w == "synproxy") {
            // stateful objects: kept out of the model (rules that name them are kept)
            while (m_lx.peek().k != Tok::LBrace && m_lx.peek().k != Tok::Newline && m_lx.peek().k != Tok::End)
                m_lx.next();
            if (m_lx.peek().k == Tok::LBrace) {
                m_lx.next();
                skipBlock();
            }
        } else {
            error(t, tr("unexpected \"%1\" in table %2 %3: expected chain, set, map or `}`")
                             .arg(text::q(t.s), text::q(fam.s), text::q(name.s)));
            skipLine();
        }
    }
}

void TextReader::chain(int ti, const Tok &kw)
{
    const Tok name = m_lx.next();
    if (name.k != Tok::Word && name.k != Tok::Str) {
        error(name, tr("expected a chain name"));
        skipLine();
        return;
    }
    Table &tab = m_n.tables[size_t(ti)];
    int ci;
    if (const auto it = tab.chainByName.find(name.s); it != tab.chainByName.end()) {
        ci = it->second;
    } else {
        Chain c;
        c.name = name.s;
        c.table = ti;
        c.loc = loc(kw);
        m_n.chains.push_back(std::move(c));
        ci = int(m_n.chains.size()) - 1;
        tab.chains.push_back(ci);
        tab.chainByName.emplace(name.s, ci);
    }
    const Tok brace = m_lx.next();
    if (brace.k != Tok::LBrace) {
        if (brace.k == Tok::Newline || brace.k == Tok::Semi || brace.k == Tok::End)
            return;   // `chain NAME` declared without a body
        error(brace, tr("expected `{` after `chain %1`").arg(text::q(name.s)));
        skipLine();
        return;
    }
    while (true) {
        const Tok &t = m_lx.peek();
        if (t.k == Tok::End) {
            error(kw, tr("chain %1 is not closed: expected `}`").arg(text::q(name.s)));
            return;
        }
        if (t.k == Tok::RBrace) {
            m_lx.next();
            return;
        }
        if (t.k == Tok::Newline) {
            if (t.handle >= 0 && t.line == kw.line)
                m_n.chains[size_t(ci)].handle = t.handle;
            m_lx.next();
            continue;
        }
        if (t.k == Tok::Semi) {
            m_lx.next();
            continue;
        }
        const Word w(t.s);
        if (t.k == Tok::Word && w == "type") {
            gather(false);
            chainHeader(m_n.chains[size_t(ci)], 0, m_toks.size());
            continue;
        }
        if (t.k == Tok::Word && w == "policy") {
            gather(false);
            chainHeader(m_n.chains[size_t(ci)], 0, m_toks.size());
            continue;
        }
        if (t.k == Tok::Word && w == "comment") {
            m_lx.next();
            m_n.chains[size_t(ci)].comment = m_lx.next().s;
            continue;
        }
        if (t.k == Tok::Word && w == "devices") {
            gather(false);
            continue;
        }
        // A rule: one line (an `nft -f` file may end it with `;`).
        if (gather(true) == 0)
            continue;
        rule(ci, m_lineHandle);
    }
}

void TextReader::chainHeader(Chain &c, size_t from, size_t to)
{
    // type filter hook input [device eth0] priority filter [+ N]; policy accept;
    const Family fam = m_n.tables[size_t(c.table)].family;
    for (size_t i = from; i < to; ++i) {
        const Tok &t = m_toks[i];
        const Word w(t.s);
        if (t.k == Tok::Semi)
            continue;
        const auto arg = [&]() -> const Tok * { return i + 1 < to ? &m_toks[++i] : nullptr; };
        if (w == "type") {
            if (const Tok *a = arg())
                c.type = a->s;
            c.base = true;
        } else if (w == "hook") {
            const Tok *a = arg();
            if (!a || !hookFromName(a->s, c.hook))
                error(a ? *a : t, tr("unknown hook \"%1\": expected prerouting, input, forward, output, postrouting, ingress or egress")
                                          .arg(a ? text::q(a->s) : QString()));
        } else if (w == "device") {
            if (const Tok *a = arg())
                c.device = a->s;
        } else if (w == "priority") {
            const Tok *a = arg();
            if (!a) {
                error(t, tr("expected a priority after `priority`"));
                continue;
            }
            const char *start = a->s.data();
            int p = 0;
            quint64 n;
            std::string_view s = a->s;
            bool neg = false;
            if (!s.empty() && s[0] == '-') {
                neg = true;
                s.remove_prefix(1);
            }
            if (parseNumber(s, n)) {
                p = neg ? -int(n) : int(n);
            } else if (!priorityFromName(a->s, fam, c.hook, p)) {
                error(*a, tr("unknown priority \"%1\": expected a number or raw, mangle, dstnat, filter, security, srcnat")
                                  .arg(text::q(a->s)));
                continue;
            }
            // `filter + 10`, `dstnat - 5`
            if (i + 2 < to && (m_toks[i + 1].s == "+" || m_toks[i + 1].s == "-") && parseNumber(m_toks[i + 2].s, n)) {
                p += m_toks[i + 1].s == "+" ? int(n) : -int(n);
                i += 2;
            }
            c.priority = p;
            c.priorityWritten = std::string_view(start, size_t(m_toks[i].s.data() + m_toks[i].s.size() - start));
        } else if (w == "policy") {
            const Tok *a = arg();
            if (a && a->s == "drop")
                c.policyDrop = true;
            else if (!a || a->s != "accept")
                error(a ? *a : t, tr("a policy is accept or drop"));
        } else if (w == "comment") {
            if (const Tok *a = arg())
                c.comment = a->s;
        } else if (w == "devices") {
            while (i + 1 < to && m_toks[i + 1].k != Tok::Semi)
                ++i;
        }
    }
}

std::vector<ValType> TextReader::typesOf(size_t &i, bool stopAtColon)
{
    // `ipv4_addr . inet_proto . inet_service` or `typeof ip daddr . tcp dport`
    std::vector<ValType> out;
    const size_t n = m_toks.size();
    if (i < n && m_toks[i].s == "typeof") {
        ++i;
        std::string_view words[6];
        while (i < n) {
            int k = 0;
            while (i + size_t(k) < n && k < 6 && m_toks[i + size_t(k)].k == Tok::Word)
                words[k] = m_toks[i + size_t(k)].s, ++k;
            int used = 0;
            const Field f = fieldFromWords(words, k, used);
            if (!used) {
                out.push_back(ValType::Opaque);
                ++i;
            } else {
                out.push_back(fieldType(f));
                i += size_t(used);
            }
            if (i < n && m_toks[i].k == Tok::Dot) {
                ++i;
                continue;
            }
            break;
        }
        return out;
    }
    while (i < n) {
        if (m_toks[i].k == Tok::Colon && stopAtColon)
            break;
        if (m_toks[i].k == Tok::Word) {
            ValType v;
            typeFromName(m_toks[i].s, v);
            out.push_back(v);
        }
        ++i;
        if (i < n && m_toks[i].k == Tok::Dot) {
            ++i;
            continue;
        }
        break;
    }
    return out;
}

void TextReader::set(int ti, bool map, const Tok &kw)
{
    const Tok name = m_lx.next();
    Set s;
    s.name = name.s;
    s.table = ti;
    s.map = map;
    s.loc = loc(kw);
    const Tok brace = m_lx.next();
    if (brace.k != Tok::LBrace) {
        error(brace, tr("expected `{` after `%1 %2`").arg(text::q(kw.s), text::q(name.s)));
        skipLine();
        return;
    }
    bool sawElements = false;
    while (true) {
        const Tok &t = m_lx.peek();
        if (t.k == Tok::End) {
            error(kw, tr("%1 %2 is not closed: expected `}`").arg(text::q(kw.s), text::q(name.s)));
            break;
        }
        if (t.k == Tok::RBrace) {
            m_lx.next();
            break;
        }
        if (t.k == Tok::Newline || t.k == Tok::Semi) {
            if (t.k == Tok::Newline && t.handle >= 0 && t.line == kw.line)
                s.handle = t.handle;
            m_lx.next();
            continue;
        }
        gather(true);
        if (m_toks.empty())
            continue;
        const Word w(m_toks[0].s);
        size_t i = 1;
        if (w == "type" || w == "typeof") {
            if (w == "typeof")
                i = 0;
            s.keyTypes = typesOf(i, true);
            if (i < m_toks.size() && m_toks[i].k == Tok::Colon) {
                ++i;
                s.dataTypes = typesOf(i, false);
                s.map = true;
            }
        } else if (w == "flags") {
            for (; i < m_toks.size(); ++i) {
                const Word f(m_toks[i].s);
                if (f == "interval") s.interval = true;
                else if (f == "timeout") s.timeout = true;
                else if (f == "dynamic") s.dynamic = true;
                else if (f == "constant") s.constant = true;
            }
        } else if (w == "elements") {
            sawElements = true;
            if (i < m_toks.size() && m_toks[i].s == "=")
                ++i;
            if (i >= m_toks.size() || m_toks[i].k != Tok::LBrace) {
                error(i < m_toks.size() ? m_toks[i] : m_toks[0], tr("expected `{` after `elements =`"));
                continue;
            }
            ++i;
            if (s.keyTypes.empty()) {
                error(m_toks[0], tr("%1 %2: elements before its type").arg(text::q(kw.s), text::q(name.s)));
                continue;
            }
            elements(i, s, ti);
        } else if (w == "comment") {
            if (i < m_toks.size())
                s.comment = m_toks[i].s;
        } else if (w == "timeout") {
            s.timeout = true;
        }
        // size, policy, gc-interval, counter, auto-merge: nothing to evaluate
    }
    if (s.keyTypes.empty())
        error(kw, tr("%1 %2 has no type").arg(text::q(kw.s), text::q(name.s)));
    (void)sawElements;
    Table &tab = m_n.tables[size_t(ti)];
    if (tab.setByName.count(s.name)) {
        error(kw, tr("%1 %2 is defined twice").arg(text::q(kw.s), text::q(name.s)));
        return;
    }
    m_n.sets.push_back(std::move(s));
    const int si = int(m_n.sets.size()) - 1;
    tab.sets.push_back(si);
    tab.setByName.emplace(m_n.sets.back().name, si);
}

bool TextReader::verdict(size_t &i, nft::Verdict &v)
{
    const size_t n = m_toks.size();
    if (i >= n)
        return false;
    const Word w(m_toks[i].s);
    if (w == "accept") v.kind = nft::Verdict::Accept;
    else if (w == "drop") v.kind = nft::Verdict::Drop;
    else if (w == "continue") v.kind = nft::Verdict::Continue;
    else if (w == "return") v.kind = nft::Verdict::Return;
    else if (w == "queue") v.kind = nft::Verdict::Queue;
    else if (w == "reject") v.kind = nft::Verdict::Reject;
    else if (w == "jump" || w == "goto") {
        v.kind = w == "jump" ? nft::Verdict::Jump : nft::Verdict::Goto;
        if (i + 1 >= n) {
            error(m_toks[i], tr("expected a chain name after %1").arg(text::q(w)));
            return false;
        }
        ++i;
        v.chainName = m_toks[i].s;
    } else {
        return false;
    }
    ++i;
    return true;
}

bool TextReader::elements(size_t &i, Set &s, int table)
{
    // { k1 . k2 : data, k3 . k4 : data } up to the matching `}`
    const size_t n = m_toks.size();
    const int comps = int(s.keyTypes.size());
    while (i < n && m_toks[i].k != Tok::RBrace) {
        if (m_toks[i].k == Tok::Comma) {
            ++i;
            continue;
        }
        Element el;
        el.key = quint32(s.keys.size());
        const Tok &first = m_toks[i];
        for (int c = 0; c < comps; ++c) {
            if (i >= n) {
                error(first, tr("element ends early: expected %n component(s)", nullptr, comps));
                return false;
            }
            Value v;
            std::string_view word = m_toks[i].s;
            if (!parseValue(s.keyTypes[size_t(c)], word, v)) {
                if (s.keyTypes[size_t(c)] == ValType::Opaque || s.keyTypes[size_t(c)] == ValType::Int) {
                    v.lo = v.hi = Val::name(word);
                } else {
                    error(m_toks[i], tr("\"%1\" is not a value of this set's type").arg(text::q(word)));
                    return false;
                }
            }
            s.keys.push_back(v.lo);
            s.keys.push_back(v.hi);
            ++i;
            if (c + 1 < comps) {
                if (i >= n || m_toks[i].k != Tok::Dot) {
                    error(i < n ? m_toks[i] : first, tr("expected ` . ` between the parts of a concatenated element"));
                    return false;
                }
                ++i;
            }
        }
        // element options: timeout 3h expires 2h counter packets 0 bytes 0 comment "x"
        while (i < n && m_toks[i].k == Tok::Word) {
            const Word o(m_toks[i].s);
            if (o == "timeout" || o == "expires" || o == "comment") {
                i += 2;
            } else if (o == "counter") {
                ++i;
                if (i + 3 < n + 1 && i < n && m_toks[i].s == "packets")
                    i += 4;
            } else {
                break;
            }
        }
        if (s.map) {
            if (i >= n || m_toks[i].k != Tok::Colon) {
                error(i < n ? m_toks[i] : first, tr("expected ` : ` and the data of a map element"));
                return false;
            }
            ++i;
            if (s.isVmap()) {
                if (!verdict(i, el.verdict)) {
                    error(i < n ? m_toks[i] : first, tr("expected a verdict (accept, drop, jump CHAIN, goto CHAIN...)"));
                    return false;
                }
            } else {
                for (size_t d = 0; d < s.dataTypes.size() && d < 2; ++d) {
                    Value v;
                    if (i >= n || !parseValue(s.dataTypes[d], m_toks[i].s, v)) {
                        error(i < n ? m_toks[i] : first, tr("expected a value of the map's data type"));
                        return false;
                    }
                    el.data[d] = v.lo;
                    ++i;
                    if (d + 1 < s.dataTypes.size() && i < n && m_toks[i].k == Tok::Dot)
                        ++i;
                }
            }
        }
        el.text = span(first, m_toks[i - 1]);
        if (s.keys.size() > el.key && std::any_of(s.keys.begin() + el.key, s.keys.end(), [](const Val &) { return false; }))
            (void)0;
        for (int c = 0; c < comps; ++c)
            if (!(s.keys[el.key + 2 * quint32(c)] == s.keys[el.key + 2 * quint32(c) + 1]))
                s.interval = true;
        s.elements.push_back(el);
        (void)table;
    }
    if (i < n)
        ++i;   // the `}`
    return true;
}

int TextReader::anonSet(size_t &i, const std::vector<ValType> &keyTypes, const std::vector<ValType> &dataTypes, bool map,
                        int table)
{
    Set s;
    s.table = table;
    s.keyTypes = keyTypes;
    s.dataTypes = dataTypes;
    s.map = map;
    s.constant = true;
    s.loc = loc(m_toks[i]);
    ++i;   // `{`
    if (!elements(i, s, table))
        return -1;
    m_n.sets.push_back(std::move(s));
    return int(m_n.sets.size()) - 1;
}

bool TextReader::expr(size_t &i, Expr &e)
{
    const size_t n = m_toks.size();
    while (i < n) {
        std::string_view words[6];
        int k = 0;
        while (i + size_t(k) < n && k < 6 && m_toks[i + size_t(k)].k == Tok::Word)
            words[k] = m_toks[i + size_t(k)].s, ++k;
        const Word w(k ? words[0] : std::string_view());
        Field f = Field::None;
        int used = 0;
        if (w == "numgen") {
            // numgen random mod N [offset M]
            f = k > 1 && words[1] == "inc" ? Field::NumgenInc : Field::NumgenRandom;
            used = 2;
        } else if (w == "jhash" || w == "symhash") {
            f = w == "jhash" ? Field::Jhash : Field::Symhash;
            used = 1;
            // the hashed expression: skip to `mod`
            while (i + size_t(used) < n && m_toks[i + size_t(used)].s != "mod")
                ++used;
        } else if (w == "fib") {
            // fib saddr|daddr [. iif|oif|mark]... type|oif|oifname
            size_t j = i + 1;
            bool daddr = true;
            while (j < n) {
                const Word x(m_toks[j].s);
                if (x == "saddr") daddr = false;
                else if (x == "daddr") daddr = true;
                else if (!(x == "iif" || x == "oif" || x == "mark" || m_toks[j].k == Tok::Dot)) break;
                ++j;
                if (j < n && (Word(m_toks[j].s) == "type" || Word(m_toks[j].s) == "oifname"))
                    break;
                if (j < n && Word(m_toks[j].s) == "oif" && (j + 1 >= n || m_toks[j + 1].k != Tok::Dot))
                    break;
            }
            if (j >= n) {
                error(m_toks[i], tr("fib: expected `type`, `oif` or `oifname`"));
                return false;
            }
            const Word r(m_toks[j].s);
            f = r == "type" ? (daddr ? Field::FibDaddrType : Field::FibSaddrType)
                            : (daddr ? Field::FibDaddrOif : Field::FibSaddrOif);
            used = int(j - i) + 1;
        } else {
            f = fieldFromWords(words, k, used);
        }
        if (!used || f == Field::None)
            return false;
        if (e.n < Expr::kMax)
            e.f[e.n++] = f;
        i += size_t(used);
        if (f == Field::NumgenInc || f == Field::NumgenRandom || f == Field::Jhash || f == Field::Symhash) {
            while (i < n && m_toks[i].k == Tok::Word) {
                const Word o(m_toks[i].s);
                quint64 v = 0;
                if ((o == "mod" || o == "offset" || o == "seed") && i + 1 < n && parseNumber(m_toks[i + 1].s, v)) {
                    if (o == "mod") e.mod = quint32(v);
                    else if (o == "offset") e.offset = quint32(v);
                    i += 2;
                } else {
                    break;
                }
            }
            if (!e.mod) {
                error(m_toks[i - 1], tr("%1 without `mod N`").arg(text::q(w)));
                return false;
            }
        }
        if (i < n && m_toks[i].k == Tok::Dot) {
            ++i;
            continue;
        }
        break;
    }
    // `& MASK` (meta mark & 0x4000 == 0; tcp flags & (syn | ack) == syn)
    if (i < n && m_toks[i].s == "&" && e.n == 1) {
        ++i;
        quint64 mask = 0;
        const ValType t = fieldType(e.f[0]);
        while (i < n) {
            std::string_view s = m_toks[i].s;
            while (!s.empty() && s.front() == '(') s.remove_prefix(1);
            bool close = false;
            while (!s.empty() && s.back() == ')') s.remove_suffix(1), close = true;
            if (s == "|") {
                ++i;
                continue;
            }
            quint64 v;
            if (!parseNumber(s, v) && !flagFromName(t, s, v)) {
                error(m_toks[i], tr("expected a mask after `&`"));
                return false;
            }
            mask |= v;
            ++i;
            if (close || i >= n || m_toks[i].s != "|")
                break;
        }
        e.andMask = mask;
        e.hasAnd = true;
    }
    return e.n > 0;
}

bool TextReader::rhs(size_t &i, const Expr &lhs, Item &it, int table, bool explicitOp)
{
    const size_t n = m_toks.size();
    if (i >= n) {
        error(m_toks.back(), tr("expected a value"));
        return false;
    }
    std::vector<ValType> types;
    for (int k = 0; k < lhs.n; ++k)
        types.push_back(fieldType(lhs.f[k]));
    const Tok &t = m_toks[i];
    const bool negate = it.op == Item::Ne;
    if (t.k == Tok::LBrace) {
        it.set = anonSet(i, types, {}, false, table);
        it.op = negate ? Item::NotInSet : Item::InSet;
        return it.set >= 0;
    }
    if (t.k == Tok::Word && !t.s.empty() && t.s[0] == '@') {
        const auto &byName = m_n.tables[size_t(table)].setByName;
        const auto f = byName.find(t.s.substr(1));
        if (f == byName.end()) {
            error(t, tr("no set named %1 in this table").arg(text::q(t.s.substr(1))));
            return false;
        }
        it.set = f->second;
        it.op = negate ? Item::NotInSet : Item::InSet;
        ++i;
        return true;
    }
    if (lhs.n != 1) {
        error(t, tr("a concatenation is compared with a set: expected `{` or `@set`"));
        return false;
    }
    const ValType type = types[0];
    const Field f = lhs.f[0];
    // A value, or a comma list of flags (ct state established,related).
    quint64 bits = 0;
    bool list = false;
    Value v;
    while (i < n) {
        std::string_view s = m_toks[i].s;
        if (m_toks[i].k == Tok::Str && type != ValType::IfName) {
            // quoted strings of other types: names
        }
        if (m_toks[i].k == Tok::Str && type == ValType::IfName) {
            // "eth*" wildcard in quotes
        }
        while (!s.empty() && s.front() == '(') s.remove_prefix(1);
        while (!s.empty() && s.back() == ')') s.remove_suffix(1);
        if (!parseValue(type, s, v)) {
            if (type == ValType::Opaque || f == Field::Unknown) {
                v.lo = v.hi = Val::name(s);
            } else {
                error(m_toks[i], tr("\"%1\" is not a value nft accepts here").arg(text::q(m_toks[i].s)));
                return false;
            }
        }
        ++i;
        if (i < n && m_toks[i].k == Tok::Comma) {
            list = true;
            bits |= v.lo.lo;
            ++i;
            continue;
        }
        if (i + 1 < n && m_toks[i].s == "|" && fieldIsBitmask(f)) {   // syn | ack
            list = true;
            bits |= v.lo.lo;
            ++i;
            continue;
        }
        break;
    }
    if (list) {
        bits |= v.lo.lo;
        it.v = Val::num(bits);
        it.op = negate ? Item::BitNone : Item::BitAny;
        return true;
    }
    // tcp flags syn / syn,ack: (flags & mask) == value
    if (i < n && m_toks[i].s == "/" && fieldIsBitmask(f)) {
        ++i;
        quint64 mask = 0;
        while (i < n) {
            quint64 b;
            if (!flagFromName(type, m_toks[i].s, b) && !parseNumber(m_toks[i].s, b))
                break;
            mask |= b;
            ++i;
            if (i < n && m_toks[i].k == Tok::Comma)
                ++i;
            else
                break;
        }
        it.lhs.andMask = mask;
        it.lhs.hasAnd = true;
        it.v = v.lo;
        return true;
    }
    if (v.wildcard) {
        it.v = v.lo;
        it.w = v.hi;
        it.op = negate ? Item::WildNe : Item::WildEq;
        return true;
    }
    if (v.range) {
        if (it.op != Item::Eq && it.op != Item::Ne) {
            error(t, tr("a range or prefix cannot be compared with < or >"));
            return false;
        }
        it.v = v.lo;
        it.w = v.hi;
        it.op = negate ? Item::NotRange : Item::Range;
        return true;
    }
    it.v = v.lo;
    if (!explicitOp && fieldIsBitmask(f) && !lhs.hasAnd)
        it.op = negate ? Item::BitNone : Item::BitAny;
    return true;
}

bool TextReader::statement(size_t &i, Rule &r, int table)
{
    const size_t n = m_toks.size();
    const Tok &t = m_toks[i];
    const Word w(t.s);
    Item it;
    const size_t start = i;
    const auto finish = [&](Item::Kind k) {
        it.kind = k;
        it.text = span(m_toks[start], m_toks[i - 1]);
        m_n.items.push_back(it);
        ++r.count;
        return true;
    };
    if (t.k == Tok::Str) {
        ++i;
        return true;   // a stray string
    }
    if (w == "counter") {
        ++i;
        quint64 v;
        if (i + 3 < n + 0 || (i + 3 == n - 0 && false)) {}
        if (i < n && m_toks[i].s == "packets" && i + 3 < n + 1 && i + 1 < n && parseNumber(m_toks[i + 1].s, v)) {
            it.packets = v;
            i += 2;
            if (i + 1 < n && m_toks[i].s == "bytes" && parseNumber(m_toks[i + 1].s, v)) {
                it.bytes = v;
                i += 2;
            }
        }
        if (!r.packets && !r.bytes) {
            r.packets = it.packets;
            r.bytes = it.bytes;
        }
        return finish(Item::Counter);
    }
    if (w == "comment") {
        ++i;
        if (i < n) {
            r.comment = m_toks[i].s;
            ++i;
        }
        return true;
    }
    if (w == "log") {
        ++i;
        while (i < n) {
            const Word o(m_toks[i].s);
            if (o == "prefix" || o == "level" || o == "group" || o == "snaplen" || o == "queue-threshold") {
                i += 2;
            } else if (o == "flags") {
                i += 2;
                while (i < n && m_toks[i].k == Tok::Comma)
                    i += 2;
            } else {
                break;
            }
        }
        i = std::min(i, n);
        return finish(Item::Log);
    }
    if (w == "limit" || w == "quota") {
        ++i;
        while (i < n && m_toks[i].k == Tok::Word && !isStatementWord(Word(m_toks[i].s)))
            ++i;
        return finish(w == "limit" ? Item::Limit : Item::Quota);
    }
    if (w == "notrack") {
        ++i;
        return finish(Item::Notrack);
    }
    if (w == "xt") {
        // iptables-nft compat: `xt match "recent"`, `xt target "TPROXY"`
        ++i;
        it.xtTarget = i < n && m_toks[i].s == "target";
        i = std::min(i + 2, n);
        m_n.tables[size_t(table)].iptablesNft = true;
        return finish(Item::Xt);
    }
    if (isVerdictWord(w)) {
        if (!verdict(i, it.verdict))
            return false;
        if (it.verdict.kind == nft::Verdict::Reject) {
            // reject [with icmp type X | with tcp reset | with icmpx ...]
            if (i + 1 < n && m_toks[i].s == "with" && m_toks[i + 1].s == "tcp") {
                // `with tcp reset` carries a tcp dependency the listing may not show (nft adds
                // `meta l4proto tcp`): on another protocol the rule does not match
                m_n.items.push_back(l4protoDependency(6, span(m_toks[start], m_toks[i + 1])));   // IPPROTO_TCP
                ++r.count;
            }
            if (i < n && m_toks[i].s == "with") {
                i += 2;
                if (i < n && m_toks[i].s == "type")
                    ++i;
                if (i < n && m_toks[i].k == Tok::Word && !isStatementWord(Word(m_toks[i].s)))
                    ++i;
            }
        } else if (it.verdict.kind == nft::Verdict::Queue) {
            while (i < n && m_toks[i].k != Tok::Str && !isStatementWord(Word(m_toks[i].s)))
                ++i;
        }
        return finish(Item::Verdict);
    }
    if (w == "dnat" || w == "snat" || w == "masquerade" || w == "redirect") {
        it.natKind = w == "dnat" ? Item::Dnat : w == "snat" ? Item::Snat : w == "masquerade" ? Item::Masquerade : Item::Redirect;
        ++i;
        if (i < n && (m_toks[i].s == "ip" || m_toks[i].s == "ip6"))
            ++i;
        const bool v6 = i > 0 && m_toks[i - 1].s == "ip6";
        if (i < n && m_toks[i].s == "to") {
            ++i;
            // a map: `dnat to ip daddr . tcp dport map { ... }` or `dnat ip to numgen random mod 2 map @m`
            size_t j = i;
            Expr key;
            if (expr(j, key) && j < n && m_toks[j].s == "map") {
                it.lhs = key;
                j++;
                std::vector<ValType> types;
                for (int k = 0; k < key.n; ++k)
                    types.push_back(fieldType(key.f[k]));
                const std::vector<ValType> data{v6 ? ValType::Ipv6 : ValType::Ipv4, ValType::Service};
                if (j < n && m_toks[j].k == Tok::LBrace) {
                    // data is an address, or address . port: a ` . ` after a ` : ` says which
                    bool pair = false, afterColon = false;
                    for (size_t k = j + 1; k < n && m_toks[k].k != Tok::RBrace; ++k) {
                        if (m_toks[k].k == Tok::Colon) afterColon = true;
                        else if (m_toks[k].k == Tok::Comma) afterColon = false;
                        else if (m_toks[k].k == Tok::Dot && afterColon) pair = true;
                    }
                    it.set = anonSet(j, types, pair ? data : std::vector<ValType>{data[0]}, true, table);
                    if (it.set < 0)
                        return false;
                } else if (j < n && !m_toks[j].s.empty() && m_toks[j].s[0] == '@') {
                    const auto &byName = m_n.tables[size_t(table)].setByName;
                    if (const auto f = byName.find(m_toks[j].s.substr(1)); f != byName.end())
                        it.set = f->second;
                    else
                        error(m_toks[j], tr("no map named %1 in this table").arg(text::q(m_toks[j].s.substr(1))));
                    ++j;
                }
                i = j;
            } else {
                std::string_view s = i < n ? m_toks[i].s : std::string_view();
                // ADDR, ADDR:PORT, [ADDR6]:PORT, :PORT, ADDR-ADDR, PORT ranges
                std::string_view addr = s, port;
                if (!s.empty() && s[0] == '[') {
                    const size_t close = s.find(']');
                    addr = s.substr(1, close == std::string_view::npos ? s.size() - 1 : close - 1);
                    if (close != std::string_view::npos && close + 1 < s.size() && s[close + 1] == ':')
                        port = s.substr(close + 2);
                } else if (const size_t colon = s.rfind(':'); colon != std::string_view::npos
                           && (s.find(':') == colon || v6 == false)) {
                    addr = s.substr(0, colon);
                    port = s.substr(colon + 1);
                }
                if (!addr.empty()) {
                    Value a;
                    if (!parseValue(v6 || addr.find(':') != std::string_view::npos ? ValType::Ipv6 : ValType::Ipv4, addr, a)) {
                        error(m_toks[i], tr("\"%1\" is not an address to translate to").arg(text::q(addr)));
                        return false;
                    }
                    it.v = a.lo;
                    it.w = a.hi;
                }
                if (!port.empty()) {
                    Value p;
                    if (!parseValue(ValType::Service, port, p)) {
                        error(m_toks[i], tr("\"%1\" is not a port").arg(text::q(port)));
                        return false;
                    }
                    it.portLo = quint16(p.lo.lo);
                    it.portHi = quint16(p.hi.lo);
                }
                ++i;
            }
        }
        while (i < n && (m_toks[i].s == "random" || m_toks[i].s == "fully-random" || m_toks[i].s == "persistent"
                         || m_toks[i].k == Tok::Comma))
            ++i;
        return finish(Item::Nat);
    }
    // meta mark set ..., mark set ..., ct mark set ..., meta nftrace set 1
    {
        size_t j = i;
        Expr target;
        if (expr(j, target) && j < n && m_toks[j].s == "set") {
            ++j;
            it.setField = target.f[0];
            Expr src;
            size_t k = j;
            if (expr(k, src)) {
                it.srcField = src.f[0];
                it.setOp = Item::SetCopy;
                if (k + 1 < n && (m_toks[k].s == "|" || m_toks[k].s == "&" || m_toks[k].s == "^" || m_toks[k].s == "or"
                                  || m_toks[k].s == "and" || m_toks[k].s == "xor")) {
                    const Word op(m_toks[k].s);
                    it.setOp = (op == "|" || op == "or") ? Item::SetOr : (op == "&" || op == "and") ? Item::SetAnd : Item::SetXor;
                    quint64 v;
                    if (!parseNumber(m_toks[k + 1].s, v)) {
                        error(m_toks[k + 1], tr("expected a number"));
                        return false;
                    }
                    it.v = Val::num(v);
                    k += 2;
                }
                j = k;
            } else if (j < n) {
                quint64 v;
                if (parseNumber(m_toks[j].s, v)) {
                    it.setOp = Item::SetConst;
                    it.v = Val::num(v);
                }
                ++j;
            }
            i = j;
            const bool modelled = (it.setField == Field::MetaMark || it.setField == Field::CtMark)
                    && (it.srcField == Field::None || it.srcField == Field::MetaMark || it.srcField == Field::CtMark);
            return finish(modelled ? Item::SetMeta : Item::Other);
        }
    }
    // An expression: lhs [op] rhs, or lhs vmap { } / @map
    {
        size_t j = i;
        Expr lhs;
        if (expr(j, lhs)) {
            it.lhs = lhs;
            // fib daddr oif missing / exists
            if (j < n && (m_toks[j].s == "missing" || m_toks[j].s == "exists")) {
                it.op = m_toks[j].s == "missing" ? Item::Eq : Item::Ne;
                it.v = Val();
                i = j + 1;
                return finish(Item::Match);
            }
            if (j < n && m_toks[j].s == "vmap") {
                ++j;
                std::vector<ValType> types;
                for (int k = 0; k < lhs.n; ++k)
                    types.push_back(fieldType(lhs.f[k]));
                if (j < n && m_toks[j].k == Tok::LBrace) {
                    it.set = anonSet(j, types, {ValType::Verdict}, true, table);
                } else if (j < n && !m_toks[j].s.empty() && m_toks[j].s[0] == '@') {
                    const auto &byName = m_n.tables[size_t(table)].setByName;
                    if (const auto f = byName.find(m_toks[j].s.substr(1)); f != byName.end())
                        it.set = f->second;
                    else
                        error(m_toks[j], tr("no map named %1 in this table").arg(text::q(m_toks[j].s.substr(1))));
                    ++j;
                } else {
                    error(j < n ? m_toks[j] : m_toks.back(), tr("expected `{` or `@map` after vmap"));
                    return false;
                }
                i = j;
                if (it.set < 0)
                    return false;
                return finish(Item::Vmap);
            }
            bool explicitOp = false;
            if (j < n) {
                const Word op(m_toks[j].s);
                explicitOp = true;
                if (op == "==" || op == "eq") it.op = Item::Eq;
                else if (op == "!=" || op == "ne") it.op = Item::Ne;
                else if (op == "<" || op == "lt") it.op = Item::Lt;
                else if (op == ">" || op == "gt") it.op = Item::Gt;
                else if (op == "<=" || op == "le") it.op = Item::Le;
                else if (op == ">=" || op == "ge") it.op = Item::Ge;
                else explicitOp = false;
                if (explicitOp)
                    ++j;
            }
            if (!rhs(j, lhs, it, table, explicitOp))
                return false;
            i = j;
            if (lhs.n == 1 && lhs.f[0] == Field::Unknown)
                return finish(Item::Unknown);
            return finish(Item::Match);
        }
    }
    // Not understood: kept up to the next statement word, uncertain. A word nft has no
    // statement for, or a header field it does not know, is a typo nft would refuse:
    // an error that names it, the rule still kept.
    const size_t first = i;
    ++i;
    while (i < n && !(m_toks[i].k == Tok::Word && isStatementWord(Word(m_toks[i].s))))
        ++i;
    const Tok *typo = nullptr;
    QString why;
    if (t.k == Tok::Word && !isNftWord(Word(t.s)) && typoOf(t.s)) {
        typo = &t;
        why = tr("unknown statement %1 (%2?): nft would refuse this rule (syntax error)").arg(text::q(t.s), QLatin1String(typoOf(t.s)));
    } else if (first + 1 < n && m_toks[first + 1].k == Tok::Word) {
        const std::string_view field = m_toks[first + 1].s;
        if (const char *const *fields = headerFields(Word(t.s)); fields && !knownField(fields, field)) {
            typo = &m_toks[first + 1];
            why = tr("%1 has no field %2: nft would refuse this rule (syntax error)").arg(text::q(t.s), text::q(field));
        }
    }
    if (typo) {
        error(*typo, why);
        return finish(Item::Unknown);
    }
    warn(t, tr("statement \"%1\" is kept but not evaluated: traces through it are uncertain")
                    .arg(text::q(span(m_toks[start], m_toks[i - 1]))),
         QStringLiteral("nft-kept"), text::q(t.s));
    return finish(Item::Unknown);
}

void TextReader::rule(int ci, int handle)
{
    Chain &c = m_n.chains[size_t(ci)];
    Rule r;
    r.first = quint32(m_n.items.size());
    r.handle = handle;
    r.loc = loc(m_toks.front());
    r.text = span(m_toks.front(), m_toks.back());
    const int table = c.table;
    size_t i = 0;
    while (i < m_toks.size()) {
        const size_t before = i;
        if (!statement(i, r, table)) {
            // the error is reported; drop the rest of the rule
            m_n.items.resize(r.first);
            r.count = 0;
            Item u;
            u.kind = Item::Unknown;
            u.text = r.text;
            m_n.items.push_back(u);
            r.count = 1;
            break;
        }
        if (i == before)
            ++i;
    }
    m_n.chains[size_t(ci)].rules.push_back(r);
}

bool TextReader::oneRule(int ci, Rule &out)
{
    while (m_lx.peek().k == Tok::Newline)
        m_lx.next();
    gather(false);
    Tok at;
    at.line = 1;
    at.col = 1;
    if (m_toks.empty()) {
        error(at, tr("the rule is empty: expected statements such as iifname \"cni0\" accept"));
        return false;
    }
    while (m_lx.peek().k == Tok::Newline || m_lx.peek().k == Tok::Semi)
        m_lx.next();
    if (m_lx.peek().k != Tok::End) {
        error(m_lx.peek(), tr("one rule only: a second line or `;` follows"));
        return false;
    }
    const size_t sets = m_n.sets.size();
    rule(ci, -1);
    Chain &c = m_n.chains[size_t(ci)];
    out = c.rules.back();
    c.rules.pop_back();
    if (!m_ok) {
        m_n.items.resize(out.first);
        m_n.sets.resize(sets);
    }
    return m_ok;
}

} // namespace

bool NftParser::parseRule(Ruleset &rs, int chain, std::string_view text, Rule &out, QString &error, int &column)
{
    if (!rs.nft || chain < 0 || size_t(chain) >= rs.nft->chains.size()) {
        error = tr("no such nft chain");
        column = 1;
        return false;
    }
    const size_t diags = rs.diagnostics.size();
    TextReader r(rs, *rs.nft, text, -1, QString());
    const bool ok = r.oneRule(chain, out);
    // The reader reports as it would for a file; a typed rule's problems are its answer.
    for (size_t i = diags; i < rs.diagnostics.size() && error.isEmpty(); ++i)
        if (rs.diagnostics[i].severity == Diagnostic::Error) {
            error = rs.diagnostics[i].message;
            column = rs.diagnostics[i].column;
        } else if (ok && rs.diagnostics[i].kind == QLatin1String("nft-kept")) {
            error = tr("unknown statement %1: nft would refuse it, or the engine does not evaluate it")
                            .arg(rs.diagnostics[i].subject);
            column = rs.diagnostics[i].column;
        }
    rs.diagnostics.resize(diags);
    if (!ok)
        return false;
    // A statement the engine keeps but does not model is fine in a dump and a typo when typed:
    // nft would refuse most of them, and an uncertain candidate proves nothing.
    if (!error.isEmpty()) {
        rs.nft->items.resize(out.first);
        return false;
    }
    rs.nft->link();
    return true;
}

NftParser::Format NftParser::detect(std::string_view data)
{
    // The first meaningful line decides: `table FAMILY NAME {`, `{"nftables": [`, `family ip {` (list hooks).
    size_t pos = 0;
    int lines = 0;
    while (pos < data.size() && lines < 200) {
        size_t e = data.find('\n', pos);
        if (e == std::string_view::npos)
            e = data.size();
        const std::string_view t = text::trimmed(data.substr(pos, e - pos));
        pos = e + 1;
        ++lines;
        if (t.empty() || t[0] == '#' || PasteScanner::isFence(t) || PasteScanner::isPrompt(t))
            continue;
        if (t[0] == '{') {
            // `nft -j list ruleset` is one line; through `jq` or json.tool the key is on the next.
            const size_t at = size_t(t.data() - data.data()) + 1;
            const size_t key = data.find_first_not_of(" \t\r\n", at);
            if (t.find("\"nftables\"") != std::string_view::npos
                || (key != std::string_view::npos && data.substr(key, 10) == "\"nftables\""))
                return Format::Json;
        }
        if (t.substr(0, 6) == "table ") {
            Family f;
            const size_t sp = t.find(' ', 6);
            if (familyFromName(t.substr(6, sp == std::string_view::npos ? std::string_view::npos : sp - 6), f))
                return Format::Text;
        }
        if (t.substr(0, 7) == "family " && t.back() == '{')
            return Format::Hooks;
        if (t.substr(0, 13) == "flush ruleset")
            continue;
        if (t[0] == '*' || t[0] == ':' || t.substr(0, 3) == "-A " || t.substr(0, 3) == "-P " || t.substr(0, 6) == "Chain ")
            return Format::None;
    }
    return Format::None;
}

QString NftParser::formatName(Format f)
{
    switch (f) {
    case Format::Text: return QStringLiteral("nft list ruleset");
    case Format::Json: return QStringLiteral("nft -j list ruleset");
    case Format::Hooks: return QStringLiteral("nft list hooks");
    case Format::None: break;
    }
    return {};
}

bool parseJsonInto(Ruleset &rs, NftRuleset &n, std::string_view view, int fileIndex, const QString &file);
bool parseHooksInto(Ruleset &rs, NftRuleset &n, std::string_view view, const QString &file);

bool NftParser::parseInto(Ruleset &rs, std::string_view view, int fileIndex, const QString &file, Format format)
{
    if (!rs.nft)
        rs.nft = std::make_shared<NftRuleset>();
    NftRuleset &n = *rs.nft;
    bool ok;
    if (format == Format::Json) {
        ok = parseJsonInto(rs, n, view, fileIndex, file);
    } else if (format == Format::Hooks) {
        ok = parseHooksInto(rs, n, view, file);
    } else {
        // About two statements per line (a rule's match and its verdict; set elements have
        // none): reserved up front, a 10k-service ruleset's items are not copied as the
        // vector grows (that was a fifth of the parse).
        const size_t lines = size_t(std::count(view.begin(), view.end(), '\n'));
        n.items.reserve(n.items.size() + lines * 2);
        n.chains.reserve(n.chains.size() + lines / 4);   // kube-proxy's chains run 4 to 5 lines
        TextReader r(rs, n, view, fileIndex, file);
        ok = r.run();
    }
    rs.formats.push_back(formatName(format));
    n.link();
    // A jump or goto, in a rule or a verdict map, to a chain its table lacks: nft refuses the
    // whole file ("Could not process rule: No such file or directory").
    const auto lineText = [&](int line) {
        size_t pos = 0;
        for (int l = 1; l < line && pos != std::string_view::npos; ++l)
            pos = view.find('\n', pos) == std::string_view::npos ? std::string_view::npos : view.find('\n', pos) + 1;
        if (pos == std::string_view::npos)
            return std::string_view();
        const size_t e = view.find('\n', pos);
        return view.substr(pos, (e == std::string_view::npos ? view.size() : e) - pos);
    };
    const auto dangling = [&](const nft::Verdict &v, int table, const SourceLoc &at) {
        if ((v.kind != nft::Verdict::Jump && v.kind != nft::Verdict::Goto) || v.chain >= 0 || at.file != fileIndex
            || v.chainName.empty() || v.chainName == "{")
            return;   // `jump { ... }` is a chain binding, not a name
        // A name two edits from one the table has is a typo nft refuses; another is a chain the
        // paste left out (`nft list chain` prints one chain): kept, the trace uncertain there.
        std::string_view meant;
        for (const int ci : n.tables[size_t(table)].chains)
            if (closeTo(v.chainName, n.chains[size_t(ci)].name))
                meant = n.chains[size_t(ci)].name;
        // the set's elements follow its first line: the line that names the chain
        int line = at.line;
        size_t col = std::string_view::npos;
        for (int l = at.line; l < at.line + 64 && col == std::string_view::npos; ++l)
            if ((col = lineText(l).find(v.chainName)) != std::string_view::npos)
                line = l;
        const QString verb = v.kind == nft::Verdict::Jump ? QStringLiteral("jump") : QStringLiteral("goto");
        if (meant.empty()) {
            rs.diagnostics.push_back({Diagnostic::Warning, file, line, col == std::string_view::npos ? 1 : int(col) + 1,
                                      tr("%1 to chain %2, which the listing of table %3 does not show: traces that reach it are "
                                         "uncertain").arg(verb, text::q(v.chainName), n.tableTitle(table)),
                                      QStringLiteral("nft-missing-chain"), text::q(v.chainName)});
            return;
        }
        rs.diagnostics.push_back({Diagnostic::Error, file, line, col == std::string_view::npos ? 1 : int(col) + 1,
                                  tr("%1 to chain %2, which table %3 does not have (%4?): nft would refuse this ruleset")
                                          .arg(verb, text::q(v.chainName), n.tableTitle(table), text::q(meant))});
        ok = false;
    };
    if (!n.unresolved)
        return ok;   // link() found every chain: no pass over the statements
    for (const Chain &c : n.chains)
        for (const Rule &r : c.rules)
            for (quint32 i = r.first; i < r.first + r.count; ++i)
                dangling(n.items[i].verdict, c.table, r.loc);
    for (const Set &st : n.sets)
        for (const Element &e : st.elements)
            dangling(e.verdict, st.table, st.loc);
    return ok;
}

bool parseHooksInto(Ruleset &, NftRuleset &n, std::string_view view, const QString &)
{
    // family ip {\n hook input {\n  +0000000000 chain inet firewalld filter_INPUT [nf_tables]
    size_t pos = 0;
    while (pos < view.size()) {
        size_t e = view.find('\n', pos);
        if (e == std::string_view::npos)
            e = view.size();
        const std::string_view t = text::trimmed(view.substr(pos, e - pos));
        pos = e + 1;
        const size_t c = t.find(" chain ");
        if (c == std::string_view::npos)
            continue;
        std::string_view rest = t.substr(c + 7);
        if (const size_t b = rest.find(" ["); b != std::string_view::npos)
            rest = rest.substr(0, b);
        n.hookOrder.emplace_back(rest);
    }
    n.hooksKnown = !n.hookOrder.empty();
    return true;
}

} // namespace chainscope::nft
