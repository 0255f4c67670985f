#!/usr/bin/env python3
"""The incident oracle's audit comparison (issue 19): what `chainscope-cli audit --json`
lists, turned into what the namespaces need, and the kernel's outcomes compared with it.

  auditflows.py setup AUDIT.json SCENARIO_DIR   lines "pod NODE NAME ADDR/PLEN GW" and
                                                "listen NS ADDR PROTO PORT" (NS: a node or a pod)
  auditflows.py flows AUDIT.json                one line per flow, tab-separated:
                                                INDEX SENDER PROTO DST PORT DNATNODE DESCRIPTION
  auditflows.py udp-send DST PORT               one datagram, "ok" when answered within 1 s
  auditflows.py compare AUDIT.json RESULTS      RESULTS: "INDEX ok|fail ENDPOINT|?" per try;
                                                prints every flow, exit 1 on any disagreement
"""
import ipaddress
import json
import socket
import sys


def load(path):
    with open(path) as f:
        return json.load(f)


def node_subnets(scenario_dir, audit):
    """node -> (cni0 network, cni0 address) and node -> its addresses, from the .addr files."""
    nets, addrs = {}, {}
    for src in audit["sources"]:
        node = src["node"]
        if node in nets:
            continue
        addrs[node] = set()
        with open("%s/%s.addr" % (scenario_dir, node)) as f:
            for line in f:
                parts = line.split()
                if len(parts) < 4 or parts[2] != "inet":
                    continue
                iface = ipaddress.ip_interface(parts[3])
                addrs[node].add(str(iface.ip))
                if parts[1] == "cni0":
                    nets[node] = (iface.network, str(iface.ip))
    return nets, addrs


def pod_name(addr):
    return "p" + addr.replace(".", "-")


def sender(audit, flow):
    src = next(s for s in audit["sources"] if s["key"] == flow["source"])
    if src["kind"] == "host":
        return src["node"]
    if src["kind"] == "pod":
        return pod_name(src["address"])
    return "outside"


def setup(audit, scenario_dir):
    nets, addrs = node_subnets(scenario_dir, audit)
    pods, listens = {}, set()

    def place(addr):
        for node, (net, gw) in nets.items():
            if ipaddress.ip_address(addr) in net:
                return node, "%s/%d" % (addr, net.prefixlen), gw
        return None

    for src in audit["sources"]:
        if src["kind"] == "pod":
            pods[src["address"]] = place(src["address"])
    for flow in audit["flows"]:
        proto = flow["packet"]["proto"]
        for b in flow["branches"]:
            ep = b.get("endpoint", "")
            if ":" not in ep or proto == "icmp":
                continue
            addr, port = ep.rsplit(":", 1)
            owner = next((n for n, a in addrs.items() if addr in a), None)
            if owner:
                listens.add((owner, addr, proto, int(port)))
                continue
            where = place(addr)
            if where is None:
                continue
            pods[addr] = where
            listens.add((pod_name(addr), addr, proto, int(port)))
    for addr, (node, cidr, gw) in sorted(pods.items()):
        print("pod %s %s %s %s" % (node, pod_name(addr), cidr, gw))
    for ns, addr, proto, port in sorted(listens):
        print("listen %s %s %s %d" % (ns, addr, proto, port))


def flows(audit):
    for i, flow in enumerate(audit["flows"]):
        p = flow["packet"]
        src = next(s for s in audit["sources"] if s["key"] == flow["source"])
        port = p.get("dport", p.get("icmp_type", 0))
        desc = "%s -> %s%s" % (flow["source"], flow["target"], (" at " + flow["via"]) if "via" in flow else "")
        print("\t".join(str(x) for x in (i, sender(audit, flow), p["proto"], p["dst"], port, src["node"], desc)))


def udp_send(dst, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(1.0)
    try:
        s.sendto(b"audit\n", (dst, int(port)))
        s.recvfrom(4096)
        print("ok")
    except OSError:
        print("fail")


def compare(audit, results_path):
    tries = {}
    with open(results_path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                tries.setdefault(int(parts[0]), []).append((parts[1] == "ok", parts[2]))
    bad = 0
    for i, flow in enumerate(audit["flows"]):
        ok_eps, fail_eps = set(), set()
        for b in flow["branches"]:
            ep = b.get("endpoint", "?")
            addr = ep.rsplit(":", 1)[0] if flow["packet"]["proto"] != "icmp" else ep
            (ok_eps if b["verdict"] in ("delivered", "accept-local") else fail_eps).add(addr)
        seen = tries.get(i, [])
        problems = []
        if not seen:
            problems.append("never sent")
        for ok, ep in seen:
            if ep == "?":
                if ok:
                    problems.append("delivered, endpoint not known")
                elif not fail_eps:
                    problems.append("the kernel dropped it, the audit says every endpoint delivers")
                continue
            if ok and ep not in ok_eps:
                problems.append("the kernel delivered to %s, the audit says it does not" % ep)
            if not ok and ep not in fail_eps:
                problems.append("the kernel did not deliver to %s, the audit says it does" % ep)
        kernel = {ok for ok, _ in seen}
        if flow["fate"] == "all" and kernel != {True}:
            problems.append("audit: all; kernel: %s" % sorted(kernel))
        if flow["fate"] == "none" and kernel != {False}:
            problems.append("audit: none; kernel: %s" % sorted(kernel))
        if flow["fate"] == "some" and kernel != {True, False}:
            problems.append("audit: some; kernel saw only %s in %d tries" % (sorted(kernel), len(seen)))
        desc = "%s -> %s%s" % (flow["source"], flow["target"], (" at " + flow["via"]) if "via" in flow else "")
        tally = "%d/%d delivered; %s" % (sum(1 for ok, _ in seen if ok), len(seen),
                                         " ".join("%s:%s" % (ep, "ok" if ok else "fail") for ok, ep in seen))
        if problems:
            bad += 1
            print("DISAGREE %s: audit %s, kernel %s: %s" % (desc, flow["fate"], tally, "; ".join(sorted(set(problems)))))
        else:
            print("agree    %s: %s (%s)" % (desc, flow["fate"], tally))
    print("%d of %d flows agree" % (len(audit["flows"]) - bad, len(audit["flows"])))
    return 1 if bad else 0


def main():
    cmd = sys.argv[1]
    if cmd == "setup":
        setup(load(sys.argv[2]), sys.argv[3])
    elif cmd == "flows":
        flows(load(sys.argv[2]))
    elif cmd == "udp-send":
        udp_send(sys.argv[2], sys.argv[3])
    elif cmd == "compare":
        sys.exit(compare(load(sys.argv[2]), sys.argv[3]))
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
