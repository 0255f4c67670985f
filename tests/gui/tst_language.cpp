// The window, the lessons, the help and the CLI in Simplified Chinese (issue: zh_CN).
#include "calloutitem.h"
#include "chaincard.h"
#include "chainscene.h"
#include "comparewindow.h"
#include "guitest.h"
#include "helpcontroller.h"
#include "helpview.h"
#include "language.h"
#include "lesson.h"
#include "lessoncontroller.h"
#include "packetpanel.h"
#include "tracecontroller.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QToolBar>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QTextBrowser>
#include <QTreeView>
#include <QTreeWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace chainscope;

namespace {

/** Whether `text` holds Chinese characters (the CJK Unified Ideographs block). */
bool hasChinese(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    return false;
}

/** The QAction of View > Language for `code`, as the user picks it. */
QAction *languageAction(QMainWindow *window, const QString &code)
{
    auto *menu = window->findChild<QMenu *>(QStringLiteral("languageMenu"));
    if (!menu)
        return nullptr;
    for (QAction *a : menu->actions())
        if (a->isCheckable() && a->data().toString() == code)
            return a;
    return nullptr;
}

/** The label QFormLayout made for a field (its buddy). */
QString labelOf(QWidget *panel, QWidget *field)
{
    const QList<QLabel *> labels = panel->findChildren<QLabel *>();
    for (QLabel *l : labels)
        if (l->buddy() == field)
            return l->text();
    return {};
}

/** What the window says, from the widgets themselves: menus, actions, docks, the packet
 *  panel, the verdict and its callout, the explanation, a chain card. */
QMap<QString, QString> wordsOf(MainWindow *window)
{
    QMap<QString, QString> w;
    const QList<QAction *> menus = window->menuBar()->actions();
    for (int i = 0; i < menus.size(); ++i)
        w.insert(QStringLiteral("menu %1").arg(i), menus[i]->text());
    QMenu *file = menus.constFirst()->menu();
    w.insert(QStringLiteral("File > first action"), file->actions().constFirst()->text());
    TraceController *trace = window->traceController();
    w.insert(QStringLiteral("Trace > Trace Packet"), trace->traceAction()->text());
    auto *language = window->findChild<QMenu *>(QStringLiteral("languageMenu"));
    w.insert(QStringLiteral("View > Language"), language->title());
    w.insert(QStringLiteral("View > Language > system"), language->actions().constFirst()->text());
    for (const char *name : {"scenarioDock", "dumpDock", "problemDock", "packetDock", "explainDock", "stepsDock"}) {
        auto *dock = window->findChild<QDockWidget *>(QLatin1String(name));
        w.insert(QLatin1String(name), dock ? dock->windowTitle() : QString());
        w.insert(QLatin1String(name) + QStringLiteral(" toggle"), dock ? dock->toggleViewAction()->text() : QString());
    }
    PacketPanel *panel = trace->packetPanel();
    w.insert(QStringLiteral("packet: preset label"), labelOf(panel, panel->presetBox()));
    w.insert(QStringLiteral("packet: destination label"), labelOf(panel, panel->destinationEdit()));
    w.insert(QStringLiteral("packet: conntrack label"), labelOf(panel, panel->stateBox()));
    w.insert(QStringLiteral("packet: trace button"), panel->traceButton()->text());
    w.insert(QStringLiteral("packet: source placeholder"), panel->sourceEdit()->placeholderText());
    w.insert(QStringLiteral("packet: locally generated"), panel->interfaceBox()->itemText(0));
    w.insert(QStringLiteral("verdict"), trace->verdictLabel()->text());
    w.insert(QStringLiteral("callout"), trace->verdictCallout() ? trace->verdictCallout()->text() : QString());
    w.insert(QStringLiteral("callout text"), trace->calloutText());
    QStringList explanation;
    for (int i = 0; i < trace->explanationList()->count(); ++i)
        explanation << trace->explanationList()->item(i)->text();
    w.insert(QStringLiteral("explanation"), explanation.join(QLatin1Char('\n')));
    w.insert(QStringLiteral("first step"), trace->stepList()->count() > 0 ? trace->stepList()->item(0)->text() : QString());
    if (ChainCard *card = window->chainScene()->card(TableId::Filter, window->chainScene()->ruleset()->table(TableId::Filter).chainIndex("FORWARD"))) {
        card->ensureTexts();
        w.insert(QStringLiteral("FORWARD card policy row"), card->rows().back().target);
        w.insert(QStringLiteral("FORWARD card policy tooltip"), card->rows().back().toolTip);
    }
    return w;
}

struct Run
{
    int code = -1;
    QByteArray out, err;
};

Run cli(const QStringList &args, const QByteArray &lang = "C.UTF-8")
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("LANGUAGE"));
    env.remove(QStringLiteral("LC_ALL"));
    env.remove(QStringLiteral("LC_MESSAGES"));
    env.insert(QStringLiteral("LANG"), QString::fromLatin1(lang));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CHAINSCOPE_CLI), args);
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace

