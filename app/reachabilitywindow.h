#pragma once

#include "retranslator.h"
#include "theme.h"

#include <QModelIndex>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTreeWidget;

namespace chainscope {

class ReachabilityFilter;
class ReachabilityModel;

/**
 * View > Reachability: the audit's matrix (targets by sources, in the theme's verdict
 * colours), sortable by any column and filtered by name, by failing rows, by the deciding
 * rule or by the kind of change the candidate rules made (the groups on the left). A cell
 * activated (click, Enter) asks for that flow to be traced in the main window. It shows;
 * ReachabilityController runs the audits and fills the model.
 */
class ReachabilityWindow : public QWidget
{
    Q_OBJECT
public:
    explicit ReachabilityWindow(QWidget *parent = nullptr);

    ReachabilityModel *model() const { return m_model; }
    ReachabilityFilter *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QTreeWidget *groups() const { return m_groups; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QCheckBox *failingOnly() const { return m_failing; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *rerunButton() const { return m_rerun; }

    /** Progress of the audit running (total 0: none running). */
    void setProgress(qint64 done, qint64 total);
    void setStatus(const QString &text);
    /** The groups (deciding rules, changes) again from the model. */
    void refreshGroups();
    /** The proxy row of a target, or -1 when filtered out. */
    int rowOfTarget(int target) const;

Q_SIGNALS:
    /** A cell of the matrix was clicked or entered: the flows from `source` to `target`. */
    void cellActivated(int target, int source);
    void rerunRequested();
    void cancelRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void onGroupChanged();
    void onActivated(const QModelIndex &index);

    ReachabilityModel *m_model = nullptr;
    ReachabilityFilter *m_filter = nullptr;
    QTableView *m_table = nullptr;
    QTreeWidget *m_groups = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QCheckBox *m_failing = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_rerun = nullptr;
    QLabel *m_status = nullptr;
    Theme m_theme;
    Retranslator m_tr;
};

} // namespace chainscope
