#include "diagnostic.h"

#include <QHash>

namespace chainscope {

QString Diagnostic::toString() const
{
    QString s = file;
    if (line > 0) {
        s += QLatin1Char(':') + QString::number(line);
        if (column > 0)
            s += QLatin1Char(':') + QString::number(column);
    }
    if (!s.isEmpty())
        s += QLatin1String(": ");
    if (severity == Warning)
        s += QLatin1String("warning: ");
    return s + message;
}

QString Diagnostic::place() const
{
    if (line > 0)
        return file + QLatin1Char(':') + QString::number(line);
    return file;
}

QString DiagnosticGroup::text(const std::vector<Diagnostic> &list) const
{
    if (members.empty())
        return summary;
    const Diagnostic &first = list[size_t(members.front())];
    // An error, or a lone warning of no kind, reads best as the compiler-style line itself.
    if (severity == Diagnostic::Error || (members.size() == 1 && kind.isEmpty()))
        return first.toString();
    const QString where = first.place();
    if (where.isEmpty())
        return summary;
    return members.size() == 1 ? DiagnosticGroups::tr("%1; at %2").arg(summary, where)
                               : DiagnosticGroups::tr("%1; first at %2").arg(summary, where);
}

QString DiagnosticGroups::summary(const Diagnostic &d, int n)
{
    const QString s = d.subject;
    // English needs its singular spelt out (no translation file yet); %n keeps plural forms
    // available to translators.
    if (d.kind == QLatin1String("match-kept")) {
        // What the modules people paste most are for, so the line says why they are there.
        QString gloss;
        if (s == QLatin1String("recent"))
            gloss = tr(" (kube-proxy session affinity, port knocking)");
        else if (s == QLatin1String("set"))
            gloss = tr(" (ipset; the sets' contents are not in the dump)");
        else if (s == QLatin1String("nfacct"))
            gloss = tr(" (kube-proxy packet accounting)");
        return (n == 1 ? tr("1 rule uses `-m %1`%2: kept, not evaluated; traces through it are uncertain")
                       : tr("%n rules use `-m %1`%2: kept, not evaluated; traces through them are uncertain", nullptr, n))
                .arg(s, gloss);
    }
    if (d.kind == QLatin1String("listing-kept"))
        return (n == 1 ? tr("1 listed rule shows `%1 ...`, which the engine does not understand: kept, not evaluated; "
                            "traces through it are uncertain")
                       : tr("%n listed rules show `%1 ...`, which the engine does not understand: kept, not evaluated; "
                            "traces through them are uncertain", nullptr, n)).arg(s);
    if (d.kind == QLatin1String("target-kept"))
        return (n == 1 ? tr("1 rule uses target %1: kept, the rule continues; what it changes in the packet "
                            "is not modelled")
                       : tr("%n rules use target %1: kept, the rules continue; what they change in the packet "
                            "is not modelled", nullptr, n)).arg(s);
    if (d.kind == QLatin1String("target-unknown"))
        return (n == 1 ? tr("1 rule uses target %1, which the engine does not evaluate: kept; "
                            "traces through it are uncertain")
                       : tr("%n rules use target %1, which the engine does not evaluate: kept; "
                            "traces through them are uncertain", nullptr, n)).arg(s);
    if (d.kind == QLatin1String("target-unresolved"))
        return (n == 1 ? tr("1 rule jumps to %1, neither a chain of its table nor a target the engine knows: "
                            "kept; traces through it are uncertain")
                       : tr("%n rules jump to %1, neither a chain of their table nor a target the engine knows: "
                            "kept; traces through them are uncertain", nullptr, n)).arg(s);
    if (d.kind == QLatin1String("paste-noise"))
        return n == 1 ? tr("1 stretch of text that is not part of a dump skipped (a shell prompt, Markdown or a note)")
                      : tr("%n stretches of text that are not part of a dump skipped (shell prompts, Markdown, notes)",
                           nullptr, n);
    if (d.kind == QLatin1String("paste-command"))
        return n == 1 ? tr("1 command line skipped: the lines after it are read as its output")
                      : tr("%n command lines skipped: the lines after each are read as its output", nullptr, n);
    if (d.kind == QLatin1String("paste-fragment"))
        return n == 1 ? tr("1 chain is not declared in this fragment (its -N line was filtered out): created")
                      : tr("%n chains are not declared in this fragment (their -N lines were filtered out): created",
                           nullptr, n);
    if (n == 1)
        return d.message;
    return tr("%n times: %1", nullptr, n).arg(d.message);
}

std::vector<DiagnosticGroup> DiagnosticGroups::group(const std::vector<Diagnostic> &list)
{
    std::vector<DiagnosticGroup> errors, warnings;
    QHash<QString, int> index;   // kind + subject (or message) -> position in `warnings`
    for (size_t i = 0; i < list.size(); ++i) {
        const Diagnostic &d = list[i];
        if (d.severity == Diagnostic::Error) {
            DiagnosticGroup g;
            g.severity = Diagnostic::Error;
            g.kind = d.kind;
            g.subject = d.subject;
            g.members.push_back(int(i));
            errors.push_back(std::move(g));
            continue;
        }
        // Kinds whose messages differ in what matters (which table was inferred, which chain
        // repeats) group by message; the rest by kind and subject.
        const bool byKind = !d.subject.isEmpty() || d.kind == QLatin1String("paste-noise")
                            || d.kind == QLatin1String("paste-fragment") || d.kind == QLatin1String("paste-command");
        const QString key = !byKind ? QLatin1String("\x01") + d.message : d.kind + QLatin1Char('\x02') + d.subject;
        auto it = index.find(key);
        if (it == index.end()) {
            it = index.insert(key, int(warnings.size()));
            DiagnosticGroup g;
            g.kind = d.kind;
            g.subject = d.subject;
            warnings.push_back(std::move(g));
        }
        warnings[size_t(*it)].members.push_back(int(i));
    }
    for (DiagnosticGroup &g : errors)
        g.summary = list[size_t(g.members.front())].toString();
    for (DiagnosticGroup &g : warnings)
        g.summary = summary(list[size_t(g.members.front())], int(g.members.size()));
    errors.insert(errors.end(), std::make_move_iterator(warnings.begin()), std::make_move_iterator(warnings.end()));
    return errors;
}

} // namespace chainscope
