#!/usr/bin/env python3
"""tests/oracle/nft.sh's comparison: what `nft monitor trace` shows a node's nft base chains
decide for one packet, against what `chainscope-cli trace --json` says.

  nftcompare.py kernel TRACEFILE DST DPORT   the decisions of the first traced packet to
                                             DST:DPORT, one per line: FAMILY TABLE CHAIN OUTCOME
  nftcompare.py engine JSONFILE NODE [DNAT]  the same from the engine's branch (the one whose
                                             path DNATs to DNAT when given)
Outcomes: accept, drop (reject is a drop in the trace), policy-accept, policy-drop.
"""
import json
import re
import sys

LINE = re.compile(r'^trace id (\S+) (\S+) (\S+) (\S+) (.*)$')


def kernel(path, dst, dport):
    events = {}
    order = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = LINE.match(line.strip())
            if not m:
                continue
            tid, fam, table, chain, rest = m.groups()
            if table.startswith("cs-trace"):
                continue
            events.setdefault(tid, []).append((fam, table, chain, rest))
            if tid not in order:
                order.append(tid)
    for tid in order:
        evs = events[tid]
        pkt = " ".join(r for _, _, _, r in evs if r.startswith("packet:"))
        if ("daddr %s " % dst) in pkt + " " and ("dport %s " % dport) in pkt + " ":
            out = []
            for fam, table, chain, rest in evs:
                # flannel's VXLAN keeps the skb: the outer UDP packet carries on with the same
                # trace id; the engine does not trace it (docs/engine.md, "Between nodes")
                if rest.startswith("packet:") and "dport %d " % 8472 in rest + " ":
                    break
                v = None
                pm = re.match(r'^policy (accept|drop)', rest)
                if pm:
                    v = "policy-" + pm.group(1)
                else:
                    vm = re.search(r'\(verdict (accept|drop)\)\s*$', rest)
                    if vm and rest.startswith("rule "):
                        v = vm.group(1)
                if v:
                    out.append("%s %s %s %s" % (fam, table, chain, v))
            dnat = re.search(r'dnat (?:ip )?to ([0-9.]+)', " ".join(r for _, _, _, r in evs))
            return out, dnat.group(1) if dnat else ""
    return [], ""


def outcome(action):
    if action.startswith("policy "):
        return "policy-" + action.split()[1]
    if action == "accept":
        return "accept"
    if action == "drop" or action.startswith("reject"):
        return "drop"
    if re.match(r'^(dnat|snat|masquerade|redirect)\b', action):
        return "accept"
    return None


def engine(path, node, dnat):
    with open(path, encoding="utf-8") as f:
        t = json.load(f)
    for b in t["branches"]:
        steps = b["steps"]
        texts = " ".join(s.get("action", "") for s in steps)
        if dnat and ("dnat to %s" % dnat) not in texts:
            continue
        out = []
        for s in steps:
            if s.get("node") != node or "family" not in s or s.get("kind") not in ("rule", "policy"):
                continue
            if s["kind"] == "rule" and not s.get("matched"):
                continue
            o = outcome(s.get("action", ""))
            if o:
                out.append("%s %s %s %s" % (s["family"], s["table"], s["chain"], o))
        return out
    return None


def main():
    if sys.argv[1] == "kernel":
        out, dnat = kernel(sys.argv[2], sys.argv[3], sys.argv[4])
        print("dnat " + dnat)
        print("\n".join(out))
    elif sys.argv[1] == "engine":
        out = engine(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "")
        if out is None:
            print("no branch", file=sys.stderr)
            sys.exit(1)
        print("\n".join(out))


if __name__ == "__main__":
    main()
