#include "lessoncontroller.h"

#include "nftpanel.h"
#include "nftruleset.h"
#include "language.h"

#include "bundleddata.h"
#include "chaincard.h"
#include "chainscene.h"
#include "chainview.h"
#include "mainwindow.h"
#include "packetpanel.h"
#include "traceanimator.h"
#include "tracecontroller.h"
#include "tracedocument.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsSceneMouseEvent>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QScrollArea>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace chainscope {

namespace {

QString str(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString settingsKey(const QString &id)
{
    return QStringLiteral("lessons/%1/progress").arg(id);
}

QString firstErrors(const std::vector<Diagnostic> &diags)
{
    QStringList lines;
    for (const Diagnostic &d : diags)
        lines << d.toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace

LessonController::LessonController(MainWindow *window, TraceController *trace)
    : QObject(window)
    , m_window(window)
    , m_trace(trace)
    , m_theme(Theme::fromPalette(window->palette()))
{
    // The folders the learner opened lessons from, as on the last run (missing ones included:
    // the page says they are missing rather than dropping them unseen).
    for (const QString &folder : QSettings().value(foldersKey()).toStringList())
        if (!folder.isEmpty() && !m_roots.contains(folder))
            m_roots << folder;
    createWidgets();
    createActions();
    // After the trace controller's own handler (it was connected first), so the packet
    // panel already knows the new scenario when the lesson's packet is put in it.
    connect(m_window, &MainWindow::scenarioLoaded, this, &LessonController::onScenarioLoaded);
    connect(m_window, &MainWindow::loadFailed, this, [this](const QString &message) {
        if (!m_starting)
            return;
        m_starting = false;
        m_lesson.reset();
        Q_EMIT lessonRefused(message);
    });
    connect(m_window->chainScene(), &ChainScene::ruleClicked, this, &LessonController::pickRule);
    // A rule or base chain of an nft table is picked in the nftables dock (clicked or chosen by keyboard).
    connect(m_trace->nftPanel()->tree(), &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        const Scenario *sc = m_window->scenario();
        if (!m_lesson || !item || !sc || m_window->currentNode() < 0)
            return;
        const int kind = item->data(0, NftPanel::KindRole).toInt();
        const auto &nft = sc->nodes[size_t(m_window->currentNode())].rules.nft;
        if (!nft || (kind != NftPanel::RuleItem && kind != NftPanel::ChainItem))
            return;
        const nft::Chain &c = nft->chains[size_t(item->data(0, NftPanel::ChainRole).toInt())];
        if (kind == NftPanel::ChainItem && !c.base)
            return;
        m_pick = Pick{sc->nodes[size_t(m_window->currentNode())].name, TableId::Filter, str(c.name),
                      kind == NftPanel::RuleItem ? item->data(0, NftPanel::RuleRole).toInt() + 1 : 0, nft->tableTitle(c.table)};
        m_pickLabel->setText(tr("Picked: %1").arg(pickWhere()));
    });
    // A click on a policy row is not reported by the scene (ChainCard::ruleIdAt gives 0
    // there), so the scene's presses are watched to learn which row was picked.
    m_window->chainScene()->installEventFilter(this);
}

LessonController::~LessonController() = default;

QString LessonController::bundledLessonsDir()
{
    // CHAINSCOPE_LESSONS: another set of lessons in their place (entries() reports it missing).
    if (const QString env = qEnvironmentVariable("CHAINSCOPE_LESSONS"); !env.isEmpty() && QFileInfo(env).isDir())
        return QDir::cleanPath(env);
    return BundledData::lessonsDir();
}

void LessonController::createWidgets()
{
    m_page = new LessonsPage(m_window);
    m_page->setTheme(m_theme);
    // Wide enough for the titles, which are whole sentences (resizeDocks() does not hold
    // while the dock is being shown for the first time).
    m_page->setMinimumWidth(440);
    m_pageDock = new QDockWidget(m_window);
    m_pageDock->setObjectName(QStringLiteral("lessonsDock"));
    m_pageDock->setWidget(m_page);
    m_window->addDockWidget(Qt::LeftDockWidgetArea, m_pageDock);
    m_pageDock->hide();
    connect(m_page, &LessonsPage::startRequested, this, [this](const QString &folder) { startLesson(folder); });
    connect(m_page, &LessonsPage::openRequested, this, &LessonController::openLessonDialog);
    connect(m_page, &LessonsPage::forgetRequested, this, &LessonController::forgetLessonRoot);

    auto *host = new QWidget(m_window);
    auto *layout = new QVBoxLayout(host);
    layout->setContentsMargins(6, 6, 6, 6);
    m_title = new QLabel(host);
    m_title->setWordWrap(true);
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_title->setFont(big);
    layout->addWidget(m_title);
    m_story = new QLabel(host);
    m_story->setWordWrap(true);
    m_story->setTextFormat(Qt::RichText);
    m_story->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_story);

    m_pickLabel = new QLabel(host);
    m_pickLabel->setWordWrap(true);
    layout->addWidget(m_pickLabel);
    auto *row1 = new QHBoxLayout;
    m_answerButton = new QPushButton(host);
    m_checkButton = new QPushButton(host);
    row1->addWidget(m_answerButton);
    row1->addWidget(m_checkButton);
    layout->addLayout(row1);
    m_answerLabel = new QLabel(host);
    m_answerLabel->setWordWrap(true);
    m_answerLabel->setTextFormat(Qt::RichText);
    layout->addWidget(m_answerLabel);
    m_checkLabel = new QLabel(host);
    m_checkLabel->setWordWrap(true);
    m_checkLabel->setTextFormat(Qt::RichText);
    m_checkLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_checkLabel);

