#pragma once

#include "scenario.h"
#include "trace.h"

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <vector>

namespace chainscope {

/** Where an audited flow starts: a node's host, a pod on the node, or a host outside the cluster. */
struct AuditSource
{
    enum Kind : quint8 { Host, Pod, Outside };
    Kind kind = Host;
    int node = 0;
    Address address;        // Pod, Outside: the packet's source; Host: null (the kernel picks)
    QString iface;          // Pod: the pod bridge (cni0); Outside: the uplink (eth0); Host: empty
    /** "master", "master/pod", "master/outside": stable across snapshots (node names). */
    QString key(const Scenario &sc) const;
};

/** What an audited flow goes to: a service port, a NodePort, or the pods of a node. */
struct AuditTarget
{
    enum Kind : quint8 { Service, NodePort, Pod };
    Kind kind = Service;
    QString name;           // "nginx-test/nginx-service" (the rule's comment), "pods on node02"
    Address address;        // Service: ClusterIP (or external IP); Pod: the pod; NodePort: null
    quint8 proto = ProtoTcp;
    quint16 port = 0;       // 0 for Pod (ICMP echo)
    int node = -1;          // Pod: the node of the pod
    int endpoints = 0;      // Service, NodePort: endpoints kube-proxy lists (first node that has it)
    /** "10.108.94.160:80/tcp", "nodeport:30080/tcp", "pod:node02". */
    QString key(const Scenario &sc) const;
};

/** How a flow fares over its endpoint branches. */
enum class Fate : quint8 {
    All,            // every branch delivered (or accepted locally)
    Some,           // some endpoints delivered, some not
    None,           // no branch delivered
    Uncertain,      // a branch the engine could not decide
    NotApplicable,  // no flow from this source to this target (outside -> ClusterIP)
};
QString fateName(Fate f);   // "all", "some", "none", "uncertain", "n/a" (JSON)

/** One branch (one endpoint, as kube-proxy's statistic cascade picks) of a flow. */
struct AuditBranch
{
    Verdict::Kind verdict = Verdict::Uncertain;
    bool uncertain = false;
    quint16 endpointPort = 0;
    float probability = 1.0f;
    Address endpoint;       // where the packet ended up going (after DNAT)
    int decider = -1;       // AuditResult::deciders, for branches that did not deliver
    bool ok() const { return !uncertain && (verdict == Verdict::Delivered || verdict == Verdict::AcceptLocal); }
    bool failed() const { return !uncertain && !ok() && verdict != Verdict::Uncertain && verdict != Verdict::Queue; }
};

/** One traced packet: a source, a target and (NodePort) the node whose address it is sent to. */
struct AuditFlow
{
    int source = 0;
    int target = 0;
    int viaNode = -1;       // NodePort: the node addressed; -1 otherwise
    Fate fate = Fate::Uncertain;
    std::vector<AuditBranch> branches;
};

/** The rule or policy (or routing) that ended failing branches, with how many it ended. */
struct AuditDecider
{
    int node = 0;
    Verdict::Kind kind = Verdict::Drop;
    TableId table = TableId::Filter;
    int chain = -1;         // -1: no chain (routing, forwarding disabled)
    int rule = 0;           // 1-based; 0: the policy
    int nftChain = -1;      // decided in an nftables chain (Verdict::nftChain); chain is then -1
    QString reason;         // Verdict::reason when there is no chain
    int branches = 0;       // branch flows it ended
    /** "node02 filter:FORWARD policy DROP", "master filter:KUBE-SERVICES:3 REJECT". */
    QString text(const Scenario &sc) const;
};

struct AuditOptions
{
    /** Worker threads; 0: one per core (QThread::idealThreadCount). */
    int threads = 0;
    bool nodePorts = true;
    bool pods = true;       // pod sources, and pods as targets (pod to pod across nodes)
    bool outside = true;    // a host on each node's uplink: to its NodePorts and its pods
    /** Called on the calling thread with (done, total) flows; return false to cancel. */
    std::function<bool(qint64, qint64)> progress;
};

/**
 * The cluster at a glance: every service (kube-proxy's KUBE-SERVICES and KUBE-NODEPORTS),
 * from every node's host and from a pod on every node, and pod to pod across nodes, each
 * traced with every endpoint branch; the fate of each (source, target) and the rules that
 * decided the failures. The scenario must outlive the result (deciders name its chains).
 */
struct AuditResult
{
    std::vector<AuditSource> sources;
    std::vector<AuditTarget> targets;
    std::vector<AuditFlow> flows;         // by target, then source, then viaNode
    std::vector<AuditDecider> deciders;   // most branches first
    /** Per target, per source: index of the first flow, -1 for none. */
    std::vector<int> cellFlow;
    bool cancelled = false;
    int threads = 1;
    double milliseconds = 0;

    int branchCount() const;
    /** The fate of a cell over its flows (NodePort: one flow per node addressed). */
    Fate cellFate(int target, int source) const;
    /** The flows of a cell. */
    std::vector<int> cellFlows(int target, int source) const;
    /** The packet a flow sends, as `chainscope-cli trace` and the window take it. */
    PacketSpec packet(const Scenario &sc, const AuditFlow &flow) const;
    /** "master pod 10.224.0.4 -> nginx-test/nginx-service 10.108.94.160:80/tcp". */
    QString describe(const Scenario &sc, const AuditFlow &flow) const;
    QString sourceLabel(const Scenario &sc, int source) const;
    QString targetLabel(int target) const;
};

/** A flow whose fate differs between two audits. */
struct AuditChange
{
    enum Kind : quint8 {
        Fixed,      // from inside the cluster: did not deliver (on every endpoint), now does (on more)
        Opened,     // from outside the cluster: was closed, now gets through
        Broken,     // delivered (on some endpoint) before, now delivers on fewer or none
        Changed,    // otherwise different (uncertain before or after)
        Added,      // only in the second audit (a new service, a new node)
        Removed,    // only in the first
    };
    Kind kind = Changed;
    int before = -1;        // flow index in the first audit, -1 for Added
    int after = -1;         // in the second, -1 for Removed
    Fate fateBefore = Fate::NotApplicable;
    Fate fateAfter = Fate::NotApplicable;
};
QString changeKindName(AuditChange::Kind k);   // "fixed", "opened", ... (JSON)

class Audit
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::Audit)
public:
    /** The sources and targets of a scenario, without tracing (cheap). */
    static AuditResult plan(const Scenario &sc, const AuditOptions &options = {});
    /** Plans and traces every flow on `options.threads` threads. */
    static AuditResult run(const Scenario &sc, const AuditOptions &options = {});
    /**
     * Flows matched by source key, target key and the node addressed (node names, service
     * ClusterIP:port/proto), so two snapshots of a cluster compare; unchanged flows left out.
     */
    static std::vector<AuditChange> compare(const Scenario &scA, const AuditResult &a, const Scenario &scB,
                                            const AuditResult &b);
};

} // namespace chainscope
