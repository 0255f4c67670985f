#include "guitest.h"
#include "chaincard.h"
#include "text.h"
#include "chainscene.h"
#include "chainview.h"
#include "comparewindow.h"
#include "compareview.h"
#include "mainwindow.h"
#include "nftruleset.h"
#include "tracecontroller.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTextBrowser>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <memory>

using namespace chainscope;
using guitest::incidentPath;

namespace {
/** A kube-proxy dump: three services, endpoints and hashes chosen by the caller. */
QByteArray kubeDump(const QByteArray &hash, const QList<QByteArray> &endpoints)
{
    QByteArray out = "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                     ":POSTROUTING ACCEPT [0:0]\n:KUBE-SERVICES - [0:0]\n:KUBE-MARK-MASQ - [0:0]\n";
    const char *names[3] = {"web/front:http", "web/api:http", "kube-system/kube-dns:dns"};
    const char *ips[3] = {"10.96.0.20", "10.96.0.30", "10.96.0.10"};
    const char *ports[3] = {"80", "8080", "53"};
    for (int s = 0; s < 3; ++s)
        out += ":KUBE-SVC-" + hash + QByteArray::number(s) + " - [0:0]\n:KUBE-SEP-" + hash + QByteArray::number(s) + " - [0:0]\n";
    out += "-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\n"
           "-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES\n"
           "-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n";
    for (int s = 0; s < 3; ++s) {
        const QByteArray n = QByteArray::number(s);
        out += "-A KUBE-SERVICES -d " + QByteArray(ips[s]) + "/32 -p tcp -m comment --comment \"" + names[s]
               + " cluster IP\" -m tcp --dport " + ports[s] + " -j KUBE-SVC-" + hash + n + "\n";
        out += "-A KUBE-SVC-" + hash + n + " -m comment --comment \"" + names[s] + "\" -j KUBE-SEP-" + hash + n + "\n";
        out += "-A KUBE-SEP-" + hash + n + " -s " + endpoints[s] + "/32 -m comment --comment \"" + names[s]
               + "\" -j KUBE-MARK-MASQ\n";
        out += "-A KUBE-SEP-" + hash + n + " -p tcp -m comment --comment \"" + names[s] + "\" -m tcp -j DNAT --to-destination "
               + endpoints[s] + ":" + ports[s] + "\n";
    }
    out += "COMMIT\n";
    return out;
}

/** One node's filter table with counters, as `iptables-save -c` writes it. */
QByteArray snapshot(int accepted, int dropped, int logged, int policy)
{
    return "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [" + QByteArray::number(policy) + ":"
           + QByteArray::number(policy * 60) + "]\n:OUTPUT ACCEPT [0:0]\n"
           + "[" + QByteArray::number(logged) + ":" + QByteArray::number(logged * 60)
           + "] -A FORWARD -d 10.224.2.16/32 -j LOG --log-prefix \"fw \"\n"
           + "[" + QByteArray::number(accepted) + ":" + QByteArray::number(accepted * 100)
           + "] -A FORWARD -s 10.224.0.0/16 -j ACCEPT\n"
           + "[" + QByteArray::number(dropped) + ":" + QByteArray::number(dropped * 40)
           + "] -A FORWARD -p tcp --dport 23 -j DROP\nCOMMIT\n";
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString scenarioPath(const char *name)
{
    return QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/") + QLatin1String(name);
}

/** Copies a bundled scenario folder into `dir` (its files only). */
bool copyScenario(const char *name, const QString &dir)
{
    const QDir from(scenarioPath(name));
    for (const QString &f : from.entryList(QDir::Files))
        if (!QFile::copy(from.filePath(f), dir + QLatin1Char('/') + f))
            return false;
    return true;
}

/** The difference list's first column, row by row. */
QStringList kinds(QStandardItemModel *list)
{
    QStringList out;
    for (int r = 0; r < list->rowCount(); ++r)
        out << list->item(r, 0)->text();
    return out;
}
} // namespace

class TstCompare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void incidentDiffersExactlyWhereRulesDiffer();
    void generatedDumpsAlignEveryService();
    void snapshotsGiveSortedDeltas();
    void f8MovesBothGraphs();
    void selectionFollowsPairing();
    void hideIdenticalFoldsChainsAway();
    void samePacketBothSides();
    void mainWindowOpensCompare();
    void cliDiffAgreesWithWindow();
    void darkPaletteRecolours();
    void equalRulesSitSideBySide();
    void opensOnFirstDifferenceWithMainWindowsPacket();
    void mnemonicsDoNotClash();
    void nftNodesListTheirDifferences();
    void nftHashChangeIsNoDifference();
    void mixedNodeListsBothKinds();
    void nftSnapshotFromFile();
    void nftPathsPartOnBothSides();

private:
    /** A shown compare window on a scenario folder, `right` picked in the combo box as a user does. */
    void openScenario(const QString &path, const QString &right);
    /** A compare window on the incident, master left and node02 right. */
    void openIncident();
    void keepShot(const QString &name);

    QTemporaryDir m_settingsDir;
    std::optional<Scenario> m_scenario;
    std::unique_ptr<CompareWindow> m_window;
};

void TstCompare::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("chainscope-tests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
}

void TstCompare::cleanup()
{
    m_window.reset();
    m_scenario.reset();
}

void TstCompare::keepShot(const QString &name)
{
    QVERIFY(guitest::keepShot(m_window.get(), name));
}

void TstCompare::openIncident()
{
    std::vector<Diagnostic> diags;
    m_scenario = Scenario::load(incidentPath(), diags);
    QVERIFY(m_scenario);
    m_window = std::make_unique<CompareWindow>();
    m_window->resize(1600, 1000);
    m_window->setScenario(*m_scenario);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // Through the real combo boxes, as a user picks the nodes.
    QComboBox *right = m_window->rightNodeBox();
    const int node02 = right->findText(QStringLiteral("node02"));
    QVERIFY(node02 >= 0);
    right->setCurrentIndex(node02);
    Q_EMIT right->activated(node02);
    QCOMPARE(m_window->leftNodeBox()->currentText(), QStringLiteral("master"));
    QCOMPARE(m_window->compareView()->ruleset(CompareView::Right),
             &m_window->scenario()->nodes[size_t(m_window->scenario()->nodeIndex(QStringLiteral("node02")))].rules);
}

