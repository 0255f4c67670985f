#!/usr/bin/env bash
# tests/oracle/sets.sh - Suite 4 of the kernel oracle: `-m set` (ipset) and `-m recent`
# (kube-proxy's session affinity), kernel against engine.
#
#   sets.sh --cli PATH/chainscope-cli
#
# Two namespaces on a veth pair: "peer" (10.77.0.2, .3, .50, .100) sends TCP SYNs to "host"
# (10.77.0.1). In host, ipsets of every type the engine reads are created with `ipset`, and
# each case is a chain reached by its own destination port whose first rule is the match
# under test (-j RETURN). The kernel's answer is that rule's packet counter; the engine's is
# whether the same rule matched in `chainscope-cli trace --json`, on a scenario made of the
# namespace's own `iptables-save`, `ip -o addr`, `ip route` and `ipset save`. recent: the
# first packet of a client is new (--rcheck fails, --set records), the second has its entry
# (traced with --affinity).
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
command -v ipset >/dev/null 2>&1 || cs_die "missing tool: ipset (apt-get install -y ipset)"
cs_setup

cs_netns_add host
cs_netns_add peer
ip link add "${CS_PREFIX}h" netns "$(cs_ns host)" type veth peer name "${CS_PREFIX}p" netns "$(cs_ns peer)"
cs_in host ip link set "${CS_PREFIX}h" name eth0
cs_in peer ip link set "${CS_PREFIX}p" name eth0
cs_in host ip addr add 10.77.0.1/24 dev eth0
for a in 2 3 50 100; do cs_in peer ip addr add "10.77.0.$a/24" dev eth0; done
cs_in host ip link set eth0 up
cs_in peer ip link set eth0 up
ipset -v >/dev/null 2>&1 || true
cs_in host ipset create blocked hash:ip family inet timeout 600 \
    || cs_skip "ipset cannot create sets in a namespace here (ip_set module not available)"
cs_in host ipset add blocked 10.77.0.2 timeout 500
cs_in host ipset add blocked 10.77.0.50
cs_in host ipset create nets hash:net family inet
cs_in host ipset add nets 10.77.0.0/24
cs_in host ipset add nets 10.77.0.0/28 nomatch
cs_in host ipset create svc hash:ip,port family inet
cs_in host ipset add svc 10.77.0.1,tcp:5011
cs_in host ipset add svc 10.77.0.1,udp:5012
cs_in host ipset create netport hash:net,port family inet
cs_in host ipset add netport 10.77.0.0/30,tcp:5021
cs_in host ipset create ifaces hash:net,iface family inet
cs_in host ipset add ifaces 10.77.0.0/24,eth0
cs_in host ipset create ports bitmap:port range 0-10000
cs_in host ipset add ports 5031
cs_in host ipset create masked hash:ip family inet netmask 24
cs_in host ipset add masked 10.77.0.0
cs_in host ipset create all list:set size 8
cs_in host ipset add all blocked
cs_in host ipset add all ports

# id | match (the rule under test) | source | destination port; each (source, port) once,
# since a case's chain returns and the packet goes on past the other cases' jumps
CASES=(
    "ip-src|-m set --match-set blocked src|10.77.0.2|5001"
    "ip-src-miss|-m set --match-set blocked src|10.77.0.3|5002"
    "ip-src-neg|-m set ! --match-set blocked src|10.77.0.3|5003"
    "ip-dst|-m set --match-set blocked dst|10.77.0.2|5004"
    "ip-netmask|-m set --match-set masked src|10.77.0.100|5005"
    "net-nomatch|-m set --match-set nets src|10.77.0.2|5006"
    "net-plain|-m set --match-set nets src|10.77.0.100|5007"
    "net-return-nomatch|-m set --match-set nets src --return-nomatch|10.77.0.2|5008"
    "net-return-plain|-m set --match-set nets src --return-nomatch|10.77.0.100|5009"
    "ipport|-m set --match-set svc dst,dst|10.77.0.2|5011"
    "ipport-udp-only|-m set --match-set svc dst,dst|10.77.0.2|5012"
    "ipport-src-port|-m set --match-set svc dst,src|10.77.0.3|5011"
    "ipport-one-dir|-m set --match-set svc dst|10.77.0.100|5011"
    "ipport-one-dir-neg|-m set ! --match-set svc dst|10.77.0.50|5011"
    "netport|-m set --match-set netport src,dst|10.77.0.3|5021"
    "netport-miss|-m set --match-set netport src,dst|10.77.0.100|5021"
    "netiface-in|-m set --match-set ifaces src,src|10.77.0.3|5022"
    "netiface-out|-m set --match-set ifaces src,dst|10.77.0.3|5023"
    "bitmap-port|-m set --match-set ports dst|10.77.0.3|5031"
    "bitmap-port-miss|-m set --match-set ports dst|10.77.0.3|5032"
    "listset|-m set --match-set all dst|10.77.0.100|5031"
    "listset-miss|-m set --match-set all src|10.77.0.3|5033"
    "listset-src|-m set --match-set all src|10.77.0.2|5034"
)
# recent: the same client twice, then another client; each packet to port 6001.
RECENT_PACKETS=("10.77.0.2|" "10.77.0.2|AFF" "10.77.0.3|")

