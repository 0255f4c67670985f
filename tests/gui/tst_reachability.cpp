// View > Reachability through the real widgets: opened by its shortcut, the incident's matrix
// in the theme's colours, sorted, filtered and grouped by the deciding rule; a cell clicked
// (and entered) traces its flow in the main view; a candidate rule dropped on the graph is
// audited again and the matrix shows what changed; undo takes it back; the dark palette.
#include "guitest.h"

#include "candidatepalette.h"
#include "chaincard.h"
#include "chainscene.h"
#include "chainview.h"
#include "kubegen.h"
#include "reachabilitycontroller.h"
#include "reachabilityfilter.h"
#include "reachabilitymodel.h"
#include "reachabilitywindow.h"
#include "tracecontroller.h"

#include <QCheckBox>
#include <QGraphicsLineItem>
#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QTableView>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

using namespace chainscope;

namespace {
const char *const InOut = "-i flannel.1 -o cni0 -j ACCEPT";
Address addr(const char *s) { return *Address::parse(s); }
}

class TstReachability : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void opensByShortcutAndShowsTheMatrix();
    void sortsFiltersAndGroups();
    void clickTracesTheFlow();
    void enterTracesTheFlow();
    void candidateShowsWhatChanged();
    void darkPalette();
    void longWorkShowsProgress();

private:
    /** Opens the incident and the window by Ctrl+Shift+A; waits for the audit. */
    void openAudited();
    QModelIndex cell(const QString &targetKey, const QString &sourceKey) const;
    void dropInOutTemplateOnShownNode();

    std::unique_ptr<MainWindow> m_window;
    ReachabilityWindow *m_view = nullptr;
};

void TstReachability::init()
{
    m_window = guitest::shownWindow();
    QVERIFY(m_window);
}

void TstReachability::cleanup()
{
    m_view = nullptr;
    m_window.reset();
}

