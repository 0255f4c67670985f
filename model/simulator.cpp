#include "simulator.h"

#include "nfteval.h"
#include "nftruleset.h"
#include "text.h"


#include <QHash>

#include <algorithm>
#include <cmath>
#include <limits>

namespace chainscope {

namespace {

bool ifaceMatches(const QString &iface, const Criterion &c)
{
    // The kernel compares names under a mask: "eth+" is a prefix, "eth0" is exact.
    const QLatin1String want(c.text.data(), qsizetype(c.text.size()));
    if (c.c)
        return iface.startsWith(want);
    return iface == want;
}

bool portInList(const Rule &rule, const Criterion &c, quint16 port)
{
    for (quint32 i = c.a; i < c.a + c.b && i < rule.values.size(); ++i) {
        const quint32 v = rule.values[i];
        if (port >= (v >> 16) && port <= (v & 0xffff))
            return true;
    }
    return false;
}

bool hasPorts(quint8 proto)
{
    return proto == ProtoTcp || proto == ProtoUdp || proto == ProtoSctp || proto == ProtoDccp || proto == 136;
}

/** What one table's traversal of a hook decided. */
enum class TableResult { Accept, Drop, Reject, Queue, Uncertain, StepLimit };

struct Frame
{
    int chain;
    int next;
};

class Run
{
public:
    Run(const Scenario &sc, const TraceOptions &opt, const PacketSpec &spec, const std::vector<bool> &prefix)
        : m_sc(sc), m_opt(opt), m_spec(spec), m_prefix(prefix)
    {}

    void go();

    Branch branch;
    std::vector<std::vector<bool>> alternatives;   // decision prefixes still to explore
    bool truncated = false;
    /** Per node: the sysctls this run consulted that were not given, with the default taken. */
    std::vector<QStringList> defaulted;

private:
    // packet state
    PacketState m_p;
    bool m_dirty = true;   // m_p changed since the last snapshot
    int m_node = 0;
    bool m_natDst = false, m_natSrc = false;   // per node: nat bindings made (first packet only)
    bool m_conntrack = true;                   // per node: some rule enables conntrack
    Address m_nextHop;                         // of the route POSTROUTING leads to
    bool m_firstMarkValid = false;             // the mark the connection's first packet had
    quint32 m_firstMark = 0;                   //   (nat chains may have set it), see applyConnectionNat
    QHash<const Criterion *, quint32> m_nthSeen;   // statistic --mode nth: evaluations so far in this run
    QHash<const nft::Expr *, quint32> m_numgenSeen;   // numgen inc: evaluations so far in this run

    /** The packet as a step sees it; a new snapshot only after something rewrote it. */
    int packetIndex()
    {
        if (m_dirty || branch.packets.empty()) {
            m_dirty = false;
            if (branch.packets.empty() || !samePacket(branch.packets.back(), m_p))
                branch.packets.push_back(m_p);
        }
        return int(branch.packets.size()) - 1;
    }
    static bool samePacket(const PacketState &a, const PacketState &b)
    {
        return a.src == b.src && a.dst == b.dst && a.sport == b.sport && a.dport == b.dport && a.mark == b.mark
                && a.ctmark == b.ctmark && a.ctstate == b.ctstate && a.inIface == b.inIface && a.outIface == b.outIface
                && a.recent.size() == b.recent.size() && a.bridgeInfo == b.bridgeInfo && a.bridgedOut == b.bridgedOut
                && a.physIn == b.physIn && a.physOut == b.physOut
                && a.tracked == b.tracked && a.ctstatus == b.ctstatus;   // the conntrack hook: explanations read them
    }
    /** A step in a chain, seeing the packet as it is now. */
    Step chainStep(Step::Kind kind, Hook hook, TableId table, int chain)
    {
        Step s;
        s.kind = kind;
        s.node = quint8(m_node);
        s.hook = hook;
        s.table = table;
        s.chain = chain;
        s.packet = packetIndex();
        return s;
    }
    void note(Step::Kind kind, Hook hook, const QString &text)
    {
        m_dirty = true;   // the flow code rewrites the packet between hooks
        Step s;
        s.kind = kind;
        s.node = quint8(m_node);
        s.hook = hook;
        s.packet = packetIndex();
        s.note = int(branch.notes.size());
        branch.notes.push_back(text);
        branch.steps.push_back(s);
    }
    void end(Verdict::Kind kind, const QString &reason, const QString &where = {}, TableId table = TableId::Filter,
             int chain = -1, int rule = 0)
    {
        branch.verdict.kind = kind;
        branch.verdict.node = m_node;
        branch.verdict.table = table;
        branch.verdict.chain = chain;
        branch.verdict.rule = rule;
        branch.verdict.reason = reason;
        branch.verdict.where = where;
    }
    /**
     * A decision point: follows the prefix, or takes `first` and queues the other outcome
     * (`first` is what a freshly loaded rule set does where the engine knows it).
     */
    bool decide(double probabilityTrue, bool uncertain, bool pinned, int stepIndex, bool first = true)
    {
        if (pinned || (!uncertain && probabilityTrue >= 1.0))
            return true;
        if (!uncertain && probabilityTrue <= 0.0)
            return false;
        const size_t k = m_decisionCount++;
        bool outcome = first;
        if (k < m_prefix.size()) {
            outcome = m_prefix[k];
        } else {
            std::vector<bool> alt(m_taken);
            alt.push_back(!first);
            alternatives.push_back(std::move(alt));
        }
        m_taken.push_back(outcome);
        Decision d;
        d.step = stepIndex;
        d.taken = outcome;
        d.uncertain = uncertain;
        d.probability = uncertain ? 1.0 : (outcome ? probabilityTrue : 1.0 - probabilityTrue);
        branch.decisions.push_back(d);
        if (uncertain)
            branch.uncertain = true;
        else
            branch.probability *= d.probability;
        return outcome;
    }

    TableResult traverse(Hook hook, TableId table, bool &ended);
    /** One nftables base chain (docs/nftables.md); `natBound` set when a nat statement translated. */
    TableResult traverseNft(Hook hook, int root, bool &ended, bool &natBound);
    /** The key of a lookup or the value of a match: numgen and hashes branch. False: a field is absent. */
    bool nftKey(const nft::Expr &e, nft::Val *out, int stepIndex, bool &decided);
    bool runIptablesTable(Hook hook, TableId t, bool natDoneBefore, bool &natBound);
    void endNft(Verdict::Kind kind, const QString &reason, int chain, int rule)
    {
        end(kind, reason, {}, TableId::Filter, -1, rule);
        branch.verdict.nftChain = chain;
    }
    /** Says when a packet an earlier base chain accepted is dropped by a later one. */
    void acceptThenDrop();
    QString m_lastAccept;   // "inet firewalld filter_FORWARD rule 3" accepted on this node
    bool recent(const Criterion &c, const Address &mask, bool &decided);
    void seedAffinity();
    /** A routing note, marked when the route was assumed (no addresses or routes given). */
    void routingNote(Hook hook, const NodeContext::Lookup &route, const QString &text);
    bool hookTables(Hook hook, std::initializer_list<TableId> tables);
    void applyConnectionNat(Hook hook, const QString &hookText);
    void localOut();
    void arrive();
    bool postrouting(const NodeContext::Lookup &route);
    /** The sysctls of the current node, noting the defaults consulted. */
    QStringList *defaults()
    {
        if (defaulted.size() < m_sc.nodes.size())
            defaulted.resize(m_sc.nodes.size());
        return &defaulted[size_t(m_node)];
    }
    const Sysctls &sysctls() const { return m_sc.nodes[size_t(m_node)].context.sysctls; }
    /** The kernel's input route checks (martians, rp_filter, accept_local); false when it dropped the packet. */
    /** fib_validate_source; `outDev`: the forward route's device (empty when delivered locally). */
    bool validateSource(Hook hook, const QString &outDev = {});
    QString joinedGroup(const Address &group, const QString &dev) const;
    /** INPUT's tables, then a local process takes the packet. */
    void deliverLocally();
    /** A frame between two ports of a bridge, br_netfilter calling iptables: FORWARD and POSTROUTING on the bridge. */
    void bridgeForward(const NodeContext::Lookup &hop, const QString &why);
    void leave(const NodeContext::Lookup &route);
    void enterNode(int node, const QString &iface);
    bool pinned(const Chain &chain, int ruleIndex) const;

