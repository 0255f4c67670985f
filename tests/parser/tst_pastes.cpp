// Dumps as people paste them (tests/data/pastes): prompts and command lines, Markdown fences
// and prose, CRLF, several dumps in one file, grep fragments, ip6tables output. Each row
// says what the importer makes of a file: the rule sets with their tables, and every
// diagnostic by severity, kind and line.

#include "dumpparser.h"
#include "explain.h"
#include "pastescanner.h"
#include "ruleparser.h"
#include "ruleset.h"
#include "tableevidence.h"

#include <QFile>
#include <QtTest>

using namespace chainscope;

namespace {

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

/** "nat 12/17, filter 5/6": each present table with its chains/rules. */
QString tables(const Ruleset &rs)
{
    QStringList parts;
    for (int t = 0; t < TableCount; ++t) {
        const Table &tab = rs.table(TableId(t));
        if (!tab.present)
            continue;
        size_t rules = 0;
        for (const Chain &c : tab.chains)
            rules += c.rules.size();
        parts << tableTitle(TableId(t)) + QLatin1Char(' ') + QString::number(tab.chains.size()) + QLatin1Char('/')
                        + QString::number(rules);
    }
    return parts.join(QStringLiteral(", "));
}

/** "W paste-command 1; E table-ambiguous 4": every diagnostic, "-" for one without a kind. */
QString diagnostics(const Ruleset &rs)
{
    QStringList parts;
    for (const Diagnostic &d : rs.diagnostics) {
        parts << (d.severity == Diagnostic::Error ? QStringLiteral("E ") : QStringLiteral("W "))
                        + (d.kind.isEmpty() ? QStringLiteral("-") : d.kind) + QLatin1Char(' ') + QString::number(d.line);
    }
    return parts.join(QStringLiteral("; "));
}

QByteArray readPaste(const QString &name)
{
    QFile f(QStringLiteral(CHAINSCOPE_TEST_DATA "/pastes/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll();
}

const Chain *chain(const Ruleset &rs, TableId t, std::string_view name)
{
    const int i = rs.table(t).chainIndex(name);
    return i < 0 ? nullptr : &rs.table(t).chains[size_t(i)];
}

} // namespace

class TestPastes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pastes_data();
    void pastes();
    void dockerTables();
    void natOutput();
    void crlf();
    void ambiguity();
    void ipv6Refused();
    void commandLines_data();
    void commandLines();
    void noRepeatWithoutMore();
    void addressesTravel();
};

void TestPastes::pastes_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("sets");         // rule sets separated by " | "
    QTest::addColumn<QString>("diags");

