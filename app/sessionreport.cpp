// File > Export Report: the postmortem report of the current session, written by the same
// ReportWriter and from the same SessionData as `chainscope-cli report SESSION`.
#include "sessioncontroller.h"

#include "mainwindow.h"
#include "reportsession.h"
#include "reportwriter.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>

namespace chainscope {

bool SessionController::exportReport(const QString &path, QString *error)
{
    const Scenario *sc = m_window->scenario();
    if (!sc) {
        if (error)
            *error = tr("No scenario to report on");
        return false;
    }
    const SessionData session = currentSession();
    if (!session.packet) {
        if (error)
            *error = tr("Trace a packet first: the report follows it");
        return false;
    }
    const ReportWriter writer(reportInput(session, *sc));
    const bool markdown = QFileInfo(path).suffix().compare(QLatin1String("md"), Qt::CaseInsensitive) == 0;
    const bool ok = markdown ? writer.writeMarkdown(path, error) : writer.writeHtml(path, error);
    if (ok)
        m_window->statusBar()->showMessage(tr("Wrote the report %1").arg(QDir::toNativeSeparators(path)), 5000);
    return ok;
}

void SessionController::reportDialog()
{
    if (!m_window->scenario())
        return;
    QDialog dialog(m_window);
    dialog.setObjectName(QStringLiteral("reportDialog"));
    dialog.setWindowTitle(tr("Export Report"));
    auto *form = new QFormLayout(&dialog);
    auto *format = new QComboBox(&dialog);
    format->setObjectName(QStringLiteral("reportFormat"));
    format->addItem(tr("HTML, one self-contained file (prints as A4)"), QStringLiteral("html"));
    format->addItem(tr("Markdown, with the figures as SVG files beside it"), QStringLiteral("md"));
    QSettings settings;
    const QString folder = settings.value(QStringLiteral("export/folder"), QDir::homePath()).toString();
    auto *pathRow = new QWidget(&dialog);
    auto *pathLayout = new QHBoxLayout(pathRow);
    pathLayout->setContentsMargins(0, 0, 0, 0);
    auto *path = new QLineEdit(QDir(QDir(folder).exists() ? folder : QDir::homePath()).filePath(QStringLiteral("postmortem.html")), pathRow);
    path->setObjectName(QStringLiteral("reportPath"));
    auto *browse = new QPushButton(tr("&Browse..."), pathRow);
    pathLayout->addWidget(path);
    pathLayout->addWidget(browse);
    form->addRow(tr("&Format:"), format);
    form->addRow(tr("&File:"), pathRow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(format, &QComboBox::currentIndexChanged, &dialog, [=] {
        const QFileInfo fi(path->text());
        path->setText(fi.dir().filePath(fi.completeBaseName() + QLatin1Char('.') + format->currentData().toString()));
    });
    connect(browse, &QPushButton::clicked, &dialog, [=, &dialog] {
        const QString f = QFileDialog::getSaveFileName(&dialog, tr("Export Report To"), path->text(), tr("HTML (*.html);;Markdown (*.md)"));
        if (f.isEmpty())
            return;
        path->setText(f);
        format->setCurrentIndex(QFileInfo(f).suffix().compare(QLatin1String("md"), Qt::CaseInsensitive) == 0 ? 1 : 0);
    });
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!exportReport(path->text(), &error))
        QMessageBox::critical(m_window, tr("Export Failed"), error);
    else
        settings.setValue(QStringLiteral("export/folder"), QFileInfo(path->text()).absolutePath());
}

} // namespace chainscope