void TstReachability::openAudited()
{
    QVERIFY(guitest::openAndWait(*m_window, {guitest::incidentPath()}));
    ReachabilityController *c = m_window->reachabilityController();
    QVERIFY(c);
    QSignalSpy finished(c, &ReachabilityController::auditFinished);
    m_window->activateWindow();
    QTest::keyClick(m_window.get(), Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(c->windowIfOpen());
    m_view = c->windowIfOpen();
    QTRY_VERIFY(m_view->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
}

QModelIndex TstReachability::cell(const QString &targetKey, const QString &sourceKey) const
{
    const ReachabilityModel *m = m_view->model();
    const AuditResult *r = m->shown();
    const Scenario *sc = m->shownScenario();
    int t = -1, s = -1;
    for (size_t i = 0; i < r->targets.size(); ++i)
        if (r->targets[i].key(*sc) == targetKey)
            t = int(i);
    for (size_t i = 0; i < r->sources.size(); ++i)
        if (r->sources[i].key(*sc) == sourceKey)
            s = int(i);
    if (t < 0 || s < 0)
        return {};
    return m_view->filter()->mapFromSource(m->index(t, s + 1));
}

void TstReachability::opensByShortcutAndShowsTheMatrix()
{
    openAudited();
    QTableView *table = m_view->table();
    QCOMPARE(table->model()->rowCount(), 10);      // 7 service ports, 3 pods
    QCOMPARE(table->model()->columnCount(), 10);   // the name, 9 sources
    QCOMPARE(table->model()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("master\nhost"));
    QCOMPARE(table->model()->headerData(3, Qt::Horizontal, Qt::ToolTipRole).toString(), QStringLiteral("outside 192.168.56.254 via master"));
    const Theme theme = Theme::fromPalette(m_view->palette());
    const QModelIndex none = cell(QStringLiteral("10.108.94.160:80/tcp"), QStringLiteral("master"));
    QCOMPARE(none.data().toString(), QStringLiteral("\u2717"));
    QCOMPARE(none.data(Qt::BackgroundRole).value<QBrush>().color(), theme.verdictLook(Verdict::Drop).row);
    const QModelIndex all = cell(QStringLiteral("10.96.0.1:443/tcp"), QStringLiteral("master"));
    QCOMPARE(all.data().toString(), QStringLiteral("\u2713"));
    QCOMPARE(all.data(Qt::BackgroundRole).value<QBrush>().color(), theme.verdictLook(Verdict::Delivered).row);
    const QModelIndex some = cell(QStringLiteral("10.108.94.160:80/tcp"), QStringLiteral("node02"));
    QCOMPARE(some.data(ReachabilityModel::FateRole).toInt(), int(Fate::Some));
    QVERIFY(some.data(Qt::ToolTipRole).toString().contains(QStringLiteral("10.224.1.14:80: node01 filter:FORWARD policy DROP")));
    // outside -> a ClusterIP is not a flow: blank
    QVERIFY(cell(QStringLiteral("10.108.94.160:80/tcp"), QStringLiteral("node02/outside")).data().toString().isEmpty());
    QVERIFY(m_view->statusLabel()->text().contains(QStringLiteral("60 flows")));
    QVERIFY(!m_view->progressBar()->isVisible());
    QVERIFY(guitest::keepShot(m_view, QStringLiteral("reachability")));
}

void TstReachability::sortsFiltersAndGroups()
{
    openAudited();
    QTableView *table = m_view->table();
    // Groups: the deciding rules, most flows first
    QTreeWidget *groups = m_view->groups();
    QTreeWidgetItem *byRule = nullptr;
    for (int i = 0; i < groups->topLevelItemCount(); ++i)
        if (groups->topLevelItem(i)->text(0) == QLatin1String("By the deciding rule"))
            byRule = groups->topLevelItem(i);
    QVERIFY(byRule);
    QCOMPARE(byRule->childCount(), 3);
    QCOMPARE(byRule->child(0)->text(0), QStringLiteral("27 flow(s) dropped by master filter:FORWARD policy DROP"));
    // By keyboard: Alt+1 to the groups, down to the node02 rule
    m_view->activateWindow();
    QTest::keyClick(m_view, Qt::Key_1, Qt::AltModifier);
    QTRY_VERIFY(groups->hasFocus());
    groups->setCurrentItem(byRule->child(2));
    QVERIFY(byRule->child(2)->text(0).contains(QStringLiteral("node02 filter:FORWARD policy DROP")));
    // rows with a branch node02 dropped (in the incident, every row: its pods reach nothing)
    QCOMPARE(m_view->filter()->decider(), 2);
    const AuditResult *r = m_view->model()->shown();
    QSet<int> expected;
    for (const AuditFlow &f : r->flows)
        for (const AuditBranch &b : f.branches)
            if (b.decider == 2)
                expected.insert(f.target);
    const int withNode02 = table->model()->rowCount();
    QCOMPARE(withNode02, int(expected.size()));
    for (int r = 0; r < withNode02; ++r)
        QVERIFY(m_view->model()->rowHasDecider(m_view->filter()->mapToSource(table->model()->index(r, 0)).row(), 2));
    groups->setCurrentItem(groups->topLevelItem(0));
    QCOMPARE(table->model()->rowCount(), 10);
    // The text filter, typed
    QTest::keyClick(m_view, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(m_view->filterEdit()->hasFocus());
    QTest::keyClicks(m_view->filterEdit(), QStringLiteral("kube-dns"));
    QCOMPARE(table->model()->rowCount(), 3);
    m_view->filterEdit()->clear();
    // Only failing rows: every row fails somewhere in the incident
    m_view->failingOnly()->setChecked(true);
    QCOMPARE(table->model()->rowCount(), 10);
    m_view->failingOnly()->setChecked(false);
    // Sorting by a source: a click on its header puts its failures first
    const int col = 1;   // master host
    QTest::mouseClick(table->horizontalHeader()->viewport(), Qt::LeftButton, {},
                      QPoint(table->horizontalHeader()->sectionViewportPosition(col) + 5, 5));
    QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), col);
    const Qt::SortOrder order = table->horizontalHeader()->sortIndicatorOrder();
    QList<int> keys;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        keys << table->model()->index(r, col).data(ReachabilityModel::SortRole).toInt();
    QList<int> sorted = keys;
    std::sort(sorted.begin(), sorted.end());
    if (order == Qt::DescendingOrder)
        std::reverse(sorted.begin(), sorted.end());
    QCOMPARE(keys, sorted);
    QVERIFY(keys.first() != keys.last());
}

void TstReachability::clickTracesTheFlow()
{
    openAudited();
    QTableView *table = m_view->table();
    const QModelIndex idx = cell(QStringLiteral("10.108.94.160:80/tcp"), QStringLiteral("master"));
    QVERIFY(idx.isValid());
    table->scrollTo(idx);
    const QRect rect = table->visualRect(idx);
    QVERIFY(table->viewport()->rect().contains(rect.center()));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    TraceController *trace = m_window->traceController();
    QTRY_VERIFY(trace->hasTrace());
    QCOMPARE(trace->trace().packet.fromNode, QStringLiteral("master"));
    QCOMPARE(trace->trace().packet.dst, addr("10.108.94.160"));
    QCOMPARE(trace->trace().packet.dport, quint16(80));
    // on the first failing branch: the endpoint on node01, dropped by its FORWARD policy
    QCOMPARE(trace->currentBranch(), trace->branchTo(addr("10.224.1.14")));
    const Branch &b = trace->trace().branches[size_t(trace->currentBranch())];
    QCOMPARE(b.verdict.kind, Verdict::Drop);
    QCOMPARE(m_window->scenario()->nodes[size_t(b.verdict.node)].name, QStringLiteral("node01"));
    QCOMPARE(b.verdict.rule, 0);
}

void TstReachability::enterTracesTheFlow()
{
    openAudited();
    QTableView *table = m_view->table();
    const QModelIndex idx = cell(QStringLiteral("pod:node02"), QStringLiteral("node02/outside"));
    QVERIFY(idx.isValid());
    m_view->activateWindow();
    QTest::keyClick(m_view, Qt::Key_2, Qt::AltModifier);
    QTRY_VERIFY(table->hasFocus());
    table->setCurrentIndex(idx);
    QTest::keyClick(table, Qt::Key_Return);
    TraceController *trace = m_window->traceController();
    QTRY_VERIFY(trace->hasTrace());
    QCOMPARE(trace->trace().packet.fromNode, QStringLiteral("node02"));
    QCOMPARE(trace->trace().packet.inIface, QStringLiteral("eth0"));
    QCOMPARE(*trace->trace().packet.src, addr("192.168.56.254"));
    QCOMPARE(trace->trace().packet.dst, addr("10.224.2.2"));
    QCOMPARE(trace->trace().branches.front().verdict.kind, Verdict::Drop);
}

void TstReachability::dropInOutTemplateOnShownNode()
{
    TraceController *trace = m_window->traceController();
    CandidatePalette *palette = trace->palette();
    const int row = palette->rowOfRule(QLatin1String(InOut));
    QVERIFY2(row >= 0, "the in/out template is offered for the flow traced");
    QCOMPARE(palette->templates()[size_t(row)].chain, QStringLiteral("DOCKER-USER"));
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

void TstReachability::candidateShowsWhatChanged()
{
    openAudited();
    ReachabilityController *c = m_window->reachabilityController();
    // The incident's packet traced from the matrix, then Docker's fix dropped on node01's graph
    QTableView *table = m_view->table();
    const QModelIndex idx = cell(QStringLiteral("10.108.94.160:80/tcp"), QStringLiteral("master"));
    table->scrollTo(idx);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(idx).center());
    QTRY_VERIFY(m_window->traceController()->hasTrace());
    m_window->setCurrentNode(m_window->scenario()->nodeIndex(QStringLiteral("node01")));
    QSignalSpy finished(c, &ReachabilityController::auditFinished);
    dropInOutTemplateOnShownNode();
    QCOMPARE(m_window->undoStack()->count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    ReachabilityModel *m = m_view->model();
    QVERIFY(m->hasEdited());
    // flows into node01's pods over flannel are fixed; nothing opened or broken
    int fixed = 0, other = 0;
    for (const AuditChange &ch : m->changes())
        (ch.kind == AuditChange::Fixed ? fixed : other) += 1;
    QVERIFY(fixed > 0);
    QCOMPARE(other, 0);
    const QModelIndex changed = cell(QStringLiteral("10.108.94.160:80/tcp"), QStringLiteral("master"));
    QCOMPARE(changed.data(ReachabilityModel::ChangeRole).toInt(), int(AuditChange::Fixed));
    QCOMPARE(changed.data().toString(), QStringLiteral("\u2717\u2192\u00bd"));   // none -> some
    QVERIFY(m_view->statusLabel()->text().contains(QStringLiteral("With the candidate rules: %1 fixed, 0 newly opened").arg(fixed)));
    // the group of fixed flows filters the matrix to their rows
    QTreeWidget *groups = m_view->groups();
    QTreeWidgetItem *head = groups->topLevelItem(1);
    QCOMPARE(head->text(0), QStringLiteral("What the candidate rules change"));
    QCOMPARE(head->child(0)->text(0), QStringLiteral("fixed: %1 flow(s)").arg(fixed));
    groups->setCurrentItem(head->child(0));
    QVERIFY(table->model()->rowCount() > 0 && table->model()->rowCount() < 10);
    QVERIFY(guitest::keepShot(m_view, QStringLiteral("reachability-candidate")));
    // Undo: audited again, nothing changed any more
    m_window->undoStack()->undo();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
    QVERIFY(!m->hasEdited());
    QCOMPARE(cell(QStringLiteral("10.108.94.160:80/tcp"), QStringLiteral("master")).data().toString(), QStringLiteral("\u2717"));
}

void TstReachability::darkPalette()
{
    openAudited();
    QPalette dark = m_view->palette();
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    m_view->setPalette(dark);
    const QModelIndex none = cell(QStringLiteral("10.108.94.160:80/tcp"), QStringLiteral("master"));
    QCOMPARE(none.data(Qt::BackgroundRole).value<QBrush>().color(), Theme::dark().verdictLook(Verdict::Drop).row);
    QVERIFY(Theme::dark().verdictLook(Verdict::Drop).row != Theme::light().verdictLook(Verdict::Drop).row);
    QVERIFY(guitest::keepShot(m_view, QStringLiteral("reachability-dark")));
}

void TstReachability::longWorkShowsProgress()
{
    // A generated cluster large enough that the audit takes a while: the window shows
    // progress, the event loop keeps running (the audit is off the GUI thread), Cancel stops it.
    KubeGen::Options k;
    k.services = 3000;
    k.nodes = 3;
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    KubeGen gen(k);
    QVERIFY(gen.writeScenario(tmp.path()));
    QVERIFY(guitest::openAndWait(*m_window, {tmp.path()}, 60000));
    ReachabilityController *c = m_window->reachabilityController();
    QSignalSpy finished(c, &ReachabilityController::auditFinished);
    int ticks = 0;
    QTimer timer;
    timer.setInterval(10);
    connect(&timer, &QTimer::timeout, this, [&] { ++ticks; });
    timer.start();
    c->action()->trigger();
    m_view = c->windowIfOpen();
    QVERIFY(m_view);
    QVERIFY(c->isRunning());
    QTRY_VERIFY(m_view->progressBar()->isVisible());
    QVERIFY(!m_view->rerunButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(m_view->progressBar()->value() > 0, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QVERIFY2(ticks > 5, qPrintable(QString::number(ticks)));   // the GUI thread ran meanwhile
    QVERIFY(!m_view->progressBar()->isVisible());
    QVERIFY(m_view->rerunButton()->isEnabled());
    QCOMPARE(m_view->model()->rowCount(), 3000 + 1000 + 3);   // services, NodePorts, pods
    // Audit Again, then Cancel: the audit stops, nothing new is shown
    QTest::mouseClick(m_view->rerunButton(), Qt::LeftButton);
    QVERIFY(c->isRunning());
    QTRY_VERIFY(m_view->progressBar()->isVisible());
    QPushButton *cancel = nullptr;
    for (QPushButton *b : m_view->findChildren<QPushButton *>())
        if (b->text() == QLatin1String("&Cancel"))
            cancel = b;
    QVERIFY(cancel && cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!c->isRunning(), 30000);
    QCOMPARE(finished.count(), 1);
    QVERIFY(!m_view->progressBar()->isVisible());
}

QTEST_MAIN(TstReachability)
#include "tst_reachability.moc"
