#pragma once

#include "packet.h"
#include "retranslator.h"
#include "scenario.h"
#include "theme.h"

#include <QHash>
#include <QSet>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace chainscope {

/**
 * The packet to trace: from (node, and the interface it arrives on or "locally generated"),
 * addresses, protocol, ports, ICMP type, conntrack state, mark, session affinity (the recent
 * lists kube-proxy checks); presets from the scenario. The interfaces offered are the node's
 * (with their addresses) and every one its rules name, so a lone dump offers them too.
 * Bad values are flagged in their field (a frame in Theme::invalidField, the reason in the
 * tooltip and under the form); Trace is enabled only when every field holds.
 */
class PacketPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PacketPanel(QWidget *parent = nullptr);

    /** The scenario must outlive its use here (or the next call). */
    void setScenario(const Scenario *scenario);
    void setTheme(const Theme &theme);

    bool isValid() const { return m_problems.isEmpty(); }
    /** The packet the fields describe (meaningful when isValid()). */
    PacketSpec spec() const;
    /** Fills the fields from a packet. */
    void setSpec(const PacketSpec &spec);
    /** Selects a preset by name and fills the fields; false when there is none. */
    bool selectPreset(const QString &name);
    /** Why a field is refused ("expected an IPv4 address"), or empty. */
    QString problem(QWidget *field) const { return m_problems.value(field); }

    QComboBox *presetBox() const { return m_preset; }
    QComboBox *nodeBox() const { return m_node; }
    QComboBox *interfaceBox() const { return m_iface; }
    QLineEdit *sourceEdit() const { return m_src; }
    QLineEdit *destinationEdit() const { return m_dst; }
    QComboBox *protocolBox() const { return m_proto; }
    QLineEdit *sportEdit() const { return m_sport; }
    QLineEdit *dportEdit() const { return m_dport; }
    QLineEdit *icmpTypeEdit() const { return m_icmpType; }
    QComboBox *stateBox() const { return m_state; }
    QComboBox *affinityBox() const { return m_affinity; }
    QLineEdit *markEdit() const { return m_mark; }
    QPushButton *traceButton() const { return m_trace; }
    QLabel *problemLabel() const { return m_problemLabel; }

Q_SIGNALS:
    void traceRequested(const chainscope::PacketSpec &spec);
    void validityChanged(bool valid);

protected:
    void changeEvent(QEvent *event) override;

private:
    /** Labels, tooltips, placeholders and the boxes' own items in the language now installed. */
    void retranslateUi();
    void fillInterfaces();
    void fillAffinities();
    void validate();
    void flag(QWidget *field, const QString &reason);
    void onPreset(int index);

    const Scenario *m_scenario = nullptr;
    Theme m_theme;
    QHash<QWidget *, QString> m_problems;
    QSet<QWidget *> m_touched;   // fields a person typed in
    QSet<QWidget *> m_quiet;     // problems not shown: a required field not typed in yet
    QComboBox *m_preset = nullptr;
    QComboBox *m_node = nullptr;
    QComboBox *m_iface = nullptr;
    QLineEdit *m_src = nullptr;
    QLineEdit *m_dst = nullptr;
    QComboBox *m_proto = nullptr;
    QLineEdit *m_sport = nullptr;
    QLineEdit *m_dport = nullptr;
    QLineEdit *m_icmpType = nullptr;
    QComboBox *m_state = nullptr;
    QLineEdit *m_mark = nullptr;
    QComboBox *m_affinity = nullptr;
    QPushButton *m_trace = nullptr;
    QLabel *m_problemLabel = nullptr;
    bool m_filling = false;
    Retranslator m_tr;
};

} // namespace chainscope
