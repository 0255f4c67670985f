// The first minute and what a verdict looks like: the first start tells the incident's
// story (node02, the dropped branch, the FORWARD lane at a readable zoom), a replay shows the
// verdict only when the packet gets there, the path is drawn across chains, and every kind
// of verdict has its own colour and symbol from the Theme.

#include "guitest.h"
#include "branchpanel.h"
#include "calloutitem.h"
#include "chaincard.h"
#include "chainscene.h"
#include "chainview.h"
#include "mainwindow.h"
#include "nodestrip.h"
#include "packetpanel.h"
#include "pathedgeitem.h"
#include "traceanimator.h"
#include "tracecontroller.h"

#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QScreen>
#include <QTreeWidget>
#include <QSettings>
#include <QTemporaryDir>
#include <QVariantAnimation>
#include <QtTest>

#include <memory>

using namespace chainscope;
using guitest::incidentPath;

Q_DECLARE_METATYPE(chainscope::Verdict::Kind)
Q_DECLARE_METATYPE(chainscope::Theme::Tone)

namespace {
QString verdictsPath()
{
    return QStringLiteral(CHAINSCOPE_TEST_DATA "/verdicts");
}

Branch branchOf(Verdict::Kind kind, double probability)
{
    Branch b;
    b.verdict.kind = kind;
    b.probability = probability;
    return b;
}

/** True when the image has a pixel of exactly this colour inside the rectangle. */
bool hasColour(const QImage &image, const QRect &rect, const QColor &colour)
{
    const QRect r = rect.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            if (image.pixelColor(x, y).rgb() == colour.rgb())
                return true;
    return false;
}
} // namespace

class TstStory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void firstBranchToShow_data();
    void firstBranchToShow();
    void branchSummary_data();
    void branchSummary();
    void firstStartTellsTheStory();
    void laterStartsDoNotRetrace();
    void replayRevealsVerdictOnArrival();
    void pathIsDrawnAcrossChains();
    void everyVerdictHasItsLook_data();
    void everyVerdictHasItsLook();

private:
    ChainCard *filterCard(const char *chain) const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<MainWindow> m_window;
    TraceController *m_trace = nullptr;
};

void TstStory::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("chainscope-tests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    // CTest runs this on a 1280x800 screen (tests/gui/CMakeLists.txt): what the story must fit.
    const QSize screen = QGuiApplication::primaryScreen()->availableGeometry().size();
    QVERIFY2(screen.width() >= 1280 && screen.height() >= 800,
             "run with QT_QPA_PLATFORM=offscreen:configfile=tests/gui/screen-1280x800.json");
}

void TstStory::init()
{
    QSettings().clear();   // every test starts as a first start would
    m_window = guitest::shownWindow();
    QVERIFY(m_window);
    m_trace = m_window->traceController();
}

void TstStory::cleanup()
{
    m_trace = nullptr;
    m_window.reset();
}

ChainCard *TstStory::filterCard(const char *chain) const
{
    const Ruleset *rs = m_window->chainScene()->ruleset();
    const int index = rs ? rs->table(TableId::Filter).chainIndex(chain) : -1;
    return index < 0 ? nullptr : m_window->chainScene()->card(TableId::Filter, index);
}

void TstStory::firstBranchToShow_data()
{
    QTest::addColumn<QList<int>>("kinds");
    QTest::addColumn<QList<double>>("probabilities");
    QTest::addColumn<int>("expected");
    using V = Verdict;
    QTest::newRow("delivered, dropped") << QList<int>{V::Delivered, V::Drop} << QList<double>{0.5, 0.5} << 1;
    QTest::newRow("dropped, delivered") << QList<int>{V::Drop, V::Delivered} << QList<double>{0.5, 0.5} << 0;
    QTest::newRow("delivered 90%, rejected 10%") << QList<int>{V::Delivered, V::Reject} << QList<double>{0.9, 0.1} << 1;
    QTest::newRow("accept-local, no route") << QList<int>{V::AcceptLocal, V::NoRoute} << QList<double>{0.5, 0.5} << 1;
    QTest::newRow("no route, drop") << QList<int>{V::NoRoute, V::Drop} << QList<double>{0.5, 0.5} << 1;
    QTest::newRow("uncertain, no route") << QList<int>{V::Uncertain, V::NoRoute} << QList<double>{0.5, 0.5} << 1;
    QTest::newRow("queue, delivered") << QList<int>{V::Queue, V::Delivered} << QList<double>{0.5, 0.5} << 0;
    QTest::newRow("two drops: the likelier") << QList<int>{V::Drop, V::Drop} << QList<double>{0.25, 0.75} << 1;
    QTest::newRow("three delivered: the first") << QList<int>{V::Delivered, V::Delivered, V::Delivered}
                                                 << QList<double>{1 / 3.0, 1 / 3.0, 1 / 3.0} << 0;
    QTest::newRow("one branch") << QList<int>{V::Delivered} << QList<double>{1.0} << 0;
    QTest::newRow("none") << QList<int>{} << QList<double>{} << -1;
}

