// The window on a cluster-sized dump: a chain opened from the scenario tree shows that chain
// and a bounded neighbourhood, with a bounded number of edge items, however many chains the
// dump has. The bounds are structural (cards, edge items, strokes), not times: a freeze shows
// as the QTRY waits running out or the ctest timeout.
#include "guitest.h"

#include "chaincard.h"
#include "chainscene.h"
#include "chainview.h"
#include "edgeitem.h"
#include "folditem.h"
#include "kubegen.h"
#include "mainwindow.h"
#include "nftruleset.h"
#include "packetpanel.h"
#include "tracecontroller.h"
#include "scenariotreemodel.h"
#include "text.h"

#include <QDir>
#include <QDockWidget>
#include <QListWidget>
#include <QGraphicsItem>
#include <QImage>
#include <QLineEdit>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <memory>

using namespace chainscope;

namespace {
constexpr int DefaultServices = 2000;
// Far below the 8,000 chains of the dump, far above what one chain and its neighbours need.
constexpr int MaxCards = 80;
constexpr int MaxEdges = 3 * ChainScene::MaxFanEdges;
} // namespace

class TstScale : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void serviceChainFromTheTree();
    void markMasqBundlesItsJumps();
    void sepChainFromTheKeyboard();
    void largeFoldUnfoldsInBatches();
    void nftServicesFoldAndATraceReveals();

private:
    /** Types text into the tree's filter and waits until the chain's item is in the filtered tree. */
    void filterTo(const QString &text, int chain, QModelIndex &item);
    void clickInTree(const QModelIndex &item);
    int chainIndex(const QString &name) const;
    int visibleCards() const;
    /** Checks the edges' bound; returns the bundles into the chain's card. */
    QList<EdgeItem *> checkEdges(int chain);
    /** Paints the graph viewport once, as a frame would. */
    void paintFrame();

    QTemporaryDir m_dir;
    QString m_dump;
    // CHAINSCOPE_SCALE_SERVICES: another size, for screenshots at 10k (with CHAINSCOPE_SHOT_DIR).
    int m_services = DefaultServices;
    KubeGen::Service m_service;
    std::unique_ptr<MainWindow> m_window;
};

void TstScale::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("chainscope-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_scale"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    // As the user made it: chainscope-kubegen --services 2000 --endpoints 3 --counters > k2.rules
    if (const int n = qEnvironmentVariableIntValue("CHAINSCOPE_SCALE_SERVICES"); n > 0)
        m_services = n;
    KubeGen::Options o;
    o.services = m_services;
    o.endpoints = 3;
    o.counters = true;
    KubeGen gen(o);
    m_service = gen.services()[gen.services().size() / 2];
    m_dump = m_dir.filePath(QStringLiteral("k2.rules"));
    QFile f(m_dump);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray dump = gen.dump();
    QCOMPARE(f.write(dump), dump.size());
}

void TstScale::init()
{
    QSettings().clear();
    m_window = guitest::shownWindow(1280, 800);
    QVERIFY(m_window);
    QVERIFY(guitest::openAndWait(*m_window, {m_dump}, 120000));
}

void TstScale::cleanup()
{
    m_window.reset();
}

int TstScale::chainIndex(const QString &name) const
{
    return m_window->chainScene()->ruleset()->table(TableId::Nat).chainIndex(name.toStdString());
}

void TstScale::filterTo(const QString &text, int chain, QModelIndex &item)
{
    QLineEdit *filter = m_window->filterEdit();
    filter->setFocus();
    filter->clear();
    QTest::keyClicks(filter, text);
    QTreeView *tree = m_window->scenarioTree();
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(tree->model());
    auto *model = qobject_cast<ScenarioTreeModel *>(proxy->sourceModel());
    const QModelIndex source = model->chainIndex(m_window->currentNode(), TableId::Nat, chain);
    // Filtered once typing pauses: the pattern is the text, and the chain is still listed.
    QTRY_COMPARE_WITH_TIMEOUT(proxy->filterRegularExpression().pattern(), QRegularExpression::escape(text), 30000);
    item = proxy->mapFromSource(source);
    QVERIFY2(item.isValid(), qPrintable(text));
}

void TstScale::clickInTree(const QModelIndex &item)
{
    QTreeView *tree = m_window->scenarioTree();
    tree->scrollTo(item);
    const QRect r = tree->visualRect(item);
    QVERIFY(tree->viewport()->rect().contains(r.center()));
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, Qt::NoModifier, r.center());
}

int TstScale::visibleCards() const
{
    int n = 0;
    for (ChainCard *c : m_window->chainScene()->cards())
        n += c->isVisible() ? 1 : 0;
    return n;
}

