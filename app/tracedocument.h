#pragma once

#include "scenario.h"
#include "whatif.h"

#include <QObject>

#include <vector>

namespace chainscope {

/**
 * The model of record for testing fixes: the scenario as loaded (never changed) and the
 * list of edits applied to it, in order. The edited scenario is recomputed from both on
 * every change (WhatIf::apply, the same code as the CLI's --insert and --policy), so undo
 * is exact and the views rebuild from one place. Changes go through the undo commands.
 */
class TraceDocument : public QObject
{
    Q_OBJECT
public:
    explicit TraceDocument(QObject *parent = nullptr);

    void setOriginal(const Scenario &scenario);
    bool isEmpty() const { return !m_loaded; }
    const Scenario &original() const { return m_original; }
    const Scenario &edited() const { return m_edited; }
    const std::vector<Edit> &edits() const { return m_edits; }
    /** Id of the rule edit `i` put in the edited scenario (Insert, Replace), or 0. */
    quint32 ruleIdOfEdit(int i) const;
    /** The edit that put a candidate rule in the edited scenario, or -1. */
    int editOfRule(quint32 ruleId) const;

    /** Whether the edits would apply; `error` is WhatIf's (the parser's "column N: ..."). */
    bool check(const std::vector<Edit> &edits, QString &error) const;

    // For the undo commands only: they hold the indices and the Edit values.
    bool insertEdit(int index, const Edit &edit, QString *error = nullptr);
    bool replaceEdit(int index, const Edit &edit, QString *error = nullptr);
    void removeEdit(int index);
    /** The scenario with only the first `count` edits applied (for blast radius and "before"). */
    Scenario withEdits(int count) const;

Q_SIGNALS:
    /** The edited scenario was recomputed; references into the old one are gone. */
    void changed();

private:
    bool recompute(const std::vector<Edit> &edits, QString *error);

    bool m_loaded = false;
    Scenario m_original;
    Scenario m_edited;
    std::vector<Edit> m_edits;
    std::vector<quint32> m_ruleIds;
};

} // namespace chainscope
