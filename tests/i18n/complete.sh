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
    -source-language en -target-language zh_CN
python3 "$SRC/scripts/check-translations.py" "$tmp/zh_CN.ts"