    auto *row2 = new QHBoxLayout;
    m_hintButton = new QPushButton(host);
    m_showAnswerButton = new QPushButton(host);
    row2->addWidget(m_hintButton);
    row2->addWidget(m_showAnswerButton);
    layout->addLayout(row2);
    m_hintsLabel = new QLabel(host);
    m_hintsLabel->setWordWrap(true);
    m_hintsLabel->setTextFormat(Qt::RichText);
    layout->addWidget(m_hintsLabel);
    m_explanationLabel = new QLabel(host);
    m_explanationLabel->setWordWrap(true);
    m_explanationLabel->setTextFormat(Qt::RichText);
    layout->addWidget(m_explanationLabel);
    layout->addStretch(1);

    m_lessonDock = new QDockWidget(m_window);
    m_tr.add([this] {
        m_pageDock->setWindowTitle(tr("Lessons"));
        m_lessonDock->setWindowTitle(tr("Lesson"));
        m_answerButton->setText(tr("This is where it &dies"));
        m_answerButton->setToolTip(tr("Answer with the row picked on the graph (Ctrl+Shift+D)"));
        m_checkButton->setText(tr("Chec&k my fix"));
        m_checkButton->setToolTip(tr("Check the candidate rules and policies against the lesson's goal (Ctrl+Shift+K)"));
        m_hintButton->setToolTip(tr("Reveal the next hint (Ctrl+Shift+H)"));
        m_showAnswerButton->setText(tr("Show the &answer"));
    });
    m_pickLabel->setText(tr("Pick a rule or policy row on the graph."));
    m_lessonDock->setObjectName(QStringLiteral("lessonDock"));
    // In a scroll area: a long story, four hints and the explanation must not make the
    // dock (and so the window) taller than the screen.
    auto *scroll = m_scroll = new QScrollArea(m_window);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(host);
    m_lessonDock->setWidget(scroll);
    m_window->addDockWidget(Qt::RightDockWidgetArea, m_lessonDock);
    m_lessonDock->hide();

    connect(m_answerButton, &QPushButton::clicked, this, &LessonController::answer);
    connect(m_checkButton, &QPushButton::clicked, this, &LessonController::checkFix);
    connect(m_hintButton, &QPushButton::clicked, this, &LessonController::showHint);
    connect(m_showAnswerButton, &QPushButton::clicked, this, &LessonController::showAnswer);
}

