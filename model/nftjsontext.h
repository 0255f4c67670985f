#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace chainscope::nft {

/**
 * libnftables JSON statements printed back as `nft list ruleset` prints them, so that a rule
 * read from `nft -j` reads (in the window, the trace, the report and the diff) as the same
 * rule read from the text listing: `tcp dport { 22, 443 } counter packets 0 bytes 0 accept`.
 * Checked against the kernel's own pairs of listings (tests/data/nft/json). A statement or
 * expression this printer does not know is written as its compact JSON, never dropped.
 */
class JsonText
{
public:
    /** One statement of a rule's "expr" array, in a table of `family` ("inet", "ip"...; decides default rejects). */
    static QString statement(const QJsonObject &st, const QString &family);
    /** A whole rule: its statements, then `comment "..."` when it has one. */
    static QString rule(const QJsonArray &expr, const QString &comment, const QString &family);
    /** A value that libnftables writes as one string or an array of them (flags): the strings. */
    static QStringList strings(const QJsonValue &v);
    /** An expression (left or right side, set, map, concatenation). `ifname`: strings are quoted. */
    static QString expression(const QJsonValue &v, bool quoteStrings = false, bool hexNumbers = false);
};

} // namespace chainscope::nft
