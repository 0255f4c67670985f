#include "dumpview.h"

#include <QEvent>

#include "dumphighlighter.h"
#include "dumptext.h"
#include "nftparser.h"

#include <QComboBox>
#include <QFileInfo>
#include <QVBoxLayout>

#include <algorithm>

#ifdef CHAINSCOPE_HAVE_KF6SH
#include <QCoreApplication>
#include <QStandardPaths>

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/Theme>
#endif

namespace chainscope {

#ifdef CHAINSCOPE_HAVE_KF6SH
namespace {
/** One repository for every dump view; finds resources/syntax/{iptables,nftables}.xml (searched as <path>/syntax/). */
KSyntaxHighlighting::Repository &syntaxRepository()
{
    static KSyntaxHighlighting::Repository repo;
    static const bool searched = [] {
        // Build tree, installed next to the executable (share/chainscope/syntax), the data dirs.
        repo.addCustomSearchPath(QStringLiteral(CHAINSCOPE_SYNTAX_SOURCE_DIR));
        repo.addCustomSearchPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/chainscope"));
        for (const QString &dir : QStandardPaths::locateAll(QStandardPaths::GenericDataLocation,
                                                            QStringLiteral("chainscope"), QStandardPaths::LocateDirectory))
            repo.addCustomSearchPath(dir);
        return true;
    }();
    Q_UNUSED(searched);
    return repo;
}
} // namespace

/** The iptables or nftables definition applied one line at a time (dump lines stand alone;
 *  nft's blocks only open and close on lines of their own). */
struct DumpView::Syntax : public KSyntaxHighlighting::AbstractHighlighter
{
    QList<QTextLayout::FormatRange> ranges;

    QList<QTextLayout::FormatRange> formatsFor(const QString &line)
    {
        ranges.clear();
        highlightLine(line, KSyntaxHighlighting::State());
        return ranges;
    }

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format) override
    {
        if (length <= 0 || format.isDefaultTextStyle(theme()))
            return;
        QTextCharFormat f;
        if (format.hasTextColor(theme()))
            f.setForeground(format.textColor(theme()));
        if (format.isBold(theme()))
            f.setFontWeight(QFont::Bold);
        f.setFontItalic(format.isItalic(theme()));
        ranges.append({offset, length, f});
    }
};
#else
struct DumpView::Syntax
{
};
#endif

namespace {
/** Rule and chain lines alike, in file order. */
const auto byFileLine = [](const auto &a, const auto &b) { return a.file != b.file ? a.file < b.file : a.line < b.line; };
} // namespace

void DumpView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        m_tr.retranslate();
    QWidget::changeEvent(event);
}

DumpView::DumpView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_files = new QComboBox(this);
    m_tr.add([this] { m_files->setToolTip(tr("Rule file of the current node")); });
    m_edit = new DumpText(this);
    layout->addWidget(m_files);
    layout->addWidget(m_edit);
    // Lines are highlighted as DumpText shows them, whatever the file's size.
#ifdef CHAINSCOPE_HAVE_KF6SH
    m_syntax = std::make_unique<Syntax>();
#else
    m_highlighter = new DumpHighlighter(nullptr, m_theme);
    m_highlighter->setParent(this);
#endif
    applySyntax();

    connect(m_files, &QComboBox::currentIndexChanged, this, &DumpView::showFile);
    connect(m_edit, &DumpText::cursorLineChanged, this, &DumpView::onCursorMoved);
}

DumpView::~DumpView() = default;

void DumpView::setTheme(const Theme &theme)
{
    m_theme = theme;
    applyHighlighterTheme();
}

bool DumpView::highlightsWithTheme()
{
#ifdef CHAINSCOPE_HAVE_KF6SH
    return false;
#else
    return true;
#endif
}

void DumpView::applyHighlighterTheme()
{
#ifdef CHAINSCOPE_HAVE_KF6SH
    // The definition's default styles in the KDE theme matching the palette (light or dark).
    m_syntax->setTheme(syntaxRepository().themeForPalette(palette()));
#else
    m_highlighter->setTheme(m_theme);
#endif
    applySyntax();
    m_edit->setCurrentLineColour(m_theme.hlCurrentLine);
}

void DumpView::applySyntax()
{
    if (m_syntaxName.isEmpty()) {
        m_edit->setFormatter({});
        return;
    }
#ifdef CHAINSCOPE_HAVE_KF6SH
    m_syntax->setDefinition(syntaxRepository().definitionForName(m_syntaxName));
    m_edit->setFormatter([this](const QString &line) { return m_syntax->formatsFor(line); });
#else
    m_highlighter->setLanguage(m_syntaxName == QLatin1String("nftables") ? DumpHighlighter::Language::Nft
                                                                          : DumpHighlighter::Language::Iptables);
    m_edit->setFormatter([this](const QString &line) { return m_highlighter->formatsFor(line); });
#endif
}

