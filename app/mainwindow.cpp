#include "mainwindow.h"

#include "chaincard.h"
#include "chainscene.h"
#include "chainview.h"
#include "comparewindow.h"
#include "dumpview.h"
#include "problemtree.h"
#include "reachabilitycontroller.h"
#include "folditem.h"
#include "packetpanel.h"
#include "scenarioloader.h"
#include "scenariotreemodel.h"
#include "tracecontroller.h"
#include "sessioncontroller.h" // session
#include "sessionfile.h" // session
#include "bundleddata.h"
#include "lessoncontroller.h"
#include "helpcontroller.h"
#include "language.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace chainscope {

namespace {
constexpr int MaxRecent = 8;
const char *const RecentKey = "recent";
} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowIcon(QIcon::fromTheme(QStringLiteral("chainscope"), QIcon(QStringLiteral(":/icons/chainscope.svg"))));
    setAcceptDrops(true);
    m_theme = Theme::fromPalette(palette());

    m_loader = new ScenarioLoader(this);
    m_scene = new ChainScene(this);
    m_view = new ChainView(this);
    m_view->setScene(m_scene);
    // Drops of files go to the window, not to the scene.
    m_view->setAcceptDrops(false);
    m_view->viewport()->setAcceptDrops(false);
    setCentralWidget(m_view);

    createDocks();
    createActions();
    m_undoStack = new QUndoStack(this);
    m_trace = new TraceController(this, m_undoStack);
    m_session = new SessionController(this, m_undoStack); // session
    m_lessons = new LessonController(this, m_trace);
    m_help = new HelpController(this, m_helpMenu);
    m_reachability = new ReachabilityController(this);

    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(240);
    m_progress->setVisible(false);
    m_cancel = new QPushButton(this);
    m_cancel->setVisible(false);
    m_statusLabel = new QLabel(this);
    m_tr.add([this] {
        m_cancel->setText(tr("&Cancel"));
        m_cancel->setToolTip(tr("Cancel loading"));
    });
    updateTitleAndStatus();
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);

    connect(m_cancel, &QPushButton::clicked, m_loader, &ScenarioLoader::cancel);
    connect(m_loader, &ScenarioLoader::progress, this, &MainWindow::onLoadProgress);
    connect(m_loader, &ScenarioLoader::finished, this, &MainWindow::onLoadFinished);
    connect(m_scene, &ChainScene::ruleClicked, this, &MainWindow::onRuleClicked);
    connect(m_dump, &DumpView::ruleAtCursor, this, &MainWindow::onDumpRule);
    connect(m_scene, &ChainScene::chainClicked, this, [this](TableId table, int chain) {
        if (m_syncing)
            return;
        m_syncing = true;
        m_dump->selectChain(table, chain);
        m_syncing = false;
    });
    connect(m_dump, &DumpView::chainAtCursor, this, &MainWindow::onDumpChain);
    // A 30k-service scenario takes a quarter of a second to filter: once typing pauses, not
    // on every key.
    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(150);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, [this] { onFilterChanged(m_filter->text()); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onTreeCurrentChanged(current); });
    connect(m_nodeBox, &QComboBox::activated, this, &MainWindow::setCurrentNode);
    // The first start tells the story of the scenario it opens (after the trace controller
    // has taken the scenario: it was connected first).
    connect(this, &MainWindow::scenarioLoaded, this, [this] {
        if (!m_firstStart)
            return;
        m_firstStart = false;
        // A lesson asks its own question; the story would answer it.
        if (!m_lessons->lesson() && !m_lessons->isStarting())
            m_trace->showStory();
    });
    // Never larger than the screen: a 1280x800 laptop gets a window that fits.
    resize(defaultSize(screen() ? screen()->availableGeometry() : QRect(0, 0, 1400, 900)));
}

QSize MainWindow::defaultSize(const QRect &available)
{
    // Room for a window manager's frame and title bar, which are outside the size set here.
    return QSize(1400, 900).boundedTo(available.size() - QSize(16, 48)).expandedTo(QSize(640, 480));
}

MainWindow::~MainWindow() = default;

QString MainWindow::bundledScenario()
{
    return BundledData::incidentScenario();
}

bool MainWindow::isLoading() const
{
    return m_loader->isRunning();
}

