#pragma once

// What the GUI tests share: the window as they drive it, opening a scenario, keeping shots.

#include "mainwindow.h"

#include <QSignalSpy>
#include <QString>
#include <QTest>
#include <QWidget>

#include <memory>

namespace chainscope::guitest {

inline QString incidentPath()
{
    return QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/incident");
}

/** The window as the tests drive it: no dialogs, the given size, shown and exposed; null if it never showed. */
inline std::unique_ptr<MainWindow> shownWindow(int width = 1600, int height = 1000)
{
    auto w = std::make_unique<MainWindow>();
    w->setInteractive(false);
    w->resize(width, height);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        return nullptr;
    return w;
}

/** Opens paths and waits for the load to end; true when it loaded (false: failed or timed out). */
inline bool openAndWait(MainWindow &w, const QStringList &paths, int timeoutMs = 30000)
{
    QSignalSpy loaded(&w, &MainWindow::scenarioLoaded);
    QSignalSpy failed(&w, &MainWindow::loadFailed);
    w.openPaths(paths);
    const bool ended = QTest::qWaitFor([&] { return loaded.count() + failed.count() > 0; }, timeoutMs);
    return ended && loaded.count() == 1 && failed.count() == 0;
}

/** With CHAINSCOPE_SHOT_DIR set, keeps a grab of a widget for a person to look at; false if it could not be saved. */
inline bool keepShot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("CHAINSCOPE_SHOT_DIR");
    return dir.isEmpty() || w->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace chainscope::guitest
