#pragma once

#include "diff.h"
#include "nftdiff.h"
#include "retranslator.h"
#include "scenario.h"
#include "theme.h"
#include "trace.h"

#include <QMainWindow>

#include <optional>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStandardItemModel;
class QTextBrowser;
class QTreeView;

namespace chainscope {

class CompareView;

/**
 * Compare two nodes of a scenario, or a node with another dump of it (a snapshot), side by
 * side: two graphs in step, the list of differences (F8 / Shift+F8), counter deltas between
 * snapshots, and the same packet traced on both sides with the first step where the paths
 * part. Holds its own copy of the scenario (rule sets share their buffers), so the main
 * window may load another one meanwhile.
 */
class CompareWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit CompareWindow(QWidget *parent = nullptr);
    ~CompareWindow() override;

    /**
     * One difference as listed: an iptables rule (RuleDiff index), chain on one side or
     * policy; or an nftables one (the Nft kinds, listed after the iptables ones), whose
     * `nft` indexes the NftDiffResult vector its kind names.
     */
    struct Entry
    {
        enum Kind {
            Rule, ChainOnlyLeft, ChainOnlyRight, Policy,
            NftTable,        // nft: NftDiffResult::tables, a table on one side
            NftChain,        // chains, a chain on one side
            NftChainChange,  // chainChanges: hook, priority, policy, type, device, base
            NftRule,         // rules (not Same)
            NftSet,          // sets: a set or map on one side
            NftSetType,      // sets: its type changed
            NftElement,      // elements
            NftMoreElements, // sets: element differences past the listed ones
        };
        Kind kind = Rule;
        int pair = -1;
        int rule = -1;      // RuleDiff index for Rule
        int nft = -1;       // index into the NftDiffResult vector of an Nft kind
        bool isNft() const { return kind >= NftTable; }
    };

    /** Where two traces of one packet part, in words and as steps of branch 0 on each side. */
    struct PathSplit
    {
        bool traced = false;
        bool diverged = false;
        int leftStep = -1;       // index into the branch's steps; -1 when that side ended first
        int rightStep = -1;
        QString leftLine, rightLine;
        QString leftVerdict, rightVerdict;
        int partAt = 0;          // where the compared paths part (0-based, into the compared steps)
    };

    void setScenario(const Scenario &scenario);
    /** Compares two nodes of the scenario (indices). */
    void compareNodes(int left, int right);
    /** Compares a node with another dump of it as the right side (snapshots: counter deltas). */
    bool compareWithFile(int left, const QString &path, QString *error = nullptr);

    const Scenario *scenario() const { return m_scenario ? &*m_scenario : nullptr; }
    const DiffResult &diff() const { return m_diff; }
    const NftDiffResult &nftDiff() const { return m_nftDiff; }
    /** Every difference of both kinds, as chainscope-cli diff counts them. */
    int differences() const { return m_diff.differences() + m_nftDiff.differences(); }
    /** The selected difference in words: both sides' rule text or elements. */
    QTextBrowser *detailPane() const { return m_detail; }
    const std::vector<Entry> &entries() const { return m_entries; }
    bool isSnapshot() const { return m_snapshot.has_value(); }
    CompareView *compareView() const { return m_view; }
    QTreeView *differenceList() const { return m_list; }
    QTreeView *deltaTable() const { return m_deltas; }
    QStandardItemModel *differenceModel() const { return m_listModel; }
    QStandardItemModel *deltaModel() const { return m_deltaModel; }
    QComboBox *leftNodeBox() const { return m_leftBox; }
    QComboBox *rightNodeBox() const { return m_rightBox; }
    QAction *nextAction() const { return m_next; }
    QAction *previousAction() const { return m_previous; }
    QAction *hideIdenticalAction() const { return m_hideIdentical; }
    QAction *sideBySideAction() const { return m_sideBySide; }
    const PathSplit &pathSplit() const { return m_split; }
    const Trace &leftTrace() const { return m_traces[0]; }
    const Trace &rightTrace() const { return m_traces[1]; }

