#include "pathfigure.h"
#include "text.h"

#include "explain.h"
#include "nftexplain.h"
#include "nftruleset.h"

#include <QBuffer>
#include <QFile>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QXmlStreamWriter>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

namespace chainscope {

namespace {

// Page pixels (96 per inch). Sizes are whole pixels: QFont takes integer pixel sizes, and
// every text is measured with the font it is drawn with.
constexpr qreal Margin = 26;
constexpr qreal Gutter = 16;       // left of each column's cards: the path runs here
constexpr qreal Gap = 18;          // between columns: the corridor the path crosses in
constexpr qreal BlockGap = 8;
constexpr qreal TitleH = 18;
constexpr qreal RowH = 15;
constexpr qreal NodeHead = 24;     // a node's name above its columns
constexpr qreal Band = 8;          // the path's crossing bands above and below the cards
constexpr qreal MinColumn = 228;
constexpr qreal MaxColumn = 600;     // wider cards only stretch short rules across the page
constexpr qreal NumW = 22;         // rule number column
constexpr qreal TargetW = 86;
constexpr qreal Inset = 8;         // text inset from the card's left (after the accent bar)
constexpr int RowPx = 10;
constexpr int SubPx = 10;

const QString SansFamily = QStringLiteral("DejaVu Sans");
const QString MonoFamily = QStringLiteral("DejaVu Sans Mono");

QFont font(int px, bool bold = false, bool mono = false)
{
    QFont f(mono ? MonoFamily : SansFamily);
    f.setPixelSize(px);
    f.setBold(bold);
    f.setKerning(false);   // renderers kern differently; without it the advance is the sum of glyphs
    f.setHintingPreference(QFont::PreferNoHinting);
    return f;
}

QString num(qreal v)
{
    return QString::number(std::round(v * 100) / 100, 'f', 2).remove(QRegularExpression(QStringLiteral("\\.?0+$")));
}

/** Lines no wider than `width`: at spaces, and inside a word longer than the line. */
QStringList wrap(const QString &text, const QFont &f, qreal width)
{
    const QFontMetricsF fm(f);
    QStringList lines;
    for (const QString &para : text.split(QLatin1Char('\n'))) {
        QString line;
        const QStringList words = para.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (QString word : words) {
            const QString candidate = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
            if (fm.horizontalAdvance(candidate) <= width) {
                line = candidate;
                continue;
            }
            if (!line.isEmpty())
                lines << line;
            line.clear();
            // A word wider than the line (a URL, a long chain name): break it by characters.
            while (fm.horizontalAdvance(word) > width && word.size() > 1) {
                qsizetype n = word.size() - 1;
                while (n > 1 && fm.horizontalAdvance(word.left(n)) > width)
                    --n;
                lines << word.left(n);
                word = word.mid(n);
            }
            line = word;
        }
        lines << line;
    }
    return lines;
}

QString elide(const QString &text, const QFont &f, qreal width)
{
    const QFontMetricsF fm(f);
    if (fm.horizontalAdvance(text) <= width)
        return text;
    return fm.elidedText(text, Qt::ElideRight, width);
}

struct Sub
{
    QString text;
    QString cls;       // "rewrite", "miss"
};

struct Row
{
    enum Kind { RuleRow, PolicyRow, SummaryRow };
    Kind kind = RuleRow;
    int num = 0;                 // 1-based rule number
    int numEnd = 0;              // SummaryRow: the last
    QString target;
    QString matches;
    QString tip;
    int state = 1;               // 1 passed, 2 matched, 3 verdict
    bool candidate = false;
    bool miss = false;
    QList<Sub> subs;
    QList<int> badges;           // note numbers
};

struct Block
{
    enum Kind { Card, Event, VerdictBox, NoteBox };
    Kind kind = Card;
    // Card
    TableId table = TableId::Filter;
    QString chain;
    QString hook;
    bool builtin = false;
    bool again = false;          // the chain's second visit on this node (after a return)
    bool passThrough = false;    // a built-in chain whose policy ACCEPT let the packet on: one line
    QString nftTable;            // an nft chain's card: its table as nft names it ("inet firewalld")
    QList<Row> rows;
    // Event, VerdictBox, NoteBox
    QString heading;
    QString text;
    QString cls;
    int note = 0;
};

struct Section
{
    int node = 0;
    QString title;
    QString subtitle;
    QList<Block> blocks;
};

struct Ctx
{
    const Theme &t;
    QList<FigureItem> &items;

    void begin(const QString &cls, const QString &title = {}, const QString &id = {})
    {
        FigureItem i;
        i.kind = FigureItem::Begin;
        i.cls = cls;
        i.title = title;
        i.id = id;
        items << i;
    }
    void end()
    {
        FigureItem i;
        i.kind = FigureItem::End;
        items << i;
    }
    void rect(const QRectF &r, const QColor &fill, const QColor &stroke = {}, qreal width = 1, bool dashed = false,
              qreal radius = 0, const QString &cls = {})
    {
        FigureItem i;
        i.kind = FigureItem::Rect;
        i.rect = r;
        i.fill = fill;
        i.stroke = stroke;
        i.width = width;
        i.dashed = dashed;
        i.radius = radius;
        i.cls = cls;
        items << i;
    }
    /** Text at a baseline, elided to maxWidth (0: as is). Returns the advance. */
    qreal text(qreal x, qreal y, const QString &s, int px, const QColor &fg, qreal maxWidth = 0, bool bold = false,
               bool mono = false, bool alignEnd = false, const QString &cls = {})
    {
        if (s.isEmpty())
            return 0;
        const QFont f = font(px, bold, mono);
        const QString shown = maxWidth > 0 ? elide(s, f, maxWidth) : s;
        const QFontMetricsF fm(f);
        const qreal w = fm.horizontalAdvance(shown);
        FigureItem i;
        i.kind = FigureItem::Text;
        i.at = QPointF(x, y);
        i.text = shown;
        i.px = px;
        i.bold = bold;
        i.mono = mono;
        i.alignEnd = alignEnd;
        i.fill = fg;
        i.cls = cls;
        i.rect = QRectF(alignEnd ? x - w : x, y - fm.ascent(), w, fm.ascent() + fm.descent());
        items << i;
        return w;
    }
    void line(const QPointF &a, const QPointF &b, const QColor &c, qreal width, const QString &cls = {})
    {
        FigureItem i;
        i.kind = FigureItem::Line;
        i.at = a;
        i.to = b;
        i.stroke = c;
        i.width = width;
        i.cls = cls;
        items << i;
    }
    void circle(const QPointF &c, qreal r, const QColor &fill, const QString &cls = {})
    {
        FigureItem i;
        i.kind = FigureItem::Circle;
        i.at = c;
        i.rect = QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r);
        i.fill = fill;
        i.cls = cls;
        items << i;
    }
};

qreal lineSpacing(int px, bool bold = false, bool mono = false)
{
    return std::ceil(QFontMetricsF(font(px, bold, mono)).lineSpacing());
}

// Inner text widths of a card row
/** The target column of a card: its widest target, between TargetW and 45% of the card. */
qreal targetWidth(const QList<Row> &rows, qreal w)
{
    const QFontMetricsF bold(font(RowPx, true, true));
    qreal need = 0;
    for (const Row &r : rows)
        if (r.kind != Row::SummaryRow)
            need = std::max(need, bold.horizontalAdvance(r.target) + 8);
    return std::clamp(need, TargetW, std::max(TargetW, (w - Inset - NumW) * 0.45));
}
qreal matchesWidth(qreal w, qreal targetW, const Row &r)
{
    return w - Inset - NumW - targetW - 6 - 4 - r.badges.size() * 16.0;
}
qreal subWidth(qreal w)
{
    return w - Inset - NumW - 6;
}

qreal rowHeight(const Row &r, qreal w)
{
    qreal h = RowH;
    if (!r.subs.isEmpty()) {
        const qreal lh = lineSpacing(SubPx);
        for (const Sub &s : r.subs)
            h += wrap(s.text, font(SubPx), subWidth(w)).size() * lh;
        h += 4;
    }
    return h;
}

qreal boxTextWidth(qreal w)
{
    return w - 2 * 10;
}

qreal blockHeight(const Block &b, qreal w)
{
    switch (b.kind) {
    case Block::Card: {
        if (b.passThrough)
            return TitleH + 1;
        qreal h = TitleH;
        for (const Row &r : b.rows)
            h += rowHeight(r, w);
        return h + 2;
    }
    case Block::Event:
        return wrap(b.text, font(SubPx), boxTextWidth(w)).size() * lineSpacing(SubPx) + 10;
    case Block::VerdictBox:
    case Block::NoteBox:
        return lineSpacing(12, true) + wrap(b.text, font(11), boxTextWidth(w)).size() * lineSpacing(11) + 14;
    }
    return 0;
}

/** Columns for one section's blocks: the smallest height at which k columns hold them in order. */
QList<QList<int>> flow(const QList<qreal> &heights, int k, qreal *height)
{
    auto fill = [&](qreal limit, QList<QList<int>> *out) {
        QList<QList<int>> cols(1);
        qreal y = 0;
        for (int i = 0; i < heights.size(); ++i) {
            const qreal h = heights[i] + (cols.back().isEmpty() ? 0 : BlockGap);
            if (!cols.back().isEmpty() && y + h > limit) {
                cols.append(QList<int>());
                y = 0;
                --i;
                continue;
            }
            cols.back() << i;
            y += h;
        }
        if (out)
            *out = cols;
        return int(cols.size());
    };
    qreal lo = 0, hi = 0;
    for (qreal h : heights) {
        lo = std::max(lo, h);
        hi += h + BlockGap;
    }
    for (int it = 0; it < 40 && hi - lo > 0.5; ++it) {
        const qreal mid = (lo + hi) / 2;
        if (fill(mid, nullptr) <= k)
            hi = mid;
        else
            lo = mid;
    }
    QList<QList<int>> cols;
    fill(hi, &cols);
    qreal m = 0;
    for (const QList<int> &c : cols) {
        qreal y = 0;
        for (int i : c)
            y += heights[i] + (y > 0 ? BlockGap : 0);
        m = std::max(m, y);
    }
    *height = m;
    return cols;
}

} // namespace