void MainWindow::createDocks()
{
    // Scenario tree with its filter box.
    auto *treeHost = new QWidget(this);
    auto *treeLayout = new QVBoxLayout(treeHost);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->setSpacing(2);
    m_filter = new QLineEdit(treeHost);
    m_filter->setClearButtonEnabled(true);
    m_treeModel = new ScenarioTreeModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_treeModel);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterRole(ScenarioTreeModel::SearchRole);
    m_proxy->setFilterKeyColumn(ScenarioTreeModel::NameColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_tree = new QTreeView(treeHost);
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    // Names as long as they are (a scroll bar rather than "DOCKER-…" three times), cut at the
    // end when they must be; the tooltip has the whole name.
    m_tree->setTextElideMode(Qt::ElideRight);
    for (int c = ScenarioTreeModel::NameColumn; c < ScenarioTreeModel::ColumnCount; ++c)
        m_tree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    // Down from the filter box goes into the results, at the first match.
    auto *intoResults = new QAction(m_filter);
    m_tr.add([this, intoResults] {
        m_filter->setPlaceholderText(tr("Filter chains, addresses, ports, comments (Ctrl+F)"));
        intoResults->setText(tr("Go to the Results"));
    });
    intoResults->setShortcut(QKeySequence(Qt::Key_Down));
    intoResults->setShortcutContext(Qt::WidgetShortcut);
    m_filter->addAction(intoResults);
    connect(intoResults, &QAction::triggered, this, &MainWindow::enterFilterResults);
    treeLayout->addWidget(m_filter);
    treeLayout->addWidget(m_tree);
    auto *treeDock = new QDockWidget(this);
    treeDock->setObjectName(QStringLiteral("scenarioDock"));
    treeDock->setWidget(treeHost);
    addDockWidget(Qt::LeftDockWidgetArea, treeDock);

    m_dump = new DumpView(this);
    auto *dumpDock = new QDockWidget(this);
    dumpDock->setObjectName(QStringLiteral("dumpDock"));
    dumpDock->setWidget(m_dump);
    addDockWidget(Qt::BottomDockWidgetArea, dumpDock);

    m_problems = new ProblemTree(this);
    auto *problemDock = new QDockWidget(this);
    // A dock's toggle action in the View menu takes its title: both follow the language.
    m_tr.add([treeDock, dumpDock, problemDock] {
        treeDock->setWindowTitle(tr("Scenario"));
        dumpDock->setWindowTitle(tr("Dump"));
        problemDock->setWindowTitle(tr("Problems"));
    });
    problemDock->setObjectName(QStringLiteral("problemDock"));
    problemDock->setWidget(m_problems);
    addDockWidget(Qt::BottomDockWidgetArea, problemDock);
    tabifyDockWidget(dumpDock, problemDock);
    dumpDock->raise();
    resizeDocks({treeDock}, {380}, Qt::Horizontal);
    resizeDocks({dumpDock}, {220}, Qt::Vertical);

    connect(m_problems, &ProblemTree::placeActivated, this, [this](const QString &file, int line) {
        if (!m_scenario || m_node < 0)
            return;
        const auto &files = m_scenario->nodes[size_t(m_node)].rules.files();
        for (size_t i = 0; i < files.size(); ++i)
            if (QFileInfo(files[i]) == QFileInfo(file))
                m_dump->showLine(int(i), line);
    });

    m_viewMenu = new QMenu(this);
    m_tr.add([this] { m_viewMenu->setTitle(tr("&View")); });
    m_viewMenu->addAction(treeDock->toggleViewAction());
    m_viewMenu->addAction(dumpDock->toggleViewAction());
    m_viewMenu->addAction(problemDock->toggleViewAction());
    treeDock->toggleViewAction()->setShortcut(QKeySequence(Qt::ALT | Qt::Key_1));
    dumpDock->toggleViewAction()->setShortcut(QKeySequence(Qt::ALT | Qt::Key_2));
    problemDock->toggleViewAction()->setShortcut(QKeySequence(Qt::ALT | Qt::Key_3));
    m_viewMenu->addSeparator();
}

