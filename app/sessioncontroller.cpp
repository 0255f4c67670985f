#include "sessioncontroller.h"
#include "text.h"

#include "chaincard.h"
#include "chainscene.h"
#include "chainview.h"
#include "comparewindow.h"
#include "compareview.h"
#include "explain.h"
#include "mainwindow.h"
#include "notecommands.h"
#include "noteitem.h"
#include "noteset.h"
#include "nftruleset.h"
#include "pathfigure.h"
#include "packetpanel.h"
#include "simulator.h"
#include "svgexporter.h"
#include "traceanimator.h"
#include "tracecontroller.h"
#include "tracedocument.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGraphicsSceneMouseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

namespace chainscope {

namespace {
} // namespace

SessionController::SessionController(MainWindow *window, QUndoStack *undo)
    : QObject(window), m_window(window), m_undo(undo)
{
    m_theme = Theme::fromPalette(window->palette());
    m_notes = new NoteSet(this);
    createActions();

    ChainScene *scene = window->chainScene();
    connect(m_notes, &NoteSet::changed, this, &SessionController::syncNotes);
    // The scene deletes every item (ours too) before a rebuild: forget them first.
    connect(scene, &ChainScene::rulesetAboutToChange, this, [this] { m_items.clear(); });
    connect(scene, &ChainScene::rulesetChanged, this, &SessionController::scheduleSync);
    connect(scene, &ChainScene::layoutChanged, this, &SessionController::scheduleSync);
    if (TraceController *trace = window->traceController()) {
        connect(trace->document(), &TraceDocument::changed, this, &SessionController::scheduleSync);
        connect(trace->animator(), &TraceAnimator::stopChanged, this, &SessionController::scheduleSync);
    }
    connect(window, &MainWindow::scenarioLoaded, this, &SessionController::applyPending);
    connect(window, &MainWindow::loadFailed, this, [this](const QString &message) {
        if (!m_pending)
            return;
        m_pending.reset();
        m_restoring = false;
        Q_EMIT sessionFailed(message);
    });
    // Any undoable edit (and its undo back to the saved state) flips the unsaved mark.
    connect(m_undo, &QUndoStack::cleanChanged, this, &SessionController::updateTitle);
    window->chainView()->viewport()->installEventFilter(this);
    // The scene takes double-clicks on rule rows for itself; a note lying over a row gets its own.
    scene->installEventFilter(this);

    m_autosave = new QTimer(this);
    m_autosave->setInterval(60'000);
    connect(m_autosave, &QTimer::timeout, this, &SessionController::autosave);
    m_autosave->start();
    QTimer::singleShot(0, this, &SessionController::offerAutosave);
}

SessionController::~SessionController() = default;

// ---------------------------------------------------------------------------------------
// Actions

void SessionController::createActions()
{
    MainWindow *w = m_window;
    QMenu *file = nullptr;
    QMenu *edit = nullptr;
    const QList<QAction *> top = w->menuBar()->actions();
    for (QAction *a : top) {
        if (!a->menu())
            continue;
        if (!file)
            file = a->menu();
        else if (a->menu()->objectName() == QLatin1String("editMenu"))   // TraceController's, in any language
            edit = a->menu();
    }
    if (!file)
        file = w->menuBar()->addMenu(tr("&File"));
    if (!edit)
        edit = file;
    // Before "Quit": the last action of the File menu.
    const QList<QAction *> fileActions = file->actions();
    QAction *quit = fileActions.isEmpty() ? nullptr : fileActions.last();
    QAction *anchor = fileActions.size() > 1 && fileActions[fileActions.size() - 2]->isSeparator()
                          ? fileActions[fileActions.size() - 2] : quit;

    // Each text is a function: it is asked again when the language changes (m_tr).
    auto add = [&](QMenu *menu, QAction *before, auto text, const QKeySequence &key, auto slot) {
        auto *a = new QAction(w);
        m_tr.add([a, text] { a->setText(text()); });
        a->setShortcut(key);
        menu->insertAction(before, a);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_open = add(file, anchor, [] { return tr("Open Sess&ion..."); }, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O), [this] { openDialog(); });
    m_save = add(file, anchor, [] { return tr("&Save Session"); }, QKeySequence::Save, [this] { saveDialog(false); });
    m_saveAs = add(file, anchor, [] { return tr("Save Session &As..."); }, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), [this] { saveDialog(true); });
    file->insertSeparator(anchor);
    // Ctrl+E is the trace's "Go to Verdict": export takes Ctrl+Shift+E.
    m_export = add(file, anchor, [] { return tr("&Export..."); }, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                   [this] { exportDialog(); });
    m_report = add(file, anchor, [] { return tr("Export Re&port..."); }, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                   [this] { reportDialog(); });
    m_report->setObjectName(QStringLiteral("exportReportAction"));
    file->insertSeparator(anchor);
    m_open->setObjectName(QStringLiteral("openSessionAction"));
    m_save->setObjectName(QStringLiteral("saveSessionAction"));
    m_saveAs->setObjectName(QStringLiteral("saveSessionAsAction"));
    m_export->setObjectName(QStringLiteral("exportAction"));

    edit->addSeparator();
    m_addNote = add(edit, nullptr, [] { return tr("Add &Note..."); }, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                    [this] { requestAddNote(anchorForSelection()); });
    m_addNote->setObjectName(QStringLiteral("addNoteAction"));
    w->chainView()->addAction(m_addNote);
    QAction *next = add(edit, nullptr, [] { return tr("Select Ne&xt Note"); }, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_N), [this] {
        if (m_items.isEmpty())
            return;
        QList<int> ids = m_items.keys();
        std::sort(ids.begin(), ids.end());
        int pick = ids.first();
        for (int id : ids)
            if (m_items[id]->isSelected()) {
                const qsizetype i = ids.indexOf(id);
                pick = ids[(i + 1) % ids.size()];
                break;
            }
        m_window->chainScene()->clearSelection();
        NoteItem *item = m_items[pick];
        item->setSelected(true);
        item->setFocus(Qt::ShortcutFocusReason);
        m_window->chainView()->setFocus();
        m_window->chainView()->ensureVisible(item);
    });
    m_tr.add([this, next] {
        m_export->setToolTip(tr("Export the graph with the traced path, verdict, notes and a legend as SVG, PNG or PDF"));
        m_report->setToolTip(tr("Write a postmortem report: the path before and after the fix, steps, explanation, lints, blast radius, the fix, provenance and notes"));
        m_addNote->setToolTip(tr("Pin a note to the selected rule, the current trace step, or the middle of the view"));
        next->setToolTip(tr("Then F2 or Enter edits the note, the arrow keys move it, Delete deletes it"));
    });
    add(edit, nullptr, [] { return tr("Edi&t Note..."); }, QKeySequence(), [this] {
        for (NoteItem *item : std::as_const(m_items))
            if (item->isSelected()) {
                const int id = item->noteId();
                QString text = m_notes->find(id)->text;
                if (askText(tr("Edit Note"), text))
                    editNote(id, text);
                return;
            }
    });
    add(edit, nullptr, [] { return tr("De&lete Note"); }, QKeySequence(), [this] {
        for (NoteItem *item : std::as_const(m_items))
            if (item->isSelected()) {
                deleteNote(item->noteId());
                return;
            }
    });
}

