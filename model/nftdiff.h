#pragma once

#include "diff.h"
#include "nftruleset.h"

#include <QString>

#include <string_view>
#include <vector>

namespace chainscope {

/** Two nft tables of the same family and name, or a table on one side only. */
struct NftTablePair
{
    int left = -1;    // table index in the left NftRuleset, -1 when only on the right
    int right = -1;
    QString title;    // as nft names it: "inet firewalld"
};

struct NftChainPair
{
    int table = -1;   // index into NftDiffResult::tables
    int left = -1;    // global chain index (NftRuleset::chains), -1 when only on the right
    int right = -1;
    QString key;      // what they were paired by: the name, or "service default/kubernetes/tcp/https"
};

/** A declaration of a paired chain that changed: base or regular, type, hook, priority, policy, device. */
struct NftChainChange
{
    enum Field : quint8 { Base, Type, Hook, Priority, Policy, Device };
    int pair = -1;    // index into NftDiffResult::chains
    Field field = Policy;
    QString left, right;   // nft's words: "filter", "input", "filter + 10", "drop"; Base: "base", "regular"
    static const char *fieldName(Field f);
};

struct NftRuleDiff
{
    RuleDiff::Kind kind = RuleDiff::Same;
    int pair = -1;    // index into NftDiffResult::chains
    int left = -1;    // rule index in the left chain, -1 when none
    int right = -1;
    QString leftText, rightText;   // as compared (see NftDiff)
};

/** Two named sets or maps of paired tables, or one on one side only, and how their elements differ. */
struct NftSetPair
{
    int table = -1;   // index into NftDiffResult::tables
    int left = -1;    // global set index (NftRuleset::sets), -1 when only on the right
    int right = -1;
    QString key;      // the name, or a kube-proxy set's key ("affinity default/web/tcp/http__10.244.1.5/8080")
    QString leftType, rightType;   // "ipv4_addr . inet_proto . inet_service : verdict", flags after it
    int added = 0, removed = 0, changed = 0;   // every element difference, listed or not
    bool typeChanged() const { return left >= 0 && right >= 0 && leftType != rightType; }
};

/** An element on one side only, or a map element whose data changed. */
struct NftElementDiff
{
    RuleDiff::Kind kind = RuleDiff::OnlyRight;   // OnlyLeft, OnlyRight or Changed
    int set = -1;     // index into NftDiffResult::sets
    QString key;      // "10.96.0.1 . tcp . 443"
    QString leftData, rightData;   // maps: "goto <service default/kubernetes/tcp/https>"
};

struct NftDiffOptions
{
    int elementLimit = 20;   // element differences listed per set; all of them are counted
};

struct NftDiffResult
{
    std::vector<NftTablePair> tables;
    std::vector<NftChainPair> chains;      // chains of tables on one side only are not listed
    std::vector<NftChainChange> chainChanges;
    /** Rows of an aligned view per chain pair, as DiffResult::rules (in order on both sides). */
    std::vector<NftRuleDiff> rules;
    std::vector<NftSetPair> sets;          // named sets and maps; anonymous ones are part of their rule's text
    std::vector<NftElementDiff> elements;  // at most NftDiffOptions::elementLimit per set
    /**
     * Tables on one side (one each, whatever they hold), chains on one side, declaration
     * changes, rules not Same, sets on one side, set type changes and every element
     * difference (listed or not).
     */
    int differences() const;
};

/**
 * Compares two nft rule sets by meaning, as Diff compares iptables: tables pair by family
 * and name; chains by name, except kube-proxy's nftables chains whose names carry a hash
 * (service-2QRHZV4L-default/kubernetes/tcp/https, endpoint-..., external-..., local-...,
 * firewall-..., and affinity-... sets), which pair by what follows the hash; base chains also
 * report a changed type, hook, priority, policy or device. Rules are compared by their text,
 * blanks collapsed, counter values dropped and kube-proxy's hashed chain and set names
 * replaced by their keys (`goto <service default/kubernetes/tcp/https>`), so a hash change
 * alone is no difference; they are aligned by Diff::alignRows (a rule with the same comment,
 * or the same last statement, is "changed"). Named sets and maps compare by their elements'
 * keys (hashed: linear), maps also by each element's data. Tables that iptables-nft shares
 * with the node's iptables dump (Table::duplicate) are left to Diff.
 */
class NftDiff
{
public:
    static NftDiffResult compare(const nft::NftRuleset &left, const nft::NftRuleset &right,
                                 const NftDiffOptions &options = NftDiffOptions());
    /** "service default/kubernetes/tcp/https" for service-2QRHZV4L-default/kubernetes/tcp/https; other names as they are. */
    static QString chainKey(std::string_view name);
    /** A rule's text as compared (see the class comment); nft -j rules by their expressions. */
    static QString ruleKey(std::string_view text);
};

} // namespace chainscope
