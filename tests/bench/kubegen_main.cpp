// chainscope-kubegen --services N --endpoints M [--seed S] [--counters] [--nft] [--scenario DIR --nodes N]
// Prints a kube-proxy-shaped iptables-save dump (or with --nft, kube-proxy's nftables mode as
// `nft list ruleset` prints it) to stdout (see KubeGen).
#include "kubegen.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>
#include <cstdio>

using namespace chainscope;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Writes a kube-proxy (iptables mode) shaped iptables-save dump to stdout."));
    cli.addHelpOption();
    const QCommandLineOption services(QStringLiteral("services"), QStringLiteral("Number of service ports."), QStringLiteral("N"),
                                      QStringLiteral("100"));
    const QCommandLineOption endpoints(QStringLiteral("endpoints"), QStringLiteral("Endpoints per service port."),
                                       QStringLiteral("M"), QStringLiteral("2"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed; the same seed gives the same dump."),
                                  QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption counters(QStringLiteral("counters"), QStringLiteral("Packet and byte counters, as iptables-save -c."));
    const QCommandLineOption nodes(QStringLiteral("nodes"), QStringLiteral("Nodes of the cluster (with --scenario)."),
                                   QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption scenario(QStringLiteral("scenario"),
                                      QStringLiteral("Write a scenario folder (scenario.json, nodeN.rules/.addr/.route) instead of one dump."),
                                      QStringLiteral("DIR"));
    const QCommandLineOption nft(QStringLiteral("nft"), QStringLiteral("kube-proxy's nftables mode, as `nft list ruleset` prints it."));
    cli.addOptions({services, endpoints, seed, counters, nodes, scenario, nft});
    cli.process(app);

    KubeGen::Options o;
    bool ok1 = false, ok2 = false, ok3 = false;
    o.services = cli.value(services).toInt(&ok1);
    o.endpoints = cli.value(endpoints).toInt(&ok2);
    o.seed = cli.value(seed).toULongLong(&ok3);
    o.counters = cli.isSet(counters);
    if (!ok1 || !ok2 || !ok3 || o.services < 0 || o.endpoints < 1) {
        std::fprintf(stderr, "chainscope-kubegen: --services must be >= 0, --endpoints >= 1, --seed a number\n");
        return 2;
    }
    if (cli.isSet(scenario)) {
        o.nodes = std::max(1, cli.value(nodes).toInt());
        KubeGen gen(o);
        if (!gen.writeScenario(cli.value(scenario))) {
            std::fprintf(stderr, "chainscope-kubegen: cannot write %s\n", qPrintable(cli.value(scenario)));
            return 1;
        }
        return 0;
    }
    KubeGen gen(o);
    const QByteArray out = cli.isSet(nft) ? gen.nftRuleset() : gen.dump();
    return std::fwrite(out.constData(), 1, size_t(out.size()), stdout) == size_t(out.size()) ? 0 : 1;
}
