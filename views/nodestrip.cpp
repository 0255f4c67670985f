#include "nodestrip.h"

#include <QEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <numeric>

namespace chainscope {

namespace {
constexpr qreal BoxH = 28;
constexpr qreal Pad = 10;        // text to box edge
constexpr qreal MinBox = 56;     // narrowest box: a few letters and the symbol
constexpr qreal MinGap = 26;     // room for the hop's arrow head
constexpr qreal Margin = 6;
constexpr qreal LabelH = 15;     // the hop's interface name above the row
} // namespace

NodeStrip::NodeStrip(QWidget *parent) : QWidget(parent)
{
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
    m_offset = 0;
    relayout();
    updateGeometry();
    update();
}

void NodeStrip::setHops(const std::vector<Hop> &hops, int verdictNode, Verdict::Kind kind)
{
    m_hops = hops;
    m_verdictNode = verdictNode;
    m_kind = kind;
    relayout();
    updateGeometry();
    update();
}

void NodeStrip::setCurrentNode(int node)
{
    if (m_current == node)
        return;
    m_current = node;
    ensureVisible(node);
    update();
}

std::optional<Verdict::Kind> NodeStrip::verdictKind() const
{
    if (m_verdictNode < 0 || m_verdictNode >= m_nodes.size())
        return std::nullopt;
    return m_kind;
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

QString NodeStrip::verdictSuffix(int node) const
{
    if (node != m_verdictNode || node < 0)
        return {};
    const Theme::VerdictLook look = m_theme.verdictLook(m_kind);
    return QLatin1Char(' ') + look.symbol + QLatin1Char(' ') + look.word;
}

QString NodeStrip::nodeLabel(int node) const
{
    if (node < 0 || node >= m_nodes.size())
        return {};
    return m_shownNames.value(node, m_nodes[node]) + verdictSuffix(node);
}

QFont NodeStrip::boldFont() const
{
    QFont bold = font();
    bold.setBold(true);
    return bold;
}

void NodeStrip::relayout()
{
    const int n = int(m_nodes.size());
    const QFontMetricsF fm(boldFont());
    std::vector<qreal> natural, fixed;   // whole label; the part never elided
    natural.resize(size_t(n));
    fixed.resize(size_t(n));
    for (int i = 0; i < n; ++i) {
        fixed[size_t(i)] = fm.horizontalAdvance(verdictSuffix(i)) + 2 * Pad;
        natural[size_t(i)] = std::max(MinBox, fm.horizontalAdvance(m_nodes[i]) + fixed[size_t(i)]);
    }
    // A gap wide enough for the widest interface name drawn over it.
    const QFontMetricsF plain(font());
    qreal gap = 60;
    for (const Hop &h : m_hops)
        gap = std::max(gap, plain.horizontalAdvance(h.via) + 16);
    const qreal avail = std::max<qreal>(0, width() - 2 * Margin);
    const qreal sum = std::accumulate(natural.begin(), natural.end(), qreal(0));
    if (n > 1 && sum + gap * (n - 1) > avail)
        gap = std::max(MinGap, (avail - sum) / (n - 1));
    // Still too wide: the widest boxes give way first (their names are elided), down to a
    // box that keeps its verdict's words; past that the row scrolls.
    m_w = natural;
    const qreal room = avail - gap * std::max(0, n - 1);
    if (n > 0 && sum > room) {
        std::vector<qreal> sorted = natural;
        std::sort(sorted.begin(), sorted.end());
        qreal cap = sorted.back();
        qreal below = 0;   // width of the boxes narrower than the cap
        for (int k = 0; k < n; ++k) {
            const qreal share = (room - below) / (n - k);
            if (share <= sorted[size_t(k)]) {
                cap = share;
                break;
            }
            below += sorted[size_t(k)];
        }
        for (int i = 0; i < n; ++i)
            m_w[size_t(i)] = std::min(natural[size_t(i)], std::max({cap, MinBox, fixed[size_t(i)] + 3 * fm.averageCharWidth()}));
    }
    m_shownNames.clear();
    m_x.assign(size_t(n), 0);
    qreal x = Margin;
    for (int i = 0; i < n; ++i) {
        m_x[size_t(i)] = x;
        x += m_w[size_t(i)] + gap;
        m_shownNames << fm.elidedText(m_nodes[i], Qt::ElideRight, m_w[size_t(i)] - fixed[size_t(i)]);
    }
    m_contentWidth = n > 0 ? x - gap + Margin : 0;
    m_offset = std::clamp(m_offset, 0, std::max(0, int(std::ceil(m_contentWidth - width()))));
    ensureVisible(m_current);
}

void NodeStrip::ensureVisible(int node)
{
    if (node < 0 || node >= int(m_x.size()))
        return;
    const qreal left = m_x[size_t(node)] - Margin;
    const qreal right = m_x[size_t(node)] + m_w[size_t(node)] + Margin;
    if (left < m_offset)
        m_offset = int(left);
    else if (right > m_offset + width())
        m_offset = int(std::ceil(right - width()));
    m_offset = std::clamp(m_offset, 0, std::max(0, int(std::ceil(m_contentWidth - width()))));
}

QRectF NodeStrip::nodeRect(int i) const
{
    if (i < 0 || i >= int(m_x.size()))
        return {};
    return QRectF(m_x[size_t(i)] - m_offset, Margin + LabelH, m_w[size_t(i)], BoxH);
}

QSize NodeStrip::sizeHint() const
{
    // Everything at its natural width (what relayout() gives for an unlimited width).
    const QFontMetricsF fm(boldFont());
    qreal w = 2 * Margin;
    for (int i = 0; i < m_nodes.size(); ++i)
        w += std::max(MinBox, fm.horizontalAdvance(m_nodes[i] + verdictSuffix(i)) + 2 * Pad) + 60;
    return QSize(int(w), int(BoxH + 2 * Margin + LabelH));
}

QSize NodeStrip::minimumSizeHint() const
{
    return QSize(int(2 * MinBox + MinGap + 2 * Margin), int(BoxH + 2 * Margin + LabelH));
}

void NodeStrip::resizeEvent(QResizeEvent *event)
{
    relayout();
    QWidget::resizeEvent(event);
}

void NodeStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), m_theme.sceneBackground);
    const QFont bold = boldFont();
    // Hops first, under the boxes: an arc above the row labelled with the arrival interface.
    for (const Hop &h : m_hops) {
        if (h.from < 0 || h.to < 0 || h.from >= m_nodes.size() || h.to >= m_nodes.size())
            continue;
        const QRectF a = nodeRect(h.from);
        const QRectF b = nodeRect(h.to);
        const bool right = b.center().x() > a.center().x();
        const QPointF s(right ? a.right() : a.left(), a.center().y());
        const QPointF e(right ? b.left() : b.right(), b.center().y());
        p.setPen(QPen(m_theme.marker, 2.5));
        QPainterPath path(s);
        path.cubicTo(s + QPointF(right ? 20 : -20, -20), e + QPointF(right ? -20 : 20, -20), e);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        const QPointF tip = e;
        const qreal dir = right ? -1 : 1;
        QPolygonF head({tip, tip + QPointF(dir * 9, -6), tip + QPointF(dir * 9, 5)});
        p.setBrush(m_theme.marker);
        p.drawPolygon(head);
        p.setPen(m_theme.text);
        p.setFont(font());
        const QRectF label(QPointF(qMin(s.x(), e.x()), 0), QPointF(qMax(s.x(), e.x()), Margin + LabelH - 2));
        p.drawText(label, Qt::AlignHCenter | Qt::AlignBottom,
                   QFontMetricsF(font()).elidedText(h.via, Qt::ElideRight, label.width()));
    }
    for (int i = 0; i < m_nodes.size(); ++i) {
        const QRectF r = nodeRect(i);
        if (r.right() < 0 || r.left() > width())
            continue;
        const bool current = i == m_current;
        const bool verdict = i == m_verdictNode;
        const QColor fill = current ? m_theme.traceRow : m_theme.cardBackground;
        // The verdict's own colour: green only for a packet that got through.
        const QColor border = verdict ? m_theme.verdictLook(m_kind).colour : current ? m_theme.marker : m_theme.cardBorder;
        p.setPen(QPen(border, verdict || current ? 3 : 1));
        p.setBrush(fill);
        p.drawRoundedRect(r, 5, 5);
        p.setFont(bold);
        const QRectF text = r.adjusted(Pad, 0, -Pad, 0);
        if (verdict) {
            // The name in the title colour, the symbol and word in the verdict's.
            const QString name = m_shownNames.value(i);
            const QString suffix = verdictSuffix(i);
            const QFontMetricsF fm(bold);
            const qreal w = fm.horizontalAdvance(name + suffix);
            QRectF t = text;
            t.setLeft(r.center().x() - w / 2);
            p.setPen(m_theme.titleText);
            p.drawText(t, Qt::AlignVCenter | Qt::AlignLeft, name);
            t.setLeft(t.left() + fm.horizontalAdvance(name));
            p.setPen(border);
            p.drawText(t, Qt::AlignVCenter | Qt::AlignLeft, suffix);
        } else {
            p.setPen(m_theme.titleText);
            p.drawText(text, Qt::AlignCenter, m_shownNames.value(i));
        }
    }
    // More nodes than fit: a hint at the side that hides some.
    p.setPen(m_theme.dimText);
    if (m_offset > 0)
        p.drawText(QRectF(0, 0, 14, height()), Qt::AlignCenter, QStringLiteral("\u2039"));
    if (m_contentWidth - m_offset > width() + 1)
        p.drawText(QRectF(width() - 14, 0, 14, height()), Qt::AlignCenter, QStringLiteral("\u203a"));
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

void NodeStrip::wheelEvent(QWheelEvent *event)
{
    const int max = std::max(0, int(std::ceil(m_contentWidth - width())));
    if (max == 0) {
        QWidget::wheelEvent(event);
        return;
    }
    const QPoint delta = event->angleDelta();
    const int step = (std::abs(delta.x()) > std::abs(delta.y()) ? delta.x() : delta.y()) / 2;
    m_offset = std::clamp(m_offset - step, 0, max);
    update();
    event->accept();
}

bool NodeStrip::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        // The node under the pointer by its full name (elided ones especially), else what the strip is.
        const auto *help = static_cast<QHelpEvent *>(event);
        QString tip = tr("The nodes and the packet's hops; click a node to show its graph");
        for (int i = 0; i < m_nodes.size(); ++i)
            if (nodeRect(i).contains(help->pos()))
                tip = m_nodes[i] + verdictSuffix(i);
        QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace chainscope
