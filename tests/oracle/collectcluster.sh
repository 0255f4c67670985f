#!/usr/bin/env bash
# tests/oracle/collectcluster.sh - scripts/chainscope-collect's --ssh and --kubectl-debug
# modes on a cluster the test bed builds, kernel against engine.
#
#   collectcluster.sh --cli PATH/chainscope-cli --collect PATH/scripts/chainscope-collect
#
# Three node namespaces n1, n2, n3 on one LAN (10.89.0.0/24), each with a pod namespace
# behind a veth (10.244.N.2), and a client (10.89.0.2) routing each pod network through its
# node. Each node filters the client's SYNs to itself and to its pod differently:
#   n1  iptables-nft: INPUT rejects 8080 with a TCP reset, FORWARD drops 8080 to its pod; a
#       native nft table (inet guard, input at filter + 10) drops the client's 80; no `ipset`
#   n2  iptables-nft and an ipset: INPUT drops 8080 from the set's sources; FORWARD policy
#       DROP, only 8080 (and established) forwarded; no `nft`
#   n3  iptables-legacy: INPUT rejects 80 (port unreachable), a NodePort 30080 DNATed to its
#       pod, FORWARD rejects 8080 to its pod (host prohibited); and one iptables-nft rule
#       that drops 8080 in INPUT (both backends have rules, the kernel runs both)
# Responders listen on 80 and 8080 on every node and pod; the kernel's answer is what the
# client's connect() saw: ok (the SYN was accepted), refused or unreachable (a REJECT), or a
# timeout (a DROP). The collector then runs twice from the root namespace: with --ssh through
# tests/oracle/shims/ssh and with --kubectl-debug through tests/oracle/shims/kubectl, both
# first in PATH, which run the command line the collector built in the node's namespace (the
# shims log their arguments, checked here). A fourth host/node n9 does not exist: the
# collector must say so and still write the scenario of the three others. Each node's
# rules, sets, addresses, routes and sysctls must be unchanged by the collection (read-only).
# `chainscope-cli trace` on each folder must give each packet the kernel's verdict.
# Exit 0: all agree; 1: a disagreement or a collector fault (printed); 77: skipped.
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
for t in iptables-legacy-restore iptables-legacy-save ipset dash; do
    command -v "$t" >/dev/null 2>&1 || cs_skip "$t not found (apt-get install -y iptables ipset dash)"
done
# iptables-legacy needs the ip_tables module; without it n3's rules cannot be set up
ip netns add "${CS_PREFIX}probe-legacy"
if ! ip netns exec "${CS_PREFIX}probe-legacy" iptables-legacy -L INPUT >/dev/null 2>&1; then
    ip netns del "${CS_PREFIX}probe-legacy"
    cs_skip "iptables-legacy does not work here (ip_tables not loadable)"
fi
ip netns del "${CS_PREFIX}probe-legacy"
cs_setup
start=$SECONDS
SHIMS="$CS_ORACLE_DIR/shims"

cs_lan_create
lanport() {   # lanport NS ADDR/PLEN: NS's eth0 on the LAN bridge
    local n=$1 a=$2
    ip -n "$(cs_ns lan)" link add "v-$n" type veth peer name eth0 netns "$(cs_ns "$n")"
    ip -n "$(cs_ns lan)" link set "v-$n" master br0 up
    cs_in "$n" ip addr add "$a" dev eth0
    cs_in "$n" ip link set eth0 up
}
cs_netns_add cl
lanport cl 10.89.0.2/24
for i in 1 2 3; do
    cs_netns_add "n$i"
    cs_netns_add "p$i"
    lanport "n$i" "10.89.0.1$i/24"
    cs_in "n$i" sysctl -qw net.ipv4.ip_forward=1
    ip -n "$(cs_ns "n$i")" link add "vethp$i" type veth peer name eth0 netns "$(cs_ns "p$i")"
    cs_in "n$i" ip addr add "10.244.$i.1/24" dev "vethp$i"
    cs_in "n$i" ip link set "vethp$i" up
    cs_in "p$i" ip addr add "10.244.$i.2/24" dev eth0
    cs_in "p$i" ip link set eth0 up
    cs_in "p$i" ip route add default via "10.244.$i.1"
    cs_in cl ip route add "10.244.$i.0/24" via "10.89.0.1$i"
