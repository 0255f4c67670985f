#!/bin/sh
# tests/oracle/generated.sh - Suite 2 of the kernel oracle (generated differential testing).
# A wrapper that picks the distribution's python3 (a pyenv shim costs time and may lack
# nothing but speed); all options go to generated.py (see its --help).
# Exit 0: kernel and engine agree on every pair; 1: disagreements; 77: skipped.
dir=$(cd "$(dirname "$0")" && pwd)
py=${CS_PYTHON:-}
if [ -z "$py" ]; then
    if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; else py=python3; fi
fi
exec "$py" "$dir/generated.py" "$@"
