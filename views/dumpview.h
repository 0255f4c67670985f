#pragma once

#include "retranslator.h"
#include "ruleset.h"
#include "theme.h"

#include <QByteArray>
#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;

namespace chainscope {

class DumpHighlighter;
class DumpText;

/**
 * The node's rule files as text, highlighted, read-only, one file at a time. Follows the
 * selected rule (its file and line) and reports the rule under the cursor. The text is
 * shown by DumpText, which reads only the lines on screen from the file: a 36 MB dump
 * costs a few MB here, and each line is highlighted when it shows.
 */
class DumpView : public QWidget
{
    Q_OBJECT
public:
    explicit DumpView(QWidget *parent = nullptr);
    ~DumpView() override;

    /** The rule set must outlive its use here (or the next call). */
    void setRuleset(const Ruleset *rules, const Theme &theme);
    void setTheme(const Theme &theme);

    DumpText *editor() const { return m_edit; }
    QComboBox *fileBox() const { return m_files; }
    int currentFile() const { return m_file; }
    /** 1-based line of the cursor. */
    int currentLine() const;
    /** Shows a file and puts the cursor at the start of a 1-based line. */
    void showLine(int file, int line);
    /** The syntax the shown file is highlighted as: "iptables", "nftables" or empty (plain, as nft JSON). */
    QString syntax() const { return m_syntaxName; }
    /** Whether the colours are the Theme's (views/dumphighlighter) rather than a KDE theme's. */
    static bool highlightsWithTheme();

public Q_SLOTS:
    /** Selects the rule's line without emitting ruleAtCursor. */
    void selectRule(quint32 ruleId);
    /** Selects the chain's declaration line (":FORWARD DROP [0:0]", "-N X", "Chain X (...)") without emitting chainAtCursor. */
    void selectChain(chainscope::TableId table, int chain);

Q_SIGNALS:
    /** The cursor moved onto a rule's line (by the user). */
    void ruleAtCursor(quint32 ruleId);
    /** The cursor moved onto a chain's declaration line (by the user). */
    void chainAtCursor(chainscope::TableId table, int chain);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showFile(int file);
    void onCursorMoved();
    void applyHighlighterTheme();
    void applySyntax();

    const Ruleset *m_rules = nullptr;
    QComboBox *m_files = nullptr;
    DumpText *m_edit = nullptr;
    DumpHighlighter *m_highlighter = nullptr;     // without KF6SyntaxHighlighting
    struct Syntax;                                // with it: a line highlighter (dumpview.cpp)
    std::unique_ptr<Syntax> m_syntax;
    QByteArray m_shown;                           // the bytes the editor shows
    QString m_syntaxName = QStringLiteral("iptables");
    Theme m_theme;
    int m_file = -1;
    bool m_following = false;
    /** Where a rule is; sorted vectors, not hashes: a big dump has hundreds of thousands of rules. */
    struct RuleLine
    {
        int file = -1;
        int line = 0;
        quint32 ruleId = 0;
    };
    std::vector<RuleLine> m_byLine;   // by (file, line)
    std::vector<RuleLine> m_byRule;   // by rule id
    struct ChainLine
    {
        int file = -1;
        int line = 0;
        TableId table = TableId::Filter;
        int chain = -1;
    };
    std::vector<ChainLine> m_chainByLine;   // declarations by (file, line)
    Retranslator m_tr;
};

} // namespace chainscope
