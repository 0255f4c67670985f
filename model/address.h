#pragma once

#include <QString>
#include <QtGlobal>

#include <compare>
#include <optional>
#include <string_view>

namespace chainscope {

enum class Family : quint8 { Ipv4, Ipv6 };

/** "IPv4", "IPv6": for headings; not translated (a protocol name). */
QLatin1String familyName(Family f);

/**
 * An IPv4 or IPv6 address in 128 bits. IPv4 is held as the v4-mapped ::ffff:a.b.c.d, so
 * one type, one comparison and one mask test serve both families, and an IPv4 network
 * (whose mask keeps the upper 96 bits set) never matches an IPv6 address. The all-zero
 * value "::" is the null address: optional fields (a gateway, a source not chosen yet)
 * use it for "none", which is why 0.0.0.0 (::ffff:0.0.0.0) stays distinct from it.
 *
 * A mask alone does not say its family (the IPv4 /N mask is the IPv6 /96+N mask), so
 * functions on masks take the family of the rule, route or table they belong to.
 */
class Address
{
public:
    constexpr Address() = default;
    constexpr Address(quint64 hi, quint64 lo) : m_hi(hi), m_lo(lo) {}
    static constexpr Address fromV4(quint32 v4) { return Address(0, 0xffff00000000ull | v4); }

    /** Dotted quad or RFC 4291 text ("fd00::1", "::ffff:10.0.0.1"); nullopt on anything else. */
    static std::optional<Address> parse(std::string_view text);
    static std::optional<Address> parse(std::string_view text, Family family);
    static std::optional<Address> parse(const QString &text);
    static std::optional<Address> parse(const char *text) { return parse(std::string_view(text)); }

    /** The netmask of a prefix length in the family (0..32 or 0..128). */
    static constexpr Address mask(Family f, int len)
    {
        if (f == Family::Ipv4)
            return Address(~0ull, 0xffffffff00000000ull | (len <= 0 ? 0u : len >= 32 ? 0xffffffffu : ~((1u << (32 - len)) - 1u)));
        if (len <= 0)
            return Address();
        if (len >= 128)
            return Address(~0ull, ~0ull);
        if (len <= 64)
            return Address(len == 64 ? ~0ull : ~((1ull << (64 - len)) - 1ull), 0);
        return Address(~0ull, ~((1ull << (128 - len)) - 1ull));
    }
    /** An IPv4 netmask given as a dotted quad (255.255.255.0), with the upper 96 bits set. */
    static constexpr Address v4Mask(quint32 m) { return Address(~0ull, 0xffffffff00000000ull | m); }
    /** The mask matching every address of the family (/0). */
    static constexpr Address any(Family f) { return mask(f, 0); }

    constexpr bool isNull() const { return m_hi == 0 && m_lo == 0; }
    constexpr bool isV4() const { return m_hi == 0 && (m_lo >> 32) == 0xffffu; }
    constexpr Family family() const { return isV4() ? Family::Ipv4 : Family::Ipv6; }
    /** The IPv4 address (the low 32 bits); meaningful when isV4(). */
    constexpr quint32 v4() const { return quint32(m_lo); }
    constexpr quint64 hi() const { return m_hi; }
    constexpr quint64 lo() const { return m_lo; }

    /** ::1 and 127.0.0.0/8. */
    bool isLoopback() const;
    /** 224.0.0.0/4 and ff00::/8. */
    bool isMulticast() const;
    /** fe80::/10. */
    bool isLinkLocal() const;

    /** Whether this address lies in net/mask (net already masked). */
    constexpr bool in(const Address &net, const Address &mask) const { return (*this & mask) == net; }

    constexpr Address operator&(const Address &o) const { return Address(m_hi & o.m_hi, m_lo & o.m_lo); }
    constexpr Address operator|(const Address &o) const { return Address(m_hi | o.m_hi, m_lo | o.m_lo); }
    constexpr Address operator~() const { return Address(~m_hi, ~m_lo); }
    /** The next address (wraps); for ranges. */
    constexpr Address next() const { return Address(m_lo == ~0ull ? m_hi + 1 : m_hi, m_lo + 1); }
    constexpr bool operator==(const Address &) const = default;
    constexpr std::strong_ordering operator<=>(const Address &) const = default;

    /** "10.224.2.16", "fd00:10:96::a" (RFC 5952). */
    QString toString() const;

private:
    quint64 m_hi = 0;
    quint64 m_lo = 0;
};

/** Parses "ADDR", "ADDR/N" or "ADDR/MASK" of the family; a bare address is a host (/32, /128). */
bool parsePrefix(std::string_view text, Family family, Address &addr, Address &mask);
/** Prefix length of a contiguous mask in the family, -1 when the mask has holes. */
int prefixLength(const Address &mask, Family family);
/** "10.224.0.0/16", "fd00::/64" as iptables-save prints; a hole-y mask is written out. */
QString prefixToString(const Address &addr, const Address &mask, Family family);
/**
 * A mask as iptables prints it: dotted for IPv4. A mask alone is taken as IPv4 when its
 * upper 96 bits are all set (an IPv6 mask of /96 or longer reads the same; iptables'
 * own masks never are one).
 */
QString maskToString(const Address &mask);
/** The same, in the family of the (masked) address: a rule's own networks. */
inline QString prefixToString(const Address &addr, const Address &mask)
{
    return prefixToString(addr, mask, addr.family());
}

inline size_t qHash(const Address &a, size_t seed = 0) noexcept
{
    return size_t(a.hi() * 0x9e3779b97f4a7c15ull ^ a.lo()) ^ seed;
}

} // namespace chainscope
