#include "tracecontroller.h"
#include "text.h"

#include "blastradius.h"
#include "branchpanel.h"
#include "explanationpanel.h"
#include "pathedgeitem.h"
#include "calloutitem.h"
#include "candidatepalette.h"
#include "chaincard.h"
#include "chainscene.h"
#include "chainview.h"
#include "dumpview.h"
#include "editcommands.h"
#include "explain.h"
#include "mainwindow.h"
#include "nftpanel.h"
#include "nftexplain.h"
#include "nftruleset.h"
#include "nodestrip.h"
#include "packetmarker.h"
#include "packetpanel.h"
#include "traceanimator.h"
#include "tracedocument.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace chainscope {

namespace {

/** The tuple without the interfaces, for "old -> new" and the callout. */
PacketState bare(PacketState p)
{
    p.inIface.clear();
    p.outIface.clear();
    return p;
}

bool isNftStep(const Step &s)
{
    return s.kind == Step::NftRule || s.kind == Step::NftPolicy || s.kind == Step::NftChainEnd;
}

/** A step drawn on a card: an iptables chain's, or an nft chain's (ChainCard::NftTable). */
bool isCardStep(const Step &s)
{
    return s.chain >= 0
            && (s.kind == Step::RuleEval || s.kind == Step::RuleRange || s.kind == Step::Policy || s.kind == Step::ChainEnd
                || isNftStep(s));
}

/** The table of the card a step is drawn on. */
TableId cardTable(const Step &s)
{
    return isNftStep(s) ? ChainCard::NftTable : s.table;
}
} // namespace

TraceController::TraceController(MainWindow *window, QUndoStack *undoStack)
    : QObject(window), m_window(window), m_undo(undoStack)
{
    m_theme = Theme::fromPalette(window->palette());
    m_doc = new TraceDocument(this);
    m_animator = new TraceAnimator(this);
    createDocks();
    createActions();

    ChainScene *scene = window->chainScene();
    // Rules dragged from the palette (and candidate rows) drop on the graph; file drops
    // the scene does not take still reach the window (ignored drag events propagate).
    window->chainView()->viewport()->setAcceptDrops(true);
    window->chainView()->setAcceptDrops(true);

    connect(window, &MainWindow::scenarioLoaded, this, &TraceController::onScenarioLoaded);
    connect(window, &MainWindow::currentNodeChanged, this, &TraceController::onNodeShown);
    connect(m_doc, &TraceDocument::changed, this, &TraceController::onDocumentChanged);
    connect(scene, &ChainScene::rulesetAboutToChange, this, [this] {
        // The scene is about to delete every item, ours too.
        m_marker = nullptr;
        m_callout = nullptr;
        m_rewrite = nullptr;
        m_pathEdges.clear();
        m_traceCard.reset();
        m_verdictCard.reset();
    });
    connect(scene, &ChainScene::rulesetChanged, this, &TraceController::onRulesetChanged);
    connect(scene, &ChainScene::layoutChanged, this, &TraceController::applyGraphMarks);
    connect(scene, &ChainScene::ruleDropped, this, &TraceController::onRuleDropped);
    connect(scene, &ChainScene::policyDropped, this, &TraceController::onPolicyDropped);
    connect(scene, &ChainScene::candidateMoved, this, &TraceController::onCandidateMoved);
    connect(scene, &ChainScene::ruleActivated, this, &TraceController::startInlineEdit);
    connect(m_panel, &PacketPanel::traceRequested, this, &TraceController::traceSpec);
    connect(m_animator, &TraceAnimator::stopChanged, this, &TraceController::onStop);
    connect(m_animator, &TraceAnimator::positionChanged, this, &TraceController::onPosition);
    connect(m_strip, &NodeStrip::nodeClicked, window, &MainWindow::setCurrentNode);
    onRulesetChanged();
}

TraceController::~TraceController() = default;

QTreeWidget *TraceController::branchTree() const
{
    return m_branchPanel->tree();
}

QListWidget *TraceController::explanationList() const
{
    return m_explanation->list();
}

QLabel *TraceController::verdictLabel() const
{
    return m_explanation->verdictLabel();
}

QLabel *TraceController::blastLabel() const
{
    return m_explanation->blastLabel();
}

// ---------------------------------------------------------------------------------------
// Widgets and actions

void TraceController::createDocks()
{
    MainWindow *w = m_window;
    m_panel = new PacketPanel(w);
    m_panel->setTheme(m_theme);
    auto *packetDock = new QDockWidget(w);
    packetDock->setObjectName(QStringLiteral("packetDock"));
    packetDock->setWidget(m_panel);
    w->addDockWidget(Qt::RightDockWidgetArea, packetDock);

    m_branchPanel = new BranchPanel(w);
    m_branchPanel->setTheme(m_theme);
    auto *branchDock = new QDockWidget(w);
    branchDock->setObjectName(QStringLiteral("branchDock"));
    branchDock->setWidget(m_branchPanel);
    w->addDockWidget(Qt::RightDockWidgetArea, branchDock);
    connect(m_branchPanel, &BranchPanel::branchSelected, this, [this](int b) {
        if (b != m_branch)
            showBranch(b);
    });
    connect(m_branchPanel, &BranchPanel::pinRequested, this, &TraceController::pinCurrentBranch);
    connect(m_branchPanel, &BranchPanel::unpinRequested, this, &TraceController::clearPins);

    m_explanation = new ExplanationPanel(w);
    m_explanation->setTheme(m_theme);
    auto *explainDock = new QDockWidget(w);
    explainDock->setObjectName(QStringLiteral("explainDock"));
    explainDock->setWidget(m_explanation);
    w->addDockWidget(Qt::RightDockWidgetArea, explainDock);

    m_palette = new CandidatePalette(w);
    m_palette->setTheme(m_theme);
    auto *paletteDock = new QDockWidget(w);
    paletteDock->setObjectName(QStringLiteral("paletteDock"));
    paletteDock->setWidget(m_palette);
    // Left, under the scenario tree: near the graph it is dragged onto, and the right side
    // keeps its height for the explanation.
    w->addDockWidget(Qt::LeftDockWidgetArea, paletteDock);
    connect(m_palette, &QListWidget::activated, this, [this](const QModelIndex &index) { insertTemplate(index.row()); });

    m_steps = new QListWidget(w);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_steps->setFont(mono);
    auto *stepsDock = new QDockWidget(w);
    // The View/Trace menu entries are the docks' toggle actions: they take these titles.
    m_tr.add([=, this] {
        packetDock->setWindowTitle(tr("Packet"));
        branchDock->setWindowTitle(tr("Branches"));
        explainDock->setWindowTitle(tr("Explanation"));
        paletteDock->setWindowTitle(tr("Candidate Rules"));
        stepsDock->setWindowTitle(tr("Steps"));
        m_steps->setToolTip(tr("Every step of the selected branch, as TRACE prints it; select one to move the packet there"));
    });
    stepsDock->setObjectName(QStringLiteral("stepsDock"));
    stepsDock->setWidget(m_steps);
    w->addDockWidget(Qt::BottomDockWidgetArea, stepsDock);
    connect(m_steps, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row != m_animator->currentStop())
            m_animator->goToStop(row);
    });

    // nftables: the hooks' pipelines, regular chains, sets and maps of the node shown.
    m_nft = new NftPanel(w);
    auto *nftDock = new QDockWidget(w);
    nftDock->setObjectName(QStringLiteral("nftDock"));
    nftDock->setWidget(m_nft);
    w->addDockWidget(Qt::LeftDockWidgetArea, nftDock);
    // A tab beside the scenario tree: the column's full height, for hooks and long rules.
    if (auto *scenarioDock = w->findChild<QDockWidget *>(QStringLiteral("scenarioDock"))) {
        w->tabifyDockWidget(scenarioDock, nftDock);
        scenarioDock->raise();
    }
    m_tr.add([nftDock] { nftDock->setWindowTitle(tr("nftables")); });
    connect(m_nft, &NftPanel::editRequested, this, [this](const Edit &e) {
        QString error;
        m_nft->showMessage(submitEdit(e, &error) ? QString() : tr("Refused: %1").arg(error));
    });
    // nft cards in the graph act through the dock: a click makes the rule the dock's current
    // item (what Delete, Ctrl+P and a lesson's pick act on); a drop is the dock's insert.
    ChainScene *scene = w->chainScene();
    connect(scene, &ChainScene::nftClicked, this, [this](int chain, int rule) {
        m_nft->selectItem(chain, rule);
        if (const Scenario *sc = m_window->scenario(); sc && m_window->currentNode() >= 0)
            if (const auto &n = sc->nodes[size_t(m_window->currentNode())].rules.nft; n && size_t(chain) < n->chains.size()) {
                const nft::Chain &c = n->chains[size_t(chain)];
                const SourceLoc loc = rule >= 0 && rule < int(c.rules.size()) ? c.rules[size_t(rule)].loc : c.loc;
                if (loc.file >= 0 && loc.line > 0)
                    m_window->dumpView()->showLine(loc.file, loc.line);
            }
    });
    connect(scene, &ChainScene::nftRuleDropped, this, [this](int chain, int position, const QString &text) {
        const auto &cards = m_window->chainScene();
        ChainCard *card = cards->card(ChainCard::NftTable, chain);
        // The item before which the rule goes, or the chain's (the end).
        QTreeWidgetItem *item = card && position <= card->ruleCount() ? m_nft->itemFor(chain, position - 1) : m_nft->itemFor(chain);
        Edit e;
        QString error;
        if (!m_nft->insertEditAt(item, text, e, error) || !submitEdit(e, &error)) {
            m_nft->showMessage(tr("Refused: %1").arg(error));
            m_window->statusBar()->showMessage(tr("Refused: %1").arg(error), 8000);
        }
    });
    connect(scene, &ChainScene::nftCandidateMoved, this, &TraceController::onNftCandidateMoved);
    connect(scene, &ChainScene::nftPolicyDropped, this, [this](int chain, bool drop) {
        const ChainScene *sc = m_window->chainScene();
        const Ruleset *rs = sc->ruleset();
        if (!rs || !rs->nft || size_t(chain) >= rs->nft->chains.size() || rs->nft->chains[size_t(chain)].policyDrop == drop)
            return;
        m_nft->selectItem(chain, -1);
        m_nft->togglePolicy();
    });

    w->tabifyDockWidget(packetDock, branchDock);
    // The packet form takes 350 pixels of height; in a window of 900 or less (the default on
    // any screen) the explanation under it was left a sliver. They share the column as tabs,
    // and a trace shows the explanation (showBranch raises it); a dock can be dragged out.
    w->tabifyDockWidget(branchDock, explainDock);
    packetDock->raise();
    w->resizeDocks({packetDock}, {420}, Qt::Horizontal);

    m_strip = new NodeStrip(w);
    m_strip->setTheme(m_theme);
}

