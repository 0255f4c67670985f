#pragma once

#include "audit.h"
#include "theme.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace chainscope {

/**
 * The Reachability matrix: one row per audited target (service port, NodePort, pod), column 0
 * its name, then one column per source (a node's host, a pod on it, outside). A cell is the
 * fate of the flows from that source to that target, in the theme's verdict colours. With a
 * second audit (the scenario with candidate rules) the cells show that one and mark what
 * changed against the first: fixed, newly opened, newly broken.
 */
class ReachabilityModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        FateRole = Qt::UserRole + 1,   // int(Fate) of the cell (-1 in column 0)
        ChangeRole,                    // int(AuditChange::Kind) of the cell, -1 when unchanged
        TargetRole,                    // target index
        SourceRole,                    // source index (-1 in column 0)
        SortRole,                      // column 0: the name; cells: the fate, failures first
    };

    explicit ReachabilityModel(QObject *parent = nullptr);

    /** A new audit: the one the matrix shows; forgets any second audit. */
    void setAudit(std::shared_ptr<const Scenario> scenario, std::shared_ptr<const AuditResult> result);
    /** The audit with candidate rules and its changes against the first (null: none). */
    void setEdited(std::shared_ptr<const Scenario> scenario, std::shared_ptr<const AuditResult> result,
                   std::vector<AuditChange> changes);
    void setTheme(const Theme &theme);

    /** The audit shown: the edited one when there is one. */
    const AuditResult *shown() const { return m_edited ? m_edited.get() : m_result.get(); }
    const Scenario *shownScenario() const { return m_edited ? m_editedScenario.get() : m_scenario.get(); }
    const AuditResult *baseline() const { return m_result.get(); }
    const std::vector<AuditChange> &changes() const { return m_changes; }
    bool hasEdited() const { return m_edited != nullptr; }

    /** Whether a row has a branch ended by decider `d` (of the audit shown). */
    bool rowHasDecider(int row, int decider) const;
    /** Whether a row has a change of this kind. */
    bool rowHasChange(int row, int kind) const;
    /** Whether a row has a flow that does not deliver on every endpoint. */
    bool rowFails(int row) const;
    /** The short symbol of a fate ("✓", "½", "✗", "?"). */
    static QString symbol(Fate f);
    static QString fateWord(Fate f);
    static QString changeWord(int kind);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rebuild();
    QString tooltip(int target, int source) const;

    std::shared_ptr<const Scenario> m_scenario;
    std::shared_ptr<const AuditResult> m_result;
    std::shared_ptr<const Scenario> m_editedScenario;
    std::shared_ptr<const AuditResult> m_edited;
    std::vector<AuditChange> m_changes;
    std::vector<qint8> m_cellChange;                 // per cell of the audit shown
    std::vector<quint8> m_cellBefore;                // per cell: the fate before its change
    std::vector<std::vector<int>> m_rowDeciders;     // per row, sorted
    std::vector<quint8> m_rowChanges;                // per row, bit per change kind
    std::vector<Fate> m_cellFate;
    Theme m_theme;
};

} // namespace chainscope
