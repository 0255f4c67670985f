#include "guitest.h"
#include "chaincard.h"
#include "text.h"
#include "chainscene.h"
#include "chainview.h"
#include "dumptext.h"
#include "dumpview.h"
#include "folditem.h"
#include "problemtree.h"
#include "mainwindow.h"
#include "reachabilitycontroller.h"
#include "reachabilitymodel.h"
#include "reachabilitywindow.h"
#include "scenariotreemodel.h"
#include "sessioncontroller.h"
#include "candidatepalette.h"
#include "comparewindow.h"
#include "helpcontroller.h"
#include "helpview.h"
#include "lessoncontroller.h"
#include "lessonspage.h"
#include "nftpanel.h"
#include "nftruleset.h"
#include "nodestrip.h"
#include "note.h"
#include "packetpanel.h"
#include "traceanimator.h"
#include "tracecontroller.h"
#include "tracedocument.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QTreeWidget>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QShortcut>
#include <QTabBar>
#include <QTabWidget>
#include <QGroupBox>
#include <QTextBrowser>
#include <QTimer>
#include <QUndoStack>
#include <QColor>
#include <QHeaderView>
#include <QImage>
#include <QLineEdit>
#include <QMimeData>
#include <QProcess>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <memory>

using namespace chainscope;
using guitest::incidentPath;

namespace {
} // namespace

class TstWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void opensIncidentWithThreeNodes();
    void everyChainHasCard();
    void lanesFollowKernelOrder();
    void treeSelectsNode();
    void treeSelectsFoldedChain();
    void ruleClickSelectsDumpLine();
    void dumpCursorSelectsRow();
    void filterRevealsFoldedChain();
    void policyRowAndDeclarationLine();
    void doubleClickUnfolds();
    void dropOpensFolder();
    void loadErrorsNameFileLineColumn();
    void problemsGroupByKind();
    void screenshotWritesPng();
    void screenshotFailsOnMissingScenario();
    void namesCutAtTheirEnd();
    void downFromFilterEntersResults();
    void sessionOpensFromCommandLine();

    // Shortcuts (issue 13): no clashes, and every one works from the keyboard.
    void shortcutsDoNotClash();
    void mnemonicsDoNotClash();
    void undoAndRedoByKeys();
    void viewKeys();
    void traceKeys();
    void candidateKeys();
    void lessonKeys();
    void dialogKeys();
    void f1OpensHelp();
    void quitByKey();
    void reachabilityByKey();
    void nftDockByKey();
    void everyShortcutIsPressed();

    // Screen sizes
    void windowFitsTheScreen();
    void nodeStripShowsEveryNode();
    void lessonDockIsNotRestored();

private:
    void load(const QString &node = {});
    /** With CHAINSCOPE_SHOT_DIR set, keeps a grab of the window for a person to look at. */
    void keepShot(const QString &name);
    /** Runs the chainscope executable offscreen with its settings under configDir; its exit code, -1 when it crashed or hung. */
    static int runGui(const QStringList &args, const QString &configDir, QByteArray *errors = nullptr);

    /** Sends a key sequence to the focused widget (the window if none) and remembers it was pressed. */
    void press(const QKeySequence &keys);
    /** Presses keys that open a modal dialog; closes it and returns its title (empty: none opened). */
    QString pressForDialog(const QKeySequence &keys);
    /** Loads the incident and traces its first preset with Ctrl+T, the graph focused. */
    void traceByKey();

    QTemporaryDir m_settingsDir;
    std::unique_ptr<MainWindow> m_window;
    QSet<QString> m_pressed;   // every key sequence a test pressed (NativeText, PortableText)
};

void TstWindow::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("chainscope-tests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
}

void TstWindow::init()
{
    m_window = guitest::shownWindow();
    QVERIFY(m_window);
}

void TstWindow::cleanup()
{
    m_window.reset();
}

void TstWindow::load(const QString &node)
{
    m_window->setPreferredNode(node);
    QVERIFY(guitest::openAndWait(*m_window, {incidentPath()}));
}

void TstWindow::keepShot(const QString &name)
{
    QVERIFY(guitest::keepShot(m_window.get(), name));
}

int TstWindow::runGui(const QStringList &args, const QString &configDir, QByteArray *errors)
{
    QProcess proc;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), configDir);
    proc.setProcessEnvironment(env);
    proc.start(QStringLiteral(CHAINSCOPE_GUI), args);
    const bool finished = proc.waitForFinished(60000);
    if (errors)
        *errors = proc.readAllStandardError();
    return finished && proc.exitStatus() == QProcess::NormalExit ? proc.exitCode() : -1;
}

void TstWindow::opensIncidentWithThreeNodes()
{
    load();
    const Scenario *sc = m_window->scenario();
    QVERIFY(sc);
    QCOMPARE(sc->nodes.size(), size_t(3));
    QCOMPARE(m_window->currentNode(), 0);
    // The tree shows the three nodes, too.
    QCOMPARE(m_window->scenarioTree()->model()->rowCount(), 3);
    QCOMPARE(m_window->isLoading(), false);
    // The icon is built in for desktops without the installed theme icon.
    QVERIFY(QFile::exists(QStringLiteral(":/icons/chainscope.svg")));
    QVERIFY(!m_window->windowIcon().pixmap(32, 32).isNull());
}

void TstWindow::everyChainHasCard()
{
    load(QStringLiteral("node02"));
    const Scenario *sc = m_window->scenario();
    QCOMPARE(m_window->currentNode(), sc->nodeIndex(QStringLiteral("node02")));
    const Ruleset &rules = sc->nodes[size_t(m_window->currentNode())].rules;
    ChainScene *scene = m_window->chainScene();
    int chains = 0;
    int folded = 0;
    for (int t = 0; t < TableCount; ++t) {
        const Table &table = rules.table(TableId(t));
        for (int c = 0; c < int(table.chains.size()); ++c) {
            ++chains;
            ChainCard *card = scene->card(TableId(t), c);
            QVERIFY2(card, qPrintable(text::q(table.chains[size_t(c)].name)));
            QCOMPARE(card->chainName(), text::q(table.chains[size_t(c)].name));
            QCOMPARE(card->scene(), scene);
            if (!card->isVisible()) {
                QVERIFY2(scene->foldOf(TableId(t), c), qPrintable(card->chainName()));
                ++folded;
            } else {
                QCOMPARE(scene->foldOf(TableId(t), c), nullptr);
            }
        }
    }
    QCOMPARE(scene->cards().size(), chains);
    // kube-proxy's KUBE-SVC-*/KUBE-SEP-* forest is folded at first.
    QVERIFY(folded > 0);
    QVERIFY(!scene->folds().isEmpty());
    m_window->chainView()->fitAll();
    keepShot(QStringLiteral("fit"));
    m_window->chainView()->setZoom(0.5);
    keepShot(QStringLiteral("medium"));
}

