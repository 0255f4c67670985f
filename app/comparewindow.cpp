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
#include <QSplitter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTextBrowser>
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
    // The selected difference in words beside the list: nft differences have no graph yet,
    // and a long rule is cut in its column.
    m_detail = new QTextBrowser(this);
    m_detail->setObjectName(QStringLiteral("differenceDetail"));
    m_detail->setOpenLinks(false);
    auto *listSplit = new QSplitter(Qt::Horizontal, this);
    listSplit->addWidget(m_list);
    listSplit->addWidget(m_detail);
    listSplit->setStretchFactor(0, 1);
    listSplit->setStretchFactor(1, 1);
    auto *listDock = new QDockWidget(this);
    listDock->setObjectName(QStringLiteral("differencesDock"));
    listDock->setWidget(listSplit);
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
        m_detail->setToolTip(tr("The selected difference: both sides' rules, declarations or elements"));
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
    m_nftDiff = {};
    m_entries.clear();
    m_detail->clear();
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
        if (row >= 0 && row < int(m_entries.size())) {
            m_list->setCurrentIndex(m_listModel->index(row, 0));
            m_detail->setHtml(entryDetail(row));
        }
        if (deltaRow >= 0)
            m_deltas->setCurrentIndex(m_deltaModel->index(deltaRow, 0));
    }
    updateSummary();
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
                                                      tr("Rule dumps (*.rules *.txt *.save *.dump *.nft *.json);;All files (*)"));
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
    // nft rule sets after the iptables tables, as chainscope-cli diff does: a node may have both.
    m_nftDiff = NftDiff::compare(nftSide(0), nftSide(1));
    m_split = {};
    m_detail->clear();
    m_result->clear();
    m_resultIsHint = false;
    m_view->setComparison(&left, rightRules(), &m_diff, m_theme, sideName(0), sideName(1));
    m_view->setNftDiff(&m_nftDiff);
    fillLists();
    updateSummary();
    // Before the window is shown its viewports have no size to centre in: showEvent() does it.
    if (isVisible())
        showFirstDifference();
    else
        m_view->fitBoth();
}

