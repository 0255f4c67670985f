#include "cli.h"

#include "nftexplain.h"
#include "text.h"

#include "diff.h"
#include "dumpparser.h"
#include "explain.h"
#include "nftdiff.h"
#include "scenario.h"
#include "simulator.h"
#include "tracejson.h"
#include "whatif.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>


namespace chainscope {

namespace {

using text::q;

} // namespace

Cli::Cli(QTextStream &out, QTextStream &err)
    : m_out(out), m_err(err)
{}

int Cli::usage(bool asked)
{
    // Asked for (--help): the answer, on stdout; otherwise a mistake's hint, on stderr.
    (asked ? m_out : m_err) << tr("usage:\n"
                "  chainscope-cli parse FILE... [--verbose]   warnings grouped by kind; every one with --verbose\n"
                "  chainscope-cli trace SCENARIO --from NODE[:IFACE] --dst IP [--src IP] [--proto P]\n"
                "                 [--sport N] [--dport N] [--ctstate S] [--mark M] [--pin CHAIN:RULE]\n"
                "                 [--affinity KUBE-SEP-CHAIN]... [--ipset [NODE:]FILE]...\n"
                "                 [--insert [NODE:]TABLE:CHAIN:POS:'RULE'] [--policy [NODE:]TABLE:CHAIN:VERDICT]\n"
                "                 [--icmp-type N] [--icmpv6-type N|echo-request] [--preset NAME] [--verbose] [--json]\n"
                "  chainscope-cli diff A B [--json]        A, B: SCENARIO:NODE or dump files\n"
                "  chainscope-cli export SCENARIO --svg OUT [--png OUT] [--pdf OUT] [trace options]\n"
                "                 [--node NAME] [--note 'TEXT']... [--figure path|node] [--layout side|pages]\n"
                "                 [--page a4|letter] [--width PX]\n"
                "  chainscope-cli report SCENARIO|SESSION.chainscope [trace options] [--note 'TEXT']...\n"
                "                 --html OUT.html [--md OUT.md]\n"
                "  chainscope-cli audit SCENARIO [--insert ...]... [--policy ...]... [--against SCENARIO2]\n"
                "                 [--json] [--limit N] [--threads N] [--no-nodeports] [--no-pods] [--no-outside]\n"
                "  every command: --lang LANG (en, zh_CN; default: LANGUAGE/LC_ALL/LC_MESSAGES/LANG;\n"
                "                 --json output is always English)\n");
    m_out.flush();
    m_err.flush();
    return 2;
}

void Cli::printDiagnostics(const std::vector<Diagnostic> &diags, bool warnings)
{
    for (const Diagnostic &d : diags) {
        if (d.severity == Diagnostic::Error || warnings)
            m_err << d.toString() << '\n';
    }
    m_err.flush();
}

int Cli::run(const QStringList &args)
{
    if (args.isEmpty())
        return usage();
    const QString cmd = args.front();
    const QStringList rest = args.mid(1);
    if (cmd == QLatin1String("parse"))
        return parse(rest);
    if (cmd == QLatin1String("trace"))
        return trace(rest);
    if (cmd == QLatin1String("diff"))
        return diff(rest);
    if (cmd == QLatin1String("export"))
        return exportPicture(rest);
    if (cmd == QLatin1String("report"))
        return report(rest);
    if (cmd == QLatin1String("audit"))
        return audit(rest);
    if (cmd == QLatin1String("--help") || cmd == QLatin1String("-h") || cmd == QLatin1String("help")) {
        usage(true);
        return 0;
    }
    m_err << tr("unknown command \"%1\"").arg(cmd) << '\n';
    return usage();
}

int Cli::parse(const QStringList &args)
{
    QStringList files;
    bool verbose = false;
    for (const QString &a : args) {
        if (a == QLatin1String("--verbose") || a == QLatin1String("-v"))
            verbose = true;
        else
            files << a;
    }
    if (files.isEmpty())
        return usage();
    bool ok = true;
    for (const QString &f : files) {
        QFile file(f);
        if (!file.open(QIODevice::ReadOnly)) {
            m_err << f << ": " << tr("cannot read: %1").arg(file.errorString()) << '\n';
            ok = false;
            continue;
        }
        const QByteArray data = file.readAll();
        Ruleset rs;
        std::vector<Ruleset> more;
        if (!DumpParser::parseInto(rs, data, f, {}, &more))
            ok = false;
        // Up front, before the per-rule warnings: what makes traces uncertain whatever the packet.
        const auto ipsetLine = [&](const Ruleset &r, const QString &label) {
            SourceLoc first;
            const int n = Ipsets().rulesWithoutContents(r, &first);
            if (n)
                m_out << label << ": "
                      << tr("%n rule(s) use ipsets whose contents are not loaded: traces through them are uncertain "
                            "(first at %1:%2; trace with --ipset FILE, the node's `ipset save`)", nullptr, n)
                                 .arg(r.fileOf(first)).arg(first.line)
                      << '\n';
        };
        ipsetLine(rs, f);
        for (size_t i = 0; i < more.size(); ++i)
            ipsetLine(more[i], f + QLatin1Char('#') + QString::number(i + 2));
        m_out.flush();
        if (verbose) {
            printDiagnostics(rs.diagnostics, true);
        } else {
            // One line per kind of warning, with its count and first place; errors each.
            for (const DiagnosticGroup &g : DiagnosticGroups::group(rs.diagnostics)) {
                m_err << (g.severity == Diagnostic::Warning && !(g.members.size() == 1 && g.kind.isEmpty())
                                  ? tr("warning: ") : QString())
                      << g.text(rs.diagnostics) << '\n';
            }
            m_err.flush();
        }
        auto summary = [&](const Ruleset &r, const QString &label) {
            int chains = 0, rules = 0, unknown = 0;
            QStringList tables;
            for (int t = 0; t < TableCount; ++t) {
                const Table &tab = r.table(TableId(t));
                if (!tab.present)
                    continue;
                tables << tableTitle(TableId(t));
                chains += int(tab.chains.size());
                for (const Chain &c : tab.chains) {
                    rules += int(c.rules.size());
                    for (const Rule &rule : c.rules)
                        unknown += rule.uncertain() ? 1 : 0;
                }
            }
            if (r.nft) {
                m_out << label << ": " << NftExplain::summary(*r.nft) << '\n';
                if (tables.isEmpty())
                    return;
            }
            // the iptables format, beside an nft listing read from the same paste or node
            QString format = r.formats.empty() ? QString() : r.formats.front();
            for (const QString &f : r.formats)
                if (!f.startsWith(QLatin1String("nft ")) && format.startsWith(QLatin1String("nft "))) {
                    format = f;
                    break;
                }
            m_out << label << ": " << format << ", "
                  << (tables.isEmpty() ? tr("no table read")
                                       : tr("tables %1, %2 chains, %3 rules").arg(tables.join(QLatin1Char(','))).arg(chains).arg(rules));
            if (unknown)
                m_out << tr(", %1 with matches or targets kept but not evaluated").arg(unknown);
            m_out << '\n';
        };
        summary(rs, f);
        for (size_t i = 0; i < more.size(); ++i)
            summary(more[i], f + QLatin1Char('#') + QString::number(i + 2));
    }
    m_out.flush();
    return ok ? 0 : 1;
}

bool Cli::loadScenario(const QString &path, Scenario &sc)
{
    std::vector<Diagnostic> diags;
    auto loaded = Scenario::load(path, diags);
    if (!loaded) {
        printDiagnostics(diags, false);
        return false;
    }
    sc = std::move(*loaded);
    return true;
}

int Cli::trace(const QStringList &args)
{
    if (args.isEmpty())
        return usage();
    Scenario sc;
    if (!loadScenario(args.front(), sc))
        return 1;
    TraceArgs t;
    bool json = false, verbose = false;
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--json")) { json = true; continue; }
        if (a == QLatin1String("--verbose") || a == QLatin1String("-v")) { verbose = true; continue; }
        const int taken = traceOption(args, i, sc, t);
        if (taken < 0)
            return 1;
        if (taken == 0) {
            m_err << a << ": " << tr("unknown option") << '\n';
            m_err.flush();
            return 1;
        }
    }
    if (!checkTraceArgs(t))
        return 1;
    const PacketSpec &spec = t.spec;
    const TraceOptions &options = t.options;
    const std::vector<Edit> &edits = t.edits;
    auto bad = [&](const QString &opt, const QString &msg) {
        m_err << opt << ": " << msg << '\n';
        m_err.flush();
        return 1;
    };