void TstWindow::lanesFollowKernelOrder()
{
    load();
    const Ruleset &rules = m_window->scenario()->nodes[0].rules;
    ChainScene *scene = m_window->chainScene();
    const Table &nat = rules.table(TableId::Nat);
    auto x = [&](const char *name) {
        return scene->card(TableId::Nat, nat.chainIndex(name))->x();
    };
    QVERIFY(x("PREROUTING") < x("INPUT"));
    QVERIFY(x("INPUT") < x("OUTPUT"));
    QVERIFY(x("OUTPUT") < x("POSTROUTING"));
    // Within the FORWARD lane, filter sits below mangle (table priority).
    const Table &filter = rules.table(TableId::Filter);
    const Table &mangle = rules.table(TableId::Mangle);
    ChainCard *filterForward = scene->card(TableId::Filter, filter.chainIndex("FORWARD"));
    ChainCard *mangleForward = scene->card(TableId::Mangle, mangle.chainIndex("FORWARD"));
    QCOMPARE(filterForward->x(), mangleForward->x());
    QVERIFY(filterForward->y() > mangleForward->y());
    // The policy row closes the built-in card.
    QCOMPARE(filterForward->rows().back().policy, true);
    QCOMPARE(filterForward->rows().back().target, QStringLiteral("policy DROP"));
}

void TstWindow::treeSelectsNode()
{
    load();
    QTreeView *tree = m_window->scenarioTree();
    tree->setCurrentIndex(tree->model()->index(1, 0));
    QTRY_COMPARE(m_window->currentNode(), 1);
    const Ruleset &rules = m_window->scenario()->nodes[1].rules;
    QCOMPARE(m_window->chainScene()->ruleset(), &rules);
}

void TstWindow::treeSelectsFoldedChain()
{
    load(QStringLiteral("node02"));
    const int node = m_window->currentNode();
    const Table &nat = m_window->scenario()->nodes[size_t(node)].rules.table(TableId::Nat);
    int chain = -1;
    for (int c = int(nat.chains.size()) - 1; c >= 0 && chain < 0; --c)
        if (text::q(nat.chains[size_t(c)].name).startsWith(QStringLiteral("KUBE-SEP-")))
            chain = c;
    QVERIFY(chain >= 0);
    ChainScene *scene = m_window->chainScene();
    ChainCard *card = scene->card(TableId::Nat, chain);
    QCOMPARE(card->isVisible(), false);

    QTreeView *tree = m_window->scenarioTree();
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(tree->model());
    QVERIFY(proxy);
    const QModelIndex sourceIndex = static_cast<ScenarioTreeModel *>(proxy->sourceModel())->chainIndex(node, TableId::Nat, chain);
    QCOMPARE(sourceIndex.data().toString(), card->chainName());
    tree->setCurrentIndex(proxy->mapFromSource(sourceIndex));
    QTRY_COMPARE(card->isVisible(), true);
    QCOMPARE(card->isSelected(), true);
    // The view shows the card.
    ChainView *view = m_window->chainView();
    const QRectF shown = view->mapToScene(view->viewport()->rect()).boundingRect();
    QVERIFY(shown.intersects(card->sceneBoundingRect()));
}

void TstWindow::ruleClickSelectsDumpLine()
{
    load(QStringLiteral("node02"));
    const Ruleset &rules = m_window->scenario()->nodes[size_t(m_window->currentNode())].rules;
    const Table &filter = rules.table(TableId::Filter);
    const int forward = filter.chainIndex("FORWARD");
    const Rule &rule = filter.chains[size_t(forward)].rules.at(1);
    ChainCard *card = m_window->chainScene()->card(TableId::Filter, forward);
    QVERIFY(card && card->isVisible());
    ChainView *view = m_window->chainView();
    view->setZoom(1.0);
    const int row = card->rowOfRule(rule.id);
    QCOMPARE(row, 1);
    const QPointF scenePoint = card->mapToScene(card->rowRect(row).center());
    view->centerOn(scenePoint);
    const QPoint viewPoint = view->mapFromScene(scenePoint);
    QVERIFY(view->viewport()->rect().contains(viewPoint));
    QVERIFY(m_window->dumpView()->currentLine() != rule.loc.line);

    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, viewPoint);
    QTRY_COMPARE(m_window->dumpView()->currentLine(), rule.loc.line);
    QCOMPARE(m_window->chainScene()->selectedRule(), rule.id);
    QCOMPARE(card->selectedRule(), rule.id);
    const QString selected = m_window->dumpView()->editor()->selectedText();
    QVERIFY2(selected.contains(QStringLiteral("-A FORWARD")), qPrintable(selected));
    keepShot(QStringLiteral("clicked"));
}

void TstWindow::policyRowAndDeclarationLine()
{
    // ":FORWARD DROP [0:0]" stands for the policy row: the cursor on it (keyboard) selects
    // the row, a click on the row puts the cursor on the line, the tree does both.
    load(QStringLiteral("node02"));
    const Ruleset &rules = m_window->scenario()->nodes[size_t(m_window->currentNode())].rules;
    const Table &filter = rules.table(TableId::Filter);
    const int forward = filter.chainIndex("FORWARD");
    const int declared = filter.chains[size_t(forward)].loc.line;
    QVERIFY(declared > 0);
    ChainScene *scene = m_window->chainScene();
    ChainCard *card = scene->card(TableId::Filter, forward);
    QVERIFY(card && card->isVisible());

    DumpView *dump = m_window->dumpView();
    DumpText *editor = dump->editor();
    editor->setFocus();
    // From a rule's line (which selects that rule) up to the declaration.
    const Rule &input = filter.chains[size_t(filter.chainIndex("INPUT"))].rules.front();
    editor->setCursorLine(input.loc.line - 2);
    QTest::keyClick(editor, Qt::Key_Down);
    QTRY_COMPARE(scene->selectedRule(), input.id);
    QCOMPARE(card->policySelected(), false);
    editor->setCursorLine(declared - 1 + 3);   // 0-based: three lines below the declaration
    QTest::keyClick(editor, Qt::Key_Up);
    QTest::keyClick(editor, Qt::Key_Up);
    QTest::keyClick(editor, Qt::Key_Up);
    QCOMPARE(dump->currentLine(), declared);
    QTRY_COMPARE(card->policySelected(), true);
    QCOMPARE(card->isSelected(), true);
    QCOMPARE(scene->selectedRule(), 0u);

    // A rule line takes the selection back from the policy row.
    const Rule &first = filter.chains[size_t(forward)].rules.front();
    editor->setCursorLine(first.loc.line - 2);
    QTest::keyClick(editor, Qt::Key_Down);
    QTRY_COMPARE(scene->selectedRule(), first.id);
    QCOMPARE(card->policySelected(), false);

    // A click on the policy row puts the dump's cursor on the declaration.
    ChainView *view = m_window->chainView();
    view->setZoom(1.0);
    const QPointF scenePoint = card->mapToScene(card->rowRect(card->policyRow()).center());
    view->centerOn(scenePoint);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(scenePoint));
    QTRY_COMPARE(dump->currentLine(), declared);
    QCOMPARE(card->policySelected(), true);
    QCOMPARE(editor->lineText(declared - 1).left(14), QStringLiteral(":FORWARD DROP "));

    // The tree's chain item does the same for another chain (a user chain: no policy row).
    const int user = filter.chainIndex("DOCKER-USER");
    QTreeView *tree = m_window->scenarioTree();
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(tree->model());
    const QModelIndex index = static_cast<ScenarioTreeModel *>(proxy->sourceModel())
                                      ->chainIndex(m_window->currentNode(), TableId::Filter, user);
    tree->setCurrentIndex(proxy->mapFromSource(index));
    QTRY_COMPARE(dump->currentLine(), filter.chains[size_t(user)].loc.line);
    ChainCard *userCard = scene->card(TableId::Filter, user);
    QCOMPARE(userCard->isSelected(), true);
    QCOMPARE(userCard->policySelected(), false);
    QCOMPARE(card->policySelected(), false);
}

