#include "pastescanner.h"
#include "text.h"

namespace chainscope {

namespace {

using text::trimmed;

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isLower(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '/' || c == '-';
}

/** Splits on blanks. */
struct Words
{
    std::string_view text;
    size_t pos = 0;
    bool next(std::string_view &w)
    {
        while (pos < text.size() && isBlank(text[pos]))
            ++pos;
        if (pos >= text.size())
            return false;
        const size_t start = pos;
        while (pos < text.size() && !isBlank(text[pos]))
            ++pos;
        w = text.substr(start, pos - start);
        return true;
    }
};

/**
 * Where the command starts after a shell prompt ("$ ", "# ", "user@host:~$ ", "[root@h /]# ",
 * "(venv) user@h:~$ "), or npos when the line has no prompt. `hash` tells a bare "# ", which is
 * also how comments start.
 */
size_t afterPrompt(std::string_view t, bool &bareHash)
{
    bareHash = false;
    size_t bodyStart = 0;
    if (!t.empty() && t.front() == '(') {   // a virtualenv or conda marker
        const size_t close = t.find(") ");
        if (close == std::string_view::npos)
            return std::string_view::npos;
        bodyStart = close + 2;
    }
    for (size_t i = bodyStart; i < t.size(); ++i) {
        const char c = t[i];
        const bool promptChar = c == '$' || c == '#' || c == '%' || c == '>';
        if (promptChar && (i + 1 == t.size() || isBlank(t[i + 1]))) {
            const std::string_view body = t.substr(bodyStart, i - bodyStart);
            bool ok = body.empty();
            if (!ok && body.front() == '[')
                ok = body.back() == ']';
            else if (!ok)
                ok = body.find_first_of(" \t") == std::string_view::npos;
            // "## Heading", "$$ x": a prompt has a user, host or path before its sign
            bool word = body.empty();
            for (char b : body)
                word = word || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '~' || b == '/';
            ok = ok && word;
            if (!ok)
                return std::string_view::npos;
            bareHash = body.empty() && c == '#';
            size_t p = i + 1;
            while (p < t.size() && isBlank(t[p]))
                ++p;
            return p;
        }
        if (isBlank(c) && !(bodyStart < t.size() && t[bodyStart] == '['))
            return std::string_view::npos;
    }
    return std::string_view::npos;
}

std::string_view baseName(std::string_view w)
{
    const size_t slash = w.rfind('/');
    return slash == std::string_view::npos ? w : w.substr(slash + 1);
}

/** iptables, ip6tables-legacy-save...: the tool and whether it saves; false for other programs. */
bool tool(std::string_view w, bool &save, PasteScanner::Family &family)
{
    w = baseName(w);
    family = PasteScanner::Family::Ipv4;
    if (w.starts_with("ip6tables")) {
        family = PasteScanner::Family::Ipv6;
        w.remove_prefix(3);
    } else if (w.starts_with("iptables")) {
        w.remove_prefix(2);
    } else {
        return false;
    }
    // w is now "tables[-legacy|-nft][-save]"
    w.remove_prefix(6);
    if (w.starts_with("-legacy"))
        w.remove_prefix(7);
    else if (w.starts_with("-nft"))
        w.remove_prefix(4);
    save = w == "-save";
    return w.empty() || save;
}

bool filteringProgram(std::string_view w)
{
    w = baseName(w);
    return w == "grep" || w == "egrep" || w == "fgrep" || w == "rg" || w == "head" || w == "tail" || w == "sed"
            || w == "awk" || w == "cut" || w == "sort" || w == "uniq";
}

/** Reads one command ("sudo iptables -t nat -nvL"); false when it is not an iptables one. */
bool readCommand(std::string_view text, PasteScanner::Command &cmd, bool bare)
{
    Words words{text};
    std::string_view w;
    if (!words.next(w))
        return false;
    while (w == "sudo" || w == "doas" || w == "command" || w == "exec" || (w.find('=') != std::string_view::npos && w.front() != '-')) {
        if (!words.next(w))
            return false;
        while (w.size() > 1 && w.front() == '-' && words.next(w)) {}   // sudo's own options
    }
    bool save = false;
    if (!tool(w, save, cmd.family))
        return false;
    cmd.output = save ? PasteScanner::Command::Save : PasteScanner::Command::Other;
    bool tableNext = false;
    bool anyOption = save;
    while (words.next(w)) {
        if (tableNext) {
            TableId id;
            if (tableFromName(w, id))
                cmd.table = id;
            tableNext = false;
            continue;
        }
        if (w == "--table") {
            tableNext = true;
            continue;
        }
        if (w.starts_with("--table=")) {
            TableId id;
            if (tableFromName(w.substr(8), id))
                cmd.table = id;
            continue;
        }
        if (w == "--list-rules" || w == "--list") {
            if (!save)
                cmd.output = w == "--list" ? PasteScanner::Command::Listing : PasteScanner::Command::Spec;
            anyOption = true;
            continue;
        }
        if (w.size() > 1 && w[0] == '-' && w[1] != '-') {
            anyOption = true;
            for (size_t k = 1; k < w.size(); ++k) {
                const char c = w[k];
                if (c == 't') {
                    const std::string_view rest = w.substr(k + 1);
                    TableId id;
                    if (rest.empty())
                        tableNext = true;
                    else if (tableFromName(rest, id))
                        cmd.table = id;
                    break;
                }
                if (!save && c == 'S')
                    cmd.output = PasteScanner::Command::Spec;
                else if (!save && c == 'L')
                    cmd.output = PasteScanner::Command::Listing;
            }
            continue;
        }
        if (bare && w.front() != '-' && !anyOption)
            return false;   // "iptables is ..." is prose
    }
    if (bare && cmd.output == PasteScanner::Command::Other)
        return false;
    if (!save && !cmd.table && cmd.output != PasteScanner::Command::Other)
        cmd.table = TableId::Filter;   // what iptables lists without -t
    return true;
}

/** Where the command at the start of `rest` ends: the first ; | or & outside quotes. */
size_t commandEnd(std::string_view rest)
{
    char quote = 0;
    for (size_t i = 0; i < rest.size(); ++i) {
        const char c = rest[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == ';' || c == '|' || c == '&') {
            return i;
        }
    }
    return rest.size();
}

/** After the command ending at `end`: whether a pipe (not ||) follows; `end` moves past the separators. */
bool skipSeparator(std::string_view rest, size_t &end)
{
    const bool pipe = end < rest.size() && rest[end] == '|' && (end + 1 >= rest.size() || rest[end + 1] != '|');
    while (end < rest.size() && (rest[end] == ';' || rest[end] == '|' || rest[end] == '&'))
        ++end;
    return pipe;
}

} // namespace

int PasteScanner::commands(std::string_view line, Command *out)
{
    line = trimmed(line);
    bool bareHash = false;
    const size_t start = afterPrompt(line, bareHash);
    const bool bare = start == std::string_view::npos;
    std::string_view rest = bare ? line : line.substr(start);
    int n = 0;
    // Split at ; && || and pipes; a pipe into grep or head makes the command's output a fragment.
    while (!rest.empty() && n < kMaxCommands) {
        const size_t end = commandEnd(rest);
        Command cmd;
        // Without a prompt, or after a "#" that may start a comment, only a command that
        // prints rules counts ("iptables is dropping..." and "# iptables rules below" are prose).
        const bool isCmd = readCommand(rest.substr(0, end), cmd, (bare || bareHash) && n == 0);
        if (!isCmd && n == 0)
            return 0;
        size_t next = end;
        bool pipe = skipSeparator(rest, next);
        rest = trimmed(rest.substr(next));
        // Every program of the pipe after the command: a filter makes a fragment.
        while (pipe && !rest.empty()) {
            Words w{rest};
            std::string_view prog;
            w.next(prog);
            if (prog == "sudo")
                w.next(prog);
            cmd.filtered = cmd.filtered || filteringProgram(prog);
            size_t e = commandEnd(rest);
            pipe = skipSeparator(rest, e);
            rest = trimmed(rest.substr(e));
        }
        if (isCmd)
            out[n++] = cmd;
    }
    return n;
}

bool PasteScanner::isPrompt(std::string_view line)
{
    line = trimmed(line);
    bool bareHash = false;
    const size_t start = afterPrompt(line, bareHash);
    if (start == std::string_view::npos || start >= line.size())
        return false;
    Words words{line.substr(start)};
    std::string_view w;
    words.next(w);
    for (char c : w) {
        if (!isLower(c))
            return false;
    }
    if (!bareHash)
        return true;
    // "# some words" is a comment unless it runs a program people run next to iptables.
    static constexpr std::string_view programs[] = {"sudo", "cat", "ip", "ipset", "nft", "ip6tables", "iptables",
                                                    "iptables-save", "ip6tables-save", "conntrack", "ss", "route",
                                                    "ifconfig", "sysctl", "docker", "kubectl", "ufw", "firewall-cmd"};
    w = baseName(w);
    for (std::string_view p : programs) {
        if (w == p)
            return true;
    }
    return false;
}

bool PasteScanner::isFence(std::string_view line)
{
    line = trimmed(line);
    return line.starts_with("```") || line.starts_with("~~~");
}

bool PasteScanner::tableLine(std::string_view line, TableId &table)
{
    line = trimmed(line);
    if (line.size() < 2 || line.front() != '*')
        return false;
    return tableFromName(trimmed(line.substr(1)), table);
}

bool PasteScanner::ipv6Evidence(std::string_view line)
{
    if (line.find("::") != std::string_view::npos || line.find("ipv6-icmp") != std::string_view::npos
        || line.find("icmp6") != std::string_view::npos || line.find("icmpv6") != std::string_view::npos
        || line.find("ip6tables") != std::string_view::npos)
        return true;
    // A full address without "::": eight hexadecimal groups (a MAC address has six).
    Words words{line};
    std::string_view w;
    while (words.next(w)) {
        if (w.front() == '!')
            w.remove_prefix(1);
        w = w.substr(0, w.find('/'));
        int colons = 0;
        bool hex = !w.empty();
        for (char c : w) {
            if (c == ':')
                ++colons;
            else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                hex = false;
        }
        if (hex && colons == 7)
            return true;
    }
    return false;
}

} // namespace chainscope
