#include "guitest.h"
#include "calloutitem.h"
#include "candidatepalette.h"
#include "chaincard.h"
#include "chainscene.h"
#include "chainview.h"
#include "explain.h"
#include "mainwindow.h"
#include "nodestrip.h"
#include "packetmarker.h"
#include "packetpanel.h"
#include "traceanimator.h"
#include "tracecontroller.h"
#include "tracedocument.h"
#include "whatif.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVariantAnimation>
#include <QtTest>

#include <memory>

using namespace chainscope;
using guitest::incidentPath;

namespace {
const char *const Preset = "curl the ClusterIP from master";
const char *const InOut = "-i flannel.1 -o cni0 -j ACCEPT";

Address addr(const char *text)
{
    return *Address::parse(text);
}
} // namespace

class TstTrace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void panelFlagsBadValues();
    void incidentEndsAtNode02ForwardPolicy();
    void dragInOutTemplateOntoDockerUser();
    void invalidInlineEditIsRefused();
    void moveAndRemoveCandidateAreUndoable();
    void animationVisitsEveryStep();
    void policyAcceptLooksBroad();
    void subnetTemplateIsAppended();
    void cliAndWindowAgreeOnTheFix();
    void loneDumpOffersRuleInterfaces();
    void pingOverIpv6FromThePanel();

private:
    void load();
    /** Traces the incident preset through the panel and selects the branch to 10.224.2.16. */
    void traceIncident();
    /** Drags the in/out template onto node02's DOCKER-USER at position 1, through the viewport. */
    void dropInOutTemplate();
    ChainCard *card(const char *chain) const;
    const Branch &current() const;
    void keepShot(const QString &name);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<MainWindow> m_window;
    TraceController *m_trace = nullptr;
};

void TstTrace::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("chainscope-tests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
}

void TstTrace::init()
{
    m_window = guitest::shownWindow();
    QVERIFY(m_window);
    m_trace = m_window->traceController();
    QVERIFY(m_trace);
}

void TstTrace::cleanup()
{
    m_trace = nullptr;
    m_window.reset();
}

void TstTrace::load()
{
    QVERIFY(guitest::openAndWait(*m_window, {incidentPath()}));
}

void TstTrace::keepShot(const QString &name)
{
    QVERIFY(guitest::keepShot(m_window.get(), name));
}

ChainCard *TstTrace::card(const char *chain) const
{
    const Ruleset *rs = m_window->chainScene()->ruleset();
    const int index = rs->table(TableId::Filter).chainIndex(chain);
    return index < 0 ? nullptr : m_window->chainScene()->card(TableId::Filter, index);
}

const Branch &TstTrace::current() const
{
    return m_trace->trace().branches[size_t(m_trace->currentBranch())];
}

void TstTrace::traceIncident()
{
    load();
    PacketPanel *panel = m_trace->packetPanel();
    QVERIFY(panel->selectPreset(QLatin1String(Preset)));
    QVERIFY(panel->traceButton()->isEnabled());
    QTest::mouseClick(panel->traceButton(), Qt::LeftButton);
    QVERIFY(m_trace->hasTrace());
    QCOMPARE(m_trace->trace().branches.size(), size_t(2));
    // Select the branch through the tree, as a person would.
    QTreeWidgetItem *leaf = nullptr;
    for (QTreeWidgetItemIterator it(m_trace->branchTree()); *it; ++it)
        if ((*it)->text(0).startsWith(QLatin1String("10.224.2.16 50%")))
            leaf = *it;
    QVERIFY(leaf);
    QVERIFY2(leaf->text(0).contains(QLatin1String("dropped on node02")), qPrintable(leaf->text(0)));
    m_trace->branchTree()->setCurrentItem(leaf);
    QCOMPARE(m_trace->currentBranch(), m_trace->branchTo(addr("10.224.2.16")));
}

void TstTrace::dropInOutTemplate()
{
    const Scenario *sc = m_window->scenario();
    m_window->setCurrentNode(sc->nodeIndex(QStringLiteral("node02")));
    CandidatePalette *palette = m_trace->palette();
    const int row = palette->rowOfRule(QLatin1String(InOut));
    QVERIFY2(row >= 0, "the in/out template is offered for the incident packet");
    QCOMPARE(palette->templates()[size_t(row)].chain, QStringLiteral("DOCKER-USER"));
    std::unique_ptr<QMimeData> mime(palette->mimeDataFor(row));
    QVERIFY(mime);

    ChainCard *dockerUser = card("DOCKER-USER");
    QVERIFY(dockerUser);
    ChainView *view = m_window->chainView();
    view->centerOn(dockerUser);
    QWidget *viewport = view->viewport();
    // Between the title and the first row: position 1.
    const QPointF local(80, dockerUser->rowRect(0).top() + 3);
    const QPoint at = view->mapFromScene(dockerUser->mapToScene(local));
    QVERIFY(viewport->rect().contains(at));
    QCOMPARE(dockerUser->insertionPosition(local), 1);

    QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
    QVERIFY(move.isAccepted());
    QGraphicsLineItem *line = m_window->chainScene()->insertionLine();
    QVERIFY(line->isVisible());
    QCOMPARE(line->line().y1(), dockerUser->mapToScene(QPointF(0, dockerUser->insertionY(1))).y());
    QDropEvent drop(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &drop);
    QVERIFY(drop.isAccepted());
}

