#include "guitest.h"
#include "bundleddata.h"
#include "candidatepalette.h"
#include "chaincard.h"
#include "chainscene.h"
#include "chainview.h"
#include "dumptext.h"
#include "dumpview.h"
#include "lessoncontroller.h"
#include "lessonspage.h"
#include "mainwindow.h"
#include "packetpanel.h"
#include "tracecontroller.h"
#include "tracedocument.h"
#include "whatif.h"

#include <QDockWidget>
#include <QLabel>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

#include <memory>

using namespace chainscope;

// The lessons that come with Chainscope (resources/lessons): 01-06 iptables, 07 nftables.
constexpr int kBundled = 7;

namespace {
QString lesson01()
{
    return QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/lessons/01-flannel-forward-drop");
}
} // namespace

class TstLessons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void pageListsBundledLessons();
    void bundledCopyInsideTheExecutable();
    void addedFoldersAreRemembered();
    void missingLessonsFolderIsSaid();
    void executableListsLessonsFromAnywhere();
    void malformedLessonIsRefusedWithItsLine();
    void learnersLoopOnLesson01();
    void policyAcceptIsBroad();
    void answerFromTheKeyboard();
    void unrelatedRuleDoesNotMeetTheGoal();
    void hintsRevealOneAtATime();
    void candidatesOfferedBeforeAnyTrace();

private:
    void start();
    /** Clicks a row of a filter chain's card on a node through the viewport; row -1: the policy row. */
    void clickRow(const char *node, const char *chain, int row);
    bool submit(const QString &arg, bool policy = false);
    /** Drags the in/out candidate template onto node02's DOCKER-USER position 1 (as tst_trace). */
    void dropInOutOnNode02();

    QTemporaryDir m_settingsDir;
    std::unique_ptr<MainWindow> m_window;
    LessonController *m_lessons = nullptr;
};

