#include "pathedgeitem.h"

#include <QPainter>
#include <QPen>

namespace chainscope {

namespace {
constexpr qreal PenWidth = 3.5;
} // namespace

PathEdgeItem::PathEdgeItem(const QPointF &from, const QPointF &to, const QColor &colour)
    : m_from(from), m_to(to), m_colour(colour)
{
    // Over the graph's edges (z -1), under the cards (z 0) it leaves and enters.
    setZValue(-0.5);
    setAcceptedMouseButtons(Qt::NoButton);
    // The curve of the graph's jump edges: leave to the right, enter from the left.
    const qreal dx = qMax<qreal>(60, qAbs(to.x() - from.x()) / 2);
    const QPointF end = to - QPointF(10, 0);
    m_path.moveTo(from);
    m_path.cubicTo(from + QPointF(dx, 0), end - QPointF(dx, 0), end);
    m_arrow << to << to + QPointF(-12, -6) << to + QPointF(-12, 6);
    m_bounds = m_path.boundingRect().united(m_arrow.boundingRect()).adjusted(-PenWidth, -PenWidth, PenWidth, PenWidth);
}

void PathEdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(m_colour, PenWidth, Qt::SolidLine, Qt::RoundCap));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_colour);
    painter->drawPolygon(m_arrow);
}

} // namespace chainscope
