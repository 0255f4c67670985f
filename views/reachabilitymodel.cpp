#include "reachabilitymodel.h"

#include <QBrush>
#include <QFont>

#include <algorithm>

namespace chainscope {

namespace {

// Which change a cell shows when its flows changed in several ways: the worst news first.
int changePriority(int kind)
{
    switch (kind) {
    case AuditChange::Broken: return 5;
    case AuditChange::Opened: return 4;
    case AuditChange::Fixed: return 3;
    case AuditChange::Changed: return 2;
    case AuditChange::Added: return 1;
    default: return 0;
    }
}

QColor blend(const QColor &a, const QColor &b)
{
    return QColor((a.red() + b.red()) / 2, (a.green() + b.green()) / 2, (a.blue() + b.blue()) / 2);
}

} // namespace

ReachabilityModel::ReachabilityModel(QObject *parent)
    : QAbstractTableModel(parent), m_theme(Theme::light())
{}

void ReachabilityModel::setAudit(std::shared_ptr<const Scenario> scenario, std::shared_ptr<const AuditResult> result)
{
    beginResetModel();
    m_scenario = std::move(scenario);
    m_result = std::move(result);
    m_editedScenario.reset();
    m_edited.reset();
    m_changes.clear();
    rebuild();
    endResetModel();
}

void ReachabilityModel::setEdited(std::shared_ptr<const Scenario> scenario, std::shared_ptr<const AuditResult> result,
                                  std::vector<AuditChange> changes)
{
    beginResetModel();
    m_editedScenario = std::move(scenario);
    m_edited = std::move(result);
    m_changes = std::move(changes);
    if (!m_edited)
        m_changes.clear();
    rebuild();
    endResetModel();
}

void ReachabilityModel::setTheme(const Theme &theme)
{
    m_theme = theme;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void ReachabilityModel::rebuild()
{
    const AuditResult *r = shown();
    m_cellChange.clear();
    m_cellBefore.clear();
    m_rowDeciders.clear();
    m_rowChanges.clear();
    m_cellFate.clear();
    if (!r)
        return;
    const size_t ns = r->sources.size();
    m_cellFate.resize(r->targets.size() * ns, Fate::NotApplicable);
    for (size_t t = 0; t < r->targets.size(); ++t) {
        for (size_t s = 0; s < ns; ++s)
            m_cellFate[t * ns + s] = r->cellFate(int(t), int(s));
    }
    m_rowDeciders.resize(r->targets.size());
    for (const AuditFlow &f : r->flows) {
        for (const AuditBranch &b : f.branches) {
            if (b.decider >= 0)
                m_rowDeciders[size_t(f.target)].push_back(b.decider);
        }
    }
    for (auto &d : m_rowDeciders) {
        std::sort(d.begin(), d.end());
        d.erase(std::unique(d.begin(), d.end()), d.end());
    }
    m_cellChange.assign(r->targets.size() * ns, -1);
    m_cellBefore.assign(r->targets.size() * ns, quint8(Fate::NotApplicable));
    m_rowChanges.assign(r->targets.size(), 0);
    if (m_edited) {
        for (const AuditChange &c : m_changes) {
            if (c.after < 0)
                continue;
            const AuditFlow &f = r->flows[size_t(c.after)];
            qint8 &cell = m_cellChange[size_t(f.target) * ns + size_t(f.source)];
            if (cell < 0 || changePriority(c.kind) > changePriority(cell)) {
                cell = qint8(c.kind);
                m_cellBefore[size_t(f.target) * ns + size_t(f.source)] = quint8(c.fateBefore);
            }
            m_rowChanges[size_t(f.target)] |= quint8(1u << c.kind);
        }
    }
}

bool ReachabilityModel::rowHasDecider(int row, int decider) const
{
    if (row < 0 || size_t(row) >= m_rowDeciders.size())
        return false;
    const auto &d = m_rowDeciders[size_t(row)];
    return std::binary_search(d.begin(), d.end(), decider);
}

bool ReachabilityModel::rowHasChange(int row, int kind) const
{
    return row >= 0 && size_t(row) < m_rowChanges.size() && (m_rowChanges[size_t(row)] & (1u << kind));
}

bool ReachabilityModel::rowFails(int row) const
{
    const AuditResult *r = shown();
    if (!r || row < 0 || size_t(row) >= r->targets.size())
        return false;
    const size_t ns = r->sources.size();
    for (size_t s = 0; s < ns; ++s) {
        const Fate f = m_cellFate[size_t(row) * ns + s];
        if (f != Fate::All && f != Fate::NotApplicable)
            return true;
    }
    return false;
}

QString ReachabilityModel::symbol(Fate f)
{
    switch (f) {
    case Fate::All: return QStringLiteral("\u2713");      // ✓
    case Fate::Some: return QStringLiteral("\u00bd");     // ½
    case Fate::None: return QStringLiteral("\u2717");     // ✗
    case Fate::Uncertain: return QStringLiteral("?");
    case Fate::NotApplicable: return QString();
    }
    return {};
}

QString ReachabilityModel::fateWord(Fate f)
{
    switch (f) {
    case Fate::All: return tr("delivered on all endpoints");
    case Fate::Some: return tr("delivered on some endpoints");
    case Fate::None: return tr("delivered on none");
    case Fate::Uncertain: return tr("uncertain");
    case Fate::NotApplicable: return tr("not audited");
    }
    return {};
}

QString ReachabilityModel::changeWord(int kind)
{
    switch (kind) {
    case AuditChange::Fixed: return tr("fixed");
    case AuditChange::Opened: return tr("newly opened from outside");
    case AuditChange::Broken: return tr("newly broken");
    case AuditChange::Changed: return tr("changed");
    case AuditChange::Added: return tr("added");
    case AuditChange::Removed: return tr("gone");
    }
    return {};
}

int ReachabilityModel::rowCount(const QModelIndex &parent) const
{
    const AuditResult *r = shown();
    return parent.isValid() || !r ? 0 : int(r->targets.size());
}

int ReachabilityModel::columnCount(const QModelIndex &parent) const
{
    const AuditResult *r = shown();
    return parent.isValid() || !r ? 0 : int(r->sources.size()) + 1;
}

QString ReachabilityModel::tooltip(int target, int source) const
{
    const AuditResult *r = shown();
    const Scenario *sc = shownScenario();
    QStringList lines;
    for (int fi : r->cellFlows(target, source)) {
        const AuditFlow &f = r->flows[size_t(fi)];
        lines << r->describe(*sc, f) + QStringLiteral(": ") + fateWord(f.fate);
        for (const AuditBranch &b : f.branches) {
            const QString ep = b.endpoint.isNull() ? QString()
                                                   : b.endpoint.toString() + (b.endpointPort ? QLatin1Char(':') + QString::number(b.endpointPort) : QString());
            lines << QStringLiteral("  ") + ep + QStringLiteral(": ")
                            + (b.ok() ? tr("delivered") : b.decider >= 0 ? r->deciders[size_t(b.decider)].text(*sc) : tr("uncertain"));
        }
    }
    const qint8 change = m_cellChange[size_t(target) * r->sources.size() + size_t(source)];
    if (change >= 0)
        lines << tr("with the candidate rules: %1").arg(changeWord(change));
    return lines.join(QLatin1Char('\n'));
}

QVariant ReachabilityModel::data(const QModelIndex &index, int role) const
{
    const AuditResult *r = shown();
    if (!r || !index.isValid())
        return {};
    const int target = index.row();
    const int source = index.column() - 1;
    if (role == TargetRole)
        return target;
    if (role == SourceRole)
        return source;
    if (source < 0) {
        switch (role) {
        case Qt::DisplayRole:
        case SortRole:
            return r->targetLabel(target);
        case Qt::ToolTipRole:
            return r->targets[size_t(target)].key(*shownScenario());
        case FateRole:
            return -1;
        case ChangeRole:
            return m_rowChanges[size_t(target)] ? int(m_rowChanges[size_t(target)]) : -1;
        default:
            return {};
        }
    }
    const size_t cell = size_t(target) * r->sources.size() + size_t(source);
    const Fate fate = m_cellFate[cell];
    const qint8 change = m_cellChange[cell];
    switch (role) {
    case Qt::DisplayRole:
        if (change >= 0 && change != AuditChange::Added)
            return symbol(Fate(m_cellBefore[cell])) + QStringLiteral("\u2192") + symbol(fate);   // before -> now
        return symbol(fate);
    case Qt::AccessibleTextRole:
        return fateWord(fate) + (change >= 0 ? QStringLiteral(", ") + changeWord(change) : QString());
    case Qt::ToolTipRole:
        return tooltip(target, source);
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::BackgroundRole: {
        switch (fate) {
        case Fate::All: return QBrush(m_theme.verdictLook(Verdict::Delivered).row);
        case Fate::None: return QBrush(m_theme.verdictLook(Verdict::Drop).row);
        case Fate::Some: return QBrush(blend(m_theme.verdictLook(Verdict::Delivered).row, m_theme.verdictLook(Verdict::Drop).row));
        case Fate::Uncertain: return QBrush(m_theme.cautionRow);
        case Fate::NotApplicable: return {};
        }
        return {};
    }
    case Qt::ForegroundRole:
        switch (fate) {
        case Fate::All: return QBrush(m_theme.verdictLook(Verdict::Delivered).rowText);
        case Fate::None:
        case Fate::Some: return QBrush(m_theme.verdictLook(Verdict::Drop).rowText);
        case Fate::Uncertain: return QBrush(m_theme.cautionText);
        case Fate::NotApplicable: return {};
        }
        return {};
    case Qt::FontRole:
        if (change >= 0) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case FateRole:
        return int(fate);
    case ChangeRole:
        return int(change);
    case SortRole:
        // failures first when sorted ascending: none, some, uncertain, all, n/a
        switch (fate) {
        case Fate::None: return 0;
        case Fate::Some: return 1;
        case Fate::Uncertain: return 2;
        case Fate::All: return 3;
        case Fate::NotApplicable: return 4;
        }
        return 4;
    default:
        return {};
    }
}

QVariant ReachabilityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    const AuditResult *r = shown();
    if (orientation != Qt::Horizontal || !r)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        if (section == 0)
            return tr("Target");
        // Two short lines (the node, then host, pod or outside): a column stays narrow.
        const AuditSource &s = r->sources[size_t(section - 1)];
        const QString node = shownScenario()->nodes[size_t(s.node)].name;
        switch (s.kind) {
        case AuditSource::Host: return tr("%1\nhost").arg(node);
        case AuditSource::Pod: return tr("%1\npod").arg(node);
        case AuditSource::Outside: return tr("%1\noutside").arg(node);
        }
        return node;
    }
    if (role == Qt::ToolTipRole && section > 0)
        return r->sourceLabel(*shownScenario(), section - 1);
    return {};
}

} // namespace chainscope
