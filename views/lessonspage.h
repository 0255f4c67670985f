#pragma once

#include "theme.h"

#include <QString>
#include <QWidget>

#include <vector>

class QPushButton;
class QTreeWidget;

namespace chainscope {

/**
 * The list of lessons: title, difficulty (●●○) and the learner's progress, one row per
 * lesson folder. A folder that does not load is listed greyed out with its FILE:LINE
 * message as tooltip and cannot be started. Knows nothing of settings or scenarios: the
 * lesson controller fills it.
 */
class LessonsPage : public QWidget
{
    Q_OBJECT
public:
    struct Entry
    {
        QString id;          // the folder's name, the key of the progress
        QString folder;      // absolute
        QString title;       // the folder's name when the lesson does not load
        int difficulty = 0;  // 1..3; 0 when unknown
        QString progress;    // "not started", "answered", "solved" (translated)
        QString error;       // FILE:LINE: message when the lesson does not load
        bool valid() const { return error.isEmpty(); }
    };

    explicit LessonsPage(QWidget *parent = nullptr);

    void setTheme(const Theme &theme);
    void setEntries(const std::vector<Entry> &entries);
    const std::vector<Entry> &entries() const { return m_entries; }
    QTreeWidget *list() const { return m_list; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *openButton() const { return m_open; }
    /** Index into entries() of the current row, or -1. */
    int currentEntry() const;
    void setCurrentEntry(int index);

    /** "●●○" for 2 of 3. */
    static QString difficultyText(int difficulty);

Q_SIGNALS:
    /** Start (button, Enter or double-click) on a lesson that loads. */
    void startRequested(const QString &folder);
    /** The learner wants to open a lesson folder of their own. */
    void openRequested();

private:
    void requestStart();
    void updateButtons();

    Theme m_theme;
    std::vector<Entry> m_entries;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_open = nullptr;
};

} // namespace chainscope