done

cs_in n1 iptables-restore <<'EOF'
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p tcp -m tcp --dport 8080 -j REJECT --reject-with tcp-reset
-A FORWARD -d 10.244.1.0/24 -p tcp -m tcp --dport 8080 -j DROP
COMMIT
EOF
cs_in n1 nft -f - <<'EOF'
table inet guard {
	chain input {
		type filter hook input priority filter + 10; policy accept;
		ip saddr 10.89.0.2 tcp dport 80 drop
	}
}
EOF
cs_in n2 ipset create blocked hash:net
cs_in n2 ipset add blocked 10.89.0.0/28
cs_in n2 ipset create unused hash:ip,port
cs_in n2 iptables-restore <<'EOF'
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p tcp -m tcp --dport 8080 -m set --match-set blocked src -j DROP
-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -p tcp -m tcp --dport 8080 -j ACCEPT
COMMIT
EOF
cs_in n3 iptables-legacy-restore <<'EOF'
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -d 10.89.0.13/32 -p tcp -m tcp --dport 30080 -j DNAT --to-destination 10.244.3.2:80
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable
-A FORWARD -d 10.244.3.0/24 -p tcp -m tcp --dport 8080 -j REJECT --reject-with icmp-host-prohibited
COMMIT
EOF
cs_in n3 iptables -A INPUT -p tcp --dport 8080 -j DROP

cs_log "test bed up ($((SECONDS - start)) s)"
# responders on 80 and 8080 of every node and pod (a refused connection is then a REJECT)
for i in 1 2 3; do
    for port in 80 8080; do
        cs_bg "n$i" 300 "$CS_TMP/resp-n$i-$port.log" "$CS_PYTHON" "$CS_ORACLE_DIR/responder.py" "10.89.0.1$i" "$port"
        cs_bg "p$i" 300 "$CS_TMP/resp-p$i-$port.log" "$CS_PYTHON" "$CS_ORACLE_DIR/responder.py" "10.244.$i.2" "$port"
    done
done
for i in 1 2 3; do
    for n in "n$i" "p$i"; do
        for ((k = 0; k < 50; k++)); do
            [[ $(cs_in "$n" ss -Hltn | grep -c LISTEN) -ge 2 ]] && break
            sleep 0.1
        done
        [[ $(cs_in "$n" ss -Hltn | grep -c LISTEN) -ge 2 ]] || cs_die "$n: responders did not start"
    done
done

cs_log "responders up ($((SECONDS - start)) s)"
# node | destination | port | expected (pass, drop, reject): the test bed's intent
CASES=(
    "n1|10.89.0.11|80|drop"
    "n1|10.89.0.11|8080|reject"
    "n1|10.244.1.2|80|pass"
    "n1|10.244.1.2|8080|drop"
    "n2|10.89.0.12|80|pass"
    "n2|10.89.0.12|8080|drop"
    "n2|10.244.2.2|80|drop"
    "n2|10.244.2.2|8080|pass"
    "n3|10.89.0.13|80|reject"
    "n3|10.89.0.13|8080|drop"
    "n3|10.89.0.13|30080|pass"
    "n3|10.244.3.2|80|pass"
    "n3|10.244.3.2|8080|reject"
)
connect() {   # connect DST PORT: ok, refused, unreachable or timeout, as the client saw it
    cs_in cl "$CS_PYTHON" -c 'import errno,socket,sys
s=socket.socket(); s.settimeout(1.0)
try:
    r=s.connect_ex((sys.argv[1], int(sys.argv[2])))
except socket.timeout:
    r=errno.ETIMEDOUT
print({0:"ok", errno.ECONNREFUSED:"refused", errno.EHOSTUNREACH:"unreachable"}.get(r, "timeout"))' "$1" "$2"
}
# the client resolves each node's MAC first (a SYN's first try then does not wait on ARP)
for i in 1 2 3; do cs_in cl ping -c1 -W1 "10.89.0.1$i" >/dev/null || true; done
KERNEL=()
for c in "${CASES[@]}"; do
    IFS='|' read -r node dst port _ <<<"$c"
    cs_ct_flush cl "$node"
    r=$(connect "$dst" "$port")
    case $r in ok) k=pass ;; refused|unreachable) k=reject ;; *) k=drop ;; esac
    KERNEL+=("$k")
    cs_log "kernel: client -> $node $dst:$port: $r ($k)"
