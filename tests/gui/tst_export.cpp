// Notes, export and sessions through the real window: PNG/PDF exports, notes added, edited,
// moved and deleted with the mouse and keyboard on the undo stack, sessions saved and opened
// in a fresh window, damaged and newer files refused without changing anything.
#include "guitest.h"
#include "comparewindow.h"
#include "chaincard.h"
#include "chainscene.h"
#include "chainview.h"
#include "mainwindow.h"
#include "noteitem.h"
#include "noteset.h"
#include "sessioncontroller.h"
#include "sessionfile.h"
#include "traceanimator.h"
#include "tracecontroller.h"
#include "tracedocument.h"
#include "editcommands.h"
#include "whatif.h"
#include "theme.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QSettings>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QProcess>
#include <QScopeGuard>
#include <QComboBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

#include <memory>

using namespace chainscope;
using guitest::incidentPath;

namespace {
const char *const Preset = "curl the ClusterIP from master";

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** How many glyph runs (`Tj`) a PDF's Flate content streams show. */
int pdfTextRuns(const QByteArray &pdf)
{
    int runs = 0;
    for (qsizetype at = pdf.indexOf("stream\n"); at >= 0; at = pdf.indexOf("stream\n", at + 1)) {
        const qsizetype start = at + 7, end = pdf.indexOf("endstream", start);
        if (end < 0)
            break;
        QByteArray z = pdf.mid(start, end - start);
        const quint32 big = 64u << 20;   // qUncompress wants the size up front: an upper bound
        z.prepend(char(big & 0xff)).prepend(char((big >> 8) & 0xff)).prepend(char((big >> 16) & 0xff)).prepend(char(big >> 24));
        runs += int(qUncompress(z).count(" Tj"));
        at = end;
    }
    return runs;
}

} // namespace

class TstExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exportPngPdfSvg();
    void notesThroughWidgets();
    void sessionRoundTrip();
    void damagedSessionRefused();
    void newerSessionRefused();
    void compareSideBySide();
    void autosave();
    void sessionOpensLikeADocument();
    void restoredEditsAreUndoable();
    void exportRemembersItsFolder();
    void noteTextFitsItsBox();
    void pathFigureFromTheWindow();
    void lightExportsUnderADarkUi();
    void reportThroughTheMenuMatchesTheCli();

private:
    std::unique_ptr<MainWindow> openWindow();
    static void trace(MainWindow *w);
};

void TstExport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("chainscope-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_export"));
    QFile::remove(SessionController::autosavePath());
}

std::unique_ptr<MainWindow> TstExport::openWindow()
{
    auto w = guitest::shownWindow(1400, 900);
    if (!w || !guitest::openAndWait(*w, {incidentPath()}))
        return nullptr;
    return w;
}

void TstExport::trace(MainWindow *w)
{
    TraceController::Script script;
    script.preset = QString::fromLatin1(Preset);
    QString error;
    QVERIFY2(w->traceController()->runScript(script, error), qPrintable(error));
    QVERIFY(w->traceController()->hasTrace());
}

void TstExport::exportPngPdfSvg()
{
    auto w = openWindow();
    QVERIFY(w);
    trace(w.get());
    SessionController *s = w->sessionController();
    s->addNote(s->anchorForSelection(), QStringLiteral("exported note"));
    QTemporaryDir dir;
    QString error;

    const QString png = dir.filePath(QStringLiteral("graph.png"));
    QVERIFY2(s->exportTo(png, SessionController::Format::Png, SessionController::Scope::Graph, &error), qPrintable(error));
    QImage image(png);
    QVERIFY(!image.isNull());
    QSet<QRgb> colours;
    for (int y = 0; y < image.height() && colours.size() < 50; y += 7)
        for (int x = 0; x < image.width() && colours.size() < 50; x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 10, "the PNG is (nearly) one colour");

    const QString view = dir.filePath(QStringLiteral("view.png"));
    QVERIFY(s->exportTo(view, SessionController::Format::Png, SessionController::Scope::View, &error));
    QVERIFY(QImage(view).width() < image.width());

    const QString pdf = dir.filePath(QStringLiteral("graph.pdf"));
    QVERIFY2(s->exportTo(pdf, SessionController::Format::Pdf, SessionController::Scope::Graph, &error), qPrintable(error));
    const QByteArray pdfBytes = readAll(pdf);
    QVERIFY(pdfBytes.startsWith("%PDF"));
    QVERIFY(pdfBytes.size() > 20000);
    // Every card's rows are on the page (a PDF is read zoomed in), not the summaries a
    // screen shows at the page's scale: at least a glyph run per character of the targets.
    int targetChars = 0;
    for (ChainCard *c : w->chainScene()->cards())
        if (c->isVisible())
            for (const auto &row : c->rows())
                targetChars += int(row.target.size());
    QVERIFY(targetChars > 100);
    QVERIFY2(pdfTextRuns(pdfBytes) >= targetChars, qPrintable(QStringLiteral("%1 text runs, %2 characters of targets")
                                                                   .arg(pdfTextRuns(pdfBytes)).arg(targetChars)));

    const QString svg = dir.filePath(QStringLiteral("graph.svg"));
    QVERIFY(s->exportTo(svg, SessionController::Format::Svg, SessionController::Scope::Graph, &error));
    const QByteArray svgBytes = readAll(svg);
    QVERIFY(svgBytes.contains("exported note"));
    QVERIFY(svgBytes.contains("policy DROP"));
    QVERIFY(!svgBytes.contains("<image"));
    QXmlStreamReader xml(svgBytes);
    while (!xml.atEnd())
        xml.readNext();
    QVERIFY(!xml.hasError());

    // For a person to look at: CHAINSCOPE_KEEP_EXPORTS=DIR keeps the files.
    if (const QString keep = qEnvironmentVariable("CHAINSCOPE_KEEP_EXPORTS"); !keep.isEmpty())
        for (const QString &f : {png, view, pdf, svg}) {
            const QString to = QDir(keep).filePath(QStringLiteral("window-") + QFileInfo(f).fileName());
            QFile::remove(to);
            QFile::copy(f, to);
        }
}

