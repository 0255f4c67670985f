// `nft -j list ruleset` (libnftables JSON, schema 1) into the same model as the text reader.
// Flags may be a scalar or an array; unknown keys are ignored; an expression or statement
// the engine does not know is kept as Unknown (uncertain), never dropped.

#include "nftjsontext.h"
#include "nftparser.h"
#include "nftvalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace chainscope::nft {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::nft::NftParser)
};

class JsonReader
{
public:
    JsonReader(Ruleset &rs, NftRuleset &n, int fileIndex, const QString &file) : m_rs(rs), m_n(n), m_fileIndex(fileIndex), m_file(file) {}

    bool run(std::string_view view);

private:
    std::string_view str(const QJsonValue &v) { return m_rs.intern(v.toString().toStdString()); }
    void error(int obj, const QString &msg)
    {
        m_rs.diagnostics.push_back({Diagnostic::Error, m_file, lineOf(obj), colOf(obj), msg});
        m_ok = false;
    }
    void warn(int obj, const QString &msg, const QString &subject)
    {
        m_rs.diagnostics.push_back({Diagnostic::Warning, m_file, lineOf(obj), colOf(obj), msg, QStringLiteral("nft-kept"), subject});
    }
    int lineOf(int obj) const { return obj >= 0 && obj < int(m_lines.size()) ? m_lines[size_t(obj)] : 0; }
    int colOf(int obj) const { return obj >= 0 && obj < int(m_cols.size()) ? m_cols[size_t(obj)] : 0; }
    int table(const QJsonObject &o, int obj, bool create);
    bool expr(const QJsonValue &v, Expr &e);
    bool value(const QJsonValue &v, ValType t, Value &out);
    std::vector<ValType> types(const QJsonValue &v);
    int anonSet(const QJsonArray &elems, const std::vector<ValType> &keys, const std::vector<ValType> &data, bool map, int table);
    bool element(const QJsonValue &key, Set &s);
    bool verdict(const QJsonObject &o, nft::Verdict &v);
    bool statement(const QJsonObject &st, Rule &r, int table, int obj);
    SourceLoc loc(int obj) const { return {m_fileIndex, lineOf(obj)}; }

    Ruleset &m_rs;
    NftRuleset &m_n;
    int m_fileIndex;
    QString m_file;
    bool m_ok = true;
    std::vector<int> m_lines;   // line of each top-level object, for FILE:LINE:COL
    std::vector<int> m_cols;    // its column: `nft -j` prints the whole ruleset on one line
    QString m_family;           // of the rule being read
};

int JsonReader::table(const QJsonObject &o, int obj, bool create)
{
    Family f;
    const std::string fam = o.value(QLatin1String("family")).toString().toStdString();
    if (!familyFromName(fam, f)) {
        error(obj, Tr::tr("unknown family \"%1\"").arg(QString::fromStdString(fam)));
        return -1;
    }
    const QString name = create ? o.value(QLatin1String("name")).toString() : o.value(QLatin1String("table")).toString();
    const int ti = m_n.tableIndex(f, name.toStdString());
    if (ti >= 0 || !create) {
        if (ti < 0)
            error(obj, Tr::tr("table %1 %2 is not defined").arg(QString::fromStdString(fam), name));
        return ti;
    }
    Table t;
    t.family = f;
    t.name = m_rs.intern(name.toStdString());
    t.handle = o.value(QLatin1String("handle")).toInt(-1);
    t.comment = str(o.value(QLatin1String("comment")));
    t.loc = loc(obj);
    m_n.tables.push_back(std::move(t));
    return int(m_n.tables.size()) - 1;
}

