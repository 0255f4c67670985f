#include "ruleset.h"

#include <algorithm>
#include <cstring>

namespace chainscope {

namespace {
constexpr std::string_view kTableNames[TablesPerFamily] = {"raw", "mangle", "nat", "filter", "security"};
constexpr std::string_view kHookNames[] = {"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"};
}

std::string_view tableName(TableId t)
{
    return kTableNames[int(t) % TablesPerFamily];
}

QString tableTitle(TableId t)
{
    const QString name = QString::fromLatin1(tableName(t).data(), qsizetype(tableName(t).size()));
    return tableFamily(t) == Family::Ipv6 ? name + QLatin1String(" (IPv6)") : name;
}

QLatin1String tableCommand(TableId t)
{
    return tableFamily(t) == Family::Ipv6 ? QLatin1String("ip6tables") : QLatin1String("iptables");
}

QString tableKey(TableId t)
{
    const QString name = QString::fromLatin1(tableName(t).data(), qsizetype(tableName(t).size()));
    return tableFamily(t) == Family::Ipv6 ? name + QLatin1Char('6') : name;
}

bool tableFromName(std::string_view name, TableId &out)
{
    // "filter6": the IPv6 table (tableKey), where one name must say the family
    if (name.size() > 1 && name.back() == '6' && tableFromName(name.substr(0, name.size() - 1), out)) {
        out = tableFor(out, Family::Ipv6);
        return true;
    }
    for (int i = 0; i < TablesPerFamily; ++i) {
        if (kTableNames[i] == name) {
            out = TableId(i);
            return true;
        }
    }
    return false;
}

std::string_view hookName(Hook h)
{
    return kHookNames[int(h)];
}

bool hookFromChainName(std::string_view chain, Hook &out)
{
    for (int i = 0; i < 5; ++i) {
        if (kHookNames[i] == chain) {
            out = Hook(i);
            return true;
        }
    }
    return false;
}

bool Rule::uncertain() const
{
    for (const auto &c : criteria) {
        if (c.kind == Criterion::Unknown)
            return true;
    }
    return target.kind == Target::Unknown;
}

quint32 Table::hashName(std::string_view s) noexcept
{
    // Eight bytes a step: kube-proxy's chain names are 20-odd bytes, and a byte-wise hash was
    // a visible part of a parse.
    quint64 h = 0x9e3779b97f4a7c15ull ^ s.size();
    const char *p = s.data();
    size_t n = s.size();
    const auto mix = [&h](quint64 v) {
        h = (h ^ v) * 0xff51afd7ed558ccdull;
        h ^= h >> 29;
    };
    for (; n >= 8; p += 8, n -= 8) {
        quint64 v;
        std::memcpy(&v, p, 8);
        mix(v);
    }
    if (n > 0) {
        quint64 v = 0;
        std::memcpy(&v, p, n);
        mix(v);
    }
    h *= 0xc4ceb9fe1a85ec53ull;
    return quint32(h ^ (h >> 32));
}

int Table::chainIndex(std::string_view name) const
{
    if (m_slots.empty())
        return -1;
    const quint32 h = hashName(name);
    const size_t mask = m_slots.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const Slot &s = m_slots[i];
        if (s.chain == 0)
            return -1;
        if (s.hash == h && chains[s.chain - 1].name == name)
            return int(s.chain - 1);
    }
}

int Table::addChain(std::string_view name, bool builtin)
{
    // At most half full, so probes stay short and an empty slot always ends them.
    if ((chains.size() + 1) * 2 > m_slots.size())
        growIndex(chains.size() + 1);
    const quint32 h = hashName(name);
    const size_t mask = m_slots.size() - 1;
    size_t i = h & mask;
    for (;; i = (i + 1) & mask) {
        const Slot &s = m_slots[i];
        if (s.chain == 0)
            break;
        if (s.hash == h && chains[s.chain - 1].name == name)
            return int(s.chain - 1);
    }
    m_slots[i] = {h, quint32(chains.size() + 1)};
    Chain c;
    c.name = name;
    c.builtin = builtin;
    chains.push_back(std::move(c));
    return int(chains.size() - 1);
}

void Table::growIndex(size_t minChains)
{
    size_t size = 16;
    while (size < minChains * 2)
        size *= 2;
    if (size <= m_slots.size())
        return;
    std::vector<Slot> slots(size);
    const size_t mask = size - 1;
    for (const Slot &s : m_slots) {
        if (s.chain == 0)
            continue;
        size_t i = s.hash & mask;
        while (slots[i].chain != 0)
            i = (i + 1) & mask;
        slots[i] = s;
    }
    m_slots = std::move(slots);
}