void TstTrace::panelFlagsBadValues()
{
    // A listing alone has no presets: the form starts empty.
    QVERIFY(guitest::openAndWait(*m_window, {QStringLiteral(CHAINSCOPE_SOURCE_DIR "/tests/data/nft/json/shapes.txt")}));
    PacketPanel *panel = m_trace->packetPanel();
    // Before anything is typed: Trace waits, the form says what for, nothing is red.
    QVERIFY(panel->destinationEdit()->text().isEmpty());
    QVERIFY(!panel->traceButton()->isEnabled());
    QVERIFY2(panel->problemLabel()->text().startsWith(QLatin1String("To trace, fill in ")), qPrintable(panel->problemLabel()->text()));
    QVERIFY(panel->problemLabel()->text().contains(QLatin1String("the destination")));
    QVERIFY(panel->destinationEdit()->styleSheet().isEmpty());
    QVERIFY(panel->problemLabel()->styleSheet().isEmpty());
    // Typed, then emptied again: now it is a problem of the field, in red.
    QTest::keyClicks(panel->destinationEdit(), QStringLiteral("1"));
    QTest::keyClick(panel->destinationEdit(), Qt::Key_Backspace);
    QVERIFY(panel->problem(panel->destinationEdit()).startsWith(QLatin1String("required")));
    QVERIFY(panel->destinationEdit()->styleSheet().contains(Theme::fromPalette(panel->palette()).invalidField.name()));
    QVERIFY(panel->problemLabel()->text().contains(QLatin1String("required: expected an address")));
    load();
    QVERIFY(panel->selectPreset(QLatin1String(Preset)));
    QVERIFY(panel->traceButton()->isEnabled());
    QVERIFY(m_trace->traceAction()->isEnabled());
    panel->destinationEdit()->clear();
    QTest::keyClicks(panel->destinationEdit(), QStringLiteral("10.108.94"));
    QVERIFY(!panel->traceButton()->isEnabled());
    QVERIFY(!m_trace->traceAction()->isEnabled());
    QVERIFY(panel->problem(panel->destinationEdit()).contains(QLatin1String("expected an IPv4 or IPv6 address")));
    QVERIFY(panel->destinationEdit()->toolTip().contains(QLatin1String("expected an IPv4 or IPv6 address")));
    QVERIFY(panel->destinationEdit()->styleSheet().contains(Theme::fromPalette(panel->palette()).invalidField.name()));
    QVERIFY(panel->problemLabel()->text().contains(QLatin1String("expected an IPv4 or IPv6 address")));
    QTest::keyClicks(panel->destinationEdit(), QStringLiteral(".160"));
    QVERIFY(panel->traceButton()->isEnabled());
    panel->dportEdit()->setText(QStringLiteral("99999"));
    QVERIFY(!panel->traceButton()->isEnabled());
    QVERIFY(panel->problem(panel->dportEdit()).contains(QLatin1String("65535")));
    panel->dportEdit()->setText(QStringLiteral("80"));
    // Arriving on an interface needs a source.
    panel->interfaceBox()->setCurrentIndex(panel->interfaceBox()->findData(QStringLiteral("cni0")));
    QVERIFY(!panel->traceButton()->isEnabled());
    panel->sourceEdit()->setText(QStringLiteral("10.224.0.4"));
    QVERIFY(panel->traceButton()->isEnabled());
    QCOMPARE(panel->spec().inIface, QStringLiteral("cni0"));
    QCOMPARE(*panel->spec().src, addr("10.224.0.4"));
}

