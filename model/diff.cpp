#include "diff.h"
#include "text.h"

#include "explain.h"

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
                    ipPort = prefixToString(rs.addresses(cr).x, rs.addresses(cr).y);
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
                to = r.target.addrLo.toString() + (r.target.portLo ? QLatin1Char(':') + QString::number(r.target.portLo) : QString());
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

/**
 * Pairs of equal keys (left index, right index), increasing on both sides, forming a longest
 * common subsequence: Myers' O((N+M)D) greedy diff after the common prefix and suffix are
 * taken off. D is bounded (MaxEdits): past it (two unrelated chains of thousands of rules)
 * equal keys pair greedily in order, which is linear and still monotone.
 */
std::vector<std::pair<int, int>> alignEqual(const std::vector<QString> &keyA, const std::vector<QString> &keyB)
{
    constexpr int MaxEdits = 1000;
    std::vector<std::pair<int, int>> out;
    const int na = int(keyA.size()), nb = int(keyB.size());
    int pre = 0;
    while (pre < na && pre < nb && keyA[size_t(pre)] == keyB[size_t(pre)])
        ++pre;
    int suf = 0;
    while (suf < na - pre && suf < nb - pre && keyA[size_t(na - 1 - suf)] == keyB[size_t(nb - 1 - suf)])
        ++suf;
    for (int k = 0; k < pre; ++k)
        out.push_back({k, k});
    // The middle as small integers: equal texts, equal ids.
    const int n = na - pre - suf, m = nb - pre - suf;
    QHash<QString, int> ids;
    std::vector<int> a(static_cast<size_t>(n)), b(static_cast<size_t>(m));
    for (int k = 0; k < n; ++k) {
        auto it = ids.find(keyA[size_t(pre + k)]);
        if (it == ids.end())
            it = ids.insert(keyA[size_t(pre + k)], int(ids.size()));
        a[size_t(k)] = *it;
    }
    for (int k = 0; k < m; ++k) {
        const auto it = ids.constFind(keyB[size_t(pre + k)]);
        b[size_t(k)] = it == ids.cend() ? -1 - k : *it;   // on the right only: equal to nothing
    }
    std::vector<std::pair<int, int>> middle;
    bool solved = false;
    if (n > 0 && m > 0) {
        // trace[d] holds V for diagonals -d..d after d edits (V[k] = furthest x on diagonal k).
        const int maxD = std::min(n + m, MaxEdits);
        std::vector<std::vector<int>> trace;
        std::vector<int> v(size_t(2 * maxD + 3), 0);
        const int off = maxD + 1;
        int found = -1;
        for (int d = 0; d <= maxD && found < 0; ++d) {
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && v[size_t(off + k - 1)] < v[size_t(off + k + 1)])) ? v[size_t(off + k + 1)]
                                                                                                   : v[size_t(off + k - 1)] + 1;
                int y = x - k;
                while (x < n && y < m && a[size_t(x)] == b[size_t(y)]) {
                    ++x;
                    ++y;
                }
                v[size_t(off + k)] = x;
                if (x >= n && y >= m)
                    found = d;
            }
            trace.emplace_back(v.begin() + (off - d), v.begin() + (off + d + 1));
        }
        if (found >= 0) {
            solved = true;
            int x = n, y = m;
            for (int d = found; d > 0; --d) {
                const std::vector<int> &prev = trace[size_t(d - 1)];   // diagonals -(d-1)..d-1
                auto at = [&](int k) { return prev[size_t(k + d - 1)]; };
                const int k = x - y;
                const int pk = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
                const int px = at(pk), py = px - pk;
                // The snake after the edit (down: x stays, right: x + 1) holds equal keys.
                const int snakeStart = pk == k + 1 ? px : px + 1;
                while (x > snakeStart) {
                    --x;
                    --y;
                    middle.push_back({x, y});
                }
                x = px;
                y = py;
            }
            while (x > 0 && y > 0) {
                --x;
                --y;
                middle.push_back({x, y});
            }
            std::reverse(middle.begin(), middle.end());
        }
    }
    if (!solved && n > 0 && m > 0) {
        // Too far apart to align exactly: each left key takes the first unused equal key to
        // the right of the last pairing.
        QHash<int, std::deque<int>> positions;
        for (int y = 0; y < m; ++y)
            positions[b[size_t(y)]].push_back(y);
        int last = -1;
        for (int x = 0; x < n; ++x) {
            auto it = positions.find(a[size_t(x)]);
            if (it == positions.end())
                continue;
            while (!it->empty() && it->front() <= last)
                it->pop_front();
            if (it->empty())
                continue;
            last = it->front();
            it->pop_front();
            middle.push_back({x, last});
        }
    }
    for (const auto &[x, y] : middle)
        out.push_back({pre + x, pre + y});
    for (int k = 0; k < suf; ++k)
        out.push_back({na - suf + k, nb - suf + k});
    return out;
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

