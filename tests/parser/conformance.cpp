// Developer tool, not a ctest: runs the iptables conformance corpus, which lives outside the
// project (GPL test vectors we may read but not ship), against DumpParser.
//
//   chainscope-conformance extension-tests.tsv DUMPS_FOLDER [LISTING]
//
// Every OK row must parse; every FAIL row of a module or target the engine evaluates must be
// refused. Rows for modules the engine only keeps (Criterion::Unknown) are counted apart.
// Per module or target (the .t file), a table: OK rows parsed, FAIL rows refused, FAIL rows
// kept with a warning (flagged), FAIL rows taken silently, which must be none.
// The optional LISTING (an `iptables -L` paste such as the seed write-up) must load without
// errors and with no criterion left unknown.

#include "dumpparser.h"
#include "ruleset.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStringList>

#include <cstdio>
#include <map>
#include <set>
#include <string>

using namespace chainscope;

namespace {

struct Row
{
    QByteArray file, table, chains, rule, expect, restoreTest, line, note;
};

/** The module or target a .t file tests, from its name: libxt_tcp.t -> tcp, libxt_MARK.t -> MARK. */
QByteArray subject(const QByteArray &file)
{
    QByteArray s = file;
    if (s.startsWith("libxt_"))
        s.remove(0, 6);
    else if (s.startsWith("libipt_"))
        s.remove(0, 7);
    if (s.endsWith(".t"))
        s.chop(2);
    return s;
}

bool evaluated(const QByteArray &subj)
{
    static const std::set<QByteArray> names = {
        // base options
        "iptables", "standard",
        // matches
        "tcp", "udp", "icmp", "multiport", "conntrack", "state", "mark", "connmark", "addrtype",
        "comment", "statistic", "iprange", "physdev", "pkttype", "length", "limit", "owner", "set",
        "mac", "ttl",
        // targets
        "ACCEPT", "DROP", "REJECT", "RETURN", "LOG", "NFLOG", "MARK", "CONNMARK", "DNAT", "SNAT",
        "MASQUERADE", "REDIRECT", "NETMAP", "CT", "NOTRACK", "TRACE",
        // targets kept without modelling their change to the packet, options checked
        // (model/targetoptions.cpp)
        "TTL", "DSCP", "TOS", "ECN", "TCPMSS", "TCPOPTSTRIP", "CLASSIFY", "HMARK", "AUDIT", "CHECKSUM",
        "CONNSECMARK", "SECMARK", "IDLETIMER", "LED", "TEE", "SYNPROXY", "TPROXY", "RATEEST", "NFQUEUE",
    };
    return names.count(subj) > 0;
}

QByteArray wrap(const Row &r)
{
    const QByteArray chain = r.chains.split(',').value(0);
    return "*" + r.table + "\n:" + chain + " ACCEPT [0:0]\n-A " + chain + " " + r.rule + "\nCOMMIT\n";
}

struct Tally
{
    int ok = 0, okParsed = 0, fail = 0, refused = 0, flagged = 0, silent = 0;
};

bool hasWarning(const Ruleset &rs)
{
    for (const auto &d : rs.diagnostics) {
        if (d.severity == Diagnostic::Warning)
            return true;
    }
    return false;
}

QString firstError(const Ruleset &rs)
{
    for (const auto &d : rs.diagnostics) {
        if (d.severity == Diagnostic::Error)
            return d.toString();
    }
    return {};
}

/** The first rule of the first chain holding one. */
const Rule *firstRule(const Ruleset &rs)
{
    for (int t = 0; t < TableCount; ++t) {
        for (const Chain &c : rs.table(TableId(t)).chains) {
            if (!c.rules.empty())
                return &c.rules.front();
        }
    }
    return nullptr;
}

/** What the engine evaluates, without the texts: a rule and its canonical form must agree. */
QString meaning(const Ruleset &rs, const Rule *r)
{
    if (!r)
        return QStringLiteral("(no rule)");
    QString s;
    for (const Criterion &c : r->criteria) {
        const auto mod = rs.moduleName(c.module);
        // b of an address kind is where its addresses are kept: the addresses say what it means
        const QString bText = Criterion::hasAddresses(c.kind)
                ? rs.addresses(c).x.toString() + QLatin1Char('/') + rs.addresses(c).y.toString()
                : QString::number(c.b, 16);
        s += QStringLiteral("[%1%2 %3 a=%4 b=%5 c=%6] ")
                     .arg(c.neg ? QStringLiteral("!") : QString())
                     .arg(int(c.kind))
                     .arg(QString::fromUtf8(mod.data(), qsizetype(mod.size())))
                     .arg(c.a, 0, 16).arg(bText).arg(c.c);
    }
    for (quint32 v : r->values)
        s += QStringLiteral("v%1 ").arg(v, 0, 16);
    const Target &t = r->target;
    s += QStringLiteral("-> %1 mode=%2 a=%3 b=%4 addr=%5-%6 ports=%7-%8")
                 .arg(int(t.kind)).arg(t.mode).arg(t.a, 0, 16).arg(t.b, 0, 16)
                 .arg(t.addrLo.toString(), t.addrHi.toString()).arg(t.portLo).arg(t.portHi);
    return s;
}

void out(const QString &s)
{
    std::fputs(s.toLocal8Bit().constData(), stdout);
    std::fputc('\n', stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: chainscope-conformance extension-tests.tsv DUMPS_FOLDER [LISTING]\n");
        return 2;
    }
    QFile tsv(args.at(1));
    if (!tsv.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(args.at(1)));
        return 2;
    }
    int okTotal = 0, okParsed = 0, failTotal = 0, failRefused = 0, otherFail = 0, otherRefused = 0;
    int canonTotal = 0, canonParsed = 0, canonSame = 0;
    std::map<QByteArray, Tally> tally;
    bool header = true;
    while (!tsv.atEnd()) {
        QByteArray line = tsv.readLine();
        if (line.endsWith('\n'))
            line.chop(1);
        if (header) {
            header = false;
            continue;
        }
        // Fields are TAB-separated and must not be stripped (a rule may end in a blank).
        const QList<QByteArray> f = line.split('\t');
        if (f.size() < 12)
            continue;
        Row r{f[0], f[1], f[2], f[3], f[4], f[6], f[7], f[11]};
        // FAIL under iptables-legacy only (the kernel's legacy checks; iptables-nft takes it)
        const bool legacyOnly = f[8] == "LEGACY" && r.expect == "FAIL";
        const QByteArray subj = subject(r.file);
        const QString where = QStringLiteral("%1:%2").arg(QString::fromUtf8(r.file), QString::fromUtf8(r.line));
        Ruleset rs;
        const bool ok = DumpParser::parseInto(rs, wrap(r), where, {}) && firstError(rs).isEmpty();
        Tally &t = tally[subj];
        if (r.expect == "OK") {
            ++t.ok;
            t.okParsed += ok;
        } else {
            ++t.fail;
            if (!ok)
                ++t.refused;
            else if (hasWarning(rs))
                ++t.flagged;
            else {
                ++t.silent;
                out(QStringLiteral("FAIL row taken silently %1  [%2]  iptables: %3")
                            .arg(where, QString::fromUtf8(r.rule), QString::fromUtf8(r.note)));
            }
        }
        if (r.expect == "OK") {
            ++okTotal;
            if (ok)
                ++okParsed;
            else
                out(QStringLiteral("OK row rejected   %1  [%2]  %3")
                            .arg(where, QString::fromUtf8(r.rule), firstError(rs)));
            if (!f[5].isEmpty()) {
                Row c = r;
                c.rule = f[5];
                Ruleset crs;
                ++canonTotal;
                if (DumpParser::parseInto(crs, wrap(c), where, {}) && firstError(crs).isEmpty()) {
                    ++canonParsed;
                    const QString a = meaning(rs, firstRule(rs)), b = meaning(crs, firstRule(crs));
                    if (a == b || !ok)
                        canonSame += ok;
                    else
                        out(QStringLiteral("canonical differs %1  [%2] vs [%3]\n    %4\n    %5")
                                    .arg(where, QString::fromUtf8(r.rule), QString::fromUtf8(c.rule), a, b));
                } else
                    out(QStringLiteral("canonical rejected %1  [%2]  %3")
                                .arg(where, QString::fromUtf8(c.rule), firstError(crs)));
            }
        } else if (legacyOnly) {
            out(QStringLiteral("FAIL row (iptables-legacy only) %1 %2  [%3]  iptables: %4")
                        .arg(where, ok ? QStringLiteral("taken") : QStringLiteral("refused"),
                             QString::fromUtf8(r.rule), QString::fromUtf8(r.note)));
        } else if (evaluated(subj)) {
            ++failTotal;
            if (!ok)
                ++failRefused;
            else
                out(QStringLiteral("FAIL row accepted %1  [%2]  iptables: %3")
                            .arg(where, QString::fromUtf8(r.rule), QString::fromUtf8(r.note)));
            if (!ok && args.contains(QStringLiteral("-v")))
                out(QStringLiteral("  refused %1  [%2]  %3\n      iptables: %4")
                            .arg(where, QString::fromUtf8(r.rule), firstError(rs), QString::fromUtf8(r.note)));
        } else {
            ++otherFail;
            if (!ok)
                ++otherRefused;
        }
    }

