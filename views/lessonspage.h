#pragma once

#include "retranslator.h"
#include "theme.h"

#include <QString>
#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace chainscope {

/**
 * The list of lessons: title, difficulty (●●○) and the learner's progress, one row per
 * lesson folder. A folder that does not load is listed greyed out with its FILE:LINE
 * message as tooltip and cannot be started; a lessons folder that is missing is listed the
 * same way, with a note above the list, and a folder the learner added can be forgotten.
 * Knows nothing of settings or scenarios: the lesson controller fills it.
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
        QString root;        // the folder the learner added that lists it; empty for the bundled lessons
        bool missing = false; // the folder does not exist (error says which)
        bool valid() const { return error.isEmpty(); }
    };

    explicit LessonsPage(QWidget *parent = nullptr);

    void setTheme(const Theme &theme);
    void setEntries(const std::vector<Entry> &entries);
    const std::vector<Entry> &entries() const { return m_entries; }
    QTreeWidget *list() const { return m_list; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *forgetButton() const { return m_forget; }
    /** Says which lessons folders are missing; hidden when none is. */
    QLabel *noticeLabel() const { return m_notice; }
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
    /** Forget Folder on a row from a folder the learner added: stop listing that folder. */
    void forgetRequested(const QString &root);

protected:
    void changeEvent(QEvent *event) override;

private:
    void requestStart();
    void updateButtons();

    Theme m_theme;
    std::vector<Entry> m_entries;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_forget = nullptr;
    QLabel *m_notice = nullptr;
    Retranslator m_tr;
};

} // namespace chainscope
