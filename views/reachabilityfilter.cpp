#include "reachabilityfilter.h"

#include "reachabilitymodel.h"

namespace chainscope {

ReachabilityFilter::ReachabilityFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ReachabilityModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ReachabilityFilter::setMatrix(ReachabilityModel *model)
{
    m_model = model;
    setSourceModel(model);
}

void ReachabilityFilter::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void ReachabilityFilter::setFailingOnly(bool on)
{
    m_failingOnly = on;
    invalidateFilter();
}

void ReachabilityFilter::setDecider(int decider)
{
    m_decider = decider;
    invalidateFilter();
}

void ReachabilityFilter::setChange(int kind)
{
    m_change = kind;
    invalidateFilter();
}

bool ReachabilityFilter::filterAcceptsRow(int row, const QModelIndex &parent) const
{
    if (!m_model)
        return true;
    if (m_failingOnly && !m_model->rowFails(row))
        return false;
    if (m_decider >= 0 && !m_model->rowHasDecider(row, m_decider))
        return false;
    if (m_change >= 0 && !m_model->rowHasChange(row, m_change))
        return false;
    if (!m_text.isEmpty()) {
        const QString name = m_model->index(row, 0, parent).data(ReachabilityModel::SortRole).toString();
        const QString key = m_model->index(row, 0, parent).data(Qt::ToolTipRole).toString();
        if (!name.contains(m_text, Qt::CaseInsensitive) && !key.contains(m_text, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace chainscope
