#include "ipset.h"

#include "services.h"

#include <QList>

namespace chainscope {

namespace {

std::string_view sv(const QByteArray &b)
{
    return {b.constData(), size_t(b.size())};
}

/** Words of a line; a double-quoted comment stays one word. */
std::vector<QByteArray> words(const QByteArray &line)
{
    std::vector<QByteArray> out;
    qsizetype i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        if (i >= line.size())
            break;
        qsizetype j = i;
        if (line[i] == '"') {
            j = line.indexOf('"', i + 1);
            j = j < 0 ? line.size() : j + 1;
        } else {
            while (j < line.size() && line[j] != ' ' && line[j] != '\t')
                ++j;
        }
        out.push_back(line.mid(i, j - i));
        i = j;
    }
    return out;
}

bool number(const QByteArray &s, quint32 &out)
{
    bool ok = false;
    out = s.toUInt(&ok, 0);
    return ok;
}

/** ipset's protocol names for a PORT part ("tcp:80"); tcp when none is given. */
bool protoFor(const QByteArray &name, quint8 &out)
{
    if (name == "tcp") out = ProtoTcp;
    else if (name == "udp") out = ProtoUdp;
    else if (name == "sctp") out = ProtoSctp;
    else if (name == "udplite") out = 136;
    else if (name == "icmp") out = ProtoIcmp;
    else return protoFromName(sv(name), out) && out != 0;
    return true;
}

bool parseType(const QByteArray &type, Ipset &set)
{
    const qsizetype colon = type.indexOf(':');
    if (colon < 0)
        return false;
    const QByteArray method = type.left(colon);
    if (method != "hash" && method != "bitmap" && method != "list")
        return false;
    set.parts.clear();
    for (const QByteArray &p : type.mid(colon + 1).split(',')) {
        if (p == "ip") set.parts.push_back(Ipset::Part::Ip);
        else if (p == "net") set.parts.push_back(Ipset::Part::Net);
        else if (p == "port") set.parts.push_back(Ipset::Part::Port);
        else if (p == "iface") set.parts.push_back(Ipset::Part::Iface);
        else if (p == "mark") set.parts.push_back(Ipset::Part::Mark);
        else if (p == "set") set.parts.push_back(Ipset::Part::Set);
        else set.parts.push_back(Ipset::Part::Unsupported);   // mac and what comes next
    }
    return !set.parts.empty();
}

/** Create options (the `create` line or the `Header:` of `ipset list`). */
void parseOptions(const std::vector<QByteArray> &w, size_t from, Ipset &set)
{
    for (size_t i = from; i + 1 < w.size(); ++i) {
        if (w[i] == "family") {
            set.inet6 = w[i + 1] == "inet6";
        } else if (w[i] == "netmask") {
            quint32 len = 32;
            const Family f = set.inet6 ? Family::Ipv6 : Family::Ipv4;
            if (number(w[i + 1], len) && len <= (set.inet6 ? 128u : 32u))
                set.netmask = Address::mask(f, int(len));
        } else if (w[i] == "markmask") {
            number(w[i + 1], set.markmask);
        }
    }
}

/** An address, a CIDR or a range "A-B" as ipset takes them. */
bool parseAddressPart(const QByteArray &s, Ipset::Element &e, int slot, bool net, Family family)
{
    const qsizetype dash = s.indexOf('-');
    if (dash > 0) {
        const auto lo = Address::parse(sv(s.left(dash)), family);
        const auto hi = Address::parse(sv(s.mid(dash + 1)), family);
        if (!lo || !hi || *lo > *hi)
            return false;
        e.lo[slot] = *lo;
        e.hi[slot] = *hi;
        e.prefix[slot] = family == Family::Ipv4 ? 32 : 128;
        return true;
    }
    Address a, m;
    if (!parsePrefix(sv(s), family, a, m))
        return false;
    const int len = prefixLength(m, family);
    if (len < 0 || (net && len == 0))   // hash:net refuses /0
        return false;
    e.lo[slot] = a;
    e.hi[slot] = a | ~m;
    e.prefix[slot] = quint8(len);
    return true;
}

/** "[proto:]port[-port]", "icmp:TYPE/CODE" or an ICMP type name. */
bool parsePortPart(const QByteArray &s, Ipset::Element &e, bool bitmap)
{
    QByteArray port = s;
    e.proto = bitmap ? 0 : ProtoTcp;
    const qsizetype colon = s.indexOf(':');
    if (colon >= 0) {
        if (!protoFor(s.left(colon), e.proto))
            return false;
        port = s.mid(colon + 1);
    }
    if (e.proto == ProtoIcmp) {
        static const struct { const char *name; quint16 value; } names[] = {
            {"echo-reply", 0x0000}, {"echo-request", 0x0800}, {"ping", 0x0800}, {"pong", 0x0000},
            {"network-unreachable", 0x0300}, {"host-unreachable", 0x0301}, {"protocol-unreachable", 0x0302},
            {"port-unreachable", 0x0303}, {"fragmentation-needed", 0x0304}, {"ttl-zero-during-transit", 0x0b00},
            {"time-exceeded", 0x0b00},
        };
        for (const auto &n : names) {
            if (port == n.name) {
                e.portLo = e.portHi = n.value;
                return true;
            }
        }
        const qsizetype slash = port.indexOf('/');
        quint32 type = 0, code = 0;
        if (slash < 0 || !number(port.left(slash), type) || !number(port.mid(slash + 1), code) || type > 255 || code > 255)
            return false;
        e.portLo = e.portHi = quint16(type << 8 | code);
        return true;
    }
    const qsizetype dash = port.indexOf('-');
    auto one = [&](const QByteArray &t, quint16 &out) {
        quint32 n = 0;
        if (number(t, n) && n <= 65535) {
            out = quint16(n);
            return true;
        }
        const auto p = serviceToPort(sv(t), e.proto == ProtoUdp);
        if (p)
            out = *p;
        return p.has_value();
    };
    if (dash > 0)
        return one(port.left(dash), e.portLo) && one(port.mid(dash + 1), e.portHi) && e.portLo <= e.portHi;
    if (!one(port, e.portLo))
        return false;
    e.portHi = e.portLo;
    return true;
}

/** One element with its options ("10.0.0.0/8,tcp:80 timeout 30 nomatch"). */
bool parseElement(const std::vector<QByteArray> &w, size_t from, const Ipset &set, Ipset::Element &e)
{
    if (from >= w.size())
        return false;
    const bool bitmap = set.type.startsWith(QLatin1String("bitmap:"));
    if (set.parts.size() == 1 && set.parts[0] == Ipset::Part::Set) {
        e.iface = QString::fromUtf8(w[from]);
    } else {
        const QList<QByteArray> items = w[from].split(',');
        if (items.size() != qsizetype(set.parts.size()))
            return false;
        int slot = 0;
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QByteArray &it = items[i];
            switch (set.parts[size_t(i)]) {
            case Ipset::Part::Ip:
            case Ipset::Part::Net:
                if (slot > 1 || !parseAddressPart(it, e, slot, set.parts[size_t(i)] == Ipset::Part::Net, set.inet6 ? Family::Ipv6 : Family::Ipv4))
                    return false;
                ++slot;
                break;
            case Ipset::Part::Port:
                if (!parsePortPart(it, e, bitmap))
                    return false;
                break;
            case Ipset::Part::Iface:
                e.physdev = it.startsWith("physdev:");
                e.iface = QString::fromUtf8(e.physdev ? it.mid(8) : it);
                if (e.iface.isEmpty())
                    return false;
                break;
            case Ipset::Part::Mark:
                if (!number(it, e.mark))
                    return false;
                break;
            case Ipset::Part::Set:
            case Ipset::Part::Unsupported:
                break;   // kept; a test through it is undecidable
            }
        }
    }
    for (size_t i = from + 1; i < w.size(); ++i) {
        if (w[i] == "nomatch") {
            e.nomatch = true;
        } else if (w[i] == "wildcard") {
            e.wildcard = true;
        } else if (w[i] == "timeout" && i + 1 < w.size()) {
            number(w[++i], e.timeout);
        } else if ((w[i] == "packets" || w[i] == "bytes" || w[i] == "comment" || w[i] == "skbmark"
                    || w[i] == "skbprio" || w[i] == "skbqueue") && i + 1 < w.size()) {
            ++i;
        } else if (w[i] == "before" || w[i] == "after") {
            ++i;   // list:set position when adding
        } else {
            return false;
        }
    }
    return true;
}

