// chainscope-cli export: the window's SVG export, headless. Kept apart from cli.cpp because
// it is the only command that needs views/ (a ChainScene, hence a QApplication).
#include "cli.h"

#include "chaincard.h"
#include "chainscene.h"
#include "explain.h"
#include "noteitem.h"
#include "pathfigure.h"
#include "reportwriter.h"
#include "svgexporter.h"

#include <QApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QTextStream>

namespace chainscope {

int Cli::exportPicture(const QStringList &args)
{
    if (args.isEmpty())
        return usage();
    if (!qobject_cast<QApplication *>(QCoreApplication::instance())) {
        m_err << tr("export: needs the GUI libraries (run chainscope-cli, which starts them for export)") << '\n';
        m_err.flush();
        return 1;
    }
    Scenario sc;
    if (!loadScenario(args.front(), sc))
        return 1;
    TraceArgs t;
    QString svg, png, pdf, nodeName, figure = QStringLiteral("path"), layout, pageName, width;
    QStringList notes;
    auto bad = [&](const QString &opt, const QString &msg) {
        m_err << opt << ": " << msg << '\n';
        m_err.flush();
        return 1;
    };
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        QString *target = a == QLatin1String("--svg") ? &svg : a == QLatin1String("--png") ? &png
                        : a == QLatin1String("--pdf") ? &pdf : a == QLatin1String("--node") ? &nodeName
                        : a == QLatin1String("--figure") ? &figure : a == QLatin1String("--layout") ? &layout
                        : a == QLatin1String("--page") ? &pageName : a == QLatin1String("--width") ? &width : nullptr;
        if (target || a == QLatin1String("--note")) {
            if (i + 1 >= args.size())
                return bad(a, tr("needs a value"));
            if (target)
                *target = args[++i];
            else
                notes << args[++i];
            continue;
        }
        const int taken = traceOption(args, i, sc, t);
        if (taken < 0)
            return 1;
        if (taken == 0)
            return bad(a, tr("unknown option"));
    }
    if (svg.isEmpty() && png.isEmpty() && pdf.isEmpty())
        return bad(QStringLiteral("--svg"), tr("is required (or --png, --pdf): where to write the picture"));
    if (figure != QLatin1String("path") && figure != QLatin1String("node"))
        return bad(QStringLiteral("--figure"), tr("is path (the chains the packet crossed) or node (the whole graph of one node)"));
    if (!layout.isEmpty() && layout != QLatin1String("side") && layout != QLatin1String("pages"))
        return bad(QStringLiteral("--layout"), tr("is side (nodes side by side) or pages (a page per node)"));
    PathFigureOptions figureOptions;
    if (!pageName.isEmpty()) {
        if (pageName.compare(QLatin1String("a4"), Qt::CaseInsensitive) == 0)
            figureOptions.page = QPageSize::A4;
        else if (pageName.compare(QLatin1String("letter"), Qt::CaseInsensitive) == 0)
            figureOptions.page = QPageSize::Letter;
        else
            return bad(QStringLiteral("--page"), tr("is a4 or letter"));
    }
    if (!width.isEmpty()) {
        bool ok = false;
        figureOptions.width = width.toDouble(&ok);
        if (!ok || figureOptions.width < 300 || figureOptions.width > 20000)
            return bad(QStringLiteral("--width"), tr("is a width in pixels, 300 to 20000"));
    }
    if (figure == QLatin1String("path") && !t.haveFrom && !t.haveDst) {
        // The path figure draws a packet's path: without one, the scenario's first packet
        // (as report and the window offer it first), else the whole graph.
        if (!sc.packets.empty()) {
            t.spec = sc.packets.front().spec;
            t.haveFrom = t.haveDst = true;
        } else {
            figure = QStringLiteral("node");
        }
    }
    const bool traced = t.haveFrom || t.haveDst;
    if (traced && !checkTraceArgs(t))
        return 1;

    Scenario changed = sc;
    for (const Edit &e : t.edits) {
        QString error;
        if (!WhatIf::apply(changed, e, error))
            return bad(e.kind == Edit::Insert ? QStringLiteral("--insert") : QStringLiteral("--policy"), error);
    }
    std::optional<Trace> trace;
    const Branch *branch = nullptr;
    int branchIndex = -1;
    if (traced) {
        trace = Simulator::trace(changed, t.spec, t.options);
        // The branch the window shows first: one that fails, else the first.
        for (size_t i = 0; i < trace->branches.size() && branchIndex < 0; ++i)
            if (trace->branches[i].verdict.kind == Verdict::Drop || trace->branches[i].verdict.kind == Verdict::Reject)
                branchIndex = int(i);
        if (branchIndex < 0 && !trace->branches.empty())
            branchIndex = 0;
        branch = branchIndex >= 0 ? &trace->branches[size_t(branchIndex)] : nullptr;
    }
    int node = 0;
    if (!nodeName.isEmpty()) {
        node = changed.nodeIndex(nodeName);
        if (node < 0)
            return bad(QStringLiteral("--node"), tr("no node named \"%1\" in the scenario").arg(nodeName));
        // The branch to draw on that node: one decided there (failing first), else one passing through.
        if (trace) {
            int pick = -1;
            for (int pass = 0; pass < 3 && pick < 0; ++pass)
                for (size_t i = 0; i < trace->branches.size() && pick < 0; ++i) {
                    const Branch &b = trace->branches[i];
                    const bool fails = b.verdict.kind == Verdict::Drop || b.verdict.kind == Verdict::Reject;
                    const bool here = b.verdict.node == node;
                    const bool through = std::any_of(b.steps.begin(), b.steps.end(), [node](const Step &s) { return s.node == node; });
                    if ((pass == 0 && here && fails) || (pass == 1 && here) || (pass == 2 && through))
                        pick = int(i);
                }
            if (pick >= 0) {
                branchIndex = pick;
                branch = &trace->branches[size_t(pick)];
            }
        }
    } else if (branch) {
        node = branch->verdict.node;   // where the packet was decided
    }
    if (changed.nodes.empty())
        return bad(args.front(), tr("the scenario has no nodes"));

