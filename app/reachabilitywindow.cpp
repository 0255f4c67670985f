#include "reachabilitywindow.h"

#include "reachabilityfilter.h"
#include "reachabilitymodel.h"

#include <QAction>
#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace chainscope {

namespace {
enum GroupKind { GroupAll, GroupDecider, GroupChange, GroupHeading };
}

ReachabilityWindow::ReachabilityWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
{
    setObjectName(QStringLiteral("reachabilityWindow"));
    m_theme = Theme::fromPalette(palette());
    m_model = new ReachabilityModel(this);
    m_model->setTheme(m_theme);
    m_filter = new ReachabilityFilter(this);
    m_filter->setMatrix(m_model);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    m_cancel = new QPushButton(this);
    m_cancel->setVisible(false);
    m_rerun = new QPushButton(this);
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setClearButtonEnabled(true);
    m_failing = new QCheckBox(this);
    auto *filterLabel = new QLabel(this);
    filterLabel->setBuddy(m_filterEdit);

    m_groups = new QTreeWidget(this);
    m_groups->setObjectName(QStringLiteral("reachabilityGroups"));
    m_groups->setHeaderHidden(true);
    m_groups->setRootIsDecorated(true);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("reachabilityMatrix"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(0, Qt::AscendingOrder);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setDefaultSectionSize(fontMetrics().horizontalAdvance(QStringLiteral("node02-xx")) + 16);
    m_table->horizontalHeader()->setStretchLastSection(false);
    // The name column as wide as the names shown, once per audit (rows beyond the view are not measured).
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_table->resizeColumnToContents(0);
        m_table->setColumnWidth(0, std::min(m_table->columnWidth(0), fontMetrics().horizontalAdvance(QLatin1Char('x')) * 45));
    });

    auto *filters = new QHBoxLayout;
    filters->addWidget(filterLabel);
    filters->addWidget(m_filterEdit, 1);
    filters->addWidget(m_failing);
    filters->addWidget(m_progress);
    filters->addWidget(m_cancel);
    filters->addWidget(m_rerun);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_groups);
    split->addWidget(m_table);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setSizes({360, 740});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
    resize(1100, 640);

    // Keyboard: Ctrl+F the filter, Alt+1 the groups, Alt+2 the matrix, F5 audit again, Esc closes.
    auto *focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    auto *focusGroups = new QAction(this);
    focusGroups->setShortcut(QKeySequence(Qt::ALT | Qt::Key_1));
    connect(focusGroups, &QAction::triggered, this, [this] { m_groups->setFocus(Qt::ShortcutFocusReason); });
    auto *focusTable = new QAction(this);
    focusTable->setShortcut(QKeySequence(Qt::ALT | Qt::Key_2));
    connect(focusTable, &QAction::triggered, this, [this] {
        m_table->setFocus(Qt::ShortcutFocusReason);
        if (!m_table->currentIndex().isValid() && m_filter->rowCount() > 0)
            m_table->setCurrentIndex(m_filter->index(0, 1));
    });
    auto *rerun = new QAction(this);
    rerun->setShortcut(QKeySequence::Refresh);
    connect(rerun, &QAction::triggered, this, &ReachabilityWindow::rerunRequested);
    auto *close = new QAction(this);
    close->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(close, &QAction::triggered, this, &QWidget::close);
    addActions({focusFilter, focusGroups, focusTable, rerun, close});

    m_tr.add([=, this] {
        setWindowTitle(tr("Reachability"));
        m_cancel->setText(tr("&Cancel"));
        m_rerun->setText(tr("&Audit Again"));
        m_rerun->setToolTip(tr("Trace every flow again (F5)"));
        filterLabel->setText(tr("&Filter:"));
        m_filterEdit->setPlaceholderText(tr("service, address or node"));
        m_failing->setText(tr("&Only flows that fail"));
        m_table->setToolTip(tr("Click a cell or press Enter to trace that flow in the main window"));
    });

    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &ReachabilityFilter::setText);
    connect(m_failing, &QCheckBox::toggled, m_filter, &ReachabilityFilter::setFailingOnly);
    connect(m_groups, &QTreeWidget::currentItemChanged, this, &ReachabilityWindow::onGroupChanged);
    connect(m_table, &QTableView::clicked, this, &ReachabilityWindow::onActivated);
    connect(m_table, &QTableView::activated, this, &ReachabilityWindow::onActivated);
    connect(m_rerun, &QPushButton::clicked, this, &ReachabilityWindow::rerunRequested);
    connect(m_cancel, &QPushButton::clicked, this, &ReachabilityWindow::cancelRequested);
}

void ReachabilityWindow::setProgress(qint64 done, qint64 total)
{
    const bool running = total > 0 && done < total;
    m_progress->setVisible(running);
    m_cancel->setVisible(running);
    m_rerun->setEnabled(!running);
    if (running) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(done * 1000 / total));
    }
}

