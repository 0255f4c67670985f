#pragma once

#include "ruleset.h"

#include <QPointF>
#include <QString>

namespace chainscope {

/**
 * Where a note is pinned, by names and numbers that survive a relayout, a re-trace and a
 * reload: a chain (node, table, chain name), a rule (its 1-based position and its text, so
 * a candidate inserted above it does not move the note to another rule), a step of the
 * current trace, or a spot in the graph. `point` is the spot (Point) and, for the others,
 * the last place the anchor resolved to (a fallback while the chain is folded away).
 * An nft chain or rule is named by `nftTable` ("inet firewalld"), its chain name and, for
 * a rule, its position and its text as nft lists it; `table` is then unused.
 */
struct NoteAnchor
{
    enum Kind { Point, Chain, Rule, Step };
    Kind kind = Point;
    QString node;
    TableId table = TableId::Filter;
    QString chain;
    int rule = 0;            // Rule: 1-based position in the chain
    QString ruleText;        // Rule: the rule's text (iptables-save form after -A CHAIN, or nft's)
    QString nftTable;        // Chain, Rule: an nft chain's table as nft names it; empty for iptables
    int step = -1;           // Step: index into the current branch's steps
    QPointF point;

    bool operator==(const NoteAnchor &o) const
    {
        return kind == o.kind && node == o.node && table == o.table && chain == o.chain && rule == o.rule
                && ruleText == o.ruleText && nftTable == o.nftTable && step == o.step && (kind != Point || point == o.point);
    }
};

/** A note on the graph: its text, its anchor, and where its box sits relative to the anchor. */
struct Note
{
    int id = 0;
    QString text;
    NoteAnchor anchor;
    QPointF offset{60, -70};

    bool operator==(const Note &o) const
    {
        return id == o.id && text == o.text && anchor == o.anchor && offset == o.offset;
    }
};

} // namespace chainscope
