#include "bridges.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

namespace chainscope {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::Bridges)
};

} // namespace

void Bridges::addPort(const QString &port, const QString &bridge)
{
    if (port.isEmpty() || bridge.isEmpty())
        return;
    for (auto &p : m_ports) {
        if (p.first == port) {
            p.second = bridge;
            return;
        }
    }
    m_ports.emplace_back(port, bridge);
}

QString Bridges::bridgeOf(const QString &port) const
{
    for (const auto &p : m_ports) {
        if (p.first == port)
            return p.second;
    }
    return {};
}

bool Bridges::isBridge(const QString &dev) const
{
    for (const auto &p : m_ports) {
        if (p.second == dev)
            return true;
    }
    return false;
}

QStringList Bridges::ports(const QString &bridge) const
{
    QStringList out;
    for (const auto &p : m_ports) {
        if (p.second == bridge)
            out << p.first;
    }
    return out;
}

bool Bridges::parse(const QByteArray &text, const QString &file, std::vector<Diagnostic> &diags)
{
    const QByteArray trimmed = text.trimmed();
    if (trimmed.startsWith('[')) {
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &perr);
        if (!doc.isArray()) {
            const QByteArray before = trimmed.left(perr.offset);
            diags.push_back({Diagnostic::Error, file, int(before.count('\n')) + 1, int(perr.offset - before.lastIndexOf('\n')),
                             Tr::tr("expected the JSON array of `ip -j link` or `bridge -j link`: %1").arg(perr.errorString())});
            return false;
        }
        for (const QJsonValue &v : doc.array()) {
            const QJsonObject o = v.toObject();
            addPort(o.value(QLatin1String("ifname")).toString(), o.value(QLatin1String("master")).toString());
        }
        return true;
    }
    // `ip link`, `ip -o link` and `bridge link`: "N: DEV[@PEER]: <FLAGS> ... master BR ...".
    const QList<QByteArray> lines = text.split('\n');
    int links = 0;
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray raw = lines[i];
        if (raw.isEmpty() || raw.startsWith(' ') || raw.startsWith('\t'))
            continue;   // link/ether, altname and the like
        const QList<QByteArray> w = raw.simplified().split(' ');
        if (w.size() < 2 || !w[0].endsWith(':'))
            continue;
        bool isNum = false;
        w[0].left(w[0].size() - 1).toInt(&isNum);
        if (!isNum)
            continue;
        ++links;
        QByteArray name = w[1];
        if (name.endsWith(':'))
            name.chop(1);
        const int at = name.indexOf('@');
        if (at >= 0)
            name.truncate(at);
        for (int k = 2; k + 1 < w.size(); ++k) {
            if (w[k] == "master")
                addPort(QString::fromUtf8(name), QString::fromUtf8(w[k + 1]));
        }
    }
    if (links == 0) {
        diags.push_back({Diagnostic::Error, file, 1, 1,
                         Tr::tr("no links found: expected `ip link`, `ip -j link` or `bridge link` output")});
        return false;
    }
    return true;
}

} // namespace chainscope
