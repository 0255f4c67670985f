// The path figure and the postmortem report, through the real chainscope-cli: the figure
// fits a landscape page, every text lies inside its box (measured with the font it is drawn
// with), no path segment crosses a text, the PDF has a page per node with its fonts, and the
// report is one self-contained document with every section.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QImage>
#include <QLineF>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

const char *const Preset = "curl the ClusterIP from master";
const char *const Fix02 = "node02:filter:DOCKER-USER:1:-i flannel.1 -o cni0 -j ACCEPT";
const char *const Fix01 = "node01:filter:DOCKER-USER:1:-i flannel.1 -o cni0 -j ACCEPT";

struct TextBox
{
    QString text;
    QRectF rect;       // measured: advance by ascent + descent
    QRectF box;        // the box of its group
    QString group;
};

struct Figure
{
    QSizeF size;
    QList<TextBox> texts;
    QList<QLineF> path;       // segments of the polyline and the ticks
    QStringList groupClasses;
    QStringList titles;
    bool unboxedText = false;
    QString firstUnboxed;
};

QRectF measure(const QXmlStreamAttributes &a, const QString &text, const QString &inheritedFamily)
{
    const QString family = a.hasAttribute(QStringLiteral("font-family"))
            ? a.value(QStringLiteral("font-family")).toString().section(QLatin1Char(','), 0, 0).trimmed()
            : inheritedFamily;
    QFont f(family);
    f.setPixelSize(qRound(a.value(QStringLiteral("font-size")).toDouble()));
    f.setBold(a.value(QStringLiteral("font-weight")) == QLatin1String("bold"));
    f.setKerning(false);
    const QFontMetricsF fm(f);
    const qreal w = fm.horizontalAdvance(text);
    const qreal x = a.value(QStringLiteral("x")).toDouble();
    const qreal y = a.value(QStringLiteral("y")).toDouble();
    const bool end = a.value(QStringLiteral("text-anchor")) == QLatin1String("end");
    return QRectF(end ? x - w : x, y - fm.ascent(), w, fm.ascent() + fm.descent());
}

/** Reads a figure: each text with the box of its nearest "boxed" group, the path's segments. */
Figure readFigure(const QByteArray &svg)
{
    Figure fig;
    QXmlStreamReader xml(svg);
    struct G
    {
        bool boxed = false;
        QRectF box;
        bool haveBox = false;
        QString cls;
    };
    QList<G> stack;
    QString family = QStringLiteral("DejaVu Sans");
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QString name = xml.name().toString();
            const QXmlStreamAttributes a = xml.attributes();
            if (name == QLatin1String("svg")) {
                fig.size = QSizeF(a.value(QStringLiteral("width")).toDouble(), a.value(QStringLiteral("height")).toDouble());
                family = a.value(QStringLiteral("font-family")).toString().section(QLatin1Char(','), 0, 0).trimmed();
            } else if (name == QLatin1String("g")) {
                G g;
                g.cls = a.value(QStringLiteral("class")).toString();
                g.boxed = g.cls.split(QLatin1Char(' ')).contains(QLatin1String("boxed"));
                fig.groupClasses << g.cls;
                stack << g;
            } else if (name == QLatin1String("rect") && !stack.isEmpty() && stack.back().boxed && !stack.back().haveBox
                       && a.value(QStringLiteral("class")) == QLatin1String("box")) {
                stack.back().box = QRectF(a.value(QStringLiteral("x")).toDouble(), a.value(QStringLiteral("y")).toDouble(),
                                          a.value(QStringLiteral("width")).toDouble(), a.value(QStringLiteral("height")).toDouble());
                stack.back().haveBox = true;
            } else if (name == QLatin1String("title")) {
                fig.titles << xml.readElementText();
            } else if (name == QLatin1String("text")) {
                const QString text = xml.readElementText();
                TextBox t;
                t.text = text;
                t.rect = measure(a, text, family);
                bool found = false;
                for (auto it = stack.crbegin(); it != stack.crend(); ++it)
                    if (it->boxed) {
                        t.box = it->box;
                        t.group = it->cls;
                        found = it->haveBox;
                        break;
                    }
                if (!found && !fig.unboxedText) {
                    fig.unboxedText = true;
                    fig.firstUnboxed = text;
                }
                fig.texts << t;
            } else if (name == QLatin1String("polyline") && a.value(QStringLiteral("class")) == QLatin1String("path")) {
                const QStringList pts = a.value(QStringLiteral("points")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
                QPointF prev;
                for (int i = 0; i < pts.size(); ++i) {
                    const QPointF p(pts[i].section(QLatin1Char(','), 0, 0).toDouble(), pts[i].section(QLatin1Char(','), 1, 1).toDouble());
                    if (i > 0)
                        fig.path << QLineF(prev, p);
                    prev = p;
                }
            } else if (name == QLatin1String("line") && a.value(QStringLiteral("class")) == QLatin1String("path-tick")) {
                fig.path << QLineF(a.value(QStringLiteral("x1")).toDouble(), a.value(QStringLiteral("y1")).toDouble(),
                                   a.value(QStringLiteral("x2")).toDouble(), a.value(QStringLiteral("y2")).toDouble());
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("g")) {
            stack.removeLast();
        }
    }
    if (xml.hasError())
        qWarning() << xml.errorString();
    return fig;
}