class TstLanguage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void resolvesLocales_data();
    void resolvesLocales();
    void menuChoiceIsRememberedAndSpoken();
    void switchesWithoutRestart();
    void openWindowsFollow();
    void lessonInProgressFollows();
    void lessonAndHelpInChinese();
    void cliFollowsLangAndFlag();
    void jsonNeverChanges();

private:
    QTemporaryDir m_settingsDir;
};

void TstLanguage::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("chainscope-tests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
}

void TstLanguage::cleanup()
{
    Language::install(QStringLiteral("en"));
    QSettings().remove(Language::settingsKey());
}

void TstLanguage::resolvesLocales_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("resolved");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("zh_CN");
    QTest::newRow("zh-Hans-CN") << QStringLiteral("zh-Hans-CN") << QStringLiteral("zh_CN");
    QTest::newRow("zh") << QStringLiteral("zh") << QStringLiteral("zh_CN");
    QTest::newRow("zh_TW: no translation") << QStringLiteral("zh_TW") << QStringLiteral("en");
    QTest::newRow("de_DE: no translation") << QStringLiteral("de_DE") << QStringLiteral("en");
    QTest::newRow("en_GB") << QStringLiteral("en_GB") << QStringLiteral("en");
}

void TstLanguage::resolvesLocales()
{
    QFETCH(QString, code);
    QFETCH(QString, resolved);
    QCOMPARE(Language::resolve(code), resolved);
}

void TstLanguage::menuChoiceIsRememberedAndSpoken()
{
    auto window = guitest::shownWindow();
    QVERIFY(window);
    QCOMPARE(window->menuBar()->actions().constFirst()->text(), QStringLiteral("&File"));
    // View > Language > 简体中文, as the user picks it.
    auto *menu = window->findChild<QMenu *>(QStringLiteral("languageMenu"));
    QVERIFY(menu);
    QAction *chinese = nullptr;
    for (QAction *a : menu->actions())
        if (a->data().toString() == QLatin1String("zh_CN"))
            chinese = a;
    QVERIFY(chinese);
    QCOMPARE(chinese->text(), QStringLiteral("简体中文"));
    chinese->trigger();
    QCOMPARE(QSettings().value(Language::settingsKey()).toString(), QStringLiteral("zh_CN"));
    QCOMPARE(Language::current(), QStringLiteral("zh_CN"));
    window.reset();

    // The next start: menus, the packet panel, the verdict callout and the explanation.
    window = guitest::shownWindow();
    QVERIFY(window);
    const QList<QAction *> menus = window->menuBar()->actions();
    for (QAction *a : menus) {
        QVERIFY2(hasChinese(a->text()), qPrintable(a->text()));
        QVERIFY2(!guitest::mnemonicOf(a->text()).isNull(), qPrintable(a->text()));   // "文件(&F)"
    }
    QVERIFY(guitest::openAndWait(*window, {guitest::incidentPath()}));
    TraceController *trace = window->traceController();
    QVERIFY(trace->packetPanel()->selectPreset(QStringLiteral("curl the ClusterIP from master")));
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    QTest::keyClick(window.get(), Qt::Key_T, Qt::ControlModifier);
    QTRY_VERIFY(trace->hasTrace());
    QVERIFY2(hasChinese(trace->calloutText()), qPrintable(trace->calloutText()));
    QVERIFY2(hasChinese(trace->verdictLabel()->text()), qPrintable(trace->verdictLabel()->text()));
    bool chineseLine = false;
    for (int i = 0; i < trace->explanationList()->count(); ++i)
        chineseLine = chineseLine || hasChinese(trace->explanationList()->item(i)->text());
    QVERIFY(chineseLine);
    QVERIFY(guitest::mnemonicClashes(window.get()).isEmpty());
    QVERIFY2(guitest::menuMnemonicClashes(window.get()).isEmpty(),
             qPrintable(guitest::menuMnemonicClashes(window.get()).join(QStringLiteral("; "))));
    guitest::keepShot(window.get(), QStringLiteral("zh_CN-window"));
}

