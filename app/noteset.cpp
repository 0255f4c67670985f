#include "noteset.h"

namespace chainscope {

int NoteSet::indexOf(int id) const
{
    for (int i = 0; i < m_notes.size(); ++i)
        if (m_notes[i].id == id)
            return i;
    return -1;
}

const Note *NoteSet::find(int id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_notes[i];
}

void NoteSet::insert(int index, const Note &note)
{
    m_notes.insert(std::clamp(index, 0, int(m_notes.size())), note);
    m_nextId = std::max(m_nextId, note.id + 1);
    Q_EMIT changed();
}

void NoteSet::update(const Note &note)
{
    const int i = indexOf(note.id);
    if (i < 0)
        return;
    m_notes[i] = note;
    Q_EMIT changed();
}

void NoteSet::remove(int id)
{
    const int i = indexOf(id);
    if (i < 0)
        return;
    m_notes.removeAt(i);
    Q_EMIT changed();
}

void NoteSet::reset(const QList<Note> &notes)
{
    m_notes = notes;
    m_nextId = 1;
    for (const Note &n : notes)
        m_nextId = std::max(m_nextId, n.id + 1);
    Q_EMIT changed();
}

} // namespace chainscope
