#include "nftpanel.h"

#include "nftruleset.h"
#include "nftsetview.h"
#include "scenario.h"
#include "trace.h"

#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QMimeData>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace chainscope {

namespace {

QString q(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

quint64 markKey(int chain, int rule)
{
    return (quint64(quint32(chain)) << 20) | quint64(rule + 1);
}

const nft::NftRuleset *nftOf(const Scenario *sc, int node)
{
    if (!sc || node < 0 || size_t(node) >= sc->nodes.size())
        return nullptr;
    return sc->nodes[size_t(node)].rules.nft.get();
}

/** The hook's iptables chain name ("PREROUTING") for hook h of the IP stack. */
QByteArray builtinName(nft::NftHook h)
{
    return QByteArray(nft::hookName(h).data(), qsizetype(nft::hookName(h).size())).toUpper();
}

} // namespace

NftPanel::NftPanel(QWidget *parent) : QWidget(parent)
{
    m_tree = new QTreeWidget(this);
    m_tree->setColumnCount(2);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setStretchLastSection(true);
    m_tree->viewport()->setAcceptDrops(true);
    m_tree->viewport()->installEventFilter(this);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_empty = new QLabel(this);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);

    auto *insert = new QAction(this);
    insert->setShortcut(QKeySequence(Qt::Key_Insert));
    insert->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(insert, &QAction::triggered, this, &NftPanel::askInsert);
    // Delete is read off the tree's key presses, not a shortcut: the graph's Remove Rule owns
    // the Delete shortcut of the window, and each acts where the focus is.
    auto *remove = new QAction(this);
    connect(remove, &QAction::triggered, this, &NftPanel::removeSelected);
    m_tree->installEventFilter(this);
    auto *policy = new QAction(this);
    policy->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    policy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(policy, &QAction::triggered, this, &NftPanel::togglePolicy);
    m_tree->addAction(insert);
    m_tree->addAction(remove);
    m_tree->addAction(policy);

    connect(m_tree, &QTreeWidget::itemExpanded, this, [this](QTreeWidgetItem *item) {
        if (item->data(0, KindRole).toInt() == ChainItem)
            fillRules(item);
    });
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item, int) { activate(item); });

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setVisible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_empty);
    layout->addWidget(m_tree);
    layout->addWidget(m_status);

    m_tr.add([this, insert, remove, policy] {
        m_tree->setHeaderLabels({tr("Hook, chain or rule"), tr("Table, priority, counters")});
        m_empty->setText(tr("This node has no nftables rule set. Load its `nft list ruleset` "
                            "(or `nft -j list ruleset`) beside its iptables dump."));
        insert->setText(tr("Insert nft Rule..."));
        remove->setText(tr("Remove Rule (Delete)"));
        policy->setText(tr("Toggle Base Chain Policy"));
    });
    m_tree->setVisible(false);
}

