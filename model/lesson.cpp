#include "lesson.h"

#include "nftruleset.h"

#include "simulator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace chainscope {

namespace {

int lineOf(const QByteArray &json, const char *key)
{
    const qsizetype at = json.indexOf(QByteArray("\"") + key + '"');
    return at < 0 ? 0 : int(json.left(at).count('\n')) + 1;
}

} // namespace

std::optional<Lesson> Lesson::load(const QString &folder, std::vector<Diagnostic> &diags, const QString &language)
{
    const QString path = QDir(folder).filePath(QStringLiteral("lesson.json"));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        diags.push_back({Diagnostic::Error, path, 0, 0, LessonChecker::tr("cannot read: %1").arg(f.errorString())});
        return std::nullopt;
    }
    const QByteArray json = f.readAll();
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
        const QByteArray before = json.left(perr.offset);
        diags.push_back({Diagnostic::Error, path, int(before.count('\n')) + 1, int(perr.offset - before.lastIndexOf('\n')),
                         perr.error != QJsonParseError::NoError ? perr.errorString() : LessonChecker::tr("expected a JSON object")});
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    bool ok = true;
    auto err = [&](const char *key, const QString &msg) {
        diags.push_back({Diagnostic::Error, path, lineOf(json, key), 0, msg});
        ok = false;
    };
    Lesson l;
    l.folder = QFileInfo(folder).absoluteFilePath();
    l.title = o.value(QLatin1String("title")).toString();
    if (l.title.isEmpty())
        err("title", LessonChecker::tr("\"title\" is required"));
    l.difficulty = o.value(QLatin1String("difficulty")).toInt(1);
    if (l.difficulty < 1 || l.difficulty > 3)
        err("difficulty", LessonChecker::tr("\"difficulty\" must be 1, 2 or 3"));
    l.story = o.value(QLatin1String("story")).toString();
    l.question = o.value(QLatin1String("question")).toString();
    l.explanation = o.value(QLatin1String("explanation")).toString();
    for (const QJsonValue &h : o.value(QLatin1String("hints")).toArray())
        l.hints << h.toString();
    if (!language.isEmpty() && o.value(language).isObject()) {
        const QJsonObject t = o.value(language).toObject();
        for (auto [key, field] : {std::pair{"title", &l.title}, std::pair{"story", &l.story},
                                  std::pair{"question", &l.question}, std::pair{"explanation", &l.explanation}}) {
            const QString text = t.value(QLatin1String(key)).toString();
            if (!text.isEmpty())
                *field = text;
        }
        const QJsonArray hints = t.value(QLatin1String("hints")).toArray();
        if (!hints.isEmpty()) {
            if (hints.size() != l.hints.size())
                err(qPrintable(language), LessonChecker::tr("\"%1\" has %2 hints, the lesson %3").arg(language).arg(hints.size()).arg(l.hints.size()));
            l.hints.clear();
            for (const QJsonValue &h : hints)
                l.hints << h.toString();
        }
    }
    l.goal = o.value(QLatin1String("goal")).toString(QStringLiteral("delivered"));
    if (l.goal != QLatin1String("delivered") && l.goal != QLatin1String("accept-local"))
        err("goal", LessonChecker::tr("\"goal\" must be \"delivered\" or \"accept-local\""));
    const QString scenarioRef = o.value(QLatin1String("scenario")).toString();
    if (scenarioRef.isEmpty()) {
        err("scenario", LessonChecker::tr("\"scenario\" is required: a scenario folder or scenario.json, relative to the lesson"));
        return std::nullopt;
    }
    auto sc = Scenario::load(QDir(folder).filePath(scenarioRef), diags);
    if (!sc) {
        err("scenario", LessonChecker::tr("the scenario \"%1\" does not load").arg(scenarioRef));
        return std::nullopt;
    }
    l.scenario = std::move(*sc);
    if (o.contains(QLatin1String("preset"))) {
        const QString name = o.value(QLatin1String("preset")).toString();
        bool found = false;
        for (const PacketPreset &p : l.scenario.packets) {
            if (p.name == name) {
                l.packet = p.spec;
                found = true;
            }
        }
        if (!found)
            err("preset", LessonChecker::tr("the scenario has no packet preset \"%1\"").arg(name));
    } else {
        QString error;
        if (!packetFromJson(o.value(QLatin1String("packet")).toObject(), l.packet, error))
            err("packet", LessonChecker::tr("\"packet\": %1").arg(error));
        else if (l.scenario.nodeIndex(l.packet.fromNode) < 0)
            err("packet", LessonChecker::tr("\"packet\": no node named \"%1\"").arg(l.packet.fromNode));
    }
    const QJsonObject answer = o.value(QLatin1String("answer")).toObject();
    l.answerNode = answer.value(QLatin1String("node")).toString();
    l.answerChain = answer.value(QLatin1String("chain")).toString();
    l.answerRule = answer.value(QLatin1String("rule")).toInt(-1);
    const QString answerTable = answer.value(QLatin1String("table")).toString();
    const int answerNode = l.scenario.nodeIndex(l.answerNode);
    const auto &nftRules = answerNode >= 0 ? l.scenario.nodes[size_t(answerNode)].rules.nft : nullptr;
    if (answerTable.contains(QLatin1Char(' ')) && nftRules && nftRules->tableIndex(answerTable) >= 0)
        l.answerNftTable = answerTable.simplified();
    if (answerNode < 0 || l.answerChain.isEmpty() || l.answerRule < 0
        || (l.answerNftTable.isEmpty() && !tableFromName(answerTable.toStdString(), l.answerTable)))
        err("answer", LessonChecker::tr("\"answer\" needs \"node\", \"table\", \"chain\" and \"rule\" (0 for the policy) of the scenario"));
    for (const QJsonValue &fv : o.value(QLatin1String("narrowest_fix")).toArray()) {
        const QJsonObject fo = fv.toObject();
        const QString node = fo.value(QLatin1String("node")).toString();
        Edit e;
        QString error;
        const bool parsed = fo.contains(QLatin1String("insert"))
                ? WhatIf::parseInsert(node + QLatin1Char(':') + fo.value(QLatin1String("insert")).toString(), l.scenario, e, error)
                : WhatIf::parsePolicy(node + QLatin1Char(':') + fo.value(QLatin1String("policy")).toString(), l.scenario, e, error);
        if (!parsed) {
            err("narrowest_fix", LessonChecker::tr("\"narrowest_fix\": %1").arg(error));
            continue;
        }
        l.narrowestFix.push_back(e);
    }
    if (l.narrowestFix.empty())
        err("narrowest_fix", LessonChecker::tr("\"narrowest_fix\" must list at least one edit"));
    if (!ok)
        return std::nullopt;
    return l;
}

