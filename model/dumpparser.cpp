#include "dumpparser.h"

#include "nftparser.h"
#include "text.h"

#include "listingparser.h"
#include "pastescanner.h"
#include "ruleparser.h"
#include "tableevidence.h"

#include <QFileInfo>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <functional>

namespace chainscope {

namespace {

using text::q;

using text::trimmed;

/** Iterates lines without copying, from a position in the file with its line number. */
struct LineReader
{
    std::string_view data;
    size_t pos = 0;
    int line = 0;
    size_t lineStart = 0;   // where the line last read starts
    bool next(std::string_view &out)
    {
        if (pos >= data.size())
            return false;
        lineStart = pos;
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
    /** Goes back to the start of the line last read, so the next reader starts there. */
    void unread()
    {
        pos = lineStart;
        --line;
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

/** Skipped lines, reported as one warning per run of them (a pasted paragraph is one). */
class NoiseLog
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::DumpParser)
public:
    NoiseLog(std::vector<Diagnostic> &diags, const QString &path) : m_diags(diags), m_path(path) {}
    void add(int line, std::string_view text)
    {
        if (m_from == 0) {
            m_from = line;
            m_first = text;
        }
        m_to = line;
    }
    void flush()
    {
        if (m_from == 0)
            return;
        QString msg;
        if (m_from != m_to)
            msg = tr("lines %1-%2 skipped: not part of a rule dump").arg(m_from).arg(m_to);
        else if (PasteScanner::isFence(m_first))
            msg = tr("Markdown fence skipped");
        else if (PasteScanner::isPrompt(m_first))
            msg = tr("shell command skipped: not an iptables command");
        else if (m_first.starts_with("##"))
            msg = tr("Markdown heading skipped");
        else
            msg = tr("line skipped: not part of a rule dump");
        m_diags.push_back({Diagnostic::Warning, m_path, m_from, 1, msg, QStringLiteral("paste-noise")});
        m_from = m_to = 0;
    }
    bool pending() const { return m_from != 0; }

private:
    std::vector<Diagnostic> &m_diags;
    QString m_path;
    int m_from = 0;
    int m_to = 0;
    std::string_view m_first;
};

/** How a trimmed line that is not plainly a rule line ends a segment. */
enum class Boundary { None, Command, FormatChange, NewDump, Ipv6Header };

bool isListingHeader(std::string_view t)
{
    return t.starts_with("Chain ") && t.back() == ')' && t.find(" (") != std::string_view::npos;
}

bool isSpecLine(std::string_view t)
{
    return t.starts_with("-P ") || t.starts_with("-N ") || t.starts_with("-A ") || t.starts_with("-I ");
}

/**
 * Reads one segment of iptables-save or iptables -S output: from its first line to a command
 * line, a change of format, or (for -S) the -P lines of a next dump. Lines that are not part
 * of a dump are skipped with a warning; a rule that shows IPv6 stops the segment so the
 * caller can set it aside.
 */
class SaveReader
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::DumpParser)
public:
    struct Segment
    {
        size_t from = 0;           // byte offset of its first line
        int linesBefore = 0;       // lines before it
        bool spec = false;
        TableId table = TableId::Filter;   // -S only
        bool fragment = false;     // filtered output (grep): undeclared chains are created
        bool headless = false;     // save lines with no *table before them (iptables-save | grep): table given
        int ipv6Line = 0;          // known to be ip6tables output (header or command)
        Family family = Family::Ipv4;   // read into this family's tables
        bool familyForced = false; // the scenario named the family: IPv6 evidence does not switch it
    };

    SaveReader(Ruleset &root, std::vector<Ruleset> *more, int &current, std::string_view data, int file,
               const QString &path, const Segment &seg, const DumpParser::Options &opt, NoiseLog &noise)
        : m_root(root), m_more(more), m_current(current), m_data(data), m_file(file), m_path(path), m_seg(seg),
          m_spec(seg.spec), m_opt(opt), m_noise(noise)
    {
        m_rs = current < 0 ? &root : &(*more)[size_t(current)];
        m_v6 = seg.family == Family::Ipv6;
        m_ipv6Line = m_v6 || seg.familyForced ? 0 : seg.ipv6Line;
        m_skipping = m_ipv6Line != 0;
    }

