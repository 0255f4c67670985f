#!/usr/bin/env bash
# tests/oracle/dualstack.sh - the kernel oracle for the bundled dual-stack scenario
# (resources/scenarios/dualstack): docker01's iptables and ip6tables dumps loaded as they
# are into a namespace, the packet presets' v4/v6 twins sent for real, kernel against engine.
#
#   dualstack.sh --cli PATH/chainscope-cli [--kernel-only]
#
# Namespaces: "docker01" (eth0 192.168.50.10/24 and 2001:db8:50:0:5054:ff:fe3a:7c10/64 with
# the scenario's MAC, docker0 172.17.0.1/16 and fd00:dead:beef::1/64, forwarding on in both
# families), "lan" (the LAN host of the presets: 192.168.50.30, 2001:db8:50:0:2e0:4cff:fe68:1a2b)
# and "web" (the container: 172.17.0.2, fd00:dead:beef::2, port 80). docker01 listens on
# 8443 in both families. "node1" (eth0 192.168.50.21, 2001:db8:50:0:5054:ff:fe3a:7c21; cni0
# 10.244.1.1/24, fd00:10:244:1::1/64) with its kube-proxy dumps and the pod "pod6"
# (10.244.1.6, fd00:10:244:1::6, port 8080) behind the web ClusterIPs. Each case is one
# packet preset: its sender (lan, or node1 itself) opens a TCP connection with every counter
# of the node zeroed; the kernel's answer is whether the connection opened and the
# packet counters of `iptables-save -c` / `ip6tables-save -c`; the engine's, the preset traced
# with `chainscope-cli trace SCENARIO --preset NAME --json`. They agree when the engine's
# verdict says what the connection did (accept-local/delivered: opened; drop/reject: not)
# and every rule and policy the engine says matched counted at least one packet in the
# kernel. The scenario's point: the v4 twin to 8443 is accepted by INPUT rule 6, the v6 twin
# dies in ip6tables' INPUT policy DROP.
# --kernel-only: the kernel's side alone (before the engine reads IPv6).
# Exit 0: agree on every case; 1: a disagreement (printed); 77: skipped.
set -euo pipefail
# shellcheck source=tests/oracle/lib.sh
source "$(dirname "$0")/lib.sh"

CLI=""
KERNEL_ONLY=0
while (($#)); do
    case $1 in
        --cli) CLI=$2; shift 2 ;;
        --kernel-only) KERNEL_ONLY=1; shift ;;
        *) cs_die "unknown argument $1" ;;
    esac
done
((KERNEL_ONLY)) || [[ -x $CLI ]] || cs_die "--cli PATH to chainscope-cli is required"
cs_require
command -v ip6tables-restore >/dev/null || cs_die "missing tool: ip6tables-restore"
cs_setup
SC="$(cd "$CS_ORACLE_DIR/../.." && pwd)/resources/scenarios/dualstack"
[[ -f $SC/scenario.json ]] || cs_die "no scenario at $SC"

cs_netns_add docker01
cs_netns_add lan
cs_netns_add web
cs_netns_add node1
cs_netns_add pod6
for n in docker01 lan web node1 pod6; do
    # no router solicitations, no DAD: addresses usable at once, nothing but the test on the wire
    cs_in "$n" sysctl -qw net.ipv6.conf.all.router_solicitations=0 net.ipv6.conf.default.router_solicitations=0 \
        net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 >/dev/null
done
D="$(cs_ns docker01)"
cs_in docker01 sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 >/dev/null
ip -n "$D" link add eth0 address 52:54:00:3a:7c:10 type veth peer name eth0 netns "$(cs_ns lan)" address 00:e0:4c:68:1a:2b
ip -n "$D" link add docker0 address 02:42:5e:9b:21:c4 type bridge forward_delay 0 stp_state 0
ip -n "$D" link add veth3f2a91c address 9e:31:d4:07:6a:2b type veth peer name eth0 netns "$(cs_ns web)" address 02:42:ac:11:00:02
ip -n "$D" link set veth3f2a91c master docker0
ip -n "$D" addr add 192.168.50.10/24 brd 192.168.50.255 dev eth0
ip -n "$D" addr add 2001:db8:50:0:5054:ff:fe3a:7c10/64 dev eth0 nodad
ip -n "$D" addr add 172.17.0.1/16 brd 172.17.255.255 dev docker0
ip -n "$D" addr add fd00:dead:beef::1/64 dev docker0 nodad
for i in eth0 docker0 veth3f2a91c; do ip -n "$D" link set "$i" up; done
cs_in lan ip addr add 192.168.50.30/24 dev eth0
cs_in lan ip addr add 2001:db8:50:0:2e0:4cff:fe68:1a2b/64 dev eth0 nodad
cs_in lan ip link set eth0 up
cs_in web ip addr add 172.17.0.2/16 dev eth0
cs_in web ip addr add fd00:dead:beef::2/64 dev eth0 nodad
cs_in web ip link set eth0 up
cs_in web ip route add default via 172.17.0.1
cs_in web ip -6 route add default via fd00:dead:beef::1

