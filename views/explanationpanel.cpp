#include "explanationpanel.h"

#include <QEvent>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace chainscope {

ExplanationPanel::ExplanationPanel(QWidget *parent) : QScrollArea(parent)
{
    auto *host = new QWidget(this);
    auto *layout = new QVBoxLayout(host);
    layout->setContentsMargins(2, 2, 2, 2);
    m_verdict = new QLabel(host);
    m_verdict->setObjectName(QStringLiteral("verdictHeadline"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_list = new QListWidget(host);
    m_list->setWordWrap(true);
    m_tr.add([this] { m_list->setToolTip(tr("Why no rule accepted the packet: the nearest misses first, then the lints")); });
    m_list->setMinimumHeight(160);
    m_blast = new QLabel(host);
    m_blast->setWordWrap(true);
    m_blast->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // Verdict and blast radius first: they are what a person reads; the misses list scrolls.
    layout->addWidget(m_verdict);
    layout->addWidget(m_blast);
    layout->addWidget(m_list, 1);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setWidget(host);
}

void ExplanationPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        m_tr.retranslate();   // the verdict and the list: the trace controller renders them again
    QScrollArea::changeEvent(event);
}

void ExplanationPanel::setVerdict(Verdict::Kind kind, const QString &verdictLine, const QString &why,
                                  const QString &beforeAfter, const QString &branches)
{
    const Theme::VerdictLook look = m_theme.verdictLook(kind);
    // The symbol and the word lead: colour alone must not carry the meaning.
    QString html = QStringLiteral("<p style='font-size:large'><b style='color:%1'>%2 %3</b><br>"
                                  "<b style='color:%1'>%4</b></p>")
                           .arg(look.colour.name(), look.symbol.toHtmlEscaped(), look.word.toUpper().toHtmlEscaped(),
                                verdictLine.toHtmlEscaped());
    if (!branches.isEmpty())
        html += QStringLiteral("<p><i>%1</i></p>").arg(branches.toHtmlEscaped());
    html += QStringLiteral("<p>%1</p><p>%2</p>").arg(why.toHtmlEscaped(), beforeAfter.toHtmlEscaped());
    m_verdict->setText(html);
}

void ExplanationPanel::setBlastRadius(const QString &html)
{
    m_blast->setText(html);
}

void ExplanationPanel::clear()
{
    m_verdict->clear();
    m_blast->clear();
    m_list->clear();
}

void ExplanationPanel::addHeader(const QString &text)
{
    auto *item = new QListWidgetItem(text, m_list);
    QFont f = item->font();
    f.setBold(true);
    item->setFont(f);
    item->setFlags(Qt::ItemIsEnabled);
}

void ExplanationPanel::addItem(const QString &text, const QString &toolTip, const QColor &colour)
{
    auto *item = new QListWidgetItem(text, m_list);
    if (!toolTip.isEmpty())
        item->setToolTip(toolTip);
    if (colour.isValid())
        item->setForeground(colour);
}

} // namespace chainscope
