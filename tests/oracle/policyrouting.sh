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
for peer in a b c; do cs_netns_add "$peer"; done
link() {   # link PEER IFACE-IN-HOST NET
    local peer=$1 dev=$2 net=$3
    ip link add "${CS_PREFIX}$dev" netns "$(cs_ns host)" type veth peer name "${CS_PREFIX}$peer" netns "$(cs_ns "$peer")"
    cs_in host ip link set "${CS_PREFIX}$dev" name "$dev"
    cs_in "$peer" ip link set "${CS_PREFIX}$peer" name eth0
    cs_in host ip addr add "$net.1/24" dev "$dev"
    cs_in "$peer" ip addr add "$net.2/24" dev eth0
    cs_in host ip link set "$dev" up
    cs_in "$peer" ip link set eth0 up
    cs_in "$peer" ip route add default via "$net.1"
}
link a eth0 10.88.0
link b eth1 10.88.1
link c eth2 10.88.2
cs_in host sysctl -qw net.ipv4.ip_forward=1
cs_in host ip route add default via 10.88.1.2 dev eth1
cs_in host ip route add default via 10.88.2.2 dev eth2 table 100
cs_in host ip route add 10.88.2.0/24 dev eth2 table 100
cs_in host ip route add throw 203.0.113.0/24 table 100
cs_in host ip route add unreachable default table 200
cs_in host ip rule add pref 100 fwmark 0x1 lookup 100
cs_in host ip rule add pref 110 fwmark 0x2/0xf lookup 200

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
-A OUTPUT -p tcp -m tcp --dport 443 -j MARK --set-xmark 0x1/0xffffffff
-A POSTROUTING -o eth1 -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j RETURN
-A POSTROUTING -o eth2 -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j RETURN
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
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

syn() {   # syn NS DST PORT: one SYN (the connection fails or times out; the counters tell)
    cs_in "$1" "$CS_PYTHON" -c 'import socket,sys
s=socket.socket(); s.settimeout(0.5)
s.connect_ex((sys.argv[1], int(sys.argv[2]))); s.close()' "$2" "$3" || true
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
cat >"$hand/scenario.json" <<'EOF'
{"name": "policy routing oracle",
 "nodes": [{"name": "host", "rules": ["host.rules"], "addresses": "host.addr", "routes": "host.route",
            "ip_rules": "host.iprule"}]}
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
exit "$fail"