void LessonController::createActions()
{
    m_lessonsAction = new QAction(this);
    m_lessonsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_lessonsAction, &QAction::triggered, this, &LessonController::showLessonsPage);
    m_openAction = new QAction(this);
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    connect(m_openAction, &QAction::triggered, this, &LessonController::openLessonDialog);
    m_answerAction = new QAction(this);
    m_answerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(m_answerAction, &QAction::triggered, this, &LessonController::answer);
    m_checkAction = new QAction(this);
    m_checkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    connect(m_checkAction, &QAction::triggered, this, &LessonController::checkFix);
    m_hintAction = new QAction(this);
    m_hintAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    connect(m_hintAction, &QAction::triggered, this, &LessonController::showHint);
    m_showAnswerAction = new QAction(this);
    connect(m_showAnswerAction, &QAction::triggered, this, &LessonController::showAnswer);

    // Shortcuts work anywhere in the window: the actions live on it, and in a menu.
    auto *menu = new QMenu(m_window);
    m_tr.add([this, menu] {
        menu->setTitle(tr("Trainin&g"));
        m_lessonsAction->setText(tr("&Lessons"));
        m_openAction->setText(tr("Ope&n Lesson..."));
        m_answerAction->setText(tr("This Is Where It &Dies"));
        m_checkAction->setText(tr("Chec&k My Fix"));
        m_hintAction->setText(tr("Show &Hint"));
        m_showAnswerAction->setText(tr("Show the &Answer"));
    });
    menu->addAction(m_lessonsAction);
    menu->addAction(m_openAction);
    menu->addSeparator();
    menu->addAction(m_answerAction);
    menu->addAction(m_checkAction);
    menu->addAction(m_hintAction);
    menu->addAction(m_showAnswerAction);
    menu->addSeparator();
    menu->addAction(m_pageDock->toggleViewAction());
    menu->addAction(m_lessonDock->toggleViewAction());
    // Before Help (the last menu); File > Open Lesson... next to the other Open actions.
    const QList<QAction *> menus = m_window->menuBar()->actions();
    if (!menus.isEmpty())
        m_window->menuBar()->insertMenu(menus.last(), menu);
    else
        m_window->menuBar()->addMenu(menu);
    if (!menus.isEmpty() && menus.first()->menu()) {
        QMenu *file = menus.first()->menu();
        QAction *before = nullptr;
        for (QAction *a : file->actions()) {
            if (a->menu()) { // Open Recent
                before = a;
                break;
            }
        }
        file->insertAction(before, m_openAction);
    }
    // The graph's context menu (ActionsContextMenu): answer with the row under the cursor.
    m_window->chainView()->addAction(m_answerAction);
    updatePanel();
}

void LessonController::addLessonRoot(const QString &folder)
{
    const QString abs = QFileInfo(folder).absoluteFilePath();
    if (m_roots.contains(abs))
        return;
    m_roots << abs;
    QSettings().setValue(foldersKey(), m_roots);
}

void LessonController::forgetLessonRoot(const QString &folder)
{
    if (!m_roots.removeAll(folder))
        return;
    QSettings().setValue(foldersKey(), m_roots);
    refresh();
}

void LessonController::refresh()
{
    m_page->setEntries(entries(m_roots));
}

std::vector<LessonsPage::Entry> LessonController::entries(const QStringList &roots)
{
    std::vector<LessonsPage::Entry> out;
    auto missing = [&out](const QString &folder, const QString &root, const QString &message) {
        LessonsPage::Entry e;
        e.folder = folder;
        e.id = QFileInfo(folder).fileName();
        e.title = QDir::toNativeSeparators(folder);
        e.root = root;
        e.missing = true;
        e.error = message;
        out.push_back(e);
    };
    if (const QString env = qEnvironmentVariable("CHAINSCOPE_LESSONS"); !env.isEmpty() && !QFileInfo(env).isDir())
        missing(env, QString(), tr("%1: not a folder (CHAINSCOPE_LESSONS); the bundled lessons are listed instead")
                                    .arg(QDir::toNativeSeparators(env)));
    QStringList seen;
    auto lesson = [&out, &seen](const QString &folder, const QString &root) {
        if (seen.contains(folder))
            return;
        seen << folder;
        LessonsPage::Entry e;
        e.folder = folder;
        e.id = QFileInfo(folder).fileName();
        e.root = root;
        std::vector<Diagnostic> diags;
        if (auto l = Lesson::load(folder, diags, Language::current())) {
            e.title = l->title;
            e.difficulty = l->difficulty;
            e.progress = progressText(progress(e.id));
        } else {
            e.title = e.id;
            e.error = firstErrors(diags);
            if (e.error.isEmpty())
                e.error = tr("%1: the lesson does not load").arg(folder);
        }
        out.push_back(e);
    };
    QStringList all = roots;
    const QString bundled = bundledLessonsDir();
    if (!bundled.isEmpty())
        all.prepend(bundled);
    for (const QString &root : std::as_const(all)) {
        // The root the learner added a lesson under; empty for the bundled ones.
        const QString owner = root == bundled ? QString() : root;
        const QDir dir(root);
        if (!dir.exists()) {
            missing(root, owner, tr("%1: folder not found").arg(QDir::toNativeSeparators(root)));
        } else if (dir.exists(QStringLiteral("lesson.json"))) {
            lesson(dir.absolutePath(), owner);
        } else {
            for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
                lesson(dir.absoluteFilePath(name), owner);
        }
    }
    return out;
}

