#!/usr/bin/env python3
"""Helpers for tests/oracle/*.sh: scenario look-ups and the conversion of
`xtables-monitor --trace` output into Chainscope's kernel golden format.

Subcommands (all print to stdout, errors to stderr with exit 1):
  preset SCENARIO NAME          the packet preset NAME as JSON (without "name"/"note")
  fixes SCENARIO NAME           the scenario fixes called NAME: "node<TAB>kind<TAB>spec" lines
  endpoints RULES PROTO DST DPORT
                                where kube-proxy's nat rules in RULES can send DST:DPORT
                                (the KUBE-SEP DNAT targets, in KUBE-SVC order); DST if none
  branch --from NODE --node NAME TRACE SNAPSHOT ORIG_RULES ... --pod NAME TRACE ...
                                one branch {"endpoint","events","outcome"} from one try
  assemble --case C --command CMD --packet JSON --fixes JSON BRANCH...
                                the golden object, formatted one event per line
  compare EXPECTED ACTUAL       exit 1 (and a diff) if the two golden files differ in
                                anything but "kernel"/"iptables"
"""
import difflib
import json
import re
import shlex
import sys


def die(msg):
    print("[nftrace] ERROR: " + msg, file=sys.stderr)
    sys.exit(1)


# ---------------------------------------------------------------- scenario look-ups

def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def cmd_preset(scenario, name):
    for p in load_json(scenario).get("packets", []):
        if p.get("name") == name:
            out = {k: v for k, v in p.items() if k not in ("name", "note")}
            print(json.dumps(out))
            return
    die("no packet preset named %r in %s" % (name, scenario))


def cmd_fixes(scenario, name):
    found = False
    for f in load_json(scenario).get("fixes", []):
        if f.get("name") != name:
            continue
        found = True
        if "insert" in f:
            print("%s\tinsert\t%s" % (f["node"], f["insert"]))
        elif "policy" in f:
            print("%s\tpolicy\t%s" % (f["node"], f["policy"]))
        else:
            die("fix %r on %s has neither insert nor policy" % (name, f.get("node")))
    if not found:
        die("no fix named %r in %s" % (name, scenario))


def save_tables(path):
    """iptables-save text -> {table: {chain: [rule text after '-A CHAIN ']}}; also the
    order of user-chain declarations is irrelevant here."""
    tables, cur = {}, None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("*"):
                cur = line[1:].strip()
                tables[cur] = {}
            elif line.startswith(":") and cur is not None:
                tables[cur].setdefault(line[1:].split()[0], [])
            elif cur is not None:
                m = re.match(r"^(?:\[\d+:\d+\]\s+)?-A\s+(\S+)\s*(.*)$", line)
                if m:
                    tables[cur].setdefault(m.group(1), []).append(m.group(2))
    return tables


def cmd_endpoints(rules, proto, dst, dport):
    nat = save_tables(rules).get("nat", {})
    svc = None
    for r in nat.get("KUBE-SERVICES", []):
        a = shlex.split(r)
        if ("-d" in a and a[a.index("-d") + 1] in (dst, dst + "/32")
                and "-p" in a and a[a.index("-p") + 1] == proto
                and "--dport" in a and a[a.index("--dport") + 1] == str(dport)
                and "-j" in a):
            svc = a[a.index("-j") + 1]
            break
    eps = []
    if svc:
        for r in nat.get(svc, []):
            a = shlex.split(r)
            target = a[a.index("-j") + 1] if "-j" in a else ""
            if not target.startswith("KUBE-SEP-"):
                continue
            for sr in nat.get(target, []):
                m = re.search(r"--to-destination (\d+\.\d+\.\d+\.\d+)", sr)
                if m:
                    eps.append(m.group(1))
    print("\n".join(eps or [dst]))


# ---------------------------------------------------------------- trace conversion

def nft_positions(snapshot_nft, save):
    """handle -> (table, chain, position, text), position 1-based in iptables order,
    not counting the oracle's own TRACE rules in raw."""
    # rules of each chain in nft order, with their handles
    pos = {}
    table = chain = None
    order = {}
    with open(snapshot_nft, encoding="utf-8") as f:
        for line in f:
            s = line.strip()
            m = re.match(r"^table ip6? (\S+) \{", s)
            if m:
                table, chain = m.group(1), None
                continue
            m = re.match(r"^chain (\S+) \{", s)
            if m:
                chain = m.group(1)
                order.setdefault((table, chain), [])
                continue
            m = re.search(r"# handle (\d+)$", s)
            if m and table and chain:
                order[(table, chain)].append(int(m.group(1)))
    for (t, c), handles in order.items():
        texts = save.get(t, {}).get(c, [])
        if len(texts) != len(handles):
            die("%s:%s has %d nft rules but %d iptables rules" % (t, c, len(handles), len(texts)))
        n = 0
        for h, text in zip(handles, texts):
            if t == "raw" and text.endswith("-j TRACE"):
                pos[(t, h)] = (t, c, None, text)
                continue
            n += 1
            pos[(t, h)] = (t, c, n, text)
    return pos