    QTest::addRow("kube-proxy save -c in a Markdown question")
            << QStringLiteral("kube-proxy-save-fenced.md") << true
            << QStringLiteral("mangle 7/0, nat 12/18, filter 5/6")
            << QStringLiteral("W paste-noise 1; W paste-command 6; W paste-noise 67");
    QTest::addRow("docker -S then -t nat -S")
            << QStringLiteral("docker-S-then-nat.txt") << true
            << QStringLiteral("nat 5/6, filter 7/12")
            << QStringLiteral("W paste-command 1; W paste-command 21; W paste-noise 33");
    QTest::addRow("docker -S; -t nat -S on one line")
            << QStringLiteral("docker-S-one-line.txt") << true
            << QStringLiteral("nat 5/2, filter 4/2")
            << QStringLiteral("W paste-command 1");
    QTest::addRow("docker filter -S, no command")
            << QStringLiteral("docker-filter-S-bare.txt") << true
            << QStringLiteral("filter 5/4")
            << QStringLiteral("W table-inferred 1");
    QTest::addRow("docker nat -S, no command")
            << QStringLiteral("docker-nat-S-bare.txt") << true
            << QStringLiteral("nat 5/5")
            << QStringLiteral("W table-inferred 1");
    QTest::addRow("firewalld -L filter then -t nat -L")
            << QStringLiteral("firewalld-L-filter-then-nat.txt") << true
            << QStringLiteral("nat 7/4, filter 7/12")
            << QStringLiteral("W paste-command 1; W paste-command 34; W paste-noise 59");
    QTest::addRow("docker -L filter then nat, no commands")
            << QStringLiteral("docker-L-filter-then-nat-no-commands.txt") << true
            << QStringLiteral("nat 5/5, filter 5/5")
            << QStringLiteral("W table-inferred 1; W table-inferred 4; W table-inferred 10; W table-inferred 13; "
                              "W table-inferred 17; W table-inferred 21; W table-inferred 25; W table-inferred 28; "
                              "W table-inferred 32; W table-inferred 36");
    QTest::addRow("nat -L with a root prompt")
            << QStringLiteral("nat-L-output.txt") << true
            << QStringLiteral("nat 4/1")
            << QStringLiteral("W paste-command 1");
    QTest::addRow("ufw -L CHAIN --line-numbers twice")
            << QStringLiteral("ufw-L-line-numbers.txt") << true
            << QStringLiteral("filter 2/5")
            << QStringLiteral("W paste-command 1; W - 4; W - 5; W - 6; W paste-command 7; W paste-noise 12");
    QTest::addRow("fail2ban -S | grep, then a nat grep")
            << QStringLiteral("fail2ban-S-grep.txt") << true
            << QStringLiteral("nat 2/2, filter 2/4")
            << QStringLiteral("W paste-command 1; W paste-command 7; W paste-fragment 9; W target-unresolved 10");
    QTest::addRow("iptables-save | grep, twice, no *table")
            << QStringLiteral("kube-save-grep-twice.txt") << true
            << QStringLiteral("nat 2/3, filter 1/3")
            << QStringLiteral("W paste-command 1; W table-inferred 2; W paste-fragment 3; W target-unresolved 4; "
                              "W target-unresolved 5; W paste-command 6; W table-inferred 7; W target-unresolved 8");
    QTest::addRow("iptables-save | grep lines in a forum question, no prompt")
            << QStringLiteral("save-grep-no-prompt.txt") << true
            << QStringLiteral("filter 4/7")
            << QStringLiteral("W paste-noise 1; W table-inferred 3; W paste-noise 14");
    QTest::addRow("iptables-save | grep across tables: asked, not guessed")
            << QStringLiteral("save-grep-conflict.txt") << false
            << QStringLiteral("")
            << QStringLiteral("W paste-command 1; E table-ambiguous 2");
    QTest::addRow("save from a Windows terminal (CRLF)")
            << QStringLiteral("windows-crlf.txt") << true
            << QStringLiteral("nat 4/2, filter 3/5")
            << QStringLiteral("W paste-noise 1; W paste-command 2; W paste-noise 25");
    QTest::addRow("iptables-nft-save with the legacy warning")
            << QStringLiteral("legacy-warning-save.txt") << true
            << QStringLiteral("filter 4/2")
            << QStringLiteral("W legacy-tables 1");
    QTest::addRow("* mangle with a space")
            << QStringLiteral("mangle-star-space.txt") << true
            << QStringLiteral("mangle 5/1, filter 3/1")
            << QString();
    QTest::addRow("indented -S in Markdown")
            << QStringLiteral("indented-markdown.md") << true
            << QStringLiteral("filter 3/3")
            << QStringLiteral("W paste-noise 1; W table-inferred 3; W paste-noise 10");
    QTest::addRow("ip6tables-save")
            << QStringLiteral("ip6tables-save.txt") << true
            << QStringLiteral("filter (IPv6) 3/2")
            << QString();
    QTest::addRow("ip6tables -S command")
            << QStringLiteral("ip6tables-S-command.txt") << true
            << QStringLiteral("filter (IPv6) 3/2")
            << QStringLiteral("W paste-command 1");
    QTest::addRow("IPv6 addresses, no header")
            << QStringLiteral("ipv6-rules-no-header.txt") << true
            << QStringLiteral("filter (IPv6) 3/3")
            << QStringLiteral("W table-inferred 1");
    QTest::addRow("ip6tables -L")
            << QStringLiteral("ipv6-listing.txt") << true
            << QStringLiteral("filter (IPv6) 1/2")
            << QStringLiteral("W table-inferred 1");
    QTest::addRow("iptables-save; ip6tables-save")
            << QStringLiteral("save-then-ip6tables-save.txt") << true
            << QStringLiteral("filter 3/1, filter (IPv6) 3/1")
            << QStringLiteral("W paste-command 1");
    QTest::addRow("-S with filter's chains and a DNAT")
            << QStringLiteral("ambiguous-S.txt") << false
            << QString()
            << QStringLiteral("E table-ambiguous 1");
    QTest::addRow("two -L snapshots of INPUT")
            << QStringLiteral("two-snapshots-L.txt") << true
            << QStringLiteral("filter 1/1 | filter 1/2")
            << QStringLiteral("W paste-noise 1; W table-inferred 3; W paste-noise 7; W table-inferred 9; W paste-repeat 9");
}

