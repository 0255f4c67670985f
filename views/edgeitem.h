#pragma once

#include "theme.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPen>

#include <map>
#include <vector>

namespace chainscope {

/**
 * A jump (solid) or goto (dashed) from a rule row to the chain it enters; or, bundled, many
 * jumps into one chain or fold: per column of source cards a trunk in the gap right of the
 * column with a tick from each jumping row, and one curve from each trunk to the target.
 * A bundle of thousands of jumps paints the ticks in view only (none when rows are too small
 * to tell apart), so a frame costs a few strokes however many rows jump.
 */
class EdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };
    /** How far right of the source cards a bundle's trunk runs, and the next one from that column. */
    static constexpr qreal TrunkOffset = 16;
    static constexpr qreal TrunkSpacing = 12;

    EdgeItem(const QPointF &from, const QPointF &to, bool isGoto, const Theme &theme);
    /**
     * A bundle: every source point (a row's right end) into to. trunks counts the trunks already
     * beside each column (by its x), so two bundles leaving one card run side by side.
     */
    EdgeItem(const std::vector<QPointF> &from, const QPointF &to, bool isGoto, const Theme &theme,
             std::map<qreal, int> &trunks);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    /** The whole drawing as one path (curves, trunks and ticks): what the SVG export writes. */
    QPainterPath shape() const override;
    /** Near a trunk or a curve's start; a bundle's shape is not searched on every mouse move. */
    bool contains(const QPointF &point) const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    bool isGoto() const { return m_goto; }
    /** The point the arrow ends at (a card's or fold's left edge). */
    QPointF target() const { return m_to; }
    bool isBundle() const { return !m_trunks.empty(); }
    /** The jumps drawn: 1, or the bundle's source rows. */
    int sourceCount() const { return m_sources; }
    /** Strokes a full frame takes at most: curves, trunks, and one batch of ticks per trunk. */
    int strokeCount() const { return int(m_curves.size() + 2 * m_trunks.size()); }

private:
    struct Curve
    {
        QPainterPath path;
        QRectF bounds;
        mutable QPolygonF flat;   // the curve as a polyline, for drawing a long one piecewise
    };
    struct Trunk
    {
        qreal x0 = 0;             // the source cards' right edge
        qreal x1 = 0;             // the trunk
        std::vector<qreal> ys;    // the jumping rows, sorted
    };

    void addCurve(const QPointF &from, const QPointF &to);
    void finish(const QPointF &to);
    static void drawCurve(QPainter *painter, const Curve &curve, const QRectF &exposed, bool partial);

    std::vector<Curve> m_curves;
    std::vector<Trunk> m_trunks;
    mutable QPainterPath m_shape;   // made on first use
    QPolygonF m_arrow;
    QRectF m_bounds;
    QPointF m_to;
    int m_sources = 1;
    bool m_goto = false;
    QPen m_pen;
    QColor m_colour;
};

} // namespace chainscope
