#!/bin/sh
# tests/oracle/nftgenerated.sh - generated nft rule sets, kernel against engine (issue 16).
# A wrapper that picks the distribution's python3; all options go to nftgenerated.py.
# Exit 0: kernel and engine agree on every pair; 1: disagreements; 77: skipped.
dir=$(cd "$(dirname "$0")" && pwd)
py=${CS_PYTHON:-}
if [ -z "$py" ]; then
    if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; else py=python3; fi
fi
exec "$py" "$dir/nftgenerated.py" "$@"