QList<EdgeItem *> TstScale::checkEdges(int chain)
{
    ChainScene *scene = m_window->chainScene();
    ChainCard *card = scene->card(TableId::Nat, chain);
    QList<EdgeItem *> into;
    int edges = 0;
    for (QGraphicsItem *item : scene->items()) {
        auto *e = qgraphicsitem_cast<EdgeItem *>(item);
        if (!e)
            continue;
        ++edges;
        // Only a fan of more than MaxFanEdges jumps is bundled, and a bundle is a few strokes
        // (three per column of cards its jumps come from), not one per jump.
        if (e->isBundle()) {
            [&] { QVERIFY(e->sourceCount() > ChainScene::MaxFanEdges); }();
            [&] { QVERIFY2(e->strokeCount() <= 15, qPrintable(QString::number(e->strokeCount()))); }();
        }
        // Its arrow ends at the card's title.
        const QPointF tip = card->pos() + QPointF(0, ChainCard::TitleHeight / 2);
        if (e->isBundle() && e->target() == tip)
            into << e;
    }
    [&] { QVERIFY2(edges <= MaxEdges, qPrintable(QString::number(edges))); }();
    return into;
}

void TstScale::paintFrame()
{
    ChainView *view = m_window->chainView();
    QImage image(view->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    view->viewport()->render(&image);
}

void TstScale::serviceChainFromTheTree()
{
    // As the user did: type the service's name, click its KUBE-SVC chain in the tree.
    const int svc = chainIndex(QString::fromUtf8(m_service.svcChain));
    QVERIFY(svc >= 0);
    ChainScene *scene = m_window->chainScene();
    QVERIFY(!scene->isShown(TableId::Nat, svc));
    const int before = visibleCards();
    QVERIFY(before < MaxCards);

    QModelIndex item;
    filterTo(QString::fromUtf8(m_service.name), svc, item);
    if (QTest::currentTestFailed())
        return;
    clickInTree(item);
    QTRY_VERIFY_WITH_TIMEOUT(scene->isShown(TableId::Nat, svc), 30000);
    ChainCard *card = scene->card(TableId::Nat, svc);
    QVERIFY(card->isSelected());
    // The chain, the way in, and where it leads: its endpoints' KUBE-SEP chains.
    for (const QByteArray &sep : m_service.sepChains)
        QVERIFY2(scene->isShown(TableId::Nat, chainIndex(QString::fromUtf8(sep))), sep.constData());
    // Not the other 1,999 services and their 6,000 endpoints.
    QVERIFY2(visibleCards() < MaxCards, qPrintable(QString::number(visibleCards())));
    QVERIFY(!scene->folds().isEmpty());
    checkEdges(svc);
    // In view, at a readable zoom, and a frame paints.
    ChainView *view = m_window->chainView();
    QVERIFY(view->zoom() >= 0.85 - 0.01);   // ChainView's readable zoom: rows drawn in full
    QVERIFY(view->mapToScene(view->viewport()->rect()).boundingRect().intersects(card->sceneBoundingRect()));
    paintFrame();
    guitest::keepShot(m_window.get(), QStringLiteral("scale-svc"));
}

void TstScale::markMasqBundlesItsJumps()
{
    const int masq = chainIndex(QStringLiteral("KUBE-MARK-MASQ"));
    QVERIFY(masq >= 0);
    ChainScene *scene = m_window->chainScene();
    QModelIndex item;
    filterTo(QStringLiteral("KUBE-MARK-MASQ"), masq, item);
    if (QTest::currentTestFailed())
        return;
    clickInTree(item);
    QTRY_VERIFY_WITH_TIMEOUT(scene->isShown(TableId::Nat, masq) && scene->card(TableId::Nat, masq)->isSelected(), 30000);
    QVERIFY2(visibleCards() < MaxCards, qPrintable(QString::number(visibleCards())));
    // KUBE-NODEPORTS' jumps into it (one per NodePort service) arrive as one bundle.
    const QList<EdgeItem *> bundles = checkEdges(masq);
    QCOMPARE(bundles.size(), 1);
    EdgeItem *bundle = bundles.first();
    QVERIFY(bundle->sourceCount() >= qMin(m_services / 3, 2768));   // NodePorts: a third, as the range lasts
    QVERIFY(bundle->toolTip().contains(QStringLiteral("KUBE-MARK-MASQ")));
    paintFrame();
    guitest::keepShot(m_window.get(), QStringLiteral("scale-markmasq"));
    // Where the jumps leave: the trunk beside KUBE-NODEPORTS, a tick per row, the curve out.
    ChainView *view = m_window->chainView();
    const QRectF card = scene->card(TableId::Nat, masq)->sceneBoundingRect();
    view->setZoom(0.6);
    view->centerOn(QPointF(bundle->boundingRect().left() + 120, card.top()));
    paintFrame();
    guitest::keepShot(m_window.get(), QStringLiteral("scale-markmasq-bus"));
}

void TstScale::sepChainFromTheKeyboard()
{
    // The filter names one endpoint's chain; the keyboard walks to it in the tree.
    const QString name = QString::fromUtf8(m_service.sepChains.back());
    const int sep = chainIndex(name);
    QVERIFY(sep >= 0);
    QModelIndex item;
    filterTo(name, sep, item);
    if (QTest::currentTestFailed())
        return;
    QTreeView *tree = m_window->scenarioTree();
    tree->setFocus();
    tree->setCurrentIndex(item.parent());   // its table
    QTest::keyClick(tree, Qt::Key_Right);   // expanded already: onto the first chain
    QModelIndex at = tree->currentIndex();
    for (int guard = 0; at != item && guard < 50; ++guard) {
        QTest::keyClick(tree, Qt::Key_Down);
        at = tree->currentIndex();
    }
    QCOMPARE(at, item);
    ChainScene *scene = m_window->chainScene();
    QTRY_VERIFY_WITH_TIMEOUT(scene->isShown(TableId::Nat, sep) && scene->card(TableId::Nat, sep)->isSelected(), 30000);
    QVERIFY(scene->isShown(TableId::Nat, chainIndex(QString::fromUtf8(m_service.svcChain))));   // the way in
    QVERIFY2(visibleCards() < MaxCards, qPrintable(QString::number(visibleCards())));
    checkEdges(sep);
    paintFrame();
}

void TstScale::largeFoldUnfoldsInBatches()
{
    // KUBE-SERVICES' forest: thousands of chains under one fold; a double-click shows the next
    // batch, not all of them.
    ChainScene *scene = m_window->chainScene();
    FoldItem *fold = nullptr;
    for (FoldItem *f : scene->folds())
        if (!fold || f->count() > fold->count())
            fold = f;
    QVERIFY(fold);
    const int count = fold->count();
    const auto group = fold->group();   // the fold item itself is rebuilt by the next layout
    QVERIFY(count > ChainScene::LargeGroup);
    ChainView *view = m_window->chainView();
    view->setZoom(1.0);
    const QPointF centre = fold->mapToScene(fold->boundingRect().center());
    view->centerOn(centre);
    const int before = visibleCards();
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(centre));
    QTRY_COMPARE_WITH_TIMEOUT(visibleCards(), before + ChainScene::RevealBatch, 30000);
    FoldItem *rest = nullptr;
    for (FoldItem *f : scene->folds())
        if (f->group() == group)
            rest = f;
    QVERIFY(rest);
    QCOMPARE(rest->count(), count - ChainScene::RevealBatch);
    // The batch's edges stay few: a hundred chains, a bundle for the rest.
    int edges = 0;
    for (QGraphicsItem *item : scene->items())
        edges += qgraphicsitem_cast<EdgeItem *>(item) ? 1 : 0;
    QVERIFY2(edges <= 4 * ChainScene::RevealBatch, qPrintable(QString::number(edges)));
    paintFrame();
}

