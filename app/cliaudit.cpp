// chainscope-cli audit: every service from every node's host and pods, pod to pod across
// nodes, before and after a change or between two snapshots (model/audit.h). Kept apart
// from cli.cpp so the verb's code and its output formats sit in one place.
#include "cli.h"
#include "text.h"

#include "audit.h"
#include "tracejson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cmath>

namespace chainscope {

namespace {

QJsonObject packetJson(const PacketSpec &p)
{
    QJsonObject o;
    o.insert(QStringLiteral("from"), p.inIface.isEmpty() ? p.fromNode : p.fromNode + QLatin1Char(':') + p.inIface);
    if (p.src)
        o.insert(QStringLiteral("src"), p.src->toString());
    o.insert(QStringLiteral("dst"), p.dst.toString());
    o.insert(QStringLiteral("proto"), protoName(p.proto));
    if (p.proto == ProtoIcmp || p.proto == ProtoIcmpv6)
        o.insert(QStringLiteral("icmp_type"), p.icmpType);
    else
        o.insert(QStringLiteral("dport"), p.dport);
    return o;
}

QJsonObject auditJson(const Scenario &sc, const AuditResult &r)
{
    QJsonObject o;
    o.insert(QStringLiteral("scenario"), sc.name);
    QJsonArray sources;
    const char *sourceKinds[] = {"host", "pod", "outside"};
    for (size_t i = 0; i < r.sources.size(); ++i) {
        const AuditSource &s = r.sources[i];
        QJsonObject so;
        so.insert(QStringLiteral("key"), s.key(sc));
        so.insert(QStringLiteral("kind"), QLatin1String(sourceKinds[s.kind]));
        so.insert(QStringLiteral("node"), sc.nodes[size_t(s.node)].name);
        if (!s.address.isNull())
            so.insert(QStringLiteral("address"), s.address.toString());
        if (!s.iface.isEmpty())
            so.insert(QStringLiteral("iface"), s.iface);
        sources.append(so);
    }
    o.insert(QStringLiteral("sources"), sources);
    QJsonArray targets;
    const char *targetKinds[] = {"service", "nodeport", "pod"};
    for (const AuditTarget &t : r.targets) {
        QJsonObject to;
        to.insert(QStringLiteral("key"), t.key(sc));
        to.insert(QStringLiteral("kind"), QLatin1String(targetKinds[t.kind]));
        to.insert(QStringLiteral("name"), t.name);
        if (!t.address.isNull())
            to.insert(QStringLiteral("address"), t.address.toString());
        to.insert(QStringLiteral("proto"), protoName(t.kind == AuditTarget::Pod ? quint8(ProtoIcmp) : t.proto));
        if (t.port)
            to.insert(QStringLiteral("port"), t.port);
        if (t.kind == AuditTarget::Pod)
            to.insert(QStringLiteral("node"), sc.nodes[size_t(t.node)].name);
        else
            to.insert(QStringLiteral("endpoints"), t.endpoints);
        targets.append(to);
    }
    o.insert(QStringLiteral("targets"), targets);
    QJsonArray deciders;
    for (const AuditDecider &d : r.deciders) {
        QJsonObject dobj;
        dobj.insert(QStringLiteral("text"), d.text(sc));
        dobj.insert(QStringLiteral("node"), sc.nodes[size_t(d.node)].name);
        dobj.insert(QStringLiteral("kind"), verdictKindName(d.kind));
        if (d.chain >= 0) {
            dobj.insert(QStringLiteral("table"), tableKey(d.table));
            dobj.insert(QStringLiteral("chain"), text::q(sc.nodes[size_t(d.node)].rules.table(d.table).chains[size_t(d.chain)].name));
            dobj.insert(QStringLiteral("rule"), d.rule);
        } else {
            dobj.insert(QStringLiteral("reason"), d.reason);
        }
        dobj.insert(QStringLiteral("branches"), d.branches);
        deciders.append(dobj);
    }
    o.insert(QStringLiteral("deciders"), deciders);
    QJsonArray flows;
    int counts[5] = {0, 0, 0, 0, 0};
    for (const AuditFlow &f : r.flows) {
        ++counts[int(f.fate)];
        QJsonObject fo;
        fo.insert(QStringLiteral("source"), r.sources[size_t(f.source)].key(sc));
        fo.insert(QStringLiteral("target"), r.targets[size_t(f.target)].key(sc));
        if (f.viaNode >= 0)
            fo.insert(QStringLiteral("via"), sc.nodes[size_t(f.viaNode)].name);
        fo.insert(QStringLiteral("fate"), fateName(f.fate));
        fo.insert(QStringLiteral("packet"), packetJson(r.packet(sc, f)));
        QJsonArray branches;
        for (const AuditBranch &b : f.branches) {
            QJsonObject bo;
            bo.insert(QStringLiteral("verdict"), verdictKindName(b.verdict));
            bo.insert(QStringLiteral("probability"), std::round(double(b.probability) * 1e6) / 1e6);
            if (b.uncertain)
                bo.insert(QStringLiteral("uncertain"), true);
            if (!b.endpoint.isNull())
                bo.insert(QStringLiteral("endpoint"), b.endpoint.toString() + (b.endpointPort ? QLatin1Char(':') + QString::number(b.endpointPort) : QString()));
            if (b.decider >= 0)
                bo.insert(QStringLiteral("decider"), b.decider);
            branches.append(bo);
        }
        fo.insert(QStringLiteral("branches"), branches);
        flows.append(fo);
    }
    o.insert(QStringLiteral("flows"), flows);
    QJsonObject summary;
    for (Fate f : {Fate::All, Fate::Some, Fate::None, Fate::Uncertain})
        summary.insert(fateName(f), counts[int(f)]);
    summary.insert(QStringLiteral("flows"), int(r.flows.size()));
    summary.insert(QStringLiteral("branches"), r.branchCount());
    o.insert(QStringLiteral("summary"), summary);
    return o;
}

QJsonArray changesJson(const Scenario &scA, const AuditResult &a, const Scenario &scB, const AuditResult &b,
                       const std::vector<AuditChange> &changes)
{
    QJsonArray out;
    for (const AuditChange &c : changes) {
        const bool hasB = c.after >= 0;
        const Scenario &sc = hasB ? scB : scA;
        const AuditResult &r = hasB ? b : a;
        const AuditFlow &f = r.flows[size_t(hasB ? c.after : c.before)];
        QJsonObject o;
        o.insert(QStringLiteral("kind"), changeKindName(c.kind));
        o.insert(QStringLiteral("source"), r.sources[size_t(f.source)].key(sc));
        o.insert(QStringLiteral("target"), r.targets[size_t(f.target)].key(sc));
        if (f.viaNode >= 0)
            o.insert(QStringLiteral("via"), sc.nodes[size_t(f.viaNode)].name);
        o.insert(QStringLiteral("before"), fateName(c.fateBefore));
        o.insert(QStringLiteral("after"), fateName(c.fateAfter));
        o.insert(QStringLiteral("packet"), packetJson(r.packet(sc, f)));
        out.append(o);
    }
    return out;
}

} // namespace

QString Cli::fateWords(int fate)
{
    switch (Fate(fate)) {
    case Fate::All: return tr("delivered on all endpoints");
    case Fate::Some: return tr("delivered on some endpoints");
    case Fate::None: return tr("delivered on none");
    case Fate::Uncertain: return tr("uncertain");
    case Fate::NotApplicable: return tr("not audited");
    }
    return {};
}

void Cli::printAudit(const Scenario &sc, const AuditResult &r, int limit)
{
    int nServices = 0, nNodePorts = 0, nPods = 0;
    for (const AuditTarget &t : r.targets) {
        nServices += t.kind == AuditTarget::Service;
        nNodePorts += t.kind == AuditTarget::NodePort;
        nPods += t.kind == AuditTarget::Pod;
    }
    m_out << tr("audit of %1: %2 service ports, %3 NodePorts, %4 pods, from %5 sources: %6 flows, %7 branches "
                "(%8 ms, %9 threads)")
                     .arg(sc.name.isEmpty() ? sc.path : sc.name)
                     .arg(nServices).arg(nNodePorts).arg(nPods).arg(r.sources.size()).arg(r.flows.size())
                     .arg(r.branchCount()).arg(qRound(r.milliseconds)).arg(r.threads)
          << '\n';
    m_out << tr("sources:") << '\n';
    for (size_t i = 0; i < r.sources.size(); ++i)
        m_out << "  " << r.sourceLabel(sc, int(i)) << '\n';
    int counts[5] = {0, 0, 0, 0, 0};
    for (const AuditFlow &f : r.flows)
        ++counts[int(f.fate)];
    m_out << tr("flows: %1 delivered on all endpoints, %2 on some, %3 on none, %4 uncertain")
                     .arg(counts[0]).arg(counts[1]).arg(counts[2]).arg(counts[3])
          << '\n';
    if (!r.deciders.empty()) {
        m_out << '\n' << tr("what stops them (branch flows, by the deciding rule):") << '\n';
        for (const AuditDecider &d : r.deciders) {
            const QString verb = d.kind == Verdict::Reject ? tr("rejected") : d.kind == Verdict::NoRoute ? tr("without a route")
                               : d.kind == Verdict::Drop ? tr("dropped") : tr("undecided");
            m_out << "  " << tr("%n flow(s) %1 by %2", nullptr, d.branches).arg(verb, d.text(sc)) << '\n';
        }
    }
    // The cells that do not deliver everywhere, grouped as the window groups them.
    int shown = 0, failing = 0;
    for (const AuditFlow &f : r.flows)
        failing += f.fate != Fate::All;
    if (failing) {
        m_out << '\n' << tr("flows that do not deliver on every endpoint:") << '\n';
        for (const AuditFlow &f : r.flows) {
            if (f.fate == Fate::All)
                continue;
            if (limit > 0 && shown >= limit) {
                m_out << "  " << tr("... and %1 more (--limit 0 lists all)").arg(failing - shown) << '\n';
                break;
            }
            ++shown;
            m_out << "  " << r.describe(sc, f) << ": " << fateWords(int(f.fate)) << '\n';
            for (const AuditBranch &b : f.branches) {
                if (b.ok())
                    continue;
                m_out << "    " << (b.endpoint.isNull() ? QString() : b.endpoint.toString() + (b.endpointPort ? QLatin1Char(':') + QString::number(b.endpointPort) : QString()))
                      << " (" << QString::number(b.probability * 100, 'g', 4) << "%): "
                      << (b.decider >= 0 ? r.deciders[size_t(b.decider)].text(sc) : tr("uncertain")) << '\n';
            }
        }
    }
    m_out.flush();
}

void Cli::printChanges(const Scenario &scA, const AuditResult &a, const Scenario &scB, const AuditResult &b,
                       const std::vector<AuditChange> &changes, int limit)
{
    int counts[6] = {0, 0, 0, 0, 0, 0};
    for (const AuditChange &c : changes)
        ++counts[c.kind];
    m_out << '\n' << tr("what changed: %1 flows fixed, %2 newly opened from outside, %3 newly broken, %4 otherwise changed, "
                        "%5 added, %6 gone")
                             .arg(counts[0]).arg(counts[1]).arg(counts[2]).arg(counts[3]).arg(counts[4]).arg(counts[5])
          << '\n';
    const QString heads[] = {tr("fixed:"), tr("newly opened (from outside the cluster):"), tr("newly broken:"),
                             tr("otherwise changed:"), tr("added:"), tr("gone:")};
    int lastKind = -1, shown = 0;
    for (const AuditChange &c : changes) {
        if (int(c.kind) != lastKind) {
            lastKind = int(c.kind);
            shown = 0;
            m_out << heads[c.kind] << '\n';
        }
        if (limit > 0 && shown >= limit) {
            if (shown == limit)
                m_out << "  " << tr("... and %1 more (--limit 0 lists all)").arg(counts[c.kind] - limit) << '\n';
            ++shown;
            continue;
        }
        ++shown;
        const bool hasB = c.after >= 0;
        const AuditResult &r = hasB ? b : a;
        const Scenario &sc = hasB ? scB : scA;
        m_out << "  " << r.describe(sc, r.flows[size_t(hasB ? c.after : c.before)]) << ": "
              << fateWords(int(c.fateBefore)) << " -> " << fateWords(int(c.fateAfter)) << '\n';
    }
    m_out.flush();
}

int Cli::audit(const QStringList &args)
{
    if (args.isEmpty())
        return usage();
    Scenario sc;
    if (!loadScenario(args.front(), sc))
        return 1;
    auto bad = [&](const QString &opt, const QString &msg) {
        m_err << opt << ": " << msg << '\n';
        m_err.flush();
        return 1;
    };
    bool json = false;
    int limit = 40;
    QString against;
    AuditOptions options;
    std::vector<Edit> edits;
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--json")) { json = true; continue; }
        if (a == QLatin1String("--no-nodeports")) { options.nodePorts = false; continue; }
        if (a == QLatin1String("--no-pods")) { options.pods = false; continue; }
        if (a == QLatin1String("--no-outside")) { options.outside = false; continue; }
        const QStringList valued = {QStringLiteral("--insert"), QStringLiteral("--policy"), QStringLiteral("--against"),
                                    QStringLiteral("--threads"), QStringLiteral("--limit"), QStringLiteral("--ipset")};
        if (!valued.contains(a))
            return bad(a, tr("unknown option"));
        if (i + 1 >= args.size())
            return bad(a, tr("needs a value"));
        const QString v = args[++i];
        if (a == QLatin1String("--against")) {
            against = v;
        } else if (a == QLatin1String("--threads") || a == QLatin1String("--limit")) {
            bool ok = false;
            const int n = v.toInt(&ok);
            if (!ok || n < 0)
                return bad(a, tr("expected a number from 0 up, found \"%1\"").arg(v));
            (a == QLatin1String("--threads") ? options.threads : limit) = n;
        } else if (a == QLatin1String("--ipset")) {
            TraceArgs t;
            int j = i - 1;
            if (traceOption(args, j, sc, t) < 0)
                return 1;
        } else {
            Edit e;
            QString error;
            const bool ok = a == QLatin1String("--insert") ? WhatIf::parseInsert(v, sc, e, error) : WhatIf::parsePolicy(v, sc, e, error);
            if (!ok)
                return bad(a, error);
            edits.push_back(e);
        }
    }
    if (!against.isEmpty() && !edits.empty())
        return bad(QStringLiteral("--against"), tr("compares two snapshots as they are: leave out --insert and --policy"));