void MainWindow::createLanguageMenu()
{
    // Names in their own language: a user who cannot read the current one still finds theirs.
    QMenu *menu = m_viewMenu->addMenu(QString());
    menu->setObjectName(QStringLiteral("languageMenu"));
    m_tr.add([menu] { menu->setTitle(tr("Lan&guage")); });
    auto *group = new QActionGroup(menu);
    const QString chosen = QSettings().value(Language::settingsKey()).toString();
    const auto add = [&](const QString &code, const QString &text) {
        QAction *a = menu->addAction(text);
        a->setCheckable(true);
        a->setData(code);
        a->setChecked(code == chosen);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] { setLanguage(code); });
    };
    add(QString(), QString());
    QAction *system = menu->actions().constLast();
    m_tr.add([system] { system->setText(tr("System Language (%1)").arg(Language::nativeName(Language::resolve(QString())))); });
    for (const QString &code : Language::available())
        add(code, Language::nativeName(code));
}

void MainWindow::setLanguage(const QString &code)
{
    QSettings().setValue(Language::settingsKey(), code);
    // The same language by another name (System Language when the system reads English):
    // nothing to say again.
    const QString now = Language::resolve(code) == Language::current() ? Language::current() : Language::install(code);
    // Installing posts QEvent::LanguageChange to every window: each widget and controller
    // sets its words again (retranslateUi() here, changeEvent()/event() in the others), and
    // the trace shown is explained again; nothing needs a restart.
    Q_EMIT languageChosen(now);
}

void MainWindow::retranslateUi()
{
    m_tr.retranslate();
    updateRecentMenu();
    updateTitleAndStatus();
}

void MainWindow::updateTitleAndStatus()
{
    if (!m_scenario) {
        setWindowTitle(tr("Chainscope"));
        if (!m_loader->isRunning())
            m_statusLabel->setText(tr("No scenario"));
        return;
    }
    setWindowTitle(tr("%1 — Chainscope").arg(m_scenario->name.isEmpty() ? QFileInfo(m_scenario->path).fileName()
                                                                       : m_scenario->name));
    if (!m_loader->isRunning())
        m_statusLabel->setText(tr("%1 — %n node(s)", nullptr, int(m_scenario->nodes.size()))
                                       .arg(m_scenario->name.isEmpty() ? m_scenario->path : m_scenario->name));
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(QString());
    QAction *openFolder = file->addAction(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), this,
                                          &MainWindow::openFolderDialog);
    openFolder->setShortcut(QKeySequence::Open);
    QAction *openFiles = file->addAction(style()->standardIcon(QStyle::SP_FileIcon), QString(), this,
                                         &MainWindow::openFilesDialog);
    openFiles->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_recentMenu = file->addMenu(QString());
    updateRecentMenu();
    file->addSeparator();
    QAction *quit = file->addAction(QString(), this, &QWidget::close);
    // Ctrl+Q where the platform names no Quit key (the generic and offscreen themes).
    QList<QKeySequence> quitKeys = QKeySequence::keyBindings(QKeySequence::Quit);
    if (quitKeys.isEmpty())
        quitKeys << QKeySequence(Qt::CTRL | Qt::Key_Q);
    quit->setShortcuts(quitKeys);
    m_tr.add([=, this] {
        file->setTitle(tr("&File"));
        openFolder->setText(tr("&Open Scenario Folder..."));
        openFiles->setText(tr("Open &Files..."));
        m_recentMenu->setTitle(tr("Open &Recent"));
        quit->setText(tr("&Quit"));
    });

    menuBar()->addMenu(m_viewMenu);
    QAction *zoomIn = m_viewMenu->addAction(QString(), m_view, &ChainView::zoomIn);
    zoomIn->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus)});
    QAction *zoomOut = m_viewMenu->addAction(QString(), m_view, &ChainView::zoomOut);
    zoomOut->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    QAction *fit = m_viewMenu->addAction(QString(), m_view, &ChainView::fitAll);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    QAction *toSelection = m_viewMenu->addAction(QString(), m_view, &ChainView::zoomToSelection);
    toSelection->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *actualSize = m_viewMenu->addAction(QString(), this, [this] { m_view->setZoom(1.0); });
    actualSize->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_9));
    m_viewMenu->addSeparator();
    QAction *find = m_viewMenu->addAction(QString(), this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    QAction *nextNode = m_viewMenu->addAction(QString(), this, [this] {
        if (m_scenario && !m_scenario->nodes.empty())
            setCurrentNode((m_node + 1) % int(m_scenario->nodes.size()));
    });
    nextNode->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    QAction *prevNode = m_viewMenu->addAction(QString(), this, [this] {
        if (m_scenario && !m_scenario->nodes.empty())
            setCurrentNode((m_node + int(m_scenario->nodes.size()) - 1) % int(m_scenario->nodes.size()));
    });
    prevNode->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    m_viewMenu->addSeparator();
    QAction *compare = m_viewMenu->addAction(QString(), this, [this] { showCompare(); });
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    compare->setObjectName(QStringLiteral("compareAction"));
    m_tr.add([=] {
        zoomIn->setText(tr("Zoom &In"));
        zoomOut->setText(tr("Zoom &Out"));
        fit->setText(tr("&Fit Graph"));
        toSelection->setText(tr("Zoom to &Selection"));
        actualSize->setText(tr("&Actual Size"));
        find->setText(tr("Fi&lter Chains"));
        nextNode->setText(tr("&Next Node"));
        prevNode->setText(tr("&Previous Node"));
        compare->setText(tr("&Compare Nodes..."));
    });
    m_viewMenu->addSeparator();
    createLanguageMenu();

    // F1 is the Help window's (app/helpcontroller.h), added at the top of this menu.
    m_helpMenu = menuBar()->addMenu(QString());
    QAction *about = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);
    m_tr.add([this, about] {
        m_helpMenu->setTitle(tr("&Help"));
        about->setText(tr("&About Chainscope"));
    });

    QToolBar *bar = addToolBar(QString());
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->addAction(openFolder);
    bar->addAction(openFiles);
    bar->addSeparator();
    auto *nodeLabel = new QLabel(bar);
    m_nodeBox = new QComboBox(bar);
    m_nodeBox->setMinimumContentsLength(12);
    nodeLabel->setBuddy(m_nodeBox);
    m_tr.add([this, bar, nodeLabel] {
        bar->setWindowTitle(tr("Main"));
        nodeLabel->setText(tr("&Node:"));
        m_nodeBox->setToolTip(tr("Node shown in the graph (Ctrl+PgUp/PgDown)"));
    });
    bar->addWidget(nodeLabel);
    bar->addWidget(m_nodeBox);
    bar->addSeparator();
    bar->addAction(zoomOut);
    bar->addAction(zoomIn);
    bar->addAction(fit);
    bar->addAction(toSelection);
}

