#pragma once

#include "address.h"
#include "ruleset.h"

#include <QString>

#include <string_view>
#include <unordered_map>
#include <vector>

namespace chainscope::nft {

class NftRuleset;

/** The nftables families. ip, ip6 and inet are evaluated; arp, bridge and netdev are kept and shown. */
enum class Family : quint8 { Ip, Ip6, Inet, Arp, Bridge, Netdev };
std::string_view familyName(Family f);
bool familyFromName(std::string_view s, Family &out);
/** Whether a packet of the address family meets a table of this family. */
constexpr bool familySees(Family table, chainscope::Family packet)
{
    return table == Family::Inet || (table == Family::Ip && packet == chainscope::Family::Ipv4)
            || (table == Family::Ip6 && packet == chainscope::Family::Ipv6);
}

/** Hooks: the five of the IP stack (same order as chainscope::Hook), then netdev's. */
enum class NftHook : quint8 { Prerouting, Input, Forward, Output, Postrouting, Ingress, Egress, None };
std::string_view hookName(NftHook h);
bool hookFromName(std::string_view s, NftHook &out);

/** The named priorities of `nft(8)`, by family: raw -300, mangle -150, dstnat -100, filter 0, security 50, srcnat 100. */
bool priorityFromName(std::string_view name, Family family, NftHook hook, int &out);
/** "filter", "dstnat", or "filter + 10"; numbers without a name near them as numbers. */
QString priorityText(int priority, Family family);
/** The priority iptables registers a table's hook with (NF_IP_PRI_*): raw -300, mangle -150, nat -100 or 100, filter 0, security 50. */
int iptablesPriority(TableId table, Hook hook);

/**
 * One value of a field: addresses as Address (both families, v4-mapped), numbers in `lo`,
 * interface names as up to 16 bytes big-endian over hi then lo (so prefixes compare as
 * masks). Every field the engine reads fits: IFNAMSIZ is 16.
 */
struct Val
{
    quint64 hi = 0, lo = 0;
    constexpr bool operator==(const Val &) const = default;
    constexpr bool operator<(const Val &o) const { return hi != o.hi ? hi < o.hi : lo < o.lo; }
    constexpr bool operator<=(const Val &o) const { return !(o < *this); }
    static constexpr Val num(quint64 n) { return Val{0, n}; }
    static Val addr(const Address &a) { return Val{a.hi(), a.lo()}; }
    static Val name(std::string_view s);
    Address toAddress() const { return Address(hi, lo); }
};

/** What an expression reads from the packet or its context. */
enum class Field : quint8 {
    None,
    IpSaddr, IpDaddr, IpProtocol, IpLength, IpTtl,
    Ip6Saddr, Ip6Daddr, Ip6Nexthdr, Ip6Hoplimit,
    ThSport, ThDport, TcpSport, TcpDport, UdpSport, UdpDport, SctpSport, SctpDport, TcpFlags,
    IcmpType, IcmpCode, Icmpv6Type, Icmpv6Code,
    MetaIifname, MetaOifname, MetaIif, MetaOif, MetaL4proto, MetaNfproto, MetaMark, MetaPkttype, MetaProtocol,
    MetaLength, MetaSkuid,
    CtState, CtStatus, CtMark, CtDirection, CtOrigSaddr, CtOrigDaddr, CtReplySaddr, CtReplyDaddr,
    CtOrigProtoSrc, CtOrigProtoDst,
    FibDaddrType, FibSaddrType, FibDaddrOif, FibSaddrOif,
    NumgenRandom, NumgenInc, Jhash, Symhash,
    Unknown,   // read by a rule, kept, undecidable
};
/** How a field's values are written: what a literal next to it means. */
enum class ValType : quint8 { Int, Ipv4, Ipv6, IfName, Proto, Service, CtState, CtStatus, CtDir, TcpFlags,
                              IcmpType, Icmpv6Type, PktType, NfProto, AddrType, Mark, Verdict, Opaque };
ValType fieldType(Field f);
/** Flags fields: a bare value `ct state established,related` tests bits, (x & v) != 0. */
bool fieldIsBitmask(Field f);

/** A left-hand side: one field, or a concatenation (`ip daddr . meta l4proto . th dport`). */
struct Expr
{
    static constexpr int kMax = 5;
    Field f[kMax] = {};
    quint8 n = 0;
    quint32 mod = 0;      // numgen/jhash: mod N
    quint32 offset = 0;   // numgen/jhash: offset
    quint64 andMask = ~0ull;   // `meta mark & 0x4000 == 0`
    bool hasAnd = false;
};

/** A verdict: statement or map data. `chain` is a global chain index (NftRuleset::chains). */
struct Verdict
{
    enum Kind : quint8 { None, Accept, Drop, Reject, Return, Jump, Goto, Continue, Queue };
    Kind kind = None;
    int chain = -1;
    std::string_view chainName;
};

/** One element of a set or map: a key (per component lo..hi) and, for maps, its data. */
struct Element
{
    quint32 key = 0;   // index into Set::keys: n components, each lo then hi
    Verdict verdict;   // vmap
    Val data[2];       // map: up to two data components (addr . port)
    std::string_view text;
};

struct Set
{
    std::string_view name;   // empty for an anonymous set
    int table = -1;
    std::vector<ValType> keyTypes;   // one per component
    std::vector<ValType> dataTypes;  // maps: one per data component; vmap: {Verdict}
    bool map = false;
    bool interval = false;
    bool timeout = false;
    bool dynamic = false;
    bool constant = false;
    bool elementsKnown = true;       // false for `-t` terse listings: the lookup is uncertain
    std::vector<Val> keys;           // elements' keys, 2 * keyTypes.size() per element
    std::vector<Element> elements;
    SourceLoc loc;
    int handle = -1;
    std::string_view comment;
    /** Exact-match index (hash of the key -> element), built by NftRuleset::link() when no element is a range. */
    std::unordered_multimap<quint64, quint32> index;
    bool indexed = false;