void TstWindow::dumpCursorSelectsRow()
{
    load(QStringLiteral("node02"));
    const Ruleset &rules = m_window->scenario()->nodes[size_t(m_window->currentNode())].rules;
    // A rule inside a folded chain: moving onto its line must unfold and select it.
    const Table &nat = rules.table(TableId::Nat);
    int chain = -1;
    for (int c = 0; c < int(nat.chains.size()) && chain < 0; ++c)
        if (text::q(nat.chains[size_t(c)].name).startsWith(QStringLiteral("KUBE-SEP-")) && !nat.chains[size_t(c)].rules.empty())
            chain = c;
    QVERIFY(chain >= 0);
    ChainScene *scene = m_window->chainScene();
    QVERIFY(scene->foldOf(TableId::Nat, chain));
    const Rule &rule = nat.chains[size_t(chain)].rules.back();

    DumpView *dump = m_window->dumpView();
    DumpText *editor = dump->editor();
    editor->setFocus();
    editor->setCursorLine(rule.loc.line - 2);
    QTest::keyClick(editor, Qt::Key_Down);
    QCOMPARE(dump->currentLine(), rule.loc.line);
    QTRY_COMPARE(scene->selectedRule(), rule.id);
    ChainCard *card = scene->cardForRule(rule.id);
    QVERIFY(card);
    QCOMPARE(card->chainIndex(), chain);
    QCOMPARE(card->isVisible(), true);
    QCOMPARE(card->selectedRule(), rule.id);
    QCOMPARE(scene->foldOf(TableId::Nat, chain), nullptr);
}

void TstWindow::filterRevealsFoldedChain()
{
    load(QStringLiteral("node02"));
    const Ruleset &rules = m_window->scenario()->nodes[size_t(m_window->currentNode())].rules;
    const Table &nat = rules.table(TableId::Nat);
    ChainScene *scene = m_window->chainScene();
    int chain = -1;
    for (int c = 0; c < int(nat.chains.size()) && chain < 0; ++c)
        if (text::q(nat.chains[size_t(c)].name).startsWith(QStringLiteral("KUBE-SVC-")))
            chain = c;
    QVERIFY(chain >= 0);
    ChainCard *card = scene->card(TableId::Nat, chain);
    QCOMPARE(card->isVisible(), false);
    QVERIFY(scene->foldOf(TableId::Nat, chain));

    QTest::keyClicks(m_window->filterEdit(), card->chainName());
    QTRY_COMPARE(card->isVisible(), true);
    QCOMPARE(scene->foldOf(TableId::Nat, chain), nullptr);
    // The tree keeps the matching chain under its node and table.
    // kube-proxy names the chain by a hash of the service, so every node holding it matches.
    int holders = 0;
    for (const Node &node : m_window->scenario()->nodes)
        if (node.rules.table(TableId::Nat).chainIndex(card->chainName().toStdString()) >= 0)
            ++holders;
    QAbstractItemModel *model = m_window->scenarioTree()->model();
    QCOMPARE(model->rowCount(), holders);
    const QModelIndexList hits = model->match(model->index(0, 0), Qt::DisplayRole, card->chainName(), -1,
                                              Qt::MatchRecursive | Qt::MatchExactly);
    QCOMPARE(int(hits.size()), holders);
    // Nothing else survives the filter: each node keeps only its nat table.
    QCOMPARE(model->rowCount(model->index(0, 0)), 1);
}

void TstWindow::doubleClickUnfolds()
{
    load(QStringLiteral("node02"));
    ChainScene *scene = m_window->chainScene();
    const QList<FoldItem *> folds = scene->folds();
    QVERIFY(!folds.isEmpty());
    FoldItem *fold = folds.first();
    const int before = int(folds.size());
    ChainView *view = m_window->chainView();
    view->setZoom(1.0);
    const QPointF scenePoint = fold->mapToScene(fold->boundingRect().center());
    view->centerOn(scenePoint);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(scenePoint));
    QTRY_COMPARE(int(scene->folds().size()), before - 1);
    keepShot(QStringLiteral("unfolded"));
}

void TstWindow::dropOpensFolder()
{
    QCOMPARE(m_window->scenario(), nullptr);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(incidentPath())});
    const QPoint pos = m_window->rect().center();
    QSignalSpy loaded(m_window.get(), &MainWindow::scenarioLoaded);
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window.get(), &enter);
    QCOMPARE(enter.isAccepted(), true);
    QDragMoveEvent move(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window.get(), &move);
    QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window.get(), &drop);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    QVERIFY(m_window->scenario());
    QCOMPARE(m_window->scenario()->nodes.size(), size_t(3));

    // Text without files is refused.
    QMimeData text;
    text.setText(QStringLiteral("hello"));
    QDragEnterEvent refused(pos, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QCoreApplication::sendEvent(m_window.get(), &refused);
    QCOMPARE(refused.isAccepted(), false);
}

void TstWindow::loadErrorsNameFileLineColumn()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("bad.rules"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport notaport -j ACCEPT\nCOMMIT\n");
    file.close();
    QSignalSpy failed(m_window.get(), &MainWindow::loadFailed);
    m_window->openPaths({path});
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(path + QStringLiteral(":3:")), qPrintable(message));
    QCOMPARE(m_window->scenario(), nullptr);
}

