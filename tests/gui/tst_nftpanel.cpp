// The nftables dock as a user drives it: a host where iptables-legacy accepts port 9000 and
// firewalld's inet table rejects it. The hook lanes list base chains and iptables tables by
// priority, a set opens as a list, the branch's nft steps are marked, a candidate rule in nft
// syntax is dropped onto a chain (drag enter, move, drop to the viewport) and undone by key.
#include "guitest.h"

#include "candidatepalette.h"
#include "chaincard.h"
#include "chainscene.h"
#include "chainview.h"
#include "lessoncontroller.h"

#include "nftpanel.h"
#include "nftruleset.h"
#include "nftsetview.h"
#include "noteitem.h"
#include "noteset.h"
#include "pathfigure.h"
#include "reportsession.h"
#include "reportwriter.h"
#include "sessioncontroller.h"
#include "packetpanel.h"
#include "sessionfile.h"
#include "tracecontroller.h"
#include "tracedocument.h"

#include <QApplication>
#include <QComboBox>
#include <QGraphicsLineItem>
#include <QDockWidget>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTableWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

using namespace chainscope;

namespace {

const QString kMixed = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/firewalld-mixed");

QTreeWidgetItem *findItem(QTreeWidget *tree, const QString &start)
{
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->text(0).startsWith(start))
            return *it;
    return nullptr;
}

QString verdictOf(TraceController *tc)
{
    const Branch &b = tc->trace().branches[size_t(tc->currentBranch())];
    return verdictKindName(b.verdict.kind);
}

/** Drags `text` onto `item` the way a drop from another application arrives. */
void dropText(QTreeWidget *tree, QTreeWidgetItem *item, const QString &text)
{
    QMimeData mime;
    mime.setText(text);
    const QPoint pos = tree->visualItemRect(item).center();
    QWidget *vp = tree->viewport();
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(vp, &enter);
    QDragMoveEvent move(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(vp, &move);
    QVERIFY(move.isAccepted());
    QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(vp, &drop);
    QVERIFY(drop.isAccepted());
}

int nftChain(MainWindow &w, const char *name)
{
    const nft::NftRuleset &n = *w.scenario()->nodes[0].rules.nft;
    return n.chainIndex(n.tableIndex(QStringLiteral("inet firewalld")), QString::fromLatin1(name));
}

/** A scene point of a card in the graph's viewport, scrolled into view. */
QPoint viewPoint(ChainView *view, ChainCard *card, const QPointF &local)
{
    view->ensureVisible(card->mapRectToScene(QRectF(local - QPointF(5, 5), QSizeF(10, 10))), 20, 20);
    return view->mapFromScene(card->mapToScene(local));
}

} // namespace

class TstNftPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void hookLanesByPriority();
    void setOpensAsList();
    void droppedRuleFixesAndUndoes();
    void typedRuleByKeyboard();
    void refusedRuleSaysWhy();
    void lessonSevenByKeyboard();
    void graphDrawsNftChains();
    void graphRowClickDeleteAndUndo();
    void graphDropAndPolicyByKey();
    void noteOnNftRuleByKeys();
    void nftCandidateMovesByDragAndKeys();
    void explanationNamesTheAcceptBefore();
    void candidatesThatCanHelp();

private:
    std::unique_ptr<MainWindow> m_w;
    NftPanel *m_panel = nullptr;
};

void TstNftPanel::init()
{
    m_w = guitest::shownWindow();
    QVERIFY(m_w);
    QVERIFY(guitest::openAndWait(*m_w, {kMixed}));
    m_panel = m_w->traceController()->nftPanel();
    QVERIFY(m_panel);
    QVERIFY(m_panel->hasTables());
    auto *dock = m_w->findChild<QDockWidget *>(QStringLiteral("nftDock"));
    QVERIFY(dock && dock->isVisible());
    QVERIFY(m_w->traceController()->packetPanel()->selectPreset(QStringLiteral("scrape the exporter")));
    QTest::keySequence(m_w.get(), QKeySequence(Qt::CTRL | Qt::Key_T));
    QVERIFY(QTest::qWaitFor([this] { return m_w->traceController()->hasTrace(); }, 10000));
}

void TstNftPanel::cleanup()
{
    m_w.reset();
}

