#!/usr/bin/env bash
# tests/oracle/bridge.sh - Suite 5 of the kernel oracle: the node as the kernel sees it
# (issue 14): bridged pod-to-pod traffic with br_netfilter calling iptables or not, a pod
# to a ClusterIP whose endpoint is on the same bridge, and rp_filter, kernel against engine.
#
#   bridge.sh --cli PATH/chainscope-cli
#
# Namespaces: "node" with the bridge cni0 (10.244.1.1/24, ports vethp1 and vethp2 to the
# pods "pod1" 10.244.1.5 and "pod2" 10.244.1.6), eth0 (192.168.50.1/24) to "peer" and
# eth1 (10.1.0.1/16, no one behind it). Each case has its own destination port; in node,
# a counting rule per hook (mangle PREROUTING, filter FORWARD, mangle POSTROUTING, filter
# INPUT, and physdev tests in FORWARD) sees only that port, and pod2 counts what reaches it.
# The kernel's answer is those packet counters; the engine's, which of the same rules
# matched in `chainscope-cli trace --json` and its verdict, on a scenario made of the
# namespace's own iptables-save, ip -o addr, ip route, ip -j link and sysctl output at the
# time of the case. bridge-nf-call-iptables is per network namespace (kernel 5.3+).
# Exit 0: agree on every case; 1: a disagreement (printed); 77: skipped.
set -euo pipefail
# shellcheck source=tests/oracle/lib.sh
source "$(dirname "$0")/lib.sh"

CLI=""
while (($#)); do
    case $1 in
        --cli) CLI=$2; shift 2 ;;
        *) cs_die "unknown argument $1" ;;
    esac
done
[[ -x $CLI ]] || cs_die "--cli PATH to chainscope-cli is required"
cs_require
cs_setup

cs_netns_add node
cs_netns_add pod1
cs_netns_add pod2
cs_netns_add peer
[[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]] || cs_skip "br_netfilter is not loaded (no /proc/sys/net/bridge)"
cs_in node test -w /proc/sys/net/bridge/bridge-nf-call-iptables \
    || cs_skip "bridge-nf-call-iptables is not per network namespace on this kernel"
N="$(cs_ns node)"
ip -n "$N" link add cni0 type bridge
ip -n "$N" addr add 10.244.1.1/24 dev cni0
ip -n "$N" link set cni0 up
for i in 1 2; do
    ip -n "$N" link add "vethp$i" type veth peer name eth0 netns "$(cs_ns "pod$i")"
    ip -n "$N" link set "vethp$i" master cni0 up
    cs_in "pod$i" ip addr add "10.244.1.$((4 + i))/24" dev eth0
    cs_in "pod$i" ip link set eth0 up
    cs_in "pod$i" ip route add default via 10.244.1.1
done
ip link add "${CS_PREFIX}n" netns "$N" type veth peer name "${CS_PREFIX}q" netns "$(cs_ns peer)"
cs_in node ip link set "${CS_PREFIX}n" name eth0
cs_in peer ip link set "${CS_PREFIX}q" name eth0
cs_in node ip addr add 192.168.50.1/24 dev eth0
cs_in node ip link set eth0 up
ip -n "$N" link add eth1 type veth peer name eth1p
cs_in node ip addr add 10.1.0.1/16 dev eth1
cs_in node ip link set eth1 up
cs_in node ip link set eth1p up
cs_in peer ip addr add 192.168.50.2/24 dev eth0
cs_in peer ip addr add 10.1.0.5/32 dev eth0
cs_in peer ip link set eth0 up
cs_in peer ip route add 10.244.1.0/24 via 192.168.50.1
cs_in node sysctl -qw net.ipv4.ip_forward=1 >/dev/null
# the bridge forwards at once (no STP listening delay)
ip -n "$N" link set cni0 type bridge forward_delay 0 stp_state 0

