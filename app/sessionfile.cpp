#include "sessionfile.h"
#include "text.h"

#include "tracejson.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace chainscope {

namespace {
constexpr char Format[] = "chainscope-session";
constexpr qint64 MaxEmbedBytes = 256ll * 1024 * 1024;

const char *const EditKinds[] = {"insert", "policy", "remove", "replace"};
const char *const AnchorKinds[] = {"point", "chain", "rule", "step"};

/** Strict typed reads: the first wrong field makes the whole file refused. */
class Reader
{
public:
    QString error;

    bool fail(const QString &where, const QString &what)
    {
        if (error.isEmpty())
            error = SessionFile::tr("\"%1\": %2").arg(where, what);
        return false;
    }
    bool string(const QJsonObject &o, const QString &where, const char *key, QString &out, bool required = true)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return true;
        if (!v.isString())
            return fail(where + QLatin1String(key), SessionFile::tr("expected a string"));
        out = v.toString();
        return true;
    }
    bool integer(const QJsonObject &o, const QString &where, const char *key, int &out, int min, int max, bool required = true)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return true;
        const double d = v.toDouble();
        if (!v.isDouble() || d != std::floor(d) || d < min || d > max)
            return fail(where + QLatin1String(key), SessionFile::tr("expected a whole number from %1 to %2").arg(min).arg(max));
        out = int(d);
        return true;
    }
    bool number(const QJsonObject &o, const QString &where, const char *key, double &out, bool required = true)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return true;
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            return fail(where + QLatin1String(key), SessionFile::tr("expected a number"));
        out = v.toDouble();
        return true;
    }
    bool boolean(const QJsonObject &o, const QString &where, const char *key, bool &out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!v.isBool())
            return fail(where + QLatin1String(key), SessionFile::tr("expected true or false"));
        out = v.toBool();
        return true;
    }
    bool object(const QJsonObject &o, const QString &where, const char *key, QJsonObject &out, bool required = true)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return true;
        if (!v.isObject())
            return fail(where + QLatin1String(key), SessionFile::tr("expected an object"));
        out = v.toObject();
        return true;
    }
    bool array(const QJsonObject &o, const QString &where, const char *key, QJsonArray &out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!v.isArray())
            return fail(where + QLatin1String(key), SessionFile::tr("expected an array"));
        out = v.toArray();
        return true;
    }
    template<size_t N>
    bool keyword(const QJsonObject &o, const QString &where, const char *key, const char *const (&names)[N], int &out)
    {
        QString s;
        if (!string(o, where, key, s))
            return false;
        for (size_t i = 0; i < N; ++i)
            if (s == QLatin1String(names[i])) {
                out = int(i);
                return true;
            }
        return fail(where + QLatin1String(key), SessionFile::tr("unknown value \"%1\"").arg(s));
    }
    bool table(const QJsonObject &o, const QString &where, TableId &out)
    {
        QString s;
        if (!string(o, where, "table", s))
            return false;
        if (!tableFromName(s.toStdString(), out))
            return fail(where + QLatin1String("table"), SessionFile::tr("unknown table \"%1\"").arg(s));
        return true;
    }
};
} // namespace

