#include "ipv4.h"

#include <bit>
#include <charconv>

namespace chainscope::ipv4 {

std::optional<quint32> parseAddress(std::string_view text)
{
    quint32 value = 0;
    const char *p = text.data();
    const char *end = p + text.size();
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (p == end || *p != '.')
                return std::nullopt;
            ++p;
        }
        unsigned octet = 0;
        const char *start = p;
        while (p != end && *p >= '0' && *p <= '9' && p - start < 4) {
            octet = octet * 10 + unsigned(*p - '0');
            ++p;
        }
        if (p == start || p - start > 3 || octet > 255)
            return std::nullopt;
        value = (value << 8) | octet;
    }
    if (p != end)
        return std::nullopt;
    return value;
}

bool parsePrefix(std::string_view text, quint32 &addr, quint32 &mask)
{
    const auto slash = text.find('/');
    const auto a = parseAddress(text.substr(0, slash));
    if (!a)
        return false;
    addr = *a;
    mask = 0xffffffffu;
    if (slash == std::string_view::npos)
        return true;
    const std::string_view rest = text.substr(slash + 1);
    if (rest.find('.') != std::string_view::npos) {
        const auto m = parseAddress(rest);
        if (!m)
            return false;
        mask = *m;
    } else {
        int len = -1;
        const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), len);
        if (ec != std::errc() || ptr != rest.data() + rest.size() || len < 0 || len > 32)
            return false;
        mask = maskOf(len);
    }
    addr &= mask;
    return true;
}

int prefixLength(quint32 mask)
{
    const int len = std::popcount(mask);
    return maskOf(len) == mask ? len : -1;
}

QString toString(quint32 addr)
{
    return QStringLiteral("%1.%2.%3.%4")
            .arg(addr >> 24).arg((addr >> 16) & 0xff).arg((addr >> 8) & 0xff).arg(addr & 0xff);
}

QString prefixToString(quint32 addr, quint32 mask)
{
    const int len = prefixLength(mask);
    return toString(addr) + QLatin1Char('/')
            + (len >= 0 ? QString::number(len) : toString(mask));
}

} // namespace chainscope::ipv4
