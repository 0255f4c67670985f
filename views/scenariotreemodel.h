#pragma once

#include "scenario.h"

#include <QStandardItemModel>

namespace chainscope {

/**
 * Nodes > tables > chains with policy, rule count and counters. Every item carries its
 * node, table and chain in roles, and a search text (chain name and its rules' text:
 * addresses, ports, comments) for recursive filtering.
 */
class ScenarioTreeModel : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Kind { NodeItem = 1, TableItem, ChainItem };
    enum Role {
        KindRole = Qt::UserRole + 1,
        NodeRole,
        TableRole,
        ChainRole,
        SearchRole,
    };
    enum Column { NameColumn, PolicyColumn, RulesColumn, PacketsColumn, BytesColumn, ColumnCount };

    explicit ScenarioTreeModel(QObject *parent = nullptr);

    /** Rebuilds from the scenario (which need not outlive the model). */
    void setScenario(const Scenario *scenario);
    /** Index (column 0) of a chain, or invalid. */
    QModelIndex chainIndex(int node, TableId table, int chain) const;
    QModelIndex nodeIndex(int node) const;
};

} // namespace chainscope
