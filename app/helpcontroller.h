#pragma once

#include "retranslator.h"

#include <QObject>
#include <QString>

class QAction;
class QMainWindow;
class QMenu;

namespace chainscope {

class HelpView;

/**
 * F1: the Help window (HelpView) with the workflow and the concepts, bundled as Markdown
 * resources (:/help/LANG/NAME.md before :/help/NAME.md), and the keyboard map, made from
 * the window's actions each time it is shown so it cannot go stale.
 */
class HelpController : public QObject
{
    Q_OBJECT
public:
    /** Adds "Chainscope Help" (F1) at the top of helpMenu. */
    HelpController(QMainWindow *window, QMenu *helpMenu);
    ~HelpController() override;

    HelpView *view() const { return m_view; }
    QAction *helpAction() const { return m_action; }

    /** Every action of the window with a shortcut, menu by menu, as a Markdown table. */
    static QString keyboardMap(const QMainWindow *window);
    /** A bundled page's Markdown: the UI language's version when there is one. */
    static QString bundledPage(const QString &name);

public Q_SLOTS:
    /** Opens (or raises) the Help window at a page (the last one shown, or the workflow). */
    void showHelp(const QString &page = {});

protected:
    /** QEvent::LanguageChange, sent on by the window: the action and the pages. */
    bool event(QEvent *event) override;

private:
    void setPages();
    QMainWindow *m_window;
    HelpView *m_view = nullptr;
    QAction *m_action = nullptr;
    Retranslator m_tr;
};

} // namespace chainscope
