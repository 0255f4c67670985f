#include "edgeitem.h"

#include <QPainter>

namespace chainscope {

EdgeItem::EdgeItem(const QPointF &from, const QPointF &to, bool isGoto, const Theme &theme)
    : m_goto(isGoto)
{
    setZValue(-1);
    m_colour = isGoto ? theme.gotoEdge : theme.edge;
    m_pen = QPen(m_colour, 1.4, isGoto ? Qt::DashLine : Qt::SolidLine);
    // Leave to the right and enter from the left; a backward edge loops out wider.
    const qreal dx = qMax<qreal>(60, qAbs(to.x() - from.x()) / 2);
    const QPointF end = to - QPointF(8, 0);
    m_path.moveTo(from);
    m_path.cubicTo(from + QPointF(dx, 0), end - QPointF(dx, 0), end);
    m_arrow << to << to + QPointF(-9, -4.5) << to + QPointF(-9, 4.5);
    m_bounds = m_path.boundingRect().united(m_arrow.boundingRect()).adjusted(-2, -2, 2, 2);
}

QRectF EdgeItem::boundingRect() const
{
    return m_bounds;
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(m_pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_colour);
    painter->drawPolygon(m_arrow);
}

} // namespace chainscope
