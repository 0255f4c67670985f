#include "dumpparser.h"
#include "text.h"

#include "listingparser.h"
#include "ruleparser.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <functional>

namespace chainscope {

namespace {

using text::q;

using text::trimmed;

/** Iterates lines without copying. */
struct LineReader
{
    std::string_view data;
    size_t pos = 0;
    int line = 0;
    bool next(std::string_view &out)
    {
        if (pos >= data.size())
            return false;
        const char *start = data.data() + pos;
        const void *nl = std::memchr(start, '\n', data.size() - pos);
        const size_t len = nl ? size_t(static_cast<const char *>(nl) - start) : data.size() - pos;
        out = std::string_view(start, len);
        if (!out.empty() && out.back() == '\r')
            out.remove_suffix(1);
        pos += len + 1;
        ++line;
        return true;
    }
};

bool parseCounters(std::string_view s, quint64 &packets, quint64 &bytes)
{
    // "[123:4567]"
    if (s.size() < 5 || s.front() != '[' || s.back() != ']')
        return false;
    s = s.substr(1, s.size() - 2);
    const auto colon = s.find(':');
    if (colon == std::string_view::npos)
        return false;
    auto num = [](std::string_view t, quint64 &v) {
        const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        return ec == std::errc() && p == t.data() + t.size();
    };
    return num(s.substr(0, colon), packets) && num(s.substr(colon + 1), bytes);
}

class SaveReader
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::DumpParser)
public:
    SaveReader(Ruleset &rs, std::string_view data, int file, const QString &path, bool spec,
               const DumpParser::Options &opt)
        : m_rs(rs), m_data(data), m_file(file), m_path(path), m_spec(spec), m_opt(opt)
    {}

    bool run();

private:
    void error(int line, int column, const QString &msg)
    {
        m_ok = false;
        if (++m_errors <= kMaxErrors)
            m_rs.diagnostics.push_back({Diagnostic::Error, m_path, line, column, msg});
    }
    void warning(int line, int column, const QString &msg)
    {
        if (++m_warnings <= kMaxWarnings)
            m_rs.diagnostics.push_back({Diagnostic::Warning, m_path, line, column, msg});
    }
    /** A warning of a kind: never capped, since `parse` and the window count them per kind. */
    void warning(int line, int column, const QString &msg, const QString &kind, std::string_view subject)
    {
        Diagnostic d{Diagnostic::Warning, m_path, line, column, msg};
        d.kind = kind;   // a QStringLiteral: shared, no allocation per warning
        d.subject = QString::fromUtf8(subject.data(), qsizetype(subject.size()));
        m_rs.diagnostics.push_back(std::move(d));
    }
    // A file that is not a dump at all would otherwise yield one message per line.
    static constexpr int kMaxErrors = 200;
    static constexpr int kMaxWarnings = 1000;
    int m_errors = 0;
    int m_warnings = 0;
    /** 1-based column of `part` in `line`; 0 when it is not a view into the line (unescaped text). */
    static int col(std::string_view line, std::string_view part)
    {
        const std::less_equal<const char *> le;
        if (!le(line.data(), part.data()) || !le(part.data(), line.data() + line.size()))
            return 0;
        return int(part.data() - line.data()) + 1;
    }
    bool handleCommand(std::string_view line, int lineNo);
    TableId specTable(std::string_view data);

    Ruleset &m_rs;
    std::string_view m_data;
    int m_file;
    QString m_path;
    bool m_spec;
    const DumpParser::Options &m_opt;
    bool m_ok = true;
    bool m_inTable = false;
    TableId m_table = TableId::Filter;
    int m_tableLine = 0;
    std::vector<RuleParser::Token> m_tokens;
    int m_lastChain = -1;
    TableId m_lastTable = TableId::Filter;
};

