#pragma once

#include "trace.h"

#include <QColor>
#include <QPalette>
#include <QString>

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
    /** The accent of nftables chains (their own colour: nft table names say nothing of raw/nat/filter). */
    QColor nftAccent;
    /** A table's accent: both families of a table share one (tableColour has one per table name). */
    QColor tableAccent(TableId table) const { return tableColour[int(table) % TablesPerFamily]; }

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
    QColor caution;          // amber: no route, an uncertain outcome (text, frames)
    QColor cautionRow;       // fill of a row or callout in that tone
    QColor cautionText;      // text on cautionRow
    QColor neutral;          // handed elsewhere: NFQUEUE to a userspace program
    QColor neutralRow;

    /** What a verdict says about the packet, the same wherever it shows. */
    enum class Tone : quint8 {
        Success,   // delivered, accepted locally: green
        Failure,   // dropped, rejected: red
        Caution,   // no route, uncertain: amber, and the word says which
        Neutral,   // queued to userspace: its fate is decided elsewhere
    };
    static Tone toneOf(Verdict::Kind kind);

    /** How a verdict kind looks: node strip, headline, branch tree, graph row and callout, export. */
    struct VerdictLook
    {
        Tone tone = Tone::Caution;
        QColor colour;             // words, frames, the node strip's border
        QColor row;                // fill of the verdict row on the graph
        QColor rowText;            // text on that row
        QColor calloutBackground;
        QColor calloutBorder;
        QColor calloutText;
        QString symbol;            // ✓ ✗ ⊘ ⚠ ⇥ ?; never the same for success and failure
        QString word;              // "dropped", "no route" (translated)
    };
    VerdictLook verdictLook(Verdict::Kind kind) const;
    /** The colour of a tone (words and frames). */
    QColor toneColour(Tone tone) const;

    /** Row tint for a counter on a log scale: 0 = none, 1 = hottest. */
    QColor heat(double level) const;
};

} // namespace chainscope
