#pragma once

#include "scenario.h"
#include "trace.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace chainscope {

namespace nft {
class NftRuleset;
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
    static QString stepLine(const Scenario &sc, const Branch &b, const Step &s);
    static QString verdictLine(const Scenario &sc, const Verdict &v);
    /** The contract's step fields for an nft step: family, table, chain, hook, priority, handle, rule... */
    static void stepJson(const Scenario &sc, const Branch &b, const Step &s, QJsonObject &so);
    static void verdictJson(const Scenario &sc, const Verdict &v, QJsonObject &o);
    /** "nft list ruleset: 4 tables (...), 40 chains (12 base), ..." and one line per hook: its base chains by priority. */
    static QString summary(const nft::NftRuleset &n);
};

} // namespace chainscope
