#include "scenario.h"

#include "dumpparser.h"
#include "ipv4.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace chainscope {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::Scenario)
};

constexpr qint64 kMaxInput = 512ll * 1024 * 1024;

bool readFile(const QString &path, QByteArray &out, std::vector<Diagnostic> &diags)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        diags.push_back({Diagnostic::Error, path, 0, 0, Tr::tr("cannot read: %1").arg(f.errorString())});
        return false;
    }
    if (f.size() > kMaxInput) {
        diags.push_back({Diagnostic::Error, path, 0, 0, Tr::tr("file is larger than 512 MB")});
        return false;
    }
    out = f.readAll();
    return true;
}

/** The line of the first occurrence of `"key"` after `from`, for messages about JSON fields. */
int lineOfKey(const QByteArray &json, const QString &key, int occurrence = 0)
{
    const QByteArray needle = '"' + key.toUtf8() + '"';
    qsizetype pos = -1;
    for (int i = 0; i <= occurrence; ++i) {
        pos = json.indexOf(needle, pos + 1);
        if (pos < 0)
            return 0;
    }
    return int(json.left(pos).count('\n')) + 1;
}

} // namespace

int Scenario::nodeIndex(const QString &n) const
{
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].name == n)
            return int(i);
    }
    return -1;
}

bool Scenario::hasErrors() const
{
    for (const auto &d : diagnostics) {
        if (d.severity == Diagnostic::Error)
            return true;
    }
    return false;
}

bool packetFromJson(const QJsonObject &o, PacketSpec &spec, QString &error)
{
    const QString from = o.value(QLatin1String("from")).toString();
    if (from.isEmpty()) {
        error = Tr::tr("\"from\" is required: a node name (locally generated) or NODE:INTERFACE (arriving)");
        return false;
    }
    const qsizetype colon = from.indexOf(QLatin1Char(':'));
    spec.fromNode = colon < 0 ? from : from.left(colon);
    spec.inIface = colon < 0 ? QString() : from.mid(colon + 1);
    auto address = [&](const char *key, quint32 &out, bool required) -> bool {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                error = Tr::tr("\"%1\" is required").arg(QLatin1String(key));
            return !required;
        }
        const auto a = ipv4::parseAddress(v.toString().toStdString());
        if (!a) {
            error = Tr::tr("\"%1\": expected an IPv4 address, found \"%2\"").arg(QLatin1String(key), v.toVariant().toString());
            return false;
        }
        out = *a;
        return true;
    };
    if (!address("dst", spec.dst, true))
        return false;
    if (o.contains(QLatin1String("src"))) {
        quint32 s = 0;
        if (!address("src", s, true))
            return false;
        spec.src = s;
    }
    const QString proto = o.value(QLatin1String("proto")).toString(QStringLiteral("tcp"));
    if (!protoFromName(proto.toStdString(), spec.proto) || spec.proto == 0) {
        error = Tr::tr("\"proto\": expected tcp, udp, icmp or a protocol number, found \"%1\"").arg(proto);
        return false;
    }
    auto number = [&](const char *key, quint32 max, quint32 &out) -> bool {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 0 || d > max || d != double(quint32(d))) {
            error = Tr::tr("\"%1\": expected a whole number from 0 to %2").arg(QLatin1String(key)).arg(max);
            return false;
        }
        out = quint32(d);
        return true;
    };
    quint32 sport = spec.sport, dport = spec.dport, itype = spec.icmpType, icode = spec.icmpCode, len = spec.length;
    if (!number("sport", 65535, sport) || !number("dport", 65535, dport) || !number("icmp_type", 255, itype)
        || !number("icmp_code", 255, icode) || !number("length", 65535, len))
        return false;
    spec.sport = quint16(sport);
    spec.dport = quint16(dport);
    spec.icmpType = quint8(itype);
    spec.icmpCode = quint8(icode);
    spec.length = len;
    if ((spec.proto == ProtoTcp || spec.proto == ProtoUdp) && !o.contains(QLatin1String("dport"))) {
        error = Tr::tr("\"dport\" is required for %1").arg(proto);
        return false;
    }
    if (o.contains(QLatin1String("ctstate"))) {
        const QString s = o.value(QLatin1String("ctstate")).toString();
        const QStringList names = {QStringLiteral("INVALID"), QStringLiteral("ESTABLISHED"), QStringLiteral("RELATED"),
                                   QStringLiteral("NEW"), QStringLiteral("UNTRACKED")};
        const int i = names.indexOf(s);
        if (i < 0) {
            error = Tr::tr("\"ctstate\": expected NEW, ESTABLISHED, RELATED, INVALID or UNTRACKED, found \"%1\"").arg(s);
            return false;
        }
        spec.ctstate = 1u << i;
    }
    if (o.contains(QLatin1String("mark"))) {
        bool ok = false;
        const QJsonValue v = o.value(QLatin1String("mark"));
        const quint32 m = v.isString() ? v.toString().toUInt(&ok, 0) : quint32(v.toDouble());
        if (v.isString() && !ok) {
            error = Tr::tr("\"mark\": expected a number such as 0x4000");
            return false;
        }
        spec.mark = m;
    }
    return true;
}

