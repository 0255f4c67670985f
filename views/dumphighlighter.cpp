#include "dumphighlighter.h"

namespace chainscope {

namespace {
QTextCharFormat charFormat(const QColor &c, bool bold = false, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(c);
    // Weight set either way: a later range (a string over a verdict word) must not keep the
    // bold of the one it covers when QTextLayout merges them.
    f.setFontWeight(bold ? QFont::Bold : QFont::Normal);
    f.setFontItalic(italic);
    return f;
}

QRegularExpression re(const char *pattern)
{
    return QRegularExpression(QLatin1String(pattern));
}
} // namespace

DumpHighlighter::DumpHighlighter(QTextDocument *document, const Theme &theme, Language language)
    : QSyntaxHighlighter(document), m_language(language)
{
    setTheme(theme);
}

void DumpHighlighter::setTheme(const Theme &theme)
{
    m_theme = theme;
    m_patterns.clear();
    if (m_language == Language::Iptables)
        buildIptables(theme);
    else if (m_language == Language::Nft)
        buildNft(theme);
    rehighlight();
}

void DumpHighlighter::setLanguage(Language language)
{
    if (language == m_language)
        return;
    m_language = language;
    setTheme(m_theme);
}

void DumpHighlighter::buildIptables(const Theme &theme)
{
    // Later patterns win where they overlap: comments and targets last.
    m_patterns.push_back({re(R"(\s(--?[A-Za-z][\w-]*))"), charFormat(theme.hlOption), 1});
    m_patterns.push_back({re(R"(!)"), charFormat(theme.hlDrop, true), 0});
    m_patterns.push_back({re(R"(\b\d{1,3}(\.\d{1,3}){3}(/\d{1,2})?(:\d+(-\d+)?)?\b)"), charFormat(theme.hlAddress), 0});
    m_patterns.push_back({re(R"(\b(anywhere|0\.0\.0\.0/0)\b)"), charFormat(theme.hlAddress), 0});
    m_patterns.push_back({re(R"(^\[\d+:\d+\])"), charFormat(theme.hlCounter), 0});
    m_patterns.push_back({re(R"(^\*\w+)"), charFormat(theme.hlTable, true), 0});
    m_patterns.push_back({re(R"(^COMMIT\b)"), charFormat(theme.hlTable, true), 0});
    m_patterns.push_back({re(R"(^:(\S+))"), charFormat(theme.hlChain, true), 0});
    m_patterns.push_back({re(R"(^Chain \S+)"), charFormat(theme.hlChain, true), 0});
    m_patterns.push_back({re(R"((^|\s)-[ANPI]\s+(\S+))"), charFormat(theme.hlChain, true), 2});
    m_patterns.push_back({re(R"(-[jg]\s+(\S+))"), charFormat(theme.hlTarget, true), 1});
    // Whole words only: KUBE-MARK-DROP is a chain (a target), not DROP.
    m_patterns.push_back({re(R"((?<![\w-])ACCEPT(?![\w-]))"), charFormat(theme.hlAccept, true), 0});
    m_patterns.push_back({re(R"((?<![\w-])(DROP|REJECT)(?![\w-]))"), charFormat(theme.hlDrop, true), 0});
    m_patterns.push_back({re(R"("[^"]*")"), charFormat(theme.hlComment, false, true), 0});
    m_patterns.push_back({re(R"(/\*.*?\*/)"), charFormat(theme.hlComment, false, true), 0});
    m_patterns.push_back({re(R"(^\s*#.*$)"), charFormat(theme.hlComment, false, true), 0});
}

void DumpHighlighter::buildNft(const Theme &theme)
{
    // resources/syntax/nftables.xml with regular expressions; later patterns win where they
    // overlap. Words are told from parts of names (mark-for-masquerade, ns1/svc1/tcp/p80)
    // by the characters around them, as nft's own names may hold - / . and _.
#define NFT_WORD(words) R"((?<![\w/.@-])(?:)" words R"()(?![\w/-]))"
    m_patterns.push_back({re(NFT_WORD("ip6?|inet|tcp|udp|sctp|icmp|icmpv6|icmpx|th|ether|vlan|arp|meta|ct|fib|rt|socket"
                                      "|saddr|daddr|sport|dport|protocol|nexthdr|l4proto|nfproto|iif|oif|iifname"
                                      "|oifname|iiftype|oiftype|mark|state|status|direction|pkttype|skuid|skgid|length"
                                      "|dscp|hoplimit|ttl|code|set|reply|original|zone|helper|fwmark")),
                          charFormat(theme.hlOption), 0});
    m_patterns.push_back({re(NFT_WORD("type|hook|priority|policy|flags|elements|size|timeout|gc-interval|auto-merge"
                                      "|devices|device|comment|counter|vmap|with|to|prefix|level|group|update|add"
                                      "|delete|flush|ruleset|define|include|typeof|over|rate|burst|persistent|random"
                                      "|fully-random")),
                          charFormat(theme.hlOption, true), 0});
    m_patterns.push_back({re(R"([{}])"), charFormat(theme.hlOption, true), 0});
    m_patterns.push_back({re(R"(!=?)"), charFormat(theme.hlDrop, true), 0});
    // Families, hooks, chain and data types, priority names.
    m_patterns.push_back({re(R"(^\s*table\s+(ip6?|inet|arp|bridge|netdev)\s)"), charFormat(theme.hlTable), 1});
    m_patterns.push_back({re(R"(\b(?:type|hook)\s+(\w+(?:\s*[.:]\s*\w+)*))"), charFormat(theme.hlTable), 1});
    m_patterns.push_back({re(R"(\bpriority\s+([A-Za-z]\w*))"), charFormat(theme.hlTable), 1});
    m_patterns.push_back({re(R"(\b\d{1,3}(\.\d{1,3}){3}(/\d{1,2})?(:\d+(-\d+)?)?\b)"), charFormat(theme.hlAddress), 0});
    m_patterns.push_back({re(R"((?<![\w:.])(?:[0-9A-Fa-f]{1,4}:|:)(?::|[0-9A-Fa-f]{1,4}:){1,6})"
                             R"((?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4})(?:/\d{1,3})?(?![\w:.]))"),
                          charFormat(theme.hlAddress), 0});
    m_patterns.push_back({re(R"(@[\w./-]+)"), charFormat(theme.hlChain), 0});
    m_patterns.push_back({re(R"(\bpackets\s+\d+\s+bytes\s+\d+\b)"), charFormat(theme.hlCounter), 0});
    m_patterns.push_back({re(NFT_WORD("jump|goto|return|continue|queue|masquerade|snat|dnat|redirect|tproxy|notrack"
                                      "|log|limit|quota|synproxy|dup|fwd")),
                          charFormat(theme.hlTarget, true), 0});
    // ct status dnat: a state, not the statement.
    m_patterns.push_back({re(R"(\bstatus\s+([\w-]+(?:\s*,\s*[\w-]+)*))"), charFormat(theme.hlOption), 1});
    m_patterns.push_back({re(NFT_WORD("accept")), charFormat(theme.hlAccept, true), 0});
    m_patterns.push_back({re(NFT_WORD("drop|reject")), charFormat(theme.hlDrop, true), 0});
    // Names: table FAMILY NAME, chain/set/map/flowtable NAME, jump/goto NAME.
    m_patterns.push_back({re(R"(^\s*(table|chain|set|map|flowtable)\s)"), charFormat(theme.hlTable, true), 1});
    m_patterns.push_back({re(R"(^\s*table\s+(?:(?:ip6?|inet|arp|bridge|netdev)\s+)?([^\s{]+))"), charFormat(theme.hlChain, true), 1});
    m_patterns.push_back({re(R"(^\s*(?:chain|set|map|flowtable)\s+([^\s{]+))"), charFormat(theme.hlChain, true), 1});
    m_patterns.push_back({re(R"((?<![\w/.-])(?:jump|goto)\s+([^\s;,{}]+))"), charFormat(theme.hlChain, true), 1});
    m_patterns.push_back({re(R"("(?:[^"\\]|\\.)*")"), charFormat(theme.hlComment, false, true), 0});
    // A # outside strings starts a comment (# handle N).
    m_patterns.push_back({re(R"(^(?:[^"#]|"(?:[^"\\]|\\.)*")*(#.*)$)"), charFormat(theme.hlComment, false, true), 1});
#undef NFT_WORD
}

QList<QTextLayout::FormatRange> DumpHighlighter::formatsFor(const QString &text) const
{
    QList<QTextLayout::FormatRange> ranges;
    for (const Pattern &p : m_patterns) {
        auto it = p.re.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            if (m.capturedLength(p.group) > 0)
                ranges.append({int(m.capturedStart(p.group)), int(m.capturedLength(p.group)), p.format});
        }
    }
    return ranges;
}

void DumpHighlighter::highlightBlock(const QString &text)
{
    for (const QTextLayout::FormatRange &r : formatsFor(text))
        setFormat(r.start, r.length, r.format);
}

} // namespace chainscope
