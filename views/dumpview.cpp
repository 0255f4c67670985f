#include "dumpview.h"

#include "dumphighlighter.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QScrollBar>
#include <QTimer>
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
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setVisible(false);
    layout->addWidget(m_files);
    layout->addWidget(m_note);
    layout->addWidget(m_edit);
    // Attached to the document per file (attachHighlighter()): big files are not highlighted whole.
#ifdef CHAINSCOPE_HAVE_KF6SH
    auto *highlighter = new KSyntaxHighlighting::SyntaxHighlighter(this);
    highlighter->setDefinition(syntaxRepository().definitionForName(QStringLiteral("iptables")));
    m_highlighter = highlighter;
#else
    m_highlighter = new DumpHighlighter(nullptr, m_theme);
    m_highlighter->setParent(this);
#endif

    connect(m_edit->verticalScrollBar(), &QScrollBar::valueChanged, this, [this] { highlightVisible(); });
    connect(m_edit->verticalScrollBar(), &QScrollBar::rangeChanged, this, [this] { highlightVisible(); });

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
    if (highlighter->document())
        highlighter->rehighlight();
#else
    static_cast<DumpHighlighter *>(m_highlighter)->setTheme(m_theme);  // rehighlights only when attached
#endif
    highlightVisible(true);
}

void DumpView::attachHighlighter(bool attach)
{
    QTextDocument *doc = attach ? m_edit->document() : nullptr;
    if (m_highlighter->document() != doc)
        m_highlighter->setDocument(doc);
}

void DumpView::highlightVisible(bool redo)
{
    if (!m_lazy)
        return;
#ifdef CHAINSCOPE_HAVE_KF6SH
    Q_UNUSED(redo);   // KSyntaxHighlighting needs the whole document: big files stay plain
#else
    auto *hl = static_cast<DumpHighlighter *>(m_highlighter);
    QTextDocument *doc = m_edit->document();
    auto format = [&](QTextBlock block) {
        if (QTextLayout *layout = block.layout()) {
            layout->setFormats(hl->formatsFor(block.text()));
            doc->markContentsDirty(block.position(), block.length());
        }
    };
    if (redo)
        for (int n : std::as_const(m_formatted))
            format(doc->findBlockByNumber(n));
    const int lineHeight = std::max(1, QFontMetrics(m_edit->font()).lineSpacing());
    int count = m_edit->viewport()->height() / lineHeight + 2;
    for (QTextBlock block = m_edit->cursorForPosition(QPoint(0, 0)).block(); block.isValid() && count-- > 0;
         block = block.next()) {
        const int n = block.blockNumber();
        if (m_formatted.contains(n))
            continue;
        m_formatted.insert(n);
        format(block);
    }
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
        m_lazy = false;
        m_formatted.clear();
        m_shownPath.clear();
        m_note->setVisible(false);
        m_edit->clear();
    } else {
        const QString path = m_rules->files()[size_t(file)];
        const QFileInfo info(path);
        // The same file, unchanged, is already in the editor (a new rule set from the same dump).
        const bool same = path == m_shownPath && info.size() == m_shownSize && info.lastModified() == m_shownModified;
        if (!same) {
            QFile f(path);
            m_formatted.clear();
            if (f.open(QIODevice::ReadOnly)) {
                const QByteArray data = f.readAll();
                m_lazy = data.size() > LazyHighlightBytes;
                attachHighlighter(!m_lazy);
                m_edit->setPlainText(QString::fromUtf8(data));
                m_shownPath = path;
                m_shownSize = info.size();
                m_shownModified = info.lastModified();
            } else {
                m_lazy = false;
                attachHighlighter(false);
                m_edit->setPlainText(tr("Cannot read %1: %2").arg(f.fileName(), f.errorString()));
                m_shownPath.clear();
            }
#ifdef CHAINSCOPE_HAVE_KF6SH
            m_note->setText(tr("Large file (%1 MB): shown without highlighting.").arg(double(m_shownSize) / (1 << 20), 0, 'f', 1));
#else
            m_note->setText(tr("Large file (%1 MB): lines are highlighted as they scroll into view.")
                                .arg(double(m_shownSize) / (1 << 20), 0, 'f', 1));
#endif
            m_note->setVisible(m_lazy);
            if (m_lazy)
                QTimer::singleShot(0, this, [this] { highlightVisible(); });
        }
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
