#pragma once

#include "address.h"
#include "diagnostic.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <array>
#include <deque>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chainscope {

namespace nft {
class NftRuleset;
}

/**
 * The five tables of iptables, then the five of ip6tables, each in the order the kernel
 * registers them at equal hooks. A node's Ruleset holds both families; a packet only ever
 * meets the tables of its own family.
 */
enum class TableId : quint8 { Raw, Mangle, Nat, Filter, Security, Raw6, Mangle6, Nat6, Filter6, Security6 };
inline constexpr int TableCount = 10;
inline constexpr int TablesPerFamily = 5;
/** "filter" for both families: the name iptables-save and ip6tables-save print. */
std::string_view tableName(TableId t);
/**
 * A table by name as iptables takes it ("filter": IPv4), or by tableKey() ("filter6": the
 * IPv6 one) where one name must say the family (--insert, sessions, scenario "table").
 */
bool tableFromName(std::string_view name, TableId &out);
/** "filter", or "filter6" for IPv6: a table named where both families may be meant. */
QString tableKey(TableId t);
constexpr Family tableFamily(TableId t) { return int(t) >= TablesPerFamily ? Family::Ipv6 : Family::Ipv4; }
/** The IPv4 table of the same name: what table-specific rules (nat only, raw only) test. */
constexpr TableId tableBase(TableId t) { return TableId(int(t) % TablesPerFamily); }
/** The table of the same name in a family. */
constexpr TableId tableFor(TableId t, Family f)
{
    return TableId(int(t) % TablesPerFamily + (f == Family::Ipv6 ? TablesPerFamily : 0));
}
/** "filter" or "filter (IPv6)": where both families are shown side by side. */
QString tableTitle(TableId t);
/** "iptables" or "ip6tables": the command that edits the table. */
QLatin1String tableCommand(TableId t);

enum class Hook : quint8 { Prerouting, Input, Forward, Output, Postrouting };
std::string_view hookName(Hook h);
/** The hook a built-in chain name stands for; false for user chains. */
bool hookFromChainName(std::string_view chain, Hook &out);

/** The two addresses of an address criterion (see Criterion::hasAddresses). */
struct AddressPair
{
    Address x, y;
};

/**
 * One test a rule makes. Base criteria (-s -d -i -o -p -f) come first, in the kernel's
 * order, then the match modules' criteria in the order written. The meaning of a, b, c
 * depends on the kind; see the comments. `module` is the -m name it came from.
 *
 * The kinds that test addresses keep them out of line, in their Ruleset, with `b` as their
 * index (Ruleset::addresses(c).x, .y): two 128-bit addresses inline would double the size
 * of every criterion, most of which hold none (32 bytes -> 64, 25 MB more to allocate and
 * fault in for a 30k-service dump).
 */
