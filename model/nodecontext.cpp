#include "nodecontext.h"

#include "ruleset.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

#include <algorithm>
#include <bit>
#include <optional>

namespace chainscope {

namespace {

// QCoreApplication::translate with NodeContext's context spelt out below: lupdate files the
// words under the context Qt looks them up in (a local tr() class would hide it).
std::string_view sv(const QByteArray &b)
{
    return {b.constData(), size_t(b.size())};
}

QList<QByteArray> words(const QByteArray &line)
{
    return line.simplified().split(' ');
}

/** "A/LEN" of either family; `addr` unmasked (an interface's own address). */
bool parseCidr(const QByteArray &text, Address &addr, int &len)
{
    const Family f = text.contains(':') ? Family::Ipv6 : Family::Ipv4;
    Address a, m;
    if (!parsePrefix(sv(text), f, a, m))
        return false;
    const auto raw = Address::parse(sv(text.left(text.indexOf('/') < 0 ? text.size() : text.indexOf('/'))), f);
    addr = raw ? *raw : a;
    len = prefixLength(m, f);
    return len >= 0;
}

std::optional<Address> parseAddr(const QString &text)
{
    return text.isEmpty() ? std::nullopt : Address::parse(text);
}

/** The command of a prompt line asks for IPv6 (`ip -6 route`, `ip -6 -j rule`, `ip -family inet6`). */
bool promptAsksV6(const QByteArray &line)
{
    const qsizetype at = line.indexOf("ip ");
    return at >= 0 && (line.indexOf(" -6", at) >= 0 || line.indexOf("inet6", at) >= 0);
}

/** The unspecified address of a family: what "default" stands for. */
Address zeroOf(Family f)
{
    return f == Family::Ipv4 ? Address::fromV4(0) : Address();
}

/** A pasted prompt with its command ("root@node:~# ip route show table all") or a Markdown fence. */
bool promptOrFence(const QByteArray &line)
{
    return line.startsWith("```") || line.startsWith("$ ") || line.startsWith("ip ") || line.contains("# ip ")
            || line.contains("$ ip ");
}

/** `ip -j` output: "[" then "{" or "]"; a prompt such as "[ec2-user@ip-10-0-64-5 ~]$" is not. */
bool looksLikeJsonArray(const QByteArray &trimmed)
{
    if (!trimmed.startsWith('['))
        return false;
    const QByteArray rest = trimmed.mid(1).trimmed();
    return rest.startsWith('{') || rest.startsWith(']');
}

/** The array `command` (`ip -j addr`...) printed; nullopt with the JSON error at its line and column. */
std::optional<QJsonArray> jsonArray(const QByteArray &text, const QString &file, const QString &command,
                                    std::vector<Diagnostic> &diags)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &perr);
    if (doc.isArray())
        return doc.array();
    const QByteArray before = text.left(perr.offset);
    diags.push_back({Diagnostic::Error, file, int(before.count('\n')) + 1, int(perr.offset - before.lastIndexOf('\n')),
                     QCoreApplication::translate("chainscope::NodeContext", "expected the JSON array of `%1`: %2").arg(command, perr.errorString())});
    return std::nullopt;
}

} // namespace

