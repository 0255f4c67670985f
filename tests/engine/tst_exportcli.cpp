// chainscope-cli export: the postmortem SVG, headless. Runs the real binary (no display:
// the CLI picks the offscreen platform itself) and reads the SVG back as XML.
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

class TstExportCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void incidentSvg();
    void rewritesOnMaster();
    void pngAndPdf();
    void refusesBadArguments();
    void otherCommandsNeedNoDisplay();

private:
    struct Result
    {
        int code = -1;
        QByteArray out, err;
    };
    Result run(const QStringList &args, bool noDisplay = true)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (noDisplay) {
            env.remove(QStringLiteral("QT_QPA_PLATFORM"));
            env.remove(QStringLiteral("DISPLAY"));
            env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        }
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(CHAINSCOPE_CLI), args);
        p.waitForFinished(120000);
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    const QString m_incident = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/incident");
};

void TstExportCli::incidentSvg()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("incident.svg"));
    const QString note1 = QStringLiteral("node02 drops it");
    const QString note2 = QStringLiteral("FORWARD policy DROP <since Docker> & no ACCEPT for 10.224/16");
    const Result r = run({QStringLiteral("export"), m_incident, QStringLiteral("--svg"), out, QStringLiteral("--preset"),
                          QStringLiteral("curl the ClusterIP from master"), QStringLiteral("--note"), note1,
                          QStringLiteral("--note"), note2});
    QVERIFY2(r.code == 0, r.err.constData());

    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray svg = f.readAll();
    QXmlStreamReader xml(svg);
    QStringList texts, titles;
    int images = 0, ruleGroups = 0, candidateGroups = 0;
    QString allText, verdictLine;
    QStringList stack;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QString name = xml.name().toString();
            stack << name;
            if (name == QLatin1String("image") || name == QLatin1String("foreignObject"))
                ++images;
            if (name == QLatin1String("g")) {
                const QString cls = xml.attributes().value(QStringLiteral("class")).toString();
                if (cls.split(QLatin1Char(' ')).contains(QLatin1String("rule")))
                    ++ruleGroups;
                if (cls.split(QLatin1Char(' ')).contains(QLatin1String("candidate")))
                    ++candidateGroups;
            }
            if (name == QLatin1String("text"))
                { texts << xml.readElementText(QXmlStreamReader::IncludeChildElements); stack.removeLast(); }
            else if (name == QLatin1String("title"))
                { titles << xml.readElementText(QXmlStreamReader::IncludeChildElements); stack.removeLast(); }
        } else if (xml.isEndElement()) {
            if (!stack.isEmpty())
                stack.removeLast();
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(images, 0);
    allText = texts.join(QLatin1Char(' '));

    // The verdict: node02 drops it by filter FORWARD's policy.
    QVERIFY(allText.contains(QLatin1String("DROP")));
    QVERIFY(allText.contains(QLatin1String("policy DROP")));
    QVERIFY(allText.contains(QLatin1String("node02")));
    QVERIFY(allText.contains(QLatin1String("Verdict:")));
    // The header's verdict names both branches' drops (kube-proxy picks either endpoint).
    verdictLine = texts.filter(QLatin1String("Verdict:")).value(0);
    QVERIFY2(verdictLine.contains(QLatin1String("node02 filter:FORWARD:policy => DROP")), qPrintable(verdictLine));
    // The header: scenario, packet, version.
    QVERIFY(allText.contains(QLatin1String("10.108.94.160")));
    QVERIFY(allText.contains(QLatin1String(CHAINSCOPE_VERSION)));
    // Every note, each as a title and as wrapped text lines.
    QVERIFY(titles.contains(note1));
    QVERIFY(titles.contains(note2));
    QVERIFY(allText.contains(note1));
    QVERIFY(allText.contains(note2)); // wrapped into lines at spaces
    // Rule rows carry their full text.
    QVERIFY(ruleGroups > 10);
    bool forwardRule = false;
    for (const QString &t : std::as_const(titles))
        forwardRule = forwardRule || t.startsWith(QLatin1String("-A FORWARD "));
    QVERIFY(forwardRule);
    QCOMPARE(candidateGroups, 0);
    QVERIFY(!svg.contains("<image"));
}