void MainWindow::openFolderDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Scenario Folder"));
    if (!dir.isEmpty())
        openPaths({dir});
}

void MainWindow::openFilesDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open Scenario or Rule Dumps"), QString(),
        tr("Scenarios and dumps (scenario.json *.rules *.txt *.save *.dump *.nft *.json);;All files (*)"));
    if (!files.isEmpty())
        openPaths(files);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QLatin1String(RecentKey)).toStringList();
    int n = 0;
    for (const QString &entry : recent) {
        const QStringList paths = entry.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        ++n;
        const QString label = n < 10 ? tr("&%1 %2").arg(n).arg(entry.section(QLatin1Char('\n'), 0, 0))
                                      : entry.section(QLatin1Char('\n'), 0, 0);
        QAction *a = m_recentMenu->addAction(paths.size() > 1 ? tr("%1 (+%n more)", nullptr, int(paths.size() - 1)).arg(label)
                                                              : label,
                                             this, [this, paths] { openPaths(paths); });
        a->setToolTip(paths.join(QLatin1Char(' ')));
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::addRecent(const QStringList &paths)
{
    QStringList absolute;
    for (const QString &p : paths)
        absolute << QFileInfo(p).absoluteFilePath();
    const QString entry = absolute.join(QLatin1Char('\n'));
    QSettings settings;
    QStringList recent = settings.value(QLatin1String(RecentKey)).toStringList();
    recent.removeAll(entry);
    recent.prepend(entry);
    while (recent.size() > MaxRecent)
        recent.removeLast();
    settings.setValue(QLatin1String(RecentKey), recent);
    updateRecentMenu();
}

void MainWindow::openPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    if (m_session && !m_session->maybeSave()) // session: ask before discarding unsaved work
        return;
    if (m_session && paths.size() == 1 && SessionFile::isSession(paths.first())) { // session: opens like a document
        m_session->openSessionReporting(paths.first());
        return;
    }
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    m_statusLabel->setText(tr("Loading %1...").arg(QFileInfo(paths.first()).fileName()));
    m_loader->start(paths);
}

