// chainscope-guibench [--services 10000,30000] [--frames 60] [--endpoints 3]
//   profiling one size: --write N DIR, then perf record -g chainscope-guibench --one N DIR;
//   --phases DIR times the parts of an open (load, graph, dump) alone
// The window's speed and memory at cluster sizes: for each size a KubeGen dump (filter and
// nat, with counters, 3 endpoints per service as `chainscope-kubegen --endpoints 3 --counters`)
// plus `ip addr`/`ip route` go into a temporary scenario folder, then a fresh child
// (`--one N DIR`, offscreen) opens it the way a user does (MainWindow::openPaths, the same
// ScenarioLoader) and measures:
//   open      ms from openPaths() to scenarioLoaded (parse on the loader thread, scene built)
//   frame     ms from openPaths() to the end of the first paint of the graph viewport after
//             scenarioLoaded (a Paint event seen by an event filter on ChainView's viewport,
//             end taken when control returns to the event loop after that paint)
//   RSS/HWM   VmRSS and VmHWM from /proc/self/status right after that first frame
//   pan/zoom  after ChainView::fitAll(): per frame, one change (scrollbars by 40 px, or scale
//             1.05 / 0.95 alternating) plus viewport()->render() into a QImage of the viewport
//             size (the real QGraphicsView::paintEvent path, item caches included); mean, p95
// then opens chains as a user does: types a name into the scenario tree's filter, clicks the
// chain's item in the tree (a mouse click on the tree's viewport), and measures
//   filter    ms from the last key to the filter applied (the window waits 150 ms for typing to pause)
//   open      ms from the click to the end of the first paint of the graph viewport
//   pan       per frame around the chain (a square walk of 40 px scrolls), as above; max
//   RSS/HWM   after the pans; cards/edges: visible chain cards, edge items, bundles among them
// for a KUBE-SVC chain (the middle service), one of its KUBE-SEP chains, KUBE-MARK-MASQ (a jump
// from every SVC and SEP chain), KUBE-SERVICES (a row per service), KUBE-POSTROUTING.
// A developer tool, not a ctest: timings depend on the machine. Run on a Release build.
#include "chaincard.h"
#include "chainscene.h"
#include "chainview.h"
#include "edgeitem.h"
#include "dumptext.h"
#include "dumpview.h"
#include "kubegen.h"
#include "mainwindow.h"
#include "scenariotreemodel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGraphicsItem>
#include <QImage>
#include <QLineEdit>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <vector>

using namespace chainscope;

