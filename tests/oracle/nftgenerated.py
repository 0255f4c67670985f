#!/usr/bin/env python3
"""Generated differential testing of the nftables engine (issue 16): random nft rule sets
against the kernel.

The topology is generated.py's (network namespaces, unique prefix, deleted at exit):

    a (10.1.0.2, 10.1.0.3) --veth-- eth1 [dut] eth2 --veth-- b (10.2.0.2, 10.2.0.3)
                                         dummy0 10.3.0.1/24
    dut: ip_forward=1, rp_filter=0, default via 10.2.0.2 (b)

Each rule set (seeded random: tables of family ip and inet; several base chains on one hook
with different and equal priorities; filter and nat chains; regular chains reached by
jump/goto; named and anonymous sets, intervals, concatenations; maps and verdict maps;
numgen inc; ct state, fib daddr type, meta iifname/oifname/l4proto/mark; accept, drop,
reject, continue, return, counter, mark set, dnat/snat/masquerade) is loaded into dut with
`nft -f` beside a table that sets nftrace on every packet (priority -450). Several packets
(TCP SYN, UDP, ICMP echo; forwarded from a, to dut from a, from dut, dut to itself) are
sent per rule set through raw sockets, each told apart by its IP ID, and `nft monitor
trace` in dut (and in a and b: "did it arrive") is compared with `chainscope-cli trace
--json` on a scenario folder holding dut's `nft -a list ruleset` and `ip addr`/`ip route`:
the sequence of matched rules and policies of every base chain (family, table, chain,
handle, verdict) and the final verdict.

numgen inc is pinned: a rule set that uses it is loaded afresh before each packet (the
counter starts at 0, which is the engine's first branch), and the engine's first branch
is compared.

Usage (root; tests/oracle/nftgenerated.sh picks /usr/bin/python3):
  nftgenerated.py --cli PATH [--seed 1,random] [--pairs N] [--only N] [-v]
  nftgenerated.py --cli PATH --replay tests/oracle/disagreements/nft/NNN.nft
--seed takes a comma-separated list ("random": a fresh seed, printed); --pairs is per seed.
To reproduce a failure: --seed S --pairs N --only P (generation unchanged, only pair P runs).
Exit 0: all agree; 1: disagreements (or a broken run); 77: skipped (no root/namespaces).
"""
import argparse
import atexit
import collections
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generated as G  # noqa: E402  (topology, raw sockets, packet crafting, clean-up)
import nftcompare  # noqa: E402  (the `nft monitor trace` line format)

G.PREFIX = "csn%d-" % os.getpid()
TRACE_TABLE = """table ip cs-trace {
\tchain pre {
\t\ttype filter hook prerouting priority -450; policy accept;
\t\tmeta nftrace set 1
\t}
\tchain out {
\t\ttype filter hook output priority -450; policy accept;
\t\tmeta nftrace set 1
\t}
\tchain in {
\t\ttype filter hook input priority 450; policy accept;
\t\tmeta nftrace set 1
\t}
}
"""


