// DumpText, the dump view's line viewer: line indexing over shared bytes, the cursor and
// whole-line selection by keyboard, copying; the dump view's highlighting of iptables and nft files.
#include "dumpparser.h"
#include "dumptext.h"
#include "dumpview.h"
#include "theme.h"

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
    void highlightsBySyntax_data();
    void highlightsBySyntax();

private:
    /** The foreground of the format covering `word` at its first whole-word occurrence on a line. */
    static QColor colourOf(DumpView &view, const QString &word, bool *found);
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

QColor TstDumpText::colourOf(DumpView &view, const QString &word, bool *found)
{
    const QRegularExpression re(QStringLiteral("(?<![\\w/@-])") + QRegularExpression::escape(word)
                                + QStringLiteral("(?![\\w/-])"));
    *found = false;
    for (int line = 0; line < view.editor()->lineCount(); ++line) {
        const QRegularExpressionMatch m = re.match(view.editor()->lineText(line));
        if (!m.hasMatch())
            continue;
        *found = true;
        QColor colour;   // the last range covering the word wins, as when drawn
        for (const QTextLayout::FormatRange &r : view.editor()->lineFormats(line))
            if (r.start <= m.capturedStart() && r.start + r.length >= m.capturedEnd())
                colour = r.format.foreground().color();
        return colour;
    }
    return {};
}

void TstDumpText::highlightsBySyntax_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addRow("light") << false;
    QTest::addRow("dark") << true;
}