    const Trace before = Simulator::trace(sc, spec, options);
    if (edits.empty()) {
        if (json)
            m_out << QJsonDocument(TraceJson::trace(sc, before)).toJson(QJsonDocument::Indented);
        else
            printTrace(sc, before, verbose);
        m_out.flush();
        return 0;
    }
    Scenario changed = sc;
    for (const Edit &e : edits) {
        QString error;
        if (!WhatIf::apply(changed, e, error))
            return bad(e.kind == Edit::Insert ? QStringLiteral("--insert") : QStringLiteral("--policy"), error);
    }
    const Trace after = Simulator::trace(changed, spec, options);
    if (json) {
        QJsonObject o = TraceJson::trace(changed, after);
        QJsonArray beforeVerdicts;
        for (const Branch &b : before.branches) {
            QJsonObject bo;
            bo.insert(QStringLiteral("probability"), b.probability);
            bo.insert(QStringLiteral("verdict"), TraceJson::verdict(sc, b.verdict));
            beforeVerdicts.append(bo);
        }
        o.insert(QStringLiteral("before"), beforeVerdicts);
        m_out << QJsonDocument(o).toJson(QJsonDocument::Indented);
    } else {
        // What to type on the node, as the report's fix says it.
        m_out << tr("the change:") << '\n';
        for (const Edit &e : edits)
            m_out << "  " << e.node << ": " << WhatIf::command(e) << '\n';
        m_out << tr("before the change:") << '\n';
        for (const Branch &b : before.branches)
            m_out << "  " << branchLabel(b) << Explain::verdictLine(sc, b.verdict) << '\n';
        m_out << tr("after the change:") << '\n';
        printTrace(changed, after, verbose);
    }
    m_out.flush();
    return 0;
}

