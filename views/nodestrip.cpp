#include "nodestrip.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace chainscope {

namespace {
constexpr qreal BoxW = 110;
constexpr qreal BoxH = 30;
constexpr qreal Gap = 120;
constexpr qreal Margin = 8;
} // namespace

NodeStrip::NodeStrip(QWidget *parent) : QWidget(parent)
{
    setToolTip(tr("The nodes and the packet's hops; click a node to show its graph"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void NodeStrip::setTheme(const Theme &theme)
{
    m_theme = theme;
    update();
}

void NodeStrip::setNodes(const QStringList &names)
{
    m_nodes = names;
    m_hops.clear();
    m_current = -1;
    m_verdictNode = -1;
    updateGeometry();
    update();
}

void NodeStrip::setHops(const std::vector<Hop> &hops, int verdictNode, bool dropped)
{
    m_hops = hops;
    m_verdictNode = verdictNode;
    m_dropped = dropped;
    update();
}

void NodeStrip::setCurrentNode(int node)
{
    if (m_current == node)
        return;
    m_current = node;
    update();
}

QString NodeStrip::pathText() const
{
    if (m_hops.empty())
        return m_current >= 0 && m_current < m_nodes.size() ? m_nodes[m_current] : QString();
    QStringList parts;
    parts << m_nodes.value(m_hops.front().from);
    for (const Hop &h : m_hops) {
        if (!h.via.isEmpty())
            parts << h.via;
        parts << m_nodes.value(h.to);
    }
    return parts.join(QStringLiteral(" -> "));
}

QSize NodeStrip::sizeHint() const
{
    return QSize(int(2 * Margin + m_nodes.size() * (BoxW + Gap)), int(BoxH + 2 * Margin + 18));
}

QSize NodeStrip::minimumSizeHint() const
{
    return QSize(200, int(BoxH + 2 * Margin + 18));
}

QRectF NodeStrip::nodeRect(int i) const
{
    return QRectF(Margin + i * (BoxW + Gap), Margin + 16, BoxW, BoxH);
}

void NodeStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), m_theme.sceneBackground);
    QFont bold = font();
    bold.setBold(true);
    // Hops first, under the boxes: an arc above the row labelled with the arrival interface.
    for (const Hop &h : m_hops) {
        if (h.from < 0 || h.to < 0)
            continue;
        const QRectF a = nodeRect(h.from);
        const QRectF b = nodeRect(h.to);
        const bool right = b.center().x() > a.center().x();
        const QPointF s(right ? a.right() : a.left(), a.center().y());
        const QPointF e(right ? b.left() : b.right(), b.center().y());
        p.setPen(QPen(m_theme.marker, 2.5));
        QPainterPath path(s);
        path.cubicTo(s + QPointF(right ? 30 : -30, -22), e + QPointF(right ? -30 : 30, -22), e);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        const QPointF tip = e;
        const qreal dir = right ? -1 : 1;
        QPolygonF head({tip, tip + QPointF(dir * 9, -6), tip + QPointF(dir * 9, 5)});
        p.setBrush(m_theme.marker);
        p.drawPolygon(head);
        p.setPen(m_theme.text);
        p.setFont(font());
        const QRectF label(QPointF(qMin(s.x(), e.x()), 0), QPointF(qMax(s.x(), e.x()), Margin + 14));
        p.drawText(label, Qt::AlignHCenter | Qt::AlignBottom, h.via);
    }
    for (int i = 0; i < m_nodes.size(); ++i) {
        const QRectF r = nodeRect(i);
        const bool current = i == m_current;
        QColor fill = current ? m_theme.traceRow : m_theme.cardBackground;
        QColor border = current ? m_theme.marker : m_theme.cardBorder;
        if (i == m_verdictNode) {
            border = m_dropped ? m_theme.verdictRow : m_theme.good;
        }
        p.setPen(QPen(border, i == m_verdictNode || current ? 3 : 1));
        p.setBrush(fill);
        p.drawRoundedRect(r, 5, 5);
        p.setFont(bold);
        p.setPen(m_theme.titleText);
        QString text = m_nodes[i];
        if (i == m_verdictNode)
            text += m_dropped ? QStringLiteral(" \u2717") : QStringLiteral(" \u2713");
        p.drawText(r, Qt::AlignCenter, text);
    }
}

void NodeStrip::mousePressEvent(QMouseEvent *event)
{
    for (int i = 0; i < m_nodes.size(); ++i)
        if (nodeRect(i).contains(event->position())) {
            Q_EMIT nodeClicked(i);
            return;
        }
    QWidget::mousePressEvent(event);
}

} // namespace chainscope