struct Criterion
{
    enum Kind : quint8 {
        Src,            // x = address (masked), y = mask
        Dst,            // x = address (masked), y = mask
        InIface,        // text = name without '+', c = 1 when it ends in '+'
        OutIface,       // as InIface
        Proto,          // a = protocol number
        Fragment,       // -f: second and later fragments
        SrcPort,        // a..b port range (tcp, udp, sctp, dccp)
        DstPort,        // a..b
        TcpFlags,       // a = mask, b = flags that must be set within mask
        TcpOption,      // a = option number
        IcmpType,       // a = type (255: any), b..c code range; ICMPv6 in ip6tables tables
        MultiSrcPorts,  // values[a .. a+b) as lo << 16 | hi
        MultiDstPorts,
        MultiPorts,     // either port
        CtState,        // a = CtBits
        CtProto,        // a = protocol
        CtOrigSrc, CtOrigDst, CtReplSrc, CtReplDst, // x = address, y = mask
        CtOrigSrcPort, CtOrigDstPort, CtReplSrcPort, CtReplDstPort, // a..b
        CtStatus,       // a = CtStatus bits
        CtDirection,    // a = 0 original, 1 reply
        CtExpire,       // a..b seconds (undecidable)
        Mark,           // (mark & b) == a
        ConnMark,       // (ctmark & b) == a
        AddrSrcType,    // a = AddrType bits, c = 1 limit-iface-in, 2 limit-iface-out
        AddrDstType,
        Comment,        // text
        StatRandom,     // a = probability scaled to 2^31 as the kernel stores it
        StatNth,        // a = every, b = initial packet count
        IpRangeSrc,     // x..y inclusive
        IpRangeDst,
        PhysdevIn, PhysdevOut, // text, c = wildcard
        PhysdevIsIn, PhysdevIsOut, PhysdevIsBridged,
        PktType,        // a = 0 unicast, 1 broadcast, 2 multicast
        Length,         // a..b
        Limit,          // a = rate per second * 10000, b = burst (first packets match)
        OwnerUid,       // a..b
        OwnerGid,       // a..b
        OwnerSocketExists,
        Set,            // text = set name, a = flag count, b = direction bits (1 src per flag),
                        // c = SetFlags
        Recent,         // text = list name, a = seconds (0: any age), y = mask, c = RecentFlags,
                        // d = hit count (0: any)
        Nfacct,         // text = accounting object name; always matches (it only counts)
        MacSource,      // text
        Ttl,            // a = op (0 eq,1 lt,2 gt), b = value; the hop limit (-m hl) in IPv6
        Unknown,        // text = the whole module with its options, verbatim
    };
    Kind kind = Unknown;
    bool neg = false;
    quint8 c = 0;
    quint16 module = 0;   // index into Ruleset::moduleName(), 0 = base (no -m)
    quint16 d = 0;        // a fourth value for the few kinds that need one (in padding)
    quint32 a = 0;
    quint32 b = 0;        // for the address kinds: index of x and y in Ruleset::addresses()
    std::string_view text;

    /** Whether the kind has addresses x and y (kept in the Ruleset, see above). */
    static constexpr bool hasAddresses(Kind k)
    {
        return k == Src || k == Dst || (k >= CtOrigSrc && k <= CtReplDst) || k == IpRangeSrc || k == IpRangeDst
                || k == Recent;
    }
};
// Every rule holds a few: what a 30k-service dump allocates and faults in scales with this.
static_assert(sizeof(Criterion) <= 32, "Criterion grew: keep addresses out of line (Ruleset::addresses)");

/** Conntrack state bits as the conntrack and state modules define them. */
namespace CtBits {
enum : quint32 { Invalid = 1, Established = 2, Related = 4, New = 8, Untracked = 16, Snat = 32, Dnat = 64 };
}
namespace CtStatusBits {
enum : quint32 { Expected = 1, SeenReply = 2, Assured = 4, Confirmed = 8 };
}
/** -m set flags beside the set name and directions. */
namespace SetFlags {
enum : quint8 {
    ReturnNomatch = 1,      // --return-nomatch: a nomatch element matches, a plain one does not
    CounterTest = 2,        // --packets-*/--bytes-*: element counters the dump does not hold
    NoCounterUpdate = 4,    // ! --update-counters
    NoSubcounterUpdate = 8, // ! --update-subcounters
};
}
/** -m recent: the command in the low two bits, then the modifiers. */
namespace RecentFlags {
enum : quint8 {
    Set = 0, Check = 1, Update = 2, Remove = 3, CommandMask = 3,
    Reap = 4, Ttl = 8, Dest = 16,   // Dest: --rdest (the default is --rsource)
};
}
/** addrtype bits, in the kernel's RTN_* order. */
namespace AddrType {
enum : quint32 {
    Unspec = 1, Unicast = 2, Local = 4, Broadcast = 8, Anycast = 16, Multicast = 32,
    Blackhole = 64, Unreachable = 128, Prohibit = 256, Throw = 512, Nat = 1024, XResolve = 2048
};
}

