#include "chaincard.h"
#include "text.h"

#include "counterformat.h"
#include "explain.h"
#include "nftruleset.h"

#include <QFontMetricsF>
#include <QGraphicsSceneHoverEvent>
#include <QPaintEngine>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace chainscope {

namespace {
constexpr qreal FarLod = 0.35;
constexpr qreal MediumLod = 0.7;

constexpr size_t LongCardRows = 200;

} // namespace

ChainCard::ChainCard(const Ruleset &rules, TableId table, int chain, const Theme &theme, double logMaxPackets)
    : m_rules(&rules), m_logMaxPackets(logMaxPackets), m_table(table), m_chain(chain), m_theme(theme)
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setCacheMode(DeviceCoordinateCache);

    m_font.setPointSizeF(8.5);
    m_boldFont = m_font;
    m_boldFont.setBold(true);
    m_farFont = m_font;
    m_farFont.setPixelSize(40);
    m_farFont.setBold(true);
    m_mediumFont = m_font;
    m_mediumFont.setPixelSize(24);
    m_mediumFont.setBold(true);
    m_mediumSmallFont = m_font;
    m_mediumSmallFont.setPixelSize(20);

    // paint() builds the texts of the exposed rows only (a chain can hold thousands of rules).
    setFlag(ItemUsesExtendedStyleOption);
    if (isNft()) {
        buildNftRows(theme, logMaxPackets);
        return;
    }

    // Only what layout, edges, trace and compare need: no font metrics, no Explain (see buildTexts()).
    const Chain &c = rules.table(table).chains[size_t(chain)];
    m_builtin = c.builtin;
    m_name = text::q(c.name);
    m_accent = theme.tableAccent(table);
    auto level = [logMaxPackets](quint64 p) {
        return logMaxPackets > 0 ? std::log1p(double(p)) / logMaxPackets : 0.0;
    };

    m_rows.reserve(c.rules.size() + (c.builtin ? 1 : 0));
    for (const Rule &r : c.rules) {
        Row row;
        row.ruleId = r.id;
        row.candidate = r.candidate;
        const Target &t = r.target;
        switch (t.kind) {
        case Target::Jump:
        case Target::Goto:
            row.jumpChain = t.chain;
            row.isGoto = t.kind == Target::Goto;
            break;
        default:
            break;
        }
        switch (t.kind) {
        case Target::Accept:
            row.targetColour = theme.policyAccept;
            break;
        case Target::Drop:
        case Target::Reject:
            row.targetColour = theme.policyDrop;
            break;
        case Target::Jump:
        case Target::Goto:
            row.targetColour = theme.cardSelectedBorder;
            break;
        default:
            row.targetColour = theme.text;
        }
        row.dim = r.packets == 0;
        row.background = theme.heat(level(r.packets));
        if (r.candidate) {
            row.dim = false;
            row.background = theme.candidateRow;
        }
        m_rows.push_back(std::move(row));
    }
    if (c.builtin) {
        Row row;
        row.policy = true;
        row.targetColour = c.policyDrop ? theme.policyDrop : theme.policyAccept;
        row.dim = c.policyPackets == 0;
        row.background = theme.heat(level(c.policyPackets));
        m_rows.push_back(std::move(row));
    }
    m_rowReady.assign(m_rows.size(), false);
    // A cached card is painted whole into its pixmap: KUBE-SERVICES at 30k services would lay
    // out 30,000 rows for one frame. Long cards paint what is exposed, uncached.
    if (m_rows.size() > LongCardRows)
        setCacheMode(NoCache);
    updateHeight();
    setToolTip(fullName());
}

QString ChainCard::fullName() const
{
    return isNft() ? m_nftTable + QLatin1Char(' ') + m_name : tableTitle(m_table) + QLatin1Char(':') + m_name;
}

