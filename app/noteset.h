#pragma once

#include "note.h"

#include <QList>
#include <QObject>

namespace chainscope {

/**
 * The notes of a session, by id. Changed only by the note commands (app/notecommands.h);
 * the session controller follows changed() and rebuilds the note items from it.
 */
class NoteSet : public QObject
{
    Q_OBJECT
public:
    explicit NoteSet(QObject *parent = nullptr) : QObject(parent) {}

    const QList<Note> &notes() const { return m_notes; }
    int indexOf(int id) const;
    const Note *find(int id) const;
    int nextId() const { return m_nextId; }

    // For the commands and for loading a session.
    void insert(int index, const Note &note);
    void update(const Note &note);
    void remove(int id);
    void reset(const QList<Note> &notes);

Q_SIGNALS:
    void changed();

private:
    QList<Note> m_notes;
    int m_nextId = 1;
};

} // namespace chainscope