void TstExport::notesThroughWidgets()
{
    auto w = openWindow();
    QVERIFY(w);
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    SessionController *s = w->sessionController();
    QUndoStack *undo = w->undoStack();
    ChainScene *scene = w->chainScene();
    ChainView *view = w->chainView();
    const int base = undo->count();

    // Select rule 3 of filter:FORWARD with a click, then Ctrl+Shift+N and type the note.
    const Ruleset &rs = w->scenario()->nodes[size_t(w->currentNode())].rules;
    const int fwd = rs.table(TableId::Filter).chainIndex("FORWARD");
    ChainCard *card = scene->card(TableId::Filter, fwd);
    QVERIFY(card);
    view->focusItem(card);
    const QPointF rowCentre = card->mapToScene(card->rowRect(2).center() - QPointF(100, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(rowCentre));
    QTRY_VERIFY(scene->selectedRule() != 0);
    bool answered = false;
    guitest::answerNoteDialog(QStringLiteral("node02 drops it"), &answered);
    QTest::keyClick(view, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(answered);
    QTRY_COMPARE(s->notes()->notes().size(), 1);
    const Note added = s->notes()->notes().front();
    QCOMPARE(added.text, QStringLiteral("node02 drops it"));
    QCOMPARE(added.anchor.kind, NoteAnchor::Rule);
    QCOMPARE(added.anchor.chain, QStringLiteral("FORWARD"));
    QCOMPARE(added.anchor.rule, 3);
    QCOMPARE(undo->count(), base + 1);
    NoteItem *item = s->noteItem(added.id);
    QVERIFY(item);
    // The leader line goes to rule 3's row.
    QVERIFY(qAbs(item->anchor().y() - card->mapToScene(card->rowRect(2).center()).y()) < 1);

    // Edit: double-click the note.
    answered = false;
    guitest::answerNoteDialog(QStringLiteral("FORWARD policy DROP"), &answered);
    view->ensureVisible(item);
    const QPoint boxPoint = view->mapFromScene(item->mapToScene(item->boxRect().center()));
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, boxPoint);
    QTRY_VERIFY(answered);
    QTRY_COMPARE(s->notes()->notes().front().text, QStringLiteral("FORWARD policy DROP"));
    QCOMPARE(undo->count(), base + 2);
    QCOMPARE(s->noteItem(added.id)->text(), QStringLiteral("FORWARD policy DROP"));

    // Move: drag the box by (60, 40) view pixels.
    item = s->noteItem(added.id);
    const QPointF offsetBefore = s->notes()->notes().front().offset;
    const QPoint from = view->mapFromScene(item->mapToScene(item->boxRect().center()));
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
    for (int i = 1; i <= 6; ++i)
        QTest::mouseMove(view->viewport(), from + QPoint(10 * i, 7 * i));
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, from + QPoint(60, 42));
    QTRY_COMPARE(undo->count(), base + 3);
    const QPointF moved = s->notes()->notes().front().offset - offsetBefore;
    QVERIFY2(moved.x() > 10 && moved.y() > 5, qPrintable(QStringLiteral("moved by %1,%2").arg(moved.x()).arg(moved.y())));
    QCOMPARE(s->notes()->notes().front().anchor, added.anchor);   // the anchor stays on the rule

    // Relayout (fold/unfold, a new ruleset): the note keeps its anchor.
    scene->setRuleset(scene->ruleset(), Theme::light());
    QTRY_VERIFY(s->noteItem(added.id));
    card = scene->card(TableId::Filter, fwd);
    QVERIFY(qAbs(s->noteItem(added.id)->anchor().y() - card->mapToScene(card->rowRect(2).center()).y()) < 1);

    // Delete: click the note (selects and focuses it), then the Delete key.
    w->activateWindow();   // back from the note dialogs
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    item = s->noteItem(added.id);
    const QPoint at = view->mapFromScene(item->mapToScene(item->boxRect().center()));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTRY_VERIFY(item->isSelected());
    QTRY_VERIFY(item->hasFocus());
    // The keyboard moves it too: Shift+Right, one command.
    const QPointF beforeKey = s->notes()->notes().front().offset;
    QTest::keyClick(view->viewport(), Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(s->notes()->notes().front().offset, beforeKey + QPointF(50, 0));
    QCOMPARE(undo->count(), base + 4);
    undo->undo();
    QCOMPARE(s->notes()->notes().front().offset, beforeKey);
    QTRY_VERIFY(s->noteItem(added.id) && s->noteItem(added.id)->hasFocus());
    QTest::keyClick(view->viewport(), Qt::Key_Delete);
    QTRY_COMPARE(s->notes()->notes().size(), 0);
    QCOMPARE(undo->count(), base + 4);
    QVERIFY(!s->noteItem(added.id));

    // Undo each step in turn.
    undo->undo();
    QCOMPARE(s->notes()->notes().size(), 1);
    QVERIFY(s->noteItem(added.id));
    undo->undo();
    QCOMPARE(s->notes()->notes().front().offset, offsetBefore);
    undo->undo();
    QCOMPARE(s->notes()->notes().front().text, QStringLiteral("node02 drops it"));
    undo->undo();
    QCOMPARE(s->notes()->notes().size(), 0);
    undo->redo();
    QCOMPARE(s->notes()->notes().front(), added);
}

void TstExport::sessionRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("incident.chainscope"));
    SessionData saved;
    {
        auto w = openWindow();
        QVERIFY(w);
        trace(w.get());
        TraceController *tc = w->traceController();
        Edit e;
        QString error;
        QVERIFY(WhatIf::parseInsert(QStringLiteral("node02:filter:FORWARD:1:-i flannel.1 -o cni0 -j ACCEPT"),
                                    tc->document()->original(), e, error));
        QVERIFY2(tc->submitEdit(e, &error), qPrintable(error));
        // Show and pin the branch to the endpoint on node01.
        const int b = tc->branchTo(*Address::parse("10.224.1.14"));
        if (b >= 0)
            tc->selectBranch(b);
        const int branchesBefore = int(tc->trace().branches.size());
        tc->pinCurrentBranch();
        SessionController *s = w->sessionController();
        s->addNote(s->anchorAt(w->chainScene()->card(TableId::Filter,
                       w->scenario()->nodes[size_t(w->currentNode())].rules.table(TableId::Filter).chainIndex("FORWARD"))
                       ->mapToScene(QPointF(200, ChainCard::TitleHeight + 5))), QStringLiteral("first rule"));
        NoteAnchor spot;
        spot.kind = NoteAnchor::Point;
        spot.node = w->scenario()->nodes[size_t(w->currentNode())].name;
        spot.point = QPointF(123, 456);
        s->addNote(spot, QStringLiteral("a spot"));
        w->setCurrentNode(2);
        w->chainView()->setZoom(0.6);
        w->chainView()->centerOn(QPointF(900, 300));
        QVERIFY(s->isDirty());
        QVERIFY2(s->saveSession(path, true, &error), qPrintable(error));
        QVERIFY(!s->isDirty());
        saved = s->currentSession();
        QVERIFY(saved.packet);
        QVERIFY(branchesBefore > 1);   // kube-proxy's random choice between two endpoints
        QVERIFY(int(tc->trace().branches.size()) < branchesBefore);
        QVERIFY(saved.pinned);
        QVERIFY(!saved.pins.isEmpty());
        QCOMPARE(saved.branchDst, QStringLiteral("10.224.1.14"));
        QCOMPARE(saved.notes.size(), 2);
        QCOMPARE(int(saved.edits.size()), 1);
    }
    const QByteArray text = readAll(path);
    QVERIFY(text.contains("\"format\": \"chainscope-session\""));
    QVERIFY(text.contains("\"embedded\": true"));
    QVERIFY(text.contains("scenario.json"));

    auto w2 = openWindow();   // a fresh window, on the same scenario by default
    QVERIFY(w2);
    SessionController *s2 = w2->sessionController();
    QSignalSpy restored(s2, &SessionController::sessionRestored);
    QString error;
    QVERIFY2(s2->openSession(path, &error), qPrintable(error));
    QVERIFY(restored.wait(30000));
    const SessionData again = s2->currentSession();
    QCOMPARE(int(again.edits.size()), 1);
    QVERIFY(sameEdit(again.edits.front(), saved.edits.front()));
    QCOMPARE(again.notes, saved.notes);
    QVERIFY(again.packet);
    QCOMPARE(again.packet->describe(), saved.packet->describe());
    QCOMPARE(again.packet->fromNode, saved.packet->fromNode);
    QCOMPARE(again.branchDst, saved.branchDst);
    QCOMPARE(again.pinned, saved.pinned);
    QCOMPARE(again.pins, saved.pins);
    QCOMPARE(again.viewNode, saved.viewNode);
    QVERIFY(qAbs(again.zoom - saved.zoom) < 1e-6);
    QVERIFY2(QLineF(again.centre, saved.centre).length() < 25, // scroll limits differ with the viewport's size
             qPrintable(QStringLiteral("centre %1,%2 != %3,%4").arg(again.centre.x()).arg(again.centre.y()).arg(saved.centre.x()).arg(saved.centre.y())));
    QVERIFY(!s2->isDirty());
    QCOMPARE(s2->sessionPath(), path);
    // The candidate is back in the rules, and the notes are on the graph of their node.
    QCOMPARE(w2->traceController()->document()->edits().size(), size_t(1));
}