def log(msg):
    print("[nftgenerated] " + msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- trace monitor

class NftMonitor(G.Monitor):
    """`nft monitor trace` in one namespace, its lines kept as they are."""

    def __init__(self, name, seconds):
        self.name = name
        self.lines = []
        self.lock = threading.Lock()
        self.last = time.monotonic()
        self.proc = subprocess.Popen(
            ["timeout", str(seconds), "ip", "netns", "exec", G.NS[name], "stdbuf", "-oL", "nft", "monitor", "trace"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, errors="replace")
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for line in self.proc.stdout:
            with self.lock:
                self.lines.append(line.rstrip("\n"))
                self.last = time.monotonic()


RULE_EV = re.compile(r"handle (\d+) \(verdict ([^)]*)\)\s*$")


def events_for_id(lines, ipid, need=None, local=None):
    """(family, table, chain, kind, handle, verdict) of the packet with IP ID ipid, in order
    (need: a test the packet line must pass, e.g. the interface and MAC it came from)."""
    ours, out = set(), []
    idre = re.compile(r"\bip id %d\b" % ipid)
    for line in lines:
        m = nftcompare.LINE.match(line.strip())
        if not m:
            continue
        tid, fam, table, chain, rest = m.groups()
        if rest.startswith("packet:"):
            if idre.search(rest) and (need is None or need(rest)):
                ours.add(tid)
            else:
                ours.discard(tid)
            continue
        if tid not in ours:
            continue
        if table == "cs-trace":
            if chain == "in" and local is not None:
                local.append(True)  # past every input chain: delivered locally
            continue
        if rest.startswith("policy "):
            out.append((fam, table, chain, "policy", 0, "policy " + rest.split()[1]))
            continue
        r = RULE_EV.search(rest)
        if r and ("rule " in rest):
            out.append((fam, table, chain, "rule", int(r.group(1)), r.group(2).strip()))
    return out


# ---------------------------------------------------------------- rule set generation

A_ADDRS, B_ADDRS, DUT_ADDRS, FAR, SPOOF = G.A_ADDRS, G.B_ADDRS, G.DUT_ADDRS, G.FAR, G.SPOOF
PORTS = [22, 53, 80, 443, 8080, 12345]
HOOKS = ["prerouting", "input", "forward", "output", "postrouting"]
# Not -200, -100, 100: the conntrack and nat core hooks sit there, and at an equal priority their
# order against a chain depends on when they were registered (earlier rule sets: not in a dump).
FILTER_PRIOS = [-300, -250, -150, -10, 0, 0, 0, 10, 10, 50]
NAT_PRIOS = {"prerouting": [-100, -100, 0], "output": [-100, -100, 0],
             "postrouting": [100, 100, 0], "input": [100, 100, 0]}
IFACES = ["eth1", "eth2", "dummy0", "lo"]
MARKS = [0x1, 0x2, 0x3, 0x10]


class Gen:
    def __init__(self, rng, packets):
        self.r = rng
        self.pk = packets
        self.feat = collections.Counter()

    def p(self, x):
        return self.r.random() < x

    def addr(self):
        if self.p(0.7):
            pk = self.r.choice(self.pk)
            return pk["src"] if self.p(0.5) else pk["dst"]
        return self.r.choice(A_ADDRS + B_ADDRS + DUT_ADDRS + FAR + SPOOF)

    def prefix(self):
        a = self.addr()
        plen = self.r.choice([32, 32, 24, 24, 16, 8])
        if plen == 32:
            return a
        parts = [int(x) for x in a.split(".")]
        n = (parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3]) & ((0xffffffff << (32 - plen)) & 0xffffffff)
        return "%d.%d.%d.%d/%d" % (n >> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255, plen)

    def port(self):
        if self.p(0.7):
            pk = self.r.choice(self.pk)
            if pk["proto"] != "icmp":
                return pk["dport"] if self.p(0.7) else pk["sport"]
        return self.r.choice(PORTS)

    def proto(self):
        pk = self.r.choice(self.pk)
        return pk["proto"] if self.p(0.7) else self.r.choice(["tcp", "udp", "icmp"])

    # a named set of addresses (interval or not), of address . port, or of address . address
    def named_set(self, t):
        i = len(t["sets"])
        kind = self.r.choice(["addr", "addr-interval", "concat", "concat-interval"])
        if kind == "addr":
            els = sorted({self.addr() for _ in range(self.r.randint(1, 6))})
            body = "type ipv4_addr\n\t\telements = { %s }" % ", ".join(els)
        elif kind == "addr-interval":
            els = set()
            for _ in range(self.r.randint(1, 3)):
                els.add(self.prefix())
            els = sorted(els)
            # overlapping intervals are refused; keep the first of overlapping ones
            keep = []
            for e in els:
                if not any(overlap(e, k) for k in keep):
                    keep.append(e)
            body = "type ipv4_addr\n\t\tflags interval\n\t\telements = { %s }" % ", ".join(keep)
        elif kind == "concat":
            els = sorted({"%s . %d" % (self.addr(), self.port()) for _ in range(self.r.randint(1, 5))})
            body = "type ipv4_addr . inet_service\n\t\telements = { %s }" % ", ".join(els)
        else:
            els, keep = set(), []
            for _ in range(self.r.randint(1, 3)):
                els.add((self.prefix(), self.prefix()))
            for a, b in sorted(els):
                if not any(overlap(a, x) and overlap(b, y) for x, y in keep):
                    keep.append((a, b))
            body = "type ipv4_addr . ipv4_addr\n\t\tflags interval\n\t\telements = { %s }" % ", ".join(
                "%s . %s" % ab for ab in keep)
        name = "s%d" % i
        t["sets"].append((name, kind, "set %s {\n\t\t%s\n\t}" % (name, body)))
        return name, kind

    def matches(self, t, hook):
        """A rule's matches; self.l4 is the transport protocol they fix (or None): nft refuses
        a rule with conflicting protocol dependencies (tcp dport and udp sport, icmp type and
        a port), so every match and the verdict of one rule use the same protocol."""
        m = []
        r = self.r
        self.l4 = None

        def l4(want):
            # want: "port" (tcp or udp) or "icmp"; the rule's protocol, or None on a conflict
            if self.l4 is None:
                self.l4 = r.choice(["tcp", "udp"]) if want == "port" else "icmp"
            if (want == "port") != (self.l4 != "icmp"):
                return None
            return self.l4
        n = r.choice([0, 1, 1, 2, 2, 3])
        for _ in range(n):
            k = r.choice(["saddr", "daddr", "daddr", "anonset", "namedset", "namedset", "port", "port", "l4proto",
                          "iif", "oif", "mark", "ct", "ct", "fib", "icmp", "concat-anon", "l4port"])
            neg = "!= " if self.p(0.2) else ""
            if k in ("saddr", "daddr"):
                m.append("ip %s %s%s" % (k, neg, self.prefix())); self.feat["ip saddr/daddr prefix"] += 1
            elif k == "anonset":
                els = sorted({self.addr() for _ in range(r.randint(2, 4))})
                if self.p(0.4):
                    els = sorted({self.prefix() for _ in range(r.randint(1, 3))})
                    keep = []
                    for e in els:
                        if not any(overlap(e, x) for x in keep):
                            keep.append(e)
                    els = keep
                m.append("ip %s %s{ %s }" % (r.choice(["saddr", "daddr"]), neg, ", ".join(els)))
                self.feat["anonymous set"] += 1
            elif k == "namedset":
                if t["sets"] and self.p(0.5):
                    name, kind = r.choice(t["sets"])[:2]
                else:
                    name, kind = self.named_set(t)
                if kind.startswith("addr"):
                    m.append("ip %s %s@%s" % (r.choice(["saddr", "daddr"]), neg, name))
                elif kind == "concat":
                    p = l4("port")
                    if not p:
                        continue
                    m.append("ip daddr . %s dport %s@%s" % (p, neg, name))
                else:
                    m.append("ip saddr . ip daddr %s@%s" % (neg, name))
                self.feat["named set (%s)" % kind] += 1
            elif k == "port":
                p = l4("port")
                if not p:
                    continue
                if self.p(0.3):
                    m.append("%s dport %s{ %s }" % (p, neg, ", ".join(str(x) for x in sorted({self.port() for _ in range(3)}))))
                elif self.p(0.3):
                    a = self.port()
                    m.append("%s dport %s%d-%d" % (p, neg, max(1, a - r.choice([0, 10, 100])), min(65535, a + r.choice([0, 5, 1000]))))
                else:
                    m.append("%s %s %s%d" % (p, r.choice(["dport", "dport", "sport"]), neg, self.port()))
                self.feat["tcp/udp port"] += 1
            elif k == "l4proto":
                if self.l4 is None:
                    self.l4 = self.proto()
                m.append("meta l4proto %s" % self.l4)
                self.feat["meta l4proto"] += 1
            elif k == "iif":
                if hook in ("output",):
                    continue
                m.append("iifname %s%s" % (neg, json.dumps(r.choice(IFACES + ["eth*"]))))
                self.feat["iifname"] += 1
            elif k == "oif":
                if hook in ("prerouting", "input"):
                    continue
                m.append("oifname %s%s" % (neg, json.dumps(r.choice(IFACES + ["eth*"]))))
                self.feat["oifname"] += 1
            elif k == "mark":
                if self.p(0.5):
                    m.append("meta mark %s0x%x" % (neg, r.choice(MARKS + [0])))
                else:
                    m.append("meta mark & 0x%x == 0x%x" % (r.choice([0xf, 0x3, 0xff]), r.choice(MARKS + [0])))
                self.feat["meta mark"] += 1
            elif k == "ct":
                m.append("ct state %s" % r.choice(["new", "established,related", "invalid", "{ new, untracked }",
                                                   "!= new", "untracked"]))
                self.feat["ct state"] += 1
            elif k == "fib":
                if hook not in ("prerouting", "input", "forward", "output"):
                    continue
                m.append("fib daddr type %slocal" % neg)
                self.feat["fib daddr type"] += 1
            elif k == "icmp":
                if not l4("icmp"):
                    continue
                m.append("icmp type %secho-request" % neg)
                self.feat["icmp type"] += 1
            elif k == "concat-anon":
                p = l4("port")
                if not p:
                    continue
                els = sorted({"%s . %d" % (self.addr(), self.port()) for _ in range(r.randint(1, 3))})
                m.append("ip daddr . %s dport { %s }" % (p, ", ".join(els)))
                self.feat["concatenation"] += 1
            elif k == "l4port":
                p = l4("port")
                if not p:
                    continue
                els = sorted({"%s . %d" % (p, self.port()) for _ in range(r.randint(1, 3))})
                m.append("meta l4proto . th dport { %s }" % ", ".join(els))
                self.feat["concatenation"] += 1
        return m

    def verdict(self, t, hook, base, user_idx, chain_type):
        """A verdict (or none) for a rule of chain user_idx (-1: a base chain)."""
        r = self.r
        callable_chains = [c for c in t["user"] if user_idx < 0 or int(c[1:]) > user_idx]
        opts = ["accept", "accept", "accept", "drop", "continue", "", "", "", "counter"]
        if callable_chains:
            opts += ["jump", "jump", "jump", "goto", "vmap", "numgen"]
        if not base:
            opts += ["return", "return"]
        if base and chain_type == "filter" and hook in ("input", "forward", "output"):
            opts += ["reject"]
        opts += ["vmap-simple"]
        v = r.choice(opts)
        if v in ("jump", "goto"):
            self.feat[v] += 1
            return "%s %s" % (v, r.choice(callable_chains))
        if v == "reject":
            self.feat["reject"] += 1
            return r.choice(["reject", "reject with icmp type admin-prohibited", "reject with tcp reset"]) \
                if self.p(0.9) else "reject"
        if v == "numgen":
            n = r.choice([2, 2, 3])
            targets = [r.choice(["accept", "drop", "jump " + r.choice(callable_chains), "return" if not base else "continue"])
                       for _ in range(n)]
            self.feat["numgen inc vmap"] += 1
            return "numgen inc mod %d vmap { %s }" % (n, ", ".join("%d : %s" % (i, x) for i, x in enumerate(targets)))
        if v == "vmap" or v == "vmap-simple":
            vs = ["accept", "drop", "continue"] + (["jump " + c for c in callable_chains] if v == "vmap" else []) \
                + (["return"] if not base else [])
            kind = r.choice(["daddr", "l4proto", "dport", "named"])
            if kind == "daddr":
                els = sorted({self.addr() for _ in range(r.randint(1, 3))})
                body = "ip daddr vmap { %s }" % ", ".join("%s : %s" % (e, r.choice(vs)) for e in els)
            elif kind == "l4proto":
                els = sorted({self.proto() for _ in range(2)})
                body = "meta l4proto vmap { %s }" % ", ".join("%s : %s" % (e, r.choice(vs)) for e in els)
            elif kind == "dport" and self.l4 != "icmp":
                els = sorted({self.port() for _ in range(r.randint(1, 3))})
                body = "%s dport vmap { %s }" % (self.l4 or r.choice(["tcp", "udp"]), ", ".join("%d : %s" % (e, r.choice(vs)) for e in els))
            elif self.l4 in (None, "tcp"):
                name = "vm%d" % len(t["maps"])
                els = sorted({self.port() for _ in range(r.randint(1, 3))})
                # named maps hold no jumps to chains declared after them: keep them simple
                t["maps"].append("map %s {\n\t\ttype inet_service : verdict\n\t\telements = { %s }\n\t}" % (
                    name, ", ".join("%d : %s" % (e, r.choice(["accept", "drop", "continue"])) for e in els)))
                body = "tcp dport vmap @%s" % name
                self.feat["named verdict map"] += 1
            else:
                body = "meta l4proto vmap { %s : %s }" % (self.l4, r.choice(vs))
            self.feat["verdict map"] += 1
            return body
        if v == "counter":
            self.feat["counter"] += 1
            return "counter"
        return v

    def stmt(self):
        if self.p(0.2):
            self.feat["mark set"] += 1
            if self.p(0.7):
                return "meta mark set 0x%x" % self.r.choice(MARKS)
            return "meta mark set meta mark | 0x%x" % self.r.choice(MARKS)
        if self.p(0.2):
            self.feat["counter"] += 1
            return "counter"
        return ""

    def nat_rule(self, t, hook):
        r = self.r
        m = self.matches(t, hook)
        ip = "ip " if t["family"] == "inet" else ""
        if hook in ("prerouting", "output"):
            k = r.choice(["dnat", "dnat", "dnat-port", "dnat-map", "dnat-numgen", "plain"])
            tgt = lambda: r.choice(B_ADDRS + DUT_ADDRS + A_ADDRS[:1])
            if k == "dnat":
                s = "dnat %sto %s" % (ip, tgt())
            elif k == "dnat-port":
                if self.l4 == "icmp":
                    return " ".join(m + ["accept"])
                m = ["meta l4proto %s" % (self.l4 or r.choice(["tcp", "udp"]))] + m
                s = "dnat %sto %s:%d" % (ip, tgt(), r.choice(PORTS))
            elif k == "dnat-map":
                els = sorted({self.addr() for _ in range(r.randint(1, 3))})
                s = "dnat %sto ip daddr map { %s }" % (ip, ", ".join("%s : %s" % (e, tgt()) for e in els))
                self.feat["map"] += 1
            elif k == "dnat-numgen":
                s = "dnat %sto numgen inc mod 2 map { 0 : %s, 1 : %s }" % (ip, tgt(), tgt())
                self.feat["numgen inc map"] += 1
            else:
                return " ".join(x for x in m + [self.stmt(), r.choice(["accept", "", "counter", "drop"])] if x) or "counter"
            self.feat["dnat"] += 1
        else:
            k = r.choice(["snat", "masq", "masq", "plain"])
            if k == "snat":
                s = "snat %sto %s" % (ip, r.choice(DUT_ADDRS + ["10.2.0.3"]))
                self.feat["snat"] += 1
            elif k == "masq" and hook == "postrouting":
                s = "masquerade"
                self.feat["masquerade"] += 1
            else:
                return " ".join(x for x in m + [self.stmt(), r.choice(["accept", "", "counter"])] if x) or "counter"
        return " ".join(m + [s])

    def ruleset(self):
        r = self.r
        tables = []
        for i in range(r.choice([1, 2, 2, 3])):
            fam = r.choice(["ip", "inet"])
            tables.append({"family": fam, "name": "t%d" % i, "sets": [], "maps": [], "chains": [],
                           "user": ["u%d" % j for j in range(r.choice([0, 1, 2, 3]))]})
        hooks_used = [pk["hooks"] for pk in self.pk]
        nbase = r.randint(3, 7)
        used = set()
        for i in range(nbase):
            t = r.choice(tables)
            # bias to the hooks the packets cross (several base chains on one hook)
            hs = r.choice(hooks_used) if self.p(0.85) else HOOKS
            hook = r.choice(hs)
            ctype = "nat" if self.p(0.3) and hook in NAT_PRIOS else "filter"
            prio = r.choice(NAT_PRIOS[hook] if ctype == "nat" else FILTER_PRIOS)
            policy = "drop" if ctype == "filter" and self.p(0.12) else "accept"
            name = "%s%d" % (hook[:3], i)
            if (t["name"], name) in used:
                continue
            used.add((t["name"], name))
            rules = []
            for _ in range(r.randint(0, 4)):
                if ctype == "nat":
                    rules.append(self.nat_rule(t, hook))
                else:
                    rules.append(" ".join(x for x in self.matches(t, hook) + [self.stmt(), self.verdict(t, hook, True, -1, "filter")] if x))
            rules = [x for x in rules if x] or (["counter"] if self.p(0.5) else [])
            t["chains"].append({"name": name, "base": (ctype, hook, prio, policy), "rules": rules})
            self.feat["%s chain" % ctype] += 1
        for t in tables:
            for j, u in enumerate(t["user"]):
                rules = []
                for _ in range(r.randint(1, 4)):
                    # a regular chain may be called from any hook: no iif/oif/fib/reject restrictions
                    rules.append(" ".join(x for x in self.matches(t, "forward-any") + [self.stmt(), self.verdict(t, "any", False, j, "filter")] if x))
                rules = [x for x in rules if x] or ["counter"]
                t["chains"].append({"name": u, "base": None, "rules": rules})
        return tables


def overlap(a, b):
    def rng(x):
        ip, _, plen = x.partition("/")
        p = [int(v) for v in ip.split(".")]
        n = p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]
        plen = int(plen) if plen else 32
        lo = n & ((0xffffffff << (32 - plen)) & 0xffffffff)
        return lo, lo + (1 << (32 - plen)) - 1
    (a0, a1), (b0, b1) = rng(a), rng(b)
    return a0 <= b1 and b0 <= a1


