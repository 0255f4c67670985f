#!/usr/bin/env python3
"""Suite 2 of the kernel oracle: generated differential testing.

One topology for the whole run (network namespaces, unique prefix, deleted at exit):

    a (10.1.0.2, 10.1.0.3) --veth-- eth1 [dut] eth2 --veth-- b (10.2.0.2, 10.2.0.3)
                                         dummy0 10.3.0.1/24 (a dut address on no link)
    dut: ip_forward=1, rp_filter=0, default via 10.2.0.2 (b)

For every pair (seeded random iptables rule set, random packet) the rule set is loaded
into dut with iptables-restore (nf_tables backend, a TRACE rule first in raw PREROUTING
and OUTPUT), conntrack is flushed, the packet is sent for real with a raw socket
(IP_HDRINCL, a unique IP ID), and what `xtables-monitor --trace` reports in dut (and in
a and b, whose raw PREROUTING traces and drops everything: "did it arrive") is compared
with `chainscope-cli trace ... --json` on the same rules and packet: the sequence of
matched rules and policies (table, chain, rule number, verdict) and the final verdict.
A disagreement is shrunk (rules removed while it persists) and printed; the run fails.

IPv6 (--family 6, issue 15): the same topology with a /64 per link (a 2001:db8:1::2/3,
dut eth1 2001:db8:1::1, eth2 2001:db8:2::1, b 2001:db8:2::2/3, dummy0 2001:db8:3::1/64;
forwarding on, no DAD, no router solicitations, no automatic flow labels, static
neighbours), ip6tables rule sets (/128 and /64 prefixes, ipv6-icmp with --icmpv6-type,
addrtype without BROADCAST, REJECT --reject-with icmp6-*/tcp-reset, DNAT/SNAT to
[addr]:port) loaded with ip6tables-restore, packets sent through an AF_INET6 IPPROTO_RAW
socket (which implies IPV6_HDRINCL) and identified by their flow label where IPv4 uses the
IP ID, and `nft -a monitor trace` read instead of xtables-monitor (which prints ip6 rules
with IPv4 addresses and stops at some IPv6 matches). The engine reads `ip -j addr` and
`ip -6 -j route show table all` and the rules as {"file": ..., "family": "ipv6"}.
--kernel-only runs the kernel side alone (no engine, nothing compared).

Usage (root; tests/oracle/generated.sh picks /usr/bin/python3):
  generated.py --cli PATH [--seed 1,random] [--pairs N] [--out DIR] [--only N] [-v]
  generated.py --cli PATH --replay tests/oracle/disagreements/NNN.txt
  generated.py --cli PATH --family 6 [...]      (or --ipv6) the IPv6 mode
A replay takes the family from the reproducer's packet; reproducers of both families in
one call run as two runs, one per family.
--seed takes a comma-separated list ("random": a fresh seed, printed); --pairs is per seed.
Defaults from the environment: CHAINSCOPE_ORACLE_SEED (1), CHAINSCOPE_ORACLE_PAIRS (300),
CHAINSCOPE_ORACLE_SHRINK_BUDGET (90 s of shrinking per run). To reproduce a failure:
--seed S --pairs N --only P (the generation is unchanged, only pair P runs).
Exit 0: all agree; 1: disagreements (or a broken run); 77: skipped (no root/namespaces).
Known disagreements (engine bugs for the lead) are in tests/oracle/disagreements/.
"""
import argparse
import atexit
import collections
import copy
import ctypes
import json
import os
import ipaddress
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nftrace  # noqa: E402  (save_tables, nft_positions, verdict_text)

PREFIX = "csg%d-" % os.getpid()
NS = {}             # logical name -> namespace name
MONITORS = {}       # logical name -> Monitor
TMP = None
KEEP = None
T0 = time.monotonic()


def log(msg):
    print("[generated] " + msg, file=sys.stderr, flush=True)


def skip(msg):
    print("[generated] SKIP: " + msg, file=sys.stderr, flush=True)
    sys.exit(77)


def run(cmd, ns=None, inp=None, timeout=20, check=True):
    if ns is not None:
        cmd = ["ip", "netns", "exec", NS[ns]] + cmd
    p = subprocess.run(cmd, input=inp, capture_output=True, text=True, timeout=timeout)
    if check and p.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), p.returncode, p.stderr.strip()))
    return p.stdout


# ---------------------------------------------------------------- topology

A_ADDRS = ["10.1.0.2", "10.1.0.3"]
B_ADDRS = ["10.2.0.2", "10.2.0.3"]
DUT_ADDRS = ["10.1.0.1", "10.2.0.1", "10.3.0.1"]
FAR = ["198.51.100.7", "203.0.113.9"]          # beyond b (dut's default route)
SPOOF = ["10.1.0.9", "192.0.2.10", "10.2.0.3"]  # sources a may claim (rp_filter is off)
BCAST = "10.1.0.255"
FAMILY = 4          # 6 with --family 6: use_family() rebinds the addresses and tools below
ICMP = "icmp"       # the protocol name of ICMP in this family's rules and packets
SAVE, RESTORE, NFT_FAMILY = "iptables-save", "iptables-restore", "ip"
HOST_PLEN = 32      # a single address as a prefix length

# IPv6 (--family 6): the same topology, one /64 per link (addresses usable at once: nodad,
# accept_dad=0; no router solicitations, no automatic flow labels).
A6_ADDRS = ["2001:db8:1::2", "2001:db8:1::3"]
B6_ADDRS = ["2001:db8:2::2", "2001:db8:2::3"]
DUT6_ADDRS = ["2001:db8:1::1", "2001:db8:2::1", "2001:db8:3::1"]
FAR6 = ["2001:db8:51::7", "2001:db8:113::9"]
SPOOF6 = ["2001:db8:1::9", "2001:db8:f::10", "2001:db8:2::3"]
# fixed MAC addresses, so that the link-local addresses (and a reproducer's packet) are the
# same on every run
MAC6 = {("dut", "eth1"): "02:00:00:00:01:01", ("a", "eth0"): "02:00:00:00:01:02",
        ("dut", "eth2"): "02:00:00:00:02:01", ("b", "eth0"): "02:00:00:00:02:02"}
DUT6_LL = "fe80::ff:fe00:101"  # dut eth1's link-local address (from its MAC)


def use_family(f):
    """Switch the module to family f (4 or 6) before anything is generated or built."""
    global FAMILY, A_ADDRS, B_ADDRS, DUT_ADDRS, FAR, SPOOF, BCAST, ICMP, SAVE, RESTORE, NFT_FAMILY, HOST_PLEN
    FAMILY = f
    if f == 6:
        A_ADDRS, B_ADDRS, DUT_ADDRS, FAR, SPOOF = A6_ADDRS, B6_ADDRS, DUT6_ADDRS, FAR6, SPOOF6
        BCAST, ICMP, HOST_PLEN = None, "ipv6-icmp", 128
        SAVE, RESTORE, NFT_FAMILY = "ip6tables-save", "ip6tables-restore", "ip6"


def is_icmp(proto):
    return proto in ("icmp", "ipv6-icmp")


def cleanup():
    for m in list(MONITORS.values()):
        m.stop()
    MONITORS.clear()
    for ns in reversed(list(NS.values())):
        subprocess.run(["ip", "netns", "del", ns], capture_output=True, timeout=20)
    NS.clear()
    if TMP and os.path.isdir(TMP) and not KEEP:
        shutil.rmtree(TMP, ignore_errors=True)
    left = [l.split()[0] for l in subprocess.run(["ip", "netns", "list"], capture_output=True,
                                                   text=True, timeout=20).stdout.splitlines()
            if l.startswith(PREFIX)]
    if left:
        log("WARNING: namespaces left behind: " + " ".join(left))


def on_signal(signum, _frame):
    sys.exit(128 + signum)


def mac_of(ns, ifc):
    out = run(["ip", "-n", NS[ns], "-o", "link", "show", ifc])
    return re.search(r"link/ether (\S+)", out).group(1)