def verdict_text(v):
    v = v.strip()
    if v.startswith("JUMP:"):
        return "jump " + v[5:]
    if v.startswith("GOTO:"):
        return "goto " + v[5:]
    if v in ("0xfffffffb", "RETURN"):  # NFT_RETURN is printed as a number
        return "return"
    return v.lower()


def parse_trace(path):
    """-> list of (kind, table, chain, handle, verdict, rule text) of the first traced
    packet in the file.

    The packet is identified by its IP header's ID field (from the PACKET lines), not by
    the trace id: the kernel's trace id hashes the skb pointer, its hash and skb_iif, so
    it changes when a packet that entered through a bridge port (br_netfilter runs
    PREROUTING at the bridge) is passed up by the bridge device (skb_iif becomes cni0).
    The IP ID survives NAT and forwarding, and a retransmitted SYN gets a new one."""
    events, first, ipid_of = [], None, {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"^PACKET: (\d+) ([0-9a-f]+) (.*)$", line)
            if m:
                idm = re.search(r"\bID=(\d+)\b", m.group(3))
                ipid_of[m.group(2)] = idm.group(1) if idm else m.group(2)
                continue
            m = re.match(r"^\s*TRACE: (\d+) ([0-9a-f]+) (.*)$", line)
            if not m:
                continue
            tid, rest = m.group(2), m.group(3)
            pkt = ipid_of.get(tid, tid)
            if first is None:
                first = pkt
            if pkt != first:
                continue
            spec, _, text = rest.partition("  ")
            fields = spec.strip().split(":")
            if len(fields) < 3:
                die("%s: cannot read trace line %r" % (path, line))
            table, chain, kind = fields[0], fields[1], fields[2]
            handle, verdict = None, ""
            if kind == "rule":
                handle = int(fields[3], 16)
                verdict = ":".join(fields[4:])
            else:
                verdict = ":".join(fields[3:])
            events.append((kind, table, chain, handle, verdict, text.strip()))
    return events


def node_events(name, trace, snapshot, orig_rules):
    save = save_tables(snapshot + ".save")
    pos = nft_positions(snapshot + ".nft", save)
    orig_tables = set(save_tables(orig_rules))
    out, dnat = [], None
    for kind, table, chain, handle, verdict, text in parse_trace(trace):
        if kind == "return":
            continue  # implicit end of a user chain: bookkeeping, not a rule
        if table not in orig_tables:
            continue  # e.g. raw, which holds only the oracle's TRACE rules
        if kind == "policy":
            out.append({"node": name, "table": table, "chain": chain, "rule": 0,
                        "verdict": "policy " + verdict_text(verdict)})
            continue
        if kind != "rule":
            die("%s: unknown trace event kind %r" % (trace, kind))
        key = (table, handle)
        if key not in pos:
            die("%s: %s:%s handle %d is not in the rule snapshot" % (trace, table, chain, handle))
        t, c, n, stext = pos[key]
        if n is None:
            continue  # the oracle's TRACE rule
        if c != chain:
            die("%s: handle %d is in chain %s, trace says %s" % (trace, handle, c, chain))
        want = "-A %s %s" % (c, stext) if stext else "-A %s" % c
        if text and not text.endswith(want):
            die("%s: rule text mismatch at %s:%s:%d:\n  trace: %s\n  save:  %s" % (trace, t, c, n, text, want))
        out.append({"node": name, "table": t, "chain": c, "rule": n, "verdict": verdict_text(verdict)})
        m = re.search(r"-j DNAT --to-destination (\d+\.\d+\.\d+\.\d+)", stext)
        if m:
            dnat = m.group(1)
    return out, dnat