void MainWindow::onLoadProgress(qint64 done, qint64 total)
{
    if (!m_loader->isRunning() || total <= 0)
        return;
    // Scale to int range; totals may be byte counts.
    const int scale = total > 1000000 ? int(total / 1000000) + 1 : 1;
    m_progress->setRange(0, int(total / scale));
    m_progress->setValue(int(done / scale));
}

bool MainWindow::askTables(const QStringList &paths, const std::vector<Diagnostic> &diags)
{
    std::map<QString, TableId> tables = m_loader->tables();
    bool asked = false;
    for (const Diagnostic &d : diags) {
        if (d.kind != QLatin1String("table-ambiguous") || d.choices.isEmpty() || !paths.contains(d.file)
            || tables.count(d.file) || QFileInfo(d.file).isDir() || d.file.endsWith(QLatin1String(".json")))
            continue;
        bool ok = false;
        const QString choice = QInputDialog::getItem(
                this, tr("Which Table?"),
                tr("%1 does not say which table its rules are in, and what it holds points to more than one:\n\n%2\n\n"
                   "Read it as table:")
                        .arg(QFileInfo(d.file).fileName(), d.message),
                d.choices, 0, false, &ok);
        TableId id;
        if (!ok || !tableFromName(choice.toStdString(), id))
            return false;
        tables[d.file] = id;
        asked = true;
    }
    if (!asked)
        return false;
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    m_loader->start(paths, tables);
    return true;
}

void MainWindow::onLoadFinished()
{
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    const QStringList paths = m_loader->paths();
    std::optional<Scenario> loaded = m_loader->takeScenario();
    std::vector<Diagnostic> diags = m_loader->diagnostics();

    if (!m_loader->wasCancelled() && !loaded && m_interactive && askTables(paths, diags))
        return;
    if (m_loader->wasCancelled() || !loaded) {
        QStringList errors;
        for (const Diagnostic &d : diags)
            if (d.severity == Diagnostic::Error)
                errors << d.toString();
        const QString message = m_loader->wasCancelled()
                                    ? tr("Loading %1 was cancelled.").arg(paths.join(QStringLiteral(", ")))
                                    : tr("Could not load %1:\n%2")
                                          .arg(paths.join(QStringLiteral(", ")),
                                               errors.isEmpty() ? tr("unknown error") : errors.join(QLatin1Char('\n')));
        updateTitleAndStatus();
        statusBar()->showMessage(m_loader->wasCancelled() ? tr("Loading cancelled") : tr("Loading failed"), 5000);
        if (m_interactive && !m_loader->wasCancelled()) {
            QMessageBox box(QMessageBox::Critical, tr("Cannot Open Scenario"),
                            tr("Could not load %1.").arg(paths.join(QStringLiteral(", "))), QMessageBox::Ok, this);
            box.setInformativeText(errors.mid(0, 12).join(QLatin1Char('\n')));
            box.setDetailedText(errors.join(QLatin1Char('\n')));
            box.exec();
        }
        Q_EMIT loadFailed(message);
        return;
    }

    // Keep the old scenario alive until the views point at the new one.
    m_scene->setRuleset(nullptr, m_theme);
    m_dump->setRuleset(nullptr, m_theme);
    m_treeModel->setScenario(nullptr);
    m_scenario = std::make_shared<const Scenario>(std::move(*loaded));
    loaded.reset();
    m_node = -1;
    addRecent(paths);

    {
        // One list for the Problems tab, grouped there by kind as `parse` groups them; a
        // message met twice (a file shared by nodes) once.
        std::vector<Diagnostic> problems;
        QSet<QString> seen;
        auto addProblems = [&](const std::vector<Diagnostic> &list) {
            for (const Diagnostic &d : list) {
                if (!seen.contains(d.toString())) {
                    seen.insert(d.toString());
                    problems.push_back(d);
                }
            }
        };
        addProblems(diags);
        addProblems(m_scenario->diagnostics);
        for (const Node &n : m_scenario->nodes)
            addProblems(n.rules.diagnostics);
        m_problems->setDiagnostics(std::move(problems));
    }

    m_treeModel->setScenario(m_scenario.get());
    {
        const QSignalBlocker blocker(m_nodeBox);
        m_nodeBox->clear();
        for (const Node &n : m_scenario->nodes)
            m_nodeBox->addItem(n.name);
    }
    updateTitleAndStatus();
    int node = m_scenario->nodeIndex(m_preferredNode);
    if (node < 0)
        node = 0;
    if (!m_scenario->nodes.empty())
        setCurrentNode(node);
    Q_EMIT scenarioLoaded();
}