void TstWindow::problemsGroupByKind()
{
    // A node's dump as pasted from a ticket (CRLF): a connection limit on every
    // service, a router's TTL rule. The Problems tab shows one row per kind with its count,
    // the same line `chainscope-cli parse` prints; a kind expands to each place, and Enter on
    // a place puts the dump on its line and selects the rule's row.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray dump = "# Generated by iptables-save v1.8.9 (nf_tables) on Fri Dec  4 09:30:12 2026\r\n"
                      "*mangle\r\n:PREROUTING ACCEPT [0:0]\r\n:INPUT ACCEPT [0:0]\r\n:FORWARD ACCEPT [0:0]\r\n"
                      ":OUTPUT ACCEPT [0:0]\r\n:POSTROUTING ACCEPT [0:0]\r\n"
                      "-A POSTROUTING -o wwan0 -j TTL --ttl-set 65\r\nCOMMIT\r\n"
                      "*nat\r\n:PREROUTING ACCEPT [0:0]\r\n:INPUT ACCEPT [0:0]\r\n:OUTPUT ACCEPT [0:0]\r\n:POSTROUTING ACCEPT [0:0]\r\n"
                      ":KUBE-SERVICES - [0:0]\r\n";
    const int services = 30;
    for (int i = 0; i < services; ++i)
        dump += QStringLiteral(":KUBE-SEP-AFF%1 - [0:0]\r\n").arg(i, 4, 10, QLatin1Char('0')).toLatin1();
    dump += "-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\r\n";
    const int firstService = 10 + 6 + services + 1;
    for (int i = 0; i < services; ++i)
        dump += QStringLiteral("-A KUBE-SERVICES -d 10.96.7.%1/32 -p tcp -m comment --comment \"shop/cart-%1 cluster IP\" -m tcp --dport 80 "
                               "-m connlimit --connlimit-upto 512 --connlimit-mask 32 --connlimit-saddr "
                               "-j KUBE-SEP-AFF%2\r\n")
                        .arg(i + 1).arg(i, 4, 10, QLatin1Char('0')).toLatin1();
    for (int i = 0; i < services; ++i)
        dump += QStringLiteral("-A KUBE-SEP-AFF%1 -p tcp -m tcp -j DNAT --to-destination 10.244.1.%2:8080\r\n")
                        .arg(i, 4, 10, QLatin1Char('0')).arg(i + 2).toLatin1();
    dump += "COMMIT\r\n";
    const QString path = dir.filePath(QStringLiteral("node03.rules"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(dump);
    f.close();
    QVERIFY(guitest::openAndWait(*m_window, {path}));

    ProblemTree *tree = m_window->problemList();
    QVERIFY(tree);
    const std::vector<Diagnostic> &list = tree->diagnostics();
    QStringList rows;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        rows << tree->topLevelItem(i)->text(0);
    // The same grouping as the CLI's: one model function for both.
    QStringList expected;
    for (const DiagnosticGroup &g : DiagnosticGroups::group(list))
        expected << g.text(list);
    QCOMPARE(rows, expected);
    int recent = -1;
    for (int i = 0; i < rows.size(); ++i) {
        if (rows[i].startsWith(QStringLiteral("30 rules use `-m connlimit`: kept, not evaluated")))
            recent = i;
    }
    QVERIFY2(recent >= 0, qPrintable(rows.join(QLatin1Char('\n'))));
    QVERIFY(rows[recent].endsWith(QStringLiteral("first at %1:%2").arg(path).arg(firstService)));
    QVERIFY(rows.join(QLatin1Char('\n')).contains(QStringLiteral("1 rule uses target TTL: kept, the rule continues")));

    // Keyboard: select the kind, expand it, go to the fifth place, Enter.
    QTreeWidgetItem *group = tree->topLevelItem(recent);
    QCOMPARE(group->childCount(), 0);   // places are made when the kind is expanded
    tree->setFocus();
    tree->setCurrentItem(group);
    QTest::keyClick(tree, Qt::Key_Right);
    QVERIFY(group->isExpanded());
    QCOMPARE(group->childCount(), services);
    for (int i = 0; i < 5; ++i)
        QTest::keyClick(tree, Qt::Key_Down);
    QCOMPARE(tree->currentItem(), group->child(4));
    QVERIFY(group->child(4)->text(0).startsWith(QStringLiteral("%1:%2:").arg(path).arg(firstService + 4)));
    QTest::keyClick(tree, Qt::Key_Return);
    QTRY_COMPARE(m_window->dumpView()->currentLine(), firstService + 4);
    const Ruleset &rules = m_window->scenario()->nodes.front().rules;
    const Table &nat = rules.table(TableId::Nat);
    const Rule &fifth = nat.chains[size_t(nat.chainIndex("KUBE-SERVICES"))].rules[4];
    QCOMPARE(fifth.loc.line, firstService + 4);
    QTRY_COMPARE(m_window->chainScene()->selectedRule(), fifth.id);

    // Enter on the kind itself goes to its first place.
    tree->setCurrentItem(group);
    QTest::keyClick(tree, Qt::Key_Return);
    QTRY_COMPARE(m_window->dumpView()->currentLine(), firstService);
    keepShot(QStringLiteral("problems-grouped"));
}

void TstWindow::screenshotWritesPng()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString png = dir.filePath(QStringLiteral("node02.png"));
    QCOMPARE(runGui({incidentPath(), QStringLiteral("--node"), QStringLiteral("node02"), QStringLiteral("--screenshot"), png},
                    dir.path()),
             0);
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1600, 1000));
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 17)
        for (int x = 0; x < image.width(); x += 13)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
}

void TstWindow::screenshotFailsOnMissingScenario()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString png = dir.filePath(QStringLiteral("none.png"));
    QByteArray errors;
    const int code = runGui({dir.filePath(QStringLiteral("no-such-scenario")), QStringLiteral("--screenshot"), png}, dir.path(),
                            &errors);
    QVERIFY(code != 0 && code != -1);
    QCOMPARE(QFile::exists(png), false);
    QVERIFY(!errors.isEmpty());
}

void TstWindow::namesCutAtTheirEnd()
{
    load(QStringLiteral("node02"));
    const Ruleset &rules = m_window->scenario()->nodes[size_t(m_window->currentNode())].rules;
    const Table &filter = rules.table(TableId::Filter);
    ChainScene *scene = m_window->chainScene();
    ChainView *view = m_window->chainView();
    QSet<QString> titles;
    for (const char *name : {"DOCKER", "DOCKER-USER", "DOCKER-ISOLATION-STAGE-1", "DOCKER-ISOLATION-STAGE-2"}) {
        const int chain = filter.chainIndex(name);
        QVERIFY2(chain >= 0, name);
        ChainCard *card = scene->card(TableId::Filter, chain);
        QVERIFY(card);
        const QString full = QStringLiteral("filter:") + QLatin1String(name);
        const QString title = card->titleText();
        titles.insert(title);
        // Whole, or its beginning with an ellipsis at the end: never a cut in the middle.
        if (title != full) {
            QVERIFY2(title.endsWith(QChar(0x2026)), qPrintable(title));
            QVERIFY2(full.startsWith(title.chopped(1)), qPrintable(title));
            QVERIFY(title.size() > 20);
        }
        // Hovering the title shows the whole name.
        card->setVisible(true);
        view->centerOn(card);
        const QPoint at = view->mapFromScene(card->mapToScene(QPointF(60, ChainCard::TitleHeight / 2)));
        QTest::mouseMove(view->viewport(), at);
        QTRY_COMPARE(card->toolTip(), full);
    }
    QCOMPARE(titles.size(), 4);

    // The tree: names end-elided when they must be, the Name column as wide as the names.
    QTreeView *tree = m_window->scenarioTree();
    QCOMPARE(tree->textElideMode(), Qt::ElideRight);
    QCOMPARE(tree->header()->sectionResizeMode(ScenarioTreeModel::NameColumn), QHeaderView::ResizeToContents);
    QTest::keyClicks(m_window->filterEdit(), QStringLiteral("DOCKER-ISOLATION"));
    QAbstractItemModel *model = tree->model();
    QTRY_VERIFY(!model->match(model->index(0, 0), Qt::DisplayRole, QStringLiteral("DOCKER-ISOLATION-STAGE-2"), 1,
                              Qt::MatchRecursive | Qt::MatchExactly).isEmpty());
    const QModelIndex hit = model->match(model->index(0, 0), Qt::DisplayRole, QStringLiteral("DOCKER-ISOLATION-STAGE-2"), 1,
                                         Qt::MatchRecursive | Qt::MatchExactly).front();
    tree->scrollTo(hit);
    QTRY_VERIFY(tree->columnWidth(ScenarioTreeModel::NameColumn)
                >= tree->visualRect(hit).left() - tree->visualRect(hit.siblingAtColumn(0)).left()
                           + tree->fontMetrics().horizontalAdvance(QStringLiteral("DOCKER-ISOLATION-STAGE-2")));
    QVERIFY(hit.data(Qt::ToolTipRole).toString().contains(QStringLiteral("DOCKER-ISOLATION-STAGE-2")));
}

