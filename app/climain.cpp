#include "cli.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chainscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHAINSCOPE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    chainscope::Cli cli(out, err);
    return cli.run(app.arguments().mid(1));
}
