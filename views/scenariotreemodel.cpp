#include "scenariotreemodel.h"
#include "text.h"

#include "counterformat.h"

namespace chainscope {

namespace {
QStandardItem *cell(const QString &text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    item->setTextAlignment(align);
    return item;
}
} // namespace

ScenarioTreeModel::ScenarioTreeModel(QObject *parent) : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({tr("Name"), tr("Policy"), tr("Rules"), tr("Packets"), tr("Bytes")});
}

void ScenarioTreeModel::setScenario(const Scenario *scenario)
{
    removeRows(0, rowCount());
    if (!scenario)
        return;
    const Qt::Alignment right = Qt::AlignRight | Qt::AlignVCenter;
    for (int n = 0; n < int(scenario->nodes.size()); ++n) {
        const Node &node = scenario->nodes[size_t(n)];
        QStandardItem *nodeItem = cell(node.name);
        nodeItem->setData(NodeItem, KindRole);
        nodeItem->setData(n, NodeRole);
        nodeItem->setData(node.name, SearchRole);
        nodeItem->setToolTip(tr("Node %1").arg(node.name));
        QList<QStandardItem *> nodeRow{nodeItem, cell({}), cell({}), cell({}), cell({})};
        int nodeRules = 0;
        quint64 nodePackets = 0;
        quint64 nodeBytes = 0;
        for (int t = 0; t < TableCount; ++t) {
            const Table &table = node.rules.table(TableId(t));
            if (!table.present)
                continue;
            QStandardItem *tableItem = cell(text::q(tableName(TableId(t))));
            tableItem->setData(TableItem, KindRole);
            tableItem->setData(n, NodeRole);
            tableItem->setData(t, TableRole);
            tableItem->setData(tableItem->text(), SearchRole);
            QList<QStandardItem *> tableRow{tableItem, cell({}), cell({}), cell({}), cell({})};
            int tableRules = 0;
            quint64 tablePackets = 0;
            quint64 tableBytes = 0;
            for (int c = 0; c < int(table.chains.size()); ++c) {
                const Chain &chain = table.chains[size_t(c)];
                QStandardItem *chainItem = cell(text::q(chain.name));
                chainItem->setData(ChainItem, KindRole);
                chainItem->setData(n, NodeRole);
                chainItem->setData(t, TableRole);
                chainItem->setData(c, ChainRole);
                QString search = chainItem->text();
                quint64 packets = chain.policyPackets;
                quint64 bytes = chain.policyBytes;
                for (const Rule &r : chain.rules) {
                    search += QLatin1Char('\n') + text::q(r.text);
                    packets += r.packets;
                    bytes += r.bytes;
                }
                chainItem->setData(search, SearchRole);
                chainItem->setToolTip(chain.builtin ? tr("Built-in chain %1").arg(chainItem->text())
                                                    : tr("User chain %1, %n reference(s)", nullptr, chain.references)
                                                          .arg(chainItem->text()));
                QStandardItem *policy = cell(chain.builtin ? (chain.policyDrop ? tr("DROP") : tr("ACCEPT")) : QString());
                QStandardItem *packetItem = cell(CounterFormat::human(packets), right);
                packetItem->setToolTip(QString::number(packets));
                QStandardItem *byteItem = cell(CounterFormat::human(bytes), right);
                byteItem->setToolTip(QString::number(bytes));
                tableItem->appendRow({chainItem, policy, cell(QString::number(chain.rules.size()), right), packetItem,
                                      byteItem});
                tableRules += int(chain.rules.size());
                tablePackets += packets;
                tableBytes += bytes;
            }
            tableRow[RulesColumn]->setText(QString::number(tableRules));
            tableRow[RulesColumn]->setTextAlignment(right);
            tableRow[PacketsColumn]->setText(CounterFormat::human(tablePackets));
            tableRow[PacketsColumn]->setTextAlignment(right);
            tableRow[BytesColumn]->setText(CounterFormat::human(tableBytes));
            tableRow[BytesColumn]->setTextAlignment(right);
            nodeItem->appendRow(tableRow);
            nodeRules += tableRules;
            nodePackets += tablePackets;
            nodeBytes += tableBytes;
        }
        nodeRow[RulesColumn]->setText(QString::number(nodeRules));
        nodeRow[RulesColumn]->setTextAlignment(right);
        nodeRow[PacketsColumn]->setText(CounterFormat::human(nodePackets));
        nodeRow[PacketsColumn]->setTextAlignment(right);
        nodeRow[BytesColumn]->setText(CounterFormat::human(nodeBytes));
        nodeRow[BytesColumn]->setTextAlignment(right);
        appendRow(nodeRow);
    }
}

QModelIndex ScenarioTreeModel::nodeIndex(int node) const
{
    return index(node, 0);
}

QModelIndex ScenarioTreeModel::chainIndex(int node, TableId table, int chain) const
{
    const QModelIndex n = nodeIndex(node);
    for (int r = 0; r < rowCount(n); ++r) {
        const QModelIndex t = index(r, 0, n);
        if (t.data(TableRole).toInt() == int(table))
            return index(chain, 0, t);
    }
    return {};
}

} // namespace chainscope
