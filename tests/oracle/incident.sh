#!/usr/bin/env bash
# tests/oracle/incident.sh - the kernel's truth for the bundled incident scenario.
#
# Builds resources/scenarios/incident/ (master, node01, node02; flannel VXLAN; cni0 with
# pods) in real network namespaces, loads each node's iptables-save dump with
# `iptables-restore -c` (nf_tables backend), sends the scenario's packets for real, and
# writes what nf_tables' trace reports to tests/golden/incident/<case>.kernel.json.
#
# Usage (as root):
#   tests/oracle/incident.sh CASE...   regenerate the golden file of each CASE
#   tests/oracle/incident.sh all       regenerate every golden file
#   tests/oracle/incident.sh check [CASE...]
#                                      run every case (or the given ones) and diff against
#                                      the committed files (exit 1 on any difference;
#                                      "kernel" and "iptables" are reported, not compared)
#   tests/oracle/incident.sh roundtrip each node's .rules must load with iptables-restore -c
#                                      and print back identically (check does this too)
#   tests/oracle/incident.sh list      print the case names
#   tests/oracle/incident.sh audit --cli CHAINSCOPE_CLI
#                                      the audit comparison (issue 19): every flow
#                                      `chainscope-cli audit --json` lists for the three nodes
#                                      is sent for real (each endpoint seen, by conntrack), and
#                                      the kernel's outcomes must be the audit's (exit 1 if not)
# Exit code 77: skipped (not root, or network namespaces not allowed).
# See tests/golden/incident/README.md for the output format.
set -euo pipefail

ORACLE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$ORACLE_DIR/../.." && pwd)"
SC="$REPO/resources/scenarios/incident"
GOLDEN="$REPO/tests/golden/incident"
# shellcheck source=tests/oracle/lib.sh
source "$ORACLE_DIR/lib.sh"

NODES=(master node01 node02)
# pod namespace, node, address/plen, gateway, responder ("http" or "-")
PODS=(
    "pod-master master 10.224.0.4/24 10.224.0.1 -"
    "pod-node01 node01 10.224.1.14/24 10.224.1.1 http"
    "pod-node02 node02 10.224.2.16/24 10.224.2.1 http"
)
declare -A PRESET=(
    [curl-clusterip]="curl the ClusterIP from master"
    [curl-pod-node02]="curl the pod on node02 from master"
    [ping-pod-node02]="ping the pod on node02 from master"
    [curl-pod-node01]="curl the pod on node01 from master"
    [pod-master-clusterip]="a pod on master curls the ClusterIP"
)
declare -A FIX=(
    [fix1-policy-accept]="fix 1: FORWARD policy ACCEPT"
    [fix2-author]="fix 2: the author's FORWARD rule"
    [fix3-docker-user]="fix 3: Docker's DOCKER-USER rule"
)
CASES=(
    curl-clusterip curl-pod-node02 ping-pod-node02 curl-pod-node01 pod-master-clusterip
    fix1-policy-accept--curl-clusterip fix2-author--curl-clusterip fix3-docker-user--curl-clusterip
    fix1-policy-accept--pod-master-clusterip fix2-author--pod-master-clusterip
    fix3-docker-user--pod-master-clusterip
)
MAX_TRIES_BRANCHING=30   # kube-proxy's statistic match picks the endpoint: retry until each is seen
MAX_TRIES_SINGLE=5       # a try only fails when a monitor was not ready in time
RUN_SECONDS=900          # upper bound for every background process (responders)

build_topology() {
    local n p pod node cidr gw resp
    cs_lan_create
    for n in "${NODES[@]}"; do cs_node_create "$n" "$SC/$n.addr"; done
    for n in "${NODES[@]}"; do
        for p in "${NODES[@]}"; do
            [[ $n == "$p" ]] || cs_vxlan_peer "$n" "$p" "$SC/$p.addr"
        done
    done
    for p in "${PODS[@]}"; do
        read -r pod node cidr gw resp <<<"$p"
        cs_pod_create "$node" "$pod" "$cidr" "$gw"
    done
    for n in "${NODES[@]}"; do
        cs_routes_apply "$n" "$SC/$n.route"
        cs_verify_context "$n" "$SC/$n.addr" "$SC/$n.route"
    done
    for p in "${PODS[@]}"; do
        read -r pod node cidr gw resp <<<"$p"
        [[ $resp == http ]] && cs_http_responder "$pod" "${cidr%/*}" "$RUN_SECONDS"
    done
    for p in "${PODS[@]}"; do
        read -r pod _ <<<"$p"
        cs_trace_rules "$pod" PREROUTING
    done
}

