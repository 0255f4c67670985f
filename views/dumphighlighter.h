#pragma once

#include "theme.h"

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <QTextLayout>

#include <vector>

namespace chainscope {

/** Colours iptables-save, -S and -L text, or `nft list ruleset` text: tables, chains, options,
 *  addresses, verdicts and targets, counters, comments (the same categories as resources/syntax/iptables.xml and nftables.xml). */
class DumpHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    enum class Language { Iptables, Nft, Plain };

    explicit DumpHighlighter(QTextDocument *document, const Theme &theme, Language language = Language::Iptables);
    void setTheme(const Theme &theme);
    void setLanguage(Language language);
    Language language() const { return m_language; }
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
    void buildIptables(const Theme &theme);
    void buildNft(const Theme &theme);

    std::vector<Pattern> m_patterns;
    Theme m_theme;
    Language m_language;
};

} // namespace chainscope