void MainWindow::setCurrentNode(int node)
{
    if (!m_scenario || node < 0 || node >= int(m_scenario->nodes.size()) || node == m_node)
        return;
    m_node = node;
    const Ruleset &rules = m_scenario->nodes[size_t(node)].rules;
    m_scene->setRuleset(&rules, m_theme);
    m_dump->setRuleset(&rules, m_theme);
    {
        const QSignalBlocker blocker(m_nodeBox);
        m_nodeBox->setCurrentIndex(node);
    }
    if (!m_filter->text().isEmpty())
        m_scene->revealMatching(m_filter->text());
    m_tree->expand(m_proxy->mapFromSource(m_treeModel->nodeIndex(node)));
    showInitialView();
    Q_EMIT currentNodeChanged(node);
}

void MainWindow::showInitialView()
{
    // Start where a forwarded packet is decided: filter FORWARD with its policy row, at a
    // zoom where rows and counters are readable; the whole graph is a Ctrl+0 away.
    m_view->setZoom(0.9);
    const Ruleset &rules = m_scenario->nodes[size_t(m_node)].rules;
    const int forward = rules.table(TableId::Filter).chainIndex("FORWARD");
    if (ChainCard *card = forward >= 0 ? m_scene->card(TableId::Filter, forward) : nullptr) {
        const QRectF r = card->sceneBoundingRect();
        const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
        m_view->centerOn(r.left() + visible.width() / 2 - 60, r.top() + visible.height() / 2 - 70);
        // The dump opens at the same chain's declaration (its policy and counters).
        const Chain &chain = rules.table(TableId::Filter).chains[size_t(forward)];
        if (chain.loc.file >= 0 && chain.loc.line > 0)
            m_dump->showLine(chain.loc.file, chain.loc.line);
    } else {
        m_view->fitAll();
    }
}

void MainWindow::onTreeCurrentChanged(const QModelIndex &current)
{
    if (!m_scenario || !current.isValid())
        return;
    const QModelIndex index = m_proxy->mapToSource(current.siblingAtColumn(0));
    const int node = index.data(ScenarioTreeModel::NodeRole).toInt();
    if (node != m_node)
        setCurrentNode(node);
    if (index.data(ScenarioTreeModel::KindRole).toInt() != ScenarioTreeModel::ChainItem)
        return;
    const auto table = TableId(index.data(ScenarioTreeModel::TableRole).toInt());
    const int chain = index.data(ScenarioTreeModel::ChainRole).toInt();
    m_scene->selectChain(table, chain);
    if (ChainCard *card = m_scene->card(table, chain))
        m_view->focusItem(card);
    m_dump->selectChain(table, chain);
}

void MainWindow::onFilterChanged(const QString &text)
{
    m_proxy->setFilterFixedString(text);
    if (!text.isEmpty()) {
        m_tree->expandAll();
        m_scene->revealMatching(text);
    }
}

