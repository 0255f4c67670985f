#pragma once

#include "diagnostic.h"
#include "packet.h"
#include "ruleset.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>
#include <string_view>
#include <vector>

namespace chainscope {

/**
 * One ipset as `ipset save` or `ipset list` shows it: the parts of its type (one per
 * dimension: "hash:net,port" is Net then Port) and its elements. Elements listed with a
 * timeout are present (the kernel lists only those that have not expired).
 */
struct Ipset
{
    enum class Part : quint8 { Ip, Net, Port, Iface, Mark, Set, Unsupported };
    struct Element
    {
        Address lo[2];                // per Ip/Net part, in order: an inclusive range
        Address hi[2];
        quint8 prefix[2] = {128, 128};  // how specific (the CIDR; the family's width for an address)
        quint8 proto = 0;             // Port part: 0 = any (bitmap:port)
        quint16 portLo = 0, portHi = 0;
        quint32 mark = 0;
        QString iface;                // Iface part, or the member set of a list:set
        bool physdev = false;         // "physdev:eth0": a bridge port, not in the context
        bool wildcard = false;        // the interface name is a prefix
        bool nomatch = false;
        quint32 timeout = 0;          // seconds left as listed; 0 = none
        int line = 0;
    };

    QString name;
    QString type;                     // as written, "hash:net,port"
    std::vector<Part> parts;
    bool inet6 = false;               // family inet6: IPv6 packets only, and IPv4 ones never
    Address netmask = Address(~0ull, ~0ull);   // hash:ip, bitmap:ip: addresses are stored masked
    quint32 markmask = 0xffffffffu;   // hash:ip,mark
    bool complete = true;             // every element was understood
    QString file;
    int line = 0;
    std::vector<Element> elements;

    /** True when the type can hold nomatch elements (a Net part), as IPSET_TYPE_NOMATCH. */
    bool nomatchType() const;
};

/**
 * The ipsets of one node, read from `ipset save` or `ipset list` output (pasted noise is
 * skipped with a warning), and the kernel's test of a packet against them (ip_set_test
 * with xt_set's flags). Copies share the sets.
 */
class Ipsets
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::Ipsets)
public:
    /** Appends the sets of one file; false (with errors in diags) when it holds none. */
    bool parse(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags);

    /** Whether any set contents were loaded for the node. */
    bool loaded() const { return m_data && !m_data->empty(); }
    const std::vector<Ipset> &sets() const;
    const Ipset *find(std::string_view name) const;

    enum class Result { NoMatch, Match, Unknown };
    /**
     * The `-m set --match-set NAME DIRS` criterion for a packet, before its `!`: Unknown when
     * the set's contents are not loaded, an element is not understood, or the rule tests the
     * element's counters.
     */
    Result test(const Criterion &c, const PacketState &p) const;

    /** Rules of `rs` that test a set whose contents are not loaded here, and the first of them. */
    int rulesWithoutContents(const Ruleset &rs, SourceLoc *first = nullptr) const;
    /** Names of the sets `rs` tests that are not loaded here (for a warning per set). */
    std::vector<QString> missingSets(const Ruleset &rs) const;

private:
    Result testSet(const Ipset &set, const Criterion &c, const PacketState &p, int depth) const;
    std::shared_ptr<std::vector<Ipset>> m_data;
};

} // namespace chainscope
