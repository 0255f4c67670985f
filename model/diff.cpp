#include "diff.h"
#include "text.h"

#include "explain.h"
#include "ipv4.h"

#include <QHash>

#include <algorithm>
#include <deque>

namespace chainscope {

namespace {

using text::q;

bool isHashChain(std::string_view n)
{
    for (std::string_view p : {"KUBE-SVC-", "KUBE-SEP-", "KUBE-FW-", "KUBE-XLB-", "KUBE-SVL-", "KUBE-EXT-"}) {
        if (n.starts_with(p))
            return true;
    }
    return false;
}

/** "nginx-test/nginx-service cluster IP" -> "nginx-test/nginx-service"; keeps ":port" names. */
QString serviceOfComment(std::string_view comment)
{
    QString c = q(comment);
    for (const char *suffix : {" cluster IP", " external IP", " loadbalancer IP", " health check node port"}) {
        if (c.endsWith(QLatin1String(suffix)))
            c.chop(qsizetype(strlen(suffix)));
    }
    const qsizetype arrow = c.indexOf(QLatin1String(" -> "));
    if (arrow >= 0)
        c.truncate(arrow);
    return c;
}

/** Keys of every chain of a table: names, or what kube-proxy's hash chains stand for. */
QHash<int, QString> chainKeys(const Ruleset &rs, TableId t)
{
    const Table &tab = rs.table(t);
    QHash<int, QString> keys;
    // Service chains: named by the rule that jumps to them (comment, then ClusterIP:port).
    for (size_t c = 0; c < tab.chains.size(); ++c) {
        for (const Rule &r : tab.chains[c].rules) {
            if (r.target.kind != Target::Jump && r.target.kind != Target::Goto)
                continue;
            if (r.target.chain < 0 || !isHashChain(r.target.name) || !r.target.name.starts_with("KUBE-SVC-"))
                continue;
            if (keys.contains(r.target.chain))
                continue;
            QString svc, ipPort;
            for (const Criterion &cr : r.criteria) {
                if (cr.kind == Criterion::Comment)
                    svc = serviceOfComment(cr.text);
                else if (cr.kind == Criterion::Dst)
                    ipPort = ipv4::prefixToString(cr.a, cr.b);
                else if (cr.kind == Criterion::DstPort)
                    ipPort += QLatin1Char(':') + QString::number(cr.a);
            }
            keys.insert(r.target.chain, QLatin1String("service ") + (svc.isEmpty() ? ipPort : svc));
        }
    }
    // Endpoint chains: their service and the DNAT target.
    for (size_t c = 0; c < tab.chains.size(); ++c) {
        const Chain &ch = tab.chains[c];
        if (!ch.name.starts_with("KUBE-SEP-"))
            continue;
        QString svc, to;
        for (const Rule &r : ch.rules) {
            for (const Criterion &cr : r.criteria) {
                if (cr.kind == Criterion::Comment && svc.isEmpty())
                    svc = serviceOfComment(cr.text);
            }
            if (r.target.kind == Target::Dnat)
                to = ipv4::toString(r.target.addrLo) + (r.target.portLo ? QLatin1Char(':') + QString::number(r.target.portLo) : QString());
        }
        keys.insert(int(c), QLatin1String("endpoint ") + svc + QLatin1String(" -> ") + to);
    }
    for (size_t c = 0; c < tab.chains.size(); ++c) {
        if (!keys.contains(int(c)))
            keys.insert(int(c), q(tab.chains[c].name));
    }
    return keys;
}

QString ruleKey(const Ruleset &rs, const Rule &r, const QHash<int, QString> &keys)
{
    QString text = Explain::ruleText(rs, r);
    if ((r.target.kind == Target::Jump || r.target.kind == Target::Goto) && r.target.chain >= 0) {
        const QString name = q(r.target.name);
        const QString key = keys.value(r.target.chain, name);
        if (key != name) {
            const qsizetype at = text.lastIndexOf(name);
            if (at >= 0)
                text.replace(at, name.size(), QLatin1Char('<') + key + QLatin1Char('>'));
        }
    }
    return text;
}

/** What a rule is for, to pair a rule that changed with its old self. */
QString identity(const Rule &r, const QString &key)
{
    for (const Criterion &c : r.criteria) {
        if (c.kind == Criterion::Comment)
            return QLatin1String("comment:") + q(c.text);
    }
    // the target part of the key, e.g. "-j RETURN" or "-j <service ...>"
    const qsizetype j = key.lastIndexOf(QLatin1String(" -j "));
    return QLatin1String("target:") + (j >= 0 ? key.mid(j) : key.section(QLatin1Char(' '), -2));
}

} // namespace

int DiffResult::differences() const
{
    int n = int(policyChanges.size());
    for (const RuleDiff &r : rules)
        n += r.kind != RuleDiff::Same ? 1 : 0;
    for (const ChainPair &c : chains)
        n += (c.left < 0 || c.right < 0) ? 1 : 0;
    return n;
}

QString Diff::chainKey(const Ruleset &rs, TableId table, int chain)
{
    return chainKeys(rs, table).value(chain);
}

DiffResult Diff::compare(const Ruleset &left, const Ruleset &right, const DiffOptions &options)
{
    DiffResult out;
    for (int t = 0; t < TableCount; ++t) {
        const TableId tid = TableId(t);
        const Table &ta = left.table(tid);
        const Table &tb = right.table(tid);
        if (!ta.present && !tb.present)
            continue;
        const QHash<int, QString> ka = chainKeys(left, tid), kb = chainKeys(right, tid);
        QHash<QString, int> rightByKey;
        for (auto it = kb.begin(); it != kb.end(); ++it)
            rightByKey.insert(it.value(), it.key());
        std::vector<bool> rightUsed(tb.chains.size(), false);
        std::vector<std::pair<int, int>> pairs;
        for (size_t c = 0; c < ta.chains.size(); ++c) {
            const QString key = ka.value(int(c));
            const int r = rightByKey.value(key, -1);
            if (r >= 0 && !rightUsed[size_t(r)]) {
                rightUsed[size_t(r)] = true;
                pairs.push_back({int(c), r});
                out.chains.push_back({tid, int(c), r, key});
            } else {
                out.chains.push_back({tid, int(c), -1, key});
            }
        }
        for (size_t r = 0; r < tb.chains.size(); ++r) {
            if (!rightUsed[r])
                out.chains.push_back({tid, -1, int(r), kb.value(int(r))});
        }
        for (size_t pi = 0; pi < out.chains.size(); ++pi) {
            const ChainPair &cp = out.chains[pi];
            if (cp.table != tid)
                continue;
            const std::vector<Rule> empty;
            const std::vector<Rule> &ra = cp.left >= 0 ? ta.chains[size_t(cp.left)].rules : empty;
            const std::vector<Rule> &rb = cp.right >= 0 ? tb.chains[size_t(cp.right)].rules : empty;
            if (cp.left >= 0 && cp.right >= 0) {
                const Chain &ca = ta.chains[size_t(cp.left)], &cb = tb.chains[size_t(cp.right)];
                if (ca.builtin && cb.builtin && ca.policyDrop != cb.policyDrop)
                    out.policyChanges.push_back(tr("%1:%2 policy %3 -> %4").arg(q(tableName(tid)), q(ca.name),
                                                                                 ca.policyDrop ? QStringLiteral("DROP") : QStringLiteral("ACCEPT"),
                                                                                 cb.policyDrop ? QStringLiteral("DROP") : QStringLiteral("ACCEPT")));
                if (options.snapshots && ca.builtin && cb.policyPackets > ca.policyPackets)
                    out.deltas.push_back({tid, int(pi), -1, cb.policyPackets - ca.policyPackets,
                                          cb.policyBytes >= ca.policyBytes ? cb.policyBytes - ca.policyBytes : 0});
            }
            std::vector<QString> keyA(ra.size()), keyB(rb.size());
            for (size_t i = 0; i < ra.size(); ++i) keyA[i] = ruleKey(left, ra[i], ka);
            for (size_t i = 0; i < rb.size(); ++i) keyB[i] = ruleKey(right, rb[i], kb);
            // Pair equal rules in order: each left rule takes the first unused right rule
            // with the same text at or after the last pairing, which keeps the order.
            QHash<QString, std::deque<int>> positions;
            for (size_t i = 0; i < rb.size(); ++i)
                positions[keyB[i]].push_back(int(i));
            std::vector<int> matchOfA(ra.size(), -1), matchOfB(rb.size(), -1);
            int last = -1;
            for (size_t i = 0; i < ra.size(); ++i) {
                auto it = positions.find(keyA[i]);
                if (it == positions.end())
                    continue;
                while (!it->empty() && it->front() <= last)
                    it->pop_front();
                if (it->empty())
                    continue;
                const int j = it->front();
                it->pop_front();
                matchOfA[i] = j;
                matchOfB[size_t(j)] = int(i);
                last = j;
            }
            // Unpaired rules with the same purpose between two paired neighbours: changed.
            QHash<QString, std::deque<int>> unpairedB;
            for (size_t j = 0; j < rb.size(); ++j) {
                if (matchOfB[j] < 0)
                    unpairedB[identity(rb[j], keyB[j])].push_back(int(j));
            }
            std::vector<int> changedOfA(ra.size(), -1);
            std::vector<bool> changedB(rb.size(), false);
            for (size_t i = 0; i < ra.size(); ++i) {
                if (matchOfA[i] >= 0)
                    continue;
                auto it = unpairedB.find(identity(ra[i], keyA[i]));
                if (it == unpairedB.end() || it->empty())
                    continue;
                changedOfA[i] = it->front();
                changedB[size_t(it->front())] = true;
                it->pop_front();
            }
            // Emit in the right side's order, left-only rules where they stood.
            size_t i = 0;
            auto emitLeftUpTo = [&](size_t stop) {
                for (; i < stop && i < ra.size(); ++i) {
                    if (matchOfA[i] >= 0)
                        continue;
                    RuleDiff d;
                    d.table = tid;
                    d.pair = int(pi);
                    d.left = int(i);
                    d.leftText = keyA[i];
                    if (changedOfA[i] >= 0) {
                        d.kind = RuleDiff::Changed;
                        d.right = changedOfA[i];
                        d.rightText = keyB[size_t(d.right)];
                    } else {
                        d.kind = RuleDiff::OnlyLeft;
                    }
                    out.rules.push_back(d);
                }
            };
            for (size_t j = 0; j < rb.size(); ++j) {
                if (matchOfB[j] >= 0) {
                    emitLeftUpTo(size_t(matchOfB[j]));
                    i = size_t(matchOfB[j]) + 1;
                    RuleDiff d;
                    d.kind = RuleDiff::Same;
                    d.table = tid;
                    d.pair = int(pi);
                    d.left = matchOfB[j];
                    d.right = int(j);
                    d.leftText = keyA[size_t(d.left)];
                    d.rightText = keyB[j];
                    out.rules.push_back(d);
                    if (options.snapshots && rb[j].packets > ra[size_t(d.left)].packets)
                        out.deltas.push_back({tid, int(pi), int(j), rb[j].packets - ra[size_t(d.left)].packets,
                                              rb[j].bytes >= ra[size_t(d.left)].bytes ? rb[j].bytes - ra[size_t(d.left)].bytes : 0});
                } else if (!changedB[j]) {
                    RuleDiff d;
                    d.kind = RuleDiff::OnlyRight;
                    d.table = tid;
                    d.pair = int(pi);
                    d.right = int(j);
                    d.rightText = keyB[j];
                    out.rules.push_back(d);
                }
            }
            emitLeftUpTo(ra.size());
        }
    }
    std::stable_sort(out.deltas.begin(), out.deltas.end(),
                     [](const CounterDelta &a, const CounterDelta &b) { return a.packets > b.packets; });
    return out;
}

} // namespace chainscope