bool SaveReader::run()
{
    LineReader reader{m_data};
    std::string_view line;
    if (m_spec) {
        m_table = m_opt.table ? *m_opt.table : specTable(m_data);
        m_inTable = true;
        m_rs.table(m_table).present = true;
    }
    qint64 lastReport = 0;
    while (reader.next(line)) {
        if (m_opt.progress && qint64(reader.pos) - lastReport > (1 << 20)) {
            lastReport = qint64(reader.pos);
            if (!m_opt.progress(lastReport, qint64(m_data.size()))) {
                error(reader.line, 0, tr("cancelled"));
                return false;
            }
        }
        const std::string_view t = trimmed(line);
        if (t.empty() || t.front() == '#')
            continue;
        const int lineNo = reader.line;
        if (!m_spec && t.front() == '*') {
            if (m_inTable)
                error(lineNo, 1, tr("COMMIT expected before a new table (table %1 opened at line %2)")
                                         .arg(q(tableName(m_table))).arg(m_tableLine));
            const std::string_view name = trimmed(t.substr(1));
            if (!tableFromName(name, m_table)) {
                error(lineNo, 2, tr("unknown table \"%1\"; expected raw, mangle, nat, filter or security").arg(q(name)));
                m_inTable = false;
                continue;
            }
            m_inTable = true;
            m_tableLine = lineNo;
            m_rs.table(m_table).present = true;
            continue;
        }
        if (!m_spec && t == "COMMIT") {
            if (!m_inTable)
                error(lineNo, 1, tr("COMMIT without a table (expected a *table line first)"));
            m_inTable = false;
            continue;
        }
        if (!m_inTable) {
            error(lineNo, col(line, t), tr("expected a *table line before this"));
            continue;
        }
        if (!m_spec && t.front() == ':') {
            // ":NAME POLICY [p:b]"
            const auto sp = t.find_first_of(" \t");
            const std::string_view name = t.substr(1, sp == std::string_view::npos ? std::string_view::npos : sp - 1);
            if (name.empty() || sp == std::string_view::npos) {
                error(lineNo, 2, tr("expected \":CHAIN POLICY [packets:bytes]\""));
                continue;
            }
            std::string_view rest = trimmed(t.substr(sp));
            const auto sp2 = rest.find_first_of(" \t");
            const std::string_view policy = rest.substr(0, sp2);
            const std::string_view counters = sp2 == std::string_view::npos ? std::string_view() : trimmed(rest.substr(sp2));
            Table &tab = m_rs.table(m_table);
            const bool builtin = isBuiltinChain(m_table, name);
            if (builtin && policy != "ACCEPT" && policy != "DROP") {
                error(lineNo, col(line, policy), tr("bad built-in chain policy \"%1\"; expected ACCEPT or DROP").arg(q(policy)));
                continue;
            }
            if (!builtin && policy != "-") {
                error(lineNo, col(line, policy), tr("%1 is not a built-in chain of table %2, so its policy must be \"-\"")
                                                         .arg(q(name), q(tableName(m_table))));
                continue;
            }
            if (name.size() > 28) {
                error(lineNo, 2, tr("chain name \"%1\" is longer than 28 characters").arg(q(name)));
                continue;
            }
            const size_t before = tab.chains.size();
            const int idx = tab.addChain(name, builtin);
            if (tab.chains.size() == before) {
                error(lineNo, 2, tr("chain %1 is declared twice").arg(q(name)));
                continue;
            }
            Chain &ch = tab.chains[size_t(idx)];
            ch.policyDrop = policy == "DROP";
            ch.loc = {m_file, lineNo};
            if (!counters.empty() && !parseCounters(counters, ch.policyPackets, ch.policyBytes))
                error(lineNo, col(line, counters), tr("expected counters as [packets:bytes]"));
            continue;
        }
        handleCommand(line, lineNo);
    }
    if (!m_spec && m_inTable)
        error(reader.line, 0, tr("COMMIT expected at the end of table %1 (opened at line %2)")
                                      .arg(q(tableName(m_table))).arg(m_tableLine));
    if (m_errors > kMaxErrors)
        m_rs.diagnostics.push_back({Diagnostic::Error, m_path, 0, 0,
                                    tr("%n more error(s) not shown", nullptr, m_errors - kMaxErrors)});
    if (m_warnings > kMaxWarnings)
        m_rs.diagnostics.push_back({Diagnostic::Warning, m_path, 0, 0,
                                    tr("%n more warning(s) not shown", nullptr, m_warnings - kMaxWarnings)});
    return m_ok;
}

