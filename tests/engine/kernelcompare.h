#pragma once

// Compares an engine trace with what a real kernel did (tests/golden/*/*.kernel.json, made by
// tests/oracle/*.sh): for every branch the kernel took, the rules that matched in order,
// node by node, and the outcome. Shared by tst_incident and tst_lessongolden.

#include "scenario.h"
#include "trace.h"
#include "text.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

namespace chainscope::kernelcompare {

/** The engine's branch as the kernel reports it: matched rules and policies, without the
 *  raw table the oracle traces from. */
inline QStringList engineEvents(const Scenario &sc, const Branch &b)
{
    using text::q;
    QStringList out;
    for (const Step &s : b.steps) {
        if (s.table == TableId::Raw)
            continue;
        const Node &node = sc.nodes[s.node];
        if (s.kind == Step::RuleEval && s.matched) {
            const Chain &ch = node.rules.table(s.table).chains[size_t(s.chain)];
            const Target &t = ch.rules[size_t(s.rule)].target;
            QString verdict;
            switch (t.kind) {
            case Target::Jump: verdict = QLatin1String("jump ") + q(t.name); break;
            case Target::Goto: verdict = QLatin1String("goto ") + q(t.name); break;
            // NAT targets end their table with NF_ACCEPT, which the trace reports as accept
            case Target::Accept: case Target::Dnat: case Target::Snat: case Target::Masquerade:
            case Target::Redirect: case Target::Netmap:
                verdict = QStringLiteral("accept"); break;
            // REJECT is a drop to the trace
            case Target::Drop: case Target::Reject: verdict = QStringLiteral("drop"); break;
            case Target::Return: verdict = QStringLiteral("return"); break;
            default: verdict = QStringLiteral("continue"); break;
            }
            out << QStringLiteral("%1 %2 %3 %4 %5").arg(node.name, q(tableName(s.table)), q(ch.name)).arg(s.rule + 1).arg(verdict);
        } else if (s.kind == Step::Policy) {
            const Chain &ch = node.rules.table(s.table).chains[size_t(s.chain)];
            out << QStringLiteral("%1 %2 %3 0 policy %4").arg(node.name, q(tableName(s.table)), q(ch.name),
                                                               ch.policyDrop ? QStringLiteral("drop") : QStringLiteral("accept"));
        }
    }
    return out;
}

inline QStringList kernelEvents(const QJsonObject &kernelBranch)
{
    QStringList out;
    for (const QJsonValue &ev : kernelBranch.value(QLatin1String("events")).toArray()) {
        const QJsonObject e = ev.toObject();
        if (e.value(QLatin1String("table")).toString() == QLatin1String("raw"))
            continue;
        out << QStringLiteral("%1 %2 %3 %4 %5").arg(e.value(QLatin1String("node")).toString(),
                                                      e.value(QLatin1String("table")).toString(),
                                                      e.value(QLatin1String("chain")).toString())
                       .arg(e.value(QLatin1String("rule")).toInt())
                       .arg(e.value(QLatin1String("verdict")).toString());
    }
    return out;
}

inline QString outcome(Verdict::Kind kind)
{
    return kind == Verdict::Delivered ? QStringLiteral("delivered")
            : kind == Verdict::AcceptLocal ? QStringLiteral("accept-local")
            : (kind == Verdict::Drop || kind == Verdict::Reject) ? QStringLiteral("dropped") : verdictKindName(kind);
}

/** Every kernel branch against the engine branch that ends at the same endpoint. Call
 *  from a test function; a failure is recorded as usual. */
inline void compare(const Scenario &sc, const Trace &trace, const QJsonArray &kernelBranches)
{
    QVERIFY(!kernelBranches.isEmpty());
    QCOMPARE(int(trace.branches.size()), int(kernelBranches.size()));
    for (const QJsonValue &kv : kernelBranches) {
        const QJsonObject kb = kv.toObject();
        const QString endpoint = kb.value(QLatin1String("endpoint")).toString();
        const Branch *match = nullptr;
        for (const Branch &b : trace.branches) {
            if (endpoint.isEmpty() || (b.packets.back().dst).toString() == endpoint)
                match = &b;
        }
        QVERIFY2(match, qPrintable(QStringLiteral("no engine branch reaches %1").arg(endpoint)));
        QCOMPARE(engineEvents(sc, *match), kernelEvents(kb));
        QCOMPARE(outcome(match->verdict.kind), kb.value(QLatin1String("outcome")).toString());
        QVERIFY(!match->uncertain);
    }
}

} // namespace chainscope::kernelcompare