void TstWindow::downFromFilterEntersResults()
{
    load(QStringLiteral("node02"));
    QLineEdit *filter = m_window->filterEdit();
    QTreeView *tree = m_window->scenarioTree();
    m_window->activateWindow();
    filter->setFocus();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClicks(filter, QStringLiteral("KUBE-MARK-MASQ"));
    // At once, without waiting for the filter's pause: Down filters and moves into the results.
    QTest::keyClick(filter, Qt::Key_Down);
    QCOMPARE(QApplication::focusWidget(), tree);
    const QModelIndex current = tree->currentIndex();
    QVERIFY(current.isValid());
    QCOMPARE(tree->model()->rowCount(current), 0);   // a chain, not a node or table
    QCOMPARE(current.data().toString(), QStringLiteral("KUBE-MARK-MASQ"));
    // The graph follows: the chain's card is shown.
    const Ruleset &rules = m_window->scenario()->nodes[size_t(m_window->currentNode())].rules;
    const int chain = rules.table(TableId::Nat).chainIndex("KUBE-MARK-MASQ");
    QVERIFY(chain >= 0);
    QTRY_VERIFY(m_window->chainScene()->card(TableId::Nat, chain)->isVisible());
    // And Down goes on inside the tree.
    QTest::keyClick(tree, Qt::Key_Down);
    QVERIFY(tree->currentIndex() != current);
}

void TstWindow::sessionOpensFromCommandLine()
{
    load();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString session = dir.filePath(QStringLiteral("work.chainscope"));
    QString error;
    QVERIFY2(m_window->sessionController()->saveSession(session, false, &error), qPrintable(error));
    const QString png = dir.filePath(QStringLiteral("session.png"));
    QByteArray errors;
    QCOMPARE(runGui({session, QStringLiteral("--screenshot"), png}, dir.path(), &errors), 0);
    QVERIFY2(!errors.contains("not a rule dump"), errors.constData());
    QVERIFY(QFile::exists(png));
    // A damaged session is refused with its name, not read as a dump.
    const QString broken = dir.filePath(QStringLiteral("broken.chainscope"));
    {
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"chainscope-session\", \"version\": ");
    }
    const int code = runGui({broken, QStringLiteral("--screenshot"), png}, dir.path(), &errors);
    QVERIFY(code != 0 && code != -1);
    QVERIFY2(errors.contains("broken.chainscope") && !errors.contains("not a rule dump"), errors.constData());
}

// ---------------------------------------------------------------------------------------
// Shortcuts

namespace {
/** Where an action's shortcut can fire: the main window for window shortcuts, the widget it
 *  is on for widget shortcuts; nothing for actions of other windows (compare, dialogs). */
QList<QWidget *> scopesOf(const QAction *a, const QWidget *window)
{
    QList<QWidget *> scopes;
    const QList<QObject *> objects = a->associatedObjects();
    for (QObject *o : objects) {
        if (auto *menu = qobject_cast<QMenu *>(o)) {
            if (menu->menuAction())
                for (QWidget *w : scopesOf(menu->menuAction(), window))
                    if (!scopes.contains(w))
                        scopes << w;
            continue;
        }
        auto *w = qobject_cast<QWidget *>(o);
        if (!w || w->window() != window)
            continue;
        QWidget *scope = a->shortcutContext() == Qt::WidgetShortcut || a->shortcutContext() == Qt::WidgetWithChildrenShortcut
                                 ? w : const_cast<QWidget *>(window);
        if (!scopes.contains(scope))
            scopes << scope;
    }
    return scopes;
}

} // namespace

void TstWindow::press(const QKeySequence &keys)
{
    m_pressed.insert(keys.toString(QKeySequence::PortableText));
    // Window shortcuts fire in the active window (a closed dialog or the Help window leaves
    // none active on the offscreen platform).
    if (QApplication::activeWindow() != m_window.get()) {
        m_window->activateWindow();
        if (!QTest::qWaitForWindowActive(m_window.get()))
            qWarning("the window did not become active; its window shortcuts will not fire");
    }
    QWidget *target = QApplication::focusWidget();
    if (!target || target->window() != m_window.get())
        target = m_window.get();
    QTest::keySequence(target, keys);
}

QString TstWindow::pressForDialog(const QKeySequence &keys)
{
    QString title;
    QTimer poll;
    poll.setInterval(20);
    connect(&poll, &QTimer::timeout, this, [&] {
        if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
            title = dialog->windowTitle();
            dialog->reject();
        }
    });
    poll.start();
    press(keys);
    poll.stop();
    return title;
}

void TstWindow::traceByKey()
{
    load();
    TraceController *trace = m_window->traceController();
    QVERIFY(trace->packetPanel()->selectPreset(QStringLiteral("curl the ClusterIP from master")));
    m_window->chainView()->setFocus();
    press(QKeySequence(Qt::CTRL | Qt::Key_T));
    QVERIFY(trace->hasTrace());
}

void TstWindow::shortcutsDoNotClash()
{
    load();
    // A key bound twice where both can fire is an "ambiguous shortcut overload": neither works.
    struct Binding
    {
        QString key;
        QObject *owner;
        QString what;
    };
    QHash<QWidget *, QList<Binding>> byScope;
    int count = 0;
    const QList<QAction *> actions = m_window->findChildren<QAction *>();
    for (QAction *a : actions) {
        const QList<QKeySequence> keys = a->shortcuts();
        QSet<QString> own;
        for (const QKeySequence &k : keys) {
            const QString text = k.toString(QKeySequence::PortableText);
            QVERIFY2(!own.contains(text), qPrintable(QStringLiteral("%1 twice on \"%2\"").arg(text, a->text())));
            own.insert(text);
            for (QWidget *scope : scopesOf(a, m_window.get())) {
                byScope[scope].append({text, a, a->text()});
                ++count;
            }
        }
    }
    const QList<QShortcut *> shortcuts = m_window->findChildren<QShortcut *>();
    for (QShortcut *sc : shortcuts) {
        auto *parent = qobject_cast<QWidget *>(sc->parent());
        if (!parent || parent->window() != m_window.get())
            continue;
        QWidget *scope = sc->context() == Qt::WindowShortcut || sc->context() == Qt::ApplicationShortcut ? m_window.get() : parent;
        for (const QKeySequence &k : sc->keys())
            byScope[scope].append({k.toString(QKeySequence::PortableText), sc, sc->objectName()});
    }
    QVERIFY(count > 40);
    // Within a scope and everything around it (a graph action and a window action both
    // fire while the graph has the focus), one owner per key.
    for (auto it = byScope.cbegin(); it != byScope.cend(); ++it) {
        QList<Binding> all = it.value();
        if (it.key() != m_window.get())
            for (QWidget *up = it.key()->parentWidget(); up; up = up->parentWidget())
                all += byScope.value(up);
        QHash<QString, Binding> seen;
        for (const Binding &b : std::as_const(all)) {
            const auto prior = seen.constFind(b.key);
            QVERIFY2(prior == seen.cend() || prior->owner == b.owner,
                     qPrintable(QStringLiteral("%1: \"%2\" and \"%3\"").arg(b.key, prior == seen.cend() ? QString() : prior->what, b.what)));
            seen.insert(b.key, b);
        }
    }
}