template<typename T>
bool inRange(const T &v, const T &lo, const T &hi)
{
    return v >= lo && v <= hi;
}

} // namespace

bool Ipset::nomatchType() const
{
    for (Part p : parts) {
        if (p == Ipset::Part::Net)
            return true;
    }
    return false;
}

const std::vector<Ipset> &Ipsets::sets() const
{
    static const std::vector<Ipset> none;
    return m_data ? *m_data : none;
}

const Ipset *Ipsets::find(std::string_view name) const
{
    if (!m_data)
        return nullptr;
    const QLatin1String want(name.data(), qsizetype(name.size()));
    for (const Ipset &s : *m_data) {
        if (s.name == want)
            return &s;
    }
    return nullptr;
}

bool Ipsets::parse(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags)
{
    // Parsed into a copy: copies of this object keep the sets they had.
    auto data = std::make_shared<std::vector<Ipset>>(m_data ? *m_data : std::vector<Ipset>());
    const size_t before = data->size();
    const QList<QByteArray> lines = text.split('\n');
    Ipset *listing = nullptr;   // `ipset list`: the set whose header or members we are in
    bool members = false;
    auto setNamed = [&](const QByteArray &name) -> Ipset * {
        for (Ipset &s : *data) {
            if (s.name == QString::fromUtf8(name))
                return &s;
        }
        return nullptr;
    };
    auto skipped = [&](int lineNo, const QByteArray &line) {
        diags.push_back({Diagnostic::Warning, file, lineNo, 1,
                         tr("not part of `ipset save` or `ipset list` output, skipped: %1")
                                 .arg(QString::fromUtf8(line.left(60)))});
    };
    auto badElement = [&](Ipset &set, int lineNo, const QByteArray &elem) {
        set.complete = false;
        diags.push_back({Diagnostic::Warning, file, lineNo, 1,
                         tr("set %1 (%2): element \"%3\" is not understood; tests against this set that "
                            "find no element are uncertain")
                                 .arg(set.name, set.type, QString::fromUtf8(elem.left(60)))});
    };
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i) + 1;
        QByteArray line = lines[i];
        if (line.endsWith('\r'))
            line.chop(1);
        const QByteArray t = line.trimmed();
        if (t.isEmpty()) {
            listing = nullptr;   // `ipset list` separates sets by a blank line
            members = false;
            continue;
        }
        if (t.startsWith('#'))
            continue;
        const std::vector<QByteArray> w = words(t);
        if (w[0] == "create" && w.size() >= 3) {
            listing = nullptr;
            members = false;
            Ipset s;
            s.name = QString::fromUtf8(w[1]);
            s.type = QString::fromUtf8(w[2]);
            s.file = file;
            s.line = lineNo;
            if (!parseType(w[2], s)) {
                skipped(lineNo, t);
                continue;
            }
            parseOptions(w, 3, s);
            if (Ipset *old = setNamed(w[1]))
                *old = std::move(s);   // a later dump of the same set wins, as a restore would
            else
                data->push_back(std::move(s));
            continue;
        }
        if (w[0] == "add" && w.size() >= 3) {
            Ipset *s = setNamed(w[1]);
            if (!s) {
                diags.push_back({Diagnostic::Warning, file, lineNo, 1,
                                 tr("\"add\" to set %1, which no \"create\" line above declares: skipped")
                                         .arg(QString::fromUtf8(w[1]))});
                continue;
            }
            Ipset::Element e;
            e.line = lineNo;
            if (parseElement(w, 2, *s, e))
                s->elements.push_back(std::move(e));
            else
                badElement(*s, lineNo, w[2]);
            continue;
        }
        if (t.startsWith("Name: ")) {
            Ipset s;
            s.name = QString::fromUtf8(t.mid(6).trimmed());
            s.file = file;
            s.line = lineNo;
            if (Ipset *old = setNamed(t.mid(6).trimmed())) {
                *old = std::move(s);
                listing = old;
            } else {
                data->push_back(std::move(s));
                listing = &data->back();
            }
            members = false;
            continue;
        }
        if (listing && !members) {
            if (t.startsWith("Type: ")) {
                listing->type = QString::fromUtf8(t.mid(6).trimmed());
                if (!parseType(t.mid(6).trimmed(), *listing)) {
                    listing->complete = false;
                    skipped(lineNo, t);
                }
            } else if (t.startsWith("Header:")) {
                parseOptions(w, 1, *listing);
            } else if (t == "Members:") {
                members = true;
            } else if (!(t.startsWith("Revision:") || t.startsWith("Size in memory:") || t.startsWith("References:")
                         || t.startsWith("Number of entries:"))) {
                skipped(lineNo, t);
            }
            continue;
        }
        if (listing && members) {
            Ipset::Element e;
            e.line = lineNo;
            if (parseElement(w, 0, *listing, e))
                listing->elements.push_back(std::move(e));
            else
                badElement(*listing, lineNo, w[0]);
            continue;
        }
        skipped(lineNo, t);
    }
    for (const Ipset &s : *data) {
        if (s.parts.empty() && s.file == file)
            diags.push_back({Diagnostic::Warning, file, s.line, 1, tr("set %1 has no \"Type:\" line; tests against it are uncertain").arg(s.name)});
    }
    if (data->size() == before) {
        diags.push_back({Diagnostic::Error, file, 0, 0,
                         tr("no ipset found: expected the output of `ipset save` (create/add lines) or `ipset list`")});
        return false;
    }
    m_data = std::move(data);
    return true;
}

