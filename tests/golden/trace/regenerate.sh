#!/bin/sh
# Regenerates the engine's trace golden files: one per packet preset of the incident, and
# one per fix (on node01 and node02) for the ClusterIP packet. NAME.args holds the
# chainscope-cli arguments, one per line, with SCENARIO standing for the scenario folder;
# NAME.json is what they printed. tst_tracegolden runs every NAME.args again and compares.
# Read `git diff tests/golden/trace` before committing: every change is a change in what
# the engine says.
# Usage: tests/golden/trace/regenerate.sh [path/to/chainscope-cli]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
cli=${1:-$repo/build/app/chainscope-cli}
sc=$repo/resources/scenarios/incident
rm -f "$here"/*.args "$here"/*.json
python3 "$here/presets.py" "$sc/scenario.json" "$here"
for args in "$here"/*.args; do
  python3 "$here/presets.py" --run "$cli" "$sc" "$args" > "${args%.args}.json"
done
ls "$here"/*.json | wc -l
