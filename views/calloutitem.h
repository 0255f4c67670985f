#pragma once

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QString>

namespace chainscope {

/**
 * A boxed text on the graph with a leader line to the thing it explains: the verdict
 * ("dropped by the chain's policy DROP; ...") and header rewrites (DNAT, MASQUERADE, MARK).
 * Text layout is computed in setText(); paint() only draws.
 */
class CalloutItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 10 };

    CalloutItem(const QColor &background, const QColor &border, const QColor &text, qreal width, qreal pixelSize);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    void setText(const QString &text);
    void setColours(const QColor &background, const QColor &border, const QColor &text);
    QString text() const { return m_text; }
    QColor borderColour() const { return m_border; }
    /** The point (scene coordinates) the leader line goes to; the box stays at pos(). */
    void setAnchor(const QPointF &scenePos);
    QRectF boxRect() const { return m_box; }

private:
    QString m_text;
    QColor m_background;
    QColor m_border;
    QColor m_textColour;
    QFont m_font;
    qreal m_width = 300;
    QRectF m_box;
    QPointF m_anchor;       // local
    bool m_hasAnchor = false;
};

} // namespace chainscope
