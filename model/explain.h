#pragma once

#include "scenario.h"
#include "trace.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

namespace chainscope {

/**
 * A rule that would have ended the packet differently, and every test it failed. An nft
 * rule has nftChain (its index in the node's NftRuleset::chains) and chain -1; failed then
 * holds statement indices within the rule.
 */
struct Miss
{
    int node = 0;
    TableId table = TableId::Filter;
    int chain = -1;
    int nftChain = -1;
    int rule = -1;                 // index in the chain
    std::vector<int> failed;       // criterion indices
    std::vector<QString> reasons;  // one sentence each, same order
    double distance = 0;           // failures weighted by how far each is from holding
};

/** A finding about a scenario that explains incidents before any trace. */
struct Lint
{
    QString id;                    // "cidr-mismatch", "forward-drop", "shadowed"
    Diagnostic::Severity severity = Diagnostic::Warning;
    int node = -1;
    TableId table = TableId::Filter;
    int chain = -1;
    int rule = -1;
    QString message;
};

/** Words for what the engine decided: why a rule did not match, what would have helped. */
class Explain
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::Explain)
public:
    /** One rule option as iptables-save writes it: "-d 10.244.0.0/16", "-m mark --mark 0x4000/0x4000". */
    static QString criterionText(const Ruleset &rs, const Rule &rule, const Criterion &c);
    /** The rule's target as iptables-save writes it: "-j DNAT --to-destination 10.224.2.16:80". */
    static QString targetText(const Ruleset &rs, const Rule &rule);
    /** The whole rule in iptables-save form, after "-A CHAIN". */
    static QString ruleText(const Ruleset &rs, const Rule &rule);
    /** What the step did, as a short verb phrase: "jump KUBE-SVC-...", "accept", "no match". */
    static QString action(const Scenario &sc, const Branch &b, const Step &s);
    /** Why a criterion did not hold for a packet, in words. */
    static QString whyNot(const Node &node, const Ruleset &rs, const Rule &rule, const Criterion &c, const PacketState &p);
    static QString whyNot(const Scenario &sc, const Branch &b, const Step &s);
    /** One TRACE-like line: "node02 filter:FORWARD:rule:3 no match (destination ...)". */
    static QString stepLine(const Scenario &sc, const Branch &b, const Step &s);
    static QString verdictLine(const Scenario &sc, const Verdict &v);
    enum class RewriteForm {
        Changes,   // one line per changed field: "destination 10.96.0.10:80 → 10.224.2.16:80"
        Packets,   // the packet before and after: "10.0.0.1 -> 10.96.0.10 tcp/80 → ..."
    };
    /**
     * What step k of the branch did to the packet's header (DNAT, SNAT, MASQUERADE, REDIRECT,
     * MARK), led by the rule's target ("DNAT: ..."). Empty when the step rewrote nothing.
     */
    static QString rewrite(const Scenario &sc, const Branch &b, int k, RewriteForm form = RewriteForm::Changes);

    /**
     * For a drop or reject: the accepting rules passed on the deciding node, fewest failures
     * first. When an nft chain decided, only the rules of its own pass count (its base chain
     * and the chains it jumped to): an accept in another base chain would not have saved the
     * packet.
     */
    static std::vector<Miss> nearestMisses(const Scenario &sc, const Branch &b, int max = 5);
    /**
     * For a drop or reject: the rules on the deciding node that accepted the packet at the
     * same hook before it was dropped (an accept ends only its own table or base chain), in
     * path order; as Misses without failures.
     */
    static std::vector<Miss> acceptedBefore(const Scenario &sc, const Branch &b);
    /** Where a miss's rule is: "filter:INPUT rule 3", "inet custom:input rule 3". */
    static QString missPlace(const Scenario &sc, const Miss &m);
    /** The rule as written: "-A INPUT -p tcp ... -j ACCEPT", or the nft rule's text. */
    static QString missRule(const Scenario &sc, const Miss &m);
    static std::vector<Lint> lints(const Scenario &sc);
};

} // namespace chainscope