void TestPastes::pastes()
{
    QFETCH(QString, file);
    QFETCH(bool, ok);
    QFETCH(QString, sets);
    QFETCH(QString, diags);
    Ruleset rs;
    std::vector<Ruleset> more;
    const bool parsed = DumpParser::parseInto(rs, readPaste(file), file, {}, &more);
    QStringList got;
    if (!tables(rs).isEmpty() || !more.empty())
        got << tables(rs);
    for (const Ruleset &m : more)
        got << tables(m);
    for (const Diagnostic &d : rs.diagnostics)
        qDebug("%s", qPrintable(d.toString()));
    QCOMPARE(got.join(QStringLiteral(" | ")), sets);
    QCOMPARE(diagnostics(rs), diags);
    QCOMPARE(parsed, ok);
    // Every diagnostic of a paste names its file and, but for summaries, a line.
    for (const Diagnostic &d : rs.diagnostics) {
        QCOMPARE(d.file, file);
        QVERIFY2(d.line > 0, qPrintable(d.toString()));
    }
}

void TestPastes::dockerTables()
{
    // Docker has a DOCKER chain in filter (ACCEPT per published port) and in nat (RETURN for
    // docker0, DNAT): each lands in its own table, with or without command lines.
    for (const char *name : {"docker-S-then-nat.txt", "docker-L-filter-then-nat-no-commands.txt"}) {
        Ruleset rs;
        QVERIFY(DumpParser::parseInto(rs, readPaste(QString::fromLatin1(name)), QStringLiteral("d"), {}));
        const Chain *f = chain(rs, TableId::Filter, "DOCKER");
        const Chain *n = chain(rs, TableId::Nat, "DOCKER");
        QVERIFY(f && n);
        QCOMPARE(f->rules.size(), size_t(1));
        QCOMPARE(f->rules[0].target.kind, Target::Accept);
        QCOMPARE(n->rules.size(), size_t(2));
        QCOMPARE(n->rules[0].target.kind, Target::Return);
        QCOMPARE(n->rules[1].target.kind, Target::Dnat);
    }
    // Alone, the filter chain says filter because of its built-in chains, not nat.
    Ruleset rs;
    QVERIFY(DumpParser::parseInto(rs, readPaste(QStringLiteral("docker-filter-S-bare.txt")), QStringLiteral("d"), {}));
    QVERIFY(chain(rs, TableId::Filter, "DOCKER"));
    QVERIFY(!rs.table(TableId::Nat).present);
    QVERIFY2(rs.diagnostics.front().message.contains(QStringLiteral("read as table filter from the built-in chains listed together")), qPrintable(rs.diagnostics.front().message));
    Ruleset nat;
    QVERIFY(DumpParser::parseInto(nat, readPaste(QStringLiteral("docker-nat-S-bare.txt")), QStringLiteral("d"), {}));
    QVERIFY(chain(nat, TableId::Nat, "DOCKER"));
    QCOMPARE(nat.diagnostics.front().choices, QStringList({QStringLiteral("nat")}));
}

void TestPastes::natOutput()
{
    // "# iptables -t nat -L": OUTPUT is nat's, not filter's, and needs no guess.
    Ruleset rs;
    QVERIFY(DumpParser::parseInto(rs, readPaste(QStringLiteral("nat-L-output.txt")), QStringLiteral("n"), {}));
    const Chain *out = chain(rs, TableId::Nat, "OUTPUT");
    QVERIFY(out);
    QCOMPARE(out->rules.size(), size_t(1));
    QCOMPARE(out->rules[0].target.kind, Target::Redirect);
    QVERIFY(!rs.table(TableId::Filter).present);
    // firewalld: OUTPUT in both tables, each from its own command line.
    Ruleset fw;
    QVERIFY(DumpParser::parseInto(fw, readPaste(QStringLiteral("firewalld-L-filter-then-nat.txt")), QStringLiteral("f"), {}));
    QCOMPARE(chain(fw, TableId::Nat, "OUTPUT")->rules.size(), size_t(1));
    QCOMPARE(chain(fw, TableId::Filter, "OUTPUT")->rules.size(), size_t(1));
    QCOMPARE(chain(fw, TableId::Nat, "PREROUTING_direct")->rules.at(0).target.kind, Target::Dnat);
}

