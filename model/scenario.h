#pragma once

#include "diagnostic.h"
#include "nodecontext.h"
#include "packet.h"
#include "ruleset.h"

#include <QJsonObject>
#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace chainscope {

struct Node
{
    QString name;
    Ruleset rules;
    NodeContext context;
    std::vector<QString> ruleFiles;
    std::vector<QString> addressFiles;  // `ip addr` of both families (or one file each)
    std::vector<QString> routeFiles;    // `ip route`, `ip -6 route`
    std::vector<QString> ipRuleFiles;   // `ip rule`, `ip -6 rule`
    std::vector<QString> ipsetFiles;
    std::vector<QString> sysctlFiles;   // `sysctl -a` or `key = value` lines
    std::vector<QString> linkFiles;     // `ip -j link` / `bridge link`: bridge ports
    /** Files of the node's folder the engine does not read (yet), kept and listed. */
    std::vector<QString> keptFiles;
};

struct PacketPreset
{
    QString name;
    PacketSpec spec;
};

/** A fix the scenario knows: an --insert or --policy argument for one node. */
struct FixPreset
{
    QString name;
    QString node;
    QString insert;   // TABLE:CHAIN:POS:RULE
    QString policy;   // TABLE:CHAIN:VERDICT
};

/**
 * Nodes with their rules and context, packet presets and known fixes. Loaded from a
 * scenario folder, a scenario.json, or a single dump file (one node, no context).
 * Loading never writes to any input.
 */
class Scenario
{
public:
    QString name;
    QString path;              // the folder, or the single file
    std::vector<Node> nodes;
    std::vector<PacketPreset> packets;
    std::vector<FixPreset> fixes;
    std::vector<Diagnostic> diagnostics;

    int nodeIndex(const QString &name) const;
    /** "master, node02": for messages that name a node that is not there. */
    QString nodeNames() const;
    bool hasErrors() const;

    /** Progress: called with (done, total) units; return false to cancel. */
    using Progress = std::function<bool(qint64, qint64)>;
    /** Returns nullopt on errors or cancel; diagnostics say why (file, line, column). */
    static std::optional<Scenario> load(const QString &path, std::vector<Diagnostic> &diags,
                                        const Progress &progress = {});
    /**
     * One node per dump file, named after the file (more when a file holds the same table
     * twice). `tables` names the table of files whose dumps do not (`iptables -S`, `-L`),
     * as the user answered a "table-ambiguous" diagnostic; keyed by the path as given.
     */
    static std::optional<Scenario> fromFiles(const QStringList &files, std::vector<Diagnostic> &diags,
                                             const Progress &progress = {},
                                             const std::map<QString, TableId> &tables = {});
    /**
     * Loads `ipset save` / `ipset list` output into a node's context (the CLI's --ipset for a
     * single dump); false on errors, which diags name.
     */
    bool loadIpsets(int node, const QString &file, std::vector<Diagnostic> &diags);
};

/** Parses a packet preset object (scenario.json form); appends errors naming `where`. */
bool packetFromJson(const QJsonObject &o, PacketSpec &spec, QString &error);

} // namespace chainscope