void TstDumpText::highlightsBySyntax()
{
    // One node with an iptables-save dump and an nft listing: each file in its own colours.
    QFETCH(bool, dark);
    const Theme theme = dark ? Theme::dark() : Theme::light();
    const QByteArray save("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n"
                          "-A INPUT -s 10.244.0.0/16 -p tcp --dport 22 -j ACCEPT\n"
                          "-A INPUT -m conntrack --ctstate INVALID -j DROP\n-A INPUT -j KUBE-MARK-DROP\nCOMMIT\n");
    const QByteArray nftText("table inet firewalld { # handle 1\n"
                             "\tset blocked { # handle 4\n\t\ttype ipv4_addr\n\t\tflags interval\n"
                             "\t\telements = { 192.0.2.0/24, 198.51.100.16-198.51.100.31 }\n\t}\n"
                             "\tchain filter_INPUT { # handle 2\n"
                             "\t\ttype filter hook input priority filter + 10; policy accept;\n"
                             "\t\tct state invalid drop # handle 7\n"
                             "\t\tiifname \"lo\" ct status dnat accept comment \"accept loopback\" # handle 11\n"
                             "\t\tip saddr @blocked counter packets 3 bytes 180 reject with icmpx admin-prohibited # handle 8\n"
                             "\t\tjump filter_INPUT_POLICIES # handle 9\n\t}\n"
                             "\tchain filter_INPUT_POLICIES { # handle 3\n\t\ttcp dport 22 accept # handle 10\n\t}\n}\n");
    const QByteArray nftJson(R"({"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}},)"
                             R"( {"table": {"family": "inet", "name": "t", "handle": 1}},)"
                             R"( {"chain": {"family": "inet", "table": "t", "name": "c", "handle": 2, "type": "filter",)"
                             R"( "hook": "input", "prio": 0, "policy": "accept"}}]})"
                             "\n");
    Ruleset iptRules = DumpParser::parse(save, QStringLiteral("node-a.rules"));
    Ruleset nftRules = DumpParser::parse(nftText, QStringLiteral("node-a.nft"));
    Ruleset jsonRules = DumpParser::parse(nftJson, QStringLiteral("node-a.json"));
    QCOMPARE(nftRules.formats.size(), size_t(1));
    QCOMPARE(nftRules.formats[0], QStringLiteral("nft list ruleset"));

    DumpView view;
    view.resize(700, 400);
    view.setTheme(theme);
    bool found = false;

    view.setRuleset(&nftRules, theme);
    QCOMPARE(view.syntax(), QStringLiteral("nftables"));
    QVERIFY(view.editor()->lineText(7).contains(QLatin1String("policy accept")));
    QColor accept = colourOf(view, QStringLiteral("accept"), &found);
    QVERIFY(found);
    QColor drop = colourOf(view, QStringLiteral("drop"), &found);
    QVERIFY(found);
    const QColor reject = colourOf(view, QStringLiteral("reject"), &found);
    const QColor jump = colourOf(view, QStringLiteral("jump"), &found);
    const QColor table = colourOf(view, QStringLiteral("table"), &found);
    const QColor name = colourOf(view, QStringLiteral("filter_INPUT"), &found);
    const QColor address = colourOf(view, QStringLiteral("192.0.2.0/24"), &found);
    const QColor setRef = colourOf(view, QStringLiteral("@blocked"), &found);
    const QColor handle = colourOf(view, QStringLiteral("# handle 7"), &found);
    const QColor counter = colourOf(view, QStringLiteral("packets 3 bytes 180"), &found);
    if (DumpView::highlightsWithTheme()) {
        QCOMPARE(accept, theme.hlAccept);
        QCOMPARE(drop, theme.hlDrop);
        QCOMPARE(reject, theme.hlDrop);
        QCOMPARE(jump, theme.hlTarget);
        QCOMPARE(table, theme.hlTable);
        QCOMPARE(name, theme.hlChain);
        QCOMPARE(address, theme.hlAddress);
        QCOMPARE(setRef, theme.hlChain);
        QCOMPARE(handle, theme.hlComment);
        QCOMPARE(counter, theme.hlCounter);
        // ct status dnat is no dnat statement; a verdict word in a string is the string's, not bold.
        QVERIFY(colourOf(view, QStringLiteral("dnat"), &found) != theme.hlTarget);
        QVERIFY(found);
        const int line = 9;
        const QString text = view.editor()->lineText(line);
        QVERIFY(text.contains(QLatin1String("\"accept loopback\"")));
        const int inString = int(text.indexOf(QLatin1String("accept loopback")));
        QTextCharFormat merged;   // as QTextLayout draws it: later ranges merge over earlier ones
        for (const QTextLayout::FormatRange &r : view.editor()->lineFormats(line))
            if (r.start <= inString && r.start + r.length > inString)
                merged.merge(r.format);
        QCOMPARE(merged.foreground().color(), theme.hlComment);
        QVERIFY(merged.fontWeight() != QFont::Bold);
        QVERIFY(merged.fontItalic());
    } else {
        // KF6SyntaxHighlighting: a KDE theme's colours, still one per category.
        QVERIFY(accept.isValid() && drop.isValid() && accept != drop);
        QCOMPARE(reject, drop);
        QVERIFY(jump.isValid() && jump != accept && jump != drop);
    }

    // The iptables dump in the same view: iptables colours again (ACCEPT, DROP, -A's chain).
    view.setRuleset(&iptRules, theme);
    QCOMPARE(view.syntax(), QStringLiteral("iptables"));
    accept = colourOf(view, QStringLiteral("ACCEPT"), &found);
    QVERIFY(found);
    drop = colourOf(view, QStringLiteral("DROP"), &found);
    QVERIFY(found);
    const QColor filter = colourOf(view, QStringLiteral("*filter"), &found);
    if (DumpView::highlightsWithTheme()) {
        QCOMPARE(accept, theme.hlAccept);
        QCOMPARE(drop, theme.hlDrop);
        QCOMPARE(filter, theme.hlTable);
        QCOMPARE(colourOf(view, QStringLiteral("KUBE-MARK-DROP"), &found), theme.hlTarget);   // no DROP in it
        QVERIFY(found);
    } else {
        QVERIFY(accept.isValid() && drop.isValid() && accept != drop);
    }
    // nft's words mean nothing in an iptables dump: "tcp" is no selector there.
    QCOMPARE(colourOf(view, QStringLiteral("tcp"), &found), QColor());

    // nft JSON: plain.
    view.setRuleset(&jsonRules, theme);
    QCOMPARE(view.syntax(), QString());
    QVERIFY(view.editor()->lineCount() > 0);
    QVERIFY(view.editor()->lineFormats(0).isEmpty());

    // And back to nft: the nft syntax returns.
    view.setRuleset(&nftRules, theme);
    QCOMPARE(view.syntax(), QStringLiteral("nftables"));
    if (DumpView::highlightsWithTheme())
        QCOMPARE(colourOf(view, QStringLiteral("accept"), &found), theme.hlAccept);
}

QTEST_MAIN(TstDumpText)
#include "tst_dumptext.moc"
