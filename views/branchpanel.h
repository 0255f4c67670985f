#pragma once

#include "retranslator.h"
#include "theme.h"
#include "trace.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace chainscope {

class Scenario;

/**
 * The Branches dock: the random choices (statistic) and undecidable matches that split a
 * trace, as a tree with one leaf per branch in its verdict's look, a summary line
 * ("1 of 2 branches dropped"), and Pin / Unpin. Shows; the trace controller decides.
 */
class BranchPanel : public QWidget
{
    Q_OBJECT
public:
    explicit BranchPanel(QWidget *parent = nullptr);

    void setTheme(const Theme &theme) { m_theme = theme; }
    /** Fills the tree from a trace of the scenario (the edited one, as traced). */
    void setTrace(const Scenario &scenario, const Trace &trace);
    void clear();
    /** Makes a branch's leaf current without emitting branchSelected(). */
    void setCurrentBranch(int branch);

    /** "1 of 2 branches dropped", "both branches delivered", "" for one branch or none. */
    static QString summary(const Trace &trace);

    QTreeWidget *tree() const { return m_tree; }
    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *pinButton() const { return m_pin; }
    QPushButton *unpinButton() const { return m_unpin; }

Q_SIGNALS:
    void branchSelected(int branch);
    void pinRequested();
    void unpinRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    Theme m_theme;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_tree = nullptr;
    QPushButton *m_pin = nullptr;
    QPushButton *m_unpin = nullptr;
    Retranslator m_tr;
};

} // namespace chainscope
