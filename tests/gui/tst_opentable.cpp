// Opening a dump whose table cannot be told (-S output with filter's built-in chains and a
// DNAT): the window asks which table, and loads the file again with the answer.

#include "guitest.h"
#include "mainwindow.h"
#include "scenario.h"

#include <QApplication>
#include <QComboBox>
#include <QInputDialog>
#include <QTimer>
#include <QtTest>

using namespace chainscope;

namespace {

/** Answers the next table question from the keyboard: `downs` times Down in the list, then Enter. */
void answerTableDialog(int downs, QString *seenLabel)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, downs, seenLabel] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        timer->stop();
        timer->deleteLater();
        *seenLabel = dialog->labelText();
        auto *combo = dialog->findChild<QComboBox *>();
        combo->setFocus();
        for (int i = 0; i < downs; ++i)
            QTest::keyClick(combo, Qt::Key_Down);
        QTest::keyClick(combo, Qt::Key_Return);
    });
    timer->start();
}

} // namespace

class TstOpenTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void asksWhichTable();
};

void TstOpenTable::asksWhichTable()
{
    const QString path = QStringLiteral(CHAINSCOPE_TEST_DATA "/pastes/ambiguous-S.txt");
    // The paste says filter (its -P lines) and nat (its DNAT). Answer filter: iptables
    // itself refuses a DNAT there, so the load fails again without a second question.
    {
        auto w = guitest::shownWindow();
        QVERIFY(w);
        w->setInteractive(true);
        QString label;
        answerTableDialog(0, &label);
        QSignalSpy failed(w.get(), &MainWindow::loadFailed);
        // The failure box after the second load: closed by its default button.
        auto *closer = new QTimer(w.get());
        closer->setInterval(50);
        connect(closer, &QTimer::timeout, closer, [] {
            QWidget *m = QApplication::activeModalWidget();
            if (m && !qobject_cast<QInputDialog *>(m))
                QTest::keyClick(m, Qt::Key_Return);
        });
        w->openPaths({path});
        closer->start();
        QVERIFY(QTest::qWaitFor([&] { return failed.count() > 0; }, 30000));
        closer->stop();
        QVERIFY2(label.contains(QStringLiteral("ambiguous-S.txt")), qPrintable(label));
        QVERIFY2(label.contains(QStringLiteral("DNAT target on line 6")), qPrintable(label));
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("DNAT target: only valid in nat table")),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(!w->scenario());
    }
    // A REJECT (filter or mangle) next to a DNAT (nat) and no FORWARD: answered nat, it loads.
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("portfwd.txt"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("-P INPUT ACCEPT\n-P OUTPUT ACCEPT\n-N PORTFWD\n-A PORTFWD -j REJECT\n"
                "-A PORTFWD -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.0.0.5:80\n");
        f.close();
        auto w = guitest::shownWindow();
        QVERIFY(w);
        w->setInteractive(true);
        QString label;
        answerTableDialog(1, &label);   // the second choice: nat
        QVERIFY(guitest::openAndWait(*w, {file}));
        QVERIFY(!label.isEmpty());
        QVERIFY(w->scenario());
        const Ruleset &rs = w->scenario()->nodes.at(0).rules;
        QVERIFY(rs.table(TableId::Nat).present);
        QVERIFY(!rs.table(TableId::Filter).present);
    }
}

QTEST_MAIN(TstOpenTable)
#include "tst_opentable.moc"
