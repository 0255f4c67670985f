#include "address.h"

#include <arpa/inet.h>

#include <bit>
#include <charconv>
#include <cstring>

namespace chainscope {

QLatin1String familyName(Family f)
{
    return f == Family::Ipv4 ? QLatin1String("IPv4") : QLatin1String("IPv6");
}

namespace {

std::optional<quint32> parseDotted(std::string_view text)
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

std::optional<Address> parseColon(std::string_view text)
{
    // inet_pton wants a terminated string; an address is at most 45 characters, so a
    // stack copy keeps the parse free of allocations.
    char buf[64];
    if (text.size() >= sizeof buf || text.find(':') == std::string_view::npos)
        return std::nullopt;
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = 0;
    unsigned char b[16];
    if (inet_pton(AF_INET6, buf, b) != 1)
        return std::nullopt;
    quint64 hi = 0, lo = 0;
    for (int i = 0; i < 8; ++i) {
        hi = hi << 8 | b[i];
        lo = lo << 8 | b[i + 8];
    }
    return Address(hi, lo);
}

} // namespace

std::optional<Address> Address::parse(std::string_view text)
{
    if (const auto v4 = parseDotted(text))
        return fromV4(*v4);
    return parseColon(text);
}

std::optional<Address> Address::parse(std::string_view text, Family family)
{
    if (family == Family::Ipv4) {
        if (const auto v4 = parseDotted(text))
            return fromV4(*v4);
        return std::nullopt;
    }
    return parseColon(text);
}

std::optional<Address> Address::parse(const QString &text)
{
    const QByteArray b = text.trimmed().toLatin1();
    return parse(std::string_view(b.constData(), size_t(b.size())));
}

bool Address::isLoopback() const
{
    return isV4() ? (v4() >> 24) == 127 : (m_hi == 0 && m_lo == 1);
}

bool Address::isMulticast() const
{
    return isV4() ? (v4() >> 28) == 0xe : (m_hi >> 56) == 0xff;
}

bool Address::isLinkLocal() const
{
    return isV4() ? (v4() >> 16) == 0xa9fe : (m_hi >> 54) == (0xfe80ull >> 6);
}

QString Address::toString() const
{
    if (isV4()) {
        const quint32 a = v4();
        return QStringLiteral("%1.%2.%3.%4").arg(a >> 24).arg((a >> 16) & 0xff).arg((a >> 8) & 0xff).arg(a & 0xff);
    }
    unsigned char b[16];
    for (int i = 0; i < 8; ++i) {
        b[i] = uchar(m_hi >> (56 - 8 * i));
        b[i + 8] = uchar(m_lo >> (56 - 8 * i));
    }
    char buf[INET6_ADDRSTRLEN];
    if (!inet_ntop(AF_INET6, b, buf, sizeof buf))
        return QString();
    return QString::fromLatin1(buf);
}

bool parsePrefix(std::string_view text, Family family, Address &addr, Address &mask)
{
    const auto slash = text.find('/');
    const auto a = Address::parse(text.substr(0, slash), family);
    if (!a)
        return false;
    addr = *a;
    const int bits = family == Family::Ipv4 ? 32 : 128;
    mask = Address::mask(family, bits);
    if (slash == std::string_view::npos)
        return true;
    const std::string_view rest = text.substr(slash + 1);
    if (rest.find(family == Family::Ipv4 ? '.' : ':') != std::string_view::npos) {
        const auto m = Address::parse(rest, family);
        if (!m)
            return false;
        mask = family == Family::Ipv4 ? Address::v4Mask(m->v4()) : *m;
    } else {
        int len = -1;
        const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), len);
        if (ec != std::errc() || ptr != rest.data() + rest.size() || len < 0 || len > bits)
            return false;
        mask = Address::mask(family, len);
    }
    addr = addr & mask;
    return true;
}

int prefixLength(const Address &mask, Family family)
{
    const int len = std::popcount(mask.hi()) + std::popcount(mask.lo()) - (family == Family::Ipv4 ? 96 : 0);
    return len >= 0 && Address::mask(family, len) == mask ? len : -1;
}

QString maskToString(const Address &mask)
{
    if (mask.hi() == ~0ull && (mask.lo() >> 32) == 0xffffffffull)
        return Address::fromV4(mask.v4()).toString();
    return mask.toString();
}

QString prefixToString(const Address &addr, const Address &mask, Family family)
{
    const int len = prefixLength(mask, family);
    return addr.toString() + QLatin1Char('/')
            + (len >= 0 ? QString::number(len) : family == Family::Ipv4 ? Address::fromV4(mask.v4()).toString() : mask.toString());
}

} // namespace chainscope