void TstLanguage::switchesWithoutRestart()
{
    auto window = guitest::shownWindow();
    QVERIFY(window);
    MainWindow *const w = window.get();
    QVERIFY(guitest::openAndWait(*w, {guitest::incidentPath()}));
    TraceController *trace = w->traceController();
    QVERIFY(trace->packetPanel()->selectPreset(QStringLiteral("curl the ClusterIP from master")));
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w));
    QTest::keyClick(w, Qt::Key_T, Qt::ControlModifier);
    QTRY_VERIFY(trace->hasTrace());
    QTRY_VERIFY(trace->verdictCallout() && trace->verdictCallout()->isVisible());
    const int branch = trace->currentBranch();
    const int node = w->currentNode();

    const QMap<QString, QString> english = wordsOf(w);
    for (auto it = english.cbegin(); it != english.cend(); ++it) {
        QVERIFY2(!it.value().isEmpty(), qPrintable(it.key()));
        QVERIFY2(!hasChinese(it.value()) || it.key() == QLatin1String("View > Language > system"), qPrintable(it.key()));
    }

    // View > Language > 简体中文, the menu's own action as a click triggers it.
    QAction *chinese = languageAction(w, QStringLiteral("zh_CN"));
    QVERIFY(chinese);
    chinese->trigger();
    QCOMPARE(QSettings().value(Language::settingsKey()).toString(), QStringLiteral("zh_CN"));
    // QEvent::LanguageChange is posted: the window changes once the event loop has run.
    QTRY_VERIFY(hasChinese(w->menuBar()->actions().constFirst()->text()));
    const QMap<QString, QString> chineseWords = wordsOf(w);
    for (auto it = chineseWords.cbegin(); it != chineseWords.cend(); ++it) {
        if (it.key() == QLatin1String("first step"))
            continue;   // the first step may be all iptables words ("master OUTPUT raw ...")
        QVERIFY2(hasChinese(it.value()), qPrintable(it.key() + QStringLiteral(": ") + it.value()));
        QVERIFY2(it.value() != english.value(it.key()), qPrintable(it.key()));
    }
    for (QAction *a : w->menuBar()->actions())
        QVERIFY2(!guitest::mnemonicOf(a->text()).isNull(), qPrintable(a->text()));   // "文件(&F)"
    // The same window, trace, branch and node: words changed, nothing else.
    QVERIFY(trace->hasTrace());
    QCOMPARE(trace->currentBranch(), branch);
    QCOMPARE(w->currentNode(), node);
    QVERIFY(trace->verdictCallout()->isVisible());
    QVERIFY2(guitest::menuMnemonicClashes(w).isEmpty(),
             qPrintable(guitest::menuMnemonicClashes(w).join(QStringLiteral("; "))));
    guitest::keepShot(w, QStringLiteral("zh_CN-switched"));

    // Back to English from the keyboard: Alt+V (视图(&V)), G (语言(&G)), Down to English, Enter.
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w));
    auto *languageMenu = w->findChild<QMenu *>(QStringLiteral("languageMenu"));
    QTest::keyClick(w, Qt::Key_V, Qt::AltModifier);
    QTRY_VERIFY(QApplication::activePopupWidget());
    QTest::keyClick(QApplication::activePopupWidget(), Qt::Key_G);
    QTRY_COMPARE(QApplication::activePopupWidget(), static_cast<QWidget *>(languageMenu));
    QAction *english_ = languageAction(w, QStringLiteral("en"));
    while (languageMenu->activeAction() != english_) {
        const QAction *before = languageMenu->activeAction();
        QTest::keyClick(languageMenu, Qt::Key_Down);
        QVERIFY(languageMenu->activeAction() != before);
    }
    QTest::keyClick(languageMenu, Qt::Key_Return);
    QTRY_VERIFY(!QApplication::activePopupWidget());
    QCOMPARE(QSettings().value(Language::settingsKey()).toString(), QStringLiteral("en"));
    QCOMPARE(Language::current(), QStringLiteral("en"));
    QTRY_COMPARE(w->menuBar()->actions().constFirst()->text(), QStringLiteral("&File"));
    const QMap<QString, QString> again = wordsOf(w);
    for (auto it = english.cbegin(); it != english.cend(); ++it)
        QCOMPARE(again.value(it.key()), it.value());
    QCOMPARE(trace->currentBranch(), branch);
}