def build_topology():
    if FAMILY == 6:
        return build_topology6()
    for n in ("dut", "a", "b"):
        NS[n] = PREFIX + n
        run(["ip", "netns", "add", NS[n]])
        run(["sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0",
             "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"], ns=n)
        run(["ip", "-n", NS[n], "link", "set", "lo", "up"])
    run(["sysctl", "-qw", "net.ipv4.ip_forward=1"], ns="dut")
    d = NS["dut"]
    run(["ip", "-n", d, "link", "add", "eth1", "type", "veth", "peer", "name", "eth0", "netns", NS["a"]])
    run(["ip", "-n", d, "link", "add", "eth2", "type", "veth", "peer", "name", "eth0", "netns", NS["b"]])
    try:
        run(["ip", "-n", d, "link", "add", "dummy0", "type", "dummy"])
    except RuntimeError:
        run(["ip", "-n", d, "link", "add", "dummy0", "type", "veth", "peer", "name", "dummy0-p"])
    run(["ip", "-n", d, "addr", "add", "10.1.0.1/24", "brd", BCAST, "dev", "eth1"])
    run(["ip", "-n", d, "addr", "add", "10.2.0.1/24", "brd", "10.2.0.255", "dev", "eth2"])
    run(["ip", "-n", d, "addr", "add", "10.3.0.1/24", "brd", "10.3.0.255", "dev", "dummy0"])
    for h, addrs, gw in (("a", A_ADDRS, "10.1.0.1"), ("b", B_ADDRS, "10.2.0.1")):
        for x in addrs:
            run(["ip", "-n", NS[h], "addr", "add", x + "/24", "dev", "eth0"])
        run(["ip", "-n", NS[h], "link", "set", "eth0", "up"])
    for ifc in ("eth1", "eth2", "dummy0"):
        run(["ip", "-n", d, "link", "set", ifc, "up"])
    run(["ip", "-n", NS["a"], "route", "add", "default", "via", "10.1.0.1"])
    run(["ip", "-n", NS["b"], "route", "add", "default", "via", "10.2.0.1"])
    run(["ip", "-n", d, "route", "add", "default", "via", "10.2.0.2", "dev", "eth2"])
    # static neighbours: no ARP delays, and every pool address on a link is "someone"
    amac, bmac = mac_of("a", "eth0"), mac_of("b", "eth0")
    for i in range(2, 21):
        run(["ip", "-n", d, "neigh", "replace", "10.1.0.%d" % i, "lladdr", amac, "dev", "eth1", "nud", "permanent"])
        run(["ip", "-n", d, "neigh", "replace", "10.2.0.%d" % i, "lladdr", bmac, "dev", "eth2", "nud", "permanent"])
    run(["ip", "-n", NS["a"], "neigh", "replace", "10.1.0.1", "lladdr", mac_of("dut", "eth1"), "dev", "eth0", "nud", "permanent"])
    run(["ip", "-n", NS["b"], "neigh", "replace", "10.2.0.1", "lladdr", mac_of("dut", "eth2"), "dev", "eth0", "nud", "permanent"])
    # hosts: trace then drop whatever arrives (no replies that would muddle the traces)
    for h in ("a", "b"):
        run(["iptables-restore"], ns=h, inp="*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
            "-A PREROUTING -j TRACE\n-A PREROUTING -j DROP\nCOMMIT\n")


def build_topology6():
    """The IPv6 twin of build_topology(): a 2001:db8:1::2/3 -- eth1 [dut] eth2 -- b
    2001:db8:2::2/3, dummy0 2001:db8:3::1/64, dut forwards, default via b; static
    neighbours (no neighbour discovery that a DROP policy would break)."""
    for n in ("dut", "a", "b"):
        NS[n] = PREFIX + n
        run(["ip", "netns", "add", NS[n]])
        # default.* before the links exist, all.* for the running ones: no DAD, no RS, no
        # automatic flow labels (the flow label identifies our packets)
        run(["sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0", "net.ipv6.conf.all.disable_ipv6=0",
             "net.ipv6.conf.default.disable_ipv6=0", "net.ipv6.conf.all.accept_dad=0",
             "net.ipv6.conf.default.accept_dad=0", "net.ipv6.conf.all.router_solicitations=0",
             "net.ipv6.conf.default.router_solicitations=0", "net.ipv6.conf.all.accept_ra=0",
             "net.ipv6.conf.default.accept_ra=0", "net.ipv6.auto_flowlabels=0",
             "net.ipv6.conf.all.use_tempaddr=0", "net.ipv6.conf.default.use_tempaddr=0"], ns=n)
        run(["ip", "-n", NS[n], "link", "set", "lo", "up"])
    run(["sysctl", "-qw", "net.ipv6.conf.all.forwarding=1", "net.ipv6.conf.default.forwarding=1"], ns="dut")
    d = NS["dut"]
    for ifc, h in (("eth1", "a"), ("eth2", "b")):
        run(["ip", "-n", d, "link", "add", ifc, "address", MAC6[("dut", ifc)], "type", "veth", "peer", "name", "eth0",
             "netns", NS[h], "address", MAC6[(h, "eth0")]])
    try:
        run(["ip", "-n", d, "link", "add", "dummy0", "type", "dummy"])
    except RuntimeError:
        run(["ip", "-n", d, "link", "add", "dummy0", "type", "veth", "peer", "name", "dummy0-p"])
    for ifc, a in (("eth1", "2001:db8:1::1/64"), ("eth2", "2001:db8:2::1/64"), ("dummy0", "2001:db8:3::1/64")):
        run(["ip", "-n", d, "addr", "add", a, "dev", ifc, "nodad"])
    for h, addrs in (("a", A_ADDRS), ("b", B_ADDRS)):
        for x in addrs:
            run(["ip", "-n", NS[h], "addr", "add", x + "/64", "dev", "eth0", "nodad"])
        run(["ip", "-n", NS[h], "link", "set", "eth0", "up"])
    for ifc in ("eth1", "eth2", "dummy0"):
        run(["ip", "-n", d, "link", "set", ifc, "up"])
    run(["ip", "-n", NS["a"], "-6", "route", "add", "default", "via", "2001:db8:1::1"])
    run(["ip", "-n", NS["b"], "-6", "route", "add", "default", "via", "2001:db8:2::1"])
    run(["ip", "-n", d, "-6", "route", "add", "default", "via", "2001:db8:2::2", "dev", "eth2"])
    amac, bmac = mac_of("a", "eth0"), mac_of("b", "eth0")
    for i in range(2, 21):
        run(["ip", "-n", d, "neigh", "replace", "2001:db8:1::%x" % i, "lladdr", amac, "dev", "eth1", "nud", "permanent"])
        run(["ip", "-n", d, "neigh", "replace", "2001:db8:2::%x" % i, "lladdr", bmac, "dev", "eth2", "nud", "permanent"])
    run(["ip", "-n", NS["a"], "neigh", "replace", "2001:db8:1::1", "lladdr", mac_of("dut", "eth1"), "dev", "eth0", "nud", "permanent"])
    run(["ip", "-n", NS["a"], "neigh", "replace", DUT6_LL, "lladdr", mac_of("dut", "eth1"), "dev", "eth0", "nud", "permanent"])
    run(["ip", "-n", NS["b"], "neigh", "replace", "2001:db8:2::1", "lladdr", mac_of("dut", "eth2"), "dev", "eth0", "nud", "permanent"])
    for h in ("a", "b"):
        run(["ip6tables-restore"], ns=h, inp="*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
            "-A PREROUTING -j TRACE\n-A PREROUTING -j DROP\nCOMMIT\n")


def export_scenario(dirpath):
    os.makedirs(dirpath, exist_ok=True)
    time.sleep(0.2)
    if FAMILY == 6:
        # the formats the IPv6 engine names: ip -j addr (both families), ip -6 -j route (all tables)
        with open(os.path.join(dirpath, "dut.addr"), "w") as f:
            f.write(run(["ip", "-j", "addr"], ns="dut"))
        with open(os.path.join(dirpath, "dut.route"), "w") as f:
            f.write(run(["ip", "-6", "-j", "route", "show", "table", "all"], ns="dut"))
        return
    with open(os.path.join(dirpath, "dut.addr"), "w") as f:
        f.write(run(["ip", "-o", "addr"], ns="dut"))
    with open(os.path.join(dirpath, "dut.route"), "w") as f:
        f.write(run(["ip", "route"], ns="dut"))


# ---------------------------------------------------------------- raw sockets in namespaces

_libc = ctypes.CDLL("libc.so.6", use_errno=True)
CLONE_NEWNET = 0x40000000


def socket_in(ns):
    """A raw IPPROTO_RAW socket (IP_HDRINCL) created inside namespace ns (this thread
    enters it and comes back). IPv6: AF_INET6 with IPPROTO_RAW, which implies
    IPV6_HDRINCL (the header we build is sent as it is, flow label included)."""
    me = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    target = os.open("/run/netns/" + NS[ns], os.O_RDONLY)
    try:
        if _libc.setns(target, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns")
        try:
            if FAMILY == 6:
                s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
            else:
                s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        finally:
            if _libc.setns(me, CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), "setns back")
    finally:
        os.close(me)
        os.close(target)
    return s


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


PROTO_NUM = {"tcp": 6, "udp": 17, "icmp": 1, "ipv6-icmp": 58}
V6_LEN = 80  # IPv6 packets: the IPv4 packet's transport part behind a 40-byte header


