#include "dumpview.h"

#include "dumphighlighter.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>

#ifdef CHAINSCOPE_HAVE_KF6SH
#include <QCoreApplication>
#include <QStandardPaths>

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#endif

namespace chainscope {

#ifdef CHAINSCOPE_HAVE_KF6SH
namespace {
/** One repository for every dump view; finds resources/syntax/iptables.xml (searched as <path>/syntax/). */
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
#endif

DumpView::DumpView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_files = new QComboBox(this);
    m_files->setToolTip(tr("Rule file of the current node"));
    m_edit = new QPlainTextEdit(this);
    m_edit->setReadOnly(true);
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_files);
    layout->addWidget(m_edit);
#ifdef CHAINSCOPE_HAVE_KF6SH
    auto *highlighter = new KSyntaxHighlighting::SyntaxHighlighter(m_edit->document());
    highlighter->setDefinition(syntaxRepository().definitionForName(QStringLiteral("iptables")));
    m_highlighter = highlighter;
#else
    m_highlighter = new DumpHighlighter(m_edit->document(), m_theme);
#endif

    connect(m_files, &QComboBox::currentIndexChanged, this, &DumpView::showFile);
    connect(m_edit, &QPlainTextEdit::cursorPositionChanged, this, &DumpView::onCursorMoved);
}

void DumpView::setTheme(const Theme &theme)
{
    m_theme = theme;
    applyHighlighterTheme();
    highlightLine(currentLine());
}

void DumpView::applyHighlighterTheme()
{
#ifdef CHAINSCOPE_HAVE_KF6SH
    // The definition's default styles in the KDE theme matching the palette (light or dark).
    auto *highlighter = static_cast<KSyntaxHighlighting::SyntaxHighlighter *>(m_highlighter);
    highlighter->setTheme(syntaxRepository().themeForPalette(palette()));
    highlighter->rehighlight();
#else
    static_cast<DumpHighlighter *>(m_highlighter)->setTheme(m_theme);
#endif
}

void DumpView::setRuleset(const Ruleset *rules, const Theme &theme)
{
    m_rules = rules;
    m_theme = theme;
    m_ruleAt.clear();
    m_lineOf.clear();
    m_file = -1;
    {
        const QSignalBlocker blocker(m_files);
        m_files->clear();
        if (rules)
            for (const QString &path : rules->files())
                m_files->addItem(QFileInfo(path).fileName(), path);
    }
    if (rules)
        for (int t = 0; t < TableCount; ++t)
            for (const Chain &c : rules->table(TableId(t)).chains)
                for (const Rule &r : c.rules)
                    if (r.loc.file >= 0 && r.loc.line > 0) {
                        m_ruleAt.insert({r.loc.file, r.loc.line}, r.id);
                        m_lineOf.insert(r.id, {r.loc.file, r.loc.line});
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
        m_edit->clear();
    } else {
        QFile f(m_rules->files()[size_t(file)]);
        if (f.open(QIODevice::ReadOnly))
            m_edit->setPlainText(QString::fromUtf8(f.readAll()));
        else
            m_edit->setPlainText(tr("Cannot read %1: %2").arg(f.fileName(), f.errorString()));
    }
    m_following = false;
}

int DumpView::currentLine() const
{
    return m_edit->textCursor().blockNumber() + 1;
}

void DumpView::showLine(int file, int line)
{
    showFile(file);
    const QTextBlock block = m_edit->document()->findBlockByNumber(line - 1);
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    m_edit->setTextCursor(cursor);
    m_edit->centerCursor();
}

void DumpView::selectRule(quint32 ruleId)
{
    const auto it = m_lineOf.constFind(ruleId);
    if (it == m_lineOf.cend())
        return;
    m_following = true;
    showLine(it->first, it->second);
    m_following = false;
    highlightLine(it->second);
}

void DumpView::highlightLine(int line)
{
    QList<QTextEdit::ExtraSelection> extras;
    const QTextBlock block = m_edit->document()->findBlockByNumber(line - 1);
    if (block.isValid()) {
        QTextEdit::ExtraSelection sel;
        sel.format.setBackground(m_theme.hlCurrentLine);
        sel.format.setProperty(QTextFormat::FullWidthSelection, true);
        sel.cursor = QTextCursor(block);
        extras.append(sel);
    }
    m_edit->setExtraSelections(extras);
}

void DumpView::onCursorMoved()
{
    const int line = currentLine();
    highlightLine(line);
    if (m_following)
        return;
    const quint32 id = m_ruleAt.value({m_file, line}, 0);
    if (id != 0)
        Q_EMIT ruleAtCursor(id);
}

} // namespace chainscope
