#pragma once

#include <QColor>
#include <QPalette>

namespace chainscope {

/**
 * Every colour the views paint with, in one place. Light and dark variants are chosen
 * from the palette's window colour, so the views follow the desktop theme.
 */
class Theme
{
public:
    /** Light or dark from the palette (dark when the window colour is dark). */
    static Theme fromPalette(const QPalette &palette);
    static Theme light();
    static Theme dark();

    bool isDark = false;
    QColor sceneBackground;
    QColor laneBackground;
    QColor laneText;
    QColor cardBackground;
    QColor cardBorder;
    QColor cardSelectedBorder;
    QColor titleBackground;
    QColor titleText;
    QColor text;
    QColor dimText;
    QColor rowSelected;
    QColor heatHot;          // tint at the highest counter
    QColor policyAccept;
    QColor policyDrop;
    QColor edge;
    QColor gotoEdge;
    QColor foldBackground;
    /** Per-table colour of the far level-of-detail bar and the title accent. */
    QColor tableColour[5];

    // Dump highlighting
    QColor hlTable;
    QColor hlChain;
    QColor hlOption;
    QColor hlAddress;
    QColor hlAccept;
    QColor hlDrop;
    QColor hlTarget;
    QColor hlComment;
    QColor hlCounter;
    QColor hlCurrentLine;

    /** Row tint for a counter on a log scale: 0 = none, 1 = hottest. */
    QColor heat(double level) const;
};

} // namespace chainscope