    bool isVmap() const { return map && dataTypes.size() == 1 && dataTypes[0] == ValType::Verdict; }
    /** The element whose key holds `key` (one value per component); -1 none. */
    int lookup(const Val *key, int n) const;
};

/** A statement of a rule: matches and actions in the order written, as the kernel runs them. */
struct Item
{
    enum Kind : quint8 {
        Match,      // lhs op value / set
        Verdict,    // verdict
        Vmap,       // lhs vmap set
        Counter, Log, Limit, Quota, Notrack,
        Nat,        // nat: natKind, addr / port, or a map (set) keyed by lhs
        SetMeta,    // meta mark set / ct mark set: target field, source and op
        Xt,         // xt match/target: iptables-nft compat, kept, uncertain
        Other,      // a statement the engine keeps and does not model (continues)
        Unknown,    // not understood: the trace is uncertain past it
    };
    enum Op : quint8 { Eq, Ne, Lt, Gt, Le, Ge, InSet, NotInSet, Range, NotRange, Prefix, NotPrefix, BitAny, BitNone,
                       WildEq, WildNe };
    enum NatKind : quint8 { Dnat, Snat, Masquerade, Redirect };
    enum SetOp : quint8 { SetConst, SetOr, SetAnd, SetXor, SetCopy };
    Kind kind = Unknown;
    Op op = Eq;
    quint8 natKind = 0;
    quint8 setOp = 0;
    bool xtTarget = false;     // Xt: a target (ends as unknown) rather than a match
    Field setField = Field::None;   // SetMeta: what is written (MetaMark, CtMark)
    Field srcField = Field::None;   // SetMeta: read from (MetaMark, CtMark), None for a constant
    Expr lhs;
    int set = -1;              // InSet, Vmap, Nat map
    Val v, w;                  // value; range hi or prefix mask
    quint16 portLo = 0, portHi = 0;
    nft::Verdict verdict;
    std::string_view text;     // the statement as written
    quint64 packets = 0, bytes = 0;   // Counter
};

/**
 * `meta l4proto P`: the dependency nft adds to `reject with tcp reset` (the rule holds only
 * for tcp), which listings may not show; both readers add it so a rule means the same.
 */
Item l4protoDependency(quint8 proto, std::string_view text);

struct Rule
{
    quint32 first = 0;   // items [first, first + count)
    quint32 count = 0;
    int handle = -1;
    quint64 packets = 0, bytes = 0;
    SourceLoc loc;
    std::string_view text;
    std::string_view comment;
    bool candidate = false;   // inserted by the user to test a fix (WhatIf)
};

struct Chain
{
    std::string_view name;
    int table = -1;
    bool base = false;
    std::string_view type;        // filter, nat, route
    NftHook hook = NftHook::None;
    int priority = 0;
    std::string_view priorityWritten;
    bool policyDrop = false;
    std::string_view device;
    int handle = -1;
    SourceLoc loc;
    std::vector<Rule> rules;
    std::string_view comment;
};

/**
 * A rule's text cut where it acts: `action` from its last verdict, vmap or nat statement to the
 * end ("accept", "tcp dport vmap { ... }", "dnat ip to ..."), `matches` what comes before it;
 * views into rule.text. No acting statement (a counter, a mark set): action is empty.
 */
void splitAction(const NftRuleset &n, const Rule &rule, std::string_view &action, std::string_view &matches);

/** Who wrote a table or chain, from its names (kube-proxy, Docker, firewalld, flannel, Calico...). */
QString ownerOf(std::string_view table, std::string_view chain, bool iptablesNft);

struct Table
{
    Family family = Family::Ip;
    std::string_view name;
    int handle = -1;
    SourceLoc loc;
    std::vector<int> chains;   // global indices
    std::vector<int> sets;     // global indices (named sets and maps)
    std::string_view comment;
    /** Written by iptables-nft: the "managed by iptables-nft" warning, or xt compat expressions. */
    bool iptablesNft = false;
    /** An iptables-nft table the node's iptables-save also holds: shown, not evaluated twice. */
    bool duplicate = false;
    std::unordered_map<std::string_view, int> chainByName;
    std::unordered_map<std::string_view, int> setByName;
};

/**
 * A node's nftables rule set (`nft list ruleset`, `nft -j list ruleset`): tables of every
 * family, base and regular chains, rules as statement lists, named and anonymous sets and
 * maps. Views point into buffers of the owning Ruleset. See docs/nftables.md.
 */
class NftRuleset
{
public:
    std::vector<Table> tables;
    std::vector<Chain> chains;
    std::vector<Set> sets;       // named and anonymous
    std::vector<Item> items;     // every rule's statements, rules index ranges of it
    /** `nft list hooks`: per (family, hook) the order of base chains at equal priorities, "family table chain". */
    std::vector<std::string> hookOrder;
    bool hooksKnown = false;
    /** Whether a rule needs conntrack (ct expressions, nat chains, notrack); set by link(). */
    bool usesConntrack = false;
    /** A jump, goto or verdict-map element names a chain its table lacks; set by link(). */
    bool unresolved = false;