void TstStory::firstBranchToShow()
{
    QFETCH(QList<int>, kinds);
    QFETCH(QList<double>, probabilities);
    QFETCH(int, expected);
    Trace trace;
    for (int i = 0; i < kinds.size(); ++i)
        trace.branches.push_back(branchOf(Verdict::Kind(kinds[i]), probabilities[i]));
    QCOMPARE(TraceController::firstBranchToShow(trace), expected);
}

void TstStory::branchSummary_data()
{
    QTest::addColumn<QList<int>>("kinds");
    QTest::addColumn<QString>("expected");
    using V = Verdict;
    QTest::newRow("one of two dropped") << QList<int>{V::Delivered, V::Drop} << QStringLiteral("1 of 2 branches dropped");
    QTest::newRow("both dropped") << QList<int>{V::Drop, V::Drop} << QStringLiteral("2 of 2 branches dropped");
    QTest::newRow("drop and no route") << QList<int>{V::Drop, V::NoRoute, V::Delivered}
                                       << QStringLiteral("1 of 3 branches dropped; 1 of 3 branches without a route");
    QTest::newRow("rejected, uncertain") << QList<int>{V::Reject, V::Uncertain}
                                         << QStringLiteral("1 of 2 branches rejected; 1 of 2 branches uncertain");
    QTest::newRow("all through") << QList<int>{V::Delivered, V::AcceptLocal} << QStringLiteral("all 2 branches get through");
    QTest::newRow("one branch says nothing") << QList<int>{V::Drop} << QString();
}

void TstStory::branchSummary()
{
    QFETCH(QList<int>, kinds);
    QFETCH(QString, expected);
    Trace trace;
    for (int k : kinds)
        trace.branches.push_back(branchOf(Verdict::Kind(k), 1.0 / kinds.size()));
    QCOMPARE(BranchPanel::summary(trace), expected);
}