    int dumps = 0, dumpsOk = 0;
    const QDir dir(args.at(2));
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        ++dumps;
        Ruleset rs;
        const bool ok = DumpParser::parseInto(rs, f.readAll(), name, {});
        int rules = 0;
        for (int t = 0; t < TableCount; ++t) {
            for (const Chain &c : rs.table(TableId(t)).chains)
                rules += int(c.rules.size());
        }
        if (ok && firstError(rs).isEmpty())
            ++dumpsOk;
        for (const auto &d : rs.diagnostics)
            out(QStringLiteral("dump %1").arg(d.toString()));
        out(QStringLiteral("dump %1: %2 rules, %3").arg(name).arg(rules).arg(ok ? QStringLiteral("ok") : QStringLiteral("ERRORS")));
    }

    bool listingOk = true;
    if (args.size() > 3 && !args.at(3).startsWith(QLatin1Char('-'))) {
        QFile f(args.at(3));
        if (f.open(QIODevice::ReadOnly)) {
            Ruleset rs;
            std::vector<Ruleset> more;
            listingOk = DumpParser::parseInto(rs, f.readAll(), args.at(3), {}, &more);
            int warnings = 0;
            for (const auto &d : rs.diagnostics) {
                if (d.severity == Diagnostic::Error)
                    out(QStringLiteral("listing %1").arg(d.toString()));
                else
                    ++warnings;
            }
            auto show = [&](const Ruleset &set, const QString &label) {
                for (int t = 0; t < TableCount; ++t) {
                    for (const Chain &c : set.table(TableId(t)).chains) {
                        int unknown = 0;
                        for (const Rule &r : c.rules) {
                            for (const Criterion &cr : r.criteria)
                                unknown += cr.kind == Criterion::Unknown;
                        }
                        listingOk = listingOk && unknown == 0;
                        out(QStringLiteral("listing %1 %2 %3: %4 rules%5")
                                    .arg(label, QString::fromUtf8(tableName(TableId(t)).data()),
                                         QString::fromUtf8(c.name.data(), qsizetype(c.name.size())))
                                    .arg(c.rules.size())
                                    .arg(unknown ? QStringLiteral(", %1 unknown criteria").arg(unknown) : QString()));
                    }
                }
            };
            show(rs, QStringLiteral("#1"));
            for (size_t i = 0; i < more.size(); ++i)
                show(more[i], QStringLiteral("#%1").arg(i + 2));
            out(QStringLiteral("listing: %1 warnings, %2").arg(warnings).arg(listingOk ? QStringLiteral("ok") : QStringLiteral("PROBLEMS")));
        }
    }

    Tally all;
    out(QStringLiteral("%1 %2 %3 %4 %5").arg(QStringLiteral("module/target"), -16).arg(QStringLiteral("OK parsed"), 10)
                .arg(QStringLiteral("FAIL refused"), 13).arg(QStringLiteral("flagged"), 8).arg(QStringLiteral("silent"), 7));
    for (const auto &[subj, t] : tally) {
        out(QStringLiteral("%1 %2 %3 %4 %5").arg(QString::fromUtf8(subj), -16)
                    .arg(QStringLiteral("%1/%2").arg(t.okParsed).arg(t.ok), 10)
                    .arg(QStringLiteral("%1/%2").arg(t.refused).arg(t.fail), 13).arg(t.flagged, 8).arg(t.silent, 7));
        all.ok += t.ok; all.okParsed += t.okParsed; all.fail += t.fail;
        all.refused += t.refused; all.flagged += t.flagged; all.silent += t.silent;
    }
    out(QStringLiteral("all rows: OK parsed %1/%2; FAIL refused %3/%4, flagged %5, silent %6")
                .arg(all.okParsed).arg(all.ok).arg(all.refused).arg(all.fail).arg(all.flagged).arg(all.silent));
    out(QStringLiteral("conformance: OK rows parsed %1/%2, FAIL rows refused %3/%4 (evaluated modules); "
                       "canonical forms parsed %5/%6, same meaning %11/%6; FAIL rows of kept-only modules refused %7/%8; dumps %9/%10")
                .arg(okParsed).arg(okTotal).arg(failRefused).arg(failTotal).arg(canonParsed).arg(canonTotal)
                .arg(otherRefused).arg(otherFail).arg(dumpsOk).arg(dumps).arg(canonSame));
    return okParsed == okTotal && failRefused == failTotal && all.silent == 0 && dumpsOk == dumps && listingOk ? 0 : 1;
}
