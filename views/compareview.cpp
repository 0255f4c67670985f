#include "compareview.h"

#include "chaincard.h"
#include "chainscene.h"
#include "chainview.h"
#include "explain.h"

#include <QEvent>
#include <QLabel>
#include <QScrollBar>
#include <QSplitter>
#include <QVBoxLayout>

#include <cmath>

namespace chainscope {

namespace {
QColor blend(const QColor &base, const QColor &over, double k)
{
    return QColor::fromRgbF(float(base.redF() * (1 - k) + over.redF() * k),
                            float(base.greenF() * (1 - k) + over.greenF() * k),
                            float(base.blueF() * (1 - k) + over.blueF() * k));
}

/** The rule's tests without its comment, then what a rewriting target writes (as ChainCard shows). */
QString matchesText(const Ruleset &rs, const Rule &r)
{
    QStringList parts;
    for (const Criterion &c : r.criteria)
        if (c.kind != Criterion::Comment)
            parts << Explain::criterionText(rs, r, c);
    QString text = parts.join(QLatin1Char(' '));
    if (!r.target.args.empty() && r.target.kind != Target::Jump && r.target.kind != Target::Goto)
        text += QStringLiteral(" \u21d2 ") + QString::fromUtf8(r.target.args.data(), qsizetype(r.target.args.size())).trimmed();
    return text;
}
} // namespace

CompareView::CompareView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(m_splitter);
    for (int s = 0; s < 2; ++s) {
        auto *host = new QWidget(m_splitter);
        auto *v = new QVBoxLayout(host);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(0);
        m_titles[s] = new QLabel(host);
        m_titles[s]->setContentsMargins(8, 4, 8, 4);
        QFont f = m_titles[s]->font();
        f.setBold(true);
        f.setPointSizeF(f.pointSizeF() * 1.15);
        m_titles[s]->setFont(f);
        m_scenes[s] = new ChainScene(this);
        m_views[s] = new ChainView(host);
        m_views[s]->setScene(m_scenes[s]);
        m_views[s]->setAcceptDrops(false);
        m_views[s]->viewport()->setAcceptDrops(false);
        m_views[s]->setObjectName(s == Left ? QStringLiteral("leftGraph") : QStringLiteral("rightGraph"));
        v->addWidget(m_titles[s]);
        v->addWidget(m_views[s], 1);
        m_splitter->addWidget(host);

        const Side side = Side(s);
        connect(m_views[s], &ChainView::zoomChanged, this, [this, side] { syncZoom(side); });
        connect(m_views[s]->horizontalScrollBar(), &QScrollBar::valueChanged, this, [this, side] { syncPan(side); });
        connect(m_views[s]->verticalScrollBar(), &QScrollBar::valueChanged, this, [this, side] { syncPan(side); });
        connect(m_scenes[s], &ChainScene::ruleClicked, this, [this, side](quint32 id) { onRuleClicked(side, id); });
        connect(m_scenes[s], &ChainScene::layoutChanged, this, [this, side] { syncFolding(side); });
        connect(m_scenes[s], &QGraphicsScene::selectionChanged, this, [this, side] { onSelectionChanged(side); });
    }
    m_splitter->setSizes({1, 1});
}

CompareView::~CompareView() = default;