bool SessionController::event(QEvent *event)
{
    // Sent on by the window after its own changeEvent(), which titled it without the session.
    if (event->type() == QEvent::LanguageChange) {
        m_tr.retranslate();
        updateTitle();
    }
    return QObject::event(event);
}

bool SessionController::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ContextMenu && watched == m_window->chainView()->viewport()) {
        // The graph's context menu: the view's actions, with "Add Note" pinned where the click was.
        auto *e = static_cast<QContextMenuEvent *>(event);
        const QPointF scenePos = m_window->chainView()->mapToScene(e->pos());
        QMenu menu(m_window);
        QAction *here = menu.addAction(tr("Add &Note Here..."));
        menu.addSeparator();
        const QList<QAction *> actions = m_window->chainView()->actions();
        for (QAction *a : actions)
            if (a != m_addNote)
                menu.addAction(a);
        if (menu.exec(e->globalPos()) == here)
            requestAddNote(anchorAt(scenePos));
        return true;
    }
    if (event->type() == QEvent::GraphicsSceneMouseDoubleClick && watched == m_window->chainScene()) {
        auto *e = static_cast<QGraphicsSceneMouseEvent *>(event);
        const QList<QGraphicsItem *> under = m_window->chainScene()->items(e->scenePos(), Qt::IntersectsItemShape, Qt::DescendingOrder);
        if (!under.isEmpty())
            if (auto *note = qgraphicsitem_cast<NoteItem *>(under.front()); note && note->onEdit) {
                note->onEdit(note->noteId());
                return true;
            }
    }
    return QObject::eventFilter(watched, event);
}

// ---------------------------------------------------------------------------------------
// Notes

QString SessionController::shownNodeName() const
{
    const Scenario *sc = m_window->scenario();
    const int n = m_window->currentNode();
    return sc && n >= 0 && n < int(sc->nodes.size()) ? sc->nodes[size_t(n)].name : QString();
}

NoteAnchor SessionController::anchorAt(const QPointF &scenePos) const
{
    NoteAnchor a;
    a.node = shownNodeName();
    a.point = scenePos;
    ChainScene *scene = m_window->chainScene();
    ChainCard *card = scene->cardAt(scenePos);
    if (!card || !scene->ruleset())
        return a;
    const QPointF local = card->mapFromScene(scenePos);
    if (card->isNft()) {
        // An nft chain and rule by nft's names: the table's title, the chain, the rule's text.
        const auto &n = scene->ruleset()->nft;
        if (!n || card->chainIndex() < 0 || card->chainIndex() >= int(n->chains.size()))
            return a;
        const nft::Chain &chain = n->chains[size_t(card->chainIndex())];
        a.kind = NoteAnchor::Chain;
        a.nftTable = n->tableTitle(chain.table);
        a.chain = text::q(chain.name);
        const int row = card->rowAt(local.y());
        if (row >= 0 && row < int(chain.rules.size())) {
            a.kind = NoteAnchor::Rule;
            a.rule = row + 1;
            const std::string_view text = chain.rules[size_t(row)].text;
            a.ruleText = QString::fromUtf8(text.data(), qsizetype(text.size()));
        }
        return a;
    }
    a.kind = NoteAnchor::Chain;
    a.table = card->table();
    a.chain = card->chainName();
    const int row = card->rowAt(local.y());
    const Chain &chain = scene->ruleset()->table(card->table()).chains[size_t(card->chainIndex())];
    if (row >= 0 && row < int(chain.rules.size())) {
        a.kind = NoteAnchor::Rule;
        a.rule = row + 1;
        a.ruleText = Explain::ruleText(*scene->ruleset(), chain.rules[size_t(row)]);
    }
    return a;
}

