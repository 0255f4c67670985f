#pragma once

#include "diagnostic.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace chainscope {

/**
 * Which devices are ports of which bridge, read from `ip -j link`, `ip link`, `bridge link`
 * (text or -j), or the "master" of `ip addr`. A frame between two ports of a bridge is
 * bridged, not routed; br_netfilter shows the ports to `-m physdev`.
 */
class Bridges
{
public:
    /** Appends what the text says; detects JSON or text. Appends diagnostics. */
    bool parse(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags);
    /** Records that `port` is enslaved to `bridge` (the same pair twice is kept once). */
    void addPort(const QString &port, const QString &bridge);

    bool isEmpty() const { return m_ports.empty(); }
    /** The bridge a device is a port of, or empty. */
    QString bridgeOf(const QString &port) const;
    bool isBridge(const QString &dev) const;
    /** The ports of a bridge, in the order read. */
    QStringList ports(const QString &bridge) const;

private:
    std::vector<std::pair<QString, QString>> m_ports;   // port, bridge
};

} // namespace chainscope
