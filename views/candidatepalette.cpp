#include "candidatepalette.h"

#include "chainscene.h"

#include <QEvent>
#include <QMimeData>

namespace chainscope {

CandidatePalette::CandidatePalette(QWidget *parent) : QListWidget(parent)
{
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setDefaultDropAction(Qt::CopyAction);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setWordWrap(true);
    m_tr.add([this] {
        setToolTip(tr("Drag a rule onto a chain card in the graph, or press Enter to insert it where it is suggested"));
    });
}

void CandidatePalette::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_tr.retranslate();
        // The rows' own words; their labels come from the trace controller, which sets
        // the templates again for the trace it shows.
        const int row = currentRow();
        setTemplates(std::vector<Template>(m_templates));
        setCurrentRow(row);
    }
    QListWidget::changeEvent(event);
}

void CandidatePalette::setTheme(const Theme &theme)
{
    m_theme = theme;
    setTemplates(m_templates);
}

void CandidatePalette::setTemplates(const std::vector<Template> &templates)
{
    m_templates = templates;
    clear();
    for (const Template &t : templates) {
        // Where Enter puts it, in iptables' words: -A appends, -I N inserts.
        // nft candidates say it in nft's words: the table, the chain, the rule it goes before.
        const QString where = !t.nftTable.isEmpty()
                ? (t.position > 0 ? tr("%1 %2, before rule %3").arg(t.nftTable, t.chain).arg(t.position)
                                  : tr("%1 %2, at the end").arg(t.nftTable, t.chain))
                : t.position > 0 ? QStringLiteral("-I %1 %2").arg(t.chain).arg(t.position)
                                 : QStringLiteral("-A %1").arg(t.chain);
        const QString text = t.policy ? tr("%1\n    policy ACCEPT on %2").arg(t.label, t.chain)
                                      : tr("%1\n    %2  (%3)").arg(t.label, t.ruleText, where);
        auto *item = new QListWidgetItem(text, this);
        item->setData(RuleTextRole, t.ruleText);
        item->setData(PolicyRole, t.policy);
        item->setData(ChainRole, t.chain);
        item->setToolTip(t.broad ? tr("BROAD: lets through everything that reaches the end of %1").arg(t.chain)
                         : !t.nftTable.isEmpty() ? tr("Ctrl+I inserts it; or drag it onto a chain or rule in the nftables dock")
                                                 : tr("Drag onto a chain card; the line shows where it goes"));
        if (t.broad) {
            item->setForeground(m_theme.warning);
            item->setText(text + tr("  \u26a0 BROAD"));
        }
    }
}

int CandidatePalette::rowOfRule(const QString &text) const
{
    for (int i = 0; i < count(); ++i)
        if (item(i)->data(RuleTextRole).toString() == text)
            return i;
    return -1;
}

QMimeData *CandidatePalette::mimeDataFor(int row) const
{
    QListWidgetItem *it = item(row);
    return it ? mimeData({it}) : nullptr;
}

QStringList CandidatePalette::mimeTypes() const
{
    return {QLatin1String(RuleMime::RuleText), QLatin1String(RuleMime::Policy), QStringLiteral("text/plain")};
}

QMimeData *CandidatePalette::mimeData(const QList<QListWidgetItem *> &items) const
{
    if (items.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    const QListWidgetItem *item = items.first();
    if (item->data(PolicyRole).toBool()) {
        mime->setData(QLatin1String(RuleMime::Policy), "ACCEPT");
        mime->setText(QStringLiteral("-P ACCEPT"));
    } else {
        const QString rule = item->data(RuleTextRole).toString();
        mime->setData(QLatin1String(RuleMime::RuleText), rule.toUtf8());
        mime->setText(rule);
    }
    return mime;
}

} // namespace chainscope
