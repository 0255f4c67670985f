#pragma once

#include <QSortFilterProxyModel>

namespace chainscope {

class ReachabilityModel;

/**
 * Sorting and filtering of the Reachability matrix: by the target's name (column 0) or a
 * source's fates (failures first), to the rows whose name holds a text, to rows that fail
 * somewhere, to rows with a branch ended by one deciding rule, or to rows with one kind of
 * change.
 */
class ReachabilityFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ReachabilityFilter(QObject *parent = nullptr);

    void setMatrix(ReachabilityModel *model);
    void setText(const QString &text);
    void setFailingOnly(bool on);
    /** -1: any. */
    void setDecider(int decider);
    /** -1: any; else an AuditChange::Kind. */
    void setChange(int kind);
    int decider() const { return m_decider; }
    int change() const { return m_change; }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override;

private:
    ReachabilityModel *m_model = nullptr;
    QString m_text;
    bool m_failingOnly = false;
    int m_decider = -1;
    int m_change = -1;
};

} // namespace chainscope