LessonController::Progress LessonController::progress(const QString &id)
{
    return Progress(std::clamp(QSettings().value(settingsKey(id), int(NotStarted)).toInt(), int(NotStarted), int(Solved)));
}

QString LessonController::progressText(Progress p)
{
    switch (p) {
    case Answered:
        return tr("answered");
    case Solved:
        return tr("solved");
    case NotStarted:
        break;
    }
    return tr("not started");
}

void LessonController::setProgress(Progress p)
{
    if (!m_lesson)
        return;
    const QString id = QFileInfo(m_lesson->folder).fileName();
    if (p <= progress(id))
        return; // progress never goes back
    QSettings().setValue(settingsKey(id), int(p));
    Q_EMIT progressChanged(id, p);
    // Only the progress column changes: no need to load every lesson again.
    std::vector<LessonsPage::Entry> entries = m_page->entries();
    for (LessonsPage::Entry &e : entries)
        if (e.id == id && e.valid())
            e.progress = progressText(p);
    m_page->setEntries(entries);
}

void LessonController::showLessonsPage()
{
    refresh();
    m_pageDock->show();
    m_pageDock->raise();
    m_page->list()->setFocus();
}

QString LessonController::scenarioPathOf(const QString &folder) const
{
    // Lesson::load resolved it already but does not keep the path; the window loads it again
    // through its own loader (off the GUI thread, with progress), like any other scenario.
    QFile f(QDir(folder).filePath(QStringLiteral("lesson.json")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QString ref = QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("scenario")).toString();
    return QDir::cleanPath(QDir(folder).filePath(ref));
}

bool LessonController::startLesson(const QString &folder, QString *error)
{
    std::vector<Diagnostic> diags;
    auto l = Lesson::load(folder, diags, Language::current());
    if (!l) {
        QString message = firstErrors(diags);
        if (message.isEmpty())
            message = tr("%1: the lesson does not load").arg(folder);
        if (error)
            *error = message;
        Q_EMIT lessonRefused(message);
        if (m_window->isInteractive())
            QMessageBox::warning(m_window, tr("Open Lesson"), tr("This lesson cannot be opened:\n%1").arg(message));
        return false;
    }
    // A folder of the learner's own is listed from now on; the bundled ones are listed anyway
    // (from whichever copy: the one inside the executable is never remembered).
    const QString bundled = bundledLessonsDir();
    const QString abs = QFileInfo(folder).absoluteFilePath();
    const bool inside = abs.startsWith(QLatin1String(":/"));
    if (!inside && (bundled.isEmpty() || !abs.startsWith(QDir(bundled).absolutePath() + QLatin1Char('/'))))
        addLessonRoot(folder);
    m_lesson = std::move(*l);
    m_pick.reset();
    m_check.reset();
    m_answerCorrect = false;
    m_answerShown = false;
    m_hints = 0;
    m_starting = true;
    m_window->openPaths({scenarioPathOf(folder)});
    return true;
}

void LessonController::openLessonDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(m_window, tr("Open Lesson Folder"));
    if (folder.isEmpty())
        return;
    if (startLesson(folder))
        refresh();
}

void LessonController::onScenarioLoaded()
{
    if (!m_starting) {
        // Another scenario was opened: the lesson is over.
        if (m_lesson)
            endLesson();
        return;
    }
    m_starting = false;
    m_trace->packetPanel()->setSpec(m_lesson->packet);
    m_lessonDock->show();
    m_lessonDock->raise();
    // The story and the results need room; the trace docks above it keep the rest.
    m_window->resizeDocks({m_lessonDock}, {560}, Qt::Vertical);
    updatePanel();
    Q_EMIT lessonStarted();
}

void LessonController::endLesson()
{
    m_lesson.reset();
    m_pick.reset();
    m_check.reset();
    m_lessonDock->hide();
    updatePanel();
}

QString LessonController::colouredText(const QString &text, const QColor &colour) const
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(colour.name(), text.toHtmlEscaped());
}