void TstTrace::incidentEndsAtNode02ForwardPolicy()
{
    traceIncident();
    const Scenario *sc = m_window->scenario();
    const int node02 = sc->nodeIndex(QStringLiteral("node02"));
    const Branch &b = current();
    QCOMPARE(b.verdict.kind, Verdict::Drop);
    QCOMPARE(b.verdict.node, node02);
    QCOMPARE(b.verdict.table, TableId::Filter);
    QCOMPARE(b.verdict.chain, sc->nodes[size_t(node02)].rules.table(TableId::Filter).chainIndex("FORWARD"));
    QCOMPARE(b.verdict.rule, 0);

    // The packet stands at its verdict: the graph shows node02, the policy row is the verdict.
    QCOMPARE(m_window->currentNode(), node02);
    QCOMPARE(m_trace->nodeStrip()->currentNode(), node02);
    QCOMPARE(m_trace->nodeStrip()->pathText(), QStringLiteral("master -> flannel.1 -> node02"));
    ChainCard *forward = card("FORWARD");
    QVERIFY(forward);
    QCOMPARE(forward->verdictRow(), forward->policyRow());
    QVERIFY(!forward->verdictAccepted());
    QVERIFY(forward->rows()[size_t(forward->policyRow())].policy);
    // No other card claims the verdict.
    for (ChainCard *c : m_window->chainScene()->cards())
        if (c != forward)
            QCOMPARE(c->verdictRow(), -1);
    CalloutItem *callout = m_trace->verdictCallout();
    QVERIFY(callout && callout->isVisible());
    QCOMPARE(callout->text(), QStringLiteral("dropped by the chain's policy DROP; no rule accepted "
                                             "10.224.0.0 -> 10.224.2.16 tcp/80 in flannel.1"));
    QVERIFY(callout->mapRectToScene(callout->boxRect()).top() > forward->sceneBoundingRect().bottom());

    // Nearest misses name the 10.244 rules; the lints are listed.
    QStringList lines;
    for (int i = 0; i < m_trace->explanationList()->count(); ++i)
        lines << m_trace->explanationList()->item(i)->text();
    const QString all = lines.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QLatin1String("-d 10.244.0.0/16: destination 10.224.2.16 is not in 10.244.0.0/16")), qPrintable(all));
    QVERIFY2(lines.contains(QStringLiteral("Lints")), qPrintable(all));
    // The last line of the steps is the verdict step, current in the list.
    QCOMPARE(m_trace->stepList()->count(), int(b.steps.size()));
    QCOMPARE(m_trace->stepList()->currentRow(), int(b.steps.size()) - 1);
    keepShot(QStringLiteral("trace-drop"));
}

void TstTrace::dragInOutTemplateOntoDockerUser()
{
    traceIncident();
    QUndoStack *undo = m_window->undoStack();
    QCOMPARE(undo->count(), 0);
    dropInOutTemplate();

    // The document holds the edit; the edited node02 has the rule first in DOCKER-USER, as a candidate.
    TraceDocument *doc = m_trace->document();
    QCOMPARE(doc->edits().size(), size_t(1));
    const Edit &e = doc->edits().front();
    QCOMPARE(e.kind, Edit::Insert);
    QCOMPARE(e.node, QStringLiteral("node02"));
    QCOMPARE(e.table, TableId::Filter);
    QCOMPARE(e.chain, QStringLiteral("DOCKER-USER"));
    QCOMPARE(e.position, 1);
    QCOMPARE(e.ruleText, QLatin1String(InOut));
    const int node02 = doc->edited().nodeIndex(QStringLiteral("node02"));
    const Ruleset &edited = doc->edited().nodes[size_t(node02)].rules;
    const Chain &chain = edited.table(TableId::Filter).chains[size_t(edited.table(TableId::Filter).chainIndex("DOCKER-USER"))];
    QVERIFY(chain.rules.front().candidate);
    QCOMPARE(Explain::ruleText(edited, chain.rules.front()), QLatin1String(InOut));
    QCOMPARE(doc->ruleIdOfEdit(0), chain.rules.front().id);
    // The original is untouched.
    const Ruleset &original = doc->original().nodes[size_t(node02)].rules;
    QCOMPARE(original.table(TableId::Filter).chains[size_t(original.table(TableId::Filter).chainIndex("DOCKER-USER"))].rules.size(),
             chain.rules.size() - 1);

    // The graph shows the candidate row; the verdict is now delivered, before and after shown.
    ChainCard *dockerUser = card("DOCKER-USER");
    QVERIFY(dockerUser->rows().front().candidate);
    QCOMPARE(m_window->chainScene()->selectedRule(), chain.rules.front().id);
    const Branch &b = current();
    QCOMPARE(b.packets.back().dst, addr("10.224.2.16"));
    QCOMPARE(b.verdict.kind, Verdict::Delivered);
    QVERIFY2(m_trace->beforeAfterText().startsWith(QLatin1String("before: DROP at node02 filter:FORWARD policy; after: ")),
             qPrintable(m_trace->beforeAfterText()));
    QVERIFY(m_trace->verdictLabel()->text().contains(QLatin1String("before: DROP at node02 filter:FORWARD policy")));
    QVERIFY(m_trace->blastLabel()->text().contains(QLatin1String("iptables -t filter -I DOCKER-USER 1 -i flannel.1 -o cni0 -j ACCEPT")));
    QVERIFY(!m_trace->blastLabel()->text().contains(QLatin1String("BROAD")));
    // Copy as commands: the iptables line and the unit ordered after docker.
    const QString commands = m_trace->commandsText();
    QVERIFY(commands.contains(QLatin1String("iptables -t filter -I DOCKER-USER 1 -i flannel.1 -o cni0 -j ACCEPT")));
    QVERIFY(commands.contains(QLatin1String("After=docker.service")));
    keepShot(QStringLiteral("trace-fixed"));

    QCOMPARE(undo->count(), 1);
    undo->undo();
    QCOMPARE(doc->edits().size(), size_t(0));
    QCOMPARE(current().verdict.kind, Verdict::Drop);
    QVERIFY(!card("DOCKER-USER")->rows().empty() ? !card("DOCKER-USER")->rows().front().candidate : true);
    QCOMPARE(card("FORWARD")->verdictRow(), card("FORWARD")->policyRow());
    undo->redo();
    QCOMPARE(doc->edits().size(), size_t(1));
    QCOMPARE(current().verdict.kind, Verdict::Delivered);
}