void TstCompare::incidentDiffersExactlyWhereRulesDiffer()
{
    openIncident();
    const Theme theme = Theme::fromPalette(m_window->palette());
    QStandardItemModel *list = m_window->differenceModel();
    // The changed RETURN in nat POSTROUTING and node02's three LOG rules; nothing else.
    QCOMPARE(list->rowCount(), 4);
    QCOMPARE(list->item(0, 0)->text(), QStringLiteral("changed"));
    QCOMPARE(list->item(0, 1)->text(), QStringLiteral("nat:POSTROUTING"));
    QVERIFY2(list->item(0, 2)->text().contains(QStringLiteral("! -s 10.244.0.0/16 -d 10.224.0.0/24 -j RETURN")),
             qPrintable(list->item(0, 2)->text()));
    QVERIFY2(list->item(0, 3)->text().contains(QStringLiteral("! -s 10.244.0.0/16 -d 10.224.2.0/24 -j RETURN")),
             qPrintable(list->item(0, 3)->text()));
    QVERIFY(theme.diffChanged.isValid());
    QCOMPARE(list->item(0, 0)->background().color(), theme.diffChanged);
    for (int r = 1; r < 4; ++r) {
        QCOMPARE(list->item(r, 0)->text(), QStringLiteral("only on node02"));
        QCOMPARE(list->item(r, 1)->text(), QStringLiteral("filter:FORWARD"));
        QVERIFY(list->item(r, 2)->text().isEmpty());
        QVERIFY2(list->item(r, 3)->text().contains(QStringLiteral("-j LOG")), qPrintable(list->item(r, 3)->text()));
        QCOMPARE(list->item(r, 0)->background().color(), theme.diffOnlyRight);
    }

    // The rows in the graphs: exactly those rows marked, in the right colours; no chain badge.
    CompareView *view = m_window->compareView();
    int marked[2] = {0, 0};
    for (int s = 0; s < 2; ++s) {
        const Ruleset &rs = *view->ruleset(CompareView::Side(s));
        for (ChainCard *card : view->scene(CompareView::Side(s))->cards()) {
            QVERIFY2(card->chainBadge().isEmpty(), qPrintable(card->chainName()));
            for (size_t r = 0; r < card->rows().size(); ++r) {
                const ChainCard::Row &row = card->rows()[r];
                if (!row.mark.isValid())
                    continue;
                ++marked[s];
                const Rule &rule = rs.table(card->table()).chains[size_t(card->chainIndex())].rules[r];
                if (card->table() == TableId::Nat) {
                    QCOMPARE(card->chainName(), QStringLiteral("POSTROUTING"));
                    QVERIFY(text::q(rule.text).contains(s == 0 ? QStringLiteral("10.224.0.0/24") : QStringLiteral("10.224.2.0/24")));
                    QCOMPARE(row.mark, theme.diffChanged);
                    QCOMPARE(row.markStripe, theme.diffChangedMark);
                } else {
                    QCOMPARE(s, 1);
                    QCOMPARE(card->chainName(), QStringLiteral("FORWARD"));
                    QCOMPARE(rule.target.kind, Target::Log);
                    QCOMPARE(row.mark, theme.diffOnlyRight);
                    QCOMPARE(row.markStripe, theme.diffOnlyRightMark);
                }
            }
        }
    }
    QCOMPARE(marked[0], 1);
    QCOMPARE(marked[1], 4);
    // Three distinct colours, in light and in dark.
    for (const Theme &t : {Theme::light(), Theme::dark()}) {
        QVERIFY(t.diffChanged != t.diffOnlyLeft && t.diffChanged != t.diffOnlyRight && t.diffOnlyLeft != t.diffOnlyRight);
        QVERIFY(t.diffChanged.isValid() && t.diffOnlyLeft.isValid() && t.diffOnlyRight.isValid());
    }
    keepShot(QStringLiteral("compare-incident"));
}

void TstCompare::generatedDumpsAlignEveryService()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString a = dir.filePath(QStringLiteral("a.rules"));
    const QString b = dir.filePath(QStringLiteral("b.rules"));
    QVERIFY(writeFile(a, kubeDump("AAAAAAAAAAAAAAA", {"10.244.1.5", "10.244.1.6", "10.244.1.7"})));
    QVERIFY(writeFile(b, kubeDump("ZZZZZZZZZZZZZZZ", {"10.244.2.5", "10.244.2.6", "10.244.1.7"})));
    std::vector<Diagnostic> diags;
    m_scenario = Scenario::fromFiles({a, b}, diags);
    QVERIFY(m_scenario);
    m_window = std::make_unique<CompareWindow>();
    m_window->setScenario(*m_scenario);
    m_window->compareNodes(0, 1);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    CompareView *view = m_window->compareView();
    const Ruleset &left = *view->ruleset(CompareView::Left);
    const Table &nat = left.table(TableId::Nat);
    int services = 0;
    for (int c = 0; c < int(nat.chains.size()); ++c) {
        const QString name = text::q(nat.chains[size_t(c)].name);
        if (!name.startsWith(QLatin1String("KUBE-SVC-")))
            continue;
        ++services;
        ChainCard *card = view->scene(CompareView::Left)->card(TableId::Nat, c);
        ChainCard *other = view->pairedCard(CompareView::Left, card);
        QVERIFY2(other, qPrintable(name));
        QVERIFY(other->chainName().startsWith(QLatin1String("KUBE-SVC-ZZZZ")));
        // Same service: the index in the generated name is the service's.
        QCOMPARE(other->chainName().right(1), name.right(1));
        QVERIFY(other->chainBadge().isEmpty());
    }
    QCOMPARE(services, 3);
    // KUBE-SERVICES jumps to differently named chains, yet its rules are the same rules; only
    // the two services whose endpoint moved differ (their KUBE-SVC rule enters another endpoint).
    QStringList differing;
    for (const CompareWindow::Entry &e : m_window->entries()) {
        const ChainPair &cp = m_window->diff().chains[size_t(e.pair)];
        QVERIFY2(cp.key != QLatin1String("KUBE-SERVICES"), qPrintable(cp.key));
        if (cp.key.startsWith(QLatin1String("service ")) && !differing.contains(cp.key))
            differing << cp.key;
    }
    differing.sort();
    QCOMPARE(differing, QStringList({QStringLiteral("service web/api:http"), QStringLiteral("service web/front:http")}));
    // The third service kept its endpoint: its endpoint chain pairs too; the two moved ones do not.
    const Theme theme = Theme::fromPalette(m_window->palette());
    int oneSided = 0;
    for (const ChainPair &cp : m_window->diff().chains) {
        if (cp.left >= 0 && cp.right >= 0)
            continue;
        ++oneSided;
        const CompareView::Side side = cp.left >= 0 ? CompareView::Left : CompareView::Right;
        ChainCard *card = view->scene(side)->card(cp.table, side == CompareView::Left ? cp.left : cp.right);
        QVERIFY(card->chainName().startsWith(QLatin1String("KUBE-SEP-")));
        QCOMPARE(card->chainBadge(), side == CompareView::Left ? QStringLiteral("only on a") : QStringLiteral("only on b"));
        QCOMPARE(card->markSummary(), side == CompareView::Left ? theme.diffOnlyLeftMark : theme.diffOnlyRightMark);
    }
    QCOMPARE(oneSided, 4);
    int chainRows = 0;
    for (const CompareWindow::Entry &e : m_window->entries())
        chainRows += e.kind == CompareWindow::Entry::ChainOnlyLeft || e.kind == CompareWindow::Entry::ChainOnlyRight ? 1 : 0;
    QCOMPARE(chainRows, 4);
}

