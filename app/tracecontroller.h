#pragma once

#include "retranslator.h"
#include "simulator.h"
#include "theme.h"
#include "whatif.h"

#include <QObject>
#include <QString>

#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QMenu;
class QPushButton;
class QToolBar;
class QTreeWidget;
class QTreeWidgetItem;
class QUndoStack;

namespace chainscope {

class BranchPanel;
class CalloutItem;
class CandidatePalette;
class ExplanationPanel;
class ChainCard;
class MainWindow;
class NftPanel;
class NodeStrip;
class PacketMarker;
class PacketPanel;
class PathEdgeItem;
class TraceAnimator;
class TraceDocument;

/**
 * "Trace a packet": the packet panel, the animated path over the graph, the branch tree,
 * the verdict with its nearest misses and lints, and candidate rules dropped in to test a
 * fix. Owns the TraceDocument (original scenario + edits), the TraceAnimator and the
 * overlay items; the main window only creates it. Every change to the rules is a command
 * on the window's undo stack.
 */
class TraceController : public QObject
{
    Q_OBJECT
public:
    explicit TraceController(MainWindow *window, QUndoStack *undoStack);
    ~TraceController() override;

    TraceDocument *document() const { return m_doc; }
    TraceAnimator *animator() const { return m_animator; }
    PacketPanel *packetPanel() const { return m_panel; }
    QListWidget *stepList() const { return m_steps; }
    BranchPanel *branchPanel() const { return m_branchPanel; }
    ExplanationPanel *explanationPanel() const { return m_explanation; }
    QTreeWidget *branchTree() const;
    QListWidget *explanationList() const;
    /** The verdict headline in the Explanation dock. */
    QLabel *verdictLabel() const;
    QLabel *blastLabel() const;
    CandidatePalette *palette() const { return m_palette; }
    NodeStrip *nodeStrip() const { return m_strip; }
    /** The nftables dock: hooks, chains, sets of the node shown, with the branch's nft steps marked. */
    NftPanel *nftPanel() const { return m_nft; }
    /** The inline editor of a candidate row while it is open, and its error line. */
    QLineEdit *inlineEditor() const { return m_inlineEdit; }
    QLabel *inlineError() const { return m_inlineError; }
    CalloutItem *verdictCallout() const { return m_callout; }
    PacketMarker *marker() const { return m_marker; }
    QAction *traceAction() const { return m_traceAction; }

    bool hasTrace() const { return m_trace.has_value(); }
    const Trace &trace() const { return *m_trace; }
    const Trace *traceBefore() const { return m_before ? &*m_before : nullptr; }
    int currentBranch() const { return m_branch; }
    /** Index of the branch whose packet ends at `dst` (e.g. the endpoint 10.224.2.16), or -1. */
    int branchTo(const Address &dst) const;
    /** The branch to stand on after a trace: a drop or reject before no route, uncertain,
     *  queued and delivered; among equals the one whose matched rules on its last node
     *  counted the most packets (with a scenario), then the likelier one; -1 for none. */
    static int firstBranchToShow(const Trace &trace, const Scenario *scenario = nullptr);
    /** The jumps of the path drawn on the graph so far (up to the current step). */
    QList<PathEdgeItem *> pathEdges() const { return m_pathEdges; }
    /** The step whose arrival shows the verdict row and callout, or -1. */
    int verdictRevealStep() const;
    /** The words of the verdict callout ("dropped by the chain's policy DROP; ..."). */
    QString calloutText() const;
    /** "before: DROP at node02 filter:FORWARD policy; after: delivered to ..." */
    QString beforeAfterText() const;
    /** `iptables` lines and systemd units for the edits, as "Copy as Commands" puts them. */
    QString commandsText() const;

    /** What to show, from the command line (--trace, --branch, --insert, --policy, --step). */
    struct Script
    {
        QString preset;
        QString branchDst;        // the branch whose packet ends at this address
        QStringList inserts;      // --insert arguments, as chainscope-cli takes them
        QStringList policies;     // --policy arguments
        int step = -1;            // 1-based step to stand at; -1: the verdict
    };
    /**
     * The first minute: traces the scenario's first packet preset, stands on the branch
     * that fails (firstBranchToShow) at its verdict, on the node where it ends, and shows that
     * hook's lane readably. False when there is nothing to trace (or a trace exists).
     */
    bool showStory();
    /** Fits the view to the lane of the hook where the shown branch ended, at a readable zoom. */
    void showVerdictLane();

