#!/bin/sh
# Set-up (see setup.sh), then the window on the bundled incident scenario.
# Extra arguments go to the application (e.g. --node node02).
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
if [ -x build/app/chainscope ]; then
  exec build/app/chainscope resources/scenarios/incident "$@"
fi
# Without the window (not built), the engine traces the incident's packet.
exec build/app/chainscope-cli trace resources/scenarios/incident --preset "curl the ClusterIP from master" "$@"
