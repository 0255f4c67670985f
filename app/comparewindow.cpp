#include "comparewindow.h"
#include "text.h"

#include "chaincard.h"
#include "chainscene.h"
#include "chainview.h"
#include "compareview.h"
#include "explain.h"
#include "simulator.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace chainscope {

namespace {
enum Roles { EntryRole = Qt::UserRole + 1, PairRole, RightRuleRole };
} // namespace

CompareWindow::CompareWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("compareWindow"));
    m_theme = Theme::fromPalette(palette());
    createWidgets();
    fitToScreen(QSize(1600, 1000));
}

void CompareWindow::fitToScreen(const QSize &wanted)
{
    // Never larger than the screen it opens on (a 1280x800 laptop).
    QSize size = wanted;
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size());
    resize(size);
}

CompareWindow::~CompareWindow() = default;

void CompareWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();   // then the children: the compare view re-words its graphs and badges
    // Follow the desktop between light and dark, as the main window does.
    if (event->type() == QEvent::PaletteChange) {
        const Theme theme = Theme::fromPalette(palette());
        if (theme.isDark != m_theme.isDark) {
            m_theme = theme;
            if (m_scenario && m_left >= 0 && m_right >= 0)
                refresh();
        }
    }
    QMainWindow::changeEvent(event);
}

void CompareWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_docksSized)
        return;
    m_docksSized = true;
    // Sized once shown: before, the main window's layout has no real size to divide.
    resizeDocks({m_listDock}, {std::min(260, height() / 4)}, Qt::Vertical);   // the graphs keep most of a small screen
    resizeDocks({m_listDock, m_packetDock}, {width() * 11 / 20, width() * 9 / 20}, Qt::Horizontal);
    // Then open on the first difference, once the layout has given the graphs their size.
    QTimer::singleShot(0, this, &CompareWindow::showFirstDifference);
}

