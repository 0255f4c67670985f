#include "theme.h"

namespace chainscope {

Theme Theme::fromPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? dark() : light();
}

Theme Theme::light()
{
    Theme t;
    t.isDark = false;
    t.sceneBackground = QColor(0xf4, 0xf5, 0xf7);
    t.laneBackground = QColor(0xe8, 0xeb, 0xf0);
    t.laneText = QColor(0x4a, 0x55, 0x68);
    t.cardBackground = QColor(0xff, 0xff, 0xff);
    t.cardBorder = QColor(0x9a, 0xa5, 0xb4);
    t.cardSelectedBorder = QColor(0x1f, 0x6f, 0xeb);
    t.titleBackground = QColor(0xdd, 0xe4, 0xee);
    t.titleText = QColor(0x10, 0x18, 0x28);
    t.text = QColor(0x1a, 0x1a, 0x1a);
    t.dimText = QColor(0x8a, 0x8f, 0x98);
    t.rowSelected = QColor(0xc6, 0xdb, 0xff);
    t.heatHot = QColor(0xff, 0x8a, 0x3d);
    t.policyAccept = QColor(0x1e, 0x88, 0x3e);
    t.policyDrop = QColor(0xc6, 0x28, 0x28);
    t.edge = QColor(0x5a, 0x67, 0x7d);
    t.gotoEdge = QColor(0x8e, 0x44, 0xad);
    t.foldBackground = QColor(0xee, 0xe6, 0xd2);
    t.tableColour[0] = QColor(0x7f, 0x8c, 0x8d); // raw
    t.tableColour[1] = QColor(0x8e, 0x44, 0xad); // mangle
    t.tableColour[2] = QColor(0x27, 0x80, 0xb9); // nat
    t.tableColour[3] = QColor(0xd3, 0x54, 0x00); // filter
    t.tableColour[4] = QColor(0x16, 0xa0, 0x85); // security
    t.hlTable = QColor(0x8e, 0x44, 0xad);
    t.hlChain = QColor(0x27, 0x60, 0xa0);
    t.hlOption = QColor(0x60, 0x60, 0x60);
    t.hlAddress = QColor(0x00, 0x7a, 0x7a);
    t.hlAccept = QColor(0x1e, 0x88, 0x3e);
    t.hlDrop = QColor(0xc6, 0x28, 0x28);
    t.hlTarget = QColor(0xb0, 0x5a, 0x00);
    t.hlComment = QColor(0x7a, 0x7a, 0x7a);
    t.hlCounter = QColor(0x99, 0x99, 0x99);
    t.hlCurrentLine = QColor(0xff, 0xf3, 0xb0);
    return t;
}

Theme Theme::dark()
{
    Theme t;
    t.isDark = true;
    t.sceneBackground = QColor(0x1e, 0x20, 0x24);
    t.laneBackground = QColor(0x27, 0x2a, 0x30);
    t.laneText = QColor(0xa8, 0xb2, 0xc0);
    t.cardBackground = QColor(0x2d, 0x31, 0x38);
    t.cardBorder = QColor(0x5a, 0x63, 0x70);
    t.cardSelectedBorder = QColor(0x58, 0xa6, 0xff);
    t.titleBackground = QColor(0x3a, 0x40, 0x4a);
    t.titleText = QColor(0xf0, 0xf2, 0xf5);
    t.text = QColor(0xe0, 0xe3, 0xe8);
    t.dimText = QColor(0x80, 0x87, 0x90);
    t.rowSelected = QColor(0x1f, 0x4a, 0x80);
    t.heatHot = QColor(0xc0, 0x50, 0x10);
    t.policyAccept = QColor(0x4c, 0xc2, 0x6a);
    t.policyDrop = QColor(0xff, 0x6b, 0x6b);
    t.edge = QColor(0x8a, 0x96, 0xa8);
    t.gotoEdge = QColor(0xc3, 0x8b, 0xe0);
    t.foldBackground = QColor(0x44, 0x3e, 0x30);
    t.tableColour[0] = QColor(0x95, 0xa5, 0xa6);
    t.tableColour[1] = QColor(0xb0, 0x7c, 0xd0);
    t.tableColour[2] = QColor(0x5d, 0xad, 0xe2);
    t.tableColour[3] = QColor(0xf0, 0x8a, 0x3c);
    t.tableColour[4] = QColor(0x48, 0xc9, 0xb0);
    t.hlTable = QColor(0xc3, 0x8b, 0xe0);
    t.hlChain = QColor(0x79, 0xb8, 0xff);
    t.hlOption = QColor(0xa0, 0xa0, 0xa0);
    t.hlAddress = QColor(0x56, 0xd6, 0xc8);
    t.hlAccept = QColor(0x4c, 0xc2, 0x6a);
    t.hlDrop = QColor(0xff, 0x6b, 0x6b);
    t.hlTarget = QColor(0xff, 0xb8, 0x6c);
    t.hlComment = QColor(0x8a, 0x8a, 0x8a);
    t.hlCounter = QColor(0x70, 0x70, 0x70);
    t.hlCurrentLine = QColor(0x3a, 0x3a, 0x20);
    return t;
}

QColor Theme::heat(double level) const
{
    if (level <= 0.0)
        return cardBackground;
    if (level > 1.0)
        level = 1.0;
    // Blend from the card background towards the hot tint; never fully opaque so text stays readable.
    const double k = 0.06 + 0.30 * level;
    return QColor::fromRgbF(float(cardBackground.redF() * (1 - k) + heatHot.redF() * k),
                            float(cardBackground.greenF() * (1 - k) + heatHot.greenF() * k),
                            float(cardBackground.blueF() * (1 - k) + heatHot.blueF() * k));
}

} // namespace chainscope
