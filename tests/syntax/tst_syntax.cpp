// resources/syntax/iptables.xml, the KSyntaxHighlighting definition of iptables dumps, run
// through the real engine: kate-syntax-highlighter (KF5/KF6 SyntaxHighlighting tools) as a
// separate process, the definition found through a temporary XDG_DATA_HOME. Checks that the
// definition loads without engine warnings, that the categories of views/dumphighlighter get
// distinct styles, and that the HTML matches the golden files (tests/data/syntax/regenerate.sh).
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <utility>
#include <vector>

namespace {

const QString Tool = QStringLiteral("kate-syntax-highlighter");

QString dataPath(const char *name)
{
    return QStringLiteral(CHAINSCOPE_TEST_DATA "/syntax/") + QLatin1String(name);
}

QString unescape(QString s)
{
    s.replace(QLatin1String("&quot;"), QLatin1String("\""));
    s.replace(QLatin1String("&lt;"), QLatin1String("<"));
    s.replace(QLatin1String("&gt;"), QLatin1String(">"));
    s.replace(QLatin1String("&#39;"), QLatin1String("'"));
    s.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return s;
}

/** The tool's HTML without the generator line, which names the KF major version. */
QString normalized(QString html)
{
    static const QRegularExpression generator(QStringLiteral("<meta name=\"generator\"[^>]*>\\n?"));
    return html.remove(generator);
}

} // namespace

class TestSyntax : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dumpCategories();
    void listingCategories();
    void definitionErrorIsReported();
    void golden_data();
    void golden();

private:
    struct Run
    {
        int exitCode = -1;
        QString html;
        QString errors;
    };
    /** Highlights a file with the definition installed under dataHome. */
    Run highlight(const QString &dataHome, const QString &file);
    /** Spans of the HTML: (text, style), in order. */
    static std::vector<std::pair<QString, QString>> spans(const QString &html);
    static QString styleOf(const std::vector<std::pair<QString, QString>> &spans, const QString &text);
    static bool installDefinition(const QString &dataHome, const QByteArray &xml);

    QString m_tool;
    QTemporaryDir m_home;
};

bool TestSyntax::installDefinition(const QString &dataHome, const QByteArray &xml)
{
    const QString dir = dataHome + QStringLiteral("/org.kde.syntax-highlighting/syntax");
    if (!QDir().mkpath(dir))
        return false;
    QFile f(dir + QStringLiteral("/iptables.xml"));
    return f.open(QIODevice::WriteOnly) && f.write(xml) == xml.size();
}

