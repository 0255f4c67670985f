#pragma once

#include <QString>

#include <cstring>
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

/**
 * A view whose comparison with a literal is inlined, the literal's length being a constant:
 * the parsers compare every option of a quarter of a million rules with dozens of names,
 * and the library's comparison calls memcmp for each.
 */
struct Word : std::string_view
{
    constexpr Word() = default;
    constexpr Word(std::string_view s) : std::string_view(s) {}
    template<size_t N>
    bool operator==(const char (&lit)[N]) const
    {
        return size() == N - 1 && std::memcmp(data(), lit, N - 1) == 0;
    }
    template<size_t N>
    bool operator!=(const char (&lit)[N]) const
    {
        return !(*this == lit);
    }
};

} // namespace chainscope::text