def render(tables):
    out = []
    for t in tables:
        out.append("table %s %s {" % (t["family"], t["name"]))
        for _n, _k, s in t["sets"]:
            out.append("\t" + s)
        for s in t["maps"]:
            out.append("\t" + s)
        # regular chains first: a jump needs its target declared
        for c in sorted(t["chains"], key=lambda c: c["base"] is not None):
            out.append("\tchain %s {" % c["name"])
            if c["base"]:
                ctype, hook, prio, policy = c["base"]
                out.append("\t\ttype %s hook %s priority %d; policy %s;" % (ctype, hook, prio, policy))
            for rl in c["rules"]:
                out.append("\t\t" + rl)
            out.append("\t}")
        out.append("}")
    return "\n".join(out) + "\n"


def gen_packet(r, used_ports):
    kind = r.choice(["fwd", "fwd", "fwd", "in", "in", "out", "out", "self"])
    proto = r.choice(["tcp", "tcp", "udp", "udp", "icmp"])
    sport = r.randint(20000, 60000)
    while sport in used_ports:
        sport = r.randint(20000, 60000)
    used_ports.add(sport)
    pk = {"kind": kind, "proto": proto, "sport": sport, "dport": r.choice(PORTS)}
    if kind == "fwd":
        pk.update(src=r.choice(A_ADDRS * 2 + SPOOF), dst=r.choice(B_ADDRS + FAR), origin="a",
                  hooks=["prerouting", "forward", "postrouting"])
    elif kind == "in":
        pk.update(src=r.choice(A_ADDRS * 2 + SPOOF), dst=r.choice(DUT_ADDRS), origin="a",
                  hooks=["prerouting", "input"])
    elif kind == "out":
        pk.update(src=r.choice(DUT_ADDRS), dst=r.choice(B_ADDRS + FAR + A_ADDRS), origin="dut",
                  hooks=["output", "postrouting"])
    else:
        pk.update(src=r.choice(DUT_ADDRS), dst=r.choice(DUT_ADDRS), origin="dut",
                  hooks=["output", "postrouting", "prerouting", "input"])
    if proto == "icmp":
        pk["sport"] = pk["dport"] = None
    return pk