void TraceController::createActions()
{
    MainWindow *w = m_window;
    QMenu *edit = new QMenu(w);
    QMenu *trace = new QMenu(w);
    edit->setObjectName(QStringLiteral("editMenu"));
    trace->setObjectName(QStringLiteral("traceMenu"));
    m_tr.add([edit, trace] {
        edit->setTitle(tr("&Edit"));
        trace->setTitle(tr("&Trace"));
    });
    const QList<QAction *> top = w->menuBar()->actions();
    QAction *before = top.size() > 1 ? top.at(1) : nullptr;
    w->menuBar()->insertMenu(before, edit);
    w->menuBar()->insertMenu(before, trace);

    // Not QUndoStack::createUndoAction(): its prefix is fixed when made, and these follow the
    // language ("&Undo Insert ...", worded the same way).
    auto *undo = new QAction(this);
    auto *redo = new QAction(this);
    undo->setEnabled(m_undo->canUndo());
    redo->setEnabled(m_undo->canRedo());
    connect(m_undo, &QUndoStack::canUndoChanged, undo, &QAction::setEnabled);
    connect(m_undo, &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
    connect(undo, &QAction::triggered, m_undo, &QUndoStack::undo);
    connect(redo, &QAction::triggered, m_undo, &QUndoStack::redo);
    const auto undoTexts = [this, undo, redo] {
        const QString u = m_undo->undoText();
        const QString r = m_undo->redoText();
        undo->setText(u.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(u));
        redo->setText(r.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(r));
    };
    connect(m_undo, &QUndoStack::undoTextChanged, this, undoTexts);
    connect(m_undo, &QUndoStack::redoTextChanged, this, undoTexts);
    m_tr.add(undoTexts);
    undo->setShortcut(QKeySequence::Undo);
    // The platform's Redo keys (Ctrl+Shift+Z on Linux desktops), each once: the same key
    // twice on one action is an "ambiguous shortcut overload" and does nothing. Ctrl+Y too,
    // as Windows habits and KDE have it; nothing else here uses it.
    QList<QKeySequence> redoKeys;
    for (const QKeySequence &k : QKeySequence::keyBindings(QKeySequence::Redo) + QList<QKeySequence>{
                                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)})
        if (!redoKeys.contains(k))
            redoKeys << k;
    redo->setShortcuts(redoKeys);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();

    ChainView *view = w->chainView();
    auto graphAction = [&](auto text, const QKeySequence &key, auto slot) {
        auto *a = new QAction(this);
        m_tr.add([a, text] { a->setText(text()); });
        a->setShortcut(key);
        // Only while the graph has the focus: Delete and F2 belong to text fields elsewhere.
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        view->addAction(a);
        edit->addAction(a);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    graphAction([] { return tr("&Edit Candidate Rule"); }, QKeySequence(Qt::Key_F2), [this] {
        startInlineEdit(m_window->chainScene()->selectedRule());
    });
    graphAction([] { return tr("Re&move Rule"); }, QKeySequence::Delete, [this] { removeSelectedRule(); });
    graphAction([] { return tr("M&ove Candidate Up"); }, QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Up),
                [this] { moveSelectedCandidate(-1); });
    graphAction([] { return tr("Move Candidate &Down"); }, QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Down),
                [this] { moveSelectedCandidate(1); });
    QAction *policy = edit->addAction(QString(), this, &TraceController::toggleSelectedPolicy);
    policy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    QAction *insert = edit->addAction(QString(), this, [this] { insertTemplate(m_palette->currentRow()); });
    insert->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    edit->addSeparator();
    QAction *copy = edit->addAction(QString(), this, &TraceController::copyCommands);
    m_tr.add([policy, insert, copy] {
        policy->setText(tr("Toggle Chain &Policy"));
        policy->setToolTip(tr("ACCEPT <-> DROP on the selected built-in chain (or the chain of the verdict)"));
        insert->setText(tr("&Insert Selected Candidate"));
        copy->setText(tr("&Copy as Commands"));
    });
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    view->addAction(copy);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_traceAction = trace->addAction(QString(), this, [this] {
        if (m_panel->isValid())
            traceSpec(m_panel->spec());
    });
    m_traceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_traceAction->setEnabled(m_panel->isValid());
    connect(m_panel, &PacketPanel::validityChanged, m_traceAction, &QAction::setEnabled);
    trace->addSeparator();
    m_playAction = trace->addAction(w->style()->standardIcon(QStyle::SP_MediaPlay), QString(), m_animator,
                                    &TraceAnimator::togglePlay);
    m_playAction->setShortcut(QKeySequence(Qt::Key_Space));
    QAction *back = trace->addAction(w->style()->standardIcon(QStyle::SP_MediaSeekBackward), QString(),
                                     m_animator, &TraceAnimator::stepBack);
    back->setShortcuts({QKeySequence(Qt::ALT | Qt::Key_Left), QKeySequence(Qt::CTRL | Qt::Key_Left)});
    QAction *forward = trace->addAction(w->style()->standardIcon(QStyle::SP_MediaSeekForward), QString(),
                                        m_animator, &TraceAnimator::stepForward);
    forward->setShortcuts({QKeySequence(Qt::ALT | Qt::Key_Right), QKeySequence(Qt::CTRL | Qt::Key_Right)});
    QAction *restart = trace->addAction(w->style()->standardIcon(QStyle::SP_MediaSkipBackward), QString(),
                                        m_animator, &TraceAnimator::restart);
    restart->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    QAction *end = trace->addAction(w->style()->standardIcon(QStyle::SP_MediaSkipForward), QString(), this,
                                    [this] { m_animator->goToStop(m_animator->stopCount() - 1); });
    end->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *faster = trace->addAction(QString(), this, [this] { m_speed->setCurrentIndex(std::min(m_speed->count() - 1, m_speed->currentIndex() + 1)); });
    faster->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_BracketRight));
    QAction *slower = trace->addAction(QString(), this, [this] { m_speed->setCurrentIndex(std::max(0, m_speed->currentIndex() - 1)); });
    slower->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_BracketLeft));
    trace->addSeparator();
    QAction *pin = trace->addAction(QString(), this, &TraceController::pinCurrentBranch);
    pin->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P));
    QAction *unpin = trace->addAction(QString(), this, &TraceController::clearPins);
    m_tr.add([=, this] {
        m_traceAction->setText(tr("&Trace Packet"));
        m_playAction->setText(tr("&Play / Pause"));
        back->setText(tr("Step &Back"));
        forward->setText(tr("Step &Forward"));
        restart->setText(tr("&Restart"));
        end->setText(tr("Go to &Verdict"));
        faster->setText(tr("F&aster"));
        slower->setText(tr("S&lower"));
        pin->setText(tr("P&in Branch"));
        unpin->setText(tr("U&npin"));
    });
    connect(m_animator, &TraceAnimator::playingChanged, this, [this, w](bool playing) {
        m_playAction->setIcon(w->style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    });

    QToolBar *bar = w->addToolBar(QString());
    bar->setObjectName(QStringLiteral("traceToolBar"));
    bar->addAction(m_traceAction);
    bar->addSeparator();
    bar->addAction(restart);
    bar->addAction(back);
    bar->addAction(m_playAction);
    bar->addAction(forward);
    bar->addAction(end);
    auto *speedLabel = new QLabel(bar);
    m_speed = new QComboBox(bar);
    for (double f : {0.25, 0.5, 1.0, 2.0, 4.0})
        m_speed->addItem(QString(), f);
    m_speed->setCurrentIndex(2);
    speedLabel->setBuddy(m_speed);
    bar->addWidget(speedLabel);
    bar->addWidget(m_speed);
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_animator->setSpeed(m_speed->itemData(i).toDouble()); });
    // The node strip on a row of its own: the whole width for the nodes and their hops,
    // whatever the toolbars before it take.
    w->addToolBarBreak();
    QToolBar *path = w->addToolBar(QString());
    m_tr.add([this, bar, speedLabel, path] {
        bar->setWindowTitle(tr("Trace"));
        speedLabel->setText(tr(" &Speed: "));
        for (int i = 0; i < m_speed->count(); ++i)
            m_speed->setItemText(i, tr("%1\u00d7").arg(m_speed->itemData(i).toDouble()));
        path->setWindowTitle(tr("Path"));
    });
    path->setObjectName(QStringLiteral("pathToolBar"));
    path->addWidget(m_strip);

    // The docks: View menu entries with shortcuts.
    trace->addSeparator();
    const char *const docks[] = {"packetDock", "branchDock", "explainDock", "paletteDock", "stepsDock", "nftDock"};
    int n = 4;
    for (const char *name : docks) {
        if (auto *dock = w->findChild<QDockWidget *>(QLatin1String(name))) {
            QAction *toggle = dock->toggleViewAction();
            toggle->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + n++)));
            trace->addAction(toggle);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Scenario, document, scene

QString TraceController::nodeName(int node) const
{
    const Scenario &sc = m_doc->edited();
    return node >= 0 && node < int(sc.nodes.size()) ? sc.nodes[size_t(node)].name : QString();
}

void TraceController::onScenarioLoaded()
{
    const Scenario *sc = m_window->scenario();
    if (!sc)
        return;
    cancelInlineEdit();
    m_undo->clear();
    m_trace.reset();
    m_before.reset();
    m_spec.reset();
    m_options = {};
    m_branch = -1;
    m_stop = -1;
    m_doc->setOriginal(m_window->sharedScenario());
    m_panel->setScenario(&m_doc->original());
    QStringList names;
    for (const Node &n : sc->nodes)
        names << n.name;
    m_strip->setNodes(names);
    m_strip->setCurrentNode(m_window->currentNode());
    m_branchPanel->clear();
    m_steps->clear();
    m_explanation->clear();
    m_palette->setTemplates({});
    m_animator->setStopCount(0);
    refreshNft();
    applyGraphMarks();
}

void TraceController::refreshNft()
{
    const int node = m_window->currentNode();
    const Scenario *sc = m_doc->isEmpty() ? m_window->scenario() : &m_doc->edited();
    m_nft->setNode(sc, node, m_theme);
    m_nft->showBranch(m_trace && m_branch >= 0 && m_branch < int(m_trace->branches.size()) ? &m_trace->branches[size_t(m_branch)]
                                                                                           : nullptr);
    // Shown and brought to the front of its tab group where the node has nft tables, once per
    // node shown: the pipeline of a hook is read there. Left as the user set it otherwise.
    auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("nftDock"));
    const bool any = m_nft->hasTables();
    if (dock && any && node != m_nftRaisedFor) {
        dock->show();
        dock->raise();
    }
    if (!any && m_nftRaisedFor >= 0)
        if (auto *scenarioDock = m_window->findChild<QDockWidget *>(QStringLiteral("scenarioDock")))
            scenarioDock->raise();
    m_nftRaisedFor = any ? node : -1;
}

