#pragma once

// What the GUI tests share: the window as they drive it, opening a scenario, keeping shots.

#include "mainwindow.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHash>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStringList>
#include <QTabBar>
#include <QString>
#include <QTest>
#include <QTimer>
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

/** The letter after a single '&' ("Arrives &on:" -> 'O'), or a null QChar. */
inline QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != QLatin1Char('&'))
            continue;
        if (text[i + 1] == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text[i + 1].toUpper();
    }
    return {};
}

/** Every Alt+letter the window answers to as it stands: menu titles, and the visible labels
 *  with a buddy, buttons, group boxes and tabs. Two owners of one letter is a clash. */
inline QStringList mnemonicClashes(QMainWindow *window)
{
    QHash<QChar, QString> seen;
    QStringList clashes;
    const auto add = [&](const QString &text) {
        const QChar c = mnemonicOf(text);
        if (c.isNull())
            return;
        const auto prior = seen.constFind(c);
        if (prior != seen.cend())
            clashes << QStringLiteral("Alt+%1: \"%2\" and \"%3\"").arg(c, *prior, text);
        else
            seen.insert(c, text);
    };
    for (QAction *a : window->menuBar()->actions())
        if (a->isVisible())
            add(a->text());
    const QList<QWidget *> widgets = window->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (w->window() != window || !w->isVisibleTo(window) || qobject_cast<QMenu *>(w))
            continue;
        if (auto *label = qobject_cast<QLabel *>(w)) {
            if (label->buddy())
                add(label->text());
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            add(button->text());
        } else if (auto *box = qobject_cast<QGroupBox *>(w)) {
            add(box->title());
        } else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                add(tabs->tabText(i));
        }
    }
    return clashes;
}

/** Clashes within each menu of `window`: one item per letter (a second one only cycles). */
inline QStringList menuMnemonicClashes(QMainWindow *window)
{
    QStringList clashes;
    const QList<QMenu *> menus = window->findChildren<QMenu *>();
    for (QMenu *menu : menus) {
        QHash<QChar, QString> seen;
        for (QAction *a : menu->actions()) {
            const QChar c = mnemonicOf(a->text());
            if (c.isNull() || !a->isVisible())
                continue;
            if (seen.contains(c))
                clashes << QStringLiteral("menu \"%1\": Alt+%2 on \"%3\" and \"%4\"").arg(menu->title(), c, seen.value(c), a->text());
            seen.insert(c, a->text());
        }
    }
    return clashes;
}

/** Answers the next note dialog (polling: it opens inside a nested event loop). */
inline void answerNoteDialog(const QString &text, bool *answered)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, text, answered] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || modal->objectName() != QLatin1String("noteDialog"))
            return;
        auto *edit = modal->findChild<QPlainTextEdit *>(QStringLiteral("noteText"));
        edit->selectAll();
        QTest::keyClicks(edit, text);
        auto *box = modal->findChild<QDialogButtonBox *>();
        QTest::mouseClick(box->button(QDialogButtonBox::Ok), Qt::LeftButton);
        *answered = true;
        timer->stop();
        timer->deleteLater();
    });
    timer->start();
}
} // namespace chainscope::guitest