void TstExport::damagedSessionRefused()
{
    QTemporaryDir dir;
    auto w = openWindow();
    QVERIFY(w);
    trace(w.get());
    SessionController *s = w->sessionController();
    s->addNote(s->anchorForSelection(), QStringLiteral("keep me"));
    const QString good = dir.filePath(QStringLiteral("good.chainscope"));
    QString error;
    QVERIFY(s->saveSession(good, false, &error));
    s->addNote(s->anchorForSelection(), QStringLiteral("unsaved"));

    const QByteArray full = readAll(good);
    const QString truncated = dir.filePath(QStringLiteral("truncated.chainscope"));
    {
        QFile f(truncated);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(full.left(full.size() / 2));
    }
    const QString mistyped = dir.filePath(QStringLiteral("mistyped.chainscope"));
    {
        QByteArray bad = full;
        bad.replace("\"dx\": ", "\"dx\": \"far\", \"was\": ");
        QFile f(mistyped);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bad);
    }
    const QList<Note> notesBefore = s->notes()->notes();
    const int undoBefore = w->undoStack()->count();
    const QString pathBefore = s->sessionPath();
    const QString describeBefore = w->traceController()->trace().packet.describe();
    for (const QString &file : {truncated, mistyped}) {
        const QByteArray bytes = readAll(file);
        QSignalSpy loaded(w.get(), &MainWindow::scenarioLoaded);
        QVERIFY(!s->openSession(file, &error));
        QVERIFY2(error.contains(file), qPrintable(error));
        if (file == truncated)
            QVERIFY2(error.contains(QRegularExpression(QStringLiteral(":\\d+:\\d+: "))), qPrintable(error));
        else
            QVERIFY2(error.contains(QLatin1String("notes[0].dx")), qPrintable(error));
        QTest::qWait(50);
        QCOMPARE(loaded.count(), 0);
        QCOMPARE(readAll(file), bytes);
        QCOMPARE(s->notes()->notes(), notesBefore);
        QCOMPARE(w->undoStack()->count(), undoBefore);
        QCOMPARE(s->sessionPath(), pathBefore);
        QCOMPARE(w->traceController()->trace().packet.describe(), describeBefore);
        QVERIFY(s->isDirty());
    }
    QCOMPARE(readAll(good), full);
}