# id | sender | source | destination | port | sysctls (key=value,...)
CASES=(
    "bridged-call1|pod1|10.244.1.5|10.244.1.6|7001|net.bridge.bridge-nf-call-iptables=1"
    "bridged-call0|pod1|10.244.1.5|10.244.1.6|7002|net.bridge.bridge-nf-call-iptables=0"
    "bridged-noforward|pod1|10.244.1.5|10.244.1.6|7003|net.bridge.bridge-nf-call-iptables=1,net.ipv4.ip_forward=0"
    "svc-same-node|pod1|10.244.1.5|10.96.0.10|7004|net.bridge.bridge-nf-call-iptables=1"
    "svc-same-node-call0|pod1|10.244.1.5|10.96.0.10|7005|net.bridge.bridge-nf-call-iptables=0"
    "pod-out|pod1|10.244.1.5|192.168.50.2|7006|net.bridge.bridge-nf-call-iptables=1"
    "rp-strict|peer|10.1.0.5|10.244.1.6|7007|net.ipv4.conf.all.rp_filter=1"
    "rp-loose|peer|10.1.0.5|10.244.1.6|7008|net.ipv4.conf.all.rp_filter=2"
)
# after DNAT the service ports land on pod2 at port+1000
svc_target() { [[ $1 == 10.96.0.10 ]] && echo "10.244.1.6 $(($2 + 1000))" || echo "$1 $2"; }

rules="$CS_TMP/node.rules"
{
    echo "*mangle"
    printf ':%s ACCEPT [0:0]\n' PREROUTING INPUT FORWARD OUTPUT POSTROUTING
    for c in "${CASES[@]}"; do
        IFS='|' read -r _ _ _ dst port _ <<<"$c"
        read -r tdst tport < <(svc_target "$dst" "$port")
        echo "-A PREROUTING -p tcp -m tcp --dport $port"
        echo "-A PREROUTING -p tcp -m tcp --dport $port -m physdev --physdev-in vethp1"
        echo "-A POSTROUTING -p tcp -m tcp --dport $tport"
        echo "-A POSTROUTING -p tcp -m tcp --dport $tport -m physdev --physdev-is-bridged --physdev-out vethp2"
    done
    echo "COMMIT"
    echo "*filter"
    printf ':%s ACCEPT [0:0]\n' INPUT FORWARD OUTPUT
    for c in "${CASES[@]}"; do
        IFS='|' read -r _ _ _ dst port _ <<<"$c"
        read -r tdst tport < <(svc_target "$dst" "$port")
        echo "-A INPUT -p tcp -m tcp --dport $tport"
        echo "-A FORWARD -p tcp -m tcp --dport $tport"
        echo "-A FORWARD -i cni0 -o cni0 -p tcp -m tcp --dport $tport"
        echo "-A FORWARD -p tcp -m tcp --dport $tport -m physdev --physdev-is-bridged"
        echo "-A FORWARD -p tcp -m tcp --dport $tport -m physdev --physdev-is-in ! --physdev-is-out"
    done
    echo "COMMIT"
    echo "*nat"
    printf ':%s ACCEPT [0:0]\n' PREROUTING INPUT OUTPUT POSTROUTING
    for c in "${CASES[@]}"; do
        IFS='|' read -r _ _ _ dst port _ <<<"$c"
        [[ $dst == 10.96.0.10 ]] || continue
        echo "-A PREROUTING -d 10.96.0.10/32 -p tcp -m tcp --dport $port -j DNAT --to-destination 10.244.1.6:$((port + 1000))"
    done
    echo "COMMIT"
} >"$rules"
cs_in node iptables-restore <"$rules"
# pod2 and peer count what reaches them
for c in "${CASES[@]}"; do
    IFS='|' read -r _ _ _ dst port _ <<<"$c"
    read -r tdst tport < <(svc_target "$dst" "$port")
    cs_in pod2 iptables -t mangle -A PREROUTING -p tcp -m tcp --dport "$tport"
    cs_in peer iptables -t mangle -A PREROUTING -p tcp -m tcp --dport "$tport"
done

syn() {   # NS SRC DST PORT: one connection attempt (pod2 answers with a reset)
    cs_in "$1" "$CS_PYTHON" -c 'import socket,sys
s=socket.socket(); s.settimeout(1); s.bind((sys.argv[1], 0))
s.connect_ex((sys.argv[2], int(sys.argv[3]))); s.close()' "$2" "$3" "$4" || true
}
# kernel counter of the rule, by its text in iptables-save -c (after the [p:b] prefix)
counter() {   # FILE RULE-TEXT
    awk -v r="$2" '{ line = $0; sub(/^\[[0-9]+:[0-9]+\] /, "", line); if (line == r) { split($1, a, /[\[:\]]/); print (a[2] > 0); exit } }' "$1"
}

