#include "svgexporter.h"
#include "text.h"

#include "calloutitem.h"
#include "chaincard.h"
#include "chainscene.h"
#include "edgeitem.h"
#include "explain.h"
#include "folditem.h"
#include "noteitem.h"

#include <QBuffer>
#include <QFile>
#include <QFontMetricsF>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QScopeGuard>
#include <QRegularExpression>
#include <QSaveFile>
#include <QXmlStreamWriter>

#include <algorithm>
#include <cmath>

namespace chainscope {

namespace {
constexpr qreal Margin = 24;
constexpr qreal HeaderLine = 18;
constexpr qreal TitleSize = 22;
constexpr qreal LegendHeight = 34;
constexpr qreal PanelTitle = 30;
constexpr qreal PanelGap = 48;
constexpr qreal TextPx = 11;
// ChainCard's row columns: the export lays text out the same way.
constexpr qreal TargetX = ChainCard::TargetX;
constexpr qreal TargetW = ChainCard::TargetW;
constexpr qreal CountW = ChainCard::PacketsW;
constexpr qreal Pad = ChainCard::Pad;
constexpr qreal VerdictCalloutW = 300;

QString num(qreal v)
{
    return QString::number(std::round(v * 100) / 100, 'f', 2).remove(QRegularExpression(QStringLiteral("\\.?0+$")));
}

QFont textFont(qreal px, bool bold = false)
{
    QFont f;
    f.setPixelSize(int(px));
    f.setBold(bold);
    return f;
}

/** Word wrap for <text>: SVG has none, so lines are broken with the font's metrics. */
QStringList wrap(const QString &text, const QFont &font, qreal width)
{
    const QFontMetricsF fm(font);
    QStringList lines;
    for (const QString &para : text.split(QLatin1Char('\n'))) {
        QString line;
        for (const QString &word : para.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QString candidate = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
            if (!line.isEmpty() && fm.horizontalAdvance(candidate) > width) {
                lines << line;
                line = word;
            } else {
                line = candidate;
            }
        }
        lines << line;
    }
    return lines;
}

QString pathData(const QPainterPath &p)
{
    QString d;
    for (int i = 0; i < p.elementCount(); ++i) {
        const QPainterPath::Element e = p.elementAt(i);
        switch (e.type) {
        case QPainterPath::MoveToElement:
            d += QStringLiteral("M%1 %2 ").arg(num(e.x), num(e.y));
            break;
        case QPainterPath::LineToElement:
            d += QStringLiteral("L%1 %2 ").arg(num(e.x), num(e.y));
            break;
        case QPainterPath::CurveToElement:
            d += QStringLiteral("C%1 %2 ").arg(num(e.x), num(e.y));
            break;
        case QPainterPath::CurveToDataElement:
            d += QStringLiteral("%1 %2 ").arg(num(e.x), num(e.y));
            break;
        }
    }
    return d.trimmed();
}

struct LegendEntry
{
    QColor fill;
    QColor border;
    bool dashed = false;
    bool line = false;
    QString label;
    QString cls;
};

/** Row state from the trace: what the exported picture shows on each row. */
enum RowState { Visited = 1, Matched = 2, VerdictRow = 3 };

struct PathInfo
{
    QHash<const ChainCard *, QHash<int, int>> rows;
    QList<QPointF> points;
    const ChainCard *verdictCard = nullptr;
    int verdictRow = -1;
    QString verdictText;
    bool accepted = false;
    Verdict::Kind kind = Verdict::Uncertain;   // drawn in the Theme's look of the kind
    /** Header rewrites (DNAT, MASQUERADE, MARK...) beside the rows that made them. */
    struct Rewrite
    {
        QPointF anchor;    // the row's right end
        QRectF box;
        QString text;
    };
    QList<Rewrite> rewrites;
};

constexpr qreal RewriteCalloutW = 270;

QFont rewriteFont()
{
    return textFont(12, false);
}

PathInfo tracePath(const ExportPanel &panel)
{
    PathInfo info;
    if (!panel.branch || !panel.scenario || panel.node < 0 || !panel.scene)
        return info;
    const Branch &b = *panel.branch;
    for (size_t k = 0; k < b.steps.size(); ++k) {
        const Step &s = b.steps[k];
        const bool nftStep = s.kind == Step::NftRule || s.kind == Step::NftPolicy;
        if (s.node != panel.node || (s.kind != Step::RuleEval && s.kind != Step::Policy && !nftStep))
            continue;
        const ChainCard *card = panel.scene->card(nftStep ? ChainCard::NftTable : s.table, s.chain);
        if (!card || !card->isVisible())
            continue;
        const int row = s.kind == Step::Policy || s.kind == Step::NftPolicy ? card->policyRow() : s.rule;
        if (row < 0 || row >= int(card->rows().size()))
            continue;
        int &state = info.rows[card][row];
        state = std::max(state, s.matched || s.kind == Step::Policy || s.kind == Step::NftPolicy ? int(Matched) : int(Visited));
        const QRectF r = card->mapRectToScene(card->rowRect(row));
        info.points << QPointF(r.left() + 3, r.center().y());
        // Where the window shows its rewrite callout during the animation.
        if (const QString rw = Explain::rewrite(*panel.scenario, b, int(k)); !rw.isEmpty()) {
            const QStringList lines = wrap(rw, rewriteFont(), RewriteCalloutW - 20);
            const qreal h = lines.size() * QFontMetricsF(rewriteFont()).lineSpacing() + 14;
            const QRectF cardRect = card->sceneBoundingRect();
            QRectF box(cardRect.right() + 36, r.top() - 8, RewriteCalloutW, h);
            for (const PathInfo::Rewrite &other : std::as_const(info.rewrites)) {
                // KUBE-POSTROUTING clears the mark and masquerades a row later: stack them.
                if (other.box.intersects(box.adjusted(0, -6, 0, 6)))
                    box.moveTop(other.box.bottom() + 6);
            }
            info.rewrites.append({QPointF(cardRect.right(), r.center().y()), box, rw});
        }
    }
    const Verdict &v = b.verdict;
    info.accepted = v.kind == Verdict::Delivered || v.kind == Verdict::AcceptLocal;
    info.kind = v.kind;
    info.verdictText = Explain::verdictLine(*panel.scenario, v);
    TableId vTable = v.table;
    int vChain = v.chain, vRule = v.rule;
    if (v.node == panel.node && v.chain < 0 && info.accepted) {
        // Delivered: the ACCEPT rule that let the packet through on its last node.
        const Ruleset &rs = panel.scenario->nodes[size_t(panel.node)].rules;
        for (auto it = b.steps.rbegin(); it != b.steps.rend(); ++it)
            if (it->node == panel.node && it->kind == Step::RuleEval && it->matched && it->chain >= 0 && it->rule >= 0
                && rs.table(it->table).chains[size_t(it->chain)].rules[size_t(it->rule)].target.kind == Target::Accept) {
                vTable = it->table;
                vChain = it->chain;
                vRule = it->rule + 1;
                break;
            }
    }
    if (v.nftChain >= 0) {
        vTable = ChainCard::NftTable;
        vChain = v.nftChain;
    }
    if (v.node == panel.node && vChain >= 0) {
        if (const ChainCard *card = panel.scene->card(vTable, vChain); card && card->isVisible()) {
            const int row = vRule == 0 ? card->policyRow() : vRule - 1;
            if (row >= 0 && row < int(card->rows().size())) {
                info.verdictCard = card;
                info.verdictRow = row;
                info.rows[card][row] = VerdictRow;
            }
        }
    }
    return info;
}

QList<LegendEntry> legendEntries(const Theme &t)
{
    QList<LegendEntry> l;
    l.append({t.traceRow, t.cardBorder, false, false, SvgExporter::tr("matched rule"), QStringLiteral("matched")});
    l.append({t.traceVisited, t.cardBorder, false, false, SvgExporter::tr("passed, no match"), QStringLiteral("visited")});
    l.append({t.verdictRow, t.cardBorder, false, false, SvgExporter::tr("verdict: drop/reject"), QStringLiteral("verdict-drop")});
    l.append({t.acceptVerdictRow, t.cardBorder, false, false, SvgExporter::tr("verdict: accept"), QStringLiteral("verdict-accept")});
    l.append({t.candidateRow, t.candidateBorder, true, false, SvgExporter::tr("candidate rule"), QStringLiteral("candidate")});
    l.append({t.cardBackground, t.dimText, false, false, SvgExporter::tr("zero hits (dim text)"), QStringLiteral("zero-hit")});
    l.append({t.heat(0.35), t.cardBorder, false, false, QString(), QStringLiteral("heat")});
    l.append({t.heat(0.7), t.cardBorder, false, false, QString(), QStringLiteral("heat")});
    l.append({t.heat(1.0), t.cardBorder, false, false, SvgExporter::tr("heat (packets, log scale)"), QStringLiteral("heat")});
    l.append({t.marker, t.marker, false, true, SvgExporter::tr("packet path"), QStringLiteral("path")});
    l.append({t.cardBackground, t.warning, false, false, SvgExporter::tr("note"), QStringLiteral("note")});
    return l;
}

/** Visible scene items of one kind inside a rectangle, lowest first. */
template<typename T>
QList<T *> itemsOf(const ChainScene *scene, const QRectF &rect)
{
    QList<T *> out;
    const QList<QGraphicsItem *> all = scene->items(rect, Qt::IntersectsItemBoundingRect, Qt::AscendingOrder);
    for (QGraphicsItem *item : all)
        if (T *t = qgraphicsitem_cast<T *>(item); t && t->isVisible())
            out << t;
    return out;
}

class Svg
{
public:
    explicit Svg(QXmlStreamWriter &w) : x(w) {}
    QXmlStreamWriter &x;