void TstExport::newerSessionRefused()
{
    QTemporaryDir dir;
    auto w = openWindow();
    QVERIFY(w);
    SessionController *s = w->sessionController();
    const QString good = dir.filePath(QStringLiteral("v1.chainscope"));
    QString error;
    QVERIFY(s->saveSession(good, false, &error));
    QByteArray bytes = readAll(good);
    QVERIFY(bytes.contains("\"version\": 1"));
    bytes.replace("\"version\": 1", "\"version\": 2");
    const QString newer = dir.filePath(QStringLiteral("v2.chainscope"));
    {
        QFile f(newer);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    QVERIFY(!s->openSession(newer, &error));
    QVERIFY2(error.contains(newer) && error.contains(QLatin1String("newer")), qPrintable(error));
    QCOMPARE(readAll(newer), bytes);
}

void TstExport::compareSideBySide()
{
    auto w = openWindow();
    QVERIFY(w);
    SessionController *s = w->sessionController();
    QVERIFY(!s->canExportCompare());
    QVERIFY(w->showCompare(QStringLiteral("node01"), QStringLiteral("node02")));
    QTRY_VERIFY(s->canExportCompare());
    QTemporaryDir dir;
    const QString svg = dir.filePath(QStringLiteral("compare.svg"));
    QString error;
    QVERIFY2(s->exportTo(svg, SessionController::Format::Svg, SessionController::Scope::Compare, &error), qPrintable(error));
    const QByteArray bytes = readAll(svg);
    QVERIFY(bytes.contains("node01 (left)"));
    QVERIFY(bytes.contains("node02 (right)"));
    // Two whole graphs, each cut between its lanes into bands one under the other: a page,
    // not a 12000-pixel strip.
    QVERIFY(bytes.count("class=\"panel\"") > 2);
    QVERIFY(bytes.contains("node01 (left), part 1 of "));
    QVERIFY(bytes.contains("node02 (right), part 2 of "));
    const QString png = dir.filePath(QStringLiteral("compare.png"));
    QVERIFY(s->exportTo(png, SessionController::Format::Png, SessionController::Scope::Compare, &error));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY2(image.width() < 2 * image.height() && image.height() < 2 * image.width(),
             qPrintable(QStringLiteral("%1x%2").arg(image.width()).arg(image.height())));
}

void TstExport::autosave()
{
    auto w = openWindow();
    QVERIFY(w);
    SessionController *s = w->sessionController();
    QFile::remove(SessionController::autosavePath());
    s->setAutosaveInterval(50);
    QTest::qWait(200);
    QVERIFY(!QFile::exists(SessionController::autosavePath()));   // nothing unsaved, nothing written
    s->addNote(s->anchorForSelection(), QStringLiteral("survives a crash"));
    QTRY_VERIFY(QFile::exists(SessionController::autosavePath()));
    SessionData d;
    QString error;
    QVERIFY2(SessionFile::load(SessionController::autosavePath(), d, &error), qPrintable(error));
    QCOMPARE(d.notes.size(), 1);
    QCOMPARE(d.notes.front().text, QStringLiteral("survives a crash"));
    s->windowClosing();   // a clean close leaves nothing to offer
    QVERIFY(!QFile::exists(SessionController::autosavePath()));
}

namespace {
/** A session with one candidate rule and one note on the incident, saved (not embedded) to path. */
bool writeSession(const std::unique_ptr<MainWindow> &w, const QString &path, QString *error)
{
    TraceController *tc = w->traceController();
    Edit e;
    if (!WhatIf::parseInsert(QStringLiteral("node02:filter:DOCKER-USER:1:-i flannel.1 -o cni0 -j ACCEPT"),
                             tc->document()->original(), e, *error)
        || !tc->submitEdit(e, error))
        return false;
    SessionController *s = w->sessionController();
    s->addNote(s->anchorForSelection(), QStringLiteral("the fix"));
    return s->saveSession(path, false, error);
}
} // namespace

void TstExport::sessionOpensLikeADocument()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("work.chainscope"));
    {
        auto w = openWindow();
        QVERIFY(w);
        trace(w.get());
        QString error;
        QVERIFY2(writeSession(w, path, &error), qPrintable(error));
    }
    // What `chainscope work.chainscope` does: the paths go to openPaths(), which knows a session.
    auto w = guitest::shownWindow(1400, 900);
    QVERIFY(w);
    SessionController *s = w->sessionController();
    QSignalSpy restored(s, &SessionController::sessionRestored);
    QSignalSpy failed(w.get(), &MainWindow::loadFailed);
    w->openPaths({path});
    QVERIFY(restored.wait(30000));
    QCOMPARE(failed.count(), 0);
    QCOMPARE(s->sessionPath(), path);
    QCOMPARE(w->windowFilePath(), path);
    QVERIFY2(w->windowTitle().startsWith(QStringLiteral("work.chainscope[*] \u2014 ")), qPrintable(w->windowTitle()));
    QVERIFY(w->windowTitle().contains(w->scenario()->name));
    QVERIFY(!w->isWindowModified());
    QCOMPARE(w->traceController()->document()->edits().size(), size_t(1));
    QCOMPARE(s->notes()->notes().size(), 1);

    // Ctrl+Z takes the note back: unsaved; Ctrl+Shift+Z puts it back: saved again.
    w->activateWindow();
    w->chainView()->setFocus();
    QTest::keySequence(w.get(), QKeySequence(Qt::CTRL | Qt::Key_Z));
    QCOMPARE(s->notes()->notes().size(), 0);
    QVERIFY(w->isWindowModified());
    QVERIFY(s->isDirty());
    w->undoStack()->redo();
    QVERIFY(!w->isWindowModified());
    // A new edit marks it; Ctrl+S saves to the same file (no dialog) and clears the mark.
    s->addNote(s->anchorForSelection(), QStringLiteral("second thought"));
    QVERIFY(w->isWindowModified());
    QTest::keySequence(w.get(), QKeySequence::Save);
    QVERIFY(!w->isWindowModified());
    QVERIFY(!s->isDirty());
    QCOMPARE(s->sessionPath(), path);
    SessionData saved;
    QString error;
    QVERIFY2(SessionFile::load(path, saved, &error), qPrintable(error));
    QCOMPARE(saved.notes.size(), 2);

    // A file that is not a session is still refused as a dump, and a session by content is known.
    QVERIFY(SessionFile::isSession(path));
    QVERIFY(!SessionFile::isSession(incidentPath() + QStringLiteral("/master.rules")));
    const QString noSuffix = dir.filePath(QStringLiteral("work-copy"));
    QVERIFY(QFile::copy(path, noSuffix));
    QVERIFY(SessionFile::isSession(noSuffix));
}