void CompareWindow::createWidgets()
{
    m_view = new CompareView(this);
    // One above the other by default: the graph is wide (hook lanes left to right), so
    // stacked graphs get twice the scale of side-by-side ones, and the lanes line up.
    m_view->setOrientation(Qt::Vertical);
    setCentralWidget(m_view);

    // Differences
    m_listModel = new QStandardItemModel(this);
    m_list = new QTreeView(this);
    m_list->setObjectName(QStringLiteral("differenceList"));
    m_list->setModel(m_listModel);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setAllColumnsShowFocus(true);
    auto *listDock = new QDockWidget(this);
    listDock->setObjectName(QStringLiteral("differencesDock"));
    listDock->setWidget(m_list);
    addDockWidget(Qt::BottomDockWidgetArea, listDock);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onListCurrentChanged(current); });
    connect(m_list, &QTreeView::activated, this, [this](const QModelIndex &index) {
        showEntry(index.siblingAtColumn(0).data(EntryRole).toInt());
        m_view->view(CompareView::Left)->setFocus();
    });

    // Counter deltas
    m_deltaModel = new QStandardItemModel(this);
    m_deltas = new QTreeView(this);
    m_deltas->setObjectName(QStringLiteral("deltaTable"));
    m_deltas->setModel(m_deltaModel);
    m_deltas->setRootIsDecorated(false);
    m_deltas->setUniformRowHeights(true);
    m_deltas->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_deltas->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_deltas->setAllColumnsShowFocus(true);
    auto *deltaDock = new QDockWidget(this);
    deltaDock->setObjectName(QStringLiteral("deltasDock"));
    deltaDock->setWidget(m_deltas);
    addDockWidget(Qt::BottomDockWidgetArea, deltaDock);
    connect(m_deltas, &QTreeView::activated, this, &CompareWindow::onDeltaActivated);
    connect(m_deltas->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onDeltaActivated(current); });

    // Same packet, both sides
    auto *form = new QWidget(this);
    auto *formHost = new QWidget(form);
    auto *formLayout = new QFormLayout(formHost);
    formLayout->setContentsMargins(0, 0, 0, 0);
    m_preset = new QComboBox(formHost);
    m_fromIface = new QLineEdit(formHost);
    m_src = new QLineEdit(formHost);
    m_dst = new QLineEdit(formHost);
    m_proto = new QComboBox(formHost);
    m_proto->addItems({QStringLiteral("tcp"), QStringLiteral("udp"), QStringLiteral("icmp")});
    m_dport = new QSpinBox(formHost);
    m_dport->setRange(0, 65535);
    auto *traceButton = new QPushButton(formHost);
    m_result = new QLabel(form);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_result->setObjectName(QStringLiteral("traceResult"));
    // The labels are the form's (labelForField): their texts are set again with the language.
    const auto row = [this, formLayout](QWidget *field, auto text) {
        formLayout->addRow(text(), field);
        m_tr.add([formLayout, field, text] {
            if (auto *label = qobject_cast<QLabel *>(formLayout->labelForField(field)))
                label->setText(text());
        });
    };
    row(m_preset, [] { return tr("&Preset:"); });
    row(m_fromIface, [] { return tr("Arrives &on:"); });
    row(m_src, [] { return tr("&Source:"); });
    row(m_dst, [] { return tr("&Destination:"); });
    row(m_proto, [] { return tr("P&rotocol:"); });
    row(m_dport, [] { return tr("Destin&ation port:"); });
    formLayout->addRow(traceButton);
    // The answer beside the fields, where the dock's height does not cut it off.
    m_result->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    showResultHint();
    auto *resultScroll = new QScrollArea(form);
    resultScroll->setWidget(m_result);
    resultScroll->setWidgetResizable(true);
    resultScroll->setFrameShape(QFrame::NoFrame);
    auto *formRow = new QHBoxLayout(form);
    formRow->addWidget(formHost, 2);
    formRow->addWidget(resultScroll, 3);
    auto *packetDock = new QDockWidget(this);
    m_tr.add([=, this] {
        m_list->setToolTip(tr("Up/Down moves both graphs to a difference; Enter focuses them; F8/Shift+F8 next/previous"));
        listDock->setWindowTitle(tr("Differences"));
        m_deltas->setToolTip(tr("Rules and policies that gained packets between the two snapshots; Enter shows the rule"));
        deltaDock->setWindowTitle(tr("Counter Deltas"));
        m_fromIface->setPlaceholderText(tr("empty: sent by the node itself"));
        m_src->setPlaceholderText(tr("empty: chosen by the route"));
        m_dport->setSpecialValueText(tr("none"));
        traceButton->setText(tr("&Trace Both Sides"));
        traceButton->setToolTip(tr("Trace the packet on both sides (Ctrl+Return)"));
        packetDock->setWindowTitle(tr("Same Packet, Both Sides"));
    });
    packetDock->setObjectName(QStringLiteral("packetDock"));
    packetDock->setWidget(form);
    addDockWidget(Qt::BottomDockWidgetArea, packetDock);
    splitDockWidget(listDock, packetDock, Qt::Horizontal);
    tabifyDockWidget(listDock, deltaDock);
    listDock->raise();
    m_listDock = listDock;
    m_packetDock = packetDock;
    connect(traceButton, &QPushButton::clicked, this, &CompareWindow::traceBoth);
    connect(m_preset, &QComboBox::activated, this, &CompareWindow::applyPreset);
    connect(m_view, &CompareView::ruleDiffSelected, this, [this](int index) {
        if (index < 0)
            return;
        for (size_t e = 0; e < m_entries.size(); ++e)
            if (m_entries[e].kind == Entry::Rule && m_entries[e].rule == index) {
                m_following = true;
                m_list->setCurrentIndex(m_listModel->index(int(e), 0));
                m_following = false;
                return;
            }
    });

    // Actions, menus, tool bar
    QMenu *compare = menuBar()->addMenu(QString());
    QAction *withFile = compare->addAction(QString(), this, &CompareWindow::compareWithFileDialog);
    withFile->setShortcut(QKeySequence::Open);
    compare->addSeparator();
    m_next = compare->addAction(QString(), this, &CompareWindow::nextDifference);
    m_next->setShortcut(QKeySequence(Qt::Key_F8));
    m_previous = compare->addAction(QString(), this, &CompareWindow::previousDifference);
    m_previous->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F8));
    m_hideIdentical = compare->addAction(QString());
    m_hideIdentical->setCheckable(true);
    m_hideIdentical->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    connect(m_hideIdentical, &QAction::toggled, m_view, &CompareView::setHideIdentical);
    QAction *sideBySide = compare->addAction(QString());
    sideBySide->setCheckable(true);
    sideBySide->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(sideBySide, &QAction::toggled, this, [this](bool on) {
        m_view->setOrientation(on ? Qt::Horizontal : Qt::Vertical);
    });
    m_sideBySide = sideBySide;
    compare->addSeparator();
    QAction *trace = compare->addAction(QString(), this, &CompareWindow::traceBoth);
    trace->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    compare->addSeparator();
    QAction *close = compare->addAction(QString(), this, &QWidget::close);
    close->setShortcut(QKeySequence::Close);

    QMenu *view = menuBar()->addMenu(QString());
    QAction *zoomIn = view->addAction(QString(), m_view, &CompareView::zoomInBoth);
    zoomIn->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus)});
    QAction *zoomOut = view->addAction(QString(), m_view, &CompareView::zoomOutBoth);
    zoomOut->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    QAction *fit = view->addAction(QString(), m_view, &CompareView::fitBoth);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    m_tr.add([=, this] {
        compare->setTitle(tr("&Compare"));
        withFile->setText(tr("Compare with &File..."));
        m_next->setText(tr("&Next Difference"));
        m_previous->setText(tr("&Previous Difference"));
        m_hideIdentical->setText(tr("&Hide Identical Chains"));
        sideBySide->setText(tr("&Side by Side"));
        sideBySide->setToolTip(tr("Graphs side by side, or one above the other so the hook lanes line up (Ctrl+T)"));
        trace->setText(tr("&Trace Both Sides"));
        close->setText(tr("&Close"));
        view->setTitle(tr("&View"));
        zoomIn->setText(tr("Zoom &In"));
        zoomOut->setText(tr("Zoom &Out"));
        fit->setText(tr("&Fit Both Graphs"));
    });
    view->addSeparator();
    auto focusAction = [&](auto text, QDockWidget *dock, QWidget *target, const QKeySequence &key) {
        QAction *a = view->addAction(QString(), this, [dock, target] {
            dock->show();
            dock->raise();
            target->setFocus();
        });
        a->setShortcut(key);
        m_tr.add([a, text] { a->setText(text()); });
    };
    focusAction([] { return tr("Go to &Differences"); }, listDock, m_list, QKeySequence(Qt::ALT | Qt::Key_1));
    focusAction([] { return tr("Go to &Counter Deltas"); }, deltaDock, m_deltas, QKeySequence(Qt::ALT | Qt::Key_2));
    focusAction([] { return tr("Go to the &Packet Form"); }, packetDock, m_fromIface, QKeySequence(Qt::ALT | Qt::Key_3));
    focusAction([] { return tr("Go to the &Left Graph"); }, listDock, m_view->view(CompareView::Left),
                QKeySequence(Qt::ALT | Qt::Key_4));
    focusAction([] { return tr("Go to the &Right Graph"); }, listDock, m_view->view(CompareView::Right),
                QKeySequence(Qt::ALT | Qt::Key_5));

    QToolBar *bar = addToolBar(QString());
    bar->setObjectName(QStringLiteral("compareToolBar"));
    auto *leftLabel = new QLabel(bar);
    m_leftBox = new QComboBox(bar);
    m_leftBox->setMinimumContentsLength(10);
    leftLabel->setBuddy(m_leftBox);
    auto *rightLabel = new QLabel(bar);
    m_tr.add([bar, leftLabel, rightLabel] {
        bar->setWindowTitle(tr("Compare"));
        leftLabel->setText(tr("&Left:"));
        rightLabel->setText(tr(" Ri&ght:"));
    });
    m_rightBox = new QComboBox(bar);
    m_rightBox->setMinimumContentsLength(14);
    rightLabel->setBuddy(m_rightBox);
    bar->addWidget(leftLabel);
    bar->addWidget(m_leftBox);
    bar->addWidget(rightLabel);
    bar->addWidget(m_rightBox);
    bar->addAction(withFile);
    bar->addSeparator();
    bar->addAction(m_previous);
    bar->addAction(m_next);
    bar->addAction(m_hideIdentical);
    bar->addAction(sideBySide);
    bar->addSeparator();
    bar->addAction(zoomOut);
    bar->addAction(zoomIn);
    bar->addAction(fit);
    m_summary = new QLabel(this);
    statusBar()->addWidget(m_summary, 1);
    updateTitle();

    auto onBoxes = [this] {
        const int l = m_leftBox->currentIndex();
        const int r = m_rightBox->currentIndex();
        if (r >= 0 && m_rightBox->itemData(r).toString() == QLatin1String("file")) {
            if (m_snapshot)
                return;
        }
        if (l >= 0 && r >= 0 && r < int(m_scenario ? m_scenario->nodes.size() : 0))
            compareNodes(l, r);
    };
    connect(m_leftBox, &QComboBox::activated, this, onBoxes);
    connect(m_rightBox, &QComboBox::activated, this, onBoxes);
}

