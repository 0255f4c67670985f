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
    // Compare: row tints for rules that differ between two sides (text stays readable on
    // them), and the strong stripe and badge colours drawn beside them.
    QColor diffChanged;
    QColor diffOnlyLeft;
    QColor diffOnlyRight;
    QColor diffChangedMark;
    QColor diffOnlyLeftMark;
    QColor diffOnlyRightMark;
    QColor diffDiverge;      // the step where two traces of one packet part
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

    // Tracing a packet and testing a fix (the packet panel, animation and candidate rules)
    QColor traceRow;         // row of the current trace step
    QColor traceVisited;     // rows the packet passed earlier
    QColor verdictRow;       // the rule or policy row that ends the packet
    QColor verdictText;      // text on verdictRow
    QColor acceptVerdictRow; // the row that accepted (delivered) the packet
    QColor candidateRow;     // a rule the user inserted to test a fix
    QColor candidateBorder;
    QColor insertionLine;    // where a dragged rule would go
    QColor marker;           // the packet
    QColor markerText;
    QColor calloutBackground;
    QColor calloutBorder;
    QColor calloutText;
    QColor rewriteBackground; // DNAT/MASQUERADE/MARK label
    QColor rewriteText;
    QColor invalidField;     // frame of a field holding a bad value
    QColor warning;          // broad changes ("BROAD")
    QColor good;             // delivered

    /** Row tint for a counter on a log scale: 0 = none, 1 = hottest. */
    QColor heat(double level) const;
};

} // namespace chainscope
