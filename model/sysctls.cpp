#include "sysctls.h"

#include <QCoreApplication>
#include <QList>

#include <algorithm>

namespace chainscope {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::Sysctls)
};

// kubeadm's preflight wants forwarding and br_netfilter on; rp_filter, route_localnet and
// accept_local keep the kernel's 0 (kubeadm sets none of them).
constexpr int kIpForward = 1;
constexpr int kBridgeCall = 1;
constexpr int kRpFilter = 0;

void note(QStringList *defaulted, const QString &key, int value)
{
    const QString line = QStringLiteral("%1 = %2").arg(key).arg(value);
    if (defaulted && !defaulted->contains(line))
        defaulted->push_back(line);
}

} // namespace

QString Sysctls::normalise(const QString &key)
{
    QString k = key.trimmed();
    if (k.startsWith(QLatin1String("/proc/sys/")))
        k = k.mid(10);
    if (!k.contains(QLatin1Char('/')))
        return k;
    // A /proc/sys path: levels by '/', so a '.' belongs to a name (eth0.100), which
    // sysctl prints with the two swapped.
    QString out;
    out.reserve(k.size());
    for (const QChar ch : std::as_const(k))
        out += ch == QLatin1Char('/') ? QLatin1Char('.') : (ch == QLatin1Char('.') ? QLatin1Char('/') : ch);
    return out;
}

QString Sysctls::confKey(const QString &dev, const char *name)
{
    QString d = dev;
    d.replace(QLatin1Char('.'), QLatin1Char('/'));
    return QStringLiteral("net.ipv4.conf.") + d + QLatin1Char('.') + QLatin1String(name);
}

void Sysctls::set(const QString &key, const QString &value)
{
    m_values.insert(normalise(key), value.trimmed());
}

bool Sysctls::parse(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags)
{
    const QList<QByteArray> lines = text.split('\n');
    int read = 0;
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith('#') || line.startsWith(';'))
            continue;
        // `sysctl -a` as root also prints "sysctl: permission denied on key ..." and the like.
        if (line.startsWith("sysctl:"))
            continue;
        const int eq = line.indexOf('=');
        const QByteArray key = eq > 0 ? line.left(eq).trimmed() : QByteArray();
        if (key.isEmpty() || key.contains(' ') || key.startsWith('$')) {
            diags.push_back({Diagnostic::Warning, file, i + 1, 1,
                             Tr::tr("expected \"key = value\", line skipped: \"%1\"").arg(QString::fromUtf8(line.left(60)))});
            continue;
        }
        QByteArray value = line.mid(eq + 1).trimmed();
        if (value.startsWith('"') && value.endsWith('"') && value.size() >= 2)
            value = value.mid(1, value.size() - 2);
        set(QString::fromUtf8(key), QString::fromUtf8(value));
        ++read;
    }
    if (read == 0) {
        diags.push_back({Diagnostic::Error, file, 1, 1, Tr::tr("no sysctls found: expected `sysctl -a` output or \"key = value\" lines")});
        return false;
    }
    return true;
}

int Sysctls::raw(const QString &key) const
{
    const auto it = m_values.constFind(key);
    if (it == m_values.constEnd())
        return -1;
    bool ok = false;
    // Some values are lists ("4096 87380 6291456"); the ones read here are single numbers.
    const int v = it->section(QLatin1Char(' '), 0, 0).toInt(&ok);
    return ok ? v : -1;
}

int Sysctls::valueOr(const QString &key, int fallback, QStringList *defaulted) const
{
    const int v = raw(key);
    if (v >= 0)
        return v;
    note(defaulted, key, fallback);
    return fallback;
}

bool Sysctls::forwarding(const QString &dev, QStringList *defaulted) const
{
    // The kernel checks the input device's own flag; writing ip_forward or
    // conf.all.forwarding sets every device's, and new devices copy conf.default.
    int v = dev.isEmpty() ? -1 : raw(confKey(dev, "forwarding"));
    if (v < 0)
        v = raw(QStringLiteral("net.ipv4.conf.all.forwarding"));
    if (v < 0)
        v = valueOr(QStringLiteral("net.ipv4.ip_forward"), kIpForward, defaulted);
    return v != 0;
}

bool Sysctls::forwarding6(QStringList *defaulted) const
{
    return valueOr(QStringLiteral("net.ipv6.conf.all.forwarding"), kIpForward, defaulted) != 0;
}

int Sysctls::rpFilter(const QString &dev, QStringList *defaulted) const
{
    const int all = valueOr(QStringLiteral("net.ipv4.conf.all.rp_filter"), kRpFilter, defaulted);
    int own = dev.isEmpty() ? -1 : raw(confKey(dev, "rp_filter"));
    if (own < 0)
        own = valueOr(QStringLiteral("net.ipv4.conf.default.rp_filter"), kRpFilter, defaulted);
    return std::max(all, own);
}

bool Sysctls::routeLocalnet(const QString &dev, QStringList *defaulted) const
{
    int own = dev.isEmpty() ? -1 : raw(confKey(dev, "route_localnet"));
    if (own < 0)
        own = valueOr(QStringLiteral("net.ipv4.conf.default.route_localnet"), 0, defaulted);
    return valueOr(QStringLiteral("net.ipv4.conf.all.route_localnet"), 0, defaulted) != 0 || own != 0;
}

bool Sysctls::acceptLocal(const QString &dev, QStringList *defaulted) const
{
    int own = dev.isEmpty() ? -1 : raw(confKey(dev, "accept_local"));
    if (own < 0)
        own = valueOr(QStringLiteral("net.ipv4.conf.default.accept_local"), 0, defaulted);
    return valueOr(QStringLiteral("net.ipv4.conf.all.accept_local"), 0, defaulted) != 0 || own != 0;
}

bool Sysctls::srcValidMark(const QString &dev, QStringList *defaulted) const
{
    int own = dev.isEmpty() ? -1 : raw(confKey(dev, "src_valid_mark"));
    if (own < 0)
        own = valueOr(QStringLiteral("net.ipv4.conf.default.src_valid_mark"), 0, defaulted);
    return valueOr(QStringLiteral("net.ipv4.conf.all.src_valid_mark"), 0, defaulted) != 0 || own != 0;
}

bool Sysctls::bridgeCallsIptables(QStringList *defaulted) const
{
    return valueOr(QStringLiteral("net.bridge.bridge-nf-call-iptables"), kBridgeCall, defaulted) != 0;
}

bool Sysctls::bridgeCallsIp6tables(QStringList *defaulted) const
{
    return valueOr(QStringLiteral("net.bridge.bridge-nf-call-ip6tables"), kBridgeCall, defaulted) != 0;
}

QStringList Sysctls::defaults()
{
    return {QStringLiteral("net.ipv4.ip_forward = %1").arg(kIpForward),
            QStringLiteral("net.ipv6.conf.all.forwarding = %1").arg(kIpForward),
            QStringLiteral("net.bridge.bridge-nf-call-iptables = %1").arg(kBridgeCall),
            QStringLiteral("net.bridge.bridge-nf-call-ip6tables = %1").arg(kBridgeCall),
            QStringLiteral("net.ipv4.conf.all.rp_filter = %1").arg(kRpFilter),
            QStringLiteral("net.ipv4.conf.all.route_localnet = 0"), QStringLiteral("net.ipv4.conf.all.accept_local = 0")};
}

} // namespace chainscope