void ChainCard::buildNftRows(const Theme &theme, double logMaxPackets)
{
    const nft::NftRuleset *n = m_rules->nft.get();
    if (!n || m_chain < 0 || m_chain >= int(n->chains.size()))
        return;
    const nft::Chain &c = n->chains[size_t(m_chain)];
    m_builtin = c.base;
    m_name = text::q(c.name);
    m_nftTable = n->tableTitle(c.table);
    m_accent = theme.nftAccent;
    auto level = [logMaxPackets](quint64 p) {
        return logMaxPackets > 0 ? std::log1p(double(p)) / logMaxPackets : 0.0;
    };
    m_rows.reserve(c.rules.size() + (c.base ? 1 : 0));
    for (size_t i = 0; i < c.rules.size(); ++i) {
        const nft::Rule &r = c.rules[i];
        Row row;
        row.nftRule = int(i);
        row.candidate = r.candidate;
        row.targetColour = theme.text;
        bool counted = false;
        for (quint32 k = r.first; k < r.first + r.count; ++k) {
            const nft::Item &it = n->items[k];
            if (it.kind == nft::Item::Counter)
                counted = true;
            else if (it.kind == nft::Item::Vmap) {
                row.vmapSet = it.set;
                row.targetColour = theme.cardSelectedBorder;
            } else if (it.kind == nft::Item::Verdict) {
                switch (it.verdict.kind) {
                case nft::Verdict::Accept:
                    row.targetColour = theme.policyAccept;
                    break;
                case nft::Verdict::Drop:
                case nft::Verdict::Reject:
                    row.targetColour = theme.policyDrop;
                    break;
                case nft::Verdict::Jump:
                case nft::Verdict::Goto:
                    row.jumpChain = it.verdict.chain;
                    row.isGoto = it.verdict.kind == nft::Verdict::Goto;
                    row.targetColour = theme.cardSelectedBorder;
                    break;
                default:
                    break;
                }
            }
        }
        // nft counts only where a rule says `counter`: an uncounted rule is not a cold one.
        row.dim = counted && r.packets == 0;
        row.background = counted ? theme.heat(level(r.packets)) : theme.cardBackground;
        if (r.candidate) {
            row.dim = false;
            row.background = theme.candidateRow;
        }
        m_rows.push_back(std::move(row));
    }
    if (c.base) {
        Row row;
        row.policy = true;
        row.targetColour = c.policyDrop ? theme.policyDrop : theme.policyAccept;
        row.background = theme.cardBackground;   // nft keeps no policy counters
        m_rows.push_back(std::move(row));
    }
    m_rowReady.assign(m_rows.size(), false);
    if (m_rows.size() > LongCardRows)
        setCacheMode(NoCache);
    updateHeight();
    setToolTip(fullName());
}

void ChainCard::buildNftTitles()
{
    const nft::NftRuleset *n = m_rules->nft.get();
    if (!n || m_chain < 0 || m_chain >= int(n->chains.size()))
        return;
    const nft::Chain &c = n->chains[size_t(m_chain)];
    const QFontMetricsF bfm(m_boldFont);
    m_packetsLabel = tr("pkts");
    m_bytesLabel = tr("bytes");
    const QString priority = c.priorityWritten.empty() ? QString::number(c.priority) : text::q(c.priorityWritten);
    m_titleRight = c.base ? tr("priority %1").arg(priority) : tr("nft chain");
    const QString full = fullName();
    const qreal room = Width - TargetX - 2 - PacketsW - BytesW - 3 * Pad;
    if (bfm.horizontalAdvance(full) > room - QFontMetricsF(m_font).horizontalAdvance(m_titleRight) - 12)
        m_titleRight.clear();
    m_title = bfm.elidedText(full, Qt::ElideRight,
                             room - (m_titleRight.isEmpty() ? 4 : QFontMetricsF(m_font).horizontalAdvance(m_titleRight) + 12));
    m_summary = tr("%n rule(s)", nullptr, int(c.rules.size()));
    if (c.base)
        m_summary = tr("%1 · %2 %3, priority %4 · policy %5")
                        .arg(m_summary, text::q(c.type), text::q(nft::hookName(c.hook)), priority,
                             c.policyDrop ? QStringLiteral("drop") : QStringLiteral("accept"));
    m_farName = QFontMetricsF(m_farFont).elidedText(m_name, Qt::ElideRight, Width - 2 * Pad);
    m_mediumName = QFontMetricsF(m_mediumFont).elidedText(full, Qt::ElideRight, Width - 2 * Pad - 6);
    m_emptyText = c.base ? tr("(no rules: the policy decides)") : tr("(empty chain: returns at once)");
}

