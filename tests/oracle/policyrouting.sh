#!/usr/bin/env bash
# tests/oracle/policyrouting.sh - fwmark policy routing, kernel against engine, and the
# collector run on the node the test bed built.
#
#   policyrouting.sh --cli PATH/chainscope-cli --collect PATH/scripts/chainscope-collect
#
# A router namespace "host" with three links: eth0 to "a" (10.88.0.0/24, the client),
# eth1 to "b" (10.88.1.0/24, main's default route) and eth2 to "c" (10.88.2.0/24, table
# 100's default route). `ip rule`: fwmark 0x1 lookup 100, fwmark 0x2 lookup 200 (only an
# unreachable default). mangle marks by port: PREROUTING for forwarded packets (the lookup
# sees the mark), OUTPUT for local ones (the kernel re-routes after mangle OUTPUT:
# ip_route_me_harder). Which way each SYN left is read off the counters of mangle
# POSTROUTING rules 1 (-o eth1) and 2 (-o eth2); the engine's answer is which of those rules
# matched in `chainscope-cli trace --json`, and its verdict. The engine traces two
# scenarios of the same node: the folder scripts/chainscope-collect wrote inside "host"
# (iptables-save -c, ip -j addr / route show table all / rule), and one written by hand
# from the text forms (ip -o addr, ip route show table all, ip rule show).
# rp_filter through the rules: eth2 (peer "c") and eth3 (peer "d") are strict, eth3 with
# src_valid_mark; sources that c and d own only as extra addresses are sent back by "to",
# fwmark and iif rules. eth4 (peer "e") and eth5 (peer "f") are loose; eth4 has no IPv4
# address, so a source routed back through another device is dropped there
# (__fib_validate_source's no_addr) and passes on eth5. Whether each SYN passed is read off filter INPUT/FORWARD counters;
# the engine's answer is its verdict (accept-local, delivered, or a drop).
# Exit 0: all agree; 1: a disagreement (printed); 77: skipped.
set -euo pipefail
# shellcheck source=tests/oracle/lib.sh
source "$(dirname "$0")/lib.sh"

CLI=""
COLLECT=""
while (($#)); do
    case $1 in
        --cli) CLI=$2; shift 2 ;;
        --collect) COLLECT=$2; shift 2 ;;
        *) cs_die "unknown argument $1" ;;
    esac
done
[[ -x $CLI ]] || cs_die "--cli PATH to chainscope-cli is required"
[[ -r $COLLECT ]] || cs_die "--collect PATH to scripts/chainscope-collect is required"
cs_require
cs_setup

cs_netns_add host
for peer in a b c d e f; do cs_netns_add "$peer"; done
link() {   # link PEER IFACE-IN-HOST NET [noaddr]: noaddr leaves the host's side without IPv4
    local peer=$1 dev=$2 net=$3 noaddr=${4:-}
    ip link add "${CS_PREFIX}$dev" netns "$(cs_ns host)" type veth peer name "${CS_PREFIX}$peer" netns "$(cs_ns "$peer")"
    cs_in host ip link set "${CS_PREFIX}$dev" name "$dev"
    cs_in "$peer" ip link set "${CS_PREFIX}$peer" name eth0
    [[ -n $noaddr ]] || cs_in host ip addr add "$net.1/24" dev "$dev"
    cs_in "$peer" ip addr add "$net.2/24" dev eth0
    cs_in host ip link set "$dev" up
    cs_in "$peer" ip link set eth0 up
    if [[ -n $noaddr ]]; then
        cs_in "$peer" ip route add default dev eth0
    else
        cs_in "$peer" ip route add default via "$net.1"
    fi
}
link a eth0 10.88.0
link b eth1 10.88.1
link c eth2 10.88.2
link d eth3 10.88.3
# eth4 (peer "e") has no IPv4 address, eth5 (peer "f") has one; both loose (rp_filter 2)
link e eth4 10.88.4 noaddr
link f eth5 10.88.5
cs_in host sysctl -qw net.ipv4.ip_forward=1
# set on every device, so the scenario written by hand (its sysctl file) and the node agree
# whatever this machine's defaults are
cs_in host sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.all.src_valid_mark=0
for dev in eth0 eth1 eth2 eth3 eth4 eth5; do
    cs_in host sysctl -qw "net.ipv4.conf.$dev.rp_filter=0" "net.ipv4.conf.$dev.src_valid_mark=0"