bool NodeContext::parseAddresses(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags)
{
    const QByteArray trimmedText = text.trimmed();
    bool ok = true;
    if (looksLikeJsonArray(trimmedText)) {
        const std::optional<QJsonArray> array = jsonArray(trimmedText, file, QStringLiteral("ip -j addr"), diags);
        if (!array)
            return false;
        for (const QJsonValue &v : *array) {
            const QJsonObject o = v.toObject();
            Interface itf;
            itf.name = o.value(QLatin1String("ifname")).toString();
            itf.index = o.value(QLatin1String("ifindex")).toInt();
            itf.up = o.value(QLatin1String("operstate")).toString() != QLatin1String("DOWN");
            bridges.addPort(itf.name, o.value(QLatin1String("master")).toString());
            for (const QJsonValue &av : o.value(QLatin1String("addr_info")).toArray()) {
                const QJsonObject a = av.toObject();
                const QString family = a.value(QLatin1String("family")).toString();
                if (family != QLatin1String("inet") && family != QLatin1String("inet6"))
                    continue;
                InterfaceAddress ia;
                const auto local = parseAddr(a.value(QLatin1String("local")).toString());
                if (!local) {
                    diags.push_back({Diagnostic::Error, file, 0, 0,
                                     QCoreApplication::translate("chainscope::NodeContext", "interface %1: bad address \"%2\"").arg(itf.name, a.value(QLatin1String("local")).toString())});
                    ok = false;
                    continue;
                }
                ia.address = *local;
                ia.prefixLength = a.value(QLatin1String("prefixlen")).toInt(local->isV4() ? 32 : 128);
                if (const auto brd = parseAddr(a.value(QLatin1String("broadcast")).toString()))
                    ia.broadcast = *brd;
                ia.scope = a.value(QLatin1String("scope")).toString();
                itf.addresses.push_back(ia);
            }
            if (itf.name.isEmpty()) {
                diags.push_back({Diagnostic::Error, file, 0, 0, QCoreApplication::translate("chainscope::NodeContext", "an interface without \"ifname\"")});
                ok = false;
                continue;
            }
            interfaces.push_back(itf);
        }
        hasAddresses = ok;
        return ok;
    }
    // `ip -o addr` (one line per address, "N: dev    inet A/L ... \") and `ip addr`
    // (an interface header "N: dev: <FLAGS> ..." then indented "inet A/L ..." lines).
    const QList<QByteArray> lines = text.split('\n');
    Interface *current = nullptr;
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray raw = lines[i];
        const QByteArray line = raw.trimmed();
        const int lineNo = i + 1;
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QList<QByteArray> w = words(line);
        const bool header = !raw.startsWith(' ') && !raw.startsWith('\t') && w.size() >= 2 && w[0].endsWith(':');
        if (header) {
            bool isNum = false;
            const int idx = w[0].left(w[0].size() - 1).toInt(&isNum);
            if (!isNum) {
                diags.push_back({Diagnostic::Error, file, lineNo, 1, QCoreApplication::translate("chainscope::NodeContext", "expected \"INDEX: DEVICE\" at the start of the line")});
                ok = false;
                continue;
            }
            QByteArray name = w[1];
            const bool oneLine = !name.endsWith(':');
            if (!oneLine)
                name.chop(1);
            const int at = name.indexOf('@');
            if (at >= 0)
                name.truncate(at);
            const QString qname = QString::fromUtf8(name);
            current = nullptr;
            for (auto &itf : interfaces) {
                if (itf.name == qname)
                    current = &itf;
            }
            if (!current) {
                Interface itf;
                itf.name = qname;
                itf.index = idx;
                interfaces.push_back(itf);
                current = &interfaces.back();
            }
            for (int k = 2; k + 1 < w.size(); ++k) {
                if (w[k] == "master")
                    bridges.addPort(qname, QString::fromUtf8(w[k + 1]));
            }
            if (!oneLine) {
                current->up = line.contains(",UP") || line.contains("<UP");
                continue;
            }
            w = w.mid(2);   // the rest of an -o line is like an indented line
        }
        if (w.isEmpty())
            continue;
        if (w[0] == "inet" || w[0] == "inet6") {
            if (!current) {
                diags.push_back({Diagnostic::Error, file, lineNo, 1, QCoreApplication::translate("chainscope::NodeContext", "an address before any interface line")});
                ok = false;
                continue;
            }
            InterfaceAddress ia;
            if (w.size() < 2 || !parseCidr(w[1], ia.address, ia.prefixLength) || (w[0] == "inet") != ia.address.isV4()) {
                diags.push_back({Diagnostic::Error, file, lineNo, int(raw.indexOf(w[0])) + int(w[0].size()) + 2,
                                 w[0] == "inet" ? QCoreApplication::translate("chainscope::NodeContext", "expected an address as A.B.C.D/LEN after \"inet\"")
                                                : QCoreApplication::translate("chainscope::NodeContext", "expected an IPv6 address as ADDR/LEN after \"inet6\"")});
                ok = false;
                continue;
            }
            for (int k = 2; k + 1 < w.size(); ++k) {
                if (w[k] == "brd") {
                    if (const auto b = Address::parse(sv(w[k + 1])))
                        ia.broadcast = *b;
                } else if (w[k] == "scope") {
                    ia.scope = QString::fromUtf8(w[k + 1]);
                }
            }
            current->addresses.push_back(ia);
        } else if (w[0].startsWith("link/") || w[0] == "valid_lft" || w[0] == "altname") {
            continue;
        } else if (!header) {
            diags.push_back({Diagnostic::Warning, file, lineNo, 1,
                             QCoreApplication::translate("chainscope::NodeContext", "line not understood, skipped: \"%1\"").arg(QString::fromUtf8(line.left(60)))});
        }
    }
    hasAddresses = ok && !interfaces.empty();
    if (ok && interfaces.empty()) {
        diags.push_back({Diagnostic::Error, file, 1, 1, QCoreApplication::translate("chainscope::NodeContext", "no interfaces found: expected `ip addr`, `ip -o addr` or `ip -j addr` output")});
        ok = false;
    }
    return ok;
}

