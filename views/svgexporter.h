#pragma once

#include "scenario.h"
#include "theme.h"
#include "trace.h"

#include <QCoreApplication>
#include <QList>
#include <QRectF>
#include <QString>

class QIODevice;
class QPainter;

namespace chainscope {

class ChainScene;

/** What the header of an exported picture says. */
struct ExportHeader
{
    QString scenario;
    QStringList nodes;
    QString packet;
    QString verdict;
    QString date;        // ISO 8601, filled in by the caller (tests pin it)
    QString version;     // CHAINSCOPE_VERSION
};

/** One graph in the picture: a node's scene, optionally with the trace branch drawn over it. */
struct ExportPanel
{
    const ChainScene *scene = nullptr;
    QString title;                       // "node02", "master (left)"
    QRectF rect;                         // scene rectangle; empty: the whole graph
    const Scenario *scenario = nullptr;  // for the traced path (may be null: no path)
    const Branch *branch = nullptr;
    int node = -1;                       // index of the panel's node in scenario
    bool newRow = false;                 // starts a row of its own below the panels before it
};

/**
 * The postmortem picture. SVG is written by hand from the scenes' items (cards and their
 * rows, edges, lanes, callouts, notes) so every text stays a <text> element and nothing is
 * rasterised; each rule row is a <g> whose <title> holds the full rule text (a browser shows
 * it on hover). PNG and PDF render the same scenes with QPainter under the same header and
 * legend. The traced path and the verdict are drawn from the Branch, not from the cards'
 * highlight state, so the window and chainscope-cli draw the same picture.
 */
class SvgExporter
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::SvgExporter)
public:
    /**
     * A whole graph (a panel with an empty rect) much wider than a page is cut between its
     * hook lanes into bands stacked one under the other ("node02, part 2 of 3"), so the
     * picture reads as a page, not a strip; each band is a panel of its own.
     */
    SvgExporter(const ExportHeader &header, const QList<ExportPanel> &panels, const Theme &theme);

    bool writeSvg(QIODevice *device) const;
    bool writeSvg(const QString &path, QString *error = nullptr) const;
    /** Largest side of a PNG in pixels; the scale drops below 2 to stay under it. */
    bool writePng(const QString &path, QString *error = nullptr, int maxSide = 12000) const;
    bool writePdf(const QString &path, QString *error = nullptr) const;

    /** The header's verdict: the shown branch's, then every other branch's with its probability. */
    static QString verdictSummary(const Scenario &scenario, const Trace &trace, int branch);

    /** The right end of the row that decided the packet on the panel's node (policy, rule, or the ACCEPT that delivered it). */
    static bool verdictPoint(const ExportPanel &panel, QPointF &point);

    /** Size of the whole picture in scene units (header, legend and panels). */
    QSizeF pageSize() const;

private:
    struct Layout
    {
        QRectF rect;       // panel's scene rect
        QPointF origin;    // where its top-left lands on the page
    };
    QList<Layout> layout() const;
    /** The panels as drawn: wide whole graphs cut into bands between lanes. */
    static QList<ExportPanel> banded(const QList<ExportPanel> &panels);
    void paint(QPainter *painter) const;
    QStringList headerLines() const;

    ExportHeader m_header;
    QList<ExportPanel> m_panels;
    Theme m_theme;
};

} // namespace chainscope
