#pragma once

#include "pathfigure.h"
#include "scenario.h"
#include "simulator.h"
#include "trace.h"
#include "whatif.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace chainscope {

/** What a postmortem report is made of: the same whether the CLI or the window asks. */
struct ReportInput
{
    const Scenario *scenario = nullptr;   // as loaded: the report traces it before and after the edits
    std::vector<Edit> edits;              // the fix
    PacketSpec packet;
    TraceOptions options;
    QString branchDst;                    // the branch shown: the one whose packet ends at this address
    QList<FigureNote> notes;
    QString date;                         // ISO 8601 (SOURCE_DATE_EPOCH when set: reproducible reports)
    QString version;
};

/**
 * The postmortem report: one self-contained HTML file (inline SVG figures, inline CSS, no
 * external asset) or Markdown with the figures as SVG files beside it. It holds the path
 * figure before and after the fix, the steps as a table, the explanation and the nearest
 * misses, the lints, the blast radius of each edit, the fix as iptables and nft commands and
 * as a systemd unit, where each node's files came from, and the notes. Printing the HTML
 * gives an A4 document (the figures on landscape pages of their own).
 */
class ReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::ReportWriter)
public:
    explicit ReportWriter(const ReportInput &input);

    QString html() const;
    /** Markdown that shows the figures from `beforeSvg` and `afterSvg` (file names beside it). */
    QString markdown(const QString &beforeSvg, const QString &afterSvg) const;
    /** The path figure before (false) or after (true) the fix. */
    QByteArray figureSvg(bool after, bool inlineHtml = false) const;

    bool writeHtml(const QString &path, QString *error = nullptr) const;
    /** OUT.md and, beside it, OUT-before.svg and OUT-after.svg (when there is a fix). */
    bool writeMarkdown(const QString &path, QString *error = nullptr) const;

    /** Today, or SOURCE_DATE_EPOCH when set, as ISO 8601 (UTC). */
    static QString reportDate();
    /** The branch to show: the one ending at `dst` if given, else the first that fails, else the first. */
    static int pickBranch(const Trace &trace, const QString &dst);
    /** An nft command for an edit (the common matches; otherwise iptables-translate's command line). */
    static QString nftCommand(const Edit &edit);

private:
    struct Table
    {
        QStringList head;
        QList<QStringList> rows;
    };
    struct Part
    {
        QString id;
        QString title;
        QList<std::pair<bool, QString>> body;   // in order: plain text (false) or a preformatted block (true)
        std::optional<Table> table;             // after the body
        int figure = -1;                 // 0 before, 1 after
    };
    QList<Part> parts() const;
    QString title() const;
    ExportHeader header(bool after) const;

    ReportInput m_in;
    Scenario m_after;
    Trace m_beforeTrace;
    Trace m_afterTrace;
    int m_beforeBranch = -1;
    int m_afterBranch = -1;
};

} // namespace chainscope