fail=0
for c in "${CASES[@]}"; do
    IFS='|' read -r id from src dst port sysctls <<<"$c"
    read -r tdst tport < <(svc_target "$dst" "$port")
    # the sysctls of the case, and back afterwards
    IFS=',' read -r -a kv <<<"$sysctls"
    cs_in node sysctl -qw "${kv[@]}" >/dev/null
    syn "$from" "$src" "$dst" "$port"
    sc="$CS_TMP/sc-$id"
    mkdir -p "$sc"
    cs_in node iptables-save -c >"$sc/node.rules"
    cs_in node ip -o addr >"$sc/node.addr"
    cs_in node ip route >"$sc/node.route"
    cs_in node ip -j link >"$sc/node.link.json"
    cs_in node sysctl net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables net.ipv4.conf.all.rp_filter \
        net.ipv4.conf.eth0.rp_filter net.ipv4.conf.default.rp_filter net.ipv4.conf.all.accept_local \
        net.ipv4.conf.default.accept_local net.ipv4.conf.all.forwarding net.ipv4.conf.eth0.forwarding \
        net.ipv4.conf.cni0.forwarding >"$sc/node.sysctl"
    cs_in pod2 iptables-save -c -t mangle >"$sc/pod2.rules"
    cs_in peer iptables-save -c -t mangle >"$sc/peer.rules"
    for k in "${kv[@]}"; do
        case ${k%%=*} in
            net.bridge.bridge-nf-call-iptables) cs_in node sysctl -qw "${k%%=*}=1" >/dev/null ;;
            *) cs_in node sysctl -qw "${k%%=*}=$([[ ${k%%=*} == net.ipv4.ip_forward ]] && echo 1 || echo 0)" >/dev/null ;;
        esac
    done
    cat >"$sc/scenario.json" <<'JSON'
{"name": "bridge oracle",
 "nodes": [{"name": "node", "rules": ["node.rules"], "addresses": "node.addr", "routes": "node.route",
            "links": "node.link.json", "sysctls": "node.sysctl"}]}
JSON
    in=vethp1
    [[ $from == peer ]] && in=eth0
    "$CLI" trace "$sc" --from "node:$in" --src "$src" --dst "$dst" --dport "$port" --json >"$sc/trace.json" \
        || cs_die "$id: chainscope-cli trace failed"
    # every counting rule of the case (as iptables-save prints it): kernel counter > 0
    # against the engine's matched step, "table/chain/rule=kernel:engine"
    read -r want got < <("$CS_PYTHON" - "$sc/trace.json" "$sc/node.rules" "$port" "$tport" <<'PY'
import json, re, sys
trace = json.load(open(sys.argv[1]))
ports = {"--dport " + sys.argv[3], "--dport " + sys.argv[4]}
b = trace["branches"]
table = None
counts = {}
want, got = [], []
for raw in open(sys.argv[2]):
    raw = raw.rstrip("\n")
    if raw.startswith("*"):
        table = raw[1:]
        continue
    m = re.match(r"\[(\d+):\d+\] (-A (\S+) .*)", raw)
    if not m:
        continue
    chain = m.group(3)
    counts[(table, chain)] = counts.get((table, chain), 0) + 1
    text = m.group(2)
    if "DNAT" in text or not any(re.search(re.escape(p) + r"( |$)", text) for p in ports):
        continue
    n = counts[(table, chain)]
    want.append(str(int(int(m.group(1)) > 0)))
    if len(b) != 1:
        got.append("?")
        continue
    hit = any(s.get("table") == table and s.get("chain") == chain and s.get("rule") == n and s.get("matched")
              for s in b[0]["steps"])
    got.append(str(int(hit)))
print("".join(want), "".join(got))
PY
)
    kdel="$(counter "$sc/pod2.rules" "-A PREROUTING -p tcp -m tcp --dport $tport")"
    [[ $kdel == 1 ]] || kdel="$(counter "$sc/peer.rules" "-A PREROUTING -p tcp -m tcp --dport $tport")"
    edel="$("$CS_PYTHON" -c 'import json,sys; b=json.load(open(sys.argv[1]))["branches"]; print(int(len(b)==1 and b[0]["verdict"]["kind"]=="delivered"))' "$sc/trace.json")"
    if [[ $want == "$got" && $kdel == "$edel" ]]; then
        cs_log "ok   $id ($sysctls): hooks $want, delivered $kdel"
    else
        cs_log "DISAGREE $id ($sysctls): kernel hooks $want delivered $kdel; engine hooks $got delivered $edel"
        fail=1
    fi
done
exit "$fail"
