#include "cli.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <cstring>
#include <memory>

int main(int argc, char **argv)
{
    // export draws with views/ (fonts, a QGraphicsScene): it needs a QApplication, on the
    // offscreen platform when there is no display. The other commands stay Core-only.
    const bool gui = argc > 1 && std::strcmp(argv[1], "export") == 0;
    if (gui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app;
    if (gui)
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chainscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHAINSCOPE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    chainscope::Cli cli(out, err);
    return cli.run(app->arguments().mid(1));
}