QByteArray SessionFile::toJson(const SessionData &d)
{
    QJsonObject root;
    root.insert(QStringLiteral("format"), QLatin1String(Format));
    root.insert(QStringLiteral("version"), Version);
    root.insert(QStringLiteral("generator"), QStringLiteral("Chainscope " CHAINSCOPE_VERSION));

    QJsonObject sc;
    sc.insert(QStringLiteral("path"), d.scenarioPath);
    if (!d.scenarioName.isEmpty())
        sc.insert(QStringLiteral("name"), d.scenarioName);
    if (d.embedded) {
        sc.insert(QStringLiteral("embedded"), true);
        sc.insert(QStringLiteral("single_file"), d.singleFile);
        QJsonArray files;
        for (const SessionData::File &f : d.files) {
            QJsonObject fo;
            fo.insert(QStringLiteral("path"), f.path);
            fo.insert(QStringLiteral("text"), QString::fromUtf8(f.text));
            files.append(fo);
        }
        sc.insert(QStringLiteral("files"), files);
    }
    root.insert(QStringLiteral("scenario"), sc);

    QJsonArray edits;
    for (const Edit &e : d.edits) {
        QJsonObject eo;
        eo.insert(QStringLiteral("kind"), QLatin1String(EditKinds[e.kind]));
        eo.insert(QStringLiteral("node"), e.node);
        if (e.isNft()) {
            eo.insert(QStringLiteral("nft_table"), e.nftTable);
            if (e.nftHandle >= 0)
                eo.insert(QStringLiteral("handle"), e.nftHandle);
        } else {
            eo.insert(QStringLiteral("table"), tableKey(e.table));
        }
        eo.insert(QStringLiteral("chain"), e.chain);
        eo.insert(QStringLiteral("position"), e.position);
        if (e.kind == Edit::Insert || e.kind == Edit::Replace)
            eo.insert(QStringLiteral("rule"), e.ruleText);
        if (e.kind == Edit::Policy)
            eo.insert(QStringLiteral("policy"), e.policyDrop ? QStringLiteral("DROP") : QStringLiteral("ACCEPT"));
        edits.append(eo);
    }
    root.insert(QStringLiteral("edits"), edits);

    QJsonArray notes;
    for (const Note &n : d.notes) {
        QJsonObject no;
        no.insert(QStringLiteral("id"), n.id);
        no.insert(QStringLiteral("text"), n.text);
        QJsonObject a;
        a.insert(QStringLiteral("kind"), QLatin1String(AnchorKinds[n.anchor.kind]));
        a.insert(QStringLiteral("node"), n.anchor.node);
        if (n.anchor.nftTable.isEmpty())
            a.insert(QStringLiteral("table"), tableKey(n.anchor.table));
        else
            a.insert(QStringLiteral("nft_table"), n.anchor.nftTable);
        a.insert(QStringLiteral("chain"), n.anchor.chain);
        a.insert(QStringLiteral("rule"), n.anchor.rule);
        a.insert(QStringLiteral("rule_text"), n.anchor.ruleText);
        a.insert(QStringLiteral("step"), n.anchor.step);
        a.insert(QStringLiteral("x"), n.anchor.point.x());
        a.insert(QStringLiteral("y"), n.anchor.point.y());
        no.insert(QStringLiteral("anchor"), a);
        no.insert(QStringLiteral("dx"), n.offset.x());
        no.insert(QStringLiteral("dy"), n.offset.y());
        notes.append(no);
    }
    root.insert(QStringLiteral("notes"), notes);

    if (d.packet) {
        QJsonObject p = TraceJson::packet(*d.packet);
        p.insert(QStringLiteral("tcp_flags"), d.packet->tcpFlags);
        p.insert(QStringLiteral("length"), int(d.packet->length));
        p.insert(QStringLiteral("icmp_type"), d.packet->icmpType);
        p.insert(QStringLiteral("icmp_code"), d.packet->icmpCode);
        if (!p.contains(QStringLiteral("dport")))
            p.insert(QStringLiteral("dport"), d.packet->dport);
        if (!p.contains(QStringLiteral("sport")))
            p.insert(QStringLiteral("sport"), d.packet->sport);
        root.insert(QStringLiteral("packet"), p);
        QJsonObject b;
        b.insert(QStringLiteral("dst"), d.branchDst);
        b.insert(QStringLiteral("pinned"), d.pinned);
        b.insert(QStringLiteral("pins"), QJsonArray::fromStringList(d.pins));
        root.insert(QStringLiteral("branch"), b);
    }
    if (d.hasView) {
        QJsonObject v;
        v.insert(QStringLiteral("node"), d.viewNode);
        v.insert(QStringLiteral("zoom"), d.zoom);
        v.insert(QStringLiteral("x"), d.centre.x());
        v.insert(QStringLiteral("y"), d.centre.y());
        root.insert(QStringLiteral("view"), v);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool SessionFile::save(const QString &path, const SessionData &data, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson(data)) < 0 || !file.commit()) {
        if (error)
            *error = tr("%1: cannot save the session: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool SessionFile::load(const QString &path, SessionData &data, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("%1: cannot read: %2").arg(path, file.errorString());
        return false;
    }
    return parse(file.readAll(), path, data, error);
}

bool SessionFile::isSession(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.isFile())
        return false;
    if (fi.suffix().compare(QLatin1String("chainscope"), Qt::CaseInsensitive) == 0)
        return true;
    // A session saved without the suffix: a JSON object naming the format near its start
    // (keys are written in order, so an embedded scenario's files may push it further).
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(4096);
    return head.trimmed().startsWith('{') && head.contains(Format);
}