void LessonController::updatePanel()
{
    const bool on = m_lesson.has_value();
    for (QAction *a : {m_answerAction, m_checkAction, m_hintAction, m_showAnswerAction})
        a->setEnabled(on);
    m_answerButton->setEnabled(on);
    m_checkButton->setEnabled(on);
    m_showAnswerButton->setEnabled(on);
    if (!on) {
        m_title->clear();
        m_story->clear();
        m_answerLabel->clear();
        m_checkLabel->clear();
        m_explanationLabel->clear();
        updateHints();
        return;
    }
    m_title->setText(QStringLiteral("%1  %2").arg(m_lesson->title, LessonsPage::difficultyText(m_lesson->difficulty)));
    m_story->setText(QStringLiteral("<p>%1</p><p><b>%2</b></p>")
                             .arg(m_lesson->story.toHtmlEscaped(), m_lesson->question.toHtmlEscaped()));
    if (!m_answerShown)
        m_explanationLabel->clear();
    if (!m_check)
        m_checkLabel->clear();
    if (!m_pick)
        m_pickLabel->setText(tr("Pick a rule or policy row on the graph, then press \"This is where it dies\"."));
    updateHints();
}

void LessonController::tidy()
{
    // Empty result labels take no room, so the buttons stay together.
    for (QLabel *l : {m_answerLabel, m_checkLabel, m_hintsLabel, m_explanationLabel})
        l->setVisible(!l->text().isEmpty());
}

void LessonController::updateHints()
{
    const int total = m_lesson ? int(m_lesson->hints.size()) : 0;
    QStringList shown;
    for (int i = 0; i < std::min(m_hints, total); ++i)
        shown << tr("<b>Hint %1.</b> %2").arg(i + 1).arg(m_lesson->hints[i].toHtmlEscaped());
    m_hintsLabel->setText(shown.join(QStringLiteral("<br>")));
    if (total == 0)
        m_hintButton->setText(tr("No hints"));
    else if (m_hints >= total)
        m_hintButton->setText(tr("All %n hint(s) shown", nullptr, total));
    else
        m_hintButton->setText(tr("Show &hint (%1 of %2)").arg(m_hints + 1).arg(total));
    const bool more = m_lesson && m_hints < total;
    m_hintButton->setEnabled(more);
    m_hintAction->setEnabled(more);
    tidy();
}

bool LessonController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window->chainScene() && event->type() == QEvent::GraphicsSceneMousePress) {
        auto *e = static_cast<QGraphicsSceneMouseEvent *>(event);
        if (e->button() == Qt::LeftButton || e->button() == Qt::RightButton)
            pickFromScenePoint(e->scenePos());
    }
    return QObject::eventFilter(watched, event);
}

void LessonController::pickFromScenePoint(const QPointF &scenePos)
{
    ChainCard *card = m_window->chainScene()->cardAt(scenePos);
    // An nft card's click selects its rule in the nftables dock, which picks it.
    if (!card || card->isNft())
        return;
    const QPointF local = card->mapFromScene(scenePos);
    if (local.y() < ChainCard::TitleHeight)
        return;
    const int row = int((local.y() - ChainCard::TitleHeight) / ChainCard::RowHeight);
    // structureRows(): whether a row is the policy or which rule it is, without laying out
    // the texts of every row.
    if (row < 0 || row >= int(card->structureRows().size()))
        return;
    const ChainCard::Row &r = card->structureRows()[size_t(row)];
    if (r.policy) {
        const Scenario *sc = m_window->scenario();
        if (!sc || m_window->currentNode() < 0)
            return;
        pick(sc->nodes[size_t(m_window->currentNode())].name, card->table(), card->chainName(), 0);
    } else if (r.ruleId != 0) {
        pickRule(r.ruleId);
    }
}

void LessonController::pickRule(quint32 ruleId)
{
    const Scenario *sc = m_window->scenario();
    const Ruleset *rs = m_window->chainScene()->ruleset();
    if (!sc || !rs || m_window->currentNode() < 0)
        return;
    TableId table = TableId::Filter;
    int chain = -1;
    int index = -1;
    if (!rs->findRule(ruleId, &table, &chain, &index))
        return;
    pick(sc->nodes[size_t(m_window->currentNode())].name, table, str(rs->table(table).chains[size_t(chain)].name), index + 1);
}