void TstStory::firstStartTellsTheStory()
{
    // No settings: the first start, as main() runs it.
    m_window->restoreSettings();
    QVERIFY(m_window->isFirstStart());
    QVERIFY(guitest::openAndWait(*m_window, {incidentPath()}));
    QVERIFY(!m_window->isFirstStart());

    // The first preset is traced, standing on the dropped branch at its verdict.
    QVERIFY(m_trace->hasTrace());
    QCOMPARE(m_trace->packetPanel()->presetBox()->currentText(), QStringLiteral("curl the ClusterIP from master"));
    QCOMPARE(m_trace->trace().branches.size(), size_t(2));
    const Branch &b = m_trace->trace().branches[size_t(m_trace->currentBranch())];
    QCOMPARE(b.verdict.kind, Verdict::Drop);
    const int node02 = m_window->scenario()->nodeIndex(QStringLiteral("node02"));
    QCOMPARE(b.verdict.node, node02);
    QCOMPARE(m_trace->animator()->currentStop(), int(b.steps.size()) - 1);
    // node02 is shown, in the graph and in the node strip.
    QCOMPARE(m_window->currentNode(), node02);
    QCOMPARE(m_trace->nodeStrip()->currentNode(), node02);
    // Both endpoints' nodes drop (node01 and node02 have the same FORWARD policy DROP); the
    // branch shown is node02's, whose LOG rules counted the real packets.
    QCOMPARE(m_trace->currentBranch(), m_trace->branchTo(Address::fromV4(0x0ae00210)));   // 10.224.2.16
    // The branches are counted, in the Branches dock and under the headline.
    QCOMPARE(m_trace->branchPanel()->summaryLabel()->text(), QStringLiteral("2 of 2 branches dropped"));
    QVERIFY(m_trace->branchPanel()->summaryLabel()->isVisibleTo(m_window.get()));
    QVERIFY2(m_trace->verdictLabel()->text().contains(QLatin1String("Branch 2 of 2 shown; 2 of 2 branches dropped")),
             qPrintable(m_trace->verdictLabel()->text()));

    // The FORWARD lane at a zoom where rows can be read, the verdict row and callout in view.
    ChainView *view = m_window->chainView();
    QVERIFY2(view->zoom() >= 0.8 && view->zoom() <= 1.0, qPrintable(QString::number(view->zoom())));
    ChainCard *forward = filterCard("FORWARD");
    QVERIFY(forward);
    QCOMPARE(forward->verdictRow(), forward->policyRow());
    const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
    const QRectF verdictRow = forward->mapRectToScene(forward->rowRect(forward->policyRow()));
    QVERIFY2(visible.contains(verdictRow), "the verdict row is in view");
    QVERIFY(visible.contains(forward->mapToScene(QPointF(0, ChainCard::TitleHeight / 2))));   // the lane's card, from its left edge
    QVERIFY(m_trace->verdictCallout()->isVisible());
    QVERIFY(visible.intersects(m_trace->verdictCallout()->mapRectToScene(m_trace->verdictCallout()->boxRect())));
    guitest::keepShot(m_window.get(), QStringLiteral("story-first-start"));
}

void TstStory::laterStartsDoNotRetrace()
{
    // A saved window state means the story was told before.
    QSettings().setValue(QStringLiteral("window/state"), m_window->saveState());
    m_window->restoreSettings();
    QVERIFY(!m_window->isFirstStart());
    QVERIFY(guitest::openAndWait(*m_window, {incidentPath()}));
    QVERIFY(!m_trace->hasTrace());
    QCOMPARE(m_window->currentNode(), 0);
}

void TstStory::replayRevealsVerdictOnArrival()
{
    m_window->restoreSettings();
    QVERIFY(guitest::openAndWait(*m_window, {incidentPath()}));
    QVERIFY(m_trace->hasTrace());
    const Branch b = m_trace->trace().branches[size_t(m_trace->currentBranch())];
    const int last = int(b.steps.size()) - 1;
    const int node02 = m_window->scenario()->nodeIndex(QStringLiteral("node02"));
    QCOMPARE(m_trace->verdictRevealStep(), last);   // a drop is revealed at its own step
    TraceAnimator *animator = m_trace->animator();
    QVariantAnimation *animation = animator->animation();
    animator->restart();
    animator->pause();
    int onNode02 = 0;
    for (int k = 0; k <= last; ++k) {
        animation->setCurrentTime(animator->timeOfStop(k));
        QCOMPARE(animator->currentStop(), k);
        ChainCard *forward = filterCard("FORWARD");
        QVERIFY(forward);
        if (k < last) {
            // Not there yet: no verdict row, no callout, even with node02's FORWARD on screen.
            QCOMPARE(forward->verdictRow(), -1);
            QVERIFY2(!m_trace->verdictCallout()->isVisible(), qPrintable(QStringLiteral("step %1").arg(k + 1)));
            if (m_window->currentNode() == node02)
                ++onNode02;
        } else {
            QCOMPARE(m_window->currentNode(), node02);
            QCOMPARE(forward->verdictRow(), forward->policyRow());
            QCOMPARE(forward->verdictKind(), Verdict::Drop);
            QVERIFY(m_trace->verdictCallout()->isVisible());
        }
    }
    QVERIFY2(onNode02 > 5, "the replay spends steps on node02 before the verdict");
    // Stepping back from the verdict hides it again.
    animator->stepBack();
    QCOMPARE(filterCard("FORWARD")->verdictRow(), -1);
    QVERIFY(!m_trace->verdictCallout()->isVisible());
}

