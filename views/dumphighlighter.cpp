#include "dumphighlighter.h"

namespace chainscope {

DumpHighlighter::DumpHighlighter(QTextDocument *document, const Theme &theme) : QSyntaxHighlighter(document)
{
    setTheme(theme);
}

void DumpHighlighter::setTheme(const Theme &theme)
{
    auto format = [](const QColor &c, bool bold = false, bool italic = false) {
        QTextCharFormat f;
        f.setForeground(c);
        if (bold)
            f.setFontWeight(QFont::Bold);
        f.setFontItalic(italic);
        return f;
    };
    auto re = [](const char *pattern) { return QRegularExpression(QLatin1String(pattern)); };
    // Later patterns win where they overlap: comments and targets last.
    m_patterns.clear();
    m_patterns.push_back({re(R"(\s(--?[A-Za-z][\w-]*))"), format(theme.hlOption), 1});
    m_patterns.push_back({re(R"(!)"), format(theme.hlDrop, true), 0});
    m_patterns.push_back({re(R"(\b\d{1,3}(\.\d{1,3}){3}(/\d{1,2})?(:\d+(-\d+)?)?\b)"), format(theme.hlAddress), 0});
    m_patterns.push_back({re(R"(\b(anywhere|0\.0\.0\.0/0)\b)"), format(theme.hlAddress), 0});
    m_patterns.push_back({re(R"(^\[\d+:\d+\])"), format(theme.hlCounter), 0});
    m_patterns.push_back({re(R"(^\*\w+)"), format(theme.hlTable, true), 0});
    m_patterns.push_back({re(R"(^COMMIT\b)"), format(theme.hlTable, true), 0});
    m_patterns.push_back({re(R"(^:(\S+))"), format(theme.hlChain, true), 0});
    m_patterns.push_back({re(R"(^Chain \S+)"), format(theme.hlChain, true), 0});
    m_patterns.push_back({re(R"((^|\s)-[ANPI]\s+(\S+))"), format(theme.hlChain, true), 2});
    m_patterns.push_back({re(R"(-[jg]\s+(\S+))"), format(theme.hlTarget, true), 1});
    m_patterns.push_back({re(R"(\bACCEPT\b)"), format(theme.hlAccept, true), 0});
    m_patterns.push_back({re(R"(\b(DROP|REJECT)\b)"), format(theme.hlDrop, true), 0});
    m_patterns.push_back({re(R"("[^"]*")"), format(theme.hlComment, false, true), 0});
    m_patterns.push_back({re(R"(/\*.*?\*/)"), format(theme.hlComment, false, true), 0});
    m_patterns.push_back({re(R"(^\s*#.*$)"), format(theme.hlComment, false, true), 0});
    rehighlight();
}

QList<QTextLayout::FormatRange> DumpHighlighter::formatsFor(const QString &text) const
{
    QList<QTextLayout::FormatRange> ranges;
    for (const Pattern &p : m_patterns) {
        auto it = p.re.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            if (m.capturedLength(p.group) > 0)
                ranges.append({int(m.capturedStart(p.group)), int(m.capturedLength(p.group)), p.format});
        }
    }
    return ranges;
}

void DumpHighlighter::highlightBlock(const QString &text)
{
    for (const QTextLayout::FormatRange &r : formatsFor(text))
        setFormat(r.start, r.length, r.format);
}

} // namespace chainscope