std::optional<Scenario> Scenario::load(const QString &path, std::vector<Diagnostic> &diags, const Progress &progress)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        diags.push_back({Diagnostic::Error, path, 0, 0, Tr::tr("no such file or folder")});
        return std::nullopt;
    }
    QString jsonPath;
    if (info.isDir())
        jsonPath = QDir(path).filePath(QStringLiteral("scenario.json"));
    else if (info.fileName().endsWith(QLatin1String(".json")))
        jsonPath = path;
    if (jsonPath.isEmpty())
        return fromFiles({path}, diags, progress);

    QByteArray json;
    if (!readFile(jsonPath, json, diags))
        return std::nullopt;
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
        const QByteArray before = json.left(perr.offset);
        diags.push_back({Diagnostic::Error, jsonPath, int(before.count('\n')) + 1, int(perr.offset - before.lastIndexOf('\n')),
                         perr.error != QJsonParseError::NoError ? perr.errorString()
                                                                : Tr::tr("expected a JSON object")});
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    const QDir dir = QFileInfo(jsonPath).absoluteDir();
    Scenario sc;
    sc.path = QFileInfo(jsonPath).absolutePath();
    sc.name = root.value(QLatin1String("name")).toString(QFileInfo(sc.path).fileName());
    const QJsonArray nodes = root.value(QLatin1String("nodes")).toArray();
    bool ok = true;
    auto err = [&](const QString &key, int occurrence, const QString &msg) {
        diags.push_back({Diagnostic::Error, jsonPath, lineOfKey(json, key, occurrence), 0, msg});
        ok = false;
    };
    if (nodes.isEmpty()) {
        err(QStringLiteral("nodes"), 0, Tr::tr("\"nodes\" must be a non-empty array of {\"name\", \"rules\", ...}"));
        return std::nullopt;
    }
    // Total bytes for the progress bar.
    qint64 total = 0, done = 0;
    for (const QJsonValue &nv : nodes) {
        for (const QJsonValue &r : nv.toObject().value(QLatin1String("rules")).toArray()) {
            const QString f = r.isString() ? r.toString() : r.toObject().value(QLatin1String("file")).toString();
            total += QFileInfo(dir.filePath(f)).size();
        }
    }
    int ruleEntry = 0;
    for (int ni = 0; ni < nodes.size(); ++ni) {
        const QJsonObject no = nodes[ni].toObject();
        Node node;
        node.name = no.value(QLatin1String("name")).toString();
        if (node.name.isEmpty() || node.name.contains(QLatin1Char(':'))) {
            err(QStringLiteral("name"), ni + 1, Tr::tr("node %1: \"name\" must be a non-empty name without ':'").arg(ni + 1));
            continue;
        }
        if (sc.nodeIndex(node.name) >= 0) {
            err(QStringLiteral("name"), ni + 1, Tr::tr("node name \"%1\" is used twice").arg(node.name));
            continue;
        }
        const QJsonArray rules = no.value(QLatin1String("rules")).toArray();
        if (rules.isEmpty())
            err(QStringLiteral("rules"), ni, Tr::tr("node %1: \"rules\" must list at least one dump file").arg(node.name));
        for (const QJsonValue &rv : rules) {
            QString file;
            std::optional<TableId> table;
            if (rv.isString()) {
                file = rv.toString();
            } else {
                const QJsonObject ro = rv.toObject();
                file = ro.value(QLatin1String("file")).toString();
                const QString t = ro.value(QLatin1String("table")).toString();
                if (!t.isEmpty()) {
                    TableId id;
                    if (!tableFromName(t.toStdString(), id)) {
                        err(QStringLiteral("table"), 0, Tr::tr("node %1: unknown table \"%2\"").arg(node.name, t));
                        continue;
                    }
                    table = id;
                }
            }
            ++ruleEntry;
            if (file.isEmpty()) {
                err(QStringLiteral("rules"), ni, Tr::tr("node %1: a rules entry without a file name").arg(node.name));
                continue;
            }
            const QString full = dir.filePath(file);
            QByteArray data;
            if (!readFile(full, data, diags)) {
                ok = false;
                continue;
            }
            DumpParser::Options opt;
            opt.table = table;
            const qint64 base = done;
            if (progress)
                opt.progress = [&](qint64 d, qint64) { return progress(base + d, total); };
            if (!DumpParser::parseInto(node.rules, data, full, opt))
                ok = false;
            done += data.size();
            node.ruleFiles.push_back(full);
            if (progress && !progress(done, total)) {
                diags.push_back({Diagnostic::Error, jsonPath, 0, 0, Tr::tr("cancelled")});
                return std::nullopt;
            }
        }
        for (const auto &d : node.rules.diagnostics) {
            diags.push_back(d);
            if (d.severity == Diagnostic::Error)
                ok = false;
        }
        const QString addr = no.value(QLatin1String("addresses")).toString();
        const QString route = no.value(QLatin1String("routes")).toString();
        if (!addr.isEmpty()) {
            QByteArray data;
            node.addressFile = dir.filePath(addr);
            if (!readFile(node.addressFile, data, diags) || !node.context.parseAddresses(data, node.addressFile, diags))
                ok = false;
        } else {
            diags.push_back({Diagnostic::Warning, jsonPath, lineOfKey(json, QStringLiteral("name"), ni + 1), 0,
                             Tr::tr("node %1 has no addresses: addrtype and local delivery only know 127.0.0.0/8").arg(node.name)});
        }
        if (!route.isEmpty()) {
            QByteArray data;
            node.routeFile = dir.filePath(route);
            if (!readFile(node.routeFile, data, diags) || !node.context.parseRoutes(data, node.routeFile, diags))
                ok = false;
        } else {
            diags.push_back({Diagnostic::Warning, jsonPath, lineOfKey(json, QStringLiteral("name"), ni + 1), 0,
                             Tr::tr("node %1 has no routes: only the subnets of its addresses are reachable").arg(node.name)});
        }
        if (no.contains(QLatin1String("ip_forward")))
            node.context.ipForward = no.value(QLatin1String("ip_forward")).toBool(true);
        sc.nodes.push_back(std::move(node));
    }
    const QJsonArray packets = root.value(QLatin1String("packets")).toArray();
    for (int i = 0; i < packets.size(); ++i) {
        const QJsonObject po = packets[i].toObject();
        PacketPreset p;
        p.name = po.value(QLatin1String("name")).toString(Tr::tr("packet %1").arg(i + 1));
        QString error;
        if (!packetFromJson(po, p.spec, error)) {
            err(QStringLiteral("from"), i, Tr::tr("packet \"%1\": %2").arg(p.name, error));
            continue;
        }
        if (sc.nodeIndex(p.spec.fromNode) < 0) {
            err(QStringLiteral("from"), i, Tr::tr("packet \"%1\": no node named \"%2\"").arg(p.name, p.spec.fromNode));
            continue;
        }
        sc.packets.push_back(p);
    }
    const QJsonArray fixes = root.value(QLatin1String("fixes")).toArray();
    for (int i = 0; i < fixes.size(); ++i) {
        const QJsonObject fo = fixes[i].toObject();
        FixPreset f;
        f.name = fo.value(QLatin1String("name")).toString();
        f.node = fo.value(QLatin1String("node")).toString();
        f.insert = fo.value(QLatin1String("insert")).toString();
        f.policy = fo.value(QLatin1String("policy")).toString();
        if (sc.nodeIndex(f.node) < 0 || (f.insert.isEmpty() == f.policy.isEmpty())) {
            err(QStringLiteral("fixes"), 0, Tr::tr("fix \"%1\": needs an existing \"node\" and one of \"insert\" or \"policy\"").arg(f.name));
            continue;
        }
        sc.fixes.push_back(f);
    }
    sc.diagnostics = diags;
    if (!ok)
        return std::nullopt;
    return sc;
}

