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
 * name its table: the table comes from `table`, a `# iptables -t nat ...` comment, or is
 * inferred per chain (built-in name, NAT targets, kube-proxy and Docker chain names, jumps)
 * and reported as a warning so the user sees the guess. A chain listed twice starts a new
 * Ruleset in `more` (two nodes or two snapshots pasted together).
 */
class ListingParser
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::ListingParser)
public:
    static bool parse(Ruleset &rs, std::string_view data, int file, const QString &path,
                      std::optional<TableId> table, const std::function<bool(qint64, qint64)> &progress,
                      std::vector<Ruleset> *more);

    /** "654K" -> 654000, as iptables prints counters without -x. */
    static bool parseCount(std::string_view s, quint64 &out);
};

} // namespace chainscope