    const Scenario &m_sc;
    const TraceOptions &m_opt;
    const PacketSpec &m_spec;
    const std::vector<bool> &m_prefix;
    std::vector<bool> m_taken;
    size_t m_decisionCount = 0;
    int m_hops = 0;
    bool m_untracked = false;
};

bool Run::pinned(const Chain &chain, int ruleIndex) const
{
    for (const auto &pin : m_opt.pins) {
        if ((pin.node.isEmpty() || pin.node == m_sc.nodes[size_t(m_node)].name)
            && pin.chain == QLatin1String(chain.name.data(), qsizetype(chain.name.size())) && pin.rule == ruleIndex + 1)
            return true;
    }
    return false;
}

TableResult Run::traverse(Hook hook, TableId table, bool &ended)
{
    ended = false;
    table = tableFor(table, m_p.family());   // an IPv6 packet meets ip6tables' tables
    const Node &node = m_sc.nodes[size_t(m_node)];
    const Table &tab = node.rules.table(table);
    if (!tab.present)
        return TableResult::Accept;
    const std::string_view hookChain = hookName(hook);
    const int root = tab.chainIndex(hookChain);
    if (root < 0)
        return TableResult::Accept;
    std::vector<Frame> stack;
    int chain = root;
    int index = 0;
    while (true) {
        if (int(branch.steps.size()) >= m_opt.maxStepsPerBranch) {
            truncated = true;
            end(Verdict::Uncertain, Simulator::tr("the trace was cut after %1 steps").arg(m_opt.maxStepsPerBranch));
            ended = true;
            return TableResult::StepLimit;
        }
        const Chain &ch = tab.chains[size_t(chain)];
        if (index >= int(ch.rules.size())) {
            if (stack.empty()) {
                // Also the end of a chain reached by -g from the built-in one: the built-in
                // chain's policy decides, as the kernel returns past the goto.
                if (chain != root) {
                    branch.steps.push_back(chainStep(Step::ChainEnd, hook, table, chain));
                }
                const Chain &rootChain = tab.chains[size_t(root)];
                Step s = chainStep(Step::Policy, hook, table, root);
                s.matched = true;
                branch.steps.push_back(s);
                if (rootChain.policyDrop) {
                    end(Verdict::Drop, Simulator::tr("policy"), {}, table, root, 0);
                    ended = true;
                    return TableResult::Drop;
                }
                return TableResult::Accept;
            }
            branch.steps.push_back(chainStep(Step::ChainEnd, hook, table, chain));
            chain = stack.back().chain;
            index = stack.back().next;
            stack.pop_back();
            continue;
        }
        if (!ch.dstRuns.empty()) {
            // In a run of "-d ADDR/32" rules, only those naming the packet's destination can
            // match; the others fail their first test, recorded as one range step.
            const DstRun *run = nullptr;
            for (const DstRun &r : ch.dstRuns) {
                if (index >= r.begin && index < r.end)
                    run = &r;
            }
            if (run) {
                const auto it = std::lower_bound(run->entries.begin(), run->entries.end(), std::pair<Address, int>(m_p.dst, index));
                const int next = (it != run->entries.end() && it->first == m_p.dst) ? it->second : run->end;
                if (next > index) {
                    Step r = chainStep(Step::RuleRange, hook, table, chain);
                    r.rule = index;
                    r.ruleEnd = next - 1;
                    r.failed = 0;
                    branch.steps.push_back(r);
                    index = next;
                    continue;
                }
            }
        }
        if (!ch.portRuns.empty()) {
            // In a run of "-p PROTO --dport PORT" rules, only those naming the packet's
            // protocol and destination port can match; the others fail at the protocol (all
            // of them) or at the port, recorded as one range step.
            const PortRun *run = nullptr;
            for (const PortRun &r : ch.portRuns) {
                if (index >= r.begin && index < r.end)
                    run = &r;
            }
            if (run) {
                int next = run->end;
                if (m_p.proto == run->proto) {
                    const auto it = std::lower_bound(run->entries.begin(), run->entries.end(),
                                                     std::pair<quint16, int>(m_p.dport, index));
                    if (it != run->entries.end() && it->first == m_p.dport)
                        next = it->second;
                }
                if (next > index) {
                    Step r = chainStep(Step::RuleRange, hook, table, chain);
                    r.rule = index;
                    r.ruleEnd = next - 1;
                    r.failed = m_p.proto == run->proto ? run->portCriterion : run->protoCriterion;
                    branch.steps.push_back(r);
                    index = next;
                    continue;
                }
            }
        }
        const Rule &rule = ch.rules[size_t(index)];
        Step s = chainStep(Step::RuleEval, hook, table, chain);
        s.rule = index;
        const int stepIndex = int(branch.steps.size());
        bool matched = true;
        for (size_t ci = 0; ci < rule.criteria.size(); ++ci) {
            const Criterion &c = rule.criteria[ci];
            bool decided = true;
            bool ok;
            if (c.kind == Criterion::StatRandom) {
                double p = double(c.a) / double(0x80000000u);
                if (c.neg)
                    p = 1.0 - p;
                ok = decide(p, false, pinned(ch, index), stepIndex);
                s.uncertain = s.uncertain || (p > 0 && p < 1);
            } else if (c.kind == Criterion::StatNth) {
                // The counter is not in the dump, so both outcomes; the first is the one of a
                // freshly loaded rule set, where the kernel (legacy and nft alike) starts the
                // counter so that the first evaluation matches `--packet 0` only. The counter
                // moves on every evaluation, so a rule this packet meets again (two jumps to
                // its chain) sees the next count.
                const quint32 seen = m_nthSeen[&c]++;
                const bool fresh = (c.a > 0 && seen % c.a == c.b) != c.neg;
                ok = decide(0.5, true, pinned(ch, index), stepIndex, fresh);
                s.uncertain = true;
            } else {
                ok = c.kind == Criterion::Recent ? recent(c, node.rules.addresses(c).y, decided)
                                                 : Simulator::evaluate(node, node.rules, rule, c, m_p, hook, decided);
                if (!decided) {
                    ok = decide(0.5, true, false, stepIndex);
                    s.uncertain = true;
                }
            }
            if (!ok) {
                matched = false;
                s.failed = qint16(ci);
                break;
            }
        }
        s.matched = matched;
        branch.steps.push_back(s);
        if (!matched) {
            ++index;
            continue;
        }
        const Target &tg = rule.target;
        switch (tg.kind) {
        case Target::None:
        case Target::Log:
        case Target::Nflog:
        case Target::TraceTarget:
        case Target::Continue:
            ++index;
            continue;
        case Target::Accept:
            return TableResult::Accept;
        case Target::Drop:
            end(Verdict::Drop, Simulator::tr("rule"), {}, table, chain, index + 1);
            ended = true;
            return TableResult::Drop;
        case Target::Reject:
            end(Verdict::Reject, Simulator::tr("rule"), {}, table, chain, index + 1);
            ended = true;
            return TableResult::Reject;
        case Target::Queue:
            end(Verdict::Queue, Simulator::tr("rule"), {}, table, chain, index + 1);
            ended = true;
            return TableResult::Queue;
        case Target::Return:
            if (stack.empty()) {
                index = int(ch.rules.size());   // RETURN with nothing to return to: the policy decides
                continue;
            }
            chain = stack.back().chain;
            index = stack.back().next;
            stack.pop_back();
            continue;
        case Target::Jump:
            if (stack.size() >= 64) {
                end(Verdict::Uncertain, Simulator::tr("jumps nest deeper than the kernel allows"), {}, table, chain, index + 1);
                ended = true;
                return TableResult::Uncertain;
            }
            stack.push_back({chain, index + 1});
            chain = tg.chain;
            index = 0;
            continue;
        case Target::Goto:
            chain = tg.chain;
            index = 0;
            continue;
        case Target::Mark:
            m_dirty = true;
            m_p.mark = (m_p.mark & ~tg.b) ^ tg.a;
            if (m_firstMarkValid)
                m_firstMark = (m_firstMark & ~tg.b) ^ tg.a;   // mangle and filter act on every packet alike
            ++index;
            continue;
        case Target::ConnMark:
            m_dirty = true;
            if (!m_p.tracked) {
                ++index;   // no conntrack entry: nothing to mark or restore from
                continue;
            }
            if (tg.mode == 0)
                m_p.ctmark = (m_p.ctmark & ~tg.b) ^ tg.a;
            else if (tg.mode == 1)
                m_p.ctmark = (m_p.ctmark & ~tg.b) ^ (m_p.mark & tg.a);
            else
                m_p.mark = (m_p.mark & ~tg.a) ^ (m_p.ctmark & tg.b);
            ++index;
            continue;
        case Target::Ct:
        case Target::Notrack:
            if (tg.kind == Target::Notrack || tg.mode == 1) {
                m_dirty = true;
                m_untracked = true;
                m_p.ctstate = CtBits::Untracked;
            }
            ++index;
            continue;
        case Target::Dnat:
            m_dirty = true;
        {
            const Address d0 = m_p.dst;
            const quint16 p0 = m_p.dport;
            if (!tg.addrLo.isNull())
                m_p.dst = tg.addrLo;
            if (tg.portLo && hasPorts(m_p.proto))
                m_p.dport = tg.portLo;
            // the kernel sets the DNAT status only when the tuple really changed
            if (m_p.dst != d0 || m_p.dport != p0)
                m_p.ctstate |= CtBits::Dnat;
            return TableResult::Accept;
        }
        case Target::Redirect: {
            m_dirty = true;
            const Address d0 = m_p.dst;
            const quint16 p0 = m_p.dport;
            // nf_nat_redirect: loopback for local packets, else the in device's address
            if (hook == Hook::Output)
                m_p.dst = m_p.family() == Family::Ipv4 ? Address::fromV4(0x7f000001u) : Address(0, 1);
            else if (const Address a = node.context.primaryAddress(m_p.inIface, m_p.dst); !a.isNull())
                m_p.dst = a;
            if (tg.portLo && hasPorts(m_p.proto))
                m_p.dport = tg.portLo;
            if (m_p.dst != d0 || m_p.dport != p0)
                m_p.ctstate |= CtBits::Dnat;
            return TableResult::Accept;
        }
        case Target::Snat:
            m_dirty = true;
        {
            const Address s0 = m_p.src;
            const quint16 p0 = m_p.sport;
            if (!tg.addrLo.isNull())
                m_p.src = tg.addrLo;
            if (tg.portLo && hasPorts(m_p.proto))
                m_p.sport = tg.portLo;
            if (m_p.src != s0 || m_p.sport != p0)
                m_p.ctstate |= CtBits::Snat;
            return TableResult::Accept;
        }
        case Target::Masquerade: {
            m_dirty = true;
            const Address s0 = m_p.src;
            const quint16 p0 = m_p.sport;
            const Address a = node.context.masqueradeSource(m_p.outIface, m_p.dst, m_nextHop);
            if (!a.isNull())
                m_p.src = a;
            if (tg.portLo && hasPorts(m_p.proto))
                m_p.sport = tg.portLo;
            if (m_p.src != s0 || m_p.sport != p0)
                m_p.ctstate |= CtBits::Snat;
            return TableResult::Accept;
        }
        case Target::Netmap: {
            m_dirty = true;
            const Address mask = tg.netmapMask();
            if (hook == Hook::Prerouting || hook == Hook::Output) {
                const Address d0 = m_p.dst;
                m_p.dst = (m_p.dst & ~mask) | (tg.addrLo & mask);
                if (m_p.dst != d0)
                    m_p.ctstate |= CtBits::Dnat;
            } else {
                const Address s0 = m_p.src;
                m_p.src = (m_p.src & ~mask) | (tg.addrLo & mask);
                if (m_p.src != s0)
                    m_p.ctstate |= CtBits::Snat;
            }
            return TableResult::Accept;
        }
        case Target::Unknown:
            end(Verdict::Uncertain,
                Simulator::tr("target %1 is not known to Chainscope").arg(QString::fromUtf8(tg.name.data(), qsizetype(tg.name.size()))),
                {}, table, chain, index + 1);
            ended = true;
            return TableResult::Uncertain;
        }
        ++index;
    }
}

/**
 * xt_recent as the kernel runs it (recent_mt): the entry for the masked address; --set
 * records (and matches), --remove matches an entry and deletes it, --rcheck and --update
 * match an entry seen within --seconds at least --hitcount times. The client's affinity
 * (PacketSpec::affinity) is an entry seen recently; how many times, and with which TTL, is
 * not known, so --hitcount above 1 and --rttl make those steps uncertain.
 */
bool Run::recent(const Criterion &c, const Address &mask, bool &decided)
{
    decided = true;
    m_dirty = true;
    const Address addr = ((c.c & RecentFlags::Dest) ? m_p.dst : m_p.src) & mask;
    const QLatin1String list(c.text.data(), qsizetype(c.text.size()));
    auto &entries = m_p.recent;
    auto it = std::find_if(entries.begin(), entries.end(), [&](const RecentEntry &e) {
        return e.list == list && (e.node < 0 || e.node == m_node) && (e.address & mask) == addr;
    });
    const int command = c.c & RecentFlags::CommandMask;
    bool hit = false;
    if (it == entries.end()) {
        if (command == RecentFlags::Set) {
            entries.push_back({QString(list), addr, m_node, false});
            hit = true;
        }
    } else if (command == RecentFlags::Set) {
        hit = true;
    } else if (command == RecentFlags::Remove) {
        entries.erase(it);
        hit = true;
    } else if (it->affinity) {
        hit = true;
        if (c.d > 1 || (c.c & RecentFlags::Ttl))
            decided = false;
    } else {
        hit = c.d <= 1;   // recorded by this packet: one hit, with this packet's TTL
    }
    return c.neg ? !hit : hit;
}

void Run::seedAffinity()
{
    m_p.recent.clear();
    for (const QString &list : m_spec.affinity)
        m_p.recent.push_back({list, m_p.src, -1, true});
    m_dirty = true;
}

void Run::routingNote(Hook hook, const NodeContext::Lookup &route, const QString &text)
{
    note(Step::Routing, hook, route.assumed ? Simulator::tr("%1 (assumed: no routes given)").arg(text) : text);
    if (route.assumed) {
        branch.steps.back().assumed = true;
        branch.assumedRoutes = true;
    }
}

/**
 * A later packet of a connection skips the nat chains, but conntrack still rewrites it with
 * the binding its first packet made. That binding is what the chains decide for the first
 * packet: evaluate them as for a NEW packet without recording the steps, keep only the
 * address and port rewrite (marks set there belonged to the first packet), and say so.
 */
void Run::applyConnectionNat(Hook hook, const QString &hookText)
{
    const PacketState before = m_p;
    const size_t stepMark = branch.steps.size();
    const size_t decisionMark = branch.decisions.size();
    const Verdict verdictBefore = branch.verdict;
    m_p.ctstate = CtBits::New;
    // The first packet's mark, which nat chains before this one may have changed
    // (KUBE-MARK-MASQ in nat OUTPUT decides kube-proxy's MASQUERADE in POSTROUTING).
    if (m_firstMarkValid)
        m_p.mark = m_firstMark;
    bool ended = false;
    const TableResult r = traverse(hook, TableId::Nat, ended);
    const PacketState after = m_p;
    branch.steps.resize(stepMark);
    m_p = before;
    m_dirty = true;
    if (ended || r != TableResult::Accept) {
        branch.verdict = verdictBefore;
        branch.decisions.resize(decisionMark);
        note(Step::Note, hook, Simulator::tr("nat %1 not consulted: only the first packet of a connection traverses nat")
                                       .arg(hookText));
        return;
    }
    m_p.src = after.src;
    m_p.dst = after.dst;
    m_p.sport = after.sport;
    m_p.dport = after.dport;
    m_p.ctstate |= after.ctstate & (CtBits::Dnat | CtBits::Snat);
    m_p.ctmark = after.ctmark;   // the connection's mark is shared by all its packets
    m_firstMark = after.mark;
    m_firstMarkValid = true;
    const bool changed = after.src != before.src || after.dst != before.dst || after.sport != before.sport
            || after.dport != before.dport;
    note(Step::Note, hook,
         changed ? Simulator::tr("nat %1 not traversed by this packet; conntrack rewrites it as its connection's first "
                                 "packet was: %2 -> %3")
                           .arg(hookText, before.describe(), m_p.describe())
                 : Simulator::tr("nat %1 not traversed by this packet; its connection's first packet was not translated here")
                           .arg(hookText));
    // Random choices made for the first packet stay branch decisions, now on this note.
    for (size_t i = decisionMark; i < branch.decisions.size(); ++i)
        branch.decisions[i].step = int(branch.steps.size()) - 1;
}

/** One iptables table at its place in a hook's pipeline; false when the packet ended. */
bool Run::runIptablesTable(Hook hook, TableId t, bool natDoneBefore, bool &natBound)
{
    const Node &node = m_sc.nodes[size_t(m_node)];
    if (t == TableId::Nat) {
        const bool dstManip = hook == Hook::Prerouting || hook == Hook::Output;
        bool &done = dstManip ? m_natDst : m_natSrc;
        if (m_untracked)
            return true;
        const bool present = node.rules.table(tableFor(TableId::Nat, m_p.family())).present;
        if (!m_conntrack) {
            if (present && !done) {
                done = true;
                note(Step::Note, hook, Simulator::tr("nat %1 not traversed: no rule on %2 enables connection tracking, "
                                                     "so the kernel tracks no connection to translate")
                                               .arg(QLatin1String(hookName(hook).data(), qsizetype(hookName(hook).size())),
                                                    node.name));
            }
            return true;
        }
        if (natDoneBefore || !(m_p.ctstate & CtBits::New)) {
            const QLatin1String hookText(hookName(hook).data(), qsizetype(hookName(hook).size()));
            if (!done && m_p.tracked && present) {
                done = true;
                applyConnectionNat(hook, hookText);
            } else if (present) {
                note(Step::Note, hook, Simulator::tr("nat %1 not consulted: only the first packet of a connection traverses nat")
                                               .arg(hookText));
            }
            return true;
        }
        if (natBound)
            return true;   // an earlier nat chain of this hook made the binding (nf_nat_inet_fn stops there)
    }
    const PacketState before = m_p;
    bool ended = false;
    const TableResult r = traverse(hook, t, ended);
    if (ended || r != TableResult::Accept)
        return false;
    if (t == TableId::Nat && (m_p.src != before.src || m_p.dst != before.dst || m_p.sport != before.sport || m_p.dport != before.dport))
        natBound = true;
    if (!branch.steps.empty()) {
        const Step &last = branch.steps.back();
        if (last.kind == Step::RuleEval && last.matched) {
            const Table &tab = node.rules.table(last.table);
            const Chain &ch = tab.chains[size_t(last.chain)];
            if (ch.rules[size_t(last.rule)].target.kind == Target::Accept) {
                const QString owner = nft::ownerOf({}, ch.name, node.rules.backend != Ruleset::Backend::Legacy);
                m_lastAccept = Simulator::tr("%1 table %2, chain %3, rule %4")
                                       .arg(node.rules.backend == Ruleset::Backend::Legacy ? QStringLiteral("iptables-legacy")
                                                                                           : QStringLiteral("iptables"),
                                            tableTitle(last.table), QString::fromUtf8(ch.name.data(), qsizetype(ch.name.size())))
                                       .arg(last.rule + 1)
                        + (owner.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(owner));
            }
        }
    }
    return true;
}

void Run::acceptThenDrop()
{
    if (m_lastAccept.isEmpty())
        return;
    const Verdict &v = branch.verdict;
    if (v.kind != Verdict::Drop && v.kind != Verdict::Reject)
        return;
    const Node &node = m_sc.nodes[size_t(m_node)];
    QString where;
    if (v.nftChain >= 0 && node.rules.nft) {
        const nft::Chain &c = node.rules.nft->chains[size_t(v.nftChain)];
        const QString owner = node.rules.nft->owner(v.nftChain);
        where = Simulator::tr("%1, chain %2").arg(node.rules.nft->tableTitle(c.table), QString::fromUtf8(c.name.data(), qsizetype(c.name.size())))
                + (owner.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(owner));
    } else if (v.chain >= 0) {
        const Chain &c = node.rules.table(v.table).chains[size_t(v.chain)];
        const QString owner = nft::ownerOf({}, c.name, node.rules.backend != Ruleset::Backend::Legacy);
        where = Simulator::tr("iptables table %1, chain %2").arg(tableTitle(v.table), QString::fromUtf8(c.name.data(), qsizetype(c.name.size())))
                + (owner.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(owner));
    }
    const Hook hook = branch.steps.empty() ? Hook::Prerouting : branch.steps.back().hook;
    note(Step::Note, hook, Simulator::tr("an accept is not the end: %1 accepted this packet, but an accept ends only its own "
                                         "base chain; %2 then %3 it")
                                   .arg(m_lastAccept, where,
                                        v.kind == Verdict::Drop ? Simulator::tr("dropped") : Simulator::tr("rejected")));
}

/**
 * Runs one hook: the iptables tables at their NF_IP_PRI_* priorities and the node's nft base
 * chains of the hook, one pipeline sorted by priority (iptables first at equal priority, or
 * `nft list hooks` order). An accept ends only its own table or base chain; a drop ends all.
 * Returns false when the packet ended.
 */
bool Run::hookTables(Hook hook, std::initializer_list<TableId> tables)
{
    m_dirty = true;
    const Node &node = m_sc.nodes[size_t(m_node)];
    struct Entry
    {
        int priority;
        TableId table;
        int chain;   // nft chain, or -1 for an iptables table
        int own;     // the chain's own priority: orders the nat chains inside the nat core's hook
    };
    std::vector<Entry> pipe;
    pipe.reserve(tables.size() + 4);
    const nft::NftRuleset *n = node.rules.nft.get();
    if (n) {
        // OUTPUT runs in two calls around the re-route after nat: up to nat's -100, then the rest.
        int lo = std::numeric_limits<int>::min(), hi = std::numeric_limits<int>::max();
        if (hook == Hook::Output) {
            bool nat = false;
            for (TableId t : tables)
                nat = nat || t == TableId::Nat;
            if (nat)
                hi = -100;
            else
                lo = -99;
        }
        for (int c : n->baseChains(nft::NftHook(int(hook)), m_p.family())) {
            // nat chains are not hooks of their own: nf_nat_register_fn hangs them off the nat
            // core's hook (NF_IP_PRI_NAT_DST -100 / NF_IP_PRI_NAT_SRC 100), which runs them by
            // their own priority; a nat chain at priority 0 in prerouting runs before a filter at -10
            const int own = n->chains[size_t(c)].priority;
            const int prio = n->chains[size_t(c)].type == "nat" ? nft::iptablesPriority(TableId::Nat, hook) : own;
            if (prio >= lo && prio <= hi)
                pipe.push_back({prio, TableId::Filter, c, own});
        }
    }
    // iptables' tables (legacy, or a dump without its nft listing) register when their module
    // loads, before nft tables are made: at equal priority they run after them.
    for (TableId t : tables)
        pipe.push_back({nft::iptablesPriority(t, hook), t, -1, nft::iptablesPriority(t, hook)});
    if (n) {
        std::stable_sort(pipe.begin(), pipe.end(), [](const Entry &a, const Entry &b) {
            return a.priority != b.priority ? a.priority < b.priority : a.own < b.own;
        });
        // Equal priorities: the kernel runs them in registration order, which only `nft list hooks` shows.
        if (!n->hooksKnown) {
            for (size_t i = 1; i < pipe.size(); ++i) {
                const Entry &a = pipe[i - 1], &b = pipe[i];
                if (a.priority != b.priority || a.own != b.own || (a.chain < 0 && b.chain < 0))
                    continue;
                // an iptables table no dump gave registers no hook: nothing to order against
                const auto absent = [&](const Entry &e) { return e.chain < 0 && !node.rules.table(tableFor(e.table, m_p.family())).present; };
                if (absent(a) || absent(b))
                    continue;
                const auto title = [&](const Entry &e) {
                    if (e.chain < 0)
                        return Simulator::tr("iptables %1").arg(tableTitle(e.table));
                    const nft::Chain &c = n->chains[size_t(e.chain)];
                    return Simulator::tr("%1 %2").arg(n->tableTitle(c.table), QString::fromUtf8(c.name.data(), qsizetype(c.name.size())));
                };
                note(Step::Note, hook, Simulator::tr("%1 and %2 share priority %3: their order is not in the dumps "
                                                     "(`nft list hooks` shows it); taken as the kernel orders hooks "
                                                     "registered in listing order (the later one first)")
                                               .arg(title(a), title(b)).arg(a.own));
                branch.steps.back().uncertain = true;
            }
        }
    }
    const bool dstManip = hook == Hook::Prerouting || hook == Hook::Output;
    bool &done = dstManip ? m_natDst : m_natSrc;
    const bool natDoneBefore = done;
    bool natBound = false, natSeen = false, natSkipNoted = false;
    for (const Entry &e : pipe) {
        if (e.priority > -200 && (hook == Hook::Prerouting || hook == Hook::Output) && !m_p.tracked && m_conntrack
            && !m_untracked) {
            m_p.tracked = true;   // the conntrack hook (priority -200) runs between raw and mangle
            m_dirty = true;
        }
        if (e.chain < 0) {
            if (e.table == TableId::Nat)
                natSeen = true;
            if (!runIptablesTable(hook, e.table, natDoneBefore, natBound)) {
                acceptThenDrop();
                return false;
            }
            continue;
        }
        const nft::Chain &c = n->chains[size_t(e.chain)];
        if (c.type == "nat") {
            natSeen = true;
            if (m_untracked || !m_conntrack || natBound)
                continue;
            if (natDoneBefore || !(m_p.ctstate & CtBits::New)) {
                if (!natSkipNoted) {
                    natSkipNoted = true;
                    note(Step::Note, hook, Simulator::tr("nat chain %1 %2 not consulted: only the first packet of a connection traverses nat")
                                                   .arg(n->tableTitle(c.table), QString::fromUtf8(c.name.data(), qsizetype(c.name.size()))));
                }
                continue;
            }
        }
        bool ended = false;
        const TableResult r = traverseNft(hook, e.chain, ended, natBound);
        if (ended || r != TableResult::Accept) {
            acceptThenDrop();
            return false;
        }
    }
    if (natSeen)
        done = true;   // a null binding is made even when no rule translates
    if ((hook == Hook::Prerouting || hook == Hook::Output) && !m_p.tracked && m_conntrack && !m_untracked) {
        m_p.tracked = true;   // no raw table on the way: conntrack still runs
        m_dirty = true;
    }
    return true;
}

bool Run::nftKey(const nft::Expr &e, nft::Val *out, int stepIndex, bool &decided)
{
    decided = true;
    const Node &node = m_sc.nodes[size_t(m_node)];
    const Hook hook = branch.steps.empty() ? Hook::Prerouting : branch.steps.back().hook;
    for (int i = 0; i < e.n; ++i) {
        const nft::Field f = e.f[i];
        if (f == nft::Field::NumgenRandom || f == nft::Field::NumgenInc || f == nft::Field::Jhash || f == nft::Field::Symhash) {
            // numgen random: each value with probability 1/mod, as a cascade of decisions (1/N, 1/(N-1), ...);
            // numgen inc: a freshly loaded counter gives 0 first, and moves on every evaluation (a
            // packet that meets the rule twice sees 1 the second time); hashes: not known (uncertain).
            const quint32 mod = std::max<quint32>(e.mod, 1);
            const quint32 fresh = f == nft::Field::NumgenInc ? m_numgenSeen[&e]++ % mod : 0;
            quint32 v = mod - 1;
            for (quint32 k = 0; k + 1 < mod; ++k) {
                const bool taken = f == nft::Field::NumgenRandom ? decide(1.0 / double(mod - k), false, false, stepIndex)
                                                                 : decide(0.5, true, false, stepIndex, k == fresh);
                if (taken) {
                    v = k;
                    break;
                }
            }
            out[i] = nft::Val::num(quint64(v) + e.offset);
            continue;
        }
        bool d = true;
        if (!nft::readField(f, node, m_p, hook, out[i], d))
            return false;
        decided = decided && d;
    }
    if (e.hasAnd && e.n == 1) {
        out[0].lo &= e.andMask;
        out[0].hi = 0;
    }
    return true;
}

TableResult Run::traverseNft(Hook hook, int root, bool &ended, bool &natBound)
{
    ended = false;
    const Node &node = m_sc.nodes[size_t(m_node)];
    const nft::NftRuleset &n = *node.rules.nft;
    std::vector<Frame> stack;
    int chain = root;
    int index = 0;
    const auto chainTitle = [&](int ci) {
        const nft::Chain &c = n.chains[size_t(ci)];
        const QString owner = n.owner(ci);
        return Simulator::tr("%1, chain %2").arg(n.tableTitle(c.table), QString::fromUtf8(c.name.data(), qsizetype(c.name.size())))
                + (owner.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(owner));
    };
    while (true) {
        if (int(branch.steps.size()) >= m_opt.maxStepsPerBranch) {
            truncated = true;
            end(Verdict::Uncertain, Simulator::tr("the trace was cut after %1 steps").arg(m_opt.maxStepsPerBranch));
            ended = true;
            return TableResult::StepLimit;
        }
        const nft::Chain &ch = n.chains[size_t(chain)];
        if (index >= int(ch.rules.size())) {
            if (stack.empty()) {
                if (chain != root)
                    branch.steps.push_back(chainStep(Step::NftChainEnd, hook, TableId::Filter, chain));
                Step s = chainStep(Step::NftPolicy, hook, TableId::Filter, root);
                s.matched = true;
                branch.steps.push_back(s);
                if (n.chains[size_t(root)].policyDrop) {
                    endNft(Verdict::Drop, Simulator::tr("policy"), root, 0);
                    ended = true;
                    return TableResult::Drop;
                }
                return TableResult::Accept;
            }
            branch.steps.push_back(chainStep(Step::NftChainEnd, hook, TableId::Filter, chain));
            chain = stack.back().chain;
            index = stack.back().next;
            stack.pop_back();
            continue;
        }
        const nft::Rule &r = ch.rules[size_t(index)];
        Step s = chainStep(Step::NftRule, hook, TableId::Filter, chain);
        s.rule = index;
        const int stepIndex = int(branch.steps.size());
        bool matched = true;
        const nft::Item *term = nullptr;
        nft::Verdict verdict;
        int natElement = -1;
        const auto fail = [&](quint32 k) {
            matched = false;
            s.failed = qint16(k - r.first);
        };
        nft::Val key[nft::Expr::kMax];
        for (quint32 k = r.first; k < r.first + r.count && matched && !term; ++k) {
            const nft::Item &it = n.items[k];
            switch (it.kind) {
            case nft::Item::Match: {
                bool decided = true;
                bool ok;
                if (!nftKey(it.lhs, key, stepIndex, decided)) {
                    ok = false;
                } else if (!decided) {
                    ok = decide(0.5, true, false, stepIndex);
                    s.uncertain = true;
                } else if (it.op == nft::Item::InSet || it.op == nft::Item::NotInSet) {
                    const nft::Set &set = n.sets[size_t(it.set)];
                    if (!set.elementsKnown) {
                        ok = decide(0.5, true, false, stepIndex);
                        s.uncertain = true;
                    } else {
                        ok = (set.lookup(key, it.lhs.n) >= 0) == (it.op == nft::Item::InSet);
                    }
                } else {
                    ok = nft::compare(it, key[0]);
                }
                if (!ok)
                    fail(k);
                break;
            }
            case nft::Item::Vmap: {
                bool decided = true;
                if (!nftKey(it.lhs, key, stepIndex, decided)) {
                    fail(k);
                    break;
                }
                const nft::Set &set = n.sets[size_t(it.set)];
                if (!decided || !set.elementsKnown) {
                    s.uncertain = true;
                    if (!decide(0.5, true, false, stepIndex)) {
                        fail(k);
                        break;
                    }
                    endNft(Verdict::Uncertain, Simulator::tr("the vmap key cannot be told"), chain, index + 1);
                    branch.steps.push_back(s);
                    ended = true;
                    return TableResult::Uncertain;
                }
                const int e = set.lookup(key, it.lhs.n);
                if (e < 0) {
                    fail(k);   // no element: the lookup breaks, the rule does not match
                    break;
                }
                s.ruleEnd = e;
                verdict = set.elements[size_t(e)].verdict;
                term = &it;
                break;
            }
            case nft::Item::Verdict:
                verdict = it.verdict;
                term = &it;
                break;
            case nft::Item::Nat:
                if (it.set >= 0) {
                    bool decided = true;
                    const nft::Set &set = n.sets[size_t(it.set)];
                    if (!nftKey(it.lhs, key, stepIndex, decided) || (natElement = set.lookup(key, it.lhs.n)) < 0) {
                        fail(k);
                        break;
                    }
                }
                term = &it;
                break;
            case nft::Item::Counter:
            case nft::Item::Log:
            case nft::Item::Other:
            case nft::Item::Limit:   // passes: a full bucket, as -m limit
                break;
            case nft::Item::Quota:
            case nft::Item::Unknown:
                s.uncertain = true;
                if (!decide(0.5, true, false, stepIndex))
                    fail(k);
                break;
            case nft::Item::Xt:
                if (it.xtTarget) {
                    term = &it;
                    break;
                }
                s.uncertain = true;
                if (!decide(0.5, true, false, stepIndex))
                    fail(k);
                break;
            case nft::Item::Notrack:
                m_dirty = true;
                m_untracked = true;
                m_p.ctstate = CtBits::Untracked;
                break;
            case nft::Item::SetMeta: {
                quint32 src = quint32(it.v.lo);
                if (it.srcField == nft::Field::MetaMark || it.srcField == nft::Field::CtMark) {
                    const quint32 from = it.srcField == nft::Field::MetaMark ? m_p.mark : m_p.ctmark;
                    switch (it.setOp) {
                    case nft::Item::SetOr: src = from | quint32(it.v.lo); break;
                    case nft::Item::SetAnd: src = from & quint32(it.v.lo); break;
                    case nft::Item::SetXor: src = from ^ quint32(it.v.lo); break;
                    default: src = from; break;
                    }
                }
                m_dirty = true;
                if (it.setField == nft::Field::MetaMark) {
                    m_p.mark = src;
                    if (m_firstMarkValid)
                        m_firstMark = src;
                } else if (m_p.tracked && !(m_p.ctstate & CtBits::Untracked)) {
                    m_p.ctmark = src;
                }
                break;
            }
            }
        }
        s.matched = matched;
        branch.steps.push_back(s);
        if (!matched || !term) {
            ++index;
            continue;
        }
        if (term->kind == nft::Item::Xt) {
            endNft(Verdict::Uncertain, Simulator::tr("iptables-nft compat target (%1) kept, not evaluated").arg(text::q(term->text)),
                   chain, index + 1);
            ended = true;
            return TableResult::Uncertain;
        }
        if (term->kind == nft::Item::Nat) {
            // nft_nat_eval: the translation is the chain's verdict (NF_ACCEPT)
            m_dirty = true;
            Address addr = term->v.toAddress();
            quint16 port = term->portLo;
            if (natElement >= 0) {
                const nft::Element &el = n.sets[size_t(term->set)].elements[size_t(natElement)];
                addr = el.data[0].toAddress();
                if (n.sets[size_t(term->set)].dataTypes.size() > 1)
                    port = quint16(el.data[1].lo);
            }
            const bool ports = hasPorts(m_p.proto);
            const PacketState before = m_p;
            switch (term->natKind) {
            case nft::Item::Dnat:
                if (!addr.isNull()) m_p.dst = addr;
                if (port && ports) m_p.dport = port;
                break;
            case nft::Item::Snat:
                if (!addr.isNull()) m_p.src = addr;
                if (port && ports) m_p.sport = port;
                break;
            case nft::Item::Masquerade:
                if (const Address a = node.context.masqueradeSource(m_p.outIface, m_p.dst, m_nextHop); !a.isNull())
                    m_p.src = a;
                if (port && ports) m_p.sport = port;
                break;
            case nft::Item::Redirect:
                if (hook == Hook::Output)
                    m_p.dst = m_p.family() == Family::Ipv4 ? Address::fromV4(0x7f000001u) : Address(0, 1);
                else if (const Address a = node.context.primaryAddress(m_p.inIface, m_p.dst); !a.isNull())
                    m_p.dst = a;
                if (port && ports) m_p.dport = port;
                break;
            }
            if (m_p.dst != before.dst || m_p.dport != before.dport)
                m_p.ctstate |= CtBits::Dnat;
            if (m_p.src != before.src || m_p.sport != before.sport)
                m_p.ctstate |= CtBits::Snat;
            natBound = true;
            return TableResult::Accept;
        }
        switch (verdict.kind) {
        case nft::Verdict::Accept:
            m_lastAccept = Simulator::tr("%1, rule %2").arg(chainTitle(chain)).arg(index + 1);
            return TableResult::Accept;
        case nft::Verdict::Drop:
            endNft(Verdict::Drop, Simulator::tr("rule"), chain, index + 1);
            ended = true;
            return TableResult::Drop;
        case nft::Verdict::Reject:
            endNft(Verdict::Reject, Simulator::tr("rule"), chain, index + 1);
            ended = true;
            return TableResult::Reject;
        case nft::Verdict::Queue:
            endNft(Verdict::Queue, Simulator::tr("rule"), chain, index + 1);
            ended = true;
            return TableResult::Queue;
        case nft::Verdict::None:
        case nft::Verdict::Continue:
            ++index;
            continue;
        case nft::Verdict::Return:
            if (stack.empty()) {
                index = int(ch.rules.size());
                continue;
            }
            chain = stack.back().chain;
            index = stack.back().next;
            stack.pop_back();
            continue;
        case nft::Verdict::Jump:
        case nft::Verdict::Goto:
            if (verdict.chain < 0) {
                endNft(Verdict::Uncertain, Simulator::tr("no chain %1 in this table").arg(text::q(verdict.chainName)), chain, index + 1);
                ended = true;
                return TableResult::Uncertain;
            }
            if (verdict.kind == nft::Verdict::Jump) {
                if (stack.size() >= 16) {   // NFT_JUMP_STACK_SIZE
                    endNft(Verdict::Uncertain, Simulator::tr("jumps nest deeper than the kernel allows"), chain, index + 1);
                    ended = true;
                    return TableResult::Uncertain;
                }
                stack.push_back({chain, index + 1});
            }
            chain = verdict.chain;
            index = 0;
            continue;
        }
    }
}

void Run::enterNode(int node, const QString &iface)
{
    m_node = node;
    m_natDst = m_natSrc = false;
    m_untracked = false;
    m_conntrack = m_sc.nodes[size_t(node)].rules.usesConntrack(m_p.family())
            || (m_sc.nodes[size_t(node)].rules.nft && m_sc.nodes[size_t(node)].rules.nft->usesConntrack);
    m_lastAccept.clear();
    m_firstMarkValid = false;   // marks do not cross hosts
    m_p.tracked = false;   // raw comes before the conntrack hook
    branch.nodeEntries.push_back({node, int(branch.steps.size())});
    // The skb mark and conntrack are per host; the new host sees the connection's first
    // packet as NEW just like the sender did.
    m_p.mark = 0;
    m_p.ctmark = 0;
    m_p.ctstate = m_spec.ctstate;
    m_p.ctstatus = 0;
    m_p.inIface = iface;
    m_p.outIface.clear();
    m_p.bridgeInfo = m_p.bridgedOut = false;
    m_p.physIn.clear();
    m_p.physOut.clear();
    m_p.origSrc = m_p.src;
    m_p.origDst = m_p.dst;
    m_p.origSport = m_p.sport;
    m_p.origDport = m_p.dport;
}

void Run::go()
{
    const int first = m_sc.nodeIndex(m_spec.fromNode);
    if (first < 0) {
        end(Verdict::Uncertain, Simulator::tr("no node named %1").arg(m_spec.fromNode));
        return;
    }
    m_p.dst = m_spec.dst;
    m_p.src = m_spec.src.value_or(Address());
    m_p.proto = m_spec.proto;
    m_p.sport = m_spec.sport;
    m_p.dport = m_spec.dport;
    m_p.icmpType = m_spec.icmpType;
    m_p.icmpCode = m_spec.icmpCode;
    m_p.tcpFlags = m_spec.tcpFlags;
    m_p.length = m_spec.length ? m_spec.length : (m_spec.family() == Family::Ipv6 ? 80u : 60u);
    m_p.uid = m_spec.uid;
    enterNode(first, m_spec.inIface);
    m_p.mark = m_spec.mark;
    if (m_spec.inIface.isEmpty()) {
        localOut();
    } else {
        seedAffinity();
        arrive();
    }
}

void Run::localOut()
{
    const NodeContext &ctx = m_sc.nodes[size_t(m_node)].context;
    NodeContext::Query query;
    query.dst = m_p.dst;
    query.src = m_spec.src.value_or(Address());
    query.mark = m_p.mark;
    const NodeContext::Lookup route = ctx.lookup(query);
    if (route.result != NodeContext::Lookup::Forward && route.result != NodeContext::Lookup::Local) {
        note(Step::Routing, Hook::Output, ctx.hasIpRules ? Simulator::tr("route: %1 %2").arg(m_p.dst.toString(), ctx.describe(route))
                                                          : Simulator::tr("no route to %1").arg(m_p.dst.toString()));
        end(Verdict::NoRoute, Simulator::tr("no route to host"));
        return;
    }
    if (!m_spec.src) {
        // The source comes from the route chosen before any DNAT.
        m_p.src = route.result == NodeContext::Lookup::Local ? m_p.dst : route.src;
        if (m_p.src.isNull() && m_p.family() == Family::Ipv4)
            m_p.src = Address::fromV4(0);   // no address known: 0.0.0.0, as before a source is chosen
        m_p.origSrc = m_p.src;
    }
    seedAffinity();
    m_p.outIface = route.result == NodeContext::Lookup::Local ? QStringLiteral("lo") : route.dev;
    if (ctx.hasIpRules)
        routingNote(Hook::Output, route, Simulator::tr("route: %1 %2, source %3").arg(m_p.dst.toString(), ctx.describe(route),
                                                                                    m_p.src.toString()));
    else
        routingNote(Hook::Output, route,
             route.result == NodeContext::Lookup::Local
                     ? Simulator::tr("route: %1 is local, out lo, source %2").arg(m_p.dst.toString(), m_p.src.toString())
                     : Simulator::tr("route: %1 out %2 via %3, source %4")
                               .arg(m_p.dst.toString(), route.dev.isEmpty() ? Simulator::tr("(no interface known)") : route.dev,
                                    route.nextHop.toString(), m_p.src.toString()));
    const Address dstBefore = m_p.dst;
    const quint32 markBefore = m_p.mark;
    // raw, conntrack, mangle, nat, filter, security share the hook's state->out.
    if (!hookTables(Hook::Output, {TableId::Raw, TableId::Mangle, TableId::Nat}))
        return;
    NodeContext::Lookup after = route;
    // ip_route_me_harder: mangle OUTPUT re-routes when it changed the mark (which only the
    // ip rules look at), nat OUTPUT when it changed the destination.
    const bool markChanged = ctx.hasIpRules && m_p.mark != markBefore;
    if (m_p.dst != dstBefore || markChanged) {
        query.dst = m_p.dst;
        query.src = m_p.src;
        query.mark = m_p.mark;
        after = ctx.lookup(query);
        const QString why = m_p.dst != dstBefore ? Simulator::tr("re-route after DNAT")
                                                 : Simulator::tr("re-route after mangle OUTPUT set mark 0x%1").arg(m_p.mark, 0, 16);
        if (after.result != NodeContext::Lookup::Forward && after.result != NodeContext::Lookup::Local) {
            note(Step::Routing, Hook::Output,
                 ctx.hasIpRules ? Simulator::tr("%1: %2 %3").arg(why, m_p.dst.toString(), ctx.describe(after))
                                : Simulator::tr("%1: no route to %2").arg(why, m_p.dst.toString()));
            end(Verdict::NoRoute, Simulator::tr("no route to host"));
            return;
        }
        if (after.result == NodeContext::Lookup::Forward && m_p.src.isV4() && m_p.src.isLoopback() && after.dev != QLatin1String("lo")
            && !sysctls().routeLocalnet(after.dev, defaults())) {
            // ip_route_me_harder fails: a loopback source may leave by another device only
            // where route_localnet allows it (kube-proxy sets it for NodePorts on localhost).
            note(Step::Routing, Hook::Output,
                 Simulator::tr("re-route after DNAT fails: source %1 may not leave by %2 (route_localnet is 0 on %2)")
                         .arg(m_p.src.toString(), after.dev));
            end(Verdict::Drop, Simulator::tr("martian source"));
            return;
        }
        const QString afterDev = after.result == NodeContext::Lookup::Local ? QStringLiteral("lo") : after.dev;
        routingNote(Hook::Output, after,
             ctx.hasIpRules
                     ? Simulator::tr("%1: %2 %3; filter OUTPUT still sees -o %4, POSTROUTING sees %5")
                               .arg(why, m_p.dst.toString(), ctx.describe(after), m_p.outIface, afterDev)
                     : Simulator::tr("%1: %2 out %3; filter OUTPUT still sees -o %4, POSTROUTING sees %3")
                               .arg(why, m_p.dst.toString(), afterDev, m_p.outIface));
    }
    if (!hookTables(Hook::Output, {TableId::Filter, TableId::Security}))
        return;
    m_p.outIface = after.result == NodeContext::Lookup::Local ? QStringLiteral("lo") : after.dev;
    if (!postrouting(after))
        return;
    if (after.result == NodeContext::Lookup::Local) {
        // Looped back: PREROUTING and INPUT without nat, whose bindings are made.
        m_p.inIface = QStringLiteral("lo");
        m_p.outIface.clear();
        if (!hookTables(Hook::Prerouting, {TableId::Raw, TableId::Mangle, TableId::Nat}))
            return;
        deliverLocally();
        return;
    }
    leave(after);
}

void Run::arrive()
{
    const Node &node = m_sc.nodes[size_t(m_node)];
    const NodeContext &ctx = node.context;
    // A frame on a bridge port enters the bridge: iptables sees the bridge as -i, the
    // port only through -m physdev.
    QString bridge = ctx.bridges.bridgeOf(m_p.inIface);
    QString port;
    if (!bridge.isEmpty()) {
        port = m_p.inIface;
        m_p.inIface = bridge;
    } else if (ctx.bridges.isBridge(m_p.inIface)) {
        bridge = m_p.inIface;
        const QStringList ports = ctx.bridges.ports(bridge);
        if (ports.size() == 1)
            port = ports.front();
    }
    // How the frame arrived: to the subnet's broadcast (or 255.255.255.255) it was a
    // link-layer broadcast, which the kernel never forwards, whatever nat does to it.
    m_p.pktType = 0;
    if (m_p.dst.isMulticast()) {
        m_p.pktType = 2;
    } else if (m_p.dst == Address::fromV4(0xffffffffu)) {
        m_p.pktType = 1;
    } else if (const Interface *in = ctx.interface(m_p.inIface)) {
        for (const auto &a : in->addresses) {
            if (!a.broadcast.isNull() && a.broadcast == m_p.dst)
                m_p.pktType = 1;
        }
    }
    if (!ctx.interfaces.empty() && !ctx.interface(m_p.inIface))
        note(Step::Note, Hook::Prerouting, Simulator::tr("%1 has no interface %2 in its addresses").arg(node.name, m_p.inIface));
    bool toPort = false;   // the sender resolved the destination on the bridge's link: another port's frame
    if (!bridge.isEmpty()) {
        const NodeContext::Lookup onLink = ctx.lookup(m_p.dst, m_p.inIface);
        toPort = m_p.pktType == 0 && onLink.result == NodeContext::Lookup::Forward && onLink.dev == bridge
                && onLink.nextHop == m_p.dst;
        const bool v6 = m_p.family() == Family::Ipv6;
        const bool calls = v6 ? sysctls().bridgeCallsIp6tables(defaults()) : sysctls().bridgeCallsIptables(defaults());
        const QString callKey = v6 ? QStringLiteral("net.bridge.bridge-nf-call-ip6tables") : QStringLiteral("net.bridge.bridge-nf-call-iptables");
        const QString tool = v6 ? QStringLiteral("ip6tables") : QStringLiteral("iptables");
        const QString from = port.isEmpty() ? Simulator::tr("a port of %1").arg(bridge) : port;
        if (toPort && !calls) {
            m_p.outIface = bridge;
            note(Step::Routing, Hook::Prerouting,
                 Simulator::tr("bridged on %1: %4 not called (%5 = 0): %2 from %3 to the port behind it")
                         .arg(bridge, m_p.dst.toString(), from, tool, callKey));
            end(Verdict::Delivered, Simulator::tr("delivered"), Simulator::tr("%1 on %2, bridged").arg(m_p.dst.toString(), bridge));
            return;
        }
        if (calls) {
            m_p.bridgeInfo = true;
            m_p.physIn = port;
            m_dirty = true;
        }
        note(Step::Note, Hook::Prerouting,
             toPort ? Simulator::tr("bridged on %1: br_netfilter calls %3 (-i %1, physdev-in %2)").arg(bridge, from, tool)
                    : calls ? Simulator::tr("enters bridge %1 from %2 addressed to the bridge itself: br_netfilter calls %3 "
                                            "PREROUTING (physdev-in %2), then the node routes it")
                                      .arg(bridge, from, tool)
                            : Simulator::tr("enters bridge %1 from %2 addressed to the bridge itself: %3 not called on the "
                                            "bridge (%4 = 0); the node routes it from %1")
                                      .arg(bridge, from, tool, callKey));
    }
    const Address dstBefore = m_p.dst;
    if (!hookTables(Hook::Prerouting, {TableId::Raw, TableId::Mangle, TableId::Nat}))
        return;
    if (m_p.bridgeInfo) {
        // br_netfilter after PREROUTING: an unchanged destination stays bridged; a DNAT
        // whose route leads back out the same bridge is bridged to the new port without
        // ip_forward; anything else goes up to the node and is routed.
        if (toPort && m_p.dst == dstBefore) {
            NodeContext::Lookup hop;
            hop.result = NodeContext::Lookup::Forward;
            hop.dev = bridge;
            hop.nextHop = m_p.dst;
            bridgeForward(hop, Simulator::tr("bridged on %1, not routed: FORWARD -i %1 -o %1, then POSTROUTING").arg(bridge));
            return;
        }
        if (m_p.dst != dstBefore) {
            const NodeContext::Lookup r = ctx.lookup(m_p.dst, m_p.inIface);
            if (r.result == NodeContext::Lookup::Forward && r.dev == bridge) {
                if (!validateSource(Hook::Prerouting, r.dev))
                    return;
                bridgeForward(r, Simulator::tr("DNAT to %1, whose route leads back out %2: br_netfilter bridges it to that port "
                                               "(no ip_forward needed): FORWARD -i %2 -o %2, then POSTROUTING")
                                         .arg(m_p.dst.toString(), bridge));
                return;
            }
        }
    }
    // Martians: 127.0.0.0/8 from outside the node only where route_localnet allows it;
    // ::1 never (ip6_rcv_core drops it on any device but lo).
    const bool v6 = m_p.family() == Family::Ipv6;
    if (m_p.inIface != QLatin1String("lo") && (m_p.dst.isLoopback() || m_p.src.isLoopback())
        && (v6 || !sysctls().routeLocalnet(m_p.inIface, defaults()))) {
        const bool dst = m_p.dst.isLoopback();
        if (v6) {
            note(Step::Routing, Hook::Prerouting,
                 Simulator::tr("dropped: %1 may not arrive on %2 (IPv6 drops loopback addresses from any device but lo)")
                         .arg((dst ? m_p.dst : m_p.src).toString(), m_p.inIface));
            end(Verdict::Drop, dst ? Simulator::tr("martian destination") : Simulator::tr("martian source"));
            return;
        }
        note(Step::Routing, Hook::Prerouting,
             Simulator::tr("dropped as a martian %1: %2 may not arrive on %3 (route_localnet is 0)")
                     .arg(dst ? Simulator::tr("destination") : Simulator::tr("source"), (dst ? m_p.dst : m_p.src).toString(),
                          m_p.inIface));
        end(Verdict::Drop, dst ? Simulator::tr("martian destination") : Simulator::tr("martian source"));
        return;
    }
    // A multicast destination is never forwarded (no multicast routing is modelled): the
    // node takes it up when the device has joined the group, else drops it
    // (ip_route_input_mc / ip6_mc_input).
    if (m_p.pktType == 2) {
        const QString group = joinedGroup(m_p.dst, m_p.inIface);
        if (group.isEmpty()) {
            note(Step::Routing, Hook::Prerouting,
                 Simulator::tr("dropped: %1 is a multicast group %2 has not joined as far as its addresses tell "
                               "(groups that programs join are not in the dumps)")
                         .arg(m_p.dst.toString(), m_p.inIface));
            end(Verdict::Drop, Simulator::tr("multicast group not joined"));
            return;
        }
        if (!validateSource(Hook::Prerouting))
            return;
        note(Step::Routing, Hook::Input,
             Simulator::tr("multicast to %1, which %2 has joined (%3): INPUT").arg(m_p.dst.toString(), m_p.inIface, group));
        deliverLocally();
        return;
    }
    NodeContext::Query query;
    query.dst = m_p.dst;
    query.src = m_p.src;
    query.inIface = m_p.inIface;
    query.mark = m_p.mark;   // as mangle PREROUTING left it
    const NodeContext::Lookup route = ctx.lookup(query);
    const bool rules = ctx.hasIpRules;
    if (route.result == NodeContext::Lookup::Local) {
        if (!validateSource(Hook::Prerouting))
            return;
        routingNote(Hook::Input, route, rules ? Simulator::tr("route: %1 %2: INPUT").arg(m_p.dst.toString(), ctx.describe(route))
                                              : Simulator::tr("route: %1 is local: INPUT").arg(m_p.dst.toString()));
        deliverLocally();
        return;
    }
    if (route.result != NodeContext::Lookup::Forward) {
        note(Step::Routing, Hook::Forward, rules ? Simulator::tr("route: %1 %2").arg(m_p.dst.toString(), node.context.describe(route))
                                                 : Simulator::tr("no route to %1").arg(m_p.dst.toString()));
        end(Verdict::NoRoute, route.result == NodeContext::Lookup::NoRoute ? Simulator::tr("no route to host")
                                                                          : Simulator::tr("route type forbids it"));
        return;
    }
    if (m_p.pktType != 0) {
        note(Step::Routing, Hook::Forward, Simulator::tr("a link-layer %1 is not forwarded (ip_forward drops it)")
                                                   .arg(m_p.pktType == 1 ? Simulator::tr("broadcast") : Simulator::tr("multicast")));
        end(Verdict::Drop, Simulator::tr("not forwarded: link-layer broadcast"));
        return;
    }
    if (v6 && !sysctls().forwarding6(defaults())) {
        note(Step::Routing, Hook::Forward,
             Simulator::tr("not forwarded: IPv6 forwarding is off on %1 (net.ipv6.conf.all.forwarding = 0)").arg(node.name));
        end(Verdict::Drop, Simulator::tr("forwarding disabled"));
        return;
    }
    // The input device's own forwarding flag (net.ipv4.ip_forward sets every device's).
    if (!v6 && !sysctls().forwarding(m_p.inIface, defaults())) {
        note(Step::Routing, Hook::Forward,
             Simulator::tr("not forwarded: forwarding is off on %1 of %2 (net.ipv4.ip_forward / %3 = 0)")
                     .arg(m_p.inIface, node.name, Sysctls::confKey(m_p.inIface, "forwarding")));
        end(Verdict::Drop, Simulator::tr("forwarding disabled"));
        return;
    }
    if (!validateSource(Hook::Prerouting, route.dev))
        return;
    m_p.outIface = route.dev;
    routingNote(Hook::Forward, route,
         rules ? Simulator::tr("route: %1 %2: FORWARD").arg(m_p.dst.toString(), node.context.describe(route))
               : Simulator::tr("route: %1 out %2 via %3: FORWARD").arg(m_p.dst.toString(), route.dev, route.nextHop.toString()));
    if (!hookTables(Hook::Forward, {TableId::Mangle, TableId::Filter, TableId::Security}))
        return;
    if (!postrouting(route))
        return;
    leave(route);
}

void Run::bridgeForward(const NodeContext::Lookup &hop, const QString &why)
{
    const NodeContext &ctx = m_sc.nodes[size_t(m_node)].context;
    QStringList others = ctx.bridges.ports(hop.dev);
    others.removeAll(m_p.physIn);
    m_p.outIface = hop.dev;
    m_p.bridgedOut = true;
    // Which port leads to the destination is the bridge's forwarding database, not in the
    // node context: known when only one port is left.
    m_p.physOut = others.size() == 1 ? others.front() : QString();
    m_dirty = true;
    note(Step::Routing, Hook::Forward, why);
    if (!hookTables(Hook::Forward, {TableId::Mangle, TableId::Filter, TableId::Security}))
        return;
    if (!postrouting(hop))
        return;
    leave(hop);
}

void Run::deliverLocally()
{
    if (!hookTables(Hook::Input, {TableId::Mangle, TableId::Filter, TableId::Security, TableId::Nat}))
        return;
    end(Verdict::AcceptLocal, Simulator::tr("accepted"), Simulator::tr("a local process on %1").arg(m_sc.nodes[size_t(m_node)].name));
}

// The groups every device joins by itself: all-nodes (224.0.0.1; ff01::1, ff02::1), the
// all-routers groups while IPv6 forwarding is on, and the solicited-node group of each of
// the device's IPv6 addresses. Returns why it is joined, or nothing.
QString Run::joinedGroup(const Address &group, const QString &dev) const
{
    const NodeContext &ctx = m_sc.nodes[size_t(m_node)].context;
    const Interface *in = ctx.interface(dev);
    if (group.isV4()) {
        if (group.v4() == 0xe0000001u)
            return Simulator::tr("all hosts");
        return {};
    }
    const quint64 allNodes = 0x0001ull, allRouters = 0x0002ull;
    if ((group.hi() == 0xff01000000000000ull || group.hi() == 0xff02000000000000ull) && group.lo() == allNodes)
        return Simulator::tr("all nodes");
    if ((group.hi() == 0xff01000000000000ull || group.hi() == 0xff02000000000000ull || group.hi() == 0xff05000000000000ull)
        && group.lo() == allRouters && sysctls().forwarding6(nullptr))
        return Simulator::tr("all routers: IPv6 forwarding is on");
    if (group.hi() == 0xff02000000000000ull && (group.lo() >> 24) == 0x1ff) {
        // Without the device's addresses, any solicited-node group may be its own.
        if (!in)
            return ctx.interfaces.empty() ? Simulator::tr("solicited-node, assumed") : QString();
        for (const InterfaceAddress &a : in->addresses) {
            if (!a.address.isV4() && (a.address.lo() & 0xffffffull) == (group.lo() & 0xffffffull))
                return Simulator::tr("solicited-node of %1").arg(a.address.toString());
        }
    }
    return {};
}

bool Run::validateSource(Hook hook, const QString &outDev)
{
    const NodeContext &ctx = m_sc.nodes[size_t(m_node)].context;
    const QString &dev = m_p.inIface;
    if (ctx.routesAssumed() || !ctx.hasAddresses || dev.isEmpty() || dev == QLatin1String("lo"))
        return true;   // nothing to check the source against
    if (m_p.family() == Family::Ipv6)
        return true;   // IPv6 has no rp_filter or accept_local: ip6tables' rpfilter match does that work
    const int rpf = sysctls().rpFilter(dev, defaults());
    const bool acceptLocal = sysctls().acceptLocal(dev, defaults());
    // The words only when the packet is dropped: every arriving packet passes here (the audit
    // traces hundreds of thousands), and most pass.
    const auto src = [&] { return m_p.src.toString(); };
    auto drop = [&](const QString &text, const QString &reason) {
        note(Step::Routing, hook, text);
        end(Verdict::Drop, reason);
        return false;
    };
    const auto martianLocal = [&] {
        return Simulator::tr("dropped as a martian source: %1 is an address of %2 (accept_local is 0 on %3)")
                .arg(src(), m_sc.nodes[size_t(m_node)].name, dev);
    };
    // fib_validate_source: without rp_filter only the node's own addresses are refused, unless
    // ip rules of the node's own make the kernel look the route back up all the same.
    const bool customRules = ctx.hasCustomIpRules(Family::Ipv4);
    if (rpf == 0 && !customRules) {
        if (!acceptLocal && ctx.isLocal(m_p.src))
            return drop(martianLocal(), Simulator::tr("martian source"));
        return true;
    }
    const auto mode = [&] { return rpf == 1 ? Simulator::tr("strict") : Simulator::tr("loose"); };
    // The reverse lookup as the kernel makes it: from the packet's destination to its source,
    // the iif the forward route's device (lo when delivered locally; never the input device),
    // and the packet's mark only with src_valid_mark.
    NodeContext::Query q;
    q.dst = m_p.src;
    q.src = m_p.dst;
    q.inIface = outDev;
    const bool markSeen = m_p.mark != 0 && sysctls().srcValidMark(dev, defaults());
    q.mark = markSeen ? m_p.mark : 0;
    const NodeContext::Lookup back = ctx.lookup(q);
    // Said before the drop when the ip rules had a say: the route back, as `ip route get`
    // would give it, and a mark that the lookup did not see.
    const auto why = [&] {
        if (!ctx.hasIpRulesOf(Family::Ipv4))
            return;
        note(Step::Routing, hook, Simulator::tr("route back to %1 (from %2 iif %3 mark %4): %5")
                                          .arg(src(), m_p.dst.toString(), outDev.isEmpty() ? QStringLiteral("lo") : outDev,
                                               QStringLiteral("0x%1").arg(q.mark, 0, 16), ctx.describe(back)));
        if (m_p.mark != 0 && !markSeen)
            note(Step::Routing, hook,
                 Simulator::tr("the route back is looked up without the packet's mark 0x%1: %2 is 0")
                         .arg(QString::number(m_p.mark, 16), Sysctls::confKey(dev, "src_valid_mark")));
    };
    QString backDev = back.dev;
    if (back.result == NodeContext::Lookup::Local) {
        if (!acceptLocal) {
            why();
            return drop(martianLocal(), Simulator::tr("martian source"));
        }
        const Interface *owner = ctx.owner(m_p.src);
        backDev = owner ? owner->name : QStringLiteral("lo");
    } else if (back.result != NodeContext::Lookup::Forward) {
        // No route, or a blackhole, unreachable or prohibit one: the lookup fails, which only
        // rp_filter holds against the packet.
        if (rpf == 0)
            return true;
        why();
        if (back.result == NodeContext::Lookup::NoRoute)
            return drop(Simulator::tr("dropped by rp_filter (%1): no route back to %2").arg(mode(), src()), Simulator::tr("rp_filter"));
        return drop(Simulator::tr("dropped by rp_filter (%1): the route back to %2 is not unicast").arg(mode(), src()),
                    Simulator::tr("rp_filter"));
    }
    if (backDev == dev)
        return true;
    // A device without an IPv4 address of its own accepts only what routes back through it.
    const Interface *in = ctx.interface(dev);
    const bool noAddress = in && std::none_of(in->addresses.begin(), in->addresses.end(),
                                              [](const InterfaceAddress &a) { return a.family() == Family::Ipv4; });
    if (rpf == 1 || (rpf == 2 && noAddress)) {
        why();
        if (rpf == 2)
            return drop(Simulator::tr("dropped by rp_filter (loose): reply would leave by %1, and %2 has no IPv4 address")
                                .arg(backDev, dev),
                        Simulator::tr("rp_filter"));
        return drop(Simulator::tr("dropped by rp_filter: reply would leave by %1, not %2 (strict, %3 = %4)")
                            .arg(backDev, dev, Sysctls::confKey(dev, "rp_filter"))
                            .arg(rpf),
                    Simulator::tr("rp_filter"));
    }
    return true;
}

bool Run::postrouting(const NodeContext::Lookup &route)
{
    m_nextHop = route.nextHop;
    return hookTables(Hook::Postrouting, {TableId::Mangle, TableId::Nat});
}

void Run::leave(const NodeContext::Lookup &route)
{
    const Address hop = route.nextHop;
    for (size_t n = 0; n < m_sc.nodes.size(); ++n) {
        if (int(n) == m_node)
            continue;
        const Interface *itf = m_sc.nodes[n].context.owner(hop);
        if (!itf)
            continue;
        if (++m_hops > m_opt.maxHops) {
            end(Verdict::Uncertain, Simulator::tr("more than %1 hops: a routing loop").arg(m_opt.maxHops));
            return;
        }
        note(Step::Handoff, Hook::Postrouting,
             Simulator::tr("leaves %1 on %2 for %3 (%4 on %5)")
                     .arg(m_sc.nodes[size_t(m_node)].name, m_p.outIface, m_sc.nodes[n].name, hop.toString(), itf->name));
        const QString in = itf->name;
        enterNode(int(n), in);
        arrive();
        return;
    }
    note(Step::Handoff, Hook::Postrouting, Simulator::tr("leaves %1 on %2 towards %3")
                                                   .arg(m_sc.nodes[size_t(m_node)].name, m_p.outIface, hop.toString()));
    end(Verdict::Delivered, Simulator::tr("delivered"),
        hop == m_p.dst ? Simulator::tr("%1 on %2").arg(m_p.dst.toString(), m_p.outIface)
                       : Simulator::tr("gateway %1 on %2, outside the scenario").arg(hop.toString(), m_p.outIface));
}

} // namespace

bool Simulator::evaluate(const Node &node, const Ruleset &rs, const Rule &rule, const Criterion &c,
                         const PacketState &p, Hook hook, bool &decided)
{
    decided = true;
    switch (c.kind) {
    case Criterion::CtProto: case Criterion::CtOrigSrc: case Criterion::CtOrigDst: case Criterion::CtReplSrc:
    case Criterion::CtReplDst: case Criterion::CtOrigSrcPort: case Criterion::CtOrigDstPort:
    case Criterion::CtReplSrcPort: case Criterion::CtReplDstPort: case Criterion::CtStatus:
    case Criterion::CtDirection: case Criterion::CtExpire: case Criterion::ConnMark:
        // Without a conntrack entry the kernel's conntrack and connmark matches return
        // false whatever their negation.
        if (!p.tracked)
            return false;
        break;
    default:
        break;
    }
    bool r = false;
    switch (c.kind) {
    case Criterion::Src: { const AddressPair &ad = rs.addresses(c); r = p.src.in(ad.x, ad.y); break; }
    case Criterion::Dst: { const AddressPair &ad = rs.addresses(c); r = p.dst.in(ad.x, ad.y); break; }
    case Criterion::InIface: r = ifaceMatches(p.inIface, c); break;
    case Criterion::OutIface: r = ifaceMatches(p.outIface, c); break;
    case Criterion::Proto: r = p.proto == c.a; break;
    case Criterion::Fragment: r = false; break;   // we trace whole first fragments
    case Criterion::SrcPort: r = hasPorts(p.proto) && p.sport >= c.a && p.sport <= c.b; break;
    case Criterion::DstPort: r = hasPorts(p.proto) && p.dport >= c.a && p.dport <= c.b; break;
    case Criterion::TcpFlags: r = p.proto == ProtoTcp && (p.tcpFlags & c.a) == c.b; break;
    case Criterion::TcpOption: decided = false; break;
    case Criterion::IcmpType:
        r = p.proto == (p.family() == Family::Ipv4 ? ProtoIcmp : ProtoIcmpv6) && (c.a == 255 || (p.icmpType == c.a && p.icmpCode >= c.b && p.icmpCode <= c.c));
        break;
    case Criterion::MultiSrcPorts: r = hasPorts(p.proto) && portInList(rule, c, p.sport); break;
    case Criterion::MultiDstPorts: r = hasPorts(p.proto) && portInList(rule, c, p.dport); break;
    case Criterion::MultiPorts: r = hasPorts(p.proto) && (portInList(rule, c, p.sport) || portInList(rule, c, p.dport)); break;
    case Criterion::CtState: {
        // Without a conntrack entry (raw, before the conntrack hook) the state is INVALID,
        // or UNTRACKED after NOTRACK.
        quint32 bits = p.tracked ? p.ctstate : ((p.ctstate & CtBits::Untracked) ? quint32(CtBits::Untracked) : quint32(CtBits::Invalid));
        if (rs.moduleName(c.module) == "state")
            bits &= ~(CtBits::Snat | CtBits::Dnat);   // the state match knows no NAT bits
        r = (bits & c.a) != 0;
        break;
    }
    case Criterion::CtProto: r = p.proto == c.a; break;
    case Criterion::CtOrigSrc: { const AddressPair &ad = rs.addresses(c); r = p.origSrc.in(ad.x, ad.y); break; }
    case Criterion::CtOrigDst: { const AddressPair &ad = rs.addresses(c); r = p.origDst.in(ad.x, ad.y); break; }
    case Criterion::CtReplSrc: { const AddressPair &ad = rs.addresses(c); r = p.dst.in(ad.x, ad.y); break; }
    case Criterion::CtReplDst: { const AddressPair &ad = rs.addresses(c); r = p.src.in(ad.x, ad.y); break; }
    case Criterion::CtOrigSrcPort: r = p.origSport >= c.a && p.origSport <= c.b; break;
    case Criterion::CtOrigDstPort: r = p.origDport >= c.a && p.origDport <= c.b; break;
    case Criterion::CtReplSrcPort: r = p.dport >= c.a && p.dport <= c.b; break;
    case Criterion::CtReplDstPort: r = p.sport >= c.a && p.sport <= c.b; break;
    case Criterion::CtStatus: r = (p.ctstatus & c.a) != 0; break;
    case Criterion::CtDirection: r = c.a == 0; break;   // we trace the original direction
    case Criterion::CtExpire: decided = false; break;
    case Criterion::Mark: r = (p.mark & c.b) == c.a; break;
    case Criterion::ConnMark: r = (p.ctmark & c.b) == c.a; break;
    case Criterion::AddrSrcType:
    case Criterion::AddrDstType: {
        const Address addr = c.kind == Criterion::AddrSrcType ? p.src : p.dst;
        QString limit;
        if (c.c & 1) limit = p.inIface;
        if (c.c & 2) limit = p.outIface;
        if (node.context.routesAssumed()) {
            // No addresses: what the assumed routes take as local (docs/engine.md).
            const bool arriving = !p.inIface.isEmpty() && p.inIface != QLatin1String("lo");
            quint32 type = AddrType::Unicast;
            if (addr.isV4() && (addr.v4() == 0 || addr.v4() == 0xffffffffu))
                type = AddrType::Broadcast;
            else if (addr.isNull())
                type = AddrType::Unspec;
            else if (addr.isMulticast())
                type = AddrType::Multicast;
            else if (c.kind == Criterion::AddrSrcType ? (addr.isLoopback() || !arriving)
                                                       : node.context.assumed.lookup(addr, p.inIface).local)
                type = addr.isV4() ? quint32(AddrType::Local) : quint32(AddrType::Local | AddrType::Unicast);
            r = addr.isV4() ? (type & c.a) != 0 : ((c.a & ~type & (AddrType::Multicast | AddrType::Unicast | AddrType::Unspec)) == 0
                                                   && (!(c.a & AddrType::Local) || (type & AddrType::Local)));
            break;
        }
        if (!node.context.hasAddresses && !addr.isLoopback()) {
            decided = false;   // no addresses: LOCAL cannot be told
            break;
        }
        r = node.context.addressTypeMatches(addr, c.a, limit);
        break;
    }
    case Criterion::Comment: r = true; break;
    case Criterion::StatRandom: decided = false; break;   // handled by the caller as a branch
    case Criterion::StatNth:
        // Depends on how many packets the rule saw since loading, which no dump says; the
        // caller branches (a fresh rule set's outcome first).
        decided = false;
        break;
    case Criterion::IpRangeSrc: { const AddressPair &ad = rs.addresses(c); r = p.src >= ad.x && p.src <= ad.y; break; }
    case Criterion::IpRangeDst: { const AddressPair &ad = rs.addresses(c); r = p.dst >= ad.x && p.dst <= ad.y; break; }
    case Criterion::PhysdevIsIn: r = p.bridgeInfo; break;
    case Criterion::PhysdevIsOut:
    case Criterion::PhysdevIsBridged: r = p.bridgeInfo && p.bridgedOut; break;
    case Criterion::PhysdevIn:
    case Criterion::PhysdevOut: {
        // xt_physdev: without br_netfilter's information every option fails (so a negated
        // one holds); a name test on a packet not bridged out holds whatever its negation.
        if (!p.bridgeInfo)
            break;
        const bool in = c.kind == Criterion::PhysdevIn;
        if (!in && !p.bridgedOut)
            return true;
        const QString &port = in ? p.physIn : p.physOut;
        if (!port.isEmpty()) {
            r = ifaceMatches(port, c);
            break;
        }
        // A port of the bridge, not known which: decided when all candidates agree.
        QStringList candidates = node.context.bridges.ports(in ? p.inIface : p.outIface);
        if (!in)
            candidates.removeAll(p.physIn);
        int hits = 0;
        for (const QString &cand : std::as_const(candidates))
            hits += ifaceMatches(cand, c) ? 1 : 0;
        if (candidates.isEmpty() || (hits != 0 && hits != int(candidates.size())))
            decided = false;
        else
            r = hits != 0;
        break;
    }
    case Criterion::PktType: r = c.a == p.pktType; break;
    case Criterion::Length: r = p.length >= c.a && p.length <= c.b; break;
    case Criterion::Limit: r = true; break;   // a full bucket passes the first packets
    case Criterion::OwnerUid:
        if (hook != Hook::Output && hook != Hook::Postrouting) { r = false; break; }
        if (!p.uid) { decided = false; break; }
        r = *p.uid >= c.a && *p.uid <= c.b;
        break;
    case Criterion::OwnerGid:
    case Criterion::OwnerSocketExists:
        if (hook != Hook::Output && hook != Hook::Postrouting) { r = false; break; }
        decided = false;
        break;
    case Criterion::Set:
        switch (node.context.ipsets.test(c, p)) {
        case Ipsets::Result::Match: r = true; break;
        case Ipsets::Result::NoMatch: r = false; break;
        case Ipsets::Result::Unknown: decided = false; break;
        }
        break;
    case Criterion::Nfacct: r = true; break;   // it counts; it never decides
    case Criterion::Recent: {
        // Without the trace's bookkeeping (nearest misses): the entries the packet carries.
        const Address &mask = rs.addresses(c).y;
        const Address addr = ((c.c & RecentFlags::Dest) ? p.dst : p.src) & mask;
        const QLatin1String list(c.text.data(), qsizetype(c.text.size()));
        bool found = false;
        for (const RecentEntry &e : p.recent)
            found = found || (e.list == list && (e.address & mask) == addr);
        r = found || (c.c & RecentFlags::CommandMask) == RecentFlags::Set;
        break;
    }
    case Criterion::MacSource: decided = false; break;
    case Criterion::Ttl: decided = false; break;
    case Criterion::Unknown: decided = false; break;
    }
    return c.neg ? !r : r;
}

Trace Simulator::trace(const Scenario &scenario, const PacketSpec &packet, const TraceOptions &options)
{
    Trace t;
    t.packet = packet;
    std::vector<std::vector<bool>> todo;
    todo.push_back({});
    std::vector<QStringList> defaulted(scenario.nodes.size());
    while (!todo.empty()) {
        if (int(t.branches.size()) >= options.maxBranches) {
            t.truncated = true;
            t.warnings.push_back(tr("more than %1 branches: the rest were not followed").arg(options.maxBranches));
            break;
        }
        const std::vector<bool> prefix = std::move(todo.back());
        todo.pop_back();
        Run run(scenario, options, packet, prefix);
        if (!t.branches.empty())
            run.branch.steps.reserve(t.branches.back().steps.size() + 16);
        run.go();
        t.truncated = t.truncated || run.truncated;
        for (size_t n = 0; n < run.defaulted.size(); ++n) {
            for (const QString &d : std::as_const(run.defaulted[n])) {
                if (!defaulted[n].contains(d))
                    defaulted[n] << d;
            }
        }
        // Deeper alternatives are popped first, so branches come out in rule order.
        for (auto &alt : run.alternatives)
            todo.push_back(std::move(alt));
        t.branches.push_back(std::move(run.branch));
    }
    // What was assumed, once per node, for the explanation.
    std::vector<bool> said(scenario.nodes.size(), false);
    for (const Branch &b : t.branches) {
        if (!b.assumedRoutes)
            continue;
        for (const Step &s : b.steps) {
            if (s.assumed && s.node < said.size() && !said[s.node]) {
                said[s.node] = true;
                t.warnings.push_back(scenario.nodes[s.node].context.assumed.describe(scenario.nodes[s.node].name));
            }
        }
    }
    // Sysctls the trace needed and the node did not give, once per node.
    for (size_t n = 0; n < defaulted.size(); ++n) {
        if (!defaulted[n].isEmpty())
            t.warnings.push_back(tr("%1: sysctls not given, a kubeadm node's defaults taken: %2")
                                         .arg(scenario.nodes[n].name, defaulted[n].join(QStringLiteral(", "))));
    }
    return t;
}

} // namespace chainscope
