#pragma once

#include "scenario.h"
#include "whatif.h"

#include <QObject>

#include <memory>
#include <optional>
#include <vector>

namespace chainscope {

/**
 * The model of record for testing fixes: the scenario as loaded (never changed) and the
 * list of edits applied to it, in order. The edited scenario is recomputed from both on
 * every change (WhatIf::apply, the same code as the CLI's --insert and --policy), so undo
 * is exact and the views rebuild from one place. Changes go through the undo commands.
 * The loaded scenario is shared with the window, and without edits edited() is that same
 * scenario: a big dump is held once, not three times.
 */
class TraceDocument : public QObject
{
    Q_OBJECT
public:
    explicit TraceDocument(QObject *parent = nullptr);

    void setOriginal(std::shared_ptr<const Scenario> scenario);
    bool isEmpty() const { return !m_original; }
    const Scenario &original() const;
    /** The original itself while there are no edits. */
    const Scenario &edited() const { return m_edited ? *m_edited : original(); }
    const std::vector<Edit> &edits() const { return m_edits; }
    /** Id of the rule edit `i` put in the edited scenario (Insert, Replace), or 0. */
    quint32 ruleIdOfEdit(int i) const;
    /** The edit that put a candidate rule in the edited scenario, or -1. */
    int editOfRule(quint32 ruleId) const;
    /** The same for an nft rule (nft rules have no ids): the rule at index `rule` of the edited
     *  chain, by replaying the edits' positions over the loaded chain; -1 for a loaded rule. */
    int editOfNftRule(const QString &node, const QString &nftTable, const QString &chain, int rule) const;

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

    std::shared_ptr<const Scenario> m_original;
    std::optional<Scenario> m_edited;       // only while there are edits
    std::vector<Edit> m_edits;
    std::vector<quint32> m_ruleIds;
};

} // namespace chainscope