bool SaveReader::handleCommand(std::string_view line, int lineNo)
{
    ParseError perr;
    if (!RuleParser::tokenize(line, m_rs, m_tokens, perr)) {
        error(lineNo, perr.column, perr.message);
        return false;
    }
    size_t i = 0;
    quint64 packets = 0, bytes = 0;
    bool counters = false;
    if (i < m_tokens.size() && !m_tokens[i].text.empty() && m_tokens[i].text.front() == '[') {
        if (!parseCounters(m_tokens[i].text, packets, bytes)) {
            error(lineNo, m_tokens[i].column, tr("expected counters as [packets:bytes]"));
            return false;
        }
        counters = true;
        ++i;
    }
    if (i >= m_tokens.size())
        return true;
    const RuleParser::Token &cmd = m_tokens[i];
    Table &tab = m_rs.table(m_table);
    auto chainArg = [&](int &index) -> bool {
        if (i + 1 >= m_tokens.size()) {
            error(lineNo, cmd.column, tr("option \"%1\" requires a chain name").arg(q(cmd.text)));
            return false;
        }
        const auto &nameTok = m_tokens[i + 1];
        // iptables-save groups a chain's rules and prints the groups in the order it declared
        // the chains: the chain of the last line is the likely one, then one declared soon
        // after it (chains without rules are skipped). Cheaper than a lookup of a random key.
        if (m_lastChain >= 0 && m_lastTable == m_table) {
            const size_t stop = std::min(tab.chains.size(), size_t(m_lastChain) + 4);
            for (size_t k = size_t(m_lastChain); k < stop; ++k) {
                if (tab.chains[k].name == nameTok.text) {
                    index = m_lastChain = int(k);
                    return true;
                }
            }
        }
        index = tab.chainIndex(nameTok.text);
        m_lastChain = index;
        m_lastTable = m_table;
        if (index < 0) {
            error(lineNo, nameTok.column, tr("chain %1 does not exist in table %2 (declare it with :%1 - [0:0])")
                                                  .arg(q(nameTok.text), q(tableName(m_table))));
            return false;
        }
        return true;
    };
    if (cmd.text == "-N" || cmd.text == "--new-chain") {
        if (i + 1 >= m_tokens.size()) {
            error(lineNo, cmd.column, tr("option \"-N\" requires a chain name"));
            return false;
        }
        const std::string_view name = m_tokens[i + 1].text;
        if (isBuiltinChain(m_table, name) || tab.chainIndex(name) >= 0) {
            error(lineNo, m_tokens[i + 1].column, tr("chain %1 already exists").arg(q(name)));
            return false;
        }
        tab.chains[size_t(tab.addChain(name, false))].loc = {m_file, lineNo};
        return true;
    }
    if (cmd.text == "-P" || cmd.text == "--policy") {
        if (i + 2 >= m_tokens.size()) {
            error(lineNo, cmd.column, tr("expected -P CHAIN ACCEPT|DROP"));
            return false;
        }
        const auto &nameTok = m_tokens[i + 1];
        const auto &polTok = m_tokens[i + 2];
        if (!isBuiltinChain(m_table, nameTok.text)) {
            error(lineNo, nameTok.column, tr("%1 is not a built-in chain of table %2; only built-in chains have a policy")
                                                  .arg(q(nameTok.text), q(tableName(m_table))));
            return false;
        }
        if (polTok.text != "ACCEPT" && polTok.text != "DROP") {
            error(lineNo, polTok.column, tr("bad policy \"%1\"; expected ACCEPT or DROP").arg(q(polTok.text)));
            return false;
        }
        const int idx = tab.addChain(nameTok.text, true);
        Chain &ch = tab.chains[size_t(idx)];
        ch.policyDrop = polTok.text == "DROP";
        ch.loc = {m_file, lineNo};
        // iptables -S -v prints "-P INPUT ACCEPT -c 10 20"
        if (i + 5 < m_tokens.size() + 0 && m_tokens[i + 3].text == "-c") {
            std::from_chars(m_tokens[i + 4].text.data(), m_tokens[i + 4].text.data() + m_tokens[i + 4].text.size(), ch.policyPackets);
            std::from_chars(m_tokens[i + 5].text.data(), m_tokens[i + 5].text.data() + m_tokens[i + 5].text.size(), ch.policyBytes);
        }
        return true;
    }
    const bool append = cmd.text == "-A" || cmd.text == "--append";
    const bool insert = cmd.text == "-I" || cmd.text == "--insert";
    if (!append && !insert) {
        error(lineNo, cmd.column, m_spec ? tr("expected -P, -N or -A, found \"%1\"").arg(q(cmd.text))
                                         : tr("expected :CHAIN, -A, COMMIT or *table, found \"%1\"").arg(q(cmd.text)));
        return false;
    }
    int chainIdx = -1;
    if (m_spec && i + 1 < m_tokens.size() && tab.chainIndex(m_tokens[i + 1].text) < 0
        && isBuiltinChain(m_table, m_tokens[i + 1].text))
        tab.addChain(m_tokens[i + 1].text, true);   // -S output may start without -P lines
    if (!chainArg(chainIdx))
        return false;
    size_t optStart = i + 2;
    size_t position = tab.chains[size_t(chainIdx)].rules.size();
    if (insert && optStart < m_tokens.size()) {
        unsigned pos = 0;
        const auto &pt = m_tokens[optStart];
        const auto [p, ec] = std::from_chars(pt.text.data(), pt.text.data() + pt.text.size(), pos);
        if (ec == std::errc() && p == pt.text.data() + pt.text.size()) {
            if (pos < 1 || pos > position + 1) {
                error(lineNo, pt.column, tr("index of insertion %1 is out of range (chain has %2 rules)").arg(pos).arg(position));
                return false;
            }
            position = pos - 1;
            ++optStart;
        } else {
            position = 0;
        }
    }
    Rule rule;
    const std::string_view chainName = tab.chains[size_t(chainIdx)].name;
    const bool parsed = RuleParser::parseOptions(m_rs, m_table, chainName, m_tokens.data() + optStart,
                                                 m_tokens.data() + m_tokens.size(), rule, perr);
    if (!parsed) {
        error(lineNo, perr.column, perr.message);
        // Nothing lost: the rule is kept as an unknown one so the line still shows.
        rule = Rule();
        Criterion c;
        c.kind = Criterion::Unknown;
        const auto &from = m_tokens[optStart < m_tokens.size() ? optStart : i];
        c.text = trimmed(line.substr(size_t(from.column - 1)));
        rule.criteria.push_back(c);
        rule.target.kind = Target::Unknown;
    }
    if (counters) {
        rule.packets = packets;
        rule.bytes = bytes;
    }
    for (const Criterion &c : rule.criteria) {
        if (parsed && c.kind == Criterion::Unknown && !c.text.empty())
            warning(lineNo, col(line, c.text),
                    tr("match \"%1\" is kept but not evaluated; traces through this rule are uncertain")
                            .arg(q(c.text.substr(0, 40))),
                    QStringLiteral("match-kept"), m_rs.moduleName(c.module));
    }
    Target &tg = rule.target;
    int targetChain = -1;
    if (parsed && (tg.kind == Target::Jump || tg.kind == Target::Goto)) {
        targetChain = tab.chainIndex(tg.name);
        tg.chain = targetChain;   // resolved once here; link() only checks it
        if (targetChain >= 0)
            tg.name = tab.chains[size_t(targetChain)].name;
    }
    if (parsed && (tg.kind == Target::Jump || tg.kind == Target::Goto) && targetChain < 0) {
        // Chains are declared before any rule, so this is an extension target we do not
        // know, or a typo; iptables-restore would load the target or fail.
        if (tg.kind == Target::Goto && !isBuiltinChain(m_table, tg.name)) {
            error(lineNo, col(line, tg.name), tr("goto %1 is not a chain of table %2").arg(q(tg.name), q(tableName(m_table))));
        } else {
            warning(lineNo, col(line, tg.name),
                    tr("target %1 is neither a chain of table %2 nor a target the engine knows; kept, traces through this rule are uncertain")
                            .arg(q(tg.name), q(tableName(m_table))),
                    QStringLiteral("target-unresolved"), tg.name);
        }
    } else if (parsed && tg.kind == Target::Unknown) {
        warning(lineNo, col(line, tg.name),
                tr("target %1 is kept but not evaluated; traces through this rule are uncertain").arg(q(tg.name)),
                QStringLiteral("target-unknown"), tg.name);
    } else if (parsed && tg.kind == Target::Continue) {
        // TTL, DSCP, TCPMSS...: options validated, the rule continues as in the kernel, but
        // what the target changes in the packet is not modelled; said once per kind.
        warning(lineNo, col(line, tg.name),
                tr("target %1: the rule continues; its change to the packet is not modelled").arg(q(tg.name)),
                QStringLiteral("target-kept"), tg.name);
    }
    rule.loc = {m_file, lineNo};
    rule.text = trimmed(line);
    rule.id = m_rs.nextRuleId();
    auto &rules = tab.chains[size_t(chainIdx)].rules;
    rules.insert(rules.begin() + qsizetype(position), std::move(rule));
    return true;
}

