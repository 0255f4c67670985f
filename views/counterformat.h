#pragma once

#include <QString>
#include <QtGlobal>

namespace chainscope {

/** Packet and byte counters as people read them: 950, 12.4K, 3.1M, 2.0G. */
class CounterFormat
{
public:
    static QString human(quint64 value);
};

} // namespace chainscope