void CompareWindow::setScenario(const Scenario &scenario)
{
    // The views point into the old copy: let go of it before it is replaced.
    m_view->setComparison(nullptr, nullptr, nullptr, m_theme, QString(), QString());
    m_diff = {};
    m_entries.clear();
    m_listModel->clear();
    m_deltaModel->clear();
    m_scenario = scenario;
    m_snapshot.reset();
    m_left = m_right = -1;
    {
        const QSignalBlocker b1(m_leftBox), b2(m_rightBox), b3(m_preset);
        m_leftBox->clear();
        m_rightBox->clear();
        for (const Node &n : m_scenario->nodes) {
            m_leftBox->addItem(n.name);
            m_rightBox->addItem(n.name);
        }
        m_preset->clear();
        m_preset->addItem(tr("(custom packet)"));
        for (const PacketPreset &p : m_scenario->packets)
            m_preset->addItem(p.name);
    }
    updateTitle();
}

void CompareWindow::updateTitle()
{
    if (!m_scenario)
        setWindowTitle(tr("Compare — Chainscope"));
    else
        setWindowTitle(tr("Compare: %1 — Chainscope").arg(m_scenario->name.isEmpty() ? m_scenario->path : m_scenario->name));
}

void CompareWindow::showResultHint()
{
    m_result->setText(tr("Pick a preset or fill in a packet, then Trace Both Sides (Ctrl+Return): the first "
                         "step where the two paths part is highlighted in both graphs."));
    m_resultIsHint = true;
}

