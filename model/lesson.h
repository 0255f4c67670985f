#pragma once

#include "blastradius.h"
#include "scenario.h"
#include "whatif.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace chainscope {

/**
 * A training lesson: a scenario, a story, a question, hints and a goal, in a folder a
 * trainer writes by hand (lesson.json beside or pointing at the scenario):
 *
 *   {"title": "...", "difficulty": 1..3, "scenario": "scenario" (folder or json, relative),
 *    "story": "...", "question": "...", "packet": {packet preset} | "preset": "NAME",
 *    "answer": {"node": "node02", "table": "filter", "chain": "FORWARD", "rule": 0},
 *    "hints": ["...", ...],
 *    "narrowest_fix": [{"node": "node02", "insert": "filter:DOCKER-USER:1:-i flannel.1 -o cni0 -j ACCEPT"}, ...],
 *    "explanation": "what the answer teaches",
 *    "zh_CN": {"title": "...", "story": "...", "question": "...", "hints": [...], "explanation": "..."}}
 *
 * A language object (named by its Qt locale name) carries the texts in that language; a text
 * it lacks stays in the default language.
 *
 * `answer` is where the packet dies (rule 0: the chain's policy); its "table" may be an nft
 * table as nft names it ("inet firewalld"), the chain then one of its chains. The goal is always that
 * every branch of the packet is delivered (or reaches a local process when the lesson's
 * packet is for the node itself: "goal": "accept-local").
 */
struct Lesson
{
    QString folder;
    QString title;
    int difficulty = 1;
    QString story;
    QString question;
    QString explanation;
    QStringList hints;
    PacketSpec packet;
    QString answerNode;
    TableId answerTable = TableId::Filter;
    QString answerNftTable;   // "inet firewalld" when the answer is an nft chain
    QString answerChain;
    int answerRule = 0;
    QString goal = QStringLiteral("delivered");
    std::vector<Edit> narrowestFix;
    Scenario scenario;

    /**
     * Loads a lesson folder, its texts in `language` ("zh_CN") where the lesson has them;
     * nullopt with FILE:LINE messages when it is malformed.
     */
    static std::optional<Lesson> load(const QString &folder, std::vector<Diagnostic> &diags, const QString &language = {});
};

/** What the engine says of a learner's attempt. */
struct LessonCheck
{
    bool answerCorrect = false;     // only when an answer was given
    bool goalMet = false;           // every branch reached the goal
    int branches = 0;
    int branchesMet = 0;
    BlastRadius blast;              // of the learner's edits
    BlastRadius narrowest;          // of the lesson's narrowest known fix
    bool broaderThanNeeded = false; // lets through clearly more than the narrowest fix
    QString message;                // for the learner
};

class LessonChecker
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::Lesson)
public:
    /** Is this where the packet dies? */
    static bool isAnswer(const Lesson &lesson, const QString &node, TableId table, const QString &chain, int rule);
    /** The same for a rule (1-based) or base chain policy (0) of an nft table ("inet firewalld"). */
    static bool isNftAnswer(const Lesson &lesson, const QString &node, const QString &nftTable, const QString &chain, int rule);
    /** Applies the learner's edits to the lesson's scenario and checks the goal. */
    static LessonCheck check(const Lesson &lesson, const std::vector<Edit> &edits);
};

} // namespace chainscope