/** The words of the windows left open beside the main one: compare, help, lessons. */
QMap<QString, QString> openWindowWords(MainWindow *window)
{
    QMap<QString, QString> w;
    CompareWindow *compare = window->compareWindow();
    w.insert(QStringLiteral("compare: title"), compare->windowTitle());
    const QList<QAction *> menus = compare->menuBar()->actions();
    for (int i = 0; i < menus.size(); ++i)
        w.insert(QStringLiteral("compare: menu %1").arg(i), menus[i]->text());
    for (const char *name : {"differencesDock", "deltasDock", "packetDock"})
        if (auto *dock = compare->findChild<QDockWidget *>(QLatin1String(name)))
            w.insert(QStringLiteral("compare: ") + QLatin1String(name), dock->windowTitle());
    auto *list = compare->findChild<QTreeView *>(QStringLiteral("differenceList"));
    w.insert(QStringLiteral("compare: list header"), list->model()->headerData(0, Qt::Horizontal).toString());
    w.insert(QStringLiteral("compare: first difference"), list->model()->index(0, 0).data().toString());
    w.insert(QStringLiteral("compare: detail"), compare->detailPane()->toPlainText());
    w.insert(QStringLiteral("compare: result"), compare->findChild<QLabel *>(QStringLiteral("traceResult"))->text());
    QStringList labels;
    for (QLabel *l : compare->findChildren<QLabel *>())
        if (l->buddy())
            labels << l->text();
    labels.sort();
    w.insert(QStringLiteral("compare: labels"), labels.join(QLatin1Char('|')));
    HelpView *help = window->helpController()->view();
    w.insert(QStringLiteral("help: title"), help->windowTitle());
    auto *pages = help->findChild<QListWidget *>(QStringLiteral("helpPages"));
    w.insert(QStringLiteral("help: first page"), pages->item(0)->text());
    w.insert(QStringLiteral("help: text"), help->browser()->toPlainText().left(200));
    LessonController *lessons = window->lessonController();
    w.insert(QStringLiteral("lessons: dock"), lessons->lessonsDock()->windowTitle());
    auto *lessonList = lessons->lessonsPage()->findChild<QTreeWidget *>(QStringLiteral("lessonList"));
    w.insert(QStringLiteral("lessons: header"), lessonList->headerItem()->text(0));
    w.insert(QStringLiteral("lessons: first lesson"), lessonList->topLevelItem(0)->text(0));
    return w;
}

void TstLanguage::openWindowsFollow()
{
    auto window = guitest::shownWindow();
    QVERIFY(window);
    MainWindow *const w = window.get();
    QVERIFY(guitest::openAndWait(*w, {guitest::incidentPath()}));
    CompareWindow *compare = w->showCompare(QStringLiteral("node02"), QStringLiteral("master"));
    QVERIFY(compare);
    QVERIFY(QTest::qWaitForWindowExposed(compare));
    compare->traceBoth();
    QVERIFY(compare->pathSplit().traced);
    w->helpController()->showHelp(QStringLiteral("workflow"));
    QVERIFY(QTest::qWaitForWindowExposed(w->helpController()->view()));
    w->lessonController()->showLessonsPage();

    const QMap<QString, QString> english = openWindowWords(w);
    for (auto it = english.cbegin(); it != english.cend(); ++it)
        QVERIFY2(!it.value().isEmpty() && !hasChinese(it.value()), qPrintable(it.key() + QStringLiteral(": ") + it.value()));

    languageAction(w, QStringLiteral("zh_CN"))->trigger();
    QTRY_VERIFY(hasChinese(compare->windowTitle()));
    const QMap<QString, QString> chineseWords = openWindowWords(w);
    for (auto it = chineseWords.cbegin(); it != chineseWords.cend(); ++it) {
        if (it.key() == QLatin1String("compare: first difference") || it.key() == QLatin1String("compare: result"))
            QVERIFY2(it.value() != english.value(it.key()), qPrintable(it.key()));
        QVERIFY2(hasChinese(it.value()), qPrintable(it.key() + QStringLiteral(": ") + it.value()));
    }
    QVERIFY(compare->pathSplit().traced);
    guitest::keepShot(compare, QStringLiteral("zh_CN-compare-switched"));

    languageAction(w, QStringLiteral("en"))->trigger();
    QTRY_VERIFY(!hasChinese(compare->windowTitle()));
    const QMap<QString, QString> again = openWindowWords(w);
    for (auto it = english.cbegin(); it != english.cend(); ++it)
        QCOMPARE(again.value(it.key()), it.value());
}

