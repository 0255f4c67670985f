#include "scenariotreemodel.h"
#include "text.h"

#include "counterformat.h"

#include <QEvent>

namespace chainscope {

namespace {
// internalId() of an index names its parent: 0 the root, else a node or a node's table.
constexpr quintptr NodeParent = quintptr(1) << 56;
constexpr quintptr TableParent = quintptr(2) << 56;
constexpr quintptr KindMask = quintptr(0xff) << 56;

quintptr nodeCode(int node)
{
    return NodeParent | quintptr(node);
}

quintptr tableCode(int node, int tableRow)
{
    return TableParent | quintptr(node) << 8 | quintptr(tableRow);
}
} // namespace

ScenarioTreeModel::ScenarioTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

ScenarioTreeModel::Totals ScenarioTreeModel::chainTotals(const Chain &chain)
{
    Totals t;
    t.rules = int(chain.rules.size());
    t.packets = chain.policyPackets;
    t.bytes = chain.policyBytes;
    for (const Rule &r : chain.rules) {
        t.packets += r.packets;
        t.bytes += r.bytes;
    }
    return t;
}

void ScenarioTreeModel::setScenario(const Scenario *scenario)
{
    beginResetModel();
    m_scenario = scenario;
    m_nodes.clear();
    if (scenario) {
        // Only the sums of nodes and tables are kept; chain rows are read from the scenario.
        m_nodes.resize(scenario->nodes.size());
        for (size_t n = 0; n < scenario->nodes.size(); ++n) {
            NodeInfo &info = m_nodes[n];
            for (int t = 0; t < TableCount; ++t) {
                const Table &table = scenario->nodes[n].rules.table(TableId(t));
                if (!table.present)
                    continue;
                TableInfo ti;
                ti.table = TableId(t);
                for (const Chain &c : table.chains)
                    ti.totals += chainTotals(c);
                info.totals += ti.totals;
                info.tables.push_back(ti);
            }
        }
    }
    endResetModel();
}

ScenarioTreeModel::Ref ScenarioTreeModel::refOf(const QModelIndex &index) const
{
    Ref r;
    if (!index.isValid())
        return r;
    const quintptr id = index.internalId();
    switch (id & KindMask) {
    case 0:
        r.kind = NodeItem;
        r.node = index.row();
        break;
    case NodeParent:
        r.kind = TableItem;
        r.node = int(id & 0xffffffffu);
        r.table = index.row();
        break;
    case TableParent:
        r.kind = ChainItem;
        r.node = int((id >> 8) & 0xffffffffu);
        r.table = int(id & 0xff);
        r.chain = index.row();
        break;
    default:
        break;
    }
    return r;
}

QModelIndex ScenarioTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || row >= rowCount(parent))
        return {};
    const Ref p = refOf(parent);
    switch (p.kind) {
    case 0:
        return createIndex(row, column, quintptr(0));
    case NodeItem:
        return createIndex(row, column, nodeCode(p.node));
    case TableItem:
        return createIndex(row, column, tableCode(p.node, p.table));
    default:
        return {};
    }
}

QModelIndex ScenarioTreeModel::parent(const QModelIndex &child) const
{
    const Ref r = refOf(child);
    switch (r.kind) {
    case TableItem:
        return createIndex(r.node, 0, quintptr(0));
    case ChainItem:
        return createIndex(r.table, 0, nodeCode(r.node));
    default:
        return {};
    }
}

int ScenarioTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!m_scenario)
        return 0;
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Ref p = refOf(parent);
    switch (p.kind) {
    case 0:
        return int(m_nodes.size());
    case NodeItem:
        return p.node >= 0 && p.node < int(m_nodes.size()) ? int(m_nodes[size_t(p.node)].tables.size()) : 0;
    case TableItem: {
        if (p.node < 0 || p.node >= int(m_nodes.size()))
            return 0;
        const NodeInfo &n = m_nodes[size_t(p.node)];
        if (p.table < 0 || p.table >= int(n.tables.size()))
            return 0;
        return int(m_scenario->nodes[size_t(p.node)].rules.table(n.tables[size_t(p.table)].table).chains.size());
    }
    default:
        return 0;
    }
}

int ScenarioTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags ScenarioTreeModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsSelectable | Qt::ItemIsEnabled : Qt::NoItemFlags;
}

