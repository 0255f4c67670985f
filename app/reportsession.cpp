#include "reportsession.h"

namespace chainscope {

ReportInput reportInput(const SessionData &d, const Scenario &scenario)
{
    ReportInput in;
    in.scenario = &scenario;
    in.edits = d.edits;
    if (d.packet)
        in.packet = *d.packet;
    in.branchDst = d.branchDst;
    for (const QString &pin : d.pins) {
        // [NODE:]CHAIN:RULE, as chainscope-cli --pin takes them
        const QStringList parts = pin.split(QLatin1Char(':'));
        if (parts.size() < 2)
            continue;
        TraceOptions::Pin p;
        p.rule = parts.back().toInt();
        p.chain = parts[parts.size() - 2];
        if (parts.size() > 2)
            p.node = parts.front();
        in.options.pins.push_back(p);
    }
    for (const Note &n : d.notes) {
        FigureNote f;
        f.text = n.text;
        if (n.anchor.kind == NoteAnchor::Rule || n.anchor.kind == NoteAnchor::Chain) {
            f.node = n.anchor.node;
            f.table = n.anchor.table;
            f.chain = n.anchor.chain;
            f.nftTable = n.anchor.nftTable;
            f.ruleText = n.anchor.kind == NoteAnchor::Rule ? n.anchor.ruleText : QString();
            f.rule = n.anchor.kind == NoteAnchor::Rule ? n.anchor.rule : 0;
        } else if (!n.anchor.node.isEmpty()) {
            f.node = n.anchor.node;
        }
        in.notes << f;
    }
    in.date = ReportWriter::reportDate();
    in.version = QStringLiteral(CHAINSCOPE_VERSION);
    return in;
}

} // namespace chainscope
