#pragma once

#include "retranslator.h"
#include "theme.h"

#include <QListWidget>

namespace chainscope {

/**
 * Candidate rules to test a fix, pre-filled from the traced packet at the deciding node.
 * Items drag onto a chain card (RuleMime::RuleText or RuleMime::Policy); Enter or
 * double-click inserts at the suggested chain (activated()).
 */
class CandidatePalette : public QListWidget
{
    Q_OBJECT
public:
    struct Template
    {
        QString label;       // "ACCEPT by in/out interface"
        QString ruleText;    // "-i flannel.1 -o cni0 -j ACCEPT"; empty for a policy
        bool policy = false; // "policy ACCEPT"
        bool broad = false;  // shown in the warning colour
        QString chain;       // where Enter puts it: "DOCKER-USER", "FORWARD"
        int position = 0;    // 1-based (iptables -I CHAIN N); 0: appended (-A), as the documented fixes do
        QString node;        // the node it is for (the deciding node of the traced packet)
        QString nftTable;    // "inet firewalld": an nft rule for `chain` of that table (ruleText in nft's words)
    };
    enum Role { RuleTextRole = Qt::UserRole + 1, PolicyRole, ChainRole };

    explicit CandidatePalette(QWidget *parent = nullptr);

    void setTheme(const Theme &theme);
    void setTemplates(const std::vector<Template> &templates);
    const std::vector<Template> &templates() const { return m_templates; }
    /** Row of the template whose rule text is `text`, or -1. */
    int rowOfRule(const QString &text) const;
    /** The drag payload of a row (what a drag from the list carries); the caller owns it. */
    QMimeData *mimeDataFor(int row) const;

protected:
    void changeEvent(QEvent *event) override;
    QStringList mimeTypes() const override;
    /** Copy only: a drag that ended as a move would take the template out of the list. */
    Qt::DropActions supportedDropActions() const override { return Qt::CopyAction; }
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;

private:
    Theme m_theme;
    std::vector<Template> m_templates;
    Retranslator m_tr;
};

} // namespace chainscope
