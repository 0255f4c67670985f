#pragma once

#include "ruleset.h"

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <vector>

namespace chainscope {

/** Two chains that do the same job on both sides (or a chain on one side only). */
struct ChainPair
{
    TableId table = TableId::Filter;
    int left = -1;          // chain index on the left, -1 when only on the right
    int right = -1;
    QString key;            // what they were paired by: the name, or "service ns/svc:port", ...
};

struct RuleDiff
{
    enum Kind : quint8 { Same, Changed, OnlyLeft, OnlyRight };
    Kind kind = Same;
    TableId table = TableId::Filter;
    int pair = -1;          // index into DiffResult::chains
    int left = -1;          // rule index in the left chain, -1 when none
    int right = -1;
    QString leftText, rightText;   // canonical, chain names shown by their key
};

/** Counters that grew between two snapshots of one node. */
struct CounterDelta
{
    TableId table = TableId::Filter;
    int pair = -1;
    int right = -1;         // rule index on the right; -1 for the policy
    quint64 packets = 0;
    quint64 bytes = 0;
};

struct DiffResult
{
    std::vector<ChainPair> chains;
    /**
     * Every rule of both sides as the rows of an aligned view, chain pair by chain pair: each
     * row is a pair (Same, Changed) or a rule on one side only, and the rows of a pair are in
     * chain order on both sides (left and right indices only increase), so a view can put
     * gap rows where one side has no rule and equal rules sit side by side.
     */
    std::vector<RuleDiff> rules;
    std::vector<CounterDelta> deltas;   // sorted by packets gained, largest first
    std::vector<QString> policyChanges;
    int differences() const;            // rules not Same, chains on one side, policy changes
};

/**
 * Compares two rule sets by meaning, not by position or by the hash in kube-proxy's chain
 * names: KUBE-SVC-* chains pair by the service they serve (the comment and ClusterIP:port
 * of the KUBE-SERVICES rule that jumps to them), KUBE-SEP-* by service and DNAT target,
 * other chains by name; rules pair by their text with chain names replaced by those keys,
 * aligned as a diff tool aligns lines (a longest common subsequence; between two equal rules,
 * rules with the same comment or target are "changed"). O((N+M)·D) per chain for D edits,
 * with D bounded: chains further apart than that pair equal rules greedily, in linear time.
 */
struct DiffOptions
{
    bool snapshots = false;   // two dumps of one node: report counter deltas
};

/** One row of two aligned lists: a pair of equal or changed entries, or an entry on one side. */
struct AlignedRow
{
    RuleDiff::Kind kind = RuleDiff::Same;
    int left = -1;
    int right = -1;
};

class Diff
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::Diff)
public:
    using Options = DiffOptions;
    static DiffResult compare(const Ruleset &left, const Ruleset &right, const DiffOptions &options = DiffOptions());
    /** The key a chain is paired by (see the class comment). */
    static QString chainKey(const Ruleset &rs, TableId table, int chain);
    /**
     * Two lists aligned as compare() aligns a chain's rules: equal keys pair by a longest
     * common subsequence; inside each hunk, entries with the same identity(side, index)
     * (side 0 left, 1 right; asked only inside hunks) are Changed. Rows are in order on both
     * sides. NftDiff aligns nft rules with it.
     */
    static std::vector<AlignedRow> alignRows(const std::vector<QString> &keyA, const std::vector<QString> &keyB,
                                             const std::function<QString(int side, int index)> &identity);
};

} // namespace chainscope