int Cli::traceOption(const QStringList &args, int &i, Scenario &sc, TraceArgs &t)
{
    const QString &a = args[i];
    auto bad = [&](const QString &opt, const QString &msg) {
        m_err << opt << ": " << msg << '\n';
        m_err.flush();
        return -1;
    };
    const QStringList valued = {QStringLiteral("--from"), QStringLiteral("--dst"), QStringLiteral("--src"),
                                QStringLiteral("--proto"), QStringLiteral("--sport"), QStringLiteral("--dport"),
                                QStringLiteral("--ctstate"), QStringLiteral("--mark"), QStringLiteral("--pin"),
                                QStringLiteral("--insert"), QStringLiteral("--policy"), QStringLiteral("--preset"),
                                QStringLiteral("--icmp-type"), QStringLiteral("--icmpv6-type"), QStringLiteral("--affinity"),
                                QStringLiteral("--ipset")};
    if (!valued.contains(a))
        return 0;
    if (i + 1 >= args.size())
        return bad(a, tr("needs a value"));
    const QString v = args[++i];
    if (a == QLatin1String("--preset")) {
        bool found = false;
        for (const PacketPreset &p : sc.packets) {
            if (p.name == v) {
                t.spec = p.spec;
                found = t.haveDst = t.haveFrom = true;
            }
        }
        if (!found)
            return bad(a, tr("no packet preset named \"%1\" in the scenario").arg(v));
    } else if (a == QLatin1String("--from")) {
        const qsizetype colon = v.indexOf(QLatin1Char(':'));
        t.spec.fromNode = colon < 0 ? v : v.left(colon);
        t.spec.inIface = colon < 0 ? QString() : v.mid(colon + 1);
        if (sc.nodeIndex(t.spec.fromNode) < 0)
            return bad(a, tr("no node named \"%1\" in the scenario; its nodes are: %2").arg(t.spec.fromNode, sc.nodeNames()));
        t.haveFrom = true;
    } else if (a == QLatin1String("--dst") || a == QLatin1String("--src")) {
        const auto addr = Address::parse(v);
        if (!addr)
            return bad(a, tr("expected an IPv4 or IPv6 address such as 10.224.2.16 or fd00:10:96::a, found \"%1\"").arg(v));
        if (a == QLatin1String("--dst")) {
            t.spec.dst = *addr;
            t.haveDst = true;
        } else {
            t.spec.src = *addr;
        }
    } else if (a == QLatin1String("--proto")) {
        if (!protoFromName(v.toStdString(), t.spec.proto) || t.spec.proto == 0)
            return bad(a, tr("expected tcp, udp, icmp or a protocol number, found \"%1\"").arg(v));
    } else if (a == QLatin1String("--sport") || a == QLatin1String("--dport") || a == QLatin1String("--icmp-type")
               || a == QLatin1String("--icmpv6-type")) {
        bool ok = false;
        uint n = v.toUInt(&ok);
        const bool icmp = a.startsWith(QLatin1String("--icmp"));
        const bool v6 = a == QLatin1String("--icmpv6-type");
        // the names people use; numbers otherwise
        if (!ok && icmp && (v == QLatin1String("echo-request") || v == QLatin1String("ping"))) { n = v6 ? 128 : 8; ok = true; }
        if (!ok && icmp && (v == QLatin1String("echo-reply") || v == QLatin1String("pong"))) { n = v6 ? 129 : 0; ok = true; }
        if (icmp)
            t.icmpTypeGiven = true;
        const uint max = icmp ? 255 : 65535;
        if (!ok || n > max)
            return bad(a, tr("expected a number from 0 to %1, found \"%2\"").arg(max).arg(v));
        if (a == QLatin1String("--sport")) t.spec.sport = quint16(n);
        else if (a == QLatin1String("--dport")) t.spec.dport = quint16(n);
        else t.spec.icmpType = quint8(n);
    } else if (a == QLatin1String("--ctstate")) {
        const QStringList names = {QStringLiteral("INVALID"), QStringLiteral("ESTABLISHED"), QStringLiteral("RELATED"),
                                   QStringLiteral("NEW"), QStringLiteral("UNTRACKED")};
        const int idx = int(names.indexOf(v.toUpper()));
        if (idx < 0)
            return bad(a, tr("expected NEW, ESTABLISHED, RELATED, INVALID or UNTRACKED, found \"%1\"").arg(v));
        t.spec.ctstate = 1u << idx;
        t.spec.tcpFlags = idx == 3 ? 0x02 : 0x10;
    } else if (a == QLatin1String("--mark")) {
        bool ok = false;
        t.spec.mark = v.toUInt(&ok, 0);
        if (!ok)
            return bad(a, tr("expected a number such as 0x4000, found \"%1\"").arg(v));
    } else if (a == QLatin1String("--pin")) {
        const qsizetype colon = v.lastIndexOf(QLatin1Char(':'));
        bool ok = false;
        TraceOptions::Pin pin;
        pin.rule = colon < 0 ? 0 : v.mid(colon + 1).toInt(&ok);
        if (colon < 0 || !ok || pin.rule < 1)
            return bad(a, tr("expected [NODE:]CHAIN:RULE, found \"%1\"").arg(v));
        pin.chain = v.left(colon);
        const qsizetype nodeColon = pin.chain.indexOf(QLatin1Char(':'));
        if (nodeColon >= 0) {
            pin.node = pin.chain.left(nodeColon);
            pin.chain = pin.chain.mid(nodeColon + 1);
        }
        t.options.pins.push_back(pin);
    } else if (a == QLatin1String("--affinity")) {
        // kube-proxy session affinity: the client already has an entry in this recent list
        if (v.isEmpty() || v.startsWith(QLatin1Char('-')))
            return bad(a, tr("expected the name of a recent list, such as the KUBE-SEP-... chain of the endpoint"));
        t.spec.affinity << v;
    } else if (a == QLatin1String("--ipset")) {
        // [NODE:]FILE: the node's `ipset save` or `ipset list` output; NODE only with several nodes
        const qsizetype colon = v.indexOf(QLatin1Char(':'));
        int node = colon > 0 ? sc.nodeIndex(v.left(colon)) : -1;
        const QString file = node >= 0 ? v.mid(colon + 1) : v;
        if (node < 0 && sc.nodes.size() == 1)
            node = 0;
        if (node < 0)
            return bad(a, tr("the scenario has several nodes: write NODE:FILE (its nodes are: %1)").arg(sc.nodeNames()));
        std::vector<Diagnostic> diags;
        const bool ok = sc.loadIpsets(node, file, diags);
        printDiagnostics(diags, true);   // its warnings are about the file just named
        if (!ok)
            return -1;
    } else if (a == QLatin1String("--insert") || a == QLatin1String("--policy")) {
        Edit e;
        QString error;
        const bool ok = a == QLatin1String("--insert") ? WhatIf::parseInsert(v, sc, e, error) : WhatIf::parsePolicy(v, sc, e, error);
        if (!ok)
            return bad(a, error);
        t.edits.push_back(e);
    }
    return 1;
}

