// Every bundled lesson: its narrowest fix passes, policy ACCEPT passes with a warning about
// its blast radius (when the packet dies by a policy; by a rule, policy ACCEPT must not help),
// an unrelated rule fails; and a malformed lesson is refused with its line.
#include "lesson.h"
#include "whatif.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace chainscope;

class TstLesson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bundled_data();
    void bundled();
    void malformedIsRefused();
};

static const QString kLessons = QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources/lessons");

void TstLesson::bundled_data()
{
    QTest::addColumn<QString>("folder");
    const QStringList dirs = QDir(kLessons).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY(!dirs.isEmpty());
    for (const QString &d : dirs)
        QTest::newRow(qPrintable(d)) << kLessons + QLatin1Char('/') + d;
}

void TstLesson::bundled()
{
    QFETCH(QString, folder);
    std::vector<Diagnostic> diags;
    const auto lesson = Lesson::load(folder, diags);
    for (const auto &d : diags) {
        if (d.severity == Diagnostic::Error)
            qWarning().noquote() << d.toString();
    }
    QVERIFY(lesson);
    // the answer is where the unfixed packet dies
    if (lesson->answerNftTable.isEmpty())
        QVERIFY(LessonChecker::isAnswer(*lesson, lesson->answerNode, lesson->answerTable, lesson->answerChain, lesson->answerRule));
    else   // an nft table decides (07: firewalld's inet table after iptables-legacy's accept)
        QVERIFY(LessonChecker::isNftAnswer(*lesson, lesson->answerNode, lesson->answerNftTable, lesson->answerChain, lesson->answerRule));
    QVERIFY(!LessonChecker::check(*lesson, {}).goalMet);

    const LessonCheck narrow = LessonChecker::check(*lesson, lesson->narrowestFix);
    QVERIFY2(narrow.goalMet, qPrintable(narrow.message));
    QVERIFY2(!narrow.broaderThanNeeded, qPrintable(narrow.message));

    // policy ACCEPT on every chain the narrowest fix touches' node: passes, but broad
    std::vector<Edit> policy;
    for (const Edit &e : lesson->narrowestFix) {
        Edit p;
        p.kind = Edit::Policy;
        p.node = e.node;
        p.table = TableId::Filter;
        p.chain = lesson->answerChain == QLatin1String("INPUT") || lesson->answerChain == QLatin1String("OUTPUT")
                ? lesson->answerChain : QStringLiteral("FORWARD");
        p.policyDrop = false;
        policy.push_back(p);
    }
    const LessonCheck broad = LessonChecker::check(*lesson, policy);
    if (lesson->answerRule == 0) {
        QVERIFY2(broad.goalMet, qPrintable(broad.message));
        QVERIFY2(broad.broaderThanNeeded, qPrintable(broad.message));
    } else {
        // the packet dies by an explicit rule (KUBE-FIREWALL's mark drop, KUBE-FORWARD's
        // INVALID drop): no policy can save it, which is what such a lesson teaches
        QVERIFY2(!broad.goalMet, qPrintable(broad.message));
    }

    // an unrelated rule: DNS only
    Edit unrelated = lesson->narrowestFix.front();
    unrelated.kind = Edit::Insert;
    unrelated.ruleText = unrelated.isNft() ? QStringLiteral("udp dport 53 accept") : QStringLiteral("-p udp -m udp --dport 53 -j ACCEPT");
    Scenario applied = lesson->scenario;
    QString error;
    QVERIFY2(WhatIf::apply(applied, unrelated, error), qPrintable(error));   // it fails by what it does, not by a typo
    const LessonCheck wrong = LessonChecker::check(*lesson, {unrelated});
    QVERIFY2(!wrong.goalMet, qPrintable(wrong.message));
}

void TstLesson::malformedIsRefused()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("lesson.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\n  \"title\": \"x\",\n  \"difficulty\": 7,\n  \"scenario\": \"" CHAINSCOPE_SOURCE_DIR "/resources/scenarios/incident\",\n"
            "  \"preset\": \"curl the ClusterIP from master\",\n  \"answer\": {\"node\": \"node02\", \"table\": \"filter\", \"chain\": \"FORWARD\", \"rule\": 0},\n"
            "  \"narrowest_fix\": [{\"node\": \"node02\", \"insert\": \"filter:DOCKER-USER:1:-j ACCPT\"}]\n}\n");
    f.close();
    std::vector<Diagnostic> diags;
    QVERIFY(!Lesson::load(dir.path(), diags));
    QStringList messages;
    for (const auto &d : diags)
        messages << d.toString();
    QVERIFY2(messages.join(QLatin1Char('\n')).contains(dir.filePath(QStringLiteral("lesson.json")) + QLatin1String(":3: \"difficulty\" must be 1, 2 or 3")),
             qPrintable(messages.join(QLatin1Char('\n'))));
    // a broken JSON file names line and column
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("{\n  \"title\": \"x\",\n  \"difficulty\" 2\n}\n");
    f.close();
    diags.clear();
    QVERIFY(!Lesson::load(dir.path(), diags));
    QCOMPARE(diags.front().line, 3);
}

QTEST_GUILESS_MAIN(TstLesson)
#include "tst_lesson.moc"