void CompareView::setComparison(const Ruleset *left, const Ruleset *right, const DiffResult *diff,
                                const Theme &theme, const QString &leftTitle, const QString &rightTitle)
{
    m_syncing = true;
    m_rules[Left] = left;
    m_rules[Right] = right;
    m_diff = diff;
    m_nftDiff = nullptr;
    m_theme = theme;
    m_diverge[Left] = {};
    m_diverge[Right] = {};
    m_divergeAt = {};
    m_titles[Left]->setText(leftTitle);
    m_titles[Right]->setText(rightTitle);
    for (int s = 0; s < 2; ++s) {
        m_pairOf[s].clear();
        m_ruleDiffOf[s].clear();
        m_scenes[s]->setRuleset(m_rules[s], theme);
    }
    if (diff && left && right) {
        for (size_t p = 0; p < diff->chains.size(); ++p) {
            const ChainPair &cp = diff->chains[p];
            if (cp.left >= 0)
                m_pairOf[Left].insert(ChainScene::key(cp.table, cp.left), int(p));
            if (cp.right >= 0)
                m_pairOf[Right].insert(ChainScene::key(cp.table, cp.right), int(p));
        }
        for (size_t i = 0; i < diff->rules.size(); ++i) {
            const RuleDiff &d = diff->rules[i];
            const ChainPair &cp = diff->chains[size_t(d.pair)];
            if (d.left >= 0 && cp.left >= 0)
                m_ruleDiffOf[Left].insert(ruleId(Left, d.table, cp.left, d.left), int(i));
            if (d.right >= 0 && cp.right >= 0)
                m_ruleDiffOf[Right].insert(ruleId(Right, d.table, cp.right, d.right), int(i));
        }
        applyGaps();
    }
    applyMarks();
    applyHidden();
    m_syncing = false;
}

quint32 CompareView::ruleId(Side side, TableId table, int chain, int rule) const
{
    const Ruleset *rs = m_rules[side];
    if (!rs || chain < 0 || rule < 0 || table == ChainCard::NftTable)
        return 0;
    const Table &t = rs->table(table);
    if (chain >= int(t.chains.size()) || rule >= int(t.chains[size_t(chain)].rules.size()))
        return 0;
    return t.chains[size_t(chain)].rules[size_t(rule)].id;
}

int CompareView::pairOf(Side side, TableId table, int chain) const
{
    return m_pairOf[side].value(ChainScene::key(table, chain), -1);
}

ChainCard *CompareView::pairedCard(Side side, ChainCard *card) const
{
    if (!card || !m_diff)
        return nullptr;
    const int p = pairOf(side, card->table(), card->chainIndex());
    if (p < 0)
        return nullptr;
    const ChainPair &cp = m_diff->chains[size_t(p)];
    const int other = side == Left ? cp.right : cp.left;
    return other >= 0 ? m_scenes[side == Left ? Right : Left]->card(cp.table, other) : nullptr;
}

void CompareView::applyGaps()
{
    // The diff's rows, one per pair of rules or rule on one side: where a side has no rule,
    // its card gets a gap row, so equal rules sit side by side (and the policy rows too).
    QHash<quint32, std::vector<int>> gaps[2];
    int pair = -1;
    std::vector<int> *current[2] = {nullptr, nullptr};
    int pending[2] = {0, 0};
    auto finishPair = [&] {
        for (int s = 0; s < 2; ++s)
            if (current[s] && pending[s] > 0)
                current[s]->back() += pending[s];   // after the last rule: before the policy row, or at the end
        current[0] = current[1] = nullptr;
        pending[0] = pending[1] = 0;
    };
    for (const RuleDiff &d : m_diff->rules) {
        const ChainPair &cp = m_diff->chains[size_t(d.pair)];
        if (cp.left < 0 || cp.right < 0)
            continue;
        if (d.pair != pair) {
            finishPair();
            pair = d.pair;
            const int chains[2] = {cp.left, cp.right};
            for (int s = 0; s < 2; ++s) {
                const size_t rules = m_rules[s]->table(cp.table).chains[size_t(chains[s])].rules.size();
                current[s] = &gaps[s][ChainScene::key(cp.table, chains[s])];
                current[s]->assign(rules + 1, 0);
            }
        }
        const int rows[2] = {d.left, d.right};
        for (int s = 0; s < 2; ++s) {
            if (rows[s] < 0) {
                ++pending[s];
            } else {
                (*current[s])[size_t(rows[s])] = pending[s];
                pending[s] = 0;
            }
        }
    }
    finishPair();
    for (int s = 0; s < 2; ++s)
        m_scenes[s]->setRowGaps(gaps[s]);
}

void CompareView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // The scenes are sent the event after this widget: their words first, then the
        // badges ("only on node02") set on them here.
        for (ChainScene *scene : m_scenes)
            scene->retranslate();
        applyMarks();
    }
    QWidget::changeEvent(event);
}

