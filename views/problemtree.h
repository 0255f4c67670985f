#pragma once

#include "diagnostic.h"
#include "retranslator.h"

#include <QTreeWidget>

#include <vector>

namespace chainscope {

/**
 * The Problems tab: load diagnostics grouped as `chainscope-cli parse` prints them
 * (DiagnosticGroups), one row per kind with its count and meaning, expandable to each place.
 * Activating a place (double-click, Enter) emits placeActivated; a kind's row goes to its
 * first place. Places are created when a kind is expanded, so 30k warnings of one kind cost
 * one row until someone looks.
 */
class ProblemTree : public QTreeWidget
{
    Q_OBJECT
public:
    explicit ProblemTree(QWidget *parent = nullptr);

    void setDiagnostics(std::vector<Diagnostic> list);
    const std::vector<Diagnostic> &diagnostics() const { return m_list; }

Q_SIGNALS:
    void placeActivated(const QString &file, int line);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fill(QTreeWidgetItem *group);

    std::vector<Diagnostic> m_list;
    std::vector<DiagnosticGroup> m_groups;
    Retranslator m_tr;
};

} // namespace chainscope