void TstTrace::invalidInlineEditIsRefused()
{
    traceIncident();
    dropInOutTemplate();
    QUndoStack *undo = m_window->undoStack();
    TraceDocument *doc = m_trace->document();
    QCOMPARE(undo->count(), 1);

    // Double-click on the candidate row opens the inline editor.
    ChainCard *dockerUser = card("DOCKER-USER");
    ChainView *view = m_window->chainView();
    view->centerOn(dockerUser);
    const QPoint at = view->mapFromScene(dockerUser->mapToScene(dockerUser->rowRect(0).center()));
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    QLineEdit *editor = m_trace->inlineEditor();
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());
    QCOMPARE(editor->text(), QLatin1String(InOut));

    const auto refuse = [&](const QString &text) {
        editor->setText(text);
        QTest::keyClick(editor, Qt::Key_Return);
        QVERIFY(m_trace->inlineEditor() == editor);   // still open
        QVERIFY(m_trace->inlineError()->isVisible());
        QCOMPARE(undo->count(), 1);
        QCOMPARE(doc->edits().front().ruleText, QLatin1String(InOut));
    };
    refuse(QStringLiteral("-i flannel.1 -j ACCPT"));
    QVERIFY2(m_trace->inlineError()->text().contains(QLatin1String("ACCPT")), qPrintable(m_trace->inlineError()->text()));
    // Typed, as a person does: an unknown target with an option, and a known one with a bad option.
    const auto type = [&](const QString &text, QString &message) {
        editor->selectAll();
        QTest::keyClicks(editor, text);
        QCOMPARE(editor->text(), text);
        QTest::keyClick(editor, Qt::Key_Return);
        QVERIFY(m_trace->inlineEditor() == editor);
        QVERIFY(m_trace->inlineError()->isVisible());
        QCOMPARE(undo->count(), 1);
        QCOMPARE(doc->edits().front().ruleText, QLatin1String(InOut));
        Scenario probe = doc->original();
        Edit bad = doc->edits().front();
        bad.ruleText = text;
        QVERIFY(!WhatIf::apply(probe, bad, message));
        QCOMPARE(m_trace->inlineError()->text(), QStringLiteral("Refused: %1").arg(message));
    };
    QString message;
    type(QStringLiteral("-j ACCEPTT --bogus"), message);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(message.contains(QLatin1String("ACCEPTT")), qPrintable(message));
    type(QStringLiteral("-i flannel.1 -j ACCEPT --bogus"), message);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(message.contains(QLatin1String("--bogus")), qPrintable(message));
    // A target the engine keeps unmodelled is checked as iptables would check it.
    type(QStringLiteral("-i flannel.1 -o cni0 -j TTL --ttl-set 64"), message);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(message.contains(QLatin1String("TTL target: only valid in table mangle, not filter")), qPrintable(message));
    type(QStringLiteral("-i flannel.1 -o cni0 -p tcp -j TCPMSS --set-mss 70000"), message);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(message.contains(QLatin1String("TCPMSS: bad value for option \"--set-mss\", or out of range (0-65535).")), qPrintable(message));
    refuse(QStringLiteral("-i flannel.1 -o cni0 -p tcp --dport 99999 -j ACCEPT"));
    // The parser's own message, as the CLI would print it.
    Scenario probe = doc->original();
    Edit bad = doc->edits().front();
    bad.ruleText = editor->text();
    QString parserError;
    QVERIFY(!WhatIf::apply(probe, bad, parserError));
    QVERIFY(parserError.startsWith(QLatin1String("column ")));
    QCOMPARE(m_trace->inlineError()->text(), QStringLiteral("Refused: %1").arg(parserError));
    QVERIFY(editor->styleSheet().contains(Theme::fromPalette(m_window->palette()).invalidField.name()));

    // A good text goes through as one command; undo brings the old text back.
    editor->setText(QStringLiteral("-i flannel.1 -o cni0 -p tcp -j ACCEPT"));
    QTest::keyClick(editor, Qt::Key_Return);
    QVERIFY(!m_trace->inlineEditor());
    QCOMPARE(undo->count(), 2);
    QCOMPARE(doc->edits().front().ruleText, QStringLiteral("-i flannel.1 -o cni0 -p tcp -j ACCEPT"));
    undo->undo();
    QCOMPARE(doc->edits().front().ruleText, QLatin1String(InOut));
}