struct Target
{
    enum Kind : quint8 {
        None,        // no -j: counters only, continue
        Accept, Drop, Reject, Return, Queue,
        Jump, Goto,  // chain = index in the same table
        Log, Nflog, TraceTarget,
        Mark,        // mark = (mark & ~b) ^ a  (the kernel's xmark form)
        ConnMark,    // mode: 0 set (ctmark = (ctmark & ~b) ^ a), 1 save, 2 restore (a = nfmask, b = ctmask)
        Dnat, Snat, Masquerade, Redirect, Netmap, // addrLo..addrHi, portLo..portHi
        Ct, Notrack, // Ct with mode 1 = --notrack
        Continue,    // a known target that does not end or rewrite what we trace (TCPMSS, CLASSIFY...)
        Unknown,     // kept verbatim; the trace is uncertain past it
    };
    Kind kind = None;
    quint8 mode = 0;
    int chain = -1;
    quint32 a = 0, b = 0;
    Address addrLo, addrHi;   // null: no address given (a port-only --to-destination)
    /** NETMAP's --to mask: the parser stores the prefix as addrLo..addrLo | ~mask. */
    Address netmapMask() const { return ~Address(addrLo.hi() ^ addrHi.hi(), addrLo.lo() ^ addrHi.lo()); }
    quint16 portLo = 0, portHi = 0;
    std::string_view name;  // as written (-j NAME)
    std::string_view args;  // the target's options, verbatim
};

struct SourceLoc
{
    int file = -1;  // index into Ruleset::files()
    int line = 0;   // 1-based
};

struct Rule
{
    std::vector<Criterion> criteria;
    std::vector<quint32> values;  // multiport lists
    Target target;
    quint64 packets = 0;
    quint64 bytes = 0;
    SourceLoc loc;
    std::string_view text;        // the line as loaded (save/-S text or the -L line)
    quint32 id = 0;               // stable within a Ruleset, for undo and selection
    bool candidate = false;       // inserted by the user to test a fix
    bool uncertain() const;       // has a criterion or target the engine cannot decide
};

/**
 * A run of consecutive rules whose first test is `-d ADDR/32` or `/128` (kube-proxy's KUBE-SERVICES):
 * `entries` holds (address, rule index) sorted, so a trace jumps to the rules that can
 * match instead of testing each. Built by Ruleset::link().
 */
struct DstRun
{
    int begin = 0;
    int end = 0;   // one past the last rule
    std::vector<std::pair<Address, int>> entries;
};

/**
 * A run of consecutive rules that test `-p PROTO` and then `--dport PORT` (one port, the same
 * protocol, only comments between): kube-proxy's KUBE-NODEPORTS. `entries` holds (port, rule
 * index) sorted, so a trace jumps to the rules naming the packet's destination port. The
 * criteria sit at the same places in every rule of the run. Built by Ruleset::link().
 */
struct PortRun
{
    int begin = 0;
    int end = 0;        // one past the last rule
    quint8 proto = 0;
    qint16 protoCriterion = 0;
    qint16 portCriterion = 0;
    std::vector<std::pair<quint16, int>> entries;
};

struct Chain
{
    std::string_view name;
    bool builtin = false;
    bool policyDrop = false;      // built-in chains only
    quint64 policyPackets = 0;
    quint64 policyBytes = 0;
    SourceLoc loc;
    std::vector<Rule> rules;
    int references = 0;           // jumps and gotos to it
    std::vector<DstRun> dstRuns;  // derived: see DstRun
    std::vector<PortRun> portRuns; // derived: see PortRun
};

struct Table
{
    TableId id = TableId::Filter;
    bool present = false;
    std::vector<Chain> chains;
    /** -1 when absent. */
    int chainIndex(std::string_view name) const;
    int addChain(std::string_view name, bool builtin);

private:
    // Open addressing over (hash, index + 1): a lookup touches one slot and, on a hash match,
    // the chain's name. A node-based map cost a fifth of a 10k-service parse in cache misses
    // and rehashing of keys while walking buckets. Chains are only ever appended.
    struct Slot
    {
        quint32 hash = 0;
        quint32 chain = 0;   // index + 1; 0 = empty
    };
    std::vector<Slot> m_slots;
    static quint32 hashName(std::string_view s) noexcept;
    void growIndex(size_t minChains);
};

/**
 * The whole rule set of one node: every table, chain and rule with counters and where each
 * came from. String views in rules point into buffers the Ruleset owns (shared between
 * copies), so copying a Ruleset is cheap and a copy may be edited on its own.
 */
