#include "nftdiff.h"
#include "text.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <string>
#include <unordered_map>

namespace chainscope {

namespace {

using text::q;

/**
 * kube-proxy's nftables names: PREFIX + 8 base32 characters of a SHA-256 + '-' + what the
 * chain (or affinity set) serves. `kind` is the prefix without its dash, `rest` the part
 * after the hash.
 */
bool kubeParts(std::string_view n, std::string_view &kind, std::string_view &rest)
{
    static constexpr std::string_view prefixes[] = {"service-", "endpoint-", "external-", "local-", "firewall-", "affinity-"};
    for (const std::string_view p : prefixes) {
        if (n.size() <= p.size() + 9 || !n.starts_with(p) || n[p.size() + 8] != '-')
            continue;
        bool hash = true;
        for (size_t i = p.size(); i < p.size() + 8 && hash; ++i)
            hash = (n[i] >= 'A' && n[i] <= 'Z') || (n[i] >= '2' && n[i] <= '7');
        if (!hash)
            continue;
        kind = p.substr(0, p.size() - 1);
        rest = n.substr(p.size() + 9);
        return true;
    }
    return false;
}

void appendKey(std::string &out, std::string_view kind, std::string_view rest)
{
    out += '<';
    out += kind;
    out += ' ';
    out += rest;
    out += '>';
}

bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/** A text rule (or statement) as compared: see NftDiff. One pass, one string. */
QString textKey(std::string_view t)
{
    std::string out;
    out.reserve(t.size() + 16);
    std::string_view last;   // the last word written
    enum { Plain, AfterCounter, PacketsValue, AfterPackets, BytesValue } counter = Plain;
    bool space = false;
    size_t i = 0;
    while (i < t.size()) {
        const char c = t[i];
        if (blank(c)) {
            space = true;
            ++i;
            continue;
        }
        size_t j = i + 1;
        if (c == '"') {
            while (j < t.size() && t[j] != '"')
                j += t[j] == '\\' && j + 1 < t.size() ? 2 : 1;
            j = std::min(j + 1, t.size());
        } else if (c != ',' && c != '{' && c != '}') {
            while (j < t.size() && !blank(t[j]) && t[j] != ',' && t[j] != '{' && t[j] != '}' && t[j] != '"')
                ++j;
        }
        const std::string_view w = t.substr(i, j - i);
        i = j;
        // `counter packets N bytes M`: the values are not the rule.
        if (counter == AfterCounter && w == "packets") {
            counter = PacketsValue;
            continue;
        }
        if (counter == PacketsValue) {
            counter = AfterPackets;
            continue;
        }
        if (counter == AfterPackets && w == "bytes") {
            counter = BytesValue;
            continue;
        }
        if (counter == BytesValue) {
            counter = Plain;
            continue;
        }
        counter = w == "counter" ? AfterCounter : Plain;
        if (space && !out.empty())
            out += ' ';
        space = false;
        std::string_view kind, rest;
        if ((last == "jump" || last == "goto") && kubeParts(w, kind, rest)) {
            appendKey(out, kind, rest);
        } else if (w.size() > 1 && w[0] == '@' && kubeParts(w.substr(1), kind, rest)) {
            out += '@';
            appendKey(out, kind, rest);
        } else {
            out += w;
        }
        last = w;
    }
    return QString::fromStdString(out);
}

/** nft -j: kube-proxy names as keys, counters without values. */
QJsonValue jsonKeyed(const QJsonValue &v)
{
    if (v.isString()) {
        const QByteArray s = v.toString().toUtf8();
        const bool at = s.startsWith('@');
        std::string_view kind, rest;
        if (!kubeParts(std::string_view(s.constData() + (at ? 1 : 0), size_t(s.size() - (at ? 1 : 0))), kind, rest))
            return v;
        std::string out = at ? "@" : "";
        appendKey(out, kind, rest);
        return QString::fromStdString(out);
    }
    if (v.isArray()) {
        QJsonArray a;
        for (const QJsonValue &x : v.toArray())
            a.append(jsonKeyed(x));
        return a;
    }
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        QJsonObject r;
        for (auto it = o.begin(); it != o.end(); ++it)
            r.insert(it.key(), it.key() == QLatin1String("counter") ? QJsonValue() : jsonKeyed(it.value()));
        return r;
    }
    return v;
}

QString jsonKey(std::string_view t)
{
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromRawData(t.data(), qsizetype(t.size()))).object();
    const QJsonObject r = o.contains(QLatin1String("rule")) ? o.value(QLatin1String("rule")).toObject() : o;
    const QJsonValue expr = r.contains(QLatin1String("expr")) ? r.value(QLatin1String("expr")) : QJsonValue(o);
    const QJsonValue keyed = jsonKeyed(expr);
    QString out = QString::fromUtf8(keyed.isArray() ? QJsonDocument(keyed.toArray()).toJson(QJsonDocument::Compact)
                                                    : QJsonDocument(keyed.toObject()).toJson(QJsonDocument::Compact));
    if (r.contains(QLatin1String("comment")))
        out += QLatin1String(" comment \"") + r.value(QLatin1String("comment")).toString() + QLatin1Char('"');
    return out;
}