void TraceController::onNodeShown(int node)
{
    m_strip->setCurrentNode(node);
    refreshNft();
    if (m_doc->isEmpty() || m_doc->edits().empty() || node < 0)
        return;
    // The window shows the rules as loaded; with edits, the graph shows the edited rules.
    m_window->chainScene()->setRuleset(&m_doc->edited().nodes[size_t(node)].rules, m_theme);
}

void TraceController::onDocumentChanged()
{
    cancelInlineEdit();
    const int node = m_window->currentNode();
    if (node >= 0 && m_window->scenario()) {
        const Ruleset *target = m_doc->edits().empty() ? &m_window->scenario()->nodes[size_t(node)].rules
                                                       : &m_doc->edited().nodes[size_t(node)].rules;
        // The edited scenario was rebuilt: the scene must not keep pointing into the old one.
        if (!(m_doc->edits().empty() && m_window->chainScene()->ruleset() == target))
            m_window->chainScene()->setRuleset(target, m_theme);
    }
    updateBlastRadius();
    retrace();
    refreshNft();
}

void TraceController::onRulesetChanged()
{
    ChainScene *scene = m_window->chainScene();
    m_traceCard.reset();
    m_verdictCard.reset();
    m_marker = new PacketMarker(m_theme.marker, m_theme.markerText);
    m_marker->setVisible(false);
    scene->addItem(m_marker);
    m_callout = new CalloutItem(m_theme.calloutBackground, m_theme.calloutBorder, m_theme.calloutText, ChainCard::Width - 30, 15);
    m_callout->setVisible(false);
    scene->addItem(m_callout);
    m_rewrite = new CalloutItem(m_theme.rewriteBackground, m_theme.marker, m_theme.rewriteText, 270, 13);
    m_rewrite->setVisible(false);
    scene->addItem(m_rewrite);
    if (!m_switchingNode)
        applyGraphMarks();
}

// ---------------------------------------------------------------------------------------
// The story of a scenario (first start)

bool TraceController::showStory()
{
    const Scenario *sc = m_window->scenario();
    if (m_doc->isEmpty() || !sc || sc->packets.empty() || m_trace)
        return false;
    if (!m_panel->selectPreset(sc->packets.front().name))
        return false;
    traceSpec(m_panel->spec());
    if (!branch())
        return false;
    // The packet stands at its verdict on the node where it ended (onStop); show that
    // hook's lane at a zoom where the rows can be read.
    showVerdictLane();
    return true;
}

void TraceController::showVerdictLane()
{
    const Branch *b = branch();
    ChainView *view = m_window->chainView();
    if (!b || b->verdict.node != m_window->currentNode() || b->steps.empty())
        return;
    // The lane: the built-in cards of the hook where the packet ended, the chains it jumped
    // into there, and the verdict's callout.
    const Hook hook = b->steps.back().hook;
    QRectF lane;
    QRectF verdictRow;
    for (const Step &s : b->steps) {
        if (s.node != b->verdict.node || s.hook != hook || !isCardStep(s))
            continue;
        if (ChainCard *card = cardOf(s.node, cardTable(s), s.chain); card && card->isVisible())
            lane |= card->sceneBoundingRect();
    }
    if (m_verdictCard)
        if (ChainCard *card = m_window->chainScene()->card(m_verdictCard->first, m_verdictCard->second))
            verdictRow = card->mapRectToScene(card->rowRect(std::max(0, card->verdictRow())));
    if (m_callout && m_callout->isVisible())
        lane |= m_callout->mapRectToScene(m_callout->boxRect());
    if (lane.isEmpty())
        return;
    lane.adjust(-40, -20, 20, 20);
    // As much of the lane as fits at a readable zoom (rows legible), never smaller.
    const QSizeF port = view->viewport()->size();
    const qreal fit = std::min(port.width() / lane.width(), port.height() / lane.height());
    view->setZoom(std::clamp(fit, 0.8, 1.0));
    view->centerOn(lane.center());
    // Too tall or wide for that: the lane's left edge and the verdict stay in view.
    view->ensureVisible(QRectF(lane.left(), lane.top(), 1, 1), 0, 0);
    if (!verdictRow.isEmpty())
        view->ensureVisible(verdictRow, 40, 40);
    if (m_callout && m_callout->isVisible())
        view->ensureVisible(m_callout->mapRectToScene(m_callout->boxRect()), 10, 10);
}

// ---------------------------------------------------------------------------------------
// Tracing

void TraceController::traceSpec(const PacketSpec &spec)
{
    if (m_doc->isEmpty())
        return;
    const bool newPacket = !m_spec || m_spec->describe() != spec.describe() || m_spec->fromNode != spec.fromNode
                           || m_spec->inIface != spec.inIface;
    m_spec = spec;
    if (newPacket) {
        m_options.pins.clear();
        m_branch = -1;
    }
    retrace();
}

const Branch *TraceController::branch() const
{
    return m_trace && m_branch >= 0 && m_branch < int(m_trace->branches.size()) ? &m_trace->branches[size_t(m_branch)]
                                                                              : nullptr;
}

int TraceController::branchTo(const Address &dst) const
{
    if (!m_trace)
        return -1;
    for (size_t i = 0; i < m_trace->branches.size(); ++i)
        if (!m_trace->branches[i].packets.empty() && m_trace->branches[i].packets.back().dst == dst)
            return int(i);
    return -1;
}

void TraceController::retrace()
{
    if (!m_spec || m_doc->isEmpty())
        return;
    std::optional<Address> keep;
    if (const Branch *b = branch(); b && !b->packets.empty())
        keep = b->packets.back().dst;
    m_trace = Simulator::trace(m_doc->edited(), *m_spec, m_options);
    if (m_doc->edits().empty())
        m_before.reset();
    else
        m_before = Simulator::trace(m_doc->original(), *m_spec, m_options);
    int choose = keep ? branchTo(*keep) : -1;
    if (choose < 0)
        choose = firstBranchToShow(*m_trace, &m_doc->edited());
    m_branch = -1;
    m_branchPanel->setTrace(m_doc->edited(), *m_trace);
    showBranch(std::max(0, choose));
}

int TraceController::firstBranchToShow(const Trace &trace, const Scenario *scenario)
{
    // The branch worth looking at first is the one that fails: a drop outranks a delivery.
    // Among equals, the one the node's counters show real packets taking (the rules it
    // matched on the node where it ended counted them: the LOG rules the incident's author
    // added on node02), then the likelier one, then the first.
    const auto rank = [](Verdict::Kind k) {
        switch (k) {
        case Verdict::Drop:
        case Verdict::Reject: return 0;
        case Verdict::NoRoute: return 1;
        case Verdict::Uncertain: return 2;
        case Verdict::Queue: return 3;
        case Verdict::Delivered:
        case Verdict::AcceptLocal: return 4;
        }
        return 4;
    };
    const auto evidence = [scenario](const Branch &b) {
        quint64 packets = 0;
        if (!scenario || b.verdict.node < 0 || b.verdict.node >= int(scenario->nodes.size()))
            return packets;
        const Ruleset &rs = scenario->nodes[size_t(b.verdict.node)].rules;
        for (const Step &s : b.steps)
            if (s.node == b.verdict.node && s.kind == Step::RuleEval && s.matched && s.chain >= 0 && s.rule >= 0) {
                const Chain &c = rs.table(s.table).chains[size_t(s.chain)];
                if (s.rule < int(c.rules.size()))
                    packets += c.rules[size_t(s.rule)].packets;
            }
        return packets;
    };
    int best = -1;
    quint64 bestEvidence = 0;
    for (size_t i = 0; i < trace.branches.size(); ++i) {
        const Branch &b = trace.branches[i];
        const quint64 e = evidence(b);
        bool better = best < 0;
        if (!better) {
            const Branch &o = trace.branches[size_t(best)];
            const int rb = rank(b.verdict.kind), ro = rank(o.verdict.kind);
            better = rb < ro || (rb == ro && (e > bestEvidence || (e == bestEvidence && b.probability > o.probability + 1e-9)));
        }
        if (better) {
            best = int(i);
            bestEvidence = e;
        }
    }
    return best;
}

void TraceController::selectBranch(int b)
{
    if (m_trace && b >= 0 && b < int(m_trace->branches.size()))
        showBranch(b);
}

void TraceController::showBranch(int index)
{
    if (!m_trace || index < 0 || index >= int(m_trace->branches.size()))
        return;
    m_branch = index;
    const Branch &b = m_trace->branches[size_t(index)];
    const Scenario &sc = m_doc->edited();
    m_branchPanel->setCurrentBranch(index);
    m_nft->showBranch(&b);
    {
        const QSignalBlocker blocker(m_steps);
        m_steps->clear();
        for (size_t k = 0; k < b.steps.size(); ++k) {
            QString line = QString::number(k + 1).rightJustified(3) + QLatin1String("  ") + Explain::stepLine(sc, b, b.steps[k]);
            const QString rewrite = rewriteText(int(k));
            if (!rewrite.isEmpty())
                line += QStringLiteral("\n       \u21b3 ") + rewrite;
            auto *item = new QListWidgetItem(line, m_steps);
            if (!rewrite.isEmpty())
                item->setForeground(m_theme.hlTarget);
        }
        if (m_steps->count() > 0)
            m_steps->item(m_steps->count() - 1)->setForeground(m_theme.verdictLook(b.verdict.kind).colour);
    }
    std::vector<NodeStrip::Hop> hops;
    for (size_t k = 1; k < b.nodeEntries.size(); ++k) {
        NodeStrip::Hop h;
        h.from = b.nodeEntries[k - 1].first;
        h.to = b.nodeEntries[k].first;
        const int step = b.nodeEntries[k].second;
        if (step >= 0 && step < int(b.steps.size()))
            h.via = b.packets[size_t(b.steps[size_t(step)].packet)].inIface;
        hops.push_back(h);
    }
    m_strip->setHops(hops, b.verdict.node, b.verdict.kind);
    updateExplanation();
    updateTemplates();
    if (m_retranslating) {
        // The same path in other words: the packet stays where it stands, the view too.
        if (m_stop >= 0 && m_stop < m_steps->count()) {
            const QSignalBlocker blocker(m_steps);
            m_steps->setCurrentRow(m_stop);
        }
        applyGraphMarks();
        return;
    }
    if (auto *dock = qobject_cast<QDockWidget *>(m_explanation->parentWidget()); dock && !dock->isFloating())
        dock->raise();
    // A new path: the packet stands at its verdict, where the answer is; Restart plays it.
    m_stop = -1;
    m_switchingNode = true;   // no node switches for the intermediate stop 0
    {
        const QSignalBlocker blocker(m_animator);
        m_animator->setStopCount(int(b.steps.size()));
    }
    m_switchingNode = false;
    m_animator->goToStop(int(b.steps.size()) - 1);
}