void CompareView::setNftDiff(const NftDiffResult *diff)
{
    m_nftDiff = diff;
    applyNftMarks();
    applyHidden();
}

void CompareView::applyNftMarks()
{
    if (!m_nftDiff || !m_rules[Left] || !m_rules[Right] || !m_rules[Left]->nft || !m_rules[Right]->nft)
        return;
    const NftDiffResult &d = *m_nftDiff;
    for (const NftRuleDiff &r : d.rules) {
        if (r.kind == RuleDiff::Same)
            continue;
        const NftChainPair &cp = d.chains[size_t(r.pair)];
        if (cp.left < 0 || cp.right < 0)
            continue;   // the whole chain is marked instead
        const QColor tint = r.kind == RuleDiff::Changed ? m_theme.diffChanged
                : r.kind == RuleDiff::OnlyLeft          ? m_theme.diffOnlyLeft
                                                        : m_theme.diffOnlyRight;
        const QColor stripe = r.kind == RuleDiff::Changed ? m_theme.diffChangedMark
                : r.kind == RuleDiff::OnlyLeft            ? m_theme.diffOnlyLeftMark
                                                          : m_theme.diffOnlyRightMark;
        const int rows[2] = {r.left, r.right};
        const int chains[2] = {cp.left, cp.right};
        for (int side = 0; side < 2; ++side)
            if (rows[side] >= 0)
                if (ChainCard *c = m_scenes[side]->card(ChainCard::NftTable, chains[side]))
                    c->setRowMark(rows[side], tint, stripe);
    }
    for (const NftChainPair &cp : d.chains) {
        if (cp.left >= 0 && cp.right < 0) {
            if (ChainCard *c = m_scenes[Left]->card(ChainCard::NftTable, cp.left))
                c->setChainMark(tr("only on %1").arg(m_titles[Left]->text()), m_theme.diffOnlyLeftMark);
        } else if (cp.right >= 0 && cp.left < 0) {
            if (ChainCard *c = m_scenes[Right]->card(ChainCard::NftTable, cp.right))
                c->setChainMark(tr("only on %1").arg(m_titles[Right]->text()), m_theme.diffOnlyRightMark);
        }
    }
    for (const NftChainChange &ch : d.chainChanges) {
        if (ch.field != NftChainChange::Policy)
            continue;
        const NftChainPair &cp = d.chains[size_t(ch.pair)];
        for (int s = 0; s < 2; ++s)
            if (ChainCard *c = m_scenes[s]->card(ChainCard::NftTable, s == Left ? cp.left : cp.right); c && c->policyRow() >= 0)
                c->setRowMark(c->policyRow(), m_theme.diffChanged, m_theme.diffChangedMark);
    }
}

