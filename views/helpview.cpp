#include "helpview.h"

#include <QDesktopServices>
#include <QEvent>
#include <QHBoxLayout>
#include <QListWidget>
#include <QSplitter>
#include <QTextBrowser>
#include <QUrl>

namespace chainscope {

HelpView::HelpView(QWidget *parent) : QWidget(parent)
{
    m_tr.add([this] { setWindowTitle(tr("Chainscope Help")); });
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *split = new QSplitter(this);
    m_list = new QListWidget(split);
    m_list->setObjectName(QStringLiteral("helpPages"));
    m_browser = new QTextBrowser(split);
    m_browser->setObjectName(QStringLiteral("helpBrowser"));
    m_browser->setOpenLinks(false);
    split->addWidget(m_list);
    split->addWidget(m_browser);
    split->setStretchFactor(1, 1);
    split->setSizes({170, 630});
    layout->addWidget(split);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_ids.size())
            showPage(m_ids[row]);
    });
    connect(m_browser, &QTextBrowser::anchorClicked, this, &HelpView::onLink);
}

void HelpView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        m_tr.retranslate();   // the pages: HelpController sets them again
    QWidget::changeEvent(event);
}

void HelpView::setPage(const QString &id, const QString &title, const QString &markdown)
{
    const qsizetype i = m_ids.indexOf(id);
    if (i >= 0) {
        m_texts[i] = markdown;
        m_list->item(int(i))->setText(title);
        if (m_list->currentRow() == int(i))
            m_browser->setMarkdown(markdown);
        return;
    }
    m_ids << id;
    m_texts << markdown;
    m_list->addItem(title);
}

bool HelpView::showPage(const QString &id)
{
    const qsizetype i = m_ids.indexOf(id);
    if (i < 0)
        return false;
    Q_EMIT pageRequested(id);
    {
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentRow(int(i));
    }
    m_browser->setMarkdown(m_texts[i]);
    return true;
}

QString HelpView::currentPage() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_ids.size() ? m_ids[row] : QString();
}

QString HelpView::pageText(const QString &id) const
{
    const qsizetype i = m_ids.indexOf(id);
    return i >= 0 ? m_texts[i] : QString();
}

void HelpView::onLink(const QUrl &url)
{
    if (url.scheme() == QLatin1String("help"))
        showPage(url.path());
    else
        QDesktopServices::openUrl(url);
}

} // namespace chainscope