Ruleset::Ruleset()
    : m_storage(std::make_shared<Storage>())
{
    for (int i = 0; i < TableCount; ++i)
        m_tables[size_t(i)].id = TableId(i);
    m_modules.push_back({});
}

std::string_view Ruleset::keep(QByteArray bytes)
{
    m_storage->buffers.push_back(std::move(bytes));
    const QByteArray &b = m_storage->buffers.back();
    return {b.constData(), size_t(b.size())};
}

std::string_view Ruleset::intern(std::string_view s)
{
    const auto it = m_storage->interned.find(s);
    if (it != m_storage->interned.end())
        return it->second;
    m_storage->strings.emplace_back(s);
    const std::string &stored = m_storage->strings.back();
    const std::string_view view(stored.data(), stored.size());
    m_storage->interned.emplace(view, view);
    return view;
}

int Ruleset::addFile(const QString &path, const QByteArray &bytes)
{
    m_files.push_back(path);
    m_fileBytes.push_back(bytes);
    return int(m_files.size()) - 1;
}

QByteArray Ruleset::fileBytes(int file) const
{
    return file >= 0 && size_t(file) < m_fileBytes.size() ? m_fileBytes[size_t(file)] : QByteArray();
}

QString Ruleset::fileOf(SourceLoc loc) const
{
    return loc.file >= 0 && size_t(loc.file) < m_files.size() ? m_files[size_t(loc.file)] : QString();
}

quint16 Ruleset::moduleIndex(std::string_view name)
{
    for (size_t i = 1; i < m_modules.size(); ++i) {
        const std::string_view m = m_modules[i];
        if (m.size() == name.size() && !m.empty() && m[0] == name[0] && m == name)
            return quint16(i);
    }
    m_modules.push_back(intern(name));
    return quint16(m_modules.size() - 1);
}

std::string_view Ruleset::moduleName(quint16 index) const
{
    return index < m_modules.size() ? m_modules[index] : std::string_view();
}

Ruleset Ruleset::emptyCopy() const
{
    Ruleset r;
    r.m_storage = m_storage;
    r.m_files = m_files;
    r.m_fileBytes = m_fileBytes;
    r.m_modules = m_modules;
    r.formats = formats;
    r.backend = backend;
    return r;
}

void Ruleset::adoptAddresses(Rule &rule, const Ruleset &from)
{
    if (&from == this)
        return;
    for (Criterion &c : rule.criteria) {
        if (Criterion::hasAddresses(c.kind)) {
            const AddressPair ad = from.addresses(c);
            setAddresses(c, ad.x, ad.y);
        }
    }
}

namespace {
// Runs shorter than this are cheaper to test rule by rule.
constexpr int kMinDstRun = 16;

void indexDestinations(Chain &c, const Ruleset &rs)
{
    c.dstRuns.clear();
    const int n = int(c.rules.size());
    auto exactDst = [&](int i) {
        const auto &cr = c.rules[size_t(i)].criteria;
        return !cr.empty() && cr.front().kind == Criterion::Dst && !cr.front().neg
                && rs.addresses(cr.front()).y == Address(~0ull, ~0ull);
    };
    for (int i = 0; i < n;) {
        if (!exactDst(i)) {
            ++i;
            continue;
        }
        int j = i;
        while (j < n && exactDst(j))
            ++j;
        if (j - i >= kMinDstRun) {
            DstRun run;
            run.begin = i;
            run.end = j;
            run.entries.reserve(size_t(j - i));
            for (int k = i; k < j; ++k)
                run.entries.push_back({rs.addresses(c.rules[size_t(k)].criteria.front()).x, k});
            std::sort(run.entries.begin(), run.entries.end());
            c.dstRuns.push_back(std::move(run));
        }
        i = j;
    }
}
/** Where a rule tests -p and --dport when it is a PortRun candidate: [Proto, Comment*, DstPort]. */
bool portShape(const Rule &r, qint16 &protoAt, qint16 &portAt)
{
    const auto &cr = r.criteria;
    if (cr.size() < 2 || cr.front().kind != Criterion::Proto || cr.front().neg)
        return false;
    for (size_t i = 1; i < cr.size(); ++i) {
        if (cr[i].kind == Criterion::Comment)
            continue;
        if (cr[i].kind != Criterion::DstPort || cr[i].neg || cr[i].a != cr[i].b)
            return false;
        protoAt = 0;
        portAt = qint16(i);
        return true;
    }
    return false;
}

void indexPorts(Chain &c)
{
    c.portRuns.clear();
    const int n = int(c.rules.size());
    for (int i = 0; i < n;) {
        qint16 protoAt = 0, portAt = 0;
        if (!portShape(c.rules[size_t(i)], protoAt, portAt)) {
            ++i;
            continue;
        }
        const quint32 proto = c.rules[size_t(i)].criteria.front().a;
        int j = i + 1;
        qint16 pa = 0, pp = 0;
        while (j < n && portShape(c.rules[size_t(j)], pa, pp) && pa == protoAt && pp == portAt
               && c.rules[size_t(j)].criteria.front().a == proto)
            ++j;
        if (j - i >= kMinDstRun) {
            PortRun run;
            run.begin = i;
            run.end = j;
            run.proto = quint8(proto);
            run.protoCriterion = protoAt;
            run.portCriterion = portAt;
            run.entries.reserve(size_t(j - i));
            for (int k = i; k < j; ++k)
                run.entries.push_back({quint16(c.rules[size_t(k)].criteria[size_t(portAt)].a), k});
            std::sort(run.entries.begin(), run.entries.end());
            c.portRuns.push_back(std::move(run));
        }
        i = j;
    }
}
} // namespace

