#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QPixmap>
#include <QSettings>
#include <QTimer>

#include <cstdio>

using chainscope::MainWindow;

namespace {
void fail(const QString &message, int code)
{
    std::fprintf(stderr, "chainscope: %s\n", qPrintable(message));
    QCoreApplication::exit(code);
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("chainscope"));
    QCoreApplication::setApplicationName(QStringLiteral("chainscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHAINSCOPE_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("chainscope"));
    QGuiApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("chainscope"), QIcon(QStringLiteral(":/icons/chainscope.svg"))));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "See what netfilter/iptables does to a packet across cluster nodes."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("paths"),
                                 QCoreApplication::translate("main", "A scenario folder, a scenario.json, or dump files."),
                                 QStringLiteral("[SCENARIO | FILE...]"));
    const QCommandLineOption nodeOption(QStringLiteral("node"), QCoreApplication::translate("main", "Node to show first."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption shotOption(QStringLiteral("screenshot"),
                                        QCoreApplication::translate("main", "Load, grab the 1600x1000 window to FILE.png, exit."),
                                        QStringLiteral("FILE.png"));
    parser.addOption(nodeOption);
    parser.addOption(shotOption);
    parser.process(app);

    QStringList paths = parser.positionalArguments();
    const QString shot = parser.value(shotOption);
    const bool scripted = !shot.isEmpty();

    MainWindow window;
    window.setPreferredNode(parser.value(nodeOption));
    window.setInteractive(!scripted);

    if (paths.isEmpty()) {
        // Later starts reopen the last scenario; the first one opens the bundled incident.
        const QStringList recent = QSettings().value(QStringLiteral("recent")).toStringList();
        const QStringList last = recent.isEmpty() ? QStringList()
                                                  : recent.first().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (!scripted && !last.isEmpty() && QFileInfo::exists(last.first()))
            paths = last;
        else if (const QString bundled = MainWindow::bundledScenario(); !bundled.isEmpty())
            paths = {bundled};
    }

    if (scripted) {
        if (paths.isEmpty()) {
            std::fprintf(stderr, "chainscope: no scenario to load for --screenshot\n");
            return 2;
        }
        window.resize(1600, 1000);
        QObject::connect(&window, &MainWindow::scenarioLoaded, &window, [&window, shot] {
            // Let the docks and the view settle before grabbing.
            QTimer::singleShot(300, &window, [&window, shot] {
                const QPixmap pixmap = window.grab();
                if (pixmap.isNull() || !pixmap.save(shot, "PNG"))
                    fail(QCoreApplication::translate("main", "cannot write screenshot %1").arg(shot), 1);
                else
                    QCoreApplication::exit(0);
            });
        });
        QObject::connect(&window, &MainWindow::loadFailed, &window,
                         [](const QString &message) { fail(message, 2); });
        QTimer::singleShot(120000, &window, [] { fail(QCoreApplication::translate("main", "timed out loading"), 3); });
    } else {
        window.restoreSettings();
    }
    window.show();
    if (scripted)
        window.resize(1600, 1000);
    window.openPaths(paths);
    return app.exec();
}
