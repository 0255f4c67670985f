#include "folditem.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace chainscope {

FoldItem::FoldItem(quint32 group, int count, const QString &parentName, int batch, const Theme &theme)
    : m_group(group), m_count(count), m_theme(theme)
{
    setFlag(ItemIsSelectable);
    setCacheMode(DeviceCoordinateCache);
    m_text = tr("%n chain(s) folded", nullptr, count);
    m_hint = batch > 0 && count > batch ? tr("under %1 — double-click to show %n more", nullptr, batch).arg(parentName)
                                        : tr("under %1 — double-click to unfold").arg(parentName);
    m_printHint = tr("under %1").arg(parentName);
    m_font.setPointSizeF(10);
    m_font.setBold(true);
    m_smallFont.setPointSizeF(8);
    setToolTip(tr("%1 under %2; double-click, search or select one in the tree to unfold")
                   .arg(m_text, parentName));
}

QRectF FoldItem::boundingRect() const
{
    return QRectF(0, 0, Width, Height).adjusted(-1.5, -1.5, 1.5, 1.5);
}

void FoldItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *widget)
{
    const QRectF r(0, 0, Width, Height);
    painter->setPen(QPen(isSelected() ? m_theme.cardSelectedBorder : m_theme.cardBorder, isSelected() ? 3 : 1,
                         Qt::DashLine));
    painter->setBrush(m_theme.foldBackground);
    painter->drawRoundedRect(r, 6, 6);
    painter->setPen(m_theme.text);
    painter->setFont(m_font);
    painter->drawText(r.adjusted(10, 4, -10, -Height / 2), Qt::AlignLeft | Qt::AlignVCenter, m_text);
    painter->setFont(m_smallFont);
    painter->setPen(m_theme.dimText);
    // No widget: rendered into a picture (export, print), where double-clicking means nothing.
    painter->drawText(r.adjusted(10, Height / 2, -10, -4), Qt::AlignLeft | Qt::AlignVCenter, widget ? m_hint : m_printHint);
}

} // namespace chainscope