std::vector<ValType> JsonReader::types(const QJsonValue &v)
{
    std::vector<ValType> out;
    const auto one = [&](const QJsonValue &x) {
        // a concatenation may come as one string: "map": "ipv4_addr . inet_service"
        for (const QString &name : x.toString().split(QLatin1Char('.'), Qt::SkipEmptyParts)) {
            ValType t;
            typeFromName(name.trimmed().toStdString(), t);
            out.push_back(t);
        }
    };
    if (v.isArray())
        for (const QJsonValue &x : v.toArray())
            one(x);
    else
        one(v);
    return out;
}

bool JsonReader::value(const QJsonValue &v, ValType t, Value &out)
{
    if (v.isDouble())
        return parseValue(t, std::to_string(qint64(v.toDouble())), out);
    if (v.isString())
        return parseValue(t, v.toString().toStdString(), out);
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.contains(QLatin1String("prefix"))) {
            const QJsonObject p = o.value(QLatin1String("prefix")).toObject();
            return parseValue(t, (p.value(QLatin1String("addr")).toString() + QLatin1Char('/')
                                  + QString::number(p.value(QLatin1String("len")).toInt())).toStdString(), out);
        }
        if (o.contains(QLatin1String("range"))) {
            const QJsonArray r = o.value(QLatin1String("range")).toArray();
            Value a, b;
            if (r.size() != 2 || !value(r[0], t, a) || !value(r[1], t, b))
                return false;
            out.lo = a.lo;
            out.hi = b.hi;
            out.range = true;
            return true;
        }
        if (o.contains(QLatin1String("elem")))
            return value(o.value(QLatin1String("elem")).toObject().value(QLatin1String("val")), t, out);
    }
    if (v.isArray() && (t == ValType::CtState || t == ValType::CtStatus || t == ValType::TcpFlags)) {
        quint64 bits = 0;
        for (const QJsonValue &x : v.toArray()) {
            quint64 b;
            if (!flagFromName(t, x.toString().toStdString(), b))
                return false;
            bits |= b;
        }
        out.lo = out.hi = Val::num(bits);
        return true;
    }
    return false;
}

bool JsonReader::expr(const QJsonValue &v, Expr &e)
{
    const QJsonObject o = v.toObject();
    if (o.isEmpty())
        return false;
    const QString k = o.begin().key();
    const QJsonObject b = o.begin().value().toObject();
    const auto add = [&](Field f) {
        if (e.n < Expr::kMax)
            e.f[e.n++] = f;
        return f != Field::None;
    };
    if (k == QLatin1String("concat")) {
        for (const QJsonValue &x : o.begin().value().toArray())
            if (!expr(x, e))
                return false;
        return true;
    }
    if (k == QLatin1String("&")) {
        const QJsonArray a = o.begin().value().toArray();
        if (a.size() != 2 || !expr(a[0], e))
            return false;
        Value m;
        if (a[1].isDouble()) {
            e.andMask = quint64(a[1].toDouble());
        } else if (value(a[1], fieldType(e.f[0]), m) || value(QJsonValue(QJsonArray{a[1]}), fieldType(e.f[0]), m)) {
            e.andMask = m.lo.lo;
        } else {
            return false;
        }
        e.hasAnd = true;
        return true;
    }
    std::string_view words[4];
    std::string w0, w1, w2, w3;
    int n = 0;
    if (k == QLatin1String("payload")) {
        w0 = b.value(QLatin1String("protocol")).toString().toStdString();
        w1 = b.value(QLatin1String("field")).toString().toStdString();
        words[0] = w0;
        words[1] = w1;
        n = 2;
    } else if (k == QLatin1String("meta")) {
        w0 = "meta";
        w1 = b.value(QLatin1String("key")).toString().toStdString();
        words[0] = w0;
        words[1] = w1;
        n = 2;
    } else if (k == QLatin1String("ct")) {
        w0 = "ct";
        w1 = b.value(QLatin1String("dir")).toString().toStdString();
        w2 = b.value(QLatin1String("key")).toString().toStdString();
        w3 = b.value(QLatin1String("family")).toString().toStdString();
        if (const size_t sp = w2.find(' '); sp != std::string::npos) {
            // `ct original ip saddr` is {"key": "ip saddr", "dir": "original"}
            w3 = w2.substr(0, sp);
            w2 = w2.substr(sp + 1);
        }
        words[n++] = w0;
        if (!w1.empty())
            words[n++] = w1;
        if (!w3.empty())
            words[n++] = w3;
        words[n++] = w2;
    } else if (k == QLatin1String("fib")) {
        const QStringList fl = JsonText::strings(b.value(QLatin1String("flags")));
        const bool daddr = !fl.contains(QLatin1String("saddr"));
        const QString result = b.value(QLatin1String("result")).toString();
        return add(result == QLatin1String("type") ? (daddr ? Field::FibDaddrType : Field::FibSaddrType)
                                                   : (daddr ? Field::FibDaddrOif : Field::FibSaddrOif));
    } else if (k == QLatin1String("numgen") || k == QLatin1String("jhash") || k == QLatin1String("symhash")) {
        e.mod = quint32(b.value(QLatin1String("mod")).toInt());
        e.offset = quint32(b.value(QLatin1String("offset")).toInt());
        if (k == QLatin1String("numgen"))
            return add(b.value(QLatin1String("mode")).toString() == QLatin1String("inc") ? Field::NumgenInc : Field::NumgenRandom);
        return add(k == QLatin1String("jhash") ? Field::Jhash : Field::Symhash);
    } else {
        return add(Field::Unknown);
    }
    int used = 0;
    Field f = fieldFromWords(words, n, used);
    if (f == Field::None)
        f = Field::Unknown;
    return add(f);
}