void TstWindow::mnemonicsDoNotClash()
{
    load();
    traceByKey();   // the trace's tabs and buttons are shown too
    // Alt+letter goes to one owner in the window: the menu titles and whatever is shown. Each
    // page of every tab widget is checked in turn, since only one page is shown at a time.
    QStringList clashes = guitest::mnemonicClashes(m_window.get());
    const QList<QTabWidget *> tabWidgets = m_window->findChildren<QTabWidget *>();
    for (QTabWidget *tabs : tabWidgets) {
        if (!tabs->isVisibleTo(m_window.get()))
            continue;
        const int was = tabs->currentIndex();
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            clashes += guitest::mnemonicClashes(m_window.get());
        }
        tabs->setCurrentIndex(was);
    }
    // The lessons page opens as a dock beside the packet panel: its buttons too.
    press(QKeySequence(Qt::CTRL | Qt::Key_L));
    QTRY_VERIFY(m_window->findChild<LessonsPage *>() && m_window->findChild<LessonsPage *>()->isVisible());
    clashes += guitest::mnemonicClashes(m_window.get());
    clashes += guitest::menuMnemonicClashes(m_window.get());
    clashes.removeDuplicates();
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QStringLiteral("; "))));
}

void TstWindow::undoAndRedoByKeys()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("[Aa]mbiguous")));
    traceByKey();
    TraceController *trace = m_window->traceController();
    QUndoStack *undo = m_window->undoStack();
    // Ctrl+I inserts the palette's selected candidate: one command.
    trace->palette()->setCurrentRow(0);
    m_window->chainView()->setFocus();
    press(QKeySequence(Qt::CTRL | Qt::Key_I));
    QCOMPARE(undo->count(), 1);
    QCOMPARE(undo->index(), 1);
    QCOMPARE(trace->document()->edits().size(), size_t(1));
    m_window->chainView()->setFocus();
    press(QKeySequence::Undo);
    QCOMPARE(undo->index(), 0);
    QVERIFY(trace->document()->edits().empty());
    press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    QCOMPARE(undo->index(), 1);
    QCOMPARE(trace->document()->edits().size(), size_t(1));
    press(QKeySequence(Qt::CTRL | Qt::Key_Z));
    QCOMPARE(undo->index(), 0);
    press(QKeySequence(Qt::CTRL | Qt::Key_Y));
    QCOMPARE(undo->index(), 1);
    // Every key the platform gives Redo works too.
    for (const QKeySequence &k : QKeySequence::keyBindings(QKeySequence::Redo)) {
        press(QKeySequence::Undo);
        QCOMPARE(undo->index(), 0);
        press(k);
        QCOMPARE(undo->index(), 1);
    }
}