def cmd_branch(argv):
    origin, nodes, pods, dst = None, [], [], None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--from":
            origin = argv[i + 1]; i += 2
        elif a == "--dst":
            dst = argv[i + 1]; i += 2
        elif a == "--node":
            nodes.append(tuple(argv[i + 1:i + 5])); i += 5
        elif a == "--pod":
            pods.append(tuple(argv[i + 1:i + 3])); i += 3
        else:
            die("branch: unexpected argument %r" % a)
    per_node, endpoint = {}, None
    for name, trace, snap, orig in nodes:
        ev, dnat = node_events(name, trace, snap, orig)
        if ev:
            per_node[name] = ev
        endpoint = endpoint or dnat
    if origin not in per_node:
        die("branch: no trace events on the origin node %s (monitor not ready?)" % origin)
    others = sorted(n for n in per_node if n != origin)
    if len(others) > 1:
        die("branch: events on several other nodes (%s); hop order is ambiguous" % ", ".join(others))
    events = per_node[origin] + [e for n in others for e in per_node[n]]
    delivered_to = [name for name, trace in pods if parse_trace(trace)]
    verdicts = [e["verdict"] for e in events]
    if any(v in ("drop", "policy drop") for v in verdicts):
        outcome = "dropped"
    elif delivered_to:
        outcome = "delivered"
    elif any(e["chain"] == "INPUT" for e in per_node[(others or [origin])[-1]]):
        outcome = "accept-local"
    else:
        outcome = "unknown"
    json.dump({"endpoint": endpoint or dst, "events": events, "outcome": outcome,
               "seen_by_pods": delivered_to}, sys.stdout)
    print()


def fmt_golden(obj):
    """Stable text: one key per line, one event per line (diff-friendly)."""
    d = lambda v: json.dumps(v, ensure_ascii=False)
    lines = ["{"]
    keys = ["case", "command", "kernel", "iptables", "packet", "fixes"]
    for k in keys:
        if k == "fixes":
            if obj[k]:
                lines.append('  "fixes": [')
                lines.append(",\n".join("    " + d(f) for f in obj[k]))
                lines.append("  ],")
            else:
                lines.append('  "fixes": [],')
        else:
            lines.append("  %s: %s," % (d(k), d(obj[k])))
    lines.append('  "branches": [')
    bl = []
    for b in obj["branches"]:
        s = ['    {"endpoint": %s,' % d(b["endpoint"]), '     "events": [']
        s.append(",\n".join("       " + d(e) for e in b["events"]))
        s.append("     ],")
        s.append('     "outcome": %s}' % d(b["outcome"]))
        bl.append("\n".join(s))
    lines.append(",\n".join(bl))
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def cmd_assemble(argv):
    case = command = None
    packet, fixes, branches = None, [], []
    kernel = iptables = ""
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--case", "--command", "--packet", "--fixes", "--kernel", "--iptables"):
            v = argv[i + 1]; i += 2
            if a == "--case": case = v
            elif a == "--command": command = v
            elif a == "--packet": packet = json.loads(v)
            elif a == "--fixes": fixes = json.loads(v)
            elif a == "--kernel": kernel = v
            else: iptables = v
        else:
            branches.append(load_json(a)); i += 1
    for b in branches:
        b.pop("seen_by_pods", None)

    def key(b):
        # kube-proxy order: the branch whose KUBE-SVC jump comes first, first
        for e in b["events"]:
            if e["chain"].startswith("KUBE-SVC-") and e["verdict"].startswith("jump KUBE-SEP-"):
                return (e["rule"], b["endpoint"])
        return (0, b["endpoint"])
    branches.sort(key=key)
    obj = {"case": case, "command": command, "kernel": kernel, "iptables": iptables,
           "packet": packet, "fixes": fixes, "branches": branches}
    sys.stdout.write(fmt_golden(obj))


def cmd_compare(expected, actual):
    a, b = load_json(expected), load_json(actual)
    notes = []
    for k in ("kernel", "iptables"):
        if a.get(k) != b.get(k):
            notes.append("%s: golden %r, this machine %r" % (k, a.get(k), b.get(k)))
        a.pop(k, None)
        b.pop(k, None)
    for n in notes:
        print("[nftrace] note: " + n, file=sys.stderr)
    if a == b:
        return
    a.update(kernel="", iptables="")
    b.update(kernel="", iptables="")
    sys.stdout.writelines(difflib.unified_diff(
        fmt_golden(a).splitlines(True), fmt_golden(b).splitlines(True), expected, actual))
    sys.exit(1)


def main():
    if len(sys.argv) < 2:
        die(__doc__)
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "preset" and len(args) == 2:
        cmd_preset(*args)
    elif cmd == "fixes" and len(args) == 2:
        cmd_fixes(*args)
    elif cmd == "endpoints" and len(args) == 4:
        cmd_endpoints(*args)
    elif cmd == "branch":
        cmd_branch(args)
    elif cmd == "assemble":
        cmd_assemble(args)
    elif cmd == "compare" and len(args) == 2:
        cmd_compare(*args)
    else:
        die("bad arguments\n" + __doc__)


if __name__ == "__main__":
    main()
