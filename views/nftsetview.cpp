#include "nftsetview.h"

#include "nftruleset.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QVBoxLayout>

namespace chainscope {

namespace {

QString q(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString typeWord(nft::ValType t)
{
    switch (t) {
    case nft::ValType::Ipv4: return QStringLiteral("ipv4_addr");
    case nft::ValType::Ipv6: return QStringLiteral("ipv6_addr");
    case nft::ValType::IfName: return QStringLiteral("ifname");
    case nft::ValType::Proto: return QStringLiteral("inet_proto");
    case nft::ValType::Service: return QStringLiteral("inet_service");
    case nft::ValType::Mark: return QStringLiteral("mark");
    case nft::ValType::Verdict: return QStringLiteral("verdict");
    case nft::ValType::CtState: return QStringLiteral("ct_state");
    default: return QStringLiteral("integer");
    }
}

/** A key or data value where the listing gave no text (JSON): addresses and numbers. */
QString valueText(nft::ValType t, const nft::Val &lo, const nft::Val &hi)
{
    const auto one = [t](const nft::Val &v) {
        if (t == nft::ValType::Ipv4 || t == nft::ValType::Ipv6)
            return v.toAddress().toString();
        return QString::number(v.lo);
    };
    return lo == hi ? one(lo) : one(lo) + QStringLiteral("-") + one(hi);
}

QString verdictText(const nft::Verdict &v)
{
    switch (v.kind) {
    case nft::Verdict::Accept: return QStringLiteral("accept");
    case nft::Verdict::Drop: return QStringLiteral("drop");
    case nft::Verdict::Reject: return QStringLiteral("reject");
    case nft::Verdict::Return: return QStringLiteral("return");
    case nft::Verdict::Continue: return QStringLiteral("continue");
    case nft::Verdict::Queue: return QStringLiteral("queue");
    case nft::Verdict::Jump: return QStringLiteral("jump ") + q(v.chainName);
    case nft::Verdict::Goto: return QStringLiteral("goto ") + q(v.chainName);
    case nft::Verdict::None: break;
    }
    return {};
}

} // namespace

NftSetView::NftSetView(const nft::NftRuleset &rules, int set, QWidget *parent) : QDialog(parent)
{
    const nft::Set &s = rules.sets[size_t(set)];
    const QString table = s.table >= 0 ? rules.tableTitle(s.table) : QString();
    const QString name = s.name.empty() ? tr("anonymous set") : q(s.name);
    setWindowTitle(tr("%1 %2 in %3").arg(s.map ? tr("Map") : tr("Set"), name, table));
    QStringList keyWords, dataWords;
    for (nft::ValType t : s.keyTypes)
        keyWords << typeWord(t);
    for (nft::ValType t : s.dataTypes)
        dataWords << typeWord(t);
    QStringList flags;
    if (s.interval)
        flags << QStringLiteral("interval");
    if (s.timeout)
        flags << QStringLiteral("timeout");
    if (s.dynamic)
        flags << QStringLiteral("dynamic");
    if (s.constant)
        flags << QStringLiteral("constant");
    QString type = keyWords.join(QStringLiteral(" . "));
    if (s.map)
        type += QStringLiteral(" : ") + dataWords.join(QStringLiteral(" . "));
    m_summary = new QLabel(this);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    QString summary = tr("type %1").arg(type);
    if (!flags.isEmpty())
        summary += QStringLiteral("; ") + tr("flags %1").arg(flags.join(QStringLiteral(", ")));
    summary += QStringLiteral("; ") + tr("%n element(s)", nullptr, int(s.elements.size()));
    if (!s.elementsKnown)
        summary += QStringLiteral("; ") + tr("elements not listed (nft -t): lookups are uncertain");
    m_summary->setText(summary);

    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter elements"));
    m_filter->setClearButtonEnabled(true);

    m_table = new QTableWidget(int(s.elements.size()), s.map ? 2 : 1, this);
    m_table->setHorizontalHeaderLabels(s.map ? QStringList{tr("Key"), s.isVmap() ? tr("Verdict") : tr("Data")} : QStringList{tr("Element")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int n = int(s.keyTypes.size());
    for (int row = 0; row < int(s.elements.size()); ++row) {
        const nft::Element &e = s.elements[size_t(row)];
        QString key, data;
        const QString written = q(e.text).simplified();
        // As the listing wrote it: "10.96.0.1 . tcp . 443 : goto service-..." (key : data).
        const qsizetype colon = s.map ? written.indexOf(QStringLiteral(" : ")) : -1;
        if (!written.isEmpty() && (!s.map || colon > 0)) {
            key = s.map ? written.left(colon) : written;
            data = s.map ? written.mid(colon + 3) : QString();
        } else {
            QStringList parts;
            for (int i = 0; i < n; ++i)
                parts << valueText(s.keyTypes[size_t(i)], s.keys[e.key + 2 * quint32(i)], s.keys[e.key + 2 * quint32(i) + 1]);
            key = parts.join(QStringLiteral(" . "));
            if (s.isVmap()) {
                data = verdictText(e.verdict);
            } else if (s.map) {
                QStringList d;
                for (size_t i = 0; i < s.dataTypes.size() && i < 2; ++i)
                    d << valueText(s.dataTypes[i], e.data[i], e.data[i]);
                data = d.join(QStringLiteral(" . "));
            }
        }
        m_table->setItem(row, 0, new QTableWidgetItem(key));
        if (s.map)
            m_table->setItem(row, 1, new QTableWidgetItem(data));
    }
    m_table->resizeColumnToContents(0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_filter, &QLineEdit::textChanged, this, &NftSetView::applyFilter);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_filter);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(640, 480);
}

int NftSetView::visibleRows() const
{
    int n = 0;
    for (int r = 0; r < m_table->rowCount(); ++r)
        n += m_table->isRowHidden(r) ? 0 : 1;
    return n;
}

void NftSetView::applyFilter(const QString &text)
{
    const QString t = text.trimmed();
    for (int r = 0; r < m_table->rowCount(); ++r) {
        bool hit = t.isEmpty();
        for (int c = 0; c < m_table->columnCount() && !hit; ++c)
            hit = m_table->item(r, c) && m_table->item(r, c)->text().contains(t, Qt::CaseInsensitive);
        m_table->setRowHidden(r, !hit);
    }
}

} // namespace chainscope
