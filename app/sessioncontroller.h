#pragma once

#include "note.h"
#include "retranslator.h"
#include "sessionfile.h"
#include "theme.h"

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QString>

#include <memory>

class QAction;
class QTemporaryDir;
class QTimer;
class QUndoStack;

namespace chainscope {

class MainWindow;
class NoteItem;
class NoteSet;

/**
 * Notes, export and sessions for the main window ("Annotated SVG for the postmortem, and
 * sessions that keep the work"). Owns the NoteSet and the note items on the graph (by id,
 * re-anchored after every rebuild and relayout), the File menu's Export and Session
 * actions, and the autosave. Every change to notes is a command on the window's undo stack.
 */
class SessionController : public QObject
{
    Q_OBJECT
public:
    enum class Format { Svg, Png, Pdf };
    enum class Scope { View, Graph, Compare, Path };   // Path: the chains the packet crossed (the default)

    SessionController(MainWindow *window, QUndoStack *undo);
    ~SessionController() override;

    NoteSet *notes() const { return m_notes; }
    /** The note's item on the shown graph, or nullptr (another node, or an anchor not shown). */
    NoteItem *noteItem(int id) const { return m_items.value(id); }
    QAction *addNoteAction() const { return m_addNote; }
    QAction *exportAction() const { return m_export; }
    QAction *exportReportAction() const { return m_report; }
    QAction *saveAction() const { return m_save; }
    QAction *saveAsAction() const { return m_saveAs; }
    QAction *openAction() const { return m_open; }
    QString sessionPath() const { return m_path; }
    bool isDirty() const;
    static QString autosavePath();
    void setAutosaveInterval(int ms);

    /** Adds a note through the undo stack (the dialogs and tests end here). */
    void addNote(const NoteAnchor &anchor, const QString &text);
    /** The anchor "Add Note" uses at a scene point: a rule row, a chain title, or the spot. */
    NoteAnchor anchorAt(const QPointF &scenePos) const;
    /** The anchor for the keyboard: the selected rule, else the current trace step, else the view's centre. */
    NoteAnchor anchorForSelection() const;
    void editNote(int id, const QString &text);
    void moveNote(int id, const QPointF &offset);
    void deleteNote(int id);

    bool exportTo(const QString &path, Format format, Scope scope, QString *error = nullptr);
    /** The postmortem report of the current session (app/sessionreport.cpp): HTML, or Markdown with SVGs beside it. */
    bool exportReport(const QString &path, QString *error = nullptr);
    /** Whether a compare window is open to export side by side. */
    bool canExportCompare() const;

    SessionData currentSession() const;
    bool saveSession(const QString &path, bool embed, QString *error = nullptr);
    /** Validates the whole file first; refuses (nothing changed) with a message naming it. */
    bool openSession(const QString &path, QString *error = nullptr);
    /** Opens a session from the command line, a drop or the recent list; a refusal is shown (or signalled when not interactive). */
    void openSessionReporting(const QString &path);

    /** Asks to save unsaved work (interactive only); false when the user cancels. */
    bool maybeSave();
    /** The window closes for good: no autosave left to offer. */
    void windowClosing();

Q_SIGNALS:
    /** A session finished loading (the scenario loads off the GUI thread first). */
    void sessionRestored();
    void sessionFailed(const QString &message);
    void dirtyChanged(bool dirty);

private:
    void createActions();
    void syncNotes();
    void scheduleSync();
    bool resolve(const Note &note, QPointF &anchor) const;
    bool resolveNft(const NoteAnchor &a, QPointF &anchor) const;
    void requestAddNote(const NoteAnchor &anchor);
    bool askText(const QString &title, QString &text);
    void exportDialog();
    void reportDialog();
    void saveDialog(bool saveAs);
    void openDialog();
    void applyPending();
    void autosave();
    void offerAutosave();
    void updateTitle();
    QString shownNodeName() const;
    bool eventFilter(QObject *watched, QEvent *event) override;
    /** QEvent::LanguageChange, sent on by the window: the actions' words and the title. */
    bool event(QEvent *event) override;

    MainWindow *m_window;
    QUndoStack *m_undo;
    NoteSet *m_notes = nullptr;
    QHash<int, NoteItem *> m_items;
    Theme m_theme;
    bool m_syncQueued = false;
    QAction *m_addNote = nullptr;
    QAction *m_export = nullptr;
    QAction *m_report = nullptr;
    QAction *m_save = nullptr;
    QAction *m_saveAs = nullptr;
    QAction *m_open = nullptr;
    QString m_path;
    bool m_embed = false;
    bool m_restoring = false;
    std::unique_ptr<SessionData> m_pending;
    QString m_pendingPath;
    std::unique_ptr<QTemporaryDir> m_embeddedDir;
    QTimer *m_autosave = nullptr;
    bool m_lastDirty = false;
    bool m_extraDirty = false;   // changes outside the undo stack (a new packet traced, notes loaded)
    Retranslator m_tr;
};

} // namespace chainscope