QString statementKey(std::string_view t)
{
    // JSON only as a statement the printer did not know (nftjsontext.h) leaves it, whole
    return !t.empty() && t.front() == '{' && t.back() == '}' ? jsonKey(t) : textKey(t);
}

/**
 * What a rule is for, to pair a rule that changed with its old self: its comment, else what
 * it does: its verdict (`accept`, `goto <service ...>`), what a vmap looks up (kube-proxy's
 * `numgen random mod 2 vmap { ... }` when an endpoint changed), the kind of nat, or its last
 * statement.
 */
QString identity(const nft::NftRuleset &n, const nft::Rule &r)
{
    if (!r.comment.empty())
        return QLatin1String("comment:") + q(r.comment);
    for (quint32 k = r.count; k > 0; --k) {
        const nft::Item &it = n.items[r.first + k - 1];
        if (it.kind == nft::Item::Counter)
            continue;
        if (it.kind == nft::Item::Nat)
            return QStringLiteral("nat:%1").arg(it.natKind);
        if (it.kind == nft::Item::Vmap && !it.text.empty() && it.text.front() != '{') {
            const size_t v = it.text.find(" vmap ");
            return QLatin1String("vmap:") + textKey(it.text.substr(0, v));
        }
        return QLatin1String("last:") + statementKey(it.text);
    }
    return QString();
}

QString word(std::string_view s)
{
    return QString::fromLatin1(s.data(), qsizetype(s.size()));
}

const char *typeName(nft::ValType t)
{
    switch (t) {
    case nft::ValType::Ipv4: return "ipv4_addr";
    case nft::ValType::Ipv6: return "ipv6_addr";
    case nft::ValType::Proto: return "inet_proto";
    case nft::ValType::Service: return "inet_service";
    case nft::ValType::IfName: return "ifname";
    case nft::ValType::Mark: return "mark";
    case nft::ValType::CtState: return "ct_state";
    case nft::ValType::CtStatus: return "ct_status";
    case nft::ValType::Verdict: return "verdict";
    case nft::ValType::Int: return "integer";
    case nft::ValType::IcmpType: return "icmp_type";
    case nft::ValType::Icmpv6Type: return "icmpv6_type";
    case nft::ValType::PktType: return "pkttype";
    case nft::ValType::NfProto: return "nf_proto";
    case nft::ValType::AddrType: return "fib_addrtype";
    case nft::ValType::TcpFlags: return "tcp_flag";
    case nft::ValType::CtDir: return "ct_dir";
    default: return "?";
    }
}

/** "ipv4_addr . inet_proto . inet_service : verdict flags interval,timeout", as compared. */
QString setType(const nft::Set &s)
{
    QString out;
    for (size_t i = 0; i < s.keyTypes.size(); ++i)
        out += (i ? QLatin1String(" . ") : QLatin1String("")) + QLatin1String(typeName(s.keyTypes[i]));
    if (s.map) {
        out += QLatin1String(" :");
        for (size_t i = 0; i < s.dataTypes.size(); ++i)
            out += (i ? QLatin1String(" . ") : QLatin1String(" ")) + QLatin1String(typeName(s.dataTypes[i]));
    }
    QStringList flags;
    if (s.constant) flags << QStringLiteral("constant");
    if (s.dynamic) flags << QStringLiteral("dynamic");
    if (s.interval) flags << QStringLiteral("interval");
    if (s.timeout) flags << QStringLiteral("timeout");
    if (!flags.isEmpty())
        out += QLatin1String(" flags ") + flags.join(QLatin1Char(','));
    return out;
}