    void colour(const char *attr, const QColor &c)
    {
        if (!c.isValid() || c.alpha() == 0) {
            x.writeAttribute(QLatin1String(attr), QStringLiteral("none"));
            return;
        }
        x.writeAttribute(QLatin1String(attr), c.name(QColor::HexRgb));
        if (c.alpha() < 255)
            x.writeAttribute(QLatin1String(attr) + QLatin1String("-opacity"), num(c.alphaF()));
    }
    void rect(const QRectF &r, const QColor &fill, const QColor &stroke = QColor(), qreal width = 1,
              bool dashed = false, qreal radius = 0, const QString &cls = {})
    {
        x.writeStartElement(QStringLiteral("rect"));
        if (!cls.isEmpty())
            x.writeAttribute(QStringLiteral("class"), cls);
        x.writeAttribute(QStringLiteral("x"), num(r.x()));
        x.writeAttribute(QStringLiteral("y"), num(r.y()));
        x.writeAttribute(QStringLiteral("width"), num(r.width()));
        x.writeAttribute(QStringLiteral("height"), num(r.height()));
        if (radius > 0)
            x.writeAttribute(QStringLiteral("rx"), num(radius));
        colour("fill", fill);
        if (stroke.isValid()) {
            colour("stroke", stroke);
            x.writeAttribute(QStringLiteral("stroke-width"), num(width));
            if (dashed)
                x.writeAttribute(QStringLiteral("stroke-dasharray"), QStringLiteral("4 3"));
        }
        x.writeEndElement();
    }
    void text(qreal tx, qreal ty, const QString &s, const QColor &fill, qreal px = TextPx, bool bold = false,
              const char *anchor = nullptr, const QString &cls = {})
    {
        if (s.isEmpty())
            return;
        x.writeStartElement(QStringLiteral("text"));
        if (!cls.isEmpty())
            x.writeAttribute(QStringLiteral("class"), cls);
        x.writeAttribute(QStringLiteral("x"), num(tx));
        x.writeAttribute(QStringLiteral("y"), num(ty));
        x.writeAttribute(QStringLiteral("font-size"), num(px));
        if (bold)
            x.writeAttribute(QStringLiteral("font-weight"), QStringLiteral("bold"));
        if (anchor)
            x.writeAttribute(QStringLiteral("text-anchor"), QLatin1String(anchor));
        colour("fill", fill);
        x.writeCharacters(s);
        x.writeEndElement();
    }
    void line(const QPointF &a, const QPointF &b, const QColor &c, qreal width, bool dashed = false)
    {
        x.writeStartElement(QStringLiteral("line"));
        x.writeAttribute(QStringLiteral("x1"), num(a.x()));
        x.writeAttribute(QStringLiteral("y1"), num(a.y()));
        x.writeAttribute(QStringLiteral("x2"), num(b.x()));
        x.writeAttribute(QStringLiteral("y2"), num(b.y()));
        colour("stroke", c);
        x.writeAttribute(QStringLiteral("stroke-width"), num(width));
        if (dashed)
            x.writeAttribute(QStringLiteral("stroke-dasharray"), QStringLiteral("6 4"));
        x.writeEndElement();
    }
    void circle(const QPointF &c, qreal r, const QColor &fill)
    {
        x.writeStartElement(QStringLiteral("circle"));
        x.writeAttribute(QStringLiteral("cx"), num(c.x()));
        x.writeAttribute(QStringLiteral("cy"), num(c.y()));
        x.writeAttribute(QStringLiteral("r"), num(r));
        colour("fill", fill);
        x.writeEndElement();
    }
    void title(const QString &s)
    {
        x.writeTextElement(QStringLiteral("title"), s);
    }
    /** A boxed, wrapped text with a leader line to an anchor (notes, the verdict). */
    void callout(const QRectF &box, const QPointF &anchor, const QString &textValue, const QFont &font,
                 const QColor &bg, const QColor &border, const QColor &fg, bool dashedLeader, const QString &cls)
    {
        x.writeStartElement(QStringLiteral("g"));
        x.writeAttribute(QStringLiteral("class"), cls);
        title(textValue);
        const QPointF from(anchor.x() < box.center().x() ? box.left() : box.right(), box.center().y());
        line(from, anchor, border, 2, dashedLeader);
        circle(anchor, 4, border);
        rect(box, bg, border, 2, false, 4);
        const QStringList lines = wrap(textValue, font, box.width() - 20);
        const qreal lh = QFontMetricsF(font).lineSpacing();
        qreal y = box.top() + 7 + QFontMetricsF(font).ascent();
        for (const QString &l : lines) {
            text(box.left() + 10, y, l, fg, font.pixelSize(), font.bold());
            y += lh;
        }
        x.writeEndElement();
    }
};

} // namespace

namespace {
/** The QPainter twin of Svg::callout, for PNG and PDF. */
void drawCallout(QPainter *p, const QRectF &box, const QPointF &anchor, const QString &textValue, const QFont &font,
                 const QColor &bg, const QColor &border, const QColor &fg)
{
    const QStringList lines = wrap(textValue, font, box.width() - 20);
    const qreal lh = QFontMetricsF(font).lineSpacing();
    p->setPen(QPen(border, 2));
    p->drawLine(QPointF(anchor.x() < box.center().x() ? box.left() : box.right(), box.center().y()), anchor);
    p->setBrush(border);
    p->drawEllipse(anchor, 4, 4);
    p->setBrush(bg);
    p->drawRoundedRect(box, 4, 4);
    p->setFont(font);
    p->setPen(fg);
    qreal y = box.top() + 7 + QFontMetricsF(font).ascent();
    for (const QString &l : lines) {
        p->drawText(QPointF(box.left() + 10, y), l);
        y += lh;
    }
}
} // namespace

SvgExporter::SvgExporter(const ExportHeader &header, const QList<ExportPanel> &panels, const Theme &theme)
    : m_header(header), m_panels(banded(panels)), m_theme(theme)
{}

namespace {

/** Everything visible in a scene but the plain lines, as the whole-graph panel frames it. */
QRectF wholeRect(const ChainScene *scene)
{
    QRectF r;
    const QList<QGraphicsItem *> all = scene->items();
    for (QGraphicsItem *item : all)
        if (item->isVisible() && item->type() != QGraphicsLineItem::Type)
            r = r.united(item->sceneBoundingRect());
    return r.adjusted(-10, -10, 10, 10);
}

} // namespace

QList<ExportPanel> SvgExporter::banded(const QList<ExportPanel> &panels)
{
    // A page reads best at about 3:2; a whole graph is one row of hook lanes, often 8:1.
    constexpr qreal Aspect = 1.5;
    QList<ExportPanel> out;
    for (const ExportPanel &panel : panels) {
        if (!panel.rect.isEmpty() || !panel.scene) {
            out << panel;
            continue;
        }
        const QRectF whole = wholeRect(panel.scene);
        // The lanes' spans across, left to right (the scene's background rectangles).
        QList<QPair<qreal, qreal>> lanes;
        for (QGraphicsItem *item : panel.scene->items())
            if (item->isVisible() && item->zValue() <= -1.5 && item->type() == QGraphicsRectItem::Type) {
                const QRectF r = item->sceneBoundingRect();
                lanes.append({r.left(), r.right()});
            }
        std::sort(lanes.begin(), lanes.end());
        bool apart = lanes.size() > 1;
        for (int i = 1; i < lanes.size() && apart; ++i)
            apart = lanes[i].first >= lanes[i - 1].second;   // side by side, not one above another
        if (!apart || whole.width() < Aspect * whole.height() * 1.6) {
            out << panel;
            continue;
        }
        // For each number of bands, the cut between lanes with the narrowest widest band (a
        // handful of lanes: every cut is tried); then the count whose page is nearest 3:2.
        const int n = int(lanes.size());
        const auto span = [&](int from, int to) {   // lanes from..to inclusive, as a band
            return (to == n - 1 ? whole.right() : lanes[to].second + 10) - (from == 0 ? whole.left() : lanes[from].first - 10);
        };
        QList<int> bestCuts;   // first lane of every band but the first
        qreal bestScore = std::abs(std::log(whole.width() / whole.height() / Aspect));
        for (quint32 mask = 1; mask < (1u << (n - 1)); ++mask) {
            QList<int> cuts;
            for (int i = 0; i < n - 1; ++i)
                if (mask & (1u << i))
                    cuts << i + 1;
            qreal widest = 0;
            int from = 0;
            for (int k = 0; k <= cuts.size(); ++k) {
                const int to = k < cuts.size() ? cuts[k] - 1 : n - 1;
                widest = std::max(widest, span(from, to));
                from = to + 1;
            }
            const qreal height = (cuts.size() + 1) * whole.height() + cuts.size() * (PanelGap + PanelTitle);
            const qreal score = std::abs(std::log(widest / height / Aspect));
            if (score < bestScore - 1e-9) {
                bestScore = score;
                bestCuts = cuts;
            }
        }
        if (bestCuts.isEmpty()) {
            out << panel;
            continue;
        }
        int from = 0;
        const int parts = int(bestCuts.size()) + 1;
        for (int k = 0; k < parts; ++k) {
            const int to = k < bestCuts.size() ? bestCuts[k] - 1 : n - 1;
            ExportPanel band = panel;
            const qreal left = from == 0 ? whole.left() : lanes[from].first - 10;
            const qreal right = to == n - 1 ? whole.right() : lanes[to].second + 10;
            band.rect = QRectF(left, whole.top(), right - left, whole.height());
            band.title = tr("%1, part %2 of %3").arg(panel.title).arg(k + 1).arg(parts);
            band.newRow = k > 0 || panel.newRow || !out.isEmpty();
            out << band;
            from = to + 1;
        }
    }
    // Panels side by side (a comparison) go one under the other where a row would be a strip.
    qreal rowWidth = 0, rowHeight = 0;
    for (ExportPanel &p : out) {
        const QRectF r = p.rect.isEmpty() && p.scene ? wholeRect(p.scene) : p.rect;
        if (!p.newRow && rowWidth > 0 && rowWidth + PanelGap + r.width() > Aspect * 1.6 * std::max(rowHeight, r.height()))
            p.newRow = true;
        if (p.newRow) {
            rowWidth = 0;
            rowHeight = 0;
        }
        rowWidth += (rowWidth > 0 ? PanelGap : 0) + r.width();
        rowHeight = std::max(rowHeight, r.height());
    }
    return out;
}

QString SvgExporter::verdictSummary(const Scenario &scenario, const Trace &trace, int branch)
{
    if (branch < 0 || branch >= int(trace.branches.size()))
        return {};
    const auto pct = [](double p) { return QString::number(p * 100, 'g', 4) + QLatin1Char('%'); };
    const Branch &b = trace.branches[size_t(branch)];
    QString text = Explain::verdictLine(scenario, b.verdict);
    if (trace.branches.size() == 1)
        return text;
    text += QLatin1Char(' ') + tr("(branch %1 of %2, %3)").arg(branch + 1).arg(trace.branches.size()).arg(pct(b.probability));
    QStringList others;
    for (size_t i = 0; i < trace.branches.size(); ++i)
        if (int(i) != branch)
            others << tr("%1 (%2)").arg(Explain::verdictLine(scenario, trace.branches[i].verdict), pct(trace.branches[i].probability));
    return tr("%1; other branches: %2").arg(text, others.join(QStringLiteral("; ")));
}

bool SvgExporter::verdictPoint(const ExportPanel &panel, QPointF &point)
{
    const PathInfo path = tracePath(panel);
    if (!path.verdictCard)
        return false;
    const QRectF r = path.verdictCard->mapRectToScene(path.verdictCard->rowRect(path.verdictRow));
    point = QPointF(r.right(), r.center().y());
    return true;
}

QStringList SvgExporter::headerLines() const
{
    return {tr("Nodes: %1").arg(m_header.nodes.join(QStringLiteral(", "))),
            tr("Packet: %1").arg(m_header.packet.isEmpty() ? tr("(none traced)") : m_header.packet),
            tr("Verdict: %1").arg(m_header.verdict.isEmpty() ? tr("(none)") : m_header.verdict),
            tr("Exported %1 by Chainscope %2").arg(m_header.date, m_header.version)};
}

QList<SvgExporter::Layout> SvgExporter::layout() const
{
    QList<Layout> out;
    qreal x = Margin;
    qreal top = Margin + TitleSize + HeaderLine * 4 + 12 + LegendHeight + PanelTitle;
    qreal rowHeight = 0;
    for (const ExportPanel &p : m_panels) {
        QRectF r = p.rect;
        if (r.isEmpty() && p.scene)
            r = wholeRect(p.scene);
        if (p.newRow && !out.isEmpty()) {
            x = Margin;
            top += rowHeight + PanelGap + PanelTitle;
            rowHeight = 0;
        }
        out.append({r, QPointF(x, top)});
        x += r.width() + PanelGap;
        rowHeight = std::max(rowHeight, r.height());
    }
    return out;
}

QSizeF SvgExporter::pageSize() const
{
    const QList<Layout> l = layout();
    qreal w = 0, h = 0;
    for (const Layout &p : l) {
        w = std::max(w, p.origin.x() + p.rect.width());
        h = std::max(h, p.origin.y() + p.rect.height());
    }
    // Wide enough for the header and the legend, whatever the panels' width.
    qreal text = QFontMetricsF(textFont(TitleSize, true)).horizontalAdvance(tr("Chainscope: %1").arg(m_header.scenario));
    const QStringList lines = headerLines();
    for (int i = 0; i < lines.size(); ++i)
        text = std::max(text, QFontMetricsF(textFont(13, i == 2)).horizontalAdvance(lines[i]));
    qreal legend = 0;
    const QFontMetricsF lfm(textFont(12));
    for (const LegendEntry &e : legendEntries(m_theme))
        legend += 22 + (e.label.isEmpty() ? 2 : 6 + lfm.horizontalAdvance(e.label) + 18);
    return QSizeF(std::max({w + Margin, 1100.0, text + 2 * Margin + 10, legend + 2 * Margin}), h + Margin);
}

bool SvgExporter::writeSvg(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    writeSvg(&file);
    if (!file.commit()) {
        if (error)
            *error = tr("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool SvgExporter::writeSvg(QIODevice *device) const
{
    QXmlStreamWriter w(device);
    w.setAutoFormatting(true);
    w.setAutoFormattingIndent(1);
    Svg s(w);
    const Theme &t = m_theme;
    const QSizeF page = pageSize();
    const QList<Layout> lay = layout();

    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("svg"));
    w.writeDefaultNamespace(QStringLiteral("http://www.w3.org/2000/svg"));
    w.writeAttribute(QStringLiteral("version"), QStringLiteral("1.1"));
    w.writeAttribute(QStringLiteral("width"), num(page.width()));
    w.writeAttribute(QStringLiteral("height"), num(page.height()));
    w.writeAttribute(QStringLiteral("viewBox"), QStringLiteral("0 0 %1 %2").arg(num(page.width()), num(page.height())));
    w.writeAttribute(QStringLiteral("font-family"), QStringLiteral("DejaVu Sans, Liberation Sans, Arial, sans-serif"));
    s.title(tr("Chainscope: %1").arg(m_header.scenario));
    w.writeStartElement(QStringLiteral("style"));
    w.writeCharacters(QStringLiteral(".rule:hover > rect.row { stroke: %1; stroke-width: 2 } text { white-space: pre }")
                          .arg(t.cardSelectedBorder.name()));
    w.writeEndElement();
    w.writeStartElement(QStringLiteral("defs"));
    for (const auto &[id, colour] : {std::pair{QStringLiteral("arrow"), t.edge}, std::pair{QStringLiteral("arrow-goto"), t.gotoEdge}}) {
        w.writeStartElement(QStringLiteral("marker"));
        w.writeAttribute(QStringLiteral("id"), id);
        w.writeAttribute(QStringLiteral("viewBox"), QStringLiteral("0 0 10 10"));
        w.writeAttribute(QStringLiteral("refX"), QStringLiteral("1"));
        w.writeAttribute(QStringLiteral("refY"), QStringLiteral("5"));
        w.writeAttribute(QStringLiteral("markerWidth"), QStringLiteral("9"));
        w.writeAttribute(QStringLiteral("markerHeight"), QStringLiteral("9"));
        w.writeAttribute(QStringLiteral("orient"), QStringLiteral("auto"));
        w.writeStartElement(QStringLiteral("path"));
        w.writeAttribute(QStringLiteral("d"), QStringLiteral("M0 0 L10 5 L0 10 z"));
        s.colour("fill", colour);
        w.writeEndElement();
        w.writeEndElement();
    }
    for (int i = 0; i < lay.size(); ++i) {
        w.writeStartElement(QStringLiteral("clipPath"));
        w.writeAttribute(QStringLiteral("id"), QStringLiteral("clip%1").arg(i));
        s.rect(lay[i].rect, Qt::black);
        w.writeEndElement();
    }
    w.writeEndElement(); // defs
    s.rect(QRectF(QPointF(0, 0), page), t.sceneBackground);

    // Header
    w.writeStartElement(QStringLiteral("g"));
    w.writeAttribute(QStringLiteral("id"), QStringLiteral("header"));
    qreal y = Margin + TitleSize;
    s.text(Margin, y, tr("Chainscope: %1").arg(m_header.scenario), t.titleText, TitleSize, true, nullptr, QStringLiteral("scenario"));
    y += 6;
    const QStringList lines = headerLines();
    const QStringList classes = {QStringLiteral("nodes"), QStringLiteral("packet"), QStringLiteral("verdict"), QStringLiteral("meta")};
    for (int i = 0; i < lines.size(); ++i) {
        y += HeaderLine;
        s.text(Margin, y, lines[i], i == 2 ? t.policyDrop : t.text, 13, i == 2, nullptr, classes[i]);
    }
    w.writeEndElement();

    // Legend
    w.writeStartElement(QStringLiteral("g"));
    w.writeAttribute(QStringLiteral("id"), QStringLiteral("legend"));
    y += 14;
    qreal x = Margin;
    const QFont legendFont = textFont(12);
    const QFontMetricsF lfm(legendFont);
    for (const LegendEntry &e : legendEntries(t)) {
        w.writeStartElement(QStringLiteral("g"));
        w.writeAttribute(QStringLiteral("class"), QStringLiteral("legend-") + e.cls);
        if (e.line)
            s.line(QPointF(x, y + 7), QPointF(x + 22, y + 7), e.fill, 4);
        else
            s.rect(QRectF(x, y, 22, 14), e.fill, e.border, e.dashed ? 1.5 : 1, e.dashed);
        x += 22 + (e.label.isEmpty() ? 2 : 6);
        if (!e.label.isEmpty()) {
            s.text(x, y + 11.5, e.label, e.cls == QLatin1String("zero-hit") ? t.dimText : t.text, 12);
            x += lfm.horizontalAdvance(e.label) + 18;
        }
        w.writeEndElement();
    }
    w.writeEndElement();

    for (int pi = 0; pi < m_panels.size(); ++pi) {
        const ExportPanel &panel = m_panels[pi];
        const QRectF rect = lay[pi].rect;
        const QPointF shift = lay[pi].origin - rect.topLeft();
        s.text(lay[pi].origin.x(), lay[pi].origin.y() - 10, panel.title, t.titleText, 16, true, nullptr, QStringLiteral("panel-title"));
        w.writeStartElement(QStringLiteral("g"));
        w.writeAttribute(QStringLiteral("class"), QStringLiteral("panel"));
        w.writeAttribute(QStringLiteral("transform"), QStringLiteral("translate(%1 %2)").arg(num(shift.x()), num(shift.y())));
        w.writeStartElement(QStringLiteral("g"));
        w.writeAttribute(QStringLiteral("clip-path"), QStringLiteral("url(#clip%1)").arg(pi));
        if (!panel.scene) {
            w.writeEndElement();
            w.writeEndElement();
            continue;
        }
        const ChainScene *scene = panel.scene;
        const PathInfo path = tracePath(panel);
        const Theme::VerdictLook look = t.verdictLook(path.kind);

        // Lanes and their labels (plain Qt items the scene adds below everything).
        const QList<QGraphicsItem *> all = scene->items(rect, Qt::IntersectsItemBoundingRect, Qt::AscendingOrder);
        for (QGraphicsItem *item : all) {
            if (!item->isVisible() || item->zValue() > -1.5)
                continue;
            if (auto *r = qgraphicsitem_cast<QGraphicsRectItem *>(item))
                s.rect(r->mapRectToScene(r->rect()), r->brush().color(), QColor(), 0, false, 0, QStringLiteral("lane"));
            else if (auto *l = qgraphicsitem_cast<QGraphicsSimpleTextItem *>(item)) {
                const QFontMetricsF fm(l->font());
                s.text(l->scenePos().x(), l->scenePos().y() + fm.ascent(), l->text(), l->brush().color(),
                       l->font().pixelSize() > 0 ? l->font().pixelSize() : l->font().pointSizeF() * 4 / 3, l->font().bold(),
                       nullptr, QStringLiteral("lane-label"));
            }
        }
        // Edges
        for (EdgeItem *e : itemsOf<EdgeItem>(scene, rect)) {
            w.writeStartElement(QStringLiteral("path"));
            w.writeAttribute(QStringLiteral("class"), e->isGoto() ? QStringLiteral("edge goto") : QStringLiteral("edge"));
            w.writeAttribute(QStringLiteral("d"), pathData(e->mapToScene(e->shape())));
            s.colour("stroke", e->isGoto() ? t.gotoEdge : t.edge);
            w.writeAttribute(QStringLiteral("stroke-width"), QStringLiteral("1.4"));
            w.writeAttribute(QStringLiteral("fill"), QStringLiteral("none"));
            if (e->isGoto())
                w.writeAttribute(QStringLiteral("stroke-dasharray"), QStringLiteral("5 3"));
            w.writeAttribute(QStringLiteral("marker-end"), e->isGoto() ? QStringLiteral("url(#arrow-goto)") : QStringLiteral("url(#arrow)"));
            w.writeEndElement();
        }
        // The traced path under the cards: it shows between them and never crosses their text
        if (path.points.size() > 1) {
            QString pts;
            for (const QPointF &p : path.points)
                pts += num(p.x()) + QLatin1Char(',') + num(p.y()) + QLatin1Char(' ');
            w.writeStartElement(QStringLiteral("polyline"));
            w.writeAttribute(QStringLiteral("class"), QStringLiteral("path"));
            w.writeAttribute(QStringLiteral("points"), pts.trimmed());
            w.writeAttribute(QStringLiteral("fill"), QStringLiteral("none"));
            s.colour("stroke", t.marker);
            w.writeAttribute(QStringLiteral("stroke-width"), QStringLiteral("3"));
            w.writeAttribute(QStringLiteral("stroke-opacity"), QStringLiteral("0.75"));
            w.writeAttribute(QStringLiteral("stroke-linejoin"), QStringLiteral("round"));
            w.writeEndElement();
        }
        // Folded forests
        for (FoldItem *f : itemsOf<FoldItem>(scene, rect)) {
            const QRectF r = f->mapRectToScene(QRectF(0, 0, FoldItem::Width, FoldItem::Height));
            w.writeStartElement(QStringLiteral("g"));
            w.writeAttribute(QStringLiteral("class"), QStringLiteral("fold"));
            s.rect(r, t.foldBackground, t.cardBorder, 1, true, 6);
            s.text(r.left() + 12, r.center().y() + 4, tr("%n chain(s) folded", nullptr, f->count()), t.text, 12, true);
            w.writeEndElement();
        }
        // Cards with their rows
        const Ruleset *rs = scene->ruleset();
        for (ChainCard *card : itemsOf<ChainCard>(scene, rect)) {
            const QRectF cr = card->mapRectToScene(QRectF(0, 0, ChainCard::Width, card->height()));
            const QPointF o = cr.topLeft();
            const QColor accent = card->isNft() ? t.nftAccent : t.tableAccent(card->table());
            const QString full = card->fullName();
            w.writeStartElement(QStringLiteral("g"));
            w.writeAttribute(QStringLiteral("class"), card->isBuiltin() ? QStringLiteral("chain builtin") : QStringLiteral("chain"));
            w.writeAttribute(QStringLiteral("id"), card->isNft() ? QStringLiteral("nft-chain-%1").arg(QString(full).replace(QLatin1Char(' '), QLatin1Char('-')))
                                                             : QStringLiteral("chain-%1-%2").arg(tableKey(card->table()), card->chainName()));
            s.title(full);
            s.rect(cr, t.cardBackground, t.cardBorder, 1);
            s.rect(QRectF(o, QSizeF(ChainCard::Width, ChainCard::TitleHeight)), t.titleBackground);
            s.rect(QRectF(o, QSizeF(5, card->height())), accent);
            s.text(o.x() + TargetX + 2, o.y() + 16, full, t.titleText, TextPx + 0.5, true, nullptr, QStringLiteral("chain-name"));
            s.text(o.x() + ChainCard::Width - 2 * CountW - 3 * Pad, o.y() + 16, card->chainBadge(), t.dimText, TextPx, false, "end");
            s.text(o.x() + ChainCard::Width - CountW - 2 * Pad, o.y() + 16, tr("pkts"), t.dimText, TextPx, false, "end");
            s.text(o.x() + ChainCard::Width - Pad, o.y() + 16, tr("bytes"), t.dimText, TextPx, false, "end");
            const Chain *chain = rs && !card->isNft() ? &rs->table(card->table()).chains[size_t(card->chainIndex())] : nullptr;
            const auto &rows = card->rows();
            const QHash<int, int> states = path.rows.value(card);
            for (size_t i = 0; i < rows.size(); ++i) {
                const ChainCard::Row &row = rows[i];
                const QRectF r = card->mapRectToScene(card->rowRect(int(i))).adjusted(1, 0, -1, 0);
                const int state = states.value(int(i));
                QStringList cls{row.policy ? QStringLiteral("policy") : QStringLiteral("rule")};
                if (row.candidate)
                    cls << QStringLiteral("candidate");
                if (row.dim)
                    cls << QStringLiteral("zero-hit");
                if (state == Visited)
                    cls << QStringLiteral("visited");
                if (state == Matched)
                    cls << QStringLiteral("matched");
                if (state == VerdictRow)
                    cls << QStringLiteral("verdict");
                w.writeStartElement(QStringLiteral("g"));
                w.writeAttribute(QStringLiteral("class"), cls.join(QLatin1Char(' ')));
                QString tip;
                if (card->isNft()) {
                    tip = row.toolTip;
                } else if (row.policy) {
                    tip = tr("%1 policy %2 (packets %3)").arg(full, chain && chain->policyDrop ? QStringLiteral("DROP") : QStringLiteral("ACCEPT"))
                              .arg(chain ? chain->policyPackets : 0);
                } else if (chain && int(i) < int(chain->rules.size())) {
                    const Rule &rule = chain->rules[i];
                    tip = QStringLiteral("-A %1 %2").arg(card->chainName(), Explain::ruleText(*rs, rule));
                    if (rule.candidate)
                        tip += QLatin1Char(' ') + tr("(candidate)");
                    else
                        tip += QLatin1Char('\n') + tr("packets %1, bytes %2").arg(rule.packets).arg(rule.bytes);
                } else {
                    tip = row.toolTip;
                }
                s.title(tip);
                QColor bg;
                if (state == VerdictRow)
                    bg = look.row;
                else if (state == Matched)
                    bg = t.traceRow;
                else if (state == Visited)
                    bg = t.traceVisited;
                else if (row.candidate)
                    bg = t.candidateRow;
                else if (row.mark.isValid())
                    bg = row.mark;
                else if (row.background != t.cardBackground)
                    bg = row.background;
                s.rect(r, bg, QColor(), 0, false, 0, QStringLiteral("row"));
                if (row.candidate) {
                    s.rect(r.adjusted(1, 1, -1, -1), QColor(), t.candidateBorder, 1.5, true);
                    s.rect(QRectF(r.left(), r.top(), 4, r.height()), t.candidateBorder);
                }
                if (row.policy)
                    s.line(r.topLeft(), r.topRight(), t.cardBorder, 1);
                const qreal ty = r.top() + 13.5;
                const bool red = state == VerdictRow && look.tone == Theme::Tone::Failure;
                QColor tc = red ? look.rowText : row.targetColour;
                s.text(o.x() + TargetX, ty, row.target, tc, TextPx, row.policy || state >= Matched, nullptr, QStringLiteral("target"));
                const QColor mc = state == VerdictRow ? look.rowText : row.dim ? t.dimText : t.text;
                s.text(o.x() + TargetX + TargetW + Pad, ty, row.matches, mc, TextPx, false, nullptr, QStringLiteral("matches"));
                s.text(o.x() + ChainCard::Width - CountW - 2 * Pad, ty, row.packets, mc, TextPx, false, "end", QStringLiteral("packets"));
                s.text(o.x() + ChainCard::Width - Pad, ty, row.bytes, mc, TextPx, false, "end", QStringLiteral("bytes"));
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        for (auto it = path.rows.cbegin(); it != path.rows.cend(); ++it)
            for (auto r = it.value().cbegin(); r != it.value().cend(); ++r)
                if (r.value() >= Matched) {
                    const QRectF rr = it.key()->mapRectToScene(it.key()->rowRect(r.key()));
                    s.circle(QPointF(rr.left() + 3, rr.center().y()), 4, r.value() == VerdictRow ? look.colour : t.marker);
                }
        // The verdict, said in words beside its row
        if (path.verdictCard) {
            const QRectF vr = path.verdictCard->mapRectToScene(path.verdictCard->rowRect(path.verdictRow));
            const QFont f = textFont(13, true);
            const QStringList vl = wrap(path.verdictText, f, VerdictCalloutW - 20);
            const qreal h = vl.size() * QFontMetricsF(f).lineSpacing() + 16;
            const QRectF card = path.verdictCard->sceneBoundingRect();
            const QRectF box(card.left() + 20, card.bottom() + 28, VerdictCalloutW, h);
            s.callout(box, QPointF(vr.left() + 60, vr.bottom()), path.verdictText, f, look.calloutBackground,
                      look.calloutBorder, look.calloutText, false, QStringLiteral("verdict-callout"));
        }
        for (const PathInfo::Rewrite &rw : path.rewrites)
            s.callout(rw.box, rw.anchor, rw.text, rewriteFont(), t.rewriteBackground, t.marker, t.rewriteText, false,
                      QStringLiteral("rewrite-callout"));
        // Notes
        for (NoteItem *n : itemsOf<NoteItem>(scene, rect)) {
            const QRectF box = n->mapRectToScene(n->boxRect());
            s.callout(box, n->anchor(), n->text(), n->font(), t.cardBackground, t.warning, t.text, true, QStringLiteral("note"));
        }
        w.writeEndElement();
        w.writeEndElement();
    }
    w.writeEndElement(); // svg
    w.writeEndDocument();
    return !w.hasError();
}

void SvgExporter::paint(QPainter *p) const
{
    const Theme &t = m_theme;
    const QSizeF page = pageSize();
    p->fillRect(QRectF(QPointF(0, 0), page), t.sceneBackground);
    p->setRenderHint(QPainter::Antialiasing);
    p->setRenderHint(QPainter::TextAntialiasing);
    qreal y = Margin + TitleSize;
    p->setFont(textFont(TitleSize, true));
    p->setPen(t.titleText);
    p->drawText(QPointF(Margin, y), tr("Chainscope: %1").arg(m_header.scenario));
    y += 6;
    const QStringList lines = headerLines();
    for (int i = 0; i < lines.size(); ++i) {
        y += HeaderLine;
        p->setFont(textFont(13, i == 2));
        p->setPen(i == 2 ? t.policyDrop : t.text);
        p->drawText(QPointF(Margin, y), lines[i]);
    }
    y += 14;
    qreal x = Margin;
    const QFont lf = textFont(12);
    p->setFont(lf);
    for (const LegendEntry &e : legendEntries(t)) {
        if (e.line) {
            p->setPen(QPen(e.fill, 4));
            p->drawLine(QPointF(x, y + 7), QPointF(x + 22, y + 7));
        } else {
            p->setPen(QPen(e.border, e.dashed ? 1.5 : 1, e.dashed ? Qt::DashLine : Qt::SolidLine));
            p->setBrush(e.fill);
            p->drawRect(QRectF(x, y, 22, 14));
        }
        x += 22 + (e.label.isEmpty() ? 2 : 6);
        if (!e.label.isEmpty()) {
            p->setPen(e.cls == QLatin1String("zero-hit") ? t.dimText : t.text);
            p->drawText(QPointF(x, y + 11.5), e.label);
            x += QFontMetricsF(lf).horizontalAdvance(e.label) + 18;
        }
    }
    const QList<Layout> lay = layout();
    for (int i = 0; i < m_panels.size(); ++i) {
        const ExportPanel &panel = m_panels[i];
        p->setFont(textFont(16, true));
        p->setPen(t.titleText);
        p->drawText(QPointF(lay[i].origin.x(), lay[i].origin.y() - 10), panel.title);
        if (!panel.scene)
            continue;
        const QRectF target(lay[i].origin, lay[i].rect.size());
        // render() draws what the scene shows, in two passes with the path between them: the
        // lanes, then the path, then the cards, edges, folds and notes over it, so the path
        // shows between the cards and never crosses their text (as in the SVG).
        auto *scene = const_cast<ChainScene *>(panel.scene);
        const PathInfo path = tracePath(panel);
        QList<QGraphicsItem *> lanes, above;
        const QList<QGraphicsItem *> all = scene->items();
        for (QGraphicsItem *item : all)
            if (!item->parentItem() && item->isVisible())
                (item->zValue() <= -1.5 ? lanes : above) << item;
        // Items paint into the page itself, not into their screen caches (a cached card is a
        // bitmap of the zoom it was last seen at: a PDF page's scale made empty summaries).
        std::vector<std::pair<QGraphicsItem *, QGraphicsItem::CacheMode>> cached;
        for (QGraphicsItem *item : all)
            if (item->cacheMode() != QGraphicsItem::NoCache) {
                cached.emplace_back(item, item->cacheMode());
                item->setCacheMode(QGraphicsItem::NoCache);
            }
        const auto restoreCaches = qScopeGuard([&cached] {
            for (const auto &[item, mode] : cached)
                item->setCacheMode(mode);
        });
        for (QGraphicsItem *item : std::as_const(above))
            item->setVisible(false);
        scene->render(p, target, lay[i].rect, Qt::IgnoreAspectRatio);
        for (QGraphicsItem *item : std::as_const(above))
            item->setVisible(true);
        if (path.points.size() > 1) {
            p->save();
            p->setClipRect(target);
            p->translate(lay[i].origin - lay[i].rect.topLeft());
            QColor c = t.marker;
            c.setAlphaF(0.75f);
            p->setPen(QPen(c, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p->setBrush(Qt::NoBrush);
            p->drawPolyline(QPolygonF(QVector<QPointF>(path.points.begin(), path.points.end())));
            p->restore();
        }
        const QBrush background = scene->backgroundBrush();
        scene->setBackgroundBrush(Qt::NoBrush);
        for (QGraphicsItem *item : std::as_const(lanes))
            item->setVisible(false);
        scene->render(p, target, lay[i].rect, Qt::IgnoreAspectRatio);
        for (QGraphicsItem *item : std::as_const(lanes))
            item->setVisible(true);
        scene->setBackgroundBrush(background);
        // The window's own callouts were rendered with the scene; the CLI's scene has none.
        const bool windowCallouts = !itemsOf<CalloutItem>(panel.scene, lay[i].rect).isEmpty();
        p->save();
        p->setClipRect(target);
        p->translate(lay[i].origin - lay[i].rect.topLeft());
        for (auto it = path.rows.cbegin(); it != path.rows.cend(); ++it)
            for (auto r = it.value().cbegin(); r != it.value().cend(); ++r)
                if (r.value() >= Matched) {
                    const QRectF rr = it.key()->mapRectToScene(it.key()->rowRect(r.key()));
                    p->setPen(Qt::NoPen);
                    p->setBrush(r.value() == VerdictRow ? t.verdictLook(path.kind).colour : t.marker);
                    p->drawEllipse(QPointF(rr.left() + 3, rr.center().y()), 4, 4);
                }
        if (path.verdictCard) {
            const QRectF vr = path.verdictCard->mapRectToScene(path.verdictCard->rowRect(path.verdictRow));
            const Theme::VerdictLook look = t.verdictLook(path.kind);
            p->setPen(QPen(look.colour, 2.5));
            p->setBrush(Qt::NoBrush);
            p->drawRect(vr.adjusted(1, 1, -1, -1));
            if (!windowCallouts) {
                const QFont f = textFont(13, true);
                const QStringList vl = wrap(path.verdictText, f, VerdictCalloutW - 20);
                const qreal lh = QFontMetricsF(f).lineSpacing();
                const QRectF card = path.verdictCard->sceneBoundingRect();
                const QRectF box(card.left() + 20, card.bottom() + 28, VerdictCalloutW, vl.size() * lh + 16);
                drawCallout(p, box, QPointF(vr.left() + 60, vr.bottom()), path.verdictText, f, look.calloutBackground,
                            look.calloutBorder, look.calloutText);
            }
        }
        // Every rewrite, as the SVG has them (the window shows the current step's alone; one
        // drawn again lands on the same spot).
        for (const PathInfo::Rewrite &rw : path.rewrites)
            drawCallout(p, rw.box, rw.anchor, rw.text, rewriteFont(), t.rewriteBackground, t.marker, t.rewriteText);
        p->restore();
    }
}

bool SvgExporter::writePng(const QString &path, QString *error, int maxSide) const
{
    const QSizeF page = pageSize();
    // Sharp (2x) where it fits, but under maxSide and 24 megapixels: image readers refuse
    // large decodes (Qt 6.4's default limit is 128 MB, 32 megapixels).
    const qreal scale = std::min<qreal>({2.0, maxSide / std::max(page.width(), page.height()),
                                         std::sqrt(24e6 / (page.width() * page.height()))});
    QImage image((page * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        if (error)
            *error = tr("%1: the picture is too large for an image").arg(path);
        return false;
    }
    image.fill(m_theme.sceneBackground);
    {
        QPainter p(&image);
        p.scale(scale, scale);
        paint(&p);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        if (error)
            *error = tr("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool SvgExporter::writePdf(const QString &path, QString *error) const
{
    // A4 landscape pages: the picture at a readable scale (no smaller than 60%, else the
    // height decides), cut into as many pages across and down as it takes, in reading order.
    const QSizeF picture = pageSize();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    {
        QPdfWriter pdf(&file);
        pdf.setTitle(tr("Chainscope: %1").arg(m_header.scenario));
        pdf.setCreator(tr("Chainscope %1").arg(m_header.version));
        pdf.setResolution(96);
        pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(8, 8, 8, 8), QPageLayout::Millimeter));
        QPainter p(&pdf);
        const QRectF area = QRectF(p.viewport());
        const qreal scale = std::min<qreal>(1.0, std::max<qreal>(0.6, area.height() / picture.height()));
        const qreal tileW = area.width() / scale, tileH = area.height() / scale;
        const int across = std::max(1, int(std::ceil(picture.width() / tileW - 0.01)));
        const int down = std::max(1, int(std::ceil(picture.height() / tileH - 0.01)));
        bool first = true;
        for (int row = 0; row < down; ++row)
            for (int col = 0; col < across; ++col) {
                if (!first)
                    pdf.newPage();
                first = false;
                p.save();
                p.setClipRect(area);
                p.scale(scale, scale);
                p.translate(-col * tileW, -row * tileH);
                paint(&p);
                p.restore();
                if (across * down > 1) {
                    p.setFont(textFont(10));
                    p.setPen(m_theme.dimText);
                    p.drawText(area.adjusted(0, 0, -4, -2), Qt::AlignRight | Qt::AlignBottom,
                               tr("page %1 of %2").arg(row * across + col + 1).arg(across * down));
                }
            }
    }
    if (!file.commit()) {
        if (error)
            *error = tr("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace chainscope