bool Cli::checkTraceArgs(TraceArgs &t)
{
    auto bad = [&](const QString &opt, const QString &msg) {
        m_err << opt << ": " << msg << '\n';
        m_err.flush();
        return false;
    };
    if (!t.haveFrom)
        return bad(QStringLiteral("--from"), tr("is required: a node (locally generated) or NODE:INTERFACE (arriving)"));
    if (!t.haveDst)
        return bad(QStringLiteral("--dst"), tr("is required"));
    // An IPv6 packet's ICMP is ICMPv6 (`--proto icmp` and `--proto ipv6-icmp` alike), whose
    // echo request is 128.
    if (!t.spec.dst.isV4() && (t.spec.proto == ProtoIcmp || t.spec.proto == ProtoIcmpv6)) {
        t.spec.proto = ProtoIcmpv6;
        if (!t.icmpTypeGiven && t.spec.icmpType == 8)
            t.spec.icmpType = 128;
    }
    if (t.spec.src && t.spec.src->family() != t.spec.dst.family())
        return bad(QStringLiteral("--src"), tr("%1 is not of the family of --dst %2").arg(t.spec.src->toString(), t.spec.dst.toString()));
    if (!t.spec.inIface.isEmpty() && !t.spec.src)
        return bad(QStringLiteral("--src"), tr("is required for a packet arriving on an interface"));
    if ((t.spec.proto == ProtoTcp || t.spec.proto == ProtoUdp) && t.spec.dport == 0)
        return bad(QStringLiteral("--dport"), tr("is required for %1").arg(protoName(t.spec.proto)));
    return true;
}

QString Cli::branchLabel(const Branch &b) const
{
    QString s = QString::number(b.probability * 100, 'g', 4) + QLatin1String("% ");
    if (b.uncertain)
        s += tr("(uncertain) ");
    return s;
}