void TstCompare::openScenario(const QString &path, const QString &rightNode)
{
    std::vector<Diagnostic> diags;
    m_scenario = Scenario::load(path, diags);
    QVERIFY(m_scenario);
    m_window = std::make_unique<CompareWindow>();
    m_window->setScenario(*m_scenario);
    m_window->show();
    m_window->resize(1600, 1000);
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QComboBox *right = m_window->rightNodeBox();
    const int index = right->findText(rightNode);
    QVERIFY(index >= 0);
    right->setCurrentIndex(index);
    Q_EMIT right->activated(index);
}

void TstCompare::snapshotsGiveSortedDeltas()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString before = dir.filePath(QStringLiteral("before.rules"));
    const QString after = dir.filePath(QStringLiteral("after.rules"));
    QVERIFY(writeFile(before, snapshot(100, 10, 7, 3)));
    QVERIFY(writeFile(after, snapshot(105, 60, 27, 3)));   // +5, +50, +20, policy +0
    std::vector<Diagnostic> diags;
    m_scenario = Scenario::fromFiles({before}, diags);
    QVERIFY(m_scenario);
    m_window = std::make_unique<CompareWindow>();
    m_window->setScenario(*m_scenario);
    m_window->compareNodes(0, 0);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QString error;
    QVERIFY2(m_window->compareWithFile(0, after, &error), qPrintable(error));
    QVERIFY(m_window->isSnapshot());
    QVERIFY(m_window->rightNodeBox()->currentText().contains(QStringLiteral("after.rules")));

    QStandardItemModel *deltas = m_window->deltaModel();
    QCOMPARE(deltas->rowCount(), 3);
    QCOMPARE(deltas->item(0, 0)->text(), QStringLiteral("+50"));
    QCOMPARE(deltas->item(0, 1)->text(), QStringLiteral("+2000"));
    QVERIFY(deltas->item(0, 3)->text().contains(QStringLiteral("--dport 23 -j DROP")));
    QCOMPARE(deltas->item(1, 0)->text(), QStringLiteral("+20"));
    QVERIFY(deltas->item(1, 3)->text().contains(QStringLiteral("-j LOG")));
    QCOMPARE(deltas->item(2, 0)->text(), QStringLiteral("+5"));
    QVERIFY(deltas->item(2, 3)->text().contains(QStringLiteral("-j ACCEPT")));
    // Same rules on both sides: no difference listed.
    QCOMPARE(m_window->differenceModel()->rowCount(), 0);

    // Enter on a row shows the rule in both graphs.
    QTreeView *table = m_window->deltaTable();
    table->setFocus();
    table->setCurrentIndex(deltas->index(0, 0));
    QTest::keyClick(table, Qt::Key_Return);
    CompareView *view = m_window->compareView();
    const Ruleset &right = *view->ruleset(CompareView::Right);
    const Ruleset &left = *view->ruleset(CompareView::Left);
    const int fwdR = right.table(TableId::Filter).chainIndex("FORWARD");
    const int fwdL = left.table(TableId::Filter).chainIndex("FORWARD");
    QCOMPARE(view->scene(CompareView::Right)->selectedRule(), right.table(TableId::Filter).chains[size_t(fwdR)].rules[2].id);
    QCOMPARE(view->scene(CompareView::Left)->selectedRule(), left.table(TableId::Filter).chains[size_t(fwdL)].rules[2].id);
    table->setCurrentIndex(deltas->index(1, 0));
    QCOMPARE(view->scene(CompareView::Right)->selectedRule(), right.table(TableId::Filter).chains[size_t(fwdR)].rules[0].id);
}

void TstCompare::f8MovesBothGraphs()
{
    openIncident();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    CompareView *view = m_window->compareView();
    const Ruleset &left = *view->ruleset(CompareView::Left);
    const Ruleset &right = *view->ruleset(CompareView::Right);
    const int postL = left.table(TableId::Nat).chainIndex("POSTROUTING");
    const int postR = right.table(TableId::Nat).chainIndex("POSTROUTING");
    const int fwdL = left.table(TableId::Filter).chainIndex("FORWARD");
    const int fwdR = right.table(TableId::Filter).chainIndex("FORWARD");
    m_window->compareView()->view(CompareView::Left)->setFocus();

    // The window opened on the first difference; F8 went on from there, F8 again wraps.
    QCOMPARE(int(m_window->entries().size()), 4);
    QTRY_COMPARE(m_window->differenceList()->currentIndex().row(), 0);
    QTest::keyClick(m_window.get(), Qt::Key_F8);
    QCOMPARE(m_window->differenceList()->currentIndex().row(), 1);
    QTest::keyClick(m_window.get(), Qt::Key_F8, Qt::ShiftModifier);
    QCOMPARE(m_window->entries()[0].kind, CompareWindow::Entry::Rule);
    const RuleDiff &changed = m_window->diff().rules[size_t(m_window->entries()[0].rule)];
    QCOMPARE(view->scene(CompareView::Left)->selectedRule(),
             left.table(TableId::Nat).chains[size_t(postL)].rules[size_t(changed.left)].id);
    QCOMPARE(view->scene(CompareView::Right)->selectedRule(),
             right.table(TableId::Nat).chains[size_t(postR)].rules[size_t(changed.right)].id);
    QCOMPARE(m_window->differenceList()->currentIndex().row(), 0);
    // Both graphs show the row: inside each viewport, at the same height.
    for (int s = 0; s < 2; ++s) {
        ChainView *v = view->view(CompareView::Side(s));
        ChainScene *scene = view->scene(CompareView::Side(s));
        ChainCard *card = scene->cardForRule(scene->selectedRule());
        QVERIFY(card);
        const QRectF row = card->mapRectToScene(card->rowRect(card->rowOfRule(scene->selectedRule())));
        QVERIFY(v->mapToScene(v->viewport()->rect()).boundingRect().contains(row.center()));
    }

    QTest::keyClick(m_window.get(), Qt::Key_F8);
    QCOMPARE(m_window->differenceList()->currentIndex().row(), 1);
    const RuleDiff &log = m_window->diff().rules[size_t(m_window->entries()[1].rule)];
    QCOMPARE(log.kind, RuleDiff::OnlyRight);
    QCOMPARE(view->scene(CompareView::Right)->selectedRule(),
             right.table(TableId::Filter).chains[size_t(fwdR)].rules[size_t(log.right)].id);
    // The left side has no such rule: its FORWARD chain is selected instead.
    QCOMPARE(view->scene(CompareView::Left)->selectedRule(), 0u);
    QVERIFY(view->scene(CompareView::Left)->card(TableId::Filter, fwdL)->isSelected());

    QTest::keyClick(m_window.get(), Qt::Key_F8, Qt::ShiftModifier);
    QCOMPARE(m_window->differenceList()->currentIndex().row(), 0);
    QCOMPARE(view->scene(CompareView::Right)->selectedRule(),
             right.table(TableId::Nat).chains[size_t(postR)].rules[size_t(changed.right)].id);

    // Up/Down in the list moves both graphs too.
    m_window->differenceList()->setFocus();
    QTest::keyClick(m_window->differenceList(), Qt::Key_Down);
    QCOMPARE(m_window->differenceList()->currentIndex().row(), 1);
    QCOMPARE(view->scene(CompareView::Right)->selectedRule(),
             right.table(TableId::Filter).chains[size_t(fwdR)].rules[size_t(log.right)].id);
    // Zoom is kept in step.
    view->view(CompareView::Left)->setZoom(0.5);
    QCOMPARE(view->view(CompareView::Right)->zoom(), 0.5);
}