void TstWindow::viewKeys()
{
    load();
    ChainView *view = m_window->chainView();
    view->setFocus();
    view->setZoom(0.5);
    press(QKeySequence(Qt::CTRL | Qt::Key_Equal));
    QVERIFY(view->zoom() > 0.5);
    press(QKeySequence(Qt::CTRL | Qt::Key_Plus));
    const qreal in = view->zoom();
    QVERIFY(in > 0.5);
    press(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    QVERIFY(view->zoom() < in);
    press(QKeySequence(Qt::CTRL | Qt::Key_9));
    QCOMPARE(view->zoom(), 1.0);
    press(QKeySequence(Qt::CTRL | Qt::Key_0));
    QVERIFY(view->zoom() < 1.0);   // the whole graph fits
    const qreal fit = view->zoom();
    const Ruleset *rs = m_window->chainScene()->ruleset();
    m_window->chainScene()->selectChain(TableId::Filter, rs->table(TableId::Filter).chainIndex("FORWARD"));
    press(QKeySequence(Qt::CTRL | Qt::Key_1));
    QVERIFY(view->zoom() > fit);
    press(QKeySequence::Find);
    QCOMPARE(QApplication::focusWidget(), m_window->filterEdit());
    view->setFocus();
    QCOMPARE(m_window->currentNode(), 0);
    press(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    QCOMPARE(m_window->currentNode(), 1);
    press(QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    QCOMPARE(m_window->currentNode(), 0);
    // Alt+1..8 show and hide the docks.
    const char *const docks[] = {"scenarioDock", "dumpDock", "problemDock", "packetDock", "branchDock", "explainDock",
                                 "paletteDock", "stepsDock"};
    for (int i = 0; i < 8; ++i) {
        auto *dock = m_window->findChild<QDockWidget *>(QLatin1String(docks[i]));
        QVERIFY2(dock, docks[i]);
        const bool before = dock->toggleViewAction()->isChecked();
        view->setFocus();
        press(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        QCOMPARE(dock->toggleViewAction()->isChecked(), !before);
        QCOMPARE(dock->isHidden(), before);
        view->setFocus();
        press(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        QCOMPARE(dock->toggleViewAction()->isChecked(), before);
    }
    view->setFocus();
    press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    QVERIFY(m_window->compareWindow());
    QVERIFY(m_window->compareWindow()->isVisible());
}

void TstWindow::traceKeys()
{
    traceByKey();
    TraceController *trace = m_window->traceController();
    TraceAnimator *animator = trace->animator();
    const int last = animator->stopCount() - 1;
    QCOMPARE(animator->currentStop(), last);
    m_window->chainView()->setFocus();
    press(QKeySequence(Qt::CTRL | Qt::Key_R));
    QCOMPARE(animator->currentStop(), 0);
    QVERIFY(animator->isPlaying());
    m_window->chainView()->setFocus();
    press(QKeySequence(Qt::Key_Space));
    QVERIFY(!animator->isPlaying());
    press(QKeySequence(Qt::Key_Space));
    QVERIFY(animator->isPlaying());
    press(QKeySequence(Qt::Key_Space));
    QVERIFY(!animator->isPlaying());
    animator->goToStop(3);
    m_window->chainView()->setFocus();
    press(QKeySequence(Qt::ALT | Qt::Key_Right));
    QCOMPARE(animator->currentStop(), 4);
    press(QKeySequence(Qt::CTRL | Qt::Key_Right));
    QCOMPARE(animator->currentStop(), 5);
    press(QKeySequence(Qt::ALT | Qt::Key_Left));
    QCOMPARE(animator->currentStop(), 4);
    press(QKeySequence(Qt::CTRL | Qt::Key_Left));
    QCOMPARE(animator->currentStop(), 3);
    press(QKeySequence(Qt::CTRL | Qt::Key_E));
    QCOMPARE(animator->currentStop(), last);
    const double speed = animator->speed();
    press(QKeySequence(Qt::CTRL | Qt::Key_BracketRight));
    QVERIFY(animator->speed() > speed);
    press(QKeySequence(Qt::CTRL | Qt::Key_BracketLeft));
    QCOMPARE(animator->speed(), speed);
    // Pin: the branch that took the statistic rule has it forced; one branch is left.
    QCOMPARE(trace->trace().branches.size(), size_t(2));
    int taken = -1;
    for (size_t i = 0; i < trace->trace().branches.size(); ++i)
        for (const Decision &d : trace->trace().branches[i].decisions)
            if (d.taken)
                taken = int(i);
    QVERIFY(taken >= 0);
    trace->selectBranch(taken);
    m_window->chainView()->setFocus();
    press(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P));
    QCOMPARE(trace->trace().branches.size(), size_t(1));
}

void TstWindow::candidateKeys()
{
    traceByKey();
    TraceController *trace = m_window->traceController();
    QUndoStack *undo = m_window->undoStack();
    ChainScene *scene = m_window->chainScene();
    // A candidate in DOCKER-USER (the in/out template), selected on the graph.
    int row = -1;
    for (int i = 0; i < int(trace->palette()->templates().size()); ++i)
        if (trace->palette()->templates()[size_t(i)].chain == QLatin1String("DOCKER-USER"))
            row = i;
    QVERIFY(row >= 0);
    trace->palette()->setCurrentRow(row);
    m_window->chainView()->setFocus();
    press(QKeySequence(Qt::CTRL | Qt::Key_I));
    QCOMPARE(undo->count(), 1);
    const quint32 id = trace->document()->ruleIdOfEdit(0);
    QVERIFY(id);
    scene->selectRule(id);
    m_window->chainView()->setFocus();
    press(QKeySequence(Qt::Key_F2));
    QVERIFY(trace->inlineEditor());
    QVERIFY(trace->inlineEditor()->isVisible());
    QCOMPARE(QApplication::focusWidget(), trace->inlineEditor());
    press(QKeySequence(Qt::Key_Escape));
    QTRY_VERIFY(!trace->inlineEditor());
    // Alt+Shift+Down / Up move it (one command each).
    const int position = trace->document()->edits()[0].position;
    scene->selectRule(trace->document()->ruleIdOfEdit(0));
    m_window->chainView()->setFocus();
    press(QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Down));
    QCOMPARE(trace->document()->edits()[0].position, position + 1);
    QCOMPARE(undo->count(), 2);
    scene->selectRule(trace->document()->ruleIdOfEdit(0));
    m_window->chainView()->setFocus();
    press(QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Up));
    QCOMPARE(trace->document()->edits()[0].position, position);
    // Ctrl+Alt+C copies the commands.
    QApplication::clipboard()->clear();
    press(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    QVERIFY2(QApplication::clipboard()->text().contains(QLatin1String("iptables")), qPrintable(QApplication::clipboard()->text()));
    // Delete removes the selected candidate.
    scene->selectRule(trace->document()->ruleIdOfEdit(0));
    m_window->chainView()->setFocus();
    press(QKeySequence::Delete);
    QVERIFY(trace->document()->edits().empty());
    // Ctrl+Shift+P toggles the policy of the verdict's chain (node02 FORWARD DROP -> ACCEPT).
    m_window->chainView()->setFocus();
    press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    QCOMPARE(trace->document()->edits().size(), size_t(1));
    QCOMPARE(trace->document()->edits()[0].kind, Edit::Policy);
    QVERIFY(!trace->document()->edits()[0].policyDrop);
    // Notes: Ctrl+Alt+N selects the next note (there is one after adding it).
    const int before = undo->count();
    NoteAnchor anchor;
    anchor.node = m_window->scenario()->nodes[size_t(m_window->currentNode())].name;
    anchor.point = m_window->chainView()->mapToScene(m_window->chainView()->viewport()->rect().center());
    m_window->sessionController()->addNote(anchor, QStringLiteral("checked on node02"));
    QCOMPARE(undo->count(), before + 1);
    scene->clearSelection();
    m_window->chainView()->setFocus();
    press(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_N));
    QCOMPARE(scene->selectedItems().size(), 1);
}

void TstWindow::lessonKeys()
{
    qputenv("CHAINSCOPE_LESSONS", CHAINSCOPE_SOURCE_DIR "/resources/lessons");
    LessonController *lessons = m_window->lessonController();
    lessons->refresh();
    m_window->chainView()->setFocus();
    press(QKeySequence(Qt::CTRL | Qt::Key_L));
    QVERIFY(lessons->lessonsDock()->isVisible());
    QSignalSpy started(lessons, &LessonController::lessonStarted);
    QString error;
    QVERIFY2(lessons->startLesson(QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/lessons/01-flannel-forward-drop"), &error),
             qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 30000);
    m_window->chainView()->setFocus();
    press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    QCOMPARE(lessons->hintsShown(), 1);
    press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    QVERIFY(lessons->lastCheck().has_value());
    // "This is where it dies" without a pick says to pick a row first.
    const QString before = lessons->answerLabel()->text();
    press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    QVERIFY(lessons->answerLabel()->text() != before);
}

void TstWindow::dialogKeys()
{
    load();
    // Down in the filter box goes into the results.
    m_window->filterEdit()->setFocus();
    QTest::keyClicks(m_window->filterEdit(), QStringLiteral("FORWARD"));
    QTRY_VERIFY(m_window->scenarioTree()->model()->rowCount() > 0);
    press(QKeySequence(Qt::Key_Down));
    QCOMPARE(QApplication::focusWidget(), m_window->scenarioTree());
    m_window->chainView()->setFocus();
    QCOMPARE(pressForDialog(QKeySequence::Open), QStringLiteral("Open Scenario Folder"));
    QCOMPARE(pressForDialog(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)), QStringLiteral("Open Scenario or Rule Dumps"));
    QVERIFY(!pressForDialog(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O)).isEmpty());          // open session
    QVERIFY(!pressForDialog(QKeySequence::Save).isEmpty());                                    // save: asks where
    QVERIFY(!pressForDialog(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)).isEmpty());      // save as
    QVERIFY(!pressForDialog(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)).isEmpty());      // export
    QVERIFY(!pressForDialog(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)).isEmpty());      // export report
    QVERIFY(!pressForDialog(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)).isEmpty());      // add note
    QVERIFY(!pressForDialog(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)).isEmpty());      // open lesson folder
}

void TstWindow::f1OpensHelp()
{
    load();
    m_window->chainView()->setFocus();
    press(QKeySequence::HelpContents);
    HelpView *help = m_window->helpController()->view();
    QVERIFY(help);
    QTRY_VERIFY(help->isVisible());
    QCOMPARE(help->currentPage(), QStringLiteral("workflow"));
    QVERIFY(help->browser()->toPlainText().contains(QLatin1String("Trace a packet")));
    // Not the About box: no dialog came up.
    QVERIFY(!QApplication::activeModalWidget());
    // The concepts, from the project's docs.
    QVERIFY(help->showPage(QStringLiteral("concepts")));
    const QString concepts = help->browser()->toPlainText();
    for (const char *word : {"PREROUTING", "FORWARD", "POSTROUTING", "mangle", "nat", "filter", "policy", "conntrack",
                             "ESTABLISHED", "DNAT", "MASQUERADE", "KUBE-SVC"})
        QVERIFY2(concepts.contains(QLatin1String(word)), word);
    // The keyboard map lists every shortcut of the window, made from the actions now.
    QVERIFY(help->showPage(QStringLiteral("keyboard")));
    QString keys = help->browser()->toPlainText();
    const QList<QAction *> actions = m_window->findChildren<QAction *>();
    int listed = 0;
    for (QAction *a : actions)
        if (!scopesOf(a, m_window.get()).isEmpty())
            for (const QKeySequence &k : a->shortcuts()) {
                QVERIFY2(keys.contains(k.toString(QKeySequence::NativeText)), qPrintable(k.toString()));
                ++listed;
            }
    QVERIFY(listed > 40);
    QVERIFY(keys.contains(QKeySequence(Qt::CTRL | Qt::Key_Y).toString(QKeySequence::NativeText)));
    // It cannot go stale: a shortcut changed now is what the page says next time.
    QAction *trace = m_window->traceController()->traceAction();
    trace->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F12));
    QVERIFY(help->showPage(QStringLiteral("workflow")));
    QVERIFY(help->showPage(QStringLiteral("keyboard")));
    QVERIFY(help->browser()->toPlainText().contains(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F12).toString(QKeySequence::NativeText)));
    // help: links move between pages.
    QVERIFY(HelpController::bundledPage(QStringLiteral("workflow")).contains(QLatin1String("help:concepts")));
}

