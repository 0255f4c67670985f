#!/bin/sh
# Rewrites the golden HTML of tests/syntax (tst_syntax) from resources/syntax/{iptables,nftables}.xml,
# with the same options as the test. Review the diff before committing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/org.kde.syntax-highlighting/syntax"
cp "$root/resources/syntax/iptables.xml" "$root/resources/syntax/nftables.xml" "$home/org.kde.syntax-highlighting/syntax/"
for f in dump.rules listing.txt kube-proxy.nft firewalld.nft; do
    case "$f" in *.nft) syntax=nftables ;; *) syntax=iptables ;; esac
    XDG_DATA_HOME="$home" QT_LOGGING_RULES=kf.syntaxhighlighting.warning=true \
        kate-syntax-highlighter -s "$syntax" -f html -t "Breeze Light" -T chainscope "$here/$f" \
        > "$here/$f.html" 2> "$home/errors"
    if [ -s "$home/errors" ]; then
        cat "$home/errors" >&2
        exit 1
    fi
    echo "wrote $here/$f.html"
done