void TestPastes::crlf()
{
    Ruleset rs;
    QVERIFY(DumpParser::parseInto(rs, readPaste(QStringLiteral("windows-crlf.txt")), QStringLiteral("w"), {}));
    const Chain *input = chain(rs, TableId::Filter, "INPUT");
    QVERIFY(input);
    QCOMPARE(input->policyDrop, true);
    for (const Rule &r : input->rules)
        QVERIFY(!qs(r.text).contains(QLatin1Char('\r')));
    QCOMPARE(input->rules.back().loc.line, 20);
}

void TestPastes::ambiguity()
{
    // filter's built-in chains and a DNAT: no guess. The error says how to name the table
    // and offers the candidates; naming it reads the file.
    Ruleset rs;
    QVERIFY(!DumpParser::parseInto(rs, readPaste(QStringLiteral("ambiguous-S.txt")), QStringLiteral("a.txt"), {}));
    QCOMPARE(rs.diagnostics.size(), size_t(1));
    const Diagnostic &d = rs.diagnostics.front();
    QCOMPARE(d.kind, QStringLiteral("table-ambiguous"));
    QCOMPARE(d.choices, QStringList({QStringLiteral("filter"), QStringLiteral("nat")}));
    QVERIFY2(d.message.contains(QStringLiteral("{\"file\": \"a.txt\", \"table\": \"filter\"}")), qPrintable(d.message));
    QVERIFY2(d.message.contains(QStringLiteral("DNAT target on line 6")), qPrintable(d.message));
    // The user names nat: the FORWARD chain is nat's? No: nat has no FORWARD, so iptables
    // refuses it, as it would refuse `iptables -t nat -A FORWARD`.
    Ruleset asNat;
    DumpParser::Options nat;
    nat.table = TableId::Nat;
    QVERIFY(!DumpParser::parseInto(asNat, readPaste(QStringLiteral("ambiguous-S.txt")), QStringLiteral("a.txt"), nat));
    QVERIFY(asNat.table(TableId::Nat).present);
    // Named by a command line, the same lines are read without a question.
    Ruleset withCommand;
    QVERIFY(!DumpParser::parseInto(withCommand, "$ iptables -t filter -S\n" + readPaste(QStringLiteral("ambiguous-S.txt")),
                                   QStringLiteral("a.txt"), {}));
    for (const Diagnostic &e : withCommand.diagnostics)
        QVERIFY(e.kind != QStringLiteral("table-ambiguous"));
}

void TestPastes::ipv6Refused()
{
    // ip6tables output is read into the IPv6 tables: by its header, or by its addresses
    Ruleset rs;
    QVERIFY(DumpParser::parseInto(rs, readPaste(QStringLiteral("ip6tables-save.txt")), QStringLiteral("6.txt"), {}));
    QVERIFY(rs.hasFamily(Family::Ipv6));
    QVERIFY(!rs.hasFamily(Family::Ipv4));
    Ruleset noHeader;
    QVERIFY(DumpParser::parseInto(noHeader, readPaste(QStringLiteral("ipv6-rules-no-header.txt")), QStringLiteral("6.txt"), {}));
    const Chain *in = chain(noHeader, TableId::Filter6, "INPUT");
    QVERIFY(in);
    const AddressPair &linkLocal = noHeader.addresses(in->rules.at(1).criteria.front());
    QCOMPARE(linkLocal.x, *Address::parse("fe80::"));
    QCOMPARE(prefixToString(linkLocal.x, linkLocal.y), QStringLiteral("fe80::/10"));
    // Named IPv4 by the scenario: IPv6 addresses are refused with iptables' words and why
    Ruleset forced;
    DumpParser::Options v4;
    v4.family = Family::Ipv4;
    QVERIFY(!DumpParser::parseInto(forced, readPaste(QStringLiteral("ipv6-rules-no-header.txt")), QStringLiteral("6.txt"), v4));
    bool named = false;
    for (const Diagnostic &d : forced.diagnostics)
        named = named || d.message.contains(QLatin1String("an IPv6 address belongs in ip6tables"));
    QVERIFY(named);
    QVERIFY(PasteScanner::ipv6Evidence("-A INPUT -s 2001:db8:0:0:1:2:3:4/128 -j DROP"));
    QVERIFY(!PasteScanner::ipv6Evidence("-A INPUT -m mac --mac-source 00:11:22:33:44:55 -j DROP"));
    QVERIFY(!PasteScanner::ipv6Evidence("-A KUBE-SEP-X -m comment --comment \"default/kubernetes:https\" -j DNAT"));
}

