// chainscope-cli report: the postmortem report (HTML, Markdown), headless. Like export it
// draws with views/ (the path figure), hence its own file and a QApplication.
#include "cli.h"

#include "reportsession.h"
#include "reportwriter.h"
#include "sessionfile.h"

#include <QApplication>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>

#include <memory>

namespace chainscope {

int Cli::report(const QStringList &args)
{
    if (args.isEmpty())
        return usage();
    if (!qobject_cast<QApplication *>(QCoreApplication::instance())) {
        m_err << tr("report: needs the GUI libraries (run chainscope-cli, which starts them for report)") << '\n';
        m_err.flush();
        return 1;
    }
    auto bad = [&](const QString &opt, const QString &msg) {
        m_err << opt << ": " << msg << '\n';
        m_err.flush();
        return 1;
    };
    // A session (.chainscope) brings its scenario, fix, packet, branch and notes; a scenario
    // takes them from the options.
    SessionData session;
    const bool fromSession = SessionFile::isSession(args.front());
    std::unique_ptr<QTemporaryDir> embedded;
    QString scenarioPath = args.front();
    if (fromSession) {
        QString error;
        if (!SessionFile::load(args.front(), session, &error)) {
            m_err << error << '\n';
            m_err.flush();
            return 1;
        }
        scenarioPath = session.scenarioPath;
        if (session.embedded) {
            embedded = std::make_unique<QTemporaryDir>();
            scenarioPath = SessionFile::materialize(session, embedded->path(), &error);
            if (scenarioPath.isEmpty())
                return bad(args.front(), error);
        }
    }
    Scenario sc;
    if (!loadScenario(scenarioPath, sc))
        return 1;
    TraceArgs t;
    QString html, md;
    QStringList notes;
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        QString *target = a == QLatin1String("--html") ? &html : a == QLatin1String("--md") ? &md : nullptr;
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
    if (html.isEmpty() && md.isEmpty())
        return bad(QStringLiteral("--html"), tr("is required (or --md): where to write the report"));
    if (!fromSession) {
        if (!t.haveFrom && !t.haveDst && !sc.packets.empty()) {
            // No packet given: the scenario's first preset, as the window offers it first.
            t.spec = sc.packets.front().spec;
            t.haveFrom = t.haveDst = true;
        }
        if (!checkTraceArgs(t))
            return 1;
        session.packet = t.spec;
        session.edits = t.edits;
        for (const TraceOptions::Pin &p : t.options.pins)
            session.pins << (p.node.isEmpty() ? QString() : p.node + QLatin1Char(':')) + p.chain + QLatin1Char(':') + QString::number(p.rule);
    } else {
        // Options given beside a session add to it (edits) or replace what it says (the packet).
        for (const Edit &e : t.edits)
            session.edits.push_back(e);
        if (t.haveFrom || t.haveDst) {
            if (!checkTraceArgs(t))
                return 1;
            session.packet = t.spec;
            session.branchDst.clear();
        }
        if (!session.packet)
            return bad(args.front(), tr("the session has no packet: trace one in the window, or give --from and --dst"));
    }
    for (const QString &n : std::as_const(notes)) {
        Note note;
        note.id = int(session.notes.size()) + 1;
        note.text = n;
        session.notes << note;
    }
    // The edits must apply to the scenario as it is now (a session may be older than its files).
    {
        Scenario check = sc;
        for (const Edit &e : session.edits) {
            QString error;
            if (!WhatIf::apply(check, e, error))
                return bad(e.kind == Edit::Insert ? QStringLiteral("--insert") : QStringLiteral("--policy"), error);
        }
    }
    const ReportInput input = reportInput(session, sc);
    const ReportWriter writer(input);
    QString error;
    if ((!html.isEmpty() && !writer.writeHtml(html, &error)) || (!md.isEmpty() && !writer.writeMarkdown(md, &error))) {
        m_err << error << '\n';
        m_err.flush();
        return 1;
    }
    for (const QString &f : {html, md})
        if (!f.isEmpty())
            m_out << tr("wrote %1").arg(f) << '\n';
    m_out.flush();
    return 0;
}

} // namespace chainscope
