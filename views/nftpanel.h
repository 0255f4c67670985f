#pragma once

#include "retranslator.h"
#include "theme.h"
#include "whatif.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace chainscope {

struct Branch;
class NftSetView;

/**
 * A node's nftables as the kernel runs them: per hook, the base chains of every nft table
 * and the iptables tables by priority (one pipeline per hook), each base chain's rules;
 * regular chains and the sets and maps by table. A set or map opens as a list
 * (NftSetView). The steps of a branch on the node are marked as the graph marks iptables
 * rules. Edits go out as requests (editRequested), so the owner puts them on the undo
 * stack: a rule typed (Insert) or dropped as text onto a chain or rule, a rule removed
 * (Delete), a base chain's policy toggled (Ctrl+P). Rules are listed when their chain is
 * expanded, so 30k service chains cost nothing until opened.
 */
class NftPanel : public QWidget
{
    Q_OBJECT
public:
    explicit NftPanel(QWidget *parent = nullptr);

    /** Shows node `node` of `sc` (kept by the caller while shown); empty when it has no nft tables. */
    void setNode(const Scenario *sc, int node, const Theme &theme);
    bool hasTables() const;
    /** Marks the nft steps of `branch` on the shown node (nullptr: none). */
    void showBranch(const Branch *branch);

    QTreeWidget *tree() const { return m_tree; }
    /** A line under the tree: why an edit was refused (empty hides it). */
    void showMessage(const QString &text);
    QLabel *messageLabel() const { return m_status; }
    /** The item of a chain (global index) or of one of its rules (0-based), expanding as needed; nullptr when absent. */
    QTreeWidgetItem *itemFor(int chain, int rule = -1);
    /** Opens the list of a set or map (index into NftRuleset::sets) and returns it. */
    NftSetView *openSet(int set);
    /**
     * The edit that inserts `ruleText` at the selected place: before the selected rule, or at
     * the end of the selected chain. False with the reason when no chain is selected.
     */
    bool insertEditAt(QTreeWidgetItem *item, const QString &ruleText, Edit &out, QString &error) const;

    enum Role { KindRole = Qt::UserRole + 1, ChainRole, RuleRole, SetRole };
    enum Kind { HookItem = 1, ChainItem, RuleItem, IptablesItem, SetItem, GroupItem, PlaceholderItem };

    /** Asks to remove the current rule item (an edit, through editRequested). */
    void removeSelected();
    /** Asks to toggle the current base chain item's policy (an edit, through editRequested). */
    void togglePolicy();
    /** Makes a chain's (rule -1) or a rule's item current and shows it, as a click on it would. */
    void selectItem(int chain, int rule);

Q_SIGNALS:
    void editRequested(const chainscope::Edit &edit);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void retranslate();
    QTreeWidgetItem *chainItem(QTreeWidgetItem *parent, int chain, const QString &prefix);
    void fillRules(QTreeWidgetItem *chainItem);
    void paintMarks();
    void askInsert();
    void activate(QTreeWidgetItem *item);

    QTreeWidget *m_tree;
    QLabel *m_empty;
    QLabel *m_status;
    const Scenario *m_sc = nullptr;
    int m_node = -1;
    Theme m_theme;
    const Branch *m_branch = nullptr;
    /** (chain << 20 | rule + 1) -> step mark: 1 evaluated, 2 matched, 3 decided. */
    QHash<quint64, int> m_marks;
    QHash<int, int> m_iptMarks;   // (hook << 8 | iptables table) -> the same marks
    QList<QTreeWidgetItem *> m_iptItems;          // the iptables tables' items in the hooks
    QList<QTreeWidgetItem *> m_painted;           // items paintMarks() coloured: cleared first next time
    QHash<int, QTreeWidgetItem *> m_chainItems;   // chain -> its item (each chain is listed once): itemFor() without a scan
    Retranslator m_tr;
};

} // namespace chainscope
