#include "edgeitem.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <map>

namespace chainscope {

namespace {
// Taller than any screen at any zoom that shows rows.
constexpr qreal LongEdge = 4000;
// Below this scale rows are a few pixels apart: a bundle's ticks would only blur its trunk.
constexpr qreal TickLod = 0.5;
// How close to a trunk a point counts as on it (tool tips).
constexpr qreal HitSlack = 4;
} // namespace

EdgeItem::EdgeItem(const QPointF &from, const QPointF &to, bool isGoto, const Theme &theme)
    : m_goto(isGoto)
{
    m_colour = isGoto ? theme.gotoEdge : theme.edge;
    addCurve(from, to);
    finish(to);
}

EdgeItem::EdgeItem(const std::vector<QPointF> &from, const QPointF &to, bool isGoto, const Theme &theme,
                   std::map<qreal, int> &trunks)
    : m_sources(int(from.size())), m_goto(isGoto)
{
    m_colour = isGoto ? theme.gotoEdge : theme.edge;
    // One trunk per column of source cards (cards of a column share their right edge).
    std::map<qreal, std::vector<qreal>> columns;
    for (const QPointF &p : from)
        columns[p.x()].push_back(p.y());
    for (auto &[x, ys] : columns) {
        std::sort(ys.begin(), ys.end());
        Trunk t;
        t.x0 = x;
        // At most five side by side: the gap between columns is 90 wide.
        t.x1 = x + TrunkOffset + TrunkSpacing * std::min(trunks[x]++, 4);
        t.ys = std::move(ys);
        // The curve leaves the trunk level with the target where it can, else at its nearer end.
        const QPointF start(t.x1, std::clamp(to.y(), t.ys.front(), t.ys.back()));
        addCurve(start, to);
        m_trunks.push_back(std::move(t));
    }
    finish(to);
}

void EdgeItem::addCurve(const QPointF &from, const QPointF &to)
{
    // Leave to the right and enter from the left; a backward edge loops out wider.
    const qreal dx = qMax<qreal>(60, qAbs(to.x() - from.x()) / 2);
    const QPointF end = to - QPointF(8, 0);
    Curve c;
    c.path.moveTo(from);
    c.path.cubicTo(from + QPointF(dx, 0), end - QPointF(dx, 0), end);
    // With the pen: a level curve has no height, and an empty rectangle intersects nothing.
    c.bounds = c.path.boundingRect().adjusted(-2, -2, 2, 2);
    m_curves.push_back(std::move(c));
}

void EdgeItem::finish(const QPointF &to)
{
    setZValue(-1);
    m_to = to;
    m_pen = QPen(m_colour, 1.4, m_goto ? Qt::DashLine : Qt::SolidLine);
    m_arrow << to << to + QPointF(-9, -4.5) << to + QPointF(-9, 4.5);
    m_bounds = m_arrow.boundingRect();
    for (const Curve &c : m_curves)
        m_bounds |= c.bounds;
    for (const Trunk &t : m_trunks)
        m_bounds |= QRectF(QPointF(t.x0, t.ys.front()), QPointF(t.x1, t.ys.back()));
    m_bounds.adjust(-2, -2, 2, 2);
    setFlag(ItemUsesExtendedStyleOption);
}

QRectF EdgeItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath EdgeItem::shape() const
{
    if (m_shape.isEmpty()) {
        for (const Curve &c : m_curves)
            m_shape.addPath(c.path);
        for (const Trunk &t : m_trunks) {
            m_shape.moveTo(t.x1, t.ys.front());
            m_shape.lineTo(t.x1, t.ys.back());
            for (qreal y : t.ys) {
                m_shape.moveTo(t.x0, y);
                m_shape.lineTo(t.x1, y);
            }
        }
    }
    return m_shape;
}

bool EdgeItem::contains(const QPointF &point) const
{
    if (!isBundle())
        return QGraphicsItem::contains(point);
    for (const Trunk &t : m_trunks)
        if (point.x() >= t.x0 - HitSlack && point.x() <= t.x1 + HitSlack && point.y() >= t.ys.front() - HitSlack
            && point.y() <= t.ys.back() + HitSlack)
            return true;
    return false;
}

void EdgeItem::drawCurve(QPainter *painter, const Curve &curve, const QRectF &exposed, bool partial)
{
    if (partial && !curve.bounds.intersects(exposed))
        return;
    if (!partial || exposed.contains(curve.bounds) || curve.bounds.height() <= LongEdge) {
        painter->drawPath(curve.path);
        return;
    }
    // An edge from row 15,000 of KUBE-SERVICES spans a quarter of a million pixels: the raster
    // engine strokes all of it, clipped or not, in a tenth of a second. Only the pieces in view
    // are drawn.
    if (curve.flat.isEmpty())
        curve.flat = curve.path.toSubpathPolygons().value(0);
    const QPolygonF &flat = curve.flat;
    QPolygonF run;
    for (qsizetype i = 1; i < flat.size(); ++i) {
        const QRectF piece = QRectF(flat[i - 1], flat[i]).normalized();
        if (piece.intersects(exposed) || exposed.contains(flat[i])) {
            if (run.isEmpty())
                run << flat[i - 1];
            run << flat[i];
        } else if (!run.isEmpty()) {
            painter->drawPolyline(run);
            run.clear();
        }
    }
    if (!run.isEmpty())
        painter->drawPolyline(run);
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(m_pen);
    painter->setBrush(Qt::NoBrush);
    const bool partial = option->exposedRect.isValid();
    const QRectF exposed = partial ? option->exposedRect.adjusted(-4, -4, 4, 4) : m_bounds;
    for (const Curve &c : m_curves)
        drawCurve(painter, c, exposed, partial);

    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    std::vector<QLineF> ticks;
    for (const Trunk &t : m_trunks) {
        // Only the part of a trunk in view: it may be as tall as KUBE-SERVICES.
        const qreal top = std::max(t.ys.front(), exposed.top());
        const qreal bottom = std::min(t.ys.back(), exposed.bottom());
        if (t.x1 < exposed.left() || t.x0 > exposed.right() || top > bottom)
            continue;
        painter->drawLine(QLineF(t.x1, top, t.x1, bottom));
        if (lod < TickLod)
            continue;
        ticks.clear();
        for (auto it = std::lower_bound(t.ys.cbegin(), t.ys.cend(), top); it != t.ys.cend() && *it <= bottom; ++it)
            ticks.emplace_back(t.x0, *it, t.x1, *it);
        if (!ticks.empty())
            painter->drawLines(ticks.data(), int(ticks.size()));
    }

    if (!partial || exposed.intersects(m_arrow.boundingRect())) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_colour);
        painter->drawPolygon(m_arrow);
    }
}

} // namespace chainscope
