#pragma once

#include "theme.h"

#include <QFont>
#include <QGraphicsItem>
#include <QString>
#include <QTextLayout>

#include <functional>

namespace chainscope {

/**
 * A note drawn as a callout: a box with the note's text and a leader line to its anchor.
 * Movable (drag, arrow keys), editable (double-click, F2, Enter) and deletable (Delete) through callbacks the
 * owner sets; the item never changes the note itself: the owner pushes an undo command
 * and repositions the item from the model. Geometry is computed in setNote(); paint() draws.
 */
class NoteItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 20 };
    static constexpr qreal Width = 240;

    NoteItem(int id, const Theme &theme);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    int noteId() const { return m_id; }
    void setText(const QString &text);
    QString text() const { return m_text; }
    /** Box at anchor + offset (scene coordinates). */
    void place(const QPointF &anchor, const QPointF &offset);
    QPointF anchor() const { return m_anchor; }
    QRectF boxRect() const { return m_box; }
    /** Where the text is drawn inside the box (local): the lines laid out in setText() fill it. */
    QRectF textRect() const;
    /** The laid-out text's bounding rectangle (local), inside textRect(). */
    QRectF textBounds() const;
    QFont font() const { return m_font; }

    std::function<void(int id, const QPointF &newPos, const QPointF &oldPos)> onMoved;
    std::function<void(int id)> onEdit;
    std::function<void(int id)> onDelete;

protected:
    bool sceneEvent(QEvent *event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    void updateGeometry();

    int m_id = 0;
    QString m_text;
    Theme m_theme;
    QFont m_font;
    QTextLayout m_layout;    // the text's lines, laid out once: paint() draws them at any zoom
    QRectF m_box;            // local
    QPointF m_anchor;        // scene
    QPointF m_anchorLocal;
    QPointF m_pressPos;
};

} // namespace chainscope
