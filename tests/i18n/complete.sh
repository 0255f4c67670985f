#!/bin/sh
# Fails when a tr() string in the sources has no zh_CN translation, or a translation's
# placeholders differ from its source: lupdate the committed catalogue into a copy from the
# sources as they are now (new strings come in unfinished), then check the copy.
set -eu
LUPDATE=$1
SRC=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$SRC/translations/chainscope_zh_CN.ts" "$tmp/zh_CN.ts"
cd "$SRC"
"$LUPDATE" -silent app views model -ts "$tmp/zh_CN.ts" -locations relative -no-obsolete \
    -source-language en -target-language zh_CN 2>"$tmp/lupdate.err"
# A warning ("Qualifying with unknown namespace/class", "lacks Q_OBJECT macro") means strings
# filed under a context Qt never looks up: translated in the catalogue, English on screen.
if [ -s "$tmp/lupdate.err" ]; then
    cat "$tmp/lupdate.err" >&2
    exit 1
fi
python3 "$SRC/scripts/check-translations.py" "$tmp/zh_CN.ts"
