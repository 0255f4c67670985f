#include "targetoptions.h"

#include "packet.h"
#include "text.h"

#include <bit>
#include <charconv>
#include <iterator>

namespace chainscope {

namespace {

using text::q;

#define TR(s) QT_TRANSLATE_NOOP("chainscope::TargetOptions", s)

enum class Type : quint8 {
    Flag,         // no value
    UInt,         // lo-hi, decimal or 0x hex
    Name,         // a non-empty word (labels, contexts, interface names)
    Choice,       // one of `choices` (comma-separated)
    DscpClass,    // CS0-7, BE, EF, AFxy
    Tos,          // value[/mask] or a symbolic TOS name
    ClassId,      // MAJOR:MINOR, hex, each at most ffff
    StripOptions, // TCP option names or numbers 2-255, comma-separated
    QueueBalance, // [lo]:[hi], lo < hi
    Address,      // IPv4 address
    ValueMask,    // value[/mask], 32 bits each
    Tuple,        // HMARK: src,dst,sport,dport,spi,proto or ct
    Text,         // any value, kept as written (times such as 250.0ms)
};

struct Opt
{
    std::string_view name;
    Type type = Type::Flag;
    quint64 lo = 0, hi = 0;
    quint32 excludes = 0;     // bits of the options it cannot go with
    bool needsTcp = false;    // ECN's TCP operations
    std::string_view choices = {};
};

enum Proto : quint8 { AnyProto = 0, TcpOnly = 1, TcpOrUdp = 2 };

enum Tables : quint8 { AnyTable = 0, MangleOnly = 1, MangleOrSecurity = 2 };

} // namespace

struct TargetOptions::Spec
{
    std::string_view target;
    Opt opts[13] = {};             // up to the first without a name
    quint32 required = 0;          // every one of these
    quint32 anyOf = 0;             // at least one of these
    const char *anyOfMessage = nullptr;
    const char *requiredMessage = nullptr;   // "%1 is mandatory" instead of `option "--x" must be specified`
    Proto proto = AnyProto;
    const char *protoMessage = nullptr;
    Tables tables = AnyTable;      // the kernel's checkentry refuses other tables
};

namespace {

constexpr quint32 bit(int i) { return 1u << i; }
constexpr quint64 U16 = 0xffff, U32 = 0xffffffffull;

// Ranges, requirements and messages as iptables 1.8 (libxt_*.c, libipt_*.c) and the kernel's
// checkentry functions have them.
const TargetOptions::Spec kSpecs[] = {
    {"TTL", {{"--ttl-set", Type::UInt, 0, 255, bit(1) | bit(2)},
             {"--ttl-dec", Type::UInt, 1, 255, bit(0) | bit(2)},
             {"--ttl-inc", Type::UInt, 1, 255, bit(0) | bit(1)}},
     0, bit(0) | bit(1) | bit(2), TR("TTL: You must specify an action"), nullptr, AnyProto, nullptr, MangleOnly},
    {"DSCP", {{"--set-dscp", Type::UInt, 0, 63, bit(1)},
              {"--set-dscp-class", Type::DscpClass, 0, 0, bit(0)}},
     0, bit(0) | bit(1), TR("DSCP target: Parameter --set-dscp is required"), nullptr, AnyProto, nullptr, MangleOnly},
    {"TOS", {{"--set-tos", Type::Tos, 0, 255, bit(1) | bit(2) | bit(3)},
             {"--and-tos", Type::UInt, 0, 255, bit(0) | bit(2) | bit(3)},
             {"--or-tos", Type::UInt, 0, 255, bit(0) | bit(1) | bit(3)},
             {"--xor-tos", Type::UInt, 0, 255, bit(0) | bit(1) | bit(2)}},
     0, bit(0) | bit(1) | bit(2) | bit(3), TR("TOS: An action is required"), nullptr, AnyProto, nullptr, MangleOnly},
    {"ECN", {{"--ecn-tcp-remove", Type::Flag, 0, 0, 0, true},
             {"--ecn-tcp-cwr", Type::UInt, 0, 1, 0, true},
             {"--ecn-tcp-ece", Type::UInt, 0, 1, 0, true},
             {"--ecn-ip-ect", Type::UInt, 0, 3}},
     0, bit(0) | bit(1) | bit(2) | bit(3), TR("ECN target: An operation is required"), nullptr, AnyProto, nullptr, MangleOnly},
    {"TCPMSS", {{"--set-mss", Type::UInt, 0, U16, bit(1)},
                {"--clamp-mss-to-pmtu", Type::Flag, 0, 0, bit(0)}},
     0, bit(0) | bit(1), TR("TCPMSS target: At least one parameter is required"), nullptr,
     TcpOnly, TR("TCPMSS target: only valid for protocol 6 (-p tcp)")},
    {"TCPOPTSTRIP", {{"--strip-options", Type::StripOptions}},
     0, 0, nullptr, nullptr, TcpOnly, TR("TCPOPTSTRIP target: only valid for protocol 6 (-p tcp)"), MangleOnly},
    {"CLASSIFY", {{"--set-class", Type::ClassId}}, bit(0)},
    {"HMARK", {{"--hmark-tuple", Type::Tuple},
               {"--hmark-mod", Type::UInt, 1, U32},
               {"--hmark-offset", Type::UInt, 0, U32},
               {"--hmark-src-prefix", Type::UInt, 0, 32},
               {"--hmark-dst-prefix", Type::UInt, 0, 32},
               {"--hmark-sport-mask", Type::UInt, 0, U16, bit(7)},
               {"--hmark-dport-mask", Type::UInt, 0, U16, bit(7)},
               {"--hmark-spi-mask", Type::UInt, 0, U32, bit(5) | bit(6)},
               {"--hmark-proto-mask", Type::UInt, 0, U16},
               {"--hmark-rnd", Type::UInt, 0, U32},
               {"--hmark-sport", Type::UInt, 0, U16},
               {"--hmark-dport", Type::UInt, 0, U16},
               {"--hmark-spi", Type::UInt, 0, U32}},
     bit(1) | bit(9), 0, nullptr, TR("%1 is mandatory")},
    {"AUDIT", {{"--type", Type::Choice, 0, 0, 0, false, "accept,drop,reject"}}, bit(0)},
    {"CHECKSUM", {{"--checksum-fill", Type::Flag}}, bit(0), 0, nullptr, nullptr, AnyProto, nullptr, MangleOnly},
    {"CONNSECMARK", {{"--save", Type::Flag, 0, 0, bit(1)}, {"--restore", Type::Flag, 0, 0, bit(0)}},
     0, bit(0) | bit(1), TR("CONNSECMARK target: parameter required"), nullptr, AnyProto, nullptr, MangleOrSecurity},
    {"SECMARK", {{"--selctx", Type::Name}}, bit(0), 0, nullptr, nullptr, AnyProto, nullptr, MangleOrSecurity},
    {"IDLETIMER", {{"--timeout", Type::UInt, 0, U32}, {"--label", Type::Name, 0, 27},
                   {"--alarm", Type::Flag}}, bit(0) | bit(1)},
    {"LED", {{"--led-trigger-id", Type::Name, 0, 27}, {"--led-delay", Type::Text},
             {"--led-always-blink", Type::Flag}}, bit(0)},
    {"TEE", {{"--gateway", Type::Address}, {"--oif", Type::Name, 0, 15}}, bit(0)},
    {"SYNPROXY", {{"--mss", Type::UInt, 0, U16}, {"--wscale", Type::UInt, 0, 255},
                  {"--sack-perm", Type::Flag}, {"--timestamp", Type::Flag}, {"--ecn", Type::Flag}},
     0, 0, nullptr, nullptr, TcpOnly, TR("SYNPROXY target: only valid for -p tcp (the kernel refuses it otherwise)")},
    {"TPROXY", {{"--on-port", Type::UInt, 0, U16}, {"--on-ip", Type::Address},
                {"--tproxy-mark", Type::ValueMask}},
     bit(0), 0, nullptr, nullptr, TcpOrUdp, TR("TPROXY: Can be used only with -p tcp or -p udp"), MangleOnly},
    {"RATEEST", {{"--rateest-name", Type::Name, 0, 15}, {"--rateest-interval", Type::Text},
                 {"--rateest-ewmalog", Type::Text}}, bit(0)},
    {"NFQUEUE", {{"--queue-num", Type::UInt, 0, U16, bit(1)},
                 {"--queue-balance", Type::QueueBalance, 0, U16, bit(0)},
                 {"--queue-bypass", Type::Flag}, {"--queue-cpu-fanout", Type::Flag},
                 {"--fail-open", Type::Flag}}},
};

#undef TR

QString trText(const char *s)
{
    return QCoreApplication::translate("chainscope::TargetOptions", s);
}

bool number(std::string_view s, quint64 &v)
{
    int base = 10;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s.remove_prefix(2);
        base = 16;
    }
    if (s.empty())
        return false;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
    return ec == std::errc() && p == s.data() + s.size();
}

bool hexWord(std::string_view s, quint64 max)
{
    quint64 v = 0;
    if (s.empty())
        return false;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
    return ec == std::errc() && p == s.data() + s.size() && v <= max;
}

const Opt &at(const TargetOptions::Spec &spec, int i)
{
    return spec.opts[i];
}

} // namespace

