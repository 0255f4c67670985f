#include "theme.h"

#include <QCoreApplication>

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
    t.nftAccent = QColor(0xc2, 0x18, 0x5b);
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
    // compare
    t.diffChanged = QColor(0xff, 0xe4, 0x94);
    t.diffOnlyLeft = QColor(0xff, 0xcc, 0xcc);
    t.diffOnlyRight = QColor(0xc8, 0xf0, 0xcc);
    t.diffChangedMark = QColor(0xc9, 0x8a, 0x00);
    t.diffOnlyLeftMark = QColor(0xc6, 0x28, 0x28);
    t.diffOnlyRightMark = QColor(0x1e, 0x88, 0x3e);
    t.diffDiverge = QColor(0x8e, 0x44, 0xad);
    t.traceRow = QColor(0xff, 0xe0, 0x66);
    t.traceVisited = QColor(0xe4, 0xee, 0xfb);
    t.verdictRow = QColor(0xd3, 0x2f, 0x2f);
    t.verdictText = QColor(0xff, 0xff, 0xff);
    t.acceptVerdictRow = QColor(0xb8, 0xe6, 0xc4);
    t.candidateRow = QColor(0xe6, 0xf4, 0xea);
    t.candidateBorder = QColor(0x1e, 0x88, 0x3e);
    t.insertionLine = QColor(0x1f, 0x6f, 0xeb);
    t.marker = QColor(0xe6, 0x51, 0x00);
    t.markerText = QColor(0xff, 0xff, 0xff);
    t.calloutBackground = QColor(0xff, 0xeb, 0xee);
    t.calloutBorder = QColor(0xc6, 0x28, 0x28);
    t.calloutText = QColor(0x5a, 0x0a, 0x0a);
    t.rewriteBackground = QColor(0xfd, 0xf0, 0xc8);
    t.rewriteText = QColor(0x4a, 0x33, 0x00);
    t.invalidField = QColor(0xd3, 0x2f, 0x2f);
    t.warning = QColor(0xd8, 0x6c, 0x00);
    t.good = QColor(0x1e, 0x88, 0x3e);
    t.caution = QColor(0x9a, 0x67, 0x00);
    t.cautionRow = QColor(0xff, 0xe8, 0xa3);
    t.cautionText = QColor(0x3d, 0x29, 0x00);
    t.neutral = QColor(0x09, 0x69, 0xda);
    t.neutralRow = QColor(0xdd, 0xeb, 0xfd);
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
    t.nftAccent = QColor(0xf0, 0x62, 0x92);
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
    // compare
    t.diffChanged = QColor(0x5c, 0x4a, 0x12);
    t.diffOnlyLeft = QColor(0x6a, 0x26, 0x26);
    t.diffOnlyRight = QColor(0x1f, 0x50, 0x2c);
    t.diffChangedMark = QColor(0xf0, 0xc0, 0x40);
    t.diffOnlyLeftMark = QColor(0xff, 0x6b, 0x6b);
    t.diffOnlyRightMark = QColor(0x4c, 0xc2, 0x6a);
    t.diffDiverge = QColor(0xc3, 0x8b, 0xe0);
    t.traceRow = QColor(0x6a, 0x58, 0x10);
    t.traceVisited = QColor(0x2a, 0x38, 0x4c);
    t.verdictRow = QColor(0xc6, 0x28, 0x28);
    t.verdictText = QColor(0xff, 0xff, 0xff);
    t.acceptVerdictRow = QColor(0x1e, 0x5a, 0x30);
    t.candidateRow = QColor(0x1f, 0x3d, 0x2a);
    t.candidateBorder = QColor(0x4c, 0xc2, 0x6a);
    t.insertionLine = QColor(0x58, 0xa6, 0xff);
    t.marker = QColor(0xff, 0x8a, 0x3d);
    t.markerText = QColor(0x10, 0x10, 0x10);
    t.calloutBackground = QColor(0x4a, 0x1c, 0x1c);
    t.calloutBorder = QColor(0xff, 0x6b, 0x6b);
    t.calloutText = QColor(0xff, 0xe0, 0xe0);
    t.rewriteBackground = QColor(0x4a, 0x3c, 0x10);
    t.rewriteText = QColor(0xff, 0xe8, 0xb0);
    t.invalidField = QColor(0xff, 0x6b, 0x6b);
    t.warning = QColor(0xff, 0xa8, 0x40);
    t.good = QColor(0x4c, 0xc2, 0x6a);
    t.caution = QColor(0xe3, 0xb3, 0x41);
    t.cautionRow = QColor(0x5c, 0x45, 0x0a);
    t.cautionText = QColor(0xff, 0xec, 0xb8);
    t.neutral = QColor(0x58, 0xa6, 0xff);
    t.neutralRow = QColor(0x1c, 0x35, 0x57);
    return t;
}

