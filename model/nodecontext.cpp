#include "nodecontext.h"

#include "ipv4.h"
#include "ruleset.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

#include <algorithm>

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

bool parseCidr(const QByteArray &text, quint32 &addr, int &len)
{
    quint32 a = 0, m = 0;
    if (!ipv4::parsePrefix(sv(text), a, m))
        return false;
    const auto raw = ipv4::parseAddress(sv(text.left(text.indexOf('/') < 0 ? text.size() : text.indexOf('/'))));
    addr = raw ? *raw : a;
    len = ipv4::prefixLength(m);
    return len >= 0;
}

/** A JSON error at its line and column, for `ip -j` output that does not parse. */
void jsonError(std::vector<Diagnostic> &diags, const QString &file, const QByteArray &text,
               const QJsonParseError &perr, const QString &command)
{
    const QByteArray before = text.left(perr.offset);
    diags.push_back({Diagnostic::Error, file, int(before.count('\n')) + 1, int(perr.offset - before.lastIndexOf('\n')),
                     QCoreApplication::translate("chainscope::NodeContext", "expected the JSON array of `%1`: %2").arg(command, perr.errorString())});
}

} // namespace

bool NodeContext::parseAddresses(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags)
{
    const QByteArray trimmedText = text.trimmed();
    bool ok = true;
    if (trimmedText.startsWith('[')) {
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(trimmedText, &perr);
        if (!doc.isArray()) {
            jsonError(diags, file, trimmedText, perr, QStringLiteral("ip -j addr"));
            return false;
        }
        for (const QJsonValue &v : doc.array()) {
            const QJsonObject o = v.toObject();
            Interface itf;
            itf.name = o.value(QLatin1String("ifname")).toString();
            itf.index = o.value(QLatin1String("ifindex")).toInt();
            itf.up = o.value(QLatin1String("operstate")).toString() != QLatin1String("DOWN");
            bridges.addPort(itf.name, o.value(QLatin1String("master")).toString());
            for (const QJsonValue &av : o.value(QLatin1String("addr_info")).toArray()) {
                const QJsonObject a = av.toObject();
                if (a.value(QLatin1String("family")).toString() != QLatin1String("inet"))
                    continue;
                InterfaceAddress ia;
                const auto local = ipv4::parseAddress(sv(a.value(QLatin1String("local")).toString().toLatin1()));
                if (!local) {
                    diags.push_back({Diagnostic::Error, file, 0, 0,
                                     QCoreApplication::translate("chainscope::NodeContext", "interface %1: bad address \"%2\"").arg(itf.name, a.value(QLatin1String("local")).toString())});
                    ok = false;
                    continue;
                }
                ia.address = *local;
                ia.prefixLength = a.value(QLatin1String("prefixlen")).toInt(32);
                const auto brd = ipv4::parseAddress(sv(a.value(QLatin1String("broadcast")).toString().toLatin1()));
                ia.broadcast = brd ? *brd : 0;
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
        if (w[0] == "inet") {
            if (!current) {
                diags.push_back({Diagnostic::Error, file, lineNo, 1, QCoreApplication::translate("chainscope::NodeContext", "an address before any interface line")});
                ok = false;
                continue;
            }
            InterfaceAddress ia;
            if (w.size() < 2 || !parseCidr(w[1], ia.address, ia.prefixLength)) {
                diags.push_back({Diagnostic::Error, file, lineNo, int(raw.indexOf("inet")) + 6,
                                 QCoreApplication::translate("chainscope::NodeContext", "expected an address as A.B.C.D/LEN after \"inet\"")});
                ok = false;
                continue;
            }
            for (int k = 2; k + 1 < w.size(); ++k) {
                if (w[k] == "brd") {
                    const auto b = ipv4::parseAddress(sv(w[k + 1]));
                    ia.broadcast = b ? *b : 0;
                } else if (w[k] == "scope") {
                    ia.scope = QString::fromUtf8(w[k + 1]);
                }
            }
            current->addresses.push_back(ia);
        } else if (w[0] == "inet6" || w[0].startsWith("link/") || w[0] == "valid_lft" || w[0] == "altname") {
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

bool NodeContext::parseRoutes(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags)
{
    bool ok = true;
    const QByteArray trimmedText = text.trimmed();
    auto addRoute = [&](Route r) { routes.push_back(std::move(r)); };
    if (trimmedText.startsWith('[')) {
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(trimmedText, &perr);
        if (!doc.isArray()) {
            jsonError(diags, file, trimmedText, perr, QStringLiteral("ip -j route"));
            return false;
        }
        for (const QJsonValue &v : doc.array()) {
            const QJsonObject o = v.toObject();
            Route r;
            const QString dst = o.value(QLatin1String("dst")).toString();
            const QString type = o.value(QLatin1String("type")).toString();
            if (type == QLatin1String("blackhole")) r.type = Route::Blackhole;
            else if (type == QLatin1String("unreachable")) r.type = Route::Unreachable;
            else if (type == QLatin1String("prohibit")) r.type = Route::Prohibit;
            else if (type == QLatin1String("local")) r.type = Route::Local;
            else if (type == QLatin1String("broadcast")) r.type = Route::Broadcast;
            if (dst != QLatin1String("default")) {
                if (!parseCidr(dst.toLatin1(), r.dst, r.prefixLength)) {
                    diags.push_back({Diagnostic::Error, file, 0, 0, QCoreApplication::translate("chainscope::NodeContext", "bad route destination \"%1\"").arg(dst)});
                    ok = false;
                    continue;
                }
                r.dst &= ipv4::maskOf(r.prefixLength);
            }
            if (const auto gw = ipv4::parseAddress(sv(o.value(QLatin1String("gateway")).toString().toLatin1()))) {
                r.gateway = *gw;
                r.hasGateway = true;
            }
            r.dev = o.value(QLatin1String("dev")).toString();
            if (const auto src = ipv4::parseAddress(sv(o.value(QLatin1String("prefsrc")).toString().toLatin1()))) {
                r.src = *src;
                r.hasSrc = true;
            }
            r.metric = o.value(QLatin1String("metric")).toInt();
            for (const QJsonValue &f : o.value(QLatin1String("flags")).toArray()) {
                r.onlink = r.onlink || f.toString() == QLatin1String("onlink");
                r.linkdown = r.linkdown || f.toString() == QLatin1String("linkdown");
            }
            addRoute(r);
        }
        hasRoutes = ok;
        return ok;
    }
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const int lineNo = i + 1;
        if (line.isEmpty() || line.startsWith('#'))
            continue;
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
        if (k >= w.size()) {
            diags.push_back({Diagnostic::Error, file, lineNo, 1, QCoreApplication::translate("chainscope::NodeContext", "expected a destination")});
            ok = false;
            continue;
        }
        if (w[k] != "default" && !parseCidr(w[k], r.dst, r.prefixLength)) {
            diags.push_back({Diagnostic::Error, file, lineNo, int(lines[i].indexOf(w[k])) + 1,
                             QCoreApplication::translate("chainscope::NodeContext", "expected \"default\" or a destination as A.B.C.D[/LEN], found \"%1\"")
                                     .arg(QString::fromUtf8(w[k]))});
            ok = false;
            continue;
        }
        r.dst &= ipv4::maskOf(r.prefixLength);
        ++k;
        bool lineOk = true;
        for (; k < w.size(); ++k) {
            const QByteArray &key = w[k];
            const bool hasValue = k + 1 < w.size();
            if (key == "via" && hasValue) {
                QByteArray g = w[++k];
                if (g == "inet" && k + 1 < w.size())
                    g = w[++k];
                const auto gw = ipv4::parseAddress(sv(g));
                if (!gw) {
                    diags.push_back({Diagnostic::Error, file, lineNo, int(lines[i].indexOf(g)) + 1,
                                     QCoreApplication::translate("chainscope::NodeContext", "expected a gateway address after \"via\"")});
                    lineOk = false;
                    break;
                }
                r.gateway = *gw;
                r.hasGateway = true;
            } else if (key == "dev" && hasValue) {
                r.dev = QString::fromUtf8(w[++k]);
            } else if (key == "src" && hasValue) {
                const auto s = ipv4::parseAddress(sv(w[++k]));
                if (s) {
                    r.src = *s;
                    r.hasSrc = true;
                }
            } else if (key == "metric" && hasValue) {
                r.metric = w[++k].toInt();
            } else if (key == "onlink") {
                r.onlink = true;
            } else if (key == "linkdown") {
                r.linkdown = true;
            } else if ((key == "proto" || key == "scope" || key == "table" || key == "mtu" || key == "weight"
                        || key == "realm" || key == "pref" || key == "expires") && hasValue) {
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
        addRoute(r);
    }
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

const Interface *NodeContext::owner(quint32 address) const
{
    for (const auto &i : interfaces) {
        for (const auto &a : i.addresses) {
            if (a.address == address)
                return &i;
        }
    }
    return nullptr;
}

bool NodeContext::isLocal(quint32 address) const
{
    if ((address >> 24) == 127)
        return true;
    return owner(address) != nullptr;
}

quint32 NodeContext::addressType(quint32 address, const QString &limitDev) const
{
    // As the kernel's inet_addr_type: the local table first (local and broadcast routes
    // made from the addresses), then the main table.
    if (address == 0)
        return AddrType::Broadcast;   // 0.0.0.0 is RTN_BROADCAST in the kernel, as is 255.255.255.255
    if (address == 0xffffffffu)
        return AddrType::Broadcast;
    if ((address >> 28) == 0xe)
        return AddrType::Multicast;
    for (const auto &i : interfaces) {
        if (!limitDev.isEmpty() && i.name != limitDev)
            continue;
        for (const auto &a : i.addresses) {
            if (a.address == address)
                return AddrType::Local;
            if (a.broadcast && a.broadcast == address)
                return AddrType::Broadcast;
        }
    }
    if ((address >> 24) == 127 && (limitDev.isEmpty() || limitDev == QLatin1String("lo")))
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

quint32 NodeContext::primaryAddress(const QString &dev, quint32 towards) const
{
    const Interface *itf = interface(dev);
    if (!itf || itf->addresses.empty())
        return 0;
    for (const auto &a : itf->addresses) {
        const quint32 mask = ipv4::maskOf(a.prefixLength);
        if (towards && (a.address & mask) == (towards & mask))
            return a.address;
    }
    for (const auto &a : itf->addresses) {
        if (a.scope.isEmpty() || a.scope == QLatin1String("global"))
            return a.address;
    }
    return itf->addresses.front().address;
}

quint32 NodeContext::masqueradeSource(const QString &dev, quint32 nextHop) const
{
    auto global = [](const InterfaceAddress &a) {
        return (a.scope.isEmpty() && (a.address >> 24) != 127) || a.scope == QLatin1String("global");
    };
    if (const Interface *itf = interface(dev)) {
        for (const auto &a : itf->addresses) {
            const quint32 mask = ipv4::maskOf(a.prefixLength);
            if (global(a) && (a.address & mask) == (nextHop & mask))
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
    return 0;
}

NodeContext::Lookup NodeContext::lookup(quint32 dst, const QString &inIface) const
{
    Lookup out;
    if (routesAssumed()) {
        const AssumedRoutes::Answer a = assumed.lookup(dst, inIface);
        out.assumed = true;
        out.dev = a.dev;
        out.result = a.local ? Lookup::Local : Lookup::Forward;
        out.src = a.local ? dst : 0;   // no address is known to take as the source
        out.nextHop = a.local ? 0 : dst;
        return out;
    }
    if (const Interface *o = owner(dst)) {
        out.result = Lookup::Local;
        out.dev = o->name;
        out.src = dst;
        return out;
    }
    if ((dst >> 24) == 127) {
        out.result = Lookup::Local;
        out.dev = QStringLiteral("lo");
        out.src = dst;
        return out;
    }
    // The local table's broadcast routes: a subnet's broadcast address is delivered locally.
    for (const auto &i : interfaces) {
        for (const auto &a : i.addresses) {
            if ((a.broadcast && a.broadcast == dst) || dst == 0xffffffffu) {
                out.result = Lookup::Local;
                out.dev = i.name;
                out.src = a.address;
                return out;
            }
        }
    }
    const Route *best = nullptr;
    auto consider = [&](const Route &r) {
        if (r.type == Route::Local || r.type == Route::Broadcast)
            return;
        const quint32 mask = ipv4::maskOf(r.prefixLength);
        if ((dst & mask) != r.dst)
            return;
        if (!best || r.prefixLength > best->prefixLength
            || (r.prefixLength == best->prefixLength && r.metric < best->metric))
            best = &r;
    };
    for (const auto &r : routes)
        consider(r);
    std::vector<Route> connected;
    if (!hasRoutes) {
        // Without `ip route`, the kernel's own prefix routes of the addresses.
        for (const auto &i : interfaces) {
            for (const auto &a : i.addresses) {
                if (a.prefixLength >= 32)
                    continue;
                Route r;
                r.dst = a.address & ipv4::maskOf(a.prefixLength);
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
    if (!best) {
        out.result = Lookup::NoRoute;
        return out;
    }
    out.route = hasRoutes ? best : nullptr;   // a derived prefix route lives only in this call
    out.dev = best->dev;
    switch (best->type) {
    case Route::Blackhole: out.result = Lookup::Blackhole; return out;
    case Route::Unreachable: out.result = Lookup::Unreachable; return out;
    case Route::Prohibit: out.result = Lookup::Prohibit; return out;
    case Route::Throw: out.result = Lookup::NoRoute; return out;
    default: break;
    }
    out.result = Lookup::Forward;
    out.nextHop = best->hasGateway ? best->gateway : dst;
    out.src = best->hasSrc ? best->src : primaryAddress(best->dev, out.nextHop);
    return out;
}

} // namespace chainscope