done
cs_in host sysctl -qw net.ipv4.conf.eth2.rp_filter=1 net.ipv4.conf.eth3.rp_filter=1 net.ipv4.conf.eth3.src_valid_mark=1
cs_in host sysctl -qw net.ipv4.conf.eth4.rp_filter=2 net.ipv4.conf.eth5.rp_filter=2
for src in 172.31.0.5 172.30.0.5 172.29.0.5 172.28.0.5; do cs_in c ip addr add "$src/32" dev eth0; done
cs_in d ip addr add 172.30.0.5/32 dev eth0
cs_in a ip addr add 198.18.0.5/32 dev eth0
cs_in f ip addr add 172.27.0.5/32 dev eth0
cs_in host ip route add default via 10.88.1.2 dev eth1
cs_in host ip route add default via 10.88.2.2 dev eth2 table 100
cs_in host ip route add 10.88.2.0/24 dev eth2 table 100
cs_in host ip route add throw 203.0.113.0/24 table 100
cs_in host ip route add unreachable default table 200
cs_in host ip rule add pref 100 fwmark 0x1 lookup 100
cs_in host ip rule add pref 110 fwmark 0x2/0xf lookup 200
cs_in host ip route add default via 10.88.3.2 dev eth3 table 300
cs_in host ip rule add pref 130 fwmark 0x3 lookup 300
cs_in host ip rule add pref 140 iif eth2 to 172.29.0.0/16 lookup 100
cs_in host ip rule add pref 150 iif eth3 to 172.28.0.0/16 lookup 100
cs_in host ip rule add pref 160 to 172.31.0.0/16 lookup 100
cs_in host ip rule add pref 170 to 198.18.0.0/15 lookup 200

rules="$CS_TMP/host.rules"
cat >"$rules" <<'EOF'
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -i eth0 -p tcp -m tcp --dport 8443 -j MARK --set-xmark 0x1/0xffffffff
-A PREROUTING -i eth0 -p tcp -m tcp --dport 9443 -j MARK --set-xmark 0x12/0xffffffff
-A PREROUTING -s 172.30.0.0/16 -j MARK --set-xmark 0x3/0xffffffff
-A OUTPUT -p tcp -m tcp --dport 443 -j MARK --set-xmark 0x1/0xffffffff
-A POSTROUTING -o eth1 -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j RETURN
-A POSTROUTING -o eth2 -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j RETURN
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p tcp -m tcp --dport 7000
-A FORWARD -p tcp -m tcp --dport 7000
COMMIT
EOF
cs_in host iptables-restore <"$rules"

# id | sender namespace ("host": locally generated) | destination | port | expected way
CASES=(
    "local-no-mark|host|198.51.100.7|80|eth1"
    "local-mark-in-output|host|198.51.100.7|443|eth2"
    "local-mark-throw|host|203.0.113.9|443|eth1"
    "forward-no-mark|a|198.51.100.7|80|eth1"
    "forward-mark-in-prerouting|a|198.51.100.7|8443|eth2"
    "forward-mark-mask-unreachable|a|198.51.100.7|9443|none"
)