bool NodeContext::parseRoutes(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags,
                              std::optional<Family> family)
{
    bool ok = true;
    const QByteArray trimmedText = text.trimmed();
    // Routes whose family no address says ("default dev wg0") take the file's: the prompt's
    // command when it says, else the family most of the file's routes have.
    std::vector<std::pair<Route, bool>> read;   // (route, family known)
    bool promptV6 = false;
    auto addRoute = [&](Route r, bool known) { read.push_back({std::move(r), known}); };
    auto finish = [&]() {
        int v4 = 0, v6 = 0;
        for (const auto &[r, known] : read) {
            if (known)
                ++(r.family() == Family::Ipv4 ? v4 : v6);
        }
        const Family fallback = family ? *family : promptV6 || v6 > v4 ? Family::Ipv6 : Family::Ipv4;
        for (auto &[r, known] : read) {
            if (!known)
                r.dst = zeroOf(fallback);
            routes.push_back(std::move(r));
        }
    };
    if (looksLikeJsonArray(trimmedText)) {
        const std::optional<QJsonArray> array = jsonArray(trimmedText, file, QStringLiteral("ip -j route"), diags);
        if (!array)
            return false;
        for (const QJsonValue &v : *array) {
            const QJsonObject o = v.toObject();
            Route r;
            const QString dst = o.value(QLatin1String("dst")).toString();
            const QString type = o.value(QLatin1String("type")).toString();
            if (type == QLatin1String("blackhole")) r.type = Route::Blackhole;
            else if (type == QLatin1String("unreachable")) r.type = Route::Unreachable;
            else if (type == QLatin1String("prohibit")) r.type = Route::Prohibit;
            else if (type == QLatin1String("local")) r.type = Route::Local;
            else if (type == QLatin1String("broadcast")) r.type = Route::Broadcast;
            else if (type == QLatin1String("throw")) r.type = Route::Throw;
            else if (type == QLatin1String("multicast") || type == QLatin1String("anycast") || type == QLatin1String("nat"))
                continue;   // not a unicast lookup answer
            if (o.contains(QLatin1String("table")))
                r.table = tableId(o.value(QLatin1String("table")).toVariant().toString());
            bool known = false;
            if (o.contains(QLatin1String("pref")) && dst == QLatin1String("default")) {
                r.dst = zeroOf(Family::Ipv6);   // only IPv6 routes carry a router preference
                known = true;
            }
            if (dst != QLatin1String("default")) {
                // `ip -j route` prints a host route without "/LEN"
                QByteArray d = dst.toLatin1();
                if (!d.contains('/'))
                    d += d.contains(':') ? "/128" : "/32";
                if (!parseCidr(d, r.dst, r.prefixLength)) {
                    diags.push_back({Diagnostic::Error, file, 0, 0, QCoreApplication::translate("chainscope::NodeContext", "bad route destination \"%1\"").arg(dst)});
                    ok = false;
                    continue;
                }
                r.dst = r.dst & Address::mask(r.dst.family(), r.prefixLength);
                known = true;
            }
            if (const auto gw = parseAddr(o.value(QLatin1String("gateway")).toString())) {
                r.gateway = *gw;
                r.hasGateway = true;
                if (!known)
                    r.dst = zeroOf(gw->family());
                known = true;
            }
            r.dev = o.value(QLatin1String("dev")).toString();
            if (const auto src = parseAddr(o.value(QLatin1String("prefsrc")).toString())) {
                r.src = *src;
                r.hasSrc = true;
                if (!known)
                    r.dst = zeroOf(src->family());
                known = true;
            }
            r.metric = o.value(QLatin1String("metric")).toInt();
            for (const QJsonValue &f : o.value(QLatin1String("flags")).toArray()) {
                r.onlink = r.onlink || f.toString() == QLatin1String("onlink");
                r.linkdown = r.linkdown || f.toString() == QLatin1String("linkdown");
            }
            addRoute(r, known);
        }
        finish();
        hasRoutes = ok;
        return ok;
    }
    promptV6 = promptAsksV6(text.left(text.indexOf('\n')));
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const int lineNo = i + 1;
        if (line.isEmpty() || line.startsWith('#') || promptOrFence(line)) {
            promptV6 = promptV6 || promptAsksV6(line);
            continue;
        }
        QList<QByteArray> w = words(line);
        Route r;
        r.line = lineNo;
        int k = 0;
        if (w[k] == "blackhole") { r.type = Route::Blackhole; ++k; }
        else if (w[k] == "unreachable") { r.type = Route::Unreachable; ++k; }
        else if (w[k] == "prohibit") { r.type = Route::Prohibit; ++k; }
        else if (w[k] == "throw") { r.type = Route::Throw; ++k; }
        else if (w[k] == "local") { r.type = Route::Local; ++k; }
        else if (w[k] == "broadcast") { r.type = Route::Broadcast; ++k; }
        else if (w[k] == "unicast") { ++k; }
        else if (w[k] == "multicast" || w[k] == "anycast" || w[k] == "nat") { continue; }
        if (k >= w.size()) {
            diags.push_back({Diagnostic::Error, file, lineNo, 1, QCoreApplication::translate("chainscope::NodeContext", "expected a destination")});
            ok = false;
            continue;
        }
        bool known = w[k] != "default";
        QByteArray d = w[k];
        if (known && !d.contains('/'))
            d += d.contains(':') ? "/128" : "/32";
        if (known && !parseCidr(d, r.dst, r.prefixLength)) {
            diags.push_back({Diagnostic::Error, file, lineNo, int(lines[i].indexOf(w[k])) + 1,
                             QCoreApplication::translate("chainscope::NodeContext", "expected \"default\" or a destination as A.B.C.D[/LEN] or an IPv6 prefix, found \"%1\"")
                                     .arg(QString::fromUtf8(w[k]))});
            ok = false;
            continue;
        }
        r.dst = r.dst & Address::mask(r.dst.family(), r.prefixLength);
        ++k;
        bool lineOk = true;
        for (; k < w.size(); ++k) {
            const QByteArray &key = w[k];
            const bool hasValue = k + 1 < w.size();
            if (key == "via" && hasValue) {
                QByteArray g = w[++k];
                if ((g == "inet" || g == "inet6") && k + 1 < w.size())
                    g = w[++k];
                const auto gw = Address::parse(sv(g));
                if (!gw) {
                    diags.push_back({Diagnostic::Error, file, lineNo, int(lines[i].indexOf(g)) + 1,
                                     QCoreApplication::translate("chainscope::NodeContext", "expected a gateway address after \"via\"")});
                    lineOk = false;
                    break;
                }
                r.gateway = *gw;
                r.hasGateway = true;
                if (!known)
                    r.dst = zeroOf(gw->family());
                known = true;
            } else if (key == "dev" && hasValue) {
                r.dev = QString::fromUtf8(w[++k]);
            } else if (key == "src" && hasValue) {
                const auto s = Address::parse(sv(w[++k]));
                if (s) {
                    r.src = *s;
                    r.hasSrc = true;
                    if (!known)
                        r.dst = zeroOf(s->family());
                    known = true;
                }
            } else if (key == "metric" && hasValue) {
                r.metric = w[++k].toInt();
            } else if (key == "onlink") {
                r.onlink = true;
            } else if (key == "linkdown") {
                r.linkdown = true;
            } else if (key == "table" && hasValue) {
                r.table = tableId(QString::fromUtf8(w[++k]));
            } else if ((key == "proto" || key == "scope" || key == "mtu" || key == "weight"
                        || key == "realm" || key == "pref" || key == "expires" || key == "hoplimit"
                        || key == "advmss" || key == "rtt" || key == "rttvar" || key == "cwnd" || key == "initcwnd"
                        || key == "initrwnd" || key == "quickack" || key == "features" || key == "congctl") && hasValue) {
                ++k;
            } else if (key == "dead" || key == "pervasive" || key == "offload" || key == "nexthop") {
                // flags that do not change the lookup we model
            } else {
                diags.push_back({Diagnostic::Warning, file, lineNo, int(lines[i].indexOf(key)) + 1,
                                 QCoreApplication::translate("chainscope::NodeContext", "route attribute \"%1\" ignored").arg(QString::fromUtf8(key))});
            }
        }
        if (!lineOk) {
            ok = false;
            continue;
        }
        addRoute(r, known);
    }
    finish();
    hasRoutes = ok;
    return ok;
}

const Interface *NodeContext::interface(const QString &name) const
{
    for (const auto &i : interfaces) {
        if (i.name == name)
            return &i;
    }
    return nullptr;
}

const Interface *NodeContext::owner(const Address &address) const
{
    for (const auto &i : interfaces) {
        for (const auto &a : i.addresses) {
            if (a.address == address)
                return &i;
        }
    }
    return nullptr;
}

