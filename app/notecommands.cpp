#include "notecommands.h"

#include "noteset.h"

#include <QCoreApplication>

namespace chainscope {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::NoteCommands)
};

QString shortText(const QString &text)
{
    const QString first = text.section(QLatin1Char('\n'), 0, 0);
    return first.size() > 30 ? first.left(29) + QChar(0x2026) : first;
}
} // namespace

AddNoteCommand::AddNoteCommand(NoteSet *set, const Note &note)
    : m_set(set), m_note(note), m_index(int(set->notes().size()))
{
    setText(Tr::tr("Add Note \"%1\"").arg(shortText(note.text)));
}

void AddNoteCommand::redo()
{
    m_set->insert(m_index, m_note);
}

void AddNoteCommand::undo()
{
    m_set->remove(m_note.id);
}

ChangeNoteCommand::ChangeNoteCommand(NoteSet *set, const Note &before, const Note &after, const QString &text)
    : m_set(set), m_before(before), m_after(after)
{
    setText(text);
    setObsolete(before == after);
}

void ChangeNoteCommand::redo()
{
    m_set->update(m_after);
}

void ChangeNoteCommand::undo()
{
    m_set->update(m_before);
}

RemoveNoteCommand::RemoveNoteCommand(NoteSet *set, const Note &note, int index)
    : m_set(set), m_note(note), m_index(index)
{
    setText(Tr::tr("Delete Note \"%1\"").arg(shortText(note.text)));
}

void RemoveNoteCommand::redo()
{
    m_set->remove(m_note.id);
}

void RemoveNoteCommand::undo()
{
    m_set->insert(m_index, m_note);
}

} // namespace chainscope