/** One value as nft prints it, for elements read from JSON (text elements keep their text). */
QString valText(nft::ValType t, const nft::Val &lo, const nft::Val &hi)
{
    const auto one = [t](const nft::Val &v) -> QString {
        switch (t) {
        case nft::ValType::Ipv4:
        case nft::ValType::Ipv6:
            return v.toAddress().toString();
        case nft::ValType::Proto:
            switch (v.lo) {
            case 1: return QStringLiteral("icmp");
            case 6: return QStringLiteral("tcp");
            case 17: return QStringLiteral("udp");
            case 58: return QStringLiteral("ipv6-icmp");
            case 132: return QStringLiteral("sctp");
            default: return QString::number(v.lo);
            }
        case nft::ValType::IfName: {
            QByteArray b;
            for (int i = 7; i >= 0; --i)
                b += char((v.hi >> (8 * i)) & 0xff);
            for (int i = 7; i >= 0; --i)
                b += char((v.lo >> (8 * i)) & 0xff);
            return QLatin1Char('"') + QString::fromUtf8(b.left(b.indexOf('\0') < 0 ? b.size() : b.indexOf('\0'))) + QLatin1Char('"');
        }
        case nft::ValType::Mark:
            return QStringLiteral("0x%1").arg(v.lo, 8, 16, QLatin1Char('0'));
        default:
            return QString::number(v.lo);
        }
    };
    return lo == hi ? one(lo) : one(lo) + QLatin1Char('-') + one(hi);
}

const std::string_view optionWords[] = {" timeout ", " expires ", " counter ", " comment "};

/** An element's key as written: its text up to the data or the element's options. */
QString elementKey(const nft::Set &s, const nft::Element &el)
{
    if (!el.text.empty()) {
        std::string_view t = el.text;
        size_t end = s.map ? t.find(" : ") : std::string_view::npos;
        for (const std::string_view w : optionWords)
            end = std::min(end, t.find(w));
        return q(t.substr(0, std::min(end, t.size())));
    }
    QString out;
    for (size_t c = 0; c < s.keyTypes.size(); ++c) {
        const size_t at = el.key + 2 * c;
        if (at + 1 < s.keys.size())
            out += (c ? QLatin1String(" . ") : QLatin1String("")) + valText(s.keyTypes[c], s.keys[at], s.keys[at + 1]);
    }
    return out;
}

QString verdictText(const nft::Verdict &v)
{
    std::string out;
    switch (v.kind) {
    case nft::Verdict::Accept: out = "accept"; break;
    case nft::Verdict::Drop: out = "drop"; break;
    case nft::Verdict::Reject: out = "reject"; break;
    case nft::Verdict::Return: out = "return"; break;
    case nft::Verdict::Continue: out = "continue"; break;
    case nft::Verdict::Queue: out = "queue"; break;
    case nft::Verdict::Jump: out = "jump "; break;
    case nft::Verdict::Goto: out = "goto "; break;
    case nft::Verdict::None: break;
    }
    if (v.kind == nft::Verdict::Jump || v.kind == nft::Verdict::Goto) {
        std::string_view kind, rest;
        if (kubeParts(v.chainName, kind, rest))
            appendKey(out, kind, rest);
        else
            out += v.chainName;
    }
    return QString::fromStdString(out);
}

/** A map element's data as compared: the verdict with kube-proxy names as keys, or the values. */
QString elementData(const nft::Set &s, const nft::Element &el)
{
    if (!s.map)
        return QString();
    if (s.isVmap())
        return verdictText(el.verdict);
    if (!el.text.empty()) {
        std::string_view t = el.text;
        const size_t colon = t.find(" : ");
        if (colon != std::string_view::npos)
            return textKey(t.substr(colon + 3));
    }
    QString out;
    for (size_t d = 0; d < s.dataTypes.size() && d < 2; ++d)
        out += (d ? QLatin1String(" . ") : QLatin1String("")) + valText(s.dataTypes[d], el.data[d], el.data[d]);
    return out;
}

