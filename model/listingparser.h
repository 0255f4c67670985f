#pragma once

#include "ruleset.h"

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace chainscope {

/**
 * Reads `iptables -L [-v] [-n] [-x] [--line-numbers]` listings, also when pasted with noise
 * (line numbers, `|`, prose, comments: skipped with a warning each run). A listing does not
 * name its table: the table comes from the command line that printed it (`iptables -t nat
 * -L`, and filter without -t), the scenario's `table`, or is inferred per chain from the
 * built-in chains listed together (a listing of one table starts with exactly its built-in
 * chains), NAT and raw targets, kube-proxy and Docker chain names, and callers; an inference
 * is reported as a warning ("table-inferred") and contradicting evidence as an error
 * ("table-ambiguous", with the candidate tables as choices) instead of a guess. A chain
 * listed again in a table the rule set already has starts a new Ruleset in `more` (two nodes
 * or two snapshots pasted together), or is an error without `more`.
 */
class ListingParser
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::ListingParser)
public:
    /** Where a listing starts in a paste and what the lines before it said. */
    struct Segment
    {
        size_t from = 0;          // byte offset of the first line
        int linesBefore = 0;      // lines before it
        /** One table per listing in the segment (from `cmd; cmd -t nat` lines); nullopt: infer. */
        std::vector<std::optional<TableId>> tables;
        std::optional<TableId> given;   // the scenario's table for the whole file
        int ipv6Line = 0;         // known to be ip6tables output
        Family family = Family::Ipv4;   // read into this family's tables
        bool familyForced = false;      // the scenario named it: IPv6 evidence does not stop the reading
    };
    struct Result
    {
        bool ok = true;
        bool cancelled = false;
        size_t end = 0;           // where the next segment starts (a command line, another format)
        int endLine = 0;          // lines up to there
        int ipv6Line = 0;         // an IPv4 reading met IPv6: the caller reads the segment again as IPv6
    };

    /**
     * Reads one listing segment into the rule set `current` points at (-1: root, else an
     * index in `more`), moving `current` on when a chain repeats. Diagnostics go to `root`.
     */
    static Result parse(Ruleset &root, std::vector<Ruleset> *more, int &current, std::string_view data, int file,
                        const QString &path, const Segment &seg, const std::function<bool(qint64, qint64)> &progress);

    /** "654K" -> 654000, as iptables prints counters without -x. */
    static bool parseCount(std::string_view s, quint64 &out);
};

} // namespace chainscope