void Cli::printTrace(const Scenario &sc, const Trace &t, bool verbose)
{
    const PacketSpec &p = t.packet;
    m_out << tr("packet: %1, %2").arg(p.describe(),
                                      p.inIface.isEmpty() ? tr("locally generated on %1").arg(p.fromNode)
                                                          : tr("arriving on %1 %2").arg(p.fromNode, p.inIface))
          << '\n';
    if (!p.affinity.isEmpty())
        m_out << tr("session affinity: the client has an entry in %1").arg(p.affinity.join(QStringLiteral(", "))) << '\n';
    for (size_t bi = 0; bi < t.branches.size(); ++bi) {
        const Branch &b = t.branches[bi];
        m_out << '\n' << tr("branch %1 of %2, %3").arg(bi + 1).arg(t.branches.size()).arg(branchLabel(b).trimmed()) << '\n';
        int lastPacket = -1;
        for (const Step &s : b.steps) {
            if (s.packet != lastPacket) {
                const PacketState &ps = b.packets[size_t(s.packet)];
                if (lastPacket < 0 || !ps.sameTuple(b.packets[size_t(lastPacket)]))
                    m_out << "    " << tr("packet: %1").arg(ps.describe()) << '\n';
                lastPacket = s.packet;
            }
            const bool show = verbose || s.kind != Step::RuleEval || s.matched || s.uncertain;
            if (!show || (!verbose && s.kind == Step::ChainEnd))
                continue;
            if (!verbose && s.kind == Step::Policy) {
                const Chain &c = sc.nodes[s.node].rules.table(s.table).chains[size_t(s.chain)];
                if (!c.policyDrop)
                    continue;   // an ACCEPT policy that lets the packet on is noise at this level
            }
            m_out << "  " << Explain::stepLine(sc, b, s) << '\n';
        }
        m_out << tr("verdict: %1").arg(Explain::verdictLine(sc, b.verdict)) << '\n';
        if (b.verdict.kind == Verdict::Drop && b.verdict.rule == 0 && b.verdict.chain >= 0) {
            const PacketState &last = b.packets.back();
            m_out << "  " << tr("dropped by the chain's policy DROP: no rule accepted %1").arg(last.describe()) << '\n';
        }
        const auto misses = Explain::nearestMisses(sc, b);
        if (!misses.empty()) {
            m_out << "  " << tr("nearest misses:") << '\n';
            for (const Miss &m : misses) {
                m_out << "    " << Explain::missPlace(sc, m) << ": " << Explain::missRule(sc, m) << '\n';
                for (const QString &r : m.reasons)
                    m_out << "      " << r << '\n';
            }
        }
    }
    const auto lints = Explain::lints(sc);
    if (!lints.empty()) {
        m_out << '\n' << tr("lints:") << '\n';
        for (const Lint &l : lints)
            m_out << "  " << l.message << '\n';
    }
    for (const QString &w : t.warnings)
        m_out << tr("warning: %1").arg(w) << '\n';
}

bool Cli::loadSide(const QString &arg, Scenario &sc, int &node)
{
    // SCENARIO:NODE, or a dump file (one node).
    const qsizetype colon = arg.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && !QFileInfo::exists(arg)) {
        if (!loadScenario(arg.left(colon), sc))
            return false;
        node = sc.nodeIndex(arg.mid(colon + 1));
        if (node < 0) {
            m_err << arg << ": " << tr("no node named \"%1\"").arg(arg.mid(colon + 1)) << '\n';
            return false;
        }
        return true;
    }
    if (!loadScenario(arg, sc))
        return false;
    node = 0;
    return true;
}

