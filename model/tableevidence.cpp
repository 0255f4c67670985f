#include "tableevidence.h"
#include "text.h"

namespace chainscope {

namespace {

using text::q;

/** The built-in chains each table has, as a mask of 1 << Hook, in TableId order. */
constexpr quint8 kBuiltins[TablesPerFamily] = {
    0x09,   // raw: PREROUTING, OUTPUT
    0x1f,   // mangle: all five
    0x1b,   // nat: PREROUTING, INPUT, OUTPUT, POSTROUTING
    0x0e,   // filter: INPUT, FORWARD, OUTPUT
    0x0e,   // security: as filter
};

QString tableList(quint8 tables)
{
    // security has filter's built-in chains but is rarely used: named only alone.
    if ((tables & (1u << int(TableId::Filter))) && (tables & (1u << int(TableId::Security))))
        tables &= quint8(~(1u << int(TableId::Security)));
    QStringList names;
    for (int t = 0; t < TablesPerFamily; ++t) {
        if (tables & (1u << t))
            names << q(tableName(TableId(t)));
    }
    return names.join(QLatin1String(", "));
}

} // namespace

void TableEvidence::add(quint8 tables, Kind kind, std::string_view subject, int line)
{
    if (tables == 0 || tables == kAll)
        return;
    if ((m_mask & tables) == m_mask) {
        // Says nothing new; keep the first piece of each kind for the message.
        for (const Piece &p : m_pieces) {
            if (p.kind == kind)
                return;
        }
        m_pieces.push_back({tables, kind, subject, line});
        return;
    }
    m_pieces.push_back({tables, kind, subject, line});
    if (conflict())
        return;
    if ((m_mask & tables) == 0) {
        m_conflict = int(m_pieces.size()) - 1;
        return;
    }
    m_mask &= tables;
}

void TableEvidence::addBuiltinSet(quint8 hooks, int line)
{
    if (hooks == 0)
        return;
    quint8 exact = 0, superset = 0;
    for (int t = 0; t < TablesPerFamily; ++t) {
        if (kBuiltins[t] == hooks)
            exact |= bit(TableId(t));
        if ((kBuiltins[t] & hooks) == hooks)
            superset |= bit(TableId(t));
    }
    add(exact ? exact : superset, Kind::BuiltinSet, {}, line);
}

void TableEvidence::addTarget(std::string_view target, int line)
{
    if (target == "DNAT" || target == "SNAT" || target == "MASQUERADE" || target == "REDIRECT" || target == "NETMAP")
        add(bit(TableId::Nat), Kind::Target, target, line);
    else if (target == "CT" || target == "NOTRACK")
        add(bit(TableId::Raw), Kind::Target, target, line);
    else if (target == "REJECT")
        add(bit(TableId::Filter) | bit(TableId::Mangle), Kind::Target, target, line);
}

void TableEvidence::addChainName(std::string_view n, int line)
{
    if (n.starts_with("KUBE-SVC-") || n.starts_with("KUBE-SEP-") || n.starts_with("KUBE-SVL-")
        || n.starts_with("KUBE-FW-") || n.starts_with("KUBE-XLB-") || n.starts_with("KUBE-EXT-")
        || n == "KUBE-MARK-MASQ" || n == "KUBE-POSTROUTING" || n == "KUBE-MARK-DROP" || n == "KUBE-NODEPORTS") {
        // KUBE-NODEPORTS also exists in filter since 1.28, but only with -m comment rules that
        // carry no target a caller could tell; nat is where it has DNAT chains.
        if (n != "KUBE-NODEPORTS")
            add(bit(TableId::Nat), Kind::ChainName, n, line);
    } else if (n == "KUBE-FORWARD" || n == "KUBE-FIREWALL" || n == "KUBE-EXTERNAL-SERVICES" || n == "KUBE-PROXY-FIREWALL"
               || n == "DOCKER-USER" || n.starts_with("DOCKER-ISOLATION") || n == "DOCKER-FORWARD") {
        add(bit(TableId::Filter), Kind::ChainName, n, line);
    }
}

TableId TableEvidence::preferred(quint8 tables)
{
    static const TableId order[] = {TableId::Filter, TableId::Nat, TableId::Mangle, TableId::Raw, TableId::Security};
    for (TableId t : order) {
        if (tables & bit(t))
            return t;
    }
    return TableId::Filter;
}

bool TableEvidence::settled() const
{
    quint8 m = m_mask;
    if (m & bit(TableId::Filter))
        m &= quint8(~bit(TableId::Security));
    return m != 0 && (m & (m - 1)) == 0;
}

TableId TableEvidence::table() const
{
    return preferred(m_mask);
}

std::vector<TableId> TableEvidence::candidates() const
{
    std::vector<TableId> out;
    if (!conflict()) {
        out.push_back(table());
        return out;
    }
    out.push_back(table());
    const TableId other = preferred(m_pieces[size_t(m_conflict)].tables);
    if (other != out.front())
        out.push_back(other);
    return out;
}

QString TableEvidence::describe(const Piece &p) const
{
    const QString line = p.line > 0 ? tr(" on line %1").arg(p.line) : QString();
    switch (p.kind) {
    case Kind::Command:
        return tr("the command%1").arg(line);
    case Kind::BuiltinSet:
        return tr("the built-in chains listed together (those of table %1)").arg(tableList(p.tables));
    case Kind::Target:
        return tr("its %1 target%2").arg(q(p.subject), line);
    case Kind::ChainName:
        return tr("chain %1, which lives in %2").arg(q(p.subject), tableList(p.tables));
    case Kind::Caller:
        return tr("chain %1, which jumps to it").arg(q(p.subject));
    case Kind::KubeJump:
        return tr("its jumps to kube-proxy chains such as %1").arg(q(p.subject));
    }
    return QString();
}

QString TableEvidence::reason() const
{
    QStringList parts;
    const int end = conflict() ? m_conflict : int(m_pieces.size());
    for (int i = 0; i < end && parts.size() < 3; ++i) {
        if (m_pieces[size_t(i)].tables & m_mask)
            parts << describe(m_pieces[size_t(i)]);
    }
    return parts.join(tr(" and "));
}

QString TableEvidence::conflictText() const
{
    if (!conflict())
        return QString();
    const Piece &c = m_pieces[size_t(m_conflict)];
    return tr("%1: table %2; but %3: table %4").arg(reason(), tableList(m_mask), describe(c), tableList(c.tables));
}

} // namespace chainscope