/** Whether a segment (with the stroke's half width) touches a rectangle. */
bool crosses(const QLineF &l, const QRectF &r, qreal halfWidth)
{
    const QRectF seg = QRectF(l.p1(), l.p2()).normalized().adjusted(-halfWidth, -halfWidth, halfWidth, halfWidth);
    return seg.intersects(r);   // the path's segments are horizontal or vertical
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int pdfPages(const QByteArray &pdf)
{
    return int(pdf.count("/Type /Page\n") + pdf.count("/Type /Page/") + pdf.count("/Type /Page ") + pdf.count("/Type/Page\n")
               + pdf.count("/Type/Page/") + pdf.count("/Type/Page "));
}

} // namespace

class TstReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pathFigureFitsALandscapePage();
    void pathFigureOfTheFix();
    void pdfHasAPagePerNode();
    void wholeGraphPdfIsPaginated();
    void reportHasEverySection();
    void markdownWithSvgsBeside();
    void provenanceNamesTheKernel();
    void reportRendersInChromium();
    void nftChainsInTheFigure();

private:
    struct Result
    {
        int code = -1;
        QByteArray out, err;
    };
    Result run(const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("SOURCE_DATE_EPOCH"), QStringLiteral("1605350000"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(CHAINSCOPE_CLI), args);
        p.waitForFinished(120000);
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    void checkGeometry(const Figure &fig);
    const QString m_incident = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/incident");
};

void TstReport::checkGeometry(const Figure &fig)
{
    QVERIFY2(!fig.unboxedText, qPrintable(QStringLiteral("a text outside any box: ") + fig.firstUnboxed));
    QVERIFY(fig.texts.size() > 50);
    for (const TextBox &t : fig.texts) {
        // Half a pixel for rounding in the positions written.
        QVERIFY2(t.box.adjusted(-0.5, -0.5, 0.5, 0.5).contains(t.rect),
                 qPrintable(QStringLiteral("\"%1\" (%2,%3 %4x%5) leaves its box %6,%7 %8x%9 in \"%10\"")
                                    .arg(t.text).arg(t.rect.x()).arg(t.rect.y()).arg(t.rect.width()).arg(t.rect.height())
                                    .arg(t.box.x()).arg(t.box.y()).arg(t.box.width()).arg(t.box.height()).arg(t.group)));
    }
    QVERIFY(fig.path.size() > 10);
    for (const QLineF &l : fig.path)
        for (const TextBox &t : fig.texts)
            QVERIFY2(!crosses(l, t.rect, 1.25),
                     qPrintable(QStringLiteral("the path (%1,%2)-(%3,%4) crosses \"%5\"").arg(l.x1()).arg(l.y1()).arg(l.x2()).arg(l.y2()).arg(t.text)));
}