void TstWindow::quitByKey()
{
    load();
    m_window->chainView()->setFocus();
    const QList<QKeySequence> quit = QKeySequence::keyBindings(QKeySequence::Quit);
    press(quit.isEmpty() ? QKeySequence(Qt::CTRL | Qt::Key_Q) : quit.first());
    QTRY_VERIFY(!m_window->isVisible());
}

void TstWindow::reachabilityByKey()
{
    // View > Reachability (tests/gui/tst_reachability.cpp drives the window itself)
    load();
    m_window->chainView()->setFocus();
    press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    ReachabilityController *c = m_window->reachabilityController();
    QVERIFY(c->windowIfOpen());
    QTRY_VERIFY(c->windowIfOpen()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(c->windowIfOpen()->model()->shown(), 20000);
    c->windowIfOpen()->close();
}

void TstWindow::nftDockByKey()
{
    // The nftables dock's keys (tests/gui/tst_nftpanel.cpp drives the dock itself): Alt+9
    // hides and shows it, Ctrl+P toggles a base chain's policy, Insert asks for a rule.
    QVERIFY(guitest::openAndWait(*m_window, {QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/firewalld-mixed")}));
    auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("nftDock"));
    QVERIFY(dock && dock->isVisible());
    NftPanel *panel = m_window->traceController()->nftPanel();
    panel->tree()->setFocus();
    press(QKeySequence(Qt::ALT | Qt::Key_9));
    QTRY_VERIFY(!dock->isVisible());
    press(QKeySequence(Qt::ALT | Qt::Key_9));
    QTRY_VERIFY(dock->isVisible());
    const auto &n = *m_window->scenario()->nodes[0].rules.nft;
    const int input = n.chainIndex(n.tableIndex(QStringLiteral("inet firewalld")), QStringLiteral("filter_INPUT"));
    panel->tree()->setCurrentItem(panel->itemFor(input));
    panel->tree()->setFocus();
    press(QKeySequence(Qt::CTRL | Qt::Key_P));
    QCOMPARE(m_window->undoStack()->count(), 1);
    QVERIFY(m_window->traceController()->document()->edits().front().policyDrop);
    panel->tree()->setCurrentItem(panel->itemFor(input, 0));
    panel->tree()->setFocus();
    QTimer::singleShot(0, this, [] {
        if (!QTest::qWaitFor([] { return qobject_cast<QInputDialog *>(QApplication::activeModalWidget()) != nullptr; }, 3000))
            return;
        QLineEdit *edit = QApplication::activeModalWidget()->findChild<QLineEdit *>();
        QTest::keyClicks(edit, QStringLiteral("tcp dport 9000 accept"));
        QTest::keyClick(edit, Qt::Key_Return);
    });
    press(QKeySequence(Qt::Key_Insert));
    QCOMPARE(m_window->undoStack()->count(), 2);
    QCOMPARE(m_window->traceController()->document()->edits().back().ruleText, QStringLiteral("tcp dport 9000 accept"));
}

void TstWindow::everyShortcutIsPressed()
{
    // Runs last: every shortcut of the window was pressed by one of the tests above.
    load();
    QStringList missing;
    const QList<QAction *> actions = m_window->findChildren<QAction *>();
    for (QAction *a : actions)
        if (!scopesOf(a, m_window.get()).isEmpty())
            for (const QKeySequence &k : a->shortcuts())
                if (!m_pressed.contains(k.toString(QKeySequence::PortableText)))
                    missing << QStringLiteral("%1 (%2)").arg(k.toString(QKeySequence::PortableText), a->text());
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
}

// ---------------------------------------------------------------------------------------
// Screen sizes

void TstWindow::windowFitsTheScreen()
{
    // A window as main() makes it: never larger than the screen's available area.
    MainWindow fresh;
    const QRect avail = fresh.screen()->availableGeometry();
    QVERIFY2(fresh.width() <= avail.width() && fresh.height() <= avail.height(),
             qPrintable(QStringLiteral("%1x%2 on %3x%4").arg(fresh.width()).arg(fresh.height()).arg(avail.width()).arg(avail.height())));
    QCOMPARE(MainWindow::defaultSize(QRect(0, 0, 1280, 800)), QSize(1264, 752));
    QCOMPARE(MainWindow::defaultSize(QRect(0, 0, 1920, 1200)), QSize(1400, 900));
    // A geometry saved on a big screen is brought onto this one.
    {
        MainWindow big;
        big.resize(avail.width() + 600, avail.height() + 400);
        QSettings().setValue(QStringLiteral("window/geometry"), big.saveGeometry());
        QSettings().setValue(QStringLiteral("window/state"), big.saveState());
    }
    MainWindow restored;
    restored.restoreSettings();
    QVERIFY(restored.width() <= avail.width() && restored.height() <= avail.height());
    QSettings().remove(QStringLiteral("window"));
}

void TstWindow::nodeStripShowsEveryNode()
{
    // At 1280x800 (the window's default there) the strip shows all three nodes whole.
    m_window->resize(MainWindow::defaultSize(QRect(0, 0, 1280, 800)));
    load();
    NodeStrip *strip = m_window->traceController()->nodeStrip();
    QTRY_VERIFY(strip->isVisible());
    QCOMPARE(strip->scrollOffset(), 0);
    for (int i = 0; i < 3; ++i) {
        const QRectF r = strip->nodeRect(i);
        QVERIFY2(QRectF(strip->rect()).contains(r), qPrintable(strip->nodeLabel(i)));
        QCOMPARE(strip->nodeLabel(i), m_window->scenario()->nodes[size_t(i)].name);
    }
    // Squeezed, names are elided and every node keeps a box in view, or the row scrolls to
    // the current one.
    strip->resize(200, strip->height());
    QCoreApplication::processEvents();
    for (int i = 0; i < 3; ++i)
        QVERIFY(strip->nodeRect(i).width() >= 40);
    strip->setCurrentNode(2);
    QVERIFY(QRectF(strip->rect()).contains(strip->nodeRect(2)));
    QVERIFY(strip->nodeLabel(2).size() < 7 || strip->scrollOffset() > 0);
}

void TstWindow::lessonDockIsNotRestored()
{
    // Left open when the window closed: not open at the next start.
    LessonController *lessons = m_window->lessonController();
    lessons->lessonDock()->show();
    QSettings().setValue(QStringLiteral("window/state"), m_window->saveState());
    m_window.reset();
    m_window = guitest::shownWindow();
    m_window->restoreSettings();
    QVERIFY(!m_window->lessonController()->lessonDock()->isVisible());
    QSettings().remove(QStringLiteral("window"));
}

QTEST_MAIN(TstWindow)
#include "tst_window.moc"