const TargetOptions::Spec *TargetOptions::find(std::string_view name)
{
    for (const Spec &s : kSpecs) {
        if (s.target == name)
            return &s;
    }
    return nullptr;
}

int TargetOptions::option(const Spec &spec, std::string_view option)
{
    for (int i = 0; i < int(std::size(spec.opts)) && !spec.opts[i].name.empty(); ++i) {
        if (spec.opts[i].name == option)
            return i;
    }
    return -1;
}

bool TargetOptions::takesValue(const Spec &spec, int option)
{
    return at(spec, option).type != Type::Flag;
}

std::string_view TargetOptions::name(const Spec &spec, int option)
{
    return at(spec, option).name;
}

bool TargetOptions::admit(const Spec &spec, int option, quint32 seen, QString &message)
{
    const Opt &o = at(spec, option);
    const QString target = QString::fromLatin1(spec.target.data(), qsizetype(spec.target.size()));
    const QString opt = QString::fromLatin1(o.name.data(), qsizetype(o.name.size()));
    if (seen & bit(option)) {
        message = tr("%1: option \"%2\" can only be used once.").arg(target, opt);
        return false;
    }
    if (const quint32 clash = seen & o.excludes) {
        const int other = std::countr_zero(clash);
        message = tr("%1: option \"%2\" cannot be used together with \"%3\".")
                          .arg(target, QString::fromLatin1(name(spec, other).data(), qsizetype(name(spec, other).size())), opt);
        return false;
    }
    return true;
}