/** Elements' keys hashed: equal keys, equal hashes (components lo and hi, in order). */
quint64 keyHash(const nft::Set &s, const nft::Element &el)
{
    quint64 h = 0xcbf29ce484222325ull;
    const size_t n = 2 * s.keyTypes.size();
    for (size_t k = el.key; k < el.key + n && k < s.keys.size(); ++k) {
        for (const quint64 x : {s.keys[k].hi, s.keys[k].lo}) {
            h ^= x;
            h *= 0x100000001b3ull;
            h ^= h >> 29;
        }
    }
    return h;
}

bool sameKey(const nft::Set &a, const nft::Element &x, const nft::Set &b, const nft::Element &y)
{
    const size_t n = 2 * a.keyTypes.size();
    if (n != 2 * b.keyTypes.size() || x.key + n > a.keys.size() || y.key + n > b.keys.size())
        return false;
    for (size_t k = 0; k < n; ++k) {
        if (!(a.keys[x.key + k] == b.keys[y.key + k]))
            return false;
    }
    return true;
}

QString chainKeyOf(std::string_view name)
{
    std::string_view kind, rest;
    if (!kubeParts(name, kind, rest))
        return q(name);
    return word(kind) + QLatin1Char(' ') + q(rest);
}

/** Pairs items of two tables by key: left in order (paired or alone), then the right ones left over. */
template<typename KeyOfA, typename KeyOfB>
std::vector<std::pair<int, int>> pairByKey(const std::vector<int> &a, const std::vector<int> &b, KeyOfA keyOfA, KeyOfB keyOfB,
                                           std::vector<QString> &keys)
{
    QHash<QString, int> rightByKey;
    rightByKey.reserve(qsizetype(b.size()));
    std::vector<QString> keyB(b.size());
    for (size_t i = 0; i < b.size(); ++i) {
        keyB[i] = keyOfB(b[i]);
        if (!rightByKey.contains(keyB[i]))
            rightByKey.insert(keyB[i], int(i));   // on a clash the first one pairs, the others stay alone
    }
    std::vector<bool> used(b.size(), false);
    std::vector<std::pair<int, int>> out;
    out.reserve(std::max(a.size(), b.size()));
    for (const int x : a) {
        QString key = keyOfA(x);
        const auto it = rightByKey.constFind(key);
        if (it != rightByKey.cend() && !used[size_t(*it)]) {
            used[size_t(*it)] = true;
            out.push_back({x, b[size_t(*it)]});
        } else {
            out.push_back({x, -1});
        }
        keys.push_back(std::move(key));
    }
    for (size_t i = 0; i < b.size(); ++i) {
        if (!used[i]) {
            out.push_back({-1, b[i]});
            keys.push_back(keyB[i]);
        }
    }
    return out;
}