void TstExportCli::rewritesOnMaster()
{
    // Master rewrites the packet three ways before it leaves: each rewrite is a callout
    // beside the row that made it, as the window shows it during the animation.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("master.svg"));
    const Result r = run({QStringLiteral("export"), m_incident, QStringLiteral("--svg"), out, QStringLiteral("--preset"),
                          QStringLiteral("curl the ClusterIP from master"), QStringLiteral("--node"), QStringLiteral("master")});
    QVERIFY2(r.code == 0, r.err.constData());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(f.readAll());
    QStringList callouts;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("g")
            && xml.attributes().value(QStringLiteral("class")) == QLatin1String("rewrite-callout")) {
            xml.readNextStartElement();
            QCOMPARE(xml.name().toString(), QStringLiteral("title"));
            callouts << xml.readElementText();
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    const QString joined = callouts.join(QLatin1Char('|'));
    QVERIFY2(callouts.filter(QRegularExpression(QStringLiteral("^DNAT: destination 10\\.108\\.94\\.160:80 \u2192 10\\.224\\.[12]\\.1[46]:80$"))).size() == 1,
             qPrintable(joined));
    QVERIFY2(callouts.contains(QStringLiteral("MARK: mark 0x0 \u2192 0x4000")), qPrintable(joined));
    QVERIFY2(callouts.filter(QRegularExpression(QStringLiteral("^MASQUERADE: source 192\\.168\\.56\\.10:\\d+ \u2192 10\\.224\\.0\\.0:\\d+$"))).size() == 1,
             qPrintable(joined));
}

void TstExportCli::pngAndPdf()
{
    QTemporaryDir dir;
    const QString svg = dir.filePath(QStringLiteral("fix.svg"));
    const QString png = dir.filePath(QStringLiteral("fix.png"));
    const QString pdf = dir.filePath(QStringLiteral("fix.pdf"));
    const Result r = run({QStringLiteral("export"), m_incident, QStringLiteral("--svg"), svg, QStringLiteral("--png"), png,
                          QStringLiteral("--pdf"), pdf, QStringLiteral("--preset"), QStringLiteral("curl the ClusterIP from master"),
                          QStringLiteral("--insert"), QStringLiteral("node02:filter:FORWARD:1:-i flannel.1 -o cni0 -j ACCEPT"),
                          QStringLiteral("--node"), QStringLiteral("node02")});
    QVERIFY2(r.code == 0, r.err.constData());
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray s = f.readAll();
    // The inserted rule is marked as a candidate, in its class and its title.
    QVERIFY(s.contains("class=\"rule candidate"));
    QVERIFY(s.contains("-A FORWARD -i flannel.1 -o cni0 -j ACCEPT (candidate)"));
    QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 500);
    QFile p(pdf);
    QVERIFY(p.open(QIODevice::ReadOnly));
    QVERIFY(p.read(4) == "%PDF");
    QVERIFY(p.size() > 5000);
}

void TstExportCli::refusesBadArguments()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("x.svg"));
    Result r = run({QStringLiteral("export"), m_incident, QStringLiteral("--preset"), QStringLiteral("curl the ClusterIP from master")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains("--svg"));
    r = run({QStringLiteral("export"), m_incident, QStringLiteral("--svg"), out, QStringLiteral("--node"), QStringLiteral("nosuch")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains("nosuch"));
    QVERIFY(!QFile::exists(out));
    r = run({QStringLiteral("export"), m_incident, QStringLiteral("--svg"), out, QStringLiteral("--bogus")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains("unknown option"));
}

void TstExportCli::otherCommandsNeedNoDisplay()
{
    const Result r = run({QStringLiteral("trace"), m_incident, QStringLiteral("--preset"), QStringLiteral("curl the ClusterIP from master")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("policy DROP"));
}

QTEST_GUILESS_MAIN(TstExportCli)
#include "tst_exportcli.moc"
