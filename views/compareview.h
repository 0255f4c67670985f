#pragma once

#include "diff.h"
#include "nftdiff.h"
#include "theme.h"

#include <QHash>
#include <QSet>
#include <QWidget>

#include <memory>

class QLabel;
class QSplitter;

namespace chainscope {

class ChainCard;
class ChainScene;
class ChainView;

/**
 * Two chain graphs side by side, kept in step: zoom, pan (the same chain at the same place in
 * both viewports), selection of chains and rules (through the Diff pairing, never by name or
 * position) and folding. Rules that differ are tinted with the Theme's diff colours and
 * chains present on one side only carry a badge. Draws what a DiffResult says; computes none.
 */
class CompareView : public QWidget
{
    Q_OBJECT
public:
    enum Side { Left = 0, Right = 1 };

    explicit CompareView(QWidget *parent = nullptr);
    ~CompareView() override;

    /** The rule sets and the diff must outlive the view's use of them (or the next call). */
    void setComparison(const Ruleset *left, const Ruleset *right, const DiffResult *diff, const Theme &theme,
                       const QString &leftTitle, const QString &rightTitle);

    ChainScene *scene(Side side) const { return m_scenes[side]; }
    ChainView *view(Side side) const { return m_views[side]; }
    const Ruleset *ruleset(Side side) const { return m_rules[side]; }

    /**
     * The nft rule sets' differences (must outlive the view's use, or the next call): marks the
     * nft cards' rows and chains as the iptables ones, and hides identical nft chains too.
     * Set after setComparison(); nullptr clears.
     */
    void setNftDiff(const NftDiffResult *diff);

    /** Qt::Horizontal: side by side; Qt::Vertical: one above the other (hook lanes line up, wide graphs read better). */
    void setOrientation(Qt::Orientation orientation);
    Qt::Orientation orientation() const;

    /** Folds away (hides) the chains whose pair has no difference; chains with one are shown. */
    void setHideIdentical(bool hide);
    bool hideIdentical() const { return m_hideIdentical; }

    /** Selects and shows a rule difference (index into DiffResult::rules) in both graphs. */
    void showRuleDiff(int index);
    /** Selects and shows a chain pair (index into DiffResult::chains) in both graphs. */
    void showChainPair(int pair);
    /**
     * Selects and shows a rule (or a chain's policy when rule < 0) on both sides: each side's
     * chain and rule index, -1 where that side has none.
     */
    void showRules(TableId table, int leftChain, int leftRule, int rightChain, int rightRule)
    {
        showRules(table, leftChain, leftRule, table, rightChain, rightRule);
    }
    void showRules(TableId leftTable, int leftChain, int leftRule, TableId rightTable, int rightChain, int rightRule);
    /** Tints the rows two traces parted at (rule < 0: the chain's policy row); chain -1 clears that side. */
    void markDivergence(TableId leftTable, int leftChain, int leftRule, TableId rightTable, int rightChain, int rightRule);

    /** The RuleDiff index of a rule on one side, or -1. */
    int ruleDiffOf(Side side, quint32 ruleId) const { return m_ruleDiffOf[side].value(ruleId, -1); }
    /** The pair index of a chain on one side, or -1. */
    int pairOf(Side side, TableId table, int chain) const;
    /**
     * This comparison drawn again in another theme, for documents (light whatever the window
     * looks like): the same rules, gaps, tints, badges, hidden and revealed chains and
     * divergence marks, in a view of its own that is never shown.
     */
    std::unique_ptr<CompareView> redrawn(const Theme &theme) const;
    /** The card paired with a card of the given side, on the other side (nullptr if none or hidden). */
    ChainCard *pairedCard(Side side, ChainCard *card) const;

public Q_SLOTS:
    void fitBoth();
    void zoomInBoth();
    void zoomOutBoth();

Q_SIGNALS:
    /** The user selected a rule in one graph: its RuleDiff index (-1 when not in the diff). */
    void ruleDiffSelected(int index);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyGaps();
    void applyMarks();
    void applyHidden();
    void syncZoom(Side from);
    void syncPan(Side from);
    void syncFolding(Side from);
    void onRuleClicked(Side from, quint32 ruleId);
    void onSelectionChanged(Side from);
    quint32 ruleId(Side side, TableId table, int chain, int rule) const;
    void focusBoth(ChainCard *left, int leftRow, ChainCard *right, int rightRow);

    const Ruleset *m_rules[2] = {nullptr, nullptr};
    const DiffResult *m_diff = nullptr;
    const NftDiffResult *m_nftDiff = nullptr;
    void applyNftMarks();
    Theme m_theme;
    ChainScene *m_scenes[2] = {nullptr, nullptr};
    ChainView *m_views[2] = {nullptr, nullptr};
    QLabel *m_titles[2] = {nullptr, nullptr};
    QSplitter *m_splitter = nullptr;
    QHash<quint32, int> m_pairOf[2];       // ChainScene::key -> pair index
    QHash<quint32, int> m_ruleDiffOf[2];   // rule id -> RuleDiff index
    QSet<quint32> m_hidden[2];
    bool m_hideIdentical = false;
    bool m_syncing = false;
    struct Mark
    {
        ChainCard *card = nullptr;
        int row = -1;
        QColor tint, stripe;   // what the row had before, restored when the mark moves
    };
    Mark m_diverge[2];
    struct DivergeAt
    {
        TableId table[2] = {TableId::Filter, TableId::Filter};
        int chain[2] = {-1, -1};
        int rule[2] = {-1, -1};
    };
    DivergeAt m_divergeAt;   // the last markDivergence, for redrawn()
};

} // namespace chainscope