void NftPanel::showMessage(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

bool NftPanel::hasTables() const
{
    const nft::NftRuleset *n = nftOf(m_sc, m_node);
    return n && !n->tables.empty();
}

void NftPanel::setNode(const Scenario *sc, int node, const Theme &theme)
{
    m_sc = sc;
    m_node = node;
    m_theme = theme;
    m_branch = nullptr;
    m_marks.clear();
    rebuild();
}

void NftPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void NftPanel::retranslate()
{
    m_tr.retranslate();
    rebuild();
}

QTreeWidgetItem *NftPanel::chainItem(QTreeWidgetItem *parent, int chain, const QString &prefix)
{
    const nft::NftRuleset &n = *nftOf(m_sc, m_node);
    const nft::Chain &c = n.chains[size_t(chain)];
    auto *it = new QTreeWidgetItem(parent);
    QString name = prefix + q(c.name);
    QString detail = n.tableTitle(c.table);
    if (c.base) {
        const nft::Table &t = n.tables[size_t(c.table)];
        detail += QStringLiteral(" \u00b7 ") + tr("type %1, priority %2, policy %3")
                                                        .arg(q(c.type), nft::priorityText(c.priority, t.family),
                                                             c.policyDrop ? QStringLiteral("drop") : QStringLiteral("accept"));
        if (t.duplicate)
            detail += QStringLiteral(" \u00b7 ") + tr("also in the iptables dump: evaluated once");
    }
    const QString owner = n.owner(chain);
    if (!owner.isEmpty())
        detail += QStringLiteral(" \u00b7 ") + owner;
    it->setText(0, name);
    it->setText(1, detail);
    it->setToolTip(1, detail);
    it->setData(0, KindRole, ChainItem);
    it->setData(0, ChainRole, chain);
    m_chainItems.insert(chain, it);
    if (!c.rules.empty()) {
        auto *placeholder = new QTreeWidgetItem(it);
        placeholder->setData(0, KindRole, PlaceholderItem);
    }
    return it;
}

void NftPanel::fillRules(QTreeWidgetItem *item)
{
    if (item->childCount() != 1 || item->child(0)->data(0, KindRole).toInt() != PlaceholderItem)
        return;
    delete item->takeChild(0);
    const nft::NftRuleset &n = *nftOf(m_sc, m_node);
    const int chain = item->data(0, ChainRole).toInt();
    const nft::Chain &c = n.chains[size_t(chain)];
    QList<QTreeWidgetItem *> rows;
    rows.reserve(qsizetype(c.rules.size()));
    for (size_t r = 0; r < c.rules.size(); ++r) {
        const nft::Rule &rule = c.rules[r];
        auto *row = new QTreeWidgetItem;
        QString text = QStringLiteral("%1  %2").arg(r + 1).arg(q(rule.text));
        row->setText(0, text);
        row->setToolTip(0, q(rule.text));
        QStringList detail;
        if (rule.candidate)
            detail << tr("candidate");
        if (rule.handle >= 0)
            detail << tr("handle %1").arg(rule.handle);
        if (rule.packets || rule.bytes)
            detail << tr("%1 packets, %2 bytes").arg(rule.packets).arg(rule.bytes);
        if (!rule.comment.empty())
            detail << QStringLiteral("\"%1\"").arg(q(rule.comment));
        row->setText(1, detail.join(QStringLiteral(" \u00b7 ")));
        row->setData(0, KindRole, RuleItem);
        row->setData(0, ChainRole, chain);
        row->setData(0, RuleRole, int(r));
        if (rule.candidate) {
            QFont f = row->font(0);
            f.setItalic(true);
            row->setFont(0, f);
        }
        rows << row;
    }
    item->addChildren(rows);
    paintMarks();
}

void NftPanel::rebuild()
{
    m_tree->clear();
    m_chainItems.clear();
    m_iptItems.clear();
    m_painted.clear();
    const nft::NftRuleset *np = nftOf(m_sc, m_node);
    const bool any = np && !np->tables.empty();
    m_tree->setVisible(any);
    m_empty->setVisible(!any);
    if (!any)
        return;
    const nft::NftRuleset &n = *np;
    const Ruleset &rs = m_sc->nodes[size_t(m_node)].rules;

    // One pipeline per hook: the base chains of both families by priority, with the iptables
    // tables at the priority they register with (NF_IP_PRI_*).
    auto *hooks = new QTreeWidgetItem(m_tree, {tr("Hooks: base chains by priority")});
    hooks->setData(0, KindRole, GroupItem);
    for (int h = 0; h <= int(nft::NftHook::Egress); ++h) {
        const auto hook = nft::NftHook(h);
        std::vector<int> chains = n.baseChains(hook, Family::Ipv4);
        for (int c : n.baseChains(hook, Family::Ipv6))
            if (std::find(chains.begin(), chains.end(), c) == chains.end())
                chains.push_back(c);
        for (size_t c = 0; c < n.chains.size(); ++c) {   // netdev, bridge, arp: shown, kept
            const nft::Chain &ch = n.chains[c];
            if (ch.base && ch.hook == hook && std::find(chains.begin(), chains.end(), int(c)) == chains.end())
                chains.push_back(int(c));
        }
        struct Entry { int priority; int chain; TableId table; };
        std::vector<Entry> entries;
        for (int c : chains)
            entries.push_back({n.chains[size_t(c)].priority, c, TableId::Filter});
        if (h <= int(nft::NftHook::Postrouting)) {
            const QByteArray builtin = builtinName(hook);
            for (int t = 0; t < TableCount; ++t) {
                const Table &tab = rs.table(TableId(t));
                const int ci = tab.chainIndex(std::string_view(builtin.constData(), size_t(builtin.size())));
                if (ci >= 0)
                    entries.push_back({nft::iptablesPriority(TableId(t), Hook(h)), -1, TableId(t)});
            }
        }
        if (entries.empty())
            continue;
        std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.priority < b.priority; });
        auto *hookItem = new QTreeWidgetItem(hooks, {q(nft::hookName(hook))});
        hookItem->setData(0, KindRole, HookItem);
        for (const Entry &e : entries) {
            const QString prefix = QStringLiteral("%1  ").arg(e.priority);
            if (e.chain >= 0) {
                chainItem(hookItem, e.chain, prefix);
                continue;
            }
            const Table &tab = rs.table(e.table);
            const QByteArray builtin = builtinName(hook);
            const int ci = tab.chainIndex(std::string_view(builtin.constData(), size_t(builtin.size())));
            auto *it = new QTreeWidgetItem(hookItem);
            it->setText(0, prefix + QStringLiteral("%1 %2").arg(tableCommand(e.table), q(tableName(e.table))));
            it->setText(1, tr("iptables table: %n rule(s), policy %1 (shown in the graph)", nullptr,
                              int(tab.chains[size_t(ci)].rules.size()))
                                   .arg(tab.chains[size_t(ci)].policyDrop ? QStringLiteral("DROP") : QStringLiteral("ACCEPT")));
            it->setData(0, KindRole, IptablesItem);
            m_iptItems.append(it);
            it->setData(0, RuleRole, int(e.table));
            it->setData(0, SetRole, h);
        }
    }
    hooks->setExpanded(true);
    for (int i = 0; i < hooks->childCount(); ++i)
        hooks->child(i)->setExpanded(true);

    // Regular chains and sets, by table: reached by jumps, gotos and vmaps.
    auto *regular = new QTreeWidgetItem(m_tree, {tr("Regular chains by table")});
    regular->setData(0, KindRole, GroupItem);
    auto *sets = new QTreeWidgetItem(m_tree, {tr("Sets and maps by table")});
    sets->setData(0, KindRole, GroupItem);
    for (size_t t = 0; t < n.tables.size(); ++t) {
        const nft::Table &tab = n.tables[t];
        int regularCount = 0;
        for (int c : tab.chains)
            regularCount += n.chains[size_t(c)].base ? 0 : 1;
        if (regularCount > 0) {
            auto *ti = new QTreeWidgetItem(regular, {n.tableTitle(int(t)), tr("%n chain(s)", nullptr, regularCount)});
            ti->setData(0, KindRole, GroupItem);
            for (int c : tab.chains)
                if (!n.chains[size_t(c)].base)
                    chainItem(ti, c, QString());
        }
        if (!tab.sets.empty()) {
            auto *ti = new QTreeWidgetItem(sets, {n.tableTitle(int(t)), tr("%n set(s) and map(s)", nullptr, int(tab.sets.size()))});
            ti->setData(0, KindRole, GroupItem);
            for (int s : tab.sets) {
                const nft::Set &set = n.sets[size_t(s)];
                auto *si = new QTreeWidgetItem(ti);
                si->setText(0, q(set.name));
                si->setText(1, (set.isVmap() ? tr("verdict map") : set.map ? tr("map") : tr("set")) + QStringLiteral(" \u00b7 ")
                                       + tr("%n element(s)", nullptr, int(set.elements.size())));
                si->setToolTip(0, tr("Enter or double-click: list the elements"));
                si->setData(0, KindRole, SetItem);
                si->setData(0, SetRole, s);
            }
        }
    }
    if (regular->childCount() == 0)
        delete regular;
    if (sets->childCount() == 0)
        delete sets;
    m_tree->resizeColumnToContents(0);
    paintMarks();
}

