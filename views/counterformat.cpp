#include "counterformat.h"

namespace chainscope {

QString CounterFormat::human(quint64 value)
{
    static const char suffixes[] = {'K', 'M', 'G', 'T', 'P'};
    if (value < 1000)
        return QString::number(value);
    double v = double(value);
    int i = -1;
    while (v >= 1000.0 && i < int(sizeof suffixes) - 1) {
        v /= 1000.0;
        ++i;
    }
    // One decimal below 100 so "1.5K" and "12.4M" keep their meaning, none above.
    return QString::number(v, 'f', v < 100.0 ? 1 : 0) + QLatin1Char(suffixes[i]);
}

} // namespace chainscope