bool TraceController::event(QEvent *event)
{
    // Sent by the window to its children after its own changeEvent().
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    return QObject::event(event);
}

void TraceController::retranslateUi()
{
    m_tr.retranslate();
    if (!m_explanation->blastLabel()->text().isEmpty())   // said once something changed the rules
        updateBlastRadius();
    if (!m_trace || !m_spec || m_doc->isEmpty())
        return;
    // The engine words steps, misses and warnings as it traces: trace again in the language
    // now installed. The same rules, packet and pins give the same branches, so the branch
    // and the step shown stay.
    const int shown = m_branch;
    m_trace = Simulator::trace(m_doc->edited(), *m_spec, m_options);
    if (m_before)
        m_before = Simulator::trace(m_doc->original(), *m_spec, m_options);
    if (shown < 0 || shown >= int(m_trace->branches.size()))
        return;
    m_branchPanel->setTrace(m_doc->edited(), *m_trace);
    m_retranslating = true;
    showBranch(shown);
    m_retranslating = false;
}

QString TraceController::rewriteText(int k, bool concise) const
{
    // On the graph only what changed, one line each (as the export draws it); in the steps
    // list the whole packet before and after.
    const Branch *b = branch();
    return b ? Explain::rewrite(m_doc->edited(), *b, k, concise ? Explain::RewriteForm::Changes : Explain::RewriteForm::Packets)
             : QString();
}

// ---------------------------------------------------------------------------------------
// The animation over the graph

ChainCard *TraceController::cardOf(int node, TableId table, int chain) const
{
    if (node != m_window->currentNode() || chain < 0)
        return nullptr;
    ChainScene *scene = m_window->chainScene();
    scene->reveal(table, chain);   // hit by the trace: unfold
    return scene->card(table, chain);
}

int TraceController::rowOfStep(const ChainCard *card, int stop) const
{
    const Step &s = branch()->steps[size_t(stop)];
    switch (s.kind) {
    case Step::RuleEval: return s.rule;
    case Step::RuleRange: return s.ruleEnd;
    case Step::Policy: return card->policyRow();
    case Step::ChainEnd: return card->ruleCount() - 1;
    case Step::NftRule: return s.rule;
    case Step::NftPolicy: return card->policyRow();
    case Step::NftChainEnd: return card->ruleCount() - 1;
    default: return -1;
    }
}

bool TraceController::stopPoint(int stop, QPointF &point) const
{
    const Branch *b = branch();
    if (!b || stop < 0 || stop >= int(b->steps.size()))
        return false;
    const int node = b->steps[size_t(stop)].node;
    for (int k = stop; k >= 0; --k) {
        const Step &s = b->steps[size_t(k)];
        if (s.node != node)
            return false;
        if (!isCardStep(s))
            continue;
        ChainCard *card = cardOf(s.node, cardTable(s), s.chain);
        if (!card || !card->isVisible())
            return false;
        const int row = rowOfStep(card, k);
        const qreal y = row >= 0 ? card->rowRect(row).center().y() : ChainCard::TitleHeight / 2;
        point = card->mapToScene(QPointF(-PacketMarker::Radius - 10, y));
        return true;
    }
    return false;
}

void TraceController::onStop(int stop)
{
    const Branch *b = branch();
    if (!b || stop < 0 || stop >= int(b->steps.size()))
        return;
    m_stop = stop;
    const Step &s = b->steps[size_t(stop)];
    {
        const QSignalBlocker blocker(m_steps);
        m_steps->setCurrentRow(stop);
        m_steps->scrollToItem(m_steps->currentItem());
    }
    if (s.node != m_window->currentNode()) {
        // The packet moved to another node: the graph follows it.
        m_switchingNode = true;
        m_window->setCurrentNode(s.node);
        m_switchingNode = false;
    }
    m_strip->setCurrentNode(s.node);
    applyGraphMarks();
    // A step that is no card's (a note, a routing decision, the hand-off) shows the card step
    // before it on the node: "an accept is not the end" follows the nft rule that rejected.
    int shownStop = stop;
    while (shownStop > 0 && !isCardStep(b->steps[size_t(shownStop)]) && b->steps[size_t(shownStop - 1)].node == s.node)
        --shownStop;
    const Step &cs = b->steps[size_t(shownStop)];
    if (cs.kind == Step::RuleEval && cs.chain >= 0 && cs.rule >= 0) {
        const Chain &c = m_doc->edited().nodes[size_t(cs.node)].rules.table(cs.table).chains[size_t(cs.chain)];
        if (cs.rule < int(c.rules.size()) && !c.rules[size_t(cs.rule)].candidate)
            m_window->dumpView()->selectRule(c.rules[size_t(cs.rule)].id);
    } else if (cs.kind == Step::Policy && cs.chain >= 0) {
        // A policy lives on the chain's declaration line (":FORWARD DROP [0:0]", "Chain FORWARD (policy DROP)").
        const Chain &c = m_doc->edited().nodes[size_t(cs.node)].rules.table(cs.table).chains[size_t(cs.chain)];
        if (c.loc.file >= 0 && c.loc.line > 0)
            m_window->dumpView()->showLine(c.loc.file, c.loc.line);
    }
    if ((cs.kind == Step::NftRule || cs.kind == Step::NftPolicy) && cs.chain >= 0) {
        // An nft step: the dump view shows its line, the nftables dock scrolls to it (the
        // dock's current item is the learner's pick in a lesson, so it is not moved).
        if (const auto &n = m_doc->edited().nodes[size_t(cs.node)].rules.nft; n && size_t(cs.chain) < n->chains.size()) {
            const nft::Chain &c = n->chains[size_t(cs.chain)];
            const SourceLoc loc = cs.kind == Step::NftRule && cs.rule >= 0 && cs.rule < int(c.rules.size()) ? c.rules[size_t(cs.rule)].loc : c.loc;
            if (loc.file >= 0 && loc.line > 0)
                m_window->dumpView()->showLine(loc.file, loc.line);
            if (QTreeWidgetItem *item = m_nft->itemFor(cs.chain, cs.kind == Step::NftRule ? cs.rule : -1))
                m_nft->tree()->scrollToItem(item);
        }
    }
    if (isCardStep(cs))
        if (ChainCard *card = cardOf(cs.node, cardTable(cs), cs.chain)) {
            const int row = rowOfStep(card, shownStop);
            const QRectF r = card->mapRectToScene(row >= 0 ? card->rowRect(row) : QRectF(0, 0, ChainCard::Width, ChainCard::TitleHeight));
            m_window->chainView()->ensureVisible(r.adjusted(-40, 0, 0, 0), 60, 60);
            if (stop == int(b->steps.size()) - 1 && m_callout && m_callout->isVisible())
                m_window->chainView()->ensureVisible(m_callout->mapRectToScene(m_callout->boxRect()), 20, 20);
            if (m_rewrite && m_rewrite->isVisible())
                m_window->chainView()->ensureVisible(m_rewrite->sceneBoundingRect(), 20, 20);
            m_window->chainView()->ensureVisible(r.adjusted(-40, 0, 0, 0), 20, 20);
        }
}

void TraceController::onPosition(int stop, double fraction)
{
    if (!m_marker)
        return;
    QPointF a;
    if (!stopPoint(stop, a)) {
        m_marker->setVisible(false);
        return;
    }
    QPointF b;
    if (fraction > 0 && stopPoint(stop + 1, b))
        a += (b - a) * fraction;
    m_marker->setPos(a);
    m_marker->setVisible(true);
}

