#pragma once

#include "diagnostic.h"
#include "retranslator.h"
#include "scenario.h"
#include "theme.h"

#include <QMainWindow>
#include <QStringList>

#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTimer;
class QTreeView;
class QUndoStack;

namespace chainscope {

class ProblemTree;

class ChainScene;
class ChainView;
class DumpView;
class ScenarioLoader;
class ScenarioTreeModel;
class CompareWindow;
class TraceController;
class SessionController; // session
class LessonController;
class HelpController;
class ReachabilityController;

/**
 * The window: scenario tree (with filter) | chain graph of the current node; below, the
 * dump text in step with the graph; problems dock. Loads scenarios off the GUI thread.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Off for scripted runs (--screenshot, tests): errors are signalled, not shown in dialogs. */
    void setInteractive(bool on) { m_interactive = on; }
    bool isInteractive() const { return m_interactive; } // session
    /**
     * Speaks `code` ("en", "zh_CN"; empty: the system's) from now on and remembers it. The
     * window, its docks, dialogs left open and the trace shown switch at once
     * (QEvent::LanguageChange, delivered when the event loop runs).
     */
    void setLanguage(const QString &code);
    /** Node to show after the next load (by name); the first node when empty or unknown. */
    void setPreferredNode(const QString &name) { m_preferredNode = name; }
    /** Restores geometry, state and docks from QSettings, within the screen; without saved
     *  settings this is the first start (isFirstStart()). */
    void restoreSettings();
    /** The first start tells the story: the first packet preset of the scenario opened is
     *  traced, the graph shows the node where it ends (TraceController::showStory). */
    bool isFirstStart() const { return m_firstStart; }
    void setFirstStart(bool on) { m_firstStart = on; }
    /** The window's default size: 1400x900 at most, within the screen's available area. */
    static QSize defaultSize(const QRect &available);

    /** The bundled incident scenario (BundledData::incidentScenario(): on disk, else inside the executable). */
    static QString bundledScenario();

    const Scenario *scenario() const { return m_scenario.get(); }
    /** The loaded scenario for holders that must keep it alive (trace), or null. */
    std::shared_ptr<const Scenario> sharedScenario() const { return m_scenario; }
    int currentNode() const { return m_node; }
    ChainScene *chainScene() const { return m_scene; }
    ChainView *chainView() const { return m_view; }
    DumpView *dumpView() const { return m_dump; }
    QTreeView *scenarioTree() const { return m_tree; }
    QLineEdit *filterEdit() const { return m_filter; }
    ProblemTree *problemList() const { return m_problems; }
    bool isLoading() const;

    // app/comparewindow.h
    /** Opens (or raises) the compare window on two nodes (names; defaults: current and next). */
    CompareWindow *showCompare(const QString &left = {}, const QString &right = {});
    CompareWindow *compareWindow() const { return m_compare; }

    // app/tracecontroller.h
    /** The window's undo stack: every change to the rules (candidate rules, policies) is a command. */
    QUndoStack *undoStack() const { return m_undoStack; }
    TraceController *traceController() const { return m_trace; }

    // app/sessioncontroller.h: notes, export, session files, autosave
    SessionController *sessionController() const { return m_session; }

    // app/lessoncontroller.h
    LessonController *lessonController() const { return m_lessons; }
    // app/helpcontroller.h: F1
    HelpController *helpController() const { return m_help; }
    // app/reachabilitycontroller.h: View > Reachability
    ReachabilityController *reachabilityController() const { return m_reachability; }

public Q_SLOTS:
    void openPaths(const QStringList &paths);
    void setCurrentNode(int node);

Q_SIGNALS:
    void scenarioLoaded();
    /** The load failed or was cancelled; message lists FILE:LINE:COL: problems. */
    void loadFailed(const QString &message);
    /** setCurrentNode() showed another node (trace). */
    void currentNodeChanged(int node);
    /** The user picked a language in View > Language; `language` is the one now installed. */
    void languageChosen(const QString &language);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void createLanguageMenu();
    /** The words set once at construction, again in the language now installed. */
    void retranslateUi();
    /** The window title and the status line for the scenario shown (or none). */
    void updateTitleAndStatus();
    void createDocks();
    void openFolderDialog();
    void openFilesDialog();
    void updateRecentMenu();
    void addRecent(const QStringList &paths);
    void onLoadProgress(qint64 done, qint64 total);
    void onLoadFinished();
    /** Asks which table for dump files the parser could not tell; true when loading again. */
    bool askTables(const QStringList &paths, const std::vector<Diagnostic> &diags);
    void onTreeCurrentChanged(const QModelIndex &current);
    void onFilterChanged(const QString &text);
    /** Down in the filter box: focus the tree at the first result. */
    void enterFilterResults();
    void onDumpChain(TableId table, int chain);
    void onRuleClicked(quint32 ruleId);
    void onDumpRule(quint32 ruleId);
    void showInitialView();
    void showAbout();
    void saveSettings();

    std::shared_ptr<const Scenario> m_scenario;   // shared with the trace document, never copied
    int m_node = -1;
    bool m_interactive = true;
    bool m_syncing = false;
    QString m_preferredNode;
    Theme m_theme;

    ScenarioLoader *m_loader = nullptr;
    ChainScene *m_scene = nullptr;
    ChainView *m_view = nullptr;
    DumpView *m_dump = nullptr;
    ScenarioTreeModel *m_treeModel = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTreeView *m_tree = nullptr;
    QLineEdit *m_filter = nullptr;
    QTimer *m_filterTimer = nullptr;
    ProblemTree *m_problems = nullptr;
    QComboBox *m_nodeBox = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_statusLabel = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    CompareWindow *m_compare = nullptr;
    QUndoStack *m_undoStack = nullptr;
    TraceController *m_trace = nullptr;
    SessionController *m_session = nullptr; // session
    LessonController *m_lessons = nullptr;
    HelpController *m_help = nullptr;
    ReachabilityController *m_reachability = nullptr;
    QMenu *m_helpMenu = nullptr;
    bool m_firstStart = false;
    Retranslator m_tr;
};

} // namespace chainscope
