#pragma once

#include "ruleset.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

namespace chainscope {

/**
 * Routing for a node whose dump came alone (no `ip addr`, no `ip route`), read from what its
 * rules say (docs/engine.md, "Routing by assumption"):
 * - a subnet the rules place behind an interface (`-d NET -o IF`, `-s NET -i IF`, Docker's
 *   `-s NET ! -o IF -j MASQUERADE`) is connected there;
 * - every other destination leaves by the uplink: the first interface the rules name that is
 *   no bridge, tunnel or container link, or `eth0`;
 * - a packet arriving on such an uplink is for the node itself unless its destination is in a
 *   subnet above, a DNAT target or a FORWARD rule's destination; one arriving on a bridge or
 *   container link (a container talking out) is forwarded.
 */
class AssumedRoutes
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::AssumedRoutes)
public:
    struct Net
    {
        Address addr;
        Address mask;
        QString dev;
        Family family = Family::Ipv4;
    };
    struct Answer
    {
        bool local = false;
        QString dev;     // out device (in device for local)
    };

    static AssumedRoutes fromRules(const Ruleset &rs);
    /** Every interface the rules name with -i or -o ("eth+" wildcards left out), sorted. */
    static QStringList namedInterfaces(const Ruleset &rs);
    /** Whether a name looks like a bridge, tunnel or container link rather than an uplink. */
    static bool isVirtual(const QString &iface);

    bool active = false;
    QString uplink;
    std::vector<Net> connected;
    std::vector<std::pair<Address, Address>> forwarded;   // (address, mask) not local when arriving
    QStringList interfaces;                               // named in the rules, and the uplink

    /** Where a destination goes; `inIface` empty for a locally generated packet. */
    Answer lookup(const Address &dst, const QString &inIface) const;
    /** One sentence for the explanation: what was assumed. */
    QString describe(const QString &node) const;
};

} // namespace chainscope
