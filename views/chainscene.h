#pragma once

#include "ruleset.h"
#include "theme.h"

#include <QGraphicsScene>
#include <QHash>
#include <QList>
#include <QSet>

namespace chainscope {

class ChainCard;
class FoldItem;

/**
 * The chain graph of one node: hook lanes in kernel order, built-in chains stacked by table
 * priority, user chains in longest-path layers to the right of their callers (barycentric
 * ordering), jump/goto edges, and large user-chain forests folded under their parent.
 * Items are found through hashes keyed by chain and rule id, never by walking items().
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

    QList<ChainCard *> cards() const { return m_cards.values(); }
    ChainCard *card(TableId table, int chain) const { return m_cards.value(key(table, chain)); }
    ChainCard *cardForRule(quint32 ruleId) const { return m_cards.value(m_ruleCard.value(ruleId, 0xffffffffu)); }
    /** The fold item standing for a chain, or nullptr when the chain is shown. */
    FoldItem *foldOf(TableId table, int chain) const;
    QList<FoldItem *> folds() const { return m_folds.values(); }

    /** Unfolds the chain's group if it is folded; true when something changed. */
    bool reveal(TableId table, int chain);
    /** Unfolds every group holding a chain whose name or rule text contains text. */
    int revealMatching(const QString &text);
    void unfold(quint32 group);

    /** Selects a rule row without emitting ruleClicked (for following other views). */
    void selectRule(quint32 ruleId);
    quint32 selectedRule() const { return m_selectedRule; }

Q_SIGNALS:
    void ruleClicked(quint32 ruleId);
    void layoutChanged();

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void computeStructure();
    void layout();

    const Ruleset *m_rules = nullptr;
    Theme m_theme;
    QHash<quint32, ChainCard *> m_cards;
    QHash<quint32, quint32> m_ruleCard;      // rule id -> chain key
    QHash<quint32, QList<quint32>> m_callers; // chain key -> caller chain keys (with repeats per row)
    QHash<quint32, int> m_lane;
    QHash<quint32, int> m_layer;
    QHash<quint32, quint32> m_groupOf;       // folded chain key -> parent chain key
    QHash<quint32, int> m_groupSize;
    QSet<quint32> m_unfolded;
    QHash<quint32, FoldItem *> m_folds;      // group -> item while folded
    QList<QGraphicsItem *> m_decor;          // lanes and edges, rebuilt by layout()
    quint32 m_selectedRule = 0;
    ChainCard *m_selectedCard = nullptr;
};

} // namespace chainscope