void ChainCard::ensureNftRow(int index)
{
    const nft::NftRuleset *n = m_rules->nft.get();
    if (!n || m_chain < 0 || m_chain >= int(n->chains.size()))
        return;
    const nft::Chain &c = n->chains[size_t(m_chain)];
    const QFontMetricsF fm(m_font);
    const qreal matchesW = Width - TargetX - TargetW - PacketsW - BytesW - 3 * Pad;
    Row &row = m_rows[size_t(index)];
    const QString where = [&](const SourceLoc &loc) {
        return m_rules->fileOf(loc) + QLatin1Char(':') + QString::number(loc.line);
    }(row.policy ? c.loc : row.nftRule >= 0 && row.nftRule < int(c.rules.size()) ? c.rules[size_t(row.nftRule)].loc : c.loc);
    if (row.policy) {
        row.target = c.policyDrop ? tr("policy drop") : tr("policy accept");
        if (row.matches.isNull())
            row.matches = tr("when no rule decides");
        row.toolTip = tr("%1 policy %2\n%3").arg(fullName(), c.policyDrop ? QStringLiteral("drop") : QStringLiteral("accept"), where);
        return;
    }
    if (row.nftRule < 0 || row.nftRule >= int(c.rules.size()))
        return;   // the rule set changed under the card: it is rebuilt by the next setRuleset()
    const nft::Rule &r = c.rules[size_t(row.nftRule)];
    std::string_view act, matches;
    nft::splitAction(*n, r, act, matches);
    const QString target = act.empty() ? tr("(no verdict)") : text::q(act).trimmed();
    // firewalld's jumps differ only at the end (filter_IN_public_pre, _log, _deny...): a jump
    // keeps the end of its chain's name, eliding the middle.
    const bool jumps = target.startsWith(QLatin1String("jump ")) || target.startsWith(QLatin1String("goto "));
    row.target = fm.elidedText(target, jumps ? Qt::ElideMiddle : Qt::ElideRight, TargetW);
    QString m = text::trimmed(matches).empty() ? tr("(every packet)") : text::q(matches).trimmed();
    if (fm.horizontalAdvance(target) > TargetW)   // a vmap or a nat statement: the rest is read beside
        m += QStringLiteral(" \u21d2 ") + target;
    const bool keepMatches = !row.matches.isNull();
    if (!keepMatches)
        row.matches = fm.elidedText(m, jumps ? Qt::ElideMiddle : Qt::ElideRight, matchesW);
    bool counted = false;
    for (quint32 k = r.first; k < r.first + r.count; ++k)
        counted = counted || n->items[k].kind == nft::Item::Counter;
    row.packets = counted ? CounterFormat::human(r.packets) : QString();
    row.bytes = counted ? CounterFormat::human(r.bytes) : QString();
    row.toolTip = tr("%1\n%2\n%3").arg(fullName(), text::q(r.text).trimmed(), where);
    if (r.candidate) {
        row.packets.clear();
        row.bytes.clear();
        if (!keepMatches)
            row.matches = fm.elidedText(tr("%1   \u2014 candidate").arg(m), Qt::ElideMiddle, matchesW + PacketsW + BytesW + Pad);
        row.toolTip = tr("Candidate rule (not on the node): %1").arg(text::q(r.text).trimmed());
    }
}

void ChainCard::ensureTexts() const
{
    if (!m_hasTexts)
        const_cast<ChainCard *>(this)->buildTexts();
}

void ChainCard::ensureTitles() const
{
    if (!m_hasTitles)
        const_cast<ChainCard *>(this)->buildTitles();
}