void TstNftPanel::hookLanesByPriority()
{
    QTreeWidget *tree = m_panel->tree();
    QTreeWidgetItem *input = nullptr;
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->data(0, NftPanel::KindRole).toInt() == NftPanel::HookItem && (*it)->text(0) == QLatin1String("input"))
            input = *it;
    QVERIFY(input);
    // iptables-legacy's filter at 0, then firewalld's filter_INPUT at filter + 10
    QStringList order;
    for (int i = 0; i < input->childCount(); ++i)
        order << input->child(i)->text(0);
    QVERIFY2(order.size() >= 2, qPrintable(order.join(QLatin1Char('|'))));
    const qsizetype legacy = order.indexOf(QStringLiteral("0  iptables filter"));
    const qsizetype firewalld = order.indexOf(QStringLiteral("10  filter_INPUT"));
    QVERIFY2(legacy >= 0 && firewalld > legacy, qPrintable(order.join(QLatin1Char('|'))));
    QVERIFY(input->child(int(firewalld))->text(1).contains(QLatin1String("inet firewalld")));
    QVERIFY(input->child(int(firewalld))->text(1).contains(QLatin1String("priority filter + 10")));
    // iptables-legacy's filter accepted it first: met and matched, in the trace colour
    QCOMPARE(input->child(int(legacy))->background(0).color(), Theme::light().traceRow);
    // the packet's decision is marked: firewalld's reject in filter_INPUT_POLICIES
    QTreeWidgetItem *reject = m_panel->itemFor(m_w->scenario()->nodes[0].rules.nft->chainIndex(
                                                       m_w->scenario()->nodes[0].rules.nft->tableIndex(QStringLiteral("inet firewalld")),
                                                       QStringLiteral("filter_INPUT_POLICIES")),
                                               1);
    QVERIFY(reject);
    QCOMPARE(reject->background(0).color(), Theme::light().verdictRow);
    QVERIFY(guitest::keepShot(m_w.get(), QStringLiteral("nftpanel-window")));
}

void TstNftPanel::setOpensAsList()
{
    // firewalld-inet of the mixed host has anonymous sets only: use the incident's node02 (kube-proxy maps)
    QVERIFY(guitest::openAndWait(*m_w, {QStringLiteral(CHAINSCOPE_TEST_DATA "/nft/incident")}));
    QTreeWidget *tree = m_panel->tree();
    QTreeWidgetItem *set = nullptr;
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->data(0, NftPanel::KindRole).toInt() == NftPanel::SetItem && (*it)->text(0) == QLatin1String("service-ips"))
            set = *it;
    QVERIFY(set);
    tree->setCurrentItem(set);
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Return);
    NftSetView *view = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (view = m_panel->findChild<NftSetView *>()) != nullptr; }, 2000));
    QVERIFY(view->table()->rowCount() >= 1);
    QCOMPARE(view->table()->columnCount(), 2);
    QVERIFY2(view->table()->item(0, 1)->text().startsWith(QLatin1String("goto service-")), qPrintable(view->table()->item(0, 1)->text()));
    QTest::keyClicks(view->filterEdit(), QStringLiteral("10.108.94.160"));
    QCOMPARE(view->visibleRows(), 1);
    QTest::keyClicks(view->filterEdit(), QStringLiteral("9"));
    QCOMPARE(view->visibleRows(), 0);
    QVERIFY(guitest::keepShot(view, QStringLiteral("nftpanel-set")));
}