void TstReport::pathFigureFitsALandscapePage()
{
    QTemporaryDir dir;
    const QString svg = dir.filePath(QStringLiteral("path.svg"));
    const QString note = QStringLiteral("node02 drops it: FORWARD policy DROP since Docker 1.13 and no ACCEPT for the pod network "
                                        "10.224.0.0/16 from flannel.1 to cni0; https://docs.docker.com/network/packet-filtering-firewalls/");
    const Result r = run({QStringLiteral("export"), m_incident, QStringLiteral("--svg"), svg, QStringLiteral("--preset"),
                          QString::fromLatin1(Preset), QStringLiteral("--note"), note});
    QVERIFY2(r.code == 0, r.err.constData());
    const QByteArray bytes = readAll(svg);
    const Figure fig = readFigure(bytes);
    // A4 landscape at 100%: 1123 x 794 pixels at 96 dpi.
    QVERIFY2(fig.size.width() <= 1123.5 && fig.size.height() <= 794.5,
             qPrintable(QStringLiteral("%1 x %2").arg(fig.size.width()).arg(fig.size.height())));
    checkGeometry(fig);
    // What it holds: the verdict in words, the chain that decided with its nearest misses, the rewrites, the note.
    QVERIFY(fig.groupClasses.contains(QLatin1String("verdict-callout boxed")));
    QVERIFY(fig.groupClasses.contains(QLatin1String("miss-reason")));
    QVERIFY(fig.groupClasses.contains(QLatin1String("rewrite-callout")));
    QVERIFY(fig.titles.contains(note));
    QString joined;
    for (const TextBox &t : fig.texts)
        joined += t.text + QLatin1Char(' ');
    QVERIFY(joined.contains(QLatin1String("policy DROP")));
    // The header names the source the route chose, not "(source from the route)".
    QVERIFY2(joined.contains(QLatin1String("192.168.56.10 -> 10.108.94.160 tcp/80")), qPrintable(joined.left(400)));
    QVERIFY(!bytes.contains("source from the route"));
    // A document: the light theme, no hints for a mouse.
    QVERIFY(bytes.contains("class=\"page-background\" width=\"1123\" height=\"79"));
    QVERIFY(bytes.contains("fill=\"#f4f5f7\""));
    QVERIFY(!bytes.contains("double-click"));
    QVERIFY(!bytes.contains("<image"));

    // In Chinese too: wider words, lines broken between characters, still inside their boxes.
    const QString zh = dir.filePath(QStringLiteral("zh.svg"));
    const Result z = run({QStringLiteral("--lang"), QStringLiteral("zh_CN"), QStringLiteral("export"), m_incident, QStringLiteral("--svg"), zh,
                          QStringLiteral("--preset"), QString::fromLatin1(Preset), QStringLiteral("--note"),
                          QStringLiteral("node02 丢弃了它：自 Docker 1.13 起 FORWARD 策略为 DROP，而且没有为 flannel.1 到 cni0 的 Pod 网络放行的规则")});
    QVERIFY2(z.code == 0, z.err.constData());
    const Figure zf = readFigure(readAll(zh));
    QVERIFY(zf.size.height() <= 794.5);
    checkGeometry(zf);
}

void TstReport::nftChainsInTheFigure()
{
    // Lesson 07's host: iptables-legacy's filter INPUT accepts, firewalld's inet table rejects.
    // The figure holds both tables' chains, the nft ones titled as nft names them, the reject
    // row as the verdict; with the fix, the candidate row in the zone's allow chain.
    QTemporaryDir dir;
    const QString mixed = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/scenarios/firewalld-mixed");
    const QString svg = dir.filePath(QStringLiteral("nft.svg"));
    const Result r = run({QStringLiteral("export"), mixed, QStringLiteral("--svg"), svg, QStringLiteral("--preset"),
                          QStringLiteral("scrape the exporter")});
    QVERIFY2(r.code == 0, r.err.constData());
    const Figure fig = readFigure(readAll(svg));
    QVERIFY(fig.size.width() <= 1123.5 && fig.size.height() <= 794.5);
    checkGeometry(fig);
    QString joined;
    for (const TextBox &t : fig.texts)
        joined += t.text + QLatin1Char('|');
    QVERIFY2(joined.contains(QLatin1String("|filter INPUT|")), qPrintable(joined.left(600)));
    QVERIFY(joined.contains(QLatin1String("|inet firewalld filter_INPUT|")));
    QVERIFY(joined.contains(QLatin1String("|inet firewalld filter_INPUT_POLICIES|")));
    QVERIFY(joined.contains(QLatin1String("|reject with icmpx admin-prohibited|")));
    QVERIFY(fig.groupClasses.contains(QLatin1String("rule verdict")));
    const QString fixed = dir.filePath(QStringLiteral("fixed.svg"));
    const Result f = run({QStringLiteral("export"), mixed, QStringLiteral("--svg"), fixed, QStringLiteral("--preset"),
                          QStringLiteral("scrape the exporter"), QStringLiteral("--insert"),
                          QStringLiteral("host:inet firewalld:filter_IN_public_allow:4:tcp dport 9000 accept")});
    QVERIFY2(f.code == 0, f.err.constData());
    const Figure ff = readFigure(readAll(fixed));
    checkGeometry(ff);
    // the last accept decides, the candidate's, not iptables-legacy's that came before it
    QVERIFY(ff.groupClasses.contains(QLatin1String("rule candidate verdict")));
    QVERIFY(!ff.groupClasses.contains(QLatin1String("rule verdict")));
}