    ExportHeader header;
    header.scenario = sc.name.isEmpty() ? QFileInfo(sc.path).fileName() : sc.name;
    for (const Node &n : sc.nodes)
        header.nodes << n.name;
    if (trace)
        header.packet = PathFigure::packetLine(changed, *trace, branchIndex);
    if (branch)
        header.verdict = SvgExporter::verdictSummary(changed, *trace, branchIndex);
    header.date = ReportWriter::reportDate();
    header.version = QStringLiteral(CHAINSCOPE_VERSION);
    QString error;

    if (figure == QLatin1String("path")) {
        // The default: the chains the packet crossed, a page-sized figure.
        if (!nodeName.isEmpty())
            figureOptions.node = node;
        QList<FigureNote> figureNotes;
        for (const QString &n : std::as_const(notes))
            figureNotes << FigureNote{n, changed.nodes[size_t(node)].name, TableId::Filter, QString(), 0, QString(), QString()};
        const Trace none;
        auto write = [&](bool onePerPage, auto fn, const QString &file) {
            PathFigureOptions o = figureOptions;
            o.onePerPage = layout.isEmpty() ? onePerPage : layout == QLatin1String("pages");
            const PathFigure fig(changed, trace ? *trace : none, branchIndex, header, figureNotes, o);
            return (fig.*fn)(file, &error);
        };
        // SVG and PNG: nodes side by side on one page; PDF: a page per node (unless --layout says).
        if ((!svg.isEmpty() && !write(false, &PathFigure::writeSvg, svg)) || (!png.isEmpty() && !write(false, &PathFigure::writePng, png))
            || (!pdf.isEmpty() && !write(true, &PathFigure::writePdf, pdf))) {
            m_err << error << '\n';
            m_err.flush();
            return 1;
        }
        for (const QString &f : {svg, png, pdf})
            if (!f.isEmpty())
                m_out << tr("wrote %1").arg(f) << '\n';
        m_out.flush();
        return 0;
    }

    const Theme theme = Theme::light();
    ChainScene scene;
    scene.setRuleset(&changed.nodes[size_t(node)].rules, theme);
    QPointF noteAnchor;
    if (branch)
        // Unfold every chain the packet went through, as the window does while tracing.
        for (const Step &s : branch->steps)
            if (s.node == node && s.chain >= 0)
                scene.reveal(s.table, s.chain);
    ExportPanel panel;
    panel.scene = &scene;
    panel.title = changed.nodes[size_t(node)].name;
    panel.scenario = &changed;
    panel.branch = branch;
    panel.node = node;
    const bool haveAnchor = branch && SvgExporter::verdictPoint(panel, noteAnchor);
    if (!haveAnchor)
        noteAnchor = scene.itemsBoundingRect().topLeft() + QPointF(ChainCard::Width, 60);
    // Notes pinned at the verdict row, stacked above it as the window staggers them.
    for (int i = 0; i < notes.size(); ++i) {
        auto *item = new NoteItem(i + 1, theme);
        item->setText(notes[i]);
        scene.addItem(item);
        // Below the card, under the verdict callout the exporter draws there.
        const ChainCard *card = haveAnchor ? scene.cardAt(noteAnchor - QPointF(5, 0)) : nullptr;
        const qreal below = card ? card->sceneBoundingRect().bottom() - noteAnchor.y() + 120 : 60;
        item->place(noteAnchor, haveAnchor ? QPointF(-ChainCard::Width + 40, below + 80 * i) : QPointF(60, 80 * i));
    }

    const SvgExporter exporter(header, {panel}, theme);
    if ((!svg.isEmpty() && !exporter.writeSvg(svg, &error)) || (!png.isEmpty() && !exporter.writePng(png, &error))
        || (!pdf.isEmpty() && !exporter.writePdf(pdf, &error))) {
        m_err << error << '\n';
        m_err.flush();
        return 1;
    }
    for (const QString &f : {svg, png, pdf})
        if (!f.isEmpty())
            m_out << tr("wrote %1").arg(f) << '\n';
    m_out.flush();
    return 0;
}

} // namespace chainscope