void TstCompare::selectionFollowsPairing()
{
    openIncident();
    CompareView *view = m_window->compareView();
    const Ruleset &left = *view->ruleset(CompareView::Left);
    const Ruleset &right = *view->ruleset(CompareView::Right);
    // Click master's KUBE-FORWARD first rule; node02's paired rule is selected.
    const int kfL = left.table(TableId::Filter).chainIndex("KUBE-FORWARD");
    const int kfR = right.table(TableId::Filter).chainIndex("KUBE-FORWARD");
    ChainCard *card = view->scene(CompareView::Left)->card(TableId::Filter, kfL);
    QVERIFY(card);
    view->showRules(TableId::Filter, kfL, 0, kfR, 0);
    ChainView *lv = view->view(CompareView::Left);
    const QPoint at = lv->mapFromScene(card->mapToScene(card->rowRect(1).center()));
    QTest::mouseClick(lv->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(view->scene(CompareView::Left)->selectedRule(), left.table(TableId::Filter).chains[size_t(kfL)].rules[1].id);
    QCOMPARE(view->scene(CompareView::Right)->selectedRule(), right.table(TableId::Filter).chains[size_t(kfR)].rules[1].id);
}

void TstCompare::hideIdenticalFoldsChainsAway()
{
    openIncident();
    CompareView *view = m_window->compareView();
    const Ruleset &left = *view->ruleset(CompareView::Left);
    const int kf = left.table(TableId::Filter).chainIndex("KUBE-FORWARD");
    ChainCard *card = view->scene(CompareView::Left)->card(TableId::Filter, kf);
    QVERIFY(card->isVisible());
    m_window->activateWindow();
    m_window->hideIdenticalAction()->trigger();
    QVERIFY(view->hideIdentical());
    QVERIFY(!card->isVisible());
    // Chains with a difference stay.
    const int fwd = left.table(TableId::Filter).chainIndex("FORWARD");
    QVERIFY(view->scene(CompareView::Left)->card(TableId::Filter, fwd)->isVisible());
    m_window->hideIdenticalAction()->trigger();
    QVERIFY(card->isVisible());
}

void TstCompare::samePacketBothSides()
{
    openIncident();
    m_window->fromIfaceEdit()->setText(QStringLiteral("flannel.1"));
    m_window->srcEdit()->setText(QStringLiteral("10.224.1.0"));
    m_window->dstEdit()->setText(QStringLiteral("10.224.2.16"));
    m_window->protoBox()->setCurrentText(QStringLiteral("tcp"));
    m_window->dportBox()->setValue(80);
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_Return, Qt::ControlModifier);

    const CompareWindow::PathSplit &split = m_window->pathSplit();
    QVERIFY(split.traced);
    QVERIFY(split.diverged);
    // Both take FORWARD's first rule; then node02 meets its LOG rule where master jumps to
    // KUBE-SERVICES; both end at FORWARD's DROP policy.
    const Branch &lb = m_window->leftTrace().branches.front();
    const Branch &rb = m_window->rightTrace().branches.front();
    const Step &ls = lb.steps[size_t(split.leftStep)];
    const Step &rs = rb.steps[size_t(split.rightStep)];
    CompareView *view = m_window->compareView();
    const Ruleset &left = *view->ruleset(CompareView::Left);
    const Ruleset &right = *view->ruleset(CompareView::Right);
    QCOMPARE(ls.table, TableId::Filter);
    QCOMPARE(rs.table, TableId::Filter);
    QCOMPARE(text::q(left.table(TableId::Filter).chains[size_t(ls.chain)].name), QStringLiteral("FORWARD"));
    QCOMPARE(text::q(right.table(TableId::Filter).chains[size_t(rs.chain)].name), QStringLiteral("FORWARD"));
    QCOMPARE(ls.rule, 1);
    QCOMPARE(rs.rule, 1);
    QCOMPARE(right.table(TableId::Filter).chains[size_t(rs.chain)].rules[1].target.kind, Target::Log);
    QVERIFY2(split.leftLine.contains(QStringLiteral("KUBE-SERVICES")), qPrintable(split.leftLine));
    QVERIFY2(split.rightLine.contains(QStringLiteral("LOG")), qPrintable(split.rightLine));
    QVERIFY2(split.leftVerdict.contains(QStringLiteral("policy")), qPrintable(split.leftVerdict));
    QVERIFY2(split.rightVerdict.contains(QStringLiteral("policy")), qPrintable(split.rightVerdict));
    const QString shown = m_window->traceResult()->text();
    QVERIFY(shown.contains(QStringLiteral("node02")) && shown.contains(QStringLiteral("master")));
    // The step is highlighted and selected in both graphs.
    const Theme theme = Theme::fromPalette(m_window->palette());
    ChainCard *lc = view->scene(CompareView::Left)->card(TableId::Filter, ls.chain);
    ChainCard *rc = view->scene(CompareView::Right)->card(TableId::Filter, rs.chain);
    QCOMPARE(lc->rows()[1].markStripe, theme.diffDiverge);
    QCOMPARE(rc->rows()[1].markStripe, theme.diffDiverge);
    QCOMPARE(view->scene(CompareView::Left)->selectedRule(), left.table(TableId::Filter).chains[size_t(ls.chain)].rules[1].id);
    QCOMPARE(view->scene(CompareView::Right)->selectedRule(), right.table(TableId::Filter).chains[size_t(rs.chain)].rules[1].id);
    // Sent by each node itself to the pod on node01: the paths part at nat POSTROUTING's changed
    // RETURN rule. The highlight moves there and the LOG row gets its only-right colour back.
    m_window->fromIfaceEdit()->clear();
    m_window->srcEdit()->clear();
    m_window->dstEdit()->setText(QStringLiteral("10.224.1.14"));
    m_window->traceBoth();
    QCOMPARE(rc->rows()[1].markStripe, theme.diffOnlyRightMark);
    QVERIFY(m_window->pathSplit().diverged);
    const Step &l2 = m_window->leftTrace().branches.front().steps[size_t(m_window->pathSplit().leftStep)];
    QCOMPARE(l2.table, TableId::Nat);
    QCOMPARE(text::q(left.table(TableId::Nat).chains[size_t(l2.chain)].name), QStringLiteral("POSTROUTING"));
    QVERIFY2(m_window->pathSplit().leftLine.contains(QStringLiteral("POSTROUTING")), qPrintable(m_window->pathSplit().leftLine));
    QCOMPARE(view->scene(CompareView::Left)->card(TableId::Nat, l2.chain)->rows()[size_t(l2.rule)].markStripe, theme.diffDiverge);
    keepShot(QStringLiteral("compare-packet"));
}

