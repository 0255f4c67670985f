#include "edgeitem.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace chainscope {

namespace {
// Taller than any screen at any zoom that shows rows.
constexpr qreal LongEdge = 4000;
} // namespace

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
    setFlag(ItemUsesExtendedStyleOption);
}

QRectF EdgeItem::boundingRect() const
{
    return m_bounds;
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(m_pen);
    painter->setBrush(Qt::NoBrush);
    const QRectF exposed = option->exposedRect.adjusted(-4, -4, 4, 4);
    if (option->exposedRect.isValid() && !exposed.contains(m_bounds) && m_bounds.height() > LongEdge) {
        // An edge from row 15,000 of KUBE-SERVICES spans a quarter of a million pixels: the
        // raster engine strokes all of it, clipped or not, in a tenth of a second. Only the
        // pieces in view are drawn.
        if (m_flat.isEmpty())
            m_flat = m_path.toSubpathPolygons().value(0);
        QPolygonF run;
        for (qsizetype i = 1; i < m_flat.size(); ++i) {
            const QRectF piece = QRectF(m_flat[i - 1], m_flat[i]).normalized();
            if (piece.intersects(exposed) || exposed.contains(m_flat[i])) {
                if (run.isEmpty())
                    run << m_flat[i - 1];
                run << m_flat[i];
            } else if (!run.isEmpty()) {
                painter->drawPolyline(run);
                run.clear();
            }
        }
        if (!run.isEmpty())
            painter->drawPolyline(run);
    } else {
        painter->drawPath(m_path);
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_colour);
    painter->drawPolygon(m_arrow);
}

} // namespace chainscope
