#pragma once

#include "nftruleset.h"
#include "ruleset.h"

#include <QByteArray>
#include <QCoreApplication>

#include <string_view>

namespace chainscope::nft {

/**
 * Reads `nft list ruleset` (text as people paste it: with or without `-a` handles, `-s`,
 * `-t`, iptables-nft's warning lines, prompts and fences) and `nft -j list ruleset` (JSON
 * schema 1) into the node's NftRuleset (Ruleset::nft), and `nft list hooks` into its hook
 * order. Problems go to Ruleset::diagnostics as FILE:LINE:COL. Unknown statements are kept
 * and make traces through them uncertain.
 */
class NftParser
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::nft::NftParser)
public:
    enum class Format { None, Text, Json, Hooks };
    /** Whether the bytes are nft output, and which; looks at the first lines only. */
    static Format detect(std::string_view data);
    static QString formatName(Format f);
    /** Parses into rs.nft (created when absent); `view` must be kept by rs. False on errors. */
    static bool parseInto(Ruleset &rs, std::string_view view, int fileIndex, const QString &file, Format format);
    /**
     * One rule as `nft add rule` takes it after the chain (`iifname "cni0" accept`), for
     * chain `chain` (index into rs.nft->chains); `text` must be kept by rs. Its statements and
     * anonymous sets are added to rs.nft, the rule is returned and not put in the chain, and
     * rs.nft is linked again. False, with the reason and its 1-based column, when nft would
     * refuse it or the engine would keep a statement it does not model.
     */
    static bool parseRule(Ruleset &rs, int chain, std::string_view text, Rule &out, QString &error, int &column);
};

} // namespace chainscope::nft