void TstReport::pathFigureOfTheFix()
{
    QTemporaryDir dir;
    const QString svg = dir.filePath(QStringLiteral("fix.svg"));
    const Result r = run({QStringLiteral("export"), m_incident, QStringLiteral("--svg"), svg, QStringLiteral("--preset"),
                          QString::fromLatin1(Preset), QStringLiteral("--insert"), QString::fromLatin1(Fix02),
                          QStringLiteral("--insert"), QString::fromLatin1(Fix01), QStringLiteral("--page"), QStringLiteral("letter")});
    QVERIFY2(r.code == 0, r.err.constData());
    const QByteArray bytes = readAll(svg);
    const Figure fig = readFigure(bytes);
    QVERIFY2(fig.size.width() <= 1056.5 && fig.size.height() <= 816.5, qPrintable(QStringLiteral("%1 x %2").arg(fig.size.width()).arg(fig.size.height())));
    checkGeometry(fig);
    // The candidate rule is marked, and it is where the packet was accepted.
    QVERIFY(bytes.contains("class=\"rule candidate verdict"));
    QVERIFY(bytes.contains("-A DOCKER-USER -i flannel.1 -o cni0 -j ACCEPT (candidate)"));
    // A given width: the height follows the content.
    const QString narrow = dir.filePath(QStringLiteral("narrow.svg"));
    const Result w = run({QStringLiteral("export"), m_incident, QStringLiteral("--svg"), narrow, QStringLiteral("--preset"),
                          QString::fromLatin1(Preset), QStringLiteral("--width"), QStringLiteral("700")});
    QVERIFY2(w.code == 0, w.err.constData());
    const Figure nf = readFigure(readAll(narrow));
    QCOMPARE(nf.size.width(), 700.0);
    checkGeometry(nf);
}

void TstReport::pdfHasAPagePerNode()
{
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("path.pdf"));
    Result r = run({QStringLiteral("export"), m_incident, QStringLiteral("--pdf"), pdf, QStringLiteral("--preset"), QString::fromLatin1(Preset)});
    QVERIFY2(r.code == 0, r.err.constData());
    QByteArray bytes = readAll(pdf);
    QVERIFY(bytes.startsWith("%PDF"));
    // The packet crosses master and one worker: two nodes, two pages, A4 landscape.
    QCOMPARE(pdfPages(bytes), 2);
    QVERIFY(bytes.contains("/MediaBox [0 0 841.8") || bytes.contains("/MediaBox [0 0 842"));
    // Fonts embedded (TrueType programs in the file).
    QVERIFY(bytes.contains("/FontFile2"));
    r = run({QStringLiteral("export"), m_incident, QStringLiteral("--pdf"), pdf, QStringLiteral("--preset"), QString::fromLatin1(Preset),
             QStringLiteral("--layout"), QStringLiteral("side")});
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(pdfPages(readAll(pdf)), 1);
    r = run({QStringLiteral("export"), m_incident, QStringLiteral("--pdf"), pdf, QStringLiteral("--preset"), QString::fromLatin1(Preset),
             QStringLiteral("--layout"), QStringLiteral("diagonal")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains("--layout"));
}

void TstReport::wholeGraphPdfIsPaginated()
{
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("graph.pdf"));
    const Result r = run({QStringLiteral("export"), m_incident, QStringLiteral("--pdf"), pdf, QStringLiteral("--preset"),
                          QString::fromLatin1(Preset), QStringLiteral("--figure"), QStringLiteral("node"), QStringLiteral("--node"),
                          QStringLiteral("node02")});
    QVERIFY2(r.code == 0, r.err.constData());
    const QByteArray bytes = readAll(pdf);
    // Several A4 landscape pages, not one page a metre wide.
    QVERIFY2(pdfPages(bytes) > 2, qPrintable(QString::number(pdfPages(bytes))));
    const QRegularExpression box(QStringLiteral("/MediaBox \\[0 0 ([\\d.]+) ([\\d.]+)\\]"));
    auto it = box.globalMatch(QString::fromLatin1(bytes));
    int boxes = 0;
    while (it.hasNext()) {
        const auto m = it.next();
        QVERIFY2(m.captured(1).toDouble() < 850 && m.captured(2).toDouble() < 600, qPrintable(m.captured(0)));
        ++boxes;
    }
    QVERIFY(boxes > 0);
}