bool NodeContext::isLocal(const Address &address) const
{
    if (address.isLoopback())
        return true;
    return owner(address) != nullptr;
}

quint32 NodeContext::addressType(const Address &address, const QString &limitDev) const
{
    if (!address.isV4()) {
        // IPv6 has no broadcast; the types are those of ipv6_addr_type and the route lookup.
        if (address.isNull())
            return AddrType::Unspec;
        if (address.isMulticast())
            return AddrType::Multicast;
        for (const auto &i : interfaces) {
            if (!limitDev.isEmpty() && i.name != limitDev)
                continue;
            for (const auto &a : i.addresses) {
                if (a.address == address)
                    return AddrType::Local | AddrType::Unicast;
            }
        }
        if (address.isLoopback() && (limitDev.isEmpty() || limitDev == QLatin1String("lo")))
            return AddrType::Local | AddrType::Unicast;
        if (!limitDev.isEmpty())
            return AddrType::Unicast;   // with a device only the address check says local
        const Lookup l = lookup(address);
        switch (l.result) {
        case Lookup::Blackhole: case Lookup::Unreachable: case Lookup::Prohibit: case Lookup::NoRoute:
            return AddrType::Unicast | AddrType::Unreachable;
        case Lookup::Local: return AddrType::Local | AddrType::Unicast;
        default: return AddrType::Unicast;
        }
    }
    // As the kernel's inet_addr_type: the local table first (local and broadcast routes
    // made from the addresses), then the main table.
    const quint32 v4 = address.v4();
    if (v4 == 0)
        return AddrType::Broadcast;   // 0.0.0.0 is RTN_BROADCAST in the kernel, as is 255.255.255.255
    if (v4 == 0xffffffffu)
        return AddrType::Broadcast;
    if (address.isMulticast())
        return AddrType::Multicast;
    for (const auto &i : interfaces) {
        if (!limitDev.isEmpty() && i.name != limitDev)
            continue;
        for (const auto &a : i.addresses) {
            if (a.address == address)
                return AddrType::Local;
            if (!a.broadcast.isNull() && a.broadcast == address)
                return AddrType::Broadcast;
        }
    }
    if (address.isLoopback() && (limitDev.isEmpty() || limitDev == QLatin1String("lo")))
        return AddrType::Local;
    for (const auto &r : routes) {
        if (r.type == Route::Local && r.dst == address)
            return AddrType::Local;
    }
    const Lookup l = lookup(address);
    switch (l.result) {
    case Lookup::Blackhole: return AddrType::Blackhole;
    case Lookup::Unreachable: return AddrType::Unreachable;
    case Lookup::Prohibit: return AddrType::Prohibit;
    case Lookup::Local: return AddrType::Local;
    default: return AddrType::Unicast;
    }
}

bool NodeContext::addressTypeMatches(const Address &address, quint32 mask, const QString &limitDev) const
{
    const quint32 type = addressType(address, limitDev);
    if (address.isV4())
        return (mask & type) != 0;
    // ip6t addrtype: every class named must hold (multicast, unicast, unspecified), and of
    // local, anycast and unreachable the route lookup must give one.
    if ((mask & AddrType::Multicast) && !(type & AddrType::Multicast))
        return false;
    if ((mask & AddrType::Unicast) && !(type & AddrType::Unicast))
        return false;
    if ((mask & AddrType::Unspec) && !(type & AddrType::Unspec))
        return false;
    const quint32 routed = AddrType::Local | AddrType::Anycast | AddrType::Unreachable;
    if (mask & routed)
        return (mask & type & routed) != 0;
    return true;
}

Address NodeContext::primaryAddress(const QString &dev, const Address &towards) const
{
    const Interface *itf = interface(dev);
    if (!itf)
        return {};
    const Family f = towards.isNull() ? Family::Ipv4 : towards.family();
    for (const auto &a : itf->addresses) {
        if (a.family() == f && !towards.isNull() && towards.in(a.address & Address::mask(f, a.prefixLength), Address::mask(f, a.prefixLength)))
            return a.address;
    }
    // A link-local destination takes a link-local source; others a global one first.
    const bool linkLocal = f == Family::Ipv6 && towards.isLinkLocal();
    for (const auto &a : itf->addresses) {
        if (a.family() == f && (linkLocal ? a.scope == QLatin1String("link") : (a.scope.isEmpty() || a.scope == QLatin1String("global"))))
            return a.address;
    }
    for (const auto &a : itf->addresses) {
        if (a.family() == f)
            return a.address;
    }
    return {};
}

namespace {
// The scope ipv6_addr_scope gives: interface-local for ::1, link for fe80::/10, a multicast
// group's own, global for the rest (ULAs included).
int scope6(const Address &a)
{
    if (a.isLoopback())
        return 1;
    if (a.isMulticast())
        return int((a.hi() >> 48) & 0xf);
    if (a.isLinkLocal())
        return 2;
    return 14;
}

int commonPrefix(const Address &a, const Address &b)
{
    const quint64 hi = a.hi() ^ b.hi();
    if (hi)
        return std::countl_zero(hi);
    return 64 + std::countl_zero(a.lo() ^ b.lo());
}
} // namespace

Address NodeContext::selectSource6(const Address &dst, const QString &dev) const
{
    const int dstScope = scope6(dst);
    const bool deviceOnly = dst.isMulticast() || dstScope <= 2;
    const InterfaceAddress *best = nullptr;
    bool bestOnDev = false;
    for (const Interface &itf : interfaces) {
        const bool onDev = itf.name == dev;
        if (deviceOnly && !onDev)
            continue;
        for (const InterfaceAddress &a : itf.addresses) {
            if (a.family() != Family::Ipv6)
                continue;
            if (a.address == dst)
                return a.address;
            if (!best) {
                best = &a;
                bestOnDev = onDev;
                continue;
            }
            // Rule 2: a scope too small loses to one large enough; among those, the smallest.
            const int sa = scope6(a.address), sb = scope6(best->address);
            if (sa != sb) {
                if (sa < sb ? sa >= dstScope : sb < dstScope) {
                    best = &a;
                    bestOnDev = onDev;
                }
                continue;
            }
            if (onDev != bestOnDev) {   // Rule 5: the outgoing interface
                if (onDev) {
                    best = &a;
                    bestOnDev = true;
                }
                continue;
            }
            if (commonPrefix(a.address, dst) > commonPrefix(best->address, dst)) {   // Rule 8
                best = &a;
                bestOnDev = onDev;
            }
        }
    }
    return best ? best->address : Address();
}