class Ruleset
{
public:
    Ruleset();

    Table &table(TableId t) { return m_tables[size_t(t)]; }
    const Table &table(TableId t) const { return m_tables[size_t(t)]; }

    /** Keeps a buffer alive for the views into it; returns a view of the stored bytes. */
    std::string_view keep(QByteArray bytes);
    /** Interns a short string (chain, module or interface names built from edits). */
    std::string_view intern(std::string_view s);

    /** A file the rules came from, with its bytes as loaded (shared, not copied). */
    int addFile(const QString &path, const QByteArray &bytes = {});
    const std::vector<QString> &files() const { return m_files; }
    /** The bytes of a file as they were parsed (what a dump view shows), or empty. */
    QByteArray fileBytes(int file) const;
    QString fileOf(SourceLoc loc) const;

    quint16 moduleIndex(std::string_view name);
    std::string_view moduleName(quint16 index) const;

    /**
     * The addresses of a criterion of an address kind (Criterion::hasAddresses) of a rule
     * of this rule set. Each copy of a Ruleset carries its own (a plain vector: no sharing
     * between threads); a rule moved from another rule set needs adoptAddresses().
     */
    const AddressPair &addresses(const Criterion &c) const
    {
        Q_ASSERT(Criterion::hasAddresses(c.kind) && c.b < m_addresses.size());
        return m_addresses[c.b];
    }
    /** Stores x and y for `c` (of an address kind) and sets its index. */
    void setAddresses(Criterion &c, const Address &x, const Address &y)
    {
        c.b = quint32(m_addresses.size());
        m_addresses.push_back({x, y});
    }
    /** A rule parsed into `from` becomes one of this rule set: its addresses are copied here. */
    void adoptAddresses(Rule &rule, const Ruleset &from);

    quint32 nextRuleId() { return ++m_lastId; }

    /** An empty rule set that shares this one's buffers and files (for split listings). */
    Ruleset emptyCopy() const;

    /** Resolves jump and goto targets to chain indices, counts references, indexes runs. */
    void link();

    /**
     * Whether any rule makes the kernel track connections in this network namespace
     * (conntrack, state, connmark matches; CONNMARK, CT, NOTRACK and NAT targets). Without
     * one there is no conntrack entry and nat chains are never traversed. Set by link().
     */
    bool usesConntrack(Family f = Family::Ipv4) const { return m_usesConntrack[int(f)]; }
    /** Whether the dump has any table of the family. */
    bool hasFamily(Family f) const;

    /** Which iptables wrote the dump, where it says ("# Generated by iptables-nft-save"). */
    enum class Backend { Unknown, Nft, Legacy };
    Backend backend = Backend::Unknown;

    /** Rule by id, or nullptr. Linear; for UI edits, not the hot path. */
    const Rule *findRule(quint32 id, TableId *table = nullptr, int *chain = nullptr, int *index = nullptr) const;

    std::vector<Diagnostic> diagnostics;
    /**
     * The node's nftables rule set (`nft list ruleset`, `-j`), when one was loaded: its base
     * chains join the iptables tables in one pipeline per hook (docs/nftables.md). Shared
     * between copies, as the buffers are.
     */
    std::shared_ptr<nft::NftRuleset> nft;
    /** Format each file was read as, for display ("iptables-save -c", "iptables -L -v -n"). */
    std::vector<QString> formats;

private:
    std::array<Table, TableCount> m_tables;
    struct Storage
    {
        std::deque<QByteArray> buffers;
        std::deque<std::string> strings;
        std::unordered_map<std::string_view, std::string_view> interned;
    };
    std::shared_ptr<Storage> m_storage;
    std::vector<QString> m_files;
    std::vector<QByteArray> m_fileBytes;
    std::vector<std::string_view> m_modules;
    std::vector<AddressPair> m_addresses;   // see addresses(); entries of removed rules stay
    quint32 m_lastId = 0;
    bool m_usesConntrack[2] = {false, false};   // per family: conntrack registers its hooks per family
};

} // namespace chainscope