    /** Runs a script through the same parsers as the CLI; false with a message when refused. */
    bool runScript(const Script &script, QString &error);

public Q_SLOTS:
    void traceSpec(const chainscope::PacketSpec &spec);
    void selectBranch(int branch);
    void pinCurrentBranch();
    void clearPins();
    /** Applies an edit through the undo stack; false with the WhatIf/parser message when refused. */
    bool submitEdit(const chainscope::Edit &edit, QString *error = nullptr);
    void startInlineEdit(quint32 ruleId);
    /** Checks the editor's text; on success replaces the candidate (one undo command). */
    bool commitInlineEdit();
    void cancelInlineEdit();
    void removeSelectedRule();
    void copyCommands();
    /**
     * Before any trace (a lesson asking to drag a candidate in): fills the candidate palette
     * from this packet, traced aside on the branch that fails; nothing is shown or changed.
     */
    void offerCandidates(const chainscope::PacketSpec &spec);

protected:
    /** QEvent::LanguageChange, sent on by the window: retranslateUi(). */
    bool event(QEvent *event) override;

private:
    /** Menus, docks, toolbars and the trace shown (traced again) in the language now installed. */
    void retranslateUi();
    void createDocks();
    void createActions();
    void onScenarioLoaded();
    void onNodeShown(int node);
    /** The nftables dock on the node shown, the edited rules and the branch shown. */
    void refreshNft();
    void onDocumentChanged();
    void onRulesetChanged();
    void retrace();
    void showBranch(int branch);
    void onStop(int stop);
    void onPosition(int stop, double fraction);
    void applyGraphMarks();
    /** The jumps taken on the shown node up to the current step, as PathEdgeItems. */
    void drawPathEdges();
    void updateExplanation();
    void updateTemplates();
    /** The candidate templates for a branch's verdict (none for nullptr). */
    void fillTemplates(const Branch *branch);
    void updateBlastRadius();
    void onRuleDropped(TableId table, int chain, int position, const QString &ruleText);
    void onPolicyDropped(TableId table, int chain, bool drop);
    /** An edit of a chain of the current node, kind and where filled in; false without a rule set. */
    bool chainEdit(Edit::Kind kind, TableId table, int chain, Edit &e) const;
    void onCandidateMoved(quint32 ruleId, TableId table, int chain, int position);
    void onNftCandidateMoved(int fromChain, int fromRule, int chain, int position);
    /** Replaces edit `index` by its moved form as one undo command, if it changed and applies. */
    bool pushMove(int index, const Edit &before, const Edit &after);
    void moveSelectedCandidate(int delta);
    void toggleSelectedPolicy();
    void insertTemplate(int row);
    void showEditError(const QString &error);
    /** The card of a step on the shown node (revealing folded chains), or nullptr. */
    ChainCard *cardOf(int node, TableId table, int chain) const;
    /** Where the marker stands for a step (scene coordinates); false when off this node's graph. */
    bool stopPoint(int stop, QPointF &point) const;
    int rowOfStep(const ChainCard *card, int stop) const;
    const Branch *branch() const;
    /** For a delivered packet: the step of the ACCEPT rule that let it through on its last node, or -1. */
    int acceptingStep() const;
    /** "DNAT: old -> new"; concise: only the changed fields, for the label on the graph. */
    QString rewriteText(int stop, bool concise = false) const;
    QString nodeName(int node) const;

    MainWindow *m_window;
    QUndoStack *m_undo;
    Theme m_theme;
    TraceDocument *m_doc = nullptr;
    TraceAnimator *m_animator = nullptr;
    PacketPanel *m_panel = nullptr;
    QListWidget *m_steps = nullptr;
    BranchPanel *m_branchPanel = nullptr;
    ExplanationPanel *m_explanation = nullptr;
    CandidatePalette *m_palette = nullptr;
    NodeStrip *m_strip = nullptr;
    NftPanel *m_nft = nullptr;
    int m_nftRaisedFor = -1;   // the node whose nft tables were last brought to the front
    QComboBox *m_speed = nullptr;
    QLineEdit *m_inlineEdit = nullptr;
    QLabel *m_inlineError = nullptr;
    int m_inlineEditIndex = -1;
    QAction *m_traceAction = nullptr;
    QAction *m_playAction = nullptr;

    // Overlay items: owned by the scene, recreated after each rebuild (ChainScene::rulesetChanged).
    PacketMarker *m_marker = nullptr;
    CalloutItem *m_callout = nullptr;
    CalloutItem *m_rewrite = nullptr;
    QList<PathEdgeItem *> m_pathEdges;   // jumps on the path, drawn over the graph's edges
    // The card holding the current step's highlight, by id (table, chain) on the shown node.
    std::optional<std::pair<TableId, int>> m_traceCard;
    std::optional<std::pair<TableId, int>> m_verdictCard;

    std::optional<PacketSpec> m_spec;
    TraceOptions m_options;
    std::optional<Trace> m_trace;
    std::optional<Trace> m_before;
    int m_branch = -1;
    int m_stop = -1;
    bool m_switchingNode = false;
    bool m_retranslating = false;   // showBranch() re-words the branch shown, nothing moves
    Retranslator m_tr;
};

} // namespace chainscope