Address NodeContext::masqueradeSource(const QString &dev, const Address &dst, const Address &nextHop) const
{
    if (!dst.isV4())
        return selectSource6(dst, dev);   // nf_nat_masquerade_ipv6: by the destination, from any device
    const Address hop = nextHop.isNull() ? dst : nextHop;
    const Family f = Family::Ipv4;
    auto global = [f](const InterfaceAddress &a) {
        return a.family() == f && ((a.scope.isEmpty() && !a.address.isLoopback() && !a.address.isLinkLocal())
                                   || a.scope == QLatin1String("global"));
    };
    if (const Interface *itf = interface(dev)) {
        for (const auto &a : itf->addresses) {
            const Address mask = Address::mask(f, a.prefixLength);
            if (global(a) && hop.in(a.address & mask, mask))
                return a.address;
        }
        for (const auto &a : itf->addresses) {
            if (global(a))
                return a.address;
        }
    }
    std::vector<const Interface *> ordered;
    for (const auto &i : interfaces)
        ordered.push_back(&i);
    std::stable_sort(ordered.begin(), ordered.end(), [](const Interface *a, const Interface *b) { return a->index < b->index; });
    for (const Interface *i : ordered) {
        for (const auto &a : i->addresses) {
            if (global(a))
                return a.address;
        }
    }
    return {};
}

int NodeContext::tableId(const QString &name)
{
    if (name == QLatin1String("local"))
        return RouteTables::Local;
    if (name == QLatin1String("main") || name.isEmpty())
        return RouteTables::Main;
    if (name == QLatin1String("default"))
        return RouteTables::Default;
    bool ok = false;
    const uint n = name.toUInt(&ok);
    if (ok && n < uint(RouteTables::kNamedBase))
        return int(n);
    for (size_t i = 0; i < tableNames.size(); ++i) {
        if (tableNames[i] == name)
            return RouteTables::kNamedBase + int(i);
    }
    tableNames.push_back(name);
    return RouteTables::kNamedBase + int(tableNames.size() - 1);
}

QString NodeContext::tableName(int id) const
{
    switch (id) {
    case RouteTables::Local: return QStringLiteral("local");
    case RouteTables::Main: return QStringLiteral("main");
    case RouteTables::Default: return QStringLiteral("default");
    default: break;
    }
    if (id >= RouteTables::kNamedBase && size_t(id - RouteTables::kNamedBase) < tableNames.size())
        return tableNames[size_t(id - RouteTables::kNamedBase)];
    return QString::number(id);
}