syn() {   # syn NS DST PORT [SRC]: one SYN (the connection fails or times out; the counters tell)
    cs_in "$1" "$CS_PYTHON" -c 'import socket,sys
s=socket.socket(); s.settimeout(0.5)
if len(sys.argv) > 3: s.bind((sys.argv[3], 0))
s.connect_ex((sys.argv[1], int(sys.argv[2]))); s.close()' "$2" "$3" ${4:+"$4"} || true
}
counters() {   # the POSTROUTING SYN counters as "eth1 eth2"
    cs_in host iptables-save -c -t mangle | awk '
        / -A POSTROUTING -o eth1 / {split($1, a, /[\[:\]]/); e1 = a[2]}
        / -A POSTROUTING -o eth2 / {split($1, a, /[\[:\]]/); e2 = a[2]}
        END {print e1 + 0, e2 + 0}'
}
KERNEL=()
for c in "${CASES[@]}"; do
    IFS='|' read -r id from dst port _ <<<"$c"
    read -r b1 b2 < <(counters)
    syn "$from" "$dst" "$port"
    read -r a1 a2 < <(counters)
    way=none
    ((a1 > b1)) && way=eth1
    ((a2 > b2)) && way=eth2
    ((a1 > b1 && a2 > b2)) && way=both
    KERNEL+=("$way")
done

# rp_filter cases: id | sender | source | destination | expected (in: INPUT, fwd: FORWARD,
# none: dropped before either)
RPCASES=(
    "rp-to-rule|c|172.31.0.5|10.88.2.1|in"
    "rp-mark-without-src_valid_mark|c|172.30.0.5|10.88.2.1|none"
    "rp-mark-with-src_valid_mark|d|172.30.0.5|10.88.3.1|in"
    "rp-iif-rule-is-not-the-input|c|172.29.0.5|10.88.2.1|none"
    "rp-iif-rule-is-the-output|c|172.28.0.5|10.88.3.2|fwd"
    "rp-iif-rule-local-is-lo|c|172.28.0.5|10.88.2.1|none"
    "rp-off-blackhole-back|a|198.18.0.5|10.88.0.1|in"
    "rp-loose-no-ipv4-address|e|10.88.4.2|10.88.0.1|none"
    "rp-loose-with-address|f|172.27.0.5|10.88.5.1|in"
)
rpcounters() {   # filter INPUT and FORWARD port-7000 packets as "in fwd"
    cs_in host iptables-save -c -t filter | awk '
        / -A INPUT -p tcp / {split($1, a, /[\[:\]]/); i = a[2]}
        / -A FORWARD -p tcp / {split($1, a, /[\[:\]]/); f = a[2]}
        END {print i + 0, f + 0}'
}
# The senders resolve the host from their own addresses first: an ARP request sent from an
# extra source passes the same rp_filter check with mark 0 and would go unanswered, and the
# engine traces the IP packet, not its ARP.
cs_in a ping -c1 -W1 10.88.0.1 >/dev/null || true
cs_in c ping -c1 -W1 10.88.2.1 >/dev/null || true
cs_in d ping -c1 -W1 10.88.3.1 >/dev/null || true
cs_in f ping -c1 -W1 10.88.5.1 >/dev/null || true
# eth4 answers no ARP (the request fails the same rp_filter check): e is told its MAC
cs_in e ip neigh replace 10.88.0.1 lladdr "$(cs_in host cat /sys/class/net/eth4/address)" dev eth0 nud permanent
RPKERNEL=()
for c in "${RPCASES[@]}"; do
    IFS='|' read -r id from src dst _ <<<"$c"
    read -r i1 f1 < <(rpcounters)
    syn "$from" "$dst" 7000 "$src"
    read -r i2 f2 < <(rpcounters)
    way=none
    ((i2 > i1)) && way=in
    ((f2 > f1)) && way=fwd
    RPKERNEL+=("$way")
done

# The collector on the node the test bed built, then the hand-written scenario.
collected="$CS_TMP/collected"
cs_in host sh "$COLLECT" -o "$collected" --name host
for f in scenario.json iptables-nft.txt ip-addr.json ip-route.json ip-rule.json ip-link.json sysctl.txt uname.txt NOTES.txt; do
    [[ -f $collected/$f ]] || cs_die "collector did not write $f"