bool JsonReader::element(const QJsonValue &key, Set &s)
{
    QJsonValue k = key;
    if (k.isObject() && k.toObject().contains(QLatin1String("elem")))
        k = k.toObject().value(QLatin1String("elem")).toObject().value(QLatin1String("val"));
    QJsonArray parts;
    if (k.isObject() && k.toObject().contains(QLatin1String("concat")))
        parts = k.toObject().value(QLatin1String("concat")).toArray();
    else
        parts.append(k);
    if (parts.size() != qsizetype(s.keyTypes.size()))
        return false;
    for (qsizetype c = 0; c < parts.size(); ++c) {
        Value v;
        if (!value(parts[c], s.keyTypes[size_t(c)], v)) {
            if (s.keyTypes[size_t(c)] != ValType::Opaque)
                return false;
            v.lo = v.hi = Val::name(parts[c].toString().toStdString());
        }
        if (!(v.lo == v.hi))
            s.interval = true;
        s.keys.push_back(v.lo);
        s.keys.push_back(v.hi);
    }
    return true;
}

bool JsonReader::verdict(const QJsonObject &o, nft::Verdict &v)
{
    if (o.isEmpty())
        return false;
    const QString k = o.begin().key();
    static const std::pair<const char *, nft::Verdict::Kind> kinds[] = {
        {"accept", nft::Verdict::Accept}, {"drop", nft::Verdict::Drop}, {"reject", nft::Verdict::Reject},
        {"return", nft::Verdict::Return}, {"continue", nft::Verdict::Continue}, {"queue", nft::Verdict::Queue},
        {"jump", nft::Verdict::Jump}, {"goto", nft::Verdict::Goto}};
    for (const auto &[name, kind] : kinds) {
        if (k == QLatin1String(name)) {
            v.kind = kind;
            if (kind == nft::Verdict::Jump || kind == nft::Verdict::Goto)
                v.chainName = str(o.begin().value().toObject().value(QLatin1String("target")));
            return true;
        }
    }
    return false;
}