bool LessonChecker::isAnswer(const Lesson &lesson, const QString &node, TableId table, const QString &chain, int rule)
{
    if (node == lesson.answerNode && table == lesson.answerTable && chain == lesson.answerChain && rule == lesson.answerRule)
        return true;
    // Where any branch dies is a right answer too (kube-proxy's endpoints die on two nodes).
    const Trace t = Simulator::trace(lesson.scenario, lesson.packet);
    for (const Branch &b : t.branches) {
        const Verdict &v = b.verdict;
        if ((v.kind != Verdict::Drop && v.kind != Verdict::Reject) || v.chain < 0)
            continue;
        const Node &n = lesson.scenario.nodes[size_t(v.node)];
        const std::string_view name = n.rules.table(v.table).chains[size_t(v.chain)].name;
        if (n.name == node && v.table == table && chain == QLatin1String(name.data(), qsizetype(name.size())) && v.rule == rule)
            return true;
    }
    return false;
}

bool LessonChecker::isNftAnswer(const Lesson &lesson, const QString &node, const QString &nftTable, const QString &chain, int rule)
{
    if (node == lesson.answerNode && nftTable == lesson.answerNftTable && chain == lesson.answerChain && rule == lesson.answerRule)
        return true;
    const Trace t = Simulator::trace(lesson.scenario, lesson.packet);
    for (const Branch &b : t.branches) {
        const Verdict &v = b.verdict;
        if ((v.kind != Verdict::Drop && v.kind != Verdict::Reject) || v.nftChain < 0)
            continue;
        const Node &n = lesson.scenario.nodes[size_t(v.node)];
        const nft::Chain &c = n.rules.nft->chains[size_t(v.nftChain)];
        if (n.name == node && n.rules.nft->tableTitle(c.table) == nftTable
            && chain == QString::fromUtf8(c.name.data(), qsizetype(c.name.size())) && v.rule == rule)
            return true;
    }
    return false;
}