void TstReport::reportHasEverySection()
{
    QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("report.html"));
    const QString note = QStringLiteral("FORWARD policy DROP came with Docker 1.13 <see the changelog> & the flannel docs");
    const Result r = run({QStringLiteral("report"), m_incident, QStringLiteral("--preset"), QString::fromLatin1(Preset),
                          QStringLiteral("--insert"), QString::fromLatin1(Fix02), QStringLiteral("--insert"), QString::fromLatin1(Fix01),
                          QStringLiteral("--note"), note, QStringLiteral("--html"), html});
    QVERIFY2(r.code == 0, r.err.constData());
    const QByteArray bytes = readAll(html);
    // It parses (the HTML is also well-formed XML, inline SVG included) and holds no external asset.
    QXmlStreamReader xml(bytes);
    QStringList ids;
    int svgs = 0, scripts = 0, external = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const QString name = xml.name().toString();
        if (name == QLatin1String("section"))
            ids << xml.attributes().value(QStringLiteral("id")).toString();
        svgs += name == QLatin1String("svg");
        scripts += name == QLatin1String("script") || name == QLatin1String("link") || name == QLatin1String("img")
                   || name == QLatin1String("image") || name == QLatin1String("iframe");
        for (const QXmlStreamAttribute &a : xml.attributes())
            external += a.name() == QLatin1String("src") || a.name() == QLatin1String("href");
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString() + QStringLiteral(" at line %1").arg(xml.lineNumber())));
    QCOMPARE(ids, (QStringList{QStringLiteral("summary"), QStringLiteral("figure-before"), QStringLiteral("figure-after"),
                               QStringLiteral("steps"), QStringLiteral("explanation"), QStringLiteral("lints"),
                               QStringLiteral("blast-radius"), QStringLiteral("fix"), QStringLiteral("provenance"),
                               QStringLiteral("notes")}));
    QCOMPARE(svgs, 2);
    QCOMPARE(scripts, 0);
    QCOMPARE(external, 0);
    QVERIFY(!bytes.contains("url("));
    // Qt's own HTML reader takes it too, and the words are there.
    QTextDocument doc;
    doc.setHtml(QString::fromUtf8(bytes));
    const QString text = doc.toPlainText();
    for (const char *s : {"Postmortem: kubeadm + flannel", "192.168.56.10 -> 10.108.94.160 tcp/80", "filter:FORWARD:policy => DROP",
                          "DELIVERED", "nearest", "10.244.0.0/16", "iptables -t filter -I DOCKER-USER 1 -i flannel.1 -o cni0 -j ACCEPT",
                          "nft insert rule ip filter DOCKER-USER iifname \"flannel.1\" oifname \"cni0\" counter accept",
                          "[Unit]", "After=docker.service", "probe flows", "Sat Nov 14 10:24:17 2020", "iptables-save v1.8.4",
                          "master.rules", "Kernel when collected"})
        QVERIFY2(text.contains(QString::fromUtf8(s)), s);
    QVERIFY(text.contains(note));
    QVERIFY(bytes.contains(note.toHtmlEscaped().toUtf8()));
    // Printing: A4, the figures on landscape pages of their own.
    QVERIFY(bytes.contains("@page { size: A4;"));
    QVERIFY(bytes.contains("page: landscape"));
    // The figures inside the report keep their geometry.
    const qsizetype start = bytes.indexOf("<svg"), end = bytes.indexOf("</svg>", start);
    QVERIFY(start > 0 && end > start);
    const Figure fig = readFigure(bytes.mid(start, end - start + 6));
    checkGeometry(fig);
}