void TstNftPanel::droppedRuleFixesAndUndoes()
{
    QCOMPARE(verdictOf(m_w->traceController()), verdictKindName(Verdict::Reject));
    QTreeWidgetItem *allow = findItem(m_panel->tree(), QStringLiteral("filter_IN_public_allow"));
    QVERIFY(allow);
    m_panel->tree()->scrollToItem(allow);
    dropText(m_panel->tree(), allow, QStringLiteral("tcp dport 9000 accept"));
    QCOMPARE(m_w->undoStack()->count(), 1);
    QCOMPARE(m_w->traceController()->document()->edits().size(), size_t(1));
    const Edit &e = m_w->traceController()->document()->edits().front();
    QCOMPARE(e.nftTable, QStringLiteral("inet firewalld"));
    QCOMPARE(e.position, 4);   // at the end of the chain it was dropped on
    QVERIFY(QTest::qWaitFor([this] { return verdictOf(m_w->traceController()) == verdictKindName(Verdict::AcceptLocal); }, 5000));
    QVERIFY(m_w->traceController()->commandsText().contains(
            QLatin1String("nft add rule inet firewalld filter_IN_public_allow index 2 tcp dport 9000 accept")));
    // the candidate is listed, in italics, in the edited rules
    QTreeWidgetItem *cand = findItem(m_panel->tree(), QStringLiteral("4  tcp dport 9000 accept"));
    QVERIFY(cand);
    QVERIFY(cand->text(1).contains(QLatin1String("candidate")));
    // a session keeps the nft edit as it was made
    SessionData data;
    data.scenarioPath = kMixed;
    data.edits = m_w->traceController()->document()->edits();
    SessionData back;
    QString error;
    QVERIFY2(SessionFile::parse(SessionFile::toJson(data), QStringLiteral("x.chainscope"), back, &error), qPrintable(error));
    QCOMPARE(int(back.edits.size()), 1);
    QCOMPARE(back.edits.front().nftTable, QStringLiteral("inet firewalld"));
    QCOMPARE(back.edits.front().chain, QStringLiteral("filter_IN_public_allow"));
    QCOMPARE(back.edits.front().ruleText, QStringLiteral("tcp dport 9000 accept"));
    // undo by keyboard, redo by keyboard
    QTest::keySequence(m_w.get(), QKeySequence(Qt::CTRL | Qt::Key_Z));
    QCOMPARE(m_w->traceController()->document()->edits().size(), size_t(0));
    QVERIFY(QTest::qWaitFor([this] { return verdictOf(m_w->traceController()) == verdictKindName(Verdict::Reject); }, 5000));
    QTest::keySequence(m_w.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    QCOMPARE(m_w->traceController()->document()->edits().size(), size_t(1));
    // Delete on the candidate removes it as an edit of its own (undoable too)
    cand = findItem(m_panel->tree(), QStringLiteral("4  tcp dport 9000 accept"));
    QVERIFY(cand);
    m_panel->tree()->setCurrentItem(cand);
    m_panel->tree()->setFocus();
    QTest::keyClick(m_panel->tree(), Qt::Key_Delete);
    QCOMPARE(m_w->undoStack()->count(), 2);
    QVERIFY(QTest::qWaitFor([this] { return verdictOf(m_w->traceController()) == verdictKindName(Verdict::Reject); }, 5000));
}

void TstNftPanel::typedRuleByKeyboard()
{
    // before filter_INPUT's first rule (at the chain's end it would follow firewalld's reject)
    const auto &n = *m_w->scenario()->nodes[0].rules.nft;
    QTreeWidgetItem *first = m_panel->itemFor(n.chainIndex(n.tableIndex(QStringLiteral("inet firewalld")), QStringLiteral("filter_INPUT")), 0);
    QVERIFY(first);
    m_panel->tree()->setCurrentItem(first);
    m_panel->tree()->setFocus();
    // Insert opens the rule dialog: typed and confirmed with Return
    QTimer::singleShot(0, this, [] {
        if (!QTest::qWaitFor([] { return qobject_cast<QInputDialog *>(QApplication::activeModalWidget()) != nullptr; }, 3000))
            return;
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        QLineEdit *edit = dialog->findChild<QLineEdit *>();
        QTest::keyClicks(edit, QStringLiteral("tcp dport 9000 accept"));
        QTest::keyClick(edit, Qt::Key_Return);
    });
    QTest::keyClick(m_panel->tree(), Qt::Key_Insert);
    QCOMPARE(m_w->undoStack()->count(), 1);
    QCOMPARE(m_w->traceController()->document()->edits().front().position, 1);
    QVERIFY(QTest::qWaitFor([this] { return verdictOf(m_w->traceController()) == verdictKindName(Verdict::AcceptLocal); }, 5000));
}

void TstNftPanel::refusedRuleSaysWhy()
{
    QTreeWidgetItem *input = findItem(m_panel->tree(), QStringLiteral("10  filter_INPUT"));
    QVERIFY(input);
    dropText(m_panel->tree(), input, QStringLiteral("tcp dport 9000 acept"));
    QCOMPARE(m_w->undoStack()->count(), 0);
    QVERIFY(m_panel->messageLabel()->isVisible());
    QVERIFY2(m_panel->messageLabel()->text().contains(QLatin1String("acept")), qPrintable(m_panel->messageLabel()->text()));
}

void TstNftPanel::lessonSevenByKeyboard()
{
    // "An accept is not the end": the learner picks firewalld's reject in the nftables dock,
    // answers, inserts the candidate the palette offers (an nft rule), and checks the fix.
    LessonController *lessons = m_w->lessonController();
    QSignalSpy started(lessons, &LessonController::lessonStarted);
    QString error;
    QVERIFY2(lessons->startLesson(QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/lessons/07-accept-is-not-the-end"), &error),
             qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 30000);
    QTest::keySequence(m_w.get(), QKeySequence(Qt::CTRL | Qt::Key_T));
    QVERIFY(QTest::qWaitFor([this] { return m_w->traceController()->hasTrace(); }, 10000));
    QCOMPARE(verdictOf(m_w->traceController()), verdictKindName(Verdict::Reject));
    // a wrong pick first: the jump to the public zone (rule 1) is not where it dies
    const auto &n = *m_w->scenario()->nodes[0].rules.nft;
    const int policies = n.chainIndex(n.tableIndex(QStringLiteral("inet firewalld")), QStringLiteral("filter_INPUT_POLICIES"));
    QTreeWidgetItem *wrong = m_panel->itemFor(policies, 0);
    QTreeWidgetItem *right = m_panel->itemFor(policies, 1);
    QVERIFY(wrong && right);
    m_panel->tree()->setFocus();
    m_panel->tree()->setCurrentItem(wrong);
    QTest::keyClick(m_w.get(), Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(!lessons->lastAnswerCorrect());
    QTest::keyClick(m_panel->tree(), Qt::Key_Down);
    QCOMPARE(m_panel->tree()->currentItem(), right);
    QTest::keyClick(m_w.get(), Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY2(lessons->pickLabel()->text().contains(QLatin1String("host inet firewalld filter_INPUT_POLICIES rule 2")),
             qPrintable(lessons->pickLabel()->text()));
    QVERIFY(lessons->lastAnswerCorrect());
    // the palette offers nft rules for the deciding chain; the port one, inserted by Ctrl+I
    CandidatePalette *palette = m_w->traceController()->palette();
    int port = -1;
    for (size_t i = 0; i < palette->templates().size(); ++i)
        if (palette->templates()[i].ruleText == QLatin1String("tcp dport 9000 accept"))
            port = int(i);
    QVERIFY(port >= 0);
    QCOMPARE(palette->templates()[size_t(port)].nftTable, QStringLiteral("inet firewalld"));
    palette->setCurrentRow(port);
    QTest::keyClick(m_w.get(), Qt::Key_I, Qt::ControlModifier);
    QCOMPARE(m_w->undoStack()->count(), 1);
    QVERIFY(QTest::qWaitFor([this] { return verdictOf(m_w->traceController()) == verdictKindName(Verdict::AcceptLocal); }, 5000));
    QTest::keyClick(m_w.get(), Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(lessons->lastCheck());
    QVERIFY2(lessons->lastCheck()->goalMet, qPrintable(lessons->lastCheck()->message));
    QVERIFY(guitest::keepShot(m_w.get(), QStringLiteral("nftpanel-lesson07")));
}

void TstNftPanel::graphDrawsNftChains()
{
    // The hook lanes of the graph: firewalld's base chains as cards among the iptables tables,
    // by priority; its regular chains to the right; the deciding row and callout in view.
    ChainScene *scene = m_w->chainScene();
    const int input = nftChain(*m_w, "filter_INPUT");
    const int policies = nftChain(*m_w, "filter_INPUT_POLICIES");
    QVERIFY(input >= 0 && policies >= 0);
    ChainCard *nftInput = scene->card(ChainCard::NftTable, input);
    ChainCard *legacyInput = scene->card(TableId::Filter, scene->ruleset()->table(TableId::Filter).chainIndex("INPUT"));
    QVERIFY(nftInput && legacyInput);
    QVERIFY(nftInput->isVisible() && nftInput->isNft() && nftInput->isBuiltin());
    QCOMPARE(nftInput->fullName(), QStringLiteral("inet firewalld filter_INPUT"));
    const nft::Chain &c = m_w->scenario()->nodes[0].rules.nft->chains[size_t(input)];
    QCOMPARE(nftInput->rowCount(), int(c.rules.size()) + 1);   // and its policy row
    QVERIFY(nftInput->rows().back().target.contains(QLatin1String("policy accept")));
    QVERIFY(nftInput->titleText().contains(QLatin1String("filter_INPUT")));
    // iptables-legacy's filter (priority 0) above firewalld's filter + 10, in one lane
    QCOMPARE(nftInput->pos().x(), legacyInput->pos().x());
    QVERIFY(nftInput->pos().y() > legacyInput->pos().y());
    // the jump to filter_INPUT_POLICIES is an edge to a card in the next column
    ChainCard *pol = scene->card(ChainCard::NftTable, policies);
    QVERIFY(pol && pol->isVisible());
    QVERIFY(pol->pos().x() > nftInput->pos().x());
    // jumps to chains whose names differ only at the end read apart: the end is kept
    {
        ChainCard *pub = scene->card(ChainCard::NftTable, nftChain(*m_w, "filter_IN_public"));
        QVERIFY(pub);
        QStringList targets;
        for (const auto &row : pub->rows())
            if (row.target.startsWith(QLatin1String("jump ")))
                targets << row.target;
        QVERIFY2(targets.size() >= 3, qPrintable(targets.join(QLatin1Char('|'))));
        QCOMPARE(QSet<QString>(targets.begin(), targets.end()).size(), targets.size());
        QVERIFY2(targets.first().endsWith(QLatin1String("_pre")), qPrintable(targets.join(QLatin1Char('|'))));
    }
    // the reject that decided, and the view standing on it
    QCOMPARE(pol->verdictRow(), 1);
    QCOMPARE(pol->verdictKind(), Verdict::Reject);
    ChainView *view = m_w->chainView();
    const QRectF shown = view->mapToScene(view->viewport()->rect()).boundingRect();
    QVERIFY(shown.intersects(pol->mapRectToScene(pol->rowRect(1))));
}

void TstNftPanel::graphRowClickDeleteAndUndo()
{
    ChainScene *scene = m_w->chainScene();
    ChainView *view = m_w->chainView();
    const int policies = nftChain(*m_w, "filter_INPUT_POLICIES");
    ChainCard *pol = scene->card(ChainCard::NftTable, policies);
    QVERIFY(pol);
    // a click on rule 2 selects it in the graph and in the dock
    const QPoint at = viewPoint(view, pol, pol->rowRect(1).center());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(pol->selectedRow(), 1);
    QTreeWidgetItem *current = m_panel->tree()->currentItem();
    QVERIFY(current);
    QCOMPARE(current->data(0, NftPanel::KindRole).toInt(), int(NftPanel::RuleItem));
    QCOMPARE(current->data(0, NftPanel::ChainRole).toInt(), policies);
    QCOMPARE(current->data(0, NftPanel::RuleRole).toInt(), 1);
    // Delete on the graph removes it: an edit, undone by key
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Delete);
    QCOMPARE(m_w->undoStack()->count(), 1);
    QCOMPARE(m_w->traceController()->document()->edits().size(), size_t(1));
    const Edit &e = m_w->traceController()->document()->edits().front();
    QCOMPARE(e.kind, Edit::Remove);
    QCOMPARE(e.nftTable, QStringLiteral("inet firewalld"));
    QCOMPARE(e.chain, QStringLiteral("filter_INPUT_POLICIES"));
    QCOMPARE(e.position, 2);
    // the card is rebuilt with one rule fewer; the last rule (reject everything) decides now
    QVERIFY(QTest::qWaitFor([&] {
        ChainCard *c = m_w->chainScene()->card(ChainCard::NftTable, policies);
        return c && c->ruleCount() == 3 && c->verdictRow() == 2;
    }, 5000));
    QTest::keySequence(m_w.get(), QKeySequence(Qt::CTRL | Qt::Key_Z));
    QCOMPARE(m_w->traceController()->document()->edits().size(), size_t(0));
    QVERIFY(QTest::qWaitFor([&] {
        ChainCard *c = m_w->chainScene()->card(ChainCard::NftTable, policies);
        return c && c->ruleCount() == 4 && c->verdictRow() == 1;
    }, 5000));
}

void TstNftPanel::graphDropAndPolicyByKey()
{
    ChainScene *scene = m_w->chainScene();
    ChainView *view = m_w->chainView();
    const int policies = nftChain(*m_w, "filter_INPUT_POLICIES");
    ChainCard *pol = scene->card(ChainCard::NftTable, policies);
    QVERIFY(pol);
    // A rule in nft syntax dragged onto the card just above rule 2: drag enter, move, drop.
    QMimeData mime;
    mime.setData(QLatin1String(RuleMime::RuleText), QByteArrayLiteral("tcp dport 9000 accept"));
    const QPointF local(80, pol->rowRect(1).top() + 3);
    QCOMPARE(pol->insertionPosition(local), 2);
    const QPoint at = viewPoint(view, pol, local);
    QWidget *vp = view->viewport();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(vp, &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(vp, &move);
    QVERIFY(move.isAccepted());
    QVERIFY(scene->insertionLine()->isVisible());
    QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(vp, &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(m_w->traceController()->document()->edits().size(), size_t(1));
    const Edit &e = m_w->traceController()->document()->edits().front();
    QCOMPARE(e.nftTable, QStringLiteral("inet firewalld"));
    QCOMPARE(e.chain, QStringLiteral("filter_INPUT_POLICIES"));
    QCOMPARE(e.position, 2);
    QVERIFY(QTest::qWaitFor([this] { return verdictOf(m_w->traceController()) == verdictKindName(Verdict::AcceptLocal); }, 5000));
    // the candidate row is drawn in the nft card, dashed, where it was dropped
    ChainCard *after = m_w->chainScene()->card(ChainCard::NftTable, policies);
    QVERIFY(after && after->ruleCount() == 5);
    QVERIFY(after->structureRows()[1].candidate);
    // an iptables rule dropped on an nft chain is refused, with nft's reason, and nothing changes
    QMimeData wrong;
    wrong.setData(QLatin1String(RuleMime::RuleText), QByteArrayLiteral("-p tcp --dport 9000 -j ACCEPT"));
    const QPoint at2 = viewPoint(view, after, QPointF(80, after->rowRect(0).top() + 3));
    QDragEnterEvent enter2(at2, Qt::CopyAction, &wrong, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &enter2);
    QDragMoveEvent move2(at2, Qt::CopyAction, &wrong, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &move2);
    QDropEvent drop2(at2, Qt::CopyAction, &wrong, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &drop2);
    QCOMPARE(m_w->traceController()->document()->edits().size(), size_t(1));
    QVERIFY2(m_panel->messageLabel()->text().contains(QLatin1String("Refused")), qPrintable(m_panel->messageLabel()->text()));
    // Ctrl+Shift+P on firewalld's filter_INPUT (its title clicked) turns its policy to drop
    const int input = nftChain(*m_w, "filter_INPUT");
    ChainCard *in = m_w->chainScene()->card(ChainCard::NftTable, input);
    QVERIFY(in);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, viewPoint(view, in, QPointF(100, 8)));
    QVERIFY(in->isSelected());
    QTest::keyClick(m_w.get(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(m_w->traceController()->document()->edits().size(), size_t(2));
    const Edit &p = m_w->traceController()->document()->edits().back();
    QCOMPARE(p.kind, Edit::Policy);
    QCOMPARE(p.chain, QStringLiteral("filter_INPUT"));
    QVERIFY(p.policyDrop);
    QCOMPARE(m_w->undoStack()->count(), 2);
    QTest::keySequence(m_w.get(), QKeySequence(Qt::CTRL | Qt::Key_Z));
    QTest::keySequence(m_w.get(), QKeySequence(Qt::CTRL | Qt::Key_Z));
    QCOMPARE(m_w->traceController()->document()->edits().size(), size_t(0));
    QVERIFY(QTest::qWaitFor([this] { return verdictOf(m_w->traceController()) == verdictKindName(Verdict::Reject); }, 5000));
}

void TstNftPanel::noteOnNftRuleByKeys()
{
    // A note on firewalld's reject: click the row, Ctrl+Shift+N, type. It names the rule as
    // nft does, stays on it when a candidate goes in above, and survives a session file.
    ChainScene *scene = m_w->chainScene();
    ChainView *view = m_w->chainView();
    SessionController *s = m_w->sessionController();
    const int policies = nftChain(*m_w, "filter_INPUT_POLICIES");
    ChainCard *pol = scene->card(ChainCard::NftTable, policies);
    QVERIFY(pol);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, viewPoint(view, pol, pol->rowRect(1).center()));
    QCOMPARE(pol->selectedRow(), 1);
    bool answered = false;
    guitest::answerNoteDialog(QStringLiteral("firewalld rejects the scrape here"), &answered);
    QTest::keyClick(view, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(answered);
    QTRY_COMPARE(s->notes()->notes().size(), 1);
    const Note added = s->notes()->notes().front();
    const nft::Chain &chain = m_w->scenario()->nodes[0].rules.nft->chains[size_t(policies)];
    const std::string_view rejectText = chain.rules[1].text;
    QCOMPARE(added.anchor.kind, NoteAnchor::Rule);
    QCOMPARE(added.anchor.nftTable, QStringLiteral("inet firewalld"));
    QCOMPARE(added.anchor.chain, QStringLiteral("filter_INPUT_POLICIES"));
    QCOMPARE(added.anchor.rule, 2);
    QCOMPARE(added.anchor.ruleText, QString::fromUtf8(rejectText.data(), qsizetype(rejectText.size())));
    QVERIFY(added.anchor.ruleText.contains(QLatin1String("reject")));
    QCOMPARE(m_w->undoStack()->count(), 1);
    NoteItem *item = s->noteItem(added.id);
    QVERIFY(item);
    QVERIFY(qAbs(item->anchor().y() - pol->mapToScene(pol->rowRect(1).center()).y()) < 1);
    // The new box is in view, with its row.
    QVERIFY(view->mapToScene(view->viewport()->rect()).boundingRect().contains(item->sceneBoundingRect()));

    // A candidate dropped above rule 1, one the packet misses: the reject is row 3 now, still
    // on the path, and the note follows its text.
    QMimeData mime;
    mime.setData(QLatin1String(RuleMime::RuleText), QByteArrayLiteral("tcp dport 9001 accept"));
    const QPointF local(80, pol->rowRect(0).top() + 3);
    QCOMPARE(pol->insertionPosition(local), 1);
    const QPoint at = viewPoint(view, pol, local);
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &enter);
    QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &move);
    QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(m_w->traceController()->document()->edits().size(), size_t(1));
    ChainCard *after = nullptr;
    QVERIFY(QTest::qWaitFor([&] {
        after = m_w->chainScene()->card(ChainCard::NftTable, policies);
        return after && after->ruleCount() == 5;
    }, 5000));
    QTRY_VERIFY(s->noteItem(added.id)
                && qAbs(s->noteItem(added.id)->anchor().y() - after->mapToScene(after->rowRect(2).center()).y()) < 1);
    QCOMPARE(s->notes()->notes().front().anchor, added.anchor);
    QVERIFY(guitest::keepShot(m_w.get(), QStringLiteral("nftpanel-note")));
    // The path figure (export, report) badges the reject's row, number 3 now, as note 1.
    {
        TraceController *tc = m_w->traceController();
        const ReportInput in = reportInput(s->currentSession(), tc->document()->original());
        QCOMPARE(in.notes.size(), 1);
        const PathFigure fig(tc->document()->edited(), tc->trace(), tc->currentBranch(), ExportHeader(), in.notes);
        QStringList open;   // the titles of the groups the badge is in
        QString badgedRow;
        for (const FigureItem &it : fig.pages().front().items) {
            if (it.kind == FigureItem::Begin) {
                if (it.title == QLatin1String("Note 1") && !open.isEmpty())
                    badgedRow = open.back();
                open << it.title;
            } else if (it.kind == FigureItem::End && !open.isEmpty()) {
                open.removeLast();
            }
        }
        QVERIFY2(badgedRow.startsWith(QLatin1String("inet firewalld filter_INPUT_POLICIES: ")) && badgedRow.contains(QLatin1String("reject")),
                 qPrintable(badgedRow));
        // The report's note list counts the row as the fix leaves it.
        const QString md = ReportWriter(in).markdown(QStringLiteral("b.svg"), QStringLiteral("a.svg"));
        QVERIFY2(md.contains(QLatin1String("firewalld rejects the scrape here (host inet firewalld filter_INPUT_POLICIES:3)")),
                 qPrintable(md.mid(md.lastIndexOf(QLatin1String("Notes")))));
    }

    // Saved and read back: the anchor is the same, under "nft_table" as nft edits are.
    const SessionData saved = s->currentSession();
    const QByteArray json = SessionFile::toJson(saved);
    QVERIFY(json.contains("\"nft_table\": \"inet firewalld\""));
    SessionData again;
    QString error;
    QVERIFY2(SessionFile::parse(json, QStringLiteral("nft.chainscope"), again, &error), qPrintable(error));
    QCOMPARE(again.notes, saved.notes);
    // An anchor that names no table as nft does is refused with where it is.
    QByteArray bad = json;   // the note's (the edit's comes first)
    const QByteArray good = "\"nft_table\": \"inet firewalld\"";
    const qsizetype noteAt = bad.lastIndexOf(good);
    QVERIFY(noteAt > bad.indexOf(good));
    bad.replace(noteAt, good.size(), "\"nft_table\": \"firewalld\"");
    QVERIFY(!SessionFile::parse(bad, QStringLiteral("bad.chainscope"), again, &error));
    QVERIFY2(error.contains(QLatin1String("notes[0].anchor.nft_table")), qPrintable(error));
}

void TstNftPanel::nftCandidateMovesByDragAndKeys()
{
    ChainScene *scene = m_w->chainScene();
    ChainView *view = m_w->chainView();
    TraceDocument *doc = m_w->traceController()->document();
    QUndoStack *undo = m_w->undoStack();
    const int policies = nftChain(*m_w, "filter_INPUT_POLICIES");
    auto card = [&] { return m_w->chainScene()->card(ChainCard::NftTable, policies); };
    auto sendDrop = [&](const QMimeData &mime, ChainCard *on, const QPointF &local) {
        const QPoint at = viewPoint(view, on, local);
        QDragEnterEvent enter(at, Qt::MoveAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view->viewport(), &enter);
        QDragMoveEvent move(at, Qt::MoveAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view->viewport(), &move);
        const bool accepted = move.isAccepted();
        QDropEvent drop(at, Qt::MoveAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(view->viewport(), &drop);
        return accepted;
    };
    // The candidate goes in above firewalld's reject (position 2): the scrape is accepted.
    QMimeData text;
    text.setData(QLatin1String(RuleMime::RuleText), QByteArrayLiteral("tcp dport 9000 accept"));
    QVERIFY(sendDrop(text, card(), QPointF(80, card()->rowRect(1).top() + 3)));
    QCOMPARE(doc->edits().size(), size_t(1));
    QCOMPARE(doc->edits().front().position, 2);
    QVERIFY(QTest::qWaitFor([&] { return card() && card()->structureRows()[1].candidate; }, 5000));
    QVERIFY(QTest::qWaitFor([this] { return verdictOf(m_w->traceController()) == verdictKindName(Verdict::AcceptLocal); }, 5000));
    // The callout names the accept that let it through: firewalld's candidate, after the
    // iptables accept that came first in the INPUT hook and was not the end.
    const QString callout = m_w->traceController()->calloutText();
    QVERIFY2(callout.startsWith(QLatin1String("accepted by inet firewalld filter_INPUT_POLICIES rule 2 (candidate): tcp dport 9000 accept")),
             qPrintable(callout));
    QCOMPARE(doc->editOfNftRule(QStringLiteral("host"), QStringLiteral("inet firewalld"), QStringLiteral("filter_INPUT_POLICIES"), 1), 0);
    QCOMPARE(doc->editOfNftRule(QStringLiteral("host"), QStringLiteral("inet firewalld"), QStringLiteral("filter_INPUT_POLICIES"), 2), -1);

    // Its row dragged below the reject: one command, the edit's position 3, rejected again.
    QMimeData row;
    row.setData(QLatin1String(RuleMime::NftCandidate), QByteArray::number(policies) + ":1");
    const QPointF below(80, card()->rowRect(2).bottom() - 2);
    QCOMPARE(card()->insertionPosition(below), 4);
    QVERIFY(sendDrop(row, card(), below));
    QCOMPARE(undo->count(), 2);
    QCOMPARE(doc->edits().size(), size_t(1));
    QCOMPARE(doc->edits().front().position, 3);
    QVERIFY(QTest::qWaitFor([&] { return card() && card()->structureRows()[2].candidate && !card()->structureRows()[1].candidate; }, 5000));
    QVERIFY(QTest::qWaitFor([this] { return verdictOf(m_w->traceController()) == verdictKindName(Verdict::Reject); }, 5000));
    QCOMPARE(card()->selectedRow(), 2);   // the moved row stays selected
    QVERIFY(guitest::keepShot(m_w.get(), QStringLiteral("nftpanel-moved")));
    // Not onto an iptables chain: the drag is refused there, and nothing changes.
    ChainCard *ipt = scene->card(TableId::Filter, scene->ruleset()->table(TableId::Filter).chainIndex("INPUT"));
    QVERIFY(ipt);
    QVERIFY(!sendDrop(row, ipt, QPointF(80, ipt->rowRect(0).top() + 3)));
    QCOMPARE(undo->count(), 2);

    // Alt+Shift+Up twice on the selected candidate: above the reject, then first.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Up, Qt::AltModifier | Qt::ShiftModifier);
    QCOMPARE(doc->edits().front().position, 2);
    QVERIFY(QTest::qWaitFor([&] { return card() && card()->structureRows()[1].candidate && card()->selectedRow() == 1; }, 5000));
    QTest::keyClick(view, Qt::Key_Up, Qt::AltModifier | Qt::ShiftModifier);
    QCOMPARE(doc->edits().front().position, 1);
    QCOMPARE(undo->count(), 4);
    QVERIFY(QTest::qWaitFor([this] { return verdictOf(m_w->traceController()) == verdictKindName(Verdict::AcceptLocal); }, 5000));
    // Undo by key walks it back: position 2, then 3 (rejected).
    QTest::keySequence(m_w.get(), QKeySequence(Qt::CTRL | Qt::Key_Z));
    QTest::keySequence(m_w.get(), QKeySequence(Qt::CTRL | Qt::Key_Z));
    QCOMPARE(doc->edits().front().position, 3);
    QVERIFY(QTest::qWaitFor([this] { return verdictOf(m_w->traceController()) == verdictKindName(Verdict::Reject); }, 5000));
    // A loaded rule does not move: Alt+Shift+Down on firewalld's reject changes nothing.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, viewPoint(view, card(), card()->rowRect(1).center()));
    QCOMPARE(card()->selectedRow(), 1);
    QTest::keyClick(view, Qt::Key_Down, Qt::AltModifier | Qt::ShiftModifier);
    QCOMPARE(undo->index(), 2);
    QCOMPARE(doc->edits().front().position, 3);
}

QTEST_MAIN(TstNftPanel)

void TstNftPanel::explanationNamesTheAcceptBefore()
{
    // The exporter scrape: iptables-legacy's filter accepted it, firewalld then rejected it.
    // The panel says so, and the misses are firewalld's accept rules, not "none came close".
    QCOMPARE(verdictOf(m_w->traceController()), verdictKindName(Verdict::Reject));
    QListWidget *list = m_w->traceController()->explanationList();
    QStringList lines;
    for (int i = 0; i < list->count(); ++i)
        lines << list->item(i)->text();
    const QString all = lines.join(QLatin1Char('\n'));
    const qsizetype accepted = lines.indexOf(QRegularExpression(QStringLiteral("Accepted on .* before it was dropped.*")));
    QVERIFY2(accepted >= 0, qPrintable(all));
    QVERIFY2(lines.value(accepted + 1).startsWith(QLatin1String("filter:INPUT rule ")), qPrintable(all));
    QVERIFY2(lines.value(accepted + 1).contains(QLatin1String("-j ACCEPT")), qPrintable(all));
    QVERIFY2(!all.contains(QLatin1String("No accepting rule was passed")), qPrintable(all));
    const qsizetype misses = lines.indexOf(QRegularExpression(QStringLiteral("Nearest misses on .*")));
    QVERIFY2(misses > accepted, qPrintable(all));
    QVERIFY2(lines.value(misses + 1).startsWith(QLatin1String("inet firewalld:")), qPrintable(all));
    // The tooltip is the rule as nft lists it.
    QVERIFY(list->item(int(misses) + 1)->toolTip().endsWith(QLatin1String("accept")));
}

void TstNftPanel::candidatesThatCanHelp()
{
    // firewalld rejects by a rule of filter_INPUT, whose policy is already accept: the palette
    // offers nft rules for that chain, no "policy accept" (it would change nothing) and no
    // iptables rule (the host has no iptables filter table).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile f(dir.filePath(QStringLiteral("web.nft")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("table inet firewalld {\n\tchain filter_INPUT {\n\t\ttype filter hook input priority filter + 10; policy accept;\n"
            "\t\tiifname \"lo\" accept\n\t\treject with icmpx admin-prohibited\n\t}\n}\n");
    f.close();
    QVERIFY(guitest::openAndWait(*m_w, {f.fileName()}));
    PacketPanel *panel = m_w->traceController()->packetPanel();
    panel->interfaceBox()->setCurrentIndex(panel->interfaceBox()->findData(QStringLiteral("eth0")));
    panel->sourceEdit()->clear();
    panel->destinationEdit()->clear();
    QTest::keyClicks(panel->sourceEdit(), QStringLiteral("10.0.0.2"));
    QTest::keyClicks(panel->destinationEdit(), QStringLiteral("10.0.0.5"));
    panel->dportEdit()->clear();
    QTest::keyClicks(panel->dportEdit(), QStringLiteral("9000"));
    QVERIFY2(panel->isValid(), qPrintable(panel->problemLabel()->text()));
    QTest::keySequence(m_w.get(), QKeySequence(Qt::CTRL | Qt::Key_T));
    QVERIFY(QTest::qWaitFor([this] { return m_w->traceController()->hasTrace(); }, 10000));
    QCOMPARE(verdictOf(m_w->traceController()), verdictKindName(Verdict::Reject));
    QStringList labels;
    for (const CandidatePalette::Template &t : m_w->traceController()->palette()->templates()) {
        labels << t.label;
        QCOMPARE(t.nftTable, QStringLiteral("inet firewalld"));
    }
    QVERIFY2(labels.contains(QStringLiteral("accept by destination port")), qPrintable(labels.join(QLatin1Char('|'))));
    QVERIFY2(!labels.contains(QStringLiteral("policy accept")), qPrintable(labels.join(QLatin1Char('|'))));
}

#include "tst_nftpanel.moc"