namespace {

double statusMb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &l : f.readAll().split('\n'))
        if (l.startsWith(key))
            return l.mid(key.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

struct Stats
{
    double mean = 0, p95 = 0, max = 0;
};

Stats stats(std::vector<double> v)
{
    Stats s;
    if (v.empty())
        return s;
    std::sort(v.begin(), v.end());
    s.mean = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    s.p95 = v[std::min(v.size() - 1, size_t(double(v.size()) * 0.95))];
    s.max = v.back();
    return s;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

KubeGen::Options genOptions(int services, int endpoints)
{
    KubeGen::Options o;
    o.services = services;
    o.endpoints = endpoints;
    o.counters = true;
    return o;
}

/** Scenario folder: one node with the dump, addresses and routes. */
bool writeScenario(const QString &dir, int services, int endpoints)
{
    KubeGen gen(genOptions(services, endpoints));
    const QByteArray json = "{\n  \"name\": \"guibench " + QByteArray::number(services)
                            + " services\",\n  \"nodes\": [\n    {\"name\": \"node\", \"rules\": [\"node.rules\"], "
                              "\"addresses\": \"node.addr\", \"routes\": \"node.route\"}\n  ]\n}\n";
    return writeFile(dir + QStringLiteral("/node.rules"), gen.dump())
           && writeFile(dir + QStringLiteral("/node.addr"), KubeGen::ipAddr())
           && writeFile(dir + QStringLiteral("/node.route"), KubeGen::ipRoute())
           && writeFile(dir + QStringLiteral("/scenario.json"), json);
}

/** Records the first viewport paint after the load finished. */
class PaintWatch : public QObject
{
public:
    bool armed = false;
    bool painted = false;
    QElapsedTimer *clock = nullptr;
    double paintStart = -1;
    double paintEnd = -1;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (armed && !painted && event->type() == QEvent::Paint) {
            painted = true;
            paintStart = double(clock->nsecsElapsed()) / 1e6;
            QTimer::singleShot(0, this, [this] {
                paintEnd = double(clock->nsecsElapsed()) / 1e6;
                QCoreApplication::exit(0);
            });
        }
        return QObject::eventFilter(watched, event);
    }
};

/** Where the open time goes: the same steps as the window, each timed alone (--phases N DIR). */
int runPhases(const QString &dir)
{
    QElapsedTimer t;
    t.start();
    std::vector<Diagnostic> diags;
    std::optional<Scenario> sc = Scenario::load(dir, diags);
    if (!sc || sc->nodes.empty())
        return 1;
    std::printf("Scenario::load           %8.0f ms\n", double(t.nsecsElapsed()) / 1e6);
    const Ruleset &rules = sc->nodes.front().rules;
    ChainScene scene;
    ChainView view;
    view.setScene(&scene);
    view.resize(1200, 700);
    view.show();
    t.start();
    scene.setRuleset(&rules, Theme::light());
    std::printf("ChainScene::setRuleset   %8.0f ms  (%lld items)\n", double(t.nsecsElapsed()) / 1e6,
                qlonglong(scene.items().size()));
    {
        int visible = 0, edges = 0;
        for (QGraphicsItem *item : scene.items()) {
            if (!item->isVisible())
                continue;
            ++visible;
            edges += item->zValue() == -1 ? 1 : 0;
        }
        std::printf("  visible items %d (edges at z -1: %d)\n", visible, edges);
        // Diagnostic: how much of a frame the jump edges are.
        if (qEnvironmentVariableIsSet("GUIBENCH_HIDE_EDGES"))
            for (QGraphicsItem *item : scene.items())
                if (item->zValue() == -1)
                    item->setVisible(false);
    }
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    view.setZoom(0.9);
    t.start();
    view.viewport()->render(&image);
    std::printf("graph frame at 0.9       %8.0f ms\n", double(t.nsecsElapsed()) / 1e6);
    {
        // What that frame showed: the scene's size and the cards in view.
        const QRectF r = scene.sceneRect();
        const QRectF shown = view.mapToScene(view.viewport()->rect()).boundingRect();
        std::printf("  scene %.0f x %.0f; in view at 0.9:", r.width(), r.height());
        for (QGraphicsItem *item : scene.items(shown))
            if (auto *card = qgraphicsitem_cast<ChainCard *>(item); card && card->isVisible())
                std::printf(" %s(%d rows)", qPrintable(card->chainName()), card->rowCount());
        std::printf("\n");
    }
    view.fitAll();
    t.start();
    view.viewport()->render(&image);
    std::printf("graph frame at fit       %8.0f ms\n", double(t.nsecsElapsed()) / 1e6);
    DumpView dump;
    dump.resize(1200, 300);
    dump.show();
    t.start();
    dump.setRuleset(&rules, Theme::light());
    std::printf("DumpView::setRuleset     %8.0f ms  (%d lines, the last \"%s\")\n", double(t.nsecsElapsed()) / 1e6,
                dump.editor()->lineCount(), qPrintable(dump.editor()->lineText(dump.editor()->lineCount() - 1)));
    QImage dumpImage(dump.size(), QImage::Format_ARGB32_Premultiplied);
    t.start();
    dump.render(&dumpImage);
    std::printf("dump frame               %8.0f ms\n", double(t.nsecsElapsed()) / 1e6);
    {
        // The scenario tree's filter as the window sets it, typed one key at a time.
        ScenarioTreeModel model;
        model.setScenario(&*sc);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setRecursiveFilteringEnabled(true);
        proxy.setFilterRole(ScenarioTreeModel::SearchRole);
        proxy.setFilterKeyColumn(ScenarioTreeModel::NameColumn);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
        QTreeView tree;
        tree.setModel(&proxy);
        tree.setUniformRowHeights(true);
        tree.resize(300, 700);
        tree.show();
        const QString typed = QStringLiteral("KUBE-SVC-");
        double worst = 0;
        for (int i = 1; i <= typed.size(); ++i) {
            t.start();
            proxy.setFilterFixedString(typed.left(i));
            tree.expandAll();
            QImage treeImage(tree.size(), QImage::Format_ARGB32_Premultiplied);
            tree.render(&treeImage);
            worst = std::max(worst, double(t.nsecsElapsed()) / 1e6);
        }
        std::printf("tree filter, per key     %8.0f ms worst  (\"%s\" typed; %d rows under the first table)\n", worst,
                    qPrintable(typed), proxy.rowCount(proxy.index(0, 0, proxy.index(0, 0))));
    }
    std::printf("VmRSS %.0f MB, VmHWM %.0f MB\n", statusMb("VmRSS"), statusMb("VmHWM"));
    return 0;
}

/** Runs the event loop until the graph viewport has painted once (and control came back). */
bool waitForPaint(PaintWatch &watch, QWidget *viewport)
{
    watch.armed = true;
    watch.painted = false;
    viewport->update();
    QTimer guard;
    guard.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(&guard, &QTimer::timeout, [&] {
        timedOut = true;
        QCoreApplication::exit(2);
    });
    guard.start(600000);
    QApplication::exec();
    watch.armed = false;
    return !timedOut;
}

/** Opens chains as a user does (filter, then a click on the tree) and prints a CHAIN line for each. */
bool openChains(MainWindow &w, PaintWatch &watch, QElapsedTimer &clock, int services, int endpoints, int frames)
{
    ChainView *view = w.chainView();
    ChainScene *scene = w.chainScene();
    QTreeView *tree = w.scenarioTree();
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(tree->model());
    auto *model = proxy ? qobject_cast<ScenarioTreeModel *>(proxy->sourceModel()) : nullptr;
    if (!model)
        return false;
    const Ruleset &rules = w.scenario()->nodes[size_t(w.currentNode())].rules;
    const KubeGen gen(genOptions(services, endpoints));
    const KubeGen::Service &svc = gen.services()[gen.services().size() / 2];
    struct Target
    {
        const char *label;
        QString filter;   // what the user types
        QString chain;
    };
    const std::vector<Target> targets = {
        {"KUBE-SVC", QString::fromUtf8(svc.name), QString::fromUtf8(svc.svcChain)},
        {"KUBE-SEP", QString::fromUtf8(svc.sepChains.front()), QString::fromUtf8(svc.sepChains.front())},
        {"KUBE-MARK-MASQ", QStringLiteral("KUBE-MARK-MASQ"), QStringLiteral("KUBE-MARK-MASQ")},
        {"KUBE-SERVICES", QStringLiteral("KUBE-SERVICES"), QStringLiteral("KUBE-SERVICES")},
        {"KUBE-POSTROUTING", QStringLiteral("KUBE-POSTROUTING"), QStringLiteral("KUBE-POSTROUTING")},
    };
    QImage image(view->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    QElapsedTimer t;
    for (const Target &target : targets) {
        const int chain = rules.table(TableId::Nat).chainIndex(target.chain.toStdString());
        if (chain < 0) {
            std::fprintf(stderr, "no chain %s\n", qPrintable(target.chain));
            return false;
        }
        // Type the name; the filter applies once typing pauses (150 ms), as in the window.
        QLineEdit *filter = w.filterEdit();
        filter->clear();
        t.start();
        while (!proxy->filterRegularExpression().pattern().isEmpty() && t.elapsed() < 60000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
        const QModelIndex source = model->chainIndex(w.currentNode(), TableId::Nat, chain);
        const QString applied = QRegularExpression::escape(target.filter);
        t.start();
        filter->setText(target.filter);
        while (proxy->filterRegularExpression().pattern() != applied && t.elapsed() < 60000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
        QCoreApplication::processEvents();
        const double filterMs = double(t.nsecsElapsed()) / 1e6;
        const QModelIndex item = proxy->mapFromSource(source);
        if (!item.isValid()) {
            std::fprintf(stderr, "%s not in the filtered tree\n", qPrintable(target.chain));
            return false;
        }
        tree->scrollTo(item);
        QCoreApplication::processEvents();
        const QPoint at = tree->visualRect(item).center();
        clock.start();
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, Qt::NoModifier, at);
        if (!waitForPaint(watch, view->viewport()))
            return false;
        const double openMs = watch.paintEnd;
        if (!scene->isShown(TableId::Nat, chain)) {
            std::fprintf(stderr, "%s not shown after the click\n", qPrintable(target.chain));
            return false;
        }
        int cards = 0, edges = 0, bundles = 0;
        for (ChainCard *c : scene->cards())
            cards += c->isVisible() ? 1 : 0;
        for (QGraphicsItem *item : scene->items())
            if (auto *e = qgraphicsitem_cast<EdgeItem *>(item)) {
                ++edges;
                bundles += e->isBundle() ? 1 : 0;
            }
        // Around the chain: right, down, left, up, 40 px a frame.
        QScrollBar *h = view->horizontalScrollBar();
        QScrollBar *v = view->verticalScrollBar();
        std::vector<double> ms;
        for (int i = 0; i < frames; ++i) {
            const int side = i * 4 / std::max(1, frames);
            t.start();
            if (side == 0 || side == 2)
                h->setValue(h->value() + (side == 0 ? 40 : -40));
            else
                v->setValue(v->value() + (side == 1 ? 40 : -40));
            image.fill(Qt::transparent);
            view->viewport()->render(&image);
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
            QCoreApplication::processEvents();
        }
        const Stats p = stats(ms);
        std::printf("CHAIN %s %d %.0f %.0f %.2f %.2f %.2f %.0f %.0f %d %d %d %.2f\n", target.label, services, filterMs,
                    openMs, p.mean, p.p95, p.max, statusMb("VmRSS"), statusMb("VmHWM"), cards, edges, bundles,
                    view->zoom());
        std::fflush(stdout);
    }
    return true;
}

int runOne(int services, int endpoints, const QString &dir, int frames)
{
    MainWindow w;
    w.setInteractive(false);
    w.resize(1600, 1000);
    w.show();
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 300)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);

    ChainView *view = w.chainView();
    PaintWatch watch;
    QElapsedTimer clock;
    watch.clock = &clock;
    view->viewport()->installEventFilter(&watch);
    double loadedMs = -1;
    bool failed = false;
    QObject::connect(&w, &MainWindow::scenarioLoaded, &w, [&] {
        loadedMs = double(clock.nsecsElapsed()) / 1e6;
        watch.armed = true;
    });
    QObject::connect(&w, &MainWindow::loadFailed, &w, [&](const QString &message) {
        std::fprintf(stderr, "load failed: %s\n", qPrintable(message));
        failed = true;
        QCoreApplication::exit(1);
    });
    QTimer::singleShot(120000, &w, [] {
        std::fprintf(stderr, "timeout waiting for the first frame\n");
        QCoreApplication::exit(2);
    });
    clock.start();
    w.openPaths({dir});
    if (QApplication::exec() != 0 || failed)
        return 1;
    const double rss = statusMb("VmRSS");
    const double hwm = statusMb("VmHWM");
    int items = int(w.chainScene()->items().size());

    view->fitAll();
    QCoreApplication::processEvents();
    const qreal fit = view->zoom();
    QImage image(view->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    auto frame = [&] {
        image.fill(Qt::transparent);
        view->viewport()->render(&image);
    };
    frame(); // warm the item caches at this scale once

    // Pan at fit: both scrollbars 40 px, turning back at either end. At fit one axis (or
    // both) may have no scroll range; the other is then still moved by 40 px a frame.
    QScrollBar *h = view->horizontalScrollBar();
    QScrollBar *v = view->verticalScrollBar();
    QElapsedTimer t;
    const auto panFrames = [&] {
        std::vector<double> ms;
        int dh = 40, dv = 40;
        for (int i = 0; i < frames; ++i) {
            t.start();
            if (h->value() + dh > h->maximum() || h->value() + dh < h->minimum())
                dh = -dh;
            if (v->value() + dv > v->maximum() || v->value() + dv < v->minimum())
                dv = -dv;
            h->setValue(h->value() + dh);
            v->setValue(v->value() + dv);
            frame();
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
            QCoreApplication::processEvents();
        }
        return ms;
    };
    const std::vector<double> pan = panFrames();
    const int hRange = h->maximum() - h->minimum();
    const int vRange = v->maximum() - v->minimum();

    // Pan at the zoom the window opens with (0.9, showInitialView), where rows are drawn in full.
    view->setZoom(0.9);
    QCoreApplication::processEvents();
    frame();
    const std::vector<double> panNear = panFrames();
    std::vector<double> zoom;

    view->fitAll();
    QCoreApplication::processEvents();
    frame();
    for (int i = 0; i < frames; ++i) {
        t.start();
        view->scale(i % 2 == 0 ? 1.05 : 0.95, i % 2 == 0 ? 1.05 : 0.95);
        frame();
        zoom.push_back(double(t.nsecsElapsed()) / 1e6);
        QCoreApplication::processEvents();
    }
    const Stats p = stats(pan), pn = stats(panNear), z = stats(zoom);
    std::printf("RESULT %d %.0f %.0f %.0f %.0f %.0f %.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f %d %.4f %d %d\n",
                services, loadedMs, watch.paintStart, watch.paintEnd, rss, hwm, p.mean, p.p95, p.max, z.mean, z.p95,
                z.max, pn.mean, pn.p95, pn.max, items, fit, hRange, vRange);
    std::fflush(stdout);
    return openChains(w, watch, clock, services, endpoints, frames) ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    // Decide the platform before QApplication exists: offscreen unless the caller chose one.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("chainscope-guibench"));
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption servicesOpt(QStringLiteral("services"), QStringLiteral("Comma-separated sizes."),
                                   QStringLiteral("list"), QStringLiteral("10000,30000"));
    QCommandLineOption framesOpt(QStringLiteral("frames"), QStringLiteral("Frames per pan/zoom run."),
                                 QStringLiteral("n"), QStringLiteral("60"));
    QCommandLineOption oneOpt(QStringLiteral("one"), QStringLiteral("Internal: measure one size."),
                              QStringLiteral("n"));
    QCommandLineOption endpointsOpt(QStringLiteral("endpoints"), QStringLiteral("Endpoints per service."),
                                    QStringLiteral("n"), QStringLiteral("3"));
    QCommandLineOption writeOpt(QStringLiteral("write"),
                                QStringLiteral("Only write the scenario of n services into dir (for perf record --one n dir)."),
                                QStringLiteral("n"));
    QCommandLineOption phasesOpt(QStringLiteral("phases"), QStringLiteral("Time the open's parts alone on dir."));
    parser.addOptions({servicesOpt, framesOpt, oneOpt, endpointsOpt, writeOpt, phasesOpt});
    parser.addPositionalArgument(QStringLiteral("dir"), QStringLiteral("Internal: scenario folder for --one."));
    parser.process(app);
    const int frames = parser.value(framesOpt).toInt();
    const int endpoints = parser.value(endpointsOpt).toInt();
    if (parser.isSet(writeOpt)) {
        const QString dir = parser.positionalArguments().value(0);
        return !dir.isEmpty() && QDir().mkpath(dir) && writeScenario(dir, parser.value(writeOpt).toInt(), endpoints) ? 0 : 1;
    }
    if (parser.isSet(phasesOpt))
        return runPhases(parser.positionalArguments().value(0));
    if (parser.isSet(oneOpt))
        return runOne(parser.value(oneOpt).toInt(), endpoints, parser.positionalArguments().value(0), frames);

    std::printf("%8s %9s %10s %8s %8s %18s %18s %18s %7s\n", "services", "open ms", "frame ms", "RSS MB",
                "HWM MB", "pan@fit mean/p95", "zoom@fit mean/p95", "pan@0.9 mean/p95", "items");
    for (const QString &s : parser.value(servicesOpt).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const int n = s.toInt();
        QTemporaryDir dir;
        if (!dir.isValid() || !writeScenario(dir.path(), n, endpoints)) {
            std::fprintf(stderr, "cannot write the scenario for %d services\n", n);
            return 1;
        }
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        // Own settings folder: no recent files or window state from a user's session.
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.path() + QStringLiteral("/config"));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--one"), QString::number(n), QStringLiteral("--frames"), QString::number(frames),
                     QStringLiteral("--endpoints"), QString::number(endpoints), dir.path()});
        if (!child.waitForFinished(600000) || child.exitCode() != 0) {
            std::fprintf(stderr, "child for %d services failed (exit %d)\n", n, child.exitCode());
            return 1;
        }
        const QList<QByteArray> out = child.readAllStandardOutput().split('\n');
        std::vector<QByteArray> chains;
        for (const QByteArray &line : out) {
            if (line.startsWith("CHAIN "))
                chains.push_back(line.mid(6));
            if (!line.startsWith("RESULT "))
                continue;
            const QList<QByteArray> f = line.mid(7).split(' ');
            if (f.size() < 19)
                continue;
            std::printf("%8s %9s %10s %8s %8s %18s %18s %18s %7s   (fit %s, scroll range %sx%s; paint began %s ms; "
                        "max pan/zoom/pan0.9 %s/%s/%s ms)\n",
                        f[0].constData(), f[1].constData(), f[3].constData(), f[4].constData(), f[5].constData(),
                        (f[6] + " / " + f[7]).constData(), (f[9] + " / " + f[10]).constData(),
                        (f[12] + " / " + f[13]).constData(), f[15].constData(), f[16].constData(),
                        f[17].constData(), f[18].constData(), f[2].constData(), f[8].constData(), f[11].constData(),
                        f[14].constData());
            std::fflush(stdout);
        }
        // The chains opened from the tree, each: filter, click to painted, pans around it.
        std::printf("%8s %-17s %9s %9s %22s %8s %8s %6s %6s %7s\n", "", "chain opened", "filter ms", "open ms",
                    "pan mean/p95/max ms", "RSS MB", "HWM MB", "cards", "edges", "bundles");
        for (const QByteArray &line : chains) {
            const QList<QByteArray> f = line.split(' ');
            if (f.size() < 13)
                continue;
            std::printf("%8s %-17s %9s %9s %22s %8s %8s %6s %6s %7s   (zoom %s)\n", f[1].constData(), f[0].constData(),
                        f[2].constData(), f[3].constData(), (f[4] + " / " + f[5] + " / " + f[6]).constData(),
                        f[7].constData(), f[8].constData(), f[9].constData(), f[10].constData(), f[11].constData(),
                        f[12].constData());
        }
        std::fflush(stdout);
    }
    return 0;
}
