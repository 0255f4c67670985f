#include "whatif.h"

#include "nftparser.h"
#include "nftruleset.h"
#include "ruleparser.h"
#include "targetoptions.h"

#include <QRegularExpression>

namespace chainscope {

namespace {

bool splitHead(const QString &arg, int fields, QStringList &head, QString &rest)
{
    // The rule text may itself contain ':' (ports, DNAT), so only the head is split.
    int pos = 0;
    for (int i = 0; i < fields; ++i) {
        const int colon = int(arg.indexOf(QLatin1Char(':'), pos));
        if (colon < 0)
            return false;
        head << arg.mid(pos, colon - pos);
        pos = colon + 1;
    }
    rest = arg.mid(pos);
    return true;
}

/** "inet firewalld": an nft table's title, when the node has nft tables. */
bool nftTableNamed(const QString &name)
{
    const QStringList words = name.simplified().split(QLatin1Char(' '));
    nft::Family f;
    return words.size() == 2 && nft::familyFromName(words[0].toStdString(), f);
}

/** Whether a verdict names a chain the table lacks (nft refuses the rule). */
bool danglingJump(const nft::Verdict &v)
{
    return (v.kind == nft::Verdict::Jump || v.kind == nft::Verdict::Goto) && v.chain < 0;
}

bool applyNft(Scenario &sc, Ruleset &rs, const Edit &edit, QString &error, quint32 *ruleId)
{
    const int ti = rs.nft ? rs.nft->tableIndex(edit.nftTable) : -1;
    if (ti < 0) {
        error = WhatIf::tr("node %1 has no nft table %2").arg(edit.node, edit.nftTable);
        return false;
    }
    const int ci = rs.nft->chainIndex(ti, edit.chain);
    if (ci < 0) {
        error = WhatIf::tr("chain %1 does not exist in table %2 of %3").arg(edit.chain, edit.nftTable, edit.node);
        return false;
    }
    // Copies of a scenario share their nft rule set: the edited node gets its own first.
    rs.nft = std::make_shared<nft::NftRuleset>(*rs.nft);
    nft::NftRuleset &n = *rs.nft;
    nft::Chain &chain = n.chains[size_t(ci)];
    switch (edit.kind) {
    case Edit::Policy:
        if (!chain.base) {
            error = WhatIf::tr("%1 is a regular chain; only base chains have a policy").arg(edit.chain);
            return false;
        }
        chain.policyDrop = edit.policyDrop;
        return true;
    case Edit::Remove:
        if (edit.position < 1 || edit.position > int(chain.rules.size())) {
            error = WhatIf::tr("chain %1 has no rule %2").arg(edit.chain).arg(edit.position);
            return false;
        }
        chain.rules.erase(chain.rules.begin() + (edit.position - 1));
        n.link();
        return true;
    case Edit::Insert:
    case Edit::Replace: {
        const int max = int(chain.rules.size()) + (edit.kind == Edit::Insert ? 1 : 0);
        if (edit.position < 1 || edit.position > max) {
            error = WhatIf::tr("position %1 is out of range: chain %2 has %3 rules").arg(edit.position).arg(edit.chain).arg(chain.rules.size());
            return false;
        }
        const std::string_view text = rs.keep(edit.ruleText.trimmed().toUtf8());
        nft::Rule rule;
        QString why;
        int column = 0;
        if (!nft::NftParser::parseRule(rs, ci, text, rule, why, column)) {
            error = WhatIf::tr("column %1: %2").arg(column).arg(why);
            return false;
        }
        for (quint32 i = rule.first; i < rule.first + rule.count; ++i) {
            const nft::Item &it = n.items[i];
            bool dangling = danglingJump(it.verdict);
            if (it.kind == nft::Item::Vmap && it.set >= 0)
                for (const nft::Element &e : n.sets[size_t(it.set)].elements)
                    dangling = dangling || danglingJump(e.verdict);
            if (dangling) {
                const std::string_view target = it.verdict.chainName;
                error = WhatIf::tr("column %1: chain %2 does not exist in table %3")
                                .arg(int(it.text.data() - text.data()) + 1)
                                .arg(QString::fromUtf8(target.data(), qsizetype(target.size())), edit.nftTable);
                return false;
            }
        }
        rule.candidate = true;
        nft::Chain &c = n.chains[size_t(ci)];   // parseRule may have grown the vectors
        if (edit.kind == Edit::Insert)
            c.rules.insert(c.rules.begin() + (edit.position - 1), rule);
        else
            c.rules[size_t(edit.position - 1)] = rule;
        n.link();
        if (ruleId)
            *ruleId = 0;
        return true;
    }
    }
    Q_UNUSED(sc);
    return false;
}

} // namespace

QString Edit::tableText() const
{
    return isNft() ? nftTable : QString::fromLatin1(tableName(table).data(), qsizetype(tableName(table).size()));
}

bool WhatIf::parseInsert(const QString &arg, const Scenario &sc, Edit &edit, QString &error)
{
    QStringList head;
    QString rest;
    const bool full = splitHead(arg, 4, head, rest);
    if (sc.nodes.size() == 1 && (!full || sc.nodeIndex(head[0]) < 0)) {
        // One node: TABLE:CHAIN:POS:RULE names it alone.
        QStringList three;
        QString after;
        if (splitHead(arg, 3, three, after)) {
            bool number = false;
            three[2].toInt(&number);
            if (number) {
                head = QStringList{sc.nodes.front().name} + three;
                rest = after;
            }
        }
    }
    if (head.size() != 4) {
        error = tr("expected NODE:TABLE:CHAIN:POS:'RULE', found \"%1\"").arg(arg);
        return false;
    }
    edit.kind = Edit::Insert;
    edit.node = head[0];
    if (sc.nodeIndex(edit.node) < 0) {
        error = tr("no node named \"%1\"").arg(edit.node);
        return false;
    }
    if (nftTableNamed(head[1])) {
        edit.nftTable = head[1].simplified();
    } else if (!tableFromName(head[1].toStdString(), edit.table)) {
        error = tr("unknown table \"%1\"; expected raw, mangle, nat, filter or security, or an nft table as FAMILY NAME").arg(head[1]);
        return false;
    }
    edit.chain = head[2];
    bool ok = false;
    edit.position = head[3].toInt(&ok);
    if (!ok || edit.position < 1) {
        error = tr("position \"%1\" must be a rule number from 1").arg(head[3]);
        return false;
    }
    edit.ruleText = rest.trimmed();
    return true;
}

bool WhatIf::parsePolicy(const QString &arg, const Scenario &sc, Edit &edit, QString &error)
{
    QStringList parts = arg.split(QLatin1Char(':'));
    if (parts.size() == 3 && sc.nodes.size() == 1)
        parts.prepend(sc.nodes.front().name);   // one node: TABLE:CHAIN:VERDICT names it alone
    if (parts.size() != 4) {
        error = tr("expected NODE:TABLE:CHAIN:ACCEPT|DROP, found \"%1\"").arg(arg);
        return false;
    }
    edit.kind = Edit::Policy;
    edit.node = parts[0];
    if (sc.nodeIndex(edit.node) < 0) {
        error = tr("no node named \"%1\"").arg(edit.node);
        return false;
    }
    if (nftTableNamed(parts[1])) {
        edit.nftTable = parts[1].simplified();
    } else if (!tableFromName(parts[1].toStdString(), edit.table)) {
        error = tr("unknown table \"%1\"").arg(parts[1]);
        return false;
    }
    edit.chain = parts[2];
    // nft writes policies in lower case; iptables in upper: both are taken for either.
    const QString verdict = parts[3].toUpper();
    if (verdict != QLatin1String("ACCEPT") && verdict != QLatin1String("DROP")) {
        error = edit.isNft() ? tr("policy \"%1\" must be accept or drop").arg(parts[3])
                             : tr("policy \"%1\" must be ACCEPT or DROP").arg(parts[3]);
        return false;
    }
    edit.policyDrop = verdict == QLatin1String("DROP");
    return true;
}

bool WhatIf::apply(Scenario &sc, const Edit &edit, QString &error, quint32 *ruleId)
{
    const int ni = sc.nodeIndex(edit.node);
    if (ni < 0) {
        error = tr("no node named \"%1\"").arg(edit.node);
        return false;
    }
    Ruleset &rs = sc.nodes[size_t(ni)].rules;
    if (edit.isNft())
        return applyNft(sc, rs, edit, error, ruleId);
    Table &tab = rs.table(edit.table);
    const QByteArray chainName = edit.chain.toUtf8();
    const int ci = tab.chainIndex(std::string_view(chainName.constData(), size_t(chainName.size())));
    if (ci < 0) {
        error = tr("chain %1 does not exist in table %2 of %3").arg(edit.chain, QString::fromLatin1(tableName(edit.table).data()), edit.node);
        return false;
    }
    Chain &chain = tab.chains[size_t(ci)];
    switch (edit.kind) {
    case Edit::Policy:
        if (!chain.builtin) {
            error = tr("%1 is a user chain; only built-in chains have a policy").arg(edit.chain);
            return false;
        }
        chain.policyDrop = edit.policyDrop;
        return true;
    case Edit::Remove:
        if (edit.position < 1 || edit.position > int(chain.rules.size())) {
            error = tr("chain %1 has no rule %2").arg(edit.chain).arg(edit.position);
            return false;
        }
        chain.rules.erase(chain.rules.begin() + (edit.position - 1));
        rs.link();
        return true;
    case Edit::Insert:
    case Edit::Replace: {
        const int max = int(chain.rules.size()) + (edit.kind == Edit::Insert ? 1 : 0);
        if (edit.position < 1 || edit.position > max) {
            error = tr("position %1 is out of range: chain %2 has %3 rules").arg(edit.position).arg(edit.chain).arg(chain.rules.size());
            return false;
        }
        Rule rule;
        ParseError perr;
        const QByteArray text = edit.ruleText.toUtf8();
        if (!RuleParser::parseRuleText(rs, edit.table, chain.name, std::string_view(text.constData(), size_t(text.size())), rule, perr)) {
            error = tr("column %1: %2").arg(perr.column).arg(perr.message);
            return false;
        }
        rule.candidate = true;
        rule.id = rs.nextRuleId();
        if (ruleId)
            *ruleId = rule.id;
        if (edit.kind == Edit::Insert)
            chain.rules.insert(chain.rules.begin() + (edit.position - 1), std::move(rule));
        else
            chain.rules[size_t(edit.position - 1)] = std::move(rule);
        rs.link();
        // A typed target must be one iptables could load: a target it knows or a chain of the
        // table (a dump may name extensions the engine does not know and is kept as it is; a
        // rule typed here is refused as iptables would, `-j ACCEPTT --bogus` included).
        const Rule &r = chain.rules[size_t(edit.position - 1)];
        // SYNPROXY, TPROXY: known to iptables, options checked by the parser, not evaluated.
        if (r.target.kind == Target::Unknown && !TargetOptions::find(r.target.name)) {
            const QString name = QString::fromUtf8(r.target.name.data(), qsizetype(r.target.name.size()));
            if (tab.chainIndex(r.target.name) >= 0)
                error = tr("%1 is a chain: a jump takes no options (%2)")
                                .arg(name, QString::fromUtf8(r.target.args.data(), qsizetype(r.target.args.size())).trimmed());
            else
                error = tr("target %1 is neither a built-in target nor a chain of table %2")
                                .arg(name, QString::fromLatin1(tableName(edit.table).data()));
            chain.rules.erase(chain.rules.begin() + (edit.position - 1));
            rs.link();
            return false;
        }
        return true;
    }
    }
    return false;
}

QString WhatIf::command(const Edit &edit)
{
    if (edit.isNft()) {
        const QString where = edit.nftTable + QLatin1Char(' ') + edit.chain;
        switch (edit.kind) {
        case Edit::Insert:
            // `index N` names an existing rule (0-based): the rule goes after the one above its
            // place (so the end of the chain works too); at the top, `insert` alone.
            if (edit.position <= 1)
                return QStringLiteral("nft insert rule %1 %2").arg(where, edit.ruleText);
            return QStringLiteral("nft add rule %1 index %2 %3").arg(where).arg(edit.position - 2).arg(edit.ruleText);
        case Edit::Replace:
            if (edit.nftHandle >= 0)
                return QStringLiteral("nft replace rule %1 handle %2 %3").arg(where).arg(edit.nftHandle).arg(edit.ruleText);
            return QStringLiteral("nft replace rule %1 handle <handle of rule %2, nft -a list chain %1> %3")
                    .arg(where).arg(edit.position).arg(edit.ruleText);
        case Edit::Remove:
            if (edit.nftHandle >= 0)
                return QStringLiteral("nft delete rule %1 handle %2").arg(where).arg(edit.nftHandle);
            return QStringLiteral("nft delete rule %1 handle <handle of rule %2, nft -a list chain %1>").arg(where).arg(edit.position);
        case Edit::Policy:
            return QStringLiteral("nft 'chain %1 { policy %2; }'").arg(where, edit.policyDrop ? QStringLiteral("drop") : QStringLiteral("accept"));
        }
        return {};
    }
    const QString table = QString::fromLatin1(tableName(edit.table).data(), qsizetype(tableName(edit.table).size()));
    const QString tool = tableCommand(edit.table);   // ip6tables for the IPv6 tables
    switch (edit.kind) {
    case Edit::Insert:
        return QStringLiteral("%5 -t %1 -I %2 %3 %4").arg(table, edit.chain).arg(edit.position).arg(edit.ruleText, tool);
    case Edit::Replace:
        return QStringLiteral("%5 -t %1 -R %2 %3 %4").arg(table, edit.chain).arg(edit.position).arg(edit.ruleText, tool);
    case Edit::Remove:
        return QStringLiteral("%4 -t %1 -D %2 %3").arg(table, edit.chain).arg(edit.position).arg(tool);
    case Edit::Policy:
        return QStringLiteral("%4 -t %1 -P %2 %3").arg(table, edit.chain, edit.policyDrop ? QStringLiteral("DROP") : QStringLiteral("ACCEPT"), tool);
    }
    return {};
}

QString WhatIf::systemdUnit(const std::vector<Edit> &edits, const QString &description)
{
    // After whoever writes the edited tables at start: Docker rewrites FORWARD and DOCKER-USER,
    // firewalld its own table (and again on every `firewall-cmd --reload`, which restarts
    // nothing: PartOf= brings the unit back only on a restart), nftables.service loads
    // /etc/nftables.conf. kube-proxy rewrites its tables all the time: no unit keeps an edit there.
    bool docker = false, firewalld = false, nftables = false;
    QStringList notes;
    for (const Edit &e : edits) {
        if (!e.isNft()) {
            docker = true;
            continue;
        }
        const QString name = e.nftTable.section(QLatin1Char(' '), 1);
        const QString owner = nft::ownerOf(name.toStdString(), e.chain.toStdString(), false);
        if (owner == QLatin1String("firewalld")) {
            firewalld = true;
            static const QRegularExpression port(QStringLiteral("^(tcp|udp) dport (\\d+) accept$"));
            if (const QRegularExpressionMatch m = port.match(e.ruleText.simplified()); m.hasMatch() && e.kind == Edit::Insert)
                notes << tr("# firewalld owns table %1: `firewall-cmd --permanent --add-port=%2/%3 && firewall-cmd --reload` "
                            "keeps this fix its own way").arg(e.nftTable, m.captured(2), m.captured(1));
        } else if (owner == QLatin1String("Docker") || owner == QLatin1String("iptables-nft")) {
            docker = true;
        } else if (owner == QLatin1String("kube-proxy")) {
            notes << tr("# kube-proxy rewrites table %1 on every sync: this edit will not stay, whatever runs it").arg(e.nftTable);
        } else {
            nftables = true;
        }
    }
    if (firewalld)
        notes << tr("# `firewall-cmd --reload` rebuilds table inet firewalld without restarting firewalld: "
                    "run `systemctl restart chainscope-fix` after it");
    QStringList after, wants;
    if (docker) {
        after << QStringLiteral("docker.service");
        wants << QStringLiteral("docker.service");
    }
    if (firewalld)
        after << QStringLiteral("firewalld.service");
    if (nftables)
        after << QStringLiteral("nftables.service");
    QString unit = QStringLiteral("# /etc/systemd/system/chainscope-fix.service\n");
    for (const QString &n : std::as_const(notes))
        unit += n + QLatin1Char('\n');
    unit += QStringLiteral("[Unit]\nDescription=%1\n").arg(description);
    if (!after.isEmpty())
        unit += QStringLiteral("After=%1\n").arg(after.join(QLatin1Char(' ')));
    if (!wants.isEmpty())
        unit += QStringLiteral("Wants=%1\n").arg(wants.join(QLatin1Char(' ')));
    if (firewalld)
        unit += QStringLiteral("PartOf=firewalld.service\n");
    unit += QStringLiteral("\n[Service]\nType=oneshot\nRemainAfterExit=yes\n");
    for (const Edit &e : edits) {
        QString cmd = command(e);
        if (e.isNft()) {
            // One argument, so systemd keeps the rule's double quotes for nft (which joins its
            // arguments); % is systemd's specifier sign. nft has no -C: the unit runs once a boot.
            QString args = cmd.mid(4);
            if (args.startsWith(QLatin1Char('\'')) && args.endsWith(QLatin1Char('\'')))
                args = args.mid(1, args.size() - 2);
            args.replace(QLatin1Char('%'), QStringLiteral("%%")).replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
                    .replace(QLatin1Char('\''), QStringLiteral("\\x27"));
            unit += QStringLiteral("ExecStart=/usr/sbin/nft '%1'\n").arg(args);
            continue;
        }
        const QString tool = tableCommand(e.table);
        // iptables is not on systemd's search path on every distribution
        cmd.replace(0, tool.size(), QStringLiteral("/usr/sbin/") + tool);
        // -C first so a restart does not insert the rule twice
        if (e.kind == Edit::Insert) {
            const QString table = QString::fromLatin1(tableName(e.table).data(), qsizetype(tableName(e.table).size()));
            unit += QStringLiteral("ExecStart=/bin/sh -c '/usr/sbin/%5 -t %1 -C %2 %3 || %4'\n")
                            .arg(table, e.chain, e.ruleText, cmd, tool);
        } else {
            unit += QStringLiteral("ExecStart=%1\n").arg(cmd);
        }
    }
    unit += QStringLiteral("\n[Install]\nWantedBy=multi-user.target\n");
    return unit;
}

} // namespace chainscope
