#!/usr/bin/env bash
# tests/oracle/nft.sh - the kernel's truth for nftables rule sets, against the engine.
#
# Builds tests/data/nft/incident (kube-proxy in nftables mode, flannel's nft table, Docker's
# iptables-nft tables; master and node02, flannel VXLAN, a pod on node02) and
# resources/scenarios/firewalld-mixed (lesson 07; iptables-legacy filter INPUT + firewalld's inet table on one host)
# in network namespaces, loads each node's `nft list ruleset` with `nft -f` (the legacy dump
# with iptables-legacy-restore), sends each case's packet, and compares the base-chain
# decisions `nft monitor trace` reports on each node with `chainscope-cli trace --json`.
#
# Usage (as root): tests/oracle/nft.sh --cli PATH/chainscope-cli [CASE...]
# Exit 0: all agree; 1: a disagreement (printed); 77: skipped (not root, no namespaces).
set -euo pipefail

ORACLE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$ORACLE_DIR/../.." && pwd)"
DATA="$REPO/tests/data/nft"
MIXED="$REPO/resources/scenarios/firewalld-mixed"
# shellcheck source=tests/oracle/lib.sh
source "$ORACLE_DIR/lib.sh"
CMP="$ORACLE_DIR/nftcompare.py"

CLI=""
if [[ ${1:-} == --cli ]]; then CLI=$2; shift 2; fi
[[ -x $CLI ]] || { echo "usage: $0 --cli PATH/chainscope-cli [CASE...]" >&2; exit 2; }
ALL=(curl-pod-node02 curl-clusterip mixed-exporter mixed-ssh mixed-exporter-fixed)
CASES=("$@")
((${#CASES[@]})) || CASES=("${ALL[@]}")

cs_require
command -v iptables-legacy-restore >/dev/null 2>&1 || cs_skip "iptables-legacy-restore is missing (the mixed host needs it)"
cs_setup

# nft_load NODE FILE: `nft -f` of a pasted `nft list ruleset` (prompts and fences removed),
# and a table that marks every packet for `nft monitor trace` before any other chain.
nft_load() {
    local node=$1 file=$2
    grep -v -e '^[a-z]*@[^ ]*[#$] ' -e '^```' "$file" >"$CS_TMP/$node.load.nft"
    cs_in "$node" nft -f "$CS_TMP/$node.load.nft" || cs_die "$node: nft -f $file failed"
    cs_in "$node" nft -f - <<'NFT' || cs_die "$node: trace table"
table ip cs-trace {
	chain pre { type filter hook prerouting priority -450; meta nftrace set 1; }
	chain out { type filter hook output priority -450; meta nftrace set 1; }
}
NFT
}

build_incident() {
    local sc="$DATA/incident" n
    cs_lan_create
    for n in master node02; do cs_node_create "$n" "$sc/$n.addr"; done
    cs_vxlan_peer master node02 "$sc/node02.addr"
    cs_vxlan_peer node02 master "$sc/master.addr"
    cs_pod_create node02 pod-node02 10.224.2.16/24 10.224.2.1
    for n in master node02; do
        cs_routes_apply "$n" "$sc/$n.route"
        nft_load "$n" "$sc/$n.nft"
    done
    cs_http_responder pod-node02 10.224.2.16 600
}

build_mixed() {
    local sc="$MIXED"
    printf '2: eth0    inet 192.168.56.1/24 brd 192.168.56.255 scope global eth0\\       valid_lft forever preferred_lft forever\n' >"$CS_TMP/client.addr"
    cs_node_create client "$CS_TMP/client.addr"
    cs_node_create host "$sc/host.addr"
    cs_routes_apply host "$sc/host.route"
    cs_in host iptables-legacy-restore <"$sc/host.legacy" || cs_die "host: iptables-legacy-restore failed"
    nft_load host "$sc/host.nft"
}

# run SCENARIO SENDER DST DPORT NODES...: one packet, kernel and engine compared per node.
# CLI_EXTRA: more arguments for the engine's trace (a candidate rule the kernel also has).
FAILED=0
CLI_EXTRA=()
run() {
    local name=$1 scenario=$2 sender=$3 from=$4 src=$5 dst=$6 dport=$7; shift 7
    local nodes=("$@") n pids=() k e dnat try tries=1
    [[ $name == curl-clusterip ]] && tries=8
    for ((try = 1; try <= tries; try++)); do
        pids=()
        for n in "${nodes[@]}"; do
            cs_bg "$n" 20 "$CS_TMP/$name.$n.trace" stdbuf -oL nft monitor trace
            pids+=("$CS_LAST_PID")
        done
        sleep 0.7
        for n in "${nodes[@]}"; do cs_in "$n" conntrack -F >/dev/null 2>&1 || true; done
        timeout 4 ip netns exec "$(cs_ns "$sender")" curl -s -o /dev/null --connect-timeout 0.5 --max-time 2 \
            "http://$dst:$dport/" >/dev/null 2>&1 || true
        sleep 0.7
        cs_stop_pids "${pids[@]}"
        local srcarg=()
        [[ -n $src ]] && srcarg=(--src "$src")
        "$CLI" trace "$scenario" --from "$from" "${srcarg[@]}" --dst "$dst" --dport "$dport" "${CLI_EXTRA[@]}" --json >"$CS_TMP/$name.json"
        # the engine branch is the one that DNATs where the kernel's numgen sent this packet
        # (read whole, not through `head`: under pipefail a closed pipe fails the run)
        dnat="$("$CS_PYTHON" "$CMP" kernel "$CS_TMP/$name.${nodes[0]}.trace" "$dst" "$dport")"
        dnat="$(sed -n '1s/^dnat *//p' <<<"$dnat")"
        for n in "${nodes[@]}"; do
            local kdst=$dst
            [[ $n != "${nodes[0]}" && -n $dnat ]] && kdst=$dnat
            k="$("$CS_PYTHON" "$CMP" kernel "$CS_TMP/$name.$n.trace" "$kdst" "$dport" | sed '1d')"
            if [[ -z $k && $n != "${nodes[0]}" ]]; then
                cs_log "$name try $try $n: the packet did not reach $n (endpoint ${dnat:-none})"
                continue
            fi
            e="$("$CS_PYTHON" "$CMP" engine "$CS_TMP/$name.json" "$n" "$dnat" 2>&1 || true)"
            if [[ -n $k && $k == "$e" ]]; then
                cs_log "$name try $try $n: agree ($(wc -l <<<"$k") decisions${dnat:+, endpoint $dnat})"
            else
                cs_log "$name try $try $n: DISAGREE (< kernel, > engine)"
                diff <(printf '%s\n' "$k") <(printf '%s\n' "$e") >&2 || true
                FAILED=1
            fi
        done
    done
}

want() { local c; for c in "${CASES[@]}"; do [[ $c == "$1" ]] && return 0; done; return 1; }
if want curl-pod-node02 || want curl-clusterip; then build_incident; fi
if want mixed-exporter || want mixed-ssh || want mixed-exporter-fixed; then build_mixed; fi
for c in "${CASES[@]}"; do
    case $c in
        curl-pod-node02) run "$c" "$DATA/incident" master master "" 10.224.2.16 80 master node02 ;;
        curl-clusterip) run "$c" "$DATA/incident" master master "" 10.108.94.160 80 master node02 ;;
        mixed-exporter) run "$c" "$MIXED" client host:eth0 192.168.56.1 192.168.56.20 9000 host ;;
        mixed-ssh) run "$c" "$MIXED" client host:eth0 192.168.56.1 192.168.56.20 22 host ;;
        mixed-exporter-fixed)
            # Lesson 07's narrowest fix as a candidate for the engine, and on the host the
            # command the engine gives to copy for it (tst_nft nftCommands checks that form).
            fix='host:inet firewalld:filter_IN_public_allow:4:tcp dport 9000 accept'
            cs_in host nft add rule inet firewalld filter_IN_public_allow index 2 tcp dport 9000 accept \
                || cs_die "host: nft add rule failed"
            CLI_EXTRA=(--insert "$fix")
            run "$c" "$MIXED" client host:eth0 192.168.56.1 192.168.56.20 9000 host
            CLI_EXTRA=() ;;
        *) cs_die "unknown case $c (cases: ${ALL[*]})" ;;
    esac
done
exit $FAILED
