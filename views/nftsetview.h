#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QTableWidget;

namespace chainscope {

namespace nft {
class NftRuleset;
}

/**
 * One nftables set or map as a list: its type, flags and elements (key, and the data or
 * verdict a map gives), filtered as typed. Elements are shown as the listing wrote them.
 */
class NftSetView : public QDialog
{
    Q_OBJECT
public:
    NftSetView(const nft::NftRuleset &rules, int set, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filter; }
    /** Rows still shown under the filter. */
    int visibleRows() const;

private:
    void applyFilter(const QString &text);

    QTableWidget *m_table;
    QLineEdit *m_filter;
    QLabel *m_summary;
};

} // namespace chainscope
