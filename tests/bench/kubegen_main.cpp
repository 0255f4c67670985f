// chainscope-kubegen --services N --endpoints M [--seed S] [--counters] [--nft] [--family 4|6 | --ipv6]
//                    [--scenario DIR --nodes N]
// Prints a kube-proxy-shaped iptables-save dump (or with --nft, kube-proxy's nftables mode as
// `nft list ruleset` prints it) to stdout (see KubeGen); --family 6 writes what kube-proxy's
// IPv6 proxier writes (ip6tables-save, table ip6 kube-proxy).
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
    const QCommandLineOption family(QStringLiteral("family"), QStringLiteral("4 (iptables-save) or 6 (ip6tables-save, table ip6)."),
                                    QStringLiteral("4|6"), QStringLiteral("4"));
    const QCommandLineOption ipv6(QStringLiteral("ipv6"), QStringLiteral("The same as --family 6."));
    cli.addOptions({services, endpoints, seed, counters, nodes, scenario, nft, family, ipv6});
    cli.process(app);

    KubeGen::Options o;
    bool ok1 = false, ok2 = false, ok3 = false;
    o.services = cli.value(services).toInt(&ok1);
    o.endpoints = cli.value(endpoints).toInt(&ok2);
    o.seed = cli.value(seed).toULongLong(&ok3);
    o.counters = cli.isSet(counters);
    const QString fam = cli.value(family);
    o.ipv6 = cli.isSet(ipv6) || fam == QLatin1String("6");
    if (!ok1 || !ok2 || !ok3 || o.services < 0 || o.endpoints < 1 || (fam != QLatin1String("4") && fam != QLatin1String("6"))) {
        std::fprintf(stderr, "chainscope-kubegen: --services must be >= 0, --endpoints >= 1, --seed a number, --family 4 or 6\n");
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
