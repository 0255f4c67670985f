#pragma once

#include "whatif.h"

#include <QUndoCommand>

namespace chainscope {

class TraceDocument;

/*
 * The undo commands of a what-if session. Three small classes of one concern in one file
 * (an exception to one-class-per-file: each is a dozen lines and they only make sense
 * together). They hold the index of the edit in TraceDocument::edits() and Edit values
 * (node name, table, chain name, position, rule text): ids and snapshots, never items,
 * so they survive every rebuild of the scene.
 */

bool sameEdit(const Edit &a, const Edit &b);

/** Adds an edit (a dropped candidate rule, a policy change, the removal of a rule). */
class AddEditCommand : public QUndoCommand
{
public:
    AddEditCommand(TraceDocument *doc, int index, const Edit &edit, const QString &text);
    void redo() override;
    void undo() override;

private:
    TraceDocument *m_doc;
    int m_index;
    Edit m_edit;
};

/** Changes an edit in place: a candidate's text edited inline, or moved to another position. */
class ReplaceEditCommand : public QUndoCommand
{
public:
    ReplaceEditCommand(TraceDocument *doc, int index, const Edit &before, const Edit &after, const QString &text);
    void redo() override;
    void undo() override;

private:
    TraceDocument *m_doc;
    int m_index;
    Edit m_before;
    Edit m_after;
};

/** Takes an edit back out (Delete on a candidate row). */
class RemoveEditCommand : public QUndoCommand
{
public:
    RemoveEditCommand(TraceDocument *doc, int index, const Edit &edit, const QString &text);
    void redo() override;
    void undo() override;

private:
    TraceDocument *m_doc;
    int m_index;
    Edit m_edit;
};

} // namespace chainscope
