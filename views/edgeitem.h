#pragma once

#include "theme.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPen>

namespace chainscope {

/** A jump (solid) or goto (dashed) from a rule row to the chain it enters. */
class EdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };

    EdgeItem(const QPointF &from, const QPointF &to, bool isGoto, const Theme &theme);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override { return m_path; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    bool isGoto() const { return m_goto; }

private:
    QPainterPath m_path;
    mutable QPolygonF m_flat;   // the curve as a polyline, for drawing a long edge piecewise
    QPolygonF m_arrow;
    QRectF m_bounds;
    bool m_goto = false;
    QPen m_pen;
    QColor m_colour;
};

} // namespace chainscope
