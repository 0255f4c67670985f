#pragma once

#include "explain.h"
#include "scenario.h"
#include "trace.h"

#include <QJsonObject>

namespace chainscope {

/**
 * The `chainscope-cli trace --json` object (DESIGN.md, the CLI contract). Every evaluated
 * rule is a step (`why_not` on those that did not match); routing, hand-off and notes are
 * steps with their own "kind"; "packet" is given on the first step and wherever it changed.
 */
namespace TraceJson {
QJsonObject packet(const PacketSpec &spec);
QJsonObject packetState(const PacketState &p);
QJsonObject verdict(const Scenario &sc, const Verdict &v);
QJsonObject trace(const Scenario &sc, const Trace &t, bool withLints = true);
}

} // namespace chainscope