int JsonReader::anonSet(const QJsonArray &elems, const std::vector<ValType> &keys, const std::vector<ValType> &data, bool map,
                        int table)
{
    Set s;
    s.table = table;
    s.keyTypes = keys;
    s.dataTypes = data;
    s.map = map;
    s.constant = true;
    for (const QJsonValue &e : elems) {
        Element el;
        el.key = quint32(s.keys.size());
        QJsonValue key = e, dat;
        if (map) {
            const QJsonArray pair = e.toArray();
            if (pair.size() != 2)
                return -1;
            key = pair[0];
            dat = pair[1];
        }
        if (!element(key, s))
            return -1;
        if (map && s.isVmap()) {
            if (!verdict(dat.toObject(), el.verdict))
                return -1;
        } else if (map) {
            QJsonArray parts;
            if (dat.isObject() && dat.toObject().contains(QLatin1String("concat")))
                parts = dat.toObject().value(QLatin1String("concat")).toArray();
            else
                parts.append(dat);
            for (qsizetype d = 0; d < parts.size() && d < 2 && size_t(d) < s.dataTypes.size(); ++d) {
                Value v;
                if (!value(parts[d], s.dataTypes[size_t(d)], v))
                    return -1;
                el.data[d] = v.lo;
            }
        }
        s.elements.push_back(el);
    }
    m_n.sets.push_back(std::move(s));
    return int(m_n.sets.size()) - 1;
}