void CompareView::applyMarks()
{
    applyNftMarks();
    if (!m_diff)
        return;
    for (const RuleDiff &d : m_diff->rules) {
        if (d.kind == RuleDiff::Same)
            continue;
        const ChainPair &cp = m_diff->chains[size_t(d.pair)];
        if (cp.left < 0 || cp.right < 0)
            continue;   // the whole chain is marked instead
        QColor tint, stripe;
        switch (d.kind) {
        case RuleDiff::Changed:
            tint = m_theme.diffChanged;
            stripe = m_theme.diffChangedMark;
            break;
        case RuleDiff::OnlyLeft:
            tint = m_theme.diffOnlyLeft;
            stripe = m_theme.diffOnlyLeftMark;
            break;
        default:
            tint = m_theme.diffOnlyRight;
            stripe = m_theme.diffOnlyRightMark;
        }
        const int rows[2] = {d.left, d.right};
        const int chains[2] = {cp.left, cp.right};
        for (int side = 0; side < 2; ++side) {
            if (rows[side] < 0)
                continue;
            ChainCard *c = m_scenes[side]->card(d.table, chains[side]);
            if (!c)
                continue;
            c->setRowMark(rows[side], tint, stripe);
            // A changed rule differs somewhere in its text, often at the end (an address):
            // elide in the middle so both ends show.
            if (d.kind == RuleDiff::Changed)
                c->setRowMatches(rows[side], matchesText(*m_rules[side], m_rules[side]->table(d.table)
                                                                          .chains[size_t(chains[side])]
                                                                          .rules[size_t(rows[side])]));
        }
    }
    const QString leftName = m_titles[Left]->text();
    const QString rightName = m_titles[Right]->text();
    for (const ChainPair &cp : m_diff->chains) {
        if (cp.left >= 0 && cp.right < 0) {
            if (ChainCard *c = m_scenes[Left]->card(cp.table, cp.left))
                c->setChainMark(tr("only on %1").arg(leftName), m_theme.diffOnlyLeftMark);
        } else if (cp.right >= 0 && cp.left < 0) {
            if (ChainCard *c = m_scenes[Right]->card(cp.table, cp.right))
                c->setChainMark(tr("only on %1").arg(rightName), m_theme.diffOnlyRightMark);
        } else if (cp.left >= 0 && cp.right >= 0) {
            const Chain &a = m_rules[Left]->table(cp.table).chains[size_t(cp.left)];
            const Chain &b = m_rules[Right]->table(cp.table).chains[size_t(cp.right)];
            if (a.builtin && b.builtin && a.policyDrop != b.policyDrop) {
                for (int s = 0; s < 2; ++s)
                    if (ChainCard *c = m_scenes[s]->card(cp.table, s == Left ? cp.left : cp.right))
                        c->setRowMark(int(c->rows().size()) - 1, m_theme.diffChanged, m_theme.diffChangedMark);
            }
        }
    }
}

void CompareView::setOrientation(Qt::Orientation orientation)
{
    m_splitter->setOrientation(orientation);
    m_splitter->setSizes({1, 1});
}

Qt::Orientation CompareView::orientation() const
{
    return m_splitter->orientation();
}

void CompareView::setHideIdentical(bool hide)
{
    if (m_hideIdentical == hide)
        return;
    m_hideIdentical = hide;
    m_syncing = true;
    applyHidden();
    m_syncing = false;
}

void CompareView::applyHidden()
{
    QSet<quint32> hidden[2];
    if (m_hideIdentical && m_diff) {
        std::vector<bool> differs(m_diff->chains.size(), false);
        for (const RuleDiff &d : m_diff->rules)
            if (d.kind != RuleDiff::Same)
                differs[size_t(d.pair)] = true;
        for (size_t p = 0; p < m_diff->chains.size(); ++p) {
            const ChainPair &cp = m_diff->chains[p];
            if (cp.left < 0 || cp.right < 0)
                continue;
            const Chain &a = m_rules[Left]->table(cp.table).chains[size_t(cp.left)];
            const Chain &b = m_rules[Right]->table(cp.table).chains[size_t(cp.right)];
            if (differs[p] || a.policyDrop != b.policyDrop)
                continue;
            // Built-in chains stay: they are the lanes' anchors and where packets enter.
            if (a.builtin)
                continue;
            hidden[Left].insert(ChainScene::key(cp.table, cp.left));
            hidden[Right].insert(ChainScene::key(cp.table, cp.right));
        }
    }
    if (m_hideIdentical && m_nftDiff) {
        // nft chains as the iptables ones: a regular chain whose pair has no difference
        std::vector<bool> differs(m_nftDiff->chains.size(), false);
        for (const NftRuleDiff &r : m_nftDiff->rules)
            if (r.kind != RuleDiff::Same)
                differs[size_t(r.pair)] = true;
        for (const NftChainChange &ch : m_nftDiff->chainChanges)
            differs[size_t(ch.pair)] = true;
        for (size_t p = 0; p < m_nftDiff->chains.size(); ++p) {
            const NftChainPair &cp = m_nftDiff->chains[p];
            if (cp.left < 0 || cp.right < 0 || differs[p] || !m_rules[Left]->nft || m_rules[Left]->nft->chains[size_t(cp.left)].base)
                continue;
            hidden[Left].insert(ChainScene::key(ChainCard::NftTable, cp.left));
            hidden[Right].insert(ChainScene::key(ChainCard::NftTable, cp.right));
        }
    }
    for (int s = 0; s < 2; ++s) {
        m_hidden[s] = hidden[s];
        m_scenes[s]->setHiddenChains(hidden[s]);
    }
}

