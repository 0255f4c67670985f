# shellcheck shell=bash
# tests/oracle/lib.sh - build Chainscope scenarios in real network namespaces and
# record what the kernel does with a packet (nf_tables trace via xtables-monitor).
#
# Source this file from a bash script that runs with `set -euo pipefail`.
#
# Ground rules kept by every function here:
#   * nothing is added to the root network namespace: every link, address, route and
#     rule is created inside a namespace named "$CS_PREFIX<name>" (default prefix
#     "cs<pid>-"), and cs_cleanup deletes them all (cs_setup installs it as the EXIT trap);
#   * every wait is bounded (timeout / bounded polling loops);
#   * background processes are tracked by pid and only those pids are ever signalled.
#
# Topology conventions (what a scenario's .addr file is turned into):
#   eth0      veth to the LAN bridge "br0" in the namespace "$CS_PREFIX"lan
#   flannel.1 VXLAN id 1, dstport 8472, local <eth0 address>, nolearning; static FDB and
#             neighbour entries for every peer, written the way flanneld writes them
#   cni0      Linux bridge; pod namespaces hang off it on veth pairs
#   docker0   Linux bridge with one port whose peer is down (no carrier), like a Docker
#             host without containers, so `ip route` shows its route "linkdown"
# Required tools (Debian bookworm packages): iproute2 (ip, bridge, ss), iptables (1.8.x,
# nf_tables variant, xtables-monitor), nftables (nft), conntrack, curl, iputils-ping,
# python3, coreutils (timeout, stdbuf).

CS_PREFIX="${CS_PREFIX:-cs$$-}"
CS_TMP=""
CS_NAMESPACES=()
CS_PIDS=()
CS_ORACLE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck disable=SC2034  # used by the scripts that source this file
CS_PY="$CS_ORACLE_DIR/nftrace.py"
# The distribution's python3 when there is one: a version-manager shim first in PATH
# (pyenv) costs ~0.3 s per start, and the oracle starts python a few times per try.
if [[ -z ${CS_PYTHON:-} ]]; then
    if [[ -x /usr/bin/python3 ]]; then CS_PYTHON=/usr/bin/python3; else CS_PYTHON=python3; fi
fi
CS_VXLAN_PORT=8472

cs_log() { printf '[oracle] %s\n' "$*" >&2; }
cs_die() { printf '[oracle] ERROR: %s\n' "$*" >&2; exit 1; }
# Exit code 77 is the conventional "skipped" code (automake, ctest SKIP_RETURN_CODE).
cs_skip() { printf '[oracle] SKIP: %s\n' "$*" >&2; exit 77; }

