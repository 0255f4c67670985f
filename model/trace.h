#pragma once

#include "packet.h"
#include "ruleset.h"

#include <QString>

#include <vector>

namespace chainscope {

/**
 * One thing that happened to the packet. Rule steps are compact (indices, the first failed
 * criterion) because a trace through a 30k-service dump evaluates thousands of rules; the
 * words come from Explain on demand.
 */
struct Step
{
    enum Kind : quint8 {
        RuleEval,   // a rule was evaluated (matched or not)
        Policy,     // a built-in chain's policy decided
        ChainEnd,   // fell off the end of a user chain: implicit return
        Routing,    // a routing decision (note holds the words)
        Handoff,    // left this node for another one
        Note,       // conntrack, nat skipped, re-route...
        RuleRange,  // rules rule..ruleEnd were evaluated and none matched: each failed its
                    // first test, a destination (/32) other than the packet's. Recorded as
                    // one step because kube-proxy chains hold thousands of them.
        NftRule,    // an nftables rule was evaluated: chain indexes NftRuleset::chains, rule
                    // its position, failed the statement that did not match, ruleEnd the
                    // element a vmap or map lookup found (-1: none)
        NftPolicy,  // an nftables base chain's policy decided
        NftChainEnd,// fell off the end of a regular nftables chain: implicit return
    };
    Kind kind = RuleEval;
    quint8 node = 0;
    Hook hook = Hook::Prerouting;
    TableId table = TableId::Filter;
    bool matched = false;
    bool uncertain = false;     // the outcome of this step was assumed (a branch)
    bool assumed = false;       // a routing step whose route was assumed (no routes given)
    qint16 failed = -1;         // index of the first criterion that failed
    int chain = -1;
    int rule = -1;              // index in the chain; -1 for policy and non-rule steps
    int ruleEnd = -1;           // RuleRange: the last rule of the range
    int packet = 0;             // index into Branch::packets: the packet as this step saw it
    int note = -1;              // index into Branch::notes
};

struct Verdict
{
    enum Kind : quint8 { Delivered, AcceptLocal, Drop, Reject, NoRoute, Queue, Uncertain };
    Kind kind = Uncertain;
    int node = 0;
    TableId table = TableId::Filter;
    int chain = -1;
    int rule = 0;               // 1-based as --line-numbers; 0 for policy or no rule
    QString reason;             // "policy", "rule", "no route to host", "forwarding disabled"...
    QString where;              // "delivered to 10.224.2.16 on cni0" and the like
    /** Decided in an nftables chain: its index in the node's NftRuleset (chain is then -1). */
    int nftChain = -1;
};
QString verdictKindName(Verdict::Kind k);

/** A statistic or undecidable match that split the trace. */
struct Decision
{
    int step = -1;
    bool taken = false;
    double probability = 1.0;   // of the outcome taken
    bool uncertain = false;     // undecidable match, not a random one
};

struct Branch
{
    double probability = 1.0;
    bool uncertain = false;
    std::vector<Step> steps;
    std::vector<PacketState> packets;
    std::vector<QString> notes;
    std::vector<Decision> decisions;
    Verdict verdict;
    bool assumedRoutes = false; // some routing step was assumed (see NodeContext::routesAssumed)
    /** Index of the first step on each node visited, in order. */
    std::vector<std::pair<int, int>> nodeEntries;
};

struct Trace
{
    PacketSpec packet;
    std::vector<Branch> branches;
    bool truncated = false;     // branch or step limits were reached
    std::vector<QString> warnings;
};

} // namespace chainscope
