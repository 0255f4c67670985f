#pragma once

#include "nftruleset.h"

#include <string_view>

namespace chainscope::nft {

/**
 * The words of nft's types: how `nft list ruleset` prints a value of each type, read back
 * into a Val. Shared by the text and JSON readers. A value is one point, a range or a
 * prefix (both read as lo..hi), or an interface name with a trailing `*`.
 */
struct Value
{
    Val lo, hi;
    bool range = false;    // lo..hi (a range, a prefix, a wildcard)
    bool prefix = false;   // written as ADDR/LEN (or "eth*")
    bool wildcard = false;
};
/** Reads `text` as a value of `type`; false when it is not one. */
bool parseValue(ValType type, std::string_view text, Value &out);
/** A set's `type` word (ipv4_addr, inet_service, verdict...); false when unknown (kept as opaque). */
bool typeFromName(std::string_view name, ValType &out);
/** The field a word sequence names: {"ip","saddr"} -> IpSaddr; `used` says how many words were taken. */
Field fieldFromWords(const std::string_view *words, int n, int &used);
/** A bit value of a flags type as one word (ct state "established"). */
bool flagFromName(ValType type, std::string_view word, quint64 &out);
bool parseNumber(std::string_view s, quint64 &out);

} // namespace chainscope::nft