NoteAnchor SessionController::anchorForSelection() const
{
    ChainScene *scene = m_window->chainScene();
    ChainView *view = m_window->chainView();
    if (const quint32 rule = scene->selectedRule(); rule && scene->cardForRule(rule)) {
        ChainCard *card = scene->cardForRule(rule);
        return anchorAt(card->mapToScene(card->rowRect(card->rowOfRule(rule)).center()));
    }
    const QList<QGraphicsItem *> selected = scene->selectedItems();
    for (QGraphicsItem *item : selected)
        if (auto *card = qgraphicsitem_cast<ChainCard *>(item)) {
            if (card->isNft() && card->selectedRow() >= 0 && card->selectedRow() < card->rowCount())   // nft rows have no rule id
                return anchorAt(card->mapToScene(card->rowRect(card->selectedRow()).center()));
            return anchorAt(card->mapToScene(QPointF(ChainCard::Width / 2, ChainCard::TitleHeight / 2)));
        }
    TraceController *trace = m_window->traceController();
    if (trace && trace->hasTrace() && trace->currentBranch() >= 0) {
        const Branch &b = trace->trace().branches[size_t(trace->currentBranch())];
        const int step = trace->animator()->currentStop();
        if (step >= 0 && step < int(b.steps.size()) && b.steps[size_t(step)].node == m_window->currentNode()) {
            NoteAnchor a;
            a.kind = NoteAnchor::Step;
            a.node = shownNodeName();
            a.step = step;
            QPointF p;
            Note probe;
            probe.anchor = a;
            if (resolve(probe, p)) {
                a.point = p;
                return a;
            }
        }
    }
    NoteAnchor a;
    a.node = shownNodeName();
    a.point = view->mapToScene(view->viewport()->rect().center());
    return a;
}

bool SessionController::resolve(const Note &note, QPointF &anchor) const
{
    const NoteAnchor &a = note.anchor;
    if (!a.node.isEmpty() && a.node != shownNodeName())
        return false;
    ChainScene *scene = m_window->chainScene();
    const Ruleset *rs = scene->ruleset();
    anchor = a.point;
    if (a.kind == NoteAnchor::Point || !rs)
        return a.kind == NoteAnchor::Point;
    auto rowPoint = [&](ChainCard *card, int row) {
        const QRectF r = card->rowRect(std::clamp(row, 0, std::max(0, int(card->rows().size()) - 1)));
        return card->mapToScene(QPointF(r.right(), r.center().y()));
    };
    if (a.kind == NoteAnchor::Step) {
        TraceController *trace = m_window->traceController();
        if (!trace || !trace->hasTrace() || trace->currentBranch() < 0)
            return false;
        const Branch &b = trace->trace().branches[size_t(trace->currentBranch())];
        if (a.step < 0 || a.step >= int(b.steps.size()))
            return false;
        const Step &s = b.steps[size_t(a.step)];
        if (s.node != m_window->currentNode())
            return false;
        const bool nftStep = s.kind == Step::NftRule || s.kind == Step::NftPolicy || s.kind == Step::NftChainEnd;
        ChainCard *card = s.chain >= 0 ? scene->card(nftStep ? ChainCard::NftTable : s.table, s.chain) : nullptr;
        if (!card || !card->isVisible())
            return false;
        anchor = rowPoint(card, s.kind == Step::Policy || s.kind == Step::NftPolicy ? card->policyRow() : s.rule);
        return true;
    }
    if (!a.nftTable.isEmpty())
        return resolveNft(a, anchor);
    const int chainIndex = rs->table(a.table).chainIndex(a.chain.toStdString());
    ChainCard *card = chainIndex >= 0 ? scene->card(a.table, chainIndex) : nullptr;
    if (!card || !card->isVisible())
        return true;   // folded away: the last place it was
    if (a.kind == NoteAnchor::Chain) {
        anchor = card->mapToScene(QPointF(ChainCard::Width, ChainCard::TitleHeight / 2));
        return true;
    }
    // A rule: at its position if the text still matches, else where its text is now.
    const Chain &chain = rs->table(a.table).chains[size_t(chainIndex)];
    int row = a.rule - 1;
    auto textAt = [&](int i) { return Explain::ruleText(*rs, chain.rules[size_t(i)]); };
    if (row < 0 || row >= int(chain.rules.size()) || textAt(row) != a.ruleText) {
        for (int i = 0; i < int(chain.rules.size()); ++i)
            if (textAt(i) == a.ruleText) {
                row = i;
                break;
            }
    }
    anchor = rowPoint(card, row);
    return true;
}

bool SessionController::resolveNft(const NoteAnchor &a, QPointF &anchor) const
{
    ChainScene *scene = m_window->chainScene();
    const auto &n = scene->ruleset()->nft;
    const int chainIndex = n ? n->chainIndex(n->tableIndex(a.nftTable), a.chain) : -1;
    ChainCard *card = chainIndex >= 0 ? scene->card(ChainCard::NftTable, chainIndex) : nullptr;
    if (!card || !card->isVisible())
        return true;   // folded away or gone: the last place it was
    if (a.kind == NoteAnchor::Chain) {
        anchor = card->mapToScene(QPointF(ChainCard::Width, ChainCard::TitleHeight / 2));
        return true;
    }
    // As for iptables: at its position while the text matches, else where the text is now.
    const nft::Chain &chain = n->chains[size_t(chainIndex)];
    int row = a.rule - 1;
    const std::string want = a.ruleText.toStdString();
    if (row < 0 || row >= int(chain.rules.size()) || chain.rules[size_t(row)].text != want) {
        for (int i = 0; i < int(chain.rules.size()); ++i)
            if (chain.rules[size_t(i)].text == want) {
                row = i;
                break;
            }
    }
    const QRectF r = card->rowRect(std::clamp(row, 0, std::max(0, int(card->rows().size()) - 1)));
    anchor = card->mapToScene(QPointF(r.right(), r.center().y()));
    return true;
}

