#pragma once

#include "scenario.h"

#include <QCoreApplication>
#include <QString>

namespace chainscope {

/** One change to a node's rules: what --insert and --policy say, and what the window edits. */
struct Edit
{
    enum Kind { Insert, Policy, Remove, Replace };
    Kind kind = Insert;
    QString node;
    TableId table = TableId::Filter;
    QString chain;
    int position = 1;       // 1-based; Insert: the new rule's number, Remove/Replace: the rule's
    QString ruleText;       // Insert, Replace: options as iptables takes them, or statements as nft does
    bool policyDrop = false;
    /**
     * Empty for iptables. Otherwise the nftables table as nft writes it ("inet firewalld"):
     * `chain` is then one of its chains, `ruleText` nft statements (`iifname "cni0" accept`),
     * a policy applies to a base chain, and `table` is unused.
     */
    QString nftTable;
    int nftHandle = -1;     // nft Remove: the rule's handle, when the listing had handles
    bool isNft() const { return !nftTable.isEmpty(); }
    /** "filter" or "inet firewalld", for messages and edit lists. */
    QString tableText() const;
};

/**
 * What-if: edits applied to a copy of a scenario. Inserted rules are parsed by the same
 * RuleParser as dumps and typed rules, so the CLI and the window refuse the same text
 * with the same message; they are marked as candidates.
 */
class WhatIf
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::WhatIf)
public:
    /**
     * "NODE:TABLE:CHAIN:POS:RULE" (--insert). NODE may be omitted when there is one node.
     * TABLE "FAMILY NAME" ("inet firewalld") names an nftables table; RULE is then nft's.
     */
    static bool parseInsert(const QString &arg, const Scenario &sc, Edit &edit, QString &error);
    /**
     * "NODE:TABLE:CHAIN:ACCEPT|DROP" (--policy); TABLE may be an nft table ("inet firewalld"),
     * whose policies nft writes in lower case (either case is taken). NODE may be omitted
     * when there is one node.
     */
    static bool parsePolicy(const QString &arg, const Scenario &sc, Edit &edit, QString &error);
    /** Applies an edit; on error nothing changes. `ruleId` receives the new rule's id. */
    static bool apply(Scenario &sc, const Edit &edit, QString &error, quint32 *ruleId = nullptr);

    /**
     * The command that makes the edit on the node: `iptables -t filter -I DOCKER-USER 1 ...`,
     * or for nft `nft add rule inet firewalld filter_INPUT index 1 ...` (after the rule
     * above the place; `nft insert rule` at the top; a removal names the rule's handle when
     * the listing had one, `-a`).
     */
    static QString command(const Edit &edit);
    /**
     * A systemd unit that makes the edits again at boot, ordered after whoever writes the
     * edited tables when it starts: Docker (FORWARD, DOCKER-USER: the incident's write-up),
     * firewalld (also PartOf it; with the `firewall-cmd` form of an opened port and the
     * reload caveat as comments), nftables.service for other nft tables. An edit in
     * kube-proxy's table gets a comment that it will not stay.
     */
    static QString systemdUnit(const std::vector<Edit> &edits, const QString &description);
};

} // namespace chainscope