void TstTrace::moveAndRemoveCandidateAreUndoable()
{
    traceIncident();
    dropInOutTemplate();
    QUndoStack *undo = m_window->undoStack();
    TraceDocument *doc = m_trace->document();
    QCOMPARE(doc->edits().front().position, 1);

    // Drag the candidate row below DOCKER-USER's RETURN (the boundary after row 1).
    ChainCard *dockerUser = card("DOCKER-USER");
    QCOMPARE(dockerUser->ruleCount(), 2);
    ChainView *view = m_window->chainView();
    view->centerOn(dockerUser);
    QMimeData mime;
    mime.setData(QLatin1String(RuleMime::Candidate), QByteArray::number(dockerUser->rows().front().ruleId));
    const QPointF local(80, dockerUser->rowRect(1).bottom() - 2);
    QCOMPARE(dockerUser->insertionPosition(local), 3);
    const QPoint at = view->mapFromScene(dockerUser->mapToScene(local));
    QDragEnterEvent enter(at, Qt::MoveAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &enter);
    QDragMoveEvent move(at, Qt::MoveAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &move);
    QVERIFY(move.isAccepted());
    QDropEvent drop(at, Qt::MoveAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &drop);
    QCOMPARE(undo->count(), 2);
    QCOMPARE(doc->edits().size(), size_t(1));
    QCOMPARE(doc->edits().front().position, 2);
    dockerUser = card("DOCKER-USER");
    QVERIFY(!dockerUser->rows()[0].candidate);
    QVERIFY(dockerUser->rows()[1].candidate);
    // After DOCKER-USER's RETURN the candidate is never reached: dropped again.
    QCOMPARE(current().verdict.kind, Verdict::Drop);
    undo->undo();
    QCOMPARE(doc->edits().front().position, 1);
    QCOMPARE(current().verdict.kind, Verdict::Delivered);

    // Delete on the selected candidate takes the edit out, as one command.
    m_window->chainScene()->selectRule(doc->ruleIdOfEdit(0));
    m_trace->removeSelectedRule();
    QCOMPARE(doc->edits().size(), size_t(0));
    QCOMPARE(undo->count(), 2);   // the undone move was replaced
    QCOMPARE(current().verdict.kind, Verdict::Drop);
    undo->undo();
    QCOMPARE(doc->edits().size(), size_t(1));
    QCOMPARE(doc->edits().front().ruleText, QLatin1String(InOut));

    // Delete on a loaded rule is an Edit::Remove: DOCKER-USER's RETURN.
    const Ruleset *rs = m_window->chainScene()->ruleset();
    const Chain &chain = rs->table(TableId::Filter).chains[size_t(rs->table(TableId::Filter).chainIndex("DOCKER-USER"))];
    m_window->chainScene()->selectRule(chain.rules[1].id);
    m_trace->removeSelectedRule();
    QCOMPARE(doc->edits().size(), size_t(2));
    QCOMPARE(doc->edits().back().kind, Edit::Remove);
    QCOMPARE(doc->edits().back().position, 2);
    undo->undo();
    QCOMPARE(doc->edits().size(), size_t(1));
}

void TstTrace::animationVisitsEveryStep()
{
    traceIncident();
    TraceAnimator *animator = m_trace->animator();
    const Branch &b = current();
    const int stops = int(b.steps.size());
    QCOMPARE(animator->stopCount(), stops);
    QVERIFY(stops > 10);
    QSignalSpy spy(animator, &TraceAnimator::stopChanged);
    QVariantAnimation *animation = animator->animation();
    const int master = m_window->scenario()->nodeIndex(QStringLiteral("master"));
    QSet<int> nodesShown;
    bool markerSeen = false;
    for (int k = 0; k < stops; ++k) {
        animation->setCurrentTime(animator->timeOfStop(k));
        QCOMPARE(animator->currentStop(), k);
        QCOMPARE(m_trace->stepList()->currentRow(), k);
        // The graph follows the packet to its node.
        QCOMPARE(m_window->currentNode(), int(b.steps[size_t(k)].node));
        nodesShown.insert(m_window->currentNode());
        markerSeen = markerSeen || (m_trace->marker() && m_trace->marker()->isVisible());
        if (k == 0) {
            QCOMPARE(m_window->currentNode(), master);
            keepShot(QStringLiteral("trace-master"));
        }
    }
    // From the end back to 0 and forward again: every stop was reported.
    QSet<int> reported;
    for (const QList<QVariant> &args : spy)
        reported.insert(args.at(0).toInt());
    QCOMPARE(int(reported.size()), stops);
    QCOMPARE(nodesShown.size(), 2);
    QVERIFY(markerSeen);
    // Half-way between two stops on one card, the marker lies between their points.
    animation->setCurrentTime(animator->timeOfStop(1) + TraceAnimator::BaseMsPerStop / 2);
    QCOMPARE(animator->currentStop(), 1);
    // Step keys move one stop.
    animator->goToStop(3);
    animator->stepForward();
    QCOMPARE(animator->currentStop(), 4);
    animator->stepBack();
    animator->stepBack();
    QCOMPARE(animator->currentStop(), 2);
    // A header rewrite is written where it happens (DNAT on master).
    bool dnat = false;
    for (int i = 0; i < m_trace->stepList()->count(); ++i)
        dnat = dnat || m_trace->stepList()->item(i)->text().contains(QLatin1String("DNAT: "));
    QVERIFY(dnat);
}