void TestSyntax::initTestCase()
{
    m_tool = QStandardPaths::findExecutable(Tool);
    if (m_tool.isEmpty()) {
        const QString reason = Tool + QStringLiteral(" not found (Debian: libkf5syntaxhighlighting-tools, "
                                                     "scripts/setup.sh installs it)");
        if (qEnvironmentVariableIsSet("CI"))
            QFAIL(qPrintable(reason + QStringLiteral("; required under CI")));
        QSKIP(qPrintable(reason));
    }
    QVERIFY(m_home.isValid());
    QFile xml(QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/syntax/iptables.xml"));
    QVERIFY2(xml.open(QIODevice::ReadOnly), qPrintable(xml.errorString()));
    QVERIFY(installDefinition(m_home.path(), xml.readAll()));
}

TestSyntax::Run TestSyntax::highlight(const QString &dataHome, const QString &file)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    // The engine reports definition problems through this category; make sure it is on.
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("kf.syntaxhighlighting.warning=true"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(m_tool, {QStringLiteral("-s"), QStringLiteral("iptables"), QStringLiteral("-f"), QStringLiteral("html"),
                     QStringLiteral("-t"), QStringLiteral("Breeze Light"), QStringLiteral("-T"),
                     QStringLiteral("chainscope"), file});
    Run r;
    if (!p.waitForFinished(60000)) {
        r.errors = QStringLiteral("%1 did not finish: %2").arg(Tool, p.errorString());
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.html = QString::fromUtf8(p.readAllStandardOutput());
    r.errors = QString::fromUtf8(p.readAllStandardError()).trimmed();
    return r;
}

std::vector<std::pair<QString, QString>> TestSyntax::spans(const QString &html)
{
    static const QRegularExpression span(QStringLiteral("<span style=\"([^\"]*)\">([^<]*)</span>"));
    std::vector<std::pair<QString, QString>> out;
    auto it = span.globalMatch(html);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out.emplace_back(unescape(m.captured(2)), m.captured(1));
    }
    return out;
}

QString TestSyntax::styleOf(const std::vector<std::pair<QString, QString>> &spans, const QString &text)
{
    for (const auto &[t, style] : spans)
        if (t == text)
            return style;
    return {};
}

#define CHECK_CLEAN_RUN(r)                                                                            \
    QVERIFY2((r).errors.isEmpty(), qPrintable(QStringLiteral("definition problems: ") + (r).errors)); \
    QCOMPARE((r).exitCode, 0)

void TestSyntax::dumpCategories()
{
    const Run r = highlight(m_home.path(), dataPath("dump.rules"));
    CHECK_CLEAN_RUN(r);
    const auto s = spans(r.html);
    const QStringList texts = {QStringLiteral("ACCEPT"), QStringLiteral("DROP"), QStringLiteral("-A"),
                               QStringLiteral("10.244.0.0/16"), QStringLiteral("\"flannel \\\"pod\\\" traffic\""),
                               QStringLiteral("*filter"), QStringLiteral(":INPUT"), QStringLiteral("[120:7200]")};
    QSet<QString> styles;
    for (const QString &t : texts) {
        const QString style = styleOf(s, t);
        QVERIFY2(!style.isEmpty(), qPrintable(QStringLiteral("no span of its own for %1").arg(t)));
        QVERIFY2(!styles.contains(style), qPrintable(QStringLiteral("%1 shares style %2").arg(t, style)));
        styles.insert(style);
    }
    // Same categories, same styles.
    QCOMPARE(styleOf(s, QStringLiteral("REJECT")), styleOf(s, QStringLiteral("DROP")));
    QCOMPARE(styleOf(s, QStringLiteral("COMMIT")), styleOf(s, QStringLiteral("*filter")));
    QCOMPARE(styleOf(s, QStringLiteral("-j")), styleOf(s, QStringLiteral("-A")));
    QCOMPARE(styleOf(s, QStringLiteral("--dport")), styleOf(s, QStringLiteral("-A")));
    QCOMPARE(styleOf(s, QStringLiteral("FORWARD")), styleOf(s, QStringLiteral(":INPUT")));
    QCOMPARE(styleOf(s, QStringLiteral("10.244.1.5:53")), styleOf(s, QStringLiteral("10.244.0.0/16")));
    QCOMPARE(styleOf(s, QStringLiteral("fd00::1/64")), styleOf(s, QStringLiteral("10.244.0.0/16")));
    QCOMPARE(styleOf(s, QStringLiteral("\"OUT: \"")), styleOf(s, QStringLiteral("\"kubernetes service portals\"")));
    // A chain named like a verdict is a target, not DROP.
    const QString markDrop = styleOf(s, QStringLiteral("KUBE-MARK-DROP"));
    QVERIFY(!markDrop.isEmpty());
    QCOMPARE(markDrop, styleOf(s, QStringLiteral("MASQUERADE")));
    QVERIFY(markDrop != styleOf(s, QStringLiteral("DROP")));
    QVERIFY(!styleOf(s, QStringLiteral("!")).isEmpty());
}

void TestSyntax::listingCategories()
{
    const Run r = highlight(m_home.path(), dataPath("listing.txt"));
    CHECK_CLEAN_RUN(r);
    const auto s = spans(r.html);
    const QString chain = styleOf(s, QStringLiteral("Chain INPUT"));
    const QString comment = styleOf(s, QStringLiteral("/* kubernetes service portals */"));
    const QString accept = styleOf(s, QStringLiteral("ACCEPT"));
    const QString drop = styleOf(s, QStringLiteral("DROP"));
    const QString address = styleOf(s, QStringLiteral("10.244.0.0/16"));
    const QString counter = styleOf(s, QStringLiteral(" 1234   56K"));
    const QSet<QString> styles = {chain, comment, accept, drop, address, counter};
    QVERIFY(!styles.contains(QString()));
    QCOMPARE(styles.size(), 6);
    QCOMPARE(styleOf(s, QStringLiteral("anywhere")), address);
    QCOMPARE(styleOf(s, QStringLiteral("0.0.0.0/0")), address);
    QCOMPARE(styleOf(s, QStringLiteral("REJECT")), drop);
    QCOMPARE(styleOf(s, QStringLiteral("Chain FORWARD")), chain);
}

void TestSyntax::definitionErrorIsReported()
{
    // The check above relies on the engine complaining on stderr: make sure it does.
    QFile xml(QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/syntax/iptables.xml"));
    QVERIFY(xml.open(QIODevice::ReadOnly));
    QByteArray broken = xml.readAll();
    QVERIFY(broken.contains("context=\"ChainName\""));
    broken.replace("context=\"ChainName\"", "context=\"NoSuchContext\"");
    QTemporaryDir home;
    QVERIFY(installDefinition(home.path(), broken));
    const Run r = highlight(home.path(), dataPath("dump.rules"));
    QVERIFY2(r.errors.contains(QLatin1String("NoSuchContext")), qPrintable(r.errors));
}

void TestSyntax::golden_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("dump") << dataPath("dump.rules");
    QTest::newRow("listing") << dataPath("listing.txt");
}

void TestSyntax::golden()
{
    QFETCH(QString, input);
    const Run r = highlight(m_home.path(), input);
    CHECK_CLEAN_RUN(r);
    QFile golden(input + QStringLiteral(".html"));
    QVERIFY2(golden.open(QIODevice::ReadOnly),
             qPrintable(golden.fileName() + QStringLiteral(": ") + golden.errorString()
                        + QStringLiteral(" (tests/data/syntax/regenerate.sh writes it)")));
    const QString expected = normalized(QString::fromUtf8(golden.readAll()));
    const QString actual = normalized(r.html);
    if (actual != expected) {
        const QStringList a = actual.split(QLatin1Char('\n'));
        const QStringList e = expected.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < std::max(a.size(), e.size()); ++i)
            if (a.value(i) != e.value(i))
                QFAIL(qPrintable(QStringLiteral("%1.html differs at line %2 (run tests/data/syntax/regenerate.sh if "
                                                "the change is intended):\n  expected: %3\n  actual:   %4")
                                     .arg(input)
                                     .arg(i + 1)
                                     .arg(e.value(i), a.value(i))));
    }
}

QTEST_GUILESS_MAIN(TestSyntax)
#include "tst_syntax.moc"