void SessionController::scheduleSync()
{
    if (m_syncQueued)
        return;
    m_syncQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_syncQueued = false;
        syncNotes();
    });
}

void SessionController::syncNotes()
{
    ChainScene *scene = m_window->chainScene();
    QSet<int> keep;
    for (const Note &n : m_notes->notes()) {
        QPointF anchor;
        if (!resolve(n, anchor))
            continue;
        keep.insert(n.id);
        NoteItem *item = m_items.value(n.id);
        if (!item) {
            item = new NoteItem(n.id, m_theme);
            item->onMoved = [this](int id, const QPointF &pos, const QPointF &) {
                if (NoteItem *it = m_items.value(id))
                    moveNote(id, pos - it->anchor());
            };
            // Edit and delete change the items: run them after the item's own event handler.
            item->onEdit = [this](int id) {
                QTimer::singleShot(0, this, [this, id] {
                    const Note *note = m_notes->find(id);
                    QString text = note ? note->text : QString();
                    if (note && askText(tr("Edit Note"), text))
                        editNote(id, text);
                });
            };
            item->onDelete = [this](int id) { QTimer::singleShot(0, this, [this, id] { deleteNote(id); }); };
            scene->addItem(item);
            m_items.insert(n.id, item);
        }
        item->setText(n.text);
        item->place(anchor, n.offset);
    }
    for (auto it = m_items.begin(); it != m_items.end();) {
        if (!keep.contains(it.key())) {
            delete it.value();
            it = m_items.erase(it);
        } else {
            ++it;
        }
    }
}