bool NodeContext::parseIpRules(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags,
                               std::optional<Family> family)
{
    bool ok = true;
    const QByteArray trimmedText = text.trimmed();
    std::vector<RoutingRule> out;
    // `ip rule` and `ip -6 rule` print alike; the prompt's command or the addresses tell
    const Family promptFamily = family ? *family
            : promptAsksV6(text.left(text.indexOf('\n'))) || promptAsksV6(text.left(text.indexOf('['))) ? Family::Ipv6 : Family::Ipv4;
    auto actionOf = [](const QString &a, RoutingRule::Action &action) {
        if (a == QLatin1String("blackhole")) action = RoutingRule::Blackhole;
        else if (a == QLatin1String("unreachable")) action = RoutingRule::Unreachable;
        else if (a == QLatin1String("prohibit")) action = RoutingRule::Prohibit;
        else if (a == QLatin1String("goto")) action = RoutingRule::Goto;
        else if (a == QLatin1String("nop")) action = RoutingRule::Nop;
        else return false;
        return true;
    };
    auto unmodelledWarning = [&](int line, const QString &what) {
        diags.push_back({Diagnostic::Warning, file, line, 0,
                         QCoreApplication::translate("chainscope::NodeContext", "ip rule selector \"%1\" is not modelled: that rule never matches here").arg(what)});
    };
    // `ip -j rule` (or `ip -j -p rule`), possibly after a prompt line; "[detached]" is text
    const qsizetype bracket = trimmedText.indexOf('[');
    if (bracket >= 0 && trimmedText.mid(bracket + 1).trimmed().startsWith('{')) {
        const QByteArray json = trimmedText.mid(bracket);
        const std::optional<QJsonArray> array = jsonArray(json, file, QStringLiteral("ip -j rule"), diags);
        if (!array)
            return false;
        for (const QJsonValue &v : *array) {
            const QJsonObject o = v.toObject();
            RoutingRule r;
            QStringList text;
            r.priority = o.value(QLatin1String("priority")).toInt();
            r.invert = o.contains(QLatin1String("not"));
            r.family = promptFamily;
            auto prefix = [&](const char *key, const char *lenKey, Address &addr, int &len) {
                const QString a = o.value(QLatin1String(key)).toString();
                if (a.isEmpty() || a == QLatin1String("all"))
                    return true;
                const auto p = Address::parse(a);
                if (!p)
                    return false;
                r.family = p->family();
                len = o.value(QLatin1String(lenKey)).toInt(p->isV4() ? 32 : 128);
                addr = *p & Address::mask(r.family, len);
                return true;
            };
            if (!prefix("src", "srclen", r.from, r.fromLength) || !prefix("dst", "dstlen", r.to, r.toLength)) {
                diags.push_back({Diagnostic::Warning, file, 0, 0,
                                 QCoreApplication::translate("chainscope::NodeContext", "ip rule %1: an address not understood, skipped").arg(r.priority)});
                continue;
            }
            // the words `ip rule` prints: "[not] from all|A/L [to A/L] ..."
            if (r.invert)
                text << QStringLiteral("not");
            text << (r.fromLength ? QStringLiteral("from %1/%2").arg(r.from.toString()).arg(r.fromLength)
                                  : QStringLiteral("from all"));
            if (r.toLength)
                text << QStringLiteral("to %1/%2").arg(r.to.toString()).arg(r.toLength);
            auto hex = [](const QJsonValue &x, quint32 &out) {
                bool good = true;
                out = x.isString() ? x.toString().toUInt(&good, 0) : quint32(x.toDouble());
                return good;
            };
            if (o.contains(QLatin1String("fwmark"))) {
                r.hasFwmark = true;
                hex(o.value(QLatin1String("fwmark")), r.fwmark);
                if (o.contains(QLatin1String("fwmask")))
                    hex(o.value(QLatin1String("fwmask")), r.fwmask);
                text << (r.fwmask == 0xffffffffu ? QStringLiteral("fwmark 0x%1").arg(r.fwmark, 0, 16)
                                                 : QStringLiteral("fwmark 0x%1/0x%2").arg(r.fwmark, 0, 16).arg(r.fwmask, 0, 16));
            }
            r.iif = o.value(QLatin1String("iif")).toString();
            r.oif = o.value(QLatin1String("oif")).toString();
            r.detached = o.contains(QLatin1String("iif_detached")) || o.contains(QLatin1String("oif_detached"));
            if (!r.iif.isEmpty())
                text << QStringLiteral("iif %1").arg(r.iif) + (o.contains(QLatin1String("iif_detached")) ? QStringLiteral(" [detached]") : QString());
            if (!r.oif.isEmpty())
                text << QStringLiteral("oif %1").arg(r.oif) + (o.contains(QLatin1String("oif_detached")) ? QStringLiteral(" [detached]") : QString());
            for (const char *k : {"tos", "uidrange", "ipproto", "sport", "dport", "l3mdev", "suppress_ifgroup"}) {
                if (o.contains(QLatin1String(k))) {
                    r.unmodelled = true;
                    unmodelledWarning(0, QLatin1String(k));
                }
            }
            const QString action = o.value(QLatin1String("action")).toString();
            if (!action.isEmpty() && !actionOf(action, r.action)) {
                diags.push_back({Diagnostic::Warning, file, 0, 0, QCoreApplication::translate("chainscope::NodeContext", "ip rule %1: action \"%2\" not understood, rule skipped")
                                                                          .arg(r.priority).arg(action)});
                continue;
            }
            if (r.action == RoutingRule::Lookup) {
                const QString t = o.value(QLatin1String("table")).toVariant().toString();
                r.table = tableId(t);
                text << QStringLiteral("lookup %1").arg(t);
            } else if (r.action == RoutingRule::Goto) {
                r.gotoPriority = o.value(QLatin1String("target")).toInt();
                text << QStringLiteral("goto %1").arg(r.gotoPriority);
            } else {
                text << action;
            }
            if (o.contains(QLatin1String("suppress_prefixlen"))) {
                r.suppressPrefixLength = o.value(QLatin1String("suppress_prefixlen")).toInt(-1);
                text << QStringLiteral("suppress_prefixlength %1").arg(r.suppressPrefixLength);
            }
            r.text = text.join(QLatin1Char(' '));
            out.push_back(r);
        }
    } else {
        Family lineFamily = promptFamily;
        const QList<QByteArray> lines = text.split('\n');
        for (int i = 0; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const int lineNo = i + 1;
            if (line.isEmpty() || line.startsWith('#') || promptOrFence(line)) {
                if (line.contains("ip ") && line.contains(" ru"))   // a prompt: `ip rule`, `ip -6 ru`
                    lineFamily = promptAsksV6(line) ? Family::Ipv6 : Family::Ipv4;
                continue;
            }
            const qsizetype colon = line.indexOf(':');
            bool isNum = false;
            const int prio = colon > 0 ? line.left(colon).toInt(&isNum) : 0;
            if (!isNum) {
                diags.push_back({Diagnostic::Warning, file, lineNo, 1,
                                 QCoreApplication::translate("chainscope::NodeContext", "line not understood, skipped: \"%1\"").arg(QString::fromUtf8(line.left(60)))});
                continue;
            }
            RoutingRule r;
            r.priority = prio;
            r.line = lineNo;
            r.family = lineFamily;
            QList<QByteArray> w = words(line.mid(colon + 1));
            bool lineOk = true, hasAction = false;
            auto bad = [&](int k, const QString &msg) {
                diags.push_back({Diagnostic::Error, file, lineNo, int(lines[i].indexOf(w[k])) + 1, msg});
                lineOk = false;
                ok = false;
            };
            for (int k = 0; k < w.size() && lineOk; ++k) {
                const QByteArray &key = w[k];
                const bool hasValue = k + 1 < w.size();
                if (key == "not") {
                    r.invert = true;
                } else if ((key == "from" || key == "to") && hasValue) {
                    const QByteArray v = w[++k];
                    if (v == "all")
                        continue;
                    Address a;
                    int len = 32;
                    if (!parseCidr(v, a, len)) {
                        bad(k, QCoreApplication::translate("chainscope::NodeContext", "expected \"all\" or an address as A.B.C.D[/LEN] or an IPv6 prefix, found \"%1\"").arg(QString::fromUtf8(v)));
                        break;
                    }
                    r.family = a.family();
                    (key == "from" ? r.from : r.to) = a & Address::mask(r.family, len);
                    (key == "from" ? r.fromLength : r.toLength) = len;
                } else if (key == "fwmark" && hasValue) {
                    const QByteArray v = w[++k];
                    const qsizetype slash = v.indexOf('/');
                    bool good = false, goodMask = true;
                    r.fwmark = v.left(slash < 0 ? v.size() : slash).toUInt(&good, 0);
                    if (slash >= 0)
                        r.fwmask = v.mid(slash + 1).toUInt(&goodMask, 0);
                    if (!good || !goodMask) {
                        bad(k, QCoreApplication::translate("chainscope::NodeContext", "expected a mark as 0xMARK[/0xMASK], found \"%1\"").arg(QString::fromUtf8(v)));
                        break;
                    }
                    r.hasFwmark = true;
                } else if ((key == "iif" || key == "oif") && hasValue) {
                    (key == "iif" ? r.iif : r.oif) = QString::fromUtf8(w[++k]);
                } else if ((key == "lookup" || key == "table") && hasValue) {
                    r.action = RoutingRule::Lookup;
                    r.table = tableId(QString::fromUtf8(w[++k]));
                    hasAction = true;
                } else if (key == "goto" && hasValue) {
                    r.action = RoutingRule::Goto;
                    r.gotoPriority = w[++k].toInt();
                    hasAction = true;
                } else if (actionOf(QString::fromUtf8(key), r.action)) {
                    hasAction = true;
                } else if ((key == "suppress_prefixlength" || key == "suppress_prefixlen") && hasValue) {
                    r.suppressPrefixLength = w[++k].toInt();
                } else if ((key == "proto" || key == "protocol" || key == "realms" || key == "pref" || key == "priority")
                           && hasValue) {
                    ++k;
                } else if (key == "[detached]") {
                    r.detached = true;   // the kernel keeps the rule, and it matches no packet
                } else if (key == "[unresolved]" || key == "unicast") {
                    // state flags, no change to the match
                } else if ((key == "tos" || key == "dsfield" || key == "uidrange" || key == "ipproto" || key == "sport"
                            || key == "dport" || key == "suppress_ifgroup") && hasValue) {
                    r.unmodelled = true;
                    unmodelledWarning(lineNo, QString::fromUtf8(key));
                    ++k;
                } else if (key == "l3mdev") {
                    r.unmodelled = true;
                    unmodelledWarning(lineNo, QString::fromUtf8(key));
                } else {
                    bad(k, QCoreApplication::translate("chainscope::NodeContext", "ip rule word \"%1\" not understood").arg(QString::fromUtf8(key)));
                }
            }
            if (!lineOk)
                continue;
            if (!hasAction) {
                diags.push_back({Diagnostic::Warning, file, lineNo, 1, QCoreApplication::translate("chainscope::NodeContext", "ip rule %1 has no action: it never decides").arg(prio)});
                r.action = RoutingRule::Nop;
            }
            r.text = QString::fromUtf8(line.mid(colon + 1).simplified());
            out.push_back(r);
        }
    }
    if (ok && out.empty()) {
        diags.push_back({Diagnostic::Error, file, 1, 1, QCoreApplication::translate("chainscope::NodeContext", "no rules found: expected `ip rule show` or `ip -j rule` output")});
        ok = false;
    }
    // `ip rule` and `ip -6 rule` may come as two files: keep the other family's rules
    bool read[2] = {false, false};
    for (const RoutingRule &r : out)
        read[int(r.family)] = true;
    for (const RoutingRule &r : ipRules) {
        if (!read[int(r.family)])
            out.push_back(r);
    }
    std::stable_sort(out.begin(), out.end(), [](const RoutingRule &a, const RoutingRule &b) { return a.priority < b.priority; });
    ipRules = std::move(out);
    hasIpRules = hasIpRules || ok;
    return ok;
}