Theme::Tone Theme::toneOf(Verdict::Kind kind)
{
    switch (kind) {
    case Verdict::Delivered:
    case Verdict::AcceptLocal: return Tone::Success;
    case Verdict::Drop:
    case Verdict::Reject: return Tone::Failure;
    case Verdict::Queue: return Tone::Neutral;
    case Verdict::NoRoute:
    case Verdict::Uncertain: return Tone::Caution;
    }
    return Tone::Caution;
}

QColor Theme::toneColour(Tone tone) const
{
    switch (tone) {
    case Tone::Success: return good;
    case Tone::Failure: return policyDrop;
    case Tone::Caution: return caution;
    case Tone::Neutral: return neutral;
    }
    return caution;
}

Theme::VerdictLook Theme::verdictLook(Verdict::Kind kind) const
{
    VerdictLook l;
    l.tone = toneOf(kind);
    l.colour = toneColour(l.tone);
    switch (l.tone) {
    case Tone::Success:
        l.row = acceptVerdictRow;
        l.rowText = text;
        l.calloutBackground = candidateRow;
        l.calloutBorder = good;
        l.calloutText = text;
        break;
    case Tone::Failure:
        l.row = verdictRow;
        l.rowText = verdictText;
        l.calloutBackground = calloutBackground;
        l.calloutBorder = calloutBorder;
        l.calloutText = calloutText;
        break;
    case Tone::Caution:
        l.row = cautionRow;
        l.rowText = cautionText;
        l.calloutBackground = cautionRow;
        l.calloutBorder = caution;
        l.calloutText = cautionText;
        break;
    case Tone::Neutral:
        l.row = neutralRow;
        l.rowText = text;
        l.calloutBackground = neutralRow;
        l.calloutBorder = neutral;
        l.calloutText = text;
        break;
    }
    switch (kind) {
    case Verdict::Delivered: l.symbol = QStringLiteral("\u2713"); l.word = QCoreApplication::translate("chainscope::Theme", "delivered"); break;
    case Verdict::AcceptLocal: l.symbol = QStringLiteral("\u2713"); l.word = QCoreApplication::translate("chainscope::Theme", "accepted locally"); break;
    case Verdict::Drop: l.symbol = QStringLiteral("\u2717"); l.word = QCoreApplication::translate("chainscope::Theme", "dropped"); break;
    case Verdict::Reject: l.symbol = QStringLiteral("\u2298"); l.word = QCoreApplication::translate("chainscope::Theme", "rejected"); break;
    case Verdict::NoRoute: l.symbol = QStringLiteral("\u26a0"); l.word = QCoreApplication::translate("chainscope::Theme", "no route"); break;
    case Verdict::Queue: l.symbol = QStringLiteral("\u21e5"); l.word = QCoreApplication::translate("chainscope::Theme", "queued to userspace"); break;
    case Verdict::Uncertain: l.symbol = QStringLiteral("?"); l.word = QCoreApplication::translate("chainscope::Theme", "uncertain"); break;
    }
    return l;
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
