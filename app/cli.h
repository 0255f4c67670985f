#pragma once

#include "audit.h"
#include "scenario.h"
#include "simulator.h"
#include "trace.h"
#include "whatif.h"

#include <QCoreApplication>
#include <QStringList>

class QTextStream;

namespace chainscope {

/** chainscope-cli: parse, trace, diff and export as DESIGN.md's CLI contract says. */
class Cli
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::Cli)
public:
    Cli(QTextStream &out, QTextStream &err);
    /** Exit status: 0 done, 1 bad input (named with file:line:col or the argument), 2 usage. */
    int run(const QStringList &args);

private:
    int usage(bool asked = false);
    int parse(const QStringList &args);
    int trace(const QStringList &args);
    int diff(const QStringList &args);
    /** export SCENARIO --svg OUT [--png OUT] [--pdf OUT] [trace options] [--node NAME] [--note TEXT]... */
    int exportPicture(const QStringList &args);
    /** report SCENARIO|SESSION [trace options] [--note TEXT]... --html OUT [--md OUT] (app/clireport.cpp) */
    int report(const QStringList &args);
    /** audit SCENARIO [--insert ...] [--policy ...] [--against SCENARIO2] [--json] (app/cliaudit.cpp) */
    int audit(const QStringList &args);
    void printAudit(const Scenario &sc, const AuditResult &r, int limit);
    void printChanges(const Scenario &scA, const AuditResult &a, const Scenario &scB, const AuditResult &b,
                      const std::vector<AuditChange> &changes, int limit);
    static QString fateWords(int fate);

    /** What the trace options say; shared by trace and export. */
    struct TraceArgs
    {
        PacketSpec spec;
        TraceOptions options;
        std::vector<Edit> edits;
        bool haveFrom = false;
        bool haveDst = false;
        bool icmpTypeGiven = false;   // --icmp-type or --icmpv6-type: the number stands as given
    };
    /** The trace option at args[i] (i moves past its value): 1 taken, 0 not a trace option, -1 refused (said on m_err). */
    int traceOption(const QStringList &args, int &i, Scenario &sc, TraceArgs &t);
    /** The checks run before tracing (--from, --dst, --src, --dport required); false when refused. */
    bool checkTraceArgs(TraceArgs &t);
    bool loadScenario(const QString &path, Scenario &sc);
    bool loadSide(const QString &arg, Scenario &sc, int &node);
    void printDiagnostics(const std::vector<Diagnostic> &diags, bool warnings);
    void printTrace(const Scenario &sc, const Trace &t, bool verbose);
    QString branchLabel(const Branch &b) const;

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace chainscope
