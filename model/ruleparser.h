#pragma once

#include "ruleset.h"

#include <QCoreApplication>
#include <QString>

#include <string_view>
#include <vector>

namespace chainscope {

struct ParseError
{
    int column = 0;     // 1-based, in the text handed to the parser
    QString message;
};

/**
 * Parses the options of one rule as iptables does (`-s ... -m tcp --dport 80 -j DNAT ...`),
 * for iptables-save lines, `iptables -S` lines and rules typed in the window alike.
 * Matches and targets the engine evaluates are validated the way iptables and the kernel
 * validate them, with their messages; other modules and targets are kept verbatim as
 * unknown. Jump targets stay names until Ruleset::link() resolves them.
 */
class RuleParser
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::RuleParser)
public:
    struct Token
    {
        std::string_view text;
        int column = 0;   // 1-based
        bool quoted = false;
        std::string_view raw;   // a quoted token as written, quotes included (text may be unescaped elsewhere); empty when unquoted
    };

    /** The line text from `first` to `last` inclusive, as written (for verbatim unknown options). */
    static std::string_view span(const Token &first, const Token &last);

    /** A protocol name or number as iptables takes it (case-insensitive, /etc/protocols names). */
    static bool parseProtocol(std::string_view name, quint8 &out);

    /** Splits a line as iptables-restore does (double or single quotes, backslash escapes). */
    static bool tokenize(std::string_view line, Ruleset &rs, std::vector<Token> &out, ParseError &err);

    /** Everything after `-A CHAIN` (or the whole text of a typed rule without -A). */
    static bool parseOptions(Ruleset &rs, TableId table, std::string_view chain,
                             const Token *begin, const Token *end, Rule &rule, ParseError &err);

    /**
     * A rule typed by a user: options alone, or a full `[iptables] [-t T] -A|-I CHAIN [N] ...`
     * command. `chain` is the chain it goes into when the text does not say.
     */
    static bool parseRuleText(Ruleset &rs, TableId table, std::string_view chain,
                              std::string_view text, Rule &rule, ParseError &err);
};

} // namespace chainscope
