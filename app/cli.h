#pragma once

#include "scenario.h"
#include "trace.h"

#include <QCoreApplication>
#include <QStringList>

class QTextStream;

namespace chainscope {

/** chainscope-cli: parse, trace and diff as DESIGN.md's CLI contract says. */
class Cli
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::Cli)
public:
    Cli(QTextStream &out, QTextStream &err);
    /** Exit status: 0 done, 1 bad input (named with file:line:col or the argument), 2 usage. */
    int run(const QStringList &args);

private:
    int usage();
    int parse(const QStringList &files);
    int trace(const QStringList &args);
    int diff(const QStringList &args);
    bool loadScenario(const QString &path, Scenario &sc);
    bool loadSide(const QString &arg, Scenario &sc, int &node);
    void printDiagnostics(const std::vector<Diagnostic> &diags, bool warnings);
    void printTrace(const Scenario &sc, const Trace &t, bool verbose);
    QString branchLabel(const Branch &b) const;

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace chainscope