void TstLanguage::lessonInProgressFollows()
{
    auto window = guitest::shownWindow();
    QVERIFY(window);
    MainWindow *const w = window.get();
    LessonController *lessons = w->lessonController();
    QSignalSpy started(lessons, &LessonController::lessonStarted);
    QString error;
    const QString folder = QDir(LessonController::bundledLessonsDir()).filePath(QStringLiteral("01-flannel-forward-drop"));
    QVERIFY2(lessons->startLesson(folder, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 30000);
    lessons->pick(QStringLiteral("node02"), TableId::Filter, QStringLiteral("FORWARD"), 0);
    QVERIFY(lessons->answer());
    lessons->showHint();
    const auto words = [lessons] {
        return QStringList{lessons->lessonDock()->windowTitle(), lessons->titleLabel()->text(), lessons->storyView()->text(),
                           lessons->pickLabel()->text(),         lessons->answerLabel()->text(), lessons->hintsLabel()->text(),
                           lessons->hintButton()->text(),         lessons->answerButton()->text(), lessons->answerAction()->text()};
    };
    const QStringList english = words();
    for (const QString &s : english)
        QVERIFY2(!s.isEmpty() && !hasChinese(s), qPrintable(s));

    languageAction(w, QStringLiteral("zh_CN"))->trigger();
    QTRY_VERIFY(hasChinese(lessons->lessonDock()->windowTitle()));
    for (const QString &s : words())
        QVERIFY2(hasChinese(s), qPrintable(s));
    QCOMPARE(lessons->hintsShown(), 1);   // the same lesson, where it was
    QVERIFY(lessons->lastAnswerCorrect());

    languageAction(w, QStringLiteral("en"))->trigger();
    QTRY_VERIFY(!hasChinese(lessons->lessonDock()->windowTitle()));
    QCOMPARE(words(), english);
}

void TstLanguage::lessonAndHelpInChinese()
{
    Language::install(QStringLiteral("zh_CN"));
    const QDir lessons(QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/lessons"));
    const QStringList names = lessons.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QVERIFY(!names.isEmpty());
    for (const QString &name : names) {
        std::vector<Diagnostic> diags;
        const auto zh = Lesson::load(lessons.filePath(name), diags, Language::current());
        QVERIFY2(zh, qPrintable(name));
        const auto en = Lesson::load(lessons.filePath(name), diags);
        QVERIFY(en);
        QVERIFY2(hasChinese(zh->title) && hasChinese(zh->story) && hasChinese(zh->question), qPrintable(name));
        QCOMPARE(zh->hints.size(), en->hints.size());
        for (const QString &h : zh->hints)
            QVERIFY2(hasChinese(h), qPrintable(h));
        QVERIFY(!hasChinese(en->title));
        QCOMPARE(zh->narrowestFix.size(), en->narrowestFix.size());   // the same lesson underneath
    }
    for (const char *page : {"workflow", "concepts"}) {
        const QString text = HelpController::bundledPage(QLatin1String(page));
        QVERIFY2(hasChinese(text), page);
    }
}

void TstLanguage::cliFollowsLangAndFlag()
{
    const QString incident = guitest::incidentPath();
    const QStringList trace = {QStringLiteral("trace"), incident, QStringLiteral("--preset"),
                               QStringLiteral("curl the ClusterIP from master")};
    const Run en = cli(trace);
    QVERIFY2(en.code >= 0, en.err.constData());
    QVERIFY(!hasChinese(QString::fromUtf8(en.out)));
    const Run byLang = cli(trace, "zh_CN.UTF-8");
    QCOMPARE(byLang.code, en.code);
    QVERIFY2(hasChinese(QString::fromUtf8(byLang.out)), byLang.out.constData());
    const Run byFlag = cli(QStringList{QStringLiteral("--lang"), QStringLiteral("zh_CN")} + trace);
    QCOMPARE(byFlag.out, byLang.out);
    // --lang wins over the environment.
    const Run english = cli(QStringList{QStringLiteral("--lang"), QStringLiteral("en")} + trace, "zh_CN.UTF-8");
    QCOMPARE(english.out, en.out);
}

void TstLanguage::jsonNeverChanges()
{
    const QStringList trace = {QStringLiteral("trace"), guitest::incidentPath(), QStringLiteral("--preset"),
                               QStringLiteral("curl the ClusterIP from master"), QStringLiteral("--json")};
    const Run en = cli(trace);
    QVERIFY2(!en.out.isEmpty(), en.err.constData());
    QCOMPARE(cli(trace, "zh_CN.UTF-8").out, en.out);
    QCOMPARE(cli(QStringList{QStringLiteral("--lang"), QStringLiteral("zh_CN")} + trace).out, en.out);
}

QTEST_MAIN(TstLanguage)
#include "tst_language.moc"