void TstExport::restoredEditsAreUndoable()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("undo.chainscope"));
    QByteArray bytes;
    {
        auto w = openWindow();
        QVERIFY(w);
        trace(w.get());
        QString error;
        QVERIFY2(writeSession(w, path, &error), qPrintable(error));
        bytes = readAll(path);
    }
    for (const bool fromAutosave : {false, true}) {
        QString file = path;
        if (fromAutosave) {
            file = SessionController::autosavePath();
            QDir().mkpath(QFileInfo(file).absolutePath());
            QFile::remove(file);
            QVERIFY(QFile::copy(path, file));
        }
        auto w = guitest::shownWindow(1400, 900);
        QVERIFY(w);
        SessionController *s = w->sessionController();
        QSignalSpy restored(s, &SessionController::sessionRestored);
        QString error;
        QVERIFY2(s->openSession(file, &error), qPrintable(error));
        QVERIFY(restored.wait(30000));
        TraceDocument *doc = w->traceController()->document();
        QCOMPARE(doc->edits().size(), size_t(1));
        QCOMPARE(s->notes()->notes().size(), 1);
        // The candidate and the note are commands on the stack, as if made now.
        QCOMPARE(w->undoStack()->count(), 2);
        // From a file: saved; from an autosave: never saved, so unsaved (and no file name).
        QCOMPARE(w->isWindowModified(), fromAutosave);
        QCOMPARE(s->sessionPath().isEmpty(), fromAutosave);
        w->activateWindow();
        w->chainView()->setFocus();
        QTest::keySequence(w.get(), QKeySequence(Qt::CTRL | Qt::Key_Z));
        QTest::keySequence(w.get(), QKeySequence(Qt::CTRL | Qt::Key_Z));
        QCOMPARE(s->notes()->notes().size(), 0);
        QCOMPARE(doc->edits().size(), size_t(0));
        QVERIFY(w->isWindowModified());
        QVERIFY(!w->traceController()->document()->edited().nodes.empty());
        w->undoStack()->redo();
        QCOMPARE(doc->edits().size(), size_t(1));
        if (fromAutosave)
            s->windowClosing();
    }
    QCOMPARE(readAll(path), bytes);   // opening changed nothing on disk
}

