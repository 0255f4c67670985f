#pragma once

#include "scenario.h"

#include <QAbstractItemModel>

#include <vector>

namespace chainscope {

/**
 * Nodes > tables > chains with policy, rule count and counters. Every item carries its
 * node, table and chain in roles, and a search text (chain name and its rules' text:
 * addresses, ports, comments) for recursive filtering.
 * Texts are made when asked for, from the scenario: a big dump has tens of thousands of
 * chains, and one item object per cell (QStandardItemModel) cost more than the rules.
 */
class ScenarioTreeModel : public QAbstractItemModel
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

    /** Shows the scenario, which must outlive its use here (or the next call; nullptr clears). */
    void setScenario(const Scenario *scenario);
    /** Index (column 0) of a chain, or invalid. */
    QModelIndex chainIndex(int node, TableId table, int chain) const;
    QModelIndex nodeIndex(int node) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

protected:
    /** QEvent::LanguageChange (sent by the window to its children): the headers and the
     *  words of the rows are asked for again. */
    bool event(QEvent *event) override;

private:
    struct Totals
    {
        int rules = 0;
        quint64 packets = 0;
        quint64 bytes = 0;
        Totals &operator+=(const Totals &o)
        {
            rules += o.rules;
            packets += o.packets;
            bytes += o.bytes;
            return *this;
        }
    };
    struct TableInfo
    {
        TableId table = TableId::Filter;
        Totals totals;
    };
    struct NodeInfo
    {
        std::vector<TableInfo> tables;   // present tables only, in TableId order
        Totals totals;
    };
    /** What an index stands for; internalId() of an index is its parent's code (0: root). */
    struct Ref
    {
        int kind = 0;
        int node = -1;
        int table = -1;   // row among the node's present tables
        int chain = -1;
    };
    Ref refOf(const QModelIndex &index) const;
    static Totals chainTotals(const Chain &chain);

    const Scenario *m_scenario = nullptr;
    std::vector<NodeInfo> m_nodes;
};

} // namespace chainscope
