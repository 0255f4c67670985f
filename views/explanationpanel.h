#pragma once

#include "retranslator.h"
#include "theme.h"

#include <QScrollArea>

class QLabel;
class QListWidget;

namespace chainscope {

/**
 * The Explanation dock: the verdict headline in its kind's colour and symbol, the callout's
 * words and before/after, the blast radius of the edits, and the list of nearest misses and
 * lints. Scrolls as a whole: word-wrapped labels squeezed by a short dock would overlap.
 */
class ExplanationPanel : public QScrollArea
{
    Q_OBJECT
public:
    explicit ExplanationPanel(QWidget *parent = nullptr);

    void setTheme(const Theme &theme) { m_theme = theme; }
    /** The headline: symbol, word and the verdict line in the kind's colour; then the details. */
    void setVerdict(Verdict::Kind kind, const QString &verdictLine, const QString &why, const QString &beforeAfter,
                    const QString &branches = {});
    void setBlastRadius(const QString &html);
    void clear();
    /** A bold, unselectable line in the list ("Nearest misses on node02"). */
    void addHeader(const QString &text);
    void addItem(const QString &text, const QString &toolTip = {}, const QColor &colour = {});

    QLabel *verdictLabel() const { return m_verdict; }
    QLabel *blastLabel() const { return m_blast; }
    QListWidget *list() const { return m_list; }

protected:
    void changeEvent(QEvent *event) override;

private:
    Theme m_theme;
    QLabel *m_verdict = nullptr;
    QLabel *m_blast = nullptr;
    QListWidget *m_list = nullptr;
    Retranslator m_tr;
};

} // namespace chainscope