void TstTrace::policyAcceptLooksBroad()
{
    traceIncident();
    CandidatePalette *palette = m_trace->palette();
    int row = -1;
    for (int i = 0; i < int(palette->templates().size()); ++i)
        if (palette->templates()[size_t(i)].policy)
            row = i;
    QVERIFY(row >= 0);
    QVERIFY(palette->item(row)->text().contains(QLatin1String("BROAD")));
    QCOMPARE(palette->item(row)->foreground().color(), Theme::fromPalette(m_window->palette()).warning);
    // Enter on the template applies it at the deciding chain.
    palette->setCurrentRow(row);
    m_trace->palette()->setFocus();
    QTest::keyClick(palette, Qt::Key_Return);
    QTRY_COMPARE(m_trace->document()->edits().size(), size_t(1));
    QCOMPARE(m_trace->document()->edits().front().kind, Edit::Policy);
    QVERIFY(m_trace->blastLabel()->text().contains(QLatin1String("BROAD")));
    QVERIFY(m_trace->blastLabel()->text().contains(Theme::fromPalette(m_window->palette()).warning.name()));
    QCOMPARE(current().verdict.kind, Verdict::Delivered);
    QCOMPARE(m_window->undoStack()->count(), 1);
}

void TstTrace::subnetTemplateIsAppended()
{
    traceIncident();
    const Scenario *sc = m_window->scenario();
    const int node02 = sc->nodeIndex(QStringLiteral("node02"));
    CandidatePalette *palette = m_trace->palette();
    const int row = palette->rowOfRule(QStringLiteral("-d 10.224.2.0/24 -j ACCEPT"));
    QVERIFY2(row >= 0, "the subnet template is offered for the dropped branch");
    const CandidatePalette::Template &t = palette->templates()[size_t(row)];
    QCOMPARE(t.chain, QStringLiteral("FORWARD"));
    QCOMPARE(t.node, QStringLiteral("node02"));
    QVERIFY2(palette->item(row)->text().contains(QLatin1String("(-A FORWARD)")), qPrintable(palette->item(row)->text()));
    // Docker's documented pair goes to the top of DOCKER-USER (-I DOCKER-USER 1).
    const int pair = palette->rowOfRule(QLatin1String(InOut));
    QVERIFY(pair >= 0);
    QCOMPARE(palette->templates()[size_t(pair)].position, 1);

    // Enter appends it, as `iptables -A FORWARD -i flannel.1 -d 10.224.2.0/24 -j ACCEPT` does:
    // below kube-proxy's KUBE-FORWARD (its INVALID drop) and every rule already there.
    const Chain &forward = sc->nodes[size_t(node02)].rules.table(TableId::Filter).chains[size_t(
            sc->nodes[size_t(node02)].rules.table(TableId::Filter).chainIndex("FORWARD"))];
    palette->setCurrentRow(row);
    palette->setFocus();
    QTest::keyClick(palette, Qt::Key_Return);
    QTRY_COMPARE(m_trace->document()->edits().size(), size_t(1));
    const Edit &e = m_trace->document()->edits().front();
    QCOMPARE(e.kind, Edit::Insert);
    QCOMPARE(e.chain, QStringLiteral("FORWARD"));
    QCOMPARE(e.position, int(forward.rules.size()) + 1);
    const Chain &edited = m_trace->document()->edited().nodes[size_t(node02)].rules.table(TableId::Filter).chains[size_t(
            sc->nodes[size_t(node02)].rules.table(TableId::Filter).chainIndex("FORWARD"))];
    QVERIFY(edited.rules.back().candidate);
    QCOMPARE(edited.rules.front().target.name, forward.rules.front().target.name);   // KUBE-FORWARD still first
    QCOMPARE(m_window->undoStack()->count(), 1);
    // The branch to node02's pod gets through now.
    const int b = m_trace->branchTo(addr("10.224.2.16"));
    QVERIFY(b >= 0);
    QCOMPARE(m_trace->trace().branches[size_t(b)].verdict.kind, Verdict::Delivered);
}