void LessonController::pick(const QString &node, TableId table, const QString &chain, int rule)
{
    m_pick = Pick{node, table, chain, rule, QString()};
    m_pickLabel->setText(tr("Picked: %1").arg(pickWhere()));
}

QString LessonController::pickWhere() const
{
    if (!m_pick)
        return {};
    const Pick &p = *m_pick;
    const QString table = p.nftTable.isEmpty() ? str(tableName(p.table)) : p.nftTable;
    return p.rule == 0 ? tr("%1 %2 %3 policy").arg(p.node, table, p.chain)
                       : tr("%1 %2 %3 rule %4").arg(p.node, table, p.chain).arg(p.rule);
}

bool LessonController::answer()
{
    if (!m_lesson)
        return false;
    // Nothing clicked: what is selected, perhaps from the keyboard (a rule's line in the dump
    // view selects its row, a chain's declaration line its policy row).
    TableId policyTable = TableId::Filter;
    int policyChain = -1;
    if (!m_pick && m_window->chainScene()->selectedRule() != 0) {
        pickRule(m_window->chainScene()->selectedRule());
    } else if (!m_pick && m_window->chainScene()->selectedPolicy(policyTable, policyChain) && m_window->scenario()
               && m_window->currentNode() >= 0) {
        const Ruleset &rs = *m_window->chainScene()->ruleset();
        pick(m_window->scenario()->nodes[size_t(m_window->currentNode())].name, policyTable,
             str(rs.table(policyTable).chains[size_t(policyChain)].name), 0);
    }
    if (m_pick) {
        const Pick &p = *m_pick;
        m_answerCorrect = p.nftTable.isEmpty() ? LessonChecker::isAnswer(*m_lesson, p.node, p.table, p.chain, p.rule)
                                               : LessonChecker::isNftAnswer(*m_lesson, p.node, p.nftTable, p.chain, p.rule);
    }
    showAnswerResult();
    if (m_pick && m_answerCorrect) {
        setProgress(Answered);
        // The lesson now asks to drag a candidate in: there must be some, traced or not.
        m_trace->offerCandidates(m_lesson->packet);
    }
    return m_pick && m_answerCorrect;
}

void LessonController::showAnswerResult()
{
    if (!m_pick)
        m_answerLabel->setText(tr("Pick a rule or policy row on the graph first (click it)."));
    else if (m_answerCorrect)
        m_answerLabel->setText(colouredText(tr("Right: this is where the packet dies. Now fix it: drag a candidate rule "
                                               "onto the graph, then press \"Check my fix\"."),
                                            m_theme.policyAccept));
    else
        m_answerLabel->setText(colouredText(tr("Not there: the packet does not die at %1. Trace it (Ctrl+T) and follow "
                                               "each branch to its verdict.")
                                                    .arg(pickWhere()),
                                            m_theme.policyDrop));
    tidy();
}

void LessonController::checkFix()
{
    if (!m_lesson)
        return;
    const LessonCheck c = LessonChecker::check(*m_lesson, m_trace->document()->edits());
    m_check = c;
    QStringList lines;
    const QString goal = c.goalMet ? tr("Goal met: %1 of %2 branches get through.").arg(c.branchesMet).arg(c.branches)
                                   : tr("Goal not met: %1 of %2 branches get through.").arg(c.branchesMet).arg(c.branches);
    lines << colouredText(goal, c.goalMet ? m_theme.policyAccept : m_theme.policyDrop);
    if (!m_trace->document()->edits().empty()) {
        lines << tr("Your change lets through %n more probe flow(s); the narrowest fix: %1.", nullptr, c.blast.newlyAccepted)
                         .arg(c.narrowest.newlyAccepted)
                         .toHtmlEscaped();
        if (!c.blast.matchSpace.isEmpty())
            lines << tr("It matches: %1").arg(c.blast.matchSpace).toHtmlEscaped();
        if (!c.blast.examples.isEmpty())
            lines << tr("It also lets through: %1").arg(c.blast.examples.mid(0, 3).join(QStringLiteral("; "))).toHtmlEscaped();
    }
    if (c.goalMet && c.broaderThanNeeded)
        lines << colouredText(tr("\u26a0 Broader than needed: this works, but opens much more than the incident needs."),
                              m_theme.warning);
    if (!c.message.isEmpty())
        lines << c.message.toHtmlEscaped();
    if (c.goalMet && !c.broaderThanNeeded && !m_answerShown) {
        lines << colouredText(tr("Solved."), m_theme.policyAccept);
        setProgress(Solved);
    }
    m_checkLabel->setText(lines.join(QStringLiteral("<br>")));
    tidy();
}

