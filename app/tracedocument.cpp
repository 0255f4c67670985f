#include "tracedocument.h"

#include "nftruleset.h"

#include <algorithm>

namespace chainscope {

TraceDocument::TraceDocument(QObject *parent) : QObject(parent) {}

void TraceDocument::setOriginal(std::shared_ptr<const Scenario> scenario)
{
    m_original = std::move(scenario);
    m_edits.clear();
    recompute({}, nullptr);
}

const Scenario &TraceDocument::original() const
{
    static const Scenario none;
    return m_original ? *m_original : none;
}

quint32 TraceDocument::ruleIdOfEdit(int i) const
{
    return i >= 0 && i < int(m_ruleIds.size()) ? m_ruleIds[size_t(i)] : 0;
}

int TraceDocument::editOfRule(quint32 ruleId) const
{
    if (ruleId == 0)
        return -1;
    for (size_t i = 0; i < m_ruleIds.size(); ++i)
        if (m_ruleIds[i] == ruleId)
            return int(i);
    return -1;
}

int TraceDocument::editOfNftRule(const QString &node, const QString &nftTable, const QString &chain, int rule) const
{
    const int ni = m_original ? m_original->nodeIndex(node) : -1;
    const auto *n = ni >= 0 ? m_original->nodes[size_t(ni)].rules.nft.get() : nullptr;
    const int table = n ? n->tableIndex(nftTable) : -1;
    const int ci = table >= 0 ? n->chainIndex(table, chain) : -1;
    if (ci < 0)
        return -1;
    // Which edit each row of the chain came from (-1: loaded), edit by edit as WhatIf applies them.
    std::vector<int> origin(n->chains[size_t(ci)].rules.size(), -1);
    for (size_t i = 0; i < m_edits.size(); ++i) {
        const Edit &e = m_edits[i];
        if (!e.isNft() || e.node != node || e.chain != chain || n->tableIndex(e.nftTable) != table)
            continue;
        const size_t at = size_t(std::max(0, e.position - 1));
        if (e.kind == Edit::Insert && at <= origin.size())
            origin.insert(origin.begin() + qsizetype(at), int(i));
        else if (e.kind == Edit::Replace && at < origin.size())
            origin[at] = int(i);
        else if (e.kind == Edit::Remove && at < origin.size())
            origin.erase(origin.begin() + qsizetype(at));
    }
    return rule >= 0 && rule < int(origin.size()) ? origin[size_t(rule)] : -1;
}

bool TraceDocument::check(const std::vector<Edit> &edits, QString &error) const
{
    Scenario copy = original();
    for (const Edit &e : edits)
        if (!WhatIf::apply(copy, e, error))
            return false;
    return true;
}

Scenario TraceDocument::withEdits(int count) const
{
    Scenario s = original();
    QString error;
    for (int i = 0; i < count && i < int(m_edits.size()); ++i)
        WhatIf::apply(s, m_edits[size_t(i)], error);
    return s;
}

bool TraceDocument::recompute(const std::vector<Edit> &edits, QString *error)
{
    // Build the new state aside: a refused edit changes nothing. No edits: no copy at all.
    std::optional<Scenario> next;
    if (!edits.empty())
        next = original();
    std::vector<quint32> ids;
    for (const Edit &e : edits) {
        QString err;
        quint32 id = 0;
        if (!WhatIf::apply(*next, e, err, &id)) {
            if (error)
                *error = err;
            return false;
        }
        ids.push_back(e.kind == Edit::Insert || e.kind == Edit::Replace ? id : 0);
    }
    m_edited = std::move(next);
    m_edits = edits;
    m_ruleIds = std::move(ids);
    Q_EMIT changed();
    return true;
}

bool TraceDocument::insertEdit(int index, const Edit &edit, QString *error)
{
    std::vector<Edit> next = m_edits;
    next.insert(next.begin() + std::clamp(index, 0, int(next.size())), edit);
    return recompute(next, error);
}

bool TraceDocument::replaceEdit(int index, const Edit &edit, QString *error)
{
    if (index < 0 || index >= int(m_edits.size()))
        return false;
    std::vector<Edit> next = m_edits;
    next[size_t(index)] = edit;
    return recompute(next, error);
}

void TraceDocument::removeEdit(int index)
{
    if (index < 0 || index >= int(m_edits.size()))
        return;
    std::vector<Edit> next = m_edits;
    next.erase(next.begin() + index);
    recompute(next, nullptr);
}

} // namespace chainscope