void TstTrace::cliAndWindowAgreeOnTheFix()
{
    const QString insert = QStringLiteral("node02:filter:DOCKER-USER:1:%1").arg(QLatin1String(InOut));
    QProcess cli;
    cli.start(QStringLiteral(CHAINSCOPE_CLI),
              {QStringLiteral("trace"), incidentPath(), QStringLiteral("--preset"), QLatin1String(Preset),
               QStringLiteral("--insert"), insert, QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 0);
    const QJsonObject out = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    const QJsonArray branches = out.value(QStringLiteral("branches")).toArray();
    const QJsonArray before = out.value(QStringLiteral("before")).toArray();
    QCOMPARE(branches.size(), 2);
    QCOMPARE(before.size(), 2);

    traceIncident();
    dropInOutTemplate();
    // Same Edit as the CLI's parser makes of --insert.
    Edit parsed;
    QString error;
    QVERIFY(WhatIf::parseInsert(insert, m_trace->document()->original(), parsed, error));
    const Edit &dropped = m_trace->document()->edits().front();
    QCOMPARE(dropped.node, parsed.node);
    QCOMPARE(dropped.table, parsed.table);
    QCOMPARE(dropped.chain, parsed.chain);
    QCOMPARE(dropped.position, parsed.position);
    QCOMPARE(dropped.ruleText, parsed.ruleText);

    // Same verdicts, branch by branch, before and after.
    const Trace &after = m_trace->trace();
    const Trace *old = m_trace->traceBefore();
    QVERIFY(old);
    QCOMPARE(int(after.branches.size()), branches.size());
    const Scenario &sc = m_trace->document()->edited();
    for (int i = 0; i < branches.size(); ++i) {
        const QJsonObject v = branches[i].toObject().value(QStringLiteral("verdict")).toObject();
        const Verdict &w = after.branches[size_t(i)].verdict;
        QCOMPARE(v.value(QStringLiteral("kind")).toString(), verdictKindName(w.kind));
        QCOMPARE(v.value(QStringLiteral("node")).toString(), sc.nodes[size_t(w.node)].name);
        const QJsonObject bv = before[i].toObject().value(QStringLiteral("verdict")).toObject();
        QCOMPARE(bv.value(QStringLiteral("kind")).toString(), verdictKindName(old->branches[size_t(i)].verdict.kind));
        QCOMPARE(branches[i].toObject().value(QStringLiteral("probability")).toDouble(), after.branches[size_t(i)].probability);
    }
    // The branch to node02's pod: dropped before, delivered after, in both.
    const int mine = m_trace->branchTo(addr("10.224.2.16"));
    QCOMPARE(before[mine].toObject().value(QStringLiteral("verdict")).toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("drop"));
    QCOMPARE(branches[mine].toObject().value(QStringLiteral("verdict")).toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("delivered"));
}

void TstTrace::loneDumpOffersRuleInterfaces()
{
    // A Docker host running a sticky kube service, its iptables-save opened alone: no `ip addr`.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dockerhost.rules"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n"
            ":KUBE-SVC-STICKY - [0:0]\n:KUBE-SEP-AAAA - [0:0]\n:KUBE-SEP-BBBB - [0:0]\n"
            "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n"
            "-A PREROUTING -d 10.96.0.20/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-STICKY\n"
            "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n"
            "-A DOCKER -i docker0 -j RETURN\n"
            "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\n"
            "-A KUBE-SEP-AAAA -p tcp -m recent --set --name KUBE-SEP-AAAA --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 172.17.0.5:8080\n"
            "-A KUBE-SEP-BBBB -p tcp -m recent --set --name KUBE-SEP-BBBB --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 172.17.0.6:8080\n"
            "-A KUBE-SVC-STICKY -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-AAAA --mask 255.255.255.255 --rsource -j KUBE-SEP-AAAA\n"
            "-A KUBE-SVC-STICKY -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-BBBB --mask 255.255.255.255 --rsource -j KUBE-SEP-BBBB\n"
            "-A KUBE-SVC-STICKY -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-AAAA\n"
            "-A KUBE-SVC-STICKY -j KUBE-SEP-BBBB\n"
            "COMMIT\n"
            "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
            "-A FORWARD -o docker0 -j ACCEPT\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n"
            "-A INPUT -i enp3s0 -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n");
    f.close();
    QVERIFY(guitest::openAndWait(*m_window, {path}));
    PacketPanel *panel = m_trace->packetPanel();
    QComboBox *ifaces = panel->interfaceBox();
    // Locally generated, then every interface the rules name.
    QStringList offered;
    for (int i = 0; i < ifaces->count(); ++i)
        offered << ifaces->itemData(i).toString();
    QCOMPARE(offered, QStringList({QString(), QStringLiteral("docker0"), QStringLiteral("enp3s0")}));
    QCOMPARE(ifaces->itemText(1), QStringLiteral("arriving on docker0 (named in the rules)"));

    // Arriving on the uplink the rules name, chosen with the keyboard.
    ifaces->setFocus();
    QTest::keyClick(ifaces, Qt::Key_Down);
    QTest::keyClick(ifaces, Qt::Key_Down);
    QCOMPARE(ifaces->currentData().toString(), QStringLiteral("enp3s0"));
    panel->sourceEdit()->clear();
    QTest::keyClicks(panel->sourceEdit(), QStringLiteral("198.51.100.4"));
    panel->destinationEdit()->clear();
    QTest::keyClicks(panel->destinationEdit(), QStringLiteral("10.96.0.20"));
    panel->dportEdit()->clear();
    QTest::keyClicks(panel->dportEdit(), QStringLiteral("80"));

    // A new client: the cascade chooses; with affinity to the second endpoint, it goes there.
    QComboBox *affinity = panel->affinityBox();
    QVERIFY(affinity->isEnabled());
    QCOMPARE(affinity->count(), 3);
    QCOMPARE(affinity->currentData().toString(), QString());
    QTest::mouseClick(panel->traceButton(), Qt::LeftButton);
    QVERIFY(m_trace->hasTrace());
    QCOMPARE(m_trace->trace().branches.size(), size_t(2));
    affinity->setFocus();
    QTest::keyClick(affinity, Qt::Key_Down);
    QTest::keyClick(affinity, Qt::Key_Down);
    QCOMPARE(affinity->currentData().toString(), QStringLiteral("KUBE-SEP-BBBB"));
    QCOMPARE(panel->spec().affinity, QStringList{QStringLiteral("KUBE-SEP-BBBB")});
    QTest::mouseClick(panel->traceButton(), Qt::LeftButton);
    QCOMPARE(m_trace->trace().branches.size(), size_t(1));
    const Branch &b = current();
    QCOMPARE(b.verdict.kind, Verdict::Delivered);
    QCOMPARE((b.packets.back().dst).toString(), QStringLiteral("172.17.0.6"));
    QCOMPARE(b.packets.back().outIface, QStringLiteral("docker0"));
    // The assumption is said once, in the explanation.
    int assumed = 0;
    for (int i = 0; i < m_trace->explanationList()->count(); ++i)
        assumed += m_trace->explanationList()->item(i)->text().contains(QLatin1String("routes are assumed")) ? 1 : 0;
    QCOMPARE(assumed, 1);
    keepShot(QStringLiteral("lone-dump-affinity"));
}