void CompareView::syncZoom(Side from)
{
    if (m_syncing)
        return;
    m_syncing = true;
    ChainView *b = m_views[from == Left ? Right : Left];
    const qreal z = m_views[from]->zoom();
    if (!qFuzzyCompare(b->zoom(), z))
        b->setZoom(z);
    m_syncing = false;
    syncPan(from);
}

void CompareView::syncPan(Side from)
{
    if (m_syncing || !m_diff)
        return;
    m_syncing = true;
    ChainView *a = m_views[from];
    ChainView *b = m_views[from == Left ? Right : Left];
    const QPointF centre = a->mapToScene(a->viewport()->rect().center());
    // Anchor on the chain nearest the centre that has a pair shown on the other side, and
    // put that pair at the same place in the other viewport.
    const qreal reach = 900 / std::max<qreal>(a->zoom(), 0.05);
    const QList<QGraphicsItem *> near = m_scenes[from]->items(QRectF(centre - QPointF(reach, reach), QSizeF(2 * reach, 2 * reach)));
    ChainCard *best = nullptr;
    ChainCard *bestPair = nullptr;
    qreal bestDist = 0;
    for (QGraphicsItem *item : near) {
        auto *card = qgraphicsitem_cast<ChainCard *>(item);
        if (!card || !card->isVisible())
            continue;
        ChainCard *other = pairedCard(from, card);
        if (!other || !other->isVisible())
            continue;
        const QRectF r = card->sceneBoundingRect();
        const qreal dx = std::max({r.left() - centre.x(), 0.0, centre.x() - r.right()});
        const qreal dy = std::max({r.top() - centre.y(), 0.0, centre.y() - r.bottom()});
        const qreal d = dx * dx + dy * dy;
        if (!best || d < bestDist) {
            best = card;
            bestPair = other;
            bestDist = d;
        }
    }
    if (best)
        b->centerOn(bestPair->pos() + (centre - best->pos()));
    else
        b->centerOn(centre);
    m_syncing = false;
}

void CompareView::syncFolding(Side from)
{
    if (m_syncing || !m_diff)
        return;
    m_syncing = true;
    const Side to = from == Left ? Right : Left;
    for (ChainCard *card : m_scenes[from]->cards()) {
        if (!card->isVisible())
            continue;
        const int p = pairOf(from, card->table(), card->chainIndex());
        if (p < 0)
            continue;
        const ChainPair &cp = m_diff->chains[size_t(p)];
        const int other = to == Left ? cp.left : cp.right;
        if (other >= 0 && m_scenes[to]->foldOf(cp.table, other))
            m_scenes[to]->reveal(cp.table, other);
    }
    m_syncing = false;
}

void CompareView::onRuleClicked(Side from, quint32 id)
{
    if (m_syncing)
        return;
    const int index = m_ruleDiffOf[from].value(id, -1);
    if (index >= 0) {
        const RuleDiff &d = m_diff->rules[size_t(index)];
        const ChainPair &cp = m_diff->chains[size_t(d.pair)];
        const Side to = from == Left ? Right : Left;
        const int otherRule = to == Left ? d.left : d.right;
        const int otherChain = to == Left ? cp.left : cp.right;
        m_syncing = true;
        const quint32 otherId = ruleId(to, d.table, otherChain, otherRule);
        if (otherId) {
            m_scenes[to]->selectRule(otherId);
        } else if (ChainCard *c = otherChain >= 0 ? m_scenes[to]->card(d.table, otherChain) : nullptr) {
            m_scenes[to]->selectRule(0);
            m_scenes[to]->clearSelection();
            c->setSelected(true);
        } else {
            m_scenes[to]->selectRule(0);
            m_scenes[to]->clearSelection();
        }
        m_syncing = false;
        syncPan(from);
    }
    Q_EMIT ruleDiffSelected(index);
}

