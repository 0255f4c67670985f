#include "calloutitem.h"

#include <QFontMetricsF>
#include <QPainter>

namespace chainscope {

namespace {
constexpr qreal Pad = 8;
}

CalloutItem::CalloutItem(const QColor &background, const QColor &border, const QColor &text, qreal width, qreal pixelSize)
    : m_background(background), m_border(border), m_textColour(text), m_width(width)
{
    m_font.setPixelSize(int(pixelSize));
    m_font.setBold(true);
    setZValue(40);
}

QRectF CalloutItem::boundingRect() const
{
    QRectF r = m_box;
    if (m_hasAnchor)
        r = r.united(QRectF(m_anchor, QSizeF(1, 1)));
    return r.adjusted(-6, -6, 6, 6);
}

void CalloutItem::setText(const QString &text)
{
    prepareGeometryChange();
    m_text = text;
    const QFontMetricsF fm(m_font);
    const QRectF textRect = fm.boundingRect(QRectF(0, 0, m_width - 2 * Pad, 10000), Qt::TextWordWrap | Qt::AlignLeft, text);
    m_box = QRectF(0, 0, m_width, textRect.height() + 2 * Pad);
}

void CalloutItem::setColours(const QColor &background, const QColor &border, const QColor &text)
{
    m_background = background;
    m_border = border;
    m_textColour = text;
    update();
}

void CalloutItem::setAnchor(const QPointF &scenePos)
{
    prepareGeometryChange();
    m_anchor = mapFromScene(scenePos);
    m_hasAnchor = true;
}

void CalloutItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    if (m_hasAnchor) {
        const QPointF from(m_anchor.x() < m_box.left() ? m_box.left() : m_box.right(), m_box.center().y());
        painter->setPen(QPen(m_border, 2.5));
        painter->drawLine(from, m_anchor);
        painter->setBrush(m_border);
        painter->drawEllipse(m_anchor, 4, 4);
    }
    painter->setPen(QPen(m_border, 2));
    painter->setBrush(m_background);
    painter->drawRoundedRect(m_box, 5, 5);
    painter->setFont(m_font);
    painter->setPen(m_textColour);
    painter->drawText(m_box.adjusted(Pad, Pad, -Pad, -Pad), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, m_text);
}

} // namespace chainscope
