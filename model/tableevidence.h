#pragma once

#include "ruleset.h"

#include <QCoreApplication>
#include <QString>

#include <string_view>
#include <vector>

namespace chainscope {

/**
 * What a dump that does not name its table (`iptables -S`, `iptables -L`) says about it,
 * gathered piece by piece: the command that printed it, the set of built-in chains, targets
 * only one table allows (DNAT, CT), chain names kube-proxy and Docker write in one table,
 * callers. Each piece narrows a set of candidate tables. Pieces that contradict each other
 * are kept as a conflict rather than resolved by preference: a wrong table is worse than
 * asking. Stores views and line numbers only; text is built when a message is wanted.
 */
class TableEvidence
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::TableEvidence)
public:
    enum class Kind : quint8 {
        Command,      // subject: the command line's text
        BuiltinSet,   // subject: unused; the built-in chains listed together
        Target,       // subject: the target name
        ChainName,    // subject: the chain's name
        Caller,       // subject: the calling chain's name
        KubeJump,     // subject: the kube-proxy chain jumped to
    };
    static constexpr quint8 kAll = 0x1f;
    static quint8 bit(TableId t) { return quint8(1u << int(t)); }

    /** Narrows to `tables` (a mask of bit()s) because of one piece of evidence. */
    void add(quint8 tables, Kind kind, std::string_view subject, int line);

    /** The built-in chains seen together (a mask of 1 << Hook) as evidence, if they tell. */
    void addBuiltinSet(quint8 hooks, int line);
    /** Evidence from a target's name (DNAT, SNAT, MASQUERADE, REDIRECT, NETMAP, CT, NOTRACK, REJECT). */
    void addTarget(std::string_view target, int line);
    /** Evidence from a chain's name (KUBE-SVC-..., DOCKER-USER...). */
    void addChainName(std::string_view chain, int line);

    quint8 tables() const { return m_mask; }
    /** One table left (filter standing for security too): the evidence decides, not a preference. */
    bool settled() const;
    bool any() const { return !m_pieces.empty(); }
    bool conflict() const { return m_conflict >= 0; }
    /** The table to read as: the preferred one among the candidates (filter first). */
    TableId table() const;
    /** For a conflict: one table for each side, in the order found. */
    std::vector<TableId> candidates() const;
    /** "its DNAT target on line 12" for the evidence behind table(); empty without evidence. */
    QString reason() const;
    /** "its built-in chains (the set of table filter) and its DNAT target on line 12 (table nat)". */
    QString conflictText() const;

    static TableId preferred(quint8 tables);

private:
    struct Piece
    {
        quint8 tables;
        Kind kind;
        std::string_view subject;
        int line;
    };
    QString describe(const Piece &p) const;
    std::vector<Piece> m_pieces;
    quint8 m_mask = kAll;
    int m_conflict = -1;      // index of the piece that contradicted the ones before
};

} // namespace chainscope