void ChainCard::buildTitles()
{
    m_hasTitles = true;
    if (!m_rules)
        return;
    if (isNft()) {
        buildNftTitles();
        return;
    }
    const Ruleset &rules = *m_rules;
    const TableId table = m_table;
    const Table &tab = rules.table(table);
    if (m_chain < 0 || m_chain >= int(tab.chains.size()))
        return;
    const Chain &c = tab.chains[size_t(m_chain)];
    const QFontMetricsF bfm(m_boldFont);

    m_packetsLabel = tr("pkts");
    m_bytesLabel = tr("bytes");
    m_titleRight = c.builtin ? tr("built-in") : tr("%n reference(s)", nullptr, c.references);
    // The name takes what the words on the right leave, cut at its end ("DOCKER-ISOLATION-STA…"
    // still reads as itself; a middle cut made the DOCKER chains look alike); the full name is
    // the title's tooltip.
    // A long name takes the room of "built-in" / "N references" (DOCKER-ISOLATION-STAGE-1 and
    // -2 must not both read "DOCKER-ISOLATION-STA…").
    const QString full = tableTitle(table) + QLatin1Char(':') + m_name;
    const qreal room = Width - TargetX - 2 - PacketsW - BytesW - 3 * Pad;
    if (bfm.horizontalAdvance(full) > room - QFontMetricsF(m_font).horizontalAdvance(m_titleRight) - 12)
        m_titleRight.clear();
    m_title = bfm.elidedText(full, Qt::ElideRight,
                             room - (m_titleRight.isEmpty() ? 4 : QFontMetricsF(m_font).horizontalAdvance(m_titleRight) + 12));
    m_summary = tr("%n rule(s)", nullptr, int(c.rules.size()));
    if (c.builtin)
        m_summary = tr("%1 · policy %2").arg(m_summary, c.policyDrop ? QStringLiteral("DROP") : QStringLiteral("ACCEPT"));
    m_farName = QFontMetricsF(m_farFont).elidedText(m_name, Qt::ElideRight, Width - 2 * Pad);
    m_mediumName = QFontMetricsF(m_mediumFont).elidedText(tableTitle(table) + QLatin1Char(':') + m_name,
                                                          Qt::ElideRight, Width - 2 * Pad - 6);
    m_emptyText = tr("(empty chain: returns at once)");
}

void ChainCard::retranslate()
{
    const bool built = m_hasTexts;
    m_hasTitles = false;
    m_hasTexts = false;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        row.target.clear();
        row.toolTip.clear();
        if (!row.matchesGiven)
            row.matches.clear();   // null again: ensureRow() words it
        m_rowReady[i] = false;
    }
    if (built)
        buildTexts();
    update();
}

void ChainCard::buildTexts()
{
    m_hasTexts = true;
    for (size_t i = 0; i < m_rows.size(); ++i)
        ensureRow(int(i));
}