# pod_by_addr IP: the pod namespace that owns IP.
pod_by_addr() {
    local p pod node cidr gw resp
    for p in "${PODS[@]}"; do
        read -r pod node cidr gw resp <<<"$p"
        [[ ${cidr%/*} == "$1" ]] && { printf '%s' "$pod"; return 0; }
    done
    return 1
}

# send_packet SENDER PROTO DST DPORT: the real packet; prints "ok" or "fail".
send_packet() {
    local sender=$1 proto=$2 dst=$3 dport=$4 code
    case $proto in
        tcp)
            # connect timeout < 1 s: the SYN is not retransmitted (initial RTO is 1 s); the
            # trace of a dropped SYN is complete long before the timeout
            code="$(timeout 6 ip netns exec "$(cs_ns "$sender")" curl -s -o /dev/null \
                -w '%{http_code}' --connect-timeout 0.5 --max-time 4 "http://$dst:$dport/" 2>/dev/null || true)"
            [[ $code == 200 ]] && echo ok || echo fail ;;
        icmp)
            if timeout 5 ip netns exec "$(cs_ns "$sender")" ping -n -c1 -W1 "$dst" >/dev/null 2>&1; then
                echo ok
            else
                echo fail
            fi ;;
        *) cs_die "send_packet: protocol $proto is not supported" ;;
    esac
}

# run_case CASE OUTFILE
run_case() {
    local case=$1 out=$2 preset_key fix_key="" dir packet from proto dst dport src
    if [[ $case == *--* ]]; then fix_key="${case%%--*}"; preset_key="${case#*--}"; else preset_key=$case; fi
    [[ -n ${PRESET[$preset_key]:-} ]] || cs_die "unknown case '$case' (see: $0 list)"
    [[ -z $fix_key || -n ${FIX[$fix_key]:-} ]] || cs_die "unknown fix in case '$case'"
    dir="$CS_TMP/case-$case"
    mkdir -p "$dir"
    cs_log "case $case"

    packet="$("$CS_PYTHON" "$CS_PY" preset "$SC/scenario.json" "${PRESET[$preset_key]}")"
    IFS=$'\t' read -r from proto dst dport src < <("$CS_PYTHON" -c '
import json, sys
p = json.loads(sys.argv[1])
print("\t".join(str(p.get(k, "-")) for k in ("from", "proto", "dst", "dport", "src")))' "$packet")
    [[ $dport != - ]] || dport=""   # "-" stands for a missing field (tabs would collapse)
    [[ $src != - ]] || src=""
    local origin="${from%%:*}" sender
    if [[ $from == *:* ]]; then
        sender="$(pod_by_addr "$src")" || cs_die "case $case: no pod namespace owns $src"
    else
        sender=$origin
    fi

    # rules: the dump as it is, then the oracle's TRACE rules in raw, then the fixes
    local n
    for n in "${NODES[@]}"; do
        cs_load_rules "$n" "$SC/$n.rules"
        cs_trace_rules "$n" PREROUTING OUTPUT
    done
    local fixes_json="[]" fnode fkind fspec
    if [[ -n $fix_key ]]; then
        local -a fx=()
        while IFS=$'\t' read -r fnode fkind fspec; do
            cs_apply_fix "$fnode" "$fkind" "$fspec"
            fx+=("$("$CS_PYTHON" -c 'import json,sys; print(json.dumps({"node": sys.argv[1], sys.argv[2]: sys.argv[3]}))' "$fnode" "$fkind" "$fspec")")
        done < <("$CS_PYTHON" "$CS_PY" fixes "$SC/scenario.json" "${FIX[$fix_key]}")
        fixes_json="[$(IFS=,; echo "${fx[*]}")]"
    fi
    for n in "${NODES[@]}"; do cs_rule_snapshot "$n" "$dir/snap-$n"; done

    local -a want=()
    mapfile -t want < <("$CS_PYTHON" "$CS_PY" endpoints "$SC/$origin.rules" "$proto" "$dst" "${dport:-0}")
    local max=$MAX_TRIES_SINGLE
    ((${#want[@]} > 1)) && max=$MAX_TRIES_BRANCHING
    declare -A have=()
    local try ep p pod
    local -a pods=() branches=()
    for p in "${PODS[@]}"; do
        read -r pod _ <<<"$p"
        pods+=("$pod")
    done
    for ((try = 1; try <= max; try++)); do
        cs_try "$dir" "$try" "$origin" "$dst" "$SC" "${NODES[@]}" -- "${pods[@]}" -- \
            send_packet "$sender" "$proto" "$dst" "${dport:-80}" || continue
        ep=$CS_TRY_EP
        if [[ -z ${have[$ep]:-} ]]; then
            have[$ep]=1
            branches+=("$CS_TRY_JSON")
        fi
        local all=1 w
        for w in "${want[@]}"; do [[ -n ${have[$w]:-} ]] || all=0; done
        ((all)) && break
    done
    for w in "${want[@]}"; do
        [[ -n ${have[$w]:-} ]] || cs_die "case $case: endpoint $w never seen in $max tries"
    done
    "$CS_PYTHON" "$CS_PY" assemble --case "$case" --command "tests/oracle/incident.sh $case" \
        --kernel "$(uname -r)" --iptables "$(iptables --version)" \
        --packet "$packet" --fixes "$fixes_json" "${branches[@]}" >"$out.tmp"
    mv "$out.tmp" "$out"
}

# --- the audit comparison --------------------------------------------------------------
AUDIT_TRIES_SPLIT=14   # a flow the audit says delivers on some endpoints: until both are seen
AUDIT_TRIES_ONE=2      # one endpoint (or none deliver): a second try guards against a lost packet

# audit_send SENDER PROTO DST PORT: "ok" or "fail" for one real connection (ping, datagram).
audit_send() {
    local sender=$1 proto=$2 dst=$3 port=$4
    case $proto in
        udp) timeout 5 ip netns exec "$(cs_ns "$sender")" "$CS_PYTHON" "$ORACLE_DIR/auditflows.py" udp-send "$dst" "$port" \
                 2>/dev/null || echo fail ;;
        *) send_packet "$sender" "$proto" "$dst" "$port" ;;
    esac
}

# audit_endpoint NODE PROTO DST: the endpoint the node's conntrack entry for DST was DNATed to
# ("?" without an entry: a packet dropped before POSTROUTING is never confirmed).
audit_endpoint() {
    local node=$1 proto=$2 dst=$3 line
    [[ $proto == icmp ]] && { printf '%s' "$dst"; return 0; }
    line="$(cs_in "$node" conntrack -L -p "$proto" --orig-dst "$dst" 2>/dev/null | head -n1 || true)"
    [[ -n $line ]] || { printf '?'; return 0; }
    # the reply tuple's source is the endpoint: the second "src="
    awk '{n = 0; for (i = 1; i <= NF; i++) if ($i ~ /^src=/ && ++n == 2) {sub(/^src=/, "", $i); print $i; exit}}' <<<"$line"
}

run_audit() {
    local cli=$1
    cs_require
    cs_setup
    local started=$SECONDS audit="$CS_TMP/audit.json" results="$CS_TMP/audit.results"
    "$cli" audit "$SC" --json >"$audit" || cs_die "chainscope-cli audit failed"
    cs_lan_create
    local n p
    for n in "${NODES[@]}"; do cs_node_create "$n" "$SC/$n.addr"; done
    for n in "${NODES[@]}"; do
        for p in "${NODES[@]}"; do
            [[ $n == "$p" ]] || cs_vxlan_peer "$n" "$p" "$SC/$p.addr"
        done
    done
    # pods: the audit's client pods and every endpoint; listeners on every endpoint port
    local kind a b c d e
    local -a listens=()
    while read -r kind a b c d e; do
        case $kind in
            pod) cs_pod_create "$a" "$b" "$c" "$d" ;;
            listen) listens+=("$a $b $c $d") ;;
        esac
    done < <("$CS_PYTHON" "$ORACLE_DIR/auditflows.py" setup "$audit" "$SC")
    for n in "${NODES[@]}"; do
        cs_routes_apply "$n" "$SC/$n.route"
        cs_load_rules "$n" "$SC/$n.rules"
    done
    # outside: a host on the LAN (the audit's outside address), reaching each node's pods by it
    local outside
    outside="$("$CS_PYTHON" -c 'import json,sys; print(next((s["address"] for s in json.load(open(sys.argv[1]))["sources"] if s["kind"] == "outside"), ""))' "$audit")"
    if [[ -n $outside ]]; then
        cs_netns_add outside
        ip -n "$(cs_ns lan)" link add v-outside type veth peer name eth0 netns "$(cs_ns outside)"
        ip -n "$(cs_ns lan)" link set v-outside master br0 up
        ip -n "$(cs_ns outside)" addr add "$outside/24" dev eth0
        ip -n "$(cs_ns outside)" link set eth0 up
        local pod
        for n in "${NODES[@]}"; do
            pod="$(awk '$2 == "cni0" && $3 == "inet" {print $4}' "$SC/$n.addr")"
            ip -n "$(cs_ns outside)" route add "$("$CS_PYTHON" -c 'import ipaddress,sys; print(ipaddress.ip_interface(sys.argv[1]).network)' "$pod")" \
                via "$(awk '$2 == "eth0" && $3 == "inet" {sub(/\/.*/, "", $4); print $4}' "$SC/$n.addr")"
        done
    fi
    local l ns addr proto port
    for l in "${listens[@]}"; do
        read -r ns addr proto port <<<"$l"
        cs_bg "$ns" "$RUN_SECONDS" "$CS_TMP/listen-$ns-$proto-$port.log" "$CS_PYTHON" "$ORACLE_DIR/responder.py" "$addr" "$port" \
            $([[ $proto == udp ]] && echo udp)
    done
    sleep 1   # the listeners bind
    : >"$results"
    local idx sender dst node desc try tries ok ep seen
    while IFS=$'\t' read -r idx sender proto dst port node desc; do
        tries=$AUDIT_TRIES_ONE
        [[ $("$CS_PYTHON" -c 'import json,sys; f = json.load(open(sys.argv[1]))["flows"][int(sys.argv[2])]; print(f["fate"])' "$audit" "$idx") == some ]] \
            && tries=$AUDIT_TRIES_SPLIT
        seen=""
        for ((try = 1; try <= tries; try++)); do
            for n in "${NODES[@]}"; do cs_in "$n" conntrack -F >/dev/null 2>&1 || true; done
            ok="$(audit_send "$sender" "$proto" "$dst" "$port")"
            ep="$(audit_endpoint "$node" "$proto" "$dst")"
            echo "$idx $ok $ep" >>"$results"
            seen+=" $ok"
            # a split flow is done once both outcomes were seen
            [[ $tries == "$AUDIT_TRIES_SPLIT" && $seen == *ok* && $seen == *fail* ]] && break
        done
        cs_log "flow $idx: $desc:$seen"
    done < <("$CS_PYTHON" "$ORACLE_DIR/auditflows.py" flows "$audit")
    local rc=0
    "$CS_PYTHON" "$ORACLE_DIR/auditflows.py" compare "$audit" "$results" || rc=1
    cs_log "audit comparison done in $((SECONDS - started)) s"
    return "$rc"
}

main() {
    (($# > 0)) || { awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 2; }
    if [[ $1 == list ]]; then printf '%s\n' "${CASES[@]}"; exit 0; fi
    if [[ $1 == audit ]]; then
        [[ ${2:-} == --cli && -n ${3:-} ]] || cs_die "usage: $0 audit --cli CHAINSCOPE_CLI"
        run_audit "$3"
        return
    fi
    if [[ $1 == roundtrip ]]; then
        cs_require
        cs_setup
        local n rrc=0
        for n in "${NODES[@]}"; do
            if cs_rules_roundtrip "$SC/$n.rules"; then cs_log "$n.rules round-trips"; else rrc=1; fi
        done
        return "$rrc"
    fi
    local mode=write
    local -a todo=()
    case $1 in
        all) todo=("${CASES[@]}") ;;
        check)
            mode=check
            shift
            if (($# > 0)); then todo=("$@"); else todo=("${CASES[@]}"); fi ;;
        *) todo=("$@") ;;
    esac
    local c
    for c in "${todo[@]}"; do
        local p="${c#*--}" f=""
        [[ $c == *--* ]] && f="${c%%--*}"
        [[ -n ${PRESET[$p]:-} && ( -z $f || -n ${FIX[$f]:-} ) ]] || cs_die "unknown case '$c' (see: $0 list)"
    done
    cs_require
    cs_setup
    local started=$SECONDS
    local rc=0 n
    if [[ $mode == check ]]; then
        for n in "${NODES[@]}"; do
            cs_rules_roundtrip "$SC/$n.rules" || { cs_log "  $n.rules does not round-trip"; rc=1; }
        done
    fi
    build_topology
    mkdir -p "$GOLDEN"
    for c in "${todo[@]}"; do
        cs_golden "$mode" "$GOLDEN" "$c" run_case "$c"
    done
    ((CS_GOLDEN_RC == 0)) || rc=1
    cs_log "done in $((SECONDS - started)) s"
    cs_check_summary "$mode" "$rc" "${#todo[@]}"
    return "$rc"
}

# sourcing this file (for debugging) defines the functions without running anything
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then main "$@"; fi