bool SessionController::askText(const QString &title, QString &text)
{
    QDialog dialog(m_window);
    dialog.setObjectName(QStringLiteral("noteDialog"));
    dialog.setWindowTitle(title);
    auto *layout = new QVBoxLayout(&dialog);
    auto *label = new QLabel(tr("&Note (shown as a callout on the graph and in exports):"), &dialog);
    auto *edit = new QPlainTextEdit(text, &dialog);
    edit->setObjectName(QStringLiteral("noteText"));
    edit->setTabChangesFocus(true);
    label->setBuddy(edit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setToolTip(tr("Ctrl+Enter"));
    auto *okShortcut = new QAction(&dialog);
    okShortcut->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    dialog.addAction(okShortcut);
    connect(okShortcut, &QAction::triggered, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(label);
    layout->addWidget(edit);
    layout->addWidget(buttons);
    dialog.resize(420, 200);
    edit->setFocus();
    if (dialog.exec() != QDialog::Accepted)
        return false;
    text = edit->toPlainText().trimmed();
    return !text.isEmpty();
}

void SessionController::requestAddNote(const NoteAnchor &anchor)
{
    if (!m_window->scenario())
        return;
    QString text;
    if (!askText(tr("Add Note"), text))
        return;
    const int id = m_notes->nextId();
    addNote(anchor, text);
    // The box sits up and right of its row, often past the view's edge: bring it in.
    if (NoteItem *item = m_items.value(id))
        m_window->chainView()->ensureVisible(item, 24, 24);
}

void SessionController::addNote(const NoteAnchor &anchor, const QString &text)
{
    Note n;
    n.id = m_notes->nextId();
    n.text = text;
    n.anchor = anchor;
    // Stagger boxes pinned near each other so they do not cover one another.
    n.offset = QPointF(60, -70 - 26 * (m_notes->notes().size() % 4));
    m_undo->push(new AddNoteCommand(m_notes, n));
}

void SessionController::editNote(int id, const QString &text)
{
    const Note *before = m_notes->find(id);
    if (!before)
        return;
    Note after = *before;
    after.text = text;
    m_undo->push(new ChangeNoteCommand(m_notes, *before, after, tr("Edit Note")));
}

void SessionController::moveNote(int id, const QPointF &offset)
{
    const Note *before = m_notes->find(id);
    if (!before)
        return;
    Note after = *before;
    after.offset = offset;
    m_undo->push(new ChangeNoteCommand(m_notes, *before, after, tr("Move Note")));
}

void SessionController::deleteNote(int id)
{
    const int index = m_notes->indexOf(id);
    if (index < 0)
        return;
    m_undo->push(new RemoveNoteCommand(m_notes, m_notes->notes()[index], index));
}

// ---------------------------------------------------------------------------------------
// Export

bool SessionController::canExportCompare() const
{
    return m_window->compareWindow() && m_window->compareWindow()->isVisible();
}

bool SessionController::exportTo(const QString &path, Format format, Scope scope, QString *error)
{
    const Scenario *sc = m_window->scenario();
    if (!sc || m_window->currentNode() < 0) {
        if (error)
            *error = tr("No scenario to export");
        return false;
    }
    TraceController *trace = m_window->traceController();
    const Scenario &edited = trace && !trace->document()->isEmpty() ? trace->document()->edited() : *sc;
    const Branch *branch = trace && trace->hasTrace() && trace->currentBranch() >= 0
                               ? &trace->trace().branches[size_t(trace->currentBranch())] : nullptr;
    ExportHeader header;
    header.scenario = sc->name.isEmpty() ? QFileInfo(sc->path).fileName() : sc->name;
    for (const Node &n : sc->nodes)
        header.nodes << n.name;
    if (trace && trace->hasTrace()) {
        const PacketSpec &p = trace->trace().packet;
        header.packet = p.inIface.isEmpty() ? tr("%1, locally generated on %2").arg(p.describe(), p.fromNode)
                                            : tr("%1, arriving on %2 %3").arg(p.describe(), p.fromNode, p.inIface);
    }
    if (branch)
        header.verdict = SvgExporter::verdictSummary(edited, trace->trace(), trace->currentBranch());
    header.date = QDateTime::currentDateTime().toString(Qt::ISODate);
    header.version = QStringLiteral(CHAINSCOPE_VERSION);

    if (scope == Scope::Path) {
        // The chains the packet crossed, as chainscope-cli export draws them by default.
        if (!trace || !trace->hasTrace()) {
            if (error)
                *error = tr("Trace a packet first: the path figure draws its path");
            return false;
        }
        header.packet = PathFigure::packetLine(edited, trace->trace(), trace->currentBranch());
        QList<FigureNote> notes;
        for (const Note &n : m_notes->notes())
            notes << FigureNote{n.text, n.anchor.node, n.anchor.table,
                                n.anchor.kind == NoteAnchor::Rule || n.anchor.kind == NoteAnchor::Chain ? n.anchor.chain : QString(),
                                n.anchor.kind == NoteAnchor::Rule ? n.anchor.rule : 0,
                                n.anchor.kind == NoteAnchor::Rule || n.anchor.kind == NoteAnchor::Chain ? n.anchor.nftTable : QString(),
                                n.anchor.kind == NoteAnchor::Rule ? n.anchor.ruleText : QString()};
        PathFigureOptions options;
        options.onePerPage = format == Format::Pdf;   // a page per node in PDF, side by side on one page otherwise
        const PathFigure fig(edited, trace->trace(), trace->currentBranch(), header, notes, options);
        const bool ok = format == Format::Svg ? fig.writeSvg(path, error) : format == Format::Png ? fig.writePng(path, error)
                                                                                                 : fig.writePdf(path, error);
        if (ok)
            m_window->statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
        return ok;
    }
    if (trace && trace->hasTrace())
        header.packet = PathFigure::packetLine(edited, trace->trace(), trace->currentBranch());

    QList<ExportPanel> panels;
    // Documents are light and carry no interactive hints, whatever the window looks like:
    // the node's graph is drawn again in a scene of its own, in the light theme, with the
    // chains the window shows unfolded and its notes at the same rows.
    ChainScene light;
    const Theme lightTheme = Theme::light();
    std::unique_ptr<CompareView> lightCompare;
    if (scope == Scope::Compare) {
        CompareWindow *cw = m_window->compareWindow();
        if (!canExportCompare()) {
            if (error)
                *error = tr("The compare window is not open");
            return false;
        }
        const Trace *traces[2] = {&cw->leftTrace(), &cw->rightTrace()};
        QComboBox *boxes[2] = {cw->leftNodeBox(), cw->rightNodeBox()};
        lightCompare = cw->compareView()->redrawn(lightTheme);
        for (int side = 0; side < 2; ++side) {
            ExportPanel p;
            p.scene = lightCompare->scene(CompareView::Side(side));
            p.title = side == 0 ? tr("%1 (left)").arg(boxes[0]->currentText()) : tr("%1 (right)").arg(boxes[1]->currentText());
            // The path is drawn when the side is a node of this scenario (not a snapshot file).
            const int node = sc->nodeIndex(boxes[side]->currentText());
            if (node >= 0 && !traces[side]->branches.empty()) {
                p.scenario = sc;
                p.branch = &traces[side]->branches.front();
                p.node = node;
            }
            panels << p;
        }
    } else {
        ExportPanel p;
        const ChainScene *shown = m_window->chainScene();
        light.setRuleset(shown->ruleset(), lightTheme);
        if (const Ruleset *rs = shown->ruleset()) {
            QSet<quint32> hidden;
            for (int ti = 0; ti < TableCount; ++ti)
                for (size_t ci = 0; ci < rs->table(TableId(ti)).chains.size(); ++ci)
                    if (shown->isHidden(TableId(ti), int(ci)))
                        hidden.insert(ChainScene::key(TableId(ti), int(ci)));
            if (!hidden.isEmpty())
                light.setHiddenChains(hidden);
        }
        const QList<ChainCard *> cards = shown->cards();
        for (ChainCard *c : cards)
            if (c->isVisible())
                light.reveal(c->table(), c->chainIndex());
        // Notes at the same place relative to their card.
        for (NoteItem *item : std::as_const(m_items)) {
            if (!item->isVisible())
                continue;
            const ChainCard *from = shown->cardAt(item->anchor());
            const ChainCard *to = from ? light.card(from->table(), from->chainIndex()) : nullptr;
            const QPointF shift = from && to ? to->scenePos() - from->scenePos() : QPointF();
            auto *copy = new NoteItem(item->noteId(), lightTheme);
            copy->setText(item->text());
            light.addItem(copy);
            copy->place(item->anchor() + shift, item->mapToScene(item->boxRect().topLeft()) - item->anchor());
        }
        p.scene = &light;
        p.title = shownNodeName();
        if (scope == Scope::View) {
            // What the view shows, cut to the cards and notes in it: no empty canvas around them.
            ChainView *v = m_window->chainView();
            const QRectF seen = v->mapToScene(v->viewport()->rect()).boundingRect();
            // Whole cards (a card cut in half is no use in a postmortem), their notes and the
            // verdict's callout under its card.
            QRectF r;
            for (ChainCard *c : cards)
                if (c->isVisible() && seen.intersects(c->sceneBoundingRect()))
                    if (const ChainCard *to = light.card(c->table(), c->chainIndex()))
                        r = r.united(to->sceneBoundingRect());
            if (!r.isEmpty()) {
                const QRectF cardsOnly = r;
                for (QGraphicsItem *item : light.items())
                    if (auto *note = qgraphicsitem_cast<NoteItem *>(item); note && cardsOnly.contains(note->anchor()))
                        r = r.united(note->sceneBoundingRect());
                ExportPanel probe;
                probe.scene = &light;
                probe.scenario = &edited;
                probe.branch = branch;
                probe.node = m_window->currentNode();
                QPointF verdict;
                if (branch && SvgExporter::verdictPoint(probe, verdict) && cardsOnly.contains(verdict))
                    if (const ChainCard *card = light.cardAt(verdict - QPointF(5, 0))) {
                        const QRectF cr = card->sceneBoundingRect();
                        r = r.united(QRectF(cr.left(), cr.top(), std::max<qreal>(cr.width(), 340), cr.height() + 130));
                    }
            }
            p.rect = r.isEmpty() ? QRectF() : r.adjusted(-12, -12, 12, 12);
        }
        p.scenario = &edited;
        p.branch = branch;
        p.node = m_window->currentNode();
        panels << p;
    }
    // Selection frames are the user's focus, not the postmortem's.
    const QList<QGraphicsItem *> selected = m_window->chainScene()->selectedItems();
    for (QGraphicsItem *item : selected)
        item->setSelected(false);
    SvgExporter exporter(header, panels, lightTheme);
    bool ok = false;
    switch (format) {
    case Format::Svg:
        ok = exporter.writeSvg(path, error);
        break;
    case Format::Png:
        ok = exporter.writePng(path, error);
        break;
    case Format::Pdf:
        ok = exporter.writePdf(path, error);
        break;
    }
    for (QGraphicsItem *item : selected)
        item->setSelected(true);
    if (ok)
        m_window->statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
    return ok;
}

void SessionController::exportDialog()
{
    if (!m_window->scenario())
        return;
    QDialog dialog(m_window);
    dialog.setObjectName(QStringLiteral("exportDialog"));
    dialog.setWindowTitle(tr("Export"));
    auto *form = new QFormLayout(&dialog);
    auto *format = new QComboBox(&dialog);
    format->addItem(tr("SVG (text stays text, rule text on hover)"), int(Format::Svg));
    format->addItem(tr("PNG image"), int(Format::Png));
    format->addItem(tr("PDF document"), int(Format::Pdf));
    auto *scope = new QComboBox(&dialog);
    scope->setObjectName(QStringLiteral("exportScope"));
    TraceController *traced = m_window->traceController();
    if (traced && traced->hasTrace())
        scope->addItem(tr("Path figure: the chains the packet crossed, page-sized"), int(Scope::Path));
    scope->addItem(tr("Current view"), int(Scope::View));
    scope->addItem(tr("Whole graph of this node"), int(Scope::Graph));
    if (canExportCompare())
        scope->addItem(tr("Both sides of the comparison"), int(Scope::Compare));
    scope->setCurrentIndex(traced && traced->hasTrace() ? 0 : 1);
    auto *pathRow = new QWidget(&dialog);
    auto *pathLayout = new QHBoxLayout(pathRow);
    pathLayout->setContentsMargins(0, 0, 0, 0);
    // The folder of the last export (a postmortem's images go to one place), else home.
    QSettings settings;
    const QString folder = settings.value(QStringLiteral("export/folder"), QDir::homePath()).toString();
    auto *path = new QLineEdit(QDir(QDir(folder).exists() ? folder : QDir::homePath())
                                       .filePath(QStringLiteral("chainscope-export.svg")), pathRow);
    path->setObjectName(QStringLiteral("exportPath"));
    auto *browse = new QPushButton(tr("&Browse..."), pathRow);
    pathLayout->addWidget(path);
    pathLayout->addWidget(browse);
    form->addRow(tr("&Format:"), format);
    form->addRow(tr("&What:"), scope);
    form->addRow(tr("&File:"), pathRow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    const QStringList suffixes = {QStringLiteral("svg"), QStringLiteral("png"), QStringLiteral("pdf")};
    connect(format, &QComboBox::currentIndexChanged, &dialog, [=](int i) {
        QFileInfo fi(path->text());
        path->setText(fi.dir().filePath(fi.completeBaseName() + QLatin1Char('.') + suffixes[i]));
    });
    connect(browse, &QPushButton::clicked, &dialog, [=, &dialog] {
        const QString f = QFileDialog::getSaveFileName(&dialog, tr("Export To"), path->text(),
                                                       tr("SVG (*.svg);;PNG (*.png);;PDF (*.pdf)"));
        if (!f.isEmpty()) {
            path->setText(f);
            const int i = int(suffixes.indexOf(QFileInfo(f).suffix().toLower()));
            if (i >= 0)
                format->setCurrentIndex(i);
        }
    });
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!exportTo(path->text(), Format(format->currentData().toInt()), Scope(scope->currentData().toInt()), &error))
        QMessageBox::critical(m_window, tr("Export Failed"), error);
    else
        settings.setValue(QStringLiteral("export/folder"), QFileInfo(path->text()).absolutePath());
}

// ---------------------------------------------------------------------------------------
// Sessions

bool SessionController::isDirty() const
{
    return m_window->scenario() && (!m_undo->isClean() || m_extraDirty);
}

void SessionController::updateTitle()
{
    // "incident.chainscope[*] — kubeadm + flannel: ... — Chainscope": the document first, as
    // desktops show documents; [*] is where Qt puts the unsaved mark (setWindowModified).
    const Scenario *sc = m_window->scenario();
    const QString scenario = !sc ? QString() : sc->name.isEmpty() ? QFileInfo(sc->path).fileName() : sc->name;
    QString title;
    if (!m_path.isEmpty())
        title = tr("%1[*] \u2014 %2 \u2014 Chainscope").arg(QFileInfo(m_path).fileName(), scenario);
    else if (sc)
        title = tr("%1[*] \u2014 Chainscope").arg(scenario);
    else
        title = tr("Chainscope[*]");
    const bool dirty = isDirty();
    m_window->setWindowFilePath(m_path);
    m_window->setWindowTitle(title);
    m_window->setWindowModified(dirty);
    if (dirty != m_lastDirty) {
        m_lastDirty = dirty;
        Q_EMIT dirtyChanged(dirty);
    }
}

SessionData SessionController::currentSession() const
{
    SessionData d;
    const Scenario *sc = m_window->scenario();
    if (!sc)
        return d;
    d.scenarioPath = QFileInfo(sc->path).absoluteFilePath();
    d.scenarioName = sc->name;
    d.notes = m_notes->notes();
    TraceController *trace = m_window->traceController();
    if (trace && !trace->document()->isEmpty())
        d.edits = trace->document()->edits();
    if (trace && trace->hasTrace()) {
        const Trace &t = trace->trace();
        d.packet = t.packet;
        if (trace->currentBranch() >= 0) {
            const Branch &b = t.branches[size_t(trace->currentBranch())];
            if (!b.packets.empty())
                d.branchDst = b.packets.back().dst.toString();
            // Pinned when the trace has fewer branches than the same packet unpinned.
            const Scenario &edited = trace->document()->edited();
            const Trace free = Simulator::trace(edited, t.packet);
            d.pinned = free.branches.size() != t.branches.size();
            if (d.pinned) {
                for (const Branch &fb : free.branches) {
                    if (fb.packets.empty() || fb.packets.back().dst.toString() != d.branchDst)
                        continue;
                    for (const Decision &dec : fb.decisions) {
                        if (!dec.taken || dec.uncertain || dec.step < 0)
                            continue;
                        const Step &s = fb.steps[size_t(dec.step)];
                        if (s.chain < 0 || s.rule < 0)
                            continue;
                        d.pins << QStringLiteral("%1:%2:%3").arg(edited.nodes[s.node].name,
                                                                 text::q(edited.nodes[s.node].rules.table(s.table).chains[size_t(s.chain)].name))
                                      .arg(s.rule + 1);
                    }
                    break;
                }
            }
        }
    }
    ChainView *v = m_window->chainView();
    d.hasView = true;
    d.viewNode = shownNodeName();
    d.zoom = v->zoom();
    d.centre = v->mapToScene(v->viewport()->rect().center());
    return d;
}

bool SessionController::saveSession(const QString &path, bool embed, QString *error)
{
    if (!m_window->scenario()) {
        if (error)
            *error = tr("No scenario to save");
        return false;
    }
    SessionData d = currentSession();
    if (embed && !SessionFile::embedScenario(m_window->scenario()->path, d, error))
        return false;
    if (!SessionFile::save(path, d, error))
        return false;
    if (path != autosavePath()) {
        m_path = path;
        m_embed = embed;
        m_undo->setClean();
        m_extraDirty = false;
        QFile::remove(autosavePath());
        updateTitle();
        m_window->statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    }
    return true;
}

void SessionController::saveDialog(bool saveAs)
{
    if (!m_window->scenario())
        return;
    QString path = m_path;
    bool embed = m_embed;
    if (saveAs || path.isEmpty()) {
        QDialog dialog(m_window);
        dialog.setObjectName(QStringLiteral("saveSessionDialog"));
        dialog.setWindowTitle(tr("Save Session"));
        auto *form = new QFormLayout(&dialog);
        auto *row = new QWidget(&dialog);
        auto *rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        const QString suggested = path.isEmpty() ? QDir::home().filePath(QStringLiteral("incident.chainscope")) : path;
        auto *edit = new QLineEdit(suggested, row);
        auto *browse = new QPushButton(tr("&Browse..."), row);
        rowLayout->addWidget(edit);
        rowLayout->addWidget(browse);
        auto *embedBox = new QCheckBox(tr("&Embed the scenario's files (the session travels alone)"), &dialog);
        embedBox->setChecked(embed);
        form->addRow(tr("&File:"), row);
        form->addRow(embedBox);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, &dialog);
        form->addRow(buttons);
        connect(browse, &QPushButton::clicked, &dialog, [edit, &dialog] {
            const QString f = QFileDialog::getSaveFileName(&dialog, tr("Save Session"), edit->text(),
                                                           tr("Chainscope sessions (*.chainscope)"));
            if (!f.isEmpty())
                edit->setText(f);
        });
        connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        if (dialog.exec() != QDialog::Accepted || edit->text().isEmpty())
            return;
        path = edit->text();
        if (QFileInfo(path).suffix().isEmpty())
            path += QStringLiteral(".chainscope");
        embed = embedBox->isChecked();
    }
    QString error;
    if (!saveSession(path, embed, &error))
        QMessageBox::critical(m_window, tr("Cannot Save Session"), error);
}

void SessionController::openSessionReporting(const QString &path)
{
    QString error;
    if (openSession(path, &error))
        return;
    if (m_window->isInteractive())
        QMessageBox::critical(m_window, tr("Cannot Open Session"), error);
    Q_EMIT sessionFailed(error);
    Q_EMIT m_window->loadFailed(error);
}

void SessionController::openDialog()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Session"), QString(),
                                                      tr("Chainscope sessions (*.chainscope);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!openSession(path, &error))
        QMessageBox::critical(m_window, tr("Cannot Open Session"), error);
}

bool SessionController::openSession(const QString &path, QString *error)
{
    auto data = std::make_unique<SessionData>();
    if (!SessionFile::load(path, *data, error))
        return false;
    QString scenarioPath = data->scenarioPath;
    std::unique_ptr<QTemporaryDir> dir;
    if (data->embedded) {
        dir = std::make_unique<QTemporaryDir>();
        if (!dir->isValid()) {
            if (error)
                *error = tr("%1: cannot unpack the embedded scenario: %2").arg(path, dir->errorString());
            return false;
        }
        scenarioPath = SessionFile::materialize(*data, dir->path(), error);
        if (scenarioPath.isEmpty())
            return false;
    } else if (!QFileInfo::exists(scenarioPath)) {
        if (error)
            *error = tr("%1: the scenario %2 is not there any more (save sessions with the scenario embedded to carry it along)")
                         .arg(path, scenarioPath);
        return false;
    }
    if (dir)
        m_embeddedDir = std::move(dir);
    m_pending = std::move(data);
    m_pendingPath = path;
    m_restoring = true;
    m_window->setPreferredNode(m_pending->viewNode);
    m_window->openPaths({scenarioPath});
    return true;
}

void SessionController::applyPending()
{
    m_notes->reset({});
    m_extraDirty = false;
    if (!m_pending) {
        m_path.clear();
        updateTitle();
        return;
    }
    const std::unique_ptr<SessionData> d = std::move(m_pending);
    TraceController *trace = m_window->traceController();
    QStringList problems;
    // The session's edits and notes go onto the undo stack as the commands that made them:
    // opened or restored work can be taken back like work done now.
    m_undo->clear();
    if (trace) {
        for (const Edit &e : d->edits) {
            QString err;
            if (!trace->submitEdit(e, &err))
                problems << err;
        }
        if (d->packet) {
            trace->packetPanel()->setSpec(*d->packet);
            trace->traceSpec(*d->packet);
            if (!d->branchDst.isEmpty()) {
                if (const auto dst = Address::parse(d->branchDst)) {
                    const int b = trace->branchTo(*dst);
                    if (b >= 0)
                        trace->selectBranch(b);
                }
            }
            if (d->pinned)
                trace->pinCurrentBranch();
        }
    }
    for (const Note &n : d->notes)
        m_undo->push(new AddNoteCommand(m_notes, n));
    // A session file is what is saved: clean, and undo makes it unsaved. Autosaved work was
    // never saved: it stays unsaved (the stack's clean state is the bare scenario).
    const bool fromAutosave = m_pendingPath == autosavePath();
    if (!fromAutosave)
        m_undo->setClean();
    m_path = fromAutosave ? QString() : m_pendingPath;
    m_embed = d->embedded;
    m_extraDirty = fromAutosave;
    updateTitle();
    if (!problems.isEmpty())
        m_window->statusBar()->showMessage(tr("Some edits no longer apply: %1").arg(problems.join(QStringLiteral("; "))), 10000);
    // The view last: the trace moves the graph to the packet's node and step as it shows it.
    const bool hasView = d->hasView;
    const QString viewNode = d->viewNode;
    const double zoom = d->zoom;
    const QPointF centre = d->centre;
    QTimer::singleShot(0, this, [this, hasView, viewNode, zoom, centre] {
        const Scenario *sc = m_window->scenario();
        if (hasView && sc) {
            const int node = sc->nodeIndex(viewNode);
            if (node >= 0)
                m_window->setCurrentNode(node);
            m_window->chainView()->setZoom(zoom);
            m_window->chainView()->centerOn(centre);
        }
        syncNotes();
        m_restoring = false;
        Q_EMIT sessionRestored();
    });
}

bool SessionController::maybeSave()
{
    if (m_restoring || !isDirty() || !m_window->isInteractive())
        return true;
    const auto answer = QMessageBox::warning(m_window, tr("Unsaved Changes"),
                                             tr("The session has unsaved changes (candidate rules, notes). Save them first?"),
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save) {
        saveDialog(false);
        return !isDirty();
    }
    return true;
}

void SessionController::windowClosing()
{
    m_autosave->stop();
    QFile::remove(autosavePath());
}

QString SessionController::autosavePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("autosave.chainscope"));
}