N1="$(cs_ns node1)"
cs_in node1 sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 >/dev/null
ip -n "$N1" link add eth0 address 52:54:00:3a:7c:21 type veth peer name eth1 netns "$(cs_ns lan)"
ip -n "$N1" link add cni0 address 6a:1e:3c:55:90:0b type bridge forward_delay 0 stp_state 0
ip -n "$N1" link add vethb27e6a10 address 66:02:b8:7e:14:9a type veth peer name eth0 netns "$(cs_ns pod6)" address 8e:d3:41:0a:6c:06
ip -n "$N1" link set vethb27e6a10 master cni0
ip -n "$N1" addr add 192.168.50.21/24 brd 192.168.50.255 dev eth0
ip -n "$N1" addr add 2001:db8:50:0:5054:ff:fe3a:7c21/64 dev eth0 nodad
ip -n "$N1" addr add 10.244.1.1/24 brd 10.244.1.255 dev cni0
ip -n "$N1" addr add fd00:10:244:1::1/64 dev cni0 nodad
for i in eth0 cni0 vethb27e6a10; do ip -n "$N1" link set "$i" up; done
cs_in lan ip link set eth1 up
# the default routes of the scenario (a ClusterIP is routed before nat OUTPUT rewrites it)
for n in docker01 node1; do
    cs_in "$n" ip route add default via 192.168.50.1 dev eth0
    cs_in "$n" ip -6 route add default via fe80::1 dev eth0
done
cs_in pod6 ip addr add 10.244.1.6/24 dev eth0
cs_in pod6 ip addr add fd00:10:244:1::6/64 dev eth0 nodad
cs_in pod6 ip link set eth0 up
cs_in pod6 ip route add default via 10.244.1.1
cs_in pod6 ip -6 route add default via fd00:10:244:1::1

# the scenario's own dumps, unchanged
for n in docker01 node1; do
    cs_in "$n" iptables-restore <"$SC/$n.rules" || cs_die "iptables-restore < $n.rules failed"
    cs_in "$n" ip6tables-restore <"$SC/$n.rules6" || cs_die "ip6tables-restore < $n.rules6 failed"
done

listen() {   # NS ADDRESS PORT
    cs_bg "$1" 300 "$CS_TMP/listen-$1-$3-${2//:/_}.log" "$CS_PYTHON" "$CS_ORACLE_DIR/responder.py" "$2" "$3"
}
listen docker01 192.168.50.10 8443
listen docker01 2001:db8:50:0:5054:ff:fe3a:7c10 8443
listen web 172.17.0.2 80
listen web fd00:dead:beef::2 80
listen pod6 10.244.1.6 8080
listen pod6 fd00:10:244:1::6 8080
for want in "docker01 8443" "web 80" "pod6 8080"; do
    read -r n p <<<"$want"
    for ((i = 0; i < 50; i++)); do
        [[ $(cs_in "$n" ss -Hltn "sport = :$p" 2>/dev/null | wc -l) -ge 2 ]] && break
        sleep 0.1
    done
    ((i < 50)) || cs_die "$n: the responders on port $p did not start"
done

connect() {   # NS SRC DST PORT: "ok" if the TCP connection opened within 2 s, else "fail"
    cs_in "$1" "$CS_PYTHON" -c 'import socket,sys
src, dst, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = socket.socket(socket.AF_INET6 if ":" in dst else socket.AF_INET)
s.settimeout(2)
if src != "-":
    s.bind((src, 0))
print("ok" if s.connect_ex((dst, port)) == 0 else "fail")
s.close()' "$2" "$3" "$4"
}