void TstReport::markdownWithSvgsBeside()
{
    QTemporaryDir dir;
    const QString md = dir.filePath(QStringLiteral("pm.md"));
    const Result r = run({QStringLiteral("report"), m_incident, QStringLiteral("--preset"), QString::fromLatin1(Preset),
                          QStringLiteral("--insert"), QString::fromLatin1(Fix02), QStringLiteral("--md"), md});
    QVERIFY2(r.code == 0, r.err.constData());
    const QString text = QString::fromUtf8(readAll(md));
    QVERIFY(text.contains(QLatin1String("](pm-before.svg)")));
    QVERIFY(text.contains(QLatin1String("](pm-after.svg)")));
    QVERIFY(text.contains(QLatin1String("## Steps")));
    QVERIFY(text.contains(QLatin1String("```\niptables -t filter -I DOCKER-USER 1")));
    for (const char *f : {"pm-before.svg", "pm-after.svg"}) {
        const Figure fig = readFigure(readAll(dir.filePath(QString::fromLatin1(f))));
        checkGeometry(fig);
    }
}

void TstReport::provenanceNamesTheKernel()
{
    // A collected folder keeps `uname -r` per node (scripts/chainscope-collect): the report says it.
    QTemporaryDir dir;
    for (const QString &f : QDir(m_incident).entryList(QDir::Files))
        QVERIFY(QFile::copy(QDir(m_incident).filePath(f), dir.filePath(f)));
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("node02")));
    {
        QFile u(dir.filePath(QStringLiteral("node02/uname.txt")));
        QVERIFY(u.open(QIODevice::WriteOnly));
        u.write("5.4.0-53-generic\n");
    }
    QFile json(dir.filePath(QStringLiteral("scenario.json")));
    QVERIFY(json.open(QIODevice::ReadOnly));
    QByteArray text = json.readAll();
    json.close();
    text.replace("\"routes\": \"node02.route\"}", "\"routes\": \"node02.route\", \"kept\": [\"node02/uname.txt\"]}");
    QVERIFY(text.contains("node02/uname.txt"));
    QVERIFY(json.open(QIODevice::WriteOnly | QIODevice::Truncate));
    json.write(text);
    json.close();
    const QString html = dir.filePath(QStringLiteral("r.html"));
    const Result r = run({QStringLiteral("report"), dir.path(), QStringLiteral("--html"), html});
    QVERIFY2(r.code == 0, r.err.constData());
    QTextDocument doc;
    doc.setHtml(QString::fromUtf8(readAll(html)));
    const QString plain = doc.toPlainText();
    QVERIFY(plain.contains(QLatin1String("5.4.0-53-generic")));
    QVERIFY(plain.contains(QLatin1String("not collected")));   // master and node01 have none
}

void TstReport::reportRendersInChromium()
{
    // Optional: a browser is not part of the set-up. Where one is installed, the report
    // renders in it headless (the screenshot is not blank). Look at it: CHAINSCOPE_KEEP_EXPORTS=DIR.
    const QString chromium = QStandardPaths::findExecutable(QStringLiteral("chromium"));
    if (chromium.isEmpty())
        QSKIP("chromium is not installed (apt-get install chromium): the headless rendering is not checked");
    QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("report.html"));
    Result r = run({QStringLiteral("report"), m_incident, QStringLiteral("--preset"), QString::fromLatin1(Preset),
                    QStringLiteral("--insert"), QString::fromLatin1(Fix02), QStringLiteral("--html"), html});
    QVERIFY2(r.code == 0, r.err.constData());
    const QString png = dir.filePath(QStringLiteral("report.png"));
    QProcess p;
    p.start(chromium, {QStringLiteral("--headless"), QStringLiteral("--no-sandbox"), QStringLiteral("--disable-gpu"),
                       QStringLiteral("--hide-scrollbars"), QStringLiteral("--screenshot=") + png, QStringLiteral("--window-size=1200,2400"),
                       QUrl::fromLocalFile(html).toString()});
    QVERIFY(p.waitForFinished(120000));
    const QImage shot(png);
    QVERIFY2(!shot.isNull(), p.readAllStandardError().constData());
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height() && colours.size() < 40; y += 9)
        for (int x = 0; x < shot.width() && colours.size() < 40; x += 9)
            colours.insert(shot.pixel(x, y));
    QVERIFY2(colours.size() >= 40, "the screenshot is (nearly) blank");
    if (const QString keep = qEnvironmentVariable("CHAINSCOPE_KEEP_EXPORTS"); !keep.isEmpty()) {
        QFile::remove(QDir(keep).filePath(QStringLiteral("report-chromium.png")));
        QFile::copy(png, QDir(keep).filePath(QStringLiteral("report-chromium.png")));
    }
}

QTEST_MAIN(TstReport)
#include "tst_report.moc"