int Cli::diff(const QStringList &args)
{
    QStringList files;
    bool json = false;
    for (const QString &a : args) {
        if (a == QLatin1String("--json"))
            json = true;
        else
            files << a;
    }
    if (files.size() != 2)
        return usage();
    Scenario a, b;
    int na = 0, nb = 0;
    if (!loadSide(files[0], a, na) || !loadSide(files[1], b, nb))
        return 1;
    const Node &left = a.nodes[size_t(na)];
    const Node &right = b.nodes[size_t(nb)];
    // Two dumps of one node (same name, or two loose files) are snapshots: counters compare.
    Diff::Options options;
    options.snapshots = left.name == right.name || (a.nodes.size() == 1 && b.nodes.size() == 1);
    const DiffResult d = Diff::compare(left.rules, right.rules, options);
    // nft rule sets (nft list ruleset) after the iptables tables; a node may have both.
    const nft::NftRuleset noNft;
    const nft::NftRuleset &ln = left.rules.nft ? *left.rules.nft : noNft;
    const nft::NftRuleset &rn = right.rules.nft ? *right.rules.nft : noNft;
    const NftDiffResult nd = NftDiff::compare(ln, rn);
    const int differences = d.differences() + nd.differences();
    const char *kinds[] = {"same", "changed", "only-left", "only-right"};
    auto chainLabel = [&](const ChainPair &cp) {
        // "nat6" for IPv6's nat, as --insert and --pin take it: both families have a KUBE-SERVICES
        const QString t = tableKey(cp.table);
        const QString l = cp.left >= 0 ? q(left.rules.table(cp.table).chains[size_t(cp.left)].name) : QString();
        const QString r = cp.right >= 0 ? q(right.rules.table(cp.table).chains[size_t(cp.right)].name) : QString();
        return t + QLatin1Char(':') + (l.isEmpty() ? r : (r.isEmpty() || r == l ? l : l + QLatin1Char('|') + r));
    };
    // nft names: "left|right" when a kube-proxy chain or set paired across a hash change.
    const auto bothNames = [](std::string_view l, std::string_view r, bool hasL, bool hasR) {
        if (!hasL || (hasR && l == r))
            return q(hasL ? l : r);
        return hasR ? q(l) + QLatin1Char('|') + q(r) : q(l);
    };
    const auto nftChainName = [&](const NftChainPair &cp) {
        return bothNames(cp.left >= 0 ? ln.chains[size_t(cp.left)].name : std::string_view(),
                         cp.right >= 0 ? rn.chains[size_t(cp.right)].name : std::string_view(), cp.left >= 0, cp.right >= 0);
    };
    const auto nftSetName = [&](const NftSetPair &sp) {
        return bothNames(sp.left >= 0 ? ln.sets[size_t(sp.left)].name : std::string_view(),
                         sp.right >= 0 ? rn.sets[size_t(sp.right)].name : std::string_view(), sp.left >= 0, sp.right >= 0);
    };
    // "inet firewalld filter_INPUT", as nft names a chain
    const auto nftChainLabel = [&](const NftChainPair &cp) { return nd.tables[size_t(cp.table)].title + QLatin1Char(' ') + nftChainName(cp); };
    const auto nftSetLabel = [&](const NftSetPair &sp) { return nd.tables[size_t(sp.table)].title + QLatin1Char(' ') + nftSetName(sp); };
    const auto nftRuleHandle = [&](const nft::NftRuleset &n, int chain, int rule) {
        return chain >= 0 && rule >= 0 ? n.chains[size_t(chain)].rules[size_t(rule)].handle : -1;
    };
    struct TableCounts { int chains = 0, rules = 0, sets = 0; };
    const auto tableCounts = [&](const NftTablePair &tp) {
        const nft::NftRuleset &n = tp.left >= 0 ? ln : rn;
        const nft::Table &t = n.tables[size_t(tp.left >= 0 ? tp.left : tp.right)];
        TableCounts c;
        c.chains = int(t.chains.size());
        for (const int ch : t.chains)
            c.rules += int(n.chains[size_t(ch)].rules.size());
        for (const int s : t.sets)
            c.sets += n.sets[size_t(s)].name.empty() ? 0 : 1;
        return c;
    };
    if (json) {
        QJsonObject o;
        o.insert(QStringLiteral("left"), files[0]);
        o.insert(QStringLiteral("right"), files[1]);
        QJsonArray chains;
        for (const ChainPair &cp : d.chains) {
            if (cp.left >= 0 && cp.right >= 0)
                continue;
            QJsonObject c;
            c.insert(QStringLiteral("kind"), cp.left < 0 ? QStringLiteral("only-right") : QStringLiteral("only-left"));
            c.insert(QStringLiteral("chain"), chainLabel(cp));
            c.insert(QStringLiteral("key"), cp.key);
            c.insert(QStringLiteral("family"), tableFamily(cp.table) == Family::Ipv6 ? QStringLiteral("ipv6") : QStringLiteral("ipv4"));
            chains.append(c);
        }
        o.insert(QStringLiteral("chains"), chains);
        QJsonArray rules;
        for (const RuleDiff &r : d.rules) {
            if (r.kind == RuleDiff::Same)
                continue;
            QJsonObject ro;
            ro.insert(QStringLiteral("kind"), QLatin1String(kinds[r.kind]));
            ro.insert(QStringLiteral("chain"), chainLabel(d.chains[size_t(r.pair)]));
            if (r.left >= 0) {
                ro.insert(QStringLiteral("left_rule"), r.left + 1);
                ro.insert(QStringLiteral("left"), r.leftText);
            }
            if (r.right >= 0) {
                ro.insert(QStringLiteral("right_rule"), r.right + 1);
                ro.insert(QStringLiteral("right"), r.rightText);
            }
            rules.append(ro);
        }
        o.insert(QStringLiteral("rules"), rules);
        QJsonArray policies;
        for (const QString &p : d.policyChanges)
            policies.append(p);
        o.insert(QStringLiteral("policies"), policies);
        if (options.snapshots) {
            QJsonArray deltas;
            for (const CounterDelta &cd : d.deltas) {
                QJsonObject dd;
                dd.insert(QStringLiteral("chain"), chainLabel(d.chains[size_t(cd.pair)]));
                dd.insert(QStringLiteral("rule"), cd.right + 1);
                dd.insert(QStringLiteral("packets"), double(cd.packets));
                dd.insert(QStringLiteral("bytes"), double(cd.bytes));
                deltas.append(dd);
            }
            o.insert(QStringLiteral("deltas"), deltas);
        }
        QJsonObject no;
        QJsonArray ntables, nchains, nchanges, nrules, nsets, nelements;
        for (const NftTablePair &tp : nd.tables) {
            if (tp.left >= 0 && tp.right >= 0)
                continue;
            const TableCounts c = tableCounts(tp);
            QJsonObject t;
            t.insert(QStringLiteral("kind"), tp.left < 0 ? QStringLiteral("only-right") : QStringLiteral("only-left"));
            t.insert(QStringLiteral("table"), tp.title);
            t.insert(QStringLiteral("chains"), c.chains);
            t.insert(QStringLiteral("rules"), c.rules);
            t.insert(QStringLiteral("sets"), c.sets);
            ntables.append(t);
        }
        for (const NftChainPair &cp : nd.chains) {
            if (cp.left >= 0 && cp.right >= 0)
                continue;
            QJsonObject c;
            c.insert(QStringLiteral("kind"), cp.left < 0 ? QStringLiteral("only-right") : QStringLiteral("only-left"));
            c.insert(QStringLiteral("table"), nd.tables[size_t(cp.table)].title);
            c.insert(QStringLiteral("chain"), nftChainName(cp));
            c.insert(QStringLiteral("key"), cp.key);
            nchains.append(c);
        }
        for (const NftChainChange &cc : nd.chainChanges) {
            const NftChainPair &cp = nd.chains[size_t(cc.pair)];
            QJsonObject c;
            c.insert(QStringLiteral("table"), nd.tables[size_t(cp.table)].title);
            c.insert(QStringLiteral("chain"), nftChainName(cp));
            c.insert(QStringLiteral("field"), QLatin1String(NftChainChange::fieldName(cc.field)));
            c.insert(QStringLiteral("left"), cc.left);
            c.insert(QStringLiteral("right"), cc.right);
            nchanges.append(c);
        }
        for (const NftRuleDiff &r : nd.rules) {
            if (r.kind == RuleDiff::Same)
                continue;
            const NftChainPair &cp = nd.chains[size_t(r.pair)];
            QJsonObject ro;
            ro.insert(QStringLiteral("kind"), QLatin1String(kinds[r.kind]));
            ro.insert(QStringLiteral("table"), nd.tables[size_t(cp.table)].title);
            ro.insert(QStringLiteral("chain"), nftChainName(cp));
            if (r.left >= 0) {
                ro.insert(QStringLiteral("left_rule"), r.left + 1);
                if (const int h = nftRuleHandle(ln, cp.left, r.left); h >= 0)
                    ro.insert(QStringLiteral("left_handle"), h);
                ro.insert(QStringLiteral("left"), r.leftText);
            }
            if (r.right >= 0) {
                ro.insert(QStringLiteral("right_rule"), r.right + 1);
                if (const int h = nftRuleHandle(rn, cp.right, r.right); h >= 0)
                    ro.insert(QStringLiteral("right_handle"), h);
                ro.insert(QStringLiteral("right"), r.rightText);
            }
            nrules.append(ro);
        }
        for (const NftSetPair &sp : nd.sets) {
            const bool oneSide = sp.left < 0 || sp.right < 0;
            if (!oneSide && !sp.typeChanged() && !sp.added && !sp.removed && !sp.changed)
                continue;
            QJsonObject so;
            so.insert(QStringLiteral("kind"), oneSide ? (sp.left < 0 ? QStringLiteral("only-right") : QStringLiteral("only-left"))
                                                      : QStringLiteral("changed"));
            so.insert(QStringLiteral("table"), nd.tables[size_t(sp.table)].title);
            so.insert(QStringLiteral("set"), nftSetName(sp));
            so.insert(QStringLiteral("key"), sp.key);
            if (sp.left >= 0)
                so.insert(QStringLiteral("left_type"), sp.leftType);
            if (sp.right >= 0)
                so.insert(QStringLiteral("right_type"), sp.rightType);
            if (oneSide) {
                so.insert(QStringLiteral("elements"), int((sp.left >= 0 ? ln.sets[size_t(sp.left)] : rn.sets[size_t(sp.right)]).elements.size()));
            } else {
                so.insert(QStringLiteral("added"), sp.added);
                so.insert(QStringLiteral("removed"), sp.removed);
                so.insert(QStringLiteral("changed"), sp.changed);
            }
            nsets.append(so);
        }
        for (const NftElementDiff &e : nd.elements) {
            const NftSetPair &sp = nd.sets[size_t(e.set)];
            QJsonObject eo;
            eo.insert(QStringLiteral("kind"), QLatin1String(kinds[e.kind]));
            eo.insert(QStringLiteral("table"), nd.tables[size_t(sp.table)].title);
            eo.insert(QStringLiteral("set"), nftSetName(sp));
            eo.insert(QStringLiteral("key"), e.key);
            if (e.kind != RuleDiff::OnlyRight && !e.leftData.isEmpty())
                eo.insert(QStringLiteral("left"), e.leftData);
            if (e.kind != RuleDiff::OnlyLeft && !e.rightData.isEmpty())
                eo.insert(QStringLiteral("right"), e.rightData);
            nelements.append(eo);
        }
        no.insert(QStringLiteral("tables"), ntables);
        no.insert(QStringLiteral("chains"), nchains);
        no.insert(QStringLiteral("chain_changes"), nchanges);
        no.insert(QStringLiteral("rules"), nrules);
        no.insert(QStringLiteral("sets"), nsets);
        no.insert(QStringLiteral("elements"), nelements);
        no.insert(QStringLiteral("differences"), nd.differences());
        o.insert(QStringLiteral("nft"), no);
        o.insert(QStringLiteral("differences"), differences);
        m_out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        m_out.flush();
        return 0;
    }
    m_out << tr("%1 (left) against %2 (right): %n difference(s)", nullptr, differences).arg(files[0], files[1]) << '\n';
    for (const ChainPair &cp : d.chains) {
        if (cp.left < 0 || cp.right < 0)
            m_out << (cp.left < 0 ? "+ " : "- ") << tr("chain %1 (%2)").arg(chainLabel(cp), cp.key) << '\n';
    }
    for (const QString &p : d.policyChanges)
        m_out << "~ " << p << '\n';
    // One rule row of either diff: "- where:N text", "+ ...", "~ ... -> N text".
    const auto ruleRow = [this](const QString &where, RuleDiff::Kind kind, int left, int right, const QString &leftText,
                                const QString &rightText) {
        switch (kind) {
        case RuleDiff::Same:
            break;
        case RuleDiff::OnlyLeft:
            m_out << "- " << where << ':' << (left + 1) << ' ' << leftText << '\n';
            break;
        case RuleDiff::OnlyRight:
            m_out << "+ " << where << ':' << (right + 1) << ' ' << rightText << '\n';
            break;
        case RuleDiff::Changed:
            m_out << "~ " << where << ':' << (left + 1) << ' ' << leftText << '\n'
                  << "  " << QString(where.size() + 1, QLatin1Char(' ')) << "-> " << (right + 1) << ' ' << rightText << '\n';
            break;
        }
    };
    for (const RuleDiff &r : d.rules)
        ruleRow(chainLabel(d.chains[size_t(r.pair)]), r.kind, r.left, r.right, r.leftText, r.rightText);
    // nft: tables on one side, chains on one side, declarations, rules, sets, elements.
    for (const NftTablePair &tp : nd.tables) {
        if (tp.left >= 0 && tp.right >= 0)
            continue;
        const TableCounts c = tableCounts(tp);
        m_out << (tp.left < 0 ? "+ " : "- ")
              << tr("table %1 (%2, %3, %4)").arg(tp.title, tr("%n chain(s)", nullptr, c.chains), tr("%n rule(s)", nullptr, c.rules),
                                                 tr("%n set(s)", nullptr, c.sets))
              << '\n';
    }
    for (const NftChainPair &cp : nd.chains) {
        if (cp.left < 0 || cp.right < 0)
            m_out << (cp.left < 0 ? "+ " : "- ") << tr("chain %1 (%2)").arg(nftChainLabel(cp), cp.key) << '\n';
    }
    for (const NftChainChange &cc : nd.chainChanges) {
        // nft's words, as `nft list ruleset` writes the declaration: "policy accept -> drop"
        m_out << "~ " << nftChainLabel(nd.chains[size_t(cc.pair)]) << ' '
              << (cc.field == NftChainChange::Base ? QString() : QLatin1String(NftChainChange::fieldName(cc.field)) + QLatin1Char(' '))
              << (cc.left.isEmpty() ? QStringLiteral("-") : cc.left) << " -> " << (cc.right.isEmpty() ? QStringLiteral("-") : cc.right) << '\n';
    }
    for (const NftRuleDiff &r : nd.rules)
        ruleRow(nftChainLabel(nd.chains[size_t(r.pair)]), r.kind, r.left, r.right, r.leftText, r.rightText);
    // Sets: on one side, type changes, then their element differences (grouped by set).
    size_t e = 0;
    for (size_t si = 0; si < nd.sets.size(); ++si) {
        const NftSetPair &sp = nd.sets[si];
        const QString label = nftSetLabel(sp);
        if (sp.left < 0 || sp.right < 0) {
            const nft::Set &s = sp.left >= 0 ? ln.sets[size_t(sp.left)] : rn.sets[size_t(sp.right)];
            const int n = int(s.elements.size());
            m_out << (sp.left < 0 ? "+ " : "- ")
                  << (s.map ? tr("map %1 (%n element(s))", nullptr, n) : tr("set %1 (%n element(s))", nullptr, n)).arg(label) << '\n';
        }
        if (sp.typeChanged())
            m_out << "~ " << tr("set %1 type %2 -> %3").arg(label, sp.leftType, sp.rightType) << '\n';
        int listed = 0;
        for (; e < nd.elements.size() && nd.elements[e].set == int(si); ++e, ++listed) {
            const NftElementDiff &el = nd.elements[e];
            if (el.kind == RuleDiff::Changed) {
                m_out << "~ " << tr("element %1 %2").arg(label, el.key) << " : " << el.leftData << " -> " << el.rightData << '\n';
                continue;
            }
            const QString &data = el.kind == RuleDiff::OnlyLeft ? el.leftData : el.rightData;
            m_out << (el.kind == RuleDiff::OnlyLeft ? "- " : "+ ") << tr("element %1 %2").arg(label, el.key)
                  << (data.isEmpty() ? QString() : QLatin1String(" : ") + data) << '\n';
        }
        if (const int more = sp.added + sp.removed + sp.changed - listed; more > 0)
            m_out << "  " << tr("... and %n more element difference(s) in %1 (%2 added, %3 removed, %4 changed in all)", nullptr, more)
                                     .arg(label).arg(sp.added).arg(sp.removed).arg(sp.changed) << '\n';
    }
    if (options.snapshots && !d.deltas.empty()) {
        m_out << '\n' << tr("counters gained (right minus left), largest first:") << '\n';
        for (const CounterDelta &cd : d.deltas) {
            m_out << "  " << QString::number(cd.packets).rightJustified(10) << ' ' << tr("packets") << ' '
                  << QString::number(cd.bytes).rightJustified(12) << ' ' << tr("bytes") << "  "
                  << chainLabel(d.chains[size_t(cd.pair)])
                  << (cd.right < 0 ? QStringLiteral(":policy") : QLatin1Char(':') + QString::number(cd.right + 1)) << '\n';
        }
    }
    m_out.flush();
    return 0;
}

} // namespace chainscope