void ChainCard::ensureRow(int index)
{
    if (index < 0 || index >= int(m_rows.size()) || m_rowReady[size_t(index)])
        return;
    m_rowReady[size_t(index)] = true;
    ensureTitles();
    if (!m_rules)
        return;
    if (isNft()) {
        ensureNftRow(index);
        return;
    }
    const Ruleset &rules = *m_rules;
    const Table &tab = rules.table(m_table);
    if (m_chain < 0 || m_chain >= int(tab.chains.size()))
        return;
    const Chain &c = tab.chains[size_t(m_chain)];
    const QFontMetricsF fm(m_font);
    const qreal matchesW = Width - TargetX - TargetW - PacketsW - BytesW - 3 * Pad;
    const size_t i = size_t(index);
    Row &row = m_rows[i];
    if (row.policy) {
        row.target = c.policyDrop ? tr("policy DROP") : tr("policy ACCEPT");
        if (row.matches.isNull())
            row.matches = tr("when no rule decides");
        row.packets = CounterFormat::human(c.policyPackets);
        row.bytes = CounterFormat::human(c.policyBytes);
        row.toolTip = tr("Chain %1 policy %2\npackets %3, bytes %4\n%5:%6")
                          .arg(m_name, c.policyDrop ? QStringLiteral("DROP") : QStringLiteral("ACCEPT"),
                               QString::number(c.policyPackets), QString::number(c.policyBytes),
                               rules.fileOf(c.loc), QString::number(c.loc.line));
        return;
    }
    if (i >= c.rules.size() || c.rules[i].id != row.ruleId)
        return;   // the rule set changed under the card: it is rebuilt by the next setRuleset()
    const Rule &r = c.rules[i];
    const Target &t = r.target;
    QString target;
    switch (t.kind) {
    case Target::None:
        target = tr("(count)");
        break;
    case Target::Jump:
    case Target::Goto:
        target = (t.kind == Target::Goto ? tr("goto ") : QString()) + text::q(t.name);
        break;
    default:
        target = text::q(t.name);
    }
    row.target = fm.elidedText(target, Qt::ElideRight, TargetW);
    // Short form: the tests without their comments, what a rewriting target writes, then
    // the comment, which names the service but says nothing about the match.
    QStringList parts;
    QString comment;
    for (const Criterion &cr : r.criteria) {
        if (cr.kind == Criterion::Comment)
            comment = text::q(cr.text);
        else
            parts << Explain::criterionText(rules, r, cr);
    }
    QString matches = parts.isEmpty() ? tr("(all packets)") : parts.join(QLatin1Char(' '));
    if (!t.args.empty() && t.kind != Target::Jump && t.kind != Target::Goto)
        matches += QStringLiteral(" \u21d2 ") + text::q(t.args).trimmed();
    if (!comment.isEmpty())
        matches += QStringLiteral("  /* ") + comment + QStringLiteral(" */");
    // A matches text set by compare (setRowMatches) before the texts were built wins.
    const bool keepMatches = !row.matches.isNull();
    if (!keepMatches)
        row.matches = fm.elidedText(matches, Qt::ElideRight, matchesW);
    row.packets = CounterFormat::human(r.packets);
    row.bytes = CounterFormat::human(r.bytes);
    const QString where = rules.fileOf(r.loc) + QLatin1Char(':') + QString::number(r.loc.line);
    row.toolTip = tr("%1\npackets %2, bytes %3\n%4")
                      .arg(text::q(r.text).trimmed(), QString::number(r.packets), QString::number(r.bytes), where);
    if (r.candidate) {
        row.packets.clear();
        row.bytes.clear();
        // The tag goes where the counters would be: the rule has none.
        if (!keepMatches)
            row.matches = fm.elidedText(tr("%1   \u2014 candidate").arg(matches), Qt::ElideMiddle,
                                        matchesW + PacketsW + BytesW + Pad);
        row.toolTip = tr("Candidate rule (not on the node): %1\nF2 or double-click edits it, Delete removes it")
                          .arg(Explain::ruleText(rules, r));
    }
}

QRectF ChainCard::boundingRect() const
{
    // 2 px selection pen, half of it outside the card.
    return QRectF(0, 0, Width, m_height).adjusted(-1.5, -1.5, 1.5, 1.5);
}

void ChainCard::updateHeight()
{
    m_height = qMax(MinHeight, TitleHeight + qreal(qMax(slotCount(), 1)) * RowHeight + 4);
}

void ChainCard::setGaps(const std::vector<int> &gapsBefore)
{
    prepareGeometryChange();
    m_slot.clear();
    m_slotCount = 0;
    bool any = false;
    for (int g : gapsBefore)
        any = any || g > 0;
    if (any) {
        m_slot.resize(m_rows.size());
        int slot = 0;
        for (size_t i = 0; i < m_rows.size(); ++i) {
            slot += i < gapsBefore.size() ? std::max(gapsBefore[i], 0) : 0;
            m_slot[i] = slot++;
        }
        m_slotCount = slot + (gapsBefore.size() > m_rows.size() ? std::max(gapsBefore[m_rows.size()], 0) : 0);
    }
    updateHeight();
    update();
}

int ChainCard::slotOf(int row) const
{
    if (m_slot.empty() || row < 0)
        return row;
    if (row < int(m_slot.size()))
        return m_slot[size_t(row)];
    return m_slotCount + (row - int(m_slot.size()));
}

int ChainCard::rowInSlot(int slot) const
{
    if (m_slot.empty())
        return slot >= 0 && slot < int(m_rows.size()) ? slot : -1;
    const auto it = std::lower_bound(m_slot.begin(), m_slot.end(), slot);
    return it != m_slot.end() && *it == slot ? int(it - m_slot.begin()) : -1;
}

