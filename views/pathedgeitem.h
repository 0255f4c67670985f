#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>

namespace chainscope {

/**
 * A jump the traced packet took: from the jumping rule's row to the card of the chain it
 * entered, in the path's colour over the graph's own edge (same curve), so the path reads
 * across chains and not only as tinted rows.
 */
class PathEdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 12 };

    PathEdgeItem(const QPointF &from, const QPointF &to, const QColor &colour);

    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override { return m_path; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    QPointF from() const { return m_from; }
    QPointF to() const { return m_to; }

private:
    QPointF m_from;
    QPointF m_to;
    QPainterPath m_path;
    QPolygonF m_arrow;
    QRectF m_bounds;
    QColor m_colour;
};

} // namespace chainscope
