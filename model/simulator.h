#pragma once

#include "scenario.h"
#include "trace.h"

#include <QCoreApplication>

namespace chainscope {

struct TraceOptions
{
    /** Forces a `statistic` rule to match (pinning a branch), as --pin CHAIN:RULE. */
    struct Pin
    {
        QString node;       // empty: any node
        QString chain;
        int rule = 0;       // 1-based
    };
    std::vector<Pin> pins;
    int maxBranches = 256;
    int maxStepsPerBranch = 2'000'000;
    int maxHops = 16;
};

/**
 * Follows one packet through the nodes of a scenario in the kernel's order (see DESIGN.md,
 * "Simulator"): hooks and tables by priority, nat only for new connections, the packet
 * rewritten as it goes, handed to the next node by the route's next hop. Random
 * `statistic` matches and matches the engine cannot decide split the trace into branches.
 */
class Simulator
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::Simulator)
public:
    static Trace trace(const Scenario &scenario, const PacketSpec &packet, const TraceOptions &options = {});

    /** Whether one criterion holds for a packet on a node; `decided` false when it cannot tell. */
    static bool evaluate(const Node &node, const Ruleset &rs, const Rule &rule, const Criterion &c,
                         const PacketState &p, Hook hook, bool &decided);
};

} // namespace chainscope