# node | sender namespace | preset name | family
CASES=(
    "docker01|lan|v4: a LAN host opens the admin UI on docker01 (8443)|4"
    "docker01|lan|v6: the same admin UI over IPv6 (8443)|6"
    "docker01|lan|v4: a LAN host opens the published web container (8080)|4"
    "docker01|lan|v6: the published web container over IPv6 (8080)|6"
    "node1|node1|v4: node1 curls the web ClusterIP|4"
    "node1|node1|v6: node1 curls the web ClusterIP over IPv6|6"
)
fail=0
k=0
for c in "${CASES[@]}"; do
    IFS='|' read -r node sender name fam <<<"$c"
    k=$((k + 1))
    save=iptables-save; cmd=iptables
    [[ $fam == 6 ]] && { save=ip6tables-save; cmd=ip6tables; }
    preset="$("$CS_PYTHON" "$CS_PY" preset "$SC/scenario.json" "$name")"
    read -r src dst dport < <("$CS_PYTHON" -c 'import json,sys; p=json.loads(sys.argv[1]); print(p.get("src", "-"), p["dst"], p["dport"])' "$preset")
    for t in raw mangle filter nat; do cs_in "$node" "$cmd" -t "$t" -Z; done
    cs_ct_flush "$node"
    got="$(connect "$sender" "$src" "$dst" "$dport")"
    cs_in "$node" "$save" -c >"$CS_TMP/case$k.save"
    if ((KERNEL_ONLY)); then
        cs_log "kernel $name: connection $got; filter rules that counted:"
        grep -E '^(\[[1-9][0-9]*:|:(INPUT|FORWARD) [A-Z]+ \[[1-9])' "$CS_TMP/case$k.save" | sed 's/^/[oracle]     /' >&2 || true
        continue
    fi
    "$CLI" trace "$SC" --preset "$name" --json >"$CS_TMP/case$k.json" 2>"$CS_TMP/case$k.err" \
        || { cs_log "DISAGREE $name: chainscope-cli trace failed: $(head -c 400 "$CS_TMP/case$k.err")"; fail=1; continue; }
    # engine: verdict kind, and every matched rule/policy of the node with the kernel's count
    if ! out="$("$CS_PYTHON" - "$CS_TMP/case$k.json" "$CS_TMP/case$k.save" "$got" "$node" <<'PY'
import json, re, sys
trace = json.load(open(sys.argv[1]))
got, node = sys.argv[3], sys.argv[4]
counts, policy = {}, {}
table, n = None, {}
for raw in open(sys.argv[2]):
    raw = raw.rstrip("\n")
    if raw.startswith("*"):
        table = raw[1:]
        continue
    m = re.match(r"^:(\S+) (\S+) \[(\d+):\d+\]", raw)
    if m and m.group(2) != "-":
        policy[(table, m.group(1))] = int(m.group(3))
        continue
    m = re.match(r"^\[(\d+):\d+\] -A (\S+)", raw)
    if m:
        n[(table, m.group(2))] = n.get((table, m.group(2)), 0) + 1
        counts[(table, m.group(2), n[(table, m.group(2))])] = int(m.group(1))
br = trace.get("branches", [])
if len(br) != 1:
    print("engine gave %d branches" % len(br))
    sys.exit(1)
b = br[0]
kind = b["verdict"]["kind"]
bad = []
want = "ok" if kind in ("accept-local", "delivered") else "fail"
if want != got:
    bad.append("engine verdict %s, but the kernel's connection %s" % (kind, "opened" if got == "ok" else "did not open"))
seen = []
for s in b["steps"]:
    if s.get("node") not in (None, node) or not s.get("matched", s.get("kind") == "policy"):
        continue
    if s.get("kind") == "policy":
        key = (s["table"], s["chain"])
        c = policy.get(key)
        seen.append("%s %s policy" % key)
        if c is not None and c == 0:
            bad.append("engine: %s %s policy; kernel counted no packet there" % key)
    elif s.get("kind") == "rule":
        key = (s["table"], s["chain"], s["rule"])
        c = counts.get(key)
        seen.append("%s %s %d" % key)
        if c is None:
            bad.append("engine: %s %s rule %d, which the kernel's dump does not have" % key)
        elif c == 0:
            bad.append("engine: %s %s rule %d matched; kernel counted no packet" % key)
print("verdict %s; matched %s" % (kind, ", ".join(seen)))
for x in bad:
    print("  " + x)
sys.exit(1 if bad else 0)
PY
)"; then
        cs_log "DISAGREE $name (kernel: connection $got): $out"
        fail=1
    else
        cs_log "ok   $name (kernel: connection $got): $out"
    fi
done
((KERNEL_ONLY)) && exit 0
exit "$fail"
