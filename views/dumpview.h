#pragma once

#include "ruleset.h"
#include "theme.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QPair>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QSyntaxHighlighter;

namespace chainscope {

/**
 * The node's rule files as text, highlighted, read-only, one file at a time. Follows the
 * selected rule (its file and line) and reports the rule under the cursor.
 */
class DumpView : public QWidget
{
    Q_OBJECT
public:
    explicit DumpView(QWidget *parent = nullptr);

    /** The rule set must outlive its use here (or the next call). */
    void setRuleset(const Ruleset *rules, const Theme &theme);
    void setTheme(const Theme &theme);

    QPlainTextEdit *editor() const { return m_edit; }
    QComboBox *fileBox() const { return m_files; }
    int currentFile() const { return m_file; }
    /** 1-based line of the cursor. */
    int currentLine() const;
    /** Shows a file and puts the cursor at the start of a 1-based line. */
    void showLine(int file, int line);

public Q_SLOTS:
    /** Selects the rule's line without emitting ruleAtCursor. */
    void selectRule(quint32 ruleId);

Q_SIGNALS:
    /** The cursor moved onto a rule's line (by the user). */
    void ruleAtCursor(quint32 ruleId);

private:
    void showFile(int file);
    void onCursorMoved();
    void highlightLine(int line);
    void applyHighlighterTheme();
    /** Files above this size are not highlighted as a whole: only the blocks on screen, as they show. */
    static constexpr qint64 LazyHighlightBytes = 1 << 20;
    /** Attaches the highlighter to the editor's document (small files) or detaches it (big ones). */
    void attachHighlighter(bool attach);
    /** Big files: highlights the blocks on screen not yet done (all done ones again when redo). */
    void highlightVisible(bool redo = false);

    const Ruleset *m_rules = nullptr;
    QComboBox *m_files = nullptr;
    QPlainTextEdit *m_edit = nullptr;
    QSyntaxHighlighter *m_highlighter = nullptr;  // KSyntaxHighlighting's with KF6, else DumpHighlighter
    QLabel *m_note = nullptr;                     // shown for big files: highlighting limits
    bool m_lazy = false;                          // the shown file is big: no attached highlighter
    QSet<int> m_formatted;                        // big file: block numbers highlighted so far
    QString m_shownPath;                          // the file whose text the editor holds
    qint64 m_shownSize = -1;
    QDateTime m_shownModified;
    Theme m_theme;
    int m_file = -1;
    bool m_following = false;
    QHash<QPair<int, int>, quint32> m_ruleAt;   // (file, line) -> rule id
    QHash<quint32, QPair<int, int>> m_lineOf;   // rule id -> (file, line)
};

} // namespace chainscope