void TstScale::nftServicesFoldAndATraceReveals()
{
    // The same cluster in kube-proxy's nftables mode (chainscope-kubegen --nft): the service-ips
    // verdict map jumps to 2,000 service chains, each to its endpoints. They fold under the
    // chain holding the map; a traced ClusterIP reveals its own service and endpoint chains.
    KubeGen::Options o;
    o.services = m_services;
    o.endpoints = 3;
    KubeGen gen(o);
    const QString dir = m_dir.filePath(QStringLiteral("nft"));
    QVERIFY(QDir().mkpath(dir));
    auto write = [&](const QString &name, const QByteArray &data) {
        QFile f(dir + QLatin1Char('/') + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(data), data.size());
    };
    write(QStringLiteral("node1.nft"), gen.nftRuleset());
    write(QStringLiteral("node1.addr"), "1: lo    inet 127.0.0.1/8 scope host lo\n"
                                        "2: eth0    inet 192.168.0.20/24 brd 192.168.0.255 scope global eth0\n"
                                        "5: cni0    inet 10.244.0.1/24 brd 10.244.0.255 scope global cni0\n");
    write(QStringLiteral("node1.route"), "default via 192.168.0.1 dev eth0 proto dhcp src 192.168.0.20 metric 100\n"
                                         "10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1\n"
                                         "192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0.20\n");
    write(QStringLiteral("scenario.json"),
          "{\"name\": \"kube-proxy nft\", \"nodes\": [{\"name\": \"node1\", \"rules\": [\"node1.nft\"], "
          "\"addresses\": \"node1.addr\", \"routes\": \"node1.route\"}], \"packets\": [{\"name\": \"pod to service\", "
          "\"from\": \"node1:cni0\", \"src\": \"10.244.0.7\", \"proto\": \"tcp\", \"dst\": \""
                  + m_service.clusterAddress() + "\", \"dport\": " + QByteArray::number(m_service.port) + "}]}\n");
    m_window.reset();
    m_window = guitest::shownWindow(1280, 800);
    QVERIFY(guitest::openAndWait(*m_window, {dir}, 120000));
    ChainScene *scene = m_window->chainScene();
    const nft::NftRuleset &n = *scene->ruleset()->nft;
    const QByteArray base = m_service.ns + '/' + m_service.name + "/tcp/" + m_service.portName;
    const QByteArray svcName = KubeGen::nftChainName("service-", base);
    const int svc = n.chainIndex(n.tableIndex(QStringLiteral("ip kube-proxy")), QString::fromUtf8(svcName));
    QVERIFY2(svc >= 0, svcName.constData());
    QVERIFY(int(n.chains.size()) > 3 * m_services);
    QVERIFY(!scene->isShown(ChainCard::NftTable, svc));
    QVERIFY2(visibleCards() < MaxCards, qPrintable(QString::number(visibleCards())));
    FoldItem *biggest = nullptr;
    for (FoldItem *f : scene->folds())
        if (!biggest || f->count() > biggest->count())
            biggest = f;
    QVERIFY(biggest && biggest->count() >= m_services);
    // the base chains stand in their hooks' lanes, by priority: filter-prerouting (-110) above
    // nat-prerouting (dstnat, -100)
    ChainCard *filterPre = scene->card(ChainCard::NftTable, n.chainIndex(n.tableIndex(QStringLiteral("ip kube-proxy")), QStringLiteral("filter-prerouting")));
    ChainCard *natPre = scene->card(ChainCard::NftTable, n.chainIndex(n.tableIndex(QStringLiteral("ip kube-proxy")), QStringLiteral("nat-prerouting")));
    QVERIFY(filterPre && natPre && filterPre->isVisible() && natPre->isVisible());
    QCOMPARE(filterPre->pos().x(), natPre->pos().x());
    QVERIFY(filterPre->pos().y() < natPre->pos().y());

    QVERIFY(m_window->traceController()->packetPanel()->selectPreset(QStringLiteral("pod to service")));
    QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_T));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->traceController()->hasTrace(), 30000);
    // Step through the trace to the service chain: it is revealed, with its endpoints.
    const Trace &t = m_window->traceController()->trace();
    const Branch &b = t.branches[size_t(m_window->traceController()->currentBranch())];
    int at = -1;
    for (size_t k = 0; k < b.steps.size() && at < 0; ++k)
        if (b.steps[k].kind == Step::NftRule && b.steps[k].chain == svc)
            at = int(k);
    QVERIFY(at >= 0);
    // as the user does: the step clicked in the Steps list
    QListWidget *steps = m_window->traceController()->stepList();
    QVERIFY(steps->count() == int(b.steps.size()));
    QDockWidget *stepsDock = m_window->findChild<QDockWidget *>(QStringLiteral("stepsDock"));
    QVERIFY(stepsDock);
    stepsDock->show();
    stepsDock->raise();
    steps->scrollToItem(steps->item(at));
    QTest::mouseClick(steps->viewport(), Qt::LeftButton, Qt::NoModifier, steps->visualItemRect(steps->item(at)).center());
    QTRY_VERIFY_WITH_TIMEOUT(scene->isShown(ChainCard::NftTable, svc), 30000);
    ChainCard *card = scene->card(ChainCard::NftTable, svc);
    QCOMPARE(card->traceRow(), b.steps[size_t(at)].rule);
    QVERIFY2(visibleCards() < MaxCards, qPrintable(QString::number(visibleCards())));
    ChainView *view = m_window->chainView();
    QVERIFY(view->mapToScene(view->viewport()->rect()).boundingRect().intersects(card->sceneBoundingRect()));
    paintFrame();
    guitest::keepShot(m_window.get(), QStringLiteral("scale-nft-svc"));
}

QTEST_MAIN(TstScale)
#include "tst_scale.moc"