void CompareWindow::retranslateUi()
{
    m_tr.retranslate();
    updateTitle();
    if (m_preset->count() > 0)
        m_preset->setItemText(0, tr("(custom packet)"));
    if (m_resultIsHint)
        showResultHint();
    if (!m_scenario || m_left < 0 || m_right < 0)
        return;
    if (m_snapshot)
        m_rightBox->setItemText(m_rightBox->count() - 1, sideName(1));
    // The lists in the new words, standing where they stood (no graph moves).
    const int row = m_list->currentIndex().row();
    const int deltaRow = m_deltas->currentIndex().row();
    {
        const QSignalBlocker b1(m_list->selectionModel()), b2(m_deltas->selectionModel());
        fillLists();
        if (row >= 0)
            m_list->setCurrentIndex(m_listModel->index(row, 0));
        if (deltaRow >= 0)
            m_deltas->setCurrentIndex(m_deltaModel->index(deltaRow, 0));
    }
    m_summary->setText(tr("%1 vs %2: %n difference(s)", nullptr, int(m_entries.size())).arg(sideName(0), sideName(1)));
    if (m_split.traced)
        showSplit();
}

void CompareWindow::compareNodes(int left, int right)
{
    if (!m_scenario || left < 0 || right < 0 || left >= int(m_scenario->nodes.size())
        || right >= int(m_scenario->nodes.size()))
        return;
    m_snapshot.reset();
    m_snapshotFile.clear();
    for (int i = m_rightBox->count() - 1; i >= int(m_scenario->nodes.size()); --i)
        m_rightBox->removeItem(i);
    m_left = left;
    m_right = right;
    m_leftBox->setCurrentIndex(left);
    m_rightBox->setCurrentIndex(right);
    refresh();
}

bool CompareWindow::compareWithFile(int left, const QString &path, QString *error)
{
    if (!m_scenario || left < 0 || left >= int(m_scenario->nodes.size()))
        return false;
    std::vector<Diagnostic> diags;
    std::optional<Scenario> other = Scenario::fromFiles({path}, diags);
    if (!other || other->nodes.empty()) {
        QStringList errors;
        for (const Diagnostic &d : diags)
            if (d.severity == Diagnostic::Error)
                errors << d.toString();
        if (error)
            *error = errors.isEmpty() ? tr("cannot read %1").arg(path) : errors.join(QLatin1Char('\n'));
        return false;
    }
    // The same node with the other rule set: its addresses and routes still hold.
    m_snapshot = *m_scenario;
    m_snapshot->nodes[size_t(left)].rules = other->nodes.front().rules;
    m_snapshotFile = path;
    m_left = left;
    m_right = left;
    for (int i = m_rightBox->count() - 1; i >= int(m_scenario->nodes.size()); --i)
        m_rightBox->removeItem(i);
    m_rightBox->addItem(tr("%1 (%2)").arg(m_scenario->nodes[size_t(left)].name, QFileInfo(path).fileName()),
                        QStringLiteral("file"));
    m_leftBox->setCurrentIndex(left);
    m_rightBox->setCurrentIndex(m_rightBox->count() - 1);
    refresh();
    return true;
}

