#pragma once

#include <QByteArray>
#include <QStringList>

namespace chainscope::fuzz {

/**
 * The parser entry points the fuzzers and the replay test share, by target name:
 * save, spec, listing (DumpParser with the format forced), rule (a rule typed in the
 * window), nft and nftjson (`nft list ruleset` text and `nft -j` JSON, then an nft rule typed), and, when the model has them, addresses, routes (NodeContext) and packet
 * (packetFromJson). Each parses the bytes and then reads every string the result
 * points to, so a view past its buffer shows up under AddressSanitizer.
 */
QStringList targets();
/** Runs one target on the bytes; false for an unknown target name. */
bool run(const QByteArray &target, const QByteArray &data);

} // namespace chainscope::fuzz
