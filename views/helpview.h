#pragma once

#include "retranslator.h"

#include <QString>
#include <QStringList>
#include <QWidget>

class QListWidget;
class QTextBrowser;
class QUrl;

namespace chainscope {

/**
 * The Help window: a list of pages and the page, Markdown rendered in a QTextBrowser.
 * Links `help:ID` open another page; other links open in the desktop's browser. The
 * pages' text comes from whoever adds them (HelpController: bundled resources and the
 * keyboard map made from the window's actions).
 */
class HelpView : public QWidget
{
    Q_OBJECT
public:
    explicit HelpView(QWidget *parent = nullptr);

    /** Adds (or replaces) a page: a translated title and Markdown text. */
    void setPage(const QString &id, const QString &title, const QString &markdown);
    /** Shows a page by id; false when there is none. */
    bool showPage(const QString &id);
    QString currentPage() const;
    QStringList pages() const { return m_ids; }
    QString pageText(const QString &id) const;

    QListWidget *pageList() const { return m_list; }
    QTextBrowser *browser() const { return m_browser; }

Q_SIGNALS:
    /** A page is about to be shown (the controller refreshes generated pages). */
    void pageRequested(const QString &id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onLink(const QUrl &url);

    QListWidget *m_list = nullptr;
    QTextBrowser *m_browser = nullptr;
    QStringList m_ids;
    QStringList m_texts;
    Retranslator m_tr;
};

} // namespace chainscope
