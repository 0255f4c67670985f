#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace chainscope {

/** A parse or load problem, located so every view can show `file:line:col: message`. */
struct Diagnostic
{
    enum Severity { Warning, Error };

    Diagnostic() = default;
    // A constructor rather than an aggregate, so that `{severity, file, line, column, message}`
    // stays the short form and kinds could be added without touching every call.
    Diagnostic(Severity s, QString f, int l, int c, QString m, QString k = {}, QString subj = {},
               QStringList choose = {})
        : severity(s), file(std::move(f)), line(l), column(c), message(std::move(m)), kind(std::move(k)),
          subject(std::move(subj)), choices(std::move(choose))
    {}

    Severity severity = Error;
    QString file;
    int line = 0;    // 1-based; 0 when the problem is the whole file or an argument
    int column = 0;  // 1-based; 0 when unknown
    QString message;
    /**
     * What kind of problem this is, for grouping: a stable, untranslated key such as
     * "paste-noise", "table-inferred", "match-kept" (`subject` names the module) or
     * "target-kept" (`subject` names the target). Empty: the message is its own kind
     * (identical messages still group).
     */
    QString kind;
    QString subject;
    /** What the user may pick to settle it (the candidate tables of "table-ambiguous"). */
    QStringList choices;

    QString toString() const;
    /** "FILE:LINE" (or FILE alone, or empty) for "first at ..." texts. */
    QString place() const;
};

/**
 * Diagnostics of one kind, as `parse` prints them and the window's Problems tab shows them:
 * one line per kind with a count, what it means and the first place.
 */
struct DiagnosticGroup
{
    Diagnostic::Severity severity = Diagnostic::Warning;
    QString kind, subject;
    QString summary;           // "836 rules use `-m recent` (...): kept, not evaluated; ..."
    std::vector<int> members;  // indexes into the grouped list, in list order

    /** The summary with the first place: "SUMMARY; first at FILE:LINE". */
    QString text(const std::vector<Diagnostic> &list) const;
};

class DiagnosticGroups
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::DiagnosticGroups)
public:
    /**
     * Groups `list` by kind and subject (by message when the kind is empty), errors before
     * warnings, each severity in the order of its first diagnostic. Errors are never merged
     * into a count: each is a group of its own, as `FILE:LINE:COL: message` must stay.
     */
    static std::vector<DiagnosticGroup> group(const std::vector<Diagnostic> &list);

    /** What a kind means, for `count` diagnostics of it (translated, plural-aware). */
    static QString summary(const Diagnostic &first, int count);
};

} // namespace chainscope