void compareChains(const nft::NftRuleset &L, const nft::NftRuleset &R, NftDiffResult &out, int pi)
{
    const NftChainPair &cp = out.chains[size_t(pi)];
    static const std::vector<nft::Rule> none;
    const std::vector<nft::Rule> &ra = cp.left >= 0 ? L.chains[size_t(cp.left)].rules : none;
    const std::vector<nft::Rule> &rb = cp.right >= 0 ? R.chains[size_t(cp.right)].rules : none;
    if (cp.left >= 0 && cp.right >= 0) {
        const nft::Chain &a = L.chains[size_t(cp.left)], &b = R.chains[size_t(cp.right)];
        const auto change = [&](NftChainChange::Field f, const QString &x, const QString &y) {
            if (x != y)
                out.chainChanges.push_back({pi, f, x, y});
        };
        const auto family = [](const nft::NftRuleset &n, const nft::Chain &c) { return n.tables[size_t(c.table)].family; };
        if (a.base != b.base) {
            change(NftChainChange::Base, a.base ? QStringLiteral("base") : QStringLiteral("regular"),
                   b.base ? QStringLiteral("base") : QStringLiteral("regular"));
        } else if (a.base) {
            change(NftChainChange::Type, word(a.type), word(b.type));
            change(NftChainChange::Hook, word(nft::hookName(a.hook)), word(nft::hookName(b.hook)));
            if (a.priority != b.priority)
                change(NftChainChange::Priority, nft::priorityText(a.priority, family(L, a)), nft::priorityText(b.priority, family(R, b)));
            change(NftChainChange::Policy, a.policyDrop ? QStringLiteral("drop") : QStringLiteral("accept"),
                   b.policyDrop ? QStringLiteral("drop") : QStringLiteral("accept"));
            change(NftChainChange::Device, q(a.device), q(b.device));
        }
    }
    std::vector<QString> keyA(ra.size()), keyB(rb.size());
    for (size_t i = 0; i < ra.size(); ++i)
        keyA[i] = statementKey(ra[i].text);
    for (size_t i = 0; i < rb.size(); ++i)
        keyB[i] = statementKey(rb[i].text);
    const auto identityOf = [&](int side, int i) {
        return side == 0 ? identity(L, ra[size_t(i)]) : identity(R, rb[size_t(i)]);
    };
    for (const AlignedRow &row : Diff::alignRows(keyA, keyB, identityOf)) {
        NftRuleDiff d;
        d.kind = row.kind;
        d.pair = pi;
        d.left = row.left;
        d.right = row.right;
        if (row.left >= 0)
            d.leftText = std::move(keyA[size_t(row.left)]);
        if (row.right >= 0)
            d.rightText = std::move(keyB[size_t(row.right)]);
        out.rules.push_back(std::move(d));
    }
}

void compareSets(const nft::NftRuleset &L, const nft::NftRuleset &R, NftDiffResult &out, int si, int limit)
{
    NftSetPair &sp = out.sets[size_t(si)];
    if (sp.left >= 0)
        sp.leftType = setType(L.sets[size_t(sp.left)]);
    if (sp.right >= 0)
        sp.rightType = setType(R.sets[size_t(sp.right)]);
    if (sp.left < 0 || sp.right < 0)
        return;
    const nft::Set &a = L.sets[size_t(sp.left)], &b = R.sets[size_t(sp.right)];
    // The right elements by key hash, then each left element looks its key up: linear.
    std::unordered_multimap<quint64, int> byKey;
    byKey.reserve(b.elements.size());
    for (size_t y = 0; y < b.elements.size(); ++y)
        byKey.emplace(keyHash(b, b.elements[y]), int(y));
    std::vector<bool> matched(b.elements.size(), false);
    int listed = 0;
    const auto list = [&](RuleDiff::Kind kind, const nft::Element *x, const nft::Element *y, QString leftData, QString rightData) {
        if (listed >= limit)
            return;
        ++listed;
        out.elements.push_back({kind, si, x ? elementKey(a, *x) : elementKey(b, *y), std::move(leftData), std::move(rightData)});
    };
    for (const nft::Element &x : a.elements) {
        int found = -1;
        const auto [lo, hi] = byKey.equal_range(keyHash(a, x));
        for (auto it = lo; it != hi && found < 0; ++it) {
            if (!matched[size_t(it->second)] && sameKey(a, x, b, b.elements[size_t(it->second)]))
                found = it->second;
        }
        if (found < 0) {
            ++sp.removed;
            list(RuleDiff::OnlyLeft, &x, nullptr, elementData(a, x), QString());
            continue;
        }
        matched[size_t(found)] = true;
        if (a.map) {
            const nft::Element &y = b.elements[size_t(found)];
            QString dx = elementData(a, x), dy = elementData(b, y);
            if (dx != dy) {
                ++sp.changed;
                list(RuleDiff::Changed, &x, &y, std::move(dx), std::move(dy));
            }
        }
    }
    for (size_t y = 0; y < b.elements.size(); ++y) {
        if (!matched[y]) {
            ++sp.added;
            list(RuleDiff::OnlyRight, nullptr, &b.elements[y], QString(), elementData(b, b.elements[y]));
        }
    }
}

} // namespace

const char *NftChainChange::fieldName(Field f)
{
    switch (f) {
    case Base: return "base";
    case Type: return "type";
    case Hook: return "hook";
    case Priority: return "priority";
    case Policy: return "policy";
    case Device: return "device";
    }
    return "";
}

