#pragma once

#include "ruleset.h"
#include "theme.h"

#include <QGraphicsScene>
#include <QHash>
#include <QList>
#include <QSet>

#include <functional>
#include <utility>
#include <vector>

class QGraphicsLineItem;
class QMimeData;

namespace chainscope {

namespace nft {
struct Chain;
}

class ChainCard;
class FoldItem;

/** Mime types of rules dragged onto the graph (the candidate palette, candidate rows). */
namespace RuleMime {
inline constexpr char RuleText[] = "application/x-chainscope-rule";        // iptables options, UTF-8
inline constexpr char Policy[] = "application/x-chainscope-policy";        // "ACCEPT" or "DROP"
inline constexpr char Candidate[] = "application/x-chainscope-candidate";  // rule id of a candidate row
inline constexpr char NftCandidate[] = "application/x-chainscope-nft-candidate";  // "CHAIN:RULE" indices of an nft candidate row
} // namespace RuleMime

/**
 * The chain graph of one node: hook lanes in kernel order, built-in chains stacked by table
 * priority, user chains in longest-path layers to the right of their callers (barycentric
 * ordering), jump/goto edges, and large user-chain forests folded under their parent.
 * Items are found through hashes keyed by chain and rule id, never by walking items().
 *
 * A folded chain asked for (the tree, a search, a trace, the dump) is revealed alone, with the
 * callers that lead to it from a shown chain and its own few callees; the rest of its forest
 * stays folded. More than MaxFanEdges jumps into one place are drawn as one bundled edge.
 * Work per reveal is linear in what is shown, so a 30k-service dump opens any chain at once.
 *
 * A node's nftables chains are drawn too (cards of table ChainCard::NftTable, keyed by global
 * nft chain index): base chains in their hook's lane among the iptables tables by priority,
 * regular chains to the right of their callers (jump, goto and each chain of a verdict map),
 * kube-proxy's per-service chains folded. Their clicks, drops and policies have signals of
 * their own (nft rows have no rule id).
 */
class ChainScene : public QGraphicsScene
{
    Q_OBJECT
public:
    explicit ChainScene(QObject *parent = nullptr);

    /** Builds the graph; the rule set must outlive the scene's use of it (or the next call). */
    void setRuleset(const Ruleset *rules, const Theme &theme);
    const Ruleset *ruleset() const { return m_rules; }

    static quint32 key(TableId table, int chain) { return quint32(table) << 24 | quint32(chain); }
    static TableId keyTable(quint32 key) { return TableId(key >> 24); }
    static int keyChain(quint32 key) { return int(key & 0xffffffu); }

    /** The cards made so far: every shown chain's, and those of folded chains asked for. */
    QList<ChainCard *> cards() const { return m_cards.values(); }
    /** A chain's card; a folded chain's is made (hidden) when first asked for. */
    ChainCard *card(TableId table, int chain) const { return ensureCard(key(table, chain)); }
    ChainCard *cardForRule(quint32 ruleId) const;
    /** The fold item standing for a chain, or nullptr when the chain is shown. */
    FoldItem *foldOf(TableId table, int chain) const;
    QList<FoldItem *> folds() const { return m_folds.values(); }

    /** More user chains than this called from one parent are folded under it. */
    static constexpr int MaxSiblings = 40;
    /** More jumps than this into one chain or fold are drawn as one bundled edge. */
    static constexpr int MaxFanEdges = 64;
    /** Folds of more chains than this unfold RevealBatch chains at a time. */
    static constexpr int LargeGroup = 200;
    static constexpr int RevealBatch = 100;
    /** A search matching more folded chains than this reveals none of them. */
    static constexpr int MaxRevealMatches = 24;

