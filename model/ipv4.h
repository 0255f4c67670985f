#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>
#include <string_view>

namespace chainscope {

/** IPv4 helpers on host-order integers; the engine never matches on text. */
namespace ipv4 {

/** Parses a dotted quad ("10.224.2.16"); nullopt on anything else. */
std::optional<quint32> parseAddress(std::string_view text);

/** Parses "A.B.C.D", "A.B.C.D/N" or "A.B.C.D/M.M.M.M"; a bare address is /32. */
bool parsePrefix(std::string_view text, quint32 &addr, quint32 &mask);

/** Netmask of a prefix length (0..32). */
constexpr quint32 maskOf(int len)
{
    return len <= 0 ? 0u : (len >= 32 ? 0xffffffffu : ~((1u << (32 - len)) - 1u));
}

/** Prefix length of a contiguous mask, -1 when the mask has holes. */
int prefixLength(quint32 mask);

QString toString(quint32 addr);
/** "10.224.0.0/16", "10.1.2.3/32" as iptables-save prints; a hole-y mask is dotted. */
QString prefixToString(quint32 addr, quint32 mask);

} // namespace ipv4
} // namespace chainscope