QTreeWidgetItem *NftPanel::itemFor(int chain, int rule)
{
    QTreeWidgetItem *found = m_chainItems.value(chain);
    if (!found || rule < 0)
        return found;
    fillRules(found);
    found->setExpanded(true);
    return rule < found->childCount() ? found->child(rule) : nullptr;
}

void NftPanel::selectItem(int chain, int rule)
{
    QTreeWidgetItem *item = itemFor(chain, rule);
    if (!item)
        item = itemFor(chain);
    if (!item)
        return;
    for (QTreeWidgetItem *up = item->parent(); up; up = up->parent())
        up->setExpanded(true);
    m_tree->setCurrentItem(item);
    m_tree->scrollToItem(item);
}

void NftPanel::showBranch(const Branch *branch)
{
    m_branch = branch;
    m_marks.clear();
    m_iptMarks.clear();
    if (branch) {
        // The iptables tables the packet met on this node's hooks: met, matched a rule, decided.
        for (const Step &s : branch->steps)
            if (int(s.node) == m_node && (s.kind == Step::RuleEval || s.kind == Step::RuleRange || s.kind == Step::Policy)) {
                const int k = int(s.hook) << 8 | int(s.table);
                m_iptMarks[k] = std::max(m_iptMarks.value(k), s.matched || s.kind == Step::Policy ? 2 : 1);
            }
        const Verdict &v = branch->verdict;
        if (int(v.node) == m_node && v.chain >= 0 && v.nftChain < 0)
            for (auto it = m_iptMarks.begin(); it != m_iptMarks.end(); ++it)
                if ((it.key() & 0xff) == int(v.table) && it.value() == 2)
                    it.value() = 3;
        int decided = -1;
        for (size_t i = 0; i < branch->steps.size(); ++i) {
            const Step &s = branch->steps[i];
            if (int(s.node) != m_node || (s.kind != Step::NftRule && s.kind != Step::NftPolicy))
                continue;
            const quint64 k = markKey(s.chain, s.kind == Step::NftRule ? s.rule : -1);
            m_marks[k] = std::max(m_marks.value(k), s.matched || s.kind == Step::NftPolicy ? 2 : 1);
            m_marks[markKey(s.chain, -1)] = std::max(m_marks.value(markKey(s.chain, -1)), 1);
            decided = int(i);
        }
        if (int(v.node) == m_node && v.nftChain >= 0 && decided >= 0) {
            const Step &s = branch->steps[size_t(decided)];
            m_marks[markKey(s.chain, s.kind == Step::NftRule ? s.rule : -1)] = 3;
        }
        // Open what the packet crossed (and the groups it sits in), so the marks are seen
        // without hunting.
        for (auto it = m_marks.constBegin(); it != m_marks.constEnd(); ++it)
            if ((it.key() & 0xfffff) != 0)
                if (QTreeWidgetItem *c = itemFor(int(it.key() >> 20))) {
                    fillRules(c);
                    for (QTreeWidgetItem *up = c; up; up = up->parent())
                        up->setExpanded(true);
                }
    }
    paintMarks();
}