void LessonController::showHint()
{
    if (!m_lesson || m_hints >= int(m_lesson->hints.size()))
        return;
    ++m_hints;
    updateHints();
}

void LessonController::showAnswer()
{
    if (!m_lesson)
        return;
    m_answerShown = true;
    // The learner's own edits are undone (still on the redo side), then the known fix is
    // applied as ordinary commands, so it can be undone and compared.
    QUndoStack *undo = m_window->undoStack();
    undo->setIndex(0);
    m_fixErrors.clear();
    for (const Edit &e : m_lesson->narrowestFix) {
        QString error;
        m_fixErrors << (m_trace->submitEdit(e, &error) ? QString() : error.isEmpty() ? QStringLiteral("?") : error);
    }
    showAnswerText();
    m_trace->traceSpec(m_lesson->packet);
    m_trace->animator()->restart();
    checkFix();
    // Once the labels are laid out with their new text.
    QTimer::singleShot(0, m_scroll, [this] { m_scroll->ensureWidgetVisible(m_explanationLabel); });
}

void LessonController::showAnswerText()
{
    QStringList fix;
    for (size_t i = 0; i < m_lesson->narrowestFix.size(); ++i) {
        const Edit &e = m_lesson->narrowestFix[i];
        const QString error = qsizetype(i) < m_fixErrors.size() ? m_fixErrors[qsizetype(i)] : QString();
        if (!error.isEmpty())
            fix << colouredText(tr("cannot apply: %1").arg(error), m_theme.policyDrop);
        else if (e.isNft())
            fix << (e.node + QStringLiteral(": ") + WhatIf::command(e)).toHtmlEscaped();
        else if (e.kind == Edit::Policy)
            fix << tr("%1: iptables -t %2 -P %3 %4")
                           .arg(e.node, str(tableName(e.table)), e.chain,
                                e.policyDrop ? QStringLiteral("DROP") : QStringLiteral("ACCEPT"))
                           .toHtmlEscaped();
        else
            fix << tr("%1: iptables -t %2 -I %3 %4 %5")
                           .arg(e.node, str(tableName(e.table)), e.chain)
                           .arg(e.position)
                           .arg(e.ruleText)
                           .toHtmlEscaped();
    }
    const QString answerTable = m_lesson->answerNftTable.isEmpty() ? str(tableName(m_lesson->answerTable)) : m_lesson->answerNftTable;
    const QString where = m_lesson->answerRule == 0
            ? tr("%1 %2 %3 policy").arg(m_lesson->answerNode, answerTable, m_lesson->answerChain)
            : tr("%1 %2 %3 rule %4").arg(m_lesson->answerNode, answerTable, m_lesson->answerChain).arg(m_lesson->answerRule);
    m_explanationLabel->setText(tr("<b>Answer.</b> The packet dies at %1.<br><b>The narrowest fix:</b><br>%2<br>%3")
                                        .arg(where.toHtmlEscaped(), fix.join(QStringLiteral("<br>")),
                                             m_lesson->explanation.toHtmlEscaped()));
}

bool LessonController::event(QEvent *event)
{
    // Sent on by the window after its own changeEvent().
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    return QObject::event(event);
}

void LessonController::retranslateUi()
{
    m_tr.retranslate();
    refresh();   // the lessons' titles and progress in the new language
    if (!m_lesson)
        return;
    // The same lesson, its words in the new language (a text it lacks stays English).
    std::vector<Diagnostic> diags;
    if (const auto l = Lesson::load(m_lesson->folder, diags, Language::current())) {
        m_lesson->title = l->title;
        m_lesson->story = l->story;
        m_lesson->question = l->question;
        m_lesson->explanation = l->explanation;
        if (l->hints.size() == m_lesson->hints.size())
            m_lesson->hints = l->hints;
    }
    updatePanel();
    if (m_pick)
        m_pickLabel->setText(tr("Picked: %1").arg(pickWhere()));
    if (!m_answerLabel->text().isEmpty())
        showAnswerResult();
    if (m_check)
        checkFix();
    if (m_answerShown && !m_explanationLabel->text().isEmpty())
        showAnswerText();
}

} // namespace chainscope