done
grep -q '"ip_rules": "ip-rule.json"' "$collected/scenario.json" || cs_die "scenario.json does not name ip-rule.json"
hand="$CS_TMP/hand"
mkdir -p "$hand"
{ echo '```'; echo "root@host:~# iptables-save"; cs_in host iptables-save; echo '```'; } >"$hand/host.rules"
{ echo "root@host:~# ip -o addr"; cs_in host ip -o addr; } >"$hand/host.addr"
{ echo "root@host:~# ip route show table all"; cs_in host ip route show table all; } | sed 's/$/\r/' >"$hand/host.route"
{ echo "root@host:~# ip rule show"; cs_in host ip rule show; } >"$hand/host.iprule"
{ echo "root@host:~# sysctl -a | grep -E 'forward|rp_filter|src_valid_mark'"
  cs_in host sysctl -a 2>/dev/null | grep -E 'forward|rp_filter|src_valid_mark'; } >"$hand/host.sysctl"
cat >"$hand/scenario.json" <<'EOF'
{"name": "policy routing oracle",
 "nodes": [{"name": "host", "rules": ["host.rules"], "addresses": "host.addr", "routes": "host.route",
            "ip_rules": "host.iprule", "sysctls": "host.sysctl"}]}
EOF

# engine: "WAY VERDICT" (WAY: which POSTROUTING rule matched) for one case
engine() {
    local sc=$1 from=$2 dst=$3 port=$4 args
    args=(trace "$sc" --dst "$dst" --dport "$port" --json)
    if [[ $from == host ]]; then args+=(--from host); else args+=(--from host:eth0 --src 10.88.0.2); fi
    "$CLI" "${args[@]}" | "$CS_PYTHON" -c 'import json,sys
o=json.load(sys.stdin); b=o["branches"]
if len(b)!=1: print("uncertain uncertain"); sys.exit()
m=[s.get("rule") for s in b[0]["steps"] if s.get("kind")=="rule" and s.get("table")=="mangle" and s.get("chain")=="POSTROUTING" and s.get("matched")]
way={(1,):"eth1",(2,):"eth2",():"none"}.get(tuple(m),"both")
print(way, b[0]["verdict"]["kind"])'
}

fail=0
for i in "${!CASES[@]}"; do
    IFS='|' read -r id from dst port expect <<<"${CASES[i]}"
    k=${KERNEL[i]}
    [[ $k == "$expect" ]] || cs_log "NOTE $id: the kernel took $k, the case expected $expect"
    for sc in "$collected" "$hand"; do
        read -r way verdict < <(engine "$sc" "$from" "$dst" "$port")
        # no way out is a no-route verdict; a way out is delivered towards the next hop
        want=delivered
        [[ $k == none ]] && want=no-route
        if [[ $way == "$k" && $verdict == "$want" ]]; then
            cs_log "ok   $id ($(basename "$sc")): kernel $k, engine $way $verdict"
        else
            cs_log "DISAGREE $id ($(basename "$sc")): kernel $k, engine $way $verdict"
            fail=1
        fi
    done
done

rpengine() {   # the engine's verdict for one rp case: in, fwd or none
    "$CLI" trace "$1" --from "host:$2" --src "$3" --dst "$4" --dport 7000 --json | "$CS_PYTHON" -c 'import json,sys
b=json.load(sys.stdin)["branches"]
k=b[0]["verdict"]["kind"] if len(b)==1 else "uncertain"
print({"accept-local":"in","delivered":"fwd","drop":"none"}.get(k,k))'
}
for i in "${!RPCASES[@]}"; do
    IFS='|' read -r id from src dst expect <<<"${RPCASES[i]}"
    k=${RPKERNEL[i]}
    [[ $k == "$expect" ]] || cs_log "NOTE $id: the kernel gave $k, the case expected $expect"
    case $from in a) dev=eth0 ;; c) dev=eth2 ;; d) dev=eth3 ;; e) dev=eth4 ;; *) dev=eth5 ;; esac
    for sc in "$collected" "$hand"; do
        e=$(rpengine "$sc" "$dev" "$src" "$dst")
        if [[ $e == "$k" ]]; then
            cs_log "ok   $id ($(basename "$sc")): kernel $k, engine $e"
        else
            cs_log "DISAGREE $id ($(basename "$sc")): kernel $k, engine $e"
            "$CLI" trace "$sc" --from "host:$dev" --src "$src" --dst "$dst" --dport 7000 >&2 || true
            fail=1
        fi
    done
done
exit "$fail"
