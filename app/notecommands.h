#pragma once

#include "note.h"

#include <QUndoCommand>

namespace chainscope {

class NoteSet;

/*
 * The undo commands for notes. Like editcommands.h, several small classes of one concern in
 * one file. They hold the note's id and value snapshots (the whole Note before and after),
 * never an item: the items are rebuilt from the NoteSet after every change.
 */

/** Adds a note; undo takes it out again. */
class AddNoteCommand : public QUndoCommand
{
public:
    AddNoteCommand(NoteSet *set, const Note &note);
    void redo() override;
    void undo() override;

private:
    NoteSet *m_set;
    Note m_note;
    int m_index;
};

/** Changes a note (its text, or where its box sits); a change to the same value is obsolete. */
class ChangeNoteCommand : public QUndoCommand
{
public:
    ChangeNoteCommand(NoteSet *set, const Note &before, const Note &after, const QString &text);
    void redo() override;
    void undo() override;

private:
    NoteSet *m_set;
    Note m_before;
    Note m_after;
};

/** Removes a note; undo puts it back where it was in the list. */
class RemoveNoteCommand : public QUndoCommand
{
public:
    RemoveNoteCommand(NoteSet *set, const Note &note, int index);
    void redo() override;
    void undo() override;

private:
    NoteSet *m_set;
    Note m_note;
    int m_index;
};

} // namespace chainscope