done

cs_log "kernel: ${#CASES[@]} packets sent ($((SECONDS - start)) s)"
# What a node is, before and after the collection: it must not change.
state() {
    local n=$1
    cs_in "$n" iptables-save 2>/dev/null | { grep -v "^#" || true; }
    cs_in "$n" iptables-legacy-save 2>/dev/null | { grep -v "^#" || true; }
    cs_in "$n" nft list ruleset 2>/dev/null
    cs_in "$n" ipset save
    cs_in "$n" ip -o addr
    cs_in "$n" ip route show table all
    cs_in "$n" ip rule
    cs_in "$n" ip -o link | sed 's/ state [A-Z]* / /'
    cs_in "$n" sysctl -a 2>/dev/null | grep -E '^net\.ipv4\.(ip_forward|conf\.)'
}
for i in 1 2 3; do state "n$i" >"$CS_TMP/state-n$i.before"; done

# PATHs without a tool: n1 has no ipset, n2 no nft (hosts lacking tools).
without() {   # without TOOL DIR: DIR gets every command of the system's bin folders but TOOL
    local tool=$1 dir=$2 d
    mkdir "$dir"
    for d in /bin /sbin /usr/bin /usr/sbin /usr/local/bin /usr/local/sbin; do
        [[ -d $d ]] && ln -sf "$d"/* "$dir"/ 2>/dev/null
    done
    rm -f "${dir:?}/$tool"
    [[ -x $dir/sh && ! -e $dir/$tool ]] || cs_die "$dir: cannot build a PATH without $tool"
}
without ipset "$CS_TMP/bin-n1"
without nft "$CS_TMP/bin-n2"
CS_SHIM_HOSTS="n1=$(cs_ns n1) n2=$(cs_ns n2) n3=$(cs_ns n3)"
CS_SHIM_PATH="n1=$CS_TMP/bin-n1 n2=$CS_TMP/bin-n2"
export CS_SHIM_HOSTS CS_SHIM_PATH

fail=0
ok() { cs_log "ok   $*"; }
bad() { cs_log "FAIL $*"; fail=1; }
check() {   # check DESCRIPTION COMMAND...
    local what=$1; shift
    if "$@"; then ok "$what"; else bad "$what"; fi
}
# args LOGFILE: each logged call's arguments on one line, separated by "|"
args() { awk '$0 == "--end--" {print line; line = ""; next} {line = line (line == "" ? "" : "|") $0}' "$1"; }

# rules DIR INDEX "FILES" BACKEND: the node's "rules" list and "backend" in DIR/scenario.json
# shellcheck disable=SC2317  # called through check
rules() {
    "$CS_PYTHON" -c 'import json,sys
n=json.load(open(sys.argv[1] + "/scenario.json"))["nodes"][int(sys.argv[2])]
sys.exit(not (n["rules"] == sys.argv[3].split() and n.get("backend") == sys.argv[4]))' "$@"
}
# collect MODE DIR: the collector under dash, shims first in PATH; exit status must be 1 (n9)
collect() {
    local mode=$1 out=$2 rc=0
    : >"$CS_TMP/$mode.args"
    CS_SHIM_LOG="$CS_TMP/$mode.args" PATH="$SHIMS:$PATH" timeout 120 dash "$COLLECT" -o "$out" "--$mode" n1 n2 n9 n3 \
        >"$CS_TMP/$mode.stdout" 2>"$CS_TMP/$mode.stderr" || rc=$?
    sed 's/^/    /' "$CS_TMP/$mode.stderr" >&2
    check "$mode: exit status 1 (one node failed), got $rc" test "$rc" -eq 1
    check "$mode: n9's failure named on stderr" grep -q 'n9: collection failed' "$CS_TMP/$mode.stderr"
    check "$mode: n9's failure in NOTES.txt" grep -q '^n9: ' "$out/NOTES.txt"
    check "$mode: no folder for n9" test ! -e "$out/n9"
    check "$mode: nothing on stdout" test ! -s "$CS_TMP/$mode.stdout"
    check "$mode: scenario.json names n1, n2 and n3" "$CS_PYTHON" -c 'import json,sys
nodes=[n["name"] for n in json.load(open(sys.argv[1]))["nodes"]]
sys.exit(nodes != ["n1", "n2", "n3"])' "$out/scenario.json"
    local i
    for i in 1 2 3; do
        check "$mode: n$i's iptables dump" grep -q '^\*filter' "$out/n$i/iptables-nft.txt"
        check "$mode: n$i's hostname.txt is the node's" grep -qx "$(cs_in "n$i" uname -n)" "$out/n$i/hostname.txt"
        for f in ip-addr.json ip-route.json ip-rule.json ip-link.json sysctl.txt uname.txt; do
            check "$mode: n$i/$f" test -s "$out/n$i/$f"
        done
    done
    check "$mode: n3's legacy dump" grep -q -- '--to-destination 10.244.3.2:80' "$out/n3/iptables-legacy.txt"
    # rules: the larger iptables dump, then nft's tables that dump does not hold
    check "$mode: n1's rules: iptables-nft, nft's inet table" rules "$out" 0 "n1/iptables-nft.txt n1/nft-tables.txt" nft
    check "$mode: n2's rules: iptables-nft alone" rules "$out" 1 "n2/iptables-nft.txt" nft
    check "$mode: n3's rules: iptables-legacy, iptables-nft's table from nft" rules "$out" 2 "n3/iptables-legacy.txt n3/nft-tables.txt" legacy
    check "$mode: n1's nft-tables.txt is the native table alone" test "$(grep '^table' "$out/n1/nft-tables.txt")" = "table inet guard {"
    check "$mode: n3's nft-tables.txt is iptables-nft's filter table" test "$(grep '^table' "$out/n3/nft-tables.txt")" = "table ip filter {"
    check "$mode: n3's iptables-nft dump kept" grep -q '"n3/iptables-nft.txt"' "$out/scenario.json"
    check "$mode: n2's ipsets named" grep -q '"ipsets": "n2/ipset.txt"' "$out/scenario.json"
    check "$mode: n2's set saved" grep -q '^add blocked 10.89.0.0/28' "$out/n2/ipset.txt"
    check "$mode: n2 notes nft missing" grep -q 'skipped nft-ruleset.json: nft not found' "$out/n2/NOTES.txt"
    check "$mode: n1 notes ipset missing" grep -q 'skipped ipset.txt: ipset not found' "$out/n1/NOTES.txt"
    check "$mode: n1 has nft's ruleset" test -s "$out/n1/nft-ruleset.json"
    check "$mode: n3 notes no missing tool" test "$(grep -c 'not found' "$out/n3/NOTES.txt")" -eq 0
}

cs_log "collector --ssh (shims/ssh) ($((SECONDS - start)) s)"
collect ssh "$CS_TMP/ssh/cluster"
args "$CS_TMP/ssh.args" >"$CS_TMP/ssh.calls"
sed 's/^/    ssh /' "$CS_TMP/ssh.calls" >&2
check "ssh: called once per host, in order" test "$(cut -d'|' -f3 "$CS_TMP/ssh.calls" | tr '\n' ' ')" = "n1 n2 n9 n3 "
# shellcheck disable=SC2016  # the remote command line, $(id -u) literally
check "ssh: every call is 'ssh -o BatchMode=yes HOST sh -s -- --emit (sudo -n when not root)'" \
    test "$(grep -c '^-o|BatchMode=yes|n[0-9]|if \[ "$(id -u)" -eq 0 \]; then sh -s -- --emit; else sudo -n sh -s -- --emit; fi$' "$CS_TMP/ssh.calls")" -eq 4

cs_log "collector --kubectl-debug (shims/kubectl) ($((SECONDS - start)) s)"
collect kubectl-debug "$CS_TMP/kubectl/cluster"
args "$CS_TMP/kubectl-debug.args" >"$CS_TMP/kubectl.calls"
sed 's/^/    kubectl /' "$CS_TMP/kubectl.calls" >&2
for n in n1 n2 n9 n3; do
    check "kubectl: debug node/$n -i --image=busybox:1.36 --profile=sysadmin -- chroot /host sh -s -- --emit" \
        grep -qx "debug|node/$n|-i|--image=busybox:1.36|--profile=sysadmin|--|chroot|/host|sh|-s|--|--emit" "$CS_TMP/kubectl.calls"
done
for n in n1 n2 n3; do
    check "kubectl: the debug pod on $n deleted" grep -qx "delete|pod|node-debugger-$n-x7k2q|--wait=false" "$CS_TMP/kubectl.calls"
done
check "kubectl: 7 calls (4 debug, 3 delete)" test "$(wc -l <"$CS_TMP/kubectl.calls")" -eq 7
check "kubectl: n9's kubectl error shown" grep -q 'nodes "n9" not found' "$CS_TMP/kubectl-debug.stderr"

# the two folders hold the same files with the same contents, counters and dates aside
sameish() { sed -E 's/^\[[0-9]+:[0-9]+\]/[c]/; s/^:([A-Z-]+) ([A-Z]+) \[[0-9]+:[0-9]+\]/:\1 \2 [c]/; /^# (Generated|Completed)/d; /"collected"/d' "$1"; }
same=1
for f in $(cd "$CS_TMP/ssh/cluster" && find . -type f | sort); do
    # JSON dumps aside (ip -j's byte counts move), and the scenario's NOTES.txt (the
    # failure's words are ssh's or kubectl's)
    case $f in ./NOTES.txt) continue ;; *.json) [[ $f == ./scenario.json ]] || continue ;; esac
    if ! diff <(sameish "$CS_TMP/ssh/cluster/$f") <(sameish "$CS_TMP/kubectl/cluster/$f") >&2; then
        bad "ssh and kubectl folders differ in $f"; same=0
    fi
done
((same)) && ok "ssh and kubectl folders hold the same dumps, notes and scenario.json"

for i in 1 2 3; do
    state "n$i" >"$CS_TMP/state-n$i.after"
    if diff -u "$CS_TMP/state-n$i.before" "$CS_TMP/state-n$i.after" >&2; then
        ok "n$i unchanged by the collection (rules, sets, addresses, routes, links, sysctls)"
    else
        bad "n$i changed by the collection"
    fi
done

engine() {   # engine DIR NODE DST PORT: pass, drop, reject (or the verdict kind) and the kind
    "$CLI" trace "$1" --from "$2:eth0" --src 10.89.0.2 --dst "$3" --dport "$4" --json | "$CS_PYTHON" -c 'import json,sys
b=json.load(sys.stdin)["branches"]
k=b[0]["verdict"]["kind"] if len(b)==1 else "uncertain"
print({"accept-local":"pass","delivered":"pass","drop":"drop","reject":"reject"}.get(k,k), k)'
}
cs_log "engine ($((SECONDS - start)) s)"
compared=0
for i in "${!CASES[@]}"; do
    IFS='|' read -r node dst port expect <<<"${CASES[i]}"
    k=${KERNEL[i]}
    [[ $k == "$expect" ]] || cs_log "NOTE $node $dst:$port: the kernel gave $k, the case expected $expect"
    # a pass to the node's own address is local delivery, to the pod (or DNAT) forwarding
    want_kind=accept-local
    [[ $dst == 10.244.* || $port == 30080 ]] && want_kind=delivered
    for sc in ssh/cluster kubectl/cluster; do
        read -r e kind < <(engine "$CS_TMP/$sc" "$node" "$dst" "$port")
        compared=$((compared + 1))
        if [[ $e == "$k" && ($e != pass || $kind == "$want_kind") ]]; then
            ok "$node $dst:$port ($sc): kernel $k, engine $kind"
        else
            bad "$node $dst:$port ($sc): kernel $k, engine $kind"
            "$CLI" trace "$CS_TMP/$sc" --from "$node:eth0" --src 10.89.0.2 --dst "$dst" --dport "$port" >&2 || true
        fi
    done
done
cs_log "${#CASES[@]} packets on 3 nodes, $compared engine traces compared, $((SECONDS - start)) s"
exit "$fail"