static BlastRadius combined(const Scenario &before, const Scenario &after, const std::vector<Edit> &edits)
{
    BlastRadius total;
    QStringList spaces;
    for (const Edit &e : edits) {
        // probes are per node; each edit's node once
        bool seen = false;
        for (const Edit &o : edits) {
            if (&o == &e)
                break;
            seen = seen || o.node == e.node;
        }
        const BlastRadius r = BlastRadiusCalculator::compute(before, after, e);
        spaces << e.node + QLatin1String(": ") + r.matchSpace;
        total.broad = total.broad || r.broad;
        if (!seen) {
            total.probes += r.probes;
            total.newlyAccepted += r.newlyAccepted;
            total.newlyDropped += r.newlyDropped;
            total.examples << r.examples;
        }
    }
    total.matchSpace = spaces.join(QLatin1String("; "));
    return total;
}

LessonCheck LessonChecker::check(const Lesson &lesson, const std::vector<Edit> &edits)
{
    LessonCheck c;
    Scenario after = lesson.scenario;
    for (const Edit &e : edits) {
        QString error;
        if (!WhatIf::apply(after, e, error)) {
            c.message = tr("the change cannot be made: %1").arg(error);
            return c;
        }
    }
    const Trace t = Simulator::trace(after, lesson.packet);
    c.branches = int(t.branches.size());
    const Verdict::Kind want = lesson.goal == QLatin1String("accept-local") ? Verdict::AcceptLocal : Verdict::Delivered;
    for (const Branch &b : t.branches)
        c.branchesMet += b.verdict.kind == want && !b.uncertain ? 1 : 0;
    c.goalMet = c.branches > 0 && c.branchesMet == c.branches;
    if (edits.empty()) {
        c.message = c.goalMet ? tr("the packet already reaches its goal") : tr("no change made yet");
        return c;
    }
    c.blast = combined(lesson.scenario, after, edits);
    Scenario fixed = lesson.scenario;
    for (const Edit &e : lesson.narrowestFix) {
        QString error;
        WhatIf::apply(fixed, e, error);
    }
    c.narrowest = combined(lesson.scenario, fixed, lesson.narrowestFix);
    // Twice the narrowest fix's reach, or broad by itself, is more than the goal needs.
    c.broaderThanNeeded = c.blast.broad || c.blast.newlyAccepted > 2 * std::max(1, c.narrowest.newlyAccepted);
    if (!c.goalMet) {
        c.message = tr("not yet: %1 of %2 branches reach the goal").arg(c.branchesMet).arg(c.branches);
    } else if (c.broaderThanNeeded) {
        c.message = tr("the packet gets through, but the change lets through much more than needed: "
                       "%1 probe flows against %2 for the narrowest fix (%3)")
                            .arg(c.blast.newlyAccepted).arg(c.narrowest.newlyAccepted).arg(c.blast.matchSpace);
    } else {
        c.message = tr("solved: every branch gets through; the change also lets through %1 probe flows (the narrowest fix: %2)")
                            .arg(c.blast.newlyAccepted).arg(c.narrowest.newlyAccepted);
    }
    return c;
}

} // namespace chainscope