    bool run();
    size_t end() const { return m_end; }
    int endLine() const { return m_endLine; }
    /** The line whose IPv6 stopped an IPv4 reading of the segment (to be read again as IPv6), or 0. */
    int ipv6Line() const { return m_ipv6Line; }
    bool legacyWarning() const { return m_legacyWarning; }

private:
    void error(int line, int column, const QString &msg, const QString &code = {})
    {
        m_ok = false;
        if (++m_errors <= kMaxErrors)
            m_root.diagnostics.push_back({Diagnostic::Error, m_path, line, column, msg, code});
    }
    void warning(int line, int column, const QString &msg, const QString &code = {})
    {
        if (++m_warnings <= kMaxWarnings)
            m_root.diagnostics.push_back({Diagnostic::Warning, m_path, line, column, msg, code});
    }
    /** A warning of a kind: never capped, since `parse` and the window count them per kind. */
    void warning(int line, int column, const QString &msg, const QString &kind, std::string_view subject)
    {
        Diagnostic d{Diagnostic::Warning, m_path, line, column, msg};
        d.kind = kind;   // a QStringLiteral: shared, no allocation per warning
        d.subject = QString::fromUtf8(subject.data(), qsizetype(subject.size()));
        m_root.diagnostics.push_back(std::move(d));
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
    /** A table seen again in this file: the rest goes to another rule set, or it is an error. */
    bool useTable(TableId table, int lineNo);
    Boundary otherLine(std::string_view t, int lineNo);

    Ruleset &m_root;
    std::vector<Ruleset> *m_more;
    int &m_current;
    Ruleset *m_rs;
    std::string_view m_data;
    int m_file;
    QString m_path;
    Segment m_seg;
    bool m_spec;
    const DumpParser::Options &m_opt;
    NoiseLog &m_noise;
    bool m_ok = true;
    bool m_inTable = false;
    bool m_anyTable = false;
    bool m_pastPolicies = false;   // -S: a line after the -P lines was read
    bool m_legacyWarning = false;
    TableId m_table = TableId::Filter;
    int m_tableLine = 0;
    std::vector<RuleParser::Token> m_tokens;
    int m_lastChain = -1;
    TableId m_lastTable = TableId::Filter;
    size_t m_end = 0;
    int m_endLine = 0;
    int m_ipv6Line = 0;
    bool m_v6 = false;             // reading ip6tables output: tables are the IPv6 ones
    bool m_skipping = false;       // the rest of the segment is set aside (IPv6, a refused repeat)
    bool m_skipTable = false;      // save: a refused table, up to its COMMIT
    bool m_headlessOpen = false;   // still in the table a headless segment was given
};

bool SaveReader::useTable(TableId table, int lineNo)
{
    // Several greps of one dump add to its tables rather than start another rule set.
    if (m_rs->table(table).present && !m_seg.fragment) {
        if (!m_more) {
            error(lineNo, 1, tr("table %1 appears a second time in this file; give each dump its own file")
                                     .arg(q(tableName(table))), QStringLiteral("paste-repeat"));
            return false;
        }
        warning(lineNo, 1, tr("table %1 appears a second time: read from here as another rule set (another node or a later snapshot)")
                                   .arg(q(tableName(table))), QStringLiteral("paste-repeat"));
        m_more->push_back(m_root.emptyCopy());
        m_current = int(m_more->size()) - 1;
        m_rs = &m_more->back();
        m_lastChain = -1;
    }
    m_rs->table(table).present = true;
    return true;
}

Boundary SaveReader::otherLine(std::string_view t, int lineNo)
{
    PasteScanner::Command cmds[PasteScanner::kMaxCommands];
    if (PasteScanner::commands(t, cmds) > 0)
        return Boundary::Command;
    if (t.front() == '#') {
        if (t.starts_with("# Generated by ip6tables"))
            return m_v6 ? Boundary::None : Boundary::Ipv6Header;
        if (m_v6 && t.starts_with("# Generated by iptables"))
            return Boundary::FormatChange;   // an IPv4 dump follows
        if (t.starts_with("# Warning: iptables-legacy tables present") || t.starts_with("# Warning: ip6tables-legacy tables present")) {
            m_legacyWarning = true;
            return Boundary::None;
        }
        if (!t.starts_with("##"))
            return Boundary::None;   // a comment, as iptables-restore reads it
    }
    if (isListingHeader(t))
        return Boundary::FormatChange;
    m_noise.add(lineNo, t);
    return Boundary::None;
}

bool SaveReader::run()
{
    LineReader reader{m_data, m_seg.from, m_seg.linesBefore};
    std::string_view line;
    if ((m_spec || m_seg.headless) && !m_ipv6Line) {
        m_table = tableFor(m_seg.table, m_seg.family);
        m_inTable = true;
        m_headlessOpen = m_seg.headless;
        m_skipping = !useTable(m_table, m_seg.linesBefore + 1);
    }
    qint64 lastReport = 0;
    bool stopped = false;
    while (reader.next(line)) {
        if (m_opt.progress && qint64(reader.pos) - lastReport > (1 << 20)) {
            lastReport = qint64(reader.pos);
            if (!m_opt.progress(lastReport, qint64(m_data.size()))) {
                error(reader.line, 0, tr("cancelled"));
                m_end = m_data.size();
                return false;
            }
        }
        const std::string_view t = trimmed(line);
        if (t.empty())
            continue;
        const int lineNo = reader.line;
        const char c = t.front();
        if (m_skipping) {
            // Set aside up to the next command line or IPv4 dump.
            PasteScanner::Command cmds[PasteScanner::kMaxCommands];
            if ((c == '#' && t.starts_with("# Generated by iptables")) || PasteScanner::commands(t, cmds) > 0
                || (m_spec && t.starts_with("-P ") && m_pastPolicies)) {
                reader.unread();
                stopped = true;
                break;
            }
            m_pastPolicies = m_pastPolicies || !t.starts_with("-P ");
            continue;
        }
        // Rule lines start with '-' or counters ("[12:720] -A"); a save adds '*', ':' and COMMIT.
        bool dumpLine = c == '-' || (c == '[' && t.size() > 1 && t[1] >= '0' && t[1] <= '9');
        if (!m_spec)
            dumpLine = dumpLine || c == ':' || c == '*' || t == "COMMIT";
        TableId tableId;
        if (m_spec && ((c == '*' && PasteScanner::tableLine(t, tableId)) || (c == ':' && t.find(" [") != std::string_view::npos))) {
            reader.unread();   // iptables-save output follows
            stopped = true;
            break;
        }
        if (!dumpLine) {
            const Boundary b = otherLine(t, lineNo);
            if (b == Boundary::None)
                continue;
            if (b == Boundary::Ipv6Header && !m_anyTable && !m_pastPolicies && !m_seg.familyForced) {
                m_ipv6Line = lineNo;   // this segment is ip6tables-save's
                m_skipping = true;
                continue;
            }
            reader.unread();
            stopped = true;
            break;
        }
        if (m_noise.pending())
            m_noise.flush();
        if (m_spec) {
            if (t.starts_with("-P ")) {
                if (m_pastPolicies) {
                    reader.unread();   // the -P lines of the next dump (iptables -S; iptables -t nat -S)
                    stopped = true;
                    break;
                }
            } else {
                m_pastPolicies = true;
            }
        } else if (c == '*') {
            if (m_inTable && !m_headlessOpen)
                error(lineNo, 1, tr("COMMIT expected before a new table (table %1 opened at line %2)")
                                         .arg(q(tableName(m_table))).arg(m_tableLine));
            const std::string_view name = trimmed(t.substr(1));
            if (tableFromName(name, m_table)) {
                m_table = tableFor(m_table, m_seg.family);
            } else {
                if (name.find_first_of(" \t") != std::string_view::npos) {
                    m_noise.add(lineNo, t);   // "* a Markdown bullet"
                    continue;
                }
                error(lineNo, 2, tr("unknown table \"%1\"; expected raw, mangle, nat, filter or security").arg(q(name)));
                m_inTable = false;
                continue;
            }
            m_inTable = true;
            m_headlessOpen = false;
            m_skipTable = !useTable(m_table, lineNo);
            m_anyTable = true;
            m_tableLine = lineNo;
            continue;
        } else if (t == "COMMIT") {
            m_skipTable = false;
            m_headlessOpen = false;
            if (!m_inTable)
                error(lineNo, 1, tr("COMMIT without a table (expected a *table line first)"));
            m_inTable = false;
            continue;
        } else if (m_skipTable) {
            continue;   // a table refused as a repeat, up to its COMMIT
        } else if (c == ':') {
            if (!m_inTable) {
                error(lineNo, col(line, t), tr("expected a *table line before this"));
                continue;
            }
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
            Table &tab = m_rs->table(m_table);
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
                if (!m_seg.fragment)
                    error(lineNo, 2, tr("chain %1 is declared twice").arg(q(name)));
                continue;   // another grep of the same dump declares it again
            }
            Chain &ch = tab.chains[size_t(idx)];
            ch.policyDrop = policy == "DROP";
            ch.loc = {m_file, lineNo};
            if (!counters.empty() && !parseCounters(counters, ch.policyPackets, ch.policyBytes))
                error(lineNo, col(line, counters), tr("expected counters as [packets:bytes]"));
            continue;
        } else if (!m_inTable && (t.starts_with("-P ") || t.starts_with("-N "))) {
            reader.unread();   // iptables -S output after the save output
            stopped = true;
            break;
        }
        if (!m_inTable) {
            error(lineNo, col(line, t), tr("expected a *table line before this"));
            continue;
        }
        handleCommand(line, lineNo);
    }
    m_end = stopped ? reader.pos : m_data.size();
    m_endLine = reader.line;
    if (m_noise.pending())
        m_noise.flush();
    // A grep of iptables-save has no COMMIT to expect.
    if (!m_spec && m_inTable && !m_skipping && !m_headlessOpen)
        error(reader.line, 0, tr("COMMIT expected at the end of table %1 (opened at line %2)")
                                      .arg(q(tableName(m_table))).arg(m_tableLine));
    if (m_errors > kMaxErrors)
        m_root.diagnostics.push_back({Diagnostic::Error, m_path, 0, 0,
                                      tr("%n more error(s) not shown", nullptr, m_errors - kMaxErrors)});
    if (m_warnings > kMaxWarnings)
        m_root.diagnostics.push_back({Diagnostic::Warning, m_path, 0, 0,
                                      tr("%n more warning(s) not shown", nullptr, m_warnings - kMaxWarnings)});
    return m_ok;
}

bool SaveReader::handleCommand(std::string_view line, int lineNo)
{
    ParseError perr;
    if (!RuleParser::tokenize(line, *m_rs, m_tokens, perr)) {
        if (!m_v6 && !m_seg.familyForced && PasteScanner::ipv6Evidence(line)) {
            m_ipv6Line = lineNo;
            m_skipping = true;
            return false;
        }
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
    Table &tab = m_rs->table(m_table);
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
        if (index < 0 && m_seg.fragment) {
            // A filtered fragment (iptables -S | grep) shows rules of chains whose -N it cut.
            index = m_lastChain = tab.addChain(nameTok.text, isBuiltinChain(m_table, nameTok.text));
            tab.chains[size_t(index)].loc = {m_file, lineNo};
            if (!tab.chains[size_t(index)].builtin)
                warning(lineNo, nameTok.column, tr("chain %1 is not declared in this fragment (its -N line was filtered out); created")
                                                        .arg(q(nameTok.text)), QStringLiteral("paste-fragment"));
            return true;
        }
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
    const bool parsed = RuleParser::parseOptions(*m_rs, m_table, chainName, m_tokens.data() + optStart,
                                                 m_tokens.data() + m_tokens.size(), rule, perr);
    if (!parsed) {
        if (!m_v6 && !m_seg.familyForced && PasteScanner::ipv6Evidence(line)) {
            m_ipv6Line = lineNo;
            m_skipping = true;
            return false;
        }
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
        if (!m_v6 && !m_seg.familyForced && parsed && c.kind == Criterion::Unknown && !c.text.empty()
            && PasteScanner::ipv6Evidence(c.text)) {
            m_ipv6Line = lineNo;
            m_skipping = true;
            return false;
        }
        if (parsed && c.kind == Criterion::Unknown && !c.text.empty())
            warning(lineNo, col(line, c.text),
                    tr("match \"%1\" is kept but not evaluated; traces through this rule are uncertain")
                            .arg(q(c.text.substr(0, 40))),
                    QStringLiteral("match-kept"), m_rs->moduleName(c.module));
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
    rule.id = m_rs->nextRuleId();
    auto &rules = tab.chains[size_t(chainIdx)].rules;
    rules.insert(rules.begin() + qsizetype(position), std::move(rule));
    return true;
}

/**
 * Where an iptables -S segment starts at `from` ends, and what it says about its table: the
 * same boundaries as SaveReader, without parsing a rule.
 */
size_t scanSpec(std::string_view data, size_t from, int linesBefore, TableEvidence &ev, int &endLine, bool save = false)
{
    LineReader reader{data, from, linesBefore};
    std::string_view line;
    quint8 policyHooks = 0, ruleHooks = 0;
    int policyLine = 0;
    bool pastPolicies = false;
    bool policyAdded = false;
    PasteScanner::Command cmds[PasteScanner::kMaxCommands];
    auto word = [](std::string_view t, size_t at) {
        while (at < t.size() && (t[at] == ' ' || t[at] == '\t'))
            ++at;
        const size_t e = t.find_first_of(" \t", at);
        return t.substr(at, e == std::string_view::npos ? std::string_view::npos : e - at);
    };
    while (reader.next(line)) {
        std::string_view t = trimmed(line);
        if (t.empty())
            continue;
        const char c = t.front();
        Hook h;
        if (save && c == ':') {
            // ":FORWARD DROP [1:2]" says what -P says; ":KUBE-SVC-X - [0:0]" what -N says.
            const std::string_view name = word(t, 1);
            const std::string_view policy = word(t, 1 + name.size());
            if (pastPolicies) {
                reader.unread();   // the declarations of the next dump
                break;
            }
            if (hookFromChainName(name, h) && policy != "-") {
                policyHooks |= quint8(1u << int(h));
                if (!policyLine)
                    policyLine = reader.line;
            } else {
                ev.addChainName(name, reader.line);
            }
            continue;
        }
        if (save && c == '[') {
            // "[12:720] -A ...": the rule after its counters
            const size_t close = t.find("] ");
            if (close != std::string_view::npos)
                t = trimmed(t.substr(close + 2));
        }
        if (t.empty() || (save && t == "COMMIT"))
            continue;
        if (t.front() != '-') {
            TableId id;
            if (PasteScanner::commands(t, cmds) > 0 || (c == '#' && t.starts_with("# Generated by"))
                || isListingHeader(t) || (c == '*' && PasteScanner::tableLine(t, id))
                || (!save && c == ':' && t.find(" [") != std::string_view::npos)) {
                reader.unread();
                break;
            }
            continue;
        }
        if (t.starts_with("-P ")) {
            if (pastPolicies) {
                reader.unread();
                break;
            }
            if (hookFromChainName(word(t, 3), h)) {
                policyHooks |= quint8(1u << int(h));
                if (!policyLine)
                    policyLine = reader.line;
            }
            continue;
        }
        if (!pastPolicies && policyHooks) {
            ev.addBuiltinSet(policyHooks, policyLine);   // evidence in file order
            policyAdded = true;
        }
        pastPolicies = true;
        if (t.starts_with("-N ") || t.starts_with("-A ") || t.starts_with("-I ")) {
            const std::string_view chain = word(t, 3);
            if (hookFromChainName(chain, h))
                ruleHooks |= quint8(1u << int(h));
            else
                ev.addChainName(chain, reader.line);
        }
        const size_t j = t.find(" -j ");
        if (j != std::string_view::npos) {
            const std::string_view target = word(t, j + 4);
            ev.addTarget(target, reader.line);
            if (target.starts_with("KUBE-SVC-") || target.starts_with("KUBE-SEP-") || target.starts_with("KUBE-EXT-")
                || target == "KUBE-MARK-MASQ")
                ev.add(TableEvidence::bit(TableId::Nat), TableEvidence::Kind::KubeJump, target, reader.line);
        }
    }
    if (policyHooks && !policyAdded)
        ev.addBuiltinSet(policyHooks, policyLine);
    // Built-in chains with rules but no -P line (a filtered fragment): only the tables that have them.
    for (int hk = 0; hk < 5; ++hk) {
        if ((ruleHooks >> hk) & 1u && !((policyHooks >> hk) & 1u)) {
            quint8 m = 0;
            for (int tI = 0; tI < TablesPerFamily; ++tI) {
                if (isBuiltinChain(TableId(tI), hookName(Hook(hk))))
                    m |= TableEvidence::bit(TableId(tI));
            }
            ev.add(m, TableEvidence::Kind::ChainName, hookName(Hook(hk)), 0);
        }
    }
    endLine = reader.line;
    return std::min(reader.pos, data.size());
}

} // namespace

bool isBuiltinChain(TableId table, std::string_view chain)
{
    Hook h;
    if (!hookFromChainName(chain, h))
        return false;
    switch (tableBase(table)) {
    case TableId::Raw:
        return h == Hook::Prerouting || h == Hook::Output;
    case TableId::Mangle:
        return true;
    case TableId::Nat:
        return h != Hook::Forward;
    case TableId::Filter:
    case TableId::Security:
        return h == Hook::Input || h == Hook::Forward || h == Hook::Output;
    default:
        break;
    }
    return false;
}

namespace {

/** The format a dump line starts, or Unknown when the line is not one. */
DumpParser::Format lineFormat(std::string_view t)
{
    TableId id;
    // "*filter", ":INPUT ACCEPT [0:0]": a Markdown bullet or a ":" alone is prose
    const auto blank = t.find_first_of(" \t");
    if ((t.front() == '*' && PasteScanner::tableLine(t, id)) || t == "COMMIT"
        || (t.front() == '*' && t.size() > 1 && blank == std::string_view::npos)
        || (t.front() == ':' && t.size() > 1 && blank != std::string_view::npos && blank > 1))
        return DumpParser::Format::Save;
    if (t.front() == '[' && t.find("] -A ") != std::string_view::npos)
        return DumpParser::Format::Save;
    if (isSpecLine(t))
        return DumpParser::Format::Spec;
    if (t.starts_with("Chain ") && t.find('(') != std::string_view::npos)
        return DumpParser::Format::Listing;
    return DumpParser::Format::Unknown;
}

} // namespace

DumpParser::Format DumpParser::detect(const QByteArray &data)
{
    LineReader reader{std::string_view(data.constData(), size_t(data.size()))};
    std::string_view line;
    while (reader.next(line)) {
        std::string_view t = trimmed(line);
        if (t.empty() || t.front() == '#')
            continue;
        const Format f = lineFormat(t);
        if (f != Format::Unknown)
            return f;
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

namespace {
/**
 * Lines (1-based, first and last) of the nft listings in a paste that also holds iptables
 * output (`iptables-save` then `nft list ruleset`, in either order); empty unless both are
 * there. A listing runs from `table FAMILY NAME {` (or iptables-nft's warning line above
 * it, or a `{"nftables": ...}` document) to the brace that closes it.
 */
std::vector<std::pair<int, int>> nftRegions(std::string_view view)
{
    std::vector<std::pair<int, int>> out;
    // Most files are one or the other: one quick look at the first character of each line
    // (memchr from newline to newline), no reading of the lines themselves.
    bool nftSeen = false, iptSeen = false;
    for (size_t pos = 0; pos < view.size() && !(nftSeen && iptSeen);) {
        const std::string_view rest = view.substr(pos);
        switch (rest.front()) {
        case 't': nftSeen = nftSeen || rest.starts_with("table "); break;
        case '{': nftSeen = nftSeen || rest.starts_with("{\"nftables\""); break;
        case '*':
            iptSeen = iptSeen || rest.starts_with("*filter") || rest.starts_with("*nat") || rest.starts_with("*mangle")
                    || rest.starts_with("*raw") || rest.starts_with("*security");
            break;
        case '-': iptSeen = iptSeen || rest.starts_with("-A "); break;
        case 'C': iptSeen = iptSeen || rest.starts_with("Chain "); break;
        default: break;
        }
        const void *nl = std::memchr(rest.data(), '\n', rest.size());
        if (!nl)
            break;
        pos = size_t(static_cast<const char *>(nl) - view.data()) + 1;
    }
    if (!nftSeen || !iptSeen)
        return out;
    bool iptables = false;
    int depth = 0, start = 0, warning = 0;
    LineReader reader{view};
    std::string_view line;
    const auto braces = [](std::string_view t) {
        int d = 0;
        bool str = false;
        for (const char c : t) {
            if (c == '"')
                str = !str;
            else if (!str && c == '#')
                break;
            else if (!str && c == '{')
                ++d;
            else if (!str && c == '}')
                --d;
        }
        return d;
    };
    while (reader.next(line)) {
        const std::string_view t = trimmed(line);
        if (start) {
            depth += braces(t);
            if (depth <= 0) {
                out.push_back({start, reader.line});
                start = 0;
            }
            continue;
        }
        if (t.empty())
            continue;
        if (t.starts_with("# Warning: table ")) {
            warning = reader.line;
            continue;
        }
        const bool json = t.starts_with("{\"nftables\"");
        bool table = false;
        if (t.starts_with("table ") && t.back() == '{') {
            nft::Family f;
            const size_t sp = t.find(' ', 6);
            table = sp != std::string_view::npos && nft::familyFromName(t.substr(6, sp - 6), f);
        }
        if (table || json) {
            depth = braces(t);
            start = warning ? warning : reader.line;
            if (depth <= 0) {
                out.push_back({start, reader.line});
                start = 0;
            }
        } else if (t.starts_with("*filter") || t.starts_with("*nat") || t.starts_with("*mangle") || t.starts_with("*raw")
                   || t.starts_with("*security") || t.starts_with("-A ") || t.starts_with("Chain ")) {
            iptables = true;
        }
        warning = 0;
    }
    if (start)
        out.push_back({start, reader.line});
    if (!iptables)
        out.clear();
    return out;
}

/** The bytes with the lines in (or, `inside` false, out of) the regions blanked; newlines kept, so lines stay the file's. */
QByteArray blankLines(std::string_view view, const std::vector<std::pair<int, int>> &regions, bool inside)
{
    QByteArray out(view.data(), qsizetype(view.size()));
    int line = 1;
    size_t r = 0;
    for (qsizetype i = 0; i < out.size(); ++i) {
        while (r < regions.size() && line > regions[r].second)
            ++r;
        const bool in = r < regions.size() && line >= regions[r].first && line <= regions[r].second;
        if (out[i] == '\n')
            ++line;
        else if (in == inside)
            out[i] = ' ';
    }
    return out;
}
} // namespace

bool DumpParser::parseInto(Ruleset &rs, const QByteArray &data, const QString &file, const Options &options,
                           std::vector<Ruleset> *more)
{
    const int fileIndex = rs.addFile(file, data);
    std::string_view view = rs.keep(data);
    if (std::memchr(view.data(), '\0', view.size())) {
        rs.diagnostics.push_back({Diagnostic::Error, file, 1, 0, tr("this is a binary file, not a rule dump")});
        rs.formats.push_back(formatName(Format::Unknown));
        return false;
    }
    // iptables output and an nft listing pasted together: each reader gets its own part.
    bool nftOk = true;
    if (const auto regions = nftRegions(view); !regions.empty()) {
        const std::string_view nftPart = rs.keep(blankLines(view, regions, false));
        nftOk = nft::NftParser::parseInto(rs, nftPart, fileIndex, file, nft::NftParser::detect(nftPart));
        view = rs.keep(blankLines(view, regions, true));
    } else if (const auto nf = nft::NftParser::detect(view); nf != nft::NftParser::Format::None) {
        // nftables (`nft list ruleset`, `nft -j list ruleset`, `nft list hooks`): its own reader, the same Ruleset.
        return nft::NftParser::parseInto(rs, view, fileIndex, file, nf);
    }
    // A paste is a sequence of segments, each one dump in one format, separated by command
    // lines, changes of format and noise. Lines before a segment are looked at here; a reader
    // takes the segment and stops where the next one starts.
    NoiseLog noise(rs.diagnostics, file);
    PasteScanner::Command cmds[PasteScanner::kMaxCommands];
    int cmdCount = 0, cmdNext = 0, cmdLine = 0;
    int ipv6Header = 0;
    int current = -1;   // the rule set being filled: -1 = rs, else an index in *more
    bool ok = true;
    bool cancelled = false;
    QStringList formats;
    LineReader reader{view};
    std::string_view line;
    while (reader.next(line)) {
        const std::string_view t = trimmed(line);
        if (t.empty())
            continue;
        const int lineNo = reader.line;
        const int n = PasteScanner::commands(t, cmds);
        if (n > 0) {
            noise.flush();
            cmdCount = n;
            cmdNext = 0;
            cmdLine = lineNo;
            ipv6Header = 0;
            rs.diagnostics.push_back({Diagnostic::Warning, file, lineNo, 1,
                                      tr("command line skipped: the lines after it are read as its output"),
                                      QStringLiteral("paste-command")});
            continue;
        }
        if (t.front() == '#') {
            if (t.starts_with("# Generated by ip6tables")) {
                ipv6Header = lineNo;
            } else if (t.starts_with("# Generated by iptables")) {
                ipv6Header = 0;
            } else if (t.starts_with("# Warning: iptables-legacy tables present")) {
                rs.diagnostics.push_back({Diagnostic::Warning, file, lineNo, 1,
                                          tr("iptables says some tables are in iptables-legacy; they are not part of this dump"),
                                          QStringLiteral("legacy-tables")});
            } else if (t.starts_with("##")) {
                noise.add(lineNo, t);
            }
            continue;
        }
        const Format format = lineFormat(t);
        if (format == Format::Unknown) {
            noise.add(lineNo, t);
            continue;
        }
        noise.flush();
        reader.unread();
        const size_t segStart = reader.pos;
        const int segFirst = reader.line + 1;
        const PasteScanner::Command *cmd = cmdNext < cmdCount ? &cmds[cmdNext++] : nullptr;
        int v6Line = ipv6Header;
        if (!v6Line && cmd && cmd->family == PasteScanner::Family::Ipv6)
            v6Line = cmdLine;
        ipv6Header = 0;
        if (!formats.contains(formatName(format)))
            formats << formatName(format);

        // The family: the scenario's, else the header's or the command's; an IPv4 reading
        // that meets IPv6 evidence is undone and the segment read again as IPv6.
        Family family = options.family ? *options.family : (v6Line ? Family::Ipv6 : Family::Ipv4);
        const int linesBefore = reader.line;
        const int cmdNextBefore = cmdNext;
        size_t end = segStart;
        int endLine = reader.line;
        int foundIpv6 = 0;
        for (int attempt = 0; attempt < 2; ++attempt) {
        cmdNext = cmdNextBefore;
        // What to restore if the segment turns out to be ip6tables output.
        const size_t diagsBefore = rs.diagnostics.size();
        const size_t moreBefore = more ? more->size() : 0;
        const int currentBefore = current;
        Ruleset &before = current < 0 ? rs : (*more)[size_t(current)];
        std::vector<Table> snapshot;
        for (int ti = 0; ti < TableCount; ++ti) {
            if (before.table(TableId(ti)).present) {
                for (int tj = 0; tj < TableCount; ++tj)
                    snapshot.push_back(before.table(TableId(tj)));
                break;
            }
        }

        if (format == Format::Listing) {
            ListingParser::Segment seg;
            seg.from = segStart;
            seg.linesBefore = linesBefore;
            seg.given = options.table;
            seg.ipv6Line = v6Line;
            seg.family = family;
            seg.familyForced = options.family.has_value();
            if (cmd) {
                // Every command still to come on the line prints one listing of this segment.
                seg.tables.push_back(cmd->table);
                for (; cmdNext < cmdCount; ++cmdNext)
                    seg.tables.push_back(cmds[cmdNext].table);
            }
            const ListingParser::Result r = ListingParser::parse(rs, more, current, view, fileIndex, file, seg, options.progress);
            ok = ok && r.ok;
            end = r.end;
            endLine = r.endLine;
            foundIpv6 = r.ipv6Line;
            if (r.cancelled) {
                cancelled = true;
                break;
            }
        } else {
            SaveReader::Segment seg;
            seg.from = segStart;
            seg.linesBefore = linesBefore;
            seg.spec = format == Format::Spec;
            // Save lines with no *table before them: a grep of iptables-save, read as a fragment of
            // the table the command line names or the evidence shows.
            seg.headless = !seg.spec && t.front() != '*';
            seg.fragment = (cmd && cmd->filtered) || seg.headless;
            seg.ipv6Line = v6Line;
            seg.family = family;
            seg.familyForced = options.family.has_value();
            bool read = true;
            if (seg.spec || seg.headless) {
                TableEvidence ev;
                int scanEnd = 0;
                const size_t segEnd = scanSpec(view, segStart, linesBefore, ev, scanEnd, seg.headless);
                if (cmd && cmd->table) {
                    seg.table = *cmd->table;
                } else if (options.table) {
                    seg.table = *options.table;
                } else if (ev.conflict()) {
                    const std::vector<TableId> cands = ev.candidates();
                    QStringList choices;
                    for (TableId c : cands)
                        choices << q(tableName(c));
                    rs.diagnostics.push_back(
                            {Diagnostic::Error, file, segFirst, 1,
                             (seg.headless ? tr("cannot tell which table these iptables-save lines (%1-%2) are from: %3. Name it: "
                                                "{\"file\": \"%4\", \"table\": \"%5\"} in scenario.json, or a line \"*%5\" before them")
                                           : tr("cannot tell which table this iptables -S output (lines %1-%2) is from: %3. Name it: "
                                                "{\"file\": \"%4\", \"table\": \"%5\"} in scenario.json, or a line \"iptables -t %5 -S\" before it"))
                                     .arg(segFirst).arg(scanEnd).arg(ev.conflictText(), QFileInfo(file).fileName(), choices.front()),
                             QStringLiteral("table-ambiguous"), {}, choices});
                    ok = false;
                    read = false;
                    end = segEnd;
                    endLine = scanEnd;
                } else {
                    seg.table = ev.table();
                    rs.diagnostics.push_back(
                            {Diagnostic::Warning, file, segFirst, 1,
                             seg.headless
                                     ? (ev.settled() ? tr("iptables-save lines with no *table line before them (a grep?); read as table %1 "
                                                          "from %2 (give \"table\" in scenario.json or a \"*TABLE\" line before them to choose)")
                                                               .arg(q(tableName(seg.table)), ev.reason())
                                                     : tr("iptables-save lines with no *table line before them (a grep?); read as table %1, "
                                                          "the first they can be in (give \"table\" in scenario.json or a \"*TABLE\" line "
                                                          "before them to choose)")
                                                               .arg(q(tableName(seg.table))))
                                     : ev.settled() ? tr("iptables -S output does not name its table; read as table %1 from %2 "
                                           "(give \"table\" in scenario.json or an \"iptables -t TABLE -S\" line before it to choose)")
                                                .arg(q(tableName(seg.table)), ev.reason())
                                      : tr("iptables -S output does not name its table; read as table %1, the first it can be in "
                                           "(give \"table\" in scenario.json or an \"iptables -t TABLE -S\" line before it to choose)")
                                                .arg(q(tableName(seg.table))),
                             QStringLiteral("table-inferred"), {}, {q(tableName(seg.table))}});
                }
            }
            if (read) {
                SaveReader r(rs, more, current, view, fileIndex, file, seg, options, noise);
                ok = r.run() && ok;
                end = r.end();
                endLine = r.endLine();
                foundIpv6 = r.ipv6Line();
            }
        }
        if (cancelled)
            break;
        if (foundIpv6 && family == Family::Ipv4 && !options.family) {
            // Undo the IPv4 reading and read the segment again into the IPv6 tables.
            rs.diagnostics.erase(rs.diagnostics.begin() + qsizetype(diagsBefore), rs.diagnostics.end());
            if (more)
                more->erase(more->begin() + qsizetype(moreBefore), more->end());
            current = currentBefore;
            Ruleset &back = current < 0 ? rs : (*more)[size_t(current)];
            for (int ti = 0; ti < TableCount; ++ti) {
                Table fresh;
                fresh.id = TableId(ti);
                back.table(TableId(ti)) = snapshot.empty() ? fresh : snapshot[size_t(ti)];
            }
            family = Family::Ipv6;
            if (!v6Line)
                v6Line = foundIpv6;
            foundIpv6 = 0;
            continue;
        }
        break;
        }
        if (cancelled)
            break;
        if (end <= segStart) {
            // Nothing taken (should not happen): skip the line so the loop moves on.
            reader.next(line);
            noise.add(reader.line, trimmed(line));
            continue;
        }
        reader.pos = end;
        reader.line = endLine;
    }
    noise.flush();
    if (formats.isEmpty()) {
        rs.diagnostics.push_back({Diagnostic::Error, file, 1, 1,
                                  tr("not a rule dump: expected iptables-save (*table, :CHAIN, -A), "
                                     "iptables -S (-P, -N, -A) or iptables -L (Chain NAME (...)) output")});
        ok = false;
        formats << formatName(Format::Unknown);
    }
    rs.formats.push_back(formats.join(QLatin1String(" + ")));
    rs.link();
    if (more) {
        for (Ruleset &m : *more) {
            if (m.formats.size() < rs.formats.size())
                m.formats = rs.formats;
            m.link();
        }
    }
    return ok && nftOk;
}

Ruleset DumpParser::parse(const QByteArray &data, const QString &file, const Options &options)
{
    Ruleset rs;
    parseInto(rs, data, file, options);
    return rs;
}

} // namespace chainscope