bool JsonReader::statement(const QJsonObject &st, Rule &r, int table, int obj)
{
    Item it;
    const QString k = st.begin().key();
    const QJsonValue body = st.begin().value();
    const QJsonObject b = body.toObject();
    it.text = m_rs.intern(JsonText::statement(st, m_family).toStdString());   // as nft prints it: the same rule reads the same
    const auto push = [&](Item::Kind kind) {
        it.kind = kind;
        m_n.items.push_back(it);
        ++r.count;
        return true;
    };
    const auto setOf = [&](const QJsonValue &data, const std::vector<ValType> &keys, const std::vector<ValType> &dt, bool map) {
        if (data.isString() && data.toString().startsWith(QLatin1Char('@'))) {
            const auto &byName = m_n.tables[size_t(table)].setByName;
            const auto f = byName.find(data.toString().mid(1).toStdString());
            return f == byName.end() ? -1 : f->second;
        }
        const QJsonValue set = data.toObject().value(QLatin1String("set"));
        QJsonArray arr = set.isArray() ? set.toArray() : QJsonArray{set};
        return anonSet(arr, keys, dt, map, table);
    };
    if (k == QLatin1String("match")) {
        if (!expr(b.value(QLatin1String("left")), it.lhs))
            return push(Item::Unknown);
        const QString op = b.value(QLatin1String("op")).toString();
        const QJsonValue right = b.value(QLatin1String("right"));
        std::vector<ValType> keys;
        for (int i = 0; i < it.lhs.n; ++i)
            keys.push_back(fieldType(it.lhs.f[i]));
        const bool neg = op == QLatin1String("!=");
        const bool isSet = (right.isString() && right.toString().startsWith(QLatin1Char('@')))
                || (right.isObject() && right.toObject().contains(QLatin1String("set")));
        if (it.lhs.f[0] == Field::Unknown)
            return push(Item::Unknown);
        if (isSet) {
            it.set = setOf(right, keys, {}, false);
            if (it.set < 0) {
                error(obj, Tr::tr("a set this rule names is not defined or not understood"));
                return false;
            }
            it.op = neg ? Item::NotInSet : Item::InSet;
            return push(Item::Match);
        }
        if (right.isBool()) {
            // `fib ... oif missing` is `"right": false`, `exists` is true: no interface is 0.
            const bool fibOif = it.lhs.n == 1 && (it.lhs.f[0] == Field::FibDaddrOif || it.lhs.f[0] == Field::FibSaddrOif);
            if (!fibOif)
                return push(Item::Unknown);   // exthdr/tcp option exists: kept, not evaluated
            it.v = Val();
            it.op = (right.toBool() != neg) ? Item::Ne : Item::Eq;
            return push(Item::Match);
        }
        Value v;
        if (keys.size() != 1 || !value(right, keys[0], v)) {
            // A scalar has no JSON document of its own: print it from inside an array.
            const QByteArray wrapped = QJsonDocument(QJsonArray{right}).toJson(QJsonDocument::Compact);
            error(obj, Tr::tr("\"%1\" is not a value nft accepts here")
                               .arg(right.isString() ? right.toString() : QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2))));
            return false;
        }
        it.v = v.lo;
        it.w = v.hi;
        if (op == QLatin1String("in")) it.op = fieldIsBitmask(it.lhs.f[0]) ? Item::BitAny : (v.range ? Item::Range : Item::Eq);
        else if (op == QLatin1String("==")) it.op = v.wildcard ? Item::WildEq : v.range ? Item::Range : Item::Eq;
        else if (neg) it.op = v.wildcard ? Item::WildNe : v.range ? Item::NotRange : (fieldIsBitmask(it.lhs.f[0]) && !it.lhs.hasAnd) ? Item::BitNone : Item::Ne;
        else if (op == QLatin1String("<")) it.op = Item::Lt;
        else if (op == QLatin1String(">")) it.op = Item::Gt;
        else if (op == QLatin1String("<=")) it.op = Item::Le;
        else if (op == QLatin1String(">=")) it.op = Item::Ge;
        return push(Item::Match);
    }
    if (verdict(st, it.verdict)) {
        if (it.verdict.kind == nft::Verdict::Reject && b.value(QLatin1String("type")).toString() == QLatin1String("tcp reset")) {
            // as the text reader: `with tcp reset` holds only for tcp (nft's implicit dependency)
            m_n.items.push_back(l4protoDependency(6, m_rs.intern(std::string("reject with tcp"))));
            ++r.count;
        }
        return push(Item::Verdict);
    }
    if (k == QLatin1String("counter")) {
        it.packets = quint64(b.value(QLatin1String("packets")).toDouble());
        it.bytes = quint64(b.value(QLatin1String("bytes")).toDouble());
        if (!r.packets && !r.bytes) {
            r.packets = it.packets;
            r.bytes = it.bytes;
        }
        return push(Item::Counter);
    }
    if (k == QLatin1String("log")) return push(Item::Log);
    if (k == QLatin1String("limit")) return push(Item::Limit);
    if (k == QLatin1String("quota")) return push(Item::Quota);
    if (k == QLatin1String("notrack")) return push(Item::Notrack);
    if (k == QLatin1String("xt")) {
        it.xtTarget = b.value(QLatin1String("type")).toString() == QLatin1String("target");
        m_n.tables[size_t(table)].iptablesNft = true;
        return push(Item::Xt);
    }
    if (k == QLatin1String("set") && b.value(QLatin1String("set")).toString().startsWith(QLatin1Char('@'))) {
        // nft -j leaves out the flag nft adds to a set that rules update: `flags dynamic`
        const auto &byName = m_n.tables[size_t(table)].setByName;
        if (const auto f = byName.find(b.value(QLatin1String("set")).toString().mid(1).toStdString()); f != byName.end())
            m_n.sets[size_t(f->second)].dynamic = true;
    }
    if (k == QLatin1String("vmap")) {
        if (!expr(b.value(QLatin1String("key")), it.lhs))
            return push(Item::Unknown);
        std::vector<ValType> keys;
        for (int i = 0; i < it.lhs.n; ++i)
            keys.push_back(fieldType(it.lhs.f[i]));
        it.set = setOf(b.value(QLatin1String("data")), keys, {ValType::Verdict}, true);
        if (it.set < 0) {
            error(obj, Tr::tr("vmap: the map is not defined or not understood"));
            return false;
        }
        return push(Item::Vmap);
    }
    if (k == QLatin1String("dnat") || k == QLatin1String("snat") || k == QLatin1String("masquerade") || k == QLatin1String("redirect")) {
        it.natKind = k == QLatin1String("dnat") ? Item::Dnat : k == QLatin1String("snat") ? Item::Snat
                : k == QLatin1String("masquerade") ? Item::Masquerade : Item::Redirect;
        const bool v6 = b.value(QLatin1String("family")).toString() == QLatin1String("ip6");
        const QJsonValue addr = b.value(QLatin1String("addr"));
        if (addr.isObject() && addr.toObject().contains(QLatin1String("map"))) {
            const QJsonObject m = addr.toObject().value(QLatin1String("map")).toObject();
            if (!expr(m.value(QLatin1String("key")), it.lhs))
                return push(Item::Unknown);
            std::vector<ValType> keys;
            for (int i = 0; i < it.lhs.n; ++i)
                keys.push_back(fieldType(it.lhs.f[i]));
            const ValType at = v6 ? ValType::Ipv6 : ValType::Ipv4;
            it.set = setOf(m.value(QLatin1String("data")), keys, {at, ValType::Service}, true);
            if (it.set < 0)
                it.set = setOf(m.value(QLatin1String("data")), keys, {at}, true);
            if (it.set < 0) {
                error(obj, Tr::tr("%1: the map is not defined or not understood").arg(k));
                return false;
            }
        } else if (!addr.isUndefined()) {
            Value a;
            if (!value(addr, v6 ? ValType::Ipv6 : ValType::Ipv4, a)) {
                error(obj, Tr::tr("\"%1\" is not an address to translate to").arg(addr.toString()));
                return false;
            }
            it.v = a.lo;
            it.w = a.hi;
        }
        const QJsonValue port = b.value(QLatin1String("port"));
        if (!port.isUndefined()) {
            Value p;
            if (value(port, ValType::Service, p)) {
                it.portLo = quint16(p.lo.lo);
                it.portHi = quint16(p.hi.lo);
            }
        }
        return push(Item::Nat);
    }
    if (k == QLatin1String("mangle")) {
        Expr target;
        if (!expr(b.value(QLatin1String("key")), target))
            return push(Item::Other);
        it.setField = target.f[0];
        const QJsonValue val = b.value(QLatin1String("value"));
        if (val.isDouble()) {
            it.setOp = Item::SetConst;
            it.v = Val::num(quint64(val.toDouble()));
        } else if (val.isObject()) {
            const QJsonObject vo = val.toObject();
            const QString op = vo.begin().key();
            if (op == QLatin1String("|") || op == QLatin1String("&") || op == QLatin1String("^")) {
                const QJsonArray a = vo.begin().value().toArray();
                Expr src;
                if (a.size() == 2 && expr(a[0], src)) {
                    it.srcField = src.f[0];
                    it.setOp = op == QLatin1String("|") ? Item::SetOr : op == QLatin1String("&") ? Item::SetAnd : Item::SetXor;
                    it.v = Val::num(quint64(a[1].toDouble()));
                }
            } else {
                Expr src;
                if (expr(val, src)) {
                    it.srcField = src.f[0];
                    it.setOp = Item::SetCopy;
                }
            }
        }
        const bool modelled = (it.setField == Field::MetaMark || it.setField == Field::CtMark)
                && (it.srcField == Field::None || it.srcField == Field::MetaMark || it.srcField == Field::CtMark);
        return push(modelled ? Item::SetMeta : Item::Other);
    }
    warn(obj, Tr::tr("statement \"%1\" is kept but not evaluated: traces through it are uncertain").arg(k), k);
    return push(Item::Unknown);
}