void TstExport::exportRemembersItsFolder()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("postmortem"));
    QVERIFY(QDir().mkpath(folder));
    QSettings().remove(QStringLiteral("export/folder"));
    auto w = openWindow();
    QVERIFY(w);
    trace(w.get());
    // Answers the export dialog: reads where it starts, and exports to `to` (or cancels when empty).
    auto answer = [](const QString &to, QString *startedAt) {
        auto *timer = new QTimer;
        timer->setInterval(20);
        QObject::connect(timer, &QTimer::timeout, timer, [timer, to, startedAt] {
            QWidget *modal = QApplication::activeModalWidget();
            if (!modal || modal->objectName() != QLatin1String("exportDialog"))
                return;
            auto *path = modal->findChild<QLineEdit *>(QStringLiteral("exportPath"));
            *startedAt = path->text();
            auto *box = modal->findChild<QDialogButtonBox *>();
            if (to.isEmpty()) {
                QTest::mouseClick(box->button(QDialogButtonBox::Cancel), Qt::LeftButton);
            } else {
                path->selectAll();
                QTest::keyClicks(path, to);
                QTest::mouseClick(box->button(QDialogButtonBox::Ok), Qt::LeftButton);
            }
            timer->stop();
            timer->deleteLater();
        });
        timer->start();
    };
    QString first, second;
    answer(folder + QStringLiteral("/incident.svg"), &first);
    QApplication::setActiveWindow(w.get());
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    QTest::keySequence(w.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QTRY_VERIFY(!first.isEmpty());
    QVERIFY(QFile::exists(folder + QStringLiteral("/incident.svg")));
    QVERIFY2(!first.startsWith(folder), qPrintable(first));
    answer(QString(), &second);
    QApplication::setActiveWindow(w.get());
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    QTest::keySequence(w.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QTRY_VERIFY(!second.isEmpty());
    QCOMPARE(QFileInfo(second).absolutePath(), QFileInfo(folder).absoluteFilePath());
    QCOMPARE(QSettings().value(QStringLiteral("export/folder")).toString(), QFileInfo(folder).absoluteFilePath());
}

void TstExport::noteTextFitsItsBox()
{
    auto w = openWindow();
    QVERIFY(w);
    SessionController *s = w->sessionController();
    // Lengths that end a line anywhere: some of them fall where a narrower wrap needs a line more.
    const QString words = QStringLiteral(
            "node02 drops the forwarded packet by FORWARD's policy DROP because the flannel rules name "
            "10.244.0.0/16 while the pods live in 10.224.0.0/16; append an ACCEPT for flannel.1 to cni0 "
            "in DOCKER-USER on every node and keep it with a systemd unit after docker.service");
    const QStringList list = words.split(QLatin1Char(' '));
    QStringList texts;
    for (int n = 1; n <= list.size(); ++n)
        texts << list.mid(0, n).join(QLatin1Char(' '));
    texts << QStringLiteral("first line\nsecond line\n\nfourth line, after an empty one")
          << QStringLiteral("https://kubernetes.io/docs/reference/networking/virtual-ips/#iptables-mode-without-spaces");
    for (const QString &text : std::as_const(texts)) {
        s->addNote(s->anchorForSelection(), text);
        const Note &note = s->notes()->notes().back();
        QTRY_VERIFY(s->noteItem(note.id));
        NoteItem *item = s->noteItem(note.id);
        QCOMPARE(item->text(), text);
        const QRectF room = item->textRect();
        const QRectF used = item->textBounds();
        QVERIFY2(room.adjusted(-0.01, -0.01, 0.01, 0.01).contains(used),
                 qPrintable(QStringLiteral("\"%1\": text %2x%3 in %4x%5").arg(text).arg(used.width()).arg(used.height())
                                    .arg(room.width()).arg(room.height())));
        // drawText() at the same width needs no more room either (what paint() used to do).
        const QRectF wrapped = QFontMetricsF(item->font()).boundingRect(room, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
        QVERIFY2(wrapped.height() <= room.height() + 0.5,
                 qPrintable(QStringLiteral("\"%1\": %2 > %3").arg(text).arg(wrapped.height()).arg(room.height())));
        QVERIFY(item->boxRect().contains(room));
    }
}

void TstExport::pathFigureFromTheWindow()
{
    auto w = openWindow();
    QVERIFY(w);
    trace(w.get());
    SessionController *s = w->sessionController();
    s->addNote(s->anchorForSelection(), QStringLiteral("a note on the path figure"));
    QTemporaryDir dir;
    QString error;
    const QString svg = dir.filePath(QStringLiteral("path.svg"));
    QVERIFY2(s->exportTo(svg, SessionController::Format::Svg, SessionController::Scope::Path, &error), qPrintable(error));
    const QByteArray bytes = readAll(svg);
    QVERIFY(bytes.contains("class=\"page-background\" width=\"1123\""));
    QVERIFY(bytes.contains("a note on the path figure"));
    QVERIFY(bytes.contains("verdict-callout"));
    // The PDF: a page per node the packet crossed.
    const QString pdf = dir.filePath(QStringLiteral("path.pdf"));
    QVERIFY2(s->exportTo(pdf, SessionController::Format::Pdf, SessionController::Scope::Path, &error), qPrintable(error));
    const QByteArray pdfBytes = readAll(pdf);
    QCOMPARE(int(pdfBytes.count("/Type /Page\n")), 2);
    // The export dialog offers the path figure first once a packet is traced.
    bool seen = false;
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, &seen] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || modal->objectName() != QLatin1String("exportDialog"))
            return;
        auto *scope = modal->findChild<QComboBox *>(QStringLiteral("exportScope"));
        seen = scope && scope->currentData().toInt() == int(SessionController::Scope::Path);
        QTest::mouseClick(modal->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
        timer->stop();
        timer->deleteLater();
    });
    timer->start();
    QApplication::setActiveWindow(w.get());
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    QTest::keySequence(w.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QTRY_VERIFY(seen);
}

