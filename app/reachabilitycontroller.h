#pragma once

#include "audit.h"
#include "retranslator.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>

class QAction;
class QThread;

namespace chainscope {

class MainWindow;
class ReachabilityWindow;

/**
 * Wires View > Reachability (Ctrl+Shift+A) to the model: audits the loaded scenario off the
 * GUI thread (Audit::run on every core, progress and cancel in the window), audits it again
 * with the candidate rules whenever they change and shows what changed; a cell activated
 * traces that flow in the main window, on the branch that fails.
 */
class ReachabilityController : public QObject
{
    Q_OBJECT
public:
    explicit ReachabilityController(MainWindow *window);
    ~ReachabilityController() override;

    QAction *action() const { return m_action; }
    /** The window, created on first use. */
    ReachabilityWindow *window();
    ReachabilityWindow *windowIfOpen() const { return m_view; }
    /** Opens (or raises) the window and audits what is stale. */
    void show();
    bool isRunning() const { return m_thread != nullptr; }
    /** Traces the flows of a cell in the main window (the first that fails, on its failing branch). */
    void traceCell(int target, int source);

Q_SIGNALS:
    /** An audit (and the comparison with the candidate rules, if any) is shown. */
    void auditFinished();

protected:
    bool event(QEvent *event) override;

private:
    void onScenarioLoaded();
    void onDocumentChanged();
    /** Starts what is stale: the audit of the scenario as loaded, and of the edited one. */
    void start();
    void cancel();
    void onFinished(quint64 generation);
    void updateStatus();

    MainWindow *m_window;
    QAction *m_action = nullptr;
    ReachabilityWindow *m_view = nullptr;   // a child of the main window, made on first use
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_generation = 0;
    bool m_restart = false;

    // The audit of the scenario as loaded, and of the scenario with the candidate rules.
    std::shared_ptr<const Scenario> m_scenario;
    std::shared_ptr<const AuditResult> m_baseline;
    std::shared_ptr<const Scenario> m_editedScenario;
    std::shared_ptr<const AuditResult> m_edited;
    bool m_editedStale = true;
    // Filled by the worker thread, read on the GUI thread after it finished.
    struct Job
    {
        std::shared_ptr<const Scenario> scenario;
        std::shared_ptr<const Scenario> editedScenario;   // null: no candidate rules
        bool needBaseline = true;
        std::shared_ptr<AuditResult> baseline;
        std::shared_ptr<AuditResult> edited;
        std::vector<AuditChange> changes;
        bool cancelled = false;
    };
    std::shared_ptr<Job> m_job;
    std::vector<AuditChange> m_changes;
    Retranslator m_tr;
};

} // namespace chainscope
