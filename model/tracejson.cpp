#include "tracejson.h"
#include "nftexplain.h"
#include "nftruleset.h"
#include "text.h"


#include <QJsonArray>

namespace chainscope::TraceJson {

namespace {
using text::q;
const char *stepKind(Step::Kind k)
{
    switch (k) {
    case Step::RuleEval: return "rule";
    case Step::Policy: return "policy";
    case Step::ChainEnd: return "return";
    case Step::Routing: return "routing";
    case Step::Handoff: return "handoff";
    case Step::Note: return "note";
    case Step::RuleRange: return "rule";
    case Step::NftRule: return "rule";
    case Step::NftPolicy: return "policy";
    case Step::NftChainEnd: return "return";
    }
    return "note";
}
} // namespace

QJsonObject packet(const PacketSpec &spec)
{
    QJsonObject o;
    o.insert(QStringLiteral("from"), spec.inIface.isEmpty() ? spec.fromNode : spec.fromNode + QLatin1Char(':') + spec.inIface);
    if (spec.src)
        o.insert(QStringLiteral("src"), spec.src->toString());
    o.insert(QStringLiteral("dst"), spec.dst.toString());
    o.insert(QStringLiteral("proto"), protoName(spec.proto));
    if (spec.proto == ProtoTcp || spec.proto == ProtoUdp) {
        o.insert(QStringLiteral("sport"), spec.sport);
        o.insert(QStringLiteral("dport"), spec.dport);
    }
    if (spec.proto == ProtoIcmp)
        o.insert(QStringLiteral("icmp_type"), spec.icmpType);
    static const char *states[] = {"INVALID", "ESTABLISHED", "RELATED", "NEW", "UNTRACKED"};
    for (int i = 0; i < 5; ++i) {
        if (spec.ctstate & (1u << i))
            o.insert(QStringLiteral("ctstate"), QLatin1String(states[i]));
    }
    if (spec.mark)
        o.insert(QStringLiteral("mark"), QLatin1String("0x") + QString::number(spec.mark, 16));
    if (!spec.affinity.isEmpty())
        o.insert(QStringLiteral("affinity"), QJsonArray::fromStringList(spec.affinity));
    return o;
}

QJsonObject packetState(const PacketState &p)
{
    QJsonObject o;
    o.insert(QStringLiteral("src"), p.src.toString());
    o.insert(QStringLiteral("dst"), p.dst.toString());
    o.insert(QStringLiteral("proto"), protoName(p.proto));
    if (p.proto == ProtoTcp || p.proto == ProtoUdp) {
        o.insert(QStringLiteral("sport"), p.sport);
        o.insert(QStringLiteral("dport"), p.dport);
    }
    if (!p.inIface.isEmpty())
        o.insert(QStringLiteral("in"), p.inIface);
    if (!p.outIface.isEmpty())
        o.insert(QStringLiteral("out"), p.outIface);
    o.insert(QStringLiteral("mark"), QLatin1String("0x") + QString::number(p.mark, 16));
    if (p.origDst != p.dst || p.origSrc != p.src) {
        o.insert(QStringLiteral("orig_src"), p.origSrc.toString());
        o.insert(QStringLiteral("orig_dst"), p.origDst.toString());
    }
    return o;
}

QJsonObject verdict(const Scenario &sc, const Verdict &v)
{
    QJsonObject o;
    o.insert(QStringLiteral("kind"), verdictKindName(v.kind));
    if (size_t(v.node) < sc.nodes.size())
        o.insert(QStringLiteral("node"), sc.nodes[size_t(v.node)].name);
    if (v.chain >= 0) {
        o.insert(QStringLiteral("table"), q(tableName(v.table)));
        if (tableFamily(v.table) == Family::Ipv6)
            o.insert(QStringLiteral("family"), QStringLiteral("ipv6"));
        o.insert(QStringLiteral("chain"), q(sc.nodes[size_t(v.node)].rules.table(v.table).chains[size_t(v.chain)].name));
        o.insert(QStringLiteral("rule"), v.rule);
    }
    NftExplain::verdictJson(sc, v, o);
    o.insert(QStringLiteral("reason"), v.reason);
    if (!v.where.isEmpty())
        o.insert(QStringLiteral("where"), v.where);
    return o;
}

QJsonObject trace(const Scenario &sc, const Trace &t, bool withLints)
{
    QJsonObject root;
    root.insert(QStringLiteral("packet"), packet(t.packet));
    QJsonArray branches;
    for (const Branch &b : t.branches) {
        QJsonObject bo;
        bo.insert(QStringLiteral("probability"), b.probability);
        if (b.uncertain)
            bo.insert(QStringLiteral("uncertain"), true);
        QJsonArray steps;
        int lastPacket = -1;
        QJsonObject lastPrinted;   // empty: nothing printed yet in this branch
        for (const Step &stored : b.steps) {
          // A range step is each of its rules, as the contract lists every rule evaluated.
          const int last = stored.kind == Step::RuleRange ? stored.ruleEnd : stored.rule;
          for (int ri = stored.rule; ri <= last || ri == stored.rule; ++ri) {
            Step s = stored;
            if (stored.kind == Step::RuleRange) {
                s.kind = Step::RuleEval;
                s.rule = ri;
            }
            QJsonObject so;
            so.insert(QStringLiteral("node"), sc.nodes[s.node].name);
            so.insert(QStringLiteral("hook"), q(hookName(s.hook)));
            so.insert(QStringLiteral("kind"), QLatin1String(stepKind(s.kind)));
            if (s.kind == Step::RuleEval || s.kind == Step::Policy || s.kind == Step::ChainEnd) {
                const Chain &ch = sc.nodes[s.node].rules.table(s.table).chains[size_t(s.chain)];
                so.insert(QStringLiteral("table"), q(tableName(s.table)));
                if (tableFamily(s.table) == Family::Ipv6)
                    so.insert(QStringLiteral("family"), QStringLiteral("ipv6"));
                so.insert(QStringLiteral("chain"), q(ch.name));
                so.insert(QStringLiteral("rule"), s.kind == Step::RuleEval ? s.rule + 1 : 0);
                so.insert(QStringLiteral("matched"), s.matched);
                so.insert(QStringLiteral("action"), Explain::action(sc, b, s));
                if (s.kind == Step::RuleEval) {
                    const Rule &r = ch.rules[size_t(s.rule)];
                    so.insert(QStringLiteral("text"), QLatin1String("-A ") + q(ch.name) + QLatin1Char(' ') + Explain::ruleText(sc.nodes[s.node].rules, r));
                    if (r.candidate)
                        so.insert(QStringLiteral("candidate"), true);
                    if (!s.matched)
                        so.insert(QStringLiteral("why_not"), Explain::whyNot(sc, b, s));
                }
                if (s.uncertain)
                    so.insert(QStringLiteral("branch"), true);
            } else if (NftExplain::isNft(s)) {
                NftExplain::stepJson(sc, b, s, so);
            } else {
                so.insert(QStringLiteral("text"), b.notes[size_t(s.note)]);
                if (s.assumed)
                    so.insert(QStringLiteral("assumed"), true);
            }
            if (s.packet != lastPacket) {
                // A snapshot can differ only in what is not printed (conntrack attached): once.
                QJsonObject ps = packetState(b.packets[size_t(s.packet)]);
                if (ps != lastPrinted)
                    so.insert(QStringLiteral("packet"), ps);
                lastPrinted = std::move(ps);
                lastPacket = s.packet;
            }
            steps.append(so);
            if (stored.kind != Step::RuleRange)
                break;
          }
        }
        bo.insert(QStringLiteral("steps"), steps);
        bo.insert(QStringLiteral("verdict"), verdict(sc, b.verdict));
        QJsonArray misses;
        for (const Miss &m : Explain::nearestMisses(sc, b)) {
            QJsonObject mo;
            const Node &node = sc.nodes[size_t(m.node)];
            mo.insert(QStringLiteral("node"), node.name);
            if (m.nftChain >= 0) {
                const nft::NftRuleset &n = *node.rules.nft;
                const nft::Chain &c = n.chains[size_t(m.nftChain)];
                const nft::Table &t = n.tables[size_t(c.table)];
                const nft::Rule &r = c.rules[size_t(m.rule)];
                mo.insert(QStringLiteral("family"), q(nft::familyName(t.family)));
                mo.insert(QStringLiteral("table"), q(t.name));
                mo.insert(QStringLiteral("chain"), q(c.name));
                mo.insert(QStringLiteral("rule"), m.rule + 1);
                if (r.handle >= 0)
                    mo.insert(QStringLiteral("handle"), r.handle);
            } else {
                const Chain &ch = node.rules.table(m.table).chains[size_t(m.chain)];
                mo.insert(QStringLiteral("table"), q(tableName(m.table)));
                if (tableFamily(m.table) == Family::Ipv6)
                    mo.insert(QStringLiteral("family"), QStringLiteral("ipv6"));
                mo.insert(QStringLiteral("chain"), q(ch.name));
                mo.insert(QStringLiteral("rule"), m.rule + 1);
            }
            QJsonArray reasons;
            for (const QString &r : m.reasons)
                reasons.append(r);
            mo.insert(QStringLiteral("failed"), reasons);
            misses.append(mo);
        }
        if (!misses.isEmpty())
            bo.insert(QStringLiteral("nearest_misses"), misses);
        branches.append(bo);
    }
    root.insert(QStringLiteral("branches"), branches);
    if (t.truncated)
        root.insert(QStringLiteral("truncated"), true);
    if (!t.warnings.empty())
        root.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(QStringList(t.warnings.begin(), t.warnings.end())));
    if (withLints) {
        QJsonArray lints;
        for (const Lint &l : Explain::lints(sc)) {
            QJsonObject lo;
            lo.insert(QStringLiteral("id"), l.id);
            lo.insert(QStringLiteral("message"), l.message);
            if (l.node >= 0)
                lo.insert(QStringLiteral("node"), sc.nodes[size_t(l.node)].name);
            lints.append(lo);
        }
        root.insert(QStringLiteral("lints"), lints);
    }
    return root;
}

} // namespace chainscope::TraceJson