int ChainCard::rowAt(qreal y) const
{
    if (y < TitleHeight)
        return -1;
    return rowInSlot(int((y - TitleHeight) / RowHeight));
}

QRectF ChainCard::rowRect(int row) const
{
    return QRectF(0, TitleHeight + slotOf(row) * RowHeight, Width, RowHeight);
}

int ChainCard::rowOfRule(quint32 ruleId) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (!m_rows[i].policy && m_rows[i].ruleId == ruleId)
            return int(i);
    return -1;
}

quint32 ChainCard::ruleIdAt(const QPointF &local) const
{
    if (local.x() < 0 || local.x() > Width)
        return 0;
    const int row = rowAt(local.y());
    if (row < 0 || row >= int(m_rows.size()))
        return 0;
    return m_rows[size_t(row)].ruleId;
}

void ChainCard::setSelectedRule(quint32 ruleId)
{
    if (m_selectedRule == ruleId)
        return;
    m_selectedRule = ruleId;
    update();
}

void ChainCard::setSelectedRow(int row)
{
    if (m_selectedRow == row)
        return;
    m_selectedRow = row;
    update();
}

void ChainCard::setPolicySelected(bool selected)
{
    if (m_policySelected == selected)
        return;
    m_policySelected = selected;
    update();
}

void ChainCard::setRowMark(int row, const QColor &tint, const QColor &stripe)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    m_rows[size_t(row)].mark = tint;
    m_rows[size_t(row)].markStripe = stripe;
    m_markSummary = m_badge.isEmpty() ? QColor() : m_badgeColour;
    for (const Row &r : m_rows)
        if (!m_markSummary.isValid() && r.markStripe.isValid())
            m_markSummary = r.markStripe;
    update();
}

void ChainCard::setRowMatches(int row, const QString &text)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    ensureRow(row);
    const qreal matchesW = Width - TargetX - TargetW - PacketsW - BytesW - 3 * Pad;
    m_rows[size_t(row)].matches = QFontMetricsF(m_font).elidedText(text, Qt::ElideMiddle, matchesW);
    m_rows[size_t(row)].matchesGiven = true;
    update();
}

void ChainCard::setChainMark(const QString &badge, const QColor &colour)
{
    m_badge = badge;
    m_badgeColour = colour;
    m_markSummary = badge.isEmpty() ? QColor() : colour;
    for (const Row &r : m_rows)
        if (!m_markSummary.isValid() && r.markStripe.isValid())
            m_markSummary = r.markStripe;
    update();
}

void ChainCard::setTraceRow(int row)
{
    if (m_traceRow == row)
        return;
    m_traceRow = row;
    update();
}

void ChainCard::setVisitedRows(const QList<int> &rows)
{
    if (m_visited == rows)
        return;
    m_visited = rows;
    update();
}

void ChainCard::setVerdictRow(int row, Verdict::Kind kind)
{
    if (m_verdictRow == row && m_verdictKind == kind)
        return;
    m_verdictRow = row;
    m_verdictKind = kind;
    update();
}

int ChainCard::policyRow() const
{
    return m_builtin && !m_rows.empty() ? int(m_rows.size()) - 1 : -1;
}

int ChainCard::insertionPosition(const QPointF &local) const
{
    const int rules = ruleCount();
    // The nearest boundary between rows (gap slots are not rows: the boundary is that of the
    // next row).
    const int boundary = int(std::lround((local.y() - TitleHeight) / RowHeight));
    int position = 0;
    while (position < rules && slotOf(position) < boundary)
        ++position;
    return position + 1;
}

qreal ChainCard::insertionY(int position) const
{
    return TitleHeight + qreal(slotOf(std::clamp(position - 1, 0, ruleCount()))) * RowHeight;
}

void ChainCard::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    const QPointF p = event->pos();
    const int row = rowAt(p.y());
    if (row >= 0)
        ensureRow(row);
    setToolTip(row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].toolTip
                                                     : fullName());
    QGraphicsItem::hoverMoveEvent(event);
}