void TstStory::pathIsDrawnAcrossChains()
{
    m_window->restoreSettings();
    QVERIFY(guitest::openAndWait(*m_window, {incidentPath()}));
    QVERIFY(m_trace->hasTrace());
    // At the verdict on node02: FORWARD jumped to KUBE-FORWARD, KUBE-SERVICES, DOCKER-USER...
    ChainCard *forward = filterCard("FORWARD");
    ChainCard *dockerUser = filterCard("DOCKER-USER");
    ChainCard *kubeForward = filterCard("KUBE-FORWARD");
    QVERIFY(forward && dockerUser && kubeForward);
    const QList<PathEdgeItem *> edges = m_trace->pathEdges();
    QVERIFY(edges.size() >= 3);
    const Theme theme = Theme::fromPalette(m_window->palette());
    auto edgeInto = [&](ChainCard *card) -> PathEdgeItem * {
        for (PathEdgeItem *e : edges)
            if (e->to() == card->pos() + QPointF(0, ChainCard::TitleHeight / 2))
                return e;
        return nullptr;
    };
    for (ChainCard *target : {dockerUser, kubeForward}) {
        PathEdgeItem *e = edgeInto(target);
        QVERIFY2(e, qPrintable(target->chainName()));
        QCOMPARE(e->scene(), m_window->chainScene());
        QVERIFY(e->isVisible());
        // From the right edge of the jumping FORWARD row.
        QCOMPARE(e->from().x(), forward->pos().x() + ChainCard::Width);
        bool onRow = false;
        for (int r = 0; r < forward->ruleCount(); ++r)
            onRow = onRow || qFuzzyCompare(e->from().y(), forward->pos().y() + forward->rowRect(r).center().y());
        QVERIFY(onRow);
    }
    // Drawn in the path's colour, over the graph's own edge.
    {
        PathEdgeItem *e = edgeInto(dockerUser);
        const QPointF mid = e->mapToScene(e->shape().pointAtPercent(0.5));
        QImage image(40, 40, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        m_window->chainScene()->render(&painter, QRectF(0, 0, 40, 40), QRectF(mid - QPointF(20, 20), QSizeF(40, 40)));
        painter.end();
        QVERIFY(hasColour(image, image.rect(), theme.marker));
    }
    // Replayed: nothing is drawn before the packet jumps; on node02, the jumps so far.
    TraceAnimator *animator = m_trace->animator();
    animator->pause();
    animator->goToStop(0);
    QVERIFY(m_trace->pathEdges().isEmpty());
    const Branch &b = m_trace->trace().branches[size_t(m_trace->currentBranch())];
    const int node02 = m_window->scenario()->nodeIndex(QStringLiteral("node02"));
    int firstOnNode02 = -1;
    for (int k = 0; k < int(b.steps.size()) && firstOnNode02 < 0; ++k)
        if (b.steps[size_t(k)].node == node02)
            firstOnNode02 = k;
    QVERIFY(firstOnNode02 > 0);
    animator->goToStop(firstOnNode02);
    QCOMPARE(m_window->currentNode(), node02);
    QVERIFY(m_trace->pathEdges().size() < edges.size());
    animator->goToStop(animator->stopCount() - 1);
    QCOMPARE(m_trace->pathEdges().size(), edges.size());
}

void TstStory::everyVerdictHasItsLook_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<Verdict::Kind>("kind");
    QTest::addColumn<Theme::Tone>("tone");
    QTest::addColumn<QString>("symbol");
    QTest::newRow("delivered") << QStringLiteral("delivered") << Verdict::Delivered << Theme::Tone::Success << QStringLiteral("\u2713");
    QTest::newRow("accept-local") << QStringLiteral("accept-local") << Verdict::AcceptLocal << Theme::Tone::Success << QStringLiteral("\u2713");
    QTest::newRow("drop") << QStringLiteral("drop") << Verdict::Drop << Theme::Tone::Failure << QStringLiteral("\u2717");
    QTest::newRow("reject") << QStringLiteral("reject") << Verdict::Reject << Theme::Tone::Failure << QStringLiteral("\u2298");
    QTest::newRow("no-route") << QStringLiteral("no-route") << Verdict::NoRoute << Theme::Tone::Caution << QStringLiteral("\u26a0");
    QTest::newRow("queue") << QStringLiteral("queue") << Verdict::Queue << Theme::Tone::Neutral << QStringLiteral("\u21e5");
    QTest::newRow("uncertain") << QStringLiteral("uncertain") << Verdict::Uncertain << Theme::Tone::Caution << QStringLiteral("?");
}