void Ruleset::link()
{
    // One pass over the rules: this runs after every parse of a quarter-million-rule dump.
    m_usesConntrack[0] = m_usesConntrack[1] = false;
    for (Table &t : m_tables) {
        bool &usesConntrack = m_usesConntrack[int(tableFamily(t.id))];
        for (Chain &c : t.chains)
            c.references = 0;
        for (Chain &c : t.chains) {
            indexDestinations(c, *this);
            indexPorts(c);
            for (Rule &r : c.rules) {
                for (const Criterion &cr : r.criteria) {
                    if ((cr.kind >= Criterion::CtState && cr.kind <= Criterion::CtExpire) || cr.kind == Criterion::ConnMark)
                        usesConntrack = true;
                    else if (cr.kind == Criterion::Unknown && (cr.text.find("conn") != std::string_view::npos
                                                               || cr.text.find("helper") != std::string_view::npos
                                                               || cr.text.find("cluster") != std::string_view::npos))
                        usesConntrack = true;   // connbytes, connlimit, connlabel, helper, cluster
                }
                Target &tg = r.target;
                switch (tg.kind) {
                case Target::ConnMark: case Target::Ct: case Target::Notrack: case Target::Dnat: case Target::Snat:
                case Target::Masquerade: case Target::Redirect: case Target::Netmap:
                    usesConntrack = true;
                    break;
                case Target::Jump: case Target::Goto: {
                    // The parser resolved most targets already, and points the name at the
                    // chain's own: checking that is cheaper than a lookup.
                    int idx = -1;
                    if (tg.chain >= 0 && size_t(tg.chain) < t.chains.size()) {
                        const std::string_view have = t.chains[size_t(tg.chain)].name;
                        if ((have.data() == tg.name.data() && have.size() == tg.name.size()) || have == tg.name)
                            idx = tg.chain;
                    }
                    if (idx < 0)
                        idx = t.chainIndex(tg.name);
                    if (idx >= 0 && !t.chains[size_t(idx)].builtin) {
                        tg.chain = idx;
                        ++t.chains[size_t(idx)].references;
                    } else {
                        // Neither a target we know nor a chain of this table: kept, and
                        // the trace stops being certain when it reaches it.
                        tg.chain = -1;
                        tg.kind = Target::Unknown;
                    }
                    break;
                }
                default:
                    if (tg.name == "CONNSECMARK")
                        usesConntrack = true;
                    break;
                }
            }
        }
    }
}

bool Ruleset::hasFamily(Family f) const
{
    for (const Table &t : m_tables) {
        if (t.present && tableFamily(t.id) == f)
            return true;
    }
    return false;
}

const Rule *Ruleset::findRule(quint32 id, TableId *table, int *chain, int *index) const
{
    for (const Table &t : m_tables) {
        for (size_t c = 0; c < t.chains.size(); ++c) {
            const auto &rules = t.chains[c].rules;
            for (size_t i = 0; i < rules.size(); ++i) {
                if (rules[i].id == id) {
                    if (table) *table = t.id;
                    if (chain) *chain = int(c);
                    if (index) *index = int(i);
                    return &rules[i];
                }
            }
        }
    }
    return nullptr;
}

} // namespace chainscope