    /**
     * Shows a folded chain: the chain, the folded callers leading to it from a shown chain,
     * and its folded callees when they are few (MaxSiblings or fewer). True when something changed.
     */
    bool reveal(TableId table, int chain);
    /**
     * Reveals (as reveal()) the folded chains whose name or rule text contains text (ASCII
     * case-insensitive) when there are MaxRevealMatches or fewer; returns how many it revealed
     * (none when more match: the tree lists them, a click shows one).
     */
    int revealMatching(const QString &text);
    /** Double-click on a fold: all of its chains, or the next RevealBatch of a large one. */
    void unfold(quint32 group);
    /** True when the chain has a visible card (not folded, not hidden). */
    bool isShown(TableId table, int chain) const { return isShownKey(key(table, chain)); }

    /** Selects a rule row without emitting ruleClicked (for following other views). */
    void selectRule(quint32 ruleId);
    quint32 selectedRule() const { return m_selectedRule; }
    /**
     * Selects a chain's card (unfolding it) and, for a built-in chain, its policy row, without
     * emitting chainClicked: what the chain's declaration line and the tree stand for.
     */
    void selectChain(TableId table, int chain);
    /** Selects an nft rule's row (rule: index in its chain; -1 selects the chain and a base chain's policy row). */
    void selectNftRule(int chain, int rule);
    /** The chain whose policy row is selected; false when none is. */
    bool selectedPolicy(TableId &table, int &chain) const;

    /** Hides these chains (keys as key()) as if folded away, e.g. chains identical on both sides of a compare. */
    void setHiddenChains(const QSet<quint32> &keys);
    bool isHidden(TableId table, int chain) const { return m_hidden.contains(key(table, chain)); }
    /** Compare: gap rows per chain (keys as key(); see ChainCard::setGaps), kept for cards made later; relays out. */
    void setRowGaps(const QHash<quint32, std::vector<int>> &gaps);

    /** The cards', lanes' and folds' words again in the language now installed; the layout
     *  (what is folded, where each card is) stays. Emits layoutChanged(). */
    void retranslate();