TableId SaveReader::specTable(std::string_view data)
{
    // `iptables -S` does not name its table: a "# ... -t nat" comment, then the built-in
    // chains and the targets tell; filter when nothing does.
    LineReader reader{data};
    std::string_view line;
    bool prerouting = false, postrouting = false, natTarget = false, rawTarget = false;
    while (reader.next(line)) {
        const std::string_view t = trimmed(line);
        if (t.starts_with("#")) {
            const auto p = t.find("-t ");
            TableId id;
            if (p != std::string_view::npos) {
                std::string_view name = t.substr(p + 3);
                name = name.substr(0, name.find_first_of(" \t"));
                if (tableFromName(name, id)) {
                    warning(reader.line, 1, tr("table %1 taken from this comment").arg(q(name)));
                    return id;
                }
            }
            continue;
        }
        prerouting = prerouting || t.starts_with("-P PREROUTING") || t.starts_with("-A PREROUTING");
        postrouting = postrouting || t.starts_with("-P POSTROUTING") || t.starts_with("-A POSTROUTING");
        natTarget = natTarget || t.find("-j DNAT") != std::string_view::npos || t.find("-j SNAT") != std::string_view::npos
                || t.find("-j MASQUERADE") != std::string_view::npos || t.find("-j REDIRECT") != std::string_view::npos;
        rawTarget = rawTarget || t.find("-j CT") != std::string_view::npos || t.find("-j NOTRACK") != std::string_view::npos;
    }
    TableId result = TableId::Filter;
    if (natTarget) result = TableId::Nat;
    else if (rawTarget) result = TableId::Raw;
    else if (prerouting || postrouting) result = postrouting ? TableId::Mangle : TableId::Nat;
    warning(0, 0, tr("iptables -S output does not name its table; read as table %1 (give \"table\" in scenario.json to choose)")
                          .arg(q(tableName(result))));
    return result;
}

} // namespace