void TstStory::everyVerdictHasItsLook()
{
    QFETCH(QString, preset);
    QFETCH(Verdict::Kind, kind);
    QFETCH(Theme::Tone, tone);
    QFETCH(QString, symbol);
    QVERIFY(guitest::openAndWait(*m_window, {verdictsPath()}));
    // Traced by the key, as a person would.
    QVERIFY(m_trace->packetPanel()->selectPreset(preset));
    m_window->chainView()->setFocus();
    QTest::keyClick(m_window->chainView(), Qt::Key_T, Qt::ControlModifier);
    QVERIFY(m_trace->hasTrace());
    const Branch &b = m_trace->trace().branches[size_t(m_trace->currentBranch())];
    QCOMPARE(b.verdict.kind, kind);

    const Theme theme = Theme::fromPalette(m_window->palette());
    const Theme::VerdictLook look = theme.verdictLook(kind);
    QCOMPARE(look.tone, tone);
    QCOMPARE(Theme::toneOf(kind), tone);
    QCOMPARE(look.symbol, symbol);
    QCOMPARE(look.colour, theme.toneColour(tone));
    // Success is the only green; failure is red; the rest are neither.
    QCOMPARE(look.colour == theme.good, tone == Theme::Tone::Success);
    QCOMPARE(look.colour == theme.policyDrop, tone == Theme::Tone::Failure);

    // The node strip: the symbol and word beside the node, its frame in the verdict's colour.
    NodeStrip *strip = m_trace->nodeStrip();
    QCOMPARE(strip->verdictKind().value_or(Verdict::Kind(255)), kind);
    const QString label = strip->nodeLabel(b.verdict.node);
    QVERIFY2(label.contains(symbol) && label.contains(look.word), qPrintable(label));
    if (tone != Theme::Tone::Success)
        QVERIFY2(!label.contains(QStringLiteral("\u2713")), qPrintable(label));
    const QImage image = strip->grab().toImage();
    const QRect box = strip->nodeRect(b.verdict.node).toAlignedRect();
    QVERIFY2(hasColour(image, box.adjusted(-2, -2, 2, 2), look.colour), qPrintable(look.colour.name()));
    if (tone != Theme::Tone::Success)
        QVERIFY(!hasColour(image, box.adjusted(-2, -2, 2, 2), theme.good));

    // The headline: the same colour, symbol and word.
    const QString headline = m_trace->verdictLabel()->text();
    QVERIFY2(headline.contains(look.colour.name()), qPrintable(headline));
    QVERIFY2(headline.contains(symbol.toHtmlEscaped()), qPrintable(headline));
    QVERIFY2(headline.contains(look.word.toUpper()), qPrintable(headline));
    if (tone != Theme::Tone::Success)
        QVERIFY2(!headline.contains(theme.good.name()), qPrintable(headline));

    // The branch tree's leaf and, where a rule decided, the graph's row and callout.
    QTreeWidgetItem *leaf = m_trace->branchTree()->currentItem();
    QVERIFY(leaf);
    QCOMPARE(leaf->foreground(0).color(), look.colour);
    QVERIFY(leaf->text(0).contains(symbol));
    if (b.verdict.chain >= 0) {
        ChainCard *forward = filterCard("FORWARD");
        QCOMPARE(forward->verdictRow(), b.verdict.rule - 1);
        QCOMPARE(forward->verdictKind(), kind);
        QVERIFY(m_trace->verdictCallout()->isVisible());
        QCOMPARE(m_trace->verdictCallout()->borderColour(), look.calloutBorder);
    }
    guitest::keepShot(m_window.get(), QStringLiteral("verdict-") + preset);
}

QTEST_MAIN(TstStory)
#include "tst_story.moc"