void MainWindow::enterFilterResults()
{
    // Typed a moment ago: filter now rather than when the pause timer fires.
    if (m_filterTimer->isActive()) {
        m_filterTimer->stop();
        onFilterChanged(m_filter->text());
    }
    if (m_proxy->rowCount() == 0)
        return;
    QModelIndex index = m_tree->currentIndex();
    if (!index.isValid() || !m_filter->text().isEmpty()) {
        // The first match: the first chain (a leaf) when filtering, else the first node.
        index = m_proxy->index(0, 0);
        while (!m_filter->text().isEmpty() && m_proxy->rowCount(index) > 0)
            index = m_proxy->index(0, 0, index);
    }
    m_tree->setFocus(Qt::TabFocusReason);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void MainWindow::onRuleClicked(quint32 ruleId)
{
    if (m_syncing)
        return;
    m_syncing = true;
    m_dump->selectRule(ruleId);
    m_syncing = false;
}

void MainWindow::onDumpRule(quint32 ruleId)
{
    if (m_syncing)
        return;
    m_syncing = true;
    m_scene->selectRule(ruleId);
    if (ChainCard *card = m_scene->cardForRule(ruleId)) {
        const int row = card->rowOfRule(ruleId);
        m_view->ensureVisible(card->mapRectToScene(card->rowRect(row)), 40, 40);
    }
    m_syncing = false;
}

void MainWindow::onDumpChain(TableId table, int chain)
{
    if (m_syncing)
        return;
    m_syncing = true;
    m_scene->selectChain(table, chain);
    if (ChainCard *card = m_scene->card(table, chain)) {
        // The policy row where there is one (":FORWARD DROP" stands for it), else the title.
        const QRectF r = card->policyRow() >= 0 ? card->rowRect(card->policyRow()) : QRectF(0, 0, ChainCard::Width, 40);
        m_view->ensureVisible(card->mapRectToScene(r), 40, 40);
    }
    m_syncing = false;
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Chainscope"),
                       tr("<h3>Chainscope %1</h3><p>Shows what netfilter/iptables does to a packet "
                          "across cluster nodes.</p>")
                           .arg(QStringLiteral(CHAINSCOPE_VERSION)));
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    m_firstStart = !settings.contains(QStringLiteral("window/state"));
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    // Saved on a larger screen: shrink to this one's available area and move onto it.
    if (const QScreen *s = screen()) {
        const QRect avail = s->availableGeometry();
        if (!isMaximized() && !isFullScreen() && (width() > avail.width() - 16 || height() > avail.height() - 48)) {
            resize(size().boundedTo(defaultSize(avail)));
            move(avail.topLeft() + QPoint((avail.width() - width()) / 2, (avail.height() - height()) / 2));
        }
    }
    // The Lesson dock belongs to a lesson in progress; none is when the window opens, and a
    // dock left open would squeeze the explanation on every later start.
    if (m_lessons && m_lessons->lessonDock())
        m_lessons->lessonDock()->hide();
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Ask before discarding unsaved work; a clean close leaves no autosave.
    if (m_session && !m_session->maybeSave()) {
        event->ignore();
        return;
    }
    if (m_session)
        m_session->windowClosing();
    if (m_interactive)
        saveSettings();
    m_loader->cancel();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &url : urls)
        if (url.isLocalFile()) {
            event->acceptProposedAction();
            return;
        }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &url : urls)
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    openPaths(paths);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();   // then QWidget sends the event on to the children: docks, panels, controllers
    if (event->type() == QEvent::PaletteChange) {
        const Theme theme = Theme::fromPalette(palette());
        if (theme.isDark != m_theme.isDark) {
            m_theme = theme;
            if (m_scenario && m_node >= 0) {
                const int node = m_node;
                m_node = -1;
                setCurrentNode(node);
            }
        }
    }
    QMainWindow::changeEvent(event);
}

CompareWindow *MainWindow::showCompare(const QString &left, const QString &right)
{
    if (!m_scenario || m_scenario->nodes.empty())
        return nullptr;
    if (!m_compare) {
        m_compare = new CompareWindow(this);
        m_compare->setWindowFlag(Qt::Window);
    }
    m_compare->setScenario(*m_scenario);
    if (m_trace) // compare: the packet form starts with this window's packet
        m_compare->setPacket(m_trace->hasTrace() ? m_trace->trace().packet : m_trace->packetPanel()->spec());
    const int n = int(m_scenario->nodes.size());
    int l = m_scenario->nodeIndex(left);
    int r = m_scenario->nodeIndex(right);
    if (l < 0)
        l = std::max(m_node, 0);
    if (r < 0)
        r = (l + 1) % n;
    m_compare->compareNodes(l, r);
    m_compare->show();
    m_compare->raise();
    m_compare->activateWindow();
    return m_compare;
}

} // namespace chainscope