void TraceController::applyGraphMarks()
{
    ChainScene *scene = m_window->chainScene();
    if (!m_marker)
        return;
    auto clearCard = [scene](std::optional<std::pair<TableId, int>> &id, bool verdict) {
        if (id)
            if (ChainCard *card = scene->card(id->first, id->second)) {
                if (verdict)
                    card->setVerdictRow(-1, Verdict::Drop);
                else {
                    card->setTraceRow(-1);
                    card->setVisitedRows({});
                }
            }
        id.reset();
    };
    clearCard(m_traceCard, false);
    clearCard(m_verdictCard, true);
    m_callout->setVisible(false);
    m_rewrite->setVisible(false);
    qDeleteAll(m_pathEdges);
    m_pathEdges.clear();
    const Branch *b = branch();
    if (!b) {
        m_marker->setVisible(false);
        return;
    }
    const int shown = m_window->currentNode();
    drawPathEdges();

    // The verdict: the row that ends the packet, and the callout saying why, once the packet
    // has got there (a replay shows them when it arrives, not before).
    const Verdict &v = b->verdict;
    if (v.node == shown && !b->steps.empty() && m_stop >= verdictRevealStep()) {
        ChainCard *card = v.nftChain >= 0 ? cardOf(v.node, ChainCard::NftTable, v.nftChain) : cardOf(v.node, v.table, v.chain);
        int row = -1;
        bool markRow = v.chain >= 0 || v.nftChain >= 0;
        if (card)
            row = v.rule == 0 ? card->policyRow() : v.rule - 1;
        const int accepting = acceptingStep();
        if (!card && accepting >= 0) {
            // Delivered: the rule that let it through on this node is what the fix changed.
            const Step &s = b->steps[size_t(accepting)];
            if ((card = cardOf(s.node, cardTable(s), s.chain))) {
                row = rowOfStep(card, accepting);
                markRow = true;
            }
        }
        if (!card) {
            // Delivered after POSTROUTING: point at the last rule the packet passed on this node.
            for (int k = int(b->steps.size()) - 1; k >= 0 && !card; --k) {
                const Step &s = b->steps[size_t(k)];
                if (s.node == v.node && isCardStep(s) && (card = cardOf(s.node, cardTable(s), s.chain)))
                    row = rowOfStep(card, k);
            }
        }
        if (card && card->isVisible()) {
            if (markRow) {
                card->setVerdictRow(row, v.kind);
                m_verdictCard = std::make_pair(card->table(), card->chainIndex());
            }
            // Under the card, as wide as it: in view whenever the verdict row is, and over no
            // other card of the lane's column (the column's gap is below the built-in chains).
            // Under the built-in chains of the lane (where the gap is): in view with the
            // hook's chains and over no other card, however deep the deciding chain is.
            const QRectF r = card->rowRect(std::max(0, row));
            qreal columnX = card->pos().x();
            if (!card->isBuiltin()) {
                qreal best = -1e9;
                for (ChainCard *c : scene->cards())
                    if (c->isVisible() && c->isBuiltin() && c->pos().x() <= card->pos().x() + 1
                        && c->pos().x() > card->pos().x() - 3 * (ChainCard::Width + 90) && c->pos().x() > best)
                        best = c->pos().x();
                if (best > -1e9)
                    columnX = best;
            }
            qreal bottom = card->pos().y() + card->height();
            for (ChainCard *c : scene->cards())
                if (c->isVisible() && c->isBuiltin() && qFuzzyCompare(c->pos().x(), columnX))
                    bottom = std::max(bottom, c->pos().y() + c->height());
            if (!card->isBuiltin())
                bottom = std::max(bottom, card->pos().y() + card->height());
            m_callout->setText(calloutText());
            const bool broad = m_callout->text().contains(QLatin1String("BROAD"));
            const Theme::VerdictLook look = m_theme.verdictLook(v.kind);
            if (broad)   // as broad as it is: the warning colour, not the reassuring green
                m_callout->setColours(m_theme.rewriteBackground, m_theme.warning, m_theme.rewriteText);
            else
                m_callout->setColours(look.calloutBackground, look.calloutBorder, look.calloutText);
            m_callout->setPos(QPointF(columnX + 30, bottom + 26));
            m_callout->setAnchor(card->mapToScene(QPointF(ChainCard::Width / 2, r.bottom())));
            m_callout->setVisible(true);
        }
    }

    // The current step: its row, the rows passed before it in the same chain, the marker.
    if (m_stop >= 0 && m_stop < int(b->steps.size())) {
        const Step &s = b->steps[size_t(m_stop)];
        if (s.node == shown && isCardStep(s)) {
            if (ChainCard *card = cardOf(s.node, cardTable(s), s.chain)) {
                card->setTraceRow(rowOfStep(card, m_stop));
                QList<int> visited;
                for (int k = 0; k < m_stop; ++k) {
                    const Step &p = b->steps[size_t(k)];
                    if (p.node == s.node && cardTable(p) == cardTable(s) && p.chain == s.chain && isCardStep(p)) {
                        if (p.kind == Step::RuleRange)
                            for (int r = p.rule; r <= p.ruleEnd; ++r)
                                visited << r;
                        else
                            visited << rowOfStep(card, k);
                    }
                }
                card->setVisitedRows(visited);
                m_traceCard = std::make_pair(card->table(), card->chainIndex());
            }
        }
        // A header rewrite shows where it happens.
        const QString rewrite = rewriteText(m_stop);
        if (!rewrite.isEmpty() && s.node == shown && isCardStep(s))
            if (ChainCard *card = cardOf(s.node, cardTable(s), s.chain)) {
                const QRectF r = card->rowRect(std::max(0, rowOfStep(card, m_stop)));
                m_rewrite->setText(rewriteText(m_stop, true));
                m_rewrite->setPos(card->pos() + QPointF(ChainCard::Width + 36, r.top() - 8));
                m_rewrite->setAnchor(card->mapToScene(QPointF(ChainCard::Width, r.center().y())));
                m_rewrite->setVisible(true);
            }
        QPointF p;
        if (stopPoint(m_stop, p)) {
            m_marker->setPos(p);
            m_marker->setVisible(true);
        } else {
            m_marker->setVisible(false);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The verdict in words

int TraceController::verdictRevealStep() const
{
    const Branch *b = branch();
    if (!b || b->steps.empty())
        return -1;
    const int accepting = acceptingStep();
    return accepting >= 0 ? accepting : int(b->steps.size()) - 1;
}

void TraceController::drawPathEdges()
{
    // Each jump or goto the packet took on the shown node up to the current step: from the
    // jumping row to the card of the chain it entered.
    const Branch *b = branch();
    const int shown = m_window->currentNode();
    const Scenario &sc = m_doc->edited();
    ChainScene *scene = m_window->chainScene();
    const int last = std::min(m_stop, int(b->steps.size()) - 1);
    for (int k = 1; k <= last; ++k) {
        const Step &from = b->steps[size_t(k - 1)];
        const Step &to = b->steps[size_t(k)];
        if (from.node == shown && to.node == shown && from.kind == Step::NftRule && from.matched && from.chain >= 0
            && from.rule >= 0 && to.chain >= 0 && to.chain != from.chain && isNftStep(to)) {
            // An nft jump or goto, or a verdict map's: the rule names the chain the packet entered.
            const auto &n = sc.nodes[size_t(from.node)].rules.nft;
            if (!n || size_t(from.chain) >= n->chains.size() || from.rule >= int(n->chains[size_t(from.chain)].rules.size()))
                continue;
            const nft::Rule &r = n->chains[size_t(from.chain)].rules[size_t(from.rule)];
            bool enters = false;
            for (quint32 i = r.first; i < r.first + r.count && !enters; ++i) {
                const nft::Item &it = n->items[i];
                enters = (it.kind == nft::Item::Verdict && it.verdict.chain == to.chain) || it.kind == nft::Item::Vmap;
            }
            ChainCard *a = cardOf(from.node, ChainCard::NftTable, from.chain);
            ChainCard *z = cardOf(to.node, ChainCard::NftTable, to.chain);
            if (!enters || !a || !z || !a->isVisible() || !z->isVisible())
                continue;
            auto *edge = new PathEdgeItem(a->pos() + QPointF(ChainCard::Width, a->rowRect(from.rule).center().y()),
                                          z->pos() + QPointF(0, ChainCard::TitleHeight / 2), m_theme.marker);
            edge->setToolTip(tr("The packet jumped from %1 rule %2 to %3").arg(a->chainName()).arg(from.rule + 1).arg(z->chainName()));
            scene->addItem(edge);
            m_pathEdges.append(edge);
            continue;
        }
        if (from.node != shown || to.node != shown || from.kind != Step::RuleEval || !from.matched || from.chain < 0
            || from.rule < 0 || !isCardStep(to) || isNftStep(to) || to.table != from.table)
            continue;
        const Chain &c = sc.nodes[size_t(from.node)].rules.table(from.table).chains[size_t(from.chain)];
        if (from.rule >= int(c.rules.size()))
            continue;
        const Target &t = c.rules[size_t(from.rule)].target;
        if ((t.kind != Target::Jump && t.kind != Target::Goto) || t.chain != to.chain)
            continue;
        ChainCard *a = cardOf(from.node, from.table, from.chain);
        ChainCard *z = cardOf(to.node, to.table, to.chain);
        if (!a || !z || !a->isVisible() || !z->isVisible())
            continue;
        const QPointF start = a->pos() + QPointF(ChainCard::Width, a->rowRect(from.rule).center().y());
        const QPointF end = z->pos() + QPointF(0, ChainCard::TitleHeight / 2);
        auto *edge = new PathEdgeItem(start, end, m_theme.marker);
        edge->setToolTip(tr("The packet jumped from %1 rule %2 to %3").arg(text::q(c.name)).arg(from.rule + 1).arg(z->chainName()));
        scene->addItem(edge);
        m_pathEdges.append(edge);
    }
}

int TraceController::acceptingStep() const
{
    const Branch *b = branch();
    if (!b || (b->verdict.kind != Verdict::Delivered && b->verdict.kind != Verdict::AcceptLocal) || b->verdict.chain >= 0)
        return -1;
    const Scenario &sc = m_doc->edited();
    for (int k = int(b->steps.size()) - 1; k >= 0; --k) {
        const Step &s = b->steps[size_t(k)];
        if (s.node != b->verdict.node)
            break;
        // The last filter decision on the node: an ACCEPT rule, or a built-in chain's policy;
        // on a host with nft tables too, the last base chain's accept (an accept is not the end).
        if (s.kind == Step::Policy && s.table == TableId::Filter && s.chain >= 0)
            return k;
        if (s.kind == Step::NftRule || s.kind == Step::NftPolicy) {
            if (const auto &n = sc.nodes[size_t(s.node)].rules.nft; n && NftExplain::accepted(*n, s))
                return k;
            continue;
        }
        if (s.kind != Step::RuleEval || !s.matched || s.table != TableId::Filter || s.chain < 0 || s.rule < 0)
            continue;
        const Chain &c = sc.nodes[size_t(s.node)].rules.table(s.table).chains[size_t(s.chain)];
        if (s.rule < int(c.rules.size()) && c.rules[size_t(s.rule)].target.kind == Target::Accept)
            return k;
    }
    return -1;
}

QString TraceController::calloutText() const
{
    const Branch *b = branch();
    if (!b || b->steps.empty())
        return {};
    const Scenario &sc = m_doc->edited();
    const Verdict &v = b->verdict;
    PacketState p = b->packets[size_t(b->steps.back().packet)];
    const QString in = p.inIface;
    PacketState shown = bare(p);
    shown.mark = 0;
    const QString packet = in.isEmpty() ? shown.describe() : tr("%1 in %2").arg(shown.describe(), in);
    if ((v.kind == Verdict::Drop || v.kind == Verdict::Reject) && v.chain >= 0) {
        const Chain &c = sc.nodes[size_t(v.node)].rules.table(v.table).chains[size_t(v.chain)];
        if (v.rule == 0)
            return tr("dropped by the chain's policy DROP; no rule accepted %1").arg(packet);
        const Rule &r = c.rules[size_t(v.rule - 1)];
        return tr("%1 by rule %2 of %3: %4")
                .arg(v.kind == Verdict::Drop ? tr("dropped") : tr("rejected"))
                .arg(v.rule)
                .arg(text::q(c.name), Explain::ruleText(sc.nodes[size_t(v.node)].rules, r));
    }
    if (v.kind == Verdict::Delivered || v.kind == Verdict::AcceptLocal) {
        QString text = v.where.isEmpty() ? Explain::verdictLine(sc, v)
                                         : (v.kind == Verdict::Delivered ? tr("delivered to %1") : tr("accepted locally: %1")).arg(v.where);
        if (const int k = acceptingStep(); k >= 0) {
            const Step &s = b->steps[size_t(k)];
            const Ruleset &rs = sc.nodes[size_t(s.node)].rules;
            if (isNftStep(s) && rs.nft) {
                const nft::Chain &c = rs.nft->chains[size_t(s.chain)];
                const QString chain = rs.nft->tableTitle(c.table) + QLatin1Char(' ') + text::q(c.name);
                if (s.kind == Step::NftPolicy)
                    return tr("accepted by the policy accept of %1; %2").arg(chain, text);
                const nft::Rule &r = c.rules[size_t(s.rule)];
                return tr("accepted by %1 rule %2%3: %4; %5")
                        .arg(chain)
                        .arg(s.rule + 1)
                        .arg(r.candidate ? tr(" (candidate)") : QString(), text::q(r.text), text);
            }
            const Chain &c = rs.table(s.table).chains[size_t(s.chain)];
            if (s.kind == Step::Policy) {
                bool edited = false;
                for (const Edit &e : m_doc->edits())
                    edited = edited || (e.kind == Edit::Policy && e.node == nodeName(s.node) && e.chain == text::q(c.name));
                text = tr("accepted by the policy ACCEPT of %1%2; %3").arg(text::q(c.name), edited ? tr(" (changed)") : QString(), text);
                if (edited)
                    text += tr(" \u2014 BROAD: every packet no rule of %1 drops goes through").arg(text::q(c.name));
                return text;
            }
            const Rule &r = c.rules[size_t(s.rule)];
            text = tr("accepted by %1 rule %2%3: %4; %5")
                           .arg(text::q(c.name))
                           .arg(s.rule + 1)
                           .arg(r.candidate ? tr(" (candidate)") : QString(), Explain::ruleText(rs, r), text);
        }
        return text;
    }
    return Explain::verdictLine(sc, v);
}

namespace {
QString shortVerdict(const Scenario &sc, const Verdict &v)
{
    const QString node = size_t(v.node) < sc.nodes.size() ? sc.nodes[size_t(v.node)].name : QString();
    if ((v.kind == Verdict::Drop || v.kind == Verdict::Reject) && v.chain >= 0) {
        const Chain &c = sc.nodes[size_t(v.node)].rules.table(v.table).chains[size_t(v.chain)];
        const QString where = node + QLatin1Char(' ') + text::q(tableName(v.table)) + QLatin1Char(':') + text::q(c.name);
        return QCoreApplication::translate("chainscope::TraceController", "%1 at %2 %3")
                .arg(verdictKindName(v.kind).toUpper(), where,
                     v.rule == 0 ? QCoreApplication::translate("chainscope::TraceController", "policy")
                                 : QCoreApplication::translate("chainscope::TraceController", "rule %1").arg(v.rule));
    }
    if (!v.where.isEmpty() && v.kind == Verdict::Delivered)
        return QCoreApplication::translate("chainscope::TraceController", "delivered to %1").arg(v.where);
    if (!v.where.isEmpty())
        return verdictKindName(v.kind) + QLatin1String(": ") + v.where;
    return Explain::verdictLine(sc, v);
}
} // namespace

QString TraceController::beforeAfterText() const
{
    const Branch *b = branch();
    if (!b)
        return {};
    const QString after = shortVerdict(m_doc->edited(), b->verdict);
    if (!m_before || b->packets.empty())
        return tr("verdict: %1").arg(after);
    const Address dst = b->packets.back().dst;
    const Branch *old = nullptr;
    for (const Branch &ob : m_before->branches)
        if (!ob.packets.empty() && ob.packets.back().dst == dst)
            old = &ob;
    if (!old && !m_before->branches.empty())
        old = &m_before->branches.front();
    return tr("before: %1; after: %2").arg(old ? shortVerdict(m_doc->original(), old->verdict) : tr("none"), after);
}

void TraceController::updateExplanation()
{
    m_explanation->list()->clear();
    const Branch *b = branch();
    if (!b)
        return;
    const Scenario &sc = m_doc->edited();
    const bool failed = b->verdict.kind == Verdict::Drop || b->verdict.kind == Verdict::Reject;
    QString branches = m_trace ? BranchPanel::summary(*m_trace) : QString();
    if (!branches.isEmpty())
        branches = tr("Branch %1 of %2 shown; %3").arg(m_branch + 1).arg(m_trace->branches.size()).arg(branches);
    m_explanation->setVerdict(b->verdict.kind, Explain::verdictLine(sc, b->verdict), calloutText(), beforeAfterText(), branches);
    auto header = [this](const QString &text) { m_explanation->addHeader(text); };
    const std::vector<Miss> misses = Explain::nearestMisses(sc, *b);
    if (failed) {
        // An accept earlier at the hook did not save the packet: said before the misses,
        // which are then only those of the chain that decided.
        const std::vector<Miss> accepted = Explain::acceptedBefore(sc, *b);
        if (!accepted.empty()) {
            header(tr("Accepted on %1 before it was dropped: an accept ends only its own table or base chain")
                           .arg(nodeName(b->verdict.node)));
            for (const Miss &m : accepted) {
                const QString rule = Explain::missRule(sc, m);
                m_explanation->addItem(tr("%1: %2").arg(Explain::missPlace(sc, m), rule), rule);
            }
        }
        if (misses.empty())
            header(accepted.empty() ? tr("No accepting rule was passed on %1").arg(nodeName(b->verdict.node))
                                    : tr("No accepting rule was passed in the chain that decided"));
        else
            header(tr("Nearest misses on %1 (rules that would have accepted)").arg(nodeName(b->verdict.node)));
        for (const Miss &m : misses) {
            QStringList reasons;
            for (const QString &reason : m.reasons)
                reasons << reason;   // already "-d 10.244.0.0/16: destination ... is not in ..."
            m_explanation->addItem(tr("%1\n    %2").arg(Explain::missPlace(sc, m), reasons.join(QStringLiteral("\n    "))),
                                   Explain::missRule(sc, m));
        }
    }
    if (m_trace && !m_trace->warnings.empty()) {
        // Said once: what the trace assumed (routes read from the rules of a lone dump).
        header(tr("Assumed"));
        for (const QString &w : m_trace->warnings)
            m_explanation->addItem(w, {}, m_theme.warning);
    }
    const std::vector<Lint> lints = Explain::lints(sc);
    if (!lints.empty()) {
        header(tr("Lints"));
        for (const Lint &l : lints) {
            m_explanation->addItem(l.message, {}, l.severity == Diagnostic::Error ? m_theme.policyDrop : m_theme.warning);
        }
    }
}

void TraceController::updateTemplates()
{
    fillTemplates(branch());
}

void TraceController::offerCandidates(const PacketSpec &spec)
{
    if (m_trace || m_doc->isEmpty() || !m_palette->templates().empty())
        return;
    // Traced aside, not shown: the branch that fails (a drop first) decides the templates.
    const Trace t = Simulator::trace(m_doc->edited(), spec, m_options);
    const Branch *pick = nullptr;
    for (const Branch &b : t.branches)
        if (!pick || (b.verdict.kind == Verdict::Drop && pick->verdict.kind != Verdict::Drop))
            pick = &b;
    fillTemplates(pick);
}

void TraceController::fillTemplates(const Branch *b)
{
    if (!b || b->steps.empty()) {
        m_palette->setTemplates({});
        return;
    }
    const Scenario &sc = m_doc->edited();
    const Verdict &v = b->verdict;
    const Node &node = sc.nodes[size_t(v.node)];
    // The packet as the deciding node saw it last.
    PacketState p = b->packets[size_t(b->steps.back().packet)];
    for (int k = int(b->steps.size()) - 1; k >= 0; --k)
        if (b->steps[size_t(k)].node == v.node) {
            p = b->packets[size_t(b->steps[size_t(k)].packet)];
            break;
        }
    const NodeContext::Lookup route = node.context.lookup(p.dst);
    const QString out = p.outIface.isEmpty() ? route.dev : p.outIface;
    const QString subnet = route.route && route.route->prefixLength > 0
                                   ? prefixToString(route.route->dst, Address::mask(route.route->family(), route.route->prefixLength), route.route->family())
                                   : p.dst.toString() + (p.dst.isV4() ? QStringLiteral("/32") : QStringLiteral("/128"));
    if (v.nftChain >= 0 && node.rules.nft) {
        // Decided in an nft chain: the candidates are nft rules for that chain, just above the
        // rule that ended the packet (or at the end of the chain when its policy did).
        const nft::NftRuleset &n = *node.rules.nft;
        const nft::Chain &c = n.chains[size_t(v.nftChain)];
        const QString table = n.tableTitle(c.table);
        const QString chainName = text::q(c.name);
        const int at = v.rule > 0 ? v.rule : 0;
        const QString daddr = p.dst.isV4() ? QStringLiteral("ip daddr") : QStringLiteral("ip6 daddr");
        std::vector<CandidatePalette::Template> t;
        if (!p.inIface.isEmpty())
            t.push_back({tr("accept by in-interface"), QStringLiteral("iifname \"%1\" accept").arg(p.inIface), false, false, chainName,
                         at, node.name, table});
        if (p.proto == ProtoTcp || p.proto == ProtoUdp)
            t.push_back({tr("accept by destination port"),
                         QStringLiteral("%1 dport %2 accept").arg(p.proto == ProtoTcp ? QStringLiteral("tcp") : QStringLiteral("udp")).arg(p.dport),
                         false, false, chainName, at, node.name, table});
        t.push_back({tr("accept by destination subnet (the route to %1)").arg(p.dst.toString()),
                     QStringLiteral("%1 %2 accept").arg(daddr, subnet), false, false, chainName, at, node.name, table});
        if (c.base && c.policyDrop)   // a policy already accept fixes nothing
            t.push_back({tr("policy accept"), QString(), true, true, chainName, 0, node.name, table});
        m_palette->setTemplates(t);
        return;
    }
    const Table &filter = node.rules.table(TableId::Filter);
    if (!filter.present && v.chain < 0) {
        // No iptables filter table on the node (nft only): no iptables rule to offer.
        m_palette->setTemplates({});
        return;
    }
    QString chain = v.chain >= 0 && v.table == TableId::Filter ? text::q(filter.chains[size_t(v.chain)].name)
                                                               : (p.inIface.isEmpty() ? QStringLiteral("OUTPUT") : QStringLiteral("FORWARD"));
    const QString pairChain = chain == QLatin1String("FORWARD") && filter.chainIndex("DOCKER-USER") >= 0
                                      ? QStringLiteral("DOCKER-USER") : chain;
    // Appended as the write-up's fix does (iptables -A FORWARD ...): after kube-proxy's and
    // Docker's rules, never above KUBE-FORWARD's INVALID drop; just above the rule that drops
    // the packet when one does. DOCKER-USER is Docker's place for such rules, at its top (-I).
    const int position = v.chain >= 0 && v.table == TableId::Filter && v.rule > 0 ? v.rule : 0;
    const QString deciding = node.name;
    std::vector<CandidatePalette::Template> t;
    if (!p.inIface.isEmpty())
        t.push_back({tr("ACCEPT by in-interface"), QStringLiteral("-i %1 -j ACCEPT").arg(p.inIface), false, false, chain,
                     position, deciding, QString()});
    t.push_back({tr("ACCEPT by destination subnet (the route to %1)").arg(p.dst.toString()),
                 QStringLiteral("-d %1 -j ACCEPT").arg(subnet), false, false, chain, position, deciding, QString()});
    if (!p.inIface.isEmpty() && !out.isEmpty())
        t.push_back({tr("ACCEPT by in/out interface pair (Docker's documented way)"),
                     QStringLiteral("-i %1 -o %2 -j ACCEPT").arg(p.inIface, out), false, false, pairChain,
                     pairChain == chain ? position : 1, deciding, QString()});
    const QByteArray chainBytes = chain.toUtf8();
    const int ci = filter.chainIndex(std::string_view(chainBytes.constData(), size_t(chainBytes.size())));
    if (ci < 0 || filter.chains[size_t(ci)].policyDrop)   // a policy already ACCEPT fixes nothing
        t.push_back({tr("policy ACCEPT"), QString(), true, true, chain, 0, deciding, QString()});
    m_palette->setTemplates(t);
}

void TraceController::updateBlastRadius()
{
    const std::vector<Edit> &edits = m_doc->edits();
    if (edits.empty()) {
        m_explanation->setBlastRadius(tr("<i>No change yet: drag a candidate rule onto a chain card (or select one and press Ctrl+I).</i>"));
        return;
    }
    QStringList parts;
    Scenario before = m_doc->withEdits(0);
    for (size_t i = 0; i < edits.size(); ++i) {
        Scenario after = before;
        QString error;
        WhatIf::apply(after, edits[i], error);
        const BlastRadius br = BlastRadiusCalculator::compute(before, after, edits[i]);
        QString line = QStringLiteral("<p><b>%1</b> <small>(%2)</small><br>%3<br>")
                               .arg(WhatIf::command(edits[i]).toHtmlEscaped(), edits[i].node.toHtmlEscaped(),
                                    br.summary().toHtmlEscaped());
        line += tr("%n flow(s) newly accepted", nullptr, br.newlyAccepted) + QStringLiteral(", ")
                + tr("%n newly dropped", nullptr, br.newlyDropped) + QStringLiteral(", ")
                + tr("of %n probe(s)", nullptr, br.probes);
        if (br.broad)
            line += QStringLiteral(" <b style='color:%1'>\u26a0 %2</b>").arg(m_theme.warning.name(), tr("BROAD"));
        if (!br.examples.isEmpty())
            line += QStringLiteral("<br><small>%1</small>").arg(br.examples.mid(0, 3).join(QStringLiteral("; ")).toHtmlEscaped());
        parts << line + QStringLiteral("</p>");
        before = std::move(after);
    }
    m_explanation->setBlastRadius(tr("<b>Blast radius</b>") + parts.join(QString()));
}

// ---------------------------------------------------------------------------------------
// Branches and pins

void TraceController::pinCurrentBranch()
{
    const Branch *b = branch();
    if (!b || !m_spec)
        return;
    const Scenario &sc = m_doc->edited();
    std::vector<TraceOptions::Pin> pins;
    for (const Decision &d : b->decisions) {
        if (!d.taken || d.uncertain || d.step < 0)
            continue;
        const Step &s = b->steps[size_t(d.step)];
        if (s.chain < 0 || s.rule < 0)
            continue;
        TraceOptions::Pin pin;
        pin.node = nodeName(s.node);
        pin.chain = text::q(sc.nodes[size_t(s.node)].rules.table(s.table).chains[size_t(s.chain)].name);
        pin.rule = s.rule + 1;
        pins.push_back(pin);
    }
    if (pins.empty()) {
        m_window->statusBar()->showMessage(tr("This branch took no random choice to pin"), 4000);
        return;
    }
    m_options.pins = pins;
    retrace();
}

void TraceController::clearPins()
{
    if (m_options.pins.empty())
        return;
    m_options.pins.clear();
    retrace();
}

// ---------------------------------------------------------------------------------------
// Candidate rules and the undo stack

void TraceController::showEditError(const QString &error)
{
    m_window->statusBar()->showMessage(tr("Refused: %1").arg(error), 8000);
}

bool TraceController::submitEdit(const Edit &edit, QString *errorOut)
{
    if (m_doc->isEmpty())
        return false;
    std::vector<Edit> next = m_doc->edits();
    next.push_back(edit);
    QString error;
    if (!m_doc->check(next, error)) {
        showEditError(error);
        if (errorOut)
            *errorOut = error;
        return false;
    }
    QString text;
    switch (edit.kind) {
    case Edit::Insert: text = tr("Insert %1 into %2 on %3").arg(edit.ruleText, edit.chain, edit.node); break;
    case Edit::Policy: text = tr("Set %1 policy %2 on %3").arg(edit.chain, edit.policyDrop ? QStringLiteral("DROP") : QStringLiteral("ACCEPT"), edit.node); break;
    case Edit::Remove: text = tr("Remove rule %1 of %2 on %3").arg(edit.position).arg(edit.chain, edit.node); break;
    case Edit::Replace: text = tr("Replace rule %1 of %2 on %3").arg(edit.position).arg(edit.chain, edit.node); break;
    }
    m_undo->push(new AddEditCommand(m_doc, int(m_doc->edits().size()), edit, text));
    if (edit.kind == Edit::Insert)
        m_window->chainScene()->selectRule(m_doc->ruleIdOfEdit(int(m_doc->edits().size()) - 1));
    return true;
}

bool TraceController::chainEdit(Edit::Kind kind, TableId table, int chain, Edit &e) const
{
    const int node = m_window->currentNode();
    const Ruleset *rs = m_window->chainScene()->ruleset();
    if (node < 0 || !rs)
        return false;
    e.kind = kind;
    e.node = nodeName(node);
    e.table = table;
    e.chain = text::q(rs->table(table).chains[size_t(chain)].name);
    return true;
}

void TraceController::onRuleDropped(TableId table, int chain, int position, const QString &ruleText)
{
    Edit e;
    if (!chainEdit(Edit::Insert, table, chain, e))
        return;
    e.position = position;
    e.ruleText = ruleText;
    submitEdit(e);
}

void TraceController::onPolicyDropped(TableId table, int chain, bool drop)
{
    Edit e;
    if (!chainEdit(Edit::Policy, table, chain, e))
        return;
    e.policyDrop = drop;
    submitEdit(e);
}

void TraceController::insertTemplate(int row)
{
    if (row < 0 || row >= int(m_palette->templates().size()))
        return;
    const CandidatePalette::Template &t = m_palette->templates()[size_t(row)];
    Edit e;
    e.node = t.node;
    e.table = TableId::Filter;
    e.nftTable = t.nftTable;
    e.chain = t.chain;
    if (!t.nftTable.isEmpty() && !t.policy && t.position <= 0) {
        // appended to the nft chain as it is now, edits included
        const Scenario &sc = m_doc->edited();
        const int node = sc.nodeIndex(t.node);
        const auto &n = node >= 0 ? sc.nodes[size_t(node)].rules.nft : nullptr;
        const int chain = n ? n->chainIndex(n->tableIndex(t.nftTable), t.chain) : -1;
        e.kind = Edit::Insert;
        e.ruleText = t.ruleText;
        e.position = chain >= 0 ? int(n->chains[size_t(chain)].rules.size()) + 1 : 1;
        submitEdit(e);
        return;
    }
    if (t.policy) {
        e.kind = Edit::Policy;
        e.policyDrop = false;
    } else {
        e.kind = Edit::Insert;
        e.position = t.position;
        e.ruleText = t.ruleText;
        if (e.position <= 0) {   // appended: after the chain's last rule as it is now, edits included
            const Scenario &sc = m_doc->edited();
            const int node = sc.nodeIndex(t.node);
            const Table &filter = sc.nodes[size_t(std::max(node, 0))].rules.table(TableId::Filter);
            const int chain = node >= 0 ? filter.chainIndex(t.chain.toStdString()) : -1;
            e.position = chain >= 0 ? int(filter.chains[size_t(chain)].rules.size()) + 1 : 1;
        }
    }
    submitEdit(e);
}

void TraceController::onCandidateMoved(quint32 ruleId, TableId table, int chain, int position)
{
    const int index = m_doc->editOfRule(ruleId);
    const Ruleset *rs = m_window->chainScene()->ruleset();
    if (index < 0 || !rs)
        return;
    const Edit before = m_doc->edits()[size_t(index)];
    if (before.kind != Edit::Insert)
        return;
    TableId fromTable;
    int fromChain = -1, fromIndex = -1;
    if (!rs->findRule(ruleId, &fromTable, &fromChain, &fromIndex))
        return;
    Edit after = before;
    after.table = table;
    after.chain = text::q(rs->table(table).chains[size_t(chain)].name);
    // The position is counted with the candidate still in place: moving down skips it.
    after.position = (fromTable == table && fromChain == chain && fromIndex + 1 < position) ? position - 1 : position;
    if (pushMove(index, before, after))
        m_window->chainScene()->selectRule(m_doc->ruleIdOfEdit(index));
}

bool TraceController::pushMove(int index, const Edit &before, const Edit &after)
{
    if (sameEdit(before, after))
        return false;
    std::vector<Edit> next = m_doc->edits();
    next[size_t(index)] = after;
    QString error;
    if (!m_doc->check(next, error)) {
        showEditError(error);
        return false;
    }
    m_undo->push(new ReplaceEditCommand(m_doc, index, before, after, tr("Move candidate rule to %1 %2").arg(after.chain).arg(after.position)));
    return true;
}

void TraceController::onNftCandidateMoved(int fromChain, int fromRule, int chain, int position)
{
    const Ruleset *rs = m_window->chainScene()->ruleset();
    const nft::NftRuleset *n = rs ? rs->nft.get() : nullptr;
    const Scenario *sc = m_window->scenario();
    if (!n || !sc || fromChain < 0 || chain < 0 || size_t(fromChain) >= n->chains.size() || size_t(chain) >= n->chains.size())
        return;
    const QString node = sc->nodes[size_t(m_window->currentNode())].name;
    const nft::Chain &from = n->chains[size_t(fromChain)];
    const int index = m_doc->editOfNftRule(node, n->tableTitle(from.table), text::q(from.name), fromRule);
    if (index < 0)
        return;
    const Edit before = m_doc->edits()[size_t(index)];
    if (before.kind != Edit::Insert)
        return;
    const nft::Chain &to = n->chains[size_t(chain)];
    Edit after = before;
    after.nftTable = n->tableTitle(to.table);
    after.chain = text::q(to.name);
    // As for iptables: the position counts the candidate still in place, so moving down skips it.
    after.position = (fromChain == chain && fromRule + 1 < position) ? position - 1 : position;
    if (!pushMove(index, before, after))
        return;
    // The edit's final row is where it lands, unless later edits of the chain move it again.
    const Ruleset &now = m_doc->edited().nodes[size_t(m_window->currentNode())].rules;
    if (now.nft && size_t(chain) < now.nft->chains.size())
        for (int i = 0; i < int(now.nft->chains[size_t(chain)].rules.size()); ++i)
            if (m_doc->editOfNftRule(node, after.nftTable, after.chain, i) == index) {
                m_window->chainScene()->selectNftRule(chain, i);
                m_nft->selectItem(chain, i);
                break;
            }
}

void TraceController::moveSelectedCandidate(int delta)
{
    // An nft candidate row selected on its card: by its index, as nft rows have no id.
    for (QGraphicsItem *item : m_window->chainScene()->selectedItems())
        if (auto *c = qgraphicsitem_cast<ChainCard *>(item); c && c->isNft() && c->selectedRow() >= 0) {
            const int rule = c->selectedRow();
            const int count = c->ruleCount();
            const int target = std::clamp(rule + 1 + delta, 1, count);
            onNftCandidateMoved(c->chainIndex(), rule, c->chainIndex(), delta > 0 ? target + 1 : target);
            return;
        }
    const quint32 id = m_window->chainScene()->selectedRule();
    const Ruleset *rs = m_window->chainScene()->ruleset();
    TableId table;
    int chain = -1, index = -1;
    if (!rs || m_doc->editOfRule(id) < 0 || !rs->findRule(id, &table, &chain, &index))
        return;
    const int count = int(rs->table(table).chains[size_t(chain)].rules.size());
    const int target = std::clamp(index + 1 + delta, 1, count);
    // As a drop position: below the rule when moving down.
    onCandidateMoved(id, table, chain, delta > 0 ? target + 1 : target);
}

void TraceController::removeSelectedRule()
{
    for (QGraphicsItem *item : m_window->chainScene()->selectedItems())
        if (auto *c = qgraphicsitem_cast<ChainCard *>(item); c && c->isNft() && c->selectedRow() >= 0) {
            m_nft->selectItem(c->chainIndex(), c->selectedRow());
            m_nft->removeSelected();
            return;
        }
    const quint32 id = m_window->chainScene()->selectedRule();
    const Ruleset *rs = m_window->chainScene()->ruleset();
    TableId table;
    int chain = -1, index = -1;
    if (!id || !rs || !rs->findRule(id, &table, &chain, &index)) {
        m_window->statusBar()->showMessage(tr("Select a rule row to remove"), 4000);
        return;
    }
    const int edit = m_doc->editOfRule(id);
    if (edit >= 0) {
        const Edit e = m_doc->edits()[size_t(edit)];
        m_undo->push(new RemoveEditCommand(m_doc, edit, e, tr("Remove candidate %1").arg(e.ruleText)));
        return;
    }
    Edit e;
    e.kind = Edit::Remove;
    e.node = nodeName(m_window->currentNode());
    e.table = table;
    e.chain = text::q(rs->table(table).chains[size_t(chain)].name);
    e.position = index + 1;
    submitEdit(e);
}

void TraceController::toggleSelectedPolicy()
{
    ChainScene *scene = m_window->chainScene();
    const Ruleset *rs = scene->ruleset();
    if (!rs)
        return;
    ChainCard *card = nullptr;
    const QList<QGraphicsItem *> selected = scene->selectedItems();
    for (QGraphicsItem *item : selected)
        if (auto *c = qgraphicsitem_cast<ChainCard *>(item); c && c->isBuiltin())
            card = c;
    if (card && card->isNft()) {
        // An nft base chain: its policy is an nft edit, made as the dock makes it.
        m_nft->selectItem(card->chainIndex(), -1);
        m_nft->togglePolicy();
        return;
    }
    if (!card && branch() && branch()->verdict.node == m_window->currentNode() && branch()->verdict.chain >= 0)
        card = scene->card(branch()->verdict.table, branch()->verdict.chain);
    if (!card || !card->isBuiltin()) {
        m_window->statusBar()->showMessage(tr("Select a built-in chain to change its policy"), 4000);
        return;
    }
    onPolicyDropped(card->table(), card->chainIndex(), !rs->table(card->table()).chains[size_t(card->chainIndex())].policyDrop);
}

void TraceController::startInlineEdit(quint32 ruleId)
{
    const int index = m_doc->editOfRule(ruleId);
    ChainScene *scene = m_window->chainScene();
    ChainCard *card = scene->cardForRule(ruleId);
    if (index < 0 || !card) {
        if (ruleId)
            m_window->statusBar()->showMessage(tr("Only candidate rules can be edited; drag one from Candidate Rules"), 4000);
        return;
    }
    cancelInlineEdit();
    m_inlineEditIndex = index;
    ChainView *view = m_window->chainView();
    const QRect rowRect = view->mapFromScene(card->mapRectToScene(card->rowRect(card->rowOfRule(ruleId)))).boundingRect();
    m_inlineEdit = new QLineEdit(view->viewport());
    m_inlineEdit->setObjectName(QStringLiteral("candidateEditor"));
    m_inlineEdit->setText(m_doc->edits()[size_t(index)].ruleText);
    m_inlineEdit->setToolTip(tr("iptables options of the candidate rule; Enter checks and applies, Escape cancels"));
    const int h = std::max(24, rowRect.height() + 6);
    m_inlineEdit->setGeometry(rowRect.left(), rowRect.center().y() - h / 2, std::max(360, rowRect.width()), h);
    m_inlineError = new QLabel(view->viewport());
    m_inlineError->setObjectName(QStringLiteral("candidateEditorError"));
    m_inlineError->setWordWrap(true);
    m_inlineError->setAutoFillBackground(true);
    m_inlineError->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border: 1px solid %3; padding: 3px; }")
                                     .arg(m_theme.calloutBackground.name(), m_theme.calloutText.name(), m_theme.invalidField.name()));
    m_inlineError->setGeometry(m_inlineEdit->x(), m_inlineEdit->geometry().bottom() + 2, m_inlineEdit->width(), 40);
    m_inlineError->hide();
    auto *escape = new QAction(m_inlineEdit);
    escape->setShortcut(QKeySequence(Qt::Key_Escape));
    escape->setShortcutContext(Qt::WidgetShortcut);
    m_inlineEdit->addAction(escape);
    connect(escape, &QAction::triggered, this, &TraceController::cancelInlineEdit);
    connect(m_inlineEdit, &QLineEdit::returnPressed, this, &TraceController::commitInlineEdit);
    m_inlineEdit->show();
    m_inlineEdit->setFocus();
    m_inlineEdit->selectAll();
}

bool TraceController::commitInlineEdit()
{
    if (!m_inlineEdit || m_inlineEditIndex < 0 || m_inlineEditIndex >= int(m_doc->edits().size()))
        return false;
    const Edit before = m_doc->edits()[size_t(m_inlineEditIndex)];
    Edit after = before;
    after.ruleText = m_inlineEdit->text().trimmed();
    std::vector<Edit> next = m_doc->edits();
    next[size_t(m_inlineEditIndex)] = after;
    QString error;
    if (!m_doc->check(next, error)) {
        // In place, and nothing changes: the editor stays open with the text to fix.
        m_inlineError->setText(tr("Refused: %1").arg(error));
        m_inlineError->adjustSize();
        m_inlineError->resize(std::max(m_inlineEdit->width(), m_inlineError->width()), m_inlineError->height());
        m_inlineError->show();
        m_inlineEdit->setStyleSheet(QStringLiteral("QLineEdit { border: 2px solid %1; }").arg(m_theme.invalidField.name()));
        m_inlineEdit->setToolTip(error);
        return false;
    }
    const int index = m_inlineEditIndex;
    cancelInlineEdit();
    if (!sameEdit(before, after)) {
        m_undo->push(new ReplaceEditCommand(m_doc, index, before, after, tr("Edit candidate %1").arg(after.ruleText)));
        m_window->chainScene()->selectRule(m_doc->ruleIdOfEdit(index));
    }
    return true;
}

void TraceController::cancelInlineEdit()
{
    if (m_inlineEdit) {
        m_inlineEdit->hide();
        m_inlineEdit->deleteLater();
        m_inlineEdit = nullptr;
    }
    if (m_inlineError) {
        m_inlineError->hide();
        m_inlineError->deleteLater();
        m_inlineError = nullptr;
    }
    m_inlineEditIndex = -1;
}

QString TraceController::commandsText() const
{
    const std::vector<Edit> &edits = m_doc->edits();
    if (edits.empty())
        return {};
    QStringList nodes;
    for (const Edit &e : edits)
        if (!nodes.contains(e.node))
            nodes << e.node;
    QString text;
    for (const QString &n : nodes) {
        std::vector<Edit> mine;
        text += QStringLiteral("# on %1\n").arg(n);
        for (const Edit &e : edits)
            if (e.node == n) {
                mine.push_back(e);
                text += WhatIf::command(e) + QLatin1Char('\n');
            }
        text += QLatin1Char('\n') + WhatIf::systemdUnit(mine, tr("Chainscope fix on %1 (%2)").arg(n, m_doc->original().name))
                + QLatin1Char('\n');
    }
    return text;
}

bool TraceController::runScript(const Script &script, QString &error)
{
    if (m_doc->isEmpty()) {
        error = tr("no scenario loaded");
        return false;
    }
    if (!script.preset.isEmpty()) {
        if (!m_panel->selectPreset(script.preset)) {
            error = tr("no packet preset named \"%1\" in the scenario").arg(script.preset);
            return false;
        }
        traceSpec(m_panel->spec());
    }
    for (const QString &arg : script.inserts + script.policies) {
        Edit e;
        const bool insert = script.inserts.contains(arg);
        if (!(insert ? WhatIf::parseInsert(arg, m_doc->original(), e, error) : WhatIf::parsePolicy(arg, m_doc->original(), e, error))
            || !submitEdit(e, &error))
            return false;
    }
    if (!script.branchDst.isEmpty()) {
        const auto dst = Address::parse(script.branchDst);
        const int b = dst ? branchTo(*dst) : -1;
        if (b < 0) {
            error = tr("no branch ends at \"%1\"").arg(script.branchDst);
            return false;
        }
        selectBranch(b);
    }
    if (script.step > 0) {
        // The step's rows at a size they read: the first view of a big graph is all of it.
        if (m_window->chainView()->zoom() < 0.8)
            m_window->chainView()->setZoom(1.0);
        m_animator->goToStop(script.step - 1);
    }
    else if (!script.preset.isEmpty())
        showVerdictLane();   // where the packet ended, at a zoom where the rows read (as the first start shows it)
    return true;
}

void TraceController::copyCommands()
{
    const QString text = commandsText();
    if (text.isEmpty()) {
        m_window->statusBar()->showMessage(tr("No change to copy: add a candidate rule or a policy first"), 4000);
        return;
    }
    QApplication::clipboard()->setText(text);
    m_window->statusBar()->showMessage(tr("Copied %n command(s) and the systemd unit", nullptr, int(m_doc->edits().size())), 4000);
}

} // namespace chainscope
