#include "cli.h"
#include "language.h"

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
    // The command is the first argument, after a leading --lang LANG if any.
    int command = 1;
    if (argc > 2 && std::strcmp(argv[1], "--lang") == 0)
        command = 3;
    else if (argc > 1 && std::strncmp(argv[1], "--lang=", 7) == 0)
        command = 2;
    const bool gui = argc > command && (std::strcmp(argv[command], "export") == 0 || std::strcmp(argv[command], "report") == 0);
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
    // --lang LANG, else LANGUAGE/LC_ALL/LC_MESSAGES/LANG. JSON is for programs: always English.
    QStringList args = app->arguments().mid(1);
    QString lang;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--lang") && i + 1 < args.size()) {
            lang = args[i + 1];
            args.remove(i, 2);
            break;
        }
        if (args[i].startsWith(QLatin1String("--lang="))) {
            lang = args[i].mid(7);
            args.remove(i);
            break;
        }
    }
    chainscope::Language::install(args.contains(QLatin1String("--json")) ? QStringLiteral("en") : lang);
    QTextStream out(stdout);
    QTextStream err(stderr);
    chainscope::Cli cli(out, err);
    return cli.run(args);
}
