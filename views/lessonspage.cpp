#include "lessonspage.h"

#include <algorithm>

#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace chainscope {

namespace {
enum Column { TitleColumn, DifficultyColumn, ProgressColumn };
}

LessonsPage::LessonsPage(QWidget *parent)
    : QWidget(parent)
    , m_theme(Theme::fromPalette(palette()))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("lessonsNotice"));
    m_notice->setWordWrap(true);
    m_notice->setVisible(false);
    layout->addWidget(m_notice);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_tr.add([this] { m_list->setHeaderLabels({tr("Lesson"), tr("Difficulty"), tr("Progress")}); });
    m_list->header()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(DifficultyColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(ProgressColumn, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);
    layout->addWidget(m_list, 1);

    auto *buttons = new QHBoxLayout;
    // No Alt+letters here: the packet panel beside this dock holds every letter of these
    // words. Enter on the list starts the lesson; Tab reaches the buttons.
    m_start = new QPushButton(this);
    m_start->setObjectName(QStringLiteral("startLesson"));
    m_open = new QPushButton(this);
    m_forget = new QPushButton(this);
    m_tr.add([this] {
        m_start->setText(tr("Start Lesson"));
        m_open->setText(tr("Open Lesson Folder..."));
        m_open->setToolTip(tr("Start a lesson from a folder; the folder stays listed here"));
        m_forget->setText(tr("Forget Folder"));
        m_forget->setToolTip(tr("Stop listing the folder this lesson was found in"));
    });
    buttons->addWidget(m_start);
    buttons->addStretch(1);
    buttons->addWidget(m_forget);
    buttons->addWidget(m_open);
    layout->addLayout(buttons);

    connect(m_start, &QPushButton::clicked, this, &LessonsPage::requestStart);
    connect(m_open, &QPushButton::clicked, this, &LessonsPage::openRequested);
    connect(m_forget, &QPushButton::clicked, this, [this] {
        const int i = currentEntry();
        if (i >= 0 && !m_entries[size_t(i)].root.isEmpty())
            Q_EMIT forgetRequested(m_entries[size_t(i)].root);
    });
    // itemActivated: double-click and Enter, so the list works from the keyboard.
    connect(m_list, &QTreeWidget::itemActivated, this, &LessonsPage::requestStart);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &LessonsPage::updateButtons);
    updateButtons();
}

void LessonsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        m_tr.retranslate();   // the entries: LessonController lists them again in the new language
    QWidget::changeEvent(event);
}

void LessonsPage::setTheme(const Theme &theme)
{
    m_theme = theme;
    setEntries(std::vector<Entry>(m_entries));
}

QString LessonsPage::difficultyText(int difficulty)
{
    if (difficulty < 1 || difficulty > 3)
        return QStringLiteral("?");
    return QString(difficulty, QChar(0x25CF)) + QString(3 - difficulty, QChar(0x25CB));
}

void LessonsPage::setEntries(const std::vector<Entry> &entries)
{
    const int current = currentEntry();
    m_entries = entries;
    m_list->clear();
    for (const Entry &e : m_entries) {
        const QString state = e.valid() ? e.progress : e.missing ? tr("missing") : tr("cannot load");
        auto *item = new QTreeWidgetItem(m_list, {e.title, difficultyText(e.difficulty), state});
        item->setToolTip(TitleColumn, e.valid() ? QDir::toNativeSeparators(e.folder) : e.error);
        item->setToolTip(DifficultyColumn, e.valid() ? tr("difficulty %1 of 3").arg(e.difficulty) : e.error);
        item->setToolTip(ProgressColumn, e.valid() ? e.progress : e.error);
        if (!e.valid()) {
            // Greyed out but still selectable, so the tooltip and the message can be read.
            for (int c = 0; c < 3; ++c)
                item->setForeground(c, m_theme.dimText);
        }
    }
    if (!m_entries.empty())
        setCurrentEntry(std::clamp(current, 0, int(m_entries.size()) - 1));
    QStringList missing;
    for (const Entry &e : m_entries)
        if (e.missing)
            missing << e.error.toHtmlEscaped();
    m_notice->setText(missing.isEmpty() ? QString()
                                        : QStringLiteral("<span style=\"color:%1\">%2</span><br>%3")
                                              .arg(m_theme.warning.name(),
                                                   tr("%n lessons folder(s) not found:", nullptr, int(missing.size())),
                                                   missing.join(QStringLiteral("<br>"))));
    m_notice->setVisible(!missing.isEmpty());
    updateButtons();
}

int LessonsPage::currentEntry() const
{
    QTreeWidgetItem *item = m_list->currentItem();
    return item ? m_list->indexOfTopLevelItem(item) : -1;
}

void LessonsPage::setCurrentEntry(int index)
{
    m_list->setCurrentItem(m_list->topLevelItem(index));
}

void LessonsPage::requestStart()
{
    const int i = currentEntry();
    if (i >= 0 && m_entries[size_t(i)].valid())
        Q_EMIT startRequested(m_entries[size_t(i)].folder);
}

void LessonsPage::updateButtons()
{
    const int i = currentEntry();
    m_start->setEnabled(i >= 0 && m_entries[size_t(i)].valid());
    m_forget->setEnabled(i >= 0 && !m_entries[size_t(i)].root.isEmpty());
}

} // namespace chainscope