void TstCompare::mainWindowOpensCompare()
{
    const auto window = guitest::shownWindow(1400, 900);
    QVERIFY(window);
    MainWindow &main = *window;
    QVERIFY(guitest::openAndWait(main, {incidentPath()}));
    QApplication::setActiveWindow(&main);
    QVERIFY(QTest::qWaitForWindowActive(&main));
    QTest::keyClick(&main, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(main.compareWindow());
    QVERIFY(main.compareWindow()->isVisible());
    QCOMPARE(main.compareWindow()->leftNodeBox()->currentText(), QStringLiteral("master"));
    QCOMPARE(main.compareWindow()->rightNodeBox()->currentText(), QStringLiteral("node01"));
}

void TstCompare::cliDiffAgreesWithWindow()
{
    // chainscope-cli diff is a contract (DESIGN.md): same pairing, same count, JSON unchanged.
    QProcess cli;
    cli.start(QStringLiteral(CHAINSCOPE_CLI),
              {QStringLiteral("diff"), incidentPath() + QStringLiteral(":master"), incidentPath() + QStringLiteral(":node02"),
               QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 0);
    const QJsonObject o = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    QCOMPARE(o.value(QStringLiteral("differences")).toInt(), 4);
    const QJsonArray rules = o.value(QStringLiteral("rules")).toArray();
    QCOMPARE(rules.size(), 4);
    QCOMPARE(rules.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("changed"));
    QCOMPARE(rules.at(0).toObject().value(QStringLiteral("chain")).toString(), QStringLiteral("nat:POSTROUTING"));
    for (int i = 1; i < 4; ++i)
        QCOMPARE(rules.at(i).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("only-right"));
    QVERIFY(o.value(QStringLiteral("chains")).toArray().isEmpty());

    openIncident();
    QCOMPARE(int(m_window->entries().size()), o.value(QStringLiteral("differences")).toInt());
    QCOMPARE(m_window->diff().differences(), 4);
}

void TstCompare::darkPaletteRecolours()
{
    openIncident();
    QPalette dark = m_window->palette();
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    m_window->setPalette(dark);
    CompareView *view = m_window->compareView();
    const Ruleset &left = *view->ruleset(CompareView::Left);
    const int post = left.table(TableId::Nat).chainIndex("POSTROUTING");
    ChainCard *card = view->scene(CompareView::Left)->card(TableId::Nat, post);
    const RuleDiff &changed = m_window->diff().rules[size_t(m_window->entries()[0].rule)];
    QCOMPARE(card->rows()[size_t(changed.left)].mark, Theme::dark().diffChanged);
    QCOMPARE(m_window->differenceModel()->item(0, 0)->background().color(), Theme::dark().diffChanged);
    keepShot(QStringLiteral("compare-dark"));
}

void TstCompare::equalRulesSitSideBySide()
{
    openIncident();
    CompareView *view = m_window->compareView();
    const Ruleset &left = *view->ruleset(CompareView::Left);
    const Ruleset &right = *view->ruleset(CompareView::Right);
    const int fwdL = left.table(TableId::Filter).chainIndex("FORWARD");
    const int fwdR = right.table(TableId::Filter).chainIndex("FORWARD");
    const int pair = view->pairOf(CompareView::Left, TableId::Filter, fwdL);
    QVERIFY(pair >= 0);
    ChainCard *lc = view->scene(CompareView::Left)->card(TableId::Filter, fwdL);
    ChainCard *rc = view->scene(CompareView::Right)->card(TableId::Filter, fwdR);
    QVERIFY(lc && rc);
    // node02 has three LOG rules more: master's card gets three gap rows, and both are as tall.
    QCOMPARE(rc->rowCount(), lc->rowCount() + 3);
    QCOMPARE(lc->slotCount(), rc->rowCount());
    QCOMPARE(rc->slotCount(), rc->rowCount());
    QCOMPARE(lc->height(), rc->height());
    int same = 0, logs = 0;
    for (const RuleDiff &d : m_window->diff().rules) {
        if (d.pair != pair)
            continue;
        if (d.kind == RuleDiff::Same) {
            ++same;
            QCOMPARE(lc->rowRect(d.left).top(), rc->rowRect(d.right).top());
            QCOMPARE(lc->mapToScene(lc->rowRect(d.left).topLeft()).y(), rc->mapToScene(rc->rowRect(d.right).topLeft()).y());
        } else {
            QCOMPARE(d.kind, RuleDiff::OnlyRight);
            QCOMPARE(right.table(TableId::Filter).chains[size_t(fwdR)].rules[size_t(d.right)].target.kind, Target::Log);
            ++logs;
            // Facing the LOG row: a gap on master's side, no rule there.
            const qreal y = rc->rowRect(d.right).center().y();
            QCOMPARE(lc->rowAt(y), -1);
            QCOMPARE(lc->ruleIdAt(QPointF(100, y)), 0u);
        }
    }
    QCOMPARE(logs, 3);
    QCOMPARE(same, lc->ruleCount());
    QCOMPARE(lc->rowRect(lc->policyRow()).top(), rc->rowRect(rc->policyRow()).top());
    // Rows after a gap still answer for their own rule (clicks, hover, selection).
    const Chain &masterForward = left.table(TableId::Filter).chains[size_t(fwdL)];
    const quint32 lastId = masterForward.rules.back().id;
    QCOMPARE(lc->ruleIdAt(lc->rowRect(lc->rowOfRule(lastId)).center()), lastId);

    // On screen: the chain shown in both graphs, equal rules at the same height in both viewports.
    QVERIFY(m_window->showChain(QStringLiteral("filter:FORWARD")));
    ChainView *lv = view->view(CompareView::Left);
    ChainView *rv = view->view(CompareView::Right);
    int seen = 0;
    for (const RuleDiff &d : m_window->diff().rules) {
        if (d.pair != pair || d.kind != RuleDiff::Same)
            continue;
        const QPoint lp = lv->mapFromScene(lc->mapToScene(lc->rowRect(d.left).center()));
        const QPoint rp = rv->mapFromScene(rc->mapToScene(rc->rowRect(d.right).center()));
        if (!lv->viewport()->rect().contains(lp) || !rv->viewport()->rect().contains(rp))
            continue;
        ++seen;
        QVERIFY2(qAbs(lp.y() - rp.y()) <= 1, qPrintable(QStringLiteral("rule %1: y %2 vs %3").arg(d.left).arg(lp.y()).arg(rp.y())));
    }
    QVERIFY(seen >= 3);
    keepShot(QStringLiteral("compare-aligned"));
}

void TstCompare::opensOnFirstDifferenceWithMainWindowsPacket()
{
    const auto window = guitest::shownWindow(1400, 900);
    QVERIFY(window);
    MainWindow &main = *window;
    QVERIFY(guitest::openAndWait(main, {incidentPath()}));
    TraceController::Script script;
    script.preset = QStringLiteral("curl the ClusterIP from master");
    QString error;
    QVERIFY2(main.traceController()->runScript(script, error), qPrintable(error));
    const PacketSpec traced = main.traceController()->trace().packet;
    // The trace stands on node02 (the branch shown first); compare from node01 against it.
    main.setCurrentNode(main.scenario()->nodeIndex(QStringLiteral("node01")));
    QApplication::setActiveWindow(&main);
    QVERIFY(QTest::qWaitForWindowActive(&main));
    QTest::keyClick(&main, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    CompareWindow *compare = main.compareWindow();
    QVERIFY(compare);
    QVERIFY(QTest::qWaitForWindowExposed(compare));
    // The packet form starts with the main window's packet (its preset, its fields).
    QCOMPARE(compare->presetBox()->currentText(), script.preset);
    QCOMPARE(compare->dstEdit()->text(), traced.dst.toString());
    QCOMPARE(compare->dportBox()->value(), int(traced.dport));
    QCOMPARE(compare->protoBox()->currentText(), QStringLiteral("tcp"));
    QCOMPARE(compare->fromIfaceEdit()->text(), traced.inIface);

    // Against node02, picked in the combo box: the window stands on the first difference.
    compare->resize(1600, 1000);   // the offscreen screen is 800x600: the window fits itself to it
    QComboBox *right = compare->rightNodeBox();
    const int node02 = right->findText(QStringLiteral("node02"));
    right->setCurrentIndex(node02);
    Q_EMIT right->activated(node02);
    QVERIFY(!compare->entries().empty());
    QTRY_COMPARE(compare->differenceList()->currentIndex().row(), 0);
    CompareView *view = compare->compareView();
    const RuleDiff &first = compare->diff().rules[size_t(compare->entries().front().rule)];
    for (int s = 0; s < 2; ++s) {
        ChainView *v = view->view(CompareView::Side(s));
        ChainScene *scene = view->scene(CompareView::Side(s));
        QVERIFY(scene->selectedRule() != 0);
        ChainCard *card = scene->cardForRule(scene->selectedRule());
        QVERIFY(card);
        QCOMPARE(card->rowOfRule(scene->selectedRule()), s == 0 ? first.left : first.right);
        const QPoint at = v->mapFromScene(card->mapToScene(card->rowRect(card->rowOfRule(scene->selectedRule())).center()));
        QVERIFY2(v->viewport()->rect().contains(at), qPrintable(QStringLiteral("side %1 at %2,%3").arg(s).arg(at.x()).arg(at.y())));
        QVERIFY2(v->zoom() >= 0.85, qPrintable(QString::number(v->zoom())));   // rows readable, not "fit all"
    }
    // Trace Both Sides goes from the same packet.
    QTest::keyClick(compare, Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(compare->pathSplit().traced);
}

QTEST_MAIN(TstCompare)
void TstCompare::mnemonicsDoNotClash()
{
    openIncident();
    QStringList clashes = guitest::mnemonicClashes(m_window.get()) + guitest::menuMnemonicClashes(m_window.get());
    clashes.removeDuplicates();
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QStringLiteral("; "))));
}

void TstCompare::nftNodesListTheirDifferences()
{
    // incident-nft: flannel's postrtg differs in three RETURN rules (each node's pod subnet),
    // kube-proxy's nodeport-ips in its one element. The nodes have no iptables rules at all.
    openScenario(scenarioPath("incident-nft"), QStringLiteral("node02"));
    QStandardItemModel *list = m_window->differenceModel();
    QCOMPARE(m_window->diff().differences(), 0);
    QCOMPARE(m_window->nftDiff().differences(), 5);
    QCOMPARE(kinds(list), QStringList({QStringLiteral("nft rule changed"), QStringLiteral("nft rule changed"),
                                       QStringLiteral("nft rule changed"), QStringLiteral("nft element only on master"),
                                       QStringLiteral("nft element only on node02")}));
    for (int r = 0; r < 3; ++r) {
        QCOMPARE(list->item(r, 1)->text(), QStringLiteral("ip flannel-ipv4 postrtg"));
        QVERIFY2(list->item(r, 2)->text().contains(QStringLiteral("10.224.0.0/24")), qPrintable(list->item(r, 2)->text()));
        QVERIFY2(list->item(r, 3)->text().contains(QStringLiteral("10.224.2.0/24")), qPrintable(list->item(r, 3)->text()));
    }
    QCOMPARE(list->item(0, 2)->text(), QStringLiteral("#2  ip saddr 10.224.0.0/24 ip daddr 10.224.0.0/16 return"));
    QCOMPARE(list->item(3, 1)->text(), QStringLiteral("ip kube-proxy nodeport-ips"));
    QCOMPARE(list->item(3, 2)->text(), QStringLiteral("192.168.56.10"));
    QVERIFY(list->item(3, 3)->text().isEmpty());
    QCOMPARE(list->item(4, 3)->text(), QStringLiteral("192.168.56.12"));
    const Theme theme = Theme::fromPalette(m_window->palette());
    QCOMPARE(list->item(0, 0)->background().color(), theme.diffChanged);
    QCOMPARE(list->item(3, 0)->background().color(), theme.diffOnlyLeft);
    QCOMPARE(list->item(4, 0)->background().color(), theme.diffOnlyRight);
    auto *summary = m_window->statusBar()->findChildren<QLabel *>().value(0);
    QVERIFY(summary);
    QVERIFY2(summary->text().contains(QStringLiteral("5 difference(s) (0 iptables, 5 nftables)")), qPrintable(summary->text()));

    // It opened on the first difference, with both sides' chain in the detail pane and both
    // graphs at flannel's postrtg card, its changed row marked, at a zoom where rows read.
    QTRY_COMPARE(m_window->differenceList()->currentIndex().row(), 0);
    for (int s = 0; s < 2; ++s) {
        const auto side = s == 0 ? CompareView::Left : CompareView::Right;
        ChainView *v = m_window->compareView()->view(side);
        QVERIFY2(v->zoom() >= 0.85, qPrintable(QString::number(v->zoom())));
        const nft::NftRuleset &n = *(s == 0 ? m_window->scenario()->nodes[size_t(m_window->leftNodeBox()->currentIndex())]
                                            : m_window->scenario()->nodes[size_t(m_window->rightNodeBox()->currentIndex())]).rules.nft;
        const int postrtg = n.chainIndex(n.tableIndex(QStringLiteral("ip flannel-ipv4")), QStringLiteral("postrtg"));
        ChainCard *card = m_window->compareView()->scene(side)->card(ChainCard::NftTable, postrtg);
        QVERIFY(card && card->isVisible());
        QVERIFY(v->mapToScene(v->viewport()->rect()).boundingRect().intersects(card->sceneBoundingRect()));
        bool marked = false;
        for (const ChainCard::Row &r : card->structureRows())
            marked = marked || r.markStripe == theme.diffChangedMark;
        QVERIFY(marked);
    }
    QTextBrowser *detail = m_window->detailPane();
    QVERIFY(detail->isVisible());
    QString shown = detail->toPlainText();
    QVERIFY2(shown.contains(QStringLiteral("chain postrtg {")) && shown.contains(QStringLiteral("type nat hook postrouting")),
             qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("ip saddr 10.224.0.0/24 ip daddr 10.224.0.0/16 return")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("ip saddr 10.224.2.0/24 ip daddr 10.224.0.0/16 return")), qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("master (left)")) && shown.contains(QStringLiteral("node02 (right)")));

    // F8 and Shift+F8 on the window walk the nft rows, wrapping at both ends.
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->compareView()->view(CompareView::Left)->setFocus();
    for (int r = 1; r < 5; ++r) {
        QTest::keyClick(m_window.get(), Qt::Key_F8);
        QCOMPARE(m_window->differenceList()->currentIndex().row(), r);
    }
    shown = detail->toPlainText();
    QVERIFY2(shown.contains(QStringLiteral("192.168.56.12")) && !shown.contains(QStringLiteral("192.168.56.10")), qPrintable(shown));
    QTest::keyClick(m_window.get(), Qt::Key_F8);
    QCOMPARE(m_window->differenceList()->currentIndex().row(), 0);
    QTest::keyClick(m_window.get(), Qt::Key_F8, Qt::ShiftModifier);
    QCOMPARE(m_window->differenceList()->currentIndex().row(), 4);
    QTest::keyClick(m_window.get(), Qt::Key_F8, Qt::ShiftModifier);
    QCOMPARE(m_window->differenceList()->currentIndex().row(), 3);
    QVERIFY2(detail->toPlainText().contains(QStringLiteral("192.168.56.10")), qPrintable(detail->toPlainText()));

    // The same count as chainscope-cli diff.
    QProcess cli;
    cli.start(QStringLiteral(CHAINSCOPE_CLI), {QStringLiteral("diff"), scenarioPath("incident-nft") + QStringLiteral(":master"),
                                               scenarioPath("incident-nft") + QStringLiteral(":node02"), QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(QJsonDocument::fromJson(cli.readAllStandardOutput()).object().value(QStringLiteral("differences")).toInt(),
             m_window->differences());
    keepShot(QStringLiteral("compare-nft"));
}

void TstCompare::nftHashChangeIsNoDifference()
{
    // node02's kube-proxy re-hashed every service chain (another cluster name): the chains pair
    // by what follows the hash, and only the real differences are listed.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(copyScenario("incident-nft", dir.path()));
    const QString node02 = dir.filePath(QStringLiteral("node02.nft"));
    QString text = QString::fromUtf8(readFile(node02));
    const QRegularExpression hash(QStringLiteral("((?:service|endpoint|external|local|firewall)-)([A-Z0-9]{8})-"));
    int renamed = 0;
    QString out;
    qsizetype at = 0;
    for (auto it = hash.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        // Another base32 hash (A-Z, 2-7, as kube-proxy's): each letter moved on by 5.
        static const QString base32 = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        QString rehashed;
        for (const QChar c : m.captured(2))
            rehashed += base32.at((base32.indexOf(c) + 5) % 32);
        QVERIFY(rehashed != m.captured(2));
        out += text.mid(at, m.capturedStart(2) - at) + rehashed;
        at = m.capturedEnd(2);
        ++renamed;
    }
    out += text.mid(at);
    QVERIFY2(renamed >= 6, qPrintable(QString::number(renamed)));
    QVERIFY(writeFile(node02, out.toUtf8()));
    openScenario(dir.path(), QStringLiteral("node02"));
    QCOMPARE(m_window->nftDiff().differences(), 5);
    for (const CompareWindow::Entry &e : m_window->entries())
        QVERIFY(e.kind == CompareWindow::Entry::NftRule || e.kind == CompareWindow::Entry::NftElement);
    QCOMPARE(int(m_window->entries().size()), 5);
    // One chain dropped on node02 is listed as such, named as nft names it.
    const QByteArray dropped = "\t\tip daddr 10.224.2.16 drop\n";
    const QByteArray withDrop = out.toUtf8().replace("chain postrtg {", "chain input-extra {\n" + dropped + "\t}\n\tchain postrtg {");
    QVERIFY(withDrop.contains("input-extra"));
    QVERIFY(writeFile(node02, withDrop));
    openScenario(dir.path(), QStringLiteral("node02"));
    // The chain, then its rule (as chainscope-cli diff lists them), then the five as before.
    QCOMPARE(int(m_window->entries().size()), 7);
    const QStringList k = kinds(m_window->differenceModel());
    QCOMPARE(k.at(0), QStringLiteral("nft chain only on node02"));
    QCOMPARE(k.count(QStringLiteral("nft rule only on node02")), 1);
    const int ruleRow = int(k.indexOf(QStringLiteral("nft rule only on node02")));
    QCOMPARE(m_window->differenceModel()->item(ruleRow, 1)->text(), QStringLiteral("ip flannel-ipv4 input-extra"));
    QCOMPARE(m_window->differenceModel()->item(ruleRow, 3)->text(), QStringLiteral("#1  ip daddr 10.224.2.16 drop"));
    QCOMPARE(m_window->differenceModel()->item(0, 1)->text(), QStringLiteral("ip flannel-ipv4 input-extra"));
    QCOMPARE(m_window->differenceModel()->item(0, 3)->text(), QStringLiteral("1 rule(s)"));
}

void TstCompare::mixedNodeListsBothKinds()
{
    // firewalld-mixed's host twice: iptables-legacy and firewalld's inet table on each; the second
    // host has one more legacy rule, a drop policy on filter_INPUT and no "iifname lo accept" there.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray legacy = readFile(scenarioPath("firewalld-mixed") + QStringLiteral("/host.legacy"));
    const QByteArray nftText = readFile(scenarioPath("firewalld-mixed") + QStringLiteral("/host.nft"));
    QVERIFY(legacy.contains("COMMIT") && nftText.contains("chain filter_INPUT {"));
    QByteArray legacyB = legacy;
    legacyB.replace("COMMIT", "-A INPUT -p tcp --dport 2049 -j ACCEPT\nCOMMIT");
    QByteArray nftB = nftText;
    const qsizetype input = nftB.indexOf("chain filter_INPUT {");
    const qsizetype policy = nftB.indexOf("policy accept;", input);
    nftB.replace(policy, 14, "policy drop;");
    const qsizetype lo = nftB.indexOf("\t\tiifname \"lo\" accept\n", input);
    QVERIFY(lo > input);
    nftB.remove(lo, qsizetype(strlen("\t\tiifname \"lo\" accept\n")));
    // and a table of its own (Docker's, written by hand as nft prints it)
    nftB += "table ip docker-extra {\n\tchain DOCKER-USER {\n\t\treturn\n\t}\n\tchain forward {\n"
            "\t\ttype filter hook forward priority filter; policy accept;\n\t\tjump DOCKER-USER\n\t}\n}\n";
    QVERIFY(writeFile(dir.filePath(QStringLiteral("a.legacy")), legacy) && writeFile(dir.filePath(QStringLiteral("a.nft")), nftText));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("b.legacy")), legacyB) && writeFile(dir.filePath(QStringLiteral("b.nft")), nftB));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("scenario.json")),
                      R"({"name": "two firewalld hosts", "nodes": [
                           {"name": "hostA", "rules": ["a.legacy", "a.nft"]},
                           {"name": "hostB", "rules": ["b.legacy", "b.nft"]}]})"));
    openScenario(dir.path(), QStringLiteral("hostB"));
    QStandardItemModel *list = m_window->differenceModel();
    QCOMPARE(kinds(list), QStringList({QStringLiteral("only on hostB"), QStringLiteral("nft table only on hostB"),
                                       QStringLiteral("nft chain declaration changed"), QStringLiteral("nft rule only on hostA")}));
    QCOMPARE(list->item(1, 1)->text(), QStringLiteral("ip docker-extra"));
    QCOMPARE(list->item(1, 2)->text(), QStringLiteral("(none)"));
    QCOMPARE(list->item(1, 3)->text(), QStringLiteral("2 chain(s), 2 rule(s), 0 set(s)"));
    QCOMPARE(list->item(0, 1)->text(), QStringLiteral("filter:INPUT"));
    QCOMPARE(list->item(2, 1)->text(), QStringLiteral("inet firewalld filter_INPUT"));
    QCOMPARE(list->item(2, 2)->text(), QStringLiteral("policy accept"));
    QCOMPARE(list->item(2, 3)->text(), QStringLiteral("policy drop"));
    QCOMPARE(list->item(3, 1)->text(), QStringLiteral("inet firewalld filter_INPUT"));
    QCOMPARE(list->item(3, 2)->text(), QStringLiteral("#3  iifname \"lo\" accept"));
    QCOMPARE(m_window->differences(), 4);
    // F8 from the iptables row goes on to the nft ones; the graphs keep the iptables one.
    QTRY_COMPARE(m_window->differenceList()->currentIndex().row(), 0);
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_F8);
    QCOMPARE(m_window->differenceList()->currentIndex().row(), 1);
    QVERIFY(m_window->detailPane()->toPlainText().contains(QStringLiteral("2 chain(s), 2 rule(s), 0 set(s)")));
    QTest::keyClick(m_window.get(), Qt::Key_F8);
    QCOMPARE(m_window->differenceList()->currentIndex().row(), 2);
    const QString shown = m_window->detailPane()->toPlainText();
    QVERIFY2(shown.contains(QStringLiteral("policy accept;")) && shown.contains(QStringLiteral("policy drop;")), qPrintable(shown));
    QTest::keyClick(m_window.get(), Qt::Key_F8);
    QCOMPARE(m_window->differenceList()->currentIndex().row(), 3);
}

