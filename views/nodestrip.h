#pragma once

#include "theme.h"
#include "trace.h"

#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

namespace chainscope {

/**
 * The scenario's nodes in a row and the packet's hops between them
 * (master -> flannel.1 -> node02); the node the trace is on is highlighted, the node of the
 * verdict carries the verdict's colour, symbol and word from the Theme. The row fits the
 * width it is given: gaps shrink, then names are elided (the full name is the tooltip), and
 * past that the row scrolls (wheel, or it follows the current node).
 */
class NodeStrip : public QWidget
{
    Q_OBJECT
public:
    struct Hop
    {
        int from = -1;
        int to = -1;
        QString via;     // interface the packet arrives on at `to` ("flannel.1")
    };

    explicit NodeStrip(QWidget *parent = nullptr);

    void setTheme(const Theme &theme);
    void setNodes(const QStringList &names);
    /** The path of a trace and where it ended; verdictNode -1 for none. */
    void setHops(const std::vector<Hop> &hops, int verdictNode, Verdict::Kind kind);
    void setCurrentNode(int node);
    int currentNode() const { return m_current; }
    int verdictNode() const { return m_verdictNode; }
    /** The kind of the verdict shown, if one is. */
    std::optional<Verdict::Kind> verdictKind() const;
    /** The hops as words: "master -> flannel.1 -> node02". */
    QString pathText() const;
    /** The text drawn in a node's box (the name, elided when narrow; the verdict's symbol and word). */
    QString nodeLabel(int node) const;
    /** A node's box in widget coordinates (scrolling applied). */
    QRectF nodeRect(int node) const;
    /** Pixels the row is scrolled by; 0 when everything fits. */
    int scrollOffset() const { return m_offset; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void nodeClicked(int node);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    /** The verdict's part of a label: " ✗ dropped"; empty for other nodes. */
    QString verdictSuffix(int node) const;
    /** Box widths, gap, elided names and the scroll range for the current width. */
    void relayout();
    void ensureVisible(int node);
    QFont boldFont() const;

    Theme m_theme;
    QStringList m_nodes;
    std::vector<Hop> m_hops;
    int m_current = -1;
    int m_verdictNode = -1;
    Verdict::Kind m_kind = Verdict::Uncertain;
    // Layout for the current width (relayout()).
    std::vector<qreal> m_x;        // left of each box, unscrolled
    std::vector<qreal> m_w;        // width of each box
    QStringList m_shownNames;      // names as drawn (elided when narrow)
    qreal m_contentWidth = 0;
    int m_offset = 0;
};

} // namespace chainscope
