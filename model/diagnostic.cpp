#include "diagnostic.h"

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

} // namespace chainscope
