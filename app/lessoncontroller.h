#pragma once

#include "lesson.h"
#include "lessonspage.h"
#include "retranslator.h"
#include "theme.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QPushButton;
class QScrollArea;

namespace chainscope {

class MainWindow;
class TraceController;

/**
 * The learner's loop: the Lessons page (bundled lessons and folders the learner opened),
 * and for the lesson in progress the Lesson panel: story, question, "This is where it
 * dies" on the rule or policy row picked on the graph (LessonChecker::isAnswer), "Check my
 * fix" on the trace document's edits (LessonChecker::check), hints one at a time, and the
 * answer (the lesson's narrowest fix applied through the undo stack, then traced).
 * Progress is kept in QSettings under lessons/<folder name>/progress.
 * The scenario loads through MainWindow::openPaths, the fix goes through TraceController.
 */
class LessonController : public QObject
{
    Q_OBJECT
public:
    enum Progress { NotStarted, Answered, Solved };

    LessonController(MainWindow *window, TraceController *trace);
    ~LessonController() override;

    /**
     * Bundled lessons: $CHAINSCOPE_LESSONS when it names a folder, else BundledData::lessonsDir()
     * (next to the executable, the source tree, the install prefix, or the copy inside it).
     */
    static QString bundledLessonsDir();
    /** Settings key of the lesson folders the learner added (a string list). */
    static QString foldersKey() { return QStringLiteral("lessonFolders"); }
    /**
     * The rows of the Lessons page: the bundled lessons, then those of roots (each a lesson
     * folder or a folder of them); a missing root, or a $CHAINSCOPE_LESSONS naming no folder,
     * is a row that says so.
     */
    static std::vector<LessonsPage::Entry> entries(const QStringList &roots);

    LessonsPage *lessonsPage() const { return m_page; }
    QDockWidget *lessonsDock() const { return m_pageDock; }
    QDockWidget *lessonDock() const { return m_lessonDock; }
    QAction *lessonsAction() const { return m_lessonsAction; }
    QAction *openLessonAction() const { return m_openAction; }
    QAction *answerAction() const { return m_answerAction; }
    QAction *checkAction() const { return m_checkAction; }
    QAction *hintAction() const { return m_hintAction; }
    QAction *showAnswerAction() const { return m_showAnswerAction; }
    QPushButton *answerButton() const { return m_answerButton; }
    QPushButton *checkButton() const { return m_checkButton; }
    QPushButton *hintButton() const { return m_hintButton; }
    QPushButton *showAnswerButton() const { return m_showAnswerButton; }
    QLabel *titleLabel() const { return m_title; }
    QLabel *storyView() const { return m_story; }
    QLabel *pickLabel() const { return m_pickLabel; }
    QLabel *answerLabel() const { return m_answerLabel; }
    QLabel *hintsLabel() const { return m_hintsLabel; }
    QLabel *checkLabel() const { return m_checkLabel; }
    QLabel *explanationLabel() const { return m_explanationLabel; }

    /** Folders listed besides the bundled lessons (each a lesson folder or a folder of them); remembered in QSettings. */
    void addLessonRoot(const QString &folder);
    /** Stops listing a folder added with addLessonRoot(). */
    void forgetLessonRoot(const QString &folder);
    QStringList lessonRoots() const { return m_roots; }
    /** Reloads every listed lesson and the progress. */
    void refresh();

    const Lesson *lesson() const { return m_lesson ? &*m_lesson : nullptr; }
    bool isStarting() const { return m_starting; }
    int hintsShown() const { return m_hints; }
    /** The row picked on the graph as an answer, if any. */
    bool hasPick() const { return m_pick.has_value(); }
    const std::optional<LessonCheck> &lastCheck() const { return m_check; }
    bool lastAnswerCorrect() const { return m_answerCorrect; }

    static Progress progress(const QString &id);
    static QString progressText(Progress p);

public Q_SLOTS:
    void showLessonsPage();
    /** Loads a lesson folder and starts it; false with the FILE:LINE message when it does not load. */
    bool startLesson(const QString &folder, QString *error = nullptr);
    void openLessonDialog();
    /** Picks a row as the answer: rule is 1-based, 0 for the chain's policy. */
    void pick(const QString &node, chainscope::TableId table, const QString &chain, int rule);
    /** "This is where it dies" on the picked row. */
    bool answer();
    /** "Check my fix" on the document's edits. */
    void checkFix();
    void showHint();
    /** Applies the narrowest fix (through the undo stack), traces, animates, explains. */
    void showAnswer();

Q_SIGNALS:
    void lessonStarted();
    /** A lesson folder was refused; message has FILE:LINE. */
    void lessonRefused(const QString &message);
    void progressChanged(const QString &id, chainscope::LessonController::Progress progress);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    /** QEvent::LanguageChange, sent on by the window: retranslateUi(). */
    bool event(QEvent *event) override;

private:
    /** The menu, docks, lesson list and the lesson in progress in the language now installed. */
    void retranslateUi();
    /** "node02 filter FORWARD policy" for the row picked, or empty. */
    QString pickWhere() const;
    /** The answer label for the pick (answer() decided m_answerCorrect). */
    void showAnswerResult();
    /** The explanation label of showAnswer(), from m_fixErrors. */
    void showAnswerText();
    void createWidgets();
    void createActions();
    void onScenarioLoaded();
    void endLesson();
    void updatePanel();
    void updateHints();
    void tidy();
    void setProgress(Progress p);
    void pickFromScenePoint(const QPointF &scenePos);
    void pickRule(quint32 ruleId);
    QString scenarioPathOf(const QString &folder) const;
    QString colouredText(const QString &text, const QColor &colour) const;

    MainWindow *m_window;
    TraceController *m_trace;
    Theme m_theme;
    QStringList m_roots;
    LessonsPage *m_page = nullptr;
    QDockWidget *m_pageDock = nullptr;
    QDockWidget *m_lessonDock = nullptr;
    QScrollArea *m_scroll = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_story = nullptr;
    QLabel *m_pickLabel = nullptr;
    QLabel *m_answerLabel = nullptr;
    QLabel *m_hintsLabel = nullptr;
    QLabel *m_checkLabel = nullptr;
    QLabel *m_explanationLabel = nullptr;
    QPushButton *m_answerButton = nullptr;
    QPushButton *m_checkButton = nullptr;
    QPushButton *m_hintButton = nullptr;
    QPushButton *m_showAnswerButton = nullptr;
    QAction *m_lessonsAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_answerAction = nullptr;
    QAction *m_checkAction = nullptr;
    QAction *m_hintAction = nullptr;
    QAction *m_showAnswerAction = nullptr;

    struct Pick
    {
        QString node;
        TableId table = TableId::Filter;
        QString chain;
        int rule = 0;
        QString nftTable;   // "inet firewalld" when picked in the nftables dock
    };
    std::optional<Lesson> m_lesson;
    std::optional<Pick> m_pick;
    std::optional<LessonCheck> m_check;
    bool m_starting = false;       // the lesson's scenario is loading
    bool m_answerCorrect = false;
    bool m_answerShown = false;
    int m_hints = 0;
    QStringList m_fixErrors;   // showAnswer(): per edit of the narrowest fix, why it did not apply (empty: applied)
    Retranslator m_tr;
};

} // namespace chainscope
