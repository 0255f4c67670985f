#pragma once

#include "diagnostic.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace chainscope {

/**
 * A node's kernel parameters: `sysctl -a` output, `key = value` lines or /proc/sys paths.
 * The accessors combine them as the kernel does (per-interface forwarding, rp_filter as
 * the larger of `all` and the interface; route_localnet, accept_local and src_valid_mark as
 * either);
 * a parameter that was not given takes the value a kubeadm node has (see `defaults`), and
 * is added to `defaulted` (when given) so the trace can say so once.
 */
class Sysctls
{
public:
    /** Reads `key = value` / `key=value` lines; `#`/`;` comments; warns on other lines. */
    bool parse(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags);
    /** Sets one parameter; the key in dots or as a /proc/sys path. */
    void set(const QString &key, const QString &value);
    bool isEmpty() const { return m_values.isEmpty(); }
    int size() const { return int(m_values.size()); }

    /** The key as `sysctl` prints it: dots between levels, a '.' in a device name as '/'. */
    static QString normalise(const QString &key);
    /** `net.ipv4.conf.DEV.NAME` for a device name. */
    static QString confKey(const QString &dev, const char *name);

    /** net.ipv4.conf.DEV.forwarding (net.ipv4.ip_forward sets all of them). */
    bool forwarding(const QString &dev, QStringList *defaulted = nullptr) const;
    /**
     * net.ipv6.conf.all.forwarding: IPv6 forwards by the global flag alone (ip6_forward),
     * not the input device's.
     */
    bool forwarding6(QStringList *defaulted = nullptr) const;
    /** max(net.ipv4.conf.all.rp_filter, net.ipv4.conf.DEV.rp_filter): 0 off, 1 strict, 2 loose. */
    int rpFilter(const QString &dev, QStringList *defaulted = nullptr) const;
    bool routeLocalnet(const QString &dev, QStringList *defaulted = nullptr) const;
    bool acceptLocal(const QString &dev, QStringList *defaulted = nullptr) const;
    /**
     * net.ipv4.conf.{all,DEV}.src_valid_mark (either): rp_filter's reverse lookup sees the
     * packet's mark; without it the lookup runs with mark 0, so fwmark rules never match.
     */
    bool srcValidMark(const QString &dev, QStringList *defaulted = nullptr) const;
    /** net.bridge.bridge-nf-call-iptables: br_netfilter runs iptables for bridged IPv4. */
    bool bridgeCallsIptables(QStringList *defaulted = nullptr) const;
    bool bridgeCallsIp6tables(QStringList *defaulted = nullptr) const;

    /** What a kubeadm node has when nothing was given, as `key = value` lines. */
    static QStringList defaults();

private:
    /** The value of a key, or -1 when not given. */
    int raw(const QString &key) const;
    int valueOr(const QString &key, int fallback, QStringList *defaulted) const;

    QHash<QString, QString> m_values;
};

} // namespace chainscope
