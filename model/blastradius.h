#pragma once

#include "scenario.h"
#include "whatif.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace chainscope {

/**
 * What else a change lets through. Two views of it:
 * - the match space of the change (a candidate rule's addresses, protocols, ports and
 *   interfaces; everything reaching the chain's end for a policy), in words and sizes;
 * - probes: flows built from the node's own context (each interface, each known subnet,
 *   common ports) traced on that node before and after; the flows whose fate changed.
 * A policy ACCEPT has no tests at all, so its match space is everything.
 */
struct BlastRadius
{
    QString matchSpace;          // "sources any, destinations 10.224.2.0/24 (256), ..."
    double sourceAddresses = 0;  // sizes of the match space
    double destinationAddresses = 0;
    int protocols = 256;         // 256: any
    int ports = 65536;           // destination ports, 65536: any
    QStringList inInterfaces;    // empty: any
    QStringList outInterfaces;
    int probes = 0;
    int newlyAccepted = 0;       // dropped or rejected before, through after
    int newlyDropped = 0;
    QStringList examples;        // a few newly accepted flows, described
    bool broad = false;          // lets through more than one subnet's traffic on any interface

    QString summary() const;
};

class BlastRadiusCalculator
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::BlastRadius)
public:
    /** `after` is `before` with `edit` applied (WhatIf::apply). */
    static BlastRadius compute(const Scenario &before, const Scenario &after, const Edit &edit);
};

} // namespace chainscope