bool NodeContext::hasIpRulesOf(Family f) const
{
    return hasIpRules && std::any_of(ipRules.begin(), ipRules.end(), [f](const RoutingRule &r) { return r.family == f; });
}

bool NodeContext::hasCustomIpRules(Family f) const
{
    if (!hasIpRules)
        return false;
    return std::any_of(ipRules.begin(), ipRules.end(), [f](const RoutingRule &r) {
        if (r.family != f)
            return false;
        const bool plain = !r.invert && !r.fromLength && !r.toLength && r.iif.isEmpty() && r.oif.isEmpty() && !r.hasFwmark
                && !r.unmodelled && r.action == RoutingRule::Lookup && r.suppressPrefixLength < 0;
        const bool kernels = (r.priority == 0 && r.table == RouteTables::Local) || (r.priority == 32766 && r.table == RouteTables::Main)
                || (r.priority == 32767 && r.table == RouteTables::Default);
        return !(plain && kernels);
    });
}

NodeContext::Lookup NodeContext::lookup(const Address &dst, const QString &inIface) const
{
    Query q;
    q.dst = dst;
    q.inIface = inIface;
    return lookup(q);
}

NodeContext::Lookup NodeContext::lookup(const Query &q) const
{
    const Address dst = q.dst;
    const Family family = dst.family();
    Lookup out;
    if (routesAssumed()) {
        const AssumedRoutes::Answer a = assumed.lookup(dst, q.inIface);
        out.assumed = true;
        out.dev = a.dev;
        out.result = a.local ? Lookup::Local : Lookup::Forward;
        out.src = a.local ? dst : Address();   // no address is known to take as the source
        out.nextHop = a.local ? Address() : dst;
        return out;
    }
    bool found = false;
    if (!hasIpRulesOf(family)) {
        // The kernel's default rules: 0 lookup local, 32766 lookup main, 32767 lookup default.
        for (const int t : {RouteTables::Local, RouteTables::Main, RouteTables::Default}) {
            out = lookupTable(t, dst, -1, found);
            if (found)
                return out;
        }
        return Lookup{};
    }
    const QString iif = q.inIface.isEmpty() ? QStringLiteral("lo") : q.inIface;
    for (size_t i = 0; i < ipRules.size(); ++i) {
        const RoutingRule &r = ipRules[i];
        if (r.unmodelled || r.detached || r.family != family)
            continue;
        bool match = (!r.fromLength || (q.src & Address::mask(family, r.fromLength)) == r.from)
                && (!r.toLength || (dst & Address::mask(family, r.toLength)) == r.to)
                && (r.iif.isEmpty() || r.iif == iif)
                && r.oif.isEmpty()   // only sockets bound to a device carry an oif
                && (!r.hasFwmark || (q.mark & r.fwmask) == r.fwmark);
        if (r.invert)
            match = !match;
        if (!match)
            continue;
        Lookup l;
        switch (r.action) {
        case RoutingRule::Lookup:
            l = lookupTable(r.table, dst, r.suppressPrefixLength, found);
            if (!found)
                continue;
            break;
        case RoutingRule::Blackhole: l.result = Lookup::Blackhole; break;
        case RoutingRule::Unreachable: l.result = Lookup::Unreachable; break;
        case RoutingRule::Prohibit: l.result = Lookup::Prohibit; break;
        case RoutingRule::Goto:
            // to the first rule at or after the target priority (the kernel only jumps forward)
            while (i + 1 < ipRules.size() && (ipRules[i + 1].priority < r.gotoPriority || ipRules[i + 1].family != family))
                ++i;
            continue;
        case RoutingRule::Nop: continue;
        }
        l.rule = &r;
        if (r.action != RoutingRule::Lookup)
            l.table = -1;
        return l;
    }
    return Lookup{};
}

