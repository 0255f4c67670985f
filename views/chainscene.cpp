#include "chainscene.h"
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

namespace chainscope {

namespace {
constexpr int LaneCount = 5;         // hooks; lane 5 holds unreferenced user chains
constexpr qreal GapX = 90;
constexpr qreal GapY = 22;
constexpr qreal LaneHeader = 56;
constexpr qreal LanePad = 30;
constexpr int MaxSiblings = 40;
constexpr int MaxFanEdges = 64;   // more rows into one target: a bus and one edge

bool foldableName(std::string_view n)
{
    for (std::string_view p : {std::string_view("KUBE-SVC-"), std::string_view("KUBE-SEP-"),
                               std::string_view("KUBE-FW-"), std::string_view("KUBE-XLB-")})
        if (n.substr(0, p.size()) == p)
            return true;
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
    m_lane.clear();
    m_layer.clear();
    m_groupOf.clear();
    m_groupSize.clear();
    m_unfolded.clear();
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
    m_logMax = std::log1p(double(maxPackets));

    for (int t = 0; t < TableCount; ++t) {
        const Table &table = rules->table(TableId(t));
        if (!table.present)
            continue;
        for (int c = 0; c < int(table.chains.size()); ++c)
            m_chainKeys.push_back(key(TableId(t), c));
    }
    computeStructure();
    layout();
    Q_EMIT rulesetChanged();
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

ChainCard *ChainScene::ensureCard(quint32 k) const
{
    if (ChainCard *card = m_cards.value(k))
        return card;
    if (!chainOf(k))
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
            for (const Rule &r : chainOf(k)->rules)
                m_ruleChain.emplace_back(r.id, k);
        std::sort(m_ruleChain.begin(), m_ruleChain.end());
    }
    const auto it = std::lower_bound(m_ruleChain.cbegin(), m_ruleChain.cend(), std::make_pair(ruleId, quint32(0)));
    return it != m_ruleChain.cend() && it->first == ruleId ? ensureCard(it->second) : nullptr;
}

void ChainScene::computeStructure()
{
    // From the rule set, not from cards: most chains never get one.
    QHash<quint32, QList<quint32>> callees;
    for (quint32 from : m_chainKeys) {
        const TableId table = keyTable(from);
        for (const Rule &r : chainOf(from)->rules)
            if ((r.target.kind == Target::Jump || r.target.kind == Target::Goto) && r.target.chain >= 0) {
                const quint32 to = key(table, r.target.chain);
                if (chainOf(to)) {
                    m_callers[to].append(from);
                    if (!callees[from].contains(to))
                        callees[from].append(to);
                }
            }
    }

    // Longest-path layering and lane (the earliest hook reaching a chain), memoised, with a
    // guard against loops a hand-edited dump might contain.
    QSet<quint32> onStack;
    std::function<void(quint32)> visit = [&](quint32 k) {
        if (m_layer.contains(k))
            return;
        const Chain *chain = chainOf(k);
        Hook hook;
        if (chain->builtin && hookFromChainName(chain->name, hook)) {
            m_layer.insert(k, 0);
            m_lane.insert(k, int(hook));
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
    for (quint32 k : m_chainKeys)
        if (const Chain *c = chainOf(k); !c->builtin && foldableName(c->name))
            foldable.insert(k);
    for (auto it = callees.cbegin(); it != callees.cend(); ++it)
        if (it.value().size() > MaxSiblings)
            for (quint32 k : it.value())
                if (!chainOf(k)->builtin)
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
}

FoldItem *ChainScene::foldOf(TableId table, int chain) const
{
    const quint32 k = key(table, chain);
    if (!m_groupOf.contains(k))
        return nullptr;
    return m_folds.value(m_groupOf.value(k));
}

bool ChainScene::reveal(TableId table, int chain)
{
    const quint32 k = key(table, chain);
    if (!m_groupOf.contains(k) || m_unfolded.contains(m_groupOf.value(k)))
        return false;
    unfold(m_groupOf.value(k));
    return true;
}

int ChainScene::revealMatching(const QString &text)
{
    if (text.isEmpty() || !m_rules)
        return 0;
    QSet<quint32> groups;
    for (auto it = m_groupOf.cbegin(); it != m_groupOf.cend(); ++it) {
        if (m_unfolded.contains(it.value()) || groups.contains(it.value()))
            continue;
        const Chain &c = *chainOf(it.key());
        bool hit = text::q(c.name).contains(text, Qt::CaseInsensitive);
        for (size_t i = 0; !hit && i < c.rules.size(); ++i)
            hit = text::q(c.rules[i].text).contains(text, Qt::CaseInsensitive);
        if (hit)
            groups.insert(it.value());
    }
    if (groups.isEmpty())
        return 0;
    m_unfolded.unite(groups);
    layout();
    return int(groups.size());
}

void ChainScene::unfold(quint32 group)
{
    if (m_unfolded.contains(group))
        return;
    m_unfolded.insert(group);
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
    if (m_selectedCard && m_selectedCard != card)
        m_selectedCard->setSelectedRule(0);
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
    if (event->button() != Qt::LeftButton)
        return;
    auto *card = cardAt(event->scenePos());
    if (!card)
        return;
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
    if (m_pressedCandidate && (event->buttons() & Qt::LeftButton) && event->widget()
        && (event->screenPos() - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        auto *mime = new QMimeData;
        mime->setData(QLatin1String(RuleMime::Candidate), QByteArray::number(m_pressedCandidate));
        m_pressedCandidate = 0;
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
                    || mime->hasFormat(QLatin1String(RuleMime::Candidate)));
}

Qt::DropAction ChainScene::dropActionFor(const QGraphicsSceneDragDropEvent *event)
{
    // Templates are copied (the palette keeps them); a candidate row moves.
    return event->mimeData()->hasFormat(QLatin1String(RuleMime::Candidate)) ? Qt::MoveAction : Qt::CopyAction;
}

bool ChainScene::trackDrag(QGraphicsSceneDragDropEvent *event)
{
    ChainCard *card = cardAt(event->scenePos());
    const bool policy = event->mimeData()->hasFormat(QLatin1String(RuleMime::Policy));
    if (!card || (policy && !card->isBuiltin())) {
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
        int order = 0;                          // initial sort: table, then name
        QString name;
        QList<QPair<quint32, qreal>> sources;   // caller key and row offset inside it
    };
    std::vector<El> els;
    QHash<quint32, int> elOfCard;
    QHash<quint32, int> elOfFold;

    for (const quint32 k : m_chainKeys) {
        const bool folded = (m_groupOf.contains(k) && !m_unfolded.contains(m_groupOf.value(k))) || m_hidden.contains(k);
        if (folded) {
            if (ChainCard *card = m_cards.value(k))
                card->setVisible(false);
            continue;
        }
        ChainCard *card = ensureCard(k);
        card->setVisible(true);
        El e;
        e.item = card;
        e.key = k;
        e.lane = m_lane.value(k);
        e.layer = m_layer.value(k);
        e.height = card->height();
        e.order = int(card->table());
        e.name = card->chainName();
        elOfCard.insert(k, int(els.size()));
        els.push_back(e);
    }
    for (auto it = m_groupSize.cbegin(); it != m_groupSize.cend(); ++it) {
        if (m_unfolded.contains(it.key()))
            continue;
        ChainCard *parent = ensureCard(it.key());
        auto *fold = new FoldItem(it.key(), it.value(), parent->chainName(), m_theme);
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
    for (El &e : els) {
        auto *card = qgraphicsitem_cast<ChainCard *>(e.item);
        if (!card)
            continue;
        for (size_t r = 0; r < card->structureRows().size(); ++r) {
            const int target = card->structureRows()[r].jumpChain;
            if (target < 0)
                continue;
            const quint32 tk = key(card->table(), target);
            const int ti = elOfCard.value(tk, -1);
            if (ti >= 0)
                els[size_t(ti)].sources.append({e.key, card->rowRect(int(r)).center().y()});
        }
    }

    QMap<QPair<int, int>, QList<int>> columns;
    for (int i = 0; i < int(els.size()); ++i)
        columns[{els[size_t(i)].lane, els[size_t(i)].layer}].append(i);
    for (QList<int> &col : columns)
        std::sort(col.begin(), col.end(), [&](int a, int b) {
            const El &x = els[size_t(a)];
            const El &y = els[size_t(b)];
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

    // Edges from each jumping row to the card (or the fold item) it enters. A large fan into
    // one target (KUBE-SERVICES: one row per service, all into the fold) becomes a bus along
    // the card's edge and one edge: ten thousand curves meeting at one point say nothing
    // more, and they cost seconds a frame (tests/bench/guibench).
    for (const El &e : els) {
        auto *card = qgraphicsitem_cast<ChainCard *>(e.item);
        if (!card)
            continue;
        struct Fan
        {
            QGraphicsItem *target = nullptr;
            qreal ty = 0;
            std::vector<int> rows;
        };
        std::vector<Fan> fans;
        QHash<QGraphicsItem *, size_t> fanOf;
        for (size_t r = 0; r < card->structureRows().size(); ++r) {
            const ChainCard::Row &row = card->structureRows()[r];
            if (row.jumpChain < 0)
                continue;
            const quint32 tk = key(card->table(), row.jumpChain);
            QGraphicsItem *target = nullptr;
            qreal ty = 0;
            if (ChainCard *tc = m_cards.value(tk); tc && tc->isVisible()) {
                target = tc;
                ty = ChainCard::TitleHeight / 2;
            } else if (FoldItem *f = m_folds.value(m_groupOf.value(tk, 0xffffffffu))) {
                target = f;
                ty = FoldItem::Height / 2;
            }
            if (!target)
                continue;
            const auto it = fanOf.constFind(target);
            if (it == fanOf.cend()) {
                fanOf.insert(target, fans.size());
                fans.push_back({target, ty, {int(r)}});
            } else {
                fans[*it].rows.push_back(int(r));
            }
        }
        for (const Fan &fan : fans) {
            const QPointF to = fan.target->pos() + QPointF(0, fan.ty);
            auto rowPoint = [&](int r) {
                return card->pos() + QPointF(ChainCard::Width, card->rowRect(r).center().y());
            };
            if (int(fan.rows.size()) <= MaxFanEdges) {
                for (int r : fan.rows) {
                    auto *edge = new EdgeItem(rowPoint(r), to, card->structureRows()[size_t(r)].isGoto, m_theme);
                    addItem(edge);
                    m_decor.append(edge);
                }
                continue;
            }
            const QPointF first = rowPoint(fan.rows.front());
            const QPointF last = rowPoint(fan.rows.back());
            auto *bus = new QGraphicsLineItem(QLineF(first + QPointF(3, 0), last + QPointF(3, 0)));
            bus->setPen(QPen(m_theme.edge, 4, Qt::SolidLine, Qt::FlatCap));
            bus->setZValue(-1);
            bus->setToolTip(tr("%n rows jump from here into the same place", nullptr, int(fan.rows.size())));
            addItem(bus);
            m_decor.append(bus);
            auto *edge = new EdgeItem(first, to, card->structureRows()[size_t(fan.rows.front())].isGoto, m_theme);
            addItem(edge);
            m_decor.append(edge);
        }
    }
    setSceneRect(itemsBoundingRect().adjusted(-40, -40, 40, 40));
    Q_EMIT layoutChanged();
}

} // namespace chainscope