bool SessionFile::parse(const QByteArray &json, const QString &path, SessionData &out, QString *error)
{
    auto refuse = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(pe.offset);
        const int line = int(before.count('\n')) + 1;
        const int column = int(pe.offset - (before.lastIndexOf('\n') + 1)) + 1;
        return refuse(tr("%1:%2:%3: not a valid session file: %4").arg(path).arg(line).arg(column).arg(pe.errorString()));
    }
    if (!doc.isObject())
        return refuse(tr("%1: not a session file: expected a JSON object").arg(path));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String(Format))
        return refuse(tr("%1: not a Chainscope session (\"format\" is not \"%2\")").arg(path, QLatin1String(Format)));
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() < 1 || version.toDouble() != std::floor(version.toDouble()))
        return refuse(tr("%1: \"version\": expected a whole number").arg(path));
    if (version.toDouble() > Version)
        return refuse(tr("%1: the session was written by a newer Chainscope (format version %2; this version reads %3)")
                          .arg(path)
                          .arg(version.toInt())
                          .arg(Version));

    Reader r;
    SessionData d;
    QJsonObject sc;
    if (!r.object(root, QString(), "scenario", sc) || !r.string(sc, QStringLiteral("scenario."), "path", d.scenarioPath)
        || !r.string(sc, QStringLiteral("scenario."), "name", d.scenarioName, false)
        || !r.boolean(sc, QStringLiteral("scenario."), "embedded", d.embedded)
        || !r.boolean(sc, QStringLiteral("scenario."), "single_file", d.singleFile))
        return refuse(path + QLatin1String(": ") + r.error);
    if (d.embedded) {
        QJsonArray files;
        if (!r.array(sc, QStringLiteral("scenario."), "files", files))
            return refuse(path + QLatin1String(": ") + r.error);
        if (files.isEmpty())
            return refuse(tr("%1: \"scenario.files\": an embedded scenario needs its files").arg(path));
        for (int i = 0; i < files.size(); ++i) {
            const QString where = QStringLiteral("scenario.files[%1].").arg(i);
            if (!files[i].isObject())
                return refuse(tr("%1: \"%2\": expected an object").arg(path, where.chopped(1)));
            SessionData::File f;
            QString text;
            if (!r.string(files[i].toObject(), where, "path", f.path) || !r.string(files[i].toObject(), where, "text", text))
                return refuse(path + QLatin1String(": ") + r.error);
            const QString clean = QDir::cleanPath(f.path);
            if (clean.isEmpty() || QDir::isAbsolutePath(clean) || clean.startsWith(QLatin1String("..")))
                return refuse(tr("%1: \"%2path\": must be a relative path inside the scenario, found \"%3\"").arg(path, where, f.path));
            f.path = clean;
            f.text = text.toUtf8();
            d.files.append(f);
        }
    } else if (d.scenarioPath.isEmpty()) {
        return refuse(tr("%1: \"scenario.path\": names no scenario").arg(path));
    }

    QJsonArray edits;
    if (!r.array(root, QString(), "edits", edits))
        return refuse(path + QLatin1String(": ") + r.error);
    for (int i = 0; i < edits.size(); ++i) {
        const QString where = QStringLiteral("edits[%1].").arg(i);
        if (!edits[i].isObject())
            return refuse(tr("%1: \"%2\": expected an object").arg(path, where.chopped(1)));
        const QJsonObject eo = edits[i].toObject();
        Edit e;
        int kind = 0;
        // An nft edit names its table as nft does ("inet firewalld") under "nft_table".
        const bool nftEdit = eo.contains(QStringLiteral("nft_table"));
        if (nftEdit) {
            if (!r.string(eo, where, "nft_table", e.nftTable))
                return refuse(path + QLatin1String(": ") + r.error);
            if (e.nftTable.simplified().count(QLatin1Char(' ')) != 1)
                return refuse(tr("%1: \"%2nft_table\": expected FAMILY NAME, found \"%3\"").arg(path, where, e.nftTable));
            e.nftHandle = eo.value(QStringLiteral("handle")).toInt(-1);
        }
        if (!r.keyword(eo, where, "kind", EditKinds, kind) || !r.string(eo, where, "node", e.node) || (!nftEdit && !r.table(eo, where, e.table))
            || !r.string(eo, where, "chain", e.chain) || !r.integer(eo, where, "position", e.position, 0, 1 << 24))
            return refuse(path + QLatin1String(": ") + r.error);
        e.kind = Edit::Kind(kind);
        if ((e.kind == Edit::Insert || e.kind == Edit::Replace) && !r.string(eo, where, "rule", e.ruleText))
            return refuse(path + QLatin1String(": ") + r.error);
        if (e.kind == Edit::Policy) {
            QString p;
            if (!r.string(eo, where, "policy", p))
                return refuse(path + QLatin1String(": ") + r.error);
            p = p.toUpper();
            if (p != QLatin1String("DROP") && p != QLatin1String("ACCEPT"))
                return refuse(tr("%1: \"%2policy\": expected ACCEPT or DROP, found \"%3\"").arg(path, where, p));
            e.policyDrop = p == QLatin1String("DROP");
        }
        d.edits.push_back(e);
    }

    QJsonArray notes;
    if (!r.array(root, QString(), "notes", notes))
        return refuse(path + QLatin1String(": ") + r.error);
    for (int i = 0; i < notes.size(); ++i) {
        const QString where = QStringLiteral("notes[%1].").arg(i);
        if (!notes[i].isObject())
            return refuse(tr("%1: \"%2\": expected an object").arg(path, where.chopped(1)));
        const QJsonObject no = notes[i].toObject();
        Note n;
        QJsonObject a;
        int kind = 0;
        double x = 0, y = 0, dx = 0, dy = 0;
        const QString aw = where + QLatin1String("anchor.");
        if (!r.integer(no, where, "id", n.id, 1, 1 << 30) || !r.string(no, where, "text", n.text)
            || !r.object(no, where, "anchor", a))
            return refuse(path + QLatin1String(": ") + r.error);
        // A note on an nft chain names its table as nft does, as an nft edit does.
        const bool nftAnchor = a.contains(QStringLiteral("nft_table"));
        if (nftAnchor) {
            if (!r.string(a, aw, "nft_table", n.anchor.nftTable))
                return refuse(path + QLatin1String(": ") + r.error);
            if (n.anchor.nftTable.simplified().count(QLatin1Char(' ')) != 1)
                return refuse(tr("%1: \"%2nft_table\": expected FAMILY NAME, found \"%3\"").arg(path, aw, n.anchor.nftTable));
        }
        if (!r.keyword(a, aw, "kind", AnchorKinds, kind)
            || !r.string(a, aw, "node", n.anchor.node) || (!nftAnchor && !r.table(a, aw, n.anchor.table))
            || !r.string(a, aw, "chain", n.anchor.chain) || !r.integer(a, aw, "rule", n.anchor.rule, 0, 1 << 24)
            || !r.string(a, aw, "rule_text", n.anchor.ruleText) || !r.integer(a, aw, "step", n.anchor.step, -1, 1 << 30)
            || !r.number(a, aw, "x", x) || !r.number(a, aw, "y", y) || !r.number(no, where, "dx", dx)
            || !r.number(no, where, "dy", dy))
            return refuse(path + QLatin1String(": ") + r.error);
        n.anchor.kind = NoteAnchor::Kind(kind);
        n.anchor.point = QPointF(x, y);
        n.offset = QPointF(dx, dy);
        for (const Note &other : std::as_const(d.notes))
            if (other.id == n.id)
                return refuse(tr("%1: \"%2id\": note id %3 is used twice").arg(path, where).arg(n.id));
        d.notes.append(n);
    }

    if (root.contains(QStringLiteral("packet"))) {
        QJsonObject po;
        if (!r.object(root, QString(), "packet", po))
            return refuse(path + QLatin1String(": ") + r.error);
        PacketSpec spec;
        QString perr;
        if (!packetFromJson(po, spec, perr))
            return refuse(tr("%1: \"packet\": %2").arg(path, perr));
        int flags = spec.tcpFlags;
        if (!r.integer(po, QStringLiteral("packet."), "tcp_flags", flags, 0, 255, false))
            return refuse(path + QLatin1String(": ") + r.error);
        spec.tcpFlags = quint8(flags);
        d.packet = spec;
        QJsonObject b;
        QJsonArray pins;
        if (!r.object(root, QString(), "branch", b, false) || !r.string(b, QStringLiteral("branch."), "dst", d.branchDst, false)
            || !r.boolean(b, QStringLiteral("branch."), "pinned", d.pinned) || !r.array(b, QStringLiteral("branch."), "pins", pins))
            return refuse(path + QLatin1String(": ") + r.error);
        for (int i = 0; i < pins.size(); ++i) {
            if (!pins[i].isString())
                return refuse(tr("%1: \"branch.pins[%2]\": expected a string").arg(path).arg(i));
            d.pins << pins[i].toString();
        }
    }
    if (root.contains(QStringLiteral("view"))) {
        QJsonObject v;
        double x = 0, y = 0;
        if (!r.object(root, QString(), "view", v) || !r.string(v, QStringLiteral("view."), "node", d.viewNode)
            || !r.number(v, QStringLiteral("view."), "zoom", d.zoom) || !r.number(v, QStringLiteral("view."), "x", x)
            || !r.number(v, QStringLiteral("view."), "y", y))
            return refuse(path + QLatin1String(": ") + r.error);
        if (d.zoom <= 0)
            return refuse(tr("%1: \"view.zoom\": expected a positive number").arg(path));
        d.centre = QPointF(x, y);
        d.hasView = true;
    }
    out = std::move(d);
    return true;
}

