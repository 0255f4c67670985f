#pragma once

#include <QString>

#include <string_view>

namespace chainscope::text {

/** The engine keeps text as views into the dumps; this is one as a QString (UTF-8). */
inline QString q(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

/** Without blanks, tabs and carriage returns at either end. */
inline std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

} // namespace chainscope::text