bool isBuiltinChain(TableId table, std::string_view chain)
{
    Hook h;
    if (!hookFromChainName(chain, h))
        return false;
    switch (table) {
    case TableId::Raw:
        return h == Hook::Prerouting || h == Hook::Output;
    case TableId::Mangle:
        return true;
    case TableId::Nat:
        return h != Hook::Forward;
    case TableId::Filter:
    case TableId::Security:
        return h == Hook::Input || h == Hook::Forward || h == Hook::Output;
    }
    return false;
}

DumpParser::Format DumpParser::detect(const QByteArray &data)
{
    LineReader reader{std::string_view(data.constData(), size_t(data.size()))};
    std::string_view line;
    while (reader.next(line)) {
        std::string_view t = trimmed(line);
        if (t.empty() || t.front() == '#')
            continue;
        // "*filter", ":INPUT ACCEPT [0:0]": a markdown bullet or a ":" alone is prose
        const auto blank = t.find_first_of(" \t");
        if ((t.front() == '*' && t.size() > 1 && blank == std::string_view::npos) || t == "COMMIT"
            || (t.front() == ':' && t.size() > 1 && blank != std::string_view::npos && blank > 1))
            return Format::Save;
        if (t.front() == '[' && t.find("] -A ") != std::string_view::npos)
            return Format::Save;
        if (t.starts_with("-P ") || t.starts_with("-N ") || t.starts_with("-A "))
            return Format::Spec;
        if (t.starts_with("Chain ") && t.find('(') != std::string_view::npos)
            return Format::Listing;
    }
    return Format::Unknown;
}

QString DumpParser::formatName(Format f)
{
    switch (f) {
    case Format::Save: return QStringLiteral("iptables-save");
    case Format::Spec: return QStringLiteral("iptables -S");
    case Format::Listing: return QStringLiteral("iptables -L");
    case Format::Unknown: break;
    }
    return tr("unknown");
}

bool DumpParser::parseInto(Ruleset &rs, const QByteArray &data, const QString &file, const Options &options,
                           std::vector<Ruleset> *more)
{
    const int fileIndex = rs.addFile(file, data);
    const std::string_view view = rs.keep(data);
    if (std::memchr(view.data(), '\0', view.size())) {
        rs.diagnostics.push_back({Diagnostic::Error, file, 1, 0, tr("this is a binary file, not a rule dump")});
        rs.formats.push_back(formatName(Format::Unknown));
        return false;
    }
    const Format format = detect(data);
    rs.formats.push_back(formatName(format));
    bool ok = false;
    switch (format) {
    case Format::Save:
    case Format::Spec: {
        SaveReader reader(rs, view, fileIndex, file, format == Format::Spec, options);
        ok = reader.run();
        break;
    }
    case Format::Listing:
        ok = ListingParser::parse(rs, view, fileIndex, file, options.table, options.progress, more);
        break;
    case Format::Unknown:
        rs.diagnostics.push_back({Diagnostic::Error, file, 1, 1,
                                  tr("not a rule dump: expected iptables-save (*table, :CHAIN, -A), "
                                     "iptables -S (-P, -N, -A) or iptables -L (Chain NAME (...)) output")});
        ok = false;
        break;
    }
    rs.link();
    if (more) {
        for (Ruleset &m : *more)
            m.link();
    }
    return ok;
}

Ruleset DumpParser::parse(const QByteArray &data, const QString &file, const Options &options)
{
    Ruleset rs;
    parseInto(rs, data, file, options);
    return rs;
}

} // namespace chainscope