int notedRule(const Scenario &sc, const FigureNote &note)
{
    if (note.rule <= 0 || note.ruleText.isEmpty() || note.chain.isEmpty())
        return note.rule;
    const auto node = std::find_if(sc.nodes.begin(), sc.nodes.end(), [&](const Node &n) { return n.name == note.node; });
    if (node == sc.nodes.end())
        return note.rule;
    const Ruleset &rs = node->rules;
    // Rule i's text, read only as far as needed: the pinned row first, then a scan.
    int count = 0;
    std::function<QString(int)> textOf;
    if (note.nftTable.isEmpty()) {
        const Table &t = rs.table(note.table);
        if (const int ci = t.chainIndex(note.chain.toStdString()); ci >= 0) {
            const Chain &c = t.chains[size_t(ci)];
            count = int(c.rules.size());
            textOf = [&rs, &c](int i) { return Explain::ruleText(rs, c.rules[size_t(i)]); };
        }
    } else if (rs.nft) {
        if (const int ci = rs.nft->chainIndex(rs.nft->tableIndex(note.nftTable), note.chain); ci >= 0) {
            const nft::Chain &c = rs.nft->chains[size_t(ci)];
            count = int(c.rules.size());
            textOf = [&c](int i) { return text::q(c.rules[size_t(i)].text); };
        }
    }
    if (note.rule <= count && textOf(note.rule - 1) == note.ruleText)
        return note.rule;
    for (int i = 0; i < count; ++i)
        if (textOf(i) == note.ruleText)
            return i + 1;
    return note.rule;
}

QSizeF PathFigure::landscape(QPageSize::PageSizeId page)
{
    const QSize s = QPageSize(page).sizePixels(96);
    return QSizeF(std::max(s.width(), s.height()), std::min(s.width(), s.height()));
}

QString PathFigure::packetLine(const Scenario &sc, const Trace &trace, int branch)
{
    Q_UNUSED(sc);
    PacketSpec p = trace.packet;
    bool chosen = false;
    if (!p.src && branch >= 0 && branch < int(trace.branches.size())) {
        // The source the route chose: the packet as the first rule saw it.
        const Branch &b = trace.branches[size_t(branch)];
        for (const Step &s : b.steps)
            if ((s.kind == Step::RuleEval || s.kind == Step::Policy || s.kind == Step::RuleRange) && s.packet >= 0
                && s.packet < int(b.packets.size())) {
                p.src = b.packets[size_t(s.packet)].src;
                chosen = true;
                break;
            }
    }
    const QString tuple = p.describe();
    QString line = p.inIface.isEmpty() ? tr("%1, locally generated on %2").arg(tuple, p.fromNode)
                                       : tr("%1, arriving on %2 %3").arg(tuple, p.fromNode, p.inIface);
    if (chosen)
        line += QLatin1Char(' ') + tr("(source address chosen by the route)");
    return line;
}

PathFigure::PathFigure(const Scenario &scenario, const Trace &trace, int branch, const ExportHeader &header,
                       const QList<FigureNote> &notes, const PathFigureOptions &options)
    : m_header(header), m_options(options)
{
    build(scenario, trace, branch, notes);
}