void TestPastes::commandLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("commands");   // output/table/family[/grep] per command, "" for none
    QTest::addRow("user prompt, sudo") << QByteArray("user@host:~$ sudo iptables-save -c") << QStringLiteral("save/-/4");
    QTest::addRow("bracket prompt") << QByteArray("[root@h /]# iptables -S") << QStringLiteral("spec/filter/4");
    QTest::addRow("root hash") << QByteArray("# iptables -t nat -L -n -v") << QStringLiteral("listing/nat/4");
    QTest::addRow("grep") << QByteArray("$ sudo iptables -S | grep KUBE") << QStringLiteral("spec/filter/4/grep");
    QTest::addRow("two commands") << QByteArray("$ iptables -S; iptables -t nat -S")
                                  << QStringLiteral("spec/filter/4 spec/nat/4");
    QTest::addRow("combined flags") << QByteArray("root@OpenWrt:~# iptables -t mangle -nvL --line-numbers")
                                    << QStringLiteral("listing/mangle/4");
    QTest::addRow("--table=") << QByteArray("$ sudo /usr/sbin/iptables-legacy --table=raw --list-rules")
                              << QStringLiteral("spec/raw/4");
    QTest::addRow("ip6tables") << QByteArray("root@router:~# ip6tables-nft-save") << QStringLiteral("save/-/6");
    QTest::addRow("bare command") << QByteArray("iptables -L -n") << QStringLiteral("listing/filter/4");
    QTest::addRow("venv prompt") << QByteArray("(venv) me@box:~/k8s$ sudo iptables -t nat -S KUBE-SERVICES")
                                 << QStringLiteral("spec/nat/4");
    QTest::addRow("save header") << QByteArray("# Generated by iptables-save v1.8.7 on Tue Mar 12") << QString();
    QTest::addRow("legacy warning") << QByteArray("# Warning: iptables-legacy tables present, use iptables-legacy to see them")
                                    << QString();
    QTest::addRow("prose") << QByteArray("iptables is dropping my packets, why?") << QString();
    QTest::addRow("other program") << QByteArray("$ ip route") << QString();
    QTest::addRow("comment") << QByteArray("# iptables rules below") << QString();
    QTest::addRow("heading") << QByteArray("## iptables on node worker-2") << QString();
}

void TestPastes::commandLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, commands);
    PasteScanner::Command cmds[PasteScanner::kMaxCommands];
    const int n = PasteScanner::commands(std::string_view(line.constData(), size_t(line.size())), cmds);
    QStringList got;
    for (int i = 0; i < n; ++i) {
        static const char *outputs[] = {"save", "spec", "listing", "other"};
        QString s = QString::fromLatin1(outputs[cmds[i].output]) + QLatin1Char('/')
                + (cmds[i].table ? qs(tableName(*cmds[i].table)) : QStringLiteral("-")) + QLatin1Char('/')
                + (cmds[i].family == PasteScanner::Family::Ipv6 ? QStringLiteral("6") : QStringLiteral("4"));
        if (cmds[i].filtered)
            s += QStringLiteral("/grep");
        got << s;
    }
    QCOMPARE(got.join(QLatin1Char(' ')), commands);
}

void TestPastes::noRepeatWithoutMore()
{
    // Without room for more rule sets (a scenario.json entry), a table seen twice is an error.
    Ruleset rs;
    const QByteArray twice = "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n*filter\n:INPUT DROP [0:0]\nCOMMIT\n";
    QVERIFY(!DumpParser::parseInto(rs, twice, QStringLiteral("t.rules"), {}));
    QCOMPARE(diagnostics(rs), QStringLiteral("E paste-repeat 4"));
    // With room, the second is another rule set with its own policy.
    Ruleset first;
    std::vector<Ruleset> more;
    QVERIFY(DumpParser::parseInto(first, twice, QStringLiteral("t.rules"), {}, &more));
    QCOMPARE(more.size(), size_t(1));
    QCOMPARE(chain(first, TableId::Filter, "INPUT")->policyDrop, false);
    QCOMPARE(chain(more[0], TableId::Filter, "INPUT")->policyDrop, true);
}