void CompareWindow::compareWithFileDialog()
{
    if (!m_scenario)
        return;
    const QString file = QFileDialog::getOpenFileName(this, tr("Compare with Another Dump"), QString(),
                                                      tr("Rule dumps (*.rules *.txt *.save *.dump);;All files (*)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!compareWithFile(std::max(0, m_leftBox->currentIndex()), file, &error))
        QMessageBox::warning(this, tr("Cannot Compare"), error);
}

const Ruleset *CompareWindow::rightRules() const
{
    if (m_snapshot)
        return &m_snapshot->nodes[size_t(m_right)].rules;
    return &m_scenario->nodes[size_t(m_right)].rules;
}

const Scenario &CompareWindow::rightScenario() const
{
    return m_snapshot ? *m_snapshot : *m_scenario;
}

QString CompareWindow::sideName(int side) const
{
    if (!m_scenario || m_left < 0)
        return {};
    if (side == 0)
        return m_scenario->nodes[size_t(m_left)].name;
    if (m_snapshot)
        return tr("%1 (%2)").arg(m_scenario->nodes[size_t(m_right)].name, QFileInfo(m_snapshotFile).fileName());
    return m_scenario->nodes[size_t(m_right)].name;
}

void CompareWindow::refresh()
{
    const Ruleset &left = m_scenario->nodes[size_t(m_left)].rules;
    DiffOptions options;
    options.snapshots = m_snapshot.has_value();
    m_diff = Diff::compare(left, *rightRules(), options);
    m_split = {};
    m_result->clear();
    m_resultIsHint = false;
    m_view->setComparison(&left, rightRules(), &m_diff, m_theme, sideName(0), sideName(1));
    fillLists();
    m_summary->setText(tr("%1 vs %2: %n difference(s)", nullptr, int(m_entries.size())).arg(sideName(0), sideName(1)));
    // Before the window is shown its viewports have no size to centre in: showEvent() does it.
    if (isVisible())
        showFirstDifference();
    else
        m_view->fitBoth();
}

void CompareWindow::showFirstDifference()
{
    if (m_entries.empty())
        m_view->fitBoth();
    else
        showEntry(0);
}

void CompareWindow::setPacket(const PacketSpec &p)
{
    const QSignalBlocker blocker(m_preset);
    m_preset->setCurrentIndex(0);
    if (m_scenario)
        for (size_t i = 0; i < m_scenario->packets.size(); ++i)
            if (const PacketSpec &q = m_scenario->packets[i].spec;
                q.fromNode == p.fromNode && q.inIface == p.inIface && q.describe() == p.describe()) {
                m_preset->setCurrentIndex(int(i) + 1);
                break;
            }
    m_fromIface->setText(p.inIface);
    m_src->setText(p.src ? p.src->toString() : QString());
    m_dst->setText(p.dst.toString());
    m_proto->setCurrentText(protoName(p.proto));
    m_dport->setValue(p.dport);
}

void CompareWindow::fillLists()
{
    m_entries.clear();
    m_listModel->clear();
    m_listModel->setHorizontalHeaderLabels({tr("Difference"), tr("Chain"), sideName(0), sideName(1)});
    const Ruleset &lrs = m_scenario->nodes[size_t(m_left)].rules;
    const Ruleset &rrs = *rightRules();

    std::vector<std::vector<int>> rulesOfPair(m_diff.chains.size());
    for (size_t i = 0; i < m_diff.rules.size(); ++i)
        if (m_diff.rules[i].kind != RuleDiff::Same)
            rulesOfPair[size_t(m_diff.rules[i].pair)].push_back(int(i));

    auto chainLabel = [&](const ChainPair &cp) {
        const QString name = cp.left >= 0 ? text::q(lrs.table(cp.table).chains[size_t(cp.left)].name)
                                          : text::q(rrs.table(cp.table).chains[size_t(cp.right)].name);
        QString label = tableTitle(cp.table) + QLatin1Char(':') + name;
        if (cp.key != name)
            label += QStringLiteral(" (") + cp.key + QLatin1Char(')');
        return label;
    };
    auto addRow = [&](const Entry &e, const QString &kind, const QString &chain, const QString &l, const QString &r,
                      const QColor &tint) {
        QList<QStandardItem *> row;
        for (const QString &text : {kind, chain, l, r}) {
            auto *item = new QStandardItem(text);
            item->setToolTip(text);
            row << item;
        }
        row[0]->setData(int(m_entries.size()), EntryRole);
        row[0]->setBackground(tint);
        row[0]->setForeground(m_theme.text);
        m_listModel->appendRow(row);
        m_entries.push_back(e);
    };
    auto ruleLine = [](const Chain &c, int rule, const QString &text) {
        Q_UNUSED(c);
        return tr("#%1  %2").arg(rule + 1).arg(text);
    };

    for (size_t p = 0; p < m_diff.chains.size(); ++p) {
        const ChainPair &cp = m_diff.chains[p];
        if (cp.left >= 0 && cp.right < 0) {
            const Chain &c = lrs.table(cp.table).chains[size_t(cp.left)];
            addRow({Entry::ChainOnlyLeft, int(p), -1}, tr("chain only on %1").arg(sideName(0)), chainLabel(cp),
                   tr("%n rule(s)", nullptr, int(c.rules.size())), tr("(none)"), m_theme.diffOnlyLeft);
            continue;
        }
        if (cp.right >= 0 && cp.left < 0) {
            const Chain &c = rrs.table(cp.table).chains[size_t(cp.right)];
            addRow({Entry::ChainOnlyRight, int(p), -1}, tr("chain only on %1").arg(sideName(1)), chainLabel(cp),
                   tr("(none)"), tr("%n rule(s)", nullptr, int(c.rules.size())), m_theme.diffOnlyRight);
            continue;
        }
        const Chain &a = lrs.table(cp.table).chains[size_t(cp.left)];
        const Chain &b = rrs.table(cp.table).chains[size_t(cp.right)];
        if (a.builtin && b.builtin && a.policyDrop != b.policyDrop)
            addRow({Entry::Policy, int(p), -1}, tr("policy changed"), chainLabel(cp),
                   a.policyDrop ? tr("policy DROP") : tr("policy ACCEPT"),
                   b.policyDrop ? tr("policy DROP") : tr("policy ACCEPT"), m_theme.diffChanged);
        for (int i : rulesOfPair[p]) {
            const RuleDiff &d = m_diff.rules[size_t(i)];
            const QString l = d.left >= 0 ? ruleLine(a, d.left, d.leftText) : QString();
            const QString r = d.right >= 0 ? ruleLine(b, d.right, d.rightText) : QString();
            switch (d.kind) {
            case RuleDiff::Changed:
                addRow({Entry::Rule, int(p), i}, tr("changed"), chainLabel(cp), l, r, m_theme.diffChanged);
                break;
            case RuleDiff::OnlyLeft:
                addRow({Entry::Rule, int(p), i}, tr("only on %1").arg(sideName(0)), chainLabel(cp), l, QString(),
                       m_theme.diffOnlyLeft);
                break;
            case RuleDiff::OnlyRight:
                addRow({Entry::Rule, int(p), i}, tr("only on %1").arg(sideName(1)), chainLabel(cp), QString(), r,
                       m_theme.diffOnlyRight);
                break;
            case RuleDiff::Same:
                break;
            }
        }
    }
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    // Both sides' texts get half of what is left each; the tooltips hold the whole rule.
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(3, QHeaderView::Stretch);

    m_deltaModel->clear();
    m_deltaModel->setHorizontalHeaderLabels({tr("Packets gained"), tr("Bytes gained"), tr("Chain"), tr("Rule")});
    for (const CounterDelta &d : m_diff.deltas) {
        const ChainPair &cp = m_diff.chains[size_t(d.pair)];
        const Chain &c = rrs.table(cp.table).chains[size_t(cp.right)];
        QList<QStandardItem *> row;
        auto *packets = new QStandardItem(QStringLiteral("+") + QString::number(d.packets));
        packets->setData(d.pair, PairRole);
        packets->setData(d.right, RightRuleRole);
        packets->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *bytes = new QStandardItem(QStringLiteral("+") + QString::number(d.bytes));
        bytes->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row << packets << bytes << new QStandardItem(tableTitle(cp.table) + QLatin1Char(':') + text::q(c.name));
        row << new QStandardItem(d.right < 0 ? tr("policy %1").arg(c.policyDrop ? QStringLiteral("DROP") : QStringLiteral("ACCEPT"))
                                             : tr("#%1  %2").arg(d.right + 1).arg(Explain::ruleText(rrs, c.rules[size_t(d.right)])));
        m_deltaModel->appendRow(row);
    }
    for (int col = 0; col < 3; ++col)
        m_deltas->header()->setSectionResizeMode(col, QHeaderView::ResizeToContents);
}

void CompareWindow::onListCurrentChanged(const QModelIndex &current)
{
    if (m_following || !current.isValid())
        return;
    showEntry(current.siblingAtColumn(0).data(EntryRole).toInt());
}

void CompareWindow::showEntry(int index)
{
    if (index < 0 || index >= int(m_entries.size()))
        return;
    const Entry &e = m_entries[size_t(index)];
    if (e.kind == Entry::Rule) {
        m_view->showRuleDiff(e.rule);
    } else if (e.kind == Entry::Policy) {
        const ChainPair &cp = m_diff.chains[size_t(e.pair)];
        m_view->showRules(cp.table, cp.left, -1, cp.right, -1);
    } else {
        m_view->showChainPair(e.pair);
    }
    const QModelIndex row = m_listModel->index(index, 0);
    if (m_list->currentIndex().row() != index) {
        m_following = true;
        m_list->setCurrentIndex(row);
        m_following = false;
    }
    statusBar()->showMessage(tr("Difference %1 of %2").arg(index + 1).arg(m_entries.size()), 4000);
}

bool CompareWindow::showChain(const QString &tableAndChain)
{
    if (!m_scenario || m_left < 0)
        return false;
    TableId table = TableId::Filter;
    const QString t = tableAndChain.section(QLatin1Char(':'), 0, 0);
    const QString c = tableAndChain.section(QLatin1Char(':'), 1);
    if (!tableFromName(t.toStdString(), table))
        return false;
    const int chain = m_scenario->nodes[size_t(m_left)].rules.table(table).chainIndex(c.toStdString());
    if (chain < 0)
        return false;
    const int pair = m_view->pairOf(CompareView::Left, table, chain);
    if (pair < 0)
        return false;
    m_view->showChainPair(pair);
    return true;
}

void CompareWindow::nextDifference()
{
    if (m_entries.empty())
        return;
    const int cur = m_list->currentIndex().isValid() ? m_list->currentIndex().row() : -1;
    showEntry(cur + 1 < int(m_entries.size()) ? cur + 1 : 0);
}

void CompareWindow::previousDifference()
{
    if (m_entries.empty())
        return;
    const int cur = m_list->currentIndex().isValid() ? m_list->currentIndex().row() : int(m_entries.size());
    showEntry(cur - 1 >= 0 ? cur - 1 : int(m_entries.size()) - 1);
}

void CompareWindow::onDeltaActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QModelIndex first = index.siblingAtColumn(0);
    const int pair = first.data(PairRole).toInt();
    const int right = first.data(RightRuleRole).toInt();
    if (pair < 0 || pair >= int(m_diff.chains.size()))
        return;
    const ChainPair &cp = m_diff.chains[size_t(pair)];
    int left = -1;
    if (right >= 0) {
        const quint32 id = rightRules()->table(cp.table).chains[size_t(cp.right)].rules[size_t(right)].id;
        const int d = m_view->ruleDiffOf(CompareView::Right, id);
        if (d >= 0)
            left = m_diff.rules[size_t(d)].left;
    }
    m_view->showRules(cp.table, cp.left, left, cp.right, right);
}

void CompareWindow::applyPreset(int index)
{
    if (!m_scenario || index <= 0 || index > int(m_scenario->packets.size()))
        return;
    const PacketSpec &p = m_scenario->packets[size_t(index - 1)].spec;
    m_fromIface->setText(p.inIface);
    m_src->setText(p.src ? p.src->toString() : QString());
    m_dst->setText(p.dst.toString());
    m_proto->setCurrentText(protoName(p.proto));
    m_dport->setValue(p.dport);
}

void CompareWindow::traceBoth()
{
    if (!m_scenario || m_left < 0 || m_right < 0)
        return;
    m_split = {};
    const Scenario *scenarios[2] = {&*m_scenario, &rightScenario()};
    const int nodes[2] = {m_left, m_right};
    PacketSpec specs[2];
    for (int s = 0; s < 2; ++s) {
        QJsonObject o;
        QString from = scenarios[s]->nodes[size_t(nodes[s])].name;
        if (!m_fromIface->text().trimmed().isEmpty())
            from += QLatin1Char(':') + m_fromIface->text().trimmed();
        o.insert(QStringLiteral("from"), from);
        if (!m_src->text().trimmed().isEmpty())
            o.insert(QStringLiteral("src"), m_src->text().trimmed());
        o.insert(QStringLiteral("dst"), m_dst->text().trimmed());
        o.insert(QStringLiteral("proto"), m_proto->currentText());
        if (m_dport->value() > 0 && m_proto->currentText() != QLatin1String("icmp"))
            o.insert(QStringLiteral("dport"), m_dport->value());
        QString error;
        if (!packetFromJson(o, specs[s], error)) {
            m_result->setText(tr("Cannot trace: %1").arg(error));
            m_resultIsHint = false;
            return;
        }
    }
    for (int s = 0; s < 2; ++s)
        m_traces[s] = Simulator::trace(*scenarios[s], specs[s]);
    if (m_traces[0].branches.empty() || m_traces[1].branches.empty()) {
        m_result->setText(tr("The packet could not be traced."));
        m_resultIsHint = false;
        return;
    }

    // The path on the compared node as (table, chain key, rule key, matched), keys from the
    // Diff pairing, so the two sides compare by meaning and not by index or hash name.
    struct Key
    {
        int step;
        QString key;
    };
    const Ruleset *rules[2] = {&m_scenario->nodes[size_t(m_left)].rules, rightRules()};
    auto path = [&](int s) {
        std::vector<Key> out;
        const Branch &b = m_traces[s].branches.front();
        const CompareView::Side side = s == 0 ? CompareView::Left : CompareView::Right;
        for (size_t i = 0; i < b.steps.size(); ++i) {
            const Step &st = b.steps[i];
            if (st.node != nodes[s])
                continue;
            if (st.kind != Step::RuleEval && st.kind != Step::Policy && st.kind != Step::ChainEnd)
                continue;
            const int pair = m_view->pairOf(side, st.table, st.chain);
            const QString chainKey = pair >= 0 ? m_diff.chains[size_t(pair)].key : QString::number(st.chain);
            QString key = tableKey(st.table) + QLatin1Char('|') + chainKey + QLatin1Char('|');
            if (st.kind == Step::RuleEval) {
                const Chain &c = rules[s]->table(st.table).chains[size_t(st.chain)];
                const int d = m_view->ruleDiffOf(side, c.rules[size_t(st.rule)].id);
                const QString text = d < 0 ? Explain::ruleText(*rules[s], c.rules[size_t(st.rule)])
                                           : (s == 0 ? m_diff.rules[size_t(d)].leftText : m_diff.rules[size_t(d)].rightText);
                key += text + (st.matched ? QStringLiteral("|match") : QStringLiteral("|no"));
            } else if (st.kind == Step::Policy) {
                key += QStringLiteral("policy|") + QString::number(int(rules[s]->table(st.table).chains[size_t(st.chain)].policyDrop));
            } else {
                key += QStringLiteral("return");
            }
            out.push_back({int(i), key});
        }
        return out;
    };
    const std::vector<Key> pa = path(0), pb = path(1);
    size_t k = 0;
    while (k < pa.size() && k < pb.size() && pa[k].key == pb[k].key)
        ++k;
    const Branch &ba = m_traces[0].branches.front();
    const Branch &bb = m_traces[1].branches.front();
    m_split.traced = true;
    m_split.diverged = k < pa.size() || k < pb.size();
    m_split.leftStep = k < pa.size() ? pa[k].step : -1;
    m_split.rightStep = k < pb.size() ? pb[k].step : -1;
    m_split.partAt = int(k);
    showSplit();

    if (m_split.diverged) {
        const Step *sa = m_split.leftStep >= 0 ? &ba.steps[size_t(m_split.leftStep)] : nullptr;
        const Step *sb = m_split.rightStep >= 0 ? &bb.steps[size_t(m_split.rightStep)] : nullptr;
        const TableId ta = sa ? sa->table : TableId::Filter;
        const TableId tb = sb ? sb->table : TableId::Filter;
        const int ca = sa ? sa->chain : -1, cb = sb ? sb->chain : -1;
        const int ra = sa && sa->kind == Step::RuleEval ? sa->rule : -1;
        const int rb = sb && sb->kind == Step::RuleEval ? sb->rule : -1;
        m_view->markDivergence(ta, ca, ra, tb, cb, rb);
        m_view->showRules(ta, ca, ra, tb, cb, rb);
    } else {
        m_view->markDivergence(TableId::Filter, -1, -1, TableId::Filter, -1, -1);
    }
}

void CompareWindow::showSplit()
{
    // Step lines and verdicts are worded when shown (Explain), so they follow the language.
    const Scenario *scenarios[2] = {&*m_scenario, &rightScenario()};
    const Branch &ba = m_traces[0].branches.front();
    const Branch &bb = m_traces[1].branches.front();
    m_split.leftVerdict = Explain::verdictLine(*scenarios[0], ba.verdict);
    m_split.rightVerdict = Explain::verdictLine(*scenarios[1], bb.verdict);
    m_split.leftLine = m_split.leftStep >= 0 ? Explain::stepLine(*scenarios[0], ba, ba.steps[size_t(m_split.leftStep)])
                                             : tr("(no more rules on this node)");
    m_split.rightLine = m_split.rightStep >= 0 ? Explain::stepLine(*scenarios[1], bb, bb.steps[size_t(m_split.rightStep)])
                                               : tr("(no more rules on this node)");

    // Step lines and verdicts name their node already; the side is said once, in bold.
    QString text;
    if (m_split.diverged)
        text = tr("<b>The paths part at step %1 on the compared node:</b><br>%2<br>%3")
                   .arg(m_split.partAt + 1)
                   .arg(m_split.leftLine.toHtmlEscaped(), m_split.rightLine.toHtmlEscaped());
    else
        text = tr("<b>Same path through both rule sets on the compared node.</b>");
    text += tr("<br><b>Verdicts</b><br>from %1: %2<br>from %3: %4")
                .arg(sideName(0).toHtmlEscaped(), m_split.leftVerdict.toHtmlEscaped(), sideName(1).toHtmlEscaped(),
                     m_split.rightVerdict.toHtmlEscaped());
    m_result->setText(text);
    m_resultIsHint = false;
}

} // namespace chainscope