void SessionController::setAutosaveInterval(int ms)
{
    m_autosave->start(ms);
}

void SessionController::autosave()
{
    if (!isDirty() || m_restoring)
        return;
    QDir().mkpath(QFileInfo(autosavePath()).absolutePath());
    QString error;
    if (!SessionFile::save(autosavePath(), currentSession(), &error))
        m_window->statusBar()->showMessage(tr("Autosave failed: %1").arg(error), 5000);
}

void SessionController::offerAutosave()
{
    if (!m_window->isInteractive() || !QFileInfo::exists(autosavePath()))
        return;
    if (m_window->isLoading()) {
        // Offer once the scenario from the command line is in.
        auto *once = new QMetaObject::Connection;
        *once = connect(m_window, &MainWindow::scenarioLoaded, this, [this, once] {
            disconnect(*once);
            delete once;
            QTimer::singleShot(0, this, &SessionController::offerAutosave);
        });
        return;
    }
    const QDateTime when = QFileInfo(autosavePath()).lastModified();
    const auto answer = QMessageBox::question(m_window, tr("Restore Unsaved Work?"),
                                              tr("Chainscope did not close normally. Restore the work autosaved at %1?")
                                                  .arg(QLocale().toString(when, QLocale::ShortFormat)),
                                              QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    QString error;
    if (answer == QMessageBox::Yes && !openSession(autosavePath(), &error))
        QMessageBox::critical(m_window, tr("Cannot Restore"), error);
    else if (answer == QMessageBox::No)
        QFile::remove(autosavePath());
}

} // namespace chainscope
