#pragma once

#include "diagnostic.h"
#include "ruleset.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace chainscope {

/**
 * Reads rule dumps into a Ruleset: `iptables-save` (with or without -c), `iptables -S`
 * and `iptables -L -v [-n] [-x] [--line-numbers]` listings, told apart by their content.
 * Problems are appended to Ruleset::diagnostics as FILE:LINE:COL. Nothing is dropped:
 * unknown modules and targets are kept and reported.
 */
class DumpParser
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::DumpParser)
public:
    enum class Format { Unknown, Save, Spec, Listing };
    static Format detect(const QByteArray &data);
    static QString formatName(Format f);

    struct Options
    {
        std::optional<TableId> table;          // for -S and -L, which do not name their table
        std::function<bool(qint64, qint64)> progress;  // (bytes done, total); false cancels
    };

    /**
     * Parses `data` (read from `file`) into `rs`. A listing that shows the same chain twice
     * (two nodes or two snapshots pasted together) continues in a new Ruleset appended to
     * `more`. Returns false on errors or cancel.
     */
    static bool parseInto(Ruleset &rs, const QByteArray &data, const QString &file, const Options &options,
                          std::vector<Ruleset> *more = nullptr);

    /** Convenience: a fresh Ruleset from one file's bytes. */
    static Ruleset parse(const QByteArray &data, const QString &file, const Options &options = {});
};

/** Built-in chains a table has, in hook order. */
bool isBuiltinChain(TableId table, std::string_view chain);

} // namespace chainscope
