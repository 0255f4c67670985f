#pragma once

#include "theme.h"

#include <QCoreApplication>
#include <QFont>
#include <QGraphicsItem>
#include <QString>

namespace chainscope {

/**
 * "N chains folded": stands for a forest of user chains under one parent until unfolded.
 * A large forest unfolds a batch at a time (batch > 0): the hint says how many come next.
 */
class FoldItem : public QGraphicsItem
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::FoldItem)
public:
    enum { Type = UserType + 2 };
    static constexpr qreal Width = 420;
    static constexpr qreal Height = 44;

    FoldItem(quint32 group, int count, const QString &parentName, int batch, const Theme &theme);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    /** The key of the parent chain the folded chains hang under. */
    quint32 group() const { return m_group; }
    int count() const { return m_count; }

private:
    quint32 m_group = 0;
    int m_count = 0;
    QString m_text;
    QString m_hint;
    QString m_printHint;   // in exports: no "double-click"
    Theme m_theme;
    QFont m_font;
    QFont m_smallFont;
};

} // namespace chainscope