Ipsets::Result Ipsets::test(const Criterion &c, const PacketState &p) const
{
    const Ipset *set = find(c.text);
    if (!set || set->parts.empty())
        return Result::Unknown;
    return testSet(*set, c, p, 0);
}

Ipsets::Result Ipsets::testSet(const Ipset &set, const Criterion &c, const PacketState &p, int depth) const
{
    // ip_set_test: a rule giving fewer directions than the set has dimensions, or a set of
    // another family, tests nothing.
    if (c.a < set.parts.size() || set.inet6 != (p.family() == Family::Ipv6))
        return Result::NoMatch;
    if (set.parts.size() == 1 && set.parts[0] == Ipset::Part::Set) {
        // list:set: the first member set that matches (members see the same flags).
        if (depth > 0)
            return Result::Unknown;   // the kernel refuses a list:set inside a list:set
        bool unknown = !set.complete;
        for (const Ipset::Element &e : set.elements) {
            const QByteArray name = e.iface.toUtf8();
            const Ipset *member = find(std::string_view(name.constData(), size_t(name.size())));
            if (!member) {
                unknown = true;
                continue;
            }
            const Result r = testSet(*member, c, p, depth + 1);
            if (r == Result::Match)
                return r;
            unknown = unknown || r == Result::Unknown;
        }
        return unknown ? Result::Unknown : Result::NoMatch;
    }
    const bool src[3] = {(c.b & 1) != 0, (c.b & 2) != 0, (c.b & 4) != 0};
    const bool bitmap = set.type.startsWith(QLatin1String("bitmap:"));
    const bool portProto = p.proto == ProtoTcp || p.proto == ProtoUdp || p.proto == ProtoSctp || p.proto == 136;
    // What the packet offers for each part, as the set type's kadt takes it.
    Address addr[2];
    int slot = 0;
    quint16 port = 0;
    QString iface;
    for (size_t i = 0; i < set.parts.size(); ++i) {
        switch (set.parts[i]) {
        case Ipset::Part::Ip:
        case Ipset::Part::Net:
            addr[slot++] = src[i] ? p.src : p.dst;
            break;
        case Ipset::Part::Port:
            if (p.proto == ProtoIcmp || p.proto == ProtoIcmpv6)
                port = quint16(p.icmpType << 8 | p.icmpCode);
            else if (portProto)
                port = src[i] ? p.sport : p.dport;
            if (bitmap && p.proto != ProtoTcp && p.proto != ProtoUdp)
                return Result::NoMatch;   // bitmap:port reads TCP and UDP ports only
            break;
        case Ipset::Part::Iface:
            // The in device for "src", the out device for "dst"; none at this hook: no match.
            iface = src[i] ? p.inIface : p.outIface;
            if (iface.isEmpty())
                return Result::NoMatch;
            break;
        case Ipset::Part::Mark:
            break;
        case Ipset::Part::Set:
        case Ipset::Part::Unsupported:
            return Result::Unknown;
        }
    }
    if (set.netmask != Address(~0ull, ~0ull)) {
        addr[0] = addr[0] & set.netmask;
    }
    const Ipset::Element *best = nullptr;
    bool physdev = false;
    for (const Ipset::Element &e : set.elements) {
        int s = 0;
        bool ok = true;
        for (size_t i = 0; i < set.parts.size() && ok; ++i) {
            switch (set.parts[i]) {
            case Ipset::Part::Ip:
            case Ipset::Part::Net:
                ok = inRange(addr[s], e.lo[s], e.hi[s]);
                ++s;
                break;
            case Ipset::Part::Port:
                ok = (e.proto == 0 || e.proto == p.proto) && inRange(port, e.portLo, e.portHi);
                break;
            case Ipset::Part::Iface:
                if (e.physdev) {
                    physdev = true;   // bridge ports are not in the node context
                    ok = false;
                } else {
                    ok = e.wildcard ? iface.startsWith(e.iface) : iface == e.iface;
                }
                break;
            case Ipset::Part::Mark:
                ok = (p.mark & set.markmask) == e.mark;
                break;
            default:
                ok = false;
                break;
            }
        }
        if (!ok)
            continue;
        // The most specific element decides (hash:net* test the longest prefixes first).
        if (!best || e.prefix[0] > best->prefix[0] || (e.prefix[0] == best->prefix[0] && e.prefix[1] > best->prefix[1]))
            best = &e;
    }
    if (!best)
        return (set.complete && !physdev) ? Result::NoMatch : Result::Unknown;
    if (!set.complete && set.nomatchType())
        return Result::Unknown;   // a more specific element not understood could say nomatch
    if (c.c & SetFlags::CounterTest)
        return Result::Unknown;   // the element's counters at the time of the packet are not known
    // ip_set_test: a nomatch element does not match, unless --return-nomatch turns both around.
    bool match = !best->nomatch;
    if ((c.c & SetFlags::ReturnNomatch) && set.nomatchType())
        match = !match;
    return match ? Result::Match : Result::NoMatch;
}

int Ipsets::rulesWithoutContents(const Ruleset &rs, SourceLoc *first) const
{
    int n = 0;
    for (int t = 0; t < TableCount; ++t) {
        for (const Chain &ch : rs.table(TableId(t)).chains) {
            for (const Rule &r : ch.rules) {
                for (const Criterion &c : r.criteria) {
                    if (c.kind == Criterion::Set && !find(c.text)) {
                        if (n == 0 && first)
                            *first = r.loc;
                        ++n;
                        break;
                    }
                }
            }
        }
    }
    return n;
}

std::vector<QString> Ipsets::missingSets(const Ruleset &rs) const
{
    std::vector<QString> out;
    for (int t = 0; t < TableCount; ++t) {
        for (const Chain &ch : rs.table(TableId(t)).chains) {
            for (const Rule &r : ch.rules) {
                for (const Criterion &c : r.criteria) {
                    if (c.kind != Criterion::Set || find(c.text))
                        continue;
                    const QString name = QString::fromUtf8(c.text.data(), qsizetype(c.text.size()));
                    if (std::find(out.begin(), out.end(), name) == out.end())
                        out.push_back(name);
                }
            }
        }
    }
    return out;
}

} // namespace chainscope