# cs_require: root, the tools, the nf_tables iptables, and the right to create namespaces.
cs_require() {
    [[ ${EUID:-$(id -u)} -eq 0 ]] || cs_skip "needs root (network namespaces, iptables)"
    local t missing=()
    for t in ip bridge ss iptables iptables-restore iptables-save nft xtables-monitor \
             conntrack curl ping "$CS_PYTHON" timeout stdbuf; do
        command -v "$t" >/dev/null 2>&1 || missing+=("$t")
    done
    ((${#missing[@]} == 0)) || cs_die "missing tools: ${missing[*]} (apt-get install -y iproute2 iptables nftables conntrack curl iputils-ping python3)"
    iptables --version | grep -q 'nf_tables' || cs_die "iptables must be the nf_tables variant (update-alternatives --set iptables /usr/sbin/iptables-nft)"
    local probe="${CS_PREFIX}probe"
    ip netns add "$probe" 2>/dev/null || cs_skip "network namespaces are not allowed here (ip netns add failed)"
    # `ip netns exec` remounts / as a slave: in a plain chroot (/ not a mount point) that
    # fails, and every later step would report a misleading iptables error instead.
    if ! ip netns exec "$probe" true 2>/dev/null; then
        ip netns del "$probe"
        cs_skip "ip netns exec is not usable here (is / a mount point? in a chroot: mount --bind the root onto itself)"
    fi
    ip netns del "$probe"
}

# cs_setup: temp dir and the cleanup trap (EXIT, and INT/TERM turned into an exit).
cs_setup() {
    CS_TMP="$(mktemp -d "${TMPDIR:-/tmp}/chainscope-oracle.XXXXXX")"
    trap cs_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# cs_stop_pid PID: TERM, wait up to 2 s, then KILL. Only for pids this script started.
cs_stop_pid() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
}

cs_cleanup() {
    local rc=$? i pid
    set +e
    trap - EXIT INT TERM
    for pid in "${CS_PIDS[@]}"; do cs_stop_pid "$pid"; done
    CS_PIDS=()
    for ((i = ${#CS_NAMESPACES[@]} - 1; i >= 0; i--)); do
        ip netns del "${CS_NAMESPACES[i]}" 2>/dev/null
    done
    CS_NAMESPACES=()
    if [[ -n $CS_TMP && -d $CS_TMP ]]; then
        # CS_KEEP=1 keeps the raw traces and snapshots for a post-mortem
        if [[ ${CS_KEEP:-0} == 1 ]]; then cs_log "kept $CS_TMP"; else rm -rf "$CS_TMP"; fi
    fi
    local left
    left="$(ip netns list 2>/dev/null | awk -v p="$CS_PREFIX" 'index($1, p) == 1 {print $1}')"
    [[ -z $left ]] || printf '[oracle] WARNING: namespaces left behind: %s\n' "$left" >&2
    exit "$rc"
}

cs_ns() { printf '%s%s' "$CS_PREFIX" "$1"; }
# cs_in NAME CMD...: run CMD in the namespace NAME, bounded by CS_CMD_TIMEOUT (30 s).
cs_in() { local n=$1; shift; timeout "${CS_CMD_TIMEOUT:-30}" ip netns exec "$(cs_ns "$n")" "$@"; }

# cs_bg NAME SECONDS OUTFILE CMD...: run CMD in namespace NAME in the background, bounded
# by SECONDS, stdout+stderr to OUTFILE; sets CS_LAST_PID and tracks it for cleanup.
cs_bg() {
    local n=$1 secs=$2 out=$3; shift 3
    timeout "$secs" ip netns exec "$(cs_ns "$n")" "$@" >"$out" 2>&1 &
    CS_LAST_PID=$!
    CS_PIDS+=("$CS_LAST_PID")
}

# cs_forget_pid PID: drop a pid that has been stopped from the cleanup list.
# cs_stop_pids PID...: cs_stop_pid for several at once (TERM all, then wait, bounded).
cs_stop_pids() {
    local pid i alive
    for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
    for ((i = 0; i < 40; i++)); do
        alive=0
        for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        ((alive)) || break
        sleep 0.05
    done
    for pid in "$@"; do
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null || true
        cs_forget_pid "$pid"
    done
}

cs_forget_pid() {
    local p keep=()
    for p in "${CS_PIDS[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
    CS_PIDS=("${keep[@]}")
}

# cs_netns_add NAME: a namespace with lo up, rp_filter off, no IPv6 DAD (addresses are
# final at once, so `ip -o addr` prints no "tentative").
cs_netns_add() {
    local ns; ns="$(cs_ns "$1")"
    ip netns add "$ns"
    CS_NAMESPACES+=("$ns")
    cs_in "$1" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
        net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 >/dev/null
    ip -n "$ns" link set lo up
}

# cs_mac KIND NAME: deterministic MAC for an interface (same on every run, so the IPv6
# link-local addresses in the scenario's .addr files stay true).
cs_mac() {
    local kind=$1 name=$2 h
    h="$(printf '%s/%s' "$kind" "$name" | md5sum | cut -c1-12)"
    case $kind in
        eth0) printf '08:00:27:%s:%s:%s' "${h:0:2}" "${h:2:2}" "${h:4:2}" ;;   # VirtualBox OUI
        docker0) printf '02:42:%s:%s:%s:%s' "${h:0:2}" "${h:2:2}" "${h:4:2}" "${h:6:2}" ;;
        *) printf '%02x:%s:%s:%s:%s:%s' $(((16#${h:0:2} & 0xfc) | 0x02)) "${h:2:2}" "${h:4:2}" "${h:6:2}" "${h:8:2}" "${h:10:2}" ;;
    esac
}

# cs_addr_inet FILE IFACE: the IPv4 address/prefix lines of IFACE in an `ip -o addr` file,
# one "ADDR/PLEN [brd BRD]" per line.
cs_addr_inet() {
    awk -v ifc="$2" '$2 == ifc && $3 == "inet" {
        line = $4
        for (i = 5; i <= NF; i++) if ($i == "brd") line = line " brd " $(i + 1)
        print line }' "$1"
}
# cs_addr_ifaces FILE: interface names in an `ip -o addr` file, in order.
cs_addr_ifaces() { awk '!seen[$2]++ {print $2}' "$1"; }

cs_lan_create() {
    cs_netns_add lan
    ip -n "$(cs_ns lan)" link add br0 type bridge
    ip -n "$(cs_ns lan)" link set br0 up
}

# cs_node_create NODE ADDRFILE: a node namespace with the interfaces of ADDRFILE.
# Interfaces are created in the order eth0, docker0, flannel.1, cni0 (the ifindex order
# of the .addr files); other names in the file become veth stubs.
cs_node_create() {
    local node=$1 addrfile=$2 ns ifc a
    ns="$(cs_ns "$node")"
    cs_netns_add "$node"
    cs_in "$node" sysctl -qw net.ipv4.ip_forward=1 >/dev/null
    local ifaces; ifaces="$(cs_addr_ifaces "$addrfile")"
    for ifc in eth0 docker0 flannel.1 cni0; do
        grep -qx -- "$ifc" <<<"$ifaces" || continue
        case $ifc in
            eth0)
                ip -n "$(cs_ns lan)" link add "v-$node" type veth peer name eth0 netns "$ns"
                ip -n "$ns" link set eth0 address "$(cs_mac eth0 "$node")"
                ip -n "$(cs_ns lan)" link set "v-$node" master br0 up
                ;;
            docker0)
                ip -n "$ns" link add docker0 address "$(cs_mac docker0 "$node")" type bridge
                # one port whose peer stays down: no carrier, as on a Docker host with no containers
                ip -n "$ns" link add vethd0 type veth peer name vethd0p
                ip -n "$ns" link set vethd0 master docker0
                ip -n "$ns" link set vethd0 up
                ;;
            flannel.1)
                local local_ip
                local_ip="$(cs_addr_inet "$addrfile" eth0 | sed -n 1p | cut -d/ -f1)"
                [[ -n $local_ip ]] || cs_die "$addrfile: flannel.1 needs an eth0 address"
                ip -n "$ns" link add flannel.1 address "$(cs_mac flannel.1 "$node")" type vxlan \
                    id 1 local "$local_ip" dev eth0 dstport "$CS_VXLAN_PORT" nolearning
                ;;
            cni0)
                ip -n "$ns" link add cni0 address "$(cs_mac cni0 "$node")" type bridge
                ;;
        esac
    done
    while read -r ifc; do
        [[ $ifc == lo ]] && continue
        if ! ip -n "$ns" link show "$ifc" >/dev/null 2>&1; then
            ip -n "$ns" link add "$ifc" type veth peer name "${ifc:0:11}-p"
        fi
        while read -r a; do
            [[ -n $a ]] || continue
            # shellcheck disable=SC2086  # "ADDR [brd BRD]" splits on purpose
            ip -n "$ns" addr add $a dev "$ifc"
        done < <(cs_addr_inet "$addrfile" "$ifc")
        ip -n "$ns" link set "$ifc" up
    done <<<"$ifaces"
}

# cs_vxlan_peer NODE PEER: flanneld's view of PEER on NODE (FDB entry for the peer's
# flannel.1 MAC pointing at its eth0 address, permanent neighbour for its flannel.1
# address). PEER's .addr file is given as $3.
cs_vxlan_peer() {
    local node=$1 peer=$2 peeraddr=$3 pmac pip pfl
    pmac="$(cs_mac flannel.1 "$peer")"
    pip="$(cs_addr_inet "$peeraddr" eth0 | sed -n 1p | cut -d/ -f1)"
    pfl="$(cs_addr_inet "$peeraddr" flannel.1 | sed -n 1p | cut -d/ -f1)"
    [[ -n $pip && -n $pfl ]] || cs_die "$peeraddr: needs eth0 and flannel.1 addresses"
    bridge -n "$(cs_ns "$node")" fdb replace "$pmac" dev flannel.1 dst "$pip" self permanent
    ip -n "$(cs_ns "$node")" neigh replace "$pfl" lladdr "$pmac" dev flannel.1 nud permanent
}

# cs_routes_apply NODE ROUTEFILE: add the routes of an `ip route` file that the kernel
# does not create by itself (it creates the "proto kernel" ones from the addresses).
cs_routes_apply() {
    local node=$1 file=$2 line
    while IFS= read -r line; do
        [[ -n ${line// /} ]] || continue
        [[ $line == *"proto kernel"* ]] && continue
        line="${line//linkdown/}"
        # shellcheck disable=SC2086
        ip -n "$(cs_ns "$node")" route replace $line
    done <"$file"
}

# cs_verify_context NODE ADDRFILE ROUTEFILE: the namespace must print the same
# `ip -o addr` lines for the interfaces ADDRFILE lists (IPv4 and IPv6; the ifindex is
# ignored, other interfaces such as pod veths are left out) and the same `ip route`.
# Polls up to 3 s for carrier changes ("linkdown") and link-local addresses to settle.
cs_verify_context() {
    local node=$1 addrfile=$2 routefile=$3 i ok=0
    local want_a want_r got_a got_r ifs
    ifs="$(cs_addr_ifaces "$addrfile" | tr '\n' ' ')"
    want_a="$(sed 's/^[0-9]*: //; s/[[:space:]]*$//' "$addrfile" | grep -v '^$')"
    want_r="$(sed 's/[[:space:]]*$//' "$routefile" | grep -v '^$')"
    for ((i = 0; i < 30; i++)); do
        got_a="$(ip -n "$(cs_ns "$node")" -o addr | awk -v l="$ifs" 'BEGIN {n = split(l, a, " "); for (k = 1; k <= n; k++) keep[a[k]] = 1} keep[$2]' |
            sed 's/^[0-9]*: //; s/[[:space:]]*$//')"
        got_r="$(ip -n "$(cs_ns "$node")" route | sed 's/[[:space:]]*$//')"
        if [[ $got_a == "$want_a" && $got_r == "$want_r" ]]; then ok=1; break; fi
        sleep 0.1
    done
    if ((ok == 0)); then
        cs_log "$node: addresses/routes differ from the scenario files (< file, > namespace)"
        diff <(printf '%s\n' "$want_a") <(printf '%s\n' "$got_a") >&2 || true
        diff <(printf '%s\n' "$want_r") <(printf '%s\n' "$got_r") >&2 || true
        cs_die "$node: namespace does not match $addrfile / $routefile"
    fi
}

# cs_pod_create NODE POD IP/PLEN GW: a pod namespace on NODE's cni0 (veth name derived
# from the pod address, like the bridge CNI plugin's random vethXXXXXXXX).
cs_pod_create() {
    local node=$1 pod=$2 cidr=$3 gw=$4 ns pns veth
    ns="$(cs_ns "$node")"
    cs_netns_add "$pod"
    pns="$(cs_ns "$pod")"
    veth="veth$(printf '%s' "$cidr" | md5sum | cut -c1-8)"
    ip -n "$ns" link add "$veth" type veth peer name eth0 netns "$pns"
    ip -n "$ns" link set "$veth" master cni0 up
    ip -n "$pns" addr add "$cidr" dev eth0
    ip -n "$pns" link set eth0 up
    ip -n "$pns" route add default via "$gw" dev eth0
}

# cs_http_responder POD IP SECONDS: tests/oracle/responder.py on IP:80 in POD (answers
# "HTTP/1.0 200 OK"), for at most SECONDS; waits (bounded, 5 s) until it listens.
cs_http_responder() {
    local pod=$1 ip=$2 secs=$3 i
    cs_bg "$pod" "$secs" "$CS_TMP/http-$pod.log" "$CS_PYTHON" "$CS_ORACLE_DIR/responder.py" "$ip" 80
    for ((i = 0; i < 50; i++)); do
        # (no `| grep -q`: with pipefail, ss's SIGPIPE would make the test fail)
        [[ -n "$(cs_in "$pod" ss -Hltn "sport = :80" 2>/dev/null)" ]] && return 0
        sleep 0.1
    done
    cs_die "$pod: http responder on $ip:80 did not start"
}

# cs_load_rules NODE FILE: iptables-restore -c (nf_tables backend) the node's dump.
cs_load_rules() {
    cs_in "$1" iptables-restore -c <"$2" || cs_die "$1: iptables-restore -c < $2 failed"
}

# cs_rules_roundtrip FILE: load FILE with iptables-restore -c in a throwaway namespace
# and compare `iptables-save -c` with it, "#" lines aside. Prints a diff, returns 1 if
# they differ. (Table order is part of the text: write tables in the order
# iptables-nft-save prints them, mangle, filter, nat.)
cs_rules_roundtrip() {
    local file=$1 n="rt$RANDOM" rc=0
    cs_netns_add "$n"
    cs_in "$n" iptables-restore -c <"$file" || cs_die "iptables-restore -c < $file failed"
    diff -u --label "$file" --label "iptables-save -c" <(grep -v '^#' "$file") \
        <(cs_in "$n" iptables-save -c | grep -v '^#') || rc=1
    ip netns del "$(cs_ns "$n")"
    local keep=() x
    for x in "${CS_NAMESPACES[@]}"; do [[ $x == "$(cs_ns "$n")" ]] || keep+=("$x"); done
    CS_NAMESPACES=("${keep[@]}")
    return "$rc"
}

# cs_trace_rules NAME HOOKS...: flush raw and insert the TRACE rules at position 1 of the
# given raw chains (PREROUTING, OUTPUT), restricted to the first packet of the test
# traffic: TCP SYN (no ACK) and ICMP echo requests. VXLAN's UDP 8472 is never traced.
cs_trace_rules() {
    local n=$1 chain; shift
    cs_in "$n" iptables -t raw -F
    for chain in "$@"; do
        cs_in "$n" iptables -t raw -I "$chain" 1 -p icmp --icmp-type echo-request -j TRACE
        cs_in "$n" iptables -t raw -I "$chain" 1 -p tcp --syn -j TRACE
    done
}

# cs_ct_flush NAME...: forget all conntrack entries (new connection on the next try).
cs_ct_flush() {
    local n
    for n in "$@"; do cs_in "$n" conntrack -F >/dev/null 2>&1 || true; done
}

# cs_monitor_start NAME OUTFILE SECONDS: xtables-monitor --trace in NAME (line-buffered).
cs_monitor_start() {
    cs_bg "$1" "$3" "$2" stdbuf -oL xtables-monitor --trace
}

# cs_try DIR TRY ORIGIN DST RULESDIR NODE... -- WATCHED... -- SEND-COMMAND...
# One try at a case's first packet: flush conntrack, run xtables-monitor --trace in every
# node and watched namespace, send with SEND-COMMAND (it prints ok, fail or sent), classify
# the traces with nftrace.py's `branch` (nodes need DIR/snap-NODE from cs_rule_snapshot and
# RULESDIR/NODE.rules). Sets CS_TRY_EP, CS_TRY_OUTCOME, CS_TRY_RESULT and CS_TRY_JSON;
# returns 1 when the try tells nothing (a monitor not ready in time), so the caller retries.
cs_try() {
    local dir=$1 try=$2 origin=$3 dst=$4 rules=$5 n
    shift 5
    local -a nodes=() watched=() pids=() bargs=(branch --from "$origin" --dst "$dst")
    while (($# > 0)) && [[ $1 != -- ]]; do nodes+=("$1"); shift; done
    shift
    while (($# > 0)) && [[ $1 != -- ]]; do watched+=("$1"); shift; done
    shift
    cs_ct_flush "${nodes[@]}" "${watched[@]}"
    for n in "${nodes[@]}" "${watched[@]}"; do
        cs_monitor_start "$n" "$dir/t$try-$n.trace" 20; pids+=("$CS_LAST_PID")
    done
    sleep 0.5
    CS_TRY_RESULT="$("$@")"
    sleep 0.3
    cs_stop_pids "${pids[@]}"
    for n in "${nodes[@]}"; do bargs+=(--node "$n" "$dir/t$try-$n.trace" "$dir/snap-$n" "$rules/$n.rules"); done
    for n in "${watched[@]}"; do bargs+=(--pod "$n" "$dir/t$try-$n.trace"); done
    CS_TRY_JSON="$dir/b$try.json"
    if ! "$CS_PYTHON" "$CS_PY" "${bargs[@]}" >"$CS_TRY_JSON" 2>"$dir/b$try.err"; then
        cs_log "  try $try: no usable trace ($(tr '\n' ' ' <"$dir/b$try.err")); retrying"
        return 1
    fi
    read -r CS_TRY_EP CS_TRY_OUTCOME < <("$CS_PYTHON" -c 'import json,sys; b = json.load(open(sys.argv[1])); print(b["endpoint"], b["outcome"])' "$CS_TRY_JSON")
    cs_log "  try $try: endpoint $CS_TRY_EP, $CS_TRY_OUTCOME, sender saw: $CS_TRY_RESULT"
    if [[ $CS_TRY_OUTCOME == unknown ]]; then
        cs_log "  try $try: no drop and no watched namespace saw the packet; retrying"
        return 1
    fi
    if [[ $CS_TRY_OUTCOME == delivered && $CS_TRY_RESULT == fail ]] || [[ $CS_TRY_OUTCOME == dropped && $CS_TRY_RESULT == ok ]]; then
        cs_log "  WARNING: first packet $CS_TRY_OUTCOME but the sender's connection says '$CS_TRY_RESULT'"
    fi
    return 0
}

# cs_golden MODE GOLDEN_DIR CASE RUN_CASE_COMMAND... : runs a case into its kernel JSON, the last
# argument being the output path, which cs_golden appends. MODE write: into the golden file;
# check: into a temporary file compared with the golden one; CS_GOLDEN_RC becomes 1 when it is
# missing or different. (Not a return status: the case runs under the caller's set -e.)
CS_GOLDEN_RC=0
cs_golden() {
    local mode=$1 golden=$2 case=$3 rel
    shift 3
    rel="tests/golden/$(basename "$golden")/$case.kernel.json"
    if [[ $mode == write ]]; then
        "$@" "$golden/$case.kernel.json"
        cs_log "  wrote $rel"
        return
    fi
    "$@" "$CS_TMP/$case.kernel.json"
    if [[ ! -f $golden/$case.kernel.json ]]; then
        cs_log "  MISSING golden file $rel"; CS_GOLDEN_RC=1
    elif ! "$CS_PYTHON" "$CS_PY" compare "$golden/$case.kernel.json" "$CS_TMP/$case.kernel.json"; then
        cs_log "  DIFFERS: $rel"; CS_GOLDEN_RC=1
    else
        cs_log "  same as $rel"
    fi
}

# cs_check_summary MODE RC COUNT: the last line of a check run.
cs_check_summary() {
    [[ $1 == check ]] || return 0
    if (($2 == 0)); then echo "$3 passed, 0 failed"; else echo "check: kernel differs from the golden files"; fi
}

# cs_rule_snapshot NAME OUTPREFIX: what the rule positions are derived from:
# `nft -a list table ip T` (handles in chain order) and `iptables-save` (rule text).
cs_rule_snapshot() {
    local n=$1 out=$2 t
    : >"$out.nft"
    for t in raw mangle nat filter security; do
        cs_in "$n" nft -a list table ip "$t" >>"$out.nft" 2>/dev/null || true
    done
    cs_in "$n" iptables-save >"$out.save"
}

# cs_apply_fix NODE SPEC: SPEC is a scenario fix, "insert TABLE:CHAIN:POS:RULE" or
# "policy TABLE:CHAIN:VERDICT". An insert at rule count + 1 is done as -A (append),
# which is what the write-up's command does.
cs_apply_fix() {
    local node=$1 kind=$2 spec=$3 t c rest pos rule n
    t="${spec%%:*}"; rest="${spec#*:}"; c="${rest%%:*}"; rest="${rest#*:}"
    case $kind in
        policy)
            cs_in "$node" iptables -t "$t" -P "$c" "$rest" ;;
        insert)
            pos="${rest%%:*}"; rule="${rest#*:}"
            [[ $pos =~ ^[1-9][0-9]*$ ]] || cs_die "fix '$spec': position must be a number >= 1"
            n="$(cs_in "$node" iptables -t "$t" -S "$c" | grep -c '^-A ')"
            local -a args
            mapfile -t args < <("$CS_PYTHON" -c 'import shlex,sys; print("\n".join(shlex.split(sys.argv[1])))' "$rule")
            if ((pos == n + 1)); then
                cs_in "$node" iptables -t "$t" -A "$c" "${args[@]}"
            elif ((pos <= n)); then
                cs_in "$node" iptables -t "$t" -I "$c" "$pos" "${args[@]}"
            else
                cs_die "fix '$spec': $c on $node has $n rules, position $pos is past the end"
            fi ;;
        *) cs_die "unknown fix kind '$kind'" ;;
    esac
}