    int tableIndex(Family f, std::string_view name) const;
    /** A table by its title as nft writes it, "inet firewalld"; -1 when none. */
    int tableIndex(const QString &title) const;
    /** A chain of a table by name, global index; -1 when none. */
    int chainIndex(int table, const QString &name) const;
    /** Base chains, by global index, as link() found them (baseChains() reads these). */
    std::vector<int> baseIndex;
    bool linked = false;
    /** Resolves verdict chains, builds set indices and the base chain index. */
    void link();
    /** Marks iptables-nft tables that the node's iptables dump also holds (see Table::duplicate). */
    void markDuplicates(const Ruleset &iptables);
    int ruleCount() const;
    /** "ip filter", "inet firewalld". */
    QString tableTitle(int table) const;
    /**
     * Base chains of a hook a packet of the family meets, by priority; at equal priority in
     * `nft list hooks` order, else the one loaded last first (as nf_register_net_hook inserts).
     */
    std::vector<int> baseChains(NftHook hook, chainscope::Family packet) const;
    /**
     * Who wrote a chain: from its own name (KUBE-*, DOCKER-*, cali-*), else its table's name or
     * the chains it jumps to; iptables-nft's tables say so ("Docker via iptables-nft", or
     * "iptables-nft" for a chain nothing names, such as a host's own INPUT rules).
     */
    QString owner(int chain) const;
    /** Position in `nft list hooks` order, or -1. */
    int hookRank(int chain) const;
};

} // namespace chainscope::nft