void TstTrace::pingOverIpv6FromThePanel()
{
    // The bundled dual-stack host: a ping to its IPv6 address, chosen with the keyboard from
    // the panel, is an ICMPv6 echo request that ip6tables' INPUT accepts.
    QVERIFY(guitest::openAndWait(*m_window, {QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/dualstack")}));
    PacketPanel *panel = m_trace->packetPanel();
    QVERIFY(panel->selectPreset(QStringLiteral("v6: the same admin UI over IPv6 (8443)")));
    QCOMPARE(panel->spec().dst.toString(), QStringLiteral("2001:db8:50:0:5054:ff:fe3a:7c10"));
    QComboBox *proto = panel->protocolBox();
    QCOMPARE(proto->currentText(), QStringLiteral("tcp"));
    QVERIFY(!panel->icmpTypeEdit()->isEnabled());
    proto->setFocus();
    QTest::keyClick(proto, Qt::Key_Down);
    QTest::keyClick(proto, Qt::Key_Down);
    QCOMPARE(proto->currentText(), QStringLiteral("icmp"));
    // icmp is IPv4's: said at the destination, and nothing is traced
    QVERIFY(panel->problem(panel->destinationEdit()).contains(QLatin1String("ipv6-icmp")));
    QVERIFY(!panel->traceButton()->isEnabled());
    QCOMPARE(panel->icmpTypeEdit()->text(), QStringLiteral("8"));
    QTest::keyClick(proto, Qt::Key_Down);
    QCOMPARE(proto->currentText(), QStringLiteral("ipv6-icmp"));
    QCOMPARE(panel->icmpTypeEdit()->text(), QStringLiteral("128"));   // the echo request stays one
    QVERIFY(panel->icmpTypeEdit()->isEnabled());
    QVERIFY(panel->traceButton()->isEnabled());
    QTest::keyClick(m_window.get(), Qt::Key_T, Qt::ControlModifier);
    QTRY_VERIFY(m_trace->hasTrace());
    QCOMPARE(m_trace->trace().branches.size(), size_t(1));
    const Branch &b = current();
    QCOMPARE(b.verdict.kind, Verdict::AcceptLocal);
    QCOMPARE(b.packets.front().icmpType, quint8(128));
    // decided by ip6tables' `-p ipv6-icmp -j ACCEPT` in filter INPUT
    bool icmpRule = false;
    const Scenario *sc = m_window->scenario();
    QVERIFY(sc);
    for (const Step &st : b.steps)
        if (st.kind == Step::RuleEval && st.matched && st.table == TableId::Filter6) {
            const Chain &c = sc->nodes[st.node].rules.table(TableId::Filter6).chains[size_t(st.chain)];
            const std::string_view text = c.rules[size_t(st.rule)].text;
            icmpRule |= c.name == "INPUT" && text.find("ipv6-icmp") != std::string_view::npos;
        }
    QVERIFY(icmpRule);
    // back to IPv4's icmp: the echo request is 8 again
    QTest::keyClick(proto, Qt::Key_Up);
    QCOMPARE(panel->icmpTypeEdit()->text(), QStringLiteral("8"));
}

QTEST_MAIN(TstTrace)
#include "tst_trace.moc"