void NftPanel::paintMarks()
{
    // Only the items marked now and those marked before: a 30k-service rule set lists 90,000
    // chains, and every chain opened calls this.
    auto paint = [this](QTreeWidgetItem *item, int mark) {
        QBrush bg, fg;
        if (mark == 3) {
            bg = m_theme.verdictRow;
            fg = m_theme.verdictText;
        } else if (mark == 2) {
            bg = m_theme.traceRow;
        } else if (mark == 1) {
            bg = m_theme.traceVisited;
        }
        for (int col = 0; col < 2; ++col) {
            item->setBackground(col, bg);
            item->setForeground(col, fg);
        }
    };
    for (QTreeWidgetItem *item : std::as_const(m_painted))
        paint(item, 0);
    m_painted.clear();
    for (auto it = m_marks.cbegin(); it != m_marks.cend(); ++it) {
        const int chain = int(it.key() >> 20);
        const int rule = int(it.key() & 0xfffff) - 1;
        QTreeWidgetItem *item = m_chainItems.value(chain);
        if (item && rule >= 0)
            item = rule < item->childCount() && item->child(rule)->data(0, KindRole).toInt() == RuleItem ? item->child(rule) : nullptr;
        if (!item || it.value() <= 0)
            continue;
        paint(item, it.value());
        m_painted.append(item);
    }
    for (QTreeWidgetItem *item : std::as_const(m_iptItems))
        if (const int mark = m_iptMarks.value(item->data(0, SetRole).toInt() << 8 | item->data(0, RuleRole).toInt()); mark > 0) {
            paint(item, mark);
            m_painted.append(item);
        }
}