void TstCompare::nftSnapshotFromFile()
{
    // master's nft listing, then a later one with 25 more NodePort addresses and kube-proxy's
    // services map missing one entry: a snapshot compare, elements capped as the CLI caps them.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray before = readFile(scenarioPath("incident-nft") + QStringLiteral("/master.nft"));
    QVERIFY(before.contains("elements = { 192.168.56.10 }"));
    QByteArray after = before;
    QByteArray more = "elements = { 192.168.56.10";
    for (int i = 0; i < 25; ++i)
        more += ", 192.168.57." + QByteArray::number(i + 1);
    after.replace("elements = { 192.168.56.10 }", more + " }");
    const QString beforePath = dir.filePath(QStringLiteral("before.nft"));
    const QString afterPath = dir.filePath(QStringLiteral("after.nft"));
    QVERIFY(writeFile(beforePath, before) && writeFile(afterPath, after));
    std::vector<Diagnostic> diags;
    m_scenario = Scenario::fromFiles({beforePath}, diags);
    QVERIFY(m_scenario);
    m_window = std::make_unique<CompareWindow>();
    m_window->setScenario(*m_scenario);
    m_window->compareNodes(0, 0);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->differenceModel()->rowCount(), 0);
    QString error;
    QVERIFY2(m_window->compareWithFile(0, afterPath, &error), qPrintable(error));
    QVERIFY(m_window->isSnapshot());
    QStandardItemModel *list = m_window->differenceModel();
    QCOMPARE(m_window->nftDiff().differences(), 25);
    QCOMPARE(list->rowCount(), 21);   // 20 listed, one row for the 5 left out
    for (int r = 0; r < 20; ++r) {
        QVERIFY(list->item(r, 0)->text().startsWith(QStringLiteral("nft element only on ")));
        QVERIFY(list->item(r, 0)->text().contains(QStringLiteral("after.nft")));
        QVERIFY2(list->item(r, 3)->text().startsWith(QStringLiteral("192.168.57.")), qPrintable(list->item(r, 3)->text()));
    }
    QCOMPARE(list->item(20, 0)->text(), QStringLiteral("nft elements not listed"));
    QCOMPARE(list->item(20, 2)->text(), QStringLiteral("... and 5 more element difference(s) (25 added, 0 removed, 0 changed in all)"));
    QTRY_COMPARE(m_window->differenceList()->currentIndex().row(), 0);
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_F8, Qt::ShiftModifier);
    QCOMPARE(m_window->differenceList()->currentIndex().row(), 20);
}

