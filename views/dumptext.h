#pragma once

#include <QAbstractScrollArea>
#include <QColor>
#include <QByteArray>
#include <QTextLayout>

#include <functional>
#include <memory>
#include <vector>

namespace chainscope {

/**
 * A read-only, line-based text viewer for rule dumps of any size. It keeps the line starts
 * (a few MB for a 36 MB dump) over bytes it shares; the lines on screen are decoded,
 * highlighted and laid out when they show. A QPlainTextEdit held a 30k-service dump as a
 * QTextDocument of several hundred MB and took seconds to lay it out.
 * Cursor and selection are whole lines: the cursor line is what the dump view follows.
 */
class DumpText : public QAbstractScrollArea
{
    Q_OBJECT
public:
    using Formatter = std::function<QList<QTextLayout::FormatRange>(const QString &line)>;

    explicit DumpText(QWidget *parent = nullptr);

    /**
     * Shows UTF-8 text, such as a dump's bytes as the rule set loaded them: the bytes are
     * shared, not copied, so what shows is what was parsed even if the file changes on disk.
     */
    void setData(const QByteArray &bytes);
    /** Shows a text (messages, small texts). */
    void setPlainText(const QString &text);
    void clear() { setPlainText({}); }

    int lineCount() const { return int(m_lineStart.size()) - 1; }
    /** The text of a 0-based line, without its line break. */
    QString lineText(int line) const;

    /** 0-based line of the cursor. */
    int cursorLine() const { return m_cursor; }
    /** Moves the cursor to a 0-based line; with select, the line is selected (as by a click on a rule). */
    void setCursorLine(int line, bool select = false);
    /** Scrolls so a 0-based line is in the middle of the viewport. */
    void centerOnLine(int line);
    int firstVisibleLine() const;
    bool hasSelection() const { return m_selecting; }
    /** The selected lines joined by '\n' (empty without a selection). */
    QString selectedText() const;
    void selectAll();
    void copy() const;

    /** Highlights each line as it is shown; re-highlights what is on screen. */
    void setFormatter(Formatter formatter);
    /** The formats a line is drawn with (empty without a formatter). */
    QList<QTextLayout::FormatRange> lineFormats(int line) const;
    void setCurrentLineColour(const QColor &colour);

Q_SIGNALS:
    /** The cursor moved to another line (by the user or setCursorLine). */
    void cursorLineChanged(int line);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct CachedLine
    {
        QString text;
        std::shared_ptr<QTextLayout> layout;   // built on first paint
    };
    /** Reads lines [first, first + count) into the cache (replacing it) if not all there. */
    void ensureCached(int first, int count) const;
    const CachedLine &cached(int line) const;
    QByteArray readRange(qint64 from, qint64 to) const;
    void resetContent();
    void updateScrollBars();
    int visibleLines() const;
    int lineAt(int y) const;
    void moveCursor(int line, bool extend);
    void ensureCursorVisible();

    QByteArray m_memory;               // the text shown (shared with the rule set)
    std::vector<qint64> m_lineStart;   // byte offset of each line, then the end
    int m_maxLineBytes = 0;            // for the horizontal range
    mutable int m_cacheFirst = 0;
    mutable std::vector<CachedLine> m_cache;
    Formatter m_formatter;
    QColor m_currentLine;
    int m_cursor = 0;
    int m_anchor = 0;
    bool m_selecting = false;          // lines between anchor and cursor are selected
    int m_lineHeight = 1;
    int m_charWidth = 1;
};

} // namespace chainscope