void PathFigure::build(const Scenario &sc, const Trace &trace, int branchIndex, const QList<FigureNote> &notes)
{
    using text::q;
    const Theme &t = m_theme;
    const Branch *b = branchIndex >= 0 && branchIndex < int(trace.branches.size()) ? &trace.branches[size_t(branchIndex)] : nullptr;

    // ---- What to draw: sections (one per visit of a node), blocks, rows -----------------
    QList<Section> sections;
    if (b) {
        // Nearest misses of the chain that decided, by (node, table, chain, rule).
        std::map<std::tuple<int, int, int, int>, QString> misses;
        for (const Miss &m : Explain::nearestMisses(sc, *b, 3)) {
            QStringList reasons;
            for (const QString &r : m.reasons)
                reasons << r;
            // nft rules: table -1, the nft chain's index
            misses[{m.node, m.nftChain >= 0 ? -1 : int(m.table), m.nftChain >= 0 ? m.nftChain : m.chain, m.rule}] = reasons.join(QStringLiteral("; "));
        }
        // The row that decided: a rule or a policy; for a delivered packet, its last ACCEPT.
        int vNode = b->verdict.node, vChain = b->verdict.chain, vRule = b->verdict.rule - 1;
        TableId vTable = b->verdict.table;
        const bool accepted = b->verdict.kind == Verdict::Delivered || b->verdict.kind == Verdict::AcceptLocal;
        // For a delivered packet: the last accept it met, an nft rule's when an nft base chain
        // ran after iptables' (an accept ends only its own base chain).
        int vNftChain = b->verdict.nftChain, vNftRule = b->verdict.rule - 1;
        if (vChain < 0 && vNftChain < 0 && accepted) {
            for (auto it = b->steps.rbegin(); it != b->steps.rend(); ++it) {
                if (it->kind == Step::NftRule && it->matched && it->chain >= 0 && sc.nodes[it->node].rules.nft) {
                    if (NftExplain::accepted(*sc.nodes[it->node].rules.nft, *it)) {
                        vNode = it->node;
                        vNftChain = it->chain;
                        vNftRule = it->rule;
                        break;
                    }
                }
                if (it->kind == Step::RuleEval && it->matched && it->chain >= 0 && it->rule >= 0
                    && sc.nodes[it->node].rules.table(it->table).chains[size_t(it->chain)].rules[size_t(it->rule)].target.kind
                               == Target::Accept) {
                    vNode = it->node;
                    vTable = it->table;
                    vChain = it->chain;
                    vRule = it->rule;
                    break;
                }
            }
        }
        int verdictSection = -1, verdictBlock = -1;
        for (size_t k = 0; k < b->steps.size(); ++k) {
            const Step &s = b->steps[k];
            if (sections.isEmpty() || sections.back().node != s.node) {
                Section sec;
                sec.node = s.node;
                sec.title = sc.nodes[s.node].name;
                const PacketState none;
                const PacketState &ps = s.packet >= 0 && s.packet < int(b->packets.size()) ? b->packets[size_t(s.packet)] : none;
                int visits = 0;
                for (const Section &o : std::as_const(sections))
                    visits += o.node == s.node;
                if (visits)
                    sec.title = tr("%1 (again)").arg(sec.title);
                sec.subtitle = sections.isEmpty() && ps.inIface.isEmpty() ? tr("locally generated")
                               : ps.inIface.isEmpty() ? QString() : tr("arrives on %1").arg(ps.inIface);
                sections << sec;
            }
            Section &sec = sections.back();
            const Ruleset &rs = sc.nodes[s.node].rules;
            switch (s.kind) {
            case Step::RuleEval:
            case Step::Policy:
            case Step::RuleRange: {
                if (s.chain < 0)
                    break;
                const Chain &chain = rs.table(s.table).chains[size_t(s.chain)];
                const QString chainName = q(chain.name);
                if (sec.blocks.isEmpty() || sec.blocks.back().kind != Block::Card || sec.blocks.back().table != s.table
                    || sec.blocks.back().chain != chainName || !sec.blocks.back().nftTable.isEmpty()) {
                    Block card;
                    card.table = s.table;
                    card.chain = chainName;
                    card.builtin = chain.builtin;
                    card.hook = QString::fromLatin1(hookName(s.hook));
                    for (const Block &o : std::as_const(sec.blocks))
                        card.again = card.again || (o.kind == Block::Card && o.nftTable.isEmpty() && o.table == s.table && o.chain == chainName);
                    sec.blocks << card;
                }
                Block &card = sec.blocks.back();
                Row row;
                if (s.kind == Step::Policy) {
                    row.kind = Row::PolicyRow;
                    // "policy DROP", as iptables -L heads the chain
                    row.target = QStringLiteral("policy");
                    row.matches = chain.policyDrop ? QStringLiteral("DROP") : QStringLiteral("ACCEPT");
                    row.state = 2;
                    row.tip = tr("%1 %2 policy %3").arg(tableTitle(s.table), chainName, row.matches);
                } else if (s.kind == Step::RuleRange) {
                    row.kind = Row::SummaryRow;
                    row.num = s.rule + 1;
                    row.numEnd = s.ruleEnd + 1;
                    row.matches = tr("rules %1-%2: no match (each names another destination)").arg(row.num).arg(row.numEnd);
                    row.tip = row.matches;
                } else if (s.rule >= 0 && s.rule < int(chain.rules.size())) {
                    const Rule &rule = chain.rules[size_t(s.rule)];
                    row.num = s.rule + 1;
                    row.target = rule.target.name.empty() ? QStringLiteral("-") : q(rule.target.name);
                    QStringList crit;
                    for (const Criterion &c : rule.criteria)
                        crit << Explain::criterionText(rs, rule, c);
                    row.matches = crit.isEmpty() ? tr("(every packet)") : crit.join(QLatin1Char(' '));
                    row.state = s.matched ? 2 : 1;
                    row.candidate = rule.candidate;
                    row.tip = QStringLiteral("-A %1 %2").arg(chainName, Explain::ruleText(rs, rule));
                    if (rule.candidate)
                        row.tip += QLatin1Char(' ') + tr("(candidate)");
                    if (!s.matched)
                        if (const QString why = Explain::whyNot(sc, *b, s); !why.isEmpty())
                            row.tip += QLatin1Char('\n') + why;
                    if (auto m = misses.find({int(s.node), int(s.table), s.chain, s.rule}); m != misses.end()) {
                        row.miss = true;
                        row.subs << Sub{tr("nearest miss: %1").arg(m->second), QStringLiteral("miss")};
                    }
                    if (const QString rw = Explain::rewrite(sc, *b, int(k)); !rw.isEmpty())
                        row.subs << Sub{rw, QStringLiteral("rewrite")};
                } else {
                    break;
                }
                const bool isVerdict = s.node == vNode && s.table == vTable && s.chain == vChain
                                       && ((s.kind == Step::Policy && vRule < 0) || (s.kind == Step::RuleEval && s.rule == vRule && s.matched));
                if (isVerdict) {
                    row.state = 3;
                    verdictSection = int(sections.size()) - 1;
                    verdictBlock = int(sec.blocks.size()) - 1;
                }
                card.rows << row;
                break;
            }
            case Step::NftRule:
            case Step::NftPolicy: {
                // An nft chain crossed: a card as an iptables chain's, titled as nft names it.
                if (s.chain < 0 || !rs.nft)
                    break;
                const nft::NftRuleset &n = *rs.nft;
                const nft::Chain &chain = n.chains[size_t(s.chain)];
                const QString chainName = q(chain.name);
                const QString table = n.tableTitle(chain.table);
                if (sec.blocks.isEmpty() || sec.blocks.back().kind != Block::Card || sec.blocks.back().nftTable != table
                    || sec.blocks.back().chain != chainName) {
                    Block card;
                    card.table = chain.type == "nat" ? TableId::Nat : TableId::Filter;
                    card.nftTable = table;
                    card.chain = chainName;
                    card.builtin = chain.base;
                    card.hook = QString::fromLatin1(hookName(s.hook));
                    for (const Block &o : std::as_const(sec.blocks))
                        card.again = card.again || (o.kind == Block::Card && o.nftTable == table && o.chain == chainName);
                    sec.blocks << card;
                }
                Block &card = sec.blocks.back();
                Row row;
                if (s.kind == Step::NftPolicy) {
                    row.kind = Row::PolicyRow;
                    row.target = QStringLiteral("policy");
                    row.matches = chain.policyDrop ? QStringLiteral("drop") : QStringLiteral("accept");
                    row.state = 2;
                    row.tip = tr("%1 %2 policy %3").arg(table, chainName, row.matches);
                } else if (s.rule >= 0 && s.rule < int(chain.rules.size())) {
                    const nft::Rule &rule = chain.rules[size_t(s.rule)];
                    // The statement that acts in the target column, the matches before it beside it,
                    // as the iptables rows read.
                    std::string_view act, matches;
                    nft::splitAction(n, rule, act, matches);
                    const std::string_view text = rule.text;
                    row.num = s.rule + 1;
                    row.target = act.empty() ? QStringLiteral("-") : q(act).trimmed();
                    row.matches = text::trimmed(matches).empty() ? tr("(every packet)") : q(matches).trimmed();
                    row.state = s.matched ? 2 : 1;
                    row.candidate = rule.candidate;
                    row.tip = tr("%1 %2: %3").arg(table, chainName, q(text));
                    if (rule.candidate)
                        row.tip += QLatin1Char(' ') + tr("(candidate)");
                    if (!s.matched)
                        if (const QString why = NftExplain::whyNot(sc, *b, s); !why.isEmpty())
                            row.tip += QLatin1Char('\n') + why;
                    if (auto m = misses.find({int(s.node), -1, s.chain, s.rule}); m != misses.end()) {
                        row.miss = true;
                        row.subs << Sub{tr("nearest miss: %1").arg(m->second), QStringLiteral("miss")};
                    }
                    if (const QString rw = Explain::rewrite(sc, *b, int(k)); !rw.isEmpty())
                        row.subs << Sub{rw, QStringLiteral("rewrite")};
                } else {
                    break;
                }
                if (int(s.node) == vNode && vNftChain == s.chain
                    && ((s.kind == Step::NftPolicy && vNftRule < 0) || (s.kind == Step::NftRule && s.rule == vNftRule && s.matched))) {
                    row.state = 3;
                    verdictSection = int(sections.size()) - 1;
                    verdictBlock = int(sec.blocks.size()) - 1;
                }
                card.rows << row;
                break;
            }
            case Step::Routing:
            case Step::Handoff: {
                Block e;
                e.kind = Block::Event;
                e.cls = s.kind == Step::Routing ? QStringLiteral("routing") : QStringLiteral("handoff");
                e.text = s.note >= 0 && s.note < int(b->notes.size()) ? b->notes[size_t(s.note)] : Explain::stepLine(sc, *b, s);
                sec.blocks << e;
                break;
            }
            default:
                break;
            }
        }
        // Notes: numbered boxes at the end of their node's part, badges on their rows.
        for (int n = 0; n < notes.size(); ++n) {
            FigureNote note = notes[n];
            int target = int(sections.size()) - 1;
            for (int si = 0; si < sections.size(); ++si) {
                if (note.node.isEmpty() || sc.nodes[sections[si].node].name != note.node)
                    continue;
                target = si;
                note.rule = notedRule(sc, notes[n]);
                for (Block &blk : sections[si].blocks) {
                    if (blk.kind != Block::Card || blk.nftTable != note.nftTable || (note.nftTable.isEmpty() && blk.table != note.table)
                        || blk.chain != note.chain)
                        continue;
                    for (Row &r : blk.rows)
                        if ((note.rule > 0 && r.num == note.rule && r.kind == Row::RuleRow)
                            || (note.rule == 0 && &r == &blk.rows.front()))
                            r.badges << n + 1;
                }
            }
            if (target < 0)
                continue;
            Block nb;
            nb.kind = Block::NoteBox;
            nb.heading = tr("Note %1").arg(n + 1);
            nb.text = note.text;
            nb.note = n + 1;
            nb.cls = QStringLiteral("note");
            sections[target].blocks << nb;
        }
        // The verdict in words, right below the card that decided (else at the end).
        Block vb;
        vb.kind = Block::VerdictBox;
        const Theme::VerdictLook look = t.verdictLook(b->verdict.kind);
        vb.heading = look.symbol + QLatin1Char(' ') + look.word;
        vb.text = Explain::verdictLine(sc, b->verdict);
        if (!b->verdict.where.isEmpty() && !vb.text.contains(b->verdict.where))
            vb.text += QStringLiteral(" (") + b->verdict.where + QLatin1Char(')');
        vb.cls = QStringLiteral("verdict-callout");
        if (verdictSection >= 0 && !accepted)
            sections[verdictSection].blocks.insert(verdictBlock + 1, vb);
        else if (verdictSection >= 0)
            sections[verdictSection].blocks << vb;   // accepted: the packet goes on to POSTROUTING first
        else if (!sections.isEmpty())
            sections.back().blocks << vb;
        // Runs of three or more plain misses fold into one row: the figure is the path.
        for (Section &sec : sections)
            for (Block &blk : sec.blocks) {
                if (blk.kind != Block::Card)
                    continue;
                QList<Row> out;
                for (int i = 0; i < blk.rows.size();) {
                    auto plain = [](const Row &r) {
                        return r.kind == Row::RuleRow && r.state == 1 && !r.miss && !r.candidate && r.subs.isEmpty() && r.badges.isEmpty();
                    };
                    int j = i;
                    while (j < blk.rows.size() && plain(blk.rows[j]))
                        ++j;
                    if (j - i >= 3) {
                        Row sum;
                        sum.kind = Row::SummaryRow;
                        sum.num = blk.rows[i].num;
                        sum.numEnd = blk.rows[j - 1].num;
                        sum.matches = tr("rules %1-%2: no match").arg(sum.num).arg(sum.numEnd);
                        QStringList tips;
                        for (int k = i; k < j && k < i + 12; ++k)
                            tips << blk.rows[k].tip;
                        sum.tip = tips.join(QLatin1Char('\n'));
                        out << sum;
                        i = j;
                    } else if (j > i) {
                        for (int k = i; k < j; ++k)
                            out << blk.rows[k];
                        i = j;
                    } else {
                        out << blk.rows[i++];
                    }
                }
                blk.rows = out;
                blk.passThrough = blk.rows.size() == 1 && blk.rows.front().kind == Row::PolicyRow && blk.rows.front().state == 2
                                  && blk.rows.front().badges.isEmpty();
            }
    }

    // ---- Pages -----------------------------------------------------------------------------
    const bool widthMode = m_options.width > 0;
    const QSizeF pageBase = widthMode ? QSizeF(m_options.width, 0) : landscape(m_options.page);
    QList<QList<int>> pageSections;
    QList<int> shown;
    for (int i = 0; i < sections.size(); ++i)
        if (m_options.node < 0 || sections[i].node == m_options.node)
            shown << i;
    if (m_options.onePerPage && shown.size() > 1) {
        for (int i : std::as_const(shown))
            pageSections << QList<int>{i};
    } else if (!shown.isEmpty()) {
        pageSections << shown;
    }
    if (pageSections.isEmpty())
        pageSections << QList<int>();   // nothing traced: the header alone

    for (int pg = 0; pg < pageSections.size(); ++pg) {
        FigurePage page;
        Ctx c{t, page.items};
        const qreal W = pageBase.width() - 2 * Margin;
        // Header
        qreal y = Margin;
        QList<FigureItem> headerItems;
        {
            Ctx h{t, headerItems};
            QString title = tr("Chainscope: %1").arg(m_header.scenario);
            if (pageSections.size() > 1)
                title += QLatin1Char(' ') + tr("(page %1 of %2)").arg(pg + 1).arg(pageSections.size());
            y += 16;
            h.text(Margin, y, title, 16, t.titleText, W, true, false, false, QStringLiteral("scenario"));
            y += 4;
            const QStringList packet = wrap(tr("Packet: %1").arg(m_header.packet.isEmpty() ? tr("(none traced)") : m_header.packet), font(11), W);
            for (const QString &l : packet) {
                y += lineSpacing(11);
                h.text(Margin, y, l, 11, t.text, W, false, false, false, QStringLiteral("packet"));
            }
            const QColor vc = b ? t.verdictLook(b->verdict.kind).colour : t.text;
            const QStringList verdict = wrap(tr("Verdict: %1").arg(m_header.verdict.isEmpty() ? tr("(none)") : m_header.verdict), font(11, true), W);
            for (const QString &l : verdict) {
                y += lineSpacing(11, true);
                h.text(Margin, y, l, 11, vc, W, true, false, false, QStringLiteral("verdict"));
            }
            y += lineSpacing(10);
            h.text(Margin, y, tr("Nodes: %1. Exported %2 by Chainscope %3").arg(m_header.nodes.join(QStringLiteral(", ")), m_header.date, m_header.version),
                   10, t.dimText, W, false, false, false, QStringLiteral("meta"));
            y += 8;
            // Legend, wrapped to the width
            struct L { QColor fill, border; bool dashed, line; QString label; QString cls; };
            const Theme::VerdictLook drop = t.verdictLook(Verdict::Drop), ok = t.verdictLook(Verdict::Delivered);
            const QList<L> legend = {
                {t.marker, t.marker, false, true, tr("packet path"), QStringLiteral("path")},
                {t.traceRow, t.cardBorder, false, false, tr("matched"), QStringLiteral("matched")},
                {t.traceVisited, t.cardBorder, false, false, tr("passed, no match"), QStringLiteral("visited")},
                {drop.row, drop.colour, false, false, tr("dropped here"), QStringLiteral("verdict-drop")},
                {ok.row, ok.colour, false, false, tr("accepted here"), QStringLiteral("verdict-accept")},
                {t.candidateRow, t.candidateBorder, true, false, tr("candidate rule"), QStringLiteral("candidate")},
                {t.cardBackground, t.warning, false, false, tr("nearest miss"), QStringLiteral("miss")},
                {t.rewriteBackground, t.rewriteBackground, false, false, tr("rewrite"), QStringLiteral("rewrite")},
            };
            qreal x = Margin;
            const qreal lh = 16;
            const QFontMetricsF lfm(font(10));
            y += 2;
            for (const L &e : legend) {
                const qreal need = 18 + 5 + lfm.horizontalAdvance(e.label) + 14;
                if (x + need > Margin + W && x > Margin) {
                    x = Margin;
                    y += lh;
                }
                if (e.line)
                    h.line(QPointF(x, y + 6), QPointF(x + 18, y + 6), e.fill, 3, QStringLiteral("legend-path"));
                else
                    h.rect(QRectF(x, y, 18, 12), e.fill, e.border, e.dashed ? 1.5 : 1, e.dashed, 0, QStringLiteral("legend-") + e.cls);
                h.text(x + 23, y + 10, e.label, 10, t.text, 0, false, false, false, QStringLiteral("legend"));
                x += need;
            }
            y += lh + 4;
        }
        c.begin(QStringLiteral("header boxed"));
        c.rect(QRectF(Margin, Margin - 2, W, y - Margin + 2), QColor(), QColor(), 0, false, 0, QStringLiteral("box"));
        page.items << headerItems;
        c.end();

        const qreal top = y + 4;
        const QList<int> secs = pageSections[pg];
        const int n = int(secs.size());
        const qreal availH = widthMode ? 1e9 : pageBase.height() - Margin - top - NodeHead - 2 * Band;

        // Columns: the fewest that fit the page (the widest cards); else as many as allowed.
        int bestC = n;
        QList<int> bestK;
        qreal bestH = 1e18;
        const int maxC = std::max(n, int((W + Gap) / (MinColumn + Gap)));
        for (int C = n; C <= maxC; ++C) {
            const qreal colW = std::min(MaxColumn, (W - (C - 1) * Gap) / C);
            QList<int> k(n, 1);
            QList<qreal> h(n);
            auto height = [&](int i) {
                QList<qreal> hs;
                for (const Block &blk : sections[secs[i]].blocks)
                    hs << blockHeight(blk, colW - Gutter);
                qreal m = 0;
                flow(hs, k[i], &m);
                return m;
            };
            for (int i = 0; i < n; ++i)
                h[i] = height(i);
            for (int extra = C - n; extra > 0; --extra) {
                const int i = int(std::max_element(h.begin(), h.end()) - h.begin());
                ++k[i];
                h[i] = height(i);
            }
            const qreal tallest = n ? *std::max_element(h.begin(), h.end()) : 0;
            if (tallest < bestH - 0.5 || (!widthMode && tallest <= availH && bestH > availH)) {
                bestH = tallest;
                bestC = C;
                bestK = k;
            }
            if (!widthMode && tallest <= availH)
                break;
        }
        const int C = std::max(bestC, 1);
        const qreal colW = std::min(MaxColumn, (W - (C - 1) * Gap) / C);
        const qreal cardsTop = top + NodeHead + Band;
        const qreal pageH = widthMode || bestH > availH ? cardsTop + bestH + Band + Margin : pageBase.height();
        page.size = QSizeF(pageBase.width(), pageH);
        const qreal bandBottom = cardsTop + bestH + Band / 2 + 2;

        struct Tick { int col; qreal y; bool verdict; };
        QList<Tick> ticks;
        int col = 0;
        for (int i = 0; i < n; ++i) {
            const Section &sec = sections[secs[i]];
            const int k = bestK.value(i, 1);
            const qreal sx = Margin + col * (colW + Gap);
            const qreal sw = k * colW + (k - 1) * Gap;
            // The node's name over its columns
            c.begin(QStringLiteral("node-title boxed"), sec.title);
            c.rect(QRectF(sx, top, sw, NodeHead), QColor(), QColor(), 0, false, 0, QStringLiteral("box"));
            const qreal tw = c.text(sx, top + 15, sec.title, 13, t.titleText, sw - 4, true, false, false, QStringLiteral("node-name"));
            if (!sec.subtitle.isEmpty() && sw - tw - 14 > 40)
                c.text(sx + tw + 8, top + 15, sec.subtitle, 10, t.dimText, sw - tw - 14, false, false, false, QStringLiteral("node-arrival"));
            c.end();
            QList<qreal> hs;
            for (const Block &blk : sec.blocks)
                hs << blockHeight(blk, colW - Gutter);
            qreal dummy = 0;
            const QList<QList<int>> cols = flow(hs, k, &dummy);
            for (int ci = 0; ci < cols.size(); ++ci, ++col) {
                const qreal cx = Margin + col * (colW + Gap) + Gutter;
                const qreal cw = colW - Gutter;
                qreal by = cardsTop;
                for (int bi : cols[ci]) {
                    const Block &blk = sec.blocks[bi];
                    const qreal bh = hs[bi];
                    const QRectF box(cx, by, cw, bh);
                    if (blk.kind == Block::Card) {
                        const QString full = (blk.nftTable.isEmpty() ? tableTitle(blk.table) : blk.nftTable) + QLatin1Char(' ') + blk.chain;
                        const QColor accent = t.tableColour[int(tableBase(blk.table))];
                        c.begin(blk.builtin ? QStringLiteral("card chain builtin boxed") : QStringLiteral("card chain boxed"),
                                full, QStringLiteral("p%1-s%2-b%3").arg(pg).arg(secs[i]).arg(bi));
                        c.rect(box, t.cardBackground, t.cardBorder, 1, false, 3, QStringLiteral("box"));
                        c.rect(QRectF(cx, by, cw, TitleH), t.titleBackground, QColor(), 0, false, 0, QStringLiteral("title-bar"));
                        c.rect(QRectF(cx, by, 4, bh), accent, QColor(), 0, false, 0, QStringLiteral("accent"));
                        QString hook = blk.builtin ? tr("%1 hook").arg(blk.hook) : tr("from %1 hook").arg(blk.hook);
                        if (blk.again)
                            hook = tr("again, %1").arg(hook);
                        // The chain's name first: the hook beside it only where both fit, else the hook's name alone.
                        const qreal nameW = QFontMetricsF(font(11, true)).horizontalAdvance(full);
                        const qreal room = cw - Inset - 6 - nameW - 10;
                        if (QFontMetricsF(font(9)).horizontalAdvance(hook) > room)
                            hook = blk.hook;
                        if (blk.passThrough)
                            hook = blk.builtin ? tr("%1 hook, policy %2").arg(blk.hook, blk.rows.front().matches)
                                               : tr("policy %1").arg(blk.rows.front().matches);
                        if (blk.passThrough && QFontMetricsF(font(9)).horizontalAdvance(hook) > room)
                            hook = tr("policy %1").arg(blk.rows.front().matches);
                        if (blk.passThrough && QFontMetricsF(font(9)).horizontalAdvance(hook) > room)
                            hook = blk.rows.front().matches;
                        const qreal hw = QFontMetricsF(font(9)).horizontalAdvance(hook);
                        const bool showHook = hw <= room;
                        c.text(cx + Inset, by + 13, full, 11, t.titleText, cw - Inset - 6, true, false, false, QStringLiteral("chain-name"));
                        if (showHook)
                            c.text(cx + cw - 5, by + 13, hook, 9, t.dimText, 0, false, false, true, QStringLiteral("hook"));
                        ticks << Tick{col, by + TitleH / 2, false};
                        const qreal targetW = targetWidth(blk.rows, cw);
                        if (blk.passThrough) {
                            c.end();
                            by += bh + BlockGap;
                            continue;
                        }
                        qreal ry = by + TitleH;
                        for (const Row &r : blk.rows) {
                            const qreal rh = rowHeight(r, cw);
                            const QRectF rr(cx + 4, ry, cw - 5, rh);
                            QStringList cls{r.kind == Row::PolicyRow ? QStringLiteral("policy") : r.kind == Row::SummaryRow ? QStringLiteral("summary") : QStringLiteral("rule")};
                            if (r.candidate)
                                cls << QStringLiteral("candidate");
                            if (r.miss)
                                cls << QStringLiteral("miss");
                            cls << (r.state == 3 ? QStringLiteral("verdict") : r.state == 2 ? QStringLiteral("matched") : QStringLiteral("visited"));
                            c.begin(cls.join(QLatin1Char(' ')), r.tip);
                            const Theme::VerdictLook look = t.verdictLook(b->verdict.kind);
                            QColor bg = r.state == 3 ? look.row : r.state == 2 ? t.traceRow : r.kind == Row::SummaryRow ? QColor() : t.traceVisited;
                            if (r.candidate && r.state < 2)
                                bg = t.candidateRow;
                            c.rect(QRectF(rr.left(), ry, rr.width(), RowH), bg, QColor(), 0, false, 0, QStringLiteral("row"));
                            if (r.candidate)
                                c.rect(QRectF(rr.left() + 1, ry + 1, rr.width() - 2, RowH - 2), QColor(), t.candidateBorder, 1.5, true, 0, QStringLiteral("candidate-frame"));
                            if (r.miss)
                                c.rect(QRectF(rr.left() + 1, ry + 1, rr.width() - 2, RowH - 2), QColor(), t.warning, 1.5, false, 0, QStringLiteral("miss-frame"));
                            const qreal base = ry + 11;
                            const QColor fg = r.state == 3 ? look.rowText : t.text;
                            if (r.kind == Row::SummaryRow) {
                                c.text(cx + Inset + NumW, base, QStringLiteral("\u22ef ") + r.matches, RowPx, t.dimText, cw - Inset - NumW - 6,
                                       false, false, false, QStringLiteral("matches"));
                            } else {
                                if (r.kind == Row::RuleRow)
                                    c.text(cx + Inset + NumW - 4, base, QString::number(r.num), RowPx, t.dimText, 0, false, false, true, QStringLiteral("num"));
                                c.text(cx + Inset + NumW, base, r.target, RowPx, fg, targetW - 4, r.state >= 2, true, false, QStringLiteral("target"));
                                c.text(cx + Inset + NumW + targetW, base, r.matches, RowPx, fg, matchesWidth(cw, targetW, r), false, true, false, QStringLiteral("matches"));
                            }
                            qreal bx = cx + cw - 4 - 14;
                            for (int note : r.badges) {
                                c.begin(QStringLiteral("note-badge boxed"), tr("Note %1").arg(note));
                                c.rect(QRectF(bx, ry + 1.5, 13, 12), t.warning, QColor(), 0, false, 6, QStringLiteral("box"));
                                c.text(bx + 6.5 + QFontMetricsF(font(9, true)).horizontalAdvance(QString::number(note)) / 2, ry + 11, QString::number(note),
                                       9, t.cardBackground, 0, true, false, true, QStringLiteral("badge"));
                                c.end();
                                bx -= 16;
                            }
                            qreal sy = ry + RowH;
                            const qreal lh = lineSpacing(SubPx);
                            for (const Sub &s : r.subs) {
                                const QStringList lines = wrap(s.text, font(SubPx), subWidth(cw));
                                c.begin(s.cls == QLatin1String("rewrite") ? QStringLiteral("rewrite-callout") : QStringLiteral("miss-reason"), s.text);
                                const QColor sbg = s.cls == QLatin1String("rewrite") ? t.rewriteBackground : QColor();
                                if (sbg.isValid())
                                    c.rect(QRectF(cx + Inset + NumW - 3, sy, cw - Inset - NumW - 2, lines.size() * lh + 2), sbg, QColor(), 0, false, 2, s.cls);
                                for (const QString &l : lines) {
                                    sy += lh;
                                    c.text(cx + Inset + NumW, sy - 3, l, SubPx, s.cls == QLatin1String("rewrite") ? t.rewriteText : t.warning.darker(130), 0,
                                           false, false, false, s.cls);
                                }
                                c.end();
                            }
                            c.end();
                            if (r.state >= 2)
                                ticks << Tick{col, ry + RowH / 2, r.state == 3};
                            ry += rh;
                        }
                        c.end();
                    } else {
                        QColor bg = t.cardBackground, border = t.cardBorder, fg = t.text, hc = t.titleText;
                        bool dashed = false;
                        if (blk.kind == Block::VerdictBox) {
                            const Theme::VerdictLook look = t.verdictLook(b->verdict.kind);
                            bg = look.calloutBackground;
                            border = look.calloutBorder;
                            fg = hc = look.calloutText;
                        } else if (blk.kind == Block::NoteBox) {
                            border = t.warning;
                        } else {
                            dashed = true;
                            fg = t.dimText;
                        }
                        c.begin(blk.cls + QStringLiteral(" boxed"), blk.text);
                        c.rect(box, bg, border, blk.kind == Block::Event ? 1 : 2, dashed, 4, QStringLiteral("box"));
                        qreal ty = by + 5;
                        if (!blk.heading.isEmpty()) {
                            ty += lineSpacing(12, true);
                            c.text(cx + 10, ty - 3, blk.heading, 12, hc, cw - 20, true, false, false, QStringLiteral("heading"));
                        }
                        const int px = blk.kind == Block::Event ? SubPx : 11;
                        const qreal lh = lineSpacing(px);
                        for (const QString &l : wrap(blk.text, font(px), boxTextWidth(cw))) {
                            ty += lh;
                            c.text(cx + 10, ty - 3, l, px, fg, 0, false, false, false, QStringLiteral("line"));
                        }
                        c.end();
                    }
                    by += bh + BlockGap;
                }
            }
        }

        // The path: down each column's gutter, across in the bands and corridors between them.
        if (!ticks.isEmpty()) {
            auto gx = [&](int cidx) { return Margin + cidx * (colW + Gap) + Gutter / 2 - 1; };
            auto cardX = [&](int cidx) { return Margin + cidx * (colW + Gap) + Gutter; };
            QPolygonF pts;
            pts << QPointF(gx(ticks.front().col), ticks.front().y);
            for (int i = 1; i < ticks.size(); ++i) {
                const Tick &a = ticks[i - 1], &z = ticks[i];
                if (z.col != a.col) {
                    const qreal bandTop = top + NodeHead + Band / 2 - 1;
                    for (int cc = a.col; cc < z.col; ++cc) {
                        const qreal corridor = Margin + cc * (colW + Gap) + colW + Gap / 2;
                        pts << QPointF(gx(cc), bandBottom) << QPointF(corridor, bandBottom) << QPointF(corridor, bandTop)
                            << QPointF(gx(cc + 1), bandTop);
                    }
                }
                pts << QPointF(gx(z.col), z.y);
            }
            c.begin(QStringLiteral("packet-path"));
            FigureItem p;
            p.kind = FigureItem::Path;
            p.points = pts;
            p.stroke = t.marker;
            p.width = 2.5;
            p.cls = QStringLiteral("path");
            page.items << p;
            for (const Tick &tk : std::as_const(ticks)) {
                const QColor tc = tk.verdict ? t.verdictLook(b->verdict.kind).colour : t.marker;
                c.line(QPointF(gx(tk.col), tk.y), QPointF(cardX(tk.col) - 1, tk.y), tc, 2, QStringLiteral("path-tick"));
                c.circle(QPointF(cardX(tk.col) - 1, tk.y), tk.verdict ? 3.5 : 2.5, tc, QStringLiteral("path-dot"));
            }
            c.circle(pts.front(), 4, t.marker, QStringLiteral("path-start"));
            c.end();
        }
        m_pages << page;
    }
    if (m_pages.isEmpty())
        m_pages << FigurePage{widthMode ? QSizeF(m_options.width, 200) : pageBase, {}};
}

