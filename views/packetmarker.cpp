#include "packetmarker.h"

#include <QPainter>
#include <QPainterPath>

namespace chainscope {

PacketMarker::PacketMarker(const QColor &fill, const QColor &outline) : m_fill(fill), m_outline(outline)
{
    setZValue(45);
}

QRectF PacketMarker::boundingRect() const
{
    return QRectF(-Radius - 2, -Radius - 2, 2 * Radius + 12, 2 * Radius + 4);
}

void PacketMarker::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(m_outline, 2));
    painter->setBrush(m_fill);
    // A disc pointing right: the direction the packet reads the row.
    QPainterPath path;
    path.addEllipse(QPointF(0, 0), Radius, Radius);
    QPainterPath arrow;
    arrow.moveTo(Radius - 2, -6);
    arrow.lineTo(Radius + 8, 0);
    arrow.lineTo(Radius - 2, 6);
    arrow.closeSubpath();
    painter->drawPath(path.united(arrow));
}

} // namespace chainscope