void ReachabilityWindow::setStatus(const QString &text)
{
    m_status->setText(text);
}

int ReachabilityWindow::rowOfTarget(int target) const
{
    const QModelIndex src = m_model->index(target, 0);
    const QModelIndex p = m_filter->mapFromSource(src);
    return p.isValid() ? p.row() : -1;
}

void ReachabilityWindow::refreshGroups()
{
    const QSignalBlocker block(m_groups);
    m_groups->clear();
    const AuditResult *r = m_model->shown();
    const Scenario *sc = m_model->shownScenario();
    auto *all = new QTreeWidgetItem(m_groups);
    all->setData(0, Qt::UserRole, GroupAll);
    all->setData(0, Qt::UserRole + 1, -1);
    if (!r || !sc) {
        all->setText(0, tr("No audit yet"));
        m_filter->setDecider(-1);
        m_filter->setChange(-1);
        return;
    }
    all->setText(0, tr("All %n flow(s)", nullptr, int(r->flows.size())));
    if (m_model->hasEdited()) {
        int counts[6] = {0, 0, 0, 0, 0, 0};
        for (const AuditChange &c : m_model->changes())
            ++counts[c.kind];
        auto *head = new QTreeWidgetItem(m_groups);
        head->setText(0, tr("What the candidate rules change"));
        head->setData(0, Qt::UserRole, GroupHeading);
        head->setFlags(Qt::ItemIsEnabled);
        for (int k : {int(AuditChange::Fixed), int(AuditChange::Opened), int(AuditChange::Broken), int(AuditChange::Changed)}) {
            auto *item = new QTreeWidgetItem(head);
            item->setText(0, tr("%1: %n flow(s)", nullptr, counts[k]).arg(ReachabilityModel::changeWord(k)));
            item->setData(0, Qt::UserRole, GroupChange);
            item->setData(0, Qt::UserRole + 1, k);
            const QColor tone = k == AuditChange::Broken   ? m_theme.verdictLook(Verdict::Drop).colour
                              : k == AuditChange::Opened   ? m_theme.warning
                              : k == AuditChange::Fixed    ? m_theme.verdictLook(Verdict::Delivered).colour
                                                           : m_theme.caution;
            item->setForeground(0, tone);
            if (!counts[k])
                item->setForeground(0, m_theme.dimText);
        }
        head->setExpanded(true);
    }
    if (!r->deciders.empty()) {
        auto *head = new QTreeWidgetItem(m_groups);
        head->setText(0, tr("By the deciding rule"));
        head->setData(0, Qt::UserRole, GroupHeading);
        head->setFlags(Qt::ItemIsEnabled);
        for (size_t i = 0; i < r->deciders.size(); ++i) {
            const AuditDecider &d = r->deciders[i];
            auto *item = new QTreeWidgetItem(head);
            const QString verb = d.kind == Verdict::Reject  ? tr("rejected")
                               : d.kind == Verdict::NoRoute ? tr("without a route")
                               : d.kind == Verdict::Drop    ? tr("dropped")
                                                            : tr("undecided");
            item->setText(0, tr("%n flow(s) %1 by %2", nullptr, d.branches).arg(verb, d.text(*sc)));
            item->setToolTip(0, item->text(0));
            item->setData(0, Qt::UserRole, GroupDecider);
            item->setData(0, Qt::UserRole + 1, int(i));
            item->setForeground(0, m_theme.verdictLook(d.kind).colour);
        }
        head->setExpanded(true);
    }
    m_groups->setCurrentItem(all);
    m_filter->setDecider(-1);
    m_filter->setChange(-1);
}

void ReachabilityWindow::onGroupChanged()
{
    const QTreeWidgetItem *item = m_groups->currentItem();
    const int kind = item ? item->data(0, Qt::UserRole).toInt() : GroupAll;
    const int value = item ? item->data(0, Qt::UserRole + 1).toInt() : -1;
    if (kind == GroupHeading)
        return;
    m_filter->setDecider(kind == GroupDecider ? value : -1);
    m_filter->setChange(kind == GroupChange ? value : -1);
}

void ReachabilityWindow::onActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const int target = index.data(ReachabilityModel::TargetRole).toInt();
    const int source = index.data(ReachabilityModel::SourceRole).toInt();
    if (source < 0 || index.data(ReachabilityModel::FateRole).toInt() == int(Fate::NotApplicable))
        return;
    Q_EMIT cellActivated(target, source);
}

void ReachabilityWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_tr.retranslate();
        refreshGroups();
    } else if (event->type() == QEvent::PaletteChange) {
        m_theme = Theme::fromPalette(palette());
        m_model->setTheme(m_theme);
        refreshGroups();
    }
    QWidget::changeEvent(event);
}

} // namespace chainscope