void TstExport::lightExportsUnderADarkUi()
{
    const QPalette saved = QApplication::palette();
    QPalette dark = saved;
    dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x26));
    dark.setColor(QPalette::WindowText, Qt::white);
    dark.setColor(QPalette::Base, QColor(0x18, 0x1a, 0x1e));
    dark.setColor(QPalette::Text, Qt::white);
    QApplication::setPalette(dark);
    auto restore = qScopeGuard([&] { QApplication::setPalette(saved); });
    auto w = openWindow();
    QVERIFY(w);
    QVERIFY2(Theme::fromPalette(w->palette()).isDark, "the window is not dark: the test would prove nothing");
    trace(w.get());
    SessionController *s = w->sessionController();
    const QString light = Theme::light().sceneBackground.name(), darkBg = Theme::dark().sceneBackground.name();
    QTemporaryDir dir;
    QString error;
    // and both sides of a comparison, whose window stays dark
    QVERIFY(w->showCompare(QStringLiteral("node01"), QStringLiteral("node02")));
    QTRY_VERIFY(s->canExportCompare());
    QVERIFY(Theme::fromPalette(w->compareWindow()->palette()).isDark);
    for (auto scope : {SessionController::Scope::View, SessionController::Scope::Graph, SessionController::Scope::Path,
                       SessionController::Scope::Compare}) {
        const QString svg = dir.filePath(QStringLiteral("x%1.svg").arg(int(scope)));
        QVERIFY2(s->exportTo(svg, SessionController::Format::Svg, scope, &error), qPrintable(error));
        const QByteArray bytes = readAll(svg);
        QVERIFY2(bytes.contains(QStringLiteral("fill=\"%1\"").arg(light).toUtf8()), qPrintable(svg));
        QVERIFY2(!bytes.contains(QStringLiteral("fill=\"%1\"").arg(darkBg).toUtf8()), qPrintable(svg));
        QVERIFY(!bytes.contains("double-click"));
        const QString png = dir.filePath(QStringLiteral("x%1.png").arg(int(scope)));
        QVERIFY2(s->exportTo(png, SessionController::Format::Png, scope, &error), qPrintable(error));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(QColor(image.pixel(3, 3)).name(), light);
        QVERIFY2(image.width() < 2 * image.height() && image.height() < 2 * image.width(),
                 qPrintable(QStringLiteral("%1: %2x%3").arg(png).arg(image.width()).arg(image.height())));
        // Mostly light: a dark document would be mostly dark pixels.
        int darkPixels = 0, all = 0;
        for (int y = 0; y < image.height(); y += 5)
            for (int x = 0; x < image.width(); x += 5, ++all)
                darkPixels += QColor(image.pixel(x, y)).lightness() < 90;
        QVERIFY2(darkPixels * 5 < all, qPrintable(QStringLiteral("%1 of %2 dark in %3").arg(darkPixels).arg(all).arg(png)));
        if (const QString keep = qEnvironmentVariable("CHAINSCOPE_KEEP_EXPORTS"); !keep.isEmpty()) {
            const QString to = QDir(keep).filePath(QStringLiteral("dark-ui-") + QFileInfo(png).fileName());
            QFile::remove(to);
            QFile::copy(png, to);
        }
    }
}