// ---- Writers ---------------------------------------------------------------------------------

namespace {
void colour(QXmlStreamWriter &w, const char *attr, const QColor &c)
{
    if (!c.isValid() || c.alpha() == 0) {
        w.writeAttribute(QLatin1String(attr), QStringLiteral("none"));
        return;
    }
    w.writeAttribute(QLatin1String(attr), c.name(QColor::HexRgb));
    if (c.alpha() < 255)
        w.writeAttribute(QLatin1String(attr) + QLatin1String("-opacity"), num(c.alphaF()));
}

void writeItems(QXmlStreamWriter &w, const QList<FigureItem> &items)
{
    for (const FigureItem &i : items) {
        switch (i.kind) {
        case FigureItem::Begin:
            w.writeStartElement(QStringLiteral("g"));
            if (!i.id.isEmpty())
                w.writeAttribute(QStringLiteral("id"), i.id);
            if (!i.cls.isEmpty())
                w.writeAttribute(QStringLiteral("class"), i.cls);
            if (!i.title.isEmpty())
                w.writeTextElement(QStringLiteral("title"), i.title);
            break;
        case FigureItem::End:
            w.writeEndElement();
            break;
        case FigureItem::Rect:
            w.writeStartElement(QStringLiteral("rect"));
            if (!i.cls.isEmpty())
                w.writeAttribute(QStringLiteral("class"), i.cls);
            w.writeAttribute(QStringLiteral("x"), num(i.rect.x()));
            w.writeAttribute(QStringLiteral("y"), num(i.rect.y()));
            w.writeAttribute(QStringLiteral("width"), num(i.rect.width()));
            w.writeAttribute(QStringLiteral("height"), num(i.rect.height()));
            if (i.radius > 0)
                w.writeAttribute(QStringLiteral("rx"), num(i.radius));
            colour(w, "fill", i.fill);
            if (i.stroke.isValid()) {
                colour(w, "stroke", i.stroke);
                w.writeAttribute(QStringLiteral("stroke-width"), num(i.width));
                if (i.dashed)
                    w.writeAttribute(QStringLiteral("stroke-dasharray"), QStringLiteral("4 3"));
            }
            w.writeEndElement();
            break;
        case FigureItem::Text:
            w.writeStartElement(QStringLiteral("text"));
            if (!i.cls.isEmpty())
                w.writeAttribute(QStringLiteral("class"), i.cls);
            w.writeAttribute(QStringLiteral("x"), num(i.at.x()));
            w.writeAttribute(QStringLiteral("y"), num(i.at.y()));
            w.writeAttribute(QStringLiteral("font-size"), num(i.px));
            if (i.mono)
                w.writeAttribute(QStringLiteral("font-family"), QStringLiteral("DejaVu Sans Mono, monospace"));
            if (i.bold)
                w.writeAttribute(QStringLiteral("font-weight"), QStringLiteral("bold"));
            if (i.alignEnd)
                w.writeAttribute(QStringLiteral("text-anchor"), QStringLiteral("end"));
            colour(w, "fill", i.fill);
            w.writeCharacters(i.text);
            w.writeEndElement();
            break;
        case FigureItem::Line:
            w.writeStartElement(QStringLiteral("line"));
            if (!i.cls.isEmpty())
                w.writeAttribute(QStringLiteral("class"), i.cls);
            w.writeAttribute(QStringLiteral("x1"), num(i.at.x()));
            w.writeAttribute(QStringLiteral("y1"), num(i.at.y()));
            w.writeAttribute(QStringLiteral("x2"), num(i.to.x()));
            w.writeAttribute(QStringLiteral("y2"), num(i.to.y()));
            colour(w, "stroke", i.stroke);
            w.writeAttribute(QStringLiteral("stroke-width"), num(i.width));
            w.writeEndElement();
            break;
        case FigureItem::Path: {
            QString pts;
            for (const QPointF &p : i.points)
                pts += num(p.x()) + QLatin1Char(',') + num(p.y()) + QLatin1Char(' ');
            w.writeStartElement(QStringLiteral("polyline"));
            w.writeAttribute(QStringLiteral("class"), i.cls);
            w.writeAttribute(QStringLiteral("points"), pts.trimmed());
            w.writeAttribute(QStringLiteral("fill"), QStringLiteral("none"));
            colour(w, "stroke", i.stroke);
            w.writeAttribute(QStringLiteral("stroke-width"), num(i.width));
            w.writeAttribute(QStringLiteral("stroke-linejoin"), QStringLiteral("round"));
            w.writeAttribute(QStringLiteral("stroke-linecap"), QStringLiteral("round"));
            w.writeEndElement();
            break;
        }
        case FigureItem::Circle:
            w.writeStartElement(QStringLiteral("circle"));
            if (!i.cls.isEmpty())
                w.writeAttribute(QStringLiteral("class"), i.cls);
            w.writeAttribute(QStringLiteral("cx"), num(i.at.x()));
            w.writeAttribute(QStringLiteral("cy"), num(i.at.y()));
            w.writeAttribute(QStringLiteral("r"), num(i.rect.width() / 2));
            colour(w, "fill", i.fill);
            w.writeEndElement();
            break;
        }
    }
}
} // namespace

