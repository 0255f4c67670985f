#pragma once

#include "scenario.h"
#include "trace.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace chainscope {

namespace nft {
class NftRuleset;
struct Item;
struct Rule;
}

/**
 * Words for the steps and verdicts of nftables chains (Step::NftRule, NftPolicy,
 * NftChainEnd; Verdict::nftChain): where they are (family, table, chain, owner, hook,
 * priority, handle), what they did, and why a rule did not match.
 */
class NftExplain
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::NftExplain)
public:
    static bool isNft(const Step &s) { return s.kind == Step::NftRule || s.kind == Step::NftPolicy || s.kind == Step::NftChainEnd; }
    /** "inet firewalld filter_FORWARD (firewalld)". */
    static QString chainTitle(const Node &node, int chain);
    static QString action(const Scenario &sc, const Branch &b, const Step &s);
    static QString whyNot(const Scenario &sc, const Branch &b, const Step &s);
    /** Why one statement does not hold for the packet at the hook: "tcp dport is 9000: `tcp dport 22` does not hold". */
    static QString whyNotItem(const Node &node, const PacketState &p, Hook hook, const nft::Item &it);
    /** Whether the rule ends in an accept statement (a vmap's or nat's verdict is not counted). */
    static bool ruleAccepts(const nft::NftRuleset &n, const nft::Rule &r);
    /**
     * Whether an nft step let the packet through its base chain: a matched rule whose verdict
     * (statement or the vmap element it found) is accept, or a base chain's policy accept.
     * A nat chain's accept only ends the nat lookup, not a filter decision.
     */
    static bool accepted(const nft::NftRuleset &n, const Step &s);
    static QString stepLine(const Scenario &sc, const Branch &b, const Step &s);
    static QString verdictLine(const Scenario &sc, const Verdict &v);
    /** The contract's step fields for an nft step: family, table, chain, hook, priority, handle, rule... */
    static void stepJson(const Scenario &sc, const Branch &b, const Step &s, QJsonObject &so);
    static void verdictJson(const Scenario &sc, const Verdict &v, QJsonObject &o);
    /** "nft list ruleset: 4 tables (...), 40 chains (12 base), ..." and one line per hook: its base chains by priority. */
    static QString summary(const nft::NftRuleset &n);
};

} // namespace chainscope