bool TargetOptions::check(const Spec &spec, int option, std::string_view value, QString &message)
{
    const Opt &o = at(spec, option);
    const QString target = QString::fromLatin1(spec.target.data(), qsizetype(spec.target.size()));
    const QString opt = QString::fromLatin1(o.name.data(), qsizetype(o.name.size()));
    const auto badValue = [&]() {
        message = tr("%1: bad value for option \"%2\", or out of range (%3-%4).").arg(target, opt).arg(o.lo).arg(o.hi);
        return false;
    };
    const auto bad = [&]() {
        message = tr("%1: bad value \"%2\" for option \"%3\"").arg(target, q(value), opt);
        return false;
    };
    quint64 v = 0;
    switch (o.type) {
    case Type::Flag:
    case Type::Text:
        return true;
    case Type::UInt:
        if (!number(value, v) || v < o.lo || v > o.hi)
            return badValue();
        return true;
    case Type::Name:
        if (value.empty())
            return bad();
        if (o.hi && value.size() > o.hi) {
            message = tr("%1: option \"%2\" takes at most %3 characters").arg(target, opt).arg(o.hi);
            return false;
        }
        return true;
    case Type::Choice: {
        for (std::string_view list = o.choices;;) {
            const auto comma = list.find(',');
            if (list.substr(0, comma) == value)
                return true;
            if (comma == std::string_view::npos)
                break;
            list.remove_prefix(comma + 1);
        }
        message = tr("Bad action type value \"%1\"").arg(q(value));
        return false;
    }
    case Type::DscpClass: {
        static const std::string_view classes[] = {"CS0", "CS1", "CS2", "CS3", "CS4", "CS5", "CS6", "CS7", "BE",
                                                   "AF11", "AF12", "AF13", "AF21", "AF22", "AF23", "AF31", "AF32",
                                                   "AF33", "AF41", "AF42", "AF43", "EF"};
        for (auto c : classes) {
            if (c.size() == value.size()
                && std::equal(c.begin(), c.end(), value.begin(), [](char a, char b) { return a == (b & ~0x20) || a == b; }))
                return true;
        }
        message = tr("Invalid DSCP value \"%1\"").arg(q(value));
        return false;
    }
    case Type::Tos: {
        static const std::string_view names[] = {"Minimize-Delay", "Maximize-Throughput", "Maximize-Reliability",
                                                 "Minimize-Cost", "Normal-Service"};
        for (auto n : names) {
            if (n == value)
                return true;
        }
        const auto slash = value.find('/');
        quint64 m = 0;
        if (!number(value.substr(0, slash), v) || v > 255
            || (slash != std::string_view::npos && (!number(value.substr(slash + 1), m) || m > 255)))
            return badValue();
        return true;
    }
    case Type::ClassId: {
        const auto colon = value.find(':');
        if (colon == std::string_view::npos || !hexWord(value.substr(0, colon), 0xffff)
            || !hexWord(value.substr(colon + 1), 0xffff)) {
            message = tr("Bad class value \"%1\"").arg(q(value));
            return false;
        }
        return true;
    }
    case Type::StripOptions: {
        static const std::string_view names[] = {"mss", "wscale", "sack-permitted", "sack", "timestamp", "md5"};
        for (std::string_view list = value;;) {
            const auto comma = list.find(',');
            const std::string_view w = list.substr(0, comma);
            bool ok = false;
            for (auto n : names)
                ok = ok || n == w;
            if (!ok) {
                if (!number(w, v) || v > 255) {
                    message = tr("Bad TCP option value \"%1\"").arg(q(w));
                    return false;
                }
                if (v < 2) {
                    message = tr("Option value may not be 0 or 1");
                    return false;
                }
            }
            if (comma == std::string_view::npos)
                break;
            list.remove_prefix(comma + 1);
        }
        return true;
    }
    case Type::QueueBalance: {
        const auto colon = value.find(':');
        if (colon == std::string_view::npos) {
            message = tr("Bad range \"%1\"").arg(q(value));
            return false;
        }
        quint64 lo = 0, hi = 65534;
        const std::string_view a = value.substr(0, colon), b = value.substr(colon + 1);
        if ((!a.empty() && (!number(a, lo) || lo > U16)) || (!b.empty() && (!number(b, hi) || hi > U16))) {
            message = tr("NFQUEUE: bad value for option \"%1\" near \"%2\", or out of range (0-65535).").arg(opt, q(value));
            return false;
        }
        if (lo >= hi) {
            message = tr("%1 should be less than %2").arg(lo).arg(hi);
            return false;
        }
        if (hi - lo + 1 > U16) {
            // The kernel keeps the number of queues in 16 bits: 0:65535 makes it 0.
            message = tr("NFQUEUE: number of total queues is 0 (\"%1\" spans 65536 queues; the kernel refuses it)").arg(q(value));
            return false;
        }
        return true;
    }
    case Type::Address:
        if (!Address::parse(value)) {
            message = tr("%1: invalid IP address \"%2\" for option \"%3\"").arg(target, q(value), opt);
            return false;
        }
        return true;
    case Type::ValueMask: {
        const auto slash = value.find('/');
        quint64 m = 0;
        if (!number(value.substr(0, slash), v) || v > U32
            || (slash != std::string_view::npos && (!number(value.substr(slash + 1), m) || m > U32)))
            return bad();
        return true;
    }
    case Type::Tuple: {
        if (value == "ct")
            return true;
        static const std::string_view parts[] = {"src", "dst", "sport", "dport", "spi", "proto"};
        for (std::string_view list = value;;) {
            const auto comma = list.find(',');
            bool ok = false;
            for (auto p : parts)
                ok = ok || p == list.substr(0, comma);
            if (!ok)
                return bad();
            if (comma == std::string_view::npos)
                break;
            list.remove_prefix(comma + 1);
        }
        return true;
    }
    }
    return true;
}

