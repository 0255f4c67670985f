#pragma once

#include "diagnostic.h"
#include "scenario.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <map>
#include <optional>
#include <vector>

class QThread;

namespace chainscope {

/**
 * Loads a scenario off the GUI thread: a folder, a scenario.json or one dump file through
 * Scenario::load, several dump files through Scenario::fromFiles. Reports progress, can be
 * cancelled, and hands the result over on the GUI thread when finished() is emitted.
 */
class ScenarioLoader : public QObject
{
    Q_OBJECT
public:
    explicit ScenarioLoader(QObject *parent = nullptr);
    ~ScenarioLoader() override;

    bool isRunning() const { return m_thread != nullptr; }
    QStringList paths() const { return m_paths; }
    /**
     * Starts loading; a load in progress is cancelled first. `tables` names the table of dump
     * files that do not say it (the user's answer to a "table-ambiguous" problem).
     */
    void start(const QStringList &paths, const std::map<QString, TableId> &tables = {});
    const std::map<QString, TableId> &tables() const { return m_tables; }
    void cancel();

    bool wasCancelled() const { return m_cancelled; }
    /** The loaded scenario, once; nullopt after errors or cancel. */
    std::optional<Scenario> takeScenario();
    const std::vector<Diagnostic> &diagnostics() const { return m_diags; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished();

private:
    void stopAndWait();
    void onThreadFinished();

    QThread *m_thread = nullptr;
    QStringList m_paths;
    std::map<QString, TableId> m_tables;
    std::atomic_bool m_cancel{false};
    bool m_cancelled = false;
    std::optional<Scenario> m_result;
    std::vector<Diagnostic> m_diags;
};

} // namespace chainscope