std::vector<AlignedRow> Diff::alignRows(const std::vector<QString> &keyA, const std::vector<QString> &keyB,
                                        const std::function<QString(int side, int index)> &identity)
{
    std::vector<AlignedRow> rows;
    rows.reserve(std::max(keyA.size(), keyB.size()));
    // Equal keys pair by a longest common subsequence, as a diff tool aligns lines; the
    // entries between two pairs are the hunk.
    const std::vector<std::pair<int, int>> same = alignEqual(keyA, keyB);
    int i = 0, j = 0;
    const int na = int(keyA.size()), nb = int(keyB.size());
    for (size_t s = 0; s <= same.size(); ++s) {
        const int stopA = s < same.size() ? same[s].first : na;
        const int stopB = s < same.size() ? same[s].second : nb;
        // Inside a hunk, an entry with the same purpose on both sides (a rule's comment, or
        // its target) changed; pairs are taken in order so rows stay in order on both sides.
        if (i < stopA && j < stopB) {
            QHash<QString, std::deque<int>> purposeB;
            for (int y = j; y < stopB; ++y)
                purposeB[identity(1, y)].push_back(y);
            for (int x = i; x < stopA; ++x) {
                auto it = purposeB.find(identity(0, x));
                if (it == purposeB.end())
                    continue;
                while (!it->empty() && it->front() < j)
                    it->pop_front();
                if (it->empty())
                    continue;
                const int y = it->front();
                for (; i < x; ++i)
                    rows.push_back({RuleDiff::OnlyLeft, i, -1});
                for (; j < y; ++j)
                    rows.push_back({RuleDiff::OnlyRight, -1, j});
                rows.push_back({RuleDiff::Changed, x, y});
                i = x + 1;
                j = y + 1;
            }
        }
        for (; i < stopA; ++i)
            rows.push_back({RuleDiff::OnlyLeft, i, -1});
        for (; j < stopB; ++j)
            rows.push_back({RuleDiff::OnlyRight, -1, j});
        if (s == same.size())
            break;
        rows.push_back({RuleDiff::Same, stopA, stopB});
        i = stopA + 1;
        j = stopB + 1;
    }
    return rows;
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
                    out.policyChanges.push_back(QCoreApplication::translate("chainscope::Diff", "%1:%2 policy %3 -> %4").arg(tableTitle(tid), q(ca.name),
                                                                                 ca.policyDrop ? QStringLiteral("DROP") : QStringLiteral("ACCEPT"),
                                                                                 cb.policyDrop ? QStringLiteral("DROP") : QStringLiteral("ACCEPT")));
                if (options.snapshots && ca.builtin && cb.policyPackets > ca.policyPackets)
                    out.deltas.push_back({tid, int(pi), -1, cb.policyPackets - ca.policyPackets,
                                          cb.policyBytes >= ca.policyBytes ? cb.policyBytes - ca.policyBytes : 0});
            }
            std::vector<QString> keyA(ra.size()), keyB(rb.size());
            for (size_t i = 0; i < ra.size(); ++i) keyA[i] = ruleKey(left, ra[i], ka);
            for (size_t i = 0; i < rb.size(); ++i) keyB[i] = ruleKey(right, rb[i], kb);
            const auto identityOf = [&](int side, int i) {
                return side == 0 ? identity(ra[size_t(i)], keyA[size_t(i)]) : identity(rb[size_t(i)], keyB[size_t(i)]);
            };
            for (const AlignedRow &row : Diff::alignRows(keyA, keyB, identityOf)) {
                RuleDiff d;
                d.kind = row.kind;
                d.table = tid;
                d.pair = int(pi);
                d.left = row.left;
                d.right = row.right;
                if (row.left >= 0)
                    d.leftText = keyA[size_t(row.left)];
                if (row.right >= 0)
                    d.rightText = keyB[size_t(row.right)];
                out.rules.push_back(d);
                if (row.kind == RuleDiff::Same && options.snapshots && rb[size_t(row.right)].packets > ra[size_t(row.left)].packets) {
                    const Rule &x = ra[size_t(row.left)], &y = rb[size_t(row.right)];
                    out.deltas.push_back({tid, int(pi), row.right, y.packets - x.packets, y.bytes >= x.bytes ? y.bytes - x.bytes : 0});
                }
            }
        }
    }
    std::stable_sort(out.deltas.begin(), out.deltas.end(),
                     [](const CounterDelta &a, const CounterDelta &b) { return a.packets > b.packets; });
    return out;
}

} // namespace chainscope
