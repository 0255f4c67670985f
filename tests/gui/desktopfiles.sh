#!/bin/sh
# Installs the build into a scratch prefix and checks that sessions are registered as a
# document type: the desktop file names application/x-chainscope-session and the
# shared-mime-info package maps *.chainscope to it once update-mime-database has run.
set -eu
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
desktop="$prefix/share/applications/chainscope.desktop"
grep -q '^MimeType=.*application/x-chainscope-session;' "$desktop" || { echo "no session MimeType in $desktop"; exit 1; }
grep -q '^Exec=chainscope %F' "$desktop" || { echo "Exec does not take files in $desktop"; exit 1; }
package="$prefix/share/mime/packages/chainscope.xml"
[ -f "$package" ] || { echo "missing $package"; exit 1; }
if command -v update-mime-database >/dev/null; then
    update-mime-database "$prefix/share/mime"
    grep -q '^application/x-chainscope-session:\*\.chainscope$' "$prefix/share/mime/globs" \
        || { echo "*.chainscope is not application/x-chainscope-session"; cat "$prefix/share/mime/globs"; exit 1; }
else
    grep -q 'glob pattern="\*\.chainscope"' "$package" || { echo "no glob in $package"; exit 1; }
fi
echo "sessions registered: $desktop, $package"
