#pragma once

#include "ruleset.h"

#include <QCoreApplication>
#include <QString>

#include <string_view>

namespace chainscope {

/**
 * The options of targets the engine keeps without modelling what they change (TTL, DSCP,
 * TOS, ECN, TCPMSS, CLASSIFY, HMARK, ...) and of NFQUEUE, checked as iptables and the kernel
 * check them: value ranges, options that exclude each other, required options, the protocol
 * a target needs. A rule iptables refuses is refused with iptables' reason; one it takes is
 * kept, continues as in the kernel, and is reported as not modelled.
 *
 * Used by RuleParser for every format that carries target options (iptables-save, -S, rules
 * typed in the window). One table per target, as iptables keeps one file per extension.
 */
class TargetOptions
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::TargetOptions)
public:
    struct Spec;

    /** The checks for target `name`, or null when its options are taken verbatim. */
    static const Spec *find(std::string_view name);

    /** Index of `option` in the target's options, -1 when the target has no such option. */
    static int option(const Spec &spec, std::string_view option);
    /** Whether the option takes a value (the others are flags). */
    static bool takesValue(const Spec &spec, int option);
    /** The option's name as written in messages. */
    static std::string_view name(const Spec &spec, int option);

    /**
     * An option met in a rule, before its value: `seen` holds the options met before it (bit
     * per index). False with `message` when iptables refuses it (given twice, or excluded by
     * an earlier option).
     */
    static bool admit(const Spec &spec, int option, quint32 seen, QString &message);

    /** The option's value (empty for a flag). False with `message` when out of range or malformed. */
    static bool check(const Spec &spec, int option, std::string_view value, QString &message);

    /**
     * What the rule needs: required options, protocol, table. `proto` is 0 when -p is absent
     * or negated.
     */
    static bool finish(const Spec &spec, quint32 seen, quint8 proto, TableId table, QString &message);
};

} // namespace chainscope
