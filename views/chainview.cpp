#include "chainview.h"

#include <QGraphicsItem>
#include <QWheelEvent>

#include <cmath>

namespace chainscope {

ChainView::ChainView(QWidget *parent) : QGraphicsView(parent)
{
    setDragMode(ScrollHandDrag);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setTransformationAnchor(AnchorUnderMouse);
    setViewportUpdateMode(SmartViewportUpdate);
    setFocusPolicy(Qt::StrongFocus);
}

qreal ChainView::zoom() const
{
    return transform().m11();
}

void ChainView::setZoom(qreal scale)
{
    scale = qBound(MinZoom, scale, MaxZoom);
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(AnchorViewCenter);
    setTransform(QTransform::fromScale(scale, scale));
    setTransformationAnchor(anchor);
    Q_EMIT zoomChanged(scale);
}

void ChainView::zoomIn()
{
    setZoom(zoom() * 1.25);
}

void ChainView::zoomOut()
{
    setZoom(zoom() / 1.25);
}

void ChainView::fitAll()
{
    if (!scene())
        return;
    fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    Q_EMIT zoomChanged(zoom());
}

void ChainView::zoomToSelection()
{
    if (!scene())
        return;
    QRectF r;
    const QList<QGraphicsItem *> selected = scene()->selectedItems();
    for (QGraphicsItem *item : selected)
        r |= item->sceneBoundingRect();
    if (r.isEmpty())
        return;
    fitInView(r.adjusted(-40, -40, 40, 40), Qt::KeepAspectRatio);
    if (zoom() > 1.5)
        setZoom(1.5);
    else
        Q_EMIT zoomChanged(zoom());
}

void ChainView::focusItem(QGraphicsItem *item)
{
    if (!item)
        return;
    if (zoom() < ReadableZoom)
        setZoom(ReadableZoom);
    const QRectF r = item->sceneBoundingRect();
    // Title at the top of the viewport when the card is taller than the view.
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    if (r.height() > visible.height())
        centerOn(r.center().x(), r.top() + visible.height() / 2 - 20);
    else
        centerOn(r.center());
}

void ChainView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const qreal steps = event->angleDelta().y() / 120.0;
        setZoom(zoom() * std::pow(1.2, steps));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

} // namespace chainscope