def pkt_str(pk):
    s = "%s %s -> %s %s" % ("from a on dut:eth1" if pk["origin"] == "a" else "locally generated on dut",
                            pk["src"], pk["dst"], pk["proto"])
    if pk["proto"] != "icmp":
        s += " sport %d dport %d" % (pk["sport"], pk["dport"])
    else:
        s += " echo-request"
    return s + " (60 bytes%s, new flow)" % (", TCP SYN" if pk["proto"] == "tcp" else "")


# ---------------------------------------------------------------- kernel and engine

class LoadError(RuntimeError):
    def __init__(self, msg, bad_lines):
        RuntimeError.__init__(self, msg)
        self.bad_lines = bad_lines


class Runner:
    def __init__(self, cli, scen):
        self.cli = cli
        self.scen = scen
        self.ipid = random.Random(os.getpid()).randint(1000, 20000)
        self.sock = {"a": G.socket_in("a"), "dut": G.socket_in("dut")}
        self.kernel_runs = 0
        norm = lambda mac: ":".join("%02x" % int(x, 16) for x in mac.split(":"))
        def came_from(mac):
            return lambda line: bool(re.search(r'\biif "eth0"', line)) and \
                bool(re.search(r"\bether saddr %s\b" % re.escape(mac), line))
        self.from_dut = {"a": came_from(norm(G.mac_of("dut", "eth1"))), "b": came_from(norm(G.mac_of("dut", "eth2")))}
        self.loaded = None

    def next_id(self):
        self.ipid += 1
        if self.ipid > 65000:
            self.ipid = 1000
        return self.ipid

    def load(self, text):
        """flush ruleset, load the trace table and text, flush conntrack; returns the
        listing (`nft -a list ruleset` without the trace table)."""
        path = os.path.join(G.TMP, "k.nft")
        with open(path, "w") as f:
            f.write("flush ruleset\n" + TRACE_TABLE + text)
        script = "nft -f %s || exit 3; conntrack -F >/dev/null 2>&1; nft -a list ruleset" % path
        p = subprocess.run(["ip", "netns", "exec", G.NS["dut"], "sh", "-c", script],
                           capture_output=True, text=True, timeout=30)
        if p.returncode != 0:
            # errors name lines of the file: the trace table and "flush ruleset" come first
            off = 1 + TRACE_TABLE.count("\n")
            bad = [int(x) - off for x in re.findall(r"k\.nft:(\d+):", p.stderr)]
            lines = text.splitlines()
            raise LoadError(p.stderr.strip(), [lines[i - 1] for i in bad if 0 < i <= len(lines)])
        listing = re.sub(r"(?ms)^table ip cs-trace \{.*?^\}\n", "", p.stdout)
        self.loaded = text
        return listing

    def kernel(self, pk):
        ipid = self.next_id()
        marks = {n: m.mark() for n, m in G.MONITORS.items()}
        data = G.craft(pk, ipid)
        self.kernel_runs += 1
        try:
            self.sock[pk["origin"]].sendto(data, (pk["dst"], 0))
        except PermissionError:
            pass  # dropped in output: the trace says where
        except OSError as e:
            return {"error": "send: %s" % e}
        t_end = time.monotonic() + 2.0
        time.sleep(0.03)
        while time.monotonic() < t_end:
            now = time.monotonic()
            if all(now - m.last > 0.05 for m in G.MONITORS.values()):
                break
            time.sleep(0.01)
        self.last_raw = G.MONITORS["dut"].since(marks["dut"])
        local = []
        ev = events_for_id(self.last_raw, ipid, local=local)
        arrived = [h for h in ("a", "b") if events_for_id(G.MONITORS[h].since(marks[h]), ipid, self.from_dut[h])
                   or any(("ip id %d " % ipid) in l and self.from_dut[h](l) for l in G.MONITORS[h].since(marks[h]))]
        # decisions only: the kernel leaves out some rules that end in `continue` (6.18 does
        # not report a matched rule whose last statement is a counter)
        steps = [(fam, table, chain, handle, v) for fam, table, chain, _kind, handle, v in ev if v != "continue"]
        drops = [s for s in steps if s[4] in ("drop", "policy drop")]
        if drops:
            verdict = "drop"
        elif arrived:
            verdict = "delivered"
        elif local:
            verdict = "accept-local"
        else:
            verdict = "lost"
        return {"steps": steps, "verdict": verdict, "arrived": arrived, "drops": drops}

    def engine_start(self, pk):
        cmd = [self.cli, "trace", self.scen, "--from", "dut:eth1" if pk["origin"] == "a" else "dut",
               "--dst", pk["dst"], "--src", pk["src"], "--proto", pk["proto"], "--json"]
        if pk["proto"] == "icmp":
            cmd += ["--icmp-type", "8"]
        else:
            cmd += ["--sport", str(pk["sport"]), "--dport", str(pk["dport"])]
        return cmd, subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def engine_finish(self, started):
        cmd, proc = started
        out, err = proc.communicate(timeout=60)
        if proc.returncode != 0:
            return {"error": "cli exit %d: %s" % (proc.returncode, (err or out).strip()[:500]), "cmd": cmd}
        try:
            d = json.loads(out)
        except ValueError as e:
            return {"error": "cli json: %s" % e, "cmd": cmd}
        br = d.get("branches", [])
        if not br:
            return {"error": "no branch", "cmd": cmd}
        b = br[0]
        steps = []
        for s in b["steps"]:
            if s.get("node") not in (None, "dut") or "family" not in s:
                continue
            if s.get("kind") == "policy":
                steps.append((s["family"], s["table"], s["chain"], 0, "policy " + s.get("action", "").split()[-1].lower()))
            elif s.get("kind") == "rule" and s.get("matched") and norm_action(s.get("action", "")) != "continue":
                steps.append((s["family"], s["table"], s["chain"], s.get("handle", -1), norm_action(s.get("action", ""))))
        # uncertain for another reason than a pinned numgen inc: not compared
        uncertain = b["verdict"]["kind"] == "uncertain" or \
            any(s.get("branch") and "numgen inc" not in s.get("text", "") for s in b["steps"])
        return {"steps": steps, "verdict": b["verdict"]["kind"], "uncertain": uncertain, "cmd": cmd, "raw": b}


