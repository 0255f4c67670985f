#include "branchpanel.h"

#include "explain.h"
#include "scenario.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>

namespace chainscope {

namespace {
constexpr int BranchRole = Qt::UserRole + 1;
} // namespace

BranchPanel::BranchPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("branchSummary"));
    m_summary->setWordWrap(true);
    m_tree = new QTreeWidget(this);
    m_tree->setHeaderHidden(true);
    auto *buttons = new QHBoxLayout;
    m_pin = new QPushButton(this);
    m_unpin = new QPushButton(this);
    m_tr.add([this] {
        m_tree->setToolTip(tr("Random choices (statistic) split the trace; select a branch to animate it"));
        m_pin->setText(tr("Pin &Branch"));
        m_pin->setToolTip(tr("Force the statistic rules of this branch to match (as --pin) and trace again"));
        m_unpin->setText(tr("Unpin"));
    });
    buttons->addWidget(m_pin);
    buttons->addWidget(m_unpin);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree);
    layout->addLayout(buttons);
    m_summary->hide();
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item && item->data(0, BranchRole).isValid())
            Q_EMIT branchSelected(item->data(0, BranchRole).toInt());
    });
    connect(m_pin, &QPushButton::clicked, this, &BranchPanel::pinRequested);
    connect(m_unpin, &QPushButton::clicked, this, &BranchPanel::unpinRequested);
}

void BranchPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        m_tr.retranslate();   // the branches themselves: the trace controller sets them again
    QWidget::changeEvent(event);
}

QString BranchPanel::summary(const Trace &trace)
{
    const int n = int(trace.branches.size());
    if (n < 2)
        return {};
    int count[Verdict::Uncertain + 1] = {};
    for (const Branch &b : trace.branches)
        ++count[b.verdict.kind];
    // The failures first, as the branch shown first is the worst one.
    QStringList parts;
    const auto add = [&](int c, const QString &text) {
        if (c > 0)
            parts << text;
    };
    add(count[Verdict::Drop], tr("%1 of %n branches dropped", nullptr, n).arg(count[Verdict::Drop]));
    add(count[Verdict::Reject], tr("%1 of %n branches rejected", nullptr, n).arg(count[Verdict::Reject]));
    add(count[Verdict::NoRoute], tr("%1 of %n branches without a route", nullptr, n).arg(count[Verdict::NoRoute]));
    add(count[Verdict::Uncertain], tr("%1 of %n branches uncertain", nullptr, n).arg(count[Verdict::Uncertain]));
    add(count[Verdict::Queue], tr("%1 of %n branches queued to userspace", nullptr, n).arg(count[Verdict::Queue]));
    const int ok = count[Verdict::Delivered] + count[Verdict::AcceptLocal];
    if (parts.isEmpty())
        return ok == n ? tr("all %n branches get through", nullptr, n) : QString();
    return parts.join(QStringLiteral("; "));
}

void BranchPanel::clear()
{
    const QSignalBlocker blocker(m_tree);
    m_tree->clear();
    m_summary->clear();
    m_summary->hide();
}

void BranchPanel::setTrace(const Scenario &sc, const Trace &trace)
{
    clear();
    const QSignalBlocker blocker(m_tree);
    const auto nodeName = [&sc](int node) {
        return node >= 0 && node < int(sc.nodes.size()) ? sc.nodes[size_t(node)].name : QString();
    };
    std::map<QString, QTreeWidgetItem *> parents;
    for (size_t i = 0; i < trace.branches.size(); ++i) {
        const Branch &b = trace.branches[i];
        QTreeWidgetItem *parent = nullptr;
        QString key;
        for (const Decision &d : b.decisions) {
            if (d.step < 0 || d.step >= int(b.steps.size()))
                continue;
            key += QString::number(d.step) + (d.taken ? QLatin1Char('+') : QLatin1Char('-'));
            auto it = parents.find(key);
            if (it == parents.end()) {
                const Step &s = b.steps[size_t(d.step)];
                const QString label = tr("%1 %2 (%3%)")
                                          .arg(Explain::stepLine(sc, b, s),
                                               d.taken ? tr("taken") : tr("not taken"),
                                               QString::number(d.probability * 100, 'g', 3));
                auto *item = parent ? new QTreeWidgetItem(parent, {label}) : new QTreeWidgetItem(m_tree, {label});
                item->setToolTip(0, label);
                if (d.uncertain)
                    item->setForeground(0, m_theme.caution);
                it = parents.emplace(key, item).first;
            }
            parent = it->second;
        }
        const Verdict &v = b.verdict;
        const Theme::VerdictLook look = m_theme.verdictLook(v.kind);
        const QString fate = tr("%1 %2 on %3").arg(look.symbol, look.word, nodeName(v.node));
        const QString dst = b.packets.empty() ? QString() : b.packets.back().dst.toString();
        QString label = tr("%1 %2% \u00b7 %3").arg(dst, QString::number(b.probability * 100, 'g', 3), fate);
        if (b.uncertain && v.kind != Verdict::Uncertain)
            label += tr(" (uncertain)");
        auto *leaf = parent ? new QTreeWidgetItem(parent, {label}) : new QTreeWidgetItem(m_tree, {label});
        leaf->setData(0, BranchRole, int(i));
        leaf->setToolTip(0, Explain::verdictLine(sc, v));
        leaf->setForeground(0, look.colour);
    }
    m_tree->expandAll();
    const QString text = summary(trace);
    m_summary->setText(text);
    m_summary->setVisible(!text.isEmpty());
}

void BranchPanel::setCurrentBranch(int branch)
{
    const QSignalBlocker blocker(m_tree);
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        if ((*it)->data(0, BranchRole).isValid() && (*it)->data(0, BranchRole).toInt() == branch)
            m_tree->setCurrentItem(*it);
}

} // namespace chainscope