int NftDiffResult::differences() const
{
    int n = int(chainChanges.size());
    for (const NftTablePair &t : tables)
        n += (t.left < 0 || t.right < 0) ? 1 : 0;
    for (const NftChainPair &c : chains)
        n += (c.left < 0 || c.right < 0) ? 1 : 0;
    for (const NftRuleDiff &r : rules)
        n += r.kind != RuleDiff::Same ? 1 : 0;
    for (const NftSetPair &s : sets)
        n += (s.left < 0 || s.right < 0 ? 1 : 0) + (s.typeChanged() ? 1 : 0) + s.added + s.removed + s.changed;
    return n;
}

QString NftDiff::chainKey(std::string_view name)
{
    return chainKeyOf(name);
}

QString NftDiff::ruleKey(std::string_view text)
{
    return statementKey(text);
}

NftDiffResult NftDiff::compare(const nft::NftRuleset &left, const nft::NftRuleset &right, const NftDiffOptions &options)
{
    NftDiffResult out;
    // Tables by family and name; iptables-nft's copies of the iptables dump are Diff's.
    std::vector<bool> rightUsed(right.tables.size(), false);
    std::vector<std::pair<int, int>> tablePairs;
    for (size_t t = 0; t < left.tables.size(); ++t) {
        const nft::Table &a = left.tables[t];
        const int r = right.tableIndex(a.family, a.name);
        if (r >= 0 && !rightUsed[size_t(r)]) {
            rightUsed[size_t(r)] = true;
            if (!(a.duplicate && right.tables[size_t(r)].duplicate))
                tablePairs.push_back({int(t), r});
        } else if (!a.duplicate) {
            tablePairs.push_back({int(t), -1});
        }
    }
    for (size_t r = 0; r < right.tables.size(); ++r) {
        if (!rightUsed[r] && !right.tables[r].duplicate)
            tablePairs.push_back({-1, int(r)});
    }
    for (const auto &[ta, tb] : tablePairs) {
        const int ti = int(out.tables.size());
        out.tables.push_back({ta, tb, ta >= 0 ? left.tableTitle(ta) : right.tableTitle(tb)});
        if (ta < 0 || tb < 0)
            continue;   // a table on one side is one difference; its contents are not listed
        const nft::Table &a = left.tables[size_t(ta)], &b = right.tables[size_t(tb)];
        std::vector<QString> keys;
        keys.reserve(std::max(a.chains.size(), b.chains.size()));
        const auto chainKeyL = [&](int c) { return chainKeyOf(left.chains[size_t(c)].name); };
        const auto chainKeyR = [&](int c) { return chainKeyOf(right.chains[size_t(c)].name); };
        const std::vector<std::pair<int, int>> chainPairs = pairByKey(a.chains, b.chains, chainKeyL, chainKeyR, keys);
        const size_t firstChain = out.chains.size();
        for (size_t k = 0; k < chainPairs.size(); ++k)
            out.chains.push_back({ti, chainPairs[k].first, chainPairs[k].second, std::move(keys[k])});
        for (size_t pi = firstChain; pi < out.chains.size(); ++pi)
            compareChains(left, right, out, int(pi));
        // Named sets and maps; anonymous ones are in their rule's text.
        std::vector<int> setsA, setsB;
        for (const int s : a.sets)
            if (!left.sets[size_t(s)].name.empty())
                setsA.push_back(s);
        for (const int s : b.sets)
            if (!right.sets[size_t(s)].name.empty())
                setsB.push_back(s);
        keys.clear();
        const auto setKeyL = [&](int s) { return chainKeyOf(left.sets[size_t(s)].name); };
        const auto setKeyR = [&](int s) { return chainKeyOf(right.sets[size_t(s)].name); };
        const std::vector<std::pair<int, int>> setPairs = pairByKey(setsA, setsB, setKeyL, setKeyR, keys);
        for (size_t k = 0; k < setPairs.size(); ++k) {
            NftSetPair sp;
            sp.table = ti;
            sp.left = setPairs[k].first;
            sp.right = setPairs[k].second;
            sp.key = std::move(keys[k]);
            out.sets.push_back(std::move(sp));
            compareSets(left, right, out, int(out.sets.size()) - 1, options.elementLimit);
        }
    }
    return out;
}

} // namespace chainscope