def norm_action(a):
    a = a.strip()
    w = a.split()
    if not w:
        return "continue"
    if w[0] == "vmap" and ": " in a:
        return norm_action(a.split(": ", 1)[1])
    h = w[0].lower()
    if h in ("jump", "goto") and len(w) > 1:
        return "%s %s" % (h, w[1])
    if h in ("accept", "dnat", "snat", "masquerade", "redirect"):
        return "accept"
    if h in ("drop", "reject"):
        return "drop"
    if h == "return":
        return "return"
    return "continue"


def engine_verdict(kind):
    return {"accept-local": "accept-local", "delivered": "delivered", "forwarded": "delivered",
            "drop": "drop", "reject": "drop"}.get(kind, kind)


def compare(k, e):
    if "error" in k:
        return "kernel-error"
    if "error" in e:
        return "engine-error"
    if e["uncertain"]:
        return "uncertain"
    ev = engine_verdict(e["verdict"])
    if k["verdict"] == "lost":
        if ev in ("no-route", "drop") and k["steps"] == e["steps"]:
            return "agree"
        return "lost"
    if k["steps"] == e["steps"] and k["verdict"] == ev:
        return "agree"
    return "disagree"


def fmt_steps(steps):
    return "\n".join("#   %s %s %s %s -> %s" % (f, t, c, ("handle %d" % h) if h else "policy", v)
                     for f, t, c, h, v in steps) or "#   (none)"


