#!/bin/sh
# Installs what Chainscope needs on Debian 12 (bookworm) and builds it into build/.
# Used by run.sh and test.sh; safe to run again.
set -eu
cd "$(dirname "$0")/.."
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
PACKAGES="build-essential cmake ninja-build pkg-config \
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev \
  qt6-qpa-plugins libqt6svg6 fonts-dejavu-core fonts-wqy-microhei qt6-translations-l10n \
  iproute2 iptables nftables conntrack ipset procps curl iputils-ping python3 \
  libkf5syntaxhighlighting-tools xvfb xauth"
missing=
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends $missing
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel 2
