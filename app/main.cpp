#include "comparewindow.h"
#include "chaincard.h"
#include "chainscene.h"
#include "chainview.h"
#include "compareview.h"
#include "mainwindow.h"
#include "nftpanel.h"
#include "nftruleset.h"
#include "language.h"
#include "lessoncontroller.h"
#include "scenariotreemodel.h"
#include "tracecontroller.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QPixmap>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QTreeView>

#include <cstdio>
#include <memory>

using chainscope::CompareWindow;
using chainscope::MainWindow;

namespace {
void fail(const QString &message, int code)
{
    std::fprintf(stderr, "chainscope: %s\n", qPrintable(message));
    QCoreApplication::exit(code);
}

void setNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("chainscope"));
    QCoreApplication::setApplicationName(QStringLiteral("chainscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHAINSCOPE_VERSION));
}

/** Whether the command line asks only for text (--help, --version): answered without a display. */
bool wantsTextOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--")
            return false;
        if (a == "-h" || a == "--help" || a == "-?" || a == "--help-all" || a == "-v" || a == "--version")
            return true;
    }
    return false;
}
} // namespace

int main(int argc, char *argv[])
{
    // --help and --version print and exit: a QCoreApplication needs no display, a
    // QApplication aborts without one (ssh sessions, CI, package builds).
    std::unique_ptr<QCoreApplication> textOnly;
    std::unique_ptr<QApplication> gui;
    if (wantsTextOnly(argc, argv))
        textOnly = std::make_unique<QCoreApplication>(argc, argv);
    else
        gui = std::make_unique<QApplication>(argc, argv);
    QCoreApplication &app = textOnly ? *textOnly : *gui;
    setNames();
    // Before any text is built, --help's included. View > Language's choice, else the system's.
    chainscope::Language::install(QSettings().value(chainscope::Language::settingsKey()).toString());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "See what netfilter/iptables does to a packet across cluster nodes."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("paths"),
                                 QCoreApplication::translate("main", "A scenario folder, a scenario.json, dump files, or a saved session (.chainscope)."),
                                 QStringLiteral("[SCENARIO | FILE... | SESSION.chainscope]"));
    const QCommandLineOption nodeOption(QStringLiteral("node"), QCoreApplication::translate("main", "Node to show first."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption shotOption(QStringLiteral("screenshot"),
                                        QCoreApplication::translate("main", "Load, grab the 1600x1000 window to FILE.png, exit."),
                                        QStringLiteral("FILE.png"));
    parser.addOption(nodeOption);
    parser.addOption(shotOption);
    // Trace a packet (for screenshots and the docs): the same arguments as chainscope-cli.
    const QCommandLineOption traceOption(QStringLiteral("trace"), QCoreApplication::translate("main", "Trace the packet preset PRESET."),
                                         QStringLiteral("PRESET"));
    const QCommandLineOption branchOption(QStringLiteral("branch"),
                                          QCoreApplication::translate("main", "Show the branch whose packet ends at IP."),
                                          QStringLiteral("IP"));
    const QCommandLineOption stepOption(QStringLiteral("step"),
                                        QCoreApplication::translate("main", "Stand at step N (1-based; default: the verdict)."),
                                        QStringLiteral("N"));
    const QCommandLineOption insertOption(QStringLiteral("insert"),
                                          QCoreApplication::translate("main", "Insert a candidate rule, as chainscope-cli."),
                                          QStringLiteral("NODE:TABLE:CHAIN:POS:RULE"));
    const QCommandLineOption policyOption(QStringLiteral("policy"),
                                          QCoreApplication::translate("main", "Change a chain policy, as chainscope-cli."),
                                          QStringLiteral("NODE:TABLE:CHAIN:VERDICT"));
    parser.addOptions({traceOption, branchOption, stepOption, insertOption, policyOption});
    const QCommandLineOption compareOption(
        QStringLiteral("compare"),
        QCoreApplication::translate("main", "Open the compare window on two nodes (NODE_A,NODE_B); --screenshot grabs it."),
        QStringLiteral("NODE_A,NODE_B"));
    const QCommandLineOption compareChainOption(
        QStringLiteral("compare-chain"),
        QCoreApplication::translate("main", "With --compare: show this chain (TABLE:CHAIN) in both graphs instead of fitting."),
        QStringLiteral("TABLE:CHAIN"));
    const QCommandLineOption sideBySideOption(
        QStringLiteral("side-by-side"),
        QCoreApplication::translate("main", "With --compare: graphs side by side instead of one above the other."));
    parser.addOption(compareOption);
    parser.addOption(compareChainOption);
    parser.addOption(sideBySideOption);
    const QCommandLineOption lessonOption(QStringLiteral("lesson"),
                                          QCoreApplication::translate("main", "Start the lesson in FOLDER (its scenario is loaded)."),
                                          QStringLiteral("FOLDER"));
    const QCommandLineOption lessonAnswerOption(
        QStringLiteral("lesson-answer"),
        QCoreApplication::translate("main", "With --lesson: show the answer (the narrowest fix applied and traced)."));
    parser.addOption(lessonOption);
    parser.addOption(lessonAnswerOption);
    const QCommandLineOption listLessonsOption(
        QStringLiteral("list-lessons"),
        QCoreApplication::translate("main", "Print the lessons the Lessons page lists (title, folder) and exit."));
    parser.addOption(listLessonsOption);
    const QCommandLineOption chainOption(
        QStringLiteral("chain"),
        QCoreApplication::translate("main", "Open this chain (TABLE:CHAIN; an nft table as FAMILY NAME) as a click on it in the scenario tree does."),
        QStringLiteral("TABLE:CHAIN"));
    parser.addOption(chainOption);
    parser.process(app);   // --help, --version and bad options exit here
    if (textOnly)
        return 0;
    QGuiApplication::setDesktopFileName(QStringLiteral("chainscope"));
    QGuiApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("chainscope"), QIcon(QStringLiteral(":/icons/chainscope.svg"))));

    if (parser.isSet(listLessonsOption)) {
        // What the Lessons page would list, without a window: the bundled lessons wherever the
        // executable runs from, and the folders the learner added.
        const QStringList roots = QSettings().value(chainscope::LessonController::foldersKey()).toStringList();
        int lessons = 0;
        for (const chainscope::LessonsPage::Entry &e : chainscope::LessonController::entries(roots)) {
            if (e.valid()) {
                std::printf("%s\t%s\n", qPrintable(e.title), qPrintable(e.folder));
                ++lessons;
            } else {
                std::fprintf(stderr, "chainscope: %s\n", qPrintable(e.error));
            }
        }
        return lessons > 0 ? 0 : 1;
    }

    QStringList paths = parser.positionalArguments();
    const QString shot = parser.value(shotOption);
    const bool scripted = !shot.isEmpty();
    const QStringList compareNodes = parser.value(compareOption).split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QString compareChain = parser.value(compareChainOption);
    const bool sideBySide = parser.isSet(sideBySideOption);

    MainWindow window;
    window.setPreferredNode(parser.value(nodeOption));
    window.setInteractive(!scripted);
    chainscope::TraceController::Script script;
    script.preset = parser.value(traceOption);
    script.branchDst = parser.value(branchOption);
    script.inserts = parser.values(insertOption);
    script.policies = parser.values(policyOption);
    script.step = parser.isSet(stepOption) ? parser.value(stepOption).toInt() : -1;
    const bool traced = !script.preset.isEmpty() || !script.inserts.isEmpty() || !script.policies.isEmpty();
    if (traced) {
        QObject::connect(&window, &MainWindow::scenarioLoaded, &window, [&window, script] {
            QString error;
            if (!window.traceController()->runScript(script, error))
                fail(error, 2);
        });
    }

    if (paths.isEmpty()) {
        // Later starts reopen the last scenario; the first one opens the bundled incident.
        const QStringList recent = QSettings().value(QStringLiteral("recent")).toStringList();
        const QStringList last = recent.isEmpty() ? QStringList()
                                                  : recent.first().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (!scripted && !last.isEmpty() && QFileInfo::exists(last.first()))
            paths = last;
        else if (const QString bundled = MainWindow::bundledScenario(); !bundled.isEmpty())
            paths = {bundled};
    }

    if (scripted) {
        if (paths.isEmpty()) {
            std::fprintf(stderr, "chainscope: no scenario to load for --screenshot\n");
            return 2;
        }
        window.resize(1600, 1000);
        QObject::connect(&window, &MainWindow::scenarioLoaded, &window, [&window, shot, compareNodes] {
            // Let the docks and the view settle before grabbing.
            QTimer::singleShot(300, &window, [&window, shot, compareNodes] {
                QWidget *target = &window; // compare: grab the compare window when asked for
                if (!compareNodes.isEmpty() && window.compareWindow())
                    target = window.compareWindow();
                const QPixmap pixmap = target->grab();
                if (pixmap.isNull() || !pixmap.save(shot, "PNG"))
                    fail(QCoreApplication::translate("main", "cannot write screenshot %1").arg(shot), 1);
                else
                    QCoreApplication::exit(0);
            });
        });
        QObject::connect(&window, &MainWindow::loadFailed, &window,
                         [](const QString &message) { fail(message, 2); });
        QTimer::singleShot(120000, &window, [] { fail(QCoreApplication::translate("main", "timed out loading"), 3); });
    } else {
        window.restoreSettings();
    }
    window.show();
    if (scripted)
        window.resize(1600, 1000);
    if (!compareNodes.isEmpty()) {
        QObject::connect(&window, &MainWindow::scenarioLoaded, &window, [&window, compareNodes, compareChain, sideBySide] {
            CompareWindow *compare = window.showCompare(compareNodes.value(0), compareNodes.value(1));
            if (compare) {
                if (sideBySide)
                    compare->sideBySideAction()->setChecked(true);
                compare->fitToScreen(QSize(1600, 1000));
                // After the window has its size, so fit and centring use the real viewports.
                QTimer::singleShot(50, compare, [compare, compareChain] {
                    if (compareChain.isEmpty() || !compare->showChain(compareChain))
                        compare->showFirstDifference();
                });
            }
        });
    }
    if (const QString chain = parser.value(chainOption); !chain.isEmpty()) {
        // Through the tree, as a click on the chain's item: the same reveal, layout and focus.
        QObject::connect(&window, &MainWindow::scenarioLoaded, &window, [&window, chain] {
            const qsizetype colon = chain.indexOf(QLatin1Char(':'));
            const QByteArray tableName = chain.left(colon).toUtf8();
            const QByteArray chainName = chain.mid(colon + 1).toUtf8();
            chainscope::TableId table;
            const chainscope::Scenario *sc = window.scenario();
            if (colon > 0 && chain.left(colon).contains(QLatin1Char(' ')) && sc) {
                // An nft chain ("inet firewalld:filter_INPUT"): its item in the nftables dock and
                // its card, as a click on the item and on the card would.
                const auto &n = sc->nodes[size_t(window.currentNode())].rules.nft;
                const int ci = n ? n->chainIndex(n->tableIndex(chain.left(colon)), chain.mid(colon + 1)) : -1;
                if (ci < 0) {
                    fail(QCoreApplication::translate("main", "no chain %1 on node %2").arg(chain, sc->nodes[size_t(window.currentNode())].name), 2);
                    return;
                }
                window.traceController()->nftPanel()->selectItem(ci, -1);
                window.chainScene()->selectChain(chainscope::ChainCard::NftTable, ci);
                // after the first fit of the graph, as the tree's click focuses a card
                QTimer::singleShot(0, &window, [&window, ci] {
                    if (chainscope::ChainCard *card = window.chainScene()->card(chainscope::ChainCard::NftTable, ci))
                        window.chainView()->focusItem(card);
                });
                return;
            }
            const int index = colon > 0 && chainscope::tableFromName(tableName.toStdString(), table) && sc
                                  ? sc->nodes[size_t(window.currentNode())].rules.table(table).chainIndex(chainName.toStdString())
                                  : -1;
            auto *proxy = qobject_cast<QSortFilterProxyModel *>(window.scenarioTree()->model());
            auto *model = proxy ? qobject_cast<chainscope::ScenarioTreeModel *>(proxy->sourceModel()) : nullptr;
            const QModelIndex item = index >= 0 && model ? proxy->mapFromSource(model->chainIndex(window.currentNode(), table, index))
                                                         : QModelIndex();
            if (!item.isValid()) {
                fail(QCoreApplication::translate("main", "no chain %1 on node %2")
                         .arg(chain, sc ? sc->nodes[size_t(window.currentNode())].name : QString()),
                     2);
                return;
            }
            window.scenarioTree()->scrollTo(item);
            window.scenarioTree()->setCurrentIndex(item);
        });
    }
    // --lesson loads the lesson's scenario instead of the paths.
    if (const QString lesson = parser.value(lessonOption); !lesson.isEmpty()) {
        chainscope::LessonController *lessons = window.lessonController();
        if (parser.isSet(lessonAnswerOption))
            QObject::connect(lessons, &chainscope::LessonController::lessonStarted, lessons,
                             &chainscope::LessonController::showAnswer);
        QString error;
        if (!lessons->startLesson(lesson, &error)) {
            std::fprintf(stderr, "chainscope: %s\n", qPrintable(error));
            return 2;
        }
        return app.exec();
    }
    // From the event loop: a session refused at once (damaged, newer) reports through
    // loadFailed, which exits with its code only once the loop runs.
    QTimer::singleShot(0, &window, [&window, paths] { window.openPaths(paths); });
    return app.exec();
}