bool JsonReader::run(std::string_view pasted)
{
    // A paste has a prompt, a fence or prose around the document: blank them (newlines kept,
    // so lines and columns stay the file's) from the brace that opens "nftables" to the last brace.
    QByteArray bytes(pasted.data(), qsizetype(pasted.size()));
    const size_t key = pasted.find("\"nftables\"");
    const size_t open = key == std::string_view::npos ? std::string_view::npos : pasted.rfind('{', key);
    const size_t close = pasted.rfind('}');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open)
        for (size_t i = 0; i < pasted.size(); ++i)
            if ((i < open || i > close) && bytes[qsizetype(i)] != '\n')
                bytes[qsizetype(i)] = ' ';
    const std::string_view view(bytes.constData(), size_t(bytes.size()));
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &perr);
    if (doc.isNull()) {
        int line = 1, col = 1;
        for (int i = 0; i < perr.offset && i < int(view.size()); ++i) {
            if (view[size_t(i)] == '\n') { ++line; col = 1; } else { ++col; }
        }
        m_rs.diagnostics.push_back({Diagnostic::Error, m_file, line, col, Tr::tr("not valid JSON: %1").arg(perr.errorString())});
        return false;
    }
    const QJsonArray items = doc.object().value(QLatin1String("nftables")).toArray();
    // Lines of the top-level objects (nft -j prints one line; pretty-printed files have many).
    {
        int depth = 0, line = 1;
        size_t lineStart = 0;
        bool inStr = false;
        for (size_t i = 0; i < view.size(); ++i) {
            const char c = view[i];
            if (inStr) {
                if (c == '\\') ++i;
                else if (c == '"') inStr = false;
                continue;
            }
            if (c == '"') inStr = true;
            else if (c == '\n') { ++line; lineStart = i + 1; }
            else if (c == '{' || c == '[') {
                if (depth == 2) {
                    m_lines.push_back(line);
                    m_cols.push_back(int(i - lineStart) + 1);
                }
                ++depth;
            } else if (c == '}' || c == ']') --depth;
        }
    }
    int obj = -1;
    for (const QJsonValue &v : items) {
        ++obj;
        const QJsonObject o = v.toObject();
        if (o.isEmpty())
            continue;
        const QString kind = o.begin().key();
        const QJsonObject b = o.begin().value().toObject();
        if (kind == QLatin1String("table")) {
            table(b, obj, true);
        } else if (kind == QLatin1String("chain")) {
            const int ti = table(b, obj, false);
            if (ti < 0)
                continue;
            Chain c;
            c.name = str(b.value(QLatin1String("name")));
            c.table = ti;
            c.handle = b.value(QLatin1String("handle")).toInt(-1);
            c.loc = loc(obj);
            c.comment = str(b.value(QLatin1String("comment")));
            if (b.contains(QLatin1String("hook"))) {
                c.base = true;
                c.type = str(b.value(QLatin1String("type")));
                if (!hookFromName(b.value(QLatin1String("hook")).toString().toStdString(), c.hook))
                    error(obj, Tr::tr("unknown hook \"%1\"").arg(b.value(QLatin1String("hook")).toString()));
                const QJsonValue prio = b.value(QLatin1String("prio"));
                if (prio.isString()) {
                    if (!priorityFromName(prio.toString().toStdString(), m_n.tables[size_t(ti)].family, c.hook, c.priority))
                        error(obj, Tr::tr("unknown priority \"%1\"").arg(prio.toString()));
                } else {
                    c.priority = prio.toInt();
                }
                c.policyDrop = b.value(QLatin1String("policy")).toString() == QLatin1String("drop");
                c.device = str(b.value(QLatin1String("dev")));
            }
            Table &t = m_n.tables[size_t(ti)];
            if (t.chainByName.count(c.name))
                continue;
            m_n.chains.push_back(std::move(c));
            const int ci = int(m_n.chains.size()) - 1;
            t.chains.push_back(ci);
            t.chainByName.emplace(m_n.chains.back().name, ci);
        } else if (kind == QLatin1String("set") || kind == QLatin1String("map")) {
            const int ti = table(b, obj, false);
            if (ti < 0)
                continue;
            Set s;
            s.name = str(b.value(QLatin1String("name")));
            s.table = ti;
            s.loc = loc(obj);
            s.handle = b.value(QLatin1String("handle")).toInt(-1);
            s.keyTypes = types(b.value(QLatin1String("type")));
            s.comment = str(b.value(QLatin1String("comment")));
            if (kind == QLatin1String("map")) {
                s.map = true;
                s.dataTypes = types(b.value(QLatin1String("map")));
            }
            const QStringList fl = JsonText::strings(b.value(QLatin1String("flags")));
            s.interval = fl.contains(QLatin1String("interval"));
            s.timeout = fl.contains(QLatin1String("timeout"));
            s.dynamic = fl.contains(QLatin1String("dynamic"));
            s.constant = fl.contains(QLatin1String("constant"));
            for (const QJsonValue &e : b.value(QLatin1String("elem")).toArray()) {
                Element el;
                el.key = quint32(s.keys.size());
                QJsonValue key = e, dat;
                if (s.map) {
                    const QJsonArray pair = e.toArray();
                    key = pair.size() == 2 ? pair[0] : QJsonValue();
                    dat = pair.size() == 2 ? pair[1] : QJsonValue();
                }
                if (!element(key, s)) {
                    error(obj, Tr::tr("%1 %2: an element is not of the set's type").arg(kind, QString::fromUtf8(s.name.data(), qsizetype(s.name.size()))));
                    break;
                }
                if (s.isVmap())
                    verdict(dat.toObject(), el.verdict);
                else if (s.map) {
                    // `addr . port` data: one value per component
                    const QJsonArray parts = dat.isObject() && dat.toObject().contains(QLatin1String("concat"))
                            ? dat.toObject().value(QLatin1String("concat")).toArray() : QJsonArray{dat};
                    for (qsizetype d = 0; d < parts.size() && d < 2 && size_t(d) < s.dataTypes.size(); ++d) {
                        Value v;
                        if (value(parts[d], s.dataTypes[size_t(d)], v))
                            el.data[d] = v.lo;
                    }
                }
                s.elements.push_back(el);
            }
            Table &t = m_n.tables[size_t(ti)];
            m_n.sets.push_back(std::move(s));
            const int si = int(m_n.sets.size()) - 1;
            t.sets.push_back(si);
            t.setByName.emplace(m_n.sets.back().name, si);
        } else if (kind == QLatin1String("rule")) {
            const int ti = table(b, obj, false);
            if (ti < 0)
                continue;
            const auto &byName = m_n.tables[size_t(ti)].chainByName;
            const auto ch = byName.find(b.value(QLatin1String("chain")).toString().toStdString());
            if (ch == byName.end()) {
                error(obj, Tr::tr("rule for chain %1, which is not defined").arg(b.value(QLatin1String("chain")).toString()));
                continue;
            }
            Rule r;
            r.first = quint32(m_n.items.size());
            r.handle = b.value(QLatin1String("handle")).toInt(-1);
            r.loc = loc(obj);
            r.comment = str(b.value(QLatin1String("comment")));
            m_family = b.value(QLatin1String("family")).toString();
            r.text = m_rs.intern(JsonText::rule(b.value(QLatin1String("expr")).toArray(), b.value(QLatin1String("comment")).toString(), m_family)
                                         .toStdString());
            for (const QJsonValue &st : b.value(QLatin1String("expr")).toArray()) {
                if (!statement(st.toObject(), r, ti, obj))
                    break;
            }
            m_n.chains[size_t(ch->second)].rules.push_back(r);
        }
        // metainfo, flowtable, counter, quota, ct helper...: nothing to evaluate
    }
    if (m_n.tables.empty() && m_ok)
        m_rs.diagnostics.push_back({Diagnostic::Error, m_file, 1, 1, Tr::tr("no nft table found in the JSON")});
    return m_ok && !m_n.tables.empty();
}

} // namespace

bool parseJsonInto(Ruleset &rs, NftRuleset &n, std::string_view view, int fileIndex, const QString &file)
{
    JsonReader r(rs, n, fileIndex, file);
    return r.run(view);
}

} // namespace chainscope::nft