void DumpView::setRuleset(const Ruleset *rules, const Theme &theme)
{
    m_rules = rules;
    m_theme = theme;
    m_byLine.clear();
    m_byRule.clear();
    m_chainByLine.clear();
    m_file = -1;
    {
        const QSignalBlocker blocker(m_files);
        m_files->clear();
        if (rules)
            for (const QString &path : rules->files())
                m_files->addItem(QFileInfo(path).fileName(), path);
    }
    if (rules) {
        for (int t = 0; t < TableCount; ++t)
            for (const Chain &c : rules->table(TableId(t)).chains)
                for (const Rule &r : c.rules)
                    if (r.loc.file >= 0 && r.loc.line > 0)
                        m_byLine.push_back({r.loc.file, r.loc.line, r.id});
        m_byRule = m_byLine;
        for (int t = 0; t < TableCount; ++t) {
            const auto &chains = rules->table(TableId(t)).chains;
            for (size_t c = 0; c < chains.size(); ++c)
                if (chains[c].loc.file >= 0 && chains[c].loc.line > 0)
                    m_chainByLine.push_back({chains[c].loc.file, chains[c].loc.line, TableId(t), int(c)});
        }
        std::sort(m_chainByLine.begin(), m_chainByLine.end(), byFileLine);
        std::sort(m_byLine.begin(), m_byLine.end(), byFileLine);
        std::sort(m_byRule.begin(), m_byRule.end(), [](const RuleLine &a, const RuleLine &b) { return a.ruleId < b.ruleId; });
    }
    applyHighlighterTheme();
    showFile(rules && !rules->files().empty() ? 0 : -1);
}

void DumpView::showFile(int file)
{
    if (file == m_file)
        return;
    m_file = file;
    const QSignalBlocker blocker(m_files);
    m_files->setCurrentIndex(file);
    m_following = true;
    if (!m_rules || file < 0 || file >= int(m_rules->files().size())) {
        m_shown.clear();
        m_edit->clear();
    } else {
        // The format the file was read as picks the syntax: nft text (and nft list hooks) as
        // nftables, nft JSON plain, anything else as iptables.
        const QString format = size_t(file) < m_rules->formats.size() ? m_rules->formats[size_t(file)] : QString();
        using nft::NftParser;
        QString name = QStringLiteral("iptables");
        if (format == NftParser::formatName(NftParser::Format::Text) || format == NftParser::formatName(NftParser::Format::Hooks))
            name = QStringLiteral("nftables");
        else if (format == NftParser::formatName(NftParser::Format::Json))
            name.clear();
        if (name != m_syntaxName) {
            m_syntaxName = name;
            applySyntax();
        }
        // The bytes the rules were parsed from, shared with the rule set: lines and rows
        // agree even when the file changed on disk since.
        const QByteArray bytes = m_rules->fileBytes(file);
        // The same bytes are already shown (a new rule set from the same dump: an edit).
        if (bytes.constData() != m_shown.constData() || bytes.size() != m_shown.size() || m_shown.isNull()) {
            m_shown = bytes;
            m_edit->setData(bytes);
        }
    }
    m_following = false;
}

int DumpView::currentLine() const
{
    return m_edit->cursorLine() + 1;
}

void DumpView::showLine(int file, int line)
{
    showFile(file);
    if (line < 1 || line > m_edit->lineCount())
        return;
    m_edit->setCursorLine(line - 1, true);
    m_edit->centerOnLine(line - 1);
}

void DumpView::selectRule(quint32 ruleId)
{
    const auto it = std::lower_bound(m_byRule.cbegin(), m_byRule.cend(), ruleId,
                                     [](const RuleLine &r, quint32 id) { return r.ruleId < id; });
    if (it == m_byRule.cend() || it->ruleId != ruleId)
        return;
    m_following = true;
    showLine(it->file, it->line);
    m_following = false;
}

void DumpView::selectChain(TableId table, int chain)
{
    if (!m_rules || chain < 0 || size_t(chain) >= m_rules->table(table).chains.size())
        return;
    const SourceLoc loc = m_rules->table(table).chains[size_t(chain)].loc;
    if (loc.file < 0 || loc.line <= 0)
        return;
    m_following = true;
    showLine(loc.file, loc.line);
    m_following = false;
}

void DumpView::onCursorMoved()
{
    if (m_following)
        return;
    const int line = currentLine();
    const RuleLine key{m_file, line, 0};
    const auto it = std::lower_bound(m_byLine.cbegin(), m_byLine.cend(), key, byFileLine);
    if (it != m_byLine.cend() && it->file == key.file && it->line == key.line && it->ruleId != 0) {
        Q_EMIT ruleAtCursor(it->ruleId);
        return;
    }
    const ChainLine chainKey{m_file, line, TableId::Filter, -1};
    const auto c = std::lower_bound(m_chainByLine.cbegin(), m_chainByLine.cend(), chainKey, byFileLine);
    if (c != m_chainByLine.cend() && c->file == chainKey.file && c->line == chainKey.line)
        Q_EMIT chainAtCursor(c->table, c->chain);
}

} // namespace chainscope
