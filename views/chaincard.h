#pragma once

#include "ruleset.h"
#include "theme.h"

#include <QCoreApplication>
#include <QFont>
#include <QGraphicsItem>
#include <QString>

#include <vector>

namespace chainscope {

/**
 * One chain drawn as a card: a title row (table:chain, references), one row per rule
 * (target, short matches, packets, bytes) and for built-in chains a policy row. All text
 * and geometry are computed in the constructor; paint() only draws them, by level of detail.
 * Texts (elided strings, Explain match texts, tool tips) are built lazily, the first time the
 * card is painted or asked for them (rows(), hover, setRowMatches()): folded or never-shown cards
 * of a big dump keep only what the layout needs (row structure, fixed row height).
 */
class ChainCard : public QGraphicsItem
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::ChainCard)
public:
    enum { Type = UserType + 1 };
    /**
     * The table of an nftables chain's card: its chain index is then a global index into
     * Ruleset::nft->chains, its rows are the chain's rules (ruleId 0; nftRule the index), a
     * base chain has a policy row, and the title names the chain as nft does.
     */
    static constexpr TableId NftTable = TableId(0xfe);
    static constexpr qreal Width = 420;
    // Row columns, shared with the SVG export so both lay text out alike.
    static constexpr qreal TargetX = 8;
    static constexpr qreal TargetW = 104;
    static constexpr qreal PacketsW = 52;
    static constexpr qreal BytesW = 52;
    static constexpr qreal Pad = 6;
    static constexpr qreal TitleHeight = 24;
    static constexpr qreal RowHeight = 19;
    /** Tall enough for the two lines of the medium level of detail. */
    static constexpr qreal MinHeight = 64;

    struct Row
    {
        quint32 ruleId = 0;      // 0 for the policy row
        QString target;
        QString matches;
        QString packets;
        QString bytes;
        QString toolTip;
        QColor background;
        QColor targetColour;
        bool dim = false;
        bool policy = false;
        int jumpChain = -1;      // chain index in the same table for jump/goto
        bool isGoto = false;
        QColor mark;             // compare: row tint, invalid when unmarked
        QColor markStripe;       // compare: the stripe beside a marked row
        bool candidate = false;  // trace: inserted by the user to test a fix (Rule::candidate)
        bool matchesGiven = false; // compare: matches set by setRowMatches(), kept by retranslate()
        int nftRule = -1;        // nft: the rule's index in its chain
        int vmapSet = -1;        // nft: a verdict map's set (index into NftRuleset::sets): it jumps to each element's chain
    };

    ChainCard(const Ruleset &rules, TableId table, int chain, const Theme &theme, double logMaxPackets);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    TableId table() const { return m_table; }
    /** An nftables chain's card (table() is NftTable, chainIndex() a global nft chain index). */
    bool isNft() const { return m_table == NftTable; }
    /** "filter:FORWARD", or for nft "inet firewalld filter_INPUT". */
    QString fullName() const;
    int chainIndex() const { return m_chain; }
    QString chainName() const { return m_name; }
    /** The title as drawn at full detail ("table:chain", cut at its end when too long). */
    QString titleText() const { ensureTitles(); return m_title; }
    bool isBuiltin() const { return m_builtin; }
    /** All rows with their texts (builds them on first use). */
    const std::vector<Row> &rows() const { ensureTexts(); return m_rows; }
    /** Rows without forcing the texts: only ruleId, jumpChain, isGoto, policy, candidate and marks are valid. */
    const std::vector<Row> &structureRows() const { return m_rows; }
    int rowCount() const { return int(m_rows.size()); }
    /** True once the texts were built. */
    bool hasTexts() const { return m_hasTexts; }
    /** Builds the words again in the language now installed (QEvent::LanguageChange), as
     *  lazily as before; texts given by setRowMatches() stay. */
    void retranslate();
    /** Builds the texts now if not yet done (exporters, tests). */
    void ensureTexts() const;
    qreal height() const { return m_height; }

    /** Local rectangle of a row (index into rows()). */
    QRectF rowRect(int row) const;
    int rowOfRule(quint32 ruleId) const;
    /** Rule id of the row under a local point; 0 for the title, the policy row or outside. */
    quint32 ruleIdAt(const QPointF &local) const;
    void setSelectedRule(quint32 ruleId);
    quint32 selectedRule() const { return m_selectedRule; }
    /** The policy row drawn as selected (the chain itself was picked: tree, dump, click). */
    void setPolicySelected(bool selected);
    /** nft: the rule row drawn as selected (rows have no rule id); -1 none. */
    void setSelectedRow(int row);
    int selectedRow() const { return m_selectedRow; }
    bool policySelected() const { return m_policySelected; }

    /** Compare: tints a row (index into rows()) and draws a stripe beside it; invalid colours clear. */
    void setRowMark(int row, const QColor &tint, const QColor &stripe);
    /** Compare: a badge in the title ("only on node02") in a colour; an empty badge clears. */
    void setChainMark(const QString &badge, const QColor &colour);
    QString chainBadge() const { return m_badge; }
    /** Compare: replaces a row's short matches text, elided in the middle so both ends show. */
    void setRowMatches(int row, const QString &text);
    /**
     * Compare: empty slots (gap rows) so two chains' equal rules sit side by side, as a diff
     * tool aligns lines. gapsBefore[i] slots go before row i; the last entry (index
     * rowCount()) after the last row. Empty: no gaps. Changes the card's height.
     */
    void setGaps(const std::vector<int> &gapsBefore);
    /** Rows plus gap slots. */
    int slotCount() const { return m_slot.empty() ? int(m_rows.size()) : m_slotCount; }
    /** The row at a local y, or -1 (title, a gap slot, below the rows). */
    int rowAt(qreal y) const;
    /** Compare: the colour of the card's strongest mark, shown at every level of detail. */
    QColor markSummary() const { return m_markSummary; }

    // Trace state, set by the trace controller; rows are indices into rows().
    /** The row of the current trace step (-1: none). */
    void setTraceRow(int row);
    int traceRow() const { return m_traceRow; }
    /** Rows the packet passed before the current step. */
    void setVisitedRows(const QList<int> &rows);
    /** The row that ends the packet, in the verdict's look from the Theme (-1: none). */
    void setVerdictRow(int row, Verdict::Kind kind);
    int verdictRow() const { return m_verdictRow; }
    Verdict::Kind verdictKind() const { return m_verdictKind; }
    bool verdictAccepted() const { return m_verdictRow >= 0 && Theme::toneOf(m_verdictKind) == Theme::Tone::Success; }
    /** Index of the policy row, -1 for user chains. */
    int policyRow() const;
    int ruleCount() const { return int(m_rows.size()) - (m_builtin ? 1 : 0); }
    /** 1-based position a rule dropped at a local point would take (between rule rows). */
    int insertionPosition(const QPointF &local) const;
    /** Local y of the line drawn before the rule at a 1-based position. */
    qreal insertionY(int position) const;

protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    void buildTexts();
    /** Builds one row's texts (index into m_rows) if not yet done. */
    void ensureRow(int index);
    /** The title texts only (all the far and medium levels of detail draw). */
    void buildTitles();
    void ensureTitles() const;
    /** The nft versions of the constructor's rows, buildTitles() and ensureRow(). */
    void buildNftRows(const Theme &theme, double logMaxPackets);
    void buildNftTitles();
    void ensureNftRow(int index);

    const Ruleset *m_rules = nullptr;   // for the lazy texts; outlives the card (see ChainScene::setRuleset)
    double m_logMaxPackets = 0;
    bool m_hasTexts = false;
    bool m_hasTitles = false;
    std::vector<bool> m_rowReady;       // per row: texts built
    TableId m_table = TableId::Filter;
    int m_chain = -1;
    bool m_builtin = false;
    QString m_name;
    QString m_title;
    QString m_titleRight;
    QString m_summary;
    QString m_farName;
    QString m_mediumName;
    QString m_emptyText;
    QString m_packetsLabel;
    QString m_bytesLabel;
    std::vector<Row> m_rows;
    std::vector<int> m_slot;     // compare: slot of each row when there are gaps; empty: slot == row
    int m_slotCount = 0;
    /** Slot of a row (rows past the end continue after the last slot). */
    int slotOf(int row) const;
    /** The row in a slot, or -1 for a gap (or outside). */
    int rowInSlot(int slot) const;
    void updateHeight();
    qreal m_height = TitleHeight;
    quint32 m_selectedRule = 0;
    int m_selectedRow = -1;
    QString m_nftTable;          // nft: "inet firewalld"
    bool m_policySelected = false;
    QString m_badge;
    QColor m_badgeColour;
    QColor m_markSummary;
    int m_traceRow = -1;         // trace
    int m_verdictRow = -1;       // trace
    Verdict::Kind m_verdictKind = Verdict::Drop; // trace
    QList<int> m_visited;        // trace
    Theme m_theme;
    QColor m_accent;
    QFont m_font;
    QFont m_boldFont;
    QFont m_farFont;
    QFont m_mediumFont;
    QFont m_mediumSmallFont;
};

} // namespace chainscope
