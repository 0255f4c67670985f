#pragma once

#include <QGraphicsView>

namespace chainscope {

/** The graph viewport: Ctrl+wheel and keys zoom, drag and arrows pan, fit and zoom to selection. */
class ChainView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit ChainView(QWidget *parent = nullptr);

    qreal zoom() const;
    void setZoom(qreal scale);

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fitAll();
    void zoomToSelection();
    /** Brings an item into view at a readable zoom. */
    void focusItem(QGraphicsItem *item);

Q_SIGNALS:
    /** The scale changed (zoom in/out, fit, wheel), for views kept in step. */
    void zoomChanged(qreal scale);

protected:
    void wheelEvent(QWheelEvent *event) override;

private:
    static constexpr qreal MinZoom = 0.03;
    static constexpr qreal MaxZoom = 4.0;
    static constexpr qreal ReadableZoom = 0.85;
};

} // namespace chainscope
