#include "helpcontroller.h"
#include "language.h"

#include "helpview.h"

#include <QAction>
#include <QFile>
#include <QRegularExpression>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QSet>

namespace chainscope {

namespace {
/** "&Open Scenario Folder..." -> "Open Scenario Folder"; "打开场景文件夹(&O)..." -> "打开场景文件夹". */
QString plainText(QString text)
{
    text.replace(QLatin1String("&&"), QStringLiteral("\u0001"));
    // The Chinese form of a mnemonic is a "(&O)" after the words: it goes as a whole.
    static const QRegularExpression cjkMnemonic(QStringLiteral("\\(&.\\)"));
    text.remove(cjkMnemonic);
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\u0001"), QStringLiteral("&"));
    if (text.endsWith(QLatin1String("...")))
        text.chop(3);
    return text.trimmed();
}

QString keysText(const QList<QKeySequence> &keys)
{
    QStringList parts;
    for (const QKeySequence &k : keys)
        if (!k.isEmpty())
            parts << QStringLiteral("`%1`").arg(k.toString(QKeySequence::NativeText));
    return parts.join(HelpController::tr(" or "));
}

/** Markdown table cells must not break the table. */
QString cell(QString text)
{
    return text.replace(QLatin1Char('|'), QStringLiteral("\\|"));
}

/** True when the action fires in this window (not in the compare window or a dialog). */
bool inWindow(const QAction *a, const QMainWindow *window)
{
    const QList<QObject *> objects = a->associatedObjects();
    for (QObject *o : objects) {
        if (auto *menu = qobject_cast<QMenu *>(o)) {
            if (menu->menuAction() && inWindow(menu->menuAction(), window))
                return true;
        } else if (auto *w = qobject_cast<QWidget *>(o); w && w->window() == window) {
            return true;
        }
    }
    return false;
}
} // namespace

HelpController::HelpController(QMainWindow *window, QMenu *helpMenu) : QObject(window), m_window(window)
{
    m_action = new QAction(window);
    m_action->setObjectName(QStringLiteral("helpAction"));
    m_action->setShortcut(QKeySequence::HelpContents);
    m_tr.add([this] {
        m_action->setText(tr("Chainscope &Help"));
        m_action->setToolTip(tr("The workflow, the concepts (hooks, tables, policies, conntrack, NAT) and the keyboard map"));
    });
    const QList<QAction *> existing = helpMenu->actions();
    helpMenu->insertAction(existing.isEmpty() ? nullptr : existing.first(), m_action);
    if (!existing.isEmpty())
        helpMenu->insertSeparator(existing.first());
    connect(m_action, &QAction::triggered, this, [this] { showHelp(); });
}

HelpController::~HelpController() = default;

QString HelpController::bundledPage(const QString &name)
{
    const QString lang = Language::current();   // "zh_CN": the language the window speaks
    for (const QString &path : {QStringLiteral(":/help/%1/%2.md").arg(lang, name),
                                QStringLiteral(":/help/%1/%2.md").arg(lang.section(QLatin1Char('_'), 0, 0), name),
                                QStringLiteral(":/help/%1.md").arg(name)}) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            return QString::fromUtf8(f.readAll());
    }
    return {};
}

QString HelpController::keyboardMap(const QMainWindow *window)
{
    QString md = tr("# Keyboard\n\nEvery shortcut of the main window, as its menus have them. "
                    "Shortcuts marked *graph* work while the graph has the focus (Delete and F2 "
                    "belong to text fields elsewhere).\n\n");
    QSet<const QAction *> listed;
    const auto rows = [&](const QList<QAction *> &actions, auto &&self) -> QString {
        QString out;
        for (QAction *a : actions) {
            if (a->menu()) {
                out += self(a->menu()->actions(), self);
                continue;
            }
            if (a->isSeparator() || a->shortcuts().isEmpty() || listed.contains(a))
                continue;
            listed.insert(a);
            QString what = cell(plainText(a->text()));
            if (a->shortcutContext() == Qt::WidgetWithChildrenShortcut || a->shortcutContext() == Qt::WidgetShortcut)
                what += tr(" (*graph*)");
            out += QStringLiteral("| %1 | %2 |\n").arg(what, keysText(a->shortcuts()));
        }
        return out;
    };
    const QString header = tr("| Action | Keys |") + QStringLiteral("\n|---|---|\n");
    const QList<QAction *> menus = window->menuBar()->actions();
    for (QAction *m : menus) {
        if (!m->menu())
            continue;
        const QString body = rows(m->menu()->actions(), rows);
        if (!body.isEmpty())
            md += QStringLiteral("## %1\n\n").arg(plainText(m->text())) + header + body + QLatin1Char('\n');
    }
    // Actions with a shortcut that are in no menu (none should be: everything a key does, a
    // menu does too), so the map is complete anyway.
    QList<QAction *> others;
    const QList<QAction *> all = window->findChildren<QAction *>();
    for (QAction *a : all)
        if (!listed.contains(a) && !a->shortcuts().isEmpty() && inWindow(a, window))
            others << a;
    if (!others.isEmpty())
        md += tr("## Elsewhere\n\n") + header + rows(others, rows) + QLatin1Char('\n');
    md += tr("## Anywhere in the graph\n\n"
             "Arrow keys and Page Up/Down pan, Ctrl+wheel zooms, a double-click on a fold opens it. "
             "In lists and trees, Up/Down move and Enter starts what the item stands for.\n\n"
             "The compare window (View > Compare Nodes) has its own keys, listed in its menus.\n");
    return md;
}

void HelpController::setPages()
{
    m_view->setPage(QStringLiteral("workflow"), tr("Getting started"), bundledPage(QStringLiteral("workflow")));
    m_view->setPage(QStringLiteral("concepts"), tr("Concepts"), bundledPage(QStringLiteral("concepts")));
    m_view->setPage(QStringLiteral("keyboard"), tr("Keyboard"), keyboardMap(m_window));
}

bool HelpController::event(QEvent *event)
{
    // Sent on by the window after the menus (made before this controller) have their new words,
    // which the keyboard page lists.
    if (event->type() == QEvent::LanguageChange) {
        m_tr.retranslate();
        if (m_view) {
            setPages();   // the pages in the new language (resources/help/LANG/)
            if (!m_view->currentPage().isEmpty())
                m_view->showPage(m_view->currentPage());
        }
    }
    return QObject::event(event);
}

void HelpController::showHelp(const QString &page)
{
    if (!m_view) {
        // A window of its own: a dock beside the explanation would squeeze it on a laptop screen.
        m_view = new HelpView(m_window);
        m_view->setWindowFlag(Qt::Window);
        m_view->setObjectName(QStringLiteral("helpWindow"));
        setPages();
        connect(m_view, &HelpView::pageRequested, this, [this](const QString &id) {
            if (id == QLatin1String("keyboard"))
                m_view->setPage(id, tr("Keyboard"), keyboardMap(m_window));
        });
        const QRect avail = m_window->screen() ? m_window->screen()->availableGeometry() : QRect(0, 0, 1024, 768);
        m_view->resize(QSize(900, 720).boundedTo(avail.size() - QSize(40, 60)));
    }
    const QString target = !page.isEmpty() ? page : !m_view->currentPage().isEmpty() ? m_view->currentPage() : QStringLiteral("workflow");
    m_view->showPage(target);
    m_view->show();
    m_view->raise();
    m_view->activateWindow();
}

} // namespace chainscope