NodeContext::Lookup NodeContext::lookupTable(int table, const Address &dst, int suppressPrefixLength, bool &found) const
{
    Lookup out;
    out.table = table;
    found = true;
    if (table == RouteTables::Local) {
        if (const Interface *o = owner(dst)) {
            out.result = Lookup::Local;
            out.dev = o->name;
            out.src = dst;
            return out;
        }
        if (dst.isLoopback()) {
            out.result = Lookup::Local;
            out.dev = QStringLiteral("lo");
            out.src = dst;
            return out;
        }
        // The local table's broadcast routes: a subnet's broadcast address is delivered locally.
        for (const auto &i : interfaces) {
            for (const auto &a : i.addresses) {
                if ((!a.broadcast.isNull() && a.broadcast == dst) || dst == Address::fromV4(0xffffffffu)) {
                    out.result = Lookup::Local;
                    out.dev = i.name;
                    out.src = a.address;
                    return out;
                }
            }
        }
        found = false;
        return out;
    }
    const Route *best = nullptr;
    bool givenRoutes = false;   // any route of this family was given (else the addresses' prefix routes)
    auto consider = [&](const Route &r) {
        if (r.family() != dst.family())
            return;
        givenRoutes = true;
        if (r.type == Route::Local || r.type == Route::Broadcast || r.table != table)
            return;
        if (!dst.in(r.dst, Address::mask(r.family(), r.prefixLength)))
            return;
        if (!best || r.prefixLength > best->prefixLength
            || (r.prefixLength == best->prefixLength && r.metric < best->metric))
            best = &r;
    };
    for (const auto &r : routes)
        consider(r);
    const bool given = givenRoutes && hasRoutes;
    std::vector<Route> connected;
    if (!given && table == RouteTables::Main) {
        // Without `ip route` of this family, the kernel's own prefix routes of the addresses.
        for (const auto &i : interfaces) {
            for (const auto &a : i.addresses) {
                if (a.family() != dst.family())
                    continue;
                if (a.prefixLength >= (a.address.isV4() ? 32 : 128))
                    continue;
                Route r;
                r.dst = a.address & Address::mask(a.family(), a.prefixLength);
                r.prefixLength = a.prefixLength;
                r.dev = i.name;
                r.src = a.address;
                r.hasSrc = true;
                connected.push_back(r);
            }
        }
        for (const auto &r : connected)
            consider(r);
    }
    // throw, no route, or a route suppress_prefixlength rejects: on to the next rule
    if (!best || best->type == Route::Throw || (suppressPrefixLength >= 0 && best->prefixLength <= suppressPrefixLength)) {
        found = false;
        return out;
    }
    out.route = given ? best : nullptr;   // a derived prefix route lives only in this call
    out.dev = best->dev;
    switch (best->type) {
    case Route::Blackhole: out.result = Lookup::Blackhole; return out;
    case Route::Unreachable: out.result = Lookup::Unreachable; return out;
    case Route::Prohibit: out.result = Lookup::Prohibit; return out;
    default: break;
    }
    out.result = Lookup::Forward;
    out.nextHop = best->hasGateway ? best->gateway : dst;
    // IPv6 picks the source by the destination's scope, not the (link-local) gateway's
    out.src = best->hasSrc ? best->src : dst.isV4() ? primaryAddress(best->dev, out.nextHop) : selectSource6(dst, best->dev);
    return out;
}

QString NodeContext::describe(const Lookup &l) const
{
    QString s;
    switch (l.result) {
    case Lookup::Local: s = QCoreApplication::translate("chainscope::NodeContext", "local dev %1").arg(QStringLiteral("lo")); break;
    case Lookup::Forward:
        s = (l.route && l.route->hasGateway ? QStringLiteral("via %1 ").arg(l.route->gateway.toString()) : QString())
                + QStringLiteral("dev %1").arg(l.dev.isEmpty() ? QCoreApplication::translate("chainscope::NodeContext", "(no interface known)") : l.dev);
        break;
    case Lookup::Blackhole: s = QStringLiteral("blackhole"); break;
    case Lookup::Unreachable: s = QStringLiteral("unreachable"); break;
    case Lookup::Prohibit: s = QStringLiteral("prohibit"); break;
    case Lookup::NoRoute: s = QCoreApplication::translate("chainscope::NodeContext", "no route (network unreachable)"); break;
    }
    if (l.table >= 0 && l.result != Lookup::NoRoute)
        s += QStringLiteral(" table %1").arg(tableName(l.table));
    if (l.rule) {
        // "from all" says nothing: "rule 100: fwmark 0x1 lookup 100"
        QString words = l.rule->text;
        if (words.startsWith(QLatin1String("from all ")))
            words.remove(0, 9);
        else if (words.startsWith(QLatin1String("not from all ")))
            words.remove(4, 9);
        s += QCoreApplication::translate("chainscope::NodeContext", " (rule %1: %2)").arg(l.rule->priority).arg(words);
    }
    return s;
}

} // namespace chainscope