def craft6(pkt, flow):
    """IPv6 (flow label = flow, hop limit 64) + the same TCP SYN / UDP / ICMPv6 echo
    request as craft(): V6_LEN bytes in all."""
    src, dst = socket.inet_pton(socket.AF_INET6, pkt["src"]), socket.inet_pton(socket.AF_INET6, pkt["dst"])
    proto = PROTO_NUM[pkt["proto"]]
    room = V6_LEN - 40
    pseudo = lambda n, nh: src + dst + struct.pack("!IxxxB", n, nh)
    if pkt["proto"] == "tcp":
        opts = struct.pack("!BBH", 2, 4, 1460) + b"\x01" * (room - 24) if room >= 24 else b""
        hdr = struct.pack("!HHIIBBHHH", pkt["sport"], pkt["dport"], 0x1000 + flow, 0,
                          ((20 + len(opts)) // 4) << 4, 0x02, 64240, 0, 0) + opts
        hdr += b"z" * (room - len(hdr))
        l4 = hdr[:16] + struct.pack("!H", csum(pseudo(len(hdr), 6) + hdr)) + hdr[18:]
    elif pkt["proto"] == "udp":
        h = struct.pack("!HHHH", pkt["sport"], pkt["dport"], room, 0) + b"x" * (room - 8)
        l4 = h[:6] + struct.pack("!H", csum(pseudo(room, 17) + h) or 0xffff) + h[8:]
    else:
        h = struct.pack("!BBHHH", 128, 0, 0, flow & 0xffff, 1) + b"y" * (room - 8)
        l4 = h[:2] + struct.pack("!H", csum(pseudo(room, 58) + h)) + h[4:]
    return struct.pack("!IHBB16s16s", (6 << 28) | (flow & 0xfffff), len(l4), proto, 64, src, dst) + l4


def craft(pkt, ipid):
    """IPv4 + TCP SYN (20 bytes of options) / UDP (32 bytes) / ICMP echo (32 bytes):
    60 bytes in all, the engine's default packet length."""
    src, dst = socket.inet_aton(pkt["src"]), socket.inet_aton(pkt["dst"])
    proto = PROTO_NUM[pkt["proto"]]
    if pkt["proto"] == "tcp":
        opts = struct.pack("!BBH", 2, 4, 1460) + b"\x01" * 16
        hdr = struct.pack("!HHIIBBHHH", pkt["sport"], pkt["dport"], 0x1000 + ipid, 0,
                          (10 << 4), 0x02, 64240, 0, 0) + opts
        pseudo = src + dst + struct.pack("!BBH", 0, 6, len(hdr))
        c = csum(pseudo + hdr)
        l4 = hdr[:16] + struct.pack("!H", c) + hdr[18:]
    elif pkt["proto"] == "udp":
        payload = b"x" * 32
        ulen = 8 + len(payload)
        h = struct.pack("!HHHH", pkt["sport"], pkt["dport"], ulen, 0) + payload
        c = csum(src + dst + struct.pack("!BBH", 0, 17, ulen) + h) or 0xffff
        l4 = h[:6] + struct.pack("!H", c) + h[8:]
    else:
        payload = b"y" * 32
        h = struct.pack("!BBHHH", 8, 0, 0, ipid, 1) + payload
        l4 = h[:2] + struct.pack("!H", csum(h)) + h[4:]
    total = 20 + len(l4)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, ipid, 0, 64, proto, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return ip + l4


# ---------------------------------------------------------------- trace monitors

NFT_PACKET = re.compile(r"^trace id ([0-9a-f]+) ip6 (\S+) (\S+) packet: (.*)$")
# "rule TEXT # handle N (verdict V)", or "unknown rule handle N (verdict V)" when the rule was
# added after the monitor read the rule set (every rule set here is)
NFT_RULE = re.compile(r"^trace id ([0-9a-f]+) ip6 (\S+) (\S+) (?:unknown )?rule (.*?)\s*(?:# )?handle (\d+) \(verdict ([^)]*)\)\s*$")
NFT_POLICY = re.compile(r"^trace id ([0-9a-f]+) ip6 (\S+) (\S+) policy (\S+)")
NFT_VERDICT = re.compile(r"^trace id ([0-9a-f]+) ip6 (\S+) (\S+) verdict (\S+)")


def nft_trace_as_xtables(line):
    """A line of `nft -a monitor trace` (ip6) in xtables-monitor --trace's form, the one
    events_for_id() reads: "PACKET: 10 ID IN=.. OUT=.. MACSRC=.. FLOWLBL=N" and
    " TRACE: 10 ID table:chain:rule:0xHANDLE:VERDICT  text" (or :policy:/:return:).
    xtables-monitor 1.8.9 prints ip6 rules with IPv4 addresses and stops printing at
    some IPv6 matches, so the IPv6 mode reads nft's trace instead."""
    m = NFT_PACKET.match(line)
    if m:
        f = m.group(4)
        parts = []
        for key, rx in (("IN", r'\biif "([^"]+)"'), ("OUT", r'\boif "([^"]+)"'),
                        ("MACSRC", r"\bether saddr (\S+)"), ("FLOWLBL", r"\bip6 flowlabel (\d+)")):
            x = re.search(rx, f)
            if x:
                parts.append("%s=%s" % (key, x.group(1)))
        return "PACKET: 10 %s %s" % (m.group(1), " ".join(parts))
    m = NFT_RULE.match(line)
    if m:
        v = m.group(6).split()
        verdict = "%s:%s" % (v[0].upper(), v[1]) if len(v) > 1 else v[0].upper()
        return " TRACE: 10 %s %s:%s:rule:0x%x:%s  %s" % (m.group(1), m.group(2), m.group(3), int(m.group(5)),
                                                       verdict, m.group(4))
    m = NFT_POLICY.match(line)
    if m:
        return " TRACE: 10 %s %s:%s:policy:%s " % (m.group(1), m.group(2), m.group(3), m.group(4).upper())
    m = NFT_VERDICT.match(line)
    if m:
        return " TRACE: 10 %s %s:%s:return:%s " % (m.group(1), m.group(2), m.group(3), m.group(4).upper())
    return line


class Monitor:
    def __init__(self, name, seconds):
        self.name = name
        self.lines = []
        self.lock = threading.Lock()
        self.last = time.monotonic()
        tool = ["nft", "-a", "monitor", "trace"] if FAMILY == 6 else ["xtables-monitor", "--trace"]
        self.proc = subprocess.Popen(
            ["timeout", str(seconds), "ip", "netns", "exec", NS[name], "stdbuf", "-oL"] + tool,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, errors="replace")
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        conv = nft_trace_as_xtables if FAMILY == 6 else (lambda x: x)
        for line in self.proc.stdout:
            with self.lock:
                self.lines.append(conv(line.rstrip("\n")))
                self.last = time.monotonic()

    def mark(self):
        with self.lock:
            return len(self.lines)

    def since(self, idx):
        with self.lock:
            return self.lines[idx:]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=3)


def events_for_id(lines, ipid, need=None):
    """(table, chain, kind, handle, verdict, text) of the packet whose IP ID is ipid
    (IPv6: whose flow label is ipid; need: a regex the PACKET line must match, e.g. the
    interface it came in on)."""
    tid_id, out = {}, []
    idre = r"\bFLOWLBL=(\d+)\b" if FAMILY == 6 else r"\bID=(\d+)\b"
    for line in lines:
        m = re.match(r"^PACKET: \d+ ([0-9a-f]+) (.*)$", line)
        if m:
            idm = re.search(idre, m.group(2))
            tid_id[m.group(1)] = int(idm.group(1)) if idm else None
            if need and not need(m.group(2)):
                tid_id[m.group(1)] = None
            continue
        m = re.match(r"^\s*TRACE: \d+ ([0-9a-f]+) (.*)$", line)
        if not m or tid_id.get(m.group(1)) != ipid:
            continue
        spec, _, text = m.group(2).partition("  ")
        f = spec.strip().split(":")
        if len(f) < 3:
            continue
        table, chain, kind = f[0], f[1], f[2]
        if kind == "rule":
            out.append((table, chain, kind, int(f[3], 16), ":".join(f[4:]), text.strip()))
        else:
            out.append((table, chain, kind, None, ":".join(f[3:]), text.strip()))
    return out


# ---------------------------------------------------------------- rule generation

TABLES = collections.OrderedDict([
    ("raw", ["PREROUTING", "OUTPUT"]),
    ("mangle", ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"]),
    ("nat", ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"]),
    ("filter", ["INPUT", "FORWARD", "OUTPUT"]),
])
IN_HOOKS = {"PREROUTING", "INPUT", "FORWARD"}
OUT_HOOKS = {"FORWARD", "OUTPUT", "POSTROUTING"}
IFACES = ["eth1", "eth2", "dummy0", "lo"]
MARKS = [0x1, 0x2, 0x3, 0x10, 0x11]
MASKS = [0xff, 0xf, 0x1, 0x3, 0xffffffff]
PORTS = [22, 53, 80, 443, 8080, 40000, 12345]


class Gen:
    def __init__(self, rng, packets):
        self.r = rng
        self.pk = packets
        self.feat = set()

    def p(self, x):
        return self.r.random() < x

    def addr_of_pkt(self):
        pk = self.r.choice(self.pk)
        return pk["src"] if self.p(0.5) else pk["dst"]

    def any_addr(self):
        if self.p(0.7):
            return self.addr_of_pkt()
        return self.r.choice(A_ADDRS + B_ADDRS + DUT_ADDRS + FAR + SPOOF)

    def cidr(self):
        a = self.any_addr()
        if FAMILY == 6:
            plen = self.r.choice([128, 128, 64, 64, 48, 32, 120, 0])
            return "::/0" if plen == 0 else str(ipaddress.ip_network("%s/%d" % (a, plen), strict=False))
        plen = self.r.choice([32, 32, 24, 24, 16, 8, 30, 0])
        if plen == 0:
            return "0.0.0.0/0"
        n = struct.unpack("!I", socket.inet_aton(a))[0] & ((0xffffffff << (32 - plen)) & 0xffffffff)
        return "%s/%d" % (socket.inet_ntoa(struct.pack("!I", n)), plen)

    def neg(self, x=0.25):
        return "! " if self.p(x) else ""

    def port(self):
        if self.p(0.7):
            pk = self.r.choice(self.pk)
            if not is_icmp(pk["proto"]):
                return pk["dport"] if self.p(0.6) else pk["sport"]
        return self.r.choice(PORTS)

    def portspec(self):
        a = self.port()
        if self.p(0.3):
            lo, hi = max(0, a - self.r.choice([0, 1, 10, 100])), min(65535, a + self.r.choice([0, 5, 1000]))
            return "%d:%d" % (lo, hi)
        return str(a)

    def ip_range(self):
        if FAMILY == 6:
            a = int(ipaddress.IPv6Address(self.any_addr()))
            lo = a - self.r.choice([0, 1, 5, 300])
            hi = a + self.r.choice([0, 2, 50])
            if self.p(0.2):
                lo, hi = a + 1, a + 10
            lo, hi = max(0, lo), min((1 << 128) - 1, hi)
            return "%s-%s" % (ipaddress.IPv6Address(lo), ipaddress.IPv6Address(hi))
        a = struct.unpack("!I", socket.inet_aton(self.any_addr()))[0]
        lo = a - self.r.choice([0, 1, 5, 300])
        hi = a + self.r.choice([0, 2, 50])
        if self.p(0.2):
            lo, hi = a + 1, a + 10  # just past
        lo, hi = max(0, lo), min(0xffffffff, hi)
        f = lambda v: socket.inet_ntoa(struct.pack("!I", v))
        return "%s-%s" % (f(lo), f(hi))

    def matches(self, table, hook, chain_idx):
        m, feats = [], set()
        r = self.r
        proto = None
        if self.p(0.5):
            pk = r.choice(self.pk)
            proto = pk["proto"] if self.p(0.8) else r.choice(["tcp", "udp", ICMP])
        for opt in ("-s", "-d"):
            if self.p(0.35):
                c = self.cidr()
                # iptables-nft refuses "! -s 0.0.0.0/0"
                m.append(("" if c.endswith("/0") else self.neg()) + opt + " " + c); feats.add(opt)
        if hook in IN_HOOKS and self.p(0.25):
            i = r.choice(IFACES + ["eth+", "e+", "dum+"])
            m.append(self.neg() + "-i " + i); feats.add("-i")
        if hook in OUT_HOOKS and self.p(0.25):
            i = r.choice(IFACES + ["eth+", "e+", "dum+"])
            m.append(self.neg() + "-o " + i); feats.add("-o")
        if proto:
            if self.p(0.1) and not is_icmp(proto):
                m.append("! -p " + proto); feats.add("-p"); proto = None
            else:
                m.append("-p " + proto); feats.add("-p")
        if proto in ("tcp", "udp"):
            if self.p(0.4):
                m.append("-m %s %s--dport %s" % (proto, self.neg(0.15), self.portspec())); feats.add("--dport")
            if self.p(0.25):
                m.append("-m %s %s--sport %s" % (proto, self.neg(0.15), self.portspec())); feats.add("--sport")
            if self.p(0.2):
                ps = ",".join(sorted({str(self.port()) for _ in range(r.randint(1, 3))} |
                                     ({"%d:%d" % (1000, 2000)} if self.p(0.3) else set())))
                m.append("-m multiport %s--%s %s" % (self.neg(0.15), r.choice(["dports", "sports", "ports"]), ps))
                feats.add("multiport")
        if proto == "ipv6-icmp" and self.p(0.3):
            m.append("-m icmp6 %s--icmpv6-type %s" % (self.neg(0.15), r.choice(
                ["128", "echo-request", "129", "128/0", "destination-unreachable", "echo-request"])))
            feats.add("--icmpv6-type")
        if proto == "icmp" and self.p(0.3):
            m.append("-m icmp %s--icmp-type %s" % (self.neg(0.15), r.choice(["8", "echo-request", "0", "8/0"])))
            feats.add("--icmp-type")
        if self.p(0.2):
            st = r.choice(["NEW", "ESTABLISHED", "INVALID", "NEW,ESTABLISHED", "RELATED,ESTABLISHED",
                           "DNAT", "SNAT", "NEW,DNAT", "DNAT,SNAT", "UNTRACKED", "NEW,INVALID"])
            if self.p(0.25) and "DNAT" not in st and "SNAT" not in st:
                m.append("-m state %s--state %s" % (self.neg(0.15), st)); feats.add("state")
            else:
                m.append("-m conntrack %s--ctstate %s" % (self.neg(0.15), st)); feats.add("conntrack")
        if self.p(0.15):
            mm = r.choice(MARKS + [0])
            mask = "/0x%x" % r.choice(MASKS) if self.p(0.5) else ""
            m.append("-m mark %s--mark 0x%x%s" % (self.neg(0.2), mm, mask)); feats.add("mark")
        if self.p(0.1):
            mm = r.choice(MARKS + [0])
            mask = "/0x%x" % r.choice(MASKS) if self.p(0.5) else ""
            m.append("-m connmark %s--mark 0x%x%s" % (self.neg(0.2), mm, mask)); feats.add("connmark")
        if self.p(0.15):
            parts = []
            # IPv6 has no broadcast (the kernel refuses BROADCAST for ip6tables); MULTICAST
            # and ANYCAST instead
            bc = ["MULTICAST", "ANYCAST"] if FAMILY == 6 else ["BROADCAST"]
            if self.p(0.6):
                parts.append("%s--src-type %s" % (self.neg(0.2), r.choice(["LOCAL", "UNICAST"] + bc[:1])))
            if self.p(0.6) or not parts:
                parts.append("%s--dst-type %s" % (self.neg(0.2), r.choice(["LOCAL", "UNICAST", bc[-1], "LOCAL"])))
            m.append("-m addrtype " + " ".join(parts)); feats.add("addrtype")
        if self.p(0.08):
            every = r.randint(1, 3)
            m.append("-m statistic --mode nth --every %d --packet %d" % (every, r.randint(0, every - 1)))
            feats.add("statistic")
        if self.p(0.1):
            m.append('-m comment --comment "c%d"' % r.randint(0, 99)); feats.add("comment")
        if self.p(0.12):
            which = r.choice(["--src-range", "--dst-range"])
            m.append("-m iprange %s%s %s" % (self.neg(0.2), which, self.ip_range())); feats.add("iprange")
        if self.p(0.1):
            lo = r.choice([0, 40, 59, 60, 61, 100])
            hi = max(lo, r.choice([60, 59, 61, 1500, 65535]))
            m.append("-m length %s--length %d:%d" % (self.neg(0.2), lo, hi)); feats.add("length")
        return m, feats, proto

    def target(self, table, hook, user, callable_chains, proto, is_user):
        r = self.r
        choices = [("ACCEPT", 3), ("DROP", 2), ("", 2), ("LOG", 1)]
        if is_user:
            choices.append(("RETURN", 2))
        if callable_chains:
            choices += [("JUMP", 4), ("GOTO", 2)]
        choices.append(("MARK", 2 if table == "mangle" else 1))
        if table in ("mangle", "filter"):
            choices.append(("CONNMARK", 2))
        if table == "filter":
            choices.append(("REJECT", 2))
        if table == "nat":
            choices = [c for c in choices if c[0] not in ("DROP",)]
            if hook in ("PREROUTING", "OUTPUT"):
                choices += [("DNAT", 4), ("REDIRECT", 2)]
            if hook in ("POSTROUTING", "INPUT"):
                choices.append(("SNAT", 4))
            if hook == "POSTROUTING":
                choices.append(("MASQUERADE", 3))
        tot = sum(w for _, w in choices)
        x = r.uniform(0, tot)
        for t, w in choices:
            x -= w
            if x <= 0:
                break
        if t == "":
            return "", None
        if t == "JUMP":
            return "-j " + r.choice(callable_chains), "jump"
        if t == "GOTO":
            return "-g " + r.choice(callable_chains), "goto"
        if t == "LOG":
            return '-j LOG --log-prefix "g%d "' % r.randint(0, 9), "LOG"
        if t == "MARK":
            k = r.choice(["set", "set", "or", "and"])
            if k == "set":
                return "-j MARK --set-xmark 0x%x/0x%x" % (r.choice(MARKS), r.choice(MASKS)), "MARK"
            if k == "or":
                return "-j MARK --or-mark 0x%x" % r.choice(MARKS), "MARK"
            return "-j MARK --and-mark 0x%x" % r.choice([0x1, 0x2, 0xf0, 0xfffffffe]), "MARK"
        if t == "CONNMARK":
            k = r.choice(["set", "save", "restore"])
            if k == "set":
                return "-j CONNMARK --set-xmark 0x%x/0x%x" % (r.choice(MARKS), r.choice(MASKS)), "CONNMARK"
            if k == "save":
                return "-j CONNMARK --save-mark" + (" --mask 0x%x" % r.choice(MASKS) if self.p(0.4) else ""), "CONNMARK"
            return "-j CONNMARK --restore-mark" + (" --mask 0x%x" % r.choice(MASKS) if self.p(0.4) else ""), "CONNMARK"
        if t == "REJECT" and FAMILY == 6:
            w = r.choice(["", "", " --reject-with icmp6-adm-prohibited", " --reject-with icmp6-port-unreachable",
                          " --reject-with tcp-reset" if proto == "tcp" else " --reject-with icmp6-addr-unreachable"])
            return "-j REJECT" + w, "REJECT"
        if t == "REJECT":
            return "-j REJECT" + (" --reject-with icmp-host-prohibited" if self.p(0.3) else ""), "REJECT"
        if t == "DNAT":
            to = r.choice(A_ADDRS + B_ADDRS + DUT_ADDRS + FAR)
            if proto in ("tcp", "udp") and self.p(0.3):
                to = ("[%s]:%d" if FAMILY == 6 else "%s:%d") % (to, r.choice(PORTS))
            return "-j DNAT --to-destination " + to, "DNAT"
        if t == "REDIRECT":
            return "-j REDIRECT" + (" --to-ports %d" % r.choice(PORTS) if proto in ("tcp", "udp") and self.p(0.4) else ""), "REDIRECT"
        if t == "SNAT":
            if FAMILY == 6:
                to = r.choice(DUT_ADDRS + ["2001:db8:f::99", "2001:db8:1::5"])
                if proto in ("tcp", "udp") and self.p(0.3):
                    to = "[%s]:%d" % (to, r.choice([40000, 40001, 12345]))
                return "-j SNAT --to-source " + to, "SNAT"
            return "-j SNAT --to-source " + r.choice(DUT_ADDRS + ["192.0.2.99", "10.1.0.5"]), "SNAT"
        if t == "MASQUERADE":
            return "-j MASQUERADE", "MASQUERADE"
        return "-j " + t, t

    def ruleset(self):
        """{table: {"policies": {chain: P}, "chains": [user chains], "rules": {chain: [(text, feats)]}}}"""
        r = self.r
        rs = collections.OrderedDict()
        for table, builtins in TABLES.items():
            t = {"policies": {}, "chains": [], "rules": collections.OrderedDict()}
            for b in builtins:
                t["policies"][b] = "DROP" if (table != "nat" and self.p(0.15)) else "ACCEPT"
                t["rules"][b] = []
            # user chains, each owned by one built-in chain (so -i/-o and NAT targets stay valid)
            for b in builtins:
                nu = r.choice([0, 0, 1, 1, 2, 3])
                names = ["%s%s%d" % (b[:3], "X", i) if False else "U%s%d" % (b[:4].upper(), i) for i in range(nu)]
                for name in names:
                    t["chains"].append(name)
                    t["rules"][name] = []
                # built-in chain's rules
                for chain, callable_ in [(b, names)] + [(names[i], names[i + 1:]) for i in range(nu)]:
                    is_user = chain != b
                    n = r.choice([0, 1, 2, 3, 4]) if not is_user else r.choice([1, 2, 3, 4])
                    if not is_user and table == "raw":
                        n = r.choice([0, 0, 1, 2])
                    for k in range(n):
                        ms, feats, proto = self.matches(table, b, k)
                        tg, tfeat = self.target(table, b, chain, callable_, proto, is_user)
                        if tfeat:
                            feats = feats | {tfeat}
                        text = " ".join(ms + ([tg] if tg else []))
                        t["rules"][chain].append((text, feats))
            rs[table] = t
        return rs


def render(rs, trace=False, keep=None):
    """iptables-restore text; keep: set of (table, chain, idx) to keep (None: all)."""
    out = []
    for table, t in rs.items():
        out.append("*" + table)
        for b in TABLES[table]:
            out.append(":%s %s [0:0]" % (b, t["policies"][b]))
        for c in t["chains"]:
            out.append(":%s - [0:0]" % c)
        if trace and table == "raw":
            out.append("-A PREROUTING -j TRACE")
            out.append("-A OUTPUT -j TRACE")
        for chain, rules in t["rules"].items():
            for i, (text, _f) in enumerate(rules):
                if keep is not None and (table, chain, i) not in keep:
                    continue
                out.append(("-A %s %s" % (chain, text)).rstrip())
        out.append("COMMIT")
    return "\n".join(out) + "\n"


def gen_packet(r):
    kind = r.choice(["fwd", "fwd", "fwd", "in", "in", "out", "out", "self"])
    proto = r.choice(["tcp", "tcp", "udp", "udp", ICMP])
    pk = {"kind": kind, "proto": proto, "sport": r.choice(PORTS + [r.randint(1024, 65535)]),
          "dport": r.choice(PORTS)}
    if kind == "fwd":
        pk.update(src=r.choice(A_ADDRS * 2 + SPOOF), dst=r.choice(B_ADDRS + FAR), origin="a", iface="eth1")
    elif kind == "in":
        # IPv6: dut's link-local address on eth1 and the all-nodes multicast group take the
        # place of IPv4's subnet broadcast
        extra = [DUT6_LL, "ff02::1"] if FAMILY == 6 else [BCAST]
        pk.update(src=r.choice(A_ADDRS * 2 + SPOOF), dst=r.choice(DUT_ADDRS * 3 + extra), origin="a", iface="eth1")
    elif kind == "out":
        pk.update(src=r.choice(DUT_ADDRS), dst=r.choice(B_ADDRS + FAR + A_ADDRS), origin="dut")
    else:
        pk.update(src=r.choice(DUT_ADDRS), dst=r.choice(DUT_ADDRS), origin="dut")
    if is_icmp(proto):
        pk["sport"] = pk["dport"] = None
    return pk


def pkt_str(pk):
    s = "%s %s -> %s %s" % ("from a on dut:eth1" if pk["origin"] == "a" else "locally generated on dut",
                            pk["src"], pk["dst"], pk["proto"])
    if not is_icmp(pk["proto"]):
        s += " sport %d dport %d" % (pk["sport"], pk["dport"])
    else:
        s += " echo-request"
    return s + " (%d bytes%s, new flow)" % (V6_LEN if FAMILY == 6 else 60, ", TCP SYN" if pk["proto"] == "tcp" else "")


# ---------------------------------------------------------------- kernel and engine runs

class LoadError(RuntimeError):
    def __init__(self, msg, bad_lines):
        RuntimeError.__init__(self, msg)
        self.bad_lines = bad_lines


class Runner:
    def __init__(self, cli, scen_dir, verbose):
        self.cli = cli
        self.scen = scen_dir
        self.verbose = verbose
        self.ipid = random.Random(os.getpid()).randint(1000, 20000)
        self.sock = {"a": socket_in("a"), "dut": socket_in("dut")}
        # link-local and multicast destinations need the interface (scope id) to leave on
        self.scope = {"a": json.loads(run(["ip", "-n", NS["a"], "-j", "link", "show", "eth0"]))[0]["ifindex"], "dut": 0} \
            if FAMILY == 6 else {}
        self.kernel_runs = 0
        # a frame that reached a host from dut: in on eth0, sent by dut's MAC (a's own
        # broadcasts loop back to a)
        norm = lambda mac: ":".join("%02x" % int(x, 16) for x in mac.split(":"))
        def came_from(mac):
            def f(packet_line):
                m = re.search(r"\bIN=eth0\b.*\bMACSRC=(\S+)", packet_line)
                return bool(m) and norm(m.group(1)) == mac
            return f
        self.from_dut = {"a": came_from(norm(mac_of("dut", "eth1"))), "b": came_from(norm(mac_of("dut", "eth2")))}

    def next_id(self):
        self.ipid += 1
        if self.ipid > 65000:
            self.ipid = 1000
        return self.ipid

    def load(self, text):
        """Load rules (with TRACE) into dut, flush conntrack everywhere; returns the
        iptables-save text and nft -a listing."""
        path = os.path.join(TMP, "k.rules")
        with open(path, "w") as f:
            f.write(text)
        ct = "conntrack -F -f ipv6" if FAMILY == 6 else "conntrack -F"
        script = ("%s < %s || exit 3; %s >/dev/null 2>&1; "
                  "ip netns exec %s %s >/dev/null 2>&1; ip netns exec %s %s >/dev/null 2>&1; "
                  "%s; echo '#===='; for t in raw mangle nat filter; do nft -a list table %s $t; done"
                  % (RESTORE, path, ct, NS["a"], ct, NS["b"], ct, SAVE, NFT_FAMILY))
        p = subprocess.run(["ip", "netns", "exec", NS["dut"], "sh", "-c", script],
                           capture_output=True, text=True, timeout=30)
        if p.returncode != 0:
            bad = [int(x) for x in re.findall(r"line (\d+):", p.stderr)]
            lines = text.splitlines()
            raise LoadError(p.stderr.strip(), [lines[i - 1] for i in bad if 0 < i <= len(lines)])
        save, _, nft = p.stdout.partition("#====\n")
        return save, nft

    def kernel(self, rules_text, pk):
        save, nft = self.load(render_trace(rules_text))
        savef, nftf = os.path.join(TMP, "k.save"), os.path.join(TMP, "k.nft")
        with open(savef, "w") as f:
            f.write(save)
        with open(nftf, "w") as f:
            f.write(nft)
        tables = nftrace.save_tables(savef)
        present, cur = set(), None
        for l in nft.splitlines():
            m = re.match(r"^table ip6? (\S+) \{", l.strip())
            if m:
                cur = m.group(1)
            m = re.match(r"^chain (\S+) \{", l.strip())
            if m and cur:
                present.add((cur, m.group(1)))
        pos = nftrace.nft_positions(nftf, tables)
        ipid = self.next_id()
        marks = {n: m.mark() for n, m in MONITORS.items()}
        data = craft6(pk, ipid) if FAMILY == 6 else craft(pk, ipid)
        self.kernel_runs += 1
        try:
            scope = self.scope[pk["origin"]] if FAMILY == 6 and pk["dst"].startswith(("fe80:", "ff02:")) else 0
            self.sock[pk["origin"]].sendto(data, (pk["dst"], 0, 0, scope) if FAMILY == 6 else (pk["dst"], 0))
        except PermissionError:
            pass  # a drop in OUTPUT: the trace says which rule
        except OSError as e:
            return {"error": "send: %s" % e}
        # wait until the monitors are quiet (bounded)
        t_end = time.monotonic() + 2.0
        time.sleep(0.03)
        while time.monotonic() < t_end:
            now = time.monotonic()
            if all(now - m.last > 0.06 for m in MONITORS.values()):
                break
            time.sleep(0.02)
        self.last_raw = MONITORS["dut"].since(marks["dut"])
        ev = events_for_id(self.last_raw, ipid)
        # arrived from dut: in on the host's eth0 (a's own broadcast also loops back to it)
        arrived = [h for h in ("a", "b") if events_for_id(MONITORS[h].since(marks[h]), ipid, self.from_dut[h])]
        steps = []
        hook = None
        for table, chain, kind, handle, verdict, text in ev:
            if chain in ("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"):
                hook = chain
            if kind == "return":
                continue
            if kind == "policy":
                steps.append((table, chain, 0, "policy " + nftrace.verdict_text(verdict)))
                continue
            key = (table, handle)
            if key not in pos:
                return {"error": "handle %s:%s not in snapshot" % key}
            t, c, n, stext = pos[key]
            if n is None:
                continue  # our TRACE rule
            v = nftrace.verdict_text(verdict)
            if v == "drop" and "-j REJECT" in stext:
                v = "reject"
            steps.append((t, c, n, v))
        verdicts = [s[3] for s in steps]
        if any(v in ("drop", "reject", "policy drop") for v in verdicts):
            last = [s for s in steps if s[3] in ("drop", "reject", "policy drop")][-1]
            verdict = "reject" if last[3] == "reject" else "drop"
        elif arrived:
            verdict = "delivered"
        elif steps and hook == "INPUT" and steps[-1][3] in ("accept", "policy accept"):
            verdict = "accept-local"
        elif not steps:
            verdict = "lost"
        else:
            verdict = "lost"
        return {"steps": steps, "verdict": verdict, "arrived": arrived, "save": save, "present": present}

    def engine(self, rules_text, pk):
        d = os.path.join(TMP, "scen")
        with open(os.path.join(d, "dut.rules"), "w") as f:
            f.write(rules_text)
        cmd = [self.cli, "trace", d, "--from", "dut:eth1" if pk["origin"] == "a" else "dut",
               "--dst", pk["dst"], "--src", pk["src"], "--proto", pk["proto"], "--json"]
        if pk["proto"] == "ipv6-icmp":
            cmd += ["--icmpv6-type", "echo-request"]
        elif pk["proto"] == "icmp":
            cmd += ["--icmp-type", "8"]
        else:
            cmd += ["--sport", str(pk["sport"]), "--dport", str(pk["dport"])]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        if p.returncode != 0:
            return {"error": "cli exit %d: %s" % (p.returncode, (p.stderr or p.stdout).strip()[:500]), "cmd": cmd}
        try:
            d = json.loads(p.stdout)
        except ValueError as e:
            return {"error": "cli json: %s" % e, "cmd": cmd}
        br = d.get("branches", [])
        uncertain = len(br) != 1 or any(b.get("verdict", {}).get("kind") == "uncertain" for b in br) \
            or any(s.get("branch") for b in br for s in b.get("steps", []))
        if not br:
            return {"uncertain": True, "steps": [], "verdict": "none", "cmd": cmd}
        # statistic --mode nth is always two branches (the counter is not in a dump), and the
        # first is what a freshly loaded rule set does: that one must be the kernel's path.
        fresh_first = uncertain and all(b.get("verdict", {}).get("kind") != "uncertain" for b in br) and \
            all("--mode nth" in s.get("text", "") for b in br for s in b.get("steps", []) if s.get("branch"))
        b = br[0]
        steps = []
        for s in b["steps"]:
            if s.get("node") not in (None, "dut"):
                continue
            if s["kind"] == "policy":
                a = s.get("action", "")
                steps.append((s["table"], s["chain"], 0, a.lower()))
            elif s["kind"] == "rule" and s.get("matched"):
                steps.append((s["table"], s["chain"], s["rule"], norm_action(s.get("action", ""))))
        return {"steps": steps, "verdict": b["verdict"]["kind"], "chain": b["verdict"].get("chain"), "uncertain": uncertain, "cmd": cmd,
                "raw": b, "fresh_first": fresh_first}


def render_trace(text):
    lines, out = text.splitlines(), []
    in_raw = False
    for l in lines:
        out.append(l)
        if l == "*raw":
            in_raw = True
        if in_raw and l.startswith(":OUTPUT"):
            pass
    # insert the TRACE rules right after the raw chain declarations
    res, i = [], 0
    while i < len(out):
        res.append(out[i])
        if out[i] == "*raw":
            j = i + 1
            while j < len(out) and out[j].startswith(":"):
                res.append(out[j]); j += 1
            res += ["-A PREROUTING -j TRACE", "-A OUTPUT -j TRACE"]
            i = j
            continue
        i += 1
    return "\n".join(res) + "\n"


def norm_action(a):
    w = a.split()
    if not w:
        return "continue"
    h = w[0].upper()
    if h in ("JUMP", "GOTO"):
        return "%s %s" % (h.lower(), w[1])
    if h in ("ACCEPT", "DNAT", "SNAT", "MASQUERADE", "REDIRECT"):
        return "accept"
    if h == "DROP":
        return "drop"
    if h == "REJECT":
        return "reject"
    if h == "RETURN":
        return "return"
    if h == "-J" and len(w) > 1:
        return norm_action(" ".join(w[1:]))
    return "continue"


def engine_rules(save):
    """The kernel's own iptables-save, without our TRACE rules and comments (but for the
    first header of ip6tables-save, which says the family)."""
    lines = [l for l in save.splitlines()
             if not (l.startswith("#") or l in ("-A PREROUTING -j TRACE", "-A OUTPUT -j TRACE"))]
    head = [l for l in save.splitlines()[:1] if l.startswith("# Generated by ip6tables")]
    return "\n".join(head + lines) + "\n"


KERNEL_ONLY = False  # --kernel-only: the kernel's side alone (no engine run, nothing compared)


def compare(runner, rs_text, pk):
    k = runner.kernel(rs_text, pk)
    if "error" in k:
        return "kernel-error", k, None
    if KERNEL_ONLY:
        return ("kernel-only" if k["steps"] else "lost"), k, None
    e = runner.engine(engine_rules(k["save"]), pk)
    if "error" in e:
        return "engine-error", k, e
    if e["uncertain"] and not e.get("fresh_first"):
        return "uncertain", k, e
    # iptables-nft does not create a built-in chain that has no rules and policy ACCEPT
    # (iptables-save prints it anyway): the kernel cannot report its policy, and an empty
    # ACCEPT chain changes nothing, so the engine's policy step there is not compared
    e["steps"] = [s for s in e["steps"] if s[2] != 0 or (s[0], s[1]) in k["present"]]
    if k["verdict"] == "lost":
        # the kernel's trace stops without a verdict: routing dropped it (no route, or a
        # link-layer broadcast that is never forwarded); the engine must agree on the path
        if e["verdict"] in ("no-route", "drop") and k["steps"] == e["steps"] and not e.get("chain"):
            return "agree", k, e
        return "lost", k, e
    if k["steps"] == e["steps"] and k["verdict"] == e["verdict"]:
        return "agree", k, e
    return "disagree", k, e


REJECTED = collections.Counter()


def sanitize(runner, rs, verbose):
    """Drop the rules iptables-restore refuses (e.g. a hook restriction the generator did
    not know); they are counted and shown with -v."""
    for _ in range(6):
        try:
            runner.load(render_trace(render(rs)))
            return True
        except LoadError as e:
            if not e.bad_lines:
                log("ERROR: iptables-restore failed: %s" % e)
                return False
            for line in e.bad_lines:
                REJECTED[re.sub(r"\S+$", "", line)[:0] or "rules"] += 1
                if verbose:
                    log("iptables-restore refused: %s" % line)
                for t in rs.values():
                    for c, rules in t["rules"].items():
                        t["rules"][c] = [r for r in rules if ("-A %s %s" % (c, r[0])).rstrip() != line]
    return False


CT_USERS = re.compile(r"-m (conntrack|state|connmark)\b|-j (CONNMARK|DNAT|SNAT|MASQUERADE|REDIRECT|CT|NOTRACK)\b")


def rule_text(save, table, chain, n):
    t = None
    i = 0
    for l in save.splitlines():
        if l.startswith("*"):
            t = l[1:]
        elif t == table and l.startswith("-A %s " % chain) or l == "-A %s" % chain:
            if t == table and l not in ("-A PREROUTING -j TRACE", "-A OUTPUT -j TRACE"):
                i += 1
                if i == n:
                    return l
    return ""


def classify(k, e):
    """A name for the kind of a disagreement: the shrinker keeps it, the summary groups by it."""
    ks, es = k["steps"], e["steps"]
    i = 0
    while i < len(ks) and i < len(es) and ks[i] == es[i]:
        i += 1
    a = ks[i] if i < len(ks) else None
    b = es[i] if i < len(es) else None
    save = k.get("save", "")
    if b and b[0] == "nat" and not any(x[0] == "nat" for x in ks) and not CT_USERS.search(save):
        return "nat chains traversed although no rule enables conntrack"
    texts = [rule_text(save, x[0], x[1], x[2]) for x in (a, b) if x and x[2]]
    if any("-m statistic" in t for t in texts):
        return "statistic --mode nth"
    if any(x and x[0] == "raw" and x[2] for x in (a, b)) and \
            any(re.search(r"-m (conntrack|state|connmark)\b", t) for t in texts):
        return "conntrack/state/connmark match in raw, before conntrack has looked at the packet"
    if any(re.search(r"--(ct)?state \S*(DNAT|SNAT)", t) for t in texts):
        return "ctstate DNAT/SNAT"
    if a and b and a[1] == "INPUT" and b[1] == "FORWARD" or (a and b and a[1] == "FORWARD" and b[1] == "INPUT"):
        return "routing: local delivery (INPUT) versus forwarding (FORWARD)"
    f = lambda x: "end" if x is None else "%s %s %s -> %s" % (x[0], x[1] if not x[1].startswith("U") else "<user chain>",
                                                              "policy" if x[2] == 0 else "rule", x[3])
    return "kernel %s / engine %s; first difference: kernel [%s] engine [%s]" % (k["verdict"], e["verdict"], f(a), f(b))


def reproducer(cls, pk, text, k, e, origin):
    """A reproducer that is also an iptables-restore file: the packet, both paths and
    the rules; `generated.py --replay FILE` runs it again."""
    c = lambda block: "\n".join("#   " + l for l in block.splitlines()) if block else "#   (none)"
    ekeep = ("steps", "verdict")
    lines = ["# Chainscope oracle disagreement (%s): %s" % (origin, cls),
             "# packet: " + pkt_str(pk),
             "# packet-json: " + json.dumps({x: pk[x] for x in ("origin", "src", "dst", "proto", "sport", "dport")}),
             "# kernel: %s" % (k.get("verdict", k.get("error")) if k else "-"), c(fmt_steps(k.get("steps", [])) if k else ""),
             "# engine: %s" % (e.get("verdict", e.get("error")) if e else "-"),
             c(fmt_steps(e.get("steps", [])) if e and all(x in e for x in ekeep) else ""),
             "# engine command: " + (" ".join(e.get("cmd", [])) if e else "-"),
             minimal_text(text).rstrip()]
    return "\n".join(lines) + "\n"


def complete_tables(text):
    """Add the tables a hand-written rule file leaves out (all built-in chains ACCEPT)."""
    have = set(re.findall(r"^\*(\S+)", text, re.M))
    extra = ""
    for t, bs in TABLES.items():
        if t not in have:
            extra += "*%s\n%sCOMMIT\n" % (t, "".join(":%s ACCEPT [0:0]\n" % b for b in bs))
    return extra + text


def replay_family(path):
    """6 for a reproducer of the IPv6 mode (its packet's addresses are IPv6), else 4."""
    with open(path) as f:
        m = re.search(r"^# packet-json: (.*)$", f.read(), re.M)
    return 6 if m and ":" in json.loads(m.group(1)).get("dst", "") else 4


def replay(runner, path):
    with open(path) as f:
        text = f.read()
    m = re.search(r"^# packet-json: (.*)$", text, re.M)
    if not m:
        log("ERROR: %s has no '# packet-json:' line" % path)
        return 1
    pk = json.loads(m.group(1))
    rules = complete_tables("\n".join(l for l in text.splitlines() if not l.startswith("#")) + "\n")
    res, k, e = compare(runner, rules, pk)
    print(reproducer(classify(k, e) if res == "disagree" else res, pk, rules, k, e, "replay of " + path))
    print("result: " + res)
    return 0 if res == "agree" else 1


def fmt_steps(steps):
    return "\n".join("    %s %s %s -> %s" % (t, c, ("rule %d" % n) if n else "policy", v) for t, c, n, v in steps)


def shrink(runner, rs, pk, deadline, cls=None):
    """Greedy delta debugging over rules (then chains, policies) while a disagreement
    (any) persists. Returns the reduced rule set text."""
    items = [(t, c, i) for t, tt in rs.items() for c, rules in tt["rules"].items() for i in range(len(rules))]
    keep = set(items)
    # coarse pass: halves, then single rules (ddmin-like)
    chunk = max(1, len(items) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        cur = [x for x in items if x in keep]
        changed = False
        for start in range(0, len(cur), chunk):
            if time.monotonic() > deadline:
                break
            trial = keep - set(cur[start:start + chunk])
            if trial == keep:
                continue
            res, k2, e2 = compare(runner, render(rs, keep=trial), pk)
            if res == "disagree" and (cls is None or classify(k2, e2) == cls):
                keep = trial
                changed = True
        if chunk == 1 and not changed:
            break
        if not changed:
            chunk //= 2
    rs2 = copy.deepcopy(rs)
    for t, tt in rs2.items():
        for c in list(tt["rules"]):
            tt["rules"][c] = [r for i, r in enumerate(tt["rules"][c]) if (t, c, i) in keep]
        used = set()
        for c, rules in tt["rules"].items():
            for text, _f in rules:
                m = re.search(r"-[jg] (U\S+)", text)
                if m:
                    used.add(m.group(1))
        for c in list(tt["chains"]):
            if c not in used:
                tt["chains"].remove(c)
                del tt["rules"][c]
    # drop whole tables that do not matter, policies to ACCEPT
    for t in list(rs2):
        if time.monotonic() > deadline:
            break
        trial = copy.deepcopy(rs2)
        if trial[t]["policies"] and any(trial[t]["rules"].values()) or any(v != "ACCEPT" for v in trial[t]["policies"].values()):
            trial[t]["rules"] = {c: [] for c in trial[t]["rules"]}
            trial[t]["chains"] = []
            for b in trial[t]["policies"]:
                trial[t]["policies"][b] = "ACCEPT"
            r2, k2, e2 = compare(runner, render(trial), pk)
            if r2 == "disagree" and (cls is None or classify(k2, e2) == cls):
                rs2 = trial
    for t in rs2:
        for b in rs2[t]["policies"]:
            if rs2[t]["policies"][b] != "ACCEPT" and time.monotonic() < deadline:
                trial = copy.deepcopy(rs2)
                trial[t]["policies"][b] = "ACCEPT"
                r2, k2, e2 = compare(runner, render(trial), pk)
                if r2 == "disagree" and (cls is None or classify(k2, e2) == cls):
                    rs2 = trial
    return render(rs2)


def minimal_text(rules_text):
    """Leave out tables with no rules and all-ACCEPT policies (for the report only)."""
    out, block = [], []
    for l in rules_text.splitlines():
        block.append(l)
        if l == "COMMIT":
            if any(x.startswith("-A") for x in block) or any(x.startswith(":") and " DROP " in x for x in block):
                out += block
            block = []
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- main

def main():
    global TMP, KEEP, KERNEL_ONLY
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--seed", default=os.environ.get("CHAINSCOPE_ORACLE_SEED", "1"),
                    help="comma-separated seeds; 'random' picks a fresh one (printed)")
    ap.add_argument("--pairs", type=int, default=int(os.environ.get("CHAINSCOPE_ORACLE_PAIRS", "300")))
    ap.add_argument("--packets-per-ruleset", type=int, default=3)
    ap.add_argument("--shrink-max", type=int, default=int(os.environ.get("CHAINSCOPE_ORACLE_SHRINK", "6")),
                    help="shrink at most this many disagreements (the rest are printed unshrunk)")
    ap.add_argument("--shrink-seconds", type=float, default=40, help="per disagreement")
    ap.add_argument("--shrink-budget", type=float, default=float(os.environ.get("CHAINSCOPE_ORACLE_SHRINK_BUDGET", "90")),
                    help="for all the shrinking of a run")
    ap.add_argument("--out", help="write each disagreement's reproducer to DIR/NNN.txt")
    ap.add_argument("--keep", help="keep the temp dir")
    ap.add_argument("--replay", action="append", help="run a reproducer file (tests/oracle/disagreements/NNN.txt) instead")
    ap.add_argument("--only", type=int, action="append", help="run only pair N (repeatable; generation is unchanged)")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--family", type=int, choices=(4, 6),
                    help="4 (iptables, the default) or 6 (ip6tables, the IPv6 twin of the topology); "
                         "a replay takes the family from the reproducer")
    ap.add_argument("--kernel-only", action="store_true",
                    help="run the kernel side alone (rule sets load, packets are traced, verdicts read); "
                         "the engine is not run and nothing is compared")
    ap.add_argument("--ipv6", dest="family", action="store_const", const=6, help="the same as --family 6")
    args = ap.parse_args()
    if args.replay and args.family is None:
        fams = collections.OrderedDict()
        for path in args.replay:
            fams.setdefault(replay_family(path), []).append(path)
        if len(fams) > 1:
            # one topology per run: each family's reproducers in a run of their own
            rc = 0
            for fam, paths in fams.items():
                cmd = [sys.executable, os.path.abspath(__file__), "--cli", args.cli, "--family", str(fam)]
                cmd += ["--kernel-only"] if args.kernel_only else []
                cmd += ["-v"] if args.verbose else []
                for path in paths:
                    cmd += ["--replay", path]
                rc = max(rc, subprocess.run(cmd).returncode)
            return rc
        args.family = next(iter(fams))
    use_family(args.family or 4)
    KERNEL_ONLY = args.kernel_only
    KEEP = args.keep
    seeds = [random.SystemRandom().randint(2, 10**6) if x.strip() == "random" else int(x)
             for x in str(args.seed).split(",") if x.strip()]

    if os.geteuid() != 0:
        skip("needs root (network namespaces, iptables)")
    for t in ("ip", RESTORE, SAVE, "nft", "xtables-monitor", "conntrack", "stdbuf", "timeout"):
        if not shutil.which(t):
            print("[generated] ERROR: missing tool %s" % t, file=sys.stderr)
            return 1
    if "nf_tables" not in run(["iptables", "--version"]):
        print("[generated] ERROR: iptables must be the nf_tables variant", file=sys.stderr)
        return 1
    if not os.access(args.cli, os.X_OK):
        print("[generated] ERROR: no chainscope-cli at %s" % args.cli, file=sys.stderr)
        return 1
    probe = PREFIX + "probe"
    if subprocess.run(["ip", "netns", "add", probe], capture_output=True, timeout=20).returncode != 0:
        skip("network namespaces are not allowed here (ip netns add failed)")
    subprocess.run(["ip", "netns", "del", probe], capture_output=True, timeout=20)

    atexit.register(cleanup)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    TMP = tempfile.mkdtemp(prefix="chainscope-generated.")
    if KEEP:
        log("temp dir " + TMP)
    log("IPv%d, seeds %s, %d pairs each" % (FAMILY, ",".join(map(str, seeds)), args.pairs))
    build_topology()
    scen = os.path.join(TMP, "scen")
    export_scenario(scen)
    with open(os.path.join(scen, "scenario.json"), "w") as f:
        # no "backend": the engine reads statistic nth the same way for iptables-nft and -legacy
        rules = [{"file": "dut.rules", "family": "ipv6"}] if FAMILY == 6 else ["dut.rules"]
        json.dump({"name": "generated", "nodes": [{"name": "dut", "rules": rules,
                                                   "addresses": "dut.addr", "routes": "dut.route"}]}, f)
    budget = 60 + args.pairs * len(seeds) * 3
    for n in ("dut", "a", "b"):
        MONITORS[n] = Monitor(n, budget + 600)
    time.sleep(0.7)
    # a private copy: the build tree may be rebuilt by someone else during the run
    cli = os.path.join(TMP, "chainscope-cli")
    shutil.copy2(args.cli, cli)
    runner = Runner(cli, scen, args.verbose)

    # warm-up: the monitors must be subscribed (a trivially accepting rule set)
    warm = {"kind": "in", "proto": ICMP, "src": A_ADDRS[0], "dst": DUT_ADDRS[0], "origin": "a",
            "iface": "eth1", "sport": None, "dport": None}
    rs0 = collections.OrderedDict((t, {"policies": {b: "ACCEPT" for b in bs}, "chains": [],
                                       "rules": collections.OrderedDict((b, []) for b in bs)})
                                  for t, bs in TABLES.items())
    for i in range(20):
        k = runner.kernel(render(rs0), warm)
        if k.get("verdict") == "accept-local":
            break
        time.sleep(0.3)
    else:
        log("ERROR: the trace monitors never saw the warm-up packet")
        return 1

    if args.replay:
        return max(replay(runner, p) for p in args.replay)

    counts = collections.Counter()
    cov = collections.Counter()
    verdicts = collections.Counter()
    failures = []
    outdir = args.out
    start = time.monotonic()
    total_pairs = 0
    for seed in seeds:
      log("seed %d: %d pairs (reproduce: --seed %d --pairs %d)" % (seed, args.pairs, seed, args.pairs))
      rng = random.Random(seed)
      pair = 0
      while pair < args.pairs:
          pkts = [gen_packet(rng) for _ in range(args.packets_per_ruleset)]
          g = Gen(rng, pkts)
          rs = g.ruleset()
          if args.only and not any(pair < x <= pair + len(pkts) for x in args.only):
              pair += len(pkts)
              continue
          if not sanitize(runner, rs, args.verbose):
              pair += len(pkts)
              continue
          text = render(rs)
          for pk in pkts:
              if pair >= args.pairs:
                  break
              pair += 1
              total_pairs += 1
              if args.only and pair not in args.only:
                  continue
              res, k, e = compare(runner, text, pk)
              if args.verbose:
                  print("---- pair %d rules:\n%s" % (pair, minimal_text(text)))
                  print("kernel raw trace (dut):\n" + "\n".join(runner.last_raw))
                  print("engine:\n" + json.dumps(e.get("raw"), indent=1)[:6000] if e else "")
              if res == "lost":  # retry once: a monitor may have lagged
                  res, k, e = compare(runner, text, pk)
              elif res == "disagree":
                  # confirm on a fresh load: a lagging monitor must not make a failure
                  res2, k2, e2 = compare(runner, text, pk)
                  if res2 != "disagree" or k2["steps"] != k["steps"]:
                      log("seed %d pair %d: the kernel's trace differed between two runs (%s, then %s); not counted" % (
                          seed, pair + 0, k.get("verdict"), k2.get("verdict") if k2 else "-"))
                      res = "unstable"
              counts[res] += 1
              if k and "steps" in k:
                  verdicts[k["verdict"]] += 1
                  # coverage: features of the rules the kernel matched
                  feats = {(t, c, n) for t, c, n, _v in k["steps"] if n}
                  seen = set()
                  for t, c, n in feats:
                      rules = rs[t]["rules"].get(c, [])
                      if 0 < n <= len(rules):
                          seen |= rules[n - 1][1]
                          if "-g " in rules[n - 1][0]:
                              seen.add("goto")
                      rt = rules[n - 1][0] if 0 < n <= len(rules) else ""
                      if re.search(r"(^|\s)! ", rt):
                          seen.add("negation (!)")
                      if re.search(r"-[io] \S+\+", rt):
                          seen.add("iface wildcard (+)")
                  for f in seen:
                      cov[f] += 1
              tag = {"agree": "ok", "uncertain": "uncertain"}.get(res, res.upper())
              if args.verbose or res not in ("agree", "uncertain"):
                  log("seed %d pair %d: %s: %s -> kernel %s, engine %s" % (
                      seed, pair, tag, pkt_str(pk), k.get("verdict", k.get("error")) if k else "-",
                      e.get("verdict", e.get("error")) if e else "-"))
              if res in ("disagree", "lost", "engine-error", "kernel-error"):
                  failures.append((seed, pair, res, rs, pk, k, e))
          if time.monotonic() - start > budget:
              log("ERROR: time budget exceeded")
              return 1

    # report and shrink the failures
    nshrunk = 0
    classes = collections.OrderedDict()
    shrink_deadline = time.monotonic() + args.shrink_budget
    for idx, (seed, pair_no, res, rs, pk, k, e) in enumerate(failures):
        cls = classify(k, e) if res == "disagree" else res
        classes.setdefault(cls, []).append("%d:%d" % (seed, pair_no))
        print("=" * 78)
        print("DISAGREEMENT %d (seed %d pair %d): %s" % (idx + 1, seed, pair_no, cls))
        print("packet: " + pkt_str(pk))
        text = render(rs)
        if len(classes[cls]) > 1:
            print("(same kind as %s: not shrunk again; rerun with --seed %d --pairs %d --only %d)" % (classes[cls][0], seed, args.pairs, pair_no))
            continue
        if res == "disagree" and nshrunk < args.shrink_max and time.monotonic() < shrink_deadline:
            nshrunk += 1
            small = shrink(runner, rs, pk, min(shrink_deadline, time.monotonic() + args.shrink_seconds), cls)
            r2, k2, e2 = compare(runner, small, pk)
            if r2 == "disagree" and classify(k2, e2) == cls:
                text, k, e = small, k2, e2
                print("(shrunk)")
            else:
                print("(shrinking lost the disagreement; full rule set)")
        body = reproducer(cls, pk, text, k, e, "seed %d pair %d" % (seed, pair_no))
        print(body)
        if outdir:
            os.makedirs(outdir, exist_ok=True)
            with open(os.path.join(outdir, "seed%d-pair%d.txt" % (seed, pair_no)), "w") as f:
                f.write(body)
    print("=" * 78)
    disagree = sum(counts[x] for x in ("disagree", "lost", "engine-error", "kernel-error"))
    print("seeds %s: %d pairs in %.0f s (%d kernel runs in all, shrinking included); kernel verdicts: %s" % (
        ",".join(map(str, seeds)), total_pairs, time.monotonic() - start, runner.kernel_runs, ", ".join("%s %d" % kv for kv in sorted(verdicts.items()))))
    print("uncertain (engine could not decide, not counted as agreement): %d" % counts["uncertain"])
    if counts["unstable"]:
        print("unstable kernel traces (differed between two runs; neither passed nor failed): %d" % counts["unstable"])
    print("coverage (pairs where the kernel matched a rule with the feature): " +
          ", ".join("%s %d" % kv for kv in sorted(cov.items(), key=lambda x: x[0].lower())))
    if classes:
        print("disagreements by kind:")
        for c, ps in classes.items():
            print("  %3d x %s (seed:pair %s)" % (len(ps), c, " ".join(map(str, ps[:12])) + (" ..." if len(ps) > 12 else "")))
    if KERNEL_ONLY:
        print("kernel only: %d packets traced to a verdict, %d lost, %d rule sets refused lines (%d)" % (
            counts["kernel-only"], counts["lost"], len(REJECTED), sum(REJECTED.values())))
    print("%d passed, %d failed" % (counts["agree"], disagree))
    return 1 if disagree else 0


if __name__ == "__main__":
    sys.exit(main())
