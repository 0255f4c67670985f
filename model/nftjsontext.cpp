#include "nftjsontext.h"

#include <QJsonDocument>
#include <QStringList>

namespace chainscope::nft {

namespace {

QString compact(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString quoted(const QString &s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}

/** How the values compared with an expression are written: interface names are quoted, marks are hex. */
struct Context
{
    bool quote = false;
    bool hex = false;
};

Context contextOf(const QJsonValue &left)
{
    if (!left.isObject())
        return {};
    const QJsonObject o = left.toObject();
    const QString k = o.begin().key();
    if (k == QLatin1String("&") || k == QLatin1String("|") || k == QLatin1String("^"))
        return contextOf(o.begin().value().toArray().first());
    if (k == QLatin1String("concat")) {
        return {};
    }
    const QString key = o.begin().value().toObject().value(QLatin1String("key")).toString();
    if (k == QLatin1String("meta"))
        return {key.endsWith(QLatin1String("ifname")) || key.endsWith(QLatin1String("kind")) || key == QLatin1String("iif")
                        || key == QLatin1String("oif"),
                key == QLatin1String("mark")};
    if (k == QLatin1String("ct"))
        return {key == QLatin1String("helper"), key == QLatin1String("mark")};
    if (k == QLatin1String("fib"))
        return {o.begin().value().toObject().value(QLatin1String("result")).toString() == QLatin1String("oifname"), false};
    return {};
}

QString number(double d, bool hex)
{
    const quint64 n = quint64(d);
    return hex ? QStringLiteral("0x%1").arg(n, 8, 16, QLatin1Char('0')) : QString::number(n);
}

QString verdictText(const QJsonObject &o)
{
    static const char *const plain[] = {"accept", "drop", "continue", "return"};
    for (const char *k : plain)
        if (o.contains(QLatin1String(k)))
            return QLatin1String(k);
    for (const char *k : {"jump", "goto"})
        if (o.contains(QLatin1String(k)))
            return QLatin1String(k) + QLatin1Char(' ') + o.value(QLatin1String(k)).toObject().value(QLatin1String("target")).toString();
    return {};
}

QString expr(const QJsonValue &v, Context c);

QString element(const QJsonValue &v, Context c)
{
    // A map's element: [key, data]
    if (v.isArray() && v.toArray().size() == 2 && !c.quote) {
        const QJsonArray a = v.toArray();
        const QJsonValue data = a[1];
        const QString d = data.isObject() && !verdictText(data.toObject()).isEmpty() ? verdictText(data.toObject()) : expr(data, {});
        return expr(a[0], c) + QStringLiteral(" : ") + d;
    }
    return expr(v, c);
}

QString expr(const QJsonValue &v, Context c)
{
    if (v.isString()) {
        const QString s = v.toString();
        return c.quote && !s.startsWith(QLatin1Char('@')) ? quoted(s) : s;
    }
    if (v.isDouble())
        return number(v.toDouble(), c.hex);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("exists") : QStringLiteral("missing");
    if (v.isArray()) {
        // a list of flags: `ct state established,related`
        QStringList parts;
        for (const QJsonValue &x : v.toArray())
            parts << expr(x, c);
        return parts.join(QLatin1Char(','));
    }
    if (!v.isObject())
        return compact(v);
    const QJsonObject o = v.toObject();
    if (o.isEmpty())
        return compact(v);
    const QString k = o.begin().key();
    const QJsonValue body = o.begin().value();
    const QJsonObject b = body.toObject();
    if (k == QLatin1String("payload")) {
        if (b.contains(QLatin1String("protocol")))
            return b.value(QLatin1String("protocol")).toString() + QLatin1Char(' ') + b.value(QLatin1String("field")).toString();
        return QStringLiteral("@%1,%2,%3").arg(b.value(QLatin1String("base")).toString())
                .arg(b.value(QLatin1String("offset")).toInt()).arg(b.value(QLatin1String("len")).toInt());
    }
    if (k == QLatin1String("meta")) {
        const QString key = b.value(QLatin1String("key")).toString();
        static const char *const bare[] = {"iif", "oif", "iifname", "oifname", "iifgroup", "oifgroup"};
        for (const char *u : bare)
            if (key == QLatin1String(u))
                return key;
        return QStringLiteral("meta ") + key;
    }
    if (k == QLatin1String("ct")) {
        QString out = QStringLiteral("ct ");
        if (b.contains(QLatin1String("dir")))
            out += b.value(QLatin1String("dir")).toString() + QLatin1Char(' ');
        if (b.contains(QLatin1String("family")))
            out += b.value(QLatin1String("family")).toString() + QLatin1Char(' ');
        return out + b.value(QLatin1String("key")).toString();
    }
    if (k == QLatin1String("fib")) {
        QStringList flags = JsonText::strings(b.value(QLatin1String("flags")));
        // nft prints them in this order whatever the JSON's
        static const char *const order[] = {"saddr", "daddr", "mark", "iif", "oif"};
        QStringList sorted;
        for (const char *f : order)
            if (flags.contains(QLatin1String(f)))
                sorted << QLatin1String(f);
        return QStringLiteral("fib ") + sorted.join(QStringLiteral(" . ")) + QLatin1Char(' ') + b.value(QLatin1String("result")).toString();
    }
    if (k == QLatin1String("numgen")) {
        QString out = QStringLiteral("numgen %1 mod %2").arg(b.value(QLatin1String("mode")).toString()).arg(b.value(QLatin1String("mod")).toInt());
        if (const int off = b.value(QLatin1String("offset")).toInt(); off)
            out += QStringLiteral(" offset %1").arg(off);
        return out;
    }
    if (k == QLatin1String("jhash") || k == QLatin1String("symhash")) {
        QString out = k;
        if (b.contains(QLatin1String("expr")))
            out += QLatin1Char(' ') + expr(b.value(QLatin1String("expr")), {});
        out += QStringLiteral(" mod %1").arg(b.value(QLatin1String("mod")).toInt());
        if (b.contains(QLatin1String("seed")))
            out += QStringLiteral(" seed 0x%1").arg(quint64(b.value(QLatin1String("seed")).toDouble()), 0, 16);
        if (const int off = b.value(QLatin1String("offset")).toInt(); off)
            out += QStringLiteral(" offset %1").arg(off);
        return out;
    }
    if (k == QLatin1String("concat")) {
        QStringList parts;
        for (const QJsonValue &x : body.toArray())
            parts << expr(x, c);
        return parts.join(QStringLiteral(" . "));
    }
    if (k == QLatin1String("set")) {
        const QJsonArray a = body.isArray() ? body.toArray() : QJsonArray{body};
        QStringList parts;
        for (const QJsonValue &x : a)
            parts << element(x, c);
        return QStringLiteral("{ ") + parts.join(QStringLiteral(", ")) + QStringLiteral(" }");
    }
    if (k == QLatin1String("elem"))
        return expr(b.value(QLatin1String("val")), c);
    if (k == QLatin1String("prefix"))
        return expr(b.value(QLatin1String("addr")), c) + QLatin1Char('/') + QString::number(b.value(QLatin1String("len")).toInt());
    if (k == QLatin1String("range")) {
        const QJsonArray a = body.toArray();
        return expr(a.at(0), c) + QLatin1Char('-') + expr(a.at(1), c);
    }
    if (k == QLatin1String("&") || k == QLatin1String("|") || k == QLatin1String("^") || k == QLatin1String("<<")
        || k == QLatin1String(">>")) {
        const QJsonArray a = body.toArray();
        const Context inner = contextOf(a.at(0));
        return expr(a.at(0), {}) + QLatin1Char(' ') + k + QLatin1Char(' ') + expr(a.at(1), inner);
    }
    if (k == QLatin1String("map") || k == QLatin1String("vmap")) {
        return expr(b.value(QLatin1String("key")), {}) + QLatin1Char(' ') + k + QLatin1Char(' ')
                + expr(b.value(QLatin1String("data")), contextOf(b.value(QLatin1String("key"))));
    }
    if (k == QLatin1String("tcp option"))
        return QStringLiteral("tcp option %1 %2").arg(b.value(QLatin1String("name")).toString(), b.value(QLatin1String("field")).toString())
                .trimmed();
    if (k == QLatin1String("socket"))
        return QStringLiteral("socket ") + b.value(QLatin1String("key")).toString();
    if (k == QLatin1String("rt"))
        return QStringLiteral("rt ") + (b.contains(QLatin1String("family")) ? b.value(QLatin1String("family")).toString() + QLatin1Char(' ') : QString())
                + b.value(QLatin1String("key")).toString();
    if (const QString verdict = verdictText(o); !verdict.isEmpty())
        return verdict;
    return compact(v);
}

QString natText(const QString &kind, const QJsonObject &b)
{
    QString out = kind;
    const QJsonValue addr = b.value(QLatin1String("addr"));
    const QJsonValue port = b.value(QLatin1String("port"));
    if (!addr.isUndefined() || !port.isUndefined()) {
        if (b.contains(QLatin1String("family")))
            out += QLatin1Char(' ') + b.value(QLatin1String("family")).toString();
        out += QStringLiteral(" to ");
        if (!addr.isUndefined()) {
            const QString a = expr(addr, {});
            // an IPv6 address with a port is bracketed: [fd00::1]:80
            const bool bracket = !port.isUndefined() && addr.isString() && a.contains(QLatin1Char(':'));
            out += bracket ? QLatin1Char('[') + a + QLatin1Char(']') : a;
        }
        if (!port.isUndefined())
            out += QLatin1Char(':') + expr(port, {});
    }
    const QStringList flags = JsonText::strings(b.value(QLatin1String("flags")));
    if (!flags.isEmpty())
        out += QLatin1Char(' ') + flags.join(QLatin1Char(','));
    return out;
}

} // namespace

QStringList JsonText::strings(const QJsonValue &v)
{
    QStringList out;
    if (v.isArray())
        for (const QJsonValue &x : v.toArray())
            out << x.toString();
    else if (v.isString())
        out << v.toString();
    return out;
}

QString JsonText::expression(const QJsonValue &v, bool quoteStrings, bool hexNumbers)
{
    return expr(v, {quoteStrings, hexNumbers});
}

QString JsonText::statement(const QJsonObject &st, const QString &family)
{
    if (st.isEmpty())
        return compact(st);
    const QString k = st.begin().key();
    const QJsonValue body = st.begin().value();
    const QJsonObject b = body.toObject();
    if (k == QLatin1String("match")) {
        const QJsonValue left = b.value(QLatin1String("left"));
        const QString op = b.value(QLatin1String("op")).toString();
        const QJsonValue right = b.value(QLatin1String("right"));
        const Context c = contextOf(left);
        QString out = expr(left, {});
        const bool binop = left.isObject() && !left.toObject().isEmpty()
                && QStringList{QStringLiteral("&"), QStringLiteral("|"), QStringLiteral("^")}.contains(left.toObject().begin().key());
        if (right.isBool()) {
            // `fib ... oif missing`, `exists`; `!=` inverts
            return out + QLatin1Char(' ') + ((right.toBool() != (op == QLatin1String("!="))) ? QStringLiteral("exists") : QStringLiteral("missing"));
        }
        if (binop && op == QLatin1String("==") && left.toObject().begin().key() == QLatin1String("&")) {
            // flags under a mask: `tcp flags syn / fin,syn,rst,ack`
            const QJsonArray a = left.toObject().begin().value().toArray();
            if (a.at(1).isArray() || (a.at(1).isString() && !a.at(1).toString().contains(QLatin1Char('.'))))
                return expr(a.at(0), {}) + QLatin1Char(' ') + expr(right, c) + QStringLiteral(" / ") + expr(a.at(1), c);
        }
        if (op == QLatin1String("==") && binop)
            out += QStringLiteral(" ==");
        else if (op != QLatin1String("==") && op != QLatin1String("in"))
            out += QLatin1Char(' ') + op;
        return out + QLatin1Char(' ') + expr(right, c);
    }
    if (const QString verdict = verdictText(st); !verdict.isEmpty())
        return verdict;
    if (k == QLatin1String("counter")) {
        if (body.isString())
            return QStringLiteral("counter name ") + quoted(body.toString());
        if (body.isNull())
            return QStringLiteral("counter");
        return QStringLiteral("counter packets %1 bytes %2")
                .arg(quint64(b.value(QLatin1String("packets")).toDouble()))
                .arg(quint64(b.value(QLatin1String("bytes")).toDouble()));
    }
    if (k == QLatin1String("log")) {
        QString out = QStringLiteral("log");
        if (b.contains(QLatin1String("prefix")))
            out += QStringLiteral(" prefix ") + quoted(b.value(QLatin1String("prefix")).toString());
        for (const char *num : {"group", "snaplen", "queue-threshold"})
            if (b.contains(QLatin1String(num)))
                out += QLatin1Char(' ') + QLatin1String(num) + QLatin1Char(' ') + QString::number(b.value(QLatin1String(num)).toInt());
        if (b.contains(QLatin1String("level")))
            out += QStringLiteral(" level ") + b.value(QLatin1String("level")).toString();
        const QStringList flags = JsonText::strings(b.value(QLatin1String("flags")));
        if (!flags.isEmpty())
            out += QStringLiteral(" flags ") + flags.join(QLatin1Char(','));
        return out;
    }
    if (k == QLatin1String("limit")) {
        QString out = QStringLiteral("limit rate ");
        if (b.value(QLatin1String("inv")).toBool())
            out += QStringLiteral("over ");
        const QString unit = b.value(QLatin1String("rate_unit")).toString();
        out += QString::number(quint64(b.value(QLatin1String("rate")).toDouble()));
        if (!unit.isEmpty() && unit != QLatin1String("packets"))
            out += QLatin1Char(' ') + unit;
        out += QLatin1Char('/') + b.value(QLatin1String("per")).toString();
        const QString bu = b.value(QLatin1String("burst_unit")).toString();
        const bool bytes = !unit.isEmpty() && unit != QLatin1String("packets");
        // nft leaves out a packet limit's default burst of 5
        if (const quint64 burst = quint64(b.value(QLatin1String("burst")).toDouble()); burst && (bytes || burst != 5)) {
            out += QStringLiteral(" burst %1 %2").arg(burst).arg(bu.isEmpty() ? QStringLiteral("packets") : bu);
        }
        return out;
    }
    if (k == QLatin1String("quota")) {
        QString out = QStringLiteral("quota ");
        if (b.value(QLatin1String("inv")).toBool())
            out += QStringLiteral("over ");
        out += QStringLiteral("%1 %2").arg(quint64(b.value(QLatin1String("val")).toDouble())).arg(b.value(QLatin1String("val_unit")).toString());
        if (const quint64 used = quint64(b.value(QLatin1String("used")).toDouble()); used)
            out += QStringLiteral(" used %1 %2").arg(used).arg(b.value(QLatin1String("used_unit")).toString());
        return out;
    }
    if (k == QLatin1String("reject")) {
        if (body.isNull() || b.isEmpty())
            return QStringLiteral("reject");
        const QString type = b.value(QLatin1String("type")).toString();
        const QString what = b.value(QLatin1String("expr")).toString();
        // The default for the table's family is not printed (an inet table's is icmpx; a rule
        // narrowed to IPv4 there says `with icmp port-unreachable`).
        const bool byDefault = what == QLatin1String("port-unreachable")
                && ((type == QLatin1String("icmpx") && family == QLatin1String("inet")) || (type == QLatin1String("icmp") && family == QLatin1String("ip"))
                    || (type == QLatin1String("icmpv6") && family == QLatin1String("ip6")) || family.isEmpty());
        if (byDefault)
            return QStringLiteral("reject");
        return (QStringLiteral("reject with ") + type + (what.isEmpty() ? QString() : QLatin1Char(' ') + what)).trimmed();
    }
    if (k == QLatin1String("dnat") || k == QLatin1String("snat") || k == QLatin1String("masquerade") || k == QLatin1String("redirect"))
        return natText(k, b);
    if (k == QLatin1String("mangle")) {
        const QJsonValue key = b.value(QLatin1String("key"));
        return expr(key, {}) + QStringLiteral(" set ") + expr(b.value(QLatin1String("value")), contextOf(key));
    }
    if (k == QLatin1String("vmap"))
        return expr(st, {});
    if (k == QLatin1String("notrack"))
        return k;
    if (k == QLatin1String("xt"))
        return QStringLiteral("xt %1 %2").arg(b.value(QLatin1String("type")).toString(), quoted(b.value(QLatin1String("name")).toString()));
    if (k == QLatin1String("set")) {
        // `update @name { ip saddr }`
        return QStringLiteral("%1 %2 { %3 }").arg(b.value(QLatin1String("op")).toString(), b.value(QLatin1String("set")).toString(),
                                                  expr(b.value(QLatin1String("elem")), {}));
    }
    if (k == QLatin1String("queue")) {
        QString out = QStringLiteral("queue");
        const QStringList flags = JsonText::strings(b.value(QLatin1String("flags")));
        if (!flags.isEmpty())
            out += QStringLiteral(" flags ") + flags.join(QLatin1Char(','));
        if (b.contains(QLatin1String("num")))
            out += QStringLiteral(" to ") + expr(b.value(QLatin1String("num")), {});
        return out;
    }
    return compact(st);
}

QString JsonText::rule(const QJsonArray &expr, const QString &comment, const QString &family)
{
    QStringList parts;
    for (const QJsonValue &st : expr)
        parts << statement(st.toObject(), family);
    if (!comment.isEmpty())
        parts << QStringLiteral("comment ") + quoted(comment);
    return parts.join(QLatin1Char(' '));
}

} // namespace chainscope::nft