    /** The card under a scene point, or nullptr. */
    ChainCard *cardAt(const QPointF &scenePos) const;
    /** The line showing where a dragged rule would go (hidden when no drag is over a card). */
    QGraphicsLineItem *insertionLine() const { return m_insertLine; }

Q_SIGNALS:
    void ruleClicked(quint32 ruleId);
    /** A click on a card outside its rule rows: its title, or the policy row. */
    void chainClicked(chainscope::TableId table, int chain);
    /** Double-click on a rule row. */
    void ruleActivated(quint32 ruleId);
    void layoutChanged();
    /** setRuleset() is about to delete every item, those others added to the scene too. */
    void rulesetAboutToChange();
    /** setRuleset() rebuilt every item. */
    void rulesetChanged();
    /** A rule text (RuleMime::RuleText) was dropped between rows: position is 1-based. */
    void ruleDropped(chainscope::TableId table, int chain, int position, const QString &ruleText);
    /** A policy (RuleMime::Policy) was dropped on a built-in chain's card. */
    void policyDropped(chainscope::TableId table, int chain, bool drop);
    /** A candidate row (RuleMime::Candidate) was dragged to another position. */
    void candidateMoved(quint32 ruleId, chainscope::TableId table, int chain, int position);
    /** A click on an nft chain's rule row (rule: index in the chain) or elsewhere on its card (rule -1). */
    void nftClicked(int chain, int rule);
    /** A rule text was dropped on an nft chain's card: position is 1-based, as ruleDropped's. */
    void nftRuleDropped(int chain, int position, const QString &ruleText);
    /** An nft candidate row (fromChain, fromRule: indices) was dragged to a place in an nft chain (1-based position). */
    void nftCandidateMoved(int fromChain, int fromRule, int chain, int position);
    /** A policy was dropped on an nft base chain's card. */
    void nftPolicyDropped(int chain, bool drop);

protected:
    /** QEvent::LanguageChange (sent by the view's window to its children): retranslate(). */
    bool event(QEvent *event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void dragEnterEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragLeaveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dropEvent(QGraphicsSceneDragDropEvent *event) override;

private:
    static bool isRuleDrag(const QMimeData *mime);
    static Qt::DropAction dropActionFor(const QGraphicsSceneDragDropEvent *event);
    /** Shows the insertion line for a drag at a scene point; false when not over a card that takes it. */
    bool trackDrag(QGraphicsSceneDragDropEvent *event);
    void hideInsertionLine();
    void computeStructure();
    void layout();
    void addEdges(const std::vector<QGraphicsItem *> &shownCards);
    bool isShownKey(quint32 k) const;
    /** The folded chains to show so that k is shown with its way in and its few callees. */
    QList<quint32> revealSet(quint32 k) const;
    void revealKeys(const QList<quint32> &keys);
    /** A group's chains in breadth-first order from its parent (for unfolding in batches). */
    const std::vector<quint32> &groupOrder(quint32 group) const;
    /** The chain a key names, or nullptr. */
    const Chain *chainOf(quint32 key) const;
    /** The nft chain a key of table ChainCard::NftTable names, or nullptr. */
    const nft::Chain *nftChainOf(quint32 key) const;
    /** A built-in iptables chain or an nft base chain. */
    bool isBuiltinKey(quint32 key) const;
    /** Every jump and goto of a chain's rules, verdict maps' chains included: (callee key, goto). */
    void forEachJump(quint32 from, const std::function<void(quint32, bool)> &fn) const;
    /** The chains a card's row jumps to, as (key, goto). */
    void rowJumps(const ChainCard *card, int row, std::vector<std::pair<quint32, bool>> &out) const;
    /** The chain's card, made (hidden, until layout() shows it) if it has none yet; nullptr for no chain. */
    ChainCard *ensureCard(quint32 key) const;

    const Ruleset *m_rules = nullptr;
    Theme m_theme;
    double m_logMax = 0;
    // Cards are made for the chains shown, not for all: a 30k-service dump has 90k chains,
    // nearly all folded, and a card each cost hundreds of MB and seconds (tests/bench/guibench).
    mutable QHash<quint32, ChainCard *> m_cards;
    std::vector<quint32> m_chainKeys;        // every chain of the rule set, in table and chain order
    mutable std::vector<std::pair<quint32, quint32>> m_ruleChain;   // (rule id, chain key), by id; made on first use
    QHash<quint32, QList<quint32>> m_callers; // chain key -> caller chain keys (with repeats per row)
    QHash<quint32, QList<quint32>> m_callees; // chain key -> distinct callee chain keys, in row order
    QHash<quint32, int> m_lane;
    QHash<quint32, int> m_layer;
    QHash<quint32, quint32> m_groupOf;       // folded chain key -> parent chain key
    QHash<quint32, int> m_groupSize;
    std::vector<quint32> m_freeKeys;         // chains in no group, in key order
    QHash<quint32, std::vector<quint32>> m_members;   // group -> its chains, in key order
    mutable QHash<quint32, std::vector<quint32>> m_order;   // group -> groupOrder(), made on first use
    QSet<quint32> m_unfolded;                // groups shown whole
    QSet<quint32> m_revealed;                // chains shown out of a folded group
    QHash<quint32, int> m_revealedIn;        // group -> how many of its chains m_revealed holds
    QSet<quint32> m_hidden;
    QHash<quint32, std::vector<int>> m_gaps;  // compare: gap rows per chain
    QHash<quint32, FoldItem *> m_folds;      // group -> item while folded
    QList<QGraphicsItem *> m_decor;          // lanes and edges, rebuilt by layout()
    quint32 m_selectedRule = 0;
    ChainCard *m_selectedCard = nullptr;
    ChainCard *m_policyCard = nullptr;   // the card whose policy row is selected
    QGraphicsLineItem *m_insertLine = nullptr;   // recreated by setRuleset()
    quint32 m_pressedCandidate = 0;              // candidate row under a left press (drag to move)
    int m_pressedNftChain = -1, m_pressedNftRule = -1;   // the same for an nft card's candidate row
    QPointF m_pressPos;
};

} // namespace chainscope