# ---------------------------------------------------------------- main

def sanitize(runner, rs, verbose):
    """Drop the rules (or chains) nft refuses; True when the rule set loads."""
    for _ in range(8):
        text = render(rs)
        try:
            return runner.load(text)
        except LoadError as e:
            if not e.bad_lines:
                if verbose:
                    log("nft refused the rule set: %s" % str(e)[:300])
                return None
            for line in e.bad_lines:
                line = line.strip()
                if verbose:
                    log("nft refused: %s" % line)
                for t in rs:
                    for c in list(t["chains"]):
                        if c["base"] and line == "type %s hook %s priority %d; policy %s;" % c["base"]:
                            t["chains"].remove(c)
                        elif line in c["rules"]:
                            c["rules"].remove(line)
                    t["sets"] = [s for s in t["sets"] if line not in s[2]]
    return None


def run_ruleset(runner, text, listing, pkts, numgen):
    """kernel and engine for each packet of one rule set: [(pk, k, e)]"""
    with open(os.path.join(runner.scen, "dut.nft"), "w") as f:
        f.write(listing)
    started = [runner.engine_start(pk) for pk in pkts]
    res = []
    for i, pk in enumerate(pkts):
        if numgen and i > 0:
            runner.load(text)  # the counters start at 0 again
        k = runner.kernel(pk)
        res.append((pk, k))
    return [(pk, k, runner.engine_finish(s)) for (pk, k), s in zip(res, started)]


