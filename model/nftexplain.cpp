#include "nftexplain.h"

#include "nfteval.h"
#include "nftruleset.h"
#include "text.h"

namespace chainscope {

using text::q;

namespace {
const nft::NftRuleset *nftOf(const Scenario &sc, int node)
{
    return size_t(node) < sc.nodes.size() ? sc.nodes[size_t(node)].rules.nft.get() : nullptr;
}
} // namespace

QString NftExplain::chainTitle(const Node &node, int chain)
{
    const nft::NftRuleset *n = node.rules.nft.get();
    if (!n || chain < 0 || size_t(chain) >= n->chains.size())
        return {};
    const nft::Chain &c = n->chains[size_t(chain)];
    const QString owner = n->owner(chain);
    return n->tableTitle(c.table) + QLatin1Char(' ') + q(c.name) + (owner.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(owner));
}

QString NftExplain::action(const Scenario &sc, const Branch &, const Step &s)
{
    const nft::NftRuleset *n = nftOf(sc, s.node);
    if (!n || s.chain < 0)
        return {};
    const nft::Chain &c = n->chains[size_t(s.chain)];
    if (s.kind == Step::NftPolicy)
        return c.policyDrop ? tr("policy drop") : tr("policy accept");
    if (s.kind == Step::NftChainEnd)
        return tr("end of chain, return");
    if (!s.matched)
        return tr("no match");
    const nft::Rule &r = c.rules[size_t(s.rule)];
    // the rule's last deciding statement: a verdict, vmap, nat or mark
    QString out;
    for (quint32 k = r.first; k < r.first + r.count; ++k) {
        const nft::Item &it = n->items[k];
        if (it.kind == nft::Item::Vmap && s.ruleEnd >= 0) {
            const nft::Set &set = n->sets[size_t(it.set)];
            const nft::Element &e = set.elements[size_t(s.ruleEnd)];
            const QString v = e.verdict.kind == nft::Verdict::Goto ? QStringLiteral("goto ") + q(e.verdict.chainName)
                    : e.verdict.kind == nft::Verdict::Jump ? QStringLiteral("jump ") + q(e.verdict.chainName)
                                                           : q(e.text.substr(e.text.rfind(':') == std::string_view::npos ? 0 : e.text.rfind(':') + 2));
            out = tr("vmap %1: %2").arg(set.name.empty() ? tr("{ ... }") : QLatin1Char('@') + q(set.name), v);
        } else if (it.kind == nft::Item::Verdict || it.kind == nft::Item::Nat || it.kind == nft::Item::SetMeta
                   || it.kind == nft::Item::Xt) {
            out = q(it.text);
        }
    }
    return out.isEmpty() ? tr("continue") : out;
}

QString NftExplain::whyNot(const Scenario &sc, const Branch &b, const Step &s)
{
    const nft::NftRuleset *n = nftOf(sc, s.node);
    if (!n || s.kind != Step::NftRule || s.matched || s.failed < 0)
        return {};
    const nft::Rule &r = n->chains[size_t(s.chain)].rules[size_t(s.rule)];
    if (quint32(s.failed) >= r.count)
        return {};
    return whyNotItem(sc.nodes[s.node], b.packets[size_t(s.packet)], s.hook, n->items[r.first + quint32(s.failed)]);
}

QString NftExplain::whyNotItem(const Node &node, const PacketState &p, Hook hook, const nft::Item &it)
{
    if (it.kind == nft::Item::Xt)
        return tr("`%1` is iptables-nft's compat match, whose options nft does not print: cannot be decided (taken as "
                  "not matching on this branch); the host's iptables-save dump beside this listing decides its rule")
                .arg(q(it.text));
    if (it.kind == nft::Item::Unknown || it.kind == nft::Item::Quota)
        return tr("`%1` cannot be decided (taken as not matching on this branch)").arg(q(it.text));
    QStringList values;
    for (int i = 0; i < it.lhs.n; ++i) {
        const nft::Field f = it.lhs.f[i];
        if (f >= nft::Field::NumgenRandom && f <= nft::Field::Symhash) {
            values << tr("(chosen)");
            continue;
        }
        nft::Val v;
        bool decided = true;
        if (!nft::readField(f, node, p, hook, v, decided))
            return tr("the packet has no %1, so `%2` does not match").arg(nft::fieldName(f), q(it.text));
        if (it.lhs.hasAnd && it.lhs.n == 1)
            v.lo &= it.lhs.andMask;
        values << nft::valueText(nft::fieldType(f), v);
    }
    QStringList names;
    for (int i = 0; i < it.lhs.n; ++i)
        names << nft::fieldName(it.lhs.f[i]);
    if (it.kind == nft::Item::Vmap || (it.kind == nft::Item::Nat && it.set >= 0))
        return tr("%1 is %2: no element of the map for it").arg(names.join(QStringLiteral(" . ")), values.join(QStringLiteral(" . ")));
    return tr("%1 is %2: `%3` does not hold").arg(names.join(QStringLiteral(" . ")), values.join(QStringLiteral(" . ")), q(it.text));
}

bool NftExplain::ruleAccepts(const nft::NftRuleset &n, const nft::Rule &r)
{
    for (quint32 i = r.first; i < r.first + r.count; ++i) {
        if (n.items[i].kind == nft::Item::Verdict)
            return n.items[i].verdict.kind == nft::Verdict::Accept;
        if (n.items[i].kind == nft::Item::Vmap || n.items[i].kind == nft::Item::Nat || n.items[i].kind == nft::Item::Xt)
            return false;
    }
    return false;
}

bool NftExplain::accepted(const nft::NftRuleset &n, const Step &s)
{
    if (s.chain < 0 || size_t(s.chain) >= n.chains.size())
        return false;
    const nft::Chain &c = n.chains[size_t(s.chain)];
    if (c.type == "nat")
        return false;
    if (s.kind == Step::NftPolicy)
        return !c.policyDrop;
    if (s.kind != Step::NftRule || !s.matched || s.rule < 0 || s.rule >= int(c.rules.size()))
        return false;
    const nft::Rule &r = c.rules[size_t(s.rule)];
    for (quint32 i = r.first; i < r.first + r.count; ++i) {
        const nft::Item &it = n.items[i];
        if (it.kind == nft::Item::Verdict)
            return it.verdict.kind == nft::Verdict::Accept;
        if (it.kind == nft::Item::Vmap && it.set >= 0 && s.ruleEnd >= 0
            && size_t(s.ruleEnd) < n.sets[size_t(it.set)].elements.size())
            return n.sets[size_t(it.set)].elements[size_t(s.ruleEnd)].verdict.kind == nft::Verdict::Accept;
    }
    return false;
}

QString NftExplain::stepLine(const Scenario &sc, const Branch &b, const Step &s)
{
    const Node &node = sc.nodes[s.node];
    const nft::NftRuleset *n = node.rules.nft.get();
    if (!n)
        return {};
    const nft::Chain &c = n->chains[size_t(s.chain)];
    QString where = node.name + QLatin1Char(' ') + q(hookName(s.hook)) + QLatin1Char(' ') + n->tableTitle(c.table)
            + QLatin1Char(':') + q(c.name);
    if (s.kind == Step::NftPolicy)
        where += QLatin1String(":policy");
    else if (s.kind == Step::NftChainEnd)
        where += QLatin1String(":return");
    else
        where += QLatin1String(":rule:") + QString::number(s.rule + 1);
    QString line = where + QLatin1String(" => ") + action(sc, b, s);
    if (s.kind == Step::NftRule && !s.matched) {
        const QString why = whyNot(sc, b, s);
        if (!why.isEmpty())
            line += QLatin1String(" (") + why + QLatin1Char(')');
    }
    if (s.uncertain)
        line += tr(" [branch]");
    return line;
}

QString NftExplain::verdictLine(const Scenario &sc, const Verdict &v)
{
    const QString node = size_t(v.node) < sc.nodes.size() ? sc.nodes[size_t(v.node)].name : QString();
    const QString kind = verdictKindName(v.kind).toUpper();
    const nft::NftRuleset *n = nftOf(sc, v.node);
    if (!n)
        return node + QLatin1String(" => ") + kind;
    const nft::Chain &c = n->chains[size_t(v.nftChain)];
    const QString where = node + QLatin1Char(' ') + n->tableTitle(c.table) + QLatin1Char(':') + q(c.name)
            + (v.rule == 0 ? QStringLiteral(":policy") : QLatin1String(":rule:") + QString::number(v.rule));
    const QString owner = n->owner(v.nftChain);
    return where + QLatin1String(" => ") + kind + (v.rule == 0 ? tr(" (by the chain's policy)") : QString())
            + (owner.isEmpty() ? QString() : tr(" [%1]").arg(owner))
            + (v.kind == Verdict::Uncertain && !v.reason.isEmpty() ? QLatin1String(": ") + v.reason : QString());
}

void NftExplain::stepJson(const Scenario &sc, const Branch &b, const Step &s, QJsonObject &so)
{
    const nft::NftRuleset *n = nftOf(sc, s.node);
    if (!n)
        return;
    const nft::Chain &c = n->chains[size_t(s.chain)];
    const nft::Table &t = n->tables[size_t(c.table)];
    so.insert(QStringLiteral("family"), q(nft::familyName(t.family)));
    so.insert(QStringLiteral("table"), q(t.name));
    so.insert(QStringLiteral("chain"), q(c.name));
    if (c.base) {
        so.insert(QStringLiteral("priority"), c.priority);
    }
    const QString owner = n->owner(s.chain);
    if (!owner.isEmpty())
        so.insert(QStringLiteral("owner"), owner);
    so.insert(QStringLiteral("rule"), s.kind == Step::NftRule ? s.rule + 1 : 0);
    so.insert(QStringLiteral("matched"), s.matched);
    so.insert(QStringLiteral("action"), action(sc, b, s));
    if (s.kind == Step::NftRule) {
        const nft::Rule &r = c.rules[size_t(s.rule)];
        if (r.handle >= 0)
            so.insert(QStringLiteral("handle"), r.handle);
        so.insert(QStringLiteral("text"), q(r.text));
        if (r.candidate)
            so.insert(QStringLiteral("candidate"), true);
        if (!s.matched)
            so.insert(QStringLiteral("why_not"), whyNot(sc, b, s));
    }
    if (s.uncertain)
        so.insert(QStringLiteral("branch"), true);
}

void NftExplain::verdictJson(const Scenario &sc, const Verdict &v, QJsonObject &o)
{
    const nft::NftRuleset *n = nftOf(sc, v.node);
    if (!n || v.nftChain < 0)
        return;
    const nft::Chain &c = n->chains[size_t(v.nftChain)];
    const nft::Table &t = n->tables[size_t(c.table)];
    o.insert(QStringLiteral("family"), q(nft::familyName(t.family)));
    o.insert(QStringLiteral("table"), q(t.name));
    o.insert(QStringLiteral("chain"), q(c.name));
    o.insert(QStringLiteral("rule"), v.rule);
    if (c.base) {
        o.insert(QStringLiteral("hook"), q(nft::hookName(c.hook)));
        o.insert(QStringLiteral("priority"), c.priority);
    }
    if (v.rule > 0 && c.rules[size_t(v.rule - 1)].handle >= 0)
        o.insert(QStringLiteral("handle"), c.rules[size_t(v.rule - 1)].handle);
    const QString owner = n->owner(v.nftChain);
    if (!owner.isEmpty())
        o.insert(QStringLiteral("owner"), owner);
}

QString NftExplain::summary(const nft::NftRuleset &n)
{
    QStringList tables;
    int base = 0, elements = 0, named = 0;
    for (size_t t = 0; t < n.tables.size(); ++t) {
        const nft::Table &tab = n.tables[t];
        QString title = n.tableTitle(int(t));
        if (tab.duplicate)
            title += tr(" [iptables-nft, also in the iptables dump]");
        else if (tab.iptablesNft)
            title += tr(" [iptables-nft]");
        tables << title;
    }
    for (const nft::Chain &c : n.chains)
        base += c.base ? 1 : 0;
    for (const nft::Set &s : n.sets) {
        if (!s.name.empty()) {
            ++named;
            elements += int(s.elements.size());
        }
    }
    QString out = tr("nft: %n table(s) (%1)", nullptr, int(n.tables.size())).arg(tables.join(QStringLiteral(", ")))
            + tr(", %n chain(s)", nullptr, int(n.chains.size())) + tr(" (%n base)", nullptr, base)
            + tr(", %n rule(s)", nullptr, n.ruleCount()) + tr(", %n named set(s) and map(s)", nullptr, named)
            + tr(" with %n element(s)", nullptr, elements);
    // hook lanes: base chains of each hook in priority order
    for (int h = 0; h < int(nft::NftHook::None); ++h) {
        std::vector<int> chains;
        for (size_t i = 0; i < n.chains.size(); ++i)
            if (n.chains[i].base && int(n.chains[i].hook) == h)
                chains.push_back(int(i));
        if (chains.empty())
            continue;
        std::stable_sort(chains.begin(), chains.end(), [&](int a, int b) { return n.chains[size_t(a)].priority < n.chains[size_t(b)].priority; });
        QStringList lane;
        for (int ci : chains) {
            const nft::Chain &c = n.chains[size_t(ci)];
            lane << QStringLiteral("%1 %2 (%3%4)").arg(n.tableTitle(c.table), q(c.name),
                                                     nft::priorityText(c.priority, n.tables[size_t(c.table)].family),
                                                     c.policyDrop ? tr(", policy drop") : QString());
        }
        out += QLatin1String("\n  ") + tr("hook %1: %2").arg(q(nft::hookName(nft::NftHook(h))), lane.join(QStringLiteral(" \u2192 ")));
    }
    return out;
}

} // namespace chainscope
