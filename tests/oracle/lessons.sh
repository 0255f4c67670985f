#!/usr/bin/env bash
# tests/oracle/lessons.sh - the kernel's truth for the bundled lessons with their own scenario.
#
# For every lesson under resources/lessons/ whose "scenario" is a folder of its own (not the
# incident), builds that scenario in real network namespaces (lib.sh: nodes, LAN bridge,
# flannel VXLAN, cni0 pods; plus the lesson's outside hosts listed in HOSTS below), loads
# each node's iptables-save dump with `iptables-restore -c`, sends the lesson's packet for
# real, unfixed and with the lesson's narrowest fix, and writes what nf_tables' trace
# reports to tests/golden/lessons/<lesson>--{unfixed,fixed}.kernel.json (the format of
# tests/golden/incident/, see its README.md).
#
# Usage (as root):
#   tests/oracle/lessons.sh CASE...     regenerate the golden file of each CASE
#   tests/oracle/lessons.sh all         regenerate every golden file
#   tests/oracle/lessons.sh check [CASE...]
#                                       run every case (or the given ones) and diff against
#                                       the committed files (exit 1 on any difference)
#   tests/oracle/lessons.sh roundtrip   each node's .rules must load with iptables-restore -c
#                                       and print back identically (check does this too)
#   tests/oracle/lessons.sh list        print the case names
# Exit code 77: skipped (not root, or network namespaces not allowed).
#
# A lesson packet with "ctstate": "INVALID" is sent as what makes the kernel's conntrack say
# INVALID: a lone TCP SYN-ACK (raw socket, from the host that owns "src"), traced as such.
set -euo pipefail

ORACLE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$ORACLE_DIR/../.." && pwd)"
LESSONS="$REPO/resources/lessons"
GOLDEN="$REPO/tests/golden/lessons"
# shellcheck source=tests/oracle/lib.sh
source "$ORACLE_DIR/lib.sh"
CS_BASE_PREFIX="$CS_PREFIX"

# The hosts around each lesson's nodes that the scenario files do not describe (they are not
# nodes: the engine delivers to them). One entry per line:
#   NAME ATTACH ADDRESS/PLEN GATEWAY PORT
# ATTACH: "lan" (the LAN bridge eth0s hang off), "pod:NODE" (NODE's cni0) or "NODE:IFACE"
# (the far end of NODE's interface IFACE); GATEWAY "-": none; PORT: an HTTP responder's
# port, "-": none.
declare -A HOSTS=(
    [02-docker-router-forward-drop]="
        lan1ws router:eth1 10.0.1.20/24 10.0.1.1 -
        lan2web router:eth2 10.0.2.30/24 10.0.2.1 80"
    [03-nodeport-cross-node]="
        client lan 192.168.56.50/24 - -
        pod-dns pod:node01 10.244.1.3/24 10.244.1.1 -
        pod-web pod:node02 10.244.2.5/24 10.244.2.1 80"
    [04-kube-mark-drop]="
        client lan 192.168.56.50/24 - -
        pod-web pod:node01 10.244.0.7/24 10.244.0.1 80"
    [05-conntrack-invalid-asymmetric]="
        lanclient lan 192.168.56.60/24 - -
        pod-dns pod:node01 10.244.0.3/24 10.244.0.1 -
        labdb node01:eth1 10.30.0.5/24 10.30.0.1 -"
    [06-local-traffic-output]="
        registry lan 192.168.56.20/24 - 8443"
)
RUN_SECONDS=600   # upper bound for every background process (responders)
MAX_TRIES=5       # a try only fails when a monitor was not ready in time