void CompareWindow::showFirstDifference()
{
    // A set or a table has no card: the graphs are fitted, as on a pair with no difference.
    const auto cardless = [](const Entry &e) {
        return e.isNft() && e.kind != Entry::NftChain && e.kind != Entry::NftChainChange && e.kind != Entry::NftRule;
    };
    if (m_entries.empty() || cardless(m_entries.front()))
        m_view->fitBoth();
    if (!m_entries.empty())
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
    auto addRow = [this](const Entry &e, const QString &kind, const QString &chain, const QString &l, const QString &r,
                         const QColor &tint) { addListRow(e, kind, chain, l, r, tint); };
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
    fillNftList();
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
    m_detail->setHtml(entryDetail(index));
    if (e.isNft()) {
        showNftEntry(e);
    } else if (e.kind == Entry::Rule) {
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
            if (st.kind == Step::NftRule || st.kind == Step::NftPolicy || st.kind == Step::NftChainEnd) {
                // nft steps by table, chain key and rule text as NftDiff pairs them, so a
                // kube-proxy hash that differs between the sides does not part the paths.
                const nft::NftRuleset &n = nftSide(s);
                if (st.chain < 0 || st.chain >= int(n.chains.size()))
                    continue;
                const nft::Chain &c = n.chains[size_t(st.chain)];
                QString key = QStringLiteral("nft|") + n.tableTitle(c.table) + QLatin1Char('|') + NftDiff::chainKey(c.name)
                              + QLatin1Char('|');
                if (st.kind == Step::NftRule && st.rule >= 0 && st.rule < int(c.rules.size()))
                    key += NftDiff::ruleKey(c.rules[size_t(st.rule)].text) + (st.matched ? QStringLiteral("|match") : QStringLiteral("|no"));
                else if (st.kind == Step::NftPolicy)
                    key += QStringLiteral("policy|") + QString::number(int(c.policyDrop));
                else
                    key += QStringLiteral("return");
                out.push_back({int(i), key});
                continue;
            }
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
        // nft steps index NftRuleset::chains: their cards are of ChainCard::NftTable.
        const auto tableOf = [](const Step *st) {
            const bool nft = st->kind == Step::NftRule || st->kind == Step::NftPolicy || st->kind == Step::NftChainEnd;
            return nft ? ChainCard::NftTable : st->table;
        };
        const auto drawn = [](const Step *st) {
            return st && st->kind != Step::NftChainEnd;
        };
        const TableId ta = drawn(sa) ? tableOf(sa) : TableId::Filter;
        const TableId tb = drawn(sb) ? tableOf(sb) : TableId::Filter;
        const int ca = drawn(sa) ? sa->chain : -1, cb = drawn(sb) ? sb->chain : -1;
        const int ra = drawn(sa) && (sa->kind == Step::RuleEval || sa->kind == Step::NftRule) ? sa->rule : -1;
        const int rb = drawn(sb) && (sb->kind == Step::RuleEval || sb->kind == Step::NftRule) ? sb->rule : -1;
        m_view->markDivergence(ta, ca, ra, tb, cb, rb);
        if (ca >= 0 || cb >= 0)
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
    // An nft rule's step names it by position only: its text follows (the step line says
    // already why it did not match).
    const auto line = [](const Scenario &sc, const Branch &b, int step) {
        if (step < 0)
            return tr("(no more rules on this node)");
        const Step &st = b.steps[size_t(step)];
        QString out = Explain::stepLine(sc, b, st);
        const nft::NftRuleset *n = sc.nodes[st.node].rules.nft.get();
        if (st.kind != Step::NftRule || !n || st.chain < 0 || st.rule < 0)
            return out;
        out += QLatin1Char('\n') + tr("rule: %1").arg(text::q(n->chains[size_t(st.chain)].rules[size_t(st.rule)].text).trimmed());
        return out;
    };
    m_split.leftLine = line(*scenarios[0], ba, m_split.leftStep);
    m_split.rightLine = line(*scenarios[1], bb, m_split.rightStep);

    // Step lines and verdicts name their node already; the side is said once, in bold.
    QString text;
    if (m_split.diverged)
        text = tr("<b>The paths part at step %1 on the compared node:</b><br>%2<br>%3")
                   .arg(m_split.partAt + 1)
                   .arg(m_split.leftLine.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>&nbsp;&nbsp;")),
                        m_split.rightLine.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>&nbsp;&nbsp;")));
    else
        text = tr("<b>Same path through both rule sets on the compared node.</b>");
    text += tr("<br><b>Verdicts</b><br>from %1: %2<br>from %3: %4")
                .arg(sideName(0).toHtmlEscaped(), m_split.leftVerdict.toHtmlEscaped(), sideName(1).toHtmlEscaped(),
                     m_split.rightVerdict.toHtmlEscaped());
    m_result->setText(text);
    m_resultIsHint = false;
}

void CompareWindow::addListRow(const Entry &e, const QString &kind, const QString &chain, const QString &l,
                               const QString &r, const QColor &tint)
{
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
}

const nft::NftRuleset &CompareWindow::nftSide(int side) const
{
    static const nft::NftRuleset none;
    const Ruleset *rules = side == 0 ? &m_scenario->nodes[size_t(m_left)].rules : rightRules();
    return rules->nft ? *rules->nft : none;
}

namespace {
/** "left|right" when a kube-proxy chain or set paired across a hash change (as chainscope-cli diff names them). */
QString bothNames(std::string_view l, std::string_view r, bool hasL, bool hasR)
{
    if (!hasL || (hasR && l == r))
        return text::q(hasL ? l : r);
    return hasR ? text::q(l) + QLatin1Char('|') + text::q(r) : text::q(l);
}

QString pre(const QString &text)
{
    return QStringLiteral("<pre style=\"margin:0\">") + text.toHtmlEscaped() + QStringLiteral("</pre>");
}
} // namespace

QString CompareWindow::nftChainLabel(int pair) const
{
    const NftChainPair &cp = m_nftDiff.chains[size_t(pair)];
    const nft::NftRuleset &l = nftSide(0), &r = nftSide(1);
    return m_nftDiff.tables[size_t(cp.table)].title + QLatin1Char(' ')
            + bothNames(cp.left >= 0 ? l.chains[size_t(cp.left)].name : std::string_view(),
                        cp.right >= 0 ? r.chains[size_t(cp.right)].name : std::string_view(), cp.left >= 0, cp.right >= 0);
}

QString CompareWindow::nftSetLabel(int set) const
{
    const NftSetPair &sp = m_nftDiff.sets[size_t(set)];
    const nft::NftRuleset &l = nftSide(0), &r = nftSide(1);
    return m_nftDiff.tables[size_t(sp.table)].title + QLatin1Char(' ')
            + bothNames(sp.left >= 0 ? l.sets[size_t(sp.left)].name : std::string_view(),
                        sp.right >= 0 ? r.sets[size_t(sp.right)].name : std::string_view(), sp.left >= 0, sp.right >= 0);
}

void CompareWindow::fillNftList()
{
    const nft::NftRuleset &ln = nftSide(0), &rn = nftSide(1);
    const NftDiffResult &nd = m_nftDiff;
    const QString none = tr("(none)");
    // Each row says "nft" first: the same words as the iptables rows would otherwise read as iptables.
    for (size_t t = 0; t < nd.tables.size(); ++t) {
        const NftTablePair &tp = nd.tables[t];
        if (tp.left >= 0 && tp.right >= 0)
            continue;
        const int side = tp.left >= 0 ? 0 : 1;
        const nft::NftRuleset &n = side == 0 ? ln : rn;
        const nft::Table &table = n.tables[size_t(side == 0 ? tp.left : tp.right)];
        int rules = 0;
        for (const int c : table.chains)
            rules += int(n.chains[size_t(c)].rules.size());
        const QString what = tr("%1, %2, %3")
                                 .arg(tr("%n chain(s)", nullptr, int(table.chains.size())), tr("%n rule(s)", nullptr, rules),
                                      tr("%n set(s)", nullptr, int(table.sets.size())));
        addListRow({Entry::NftTable, -1, -1, int(t)}, tr("nft table only on %1").arg(sideName(side)), tp.title,
                   side == 0 ? what : none, side == 0 ? none : what, side == 0 ? m_theme.diffOnlyLeft : m_theme.diffOnlyRight);
    }
    for (size_t p = 0; p < nd.chains.size(); ++p) {
        const NftChainPair &cp = nd.chains[p];
        if (cp.left >= 0 && cp.right >= 0)
            continue;
        const int side = cp.left >= 0 ? 0 : 1;
        const nft::Chain &c = side == 0 ? ln.chains[size_t(cp.left)] : rn.chains[size_t(cp.right)];
        const QString what = tr("%n rule(s)", nullptr, int(c.rules.size()));
        addListRow({Entry::NftChain, -1, -1, int(p)}, tr("nft chain only on %1").arg(sideName(side)), nftChainLabel(int(p)),
                   side == 0 ? what : none, side == 0 ? none : what, side == 0 ? m_theme.diffOnlyLeft : m_theme.diffOnlyRight);
    }
    for (size_t i = 0; i < nd.chainChanges.size(); ++i) {
        const NftChainChange &cc = nd.chainChanges[i];
        // nft's words, as the declaration reads: "policy accept", "priority filter + 10"
        const auto words = [&cc](const QString &v) {
            if (cc.field == NftChainChange::Base)
                return v == QLatin1String("base") ? tr("base chain") : tr("regular chain");
            return QLatin1String(NftChainChange::fieldName(cc.field)) + QLatin1Char(' ') + (v.isEmpty() ? QStringLiteral("-") : v);
        };
        addListRow({Entry::NftChainChange, -1, -1, int(i)}, tr("nft chain declaration changed"), nftChainLabel(cc.pair),
                   words(cc.left), words(cc.right), m_theme.diffChanged);
    }
    for (size_t i = 0; i < nd.rules.size(); ++i) {
        const NftRuleDiff &d = nd.rules[i];
        if (d.kind == RuleDiff::Same)
            continue;
        const QString l = d.left >= 0 ? tr("#%1  %2").arg(d.left + 1).arg(d.leftText) : QString();
        const QString r = d.right >= 0 ? tr("#%1  %2").arg(d.right + 1).arg(d.rightText) : QString();
        const Entry e{Entry::NftRule, -1, -1, int(i)};
        if (d.kind == RuleDiff::Changed)
            addListRow(e, tr("nft rule changed"), nftChainLabel(d.pair), l, r, m_theme.diffChanged);
        else if (d.kind == RuleDiff::OnlyLeft)
            addListRow(e, tr("nft rule only on %1").arg(sideName(0)), nftChainLabel(d.pair), l, QString(), m_theme.diffOnlyLeft);
        else
            addListRow(e, tr("nft rule only on %1").arg(sideName(1)), nftChainLabel(d.pair), QString(), r, m_theme.diffOnlyRight);
    }
    // Sets: on one side, type changes, then their element differences (grouped by set, capped
    // as chainscope-cli diff caps them; one more row says how many are left out).
    size_t el = 0;
    for (size_t si = 0; si < nd.sets.size(); ++si) {
        const NftSetPair &sp = nd.sets[si];
        const QString label = nftSetLabel(int(si));
        if (sp.left < 0 || sp.right < 0) {
            const int side = sp.left >= 0 ? 0 : 1;
            const nft::Set &s = side == 0 ? ln.sets[size_t(sp.left)] : rn.sets[size_t(sp.right)];
            const QString what = tr("%n element(s)", nullptr, int(s.elements.size()));
            addListRow({Entry::NftSet, -1, -1, int(si)},
                       (s.map ? tr("nft map only on %1") : tr("nft set only on %1")).arg(sideName(side)), label,
                       side == 0 ? what : none, side == 0 ? none : what,
                       side == 0 ? m_theme.diffOnlyLeft : m_theme.diffOnlyRight);
        }
        if (sp.typeChanged())
            addListRow({Entry::NftSetType, -1, -1, int(si)}, tr("nft set type changed"), label, sp.leftType, sp.rightType,
                       m_theme.diffChanged);
        int listed = 0;
        for (; el < nd.elements.size() && nd.elements[el].set == int(si); ++el, ++listed) {
            const NftElementDiff &d = nd.elements[el];
            const auto text = [&d](const QString &data) { return data.isEmpty() ? d.key : d.key + QStringLiteral(" : ") + data; };
            const Entry e{Entry::NftElement, -1, -1, int(el)};
            if (d.kind == RuleDiff::Changed)
                addListRow(e, tr("nft element changed"), label, text(d.leftData), text(d.rightData), m_theme.diffChanged);
            else if (d.kind == RuleDiff::OnlyLeft)
                addListRow(e, tr("nft element only on %1").arg(sideName(0)), label, text(d.leftData), QString(),
                           m_theme.diffOnlyLeft);
            else
                addListRow(e, tr("nft element only on %1").arg(sideName(1)), label, QString(), text(d.rightData),
                           m_theme.diffOnlyRight);
        }
        if (const int more = sp.added + sp.removed + sp.changed - listed; more > 0)
            addListRow({Entry::NftMoreElements, -1, -1, int(si)}, tr("nft elements not listed"), label,
                       tr("... and %n more element difference(s) (%1 added, %2 removed, %3 changed in all)", nullptr, more)
                           .arg(sp.added).arg(sp.removed).arg(sp.changed),
                       QString(), m_theme.diffChanged);
    }
}

QString CompareWindow::nftChainListing(int side, int chain, int rule) const
{
    if (chain < 0)
        return QStringLiteral("<i>%1</i>").arg(tr("(none)"));
    const nft::NftRuleset &n = nftSide(side);
    const nft::Chain &c = n.chains[size_t(chain)];
    QString head = QStringLiteral("chain ") + text::q(c.name) + QStringLiteral(" {\n");
    if (c.base) {
        head += QStringLiteral("    type ") + text::q(c.type) + QStringLiteral(" hook ") + text::q(nft::hookName(c.hook));
        if (!c.device.empty())
            head += QStringLiteral(" device ") + text::q(c.device);
        head += QStringLiteral(" priority ")
                + (c.priorityWritten.empty() ? nft::priorityText(c.priority, n.tables[size_t(c.table)].family)
                                             : text::q(c.priorityWritten))
                + (c.policyDrop ? QStringLiteral("; policy drop;\n") : QStringLiteral("; policy accept;\n"));
    }
    // A window of rules around the one that differs: kube-proxy chains hold thousands.
    constexpr int around = 4;
    const int count = int(c.rules.size());
    const int first = rule < 0 ? 0 : std::max(0, rule - around);
    const int last = rule < 0 ? std::min(count, 2 * around) : std::min(count, rule + around + 1);
    QString html = QStringLiteral("<pre style=\"margin:0\">") + head.toHtmlEscaped();
    if (first > 0)
        html += QStringLiteral("    ") + tr("... %n rule(s) before", nullptr, first).toHtmlEscaped() + QLatin1Char('\n');
    for (int i = first; i < last; ++i) {
        const QString line = QStringLiteral("    ") + text::q(c.rules[size_t(i)].text).trimmed();
        if (i == rule)
            html += QStringLiteral("<b style=\"background-color:%1\">").arg(m_theme.diffChanged.name()) + line.toHtmlEscaped()
                    + QStringLiteral("</b>");
        else
            html += line.toHtmlEscaped();
        html += QLatin1Char('\n');
    }
    if (last < count)
        html += QStringLiteral("    ") + tr("... %n more rule(s)", nullptr, count - last).toHtmlEscaped() + QLatin1Char('\n');
    return html + QStringLiteral("}</pre>");
}

QString CompareWindow::entryDetail(int index) const
{
    const Entry &e = m_entries[size_t(index)];
    const auto cell = [this, index](int column) { return m_listModel->index(index, column).data().toString(); };
    QString html = QStringLiteral("<p><b>%1</b><br>%2</p>").arg(cell(0).toHtmlEscaped(), cell(1).toHtmlEscaped());
    const auto sides = [&](const QString &left, const QString &right) {
        html += QStringLiteral("<p><b>%1</b></p>%2<p><b>%3</b></p>%4")
                    .arg(tr("%1 (left)").arg(sideName(0)).toHtmlEscaped(), left,
                         tr("%1 (right)").arg(sideName(1)).toHtmlEscaped(), right);
    };
    const QString none = QStringLiteral("<i>%1</i>").arg(tr("(none)"));
    const auto orNone = [&none](const QString &text) { return text.isEmpty() ? none : pre(text); };
    switch (e.kind) {
    case Entry::NftRule: {
        const NftRuleDiff &d = m_nftDiff.rules[size_t(e.nft)];
        const NftChainPair &cp = m_nftDiff.chains[size_t(d.pair)];
        sides(nftChainListing(0, cp.left, d.left), nftChainListing(1, cp.right, d.right));
        break;
    }
    case Entry::NftChain:
    case Entry::NftChainChange: {
        const int pair = e.kind == Entry::NftChain ? e.nft : m_nftDiff.chainChanges[size_t(e.nft)].pair;
        const NftChainPair &cp = m_nftDiff.chains[size_t(pair)];
        sides(nftChainListing(0, cp.left, -1), nftChainListing(1, cp.right, -1));
        break;
    }
    case Entry::NftSet: {
        // The set's first elements, as nft lists them.
        const NftSetPair &sp = m_nftDiff.sets[size_t(e.nft)];
        const auto elements = [this](int side, int set) {
            if (set < 0)
                return QStringLiteral("<i>%1</i>").arg(tr("(none)"));
            const nft::Set &s = nftSide(side).sets[size_t(set)];
            QStringList lines;
            for (size_t i = 0; i < s.elements.size() && i < 20; ++i)
                lines << text::q(s.elements[i].text).trimmed();
            if (s.elements.size() > 20)
                lines << tr("... %n more element(s)", nullptr, int(s.elements.size()) - 20);
            return pre(lines.join(QLatin1Char('\n')));
        };
        sides(elements(0, sp.left), elements(1, sp.right));
        break;
    }
    default:
        sides(orNone(cell(2)), orNone(cell(3)));
        break;
    }
    return html;
}

void CompareWindow::showNftEntry(const Entry &entry)
{
    // Both graphs at the nft chain (and rule) the entry names; a set shows in the detail pane.
    m_detail->parentWidget()->show();
    const NftDiffResult &d = m_nftDiff;
    int pair = -1, left = -1, right = -1;
    switch (entry.kind) {
    case Entry::NftChain:
    case Entry::NftChainChange:
        pair = entry.kind == Entry::NftChain ? entry.nft : d.chainChanges[size_t(entry.nft)].pair;
        break;
    case Entry::NftRule:
        pair = d.rules[size_t(entry.nft)].pair;
        left = d.rules[size_t(entry.nft)].left;
        right = d.rules[size_t(entry.nft)].right;
        break;
    default:
        return;
    }
    if (pair < 0 || pair >= int(d.chains.size()))
        return;
    const NftChainPair &cp = d.chains[size_t(pair)];
    // A rule on one side only: the other graph shows its chain, at the neighbouring rule.
    m_view->showRules(ChainCard::NftTable, cp.left, cp.left >= 0 ? left : -1, ChainCard::NftTable, cp.right,
                      cp.right >= 0 ? right : -1);
}

void CompareWindow::updateSummary()
{
    const int nft = m_nftDiff.differences();
    const int all = differences();
    if (nft == 0)
        m_summary->setText(tr("%1 vs %2: %n difference(s)", nullptr, all).arg(sideName(0), sideName(1)));
    else
        m_summary->setText(tr("%1 vs %2: %n difference(s) (%3 iptables, %4 nftables)", nullptr, all)
                               .arg(sideName(0), sideName(1))
                               .arg(all - nft)
                               .arg(nft));
}

} // namespace chainscope