    /** The packet form's fields. */
    QLineEdit *fromIfaceEdit() const { return m_fromIface; }
    QLineEdit *srcEdit() const { return m_src; }
    QLineEdit *dstEdit() const { return m_dst; }
    QComboBox *protoBox() const { return m_proto; }
    QSpinBox *dportBox() const { return m_dport; }
    QComboBox *presetBox() const { return m_preset; }
    QLabel *traceResult() const { return m_result; }

public Q_SLOTS:
    void nextDifference();
    void previousDifference();
    /** Shows a chain ("filter:FORWARD", left side's name) and its pair in both graphs at a readable zoom. */
    bool showChain(const QString &tableAndChain);
    /** Shows a listed difference in both graphs (index into entries()). */
    void showEntry(int index);
    /** The first listed difference at a readable zoom (what the window opens on); both graphs fitted when there is none. */
    void showFirstDifference();
    /** Fills the packet form (the main window's packet, so "Trace Both Sides" starts from it). */
    void setPacket(const chainscope::PacketSpec &spec);
    /** Traces the packet of the form on both sides and shows where the paths part. */
    void traceBoth();
    void compareWithFileDialog();
    /** Resizes to `wanted`, or to the screen's available size when that is smaller. */
    void fitToScreen(const QSize &wanted);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createWidgets();
    /** What was set once (menus, docks, form) and what is shown (lists, result) in the language now installed. */
    void retranslateUi();
    void updateTitle();
    /** The result pane's first words, before any trace. */
    void showResultHint();
    /** The result pane for m_split and m_traces. */
    void showSplit();
    void refresh();
    void fillLists();
    void applyPreset(int index);
    void onListCurrentChanged(const QModelIndex &current);
    /** Appends one row of the difference list and its entry. */
    void addListRow(const Entry &entry, const QString &kind, const QString &chain, const QString &left,
                    const QString &right, const QColor &tint);
    void fillNftList();
    /** The chain as `nft list ruleset` prints it (a window of rules around `rule`), HTML. */
    QString nftChainListing(int side, int chain, int rule) const;
    /**
     * Shows an nftables difference. The graphs do not draw nft chains yet: the detail pane
     * says it; this is the one place to move the graphs too once they do.
     */
    void showNftEntry(const Entry &entry);
    /** The detail pane's HTML for a listed difference (either kind; index into entries()). */
    QString entryDetail(int index) const;
    /** nft names as nft prints them: "inet firewalld filter_INPUT", "left|right" across a hash change. */
    QString nftChainLabel(int pair) const;
    QString nftSetLabel(int set) const;
    const nft::NftRuleset &nftSide(int side) const;
    void updateSummary();
    void onDeltaActivated(const QModelIndex &index);
    const Ruleset *rightRules() const;
    const Scenario &rightScenario() const;
    QString sideName(int side) const;

    std::optional<Scenario> m_scenario;
    std::optional<Scenario> m_snapshot;   // right side when comparing with a file
    QString m_snapshotFile;
    int m_left = -1;
    int m_right = -1;
    DiffResult m_diff;
    NftDiffResult m_nftDiff;
    std::vector<Entry> m_entries;
    Theme m_theme;
    Trace m_traces[2];
    PathSplit m_split;

    CompareView *m_view = nullptr;
    QTreeView *m_list = nullptr;
    QStandardItemModel *m_listModel = nullptr;
    QTreeView *m_deltas = nullptr;
    QStandardItemModel *m_deltaModel = nullptr;
    QComboBox *m_leftBox = nullptr;
    QComboBox *m_rightBox = nullptr;
    QAction *m_next = nullptr;
    QAction *m_previous = nullptr;
    QAction *m_hideIdentical = nullptr;
    QAction *m_sideBySide = nullptr;
    QLabel *m_summary = nullptr;
    QTextBrowser *m_detail = nullptr;

    QComboBox *m_preset = nullptr;
    QLineEdit *m_fromIface = nullptr;
    QLineEdit *m_src = nullptr;
    QLineEdit *m_dst = nullptr;
    QComboBox *m_proto = nullptr;
    QSpinBox *m_dport = nullptr;
    QLabel *m_result = nullptr;
    bool m_following = false;
    bool m_docksSized = false;
    bool m_resultIsHint = false;
    Retranslator m_tr;
    QDockWidget *m_listDock = nullptr;
    QDockWidget *m_packetDock = nullptr;
};

} // namespace chainscope
