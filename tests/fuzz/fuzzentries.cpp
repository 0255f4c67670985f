#include "fuzzentries.h"

#include "dumpparser.h"
#include "nftparser.h"
#include "nftruleset.h"
#include "ruleparser.h"
#include "ruleset.h"

#ifdef CHAINSCOPE_FUZZ_NODECONTEXT
#include "nodecontext.h"
#endif
#ifdef CHAINSCOPE_FUZZ_SCENARIO
#include "scenario.h"
#include <QJsonDocument>
#include <QJsonObject>
#endif

#include <string_view>

namespace chainscope::fuzz {

namespace {

// Read every byte a view covers; the sum is kept so the reads are not optimised away.
volatile unsigned g_sink = 0;

void touch(std::string_view s)
{
    unsigned sum = 0;
    for (char c : s)
        sum += static_cast<unsigned char>(c);
    g_sink = g_sink + sum;
}

void touch(const QString &s)
{
    touch(std::string_view(reinterpret_cast<const char *>(s.constData()), size_t(s.size()) * sizeof(QChar)));
}

void touch(const Ruleset &rs)
{
    for (int t = 0; t < TableCount; ++t) {
        for (const Chain &c : rs.table(TableId(t)).chains) {
            touch(c.name);
            for (const Rule &r : c.rules) {
                touch(r.text);
                for (const Criterion &cr : r.criteria) {
                    touch(cr.text);
                    touch(rs.moduleName(cr.module));
                    if (cr.kind == Criterion::MultiSrcPorts || cr.kind == Criterion::MultiDstPorts
                        || cr.kind == Criterion::MultiPorts) {
                        // values[a .. a+b) must exist
                        for (quint32 i = 0; i < cr.b; ++i)
                            g_sink = g_sink + r.values.at(size_t(cr.a) + i);
                    }
                }
                touch(r.target.name);
                touch(r.target.args);
                if (r.target.chain >= 0)
                    touch(rs.table(TableId(t)).chains.at(size_t(r.target.chain)).name);
                touch(rs.fileOf(r.loc));
            }
        }
    }
    for (const Diagnostic &d : rs.diagnostics)
        touch(d.toString());
    for (const QString &f : rs.formats)
        touch(f);
}

void dump(const QByteArray &data, DumpParser::Format want, const QByteArray &prefix)
{
    // The bytes as they are when they already read as the wanted format, else behind a
    // line that makes them so: the parser of that format sees every input.
    const QByteArray input = DumpParser::detect(data) == want ? data : prefix + data;
    Ruleset rs;
    std::vector<Ruleset> more;
    DumpParser::parseInto(rs, input, QStringLiteral("fuzz"), {}, &more);
    touch(rs);
    for (const Ruleset &m : more)
        touch(m);
    // A copy shares the buffers; it must stay valid when the original goes.
    const Ruleset copy = rs;
    rs = Ruleset();
    touch(copy);
}

void rule(const QByteArray &data)
{
    static const TableId tables[] = {TableId::Filter, TableId::Nat, TableId::Mangle, TableId::Raw, TableId::Security};
    static const std::string_view chains[] = {"INPUT", "FORWARD", "OUTPUT", "PREROUTING", "POSTROUTING", "KUBE-SERVICES"};
    const quint8 pick = data.isEmpty() ? 0 : quint8(data.at(0));
    const std::string_view text = data.isEmpty() ? std::string_view() : std::string_view(data.constData() + 1, size_t(data.size() - 1));
    Ruleset rs;
    Rule r;
    ParseError err;
    const bool ok = RuleParser::parseRuleText(rs, tables[pick % 5], chains[(pick / 5) % 6], text, r, err);
    if (!ok)
        touch(err.message);
    // Into a chain as the window does, then linked, so the target is resolved too.
    Table &tab = rs.table(tables[pick % 5]);
    const std::string_view name = rs.intern(chains[(pick / 5) % 6]);
    const int ci = tab.addChain(name, isBuiltinChain(tab.id, name));
    tab.chains[size_t(ci)].rules.push_back(std::move(r));
    rs.link();
    touch(rs);
}

/** nft list ruleset text or nft -j JSON, parsed and linked, then one rule typed into its first chain. */
void nft(const QByteArray &data, nft::NftParser::Format format)
{
    Ruleset rs;
    const std::string_view view = rs.keep(data);
    nft::NftParser::parseInto(rs, view, 0, QStringLiteral("fuzz"), format);
    if (!rs.nft)
        return;
    const nft::NftRuleset &n = *rs.nft;
    for (const nft::Table &t : n.tables)
        touch(t.name);
    for (const nft::Chain &c : n.chains) {
        touch(c.name);
        touch(c.type);
        for (const nft::Rule &r : c.rules) {
            touch(r.text);
            touch(r.comment);
            for (quint32 i = r.first; i < r.first + r.count; ++i) {
                const nft::Item &it = n.items.at(i);
                touch(it.text);
                touch(it.verdict.chainName);
                if (it.verdict.chain >= 0)
                    touch(n.chains.at(size_t(it.verdict.chain)).name);
                if (it.set >= 0)
                    touch(n.sets.at(size_t(it.set)).name);
            }
        }
    }
    for (const nft::Set &set : n.sets)
        for (const nft::Element &e : set.elements) {
            touch(e.text);
            g_sink = g_sink + unsigned(set.keys.at(size_t(e.key) + (set.keyTypes.empty() ? 0 : 2 * set.keyTypes.size() - 1)).lo);
        }
    for (const Diagnostic &d : rs.diagnostics)
        touch(d.toString());
    // A candidate rule typed into the first chain, as the window and --insert do.
    if (!n.chains.empty()) {
        nft::Rule r;
        QString error;
        int column = 0;
        const std::string_view text = rs.keep(QByteArrayLiteral("tcp dport { 22, 80-90 } ip saddr 10.0.0.0/8 accept"));
        if (!nft::NftParser::parseRule(rs, 0, text, r, error, column))
            touch(error);
    }
}

} // namespace

QStringList targets()
{
    QStringList t = {QStringLiteral("save"), QStringLiteral("spec"), QStringLiteral("listing"), QStringLiteral("rule"),
                     QStringLiteral("nft"), QStringLiteral("nftjson")};
#ifdef CHAINSCOPE_FUZZ_NODECONTEXT
    t << QStringLiteral("addresses") << QStringLiteral("routes");
#endif
#ifdef CHAINSCOPE_FUZZ_SCENARIO
    t << QStringLiteral("packet");
#endif
    return t;
}

bool run(const QByteArray &target, const QByteArray &data)
{
    if (target == "save") {
        dump(data, DumpParser::Format::Save, "*filter\n");
    } else if (target == "spec") {
        dump(data, DumpParser::Format::Spec, "-P INPUT ACCEPT\n");
    } else if (target == "listing") {
        dump(data, DumpParser::Format::Listing, "Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n");
    } else if (target == "rule") {
        rule(data);
    } else if (target == "nft") {
        nft(data, nft::NftParser::Format::Text);
    } else if (target == "nftjson") {
        nft(data, nft::NftParser::Format::Json);
#ifdef CHAINSCOPE_FUZZ_NODECONTEXT
    } else if (target == "addresses" || target == "routes") {
        NodeContext ctx;
        std::vector<Diagnostic> diags;
        if (target == "addresses")
            ctx.parseAddresses(data, QStringLiteral("fuzz"), diags);
        else
            ctx.parseRoutes(data, QStringLiteral("fuzz"), diags);
        for (const Diagnostic &d : diags)
            touch(d.toString());
        for (const Interface &i : ctx.interfaces) {
            touch(i.name);
            for (const InterfaceAddress &a : i.addresses)
                touch(a.scope);
        }
        for (const Route &r : ctx.routes) {
            touch(r.dev);
            ctx.lookup(r.dst);
        }
#endif
#ifdef CHAINSCOPE_FUZZ_SCENARIO
    } else if (target == "packet") {
        const QJsonDocument doc = QJsonDocument::fromJson(data);
        PacketSpec spec;
        QString error;
        if (doc.isObject() && !packetFromJson(doc.object(), spec, error))
            touch(error);
        touch(spec.describe());
#endif
    } else {
        return false;
    }
    return true;
}

} // namespace chainscope::fuzz
