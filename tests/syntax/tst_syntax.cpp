// resources/syntax/iptables.xml and nftables.xml, the KSyntaxHighlighting definitions of
// iptables dumps and `nft list ruleset` listings, run
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
    void nftKubeProxy();
    void nftFirewalld();
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
    Run highlight(const QString &dataHome, const QString &file, const QString &syntax = QStringLiteral("iptables"));
    /** Spans of the HTML: (text, style), in order. */
    static std::vector<std::pair<QString, QString>> spans(const QString &html);
    static QString styleOf(const std::vector<std::pair<QString, QString>> &spans, const QString &text);
    static bool installDefinition(const QString &dataHome, const QByteArray &xml,
                                  const QString &name = QStringLiteral("iptables"));

    QString m_tool;
    QTemporaryDir m_home;
};

bool TestSyntax::installDefinition(const QString &dataHome, const QByteArray &xml, const QString &name)
{
    const QString dir = dataHome + QStringLiteral("/org.kde.syntax-highlighting/syntax");
    if (!QDir().mkpath(dir))
        return false;
    QFile f(dir + QLatin1Char('/') + name + QStringLiteral(".xml"));
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
    QFile nft(QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/syntax/nftables.xml"));
    QVERIFY2(nft.open(QIODevice::ReadOnly), qPrintable(nft.errorString()));
    QVERIFY(installDefinition(m_home.path(), nft.readAll(), QStringLiteral("nftables")));
}

TestSyntax::Run TestSyntax::highlight(const QString &dataHome, const QString &file, const QString &syntax)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    // The engine reports definition problems through this category; make sure it is on.
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("kf.syntaxhighlighting.warning=true"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(m_tool, {QStringLiteral("-s"), syntax, QStringLiteral("-f"), QStringLiteral("html"),
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

void TestSyntax::nftKubeProxy()
{
    // kube-proxy's nftables mode, listed with -a: sets, a verdict map, chains named like paths.
    const Run r = highlight(m_home.path(), dataPath("kube-proxy.nft"), QStringLiteral("nftables"));
    CHECK_CLEAN_RUN(r);
    const auto s = spans(r.html);
    // Each category a style of its own.
    const QStringList texts = {QStringLiteral("table"), QStringLiteral("kube-proxy"), QStringLiteral("type"),
                               QStringLiteral("ipv4_addr . inet_proto . inet_service : verdict"),
                               QStringLiteral("daddr"), QStringLiteral("10.96.0.1"), QStringLiteral("@service-ips"),
                               QStringLiteral("packets 1520 bytes 91200"), QStringLiteral("accept"),
                               QStringLiteral("drop"), QStringLiteral("goto"), QStringLiteral("# handle 3"),
                               QStringLiteral("\"rules for kube-proxy\""), QStringLiteral("{"), QStringLiteral("!=")};
    QSet<QString> styles;
    for (const QString &t : texts) {
        const QString style = styleOf(s, t);
        QVERIFY2(!style.isEmpty(), qPrintable(QStringLiteral("no span of its own for %1").arg(t)));
        QVERIFY2(!styles.contains(style), qPrintable(QStringLiteral("%1 shares style %2").arg(t, style)));
        styles.insert(style);
    }
    // Same categories, same styles.
    const QString name = styleOf(s, QStringLiteral("kube-proxy"));
    QCOMPARE(styleOf(s, QStringLiteral("chain")), styleOf(s, QStringLiteral("table")));
    QCOMPARE(styleOf(s, QStringLiteral("map")), styleOf(s, QStringLiteral("table")));
    QCOMPARE(styleOf(s, QStringLiteral("cluster-ips")), name);
    QCOMPARE(styleOf(s, QStringLiteral("service-ULMVA6XW-ns1/svc1/tcp/p80")), name);   // goto's chain
    QCOMPARE(styleOf(s, QStringLiteral("endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.244.1.5/80")), name);
    QCOMPARE(styleOf(s, QStringLiteral("mark-for-masquerade")), name);   // not masquerade inside it
    QCOMPARE(styleOf(s, QStringLiteral("ip")), styleOf(s, QStringLiteral("ipv4_addr")));   // table ip: a family
    QCOMPARE(styleOf(s, QStringLiteral("prerouting")), styleOf(s, QStringLiteral("ipv4_addr")));   // hook
    QCOMPARE(styleOf(s, QStringLiteral("dstnat")), styleOf(s, QStringLiteral("ipv4_addr")));   // priority name
    QCOMPARE(styleOf(s, QStringLiteral("hook")), styleOf(s, QStringLiteral("type")));
    QCOMPARE(styleOf(s, QStringLiteral("priority")), styleOf(s, QStringLiteral("type")));
    QCOMPARE(styleOf(s, QStringLiteral("policy")), styleOf(s, QStringLiteral("type")));
    QCOMPARE(styleOf(s, QStringLiteral("elements")), styleOf(s, QStringLiteral("type")));
    QCOMPARE(styleOf(s, QStringLiteral("reject")), styleOf(s, QStringLiteral("drop")));
    for (const char *t : {"jump", "return", "masquerade", "dnat"})
        QCOMPARE(styleOf(s, QLatin1String(t)), styleOf(s, QStringLiteral("goto")));
    QCOMPARE(styleOf(s, QStringLiteral("10.244.0.0/16")), styleOf(s, QStringLiteral("10.96.0.1")));
    QCOMPARE(styleOf(s, QStringLiteral("10.244.1.5:80")), styleOf(s, QStringLiteral("10.96.0.1")));
    QCOMPARE(styleOf(s, QStringLiteral("fd00:10:244::/56")), styleOf(s, QStringLiteral("10.96.0.1")));
    QCOMPARE(styleOf(s, QStringLiteral("fd00:10:96::a")), styleOf(s, QStringLiteral("10.96.0.1")));
    QCOMPARE(styleOf(s, QStringLiteral("@nodeport-ips")), styleOf(s, QStringLiteral("@service-ips")));
    QCOMPARE(styleOf(s, QStringLiteral("# handle 46")), styleOf(s, QStringLiteral("# handle 3")));
    QCOMPARE(styleOf(s, QStringLiteral("}")), styleOf(s, QStringLiteral("{")));
    // A string is one span: the accept inside "IPs that accept NodePort traffic" is not a verdict.
    QVERIFY(!styleOf(s, QStringLiteral("\"IPs that accept NodePort traffic\"")).isEmpty());
}

void TestSyntax::nftFirewalld()
{
    // firewalld's inet table: an interval set, an ifname verdict map, IPv6, log, reject with.
    const Run r = highlight(m_home.path(), dataPath("firewalld.nft"), QStringLiteral("nftables"));
    CHECK_CLEAN_RUN(r);
    const auto s = spans(r.html);
    const QString address = styleOf(s, QStringLiteral("192.0.2.0/24"));
    const QString name = styleOf(s, QStringLiteral("firewalld"));
    const QString type = styleOf(s, QStringLiteral("inet"));
    const QString accept = styleOf(s, QStringLiteral("accept"));
    const QString drop = styleOf(s, QStringLiteral("drop"));
    const QString target = styleOf(s, QStringLiteral("goto"));
    const QString keyword = styleOf(s, QStringLiteral("flags"));
    const QString counter = styleOf(s, QStringLiteral("packets 12 bytes 720"));
    const QSet<QString> styles = {address, name, type, accept, drop, target, keyword, counter};
    QVERIFY(!styles.contains(QString()));
    QCOMPARE(styles.size(), 8);
    // Interval elements: a range's ends and prefixes, v4 and v6 (with an embedded v4).
    for (const char *a : {"198.51.100.16", "198.51.100.31", "203.0.113.7", "::/96", "::ffff:0.0.0.0/96", "2002::/24", "fe80::/64"})
        QCOMPARE(styleOf(s, QLatin1String(a)), address);
    QCOMPARE(styleOf(s, QStringLiteral("filter_IN_public")), name);   // goto in the map
    QCOMPARE(styleOf(s, QStringLiteral("filter_IN_trusted")), name);  // jump in the map
    QCOMPARE(styleOf(s, QStringLiteral("filter_INPUT_POLICIES")), name);
    QCOMPARE(styleOf(s, QStringLiteral("input")), type);
    QCOMPARE(styleOf(s, QStringLiteral("ifname : verdict")), type);
    QCOMPARE(styleOf(s, QStringLiteral("reject")), drop);
    QCOMPARE(styleOf(s, QStringLiteral("return")), target);
    QCOMPARE(styleOf(s, QStringLiteral("log")), target);
    QCOMPARE(styleOf(s, QStringLiteral("auto-merge")), keyword);
    QCOMPARE(styleOf(s, QStringLiteral("elements")), keyword);
    // ct status dnat: a conntrack state, not the dnat statement.
    QVERIFY(styleOf(s, QStringLiteral("dnat")) != target);
    // A # inside a string is no comment.
    QVERIFY(!styleOf(s, QStringLiteral("\"ssh # allowed\"")).isEmpty());
}

void TestSyntax::golden_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("syntax");
    QTest::newRow("dump") << dataPath("dump.rules") << QStringLiteral("iptables");
    QTest::newRow("listing") << dataPath("listing.txt") << QStringLiteral("iptables");
    QTest::newRow("nft kube-proxy") << dataPath("kube-proxy.nft") << QStringLiteral("nftables");
    QTest::newRow("nft firewalld") << dataPath("firewalld.nft") << QStringLiteral("nftables");
}

void TestSyntax::golden()
{
    QFETCH(QString, input);
    QFETCH(QString, syntax);
    const Run r = highlight(m_home.path(), input, syntax);
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
