#pragma once

#include "nftruleset.h"
#include "packet.h"

namespace chainscope {
struct Node;
}

namespace chainscope::nft {

/**
 * Reads one field of the packet as the kernel's expression would. False when the packet has
 * no such field: nft's implicit dependency (`tcp dport` on a UDP packet, `ip saddr` on IPv6
 * in an inet table) fails, so the statement does not match whatever its operator.
 * `decided` false when the engine cannot tell (no addresses for fib, an unknown expression).
 */
bool readField(Field f, const Node &node, const PacketState &p, Hook hook, Val &out, bool &decided);
/** A single-value comparison (Eq ... BitNone, ranges, wildcards); sets are looked up by the caller. */
bool compare(const Item &it, Val x);
/**
 * Whether a Match statement holds for the packet on its own, for explanations (the trace
 * itself runs in the simulator): Unknown when it reads numgen or a hash, a field the engine
 * cannot tell, or a set listed without elements. Any other kind of statement is Unknown.
 */
enum class Holds : quint8 { No, Yes, Unknown };
Holds holds(const NftRuleset &n, const Item &it, const Node &node, const PacketState &p, Hook hook);
/** "ip daddr", "meta l4proto", "ct state": for explanations. */
QString fieldName(Field f);
/** A value of a type as nft prints it ("10.0.0.1", "tcp", "established"). */
QString valueText(ValType t, const Val &v);

} // namespace chainscope::nft
