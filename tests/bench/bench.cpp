// chainscope-bench [--services 1000,5000,10000,30000] [--runs 5] [--traces 200] [--family 4|6|4,6]
// Measures DumpParser::parse and Simulator::trace on kube-proxy-shaped dumps (KubeGen).
// Each size runs in a fresh child (`--one N`) so VmHWM is that size's peak alone.
// --family 6 (or --ipv6): kube-proxy's IPv6 dumps (ip6tables-save; with --nft, table ip6);
// --family 4,6: both, one row each per size and the v6/v4 ratios beside them.
// chainscope-bench --nft [--services ...]: the same on kube-proxy's nftables mode (`nft list
// ruleset` text), beside `nft -c -f` on the same file (in a network namespace of its own) as
// the anchor.
// chainscope-bench --audit [--services 10000,30000] [--nodes 3] [--endpoints 2] [--threads 2]
// Measures Audit::run on a generated cluster (KubeGen::writeScenario, loaded as a folder).
#include "audit.h"
#include "dumpparser.h"
#include "kubegen.h"
#include "nftruleset.h"
#include "scenario.h"
#include "simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>

#ifdef __GLIBC__
#include <malloc.h>
#endif

using namespace chainscope;

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

/** A /proc/self/status field in MB: VmHWM (peak resident) or VmRSS (now). */
double statusMb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &l : lines) {
        if (l.startsWith(key))
            return l.mid(key.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

/** Restarts VmHWM from the current RSS (Linux >= 4.0), so the generator's own peak is not counted. */
bool resetPeak()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

qsizetype ruleCount(const Ruleset &rs)
{
    qsizetype n = 0;
    for (int t = 0; t < TableCount; ++t) {
        for (const Chain &c : rs.table(TableId(t)).chains)
            n += qsizetype(c.rules.size());
    }
    return n;
}

/** Mean µs per trace of a packet from the node to the service's ClusterIP; branches via `branches`. */
double traceUs(const Scenario &sc, const KubeGen::Service &s, int count, int &branches, QString &verdict, QString &dnat)
{
    PacketSpec spec;
    spec.fromNode = sc.nodes.front().name;
    spec.dst = Address::parse(std::string_view(s.clusterAddress().constData(), size_t(s.clusterAddress().size()))).value_or(Address());
    spec.dport = s.port;
    spec.proto = ProtoTcp;
    const Trace warm = Simulator::trace(sc, spec);
    branches = int(warm.branches.size());
    verdict = warm.branches.empty() ? QStringLiteral("-") : verdictKindName(warm.branches.front().verdict.kind);
    // Where the first branch's packet went after its last rewrite: a pod endpoint once DNATed.
    dnat = warm.branches.empty() || warm.branches.front().packets.empty() ? QStringLiteral("-")
                                                                          : warm.branches.front().packets.back().dst.toString();
    size_t sink = 0;
    const auto t0 = Clock::now();
    for (int i = 0; i < count; ++i)
        sink += Simulator::trace(sc, spec).branches.size();
    const double ms = msSince(t0);
    if (sink != size_t(branches) * size_t(count))
        std::fprintf(stderr, "warning: trace results differ between runs\n");
    return ms * 1000.0 / count;
}

// One size, in this process; prints one `key=value ...` line for the parent.
int runOne(int services, int runs, int traces, bool nft, bool ipv6)
{
    KubeGen::Options o;
    o.services = services;
    o.endpoints = 2;
    o.ipv6 = ipv6;
    KubeGen gen(o);
    const QByteArray dump = nft ? gen.nftRuleset() : gen.dump();
    // Peak below = the dump held in memory (as a loaded file would be) plus parse and trace.
#ifdef __GLIBC__
    malloc_trim(0);   // hand the generator's freed pieces back, or RSS0 would include them
#endif
    const bool reset = resetPeak();
    const double rssDump = statusMb("VmRSS");
    const QString file = QStringLiteral("kube-%1%2.%3").arg(services).arg(ipv6 ? QStringLiteral("-v6") : QString()).arg(nft ? QStringLiteral("nft") : QStringLiteral("dump"));

    std::vector<double> times;
    Ruleset kept;
    for (int r = 0; r < runs; ++r) {
        // The previous run's Ruleset is freed before the next parse, as a reload would.
        kept = Ruleset();
        const auto t0 = Clock::now();
        Ruleset rs = DumpParser::parse(dump, file);
        times.push_back(msSince(t0));
        kept = std::move(rs);
    }
    int errors = 0;
    for (const Diagnostic &d : kept.diagnostics)
        errors += d.severity == Diagnostic::Error;
    const qsizetype rules = nft ? qsizetype(kept.nft ? kept.nft->ruleCount() : 0) : ruleCount(kept);
    std::sort(times.begin(), times.end());
    const double best = times.front(), median = times[times.size() / 2];
    const qsizetype lines = dump.count('\n');
    const double mb = double(dump.size()) / 1e6;

    Scenario sc;
    Node node;
    node.name = QStringLiteral("bench");
    node.rules = std::move(kept);
    std::vector<Diagnostic> diags;
    // Addresses and routes so the OUTPUT path has a route; no routes means no trace.
    node.context.parseAddresses(KubeGen::ipAddr(), QStringLiteral("ip-addr"), diags);
    node.context.parseRoutes(KubeGen::ipRoute(), QStringLiteral("ip-route"), diags);
    if (ipv6) {
        // A dual-stack node: an IPv6 packet needs the node's IPv6 addresses and routes.
        node.context.parseAddresses(KubeGen::ipAddr6(), QStringLiteral("ip-addr6"), diags);
        node.context.parseRoutes(KubeGen::ipRoute6(), QStringLiteral("ip-route6"), diags);
    }
    for (const Diagnostic &d : diags)
        errors += d.severity == Diagnostic::Error;
    sc.nodes.push_back(std::move(node));

    int brLast = 0, brMid = 0;
    QString vLast, vMid, dnatLast, dnatMid;
    const double usLast = traceUs(sc, gen.services().back(), traces, brLast, vLast, dnatLast);
    const double usMid = traceUs(sc, gen.services()[gen.services().size() / 2], traces, brMid, vMid, dnatMid);

    std::printf("RESULT family=%d services=%d lines=%lld mb=%.2f rules=%lld best=%.2f median=%.2f rssdump=%.1f rss=%.1f "
                "uslast=%.1f usmid=%.1f brlast=%d brmid=%d verdict=%s dnat=%s errors=%d\n",
                ipv6 ? 6 : 4, services, qlonglong(lines), mb, qlonglong(rules), best, median, rssDump, reset ? statusMb("VmHWM") : -1.0, usLast, usMid,
                brLast, brMid, qPrintable(vLast), qPrintable(dnatLast), errors);
    std::fflush(stdout);
    return errors ? 1 : 0;
}

// One cluster size for the audit, in this process: load, then audit on 1 and on `threads` threads.
int runAudit(int services, int nodes, int endpoints, int threads)
{
    KubeGen::Options o;
    o.services = services;
    o.endpoints = endpoints;
    o.nodes = nodes;
    const QString dir = QStringLiteral("%1/chainscope-bench-audit-%2-%3").arg(QDir::tempPath()).arg(services).arg(QCoreApplication::applicationPid());
    {
        KubeGen gen(o);
        if (!gen.writeScenario(dir)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(dir));
            return 1;
        }
    }
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    const bool reset = resetPeak();
    std::vector<Diagnostic> diags;
    const auto t0 = Clock::now();
    std::optional<Scenario> sc = Scenario::load(dir, diags);
    const double loadMs = msSince(t0);
    QDir(dir).removeRecursively();
    if (!sc)
        return 1;
    const double rssLoaded = statusMb("VmRSS");
    AuditOptions one;
    one.threads = 1;
    const auto t1 = Clock::now();
    AuditResult r1 = Audit::run(*sc, one);
    const double ms1 = msSince(t1);
    const int flows = int(r1.flows.size()), branches = r1.branchCount();
    r1 = AuditResult();
    AuditOptions many;
    many.threads = threads;
    const auto t2 = Clock::now();
    const AuditResult rn = Audit::run(*sc, many);
    const double msN = msSince(t2);
    int counts[5] = {};
    for (const AuditFlow &f : rn.flows)
        ++counts[int(f.fate)];
    std::printf("RESULT services=%d nodes=%d endpoints=%d load=%.0f flows=%d branches=%d ms1=%.0f msN=%.0f threads=%d "
                "rssloaded=%.1f peak=%.1f all=%d some=%d none=%d uncertain=%d deciders=%d\n",
                services, nodes, endpoints, loadMs, flows, branches, ms1, msN, rn.threads, rssLoaded,
                reset ? statusMb("VmHWM") : -1.0, counts[0], counts[1], counts[2], counts[3], int(rn.deciders.size()));
    std::fflush(stdout);
    return 0;
}

/** Best of three `unshare -n nft -c -f FILE` on the generated nft ruleset, in ms; -1 when it cannot run. */
double nftCheckMs(int services)
{
    KubeGen::Options o;
    o.services = services;
    o.endpoints = 2;
    const QString path = QStringLiteral("%1/chainscope-bench-%2-%3.nft").arg(QDir::tempPath()).arg(services).arg(QCoreApplication::applicationPid());
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(KubeGen(o).nftRuleset()) < 0)
            return -1;
    }
    double best = -1;
    // Three runs where one is quick; one where a run takes minutes (nft -c at 30k services).
    for (int i = 0; i < (services > 10000 ? 1 : 3); ++i) {
        QProcess p;
        const auto t0 = Clock::now();
        // unshare -n: nft -c talks to the kernel; a namespace of its own keeps this host's rules out of it
        p.start(QStringLiteral("unshare"), {QStringLiteral("-n"), QStringLiteral("nft"), QStringLiteral("-c"), QStringLiteral("-f"), path});
        if (!p.waitForFinished(600000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            std::fprintf(stderr, "nft -c -f %s: %s\n", qPrintable(path), p.readAllStandardError().left(400).constData());
            best = -1;
            break;
        }
        const double ms = msSince(t0);
        best = best < 0 ? ms : std::min(best, ms);
    }
    QFile::remove(path);
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Parse and trace timings on kube-proxy-shaped dumps (2 endpoints per service)."));
    cli.addHelpOption();
    const QCommandLineOption servicesOpt(QStringLiteral("services"), QStringLiteral("Comma-separated service counts."),
                                         QStringLiteral("LIST"), QStringLiteral("1000,5000,10000,30000"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Parse runs per size."), QStringLiteral("R"),
                                     QStringLiteral("5"));
    const QCommandLineOption tracesOpt(QStringLiteral("traces"), QStringLiteral("Traces averaged per destination (>= 100)."),
                                       QStringLiteral("T"), QStringLiteral("200"));
    const QCommandLineOption oneOpt(QStringLiteral("one"), QStringLiteral("Internal: measure one size in this process."),
                                    QStringLiteral("N"));
    const QCommandLineOption auditOpt(QStringLiteral("audit"), QStringLiteral("Measure the audit (chainscope-cli audit) instead."));
    const QCommandLineOption nodesOpt(QStringLiteral("nodes"), QStringLiteral("Audit: nodes of the cluster."), QStringLiteral("N"),
                                      QStringLiteral("3"));
    const QCommandLineOption endpointsOpt(QStringLiteral("endpoints"), QStringLiteral("Audit: endpoints per service."),
                                          QStringLiteral("M"), QStringLiteral("2"));
    const QCommandLineOption threadsOpt(QStringLiteral("threads"), QStringLiteral("Audit: worker threads."), QStringLiteral("T"),
                                        QStringLiteral("2"));
    const QCommandLineOption nftOpt(QStringLiteral("nft"), QStringLiteral("kube-proxy's nftables mode instead of iptables-save."));
    const QCommandLineOption familyOpt(QStringLiteral("family"), QStringLiteral("4, 6 or 4,6 (IPv4 and IPv6 side by side)."),
                                       QStringLiteral("LIST"), QStringLiteral("4"));
    const QCommandLineOption ipv6Opt(QStringLiteral("ipv6"), QStringLiteral("The same as --family 6."));
    cli.addOptions({servicesOpt, runsOpt, tracesOpt, oneOpt, auditOpt, nodesOpt, endpointsOpt, threadsOpt, nftOpt, familyOpt, ipv6Opt});
    cli.process(app);
    if (cli.isSet(auditOpt)) {
        const QStringList sizes = cli.value(servicesOpt).split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (cli.isSet(oneOpt))
            return runAudit(cli.value(oneOpt).toInt(), cli.value(nodesOpt).toInt(), cli.value(endpointsOpt).toInt(),
                            cli.value(threadsOpt).toInt());
        std::printf("%8s %5s %9s %7s %8s %9s %10s %10s %8s %8s\n", "services", "nodes", "endpoints", "load ms", "flows",
                    "branches", "1 thread", "N threads", "RSS MB", "peak MB");
        for (const QString &size : sizes) {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("--audit"), QStringLiteral("--one"), size.trimmed(), QStringLiteral("--nodes"),
                         cli.value(nodesOpt), QStringLiteral("--endpoints"), cli.value(endpointsOpt), QStringLiteral("--threads"),
                         cli.value(threadsOpt)});
            child.waitForFinished(-1);
            std::map<QByteArray, QByteArray> v;
            for (const QByteArray &line : child.readAllStandardOutput().split('\n')) {
                if (!line.startsWith("RESULT "))
                    continue;
                for (const QByteArray &kv : line.mid(7).split(' ')) {
                    const qsizetype eq = kv.indexOf('=');
                    if (eq > 0)
                        v[kv.left(eq)] = kv.mid(eq + 1);
                }
            }
            if (v.empty()) {
                std::printf("%8s  child failed\n", qPrintable(size));
                continue;
            }
            std::printf("%8s %5s %9s %7s %8s %9s %7s ms %7s ms %8s %8s  (%s threads; all %s, some %s, none %s, uncertain %s)\n",
                        v["services"].constData(), v["nodes"].constData(), v["endpoints"].constData(), v["load"].constData(),
                        v["flows"].constData(), v["branches"].constData(), v["ms1"].constData(), v["msN"].constData(),
                        v["rssloaded"].constData(), v["peak"].constData(), v["threads"].constData(), v["all"].constData(),
                        v["some"].constData(), v["none"].constData(), v["uncertain"].constData());
            std::fflush(stdout);
        }
        return 0;
    }
    const int runs = std::max(1, cli.value(runsOpt).toInt());
    const int traces = std::max(100, cli.value(tracesOpt).toInt());

    // --family 4, 6 or 4,6 (both, side by side); --ipv6 is --family 6.
    std::vector<int> families;
    for (const QString &f : (cli.isSet(ipv6Opt) ? QStringLiteral("6") : cli.value(familyOpt)).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (f.trimmed() != QLatin1String("4") && f.trimmed() != QLatin1String("6")) {
            std::fprintf(stderr, "chainscope-bench: --family takes 4, 6 or 4,6\n");
            return 2;
        }
        families.push_back(f.trimmed().toInt());
    }
    if (cli.isSet(oneOpt))
        return runOne(cli.value(oneOpt).toInt(), runs, traces, cli.isSet(nftOpt), families.front() == 6);

    std::printf("%8s %3s %8s %7s %8s %9s %9s %10s %7s %9s %9s %10s %10s %8s\n", "services", "IP", "lines", "MB", "rules",
                "best ms", "median ms", "Mrules/s", "MB/s", "RSS0 MB", "peak MB", "trace last", "trace mid", "branches");
    int failed = 0;
    const QStringList sizes = cli.value(servicesOpt).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &size : sizes) {
        std::map<int, std::map<QByteArray, QByteArray>> byFamily;
        for (const int family : families) {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            QStringList args{QStringLiteral("--one"), size.trimmed(), QStringLiteral("--runs"), QString::number(runs),
                             QStringLiteral("--traces"), QString::number(traces), QStringLiteral("--family"), QString::number(family)};
            if (cli.isSet(nftOpt))
                args << QStringLiteral("--nft");
            child.start(QCoreApplication::applicationFilePath(), args);
            if (!child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit) {
                std::printf("%8s v%d  child failed\n", qPrintable(size), family);
                ++failed;
                continue;
            }
            std::map<QByteArray, QByteArray> v;
            for (const QByteArray &line : child.readAllStandardOutput().split('\n')) {
                if (!line.startsWith("RESULT "))
                    continue;
                for (const QByteArray &kv : line.mid(7).split(' ')) {
                    const qsizetype eq = kv.indexOf('=');
                    if (eq > 0)
                        v[kv.left(eq)] = kv.mid(eq + 1);
                }
            }
            if (v.empty() || child.exitCode() != 0) {
                std::printf("%8s v%d  child exit %d (parse errors: %s)\n", qPrintable(size), family, child.exitCode(), v["errors"].constData());
                ++failed;
                if (v.empty())
                    continue;
            }
            const double best = v["best"].toDouble();
            std::printf("%8s %3s %8s %7s %8s %9s %9s %10.2f %7.1f %9s %9s %8s µs %8s µs %5s/%s %s -> %s\n", v["services"].constData(),
                        family == 6 ? "v6" : "v4", v["lines"].constData(), v["mb"].constData(), v["rules"].constData(),
                        v["best"].constData(), v["median"].constData(), v["rules"].toDouble() / best / 1000.0,
                        v["mb"].toDouble() / best * 1000.0, v["rssdump"].constData(), v["rss"].constData(), v["uslast"].constData(),
                        v["usmid"].constData(), v["brlast"].constData(), v["brmid"].constData(), v["verdict"].constData(),
                        v["dnat"].constData());
            byFamily[family] = std::move(v);
            if (cli.isSet(nftOpt) && family == 4) {
                const double anchor = nftCheckMs(size.trimmed().toInt());
                if (anchor >= 0)
                    std::printf("%8s  nft -c -f on the same file: %.0f ms (whole process, in a network namespace of its own)\n",
                                qPrintable(size.trimmed()), anchor);
                else
                    std::printf("%8s  nft -c -f: not measured (needs nft, unshare and root)\n", qPrintable(size.trimmed()));
            }
            std::fflush(stdout);
        }
        if (byFamily.count(4) && byFamily.count(6)) {
            auto ratio = [&](const char *key) { return byFamily[6][key].toDouble() / std::max(1e-9, byFamily[4][key].toDouble()); };
            std::printf("%8s v6/v4: parse best %.2fx, median %.2fx; peak %.2fx; trace last %.2fx, mid %.2fx\n", qPrintable(size.trimmed()),
                        ratio("best"), ratio("median"), ratio("rss"), ratio("uslast"), ratio("usmid"));
            std::fflush(stdout);
        }
    }
    return failed ? 1 : 0;
}
