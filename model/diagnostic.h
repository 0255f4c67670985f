#pragma once

#include <QString>

namespace chainscope {

/** A parse or load problem, located so every view can show `file:line:col: message`. */
struct Diagnostic
{
    enum Severity { Warning, Error };
    Severity severity = Error;
    QString file;
    int line = 0;    // 1-based; 0 when the problem is the whole file or an argument
    int column = 0;  // 1-based; 0 when unknown
    QString message;

    QString toString() const;
};

} // namespace chainscope
