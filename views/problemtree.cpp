#include "problemtree.h"

#include <QEvent>
#include <QHeaderView>
#include <QStyle>

namespace chainscope {

namespace {
enum Role { GroupRole = Qt::UserRole, MemberRole, FilledRole };
}

ProblemTree::ProblemTree(QWidget *parent)
    : QTreeWidget(parent)
{
    setColumnCount(1);
    setHeaderHidden(true);
    setUniformRowHeights(true);
    setRootIsDecorated(true);
    m_tr.add([this] {
        setToolTip(tr("Problems from loading, one row per kind; expand a kind for each place, "
                      "double-click or Enter to show the line"));
    });
    connect(this, &QTreeWidget::itemExpanded, this, &ProblemTree::fill);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QVariant member = item->data(0, MemberRole);
        int index = member.isValid() ? member.toInt() : -1;
        if (index < 0) {
            const int g = item->data(0, GroupRole).toInt();
            if (g >= 0 && g < int(m_groups.size()) && !m_groups[size_t(g)].members.empty())
                index = m_groups[size_t(g)].members.front();
        }
        if (index >= 0 && index < int(m_list.size()))
            Q_EMIT placeActivated(m_list[size_t(index)].file, m_list[size_t(index)].line);
    });
}

void ProblemTree::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_tr.retranslate();
        // The kinds' headings again; each problem's own message was worded when the scenario
        // loaded and stays so. The kinds open before stay open.
        QList<int> open;
        for (int i = 0; i < topLevelItemCount(); ++i)
            if (topLevelItem(i)->isExpanded())
                open << i;
        const int current = currentItem() && !currentItem()->parent() ? indexOfTopLevelItem(currentItem()) : -1;
        setDiagnostics(std::vector<Diagnostic>(m_list));
        for (int i : std::as_const(open))
            if (i < topLevelItemCount())
                topLevelItem(i)->setExpanded(true);
        if (current >= 0 && current < topLevelItemCount())
            setCurrentItem(topLevelItem(current));
    }
    QTreeWidget::changeEvent(event);
}

void ProblemTree::setDiagnostics(std::vector<Diagnostic> list)
{
    clear();
    m_list = std::move(list);
    m_groups = DiagnosticGroups::group(m_list);
    const QIcon error = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    QList<QTreeWidgetItem *> items;
    items.reserve(qsizetype(m_groups.size()));
    for (size_t g = 0; g < m_groups.size(); ++g) {
        const DiagnosticGroup &group = m_groups[g];
        auto *item = new QTreeWidgetItem(QStringList(group.text(m_list)));
        item->setIcon(0, group.severity == Diagnostic::Error ? error : warning);
        item->setData(0, GroupRole, int(g));
        item->setToolTip(0, item->text(0));
        // A lone problem is its own place; a kind of several expands to them.
        if (group.members.size() > 1)
            item->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
        else
            item->setData(0, MemberRole, group.members.front());
        items << item;
    }
    addTopLevelItems(items);
}

void ProblemTree::fill(QTreeWidgetItem *group)
{
    if (group->parent() || group->data(0, FilledRole).toBool())
        return;
    group->setData(0, FilledRole, true);
    const int g = group->data(0, GroupRole).toInt();
    if (g < 0 || g >= int(m_groups.size()))
        return;
    QList<QTreeWidgetItem *> children;
    children.reserve(qsizetype(m_groups[size_t(g)].members.size()));
    for (int index : m_groups[size_t(g)].members) {
        auto *child = new QTreeWidgetItem(QStringList(m_list[size_t(index)].toString()));
        child->setData(0, MemberRole, index);
        children << child;
    }
    group->addChildren(children);
}

} // namespace chainscope
