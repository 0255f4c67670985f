#!/bin/sh
# Set-up (see setup.sh), then every test through ctest.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
cd build
ctest --output-on-failure --timeout 900
