#include "dumptext.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <cstring>

namespace chainscope {

namespace {
constexpr int Margin = 4;
} // namespace

DumpText::DumpText(QWidget *parent) : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    verticalScrollBar()->setSingleStep(1);   // the vertical bar counts lines, the horizontal pixels
    m_lineStart = {0};
    changeEvent(nullptr);
}

void DumpText::resetContent()
{
    m_memory.clear();
    m_lineStart.clear();
    m_maxLineBytes = 0;
    m_cache.clear();
    m_cacheFirst = 0;
    m_cursor = 0;
    m_anchor = 0;
    m_selecting = false;
}

void DumpText::setData(const QByteArray &bytes)
{
    resetContent();
    m_memory = bytes;
    // Only the line starts are kept (8 bytes a line); the text stays in the shared bytes.
    m_lineStart.reserve(size_t(m_memory.size() / 64 + 2));
    m_lineStart.push_back(0);
    const char *data = m_memory.constData();
    const char *end = data + m_memory.size();
    for (const char *p = data; p < end && (p = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)))); ++p) {
        const qint64 next = (p - data) + 1;
        m_maxLineBytes = std::max(m_maxLineBytes, int(next - m_lineStart.back()));
        m_lineStart.push_back(next);
    }
    if (m_memory.size() > m_lineStart.back()) {   // last line without a line break
        m_maxLineBytes = std::max(m_maxLineBytes, int(m_memory.size() - m_lineStart.back()));
        m_lineStart.push_back(m_memory.size());
    }
    updateScrollBars();
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    viewport()->update();
}

void DumpText::setPlainText(const QString &text)
{
    setData(text.toUtf8());
}

QByteArray DumpText::readRange(qint64 from, qint64 to) const
{
    if (to <= from)
        return {};
    return QByteArray::fromRawData(m_memory.constData() + from, qsizetype(to - from));
}

void DumpText::ensureCached(int first, int count) const
{
    first = std::max(0, first);
    const int last = std::min(lineCount(), first + count);
    if (first >= last || (first >= m_cacheFirst && last <= m_cacheFirst + int(m_cache.size())))
        return;
    // A few screens around what is asked: scrolling line by line does not read each time.
    const int span = last - first;
    const int from = std::max(0, first - span);
    const int to = std::min(lineCount(), last + span);
    const QByteArray bytes = readRange(m_lineStart[size_t(from)], m_lineStart[size_t(to)]);
    m_cache.clear();
    m_cache.resize(size_t(to - from));
    m_cacheFirst = from;
    const qint64 base = m_lineStart[size_t(from)];
    for (int i = from; i < to; ++i) {
        qint64 b = m_lineStart[size_t(i)] - base;
        qint64 e = std::min<qint64>(m_lineStart[size_t(i) + 1] - base, bytes.size());
        while (e > b && (bytes[e - 1] == '\n' || bytes[e - 1] == '\r'))
            --e;
        m_cache[size_t(i - from)].text = b < e ? QString::fromUtf8(bytes.constData() + b, e - b) : QString();
    }
}

const DumpText::CachedLine &DumpText::cached(int line) const
{
    ensureCached(line, 1);
    return m_cache[size_t(line - m_cacheFirst)];
}

QString DumpText::lineText(int line) const
{
    if (line < 0 || line >= lineCount())
        return {};
    return cached(line).text;
}

void DumpText::setFormatter(Formatter formatter)
{
    m_formatter = std::move(formatter);
    for (CachedLine &l : m_cache)
        l.layout.reset();
    viewport()->update();
}

QList<QTextLayout::FormatRange> DumpText::lineFormats(int line) const
{
    return m_formatter ? m_formatter(lineText(line)) : QList<QTextLayout::FormatRange>();
}

void DumpText::setCurrentLineColour(const QColor &colour)
{
    m_currentLine = colour;
    viewport()->update();
}

int DumpText::visibleLines() const
{
    return std::max(1, viewport()->height() / m_lineHeight);
}

int DumpText::firstVisibleLine() const
{
    return verticalScrollBar()->value();
}

int DumpText::lineAt(int y) const
{
    return std::clamp(firstVisibleLine() + y / m_lineHeight, 0, std::max(0, lineCount() - 1));
}

void DumpText::updateScrollBars()
{
    const int page = visibleLines();
    verticalScrollBar()->setPageStep(page);
    verticalScrollBar()->setRange(0, std::max(0, lineCount() - page));
    const int width = m_maxLineBytes * m_charWidth + 2 * Margin;
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setSingleStep(m_charWidth * 4);
    horizontalScrollBar()->setRange(0, std::max(0, width - viewport()->width()));
}

void DumpText::changeEvent(QEvent *event)
{
    if (!event || event->type() == QEvent::FontChange) {
        const QFontMetrics fm(font());
        m_lineHeight = std::max(1, fm.lineSpacing());
        m_charWidth = std::max(1, fm.horizontalAdvance(QLatin1Char('M')));
        for (CachedLine &l : m_cache)
            l.layout.reset();
        updateScrollBars();
    }
    if (event)
        QAbstractScrollArea::changeEvent(event);
}