bool ScenarioTreeModel::event(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
        const int nodes = rowCount();
        if (nodes > 0)
            Q_EMIT dataChanged(index(0, 0), index(nodes - 1, ColumnCount - 1));
        // Tables and chains: their tooltips and policy words are asked for when shown.
        for (int n = 0; n < nodes; ++n) {
            const QModelIndex node = index(n, 0);
            const int tables = rowCount(node);
            for (int t = 0; t < tables; ++t) {
                const QModelIndex table = index(t, 0, node);
                const int chains = rowCount(table);
                if (chains > 0)
                    Q_EMIT dataChanged(index(0, 0, table), index(chains - 1, ColumnCount - 1, table));
            }
            if (tables > 0)
                Q_EMIT dataChanged(index(0, 0, node), index(tables - 1, ColumnCount - 1, node));
        }
    }
    return QAbstractItemModel::event(event);
}

QVariant ScenarioTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case PolicyColumn:
        return tr("Policy");
    case RulesColumn:
        return tr("Rules");
    case PacketsColumn:
        return tr("Packets");
    case BytesColumn:
        return tr("Bytes");
    default:
        return {};
    }
}

QVariant ScenarioTreeModel::data(const QModelIndex &index, int role) const
{
    const Ref r = refOf(index);
    if (!m_scenario || r.kind == 0 || r.node < 0 || r.node >= int(m_nodes.size()))
        return {};
    const Node &node = m_scenario->nodes[size_t(r.node)];
    const NodeInfo &info = m_nodes[size_t(r.node)];
    if (r.kind != NodeItem && (r.table < 0 || r.table >= int(info.tables.size())))
        return {};
    const TableId tableId = r.kind == NodeItem ? TableId::Filter : info.tables[size_t(r.table)].table;
    const Chain *chain = nullptr;
    if (r.kind == ChainItem) {
        const Table &table = node.rules.table(tableId);
        if (r.chain < 0 || r.chain >= int(table.chains.size()))
            return {};
        chain = &table.chains[size_t(r.chain)];
    }
    const int column = index.column();

    switch (role) {
    case KindRole:
        return r.kind;
    case NodeRole:
        return r.node;
    case TableRole:
        return r.kind == NodeItem ? QVariant() : QVariant(int(tableId));
    case ChainRole:
        return r.kind == ChainItem ? QVariant(r.chain) : QVariant();
    case Qt::TextAlignmentRole:
        return column >= RulesColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                     : QVariant(int(Qt::AlignLeft | Qt::AlignVCenter));
    default:
        break;
    }

    // A chain's sums walk its rules: only for the roles that show them (not for the filter).
    const auto totals = [&] {
        return r.kind == NodeItem    ? info.totals
               : r.kind == TableItem ? info.tables[size_t(r.table)].totals
                                     : chainTotals(*chain);
    };
    auto name = [&] {
        return r.kind == NodeItem ? node.name : r.kind == TableItem ? tableTitle(tableId) : text::q(chain->name);
    };
    if (role == SearchRole) {
        if (column != NameColumn)
            return {};
        if (r.kind != ChainItem)
            return name();
        // Built when the filter asks, not kept: the rules' text is already in the rule set.
        QString search = name();
        for (const Rule &rule : chain->rules)
            search += QLatin1Char('\n') + text::q(rule.text);
        return search;
    }
    if (role == Qt::ToolTipRole) {
        if (column == NameColumn) {
            if (r.kind == NodeItem)
                return tr("Node %1").arg(node.name);
            if (r.kind == ChainItem)
                return chain->builtin ? tr("Built-in chain %1").arg(name())
                                      : tr("User chain %1, %n reference(s)", nullptr, chain->references).arg(name());
        }
        if (r.kind == ChainItem && column == PacketsColumn)
            return QString::number(totals().packets);
        if (r.kind == ChainItem && column == BytesColumn)
            return QString::number(totals().bytes);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case NameColumn:
        return name();
    case PolicyColumn:
        return chain && chain->builtin ? (chain->policyDrop ? tr("DROP") : tr("ACCEPT")) : QString();
    case RulesColumn:
        return QString::number(totals().rules);
    case PacketsColumn:
        return CounterFormat::human(totals().packets);
    case BytesColumn:
        return CounterFormat::human(totals().bytes);
    default:
        return {};
    }
}

QModelIndex ScenarioTreeModel::nodeIndex(int node) const
{
    return index(node, 0);
}

QModelIndex ScenarioTreeModel::chainIndex(int node, TableId table, int chain) const
{
    if (node < 0 || node >= int(m_nodes.size()))
        return {};
    const std::vector<TableInfo> &tables = m_nodes[size_t(node)].tables;
    for (size_t t = 0; t < tables.size(); ++t)
        if (tables[t].table == table)
            return index(chain, 0, index(int(t), 0, nodeIndex(node)));
    return {};
}

} // namespace chainscope
