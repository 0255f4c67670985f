#include "editcommands.h"

#include "tracedocument.h"

namespace chainscope {

bool sameEdit(const Edit &a, const Edit &b)
{
    return a.kind == b.kind && a.node == b.node && a.table == b.table && a.nftTable == b.nftTable && a.chain == b.chain && a.position == b.position
            && a.ruleText == b.ruleText && a.policyDrop == b.policyDrop;
}

AddEditCommand::AddEditCommand(TraceDocument *doc, int index, const Edit &edit, const QString &text)
    : QUndoCommand(text), m_doc(doc), m_index(index), m_edit(edit)
{
}

void AddEditCommand::redo()
{
    // Checked before the push; a refusal here would mean the document changed under the stack.
    if (!m_doc->insertEdit(m_index, m_edit))
        setObsolete(true);
}

void AddEditCommand::undo()
{
    m_doc->removeEdit(m_index);
}

ReplaceEditCommand::ReplaceEditCommand(TraceDocument *doc, int index, const Edit &before, const Edit &after, const QString &text)
    : QUndoCommand(text), m_doc(doc), m_index(index), m_before(before), m_after(after)
{
}

void ReplaceEditCommand::redo()
{
    if (sameEdit(m_before, m_after) || !m_doc->replaceEdit(m_index, m_after))
        setObsolete(true);
}

void ReplaceEditCommand::undo()
{
    m_doc->replaceEdit(m_index, m_before);
}

RemoveEditCommand::RemoveEditCommand(TraceDocument *doc, int index, const Edit &edit, const QString &text)
    : QUndoCommand(text), m_doc(doc), m_index(index), m_edit(edit)
{
}

void RemoveEditCommand::redo()
{
    m_doc->removeEdit(m_index);
}

void RemoveEditCommand::undo()
{
    m_doc->insertEdit(m_index, m_edit);
}

} // namespace chainscope
