#include "reachabilitycontroller.h"

#include "mainwindow.h"
#include "reachabilitymodel.h"
#include "reachabilitywindow.h"
#include "tracecontroller.h"
#include "tracedocument.h"

#include <QAction>
#include <QEvent>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QThread>

namespace chainscope {

ReachabilityController::ReachabilityController(MainWindow *window)
    : QObject(window), m_window(window)
{
    m_action = new QAction(this);
    m_action->setObjectName(QStringLiteral("reachabilityAction"));
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_action->setShortcutContext(Qt::ApplicationShortcut);
    connect(m_action, &QAction::triggered, this, &ReachabilityController::show);
    m_tr.add([this] {
        m_action->setText(tr("&Reachability..."));
        m_action->setToolTip(tr("Every service from every node's host and pods, before and after the candidate rules"));
    });
    // In the View menu, after Compare Nodes.
    for (QAction *menuAction : m_window->menuBar()->actions()) {
        QMenu *menu = menuAction->menu();
        if (!menu)
            continue;
        for (QAction *a : menu->actions()) {
            if (a->objectName() == QLatin1String("compareAction")) {
                const QList<QAction *> items = menu->actions();
                const qsizetype at = items.indexOf(a);
                menu->insertAction(at + 1 < items.size() ? items[at + 1] : nullptr, m_action);
                break;
            }
        }
    }
    m_window->addAction(m_action);
    connect(m_window, &MainWindow::scenarioLoaded, this, &ReachabilityController::onScenarioLoaded);
    connect(m_window->traceController()->document(), &TraceDocument::changed, this, &ReachabilityController::onDocumentChanged);
}

ReachabilityController::~ReachabilityController()
{
    if (m_thread) {
        *m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

ReachabilityWindow *ReachabilityController::window()
{
    if (!m_view) {
        m_view = new ReachabilityWindow(m_window);
        connect(m_view, &ReachabilityWindow::cellActivated, this, &ReachabilityController::traceCell);
        connect(m_view, &ReachabilityWindow::rerunRequested, this, [this] {
            m_baseline.reset();
            m_editedStale = true;
            start();
        });
        connect(m_view, &ReachabilityWindow::cancelRequested, this, &ReachabilityController::cancel);
        m_view->refreshGroups();
    }
    return m_view;
}

void ReachabilityController::show()
{
    ReachabilityWindow *w = window();
    w->show();
    w->raise();
    w->activateWindow();
    start();
}

void ReachabilityController::onScenarioLoaded()
{
    m_baseline.reset();
    m_edited.reset();
    m_editedStale = true;
    if (m_view) {
        m_view->model()->setAudit(nullptr, nullptr);
        m_view->refreshGroups();
        if (m_view->isVisible())
            start();
    }
}

void ReachabilityController::onDocumentChanged()
{
    m_editedStale = true;
    if (m_view && m_view->isVisible())
        start();
}

void ReachabilityController::start()
{
    const std::shared_ptr<const Scenario> scenario = m_window->sharedScenario();
    if (!scenario) {
        if (m_view)
            m_view->setStatus(tr("Open a scenario first: the audit traces its services from every node."));
        return;
    }
    if (m_thread) {
        // One audit at a time: the running one is cancelled and this one follows.
        m_restart = true;
        *m_cancel = true;
        return;
    }
    const TraceDocument *doc = m_window->traceController()->document();
    const bool needBaseline = !m_baseline || m_scenario != scenario;
    const bool hasEdits = !doc->isEmpty() && !doc->edits().empty();
    if (!needBaseline && !m_editedStale)
        return;
    auto job = std::make_shared<Job>();
    job->scenario = scenario;
    job->needBaseline = needBaseline;
    if (hasEdits)
        job->editedScenario = std::make_shared<const Scenario>(doc->edited());
    if (!needBaseline)
        job->baseline = std::const_pointer_cast<AuditResult>(m_baseline);
    m_job = job;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = ++m_generation;
    QPointer<ReachabilityController> self(this);
    auto cancelFlag = m_cancel;
    const int stages = (needBaseline ? 1 : 0) + (hasEdits ? 1 : 0);
    m_thread = QThread::create([job, cancelFlag, self, stages] {
        int stage = 0;
        auto progress = [&](qint64 done, qint64 total) {
            const qint64 d = qint64(stage) * total + done, t = qint64(stages) * total;
            QMetaObject::invokeMethod(self.data(), [self, d, t] {
                if (self && self->m_view)
                    self->m_view->setProgress(d, t);
            }, Qt::QueuedConnection);
            return !cancelFlag->load();
        };
        AuditOptions options;
        options.progress = progress;
        if (job->needBaseline) {
            job->baseline = std::make_shared<AuditResult>(Audit::run(*job->scenario, options));
            ++stage;
            if (job->baseline->cancelled) {
                job->cancelled = true;
                return;
            }
        }
        if (job->editedScenario) {
            job->edited = std::make_shared<AuditResult>(Audit::run(*job->editedScenario, options));
            if (job->edited->cancelled) {
                job->cancelled = true;
                return;
            }
            job->changes = Audit::compare(*job->scenario, *job->baseline, *job->editedScenario, *job->edited);
        }
    });
    connect(m_thread, &QThread::finished, this, [this, generation] { onFinished(generation); });
    if (m_view) {
        m_view->setProgress(0, 1);
        m_view->setStatus(tr("Auditing: every service from every node's host and pods, with every endpoint..."));
    }
    m_thread->start();
}

void ReachabilityController::cancel()
{
    if (m_cancel)
        *m_cancel = true;
    m_restart = false;
}

void ReachabilityController::onFinished(quint64 generation)
{
    m_thread->wait();
    m_thread->deleteLater();
    m_thread = nullptr;
    const std::shared_ptr<Job> job = std::move(m_job);
    if (generation != m_generation || !job)
        return;
    if (!job->cancelled) {
        if (job->needBaseline) {
            m_scenario = job->scenario;
            m_baseline = job->baseline;
        }
        m_editedScenario = job->editedScenario;
        m_edited = job->edited;
        m_changes = job->changes;
        m_editedStale = false;
        if (m_view) {
            m_view->model()->setAudit(m_scenario, m_baseline);
            if (m_edited)
                m_view->model()->setEdited(m_editedScenario, m_edited, m_changes);
            m_view->refreshGroups();
        }
    }
    if (m_view)
        m_view->setProgress(0, 0);
    updateStatus();
    if (m_restart) {
        m_restart = false;
        start();
        return;
    }
    if (!job->cancelled)
        Q_EMIT auditFinished();
}

void ReachabilityController::updateStatus()
{
    if (!m_view)
        return;
    const AuditResult *r = m_view->model()->shown();
    if (!r) {
        m_view->setStatus(tr("The audit was cancelled. Audit Again (F5) starts it anew."));
        return;
    }
    int counts[5] = {0, 0, 0, 0, 0};
    for (const AuditFlow &f : r->flows)
        ++counts[int(f.fate)];
    QString s = tr("%1 targets from %2 sources: %3 flows, %4 delivered on all endpoints, %5 on some, %6 on none, "
                   "%7 uncertain (%8 ms)")
                        .arg(r->targets.size()).arg(r->sources.size()).arg(r->flows.size())
                        .arg(counts[0]).arg(counts[1]).arg(counts[2]).arg(counts[3]).arg(qRound(r->milliseconds));
    if (m_view->model()->hasEdited()) {
        int changes[6] = {0, 0, 0, 0, 0, 0};
        for (const AuditChange &c : m_view->model()->changes())
            ++changes[c.kind];
        s += QLatin1Char('\n') + tr("With the candidate rules: %1 fixed, %2 newly opened from outside, %3 newly broken.")
                                         .arg(changes[AuditChange::Fixed]).arg(changes[AuditChange::Opened]).arg(changes[AuditChange::Broken]);
    }
    m_view->setStatus(s);
}

void ReachabilityController::traceCell(int target, int source)
{
    const AuditResult *r = m_view ? m_view->model()->shown() : nullptr;
    const Scenario *sc = m_view ? m_view->model()->shownScenario() : nullptr;
    if (!r || !sc)
        return;
    const std::vector<int> flows = r->cellFlows(target, source);
    if (flows.empty())
        return;
    // The first flow that does not deliver everywhere, on its first failing branch.
    int pick = flows.front();
    for (int f : flows) {
        if (r->flows[size_t(f)].fate != Fate::All) {
            pick = f;
            break;
        }
    }
    const AuditFlow &flow = r->flows[size_t(pick)];
    TraceController *trace = m_window->traceController();
    trace->traceSpec(r->packet(*sc, flow));
    for (const AuditBranch &b : flow.branches) {
        if (!b.ok()) {
            const int branch = trace->branchTo(b.endpoint);
            if (branch >= 0)
                trace->selectBranch(branch);
            break;
        }
    }
    m_window->raise();
    m_window->activateWindow();
}

bool ReachabilityController::event(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_tr.retranslate();
        updateStatus();
    }
    return QObject::event(event);
}

} // namespace chainscope
