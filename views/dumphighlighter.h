#pragma once

#include "theme.h"

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <QTextLayout>

#include <vector>

namespace chainscope {

/** Colours iptables-save, -S and -L text: tables, chains, options, addresses, targets, comments. */
class DumpHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit DumpHighlighter(QTextDocument *document, const Theme &theme);
    void setTheme(const Theme &theme);
    /** The formats highlightBlock() would set on a line (later ranges win), for highlighting
     *  blocks of a document this highlighter is not attached to (big files, on screen only). */
    QList<QTextLayout::FormatRange> formatsFor(const QString &text) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Pattern
    {
        QRegularExpression re;
        QTextCharFormat format;
        int group = 0;
    };
    std::vector<Pattern> m_patterns;
};

} // namespace chainscope
