#include "noteitem.h"

#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QList>
#include <QPainter>

#include <cmath>

namespace chainscope {

namespace {
constexpr qreal Pad = 7;
constexpr qreal Bar = 3;   // the warning bar's extra inset on the left
}

NoteItem::NoteItem(int id, const Theme &theme) : m_id(id), m_theme(theme)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemIsFocusable | ItemSendsGeometryChanges);
    setZValue(45);
    m_font.setPixelSize(13);
}

void NoteItem::setText(const QString &text)
{
    m_text = text;
    updateGeometry();
}

void NoteItem::place(const QPointF &anchor, const QPointF &offset)
{
    m_anchor = anchor;
    setPos(anchor + offset);
    updateGeometry();
}

void NoteItem::updateGeometry()
{
    prepareGeometryChange();
    // Laid out at the width it is drawn at (the box less its padding and the bar), once: text
    // drawn with drawText() is wrapped again at paint time, with the zoom's hinted metrics,
    // and a line more than measured was cut off at the bottom of the box.
    QString text = m_text;
    text.replace(QLatin1Char('\n'), QChar::LineSeparator);
    m_layout.setText(text);
    m_layout.setFont(m_font);
    QTextOption option(Qt::AlignLeft);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_layout.setTextOption(option);
    const qreal width = Width - 2 * Pad - Bar;
    const qreal leading = QFontMetricsF(m_font).leading();
    qreal y = 0;
    m_layout.beginLayout();
    for (QTextLine line = m_layout.createLine(); line.isValid(); line = m_layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height() + leading;
    }
    m_layout.endLayout();
    m_box = QRectF(0, 0, Width, std::ceil(std::max(y - leading, QFontMetricsF(m_font).height())) + 2 * Pad);
    m_anchorLocal = m_anchor - pos();
    update();
}

QRectF NoteItem::textRect() const
{
    return m_box.adjusted(Pad + Bar, Pad, -Pad, -Pad);
}

QRectF NoteItem::textBounds() const
{
    return m_layout.boundingRect().translated(textRect().topLeft());
}

QVariant NoteItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        // The leader line follows a drag: the anchor stays where it is in the scene.
        prepareGeometryChange();
        m_anchorLocal = m_anchor - pos();
    }
    return QGraphicsItem::itemChange(change, value);
}

QRectF NoteItem::boundingRect() const
{
    return m_box.united(QRectF(m_anchorLocal, QSizeF(1, 1))).adjusted(-6, -6, 6, 6);
}

QPainterPath NoteItem::shape() const
{
    // Only the box takes clicks: the leader line must not cover rows.
    QPainterPath p;
    p.addRect(m_box.adjusted(-2, -2, 2, 2));
    return p;
}

void NoteItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QPointF from(m_anchorLocal.x() < m_box.center().x() ? m_box.left() : m_box.right(), m_box.center().y());
    painter->setPen(QPen(m_theme.warning, 2, Qt::DashLine));
    painter->drawLine(from, m_anchorLocal);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_theme.warning);
    painter->drawEllipse(m_anchorLocal, 4, 4);
    painter->setPen(QPen(isSelected() ? m_theme.cardSelectedBorder : m_theme.warning, isSelected() ? 3 : 2));
    painter->setBrush(m_theme.cardBackground);
    painter->drawRoundedRect(m_box, 4, 4);
    painter->fillRect(QRectF(m_box.left() + 1, m_box.top() + 1, 5, m_box.height() - 2), m_theme.warning);
    painter->setPen(m_theme.text);
    m_layout.draw(painter, textRect().topLeft());
}

bool NoteItem::sceneEvent(QEvent *event)
{
    // Delete on a focused note deletes the note, not the rule the graph's Delete action removes.
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool plain = (key->modifiers() & ~Qt::ShiftModifier) == Qt::NoModifier;
        const QList<int> keys = {Qt::Key_Delete, Qt::Key_Backspace, Qt::Key_F2, Qt::Key_Return, Qt::Key_Enter,
                                 Qt::Key_Left, Qt::Key_Right, Qt::Key_Up, Qt::Key_Down};
        if (plain && keys.contains(key->key())) {
            event->accept();
            return true;
        }
    }
    return QGraphicsItem::sceneEvent(event);
}

void NoteItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    m_pressPos = pos();
    setFocus(Qt::MouseFocusReason);
    QGraphicsItem::mousePressEvent(event);
}

void NoteItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsItem::mouseReleaseEvent(event);
    if (pos() != m_pressPos && onMoved)
        onMoved(m_id, pos(), m_pressPos);
}

void NoteItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    event->accept();
    if (onEdit)
        onEdit(m_id);
}

void NoteItem::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && onDelete) {
        event->accept();
        onDelete(m_id);
        return;
    }
    // Arrows move the note as a drag does (Shift: farther): the keyboard's way to move it.
    const qreal step = event->modifiers() & Qt::ShiftModifier ? 50 : 10;
    QPointF by;
    switch (event->key()) {
    case Qt::Key_Left: by = QPointF(-step, 0); break;
    case Qt::Key_Right: by = QPointF(step, 0); break;
    case Qt::Key_Up: by = QPointF(0, -step); break;
    case Qt::Key_Down: by = QPointF(0, step); break;
    default: break;
    }
    if (!by.isNull() && onMoved) {
        event->accept();
        const QPointF old = pos();
        onMoved(m_id, old + by, old);
        return;
    }
    if ((event->key() == Qt::Key_F2 || event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && onEdit) {
        event->accept();
        onEdit(m_id);
        return;
    }
    QGraphicsItem::keyPressEvent(event);
}

} // namespace chainscope