void DumpText::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void DumpText::paintEvent(QPaintEvent *event)
{
    QPainter p(viewport());
    const int first = firstVisibleLine();
    const int count = std::min(visibleLines() + 1, lineCount() - first);
    if (count <= 0)
        return;
    ensureCached(first, count);
    const int x = Margin - horizontalScrollBar()->value();
    const int width = viewport()->width();
    const int selFirst = std::min(m_anchor, m_cursor);
    const int selLast = std::max(m_anchor, m_cursor);
    for (int i = 0; i < count; ++i) {
        const int line = first + i;
        const QRect rect(0, i * m_lineHeight, width, m_lineHeight);
        if (!rect.intersects(event->rect()))
            continue;
        const bool selected = m_selecting && line >= selFirst && line <= selLast;
        if (selected)
            p.fillRect(rect, palette().brush(QPalette::Highlight));
        else if (line == m_cursor && m_currentLine.isValid())
            p.fillRect(rect, m_currentLine);
        CachedLine &c = m_cache[size_t(line - m_cacheFirst)];
        if (!c.layout) {
            c.layout = std::make_shared<QTextLayout>(c.text, font());
            QTextOption option;
            option.setWrapMode(QTextOption::NoWrap);
            c.layout->setTextOption(option);
            if (m_formatter)
                c.layout->setFormats(m_formatter(c.text));
            c.layout->beginLayout();
            c.layout->createLine();
            c.layout->endLayout();
        }
        p.setPen(palette().color(QPalette::Text));
        if (selected) {
            // Selected lines read in the selection colours, as in a text edit.
            QTextLayout::FormatRange sel;
            sel.start = 0;
            sel.length = int(c.text.size());
            sel.format.setForeground(palette().brush(QPalette::HighlightedText));
            sel.format.setBackground(palette().brush(QPalette::Highlight));
            c.layout->draw(&p, QPointF(x, rect.top()), {sel});
        } else {
            c.layout->draw(&p, QPointF(x, rect.top()));
        }
    }
}

void DumpText::moveCursor(int line, bool extend)
{
    line = std::clamp(line, 0, std::max(0, lineCount() - 1));
    if (!extend) {
        m_anchor = line;
        m_selecting = false;
    } else {
        m_selecting = true;
    }
    const bool moved = line != m_cursor;
    m_cursor = line;
    ensureCursorVisible();
    viewport()->update();
    if (moved)
        Q_EMIT cursorLineChanged(m_cursor);
}

void DumpText::setCursorLine(int line, bool select)
{
    line = std::clamp(line, 0, std::max(0, lineCount() - 1));
    const bool moved = line != m_cursor;
    m_cursor = line;
    m_anchor = line;
    m_selecting = select;
    ensureCursorVisible();
    viewport()->update();
    if (moved)
        Q_EMIT cursorLineChanged(m_cursor);
}

void DumpText::centerOnLine(int line)
{
    verticalScrollBar()->setValue(line - visibleLines() / 2);
}

void DumpText::ensureCursorVisible()
{
    QScrollBar *v = verticalScrollBar();
    const int page = visibleLines();
    if (m_cursor < v->value())
        v->setValue(m_cursor);
    else if (m_cursor >= v->value() + page)
        v->setValue(m_cursor - page + 1);
}

QString DumpText::selectedText() const
{
    if (!m_selecting)
        return {};
    QStringList lines;
    for (int l = std::min(m_anchor, m_cursor); l <= std::max(m_anchor, m_cursor); ++l)
        lines << lineText(l);
    return lines.join(QLatin1Char('\n'));
}

void DumpText::selectAll()
{
    m_anchor = 0;
    m_selecting = lineCount() > 0;
    const int last = std::max(0, lineCount() - 1);
    const bool moved = m_cursor != last;
    m_cursor = last;
    viewport()->update();
    if (moved)
        Q_EMIT cursorLineChanged(m_cursor);
}

void DumpText::copy() const
{
    // The cursor line when nothing is selected, as most viewers do.
    const QString text = m_selecting ? selectedText() : lineText(m_cursor);
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void DumpText::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copy();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    const bool extend = event->modifiers() & Qt::ShiftModifier;
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    QScrollBar *h = horizontalScrollBar();
    switch (event->key()) {
    case Qt::Key_Up:
        moveCursor(m_cursor - 1, extend);
        break;
    case Qt::Key_Down:
        moveCursor(m_cursor + 1, extend);
        break;
    case Qt::Key_PageUp:
        moveCursor(m_cursor - visibleLines(), extend);
        break;
    case Qt::Key_PageDown:
        moveCursor(m_cursor + visibleLines(), extend);
        break;
    case Qt::Key_Home:
        if (ctrl)
            moveCursor(0, extend);
        h->setValue(0);
        break;
    case Qt::Key_End:
        if (ctrl)
            moveCursor(lineCount() - 1, extend);
        else
            h->setValue(std::max(0, int(lineText(m_cursor).size()) * m_charWidth + 2 * Margin - viewport()->width()));
        break;
    case Qt::Key_Left:
        h->triggerAction(QAbstractSlider::SliderSingleStepSub);
        break;
    case Qt::Key_Right:
        h->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
    }
}

void DumpText::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && lineCount() > 0) {
        moveCursor(lineAt(event->position().toPoint().y()), event->modifiers() & Qt::ShiftModifier);
        return;
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void DumpText::mouseMoveEvent(QMouseEvent *event)
{
    // Dragging selects whole lines; past the top or bottom edge it scrolls.
    if ((event->buttons() & Qt::LeftButton) && lineCount() > 0) {
        const int y = event->position().toPoint().y();
        int line = lineAt(y);
        if (y < 0)
            line = firstVisibleLine() - 1;
        else if (y >= viewport()->height())
            line = firstVisibleLine() + visibleLines();
        moveCursor(line, true);
        return;
    }
    QAbstractScrollArea::mouseMoveEvent(event);
}

void DumpText::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *copyAction = menu.addAction(tr("&Copy"), this, &DumpText::copy);
    copyAction->setShortcut(QKeySequence::Copy);
    QAction *all = menu.addAction(tr("Select &All"), this, &DumpText::selectAll);
    all->setShortcut(QKeySequence::SelectAll);
    menu.exec(event->globalPos());
}

} // namespace chainscope
