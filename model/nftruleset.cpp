#include "nftruleset.h"

#include <QStringList>

#include <algorithm>
#include <cstring>

namespace chainscope::nft {

std::string_view familyName(Family f)
{
    switch (f) {
    case Family::Ip: return "ip";
    case Family::Ip6: return "ip6";
    case Family::Inet: return "inet";
    case Family::Arp: return "arp";
    case Family::Bridge: return "bridge";
    case Family::Netdev: return "netdev";
    }
    return "ip";
}

bool familyFromName(std::string_view s, Family &out)
{
    static constexpr std::pair<std::string_view, Family> names[] = {
        {"ip", Family::Ip}, {"ip6", Family::Ip6}, {"inet", Family::Inet},
        {"arp", Family::Arp}, {"bridge", Family::Bridge}, {"netdev", Family::Netdev}};
    for (const auto &[n, f] : names) {
        if (n == s) {
            out = f;
            return true;
        }
    }
    return false;
}

std::string_view hookName(NftHook h)
{
    switch (h) {
    case NftHook::Prerouting: return "prerouting";
    case NftHook::Input: return "input";
    case NftHook::Forward: return "forward";
    case NftHook::Output: return "output";
    case NftHook::Postrouting: return "postrouting";
    case NftHook::Ingress: return "ingress";
    case NftHook::Egress: return "egress";
    case NftHook::None: break;
    }
    return "";
}

bool hookFromName(std::string_view s, NftHook &out)
{
    for (int h = 0; h < int(NftHook::None); ++h) {
        if (hookName(NftHook(h)) == s) {
            out = NftHook(h);
            return true;
        }
    }
    return false;
}

bool priorityFromName(std::string_view name, Family family, NftHook, int &out)
{
    if (family == Family::Bridge) {
        static constexpr std::pair<std::string_view, int> b[] = {{"dstnat", -300}, {"filter", -200}, {"out", 100}, {"srcnat", 300}};
        for (const auto &[n, v] : b)
            if (n == name) { out = v; return true; }
        return false;
    }
    static constexpr std::pair<std::string_view, int> ip[] = {{"raw", -300}, {"mangle", -150}, {"dstnat", -100},
                                                              {"filter", 0}, {"security", 50}, {"srcnat", 100}};
    for (const auto &[n, v] : ip)
        if (n == name) { out = v; return true; }
    return false;
}

QString priorityText(int priority, Family family)
{
    static constexpr std::pair<const char *, int> ip[] = {{"raw", -300}, {"mangle", -150}, {"dstnat", -100},
                                                          {"filter", 0}, {"security", 50}, {"srcnat", 100}};
    static constexpr std::pair<const char *, int> b[] = {{"dstnat", -300}, {"filter", -200}, {"out", 100}, {"srcnat", 300}};
    const auto *begin = family == Family::Bridge ? b : ip;
    const int n = family == Family::Bridge ? 4 : 6;
    for (int i = 0; i < n; ++i) {
        const int d = priority - begin[i].second;
        if (d == 0)
            return QLatin1String(begin[i].first);
        if (d > 0 && d <= 10)
            return QStringLiteral("%1 + %2").arg(QLatin1String(begin[i].first)).arg(d);
        if (d < 0 && d >= -10)
            return QStringLiteral("%1 - %2").arg(QLatin1String(begin[i].first)).arg(-d);
    }
    return QString::number(priority);
}

int iptablesPriority(TableId table, Hook hook)
{
    switch (tableBase(table)) {
    case TableId::Raw: return -300;
    case TableId::Mangle: return -150;
    case TableId::Nat: return (hook == Hook::Prerouting || hook == Hook::Output) ? -100 : 100;
    case TableId::Filter: return 0;
    case TableId::Security: return 50;
    default: return 0;
    }
}

Val Val::name(std::string_view s)
{
    unsigned char b[16] = {};
    std::memcpy(b, s.data(), std::min<size_t>(s.size(), 16));
    Val v;
    for (int i = 0; i < 8; ++i)
        v.hi = (v.hi << 8) | b[i];
    for (int i = 8; i < 16; ++i)
        v.lo = (v.lo << 8) | b[i];
    return v;
}

ValType fieldType(Field f)
{
    switch (f) {
    case Field::IpSaddr: case Field::IpDaddr: case Field::CtOrigSaddr: case Field::CtOrigDaddr:
    case Field::CtReplySaddr: case Field::CtReplyDaddr:
        return ValType::Ipv4;
    case Field::Ip6Saddr: case Field::Ip6Daddr:
        return ValType::Ipv6;
    case Field::IpProtocol: case Field::Ip6Nexthdr: case Field::MetaL4proto:
        return ValType::Proto;
    case Field::ThSport: case Field::ThDport: case Field::TcpSport: case Field::TcpDport: case Field::UdpSport:
    case Field::UdpDport: case Field::SctpSport: case Field::SctpDport: case Field::CtOrigProtoSrc: case Field::CtOrigProtoDst:
        return ValType::Service;
    case Field::TcpFlags: return ValType::TcpFlags;
    case Field::IcmpType: return ValType::IcmpType;
    case Field::Icmpv6Type: return ValType::Icmpv6Type;
    case Field::MetaIifname: case Field::MetaOifname: case Field::MetaIif: case Field::MetaOif:
    case Field::FibDaddrOif: case Field::FibSaddrOif:
        return ValType::IfName;
    case Field::MetaNfproto: return ValType::NfProto;
    case Field::MetaMark: case Field::CtMark: return ValType::Mark;
    case Field::MetaPkttype: return ValType::PktType;
    case Field::CtState: return ValType::CtState;
    case Field::CtStatus: return ValType::CtStatus;
    case Field::CtDirection: return ValType::CtDir;
    case Field::FibDaddrType: case Field::FibSaddrType: return ValType::AddrType;
    default: return ValType::Int;
    }
}

bool fieldIsBitmask(Field f)
{
    return f == Field::CtState || f == Field::CtStatus || f == Field::TcpFlags;
}

namespace {
quint64 hashKey(const Val *key, int n)
{
    quint64 h = 1469598103934665603ull;
    for (int i = 0; i < n; ++i) {
        h = (h ^ key[i].hi) * 1099511628211ull;
        h = (h ^ key[i].lo) * 1099511628211ull;
        h ^= h >> 29;
    }
    return h;
}
} // namespace

int Set::lookup(const Val *key, int n) const
{
    const int comps = int(keyTypes.size());
    if (n != comps)
        return -1;
    if (indexed) {
        const auto [b, e] = index.equal_range(hashKey(key, n));
        for (auto it = b; it != e; ++it) {
            const Element &el = elements[it->second];
            bool eq = true;
            for (int i = 0; i < n && eq; ++i)
                eq = keys[el.key + 2 * i] == key[i];
            if (eq)
                return int(it->second);
        }
        return -1;
    }
    for (size_t ei = 0; ei < elements.size(); ++ei) {
        const Element &el = elements[ei];
        bool in = true;
        for (int i = 0; i < n && in; ++i)
            in = keys[el.key + 2 * i] <= key[i] && key[i] <= keys[el.key + 2 * i + 1];
        if (in)
            return int(ei);
    }
    return -1;
}

void splitAction(const NftRuleset &n, const Rule &rule, std::string_view &action, std::string_view &matches)
{
    const std::string_view text = rule.text;
    action = {};
    matches = text;
    for (quint32 i = rule.first + rule.count; i-- > rule.first;) {
        const Item &it = n.items[i];
        if ((it.kind == Item::Verdict || it.kind == Item::Vmap || it.kind == Item::Nat)
            && it.text.data() >= text.data() && it.text.data() + it.text.size() <= text.data() + text.size()) {
            action = std::string_view(it.text.data(), size_t(text.data() + text.size() - it.text.data()));
            matches = std::string_view(text.data(), size_t(it.text.data() - text.data()));
            return;
        }
    }
}

QString ownerOf(std::string_view table, std::string_view chain, bool iptablesNft)
{
    const auto has = [](std::string_view s, std::string_view what) {
        if (s.size() < what.size())
            return false;
        for (size_t i = 0; i + what.size() <= s.size(); ++i) {
            bool eq = true;
            for (size_t k = 0; k < what.size() && eq; ++k)
                eq = (s[i + k] | 0x20) == (what[k] | 0x20);
            if (eq)
                return true;
        }
        return false;
    };
    if (has(chain, "KUBE-") || has(table, "kube-proxy"))
        return QStringLiteral("kube-proxy");
    if (has(chain, "DOCKER") || has(table, "docker"))
        return QStringLiteral("Docker");
    if (has(chain, "FLANNEL") || has(table, "flannel"))
        return QStringLiteral("flannel");
    if (chain.substr(0, 4) == "cali" || has(table, "calico"))
        return QStringLiteral("Calico");
    if (has(table, "firewalld"))
        return QStringLiteral("firewalld");
    if (has(table, "fw4"))
        return QStringLiteral("firewall4");
    if (has(chain, "CILIUM") || has(table, "cilium"))
        return QStringLiteral("Cilium");
    if (iptablesNft)
        return QStringLiteral("iptables-nft");
    return {};
}

int NftRuleset::tableIndex(Family f, std::string_view name) const
{
    for (size_t i = 0; i < tables.size(); ++i)
        if (tables[i].family == f && tables[i].name == name)
            return int(i);
    return -1;
}

int NftRuleset::tableIndex(const QString &title) const
{
    const QStringList words = title.simplified().split(QLatin1Char(' '));
    Family f;
    if (words.size() != 2 || !familyFromName(words[0].toStdString(), f))
        return -1;
    const std::string name = words[1].toStdString();
    return tableIndex(f, name);
}

int NftRuleset::chainIndex(int table, const QString &name) const
{
    if (table < 0 || size_t(table) >= tables.size())
        return -1;
    const std::string n = name.toStdString();
    const auto &byName = tables[size_t(table)].chainByName;
    const auto it = byName.find(std::string_view(n));
    return it == byName.end() ? -1 : it->second;
}

namespace {
// iptables-nft's compat statements that take a conntrack reference (their checkentry calls
// nf_ct_netns_get): nat targets, CONNMARK/CT/NOTRACK, conntrack/state/connmark matches.
bool xtUsesConntrack(std::string_view text)
{
    for (const std::string_view w : {"DNAT", "SNAT", "MASQUERADE", "REDIRECT", "CONNMARK", "NOTRACK", "\"CT\"", " CT",
                                     "conntrack", "state", "connmark"})
        if (text.find(w) != std::string_view::npos)
            return true;
    return false;
}
} // namespace

void NftRuleset::link()
{
    const auto resolve = [&](nft::Verdict &v, int table) {
        if ((v.kind == nft::Verdict::Jump || v.kind == nft::Verdict::Goto) && v.chain < 0 && table >= 0) {
            const auto &byName = tables[size_t(table)].chainByName;
            if (const auto it = byName.find(v.chainName); it != byName.end())
                v.chain = it->second;
            else
                unresolved = true;
        }
    };
    unresolved = false;
    usesConntrack = false;
    baseIndex.clear();
    for (Chain &c : chains) {
        if (c.base)
            baseIndex.push_back(int(&c - chains.data()));
        // A nat chain alone does not enable conntrack in the namespace (the kernel's nat
        // statements and ct expressions do): without them its nat chains are never traversed.
        for (const Rule &r : c.rules) {
            for (quint32 i = r.first; i < r.first + r.count; ++i) {
                Item &it = items[i];
                resolve(it.verdict, c.table);
                if (it.kind == Item::Nat || it.kind == Item::Notrack || it.setField == Field::CtMark)
                    usesConntrack = true;
                if (it.kind == Item::Xt && xtUsesConntrack(it.text))
                    usesConntrack = true;
                for (int k = 0; k < it.lhs.n; ++k)
                    if (it.lhs.f[k] >= Field::CtState && it.lhs.f[k] <= Field::CtOrigProtoDst)
                        usesConntrack = true;
            }
        }
    }
    linked = true;
    for (Set &s : sets) {
        for (Element &e : s.elements)
            resolve(e.verdict, s.table);
        s.index.clear();
        s.indexed = false;
        const int n = int(s.keyTypes.size());
        bool exact = n > 0;
        for (size_t e = 0; e < s.elements.size() && exact; ++e)
            for (int i = 0; i < n && exact; ++i)
                exact = s.keys[s.elements[e].key + 2 * i] == s.keys[s.elements[e].key + 2 * i + 1];
        if (exact && s.elements.size() > 4) {
            s.index.reserve(s.elements.size());
            std::vector<Val> k(static_cast<size_t>(n));
            for (size_t e = 0; e < s.elements.size(); ++e) {
                for (int i = 0; i < n; ++i)
                    k[size_t(i)] = s.keys[s.elements[e].key + 2 * i];
                s.index.emplace(hashKey(k.data(), n), quint32(e));
            }
            s.indexed = true;
        }
    }
}

void NftRuleset::markDuplicates(const Ruleset &iptables)
{
    if (iptables.backend == Ruleset::Backend::Legacy)
        return;   // iptables-legacy's tables are not nft tables: both run
    for (Table &t : tables) {
        if (!t.iptablesNft || (t.family != Family::Ip && t.family != Family::Ip6))
            continue;
        TableId id;
        if (!tableFromName(t.name, id))
            continue;
        id = tableFor(id, t.family == Family::Ip6 ? chainscope::Family::Ipv6 : chainscope::Family::Ipv4);
        if (iptables.table(id).present)
            t.duplicate = true;
    }
}

int NftRuleset::ruleCount() const
{
    int n = 0;
    for (const Chain &c : chains)
        n += int(c.rules.size());
    return n;
}

QString NftRuleset::tableTitle(int table) const
{
    const Table &t = tables[size_t(table)];
    const std::string_view f = familyName(t.family);
    return QString::fromLatin1(f.data(), qsizetype(f.size())) + QLatin1Char(' ')
            + QString::fromUtf8(t.name.data(), qsizetype(t.name.size()));
}

QString NftRuleset::owner(int chain) const
{
    const Chain &c = chains[size_t(chain)];
    const Table &t = tables[size_t(c.table)];
    // Its own name or its table's; else the chains it jumps to (iptables-nft's FORWARD jumps to
    // DOCKER-USER: Docker's). Another chain of the table says nothing about this one: a host's
    // own INPUT rules in `ip filter` are not Docker's because Docker added DOCKER-USER there.
    QString o = ownerOf(t.name, c.name, false);
    for (size_t r = 0; o.isEmpty() && r < c.rules.size(); ++r)
        for (quint32 i = c.rules[r].first; o.isEmpty() && i < c.rules[r].first + c.rules[r].count; ++i)
            if (items[i].verdict.kind == Verdict::Jump || items[i].verdict.kind == Verdict::Goto)
                o = ownerOf({}, items[i].verdict.chainName, false);
    if (!t.iptablesNft)
        return o;
    return o.isEmpty() ? QStringLiteral("iptables-nft") : QStringLiteral("%1 via iptables-nft").arg(o);
}

int NftRuleset::hookRank(int chain) const
{
    if (!hooksKnown)
        return -1;
    const Chain &c = chains[size_t(chain)];
    const Table &t = tables[size_t(c.table)];
    std::string key(familyName(t.family));
    key += ' ';
    key += t.name;
    key += ' ';
    key += c.name;
    for (size_t i = 0; i < hookOrder.size(); ++i)
        if (hookOrder[i] == key)
            return int(i);
    return -1;
}

std::vector<int> NftRuleset::baseChains(NftHook hook, chainscope::Family packet) const
{
    std::vector<int> out;
    // Every trace asks at every hook: the base chains linked, not a pass over 30k service chains.
    const auto consider = [&](int i) {
        const Chain &c = chains[size_t(i)];
        if (!c.base || c.hook != hook)
            return;
        const Table &t = tables[size_t(c.table)];
        if (t.duplicate || !familySees(t.family, packet))
            return;
        out.push_back(i);
    };
    if (linked) {
        for (const int i : baseIndex)
            consider(i);
    } else {
        for (size_t i = 0; i < chains.size(); ++i)
            consider(int(i));
    }
    std::sort(out.begin(), out.end(), [&](int a, int b) {
        if (chains[size_t(a)].priority != chains[size_t(b)].priority)
            return chains[size_t(a)].priority < chains[size_t(b)].priority;
        const int ra = hookRank(a), rb = hookRank(b);
        if (ra >= 0 && rb >= 0)
            return ra < rb;
        // nf_register_net_hook puts a new hook before those of equal priority: the chain
        // registered last runs first. A listing shows tables and chains in creation order.
        return a > b;
    });
    return out;
}

Item l4protoDependency(quint8 proto, std::string_view text)
{
    Item dep;
    dep.kind = Item::Match;
    dep.op = Item::Eq;
    dep.lhs.n = 1;
    dep.lhs.f[0] = Field::MetaL4proto;
    dep.v = Val::num(proto);
    dep.text = text;
    return dep;
}

} // namespace chainscope::nft
