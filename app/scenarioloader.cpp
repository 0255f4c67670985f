#include "scenarioloader.h"

#include <QThread>

namespace chainscope {

ScenarioLoader::ScenarioLoader(QObject *parent) : QObject(parent) {}

ScenarioLoader::~ScenarioLoader()
{
    stopAndWait();
}

void ScenarioLoader::stopAndWait()
{
    if (!m_thread)
        return;
    m_cancel = true;
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void ScenarioLoader::cancel()
{
    m_cancel = true;
}

void ScenarioLoader::start(const QStringList &paths, const std::map<QString, TableId> &tables)
{
    stopAndWait();
    m_paths = paths;
    m_tables = tables;
    m_cancel = false;
    m_cancelled = false;
    m_result.reset();
    m_diags.clear();
    // The worker writes m_result and m_diags only; the GUI thread reads them after finished.
    m_thread = QThread::create([this, paths, tables] {
        const Scenario::Progress progressFn = [this](qint64 done, qint64 total) {
            QMetaObject::invokeMethod(this, [this, done, total] { Q_EMIT progress(done, total); },
                                      Qt::QueuedConnection);
            return !m_cancel.load();
        };
        if (paths.size() == 1 && tables.empty())
            m_result = Scenario::load(paths.first(), m_diags, progressFn);
        else
            m_result = Scenario::fromFiles(paths, m_diags, progressFn, tables);
        m_cancelled = m_cancel.load();
        if (m_cancelled)
            m_result.reset();
    });
    connect(m_thread, &QThread::finished, this, &ScenarioLoader::onThreadFinished);
    m_thread->start();
}

void ScenarioLoader::onThreadFinished()
{
    if (!m_thread || !m_thread->isFinished())
        return;
    m_thread->deleteLater();
    m_thread = nullptr;
    Q_EMIT finished();
}

std::optional<Scenario> ScenarioLoader::takeScenario()
{
    std::optional<Scenario> s = std::move(m_result);
    m_result.reset();
    return s;
}

} // namespace chainscope