void CompareView::onSelectionChanged(Side from)
{
    if (m_syncing)
        return;
    const QList<QGraphicsItem *> selected = m_scenes[from]->selectedItems();
    auto *card = selected.isEmpty() ? nullptr : qgraphicsitem_cast<ChainCard *>(selected.first());
    if (!card)
        return;
    ChainCard *other = pairedCard(from, card);
    const Side to = from == Left ? Right : Left;
    m_syncing = true;
    if (other && !other->isVisible() && m_scenes[to]->reveal(other->table(), other->chainIndex()))
        other = pairedCard(from, card);
    if (other && !other->isSelected()) {
        m_scenes[to]->clearSelection();
        other->setSelected(true);
    }
    m_syncing = false;
}

void CompareView::focusBoth(ChainCard *left, int leftRow, ChainCard *right, int rightRow)
{
    m_syncing = true;
    ChainCard *cards[2] = {left, right};
    const int rows[2] = {leftRow, rightRow};
    for (int s = 0; s < 2; ++s) {
        ChainCard *c = cards[s];
        if (!c)
            continue;
        ChainView *v = m_views[s];
        if (v->zoom() < 0.85)
            v->setZoom(0.85);
    }
    // Same zoom both sides, then the row (or the title) at the same height in both viewports.
    const qreal z = std::max(m_views[Left]->zoom(), m_views[Right]->zoom());
    for (int s = 0; s < 2; ++s)
        m_views[s]->setZoom(z);
    for (int s = 0; s < 2; ++s) {
        ChainCard *c = cards[s];
        if (!c)
            continue;
        const QRectF rowRect = rows[s] >= 0 ? c->mapRectToScene(c->rowRect(rows[s]))
                                            : c->sceneBoundingRect();
        const QRectF visible = m_views[s]->mapToScene(m_views[s]->viewport()->rect()).boundingRect();
        const qreal x = c->sceneBoundingRect().left() + visible.width() / 2 - 40;
        const qreal y = rows[s] >= 0 ? rowRect.center().y() : rowRect.top() + visible.height() / 2 - 40;
        m_views[s]->centerOn(x, y);
    }
    m_syncing = false;
}

void CompareView::showRules(TableId leftTable, int leftChain, int leftRule, TableId rightTable, int rightChain,
                            int rightRule)
{
    const TableId tables[2] = {leftTable, rightTable};
    m_syncing = true;
    ChainCard *cards[2] = {nullptr, nullptr};
    int rows[2] = {-1, -1};
    const int chains[2] = {leftChain, rightChain};
    const int ruleIdx[2] = {leftRule, rightRule};
    for (int s = 0; s < 2; ++s) {
        ChainScene *scene = m_scenes[s];
        const TableId table = tables[s];
        if (chains[s] < 0) {
            scene->selectRule(0);
            scene->clearSelection();
            continue;
        }
        scene->reveal(table, chains[s]);
        if (m_hidden[s].remove(ChainScene::key(table, chains[s])))
            scene->setHiddenChains(m_hidden[s]);   // hidden as identical, but asked for
        ChainCard *c = scene->card(table, chains[s]);
        if (table == ChainCard::NftTable) {
            // nft rows have no rule id: the row is the rule's index (-1: the chain, at its policy)
            scene->selectNftRule(chains[s], ruleIdx[s]);
            cards[s] = c;
            if (c)
                rows[s] = ruleIdx[s] >= 0 ? ruleIdx[s] : c->policyRow();
            continue;
        }
        const quint32 id = ruleId(Side(s), table, chains[s], ruleIdx[s]);
        if (id) {
            scene->selectRule(id);
        } else {
            scene->selectRule(0);
            scene->clearSelection();
            if (c)
                c->setSelected(true);
        }
        cards[s] = c;
        if (c)
            rows[s] = id ? c->rowOfRule(id) : (ruleIdx[s] == -1 && c->isBuiltin() ? int(c->rows().size()) - 1 : -1);
    }
    m_syncing = false;
    focusBoth(cards[Left], rows[Left], cards[Right], rows[Right]);
}

