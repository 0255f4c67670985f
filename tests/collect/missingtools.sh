#!/bin/sh
# tests/collect/missingtools.sh - scripts/chainscope-collect on a node that lacks tools.
#
#   missingtools.sh COLLECTOR CHAINSCOPE-CLI
#
# The collector runs under dash with a PATH holding only the basic utilities it needs (sh,
# awk, grep, sed, ...): no iptables, nft, ipset, ip or sysctl. Every missing tool must be
# named in NOTES.txt, the sysctls must come from /proc/sys instead, and the folder must open
# in chainscope-cli as a scenario that traces (an empty ruleset standing in for iptables).
# A second run hides only ipset and nft: the iptables and ip files are there, the notes name
# the two missing tools. Read-only: the collector only reads the machine it runs on.
set -eu

COLLECT=$1
CLI=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chainscope-collect-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {   # check DESCRIPTION COMMAND...
    what=$1
    shift
    if "$@"; then
        echo "ok   $what"
    else
        echo "FAIL $what"
        fail=1
    fi
}

# a PATH of the basic utilities only
mkdir "$tmp/bin"
for t in sh dash awk grep sed date uname mkdir mv cat tr basename head rm printf id; do
    p=$(command -v "$t" 2>/dev/null) || continue
    case $p in /*) ln -s "$p" "$tmp/bin/$t" ;; esac
done
out="$tmp/bare"
PATH="$tmp/bin" dash "$COLLECT" -o "$out" --name bare 2>"$tmp/stderr" || { cat "$tmp/stderr"; echo "FAIL collector exit"; exit 1; }
for tool in iptables-legacy-save iptables-nft-save nft ipset "ip (iproute2)"; do
    check "NOTES.txt names $tool" grep -q "$tool not found" "$out/NOTES.txt"
done
check "NOTES.txt says the sysctls came from /proc/sys" grep -q "sysctl not found: read from /proc/sys" "$out/NOTES.txt"
check "sysctl.txt read from /proc/sys" grep -q '^net\.ipv4\.ip_forward = [01]$' "$out/sysctl.txt"
check "uname.txt written" test -s "$out/uname.txt"
check "no ip files without ip" test ! -e "$out/ip-addr.json"
check "an empty ruleset stands in" grep -q '"rules": \["iptables-none.txt"\]' "$out/scenario.json"
check "kept files are listed" grep -q '"kept": \[.*"NOTES.txt"' "$out/scenario.json"
"$CLI" trace "$out" --from bare --dst 192.0.2.1 --dport 80 --json >"$tmp/trace.json" 2>"$tmp/trace.err" || true
check "chainscope-cli opens and traces the folder" grep -q '"kind": *"delivered"' "$tmp/trace.json"
grep -q '"kind": *"delivered"' "$tmp/trace.json" || cat "$tmp/trace.err"

# only ipset and nft missing: everything else is collected
mkdir "$tmp/bin2"
IFS=:
for d in $PATH; do
    [ -d "$d" ] || continue
    for f in "$d"/*; do
        n=${f##*/}
        case $n in ipset|nft) continue ;; esac
        [ -e "$tmp/bin2/$n" ] || ln -s "$f" "$tmp/bin2/$n" 2>/dev/null || true
    done
done
unset IFS
out2="$tmp/some"
PATH="$tmp/bin2" dash "$COLLECT" -o "$out2" --name some 2>"$tmp/stderr2" || { cat "$tmp/stderr2"; echo "FAIL collector exit"; exit 1; }
check "NOTES.txt names nft" grep -q "skipped nft-ruleset.json: nft not found" "$out2/NOTES.txt"
check "NOTES.txt names ipset" grep -q "skipped ipset.txt: ipset not found" "$out2/NOTES.txt"
if command -v ip >/dev/null 2>&1; then
    for f in ip-addr.json ip-route.json ip-rule.json ip-link.json; do
        check "$f written" test -s "$out2/$f"
    done
    check "scenario.json names ip_rules" grep -q '"ip_rules": "ip-rule.json"' "$out2/scenario.json"
fi
"$CLI" trace "$out2" --from some --dst 127.0.0.1 --dport 80 --json >"$tmp/trace2.json" 2>"$tmp/trace2.err" || true
check "chainscope-cli opens the second folder" grep -q '"kind"' "$tmp/trace2.json"
grep -q '"kind"' "$tmp/trace2.json" || cat "$tmp/trace2.err"

# the bare machine again, into the second folder: nothing of the first run may stay behind
PATH="$tmp/bin" dash "$COLLECT" -o "$out2" --name some 2>"$tmp/stderr3" || { cat "$tmp/stderr3"; echo "FAIL collector exit"; exit 1; }
check "a second run into a folder leaves no file of the first (ip-addr.json)" test ! -e "$out2/ip-addr.json"
check "a second run's scenario.json names no ip files" test "$(grep -c '"addresses"' "$out2/scenario.json")" -eq 0
check "no unpacking folder left" test "$(find "$tmp" -maxdepth 1 -name '*.new.*' | wc -l)" -eq 0
exit $fail
