#pragma once

#include <QString>
#include <QStringList>

#include <utility>

namespace chainscope {

/**
 * A parse or load problem, located so every view can show `file:line:col: message`.
 *
 * `code` names the kind of problem with a stable, untranslated word so views can group
 * the same kind ("paste-noise", "table-inferred", ...); empty when nobody groups it yet.
 * `choices` lists what the user may pick to settle it (e.g. the candidate tables of a
 * "table-ambiguous" problem); empty for most problems.
 */
struct Diagnostic
{
    enum Severity { Warning, Error };
    Severity severity = Error;
    QString file;
    int line = 0;    // 1-based; 0 when the problem is the whole file or an argument
    int column = 0;  // 1-based; 0 when unknown
    QString message;
    QString code;
    QStringList choices;

    Diagnostic() = default;
    Diagnostic(Severity severity, QString file, int line, int column, QString message, QString code = {},
               QStringList choices = {})
        : severity(severity), file(std::move(file)), line(line), column(column), message(std::move(message)),
          code(std::move(code)), choices(std::move(choices))
    {}

    QString toString() const;
};

} // namespace chainscope