rules="$CS_TMP/host.rules"
{
    echo "*filter"
    echo ":INPUT ACCEPT [0:0]"
    echo ":FORWARD ACCEPT [0:0]"
    echo ":OUTPUT ACCEPT [0:0]"
    for i in "${!CASES[@]}"; do echo ":C$i - [0:0]"; done
    echo ":R - [0:0]"
    # one jump per case, by source and port (cases share ports with other sources)
    for i in "${!CASES[@]}"; do
        IFS='|' read -r _ _ src port <<<"${CASES[i]}"
        echo "-A INPUT -s $src/32 -p tcp -m tcp --dport $port -m comment --comment case$i -j C$i"
    done
    echo "-A INPUT -p tcp -m tcp --dport 6001 -j R"
    echo "-A INPUT -p tcp -j REJECT --reject-with tcp-reset"
    for i in "${!CASES[@]}"; do
        IFS='|' read -r _ match _ _ <<<"${CASES[i]}"
        echo "-A C$i $match -j RETURN"
    done
    echo "-A R -m recent --rcheck --seconds 10800 --reap --name AFF --mask 255.255.255.255 --rsource -j RETURN"
    echo "-A R -m recent --set --name AFF --mask 255.255.255.255 --rsource"
    echo "COMMIT"
} >"$rules"
cs_in host iptables-restore <"$rules"

# The kernel: one SYN per case, from its source (RST comes back at once).
syn() {
    cs_in peer "$CS_PYTHON" -c 'import socket,sys
s=socket.socket(); s.settimeout(2); s.bind((sys.argv[1], 0))
s.connect_ex((sys.argv[2], int(sys.argv[3]))); s.close()' "$1" 10.77.0.1 "$2"
}
for i in "${!CASES[@]}"; do
    IFS='|' read -r _ _ src port <<<"${CASES[i]}"
    syn "$src" "$port"
done
for p in "${RECENT_PACKETS[@]}"; do syn "${p%%|*}" 6001; done

# The engine's scenario: what the namespace says about itself.
sc="$CS_TMP/scenario"
mkdir -p "$sc"
cs_in host iptables-save -c >"$sc/host.rules"
cs_in host ip -o addr >"$sc/host.addr"
cs_in host ip route >"$sc/host.route"
cs_in host ipset save >"$sc/host.ipsets"
cat >"$sc/scenario.json" <<'EOF'
{"name": "ipset and recent oracle",
 "nodes": [{"name": "host", "rules": ["host.rules"], "addresses": "host.addr", "routes": "host.route",
            "ipsets": "host.ipsets"}]}
EOF

# kernel counter of rule 1 of a chain
kernel_hits() {
    awk -v c="-A $1 " 'index($0, c) {split($1, a, /[\[:\]]/); print a[2]; exit}' "$sc/host.rules"
}
# engine: 1 when rule 1 of the chain matched in the trace of (src, dport[, affinity])
engine_hits() {
    local chain=$1 src=$2 port=$3 aff=${4:-} args
    args=(trace "$sc" --from host:eth0 --src "$src" --dst 10.77.0.1 --dport "$port" --json)
    [[ -z $aff ]] || args+=(--affinity "$aff")
    "$CLI" "${args[@]}" | "$CS_PYTHON" -c 'import json,sys
o=json.load(sys.stdin); c=sys.argv[1]
b=o["branches"]
if len(b)!=1: print("uncertain"); sys.exit()
print(sum(1 for s in b[0]["steps"] if s.get("chain")==c and s.get("rule")==1 and s.get("matched")))' "$chain"
}

fail=0
for i in "${!CASES[@]}"; do
    IFS='|' read -r id match src port <<<"${CASES[i]}"
    k="$(kernel_hits "C$i")"
    e="$(engine_hits "C$i" "$src" "$port")"
    if [[ $k == "$e" ]]; then
        cs_log "ok   $id: $match from $src to :$port -> $k"
    else
        cs_log "DISAGREE $id: $match from $src to :$port: kernel $k, engine $e"
        fail=1
    fi
done
k="$(kernel_hits R)"
e=0
for p in "${RECENT_PACKETS[@]}"; do
    h="$(engine_hits R "${p%%|*}" 6001 "${p#*|}")"
    [[ $h == uncertain ]] && { e=uncertain; break; }
    e=$((e + h))
done
if [[ $k == "$e" ]]; then
    cs_log "ok   recent: --rcheck after --set from the same client, not another -> $k"
else
    cs_log "DISAGREE recent: kernel $k, engine $e"
    fail=1
fi
exit "$fail"