void TestPastes::addressesTravel()
{
    // A criterion's addresses are kept in its Ruleset (Ruleset::addresses). A listing's rows
    // are read into the first rule set, so a later snapshot's must move with its rules; a save
    // dump's second table is parsed into its own; a copy edited on its own keeps both.
    const auto texts = [](const Ruleset &rs) {
        QStringList out;
        for (const Rule &r : chain(rs, TableId::Filter, "INPUT")->rules)
            out << Explain::ruleText(rs, r);
        return out.join(QStringLiteral("; "));
    };
    const QByteArray listings = "Chain INPUT (policy ACCEPT)\n"
                                "target     prot opt source               destination\n"
                                "ACCEPT     all  --  10.1.0.0/16          0.0.0.0/0\n"
                                "\n"
                                "Chain INPUT (policy DROP)\n"
                                "target     prot opt source               destination\n"
                                "ACCEPT     all  --  192.168.5.0/24       10.9.9.9\n"
                                "ACCEPT     all  --  0.0.0.0/0            0.0.0.0/0            ctorigdst 10.96.0.10\n"
                                "DROP       all  --  0.0.0.0/0            0.0.0.0/0            source IP range 10.2.0.1-10.2.0.9\n"
                                "DROP       all  --  0.0.0.0/0            0.0.0.0/0            recent: CHECK name: DEFAULT side: source mask: 255.255.255.0\n";
    Ruleset first;
    std::vector<Ruleset> more;
    QVERIFY(DumpParser::parseInto(first, listings, QStringLiteral("l.txt"), {}, &more));
    QCOMPARE(more.size(), size_t(1));
    QCOMPARE(texts(first), QStringLiteral("-s 10.1.0.0/16 -j ACCEPT"));
    QCOMPARE(texts(more[0]), QStringLiteral("-s 192.168.5.0/24 -d 10.9.9.9/32 -j ACCEPT; "
                                            "-m conntrack --ctorigdst 10.96.0.10/32 -j ACCEPT; "
                                            "-m iprange --src-range 10.2.0.1-10.2.0.9 -j DROP; "
                                            "-m recent --rcheck --name DEFAULT --mask 255.255.255.0 --rsource -j DROP"));

    const QByteArray saves = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 10.1.0.0/16 -j ACCEPT\nCOMMIT\n"
                             "*filter\n:INPUT DROP [0:0]\n-A INPUT -d 10.9.9.9/32 -m iprange --dst-range 10.2.0.1-10.2.0.9 -j DROP\nCOMMIT\n";
    Ruleset one;
    std::vector<Ruleset> two;
    QVERIFY(DumpParser::parseInto(one, saves, QStringLiteral("s.rules"), {}, &two));
    QCOMPARE(two.size(), size_t(1));
    QCOMPARE(texts(one), QStringLiteral("-s 10.1.0.0/16 -j ACCEPT"));
    QCOMPARE(texts(two[0]), QStringLiteral("-d 10.9.9.9/32 -m iprange --dst-range 10.2.0.1-10.2.0.9 -j DROP"));

    // A copy takes a typed rule (as a what-if edit does); the original is as it was.
    Ruleset copy = two[0];
    Rule typed;
    ParseError err;
    QVERIFY(RuleParser::parseRuleText(copy, TableId::Filter, "INPUT", "-s 172.16.0.0/12 -m conntrack --ctreplsrc 10.0.0.1 -j DROP",
                                      typed, err));
    Chain &in = copy.table(TableId::Filter).chains[size_t(copy.table(TableId::Filter).chainIndex("INPUT"))];
    in.rules.insert(in.rules.begin(), std::move(typed));
    copy.link();
    QCOMPARE(texts(copy), QStringLiteral("-s 172.16.0.0/12 -m conntrack --ctreplsrc 10.0.0.1/32 -j DROP; ") + texts(two[0]));
    QCOMPARE(texts(two[0]), QStringLiteral("-d 10.9.9.9/32 -m iprange --dst-range 10.2.0.1-10.2.0.9 -j DROP"));
}

QTEST_GUILESS_MAIN(TestPastes)
#include "tst_pastes.moc"
