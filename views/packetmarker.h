#pragma once

#include <QColor>
#include <QGraphicsItem>

namespace chainscope {

/** The packet on the graph: a disc with an arrow, moved by the trace animation. */
class PacketMarker : public QGraphicsItem
{
public:
    enum { Type = UserType + 11 };
    static constexpr qreal Radius = 11;

    PacketMarker(const QColor &fill, const QColor &outline);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QColor m_fill;
    QColor m_outline;
};

} // namespace chainscope