bool NftPanel::insertEditAt(QTreeWidgetItem *item, const QString &ruleText, Edit &out, QString &error) const
{
    const nft::NftRuleset *n = nftOf(m_sc, m_node);
    const int kind = item ? item->data(0, KindRole).toInt() : 0;
    if (!n || (kind != ChainItem && kind != RuleItem)) {
        error = tr("select an nft chain or rule first: the rule goes before the selected rule, or at the end of the selected chain");
        return false;
    }
    const int chain = item->data(0, ChainRole).toInt();
    const nft::Chain &c = n->chains[size_t(chain)];
    out = Edit();
    out.kind = Edit::Insert;
    out.node = m_sc->nodes[size_t(m_node)].name;
    out.nftTable = n->tableTitle(c.table);
    out.chain = q(c.name);
    out.position = kind == RuleItem ? item->data(0, RuleRole).toInt() + 1 : int(c.rules.size()) + 1;
    out.ruleText = ruleText.trimmed();
    return true;
}

void NftPanel::askInsert()
{
    Edit e;
    QString error;
    if (!insertEditAt(m_tree->currentItem(), QString(), e, error)) {
        showMessage(error);
        return;
    }
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Insert nft Rule"),
                                               tr("Rule for %1 %2 at position %3, as nft writes it (iifname \"cni0\" accept):")
                                                       .arg(e.nftTable, e.chain).arg(e.position),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok || text.trimmed().isEmpty())
        return;
    e.ruleText = text.trimmed();
    Q_EMIT editRequested(e);
}

void NftPanel::removeSelected()
{
    QTreeWidgetItem *item = m_tree->currentItem();
    const nft::NftRuleset *n = nftOf(m_sc, m_node);
    if (!n || !item || item->data(0, KindRole).toInt() != RuleItem)
        return;
    const int chain = item->data(0, ChainRole).toInt();
    const int rule = item->data(0, RuleRole).toInt();
    const nft::Chain &c = n->chains[size_t(chain)];
    Edit e;
    e.kind = Edit::Remove;
    e.node = m_sc->nodes[size_t(m_node)].name;
    e.nftTable = n->tableTitle(c.table);
    e.chain = q(c.name);
    e.position = rule + 1;
    e.nftHandle = c.rules[size_t(rule)].handle;
    Q_EMIT editRequested(e);
}

void NftPanel::togglePolicy()
{
    QTreeWidgetItem *item = m_tree->currentItem();
    const nft::NftRuleset *n = nftOf(m_sc, m_node);
    if (!n || !item || item->data(0, KindRole).toInt() != ChainItem)
        return;
    const nft::Chain &c = n->chains[size_t(item->data(0, ChainRole).toInt())];
    if (!c.base)
        return;
    Edit e;
    e.kind = Edit::Policy;
    e.node = m_sc->nodes[size_t(m_node)].name;
    e.nftTable = n->tableTitle(c.table);
    e.chain = q(c.name);
    e.policyDrop = !c.policyDrop;
    Q_EMIT editRequested(e);
}

void NftPanel::activate(QTreeWidgetItem *item)
{
    if (item && item->data(0, KindRole).toInt() == SetItem)
        openSet(item->data(0, SetRole).toInt());
}

NftSetView *NftPanel::openSet(int set)
{
    const nft::NftRuleset *n = nftOf(m_sc, m_node);
    if (!n || set < 0 || size_t(set) >= n->sets.size())
        return nullptr;
    auto *view = new NftSetView(*n, set, this);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->show();
    return view;
}

bool NftPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tree && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Delete)) {
        removeSelected();
        return true;
    }
    if (watched != m_tree->viewport())
        return QWidget::eventFilter(watched, event);
    // A candidate rule dragged in as text (from an editor, the dump view, a chat): dropped
    // on a rule it goes before it, on a chain at its end.
    if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
        auto *de = static_cast<QDropEvent *>(event);
        const int kind = [&] {
            QTreeWidgetItem *it = m_tree->itemAt(de->position().toPoint());
            return it ? it->data(0, KindRole).toInt() : 0;
        }();
        if (de->mimeData()->hasText() && (kind == ChainItem || kind == RuleItem || event->type() == QEvent::DragEnter))
            de->acceptProposedAction();
        else
            de->ignore();
        return true;
    }
    if (event->type() == QEvent::Drop) {
        auto *de = static_cast<QDropEvent *>(event);
        Edit e;
        QString error;
        const QString text = de->mimeData()->text().section(QLatin1Char('\n'), 0, 0);
        if (!text.trimmed().isEmpty() && insertEditAt(m_tree->itemAt(de->position().toPoint()), text, e, error)) {
            de->acceptProposedAction();
            Q_EMIT editRequested(e);
        } else {
            showMessage(error);
            de->ignore();
        }
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace chainscope