void TstLessons::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    // No CHAINSCOPE_LESSONS: the bundled lessons are found as the app finds them, though this
    // executable is in build/tests/gui (the old "../../resources/lessons" missed them here).
    qunsetenv("CHAINSCOPE_LESSONS");
    QCoreApplication::setOrganizationName(QStringLiteral("chainscope-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_lessons"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void TstLessons::init()
{
    QSettings().clear();
    m_window = guitest::shownWindow();
    QVERIFY(m_window);
    m_lessons = m_window->lessonController();
    QVERIFY(m_lessons);
}

void TstLessons::cleanup()
{
    m_lessons = nullptr;
    m_window.reset();
}

void TstLessons::start()
{
    QSignalSpy started(m_lessons, &LessonController::lessonStarted);
    QSignalSpy failed(m_window.get(), &MainWindow::loadFailed);
    QString error;
    QVERIFY2(m_lessons->startLesson(lesson01(), &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(started.count() + failed.count(), 1, 30000);
    QCOMPARE(failed.count(), 0);
    QVERIFY(m_lessons->lesson());
    QVERIFY(m_lessons->lessonDock()->isVisible());
}

void TstLessons::clickRow(const char *node, const char *chain, int row)
{
    const Scenario *sc = m_window->scenario();
    m_window->setCurrentNode(sc->nodeIndex(QLatin1String(node)));
    const Ruleset *rs = m_window->chainScene()->ruleset();
    const int index = rs->table(TableId::Filter).chainIndex(chain);
    QVERIFY(index >= 0);
    m_window->chainScene()->reveal(TableId::Filter, index);
    ChainCard *card = m_window->chainScene()->card(TableId::Filter, index);
    QVERIFY(card);
    if (row < 0)
        row = card->policyRow();
    QVERIFY(row >= 0);
    ChainView *view = m_window->chainView();
    view->centerOn(card->mapToScene(card->rowRect(row).center()));
    const QPoint at = view->mapFromScene(card->mapToScene(card->rowRect(row).center()));
    QVERIFY(view->viewport()->rect().contains(at));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, at);
}

bool TstLessons::submit(const QString &arg, bool policy)
{
    Edit e;
    QString error;
    const bool parsed = policy ? WhatIf::parsePolicy(arg, m_window->traceController()->document()->original(), e, error)
                               : WhatIf::parseInsert(arg, m_window->traceController()->document()->original(), e, error);
    if (!parsed) {
        qWarning() << error;
        return false;
    }
    return m_window->traceController()->submitEdit(e, &error);
}

void TstLessons::dropInOutOnNode02()
{
    const Scenario *sc = m_window->scenario();
    m_window->setCurrentNode(sc->nodeIndex(QStringLiteral("node02")));
    CandidatePalette *palette = m_window->traceController()->palette();
    const int row = palette->rowOfRule(QStringLiteral("-i flannel.1 -o cni0 -j ACCEPT"));
    QVERIFY(row >= 0);
    std::unique_ptr<QMimeData> mime(palette->mimeDataFor(row));
    QVERIFY(mime);
    const Ruleset *rs = m_window->chainScene()->ruleset();
    ChainCard *dockerUser = m_window->chainScene()->card(TableId::Filter, rs->table(TableId::Filter).chainIndex("DOCKER-USER"));
    QVERIFY(dockerUser);
    ChainView *view = m_window->chainView();
    view->centerOn(dockerUser);
    QWidget *viewport = view->viewport();
    const QPointF local(80, dockerUser->rowRect(0).top() + 3);
    const QPoint at = view->mapFromScene(dockerUser->mapToScene(local));
    QVERIFY(viewport->rect().contains(at));
    QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
    QVERIFY(move.isAccepted());
    QDropEvent drop(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &drop);
    QVERIFY(drop.isAccepted());
}

void TstLessons::pageListsBundledLessons()
{
    QVERIFY(!LessonController::bundledLessonsDir().isEmpty());
    QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
    QVERIFY(m_lessons->lessonsDock()->isVisible());
    LessonsPage *page = m_lessons->lessonsPage();
    QCOMPARE(page->list()->topLevelItemCount(), kBundled);
    QCOMPARE(int(page->entries().size()), kBundled);
    for (const LessonsPage::Entry &e : page->entries())
        QVERIFY2(e.valid(), qPrintable(e.error));
    QTreeWidgetItem *first = page->list()->topLevelItem(0);
    QCOMPARE(first->text(0), QStringLiteral("The ClusterIP that nobody can reach"));
    QCOMPARE(first->text(1), QStringLiteral("\u25cf\u25cf\u25cb"));
    QCOMPARE(first->text(2), QStringLiteral("not started"));
    QCOMPARE(page->entries()[0].id, QStringLiteral("01-flannel-forward-drop"));
    QCOMPARE(LessonsPage::difficultyText(1), QStringLiteral("\u25cf\u25cb\u25cb"));
    QCOMPARE(LessonsPage::difficultyText(3), QStringLiteral("\u25cf\u25cf\u25cf"));
    // CHAINSCOPE_SHOT_DIR keeps a picture of the page (as tst_trace does).
    if (const QString dir = qEnvironmentVariable("CHAINSCOPE_SHOT_DIR"); !dir.isEmpty())
        QVERIFY(m_window->grab().save(dir + QStringLiteral("/lessons-page.png")));
}

void TstLessons::bundledCopyInsideTheExecutable()
{
    // The copy compiled in (resources/CMakeLists.txt) loads through the same QFile/QDir code as
    // a folder: every lesson, and lesson 01's "../../scenarios/incident" inside it.
    const QString lessons = BundledData::resourcePath(QStringLiteral("lessons"));
    QCOMPARE(BundledData::candidates(QStringLiteral("lessons")).last(), lessons);
    const QStringList names = QDir(lessons).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QCOMPARE(names.size(), kBundled);
    for (const QString &name : names) {
        std::vector<Diagnostic> diags;
        const auto lesson = Lesson::load(QDir(lessons).filePath(name), diags);
        QVERIFY2(lesson, qPrintable(name + QLatin1Char(' ') + (diags.empty() ? QString() : diags.front().toString())));
        QVERIFY(!lesson->scenario.nodes.empty());
    }
    const QString incident = BundledData::resourcePath(QStringLiteral("scenarios/incident"));
    std::vector<Diagnostic> diags;
    const auto sc = Scenario::load(incident, diags);
    QVERIFY(sc);
    QCOMPARE(int(sc->nodes.size()), 3);

    // Started from there, the lesson loads its scenario in the window like any other.
    QSignalSpy started(m_lessons, &LessonController::lessonStarted);
    QString error;
    QVERIFY2(m_lessons->startLesson(QDir(lessons).filePath(names.first()), &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 30000);
    QCOMPARE(int(m_window->scenario()->nodes.size()), 3);
    // Not remembered as a folder of the learner's own.
    QVERIFY(m_lessons->lessonRoots().isEmpty());
}

void TstLessons::addedFoldersAreRemembered()
{
    // A folder of lessons of the learner's own, opened once.
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString folder = root.filePath(QStringLiteral("my-lesson"));
    QVERIFY(QDir().mkpath(folder));
    QFile f(folder + QStringLiteral("/lesson.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\n  \"title\": \"My own lesson\",\n  \"difficulty\": 1,\n  \"scenario\": \""
            + BundledData::incidentScenario().toUtf8() + "\",\n  \"preset\": \"curl the ClusterIP from master\",\n"
            "  \"answer\": {\"node\": \"node02\", \"table\": \"filter\", \"chain\": \"FORWARD\", \"rule\": 0},\n"
            "  \"narrowest_fix\": [{\"node\": \"node02\", \"insert\": \"filter:DOCKER-USER:1:-i flannel.1 -o cni0 -j ACCEPT\"}]\n}\n");
    f.close();
    QString error;
    QSignalSpy started(m_lessons, &LessonController::lessonStarted);
    QVERIFY2(m_lessons->startLesson(folder, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 30000);
    QCOMPARE(QSettings().value(LessonController::foldersKey()).toStringList(), QStringList{QFileInfo(folder).absoluteFilePath()});

    // The next start lists it after the bundled lessons.
    m_window.reset();
    m_window = guitest::shownWindow();
    QVERIFY(m_window);
    m_lessons = m_window->lessonController();
    QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
    LessonsPage *page = m_lessons->lessonsPage();
    QCOMPARE(page->list()->topLevelItemCount(), kBundled + 1);
    QCOMPARE(page->list()->topLevelItem(kBundled)->text(0), QStringLiteral("My own lesson"));
    // Forget Folder on it: gone, now and on the next start.
    page->setCurrentEntry(0);
    QVERIFY(!page->forgetButton()->isEnabled());   // a bundled lesson
    page->setCurrentEntry(kBundled);
    QVERIFY(page->forgetButton()->isEnabled());
    QTest::mouseClick(page->forgetButton(), Qt::LeftButton);
    QCOMPARE(page->list()->topLevelItemCount(), kBundled);
    QVERIFY(QSettings().value(LessonController::foldersKey()).toStringList().isEmpty());
}

void TstLessons::missingLessonsFolderIsSaid()
{
    // A folder remembered from an earlier run that is gone (a USB stick, a deleted checkout).
    const QString gone = m_settingsDir.filePath(QStringLiteral("gone/lessons"));
    QSettings().setValue(LessonController::foldersKey(), QStringList{gone});
    m_window.reset();
    m_window = guitest::shownWindow();
    QVERIFY(m_window);
    m_lessons = m_window->lessonController();
    QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
    LessonsPage *page = m_lessons->lessonsPage();
    QCOMPARE(page->list()->topLevelItemCount(), kBundled + 1);
    QTreeWidgetItem *item = page->list()->topLevelItem(kBundled);
    QVERIFY2(page->entries()[kBundled].missing, qPrintable(page->entries()[kBundled].folder));
    QCOMPARE(item->text(2), QStringLiteral("missing"));
    QVERIFY2(item->toolTip(0).contains(QDir::toNativeSeparators(gone)), qPrintable(item->toolTip(0)));
    QVERIFY(page->noticeLabel()->isVisible());
    QVERIFY2(page->noticeLabel()->text().contains(QDir::toNativeSeparators(gone)), qPrintable(page->noticeLabel()->text()));
    page->setCurrentEntry(kBundled);
    QVERIFY(!page->startButton()->isEnabled());
    QTest::mouseClick(page->forgetButton(), Qt::LeftButton);
    QCOMPARE(page->list()->topLevelItemCount(), kBundled);
    QVERIFY(!page->noticeLabel()->isVisible());

    // CHAINSCOPE_LESSONS naming no folder: said, and the bundled lessons listed all the same.
    qputenv("CHAINSCOPE_LESSONS", QFile::encodeName(gone));
    const std::vector<LessonsPage::Entry> entries = LessonController::entries({});
    qunsetenv("CHAINSCOPE_LESSONS");
    QCOMPARE(int(entries.size()), kBundled + 1);
    QVERIFY(entries.front().missing);
    QVERIFY2(entries.front().error.contains(QStringLiteral("CHAINSCOPE_LESSONS")), qPrintable(entries.front().error));
}

void TstLessons::executableListsLessonsFromAnywhere()
{
    // The app itself, started from an unrelated working folder with its own settings.
    QTemporaryDir cwd;
    QVERIFY(cwd.isValid());
    QProcess proc;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), cwd.path());
    env.remove(QStringLiteral("CHAINSCOPE_LESSONS"));
    proc.setProcessEnvironment(env);
    proc.setWorkingDirectory(cwd.path());
    proc.start(QStringLiteral(CHAINSCOPE_GUI), {QStringLiteral("--list-lessons")});
    QVERIFY(proc.waitForFinished(60000));
    QCOMPARE(proc.exitStatus(), QProcess::NormalExit);
    QCOMPARE(proc.exitCode(), 0);
    const QList<QByteArray> lines = proc.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), kBundled);
    QVERIFY2(lines.first().startsWith("The ClusterIP that nobody can reach\t"), lines.first().constData());
    QVERIFY2(lines.first().endsWith("01-flannel-forward-drop"), lines.first().constData());
}

void TstLessons::malformedLessonIsRefusedWithItsLine()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QDir(root.path()).mkdir(QStringLiteral("broken"));
    const QString folder = root.filePath(QStringLiteral("broken"));
    QFile f(folder + QStringLiteral("/lesson.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\n  \"title\": \"Broken\",\n  \"difficulty\": 7,\n  \"scenario\": \"" CHAINSCOPE_SOURCE_DIR
            "/resources/scenarios/incident\"\n}\n");
    f.close();

    QSignalSpy refused(m_lessons, &LessonController::lessonRefused);
    QString error;
    QVERIFY(!m_lessons->startLesson(folder, &error));
    QCOMPARE(refused.count(), 1);
    QVERIFY2(error.contains(QStringLiteral("lesson.json:3")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("difficulty")), qPrintable(error));
    QVERIFY(!m_lessons->lesson());

    // Listed greyed out with the message as tooltip, and cannot be started.
    m_lessons->addLessonRoot(root.path());
    m_lessons->showLessonsPage();
    LessonsPage *page = m_lessons->lessonsPage();
    QCOMPARE(page->list()->topLevelItemCount(), kBundled + 1);
    QTreeWidgetItem *item = page->list()->topLevelItem(kBundled);
    QCOMPARE(item->text(0), QStringLiteral("broken"));
    QVERIFY2(item->toolTip(0).contains(QStringLiteral("lesson.json:3")), qPrintable(item->toolTip(0)));
    QCOMPARE(item->foreground(0).color(), Theme::fromPalette(page->palette()).dimText);
    page->setCurrentEntry(kBundled);
    QVERIFY(!page->startButton()->isEnabled());
    page->setCurrentEntry(0);
    QVERIFY(page->startButton()->isEnabled());
}

void TstLessons::learnersLoopOnLesson01()
{
    start();
    TraceController *trace = m_window->traceController();
    // The scenario is the lesson's, the packet panel holds the lesson's packet.
    QCOMPARE(m_window->scenario()->nodes.size(), m_lessons->lesson()->scenario.nodes.size());
    QCOMPARE(trace->packetPanel()->spec().dst, m_lessons->lesson()->packet.dst);
    QCOMPARE(trace->packetPanel()->spec().fromNode, QStringLiteral("master"));
    QVERIFY(m_lessons->storyView()->text().contains(QStringLiteral("10.108.94.160")));

    // Wrong: node01 filter INPUT's policy row.
    clickRow("node01", "INPUT", -1);
    QVERIFY(m_lessons->hasPick());
    QVERIFY2(m_lessons->pickLabel()->text().contains(QStringLiteral("node01 filter INPUT policy")),
             qPrintable(m_lessons->pickLabel()->text()));
    QTest::mouseClick(m_lessons->answerButton(), Qt::LeftButton);
    QVERIFY(!m_lessons->lastAnswerCorrect());
    QVERIFY(m_lessons->answerLabel()->text().contains(QStringLiteral("Not there")));
    QCOMPARE(LessonController::progress(QStringLiteral("01-flannel-forward-drop")), LessonController::NotStarted);

    // Right: node02 filter FORWARD's policy row, answered with the shortcut.
    clickRow("node02", "FORWARD", -1);
    QVERIFY(m_lessons->pickLabel()->text().contains(QStringLiteral("node02 filter FORWARD policy")));
    QTest::keyClick(m_window.get(), Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(m_lessons->lastAnswerCorrect());
    QVERIFY(m_lessons->answerLabel()->text().contains(QStringLiteral("Right")));
    QCOMPARE(LessonController::progress(QStringLiteral("01-flannel-forward-drop")), LessonController::Answered);

    // The narrowest fix through the document's undo commands, then Check.
    // Trace the lesson's packet from the panel as the learner would, then drag the in/out
    // candidate onto node02's DOCKER-USER (the real drop) and apply node01's through the undo stack.
    QVERIFY(trace->packetPanel()->traceButton()->isEnabled());
    QTest::mouseClick(trace->packetPanel()->traceButton(), Qt::LeftButton);
    QVERIFY(trace->hasTrace());
    QCOMPARE(trace->trace().branches.size(), size_t(2));
    dropInOutOnNode02();
    QCOMPARE(trace->document()->edits().size(), size_t(1));
    QCOMPARE(trace->document()->edits()[0].node, QStringLiteral("node02"));
    QCOMPARE(trace->document()->edits()[0].chain, QStringLiteral("DOCKER-USER"));
    // One node is not enough: the other branch still dies on node01.
    QTest::mouseClick(m_lessons->checkButton(), Qt::LeftButton);
    QVERIFY(!m_lessons->lastCheck()->goalMet);
    QCOMPARE(m_lessons->lastCheck()->branchesMet, 1);
    QVERIFY(submit(QStringLiteral("node01:filter:DOCKER-USER:1:-i flannel.1 -o cni0 -j ACCEPT")));
    QCOMPARE(m_window->undoStack()->count(), 2);
    QTest::mouseClick(m_lessons->checkButton(), Qt::LeftButton);
    QVERIFY(m_lessons->lastCheck());
    QVERIFY(m_lessons->lastCheck()->goalMet);
    QVERIFY(!m_lessons->lastCheck()->broaderThanNeeded);
    QCOMPARE(m_lessons->lastCheck()->branchesMet, m_lessons->lastCheck()->branches);
    QVERIFY(m_lessons->checkLabel()->text().contains(QStringLiteral("Goal met")));
    QVERIFY(!m_lessons->checkLabel()->text().contains(QStringLiteral("Broader")));
    QVERIFY(m_lessons->checkLabel()->text().contains(QStringLiteral("Solved")));
    QCOMPARE(LessonController::progress(QStringLiteral("01-flannel-forward-drop")), LessonController::Solved);
    QCOMPARE(QSettings().value(QStringLiteral("lessons/01-flannel-forward-drop/progress")).toInt(), int(LessonController::Solved));
    // The page shows it (updated in place, and after a reload from the settings).
    QCOMPARE(m_lessons->lessonsPage()->list()->topLevelItemCount(), 0); // never opened in this test
    m_lessons->showLessonsPage();
    QCOMPARE(m_lessons->lessonsPage()->list()->topLevelItem(0)->text(2), QStringLiteral("solved"));

    // Show the answer: the narrowest fix applied again as commands, traced, delivered.
    m_lessons->showAnswer();
    QCOMPARE(m_window->undoStack()->index(), 2);
    QCOMPARE(trace->document()->edits().size(), size_t(2));
    QVERIFY(trace->hasTrace());
    QVERIFY(m_lessons->explanationLabel()->text().contains(QStringLiteral("node02 filter FORWARD policy")));
    QVERIFY(m_lessons->explanationLabel()->text().contains(QStringLiteral("DOCKER-USER")));
}

void TstLessons::answerFromTheKeyboard()
{
    // No click at all: the dump view's cursor on node02's ":FORWARD DROP" line selects the
    // policy row, and the answer shortcut takes it.
    start();
    const Scenario *sc = m_window->scenario();
    m_window->setCurrentNode(sc->nodeIndex(QStringLiteral("node02")));
    QVERIFY(!m_lessons->hasPick());
    const Ruleset &rules = sc->nodes[size_t(m_window->currentNode())].rules;
    const Table &filter = rules.table(TableId::Filter);
    const int forward = filter.chainIndex("FORWARD");
    const int declared = filter.chains[size_t(forward)].loc.line;
    DumpText *editor = m_window->dumpView()->editor();
    editor->setFocus();
    editor->setCursorLine(declared);   // 0-based: the line after the declaration
    QTest::keyClick(editor, Qt::Key_Up);
    QCOMPARE(m_window->dumpView()->currentLine(), declared);
    QTRY_VERIFY(m_window->chainScene()->card(TableId::Filter, forward)->policySelected());
    QTest::keyClick(m_window.get(), Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY2(m_lessons->pickLabel()->text().contains(QStringLiteral("node02 filter FORWARD policy")),
             qPrintable(m_lessons->pickLabel()->text()));
    QVERIFY(m_lessons->lastAnswerCorrect());
}

void TstLessons::policyAcceptIsBroad()
{
    start();
    QVERIFY(submit(QStringLiteral("node01:filter:FORWARD:ACCEPT"), true));
    QVERIFY(submit(QStringLiteral("node02:filter:FORWARD:ACCEPT"), true));
    QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(m_lessons->lastCheck());
    QVERIFY(m_lessons->lastCheck()->goalMet);
    QVERIFY(m_lessons->lastCheck()->broaderThanNeeded);
    QVERIFY(m_lessons->checkLabel()->text().contains(QStringLiteral("Broader than needed")));
    QVERIFY(m_lessons->checkLabel()->text().contains(Theme::fromPalette(m_window->palette()).warning.name()));
    QVERIFY(!m_lessons->checkLabel()->text().contains(QStringLiteral("Solved")));
    QCOMPARE(LessonController::progress(QStringLiteral("01-flannel-forward-drop")), LessonController::NotStarted);
}

void TstLessons::unrelatedRuleDoesNotMeetTheGoal()
{
    start();
    QVERIFY(submit(QStringLiteral("node02:filter:INPUT:1:-p tcp --dport 22 -j ACCEPT")));
    QTest::mouseClick(m_lessons->checkButton(), Qt::LeftButton);
    QVERIFY(m_lessons->lastCheck());
    QVERIFY(!m_lessons->lastCheck()->goalMet);
    QVERIFY(m_lessons->lastCheck()->branchesMet < m_lessons->lastCheck()->branches);
    QVERIFY(m_lessons->checkLabel()->text().contains(QStringLiteral("Goal not met")));
    QCOMPARE(LessonController::progress(QStringLiteral("01-flannel-forward-drop")), LessonController::NotStarted);
}

void TstLessons::hintsRevealOneAtATime()
{
    start();
    const int total = int(m_lessons->lesson()->hints.size());
    QCOMPARE(total, 5);
    QCOMPARE(m_lessons->hintsShown(), 0);
    QCOMPARE(m_lessons->hintButton()->text(), QStringLiteral("Show &hint (1 of 5)"));
    QVERIFY(m_lessons->hintsLabel()->text().isEmpty());
    QTest::mouseClick(m_lessons->hintButton(), Qt::LeftButton);
    QCOMPARE(m_lessons->hintsShown(), 1);
    QCOMPARE(m_lessons->hintButton()->text(), QStringLiteral("Show &hint (2 of 5)"));
    QVERIFY(m_lessons->hintsLabel()->text().contains(QStringLiteral("nat OUTPUT")));
    QVERIFY(!m_lessons->hintsLabel()->text().contains(QStringLiteral("Hint 2")));
    for (int i = 1; i < total; ++i)
        QTest::keyClick(m_window.get(), Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(m_lessons->hintsShown(), 5);
    QVERIFY(!m_lessons->hintButton()->isEnabled());
    QVERIFY(m_lessons->hintsLabel()->text().contains(QStringLiteral("Hint 5")));
    m_lessons->showHint(); // no sixth
    QCOMPARE(m_lessons->hintsShown(), 5);
}

void TstLessons::candidatesOfferedBeforeAnyTrace()
{
    // A learner who finds the drop by reading, without tracing, is asked to drag a candidate
    // in: the palette has them.
    start();
    TraceController *trace = m_window->traceController();
    CandidatePalette *palette = trace->palette();
    QVERIFY(!trace->hasTrace());
    QVERIFY(palette->templates().empty());
    clickRow("node02", "FORWARD", -1);
    QTest::keyClick(m_window.get(), Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(m_lessons->lastAnswerCorrect());
    QVERIFY(m_lessons->answerLabel()->text().contains(QStringLiteral("drag a candidate rule")));
    QVERIFY(!trace->hasTrace());   // nothing traced for the learner: only the palette is filled
    QVERIFY(!palette->templates().empty());
    const int row = palette->rowOfRule(QStringLiteral("-i flannel.1 -o cni0 -j ACCEPT"));
    QVERIFY(row >= 0);
    const CandidatePalette::Template t = palette->templates()[size_t(row)];
    QVERIFY2(t.node == QLatin1String("node01") || t.node == QLatin1String("node02"), qPrintable(t.node));
    QCOMPARE(t.chain, QStringLiteral("DOCKER-USER"));
    // Enter puts it in, on the node it was made for, as one undoable command.
    palette->setCurrentRow(row);
    palette->setFocus();
    QTest::keyClick(palette, Qt::Key_Return);
    QTRY_COMPARE(trace->document()->edits().size(), size_t(1));
    const Edit &e = trace->document()->edits().front();
    QCOMPARE(e.node, t.node);
    QCOMPARE(e.chain, QStringLiteral("DOCKER-USER"));
    QCOMPARE(e.position, 1);
    QCOMPARE(m_window->undoStack()->count(), 1);
}

QTEST_MAIN(TstLessons)
#include "tst_lessons.moc"