void TstCompare::nftPathsPartOnBothSides()
{
    // Sent by each node from 10.224.0.5 to a pod on node01: master's postrtg returns at its
    // second rule (its own subnet), node02's second rule names 10.224.2.0/24 and does not match.
    openScenario(scenarioPath("incident-nft"), QStringLiteral("node02"));
    m_window->srcEdit()->setText(QStringLiteral("10.224.0.5"));
    m_window->dstEdit()->setText(QStringLiteral("10.224.1.14"));
    m_window->protoBox()->setCurrentText(QStringLiteral("tcp"));
    m_window->dportBox()->setValue(80);
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_Return, Qt::ControlModifier);
    const CompareWindow::PathSplit &split = m_window->pathSplit();
    QVERIFY(split.traced);
    QVERIFY(split.diverged);
    QVERIFY(split.leftStep >= 0 && split.rightStep >= 0);
    const Step &ls = m_window->leftTrace().branches.front().steps[size_t(split.leftStep)];
    const Step &rs = m_window->rightTrace().branches.front().steps[size_t(split.rightStep)];
    QCOMPARE(ls.kind, Step::NftRule);
    QCOMPARE(rs.kind, Step::NftRule);
    QCOMPARE(ls.rule, 1);
    QCOMPARE(rs.rule, 1);
    QVERIFY(ls.matched);
    QVERIFY(!rs.matched);
    QVERIFY2(split.leftLine.contains(QStringLiteral("postrtg")) && split.leftLine.contains(QStringLiteral("10.224.0.0/24")),
             qPrintable(split.leftLine));
    QVERIFY2(split.rightLine.contains(QStringLiteral("postrtg")) && split.rightLine.contains(QStringLiteral("10.224.2.0/24")),
             qPrintable(split.rightLine));
    QVERIFY(m_window->traceResult()->text().contains(QStringLiteral("part at step")));
    // The kube-proxy service chains on the way (same on both) did not part them earlier.
    QCOMPARE(m_window->compareView()->scene(CompareView::Left)->selectedRule(), 0u);
    keepShot(QStringLiteral("compare-nft-path"));
}

#include "tst_compare.moc"
