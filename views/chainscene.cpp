#include "chainscene.h"

#include "nftruleset.h"
#include "text.h"

#include "chaincard.h"
#include "edgeitem.h"
#include "folditem.h"

#include <QFont>
#include <QApplication>
#include <QDrag>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSceneDragDropEvent>
#include <QMimeData>
#include <QWidget>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsSimpleTextItem>
#include <QMap>
#include <QPen>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

namespace chainscope {

namespace {
constexpr int LaneCount = 5;         // hooks; lane 5 holds unreferenced user chains
constexpr qreal GapX = 90;
constexpr qreal GapY = 22;
constexpr qreal LaneHeader = 56;
constexpr qreal LanePad = 30;

/** kube-proxy's nft chains per service and endpoint ("service-HASH-ns/name/tcp/port"). */
bool foldableNftName(std::string_view n)
{
    if (n.find('/') == std::string_view::npos)
        return false;
    for (std::string_view p : {std::string_view("service-"), std::string_view("endpoint-"), std::string_view("external-"),
                               std::string_view("firewall-")})
        if (n.substr(0, p.size()) == p)
            return true;
    return false;
}

bool foldableName(std::string_view n)
{
    for (std::string_view p : {std::string_view("KUBE-SVC-"), std::string_view("KUBE-SEP-"),
                               std::string_view("KUBE-FW-"), std::string_view("KUBE-XLB-")})
        if (n.substr(0, p.size()) == p)
            return true;
    return false;
}

char lowerAscii(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

/** needle (lower case) in hay, ASCII letters compared without case; no allocation. */
bool containsFolded(std::string_view hay, std::string_view needle)
{
    if (needle.size() > hay.size())
        return false;
    for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
        size_t j = 0;
        while (j < needle.size() && lowerAscii(hay[i + j]) == needle[j])
            ++j;
        if (j == needle.size())
            return true;
    }
    return false;
}
} // namespace

ChainScene::ChainScene(QObject *parent) : QGraphicsScene(parent)
{
    // Items move only on relayout; the BSP index pays off for hit tests and exposure.
    setItemIndexMethod(BspTreeIndex);
}

void ChainScene::setRuleset(const Ruleset *rules, const Theme &theme)
{
    Q_EMIT rulesetAboutToChange();
    clear();
    m_rules = rules;
    m_theme = theme;
    m_cards.clear();
    m_chainKeys.clear();
    m_ruleChain.clear();
    m_callers.clear();
    m_callees.clear();
    m_lane.clear();
    m_layer.clear();
    m_groupOf.clear();
    m_groupSize.clear();
    m_freeKeys.clear();
    m_members.clear();
    m_order.clear();
    m_unfolded.clear();
    m_revealed.clear();
    m_revealedIn.clear();
    m_hidden.clear();
    m_gaps.clear();
    m_folds.clear();
    m_decor.clear();
    m_selectedRule = 0;
    m_selectedCard = nullptr;
    m_policyCard = nullptr;
    m_pressedCandidate = 0;
    setBackgroundBrush(theme.sceneBackground);
    m_insertLine = new QGraphicsLineItem;
    m_insertLine->setPen(QPen(theme.insertionLine, 4, Qt::SolidLine, Qt::RoundCap));
    m_insertLine->setZValue(50);
    m_insertLine->setVisible(false);
    addItem(m_insertLine);
    if (!rules) {
        Q_EMIT rulesetChanged();
        return;
    }

    quint64 maxPackets = 0;
    for (int t = 0; t < TableCount; ++t)
        for (const Chain &c : rules->table(TableId(t)).chains) {
            maxPackets = std::max(maxPackets, c.policyPackets);
            for (const Rule &r : c.rules)
                maxPackets = std::max(maxPackets, r.packets);
        }
    if (rules->nft)
        for (const nft::Chain &c : rules->nft->chains)
            for (const nft::Rule &r : c.rules)
                maxPackets = std::max(maxPackets, r.packets);
    m_logMax = std::log1p(double(maxPackets));

    for (int t = 0; t < TableCount; ++t) {
        const Table &table = rules->table(TableId(t));
        if (!table.present)
            continue;
        for (int c = 0; c < int(table.chains.size()); ++c)
            m_chainKeys.push_back(key(TableId(t), c));
    }
    // nftables chains, in the lanes of their hooks; the nft copies of tables the iptables dump
    // also holds are the iptables chains already drawn.
    if (rules->nft)
        for (const nft::Table &t : rules->nft->tables)
            if (!t.duplicate)
                for (int c : t.chains)
                    m_chainKeys.push_back(key(ChainCard::NftTable, c));
    std::sort(m_chainKeys.begin(), m_chainKeys.end());
    computeStructure();
    layout();
    Q_EMIT rulesetChanged();
}

bool ChainScene::event(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    return QGraphicsScene::event(event);
}

void ChainScene::retranslate()
{
    if (!m_rules)
        return;
    for (ChainCard *card : std::as_const(m_cards))
        card->retranslate();
    layout();   // lane titles, folds and bundled edges are words too
}

const Chain *ChainScene::chainOf(quint32 k) const
{
    if (!m_rules)
        return nullptr;
    const int t = int(keyTable(k));
    const int c = keyChain(k);
    if (t >= TableCount)
        return nullptr;
    const Table &table = m_rules->table(TableId(t));
    if (!table.present || c >= int(table.chains.size()))
        return nullptr;
    return &table.chains[size_t(c)];
}

const nft::Chain *ChainScene::nftChainOf(quint32 k) const
{
    if (!m_rules || !m_rules->nft || keyTable(k) != ChainCard::NftTable)
        return nullptr;
    const int c = keyChain(k);
    return c < int(m_rules->nft->chains.size()) ? &m_rules->nft->chains[size_t(c)] : nullptr;
}

bool ChainScene::isBuiltinKey(quint32 k) const
{
    if (const Chain *c = chainOf(k))
        return c->builtin;
    const nft::Chain *n = nftChainOf(k);
    return n && n->base;
}

void ChainScene::forEachJump(quint32 from, const std::function<void(quint32, bool)> &fn) const
{
    if (const Chain *c = chainOf(from)) {
        for (const Rule &r : c->rules)
            if ((r.target.kind == Target::Jump || r.target.kind == Target::Goto) && r.target.chain >= 0)
                fn(key(keyTable(from), r.target.chain), r.target.kind == Target::Goto);
        return;
    }
    const nft::Chain *c = nftChainOf(from);
    if (!c)
        return;
    const nft::NftRuleset &n = *m_rules->nft;
    for (const nft::Rule &r : c->rules)
        for (quint32 i = r.first; i < r.first + r.count; ++i) {
            const nft::Item &it = n.items[i];
            if (it.kind == nft::Item::Verdict && (it.verdict.kind == nft::Verdict::Jump || it.verdict.kind == nft::Verdict::Goto)
                && it.verdict.chain >= 0)
                fn(key(ChainCard::NftTable, it.verdict.chain), it.verdict.kind == nft::Verdict::Goto);
            else if (it.kind == nft::Item::Vmap && it.set >= 0 && it.set < int(n.sets.size()))
                for (const nft::Element &e : n.sets[size_t(it.set)].elements)
                    if ((e.verdict.kind == nft::Verdict::Jump || e.verdict.kind == nft::Verdict::Goto) && e.verdict.chain >= 0)
                        fn(key(ChainCard::NftTable, e.verdict.chain), e.verdict.kind == nft::Verdict::Goto);
        }
}

void ChainScene::rowJumps(const ChainCard *card, int row, std::vector<std::pair<quint32, bool>> &out) const
{
    out.clear();
    const ChainCard::Row &r = card->structureRows()[size_t(row)];
    if (r.jumpChain >= 0)
        out.emplace_back(key(card->table(), r.jumpChain), r.isGoto);
    if (r.vmapSet >= 0 && m_rules && m_rules->nft && r.vmapSet < int(m_rules->nft->sets.size()))
        for (const nft::Element &e : m_rules->nft->sets[size_t(r.vmapSet)].elements)
            if ((e.verdict.kind == nft::Verdict::Jump || e.verdict.kind == nft::Verdict::Goto) && e.verdict.chain >= 0)
                out.emplace_back(key(ChainCard::NftTable, e.verdict.chain), e.verdict.kind == nft::Verdict::Goto);
}

ChainCard *ChainScene::ensureCard(quint32 k) const
{
    if (ChainCard *card = m_cards.value(k))
        return card;
    if (!chainOf(k) && !nftChainOf(k))
        return nullptr;
    auto *card = new ChainCard(*m_rules, keyTable(k), keyChain(k), m_theme, m_logMax);
    card->setVisible(false);
    if (const auto gaps = m_gaps.constFind(k); gaps != m_gaps.cend())
        card->setGaps(*gaps);
    // Made on demand from const lookups; the scene owns it like any other item.
    const_cast<ChainScene *>(this)->addItem(card);
    m_cards.insert(k, card);
    return card;
}

ChainCard *ChainScene::cardForRule(quint32 ruleId) const
{
    if (!m_rules || ruleId == 0)
        return nullptr;
    if (m_ruleChain.empty()) {
        for (quint32 k : m_chainKeys)
            if (const Chain *c = chainOf(k))
                for (const Rule &r : c->rules)
                    m_ruleChain.emplace_back(r.id, k);
        std::sort(m_ruleChain.begin(), m_ruleChain.end());
    }
    const auto it = std::lower_bound(m_ruleChain.cbegin(), m_ruleChain.cend(), std::make_pair(ruleId, quint32(0)));
    return it != m_ruleChain.cend() && it->first == ruleId ? ensureCard(it->second) : nullptr;
}

void ChainScene::computeStructure()
{
    // From the rule set, not from cards: most chains never get one. Distinct callees through a
    // set: KUBE-SERVICES calls 30,000 chains, and a list's contains() made that quadratic.
    QHash<quint32, QList<quint32>> &callees = m_callees;
    QSet<quint32> seen;
    for (quint32 from : m_chainKeys) {
        seen.clear();
        forEachJump(from, [&](quint32 to, bool) {
            if (chainOf(to) || nftChainOf(to)) {
                m_callers[to].append(from);
                if (!seen.contains(to)) {
                    seen.insert(to);
                    callees[from].append(to);
                }
            }
        });
    }

    // Longest-path layering and lane (the earliest hook reaching a chain), memoised, with a
    // guard against loops a hand-edited dump might contain.
    QSet<quint32> onStack;
    std::function<void(quint32)> visit = [&](quint32 k) {
        if (m_layer.contains(k))
            return;
        const Chain *chain = chainOf(k);
        Hook hook;
        if (chain && chain->builtin && hookFromChainName(chain->name, hook)) {
            m_layer.insert(k, 0);
            m_lane.insert(k, int(hook));
            return;
        }
        if (const nft::Chain *nc = nftChainOf(k); nc && nc->base) {
            // An IP hook's lane; bridge, arp and netdev hooks (and ingress, egress) are other
            // pipelines: they stand with the chains no hook reaches.
            const nft::Family f = m_rules->nft->tables[size_t(nc->table)].family;
            const bool ipHook = (f == nft::Family::Ip || f == nft::Family::Ip6 || f == nft::Family::Inet)
                    && int(nc->hook) <= int(nft::NftHook::Postrouting);
            m_layer.insert(k, 0);
            m_lane.insert(k, ipHook ? int(nc->hook) : LaneCount);
            return;
        }
        onStack.insert(k);
        int layer = -1;
        int lane = LaneCount;
        for (quint32 caller : m_callers.value(k)) {
            if (onStack.contains(caller))
                continue;
            visit(caller);
            if (m_layer.value(caller) >= 0 && m_lane.value(caller) < LaneCount) {
                layer = std::max(layer, m_layer.value(caller) + 1);
                lane = std::min(lane, m_lane.value(caller));
            }
        }
        onStack.remove(k);
        m_layer.insert(k, lane < LaneCount ? layer : 0);
        m_lane.insert(k, lane);
    };
    for (quint32 k : m_chainKeys)
        visit(k);

    // Foldable: kube-proxy's per-service forests, and any set of more than MaxSiblings
    // user chains called from one parent.
    QSet<quint32> foldable;
    for (quint32 k : m_chainKeys) {
        if (const Chain *c = chainOf(k); c && !c->builtin && foldableName(c->name))
            foldable.insert(k);
        else if (const nft::Chain *n = nftChainOf(k); n && !n->base && foldableNftName(n->name))
            foldable.insert(k);
    }
    for (auto it = callees.cbegin(); it != callees.cend(); ++it)
        if (it.value().size() > MaxSiblings)
            for (quint32 k : it.value())
                if (!isBuiltinKey(k))
                    foldable.insert(k);
    for (quint32 k : std::as_const(foldable)) {
        quint32 cur = k;
        int guard = 0;
        while (foldable.contains(cur) && !m_callers.value(cur).isEmpty() && ++guard < 64)
            cur = m_callers.value(cur).first();
        if (!foldable.contains(cur) && m_lane.value(cur) < LaneCount) {
            m_groupOf.insert(k, cur);
            m_groupSize[cur] += 1;
        }
    }
    for (quint32 k : m_chainKeys) {
        const auto g = m_groupOf.constFind(k);
        if (g == m_groupOf.cend())
            m_freeKeys.push_back(k);
        else
            m_members[*g].push_back(k);
    }
}

bool ChainScene::isShownKey(quint32 k) const
{
    if (m_hidden.contains(k))
        return false;
    const auto g = m_groupOf.constFind(k);
    return g == m_groupOf.cend() || m_unfolded.contains(*g) || m_revealed.contains(k);
}

QList<quint32> ChainScene::revealSet(quint32 k) const
{
    QList<quint32> out;
    if (!m_groupOf.contains(k) || isShownKey(k))
        return out;
    // The shortest way in from a shown chain, breadth first over the callers: for KUBE-SEP-X
    // that is KUBE-SVC-Y, for KUBE-MARK-MASQ one of its 40,000 callers.
    QHash<quint32, quint32> via;   // chain -> the callee it was reached from
    via.insert(k, k);
    std::vector<quint32> queue{k};
    quint32 entry = k;
    bool found = false;
    for (size_t i = 0; i < queue.size() && !found; ++i) {
        const quint32 cur = queue[i];
        for (quint32 caller : m_callers.value(cur)) {
            if (via.contains(caller) || m_hidden.contains(caller))
                continue;
            via.insert(caller, cur);
            if (isShownKey(caller)) {
                entry = caller;
                found = true;
                break;
            }
            queue.push_back(caller);
        }
    }
    if (found)
        for (quint32 cur = via.value(entry); cur != k; cur = via.value(cur))
            out.append(cur);
    out.append(k);
    // Where it leads, when that is a handful (a KUBE-SVC's endpoints), not KUBE-SERVICES' forest.
    const QList<quint32> callees = m_callees.value(k);
    if (callees.size() <= MaxSiblings)
        for (quint32 c : callees)
            if (m_groupOf.contains(c) && !isShownKey(c) && !m_hidden.contains(c) && !out.contains(c))
                out.append(c);
    return out;
}

void ChainScene::revealKeys(const QList<quint32> &keys)
{
    for (quint32 k : keys) {
        const auto g = m_groupOf.constFind(k);
        if (g == m_groupOf.cend() || m_unfolded.contains(*g) || m_revealed.contains(k))
            continue;
        m_revealed.insert(k);
        m_revealedIn[*g] += 1;
    }
}

const std::vector<quint32> &ChainScene::groupOrder(quint32 group) const
{
    auto it = m_order.find(group);
    if (it != m_order.end())
        return *it;
    // Breadth first from the parent through the group's own chains: the parent's rows in
    // order, then what those call.
    std::vector<quint32> order;
    QSet<quint32> seen;
    std::vector<quint32> queue{group};
    for (size_t i = 0; i < queue.size(); ++i)
        for (quint32 c : m_callees.value(queue[i]))
            if (m_groupOf.value(c, group) == group && c != group && !seen.contains(c)) {
                seen.insert(c);
                order.push_back(c);
                queue.push_back(c);
            }
    // Members not reached that way (their first caller lies outside the group) come last.
    for (quint32 c : m_members.value(group))
        if (!seen.contains(c))
            order.push_back(c);
    return *m_order.insert(group, std::move(order));
}

FoldItem *ChainScene::foldOf(TableId table, int chain) const
{
    const quint32 k = key(table, chain);
    if (!m_groupOf.contains(k) || isShownKey(k))
        return nullptr;
    return m_folds.value(m_groupOf.value(k));
}

bool ChainScene::reveal(TableId table, int chain)
{
    const QList<quint32> keys = revealSet(key(table, chain));
    if (keys.isEmpty())
        return false;
    revealKeys(keys);
    layout();
    return true;
}

int ChainScene::revealMatching(const QString &text)
{
    if (text.isEmpty() || !m_rules)
        return 0;
    // Bytes against bytes: 245,000 rules of a 30k-service dump are searched without making a
    // string of each.
    const QByteArray needle = text.toLower().toUtf8();
    const std::string_view n(needle.constData(), size_t(needle.size()));
    QList<quint32> matches;
    for (size_t i = 0; i < m_chainKeys.size(); ++i) {
        const quint32 k = m_chainKeys[i];
        if (!m_groupOf.contains(k) || isShownKey(k) || m_hidden.contains(k))
            continue;
        bool hit = false;
        if (const Chain *c = chainOf(k)) {
            hit = containsFolded(c->name, n);
            for (size_t r = 0; !hit && r < c->rules.size(); ++r)
                hit = containsFolded(c->rules[r].text, n);
        } else if (const nft::Chain *c = nftChainOf(k)) {
            hit = containsFolded(c->name, n);
            for (size_t r = 0; !hit && r < c->rules.size(); ++r)
                hit = containsFolded(c->rules[r].text, n);
        }
        if (!hit)
            continue;
        // "KUBE-MARK-MASQ" is in every SVC and SEP chain: a few of thousands would be an
        // arbitrary pick. The tree lists them all; a click shows one.
        if (matches.size() == MaxRevealMatches)
            return 0;
        matches.append(k);
    }
    QList<quint32> keys;
    for (quint32 k : std::as_const(matches))
        for (quint32 r : revealSet(k))
            if (!keys.contains(r))
                keys.append(r);
    if (keys.isEmpty())
        return 0;
    revealKeys(keys);
    layout();
    return int(matches.size());
}

void ChainScene::unfold(quint32 group)
{
    if (m_unfolded.contains(group) || !m_groupSize.contains(group))
        return;
    if (m_groupSize.value(group) <= LargeGroup) {
        m_unfolded.insert(group);
        for (quint32 k : m_members.value(group))
            m_revealed.remove(k);
        m_revealedIn.remove(group);
    } else {
        // Ten thousand cards at once help nobody and cost seconds: the next batch.
        QList<quint32> keys;
        for (quint32 k : groupOrder(group)) {
            if (m_revealed.contains(k) || m_hidden.contains(k))
                continue;
            keys.append(k);
            if (keys.size() >= RevealBatch)
                break;
        }
        revealKeys(keys);
    }
    layout();
}

void ChainScene::setHiddenChains(const QSet<quint32> &keys)
{
    if (keys == m_hidden)
        return;
    m_hidden = keys;
    layout();
}

void ChainScene::setRowGaps(const QHash<quint32, std::vector<int>> &gaps)
{
    for (auto it = m_cards.cbegin(); it != m_cards.cend(); ++it)
        if (gaps.contains(it.key()) || m_gaps.contains(it.key()))
            it.value()->setGaps(gaps.value(it.key()));
    m_gaps = gaps;
    if (m_rules)
        layout();
}

void ChainScene::selectRule(quint32 ruleId)
{
    ChainCard *card = cardForRule(ruleId);
    if (card && reveal(card->table(), card->chainIndex()))
        card = cardForRule(ruleId);
    if (m_selectedCard && m_selectedCard != card) {
        m_selectedCard->setSelectedRule(0);
        m_selectedCard->setSelectedRow(-1);
    }
    if (m_policyCard) {
        m_policyCard->setPolicySelected(false);
        m_policyCard = nullptr;
    }
    m_selectedRule = card ? ruleId : 0;
    m_selectedCard = card;
    if (card) {
        card->setSelectedRule(ruleId);
        if (!card->isSelected()) {
            clearSelection();
            card->setSelected(true);
        }
    }
}

void ChainScene::selectChain(TableId table, int chain)
{
    reveal(table, chain);
    ChainCard *card = this->card(table, chain);
    selectRule(0);
    if (!card)
        return;
    if (card->policyRow() >= 0) {
        card->setPolicySelected(true);
        m_policyCard = card;
    }
    clearSelection();
    card->setSelected(true);
}

void ChainScene::selectNftRule(int chain, int rule)
{
    selectChain(ChainCard::NftTable, chain);
    ChainCard *card = this->card(ChainCard::NftTable, chain);
    if (!card || rule < 0)
        return;
    if (m_policyCard) {
        m_policyCard->setPolicySelected(false);
        m_policyCard = nullptr;
    }
    card->setSelectedRow(rule);
    m_selectedCard = card;
}

bool ChainScene::selectedPolicy(TableId &table, int &chain) const
{
    if (!m_policyCard)
        return false;
    table = m_policyCard->table();
    chain = m_policyCard->chainIndex();
    return true;
}

void ChainScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mousePressEvent(event);
    m_pressedCandidate = 0;
    m_pressedNftChain = m_pressedNftRule = -1;
    if (event->button() != Qt::LeftButton)
        return;
    auto *card = cardAt(event->scenePos());
    if (!card)
        return;
    if (card->isNft()) {
        const int row = card->rowAt(card->mapFromScene(event->scenePos()).y());
        const int rule = row >= 0 && row < card->rowCount() ? card->structureRows()[size_t(row)].nftRule : -1;
        if (rule >= 0 && card->structureRows()[size_t(row)].candidate) {
            m_pressedNftChain = card->chainIndex();
            m_pressedNftRule = rule;
            m_pressPos = event->screenPos();
        }
        selectNftRule(card->chainIndex(), rule);
        Q_EMIT nftClicked(card->chainIndex(), rule);
        return;
    }
    const quint32 id = card->ruleIdAt(card->mapFromScene(event->scenePos()));
    if (id == 0) {
        selectChain(card->table(), card->chainIndex());
        Q_EMIT chainClicked(card->table(), card->chainIndex());
    } else {
        selectRule(id);
        Q_EMIT ruleClicked(id);
        const int row = card->rowOfRule(id);
        if (row >= 0 && card->structureRows()[size_t(row)].candidate) {
            m_pressedCandidate = id;
            m_pressPos = event->screenPos();
        }
    }
}

void ChainScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    // A candidate row dragged far enough starts a move; other rows only pan the view.
    if ((m_pressedCandidate || m_pressedNftRule >= 0) && (event->buttons() & Qt::LeftButton) && event->widget()
        && (event->screenPos() - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        auto *mime = new QMimeData;
        if (m_pressedCandidate)
            mime->setData(QLatin1String(RuleMime::Candidate), QByteArray::number(m_pressedCandidate));
        else
            mime->setData(QLatin1String(RuleMime::NftCandidate),
                          QByteArray::number(m_pressedNftChain) + ':' + QByteArray::number(m_pressedNftRule));
        m_pressedCandidate = 0;
        m_pressedNftChain = m_pressedNftRule = -1;
        auto *drag = new QDrag(event->widget());
        drag->setMimeData(mime);
        drag->exec(Qt::MoveAction);
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void ChainScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (auto *fold = qgraphicsitem_cast<FoldItem *>(itemAt(event->scenePos(), QTransform()))) {
        unfold(fold->group());
        event->accept();
        return;
    }
    if (ChainCard *card = cardAt(event->scenePos())) {
        if (const quint32 id = card->ruleIdAt(card->mapFromScene(event->scenePos()))) {
            Q_EMIT ruleActivated(id);
            event->accept();
            return;
        }
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

ChainCard *ChainScene::cardAt(const QPointF &scenePos) const
{
    // A spatial query: the overlay (marker, callouts, the insertion line) may lie above the card.
    const QList<QGraphicsItem *> under = items(scenePos, Qt::IntersectsItemBoundingRect, Qt::DescendingOrder);
    for (QGraphicsItem *item : under)
        if (auto *card = qgraphicsitem_cast<ChainCard *>(item); card && card->isVisible())
            return card;
    return nullptr;
}

bool ChainScene::isRuleDrag(const QMimeData *mime)
{
    return mime && (mime->hasFormat(QLatin1String(RuleMime::RuleText)) || mime->hasFormat(QLatin1String(RuleMime::Policy))
                    || mime->hasFormat(QLatin1String(RuleMime::Candidate)) || mime->hasFormat(QLatin1String(RuleMime::NftCandidate)));
}

Qt::DropAction ChainScene::dropActionFor(const QGraphicsSceneDragDropEvent *event)
{
    // Templates are copied (the palette keeps them); a candidate row moves.
    return event->mimeData()->hasFormat(QLatin1String(RuleMime::Candidate)) || event->mimeData()->hasFormat(QLatin1String(RuleMime::NftCandidate))
            ? Qt::MoveAction
            : Qt::CopyAction;
}

bool ChainScene::trackDrag(QGraphicsSceneDragDropEvent *event)
{
    ChainCard *card = cardAt(event->scenePos());
    const bool policy = event->mimeData()->hasFormat(QLatin1String(RuleMime::Policy));
    // A candidate moves within its kind: iptables rows to iptables chains, nft rows to nft chains.
    const bool wrongKind = card
            && ((card->isNft() && event->mimeData()->hasFormat(QLatin1String(RuleMime::Candidate)))
                || (!card->isNft() && event->mimeData()->hasFormat(QLatin1String(RuleMime::NftCandidate))));
    if (!card || wrongKind || (policy && !card->isBuiltin())) {
        hideInsertionLine();
        return false;
    }
    if (policy) {
        // A policy goes on the policy row, not between rules.
        const QRectF r = card->mapRectToScene(card->rowRect(card->policyRow()));
        m_insertLine->setLine(QLineF(r.bottomLeft(), r.bottomRight()));
    } else {
        const int pos = card->insertionPosition(card->mapFromScene(event->scenePos()));
        const qreal y = card->insertionY(pos);
        m_insertLine->setLine(QLineF(card->mapToScene(QPointF(0, y)), card->mapToScene(QPointF(ChainCard::Width, y))));
    }
    m_insertLine->setVisible(true);
    return true;
}

void ChainScene::hideInsertionLine()
{
    if (m_insertLine)
        m_insertLine->setVisible(false);
}

void ChainScene::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    event->setAccepted(isRuleDrag(event->mimeData()));
    if (event->isAccepted())
        event->setDropAction(dropActionFor(event));
}

void ChainScene::dragMoveEvent(QGraphicsSceneDragDropEvent *event)
{
    if (!isRuleDrag(event->mimeData())) {
        event->ignore();
        return;
    }
    // Accept everywhere over the graph (so the drag is not cancelled between cards), but
    // show the line and allow the drop only over a card.
    event->setAccepted(trackDrag(event));
    if (event->isAccepted())
        event->setDropAction(dropActionFor(event));
}

void ChainScene::dragLeaveEvent(QGraphicsSceneDragDropEvent *event)
{
    hideInsertionLine();
    event->accept();
}

void ChainScene::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    hideInsertionLine();
    const QMimeData *mime = event->mimeData();
    ChainCard *card = isRuleDrag(mime) ? cardAt(event->scenePos()) : nullptr;
    if (!card) {
        event->ignore();
        return;
    }
    const TableId table = card->table();
    const int chain = card->chainIndex();
    const int pos = card->insertionPosition(card->mapFromScene(event->scenePos()));
    event->setDropAction(dropActionFor(event));
    event->accept();
    // Signals last: their receivers may rebuild the scene and delete the card.
    if (card->isNft()) {
        if (mime->hasFormat(QLatin1String(RuleMime::Policy))) {
            if (card->isBuiltin())
                Q_EMIT nftPolicyDropped(chain, mime->data(QLatin1String(RuleMime::Policy)) == "DROP");
        } else if (mime->hasFormat(QLatin1String(RuleMime::NftCandidate))) {
            const QList<QByteArray> from = mime->data(QLatin1String(RuleMime::NftCandidate)).split(':');
            if (from.size() == 2)
                Q_EMIT nftCandidateMoved(from[0].toInt(), from[1].toInt(), chain, pos);
        } else if (mime->hasFormat(QLatin1String(RuleMime::RuleText))) {
            Q_EMIT nftRuleDropped(chain, pos, QString::fromUtf8(mime->data(QLatin1String(RuleMime::RuleText))));
        }
        return;
    }
    if (mime->hasFormat(QLatin1String(RuleMime::NftCandidate)))
        return;
    if (mime->hasFormat(QLatin1String(RuleMime::Policy))) {
        if (card->isBuiltin())
            Q_EMIT policyDropped(table, chain, mime->data(QLatin1String(RuleMime::Policy)) == "DROP");
    } else if (mime->hasFormat(QLatin1String(RuleMime::Candidate))) {
        Q_EMIT candidateMoved(mime->data(QLatin1String(RuleMime::Candidate)).toUInt(), table, chain, pos);
    } else {
        Q_EMIT ruleDropped(table, chain, pos, QString::fromUtf8(mime->data(QLatin1String(RuleMime::RuleText))));
    }
}

void ChainScene::layout()
{
    for (QGraphicsItem *item : std::as_const(m_decor))
        delete item;
    m_decor.clear();
    for (FoldItem *fold : std::as_const(m_folds))
        delete fold;
    m_folds.clear();

    struct El
    {
        QGraphicsItem *item = nullptr;
        quint32 key = 0;
        int lane = 0;
        int layer = 0;
        qreal height = 0;
        qreal y = 0;
        int prio = 0;                           // built-in chains: their hook priority (layer 0)
        int rank = 0;                           // at equal priority: the order the kernel runs them
        int order = 0;                          // initial sort: table, then name
        QString name;
        QList<QPair<quint32, qreal>> sources;   // caller key and row offset inside it
    };
    std::vector<El> els;
    QHash<quint32, int> elOfCard;
    QHash<quint32, int> elOfFold;

    // What is shown: chains in no group, whole groups unfolded, chains revealed alone. Linear in
    // what is shown, not in the 90,000 chains of a 30k-service dump.
    std::vector<quint32> shown;
    for (quint32 k : m_freeKeys)
        if (!m_hidden.contains(k))
            shown.push_back(k);
    for (quint32 g : std::as_const(m_unfolded))
        for (quint32 k : m_members.value(g))
            if (!m_hidden.contains(k))
                shown.push_back(k);
    for (quint32 k : std::as_const(m_revealed))
        if (!m_hidden.contains(k))
            shown.push_back(k);
    std::sort(shown.begin(), shown.end());
    for (auto it = m_cards.cbegin(); it != m_cards.cend(); ++it)
        if (!std::binary_search(shown.cbegin(), shown.cend(), it.key()))
            it.value()->setVisible(false);
    // A hook's chains top to bottom in the order the kernel runs them: the iptables tables at
    // their NF_IP_PRI_* priority, nft base chains at theirs (equal priorities as the engine
    // orders them, nft before iptables).
    QHash<int, int> nftRank;
    if (m_rules && m_rules->nft)
        for (int h = 0; h <= int(nft::NftHook::Postrouting); ++h)
            for (Family f : {Family::Ipv4, Family::Ipv6}) {
                const std::vector<int> chains = m_rules->nft->baseChains(nft::NftHook(h), f);
                for (size_t i = 0; i < chains.size(); ++i)
                    if (!nftRank.contains(chains[i]))
                        nftRank.insert(chains[i], int(i));
            }
    for (const quint32 k : shown) {
        ChainCard *card = ensureCard(k);
        card->setVisible(true);
        El e;
        e.item = card;
        e.key = k;
        e.lane = m_lane.value(k);
        e.layer = m_layer.value(k);
        e.height = card->height();
        e.order = card->isNft() ? TableCount + (nftChainOf(k) ? nftChainOf(k)->table : 0) : int(card->table());
        e.name = card->chainName();
        if (e.layer == 0 && card->isBuiltin()) {
            if (const nft::Chain *n = nftChainOf(k)) {
                e.prio = n->priority;
                e.rank = nftRank.value(keyChain(k), 0);
            } else if (e.lane < LaneCount) {
                e.prio = nft::iptablesPriority(card->table(), Hook(e.lane));
                e.rank = 1 << 20;
            }
        }
        elOfCard.insert(k, int(els.size()));
        els.push_back(e);
    }
    for (auto it = m_groupSize.cbegin(); it != m_groupSize.cend(); ++it) {
        const int folded = it.value() - m_revealedIn.value(it.key());
        if (m_unfolded.contains(it.key()) || folded <= 0)
            continue;
        ChainCard *parent = ensureCard(it.key());
        auto *fold = new FoldItem(it.key(), folded, parent->chainName(), it.value() > LargeGroup ? RevealBatch : 0,
                                  m_theme);
        addItem(fold);
        m_folds.insert(it.key(), fold);
        El e;
        e.item = fold;
        e.key = it.key();
        e.lane = m_lane.value(it.key());
        e.layer = m_layer.value(it.key()) + 1;
        e.height = FoldItem::Height;
        e.order = int(parent->table());
        e.name = QStringLiteral("~");   // after the named chains of its table
        e.sources.append({it.key(), ChainCard::TitleHeight});
        elOfFold.insert(it.key(), int(els.size()));
        els.push_back(e);
    }
    // Barycentre sources: the rows that jump into each shown card.
    std::vector<std::pair<quint32, bool>> jumps;
    for (El &e : els) {
        auto *card = qgraphicsitem_cast<ChainCard *>(e.item);
        if (!card)
            continue;
        for (size_t r = 0; r < card->structureRows().size(); ++r) {
              rowJumps(card, int(r), jumps);
                for (const auto &j : jumps) {
                    const int ti = elOfCard.value(j.first, -1);
                    if (ti >= 0)
                        els[size_t(ti)].sources.append({e.key, card->rowRect(int(r)).center().y()});
                }
        }
    }

    QMap<QPair<int, int>, QList<int>> columns;
    for (int i = 0; i < int(els.size()); ++i)
        columns[{els[size_t(i)].lane, els[size_t(i)].layer}].append(i);
    for (QList<int> &col : columns)
        std::sort(col.begin(), col.end(), [&](int a, int b) {
            const El &x = els[size_t(a)];
            const El &y = els[size_t(b)];
            if (x.prio != y.prio)
                return x.prio < y.prio;
            if (x.rank != y.rank)
                return x.rank < y.rank;
            return x.order != y.order ? x.order < y.order : x.name < y.name;
        });

    auto stack = [&](const QList<int> &col) {
        qreal y = LaneHeader;
        for (int i : col) {
            els[size_t(i)].y = y;
            y += els[size_t(i)].height + GapY;
        }
    };
    for (const QList<int> &col : std::as_const(columns))
        stack(col);

    auto sourceY = [&](quint32 k) -> qreal {
        const int i = elOfCard.value(k, -1);
        return i >= 0 ? els[size_t(i)].y : 0;
    };
    // Barycentric sweeps: order each user-chain layer by the mean height of the rows calling it.
    for (int sweep = 0; sweep < 4; ++sweep) {
        for (auto it = columns.begin(); it != columns.end(); ++it) {
            if (it.key().second == 0)
                continue;
            QList<int> &col = it.value();
            QHash<int, qreal> bary;
            for (int i : col) {
                const El &e = els[size_t(i)];
                qreal sum = 0;
                int n = 0;
                for (const auto &s : e.sources)
                    if (elOfCard.contains(s.first)) {
                        sum += sourceY(s.first) + s.second;
                        ++n;
                    }
                bary.insert(i, n ? sum / n : e.y);
            }
            std::stable_sort(col.begin(), col.end(), [&](int a, int b) { return bary.value(a) < bary.value(b); });
            // Keep each card near its callers: stack in order, but never above its barycentre.
            qreal y = LaneHeader;
            for (int i : col) {
                El &e = els[size_t(i)];
                e.y = std::max(y, bary.value(i) - ChainCard::TitleHeight / 2);
                y = e.y + e.height + GapY;
            }
        }
    }

    // Lanes left to right in kernel order, each as wide as its deepest layer.
    int maxLayer[LaneCount + 1] = {};
    bool used[LaneCount + 1] = {};
    for (const El &e : els) {
        maxLayer[e.lane] = std::max(maxLayer[e.lane], e.layer);
        used[e.lane] = true;
    }
    qreal laneX[LaneCount + 1] = {};
    qreal laneW[LaneCount + 1] = {};
    qreal x = 0;
    for (int l = 0; l <= LaneCount; ++l) {
        laneX[l] = x;
        laneW[l] = used[l] || l < LaneCount ? (maxLayer[l] + 1) * (ChainCard::Width + GapX) + LanePad : 0;
        x += laneW[l] + (laneW[l] > 0 ? 24 : 0);
    }
    qreal bottom = 0;
    for (El &e : els) {
        e.item->setPos(laneX[e.lane] + LanePad + e.layer * (ChainCard::Width + GapX), e.y);
        bottom = std::max(bottom, e.y + e.height);
    }

    QFont laneFont;
    laneFont.setPixelSize(26);
    laneFont.setBold(true);
    for (int l = 0; l <= LaneCount; ++l) {
        if (laneW[l] <= 0)
            continue;
        auto *lane = new QGraphicsRectItem(laneX[l], 0, laneW[l], bottom + LanePad);
        lane->setPen(Qt::NoPen);
        lane->setBrush(m_theme.laneBackground);
        lane->setZValue(-2);
        addItem(lane);
        m_decor.append(lane);
        const QString title = l < LaneCount ? text::q(hookName(Hook(l))) : tr("unreferenced chains");
        auto *label = new QGraphicsSimpleTextItem(title);
        label->setFont(laneFont);
        label->setBrush(m_theme.laneText);
        label->setPos(laneX[l] + LanePad, 12);
        label->setZValue(-2);
        addItem(label);
        m_decor.append(label);
    }

    std::vector<QGraphicsItem *> cardItems;
    cardItems.reserve(els.size());
    for (const El &e : els)
        if (qgraphicsitem_cast<ChainCard *>(e.item))
            cardItems.push_back(e.item);
    addEdges(cardItems);
    // A node whose rules are all nftables: the graph of iptables chains is empty, and says
    // where its rules are shown.
    if (cardItems.empty() && m_rules && m_rules->nft && !m_rules->nft->tables.empty()) {
        // The view fits the empty lanes: the words are sized to their width to stay readable.
        QFont f;
        f.setPixelSize(std::max(18, int(x / 60)));
        auto *hint = new QGraphicsSimpleTextItem(
                tr("No iptables tables on this node: its %n nftables table(s) are in the nftables dock (Alt+9).", nullptr,
                   int(m_rules->nft->tables.size())));
        hint->setFont(f);
        hint->setBrush(m_theme.dimText);
        hint->setPos(LanePad, bottom + LanePad + 60);
        addItem(hint);
        m_decor.append(hint);
    }
    setSceneRect(itemsBoundingRect().adjusted(-40, -40, 40, 40));
    Q_EMIT layoutChanged();
}

void ChainScene::addEdges(const std::vector<QGraphicsItem *> &shownCards)
{
    // Edges from each jumping row to the card (or the fold item) it enters, gathered per target
    // over all cards. Up to MaxFanEdges jumps into one place are drawn each on its own; more
    // become one bundle (KUBE-SERVICES' 30,000 rows into its fold, the SVC and SEP chains into
    // KUBE-MARK-MASQ): ten thousand curves meeting at one point say nothing more, and they cost
    // seconds a frame (tests/bench/guibench).
    struct Fan
    {
        QGraphicsItem *target = nullptr;
        QPointF to;
        QString name;
        std::vector<QPointF> from;
        std::vector<bool> isGoto;
        int gotos = 0;
    };
    std::vector<Fan> fans;
    QHash<QGraphicsItem *, size_t> fanOf;
    std::vector<std::pair<quint32, bool>> jumps;
    std::vector<QGraphicsItem *> reached;   // one edge per row and target: a vmap's 10,000 services fold into one
    for (QGraphicsItem *item : shownCards) {
        auto *card = static_cast<ChainCard *>(item);
        const std::vector<ChainCard::Row> &rows = card->structureRows();
        const qreal right = card->pos().x() + ChainCard::Width;
        for (size_t r = 0; r < rows.size(); ++r) {
            rowJumps(card, int(r), jumps);
            reached.clear();
            for (const auto &[tk, isGoto] : jumps) {
                QGraphicsItem *target = nullptr;
                QPointF to;
                if (ChainCard *tc = m_cards.value(tk); tc && tc->isVisible()) {
                    target = tc;
                    to = tc->pos() + QPointF(0, ChainCard::TitleHeight / 2);
                } else if (FoldItem *f = m_folds.value(m_groupOf.value(tk, 0xffffffffu)); f && !isShownKey(tk)) {
                    target = f;
                    to = f->pos() + QPointF(0, FoldItem::Height / 2);
                }
                if (!target || std::find(reached.cbegin(), reached.cend(), target) != reached.cend())
                    continue;
                reached.push_back(target);
                const QPointF from(right, card->pos().y() + card->rowRect(int(r)).center().y());
                auto it = fanOf.constFind(target);
                if (it == fanOf.cend()) {
                    it = fanOf.insert(target, fans.size());
                    Fan fan;
                    fan.target = target;
                    fan.to = to;
                    fans.push_back(std::move(fan));
                }
                Fan &fan = fans[*it];
                fan.from.push_back(from);
                fan.isGoto.push_back(isGoto);
                fan.gotos += isGoto ? 1 : 0;
            }
        }
    }
    std::map<qreal, int> trunks;
    for (const Fan &fan : fans) {
        if (int(fan.from.size()) <= MaxFanEdges) {
            for (size_t i = 0; i < fan.from.size(); ++i) {
                auto *edge = new EdgeItem(fan.from[i], fan.to, fan.isGoto[i], m_theme);
                addItem(edge);
                m_decor.append(edge);
            }
            continue;
        }
        // Dashed only when every jump in it is a goto.
        auto *bundle = new EdgeItem(fan.from, fan.to, fan.gotos == int(fan.from.size()), m_theme, trunks);
        QString into;
        if (auto *tc = qgraphicsitem_cast<ChainCard *>(fan.target))
            into = tc->chainName();
        else if (auto *f = qgraphicsitem_cast<FoldItem *>(fan.target))
            into = tr("the %n folded chain(s)", nullptr, f->count());
        bundle->setToolTip(tr("%n rows jump into %1", nullptr, int(fan.from.size())).arg(into));
        addItem(bundle);
        m_decor.append(bundle);
    }
}

} // namespace chainscope