bool TargetOptions::finish(const Spec &spec, quint32 seen, quint8 proto, TableId table, QString &message)
{
    const QString target = QString::fromLatin1(spec.target.data(), qsizetype(spec.target.size()));
    if ((spec.tables == MangleOnly && tableBase(table) != TableId::Mangle)
        || (spec.tables == MangleOrSecurity && tableBase(table) != TableId::Mangle && tableBase(table) != TableId::Security)) {
        const std::string_view t = tableName(table);
        message = tr("%1 target: only valid in table %2, not %3")
                          .arg(target, spec.tables == MangleOnly ? QStringLiteral("mangle") : QStringLiteral("mangle or security"),
                               QString::fromLatin1(t.data(), qsizetype(t.size())));
        return false;
    }
    if (spec.anyOf && !(seen & spec.anyOf)) {
        message = trText(spec.anyOfMessage);
        return false;
    }
    if (const quint32 missing = spec.required & ~seen) {
        const std::string_view n = name(spec, std::countr_zero(missing));
        const QString opt = QString::fromLatin1(n.data(), qsizetype(n.size()));
        message = spec.requiredMessage ? trText(spec.requiredMessage).arg(opt)
                                       : tr("%1: option \"%2\" must be specified").arg(target, opt);
        return false;
    }
    const bool tcp = proto == ProtoTcp, udp = proto == ProtoUdp;
    if ((spec.proto == TcpOnly && !tcp) || (spec.proto == TcpOrUdp && !tcp && !udp)) {
        message = trText(spec.protoMessage);
        return false;
    }
    for (int i = 0; i < int(std::size(spec.opts)) && !spec.opts[i].name.empty(); ++i) {
        const Opt &o = spec.opts[i];
        if (o.needsTcp && (seen & bit(i)) && !tcp) {
            message = tr("%1: cannot use option \"%2\" on a non-tcp rule (-p tcp)")
                              .arg(target, QString::fromLatin1(o.name.data(), qsizetype(o.name.size())));
            return false;
        }
    }
    return true;
}

} // namespace chainscope