void TstExport::reportThroughTheMenuMatchesTheCli()
{
    qputenv("SOURCE_DATE_EPOCH", "1605350000");
    auto unset = qScopeGuard([] { qunsetenv("SOURCE_DATE_EPOCH"); });
    auto w = openWindow();
    QVERIFY(w);
    trace(w.get());
    TraceController *tc = w->traceController();
    for (const char *fix : {"node02:filter:DOCKER-USER:1:-i flannel.1 -o cni0 -j ACCEPT", "node01:filter:DOCKER-USER:1:-i flannel.1 -o cni0 -j ACCEPT"}) {
        Edit e;
        QString error;
        QVERIFY2(WhatIf::parseInsert(QString::fromLatin1(fix), *w->scenario(), e, error), qPrintable(error));
        QVERIFY2(tc->submitEdit(e, &error), qPrintable(error));
    }
    SessionController *s = w->sessionController();
    s->addNote(s->anchorForSelection(), QStringLiteral("Docker 1.13 set FORWARD's policy to DROP"));
    QTemporaryDir dir;
    const QString session = dir.filePath(QStringLiteral("work.chainscope"));
    QString error;
    QVERIFY2(s->saveSession(session, false, &error), qPrintable(error));

    // File > Export Report by its shortcut, the dialog answered as a user would.
    const QString fromWindow = dir.filePath(QStringLiteral("window.html"));
    bool answered = false;
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, fromWindow, &answered] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || modal->objectName() != QLatin1String("reportDialog"))
            return;
        auto *path = modal->findChild<QLineEdit *>(QStringLiteral("reportPath"));
        path->selectAll();
        QTest::keyClicks(path, fromWindow);
        QTest::mouseClick(modal->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        answered = true;
        timer->stop();
        timer->deleteLater();
    });
    timer->start();
    QApplication::setActiveWindow(w.get());
    QVERIFY(QTest::qWaitForWindowActive(w.get()));
    QVERIFY(s->exportReportAction()->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QTest::keySequence(w.get(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QTRY_VERIFY(answered);
    QTRY_VERIFY(QFile::exists(fromWindow));
    const QByteArray windowHtml = readAll(fromWindow);
    QVERIFY(windowHtml.contains("Docker 1.13 set FORWARD"));
    QVERIFY(windowHtml.contains("DELIVERED"));

    // The CLI, from the saved session: the same report.
    const QString fromCli = dir.filePath(QStringLiteral("cli.html"));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SOURCE_DATE_EPOCH"), QStringLiteral("1605350000"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CHAINSCOPE_CLI), {QStringLiteral("report"), session, QStringLiteral("--html"), fromCli});
    QVERIFY(p.waitForFinished(120000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const QByteArray cliHtml = readAll(fromCli);
    if (cliHtml != windowHtml) {
        const QList<QByteArray> a = windowHtml.split('\n'), b = cliHtml.split('\n');
        for (int i = 0; i < std::min(a.size(), b.size()); ++i)
            if (a[i] != b[i])
                QFAIL(qPrintable(QStringLiteral("line %1 differs:\nwindow: %2\ncli:    %3").arg(i + 1)
                                         .arg(QString::fromUtf8(a[i]), QString::fromUtf8(b[i]))));
        QFAIL("the reports differ in length");
    }
    if (const QString keep = qEnvironmentVariable("CHAINSCOPE_KEEP_EXPORTS"); !keep.isEmpty()) {
        QFile::remove(QDir(keep).filePath(QStringLiteral("window-report.html")));
        QFile::copy(fromWindow, QDir(keep).filePath(QStringLiteral("window-report.html")));
    }
}

QTEST_MAIN(TstExport)
#include "tst_export.moc"