# lessons: the lesson folders with a scenario of their own, in name order.
lessons() {
    local d ref
    for d in "$LESSONS"/*/; do
        d="${d%/}"
        [[ -f $d/lesson.json ]] || continue
        ref="$("$CS_PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1])).get("scenario", ""))' "$d/lesson.json")"
        [[ $ref == scenario || $ref == ./scenario ]] || continue
        basename "$d"
    done
}

all_cases() {
    local l
    for l in $(lessons); do printf '%s--unfixed\n%s--fixed\n' "$l" "$l"; done
}

# lesson_info LESSON: the packet JSON (inline or the scenario's preset), then one line per
# narrowest-fix edit "node<TAB>kind<TAB>spec", then the node names as "nodes N1 N2 ...".
lesson_info() {
    "$CS_PYTHON" - "$LESSONS/$1" <<'EOF'
import json, os, sys
d = sys.argv[1]
les = json.load(open(os.path.join(d, "lesson.json")))
sc = json.load(open(os.path.join(d, les["scenario"], "scenario.json")))
if "packet" in les:
    pkt = les["packet"]
else:
    pkt = next(p for p in sc["packets"] if p["name"] == les["preset"])
    pkt = {k: v for k, v in pkt.items() if k not in ("name", "note")}
print(json.dumps(pkt))
for f in les["narrowest_fix"]:
    kind = "insert" if "insert" in f else "policy"
    print("%s\t%s\t%s" % (f["node"], kind, f[kind]))
print("nodes " + " ".join(n["name"] for n in sc["nodes"]))
EOF
}

NODES=()
HOSTNAMES=()
declare -A HOST_ADDR=()

host_netns() {   # NAME ADDRESS/PLEN GATEWAY: the host's eth0 is already in its namespace
    local name=$1 cidr=$2 gw=$3 ns; ns="$(cs_ns "$name")"
    ip -n "$ns" addr add "$cidr" dev eth0
    ip -n "$ns" link set eth0 up
    [[ $gw == - ]] || ip -n "$ns" route add default via "$gw" dev eth0
}

host_responder() {   # NAME IP PORT
    local name=$1 ip=$2 port=$3 i
    cs_bg "$name" "$RUN_SECONDS" "$CS_TMP/http-$name.log" "$CS_PYTHON" "$CS_ORACLE_DIR/responder.py" "$ip" "$port"
    for ((i = 0; i < 50; i++)); do
        [[ -n "$(cs_in "$name" ss -Hltn "sport = :$port" 2>/dev/null)" ]] && return 0
        sleep 0.1
    done
    cs_die "$name: http responder on $ip:$port did not start"
}

# build_topology LESSON
build_topology() {
    local lesson=$1 sc="$LESSONS/$1/scenario" n p line name attach cidr gw port
    cs_lan_create
    for n in "${NODES[@]}"; do
        cs_node_create "$n" "$sc/$n.addr"
        # the scenarios' hosts have IPv6 off: their .addr files list IPv4 only
        cs_in "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 >/dev/null
    done
    for n in "${NODES[@]}"; do
        grep -q ' flannel\.1 ' "$sc/$n.addr" || continue
        for p in "${NODES[@]}"; do
            [[ $n == "$p" ]] || cs_vxlan_peer "$n" "$p" "$sc/$p.addr"
        done
    done
    HOSTNAMES=()
    HOST_ADDR=()
    while read -r name attach cidr gw port; do
        [[ -n ${name:-} ]] || continue
        HOSTNAMES+=("$name")
        HOST_ADDR[${cidr%/*}]=$name
        case $attach in
            lan)
                cs_netns_add "$name"
                ip -n "$(cs_ns lan)" link add "h-$name" type veth peer name eth0 netns "$(cs_ns "$name")"
                ip -n "$(cs_ns lan)" link set "h-$name" master br0 up
                host_netns "$name" "$cidr" "$gw" ;;
            pod:*)
                cs_pod_create "${attach#pod:}" "$name" "$cidr" "$gw" ;;
            *:*)
                local node="${attach%%:*}" ifc="${attach#*:}"
                cs_netns_add "$name"
                ip -n "$(cs_ns "$node")" link set "${ifc:0:11}-p" netns "$(cs_ns "$name")"
                ip -n "$(cs_ns "$name")" link set "${ifc:0:11}-p" name eth0
                host_netns "$name" "$cidr" "$gw" ;;
            *) cs_die "$lesson: bad host attachment '$attach'" ;;
        esac
    done <<<"${HOSTS[$lesson]:-}"
    for n in "${NODES[@]}"; do
        cs_routes_apply "$n" "$sc/$n.route"
        cs_verify_context "$n" "$sc/$n.addr" "$sc/$n.route"
    done
    while read -r name attach cidr gw port; do
        [[ -n ${name:-} && $port != - ]] || continue
        host_responder "$name" "${cidr%/*}" "$port"
    done <<<"${HOSTS[$lesson]:-}"
}

# teardown: stop this lesson's processes, delete its namespaces (the next lesson reuses names).
teardown() {
    local i
    ((${#CS_PIDS[@]} == 0)) || cs_stop_pids "${CS_PIDS[@]}"
    for ((i = ${#CS_NAMESPACES[@]} - 1; i >= 0; i--)); do ip netns del "${CS_NAMESPACES[i]}" 2>/dev/null || true; done
    CS_NAMESPACES=()
}

# trace_rules NAME HOOKS... [synack]: lib.sh's TRACE rules, plus a lone SYN-ACK for INVALID.
trace_rules() {
    local n=$1 synack=$2 chain; shift 2
    cs_trace_rules "$n" "$@"
    if [[ $synack == 1 ]]; then
        for chain in "$@"; do
            cs_in "$n" iptables -t raw -I "$chain" 1 -p tcp --tcp-flags SYN,ACK SYN,ACK -j TRACE
        done
    fi
}

# send_packet SENDER PACKETJSON: prints "ok" or "fail".
send_packet() {
    local sender=$1 packet=$2 proto dst dport sport ct src code
    IFS=$'\t' read -r proto dst dport sport ct src < <("$CS_PYTHON" -c '
import json, sys
p = json.loads(sys.argv[1])
print("\t".join(str(p.get(k, d)) for k, d in (("proto", "tcp"), ("dst", "-"), ("dport", 0), ("sport", 40000), ("ctstate", "NEW"), ("src", "-"))))' "$packet")
    if [[ $ct == INVALID ]]; then
        # a SYN-ACK nobody asked for: conntrack cannot start a connection with it
        cs_in "$sender" "$CS_PYTHON" - "$src" "$dst" "$sport" "$dport" <<'EOF'
import random, socket, struct, sys
src, dst, sport, dport = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
tcp = struct.pack("!HHIIBBHHH", sport, dport, random.getrandbits(32), random.getrandbits(32), 5 << 4, 0x12, 64240, 0, 0)
ph = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 6, len(tcp))
tcp = tcp[:16] + struct.pack("!H", csum(ph + tcp)) + tcp[18:]
ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), random.getrandbits(16), 0x4000, 64, 6, 0,
                 socket.inet_aton(src), socket.inet_aton(dst))
ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
s.sendto(ip + tcp, (dst, 0))
EOF
        echo sent
        return 0
    fi
    case $proto in
        tcp)
            code="$(timeout 6 ip netns exec "$(cs_ns "$sender")" curl -s -o /dev/null \
                -w '%{http_code}' --connect-timeout 0.5 --max-time 4 "http://$dst:$dport/" 2>/dev/null || true)"
            [[ $code == 200 ]] && echo ok || echo fail ;;
        icmp)
            if timeout 5 ip netns exec "$(cs_ns "$sender")" ping -n -c1 -W1 "$dst" >/dev/null 2>&1; then echo ok; else echo fail; fi ;;
        *) cs_die "send_packet: protocol $proto is not supported" ;;
    esac
}

# run_case LESSON FIXED(0|1) CASE OUTFILE (the lesson's topology is built)
run_case() {
    local lesson=$1 fixed=$2 case=$3 out=$4 sc="$LESSONS/$1/scenario" dir packet from src ct
    dir="$CS_TMP/case-$case"
    mkdir -p "$dir"
    cs_log "case $case"
    local -a info
    mapfile -t info < <(lesson_info "$lesson")
    packet="${info[0]}"
    IFS=$'\t' read -r from src ct < <("$CS_PYTHON" -c '
import json, sys
p = json.loads(sys.argv[1])
print("\t".join(str(p.get(k, d)) for k, d in (("from", "-"), ("src", "-"), ("ctstate", "NEW"))))' "$packet")
    local origin="${from%%:*}" sender synack=0
    [[ $ct == INVALID ]] && synack=1
    if [[ $from == *:* ]]; then
        sender="${HOST_ADDR[$src]:-}"
        [[ -n $sender ]] || cs_die "case $case: no host namespace owns $src"
    else
        sender=$origin
    fi

    local n h
    for n in "${NODES[@]}"; do
        cs_load_rules "$n" "$sc/$n.rules"
        trace_rules "$n" "$synack" PREROUTING OUTPUT
    done
    for h in "${HOSTNAMES[@]}"; do trace_rules "$h" "$synack" PREROUTING; done
    local fixes_json="[]" fnode fkind fspec i
    if ((fixed)); then
        local -a fx=()
        for ((i = 1; i < ${#info[@]} - 1; i++)); do
            IFS=$'\t' read -r fnode fkind fspec <<<"${info[i]}"
            cs_apply_fix "$fnode" "$fkind" "$fspec"
            fx+=("$("$CS_PYTHON" -c 'import json,sys; print(json.dumps({"node": sys.argv[1], sys.argv[2]: sys.argv[3]}))' "$fnode" "$fkind" "$fspec")")
        done
        fixes_json="[$(IFS=,; echo "${fx[*]}")]"
    fi
    for n in "${NODES[@]}"; do cs_rule_snapshot "$n" "$dir/snap-$n"; done

    local try dst ok=0
    dst="$("$CS_PYTHON" -c 'import json,sys; print(json.loads(sys.argv[1])["dst"])' "$packet")"
    local -a watched=()
    for h in "${HOSTNAMES[@]}"; do
        # the sender's own trace is not a delivery
        [[ $h == "$sender" ]] || watched+=("$h")
    done
    for ((try = 1; try <= MAX_TRIES; try++)); do
        if cs_try "$dir" "$try" "$origin" "$dst" "$sc" "${NODES[@]}" -- "${watched[@]}" -- \
            send_packet "$sender" "$packet"; then
            ok=1
            break
        fi
    done
    ((ok)) || cs_die "case $case: no usable trace in $MAX_TRIES tries"
    "$CS_PYTHON" "$CS_PY" assemble --case "$case" --command "tests/oracle/lessons.sh $case" \
        --kernel "$(uname -r)" --iptables "$(iptables --version)" \
        --packet "$packet" --fixes "$fixes_json" "$CS_TRY_JSON" >"$out.tmp"
    mv "$out.tmp" "$out"
}

main() {
    (($# > 0)) || { awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 2; }
    local -a cases
    mapfile -t cases < <(all_cases)
    if [[ $1 == list ]]; then printf '%s\n' "${cases[@]}"; exit 0; fi
    local mode=write
    local -a todo=()
    case $1 in
        all) todo=("${cases[@]}") ;;
        roundtrip) mode=roundtrip ;;
        check)
            mode=check
            shift
            if (($# > 0)); then todo=("$@"); else todo=("${cases[@]}"); fi ;;
        *) todo=("$@") ;;
    esac
    local c
    for c in "${todo[@]}"; do
        printf '%s\n' "${cases[@]}" | grep -qx -- "$c" || cs_die "unknown case '$c' (see: $0 list)"
    done
    cs_require
    cs_setup
    local started=$SECONDS rc=0 l n
    if [[ $mode != write ]]; then
        for l in $(lessons); do
            for n in "$LESSONS/$l"/scenario/*.rules; do
                if cs_rules_roundtrip "$n"; then
                    cs_log "$l/scenario/$(basename "$n") round-trips"
                else
                    cs_log "  $l/scenario/$(basename "$n") does not round-trip"; rc=1
                fi
            done
        done
        [[ $mode != roundtrip ]] || return "$rc"
    fi
    mkdir -p "$GOLDEN"
    local idx=0
    for l in $(lessons); do
        local -a mine=()
        for c in "${todo[@]}"; do [[ ${c%--*} == "$l" ]] && mine+=("$c"); done
        ((${#mine[@]} > 0)) || continue
        idx=$((idx + 1))
        CS_PREFIX="${CS_BASE_PREFIX}${idx}-"
        local -a info
        mapfile -t info < <(lesson_info "$l")
        read -r -a NODES <<<"${info[-1]#nodes }"
        cs_log "lesson $l: nodes ${NODES[*]}"
        build_topology "$l"
        for c in "${mine[@]}"; do
            local fixed=0
            [[ $c == *--fixed ]] && fixed=1
            cs_golden "$mode" "$GOLDEN" "$c" run_case "$l" "$fixed" "$c"
        done
        teardown
        CS_PREFIX="$CS_BASE_PREFIX"
    done
    ((CS_GOLDEN_RC == 0)) || rc=1
    cs_log "done in $((SECONDS - started)) s"
    cs_check_summary "$mode" "$rc" "${#todo[@]}"
    return "$rc"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then main "$@"; fi
