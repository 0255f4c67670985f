#pragma once

#include "scenario.h"
#include "svgexporter.h"
#include "theme.h"
#include "trace.h"

#include <QColor>
#include <QCoreApplication>
#include <QList>
#include <QPageSize>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QSizeF>
#include <QString>

class QIODevice;
class QPainter;

namespace chainscope {

/** A note for the figure: its text and, when it is pinned to a rule or chain, where. */
struct FigureNote
{
    QString text;
    QString node;            // empty: not pinned
    TableId table = TableId::Filter;
    QString chain;
    int rule = 0;            // 1-based; 0: the chain
    QString nftTable;        // an nft chain's table ("inet firewalld"); empty: an iptables chain
    QString ruleText;        // the rule's text when pinned: where it is now, if `rule` holds another
};

/**
 * Where a note's rule is in `sc` now, 1-based: `note.rule` while that row still has
 * `note.ruleText`, else the first row of the chain with that text (a candidate above moved it),
 * else `note.rule`. 0 for a note on a chain or not pinned.
 */
int notedRule(const Scenario &sc, const FigureNote &note);

/** One drawing primitive of a figure page, in page pixels (96 per inch). */
struct FigureItem
{
    enum Kind {   // no underlying type: lupdate loses the namespace after one
        Rect,
        Text,      // at `at` (baseline start; the end with `alignEnd`), measured into `rect`
        Line,
        Path,      // an open polyline through `points`
        Circle,    // centre `at`, radius rect.width()/2
        Begin,     // a group: `cls`, `title` (the SVG <title>), `id`; boxed groups hold their box as first Rect
        End,
    };
    Kind kind = Rect;
    QRectF rect;
    QPointF at;
    QPointF to;
    QPolygonF points;
    QString text;
    QString cls;
    QString title;
    QString id;
    QColor fill;
    QColor stroke;
    qreal width = 1;
    qreal radius = 0;
    bool dashed = false;
    qreal px = 10;
    bool bold = false;
    bool mono = false;
    bool alignEnd = false;
};

struct FigurePage
{
    QSizeF size;
    QList<FigureItem> items;
};

/** How the figure is laid out. */
struct PathFigureOptions
{
    QPageSize::PageSizeId page = QPageSize::A4;   // landscape
    qreal width = 0;          // > 0: this width in pixels, the height as the content needs
    bool onePerPage = false;  // each node on a page of its own (else side by side)
    int node = -1;            // >= 0: only that node's part of the path
};

/**
 * The path figure: only the chains the packet crossed on each node, top to bottom in the
 * order the kernel ran them (hook order), as cards holding the rules that were evaluated
 * (runs of plain misses folded into one row), the rewrites under the rows that made them,
 * the chain that decided with its nearest misses, the verdict in words, and the notes.
 * Built from the trace alone (no scene), always in the light theme, as a list of primitives
 * per page that the SVG, PNG and PDF writers draw alike. The packet's path runs in a gutter
 * left of the cards and in corridors between columns, so it never crosses text; every text
 * is measured and elided or wrapped to stay inside its box (the group's first rect).
 */
class PathFigure
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::PathFigure)
public:
    PathFigure(const Scenario &scenario, const Trace &trace, int branch, const ExportHeader &header,
               const QList<FigureNote> &notes = {}, const PathFigureOptions &options = {});

    const QList<FigurePage> &pages() const { return m_pages; }
    int pageCount() const { return int(m_pages.size()); }

    /** The SVG of every page, stacked (one page: the page). `inlineHtml`: no XML prolog, scales to its container. */
    QByteArray svg(bool inlineHtml = false) const;
    bool writeSvg(const QString &path, QString *error = nullptr) const;
    bool writePng(const QString &path, QString *error = nullptr) const;
    /** One PDF page per figure page, at its size, fonts embedded. */
    bool writePdf(const QString &path, QString *error = nullptr) const;
    /** Draws one page (page pixels) with a painter. */
    void paint(QPainter *painter, int page) const;

    /** The header's packet line with the addresses the trace used (the route's source when none was given). */
    static QString packetLine(const Scenario &scenario, const Trace &trace, int branch);
    /** The size of a landscape page in pixels. */
    static QSizeF landscape(QPageSize::PageSizeId page);

private:
    void build(const Scenario &scenario, const Trace &trace, int branch, const QList<FigureNote> &notes);

    ExportHeader m_header;
    PathFigureOptions m_options;
    Theme m_theme = Theme::light();
    QList<FigurePage> m_pages;
};

} // namespace chainscope