void CompareView::showRuleDiff(int index)
{
    if (!m_diff || index < 0 || index >= int(m_diff->rules.size()))
        return;
    const RuleDiff &d = m_diff->rules[size_t(index)];
    const ChainPair &cp = m_diff->chains[size_t(d.pair)];
    // A rule on one side only: the other graph shows its chain, at the neighbouring rule.
    showRules(d.table, cp.left, d.left, cp.right, d.right);
}

void CompareView::showChainPair(int pair)
{
    if (!m_diff || pair < 0 || pair >= int(m_diff->chains.size()))
        return;
    const ChainPair &cp = m_diff->chains[size_t(pair)];
    showRules(cp.table, cp.left, -2, cp.right, -2);
}

std::unique_ptr<CompareView> CompareView::redrawn(const Theme &theme) const
{
    auto copy = std::make_unique<CompareView>();
    copy->m_hideIdentical = m_hideIdentical;
    copy->setComparison(m_rules[Left], m_rules[Right], m_diff, theme, m_titles[Left]->text(), m_titles[Right]->text());
    // Chains unfolded here are unfolded there (folding is the user's, not the diff's).
    for (int s = 0; s < 2; ++s)
        for (const ChainCard *card : m_scenes[s]->cards())
            if (card->isVisible() && copy->m_scenes[s]->foldOf(card->table(), card->chainIndex()))
                copy->m_scenes[s]->reveal(card->table(), card->chainIndex());
    const DivergeAt &d = m_divergeAt;
    copy->markDivergence(d.table[Left], d.chain[Left], d.rule[Left], d.table[Right], d.chain[Right], d.rule[Right]);
    return copy;
}

void CompareView::markDivergence(TableId leftTable, int leftChain, int leftRule, TableId rightTable, int rightChain,
                                 int rightRule)
{
    const TableId tables[2] = {leftTable, rightTable};
    const int chains[2] = {leftChain, rightChain};
    const int rules[2] = {leftRule, rightRule};
    const QColor tint = blend(m_theme.cardBackground, m_theme.diffDiverge, 0.35);
    m_divergeAt = {{leftTable, rightTable}, {leftChain, rightChain}, {leftRule, rightRule}};
    for (int s = 0; s < 2; ++s) {
        Mark &m = m_diverge[s];
        if (m.card)
            m.card->setRowMark(m.row, m.tint, m.stripe);
        m = {};
        if (chains[s] < 0)
            continue;
        ChainCard *c = m_scenes[s]->card(tables[s], chains[s]);
        if (!c)
            continue;
        const quint32 id = ruleId(Side(s), tables[s], chains[s], rules[s]);
        int row = id ? c->rowOfRule(id) : (c->isBuiltin() ? int(c->rows().size()) - 1 : -1);
        if (c->isNft())
            row = rules[s] >= 0 && rules[s] < c->ruleCount() ? rules[s] : c->policyRow();
        if (row < 0)
            continue;
        m.card = c;
        m.row = row;
        m.tint = c->rows()[size_t(row)].mark;
        m.stripe = c->rows()[size_t(row)].markStripe;
        c->setRowMark(row, tint, m_theme.diffDiverge);
    }
}

void CompareView::fitBoth()
{
    m_syncing = true;
    m_views[Left]->fitAll();
    m_views[Right]->fitAll();
    const qreal z = std::min(m_views[Left]->zoom(), m_views[Right]->zoom());
    m_views[Left]->setZoom(z);
    m_views[Right]->setZoom(z);
    m_syncing = false;
}

void CompareView::zoomInBoth()
{
    m_views[Left]->zoomIn();
}

void CompareView::zoomOutBoth()
{
    m_views[Left]->zoomOut();
}

} // namespace chainscope