void ChainCard::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    ensureTitles();
    // A PDF or SVG is read zoomed in: every row, whatever the page's scale (the screen's
    // summaries are for what a screen could not show anyway).
    const QPaintEngine *engine = painter->paintEngine();
    const bool vector = engine && (engine->type() == QPaintEngine::Pdf || engine->type() == QPaintEngine::SVG);
    const qreal lod = vector ? 1.0 : option->levelOfDetailFromTransform(painter->worldTransform());
    const QRectF card(0, 0, Width, m_height);
    const QPen border(isSelected() ? m_theme.cardSelectedBorder : m_theme.cardBorder, isSelected() ? 3 : 1);

    if (lod < FarLod) {
        painter->setPen(border);
        painter->setBrush(m_accent);
        painter->drawRect(card);
        painter->setFont(m_farFont);
        painter->setPen(m_theme.isDark ? m_theme.sceneBackground : QColor(Qt::white));
        painter->drawText(card.adjusted(Pad, 0, -Pad, 0), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_farName);
        if (m_markSummary.isValid())
            painter->fillRect(QRectF(Width - 48, 0, 48, m_height), m_markSummary);
        return;
    }

    painter->setPen(border);
    painter->setBrush(m_theme.cardBackground);
    painter->drawRect(card);
    painter->fillRect(QRectF(0.5, 0.5, 5, m_height - 1), m_accent);

    if (lod < MediumLod) {
        // Two big lines instead of rows nobody could read at this zoom.
        painter->setFont(m_mediumFont);
        painter->setPen(m_theme.titleText);
        painter->drawText(QRectF(Pad + 6, 2, Width - 2 * Pad - 6, 30), Qt::AlignLeft | Qt::AlignVCenter, m_mediumName);
        painter->setFont(m_mediumSmallFont);
        painter->setPen(m_theme.text);
        painter->drawText(QRectF(Pad + 6, 32, Width - 2 * Pad - 6, 28), Qt::AlignLeft | Qt::AlignVCenter, m_summary);
        if (m_markSummary.isValid())
            painter->fillRect(QRectF(Width - 28, 0.5, 27.5, m_height - 1), m_markSummary);
        return;
    }

    const QRectF title(0, 0, Width, TitleHeight);
    painter->fillRect(title.adjusted(0.5, 0.5, -0.5, 0), m_theme.titleBackground);
    painter->fillRect(QRectF(0.5, 0.5, 5, TitleHeight - 0.5), m_accent);
    painter->setFont(m_boldFont);
    painter->setPen(m_theme.titleText);
    painter->drawText(title.adjusted(TargetX + 2, 0, -Pad, 0), Qt::AlignVCenter | Qt::AlignLeft, m_title);
    painter->setFont(m_badge.isEmpty() ? m_font : m_boldFont);
    painter->setPen(m_badge.isEmpty() ? m_theme.dimText : m_badgeColour);
    painter->drawText(title.adjusted(0, 0, -(PacketsW + BytesW + 3 * Pad), 0), Qt::AlignVCenter | Qt::AlignRight,
                      m_badge.isEmpty() ? m_titleRight : m_badge);
    painter->setFont(m_font);
    painter->setPen(m_theme.dimText);
    painter->drawText(QRectF(Width - PacketsW - BytesW - 2 * Pad, 0, PacketsW, TitleHeight),
                      Qt::AlignVCenter | Qt::AlignRight, m_packetsLabel);
    painter->drawText(QRectF(Width - BytesW - Pad, 0, BytesW, TitleHeight), Qt::AlignVCenter | Qt::AlignRight,
                      m_bytesLabel);
    // Rows outside the exposed area need no drawing; the exposed ones get their texts now.
    const QRectF exposed = option->exposedRect.isValid() ? option->exposedRect : boundingRect();
    const int firstSlot = std::max(0, int((exposed.top() - TitleHeight) / RowHeight));
    const int lastSlot = std::min(slotCount() - 1, int(std::ceil((exposed.bottom() - TitleHeight) / RowHeight)));
    int firstRow = int(m_rows.size());
    int lastRow = -1;
    for (int slot = firstSlot; slot <= lastSlot; ++slot) {
        const int row = rowInSlot(slot);
        if (row >= 0) {
            firstRow = std::min(firstRow, row);
            lastRow = std::max(lastRow, row);
            continue;
        }
        // compare: a gap row, where the other side has a rule this side has not.
        const QRectF g(1, TitleHeight + slot * RowHeight, Width - 2, RowHeight);
        painter->fillRect(g, m_theme.laneBackground);
        painter->fillRect(g, QBrush(m_theme.cardBorder, Qt::BDiagPattern));
    }
    if (m_rows.empty())
        painter->drawText(QRectF(TargetX, TitleHeight, Width - TargetX, RowHeight), Qt::AlignVCenter | Qt::AlignLeft, m_emptyText);
    for (int j = firstRow; j <= lastRow; ++j)
        ensureRow(j);
    for (size_t i = size_t(firstRow); int(i) <= lastRow; ++i) {
        const Row &row = m_rows[i];
        const QRectF r = rowRect(int(i)).adjusted(1, 0, -1, 0);
        const bool selected = (row.ruleId != 0 && row.ruleId == m_selectedRule) || (row.policy && m_policySelected)
                || (row.nftRule >= 0 && row.nftRule == m_selectedRow);
        const bool verdict = int(i) == m_verdictRow;           // trace
        const Theme::VerdictLook look = verdict ? m_theme.verdictLook(m_verdictKind) : Theme::VerdictLook();
        const bool redVerdict = verdict && look.tone == Theme::Tone::Failure;  // trace: white on red
        if (verdict)
            painter->fillRect(r, look.row);
        else if (int(i) == m_traceRow)
            painter->fillRect(r, m_theme.traceRow);
        else if (selected)
            painter->fillRect(r, m_theme.rowSelected);
        else if (row.mark.isValid())
            painter->fillRect(r, row.mark);
        else if (m_visited.contains(int(i)))
            painter->fillRect(r, m_theme.traceVisited);
        else if (row.background != m_theme.cardBackground)
            painter->fillRect(r, row.background);
        if (row.markStripe.isValid())
            painter->fillRect(QRectF(r.right() - 5, r.top(), 5, r.height()), row.markStripe);
        if (row.candidate) {
            // trace: a dashed frame and a bar: the rule exists only in Chainscope, not on the node.
            painter->setPen(QPen(m_theme.candidateBorder, 1.5, Qt::DashLine));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(r.adjusted(1, 1, -1, -1));
            painter->fillRect(QRectF(r.left(), r.top(), 4, r.height()), m_theme.candidateBorder);
        }
        if (int(i) == m_traceRow && !verdict) {
            painter->setPen(QPen(m_theme.marker, 2));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(r.adjusted(1, 1, -1, -1));
        }
        if (row.policy) {
            painter->setPen(QPen(m_theme.cardBorder, 1));
            painter->drawLine(r.topLeft(), r.topRight());
        }
        painter->setFont(row.policy ? m_boldFont : m_font);
        QColor targetColour = row.targetColour;
        if (row.dim && !row.policy)
            targetColour.setAlphaF(0.6f);
        if (redVerdict)
            targetColour = look.rowText;
        painter->setPen(targetColour);
        painter->drawText(QRectF(TargetX, r.top(), TargetW, RowHeight), Qt::AlignVCenter | Qt::AlignLeft, row.target);
        painter->setFont(m_font);
        painter->setPen(verdict ? look.rowText : row.dim ? m_theme.dimText : m_theme.text);
        const qreal mx = TargetX + TargetW + Pad;
        // A candidate has no counters: its text and tag take their columns.
        painter->drawText(QRectF(mx, r.top(), Width - mx - (row.candidate ? Pad : PacketsW + BytesW + 2 * Pad), RowHeight),
                          Qt::AlignVCenter | Qt::AlignLeft, row.matches);
        painter->drawText(QRectF(Width - PacketsW - BytesW - 2 * Pad, r.top(), PacketsW, RowHeight),
                          Qt::AlignVCenter | Qt::AlignRight, row.packets);
        painter->drawText(QRectF(Width - BytesW - Pad, r.top(), BytesW, RowHeight),
                          Qt::AlignVCenter | Qt::AlignRight, row.bytes);
    }
}

} // namespace chainscope