bool SessionFile::embedScenario(const QString &scenarioPath, SessionData &data, QString *error)
{
    QFileInfo info(scenarioPath);
    data.files.clear();
    data.embedded = true;
    auto read = [&](const QString &abs, const QString &rel) {
        QFile f(abs);
        if (!f.open(QIODevice::ReadOnly)) {
            if (error)
                *error = tr("%1: cannot read: %2").arg(abs, f.errorString());
            return false;
        }
        data.files.append({rel, f.readAll()});
        return true;
    };
    if (info.isFile() && info.fileName() != QLatin1String("scenario.json")) {
        data.singleFile = true;
        return read(info.absoluteFilePath(), info.fileName());
    }
    data.singleFile = false;
    const QDir root(info.isDir() ? info.absoluteFilePath() : info.absolutePath());
    qint64 total = 0;
    QDirIterator it(root.absolutePath(), QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    QStringList paths;
    while (it.hasNext())
        paths << it.next();
    paths.sort();
    for (const QString &abs : std::as_const(paths)) {
        const QString rel = root.relativeFilePath(abs);
        if (rel.startsWith(QLatin1Char('.')) || rel.contains(QLatin1String("/.")))
            continue;
        total += QFileInfo(abs).size();
        if (total > MaxEmbedBytes) {
            if (error)
                *error = tr("%1: the scenario is too large to embed (over %2 MB)").arg(root.absolutePath()).arg(MaxEmbedBytes >> 20);
            return false;
        }
        if (!read(abs, rel))
            return false;
    }
    return true;
}

QString SessionFile::materialize(const SessionData &data, const QString &dir, QString *error)
{
    const QDir root(dir);
    const QString sub = data.singleFile ? QString() : QStringLiteral("scenario");
    for (const SessionData::File &f : data.files) {
        const QString abs = root.filePath(sub.isEmpty() ? f.path : sub + QLatin1Char('/') + f.path);
        QDir().mkpath(QFileInfo(abs).absolutePath());
        QSaveFile out(abs);
        if (!out.open(QIODevice::WriteOnly) || out.write(f.text) < 0 || !out.commit()) {
            if (error)
                *error = tr("%1: cannot write: %2").arg(abs, out.errorString());
            return {};
        }
    }
    return data.singleFile ? root.filePath(data.files.front().path) : root.filePath(sub);
}

} // namespace chainscope
