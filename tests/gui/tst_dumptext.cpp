// DumpText, the dump view's line viewer: line indexing over shared bytes, the cursor and
// whole-line selection by keyboard, copying.
#include "dumptext.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QtTest>

using namespace chainscope;

class TstDumpText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lines_data();
    void lines();
    void bigText();
    void showsTheBytesItWasGiven();
    void keyboard();
    void emptyText();
};

void TstDumpText::lines_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("expected");
    QTest::addRow("final newline") << QByteArray("*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n")
                                   << QStringList{QStringLiteral("*filter"), QStringLiteral(":INPUT ACCEPT [0:0]"), QStringLiteral("COMMIT")};
    QTest::addRow("no final newline") << QByteArray("a\nb") << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::addRow("CRLF") << QByteArray("a\r\nb\r\n") << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::addRow("blank lines") << QByteArray("\n\nx\n") << QStringList{QString(), QString(), QStringLiteral("x")};
    QTest::addRow("UTF-8") << QByteArray("-m comment --comment \"\xe8\x8a\x82\xe7\x82\xb9\"\n")
                           << QStringList{QStringLiteral("-m comment --comment \"\u8282\u70b9\"")};
}

void TstDumpText::lines()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);
    DumpText view;
    view.setData(bytes);
    QCOMPARE(view.lineCount(), int(expected.size()));
    for (int i = 0; i < int(expected.size()); ++i)
        QCOMPARE(view.lineText(i), expected[i]);
    QCOMPARE(view.lineText(-1), QString());
    QCOMPARE(view.lineText(int(expected.size())), QString());
}

void TstDumpText::bigText()
{
    // Far from the cached window and back: every line is where its offset says.
    QByteArray bytes;
    for (int i = 0; i < 100000; ++i)
        bytes += "-A KUBE-SERVICES -d 10.96." + QByteArray::number(i / 256) + '.' + QByteArray::number(i % 256) + "/32\n";
    DumpText view;
    view.resize(600, 300);
    view.setData(bytes);
    QCOMPARE(view.lineCount(), 100000);
    QCOMPARE(view.lineText(99999), QStringLiteral("-A KUBE-SERVICES -d 10.96.390.159/32"));
    QCOMPARE(view.lineText(0), QStringLiteral("-A KUBE-SERVICES -d 10.96.0.0/32"));
    QCOMPARE(view.lineText(50000), QStringLiteral("-A KUBE-SERVICES -d 10.96.195.80/32"));
    view.setCursorLine(70000);
    QCOMPARE(view.cursorLine(), 70000);
    view.centerOnLine(70000);
    QVERIFY(view.firstVisibleLine() <= 70000 && view.firstVisibleLine() > 69900);
}

void TstDumpText::showsTheBytesItWasGiven()
{
    // The view shares the bytes: writing to the caller's copy afterwards changes nothing shown.
    QByteArray bytes("-A FORWARD -j ACCEPT\n");
    DumpText view;
    view.setData(bytes);
    bytes[3] = 'X';
    QCOMPARE(view.lineText(0), QStringLiteral("-A FORWARD -j ACCEPT"));
}

void TstDumpText::keyboard()
{
    DumpText view;
    view.resize(600, 200);
    view.setData("l0\nl1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\n");
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy moved(&view, &DumpText::cursorLineChanged);
    QTest::keyClick(&view, Qt::Key_Down);
    QCOMPARE(view.cursorLine(), 1);
    QCOMPARE(moved.count(), 1);
    QCOMPARE(moved.last().at(0).toInt(), 1);
    QVERIFY(!view.hasSelection());
    QTest::keyClick(&view, Qt::Key_Down, Qt::ShiftModifier);
    QTest::keyClick(&view, Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(view.cursorLine(), 3);
    QCOMPARE(view.selectedText(), QStringLiteral("l1\nl2\nl3"));
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("l1\nl2\nl3"));
    QTest::keyClick(&view, Qt::Key_Up);   // a move without Shift ends the selection
    QVERIFY(!view.hasSelection());
    QCOMPARE(view.cursorLine(), 2);
    QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(view.cursorLine(), 9);
    QTest::keyClick(&view, Qt::Key_Down);   // stays on the last line
    QCOMPARE(view.cursorLine(), 9);
    QTest::keyClick(&view, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(view.cursorLine(), 0);
    QTest::keyClick(&view, Qt::Key_PageDown);
    QVERIFY(view.cursorLine() > 1);
    QTest::keyClick(&view, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(view.selectedText().count(QLatin1Char('\n')), 9);
    view.setCursorLine(4, true);
    QCOMPARE(view.selectedText(), QStringLiteral("l4"));
}

void TstDumpText::emptyText()
{
    DumpText view;
    view.setData({});
    QCOMPARE(view.lineCount(), 0);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::keyClick(&view, Qt::Key_Down);
    QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
    QTest::keyClick(&view, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(view.selectedText(), QString());
    view.setPlainText(QStringLiteral("one line"));
    QCOMPARE(view.lineCount(), 1);
    QCOMPARE(view.lineText(0), QStringLiteral("one line"));
}

QTEST_MAIN(TstDumpText)
#include "tst_dumptext.moc"