    const AuditResult before = Audit::run(sc, options);
    if (against.isEmpty() && edits.empty()) {
        if (json)
            m_out << QJsonDocument(auditJson(sc, before)).toJson(QJsonDocument::Indented);
        else
            printAudit(sc, before, limit);
        m_out.flush();
        return 0;
    }
    Scenario other;
    if (!against.isEmpty()) {
        if (!loadScenario(against, other))
            return 1;
    } else {
        other = sc;
        for (const Edit &e : edits) {
            QString error;
            if (!WhatIf::apply(other, e, error))
                return bad(e.kind == Edit::Insert ? QStringLiteral("--insert") : QStringLiteral("--policy"), error);
        }
    }
    const AuditResult after = Audit::run(other, options);
    const std::vector<AuditChange> changes = Audit::compare(sc, before, other, after);
    if (json) {
        QJsonObject o = auditJson(other, after);
        o.insert(QStringLiteral("changes"), changesJson(sc, before, other, after, changes));
        if (!against.isEmpty()) {
            o.insert(QStringLiteral("against"), against);
            o.insert(QStringLiteral("before"), auditJson(sc, before).value(QStringLiteral("summary")));
        }
        m_out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        m_out.flush();
        return 0;
    }
    if (!against.isEmpty()) {
        m_out << tr("before (%1):").arg(args.front()) << '\n';
        printAudit(sc, before, limit);
        m_out << '\n' << tr("after (%1):").arg(against) << '\n';
    } else {
        m_out << tr("before the change:") << '\n';
        printAudit(sc, before, limit);
        m_out << '\n' << tr("after the change:") << '\n';
    }
    printAudit(other, after, limit);
    printChanges(sc, before, other, after, changes, limit);
    return 0;
}

} // namespace chainscope