QByteArray PathFigure::svg(bool inlineHtml) const
{
    constexpr qreal PageGap = 24;
    qreal width = 0, height = 0;
    for (const FigurePage &p : m_pages) {
        width = std::max(width, p.size.width());
        height += p.size.height() + (height > 0 ? PageGap : 0);
    }
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    QXmlStreamWriter w(&buffer);
    w.setAutoFormatting(true);
    w.setAutoFormattingIndent(1);
    if (!inlineHtml)
        w.writeStartDocument();
    w.writeStartElement(QStringLiteral("svg"));
    w.writeDefaultNamespace(QStringLiteral("http://www.w3.org/2000/svg"));
    w.writeAttribute(QStringLiteral("version"), QStringLiteral("1.1"));
    if (inlineHtml) {
        w.writeAttribute(QStringLiteral("class"), QStringLiteral("figure"));
        w.writeAttribute(QStringLiteral("width"), QStringLiteral("100%"));
    } else {
        w.writeAttribute(QStringLiteral("width"), num(width));
        w.writeAttribute(QStringLiteral("height"), num(height));
    }
    w.writeAttribute(QStringLiteral("viewBox"), QStringLiteral("0 0 %1 %2").arg(num(width), num(height)));
    // One family everywhere (fonts-dejavu-core): Chromium, rsvg-convert and Inkscape then
    // measure the text as Qt did when it laid the figure out.
    w.writeAttribute(QStringLiteral("font-family"), QStringLiteral("DejaVu Sans, sans-serif"));
    w.writeTextElement(QStringLiteral("title"), tr("Chainscope: %1").arg(m_header.scenario));
    qreal y = 0;
    for (int i = 0; i < m_pages.size(); ++i) {
        const FigurePage &p = m_pages[i];
        w.writeStartElement(QStringLiteral("g"));
        w.writeAttribute(QStringLiteral("class"), QStringLiteral("page"));
        if (y > 0)
            w.writeAttribute(QStringLiteral("transform"), QStringLiteral("translate(0 %1)").arg(num(y)));
        w.writeStartElement(QStringLiteral("rect"));
        w.writeAttribute(QStringLiteral("class"), QStringLiteral("page-background"));
        w.writeAttribute(QStringLiteral("width"), num(p.size.width()));
        w.writeAttribute(QStringLiteral("height"), num(p.size.height()));
        colour(w, "fill", m_theme.sceneBackground);
        if (m_pages.size() > 1) {
            colour(w, "stroke", m_theme.cardBorder);
            w.writeAttribute(QStringLiteral("stroke-width"), QStringLiteral("1"));
        }
        w.writeEndElement();
        writeItems(w, p.items);
        w.writeEndElement();
        y += p.size.height() + PageGap;
    }
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

bool PathFigure::writeSvg(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(svg()) < 0 || !file.commit()) {
        if (error)
            *error = tr("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void PathFigure::paint(QPainter *p, int page) const
{
    if (page < 0 || page >= m_pages.size())
        return;
    const FigurePage &pg = m_pages[page];
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setRenderHint(QPainter::TextAntialiasing);
    p->fillRect(QRectF(QPointF(0, 0), pg.size), m_theme.sceneBackground);
    for (const FigureItem &i : pg.items) {
        switch (i.kind) {
        case FigureItem::Begin:
        case FigureItem::End:
            break;
        case FigureItem::Rect:
            if (i.stroke.isValid()) {
                QPen pen(i.stroke, i.width);
                if (i.dashed)
                    pen.setDashPattern({4 / i.width, 3 / i.width});
                p->setPen(pen);
            } else {
                p->setPen(Qt::NoPen);
            }
            p->setBrush(i.fill.isValid() ? QBrush(i.fill) : QBrush(Qt::NoBrush));
            if (!i.fill.isValid() && !i.stroke.isValid())
                break;
            if (i.radius > 0)
                p->drawRoundedRect(i.rect, i.radius, i.radius);
            else
                p->drawRect(i.rect);
            break;
        case FigureItem::Text:
            p->setFont(font(int(i.px), i.bold, i.mono));
            p->setPen(i.fill);
            p->drawText(QPointF(i.rect.left(), i.at.y()), i.text);
            break;
        case FigureItem::Line:
            p->setPen(QPen(i.stroke, i.width, Qt::SolidLine, Qt::RoundCap));
            p->drawLine(i.at, i.to);
            break;
        case FigureItem::Path:
            p->setPen(QPen(i.stroke, i.width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p->setBrush(Qt::NoBrush);
            p->drawPolyline(i.points);
            break;
        case FigureItem::Circle:
            p->setPen(Qt::NoPen);
            p->setBrush(i.fill);
            p->drawEllipse(i.rect);
            break;
        }
    }
    p->restore();
}

bool PathFigure::writePng(const QString &path, QString *error) const
{
    constexpr qreal Scale = 2;
    constexpr qreal PageGap = 24;
    qreal width = 0, height = 0;
    for (const FigurePage &p : m_pages) {
        width = std::max(width, p.size.width());
        height += p.size.height() + (height > 0 ? PageGap : 0);
    }
    QImage image(QSizeF(width * Scale, height * Scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        if (error)
            *error = tr("%1: the picture is too large for an image").arg(path);
        return false;
    }
    image.fill(m_theme.cardBorder);
    {
        QPainter p(&image);
        p.scale(Scale, Scale);
        for (int i = 0; i < m_pages.size(); ++i) {
            paint(&p, i);
            p.translate(0, m_pages[i].size.height() + PageGap);
        }
    }
    image.setDotsPerMeterX(int(96 * Scale / 0.0254));
    image.setDotsPerMeterY(int(96 * Scale / 0.0254));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        if (error)
            *error = tr("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool PathFigure::writePdf(const QString &path, QString *error) const
{
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
        auto pageSize = [this](const FigurePage &p) {
            const QSizeF standard = landscape(m_options.page);
            if (m_options.width <= 0 && std::abs(p.size.width() - standard.width()) < 1 && std::abs(p.size.height() - standard.height()) < 1)
                return QPageSize(m_options.page);
            return QPageSize(p.size * 72.0 / 96.0, QPageSize::Point, QString(), QPageSize::ExactMatch);
        };
        auto layoutFor = [&](const FigurePage &p) {
            const QPageSize ps = pageSize(p);
            const bool land = p.size.width() > p.size.height();
            return QPageLayout(ps, land && ps.id() != QPageSize::Custom ? QPageLayout::Landscape : QPageLayout::Portrait, QMarginsF());
        };
        pdf.setPageLayout(layoutFor(m_pages.front()));
        QPainter p(&pdf);
        for (int i = 0; i < m_pages.size(); ++i) {
            if (i > 0) {
                pdf.setPageLayout(layoutFor(m_pages[i]));
                pdf.newPage();
            }
            const QRect vp = p.viewport();
            const qreal s = std::min(vp.width() / m_pages[i].size.width(), vp.height() / m_pages[i].size.height());
            p.save();
            p.scale(s, s);
            paint(&p, i);
            p.restore();
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