std::optional<Scenario> Scenario::fromFiles(const QStringList &files, std::vector<Diagnostic> &diags, const Progress &progress)
{
    Scenario sc;
    bool ok = true;
    qint64 total = 0, done = 0;
    for (const QString &f : files)
        total += QFileInfo(f).size();
    for (const QString &f : files) {
        QByteArray data;
        if (!readFile(f, data, diags)) {
            ok = false;
            continue;
        }
        Node node;
        node.name = QFileInfo(f).completeBaseName();
        std::vector<Ruleset> more;
        DumpParser::Options opt;
        const qint64 base = done;
        if (progress)
            opt.progress = [&](qint64 d, qint64) { return progress(base + d, total); };
        if (!DumpParser::parseInto(node.rules, data, f, opt, &more))
            ok = false;
        done += data.size();
        for (const auto &d : node.rules.diagnostics)
            diags.push_back(d);
        node.ruleFiles.push_back(f);
        const QString baseName = node.name;
        sc.nodes.push_back(std::move(node));
        for (size_t k = 0; k < more.size(); ++k) {
            Node extra;
            extra.name = baseName + QLatin1Char('#') + QString::number(k + 2);
            extra.rules = std::move(more[k]);
            extra.ruleFiles.push_back(f);
            sc.nodes.push_back(std::move(extra));
        }
        if (progress && !progress(done, total)) {
            diags.push_back({Diagnostic::Error, f, 0, 0, Tr::tr("cancelled")});
            return std::nullopt;
        }
    }
    if (files.size() == 1) {
        sc.path = QFileInfo(files.front()).absoluteFilePath();
        sc.name = QFileInfo(files.front()).fileName();
    } else {
        sc.name = Tr::tr("%n dump(s)", nullptr, int(files.size()));
    }
    for (const Node &n : sc.nodes) {
        diags.push_back({Diagnostic::Warning, n.ruleFiles.empty() ? QString() : n.ruleFiles.front(), 0, 0,
                         Tr::tr("node %1 has no addresses or routes: the trace assumes the destination is reached through an unnamed interface")
                                 .arg(n.name)});
    }
    sc.diagnostics = diags;
    if (!ok)
        return std::nullopt;
    return sc;
}

} // namespace chainscope