def reproducer(cls, pk, text, k, e, origin):
    head = ["# Chainscope nft oracle disagreement: %s" % cls,
            "# Found by oracle_nft_generated (%s)." % origin,
            "# packet-json: " + json.dumps({x: pk[x] for x in ("kind", "origin", "src", "dst", "proto", "sport", "dport", "hooks")}),
            "# kernel: %s" % k.get("verdict", k.get("error")), fmt_steps(k.get("steps", [])),
            "# engine: %s" % (e.get("verdict", e.get("error")) if e else "-"), fmt_steps(e.get("steps", []) if e else [])]
    return "\n".join(head) + "\n" + text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--seed", default=os.environ.get("CHAINSCOPE_ORACLE_SEED", "1"))
    ap.add_argument("--pairs", type=int, default=int(os.environ.get("CHAINSCOPE_ORACLE_NFT_PAIRS", "300")))
    ap.add_argument("--packets-per-ruleset", type=int, default=4)
    ap.add_argument("--replay", action="append", help="a reproducer (tests/oracle/disagreements/nft/NNN.nft)")
    ap.add_argument("--replay-too", action="append", help="a reproducer to replay after the generated pairs")
    ap.add_argument("--only", type=int, action="append")
    ap.add_argument("--out", help="write each disagreement's reproducer to DIR")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    seeds = [random.SystemRandom().randint(2, 10**6) if x.strip() == "random" else int(x)
             for x in str(args.seed).split(",") if x.strip()]
    if os.geteuid() != 0:
        G.skip("needs root (network namespaces, nft)")
    for t in ("ip", "nft", "conntrack", "stdbuf", "timeout"):
        if not shutil.which(t):
            log("ERROR: missing tool %s" % t)
            return 1
    if not os.access(args.cli, os.X_OK):
        log("ERROR: no chainscope-cli at %s" % args.cli)
        return 1
    probe = G.PREFIX + "probe"
    if subprocess.run(["ip", "netns", "add", probe], capture_output=True, timeout=20).returncode != 0:
        G.skip("network namespaces are not allowed here (ip netns add failed)")
    subprocess.run(["ip", "netns", "del", probe], capture_output=True, timeout=20)
    atexit.register(G.cleanup)
    signal.signal(signal.SIGTERM, G.on_signal)
    signal.signal(signal.SIGINT, G.on_signal)
    G.TMP = tempfile.mkdtemp(prefix="chainscope-nftgenerated.")
    G.KEEP = args.keep
    if args.keep:
        log("temp dir " + G.TMP)
    t0 = time.monotonic()
    G.build_topology()
    # the hosts drop what arrives in raw (iptables-nft): a reply must not muddle the traces
    scen = os.path.join(G.TMP, "scen")
    G.export_scenario(scen)
    with open(os.path.join(scen, "scenario.json"), "w") as f:
        json.dump({"name": "nftgenerated", "nodes": [{"name": "dut", "rules": ["dut.nft"],
                                                      "addresses": "dut.addr", "routes": "dut.route"}]}, f)
    budget = 120 + args.pairs * len(seeds) * 2
    for n in ("dut", "a", "b"):
        G.MONITORS[n] = NftMonitor(n, budget + 300)
    cli = os.path.join(G.TMP, "chainscope-cli")
    shutil.copy2(args.cli, cli)
    runner = Runner(cli, scen)
    time.sleep(0.5)
    # warm-up: the monitors must be subscribed
    warm = {"kind": "in", "proto": "icmp", "src": A_ADDRS[0], "dst": DUT_ADDRS[0], "origin": "a",
            "sport": None, "dport": None, "hooks": ["prerouting", "input"]}
    runner.load("table ip t0 {\n\tchain inp0 {\n\t\ttype filter hook input priority 0; policy accept;\n\t\tcounter\n\t}\n}\n")
    for _ in range(30):
        if runner.kernel(warm).get("verdict") == "accept-local":
            break
        time.sleep(0.3)
    else:
        log("ERROR: the trace monitor never saw the warm-up packet")
        return 1
    log("set up in %.1f s" % (time.monotonic() - t0))

    jobs = []  # (label, meta, rule set or reproducer text, [pk])
    for path in (args.replay or []) + (args.replay_too or []):
        with open(path) as f:
            body = f.read()
        pks = [json.loads(x) for x in re.findall(r"^# packet-json: (.*)$", body, re.M)]
        jobs.append((os.path.basename(path), None, body, pks))
    if not args.replay:
        for seed in seeds:
            log("seed %d: %d pairs (reproduce: --seed %d --pairs %d)" % (seed, args.pairs, seed, args.pairs))
            rng = random.Random(seed)
            pair = 0
            while pair < args.pairs:
                used = set()
                n = min(args.packets_per_ruleset, args.pairs - pair)
                pkts = [gen_packet(rng, used) for _ in range(n)]
                g = Gen(rng, pkts)
                rs = g.ruleset()
                labels = list(range(pair + 1, pair + n + 1))
                pair += n
                if args.only and not any(x in args.only for x in labels):
                    continue
                jobs.append(("seed %d pairs %d-%d" % (seed, labels[0], labels[-1]), (seed, labels, g.feat), rs, pkts))

    counts, verdicts, cov = collections.Counter(), collections.Counter(), collections.Counter()
    failures = []
    start = time.monotonic()
    refused = 0
    for label, meta, rs, pkts in jobs:
        if isinstance(rs, str):
            text = "\n".join(l for l in rs.splitlines() if not l.startswith("#")) + "\n"
            try:
                listing = runner.load(text)
            except LoadError as e:
                log("%s: nft refused the reproducer: %s" % (label, e))
                counts["kernel-error"] += 1
                continue
        else:
            listing = sanitize(runner, rs, args.verbose)
            if listing is None:
                refused += 1
                counts["refused"] += len(pkts)
                continue
            text = render(rs)
        numgen = "numgen inc" in text
        for i, (pk, k, e) in enumerate(run_ruleset(runner, text, listing, pkts, numgen)):
            tag = "%s #%d" % (label, i + 1) if meta is None else "seed %d pair %d" % (meta[0], meta[1][i])
            if meta and args.only and meta[1][i] not in args.only:
                continue
            res = compare(k, e)
            if res in ("disagree", "lost"):
                # confirm on a fresh load: a lagging monitor must not make a failure
                runner.load(text)
                k2 = runner.kernel(pk)
                if k2.get("steps") != k.get("steps") or k2.get("verdict") != k.get("verdict"):
                    res2 = compare(k2, e)
                    if res2 == "agree":
                        log("%s: the kernel's first trace was incomplete (%s); the second agrees" % (tag, k.get("verdict")))
                        res, k = "agree", k2
                    else:
                        res = "unstable" if res == "disagree" else res
                if numgen:
                    runner.load(text)
            counts[res] += 1
            verdicts[k.get("verdict", "error")] += 1
            if args.verbose or res not in ("agree", "uncertain"):
                log("%s: %s: %s -> kernel %s, engine %s" % (tag, res.upper() if res != "agree" else "ok", pkt_str(pk),
                                                            k.get("verdict", k.get("error")), e.get("verdict", e.get("error"))))
            if res in ("disagree", "lost", "engine-error", "kernel-error"):
                failures.append((tag, res, text, pk, k, e))
        if meta:
            cov.update(meta[2])
    elapsed = time.monotonic() - start
    for i, (tag, res, text, pk, k, e) in enumerate(failures):
        print("=" * 78)
        print("DISAGREEMENT %d (%s): %s" % (i + 1, tag, res))
        print("packet: " + pkt_str(pk))
        body = reproducer(res, pk, text, k, e, tag)
        print(body)
        if e and e.get("cmd"):
            print("# engine: " + " ".join(e["cmd"]))
        if args.out:
            os.makedirs(args.out, exist_ok=True)
            with open(os.path.join(args.out, re.sub(r"\W+", "-", tag) + ".nft"), "w") as f:
                f.write(body)
    print("=" * 78)
    failed = sum(counts[x] for x in ("disagree", "lost", "engine-error", "kernel-error"))
    total = sum(counts.values())
    print("seeds %s: %d pairs in %.0f s (%d packets sent); kernel verdicts: %s" % (
        ",".join(map(str, seeds)) if not args.replay else "-", total, elapsed, runner.kernel_runs,
        ", ".join("%s %d" % kv for kv in sorted(verdicts.items()))))
    print("uncertain (not compared): %d; unstable kernel traces: %d; pairs of rule sets nft refused: %d" % (
        counts["uncertain"], counts["unstable"], counts["refused"]))
    if cov:
        print("generated features: " + ", ".join("%s %d" % kv for kv in sorted(cov.items())))
    print("%d passed, %d failed" % (counts["agree"], failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
