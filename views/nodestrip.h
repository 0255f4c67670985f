#pragma once

#include "theme.h"

#include <QStringList>
#include <QWidget>

#include <vector>

namespace chainscope {

/**
 * The scenario's nodes in a row and the packet's hops between them
 * (master -> flannel.1 -> node02); the node the trace is on is highlighted.
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
    void setHops(const std::vector<Hop> &hops, int verdictNode, bool dropped);
    void setCurrentNode(int node);
    int currentNode() const { return m_current; }
    /** The hops as words: "master -> flannel.1 -> node02". */
    QString pathText() const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void nodeClicked(int node);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    QRectF nodeRect(int i) const;

    Theme m_theme;
    QStringList m_nodes;
    std::vector<Hop> m_hops;
    int m_current = -1;
    int m_verdictNode = -1;
    bool m_dropped = false;
};

} // namespace chainscope
